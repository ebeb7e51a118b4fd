"""The exceptions wor_match raises.

Every error is a :class:`WorMatchError` and also inherits the matching built-in, so callers
can catch either::

    WorMatchError (Exception)
    ├── InvalidProfileError (ValueError)     a client profile breaks a rule
    ├── InvalidActivityError (ValueError)    an activity record breaks a rule
    ├── CatalogueError (ValueError)          a catalogue cannot be loaded or used
    ├── UnknownPostcodeError (LookupError)   a postcode is not in the offline PC4 table
    ├── UnknownRankerError (LookupError)     no ranker is registered under that name
    └── MissingExtraError (ImportError)      an optional extra is not installed

Messages name the field and the rule and say how to fix it. They never repeat values from a
client profile: profiles are health data.
"""

from __future__ import annotations

__all__ = [
    "CatalogueError",
    "InvalidActivityError",
    "InvalidProfileError",
    "MissingExtraError",
    "UnknownPostcodeError",
    "UnknownRankerError",
    "WorMatchError",
]


class WorMatchError(Exception):
    """Base class of every error raised by wor_match."""


class InvalidProfileError(WorMatchError, ValueError):
    """A client profile breaks a validation rule (the message names field and rule only)."""


class InvalidActivityError(WorMatchError, ValueError):
    """An activity record breaks a validation rule."""


class CatalogueError(WorMatchError, ValueError):
    """A catalogue cannot be loaded or used (file missing, rows rejected with strict=True...)."""


class UnknownPostcodeError(WorMatchError, LookupError):
    """A Dutch postcode is not in the offline PC4 table."""


class UnknownRankerError(WorMatchError, LookupError):
    """No ranker is registered under the requested name."""


class MissingExtraError(WorMatchError, ImportError):
    """An optional dependency is missing; the message names the extra to install."""
