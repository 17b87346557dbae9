"""The command line of ``sistercities``: its commands, options and the values they take."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import NoReturn

from sistercities._version import __version__
from sistercities.cli import commands
from sistercities.cli.render import PROG, clean
from sistercities.partialdate import PartialDate

__all__ = ["parser"]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # argparse would print the usage too; one line says enough and --help gives the rest.
        self.exit(2, f"{PROG}: error: {clean(message)} (see '{self.prog} --help')\n")


def parser() -> argparse.ArgumentParser:
    """The parser of the whole command line; each command sets its ``handler``."""
    top = _Parser(prog=PROG, description="Sister-city ties as validated, source-cited data.")
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    data_help = (
        "use this dataset (a data/-style folder, a TOML file or a JSON export) instead of the "
        "shipped one"
    )
    top.add_argument("--data", metavar="PATH", type=Path, help=data_help)
    # --data is accepted after the command too; there it leaves a value given before alone.
    shared = _Parser(add_help=False)
    shared.add_argument(
        "--data", metavar="PATH", type=Path, default=argparse.SUPPRESS, help=data_help
    )
    subcommands = top.add_subparsers(
        title="commands", required=True, metavar="COMMAND", parser_class=_Parser
    )

    def command(name: str, help_text: str, handler: commands.Handler) -> argparse.ArgumentParser:
        sub = subcommands.add_parser(
            name, help=help_text, description=handler.__doc__, parents=[shared]
        )
        sub.set_defaults(handler=handler)
        return sub

    city = command("city", "show a city and its ties", commands.city)
    city.add_argument(
        "name", metavar="NAME", nargs="+", help="any name or id of the city (quotes optional)"
    )

    networks = command("networks", "list the networks, or the ties of one", commands.networks)
    networks.add_argument("name", metavar="NAME", nargs="?", help="a city whose network to list")

    since = command("since", "list ties established since a date", commands.since)
    since.add_argument("date", metavar="DATE", type=_date, help="YYYY, YYYY-MM or YYYY-MM-DD")
    since.add_argument("--city", metavar="NAME", help="only the ties of this city")
    since.add_argument("--active", action="store_true", help="leave out ties that were ended")

    _anniversary_options(
        command("anniversaries", "list or export coming anniversaries", commands.anniversaries)
    )
    _export_options(
        command("export", "export the dataset as JSON, CSV, GeoJSON or ICS", commands.export)
    )

    validate = command("validate", "check a dataset and list its problems", commands.validate)
    validate.add_argument("path", metavar="PATH", type=Path, help="a folder, TOML or JSON file")
    validate.add_argument(
        "--strict", action="store_true", help="also report listed sources that no fact cites"
    )
    return top


def _anniversary_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--from", dest="start", metavar="DATE", type=_date, help="first day (default: today)"
    )
    window = parser.add_mutually_exclusive_group()
    window.add_argument("--to", dest="end", metavar="DATE", type=_date, help="last day")
    window.add_argument(
        "--days",
        metavar="N",
        type=_positive,
        help=f"number of days (default: {commands.DEFAULT_DAYS})",
    )
    parser.add_argument("--city", metavar="NAME", help="only the ties of this city")
    parser.add_argument(
        "--milestones",
        metavar="N",
        nargs="+",
        type=_numbers,
        action="extend",
        help="one number N for every Nth year, or several (10 20 25 or 10,20,25) for those only",
    )
    parser.add_argument(
        "--precision",
        choices=("day", "month", "year"),
        default="year",
        help=(
            "the coarsest date to include: 'day' leaves out ties known only to the month or the "
            "year, 'month' those known only to the year (default: year, every dated tie)"
        ),
    )
    parser.add_argument(
        "--include-ended", action="store_true", help="include ended ties after their end"
    )
    parser.add_argument(
        "--include-suspended",
        action="store_true",
        help="include the anniversaries that fall while a tie is suspended",
    )
    parser.add_argument("--agreements", action="store_true", help="include dated agreements")
    parser.add_argument("--format", choices=("text", "json", "ics"), default="text")
    parser.add_argument(
        "--alarm-days", metavar="N", type=_count, help="with --format ics: remind N days before"
    )


def _export_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=commands.EXPORT_FORMATS, required=True)
    parser.add_argument("--output", metavar="FILE", type=Path, help="default: standard output")
    parser.add_argument("--city", metavar="NAME", help="only this city's ties and partners")
    parser.add_argument(
        "--table", choices=("relations", "cities"), help="with --format csv (default: relations)"
    )
    parser.add_argument(
        "--layer",
        choices=("all", "cities", "relations"),
        help="with --format geojson: only the points or only the lines (default: all)",
    )
    parser.add_argument(
        "--language",
        metavar="TAG",
        help="with --table cities: the language of the names column (default: zh)",
    )
    parser.add_argument(
        "--alarm-days", metavar="N", type=_count, help="with --format ics: remind N days before"
    )


def _date(text: str) -> PartialDate:
    try:
        return PartialDate.parse(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _positive(text: str) -> int:
    return _whole(text, 1)


def _count(text: str) -> int:
    return _whole(text, 0)


def _whole(text: str, least: int) -> int:
    # One message for every bad value, so that -5 and 0 are told the same bound.
    if not text.isascii() or not text.isdigit() or int(text) < least:
        msg = f"expected a whole number >= {least}, found {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return int(text)


def _numbers(text: str) -> list[int]:
    return [_positive(part) for part in text.split(",")]
