"""AppTest of 数据版本 and 账户与日志, and of login for viewing: each role sees what it may do, nothing more."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from lib import config
from lib.store import accounts, audit, settings, versions
from lib.store.db import open_store
from tests.conftest import LEAD_A, logged_in

APP = Path(__file__).resolve().parents[2] / "app.py"


def _app(view: str, user: str | None = None) -> AppTest:
    """The real app (its navigation and top bar), opened on one of its views."""
    at = AppTest.from_file(str(APP), default_timeout=30)
    if user:
        logged_in(at, user)
    at.run()
    return at.switch_page(f"views/{view}")


def _run(view: str, user: str | None = "office") -> AppTest:
    at = _app(view, user).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _bump(store, by: float = 1.0) -> int:
    snap = versions.snapshot(store)
    obs = snap.observations.copy()
    obs["value"] += by
    return versions.commit(store, {"observations": obs}, snap.version, "office", versions.IMPORT_ACTION).id


def test_versions_page_needs_a_login(data_dir, office):
    at = _run("versions.py", user=None)
    assert [t.label for t in at.text_input] == ["用户名", "密码"] and len(at.dataframe) == 0


def test_versions_page_lists_versions_and_shows_a_change(data_dir, office):
    _bump(open_store())
    at = _run("versions.py")
    history = at.dataframe[0].value
    assert history["版本"].tolist() == [1, 0] and history["操作"].tolist() == ["导入", "初始数据"]
    assert at.metric[0].value == "第 1 版"
    changes = at.dataframe[1].value
    assert set(changes["变更"]) == {"修订"} and len(changes) == len(versions.snapshot(open_store()).observations)


def test_restore_on_the_page_brings_the_old_values_back(data_dir, office):
    store = open_store()
    old = versions.snapshot(store, 0).observations
    _bump(store)
    at = _run("versions.py")
    assert at.button(key="versions_restore_button").disabled  # until confirmed
    at.checkbox(key="versions_sure").check().run()
    at.button(key="versions_restore_button").click().run()
    assert not at.exception and "已恢复" in at.success[0].value
    published = pd.read_parquet(config.data_dir() / config.OBSERVATIONS)
    assert sorted(published["value"]) == sorted(old["value"])
    assert versions.list_versions(store)[0].restored_from == 0


def test_reporter_sees_versions_but_cannot_restore(data_dir, office):
    accounts.add_account(open_store(), "wj", accounts.ROLE_REPORTER, "report-pass-1", LEAD_A, by=accounts.SHELL)
    _bump(open_store())
    at = _run("versions.py", user="wj")
    assert len(at.dataframe) == 2 and len(at.checkbox) == 0
    assert not any(b.key == "versions_restore_button" for b in at.button)


def test_accounts_page_is_for_the_office_only(data_dir, office):
    accounts.add_account(open_store(), "wj", accounts.ROLE_REPORTER, "report-pass-1", LEAD_A, by=accounts.SHELL)
    at = _run("accounts.py", user="wj")
    assert "只有管理员" in at.warning[0].value and len(at.dataframe) == 0


def test_accounts_page_lists_accounts_and_the_audit_log(data_dir, office):
    at = _run("accounts.py")
    table = at.dataframe[0].value
    assert table.values.tolist() == [["office", "管理员", "", "正常"]]
    log = at.dataframe[1].value
    assert list(log.columns) == audit.LOG_COLUMNS and log.iloc[0]["操作"] == audit.ACCOUNT_ADDED


def test_office_adds_a_reporter_on_the_page(data_dir, office):
    at = _run("accounts.py")
    at.text_input(key="acc_new_name").input("wj")
    at.selectbox(key="acc_new_role").set_value(accounts.ROLE_REPORTER)
    at.selectbox(key="acc_new_department").set_value(LEAD_A)
    at.text_input(key="acc_new_password").input("report-pass-1")
    at.text_input(key="acc_new_password2").input("report-pass-1")
    next(b for b in at.button if b.label == "创建").click().run()
    assert not at.exception and "已创建账户 wj（填报员，区卫生健康局）" in at.success[0].value
    assert accounts.authenticate(open_store(), "wj", "report-pass-1").department == LEAD_A


def test_login_for_viewing_when_the_office_turns_it_on(data_dir, office):
    assert len(_run("overview.py", user=None).title) == 1  # open by default
    settings.set_setting(open_store(), settings.VIEW_LOGIN, "1", office)
    at = _run("overview.py", user=None)
    assert [t.label for t in at.text_input] == ["用户名", "密码"] and len(at.title) == 0
    assert len(_run("overview.py").title) == 1  # logged in


def _oidc(at: AppTest, email: str) -> AppTest:
    at.secrets["auth"] = {"client_id": "x", "client_secret": "y", "server_metadata_url": "https://id.example/.well"}
    at.user = {"is_logged_in": True, "email": email, "name": "某某"}
    return at


def test_an_openid_connect_identity_maps_to_the_account_of_that_name(data_dir, office):
    accounts.add_account(open_store(), "wj@boshan.gov.cn", "填报员", "report-pass-1", LEAD_A, by=accounts.SHELL)
    at = _oidc(_app("data_import.py"), "wj@boshan.gov.cn").run()
    assert not at.exception and any("已登录：wj@boshan.gov.cn（填报员" in c.value for c in at.caption)
    assert audit.read_log(open_store()).iloc[0]["说明"] == "填报员（统一身份认证）"


def test_an_openid_connect_identity_without_an_account_is_refused(data_dir, office):
    at = _oidc(_app("data_import.py"), "x@y.cn").run()
    assert len(at.file_uploader) == 0 and any(b.label == "使用统一身份认证登录" for b in at.button)
    assert audit.read_log(open_store()).iloc[0]["操作"] == audit.LOGIN_FAILED


def test_a_page_run_catches_up_with_a_version_another_server_committed(data_dir, tmp_path, monkeypatch):
    from lib.ui import auth

    url = f"sqlite:///{tmp_path / 'shared.db'}"
    other = open_store(state=tmp_path / "other-server", url=url, source=data_dir)
    _bump(other)
    monkeypatch.setenv("BOSHAN_DATABASE_URL", url)
    monkeypatch.setattr(auth, "_last_refresh", [0.0])
    assert config.published_dir() is None  # this server has published nothing yet
    _run("overview.py", user=None)
    assert config.published_dir().name == "v000001"
