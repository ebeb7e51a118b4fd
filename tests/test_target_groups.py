"""Target groups and services: vocabulary, inference, rules, bonus and caution."""

from __future__ import annotations

import pytest

import wor_match as wm
from tests.conftest import TODAY
from wor_match.target_groups import AGE_LIMITS, TARGET_GROUPS, target_group_codes

HOME = {"lat": 52.29, "lon": 4.58}
HERE = {"lat": 52.29, "lon": 4.58, "delivery": "on_site"}


def catalogue(*records: dict) -> wm.Catalogue:
    return wm.Catalogue.from_records(
        [{"activity_id": f"a{i}", **HERE, **r} for i, r in enumerate(records, start=1)]
    )


def recommend(cat: wm.Catalogue, language: str = "nl", **profile: object) -> wm.Recommendations:
    return wm.recommend({"client_id": "c", "home": HOME, **profile}, cat, k=10, today=TODAY,
                        language=language)  # type: ignore[arg-type]  # fmt: skip


def test_synonyms_become_codes_in_vocabulary_order() -> None:
    assert target_group_codes("ouderen; Mantelzorgers") == ["caregiver", "older_people"]
    assert target_group_codes(["statushouders", "55+", "Chronische pijn"]) == [
        "newcomer", "chronic_illness", "older_people",
    ]  # fmt: skip
    assert target_group_codes(None) == []
    assert set(AGE_LIMITS) <= set(TARGET_GROUPS)


def test_unknown_group_is_rejected_without_echo() -> None:
    with pytest.raises(ValueError, match="target groups must be codes such as caregiver"):
        target_group_codes("pensionado")
    with pytest.raises(wm.InvalidProfileError, match="situation: target groups must be") as info:
        wm.ClientProfile.model_validate({"client_id": "c", "home": HOME, "situation": "xyzzy"})
    assert "xyzzy" not in str(info.value)


def test_gender_accepts_dutch_and_rejects_other_values() -> None:
    profile = wm.ClientProfile.model_validate({"client_id": "c", "home": HOME, "gender": "Vrouw"})
    assert profile.gender == "female"
    with pytest.raises(wm.InvalidProfileError, match="gender: Input should be 'female'"):
        wm.ClientProfile.model_validate({"client_id": "c", "home": HOME, "gender": "unknown"})


def test_inferred_groups_are_noted_in_the_report() -> None:
    cat = catalogue(
        {"name": "Rouwgroep", "description": "Voor wie een dierbare heeft verloren"},
        {"name": "Koffie", "description": "Voor mantelzorgers", "target_groups": "everyone"},
        {"name": "Taalmaatje worden", "kind": "volunteering", "tags": "nieuwkomers"},
        {"name": "Spreekuur schuldhulp"},
    )
    messages = {(w["activity_id"], w["message"]) for w in cat.report.warnings}
    assert ("a1", "target group inferred from the text: bereaved") in messages
    assert ("a4", "kind inferred from the text: service") in messages
    assert ("a4", "target group inferred from the text: money_worries") in messages
    assert cat["a1"].target_groups == ["bereaved"]
    assert cat["a2"].target_groups == ["everyone"]  # said explicitly: nothing inferred
    assert cat["a3"].target_groups == []  # a volunteer role is for helpers, not the group
    assert cat["a4"].kind == "service"


def test_circumstance_group_is_a_hard_filter_and_a_bonus() -> None:
    cat = catalogue({"name": "Koffieochtend", "target_groups": "mantelzorgers"})
    outside = recommend(cat)
    assert outside.excluded["a1"] == ("not_target_group",)
    assert outside.why_not("a1") == ["Bedoeld voor mantelzorgers"]
    assert recommend(cat, language="en").why_not("a1") == ["Meant for carers"]
    inside = recommend(cat, situation=["mantelzorger"])
    (item,) = inside
    assert "Voor mantelzorgers, zoals u" in item.reasons
    points = {c.feature: c.points for c in item.explanation.contributions}
    assert points["target_group"] == pytest.approx(1.5)  # value 1.0 x weight 1.5


def test_age_group_is_an_age_limit_only_when_the_offer_gives_none() -> None:
    cat = catalogue(
        {"name": "Senioren wandelen", "target_groups": "older_people"},
        {"name": "Senioren yoga", "target_groups": "older_people", "min_age": 40},
        {"name": "Kinderdansles", "description": "Voor kinderen van 4 tot 12 jaar"},
    )
    recs = recommend(cat, age=50)
    assert recs.excluded["a1"] == ("age_out_of_range",)  # 55+ (AGE_LIMITS), and 50 < 55
    assert "a2" not in recs.excluded  # its own min_age 40 holds
    assert recs.excluded["a3"] == ("age_out_of_range",)  # children: up to 12
    assert cat["a1"].min_age is None  # the activity still says what the catalogue said
    assert "a3" not in recommend(cat, age=9).excluded


def test_gender_groups_filter_when_stated_and_caution_when_not() -> None:
    cat = catalogue({"name": "Vrouwengroep", "target_groups": "vrouwen"})
    assert recommend(cat, gender="male").excluded["a1"] == ("not_target_gender",)
    (same,) = recommend(cat, gender="female")
    assert "Bedoeld voor vrouwen" in same.reasons
    (unknown,) = recommend(cat)
    assert "Alleen voor vrouwen: geslacht niet vastgelegd, even nagaan" in unknown.reasons
    (english,) = recommend(cat, language="en")
    assert "Only for women: gender not recorded, please check" in english.reasons


def test_a_service_needs_the_situation_or_the_words_to_ask_for_it() -> None:
    cat = catalogue(
        {"name": "Formulierenhulp", "kind": "service", "description": "Hulp bij post en brieven"},
        {"name": "Budgetcoach", "kind": "service", "target_groups": "money_worries"},
    )
    company = recommend(cat, interests=["gezelschap"])
    assert company.excluded == {"a1": ("service_not_asked",), "a2": ("service_not_asked",)}
    worded = recommend(cat, interests=["brieven"])
    assert [r.activity_id for r in worded] == ["a1"]
    situated = recommend(cat, situation=["geldzorgen"])
    assert [r.activity_id for r in situated] == ["a2"]
