"""Write ``src/wor_match/data/taxonomy.json``, the bilingual concept taxonomy, and check it.

    .venv/bin/python scripts/build_taxonomy.py

The source is checked in beside this script (``scripts/taxonomy/``, documented in
``docs/taxonomy.md``):

- ``themes.csv``: one theme per line: id, Dutch and English labels, the phrase a
  theme-level reason uses ("een spel" / "a game") and the flags matching signals read;
- ``concepts.csv``: one concept per line: its theme, an id, Dutch terms, English terms and
  common misspellings (``;``-separated; the first Dutch and English terms are its labels);
- ``rules.toml``: generic compound heads, verb particles and the false friends.

The checks refuse: a duplicate id, a concept without Dutch or English terms, a term with a
function word (it could never match, see docs/taxonomy.md), a term that is not normalised,
and a term (or its stem) in two concepts of different themes.
"""

from __future__ import annotations

import collections
import csv
import json
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "scripts" / "taxonomy"
OUTPUT = ROOT / "src" / "wor_match" / "data" / "taxonomy.json"
sys.path.insert(0, str(ROOT / "src"))

from wor_match.text import STOPWORDS, normalise, word_key  # noqa: E402


def _terms(cell: str) -> list[str]:
    return [term.strip() for term in cell.split(";") if term.strip()]


def build() -> dict[str, object]:
    with (SOURCE / "themes.csv").open(encoding="utf-8") as handle:
        themes = [
            {
                "id": row["theme"],
                "nl": row["nl"],
                "en": row["en"],
                "kind": {"nl": row["nl_kind"], "en": row["en_kind"]},
                "flags": _terms(row["flags"]),
            }
            for row in csv.DictReader(handle)
        ]
    with (SOURCE / "concepts.csv").open(encoding="utf-8") as handle:
        concepts = [
            {
                "id": row["concept"],
                "theme": row["theme"],
                "terms": {"nl": _terms(row["nl"]), "en": _terms(row["en"])},
                "typos": _terms(row["typos"]),
            }
            for row in csv.DictReader(handle)
        ]
    with (SOURCE / "rules.toml").open("rb") as handle:
        rules = tomllib.load(handle)
    problems = check(themes, concepts, rules)
    if problems:
        raise SystemExit("taxonomy source refused:\n  " + "\n  ".join(problems))
    return {
        "version": 2,
        "source": "scripts/taxonomy/ (hand-written for wor_match); see docs/taxonomy.md",
        "themes": themes,
        "concepts": concepts,
        "rules": rules,
    }


def check(
    themes: list[dict[str, object]], concepts: list[dict[str, object]], rules: dict[str, object]
) -> list[str]:
    problems = []
    theme_ids = [theme["id"] for theme in themes]
    concept_ids = [concept["id"] for concept in concepts]
    for kind, ids in (("theme", theme_ids), ("concept", concept_ids)):
        problems += [
            f"duplicate {kind} id {i!r}" for i, n in collections.Counter(ids).items() if n > 1
        ]
    owners: dict[tuple[str, str], set[str]] = collections.defaultdict(set)
    for concept in concepts:
        if concept["theme"] not in theme_ids:
            problems.append(f"concept {concept['id']!r} has an unknown theme {concept['theme']!r}")
        terms = concept["terms"]
        assert isinstance(terms, dict)
        for language in ("nl", "en"):
            if not terms[language]:
                problems.append(f"concept {concept['id']!r} has no {language} term")
            for term in terms[language]:
                if term != normalise(term):
                    problems.append(f"term {term!r} is not normalised ({normalise(term)!r})")
                if any(word in STOPWORDS for word in term.split()):
                    problems.append(f"term {term!r} holds a function word: it can never match")
                owners[(language, word_key(term, language))].add(str(concept["theme"]))
    for (language, key), owning in owners.items():
        if len(owning) > 1:
            problems.append(
                f"{language} term stem {key!r} sits in unrelated themes {sorted(owning)}"
            )
    if not all(len(pair) == 2 for pair in rules["false_friends"]):  # type: ignore[union-attr]
        problems.append("false_friends must be pairs")
    return problems


if __name__ == "__main__":
    data = build()
    with OUTPUT.open("w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1, ensure_ascii=True)
        handle.write("\n")
    concepts = data["concepts"]
    assert isinstance(concepts, list)
    n_terms = sum(len(c["terms"]["nl"]) + len(c["terms"]["en"]) + len(c["typos"]) for c in concepts)
    print(f"{len(data['themes'])} themes, {len(concepts)} concepts, {n_terms} terms -> {OUTPUT}")  # type: ignore[arg-type]
