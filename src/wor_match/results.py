"""Result objects: a ranked, explained shortlist and the answer to "why not this one?".

Every :class:`Recommendation` carries an :class:`Explanation` whose ``baseline`` plus the
``points`` of its contributions equals its ``score`` (to 1e-9).
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

import numpy as np
import numpy.typing as npt
import pandas as pd

from wor_match._vocab import Language
from wor_match.filters import REASON_TEXT
from wor_match.models.activity import Activity

__all__ = ["Contribution", "Explanation", "Ranking", "Recommendation", "Recommendations"]

#: How many supporting reasons and cautions :attr:`Explanation.reasons` gives.
MAX_REASONS = 3
MAX_CAUTIONS = 2

_KIND = {
    "nl": {"activity": "activiteit", "volunteering": "vrijwilligerswerk", "buddy": "maatje",
           "meals": "maaltijden"},
    "en": {"activity": "activity", "volunteering": "volunteering", "buddy": "buddy",
           "meals": "meals"},
}  # fmt: skip
_HEAD = {
    "nl": ("#", "activiteit", "soort", "reistijd", "score"),
    "en": ("#", "activity", "kind", "travel", "score"),
}


@dataclass(frozen=True, slots=True)
class Contribution:
    """One feature's share of a score: ``points`` added for a feature ``value``."""

    feature: str
    points: float
    value: float
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why an activity scored what it did: ``score == baseline + sum(points)``."""

    baseline: float
    contributions: tuple[Contribution, ...]
    approximate: bool = False
    method: str = "exact: weighted sum of feature values"

    @property
    def total(self) -> float:
        return self.baseline + sum(c.points for c in self.contributions)

    @property
    def reasons(self) -> list[str]:
        """Top reasons as sentences: the strongest supporting ones, then any cautions."""
        with_text = [c for c in self.contributions if c.reason]
        supporting = sorted((c for c in with_text if c.points > 0), key=lambda c: -c.points)
        cautions = sorted((c for c in with_text if c.points < 0), key=lambda c: c.points)
        return [c.reason for c in supporting[:MAX_REASONS]] + [
            c.reason for c in cautions[:MAX_CAUTIONS]
        ]


@dataclass(frozen=True, slots=True)
class Recommendation:
    """One recommended activity, its place in the list and its explanation."""

    activity_id: str
    rank: int
    score: float
    activity: Activity
    distance_km: float | None
    travel_minutes: float | None
    explanation: Explanation

    @property
    def reasons(self) -> list[str]:
        return self.explanation.reasons

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the CLI's ``--format json`` item)."""
        return {
            "rank": self.rank,
            "activity_id": self.activity_id,
            "name": self.activity.name,
            "kind": self.activity.kind,
            "delivery": self.activity.delivery,
            "score": self.score,
            "distance_km": self.distance_km,
            "travel_minutes": self.travel_minutes,
            "reasons": self.reasons,
            "baseline": self.explanation.baseline,
            "approximate": self.explanation.approximate,
            "contributions": [
                {"feature": c.feature, "points": c.points, "value": c.value, "reason": c.reason}
                for c in self.explanation.contributions
            ],
        }


class Ranking(Sequence[tuple[str, float]]):
    """Every feasible activity as (activity_id, score), best first, by the tie rule: score
    descending, then distance ascending, then activity_id ascending.

    The full order is computed on first access; :meth:`top` finds the best k without it.
    ``rows`` are the catalogue rows of the scores; ``ids`` and ``id_rank`` are the
    catalogue's (read only for the rows that are asked for, which matters for a large
    catalogue).
    """

    def __init__(
        self,
        scores: npt.NDArray[np.float64],
        distance: npt.NDArray[np.float64],
        rows: npt.NDArray[np.intp],
        ids: npt.NDArray[np.object_],
        id_rank: npt.NDArray[np.intp],
    ) -> None:
        self._scores, self._distance, self._rows = scores, distance, rows
        self._ids, self._id_rank = ids, id_rank
        self._order: npt.NDArray[np.intp] | None = None

    def _sorted(self, positions: npt.NDArray[np.intp]) -> npt.NDArray[np.intp]:
        keys = (
            self._id_rank[self._rows[positions]],
            self._distance[positions],
            -self._scores[positions],
        )
        return positions[np.lexsort(keys)]

    def top(self, k: int) -> npt.NDArray[np.intp]:
        """Positions of the best ``k``, in order (ties at the k-th score are resolved by the
        full rule, so the result equals the first k of the complete order)."""
        n = len(self._scores)
        if self._order is not None or n <= 4 * k:
            return self.order[:k]
        kth = np.partition(-self._scores, k - 1)[k - 1]
        return self._sorted(np.flatnonzero(-self._scores <= kth))[:k]

    @property
    def order(self) -> npt.NDArray[np.intp]:
        if self._order is None:
            self._order = self._sorted(np.arange(len(self._scores)))
        return self._order

    def __len__(self) -> int:
        return len(self._scores)

    @overload
    def __getitem__(self, index: int) -> tuple[str, float]: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[tuple[str, float]]: ...
    def __getitem__(self, index: int | slice) -> tuple[str, float] | Sequence[tuple[str, float]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        position = self.order[index]
        return str(self._ids[self._rows[position]]), float(self._scores[position])

    def __iter__(self) -> Iterator[tuple[str, float]]:
        order = self.order
        ids = self._ids[self._rows[order]].tolist()
        return iter(zip(ids, self._scores[order].tolist(), strict=True))


@dataclass(frozen=True)
class Recommendations(Sequence[Recommendation]):
    """A ranked shortlist, best first, plus what was excluded and why.

    ``excluded`` maps every hard-filtered activity_id of the catalogue to its reason codes
    (see :mod:`wor_match.filters`); :meth:`why_not` turns that into sentences.
    """

    items: tuple[Recommendation, ...]
    excluded: Mapping[str, tuple[str, ...]]
    client_id: str
    ranker: str
    language: Language = "nl"
    #: every feasible activity_id, in ranked order, with its score (for "why not?")
    ranking: Sequence[tuple[str, float]] = field(default=(), repr=False)

    @overload
    def __getitem__(self, index: int) -> Recommendation: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Recommendation]: ...
    def __getitem__(self, index: int | slice) -> Recommendation | Sequence[Recommendation]:
        return self.items[index]

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Recommendation]:
        return iter(self.items)

    def why_not(self, activity_id: str) -> list[str]:
        """Sentences saying why an activity is not (higher) on the list."""
        nl = self.language == "nl"
        for item in self.items:
            if item.activity_id == activity_id:
                return [f"Staat op plaats {item.rank}" if nl else f"Listed at rank {item.rank}"]
        if activity_id in self.excluded:
            return [REASON_TEXT[code][self.language] for code in self.excluded[activity_id]]
        for position, (other, score) in enumerate(self.ranking, start=1):
            if other == activity_id:
                last = self.items[-1].score if self.items else float("nan")
                if nl:
                    return [
                        f"Past wel, maar staat op plaats {position} (score {score:.2f}; "
                        f"de laatste op de lijst heeft {last:.2f})"
                    ]
                return [
                    f"Feasible, but ranked {position} (score {score:.2f}; "
                    f"the last one listed has {last:.2f})"
                ]
        raise KeyError(f"no activity with activity_id {activity_id!r} in this catalogue")

    def to_records(self) -> list[dict[str, Any]]:
        """The list as JSON-ready dicts, best first."""
        return [item.to_dict() for item in self.items]

    def to_json(self, **kwargs: Any) -> str:
        """The list as a JSON array (see :meth:`Recommendation.to_dict`)."""
        return json.dumps(self.to_records(), ensure_ascii=False, **kwargs)

    def to_frame(self) -> pd.DataFrame:
        """One row per recommendation; one ``points_<feature>`` column per contribution."""
        rows = []
        for item in self.items:
            row: dict[str, Any] = {
                "rank": item.rank,
                "activity_id": item.activity_id,
                "name": item.activity.name,
                "kind": item.activity.kind,
                "delivery": item.activity.delivery,
                "score": item.score,
                "distance_km": item.distance_km,
                "travel_minutes": item.travel_minutes,
                "reasons": " | ".join(item.reasons),
                "baseline": item.explanation.baseline,
            }
            for c in item.explanation.contributions:
                row[f"points_{c.feature}"] = c.points
            rows.append(row)
        columns = (
            list(rows[0])
            if rows
            else [
                "rank",
                "activity_id",
                "name",
                "kind",
                "delivery",
                "score",
                "distance_km",
                "travel_minutes",
                "reasons",
                "baseline",
            ]
        )
        return pd.DataFrame(rows, columns=columns)

    def _travel_text(self, item: Recommendation) -> str:
        if item.travel_minutes is None:
            delivery = item.activity.delivery
            if self.language == "nl":
                return "aan huis" if delivery == "at_home" else "online"
            return "at home" if delivery == "at_home" else "online"
        return f"{round(item.travel_minutes)} min"

    def _title(self) -> str:
        if self.language == "nl":
            return (
                f"Aanbevelingen voor {self.client_id}: {len(self.items)} van "
                f"{len(self.ranking)} passende, {len(self.excluded)} uitgesloten "
                f"(ranker: {self.ranker})"
            )
        return (
            f"Recommendations for {self.client_id}: {len(self.items)} of {len(self.ranking)} "
            f"feasible, {len(self.excluded)} excluded (ranker: {self.ranker})"
        )

    def __str__(self) -> str:
        head = _HEAD[self.language]
        lines = [
            self._title(),
            f"{head[0]:>3}  {head[1]:<40} {head[2]:<18} {head[3]:>9} {head[4]:>6}",
        ]
        for item in self.items:
            name = (
                item.activity.name
                if len(item.activity.name) <= 40
                else item.activity.name[:39] + "…"
            )
            kind = _KIND[self.language][item.activity.kind]
            lines.append(
                f"{item.rank:>3}  {name:<40} {kind:<18} {self._travel_text(item):>9} "
                f"{item.score:>6.2f}"
            )
            lines.extend(f"       - {reason}" for reason in item.reasons)
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        head = _HEAD[self.language]
        esc = html.escape
        rows = "".join(
            "<tr>"
            f"<td>{item.rank}</td><td>{esc(item.activity.name)}</td>"
            f"<td>{esc(_KIND[self.language][item.activity.kind])}</td>"
            f"<td>{esc(self._travel_text(item))}</td><td>{item.score:.2f}</td>"
            f"<td><ul>{''.join(f'<li>{esc(r)}</li>' for r in item.reasons)}</ul></td>"
            "</tr>"
            for item in self.items
        )
        reasons = "redenen" if self.language == "nl" else "reasons"
        return (
            f"<p><b>{esc(self._title())}</b></p><table><thead><tr>"
            f"<th>{head[0]}</th><th>{head[1]}</th><th>{head[2]}</th><th>{head[3]}</th>"
            f"<th>{head[4]}</th><th>{reasons}</th></tr></thead><tbody>{rows}</tbody></table>"
        )
