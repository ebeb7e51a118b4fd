"""Two-sided evaluation on a synthetic pool with a ground truth.

Methods, each ranking the same feasible candidates (the hard rules apply to all):

- ``reciprocal``: the harmonic mean of both sides (what :func:`match_people` ranks by);
- ``one_sided``: the asking person's side only;
- ``nearest``: the nearest first;
- ``random``: a random order (seeded).

Measures over ``queries`` people who seek peers (``k`` the list length):

- ``precision_at_k``: reciprocal precision, the share of the listed who would click
  (both accept: :meth:`SyntheticPeople.would_click`);
- ``recall_at_k``: reciprocal recall, the share of each person's clicking candidates found
  in their top k (people with none are left out);
- ``matched_share``: the share of asking people with at least one click in their top k.

And for a global plan (:func:`assign` with ``purpose`` buddy or meals, each method's
ordering used as the pair weight): ``plan_served_share`` (seekers served), ``plan_click_share``
(pairs that would click) and ``plan_load_gini`` (the Gini coefficient of the load over
givers with room: 0 is an even load). Every method serves the same number, because the
plan serves the most seekers first; the methods differ in which pairs they make.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from wor_match.people.assign import MAX_SCORE, _match_with_capacity, candidate_graph
from wor_match.people.match import candidates
from wor_match.people.person import PURPOSES, Purpose
from wor_match.people.pool import People
from wor_match.people.scoring import direction_score
from wor_match.people.synthetic import SyntheticPeople

__all__ = ["METHODS", "evaluate_people", "gini"]

METHODS = ("reciprocal", "one_sided", "nearest", "random")


def gini(values: npt.ArrayLike) -> float:
    """Gini coefficient of non-negative values (0 equal, towards 1 concentrated).

    Examples
    --------
    >>> gini([1, 1, 1, 1]), gini([0, 0, 0, 4])
    (0.0, 0.75)
    """
    x = np.sort(np.asarray(values, dtype=np.float64))
    n = len(x)
    if n == 0 or x.sum() == 0:
        return 0.0
    ranks = np.arange(1, n + 1)
    return float((2 * ranks - n - 1).dot(x) / (n * x.sum()))


def _weights(
    method: str,
    score: npt.NDArray[np.float64],
    forward: npt.NDArray[np.float64],
    distance: npt.NDArray[np.float64],
    rng: np.random.Generator,
) -> npt.NDArray[np.float64]:
    """Higher is better; within [1, MAX_SCORE] so a plan can use it as its score."""
    if method == "reciprocal":
        return score
    if method == "one_sided":
        return forward
    if method == "nearest":
        far = float(distance.max(initial=0.0)) or 1.0
        return 1.0 + (MAX_SCORE - 1.0) * (1.0 - distance / far)
    return rng.uniform(1.0, MAX_SCORE, len(score))


def evaluate_people(
    truth: SyntheticPeople,
    people: People,
    *,
    k: int = 10,
    queries: int = 300,
    plan_purpose: Purpose = "buddy",
    seed: int = 0,
) -> pd.DataFrame:
    """One row per method with the measures of the module docstring."""
    rng = np.random.default_rng(seed)
    cols = people.columns
    row_of_truth = {pid: i for i, pid in enumerate(truth.ids.tolist())}
    truth_row = np.array([row_of_truth[pid] for pid in cols.ids.tolist()], dtype=np.intp)
    bit = 1 << PURPOSES.index("peer")
    askers = np.flatnonzero(((cols.seeks & bit) != 0) & cols.consent)
    askers = rng.permutation(askers)[:queries]
    found = {m: [] for m in METHODS}  # type: dict[str, list[tuple[int, int, int]]]
    for q in askers.tolist():
        _, rows, distance, scored = candidates(people, cols, q, "peer")
        keep = np.flatnonzero(scored.feasible)
        rows, distance = rows[keep], distance[keep]
        score = scored.score[keep]
        forward = direction_score({f: v[keep] for f, v in scored.forward.items()})
        clicks = truth.would_click(np.full(len(rows), truth_row[q]), truth_row[rows])
        for method in METHODS:
            weight = _weights(method, score, forward, distance, rng)
            order = np.lexsort((people.id_rank[rows], distance, -weight))[:k]
            found[method].append((int(clicks[order].sum()), len(order), int(clicks.sum())))
    plan = _plans(truth, people, truth_row, plan_purpose, rng)
    rows_out = []
    for method in METHODS:
        hits = np.array(found[method], dtype=np.float64).reshape(-1, 3)
        listed = hits[:, 1].sum()
        with_clicks = hits[:, 2] > 0
        rows_out.append({
            "method": method,
            "queries": len(hits),
            "precision_at_k": float(hits[:, 0].sum() / listed) if listed else 0.0,
            "recall_at_k": float(np.mean(hits[with_clicks, 0] / hits[with_clicks, 2]))
            if with_clicks.any() else 0.0,
            "matched_share": float(np.mean(hits[:, 0] > 0)) if len(hits) else 0.0,
            **plan[method],
        })  # fmt: skip
    return pd.DataFrame(rows_out)


def _plans(
    truth: SyntheticPeople,
    people: People,
    truth_row: npt.NDArray[np.intp],
    purpose: Purpose,
    rng: np.random.Generator,
) -> dict[str, dict[str, float]]:
    cols = people.columns
    graph = candidate_graph(people, purpose)
    feasible = np.flatnonzero(graph.scores.feasible)
    s, g = graph.seeker_row[feasible], graph.giver_row[feasible]
    score = graph.scores.score[feasible]
    forward = direction_score({f: v[feasible] for f, v in graph.scores.forward.items()})
    distance = graph.distance_km[feasible]
    bit = 1 << PURPOSES.index(purpose)
    seekers = np.flatnonzero(((cols.seeks & bit) != 0) & cols.consent)
    givers = np.flatnonzero(((cols.offers & bit) != 0) & cols.consent & (cols.capacity > 0))
    out = {}
    for method in METHODS:
        weight = _weights(method, score, forward, distance, rng)
        chosen, _ = _match_with_capacity(s, g, weight, np.zeros(len(cols)), cols.capacity)
        pairs_s, pairs_g = s[chosen], g[chosen]
        load = np.zeros(len(cols), dtype=np.int64)
        np.add.at(load, pairs_g, 1)
        clicks = truth.would_click(truth_row[pairs_s], truth_row[pairs_g])
        out[method] = {
            "plan_served_share": len(chosen) / len(seekers) if len(seekers) else 0.0,
            "plan_click_share": float(clicks.mean()) if len(chosen) else 0.0,
            "plan_load_gini": gini(load[givers]),
        }
    return out
