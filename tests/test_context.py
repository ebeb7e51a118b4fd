"""The pair context: many clients in one pass give exactly what one pass per client gives."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import wor_match as wm
from tests.conftest import TODAY, make_catalogue, make_profile
from tests.strategies import catalogue_records, profiles
from wor_match.batch import top_k_pairs
from wor_match.context import MatchContext
from wor_match.features import feature_matrix
from wor_match.filters import exclusion_masks, feasible

PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _validated(raw: list[dict[str, Any]]) -> list[wm.ClientProfile]:
    return [wm.ClientProfile.model_validate({**p, "client_id": f"c{i}"}) for i, p in enumerate(raw)]


@PROPERTY
@given(raw=st.lists(profiles(), min_size=1, max_size=4), records=catalogue_records())
def test_many_clients_equal_one_at_a_time(raw: list[dict[str, Any]], records: list) -> None:
    catalogue = make_catalogue(records)
    clients = _validated(raw)
    many = MatchContext.build_many(clients, catalogue, today=TODAY)
    assert np.all(np.diff(many.client) >= 0)  # grouped by client, in client order
    ok = feasible(many)
    values = feature_matrix(ok).values
    masks = exclusion_masks(many)
    bounds, ok_bounds = many.segments(), ok.segments()
    for c, profile in enumerate(clients):
        one = MatchContext.build(profile, catalogue, today=TODAY)
        np.testing.assert_array_equal(many.rows[bounds[c] : bounds[c + 1]], one.rows)
        for code, mask in exclusion_masks(one).items():
            np.testing.assert_array_equal(masks[code][bounds[c] : bounds[c + 1]], mask, code)
        single = feasible(one)
        np.testing.assert_array_equal(ok.rows[ok_bounds[c] : ok_bounds[c + 1]], single.rows)
        np.testing.assert_array_equal(
            values[ok_bounds[c] : ok_bounds[c + 1]], feature_matrix(single).values
        )


@PROPERTY
@given(
    raw=st.lists(profiles(), min_size=1, max_size=4),
    records=catalogue_records(),
    k=st.integers(1, 6),
)
def test_batch_top_k_equals_per_client_ranking(raw: list, records: list, k: int) -> None:
    catalogue = make_catalogue(records)
    clients = _validated(raw)
    ranker = wm.get_ranker("weighted")
    ok, features, total = ranker.score_context(
        MatchContext.build_many(clients, catalogue, today=TODAY)
    )
    np.testing.assert_array_equal(total, ranker.explain_scores(features, ok).total)
    top, rank = top_k_pairs(ok, total, k)
    for c, profile in enumerate(clients):
        mine = top[ok.client[top] == c]
        # top_k_pairs is the plain score order: compare with the shortlist off
        plain = wm.recommend(
            profile, catalogue, k=k, today=TODAY, relevance_first=False, diversity=False
        )
        expected = [r.activity_id for r in plain]
        assert catalogue.ids[ok.rows[mine]].tolist() == expected
        assert rank[ok.client[top] == c].tolist() == list(range(1, len(expected) + 1))


def test_profile_of_a_many_client_context_is_refused() -> None:
    catalogue = make_catalogue([{"activity_id": "a", "name": "Tuin", "lat": 52.0, "lon": 4.0}])
    ctx = MatchContext.build_many(
        [make_profile(client_id="a"), make_profile(client_id="b")], catalogue, today=TODAY
    )
    assert ctx.profile_at(1).client_id == "b"
    with pytest.raises(ValueError, match="several clients; use profile_at"):
        _ = ctx.profile


def test_rows_must_match_clients() -> None:
    catalogue = make_catalogue([{"activity_id": "a", "name": "Tuin"}])
    with pytest.raises(ValueError, match="one array of catalogue rows"):
        MatchContext.build_many([make_profile()], catalogue, rows=[[0], [0]])


def test_explicit_rows_and_candidates_mix() -> None:
    catalogue = make_catalogue(
        [
            {"activity_id": "near", "name": "Tuin", "lat": 52.0, "lon": 4.0},
            {"activity_id": "far", "name": "Tuin", "lat": 53.0, "lon": 4.0},
        ]
    )
    ctx = MatchContext.build_many(
        [make_profile(client_id="a"), make_profile(client_id="b")],
        catalogue,
        rows=[None, [1, 0]],
        today=TODAY,
    )
    assert ctx.rows.tolist() == [0, 1, 0]  # a: its candidate (near); b: the rows as given
    assert ctx.client.tolist() == [0, 1, 1]
