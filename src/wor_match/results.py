"""Result objects: a ranked, explained shortlist and the answer to "why not this one?".

Every :class:`Recommendation` carries an :class:`Explanation` whose ``baseline`` plus the
``points`` of its contributions equals its ``score`` (to 1e-9).
"""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

import numpy as np
import numpy.typing as npt
import pandas as pd

from wor_match._errors import UnknownActivityError
from wor_match._vocab import Language
from wor_match.filters import REASON_SHORT, REASON_TEXT
from wor_match.models.activity import Activity
from wor_match.target_groups import CIRCUMSTANCE_GROUPS, GENDER_GROUPS, GROUP_LABELS

__all__ = ["Contribution", "Explanation", "Ranking", "Recommendation", "Recommendations"]

#: How many supporting reasons and cautions :attr:`Explanation.reasons` gives.
MAX_REASONS = 3
MAX_CAUTIONS = 2

_KIND = {
    "nl": {"activity": "activiteit", "volunteering": "vrijwilligerswerk", "buddy": "maatje",
           "meals": "maaltijden", "service": "dienst"},
    "en": {"activity": "activity", "volunteering": "volunteering", "buddy": "buddy",
           "meals": "meals", "service": "service"},
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
    #: why it is listed where it is, when that is not its score alone
    #: (:mod:`wor_match.shortlist`: a general offer after the matching ones, variety)
    notes: tuple[str, ...] = ()

    @property
    def reasons(self) -> list[str]:
        """The notes, then the explanation's reasons."""
        return [*self.notes, *self.explanation.reasons]

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
            "notes": list(self.notes),
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

    def sort(self, positions: npt.NDArray[np.intp]) -> npt.NDArray[np.intp]:
        """``positions`` in the order of the tie rule."""
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
        return self.sort(np.flatnonzero(-self._scores <= kth))[:k]

    @property
    def order(self) -> npt.NDArray[np.intp]:
        if self._order is None:
            self._order = self.sort(np.arange(len(self._scores)))
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
    #: the client's interests and energy sources that matched no activity of the
    #: catalogue at any level, in the client's words
    unmatched: tuple[str, ...] = ()
    #: the longest list asked for (a shorter list says why: :meth:`summary`)
    k: int | None = None
    #: activity_id -> (explanation, shortlist tier) of a feasible offer, or None
    explain: Callable[[str], tuple[Explanation, int] | None] | None = field(
        default=None, repr=False, compare=False
    )

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
        """Sentences saying why an activity is not (higher) on the list: the rules that
        exclude it, or for a feasible offer its place, why the shortlist passed it over
        and its largest negative contributions."""
        nl = self.language == "nl"
        for item in self.items:
            if item.activity_id == activity_id:
                return [f"Staat op plaats {item.rank}" if nl else f"Listed at rank {item.rank}"]
        if activity_id in self.excluded:
            return [self._rule_text(activity_id, code) for code in self.excluded[activity_id]]
        for position, (other, score) in enumerate(self.ranking, start=1):
            if other == activity_id:
                # the list is not in score order when the shortlist varied it
                last = min(item.score for item in self.items) if self.items else float("nan")
                found = self.explain(activity_id) if self.explain is not None else None
                sentences = []
                if found is not None and found[1] == 2:
                    sentences.append(
                        "Sluit niet aan bij de genoemde interesses of energiegevers"
                        if nl
                        else "Matches none of the interests or energy sources named"
                    )
                if nl:
                    sentences.append(
                        f"Past wel, maar staat op plaats {position} (score {score:.2f}; "
                        f"de laagste score op de lijst is {last:.2f})"
                    )
                else:
                    sentences.append(
                        f"Feasible, but ranked {position} (score {score:.2f}; "
                        f"the lowest score listed is {last:.2f})"
                    )
                if found is not None:
                    sentences += _negatives(found[0], nl)
                return sentences
        raise UnknownActivityError(
            f"no activity with activity_id {activity_id!r} in this catalogue", field="activity_id"
        )

    def _rule_text(self, activity_id: str, code: str) -> str:
        """The sentence for one exclusion rule, naming the target group where it can."""
        groups_of = getattr(self.excluded, "target_groups", None)
        if code in ("not_target_group", "not_target_gender") and groups_of is not None:
            labels = GROUP_LABELS[self.language]
            wanted = CIRCUMSTANCE_GROUPS if code == "not_target_group" else tuple(GENDER_GROUPS)
            names = [labels[c] for c in groups_of(activity_id) if c in wanted]
            if names:
                joined = (" of " if self.language == "nl" else " or ").join(names)
                return f"Bedoeld voor {joined}" if self.language == "nl" else f"Meant for {joined}"
        return REASON_TEXT[code][self.language]

    def exclusion_summary(self) -> dict[str, int]:
        """How many activities each rule excludes, most first (an activity excluded by two
        rules counts for both)."""
        counts = Counter(code for codes in self.excluded.values() for code in codes)
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))

    def summary(self) -> str:
        """Why the list is not longer: the exclusions with their counts ("12 te ver, 5 geen
        gedeelde taal"), feasible offers the shortlist passed over, and the nearest
        misses."""
        nl = self.language == "nl"
        parts = [
            f"{count} {REASON_SHORT[code][self.language]}"
            for code, count in self.exclusion_summary().items()
        ]
        text = ("Niet op de lijst: " if nl else "Not listed: ") + (
            ", ".join(parts) if parts else ("niets uitgesloten" if nl else "nothing excluded")
        )
        misses = getattr(self.excluded, "nearest_misses", None)
        near = misses() if misses is not None else []
        if near:
            shown = ", ".join(f"{name} ({REASON_SHORT[code][self.language]})"
                              for _, name, code in near)  # fmt: skip
            text += ("; met één regel soepeler: " if nl else "; one rule relaxed would add: ") + (
                shown
            )
        passed = len(self.ranking) - len(self.items)
        if passed > 0:
            text += (
                f"; nog {passed} passend, maar niet gekozen: sluit niet aan bij de interesses "
                "of staat al op de lijst"
                if nl
                else f"; {passed} more feasible but not chosen: they match none of the "
                "interests or are listed already"
            )
        return text

    def to_dict(self) -> dict[str, Any]:
        """The whole result as a JSON-ready dict: who, which ranker and language, the
        exclusion counts and summary sentence, the phrases that found nothing and the items
        (see :meth:`Recommendation.to_dict`)."""
        return {
            "client_id": self.client_id,
            "ranker": self.ranker,
            "language": self.language,
            "feasible": len(self.ranking),
            "excluded": len(self.excluded),
            "exclusion_summary": self.exclusion_summary(),
            "nearest_misses": [
                {"activity_id": a, "name": name, "rule": code}
                for a, name, code in (
                    self.excluded.nearest_misses()
                    if hasattr(self.excluded, "nearest_misses")
                    else []
                )
            ],
            "summary": self.summary(),
            "unmatched": list(self.unmatched),
            "unmatched_text": self.unmatched_lines(),
            "items": self.to_records(),
        }

    @property
    def short(self) -> bool:
        """True when the list holds fewer offers than were asked for."""
        return self.k is not None and len(self.items) < self.k

    def to_records(self) -> list[dict[str, Any]]:
        """The list as JSON-ready dicts, best first."""
        return [item.to_dict() for item in self.items]

    def to_envelope(self) -> dict[str, Any]:
        """The versioned JSON envelope other systems read (:mod:`wor_match.envelope`):
        schema_version, client_id, ranker, language, feasible, excluded counts by reason,
        unmatched phrases and the items."""
        from wor_match.envelope import to_envelope

        return to_envelope(self)

    def to_json(self, **kwargs: Any) -> str:
        """:meth:`to_dict` as JSON."""
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)

    def unmatched_lines(self) -> list[str]:
        """One sentence per phrase that found nothing ("Voor 'vissen' is in deze
        catalogus niets gevonden")."""
        if self.language == "nl":
            return [f"Voor '{p}' is in deze catalogus niets gevonden" for p in self.unmatched]
        return [f"Nothing in this catalogue matched '{p}'" for p in self.unmatched]

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
        lines.extend(self.unmatched_lines())
        if self.short or not self.items:
            lines.append(self.summary())
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
        unmatched = "".join(f"<p>{esc(line)}</p>" for line in self.unmatched_lines())
        summary = f"<p>{esc(self.summary())}</p>" if self.short or not self.items else ""
        return (
            f"<p><b>{esc(self._title())}</b></p><table><thead><tr>"
            f"<th>{head[0]}</th><th>{head[1]}</th><th>{head[2]}</th><th>{head[3]}</th>"
            f"<th>{head[4]}</th><th>{reasons}</th></tr></thead><tbody>{rows}</tbody></table>"
            f"{unmatched}"
            f"{summary}"
        )


#: How many negative contributions ``why_not`` names.
MAX_NEGATIVES = 2


def _negatives(explanation: Explanation, nl: bool) -> list[str]:
    """The largest negative contributions of an explanation, as sentences."""
    negative = sorted(
        (c for c in explanation.contributions if c.points < 0), key=lambda c: c.points
    )
    sentences = []
    for c in negative[:MAX_NEGATIVES]:
        what = c.reason or c.feature
        points = f"{c.points:.2f}".replace(".", ",") if nl else f"{c.points:.2f}"
        sentences.append(
            f"Kost punten: {what} ({points})" if nl else f"Costs points: {what} ({points})"
        )
    return sentences
