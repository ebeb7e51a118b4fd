"""Alembic environment: runs on the connection :mod:`wor_match.journal._schema` passes in.

Migrations run in one transaction (SQLite too: the journal's engine issues BEGIN itself), so
a failed upgrade leaves the database at its old version, never half-migrated. SQLite needs
batch mode for ALTER TABLE (``render_as_batch``).
"""

from __future__ import annotations

from alembic import context

from wor_match.journal._tables import VERSION_TABLE, metadata


def run_migrations() -> None:
    context.configure(
        connection=context.config.attributes["connection"],
        target_metadata=metadata,
        version_table=VERSION_TABLE,
        render_as_batch=True,
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()


# Alembic runs this file with a configuration; a tool that merely imports it (the doctest
# walk of the package) finds no configuration and nothing happens.
if getattr(context, "config", None) is not None:
    run_migrations()
