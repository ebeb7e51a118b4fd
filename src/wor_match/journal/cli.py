"""The journal's part of the ``wor-match`` command (the parser lives in wor_match.cli).

wor-match journal init URL                      create the schema (or check it)
wor-match journal report URL --from D --to D [--format markdown|csv] [--language nl|en]
wor-match journal export URL -o DIR             the research dataset format
wor-match db upgrade URL                        migrate to this version's schema
"""

from __future__ import annotations

import argparse

from wor_match.journal._journal import Journal
from wor_match.journal._schema import upgrade

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    """Run ``wor-match journal ...`` or ``wor-match db ...``; returns the exit code."""
    if args.command == "db":
        revision = upgrade(args.url)
        print(f"journal schema at revision {revision}")
        return 0
    if args.action == "report" and not (args.start and args.end):
        raise ValueError("journal report needs --from and --to (YYYY-MM-DD)")
    if args.action == "export" and args.output is None:
        raise ValueError("journal export needs -o DIR")
    with Journal(args.url, organisation=args.organisation) as journal:
        if args.action == "init":
            print(f"journal ready at {journal.url} (organisation {journal.organisation!r})")
        elif args.action == "report":
            report = journal.report(start=args.start, end=args.end, language=args.language)
            if args.format == "csv":
                print(report.to_frame().to_csv(index=False), end="")
            else:
                print(report.to_markdown(), end="")
        else:
            dataset = journal.to_dataset()
            print(f"{dataset!r} written to {dataset.save(args.output)}")
    return 0
