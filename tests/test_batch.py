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
