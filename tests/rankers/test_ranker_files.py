"""Ranker files are untrusted input: checked on load, with errors that name the key."""

from __future__ import annotations

import copy
import json
import math
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import wor_match as wm
from tests.conftest import make_catalogue, north_of_home
from tests.rankers._fitted import fitted
from wor_match.cli import main
from wor_match.rankers import WeightedRanker, load_ranker, save_ranker
from wor_match.rankers.persistence import ranker_from_dict, ranker_to_dict

PROFILE = {"client_id": "c", "home": {"lat": 52.0, "lon": 4.0}, "interests": ["tuin"]}


@cache
def _saved(name: str) -> dict[str, Any]:
    return ranker_to_dict(fitted(name))


def saved(name: str) -> dict[str, Any]:
    return copy.deepcopy(_saved(name))


def _catalogue() -> wm.Catalogue:
    return make_catalogue(
        [
            {"activity_id": "a", "name": "Moestuin", **north_of_home(0.3)},
            {"activity_id": "b", "name": "Markt", **north_of_home(0.5)},
        ]
    )


def test_format_version_is_checked() -> None:
    data = saved("weighted")
    for version in (2, "1", None, True):
        data["format_version"] = version
        with pytest.raises(wm.InvalidRankerFileError, match="format_version: this wor_match reads"):
            ranker_from_dict(data)


def test_not_a_ranker_file() -> None:
    for data in ([], "x", {"format": "other"}):
        with pytest.raises(wm.InvalidRankerFileError, match="not a wor_match ranker file"):
            ranker_from_dict(data)


def test_weighted_nan_weight_is_refused() -> None:
    data = saved("weighted")
    data["params"]["weights"] = {"interest": math.nan}
    with pytest.raises(
        wm.InvalidRankerFileError, match=r"params\.weights\.interest: must be a finite number"
    ) as info:
        ranker_from_dict(data)
    assert info.value.code == "invalid_ranker_file"


def test_weighted_unknown_feature_is_refused() -> None:
    data = saved("weighted")
    data["params"]["weights"] = {"speed": 1.0}
    with pytest.raises(wm.InvalidRankerFileError, match=r"unknown features \['speed'\]"):
        ranker_from_dict(data)


def test_weighted_ranker_built_with_nan_weight_is_refused() -> None:
    with pytest.raises(wm.InvalidParameterError, match=r"finite numbers; not finite: \['cost'\]"):
        wm.recommend(PROFILE, _catalogue(), ranker=WeightedRanker(weights={"cost": math.inf}))


def test_logistic_infinite_intercept_is_refused() -> None:
    data = saved("logistic")
    data["state"]["intercept"] = math.inf
    with pytest.raises(wm.InvalidRankerFileError, match=r"state\.intercept: must be a finite"):
        ranker_from_dict(data)


def test_logistic_coefficients_checked() -> None:
    data = saved("logistic")
    data["state"]["coef"] = data["state"]["coef"][:3]
    with pytest.raises(wm.InvalidRankerFileError, match=r"state\.coef: must hold 13 numbers"):
        ranker_from_dict(data)
    data = saved("logistic")
    data["state"]["coef"][4] = "1.0"
    with pytest.raises(wm.InvalidRankerFileError, match=r"state\.coef\.4: must be a number"):
        ranker_from_dict(data)


def _tree(data: dict[str, Any]) -> dict[str, Any]:
    tree: dict[str, Any] = data["state"]["ensemble"]["trees"][0]
    return tree


def test_tree_whose_root_points_to_itself_is_refused() -> None:
    data = saved("boosted")
    tree = _tree(data)
    assert not tree["is_leaf"][0]
    tree["left"][0] = 0
    with pytest.raises(wm.InvalidRankerFileError, match="reached twice: the tree has a loop"):
        ranker_from_dict(data)


def test_tree_child_out_of_range_is_refused() -> None:
    data = saved("boosted")
    tree = _tree(data)
    tree["right"][0] = len(tree["right"]) + 5
    with pytest.raises(wm.InvalidRankerFileError, match=r"trees\.0\.right: children must be"):
        ranker_from_dict(data)


def test_tree_feature_out_of_range_is_refused() -> None:
    data = saved("boosted")
    _tree(data)["feature"][0] = 99
    with pytest.raises(wm.InvalidRankerFileError, match=r"split features must be in the range"):
        ranker_from_dict(data)


def test_tree_leaf_value_nan_and_ragged_lists_are_refused() -> None:
    data = saved("boosted")
    tree = _tree(data)
    leaf = tree["is_leaf"].index(True)
    tree["value"][leaf] = math.nan
    with pytest.raises(wm.InvalidRankerFileError, match="leaf values must be finite"):
        ranker_from_dict(data)
    data = saved("boosted")
    _tree(data)["value"].append(0.0)
    with pytest.raises(wm.InvalidRankerFileError, match="node lists must all have the same"):
        ranker_from_dict(data)


def test_valid_files_still_load_and_rank_alike(tmp_path: Path) -> None:
    for name in ("weighted", "logistic", "boosted"):
        ranker = fitted(name)
        loaded = load_ranker(save_ranker(ranker, tmp_path / f"{name}.json"))
        before = wm.recommend(PROFILE, _catalogue(), ranker=ranker).to_records()
        assert wm.recommend(PROFILE, _catalogue(), ranker=loaded).to_records() == before


def test_unreadable_and_non_json_files(tmp_path: Path) -> None:
    with pytest.raises(wm.InvalidRankerFileError, match="cannot read the ranker file"):
        load_ranker(tmp_path / "missing.json")
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(wm.InvalidRankerFileError, match="is not valid JSON"):
        load_ranker(broken)


def test_cli_loads_a_saved_ranker(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps(PROFILE), encoding="utf-8")
    path = save_ranker(fitted("logistic"), tmp_path / "logistic.json")
    code = main(["recommend", "--profile", str(profile), "--ranker", str(path), "-k", "3",
                 "--format", "json"])  # fmt: skip
    assert code == 0
    envelope = json.loads(capsys.readouterr().out)
    assert envelope["ranker"] == "logistic"


def test_cli_unfitted_learned_ranker_says_how_to_fit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps(PROFILE), encoding="utf-8")
    code = main(["recommend", "--profile", str(profile), "--ranker", "boosted"])
    assert code == 2
    assert "not fitted yet: fit it on a pair table" in capsys.readouterr().err
