"""`python -m lib template …`: the yearly data template from the shell (importing one: lib.cli.store)."""

from __future__ import annotations

import os
import sys
from typing import TextIO

from lib import config
from lib.contract.files import write_bytes_atomic
from lib.contract.tables import DataError, load_catalogue_table
from lib.entry.importer import (
    build_template_bytes,
)


def run_template(
    year: int,
    department: str | None,
    out: str | os.PathLike,
    data_dir: str | os.PathLike | None = None,
    err: TextIO | None = None,
) -> int:
    """Write the template of `year` (for one department or all); 0 on success, 2 on bad input."""
    err = err or sys.stderr
    try:
        indicators = load_catalogue_table(config.INDICATORS, data_dir)
        goals = load_catalogue_table(config.GOALS, data_dir)
        data = build_template_bytes(indicators, goals, year, department)
    except (DataError, ValueError) as exc:
        print(f"错误：{exc}", file=err)
        return 2
    write_bytes_atomic(out, data)
    print(f"已生成填报模板：{out}", file=err)
    return 0
