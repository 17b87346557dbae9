from __future__ import annotations

import copy
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
    "schema_version": 1,
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
            "sources": [SOURCE],
        }
    ],
}


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
        setter(city, population={"count": "12", "as_of": "2020"}),
        "alpha",
        "population.count",
        "expected a whole number, found str '12'",
    ),
    (
        "population as bool",
        setter(city, population={"count": True, "as_of": "2020"}),
        "alpha",
        "population.count",
        "whole number",
    ),
    ("area as text", setter(city, area={"km2": "161"}), "alpha", "area.km2", "expected a number"),
    ("area infinite", setter(city, area={"km2": float("inf")}), "alpha", "area.km2", "finite"),
    ("area negative", setter(city, area={"km2": -3.0}), "alpha", "area.km2", "positive"),
    (
        "population zero",
        setter(city, population={"count": 0, "as_of": "2020"}),
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
    ("unknown kind", setter(city, kind="village"), "alpha", "kind", "is not one of"),
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
        "no source of this record has the key 'nope'",
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
        setter(relation, ended={"date": "1990", "reason": "r"}),
        "alpha--beta",
        "ended.date",
        "before it was established",
    ),
    (
        "ended without reason",
        setter(relation, ended={"date": "2019"}),
        "alpha--beta",
        "ended.reason",
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
    ("same tie listed both ways", duplicate_tie, "beta--alpha", "cities", "same tie as"),
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
        setter(city, government={"head": {"title": "M", "name": "N", "since": "2013-02-30"}}),
        "alpha",
        "government.head.since",
        "does not exist",
    ),
    (
        "head reelected not a list",
        setter(city, government={"head": {"title": "M", "name": "N", "reelected": "2019"}}),
        "alpha",
        "government.head.reelected",
        "expected a list",
    ),
    (
        "head in the future",
        setter(city, government={"head": {"title": "M", "name": "N", "since": "2999"}}),
        "alpha",
        "government.head.since",
        "in the future",
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
        "no source of this record",
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
        "no source of this record",
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
        "population without year",
        setter(city, population={"count": 5}),
        "alpha",
        "population.as_of",
        "required",
    ),
    (
        "population year in the future",
        setter(city, population={"count": 5, "as_of": "2999"}),
        "alpha",
        "population.as_of",
        "in the future",
    ),
    (
        "area year impossible",
        setter(city, area={"km2": 1.0, "as_of": "2020-13"}),
        "alpha",
        "area.as_of",
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
    ("notes not text", setter(city, notes={"a": 1}), "alpha", "notes", "expected text"),
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
        "no source of this record",
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
        "no source of this record",
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
        setter(relation, ended={"date": "2019-02-29", "reason": "r"}),
        "alpha--beta",
        "ended.date",
        "does not exist",
    ),
    ("ended as text", setter(relation, ended="2019"), "alpha--beta", "ended", ""),
    (
        "ended in the future",
        setter(relation, ended={"date": "2999", "reason": "r"}),
        "alpha--beta",
        "ended.date",
        "in the future",
    ),
    (
        "ended dangling source",
        setter(relation, ended={"date": "2019", "reason": "r", "source": "nope"}),
        "alpha--beta",
        "ended.source",
        "no source of this record",
    ),
    (
        "established dangling source",
        setter(relation, established_source="nope"),
        "alpha--beta",
        "established_source",
        "no source of this record",
    ),
    ("empty relation kind", setter(relation, kind=""), "alpha--beta", "kind", "expected one of"),
    ("relation id uppercase", setter(relation, id="Alpha--Beta"), "Alpha--Beta", "id", "lowercase"),
    ("relation id empty", setter(relation, id=""), "relations[0]", "id", "lowercase"),
    (
        "relation notes with escape",
        setter(relation, notes="x\x1b[2Jy"),
        "alpha--beta",
        "notes",
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
    # The dataset's own description.
    (
        "official counts as a table",
        lambda d: d.update(official_counts={"date": "2019"}),
        None,
        "official_counts",
        "expected a list",
    ),
    (
        "official count bad url",
        lambda d: d.update(official_counts=[{"date": "2019", "url": "x", "publisher": "p"}]),
        "official_counts[0]",
        "url",
        "not an http(s) URL",
    ),
    (
        "official count in the future",
        lambda d: d.update(
            official_counts=[{"date": "2999", "url": "https://example.org", "publisher": "p"}]
        ),
        "official_counts[0]",
        "date",
        "in the future",
    ),
    (
        "official count without url",
        lambda d: d.update(official_counts=[{"date": "2019", "publisher": "p"}]),
        None,
        "official_counts[0].url",
        "required",
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
    ("unknown top-level key", lambda d: d.update(extra=1), None, "extra", "unknown top-level"),
    (
        "wrong schema version",
        lambda d: d.update(schema_version=2),
        None,
        "schema_version",
        "expected schema version 1",
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
    toml = """
[[cities]]
id = "alpha"
name = "Alpha"
country = "BE"
kind = "city"
[[cities.sources]]
key = "s"
url = "https://example.org/"
title = "T"
publisher = "P"
accessed = 2024-01-01

[[cities]]
id = "beta"
name = "Beta"
country = "FR"
kind = "city"
sources = [
  { key = "s", url = "https://example.org/", title = "T", publisher = "P", accessed = 2024-01-01 },
]

[[relations]]
id = "alpha--beta"
cities = ["alpha", "beta"]
kind = "friendship-city"
established = 1994-09-22
sources = [
  { key = "s", url = "https://example.org/", title = "T", publisher = "P", accessed = 2024-01-01 },
]
"""
    (tmp_path / "ties").mkdir()
    path = tmp_path / "ties" / "mine.toml"
    path.write_text(toml, encoding="utf-8")
    from_file = sistercities.load(path)
    from_folder = sistercities.load(tmp_path)
    assert from_file == from_folder
    assert str(from_file.get_city("alpha").sources[0].accessed) == "2024-01-01"
    assert str(from_file.relations()[0].established) == "1994-09-22"
