"""The ``riskmodel`` command line: parses arguments, calls the library, prints the result."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from riskmodel import __version__
from riskmodel.errors import RiskModelError
from riskmodel.registry import SchemeRegistry, builtin_schemes
from riskmodel.render import register_report, scheme_list, scheme_matrix
from riskmodel.serialize import load

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
