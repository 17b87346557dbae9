"""Public queries called with odd arguments of the types they declare.

Each answers or raises the library's own error; no other exception escapes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sistercities
from sistercities.strategies import partial_dates

NAMES = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["Tokyo", "北京", "beijing", "tokyo", "New York", "Paris", "ber", "Москва"]),
)
RELATION_IDS = st.one_of(
    st.text(max_size=20), st.sampled_from(["beijing--tokyo", "berlin--moscow", "tokyo--beijing"])
)
CITIES = st.one_of(NAMES, st.builds(sistercities.get_city, st.sampled_from(["Tokyo", "Berlin"])))
DATES = st.one_of(
    st.dates(),
    partial_dates(),
    st.integers(-5, 10_050),
    st.text(alphabet="0123456789-", max_size=11),
    st.text(max_size=5),
)
MILESTONES = st.one_of(
    st.none(), st.integers(-3, 60), st.frozensets(st.integers(-3, 60), max_size=4)
)
PRECISIONS = st.one_of(st.sampled_from(["day", "month", "year"]), st.text(max_size=6))
OPTIONS = st.fixed_dictionaries(
    {},
    optional={
        "city": st.one_of(st.none(), CITIES),
        "milestones": MILESTONES,
        "precision": PRECISIONS,
        "include_ended": st.booleans(),
        "include_suspended": st.booleans(),
        "agreements": st.booleans(),
    },
)
# Windows are kept to a few centuries, so that each call stays quick.
NEAR_DATES = st.one_of(st.dates(dt.date(1900, 1, 1), dt.date(2300, 12, 31)), DATES)

CALLS: dict[str, tuple[Callable[..., Any], st.SearchStrategy[tuple[Any, ...]]]] = {
    "get_city": (sistercities.get_city, st.tuples(NAMES)),
    "get_relation": (sistercities.get_relation, st.tuples(RELATION_IDS)),
    "network": (sistercities.network, st.tuples(CITIES)),
    "relations_of": (sistercities.relations_of, st.tuples(CITIES, st.booleans())),
    "partners": (sistercities.partners, st.tuples(CITIES, st.booleans())),
    "partner_of": (sistercities.partner_of, st.tuples(RELATION_IDS, CITIES)),
    "relations_since": (sistercities.relations_since, st.tuples(DATES)),
    "cities": (sistercities.cities, st.tuples(st.text(max_size=3), st.text(max_size=8))),
    "relations": (sistercities.relations, st.tuples(st.booleans(), st.text(max_size=8), DATES)),
    "anniversaries": (sistercities.anniversaries, st.tuples(NEAR_DATES, NEAR_DATES, OPTIONS)),
    "upcoming": (
        sistercities.upcoming,
        st.tuples(
            # Up to a century of days, and a few that reach past the calendar's end.
            st.one_of(st.integers(-2, 40_000), st.sampled_from([10**7, 2**40])),
            st.one_of(st.none(), st.dates()),
            OPTIONS,
        ),
    ),
    "PartialDate.parse": (sistercities.PartialDate.parse, st.tuples(st.text(max_size=12))),
}


def call(name: str, args: tuple[Any, ...]) -> object:
    function = CALLS[name][0]
    if name in ("relations_of", "partners"):
        return function(args[0], include_ended=args[1])
    if name == "cities":
        return function(country=args[0], kind=args[1])
    if name == "relations":
        return function(include_ended=args[0], kind=args[1], active_on=args[2])
    if name == "anniversaries":
        return function(args[0], args[1], **args[2])
    if name == "upcoming":
        return function(args[0], today=args[1], **args[2])
    return function(*args)


@pytest.mark.parametrize("name", sorted(CALLS))
def test_public_functions_raise_only_the_library_s_errors(name: str) -> None:
    @settings(max_examples=60, deadline=None)
    @given(CALLS[name][1])
    def check(args: tuple[Any, ...]) -> None:
        with contextlib.suppress(sistercities.SistercitiesError):
            call(name, args)

    check()
