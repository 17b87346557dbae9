from __future__ import annotations

import copy
import gc
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import sistercities
from sistercities import DatasetError

Mutation = Callable[[dict[str, Any]], None]

SOURCE = {
    "key": "s",
    "url": "https://example.org/a",
    "title": "T",
    "publisher": "P",
    "accessed": "2024-01-01",
}
BASE: dict[str, Any] = {
    "schema_version": 2,
    "cities": [
        {"id": "alpha", "name": "Alpha", "country": "BE", "kind": "city", "sources": [SOURCE]},
        {"id": "beta", "name": "Beta", "country": "FR", "kind": "region", "sources": [SOURCE]},
    ],
    "relations": [
        {
            "id": "alpha--beta",
            "cities": ["alpha", "beta"],
            "kind": "sister-city",
            "established": "1994-09-22",
            "established_source": "s",
            "sources": [SOURCE],
        }
    ],
}


HEAD_2014 = {"title": "Mayor", "name": "N", "since": "2014-06", "source": "s"}
HEAD_2010_2015 = {"title": "Mayor", "name": "M", "since": "2010", "until": "2015", "source": "s"}
ENDED_2019 = {"date": "2019-10-09", "status": "ended", "reason": "r", "source": "s"}
SUSPENDED_2020 = {"date": "2020-03", "status": "suspended", "reason": "r", "source": "s"}


def checked_before_term_ends(doc: dict[str, Any]) -> None:
    doc["checked"] = "2020-01-01"
    city(doc)["government"] = {"heads": [{**HEAD_2014, "until": "2021"}]}


def city(doc: dict[str, Any]) -> dict[str, Any]:
    return doc["cities"][0]  # type: ignore[no-any-return]


def relation(doc: dict[str, Any]) -> dict[str, Any]:
    return doc["relations"][0]  # type: ignore[no-any-return]


def setter(pick: Callable[[dict[str, Any]], dict[str, Any]], **values: Any) -> Mutation:
    def mutate(doc: dict[str, Any]) -> None:
        pick(doc).update(values)

    return mutate


def remover(pick: Callable[[dict[str, Any]], dict[str, Any]], key: str) -> Mutation:
    def mutate(doc: dict[str, Any]) -> None:
        del pick(doc)[key]

    return mutate


def duplicate_city(doc: dict[str, Any]) -> None:
    doc["cities"].append(copy.deepcopy(city(doc)))


def same_city_other_id(doc: dict[str, Any]) -> None:
    twin = copy.deepcopy(city(doc))
    twin["id"] = "alpha-again"
    doc["cities"].append(twin)


def duplicate_tie(doc: dict[str, Any]) -> None:
    twin = copy.deepcopy(relation(doc))
    twin["id"] = "beta--alpha"
    twin["cities"] = ["beta", "alpha"]
    doc["relations"].append(twin)


def source_without_date(doc: dict[str, Any]) -> None:
    del relation(doc)["established"]
    relation(doc)["established_source"] = "s"


# (case id, mutation, record, field, words the message must contain)
BROKEN: list[tuple[str, Mutation, str | None, str | None, str]] = [
    ("missing city name", remover(city, "name"), "alpha", "name", "required field missing"),
    ("missing relation kind", remover(relation, "kind"), "alpha--beta", "kind", "required"),
    ("missing sources key", remover(city, "sources"), "alpha", "sources", "required"),
    ("unknown city key", setter(city, colour="red"), "alpha", None, "unknown field(s): colour"),
    ("unknown nested key", setter(city, area={"km2": 1.0, "acres": 2}), "alpha", "area", "acres"),
    ("name not text", setter(city, name=123), "alpha", "name", "expected text, found int 123"),
    ("id not text", setter(city, id=["a"]), "cities[0]", "id", "expected text"),
    ("country not text", setter(city, country=None), "alpha", "country", "expected text"),
    (
        "population as text",
        setter(city, population={"count": "12", "reference_date": "2020", "source": "s"}),
        "alpha",
        "population.count",
        "expected a whole number, found str '12'",
    ),
    (
        "population as bool",
        setter(city, population={"count": True, "reference_date": "2020", "source": "s"}),
        "alpha",
        "population.count",
        "whole number",
    ),
    ("area as text", setter(city, area={"km2": "161"}), "alpha", "area.km2", "expected a number"),
    ("area infinite", setter(city, area={"km2": float("inf")}), "alpha", "area.km2", "finite"),
    ("area negative", setter(city, area={"km2": -3.0}), "alpha", "area.km2", "positive"),
    (
        "population zero",
        setter(city, population={"count": 0, "reference_date": "2020", "source": "s"}),
        "alpha",
        "population.count",
        "positive",
    ),
    ("aliases as text", setter(city, aliases="Alfa"), "alpha", "aliases", "expected a list"),
    ("alias not text", setter(city, aliases=["ok", 5]), "alpha", "aliases[1]", "expected text"),
    ("names as list", setter(city, names=["x"]), "alpha", "names", "expected a table"),
    ("name value not text", setter(city, names={"zh": 5}), "alpha", "names", "at key 'zh'"),
    (
        "latitude out of range",
        setter(city, coordinates={"lat": 91.0, "lon": 0.0}),
        "alpha",
        "coordinates.lat",
        "outside -90..90",
    ),
    (
        "longitude out of range",
        setter(city, coordinates={"lat": 0.0, "lon": 181.0}),
        "alpha",
        "coordinates.lon",
        "outside -180..180",
    ),
    ("coordinates as list", setter(city, coordinates=[50.8, 4.3]), "alpha", "coordinates", ""),
    ("unknown country", setter(city, country="XX"), "alpha", "country", "ISO 3166-1"),
    ("lowercase country", setter(city, country="be"), "alpha", "country", "ISO 3166-1"),
    ("unknown kind", setter(city, kind="village"), "alpha", "kind", "expected one of"),
    ("bad city id", setter(city, id="Alpha City"), "Alpha City", "id", "slug"),
    ("empty name", setter(city, name="   "), "alpha", "name", "no letters or digits"),
    ("name with newline", setter(city, name="Al\npha"), "alpha", "name", "line breaks"),
    ("control character", setter(city, name="Al\x1b[31mpha"), "alpha", "name", "U+001B"),
    ("huge text", setter(city, summary="x" * 20_000), "alpha", "summary", "longer than the limit"),
    ("no sources", setter(city, sources=[]), "alpha", "sources", "at least one source"),
    (
        "source without url",
        setter(city, sources=[{k: v for k, v in SOURCE.items() if k != "url"}]),
        "alpha",
        "sources[0].url",
        "required",
    ),
    (
        "source url not http",
        setter(city, sources=[{**SOURCE, "url": "javascript:alert(1)"}]),
        "alpha",
        "sources[0].url",
        "not an http(s) URL",
    ),
    (
        "duplicate source key",
        setter(city, sources=[SOURCE, SOURCE]),
        "alpha",
        "sources[1].key",
        "used by another source",
    ),
    (
        "dangling source key",
        setter(city, area={"km2": 1.0, "source": "nope"}),
        "alpha",
        "area.source",
        "no source listed has the key 'nope'",
    ),
    (
        "accessed not a date",
        setter(city, sources=[{**SOURCE, "accessed": "yesterday"}]),
        "alpha",
        "sources[0].accessed",
        "YYYY-MM-DD",
    ),
    (
        "accessed compact form",
        setter(city, sources=[{**SOURCE, "accessed": "20240101"}]),
        "alpha",
        "sources[0].accessed",
        "YYYY-MM-DD",
    ),
    (
        "accessed in the future",
        setter(city, sources=[{**SOURCE, "accessed": "2999-01-01"}]),
        "alpha",
        "sources[0].accessed",
        "in the future",
    ),
    ("duplicate city id", duplicate_city, "alpha", "id", "already used"),
    ("same city under another id", same_city_other_id, "alpha-again", "name", "same city as"),
    (
        "established impossible",
        setter(relation, established="1994-02-30"),
        "alpha--beta",
        "established",
        "does not exist",
    ),
    (
        "established bad month",
        setter(relation, established="1994-13"),
        "alpha--beta",
        "established",
        "does not exist",
    ),
    (
        "established compact",
        setter(relation, established="19940922"),
        "alpha--beta",
        "established",
        "YYYY-MM-DD",
    ),
    (
        "established as number",
        setter(relation, established=1994),
        "alpha--beta",
        "established",
        "found int 1994",
    ),
    (
        "established in the future",
        setter(relation, established="2999"),
        "alpha--beta",
        "established",
        "in the future",
    ),
    (
        "ended before established",
        setter(
            relation,
            status_changes=[{"date": "1990", "status": "ended", "reason": "r", "source": "s"}],
        ),
        "alpha--beta",
        "status_changes[0].date",
        "before the tie was established",
    ),
    (
        "ended without reason",
        setter(relation, status_changes=[{"date": "2019", "status": "ended", "source": "s"}]),
        "alpha--beta",
        "status_changes[0].reason",
        "required",
    ),
    (
        "unknown relation kind",
        setter(relation, kind="twin-town"),
        "alpha--beta",
        "kind",
        "expected one of sister-city",
    ),
    (
        "dangling city",
        setter(relation, cities=["alpha", "gamma"]),
        "alpha--beta",
        "cities[1]",
        "no city has the id 'gamma'",
    ),
    (
        "tied to itself",
        setter(relation, cities=["alpha", "alpha"]),
        "alpha--beta",
        "cities",
        "tied to itself",
    ),
    (
        "three cities",
        setter(relation, cities=["alpha", "beta", "gamma"]),
        "alpha--beta",
        "cities",
        "list of 2 items",
    ),
    (
        "cities as text",
        setter(relation, cities="alpha--beta"),
        "alpha--beta",
        "cities",
        "expected a list of 2 items",
    ),
    (
        "duplicate relation id",
        lambda d: d["relations"].append(copy.deepcopy(relation(d))),
        "alpha--beta",
        "id",
        "used by another relation",
    ),
    ("same tie listed both ways", duplicate_tie, "beta--alpha", "cities", "same pair of cities as"),
    (
        "event ends before start",
        setter(relation, events=[{"date": "2000", "end": "1999", "summary": "s"}]),
        "alpha--beta",
        "events[0].end",
        "before it starts",
    ),
    (
        "agreement in the future",
        setter(relation, agreements=[{"date": "2999-01", "title": "t"}]),
        "alpha--beta",
        "agreements[0].date",
        "in the future",
    ),
    (
        "agreement without date",
        setter(relation, agreements=[{"title": "t"}]),
        "alpha--beta",
        "agreements[0].date",
        "required",
    ),
    (
        "established source without date",
        source_without_date,
        "alpha--beta",
        "established_source",
        "not given",
    ),
    (
        "relation record not a table",
        lambda d: d["relations"].append("oops"),
        "relations[1]",
        None,
        "expected a table",
    ),
    (
        "cities not a list",
        lambda d: d.update(cities={"id": "x"}),
        None,
        "cities",
        "expected a list",
    ),
    # Government, profile and other nested city facts.
    (
        "seats as text",
        setter(city, government={"legislature": {"name": "P", "seats": "89"}}),
        "alpha",
        "government.legislature.seats",
        "whole number",
    ),
    (
        "head since impossible",
        setter(
            city,
            government={
                "heads": [{"title": "M", "name": "N", "since": "2013-02-30", "source": "s"}]
            },
        ),
        "alpha",
        "government.heads[0].since",
        "does not exist",
    ),
    (
        "head reelected not a list",
        setter(
            city,
            government={"heads": [{"title": "M", "name": "N", "reelected": "2019", "source": "s"}]},
        ),
        "alpha",
        "government.heads[0].reelected",
        "expected a list",
    ),
    (
        "head in the future",
        setter(
            city,
            government={"heads": [{"title": "M", "name": "N", "since": "2999", "source": "s"}]},
        ),
        "alpha",
        "government.heads[0].since",
        "after the day the data was checked",
    ),
    (
        "legislature unknown key",
        setter(city, government={"legislature": {"name": "P", "x": 1}}),
        "alpha",
        "government.legislature",
        "unknown field(s): x",
    ),
    (
        "composition count bool",
        setter(
            city,
            government={"executive": {"name": "G", "composition": [{"role": "M", "count": True}]}},
        ),
        "alpha",
        "government.executive.composition[0].count",
        "whole number",
    ),
    (
        "government dangling source",
        setter(city, government={"source": "nope"}),
        "alpha",
        "government.source",
        "no source listed",
    ),
    (
        "profile languages as text",
        setter(city, profile={"languages": "fr"}),
        "alpha",
        "profile.languages",
        "expected a list",
    ),
    (
        "profile unknown key",
        setter(city, profile={"motto": "x"}),
        "alpha",
        "profile",
        "unknown field(s): motto",
    ),
    (
        "profile dangling source",
        setter(city, profile={"source": "nope"}),
        "alpha",
        "profile.source",
        "no source listed",
    ),
    (
        "former name until future",
        setter(city, former_names=[{"name": "Old", "until": "2999"}]),
        "alpha",
        "former_names[0].until",
        "in the future",
    ),
    (
        "former name empty",
        setter(city, former_names=[{"name": "--"}]),
        "alpha",
        "former_names[0].name",
        "no letters or digits",
    ),
    (
        "former names as text",
        setter(city, former_names="Old"),
        "alpha",
        "former_names",
        "expected a list",
    ),
    (
        "population without year or note",
        setter(city, population={"count": 5, "source": "s"}),
        "alpha",
        "population.reference_date",
        "say so in the note",
    ),
    (
        "population year in the future",
        setter(city, population={"count": 5, "reference_date": "2999", "source": "s"}),
        "alpha",
        "population.reference_date",
        "in the future",
    ),
    (
        "area year impossible",
        setter(city, area={"km2": 1.0, "reference_date": "2020-13", "source": "s"}),
        "alpha",
        "area.reference_date",
        "does not exist",
    ),
    (
        "latitude as text",
        setter(city, coordinates={"lat": "50.8", "lon": 4.3}),
        "alpha",
        "coordinates.lat",
        "expected a number",
    ),
    (
        "longitude not a number",
        setter(city, coordinates={"lat": 50.8, "lon": float("nan")}),
        "alpha",
        "coordinates.lon",
        "finite",
    ),
    (
        "coordinates missing lon",
        setter(city, coordinates={"lat": 50.8}),
        "alpha",
        "coordinates.lon",
        "required",
    ),
    (
        "name in other script with control",
        setter(city, names={"zh": "布鲁\x07塞尔"}),
        "alpha",
        "names",
        "U+0007",
    ),
    (
        "alias with tab",
        setter(city, aliases=["Al\tpha"]),
        "alpha",
        "aliases[0]",
        "line breaks, tabs",
    ),
    (
        "alias with surrounding spaces",
        setter(city, aliases=[" Alpha "]),
        "alpha",
        "aliases[0]",
        "surrounding spaces",
    ),
    ("summary not text", setter(city, summary=["a"]), "alpha", "summary", "expected text"),
    ("notes not a list", setter(city, notes="a"), "alpha", "notes", "expected a list"),
    (
        "note without text",
        setter(city, notes=[{"sources": []}]),
        "alpha",
        "notes[0].text",
        "required",
    ),
    # Sources.
    (
        "source published in the future",
        setter(city, sources=[{**SOURCE, "published": "2999"}]),
        "alpha",
        "sources[0].published",
        "in the future",
    ),
    (
        "source without title",
        setter(city, sources=[{k: v for k, v in SOURCE.items() if k != "title"}]),
        "alpha",
        "sources[0].title",
        "required",
    ),
    (
        "source key not text",
        setter(city, sources=[{**SOURCE, "key": 1}]),
        "alpha",
        "sources[0].key",
        "expected text",
    ),
    ("sources as a table", setter(city, sources=SOURCE), "alpha", "sources", "expected a list"),
    ("source as text", setter(city, sources=["https://example.org"]), "alpha", "sources[0]", ""),
    (
        "source url with spaces",
        setter(city, sources=[{**SOURCE, "url": "https://exa mple.org"}]),
        "alpha",
        "sources[0].url",
        "not an http(s) URL",
    ),
    # Relations in depth.
    (
        "fields as text",
        setter(relation, fields="trade"),
        "alpha--beta",
        "fields",
        "expected a list",
    ),
    (
        "relation summary as number",
        setter(relation, summary=3),
        "alpha--beta",
        "summary",
        "expected text",
    ),
    (
        "events as a table",
        setter(relation, events={"date": "2000"}),
        "alpha--beta",
        "events",
        "expected a list",
    ),
    (
        "event without summary",
        setter(relation, events=[{"date": "2000"}]),
        "alpha--beta",
        "events[0].summary",
        "required",
    ),
    (
        "event date malformed",
        setter(relation, events=[{"date": "20000", "summary": "s"}]),
        "alpha--beta",
        "events[0].date",
        "YYYY",
    ),
    (
        "event end impossible",
        setter(relation, events=[{"date": "2000", "end": "2000-02-30", "summary": "s"}]),
        "alpha--beta",
        "events[0].end",
        "does not exist",
    ),
    (
        "event dangling source",
        setter(relation, events=[{"date": "2000", "summary": "s", "source": "nope"}]),
        "alpha--beta",
        "events[0].source",
        "no source listed",
    ),
    (
        "agreement title as number",
        setter(relation, agreements=[{"date": "2000", "title": 7}]),
        "alpha--beta",
        "agreements[0].title",
        "expected text",
    ),
    (
        "agreement dangling source",
        setter(relation, agreements=[{"date": "2000", "title": "t", "source": "nope"}]),
        "alpha--beta",
        "agreements[0].source",
        "no source listed",
    ),
    (
        "institutional parties as text",
        setter(relation, institutional_ties=[{"parties": "A, B"}]),
        "alpha--beta",
        "institutional_ties[0].parties",
        "expected a list",
    ),
    (
        "institutional tie in the future",
        setter(relation, institutional_ties=[{"parties": ["A"], "date": "2999"}]),
        "alpha--beta",
        "institutional_ties[0].date",
        "in the future",
    ),
    (
        "ended date impossible",
        setter(
            relation,
            status_changes=[
                {"date": "2019-02-29", "status": "ended", "reason": "r", "source": "s"}
            ],
        ),
        "alpha--beta",
        "status_changes[0].date",
        "does not exist",
    ),
    (
        "status changes as text",
        setter(relation, status_changes="2019"),
        "alpha--beta",
        "status_changes",
        "",
    ),
    (
        "ended in the future",
        setter(
            relation,
            status_changes=[{"date": "2999", "status": "ended", "reason": "r", "source": "s"}],
        ),
        "alpha--beta",
        "status_changes[0].date",
        "in the future",
    ),
    (
        "ended dangling source",
        setter(
            relation,
            status_changes=[{"date": "2019", "status": "ended", "reason": "r", "source": "nope"}],
        ),
        "alpha--beta",
        "status_changes[0].source",
        "no source listed",
    ),
    (
        "established dangling source",
        setter(relation, established_source="nope"),
        "alpha--beta",
        "established_source",
        "no source listed",
    ),
    ("empty relation kind", setter(relation, kind=""), "alpha--beta", "kind", "expected one of"),
    ("relation id uppercase", setter(relation, id="Alpha--Beta"), "Alpha--Beta", "id", "lowercase"),
    ("relation id empty", setter(relation, id=""), "relations[0]", "id", "lowercase"),
    (
        "relation notes with escape",
        setter(relation, notes=[{"text": "x\x1b[2Jy"}]),
        "alpha--beta",
        "notes[0].text",
        "U+001B",
    ),
    (
        "relation without sources",
        setter(relation, sources=[]),
        "alpha--beta",
        "sources",
        "at least one source",
    ),
    (
        "relation cities of numbers",
        setter(relation, cities=[1, 2]),
        "alpha--beta",
        "cities",
        "expected text",
    ),
    # Format 2: terms of heads of government, and the status of ties over time.
    (
        "terms overlap",
        setter(city, government={"heads": [HEAD_2010_2015, {**HEAD_2014, "until": "2019"}]}),
        "alpha",
        "government.heads[1].since",
        "must not overlap",
    ),
    (
        "term after a running term",
        setter(city, government={"heads": [{**HEAD_2014, "until": None}, HEAD_2014]}),
        "alpha",
        "government.heads[1]",
        "follows a term with no end",
    ),
    (
        "terms out of order",
        setter(city, government={"heads": [{**HEAD_2014, "until": "2019"}, HEAD_2010_2015]}),
        "alpha",
        "government.heads[1].since",
        "must not overlap",
    ),
    (
        "term ends before it starts",
        setter(city, government={"heads": [{**HEAD_2014, "until": "2012"}]}),
        "alpha",
        "government.heads[0].until",
        "before it starts",
    ),
    (
        "term without source",
        setter(city, government={"heads": [{"title": "Mayor", "name": "N"}]}),
        "alpha",
        "government.heads[0].source",
        "cites no source",
    ),
    (
        "term ends after the checked day",
        checked_before_term_ends,
        "alpha",
        "government.heads[0].until",
        "a term still running has no until",
    ),
    (
        "status change after the tie ended",
        setter(relation, status_changes=[ENDED_2019, {**SUSPENDED_2020, "date": "2020"}]),
        "alpha--beta",
        "status_changes[1].status",
        "ending a tie is final",
    ),
    (
        "resumed without a suspension",
        setter(relation, status_changes=[{**SUSPENDED_2020, "status": "resumed"}]),
        "alpha--beta",
        "status_changes[0].status",
        "not suspended",
    ),
    (
        "suspended twice",
        setter(relation, status_changes=[SUSPENDED_2020, {**SUSPENDED_2020, "date": "2021"}]),
        "alpha--beta",
        "status_changes[1].status",
        "already suspended",
    ),
    (
        "status changes out of order",
        setter(
            relation,
            status_changes=[
                SUSPENDED_2020,
                {**SUSPENDED_2020, "status": "resumed", "date": "2019"},
            ],
        ),
        "alpha--beta",
        "status_changes[1].date",
        "oldest first",
    ),
    (
        "unknown status",
        setter(relation, status_changes=[{**SUSPENDED_2020, "status": "frozen"}]),
        "alpha--beta",
        "status_changes[0].status",
        "expected one of suspended, resumed, ended",
    ),
    (
        "relation id not its cities",
        setter(relation, id="beta--alpha"),
        "beta--alpha",
        "id",
        "must join the ids of its two cities",
    ),
    (
        "local kind of a third city",
        setter(relation, local_kinds={"gamma": "twin"}),
        "alpha--beta",
        "local_kinds.gamma",
        "not one of the tie's two cities",
    ),
    (
        "note cites an unknown source",
        setter(relation, notes=[{"text": "t", "sources": ["nope"]}]),
        "alpha--beta",
        "notes[0].sources[0]",
        "no source listed has the key 'nope'",
    ),
    (
        "duplicate source key in a record",
        setter(city, sources=[SOURCE, {**SOURCE, "url": "https://example.org/b"}]),
        "alpha",
        "sources[1].key",
        "used by another source",
    ),
    # The dataset's own description.
    (
        "networks as a table",
        lambda d: d.update(networks={"city": "alpha"}),
        None,
        "networks",
        "expected a list",
    ),
    (
        "network of an unknown city",
        lambda d: d.update(networks=[{"city": "gamma", "sources": [SOURCE]}]),
        "gamma",
        "city",
        "no city has the id",
    ),
    (
        "official count in the future",
        lambda d: d.update(
            networks=[
                {
                    "city": "alpha",
                    "sources": [SOURCE],
                    "official_counts": [{"date": "2999", "source": "s"}],
                }
            ]
        ),
        "alpha",
        "official_counts[0].date",
        "in the future",
    ),
    (
        "official count without source",
        lambda d: d.update(
            networks=[{"city": "alpha", "sources": [SOURCE], "official_counts": [{"date": "2019"}]}]
        ),
        "alpha",
        "official_counts[0].source",
        "cites no source",
    ),
    (
        "data version as number",
        lambda d: d.update(data_version=3),
        None,
        "data_version",
        "expected text",
    ),
    ("checked not a date", lambda d: d.update(checked="soon"), None, "checked", "YYYY-MM-DD"),
    (
        "relations as a table",
        lambda d: d.update(relations={"id": "x"}),
        None,
        "relations",
        "expected a list",
    ),
    ("city record null", lambda d: d["cities"].append(None), "cities[2]", None, "expected a table"),
    ("no relations", lambda d: d.pop("relations"), None, "relations", "required field missing"),
    ("no cities", lambda d: d.pop("cities"), None, "cities", "required field missing"),
    ("unknown top-level key", lambda d: d.update(extra=1), None, "extra", "unknown top-level"),
    (
        "wrong schema version",
        lambda d: d.update(schema_version=1),
        None,
        "schema_version",
        "expected schema version 2, found 1; documents of version 1",
    ),
    (
        "checked in the future",
        lambda d: d.update(checked="2999-01-01"),
        None,
        "checked",
        "in the future",
    ),
]


def write_json(folder: Path, document: object) -> Path:
    path = folder / "dataset.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_the_base_document_is_valid(tmp_path: Path) -> None:
    """The document the broken cases start from loads cleanly, so each case breaks one thing."""
    dataset = sistercities.load(write_json(tmp_path, BASE))
    assert [r.id for r in dataset.relations()] == ["alpha--beta"]


@pytest.mark.parametrize(
    ("mutate", "record", "field", "words"),
    [case[1:] for case in BROKEN],
    ids=[case[0] for case in BROKEN],
)
def test_broken_dataset_names_the_problem(
    tmp_path: Path, mutate: Mutation, record: str | None, field: str | None, words: str
) -> None:
    """Each broken dataset raises DatasetError with a problem naming file, record and field."""
    document = copy.deepcopy(BASE)
    mutate(document)
    path = write_json(tmp_path, document)
    with pytest.raises(DatasetError) as caught:
        sistercities.load(path)
    problems = caught.value.problems
    matching = [p for p in problems if p.record == record and p.field == field]
    assert matching, f"no problem at {record}/{field} in {[str(p) for p in problems]}"
    assert any(words in p.message for p in matching), [p.message for p in matching]
    assert all(p.file == str(path) for p in problems)
    assert str(path) in str(caught.value)


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    """Problems in several records and files are listed together, not one per attempt."""
    document = copy.deepcopy(BASE)
    city(document)["country"] = "XX"
    document["cities"][1]["name"] = 5
    relation(document)["established"] = "1994-02-30"
    with pytest.raises(DatasetError) as caught:
        sistercities.load(write_json(tmp_path, document))
    fields = {(p.record, p.field) for p in caught.value.problems}
    assert {("beta", "name"), ("alpha--beta", "established")} <= fields


BAD_FILES: list[tuple[str, bytes, str]] = [
    ("malformed TOML", b"[[cities]\nid = 'x'", "is not valid TOML"),
    ("empty file", b"", ""),
    ("UTF-16", "[[cities]]".encode("utf-16"), "UTF-16"),
    ("Latin-1", "[[cities]]\nname = 'Li\xe8ge'".encode("latin-1"), "not valid UTF-8"),
    ("cities not an array", b"cities = 3", "expected a list of tables"),
    ("unknown table", b"[city]\nid = 'x'", "unknown top-level field"),
]


@pytest.mark.parametrize(
    ("content", "words"), [c[1:] for c in BAD_FILES], ids=[c[0] for c in BAD_FILES]
)
def test_bad_toml_files_in_a_folder(tmp_path: Path, content: bytes, words: str) -> None:
    """A folder whose TOML file cannot be read names that file; an empty file is simply empty."""
    (tmp_path / "dataset.toml").write_text("format = 2\n", encoding="utf-8")
    (tmp_path / "partners").mkdir()
    broken = tmp_path / "partners" / "broken.toml"
    broken.write_bytes(content)
    if not words:
        assert len(sistercities.load(tmp_path)) == 0
        return
    with pytest.raises(DatasetError) as caught:
        sistercities.load(tmp_path)
    assert any(words in p.message and p.file.endswith("broken.toml") for p in caught.value.problems)


def test_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    """A UTF-8 byte-order mark, which some editors add, does not stop a file from loading."""
    text = json.dumps(BASE)
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    assert len(sistercities.load(path)) == 1


def test_invalid_json_is_a_dataset_error(tmp_path: Path) -> None:
    """Malformed JSON raises DatasetError naming the file and the position."""
    path = tmp_path / "broken.json"
    path.write_text('{"cities": [', encoding="utf-8")
    with pytest.raises(DatasetError, match="not valid JSON"):
        sistercities.load(path)


def test_deeply_nested_json_is_a_dataset_error(tmp_path: Path) -> None:
    """A hostile, deeply nested document raises DatasetError rather than RecursionError."""
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(DatasetError):
        sistercities.load(path)


def test_missing_path_is_a_dataset_error(tmp_path: Path) -> None:
    """Loading a path that does not exist raises DatasetError naming it."""
    with pytest.raises(DatasetError, match="no such file or folder"):
        sistercities.load(tmp_path / "nowhere")


def test_a_toml_file_and_its_folder_load_alike(tmp_path: Path) -> None:
    """A dataset written as TOML loads from the single file and from a folder holding it."""
    records = """
[[cities]]
id = "alpha"
name = "Alpha"
country = "BE"
kind = "city"
coordinates = { lat = 50.8, lon = 4.3, source = "s" }

[[cities]]
id = "beta"
name = "Beta"
country = "FR"
kind = "city"
attested_by = ["s"]

[[relations]]
id = "alpha--beta"
cities = ["alpha", "beta"]
kind = "friendship-city"
established = 1994-09-22
established_source = "s"

[[sources]]
key = "s"
url = "https://example.org/"
title = "T"
publisher = "P"
accessed = 2024-01-01
"""
    single = tmp_path / "mine.toml"
    single.write_text("format = 2\n" + records, encoding="utf-8")
    folder = tmp_path / "folder"
    (folder / "ties").mkdir(parents=True)
    (folder / "dataset.toml").write_text("format = 2\n", encoding="utf-8")
    (folder / "ties" / "mine.toml").write_text(records, encoding="utf-8")
    from_file = sistercities.load(single)
    from_folder = sistercities.load(folder)
    assert from_file == from_folder
    assert str(from_file.get_city("alpha").sources[0].accessed) == "2024-01-01"
    assert str(from_file.relations()[0].established) == "1994-09-22"
    # A record gets the file's sources that it cites.
    assert [s.key for s in from_file.get_city("beta").sources] == ["s"]


SOURCE_TOML = """
[[sources]]
key = "s"
url = "https://example.org/"
title = "T"
publisher = "P"
accessed = 2024-01-01
"""
CITY_TOML = """
[[cities]]
id = "alpha"
name = "Alpha"
country = "BE"
kind = "city"
coordinates = { lat = 50.8, lon = 4.3, source = "s" }
"""

FOLDER_CASES: list[tuple[str, str | None, str, str | None, str | None, str]] = [
    ("no format", "", CITY_TOML + SOURCE_TOML, None, "format", "declares no format"),
    ("format 1", "format = 1", CITY_TOML + SOURCE_TOML, None, "format", "format 1"),
    ("unknown format", "format = 3", CITY_TOML + SOURCE_TOML, None, "format", "format 3"),
    ("format as text", 'format = "2"', CITY_TOML + SOURCE_TOML, None, "format", "format '2'"),
    ("no dataset.toml", None, CITY_TOML + SOURCE_TOML, None, None, "is missing"),
    (
        "duplicate source key",
        "format = 2",
        CITY_TOML + SOURCE_TOML + SOURCE_TOML,
        None,
        "sources[1].key",
        "listed twice",
    ),
    (
        "key resolving to nothing",
        "format = 2",
        CITY_TOML.replace('source = "s"', 'source = "t"') + SOURCE_TOML,
        "alpha",
        "coordinates.source",
        "no source listed has the key 't'",
    ),
    (
        "sources inside a record",
        "format = 2",
        CITY_TOML + '[[cities.sources]]\nkey = "s"\n' + SOURCE_TOML,
        "alpha",
        "sources",
        "listed once per file",
    ),
    (
        "records in dataset.toml",
        "format = 2\n" + CITY_TOML,
        SOURCE_TOML,
        None,
        "cities",
        "unknown top-level field",
    ),
]


@pytest.mark.parametrize(
    ("info", "records", "record", "field", "words"),
    [case[1:] for case in FOLDER_CASES],
    ids=[case[0] for case in FOLDER_CASES],
)
def test_broken_folder_names_the_problem(
    tmp_path: Path,
    info: str | None,
    records: str,
    record: str | None,
    field: str | None,
    words: str,
) -> None:
    """A folder with a bad format version or bad file-level sources names file, record, field."""
    if info is not None:
        (tmp_path / "dataset.toml").write_text(info + "\n", encoding="utf-8")
    (tmp_path / "cities").mkdir()
    (tmp_path / "cities" / "alpha.toml").write_text(records, encoding="utf-8")
    with pytest.raises(DatasetError) as caught:
        sistercities.load(tmp_path)
    matching = [p for p in caught.value.problems if p.record == record and p.field == field]
    assert any(words in p.message for p in matching), [str(p) for p in caught.value.problems]


def test_an_uncited_source_is_a_problem_only_when_strict(tmp_path: Path) -> None:
    """A listed source that no fact cites loads, but fails under strict validation."""
    (tmp_path / "dataset.toml").write_text("format = 2\n", encoding="utf-8")
    extra = SOURCE_TOML.replace('key = "s"', 'key = "unused"')
    (tmp_path / "alpha.toml").write_text(CITY_TOML + SOURCE_TOML + extra, encoding="utf-8")
    assert len(sistercities.load(tmp_path).cities()) == 1
    with pytest.raises(DatasetError) as caught:
        sistercities.load(tmp_path, strict=True)
    (problem,) = caught.value.problems
    assert (problem.record, problem.field) == (None, "sources[1]")
    assert "'unused' is cited by no fact or note" in problem.message
    assert problem.file.endswith("alpha.toml")


def test_the_shipped_data_passes_strict_validation() -> None:
    """Every source listed in the shipped data is cited by some fact or note."""
    from importlib.resources import files  # noqa: PLC0415

    dataset = sistercities.load(files("sistercities.data"), strict=True)
    assert dataset == sistercities.dataset()


def test_one_bad_field_does_not_hide_the_record_s_other_problems(tmp_path: Path) -> None:
    """Every problem of a record is reported, not only the first.

    An unknown field and a wrong country code are both named, and so are an impossible month
    and a tie to a city that does not exist.
    """
    document = copy.deepcopy(BASE)
    city(document).update(country="XX", population_count=5)
    relation(document).update(established="2020-13", cities=["alpha", "gamma"], id="alpha--gamma")
    with pytest.raises(DatasetError) as caught:
        sistercities.load(write_json(tmp_path, document))
    found = {(p.record, p.field) for p in caught.value.problems}
    assert ("alpha", None) in found  # the unknown field
    assert ("alpha", "country") in found
    assert ("alpha--gamma", "established") in found
    assert ("alpha--gamma", "cities[1]") in found
    assert ("alpha--gamma", "established_source") not in found


@pytest.mark.parametrize("text", ["null", "[]", '"cities"', "3"])
def test_json_that_is_not_an_object_is_refused(tmp_path: Path, text: str) -> None:
    """`null`, an array or any other JSON value is a problem, never an empty dataset."""
    path = tmp_path / "dataset.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DatasetError) as caught:
        sistercities.load(path)
    (problem,) = caught.value.problems
    assert "must hold a JSON object with 'cities' and 'relations'" in problem.message


def test_records_listing_one_source_share_it_and_each_hears_of_its_problems(
    tmp_path: Path,
) -> None:
    """Records that list the same single source share one tuple of it.

    A problem of that source is still named in every record that lists it.
    """
    dataset = sistercities.load(write_json(tmp_path, BASE))
    alpha, beta = dataset.cities()
    (tie,) = dataset.relations()
    assert alpha.sources is beta.sources is tie.sources
    document = copy.deepcopy(BASE)
    for record in (*document["cities"], *document["relations"]):
        record["sources"][0]["url"] = "ftp://example.org/a"
    with pytest.raises(DatasetError) as caught:
        sistercities.load(write_json(tmp_path, document))
    named = {p.record for p in caught.value.problems if p.field == "sources[0].url"}
    assert named == {"alpha", "beta", "alpha--beta"}


def test_sources_alike_only_in_key_are_kept_apart(tmp_path: Path) -> None:
    """A source is shared only with a table equal to its own, not with one under the same key."""
    document = copy.deepcopy(BASE)
    document["cities"][1]["sources"] = [{**SOURCE, "title": "Other"}]
    document["relations"][0]["sources"] = [{**SOURCE, "published": "2023"}]
    dataset = sistercities.load(write_json(tmp_path, document))
    alpha, beta = dataset.cities()
    (tie,) = dataset.relations()
    assert [s.title for s in (*alpha.sources, *beta.sources, *tie.sources)] == ["T", "Other", "T"]
    assert str(tie.sources[0].published) == "2023"
    assert alpha.sources[0].published is None


@pytest.mark.parametrize("enabled", [True, False])
def test_a_load_leaves_the_collector_as_it_found_it(tmp_path: Path, enabled: bool) -> None:
    """The collector is on or off as before, and what a program froze stays frozen."""
    path = write_json(tmp_path, BASE)
    was_enabled = gc.isenabled()
    marker: list[object] = [object()]

    def frozen() -> bool:
        # The collector's lists of objects leave out the frozen ones.
        return not any(item is marker for item in gc.get_objects())

    try:
        if not enabled:
            gc.disable()
        gc.freeze()
        assert frozen()
        sistercities.load(path)
        assert frozen()
        assert gc.isenabled() is enabled
        gc.unfreeze()
        (tie,) = sistercities.load(path).relations()
        assert gc.get_freeze_count() == 0
        assert gc.isenabled() is enabled
        # The records went straight to the oldest generation, where they would end up anyway.
        assert any(item is tie for item in gc.get_objects(generation=2))
    finally:
        gc.unfreeze()
        if was_enabled:
            gc.enable()
