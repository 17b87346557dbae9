"""Checks that need more than one field or record: ids, references, dates, sources, ranges.

Each check yields :class:`~sistercities.errors.Problem` objects instead of raising, so that a data
editor sees every problem of a dataset at once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from collections.abc import Set as AbstractSet
from typing import Final

from sistercities.countries import COUNTRY_CODES
from sistercities.errors import Problem
from sistercities.names import normalize_name
from sistercities.partialdate import PartialDate
from sistercities.records import (
    Agreement,
    City,
    Event,
    Government,
    Head,
    InstitutionalTie,
    Network,
    Relation,
    Source,
    StatusChangeKind,
)
from sistercities.validation import Read, Records

__all__ = ["check_dataset"]

_CITY_ID: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_RELATION_ID: Final = re.compile(r"[a-z0-9]+(?:--?[a-z0-9]+)*")
_URL: Final = re.compile(r"https?://[^\s/$.?#][^\s]*")

Report = Callable[[str | None, str], None]


def check_dataset(
    records: Records, *, today: dt.date | None = None, strict: bool = False
) -> list[Problem]:
    """Every problem of the records, each naming the file and the record it was read from.

    :func:`sistercities.validation.validate` is the public way to call this.
    """
    today = today or dt.date.today()
    info = records.info
    # Facts that can change must not be dated after the day the dataset says it was checked.
    horizon = min(today, info.checked) if info.checked is not None else today
    problems: list[Problem] = []

    def reporter(read: Read[City] | Read[Relation] | Read[Network]) -> Report:
        # Most records have no problem: where they were read is looked up only for one that has.
        def report(field: str | None, message: str) -> None:
            problems.append(Problem(read.file, read.label, field, message))

        return report

    sources = _SourceChecks(today)

    city_ids: dict[str, str] = {}
    by_name: dict[tuple[str, str], str] = {}
    for read in records.cities:
        city, report = read.record, reporter(read)
        if city.id in city_ids:
            report("id", f"the id {city.id!r} is already used by a city in {city_ids[city.id]}")
        else:
            city_ids[city.id] = read.file
        _check_city(city, report, today, horizon)
        sources.check(city.sources, report)
        _check_citations(city, report, strict=strict)
        for name in {normalize_name(city.name), normalize_name(city.id)}:
            other = by_name.setdefault((city.country, name), city.id)
            if other != city.id:
                report(
                    "name", f"the same city as {other!r} (same name and country) under another id"
                )

    unreadable = records.unreadable
    known = city_ids.keys() | unreadable if unreadable else city_ids.keys()
    relation_ids: set[str] = set()
    pairs: dict[tuple[str, str], str] = {}
    for read_relation in records.relations:
        relation, report = read_relation.record, reporter(read_relation)
        if relation.id in relation_ids:
            report("id", f"the id {relation.id!r} is used by another relation")
        relation_ids.add(relation.id)
        _check_relation(relation, known, report, today)
        sources.check(relation.sources, report)
        _check_citations(relation, report, strict=strict)
        one, other = relation.cities
        first = pairs.setdefault((one, other) if one < other else (other, one), relation.id)
        if first != relation.id:
            report("cities", f"the same pair of cities as {first!r}; give a pair one record")

    network_cities: set[str] = set()
    for read_network in records.networks:
        network, report = read_network.record, reporter(read_network)
        if network.city in network_cities:
            report("city", f"{network.city!r} already has a network")
        network_cities.add(network.city)
        _check_network(network, known, report, today)
        _check_citations(network, report, strict=strict)
    if info.checked is not None and info.checked > today:
        problems.append(
            Problem(records.info_file, None, "checked", f"{info.checked} is in the future")
        )
    return problems


def _check_network(
    network: Network, city_ids: AbstractSet[str], report: Report, today: dt.date
) -> None:
    if network.city not in city_ids:
        report("city", f"no city has the id {network.city!r}")
    for index, count in enumerate(network.official_counts):
        if count.date.earliest() > today:
            report(f"official_counts[{index}].date", f"{count.date} is in the future")
        if count.source is None:
            report(f"official_counts[{index}].source", "cites no source")


def _check_city(city: City, report: Report, today: dt.date, horizon: dt.date) -> None:
    if not _CITY_ID.fullmatch(city.id):
        report("id", f"{city.id!r} is not a slug of lowercase letters, digits and single hyphens")
    if city.country not in COUNTRY_CODES:
        report("country", f"{city.country!r} is not an ISO 3166-1 alpha-2 country code")
    _check_names(city, report)
    if city.coordinates is not None:
        if not -90 <= city.coordinates.lat <= 90:
            report("coordinates.lat", f"latitude {city.coordinates.lat} is outside -90..90")
        if not -180 <= city.coordinates.lon <= 180:
            report("coordinates.lon", f"longitude {city.coordinates.lon} is outside -180..180")
    if city.area is not None and city.area.km2 <= 0:
        report("area.km2", f"an area must be positive, found {city.area.km2}")
    if city.population is not None and city.population.count <= 0:
        report("population.count", f"a population must be positive, found {city.population.count}")
    for field, quantity in (("area", city.area), ("population", city.population)):
        if quantity is not None and quantity.reference_date is None and quantity.note is None:
            report(
                f"{field}.reference_date",
                "missing; where the source states no reference date, say so in the note",
            )
    dates: list[tuple[str, PartialDate | None]] = [
        ("area.reference_date", city.area.reference_date if city.area else None),
        ("population.reference_date", city.population.reference_date if city.population else None),
    ]
    dates += [(f"former_names[{i}].until", f.until) for i, f in enumerate(city.former_names)]
    _check_not_future(dates, report, today)
    if city.government is not None:
        _check_government(city.government, report, horizon)
    _check_fact_sources(city, report)


def _check_government(government: Government, report: Report, horizon: dt.date) -> None:
    structure = (government.subdivisions, government.legislature, government.executive)
    if government.source is None and any(part is not None for part in structure):
        report("government.source", "cites no source")
    _check_terms(government.heads, report, horizon)


def _check_fact_sources(city: City, report: Report) -> None:
    groups = (
        ("coordinates", city.coordinates),
        ("area", city.area),
        ("population", city.population),
        ("profile", city.profile),
    )
    for field, group in groups:
        if group is not None and group.source is None:
            report(f"{field}.source", "cites no source")


def _check_terms(heads: tuple[Head, ...], report: Report, horizon: dt.date) -> None:
    previous: Head | None = None
    for index, term in enumerate(heads):
        where = f"government.heads[{index}]"
        if term.source is None:
            report(f"{where}.source", "cites no source")
        if term.since is not None and term.since.earliest() > horizon:
            report(f"{where}.since", f"{term.since} is after the day the data was checked")
        if term.until is not None:
            if term.until.earliest() > horizon:
                report(
                    f"{where}.until",
                    f"{term.until} is after the day the data was checked; a term still "
                    "running has no until",
                )
            if term.since is not None and term.until.latest() < term.since.earliest():
                report(f"{where}.until", f"the term ends ({term.until}) before it starts")
        dates = [(f"{where}.reelected[{i}]", day) for i, day in enumerate(term.reelected)]
        _check_not_future(dates, report, horizon)
        if previous is not None:
            _check_term_order(previous, term, where, report)
        previous = term


def _check_term_order(previous: Head, term: Head, where: str, report: Report) -> None:
    if previous.until is None:
        report(where, f"follows a term with no end ({previous.name}); give that term an until")
    elif term.since is not None and term.since.latest() < previous.until.earliest():
        report(
            f"{where}.since",
            f"starts ({term.since}) before the previous term ends ({previous.until}); "
            "terms must be in order and must not overlap",
        )
    elif (
        term.since is not None
        and previous.since is not None
        and term.since.latest() < previous.since.earliest()
    ):
        report(f"{where}.since", "terms must be listed oldest first")


def _check_names(city: City, report: Report) -> None:
    _check_name("name", city.name, report)
    for tag, name in city.names.items():
        _check_name(f"names.{tag}", name, report)
    for index, name in enumerate(city.aliases):
        _check_name(f"aliases[{index}]", name, report)
    for index, former in enumerate(city.former_names):
        _check_name(f"former_names[{index}].name", former.name, report)


def _check_name(field: str, name: str, report: Report) -> None:
    # A letter or digit always survives normalising; only names without one need the work.
    if not any(map(str.isalnum, name)) and not normalize_name(name):
        report(field, f"{name!r} has no letters or digits")
    elif "\n" in name or "\t" in name or name != name.strip():
        report(field, f"{name!r} has line breaks, tabs or surrounding spaces")


def _check_relation(
    relation: Relation, city_ids: AbstractSet[str], report: Report, today: dt.date
) -> None:
    if not _RELATION_ID.fullmatch(relation.id):
        report("id", f"{relation.id!r} is not made of lowercase letters, digits and hyphens")
    first, second = relation.cities
    if first not in city_ids:
        report("cities[0]", f"no city has the id {first!r}")
    if second not in city_ids:
        report("cities[1]", f"no city has the id {second!r}")
    _check_parties(relation, report)
    established = relation.established
    if established is not None:
        # The year alone rules out the future for almost every tie.
        if established.year >= today.year and established.earliest() > today:
            report("established", f"{established} is in the future")
        if relation.established_source is None:
            report("established_source", "cites no source for the established date")
    elif relation.established_source is not None:
        report("established_source", "names a source for an established date that is not given")
    if relation.status_changes:
        _check_status_changes(relation, report, today)
    # Most ties have no agreements, events or institutional ties; skip the work for them.
    if relation.agreements or relation.events or relation.institutional_ties:
        _check_relation_details(relation, report, today)


def _check_parties(relation: Relation, report: Report) -> None:
    first, second = relation.cities
    if first == second:
        report("cities", f"a city cannot be tied to itself ({first!r})")
    elif relation.id != f"{first}--{second}":
        report("id", f"must join the ids of its two cities: {first}--{second}")
    if not relation.local_kinds:  # most ties have none
        return
    for party in relation.local_kinds:
        if party not in relation.cities:
            report(f"local_kinds.{party}", f"{party!r} is not one of the tie's two cities")


def _check_status_changes(relation: Relation, report: Report, today: dt.date) -> None:
    established = relation.established
    suspended = False
    previous: PartialDate | None = None
    for index, change in enumerate(relation.status_changes):
        where = f"status_changes[{index}]"
        if change.source is None:
            report(f"{where}.source", "cites no source")
        if change.date.earliest() > today:
            report(f"{where}.date", f"{change.date} is in the future")
        if established is not None and change.date.latest() < established.earliest():
            report(
                f"{where}.date",
                f"the change ({change.date}) comes before the tie was established ({established})",
            )
        if previous is not None and change.date.latest() < previous.earliest():
            report(f"{where}.date", "status changes must be listed oldest first")
        if index and relation.status_changes[index - 1].status is StatusChangeKind.ENDED:
            report(f"{where}.status", "comes after the tie ended; ending a tie is final")
        if change.status is StatusChangeKind.RESUMED and not suspended:
            report(f"{where}.status", "resumes a tie that was not suspended")
        elif change.status is StatusChangeKind.SUSPENDED and suspended:
            report(f"{where}.status", "suspends a tie that is already suspended")
        suspended = change.status is StatusChangeKind.SUSPENDED
        previous = change.date


def _check_relation_details(relation: Relation, report: Report, today: dt.date) -> None:
    dates: list[tuple[str, PartialDate | None]] = []
    dates += [(f"agreements[{i}].date", a.date) for i, a in enumerate(relation.agreements)]
    dates += [(f"events[{i}].date", e.date) for i, e in enumerate(relation.events)]
    dates += [(f"events[{i}].end", e.end) for i, e in enumerate(relation.events)]
    dates += [
        (f"institutional_ties[{i}].date", t.date) for i, t in enumerate(relation.institutional_ties)
    ]
    _check_not_future(dates, report, today)
    for index, event in enumerate(relation.events):
        if event.end is not None and event.end.latest() < event.date.earliest():
            report(
                f"events[{index}].end",
                f"the event ends ({event.end}) before it starts ({event.date})",
            )
    groups: tuple[tuple[str, tuple[Agreement | Event | InstitutionalTie, ...]], ...] = (
        ("agreements", relation.agreements),
        ("events", relation.events),
        ("institutional_ties", relation.institutional_ties),
    )
    for field, items in groups:
        for index, item in enumerate(items):
            if item.source is None:
                report(f"{field}[{index}].source", "cites no source")


def _check_not_future(
    dates: Iterable[tuple[str, PartialDate | None]], report: Report, today: dt.date
) -> None:
    for field, date in dates:
        if date is not None and date.earliest() > today:
            report(field, f"{date} is in the future")


class _SourceChecks:
    """The checks of the sources a record lists.

    A loader shares one object for each source that many records repeat, and one tuple for
    each list of a single source. The checks run once for each such object, and their problems
    are reported for every record that lists it.
    """

    def __init__(self, today: dt.date) -> None:
        self.today = today
        # Keyed by identity, for one run of the checks: the records keep every object alive.
        self.of_list: dict[int, tuple[tuple[str, str], ...]] = {}
        self.of_source: dict[int, tuple[tuple[str, str], ...]] = {}

    def check(self, sources: tuple[Source, ...], report: Report) -> None:
        found = self.of_list.get(id(sources))
        if found is None:
            found = self.of_list[id(sources)] = tuple(self.list_problems(sources))
        for field, message in found:
            report(field, message)

    def list_problems(self, sources: tuple[Source, ...]) -> Iterator[tuple[str, str]]:
        if not sources:
            yield "sources", "at least one source is required"
        keys: dict[str, int] = {}
        for index, source in enumerate(sources):
            keys[source.key] = keys.get(source.key, 0) + 1
            if keys[source.key] == 2:
                yield f"sources[{index}].key", f"the key {source.key!r} is used by another source"
            found = self.of_source.get(id(source))
            if found is None:
                found = self.of_source[id(source)] = tuple(self.own_problems(source))
            for field, message in found:
                yield f"sources[{index}].{field}", message

    def own_problems(self, source: Source) -> Iterator[tuple[str, str]]:
        if not _URL.fullmatch(source.url):
            yield "url", f"not an http(s) URL: {source.url!r}"
        if source.accessed > self.today:
            yield "accessed", f"{source.accessed} is in the future"
        if source.published is not None and source.published.earliest() > self.today:
            yield "published", f"{source.published} is in the future"


def _check_citations(record: City | Relation | Network, report: Report, *, strict: bool) -> None:
    """Every cited key resolves; with ``strict``, every source is cited."""
    if len(record.sources) == 1 and not strict:
        # The common case of one source: compare keys without building sets.
        only = record.sources[0].key
        for field, key in record.citations():
            if key != only:
                report(field, f"no source listed has the key {key!r}")
        return
    listed = {source.key for source in record.sources}
    cited: set[str] = set()
    for field, key in record.citations():
        cited.add(key)
        if key not in listed:
            report(field, f"no source listed has the key {key!r}")
    if strict:
        for index, source in enumerate(record.sources):
            if source.key not in cited:
                report(
                    f"sources[{index}]", f"the source {source.key!r} is cited by no fact or note"
                )
