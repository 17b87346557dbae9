"""The ``sistercities`` command: look up cities, list ties and anniversaries, export, validate.

Mistakes are reported as one line on stderr, ``sistercities: error: ...``, with exit status 2
for a mistake in the command line and 1 for a problem with the data; text meant for a terminal
never passes control characters from the data through.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Final, NoReturn, TextIO

from sistercities._default import dataset as shipped_dataset
from sistercities._version import __version__
from sistercities.dataset import Dataset
from sistercities.errors import DatasetError, SistercitiesError
from sistercities.partialdate import PartialDate
from sistercities.records import Anniversary, City, Head, Relation, Scope

__all__ = ["main"]

_PROG: Final = "sistercities"
_DEFAULT_DAYS: Final = 365
_LABEL_WIDTH: Final = 14
_FORMATS: Final = ("json", "csv", "geojson", "ics")

Handler = Callable[[argparse.Namespace], int]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command with ``argv`` (default: the process's arguments); give the exit status."""
    if isinstance(sys.stdout, io.TextIOWrapper):
        # A terminal that cannot show a script gets a replacement mark, not a traceback.
        sys.stdout.reconfigure(errors="replace")
    args = _parser().parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except BrokenPipeError:
        # The reader went away (as with `| head`); further writes would fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except SistercitiesError as error:
        return _fail(_one_line(error), 1)
    except ValueError as error:
        return _fail(str(error), 2)
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        return _fail(f"{where}{error.strerror or error}", 1)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # argparse would print the usage too; one line says enough and --help gives the rest.
        self.exit(2, f"{_PROG}: error: {_clean(message)} (see '{self.prog} --help')\n")


def _parser() -> _Parser:
    parser = _Parser(
        prog=_PROG,
        description="Sister-city ties as validated, source-cited data.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    data_help = (
        "use this dataset (a data/-style folder, a TOML file or a JSON export) instead of the "
        "shipped one"
    )
    parser.add_argument("--data", metavar="PATH", type=Path, help=data_help)
    # --data is accepted after the command too; there it leaves a value given before alone.
    shared = _Parser(add_help=False)
    shared.add_argument(
        "--data", metavar="PATH", type=Path, default=argparse.SUPPRESS, help=data_help
    )
    commands = parser.add_subparsers(
        title="commands", required=True, metavar="COMMAND", parser_class=_Parser
    )

    city = commands.add_parser(
        "city", help="show a city and its ties", description=_doc(_city), parents=[shared]
    )
    city.add_argument(
        "name", metavar="NAME", nargs="+", help="any name or id of the city (quotes optional)"
    )
    city.set_defaults(handler=_city)

    networks = commands.add_parser(
        "networks",
        help="list the networks, or the ties of one",
        description=_doc(_networks),
        parents=[shared],
    )
    networks.add_argument("name", metavar="NAME", nargs="?", help="a city whose network to list")
    networks.set_defaults(handler=_networks)

    since = commands.add_parser(
        "since", help="list ties established since a date", parents=[shared]
    )
    since.description = _doc(_since)
    since.add_argument("date", metavar="DATE", type=_date, help="YYYY, YYYY-MM or YYYY-MM-DD")
    since.add_argument("--city", metavar="NAME", help="only the ties of this city")
    since.add_argument("--active", action="store_true", help="leave out ties that were ended")
    since.set_defaults(handler=_since)

    _add_anniversaries(
        commands.add_parser(
            "anniversaries", help="list or export coming anniversaries", parents=[shared]
        )
    )
    _add_export(
        commands.add_parser(
            "export", help="export the dataset as JSON, CSV, GeoJSON or ICS", parents=[shared]
        )
    )

    validate = commands.add_parser(
        "validate", help="check a dataset and list its problems", parents=[shared]
    )
    validate.description = _doc(_validate)
    validate.add_argument("path", metavar="PATH", type=Path, help="a folder, TOML or JSON file")
    validate.add_argument(
        "--strict", action="store_true", help="also report listed sources that no fact cites"
    )
    validate.set_defaults(handler=_validate)
    return parser


def _add_anniversaries(parser: _Parser) -> None:
    parser.description = _doc(_anniversaries)
    parser.add_argument(
        "--from", dest="start", metavar="DATE", type=_date, help="first day (default: today)"
    )
    window = parser.add_mutually_exclusive_group()
    window.add_argument("--to", dest="end", metavar="DATE", type=_date, help="last day")
    window.add_argument(
        "--days", metavar="N", type=_positive, help=f"number of days (default: {_DEFAULT_DAYS})"
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
        default="day",
        help="also include ties known only to the month or the year (default: day)",
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
    parser.set_defaults(handler=_anniversaries)


def _add_export(parser: _Parser) -> None:
    parser.description = _doc(_export)
    parser.add_argument("--format", choices=_FORMATS, required=True)
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
    parser.set_defaults(handler=_export)


# -- commands -----------------------------------------------------------------------------------


def _city(args: argparse.Namespace) -> int:
    """Show a city (by any of its names or its id) and its ties."""
    data = _dataset(args)
    city = data.get_city(" ".join(args.name))
    _print(_profile(data, city))
    return 0


def _networks(args: argparse.Namespace) -> int:
    """List the networks, or the ties of one network, oldest first.

    A network is a city whose complete list of ties the data holds.
    """
    data = _dataset(args)
    if args.name is None:
        lines = []
        for network in data.networks():
            city = data.get_city(network.city)
            ties = data.relations_of(city)
            active = sum(relation.is_active for relation in ties)
            lines.append(f"{city.id:<24}{city.name}: {len(ties)} ties, {active} not ended")
        _print("\n".join(lines) or "the dataset holds no network")
        return 0
    network = data.network(args.name)
    _print("\n".join(_relation_line(data, r) for r in data.relations_of(network.city)))
    return 0


def _since(args: argparse.Namespace) -> int:
    """List the ties established on or after DATE, oldest first.

    A date known only to the month or year counts as its first day.
    """
    data = _dataset(args)
    found = data.relations_since(args.date, city=args.city, include_ended=not args.active)
    if not found:
        # Said on stderr, so that a script reading stdout still sees an empty list.
        sys.stderr.write(f"{_PROG}: no ties established since {args.date}\n")
    _print("\n".join(_relation_line(data, relation) for relation in found))
    return 0


def _anniversaries(args: argparse.Namespace) -> int:
    """List the anniversaries of ties in a window of days, by date.

    Without --to or --days the window is the 365 days from --from (default: today). A tie known
    only to the month has its anniversary on the 1st of that month, one known only to the year
    on 1 January; ties of 29 February have theirs on 28 February in common years.
    """
    if args.alarm_days is not None and args.format != "ics":
        _usage_error("--alarm-days needs --format ics")
    data = _dataset(args)
    options: dict[str, Any] = {
        "city": args.city,
        "milestones": _milestones(args.milestones),
        "precision": args.precision,
        "include_ended": args.include_ended,
        "include_suspended": args.include_suspended,
        "agreements": args.agreements,
    }
    start: PartialDate = args.start or PartialDate.from_date(dt.date.today())

    def window(chosen: dict[str, Any]) -> list[Anniversary]:
        if args.end is not None:
            return data.anniversaries(start, args.end, **chosen)
        return data.upcoming(args.days or _DEFAULT_DAYS, today=start.earliest(), **chosen)

    found = window(options)
    # Nothing is dropped silently: count what a coarser precision would add, and say how.
    left_out = 0
    if args.precision != "year":
        left_out = len(window(options | {"precision": "year"})) - len(found)
    if args.format == "text":
        if not found:
            # Said on stderr, so that a script reading stdout still sees an empty list.
            sys.stderr.write(f"{_PROG}: no anniversaries in that window\n")
        _print("\n".join(f"{_day(a)}  {a.describe()}" for a in found))
    else:
        with _output(None) as stream:
            if args.format == "json":
                json.dump(
                    [_anniversary_json(a) for a in found], stream, ensure_ascii=False, indent=2
                )
                stream.write("\n")
            else:
                from sistercities.export.ical import iter_ical  # noqa: PLC0415 - loaded when used

                stream.writelines(iter_ical(data, found, alarm_days=args.alarm_days))
    if left_out:
        known = "the year" if args.precision == "month" else "the month or the year"
        option = "--precision year" if args.precision == "month" else "--precision month or year"
        noun = "anniversary" if left_out == 1 else "anniversaries"
        sys.stderr.write(
            f"{_PROG}: {left_out} more {noun} of ties known only to {known} left out; "
            f"{option} brings them in\n"
        )
    return 0


def _export(args: argparse.Namespace) -> int:
    """Write the dataset, or one city's part of it, in a standard format.

    json is the versioned document that --data and the library read back; csv is a table of
    relations (or, with --table cities, of cities); geojson is a FeatureCollection for web maps;
    ics is a calendar with one yearly event per tie dated to the day.
    """
    if args.table is not None and args.format != "csv":
        _usage_error("--table needs --format csv")
    if args.layer is not None and args.format != "geojson":
        _usage_error("--layer needs --format geojson")
    if args.language is not None and args.table != "cities":
        _usage_error("--language needs --format csv --table cities")
    if args.alarm_days is not None and args.format != "ics":
        _usage_error("--alarm-days needs --format ics")
    # The export modules load only for this command, keeping the others quick to start.
    from sistercities import export  # noqa: PLC0415

    data = _dataset(args)
    if args.city is not None:
        data = export.subset(data, data.relations_of(args.city), [args.city])
    with _output(args.output) as stream:
        if args.format == "json":
            export.write_json(data, stream)
        elif args.format == "csv":
            export.write_csv(
                data, stream, table=args.table or "relations", language=args.language or "zh"
            )
        elif args.format == "geojson":
            export.write_geojson(data, stream, layer=args.layer or "all")
        else:
            stream.writelines(export.iter_ical_yearly(data, alarm_days=args.alarm_days))
    return 0


def _validate(args: argparse.Namespace) -> int:
    """Check a dataset; list every problem, one per line, or print a one-line summary."""
    from sistercities.loader import load  # noqa: PLC0415 - brings in cattrs

    try:
        data = load(args.path, strict=args.strict)
    except DatasetError as error:
        _print("\n".join(str(problem) for problem in error.problems))
        count = len(error.problems)
        return _fail(f"{args.path}: {count} problem{'s' if count != 1 else ''}", 1)
    version_note = f", data version {data.data_version}" if data.data_version else ""
    _print(
        f"OK: {args.path}: {len(data.cities())} cities, {len(data.relations())} relations"
        f"{version_note}"
    )
    return 0


# -- helpers ------------------------------------------------------------------------------------


def _clean(text: str) -> str:
    # Every control character but the line feed is shown as an escape, so that no escape
    # sequence in the data can move the cursor, change colours or retitle the terminal.
    return "".join(_escape(char) for char in text)


def _escape(char: str) -> str:
    code = ord(char)
    if char == "\n" or not (code < 0x20 or 0x7F <= code <= 0x9F):
        return char
    return repr(char)[1:-1] if char != "\t" else "\\t"


def _print(text: str) -> None:
    if text:
        sys.stdout.write(_clean(text) + "\n")


def _fail(message: str, status: int) -> int:
    sys.stderr.write(f"{_PROG}: error: {_clean(message)}\n")
    return status


def _usage_error(message: str) -> NoReturn:
    sys.stderr.write(f"{_PROG}: error: {_clean(message)}\n")
    raise SystemExit(2)


def _one_line(error: SistercitiesError) -> str:
    if isinstance(error, DatasetError):
        # Only the shipped dataset gets here; a --data dataset is reported by _dataset.
        first = f": {error.problems[0]}" if error.problems else ""
        return f"the shipped dataset is not valid{first}"
    return " ".join(str(error).split("\n"))


def _doc(handler: Handler) -> str:
    return handler.__doc__ or ""


def _dataset(args: argparse.Namespace) -> Dataset:
    if args.data is None:
        return shipped_dataset()
    from sistercities.loader import load  # noqa: PLC0415 - brings in cattrs

    try:
        return load(args.data)
    except DatasetError as error:
        count = len(error.problems)
        msg = (
            f"{args.data} is not a valid dataset ({count} problem{'s' if count != 1 else ''}); "
            f"'{_PROG} validate {args.data}' lists them"
        )
        raise SistercitiesError(msg) from None


@contextlib.contextmanager
def _output(path: Path | None) -> Iterator[TextIO]:
    # Exports are UTF-8 with the line ends their formats define, whatever the platform.
    if path is not None:
        with path.open("w", encoding="utf-8", newline="") as stream:
            yield stream
        return
    sys.stdout.flush()
    stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
    try:
        yield stream
    finally:
        stream.flush()
        stream.detach()  # leave sys.stdout open for the interpreter


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


def _milestones(groups: list[list[int]] | None) -> int | set[int] | None:
    # Each argument is a comma-separated group; one number alone means "every Nth year".
    numbers = [number for group in groups or () for number in group]
    if not numbers:
        return None
    if len(numbers) == 1:
        return numbers[0]
    return set(numbers)


def _day(anniversary: Anniversary) -> str:
    precision = anniversary.precision.value
    if precision == "day":
        return anniversary.date.isoformat()
    return anniversary.date.isoformat()[: 7 if precision == "month" else 4].ljust(10)


def _anniversary_json(anniversary: Anniversary) -> dict[str, Any]:
    first, second = anniversary.cities
    agreement = anniversary.agreement
    return {
        "date": anniversary.date.isoformat(),
        "years": anniversary.years,
        "ordinal": anniversary.ordinal,
        "relation": anniversary.relation.id,
        "kind": anniversary.relation.kind.value,
        "cities": [first.id, second.id],
        "names": [first.name, second.name],
        "commemorated": anniversary.commemorated.isoformat(),
        "precision": anniversary.precision.value,
        "agreement": None if agreement is None else agreement.title,
        "description": anniversary.describe(),
    }


def _relation_line(data: Dataset, relation: Relation) -> str:
    first, second = (data.get_city(city_id) for city_id in relation.cities)
    established = str(relation.established) if relation.established else "undated"
    return (
        f"{established:<10}  {first.name} ({first.country}) – {second.name} ({second.country})"
        f"  {relation.kind.value}{_standing(relation)}"
    )


def _standing(relation: Relation) -> str:
    last = relation.status_changes[-1] if relation.status_changes else None
    return "" if last is None else f", {last.status.value} {last.date}"


def _quantity(figure: str, reference: PartialDate | None, scope: Scope | None) -> str:
    when = str(reference) if reference is not None else "date not stated"
    return f"{figure} ({when}{'' if scope is None else ', ' + scope.value})"


def _head(city: City, head: Head) -> str:
    since = f"since {head.since}" if head.since else "start not known"
    confirmed = city.confirmed(head)
    when = since if confirmed is None else f"{since}; confirmed {confirmed}"
    return f"{head.title} {head.name} ({when})"


def _profile(data: Dataset, city: City) -> str:
    rows: list[tuple[str, str]] = [("id", city.id), ("country", city.country), ("kind", city.kind)]
    if city.names:
        rows.insert(0, ("other names", ", ".join(f"{n} ({t})" for t, n in city.names.items())))
    if city.aliases:
        rows.insert(1, ("also known as", ", ".join(city.aliases)))
    if city.former_names:
        former = (f"{f.name} (until {f.until})" if f.until else f.name for f in city.former_names)
        rows.append(("formerly", ", ".join(former)))
    population, area = city.population, city.area
    if population is not None:
        figure = f"{population.count:,}"
        rows.append(("population", _quantity(figure, population.reference_date, population.scope)))
    if area is not None:
        figure = f"{area.km2:,g} km²"
        rows.append(("area", _quantity(figure, area.reference_date, area.scope)))
    head = city.government.head if city.government else None
    if head is not None:
        rows.append(("head", _head(city, head)))
    lines = [city.name, *(f"  {label:<{_LABEL_WIDTH}}{value}" for label, value in rows)]
    if city.summary:
        lines.append(f"  {city.summary}")
    ties = data.relations_of(city)
    lines.append(f"  ties ({len(ties)}):" if ties else "  no ties")
    for relation in ties:
        partner = data.get_city(relation.partner_of(city.id))
        established = str(relation.established) if relation.established else "undated"
        lines.append(
            f"    {established:<10}  {relation.kind.value} with {partner.name} "
            f"({partner.country}){_standing(relation)}"
        )
    return "\n".join(lines)
