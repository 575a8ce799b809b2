"""监测报告: the report of the chosen year as Word and PDF (2023 中期, 2025 终期评估), with the office's own texts."""

import streamlit as st

from lib import config
from lib.contract.tables import DataError
from lib.entry import report_texts as rt
from lib.outputs.export import build_filename
from lib.outputs.pdf import MISSING as NO_LIBREOFFICE
from lib.outputs.pdf import docx_to_pdf, soffice_path
from lib.outputs.report import REPORT_CATALOGUE, SECTION_HEADINGS, build_report_docx, report_has_sample, report_title
from lib.presentation import formatting as fmt
from lib.store.permissions import WRITE_REPORT, allowed
from lib.ui import auth, loaders
from lib.ui import widgets as ui

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_MIME = "application/pdf"
TEXT_HELP = {
    rt.SECTION_ASSESSMENT: "印在“一、总体情况”末尾。由办公室根据评估结果撰写；留空时报告注明“待填写”。",
    rt.SECTION_SUGGESTIONS: "印在“五、对策建议”。由办公室撰写，程序不会生成；留空时报告注明“待填写”。",
}

filters = ui.current_filters()
year = filters.year
catalogue = {key: loaders.load_table(f"{key}.parquet") for key in REPORT_CATALOGUE}
observations = loaders.load_table(config.OBSERVATIONS)
reference = loaders.load_table(config.REFERENCE)  # the national line in the trend charts

st.title("监测报告")
st.caption("按规划第五部分的要求，为所选评估年度生成年度监测报告；2023年为中期评估报告，2025年为终期评估报告。")
if any(frame.empty for frame in catalogue.values()):
    st.info("尚无目录数据：请先运行 `make catalogue` 生成发展领域、目标、部门和指标表。")
    st.stop()

by_year = {y: loaders.load_statuses(y) for y in config.ASSESSMENT_YEARS if y <= year}
statuses = by_year[year]
has_sample = report_has_sample(statuses, observations, year)
st.caption(f"{fmt.year_label(year)}（在侧栏“筛选条件”中切换评估年度）")
ui.sample_note(has_sample)

st.subheader(report_title(year))
st.markdown(
    "报告为 A4 公文格式的 Word 文档（也可下载 PDF），数字与看板一致（同一计算方法、同一数字格式）：\n"
    f"- **{SECTION_HEADINGS[0]}**：指标数、各状态指标数、总体达标率及其定义、与基期和中期评估的比较、各领域状态图；\n"
    f"- **{SECTION_HEADINGS[1]}**：每个领域的主要成效、存在问题（引擎的判断依据）、指标表和未达标指标的走势图；\n"
    f"- **{SECTION_HEADINGS[2]}**、**{SECTION_HEADINGS[3]}**：预警类型、原因和牵头单位；各牵头部门的达标率；\n"
    f"- **{SECTION_HEADINGS[4]}**：由区妇儿工委办公室在下方填写；**{SECTION_HEADINGS[5]}**：数据条数、判断方法与阈值。"
)

st.subheader("办公室填写的内容")
saved = rt.load_report_texts(year, auth.store())
account = auth.current_account()
if allowed(account, WRITE_REPORT):
    auth.account_bar(account)
    with st.form(f"report_texts_{year}"):
        typed = {
            key: st.text_area(
                f"{label}（{year}年）",
                value=saved[key],
                key=f"report_text_{key}_{year}",
                height=160,
                help=TEXT_HELP[key],
                placeholder=rt.PENDING,
            )
            for key, label in rt.SECTIONS.items()
        }
        submitted = st.form_submit_button("保存", icon=":material/save:")
    if submitted:
        try:
            rt.save_report_texts(year, typed, account, auth.store(), auth.origin())
        except (ValueError, DataError) as exc:
            st.error(f"保存失败：{exc}")
        else:
            st.success(f"已保存{year}年的{'、'.join(rt.SECTIONS.values())}，下载的报告将包含这些内容。")
else:
    for key, label in rt.SECTIONS.items():
        st.markdown(f"**{label}（{year}年）**")
        st.text("\n".join(rt.text_or_pending(saved, key)))
    if account is None:
        with st.expander("区妇儿工委办公室登录后填写", icon=":material/edit:"):
            auth.login_form("填写总体评价和对策建议", key="report_login")
    else:
        st.caption(f"{account.label}：只有管理员（区妇儿工委办公室）可以填写这些内容。")
texts = rt.load_report_texts(year, auth.store())
accountable = loaders.load_accountable()
if has_sample:
    st.caption(f"报告开头注明“{config.SAMPLE_LABEL}”。")


def _docx() -> bytes:
    return build_report_docx(
        {**catalogue, "reference": reference, "accountable": accountable},
        statuses,
        year,
        has_sample=has_sample,
        observations=observations,
        statuses_by_year=by_year,
        texts=texts,
    )


with st.container(horizontal=True):
    st.download_button(
        f"下载{year}年监测报告（Word）",
        data=_docx,
        file_name=build_filename("监测报告", year, ext="docx"),
        mime=DOCX_MIME,
        key="report_docx",
        on_click="ignore",
        icon=":material/download:",
        type="primary",
        help="生成时间为点击时刻；含图表，生成约需 20 秒",
    )
    if soffice_path():
        st.download_button(
            f"下载{year}年监测报告（PDF）",
            data=lambda: docx_to_pdf(_docx()),
            file_name=build_filename("监测报告", year, ext="pdf"),
            mime=PDF_MIME,
            key="report_pdf",
            on_click="ignore",
            icon=":material/picture_as_pdf:",
            help="由 LibreOffice 从 Word 文档转换，约需 30 秒",
        )
if not soffice_path():
    st.info(NO_LIBREOFFICE)
