"""A throwaway PostgreSQL cluster for the test run: Debian's server binaries, a temporary directory, a unix socket only.

The cluster listens on no TCP address (listen_addresses = ''), only on a socket in its own temporary directory,
with trust authentication for the superuser role `postgres`. PostgreSQL refuses to run as root, so as root the
server commands run as the `postgres` system user (Debian's package creates it) and the directory is given to it;
root itself connects through the socket as the role `postgres`.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import URL

from tests.browser.test_browser import free_port

BINDIR_ENV = "BOSHAN_PG_BINDIR"  # a directory holding initdb and pg_ctl; tests point it at an empty one
DEBIAN_BINDIRS = "/usr/lib/postgresql/*/bin"
SYSTEM_USER = "postgres"  # the system user the server runs as when the tests run as root
ROLE = "postgres"  # the superuser role initdb creates and the tests connect as
TOOLS = ("initdb", "pg_ctl", "postgres")
START_TIMEOUT_S = 60
# a test cluster: nothing is kept, so no fsync and no full-page writes; little memory
SETTINGS = {
    "listen_addresses": "''",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "shared_buffers": "'16MB'",
    "max_connections": "50",
    "log_min_messages": "warning",
}


class ClusterUnavailable(RuntimeError):
    """The cluster cannot be started; the message says why, in Chinese and English."""


@dataclass(frozen=True)
class Cluster:
    root: Path  # the temporary directory: data/, the socket and server.log
    bindir: Path
    port: int
    run_as: str | None  # the system user the server runs as, None for the current user

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def url(self, database: str) -> str:
        """The SQLAlchemy URL (psycopg 3 driver) of a database of this cluster, through its socket."""
        query = {"host": str(self.root), "port": str(self.port)}
        return URL.create("postgresql+psycopg", username=ROLE, database=database, query=query).render_as_string()

    def connect(self) -> psycopg.Connection:
        """An autocommit connection to the maintenance database (CREATE/DROP DATABASE need one)."""
        return psycopg.connect(host=str(self.root), port=self.port, user=ROLE, dbname="postgres", autocommit=True)


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1")


def skip_or_fail(reason: str) -> NoReturn:
    """Skip the test with the reason; in CI (CI=true or 1) fail it instead, since there these tests must run."""
    if in_ci():
        pytest.fail(f"CI 中 PostgreSQL 测试必须运行 / PostgreSQL tests must run in CI: {reason}")
    pytest.skip(reason)


def _version_key(bindir: Path) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", bindir.parent.name))


def find_bindir() -> Path:
    """The directory of initdb/pg_ctl/postgres: $BOSHAN_PG_BINDIR, else Debian's newest /usr/lib/postgresql/<v>/bin."""
    override = os.environ.get(BINDIR_ENV)
    candidates = [Path(override)] if override else sorted(Path("/").glob(DEBIAN_BINDIRS[1:]), key=_version_key)
    for bindir in reversed(candidates):
        if all(os.access(bindir / tool, os.X_OK) for tool in TOOLS):
            return bindir
    where = override or DEBIAN_BINDIRS
    raise ClusterUnavailable(
        f"PostgreSQL 不可用（未安装 postgresql 服务端，请以 root 运行 scripts/install-test-deps.sh）/ "
        f"PostgreSQL unavailable (server not installed): no {', '.join(TOOLS)} in {where}"
    )


def _server_user() -> str | None:
    """None when the server can run as the current user; as root the `postgres` system user."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        raise ClusterUnavailable(
            f"PostgreSQL 不可用（以 root 运行但没有系统用户 {SYSTEM_USER}）/ "
            f"PostgreSQL unavailable: running as root and no system user {SYSTEM_USER} to run the server as"
        ) from None
    return SYSTEM_USER


def _run(cluster: Cluster, tool: str, *args: str) -> None:
    prefix = ["runuser", "-u", cluster.run_as, "--"] if cluster.run_as else []
    done = subprocess.run([*prefix, str(cluster.bindir / tool), *args], capture_output=True, text=True)
    if done.returncode != 0:
        log = cluster.root / "server.log"
        tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        raise ClusterUnavailable(
            f"PostgreSQL 启动失败（{tool} 退出码 {done.returncode}）/ PostgreSQL failed to start ({tool}): "
            f"{done.stderr.strip()} {tail.strip()}"
        )


def _write_settings(cluster: Cluster) -> None:
    settings = {**SETTINGS, "port": str(cluster.port), "unix_socket_directories": f"'{cluster.root}'"}
    with open(cluster.data_dir / "postgresql.conf", "a", encoding="utf-8") as conf:
        conf.writelines(f"{name} = {value}\n" for name, value in settings.items())


def start_cluster() -> Cluster:
    """initdb into a fresh temporary directory and start the server; ClusterUnavailable says why it cannot."""
    bindir, run_as = find_bindir(), _server_user()
    cluster = Cluster(Path(tempfile.mkdtemp(prefix="boshan-pg-")), bindir, free_port(), run_as)
    try:
        if cluster.run_as:
            shutil.chown(cluster.root, user=cluster.run_as, group=cluster.run_as)
        init = ("-D", str(cluster.data_dir), "-U", ROLE, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8")
        _run(cluster, "initdb", *init, "--no-sync", "--no-instructions")
        _write_settings(cluster)
        log = str(cluster.root / "server.log")
        _run(cluster, "pg_ctl", "-D", str(cluster.data_dir), "-l", log, "-w", "-t", str(START_TIMEOUT_S), "start")
    except BaseException:
        shutil.rmtree(cluster.root, ignore_errors=True)
        raise
    return cluster


def stop_cluster(cluster: Cluster) -> None:
    """Stop the server at once (nothing is kept) and delete its directory."""
    try:
        _run(cluster, "pg_ctl", "-D", str(cluster.data_dir), "-m", "immediate", "-w", "stop")
    finally:
        shutil.rmtree(cluster.root, ignore_errors=True)


@contextmanager
def running_cluster() -> Iterator[Cluster]:
    cluster = start_cluster()
    try:
        yield cluster
    finally:
        stop_cluster(cluster)


def create_database(cluster: Cluster, name: str | None = None) -> str:
    """Create an empty database (named t_<uuid> unless given) and return its name."""
    name = name or f"t_{uuid.uuid4().hex}"
    with cluster.connect() as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return name


def drop_database(cluster: Cluster, name: str) -> None:
    """Drop the database, closing connections a test left open (an engine not disposed)."""
    with cluster.connect() as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@contextmanager
def fresh_database(cluster: Cluster) -> Iterator[str]:
    """The URL of a new empty database, dropped afterwards."""
    name = create_database(cluster)
    try:
        yield cluster.url(name)
    finally:
        drop_database(cluster, name)
