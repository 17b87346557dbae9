"""Anniversary arithmetic: which day a tie's anniversary falls on in a given year.

The rules, which the documentation repeats:

* A date known to the day has its anniversary on the same month and day; a tie established on
  29 February has its anniversary on 28 February in common years, so that no year is skipped
  and none counts twice.
* A date known only to the month has its anniversary on the first day of that month, and one
  known only to the year on 1 January; :class:`~sistercities.records.Anniversary` keeps the
  precision so that a reminder can say "in October" rather than "on 1 October".
* The founding year itself is not an anniversary: the first anniversary comes a year later.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from typing import Literal, TypeAlias

from sistercities.partialdate import PartialDate, Precision

__all__ = [
    "Milestones",
    "PrecisionName",
    "anniversary_in",
    "is_selected",
    "month_day",
    "normalize_milestones",
    "precision_allowed",
]

#: Which anniversaries to keep: every one (``None``), every Nth (an ``int``) or a set of numbers.
Milestones: TypeAlias = "int | Iterable[int] | None"
#: The coarsest precision of commemorated dates to include.
PrecisionName: TypeAlias = Literal["day", "month", "year"]

# Precision is a StrEnum, so a caller's plain "day" finds the same entry as Precision.DAY.
_RANK: dict[str, int] = {Precision.DAY: 0, Precision.MONTH: 1, Precision.YEAR: 2}


def month_day(date: PartialDate) -> tuple[int, int]:
    """The (month, day) on which the anniversaries of ``date`` fall, before the leap-day rule."""
    return (date.month or 1, date.day or 1)


def anniversary_in(date: PartialDate, year: int) -> dt.date:
    """The day in ``year`` on which the anniversary of ``date`` falls."""
    month, day = month_day(date)
    if month == 2 and day == 29 and not calendar.isleap(year):
        day = 28
    return dt.date(year, month, day)


def precision_allowed(date: PartialDate, coarsest: PrecisionName) -> bool:
    """Whether ``date`` is at least as precise as ``coarsest``."""
    return _RANK[date.precision] <= _RANK[coarsest]


def normalize_milestones(milestones: Milestones) -> int | frozenset[int] | None:
    """Check and freeze a milestone selection."""
    if milestones is None:
        return None
    if isinstance(milestones, int):
        if isinstance(milestones, bool) or milestones < 1:
            msg = f"milestones every N years needs N >= 1, found {milestones!r}"
            raise ValueError(msg)
        return milestones
    selection = frozenset(milestones)
    if any(isinstance(n, bool) or not isinstance(n, int) or n < 1 for n in selection):
        msg = f"milestones must be whole numbers of years >= 1, found {sorted(selection, key=repr)}"
        raise ValueError(msg)
    return selection


def is_selected(years: int, milestones: int | frozenset[int] | None) -> bool:
    """Whether an anniversary of ``years`` years passes the milestone selection."""
    if milestones is None:
        return True
    if isinstance(milestones, int):
        return years % milestones == 0
    return years in milestones
