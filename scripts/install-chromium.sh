#!/usr/bin/env bash
# Installs Debian's chromium (and CJK fonts so Chinese text renders) for the browser tests.
# Playwright never downloads a browser here: the tests launch /usr/bin/chromium.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "浏览器测试需要 /usr/bin/chromium：请以 root 运行 'apt-get install chromium fonts-noto-cjk'。" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends chromium fonts-noto-cjk
