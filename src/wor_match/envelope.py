"""The JSON contract other systems build on: one versioned envelope per recommendation.

``wor-match recommend --format json`` prints :func:`to_envelope` of the result, and
:meth:`wor_match.Recommendations.to_envelope` returns the same dict. The shape is defined
by the pydantic models below; ``wor_match/schemas/envelope.schema.json`` is generated from
them (``scripts/build_schemas.py``) and printed by ``wor-match schema envelope``.

Versioning: :data:`SCHEMA_VERSION` is ``MAJOR.MINOR``. A new optional key raises MINOR; a
key removed, renamed or changed in meaning raises MAJOR. Consumers should ignore keys they
do not know.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["SCHEMA_VERSION", "Envelope", "EnvelopeContribution", "EnvelopeItem", "to_envelope"]

#: version of the envelope's shape (see the module docstring for the rule)
SCHEMA_VERSION = "1.0"

_CONFIG = ConfigDict(extra="forbid", frozen=True)


class EnvelopeContribution(BaseModel):
    """One feature's share of a score: ``points`` added for a feature ``value``."""

    model_config = _CONFIG

    feature: str = Field(description="feature name (see docs/architecture.md)")
    points: float = Field(description="points this feature adds to the score")
    value: float = Field(description="the feature's value for this pair")
    reason: str = Field(description="sentence for the coach; empty when none")


class EnvelopeItem(BaseModel):
    """One recommended activity."""

    model_config = _CONFIG

    rank: int = Field(ge=1, description="1 = best")
    activity_id: str
    name: str
    score: float = Field(description="baseline + the sum of the contributions' points")
    distance_km: float | None = Field(description="straight-line km; null at home or online")
    travel_minutes: float | None = Field(description="estimated one-way travel; null likewise")
    reasons: list[str] = Field(description="the top reasons as sentences, in the language")
    baseline: float
    approximate: bool = Field(description="true when points approximate the model")
    contributions: list[EnvelopeContribution]


class Envelope(BaseModel):
    """The result of one recommendation request."""

    model_config = _CONFIG

    schema_version: Literal["1.0"] = Field(description="MAJOR.MINOR of this shape")
    client_id: str
    ranker: str = Field(description="registered ranker name, or the file a ranker came from")
    language: Literal["nl", "en"]
    feasible: int = Field(ge=0, description="activities that passed every hard filter")
    excluded: dict[str, int] = Field(
        description="reason code -> activities excluded for it (an activity may count "
        "under several codes); see wor_match.filters"
    )
    unmatched_phrases: list[str] = Field(
        description="the client's phrases that matched no activity word or theme"
    )
    items: list[EnvelopeItem] = Field(description="the shortlist, best first")


class _Item(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


class _Result(Protocol):
    """What :func:`to_envelope` reads of a :class:`~wor_match.Recommendations` (this module
    sits below ``results`` in the layers, so it names no class from there)."""

    @property
    def items(self) -> Sequence[_Item]: ...
    @property
    def excluded(self) -> Mapping[str, Sequence[str]]: ...
    @property
    def client_id(self) -> str: ...
    @property
    def ranker(self) -> str: ...
    @property
    def language(self) -> str: ...
    @property
    def ranking(self) -> Sequence[Any]: ...
    @property
    def unmatched(self) -> Sequence[str]: ...


def to_envelope(recs: _Result) -> dict[str, Any]:
    """The envelope of a result as a JSON-ready dict (valid against :class:`Envelope`)."""
    counts = Counter(code for codes in recs.excluded.values() for code in codes)
    unmatched = recs.unmatched
    items = []
    for item in recs.items:
        record = item.to_dict()
        items.append(
            {
                "rank": record["rank"],
                "activity_id": record["activity_id"],
                "name": record["name"],
                "score": record["score"],
                "distance_km": record["distance_km"],
                "travel_minutes": record["travel_minutes"],
                "reasons": record["reasons"],
                "baseline": record["baseline"],
                "approximate": record["approximate"],
                "contributions": record["contributions"],
            }
        )
    return {
        "schema_version": SCHEMA_VERSION,
        "client_id": recs.client_id,
        "ranker": recs.ranker,
        "language": recs.language,
        "feasible": len(recs.ranking),
        "excluded": dict(sorted(counts.items())),
        "unmatched_phrases": [str(phrase) for phrase in unmatched],
        "items": items,
    }
