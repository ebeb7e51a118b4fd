"""Result objects: tables, HTML, frames, JSON, reasons and "why not?"."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import wor_match as wm
from tests.conftest import TODAY, make_catalogue, north_of_home

PROFILE = {
    "client_id": "c-7",
    "home": {"lat": 52.0, "lon": 4.0},
    "interests": ["tuinieren"],
    "energy_drains": ["drukte"],
    "social_preference": "small_group",
    "mobility": {"mode": "walking", "max_minutes": 20},
}


@pytest.fixture
def recs() -> wm.Recommendations:
    catalogue = make_catalogue(
        [
            {"activity_id": "tuin", "name": "Moestuin <De Zon>", "social_setting": "small_group",
             "cost_per_month": 0, "last_verified": "2026-10-01", **north_of_home(0.4)},
            {"activity_id": "markt", "name": "Grote markt", "social_setting": "large_group",
             "last_verified": "2023-01-01", **north_of_home(0.3)},
            {"activity_id": "ver", "name": "Ver weg", **north_of_home(5)},
            {"activity_id": "web", "name": "Online tuinclub", "delivery": "online",
             "social_setting": "small_group"},
        ]
    )  # fmt: skip
    return wm.recommend(PROFILE, catalogue, k=2, today=TODAY)


def test_order_and_reasons(recs: wm.Recommendations) -> None:
    """The reasons, derived by hand from the default weights and the reason rules.

    A reason list is the three supporting contributions with the most points (points =
    weight x value), then the cautions (negative points).

    tuin: interest 3.0 x 1 = 3.0; setting 1.0 x 1 (small group, as wished) = 1.0; travel:
    0.4 km x detour 1.3 / 4.5 km/h x 60 = 6.93 minutes on foot, value 1 - 6.93 / 20 =
    0.653, points 1.5 x 0.653 = 0.98; cost 0.75 x 1 (free) = 0.75; schedule 0.5 x 1 (no
    fixed slots: flexible) = 0.5; verified 52 days before TODAY, so not stale: no caution.
    The top three are interest, setting, travel; "Gratis" (0.75) is fourth and not shown.

    web (online): interest 3.0; travel 1.5 x 1 (online: no travel) = 1.5; setting 1.0;
    cost 0.75 x 0.5 (unknown) = 0.375 and schedule 0.5 are fourth and fifth; no
    last_verified date: stale -0.5 x 0.5 = -0.25, a caution.
    """
    assert [r.activity_id for r in recs] == ["tuin", "web"]
    tuin, web = recs
    assert tuin.reasons == [
        "Sluit aan bij de interesse: tuinieren",
        "Gaat in een kleine groep, zoals gewenst",
        "Ongeveer 7 minuten lopen (0,4 km hemelsbreed)",
    ]
    assert web.reasons == [
        "Sluit aan bij de interesse: tuinieren",
        "Online, geen reistijd",
        "Gaat in een kleine groep, zoals gewenst",
        "Onbekend wanneer deze gegevens zijn gecontroleerd",
    ]
    points = {c.feature: c.points for c in tuin.explanation.contributions}
    assert points["travel"] == pytest.approx(1.5 * (1 - (0.4 * 1.3 / 4.5 * 60) / 20))
    assert points["cost"] == pytest.approx(0.75)  # Gratis: true, but fourth


def test_why_not(recs: wm.Recommendations) -> None:
    assert recs.why_not("tuin") == ["Staat op plaats 1"]
    assert recs.why_not("ver") == ["Verder weg dan de maximale reistijd"]
    (sentence,) = recs.why_not("markt")
    assert sentence.startswith("Past wel, maar staat op plaats 3")
    with pytest.raises(KeyError, match="no activity with activity_id 'nope'"):
        recs.why_not("nope")


def test_str_table(recs: wm.Recommendations) -> None:
    text = str(recs)
    lines = text.splitlines()
    assert lines[0] == "Aanbevelingen voor c-7: 2 van 3 passende, 1 uitgesloten (ranker: weighted)"
    assert lines[1].split() == ["#", "activiteit", "soort", "reistijd", "score"]
    assert "Moestuin <De Zon>" in lines[2]
    assert "online" in text
    assert "       - Sluit aan bij de interesse: tuinieren" in lines


def test_html_is_escaped(recs: wm.Recommendations) -> None:
    html = recs._repr_html_()
    assert "Moestuin &lt;De Zon&gt;" in html
    assert "<table>" in html


def test_frame_and_json(recs: wm.Recommendations) -> None:
    frame = recs.to_frame()
    assert isinstance(frame, pd.DataFrame)
    assert frame["activity_id"].tolist() == ["tuin", "web"]
    points = frame.filter(like="points_").sum(axis=1) + frame["baseline"]
    assert points.tolist() == pytest.approx(frame["score"].tolist(), abs=1e-9)
    records = json.loads(recs.to_json())
    assert records[0]["rank"] == 1
    assert records[0]["name"] == "Moestuin <De Zon>"
    assert {"feature", "points", "value", "reason"} <= set(records[0]["contributions"][0])
    assert records[1]["travel_minutes"] is None


def test_english(recs: wm.Recommendations) -> None:
    catalogue = make_catalogue([{"activity_id": "t", "name": "Moestuin", **north_of_home(0.4)}])
    english = wm.recommend(PROFILE, catalogue, language="en", today=TODAY)
    assert english[0].reasons[0] == "Matches the interest: tuinieren (gardening)"
    assert str(english).startswith("Recommendations for c-7: 1 of 1 feasible")


def test_empty_frame_has_columns() -> None:
    empty = wm.recommend(PROFILE, make_catalogue([]))
    assert list(empty.to_frame().columns)[:3] == ["rank", "activity_id", "name"]
    assert "Aanbevelingen voor c-7: 0 van 0" in str(empty)
