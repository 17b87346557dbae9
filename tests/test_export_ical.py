"""The iCalendar export, read back by the icalendar package: events, UIDs, alarms, escaping."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar

import sistercities
from sistercities import (
    Agreement,
    Anniversary,
    City,
    Dataset,
    DatasetInfo,
    PartialDate,
    Relation,
    RelationKind,
    Source,
    StatusChange,
    StatusChangeKind,
)
from sistercities.export import PRODID, iter_ical, iter_ical_yearly
from sistercities.strategies import datasets

SOURCE = Source("main", "https://example.org/a", "A page", "Example", dt.date(2024, 1, 1))
CHECKED = dt.date(2024, 6, 1)
BRUSSELS_UID = "beijing--brussels-capital-region.established.2024@sistercities"
# Every property name the exporter writes; a name from the data must never add another line.
PROPERTIES = {
    "BEGIN",
    "END",
    "VERSION",
    "PRODID",
    "CALSCALE",
    "X-WR-CALNAME",
    "UID",
    "RDATE",
    "DTSTAMP",
    "DTSTART",
    "DTEND",
    "RRULE",
    "EXDATE",
    "SUMMARY",
    "DESCRIPTION",
    "TRANSP",
    "ACTION",
    "TRIGGER",
}
_BREAKS = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def parse(lines: Iterable[str]) -> tuple[str, Calendar]:
    """Join the lines, check the raw form, and parse them with icalendar."""
    text = "".join(lines)
    check_raw(text)
    return text, Calendar.from_ical(text)


def check_raw(text: str) -> None:
    """Assert CRLF ends, 75-octet folding on character boundaries and known properties only."""
    assert text.endswith("\r\n")
    physical = text.encode("utf-8").split(b"\r\n")[:-1]
    for octets in physical:
        assert len(octets) <= 75
        assert b"\r" not in octets
        assert b"\n" not in octets
        octets.decode("utf-8")  # a fold inside a character would not decode
    unfolded = text.replace("\r\n ", "").split("\r\n")[:-1]
    for line in unfolded:
        assert re.split("[:;]", line, maxsplit=1)[0] in PROPERTIES, line


def events(calendar: Calendar) -> list[Any]:
    return list(calendar.walk("VEVENT"))


def as_parsed(text: str) -> str:
    """What a TEXT value reads back as: line breaks as line feeds, other controls dropped."""
    text = _BREAKS.sub("\n", text)
    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc")


def city(city_id: str, name: str, country: str = "BE") -> City:
    return City(city_id, name, country, "city", (SOURCE,))


def pair(relation: Relation, first: str = "Alpha", second: str = "Beta") -> Dataset:
    return Dataset(
        [city("alpha", first), city("beta", second, "FR")],
        [relation],
        DatasetInfo(data_version="t", checked=CHECKED),
    )


def tie(
    established: PartialDate | None,
    status_changes: tuple[StatusChange, ...] = (),
    agreements: tuple[Agreement, ...] = (),
) -> Relation:
    return Relation(
        "alpha--beta",
        ("alpha", "beta"),
        RelationKind.SISTER_CITY,
        (SOURCE,),
        attested_by=(SOURCE.key,),
        established=established,
        established_source=None if established is None else SOURCE.key,
        status_changes=status_changes,
        agreements=agreements,
    )


def september_2024() -> tuple[Dataset, list[Anniversary]]:
    dataset = sistercities.dataset()
    return dataset, dataset.anniversaries(dt.date(2024, 9, 1), dt.date(2024, 9, 30))


def test_brussels_30th_anniversary_is_an_all_day_event() -> None:
    """September 2024 holds the 30th anniversary of Beijing–Brussels on 2024-09-22, all day."""
    dataset, found = september_2024()
    _, calendar = parse(iter_ical(dataset, found))
    by_uid = {str(event["UID"]): event for event in events(calendar)}
    event = by_uid[BRUSSELS_UID]
    assert event["DTSTART"].dt == dt.date(2024, 9, 22)
    assert event["DTEND"].dt == dt.date(2024, 9, 23)
    assert str(event["SUMMARY"]).startswith("30th anniversary of the Beijing – Brussels")
    assert "Brussels-Capital Region (BE)" in str(event["DESCRIPTION"])
    assert len(by_uid) == len(found)


def test_calendar_declares_its_product_and_version() -> None:
    """The VCALENDAR carries PRODID, VERSION 2.0 and the Gregorian calendar scale."""
    dataset, found = september_2024()
    _, calendar = parse(iter_ical(dataset, found))
    assert str(calendar["PRODID"]) == PRODID
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"


def test_dtstamp_is_the_checked_date_so_exports_are_identical() -> None:
    """DTSTAMP is the dataset's checked date, so two exports are byte for byte the same."""
    dataset, found = september_2024()
    text, calendar = parse(iter_ical(dataset, found))
    assert dataset.info.checked is not None
    for event in events(calendar):
        assert event["DTSTAMP"].dt == dt.datetime.combine(
            dataset.info.checked, dt.time(), tzinfo=dt.UTC
        )
    assert "".join(iter_ical(dataset, found)) == text


def test_dtstamp_without_a_checked_date_is_the_newest_access_date() -> None:
    """A dataset with no checked date is stamped with its newest source access date."""
    dataset = Dataset(
        [city("alpha", "Alpha"), city("beta", "Beta")], [tie(PartialDate(2000, 1, 2))]
    )
    found = dataset.anniversaries("2024", "2024")
    _, calendar = parse(iter_ical(dataset, found))
    (event,) = events(calendar)
    assert event["DTSTAMP"].dt.date() == SOURCE.accessed


def test_alarm_days_before() -> None:
    """alarm_days adds a display alarm that many days before each event."""
    dataset, found = september_2024()
    _, calendar = parse(iter_ical(dataset, found, alarm_days=7))
    for event in events(calendar):
        (alarm,) = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert alarm["TRIGGER"].dt == -dt.timedelta(days=7)
        assert str(alarm["DESCRIPTION"]) == str(event["SUMMARY"])


def test_alarm_on_the_day() -> None:
    """alarm_days=0 reminds at the start of the day itself."""
    dataset, found = september_2024()
    _, calendar = parse(iter_ical(dataset, found, alarm_days=0))
    (alarm,) = events(calendar)[0].walk("VALARM")
    assert alarm["TRIGGER"].dt == dt.timedelta(0)


def test_no_alarm_unless_asked() -> None:
    """Without alarm_days the events carry no alarm."""
    dataset, found = september_2024()
    _, calendar = parse(iter_ical(dataset, found))
    assert all(not event.walk("VALARM") for event in events(calendar))


@pytest.mark.parametrize("days", [-1, True, 1.5])
def test_bad_alarm_days_are_refused(days: Any) -> None:
    """An alarm offset that is not a whole number >= 0 raises ValueError."""
    dataset, found = september_2024()
    with pytest.raises(ValueError, match="alarm_days"):
        "".join(iter_ical(dataset, found, alarm_days=days))


def test_agreement_anniversaries_have_their_own_uids() -> None:
    """An agreement's anniversary and its tie's are separate events with distinct UIDs."""
    signed = Agreement(PartialDate(2001, 5, 6), "Cooperation agreement", source="main")
    dataset = pair(tie(PartialDate(2000, 5, 6), agreements=(signed,)))
    found = dataset.anniversaries("2024", "2024", agreements=True)
    _, calendar = parse(iter_ical(dataset, found))
    uids = [str(event["UID"]) for event in events(calendar)]
    assert len(uids) == len(set(uids)) == 2
    assert "alpha--beta.established.2024@sistercities" in uids


def test_identical_agreements_get_numbered_uids() -> None:
    """Two identical agreements of one tie still get two different UIDs."""
    signed = Agreement(PartialDate(2001, 5, 6), "Agreement", source="main")
    dataset = pair(tie(PartialDate(2000, 5, 6), agreements=(signed, signed)))
    found = dataset.anniversaries("2024", "2024", agreements=True)
    _, calendar = parse(iter_ical(dataset, found))
    uids = [str(event["UID"]) for event in events(calendar)]
    assert len(uids) == len(set(uids)) == 3


def test_long_non_latin_lines_fold_between_characters() -> None:
    """Lines of Chinese text fold at 75 octets without splitting a character."""
    name = "北京市" * 30
    dataset = pair(tie(PartialDate(2000, 1, 2)), first=name)
    _, calendar = parse(iter_ical(dataset, dataset.anniversaries("2024", "2024")))
    assert name in str(events(calendar)[0]["SUMMARY"])


def test_yearly_event_recurs_from_the_first_anniversary() -> None:
    """A yearly calendar has one RRULE:FREQ=YEARLY event per tie, from its first anniversary."""
    dataset = pair(tie(PartialDate(1994, 9, 22)))
    _, calendar = parse(iter_ical_yearly(dataset, alarm_days=3))
    (event,) = events(calendar)
    assert str(event["UID"]) == "alpha--beta.established.yearly@sistercities"
    assert event["DTSTART"].dt == dt.date(1995, 9, 22)
    assert dict(event["RRULE"]) == {"FREQ": ["YEARLY"]}
    assert str(event["SUMMARY"]).startswith("Anniversary of the Alpha – Beta sister-city tie")
    assert event.walk("VALARM")[0]["TRIGGER"].dt == -dt.timedelta(days=3)


def test_yearly_leap_day_tie_falls_on_the_last_day_of_february() -> None:
    """A tie of 29 February recurs with BYMONTH=2;BYMONTHDAY=-1, from 28 February next year."""
    dataset = pair(tie(PartialDate(2000, 2, 29)))
    text, calendar = parse(iter_ical_yearly(dataset))
    (event,) = events(calendar)
    assert "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1\r\n" in text
    assert event["DTSTART"].dt == dt.date(2001, 2, 28)
    assert event["RRULE"]["BYMONTHDAY"] == [-1]


def test_yearly_event_of_an_ended_tie_stops_before_the_end() -> None:
    """An ended tie recurs UNTIL the day before it ended, unless ended ties are asked for."""
    dataset = pair(
        tie(
            PartialDate(2016, 3),
            status_changes=(
                StatusChange(PartialDate(2019, 10, 9), StatusChangeKind.ENDED, "ended", SOURCE.key),
            ),
        )
    )
    _, calendar = parse(iter_ical_yearly(dataset, precision="month"))
    (event,) = events(calendar)
    assert event["RRULE"]["UNTIL"] == [dt.date(2019, 10, 8)]
    assert event["DTSTART"].dt == dt.date(2017, 3, 1)
    assert "known only to the month" in str(event["DESCRIPTION"])
    _, calendar = parse(iter_ical_yearly(dataset, precision="month", include_ended=True))
    assert "UNTIL" not in events(calendar)[0]["RRULE"]


def test_yearly_skips_ties_that_ended_before_any_anniversary() -> None:
    """A tie ended before its first anniversary has no recurring event."""
    dataset = pair(
        tie(
            PartialDate(2016, 3, 1),
            status_changes=(
                StatusChange(PartialDate(2016, 12), StatusChangeKind.ENDED, "ended", SOURCE.key),
            ),
        )
    )
    _, calendar = parse(iter_ical_yearly(dataset))
    assert events(calendar) == []


def test_yearly_event_skips_the_years_a_tie_was_suspended() -> None:
    """A suspension that was lifted leaves out the anniversaries in between, as EXDATEs."""
    changes = (
        StatusChange(PartialDate(2020, 3), StatusChangeKind.SUSPENDED, "frozen", SOURCE.key),
        StatusChange(PartialDate(2022, 6, 1), StatusChangeKind.RESUMED, "thawed", SOURCE.key),
    )
    dataset = pair(tie(PartialDate(2016, 4, 5), status_changes=changes))
    _, calendar = parse(iter_ical_yearly(dataset))
    (event,) = events(calendar)
    exdates = event["EXDATE"] if isinstance(event["EXDATE"], list) else [event["EXDATE"]]
    skipped = sorted(day.dt for entry in exdates for day in entry.dts)
    # Resumed on 1 June 2022: the anniversary of April 2022 still fell in the suspension.
    assert skipped == [dt.date(2020, 4, 5), dt.date(2021, 4, 5), dt.date(2022, 4, 5)]
    found = [a.date for a in dataset.anniversaries("2019", "2023")]
    assert found == [dt.date(2019, 4, 5), dt.date(2023, 4, 5)]


def test_yearly_event_of_a_suspended_tie_stops_before_the_suspension() -> None:
    """A tie still suspended recurs UNTIL the day before, unless suspended ties are asked for."""
    changes = (
        StatusChange(PartialDate(2022, 3), StatusChangeKind.SUSPENDED, "frozen", SOURCE.key),
    )
    dataset = pair(tie(PartialDate(1991, 7, 2), status_changes=changes))
    (event,) = events(parse(iter_ical_yearly(dataset))[1])
    assert event["RRULE"]["UNTIL"] == [dt.date(2022, 2, 28)]
    (event,) = events(parse(iter_ical_yearly(dataset, include_suspended=True))[1])
    assert "UNTIL" not in event["RRULE"]


def test_yearly_precision_and_agreements_follow_the_anniversary_rules() -> None:
    """Year-only ties appear unless a finer precision is asked; agreements only when asked."""
    signed = Agreement(PartialDate(2001, 5, 6), "Agreement", source="main")
    dataset = pair(tie(PartialDate(1994), agreements=(signed,)))
    _, calendar = parse(iter_ical_yearly(dataset, precision="month"))
    assert events(calendar) == []
    _, calendar = parse(iter_ical_yearly(dataset, precision="day", agreements=True))
    assert [e["DTSTART"].dt for e in events(calendar)] == [dt.date(2002, 5, 6)]
    _, calendar = parse(iter_ical_yearly(dataset, agreements=True))
    assert sorted(e["DTSTART"].dt for e in events(calendar)) == [
        dt.date(1995, 1, 1),
        dt.date(2002, 5, 6),
    ]


def test_yearly_refuses_an_unknown_precision() -> None:
    """A precision other than day, month or year raises the library's ArgumentError."""
    with pytest.raises(sistercities.ArgumentError, match="precision"):
        "".join(iter_ical_yearly(sistercities.dataset(), precision="week"))  # type: ignore[arg-type]


def test_shipped_yearly_calendar_has_one_event_per_dated_tie() -> None:
    """The shipped dataset's yearly calendar has one event per dated tie, with unique UIDs."""
    dataset = sistercities.dataset()
    _, calendar = parse(iter_ical_yearly(dataset, include_ended=True))
    dated = [r for r in dataset.relations() if r.established]
    uids = [str(event["UID"]) for event in events(calendar)]
    assert len(uids) == len(set(uids)) == len(dated)


def hostile_text(*, line_breaks: bool) -> st.SearchStrategy[str]:
    """Text mixing iCalendar syntax, line breaks and control characters with several scripts."""
    syntax = list(";:,\\\"'=\r\x1b\x00\x85\u2028\u2029") + ["\r\n", "\n", "\t"] * line_breaks
    words = ["BEGIN:VEVENT", "END:VCALENDAR", "UID:x", "北京", "Брюссель", "القاهرة", "ñ"]
    alphabet = st.sampled_from(syntax + words) | st.characters(codec="utf-8")
    return st.lists(alphabet, max_size=40).map("".join)


def city_names() -> st.SearchStrategy[str]:
    # City names must have a letter and no line feed, tab or surrounding whitespace.
    clean = hostile_text(line_breaks=False).map(lambda t: t.replace("\n", "").replace("\t", ""))
    return clean.map(lambda text: f"A{text}Z")


@given(city_names(), city_names(), hostile_text(line_breaks=True))
def test_no_name_can_add_a_line_or_property(first: str, second: str, title: str) -> None:
    """Names and titles with CR, LF, ;, :, "," or any script stay inside their own values."""
    signed = Agreement(PartialDate(2001, 3, 4), title or "untitled", source="main")
    relation = attrs.evolve(tie(PartialDate(2000, 2, 29), agreements=(signed,)), summary=title)
    dataset = pair(relation, first, second)
    found = dataset.anniversaries("2024", "2024", agreements=True)
    assert len(found) == 2
    _, calendar = parse(iter_ical(dataset, found, alarm_days=1))
    parsed = events(calendar)
    assert len(parsed) == len(found)
    for event, anniversary in zip(parsed, found, strict=True):
        assert set(event) == {
            "UID",
            "DTSTAMP",
            "DTSTART",
            "DTEND",
            "SUMMARY",
            "DESCRIPTION",
            "TRANSP",
        }
        assert str(event["SUMMARY"]) == as_parsed(anniversary.describe())
        assert as_parsed(title) in str(event["DESCRIPTION"])
        assert event["DTSTART"].dt == anniversary.date
        assert len(event.walk("VALARM")) == 1
    _, yearly = parse(iter_ical_yearly(dataset, agreements=True))
    assert len(events(yearly)) == 2


@given(datasets())
def test_uids_are_unique_and_the_same_in_every_export(dataset: Dataset) -> None:
    """For any dataset, UIDs are unique within a calendar and identical in a second export."""
    found = dataset.anniversaries("2020", "2024", precision="year", agreements=True)
    _, calendar = parse(iter_ical(dataset, found))
    uids = [str(event["UID"]) for event in events(calendar)]
    assert len(uids) == len(set(uids)) == len(found)
    _, again = parse(iter_ical(dataset, found))
    assert [str(event["UID"]) for event in events(again)] == uids
    _, yearly = parse(iter_ical_yearly(dataset, precision="year", agreements=True))
    yearly_uids = [str(event["UID"]) for event in events(yearly)]
    assert len(yearly_uids) == len(set(yearly_uids))
    assert all(re.search(r"\.yearly(-[0-9]+)?@sistercities$", uid) for uid in yearly_uids)


def test_yearly_milestones_recur_every_nth_year_or_on_the_chosen_years() -> None:
    """milestones=N gives an INTERVAL; a set gives the chosen days, silent ones left out."""
    changes = (
        StatusChange(PartialDate(2003, 1), StatusChangeKind.SUSPENDED, "frozen", SOURCE.key),
        StatusChange(PartialDate(2005, 1), StatusChangeKind.RESUMED, "thawed", SOURCE.key),
    )
    dataset = pair(tie(PartialDate(1994, 9, 22), status_changes=changes))
    (event,) = events(parse(iter_ical_yearly(dataset, milestones=5))[1])
    assert event["DTSTART"].dt == dt.date(1999, 9, 22)
    assert event["RRULE"]["INTERVAL"] == [5]
    assert [day.dt for day in event["EXDATE"].dts] == [dt.date(2004, 9, 22)]
    (event,) = events(parse(iter_ical_yearly(dataset, milestones={10, 20, 30}))[1])
    assert event["DTSTART"].dt == dt.date(2014, 9, 22)  # the 10th fell in the suspension
    assert [day.dt for day in event["RDATE"].dts] == [dt.date(2024, 9, 22)]
    assert "RRULE" not in event
    assert events(parse(iter_ical_yearly(dataset, milestones={10}))[1]) == []


def test_yearly_for_one_city_keeps_its_ties_only() -> None:
    """city= keeps the ties of that city, as in the search."""
    shipped = sistercities.dataset()
    _, calendar = parse(iter_ical_yearly(shipped, city="Brussels"))
    uids = {str(event["UID"]).split(".", 1)[0] for event in events(calendar)}
    assert uids == {r.id for r in shipped.relations_of("Brussels") if r.established}
