"""The ``riskmodel`` command line: parses arguments, calls the library, prints the result.

A user's mistake (a bad file, a missing folder, an output that would overwrite the input)
is one line on stderr and exit status 1; a usage error is exit status 2. Text taken from
documents is printed with terminal control characters made visible, so a title cannot
move the cursor or recolour the terminal.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from riskmodel import __version__
from riskmodel._files import refuse_overwrite, same_file_name, write_atomic
from riskmodel.assessment import Stage
from riskmodel.changes import diff
from riskmodel.check import NEVER, Severity, check, failing
from riskmodel.committee import diff_report, history_document, history_report
from riskmodel.convert import StageConversion, convert_register
from riskmodel.dates import DateText
from riskmodel.errors import OutputError, RiskModelError
from riskmodel.matching import DEFAULT_THRESHOLD
from riskmodel.profile import explain
from riskmodel.register import Register
from riskmodel.registry import SchemeRegistry, builtin_mappings, builtin_schemes
from riskmodel.render import (
    findings_by_risk,
    heat_map,
    register_report,
    scheme_list,
    scheme_matrix,
)
from riskmodel.serialize import dump, finding_to_dict, load, make_converter, validate
from riskmodel.timeline import history

__all__ = ["LAYOUTS_VARIABLE", "build_parser", "main"]

#: The environment variable naming folders of layouts, read when no --layouts is given.
LAYOUTS_VARIABLE = "RISKMODEL_LAYOUTS"


#: Characters a terminal acts on rather than prints: C0 and C1 controls (but tab and
#: new line), and the bidirectional overrides that can reorder what a reader sees.
_CONTROLS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def visible(text: str) -> str:
    """*text* with every terminal control character written as an escape, e.g. ``\\x1b``.

    >>> visible("Budget \\x1b[31mred\\x1b[0m")
    'Budget \\\\x1b[31mred\\\\x1b[0m'
    """
    return _CONTROLS.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _print(text: str = "", *, file: io.TextIOBase | None = None) -> None:
    """Print text from documents with its control characters made visible."""
    print(visible(text), file=file or sys.stdout)


def _json(document: object) -> str:
    """JSON for the terminal: C1 controls, which JSON leaves raw, escaped too."""
    return _escape_c1(json.dumps(document, indent=2, ensure_ascii=False))


def _escape_c1(text: str) -> str:
    """JSON text with the controls JSON may leave raw written as escapes (still valid JSON)."""
    return _CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _fail(error: BaseException) -> None:
    """Print one line ``riskmodel: error: …`` on stderr."""
    message = " ".join(str(error).splitlines())
    print(f"riskmodel: error: {visible(message)}", file=sys.stderr)


def _size(text: str) -> int:
    """A ``--max-size``: bytes, or a number with K, M or G (binary units)."""
    match = re.fullmatch(r"\s*(\d{1,15})\s*([kmg]?)i?b?\s*", text, re.IGNORECASE)
    if match is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size such as 300M")
    power: int = " kmg".index(match[2].lower() or " ")
    size = int(match[1]) * (1 << (10 * power))
    if size > sys.maxsize:
        raise argparse.ArgumentTypeError(f"{text!r} is more than any file can be")
    return size


def _load(path: str, registry: SchemeRegistry, args: argparse.Namespace) -> Register:
    return load(path, schemes=registry, max_bytes=getattr(args, "max_size", None))


def _inputs(args: argparse.Namespace) -> list[str]:
    """Every file a command reads: its sources and its scheme, mapping and layout files.

    ``-o`` may overwrite none of them without ``--force``.
    """
    found: list[str] = []
    for name in ("file", "source", "previous", "old", "new"):
        value = getattr(args, name, None)
        if isinstance(value, str):
            found.append(value)
    for name in ("files", "scheme_files", "mapping_files"):
        found.extend(getattr(args, name, None) or [])
    layout = getattr(args, "layout", None)
    if isinstance(layout, str) and layout.endswith(".toml"):
        found.append(layout)
    return found


def _registry(paths: Sequence[str]) -> tuple[SchemeRegistry, list[str]]:
    """The built-in schemes plus those in *paths*, and the ids the files added."""
    registry = builtin_schemes()
    return registry, [registry.load(path).id for path in paths]


def _schemes(args: argparse.Namespace) -> int:
    """``riskmodel schemes [ID]``: list the schemes, or draw one."""
    registry, loaded = _registry(args.scheme_files)
    if args.id is not None:
        _print(scheme_matrix(registry.get(args.id)))
    elif loaded:
        _print("\n\n".join(scheme_matrix(registry.get(scheme_id)) for scheme_id in loaded))
    else:
        _print(scheme_list(registry))
    return 0


def _show(args: argparse.Namespace) -> int:
    """``riskmodel show FILE...``: each register's summary and heat maps."""
    registry, _ = _registry(args.scheme_files)
    for index, path in enumerate(args.files):
        if len(args.files) > 1:
            _print(("\n" if index else "") + f"== {path}")
        _print(register_report(_load(path, registry, args)))
    return 0


def _validate(args: argparse.Namespace) -> int:
    """``riskmodel validate FILE...``: every fault of each file; 1 if any has one."""
    registry, _ = _registry(args.scheme_files)
    status = 0
    for path in args.files:
        problems = validate(path, schemes=registry, max_bytes=args.max_size)
        if problems:
            for problem in problems:
                _fail(problem)
            status = 1
            continue
        register = _load(path, registry, args)
        count = len(register)
        _print(f"{path}: ok ({count} {'risk' if count == 1 else 'risks'})")
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
    register = _load(args.file, registry, args)
    previous = _load(args.previous, registry, args) if args.previous else None
    findings = check(register, as_of=args.as_of, previous=previous)
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
        _print(_json(document))
    else:
        if findings:
            _print(findings_by_risk(register, findings) + "\n")
        _print(_check_summary(args.file, findings, counts, failed, args.fail_on))
    return 1 if failed else 0


def _check_summary(path: str, findings: Sequence[object], counts: dict[str, int],
                   failed: Sequence[object], fail_on: str) -> str:
    """``FILE: 6 findings (1 error, 5 warning, 0 info); 1 at or above error``."""
    summary = ", ".join(f"{n} {name}" for name, n in counts.items())
    tail = "; --fail-on never" if fail_on == NEVER else f"; {len(failed)} at or above {fail_on}"
    return f"{path}: {len(findings)} findings ({summary}){tail}"


def _convert(args: argparse.Namespace) -> int:
    """``riskmodel convert FILE --to SCHEME``: what was lost, what band names changed, which
    rating orders turned round, each said once with the assessments it touches; ``-o``
    writes the result."""
    if args.output:
        refuse_overwrite(args.output, _inputs(args), force=args.force)
    registry, _ = _registry(args.scheme_files)
    register = _load(args.file, registry, args)
    mappings = builtin_mappings()
    for path in args.mapping_files:
        mappings.load(path, replace=True)  # a user's file overrides a built-in mapping
    result = convert_register(register, registry.get(args.to), mappings=mappings)

    def where(stages: Sequence[StageConversion]) -> str:
        return "; ".join(f"{result.source.get(s.risk_id).label} ({s.risk_id}) {s.stage}"
                         for s in stages)

    for reason, stages in result.losses:
        _print(f"lost: {reason} [{where(stages)}]")
    for change, stages in result.band_changes:
        _print(f"band: {change.removeprefix('band ')} [{where(stages)}]")
    for reversal, stages in result.reversed_stages:
        _print(f"order: {reversal} [{where(stages)}]")
    for note in result.notes:
        _print(f"note: {note}")
    banded = sum(bool(s.band_changes) for s in result.stages)
    reversed_ = sum(bool(s.reversals) for s in result.stages)
    _print(f"{args.file}: {len(result.stages)} assessments converted to {args.to} by "
          f"{result.rule}; {len(result.lossy)} lossy, {banded} with a band called otherwise, "
          f"{reversed_} in a pair whose rating order is turned round")
    if args.output:
        dump(result.register, args.output, schemes=registry)
    return 0


def _threshold(text: str) -> float:
    """A ``--threshold``: a similarity from 0 to 1."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a similarity from 0 to 1")
    return value


def _diff(args: argparse.Namespace) -> int:
    """``riskmodel diff OLD NEW``: what changed; with ``--exit-code``, 1 when anything did."""
    registry, _ = _registry(args.scheme_files)
    old, new = (_load(path, registry, args) for path in (args.old, args.new))
    changes = diff(old, new, threshold=args.threshold)
    if args.format == "json":
        _print(_escape_c1(make_converter(schemes=registry).dumps(changes)).rstrip("\n"))
    else:
        _print(diff_report(changes, args.format))
    return 1 if args.exit_code and not changes.is_empty else 0


def _history(args: argparse.Namespace) -> int:
    """``riskmodel history V1 V2 …``: each risk's timeline and the register's trend."""
    registry, _ = _registry(args.scheme_files)
    versions = [_load(path, registry, args) for path in args.files]
    found = history(versions, threshold=args.threshold)
    if args.format == "json":
        _print(_json(history_document(found)))
    else:
        _print(history_report(found, args.format))
    return 0


def _heatmap(args: argparse.Namespace) -> int:
    """``riskmodel heatmap FILE --stage STAGE``: one stage's heat map, as text or figures."""
    if args.movement and not (args.png or args.svg):
        print("riskmodel heatmap: error: --movement draws a figure; give --png or --svg",
              file=sys.stderr)
        return 2
    registry, _ = _registry(args.scheme_files)
    register = _load(args.file, registry, args)
    if not _write_figures(args, register):
        _print(heat_map(register, args.stage))
    return 0


def _add_figure_options(heat: argparse.ArgumentParser) -> None:
    """``--png``, ``--svg``, ``--movement`` and ``--force`` for ``riskmodel heatmap``."""
    heat.add_argument("--png", metavar="OUT.png", help="write the heat map as a PNG figure")
    heat.add_argument("--svg", metavar="OUT.svg", help="write the heat map as an SVG figure")
    heat.add_argument("--movement", action="store_true",
                      help="with --png or --svg, draw each risk's move from current to target")
    heat.add_argument("--force", action="store_true",
                      help="write a figure even over the input file")


def _write_figures(args: argparse.Namespace, register: Register) -> bool:
    """Write the figures asked for (each rendered in memory, then written atomically)."""
    from riskmodel import plot

    wanted = [(path, kind) for path, kind in ((args.png, "png"), (args.svg, "svg")) if path]
    if len(wanted) == 2 and same_file_name(args.png, args.svg):
        raise OutputError(args.svg, "is also the --png file; give the two figures two names")
    for path, _ in wanted:
        refuse_overwrite(path, _inputs(args), force=args.force)
    for path, kind in wanted:
        data = plot.image(register, args.stage, format=kind, moves=args.movement)
        write_atomic(path, data)
        _print(f"wrote {path}")
    return bool(wanted)


def _explain(args: argparse.Namespace) -> int:
    """``riskmodel explain FILE REF``: why a risk sits in its band."""
    registry, _ = _registry(args.scheme_files)
    register = _load(args.file, registry, args)
    _print(explain(register.find(args.ref), register))
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
    """``OUT.json`` for one register; ``OUT-1.json``, ``OUT-2.json``… for several.

    >>> _outputs("out.v2/result", 2)
    ['out.v2/result-1.json', 'out.v2/result-2.json']
    """
    if count == 1:
        return [output]
    path = Path(output)
    suffix = path.suffix or ".json"
    return [str(path.with_name(f"{path.stem}-{n}{suffix}")) for n in range(1, count + 1)]


def _import(args: argparse.Namespace) -> int:
    """``riskmodel import SOURCE``: read a published table; write one document per register."""
    from riskmodel.readers import NoteKind, read

    if args.output:  # every name it may write is checked before the import starts
        for path in [*_outputs(args.output, 2), args.output]:
            refuse_overwrite(path, _inputs(args), force=args.force)
    registry, _ = _registry(args.scheme_files)
    folders = args.layouts or [
        folder for folder in os.environ.get(LAYOUTS_VARIABLE, "").split(os.pathsep) if folder]
    result = read(args.source, layout=args.layout, schemes=registry, sheet=args.sheet,
                  max_bytes=args.max_size, scheme=args.scheme, stage=args.stage,
                  layouts=folders)
    report = result.report
    _print(f"{args.source}: layout {result.layout} ({result.reason})")
    _print(f"  scheme: {result.scheme} ({result.scheme_reason})")
    for index, register in enumerate(result.registers, 1):
        title = register.title or "(untitled)"
        _print(f"  register {index}: {title}: {len(register)} risks; "
              f"stages scored: {_stages_scored(register)}")
    lines = ", ".join(f"{n} {kind}" for kind, n in report.counts().items())
    _print(f"  lines: {lines}")
    for note in report.notes:
        if note.field == "header" and note.kind in (NoteKind.KEPT, NoteKind.UNREAD,
                                                     NoteKind.ASSUMPTION):
            _print(f"  {note.kind.value}: {note.message}")
    _print(f"  problems: {len(report.problems)}")
    if args.report:
        _print(report.format())
    if args.output:
        outputs = _outputs(args.output, len(result.registers))
        for path in outputs:
            refuse_overwrite(path, _inputs(args), force=args.force)
        for path, register in zip(outputs, result.registers, strict=True):
            # Against the built-in schemes only: a scheme from a file is written in
            # full, so the document loads again without the file.
            dump(register, path, schemes=builtin_schemes())
            _print(f"  wrote {path}")
    return 1 if args.strict and report.problems else 0


def _export(args: argparse.Namespace) -> int:
    """``riskmodel export FILE --to xlsx|csv|parquet -o OUT``: write the register in a format."""
    from riskmodel import writers

    registry, _ = _registry(args.scheme_files)
    refuse_overwrite(args.output, _inputs(args), force=args.force)
    register = _load(args.file, registry, args)
    written = writers.export(register, args.output, to=args.to, as_of=args.as_of)
    _print(f"wrote {args.output} ({written}, {len(register)} risks)")
    return 0


def _add_export_command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    scheme_file: argparse.ArgumentParser,
) -> None:
    """``riskmodel export``: its arguments."""
    exporter = commands.add_parser(
        "export", parents=[scheme_file], help="write a register as XLSX, CSV or Parquet",
        description="Write a register as an Excel workbook (risks, findings and scheme "
        "sheets; reads back through riskmodel import), CSV (formulas escaped) or Parquet "
        "(for DuckDB or Spark). The file is written atomically.",
    )
    exporter.add_argument("file", metavar="FILE", help="a register in riskmodel's JSON format")
    exporter.add_argument("--to", choices=["xlsx", "csv", "parquet"],
                          help="the format (default: the output file's suffix)")
    exporter.add_argument("-o", "--output", required=True, metavar="OUT",
                          help="the file to write")
    exporter.add_argument("--as-of", type=_date, metavar="DATE",
                          help="judge the workbook's findings at this day "
                          "(default: the register's as-at date)")
    exporter.add_argument("--force", action="store_true",
                          help="write even over the input file")
    exporter.set_defaults(run=_export)


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
    scheme_file.add_argument(
        "--max-size", type=_size, default=None, metavar="SIZE",
        help="read input files up to this size, e.g. 500M (default 256M)",
    )
    force = argparse.ArgumentParser(add_help=False)
    force.add_argument("--force", action="store_true",
                       help="let -o overwrite an input file")

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
    checker.add_argument("--fail-on", choices=[*(str(s) for s in Severity), NEVER],
                         default="error",
                         help="the lowest severity that fails the check, or never "
                              "(default: error)")
    checker.add_argument("--previous", metavar="OLD",
                         help="the previous version: check printed directions of travel "
                         "against it (RM801)")
    checker.set_defaults(run=_check)

    converter = commands.add_parser(
        "convert", parents=[scheme_file, force], help="convert a register to another scheme",
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

    formats = argparse.ArgumentParser(add_help=False)
    formats.add_argument("--format", choices=["text", "markdown", "json"], default="text",
                         help="the report's format (default: text)")
    formats.add_argument(
        "--threshold", type=_threshold, default=DEFAULT_THRESHOLD, metavar="X",
        help="the content similarity, 0 to 1, that makes two risks the same risk "
        f"(default: {DEFAULT_THRESHOLD:g}; lower finds more reworded risks and risks "
        "false matches)",
    )

    differ = commands.add_parser(
        "diff", parents=[scheme_file, formats], help="what changed between two versions",
        description="Match the risks of two versions of a register (by id, ref, then content) "
        "and report what changed, in the shape committees use.",
    )
    differ.add_argument("old", metavar="OLD", help="the earlier version (riskmodel JSON)")
    differ.add_argument("new", metavar="NEW", help="the later version (riskmodel JSON)")
    differ.add_argument("--exit-code", action="store_true",
                        help="exit 1 when anything changed, as git diff does")
    differ.set_defaults(run=_diff)

    historian = commands.add_parser(
        "history", parents=[scheme_file, formats], help="each risk's timeline over versions",
        description="Follow every risk through several versions of a register, oldest first: "
        "scores over time, trend, when it appeared and closed, the refs it was printed under, "
        "and the register's counts by band per version.",
    )
    historian.add_argument("files", nargs="+", metavar="VERSION",
                           help="versions of one register, oldest first (riskmodel JSON)")
    historian.set_defaults(run=_history)

    heat = commands.add_parser(
        "heatmap", parents=[scheme_file], help="draw one stage's heat map",
        description="Draw the heat map of one stage, with each risk's ref in its cell.",
    )
    heat.add_argument("file", metavar="FILE", help="a register in riskmodel's JSON format")
    heat.add_argument("--stage", choices=[str(s) for s in Stage], default="current",
                      help="the stage to draw (default: current)")
    _add_figure_options(heat)
    heat.set_defaults(run=_heatmap)

    explainer = commands.add_parser(
        "explain", parents=[scheme_file], help="say why a risk is in its band",
        description="Explain a risk's scores: cell, rating, band and appetite.",
    )
    explainer.add_argument("file", metavar="FILE", help="a register in riskmodel's JSON format")
    explainer.add_argument("ref", metavar="REF", help="the risk's printed ref or its id")
    explainer.set_defaults(run=_explain)

    importer = commands.add_parser(
        "import", parents=[scheme_file, force], help="read a published register table",
        description="Read registers from a text table, a CSV or XLSX file, or a published PDF "
        "or Word file, accounting for every line; write one JSON document per register. "
        "--layout auto tries the named layouts, those in --layouts folders, then the "
        "generic layout, which maps columns by the words councils use.",
    )
    importer.add_argument("source", metavar="SOURCE",
                          help="a .txt, .md, .csv, .xlsx, .pdf or .docx file")
    importer.add_argument(
        "--layout", default="auto", metavar="auto|NAME|PATH",
        help="a built-in layout name, a layout TOML file, or auto (default) to pick one",
    )
    importer.add_argument("-o", "--output", metavar="OUT.json",
                          help="write the registers (OUT-1.json, OUT-2.json… for several)")
    importer.add_argument("--sheet", metavar="NAME",
                          help="the workbook sheet to read (default: the first visible one)")
    importer.add_argument(
        "--scheme", metavar="ID|FILE",
        help="the scoring scheme the scores are on: a scheme id or a scheme TOML file "
        "(default: the layout's, a heading's, or the built-in scheme the values fit)")
    importer.add_argument(
        "--stage", choices=[str(s) for s in Stage],
        help="the stage of score columns whose header names none (default: assumed by "
        "a stated rule, and reported)")
    importer.add_argument(
        "--layouts", action="append", default=[], metavar="DIR",
        help=f"a folder of more layouts (*.toml; a vocabulary.toml extends the header "
        f"words) for --layout; may be repeated (default: ${LAYOUTS_VARIABLE}, folders "
        f"separated by '{os.pathsep}')")
    importer.add_argument("--report", action="store_true",
                          help="print what every line of the source became")
    importer.add_argument("--strict", action="store_true",
                          help="exit 1 when the report has problems")
    importer.set_defaults(run=_import)
    _add_export_command(commands, scheme_file)
    return parser


def _tolerant_streams() -> None:
    """Let stdout and stderr print any text, whatever their encoding (``LANG=C``).

    A character the terminal's encoding lacks is written as an escape rather than
    raising ``UnicodeEncodeError`` halfway through a report.
    """
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def main(argv: list[str] | None = None) -> int:
    """Run the command line with *argv* (default ``sys.argv[1:]``); return the exit status."""
    _tolerant_streams()
    args = build_parser().parse_args(argv)
    try:
        status: int = args.run(args)
    except RiskModelError as exc:
        _fail(exc)
        return 1
    except BrokenPipeError:  # the reader went away (`riskmodel show … | head`)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:  # the terminal or disk failed under us: no traceback for that
        _fail(exc)
        return 1
    except KeyboardInterrupt:
        print("riskmodel: interrupted", file=sys.stderr)
        return 130
    return status
