"""`python -m lib report`: writes a valid .docx, Chinese message and exit 2 on bad input, nothing half-written."""
from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from docx import Document

from conftest import write_data_dir
from lib.__main__ import main
from lib.cli.report import run_report

ROOT = Path(__file__).resolve().parents[2]


def test_run_report_writes_docx(tmp_path):
    folder = write_data_dir(tmp_path / "data")
    out = tmp_path / "报告.docx"
    assert run_report(2023, out, folder, err=io.StringIO()) == 0
    assert "2023年中期评估报告" in Document(str(out)).paragraphs[0].text
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_run_report_bad_year_exit_2(tmp_path):
    err = io.StringIO()
    assert run_report(2019, tmp_path / "r.docx", write_data_dir(tmp_path / "data"), err=err) == 2
    assert "评估年度" in err.getvalue() and "2019" in err.getvalue()
    assert not (tmp_path / "r.docx").exists()


def test_run_report_wrong_extension_exit_2(tmp_path):
    err = io.StringIO()
    assert run_report(2024, tmp_path / "r.pdf", write_data_dir(tmp_path / "data"), err=err) == 2
    assert ".docx" in err.getvalue()


def test_run_report_missing_folder_exit_2(tmp_path):
    err = io.StringIO()
    assert run_report(2024, tmp_path / "无此目录" / "r.docx", write_data_dir(tmp_path / "data"), err=err) == 2
    assert "文件夹不存在" in err.getvalue()


def test_run_report_missing_catalogue_keeps_old_file(tmp_path):
    out = tmp_path / "r.docx"
    out.write_bytes(b"old")
    err = io.StringIO()
    assert run_report(2024, out, tmp_path / "empty", err=err) == 2
    assert "找不到目录表" in err.getvalue()
    assert out.read_bytes() == b"old"


def test_main_report_subcommand(tmp_path):
    out = tmp_path / "r.docx"
    assert main(["report", "--year", "2024", "--out", str(out), "--data-dir", str(write_data_dir(tmp_path / "d"))]) == 0
    assert Document(str(out)).paragraphs[0].text.endswith("2024年监测报告")


def test_cli_report_module_on_shipped_data(tmp_path):
    out = tmp_path / "r.docx"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "lib", "report", "--year", "2025", "--out", str(out),
                           "--data-dir", str(ROOT / "data")], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "示例数据" in done.stderr
    assert "终期评估" in Document(str(out)).paragraphs[0].text
