"""The ``wor-match`` command line.

    wor-match recommend --profile P.json [--catalogue C.csv] [-k N] [--format table|json]
                        [--language nl|en] [--ranker NAME]
    wor-match validate C.csv [--format text|markdown]   (exit 1 when rows were rejected)
    wor-match rankers
    wor-match schema profile|activity|envelope        (print a JSON Schema)
    wor-match evaluate --dataset DIR --rankers weighted,logistic,nearest,random [-k 10]
    wor-match synthetic OUT_DIR --clients N --activities M [--seed S]
    wor-match import hsds PATH -o catalogue.csv [--report report.md]
    wor-match import sheet FILE.xlsx [--mapping M.json] [--sheet NAME] -o catalogue.csv
    wor-match export hsds catalogue.csv -o DIR
    wor-match people match|assign|groups|synthetic ...   (see wor_match.people.cli)
    wor-match journal init|report|export URL [--from D --to D] [--format markdown|csv] [-o DIR]
    wor-match db upgrade URL

Exit codes (docs/errors.md): 0 success; 1 the command ran and rejected rows (validate,
import); 2 bad input or usage. Under ``--format json`` an error is printed on stderr as a JSON
object ``{"error": {"code", "field", "message"}}`` (the code is stable, see docs/errors.md).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from wor_match._errors import InvalidProfileError, WorMatchError
from wor_match.catalogue import Catalogue
from wor_match.models.profile import ClientProfile
from wor_match.people.cli import add_people_parser, run_people
from wor_match.rankers import Ranker, available_rankers
from wor_match.recommender import default_catalogue, recommend
from wor_match.schemas import SCHEMA_NAMES, read_schema

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
    rec.add_argument(
        "--ranker",
        default="weighted",
        help="ranker name (see `wor-match rankers`) or a ranker file saved with save_ranker",
    )

    val = commands.add_parser("validate", help="validate a catalogue file and report every row")
    val.add_argument("catalogue", type=Path)
    val.add_argument("--format", choices=("text", "markdown"), default="text")

    commands.add_parser("rankers", help="list the registered rankers")

    schema = commands.add_parser("schema", help="print a JSON Schema shipped with wor_match")
    schema.add_argument("name", choices=SCHEMA_NAMES)

    ev = commands.add_parser("evaluate", help="compare rankers on a dataset's held-out clients")
    ev.add_argument("--dataset", required=True, type=Path, help="dataset folder")
    ev.add_argument("--rankers", default="random,nearest,weighted,logistic,boosted")
    ev.add_argument("-k", type=int, default=10)
    ev.add_argument("--metrics", default="ndcg,recall")
    ev.add_argument("--baseline", default="nearest")
    ev.add_argument("--test-size", type=float, default=0.3)
    ev.add_argument("--seed", type=int, default=0)

    imp = commands.add_parser("import", help="import a catalogue from another format")
    imp_kinds = imp.add_subparsers(dest="format_in", required=True)
    imp_hsds = imp_kinds.add_parser("hsds", help="an Open Referral HSDS 3.0 or 1.x package")
    imp_hsds.add_argument("source", type=Path, help="data package folder, .zip or JSON file")
    imp_hsds.add_argument("-o", "--output", type=Path, required=True, help="catalogue CSV")
    imp_hsds.add_argument("--report", type=Path, help="write the import report (markdown)")

    imp_sheet = imp_kinds.add_parser("sheet", help="a sociale-kaart spreadsheet (.csv/.xlsx)")
    imp_sheet.add_argument("source", type=Path)
    imp_sheet.add_argument("--mapping", type=Path, help="column mapping (JSON or YAML file)")
    imp_sheet.add_argument("--sheet", help="worksheet name (default: the first)")
    imp_sheet.add_argument("-o", "--output", type=Path, required=True, help="catalogue CSV")
    imp_sheet.add_argument("--report", type=Path, help="write the import report (markdown)")

    exp = commands.add_parser("export", help="export a catalogue to another format")
    exp_kinds = exp.add_subparsers(dest="format_out", required=True)
    exp_hsds = exp_kinds.add_parser("hsds", help="an HSDS 3.0 tabular data package")
    exp_hsds.add_argument("catalogue", type=Path)
    exp_hsds.add_argument("-o", "--output", type=Path, required=True, help="output folder")

    syn = commands.add_parser("synthetic", help="generate a synthetic dataset folder")
    syn.add_argument("out", type=Path)
    syn.add_argument("--clients", type=int, required=True)
    syn.add_argument("--activities", type=int, required=True)
    syn.add_argument("--seed", type=int, default=0)

    add_people_parser(commands)
    # the referral journal: parsed here, run by wor_match.journal.cli (extra 'journal')
    jour = commands.add_parser("journal", help="create, report on or export a referral journal")
    jour.add_argument("action", choices=("init", "report", "export"))
    jour.add_argument("url", help="SQLAlchemy URL, e.g. sqlite:///wor.db")
    jour.add_argument("--organisation", default="default")
    jour.add_argument("--from", dest="start", help="report: first referral day (YYYY-MM-DD)")
    jour.add_argument("--to", dest="end", help="report: last referral day (YYYY-MM-DD)")
    jour.add_argument("--format", choices=("markdown", "csv"), default="markdown")
    jour.add_argument("--language", choices=("nl", "en"), default="nl")
    jour.add_argument("-o", "--output", type=Path, help="export: dataset folder to write")
    db = commands.add_parser("db", help="migrate a journal database to this version's schema")
    db.add_argument("action", choices=("upgrade",))
    db.add_argument("url")
    return parser


def _evaluate(args: argparse.Namespace) -> int:
    from wor_match.datasets import load
    from wor_match.evaluation import ClientSplit, compare

    dataset = load(args.dataset)
    report = compare(
        [name.strip() for name in args.rankers.split(",") if name.strip()],
        dataset,
        split=ClientSplit(test_size=args.test_size, seed=args.seed),
        k=args.k,
        metrics=[m.strip() for m in args.metrics.split(",") if m.strip()],
        baseline=args.baseline,
        oracle=dataset.truth is not None,
    )
    print(report.to_markdown(), end="")
    return 0


def _import(args: argparse.Namespace) -> int:
    from wor_match.io import read_hsds, read_sheet

    if args.format_in == "sheet":
        result = read_sheet(args.source, args.mapping, sheet=args.sheet)
    else:
        result = read_hsds(args.source)
    result.to_csv(args.output)
    if args.report:
        args.report.write_text(result.to_markdown(), encoding="utf-8")
    print(result)
    # one rule with validate: the accepted rows are written, and rejected rows give exit 1
    return 1 if result.counts["rejected"] else 0


def _export(args: argparse.Namespace) -> int:
    from wor_match.io import write_hsds

    catalogue = Catalogue.from_file(args.catalogue)
    path = write_hsds(list(catalogue), args.output)
    print(f"{len(catalogue)} activities written as HSDS 3.0 to {path.parent}")
    return 0


def _synthetic(args: argparse.Namespace) -> int:
    from wor_match.datasets import make_synthetic

    dataset = make_synthetic(args.clients, args.activities, seed=args.seed)
    print(f"{dataset!r} written to {dataset.save(args.out)}")
    return 0


def _ranker(value: str) -> str | Ranker:
    """A registered name, or a file written by save_ranker (a path or a name ending .json)."""
    if value in available_rankers():
        return value
    path = Path(value)
    if path.suffix.lower() == ".json" or path.is_file():
        from wor_match.rankers.persistence import load_ranker

        return load_ranker(path)
    return value


def _recommend(args: argparse.Namespace) -> int:
    try:
        data = args.profile.read_bytes()
    except OSError:
        raise InvalidProfileError(
            f"cannot read profile file {args.profile}", field="profile"
        ) from None
    try:
        # a UTF-8 BOM (as some editors write) is not part of the JSON
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidProfileError(
            f"profile file {args.profile} is not UTF-8 text: save it as UTF-8 JSON",
            field="profile",
        ) from None
    profile = ClientProfile.model_validate_json(text)
    catalogue = Catalogue.from_file(args.catalogue) if args.catalogue else default_catalogue()
    recs = recommend(
        profile, catalogue, k=args.k, ranker=_ranker(args.ranker), language=args.language
    )
    if args.format == "json":
        print(json.dumps(recs.to_envelope(), ensure_ascii=False, indent=2))
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
        if args.command == "evaluate":
            return _evaluate(args)
        if args.command == "synthetic":
            return _synthetic(args)
        if args.command == "import":
            return _import(args)
        if args.command == "export":
            return _export(args)
        if args.command == "schema":
            print(read_schema(args.name), end="")
            return 0
        if args.command == "people":
            return run_people(args)
        if args.command in ("journal", "db"):
            from wor_match.journal.cli import run

            return run(args)
        print("\n".join(available_rankers()))
        return 0
    except (WorMatchError, ValueError) as error:
        if getattr(args, "format", None) == "json":
            payload = (
                error.to_dict()
                if isinstance(error, WorMatchError)
                else {"code": "invalid_input", "field": None, "message": str(error)}
            )
            print(json.dumps({"error": payload}, ensure_ascii=False), file=sys.stderr)
        else:
            print(f"wor-match: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
