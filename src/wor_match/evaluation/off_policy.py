"""Off-policy estimators: the value of a new ranking policy, from offers logged under another.

Offers a coach saw were not random: they were the logging ranker's top list. To judge a new
ranker on such logs, weigh each logged round by how much more (or less) likely the new
policy is to show the same offer: ``w = target_propensity / propensity``. The journal records
the logging propensity of every offer (1.0 for a deterministic ranker, so only offers the
new policy would also show count; a little randomisation among near-ties makes the
estimators usable, Li et al., WWW 2010).

One logged round i: a client, the offer shown, its reward ``r_i`` (1 = still taking part
after three months), the logging probability ``p_i`` and the new policy's probability
``pi_i`` of showing that offer in that context.

- IPS (inverse propensity scoring): ``mean(w_i r_i)``; unbiased when ``p_i > 0`` wherever
  ``pi_i > 0``; high variance with small propensities.
- SNIPS (self-normalised IPS): ``sum(w_i r_i) / sum(w_i)``; slightly biased, much lower
  variance, and invariant to a constant factor in the weights.
- DR (doubly robust): ``mean(v_i + w_i (r_i - q_i))`` with ``q_i`` a model's estimate of the
  reward of the logged offer and ``v_i`` its estimate of the new policy's value in round
  i (``sum_a pi(a | x_i) q(x_i, a)``); unbiased if either the propensities or the model are
  right.

The names and definitions follow the Open Bandit Pipeline (Saito et al., 2021). Each
function returns a float; arrays must have equal length.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["doubly_robust", "ips", "snips"]

FloatArray = npt.NDArray[np.float64]


def _arrays(name: str, **arrays: Any) -> dict[str, FloatArray]:
    values = {key: np.asarray(value, dtype=np.float64).ravel() for key, value in arrays.items()}
    lengths = {len(v) for v in values.values()}
    if len(lengths) != 1:
        raise ValueError(f"{name}: {', '.join(values)} must have the same length")
    if 0 in lengths:
        raise ValueError(f"{name}: no logged rounds")
    for key, value in values.items():
        if not np.isfinite(value).all():
            raise ValueError(f"{name}: {key} must be finite numbers")
    propensity = values["propensity"]
    if ((propensity <= 0) | (propensity > 1)).any():
        raise ValueError(f"{name}: propensity must be in (0, 1] (the probability it was shown)")
    target = values["target_propensity"]
    if ((target < 0) | (target > 1)).any():
        raise ValueError(f"{name}: target_propensity must be in [0, 1]")
    return values


def ips(reward: Any, propensity: Any, target_propensity: Any) -> float:
    """Inverse propensity scoring estimate of the new policy's value per round.

    >>> ips([1, 0, 1], [0.5, 0.5, 1.0], [1.0, 0.0, 1.0])
    1.0
    """
    a = _arrays("ips", reward=reward, propensity=propensity, target_propensity=target_propensity)
    return float(np.mean(a["target_propensity"] / a["propensity"] * a["reward"]))


def snips(reward: Any, propensity: Any, target_propensity: Any) -> float:
    """Self-normalised IPS: the weighted mean reward, weights = target / logging propensity.

    >>> snips([1, 0, 1], [0.5, 0.5, 1.0], [1.0, 0.0, 1.0])
    1.0
    """
    a = _arrays("snips", reward=reward, propensity=propensity, target_propensity=target_propensity)
    weights = a["target_propensity"] / a["propensity"]
    if weights.sum() == 0:
        raise ValueError("snips: the new policy gives none of the logged offers any chance")
    return float(np.sum(weights * a["reward"]) / np.sum(weights))


def doubly_robust(
    reward: Any,
    propensity: Any,
    target_propensity: Any,
    estimated_reward: Any,
    estimated_policy_value: Any,
) -> float:
    """Doubly robust estimate: the model's value of the new policy per round, corrected by
    the propensity-weighted error of the model on the logged offers.

    >>> doubly_robust([1, 0], [0.5, 0.5], [1.0, 0.0], [0.5, 0.5], [0.6, 0.4])
    1.0
    """
    a = _arrays("doubly_robust", reward=reward, propensity=propensity,
                target_propensity=target_propensity, estimated_reward=estimated_reward,
                estimated_policy_value=estimated_policy_value)  # fmt: skip
    weights = a["target_propensity"] / a["propensity"]
    correction = weights * (a["reward"] - a["estimated_reward"])
    return float(np.mean(a["estimated_policy_value"] + correction))
