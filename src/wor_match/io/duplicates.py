"""Near-duplicate activities across sources, and a merge that keeps provenance.

The same walking group often appears in the municipality's spreadsheet, the welfare
organisation's HSDS feed and a volunteer site, each slightly different. Two records are
near-duplicates when **all** of these hold:

- the same delivery (on site, at home, online);
- similar names: rapidfuzz ``token_sort_ratio`` of the normalised names (accents, case
  and punctuation ignored) >= ``name_threshold`` (0-100; word order does not count, extra
  words do: "Adolescent medicine" is not "Pediatric and adolescent medicine");
- compatible providers: similar (>= ``provider_threshold``) or one of them empty;
- the same place: on-site records within ``max_km`` of each other (straight line); records
  without coordinates only when their postcodes share a PC4; online and at-home records
  need no place;
- overlapping schedules: at least one shared slot, or one of them flexible (no slots).

Merge policy (:func:`merge_duplicates`): each group of linked duplicates becomes one
record. The record kept is the most recently verified (``last_verified``), then the most
complete (most filled fields), then the first in input order. Its empty fields are filled
from the others in that same order; list fields (categories, tags, languages, coverage)
become the union; ``source`` lists every source joined by ``" | "`` so provenance survives.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from wor_match.geo.distance import EARTH_RADIUS_KM, haversine_km
from wor_match.text import normalise

__all__ = ["find_duplicates", "merge_duplicates"]

PAIR_COLUMNS = (
    "left_id",
    "right_id",
    "name_score",
    "provider_score",
    "distance_km",
    "shared_slots",
)
_LIST_FIELDS = ("categories", "tags", "languages", "coverage")


def _check_threshold(name: str, value: float) -> None:
    if not 0 <= value <= 100:
        raise ValueError(
            f"The '{name}' parameter of find_duplicates must be in the range [0, 100]. "
            f"Got {value} instead."
        )


def _slots(record: Mapping[str, Any]) -> set[str]:
    out = set()
    for slot in record.get("schedule") or []:
        out.add(slot if isinstance(slot, str) else f"{slot['day']}:{slot['part']}")
    return out


def _pc4(record: Mapping[str, Any]) -> str:
    match = re.fullmatch(
        r"\s*([1-9][0-9]{3})\s*(?:[A-Za-z]{2})?\s*", str(record.get("postcode") or "")
    )
    return match[1] if match else ""


def _candidate_pairs(records: list[Mapping[str, Any]], max_km: float) -> set[tuple[int, int]]:
    from sklearn.neighbors import BallTree

    pairs: set[tuple[int, int]] = set()
    located = [
        i
        for i, r in enumerate(records)
        if (r.get("delivery") or "on_site") == "on_site" and r.get("lat") is not None
    ]
    if located:
        points = np.radians([[float(records[i]["lat"]), float(records[i]["lon"])] for i in located])
        tree = BallTree(points, metric="haversine")
        for a, hits in enumerate(tree.query_radius(points, r=max_km / EARTH_RADIUS_KM)):
            pairs.update((located[a], located[b]) for b in hits if b > a)
    # without coordinates: compare within (delivery, PC4) blocks; online and at-home
    # records compare with all others of their delivery
    blocks: dict[tuple[str, str], list[int]] = {}
    for i, record in enumerate(records):
        delivery = record.get("delivery") or "on_site"
        if delivery == "on_site" and record.get("lat") is not None:
            continue
        key = (delivery, _pc4(record) if delivery == "on_site" else "")
        if key == ("on_site", ""):
            continue  # nowhere to compare it by
        blocks.setdefault(key, []).append(i)
    for members in blocks.values():
        pairs.update((a, b) for n, a in enumerate(members) for b in members[n + 1 :])
    return pairs


def find_duplicates(
    records: Iterable[Mapping[str, Any]],
    *,
    name_threshold: float = 90.0,
    provider_threshold: float = 80.0,
    max_km: float = 0.5,
) -> pd.DataFrame:
    """Pairs of near-duplicate records (rules in the module docstring).

    Parameters
    ----------
    records : iterable of mappings
        Activity records (the activity form), e.g. ``result.records`` of several imports.
    name_threshold, provider_threshold : float
        Minimum rapidfuzz ``token_sort_ratio`` (0-100) of names and of providers.
    max_km : float
        Maximum straight-line distance between two on-site records.

    Returns
    -------
    pandas.DataFrame
        One row per pair (``left_id`` before ``right_id`` in input order): the ids, the name
        and provider scores (NaN when a provider is empty), the distance in km (NaN without
        coordinates) and the number of shared slots.

    Raises
    ------
    ValueError
        If a threshold is outside [0, 100] or ``max_km`` is negative.
    """
    from rapidfuzz import fuzz

    _check_threshold("name_threshold", name_threshold)
    _check_threshold("provider_threshold", provider_threshold)
    if max_km < 0:
        raise ValueError(f"The 'max_km' parameter of find_duplicates must be >= 0. Got {max_km}.")
    items = list(records)
    names = [normalise(str(r.get("name") or "")) for r in items]
    providers = [normalise(str(r.get("provider") or "")) for r in items]
    rows = []
    for a, b in sorted(_candidate_pairs(items, max_km)):
        left, right = items[a], items[b]
        if (left.get("delivery") or "on_site") != (right.get("delivery") or "on_site"):
            continue
        name_score = fuzz.token_sort_ratio(names[a], names[b])
        if name_score < name_threshold:
            continue
        provider_score = float("nan")
        if providers[a] and providers[b]:
            provider_score = fuzz.token_sort_ratio(providers[a], providers[b])
            if provider_score < provider_threshold:
                continue
        slots_a, slots_b = _slots(left), _slots(right)
        shared = len(slots_a & slots_b)
        if slots_a and slots_b and not shared:
            continue
        distance = float("nan")
        if left.get("lat") is not None and right.get("lat") is not None:
            km = haversine_km(
                float(left["lat"]), float(left["lon"]), [right["lat"]], [right["lon"]]
            )
            distance = round(float(km[0]), 3)
        rows.append(
            (
                str(left["activity_id"]),
                str(right["activity_id"]),
                float(name_score),
                provider_score,
                distance,
                shared,
            )
        )
    return pd.DataFrame(rows, columns=list(PAIR_COLUMNS))


def _filled(record: Mapping[str, Any]) -> int:
    return sum(1 for v in record.values() if v not in (None, "", [], {}))


def merge_duplicates(
    records: Iterable[Mapping[str, Any]], pairs: pd.DataFrame
) -> tuple[list[dict[str, Any]], pd.DataFrame]:
    """Merge each group of linked duplicates into one record (policy in the module docstring).

    Returns
    -------
    records : list of dict
        The merged catalogue, in input order of the records kept.
    log : pandas.DataFrame
        One row per group: ``kept_id``, ``merged_ids`` (list), ``sources`` (list).

    Raises
    ------
    KeyError
        If a pair names an activity_id that is not among the records.
    """
    items = [dict(r) for r in records]
    index = {str(r["activity_id"]): i for i, r in enumerate(items)}
    parent = list(range(len(items)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for left, right in zip(pairs["left_id"], pairs["right_id"], strict=True):
        for activity_id in (left, right):
            if activity_id not in index:
                raise KeyError(f"pair names activity_id {activity_id!r}, which is not a record")
        a, b = root(index[left]), root(index[right])
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = {}
    for i in range(len(items)):
        groups.setdefault(root(i), []).append(i)
    merged: dict[int, dict[str, Any]] = {}
    log = []
    for members in groups.values():
        if len(members) == 1:
            merged[members[0]] = items[members[0]]
            continue
        order = sorted(
            members,
            key=lambda i: (str(items[i].get("last_verified") or ""), _filled(items[i]), -i),
            reverse=True,
        )
        kept = dict(items[order[0]])
        for i in order[1:]:
            for key, value in items[i].items():
                if key in _LIST_FIELDS and value:
                    kept[key] = list(dict.fromkeys([*(kept.get(key) or []), *value]))
                elif kept.get(key) in (None, "", []) and value not in (None, "", []):
                    kept[key] = value
        sources = [str(items[i].get("source") or items[i]["activity_id"]) for i in order]
        kept["source"] = " | ".join(dict.fromkeys(sources))
        merged[order[0]] = kept
        log.append(
            {
                "kept_id": kept["activity_id"],
                "merged_ids": [items[i]["activity_id"] for i in order[1:]],
                "sources": sources,
            }
        )
    out = [merged[i] for i in sorted(merged)]
    return out, pd.DataFrame(log, columns=["kept_id", "merged_ids", "sources"])
