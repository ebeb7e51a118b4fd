"""The catalogue's own API: loaders and their report, look-ups, the Sequence protocol, the
CSV round trip and radius queries. (The columnar form and the validator are tested in
test_validate.py, the text and fuzzy indexes in their own files.)"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wor_match import Activity, Catalogue, CatalogueError, LoadReport
from wor_match._vocab import DELIVERIES
from wor_match.geo import haversine_km

RECORDS = [
    {"activity_id": "b2", "name": "Koor", "postcode": "2181", "schedule": "wo:avond"},
    {"activity_id": "a1", "name": "Wandelgroep", "lat": 52.3, "lon": 4.55},
    {"activity_id": "c3", "name": "Maaltijd aan huis", "delivery": "at_home",
     "coverage": ["Hillegom", "2182"]},
    {"activity_id": "d4", "name": "Online taalcafé", "delivery": "online"},
]  # fmt: skip


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue.from_records(RECORDS, source="test")


def test_report_accounts_for_every_row() -> None:
    records = [*RECORDS, {"activity_id": "a1", "name": "Twice"}, {"name": "no id"}]
    cat = Catalogue.from_records(records, source="mixed")
    report = cat.report
    assert (report.rows_in, report.accepted, len(report.rejected)) == (6, 4, 2)
    assert report.rows_in == report.accepted + len(report.rejected)
    assert [r["row"] for r in report.rejected] == [5, 6]
    assert report.rejected[0]["message"] == "duplicate activity_id 'a1' (first in row 2)"
    # the postcode-only row was located from its PC4 centroid, and the language café's
    # target group was read from its name, each with a warning to confirm
    assert [w["row"] for w in report.warnings] == [1, 4]
    assert "PC4 centroid" in report.warnings[0]["message"]
    assert report.warnings[1]["message"] == "target group inferred from the text: newcomer"
    assert str(report) == "mixed: 6 rows in, 4 accepted, 2 rejected, 2 warnings"
    frame = report.to_frame()
    assert frame["status"].tolist() == ["warning", "warning", "rejected", "rejected"]
    markdown = report.to_markdown()
    assert markdown.startswith("# Validation report: mixed\n")
    assert "| 5 | a1 | rejected | duplicate activity_id 'a1' (first in row 2) |" in markdown


def test_strict_raises_on_the_first_rejected_row() -> None:
    with pytest.raises(CatalogueError, match=r"^row 2 rejected: duplicate activity_id 'x'"):
        Catalogue.from_records(
            [{"activity_id": "x", "name": "a"}, {"activity_id": "x", "name": "b"}], strict=True
        )
    frame = pd.DataFrame({"activity_id": ["x", "y"], "name": ["a", ""]})
    with pytest.raises(CatalogueError, match=r"^row 2 rejected: Invalid activity: name"):
        Catalogue.from_frame(frame, strict=True)


def test_constructor_rejects_repeated_ids() -> None:
    activity = Activity(activity_id="same", name="x")
    with pytest.raises(CatalogueError, match="activity_id must be unique; 'same' appears twice"):
        Catalogue([activity, activity])
    cat = Catalogue([activity])
    assert (cat.report.source, cat.report.rows_in, cat.report.accepted) == ("activities", 1, 1)


def test_look_ups_and_the_sequence_protocol(catalogue: Catalogue) -> None:
    assert len(catalogue) == 4
    assert repr(catalogue) == "<Catalogue: 4 activities from test>"
    assert [a.activity_id for a in catalogue] == ["b2", "a1", "c3", "d4"]  # input order
    assert catalogue.row_of("c3") == 2
    assert catalogue["a1"].name == "Wandelgroep"
    assert catalogue[-1].activity_id == "d4"
    assert [a.activity_id for a in catalogue[1:3]] == ["a1", "c3"]
    assert [a.activity_id for a in catalogue.activities_at([3, 0])] == ["d4", "b2"]
    assert "a1" in catalogue
    assert "zz" not in catalogue
    assert 3 not in catalogue
    assert catalogue["a1"] in catalogue
    assert catalogue["a1"].model_copy(update={"name": "Other"}) not in catalogue
    with pytest.raises(KeyError, match="no activity with activity_id 'zz' in this catalogue"):
        catalogue.row_of("zz")
    # ids rank lexicographically for ties: a1 < b2 < c3 < d4
    assert catalogue.id_rank.tolist() == [1, 0, 2, 3]


def test_coverage_and_delivery_sets(catalogue: Catalogue) -> None:
    assert catalogue.online.tolist() == [3]
    assert catalogue.at_home_open.tolist() == []  # the one at-home offer has a coverage
    assert catalogue.at_home_for(["hillegom"]).tolist() == [2]  # gemeente names are folded
    assert catalogue.at_home_for(["2182"]).tolist() == [2]
    assert catalogue.at_home_for(["Lisse", "2160"]).tolist() == []
    assert catalogue.covering(["HILLEGOM", "2182"]).tolist() == [2]


def test_csv_round_trip(catalogue: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "catalogue.csv"
    catalogue.to_csv(path)
    again = Catalogue.from_csv(path)
    assert list(again) == list(catalogue)
    assert again.report.source == str(path)
    assert again.to_frame()["schedule"].tolist() == ["wed:evening", "", "", ""]


def test_from_file_forms_and_errors(catalogue: Catalogue, tmp_path: Path) -> None:
    as_json = tmp_path / "c.json"
    as_json.write_text(json.dumps(RECORDS), encoding="utf-8")
    as_jsonl = tmp_path / "c.jsonl"
    as_jsonl.write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n\n", encoding="utf-8")
    assert list(Catalogue.from_file(as_json)) == list(catalogue)
    assert list(Catalogue.from_file(as_jsonl)) == list(catalogue)
    with pytest.raises(CatalogueError, match=r"must be \.csv, \.json or \.jsonl; got '\.txt'"):
        Catalogue.from_file(tmp_path / "c.txt")
    with pytest.raises(CatalogueError, match="catalogue file not found"):
        Catalogue.from_file(tmp_path / "missing.json")
    with pytest.raises(CatalogueError, match="catalogue file not found"):
        Catalogue.from_csv(tmp_path / "missing.csv")
    not_a_list = tmp_path / "d.json"
    not_a_list.write_text('{"activity_id": "a"}', encoding="utf-8")
    with pytest.raises(CatalogueError, match="a JSON catalogue must be a list of activity"):
        Catalogue.from_file(not_a_list)


def test_load_report_is_public() -> None:
    report = LoadReport(source="s", rows_in=2, accepted=2)
    assert report.to_frame().empty
    assert report.to_markdown().endswith("- warnings: 0\n")


def test_indexes_are_built_on_first_use(catalogue: Catalogue) -> None:
    fresh = Catalogue.from_records(RECORDS)
    assert "word_index" not in fresh.__dict__
    assert "spatial_index" not in fresh.__dict__
    fresh.match_words(["koor"])
    fresh.within_km(52.3, 4.55, 1.0)
    assert "word_index" in fresh.__dict__
    assert "spatial_index" in fresh.__dict__


@settings(max_examples=50, deadline=None)
@given(
    lat=st.floats(51.9, 52.5),
    lon=st.floats(4.2, 5.3),
    radius=st.sampled_from([0.0, 1.0, 4.0, 30.0]),
)
def test_catalogue_radius_queries_equal_brute_force(lat: float, lon: float, radius: float) -> None:
    from wor_match.recommender import default_catalogue

    catalogue = default_catalogue()
    is_on_site = catalogue.delivery == DELIVERIES.index("on_site")
    on_site = np.flatnonzero(is_on_site & ~np.isnan(catalogue.lat))  # at-home offers: coverage
    distance = haversine_km(lat, lon, catalogue.lat[on_site], catalogue.lon[on_site])
    expected = on_site[distance <= radius] if radius > 0 else on_site[:0]
    rows = catalogue.within_km(lat, lon, radius)
    assert rows.tolist() == expected.tolist()
    ((many_rows, km),) = catalogue.within_km_many([lat], [lon], [radius])
    assert many_rows.tolist() == expected.tolist()
    np.testing.assert_allclose(km, haversine_km(lat, lon, catalogue.lat[rows], catalogue.lon[rows]))
