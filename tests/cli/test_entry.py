"""`python -m lib template` and `python -m lib import`: the template from the shell, import or refuse."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd

from lib import config
from lib.__main__ import main
from lib.entry.template import OBS_SHEET
from tests.conftest import LEAD_A, write_data_dir

ROOT = Path(__file__).resolve().parents[2]


def _template(folder: Path, tmp_path: Path, cells: dict[str, object]) -> Path:
    out = tmp_path / "模板.xlsx"
    assert main(["template", "--year", "2024", "--data-dir", str(folder), "--out", str(out)]) == 0
    wb = openpyxl.load_workbook(out)
    for ref, value in cells.items():
        wb[OBS_SHEET][ref] = value
    wb.save(out)
    return out


def test_template_writes_department_workbook(tmp_path):
    folder, out = write_data_dir(tmp_path / "data"), tmp_path / "t.xlsx"
    code = main(["template", "--year", "2025", "--department", LEAD_A, "--data-dir", str(folder), "--out", str(out)])
    ws = openpyxl.load_workbook(out)[OBS_SHEET]
    assert code == 0 and [c.value for c in ws["A"][1:]] == ["A1-G01-1", "A1-M04-1"] and ws["D2"].value == 2025


def test_template_refuses_year_outside_plan(tmp_path, capsys):
    folder = write_data_dir(tmp_path / "data")
    code = main(["template", "--year", "2030", "--data-dir", str(folder), "--out", str(tmp_path / "t.xlsx")])
    assert code == 2 and "2030" in capsys.readouterr().err and not (tmp_path / "t.xlsx").exists()


def test_import_prints_problems_and_writes_nothing(tmp_path, capsys):
    folder = write_data_dir(tmp_path / "data")
    before = (folder / config.OBSERVATIONS).read_bytes()
    upload = _template(folder, tmp_path, {"F3": "约85", "F4": 120})
    code = main(["import", "--file", str(upload), "--data-dir", str(folder)])
    lines = capsys.readouterr().out.splitlines()
    assert code == 1 and lines[0].startswith("监测数据 第3行 〔数值〕：“约85”不是数字")
    assert lines[1].startswith("监测数据 第4行 〔数值〕：120超出百分比范围")
    assert (folder / config.OBSERVATIONS).read_bytes() == before


def test_import_dry_run_counts_and_writes_nothing(tmp_path, capsys):
    folder = write_data_dir(tmp_path / "data")
    before = (folder / config.OBSERVATIONS).read_bytes()
    upload = _template(folder, tmp_path, {"F3": 86.5, "I3": "正式"})
    code = main(["import", "--file", str(upload), "--data-dir", str(folder), "--dry-run"])
    assert code == 0 and "替换 1 行" in capsys.readouterr().out
    assert (folder / config.OBSERVATIONS).read_bytes() == before


def test_import_writes_official_rows(tmp_path, capsys):
    folder = write_data_dir(tmp_path / "data")
    upload = _template(folder, tmp_path, {"F3": 86.5, "I3": "正式"})
    assert main(["import", "--file", str(upload), "--data-dir", str(folder)]) == 0
    obs = pd.read_parquet(folder / config.OBSERVATIONS)
    row = obs[(obs["indicator_id"] == "A2-G01-1") & (obs["year"] == 2024)]
    assert row[["value", "is_sample"]].values.tolist() == [[86.5, False]] and (folder / "backups").is_dir()


def test_import_reports_missing_file(tmp_path, capsys):
    assert main(["import", "--file", str(tmp_path / "无.xlsx"), "--data-dir", str(tmp_path)]) == 2
    assert "找不到文件" in capsys.readouterr().out


def test_import_runs_as_module_with_exit_code_1(tmp_path):
    folder = write_data_dir(tmp_path / "data")
    upload = _template(folder, tmp_path, {"F3": "约85"})
    result = subprocess.run(
        [sys.executable, "-m", "lib", "import", "--file", str(upload), "--data-dir", str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1 and "第3行 〔数值〕" in result.stdout
