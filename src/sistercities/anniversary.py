"""Anniversaries: the record and its wording, the rules, the search and the JSON shape.

The rules, which :doc:`/semantics` repeats:

* A date known to the day has its anniversary on the same month and day; a tie established on
  29 February has its anniversary on 28 February in common years, so that no year is skipped
  and none counts twice.
* A date known only to the month has its anniversary on the first day of that month, and one
  known only to the year on 1 January; :class:`Anniversary` keeps the precision so that a
  reminder can say "in October" rather than "on 1 October". Such ties are included unless a
  query asks for a finer ``precision``.
* The founding year itself is not an anniversary: the first anniversary comes a year later.
* An anniversary that falls while a tie is suspended, or after it ended, is silent unless the
  query asks for it; :func:`silent_spans` gives those spans, and both the search and the
  iCalendar recurrence are derived from it.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Final, Literal, TypeAlias, TypedDict

import attrs

from sistercities.errors import ArgumentError
from sistercities.partialdate import PartialDate, Precision
from sistercities.records import Agreement, City, Relation, TieStatus

__all__ = [
    "Anniversary",
    "AnniversaryIndex",
    "AnniversaryOptions",
    "Milestones",
    "PrecisionName",
    "Selection",
    "Span",
    "anniversary_in",
    "commemoration",
    "month_days_on",
    "ordinal",
    "silent_spans",
    "subject",
    "yearly_title",
]

#: Which anniversaries to keep: every one (``None``), every Nth (an ``int``) or a set of numbers.
Milestones: TypeAlias = "int | Iterable[int] | None"
#: The coarsest precision of commemorated dates to include.
PrecisionName: TypeAlias = Literal["day", "month", "year"]

# Precision is a StrEnum, so a caller's plain "day" finds the same entry as Precision.DAY.
_RANK: Final[dict[str, int]] = {Precision.DAY: 0, Precision.MONTH: 1, Precision.YEAR: 2}
# A window shorter than this is walked day by day through the month-and-day index; a longer
# one visits every dated entry once per year, which is then cheaper.
_DAY_WALK_LIMIT: Final = 400
_ONE_DAY: Final = dt.timedelta(days=1)


@attrs.frozen
class Span:
    """Days in which a tie's anniversaries are left out, both ends included.

    ``last`` is ``None`` for a span that has not ended.
    """

    first: dt.date
    last: dt.date | None

    def holds(self, day: dt.date) -> bool:
        """Whether ``day`` falls in the span."""
        return self.first <= day and (self.last is None or day <= self.last)


class AnniversaryOptions(TypedDict, total=False):
    """The options every anniversary query takes, as keyword arguments.

    ``city``
        only the ties of this city (a :class:`~sistercities.City`, its id or any name).
    ``milestones``
        ``None`` (the default) for every anniversary, an ``int`` N for every Nth year (``5``
        gives the 5th, 10th, 15th ...), or a collection of year counts such as
        ``{10, 20, 25, 30, 40, 50}``.
    ``precision``
        the coarsest precision of dates to include. ``"year"`` (the default) includes every
        dated tie: one known only to the month is placed on the first of the month, one known
        only to the year on 1 January. ``"month"`` leaves out the year-only ties and ``"day"``
        keeps only ties known to the day.
    ``include_ended``
        also give the anniversaries of an ended tie that fall on or after the day it ended
        (those before the end are always given).
    ``include_suspended``
        also give the anniversaries that fall while a tie is suspended (a frozen tie is not
        celebrated, so they are left out by default).
    ``agreements``
        also give the anniversaries of each tie's dated agreements.
    """

    city: City | str | None
    milestones: Milestones
    precision: PrecisionName
    include_ended: bool
    include_suspended: bool
    agreements: bool


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

    @property
    def when(self) -> str:
        """The date as precisely as it is known: ``"2024-09-22"``, ``"2024-10"`` or ``"2024"``."""
        text = self.date.isoformat()
        return text[: {Precision.DAY: 10, Precision.MONTH: 7}.get(self.precision, 4)]

    def describe(self) -> str:
        """One line for a reminder, such as a calendar entry's title.

        >>> from sistercities import anniversaries
        >>> import datetime as dt
        >>> anniversary, = anniversaries(dt.date(2024, 9, 22), dt.date(2024, 9, 22))
        >>> print(anniversary.describe())  # doctest: +NORMALIZE_WHITESPACE
        30th anniversary of the Beijing – Brussels-Capital Region sister-city tie
        (established 1994-09-22)
        """
        return f"{self.ordinal} {commemoration(self.cities, self.relation, self.agreement)}"

    def to_json(self) -> dict[str, Any]:
        """The anniversary as ``sistercities anniversaries --format json`` writes it.

        >>> from sistercities import anniversaries
        >>> anniversaries("2024-09-22", "2024-09-22")[0].to_json()["when"]
        '2024-09-22'
        """
        first, second = self.cities
        return {
            "date": self.date.isoformat(),
            "when": self.when,
            "years": self.years,
            "ordinal": self.ordinal,
            "relation": self.relation.id,
            "kind": self.relation.kind.value,
            "cities": [first.id, second.id],
            "names": [first.name, second.name],
            "commemorated": self.commemorated.isoformat(),
            "precision": self.precision.value,
            "agreement": None if self.agreement is None else self.agreement.title,
            "description": self.describe(),
        }


def ordinal(number: int) -> str:
    """``1`` → ``"1st"``, ``12`` → ``"12th"``, ``23`` → ``"23rd"``."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def subject(cities: tuple[City, City], relation: Relation) -> str:
    """What an anniversary commemorates: ``"Beijing – Tokyo sister-city tie"``."""
    return f"{cities[0].name} – {cities[1].name} {relation.kind.value} tie"


def commemoration(
    cities: tuple[City, City], relation: Relation, agreement: Agreement | None = None
) -> str:
    """What an anniversary marks, after its ordinal: the words that every year of it shares.

    >>> from sistercities import get_city, get_relation
    >>> tie = get_relation("beijing--tokyo")
    >>> commemoration((get_city("beijing"), get_city("tokyo")), tie)
    'anniversary of the Beijing – Tokyo Metropolis sister-city tie (established 1979-03-14)'
    """
    about = subject(cities, relation)
    if agreement is not None:
        return f"anniversary of the {agreement.title} ({about}, signed {agreement.date})"
    return f"anniversary of the {about} (established {relation.established})"


def yearly_title(
    cities: tuple[City, City], relation: Relation, agreement: Agreement | None = None
) -> str:
    """The title of a recurring reminder, which cannot give the number of years."""
    words = commemoration(cities, relation, agreement)
    return words[0].upper() + words[1:]


# -- the rules ----------------------------------------------------------------------------------


def anniversary_in(date: PartialDate, year: int) -> dt.date:
    """The day in ``year`` on which the anniversary of ``date`` falls."""
    month, day = date.month or 1, date.day or 1
    if month == 2 and day == 29 and not calendar.isleap(year):
        day = 28
    return dt.date(year, month, day)


def month_days_on(day: dt.date) -> tuple[tuple[int, int], ...]:
    """The (month, day) pairs whose anniversaries fall on ``day``: the inverse of the rule above.

    >>> month_days_on(dt.date(2023, 2, 28))
    ((2, 28), (2, 29))
    """
    if day.month == 2 and day.day == 28 and not calendar.isleap(day.year):
        return ((2, 28), (2, 29))
    return ((day.month, day.day),)


def silent_spans(relation: Relation, *, include_ended: bool, include_suspended: bool) -> list[Span]:
    """The spans in which a tie's anniversaries are left out, oldest first.

    A span starts on the first day of a suspension (or of the end) and lasts until the day
    before the tie resumed; a suspension that was never lifted, and an end, give an open span.
    This is :meth:`~sistercities.Relation.status_on` read as a timeline.
    """
    silent = {
        TieStatus.SUSPENDED: not include_suspended,
        TieStatus.ENDED: not include_ended,
        TieStatus.ACTIVE: False,
    }
    spans: list[Span] = []
    start: dt.date | None = None
    for change in relation.status_changes:
        day = change.date.earliest()
        if silent[change.status.result]:
            if start is None:
                start = day
        elif start is not None:
            spans.append(Span(start, day - _ONE_DAY))
            start = None
    if start is not None:
        spans.append(Span(start, None))
    return spans


def _is_silent(day: dt.date, spans: list[Span]) -> bool:
    return any(span.holds(day) for span in spans)


def _milestones(milestones: Milestones) -> int | frozenset[int] | None:
    if milestones is None:
        return None
    if isinstance(milestones, int):
        if isinstance(milestones, bool) or milestones < 1:
            msg = f"milestones every N years needs N >= 1, found {milestones!r}"
            raise ArgumentError(msg)
        return milestones
    if isinstance(milestones, str | bytes) or not isinstance(milestones, Iterable):
        msg = f"milestones must be an int or a collection of ints, found {milestones!r}"
        raise ArgumentError(msg)
    selection = frozenset(milestones)
    if any(isinstance(n, bool) or not isinstance(n, int) or n < 1 for n in selection):
        msg = f"milestones must be whole numbers of years >= 1, found {sorted(selection, key=repr)}"
        raise ArgumentError(msg)
    return selection


def _check_precision(_: object, __: object, precision: str) -> None:
    if precision not in _RANK:
        msg = f"precision must be 'day', 'month' or 'year', found {precision!r}"
        raise ArgumentError(msg)


@attrs.frozen(kw_only=True)
class Selection:
    """The checked options of an anniversary query.

    ``Selection(**options)`` takes the :class:`AnniversaryOptions`; a bad value raises
    :class:`~sistercities.ArgumentError` and an unknown option :class:`TypeError`. The city is
    kept as given, for the dataset to resolve.
    """

    city: City | str | None = None
    milestones: int | frozenset[int] | None = attrs.field(default=None, converter=_milestones)
    precision: PrecisionName = attrs.field(default="year", validator=_check_precision)
    include_ended: bool = attrs.field(default=False, converter=bool)
    include_suspended: bool = attrs.field(default=False, converter=bool)
    agreements: bool = attrs.field(default=False, converter=bool)

    def admits(self, date: PartialDate) -> bool:
        """Whether a date of this precision is included."""
        return _RANK[date.precision] <= _RANK[self.precision]

    def keeps(self, years: int) -> bool:
        """Whether an anniversary of ``years`` years passes the milestone selection."""
        milestones = self.milestones
        if years < 1:
            return False
        if milestones is None:
            return True
        if isinstance(milestones, int):
            return years % milestones == 0
        return years in milestones

    def spans(self, relation: Relation) -> list[Span]:
        """The spans in which ``relation`` is silent under this selection."""
        return silent_spans(
            relation, include_ended=self.include_ended, include_suspended=self.include_suspended
        )


# -- the search ---------------------------------------------------------------------------------

_Entry = tuple[Relation, PartialDate, Agreement | None]


class AnniversaryIndex:
    """Dated ties and agreements by anniversary month and day, and by city."""

    __slots__ = ("_by_day", "_cities", "_of_city")

    def __init__(self, relations: Iterable[Relation], cities: Mapping[str, City]) -> None:
        by_day: dict[tuple[int, int], list[_Entry]] = defaultdict(list)
        of_city: dict[str, list[_Entry]] = defaultdict(list)
        for entry in _dated_entries(relations):
            date = entry[1]
            by_day[(date.month or 1, date.day or 1)].append(entry)
            for city_id in entry[0].cities:
                of_city[city_id].append(entry)
        self._by_day = dict(by_day)
        self._of_city = dict(of_city)
        self._cities = cities

    def find(
        self, first: dt.date, last: dt.date, selection: Selection, city_id: str | None = None
    ) -> list[Anniversary]:
        """Every anniversary from ``first`` to ``last`` (both included), by date then tie."""
        found: list[Anniversary] = []
        cities = self._cities
        for relation, when, agreement, day in self._candidates(first, last, city_id):
            if agreement is not None and not selection.agreements:
                continue
            years = day.year - when.year
            if not selection.keeps(years) or not selection.admits(when):
                continue
            if relation.status_changes and _is_silent(day, selection.spans(relation)):
                continue
            one, other = relation.cities
            found.append(
                Anniversary(
                    relation, (cities[one], cities[other]), day, years, when.precision, agreement
                )
            )
        found.sort(key=lambda a: (a.date, a.relation.id, a.agreement.title if a.agreement else ""))
        return found

    def _candidates(
        self, first: dt.date, last: dt.date, city_id: str | None
    ) -> Iterator[tuple[Relation, PartialDate, Agreement | None, dt.date]]:
        by_day = self._by_day
        if city_id is None and (last - first).days < _DAY_WALK_LIMIT:
            for offset in range((last - first).days + 1):
                # Counted in days from the first, so that the calendar's last day ends the walk.
                day = first + dt.timedelta(days=offset)
                for key in month_days_on(day):
                    for relation, when, agreement in by_day.get(key, ()):
                        yield relation, when, agreement, day
            return
        entries: Iterable[_Entry]
        if city_id is None:
            entries = (entry for group in by_day.values() for entry in group)
        else:
            entries = self._of_city.get(city_id, ())
        for relation, when, agreement in entries:
            for year in range(max(first.year, when.year + 1), last.year + 1):
                day = anniversary_in(when, year)
                if first <= day <= last:
                    yield relation, when, agreement, day


def _dated_entries(relations: Iterable[Relation]) -> Iterator[_Entry]:
    for relation in relations:
        if relation.established is not None:
            yield relation, relation.established, None
        for agreement in relation.agreements:
            yield relation, agreement.date, agreement
