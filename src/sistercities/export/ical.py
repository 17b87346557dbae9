"""iCalendar (RFC 5545) reminders of anniversaries, written by hand with no dependency.

Output is reproducible: the same data gives the same bytes. Each event's UID is built from the
relation's id, what is commemorated (the founding or an agreement) and the year, or ``yearly``
for a recurring event, so a calendar app that imports a newer export updates its events rather
than duplicating them. DTSTAMP is the day the data was checked
(:attr:`~sistercities.DatasetInfo.checked`), not the time of the export.

Every text from the data is escaped as an RFC 5545 TEXT value (backslash, semicolon, comma and
line breaks), other control characters are dropped, and lines are folded at 75 octets without
splitting a UTF-8 character, so no name can end a line early or add a property. Lines end in
CRLF: write them to a stream opened with ``newline=""`` and ``encoding="utf-8"``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Iterator
from typing import Final, Unpack

from sistercities.anniversary import (
    Anniversary,
    AnniversaryOptions,
    Selection,
    Span,
    anniversary_in,
    commemoration,
    ordinal,
    yearly_title,
)
from sistercities.dataset import Dataset
from sistercities.errors import ArgumentError
from sistercities.partialdate import PartialDate, Precision
from sistercities.records import Agreement, City, Relation

__all__ = ["PRODID", "iter_ical", "iter_ical_yearly"]

#: The product identifier of the calendars written here.
PRODID: Final = "-//sistercities//Sister-city anniversaries//EN"

_FOLD_AT: Final = 75
# Every sequence that str.splitlines() (and so many parsers) takes for a line break.
_BREAKS: Final = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# Control characters other than tab, which RFC 5545 allows in no value.
_CONTROLS: Final = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")
_UID_DOMAIN: Final = "sistercities"
_ONE_DAY: Final = dt.timedelta(days=1)
_TRANSPARENT_END: Final = ("TRANSP:TRANSPARENT\r\n", "END:VEVENT\r\n")


def iter_ical(
    dataset: Dataset, anniversaries: Iterable[Anniversary], *, alarm_days: int | None = None
) -> Iterator[str]:
    r"""A calendar with one all-day event per anniversary, as CRLF-ended lines.

    :param dataset: the dataset the anniversaries come from; it gives the DTSTAMP.
    :param anniversaries: for example the result of :meth:`~sistercities.Dataset.anniversaries`.
    :param alarm_days: add a reminder this many days before each event.

    >>> import datetime as dt
    >>> from sistercities import dataset
    >>> found = dataset().anniversaries(dt.date(2024, 9, 22), dt.date(2024, 9, 22))
    >>> [line for line in iter_ical(dataset(), found) if line.startswith("UID")]
    ['UID:beijing--brussels-capital-region.established.2024@sistercities\r\n']
    """
    stamp = _stamp_line(dataset)
    alarm = _trigger(alarm_days)
    uids: dict[str, int] = {}
    # What an event shares with the other years of the same tie or agreement, made once; and
    # the date lines, which the events of one day share.
    shared: dict[tuple[str, Agreement | None], tuple[str, str, str]] = {}
    days: dict[dt.date, tuple[str, str]] = {}
    yield from _calendar_start()
    for anniversary in anniversaries:
        relation, agreement, day = anniversary.relation, anniversary.agreement, anniversary.date
        key = (relation.id, agreement)
        known = shared.get(key)
        if known is None:
            cities = anniversary.cities
            known = shared[key] = (
                _subject_id(relation, agreement),
                commemoration(cities, relation, agreement),
                _text_line("DESCRIPTION", _description(cities, relation, agreement)),
            )
        subject, words, description_line = known
        dates = days.get(day)
        if dates is None:
            dates = days[day] = _date_lines(day)
        summary = f"{ordinal(anniversary.years)} {words}"  # as Anniversary.describe() gives it
        yield "BEGIN:VEVENT\r\n"
        yield _uid_line(uids, f"{subject}.{day.year}")
        yield stamp
        yield from dates
        yield _text_line("SUMMARY", summary)
        yield description_line
        yield from _event_end(alarm, summary)
    yield _line("END:VCALENDAR")


def iter_ical_yearly(
    dataset: Dataset,
    relations: Iterable[Relation] | None = None,
    *,
    alarm_days: int | None = None,
    **options: Unpack[AnniversaryOptions],
) -> Iterator[str]:
    """A calendar with one recurring event per dated tie, as CRLF-ended lines.

    Each event recurs on the days that :meth:`~sistercities.Dataset.anniversaries` gives for the
    same options, from the tie's first anniversary on: every year (the last day of February for
    a tie of 29 February, the first of the month for a tie known only to the month), every Nth
    year for ``milestones=N``, or on the chosen years only for a set of milestones. The
    recurrence follows the same :func:`~sistercities.anniversary.silent_spans`: an ended tie's
    event stops before the day it ended unless ``include_ended`` is set, a suspended one's
    before the day it was suspended unless ``include_suspended`` is set, and the years a tie
    spent suspended before it resumed are left out. ``relations`` defaults to every relation of
    ``dataset`` (or of ``city``).
    """
    selection = Selection(**options)
    if selection.city is not None:
        city_id = dataset.get_city(selection.city).id
        chosen = dataset.relations() if relations is None else relations
        relations = [relation for relation in chosen if city_id in relation.cities]
    stamp = _stamp_line(dataset)
    alarm = _trigger(alarm_days)
    uids: dict[str, int] = {}
    yield from _calendar_start()
    for relation in dataset.relations() if relations is None else relations:
        cities = (dataset.get_city(relation.cities[0]), dataset.get_city(relation.cities[1]))
        for when, agreement in _subjects(relation, agreements=selection.agreements):
            if not selection.admits(when):
                continue
            recurrence = _recurrence(when, selection.milestones, selection.spans(relation))
            if recurrence is None:
                continue
            first, rules = recurrence
            summary = yearly_title(cities, relation, agreement)
            yield "BEGIN:VEVENT\r\n"
            yield _uid_line(uids, f"{_subject_id(relation, agreement)}.yearly")
            yield stamp
            yield from _date_lines(first)
            yield from rules
            yield _text_line("SUMMARY", summary)
            yield _text_line("DESCRIPTION", _description(cities, relation, agreement))
            yield from _event_end(alarm, summary)
    yield _line("END:VCALENDAR")


def _calendar_start() -> Iterator[str]:
    yield _line("BEGIN:VCALENDAR")
    yield _line("VERSION:2.0")
    yield _text_line("PRODID", PRODID)
    yield _line("CALSCALE:GREGORIAN")
    # No METHOD: libical-based clients (Evolution) flag PUBLISH without an ORGANIZER, and a
    # file to import needs no method at all (RFC 5545 section 3.7.2).
    yield _text_line("X-WR-CALNAME", "Sister-city anniversaries")


def _event_end(alarm: str | None, summary: str) -> tuple[str, ...]:
    # A reminder is not a meeting: it must not show the day as busy.
    if alarm is None:
        return _TRANSPARENT_END
    return (
        "TRANSP:TRANSPARENT\r\n",
        "BEGIN:VALARM\r\nACTION:DISPLAY\r\n",
        _text_line("DESCRIPTION", summary),
        f"TRIGGER:{alarm}\r\nEND:VALARM\r\n",
        "END:VEVENT\r\n",
    )


def _date_lines(day: dt.date) -> tuple[str, str]:
    """An all-day event's DTSTART and DTEND lines."""
    return (
        f"DTSTART;VALUE=DATE:{_compact(day)}\r\n",
        f"DTEND;VALUE=DATE:{_compact(day + _ONE_DAY)}\r\n",
    )


def _compact(day: dt.date) -> str:
    # isoformat pads the year to four digits too, and is the quickest way to these digits.
    return day.isoformat().replace("-", "")


def _stamp_line(dataset: Dataset) -> str:
    return f"DTSTAMP:{_compact(_stamp(dataset))}T000000Z\r\n"


def _stamp(dataset: Dataset) -> dt.date:
    if dataset.info.checked is not None:
        return dataset.info.checked
    # Without a checked date, the newest access date of any source is the next stable choice.
    records: tuple[City | Relation, ...] = (*dataset.cities(), *dataset.relations())
    accessed = (source.accessed for record in records for source in record.sources)
    return max(accessed, default=dt.date(1970, 1, 1))


def _trigger(alarm_days: int | None) -> str | None:
    if alarm_days is None:
        return None
    if isinstance(alarm_days, bool) or not isinstance(alarm_days, int) or alarm_days < 0:
        msg = f"alarm_days must be a whole number >= 0, found {alarm_days!r}"
        raise ArgumentError(msg)
    return f"-P{alarm_days}D" if alarm_days else "PT0S"


def _subjects(
    relation: Relation, *, agreements: bool
) -> Iterator[tuple[PartialDate, Agreement | None]]:
    if relation.established is not None:
        yield relation.established, None
    if agreements:
        for agreement in relation.agreements:
            yield agreement.date, agreement


def _recurrence(
    when: PartialDate, milestones: int | frozenset[int] | None, spans: list[Span]
) -> tuple[dt.date, list[str]] | None:
    """The first day and the recurrence lines of an event; ``None`` when it never falls."""
    # An open span stops the recurrence; the others become exceptions to it.
    until = spans.pop().first - _ONE_DAY if spans and spans[-1].last is None else None
    if isinstance(milestones, frozenset):
        # Chosen years only: the days themselves, with those that fall silent left out.
        days = [
            anniversary_in(when, when.year + years)
            for years in sorted(milestones)
            if when.year + years <= dt.MAXYEAR
        ]
        days = [
            day
            for day in days
            if (until is None or day <= until) and not any(span.holds(day) for span in spans)
        ]
        if not days:
            return None
        later = [_line(f"RDATE;VALUE=DATE:{','.join(map(_compact, days[1:]))}")] if days[1:] else []
        return days[0], later
    every = milestones or 1
    if when.year + every > dt.MAXYEAR:
        return None
    first = anniversary_in(when, when.year + every)
    if until is not None and until < first:
        return None
    return first, [_line(_rule(when, until, every)), *_exceptions(when, first, spans, every)]


def _exceptions(when: PartialDate, first: dt.date, spans: list[Span], every: int) -> list[str]:
    closed = [(span.first, span.last) for span in spans if span.last is not None]
    days = [
        anniversary_in(when, year)
        for begin, end in closed
        for year in range(max(begin.year, first.year), end.year + 1)
        if (year - when.year) % every == 0
    ]
    return [
        f"EXDATE;VALUE=DATE:{_compact(day)}\r\n"
        for day in days
        if first <= day and any(begin <= day <= end for begin, end in closed)
    ]


def _rule(when: PartialDate, until: dt.date | None, every: int) -> str:
    rule = "RRULE:FREQ=YEARLY"
    if every > 1:
        rule += f";INTERVAL={every}"
    if (when.month, when.day) == (2, 29):
        # A plain yearly rule on 29 February fires only in leap years.
        rule += ";BYMONTH=2;BYMONTHDAY=-1"
    if until is not None:
        rule += f";UNTIL={until:%Y%m%d}"
    return rule


def _subject_id(relation: Relation, agreement: Agreement | None) -> str:
    """The first part of a UID: the tie, and what of it is commemorated."""
    if agreement is None:
        return f"{relation.id}.established"
    digest = hashlib.sha256(agreement.title.encode()).hexdigest()[:8]
    return f"{relation.id}.agreement-{agreement.date}-{digest}"


def _uid_line(seen: dict[str, int], uid: str) -> str:
    count = seen[uid] = seen.get(uid, 0) + 1
    # Two identical agreements of one tie would share a UID; number the repeats.
    if count > 1:
        uid += f"-{count}"
    # Relation ids are slugs, dates digits and digests hex: a UID has nothing to escape.
    return _line(f"UID:{uid}@{_UID_DOMAIN}")


def _description(cities: tuple[City, City], relation: Relation, agreement: Agreement | None) -> str:
    first, second = cities
    when = relation.established
    lines = [
        (
            f"{first.name} ({first.country}) and {second.name} ({second.country}): "
            f"{relation.kind.value} tie established {when or 'on an unknown date'}."
        )
    ]
    if agreement is not None:
        lines.append(f"Agreement signed {agreement.date}: {agreement.title}.")
        if agreement.summary:
            lines.append(agreement.summary)
    elif relation.summary:
        lines.append(relation.summary)
    commemorated = agreement.date if agreement is not None else when
    if commemorated is not None and commemorated.precision is not Precision.DAY:
        lines.append(
            f"The date is known only to the {commemorated.precision.value}; "
            "the reminder falls on its first day."
        )
    lines += [f"The tie was {c.status.value} on {c.date}." for c in relation.status_changes]
    if relation.sources:
        lines.append(f"Source: {relation.sources[0].url}")
    return "\n".join(lines)


def _escape(value: str) -> str:
    # Substring tests and isprintable() run in C; most texts need one or two of them only.
    if "\\" in value:
        value = value.replace("\\", "\\\\")
    if ";" in value:
        value = value.replace(";", "\\;")
    if "," in value:
        value = value.replace(",", "\\,")
    if value.isprintable():  # no line break, no control character
        return value
    if "\n" in value:
        value = value.replace("\r\n", "\n").replace("\n", "\\n")
        if value.isprintable():  # the rest mostly have plain line feeds only
            return value
    return _CONTROLS.sub("", _BREAKS.sub("\\\\n", value))


def _text_line(name: str, value: str) -> str:
    return _line(f"{name}:{_escape(value)}")


def _line(content: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character, and end it in CRLF."""
    if content.isascii():  # most lines: one octet a character, so slices are safe cuts
        if len(content) <= _FOLD_AT:
            return content + "\r\n"
        rest = range(_FOLD_AT, len(content), _FOLD_AT - 1)
        return (
            "\r\n ".join([content[:_FOLD_AT], *(content[i : i + _FOLD_AT - 1] for i in rest)])
            + "\r\n"
        )
    data = content.encode()
    if len(data) <= _FOLD_AT:
        return content + "\r\n"
    chunks: list[bytes] = []
    start, limit = 0, _FOLD_AT
    while len(data) - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:  # a continuation byte: back up to the character's start
            cut -= 1
        chunks.append(data[start:cut])
        start, limit = cut, _FOLD_AT - 1  # continuation lines start with a space, which counts
    chunks.append(data[start:])
    return b"\r\n ".join(chunks).decode() + "\r\n"
