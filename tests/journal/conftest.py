"""Fixtures of the journal suite: every test that takes ``url`` or ``journal`` runs on SQLite
and on a real, throwaway PostgreSQL server.

The server is started once per session from the machine's own binaries (the folder
``pg_config --bindir`` names, else /usr/lib/postgresql/*/bin; ``WOR_MATCH_PG_BINDIR``
overrides), as the ``postgres`` system user when we are root (the server refuses to run as
root), on a Unix socket in a temporary folder (no TCP port is opened), and stopped and
removed at the end, also when tests fail. Where it cannot be started the PostgreSQL tests
skip with the reason.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from wor_match.journal import Journal

BACKENDS = ("sqlite", "postgresql")
_counter = itertools.count()


def _bindir() -> Path | None:
    configured = os.environ.get("WOR_MATCH_PG_BINDIR")
    candidates: list[Path] = [Path(configured)] if configured else []
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            found = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, check=True, timeout=30
            ).stdout.strip()
            candidates.append(Path(found))
        except (OSError, subprocess.SubprocessError):
            pass
    candidates.extend(sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True))
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    return None


def _runner() -> tuple[list[str], int | None, int | None] | str:
    """The command prefix that runs a server binary, and the uid/gid owning its files; or the
    reason it cannot be done."""
    if os.geteuid() != 0:
        return [], None, None
    import pwd

    try:
        user = pwd.getpwnam("postgres")
    except KeyError:
        return "running as root and there is no 'postgres' system user to run PostgreSQL as"
    runuser = shutil.which("runuser")
    if runuser:
        return [runuser, "-u", "postgres", "--"], user.pw_uid, user.pw_gid
    return [shutil.which("su") or "su", "postgres", "-s", "/bin/sh", "-c"], user.pw_uid, user.pw_gid


def _run(prefix: list[str], command: list[str]) -> None:
    if prefix and prefix[-1] == "-c":  # su ... -c "one string"
        import shlex

        full = [*prefix, shlex.join(command)]
    else:
        full = [*prefix, *command]
    subprocess.run(full, check=True, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Path]:
    """A running PostgreSQL server; yields its socket folder."""
    bindir = _bindir()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries not found (no pg_config --bindir with initdb)")
    runner = _runner()
    if isinstance(runner, str):
        pytest.skip(runner)
    prefix, uid, gid = runner
    folder = Path(tempfile.mkdtemp(prefix="wm-pg-"))
    data = folder / "data"
    started = False
    try:
        if uid is not None and gid is not None:
            os.chown(folder, uid, gid)
        folder.chmod(0o700)
        _run(prefix, [str(bindir / "initdb"), "-D", str(data), "-U", "postgres",
                      "--auth=trust", "-E", "UTF8", "--no-locale"])  # fmt: skip
        options = (
            f"-c listen_addresses='' -k {folder} -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c max_connections=60"
        )
        _run(prefix, [str(bindir / "pg_ctl"), "-D", str(data), "-o", options,
                      "-l", str(folder / "server.log"), "-w", "-t", "60", "start"])  # fmt: skip
        started = True
        yield folder
    except subprocess.CalledProcessError as error:
        pytest.skip(f"PostgreSQL could not be started: {error.stderr.strip()[-300:]}")
    finally:
        if started:
            with contextlib.suppress(subprocess.CalledProcessError):
                _run(prefix, [str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w",
                              "stop"])  # fmt: skip
        shutil.rmtree(folder, ignore_errors=True)


def _admin(folder: Path, statement: str) -> None:
    import psycopg

    with psycopg.connect(f"host={folder} user=postgres dbname=postgres", autocommit=True) as conn:
        conn.execute(statement)


@pytest.fixture
def postgres_url(postgres_server: Path) -> Iterator[str]:
    """A URL to a fresh, empty PostgreSQL database (dropped afterwards)."""
    name = f"wm_test_{os.getpid()}_{next(_counter)}"
    _admin(postgres_server, f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql+psycopg://postgres@/{name}?host={postgres_server}"
    finally:
        _admin(postgres_server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=BACKENDS)
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database on each backend: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'journal.sqlite'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def journal(url: str) -> Iterator[Journal]:
    """A journal of organisation "org-a" on each backend."""
    with Journal(url, organisation="org-a") as opened:
        yield opened


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``Journal()`` without a URL writes into the test's own folder, never the user's."""
    monkeypatch.setenv("WOR_MATCH_DATA_DIR", str(tmp_path / "data"))
