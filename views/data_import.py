"""数据填报: log in, download the yearly template, upload a filled one, see its problems or the changes, commit."""

import streamlit as st

from lib import config
from lib.contract.tables import DataError
from lib.entry import importer as ingest
from lib.presentation import view_models as vm
from lib.store import versions
from lib.store.accounts import ROLE_REPORTER
from lib.store.permissions import IMPORT, allowed
from lib.ui import auth, loaders
from lib.ui import widgets as ui
from lib.ui.downloads import XLSX_MIME

KEY_YEAR, KEY_DEPT, KEY_UPLOAD = "data_import_year", "data_import_dept", "data_import_upload"
KEY_RESULT = "data_import_result"


def _commit(parsed, data: bytes, base: int, year: int, department: str | None) -> None:
    # a callback: the run that follows already reads the new version; the account is read again (and checked in lib)
    try:
        account = auth.current_account()
        made = ingest.commit_import(auth.store(), parsed, data, base, account, year, department, auth.origin())
        message = (True, f"已导入为第 {made.id} 版：{versions.describe(made.summary)}。可在“数据版本”页查看或恢复。")
    except DataError as exc:
        message = (False, str(exc))
    st.session_state[KEY_RESULT] = message


st.title("数据填报")
st.caption("各部门每年通过模板报送监测数据和定性评价：登录 → 下载模板 → 填写 → 上传检查 → 确认导入。")
account = auth.require_login("数据填报")
auth.account_bar(account)
if not allowed(account, IMPORT):
    st.warning("只读账户可以浏览看板和数据版本，不能填报数据。如需填报，请联系区妇儿工委办公室开设填报员账户。")
    st.stop()

indicators, goals = loaders.load_table(config.INDICATORS), loaders.load_table(config.GOALS)
departments = loaders.load_table(config.DEPARTMENTS)
if indicators.empty or goals.empty:
    st.info("尚无目录数据：请先运行 `make catalogue` 生成指标表。")
    st.stop()
st.info(
    "导入的数据为各部门正式报送的数据，不再标为示例数据；同一指标、年份、分组已有的数据（包括示例数据）会被替换。"
    "每次导入都是一个新的数据版本，原数据保留在历史中，可在“数据版本”页查看和恢复。",
    icon=":material/info:",
)

st.subheader("1. 下载填报模板")
years = list(range(config.BASE_YEAR, config.TARGET_YEAR + 1))
reporter = account.role == ROLE_REPORTER
names = [account.department] if reporter else [ingest.ALL_UNITS, *ingest.reporting_units(goals, departments)]
with st.container(horizontal=True):
    year = st.selectbox(
        "填报年度", years, index=years.index(ui.current_filters().year), key=KEY_YEAR, format_func=lambda y: f"{y}年"
    )
    choice = st.selectbox(
        "报送部门",
        names,
        key=KEY_DEPT,
        disabled=reporter,
        help="填报员只能报送本部门的指标" if reporter else "模板列出该部门牵头或负责的目标下的指标",
    )
department = None if choice == ingest.ALL_UNITS else choice
st.download_button(
    "下载填报模板（Excel）",
    data=lambda: ingest.build_template_bytes(indicators, goals, year, department),
    file_name=ingest.template_filename(year, department),
    mime=XLSX_MIME,
    on_click="ignore",
    icon=":material/download:",
    key="data_import_template",
    help="工作表：监测数据、定性评价、填报说明",
)

st.subheader("2. 上传填好的文件")
st.caption(f"上传{year}年、{choice}的填报文件（上方选择的年度和部门）：其他年度或部门的模板会被拒绝。")
upload = st.file_uploader(
    "填好的模板（.xlsx），或“监测数据”工作表另存的 .csv（UTF-8 或 GBK）", type=["xlsx", "csv"], key=KEY_UPLOAD
)
ui.show_result(KEY_RESULT)
if upload is None:
    st.stop()

data = upload.getvalue()
parsed = ingest.read_upload(data, upload.name)
problems = ingest.import_problems(auth.store(), parsed, account, year, department)
if ingest.has_errors(problems):
    st.error(f"文件有 {sum(p.is_error for p in problems)} 处错误，未导入任何数据。请按下表修改后重新上传。")
    st.dataframe(ingest.problems_frame(problems), hide_index=True, width="stretch")
    st.stop()
if problems:
    st.warning(f"有 {len(problems)} 条提示（不影响导入），请核对。")
    st.dataframe(ingest.problems_frame(problems), hide_index=True, width="stretch")

st.subheader("3. 核对并确认导入")
current = versions.snapshot(auth.store())
plan = ingest.plan_import(current.observations, current.assessments, parsed)
with st.container(horizontal=True):
    for action in (ingest.NEW, ingest.REPLACED, ingest.UNCHANGED):
        st.metric(action, f"{plan.count(action)}行", border=True)
if plan.changes.empty:
    st.info("文件中没有填写数值或评价的行，没有可导入的数据。")
    st.stop()
st.dataframe(vm.build_change_preview(plan.changes, indicators), hide_index=True, width="stretch")
st.caption(
    f"与当前数据（第 {current.version} 版）比较。原值、新值按看板的显示规则取位（如 82.25% 显示为 82.3%），"
    "导入时保存所填的原始数值。若确认前他人已导入新数据，本次导入会被拒绝并提示重新检查，不会覆盖他人的修改。"
)
pending = plan.count(ingest.NEW) + plan.count(ingest.REPLACED)
st.button(
    "确认导入",
    type="primary",
    key="data_import_confirm",
    on_click=_commit,
    args=(parsed, data, current.version, year, department),
    disabled=pending == 0,
    help="写入为新的数据版本；原数据保留在历史中",
)
