"""`python -m lib round open|status|close`, `submit`, `review`: the reporting round from the shell, in Chinese."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import openpyxl

from lib.__main__ import main
from lib.entry.template import OBS_SHEET, QUAL_SHEET
from lib.store import accounts, rounds, versions
from lib.store.db import open_store
from tests.conftest import LEAD_A

YEAR = "2025"


def _open(capsys) -> None:
    deadline = f"{rounds.today() + timedelta(days=10):%Y-%m-%d}"
    assert main(["round", "open", "--year", YEAR, "--deadline", deadline, "--user", "office"]) == 0
    assert "已开启2025年度报送" in capsys.readouterr().out


def _reporter() -> None:
    accounts.add_account(open_store(), "wj", accounts.ROLE_REPORTER, "report-pass-1", LEAD_A, by=accounts.SHELL)


def _filled(tmp_path: Path, values: dict[str, object]) -> Path:
    out = tmp_path / "卫健.xlsx"
    assert main(["template", "--year", YEAR, "--department", LEAD_A, "--out", str(out)]) == 0
    wb = openpyxl.load_workbook(out)
    for sheet, column in ((OBS_SHEET, "F"), (QUAL_SHEET, "D")):
        for row in wb[sheet].iter_rows(min_row=2):
            if row[0].value in values:
                wb[sheet][f"{column}{row[0].row}"] = values[row[0].value]
    wb.save(out)
    return out


def test_open_status_close(data_dir, office, capsys):
    _open(capsys)
    assert main(["round", "status", "--year", YEAR, "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split(",") == rounds.TRACKER_COLUMNS and len(lines) == 3  # two departments
    assert main(["round", "status", "--year", YEAR]) == 0
    assert "报送率 0/10，及时率 0/10" in capsys.readouterr().out
    assert main(["round", "close", "--year", YEAR, "--user", "office"]) == 0
    assert main(["round", "close", "--year", YEAR, "--user", "office"]) == 1
    assert "已关闭" in capsys.readouterr().out


def test_errors_in_chinese_and_nonzero(data_dir, office, capsys):
    _reporter()
    assert main(["round", "open", "--year", YEAR, "--deadline", "2026-3-1", "--user", "office"]) == 1
    assert "截止日期应写成 YYYY-MM-DD" in capsys.readouterr().out
    assert main(["round", "open", "--year", YEAR, "--deadline", "2026-03-01", "--user", "wj"]) == 1
    assert "无权开启或关闭年度报送" in capsys.readouterr().out
    assert main(["round", "status", "--year", YEAR]) == 1
    assert "尚未开启" in capsys.readouterr().out


def test_submit_a_filled_template_then_return_and_accept(data_dir, office, tmp_path, capsys):
    _open(capsys)
    _reporter()
    upload = _filled(tmp_path, {"A1-G01-1": 7.9, "A1-M04-1": 96.0, "A1-G02-1": "已完成"})
    assert main(["submit", "--file", str(upload), "--user", "wj"]) == 0
    assert "已报送 3 项：A1-G01-1、A1-G02-1、A1-M04-1" in capsys.readouterr().out
    review = ["review", "--year", YEAR, "--department", LEAD_A, "--user", "office"]
    assert main([*review, "--return", "请附统计口径", "--indicator", "A1-M04-1"]) == 0
    assert "已退回 1 项：A1-M04-1" in capsys.readouterr().out
    assert main([*review, "--accept", "--user", "wj"]) == 1
    assert "无权审核报送数据" in capsys.readouterr().out
    assert main([*review, "--accept"]) == 0
    assert "已通过 2 项：A1-G01-1、A1-G02-1，已写入正式数据（第 1 版）" in capsys.readouterr().out
    obs = versions.snapshot(open_store()).observations
    assert obs[(obs["indicator_id"] == "A1-G01-1") & (obs["year"] == 2025)]["value"].tolist() == [7.9]


def test_submit_refuses_an_unusual_move_without_a_note(data_dir, office, tmp_path, capsys):
    _open(capsys)
    _reporter()
    assert main(["submit", "--file", str(_filled(tmp_path, {"A1-M04-1": 60.0})), "--user", "wj"]) == 1
    out = capsys.readouterr().out
    assert "未通过核实性检查" in out and "较上年变动超过 10 个百分点" in out
