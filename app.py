"""Frame and router of the dashboard: page config, navigation, shared sidebar controls, run the page."""

import streamlit as st

from lib import config
from lib.ui import auth
from lib.ui import widgets as ui

st.set_page_config(page_title="博山区妇女发展规划监测", page_icon="📊", layout="wide")

# nav icons: Material symbols are bundled with the frontend (emoji need a font these machines lack);
# the page_icon (favicon) stays an emoji, a Material favicon would be fetched from the internet
AREA_PAGES = (
    ("area_health", "妇女与健康", "health", ":material/health_and_safety:"),
    ("area_education", "妇女与教育", "education", ":material/school:"),
    ("area_economy", "妇女与经济", "economy", ":material/work:"),
    ("area_decision", "妇女参与决策和管理", "decision", ":material/account_balance:"),
    ("area_social_security", "妇女与社会保障", "social-security", ":material/shield:"),
    ("area_law", "妇女与法律", "law", ":material/gavel:"),
    ("area_family", "妇女与家庭建设", "family", ":material/home:"),
    ("area_environment", "妇女与环境", "environment", ":material/park:"),
)
overview = [
    st.Page("views/overview.py", title="总览", icon=":material/dashboard:", url_path="overview", default=True),
    st.Page("views/department.py", title="部门责任", icon=":material/apartment:", url_path="department"),
]
areas = [st.Page(f"views/{file}.py", title=title, icon=icon, url_path=path) for file, title, path, icon in AREA_PAGES]
lookup = [
    st.Page("views/indicator.py", title="指标详情", icon=":material/search:", url_path="indicator"),
    st.Page("views/catalogue.py", title="规划目录", icon=":material/menu_book:", url_path="catalogue"),
    st.Page("views/data_import.py", title="数据填报", icon=":material/upload_file:", url_path="data-import"),
    st.Page("views/report.py", title="监测报告", icon=":material/description:", url_path="report"),
    st.Page("views/versions.py", title="数据版本", icon=":material/history:", url_path="versions"),
    st.Page("views/round.py", title="年度报送", icon=":material/assignment_turned_in:", url_path="round"),
    st.Page("views/accounts.py", title="账户与日志", icon=":material/admin_panel_settings:", url_path="accounts"),
    st.Page("views/meeting.py", title="会议模式", url_path="meeting", visibility="hidden"),  # opened by the top bar
]
page = st.navigation({"总览": overview, "发展领域": areas, "查询": lookup}, expanded=True)  # no "View more"
ui.apply_page_style()
auth.warm_store()
st.sidebar.caption(config.PLAN_TITLE)
ui.run_page(page)
