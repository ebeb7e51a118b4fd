"""The ``wor-match people`` commands (``wor_match.cli`` only wires them in).

    wor-match people match --pool P.csv --person ID [--purpose peer|buddy|meals] [-k N]
                           [--format table|json] [--language nl|en]
    wor-match people assign --pool P.csv [--purpose meals] [-o pairs.csv]
                            [--priority waiting] [--max-per-giver N]
    wor-match people groups --pool P.csv [--min 3] [--max 6] [-o groups.csv]
    wor-match people synthetic OUT.csv [--size N] [--seed S]

Pools are CSV files with the flat columns of :mod:`wor_match.people.pool`; rejected rows
are reported on stderr (counts and row numbers only, never values).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import pandas as pd

from wor_match.people.assign import assign
from wor_match.people.groups import form_groups
from wor_match.people.match import match_people
from wor_match.people.person import PURPOSES
from wor_match.people.pool import People, record_to_flat
from wor_match.people.synthetic import synthetic_people

__all__ = ["add_people_parser", "run_people"]


def add_people_parser(commands: Any) -> None:
    """Add the ``people`` command group to the top-level subparsers."""
    people = commands.add_parser("people", help="match people to people (peers, buddies, meals)")
    verbs = people.add_subparsers(dest="people_command", required=True)
    match = verbs.add_parser("match", help="rank the people who fit one person, both ways")
    match.add_argument("--pool", required=True, type=Path)
    match.add_argument("--person", required=True, help="a person_id in the pool")
    match.add_argument("--purpose", choices=PURPOSES, default="peer")
    match.add_argument("-k", type=int, default=5)
    match.add_argument("--format", choices=("table", "json"), default="table")
    match.add_argument("--language", choices=("nl", "en"), default="nl")
    plan = verbs.add_parser("assign", help="one global plan with capacity per giver")
    plan.add_argument("--pool", required=True, type=Path)
    plan.add_argument("--purpose", choices=PURPOSES, default="meals")
    plan.add_argument("-o", "--output", type=Path, help="write the pairs as CSV")
    plan.add_argument("--priority", choices=("waiting",))
    plan.add_argument("--max-per-giver", type=int)
    plan.add_argument("--language", choices=("nl", "en"), default="nl")
    groups = verbs.add_parser("groups", help="propose small groups of peers")
    groups.add_argument("--pool", required=True, type=Path)
    groups.add_argument("--min", type=int, default=3)
    groups.add_argument("--max", type=int, default=6)
    groups.add_argument("-o", "--output", type=Path, help="write the groups as CSV")
    groups.add_argument("--language", choices=("nl", "en"), default="nl")
    syn = verbs.add_parser("synthetic", help="write a synthetic people pool (CSV)")
    syn.add_argument("out", type=Path)
    syn.add_argument("--size", type=int, default=1000)
    syn.add_argument("--seed", type=int, default=0)


def _load(path: Path) -> People:
    people = People.from_csv(path)
    if people.report.rejected:
        rows = ", ".join(str(r["row"]) for r in people.report.rejected[:10])
        print(f"{people.report} (rows {rows})", file=sys.stderr)
    return people


def run_people(args: argparse.Namespace) -> int:
    """Run one ``people`` command; returns the exit code."""
    try:
        if args.people_command == "synthetic":
            records = synthetic_people(args.size, seed=args.seed).records
            pd.DataFrame([record_to_flat(r) for r in records]).to_csv(args.out, index=False)
            print(f"wrote {len(records)} people to {args.out}")
            return 0
        people = _load(args.pool)
        if args.people_command == "match":
            result = match_people(
                args.person, people, purpose=args.purpose, k=args.k, language=args.language
            )
            print(result.to_json(indent=2) if args.format == "json" else result)
        elif args.people_command == "assign":
            plan = assign(people, purpose=args.purpose, priority=args.priority,
                          max_per_giver=args.max_per_giver, language=args.language)  # fmt: skip
            print(plan)
            if args.output:
                plan.to_frame().to_csv(args.output, index=False)
        else:
            result_groups = form_groups(people, (args.min, args.max), language=args.language)
            print(result_groups)
            if args.output:
                result_groups.to_frame().to_csv(args.output, index=False)
    except KeyError as error:
        print(f"wor-match: error: {error.args[0]}", file=sys.stderr)
        return 2
    return 0
