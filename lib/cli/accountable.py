"""`python -m lib accountable [--indicator ID --department D] [--data-dir DIR]`: who answers for measure targets.

Without --indicator: prints every target stated in a measure with its accountable department and the basis
(办公室指定, or the default rule of docs/method.md). With --indicator and --department: sets the office's entry
in data/accountable.csv, written atomically.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO

from lib import config
from lib.contract.files import write_bytes_atomic
from lib.contract.tables import DataError, load_catalogue_table
from lib.presentation import roles


def run_accountable(
    indicator: str | None,
    department: str | None,
    data_dir: str | os.PathLike | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """List or set accountable departments; 0 on success, 2 with a Chinese message on bad input."""
    out, err = out or sys.stdout, err or sys.stderr
    if (indicator is None) != (department is None):
        print("错误：--indicator 和 --department 须同时给出（都不给则列出全部）", file=err)
        return 2
    folder = Path(config.data_dir(data_dir))
    try:
        indicators, goals = load_catalogue_table(config.INDICATORS, folder), load_catalogue_table(config.GOALS, folder)
        current = roles.read_accountable(folder)
        if indicator is not None:
            departments = load_catalogue_table(config.DEPARTMENTS, folder)
            current = roles.with_accountable(current, indicator, department, indicators, departments)
            write_bytes_atomic(folder / roles.ACCOUNTABLE_FILE, roles.accountable_csv_bytes(current))
            print(f"已设定：{indicator} 由 {department} 负责（写入 {folder / roles.ACCOUNTABLE_FILE}）", file=out)
            return 0
    except (DataError, ValueError) as exc:
        print(f"错误：{exc}", file=err)
        return 2
    table = roles.accountable_table(indicators, goals, current)
    names = indicators.set_index("indicator_id")["name"]
    out.write(
        table.assign(name=table["indicator_id"].map(names))[["indicator_id", "name", "department", "basis"]].to_csv(
            index=False
        )
    )
    return 0
