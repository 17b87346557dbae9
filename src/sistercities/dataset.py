"""The immutable, indexed :class:`Dataset` and its queries."""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from enum import StrEnum
from typing import TYPE_CHECKING, Final, TypeVar, Unpack

from sistercities.anniversary import (
    Anniversary,
    AnniversaryIndex,
    AnniversaryOptions,
    Selection,
)
from sistercities.errors import (
    AmbiguousCityError,
    ArgumentError,
    CityNotFoundError,
    DatasetError,
    DateOutOfRangeError,
    NetworkNotFoundError,
    RelationNotFoundError,
)
from sistercities.names import normalize_name, short_form
from sistercities.partialdate import PartialDate, as_partial_date
from sistercities.records import (
    City,
    CityKind,
    DatasetInfo,
    Network,
    Relation,
    RelationKind,
    TieStatus,
)

if TYPE_CHECKING:
    from sistercities.validation import Validation

__all__ = ["CityRef", "Dataset", "DateLike"]

#: Anything that names a city: the record itself, its id, or any of its names.
CityRef = City | str
#: Anything that gives a date: a :class:`datetime.date`, a :class:`PartialDate`, an ISO string
#: or an ``int`` year.
DateLike = dt.date | PartialDate | str | int

_SUGGESTIONS: Final = 5
_E = TypeVar("_E", bound=StrEnum)


class Dataset:
    """Cities and the ties between them, checked, immutable and indexed for queries.

    Build one from records (they are checked as the loader checks files, and any problem raises
    :class:`~sistercities.DatasetError`), or get one from :func:`sistercities.load` or
    :func:`sistercities.dataset`. Every method that takes a city accepts a :class:`City`, its
    id or any of its names, as :meth:`get_city` resolves them.
    """

    __slots__ = (
        "_anniversary_index",
        "_cities",
        "_date_index",
        "_info",
        "_name_index",
        "_networks",
        "_relations",
    )

    def __init__(
        self,
        cities: Iterable[City],
        relations: Iterable[Relation],
        info: DatasetInfo | None = None,
        networks: Iterable[Network] = (),
    ) -> None:
        from sistercities.validation import Records, validate  # noqa: PLC0415 - loads only for code

        self._build(validate(Records.of(cities, relations, info, networks)))

    @classmethod
    def from_validation(cls, validation: Validation) -> Dataset:
        """The dataset of records that :func:`~sistercities.validation.validate` checked.

        It is how the loader builds a dataset, with the file and record of each problem kept.

        :raises ~sistercities.DatasetError: the validation found problems.
        """
        dataset = cls.__new__(cls)
        cls._build(dataset, validation)
        return dataset

    def _build(self, validation: Validation) -> None:
        if validation.problems:
            raise DatasetError(validation.problems)
        records = validation.records
        self._info = records.info
        networks = sorted((read.record for read in records.networks), key=_network_id)
        self._networks = {network.city: network for network in networks}
        cities = sorted((read.record for read in records.cities), key=_record_id)
        self._cities = {city.id: city for city in cities}
        self._relations = tuple(sorted((read.record for read in records.relations), key=_record_id))
        # Indexes are built on first use, so a load pays only for the queries that follow it.
        self._name_index: _NameIndex | None = None
        self._date_index: _DateIndex | None = None
        self._anniversary_index: AnniversaryIndex | None = None

    def _names(self) -> _NameIndex:
        # Two threads may both build an index; either result is the same, and the last one stays.
        if self._name_index is None:
            self._name_index = _NameIndex(self._cities)
        return self._name_index

    def _dates(self) -> _DateIndex:
        if self._date_index is None:
            self._date_index = _DateIndex(self._relations)
        return self._date_index

    def _anniversaries(self) -> AnniversaryIndex:
        if self._anniversary_index is None:
            self._anniversary_index = AnniversaryIndex(self._relations, self._cities)
        return self._anniversary_index

    # -- what the dataset holds ---------------------------------------------------------------

    @property
    def info(self) -> DatasetInfo:
        """The data version, the date the data was checked and the official totals."""
        return self._info

    @property
    def data_version(self) -> str | None:
        """The version of the data (not of the library), such as ``"2026.11.28"``."""
        return self._info.data_version

    def cities(
        self, *, country: str | None = None, kind: CityKind | str | None = None
    ) -> tuple[City, ...]:
        """Every city, sorted by id; ``country`` (an ISO code) or ``kind`` keep only those.

        >>> from sistercities import cities
        >>> [city.id for city in cities(country="DE")]
        ['berlin', 'cologne']
        """
        found = tuple(self._cities.values())
        if country is not None:
            found = tuple(city for city in found if city.country == country)
        if kind is not None:
            wanted = _member(CityKind, kind, "kind")
            found = tuple(city for city in found if city.kind == wanted)
        return found

    def networks(self) -> tuple[Network, ...]:
        """The networks: the cities whose complete list of ties the data holds, by city id."""
        return tuple(self._networks.values())

    def network(self, city: CityRef) -> Network:
        """The network of a city, named as :meth:`get_city` accepts.

        The network's ties are :meth:`relations_of` that city.

        :raises ~sistercities.NetworkNotFoundError: the data does not hold the city's complete
            list of ties.

        >>> from sistercities import network
        >>> network("Peking").city
        'beijing'
        """
        city_id = self.get_city(city).id
        found = self._networks.get(city_id)
        if found is None:
            raise NetworkNotFoundError(city_id, list(self._networks))
        return found

    def relations(
        self,
        *,
        include_ended: bool = True,
        kind: RelationKind | str | None = None,
        active_on: DateLike | None = None,
    ) -> tuple[Relation, ...]:
        """Every tie, sorted by id.

        :param include_ended: ``False`` leaves out ties that were ended.
        :param kind: keeps only the ties of this :class:`~sistercities.RelationKind`.
        :param active_on: keeps only the ties active on that day: established by then (a
            partial date counting from its first day) and neither suspended nor ended. Ties
            with no known date are left out, since nothing says they had begun.

        >>> from sistercities import relations
        >>> len(relations(active_on=2023)), len(relations(active_on="2026-12-01"))
        (78, 80)
        """
        found = self._relations
        if not include_ended:
            found = tuple(r for r in found if r.ended is None)
        if kind is not None:
            wanted = _member(RelationKind, kind, "kind")
            found = tuple(r for r in found if r.kind == wanted)
        if active_on is not None:
            day = as_partial_date(active_on)
            found = tuple(
                r for r in found if r.established and r.status_on(day) is TieStatus.ACTIVE
            )
        return found

    def __len__(self) -> int:
        """The number of relations."""
        return len(self._relations)

    def __iter__(self) -> Iterator[Relation]:
        return iter(self._relations)

    def __contains__(self, item: object) -> bool:
        """Whether ``item`` is one of the relations, or a city, id or name of a city, held here.

        >>> from sistercities import dataset
        >>> "tokyo" in dataset(), "Atlantis" in dataset()
        (True, False)
        """
        if isinstance(item, Relation):
            return self._dates().by_id.get(item.id) == item
        if isinstance(item, City):
            return self._cities.get(item.id) == item
        if isinstance(item, str):
            if item in self._cities:
                return True
            names = self._names()
            key = normalize_name(item)
            return item in names.exact or key in names.normalized or key in names.short
        return False

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Dataset):
            return NotImplemented
        return (
            self._info == other._info
            and self._relations == other._relations
            and self._networks == other._networks
            and tuple(self._cities.values()) == tuple(other._cities.values())
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        version = f", data_version={self.data_version!r}" if self.data_version else ""
        return f"<Dataset: {len(self._cities)} cities, {len(self._relations)} relations{version}>"

    # -- cities ---------------------------------------------------------------------------------

    def get_city(self, name_or_id: CityRef) -> City:
        """The city with this id or name.

        An exact id is tried first. Otherwise names match whatever their case, accents,
        punctuation or width, in any language or script the data records, and aliases and
        former names match too.

        :raises CityNotFoundError: no city has that name; the error suggests close matches.
        :raises AmbiguousCityError: several cities have that name; the error lists them.

        >>> from sistercities import get_city
        >>> get_city("bruxelles").id
        'brussels-capital-region'
        """
        if isinstance(name_or_id, City):
            known = self._cities.get(name_or_id.id)
            if known is None:
                raise CityNotFoundError(name_or_id.id, self._suggest(name_or_id.name))
            return known
        if not isinstance(name_or_id, str):
            msg = f"a city is named by a City, an id or a name, not {type(name_or_id).__name__}"
            raise TypeError(msg)
        city = self._cities.get(name_or_id)
        if city is not None:
            return city
        names = self._names()
        ids = names.exact.get(name_or_id)
        if ids is None:
            key = normalize_name(name_or_id)
            ids = names.normalized.get(key) or names.short.get(key)
        if ids is None:
            raise CityNotFoundError(name_or_id, self._suggest(name_or_id))
        if len(ids) > 1:
            raise AmbiguousCityError(name_or_id, [self._cities[i] for i in ids])
        return self._cities[ids[0]]

    def _suggest(self, query: str) -> list[str]:
        import difflib  # noqa: PLC0415 - needed only for misses; keeps import time down

        names = self._names()
        key = normalize_name(query)
        # Comparing with every name is slow in a large dataset; names with the same first
        # letter are searched first, and all names only when none of those is close.
        keys = difflib.get_close_matches(key, names.by_initial.get(key[:1], ()), n=_SUGGESTIONS)
        if not keys:
            keys = difflib.get_close_matches(key, names.normalized, n=_SUGGESTIONS)
        suggestions: list[str] = []
        for key in keys:
            for city_id in names.normalized[key]:
                name = self._cities[city_id].name
                if name not in suggestions:
                    suggestions.append(name)
        return suggestions[:_SUGGESTIONS]

    def get_relation(self, relation_id: str) -> Relation:
        """The relation with this id, such as ``"beijing--tokyo"``.

        :raises ~sistercities.RelationNotFoundError: no relation has that id; the error suggests
            close ids.

        >>> from sistercities import dataset
        >>> str(dataset().get_relation("tokyo--new-york-city").established)
        '1960-02-29'
        """
        found = self._dates().by_id.get(relation_id)
        if found is None:
            import difflib  # noqa: PLC0415 - needed only for misses

            close = difflib.get_close_matches(
                relation_id, list(self._dates().by_id), n=_SUGGESTIONS
            )
            raise RelationNotFoundError(relation_id, close)
        return found

    def relations_of(self, city: CityRef, *, include_ended: bool = True) -> tuple[Relation, ...]:
        """The ties of a city, oldest first (undated ties last)."""
        found = self._dates().relations_of.get(self.get_city(city).id, ())
        if include_ended:
            return found
        return tuple(r for r in found if r.ended is None)

    def partners(self, city: CityRef, *, include_ended: bool = True) -> tuple[City, ...]:
        """The cities tied to a city, in the order of :meth:`relations_of`, each once."""
        city_id = self.get_city(city).id
        seen: dict[str, City] = {}
        for relation in self.relations_of(city_id, include_ended=include_ended):
            partner = relation.partner_of(city_id)
            seen.setdefault(partner, self._cities[partner])
        return tuple(seen.values())

    def partner_of(self, relation: Relation | str, city: CityRef) -> City:
        """The other party to a tie (a :class:`Relation` or its id) than ``city``.

        :raises ~sistercities.ArgumentError: ``city`` is not a party to the tie.

        >>> from sistercities import partner_of
        >>> partner_of("beijing--tokyo", "Beijing").name
        'Tokyo Metropolis'
        """
        if isinstance(relation, str):
            relation = self.get_relation(relation)
        return self._cities[relation.partner_of(self.get_city(city))]

    # -- dates ----------------------------------------------------------------------------------

    def relations_since(
        self, date: DateLike, *, city: CityRef | None = None, include_ended: bool = True
    ) -> tuple[Relation, ...]:
        """The ties established on or after ``date``, oldest first.

        A date known only to the month or the year counts as its first day, both for the
        established dates and for ``date`` itself: a tie of ``1994-10`` is found since
        ``1994-10-01`` or ``"1994-10"`` but not since ``1994-10-15``. So a later cut-off never
        returns more ties. Ties with no known date are never returned.

        >>> from sistercities import relations_since
        >>> [r.id for r in relations_since("1994-09-22", city="Brussels")]
        ['beijing--brussels-capital-region']
        """
        cutoff = as_partial_date(date).earliest()
        dates = self._dates()
        if city is None:
            dated, keys = dates.since, dates.since_keys
        else:
            dated, keys = dates.since_of.get(self.get_city(city).id, ((), ()))
        found = dated[bisect.bisect_left(keys, cutoff) :]
        if include_ended:
            return found
        return tuple(r for r in found if r.ended is None)

    def anniversaries(
        self, start: DateLike, end: DateLike, **options: Unpack[AnniversaryOptions]
    ) -> list[Anniversary]:
        """Every anniversary falling between ``start`` and ``end`` (both included), by date.

        The options are those of :class:`~sistercities.anniversary.AnniversaryOptions`:
        ``city``, ``milestones``, ``precision``, ``include_ended``, ``include_suspended`` and
        ``agreements``. By default every dated tie is included, each at the precision its date
        is known to, and ties are left out only while they are suspended or after they ended.

        A partial ``start`` or ``end`` stands for its whole span: ``("2024", "2024")`` is the
        whole year. Ties established on 29 February have their anniversary on 28 February in
        common years.

        :raises ~sistercities.ArgumentError: the window ends before it starts, or an option has
            a value it cannot take.

        >>> import datetime as dt
        >>> from sistercities import anniversaries
        >>> found = anniversaries(dt.date(2024, 9, 1), dt.date(2024, 9, 30), city="Brussels")
        >>> [(a.date.isoformat(), a.years) for a in found]
        [('2024-09-22', 30)]
        """
        first = as_partial_date(start).earliest()
        last = as_partial_date(end).latest()
        if last < first:
            msg = f"the window ends ({last}) before it starts ({first})"
            raise ArgumentError(msg)
        selection = Selection(**options)
        city_id = None if selection.city is None else self.get_city(selection.city).id
        return self._anniversaries().find(first, last, selection, city_id)

    def upcoming(
        self,
        days: int = 365,
        *,
        today: dt.date | None = None,
        **options: Unpack[AnniversaryOptions],
    ) -> list[Anniversary]:
        """The anniversaries of the next ``days`` days, ``today`` being the first of them.

        ``today`` defaults to the local calendar day; the options are those of
        :meth:`anniversaries`.

        :raises ~sistercities.DateOutOfRangeError: the days reach past the calendar's end.

        >>> import datetime as dt
        >>> from sistercities import upcoming
        >>> [a.ordinal for a in upcoming(7, today=dt.date(2024, 9, 16), city="Brussels")]
        ['30th']
        """
        if isinstance(days, bool) or not isinstance(days, int) or days < 1:
            msg = f"days must be a whole number >= 1, found {days!r}"
            raise ArgumentError(msg)
        first = today or dt.date.today()
        if days - 1 > (dt.date.max - first).days:
            msg = f"{days} days from {first} reach past the calendar's end, {dt.date.max}"
            raise DateOutOfRangeError(msg)
        return self.anniversaries(first, first + dt.timedelta(days=days - 1), **options)


class _NameIndex:
    """Cities by normalised name, by name exactly as written, and names by first letter."""

    __slots__ = ("by_initial", "exact", "normalized", "short")

    def __init__(self, cities: dict[str, City]) -> None:
        names: dict[str, set[str]] = defaultdict(set)
        short: dict[str, set[str]] = defaultdict(set)
        keys: dict[str, str] = {}
        for city in cities.values():
            for name in (city.id, *city.all_names()):
                key = keys.get(name)
                if key is None:
                    key = keys[name] = normalize_name(name)
                names[key].add(city.id)
                shorter = short_form(name)
                if shorter is not None:
                    short[normalize_name(shorter)].add(city.id)
        self.normalized = {
            key: tuple(ids) if len(ids) == 1 else tuple(sorted(ids)) for key, ids in names.items()
        }
        # Short forms answer only when no full name does (see names.short_form).
        self.short = {key: tuple(sorted(ids)) for key, ids in short.items()}
        # Names asked exactly as written skip normalisation, which is slow for other scripts.
        # A name is only a shortcut when normalising it leads to the same cities.
        self.exact = {
            name: self.normalized[key] for name, key in keys.items() if name not in cities
        }
        by_initial: dict[str, list[str]] = defaultdict(list)
        for key in self.normalized:
            by_initial[key[:1]].append(key)
        self.by_initial = {initial: tuple(group) for initial, group in by_initial.items()}


class _DateIndex:
    """Ties by id, by city in date order, and by first possible day."""

    __slots__ = ("by_id", "relations_of", "since", "since_keys", "since_of")

    def __init__(self, relations: tuple[Relation, ...]) -> None:
        self.by_id = {relation.id: relation for relation in relations}
        # One sort of every tie by date; each city's list then comes out already in order.
        chronological = sorted(relations, key=Relation.sort_key)
        relations_of: dict[str, list[Relation]] = defaultdict(list)
        for relation in chronological:
            for city_id in relation.cities:
                relations_of[city_id].append(relation)
        self.relations_of = {city_id: tuple(rels) for city_id, rels in relations_of.items()}

        dated = [r for r in chronological if r.established]
        firsts = [_established(r).earliest() for r in dated]
        self.since = tuple(dated)
        self.since_keys = tuple(firsts)
        since_of: dict[str, tuple[list[Relation], list[dt.date]]] = {}
        for relation, first in zip(dated, firsts, strict=True):
            for city_id in relation.cities:
                ties, days = since_of.setdefault(city_id, ([], []))
                ties.append(relation)
                days.append(first)
        self.since_of = {
            city_id: (tuple(ties), tuple(days)) for city_id, (ties, days) in since_of.items()
        }


def _network_id(network: Network) -> str:
    return network.city


def _record_id(record: City | Relation) -> str:
    return record.id


def _established(relation: Relation) -> PartialDate:
    assert relation.established is not None  # callers pass dated relations only
    return relation.established


def _member(enum: type[_E], value: _E | str, name: str) -> _E:
    """The member of ``enum`` that ``value`` names; a typo is an error, not an empty answer."""
    try:
        return enum(value)
    except ValueError:
        known = ", ".join(repr(member.value) for member in enum)
        msg = f"{name} must be one of {known}, found {value!r}"
        raise ArgumentError(msg) from None
