"""Checks that need more than one field or record: ids, references, dates, sources, ranges.

Each check yields :class:`~sistercities.errors.Problem` objects instead of raising, so that a data
editor sees every problem of a dataset at once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from collections.abc import Set as AbstractSet
from typing import Final

from sistercities.countries import COUNTRY_CODES
from sistercities.errors import Problem
from sistercities.names import normalize_name
from sistercities.partialdate import PartialDate
from sistercities.records import City, DatasetInfo, Relation, Source

__all__ = ["CITY_KINDS", "check_dataset"]

#: The kinds of entity a city record may be.
CITY_KINDS: Final = frozenset(
    {
        "autonomous-community",
        "capital-region",
        "capital-territory",
        "city",
        "county",
        "district",
        "federal-city",
        "federal-district",
        "governorate",
        "metropolis",
        "metropolitan-city",
        "municipality",
        "prefecture",
        "province",
        "region",
        "special-city",
        "state",
        "territory",
    }
)

_CITY_ID: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_RELATION_ID: Final = re.compile(r"[a-z0-9]+(?:--?[a-z0-9]+)*")
_URL: Final = re.compile(r"https?://[^\s/$.?#][^\s]*")

#: Where a record came from (a file name) and how to name it when it has no usable id.
Origin = tuple[str, str]
Report = Callable[[str | None, str], None]


def check_dataset(
    cities: Iterable[City],
    relations: Iterable[Relation],
    info: DatasetInfo,
    origins: Mapping[int, Origin],
    *,
    info_file: str = "<dataset>",
    today: dt.date | None = None,
    unreadable: frozenset[str] = frozenset(),
) -> list[Problem]:
    """Every problem of the records; ``origins`` maps ``id(record)`` to its file and label.

    ``unreadable`` holds the ids of cities whose records could not be read at all: ties to them
    are not reported as dangling, since their problem is already reported.
    """
    today = today or dt.date.today()
    problems: list[Problem] = []
    cities = list(cities)
    relations = list(relations)

    def reporter(record: City | Relation) -> Report:
        file, label = origins.get(id(record), ("<memory>", record.id))

        def report(field: str | None, message: str) -> None:
            problems.append(Problem(file, label, field, message))

        return report

    city_ids: dict[str, str] = {}
    by_name: dict[tuple[str, str], str] = {}
    for city in cities:
        report = reporter(city)
        if city.id in city_ids:
            report("id", f"the id {city.id!r} is already used by a city in {city_ids[city.id]}")
        else:
            city_ids[city.id] = origins.get(id(city), ("<memory>", ""))[0]
        _check_city(city, report, today)
        for name in {normalize_name(city.name), normalize_name(city.id)}:
            other = by_name.setdefault((city.country, name), city.id)
            if other != city.id:
                report(
                    "name", f"the same city as {other!r} (same name and country) under another id"
                )

    known = city_ids.keys() | unreadable if unreadable else city_ids.keys()
    relation_ids: set[str] = set()
    pairs: dict[tuple[frozenset[str], str, PartialDate | None], str] = {}
    for relation in relations:
        report = reporter(relation)
        if relation.id in relation_ids:
            report("id", f"the id {relation.id!r} is used by another relation")
        relation_ids.add(relation.id)
        _check_relation(relation, known, report, today)
        key = (frozenset(relation.cities), relation.kind.value, relation.established)
        first = pairs.setdefault(key, relation.id)
        if first != relation.id:
            report("cities", f"the same tie as {first!r} (same cities, kind and date)")

    for index, count in enumerate(info.official_counts):
        where = f"official_counts[{index}]"
        if not _URL.fullmatch(count.url):
            problems.append(Problem(info_file, where, "url", f"not an http(s) URL: {count.url!r}"))
        if count.date.earliest() > today:
            problems.append(Problem(info_file, where, "date", f"{count.date} is in the future"))
    if info.checked is not None and info.checked > today:
        problems.append(Problem(info_file, None, "checked", f"{info.checked} is in the future"))
    return problems


def _check_city(city: City, report: Report, today: dt.date) -> None:
    if not _CITY_ID.fullmatch(city.id):
        report("id", f"{city.id!r} is not a slug of lowercase letters, digits and single hyphens")
    if city.country not in COUNTRY_CODES:
        report("country", f"{city.country!r} is not an ISO 3166-1 alpha-2 country code")
    if city.kind not in CITY_KINDS:
        report("kind", f"{city.kind!r} is not one of {', '.join(sorted(CITY_KINDS))}")
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
    dates: list[tuple[str, PartialDate | None]] = [
        ("area.as_of", city.area.as_of if city.area else None),
        ("population.as_of", city.population.as_of if city.population else None),
    ]
    head = city.government.head if city.government else None
    if head is not None:
        dates += [("government.head.since", head.since), ("government.head.as_of", head.as_of)]
        dates += [(f"government.head.reelected[{i}]", d) for i, d in enumerate(head.reelected)]
    dates += [(f"former_names[{i}].until", f.until) for i, f in enumerate(city.former_names)]
    _check_not_future(dates, report, today)
    references = {
        "coordinates.source": city.coordinates.source if city.coordinates else None,
        "area.source": city.area.source if city.area else None,
        "population.source": city.population.source if city.population else None,
        "government.source": city.government.source if city.government else None,
        "profile.source": city.profile.source if city.profile else None,
    }
    _check_sources(city.sources, references, report, today)


def _check_names(city: City, report: Report) -> None:
    named = [("name", city.name)]
    named += [(f"names.{tag}", name) for tag, name in city.names.items()]
    named += [(f"aliases[{i}]", name) for i, name in enumerate(city.aliases)]
    named += [(f"former_names[{i}].name", f.name) for i, f in enumerate(city.former_names)]
    for field, name in named:
        if not normalize_name(name):
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
    if first == second:
        report("cities", f"a city cannot be tied to itself ({first!r})")
    established = relation.established
    ended = relation.ended
    if established is not None:
        if established.earliest() > today:
            report("established", f"{established} is in the future")
        if ended is not None and ended.date.latest() < established.earliest():
            report(
                "ended.date",
                f"the tie ends ({ended.date}) before it was established ({established})",
            )
    elif relation.established_source is not None:
        report("established_source", "names a source for an established date that is not given")
    if ended is not None and ended.date.earliest() > today:
        report("ended.date", f"{ended.date} is in the future")
    references = {
        "established_source": relation.established_source,
        "ended.source": ended.source if ended else None,
    }
    # Most ties have no agreements, events or institutional ties; skip the work for them.
    if relation.agreements or relation.events or relation.institutional_ties:
        _check_relation_details(relation, report, today, references)
    _check_sources(relation.sources, references, report, today)


def _check_relation_details(
    relation: Relation, report: Report, today: dt.date, references: dict[str, str | None]
) -> None:
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
    references |= {f"agreements[{i}].source": a.source for i, a in enumerate(relation.agreements)}
    references |= {f"events[{i}].source": e.source for i, e in enumerate(relation.events)}
    references |= {
        f"institutional_ties[{i}].source": t.source
        for i, t in enumerate(relation.institutional_ties)
    }


def _check_not_future(
    dates: Iterable[tuple[str, PartialDate | None]], report: Report, today: dt.date
) -> None:
    for field, date in dates:
        if date is not None and date.earliest() > today:
            report(field, f"{date} is in the future")


def _check_sources(
    sources: tuple[Source, ...],
    references: Mapping[str, str | None],
    report: Report,
    today: dt.date,
) -> None:
    if not sources:
        report("sources", "at least one source is required")
    keys: dict[str, int] = defaultdict(int)
    for index, source in enumerate(sources):
        keys[source.key] += 1
        if keys[source.key] == 2:
            report(f"sources[{index}].key", f"the key {source.key!r} is used by another source")
        if not _URL.fullmatch(source.url):
            report(f"sources[{index}].url", f"not an http(s) URL: {source.url!r}")
        if source.accessed > today:
            report(f"sources[{index}].accessed", f"{source.accessed} is in the future")
        if source.published is not None and source.published.earliest() > today:
            report(f"sources[{index}].published", f"{source.published} is in the future")
    for field, key in references.items():
        if key is not None and key not in keys:
            report(field, f"no source of this record has the key {key!r}")
