#!/usr/bin/env bash
# Installs the Debian packages the tests and the report need, only those missing:
#   chromium           browser tests (Playwright never downloads a browser: the tests launch /usr/bin/chromium)
#   fonts-noto-cjk     Chinese text in the browser, in the report's chart images (vl-convert) and in the PDF
#   libreoffice-writer-nogui  the report as PDF (soffice --headless --convert-to pdf) and its test
#   poppler-utils      pdfinfo/pdftotext/pdftoppm to inspect the PDF (optional for the tests)
#   postgresql         the store's tests on PostgreSQL: tests/pg_cluster.py runs initdb/pg_ctl/postgres from
#                      /usr/lib/postgresql/<version>/bin in a throwaway cluster (the package's own cluster is not used)
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -d /usr/share/fonts/opentype/noto ] && ls /usr/share/fonts/opentype/noto/*CJK* >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
command -v pdfinfo >/dev/null 2>&1 || missing+=(poppler-utils)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "测试、报告 PDF 和 PostgreSQL 上的存储测试需要以下 Debian 软件包：${missing[*]}；请以 root 运行 'apt-get install ${missing[*]}'。" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
