"""Texts of the monitoring report that need a person's judgement (对策建议, 总体评价), kept with the year.

The office writes them on the 监测报告 page; the program never invents them. They live in a state
directory outside the shipped data ($BOSHAN_STATE_DIR, default var/ in the repository, git-ignored),
in one Parquet table written atomically (lib.contract.tables.write_table): year, section, text, updated_at.
"""

from __future__ import annotations

import os
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pandas as pd

from lib import config
from lib.contract.tables import write_table

STATE_DIR_ENV = "BOSHAN_STATE_DIR"
DEFAULT_STATE_DIR = config.ROOT / "var"
TEXTS_FILE = "report_texts.parquet"
SECTION_SUGGESTIONS = "suggestions"
SECTION_ASSESSMENT = "assessment"
SECTIONS = {SECTION_ASSESSMENT: "总体评价", SECTION_SUGGESTIONS: "对策建议"}
PENDING = "（待区妇儿工委办公室填写）"
MAX_CHARS = 20_000
COLUMNS = ["year", "section", "text", "updated_at"]
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
BEIJING = timezone(timedelta(hours=8))


def state_dir(path: str | os.PathLike | None = None) -> Path:
    """Where the office's own texts are kept: an explicit path, else $BOSHAN_STATE_DIR, else var/."""
    if path:
        return Path(path)
    env = os.environ.get(STATE_DIR_ENV)
    return Path(env) if env else DEFAULT_STATE_DIR


def _read(folder: Path) -> pd.DataFrame:
    path = folder / TEXTS_FILE
    if not path.exists():
        return pd.DataFrame(columns=COLUMNS)
    return pd.read_parquet(path)


def load_report_texts(year: int, folder: str | os.PathLike | None = None) -> dict[str, str]:
    """The saved texts of `year` by section ('' for a section not yet written)."""
    table = _read(state_dir(folder))
    rows = table[table["year"] == int(year)]
    saved = dict(zip(rows["section"], rows["text"]))
    return {key: str(saved.get(key) or "") for key in SECTIONS}


def clean_text(text: str) -> str:
    """The text as typed, without control characters, Windows line ends or surrounding blank lines."""
    return _CONTROL.sub("", str(text).replace("\r\n", "\n").replace("\r", "\n")).strip()


def check_texts(texts: dict[str, str]) -> str | None:
    """A Chinese message when a text cannot be saved; None when all are fine."""
    unknown = [k for k in texts if k not in SECTIONS]
    if unknown:
        return f"未知的报告部分：{'、'.join(unknown)}"
    long = [SECTIONS[k] for k, v in texts.items() if len(clean_text(v)) > MAX_CHARS]
    if long:
        return f"{'、'.join(long)}超过{MAX_CHARS}字，请精简后再保存"
    return None


def save_report_texts(
    year: int, texts: dict[str, str], folder: str | os.PathLike | None = None, now: datetime | None = None
) -> Path:
    """Save the texts of `year` (other years kept); ValueError in Chinese for bad input."""
    if int(year) not in config.ASSESSMENT_YEARS:
        raise ValueError(f"评估年度应为 {config.FIRST_YEAR}—{config.TARGET_YEAR} 之间的年份，收到 {year}")
    problem = check_texts(texts)
    if problem:
        raise ValueError(problem)
    target = state_dir(folder)
    table = _read(target)
    when = (now or datetime.now(BEIJING)).strftime("%Y-%m-%d %H:%M:%S")
    fresh = pd.DataFrame([(int(year), k, clean_text(v), when) for k, v in texts.items()], columns=COLUMNS)
    keep = table[~((table["year"] == int(year)) & table["section"].isin(list(texts)))]
    merged = pd.concat([keep, fresh], ignore_index=True) if not keep.empty else fresh
    merged = merged.astype({"year": "int64"}).sort_values(["year", "section"]).reset_index(drop=True)
    return write_table(merged, target / TEXTS_FILE)


def text_or_pending(texts: dict[str, str] | None, section: str) -> list[str]:
    """The paragraphs of a section as saved, or the one line saying the office has yet to write it."""
    text = clean_text((texts or {}).get(section, ""))
    return [p.strip() for p in text.split("\n") if p.strip()] or [PENDING]
