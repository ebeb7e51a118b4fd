"""Reciprocal scores: one score per direction, combined by the harmonic mean.

A direction is one person's view of the other ("how well does B fit A?"). It reuses the
signals of activity matching: the taxonomy themes of interests and energy sources
(:mod:`wor_match.taxonomy`), weekly slots (:mod:`wor_match.models._slots` masks) and travel
(:mod:`wor_match.geo.travel`). Each value lies in [0, 1]:

===========  ==========  =============================================================
feature      weight      value (A's view of B)
===========  ==========  =============================================================
interest     3.0         share of A's themes that B shares (0 when A names none)
schedule     1.0         share of A's weekly slots that B shares (0 when either gives
                         none: any time is possible but nothing is known to fit)
closeness    1.0         1 - distance / reach: for peers the viewer's own travel radius
                         (the other's when the viewer is housebound), for buddy and
                         meals the giver's (:func:`~wor_match.people.rules.peer_reach_km`)
===========  ==========  =============================================================

A direction's score is ``BASELINE + sum(weight x value)``, in [1, 6], and its
:class:`~wor_match.Explanation` says exactly that (baseline + points = score).

The pair's score is the harmonic mean of the two directions, ``2 a b / (a + b)``
(Pizzato et al., RECON, RecSys 2010; Xia et al., 2015): it lies between the two, nearer
the lower, so one-sided enthusiasm does not make a match. For peers it is symmetric by
construction. Loneliness, Positive Health and situation enter no score and no reason:
explaining a match must not reveal the other person's health. Diets are a hard rule only
and named in no reason (diabetic, low_salt and soft are health data; halal and kosher
reveal a religion).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from wor_match._vocab import Language
from wor_match.features.schedule import slot_names
from wor_match.people._columns import PeopleColumns
from wor_match.results import Contribution, Explanation

__all__ = [
    "BASELINE",
    "COMBINATION",
    "FEATURES",
    "WEIGHTS",
    "ReciprocalExplanation",
    "direction_values",
    "explain_direction",
    "harmonic_mean",
]

FloatArray = npt.NDArray[np.float64]
IntpArray = npt.NDArray[np.intp]

FEATURES: tuple[str, ...] = ("interest", "schedule", "closeness")
WEIGHTS: dict[str, float] = {"interest": 3.0, "schedule": 1.0, "closeness": 1.0}
#: Points every feasible pair starts with: keeps both directions positive, so the harmonic
#: mean is defined and a pair with nothing in common still ranks by its features.
BASELINE = 1.0
COMBINATION = "harmonic mean of the two directions: 2ab / (a + b)"
#: Below this distance a reason says "less than 0.1 km" (homes given as postcodes share
#: the PC4 centroid, so 0.0 km would claim a precision the data lacks).
NEAR_KM = 0.1
#: Shared themes named in one reason.
MAX_THEMES = 2


def _popcount(bits: npt.NDArray[np.uint64]) -> FloatArray:
    counts = np.bitwise_count(bits)
    return np.asarray(counts.sum(axis=-1) if counts.ndim > 1 else counts, dtype=np.float64)


def direction_values(
    viewer: PeopleColumns,
    v: IntpArray,
    other: PeopleColumns,
    o: IntpArray,
    distance_km: FloatArray,
    reach: FloatArray,
) -> dict[str, FloatArray]:
    """Feature values of the viewer's side for each pair (rows ``v[i]``, ``o[i]``)."""
    mine = _popcount(viewer.likes[v])
    shared = _popcount(viewer.likes[v] & other.likes[o])
    interest = np.divide(shared, mine, out=np.zeros_like(mine), where=mine > 0)
    a = viewer.availability[v].astype(np.uint64)
    b = other.availability[o].astype(np.uint64)
    slots = np.bitwise_count(a).astype(np.float64)
    common = np.bitwise_count(a & b).astype(np.float64)
    schedule = np.where(
        (a != 0) & (b != 0),
        np.divide(common, slots, out=np.zeros_like(slots), where=slots > 0),
        0.0,
    )
    closeness = np.where(
        reach > 0,
        np.clip(
            1.0 - np.divide(distance_km, reach, out=np.zeros_like(reach), where=reach > 0), 0, 1
        ),
        1.0,
    )
    return {"interest": interest, "schedule": schedule, "closeness": closeness}


def direction_score(values: dict[str, FloatArray]) -> FloatArray:
    """``BASELINE + sum(weight x value)`` per pair, summed in the order of :data:`FEATURES`
    (the order the explanation adds them in, so the two agree to the last bit)."""
    total = np.full(len(values[FEATURES[0]]), BASELINE, dtype=np.float64)
    for feature in FEATURES:
        total = total + WEIGHTS[feature] * values[feature]
    return total


def harmonic_mean(a: FloatArray, b: FloatArray) -> FloatArray:
    """``2ab / (a + b)`` elementwise (both are at least :data:`BASELINE`, so never 0/0)."""
    return np.asarray(2.0 * a * b / (a + b), dtype=np.float64)


def _theme_labels(
    bits: npt.NDArray[np.uint64], viewer: PeopleColumns, language: Language
) -> list[str]:
    themes = viewer.taxonomy.themes
    labels = []
    for block, word in enumerate(bits.tolist()):
        while word:
            low = word & -word
            index = block * 64 + low.bit_length() - 1
            if index < len(themes):
                labels.append(themes[index].label(language))
            word ^= low
    return labels


def _distance_text(distance_km: float, language: Language) -> str:
    if language == "nl":
        return f"{distance_km:.1f}".replace(".", ",")
    return f"{distance_km:.1f}"


def explain_direction(
    viewer: PeopleColumns,
    v: int,
    other: PeopleColumns,
    o: int,
    values: dict[str, float],
    distance_km: float,
    language: Language,
) -> Explanation:
    """The exact explanation of one direction: baseline + points = that side's score.

    Reasons name only what the two share (themes, weekly slots, languages) and the
    distance: nothing about either person's health, loneliness or situation.
    """
    contributions = []
    for feature in FEATURES:
        value = values[feature]
        points = WEIGHTS[feature] * value
        reason = ""
        if points > 0 and feature == "interest":
            labels = _theme_labels(viewer.likes[v] & other.likes[o], viewer, language)
            shown = ", ".join(labels[:MAX_THEMES])
            reason = (
                f"Delen de interesse: {shown}"
                if language == "nl"
                else f"Share an interest: {shown}"
            )
        elif points > 0 and feature == "schedule":
            shared = slot_names(int(viewer.availability[v] & other.availability[o]), language)
            shown = ", ".join(shared[:3])
            reason = f"Kunnen allebei op: {shown}" if language == "nl" else f"Both free on: {shown}"
        elif points > 0 and feature == "closeness":
            km = _distance_text(max(distance_km, NEAR_KM), language)
            less = "minder dan " if distance_km < NEAR_KM else ""
            if language == "nl":
                reason = f"Wonen {less}{km} km van elkaar (hemelsbreed)"
            else:
                reason = f"Live {'less than ' if less else ''}{km} km apart (as the crow flies)"
        contributions.append(Contribution(feature, float(points), float(value), reason))
    return Explanation(
        baseline=BASELINE,
        contributions=tuple(contributions),
        method="exact: baseline + weighted sum of this side's feature values",
    )


@dataclass(frozen=True, slots=True)
class ReciprocalExplanation:
    """Both sides of a match and how they combine.

    ``forward`` is the asking person's side (how well the other fits them), ``backward``
    the other person's side; each is exact (``baseline + points == that side's score``).
    ``score`` is their harmonic mean (:data:`COMBINATION`).
    """

    forward: Explanation
    backward: Explanation
    combination: str = COMBINATION

    @property
    def score(self) -> float:
        a, b = self.forward.total, self.backward.total
        return 2.0 * a * b / (a + b)

    @property
    def reasons(self) -> list[str]:
        """The reasons of both sides, strongest first, each once."""
        points: dict[str, float] = {}
        for side in (self.forward, self.backward):
            for c in side.contributions:
                if c.reason and c.points > 0:
                    points[c.reason] = points.get(c.reason, 0.0) + c.points
        return sorted(points, key=lambda reason: -points[reason])
