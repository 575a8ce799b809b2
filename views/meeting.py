"""会议模式: the dashboard as a presentation for the projector (总览 → each area → each red warning — in the final
year each indicator off track — or the office's own list in ?list=A1-G02-1,A3-G01-2), stepped with the arrow keys,
Page Up/Down or the buttons."""

import streamlit as st

from lib import config
from lib.presentation import meeting
from lib.presentation import view_models as vm
from lib.ui import loaders
from lib.ui import meeting as slides
from lib.ui import widgets as ui

filters = ui.current_filters()
indicators, goals = loaders.load_table(config.INDICATORS), loaders.load_table(config.GOALS)
statuses = vm.filter_statuses(
    loaders.load_statuses(filters.year), indicators, goals, filters, loaders.load_accountable()
)
total = vm.totals(statuses)
chosen, unknown = None, []
if slides.LIST_PARAM in st.query_params:
    chosen, unknown = meeting.parse_indicator_list(st.query_params[slides.LIST_PARAM], indicators)
final = config.is_final_year(filters.year)
sequence = meeting.build_sequence(loaders.load_table(config.AREAS), total, indicators, chosen, final=final)

slides.apply_meeting_style()
if unknown:
    st.warning(f"会议清单中的指标编号不存在，已略过：{'、'.join(unknown)}（编号见“规划目录”页）")
slides.start_position(sequence)
slides.warm_charts(sequence, filters)
slides.render_slide(sequence, filters, total)
