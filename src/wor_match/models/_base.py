"""A pydantic base that turns validation failures into wor_match errors.

pydantic's messages are kept (they name the field and the rule) but its input echo is
switched off (``hide_input_in_errors``): profiles are health data and must not end up in
logs through an exception message.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar, Self

from pydantic import BaseModel, ConfigDict, ValidationError

from wor_match._errors import WorMatchError

__all__ = ["MAX_DEPTH", "ValidatedModel", "check_depth", "format_validation_error"]


def _translate(error: ValidationError, cls: type[ValidatedModel]) -> WorMatchError:
    # A model with a custom __init__ is validated through that __init__, so an error we
    # raised there comes back wrapped in a ValidationError: hand back the original.
    items = error.errors(include_input=False, include_url=False)
    if len(items) == 1:
        original = items[0].get("ctx", {}).get("error")
        if isinstance(original, WorMatchError):
            return original
    field = _location(items[0]["loc"]) if items else None
    return cls._error_class(
        format_validation_error(error, cls._what), field=None if field == "(root)" else field
    )


#: a key named in a message must look like a field name: other keys are input data
_FIELD_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,39}$")


def _location(loc: tuple[int | str, ...]) -> str:
    parts = [
        str(part) if isinstance(part, int) or _FIELD_NAME.match(part) else "<key>" for part in loc
    ]
    return ".".join(parts) or "(root)"


def format_validation_error(error: ValidationError, what: str) -> str:
    """One readable message: ``Invalid client profile: mobility.max_minutes: <rule>``.

    Locations keep field names and list positions; a key that does not look like a field
    name (an unknown key may hold anything) is shown as ``<key>``.
    """
    lines = []
    for item in error.errors(include_input=False, include_url=False):
        message = item["msg"].removeprefix("Value error, ")
        lines.append(f"{_location(item['loc'])}: {message}")
    return f"Invalid {what}: " + "; ".join(lines)


#: deepest nesting of lists and objects a record may have (a profile needs 3: loneliness ->
#: djg_answers -> item); deeper input is refused before validation, which would recurse
MAX_DEPTH = 16


def check_depth(data: Any, cls: type[ValidatedModel]) -> None:
    """Refuse input nested deeper than :data:`MAX_DEPTH` (iteratively: no recursion)."""
    stack: list[tuple[Any, int, str]] = [(data, 0, "(root)")]
    while stack:
        value, depth, top = stack.pop()
        if isinstance(value, Mapping):
            children: Iterable[Any] = value.values()
        elif isinstance(value, list | tuple | set | frozenset):
            children = value
        else:
            continue
        if depth >= MAX_DEPTH:
            raise cls._error_class(
                f"Invalid {cls._what}: {top}: nested deeper than {MAX_DEPTH} levels of lists "
                "and objects; see the documented form",
                field=None if top == "(root)" else top,
            )
        if depth == 0 and isinstance(value, Mapping):
            for key, child in value.items():
                name = key if isinstance(key, str) and _FIELD_NAME.match(key) else "<key>"
                stack.append((child, 1, name))
        else:
            stack.extend((child, depth + 1, top) for child in children)


class ValidatedModel(BaseModel):
    """Frozen, strict-keyed model whose validation raises ``_error_class``."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        hide_input_in_errors=True,
        str_strip_whitespace=True,
    )
    _error_class: ClassVar[type[WorMatchError]] = WorMatchError
    _what: ClassVar[str] = "record"

    def __init__(self, /, **data: Any) -> None:
        check_depth(data, type(self))
        try:
            super().__init__(**data)
        except ValidationError as error:
            raise _translate(error, type(self)) from None

    @classmethod
    def model_validate(
        cls,
        obj: Any,
        *,
        strict: bool | None = None,
        extra: Any = None,
        from_attributes: bool | None = None,
        context: Any | None = None,
        by_alias: bool | None = None,
        by_name: bool | None = None,
    ) -> Self:
        """Validate a mapping; raise this model's wor_match error on failure."""
        check_depth(obj, cls)
        try:
            return super().model_validate(
                obj, strict=strict, from_attributes=from_attributes, context=context
            )
        except ValidationError as error:
            raise _translate(error, cls) from None

    @classmethod
    def model_validate_json(
        cls,
        json_data: str | bytes | bytearray,
        *,
        strict: bool | None = None,
        extra: Any = None,
        context: Any | None = None,
        by_alias: bool | None = None,
        by_name: bool | None = None,
    ) -> Self:
        """Validate a JSON document; raise this model's wor_match error on failure."""
        try:
            return super().model_validate_json(json_data, strict=strict, context=context)
        except ValidationError as error:
            raise _translate(error, cls) from None
