import os
from pathlib import Path

import pandas as pd

from lib import config
from lib.ui import loaders


def test_fingerprint_missing_file(tmp_path):
    assert loaders.fingerprint(tmp_path / "x.parquet") == ("x.parquet", 0, -1)


def test_load_table_missing_is_empty(tmp_path):
    assert loaders.load_table(config.REFERENCE, tmp_path).empty


def test_load_table_rewritten_file_is_not_stale(tmp_path):
    path = tmp_path / config.AREAS
    row = {"area_id": "A1", "seq": 1, "name": "妇女与健康", "short_name": "健康"}
    pd.DataFrame([row]).to_parquet(path)
    first = loaders.load_table(config.AREAS, tmp_path)
    pd.DataFrame([row, {**row, "area_id": "A2", "seq": 2}]).to_parquet(path)
    os.utime(path, ns=(1, 1))  # a rewrite within the same clock tick still changes the fingerprint
    assert (len(first), len(loaders.load_table(config.AREAS, tmp_path))) == (1, 2)


def test_load_table_reads_env_data_dir(data_dir):
    assert len(loaders.load_table(config.AREAS)) == 8


def test_load_statuses_per_year(data_dir):
    statuses = loaders.load_statuses(2022)
    row = statuses[(statuses["indicator_id"] == "A1-G01-1") & statuses["subgroup"].isna()].iloc[0]
    assert row["latest_year"] == 2022


def test_load_accountable_missing_file_is_empty(data_dir):
    assert loaders.load_accountable(data_dir).empty


def test_load_accountable_reads_office_entries(data_dir):
    (data_dir / "accountable.csv").write_text(
        "indicator_id,department,basis\nA1-M04-1,区妇联,办公室指定\n", encoding="utf-8-sig"
    )
    assert loaders.load_accountable(data_dir)["department"].tolist() == ["区妇联"]


def test_load_accountable_broken_file_falls_back_to_defaults(data_dir):
    (data_dir / "accountable.csv").write_text("indicator_id\nA1-M04-1\n", encoding="utf-8")
    assert loaders.load_accountable(data_dir).empty


def imports_of(path: str) -> list[str]:
    return [
        line
        for line in Path(path).read_text(encoding="utf-8").splitlines()
        if line.lstrip().startswith(("import ", "from "))
    ]


def test_data_cache_imports_no_presentation_but_the_status_words():
    """The cached status frame carries its words (lib.presentation.explain), and that module no chart code."""
    from lib.presentation import explain

    words = "from lib.presentation.explain import"
    assert not [line for line in imports_of(loaders.__file__) if "lib.presentation" in line and words not in line]
    others = [line for line in imports_of(explain.__file__) if "lib.presentation" in line]
    assert all(line.startswith("from lib.presentation.formatting import") for line in others)
    assert not [line for line in imports_of(loaders.__file__) + imports_of(explain.__file__) if "altair" in line]
