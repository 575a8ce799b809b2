"""监测报告: the annual monitoring report of the chosen year as a Word file (2023 中期, 2025 终期评估)."""
import streamlit as st

from lib import config
from lib.ui import loaders
from lib.ui import widgets as ui
from lib.presentation import formatting as fmt
from lib.presentation import view_models as vm
from lib.outputs.export import build_filename
from lib.outputs.report import REPORT_CATALOGUE, build_report_docx, report_title

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

filters = ui.current_filters()
year = filters.year
catalogue = {key: loaders.load_table(f"{key}.parquet") for key in REPORT_CATALOGUE}
observations = loaders.load_table(config.OBSERVATIONS)

st.title("监测报告")
st.caption("按规划第五部分的要求，为所选评估年度生成年度监测报告；2023年为中期评估报告，2025年为终期评估报告。")
if any(frame.empty for frame in catalogue.values()):
    st.info("尚无目录数据：请先运行 `make catalogue` 生成发展领域、目标、部门和指标表。")
    st.stop()

statuses = loaders.load_statuses(year)
has_sample = vm.has_sample(statuses) or vm.has_sample(observations)
st.caption(f"{fmt.year_label(year)}（在侧栏“评估年度”中切换）")
ui.sample_note(has_sample)

st.subheader(report_title(year))
st.markdown(
    "报告为 Word 文档，内容与看板一致（同一计算方法、同一数字格式）：\n"
    "- **一、总体情况**：指标数、各状态指标数、总体达标率及其定义、预警指标数；\n"
    "- **二、各领域进展**：每个领域依次列出达标率、指标表（目标、基期值、最新值、状态、牵头单位）和需关注指标的说明；\n"
    "- **三、预警指标**：预警类型、原因和牵头单位；\n"
    "- **四、各部门情况**：各牵头部门的指标数、已达标、需关注、预警和达标率（集体责任主体不列入）；\n"
    "- **五、数据说明**：正式/初步数据条数、报送单位、判断方法与阈值、生成时间。"
)
if has_sample:
    st.caption(f"报告开头注明“{config.SAMPLE_LABEL}”。")

st.download_button(
    f"下载{year}年监测报告（Word）",
    data=lambda: build_report_docx(catalogue, statuses, year, has_sample=has_sample, observations=observations),
    file_name=build_filename("监测报告", year, ext="docx"), mime=DOCX_MIME, key="report_docx",
    on_click="ignore", icon=":material/download:", type="primary",
    help="生成时间为点击时刻；文件约 40 KB",
)
