"""Storage: migrations (one head, matching the tables), schema version checks, SQLite
settings, the default location, the db upgrade command and organisation scoping."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

import wor_match as wm
from wor_match.cli import main
from wor_match.journal import (
    Journal,
    SchemaVersionError,
    UnknownReferralError,
    default_url,
    head_revision,
    upgrade,
)
from wor_match.journal._schema import make_engine
from wor_match.journal._tables import VERSION_TABLE, metadata

DAY = dt.date(2026, 11, 2)


def test_migrations_have_exactly_one_head() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", "wor_match.journal:migrations")
    assert len(ScriptDirectory.from_config(config).get_heads()) == 1
    assert head_revision() == "0001"


def test_migrations_build_exactly_the_tables(url: str) -> None:
    """Autogenerate finds no difference between the migrated database and _tables."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    upgrade(url)
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE})
            assert compare_metadata(context, metadata) == []
    finally:
        engine.dispose()


def test_migrations_ship_in_the_wheel() -> None:
    import wor_match.journal.migrations as migrations

    folder = Path(migrations.__file__).parent
    assert (folder / "env.py").is_file()
    assert (folder / "script.py.mako").is_file()
    assert list((folder / "versions").glob("0001_*.py"))


def test_a_new_database_is_created_at_the_head(url: str) -> None:
    with Journal(url) as journal:
        engine = make_engine(url)
        with engine.connect() as conn:
            version = conn.execute(sa.text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()
        engine.dispose()
        assert version == head_revision()
        assert journal.counts() == {name: 0 for name in journal.counts()}


def test_create_false_refuses_an_empty_database(url: str) -> None:
    with pytest.raises(SchemaVersionError, match="holds no journal yet; create it with"):
        Journal(url, create=False)


def test_an_older_schema_stops_with_the_upgrade_instruction(url: str) -> None:
    Journal(url).close()
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text(f"UPDATE {VERSION_TABLE} SET version_num = '0000'"))
    with pytest.raises(SchemaVersionError, match="which this wor_match does not know"):
        Journal(url)
    # a known older revision asks for the upgrade: make 0001 look old by faking the head
    with engine.begin() as conn:
        conn.execute(sa.text(f"UPDATE {VERSION_TABLE} SET version_num = '0001'"))
    engine.dispose()
    import wor_match.journal._schema as schema

    original = schema.head_revision
    schema.head_revision = lambda: "0002"  # type: ignore[assignment]
    try:
        with pytest.raises(SchemaVersionError, match="run: wor-match db upgrade URL") as info:
            Journal(url)
        assert info.value.code == "schema_version"
    finally:
        schema.head_revision = original  # type: ignore[assignment]


def test_tables_without_a_version_are_not_touched(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE wm_referral (id INTEGER)"))
    engine.dispose()
    with pytest.raises(SchemaVersionError, match="has journal tables but no schema version"):
        Journal(url)


def test_a_failed_migration_leaves_nothing_half_done(url: str) -> None:
    """The initial migration fails on its last table: no table and no version remain."""
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE wm_measure_score (id INTEGER)"))
    with pytest.raises(sa.exc.SQLAlchemyError):
        upgrade(engine)
    with engine.connect() as conn:
        tables = sa.inspect(conn).get_table_names()
    engine.dispose()
    assert sorted(tables) == ["wm_measure_score"]


def test_password_is_hidden_in_errors_and_repr() -> None:
    url = "postgresql+psycopg://coach:geheim@/nodb?host=/nonexistent"
    with pytest.raises(sa.exc.OperationalError) as info:
        Journal(url)
    assert "geheim" not in str(info.value.args)


def test_sqlite_settings(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'j.sqlite'}"
    with Journal(url) as journal, journal._engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30_000
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    # foreign keys hold: an event for a referral that does not exist is refused
    raw = sqlite3.connect(tmp_path / "j.sqlite")
    raw.execute("PRAGMA foreign_keys=ON")
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        raw.execute(
            "INSERT INTO wm_event (organisation, referral_id, on_date, event, recorded_at) "
            "VALUES ('x', 'nope', '2026-01-01', 'intake', '2026-01-01')"
        )
    raw.close()


def test_in_memory_journal() -> None:
    with Journal("sqlite://") as journal:
        ref = journal.open_referral("c1", date=DAY, referred_by="huisarts:H1")
        assert journal.status(ref) == "requested"


def test_default_location_is_the_data_folder(tmp_path: Path) -> None:
    # conftest points WOR_MATCH_DATA_DIR at tmp_path / "data"
    assert default_url() == f"sqlite:///{tmp_path / 'data' / 'journal.sqlite'}"
    with wm.Journal() as journal:
        journal.open_referral("c1", date=DAY, referred_by="huisarts:H1")
    assert (tmp_path / "data" / "journal.sqlite").is_file()


def test_default_location_without_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import platformdirs

    monkeypatch.delenv("WOR_MATCH_DATA_DIR")
    monkeypatch.setattr(platformdirs, "user_data_path", lambda *a, **k: tmp_path / "user")
    assert default_url() == f"sqlite:///{tmp_path / 'user' / 'journal.sqlite'}"


def test_db_upgrade_command(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "upgrade", url]) == 0
    assert "journal schema at revision 0001" in capsys.readouterr().out
    with Journal(url, create=False) as journal:
        assert journal.counts()["wm_referral"] == 0


def test_organisations_never_see_each_other(url: str) -> None:
    with Journal(url, organisation="a") as a, Journal(url, organisation="b") as b:
        ref_a = a.open_referral("same-client", date=DAY, referred_by="huisarts:H1")
        ref_b = b.open_referral("same-client", date=DAY, referred_by="huisarts:H1")
        a.record_event(ref_a, None, "intake", date=DAY)
        for call in (
            lambda: b.status(ref_a),
            lambda: b.history(ref_a),
            lambda: b.record_event(ref_a, None, "received", date=DAY),
            lambda: b.close_referral(ref_a, date=DAY, outcome="cancelled"),
            lambda: b.record_measure(ref_a, "ucla3", {"1": 1, "2": 1, "3": 1}, date=DAY,
                                     moment="intake"),
        ):  # fmt: skip
            with pytest.raises(UnknownReferralError, match="in organisation 'b'"):
                call()
        assert list(a.referrals()["referral_id"]) == [ref_a]
        assert list(b.referrals()["referral_id"]) == [ref_b]
        assert b.forget("same-client")["referrals"] == 1
        assert a.status(ref_a) == "accepted"  # a's client is untouched
        assert a.counts()["wm_event"] == 1
        assert b.purge(before=dt.date(2100, 1, 1))["referrals"] == 0


def test_bad_organisation() -> None:
    with pytest.raises(ValueError, match="organisation must be a non-empty string"):
        Journal("sqlite://", organisation="")
    with pytest.raises(ValueError, match="organisation must be at most 100 characters"):
        Journal("sqlite://", organisation="x" * 101)


def test_missing_extra_names_it() -> None:
    import subprocess
    import sys

    code = (
        "import sys; sys.modules['sqlalchemy'] = None\n"
        "import wor_match as wm\n"
        "try:\n    wm.Journal\nexcept wm.MissingExtraError as e:\n    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout  # fmt: skip
    assert "pip install 'wor_match[journal]'" in out
