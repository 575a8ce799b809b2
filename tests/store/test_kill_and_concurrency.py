"""A commit killed at any moment leaves the old version or the new one; two committers never lose an update.

Both run real processes (tests/store/worker.py) against the test's store, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

from lib import config
from lib.contract.tables import load_table
from lib.store import publish, versions
from lib.store.db import close_all, open_store
from tests.entry.uploads import fill
from tests.store.worker import big_change

ROOT = Path(__file__).resolve().parents[2]
KILLS = 30
SPREAD = 1.15  # the kill moments run from the commit's start to 15 % past its measured length
ROUNDS = 20


def _worker(store, url) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.store.worker", str(store.state), url, str(store.source)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout.readline().strip() == "ready"
    return proc


def _ask(proc: subprocess.Popen, command: str) -> None:
    proc.stdin.write(command + "\n")
    proc.stdin.flush()


def _same(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    key = list(versions.KEYS["observations"])
    a, b = (versions.in_key_order(f, "observations").reset_index(drop=True) for f in (a, b))
    return a[key + ["value"]].equals(b[key + ["value"]]) and len(a) == len(b)


def _commit_seconds(store, url) -> float:
    """How long a big commit takes in a fresh process once the store holds big rows (as in the kill runs)."""
    for _ in range(2):
        proc = _worker(store, url)
        _ask(proc, "big")
        assert proc.stdout.readline().strip() == "begin"
        start = time.perf_counter()
        assert proc.stdout.readline().startswith("ok")
        took = time.perf_counter() - start
        proc.stdin.close()
        proc.wait(timeout=30)
    return took


def test_a_commit_killed_at_30_moments_leaves_the_old_or_the_new_version(store, store_url):
    duration = _commit_seconds(store, store_url)
    outcomes = []
    for i in range(KILLS):
        old = versions.snapshot(store)
        new_obs = big_change(old)
        proc = _worker(store, store_url)
        _ask(proc, "big")
        assert proc.stdout.readline().strip() == "begin"
        time.sleep(duration * SPREAD * i / (KILLS - 1))  # from the first moment to just past the end
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        close_all()  # look with a fresh connection, as the next process would
        store = open_store(state=store.state, url=store_url, source=store.source)  # also repairs the publication
        now = versions.snapshot(store)
        assert now.version in (old.version, old.version + 1)
        expected = old.observations if now.version == old.version else new_obs
        assert _same(now.observations, expected), f"kill {i}: neither the old nor the new version"
        published = load_table(config.OBSERVATIONS, config.published_dir(store.state, store.source))
        assert _same(published, now.observations), f"kill {i}: the published tables differ from the store"
        outcomes.append(now.version == old.version + 1)
    print(f"commit {duration:.3f} s; {sum(outcomes)} of {KILLS} kills came after the commit was durable")


def test_a_publication_killed_half_way_is_repaired_on_the_next_open(store, store_url, monkeypatch):
    obs = versions.snapshot(store).observations.copy()
    obs["value"] += 1

    def killed(*_args, **_kwargs):
        raise KeyboardInterrupt  # as if the process died after the database commit, before publishing

    monkeypatch.setattr(publish, "publish", killed)
    try:
        versions.commit(store, {"observations": obs}, 0, "office", versions.IMPORT_ACTION)
    except KeyboardInterrupt:
        pass
    monkeypatch.undo()
    assert publish.live_version(store) == 0  # readers still see the whole old version
    close_all()
    store = open_store(state=store.state, url=store_url, source=store.source)
    assert publish.live_version(store) == 1


def _filled(data_dir, tmp_path: Path, name: str, cells: dict) -> Path:
    catalogue = pd.read_parquet(data_dir / config.INDICATORS), pd.read_parquet(data_dir / config.GOALS)
    path = tmp_path / name
    path.write_bytes(fill(catalogue, cells))
    return path


def test_two_processes_importing_different_files_at_once_never_lose_an_update(
    store, store_url, admin, data_dir, tmp_path
):
    a, b = _worker(store, store_url), _worker(store, store_url)
    committed: dict[str, float] = {}
    refused = 0
    for round_ in range(ROUNDS):
        # row 2 of the template is A1-G01-1 (1/10万), row 3 A2-G01-1 (%): one file each, different values each round
        wants = {"A1-G01-1": 5.0 + round_ / 10, "A2-G01-1": 70.0 + round_}
        file_a = _filled(data_dir, tmp_path, f"a{round_}.xlsx", {"F2": wants["A1-G01-1"]})
        file_b = _filled(data_dir, tmp_path, f"b{round_}.xlsx", {"F3": wants["A2-G01-1"]})
        _ask(a, f"file {file_a}")
        _ask(b, f"file {file_b}")
        for proc, indicator in ((a, "A1-G01-1"), (b, "A2-G01-1")):
            assert proc.stdout.readline().strip() == "begin"
            answer = proc.stdout.readline().split()
            if answer[0] == "ok":
                committed[indicator] = wants[indicator]
            else:
                assert answer[0] == "stale"
                refused += 1
        obs = versions.snapshot(store).observations
        for indicator, value in committed.items():  # every import that was told "ok" is in the data
            row = obs[(obs["indicator_id"] == indicator) & (obs["year"] == 2024) & obs["subgroup"].isna()]
            assert row["value"].item() == value, (round_, indicator)
    for proc in (a, b):
        proc.stdin.close()
        proc.wait(timeout=30)
    made = [v for v in versions.list_versions(store) if v.action == versions.IMPORT_ACTION]
    assert len(made) == 2 * ROUNDS - refused  # one version per import told "ok", none for a refusal
    print(f"{refused} of {2 * ROUNDS} imports refused as stale (told so), {len(made)} committed, none lost")
