"""The three networks in the shipped data: complete, counted, cross-checked; the 29 February tie."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from typing import Any

import pytest
from icalendar import Calendar

import sistercities
from sistercities import Network, TieStatus
from sistercities.export import iter_ical_yearly

DATA = sistercities.dataset()
NETWORKS = DATA.networks()
#: Where each network's own government publishes, to tell its pages from the partner's.
GOVERNMENT_SITES = {"beijing": "beijing.gov.cn", "tokyo": "metro.tokyo", "berlin": "berlin.de"}


def test_the_networks_are_beijing_tokyo_and_berlin() -> None:
    """The data holds the complete lists of Beijing, Tokyo and Berlin, and says so."""
    assert [network.city for network in NETWORKS] == ["beijing", "berlin", "tokyo"]
    assert DATA.network("Tokio").city == "tokyo"
    with pytest.raises(sistercities.NetworkNotFoundError, match="paris"):
        DATA.network("Paris")


def test_each_network_has_the_size_of_its_official_list() -> None:
    """Tokyo's list has 12 ties, Berlin's 19 (with Tel Aviv, 2025); Beijing's 56 are unchanged."""
    sizes = {network.city: len(DATA.relations_of(network.city)) for network in NETWORKS}
    assert sizes == {"beijing": 56, "berlin": 19, "tokyo": 12}


@pytest.mark.parametrize("network", NETWORKS, ids=lambda n: n.city)
def test_the_latest_official_count_is_reproduced(network: Network) -> None:
    """On the day of the latest count, the ties on record (not ended) add up to it.

    A tie with no known date may or may not have counted, so it widens the range.
    """
    latest = max(
        (c for c in network.official_counts if c.sister_cities is not None),
        key=lambda c: c.date.sort_key(),
    )
    day = latest.date.latest()
    ties = DATA.relations_of(network.city)
    dated = [
        t
        for t in ties
        if t.established is not None
        and t.established.latest() <= day
        and t.status_on(day) is not TieStatus.ENDED
    ]
    undated = [t for t in ties if t.established is None]
    assert latest.sister_cities is not None
    assert len(dated) <= latest.sister_cities <= len(dated) + len(undated)


def test_no_pair_of_cities_has_two_records() -> None:
    """Tokyo–Berlin, Beijing–Tokyo and Beijing–Berlin are each one record shared by two networks."""
    pairs = [frozenset(relation.cities) for relation in DATA.relations()]
    assert len(pairs) == len(set(pairs))
    shared = {"beijing--tokyo", "beijing--berlin", "tokyo--berlin"}
    for relation_id in shared:
        relation = DATA.get_relation(relation_id)
        for hub in relation.cities:
            assert relation in DATA.relations_of(hub)


@pytest.mark.parametrize("relation_id", ["beijing--tokyo", "beijing--berlin", "tokyo--berlin"])
def test_ties_between_networks_cite_both_governments(relation_id: str) -> None:
    """A tie between two network cities is attested by pages of both governments."""
    relation = DATA.get_relation(relation_id)
    urls = [source.url for source in relation.sources]
    for hub in relation.cities:
        assert any(GOVERNMENT_SITES[hub] in url for url in urls), (hub, urls)


@pytest.mark.parametrize(
    "relation",
    [r for hub in ("tokyo", "berlin") for r in DATA.relations_of(hub)],
    ids=lambda r: r.id,
)
def test_each_new_tie_is_dated_sourced_and_worded_by_its_network(
    relation: sistercities.Relation,
) -> None:
    """Every Tokyo and Berlin tie is dated, attested, and records the network's own word for it."""
    hubs = [hub for hub in relation.cities if hub in GOVERNMENT_SITES]
    assert relation.established is not None
    assert relation.established_source is not None
    assert relation.attested_by
    assert all(hub in relation.local_kinds for hub in hubs if hub != "beijing")
    assert relation.notes, "a note says how the two ends agree, or where they do not"


def test_the_frozen_partnerships_with_moscow() -> None:
    """Berlin's and Tokyo's ties with Moscow are suspended since 2022, not ended."""
    for relation_id in ("berlin--moscow", "tokyo--moscow"):
        relation = DATA.get_relation(relation_id)
        assert relation.status is TieStatus.SUSPENDED
        assert relation.is_active
        (change,) = relation.status_changes
        assert change.date.year == 2022
        assert change.reason
        assert relation.status_on(dt.date(2021, 12, 31)) is TieStatus.ACTIVE
        assert relation.status_on(dt.date(2023, 1, 1)) is TieStatus.SUSPENDED


def test_a_suspended_tie_has_no_anniversary_until_asked_for() -> None:
    """Tokyo–Moscow's 35th (16 July 2026) falls while it is suspended: left out by default."""
    window = (dt.date(2026, 7, 16), dt.date(2026, 7, 16))
    ids = [a.relation.id for a in DATA.anniversaries(*window)]
    assert "tokyo--moscow" not in ids
    found = DATA.anniversaries(*window, include_suspended=True)
    assert [a.years for a in found if a.relation.id == "tokyo--moscow"] == [35]


# -- Tokyo–New York, founded on 29 February 1960 ---------------------------------------------------

LEAP_TIE = "tokyo--new-york-city"


def test_the_leap_day_tie_is_on_the_28th_in_common_years() -> None:
    """The 29 February tie has its anniversary on 28 February in common years, once a year."""
    assert str(DATA.get_relation(LEAP_TIE).established) == "1960-02-29"
    for year, day in ((2024, 29), (2025, 28), (2026, 28), (2028, 29)):
        found = DATA.anniversaries(dt.date(year, 2, 1), dt.date(year, 3, 31))
        days = [a.date for a in found if a.relation.id == LEAP_TIE]
        assert days == [dt.date(year, 2, day)]
    (sixty_fifth,) = [a for a in DATA.anniversaries("2025", "2025") if a.relation.id == LEAP_TIE]
    assert sixty_fifth.years == 65


def test_the_leap_day_tie_recurs_on_the_last_day_of_february_in_icalendar() -> None:
    """The yearly calendar event of the tie recurs on February's last day, read by icalendar."""
    relation = DATA.get_relation(LEAP_TIE)
    calendar = Calendar.from_ical("".join(iter_ical_yearly(DATA, [relation])))
    events: list[Any] = calendar.walk("VEVENT")
    (event,) = events
    rule = event["RRULE"]
    assert (rule["FREQ"], rule["BYMONTH"], rule["BYMONTHDAY"]) == (["YEARLY"], [2], [-1])
    assert event["DTSTART"].dt == dt.date(1961, 2, 28)


def test_the_leap_day_tie_in_the_command_line() -> None:
    """`anniversaries` lists Tokyo–New York on 28 February 2025."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sistercities",
            "anniversaries",
            "--from",
            "2025-02-28",
            "--days",
            "1",
        ],
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "65th anniversary of the Tokyo Metropolis – New York City" in result.stdout.decode()
