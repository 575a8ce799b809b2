"""lib.contract.schema: one declaration used by the catalogue build, the loaders and the docs."""

from __future__ import annotations

import re

import pyarrow.parquet as pq
import pytest

from lib import config
from lib.__main__ import main
from lib.catalogue.build import build_catalogue
from lib.contract import schema, tables

DOCS = config.ROOT / "docs" / "data-contract.md"


def test_markdown_table_equals_docs_block():
    text = DOCS.read_text(encoding="utf-8")
    block = re.search(r"<!-- schema:start.*?-->\n(.*?)\n<!-- schema:end -->", text, re.S).group(1)
    assert block == schema.markdown_table()


def test_main_schema_prints_the_docs_table(capsys):
    assert main(["schema"]) == 0
    assert capsys.readouterr().out.strip() == schema.markdown_table()


@pytest.mark.parametrize("name", config.CATALOGUE_TABLES)
def test_arrow_schema_is_what_the_shipped_catalogue_has(name):
    assert pq.read_schema(config.DEFAULT_DATA_DIR / name).remove_metadata() == schema.arrow_schema(name)


@pytest.mark.parametrize("name", config.CATALOGUE_TABLES)
def test_build_catalogue_columns_follow_schema(name):
    built = build_catalogue(config.DEFAULT_DATA_DIR.joinpath(config.PLAN_FILE).read_text(encoding="utf-8"))
    assert list(built[name].columns) == list(schema.dtypes(name))


@pytest.mark.parametrize("name", list(schema.TABLES))
def test_shipped_tables_pass_the_contract(name):
    assert tables.validate_table(tables.read_parquet(config.DEFAULT_DATA_DIR / name), name) == []


def test_required_columns_are_declared_columns():
    for name, table in schema.TABLES.items():
        assert set(schema.required(name)) <= {c.name for c in table.columns}, name
        assert set(table.unique) <= {c.name for c in table.columns}, name
