"""assign(): one global plan that serves as many seekers as possible, then the best pairs.

Method (buddy and meals). The candidate graph is sparse: each giver's grid query finds the
seekers within the giver's travel radius (:class:`wor_match.geo.grid.GeoGrid`), then the
hard rules (:mod:`wor_match.people.rules`) drop pairs; no seekers x givers matrix is ever
built. A giver with capacity c becomes c *slots*; each seeker also gets one private
"unserved" slot. :func:`scipy.sparse.csgraph.min_weight_full_bipartite_matching` (LAPJVsp,
exact) then gives every seeker exactly one slot at least total cost, where a real pair costs
``C - (K + score)`` and the unserved slot costs ``C``. ``K`` exceeds the largest possible
sum of scores, so serving one more seeker always outweighs any gain in score: the plan
serves the maximum number of seekers and, among such plans, has the highest total score.

Options:

- ``priority="waiting"``: among plans that serve the most seekers, serve those who have
  waited longest: a served seeker adds ``days waited x M`` (``M`` above any score sum), so
  the total waiting time of those served comes first, then the score. Unknown
  ``waiting_since`` counts as 0 days.
- ``max_per_giver``: no giver takes more than this many (a cap on a popular volunteer's or
  cook's share; their capacity still applies).

Peers (``purpose="peer"``) pair seekers with each other, a matching on a general graph:
:func:`networkx.max_weight_matching` with ``maxcardinality=True`` on integer weights (the
``people`` extra). Each peer is in at most one pair.

Why this solver: LAPJVsp works on the sparse graph directly and is exact; a min-cost flow
(networkx) gives the same optimum but runs in pure Python; ``linear_sum_assignment`` would
need the dense matrix. Measured in ``benchmarks/bench_people.py``.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy.sparse import csr_array
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from wor_match._checks import check_choice, check_language
from wor_match._errors import MissingExtraError
from wor_match._vocab import Language
from wor_match.geo.grid import GeoGrid
from wor_match.people.match import PairScores, score_pairs
from wor_match.people.person import PURPOSES, Purpose
from wor_match.people.pool import People
from wor_match.people.rules import REASON_CODES
from wor_match.people.scoring import ReciprocalExplanation, explain_direction

__all__ = ["Plan", "assign", "candidate_graph"]

IntpArray = npt.NDArray[np.intp]
FloatArray = npt.NDArray[np.float64]
#: Highest possible score of one side (baseline 1 + weights 3 + 1 + 1).
MAX_SCORE = 6.0


@dataclass(frozen=True)
class CandidateGraph:
    """Every (seeker, giver) pair within the giver's reach, with its rules and scores."""

    seekers: IntpArray  # pool rows of the seekers considered
    givers: IntpArray  # pool rows of the givers considered
    seeker_row: IntpArray  # per pair
    giver_row: IntpArray
    distance_km: FloatArray
    scores: PairScores


def candidate_graph(people: People, purpose: Purpose) -> CandidateGraph:
    """The sparse candidate graph of ``assign`` (radius first, then the rules)."""
    cols = people.columns
    bit = 1 << PURPOSES.index(purpose)
    seekers = np.flatnonzero((cols.seeks & bit) != 0).astype(np.intp)
    if purpose == "peer":
        givers = seekers
    else:
        givers = np.flatnonzero((cols.offers & bit) != 0).astype(np.intp)
    pair_s: list[IntpArray] = [np.empty(0, dtype=np.intp)]
    pair_g: list[IntpArray] = [np.empty(0, dtype=np.intp)]
    pair_d: list[FloatArray] = [np.empty(0, dtype=np.float64)]
    if len(seekers) and len(givers):
        grid = GeoGrid(cols.lat[seekers], cols.lon[seekers])
        for g in givers.tolist():
            # peers: the farther-reaching side bounds the query (rules check both)
            radius = float(cols.radius_km[g])
            if purpose == "peer":
                radius = people.max_radius_km("peer", "seeker") if cols.housebound[g] else radius
            elif cols.housebound[g]:
                continue
            found, distance = grid.within_distance(float(cols.lat[g]), float(cols.lon[g]), radius)
            if purpose == "peer":
                keep = seekers[found] != g
                found, distance = found[keep], distance[keep]
            pair_s.append(seekers[found])
            pair_g.append(np.full(len(found), g, dtype=np.intp))
            pair_d.append(distance)
    s = np.concatenate(pair_s)
    g_rows = np.concatenate(pair_g)
    d = np.concatenate(pair_d)
    if purpose == "peer":  # one copy of each unordered pair
        low, high = np.minimum(s, g_rows), np.maximum(s, g_rows)
        _, first = np.unique(low.astype(np.int64) * len(cols) + high, return_index=True)
        s, g_rows, d = low[first], high[first], d[first]
    scores = score_pairs(purpose, cols, s, cols, g_rows, d)
    return CandidateGraph(seekers, givers, s, g_rows, d, scores)


@dataclass(frozen=True)
class Plan:
    """A global assignment.

    ``pairs`` has one row per pair (seeker_id, giver_id, score, distance_km, reasons);
    ``unmatched`` maps each seeker left out to reason codes (``no_room`` when givers who
    fit exist but the best plan needs their places for others); ``load`` maps each giver
    to (assigned, capacity).
    """

    pairs: pd.DataFrame
    unmatched: Mapping[str, tuple[str, ...]]
    load: Mapping[str, tuple[int, int]]
    purpose: Purpose
    method: str
    language: Language = "nl"

    @property
    def served(self) -> int:
        return len(self.pairs)

    def to_frame(self) -> pd.DataFrame:
        """The pairs (a copy)."""
        return self.pairs.copy()

    def _title(self) -> str:
        seekers = self.served + len(self.unmatched)
        if self.language == "nl":
            return (
                f"Koppelplan ({self.purpose}): {self.served} van {seekers} zoekenden gekoppeld, "
                f"{len(self.unmatched)} niet; {len(self.load)} gevers"
            )
        return (
            f"Plan ({self.purpose}): {self.served} of {seekers} seekers matched, "
            f"{len(self.unmatched)} not; {len(self.load)} givers"
        )

    def __str__(self) -> str:
        head = ("zoekt", "geeft", "afstand", "score") if self.language == "nl" else (
            "seeker", "giver", "distance", "score")  # fmt: skip
        lines = [self._title(), f"  {head[0]:<16} {head[1]:<16} {head[2]:>9} {head[3]:>6}"]
        for row in self.pairs.itertuples(index=False):
            km = f"{row.distance_km:.1f} km"
            km = km.replace(".", ",") if self.language == "nl" else km
            lines.append(f"  {row.seeker_id:<16} {row.giver_id:<16} {km:>9} {row.score:>6.2f}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        esc = html.escape
        rows = "".join(
            f"<tr><td>{esc(str(r.seeker_id))}</td><td>{esc(str(r.giver_id))}</td>"
            f"<td>{r.distance_km:.1f}</td><td>{r.score:.2f}</td><td>{esc(str(r.reasons))}</td></tr>"
            for r in self.pairs.itertuples(index=False)
        )
        return (
            f"<p><b>{esc(self._title())}</b></p><table><thead><tr><th>seeker_id</th>"
            f"<th>giver_id</th><th>km</th><th>score</th><th>reasons</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )


def _check_options(priority: str | None, max_per_giver: object) -> None:
    if priority is not None:
        check_choice("priority", priority, ("waiting",), function="assign")
    if max_per_giver is not None and (
        isinstance(max_per_giver, bool) or not isinstance(max_per_giver, int) or max_per_giver < 1
    ):
        raise ValueError(
            "The 'max_per_giver' parameter of assign must be None or an int in the range "
            f"[1, inf). Got {max_per_giver!r} instead."
        )


def assign(
    people: People,
    *,
    purpose: Purpose = "meals",
    priority: str | None = None,
    max_per_giver: int | None = None,
    today: dt.date | None = None,
    language: Language = "nl",
) -> Plan:
    """Pair seekers with givers (or peers with peers) for the whole pool at once.

    Parameters
    ----------
    people : People
    purpose : {"meals", "buddy", "peer"}, default "meals"
    priority : {None, "waiting"}
        ``"waiting"``: among plans serving the most seekers, the longest total waiting
        time of those served comes first (days since ``waiting_since`` up to ``today``).
    max_per_giver : int, optional
        A cap on any one giver's share (on top of their capacity).
    today : date, optional
        For ``priority="waiting"``; default the current date.
    language : {"nl", "en"}

    Returns
    -------
    Plan
    """
    purpose = check_choice("purpose", purpose, PURPOSES, function="assign")
    _check_options(priority, max_per_giver)
    language = check_language(language, function="assign")
    graph = candidate_graph(people, purpose)
    cols = people.columns
    feasible = np.flatnonzero(graph.scores.feasible)
    s, g = graph.seeker_row[feasible], graph.giver_row[feasible]
    score = graph.scores.score[feasible]
    waited = np.zeros(len(cols), dtype=np.float64)
    if priority == "waiting":
        day = (today or dt.date.today()).toordinal()
        waited = np.nan_to_num(np.maximum(day - cols.waiting_since, 0.0), nan=0.0)
    if purpose == "peer":
        chosen, method = _match_peers(s, g, score, waited)
    else:
        capacity = cols.capacity.copy()
        if max_per_giver is not None:
            capacity = np.minimum(capacity, max_per_giver)
        chosen, method = _match_with_capacity(s, g, score, waited, capacity)
    return _plan(people, graph, feasible[chosen], purpose, method, language, max_per_giver)


def _match_with_capacity(
    s: IntpArray,
    g: IntpArray,
    score: FloatArray,
    waited: FloatArray,
    capacity: npt.NDArray[np.int64],
) -> tuple[IntpArray, str]:
    """Positions (into the pair arrays) of the optimal pairs."""
    method = (
        "scipy.sparse.csgraph.min_weight_full_bipartite_matching over giver capacity slots "
        "plus one unserved slot per seeker: most seekers served, then "
        "(priority) longest total wait, then highest total score"
    )
    if len(s) == 0:
        return np.empty(0, dtype=np.intp), method
    seekers, seeker_index = np.unique(s, return_inverse=True)
    givers, giver_index = np.unique(g, return_inverse=True)
    slots = np.maximum(capacity[givers], 0)
    usable = slots[giver_index] > 0
    pairs = np.flatnonzero(usable)
    seeker_index, giver_index = seeker_index[pairs], giver_index[pairs]
    slot_start = np.concatenate([[0], np.cumsum(slots)[:-1]]).astype(np.intp)
    n_slots = int(slots.sum())
    # each pair once per slot of its giver
    per_pair = slots[giver_index]
    pair_of_edge = np.repeat(np.arange(len(pairs)), per_pair)
    slot_rank = np.arange(len(pair_of_edge)) - np.repeat(np.cumsum(per_pair) - per_pair, per_pair)
    edge_row = seeker_index[pair_of_edge]
    edge_col = slot_start[giver_index[pair_of_edge]] + slot_rank
    n = len(seekers)
    score_room = n * MAX_SCORE + 1.0
    bonus = waited[seekers] * score_room  # days x M, M above any score sum
    serve = float(bonus.sum()) + score_room  # K: above any sum of bonus and score
    ceiling = serve + float(bonus.max(initial=0.0)) + MAX_SCORE + 1.0
    edge_cost = ceiling - (serve + bonus[edge_row] + score[pairs][pair_of_edge])
    rows = np.concatenate([edge_row, np.arange(n)])
    columns = np.concatenate([edge_col, n_slots + np.arange(n)])
    costs = np.concatenate([edge_cost, np.full(n, ceiling)])
    graph = csr_array((costs, (rows, columns)), shape=(n, n_slots + n))
    matched_rows, matched_cols = min_weight_full_bipartite_matching(graph)
    real = matched_cols < n_slots
    matched_rows, matched_cols = matched_rows[real], matched_cols[real]
    slot_giver = np.repeat(np.arange(len(givers)), slots)
    # back to pair positions: the pair (seeker, giver of the slot)
    key = seeker_index.astype(np.int64) * len(givers) + giver_index
    order = np.argsort(key)
    wanted = matched_rows.astype(np.int64) * len(givers) + slot_giver[matched_cols]
    positions = order[np.searchsorted(key[order], wanted)]
    return np.sort(pairs[positions]).astype(np.intp), method


def _match_peers(
    s: IntpArray, g: IntpArray, score: FloatArray, waited: FloatArray
) -> tuple[IntpArray, str]:
    method = (
        "networkx.max_weight_matching(maxcardinality=True) on integer weights: most peers "
        "paired, then (priority) longest total wait, then highest total score"
    )
    if len(s) == 0:
        return np.empty(0, dtype=np.intp), method
    try:
        import networkx as nx
    except ImportError:
        raise MissingExtraError(
            "assign(purpose='peer') needs networkx: pip install 'wor_match[people]'"
        ) from None
    # integer weights: scores in thousandths; a waiting day outweighs any score sum
    score_units = np.rint(score * 1000).astype(np.int64)
    room = int(score_units.sum()) + 1
    weight = score_units + (waited[s] + waited[g]).astype(np.int64) * room
    graph = nx.Graph()
    for position, (a, b, w) in enumerate(zip(s.tolist(), g.tolist(), weight.tolist(), strict=True)):
        graph.add_edge(a, b, weight=w, position=position)
    matching = nx.max_weight_matching(graph, maxcardinality=True, weight="weight")
    chosen = sorted(graph.edges[a, b]["position"] for a, b in matching)
    return np.asarray(chosen, dtype=np.intp), method


def _plan(
    people: People,
    graph: CandidateGraph,
    chosen: IntpArray,
    purpose: Purpose,
    method: str,
    language: Language,
    max_per_giver: int | None,
) -> Plan:
    cols = people.columns
    rules, scores = graph.scores.rules, graph.scores
    records: list[dict[str, Any]] = []
    served: set[int] = set()
    assigned: dict[int, int] = {}
    for position in chosen.tolist():
        s, g = int(graph.seeker_row[position]), int(graph.giver_row[position])
        km = float(graph.distance_km[position])
        explanation = ReciprocalExplanation(
            forward=explain_direction(
                cols, s, cols, g, {f: float(v[position]) for f, v in scores.forward.items()},
                km, language,
            ),
            backward=explain_direction(
                cols, g, cols, s, {f: float(v[position]) for f, v in scores.backward.items()},
                km, language,
            ),
        )  # fmt: skip
        records.append(
            {
                "seeker_id": str(cols.ids[s]),
                "giver_id": str(cols.ids[g]),
                "score": float(scores.score[position]),
                "distance_km": km,
                "reasons": " | ".join(explanation.reasons),
            }
        )
        served.update((s, g) if purpose == "peer" else (s,))
        assigned[g] = assigned.get(g, 0) + 1
    pairs = pd.DataFrame(
        records, columns=["seeker_id", "giver_id", "score", "distance_km", "reasons"]
    )
    if len(pairs):
        pairs = pairs.sort_values(["seeker_id", "giver_id"], kind="stable").reset_index(drop=True)
    # why each seeker left out is left out
    feasible_seekers = set(graph.seeker_row[scores.feasible].tolist())
    if purpose == "peer":
        feasible_seekers |= set(graph.giver_row[scores.feasible].tolist())
    codes_of: dict[int, set[str]] = {}
    for code in REASON_CODES:
        broken = rules[code]
        for row in graph.seeker_row[broken].tolist():
            codes_of.setdefault(row, set()).add(code)
        if purpose == "peer":
            for row in graph.giver_row[broken].tolist():
                codes_of.setdefault(row, set()).add(code)
    unmatched: dict[str, tuple[str, ...]] = {}
    for row in graph.seekers.tolist():
        if row in served:
            continue
        if row in feasible_seekers:
            codes: tuple[str, ...] = ("no_room",)
        elif not cols.consent[row]:
            codes = ("no_consent",)
        elif row in codes_of:
            found = codes_of[row] - {"same_person"}
            codes = tuple(code for code in REASON_CODES if code in found) or ("too_far",)
        else:
            codes = ("too_far",)
        unmatched[str(cols.ids[row])] = codes
    load: dict[str, tuple[int, int]] = {}
    if purpose != "peer":
        for row in graph.givers[cols.consent[graph.givers]].tolist():
            capacity = int(cols.capacity[row])
            if max_per_giver is not None:
                capacity = min(capacity, max_per_giver)
            load[str(cols.ids[row])] = (assigned.get(row, 0), capacity)
    return Plan(pairs, unmatched, load, purpose, method, language)
