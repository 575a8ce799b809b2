"""The Word report as PDF: LibreOffice headless (Debian's libreoffice-writer-nogui) in a temporary folder.

Each conversion gets its own temporary LibreOffice profile and HOME (two conversions at once do not
share a lock) and the fonts.conf beside this module, which maps 仿宋/宋体/黑体 to the Noto CJK fonts.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

FONTS_CONF = Path(__file__).with_name("fonts.conf")
TIMEOUT_SECONDS = 180
MISSING = (
    "无法生成 PDF：服务器未安装 LibreOffice（Debian 软件包 libreoffice-writer-nogui，"
    "可运行 scripts/install-test-deps.sh 安装）；请下载 Word 文档后自行另存为 PDF。"
)


class PdfUnavailable(RuntimeError):
    """No PDF could be made; the message says why, in Chinese."""


def soffice_path() -> str | None:
    """The LibreOffice command on this machine, None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(payload: bytes, timeout: int = TIMEOUT_SECONDS) -> bytes:
    """Convert .docx bytes to PDF bytes; PdfUnavailable (Chinese message) when LibreOffice is absent or fails."""
    command = soffice_path()
    if command is None:
        raise PdfUnavailable(MISSING)
    with tempfile.TemporaryDirectory(prefix="boshan-pdf-") as folder:
        work = Path(folder)
        source = work / "report.docx"
        source.write_bytes(payload)
        env = {**os.environ, "HOME": str(work), "FONTCONFIG_FILE": str(FONTS_CONF)}
        args = [
            command,
            "--headless",
            "--norestore",
            "--nolockcheck",
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(source),
        ]
        try:
            done = subprocess.run(args, env=env, cwd=work, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            raise PdfUnavailable(f"PDF 转换超时（超过{timeout}秒），请稍后重试或下载 Word 文档。") from exc
        result = work / "report.pdf"
        if not result.exists():
            detail = (done.stderr or done.stdout or "").strip().splitlines()[-1:] or ["无输出"]
            raise PdfUnavailable(f"PDF 转换失败（LibreOffice 退出码 {done.returncode}：{detail[0]}）。")
        return result.read_bytes()


def count_pages(pdf: bytes) -> int:
    """Pages of a PDF, counted from its page objects (/Type /Page, not /Pages)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
