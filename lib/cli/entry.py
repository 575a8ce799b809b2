"""`python -m lib template …` and `python -m lib import …`: the yearly data template from the shell."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO

from lib import config
from lib.contract.files import write_bytes_atomic
from lib.contract.tables import DataError, load_assessments, load_catalogue_table, load_observations
from lib.entry.importer import (
    NEW,
    REPLACED,
    UNCHANGED,
    apply_import,
    build_template_bytes,
    has_errors,
    plan_import,
    read_upload,
    validate_upload,
)
from lib.entry.upload import MAX_UPLOAD_BYTES


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


def run_import(
    file: str | os.PathLike,
    data_dir: str | os.PathLike | None = None,
    dry_run: bool = False,
    out: TextIO | None = None,
    year: int | None = None,
    department: str | None = None,
) -> int:
    """Check a filled template and import it; 1 when it has errors (nothing written), 2 on bad input."""
    out = out or sys.stdout
    path = Path(file)
    if not path.is_file():
        print(f"错误：找不到文件 {path}", file=out)
        return 2
    if path.stat().st_size > MAX_UPLOAD_BYTES:  # refused before it is read into memory
        print(f"错误：文件超过上限 {MAX_UPLOAD_BYTES // 1024 // 1024} MB", file=out)
        return 1
    try:
        parsed = read_upload(path.read_bytes(), path.name)
        problems = validate_upload(parsed, load_catalogue_table(config.INDICATORS, data_dir), year, department)
        for problem in sorted(problems, key=lambda p: not p.is_error):  # errors first, then notes
            print(problem, file=out)
        if has_errors(problems):
            print(f"有 {sum(p.is_error for p in problems)} 处错误，未写入任何数据。", file=out)
            return 1
        plan = plan_import(load_observations(data_dir), load_assessments(data_dir), parsed)
        counts = "，".join(f"{a} {plan.count(a)} 行" for a in (NEW, REPLACED, UNCHANGED))
        if dry_run:
            print(f"试运行（未写入）：{counts}。", file=out)
            return 0
        apply_import(data_dir, plan, year, department)
    except DataError as exc:
        print(f"错误：{exc}", file=out)
        return 2
    print(f"已导入：{counts}。原数据已备份到 {config.data_dir(data_dir) / 'backups'}。", file=out)
    return 0
