"""The ``wor-match`` command line.

    wor-match recommend --profile P.json [--catalogue C.csv] [-k N] [--format table|json]
                        [--language nl|en] [--ranker NAME]
    wor-match validate C.csv [--format text|markdown]   (exit 1 when rows were rejected)
    wor-match rankers

Exit codes: 0 success, 1 validation found rejected rows, 2 bad input or usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from wor_match._errors import WorMatchError
from wor_match.catalogue import Catalogue
from wor_match.models.profile import ClientProfile
from wor_match.rankers import available_rankers
from wor_match.recommender import default_catalogue, recommend

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wor-match", description="Match a client to activities (Welzijn op Recept)."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    rec = commands.add_parser("recommend", help="recommend activities for one client profile")
    rec.add_argument("--profile", required=True, type=Path, help="client profile (JSON)")
    rec.add_argument(
        "--catalogue", type=Path, help="catalogue file (.csv/.json/.jsonl); default: demo"
    )
    rec.add_argument("-k", type=int, default=10, help="number of recommendations (default 10)")
    rec.add_argument("--format", choices=("table", "json"), default="table")
    rec.add_argument("--language", choices=("nl", "en"), default="nl")
    rec.add_argument("--ranker", default="weighted", help="ranker name (see `wor-match rankers`)")

    val = commands.add_parser("validate", help="validate a catalogue file and report every row")
    val.add_argument("catalogue", type=Path)
    val.add_argument("--format", choices=("text", "markdown"), default="text")

    commands.add_parser("rankers", help="list the registered rankers")
    return parser


def _recommend(args: argparse.Namespace) -> int:
    try:
        text = args.profile.read_text(encoding="utf-8")
    except OSError:
        raise WorMatchError(f"cannot read profile file {args.profile}") from None
    profile = ClientProfile.model_validate_json(text)
    catalogue = Catalogue.from_file(args.catalogue) if args.catalogue else default_catalogue()
    recs = recommend(profile, catalogue, k=args.k, ranker=args.ranker, language=args.language)
    if args.format == "json":
        print(json.dumps(recs.to_records(), ensure_ascii=False, indent=2))
    else:
        print(recs)
    return 0


def _validate(args: argparse.Namespace) -> int:
    catalogue = Catalogue.from_file(args.catalogue)
    report = catalogue.report
    if args.format == "markdown":
        print(report.to_markdown(), end="")
    else:
        print(report)
        frame = report.to_frame()
        if len(frame):
            print(frame.to_string(index=False))
    return 1 if report.rejected else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "recommend":
            return _recommend(args)
        if args.command == "validate":
            return _validate(args)
        print("\n".join(available_rankers()))
        return 0
    except (WorMatchError, ValueError) as error:
        print(f"wor-match: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
