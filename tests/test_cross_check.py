"""The shipped dates checked against an independent list that the data uses only as a pointer.

Wikipedia's chronological list of Beijing's partner cities (read on the copy cited as
``wikipedia-list-mirror``) gives a day for each tie up to late 2006. It is not a reliable source,
so the data records its day only where nothing better exists (Islamabad) and otherwise cites it
in the notes. It is still an independent witness: a careless edit of a date would have to agree
with it by chance, and every disagreement must be one the notes already explain.
"""

from __future__ import annotations

import datetime as dt
import re
from importlib.resources import files

import pytest

import sistercities
from sistercities import Relation

DATA = sistercities.dataset()

LIST_DAYS = {
    "new-york-city": "1980-02-25",
    "belgrade": "1980-10-14",
    "lima": "1983-11-21",
    "washington-dc": "1984-05-15",
    "madrid": "1985-09-16",
    "rio-de-janeiro": "1986-11-24",
    "cologne": "1987-09-14",
    "ankara": "1990-06-20",
    "cairo": "1990-10-28",
    "jakarta": "1992-08-04",
    "islamabad": "1992-10-08",
    "bangkok": "1993-05-26",
    "buenos-aires": "1993-07-13",
    "seoul": "1993-10-23",
    "kyiv": "1993-12-13",
    "berlin": "1994-04-05",
    "brussels-capital-region": "1994-09-22",
    "hanoi": "1994-10-06",
    "amsterdam": "1994-10-29",
    "moscow": "1995-05-16",
    "paris": "1997-10-23",
    "rome": "1998-05-28",
    "ottawa": "1999-10-18",
    "australian-capital-territory": "2000-09-14",
    "athens": "2005-05-10",
    "budapest": "2005-06-16",
    "bucharest": "2005-06-21",
    "havana": "2005-09-04",
    "manila": "2005-11-14",
    "london": "2006-04-10",
    "addis-ababa": "2006-04-17",
    "wellington": "2006-04-10",
    "helsinki": "2006-07-14",
    "astana": "2006-11-16",
    "tel-aviv-yafo": "2006-11-21",
}
POINTER = "wikipedia-list-mirror"


def tie(partner: str) -> Relation:
    return next(r for r in DATA.relations_of(partner) if "beijing" in r.cities)


def agrees(relation: Relation, day: dt.date) -> bool:
    established = relation.established
    return established is not None and established.earliest() <= day <= established.latest()


def in_words(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def better_day(relation: Relation) -> bool:
    """Whether the tie is dated to the day by a source better than the list."""
    established = relation.established
    return (
        established is not None
        and established.precision.value == "day"
        and relation.established_source != POINTER
    )


@pytest.mark.parametrize("partner", sorted(LIST_DAYS))
def test_the_date_agrees_or_a_better_day_is_explained(partner: str) -> None:
    """Each tie's date contains the list's day, unless a better source gives another day.

    Such a disagreement must be written down: the notes name the list's day.
    """
    relation, day = tie(partner), dt.date.fromisoformat(LIST_DAYS[partner])
    if agrees(relation, day):
        return
    assert better_day(relation), "a month, a year or no date must contain the list's day"
    assert in_words(day) in written(relation)
    assert POINTER in {source.key for source in relation.sources}


@pytest.mark.parametrize("partner", sorted(LIST_DAYS))
def test_a_less_precise_date_cites_the_list_day_as_a_pointer(partner: str) -> None:
    """Where the data keeps only a month or year, the notes still give the list's day."""
    relation, day = tie(partner), dt.date.fromisoformat(LIST_DAYS[partner])
    imprecise = relation.established_source not in (None, POINTER) and not better_day(relation)
    if imprecise:
        assert f"gives {in_words(day)}" in written(relation)


def written(relation: Relation) -> str:
    """What a relation says in words: its notes, then its research record."""
    return " ".join([*(note.text for note in relation.notes), relation.research or ""])


def test_the_agreement_figures_in_the_notes_are_true() -> None:
    """Every count, in the notes or the reconciliation, of days the list gets right is true."""
    better = [r for r in map(tie, LIST_DAYS) if better_day(r)]
    agreeing = sum(
        agrees(r, dt.date.fromisoformat(LIST_DAYS[r.partner_of("beijing")])) for r in better
    )
    reconciliation = files("sistercities.data").joinpath("RECONCILIATION.md").read_text("utf-8")
    texts = [reconciliation, *(written(r) for r in DATA.relations())]
    claims = {
        (int(m[1]), int(m[2]))
        for text in texts
        for m in re.finditer(r"\b(\d+) of the (\d+)\b[^.]*(?:day|better sources)", text)
    }
    assert claims == {(agreeing, len(better))}
