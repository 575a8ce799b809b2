"""lib.entry.report_texts: the office's texts kept with the year in the state directory, written atomically."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from lib.entry import report_texts as rt


@pytest.fixture
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "state"
    monkeypatch.setenv(rt.STATE_DIR_ENV, str(folder))
    return folder


def test_state_dir_defaults_to_var_in_repo(monkeypatch):
    monkeypatch.delenv(rt.STATE_DIR_ENV, raising=False)
    assert rt.state_dir() == rt.DEFAULT_STATE_DIR and rt.DEFAULT_STATE_DIR.name == "var"


def test_empty_until_saved(state):
    assert rt.load_report_texts(2025) == {rt.SECTION_ASSESSMENT: "", rt.SECTION_SUGGESTIONS: ""}


def test_saved_texts_are_kept_with_their_year(state):
    rt.save_report_texts(2025, {rt.SECTION_SUGGESTIONS: "一是加强协同。\r\n二是按季通报。"})
    rt.save_report_texts(2023, {rt.SECTION_SUGGESTIONS: "中期建议。"})
    assert rt.load_report_texts(2025)[rt.SECTION_SUGGESTIONS] == "一是加强协同。\n二是按季通报。"
    assert rt.load_report_texts(2023)[rt.SECTION_SUGGESTIONS] == "中期建议。"
    assert rt.load_report_texts(2024)[rt.SECTION_SUGGESTIONS] == ""
    table = pd.read_parquet(state / rt.TEXTS_FILE)
    assert sorted(table["year"]) == [2023, 2025] and table["updated_at"].notna().all()


def test_saving_again_replaces_and_leaves_no_temp_file(state):
    rt.save_report_texts(2025, {rt.SECTION_SUGGESTIONS: "旧"})
    rt.save_report_texts(2025, {rt.SECTION_SUGGESTIONS: "新", rt.SECTION_ASSESSMENT: "评价"})
    assert rt.load_report_texts(2025) == {rt.SECTION_ASSESSMENT: "评价", rt.SECTION_SUGGESTIONS: "新"}
    assert [p.name for p in state.iterdir()] == [rt.TEXTS_FILE]


def test_bad_year_and_unknown_section_say_so_in_chinese(state):
    with pytest.raises(ValueError, match="评估年度"):
        rt.save_report_texts(2019, {rt.SECTION_SUGGESTIONS: "x"})
    with pytest.raises(ValueError, match="未知的报告部分"):
        rt.save_report_texts(2025, {"foo": "x"})
    with pytest.raises(ValueError, match="超过"):
        rt.save_report_texts(2025, {rt.SECTION_SUGGESTIONS: "字" * (rt.MAX_CHARS + 1)})


def test_text_or_pending():
    assert rt.text_or_pending({}, rt.SECTION_SUGGESTIONS) == [rt.PENDING]
    assert rt.text_or_pending({rt.SECTION_SUGGESTIONS: " a\n\n b \x07"}, rt.SECTION_SUGGESTIONS) == ["a", "b"]
