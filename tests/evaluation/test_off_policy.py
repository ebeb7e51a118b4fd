"""Off-policy estimators against the truth of a simulated contextual bandit (where a new
policy's value is known exactly), hand-computed values and their error messages."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wor_match.evaluation import doubly_robust, ips, snips


def bandit(n: int, seed: int) -> dict[str, np.ndarray]:
    """Contexts x 5 offers; the logging policy prefers the first offers (softmax), the new
    policy prefers the last. Returns one logged round per context and the true values."""
    rng = np.random.default_rng(seed)
    actions = 5
    quality = rng.normal(0, 1, (n, actions)) + np.linspace(-1, 1, actions)
    p_true = 1 / (1 + np.exp(-quality))
    logging = np.exp(np.linspace(1, -1, actions))
    logging = np.tile(logging / logging.sum(), (n, 1))
    target = np.exp(2 * np.linspace(-1, 1, actions))
    target = np.tile(target / target.sum(), (n, 1))
    shown = np.array([rng.choice(actions, p=row) for row in logging])
    rows = np.arange(n)
    reward = (rng.random(n) < p_true[rows, shown]).astype(float)
    model = p_true + rng.normal(0, 0.05, p_true.shape)  # a good, imperfect reward model
    return {
        "reward": reward,
        "propensity": logging[rows, shown],
        "target_propensity": target[rows, shown],
        "estimated_reward": model[rows, shown],
        "estimated_policy_value": (target * model).sum(axis=1),
        "truth": np.array((target * p_true).sum(axis=1).mean()),
        "logged_value": np.array((logging * p_true).sum(axis=1).mean()),
    }


def test_estimators_recover_the_true_value() -> None:
    data = bandit(40_000, seed=1)
    truth = float(data["truth"])
    core = {k: data[k] for k in ("reward", "propensity", "target_propensity")}
    # the naive mean of logged rewards estimates the logging policy, not the new one
    assert abs(data["reward"].mean() - truth) > 0.05
    assert ips(**core) == pytest.approx(truth, abs=0.015)
    assert snips(**core) == pytest.approx(truth, abs=0.015)
    assert doubly_robust(**core, estimated_reward=data["estimated_reward"],
                         estimated_policy_value=data["estimated_policy_value"]) == pytest.approx(
        truth, abs=0.01)  # fmt: skip


def test_doubly_robust_has_the_smallest_error_across_seeds() -> None:
    errors: dict[str, list[float]] = {"ips": [], "snips": [], "dr": []}
    for seed in range(12):
        data = bandit(2_000, seed=seed)
        core = {k: data[k] for k in ("reward", "propensity", "target_propensity")}
        truth = float(data["truth"])
        errors["ips"].append((ips(**core) - truth) ** 2)
        errors["snips"].append((snips(**core) - truth) ** 2)
        dr = doubly_robust(**core, estimated_reward=data["estimated_reward"],
                           estimated_policy_value=data["estimated_policy_value"])  # fmt: skip
        errors["dr"].append((dr - truth) ** 2)
    mse = {k: float(np.mean(v)) for k, v in errors.items()}
    assert mse["dr"] < mse["snips"] < mse["ips"]


def test_hand_computed_values() -> None:
    # weights 2, 0, 1 -> IPS (2 + 0 + 1) / 3; SNIPS (2 + 1) / 3
    assert ips([1, 1, 1], [0.5, 0.5, 1.0], [1.0, 0.0, 1.0]) == pytest.approx(1.0)
    assert ips([1, 0, 0], [0.25, 1, 1], [0.5, 1, 1]) == pytest.approx(2 / 3)
    assert snips([1, 0, 0], [0.25, 1, 1], [0.5, 1, 1]) == pytest.approx(2 / 4)
    # DR: v + w (r - q) = 0.2 + 2 (1 - 0.5) and 0.4 + 0 -> mean (1.2 + 0.4) / 2
    assert doubly_robust([1, 0], [0.5, 0.5], [1.0, 0.0], [0.5, 0.3], [0.2, 0.4]) == pytest.approx(
        0.8
    )


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 1), st.floats(0.01, 1)), min_size=1, max_size=40))
def test_same_policy_gives_the_logged_mean(rounds: list[tuple[int, float]]) -> None:
    reward = [r for r, _ in rounds]
    propensity = [p for _, p in rounds]
    mean = float(np.mean(reward))
    assert ips(reward, propensity, propensity) == pytest.approx(mean)
    assert snips(reward, propensity, propensity) == pytest.approx(mean)
    # with a perfect-on-the-log model, DR is the model's value
    assert doubly_robust(reward, propensity, propensity, reward, [0.3] * len(reward)) == (
        pytest.approx(0.3)
    )


def test_errors() -> None:
    with pytest.raises(
        ValueError, match="ips: reward, propensity, target_propensity must have the same length"
    ):
        ips([1, 0], [1.0], [1.0, 1.0])
    with pytest.raises(ValueError, match=r"propensity must be in \(0, 1\]"):
        ips([1], [0.0], [1.0])
    with pytest.raises(ValueError, match=r"target_propensity must be in \[0, 1\]"):
        snips([1], [1.0], [2.0])
    with pytest.raises(ValueError, match="gives none of the logged offers any chance"):
        snips([1], [1.0], [0.0])
    with pytest.raises(ValueError, match="no logged rounds"):
        ips([], [], [])
    with pytest.raises(ValueError, match="estimated_reward must be finite numbers"):
        doubly_robust([1], [1.0], [1.0], [np.nan], [0.5])
