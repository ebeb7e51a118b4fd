"""Fuzz: generated catalogue CSV files (broken quotes, extra and missing fields, NUL bytes,
encodings, noise) load or fail as a whole with a CatalogueError; no row is lost."""

from __future__ import annotations

import random
from pathlib import Path

import wor_match as wm
from tests.fuzz.generators import MARKER, bad_csv

N_FILES = 600
SEED = 7


def test_fuzz_csv_files(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    loaded = refused = exact = 0
    for number in range(N_FILES):
        data, data_lines = bad_csv(rng, number)
        noise = data_lines < 0
        path = tmp_path / f"f{number}.csv"
        path.write_bytes(data)
        refusal: wm.CatalogueError | None = None
        try:
            catalogue = wm.Catalogue.from_csv(path)
        except wm.CatalogueError as error:
            refusal = error
        if refusal is not None:  # the file as a whole: encoding, no header
            assert MARKER not in str(refusal)
            assert refusal.field in {"encoding", "header"}
            refused += 1
            continue
        loaded += 1
        report = catalogue.report
        assert report.rows_in == report.accepted + len(report.rejected)
        assert len(catalogue) == report.accepted
        if not noise:
            # a file we wrote: no more rows than lines (a stray quote that closes inside
            # the next line, with that line's cells still lined up, can pass for a cell
            # with a line break: then two lines count as one row)
            assert report.rows_in <= data_lines, (number, report)
            exact += report.rows_in == data_lines
        for item in [*report.rejected, *report.warnings]:
            assert MARKER not in item["message"]
    assert loaded > N_FILES * 0.8
    assert exact > loaded * 0.9
    assert refused > 0
