"""`python -m lib template`: the template from the shell (importing one: tests/cli/test_store_cli.py)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from lib.__main__ import main
from lib.entry.template import OBS_SHEET
from tests.conftest import LEAD_A, write_data_dir


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
