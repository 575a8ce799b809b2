"""`python -m lib round open|status|close`, `submit`, `review`: the annual reporting round from the shell.

The same functions as the 年度报送 page (lib.store.rounds); `--user NAME` is the account the action is done
as, with its role's permissions (lib.cli.store). Errors in Chinese; exit 0 only on success.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TextIO

from lib.cli.store import BAD_INPUT, FAILED, OK, account_named
from lib.contract.tables import DataError
from lib.entry.upload import MAX_UPLOAD_BYTES, read_upload
from lib.store import audit, rounds
from lib.store.db import Store, open_store


def _deadline(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise DataError(f"截止日期应写成 YYYY-MM-DD，如 2026-03-31，收到“{text}”") from None


def run_round(
    action: str,
    year: int,
    user: str | None = None,
    deadline: str | None = None,
    fmt: str = "text",
    out: TextIO | None = None,
    store: Store | None = None,
) -> int:
    """open (--deadline, --user), status (one row per department), close (--user)."""
    out = out or sys.stdout
    origin = audit.command_line_origin()
    try:
        store = store or open_store()
        if action == "status":
            table = rounds.tracker(store, year)
            done = rounds.completeness(store, year)
            if fmt == "csv":
                out.write(table.to_csv(index=False))
                return OK
            out.write(table.to_string(index=False) + "\n")
            shown = f"报送率 {done.reported}/{done.expected}，及时率 {done.on_time}/{done.expected}"
            state = "进行中" if rounds.get_round(store, year).is_open else "已关闭"
            print(f"{year}年度报送（{state}）：{shown}", file=out)
            return OK
        if not user:
            print("错误：请用 --user 指定管理员账户", file=out)
            return BAD_INPUT
        account = account_named(store, user)
        if action == "open":
            if not deadline:
                print("错误：请用 --deadline 指定截止日期（YYYY-MM-DD）", file=out)
                return BAD_INPUT
            made = rounds.open_round(store, year, _deadline(deadline), account, origin=origin)
            pairs = rounds.expected_pairs(store, year)
            print(f"已开启{made.year}年度报送，截止 {made.deadline:%Y-%m-%d}，应报 {len(pairs)} 项。", file=out)
        else:
            rounds.close_round(store, year, account, origin)
            print(f"已关闭{year}年度报送：此后不能再填报或报送。", file=out)
    except DataError as exc:
        print(f"错误：{exc}", file=out)
        return FAILED
    return OK


def run_submit(file: str, user: str, out: TextIO | None = None, store: Store | None = None) -> int:
    """A department's filled template: checked, saved as the round's drafts and submitted."""
    out = out or sys.stdout
    path = Path(file)
    if not path.is_file():
        print(f"错误：找不到文件 {path}", file=out)
        return BAD_INPUT
    if path.stat().st_size > MAX_UPLOAD_BYTES:
        print(f"错误：文件超过上限 {MAX_UPLOAD_BYTES // 1024 // 1024} MB", file=out)
        return FAILED
    try:
        store = store or open_store()
        account = account_named(store, user)
        saved, submitted = rounds.submit_upload(
            store, read_upload(path.read_bytes(), path.name), account, audit.command_line_origin()
        )
    except DataError as exc:
        print(f"错误：{exc}", file=out)
        return FAILED
    print(f"已报送 {len(submitted)} 项：{'、'.join(submitted)}（本次保存 {saved} 项）。", file=out)
    return OK


def run_review(
    year: int,
    department: str,
    user: str,
    accept: bool,
    comment: str | None = None,
    indicator: str | None = None,
    out: TextIO | None = None,
    store: Store | None = None,
) -> int:
    """通过 or 退回 (with a comment) a department's submitted rows, or one indicator of them."""
    out = out or sys.stdout
    try:
        store = store or open_store()
        account = account_named(store, user)
        done, version = rounds.review(
            store, year, department, account, accept, comment, indicator, audit.command_line_origin()
        )
    except DataError as exc:
        print(f"错误：{exc}", file=out)
        return FAILED
    listed = "、".join(done)
    if accept:
        print(f"已通过 {len(done)} 项：{listed}，已写入正式数据（第 {version} 版）。", file=out)
    else:
        print(f"已退回 {len(done)} 项：{listed}，理由：{comment}", file=out)
    return OK
