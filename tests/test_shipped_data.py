"""Integrity of the shipped data: the checks a careless edit of data/ would fail."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from importlib.resources import files

import pycountry
import pytest

import sistercities
from sistercities import City, Relation
from sistercities.names import normalize_name

DATA = sistercities.dataset()
BEIJING_TIES = DATA.relations_of("beijing")

# Rough continental boxes (south, north, west, east) and the continent of each country in the data.
CONTINENTS = {
    "europe": (34.0, 72.0, -25.0, 60.0),
    "asia": (-11.0, 56.0, 25.0, 150.0),
    "africa": (-35.0, 38.0, -18.0, 52.0),
    "north-america": (7.0, 72.0, -170.0, -52.0),
    "south-america": (-56.0, 13.0, -82.0, -34.0),
    "oceania": (-48.0, -9.0, 110.0, 180.0),
}
CONTINENT_OF = {
    **dict.fromkeys(
        "AL BE BY CZ DE DK ES FI FR GB GR HU IE IT LV NL PL PT RO RS RU UA".split(), "europe"
    ),
    **dict.fromkeys("CN ID IL IN IR JP KH KR KZ LA MN PH PK QA TH TR UZ VN".split(), "asia"),
    **dict.fromkeys("EG ET NA ZA".split(), "africa"),
    **dict.fromkeys("CA CR CU MX US".split(), "north-america"),
    **dict.fromkeys("AR BR CL PE".split(), "south-america"),
    **dict.fromkeys("AU NZ".split(), "oceania"),
}


def by_id(records: tuple[City, ...] | tuple[Relation, ...]) -> list[str]:
    return [record.id for record in records]


@pytest.mark.parametrize("city", DATA.cities(), ids=by_id(DATA.cities()))
def test_city_is_complete_and_plausible(city: City) -> None:
    """Every city is sourced, has a Chinese name, valid country, coordinates on its continent."""
    assert city.sources
    assert all(s.url.startswith(("http://", "https://")) for s in city.sources)
    assert pycountry.countries.get(alpha_2=city.country) is not None
    assert city.names.get("zh"), "every partner of Beijing has a Chinese name"
    assert city.coordinates is not None
    south, north, west, east = CONTINENTS[CONTINENT_OF[city.country]]
    assert south <= city.coordinates.lat <= north
    assert west <= city.coordinates.lon <= east


@pytest.mark.parametrize("city", DATA.cities(), ids=by_id(DATA.cities()))
def test_figures_are_positive_and_dated(city: City) -> None:
    """Population and area, where given, are positive and say which year they refer to."""
    if city.population is not None:
        assert city.population.count > 0
        reference = city.population.reference_date
        assert reference is not None or city.population.note
        assert reference is None or 1949 <= reference.year <= dt.date.today().year
    if city.area is not None:
        assert city.area.km2 > 0
        assert city.area.reference_date is not None or city.area.note


def test_no_city_appears_twice() -> None:
    """No two cities share a normalised name within a country."""
    keys = Counter((c.country, normalize_name(c.name)) for c in DATA.cities())
    assert [key for key, count in keys.items() if count > 1] == []


@pytest.mark.parametrize("relation", BEIJING_TIES, ids=by_id(BEIJING_TIES))
def test_tie_is_sourced_and_dated_within_history(relation: Relation) -> None:
    """Every tie is sourced, dated between 1949 and today; an ended tie says when and why."""
    assert relation.sources
    today = dt.date.today()
    dates = [relation.established, *(a.date for a in relation.agreements)]
    dates += [e.date for e in relation.events]
    for date in filter(None, dates):
        assert dt.date(1949, 10, 1) <= date.earliest() <= today
    if relation.established is None:
        assert relation.research, "an undated tie must say what was searched"
    else:
        keys = {s.key for s in relation.sources}
        assert relation.established_source in keys, "the established date cites its source"
    if relation.ended is not None:
        assert relation.ended.reason
        assert relation.established is None or relation.ended.date >= relation.established


def test_every_tie_belongs_to_a_network() -> None:
    """The shipped data holds whole networks: every tie has a network's city as a party."""
    hubs = {network.city for network in DATA.networks()}
    assert "beijing" in hubs
    assert all(hubs & set(r.cities) for r in DATA.relations())
    assert len(BEIJING_TIES) == 56


def test_current_ties_match_the_latest_official_count() -> None:
    """The active ties and their countries equal the latest official count of sister cities.

    RECONCILIATION.md in data/ explains the figures; see its table.
    """
    latest = max(
        (c for c in DATA.network("beijing").official_counts if c.sister_cities is not None),
        key=lambda c: c.date,
    )
    active = DATA.relations_of("beijing", include_ended=False)
    countries = {DATA.get_city(r.partner_of("beijing")).country for r in active}
    assert (len(active), len(countries)) == (latest.sister_cities, latest.countries)


@pytest.mark.parametrize(
    "count",
    [c for c in DATA.network("beijing").official_counts if c.sister_cities is not None],
    ids=lambda c: str(c.date),
)
def test_every_official_count_is_reproduced(count: sistercities.OfficialCount) -> None:
    """On the first or last day of a statement's date, the data allows the totals it states.

    A tie counts for certain once the last day of its established date has passed, and may
    count from its first day on; a tie with no known date may count at any time. An ended tie
    stops counting on its end date.
    """

    def bounds(day: dt.date) -> tuple[tuple[int, int], tuple[int, int]]:
        certain = []
        possible = []
        for tie in BEIJING_TIES:
            if tie.ended is not None and tie.ended.date.earliest() <= day:
                continue
            established = tie.established
            if established is None or established.earliest() <= day:
                possible.append(tie)
            if established is not None and established.latest() <= day:
                certain.append(tie)

        def countries(ties: list[Relation]) -> int:
            return len({DATA.get_city(t.partner_of("beijing")).country for t in ties})

        return (len(certain), len(possible)), (countries(certain), countries(possible))

    def allowed(day: dt.date) -> bool:
        (low, high), (low_countries, high_countries) = bounds(day)
        stated_countries = count.countries if count.countries is not None else low_countries
        return (
            low <= (count.sister_cities or 0) <= high
            and low_countries <= stated_countries <= high_countries
        )

    assert allowed(count.date.earliest()) or allowed(count.date.latest())


def test_the_reconciliation_states_the_precision_counts() -> None:
    """The figures RECONCILIATION.md writes about undated and imprecise ties match the data."""
    text = files("sistercities.data").joinpath("RECONCILIATION.md").read_text(encoding="utf-8")
    stated = re.search(r"(\d+) ties are known only to the year and (\d+) only to the month", text)
    assert stated is not None
    precisions = Counter(t.established and t.established.precision.value for t in BEIJING_TIES)
    assert (int(stated[1]), int(stated[2])) == (precisions["year"], precisions["month"])
    undated = [
        DATA.get_city(t.partner_of("beijing")).name for t in BEIJING_TIES if not t.established
    ]
    sentence = re.search(r"ties? ha(?:s|ve) no sourced date: ([^.]*)", text)
    assert sentence is not None
    assert re.findall(r"\*\*([^*]+)\*\*", sentence[1]) == undated


def test_prague_ended_in_2019() -> None:
    """Prague's tie is recorded as ended on 9 October 2019 with a reason."""
    prague = DATA.get_relation("beijing--prague")
    assert str(prague.ended.date) == "2019-10-09"  # type: ignore[union-attr]
    assert prague not in DATA.relations_of("beijing", include_ended=False)


def test_data_version_and_check_date() -> None:
    """The shipped data states its version and the day its facts were last checked."""
    assert DATA.data_version
    assert DATA.info.checked is not None
    assert DATA.info.checked <= dt.date.today()


def test_the_foundation_examples() -> None:
    """The examples the foundation promised answer as stated."""
    assert sistercities.get_city("Brussels").id == "brussels-capital-region"
    assert sistercities.get_city("bruxelles").id == "brussels-capital-region"
    assert sistercities.get_city("布鲁塞尔").id == "brussels-capital-region"
    assert sistercities.get_city("Kiev").id == "kyiv"
    assert sistercities.get_city("Peking").id == "beijing"
    assert "beijing--brussels-capital-region" in by_id(
        sistercities.relations_since(dt.date(1994, 1, 1))
    )
    september = sistercities.anniversaries(dt.date(2024, 9, 1), dt.date(2024, 9, 30))
    brussels = [a for a in september if a.relation.id == "beijing--brussels-capital-region"]
    assert [(a.date, a.years, a.ordinal) for a in brussels] == [(dt.date(2024, 9, 22), 30, "30th")]


def test_the_brussels_record_holds_the_seed_page() -> None:
    """Every fact of the Brussels profile page is structured in the record."""
    city = sistercities.get_city("brussels-capital-region")
    assert city.area is not None
    assert city.population is not None
    assert (city.area.km2, city.area.source) == (161.0, "bjgov-profile")
    # The seed page's undated 1.19 million gave way to the statistics institute's count.
    assert (city.population.count, str(city.population.reference_date)) == (1_255_795, "2025-01-01")
    government = city.government
    assert government is not None
    assert government.subdivisions is not None
    assert government.subdivisions.count == 19
    assert government.legislature is not None
    assert (government.legislature.seats, government.legislature.term_years) == (89, 5)
    assert government.executive is not None
    roles = {r.role: r.count for r in government.executive.composition}
    assert roles == {"Minister-President": 1, "Minister": 4, "Secretary of State": 3}
    # The seed page's head is kept as a finished term; the term in office follows it.
    seed_term = government.heads[-2]
    assert (seed_term.name, str(seed_term.since), [str(d) for d in seed_term.reelected]) == (
        "Rudi Vervoort",
        "2013-05",
        ["2019-07"],
    )
    assert seed_term.source == "bjgov-profile"
    assert government.head is government.heads[-1]
    assert str(government.head.since) == str(seed_term.until) == "2026-02-14"
    profile = city.profile
    assert profile is not None
    assert "banking" in profile.pillar_industries
    assert "Vrije Universiteit Brussel" in profile.universities
    assert len(profile.world_heritage_sites) == 2
    assert set(profile.languages) == {"fr", "nl"}
    tie = DATA.get_relation("beijing--brussels-capital-region")
    assert str(tie.established) == "1994-09-22"
    assert [str(a.date) for a in tie.agreements] == ["2014-10-21"]
    assert {str(e.date) for e in tie.events} >= {"2012", "2014-10", "2019-09"}
    assert len(tie.institutional_ties) == 2
    assert any("english.beijing.gov.cn" in s.url for s in tie.sources)
