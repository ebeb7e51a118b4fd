"""The README's journal section is real: its code is tests/journal/readme_example.py and
the letter and report it shows are what that code prints today."""

from __future__ import annotations

import re
from pathlib import Path

from tests.journal.readme_example import letter_and_report

ROOT = Path(__file__).resolve().parents[2]


def block(text: str, marker: str) -> str:
    match = re.search(rf"<!-- {marker} -->\n```\w*\n(.*?)```", text, re.S)
    assert match, marker
    return match.group(1)


def test_readme_shows_the_real_letter_and_report() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    source = (ROOT / "tests/journal/readme_example.py").read_text(encoding="utf-8")
    code = source.split("# --8<-- [start:example]\n")[1].split("    # --8<-- [end:example]")[0]
    shown_code = "\n".join(line.removeprefix("    ") for line in code.splitlines()) + "\n"
    assert block(readme, "journal-code") == shown_code
    letter, report = letter_and_report()
    assert block(readme, "journal-letter") == letter
    assert block(readme, "journal-report") == report
