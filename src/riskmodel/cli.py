"""The ``riskmodel`` command line: parses arguments, calls the library, prints the result."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence

from riskmodel import __version__
from riskmodel.assessment import Stage
from riskmodel.check import Severity, check, failing
from riskmodel.convert import StageConversion, convert_register
from riskmodel.dates import DateText
from riskmodel.errors import RiskModelError
from riskmodel.profile import explain
from riskmodel.register import Register
from riskmodel.registry import SchemeRegistry, builtin_mappings, builtin_schemes
from riskmodel.render import heat_map, register_report, scheme_list, scheme_matrix
from riskmodel.serialize import dump, finding_to_dict, load

__all__ = ["build_parser", "main"]


def _fail(error: RiskModelError) -> None:
    """Print one line ``riskmodel: error: …`` on stderr."""
    message = " ".join(str(error).splitlines())
    print(f"riskmodel: error: {message}", file=sys.stderr)


def _registry(paths: Sequence[str]) -> tuple[SchemeRegistry, list[str]]:
    """The built-in schemes plus those in *paths*, and the ids the files added."""
    registry = builtin_schemes()
    return registry, [registry.load(path).id for path in paths]


def _schemes(args: argparse.Namespace) -> int:
    """``riskmodel schemes [ID]``: list the schemes, or draw one."""
    registry, loaded = _registry(args.scheme_files)
    if args.id is not None:
        print(scheme_matrix(registry.get(args.id)))
    elif loaded:
        print("\n\n".join(scheme_matrix(registry.get(scheme_id)) for scheme_id in loaded))
    else:
        print(scheme_list(registry))
    return 0


def _show(args: argparse.Namespace) -> int:
    """``riskmodel show FILE...``: each register's summary and heat maps."""
    registry, _ = _registry(args.scheme_files)
    for index, path in enumerate(args.files):
        if len(args.files) > 1:
            print(("\n" if index else "") + f"== {path}")
        print(register_report(load(path, schemes=registry)))
    return 0


def _validate(args: argparse.Namespace) -> int:
    """``riskmodel validate FILE...``: one line per file; 1 if any fails to load."""
    registry, _ = _registry(args.scheme_files)
    status = 0
    for path in args.files:
        try:
            register = load(path, schemes=registry)
        except RiskModelError as exc:
            _fail(exc)
            status = 1
        else:
            count = len(register)
            print(f"{path}: ok ({count} {'risk' if count == 1 else 'risks'})")
    return status


def _date(text: str) -> dt.date:
    """An ``--as-of`` date: ISO or day-first UK (``31/03/2027``)."""
    found = DateText.parse(text)
    if found.date is None or found.note:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date such as 2027-03-31")
    return found.date


def _check(args: argparse.Namespace) -> int:
    """``riskmodel check FILE``: the findings; 1 if any is at or above ``--fail-on``."""
    registry, _ = _registry(args.scheme_files)
    register = load(args.file, schemes=registry)
    findings = check(register, as_of=args.as_of)
    failed = failing(findings, args.fail_on)
    counts = {str(s): sum(f.severity is s for f in findings) for s in reversed(Severity)}
    if args.json:
        as_of = args.as_of or register.as_at
        document = {
            "file": args.file,
            "as_of": None if as_of is None else as_of.isoformat(),
            "fail_on": args.fail_on,
            "counts": counts,
            "failing": len(failed),
            "findings": [finding_to_dict(f) for f in findings],
        }
        print(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        for finding in findings:
            print(finding)
        summary = ", ".join(f"{n} {name}" for name, n in counts.items())
        print(f"{args.file}: {len(findings)} findings ({summary}); "
              f"{len(failed)} at or above {args.fail_on}")
    return 1 if failed else 0


def _convert(args: argparse.Namespace) -> int:
    """``riskmodel convert FILE --to SCHEME``: what was lost, what band names changed, which
    rating orders turned round, each said once with the assessments it touches; ``-o``
    writes the result."""
    registry, _ = _registry(args.scheme_files)
    register = load(args.file, schemes=registry)
    mappings = builtin_mappings()
    for path in args.mapping_files:
        mappings.load(path, replace=True)  # a user's file overrides a built-in mapping
    result = convert_register(register, registry.get(args.to), mappings=mappings)

    def where(stages: Sequence[StageConversion]) -> str:
        return "; ".join(f"{result.source.get(s.risk_id).label} ({s.risk_id}) {s.stage}"
                         for s in stages)

    for reason, stages in result.losses:
        print(f"lost: {reason} [{where(stages)}]")
    for change, stages in result.band_changes:
        print(f"band: {change.removeprefix('band ')} [{where(stages)}]")
    for reversal, stages in result.reversed_stages:
        print(f"order: {reversal} [{where(stages)}]")
    for note in result.notes:
        print(f"note: {note}")
    banded = sum(bool(s.band_changes) for s in result.stages)
    reversed_ = sum(bool(s.reversals) for s in result.stages)
    print(f"{args.file}: {len(result.stages)} assessments converted to {args.to} by "
          f"{result.rule}; {len(result.lossy)} lossy, {banded} with a band called otherwise, "
          f"{reversed_} in a pair whose rating order is turned round")
    if args.output:
        dump(result.register, args.output, schemes=registry)
    return 0


def _heatmap(args: argparse.Namespace) -> int:
    """``riskmodel heatmap FILE --stage STAGE``: one stage's heat map."""
    registry, _ = _registry(args.scheme_files)
    print(heat_map(load(args.file, schemes=registry), args.stage))
    return 0


def _explain(args: argparse.Namespace) -> int:
    """``riskmodel explain FILE REF``: why a risk sits in its band."""
    registry, _ = _registry(args.scheme_files)
    register = load(args.file, schemes=registry)
    print(explain(register.find(args.ref), register))
    return 0


def _stages_scored(register: Register) -> str:
    """``inherent 3, current 25, target 25``: complete scores per stage."""
    counts = []
    for stage in Stage:
        scored = sum(
            1 for risk in register.risks
            if (a := risk.assessment(stage)) is not None and (a.complete or a.stated is not None)
        )
        counts.append(f"{stage} {scored}")
    return ", ".join(counts)


def _outputs(output: str, count: int) -> list[str]:
    """``OUT.json`` for one register; ``OUT-1.json``, ``OUT-2.json``… for several."""
    if count == 1:
        return [output]
    stem, dot, suffix = output.rpartition(".")
    if not dot:
        stem, suffix = output, "json"
    return [f"{stem}-{n}.{suffix}" for n in range(1, count + 1)]


def _import(args: argparse.Namespace) -> int:
    """``riskmodel import SOURCE``: read a published table; write one document per register."""
    from riskmodel.readers import read

    registry, _ = _registry(args.scheme_files)
    result = read(args.source, layout=args.layout, schemes=registry)
    report = result.report
    print(f"{args.source}: layout {result.layout} ({result.reason})")
    for index, register in enumerate(result.registers, 1):
        title = register.title or "(untitled)"
        print(f"  register {index}: {title}: {len(register)} risks; "
              f"stages scored: {_stages_scored(register)}")
    lines = ", ".join(f"{n} {kind}" for kind, n in report.counts().items())
    print(f"  lines: {lines}")
    print(f"  problems: {len(report.problems)}")
    if args.report:
        print(report.format())
    if args.output:
        for path, register in zip(
            _outputs(args.output, len(result.registers)), result.registers, strict=True
        ):
            dump(register, path, schemes=registry)
            print(f"  wrote {path}")
    return 1 if args.strict and report.problems else 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for ``riskmodel`` and its commands."""
    parser = argparse.ArgumentParser(
        prog="riskmodel", description="Read, check and draw public-sector risk registers."
    )
    parser.add_argument("--version", action="version", version=f"riskmodel {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    scheme_file = argparse.ArgumentParser(add_help=False)
    scheme_file.add_argument(
        "--scheme-file", action="append", default=[], dest="scheme_files", metavar="PATH",
        help="also use the scoring scheme in this TOML file (may be repeated)",
    )

    schemes = commands.add_parser(
        "schemes", parents=[scheme_file], help="list the scoring schemes, or draw one",
        description="List the built-in schemes; with an ID or --scheme-file, draw its matrix.",
    )
    schemes.add_argument("id", nargs="?", metavar="ID", help="the scheme to draw")
    schemes.set_defaults(run=_schemes)

    show = commands.add_parser(
        "show", parents=[scheme_file], help="summarise registers and draw their heat maps",
        description="Print each register's summary and a heat map for each stage.",
    )
    show.add_argument(
        "files", nargs="+", metavar="FILE", help="registers in riskmodel's JSON format"
    )
    show.set_defaults(run=_show)

    validate = commands.add_parser(
        "validate", parents=[scheme_file], help="check that register files load",
        description="Load each file; exit 1 if any of them cannot be loaded.",
    )
    validate.add_argument("files", nargs="+", metavar="FILE", help="registers to check")
    validate.set_defaults(run=_validate)

    checker = commands.add_parser(
        "check", parents=[scheme_file], help="check a register and list the findings",
        description="Ask a register the audit committee's questions; exit 1 when a finding "
        "is at or above --fail-on.",
    )
    checker.add_argument("file", metavar="FILE", help="a register in riskmodel's JSON format")
    checker.add_argument("--as-of", type=_date, metavar="DATE",
                         help="judge dates at this day (default: the register's as-at date)")
    checker.add_argument("--json", action="store_true", help="print the findings as JSON")
    checker.add_argument("--fail-on", choices=[str(s) for s in Severity], default="error",
                         help="the lowest severity that fails the check (default: error)")
    checker.set_defaults(run=_check)

    converter = commands.add_parser(
        "convert", parents=[scheme_file], help="convert a register to another scheme",
        description="Convert every score to another scheme; print what was lost.",
    )
    converter.add_argument("file", metavar="FILE", help="a register in riskmodel's JSON format")
    converter.add_argument("--to", required=True, metavar="SCHEME", help="the target scheme id")
    converter.add_argument("-o", "--output", metavar="OUT", help="write the converted register")
    converter.add_argument(
        "--mapping-file", action="append", default=[], dest="mapping_files", metavar="PATH",
        help="also use the declared mapping in this TOML file (may be repeated)",
    )
    converter.set_defaults(run=_convert)

    heat = commands.add_parser(
        "heatmap", parents=[scheme_file], help="draw one stage's heat map",
        description="Draw the heat map of one stage, with each risk's ref in its cell.",
    )
    heat.add_argument("file", metavar="FILE", help="a register in riskmodel's JSON format")
    heat.add_argument("--stage", choices=[str(s) for s in Stage], default="current",
                      help="the stage to draw (default: current)")
    heat.set_defaults(run=_heatmap)

    explainer = commands.add_parser(
        "explain", parents=[scheme_file], help="say why a risk is in its band",
        description="Explain a risk's scores: cell, rating, band and appetite.",
    )
    explainer.add_argument("file", metavar="FILE", help="a register in riskmodel's JSON format")
    explainer.add_argument("ref", metavar="REF", help="the risk's printed ref or its id")
    explainer.set_defaults(run=_explain)

    importer = commands.add_parser(
        "import", parents=[scheme_file], help="read a published register table",
        description="Read registers from a text table (PDF or Word extraction), CSV or XLSX "
        "file, accounting for every line; write one JSON document per register.",
    )
    importer.add_argument("source", metavar="SOURCE", help="a .txt, .md, .csv or .xlsx file")
    importer.add_argument(
        "--layout", default="auto", metavar="auto|NAME|PATH",
        help="a built-in layout name, a layout TOML file, or auto (default) to pick one",
    )
    importer.add_argument("-o", "--output", metavar="OUT.json",
                          help="write the registers (OUT-1.json, OUT-2.json… for several)")
    importer.add_argument("--report", action="store_true",
                          help="print what every line of the source became")
    importer.add_argument("--strict", action="store_true",
                          help="exit 1 when the report has problems")
    importer.set_defaults(run=_import)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line with *argv* (default ``sys.argv[1:]``); return the exit status."""
    args = build_parser().parse_args(argv)
    try:
        status: int = args.run(args)
    except RiskModelError as exc:
        _fail(exc)
        return 1
    except BrokenPipeError:  # the reader went away (`riskmodel show … | head`)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    return status
