"""A throwaway PostgreSQL server from the machine's own binaries, for the journal tests and
benchmarks (see conftest.py for the rules it follows)."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = ["ServerUnavailable", "admin", "temporary_server"]


class ServerUnavailable(RuntimeError):
    """PostgreSQL cannot be started here; the message says why."""


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


@contextlib.contextmanager
def temporary_server() -> Iterator[Path]:
    """Start a server on a Unix socket in a new folder; yields the folder; stops the server
    and removes the folder on exit. Raises ServerUnavailable when it cannot be started."""
    bindir = _bindir()
    if bindir is None:
        raise ServerUnavailable(
            "PostgreSQL server binaries not found (no pg_config --bindir with initdb)"
        )
    runner = _runner()
    if isinstance(runner, str):
        raise ServerUnavailable(runner)
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
        if started:
            raise
        raise ServerUnavailable(
            f"PostgreSQL could not be started: {(error.stderr or '').strip()[-300:]}"
        ) from None
    finally:
        if started:
            with contextlib.suppress(subprocess.CalledProcessError):
                _run(prefix, [str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w",
                              "stop"])  # fmt: skip
        shutil.rmtree(folder, ignore_errors=True)


def admin(folder: Path, statement: str) -> None:
    """Run one statement as the superuser, outside a transaction (CREATE/DROP DATABASE)."""
    import psycopg

    with psycopg.connect(f"host={folder} user=postgres dbname=postgres", autocommit=True) as conn:
        conn.execute(statement)
