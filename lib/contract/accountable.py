"""The office's table of accountable departments for targets stated in measures (accountable.csv).

A data table of the data directory like the others, kept as CSV so the office can open it in
Excel; the defaults it overrides are computed from the catalogue (lib.presentation.roles).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from lib.contract.tables import DataError

ACCOUNTABLE_FILE = "accountable.csv"
ACCOUNTABLE_COLUMNS = ["indicator_id", "department", "basis"]


def read_accountable(data_dir: Path) -> pd.DataFrame:
    """The office's entries (indicator_id, department, basis); an empty frame when none is set."""
    path = Path(data_dir) / ACCOUNTABLE_FILE
    if not path.exists():
        return pd.DataFrame(columns=ACCOUNTABLE_COLUMNS)
    frame = pd.read_csv(path, dtype=str, encoding="utf-8-sig").fillna("")
    missing = [c for c in ACCOUNTABLE_COLUMNS if c not in frame.columns]
    if missing:
        raise DataError(f"{path.name} 缺少列：{'、'.join(missing)}（应有 {'、'.join(ACCOUNTABLE_COLUMNS)}）")
    return frame[ACCOUNTABLE_COLUMNS]


def accountable_csv_bytes(table: pd.DataFrame) -> bytes:
    """The office's table as the CSV file read_accountable reads (UTF-8 with BOM, opens in Excel)."""
    return table[ACCOUNTABLE_COLUMNS].to_csv(index=False).encode("utf-8-sig")
