"""One way to write a file: a temporary file beside the target, then os.replace.

A reader sees the old file or the new one, never half of one. Files are written 0644 (the
tables and reports are shared data; mkstemp alone would leave them 0600).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

FILE_MODE = 0o644


def write_atomic(target: str | os.PathLike, write: Callable[[Path], object]) -> Path:
    """Call `write(tmp_path)`, then move the finished file into place."""
    return write_all_atomic({Path(target): write})[0]


def write_bytes_atomic(target: str | os.PathLike, payload: bytes) -> Path:
    return write_atomic(target, lambda tmp: tmp.write_bytes(payload))


def write_all_atomic(
    writers: dict[Path, Callable[[Path], object]], restore: dict[Path, Path] | None = None
) -> list[Path]:
    """Write every file to its temporary path first, then move them all into place.

    Nothing is replaced when any write fails. If a move fails, the targets already moved
    are put back from `restore` (target → copy of its previous content). The moves are one
    os.replace each: a process killed between two of them leaves some files new.
    """
    done: list[Path] = []
    with _staged_many(list(writers)) as temps:
        for write, tmp in zip(writers.values(), temps):
            write(tmp)
            os.chmod(tmp, FILE_MODE)
        try:
            for target, tmp in zip(writers, temps):
                os.replace(tmp, target)
                done.append(Path(target))
        except BaseException:
            for target in done:
                if restore and target in restore:
                    write_atomic(target, lambda t, src=restore[target]: shutil.copy2(src, t))
            raise
    return [Path(t) for t in writers]


@contextmanager
def _staged_many(targets: list[Path]) -> Iterator[list[Path]]:
    temps: list[Path] = []
    try:
        for target in targets:
            final = Path(target)
            final.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".tmp", dir=final.parent)
            os.close(fd)
            temps.append(Path(tmp))
        yield temps
    finally:
        for tmp in temps:
            tmp.unlink(missing_ok=True)
