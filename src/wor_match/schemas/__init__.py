"""JSON Schemas (draft 2020-12) for the profile, the activity and the result envelope.

The shipped files ``profile.schema.json``, ``activity.schema.json`` and
``envelope.schema.json`` are generated from the pydantic models by
``scripts/build_schemas.py`` (:func:`build_schema`); a test checks they are current. The
models' own schema describes their validated form; :func:`build_schema` adds the looser
input forms their validators also accept (a home by postcode, coordinates as numeric
strings, De Jong Gierveld answers, lists as ``"a;b"`` text, slots as ``"mon:morning"``), so
every input the library accepts in the documented forms validates.

``wor-match schema NAME`` prints a file.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

__all__ = ["SCHEMA_NAMES", "build_schema", "read_schema"]

#: names of the shipped schemas
SCHEMA_NAMES = ("activity", "envelope", "profile")

_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_NUMERIC_TEXT = {"type": "string", "pattern": r"^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$"}
_TEXT_LIST = {"type": "string", "description": "items separated by ';'"}
_SLOT_TEXT = {
    "type": "string",
    "pattern": r"^\s*(mon|tue|wed|thu|fri|sat|sun):(morning|afternoon|evening)\s*$",
}


def _or_text(schema: dict[str, Any], text: dict[str, Any]) -> dict[str, Any]:
    keep: dict[str, Any] = {
        key: schema.pop(key) for key in ("title", "description", "default") if key in schema
    }
    return {"anyOf": [schema, text], **keep}


def _profile() -> dict[str, Any]:
    from wor_match.models.loneliness import DJG_ITEMS
    from wor_match.models.profile import ClientProfile

    schema = ClientProfile.model_json_schema()
    defs = schema["$defs"]
    home = defs["Home"]
    home.pop("required")
    home["anyOf"] = [{"required": ["lat", "lon"]}, {"required": ["postcode"]}]
    for name in ("lat", "lon"):
        home["properties"][name] = _or_text(home["properties"][name], dict(_NUMERIC_TEXT))
    home["properties"]["postcode"]["anyOf"].insert(1, {"type": "integer"})
    loneliness = defs["LonelinessScore"]
    loneliness.pop("required")
    answers = ["yes", "more_or_less", "no", "ja", "min_of_meer", "nee"]
    items = "|".join(str(item) for item in sorted(DJG_ITEMS, reverse=True))
    loneliness["properties"]["djg_answers"] = {
        "description": "De Jong Gierveld answers by item number (11-item numbering): all 11 "
        "items, or items 3, 4, 7, 8, 9 and 10 (DJG-6); null marks a missing answer",
        "type": "object",
        "propertyNames": {"pattern": f"^({items})$"},
        "additionalProperties": {"anyOf": [{"enum": answers}, {"type": "null"}]},
    }
    loneliness["oneOf"] = [
        {"required": ["scale"], "not": {"required": ["djg_answers"]}},
        {"required": ["djg_answers"], "maxProperties": 1},
    ]
    properties = schema["properties"]
    for name in ("interests", "energy_sources", "energy_drains", "languages"):
        properties[name] = _or_text(properties[name], dict(_TEXT_LIST))
    slot = {"anyOf": [{"$ref": "#/$defs/Slot"}, dict(_SLOT_TEXT)]}
    properties["availability"]["items"] = slot
    properties["availability"] = _or_text(properties["availability"], dict(_TEXT_LIST))
    return schema


def _activity() -> dict[str, Any]:
    from wor_match.models.activity import Activity

    return Activity.model_json_schema()


def _envelope() -> dict[str, Any]:
    from wor_match.envelope import Envelope

    return Envelope.model_json_schema()


def build_schema(name: str) -> dict[str, Any]:
    """The JSON Schema ``name`` (``profile``, ``activity`` or ``envelope``), as shipped."""
    builders = {"activity": _activity, "envelope": _envelope, "profile": _profile}
    if name not in builders:
        from wor_match._errors import InvalidParameterError

        raise InvalidParameterError(
            f"The 'name' parameter of build_schema must be one of {list(SCHEMA_NAMES)}. "
            f"Got {name!r} instead.",
            field="name",
        )
    body = builders[name]()
    return {"$schema": _DIALECT, "$id": f"wor_match/{name}.schema.json", **body}


def schema_text(name: str) -> str:
    """:func:`build_schema` as the text written to the shipped file."""
    return json.dumps(build_schema(name), indent=2, ensure_ascii=False) + "\n"


def read_schema(name: str) -> str:
    """The text of a shipped schema file."""
    if name not in SCHEMA_NAMES:
        build_schema(name)  # raises the error naming the choices
    return resources.files(__name__).joinpath(f"{name}.schema.json").read_text("utf-8")
