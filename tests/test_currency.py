"""Current facts: every city's head of government and figures as they stood on the checked date.

The clock is the dataset's own ``checked`` date, not today, so that the suite stays
deterministic as time passes.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

import sistercities
from sistercities import City, Head, PartialDate

DATA = sistercities.dataset()
CITIES = DATA.cities()
assert DATA.info.checked is not None
CHECKED: dt.date = DATA.info.checked
#: A current head's latest supporting evidence may be at most this old on the checked date.
MAX_AGE_MONTHS = 24
#: How a note says how recent the latest confirmation is.
_SAYS_HOW_RECENT = re.compile(
    r"\b(latest|newest|most recent)\b|\bno (later|newer) source"
    r"|\bno source (later|after|newer|from)|\bnothing (after|newer|later)"
    r"|\bnone (from|newer|later)",
    re.IGNORECASE,
)
#: How a note says that nobody, or nobody known, holds the office on the checked date.
_SAYS_NOBODY = re.compile(r"\b(has no|not known|no current|unknown)\b", re.IGNORECASE)


def months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(year, month + 1, min(day.day, 28))


def evidence(city: City, term: Head) -> dt.date | None:
    """The newest date that shows the term running: a publication, the start or a re-election.

    A source that dates the start of a term, or a re-election, was published after it.
    """
    dates: list[PartialDate] = [*term.reelected]
    if term.since is not None:
        dates.append(term.since)
    confirmed = city.confirmed(term)
    if confirmed is not None:
        dates.append(confirmed)
    return max((date.earliest() for date in dates), default=None)


def explained(city: City, term: Head, pattern: re.Pattern[str]) -> bool:
    """Whether the term's note, or a city note naming the head, matches ``pattern``."""
    surname = term.name.split()[-1]
    texts = [term.note or "", *(note.text for note in city.notes if surname in note.text)]
    return any(pattern.search(text) for text in texts)


@pytest.mark.parametrize("city", CITIES, ids=lambda c: c.id)
def test_every_city_has_a_current_head_or_says_why_not(city: City) -> None:
    """A city has a head in office on the checked date, or a note says why none is recorded."""
    government = city.government
    if government is not None and government.head is not None:
        return
    assert any(_SAYS_NOBODY.search(note.text) for note in city.notes), [n.text for n in city.notes]


@pytest.mark.parametrize(
    "city",
    [c for c in CITIES if c.government is not None and c.government.head is not None],
    ids=lambda c: c.id,
)
def test_current_heads_are_confirmed_recently_or_say_how_recently(city: City) -> None:
    """A current head has evidence of the last 24 months, or a note says how old it is."""
    assert city.government is not None
    term = city.government.head
    assert term is not None
    newest = evidence(city, term)
    if newest is not None and newest >= months_before(CHECKED, MAX_AGE_MONTHS):
        return
    assert explained(city, term, _SAYS_HOW_RECENT), (term.name, newest)


@pytest.mark.parametrize("city", CITIES, ids=lambda c: c.id)
def test_heads_are_terms_in_order_and_the_head_is_the_one_running(city: City) -> None:
    """Every term cites a source, terms are oldest first, and `head` is the one in office."""
    if city.government is None:
        return
    heads = city.government.heads
    assert all(term.source for term in heads)
    starts = [term.since.earliest() for term in heads if term.since is not None]
    assert starts == sorted(starts)
    head = city.government.head
    if head is not None:
        assert head.until is None
        assert city.government.head_on(CHECKED) is head


@pytest.mark.parametrize("city", CITIES, ids=lambda c: c.id)
def test_every_figure_states_its_reference_date_and_scope(city: City) -> None:
    """Population and area say the date and territory they describe; differences are noted.

    A figure without a reference date has a note saying the source states none.
    """
    figures = [q for q in (city.population, city.area) if q is not None]
    for quantity in figures:
        assert quantity.scope is not None
        assert quantity.reference_date is not None or quantity.note
        if quantity.reference_date is not None:
            assert quantity.reference_date.earliest() <= CHECKED
    population, area = city.population, city.area
    if population is not None and area is not None and population.scope != area.scope:
        assert "differ" in (population.note or "") + (area.note or "")


def test_the_corrections_of_the_profile_pages_hold() -> None:
    """The errors copied from the Beijing profile pages are corrected, and the history is kept."""
    berlin = DATA.get_city("berlin").government
    assert berlin is not None
    mueller = next(term for term in berlin.heads if term.name == "Michael Müller")
    assert str(mueller.since) == "2014-12-11"
    new_york = DATA.get_city("new-york-city").government
    assert new_york is not None
    blasio = next(term for term in new_york.heads if term.name == "Bill de Blasio")
    assert blasio.until is not None
    assert blasio.until.earliest() <= dt.date(2022, 1, 1)
    assert new_york.head is not None
    assert new_york.head.name != "Bill de Blasio"
    assert "Olympic" not in (DATA.get_city("doha").summary or "")
