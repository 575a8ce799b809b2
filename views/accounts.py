"""账户与日志 (管理员): accounts and roles, the audit log, and whether viewing needs a login."""

import streamlit as st

from lib import config
from lib.contract.tables import DataError
from lib.entry.template import reporting_units
from lib.store import accounts, audit, settings
from lib.store.permissions import MANAGE_ACCOUNTS, allowed
from lib.ui import auth, loaders
from lib.ui import widgets as ui

KEY_RESULT = "accounts_result"


def _say(ok: bool, text: str) -> None:
    st.session_state[KEY_RESULT] = (ok, text)


def _add(names: list[str]) -> None:
    state = st.session_state
    if state["acc_new_password"] != state["acc_new_password2"]:
        return _say(False, "两次输入的密码不一致")
    role = state["acc_new_role"]
    department = state["acc_new_department"] if role == accounts.ROLE_REPORTER else None
    try:
        made = accounts.add_account(
            auth.store(),
            state["acc_new_name"].strip(),
            role,
            state["acc_new_password"],
            department,
            by=auth.current_account(),
            origin=auth.origin(),
            departments=names,
        )
    except (accounts.AccountError, DataError) as exc:
        return _say(False, str(exc))
    _say(True, f"已创建账户 {made.label}")


def _toggle(name: str, disabled: bool) -> None:
    try:
        accounts.set_disabled(auth.store(), name, disabled, by=auth.current_account(), origin=auth.origin())
        _say(True, f"已{'停用' if disabled else '启用'}账户 {name}")
    except (accounts.AccountError, DataError) as exc:
        _say(False, str(exc))


def _passwd(name: str) -> None:
    try:
        accounts.set_password(
            auth.store(), name, st.session_state["acc_reset_password"], by=auth.current_account(), origin=auth.origin()
        )
        _say(True, f"已重设账户 {name} 的密码")
    except (accounts.AccountError, DataError) as exc:
        _say(False, str(exc))


def _view_login() -> None:
    value = "1" if st.session_state["acc_view_login"] else "0"
    try:
        settings.set_setting(auth.store(), settings.VIEW_LOGIN, value, auth.current_account(), auth.origin())
    except DataError as exc:
        _say(False, str(exc))


st.title("账户与日志")
st.caption("区妇儿工委办公室（管理员）开设和停用账户、查看审计日志、设定浏览看板是否需要登录。")
account = auth.require_login("管理账户和查看审计日志")
auth.account_bar(account)
if not allowed(account, MANAGE_ACCOUNTS):
    st.warning("只有管理员（区妇儿工委办公室）可以管理账户和查看审计日志。")
    st.stop()
store = auth.store()
ui.show_result(KEY_RESULT)

names = reporting_units(loaders.load_table(config.GOALS), loaders.load_table(config.DEPARTMENTS))
tab_accounts, tab_log, tab_settings = st.tabs(["账户", "审计日志", "设置"])
with tab_accounts:
    rows = accounts.list_accounts(store)
    st.dataframe(accounts.accounts_frame(rows), hide_index=True, width="stretch")
    with st.expander("新增账户", icon=":material/person_add:"):
        with st.form("acc_new", clear_on_submit=True):
            st.text_input("用户名", key="acc_new_name", max_chars=accounts.MAX_NAME)
            st.selectbox("角色", accounts.ROLES, key="acc_new_role")
            st.selectbox("所属部门（仅填报员）", names, key="acc_new_department")
            st.text_input("初始密码", type="password", key="acc_new_password", help=f"至少 {accounts.MIN_PASSWORD} 位")
            st.text_input("再输入一次", type="password", key="acc_new_password2")
            st.form_submit_button("创建", type="primary", on_click=_add, args=(names,))
    others = [a.name for a in rows if a.name != account.name]
    if others:
        with st.expander("停用、启用或重设密码", icon=":material/manage_accounts:"):
            who = st.selectbox("账户", others, key="acc_pick")
            picked = next(a for a in rows if a.name == who)
            with st.container(horizontal=True):
                st.button(
                    "启用" if picked.disabled else "停用",
                    key="acc_toggle",
                    on_click=_toggle,
                    args=(who, not picked.disabled),
                )
            st.text_input("新密码", type="password", key="acc_reset_password")
            st.button("重设密码", key="acc_reset", on_click=_passwd, args=(who,))
with tab_log:
    log = audit.read_log(store, limit=1000)
    st.caption(f"最近 {len(log)} 条记录（最新在前）。日志只增不改。")
    st.dataframe(log, hide_index=True, width="stretch")
with tab_settings:
    st.toggle(
        settings.LABELS[settings.VIEW_LOGIN],
        value=settings.view_login_required(store),
        key="acc_view_login",
        on_change=_view_login,
        help="开启后，所有页面都需要登录才能查看；默认关闭（看板对能访问服务器的人开放，数据修改始终需要登录）。",
    )
