"""De Jong Gierveld scoring against the manual (../shared/DOMAIN.md), values by hand."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from wor_match.models.loneliness import (
    DJG6_ITEMS,
    DJG_ITEMS,
    LonelinessScore,
    score_djg,
)

NEGATIVE = [2, 3, 5, 6, 9, 10]  # emotional items, lonely when "yes"
POSITIVE = [1, 4, 7, 8, 11]  # social items, lonely when "no"


def test_item_table_follows_the_manual() -> None:
    assert sorted(i for i, (w, _) in DJG_ITEMS.items() if w == "negative") == NEGATIVE
    assert sorted(i for i, (_, s) in DJG_ITEMS.items() if s == "emotional") == NEGATIVE
    assert sorted(i for i, (w, _) in DJG_ITEMS.items() if w == "positive") == POSITIVE
    assert sorted(i for i, (_, s) in DJG_ITEMS.items() if s == "social") == POSITIVE
    assert sorted(DJG6_ITEMS) == [3, 4, 7, 8, 9, 10]


def test_nobody_lonely_and_everybody_lonely() -> None:
    none = score_djg({**{i: "no" for i in NEGATIVE}, **{i: "yes" for i in POSITIVE}})
    assert (none.scale, none.emotional, none.social, none.total, none.band) == (
        "djg11",
        0,
        0,
        0,
        "not_lonely",
    )
    full = score_djg({**{i: "yes" for i in NEGATIVE}, **{i: "no" for i in POSITIVE}})
    assert (full.emotional, full.social, full.total, full.band) == (6, 5, 11, "very_severe")


def test_more_or_less_always_counts() -> None:
    score = score_djg({i: "more_or_less" for i in DJG_ITEMS})
    assert (score.emotional, score.social, score.total) == (6, 5, 11)


def test_a_mixed_djg11_by_hand() -> None:
    # emotional: 2 yes (1), 3 more or less (1), 5 no (0), 6 no (0), 9 yes (1), 10 no (0) = 3
    # social: 1 no (1), 4 yes (0), 7 more or less (1), 8 yes (0), 11 yes (0) = 2
    answers = {
        1: "nee",
        2: "ja",
        3: "min of meer",
        4: "ja",
        5: "nee",
        6: "nee",
        7: "more or less",
        8: "yes",
        9: "Ja ",
        10: "no",
        11: "yes",
    }
    score = score_djg(answers)
    assert (score.scale, score.emotional, score.social, score.total) == ("djg11", 3, 2, 5)
    assert score.band == "moderate"
    assert score.emotional_share == pytest.approx(3 / 6)
    assert score.social_share == pytest.approx(2 / 5)


def test_djg6_by_hand() -> None:
    # emotional 3 yes (1), 9 more or less (1), 10 no (0) = 2; social 4 no (1), 7 yes, 8 yes = 1
    score = score_djg(
        {"3": "yes", "9": "more_or_less", "10": "no", "4": "no", "7": "yes", "8": "yes"}
    )
    assert (score.scale, score.emotional, score.social, score.total) == ("djg6", 2, 1, 3)
    assert score.band == "moderate"
    assert score.emotional_share == pytest.approx(2 / 3)


@pytest.mark.parametrize(
    ("scale", "total", "band"),
    [("djg11", 0, "not_lonely"), ("djg11", 2, "not_lonely"), ("djg11", 3, "moderate"),
     ("djg11", 8, "moderate"), ("djg11", 9, "severe"), ("djg11", 10, "severe"),
     ("djg11", 11, "very_severe"), ("djg6", 0, "not_lonely"), ("djg6", 1, "not_lonely"),
     ("djg6", 2, "moderate"), ("djg6", 4, "moderate"), ("djg6", 5, "severe"),
     ("djg6", 6, "severe")],
)  # fmt: skip
def test_band_boundaries(scale: str, total: int, band: str) -> None:
    assert LonelinessScore(scale=scale, total=total).band == band  # type: ignore[arg-type]


def test_missing_answers_follow_the_manual() -> None:
    answers: dict[int, Any] = {i: "yes" for i in DJG_ITEMS}  # emotional 6, social 0
    one = score_djg({**answers, 9: None})  # an emotional item missing
    assert (one.emotional, one.social, one.total) == (None, 0, 5)  # total of the answered
    assert one.band == "moderate"
    two = score_djg({**answers, 9: None, 1: None})
    assert (two.emotional, two.social, two.total, two.band) == (None, None, None, None)
    short = score_djg({3: "yes", 9: "yes", 10: "yes", 4: None, 7: "no", 8: "no"})
    assert (short.emotional, short.social, short.total, short.band) == (3, None, 5, "severe")


@pytest.mark.parametrize(
    ("answers", "message"),
    [({1: "yes"}, "all 11 items"), ({12: "yes"}, "item numbers 1-11"),
     ({"x": "yes"}, "item numbers 1-11"), ({3: "sometimes"}, "item 3: answers must be")],
)  # fmt: skip
def test_bad_answers_name_the_rule(answers: dict[Any, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        score_djg(answers)


def test_subscale_scores_given_directly() -> None:
    score = LonelinessScore(scale="djg11", emotional=4, social=2)
    assert (score.total, score.band) == (6, "moderate")
    assert LonelinessScore.model_validate({"djg_answers": {i: "no" for i in DJG6_ITEMS}}).scale == (
        "djg6"
    )
    for bad in (
        {"scale": "djg11", "emotional": 7},
        {"scale": "djg6", "social": 4},
        {"scale": "djg6", "total": 7},
    ):
        with pytest.raises(ValidationError, match="must be between 0 and"):
            LonelinessScore.model_validate(bad)


def test_errors_do_not_echo_the_answers() -> None:
    with pytest.raises(ValidationError) as caught:
        LonelinessScore.model_validate({"djg_answers": {3: "geheim-antwoord"}})
    assert "geheim-antwoord" not in str(caught.value)


ANSWER = st.sampled_from(["yes", "more_or_less", "no", "ja", "min_of_meer", "nee"])


@given(answers=st.fixed_dictionaries({i: ANSWER for i in DJG_ITEMS}))
def test_total_is_the_sum_of_the_subscales(answers: dict[int, str]) -> None:
    score = score_djg(answers)
    assert score.emotional is not None
    assert score.social is not None
    assert score.total == score.emotional + score.social
    assert 0 <= score.emotional <= 6
    assert 0 <= score.social <= 5


@given(
    answers=st.fixed_dictionaries({i: ANSWER for i in DJG_ITEMS}),
    item=st.sampled_from(sorted(DJG_ITEMS)),
)
def test_a_lonelier_answer_never_lowers_the_score(answers: dict[int, str], item: int) -> None:
    lonely = "yes" if item in NEGATIVE else "no"
    before, after = score_djg(answers), score_djg({**answers, item: lonely})
    assert after.total is not None
    assert before.total is not None
    assert after.total >= before.total
    assert after.total - before.total <= 1
