"""数据版本: every change of the data as a version — who, when, what; what a version changed; restore (管理员)."""

import streamlit as st

from lib.contract.tables import DataError
from lib.store import versions
from lib.store.permissions import RESTORE, allowed
from lib.ui import auth
from lib.ui import widgets as ui

KEY_PICK, KEY_RESTORE, KEY_SURE, KEY_RESULT = "versions_pick", "versions_restore", "versions_sure", "versions_result"


def _restore(version: int, base: int) -> None:
    try:
        made = versions.restore(auth.store(), version, base, auth.current_account(), auth.origin())
        st.session_state[KEY_RESULT] = (True, f"已恢复：第 {made.id} 版的数据与第 {version} 版相同。")
    except DataError as exc:
        st.session_state[KEY_RESULT] = (False, str(exc))
    st.session_state[KEY_SURE] = False


st.title("数据版本")
st.caption("每次导入、恢复或设定都是一个新的数据版本：谁、何时、改了什么。历史从不删除，恢复也是新的一版。")
account = auth.require_login("查看数据版本")
auth.account_bar(account)
store = auth.store()
ui.show_result(KEY_RESULT)

history = versions.history_frame(store)
head = int(history["版本"].iloc[0])
with st.container(horizontal=True):
    st.metric("当前版本", f"第 {head} 版", border=True, width="content")
    st.metric("版本总数", f"{len(history)}", border=True, width="content")
st.dataframe(history, hide_index=True, width="stretch")

st.subheader("某一版改了什么")
ids = history["版本"].tolist()
picked = st.selectbox("版本", ids, key=KEY_PICK, format_func=lambda v: f"第 {v} 版")
changes = versions.version_changes(store, picked)
if changes.empty:
    st.info("这一版没有改变任何数据。")
else:
    st.caption(f"第 {picked} 版共 {len(changes)} 行变更（原值 → 新值）。")
    st.dataframe(changes, hide_index=True, width="stretch")

if allowed(account, RESTORE):
    st.subheader("恢复到早先的版本")
    older = [v for v in ids if v != head]
    if not older:
        st.info("目前只有一个版本。")
        st.stop()
    target = st.selectbox("恢复到", older, key=KEY_RESTORE, format_func=lambda v: f"第 {v} 版")
    st.caption(f"恢复后将新增第 {head + 1} 版，其数据与第 {target} 版完全相同；第 {head} 版及之前的历史都保留。")
    sure = st.checkbox(f"我确认把数据恢复到第 {target} 版", key=KEY_SURE)
    st.button(
        "恢复",
        type="primary",
        key="versions_restore_button",
        disabled=not sure,
        on_click=_restore,
        args=(target, head),
        icon=":material/restore:",
    )
