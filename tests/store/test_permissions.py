"""Every write checks the account in lib: a call that skips the pages' buttons cannot do what its role may not."""

from __future__ import annotations

import pytest

from lib.cli.accountable import set_accountable
from lib.entry import report_texts
from lib.entry.importer import commit_import, read_upload
from lib.store import accounts, audit, settings, versions
from lib.store.permissions import ALLOWED, PermissionDenied, allowed
from tests.entry.uploads import GOOD, fill

WRITES = {
    "import": lambda store, who, upload: commit_import(store, *upload, versions.snapshot(store).version, who),
    "restore": lambda store, who, upload: versions.restore(store, 0, 1, who),
    "add account": lambda store, who, upload: accounts.add_account(
        store, "new", accounts.ROLE_VIEWER, "pass-word-1", by=who
    ),
    "disable account": lambda store, who, upload: accounts.set_disabled(store, "office", True, by=who),
    "reset password": lambda store, who, upload: accounts.set_password(store, "office", "pass-word-2", by=who),
    "setting": lambda store, who, upload: settings.set_setting(store, settings.VIEW_LOGIN, "1", who),
    "report text": lambda store, who, upload: report_texts.save_report_texts(2025, {"suggestions": "x"}, who, store),
    "accountable": lambda store, who, upload: set_accountable(store, "A1-M04-1", "区妇联", who),
}
ADMIN_ONLY = set(WRITES) - {"import"}


@pytest.fixture
def upload(data_dir):
    import pandas as pd

    from lib import config

    catalogue = pd.read_parquet(data_dir / config.INDICATORS), pd.read_parquet(data_dir / config.GOALS)
    data = fill(catalogue, GOOD)
    return read_upload(data, "x.xlsx"), data


@pytest.fixture
def version_1(store, admin):
    obs = versions.snapshot(store).observations.copy()
    obs["value"] += 1
    versions.commit(store, {"observations": obs}, 0, "office", versions.IMPORT_ACTION)


@pytest.mark.parametrize("write", sorted(ADMIN_ONLY))
@pytest.mark.parametrize("who", ["reporter", "viewer", "nobody"])
def test_only_an_administrator_may(write, who, store, admin, reporter, viewer, upload, version_1, request):
    account = None if who == "nobody" else request.getfixturevalue(who)
    head = versions.snapshot(store).version
    with pytest.raises(PermissionDenied, match="无权"):
        WRITES[write](store, account, upload)
    assert versions.snapshot(store).version == head
    assert audit.read_log(store).iloc[0]["操作"] == audit.REFUSED  # the refusal is in the audit log
    assert accounts.get_account(store, "office").disabled is False


@pytest.mark.parametrize("write", sorted(WRITES))
def test_an_administrator_may(write, store, admin, upload, version_1):
    WRITES[write](store, admin, upload)


@pytest.mark.parametrize("who", ["viewer", "nobody"])
def test_viewers_and_anonymous_cannot_import(who, store, viewer, upload, request):
    account = None if who == "nobody" else request.getfixturevalue(who)
    with pytest.raises(PermissionDenied, match="无权导入数据"):
        WRITES["import"](store, account, upload)


def test_a_disabled_account_may_do_nothing(store, admin):
    gone = accounts.Account("office", accounts.ROLE_ADMIN, None, True, None)
    assert not any(allowed(gone, action) for action in ALLOWED[accounts.ROLE_ADMIN])
