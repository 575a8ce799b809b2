"""`python -m lib accountable`: list measure targets with their accountable department, set the office's entry."""

from __future__ import annotations

import io

import pandas as pd

from lib import config
from lib.__main__ import main
from lib.cli.accountable import run_accountable
from lib.presentation import roles


def _run(data_dir, *args, user: str | None = "office") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    indicator, department = (args + (None, None))[:2]
    code = run_accountable(indicator, department, None, out=out, err=err, user=user)
    return code, out.getvalue(), err.getvalue()


def test_accountable_lists_default(data_dir):
    code, out, _ = _run(data_dir)
    table = pd.read_csv(io.StringIO(out))
    assert code == 0
    assert table.values.tolist() == [["A1-M04-1", "孕产妇系统管理率", "区卫生健康局", roles.BASIS_FIRST_GOAL]]


def test_accountable_sets_entry_as_a_new_version(data_dir, office):
    code, out, _ = _run(data_dir, "A1-M04-1", "区妇联")
    assert code == 0 and "已设定" in out and "第 1 版" in out
    published = config.data_dir()
    assert roles.read_accountable(published).values.tolist() == [["A1-M04-1", "区妇联", roles.BASIS_OFFICE]]
    assert not (data_dir / roles.ACCOUNTABLE_FILE).exists()  # the shipped data stays as shipped
    listed = pd.read_csv(io.StringIO(_run(data_dir)[1]))
    assert listed["department"].tolist() == ["区妇联"]


def test_accountable_needs_an_administrator(data_dir, office):
    from lib.store import accounts
    from lib.store.db import open_store

    accounts.add_account(open_store(), "wj", accounts.ROLE_REPORTER, "report-pass-1", "区卫生健康局", by=accounts.SHELL)
    code, _, err = _run(data_dir, "A1-M04-1", "区妇联", user="wj")
    assert code == 1 and "无权设定负责单位" in err
    assert _run(data_dir, "A1-M04-1", "区妇联", user=None)[0] == 2


def test_accountable_rejects_goal_indicator_in_chinese(data_dir, office):
    code, _, err = _run(data_dir, "A1-G01-1", "区妇联")
    assert code == 2 and "不是规划措施中提出的指标" in err
    assert not (data_dir / roles.ACCOUNTABLE_FILE).exists()


def test_accountable_needs_both_arguments(data_dir):
    code, _, err = _run(data_dir, "A1-M04-1")
    assert code == 2 and "须同时给出" in err


def test_main_dispatches_accountable(data_dir, capsys):
    assert main(["accountable", "--data-dir", str(data_dir)]) == 0
    assert "A1-M04-1" in capsys.readouterr().out
