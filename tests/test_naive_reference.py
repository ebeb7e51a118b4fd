"""The fast path ranks like the naive per-row reference in benchmarks/naive.py."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import wor_match as wm
from tests.conftest import TODAY

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.naive import naive_recommend  # noqa: E402

EXAMPLES = sorted((ROOT / "datasets" / "examples").glob("*.json"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_same_ranking_as_naive_reference(path: Path) -> None:
    profile = wm.ClientProfile.model_validate_json(path.read_text(encoding="utf-8"))
    catalogue = wm.load_demo_catalogue()
    naive = naive_recommend(profile, catalogue, k=10, today=TODAY)
    # the reference lists by score: compare with the shortlist switched off
    fast = wm.recommend(
        profile, catalogue, k=10, today=TODAY, relevance_first=False, diversity=False
    )
    assert [a for a, _ in naive] == [r.activity_id for r in fast]
    # scores differ only through geodesic versus haversine distance (within 0.35%)
    for (_, slow_score), r in zip(naive, fast, strict=True):
        assert slow_score == pytest.approx(r.score, abs=0.01)
