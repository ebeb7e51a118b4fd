"""The ranker base: shared work (filtering, top-k, ties, building results) in one place.

A ranker implements one method, :meth:`Ranker.explain_scores`, returning a baseline and
per-feature points for every feasible row; the score is their sum. Everything else, from
candidate selection to the result objects, is done here, the same way for every ranker.

Tie rule: higher score first, then shorter distance (at-home and online offers count as 0
km), then activity_id in ascending order. Results therefore do not depend on the order of
the catalogue's rows.
"""

from __future__ import annotations

import datetime as dt
import inspect
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import numpy.typing as npt
import pandas as pd

from wor_match._checks import check_k
from wor_match._vocab import Language
from wor_match.catalogue import Catalogue
from wor_match.context import MatchContext
from wor_match.features import Feature, FeatureMatrix, feature_matrix
from wor_match.filters import Exclusions, feasible
from wor_match.models.activity import Activity
from wor_match.models.profile import ClientProfile
from wor_match.results import (
    Contribution,
    Explanation,
    Ranking,
    Recommendation,
    Recommendations,
)

__all__ = ["Ranker", "ScoredRequest", "Scores", "sum_columns"]

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Scores:
    """A ranker's decomposed scores for the feasible rows.

    ``points[i, j]`` is what ``names[j]`` adds to row i's score; ``values[i, j]`` the input
    it was computed from; ``features[j]`` (or None) writes the reason sentence.
    """

    baseline: float
    names: tuple[str, ...]
    values: FloatArray
    points: FloatArray
    features: tuple[Feature | None, ...]

    @property
    def total(self) -> FloatArray:
        """baseline + the points of every feature, added in feature order."""
        return sum_columns(self.baseline, self.points)


@dataclass(frozen=True, eq=False)
class ScoredRequest:
    """What :meth:`Ranker.score_request` computed for one client."""

    #: every candidate pair of the request (``Exclusions`` reads the filtered ones)
    context: MatchContext
    #: the pairs that pass the hard filters, in catalogue row order
    feasible: MatchContext
    #: the features of the feasible pairs
    features: FeatureMatrix
    #: the score of every feasible pair
    totals: FloatArray
    #: the feasible pairs in rank order (the tie rule of the module docs)
    ranking: Ranking


def sum_columns(start: float, matrix: FloatArray) -> FloatArray:
    """``start + matrix[:, 0] + matrix[:, 1] + ...``, always in this order, so a score is
    the same to the last bit however many rows are scored together (a batch and a single
    request rank ties alike)."""
    total = np.full(matrix.shape[0], start, dtype=np.float64)
    for j in range(matrix.shape[1]):
        total += matrix[:, j]
    return total


class Ranker(ABC):
    """Base class of rankers. Subclasses set :attr:`name` and implement
    :meth:`explain_scores`. Rankers follow scikit-learn conventions: ``__init__`` only
    stores its parameters, learned state ends in ``_``, and ``get_params``,
    ``set_params`` and ``sklearn.base.clone`` work (without importing scikit-learn here,
    which keeps ``import wor_match`` fast)."""

    name: ClassVar[str] = ""
    #: True when points are an approximation of the model's score decomposition
    approximate: ClassVar[bool] = False
    method: ClassVar[str] = "exact: sum of per-feature points"
    #: True when the ranker must be fitted before it can rank (learned rankers)
    needs_fit: ClassVar[bool] = False

    @abstractmethod
    def explain_scores(self, features: FeatureMatrix, ctx: MatchContext) -> Scores:
        """Baseline and per-feature points for every row of ``ctx`` (feasible rows only)."""

    @classmethod
    def _param_names(cls) -> list[str]:
        if cls.__init__ is object.__init__:
            return []
        signature = inspect.signature(cls.__init__)
        return sorted(
            name
            for name, parameter in signature.parameters.items()
            if name != "self"
            and parameter.kind not in (parameter.VAR_KEYWORD, parameter.VAR_POSITIONAL)
        )

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """Constructor parameters and their values (scikit-learn convention)."""
        return {name: getattr(self, name) for name in self._param_names()}

    def set_params(self, **params: Any) -> Ranker:
        """Set constructor parameters (scikit-learn convention); returns self."""
        valid = self._param_names()
        for name, value in params.items():
            if name not in valid:
                raise ValueError(
                    f"Invalid parameter {name!r} for {type(self).__name__}; valid: {valid}."
                )
            setattr(self, name, value)
        return self

    def __repr__(self) -> str:
        params = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items())
        return f"{type(self).__name__}({params})"

    def score_table(self, table: pd.DataFrame) -> FloatArray:
        """Scores for the rows of a pair table (:func:`~wor_match.features.pairs.pair_table`),
        equal to the scores :meth:`recommend` gives the same pairs. Used to evaluate a
        ranker on logged offers."""
        raise NotImplementedError(f"{type(self).__name__} does not score pair tables")

    def recommend(
        self,
        profile: ClientProfile,
        catalogue: Catalogue,
        *,
        k: int = 10,
        language: Language = "nl",
        today: dt.date | None = None,
    ) -> Recommendations:
        """Rank the catalogue for one validated profile; see :func:`wor_match.recommend`."""
        k = check_k(k)
        request = self.score_request(profile, catalogue, today=today)
        ok, features, total = request.feasible, request.features, request.totals
        top = request.ranking.top(k)
        # only the listed rows are explained (points per feature, reasons)
        best = ok.subset(top)
        scores = self.explain_scores(features.take(top), best)
        activities = catalogue.activities_at(best.rows)
        items = tuple(
            self._item(best, scores, total[top], position, activity, language)
            for position, activity in enumerate(activities)
        )
        return Recommendations(
            items=items,
            excluded=Exclusions(request.context),
            client_id=profile.client_id,
            ranker=self.name,
            language=language,
            ranking=request.ranking,
        )

    def score_request(
        self, profile: ClientProfile, catalogue: Catalogue, *, today: dt.date | None = None
    ) -> ScoredRequest:
        """The shared work of one request: candidates, filters, features, scores, ranking.

        Explain any of its rows with ``explain_scores(result.features.take(positions),
        result.feasible.subset(positions))``.
        """
        ctx = MatchContext.build(profile, catalogue, today=today)
        ok, features, total = self.score_context(ctx)
        ranking = Ranking(
            scores=total,
            distance=np.nan_to_num(ok.distance_km, nan=0.0),
            rows=ok.rows,
            ids=catalogue.ids,
            id_rank=catalogue.id_rank,
        )
        return ScoredRequest(ctx, ok, features, total, ranking)

    def score_totals(self, features: FeatureMatrix, ctx: MatchContext) -> FloatArray:
        """The score of every row, equal to ``explain_scores(...).total`` to the last bit.
        Rankers may compute it without the per-feature points (batches rank on it and
        explain only the rows they return)."""
        return self.explain_scores(features, ctx).total

    def score_context(self, ctx: MatchContext) -> tuple[MatchContext, FeatureMatrix, FloatArray]:
        """The shared work for a context of one client or many: hard filters, features and
        scores as one vectorised pass over every (client, activity) pair.

        Returns the feasible pairs (a context grouped by client, in client order), their
        features and their scores; per client these equal what :meth:`score_request`
        gives. Explain any subset with ``explain_scores(features.take(positions),
        feasible.subset(positions))``.
        """
        ok = feasible(ctx)
        features = feature_matrix(ok)
        return ok, features, self.score_totals(features, ok)

    def _item(
        self,
        ctx: MatchContext,
        scores: Scores,
        total: FloatArray,
        position: int,
        activity: Activity,
        language: Language,
    ) -> Recommendation:
        """The item at ``position`` of an explained shortlist (ranked ``position + 1``)."""
        points = scores.points[position].tolist()
        values = scores.values[position].tolist()
        contributions = tuple(
            Contribution(
                feature=name,
                points=point,
                value=value,
                reason=(
                    feature.reason(ctx, position, value, language)
                    if feature is not None and point != 0
                    else ""
                ),
            )
            for name, feature, point, value in zip(
                scores.names, scores.features, points, values, strict=True
            )
        )
        row = int(ctx.rows[position])
        distance = float(ctx.distance_km[position])
        minutes = float(ctx.travel_minutes[position])
        return Recommendation(
            activity_id=str(ctx.catalogue.ids[row]),
            rank=position + 1,
            score=float(total[position]),
            activity=activity,
            distance_km=None if np.isnan(distance) else distance,
            travel_minutes=None if np.isnan(minutes) else minutes,
            explanation=Explanation(
                baseline=scores.baseline,
                contributions=contributions,
                approximate=self.approximate,
                method=self.method,
            ),
        )
