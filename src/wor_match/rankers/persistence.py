"""Save and load rankers as plain JSON (never pickle).

A file holds the ranker's name, its parameters, its learned state (weights, coefficients,
tree dumps), the feature names it was fitted on and the library versions::

    {"format": "wor_match.ranker", "format_version": 1, "ranker": "logistic",
     "params": {...}, "state": {...}, "features": [...], "versions": {...}}
"""

from __future__ import annotations

import json
from os import PathLike
from pathlib import Path
from typing import Any

import numpy as np

from wor_match.features import FEATURE_NAMES
from wor_match.rankers._base import Ranker
from wor_match.rankers._registry import get_ranker
from wor_match.rankers.learned import BoostedRanker, LogisticRanker, TreeEnsemble
from wor_match.rankers.weighted import WeightedRanker

__all__ = ["load_ranker", "ranker_from_dict", "ranker_to_dict", "save_ranker"]

FORMAT = "wor_match.ranker"
FORMAT_VERSION = 1


def _versions() -> dict[str, str]:
    from importlib.metadata import version

    return {name: version(name) for name in ("wor_match", "numpy", "scikit-learn")}


def _state(ranker: Ranker) -> dict[str, Any]:
    if hasattr(ranker, "state_to_json"):  # rankers that save their own state (outcome)
        return dict(ranker.state_to_json())
    if isinstance(ranker, LogisticRanker | BoostedRanker) and hasattr(ranker, "classes_"):
        common = {"classes": ranker.classes_.tolist(), "n_features_in": ranker.n_features_in_}
        if isinstance(ranker, LogisticRanker):
            return {"coef": ranker.coef_.tolist(), "intercept": ranker.intercept_, **common}
        return {
            "ensemble": ranker.ensemble_.to_json(),
            "reference": ranker.reference_.tolist(),
            **common,
        }
    if isinstance(ranker, WeightedRanker) and hasattr(ranker, "weights_"):
        return {"weights": ranker.weights_}
    return {}


def ranker_to_dict(ranker: Ranker) -> dict[str, Any]:
    """The JSON-ready form of a ranker (fitted or not)."""
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "ranker": ranker.name,
        "params": ranker.get_params(),
        "state": _state(ranker),
        "features": list(FEATURE_NAMES),
        "versions": _versions(),
    }


def ranker_from_dict(data: dict[str, Any]) -> Ranker:
    """Rebuild a ranker from :func:`ranker_to_dict` output."""
    if data.get("format") != FORMAT:
        raise ValueError(f"not a wor_match ranker file: 'format' must be {FORMAT!r}")
    if data.get("features") != list(FEATURE_NAMES):
        raise ValueError(
            "the ranker was saved with other features than this version of wor_match "
            f"computes ({data.get('features')} vs {list(FEATURE_NAMES)}); refit it"
        )
    ranker = get_ranker(data["ranker"], **data.get("params", {}))
    state = data.get("state", {})
    if hasattr(ranker, "state_from_json"):
        if state:
            ranker.state_from_json(state)
        return ranker
    if isinstance(ranker, LogisticRanker) and state:
        ranker.coef_ = np.asarray(state["coef"], dtype=np.float64)
        ranker.intercept_ = float(state["intercept"])
    elif isinstance(ranker, BoostedRanker) and state:
        ranker.ensemble_ = TreeEnsemble.from_json(state["ensemble"])
        ranker.reference_ = np.asarray(state["reference"], dtype=np.float64)
    elif isinstance(ranker, WeightedRanker) and state:
        ranker.weights_ = dict(state["weights"])
    if "classes" in state and isinstance(ranker, LogisticRanker | BoostedRanker):
        ranker.classes_ = np.asarray(state["classes"])
        ranker.n_features_in_ = int(state["n_features_in"])
    return ranker


def save_ranker(ranker: Ranker, path: str | PathLike[str]) -> Path:
    """Write a ranker to a JSON file."""
    path = Path(path)
    path.write_text(json.dumps(ranker_to_dict(ranker), indent=1), encoding="utf-8")
    return path


def load_ranker(path: str | PathLike[str]) -> Ranker:
    """Read a ranker written by :func:`save_ranker`."""
    return ranker_from_dict(json.loads(Path(path).read_text(encoding="utf-8")))
