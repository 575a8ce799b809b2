"""lib.ui.view_cache: an area page's content, built once per (data version, filters)."""

import pandas as pd

from lib import config
from lib.presentation import area_tables as at
from lib.presentation.view_models import Filters
from lib.ui import loaders, view_cache


def _build(area_id: str, filters: Filters) -> at.AreaView:
    tables = {name: loaders.load_table(name) for name in view_cache.AREA_TABLES}
    return at.build_area_view(area_id, filters, {"year": filters.year}, tables, loaders.load_statuses(filters.year))


def test_area_view_is_the_built_view_and_its_download(data_dir):
    view, export = view_cache.area_view("A1", Filters(2024), {"year": 2024})
    built = _build("A1", Filters(2024))
    assert view.cards == built.cards and view.name == built.name
    pd.testing.assert_frame_equal(view.shown, built.shown)
    assert export["指标编号"].tolist() == built.table["indicator_id"].tolist()  # raw numbers, one row per indicator
    assert "趋势" not in export.columns


def test_area_view_second_call_is_a_cache_hit(data_dir, monkeypatch):
    view_cache.area_view("A1", Filters(2023), {"year": 2023})
    monkeypatch.setattr(at, "build_indicator_table", lambda *a, **k: (_ for _ in ()).throw(AssertionError("rebuilt")))
    again, _ = view_cache.area_view("A1", Filters(2023), {"year": 2023})
    assert again.table["indicator_id"].tolist()


def test_area_view_changed_data_is_built_again(data_dir):
    before, _ = view_cache.area_view("A1", Filters(2024), {"year": 2024})
    goals = pd.read_parquet(data_dir / config.GOALS)
    goals.loc[goals["area_id"] == "A1", "text"] = "改过的目标"
    goals.to_parquet(data_dir / config.GOALS)
    after, _ = view_cache.area_view("A1", Filters(2024), {"year": 2024})
    assert "改过的目标" in after.goal_table["主要目标"].tolist()
    assert "改过的目标" not in before.goal_table["主要目标"].tolist()


def test_area_view_without_indicators_has_no_download(data_dir):
    view, export = view_cache.area_view("A1", Filters(2024, department="区不存在的局"), {"year": 2024})
    assert view.table.empty and export is None


def test_overview_view_second_call_is_a_cache_hit_and_has_the_warning_download(data_dir, monkeypatch):
    view, export = view_cache.overview_view(Filters(2024), {"year": 2024})
    assert not view.warnings.empty and len(export) == len(view.warnings)
    monkeypatch.setattr(view_cache, "build_overview_view", lambda *a, **k: (_ for _ in ()).throw(AssertionError()))
    again, _ = view_cache.overview_view(Filters(2024), {"year": 2024})
    assert again.cards == view.cards
