from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sistercities import PartialDate, Precision
from sistercities.strategies import partial_dates


@given(partial_dates())
def test_isoformat_parse_round_trip(date: PartialDate) -> None:
    """Parsing the ISO form of a partial date gives the same partial date back."""
    assert PartialDate.parse(date.isoformat()) == date
    assert str(date) == date.isoformat()


@given(partial_dates(), partial_dates())
def test_order_is_total_and_consistent_with_equality(a: PartialDate, b: PartialDate) -> None:
    """Exactly one of <, == and > holds between any two partial dates."""
    assert [a < b, a == b, a > b].count(True) == 1
    assert (a <= b) == (a < b or a == b)
    assert (a >= b) == (a > b or a == b)


@given(partial_dates(), partial_dates(), partial_dates())
def test_order_is_transitive(a: PartialDate, b: PartialDate, c: PartialDate) -> None:
    """Sorting three partial dates yields a chain in which each precedes the next."""
    x, y, z = sorted([a, b, c])
    assert x <= y <= z
    assert x <= z


@given(partial_dates(), partial_dates())
def test_order_agrees_with_first_days(a: PartialDate, b: PartialDate) -> None:
    """A partial date that sorts first never starts later than the other."""
    if a < b:
        assert a.earliest() <= b.earliest()


@given(partial_dates(), partial_dates())
def test_equal_dates_hash_alike(a: PartialDate, b: PartialDate) -> None:
    """Equal partial dates have equal hashes, so they work as dict keys."""
    if a == b:
        assert hash(a) == hash(b)


@given(partial_dates())
def test_span_contains_itself(date: PartialDate) -> None:
    """The first day of a partial date's span is never after its last day, and a day is one day."""
    assert date.earliest() <= date.latest()
    if date.precision is Precision.DAY:
        assert date.earliest() == date.latest() == date.to_date()


@given(st.dates())
def test_from_date_keeps_the_day(day: dt.date) -> None:
    """A full date converts to a day-precision partial date and back unchanged."""
    assert PartialDate.from_date(day).to_date() == day


def test_examples_from_the_design() -> None:
    """The three ISO forms give the three precisions and print as written."""
    assert PartialDate.parse("1994").precision is Precision.YEAR
    assert PartialDate.parse("1994-10").precision is Precision.MONTH
    assert str(PartialDate.parse("1994-09-22")) == "1994-09-22"
    assert PartialDate.parse("1994-02").latest() == dt.date(1994, 2, 28)
    assert PartialDate.parse("1996-02").latest() == dt.date(1996, 2, 29)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "94",
        "19940",
        "1994-1",
        "1994-13",
        "1994-02-30",
        "1994-00",
        "0000",
        "19790314",
        "1994/10",
        " 1994",
        "1994-10-01T00:00",
        "１９９４",
    ],
)
def test_malformed_text_is_refused(text: str) -> None:
    """Anything but YYYY, YYYY-MM or YYYY-MM-DD naming a real date raises ValueError."""
    with pytest.raises(ValueError, match=r"."):
        PartialDate.parse(text)


def test_a_day_needs_a_month() -> None:
    """Building a partial date with a day but no month is refused."""
    with pytest.raises(ValueError, match="needs a month"):
        PartialDate(1994, None, 3)


def test_to_date_refuses_partial_dates() -> None:
    """Asking a month-precision date for its full date raises ValueError naming the precision."""
    with pytest.raises(ValueError, match="month"):
        PartialDate(1994, 10).to_date()


@given(st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))
def test_a_day_precise_partial_date_equals_its_date(day: dt.date) -> None:
    """A partial date known to the day equals the same date, both ways, and hashes alike."""
    partial = PartialDate.from_date(day)
    assert partial == day
    assert day == partial
    assert hash(partial) == hash(day)
    assert len({partial, day}) == 1


@given(partial_dates(min_year=1, max_year=9999), st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))
def test_partial_dates_and_dates_order_by_the_documented_key(
    partial: PartialDate, day: dt.date
) -> None:
    """Against a date, a partial date orders as against the day-precise partial date of it."""
    other = PartialDate.from_date(day)
    assert (partial < day) == (partial < other) == (day > partial)
    assert (partial <= day) == (partial <= other) == (day >= partial)
    assert (partial == day) == (partial == other)
    if partial.precision != "day":
        assert partial != day


def test_a_datetime_does_not_compare() -> None:
    """A datetime is refused: comparing raises TypeError, and it never equals a partial date."""
    moment = dt.datetime(1994, 9, 22, tzinfo=dt.UTC)
    assert PartialDate(1994, 9, 22) != moment
    with pytest.raises(TypeError):
        _ = PartialDate(1994, 9, 22) < moment
