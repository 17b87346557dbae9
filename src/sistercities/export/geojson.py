"""A GeoJSON (RFC 7946) FeatureCollection for web maps such as Leaflet or MapLibre.

Cities with coordinates are ``Point`` features; each relation between two such cities is a
``LineString`` from the first city to the second. Positions are ``[longitude, latitude]`` as
the RFC requires. Every feature's ``id`` is the record's id, and its ``properties`` carry
``"layer"`` (``"city"`` or ``"relation"``) so that a map can style the two apart. Records
without coordinates are left out, since GeoJSON has no place to draw them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TextIO

from sistercities.dataset import Dataset
from sistercities.partialdate import PartialDate
from sistercities.records import City, Relation

__all__ = ["features", "to_geojson", "write_geojson"]


def features(dataset: Dataset) -> Iterator[dict[str, Any]]:
    """The GeoJSON features of ``dataset``: its located cities, then the ties between them."""
    located = {city.id: city for city in dataset.cities() if city.coordinates is not None}
    for city in located.values():
        yield _city_feature(city)
    for relation in dataset.relations():
        first, second = relation.cities
        if first in located and second in located:
            yield _relation_feature(relation, located[first], located[second])


def write_geojson(dataset: Dataset, stream: TextIO) -> None:
    """Write the FeatureCollection of ``dataset`` to a UTF-8 text stream, one feature a line."""
    stream.writelines(_chunks(dataset))


def to_geojson(dataset: Dataset) -> str:
    """The FeatureCollection of ``dataset`` as a string.

    >>> import json
    >>> from sistercities import dataset
    >>> json.loads(to_geojson(dataset()))["type"]
    'FeatureCollection'
    """
    return "".join(_chunks(dataset))


def _chunks(dataset: Dataset) -> Iterator[str]:
    yield '{"type": "FeatureCollection", "features": ['
    for index, feature in enumerate(features(dataset)):
        yield ("," if index else "") + "\n" + _dump(feature)
    yield "\n]}\n"


def _position(city: City) -> list[float]:
    assert city.coordinates is not None  # only located cities are drawn
    return [city.coordinates.lon, city.coordinates.lat]


def _city_feature(city: City) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": city.id,
        "geometry": {"type": "Point", "coordinates": _position(city)},
        "properties": {
            "layer": "city",
            "id": city.id,
            "name": city.name,
            "names": dict(city.names),
            "country": city.country,
            "kind": city.kind,
        },
    }


def _relation_feature(relation: Relation, first: City, second: City) -> dict[str, Any]:
    ended = relation.ended
    return {
        "type": "Feature",
        "id": relation.id,
        "geometry": {"type": "LineString", "coordinates": [_position(first), _position(second)]},
        "properties": {
            "layer": "relation",
            "id": relation.id,
            "kind": relation.kind.value,
            "cities": [first.id, second.id],
            "names": [first.name, second.name],
            "countries": [first.country, second.country],
            "established": _iso(relation.established),
            "precision": None
            if relation.established is None
            else relation.established.precision.value,
            "ended": None if ended is None else _iso(ended.date),
            "active": ended is None,
            "status": relation.status.value,
        },
    }


def _iso(date: PartialDate | None) -> str | None:
    return None if date is None else date.isoformat()


def _dump(feature: dict[str, Any]) -> str:
    return json.dumps(feature, ensure_ascii=False, allow_nan=False)
