"""Dataset format round trip, loader accounting, and the synthetic generator."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from wor_match.datasets import EVENTS, load, make_synthetic, make_synthetic_catalogue

SHIPPED = Path(__file__).resolve().parents[2] / "datasets" / "synthetic_small"


@pytest.fixture(scope="module")
def small() -> object:
    return make_synthetic(60, 150, seed=3)


def test_generator_is_seeded_and_consistent(small: object) -> None:
    again = make_synthetic(60, 150, seed=3)
    pd.testing.assert_frame_equal(small.interactions, again.interactions)  # type: ignore[attr-defined]
    other = make_synthetic(60, 150, seed=4)
    assert not other.interactions.equals(small.interactions)  # type: ignore[attr-defined]
    events = small.interactions  # type: ignore[attr-defined]
    assert set(events["event"]) <= set(EVENTS)
    offers = events[events["event"] == "offered"]
    truth = small.truth  # type: ignore[attr-defined]
    assert len(truth) == len(offers)
    assert truth["p_true"].between(0, 1).all()
    # every offer ends in exactly one of: declined, accepted-only, continued, dropped_out
    per_pair = events.groupby(["client_id", "activity_id"])["event"].apply(set)
    for chain in per_pair:
        assert "offered" in chain
        assert ("declined" in chain) != ("accepted" in chain)
        assert not ({"continued", "dropped_out"} <= chain)
        if chain & {"continued", "dropped_out"}:
            assert "started" in chain


def test_outcomes_follow_true_probabilities(small: object) -> None:
    # the share of offers that continue should be close to the mean p_true
    events = small.interactions  # type: ignore[attr-defined]
    continued = (events["event"] == "continued").sum()
    expected = small.truth["p_true"].sum()  # type: ignore[attr-defined]
    n = len(small.truth)  # type: ignore[attr-defined]
    assert abs(continued - expected) < 4 * np.sqrt(n * 0.25)


def test_round_trip(tmp_path: Path, small: object) -> None:
    folder = small.save(tmp_path / "ds")  # type: ignore[attr-defined]
    loaded = load(folder)
    assert len(loaded.profiles) == len(small.profiles)  # type: ignore[attr-defined]
    expected_ids = [p.client_id for p in small.profiles]  # type: ignore[attr-defined]
    assert [p.client_id for p in loaded.profiles] == expected_ids
    assert len(loaded.catalogue) == len(small.catalogue)  # type: ignore[attr-defined]
    assert len(loaded.interactions) == len(small.interactions)  # type: ignore[attr-defined]
    for report in loaded.reports.values():
        assert report.rows_in == report.accepted + len(report.rejected)
        assert not report.rejected


def test_loader_rejects_bad_rows_with_reasons(tmp_path: Path, small: object) -> None:
    folder = small.save(tmp_path / "ds")  # type: ignore[attr-defined]
    with (folder / "interactions.csv").open("a", encoding="utf-8") as handle:
        handle.write("client-000000,nope,offered,2025-01-01,\n")
        handle.write("ghost,syn-0000001,offered,2025-01-01,\n")
        handle.write("client-000000,syn-0000001,liked,2025-01-01,\n")
        handle.write("client-000000,syn-0000001,offered,yesterday,\n")
    with (folder / "profiles.jsonl").open("a", encoding="utf-8") as handle:
        handle.write('{"client_id": "bad", "home": {"lat": 999, "lon": 5}}\n')
    loaded = load(folder)
    report = loaded.reports["interactions"]
    assert report.rows_in == len(small.interactions) + 4  # type: ignore[attr-defined]
    assert [r["message"] for r in report.rejected] == [
        "activity_id not in the catalogue",
        "client_id not among the profiles",
        f"event must be one of {list(EVENTS)}",
        "timestamp must be an ISO 8601 date or time",
    ]
    profiles = loaded.reports["profiles"]
    assert profiles.rows_in == profiles.accepted + 1
    assert "home.lat" in profiles.rejected[0]["message"]
    assert "999" not in profiles.rejected[0]["message"]


def test_shipped_small_dataset_loads() -> None:
    dataset = load(SHIPPED)
    assert len(dataset.profiles) >= 300
    assert dataset.truth is not None
    assert all(not r.rejected for r in dataset.reports.values())
    assert dataset.metadata["fictional"] is True


def test_synthetic_catalogue_parameters() -> None:
    frame = make_synthetic_catalogue(200, seed=1, pc4_prefixes=("218",))
    assert frame["activity_id"].is_unique
    on_site = frame[frame["delivery"] == "on_site"]
    assert on_site["lat"].between(52.2, 52.4).all()  # Hillegom area
    with pytest.raises(ValueError, match=r"'n_activities' parameter of make_synthetic_catalogue"):
        make_synthetic_catalogue(-1)
    with pytest.raises(ValueError, match=r"no PC4 codes start with \('0',\)"):
        make_synthetic_catalogue(5, pc4_prefixes=("0",))
