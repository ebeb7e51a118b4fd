"""Alembic migrations of the journal schema, shipped inside the package.

Run them with ``wor-match db upgrade URL`` or :func:`wor_match.journal.upgrade`; never by
hand with an ``alembic.ini`` (there is none: the configuration is built in code).
"""
