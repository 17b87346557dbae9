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

from sistercities.errors import ArgumentError
from sistercities.partialdate import PartialDate, as_partial_date

_V = TypeVar("_V")

__all__ = [
    "Agreement",
    "Area",
    "City",
    "CityKind",
    "Coordinates",
    "DatasetInfo",
    "Event",
    "Executive",
    "ExecutiveRole",
    "FormerName",
    "FrozenMap",
    "Government",
    "Head",
    "InstitutionalTie",
    "Legislature",
    "Network",
    "Note",
    "OfficialCount",
    "Population",
    "Profile",
    "Relation",
    "RelationKind",
    "Scope",
    "Source",
    "StatusChange",
    "StatusChangeKind",
    "Subdivisions",
    "TieStatus",
]

#: A fact group's place in its record and the key of the source it cites.
Citation = tuple[str, str]


class RelationKind(StrEnum):
    """The kind of tie between two cities."""

    SISTER_CITY = "sister-city"
    FRIENDSHIP_CITY = "friendship-city"
    FRIENDLY_EXCHANGE = "friendly-exchange"
    PARTNERSHIP = "partnership"
    COOPERATION = "cooperation"

    def __str__(self) -> str:
        return self.value


class CityKind(StrEnum):
    """What kind of entity a city record describes: a city, or a region, state or province."""

    AUTONOMOUS_COMMUNITY = "autonomous-community"
    CAPITAL_REGION = "capital-region"
    CAPITAL_TERRITORY = "capital-territory"
    CITY = "city"
    COUNTY = "county"
    DISTRICT = "district"
    FEDERAL_CITY = "federal-city"
    FEDERAL_DISTRICT = "federal-district"
    GOVERNORATE = "governorate"
    METROPOLIS = "metropolis"
    METROPOLITAN_CITY = "metropolitan-city"
    MUNICIPALITY = "municipality"
    PREFECTURE = "prefecture"
    PROVINCE = "province"
    REGION = "region"
    SPECIAL_CITY = "special-city"
    STATE = "state"
    TERRITORY = "territory"

    def __str__(self) -> str:
        return self.value


class Scope(StrEnum):
    """The territory a population or area figure describes.

    ``JURISDICTION`` is the territory the record's government governs: the city proper for a
    city, the whole region for a region or state.
    """

    JURISDICTION = "jurisdiction"
    METROPOLITAN_AREA = "metropolitan-area"
    URBAN_AREA = "urban-area"

    def __str__(self) -> str:
        return self.value


class TieStatus(StrEnum):
    """The standing of a tie on a given day."""

    ACTIVE = "active"
    SUSPENDED = "suspended"
    ENDED = "ended"

    def __str__(self) -> str:
        return self.value


class StatusChangeKind(StrEnum):
    """What a status change does to a tie: suspend it, resume it, or end it for good."""

    SUSPENDED = "suspended"
    RESUMED = "resumed"
    ENDED = "ended"

    def __str__(self) -> str:
        return self.value

    @property
    def result(self) -> TieStatus:
        """The status the tie has from the day of the change."""
        return _RESULTS[self]


_RESULTS: dict[StatusChangeKind, TieStatus] = {
    StatusChangeKind.SUSPENDED: TieStatus.SUSPENDED,
    StatusChangeKind.RESUMED: TieStatus.ACTIVE,
    StatusChangeKind.ENDED: TieStatus.ENDED,
}


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
    """A surface area in square kilometres.

    ``reference_date`` is the year or date the figure describes, which is not the day the source
    published it; it is ``None`` when the source states none (the ``note`` then says so).
    """

    km2: float
    reference_date: PartialDate | None = None
    scope: Scope | None = None
    source: str | None = None
    note: str | None = None


@attrs.frozen
class Population:
    """A head count; ``reference_date`` and ``scope`` as for :class:`Area`."""

    count: int
    reference_date: PartialDate | None = None
    scope: Scope | None = None
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
    """One term of a head of government.

    ``until`` is the day the term ended, and ``None`` for the term still running. ``source``
    dates the term; ``confirmed_by`` names a later source showing the head still in office.
    """

    title: str
    name: str
    since: PartialDate | None = None
    until: PartialDate | None = None
    reelected: tuple[PartialDate, ...] = ()
    source: str | None = None
    confirmed_by: str | None = None
    note: str | None = None

    def in_office_on(self, day: dt.date) -> bool:
        """Whether the term covers ``day``; a partial date counts as its first day."""
        if self.since is not None and day < self.since.earliest():
            return False
        return self.until is None or day < self.until.earliest()


@attrs.frozen
class Government:
    """How a city or region is governed, and its heads of government over time.

    ``heads`` holds every known term, oldest first. The dataset's checks make sure no term starts
    or ends after the dataset's ``checked`` date, so the one term without an end, if the last
    term has none, is the head in office on that date.
    """

    subdivisions: Subdivisions | None = None
    legislature: Legislature | None = None
    executive: Executive | None = None
    heads: tuple[Head, ...] = ()
    source: str | None = None

    @property
    def head(self) -> Head | None:
        """The head in office on the dataset's checked date, or ``None`` when not known."""
        if self.heads and self.heads[-1].until is None:
            return self.heads[-1]
        return None

    def head_on(self, day: dt.date) -> Head | None:
        """The head whose recorded term covers ``day``, or ``None``."""
        for term in reversed(self.heads):
            if term.in_office_on(day):
                return term
        return None


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
    # Most records have no such table; they share one empty map.
    if not mapping:
        return _EMPTY
    return mapping if isinstance(mapping, FrozenMap) else FrozenMap(mapping)


_EMPTY: FrozenMap[str] = FrozenMap()


def _read_only_counts(mapping: Mapping[str, int]) -> Mapping[str, int]:
    return mapping if isinstance(mapping, FrozenMap) else FrozenMap(mapping)


@attrs.frozen
class Note:
    """What a user should know about a record: an uncertainty, a caveat, a conflict of sources.

    ``sources`` are the keys of the sources the note rests on.
    """

    text: str
    sources: tuple[str, ...] = ()


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
    kind: CityKind = attrs.field(converter=CityKind)
    sources: tuple[Source, ...]
    #: The sources that state the city's names, country and kind.
    attested_by: tuple[str, ...] = ()
    names: Mapping[str, str] = attrs.field(factory=FrozenMap, converter=_read_only)
    aliases: tuple[str, ...] = ()
    former_names: tuple[FormerName, ...] = ()
    summary: str | None = None
    coordinates: Coordinates | None = None
    area: Area | None = None
    population: Population | None = None
    government: Government | None = None
    profile: Profile | None = None
    notes: tuple[Note, ...] = ()
    #: What was searched and where, for the next researcher; kept, but left out of ``repr``.
    research: str | None = attrs.field(default=None, repr=False)

    def citations(self) -> Iterator[Citation]:
        """Every source key the record's facts and notes cite, with the field that cites it."""
        for index, key in enumerate(self.attested_by):
            yield f"attested_by[{index}]", key
        groups = (
            ("coordinates", self.coordinates),
            ("area", self.area),
            ("population", self.population),
            ("government", self.government),
            ("profile", self.profile),
        )
        for field, group in groups:
            if group is not None and group.source is not None:
                yield f"{field}.source", group.source
        if self.government is not None:
            for index, term in enumerate(self.government.heads):
                where = f"government.heads[{index}]"
                if term.source is not None:
                    yield f"{where}.source", term.source
                if term.confirmed_by is not None:
                    yield f"{where}.confirmed_by", term.confirmed_by
        yield from _note_citations(self.notes)

    def source(self, key: str) -> Source:
        """The source the record lists under ``key``; raise :class:`KeyError` if none."""
        for source in self.sources:
            if source.key == key:
                return source
        raise KeyError(key)

    def confirmed(self, term: Head) -> PartialDate | None:
        """The latest publication date of the sources of ``term``: when it was last confirmed."""
        keys = [key for key in (term.source, term.confirmed_by) if key is not None]
        dates = [
            source.published for source in self.sources if source.key in keys and source.published
        ]
        return max(dates, key=PartialDate.sort_key) if dates else None

    def all_names(self) -> tuple[str, ...]:
        """Every name the city is known by: official, other languages, aliases, former names."""
        return (
            self.name,
            *self.names.values(),
            *self.aliases,
            *(former.name for former in self.former_names),
        )


def _note_citations(notes: tuple[Note, ...]) -> Iterator[Citation]:
    for index, note in enumerate(notes):
        for position, key in enumerate(note.sources):
            yield f"notes[{index}].sources[{position}]", key


@attrs.frozen
class StatusChange:
    """A change in a tie's standing: suspended, resumed, or ended for good."""

    date: PartialDate
    status: StatusChangeKind
    reason: str
    source: str | None = None
    note: str | None = None


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


_Dated = StatusChange | Agreement | Event | InstitutionalTie


@attrs.frozen
class Relation:
    """A tie between two cities.

    ``established`` is ``None`` when no source dates the tie. ``attested_by`` names the sources
    that state the tie and its kind (the official lists of either end). ``status_changes``
    (oldest first) record suspensions, resumptions and the end of a tie; ``local_kinds`` give, by
    city id, the words each side uses for the kind of tie.
    """

    id: str
    cities: tuple[str, str]
    kind: RelationKind
    sources: tuple[Source, ...]
    attested_by: tuple[str, ...] = ()
    established: PartialDate | None = None
    established_source: str | None = None
    local_kinds: Mapping[str, str] = attrs.field(factory=FrozenMap, converter=_read_only)
    status_changes: tuple[StatusChange, ...] = ()
    fields: tuple[str, ...] = ()
    summary: str | None = None
    agreements: tuple[Agreement, ...] = ()
    events: tuple[Event, ...] = ()
    institutional_ties: tuple[InstitutionalTie, ...] = ()
    notes: tuple[Note, ...] = ()
    research: str | None = attrs.field(default=None, repr=False)

    @property
    def ended(self) -> StatusChange | None:
        """The change that ended the tie for good, or ``None`` for a tie that was never ended."""
        last = self.status_changes[-1] if self.status_changes else None
        return last if last is not None and last.status is StatusChangeKind.ENDED else None

    @property
    def is_active(self) -> bool:
        """Whether the tie has not been ended for good (a suspended tie is still active)."""
        return self.ended is None

    @property
    def status(self) -> TieStatus:
        """The standing of the tie after its last recorded change."""
        return self.status_changes[-1].status.result if self.status_changes else TieStatus.ACTIVE

    def status_on(self, day: dt.date | PartialDate | str | int) -> TieStatus | None:
        """The standing of the tie on ``day``; ``None`` before the tie was established.

        ``day`` is a date, a :class:`PartialDate`, an ISO string or a year. Every date counts
        from its first day: a change known only to the month applies from the first of that
        month, and so does a partial ``day``.
        """
        first = as_partial_date(day).earliest()
        if self.established is not None and first < self.established.earliest():
            return None
        status = TieStatus.ACTIVE
        for change in self.status_changes:
            if change.date.earliest() > first:
                break
            status = change.status.result
        return status

    def citations(self) -> Iterator[Citation]:
        """Every source key the record's facts and notes cite, with the field that cites it."""
        for index, key in enumerate(self.attested_by):
            yield f"attested_by[{index}]", key
        if self.established_source is not None:
            yield "established_source", self.established_source
        # Most ties have none of these; the checks of a load ask every tie.
        if self.status_changes or self.agreements or self.events or self.institutional_ties:
            groups: tuple[tuple[str, tuple[_Dated, ...]], ...] = (
                ("status_changes", self.status_changes),
                ("agreements", self.agreements),
                ("events", self.events),
                ("institutional_ties", self.institutional_ties),
            )
            for field, items in groups:
                for index, item in enumerate(items):
                    if item.source is not None:
                        yield f"{field}[{index}].source", item.source
        if self.notes:
            yield from _note_citations(self.notes)

    def partner_of(self, city: City | str) -> str:
        """The id of the other party to the tie; ``city`` is a party's :class:`City` or id.

        :meth:`Dataset.partner_of <sistercities.Dataset.partner_of>` gives the :class:`City`.

        :raises ~sistercities.ArgumentError: ``city`` is not a party to the tie.
        """
        city_id = city.id if isinstance(city, City) else city
        first, second = self.cities
        if city_id == first:
            return second
        if city_id == second:
            return first
        msg = f"{city_id!r} is not a party to {self.id!r}"
        raise ArgumentError(msg)

    def sort_key(self) -> tuple[bool, tuple[int, int, int], str]:
        """A key that orders ties by established date, undated ties last, then by id.

        Dates compare as :class:`~sistercities.PartialDate` does: ``1994 < 1994-01 <
        1994-01-01``. This is the order of :meth:`~sistercities.Dataset.relations_of`.

        >>> from sistercities import relations
        >>> ordered = sorted(relations(), key=lambda r: r.sort_key())
        >>> ordered[-1].established is None, str(ordered[0].established)
        (True, '1960-02-29')
        """
        established = self.established
        # Plain tuples of numbers compare in C, unlike PartialDate.
        return (established is None, established.sort_key() if established else (0, 0, 0), self.id)


@attrs.frozen
class OfficialCount:
    """Totals of ties that an official source stated on a date.

    ``combined_total`` is a figure that counts sister cities and friendly-exchange cities together.
    """

    date: PartialDate
    source: str | None = None
    sister_cities: int | None = None
    countries: int | None = None
    friendly_exchange: int | None = None
    combined_total: int | None = None
    regions: Mapping[str, int] = attrs.field(factory=dict, converter=_read_only_counts, hash=False)
    note: str | None = None


@attrs.frozen
class Network:
    """A city whose complete list of ties the dataset holds, with the official counts of it.

    Its ties are the relations of ``city``; ``list_source`` names the official list.
    """

    city: str
    sources: tuple[Source, ...]
    list_source: str | None = None
    official_counts: tuple[OfficialCount, ...] = ()
    notes: tuple[Note, ...] = ()

    @property
    def id(self) -> str:
        """The network's id, which is its city's."""
        return self.city

    def citations(self) -> Iterator[Citation]:
        """Every source key the network's list, counts and notes cite."""
        if self.list_source is not None:
            yield "list_source", self.list_source
        for index, count in enumerate(self.official_counts):
            if count.source is not None:
                yield f"official_counts[{index}].source", count.source
        yield from _note_citations(self.notes)


@attrs.frozen
class DatasetInfo:
    """What a dataset says about itself: its data version and the day its facts were checked."""

    data_version: str | None = None
    checked: dt.date | None = None
