"""lib.contract.files: the one atomic writer — all files or none, readable by everyone."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from lib.contract.files import FILE_MODE, write_all_atomic, write_bytes_atomic


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_write_bytes_atomic_writes_file_0644_and_leaves_no_temp(tmp_path):
    target = write_bytes_atomic(tmp_path / "sub" / "a.bin", b"new")
    assert target.read_bytes() == b"new" and _mode(target) == FILE_MODE
    assert [p.name for p in target.parent.iterdir()] == ["a.bin"]


def test_write_all_atomic_failed_write_replaces_nothing(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.write_text("old a")
    second.write_text("old b")

    def fail(tmp: Path) -> None:
        raise OSError("disk full")

    with pytest.raises(OSError):
        write_all_atomic({first: lambda tmp: tmp.write_text("new a"), second: fail})
    assert (first.read_text(), second.read_text()) == ("old a", "old b")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b"]


def test_write_all_atomic_failed_move_restores_earlier_targets(tmp_path, monkeypatch):
    first, second, backup = tmp_path / "a", tmp_path / "b", tmp_path / "a.bak"
    first.write_text("old a")
    backup.write_text("old a")
    import lib.contract.files as files

    real = files.os.replace
    calls = []

    def replace(src, dst):
        calls.append(dst)
        if Path(dst) == second:
            raise OSError("rename failed")
        return real(src, dst)

    monkeypatch.setattr(files.os, "replace", replace)
    with pytest.raises(OSError):
        write_all_atomic(
            {first: lambda t: t.write_text("new a"), second: lambda t: t.write_text("new b")}, restore={first: backup}
        )
    assert first.read_text() == "old a" and not second.exists()
