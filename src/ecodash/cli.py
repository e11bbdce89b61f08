"""The `ecodash` command line: validate | audit | export | propose."""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import sys
from pathlib import Path

from ecodash.analysis import indicators
from ecodash.analysis.audit import audit_mentions, coverage_percent
from ecodash.drafting import output as propose_output
from ecodash.drafting.propose import check_article_size, propose, read_article
from ecodash.ingest.dataset import (
    MAX_SHOWN,
    DatasetError,
    dataset_warnings,
    load_dataset,
    report_lines,
    validate_data_dir,
)
from ecodash.io.formats import FORMATS
from ecodash.io.tables import EXPORT_TABLES, build_table, export_all_frames
from ecodash.schema.fields import is_seed_file

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A request the command cannot fulfil as asked (unknown table, binary format to a terminal...)."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ecodash", description="Curated data on regional AI ecosystems.")
    data_dir = argparse.ArgumentParser(add_help=False)
    data_dir.add_argument(
        "--data-dir",
        type=Path,
        help="data folder, its seeds in the seeds/ folder beside it (default: "
        "$ECODASH_DATA_DIR, else a source checkout's data/, else the copy installed with ecodash)",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    validator = commands.add_parser(
        "validate", parents=[data_dir], help="check every row, quote, number, id and seed checksum"
    )
    validator.add_argument("--all", action="store_true", help="list every problem (default: causes first, at most 50)")
    audit = commands.add_parser("audit", parents=[data_dir], help="numeric mentions in the seeds that nothing covers")
    audit.add_argument("--all", action="store_true", help="list every mention with what covers it")
    exporter = commands.add_parser("export", parents=[data_dir], help="write a table (or all) as csv/json/xlsx")
    exporter.add_argument("table", help=f"one of: {', '.join(EXPORT_TABLES)}, all")
    exporter.add_argument("--format", choices=list(FORMATS), default="csv")
    exporter.add_argument("--output", type=Path, help="file or folder to write (default: stdout for csv/json)")
    exporter.add_argument("--fx-basis", choices=indicators.FX_BASES, default=indicators.DEFAULT_FX_BASIS)
    exporter.add_argument("--fx-year", type=int, help="year of the reference rate (default: latest available)")
    proposer = commands.add_parser("propose", parents=[data_dir], help="draft candidate facts from an article")
    proposer.add_argument("path", type=Path, help="the article: UTF-8 text, French or English")
    proposer.add_argument("--format", choices=("csv", "json"), default="csv")
    proposer.add_argument("--output", type=Path, help="file to write (default: stdout)")
    proposer.add_argument("--source-id", help="snake_case id of the article (default: from the file name)")
    return parser


def _validate(args: argparse.Namespace) -> int:
    rows, _, problems = validate_data_dir(args.data_dir)
    if problems:
        for line in report_lines(problems, limit=len(problems) if args.all else MAX_SHOWN):
            print(line, file=sys.stderr)
        print(f"{len(problems)} problem(s): the dataset is not valid.", file=sys.stderr)
        return EXIT_INVALID
    warnings = dataset_warnings(rows)
    for line in report_lines(warnings, limit=len(warnings)):  # valid all the same: said, not failed
        print(f"warning: {line}")
    counts = ", ".join(f"{len(table_rows)} {table}" for table, table_rows in rows.items())
    said = f" ({len(warnings)} warning(s))" if warnings else ""
    print(f"ok: {counts}{said}")
    return EXIT_OK


def _audit(args: argparse.Namespace) -> int:
    audit = audit_mentions(load_dataset(args.data_dir))
    shown = audit if args.all else audit.loc[audit["status"] == "uncovered"]
    for row in shown.itertuples():
        detail = f" [{row.status}: {row.by}]" if args.all else ""
        print(f"seeds/{row.source_id} line {row.line}: {row.kind} {row.mention!r} in “…{row.context}…”{detail}")
    kinds = {"number": ("numeric mentions", "facts or events"), "ranking": ("ranking statements", "rank facts")}
    for kind, (label, covering) in kinds.items():
        counts = audit.loc[audit["kind"] == kind, "status"].value_counts()
        print(
            f"{counts.sum()} {label}: {counts.get('covered', 0)} covered by {covering}, "
            f"{counts.get('excluded', 0)} excluded with a reason, {counts.get('uncovered', 0)} uncovered."
        )
    percent = coverage_percent(audit)
    print(f"coverage: {percent:.1f} %")
    return EXIT_OK if (audit["status"] != "uncovered").all() else EXIT_INVALID


def _export(args: argparse.Namespace) -> int:
    dataset = load_dataset(args.data_dir)
    fx = {"fx_basis": args.fx_basis, "fx_year": args.fx_year}
    chosen = FORMATS[args.format]
    if chosen.write_table is None and args.table != "all":
        raise UsageError(f"--format {chosen.name} exports every table: use `ecodash export all --format {chosen.name}`")
    if chosen.write_folder is not None:
        output = args.output or Path(chosen.stem)
        written = chosen.write_folder(dataset, output, **fx)
        print(f"wrote {len(written)} file(s) to {output}", file=sys.stderr)
        return EXIT_OK
    if args.table == "all":
        frames = export_all_frames(dataset, **fx)
        if chosen.write_tables is None:
            every = "|".join(name for name, f in FORMATS.items() if f.write_tables is not None)
            raise UsageError(f"{chosen.name} holds one table: name a table, or use --format {every} for all")
        data = chosen.write_tables(dataset, frames)
    else:
        try:
            frame = build_table(dataset, args.table, **fx)
        except KeyError as error:
            raise UsageError(error.args[0]) from None
        data = chosen.write_table(args.table, frame)
    if args.output is None:
        if chosen.binary:
            raise UsageError(f"{chosen.name} is binary: give --output FILE{chosen.extension}")
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_bytes(data)
        print(f"wrote {args.output}", file=sys.stderr)
    return EXIT_OK


def _propose(args: argparse.Namespace) -> int:
    path: Path = args.path
    check_article_size(path.stat().st_size, name=str(path))  # before reading: a huge file is never read
    data = path.read_bytes()
    text = read_article(data, name=str(path))
    seed_file = path.name if is_seed_file(path.name) else None  # else propose names it after the source id
    proposal = propose(text, dataset=load_dataset(args.data_dir), source_id=args.source_id, seed_file=seed_file)
    source = {**proposal.source, "sha256": hashlib.sha256(data).hexdigest()}  # of the file's bytes, as validate reads
    proposal = dataclasses.replace(proposal, source=source)
    if args.format == "json":
        output = propose_output.proposal_json(proposal)
    else:
        output = propose_output.facts_csv(proposal)
        print(propose_output.source_csv(source), end="", file=sys.stderr)
    if args.output is None:
        sys.stdout.write(output)
    else:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(output, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    print(f"{len(proposal.facts)} candidate fact(s), {len(proposal.events)} candidate event(s)", file=sys.stderr)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        commands = {"validate": _validate, "audit": _audit, "export": _export, "propose": _propose}
        return commands[args.command](args)
    except DatasetError as error:
        for line in report_lines(error.problems):
            print(line, file=sys.stderr)
        print(f"{len(error.problems)} problem(s): the dataset is not valid; run `ecodash validate`.", file=sys.stderr)
        return EXIT_INVALID
    except (UsageError, KeyError, ValueError) as error:
        print(f"ecodash: error: {error.args[0] if error.args else error}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        print(f"ecodash: error: {error.strerror or error}: {error.filename or ''}".rstrip(": "), file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
