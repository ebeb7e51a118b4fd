"""Save and load rankers as plain JSON (never pickle).

A file holds the ranker's name, its parameters, its learned state (weights, coefficients,
tree dumps), the feature names it was fitted on and the library versions::

    {"format": "wor_match.ranker", "format_version": 1, "ranker": "logistic",
     "params": {...}, "state": {...}, "features": [...], "versions": {...}}

A file is checked on load, as untrusted input: the format and its version, the ranker name,
the feature names, every number finite, every tree acyclic with its features and children in
range. Anything else is an :class:`~wor_match.InvalidRankerFileError` that names the key.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from os import PathLike
from pathlib import Path
from typing import Any

import numpy as np

from wor_match._errors import InvalidRankerFileError, WorMatchError
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


def _bad(key: str, rule: str) -> InvalidRankerFileError:
    return InvalidRankerFileError(f"Invalid ranker file: {key}: {rule}", field=key)


def _finite(value: Any, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _bad(key, "must be a number")
    number = float(value)
    if not math.isfinite(number):
        raise _bad(key, "must be a finite number (not NaN or infinity)")
    return number


def _finite_list(value: Any, key: str, length: int | None = None) -> np.ndarray:
    if not isinstance(value, list):
        raise _bad(key, "must be a list of numbers")
    if length is not None and len(value) != length:
        raise _bad(key, f"must hold {length} numbers, one per feature; got {len(value)}")
    return np.array([_finite(item, f"{key}.{i}") for i, item in enumerate(value)])


def _weights(value: Any, key: str, *, complete: bool) -> dict[str, float]:
    if not isinstance(value, Mapping):
        raise _bad(key, "must be an object of feature name to weight")
    unknown = sorted(str(name) for name in value if name not in FEATURE_NAMES)
    if unknown:
        raise _bad(key, f"unknown features {unknown}; known: {list(FEATURE_NAMES)}")
    if complete and set(value) != set(FEATURE_NAMES):
        missing = [name for name in FEATURE_NAMES if name not in value]
        raise _bad(key, f"lacks the features {missing}")
    return {name: _finite(weight, f"{key}.{name}") for name, weight in value.items()}


_TREE_TYPES: dict[str, Any] = {"feature": np.int64, "threshold": np.float64,
                               "missing_left": bool, "left": np.int64, "right": np.int64,
                               "is_leaf": bool, "value": np.float64}  # fmt: skip


def _of_kind(item: Any, kind: Any) -> bool:
    if kind is bool:
        return isinstance(item, bool)
    if isinstance(item, bool):
        return False
    return isinstance(item, int) if kind is np.int64 else isinstance(item, int | float)


def _check_tree(tree: Any, key: str, n_features: int) -> dict[str, np.ndarray]:
    """One tree: equal-length node arrays, features and children in range, every node
    reached exactly once from the root (so evaluation ends), numbers finite."""
    if not isinstance(tree, Mapping) or set(tree) != set(TreeEnsemble.FIELDS):
        raise _bad(key, f"a tree is an object with the keys {list(TreeEnsemble.FIELDS)}")
    arrays: dict[str, np.ndarray] = {}
    for name in TreeEnsemble.FIELDS:
        column = tree[name]
        if not isinstance(column, list) or not column:
            raise _bad(f"{key}.{name}", "must be a non-empty list")
        kind = _TREE_TYPES[name]
        if not all(_of_kind(item, kind) for item in column):
            rule = {bool: "true or false", np.int64: "integers"}.get(kind, "numbers")
            raise _bad(f"{key}.{name}", f"must hold {rule}")
        arrays[name] = np.asarray(column, dtype=kind)
    sizes = {len(column) for column in arrays.values()}
    if len(sizes) != 1:
        raise _bad(key, "its node lists must all have the same length")
    size = sizes.pop()
    split = ~arrays["is_leaf"]
    if not np.isfinite(arrays["value"][~split]).all():
        raise _bad(f"{key}.value", "leaf values must be finite numbers")
    if np.isnan(arrays["threshold"][split]).any():
        raise _bad(f"{key}.threshold", "split thresholds must be numbers (not NaN)")
    features = arrays["feature"][split]
    if ((features < 0) | (features >= n_features)).any():
        raise _bad(f"{key}.feature", f"split features must be in the range [0, {n_features})")
    for side in ("left", "right"):
        children = arrays[side][split]
        if ((children < 0) | (children >= size)).any():
            raise _bad(f"{key}.{side}", f"children must be node numbers in the range [0, {size})")
    seen = np.zeros(size, dtype=bool)
    stack = [0]
    while stack:
        node = stack.pop()
        if seen[node]:
            raise _bad(key, "a node is reached twice: the tree has a loop or shared nodes")
        seen[node] = True
        if split[node]:
            stack += [int(arrays["left"][node]), int(arrays["right"][node])]
    return arrays


def _ensemble(value: Any, key: str) -> TreeEnsemble:
    if not isinstance(value, Mapping) or not isinstance(value.get("trees"), list):
        raise _bad(key, "must be an object with baseline and a list of trees")
    baseline = _finite(value.get("baseline"), f"{key}.baseline")
    trees = [
        _check_tree(tree, f"{key}.trees.{i}", len(FEATURE_NAMES))
        for i, tree in enumerate(value["trees"])
    ]
    return TreeEnsemble(baseline, trees)


def ranker_from_dict(data: Any) -> Ranker:
    """Rebuild a ranker from :func:`ranker_to_dict` output, checking every part of it.

    Raises
    ------
    InvalidRankerFileError
        If the data is not a ranker file this version reads, or a number in it is not
        finite, or a tree is malformed (the message names the key).
    """
    if not isinstance(data, Mapping) or data.get("format") != FORMAT:
        raise _bad("format", f"not a wor_match ranker file: 'format' must be {FORMAT!r}")
    version = data.get("format_version")
    if version != FORMAT_VERSION or isinstance(version, bool):
        raise _bad(
            "format_version",
            f"this wor_match reads version {FORMAT_VERSION}; save the ranker again with it",
        )
    if data.get("features") != list(FEATURE_NAMES):
        raise _bad(
            "features",
            "the ranker was saved with other features than this version of wor_match "
            f"computes (expected {list(FEATURE_NAMES)}); refit it",
        )
    name, params, state = data.get("ranker"), data.get("params", {}), data.get("state", {})
    if not isinstance(name, str):
        raise _bad("ranker", "must be the name of a ranker such as 'logistic'")
    if not isinstance(params, Mapping) or not isinstance(state, Mapping):
        raise _bad("params" if not isinstance(params, Mapping) else "state", "must be an object")
    if name == "weighted" and params.get("weights") is not None:
        params = {
            **params,
            "weights": _weights(params["weights"], "params.weights", complete=False),
        }
    try:
        ranker = get_ranker(name, **params)
    except WorMatchError:
        raise
    except TypeError:
        raise _bad("params", f"not the parameters of the {name!r} ranker") from None
    if hasattr(ranker, "state_from_json"):  # a ranker that reads its own state (outcome)
        if state:
            ranker.state_from_json(state)
        return ranker
    n = len(FEATURE_NAMES)
    if isinstance(ranker, LogisticRanker) and state:
        ranker.coef_ = _finite_list(state.get("coef"), "state.coef", n)
        ranker.intercept_ = _finite(state.get("intercept"), "state.intercept")
    elif isinstance(ranker, BoostedRanker) and state:
        ranker.ensemble_ = _ensemble(state.get("ensemble"), "state.ensemble")
        ranker.reference_ = _finite_list(state.get("reference"), "state.reference", n)
    elif isinstance(ranker, WeightedRanker) and state:
        ranker.weights_ = _weights(state.get("weights"), "state.weights", complete=True)
    if isinstance(ranker, LogisticRanker | BoostedRanker) and state:
        classes = state.get("classes")
        if not isinstance(classes, list) or len(classes) != 2:
            raise _bad("state.classes", "must list the two outcome classes")
        if state.get("n_features_in") != n:
            raise _bad("state.n_features_in", f"must be {n}, the number of features")
        ranker.classes_ = np.asarray(classes)
        ranker.n_features_in_ = n
    return ranker


def save_ranker(ranker: Ranker, path: str | PathLike[str]) -> Path:
    """Write a ranker to a JSON file."""
    path = Path(path)
    path.write_text(json.dumps(ranker_to_dict(ranker), indent=1), encoding="utf-8")
    return path


def load_ranker(path: str | PathLike[str]) -> Ranker:
    """Read a ranker written by :func:`save_ranker` (checked: see :func:`ranker_from_dict`).

    Raises
    ------
    InvalidRankerFileError
        If the file cannot be read, is not JSON, or is not a valid ranker file.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        raise InvalidRankerFileError(
            f"cannot read the ranker file {path} (a UTF-8 JSON file from save_ranker)",
            field="ranker",
        ) from None
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        raise InvalidRankerFileError(
            f"the ranker file {path} is not valid JSON", field="ranker"
        ) from None
    return ranker_from_dict(data)
