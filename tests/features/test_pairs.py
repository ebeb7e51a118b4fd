"""Training and serving score identical features."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

import wor_match as wm
from tests.conftest import TODAY, make_catalogue
from tests.strategies import catalogue_records, profiles
from wor_match.features import FEATURE_NAMES
from wor_match.features.pairs import PAIR_KEYS, pair_table


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles(), records=catalogue_records())
def test_pair_table_equals_recommend_features(profile: dict, records: list) -> None:
    catalogue = make_catalogue(records)
    table = pair_table([profile], catalogue, today=TODAY)
    recs = wm.recommend(profile, catalogue, k=len(catalogue) or 1, today=TODAY)
    assert len(table) == len(recs.ranking)
    by_id = table.set_index("activity_id")
    for r in recs:
        values = {c.feature: c.value for c in r.explanation.contributions}
        row = by_id.loc[r.activity_id]
        assert [row[name] for name in FEATURE_NAMES] == [values[name] for name in FEATURE_NAMES]


def test_pair_table_columns_and_empty() -> None:
    empty = pair_table([], make_catalogue([]))
    assert list(empty.columns) == [*PAIR_KEYS, *FEATURE_NAMES]
    catalogue = make_catalogue(
        [
            {"activity_id": "a", "name": "x", "delivery": "online"},
            {"activity_id": "b", "name": "y", "status": "inactive", "delivery": "online"},
        ]
    )
    clients = [{"client_id": c, "home": {"lat": 52, "lon": 4}} for c in ("c1", "c2")]
    assert pair_table(clients, catalogue)["activity_id"].tolist() == ["a", "a"]
    everything = pair_table(clients, catalogue, feasible_only=False)
    assert everything["client_id"].tolist() == ["c1", "c1", "c2", "c2"]
