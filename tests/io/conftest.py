"""Shared paths and the HSDS 3.0 JSON Schema registry for the io tests.

The official HSDS data (../shared/data) is not part of the repository: tests that need it
are skipped with the reason when it is absent. Point WOR_MATCH_SHARED_DATA elsewhere to use
another copy.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(
    os.environ.get("WOR_MATCH_SHARED_DATA", Path(__file__).resolve().parents[3] / "shared" / "data")
)
HSDS3 = SHARED / "hsds-3.0"
HSDS11 = SHARED / "hsds-1.1-sample"
MIAMI = SHARED / "open211-miami-hsds-1.x" / "datapackage-1566177582.zip"


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"shared HSDS data not found at {path} (set WOR_MATCH_SHARED_DATA)")
    return path


# jsonschema checks "uri" and "date-time" only with optional packages; check them here so
# the export is held to the formats even without them.
FORMATS = FormatChecker()


@FORMATS.checks("uri", raises=ValueError)
def _is_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parsed = urlparse(value)
    return bool(parsed.scheme) and (bool(parsed.netloc) or parsed.scheme in {"mailto", "tel"})


@FORMATS.checks("date-time", raises=ValueError)
def _is_datetime(value: object) -> bool:
    return not isinstance(value, str) or bool(dt.datetime.fromisoformat(value))


@pytest.fixture(scope="session")
def hsds_validator() -> Any:
    """A function schema_file -> Draft 2020-12 validator over the official HSDS 3.0 schemas
    ($ref by bare file name resolved through a referencing.Registry)."""
    schema_dir = need(HSDS3 / "schema")
    schemas: dict[str, Any] = {}
    registry: Registry[Any] = Registry()
    for file in sorted(schema_dir.glob("*.json")):
        if file.name == "openapi.json":
            continue
        contents = json.loads(file.read_text(encoding="utf-8"))
        schemas[file.name] = contents
        resource = Resource.from_contents(contents, default_specification=DRAFT202012)
        registry = registry.with_resource(file.name, resource)

    def make(name: str) -> Draft202012Validator:
        return Draft202012Validator(schemas[name], registry=registry, format_checker=FORMATS)

    return make
