"""Write the JSON Schemas shipped in src/wor_match/schemas from the pydantic models.

    python scripts/build_schemas.py

tests/test_schemas.py fails when a shipped file differs from what this writes.
"""

from __future__ import annotations

from pathlib import Path

from wor_match.schemas import SCHEMA_NAMES, schema_text

OUT = Path(__file__).resolve().parents[1] / "src" / "wor_match" / "schemas"

if __name__ == "__main__":
    for name in SCHEMA_NAMES:
        path = OUT / f"{name}.schema.json"
        path.write_text(schema_text(name), encoding="utf-8")
        print(f"wrote {path}")
