"""The records of the dataset: frozen, slotted, typed attrs classes.

Records hold facts only. They are built by the loader (which validates them) or by hand;
:class:`~sistercities.Dataset` checks hand-built records the same way before answering queries.
Optional facts are ``None`` (or an empty tuple) when no source states them, never a guess.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from enum import StrEnum
from typing import TypeVar

import attrs

from sistercities.partialdate import PartialDate, Precision

_V = TypeVar("_V")

__all__ = [
    "Agreement",
    "Anniversary",
    "Area",
    "City",
    "Coordinates",
    "DatasetInfo",
    "Ended",
    "Event",
    "Executive",
    "ExecutiveRole",
    "FormerName",
    "FrozenMap",
    "Government",
    "Head",
    "InstitutionalTie",
    "Legislature",
    "OfficialCount",
    "Population",
    "Profile",
    "Relation",
    "RelationKind",
    "Source",
    "Subdivisions",
]


class RelationKind(StrEnum):
    """The kind of tie between two cities."""

    SISTER_CITY = "sister-city"
    FRIENDSHIP_CITY = "friendship-city"
    FRIENDLY_EXCHANGE = "friendly-exchange"
    PARTNERSHIP = "partnership"
    COOPERATION = "cooperation"

    def __str__(self) -> str:
        return self.value


@attrs.frozen
class Source:
    """Where facts come from.

    ``key`` is the short name by which facts of the same record cite this source.
    """

    key: str
    url: str
    title: str
    publisher: str
    accessed: dt.date
    published: PartialDate | None = None


@attrs.frozen
class Coordinates:
    """A point in decimal degrees (WGS 84)."""

    lat: float
    lon: float
    source: str | None = None


@attrs.frozen
class Area:
    """A surface area in square kilometres, with the year or date it refers to."""

    km2: float
    as_of: PartialDate | None = None
    source: str | None = None
    note: str | None = None


@attrs.frozen
class Population:
    """A head count with the year or date it refers to."""

    count: int
    as_of: PartialDate
    source: str | None = None
    note: str | None = None


@attrs.frozen
class Subdivisions:
    """How many units of which kind a city or region is divided into."""

    count: int
    kind: str


@attrs.frozen
class Legislature:
    """The elected assembly."""

    name: str
    seats: int | None = None
    term_years: int | None = None


@attrs.frozen
class ExecutiveRole:
    """How many members of the executive hold one role."""

    role: str
    count: int


@attrs.frozen
class Executive:
    """The executive body and its composition."""

    name: str
    term_years: int | None = None
    elected_by: str | None = None
    composition: tuple[ExecutiveRole, ...] = ()


@attrs.frozen
class Head:
    """The head of government as a source states it on the date ``as_of``."""

    title: str
    name: str
    since: PartialDate | None = None
    reelected: tuple[PartialDate, ...] = ()
    as_of: PartialDate | None = None


@attrs.frozen
class Government:
    """How a city or region is governed."""

    subdivisions: Subdivisions | None = None
    legislature: Legislature | None = None
    executive: Executive | None = None
    head: Head | None = None
    source: str | None = None


@attrs.frozen
class Profile:
    """Economy, education and culture, as a profile page describes them."""

    economy: str | None = None
    pillar_industries: tuple[str, ...] = ()
    growth_industries: tuple[str, ...] = ()
    universities: tuple[str, ...] = ()
    world_heritage_sites: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    communities: tuple[str, ...] = ()
    source: str | None = None


class FrozenMap(Mapping[str, _V]):
    """A read-only, hashable mapping, for the tables inside frozen records.

    A frozen record must not hand out a dict that one caller could change under the others.
    Unlike :class:`types.MappingProxyType`, a frozen map can be hashed and pickled.
    """

    __slots__ = ("_data", "_hash")

    def __init__(self, data: Mapping[str, _V] | None = None) -> None:
        self._data: dict[str, _V] = dict(data or {})
        self._hash: int | None = None

    def __getitem__(self, key: str) -> _V:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            return self._data == other._data
        return self._data == other if isinstance(other, dict) else super().__eq__(other)

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"

    def __reduce__(self) -> tuple[type[FrozenMap[_V]], tuple[dict[str, _V]]]:
        return (FrozenMap, (self._data,))


def _read_only(mapping: Mapping[str, str]) -> Mapping[str, str]:
    return mapping if isinstance(mapping, FrozenMap) else FrozenMap(mapping)


def _read_only_counts(mapping: Mapping[str, int]) -> Mapping[str, int]:
    return mapping if isinstance(mapping, FrozenMap) else FrozenMap(mapping)


@attrs.frozen
class FormerName:
    """A name the city had before, with the date it stopped being used where known."""

    name: str
    until: PartialDate | None = None
    note: str | None = None


@attrs.frozen
class City:
    """A city, region, province or state that takes part in ties.

    ``names`` maps a BCP 47 language tag (``"zh"``, ``"fr"``) to the name in that language.
    """

    id: str
    name: str
    country: str
    kind: str
    sources: tuple[Source, ...]
    names: Mapping[str, str] = attrs.field(factory=FrozenMap, converter=_read_only)
    aliases: tuple[str, ...] = ()
    former_names: tuple[FormerName, ...] = ()
    summary: str | None = None
    coordinates: Coordinates | None = None
    area: Area | None = None
    population: Population | None = None
    government: Government | None = None
    profile: Profile | None = None
    notes: str | None = None

    def all_names(self) -> tuple[str, ...]:
        """Every name the city is known by: official, other languages, aliases, former names."""
        return (
            self.name,
            *self.names.values(),
            *self.aliases,
            *(former.name for former in self.former_names),
        )


@attrs.frozen
class Ended:
    """When and why a tie was formally ended."""

    date: PartialDate
    reason: str
    source: str | None = None


@attrs.frozen
class Agreement:
    """A dated agreement between the parties of a tie."""

    date: PartialDate
    title: str
    summary: str | None = None
    source: str | None = None
    note: str | None = None


@attrs.frozen
class Event:
    """A dated milestone of a tie: a visit, a celebration, a festival."""

    date: PartialDate
    summary: str
    end: PartialDate | None = None
    source: str | None = None
    note: str | None = None


@attrs.frozen
class InstitutionalTie:
    """Institutions of the two cities that work together under the tie."""

    parties: tuple[str, ...]
    summary: str | None = None
    date: PartialDate | None = None
    source: str | None = None


@attrs.frozen
class Relation:
    """A tie between two cities.

    ``established`` is ``None`` when no source dates the tie; ``ended`` is set only for a tie
    that was formally ended.
    """

    id: str
    cities: tuple[str, str]
    kind: RelationKind
    sources: tuple[Source, ...]
    established: PartialDate | None = None
    established_source: str | None = None
    ended: Ended | None = None
    fields: tuple[str, ...] = ()
    summary: str | None = None
    agreements: tuple[Agreement, ...] = ()
    events: tuple[Event, ...] = ()
    institutional_ties: tuple[InstitutionalTie, ...] = ()
    notes: str | None = None

    @property
    def is_active(self) -> bool:
        """Whether the tie has not been formally ended."""
        return self.ended is None

    def partner_of(self, city_id: str) -> str:
        """The id of the other party; raise :class:`ValueError` if ``city_id`` is no party."""
        first, second = self.cities
        if city_id == first:
            return second
        if city_id == second:
            return first
        msg = f"{city_id!r} is not a party to {self.id!r}"
        raise ValueError(msg)


@attrs.frozen
class Anniversary:
    """The anniversary of a tie (or of one of its agreements) on a calendar date.

    ``precision`` is that of the date being commemorated: for a tie known only to the month,
    ``date`` is the first of that month and stands for the whole month.
    """

    relation: Relation
    cities: tuple[City, City]
    date: dt.date
    years: int
    precision: Precision
    agreement: Agreement | None = None

    @property
    def commemorated(self) -> PartialDate:
        """The date being commemorated: the founding of the tie or the agreement's date."""
        if self.agreement is not None:
            return self.agreement.date
        assert self.relation.established is not None  # anniversaries exist only for dated ties
        return self.relation.established

    @property
    def ordinal(self) -> str:
        """The number of years as an English ordinal: ``"1st"``, ``"22nd"``, ``"30th"``."""
        return ordinal(self.years)

    @property
    def is_milestone(self) -> bool:
        """Whether the number of years is a multiple of five (5th, 10th, 25th, 30th, ...)."""
        return self.years % 5 == 0

    def describe(self) -> str:
        """One line for a reminder, such as a calendar entry's title.

        >>> from sistercities import anniversaries
        >>> import datetime as dt
        >>> anniversary, = anniversaries(dt.date(2024, 9, 22), dt.date(2024, 9, 22))
        >>> print(anniversary.describe())  # doctest: +NORMALIZE_WHITESPACE
        30th anniversary of the Beijing – Brussels-Capital Region sister-city tie
        (established 1994-09-22)
        """
        first, second = self.cities
        subject = f"{first.name} – {second.name} {self.relation.kind.value} tie"
        if self.agreement is not None:
            return (
                f"{self.ordinal} anniversary of the {self.agreement.title} "
                f"({subject}, signed {self.agreement.date})"
            )
        return f"{self.ordinal} anniversary of the {subject} (established {self.commemorated})"


def ordinal(number: int) -> str:
    """``1`` → ``"1st"``, ``12`` → ``"12th"``, ``23`` → ``"23rd"``."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


@attrs.frozen
class OfficialCount:
    """Totals of ties that an official source stated on a date.

    ``combined_total`` is a figure that counts sister cities and friendly-exchange cities together.
    """

    date: PartialDate
    url: str
    publisher: str
    sister_cities: int | None = None
    countries: int | None = None
    friendly_exchange: int | None = None
    combined_total: int | None = None
    regions: Mapping[str, int] = attrs.field(factory=dict, converter=_read_only_counts, hash=False)
    note: str | None = None


@attrs.frozen
class DatasetInfo:
    """What a dataset says about itself: its version, when it was checked, official totals."""

    data_version: str | None = None
    checked: dt.date | None = None
    official_counts: tuple[OfficialCount, ...] = ()
