"""Opening a journal database: the engine, SQLite settings, the schema version check and
the upgrade.

- ``url=None`` means a SQLite file ``journal.sqlite`` in the user's data folder
  (platformdirs), or in the folder named by the environment variable ``WOR_MATCH_DATA_DIR``
  when it is set (tests and deployments point it elsewhere).
- SQLite connections get foreign keys on, a busy timeout of 30 s and (for files) WAL; every
  transaction starts with ``BEGIN IMMEDIATE``, so writers queue up instead of failing
  half-way, and migrations are transactional (the driver's own transaction handling is
  switched off, as SQLAlchemy's pysqlite documentation describes).
- A database at another schema version than this wor_match's migration head stops with a
  :class:`~wor_match.journal.SchemaVersionError` that says to run ``wor-match db upgrade
  URL``. A database without any journal table is created at the head.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from wor_match._errors import MissingExtraError
from wor_match.journal._errors import SchemaVersionError
from wor_match.journal._tables import VERSION_TABLE

__all__ = [
    "BUSY_TIMEOUT_MS",
    "DATA_DIR_VARIABLE",
    "current_revision",
    "default_url",
    "head_revision",
    "make_engine",
    "upgrade",
]

DATA_DIR_VARIABLE = "WOR_MATCH_DATA_DIR"
BUSY_TIMEOUT_MS = 30_000


def default_url() -> str:
    """The SQLite file used when no URL is given (its folder is created)."""
    folder = os.environ.get(DATA_DIR_VARIABLE)
    if folder:
        path = Path(folder)
    else:
        from platformdirs import user_data_path

        path = user_data_path("wor_match", appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path / 'journal.sqlite'}"


def make_engine(url: str | None) -> Any:
    """A SQLAlchemy engine for ``url`` with the journal's connection settings."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.engine import make_url

    parsed = make_url(url or default_url())
    if parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() in (
        "psycopg",
        "psycopg2",
        "",
    ):
        try:
            import psycopg  # noqa: F401
        except ImportError as error:
            raise MissingExtraError(
                "a PostgreSQL journal needs psycopg 3: pip install 'wor_match[postgres]' "
                "and use a URL starting postgresql+psycopg://"
            ) from error
        if not parsed.get_driver_name() or parsed.get_driver_name() == "psycopg2":
            parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True)

    in_memory = parsed.database in (None, "", ":memory:")
    engine = create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (below)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if not in_memory:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _config(connection: Any) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "wor_match.journal:migrations")
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest schema revision this wor_match knows (there is exactly one head)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_config(None))
    heads = script.get_heads()
    if len(heads) != 1:  # pragma: no cover - a test guards the single head
        raise RuntimeError(f"the journal migrations have {len(heads)} heads; expected one")
    return str(heads[0])


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_config(None))
    return {rev.revision for rev in script.walk_revisions()}


def current_revision(connection: Any) -> str | None:
    """The schema revision stored in the database (None: no version recorded)."""
    from alembic.runtime.migration import MigrationContext

    context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
    return context.get_current_revision()


def _journal_tables(connection: Any) -> list[str]:
    from sqlalchemy import inspect

    return [name for name in inspect(connection).get_table_names() if name.startswith("wm_")]


def upgrade(url_or_engine: Any, revision: str = "head") -> str:
    """Migrate a journal database to ``revision`` (default the head) in one transaction;
    returns the revision it is at afterwards."""
    from alembic import command

    engine = make_engine(url_or_engine) if isinstance(url_or_engine, str | None) else url_or_engine
    try:
        with engine.begin() as connection:
            command.upgrade(_config(connection), revision)
        with engine.connect() as connection:
            return current_revision(connection) or ""
    finally:
        if isinstance(url_or_engine, str | None):
            engine.dispose()


def check_schema(engine: Any, *, create: bool) -> None:
    """Create an empty database at the head, or stop unless it is at the head."""
    head = head_revision()
    with engine.connect() as connection:
        current = current_revision(connection)
        tables = _journal_tables(connection) if current is None else []
    if current == head:
        return
    shown = engine.url.render_as_string(hide_password=True)
    if current is None and not tables:
        if create:
            upgrade(engine)
            return
        raise SchemaVersionError(
            f"{shown} holds no journal yet; create it with: wor-match journal init URL"
        )
    if current is None:
        raise SchemaVersionError(
            f"{shown} has journal tables but no schema version in {VERSION_TABLE}; it was not "
            "made by wor_match or its migration was interrupted: restore it from a backup"
        )
    if current in known_revisions():
        raise SchemaVersionError(
            f"the journal at {shown} has schema version {current}, this wor_match needs "
            f"{head}: back it up, then run: wor-match db upgrade URL"
        )
    raise SchemaVersionError(
        f"the journal at {shown} has schema version {current}, which this wor_match does not "
        f"know (it needs {head}): it was written by a newer wor_match; upgrade wor_match"
    )
