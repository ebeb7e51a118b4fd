"""Fuzz: bad catalogue records are each accepted or rejected with a reason; the load never
raises and rows in = accepted + rejected; no injected value appears in a message."""

from __future__ import annotations

import random

import wor_match as wm
from tests.fuzz.generators import MARKER, bad_record

N_BATCHES = 40
BATCH = 100
SEED = 11


def test_fuzz_catalogue_records() -> None:
    rng = random.Random(SEED)
    total = 0
    for batch in range(N_BATCHES):
        records = [bad_record(rng, batch * BATCH + i) for i in range(BATCH)]
        catalogue = wm.Catalogue.from_records(records)
        report = catalogue.report
        assert report.rows_in == BATCH
        assert report.accepted + len(report.rejected) == report.rows_in
        assert len(catalogue) == report.accepted
        for item in [*report.rejected, *report.warnings]:
            assert MARKER not in item["message"], item
            assert 1 <= item["row"] <= BATCH
        total += BATCH
    assert total >= 4000
