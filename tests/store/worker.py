"""A separate process that commits to a store, for the kill and concurrency tests.

    python -m tests.store.worker STATE URL SOURCE

Reads one command per line from standard input and answers one line each:
  big            commit a large change onto the head (every value + 1, 3000 added rows)
  key ID VALUE   commit one value (indicator ID, year 2024, total) onto the head
  file PATH      import a filled template as the account "office" (lib.entry.importer.commit_import)
Each answer is "begin" when the commit starts, then "ok N" (committed as version N) or "stale N".
Before the first command it opens the store and prints "ready".
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from lib.entry.importer import commit_import, read_upload
from lib.store import accounts, versions
from lib.store.db import open_store

BIG_ROWS = 3000


def big_change(snap: versions.Snapshot) -> pd.DataFrame:
    """The change `big` commits onto a snapshot: every value + 1 and BIG_ROWS new rows (test subgroups)."""
    obs = snap.observations.copy()
    obs["value"] = obs["value"] + 1
    first = obs.iloc[[0] * BIG_ROWS].copy()
    first["subgroup"] = [f"测试{snap.version}-{i}" for i in range(BIG_ROWS)]
    return pd.concat([obs, first], ignore_index=True)


def key_change(snap: versions.Snapshot, indicator: str, value: float) -> pd.DataFrame:
    obs = snap.observations.copy()
    hit = (obs["indicator_id"] == indicator) & (obs["year"] == 2024) & obs["subgroup"].isna()
    obs.loc[hit, "value"] = value
    return obs


def main(state: str, url: str, source: str) -> None:
    store = open_store(state=state, url=url, source=source)
    print("ready", flush=True)
    for line in sys.stdin:
        words = line.split()
        snap = versions.snapshot(store)  # the preview: made from the head as it is now
        print("begin", flush=True)  # the commit starts now (the kill test times its kills from here)
        try:
            if words[0] == "file":
                data = Path(words[1]).read_bytes()
                office = accounts.get_account(store, "office")
                made = commit_import(store, read_upload(data, Path(words[1]).name), data, snap.version, office)
            else:
                frame = big_change(snap) if words[0] == "big" else key_change(snap, words[1], float(words[2]))
                made = versions.commit(store, {"observations": frame}, snap.version, "worker", versions.IMPORT_ACTION)
            print(f"ok {made.id}", flush=True)
        except versions.StaleVersion:
            print(f"stale {snap.version}", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:4])
