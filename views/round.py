"""年度报送: the office opens a round and reviews, departments fill and submit their task lists, all see the tracker."""

from datetime import timedelta

import streamlit as st

from lib import config
from lib.contract.tables import DataError
from lib.entry import importer as ingest
from lib.presentation import formatting as fmt
from lib.presentation import round_tables as rt
from lib.store import rounds
from lib.store.accounts import ROLE_REPORTER
from lib.store.permissions import ROUND_MANAGE, ROUND_REVIEW, allowed
from lib.ui import auth, loaders
from lib.ui import widgets as ui
from lib.ui.downloads import XLSX_MIME

KEY_RESULT, KEY_YEAR, KEY_EDITS = "round_result", "round_year", "round_edits"
ALL_PENDING = "全部待审核指标"


def _say(ok: bool, text: str) -> None:
    st.session_state[KEY_RESULT] = (ok, text)


def _fresh_editor() -> None:
    st.session_state[KEY_EDITS] = st.session_state.get(KEY_EDITS, 0) + 1


def _tracker(store, year: int) -> None:
    found = rounds.get_round(store, year)
    done = rounds.completeness(store, year)
    table = rounds.tracker(store, year)
    when = rounds.deadline_text(found.deadline, rounds.today())
    with st.container(horizontal=True):
        st.metric(
            "截止日期",
            f"{found.deadline:%Y-%m-%d}",
            when if found.is_open else "已关闭",
            border=True,
            delta_color="inverse" if "逾期" in when else "off",
            delta_arrow="off",
        )
        st.metric(
            "报送率",
            fmt.format_rate(done.reporting_rate),
            f"{done.reported}/{done.expected} 项",
            border=True,
            delta_color="off",
            delta_arrow="off",
            help="已报送或已通过的指标 ÷ 开启时确定的应报指标（不会超过100%）",
        )
        st.metric(
            "及时率",
            fmt.format_rate(done.timely_rate),
            f"按期 {done.on_time} 项",
            border=True,
            delta_color="off",
            delta_arrow="off",
            help="截止日期前首次报送的指标 ÷ 应报指标",
        )
    late = rt.overdue_departments(table)
    if late:
        st.error(f"逾期未报部门（{len(late)} 个）：{'、'.join(late)}", icon=":material/alarm:")
    styled = table.style.apply(
        lambda row: ["background-color: #ffe3e3; font-weight: 600" if row["逾期"] > 0 else ""] * len(row), axis=1
    )
    st.dataframe(styled, hide_index=True, width="stretch", key="round_tracker")
    st.caption(
        "各列之和等于应报项数：未填、已保存（草稿）、已报送（待审核）、已退回（待修改）、已通过。逾期：截止后仍未报送的项数。"
    )


def _open_form(store, account, years_taken: set[int]) -> None:
    free = [y for y in config.ASSESSMENT_YEARS if y not in years_taken]
    if not free:
        return
    with st.expander("开启年度报送", expanded=not years_taken):
        year = st.selectbox("报送年度", free, index=len(free) - 1, key="round_new_year", format_func=lambda y: f"{y}年")
        deadline = st.date_input(
            "截止日期", rounds.today() + timedelta(days=30), key="round_new_deadline", min_value=rounds.today()
        )
        st.caption(
            "应报清单在开启时确定，此后不再变动（完成率不会超过100%）。默认为每个指标的牵头单位，可在下表中调整报送部门或删去不报的指标。"
        )
        indicators = loaders.load_table(config.INDICATORS).set_index("indicator_id")
        expected = rounds.default_expected(store)
        expected.insert(1, "name", expected["indicator_id"].map(indicators["name"]))
        names = sorted(
            set(expected["department"])
            | set(ingest.reporting_units(loaders.load_table(config.GOALS), loaders.load_table(config.DEPARTMENTS)))
        )
        edited = st.data_editor(
            expected,
            key="round_new_expected",
            hide_index=True,
            num_rows="dynamic",
            width="stretch",
            column_config={
                "indicator_id": st.column_config.TextColumn("指标编号", disabled=True),
                "name": st.column_config.TextColumn("指标名称", disabled=True),
                "department": st.column_config.SelectboxColumn("报送部门", options=names, required=True),
            },
        )
        if st.button("开启", type="primary", key="round_open", icon=":material/play_arrow:"):
            try:
                made = rounds.open_round(
                    store, year, deadline, account, edited.dropna(subset=["indicator_id"]), auth.origin()
                )
                _say(True, f"已开启{made.year}年度报送，截止 {made.deadline:%Y-%m-%d}。")
                st.session_state[KEY_YEAR] = made.year
            except DataError as exc:
                _say(False, str(exc))
            st.rerun()


def _review(store, account, year: int) -> None:
    st.subheader("审核")
    tasks = rounds.task_list(store, year)
    waiting = tasks[tasks["state"] == rounds.SUBMITTED]
    if waiting.empty:
        st.info("目前没有待审核（已报送）的数据。")
        return
    departments = list(dict.fromkeys(waiting["department"]))
    dept = st.selectbox(
        "部门",
        departments,
        key="round_review_dept",
        format_func=lambda d: f"{d}（待审核 {int((waiting['department'] == d).sum())} 项）",
    )
    mine = tasks[tasks["department"] == dept]
    st.dataframe(rt.review_frame(mine), hide_index=True, width="stretch", key="round_review_table")
    ids = waiting.loc[waiting["department"] == dept, "indicator_id"].tolist()
    pick = st.selectbox("审核范围", [ALL_PENDING, *ids], key="round_review_pick")
    indicator = None if pick == ALL_PENDING else pick
    comment = st.text_area("退回理由（退回时必填，部门会看到）", key="round_review_comment", max_chars=500)
    st.caption("审核只决定通过或退回，不修改部门报送的数值。通过的数据成为正式数据（新的数据版本）。")
    with st.container(horizontal=True):
        if st.button("通过", type="primary", key="round_accept", icon=":material/check:"):
            try:
                done, version = rounds.review(store, year, dept, account, True, None, indicator, auth.origin())
                _say(True, f"已通过{dept} {len(done)} 项，已写入正式数据（第 {version} 版）。")
            except DataError as exc:
                _say(False, str(exc))
            st.rerun()
        if st.button("退回", key="round_return", icon=":material/undo:"):
            try:
                done, _ = rounds.review(store, year, dept, account, False, comment, indicator, auth.origin())
                _say(True, f"已退回{dept} {len(done)} 项：{'、'.join(done)}。")
            except DataError as exc:
                _say(False, str(exc))
            st.rerun()


def _office(store, account, found) -> None:
    _tracker(store, found.year)
    st.download_button(
        "下载催报清单（Excel）",
        data=lambda: rounds.reminders_xlsx(store, found.year),
        file_name=f"{config.REGION}{found.year}年度报送催报清单.xlsx",
        mime=XLSX_MIME,
        on_click="ignore",
        icon=":material/notifications:",
        key="round_reminders",
        help="每个未报完部门一行，附可直接发送的催报通知",
    )
    if allowed(account, ROUND_REVIEW):
        _review(store, account, found.year)
    with st.expander("报送与审核记录（退回和被替换的数值都保留）"):
        st.dataframe(rounds.history(store, found.year), hide_index=True, width="stretch")
    if found.is_open and allowed(account, ROUND_MANAGE):
        with st.expander("关闭本轮报送"):
            st.caption("关闭后各部门不能再填报或报送；已报送的数据仍可审核通过。逾期不等于关闭：截止后部门仍可补报。")
            sure = st.checkbox(f"我确认关闭{found.year}年度报送", key="round_close_sure")
            if st.button("关闭", key="round_close", disabled=not sure):
                try:
                    rounds.close_round(store, found.year, account, auth.origin())
                    _say(True, f"已关闭{found.year}年度报送。")
                except DataError as exc:
                    _say(False, str(exc))
                st.rerun()


def _department(store, account, found) -> None:
    tasks = rounds.task_list(store, found.year, account.department)
    if tasks.empty:
        st.info(f"{found.year}年度报送没有需要{account.department}报送的指标。")
        return
    when = rounds.deadline_text(found.deadline, rounds.today())
    ui.sample_note(bool(tasks["last_sample"].any()))  # 上年 shows the sample where no official figure exists yet
    st.markdown(
        f"**{account.department}　{found.year}年度报送任务 {len(tasks)} 项**　截止 {found.deadline:%Y-%m-%d}（{when}）"
    )
    returned = tasks[tasks["state"] == rounds.RETURNED]
    for _, row in returned.iterrows():
        comment = fmt.plain_markdown(row["comment"])  # the office's words, shown as typed
        st.warning(f"**{row['indicator_id']} {row['name']}** 被退回：{comment}", icon=":material/undo:")
    counts = tasks["state"].value_counts()
    st.caption("　".join(f"{s} {int(counts.get(s, 0))}" for s in rounds.STATES))
    if not found.is_open:
        st.info("本轮报送已关闭，不能再填报或报送。")
        st.dataframe(rt.editor_frame(tasks), hide_index=True, width="stretch")
        return
    st.caption(
        "填写“数值”（定性指标选“评价”），保存草稿，确认后报送。已报送、已通过的行不能再改；被退回的行修改后重新报送。"
        f"与上年相比变动异常的数值（百分比指标超过 {config.ROUND_UNUSUAL_POINTS['%']:g} 个百分点，"
        f"其他超过 {config.ROUND_UNUSUAL_RELATIVE:.0%}）须在“说明”中简述原因。"
    )
    edited = st.data_editor(
        rt.editor_frame(tasks),
        key=f"round_editor_{st.session_state.get(KEY_EDITS, 0)}",
        hide_index=True,
        width="stretch",
        placeholder="",
        disabled=[c for c in rt.EDITOR_COLUMNS if c not in rt.EDITABLE],
        column_config={
            "数值": st.column_config.NumberColumn("数值", min_value=0.0, format="%g"),
            "评价": st.column_config.SelectboxColumn("评价", options=list(config.RATINGS)),
            "备注或情况说明": st.column_config.TextColumn("备注或情况说明", max_chars=2000),
            "说明": st.column_config.TextColumn("说明", max_chars=500, help="变动异常时必填"),
        },
    )
    with st.container(horizontal=True):
        save = st.button("保存草稿", key="round_save", icon=":material/save:")
        send = st.button("报送", type="primary", key="round_submit", icon=":material/send:")
    if save or send:
        try:
            saved = rounds.save_draft(store, found.year, account, rt.rows_from_editor(edited), auth.origin())
            text = f"已保存 {saved} 项草稿。"
            if send:
                sent = rounds.submit(store, found.year, account, origin=auth.origin())
                text = f"已报送 {len(sent)} 项：{'、'.join(sent)}。等待区妇儿工委办公室审核。"
            _say(True, text)
            _fresh_editor()
        except DataError as exc:
            _say(False, str(exc))
        st.rerun()
    with st.expander("或用本部门的填报模板报送"):
        indicators, goals = loaders.load_table(config.INDICATORS), loaders.load_table(config.GOALS)
        st.download_button(
            "下载本部门填报模板（Excel）",
            data=lambda: ingest.build_template_bytes(indicators, goals, found.year, account.department),
            file_name=ingest.template_filename(found.year, account.department),
            mime=XLSX_MIME,
            on_click="ignore",
            key="round_template",
        )
        upload = st.file_uploader("填好的模板（.xlsx）", type=["xlsx"], key="round_upload")
        if upload is not None and st.button("报送模板中的数据", key="round_upload_submit"):
            try:
                parsed = ingest.read_upload(upload.getvalue(), upload.name)
                saved, sent = rounds.submit_upload(store, parsed, account, auth.origin())
                _say(True, f"已报送 {len(sent)} 项：{'、'.join(sent)}。")
                _fresh_editor()
            except DataError as exc:
                _say(False, str(exc))
            st.rerun()


st.title("年度报送")
st.caption("区妇儿工委办公室每年向各成员单位下发应报指标，部门填报、报送，办公室审核通过后成为正式数据。")
account = auth.require_login("年度报送")
auth.account_bar(account)
store = auth.store()
ui.show_result(KEY_RESULT)

every = rounds.list_rounds(store)
if allowed(account, ROUND_MANAGE):
    _open_form(store, account, {r.year for r in every})
if not every:
    st.info("尚未开启任何年度报送。" + ("" if allowed(account, ROUND_MANAGE) else "开启后这里会列出任务和进度。"))
    st.stop()
years = [r.year for r in every]
if st.session_state.get(KEY_YEAR) not in years:
    st.session_state[KEY_YEAR] = (rounds.current_round(store) or every[0]).year
year = st.selectbox(
    "报送年度",
    years,
    key=KEY_YEAR,
    format_func=lambda y: f"{y}年（{'进行中' if rounds.get_round(store, y).is_open else '已关闭'}）",
)
found = rounds.get_round(store, year)
if account.role == ROLE_REPORTER:
    _department(store, account, found)
elif allowed(account, ROUND_REVIEW):
    _office(store, account, found)
else:
    st.caption("只读账户可查看各部门的报送进度。")
    _tracker(store, found.year)
