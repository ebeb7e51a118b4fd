from __future__ import annotations

from importlib.metadata import EntryPoint
from typing import Any

import pytest

import wor_match.rankers._registry as registry
from tests.conftest import make_catalogue
from wor_match import UnknownRankerError, available_rankers, get_ranker, recommend
from wor_match.rankers import DEFAULT_WEIGHTS, ENTRY_POINT_GROUP, Ranker, Scores, WeightedRanker


def test_unknown_ranker_message_lists_known_names() -> None:
    with pytest.raises(UnknownRankerError, match=r"no ranker named 'best'; available: .*weighted"):
        get_ranker("best")
    with pytest.raises(LookupError):
        get_ranker("best")


def test_bad_weights_are_named() -> None:
    with pytest.raises(ValueError, match=r"unknown features \['speed'\]"):
        WeightedRanker(weights={"speed": 1.0}).weight_vector()


def test_weights_override_defaults() -> None:
    catalogue = make_catalogue(
        [{"activity_id": "a", "name": "x", "delivery": "online", "cost_per_month": 0}]
    )
    profile = {"client_id": "c", "home": {"lat": 52, "lon": 4}}
    ranker = WeightedRanker(weights={**dict.fromkeys(DEFAULT_WEIGHTS, 0.0), "cost": 2.0})
    # free: cost value 1 x 2 = 2; all else weight 0 or value 0
    assert recommend(profile, catalogue, ranker=ranker)[0].score == pytest.approx(2.0)


class _ConstantRanker(Ranker):
    name = "constant"

    def explain_scores(self, features: Any, ctx: Any) -> Scores:
        import numpy as np

        ones = np.ones((len(ctx), 1))
        return Scores(1.0, ("one",), ones, ones, (None,))


def test_entry_point_plugin_is_found(monkeypatch: pytest.MonkeyPatch) -> None:
    entry = EntryPoint(
        name="constant",
        value="tests.rankers.test_registry:_ConstantRanker",
        group=ENTRY_POINT_GROUP,
    )
    monkeypatch.setattr(registry, "entry_points", lambda group: [entry])
    monkeypatch.setattr(registry, "_entry_points_loaded", False)
    monkeypatch.setattr(registry, "_REGISTRY", dict(registry._REGISTRY))
    assert "constant" in available_rankers()
    catalogue = make_catalogue([{"activity_id": "a", "name": "x", "delivery": "online"}])
    recs = recommend(
        {"client_id": "c", "home": {"lat": 52, "lon": 4}}, catalogue, ranker="constant"
    )
    assert recs[0].score == 2.0
    assert recs[0].explanation.baseline == 1.0


def test_register_ranker_rejects_bad_names() -> None:
    with pytest.raises(ValueError, match="non-empty identifier"):
        registry.register_ranker("no spaces")


def test_default_weights_and_features_agree() -> None:
    from wor_match.features import FEATURE_NAMES, FEATURES

    # one weight per registered feature, in feature order, and no weight for a feature
    # that does not exist (it would be silently ignored)
    assert tuple(DEFAULT_WEIGHTS) == FEATURE_NAMES
    assert tuple(feature.name for feature in FEATURES) == FEATURE_NAMES
    assert len(set(FEATURE_NAMES)) == len(FEATURE_NAMES)


def test_register_ranker_takes_the_class_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "_REGISTRY", dict(registry._REGISTRY))

    @registry.register_ranker
    class _Named(_ConstantRanker):
        name = "named_by_class"

    assert registry._REGISTRY["named_by_class"] is _Named
    assert "named_by_class" in available_rankers()
    assert isinstance(get_ranker("named_by_class"), _Named)


def test_register_ranker_rejects_a_class_without_a_name() -> None:
    with pytest.raises(ValueError, match=r"non-empty identifier.*_Nameless.name is ''"):

        @registry.register_ranker
        class _Nameless(_ConstantRanker):
            name = ""


def test_built_in_rankers_are_registered_under_their_own_name() -> None:
    for name in available_rankers():
        assert get_ranker(name).name == name
