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
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.journal._postgres import ServerUnavailable, admin, temporary_server
from wor_match.journal import Journal

BACKENDS = ("sqlite", "postgresql")
_counter = itertools.count()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Path]:
    """A running PostgreSQL server; yields its socket folder."""
    with contextlib.ExitStack() as stack:
        try:
            folder = stack.enter_context(temporary_server())
        except ServerUnavailable as reason:
            pytest.skip(str(reason))
        yield folder


@pytest.fixture
def postgres_url(postgres_server: Path) -> Iterator[str]:
    """A URL to a fresh, empty PostgreSQL database (dropped afterwards)."""
    name = f"wm_test_{os.getpid()}_{next(_counter)}"
    admin(postgres_server, f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql+psycopg://postgres@/{name}?host={postgres_server}"
    finally:
        admin(postgres_server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


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
