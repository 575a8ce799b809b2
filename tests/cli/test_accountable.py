"""`python -m lib accountable`: list measure targets with their accountable department, set the office's entry."""

from __future__ import annotations

import io

import pandas as pd

from lib.__main__ import main
from lib.cli.accountable import run_accountable
from lib.presentation import roles


def _run(data_dir, *args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    indicator, department = (args + (None, None))[:2]
    code = run_accountable(indicator, department, data_dir, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_accountable_lists_default(data_dir):
    code, out, _ = _run(data_dir)
    table = pd.read_csv(io.StringIO(out))
    assert code == 0
    assert table.values.tolist() == [["A1-M04-1", "孕产妇系统管理率", "区卫生健康局", roles.BASIS_FIRST_GOAL]]


def test_accountable_sets_entry_atomically(data_dir):
    code, out, _ = _run(data_dir, "A1-M04-1", "区妇联")
    assert code == 0 and "已设定" in out
    assert roles.read_accountable(data_dir).values.tolist() == [["A1-M04-1", "区妇联", roles.BASIS_OFFICE]]
    assert not list(data_dir.glob(".*.tmp"))
    listed = pd.read_csv(io.StringIO(_run(data_dir)[1]))
    assert listed["department"].tolist() == ["区妇联"]


def test_accountable_rejects_goal_indicator_in_chinese(data_dir):
    code, _, err = _run(data_dir, "A1-G01-1", "区妇联")
    assert code == 2 and "不是规划措施中提出的指标" in err
    assert not (data_dir / roles.ACCOUNTABLE_FILE).exists()


def test_accountable_needs_both_arguments(data_dir):
    code, _, err = _run(data_dir, "A1-M04-1")
    assert code == 2 and "须同时给出" in err


def test_main_dispatches_accountable(data_dir, capsys):
    assert main(["accountable", "--data-dir", str(data_dir)]) == 0
    assert "A1-M04-1" in capsys.readouterr().out
