"""Command line: `python -m lib catalogue ...` and `python -m lib status ...`."""
from __future__ import annotations

import argparse
import sys


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m lib", description="博山区妇女发展规划监测工具")
    sub = parser.add_subparsers(dest="command", required=True)

    cat = sub.add_parser("catalogue", help="从规划文本生成目录表（Parquet）")
    cat.add_argument("--plan", required=True, help="规划文本文件（UTF-8）")
    cat.add_argument("--out", required=True, help="输出目录")

    st = sub.add_parser("status", help="计算某评估年度每个指标的进展状态与预警")
    st.add_argument("--year", type=int, required=True, help="评估年度，如 2025")
    st.add_argument("--data-dir", default=None, help="数据目录（默认 data/ 或环境变量 BOSHAN_DATA_DIR）")
    st.add_argument("--format", choices=("csv", "json"), default="csv")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "catalogue":
        from lib.catalogue import run_catalogue

        return run_catalogue(args.plan, args.out)
    from lib.status_cli import run_status

    return run_status(args.year, args.data_dir, args.format)


if __name__ == "__main__":
    sys.exit(main())
