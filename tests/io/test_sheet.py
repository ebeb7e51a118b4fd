"""Spreadsheet import: the messy sociale-kaart fixture, value parsers and mapping errors."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from wor_match import Catalogue, CatalogueError, MissingExtraError
from wor_match.io import ImportResult, read_sheet
from wor_match.io.sheet import guess_mapping

from .conftest import FIXTURES

MESSY = FIXTURES / "sociale_kaart_messy.csv"


@pytest.fixture(scope="module")
def messy() -> ImportResult:
    return read_sheet(MESSY)


def row(result: ImportResult, number: int) -> dict[str, object]:
    rows = result.report[result.report["source_row"] == number]
    assert len(rows) == 1
    return dict(rows.iloc[0])


def record(result: ImportResult, number: int) -> dict[str, object]:
    (found,) = [r for r in result.records if r["source"].endswith(f":row {number}")]
    return found


def test_every_row_is_accounted_for(messy: ImportResult) -> None:
    counts = messy.counts
    assert counts["rows_in"] == 11  # 11 data rows under the header, blank ones included
    assert counts["rows_in"] == counts["accepted"] + counts["rejected"]
    assert counts["rejected"] == 3
    assert list(messy.report["source_row"]) == list(range(1, 12))


def test_rejections(messy: ImportResult) -> None:
    assert row(messy, 4)["reason"] == "duplicate of row 1 (same name, provider, place and time)"
    assert row(messy, 6)["reason"] == "name: required, the row has no name"
    assert row(messy, 10)["reason"] == "empty row"


def test_clean_row(messy: ImportResult) -> None:
    assert record(messy, 1) == {
        "activity_id": record(messy, 1)["activity_id"],
        "name": "Wandelgroep De Stap",
        "description": "Samen wandelen in de polder\nAdres: Hoofdstraat 1, Hillegom\n"
        "Doelgroep: ouderen",
        "tags": ["ouderen"],
        "postcode": "2181 EA",
        "schedule": [{"day": "tue", "part": "morning"}],  # "di" + "10:00-12:00"
        "cost_per_month": 0.0,  # Gratis: ja
        "wheelchair_accessible": True,
        "min_age": 55,  # "55+"
        "provider": "Welzijn Hillegom",
        "contact": "0252-123456",
        "url": "http://www.welzijnhillegom.nl",
        "last_verified": "2026-03-12",  # 12-03-2026, day first
        "source": "sheet:sociale_kaart_messy:row 1",
    }
    assert str(record(messy, 1)["activity_id"]).startswith("wandelgroep-de-stap-")
    assert row(messy, 1)["warnings"] == ""
    assert row(messy, 1)["geo_precision"] == "pc4"


def test_postcode_from_address_and_cost_per_session(messy: ImportResult) -> None:
    koffie = record(messy, 2)
    assert koffie["postcode"] == "2182 AB"
    assert koffie["schedule"] == [{"day": "wed", "part": "morning"}]  # elke woensdagochtend
    assert "cost_per_month" not in koffie
    assert "Kosten: € 1,00 per keer" in str(koffie["description"])
    assert row(messy, 2)["warnings"] == (
        "postcode missing: taken from the address | "
        "cost: '€ 1,00 per keer' is per session, not per month: cost unknown"
    )


def test_place_centroid_and_monthly(messy: ImportResult) -> None:
    repair = record(messy, 3)
    assert row(messy, 3)["geo_precision"] == "place"
    assert 50.8 < float(repair["lat"]) < 51.0  # Meerssen, Limburg
    assert repair["schedule"] == [{"day": "sat", "part": "afternoon"}]
    assert "not weekly" in str(row(messy, 3)["warnings"])


def test_near_duplicate_is_a_warning(messy: ImportResult) -> None:
    assert row(messy, 5)["status"] == "accepted"
    assert (
        row(messy, 5)["warnings"] == "possibly the same activity as row 1 (same name and provider)"
    )


def test_every_problem_reported_by_row(messy: ImportResult) -> None:
    warnings = str(row(messy, 7)["warnings"]).split(" | ")
    assert warnings == [
        "postcode: '99999' is not a Dutch postcode (1234 AB or 1234): ignored",
        "place: 'Atlantis' is not a known Dutch place or gemeente",
        "no location: give a postcode or place, or the activity cannot be matched by distance",
        "wheelchair_accessible: 'deels' (partly) read as unknown",
        "url: 'zie folder' contains spaces: not a web address, not used",
        "last_verified: only a month given, the 1st is used",
    ]
    schilder = record(messy, 7)
    assert schilder["cost_per_month"] == 10.0
    assert (schilder["min_age"], schilder["max_age"]) == (18, 99)
    assert len(schilder["schedule"]) == 5  # ma t/m vr ochtend
    taal = str(row(messy, 9)["warnings"])
    for expected in (
        "schedule: no day or time found in 'elke week'",
        "schedule: text not read as time slots (kept in description)",
        "cost: no period (per week, per maand, ...) in '€5': cost unknown",
        "age: 'volwassenen' not understood (kept in description)",
        "last_verified: '31-02-2026' is not a valid date (day-month-year)",
    ):
        assert expected in taal
    assert "Wanneer: elke week" in str(record(messy, 9)["description"])


def test_flexible_buddy_and_voluntary_contribution(messy: ImportResult) -> None:
    maatje = record(messy, 8)
    assert "schedule" not in maatje  # "in overleg": flexible
    assert maatje["cost_per_month"] == 0.0
    assert maatje["tags"] == ["eenzame ouderen", "mantelzorgers"]
    warnings = str(row(messy, 8)["warnings"]).split(" | ")
    assert "cost: voluntary contribution read as free" in warnings
    # "Maatje aan huis": no kind or delivery column, so both are guessed, and said so
    assert (maatje["kind"], maatje["delivery"]) == ("buddy", "at_home")
    assert warnings[:2] == [
        "kind guessed from the name or description: buddy (a 'soort' or 'vorm' column makes "
        "it certain)",
        "delivery guessed from the name or description: at_home (a 'soort' or 'vorm' column "
        "makes it certain)",
    ]
    assert not any(w.startswith("no location") for w in warnings)  # it comes to the client


def test_kind_column_wins_over_the_guess(tmp_path: Path) -> None:
    path = tmp_path / "k.csv"
    path.write_text(
        "Naam;Soort;Plaats\nMaatje voor de moestuin;activiteit;Hillegom\n", encoding="utf-8"
    )
    (only,) = read_sheet(path).records
    assert only["kind"] == "activity"


def test_list_of_days_is_not_a_range(messy: ImportResult) -> None:
    yoga = record(messy, 11)
    assert yoga["schedule"] == [
        {"day": "tue", "part": "afternoon"},
        {"day": "thu", "part": "afternoon"},
    ]
    assert yoga["cost_per_month"] == 10.83  # 2.50 x 52 / 12 = 10.833


def test_unmapped_columns_are_noted(messy: ImportResult) -> None:
    assert "columns not mapped, not used: Opmerking" in messy.notes


def test_records_load_into_the_catalogue(messy: ImportResult) -> None:
    catalogue = Catalogue.from_records(messy.records)
    assert len(catalogue) == messy.counts["accepted"]


def test_catalogue_csv_reads_back_unchanged(tmp_path: Path) -> None:
    # a catalogue in the core's CSV form is a spreadsheet too: every activity comes back
    from wor_match import Activity, load_demo_catalogue

    catalogue = load_demo_catalogue()
    catalogue.to_csv(tmp_path / "demo.csv")
    result = read_sheet(tmp_path / "demo.csv")
    assert result.counts["rejected"] == 0
    back = {r["activity_id"]: Activity.model_validate(r).to_record() for r in result.records}
    for activity in catalogue:
        expected = activity.to_record()
        got = back[activity.activity_id]
        expected["schedule"], got["schedule"] = (
            sorted(expected["schedule"]),
            sorted(got["schedule"]),
        )
        if not expected["source"]:
            assert got.pop("source").startswith("sheet:demo:row ")
            expected.pop("source")
        assert got == expected


# ------------------------------------------------------------------ mappings
def test_explicit_mapping_overrides_guesses(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("Activiteit,Wijk,Wanneer\nBreiclub,Hillegom,do middag\n", encoding="utf-8")
    result = read_sheet(path, {"Wijk": "place"})
    (only,) = result.records
    assert only["name"] == "Breiclub"
    assert only["schedule"] == [{"day": "thu", "part": "afternoon"}]
    assert result.report["geo_precision"].tolist() == ["place"]


def test_cost_per_month_column_needs_no_period(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("Naam;cost_per_month\nKoor;€ 12,50\nBreien;gratis\n", encoding="utf-8")
    assert [r["cost_per_month"] for r in read_sheet(path).records] == [12.5, 0.0]


def test_cells_beyond_the_header_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("Naam,Plaats\nKoor,Hillegom,zondag,\nBreien,Lisse\n", encoding="utf-8")
    result = read_sheet(path)
    first, second = result.report["warnings"].tolist()
    assert first.endswith(" | 1 cell(s) right of the last header not read: 'zondag'")
    assert "right of the last header" not in second


@pytest.mark.parametrize(
    ("file_name", "text"), [("m.json", '{"Kostprijs": "cost"}'), ("m.yaml", "Kostprijs: cost\n")]
)
def test_mapping_from_json_and_yaml(tmp_path: Path, file_name: str, text: str) -> None:
    if file_name.endswith(".yaml") and importlib.util.find_spec("yaml") is None:
        pytest.skip("PyYAML not installed (pip install pyyaml)")
    sheet = tmp_path / "s.csv"
    sheet.write_text("Titel;Kostprijs\nKoor;€ 60 per jaar\n", encoding="utf-8")
    (tmp_path / file_name).write_text(text, encoding="utf-8")
    (only,) = read_sheet(sheet, tmp_path / file_name).records
    assert only["cost_per_month"] == 5.0  # 60 / 12


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"Naam": "title"}, r"mapping: target 'title' of column 'Naam' is not an activity field"),
        ({"Bestaat niet": "name"}, r"mapping names columns not in the sheet: \['Bestaat niet'\]"),
        ({"Naam": 3}, r'a mapping is an object of "sheet header": "field" strings'),
    ],
)
def test_mapping_errors(mapping: dict[str, object], message: str) -> None:
    with pytest.raises(CatalogueError, match=message):
        read_sheet(MESSY, mapping)  # type: ignore[arg-type]


def test_mapping_file_errors(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="mapping file not found"):
        read_sheet(MESSY, tmp_path / "nope.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"mapping file bad\.json is not valid JSON"):
        read_sheet(MESSY, bad)


def test_sheet_errors(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="spreadsheet not found"):
        read_sheet(tmp_path / "x.csv")
    odd = tmp_path / "x.ods"
    odd.write_text("", encoding="utf-8")
    with pytest.raises(
        CatalogueError, match=r"spreadsheets must be \.csv, \.tsv or \.xlsx; got '\.ods'"
    ):
        read_sheet(odd)
    empty = tmp_path / "e.csv"
    empty.write_text("\n\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"e\.csv is empty: it needs a header row"):
        read_sheet(empty)
    nameless = tmp_path / "n.csv"
    nameless.write_text("Foo,Bar\n1,2\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="no column maps to name"):
        read_sheet(nameless)


def test_title_lines_above_the_header(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        "Sociale kaart Hillegom\nVersie november 2026;;\n;;\n"
        "Naam;Plaats;Tijd\nBreiclub;Hillegom;do middag\n",
        encoding="utf-8",
    )
    result = read_sheet(path)
    assert [r["name"] for r in result.records] == ["Breiclub"]
    assert result.notes[0] == (
        "header on line 4 (spreadsheet line = row + 4); lines above it not read: "
        "'Sociale kaart Hillegom' / 'Versie november 2026'"
    )


def test_semicolon_file_with_commas_in_the_text(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        "Naam;Omschrijving\nKoor;zingen, lachen, koffie, thee en taart\n"
        "Breien;wol, naalden, gezelligheid\n",
        encoding="utf-8",
    )
    result = read_sheet(path)
    assert [r["description"] for r in result.records] == [
        "zingen, lachen, koffie, thee en taart",
        "wol, naalden, gezelligheid",
    ]


def test_unreadable_csv(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    path.write_text('Naam,Omschrijving\nKoor,"' + "x" * 140_000 + '"\n', encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"huge\.csv is not a readable CSV file: field larger"):
        read_sheet(path)


def test_windows_1252_and_tabs(tmp_path: Path) -> None:
    path = tmp_path / "w.tsv"
    path.write_bytes("Naam\tPlaats\nCaf\xe9 ontmoeting\tEnschede\n".encode("latin-1"))
    (only,) = read_sheet(path).records
    assert only["name"] == "Café ontmoeting"


def test_guess_mapping_english_twins() -> None:
    headers = [
        "Name",
        "Description",
        "Organisation",
        "Postal code",
        "City",
        "Day",
        "Time",
        "Cost",
        "Free",
        "Wheelchair accessible",
        "Age",
        "Target group",
        "Website",
        "Last checked",
    ]
    assert list(guess_mapping(headers).values()) == [
        "name",
        "description",
        "provider",
        "postcode",
        "place",
        "day",
        "time",
        "cost",
        "free",
        "wheelchair_accessible",
        "age",
        "target_group",
        "url",
        "last_verified",
    ]


# ------------------------------------------------------------------ excel
def test_xlsx(tmp_path: Path) -> None:
    if importlib.util.find_spec("openpyxl") is None:
        pytest.skip("openpyxl not installed (pip install 'wor_match[excel]')")
    import datetime as dt

    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Naam", "Postcode", "Dag", "Tijd", "Laatst gecontroleerd"])
    sheet.append(["Schaakclub", 2181, "wo", "19:30-22:00", dt.datetime(2026, 5, 4)])
    path = tmp_path / "k.xlsx"
    workbook.save(path)
    (only,) = read_sheet(path).records
    assert only["postcode"] == "2181"
    assert only["schedule"] == [{"day": "wed", "part": "evening"}]
    assert only["last_verified"] == "2026-05-04"


def test_messy_fixture_as_xlsx_gives_the_same_report(messy: ImportResult, tmp_path: Path) -> None:
    if importlib.util.find_spec("openpyxl") is None:
        pytest.skip("openpyxl not installed (pip install 'wor_match[excel]')")
    import csv

    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    with MESSY.open(encoding="utf-8", newline="") as handle:
        for cells in csv.reader(handle, delimiter=";"):
            sheet.append(cells)
    path = tmp_path / "sociale_kaart_messy.xlsx"
    workbook.save(path)
    result = read_sheet(path)
    columns = [c for c in result.report.columns if c != "source"]
    assert result.report[columns].equals(messy.report[columns])
    assert result.records == messy.records


def test_xlsx_unknown_sheet(tmp_path: Path) -> None:
    if importlib.util.find_spec("openpyxl") is None:
        pytest.skip("openpyxl not installed (pip install 'wor_match[excel]')")
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.title = "Aanbod"
    workbook.active.append(["Naam"])
    path = tmp_path / "k.xlsx"
    workbook.save(path)
    assert read_sheet(path, sheet="Aanbod").counts["rows_in"] == 0
    with pytest.raises(
        CatalogueError, match=r"sheet 'Blad1' not in k\.xlsx; its sheets are \['Aanbod'\]"
    ):
        read_sheet(path, sheet="Blad1")


def hide_module(monkeypatch: pytest.MonkeyPatch, hidden: str) -> None:
    import builtins

    real_import = builtins.__import__

    def fake_import(name: str, *args: object, **kwargs: object) -> object:
        if name == hidden:
            raise ImportError(name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", fake_import)


def test_yaml_mapping_without_pyyaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mapping = tmp_path / "m.yaml"
    mapping.write_text("Naam: name\n", encoding="utf-8")
    hide_module(monkeypatch, "yaml")
    with pytest.raises(MissingExtraError, match=r"a YAML mapping needs PyYAML: pip install pyyaml"):
        read_sheet(MESSY, mapping)


def test_xlsx_without_openpyxl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hide_module(monkeypatch, "openpyxl")
    path = tmp_path / "k.xlsx"
    path.write_bytes(b"PK")
    with pytest.raises(MissingExtraError, match=r"pip install 'wor_match\[excel\]'"):
        read_sheet(path)


# ------------------------------------------------------------------ staleness, CSV form
def test_flag_stale(messy: ImportResult) -> None:
    import datetime as dt

    flagged = messy.flag_stale(max_age_days=180, today=dt.date(2026, 11, 22))
    # cutoff 2026-05-26: rows 1 and 5 (2026-03-12), 2 (2026-01-15), 7 (2026-03-01) are stale;
    # row 11 (2026-10-01) is not; rows 3, 8, 9 were never verified
    stale_rows = flagged.report.loc[
        flagged.report["warnings"].str.contains("is older than 180 days"), "source_row"
    ].tolist()
    assert stale_rows == [1, 2, 5, 7]
    assert flagged.notes[-1] == (
        "staleness (last_verified before 2026-05-26): 4 stale, 3 never verified, of 8 accepted"
    )
    assert "last_verified 2026-01-15 is older than 180 days" in str(row(flagged, 2)["warnings"])
    assert "stale" not in " ".join(messy.notes)  # the original result is unchanged


def test_flag_stale_rejects_negative_age(messy: ImportResult) -> None:
    with pytest.raises(
        ValueError, match=r"The 'max_age_days' parameter of flag_stale must be >= 0"
    ):
        messy.flag_stale(max_age_days=-1)


def test_to_csv_is_the_catalogue_form(messy: ImportResult, tmp_path: Path) -> None:
    path = messy.to_csv(tmp_path / "catalogue.csv")
    header = path.read_text(encoding="utf-8").splitlines()[0]
    assert header == (
        "activity_id,name,description,kind,delivery,categories,tags,lat,lon,postcode,schedule,"
        "cost_per_month,wheelchair_accessible,social_setting,min_age,max_age,languages,capacity,"
        "status,provider,contact,url,referral,last_verified,coverage,source"
    )
    catalogue = Catalogue.from_csv(path)
    assert catalogue.report.rejected == []
    assert [a.activity_id for a in catalogue] == [r["activity_id"] for r in messy.records]
    yoga = catalogue[str(record(messy, 11)["activity_id"])]
    assert [str(s) for s in yoga.schedule] == ["tue:afternoon", "thu:afternoon"]
