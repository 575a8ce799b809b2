"""Texts of the monitoring report that need a person's judgement (对策建议, 总体评价), kept with the year.

The office writes them on the 监测报告 page; the program never invents them. They live in the store
(lib.store, table report_texts): every save is a new row with who and when, the newest per (year, section)
is the text in force, and the save is in the audit log. Only a 管理员 may save (checked here).
"""

from __future__ import annotations

import os
import re

from sqlalchemy import insert, select

from lib import config
from lib.store import audit, schema
from lib.store.db import Store, now, open_store
from lib.store.permissions import WRITE_REPORT, require

SECTION_SUGGESTIONS = "suggestions"
SECTION_ASSESSMENT = "assessment"
SECTIONS = {SECTION_ASSESSMENT: "总体评价", SECTION_SUGGESTIONS: "对策建议"}
PENDING = "（待区妇儿工委办公室填写）"
MAX_CHARS = 20_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _store(store: Store | str | os.PathLike | None) -> Store:
    return store if isinstance(store, Store) else open_store(state=store)


def load_report_texts(year: int, store: Store | str | os.PathLike | None = None) -> dict[str, str]:
    """The texts in force for `year` by section ('' for a section not yet written); `store` or a state dir."""
    table = schema.report_texts
    query = select(table.c.section, table.c.text).where(table.c.year == int(year)).order_by(table.c.id)
    with _store(store).engine.connect() as conn:
        saved = dict(conn.execute(query).all())  # later rows win
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
    year: int, texts: dict[str, str], account, store: Store | str | os.PathLike | None = None, origin: str | None = None
) -> None:
    """Save the texts of `year` (other years kept); PermissionDenied unless 管理员, ValueError in Chinese."""
    store = _store(store)
    require(account, WRITE_REPORT, store, origin)
    if int(year) not in config.ASSESSMENT_YEARS:
        raise ValueError(f"评估年度应为 {config.FIRST_YEAR}—{config.TARGET_YEAR} 之间的年份，收到 {year}")
    problem = check_texts(texts)
    if problem:
        raise ValueError(problem)
    current = load_report_texts(year, store)
    changed = {k: clean_text(v) for k, v in texts.items() if clean_text(v) != current[k]}
    if not changed:
        return
    at = now()
    with store.engine.begin() as conn:
        conn.execute(
            insert(schema.report_texts),
            [
                {"year": int(year), "section": k, "text": v, "updated_at": at, "updated_by": account.name}
                for k, v in changed.items()
            ],
        )
        labels = "、".join(SECTIONS[k] for k in changed)
        audit.record(conn, account.name, "编写报告文字", True, f"{year}年{labels}", origin)


def text_or_pending(texts: dict[str, str] | None, section: str) -> list[str]:
    """The paragraphs of a section as saved, or the one line saying the office has yet to write it."""
    text = clean_text((texts or {}).get(section, ""))
    return [p.strip() for p in text.split("\n") if p.strip()] or [PENDING]
