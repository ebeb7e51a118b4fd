"""The exceptions wor_match raises.

Every error is a :class:`WorMatchError` and also inherits the matching built-in, so callers
can catch either::

    WorMatchError (Exception)
    ├── InvalidProfileError (ValueError)     a client profile breaks a rule
    ├── InvalidActivityError (ValueError)    an activity record breaks a rule
    ├── CatalogueError (ValueError)          a catalogue cannot be loaded or used
    ├── InvalidParameterError (ValueError)   a function argument breaks a rule (k, language...)
    ├── InvalidRankerFileError (ValueError)  a saved ranker file is malformed
    ├── NotFittedError (ValueError)          a learned ranker was used before it was fitted
    ├── UnknownPostcodeError (LookupError)   a postcode is not in the offline PC4 table
    ├── UnknownRankerError (LookupError)     no ranker is registered under that name
    ├── UnknownActivityError (KeyError)      no activity with that id
    └── MissingExtraError (ImportError)      an optional extra is not installed

Each class has a stable :attr:`~WorMatchError.code` (a snake_case string other systems can
rely on; ``docs/errors.md`` lists them) and each error may carry the :attr:`field` it is
about (``"home.lat"``, ``"k"``). Messages name the field and the rule and say how to fix it.
They never repeat values from a client profile: profiles are health data.
"""

from __future__ import annotations

from typing import ClassVar

__all__ = [
    "CatalogueError",
    "InvalidActivityError",
    "InvalidParameterError",
    "InvalidProfileError",
    "InvalidRankerFileError",
    "MissingExtraError",
    "NotFittedError",
    "UnknownActivityError",
    "UnknownPostcodeError",
    "UnknownRankerError",
    "WorMatchError",
]


class WorMatchError(Exception):
    """Base class of every error raised by wor_match.

    Parameters
    ----------
    message : str
        The sentence shown to the user (field, rule, fix; never a profile value).
    field : str, optional
        The field or parameter the error is about, dotted (``"home.lat"``); None when the
        error is about the input as a whole.
    """

    #: stable machine-readable code of the error class (see docs/errors.md)
    code: ClassVar[str] = "wor_match_error"

    def __init__(self, message: str = "", *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field

    def __str__(self) -> str:
        # KeyError-style quoting never applies: the message is always a sentence
        return str(self.args[0]) if self.args else ""

    def to_dict(self) -> dict[str, str | None]:
        """``{"code", "field", "message"}``: the JSON form the CLI prints on stderr."""
        return {"code": self.code, "field": self.field, "message": str(self)}


class InvalidProfileError(WorMatchError, ValueError):
    """A client profile breaks a validation rule (the message names field and rule only)."""

    code = "invalid_profile"


class InvalidActivityError(WorMatchError, ValueError):
    """An activity record breaks a validation rule."""

    code = "invalid_activity"


class CatalogueError(WorMatchError, ValueError):
    """A catalogue cannot be loaded or used (file missing, rows rejected with strict=True...)."""

    code = "catalogue_error"


class InvalidParameterError(WorMatchError, ValueError):
    """A function or command-line argument breaks a rule (``k``, ``language``...)."""

    code = "invalid_parameter"


class InvalidRankerFileError(WorMatchError, ValueError):
    """A saved ranker file is malformed (format, version, non-finite numbers, bad trees)."""

    code = "invalid_ranker_file"


class NotFittedError(WorMatchError, ValueError):
    """A learned ranker was asked to rank before it was fitted."""

    code = "ranker_not_fitted"


class UnknownPostcodeError(WorMatchError, LookupError):
    """A Dutch postcode is not in the offline PC4 table."""

    code = "unknown_postcode"


class UnknownRankerError(WorMatchError, LookupError):
    """No ranker is registered under the requested name."""

    code = "unknown_ranker"


class UnknownActivityError(WorMatchError, KeyError):
    """No activity with the requested ``activity_id`` (in a catalogue or a result)."""

    code = "unknown_activity"


class MissingExtraError(WorMatchError, ImportError):
    """An optional dependency is missing; the message names the extra to install."""

    code = "missing_extra"
