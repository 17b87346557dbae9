"""Hypothesis strategies that generate valid records and whole datasets.

For projects that build on sistercities and want to property-test their own code (a frontend,
an importer) against any dataset the library accepts. Needs the ``hypothesis`` extra:
``pip install "sistercities[hypothesis]"``.

>>> from hypothesis import given, settings
>>> from sistercities.strategies import datasets
>>> @settings(max_examples=10)
... @given(datasets())
... def test_every_tie_has_two_known_cities(dataset):
...     known = {city.id for city in dataset.cities()}
...     assert all(set(relation.cities) <= known for relation in dataset.relations())
>>> test_every_tie_has_two_known_cities()
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Final

from hypothesis import strategies as st

from sistercities.countries import COUNTRY_CODES
from sistercities.dataset import Dataset
from sistercities.partialdate import PartialDate
from sistercities.records import (
    Agreement,
    Area,
    City,
    CityKind,
    Coordinates,
    DatasetInfo,
    Event,
    Executive,
    ExecutiveRole,
    FormerName,
    Government,
    Head,
    InstitutionalTie,
    Legislature,
    Network,
    Note,
    OfficialCount,
    Population,
    Profile,
    Relation,
    RelationKind,
    Scope,
    Source,
    StatusChange,
    StatusChangeKind,
    Subdivisions,
)

__all__ = [
    "cities",
    "datasets",
    "governments",
    "names",
    "networks",
    "partial_dates",
    "relations",
    "slugs",
    "sources",
    "status_changes",
    "terms",
    "texts",
]

#: The earliest year the strategies use: ties between cities began after 1949 in this data.
FIRST_YEAR: Final = 1950
#: The latest year, far enough back that no generated date is ever in the future.
LAST_YEAR: Final = 2024

# A fixed alphabet across scripts: drawing from Unicode categories is many times slower, and
# these cover what the library must handle (case, accents, ß, Cyrillic, Greek, CJK, Arabic).
_LETTERS: Final = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    "éèêüößçñøåłţșÎÉÖĲǅ"
    "ЖжКкиевΑθήναιΣσς"
    "北京东京首尔布鲁塞尔市"
    "القاهرة"
)
_WORD_CHARS: Final = st.sampled_from(_LETTERS)


@st.composite
def partial_dates(
    draw: st.DrawFn, min_year: int = FIRST_YEAR, max_year: int = LAST_YEAR
) -> PartialDate:
    """Partial dates of every precision between ``min_year`` and ``max_year``."""
    day = draw(st.dates(dt.date(min_year, 1, 1), dt.date(max_year, 12, 31)))
    precision = draw(st.sampled_from(("year", "month", "day")))
    if precision == "year":
        return PartialDate(day.year)
    if precision == "month":
        return PartialDate(day.year, day.month)
    return PartialDate.from_date(day)


def slugs() -> st.SearchStrategy[str]:
    """Lowercase ASCII slugs such as ``"new-york-city"``."""
    word = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8)
    return st.lists(word, min_size=1, max_size=3).map("-".join)


def names() -> st.SearchStrategy[str]:
    """Names in any script, made of words with single spaces or hyphens between them."""
    word = st.text(_WORD_CHARS, min_size=1, max_size=10)
    separator = st.sampled_from((" ", "-", " - ", "'"))
    return st.tuples(word, st.lists(st.tuples(separator, word), max_size=3)).map(
        lambda parts: parts[0] + "".join(sep + w for sep, w in parts[1])
    )


def texts() -> st.SearchStrategy[str]:
    """Free text such as summaries and notes, including line breaks and punctuation."""
    return st.text(st.sampled_from(_LETTERS + " .,;:!?'\"\\-–()@=+\n\t\u00a0\u200b"), max_size=80)


# Strategies are built once: building them inside every draw dominated generation time.
_NAMES: Final = names()
_TEXTS: Final = texts()
_SLUGS: Final = slugs()
_DATES: Final = partial_dates()
_OPTIONAL_DATES: Final = st.none() | _DATES
_ACCESSED: Final = st.dates(dt.date(2000, 1, 1), dt.date(LAST_YEAR, 12, 31))
_COUNTRIES: Final = st.sampled_from(sorted(COUNTRY_CODES))
_KINDS: Final = st.sampled_from(list(CityKind))
_SCOPES: Final = st.none() | st.sampled_from(list(Scope))
_NAME_MAPS: Final = st.dictionaries(
    st.sampled_from(("zh", "fr", "ja", "ru", "ar")), _NAMES, max_size=3
)
_COORDINATES: Final = st.none() | st.builds(
    Coordinates,
    lat=st.floats(-90, 90, allow_nan=False),
    lon=st.floats(-180, 180, allow_nan=False),
    source=st.just("main"),
)
_AGREEMENTS: Final = st.lists(
    st.builds(Agreement, date=_DATES, title=_NAMES, source=st.just("main")), max_size=2
)
_EVENTS: Final = st.lists(
    st.builds(Event, date=_DATES, summary=_NAMES, source=st.just("main")), max_size=2
)
_INSTITUTIONAL_TIES: Final = st.lists(
    st.builds(
        InstitutionalTie,
        parties=st.tuples(_NAMES, _NAMES),
        summary=st.none() | _NAMES,
        date=_OPTIONAL_DATES,
        source=st.just("main"),
    ),
    max_size=1,
)
# Notes cite the record's one source, or nothing.
_NOTES: Final = st.lists(
    st.builds(Note, text=_NAMES, sources=st.sampled_from(((), ("main",)))), max_size=2
)
_PROFILES: Final = st.none() | st.builds(
    Profile,
    economy=st.none() | _NAMES,
    pillar_industries=st.lists(_NAMES, max_size=2).map(tuple),
    languages=st.lists(st.sampled_from(("en", "zh", "fr")), max_size=2, unique=True).map(tuple),
    source=st.just("main"),
)


@st.composite
def sources(draw: st.DrawFn, key: str = "main") -> Source:
    """A source with the given key."""
    return Source(
        key=key,
        url=f"https://example.org/{draw(_SLUGS)}",
        title=draw(_NAMES),
        publisher=draw(_NAMES),
        accessed=draw(_ACCESSED),
        published=draw(_OPTIONAL_DATES),
    )


@st.composite
def cities(draw: st.DrawFn, city_id: str | None = None, marker: int = 0) -> City:
    """A valid city. ``marker`` is woven into its name so that cities of a dataset differ."""
    city_id = city_id or draw(_SLUGS)
    # A Greek letter plus the marker keeps every name distinct from every ASCII id.
    name = f"{draw(_NAMES)} Ω{marker}"
    year = draw(_OPTIONAL_DATES)
    # Where the figure's date is not known, a note must say so.
    note = "The source gives no reference date." if year is None else None
    area = draw(st.none() | st.floats(0.5, 1e6))
    population = draw(st.none() | st.integers(1, 40_000_000))
    scope = draw(_SCOPES)
    return City(
        id=city_id,
        name=name,
        country=draw(_COUNTRIES),
        kind=draw(_KINDS),
        sources=(draw(sources()),),
        names=draw(_NAME_MAPS),
        aliases=tuple(draw(st.lists(_NAMES, max_size=2, unique=True))),
        former_names=tuple(
            FormerName(name=n, until=draw(_OPTIONAL_DATES))
            for n in draw(st.lists(_NAMES, max_size=1))
        ),
        summary=draw(st.none() | _TEXTS),
        coordinates=draw(_COORDINATES),
        area=None if area is None else Area(area, year, scope, "main", note),
        population=None
        if population is None
        else Population(population, year, scope, "main", note),
        government=draw(st.none() | governments()),
        profile=draw(_PROFILES),
        notes=tuple(draw(_NOTES)),
        research=draw(st.none() | _TEXTS),
    )


@st.composite
def terms(draw: st.DrawFn, max_terms: int = 3) -> tuple[Head, ...]:
    """Terms of heads of government in order, each ending on or before the next one starts.

    The last term may still be running; every date lies before ``LAST_YEAR`` ends.
    """
    days = sorted(
        draw(
            st.lists(
                st.dates(dt.date(FIRST_YEAR, 1, 1), dt.date(LAST_YEAR, 12, 31)),
                min_size=1,
                max_size=max_terms + 1,
                unique=True,
            )
        )
    )
    running = draw(st.booleans())
    bounds = list(itertools.pairwise(days))
    heads = [
        Head(
            title="Mayor",
            name=draw(_NAMES),
            since=_coarsen(draw, start),
            until=_at(end),
            source="main",
        )
        for start, end in bounds
    ]
    if running or not heads:
        heads.append(Head(title="Mayor", name=draw(_NAMES), since=_at(days[-1]), source="main"))
    return tuple(heads)


def _at(day: dt.date) -> PartialDate:
    return PartialDate.from_date(day)


def _coarsen(draw: st.DrawFn, day: dt.date) -> PartialDate:
    # Coarsening a start date moves it earlier, never later, so terms stay in order.
    return draw(st.sampled_from((PartialDate.from_date(day), PartialDate(day.year, day.month))))


@st.composite
def governments(draw: st.DrawFn) -> Government:
    """A government with a legislature, an executive, subdivisions and terms of heads."""
    return Government(
        subdivisions=draw(st.none() | st.builds(Subdivisions, st.integers(1, 50), _NAMES)),
        legislature=draw(
            st.none()
            | st.builds(
                Legislature, _NAMES, st.none() | st.integers(1, 500), st.none() | st.integers(1, 6)
            )
        ),
        executive=draw(
            st.none()
            | st.builds(
                Executive,
                _NAMES,
                composition=st.lists(
                    st.builds(ExecutiveRole, _NAMES, st.integers(1, 9)), max_size=2
                ).map(tuple),
            )
        ),
        heads=draw(st.just(()) | terms()),
        source="main",
    )


@st.composite
def status_changes(draw: st.DrawFn, established: PartialDate | None) -> tuple[StatusChange, ...]:
    """A valid history of a tie: suspensions, each perhaps resumed, and perhaps an end."""
    first = FIRST_YEAR if established is None else established.year + 1
    if first > LAST_YEAR:
        return ()
    days = sorted(
        draw(
            st.lists(
                st.dates(dt.date(first, 1, 1), dt.date(LAST_YEAR, 12, 31)), max_size=3, unique=True
            )
        )
    )
    changes: list[StatusChange] = []
    suspended = False
    for day in days:
        options = [StatusChangeKind.RESUMED] if suspended else [StatusChangeKind.SUSPENDED]
        options.append(StatusChangeKind.ENDED)
        status = draw(st.sampled_from(options))
        changes.append(StatusChange(_at(day), status, draw(_NAMES), source="main"))
        if status is StatusChangeKind.ENDED:
            break
        suspended = status is StatusChangeKind.SUSPENDED
    return tuple(changes)


@st.composite
def relations(draw: st.DrawFn, first: str, second: str) -> Relation:
    """A valid tie between the cities with ids ``first`` and ``second``."""
    established = draw(_OPTIONAL_DATES)
    local = draw(st.dictionaries(st.sampled_from((first, second)), _NAMES, max_size=2))
    return Relation(
        id=f"{first}--{second}",
        cities=(first, second),
        kind=draw(st.sampled_from(list(RelationKind))),
        sources=(draw(sources()),),
        attested_by=("main",),
        established=established,
        established_source="main" if established is not None else None,
        local_kinds=local,
        status_changes=draw(status_changes(established)),
        fields=tuple(draw(st.lists(_NAMES, max_size=2))),
        summary=draw(st.none() | _TEXTS),
        agreements=tuple(draw(_AGREEMENTS)),
        events=tuple(draw(_EVENTS)),
        institutional_ties=tuple(draw(_INSTITUTIONAL_TIES)),
        notes=tuple(draw(_NOTES)),
        research=draw(st.none() | _TEXTS),
    )


@st.composite
def networks(draw: st.DrawFn, city: str) -> Network:
    """The network of the city with id ``city``, with official counts."""
    counts = draw(
        st.lists(
            st.builds(
                OfficialCount,
                date=_DATES,
                source=st.just("main"),
                sister_cities=st.none() | st.integers(0, 300),
                countries=st.none() | st.integers(0, 200),
                regions=st.dictionaries(st.sampled_from(("asia", "europe")), st.integers(0, 50)),
                note=st.none() | _NAMES,
            ),
            max_size=2,
        )
    )
    return Network(
        city=city,
        sources=(draw(sources()),),
        list_source="main",
        official_counts=tuple(counts),
        notes=tuple(draw(_NOTES)),
    )


@st.composite
def datasets(draw: st.DrawFn, max_cities: int = 6) -> Dataset:
    """A valid dataset of up to ``max_cities`` cities and some ties among them."""
    ids = draw(st.lists(_SLUGS, min_size=2, max_size=max_cities, unique=True))
    city_records = [draw(cities(city_id, marker)) for marker, city_id in enumerate(ids)]
    pairs = [(a, b) for index, a in enumerate(ids) for b in ids[index + 1 :]]
    chosen = draw(st.lists(st.sampled_from(pairs), max_size=len(ids) + 2, unique=True))
    relation_records = [draw(relations(a, b)) for a, b in chosen]
    info = DatasetInfo(
        data_version=draw(st.none() | st.just("test")),
        # Terms must not start after the checked day, so it comes after every generated date.
        checked=draw(
            st.none() | st.dates(dt.date(LAST_YEAR + 1, 1, 1), dt.date(LAST_YEAR + 1, 12, 31))
        ),
    )
    hubs = draw(st.lists(st.sampled_from(ids), max_size=2, unique=True))
    return Dataset(city_records, relation_records, info, [draw(networks(hub)) for hub in hubs])
