"""The language filter holds for any number of language codes in a catalogue (it used to
give every code past bit 62 the same bit, so clients got offers in languages they do not
speak)."""

from __future__ import annotations

import itertools
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import make_catalogue
from wor_match import ClientProfile, recommend

#: 130 two-letter codes (the model accepts any two letters as a code)
CODES = ["".join(pair) for pair in itertools.product("abcde", string.ascii_lowercase)]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    offered=st.lists(
        st.lists(st.sampled_from(CODES), min_size=1, max_size=3, unique=True),
        min_size=20,
        max_size=40,
    ),
    spoken=st.lists(st.sampled_from(CODES), min_size=1, max_size=3, unique=True),
    extra=st.just(CODES),
)
def test_language_filter_holds_for_any_number_of_codes(
    offered: list[list[str]], spoken: list[str], extra: list[str]
) -> None:
    records = [
        {"activity_id": f"a{i:03d}", "name": "Online", "delivery": "online",
         "languages": languages}
        for i, languages in enumerate(offered)
    ]  # fmt: skip
    # one more activity holding every code, so the catalogue always knows 130 codes
    records.append({"activity_id": "zzz", "name": "Alle talen", "delivery": "online",
                    "languages": extra})  # fmt: skip
    catalogue = make_catalogue(records)
    assert len(catalogue.language_bits) == len(CODES) > 100
    profile = ClientProfile.model_validate(
        {"client_id": "c", "home": {"lat": 52.0, "lon": 4.0}, "languages": spoken}
    )
    recs = recommend(profile, catalogue, k=len(records))
    feasible = {activity_id for activity_id, _ in recs.ranking}
    for record in records:
        shares = bool(set(record["languages"]) & set(spoken))
        reasons = recs.excluded.get(record["activity_id"], ())
        assert ("no_shared_language" in reasons) == (not shares), record
        assert (record["activity_id"] in feasible) == shares, record


def test_codes_past_bit_63_are_told_apart() -> None:
    # the failing case: 70 codes, the client speaks the 70th; an offer in the 64th only
    codes = CODES[:70]
    catalogue = make_catalogue(
        [{"activity_id": "all", "name": "x", "delivery": "online", "languages": codes[:-1]},
         {"activity_id": "c64", "name": "y", "delivery": "online", "languages": [codes[63]]},
         {"activity_id": "c70", "name": "z", "delivery": "online", "languages": [codes[69]]}]
    )  # fmt: skip
    profile = {"client_id": "c", "home": {"lat": 52.0, "lon": 4.0}, "languages": [codes[69]]}
    recs = recommend(profile, catalogue)
    assert [r.activity_id for r in recs] == ["c70"]
    assert recs.excluded["c64"] == ("no_shared_language",)
