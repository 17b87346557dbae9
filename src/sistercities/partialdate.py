"""Calendar dates known to the year, the month or the day."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from enum import StrEnum
from typing import Final

import attrs

from sistercities.errors import ArgumentError

__all__ = ["PartialDate", "Precision"]

_ISO: Final = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", re.ASCII)


class Precision(StrEnum):
    """How much of a :class:`PartialDate` is known."""

    YEAR = "year"
    MONTH = "month"
    DAY = "day"

    def __str__(self) -> str:
        return self.value


@attrs.frozen(order=False, eq=False)
class PartialDate:
    """A date known to the year (``1994``), the month (``1994-10``) or the day (``1994-09-22``).

    Partial dates are ordered by year, then month, then day, with an unknown part sorting
    before every known one: ``1994 < 1994-01 < 1994-01-01 < 1994-02``. They are hashable and
    compare equal only to a partial date of the same precision and value. A
    :class:`datetime.date` takes part as the partial date known to its day: it equals (and
    hashes like) the day-precise partial date of the same day, and ``1994-10`` sorts before
    ``date(1994, 10, 1)``. A :class:`datetime.datetime` does not compare.

    >>> PartialDate.parse("1994-10")
    PartialDate(year=1994, month=10, day=None)
    >>> str(PartialDate(1994, 9, 22))
    '1994-09-22'
    >>> PartialDate.parse("1994") < PartialDate.parse("1994-01")
    True
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __attrs_post_init__(self) -> None:
        # Direct construction must not produce a date that parse() would refuse.
        _check_parts(self.year, self.month, self.day)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

        :raises ~sistercities.ArgumentError: ``text`` is none of those, or no such day exists.
        """
        match = _ISO.fullmatch(text)
        if match is None:
            msg = f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, found {text!r}"
            raise ArgumentError(msg)
        year, month, day = (int(part) if part else None for part in match.groups())
        assert year is not None  # the pattern always captures the year
        return cls(year, month, day)

    @classmethod
    def from_date(cls, date: dt.date) -> PartialDate:
        """The partial date of a full :class:`datetime.date`."""
        return cls(date.year, date.month, date.day)

    @property
    def precision(self) -> Precision:
        """Whether the year, the month or the day is known."""
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    def earliest(self) -> dt.date:
        """The first day this partial date may stand for."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date:
        """The last day this partial date may stand for."""
        if self.day is not None:
            return self.earliest()
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def to_date(self) -> dt.date:
        """The full date; raise :class:`~sistercities.ArgumentError` unless the day is known."""
        if self.day is None:
            msg = f"{self} is known only to the {self.precision.value}"
            raise ArgumentError(msg)
        return self.earliest()

    def isoformat(self) -> str:
        """The ISO 8601 form at the known precision: ``1994``, ``1994-10`` or ``1994-09-22``."""
        # %-formatting is about twice as quick as an f-string with format specs, and every
        # export writes many dates.
        month, day = self.month, self.day
        if month is None:
            return "%04d" % self.year  # noqa: UP031
        if day is None:
            return "%04d-%02d" % (self.year, month)  # noqa: UP031
        return "%04d-%02d-%02d" % (self.year, month, day)  # noqa: UP031

    def __str__(self) -> str:
        return self.isoformat()

    def sort_key(self) -> tuple[int, int, int]:
        """The tuple of numbers by which partial dates are ordered (unknown parts are 0)."""
        return (self.year, self.month or 0, self.day or 0)

    def __eq__(self, other: object) -> bool:
        key = _key_of(other)
        return NotImplemented if key is None else self.sort_key() == key

    def __hash__(self) -> int:
        # A day-precise partial date equals the datetime.date of that day, so it hashes alike.
        if self.day is not None:
            return hash(self.earliest())
        return hash((self.year, self.month))

    def __lt__(self, other: object) -> bool:
        key = _key_of(other)
        return NotImplemented if key is None else self.sort_key() < key

    def __le__(self, other: object) -> bool:
        key = _key_of(other)
        return NotImplemented if key is None else self.sort_key() <= key

    def __gt__(self, other: object) -> bool:
        key = _key_of(other)
        return NotImplemented if key is None else self.sort_key() > key

    def __ge__(self, other: object) -> bool:
        key = _key_of(other)
        return NotImplemented if key is None else self.sort_key() >= key


def _key_of(other: object) -> tuple[int, int, int] | None:
    """The sort key of a partial date or of a plain date; ``None`` for anything else."""
    if isinstance(other, PartialDate):
        return other.sort_key()
    if isinstance(other, dt.date) and not isinstance(other, dt.datetime):
        return (other.year, other.month, other.day)
    return None


def _check_parts(year: int, month: int | None, day: int | None) -> None:
    if not 1 <= year <= 9999:
        msg = f"year {year} is out of range"
        raise ArgumentError(msg)
    if month is None:
        if day is not None:
            msg = "a day needs a month"
            raise ArgumentError(msg)
        return
    if not 1 <= month <= 12:
        msg = f"month {month} does not exist"
        raise ArgumentError(msg)
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        msg = f"{year:04d}-{month:02d}-{day:02d} does not exist"
        raise ArgumentError(msg)


def as_partial_date(value: PartialDate | dt.date | str | int) -> PartialDate:
    """Accept a partial date, a :class:`datetime.date`, an ISO string or a year as a date.

    A :class:`datetime.datetime` is refused, since a tie's dates have no time of day.
    """
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return PartialDate(value)
    if isinstance(value, dt.datetime):
        msg = f"expected a date, not a datetime: {value!r}"
        raise TypeError(msg)
    if isinstance(value, dt.date):
        return PartialDate.from_date(value)
    if isinstance(value, str):
        return PartialDate.parse(value)
    msg = f"expected a date, a PartialDate or an ISO date string, found {type(value).__name__}"
    raise TypeError(msg)
