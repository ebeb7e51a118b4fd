"""form_groups(): small groups of peers who share an interest, a time and a neighbourhood.

For when no offer exists: "start a walking group in Galecop on Tuesday mornings". Members
are consenting people who seek peers (``seeks`` holds ``peer``) and are not housebound.

A group is valid when (1) every two members pass every peer rule
(:mod:`wor_match.people.rules`: consent, partner preferences, a shared language, each can
reach the other, a shared time), (2) all members share one taxonomy theme of their
interests, and (3) all are free at one weekly slot (an empty availability is any time).

Method: greedy, documented here and measured. Each round builds, for every remaining
person as *anchor*, every theme of the anchor and every slot the anchor can do, the group
that adds eligible members nearest to the anchor first while (1) holds, up to the largest
size; it takes the largest such group (ties: the smaller sum of distances to the anchor,
then the lower anchor id, theme and slot), removes its members and repeats until no group
reaches the smallest size. Greedy is not optimal: on small pools the number of people it
places is compared with the optimum of the set-packing integer program over *all* valid
groups (``scipy.optimize.milp``) in ``tests/people/test_groups.py``: over 40 random pools of
8-11 peers (38 with any valid group) it placed 93.6% of the optimum on average, the optimum
itself in 30 of the 38, and 67% in the worst pool (one group of 4 where two groups of 3
would place 6: taking the largest group first is the greedy step that can lose). The test
asserts a mean of at least 90% and no pool below 60%.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from wor_match._checks import check_language
from wor_match._vocab import Language
from wor_match.features.schedule import slot_names
from wor_match.geo.distance import haversine_km
from wor_match.geo.postcodes import load_pc4_table
from wor_match.models._slots import N_SLOTS
from wor_match.people.assign import candidate_graph
from wor_match.people.person import PURPOSES
from wor_match.people.pool import People

__all__ = ["Group", "Groups", "form_groups"]

_ALL_SLOTS = (1 << N_SLOTS) - 1


@dataclass(frozen=True, slots=True)
class Group:
    """One proposed group: its members, what and when they share, and where."""

    members: tuple[str, ...]
    theme: str
    slot: str
    place: str
    max_distance_km: float
    reason: str


@dataclass(frozen=True)
class Groups:
    """The groups formed and who was left out."""

    groups: tuple[Group, ...]
    ungrouped: tuple[str, ...]
    method: str
    language: Language = "nl"

    def __len__(self) -> int:
        return len(self.groups)

    def __iter__(self) -> Any:
        return iter(self.groups)

    def __getitem__(self, index: int) -> Group:
        return self.groups[index]

    def to_frame(self) -> pd.DataFrame:
        """One row per group."""
        return pd.DataFrame(
            [
                {"group": i, "members": ";".join(g.members), "size": len(g.members),
                 "theme": g.theme, "slot": g.slot, "place": g.place,
                 "max_distance_km": g.max_distance_km, "reason": g.reason}
                for i, g in enumerate(self.groups, start=1)
            ],
            columns=["group", "members", "size", "theme", "slot", "place", "max_distance_km",
                     "reason"],
        )  # fmt: skip

    def __str__(self) -> str:
        nl = self.language == "nl"
        placed = sum(len(g.members) for g in self.groups)
        head = (
            f"{len(self.groups)} groepen, {placed} mensen; {len(self.ungrouped)} zonder groep"
            if nl
            else f"{len(self.groups)} groups, {placed} people; "
            f"{len(self.ungrouped)} without a group"
        )
        lines = [head]
        for i, g in enumerate(self.groups, start=1):
            lines.append(f"{i:>3}. {g.reason}")
            lines.append(f"     {', '.join(g.members)}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        esc = html.escape
        rows = "".join(
            f"<tr><td>{i}</td><td>{esc(g.reason)}</td><td>{esc(', '.join(g.members))}</td></tr>"
            for i, g in enumerate(self.groups, start=1)
        )
        return f"<table><tbody>{rows}</tbody></table>"


def form_groups(
    people: People, size: tuple[int, int] = (3, 6), *, language: Language = "nl"
) -> Groups:
    """Propose groups of peers (see the module docstring for rules and method).

    Parameters
    ----------
    people : People
    size : (int, int), default (3, 6)
        Smallest and largest group.
    language : {"nl", "en"}
    """
    if (
        not isinstance(size, tuple)
        or len(size) != 2
        or not all(isinstance(s, int) and not isinstance(s, bool) for s in size)
        or not 2 <= size[0] <= size[1]
    ):
        raise ValueError(
            "The 'size' parameter of form_groups must be a (smallest, largest) pair of ints "
            f"with 2 <= smallest <= largest. Got {size!r} instead."
        )
    language = check_language(language, function="form_groups")
    smallest, largest = size
    cols = people.columns
    bit = 1 << PURPOSES.index("peer")
    graph = candidate_graph(people, "peer")
    ok = graph.scores.feasible
    fits: dict[int, set[int]] = {}
    for a, b in zip(graph.seeker_row[ok].tolist(), graph.giver_row[ok].tolist(), strict=True):
        fits.setdefault(a, set()).add(b)
        fits.setdefault(b, set()).add(a)
    pool = [
        int(r) for r in np.flatnonzero(((cols.seeks & bit) != 0) & cols.consent & ~cols.housebound)
    ]
    themes = {r: _members(cols.likes[r]) for r in pool}
    times = {r: int(cols.availability[r]) or _ALL_SLOTS for r in pool}
    order = people.id_rank
    remaining = set(pool)
    groups: list[Group] = []
    while True:
        best: tuple[Any, ...] | None = None
        for anchor in sorted(remaining, key=lambda r: order[r]):
            near = [r for r in fits.get(anchor, ()) if r in remaining]
            if len(near) + 1 < smallest:
                continue
            distance = haversine_km(
                cols.lat[anchor], cols.lon[anchor], cols.lat[near], cols.lon[near]
            )
            by_distance = [near[i] for i in np.lexsort((order[near], distance))]
            km = dict(zip(near, distance.tolist(), strict=True))
            for theme in themes[anchor]:
                liking = [r for r in by_distance if theme in themes[r]]
                if len(liking) + 1 < smallest:
                    continue
                for slot in _members_int(times[anchor]):
                    members = [anchor]
                    for r in liking:
                        if len(members) == largest:
                            break
                        if times[r] >> slot & 1 and all(m in fits[r] for m in members[1:]):
                            members.append(r)
                    if len(members) < smallest:
                        continue
                    key = (
                        -len(members),
                        sum(km[m] for m in members[1:]),
                        order[anchor],
                        theme,
                        slot,
                    )
                    if best is None or key < best[0]:
                        best = (key, anchor, theme, slot, members)
        if best is None:
            break
        _, anchor, theme, slot, members = best
        remaining -= set(members)
        groups.append(_group(people, anchor, theme, slot, members, language))
    ungrouped = tuple(sorted(str(cols.ids[r]) for r in remaining))
    return Groups(tuple(groups), ungrouped, "greedy (see wor_match.people.groups)", language)


def _members(bits: Any) -> list[int]:
    out = []
    for block, word in enumerate(bits.tolist()):
        out += [block * 64 + i for i in _members_int(int(word))]
    return out


def _members_int(word: int) -> list[int]:
    return [i for i in range(word.bit_length()) if word >> i & 1]


def _group(
    people: People, anchor: int, theme: int, slot: int, members: list[int], language: Language
) -> Group:
    cols = people.columns
    label = cols.taxonomy.themes[theme].label(language)
    when = slot_names(1 << slot, language)[0]
    pc4 = people[anchor].home.pc4
    table = load_pc4_table()
    place = str(table.row(pc4)["place"]) if pc4 and pc4 in table else ""
    rows = np.asarray(members)
    spread = float(
        max(
            haversine_km(cols.lat[m], cols.lon[m], cols.lat[rows], cols.lon[rows]).max()
            for m in members
        )
    )
    km = f"{spread:.1f}".replace(".", ",") if language == "nl" else f"{spread:.1f}"
    where = f" in {place}" if place else ""
    if language == "nl":
        reason = (
            f"Start een groep rond {label}{where} op {when}: {len(members)} mensen die dat "
            f"willen, allemaal vrij op dat moment, hooguit {km} km van elkaar"
        )
    else:
        reason = (
            f"Start a group around {label}{where} on {when}: {len(members)} people who want "
            f"it, all free then, at most {km} km apart"
        )
    ids = tuple(sorted(str(cols.ids[m]) for m in members))
    return Group(ids, label, when, place, spread, reason)
