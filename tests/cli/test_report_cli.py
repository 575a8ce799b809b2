"""`python -m lib report`: a valid .docx (or .pdf); Chinese message, exit 2 on bad input; nothing half-written."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

from lib import config
from lib.__main__ import main
from lib.cli.report import build_report, run_report
from lib.cli.status import load_and_compute
from lib.engine.rollup import compute_rollup
from lib.entry.report_texts import PENDING, SECTION_SUGGESTIONS, save_report_texts
from lib.outputs.pdf import count_pages, soffice_path
from lib.presentation import formatting as fmt
from tests.conftest import write_data_dir

ROOT = Path(__file__).resolve().parents[2]
WITH_CHARTS = ("test_run_report_pdf",)


@pytest.fixture(autouse=True)
def state(tmp_path, monkeypatch):
    monkeypatch.setenv("BOSHAN_STATE_DIR", str(tmp_path / "state"))
    return tmp_path / "state"


@pytest.fixture(autouse=True)
def no_charts(request, monkeypatch):
    # rendering the images takes seconds; tests/outputs/test_report.py and the two end-to-end tests here check them
    if request.node.name not in WITH_CHARTS:
        monkeypatch.setattr("lib.outputs.report.chart_images", lambda *a, **k: (None, {}, None))


def test_run_report_writes_docx(tmp_path):
    folder = write_data_dir(tmp_path / "data")
    out = tmp_path / "报告.docx"
    assert run_report(2023, out, folder, err=io.StringIO()) == 0
    assert "2023年中期评估报告" in Document(str(out)).paragraphs[0].text
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_run_report_prints_saved_suggestions(tmp_path, state, data_dir, office):
    folder = data_dir
    save_report_texts(2024, {SECTION_SUGGESTIONS: "建立季度会商机制。"}, office, state)
    out = tmp_path / "r.docx"
    assert run_report(2024, out, folder, err=io.StringIO()) == 0
    texts = [p.text for p in Document(str(out)).paragraphs]
    assert texts[texts.index("五、对策建议") + 1] == "建立季度会商机制。"
    assert PENDING in texts  # 总体评价 not written


def test_report_rate_equals_status_command(tmp_path):
    folder = write_data_dir(tmp_path / "data")
    payload, _ = build_report(2024, folder)
    text = "\n".join(p.text for p in Document(io.BytesIO(payload)).paragraphs)
    catalogue = {k: __import__("pandas").read_parquet(folder / f"{k}.parquet") for k in ("indicators", "goals")}
    overall = compute_rollup(load_and_compute(2024, folder), catalogue["indicators"], catalogue["goals"], "overall")
    assert f"总体达标率为{fmt.format_rate(overall['achievement_rate'].iloc[0])}" in text


def test_run_report_bad_year_exit_2(tmp_path):
    err = io.StringIO()
    assert run_report(2019, tmp_path / "r.docx", write_data_dir(tmp_path / "data"), err=err) == 2
    assert "评估年度" in err.getvalue() and "2019" in err.getvalue()
    assert not (tmp_path / "r.docx").exists()


def test_run_report_wrong_extension_exit_2(tmp_path):
    err = io.StringIO()
    assert run_report(2024, tmp_path / "r.txt", write_data_dir(tmp_path / "data"), err=err) == 2
    assert ".docx" in err.getvalue() and ".pdf" in err.getvalue()


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


def test_run_report_pdf_without_libreoffice_exit_2(tmp_path, monkeypatch):
    monkeypatch.setattr("lib.outputs.pdf.soffice_path", lambda: None)
    err = io.StringIO()
    assert run_report(2024, tmp_path / "r.pdf", write_data_dir(tmp_path / "data"), err=err) == 2
    assert "LibreOffice" in err.getvalue() and not (tmp_path / "r.pdf").exists()


@pytest.mark.skipif(soffice_path() is None, reason="LibreOffice 未安装（scripts/install-test-deps.sh）")
def test_run_report_pdf(tmp_path):
    out = tmp_path / "r.pdf"
    assert run_report(2024, out, write_data_dir(tmp_path / "data"), err=io.StringIO()) == 0
    assert out.read_bytes().startswith(b"%PDF") and count_pages(out.read_bytes()) > 1


def test_main_report_subcommand(tmp_path):
    out = tmp_path / "r.docx"
    assert main(["report", "--year", "2024", "--out", str(out), "--data-dir", str(write_data_dir(tmp_path / "d"))]) == 0
    assert Document(str(out)).paragraphs[0].text.endswith("2024年监测报告")


def test_cli_report_module_on_shipped_data(tmp_path):
    out = tmp_path / "r.docx"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "lib", "report", "--year", "2025", "--out", str(out), "--data-dir", str(ROOT / "data")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert config.SAMPLE_LABEL.split("（")[0] in done.stderr
    doc = Document(str(out))
    assert "终期评估" in doc.paragraphs[0].text and config.SAMPLE_LABEL in doc.paragraphs[1].text
    assert len(doc.inline_shapes) > 1
