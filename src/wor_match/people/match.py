"""match_people(): the people in a pool who fit one person, both ways, ranked and explained.

1. **Candidates**: a grid query (:class:`wor_match.geo.grid.GeoGrid`) around the person's
   home with the radius that can still pass ``too_far`` (their own travel radius; for a
   seeker of a buddy or meals, and a housebound peer, the longest radius in the pool,
   because the other person travels).
2. **Rules** (:mod:`wor_match.people.rules`), vectorised over the candidates.
3. **Scores** (:mod:`wor_match.people.scoring`): both directions for every feasible
   candidate, combined by the harmonic mean; ties go to the nearer, then the lower
   person_id, so the result does not depend on the order of the pool's rows.
4. **Explanations** only for the k returned. ``excluded`` (every person in the pool who
   breaks a rule, with all codes) is computed on first access, over the whole pool.

Who is asked about: for ``peer`` the person must seek peers; for ``buddy`` and ``meals`` a
person who seeks it gets givers, a person who only offers it gets seekers.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

import numpy as np
import numpy.typing as npt
import pandas as pd

from wor_match._checks import check_choice, check_k, check_language
from wor_match._vocab import Language
from wor_match.geo.distance import haversine_km
from wor_match.people._columns import PeopleColumns
from wor_match.people.person import PURPOSES, Person, Purpose
from wor_match.people.pool import People
from wor_match.people.rules import (
    REASON_CODES,
    REASON_TEXT,
    Role,
    pair_rules,
    peer_reach_km,
    violations,
)
from wor_match.people.scoring import (
    ReciprocalExplanation,
    direction_score,
    direction_values,
    explain_direction,
    harmonic_mean,
)

__all__ = ["PeopleMatches", "PersonMatch", "candidates", "match_people"]

FloatArray = npt.NDArray[np.float64]
IntpArray = npt.NDArray[np.intp]


@dataclass(frozen=True, slots=True)
class PersonMatch:
    """One person who fits, their place in the list and both sides of the explanation."""

    person_id: str
    rank: int
    score: float
    distance_km: float
    explanation: ReciprocalExplanation

    @property
    def reasons(self) -> list[str]:
        return self.explanation.reasons

    @property
    def score_forward(self) -> float:
        """The asking person's side: how well this person fits them."""
        return self.explanation.forward.total

    @property
    def score_backward(self) -> float:
        """This person's side: how well the asking person fits them."""
        return self.explanation.backward.total

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the CLI's ``--format json`` item)."""

        def side(explanation: Any) -> dict[str, Any]:
            return {
                "baseline": explanation.baseline,
                "score": explanation.total,
                "contributions": [
                    {"feature": c.feature, "points": c.points, "value": c.value, "reason": c.reason}
                    for c in explanation.contributions
                ],
            }

        return {
            "rank": self.rank,
            "person_id": self.person_id,
            "score": self.score,
            "distance_km": self.distance_km,
            "reasons": self.reasons,
            "combination": self.explanation.combination,
            "forward": side(self.explanation.forward),
            "backward": side(self.explanation.backward),
        }


class _Excluded(Mapping[str, tuple[str, ...]]):
    """person_id -> reason codes, computed on first access."""

    def __init__(self, compute: Callable[[], dict[str, tuple[str, ...]]]) -> None:
        self._compute = compute
        self._data: dict[str, tuple[str, ...]] | None = None

    @property
    def data(self) -> dict[str, tuple[str, ...]]:
        if self._data is None:
            self._data = self._compute()
        return self._data

    def __getitem__(self, key: str) -> tuple[str, ...]:
        return self.data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)


_HEAD = {"nl": ("#", "persoon", "afstand", "score"), "en": ("#", "person", "distance", "score")}
_PURPOSE = {
    "nl": {
        "peer": "maatje om samen te gaan",
        "buddy": "maatje (vrijwilliger)",
        "meals": "thuiskok",
    },
    "en": {"peer": "peer", "buddy": "buddy", "meals": "home cook"},
}


@dataclass(frozen=True)
class PeopleMatches(Sequence[PersonMatch]):
    """A ranked shortlist of people, best first, plus who was excluded and why.

    ``excluded`` maps every person in the pool who breaks a rule to its reason codes
    (:mod:`wor_match.people.rules`); :meth:`why_not` turns that into sentences.
    """

    items: tuple[PersonMatch, ...]
    excluded: Mapping[str, tuple[str, ...]]
    person_id: str
    purpose: Purpose
    role: Role
    language: Language = "nl"
    #: every feasible person_id, ranked, with its score (for "why not?")
    ranking: Sequence[tuple[str, float]] = field(default=(), repr=False)

    @overload
    def __getitem__(self, index: int) -> PersonMatch: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[PersonMatch]: ...
    def __getitem__(self, index: int | slice) -> PersonMatch | Sequence[PersonMatch]:
        return self.items[index]

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[PersonMatch]:
        return iter(self.items)

    @property
    def ids(self) -> list[str]:
        return [item.person_id for item in self.items]

    def why_not(self, person_id: str) -> list[str]:
        """Sentences saying why a person is not (higher) on the list."""
        nl = self.language == "nl"
        for item in self.items:
            if item.person_id == person_id:
                return [f"Staat op plaats {item.rank}" if nl else f"Listed at rank {item.rank}"]
        if person_id in self.excluded:
            return [REASON_TEXT[code][self.language] for code in self.excluded[person_id]]
        for position, (other, score) in enumerate(self.ranking, start=1):
            if other == person_id:
                last = self.items[-1].score if self.items else float("nan")
                if nl:
                    return [
                        f"Past wel, maar staat op plaats {position} (score {score:.2f}; "
                        f"de laatste op de lijst heeft {last:.2f})"
                    ]
                return [
                    f"Fits, but ranked {position} (score {score:.2f}; "
                    f"the last one listed has {last:.2f})"
                ]
        raise KeyError(f"no person with person_id {person_id!r} in this pool")

    def to_records(self) -> list[dict[str, Any]]:
        return [item.to_dict() for item in self.items]

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_records(), ensure_ascii=False, **kwargs)

    def to_frame(self) -> pd.DataFrame:
        """One row per match: scores of both sides and the points of each feature."""
        rows = []
        for item in self.items:
            row: dict[str, Any] = {
                "rank": item.rank,
                "person_id": item.person_id,
                "score": item.score,
                "score_forward": item.score_forward,
                "score_backward": item.score_backward,
                "distance_km": item.distance_km,
                "reasons": " | ".join(item.reasons),
            }
            for prefix, side in (
                ("fwd", item.explanation.forward),
                ("bwd", item.explanation.backward),
            ):
                for c in side.contributions:
                    row[f"{prefix}_{c.feature}"] = c.points
            rows.append(row)
        columns = list(rows[0]) if rows else [
            "rank", "person_id", "score", "score_forward", "score_backward", "distance_km",
            "reasons",
        ]  # fmt: skip
        return pd.DataFrame(rows, columns=columns)

    def _title(self) -> str:
        what = _PURPOSE[self.language][self.purpose]
        if self.language == "nl":
            return (
                f"Mensen voor {self.person_id} ({what}): {len(self.items)} van "
                f"{len(self.ranking)} passende, {len(self.excluded)} uitgesloten"
            )
        return (
            f"People for {self.person_id} ({what}): {len(self.items)} of {len(self.ranking)} "
            f"fitting, {len(self.excluded)} excluded"
        )

    def _distance(self, item: PersonMatch) -> str:
        text = f"{item.distance_km:.1f} km"
        return text.replace(".", ",") if self.language == "nl" else text

    def __str__(self) -> str:
        head = _HEAD[self.language]
        lines = [self._title(), f"{head[0]:>3}  {head[1]:<24} {head[2]:>9} {head[3]:>6}"]
        for item in self.items:
            lines.append(
                f"{item.rank:>3}  {item.person_id:<24} {self._distance(item):>9} {item.score:>6.2f}"
            )
            lines.extend(f"       - {reason}" for reason in item.reasons)
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        head = _HEAD[self.language]
        esc = html.escape
        rows = "".join(
            f"<tr><td>{item.rank}</td><td>{esc(item.person_id)}</td>"
            f"<td>{esc(self._distance(item))}</td><td>{item.score:.2f}</td>"
            f"<td><ul>{''.join(f'<li>{esc(r)}</li>' for r in item.reasons)}</ul></td></tr>"
            for item in self.items
        )
        reasons = "redenen" if self.language == "nl" else "reasons"
        return (
            f"<p><b>{esc(self._title())}</b></p><table><thead><tr><th>{head[0]}</th>"
            f"<th>{head[1]}</th><th>{head[2]}</th><th>{head[3]}</th><th>{reasons}</th>"
            f"</tr></thead><tbody>{rows}</tbody></table>"
        )


def _query(person: str | Mapping[str, Any] | Person, people: People) -> tuple[PeopleColumns, int]:
    if isinstance(person, str):
        return people.columns, people.row(person)  # KeyError names an unknown id
    record = person if isinstance(person, Person) else Person.model_validate(dict(person))
    columns = PeopleColumns.build(
        [record],
        language_vocabulary=people.columns.language_vocabulary,
        taxonomy=people.columns.taxonomy,
    )
    return columns, 0


def role_of(columns: PeopleColumns, row: int, purpose: Purpose) -> Role:
    """``giver`` when the person offers the purpose and does not seek it, else ``seeker``."""
    bit = 1 << PURPOSES.index(purpose)
    seeks = bool(columns.seeks[row] & bit)
    offers = bool(columns.offers[row] & bit)
    return "giver" if purpose != "peer" and offers and not seeks else "seeker"


@dataclass(frozen=True)
class PairScores:
    """Rules, both directions and the combined score for pairs of one query."""

    rules: dict[str, npt.NDArray[np.bool_]]
    feasible: npt.NDArray[np.bool_]
    forward: dict[str, FloatArray]
    backward: dict[str, FloatArray]
    score: FloatArray


def score_pairs(
    purpose: Purpose,
    seeker: PeopleColumns,
    s: IntpArray,
    partner: PeopleColumns,
    p: IntpArray,
    distance: FloatArray,
    *,
    seeker_is_forward: bool = True,
) -> PairScores:
    """Rules and scores for pairs (seeker row ``s[i]``, partner row ``p[i]``).

    ``forward`` is the seeker's view when ``seeker_is_forward``, else the partner's.
    """
    rules = pair_rules(purpose, seeker, s, partner, p, distance)
    feasible = ~violations(rules)
    if purpose == "peer":
        seeker_reach = peer_reach_km(seeker, s, partner, p)
        partner_reach = peer_reach_km(partner, p, seeker, s)
    else:
        seeker_reach = partner_reach = partner.radius_km[p]
    seeker_view = direction_values(seeker, s, partner, p, distance, seeker_reach)
    partner_view = direction_values(partner, p, seeker, s, distance, partner_reach)
    forward, backward = (
        (seeker_view, partner_view) if seeker_is_forward else (partner_view, seeker_view)
    )
    score = harmonic_mean(direction_score(forward), direction_score(backward))
    return PairScores(rules, feasible, forward, backward, score)


def match_people(
    person: str | Mapping[str, Any] | Person,
    people: People,
    *,
    purpose: Purpose = "peer",
    k: int = 5,
    language: Language = "nl",
) -> PeopleMatches:
    """The ``k`` people in the pool who fit ``person`` best, both ways.

    Parameters
    ----------
    person : str, dict or Person
        A person_id in the pool, or a person record (a dict is validated).
    people : People
        The pool.
    purpose : {"peer", "buddy", "meals"}, default "peer"
        Peers are both seekers; for buddy and meals a seeker gets givers and a person who
        only offers gets seekers.
    k : int, default 5
        Length of the list.
    language : {"nl", "en"}, default "nl"
        Language of the reasons.

    Returns
    -------
    PeopleMatches
        Ranked by the reciprocal score (harmonic mean of the two sides), then distance,
        then person_id.
    """
    purpose = check_choice("purpose", purpose, PURPOSES, function="match_people")
    k = check_k(k, function="match_people")
    language = check_language(language, function="match_people")
    query, q = _query(person, people)
    role, rows, distance, scored = candidates(people, query, q, purpose)
    pool = people.columns
    lat, lon = float(query.lat[q]), float(query.lon[q])
    keep = np.flatnonzero(scored.feasible)
    rows, distance, score = rows[keep], distance[keep], scored.score[keep]
    forward = {f: v[keep] for f, v in scored.forward.items()}
    backward = {f: v[keep] for f, v in scored.backward.items()}
    order = np.lexsort((people.id_rank[rows], distance, -score))
    items = []
    for rank, i in enumerate(order[:k].tolist(), start=1):
        row, km = int(rows[i]), float(distance[i])
        explanation = ReciprocalExplanation(
            forward=explain_direction(
                query, q, pool, row, {f: float(v[i]) for f, v in forward.items()}, km, language
            ),
            backward=explain_direction(
                pool, row, query, q, {f: float(v[i]) for f, v in backward.items()}, km, language
            ),
        )
        items.append(PersonMatch(str(pool.ids[row]), rank, float(score[i]), km, explanation))
    ranked_ids = pool.ids[rows[order]].tolist()
    ranking = list(zip(ranked_ids, score[order].tolist(), strict=True))

    def excluded() -> dict[str, tuple[str, ...]]:
        everyone = np.arange(len(pool), dtype=np.intp)
        full = haversine_km(lat, lon, pool.lat, pool.lon)
        rules = _score_for(purpose, role, query, q, pool, everyone, full).rules
        broken = violations(rules)
        codes = [rules[code] for code in REASON_CODES]
        out: dict[str, tuple[str, ...]] = {}
        same = rules["same_person"]
        for row in np.flatnonzero(broken).tolist():
            if same[row]:  # the person themself: nothing else to say
                out[str(pool.ids[row])] = ("same_person",)
                continue
            out[str(pool.ids[row])] = tuple(
                code for code, mask in zip(REASON_CODES, codes, strict=True) if mask[row]
            )
        return out

    return PeopleMatches(
        items=tuple(items),
        excluded=_Excluded(excluded),
        person_id=str(query.ids[q]),
        purpose=purpose,
        role=role,
        language=language,
        ranking=ranking,
    )


def candidates(
    people: People, query: PeopleColumns, q: int, purpose: Purpose
) -> tuple[Role, IntpArray, FloatArray, PairScores]:
    """The query's role, its candidate rows within reach (grid query), their distances and
    their rules and scores (feasible or not)."""
    role = role_of(query, q, purpose)
    pool = people.columns
    if role == "giver":
        radius = 0.0 if query.housebound[q] else float(query.radius_km[q])
    elif purpose == "peer" and not query.housebound[q]:
        radius = float(query.radius_km[q])
    elif purpose == "peer":  # a housebound peer is visited by peers who travel
        radius = people.max_radius_km("peer", "seeker")
    else:  # the giver travels
        radius = people.max_radius_km(purpose, "giver")
    lat, lon = float(query.lat[q]), float(query.lon[q])
    rows, distance = people.grid.within_distance(lat, lon, radius)
    if radius == 0.0:  # housebound giver, or nobody travels: same spot only
        rows = np.flatnonzero(haversine_km(lat, lon, pool.lat, pool.lon) == 0.0).astype(np.intp)
        distance = np.zeros(len(rows), dtype=np.float64)
    return role, rows, distance, _score_for(purpose, role, query, q, pool, rows, distance)


def _score_for(
    purpose: Purpose,
    role: Role,
    query: PeopleColumns,
    q: int,
    pool: PeopleColumns,
    rows: IntpArray,
    distance: FloatArray,
) -> PairScores:
    asking = np.full(len(rows), q, dtype=np.intp)
    if role == "seeker":
        return score_pairs(purpose, query, asking, pool, rows, distance)
    return score_pairs(purpose, pool, rows, query, asking, distance, seeker_is_forward=False)
