"""recommend_many: equal to recommend() per client, and the Dask path row for row."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import wor_match as wm
from tests.conftest import TODAY
from wor_match.batch import output_columns, recommend_many, recommend_partition
from wor_match.features import FEATURE_NAMES

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "datasets" / "examples").glob("*.json"))
PROFILES = [json.loads(p.read_text(encoding="utf-8")) for p in EXAMPLES]


@pytest.fixture(scope="module")
def local() -> pd.DataFrame:
    return recommend_many(PROFILES, k=4, today=TODAY)


def test_matches_recommend_per_client(local: pd.DataFrame) -> None:
    assert list(local.columns) == output_columns(wm.load_demo_catalogue())
    for profile in PROFILES:
        recs = wm.recommend(profile, k=4, today=TODAY)
        rows = local[local["client_id"] == profile["client_id"]]
        assert rows["activity_id"].tolist() == [r.activity_id for r in recs]
        assert rows["rank"].tolist() == list(range(1, len(recs) + 1))
        np.testing.assert_allclose(rows["score"], [r.score for r in recs])
        for name in FEATURE_NAMES:
            expected = [
                next(c.points for c in r.explanation.contributions if c.feature == name)
                for r in recs
            ]
            np.testing.assert_allclose(rows[f"points_{name}"], expected)


def test_points_sum_to_score(local: pd.DataFrame) -> None:
    points = local.filter(like="points_").sum(axis=1) + local["baseline"]
    np.testing.assert_allclose(points, local["score"], atol=1e-9)


def test_dask_equals_local_row_for_row(local: pd.DataFrame) -> None:
    distributed = recommend_many(PROFILES, k=4, today=TODAY, engine="dask", npartitions=3)
    pd.testing.assert_frame_equal(distributed, local, check_dtype=False)


def test_partition_function_is_pure_and_handles_empty() -> None:
    frame = pd.DataFrame({"profile": [json.dumps(p) for p in PROFILES[:2]]})
    one = recommend_partition(frame, wm.load_demo_catalogue(), k=3, today=TODAY)
    two = recommend_partition(frame, wm.load_demo_catalogue(), k=3, today=TODAY)
    pd.testing.assert_frame_equal(one, two)
    empty = recommend_partition(frame.iloc[:0], wm.load_demo_catalogue(), k=3)
    assert list(empty.columns) == list(one.columns)
    assert len(empty) == 0


def test_bad_engine() -> None:
    with pytest.raises(ValueError, match="'engine' parameter of recommend_many must be"):
        recommend_many(PROFILES, engine="spark")  # type: ignore[arg-type]


def test_bad_profiles_are_reported_per_client_and_the_batch_goes_on() -> None:
    deep: object = "x"
    for _ in range(2000):
        deep = [deep]
    profiles = [
        PROFILES[0],
        {"client_id": "bad-lat", "home": {"lat": 1e308, "lon": 4.0}},
        {"client_id": "bad-pc", "home": {"postcode": "1000"}},
        {"client_id": "deep", "home": {"postcode": "2181"}, "interests": deep},
        {"home": {"postcode": "2181"}},
        "not a profile",
        PROFILES[1],
    ]
    frame = recommend_many(profiles, k=2, today=TODAY)  # type: ignore[arg-type]
    per_client = frame.drop_duplicates("client_id").set_index("client_id")
    assert per_client.index.tolist() == [
        PROFILES[0]["client_id"], "bad-lat", "bad-pc", "deep", "#4", "#5", PROFILES[1]["client_id"]
    ]  # fmt: skip
    invalid = frame[frame["status"] == "invalid"]
    # "not a profile" is wrong as a whole: no field (missing, shown here as "-")
    reported = invalid[["client_id", "error_code", "error_field"]].fillna("-")
    assert reported.to_numpy().tolist() == [
        ["bad-lat", "invalid_profile", "home.lat"],
        ["bad-pc", "unknown_postcode", "home.postcode"],
        ["deep", "invalid_profile", "interests"],
        ["#4", "invalid_profile", "client_id"],
        ["#5", "invalid_profile", "-"],
    ]
    assert invalid["rank"].isna().all()
    assert invalid["activity_id"].isna().all()
    good = frame[frame["status"] == "ok"]
    assert (
        good["client_id"].tolist()
        == [PROFILES[0]["client_id"]] * 2 + [PROFILES[1]["client_id"]] * 2
    )
    assert good["rank"].tolist() == [1, 2, 1, 2]


def test_clients_with_no_result_stay_visible() -> None:
    far = {"client_id": "far", "home": {"lat": 53.4, "lon": 6.2}, "mobility": {"mode": "walking"},
           "open_to_delivery": ["on_site"]}  # fmt: skip
    frame = recommend_many([PROFILES[0], far], k=3, today=TODAY)
    row = frame[frame["client_id"] == "far"]
    assert row["status"].tolist() == ["no_match"]
    assert row["rank"].isna().all()
    assert row["error_code"].isna().all()


def test_empty_catalogue_is_never_swapped_for_the_demo() -> None:
    empty = wm.Catalogue.from_records([])
    frame = recommend_many(PROFILES[:2], empty, k=3, today=TODAY)
    assert frame["status"].tolist() == ["no_match", "no_match"]
    assert frame["activity_id"].isna().all()


def test_not_a_catalogue() -> None:
    with pytest.raises(wm.CatalogueError, match=r"catalogue must be a wor_match\.Catalogue"):
        recommend_many(PROFILES[:1], ["a"])  # type: ignore[arg-type]
