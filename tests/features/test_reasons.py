"""Every feature's reason sentences, in Dutch and English, as a coach reads them aloud.

One row per sentence: an activity, a client, the feature, and the exact Dutch and English
sentence. Dutch addresses the client ("u"), and so does English ("you"); a sentence that
would be false for the activity (online for a telephone buddy, taking part for a meal
brought to the door) is not said.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import wor_match as wm

TODAY = dt.date(2026, 11, 22)
HOME = {"lat": 52.0, "lon": 4.0}
NEAR = {"lat": 52.0009, "lon": 4.0}  # 0.1 km north of HOME
SEVERE_EMOTIONAL = {"scale": "djg11", "emotional": 6, "social": 4}
SEVERE_SOCIAL = {"scale": "djg11", "emotional": 2, "social": 5}


def reason(record: dict[str, Any], profile: dict[str, Any], feature: str, language: str) -> str:
    activity = {"activity_id": "a", "name": "Activiteit", **NEAR, **record}
    catalogue = wm.Catalogue.from_records([activity])
    client = {"client_id": "c", "home": HOME, **profile}
    (item,) = wm.recommend(client, catalogue, k=1, language=language, today=TODAY)  # type: ignore[arg-type]
    return next(c.reason for c in item.explanation.contributions if c.feature == feature)


CASES: list[tuple[str, dict[str, Any], dict[str, Any], str, str, str]] = [
    # (case, activity, client, feature, Dutch, English)
    ("interest, own word", {"name": "Biljarten"}, {"interests": ["biljarten"]}, "interest",
     "Sluit aan bij uw interesse: biljarten", "Matches your interest: biljarten"),
    ("interest, own word in a compound", {"name": "Biljartclub"}, {"interests": ["biljarten"]},
     "interest", "Sluit aan bij uw interesse: biljarten (hier: biljartclub)",
     "Matches your interest: biljarten (here: biljartclub)"),
    ("interest, synonym", {"name": "Snooker"}, {"interests": ["biljarten"]}, "interest",
     "Sluit aan bij uw interesse: biljarten (hier: snooker)",
     "Matches your interest: biljarten (here: snooker)"),
    ("interest, same theme", {"name": "Schaakclub"}, {"interests": ["biljarten"]}, "interest",
     "Ook een spel, zoals biljarten (hier: schaakclub)",
     "Also a game, like biljarten (here: schaakclub)"),
    ("interest, description", {"name": "Denksport", "description": "Wij schaken graag."},
     {"interests": ["chess"]}, "interest", "In de beschrijving staat schaken, bij uw interesse chess",
     "Its description mentions schaken, for your interest chess"),
    ("energy, own word", {"name": "Wandelen in het park"}, {"energy_sources": ["wandelen"]},
     "energy", "Past bij wat u energie geeft: wandelen", "Fits what gives you energy: wandelen"),
    ("drain, own word", {"name": "Drukte op de markt"}, {"energy_drains": ["drukte"]},
     "energy_drain", "Let op: bevat iets wat u energie kost: drukte",
     "Note: includes something that drains your energy: drukte"),
    ("drain, large group", {"name": "Bingo", "social_setting": "large_group"},
     {"energy_drains": ["drukte"]}, "energy_drain",
     "Let op: een grote groep, en drukte kost u energie",
     "Note: a large group, and drukte drains your energy"),
    ("travel, at home", {"name": "Maatje aan huis", "delivery": "at_home"}, {}, "travel",
     "Komt bij u thuis", "Comes to your home"),
    ("travel, telephone", {"name": "Belmaatje", "delivery": "online", "tags": "bellen"}, {},
     "travel", "Per telefoon, geen reistijd", "By telephone, no travel"),
    ("travel, online", {"name": "Online gespreksgroep", "delivery": "online"}, {}, "travel",
     "Online, geen reistijd", "Online, no travel"),
    # 0.1 km x detour 1.3 at 4.5 km/h walking = 1.7 minutes -> "about 2"
    ("travel, walking", {}, {"mobility": {"mode": "walking", "max_minutes": 20}}, "travel",
     "Ongeveer 2 minuten lopen (0,1 km hemelsbreed)",
     "About 2 minutes walking (0.1 km as the crow flies)"),
    ("schedule, none", {}, {}, "schedule", "Tijden in overleg (geen vaste dagdelen)",
     "Times by arrangement (no fixed slots)"),
    ("schedule, a slot", {"schedule": "tue:morning"}, {}, "schedule",
     "Op een moment dat het uitkomt: di ochtend", "At a time that suits: Tue morning"),
    ("cost, free", {"cost_per_month": 0}, {}, "cost", "Gratis", "Free of charge"),
    ("cost, amount", {"cost_per_month": 3}, {}, "cost", "Kost € 3,00 per maand",
     "Costs EUR 3.00 a month"),
    ("cost, unknown", {}, {}, "cost", "Kosten onbekend: even navragen", "Cost unknown: worth asking"),
    ("setting, as preferred", {"social_setting": "small_group"},
     {"social_preference": "small_group"}, "setting", "Gaat in een kleine groep, zoals gewenst",
     "Takes place in a small group, as preferred"),
    ("loneliness, emotional", {"kind": "buddy", "social_setting": "one_on_one"},
     {"loneliness": SEVERE_EMOTIONAL}, "loneliness",
     "Biedt persoonlijk contact, waar de antwoorden op de eenzaamheidsvragen om lijken te vragen",
     "Offers personal contact, which the loneliness answers seem to ask for"),
    ("loneliness, social", {"name": "Buurtvereniging", "social_setting": "large_group"},
     {"loneliness": SEVERE_SOCIAL}, "loneliness",
     "Biedt kans op nieuwe contacten, waar de antwoorden op de eenzaamheidsvragen om lijken te vragen",
     "Offers a chance of new contacts, which the loneliness answers seem to ask for"),
    ("first step", {"name": "Inloop met koffie", "social_setting": "small_group",
                    "cost_per_month": 0},
     {"loneliness": SEVERE_EMOTIONAL, "positive_health": {"mentaal_welbevinden": 3}},
     "first_step", "Laagdrempelig en dichtbij: een kleine eerste stap",
     "Low-threshold and close by: a small first step"),
    ("positive health, meaning", {"name": "Vrijwilliger", "kind": "volunteering"},
     {"positive_health": {"zingeving": 2}}, "positive_health",
     "Kan zingeving bieden: een betekenisvolle rol", "May add meaning: a purposeful role"),
    ("positive health, taking part", {"name": "Samen eten", "social_setting": "small_group"},
     {"positive_health": {"meedoen": 2}}, "positive_health",
     "Kan meedoen bevorderen: samen met anderen", "May support taking part, with others"),
    ("freshness, old", {"last_verified": "2023-03-01"}, {}, "stale",
     "Gegevens 44 maanden niet gecontroleerd: even nagaan of het nog loopt",
     "Entry not checked for 44 months: worth confirming it still runs"),
    ("target group, the client's own", {"name": "Mantelzorgcafé", "target_groups": "caregiver"},
     {"situation": ["caregiver"]}, "target_group", "Voor mantelzorgers, zoals u",
     "For carers, like you"),
    ("target group, an age group", {"name": "Soos", "target_groups": "older_people"},
     {"age": 70}, "target_group", "Bedoeld voor ouderen (55+)", "Meant for older people (55+)"),
    ("target group, gender unknown", {"name": "Vrouwengroep", "target_groups": "women"}, {},
     "target_group", "Alleen voor vrouwen: geslacht niet vastgelegd, even nagaan",
     "Only for women: gender not recorded, please check"),
    ("access unknown", {}, {"mobility": {"mode": "wheelchair"}}, "access_unknown",
     "Rolstoeltoegankelijkheid onbekend: vooraf navragen",
     "Wheelchair access unknown: check beforehand"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("record", "profile", "feature", "dutch", "english"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_reason_sentences(
    record: dict[str, Any], profile: dict[str, Any], feature: str, dutch: str, english: str
) -> None:
    assert reason(record, profile, feature, "nl") == dutch
    assert reason(record, profile, feature, "en") == english


def test_every_feature_has_a_sentence_in_the_table() -> None:
    from wor_match.features import FEATURES

    assert {f.name for f in FEATURES} == {case[3] for case in CASES}


def test_no_taking_part_for_a_meal_brought_to_the_door() -> None:
    meal = {"name": "Maaltijdservice aan huis", "kind": "meals", "delivery": "at_home",
            "tags": "warme maaltijd", "social_setting": "one_on_one"}  # fmt: skip
    assert reason(meal, {"positive_health": {"meedoen": 2}}, "positive_health", "nl") == ""
