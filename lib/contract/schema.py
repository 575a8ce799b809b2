"""The data contract: one declaration of every table the dashboard reads.

The catalogue build writes its Parquet files with `arrow_schema(name)`, the loaders in
`lib.contract.tables` check what they read against `dtypes(name)`, `REQUIRED` and `UNIQUE`,
and the table in docs/data-contract.md is `markdown_table()` (a test keeps the two equal).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

from lib import config

ARROW_TYPES = {
    "str": pa.string(),
    "int64": pa.int64(),
    "float64": pa.float64(),
    "bool": pa.bool_(),
    "list<str>": pa.list_(pa.string()),
}


@dataclass(frozen=True)
class Column:
    name: str
    dtype: str  # a key of ARROW_TYPES
    meaning: str
    required: bool = False  # may not be empty in any row


@dataclass(frozen=True)
class Table:
    file: str
    one_row_per: str
    columns: tuple[Column, ...]
    unique: tuple[str, ...] = ()
    optional: tuple[Column, ...] = ()  # read when present, never written by the build


def _c(name: str, dtype: str, meaning: str, required: bool = False) -> Column:
    return Column(name, dtype, meaning, required)


TABLES: dict[str, Table] = {
    t.file: t
    for t in (
        Table(
            config.AREAS,
            "development area",
            (
                _c("area_id", "str", "`A1` … in text order", True),
                _c("seq", "int64", "1 …", True),
                _c("name", "str", "妇女与健康", True),
                _c("short_name", "str", "健康", True),
            ),
            unique=("area_id",),
        ),
        Table(
            config.GOALS,
            "main goal (主要目标)",
            (
                _c("goal_id", "str", "`A1-G01`", True),
                _c("area_id", "str", "its area", True),
                _c("seq", "int64", "number within the area", True),
                _c("text", "str", "goal without its department parenthesis", True),
                _c("lead_units", "list<str>", "牵头单位, canonical names; empty when the plan names none"),
                _c("responsible_units", "list<str>", "责任单位, canonical names; may be empty"),
            ),
            unique=("goal_id",),
        ),
        Table(
            config.MEASURES,
            "measure (策略措施)",
            (
                _c("measure_id", "str", "`A1-M04`", True),
                _c("area_id", "str", "its area", True),
                _c("seq", "int64", "number within the area", True),
                _c("title", "str", "first sentence without its 。"),
                _c("text", "str", "whole item", True),
            ),
            unique=("measure_id",),
        ),
        Table(
            config.DEPARTMENTS,
            "department or collective entry",
            (
                _c("name", "str", "canonical name", True),
                _c("kind", "str", "`department` or `group`", True),
                _c("aliases", "list<str>", "other spellings in the plan"),
                _c("n_lead", "int64", "goals it leads"),
                _c("n_responsible", "int64", "goals it shares"),
            ),
            unique=("name",),
        ),
        Table(
            config.INDICATORS,
            "indicator",
            (
                _c("indicator_id", "str", "`A1-G02-1`, `A1-M04-1`: goal or measure id + running number", True),
                _c("area_id", "str", "its area", True),
                _c("goal_id", "str", "null when stated in a measure"),
                _c("measure_id", "str", "null when stated in a goal"),
                _c("seq", "int64", "number within its goal or measure"),
                _c("name", "str", "孕产妇死亡率", True),
                _c(
                    "unit",
                    "str",
                    "read from the wording: `%`, `1/10万`, `岁`, `年`, `人`, `比例` for 3：2 …; null for qualitative",
                ),
                _c(
                    "kind",
                    "str",
                    "`target`; `direction` (a counted quantity to move); `qualitative` (judged by rating)",
                    True,
                ),
                _c("op", "str", "`<=`, `>=`, `<`, `>`, `≈`, `=`, `up`, `down`; null for qualitative goals"),
                _c("target", "float64", "the number; for a ratio 3：2 the value 1.5; null without one"),
                _c("target_year", "int64", "2025"),
                _c("quote", "str", "exact substring of the plan text"),
            ),
            unique=("indicator_id",),
            optional=(_c("tolerance", "float64", "half-width of a `≈` band, overriding the default"),),
        ),
        Table(
            config.OBSERVATIONS,
            "indicator × region × year × subgroup",
            (
                _c("indicator_id", "str", "", True),
                _c("region", "str", "博山区"),
                _c("year", "int64", "", True),
                _c("subgroup", "str", "null = total; 城镇, 农村, age groups …"),
                _c("value", "float64", "", True),
                _c("numerator", "float64", "null unless the rate comes from counts"),
                _c("denominator", "float64", "null unless the rate comes from counts"),
                _c("data_status", "str", "初步 / 正式"),
                _c("source", "str", "reporting department"),
                _c("note", "str", ""),
                _c("is_sample", "bool", "true for generated sample data"),
            ),
            unique=("indicator_id", "region", "subgroup", "year"),
        ),
        Table(
            config.ASSESSMENTS,
            "qualitative indicator × year",
            (
                _c("indicator_id", "str", "", True),
                _c("year", "int64", "", True),
                _c("rating", "str", "已完成 / 进展顺利 / 进展缓慢 / 未开展", True),
                _c("narrative", "str", ""),
                _c("department", "str", "rating department"),
                _c("is_sample", "bool", "true for generated sample data"),
            ),
            unique=("indicator_id", "year"),
        ),
        Table(
            config.REFERENCE,
            "published comparison value",
            (
                _c("indicator_id", "str", "plan indicator it is compared with", True),
                _c("region", "str", "全国, 山东省, 博山区", True),
                _c("year", "int64", "a survey period takes its later year", True),
                _c("period", "str", "period as published"),
                _c("value", "float64", "", True),
                _c("unit", "str", ""),
                _c("indicator_zh", "str", "name and scope as published"),
                _c("source_url", "str", "", True),
                _c("quote", "str", "verbatim sentence (may be English or traditional characters)", True),
                _c("mapping_note", "str", "why the series matches the plan indicator"),
                _c("source_org", "str", "who issued the figure, in which document; the outlet of a reprint"),
                _c("tier", "str", "`A` the issuing agency's page, `B` a central official outlet, `C` a reprint (转载)"),
            ),
        ),
    )
}
ALLOWED = {  # columns whose values come from a closed list
    "data_status": (config.DATA_STATUS_PRELIMINARY, config.DATA_STATUS_FINAL),
    "rating": config.RATINGS,
}


def columns(name: str) -> tuple[Column, ...]:
    return TABLES[name].columns


def dtypes(name: str) -> dict[str, str]:
    """Column name → dtype label, in schema order."""
    return {c.name: c.dtype for c in TABLES[name].columns}


def required(name: str) -> tuple[str, ...]:
    return tuple(c.name for c in TABLES[name].columns if c.required)


def arrow_schema(name: str) -> pa.Schema:
    return pa.schema([(c.name, ARROW_TYPES[c.dtype]) for c in TABLES[name].columns])


def markdown_table() -> str:
    """The contract as the Markdown table docs/data-contract.md shows."""
    lines = ["| table | one row per | columns (type; meaning) | unique |", "|---|---|---|---|"]
    for table in TABLES.values():
        cols = "; ".join(_describe(c) for c in table.columns + table.optional)
        lines.append(f"| `{table.file}` | {table.one_row_per} | {cols} | {', '.join(table.unique) or '—'} |")
    return "\n".join(lines)


def _describe(column: Column) -> str:
    text = f"`{column.name}` {column.dtype}" + (" (required)" if column.required else "")
    return text + (f": {column.meaning}" if column.meaning else "")
