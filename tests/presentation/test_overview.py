"""lib.presentation.overview: the overview's cards, tile rows, mid-term comparison and warning list."""

from __future__ import annotations

from lib import config
from lib.presentation import overview as ov
from lib.presentation import view_models as vm
from lib.ui import loaders


def _view(year: int, **filters) -> ov.OverviewView:
    tables = {
        name: loaders.load_table(name) for name in (config.AREAS, config.GOALS, config.INDICATORS, config.OBSERVATIONS)
    }
    midterm = loaders.load_statuses(config.MIDTERM_YEAR) if config.is_final_year(year) else None
    return ov.build_overview_view(
        vm.Filters(year, **filters), {"year": year}, tables, loaders.load_statuses(year), midterm
    )


def test_headline_cards_final_year_adds_nearly_met_share():
    headline = vm.Headline(10, 3, 2, 4, 1, 2, 0.3, n_nearly_met=1, nearly_met_rate=0.1)
    assert [c.label for c in ov.headline_cards(headline, final=False)] == ["监测指标", "总体达标率", "有预警的指标"]
    final = ov.headline_cards(headline, final=True)
    assert [c.label for c in final] == ["监测指标", "总体达标率", "基本达标占比", "有预警的指标"]
    assert final[2].value == "10.0%" and "不计入达标率" in final[2].help


def test_tile_rows_heading_adds_up_the_cards():
    group = vm.TileGroup("数值目标", "有目标值，按目标值判断", 5, (("已达标", 3), ("倒退", 2)))
    (row,) = ov.tile_rows(vm.Headline(5, 3, 0, 2, 2, 0, 0.6, groups=(group,)))
    assert row.heading == "**数值目标　5项**（有目标值，按目标值判断）　= 已达标3 + 倒退2"
    assert [(c.label, c.value) for c in row.cards] == [("已达标", "3项"), ("倒退", "2项")]


def test_overview_view_in_progress_year_has_no_comparison(data_dir):
    view = _view(2024)
    assert not view.final and view.comparison is None and view.comparison_cards == ()
    assert view.cards[0].value == "10项"
    assert sum(int(c.value.rstrip("项")) for row in view.rows for c in row.cards) == 10


def test_overview_view_final_year_compares_with_midterm(data_dir):
    view = _view(2025)
    assert view.final and view.comparison is not None
    assert view.comparison_cards[0].label == f"达标率 {config.MIDTERM_YEAR}年 → {config.FINAL_YEAR}年"


def test_overview_view_department_filter_narrows_the_count(data_dir):
    from tests.conftest import LEAD_A

    assert int(_view(2024, department=LEAD_A).cards[0].value.rstrip("项")) < 10
