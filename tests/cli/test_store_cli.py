"""`python -m lib import|versions|restore|user`: the store from the shell, with the same permissions as the pages."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from lib import config
from lib.__main__ import main
from lib.cli.store import run_user
from lib.entry.template import OBS_SHEET
from lib.store import accounts, audit, versions
from lib.store.db import open_store
from tests.conftest import LEAD_A

ROOT = Path(__file__).resolve().parents[2]


def _template(tmp_path: Path, cells: dict[str, object], department: str | None = None) -> Path:
    out = tmp_path / "模板.xlsx"
    args = ["template", "--year", "2024", "--out", str(out)] + (["--department", department] if department else [])
    assert main(args) == 0
    wb = openpyxl.load_workbook(out)
    for ref, value in cells.items():
        wb[OBS_SHEET][ref] = value
    wb.save(out)
    return out


def _live(indicator="A2-G01-1"):
    obs = pd.read_parquet(config.data_dir() / config.OBSERVATIONS)
    return obs[(obs["indicator_id"] == indicator) & (obs["year"] == 2024) & obs["subgroup"].isna()]


def test_import_prints_problems_and_writes_nothing(data_dir, office, tmp_path, capsys):
    upload = _template(tmp_path, {"F3": "约85", "F4": 120})
    code = main(["import", "--file", str(upload), "--user", "office"])
    lines = capsys.readouterr().out.splitlines()
    assert code == 1 and lines[0].startswith("监测数据 第3行 〔数值〕：“约85”不是数字")
    assert lines[1].startswith("监测数据 第4行 〔数值〕：120超出百分比范围")
    assert versions.snapshot(open_store()).version == 0


def test_import_dry_run_counts_and_writes_nothing(data_dir, office, tmp_path, capsys):
    upload = _template(tmp_path, {"F3": 86.5, "I3": "正式"})
    code = main(["import", "--file", str(upload), "--user", "office", "--dry-run"])
    assert code == 0 and "替换 1 行" in capsys.readouterr().out
    assert versions.snapshot(open_store()).version == 0


def test_import_commits_a_version_readers_see(data_dir, office, tmp_path, capsys):
    upload = _template(tmp_path, {"F3": 86.5, "I3": "正式"})
    assert main(["import", "--file", str(upload), "--user", "office"]) == 0
    assert "已导入为第 1 版" in capsys.readouterr().out
    assert _live()[["value", "is_sample"]].values.tolist() == [[86.5, False]]
    (made, _seed) = versions.list_versions(open_store())
    assert (made.user_name, made.file_name) == ("office", "模板.xlsx")


def test_import_as_unknown_or_read_only_user_is_refused(data_dir, office, tmp_path, capsys):
    accounts.add_account(open_store(), "guest", accounts.ROLE_VIEWER, "guest-pass-1", by=accounts.SHELL)
    upload = _template(tmp_path, {"F3": 86.5})
    assert main(["import", "--file", str(upload), "--user", "nobody"]) == 1
    assert "没有账户“nobody”" in capsys.readouterr().out
    assert main(["import", "--file", str(upload), "--user", "guest"]) == 1
    assert "无权导入数据" in capsys.readouterr().out
    assert versions.snapshot(open_store()).version == 0


def test_reporter_import_of_another_departments_rows_is_refused_by_row(data_dir, office, tmp_path, capsys):
    accounts.add_account(open_store(), "wj", accounts.ROLE_REPORTER, "report-pass-1", LEAD_A, by=accounts.SHELL)
    upload = _template(tmp_path, {"F2": 7.5, "F3": 86.5})  # the all-units template: row 3 is 区教育和体育局's
    assert main(["import", "--file", str(upload), "--user", "wj"]) == 1
    out = capsys.readouterr().out
    assert "监测数据 第3行 〔指标编号〕：指标 A2-G01-1 不属于区卫生健康局的填报范围" in out
    assert versions.snapshot(open_store()).version == 0


def test_import_reports_missing_file(data_dir, office, tmp_path, capsys):
    assert main(["import", "--file", str(tmp_path / "无.xlsx"), "--user", "office"]) == 2
    assert "找不到文件" in capsys.readouterr().out


def test_versions_lists_and_shows_changes_and_restore_brings_the_value_back(data_dir, office, tmp_path, capsys):
    before = _live()["value"].item()
    main(["import", "--file", str(_template(tmp_path, {"F3": 86.5})), "--user", "office"])
    capsys.readouterr()
    assert main(["versions", "--format", "csv"]) == 0
    listed = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert listed["版本"].tolist() == [1, 0] and listed["用户"].tolist() == ["office", "系统"]
    assert main(["versions", "--version", "1", "--format", "csv"]) == 0
    change = pd.read_csv(io.StringIO(capsys.readouterr().out), dtype=str).iloc[0]
    assert (change["指标编号"], change["原值"], change["新值"]) == ("A2-G01-1", f"{before:g}", "86.5")
    assert main(["restore", "--version", "0", "--user", "office"]) == 0
    assert "第 2 版的数据与第 0 版相同" in capsys.readouterr().out
    assert _live()["value"].item() == before


def test_restore_needs_an_administrator(data_dir, office, capsys):
    accounts.add_account(open_store(), "wj", accounts.ROLE_REPORTER, "report-pass-1", LEAD_A, by=accounts.SHELL)
    assert main(["restore", "--version", "0", "--user", "wj"]) == 1
    assert "无权恢复版本" in capsys.readouterr().out
    assert audit.read_log(open_store()).iloc[0]["操作"] == audit.REFUSED


def test_user_add_reads_the_password_from_stdin_never_the_command_line(data_dir):
    out = io.StringIO()
    code = run_user("add", "wj", accounts.ROLE_REPORTER, LEAD_A, stdin=io.StringIO("from-stdin-1\n"), out=out)
    assert code == 0 and "已创建账户 wj" in out.getvalue()
    assert accounts.authenticate(open_store(), "wj", "from-stdin-1").department == LEAD_A
    with pytest.raises(SystemExit):
        main(["user", "add", "--name", "x", "--role", "只读", "--password", "on-the-line"])


def test_user_add_refuses_bad_input_in_chinese(data_dir):
    out = io.StringIO()
    assert run_user("add", "x", accounts.ROLE_VIEWER, stdin=io.StringIO("short\n"), out=out) == 1
    assert "密码至少 8 位" in out.getvalue()
    assert (
        run_user("add", "x", accounts.ROLE_REPORTER, "不存在的局", stdin=io.StringIO("long-enough-1\n"), out=out) == 1
    )
    assert "不是规划中列出的" in out.getvalue()


def test_user_list_disable_enable_passwd(data_dir, office):
    out = io.StringIO()
    assert run_user("disable", "office", out=out) == 0 and run_user("list", out=out) == 0
    assert "已停用" in out.getvalue()
    assert run_user("enable", "office", out=out) == 0
    assert run_user("passwd", "office", stdin=io.StringIO("new-pass-123\n"), out=out) == 0
    assert accounts.authenticate(open_store(), "office", "new-pass-123").is_admin
    assert run_user("passwd", "nobody", stdin=io.StringIO("new-pass-123\n"), out=out) == 1


def test_import_runs_as_module_with_exit_code_1(data_dir, office, tmp_path):
    upload = _template(tmp_path, {"F3": "约85"})
    result = subprocess.run(
        [sys.executable, "-m", "lib", "import", "--file", str(upload), "--user", "office"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1 and "第3行 〔数值〕" in result.stdout
