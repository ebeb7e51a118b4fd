"""A pydantic base that turns validation failures into wor_match errors.

pydantic's messages are kept (they name the field and the rule) but its input echo is
switched off (``hide_input_in_errors``): profiles are health data and must not end up in
logs through an exception message.
"""

from __future__ import annotations

from typing import Any, ClassVar, Self

from pydantic import BaseModel, ConfigDict, ValidationError

from wor_match._errors import WorMatchError

__all__ = ["ValidatedModel", "format_validation_error"]


def _translate(error: ValidationError, cls: type[ValidatedModel]) -> WorMatchError:
    # A model with a custom __init__ is validated through that __init__, so an error we
    # raised there comes back wrapped in a ValidationError: hand back the original.
    items = error.errors(include_input=False, include_url=False)
    if len(items) == 1:
        original = items[0].get("ctx", {}).get("error")
        if isinstance(original, WorMatchError):
            return original
    return cls._error_class(format_validation_error(error, cls._what))


def format_validation_error(error: ValidationError, what: str) -> str:
    """One readable message: ``Invalid client profile: mobility.max_minutes: <rule>``."""
    lines = []
    for item in error.errors(include_input=False, include_url=False):
        location = ".".join(str(part) for part in item["loc"]) or "(root)"
        message = item["msg"].removeprefix("Value error, ")
        lines.append(f"{location}: {message}")
    return f"Invalid {what}: " + "; ".join(lines)


class ValidatedModel(BaseModel):
    """Frozen, strict-keyed model whose validation raises ``_error_class``."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", hide_input_in_errors=True, str_strip_whitespace=True
    )
    _error_class: ClassVar[type[WorMatchError]] = WorMatchError
    _what: ClassVar[str] = "record"

    def __init__(self, /, **data: Any) -> None:
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
