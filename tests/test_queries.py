from __future__ import annotations

import calendar
import datetime as dt
import unicodedata
from collections import Counter
from collections.abc import Callable

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import sistercities
from sistercities import (
    AmbiguousCityError,
    City,
    CityNotFoundError,
    Dataset,
    PartialDate,
    Precision,
    Relation,
    RelationKind,
    Source,
    StatusChange,
    StatusChangeKind,
    TieStatus,
)
from sistercities.names import normalize_name, short_form
from sistercities.strategies import datasets, partial_dates

SOURCE = Source("main", "https://example.org/", "Example", "Example", dt.date(2024, 1, 1))
WINDOW_DAYS = st.integers(0, 800)
START = st.dates(dt.date(1950, 1, 1), dt.date(2060, 12, 31))


def city(city_id: str, name: str, country: str = "BE", aliases: tuple[str, ...] = ()) -> City:
    return City(city_id, name, country, "city", (SOURCE,), aliases=aliases)


def tie(a: str, b: str, established: str | None, ended: str | None = None) -> Relation:
    return Relation(
        f"{a}--{b}",
        (a, b),
        RelationKind.SISTER_CITY,
        (SOURCE,),
        attested_by=(SOURCE.key,),
        established=None if established is None else PartialDate.parse(established),
        established_source=None if established is None else SOURCE.key,
        status_changes=()
        if ended is None
        else (StatusChange(PartialDate.parse(ended), StatusChangeKind.ENDED, "test", SOURCE.key),),
    )


@given(datasets(), partial_dates(), partial_dates())
def test_relations_since_is_monotonic(dataset: Dataset, a: PartialDate, b: PartialDate) -> None:
    """A later cut-off never returns a tie that an earlier cut-off leaves out."""
    early, late = sorted([a, b])
    assert set(dataset.relations_since(late)) <= set(dataset.relations_since(early))


@given(datasets(), partial_dates())
def test_relations_since_is_sorted_and_complete(dataset: Dataset, cutoff: PartialDate) -> None:
    """relations_since returns, oldest first, exactly the ties whose first day is on or after."""
    found = dataset.relations_since(cutoff)
    dates = [r.established for r in found]
    assert dates == sorted(dates)  # type: ignore[type-var]
    expected = {
        r
        for r in dataset.relations()
        if r.established and r.established.earliest() >= cutoff.earliest()
    }
    assert set(found) == expected


@given(datasets(), partial_dates())
def test_relations_since_per_city_is_a_subset(dataset: Dataset, cutoff: PartialDate) -> None:
    """Filtering by a city keeps exactly that city's ties among all those found."""
    city = dataset.cities()[0]
    found = dataset.relations_since(cutoff, city=city)
    assert set(found) == {r for r in dataset.relations_since(cutoff) if city.id in r.cities}


@given(datasets(), START, WINDOW_DAYS, st.sampled_from(["day", "month", "year"]))
def test_anniversaries_fall_in_the_window_with_the_right_count(
    dataset: Dataset, start: dt.date, days: int, precision: str
) -> None:
    """Every anniversary lies in the window, counts whole years and is sorted by date."""
    end = start + dt.timedelta(days=days)
    found = dataset.anniversaries(start, end, precision=precision, include_ended=True)  # type: ignore[arg-type]
    assert [a.date for a in found] == sorted(a.date for a in found)
    for anniversary in found:
        assert start <= anniversary.date <= end
        assert anniversary.years == anniversary.date.year - anniversary.commemorated.year >= 1
        assert anniversary.date.month == (anniversary.commemorated.month or 1)


@given(datasets(), START, WINDOW_DAYS, WINDOW_DAYS)
def test_anniversaries_grow_with_the_window(
    dataset: Dataset, start: dt.date, days: int, more: int
) -> None:
    """Widening the window never loses an anniversary."""
    small = dataset.anniversaries(start, start + dt.timedelta(days=days))
    large = dataset.anniversaries(start, start + dt.timedelta(days=days + more))
    assert set(small) <= set(large)


@given(datasets(), START, st.integers(0, 1200), st.integers(1, 400))
def test_windows_split_anywhere_add_up(
    dataset: Dataset, start: dt.date, days: int, split: int
) -> None:
    """Two adjoining windows give together what the whole window gives: nothing lost or doubled."""
    end = start + dt.timedelta(days=days)
    middle = min(start + dt.timedelta(days=split), end)
    whole = dataset.anniversaries(start, end, agreements=True)
    first = dataset.anniversaries(start, middle, agreements=True)
    second = (
        dataset.anniversaries(middle + dt.timedelta(days=1), end, agreements=True)
        if middle < end
        else []
    )
    assert first + second == whole


@given(st.integers(1950, 2020), st.integers(1, 60))
def test_leap_day_ties_have_exactly_one_anniversary_a_year(founded: int, after: int) -> None:
    """A tie founded on 29 February has one anniversary every year: 28 February in common years."""
    assume(calendar.isleap(founded))
    dataset = Dataset([city("a", "A"), city("b", "B")], [tie("a", "b", f"{founded}-02-29")])
    year = founded + after
    found = dataset.anniversaries(dt.date(year, 1, 1), dt.date(year, 12, 31))
    assert len(found) == 1
    expected = dt.date(year, 2, 29) if calendar.isleap(year) else dt.date(year, 2, 28)
    assert found[0].date == expected
    assert found[0].years == after


@given(datasets(), START, WINDOW_DAYS)
def test_ended_ties_have_no_anniversaries_after_their_end(
    dataset: Dataset, start: dt.date, days: int
) -> None:
    """Unless asked for, no anniversary of an ended tie falls on or after the day it ended."""
    end = start + dt.timedelta(days=days)
    for anniversary in dataset.anniversaries(start, end, precision="year"):
        ended = anniversary.relation.ended
        assert ended is None or anniversary.date < ended.date.earliest()


@given(datasets(), START, WINDOW_DAYS)
def test_anniversaries_fall_only_while_a_tie_is_active(
    dataset: Dataset, start: dt.date, days: int
) -> None:
    """By default anniversaries fall only on days their ties are active.

    Asking for suspended or ended ties only adds anniversaries, each on a day the tie had that
    standing. (An agreement older than the tie has anniversaries before the tie began.)
    """
    end = start + dt.timedelta(days=days)
    default = dataset.anniversaries(start, end, precision="year", agreements=True)
    assert all(a.relation.status_on(a.date) in (TieStatus.ACTIVE, None) for a in default)
    wider = dataset.anniversaries(
        start, end, precision="year", agreements=True, include_suspended=True, include_ended=True
    )
    assert set(default) <= set(wider)
    for anniversary in set(wider) - set(default):
        status = anniversary.relation.status_on(anniversary.date)
        assert status in (TieStatus.SUSPENDED, TieStatus.ENDED)


@given(datasets(), partial_dates())
def test_status_on_follows_the_changes(dataset: Dataset, day: PartialDate) -> None:
    """The status on a day is that of the last change on or before it, active before any."""
    for relation in dataset.relations():
        status = relation.status_on(day)
        if relation.established is not None and day.earliest() < relation.established.earliest():
            assert status is None
            continue
        passed = [c for c in relation.status_changes if c.date.earliest() <= day.earliest()]
        assert status is (passed[-1].status.result if passed else TieStatus.ACTIVE)
        if relation.ended is not None and day.earliest() >= relation.ended.date.earliest():
            assert status is TieStatus.ENDED


def test_partial_dates_follow_the_documented_rule() -> None:
    """Month-known ties fall on the 1st and year-known ties on 1 January, unless left out."""
    dataset = Dataset(
        [city("a", "A"), city("b", "B"), city("c", "C")],
        [tie("a", "b", "1994-10"), tie("a", "c", "1994")],
    )
    assert dataset.anniversaries("2024", "2024", precision="day") == []
    assert dataset.anniversaries("2024", "2024") == dataset.anniversaries(
        "2024", "2024", precision="year"
    )
    by_month = dataset.anniversaries("2024", "2024", precision="month")
    assert [(a.relation.id, a.date, a.precision) for a in by_month] == [
        ("a--b", dt.date(2024, 10, 1), Precision.MONTH)
    ]
    by_year = dataset.anniversaries("2024", "2024", precision="year")
    assert [(a.relation.id, a.date) for a in by_year] == [
        ("a--c", dt.date(2024, 1, 1)),
        ("a--b", dt.date(2024, 10, 1)),
    ]
    assert dataset.relations_since("1994-10-15") == ()
    assert [r.id for r in dataset.relations_since("1994-10")] == ["a--b"]


def test_ended_ties_on_request() -> None:
    """include_ended gives the anniversaries an ended tie would have had."""
    dataset = Dataset(
        [city("a", "A"), city("b", "B")], [tie("a", "b", "2016-03-29", ended="2019-10-09")]
    )
    assert [a.years for a in dataset.anniversaries("2017", "2022")] == [1, 2, 3]
    assert [a.years for a in dataset.anniversaries("2017", "2022", include_ended=True)] == [
        1,
        2,
        3,
        4,
        5,
        6,
    ]


def test_milestones_select_years() -> None:
    """An int keeps every Nth year; a collection keeps exactly the years it names."""
    dataset = Dataset([city("a", "A"), city("b", "B")], [tie("a", "b", "1990-05-01")])
    every_ten = dataset.anniversaries("1990", "2040", milestones=10)
    assert [a.years for a in every_ten] == [10, 20, 30, 40, 50]
    chosen = dataset.anniversaries("1990", "2040", milestones={25, 30})
    assert [a.years for a in chosen] == [25, 30]
    assert all(a.is_milestone for a in every_ten)
    with pytest.raises(ValueError, match="milestones"):
        dataset.anniversaries("1990", "2040", milestones=0)


def found_or_candidates(dataset: Dataset, name: str) -> tuple[City, ...]:
    try:
        return (dataset.get_city(name),)
    except AmbiguousCityError as error:
        return error.candidates


@given(datasets())
def test_every_name_finds_its_city(dataset: Dataset) -> None:
    """Every id, name, alias and former name finds its city, or names it among the candidates.

    An exact id wins over names, so a name spelled like another city's id is left out.
    """
    ids = {city.id for city in dataset.cities()}
    for city in dataset.cities():
        assert dataset.get_city(city.id) is city
        for name in city.all_names():
            for variant in {name, name.upper(), f"  {name.lower()}  "} - ids:
                assert city in found_or_candidates(dataset, variant)


@given(datasets())
def test_lookups_of_a_city_record_return_the_stored_one(dataset: Dataset) -> None:
    """Passing a City gives the dataset's own record with that id."""
    for city in dataset.cities():
        assert dataset.get_city(city) is city
        for relation in dataset.relations_of(city):
            assert city.id in relation.cities


@given(datasets())
def test_partners_are_the_other_side_of_each_tie(dataset: Dataset) -> None:
    """partners() lists, once each, the cities on the other side of a city's ties."""
    for city in dataset.cities():
        partners = dataset.partners(city)
        assert len(set(partners)) == len(partners)
        expected = {r.partner_of(city.id) for r in dataset.relations_of(city)}
        assert {p.id for p in partners} == expected


def test_unknown_name_suggests_close_matches() -> None:
    """An unknown name raises CityNotFoundError, a LookupError, with close names suggested."""
    dataset = Dataset([city("brussels", "Brussels"), city("bruges", "Bruges")], [])
    with pytest.raises(LookupError) as caught:
        dataset.get_city("Brusels")
    assert isinstance(caught.value, CityNotFoundError)
    assert "Brussels" in caught.value.suggestions
    assert "did you mean 'Brussels'" in str(caught.value)


def test_ambiguous_name_lists_the_candidates() -> None:
    """A name shared by two cities raises AmbiguousCityError listing both."""
    dataset = Dataset(
        [city("san-jose-cr", "San José", "CR"), city("san-jose-us", "San Jose", "US")], []
    )
    with pytest.raises(AmbiguousCityError) as caught:
        dataset.get_city("san jose")
    assert {c.id for c in caught.value.candidates} == {"san-jose-cr", "san-jose-us"}
    assert "san-jose-cr" in str(caught.value)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Brussels-Capital Region", "brussels capital region"),
        ("BRUXELLES", "bruxelles"),
        ("Île-de-France", "ile de france"),
        ("São Paulo", "sao paulo"),
        ("Tel Aviv–Yafo", "tel aviv yafo"),
        ("Washington, D.C.", "washington d c"),
        ("北京市", "北京市"),
        ("Straße", "strasse"),
    ],
)
def test_normalisation(name: str, key: str) -> None:
    """Case, accents, width and punctuation are folded away; other scripts are kept."""
    assert normalize_name(name) == key


@given(st.text())
def test_normalisation_is_idempotent(name: str) -> None:
    """Normalising a key again changes nothing."""
    key = normalize_name(name)
    assert normalize_name(key) == key


def general_normalisation(name: str) -> str:
    """The rule of normalize_name, written out character by character."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", name).casefold())
    kept = "".join(
        char if unicodedata.category(char)[0] in "LN" else " "
        for char in decomposed
        if unicodedata.category(char)[0] != "M"
    )
    return unicodedata.normalize("NFC", " ".join(kept.split()))


@given(st.text() | st.text(st.sampled_from("aeiouAEIOU -,.'̧̀́̈ͯÉéÀüßıİŉǅ")))
def test_normalisation_follows_its_rule_on_every_path(name: str) -> None:
    """The shortcuts for ASCII and accented Latin names give what the general rule gives."""
    assert normalize_name(name) == general_normalisation(name)


def test_window_that_ends_before_it_starts_is_refused() -> None:
    """A window whose end precedes its start raises ValueError."""
    dataset = Dataset([city("a", "A"), city("b", "B")], [])
    with pytest.raises(ValueError, match="before it starts"):
        dataset.anniversaries("2024-02-01", "2024-01-01")


def test_counter_of_relations_matches_length() -> None:
    """len() of a dataset counts its relations and iterating yields each once."""
    dataset = Dataset(
        [city("a", "A"), city("b", "B"), city("c", "C")],
        [tie("a", "b", "1994"), tie("a", "c", None)],
    )
    assert len(dataset) == 2
    assert Counter(dataset) == Counter(dataset.relations())


def test_a_year_as_an_int_is_a_date() -> None:
    """An ``int`` year is accepted wherever a date is, and means the same as its ISO string."""
    data = sistercities.dataset()
    assert data.relations_since(2016) == data.relations_since("2016")
    assert data.anniversaries(2024, 2024) == data.anniversaries("2024", "2024")
    assert data.get_relation("berlin--moscow").status_on(2023) is TieStatus.SUSPENDED
    with pytest.raises(TypeError, match="datetime"):
        data.relations_since(dt.datetime(2016, 1, 1, tzinfo=dt.UTC))


def test_membership_by_id_name_record_or_relation() -> None:
    """``in`` finds a city by id, any name or record, and a relation the dataset holds."""
    data = sistercities.dataset()
    assert "tokyo" in data
    assert "Tokio" in data
    assert "Atlantis" not in data
    assert data.get_city("berlin") in data
    assert data.get_relation("tokyo--berlin") in data
    assert 42 not in data


@given(datasets(), partial_dates())
def test_relations_active_on_a_day_are_those_with_that_status(
    dataset: Dataset, day: PartialDate
) -> None:
    """`active_on` keeps exactly the dated ties whose status on that day is active."""
    expected = [
        r for r in dataset.relations() if r.established and r.status_on(day) is TieStatus.ACTIVE
    ]
    assert list(dataset.relations(active_on=day)) == expected


def test_filters_on_cities_and_relations() -> None:
    """Cities filter by country and kind, relations by kind and the day they were active."""
    data = sistercities.dataset()
    assert {c.id for c in data.cities(kind="state")} == {"new-south-wales", "sao-paulo-state"}
    assert all(c.country == "JP" for c in data.cities(country="JP"))
    assert data.relations(kind="friendship-city") == tuple(
        r for r in data.relations() if r.kind == "friendship-city"
    )
    in_2023 = {r.id for r in data.relations(active_on=2023)}
    assert "berlin--kyiv" not in in_2023
    assert "berlin--kyiv" in {r.id for r in data.relations(active_on=2024)}
    assert "tokyo--moscow" not in in_2023
    assert "beijing--prague" not in in_2023


@pytest.mark.parametrize(
    ("typed", "city_id"),
    [("北京", "beijing"), ("东京", "tokyo"), ("東京", "tokyo"), ("서울", "seoul")],
)
def test_short_forms_without_an_administrative_suffix_find_their_city(
    typed: str, city_id: str
) -> None:
    """北京 finds 北京市, 东京 finds 东京都: one administrative suffix may be left out."""
    assert sistercities.get_city(typed).id == city_id
    assert typed in sistercities.dataset()


@given(datasets())
def test_every_short_form_finds_its_city_unless_a_full_name_wins(dataset: Dataset) -> None:
    """A name's short form finds its city, the cities sharing it, or the city whose full name it is.

    Full names always come first; several cities with the same short form are ambiguous.
    """
    for city in dataset.cities():
        for name in city.all_names():
            short = short_form(name)
            if short is None:
                continue
            candidates = _candidates(dataset, short)
            if len(candidates) > 1:
                assert city in candidates
                continue
            (found,) = candidates
            if found != city:
                full = {normalize_name(n) for n in (found.id, *found.all_names())}
                assert normalize_name(short) in full


def test_a_miss_still_suggests_close_names() -> None:
    """A misspelt name in any script is a miss with suggestions, short forms included."""
    with pytest.raises(CityNotFoundError) as caught:
        sistercities.get_city("Tokio Metropolis")
    assert "Tokyo Metropolis" in caught.value.suggestions


def _candidates(dataset: Dataset, name: str) -> tuple[City, ...]:
    try:
        return (dataset.get_city(name),)
    except AmbiguousCityError as error:
        return error.candidates


def test_windows_past_the_calendar_s_end_get_the_library_s_error() -> None:
    """A window reaching past 9999-12-31 raises DateOutOfRangeError, not OverflowError."""
    data = sistercities.dataset()
    with pytest.raises(sistercities.DateOutOfRangeError, match="9999-12-31"):
        data.upcoming(10**7, today=dt.date(2026, 1, 1))
    with pytest.raises(sistercities.DateOutOfRangeError):
        data.upcoming(365, today=dt.date(9999, 12, 1))
    assert isinstance(data.upcoming(31, today=dt.date(9999, 12, 1)), list)


def test_partner_of_takes_a_city_or_an_id_and_gives_the_city() -> None:
    """`partner_of` resolves any name of either party and returns the other party's record."""
    tie = sistercities.get_relation("beijing--tokyo")
    beijing = sistercities.get_city("beijing")
    assert sistercities.partner_of(tie, beijing) is sistercities.get_city("tokyo")
    assert sistercities.partner_of("beijing--tokyo", "東京都").id == "beijing"
    assert tie.partner_of(beijing) == tie.partner_of("beijing") == "tokyo"
    with pytest.raises(sistercities.ArgumentError, match="not a party"):
        sistercities.partner_of(tie, "Berlin")


@given(datasets())
def test_the_sort_key_puts_undated_ties_last_in_date_order(dataset: Dataset) -> None:
    """Sorted by `sort_key`, dated ties come first, in PartialDate order, then undated ones."""
    ordered = sorted(dataset.relations(), key=Relation.sort_key)
    dated = [r.established for r in ordered if r.established is not None]
    assert dated == sorted(dated)
    undated_from = next((i for i, r in enumerate(ordered) if r.established is None), len(ordered))
    assert all(r.established is None for r in ordered[undated_from:])
    for city in dataset.cities():
        mine = [r for r in ordered if city.id in r.cities]
        assert list(dataset.relations_of(city)) == mine


@pytest.mark.parametrize(
    "query",
    [lambda: sistercities.cities(kind="megacity"), lambda: sistercities.relations(kind="twin")],
)
def test_an_unknown_kind_is_an_error_not_an_empty_answer(query: Callable[[], object]) -> None:
    """A kind that does not exist is refused with the kinds that do."""
    with pytest.raises(sistercities.ArgumentError, match="must be one of"):
        query()
