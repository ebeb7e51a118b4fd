"""Person records and People pools: validation, loaders and the load report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import wor_match as wm
from wor_match.people import People, Person
from wor_match.people.pool import prefill_homes
from wor_match.people.synthetic import synthetic_people


def record(**fields: Any) -> dict[str, Any]:
    return {"person_id": "p1", "home": {"postcode": "2181"}, **fields}


def test_a_person_is_a_client_profile() -> None:
    person = Person.model_validate(record(consent="ja", seeks="Peer;buddy", interests="wandelen",
                                          partner={"gender": "female", "languages": "nl;EN"},
                                          diet="Halal", waiting_since="2026-01-02"))  # fmt: skip
    assert isinstance(person, wm.ClientProfile)
    assert person.client_id == person.person_id == "p1"
    assert person.consent is True
    assert person.seeks == ["peer", "buddy"]
    assert person.partner.languages == ["nl", "en"]
    assert person.diet == ["halal"]
    assert person.home.gemeente == "Hillegom"
    assert "client_id" not in person.model_dump()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"person_id": None}, "person_id: Input should be a valid string"),
        ({"client_id": "c1"}, "a person record has person_id, not client_id"),
        ({"capacity": -1}, "capacity: Input should be greater than or equal to 0"),
        ({"capacity": 51}, "capacity: Input should be less than or equal to 50"),
        ({"seeks": "friends"}, "seeks.0: Input should be 'peer', 'buddy' or 'meals'"),
        ({"offers": "peer"}, "offers.0: Input should be 'buddy' or 'meals'"),
        (
            {"partner": {"min_age": 70, "max_age": 60}},
            "partner.min_age must not be above partner.max_age",
        ),
        ({"diet": "chocolate"}, "diet.0: Input should be 'vegetarian'"),
        ({"gender": "unknown-value"}, "gender: Input should be 'female', 'male' or 'other'"),
        (
            {"situation": "secret-divorce"},
            "situation: target groups must be codes such as caregiver",
        ),
        ({"consent": "perhaps"}, "consent: Input should be a valid boolean"),
    ],
)
def test_invalid_records_name_field_and_rule_not_value(
    fields: dict[str, Any], message: str
) -> None:
    with pytest.raises(
        wm.InvalidProfileError,
        match="^Invalid person record: .*" + message.replace("(", r"\(").replace(")", r"\)"),
    ) as info:
        Person.model_validate(record(**fields))
    for value in ("unknown-value", "secret-divorce", "perhaps", "chocolate", "friends"):
        assert value not in str(info.value)


def test_missing_consent_is_no_consent() -> None:
    assert Person.model_validate(record()).consent is False
    assert Person.model_validate(record(consent="")).consent is False
    assert Person.model_validate(record(consent="nee")).consent is False


def test_from_records_rejects_rows_with_reasons() -> None:
    people = People.from_records([
        record(person_id="a", consent=True),
        record(person_id="b", age=300),
        record(person_id="a"),
        {"person_id": "c"},
        "not a record",
        record(person_id="d", home={"postcode": "0000"}),
    ], source="test")  # type: ignore[list-item]  # fmt: skip
    report = people.report
    assert report.rows_in == 6 == report.accepted + len(report.rejected)
    assert [p.person_id for p in people] == ["a"]
    assert report.to_frame().to_dict(orient="records") == [
        {"row": 2, "person_id": "b",
         "message": "Invalid person record: age: Input should be less than or equal to 120"},
        {"row": 3, "person_id": "a", "message": "duplicate person_id (first seen in row 1)"},
        {"row": 4, "person_id": "c", "message": "Invalid person record: home: Field required"},
        {"row": 5, "person_id": "", "message": "a person record must be an object"},
        {"row": 6, "person_id": "d",
         "message": "Invalid client profile: home.postcode: must be a Dutch postcode such as "
                    "'2181' or '2181 AB'"},
    ]  # fmt: skip
    assert str(report) == "test: 6 rows in, 1 accepted, 5 rejected"
    with pytest.raises(wm.CatalogueError, match="test row 2 rejected: Invalid person record: age"):
        People.from_records(
            [record(person_id="a"), record(person_id="b", age=300)], source="test", strict=True
        )


def test_people_rejects_duplicate_ids_directly() -> None:
    person = Person.model_validate(record())
    with pytest.raises(wm.CatalogueError, match="person_id must be unique in a pool"):
        People([person, person])


def test_from_csv_reads_flat_columns(tmp_path: Path) -> None:
    path = tmp_path / "pool.csv"
    pd.DataFrame([
        {"person_id": "a", "postcode": "2181", "lat": "", "lon": "", "consent": "true",
         "seeks": "peer;buddy", "offers": "", "mode": "bicycle", "max_minutes": "15",
         "partner_min_age": "60", "partner_gender": "female", "availability": "tue:morning",
         "diet": "", "capacity": ""},
        {"person_id": "b", "postcode": "", "lat": "52.1", "lon": "5.1", "consent": "",
         "seeks": "", "offers": "meals", "mode": "", "max_minutes": "", "partner_min_age": "",
         "partner_gender": "", "availability": "", "diet": "halal;vegan", "capacity": "3"},
        {"person_id": "c", "postcode": "", "lat": "north", "lon": "5.1", "consent": "",
         "seeks": "", "offers": "", "mode": "", "max_minutes": "", "partner_min_age": "",
         "partner_gender": "", "availability": "", "diet": "", "capacity": ""},
    ]).to_csv(path, index=False)  # fmt: skip
    people = People.from_csv(path)
    a, b = people.get("a"), people.get("b")
    assert (a.mobility.mode, a.mobility.max_minutes, a.partner.min_age) == ("bicycle", 15, 60)
    assert a.partner.gender == ["female"]
    assert a.availability_mask == 1 << 3
    assert (b.consent, b.offers, b.capacity, b.diet) == (False, ["meals"], 3, ["halal", "vegan"])
    assert b.home.pc4 is not None
    assert people.report.rejected == [{"row": 3, "person_id": "c",
                                       "message": "Invalid client profile: home.lat: must be a "
                                       "finite number of degrees between -90 and 90"}]  # fmt: skip
    with pytest.raises(
        wm.CatalogueError, match=r"no people file at .*missing\.csv; give the path of a CSV file"
    ):
        People.from_csv(tmp_path / "missing.csv")


def test_prefilled_homes_validate_to_the_same_people() -> None:
    records = [
        *synthetic_people(150, seed=3).records,
        record(person_id="x", home={"postcode": "2181 AB"}),
        record(person_id="y", home={"lat": 10.0, "lon": 10.0}),  # no PC4 within 5 km
        record(person_id="z", home={"postcode": "9999"}),
    ]

    def validate(r: dict[str, Any]) -> Person | str:
        try:
            return Person.model_validate(r)
        except wm.WorMatchError as error:
            return str(error)

    assert [validate(r) for r in prefill_homes(records)] == [validate(r) for r in records]


def test_lookups() -> None:
    people = People.from_records([record(person_id="a"), record(person_id="b")])
    assert "a" in people
    assert "zz" not in people
    assert people[1].person_id == "b"
    assert len(people[:1]) == 1
    with pytest.raises(KeyError, match="no person with person_id 'zz' in this pool"):
        people.get("zz")
    assert repr(people) == "People(2 people; records: 2 rows in, 2 accepted, 0 rejected)"
