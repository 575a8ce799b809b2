"""Write the shipped monitoring tables from the catalogue in a data directory.

observations.parquet and assessments.parquet are SAMPLE data (seeded, is_sample = True);
reference.parquet holds the real published values of national-reference.csv and
regional-reference.csv (each with its source, issuing body and tier); the sample values
start near them where they exist.

    python scripts/make_sample_data.py --data-dir data [--seed 20211]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lib import config  # noqa: E402
from lib.catalogue.reference import (  # noqa: E402
    REFERENCE_FILES,
    build_reference,
    default_reference_files,
    read_reference_files,
    unexplained_series,
    unmatched_mappings,
)
from lib.contract.tables import DataError, load_catalogue_table, write_table  # noqa: E402
from lib.entry.sample import generate_assessments, generate_observations  # noqa: E402


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description="按目录生成示例监测数据，并整理全国参考值")
    parser.add_argument("--data-dir", default=None, help="数据目录（含目录表，默认 data/）")
    parser.add_argument("--seed", type=int, default=config.SAMPLE_SEED, help="随机种子")
    parser.add_argument(
        "--reference-csv",
        default=None,
        action="append",
        help=f"参考值 CSV，可重复（默认为数据目录中的 {'、'.join(REFERENCE_FILES)}）",
    )
    return parser


def make_sample_data(data_dir: Path, seed: int, reference_csvs: list[Path]) -> list[Path]:
    """Generate and write the three tables; returns the paths written."""
    indicators = load_catalogue_table(config.INDICATORS, data_dir)
    goals = load_catalogue_table(config.GOALS, data_dir)
    raw = read_reference_files(reference_csvs)
    unknown = unexplained_series(raw)
    if unknown:
        raise DataError("参考值文件中有未说明是否对应规划指标的序列：" + "、".join(unknown))
    unmatched = unmatched_mappings(indicators)
    if unmatched:
        print("提示：以下参考值序列未对应到目录中的任何指标：" + "、".join(unmatched), file=sys.stderr)
    reference = build_reference(raw, indicators)
    tables = {
        config.OBSERVATIONS: generate_observations(indicators, goals, seed, reference),
        config.ASSESSMENTS: generate_assessments(indicators, goals, seed),
        config.REFERENCE: reference,
    }
    return [write_table(frame, data_dir / name) for name, frame in tables.items()]


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    data_dir = config.source_dir(args.data_dir)
    csvs = [Path(p) for p in (args.reference_csv or default_reference_files(data_dir))]
    try:
        written = make_sample_data(data_dir, args.seed, csvs)
    except DataError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    for path in written:
        print(f"已写入 {path}")
    print(f"注意：{config.SAMPLE_LABEL}——观测值与年度评价为示例数据；参考值为公开发布的真实数字。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
