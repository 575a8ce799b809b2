"""Build the catalogue tables (areas, goals, measures, departments, indicators) from a plan
text and write them as Parquet files: `python -m lib catalogue --plan PATH --out DIR`.

Tables are written with fixed Arrow schemas (list columns are list<string>, counts int64,
targets double) and without pandas metadata, so two builds give byte-identical files.
Each file is written to a temporary name and moved into place; nothing is written when
the text cannot be parsed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from lib import config
from lib.catalogue.departments import build_alias_map, build_departments, canonical_units, expand
from lib.catalogue.plan_parser import Area, PlanParseError, locate, parse_plan
from lib.catalogue.targets import Indicator, goal_indicators, measure_indicators
from lib.contract.files import write_all_atomic
from lib.contract.schema import arrow_schema


def area_id(area: Area) -> str:
    return f"A{area.seq}"


def build_areas(areas: list[Area]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"area_id": area_id(a), "seq": a.seq, "name": a.name, "short_name": a.short_name} for a in areas]
    )


def build_goals(areas: list[Area], alias_map: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "goal_id": f"{area_id(a)}-G{g.seq:02d}",
                "area_id": area_id(a),
                "seq": g.seq,
                "text": g.text,
                "lead_units": canonical_units(g.lead_units, alias_map),
                "responsible_units": canonical_units(g.responsible_units, alias_map),
            }
            for a in areas
            for g in a.goals
        ]
    )


def build_measures(areas: list[Area]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "measure_id": f"{area_id(a)}-M{m.seq:02d}",
                "area_id": area_id(a),
                "seq": m.seq,
                "title": m.title,
                "text": m.text,
            }
            for a in areas
            for m in a.measures
        ]
    )


def indicator_rows(owner_id: str, a_id: str, is_goal: bool, found: list[Indicator], raw: str) -> list[dict]:
    return [
        {
            "indicator_id": f"{owner_id}-{n}",
            "area_id": a_id,
            "goal_id": owner_id if is_goal else None,
            "measure_id": None if is_goal else owner_id,
            "seq": n,
            "name": ind.name,
            "unit": ind.unit,
            "kind": ind.kind,
            "op": ind.op,
            "target": ind.target,
            "target_year": config.TARGET_YEAR,
            "quote": locate(raw, ind.quote),
        }
        for n, ind in enumerate(found, 1)
    ]


def build_indicators(areas: list[Area], raw: str) -> pd.DataFrame:
    """Goal indicators then measure targets of each area, ids in text order."""
    rows: list[dict] = []
    for a in areas:
        for g in a.goals:
            rows += indicator_rows(f"{area_id(a)}-G{g.seq:02d}", area_id(a), True, goal_indicators(g.text), raw)
        for m in a.measures:
            rows += indicator_rows(f"{area_id(a)}-M{m.seq:02d}", area_id(a), False, measure_indicators(m.text), raw)
    return pd.DataFrame(rows, columns=arrow_schema(config.INDICATORS).names)


def build_catalogue(text: str) -> dict[str, pd.DataFrame]:
    """All catalogue tables of a plan text, keyed by file name; PlanParseError if refused."""
    areas = parse_plan(text)
    units = [(list(g.lead_units), list(g.responsible_units)) for a in areas for g in a.goals]
    alias_map = build_alias_map(expand(name for pair in units for part in pair for name in part))
    return {
        config.AREAS: build_areas(areas),
        config.GOALS: build_goals(areas, alias_map),
        config.MEASURES: build_measures(areas),
        config.DEPARTMENTS: build_departments(units, alias_map),
        config.INDICATORS: build_indicators(areas, text),
    }


def to_arrow(frame: pd.DataFrame, schema: pa.Schema) -> pa.Table:
    """A table with the fixed schema and no pandas metadata."""
    columns = {name: frame[name].tolist() for name in schema.names}
    columns = {k: [None if isinstance(v, float) and v != v else v for v in vals] for k, vals in columns.items()}
    return pa.Table.from_pydict(columns, schema=schema)


def write_tables(tables: dict[str, pd.DataFrame], out: Path) -> None:
    """Write every table to a temporary file first, then move all into place."""
    write_all_atomic(
        {
            out / name: (
                lambda tmp, name=name, frame=frame: pq.write_table(
                    to_arrow(frame, arrow_schema(name)), tmp, compression="zstd"
                )
            )
            for name, frame in tables.items()
        }
    )


def read_plan(path: str) -> str:
    return Path(path).read_text(encoding="utf-8-sig")


def run_catalogue(plan: str, out: str) -> int:
    """CLI entry: 0 when the tables were written, 1 when the text was refused, 2 on I/O."""
    try:
        text = read_plan(plan)
    except (OSError, UnicodeDecodeError) as error:
        print(f"无法读取规划文本“{plan}”（需为 UTF-8 编码的文本文件）：{error}", file=sys.stderr)
        return 2
    try:
        tables = build_catalogue(text)
    except PlanParseError as error:
        print(f"{error}。未写入任何文件。", file=sys.stderr)
        return 1
    write_tables(tables, Path(out))
    counts = "，".join(f"{name.removesuffix('.parquet')} {len(frame)} 行" for name, frame in tables.items())
    print(f"已写入 {out}：{counts}")
    return 0
