"""The GeoJSON export: RFC 7946 structure, longitude-latitude order and feature selection."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
from typing import Any

import geojson
from hypothesis import given

import sistercities
from sistercities import (
    City,
    Dataset,
    PartialDate,
    Relation,
    RelationKind,
    Source,
    StatusChange,
    StatusChangeKind,
)
from sistercities.export import features, to_geojson, write_geojson
from sistercities.records import Coordinates
from sistercities.strategies import datasets

SOURCE = Source("main", "https://example.org/a", "A page", "Example", dt.date(2024, 1, 1))


def city(city_id: str, coordinates: Coordinates | None) -> City:
    return City(city_id, city_id.title(), "BE", "city", (SOURCE,), coordinates=coordinates)


def tie(first: str, second: str) -> Relation:
    return Relation(f"{first}--{second}", (first, second), RelationKind.SISTER_CITY, (SOURCE,))


def lines_of(geometry: dict[str, Any]) -> list[list[list[float]]]:
    """The lines of a LineString or MultiLineString, each a list of positions."""
    if geometry["type"] == "LineString":
        return [geometry["coordinates"]]
    assert geometry["type"] == "MultiLineString"
    return list(geometry["coordinates"])


def check_structure(document: dict[str, Any]) -> None:
    """Assert the RFC 7946 shape of a FeatureCollection of points and lines.

    Lines never jump across the antimeridian (RFC 7946 section 3.1.9): a line that crosses it
    is split there, its parts meeting at longitude 180 and -180 at the same latitude. Every
    property of the same name has the same JSON type on every feature.
    """
    assert document["type"] == "FeatureCollection"
    assert "crs" not in document  # RFC 7946 removed it: positions are always WGS 84
    types: dict[str, set[str]] = {}
    for feature in document["features"]:
        assert set(feature) == {"type", "id", "geometry", "properties"}
        assert feature["type"] == "Feature"
        assert isinstance(feature["id"], str)
        geometry = feature["geometry"]
        if geometry["type"] == "Point":
            lines = [[geometry["coordinates"]]]
        else:
            lines = lines_of(geometry)
            assert all(len(line) >= 2 for line in lines)
        for line in lines:
            for position in line:
                assert len(position) == 2
                lon, lat = position
                assert -180 <= lon <= 180
                assert -90 <= lat <= 90
            for (lon1, _), (lon2, _) in itertools.pairwise(line):
                assert abs(lon2 - lon1) <= 180
        for first, second in itertools.pairwise(lines):
            assert abs(first[-1][0]) == abs(second[0][0]) == 180
            assert first[-1][1] == second[0][1]
        assert feature["properties"]["id"] == feature["id"]
        for key, value in feature["properties"].items():
            if value is not None:
                types.setdefault(key, set()).add(type(value).__name__)
    assert all(len(found) == 1 for found in types.values()), types


def test_shipped_dataset_is_a_valid_feature_collection() -> None:
    """The shipped dataset exports as a FeatureCollection that the geojson package accepts."""
    text = to_geojson(sistercities.dataset())
    check_structure(json.loads(text))
    parsed = geojson.loads(text)
    assert parsed.is_valid, parsed.errors()


def test_points_are_in_longitude_latitude_order() -> None:
    """Brussels (50.85 N, 4.35 E) is written as [4.3525, 50.8467], longitude first."""
    document = json.loads(to_geojson(sistercities.dataset()))
    brussels = next(f for f in document["features"] if f["id"] == "brussels-capital-region")
    assert brussels["geometry"] == {"type": "Point", "coordinates": [4.3525, 50.8467]}
    assert brussels["properties"]["name"] == "Brussels-Capital Region"
    assert brussels["properties"]["names"]["zh"] == "布鲁塞尔首都大区"
    assert brussels["properties"]["layer"] == "city"


def test_relations_are_lines_between_their_cities() -> None:
    """A tie is a line from its first city's point to its second's, with its dates."""
    document = json.loads(to_geojson(sistercities.dataset()))
    by_id = {feature["id"]: feature for feature in document["features"]}
    line = by_id["beijing--brussels-capital-region"]
    assert line["geometry"]["type"] == "LineString"
    positions = line["geometry"]["coordinates"]
    assert positions[0] == by_id["beijing"]["geometry"]["coordinates"]
    assert positions[-1] == by_id["brussels-capital-region"]["geometry"]["coordinates"]
    properties = line["properties"]
    assert properties["layer"] == "relation"
    assert properties["cities"] == ["beijing", "brussels-capital-region"]
    assert properties["city_names"] == ["Beijing", "Brussels-Capital Region"]
    assert properties["established"] == "1994-09-22"
    assert properties["precision"] == "day"
    assert properties["active"] is True


def test_unlocated_cities_and_their_ties_are_left_out() -> None:
    """Cities without coordinates, and ties touching them, are not drawn."""
    dataset = Dataset(
        [
            city("alpha", Coordinates(10.0, -20.0, "main")),
            city("beta", Coordinates(-30.5, 170.25, "main")),
            city("gamma", None),
        ],
        [tie("alpha", "beta"), tie("alpha", "gamma")],
    )
    document = json.loads(to_geojson(dataset))
    check_structure(document)
    assert [f["id"] for f in document["features"]] == ["alpha", "beta", "alpha--beta"]
    lines = lines_of(document["features"][2]["geometry"])
    assert lines[0][0] == [-20.0, 10.0]
    assert lines[-1][-1] == [170.25, -30.5]


def test_ended_ties_carry_their_end() -> None:
    """An ended tie is drawn with its end date and active set to false."""
    ended = Relation(
        "alpha--beta",
        ("alpha", "beta"),
        RelationKind.FRIENDSHIP_CITY,
        (SOURCE,),
        established=PartialDate(1990, 5),
        established_source="main",
        status_changes=(
            StatusChange(PartialDate(2019, 10, 9), StatusChangeKind.ENDED, "ended", "main"),
        ),
    )
    dataset = Dataset(
        [city("alpha", Coordinates(1.0, 2.0, "main")), city("beta", Coordinates(3.0, 4.0, "main"))],
        [ended],
    )
    properties = json.loads(to_geojson(dataset))["features"][-1]["properties"]
    assert properties["ended"] == "2019-10-09"
    assert properties["active"] is False
    assert properties["precision"] == "month"
    assert properties["kind"] == "friendship-city"


def test_write_geojson_matches_to_geojson() -> None:
    """Streaming to a text stream gives the same document as to_geojson."""
    stream = io.StringIO()
    write_geojson(sistercities.dataset(), stream)
    assert stream.getvalue() == to_geojson(sistercities.dataset())


@given(datasets())
def test_any_dataset_gives_one_feature_per_located_record(dataset: Dataset) -> None:
    """For any dataset, every located city and every tie between two of them is one feature."""
    document = json.loads(to_geojson(dataset))
    check_structure(document)
    located = {c.id: c for c in dataset.cities() if c.coordinates is not None}
    drawn = [r for r in dataset.relations() if set(r.cities) <= located.keys()]
    assert [f["id"] for f in document["features"]] == [*located, *(r.id for r in drawn)]
    assert document["features"] == list(features(dataset))
    for feature in document["features"][: len(located)]:
        coordinates = located[feature["id"]].coordinates
        assert coordinates is not None
        assert feature["geometry"]["coordinates"] == [coordinates.lon, coordinates.lat]


def test_ties_to_the_americas_cross_the_pacific_on_the_great_circle() -> None:
    """Beijing–New York runs north over the Arctic and is split at the antimeridian.

    The great circle from Beijing (116 E) to New York (74 W) is the short way round, east over
    the Pacific side, not west across Europe; it crosses 180 degrees and so comes in two parts.
    """
    document = json.loads(to_geojson(sistercities.dataset()))
    line = next(f for f in document["features"] if f["id"] == "beijing--new-york-city")
    assert line["geometry"]["type"] == "MultiLineString"
    west, east = lines_of(line["geometry"])
    assert all(lon >= 116 for lon, _ in west)
    assert all(lon <= -74 for lon, _ in east)
    assert max(lat for _, lat in (*west, *east)) > 70
    assert not any(-20 < lon < 60 for lon, _ in (*west, *east))


def test_layers_can_be_asked_for_one_at_a_time() -> None:
    """`layer="cities"` gives only points, `layer="relations"` only lines."""
    data = sistercities.dataset()
    cities = json.loads(to_geojson(data, layer="cities"))["features"]
    lines = json.loads(to_geojson(data, layer="relations"))["features"]
    assert {f["geometry"]["type"] for f in cities} == {"Point"}
    assert {f["geometry"]["type"] for f in lines} == {"LineString", "MultiLineString"}
    assert len(cities) + len(lines) == len(json.loads(to_geojson(data))["features"])


@given(datasets())
def test_any_dataset_gives_well_formed_great_circles(dataset: Dataset) -> None:
    """Every generated dataset's lines stay on the map and never jump across it."""
    check_structure(json.loads(to_geojson(dataset)))
