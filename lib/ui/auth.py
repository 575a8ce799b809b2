"""Login for the pages that change data (and, when the office turns it on, for viewing).

The account is kept in the browser session's state and checked against the store on every run: a
disabled account is logged out at once, and a session idle longer than $BOSHAN_SESSION_IDLE_MINUTES
(default 30) ends. A reload starts a new session (Streamlit keeps session state in server memory).
"""

from __future__ import annotations

import logging
import os
import threading
import time

import streamlit as st

from lib.store import accounts, audit, settings
from lib.store.accounts import Account
from lib.store.db import DATABASE_URL_ENV, Store, may_exist, open_store
from lib.store.publish import ensure_published

LOG = logging.getLogger(__name__)
IDLE_ENV = "BOSHAN_SESSION_IDLE_MINUTES"
DEFAULT_IDLE_MINUTES = 30
KEY_ACCOUNT, KEY_SEEN = "auth_account", "auth_last_seen"
NO_ADMIN = (
    "尚未创建任何管理员账户。请在服务器上运行："
    "`python -m lib user add --name 用户名 --role 管理员`（密码从标准输入读取，不写在命令行上）。"
)


def store() -> Store:
    """The store of this server (opened, migrated and published once per process)."""
    return open_store()


@st.cache_resource(show_spinner=False)
def _warm() -> threading.Thread:
    thread = threading.Thread(target=store, name="open-store", daemon=True)
    thread.start()
    return thread


def warm_store() -> None:
    """Open the store in the background at the first visit, so that no page waits for the migrations."""
    _warm()


REFRESH_SECONDS = 5.0
_last_refresh = [0.0]


def refresh_publication() -> None:
    """With a shared PostgreSQL store, publish versions another server committed (at most every 5 s).

    With the default SQLite store every commit is made on this machine and publishes for all its readers."""
    if not os.environ.get(DATABASE_URL_ENV) or time.monotonic() - _last_refresh[0] < REFRESH_SECONDS:
        return
    _last_refresh[0] = time.monotonic()
    try:
        ensure_published(store())
    except Exception:  # readers keep the version they have; say so in the log
        LOG.exception("could not publish the store's newest version")


def origin() -> str:
    """Where the request comes from, for the audit log: the browser's address."""
    try:
        address = st.context.ip_address
    except Exception:  # outside a browser session
        address = None
    return address if isinstance(address, str) and address else "浏览器"  # AppTest hands back a mock


def idle_seconds() -> float:
    try:
        return max(1.0, float(os.environ.get(IDLE_ENV, DEFAULT_IDLE_MINUTES))) * 60
    except ValueError:
        return DEFAULT_IDLE_MINUTES * 60.0


def oidc_enabled() -> bool:
    """Whether an OpenID Connect provider is configured ([auth] in .streamlit/secrets.toml, for st.login)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file
        return False


def _oidc_login() -> str | None:
    """The account named by the provider's identity (its e-mail, else its subject), logged in; None if none."""
    if not oidc_enabled() or not st.user.is_logged_in:
        return None
    identity = str(st.user.get("email") or st.user.get("sub") or "")
    account = accounts.get_account(store(), identity)
    if account is None or account.disabled:
        audit.log(
            store(), identity[: accounts.MAX_NAME], audit.LOGIN_FAILED, False, "统一身份认证：无对应账户", origin()
        )
        st.session_state["auth_notice"] = (
            f"统一身份认证账户“{identity}”在本系统中没有对应的账户，请联系区妇儿工委办公室。"
        )
        st.logout()
        return None
    audit.log(store(), account.name, audit.LOGIN, True, f"{account.role}（统一身份认证）", origin())
    st.session_state[KEY_ACCOUNT] = account.name
    st.session_state[KEY_SEEN] = time.monotonic()
    return account.name


def current_account() -> Account | None:
    """The logged-in account, re-read from the store; None when logged out, expired or disabled."""
    name = st.session_state.get(KEY_ACCOUNT) or _oidc_login()
    if not name:
        return None
    if time.monotonic() - st.session_state.get(KEY_SEEN, 0) > idle_seconds():
        _end_session(name, "闲置超时")
        st.session_state["auth_notice"] = "长时间未操作，已自动退出登录，请重新登录。"
        return None
    account = accounts.get_account(store(), name)
    if account is None or account.disabled:
        _end_session(name, "账户已停用")
        return None
    st.session_state[KEY_SEEN] = time.monotonic()
    return account


def _end_session(name: str, why: str) -> None:
    st.session_state.pop(KEY_ACCOUNT, None)
    st.session_state.pop(KEY_SEEN, None)
    audit.log(store(), name, audit.LOGOUT, True, why, origin())
    if oidc_enabled() and st.user.is_logged_in:
        st.logout()  # the provider's identity cookie too


def _login(key: str) -> None:
    name = st.session_state.get(f"{key}_name", "").strip()
    password = st.session_state.get(f"{key}_password", "")
    try:
        account = accounts.authenticate(store(), name, password, origin())
    except accounts.AccountError as exc:
        st.session_state[f"{key}_error"] = str(exc)
        return
    st.session_state[KEY_ACCOUNT] = account.name
    st.session_state[KEY_SEEN] = time.monotonic()


def login_form(purpose: str, key: str = "login") -> None:
    """The login form in Chinese (用户名, 密码); the error of the last attempt under it."""
    st.subheader("登录")
    st.caption(f"{purpose}需要登录。账户由区妇儿工委办公室（管理员）开设。")
    notice = st.session_state.pop("auth_notice", None)
    if notice:
        st.info(notice)
    if not accounts.has_admin(store()):
        st.warning(NO_ADMIN, icon=":material/person_add:")
    if oidc_enabled():
        st.button("使用统一身份认证登录", key=f"{key}_oidc", on_click=st.login, icon=":material/badge:")
    with st.form(key, border=True, enter_to_submit=True):
        st.text_input("用户名", key=f"{key}_name", max_chars=accounts.MAX_NAME)
        st.text_input("密码", type="password", key=f"{key}_password", max_chars=200)
        st.form_submit_button("登录", type="primary", on_click=_login, args=(key,), icon=":material/login:")
    error = st.session_state.pop(f"{key}_error", None)
    if error:
        st.error(error)


def require_login(purpose: str) -> Account:
    """The logged-in account, or the login form and the end of the page's run."""
    account = current_account()
    if account is None:
        login_form(purpose)
        st.stop()
    return account


def logout() -> None:
    name = st.session_state.get(KEY_ACCOUNT)
    if name:
        _end_session(name, "用户退出")


def account_bar(account: Account) -> None:
    """Who is logged in, and the logout button, at the top of a page."""
    with st.container(horizontal=True, vertical_alignment="center"):
        st.caption(f"已登录：{account.label}")
        st.button("退出登录", key="auth_logout", on_click=logout, icon=":material/logout:", type="tertiary")


def viewing_allowed() -> bool:
    """Whether this session may view the dashboard: always, unless the office turned on login for viewing."""
    if not may_exist():  # no store yet, so no setting: do not create one just to look
        return True
    try:
        required = settings.view_login_required(store())
    except Exception:  # the store cannot be opened: the pages still read the published files; say so in the log
        LOG.exception("the store cannot be opened; viewing stays open")
        return True
    return not required or current_account() is not None
