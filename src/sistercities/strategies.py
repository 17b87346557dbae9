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
from typing import Final

from hypothesis import strategies as st

from sistercities.checks import CITY_KINDS
from sistercities.countries import COUNTRY_CODES
from sistercities.dataset import Dataset
from sistercities.partialdate import PartialDate
from sistercities.records import (
    Agreement,
    Area,
    City,
    Coordinates,
    DatasetInfo,
    Ended,
    Event,
    FormerName,
    Population,
    Relation,
    RelationKind,
    Source,
)

__all__ = [
    "cities",
    "datasets",
    "names",
    "partial_dates",
    "relations",
    "slugs",
    "sources",
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
_KINDS: Final = st.sampled_from(sorted(CITY_KINDS))
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
    year = draw(_DATES)
    area = draw(st.none() | st.floats(0.5, 1e6))
    population = draw(st.none() | st.integers(1, 40_000_000))
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
        area=None if area is None else Area(km2=area, as_of=year),
        population=None if population is None else Population(count=population, as_of=year),
        notes=draw(st.none() | _TEXTS),
    )


@st.composite
def relations(draw: st.DrawFn, first: str, second: str) -> Relation:
    """A valid tie between the cities with ids ``first`` and ``second``."""
    established = draw(_OPTIONAL_DATES)
    ended = None
    if established is not None and draw(st.booleans()):
        end = draw(partial_dates(min_year=established.year))
        if end.latest() >= established.earliest():
            ended = Ended(date=end, reason=draw(_NAMES), source="main")
    return Relation(
        id=f"{first}--{second}",
        cities=(first, second),
        kind=draw(st.sampled_from(list(RelationKind))),
        sources=(draw(sources()),),
        established=established,
        established_source="main" if established is not None else None,
        ended=ended,
        fields=tuple(draw(st.lists(_NAMES, max_size=2))),
        summary=draw(st.none() | _TEXTS),
        agreements=tuple(draw(_AGREEMENTS)),
        events=tuple(draw(_EVENTS)),
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
        checked=draw(st.none() | _ACCESSED),
    )
    return Dataset(city_records, relation_records, info)
