"""Publishing a version for readers: its tables as files in a folder of their own, switched in one step.

state/published/v000007/ holds observations.parquet, assessments.parquet and accountable.csv of version 7,
a link to every other file of the shipped data directory (catalogue, reference: never stale) and SOURCE,
written last. state/published/CURRENT names the live folder and is replaced atomically, so a reader
(lib.config.data_dir) sees the old version or the new, never one table of each. A process killed while
publishing leaves CURRENT on the previous version; the next open publishes again (ensure_published).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from lib import config
from lib.contract.accountable import ACCOUNTABLE_FILE, accountable_csv_bytes
from lib.contract.files import FILE_MODE, write_bytes_atomic
from lib.store.db import Store

PUBLISHED_FILES = (config.OBSERVATIONS, config.ASSESSMENTS, ACCOUNTABLE_FILE)
KEEP = 4  # version folders kept besides the live one: a reader may still be reading an older one


def folder_name(version: int) -> str:
    return f"v{int(version):06d}"


def root(store: Store) -> Path:
    return store.state / config.PUBLISHED_DIR


def live_version(store: Store) -> int | None:
    """The version readers see now, or None before the first publication."""
    folder = config.published_dir(store.state, store.source)
    return None if folder is None else int(folder.name[1:])


def _write_folder(store: Store, version: int, target: Path) -> None:
    from lib.store.versions import snapshot  # versions imports this module

    snap = snapshot(store, version)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        snap.observations.to_parquet(tmp / config.OBSERVATIONS, index=False)
        snap.assessments.to_parquet(tmp / config.ASSESSMENTS, index=False)
        (tmp / ACCOUNTABLE_FILE).write_bytes(accountable_csv_bytes(snap.accountable))
        for item in sorted(store.source.iterdir()):
            if item.is_file() and item.name not in PUBLISHED_FILES:
                os.symlink(item.resolve(), tmp / item.name)
        (tmp / config.PUBLISHED_SOURCE).write_text(str(store.source), encoding="utf-8")
        for item in tmp.iterdir():
            if not item.is_symlink():
                os.chmod(item, FILE_MODE)
        os.chmod(tmp, 0o755)
        if target.exists():  # a half-written folder of a killed publication
            shutil.rmtree(target)
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


@contextmanager
def _publishing(base: Path) -> Iterator[None]:
    """One publisher at a time on this machine (an exclusive lock on published/.lock)."""
    with open(base / ".lock", "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def publish(store: Store, version: int | None = None) -> Path:
    """Make the head (at least `version`) the live version: write its folder unless complete, then switch.

    Under the publishing lock the head is read again, so two commits publishing at once never move
    readers back to the older of the two.
    """
    from lib.store.versions import head_version  # versions imports this module

    base = root(store)
    base.mkdir(parents=True, exist_ok=True)
    with _publishing(base):
        with store.engine.connect() as conn:
            head = head_version(conn)
        if head is None:
            raise RuntimeError("store not seeded")
        target = base / folder_name(max(head, version or 0))
        if not (target / config.PUBLISHED_SOURCE).exists():
            _write_folder(store, int(target.name[1:]), target)
        live = live_version(store)
        if live is None or live <= int(target.name[1:]):
            write_bytes_atomic(base / config.PUBLISHED_POINTER, target.name.encode("utf-8"))
        _prune(base, target.name)
    return target


def _prune(base: Path, live: str) -> None:
    folders = sorted(p for p in base.iterdir() if p.is_dir() and p.name.startswith("v") and p.name != live)
    for old in folders[:-KEEP] if len(folders) > KEEP else []:
        shutil.rmtree(old, ignore_errors=True)


def ensure_published(store: Store) -> Path:
    """Publish the head when readers see another version (after a killed publication, or a new source)."""
    from lib.store.versions import head_version

    with store.engine.connect() as conn:
        head = head_version(conn)
    if head is None:
        raise RuntimeError("store not seeded")
    if live_version(store) == head:
        return root(store) / folder_name(head)
    return publish(store)
