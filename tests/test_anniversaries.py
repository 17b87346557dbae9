"""The anniversary rules: each law holds, and the search and the calendar follow the same ones."""

from __future__ import annotations

import datetime as dt
import itertools
import typing

import attrs
import pytest
import recurring_ical_events
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar

import sistercities
from sistercities import Dataset, PartialDate, Relation, TieStatus
from sistercities.anniversary import (
    AnniversaryOptions,
    PrecisionName,
    Selection,
    anniversary_in,
    month_days_on,
    silent_spans,
)
from sistercities.export import iter_ical_yearly
from sistercities.strategies import datasets, partial_dates, relations

DAYS = st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31))


@given(partial_dates(), DAYS)
def test_month_days_on_is_the_inverse_of_anniversary_in(date: PartialDate, day: dt.date) -> None:
    """An anniversary falls on ``day`` exactly when its month and day are among those of it."""
    falls = anniversary_in(date, day.year) == day
    assert falls == ((date.month or 1, date.day or 1) in month_days_on(day))


@given(relations("a", "b"), st.booleans(), st.booleans(), DAYS)
def test_silent_spans_are_the_status_timeline(
    relation: Relation, include_ended: bool, include_suspended: bool, day: dt.date
) -> None:
    """A day is in a silent span exactly when the tie's status on it is one left out."""
    spans = silent_spans(relation, include_ended=include_ended, include_suspended=include_suspended)
    silent = any(span.holds(day) for span in spans)
    left_out = set()
    if not include_ended:
        left_out.add(TieStatus.ENDED)
    if not include_suspended:
        left_out.add(TieStatus.SUSPENDED)
    assert silent == (relation.status_on(day) in left_out)
    # Spans are ordered, disjoint, and only the last may be open.
    for earlier, later in itertools.pairwise(spans):
        assert earlier.last is not None
        assert earlier.last < later.first


def test_the_options_are_written_once() -> None:
    """The typed options and the checked selection have exactly the same names and defaults."""
    fields = {field.name: field.default for field in attrs.fields(Selection)}
    assert set(typing.get_type_hints(AnniversaryOptions)) == set(fields)
    assert Selection() == Selection(**typing.cast("AnniversaryOptions", {}))
    with pytest.raises(TypeError):
        Selection(**typing.cast("AnniversaryOptions", {"milestone": 5}))


@pytest.mark.parametrize(
    "options",
    [{"precision": "week"}, {"milestones": 0}, {"milestones": {5, -1}}, {"milestones": "5"}],
)
def test_bad_options_get_the_library_s_error(options: dict[str, object]) -> None:
    """A bad option value raises ArgumentError, which is also a ValueError."""
    with pytest.raises(sistercities.ArgumentError):
        sistercities.anniversaries("2024", "2024", **options)  # type: ignore[arg-type]


MILESTONES = st.one_of(
    st.none(), st.integers(1, 7), st.frozensets(st.integers(1, 60), min_size=1, max_size=4)
)


@given(
    datasets(),
    st.booleans(),
    st.booleans(),
    MILESTONES,
    st.sampled_from(["day", "month", "year"]),
    st.booleans(),
    st.integers(1960, 2060),
)
def test_the_yearly_calendar_gives_the_days_the_search_gives(
    dataset: Dataset,
    include_ended: bool,
    include_suspended: bool,
    milestones: int | frozenset[int] | None,
    precision: PrecisionName,
    one_city: bool,
    year: int,
) -> None:
    """Expanded by recurring-ical-events, the yearly calendar gives the search's days.

    Every option of the search means the same in the calendar, so the two agree year by year.
    """
    options: AnniversaryOptions = {
        "include_ended": include_ended,
        "include_suspended": include_suspended,
        "agreements": True,
        "milestones": milestones,
        "precision": precision,
        "city": dataset.cities()[0].id if one_city else None,
    }
    text = "".join(iter_ical_yearly(dataset, **options))
    occurrences = recurring_ical_events.of(Calendar.from_ical(text)).between(
        dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    )
    from_calendar = sorted(
        (event["DTSTART"].dt, str(event["UID"]).split(".", 1)[0]) for event in occurrences
    )
    found = dataset.anniversaries(str(year), str(year), **options)
    assert from_calendar == sorted((a.date, a.relation.id) for a in found)


def test_upcoming_drops_no_dated_tie_on_the_shipped_data() -> None:
    """Over a whole year every active dated tie has its anniversary, whatever its precision."""
    today = dt.date(2027, 1, 1)
    found = sistercities.upcoming(365, today=today)
    expected = {
        r.id
        for r in sistercities.relations()
        if r.established is not None and r.status_on(today) is TieStatus.ACTIVE
    }
    assert {a.relation.id for a in found} == expected
    precisions = {a.precision.value for a in found}
    assert precisions == {"day", "month", "year"}
    only_days = sistercities.upcoming(365, today=today, precision="day")
    assert {a.relation.id for a in only_days} < expected


def test_anniversary_json_shape() -> None:
    """The JSON of an anniversary names the tie, both cities and the date as precisely as known."""
    (found,) = sistercities.anniversaries("2024-09-22", "2024-09-22")
    assert found.to_json() == {
        "date": "2024-09-22",
        "when": "2024-09-22",
        "years": 30,
        "ordinal": "30th",
        "relation": "beijing--brussels-capital-region",
        "kind": "sister-city",
        "cities": ["beijing", "brussels-capital-region"],
        "names": ["Beijing", "Brussels-Capital Region"],
        "commemorated": "1994-09-22",
        "precision": "day",
        "agreement": None,
        "description": found.describe(),
    }
