"""What each command does: ask the library, then write the answer or say why there is none.

Each handler takes the parsed command line and gives the exit status. A command line that
cannot be run as given raises :class:`UsageError`.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Final, TextIO

from sistercities._default import dataset as shipped_dataset
from sistercities.anniversary import Anniversary, AnniversaryOptions
from sistercities.cli.render import (
    PROG,
    anniversary_lines,
    clean,
    network_lines,
    profile,
    relation_line,
)
from sistercities.dataset import Dataset
from sistercities.errors import DatasetError, SistercitiesError
from sistercities.partialdate import PartialDate

__all__ = [
    "DEFAULT_DAYS",
    "EXPORT_FORMATS",
    "Handler",
    "UsageError",
    "anniversaries",
    "city",
    "export",
    "networks",
    "since",
    "validate",
]

#: The length of the anniversaries window when neither ``--to`` nor ``--days`` is given.
DEFAULT_DAYS: Final = 365
#: The formats of ``sistercities export``.
EXPORT_FORMATS: Final = ("json", "csv", "geojson", "ics")

#: A command: the parsed command line in, the exit status out.
Handler = Callable[[argparse.Namespace], int]


class UsageError(Exception):
    """A command line that cannot be run as given, such as an option that needs another."""


def city(args: argparse.Namespace) -> int:
    """Show a city (by any of its names or its id) and its ties."""
    data = _dataset(args)
    _print(profile(data, data.get_city(" ".join(args.name))))
    return 0


def networks(args: argparse.Namespace) -> int:
    """List the networks, or the ties of one network, oldest first.

    A network is a city whose complete list of ties the data holds.
    """
    data = _dataset(args)
    if args.name is None:
        _print(network_lines(data) or "the dataset holds no network")
        return 0
    network = data.network(args.name)
    _print("\n".join(relation_line(data, r) for r in data.relations_of(network.city)))
    return 0


def since(args: argparse.Namespace) -> int:
    """List the ties established on or after DATE, oldest first.

    A date known only to the month or year counts as its first day.
    """
    data = _dataset(args)
    found = data.relations_since(args.date, city=args.city, include_ended=not args.active)
    if not found:
        _note(f"no ties established since {args.date}")
    _print("\n".join(relation_line(data, relation) for relation in found))
    return 0


def anniversaries(args: argparse.Namespace) -> int:
    """List the anniversaries of ties in a window of days, by date.

    Without --to or --days the window is the 365 days from --from (default: today). Every dated
    tie is included: one known only to the month has its anniversary in that month (on the 1st
    in a calendar), one known only to the year in that year (on 1 January); --precision leaves
    them out. Ties of 29 February have theirs on 28 February in common years.
    """
    if args.alarm_days is not None and args.format != "ics":
        msg = "--alarm-days needs --format ics"
        raise UsageError(msg)
    data = _dataset(args)
    options: AnniversaryOptions = {
        "city": args.city,
        "milestones": _milestones(args.milestones),
        "precision": args.precision,
        "include_ended": args.include_ended,
        "include_suspended": args.include_suspended,
        "agreements": args.agreements,
    }
    start: PartialDate = args.start or PartialDate.from_date(dt.date.today())

    def window(chosen: AnniversaryOptions) -> list[Anniversary]:
        if args.end is not None:
            return data.anniversaries(start, args.end, **chosen)
        return data.upcoming(args.days or DEFAULT_DAYS, today=start.earliest(), **chosen)

    found = window(options)
    # Nothing is dropped silently: count what every precision would add, and say how.
    left_out = 0
    if args.precision != "year":
        left_out = len(window({**options, "precision": "year"})) - len(found)
    if args.format == "text":
        if not found:
            _note("no anniversaries in that window")
        _print(anniversary_lines(found))
    else:
        with _output(None) as stream:
            if args.format == "json":
                json.dump([a.to_json() for a in found], stream, ensure_ascii=False, indent=2)
                stream.write("\n")
            else:
                from sistercities.export.ical import iter_ical  # noqa: PLC0415 - loaded when used

                stream.writelines(iter_ical(data, found, alarm_days=args.alarm_days))
    if left_out:
        known = "the year" if args.precision == "month" else "the month or the year"
        noun = "anniversary" if left_out == 1 else "anniversaries"
        _note(
            f"{left_out} more {noun} of ties known only to {known} left out; "
            "--precision year brings them in"
        )
    return 0


def export(args: argparse.Namespace) -> int:
    """Write the dataset, or one city's part of it, in a standard format.

    json is the versioned document that --data and the library read back; csv is a table of
    relations (or, with --table cities, of cities); geojson is a FeatureCollection for web maps;
    ics is a calendar with one yearly event per dated tie.
    """
    needs = (
        (args.table, "csv", "--table needs --format csv"),
        (args.layer, "geojson", "--layer needs --format geojson"),
        (args.alarm_days, "ics", "--alarm-days needs --format ics"),
    )
    for given, required, msg in needs:
        if given is not None and args.format != required:
            raise UsageError(msg)
    if args.language is not None and args.table != "cities":
        msg = "--language needs --format csv --table cities"
        raise UsageError(msg)
    # The export modules load only for this command, keeping the others quick to start.
    from sistercities import export as formats  # noqa: PLC0415

    data = _dataset(args)
    if args.city is not None:
        data = formats.subset(data, data.relations_of(args.city), [args.city])
    with _output(args.output) as stream:
        if args.format == "json":
            formats.write_json(data, stream)
        elif args.format == "csv":
            formats.write_csv(
                data, stream, table=args.table or "relations", language=args.language or "zh"
            )
        elif args.format == "geojson":
            formats.write_geojson(data, stream, layer=args.layer or "all")
        else:
            stream.writelines(formats.iter_ical_yearly(data, alarm_days=args.alarm_days))
    return 0


def validate(args: argparse.Namespace) -> int:
    """Check a dataset; list every problem, one per line, or print a one-line summary."""
    from sistercities.loader import load  # noqa: PLC0415 - brings in cattrs

    try:
        data = load(args.path, strict=args.strict)
    except DatasetError as error:
        _print("\n".join(str(problem) for problem in error.problems))
        count = len(error.problems)
        msg = f"{args.path}: {count} problem{'s' if count != 1 else ''}"
        raise SistercitiesError(msg) from None
    version_note = f", data version {data.data_version}" if data.data_version else ""
    _print(
        f"OK: {args.path}: {len(data.cities())} cities, {len(data.relations())} relations"
        f"{version_note}"
    )
    return 0


def _print(text: str) -> None:
    if text:
        sys.stdout.write(clean(text) + "\n")


def _note(text: str) -> None:
    # Said on stderr, so that a script reading stdout still sees only the answer.
    sys.stderr.write(f"{PROG}: {clean(text)}\n")


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
            f"'{PROG} validate {args.data}' lists them"
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


def _milestones(groups: list[list[int]] | None) -> int | set[int] | None:
    # Each argument is a comma-separated group; one number alone means "every Nth year".
    numbers = [number for group in groups or () for number in group]
    if not numbers:
        return None
    if len(numbers) == 1:
        return numbers[0]
    return set(numbers)
