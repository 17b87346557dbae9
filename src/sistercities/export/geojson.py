"""A GeoJSON (RFC 7946) FeatureCollection for web maps such as Leaflet or MapLibre.

Cities with coordinates are ``Point`` features; each relation between two such cities is a
line from the first city to the second along the great circle, the short way round, as a
``LineString``, or as a ``MultiLineString`` split at the antimeridian as RFC 7946 section 3.1.9
asks, so that Beijing–New York crosses the Pacific on every map. Positions are
``[longitude, latitude]`` as the RFC requires. Every feature's ``id`` is the record's id, and its
``properties`` carry ``"layer"`` (``"city"`` or ``"relation"``) so that a map can style the two
apart; a property of the same name has the same type on every feature. ``layer=`` gives one
layer alone, for tools (such as Shapefiles) that take one kind of geometry per layer. Records
without coordinates are left out, since GeoJSON has no place to draw them.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Iterator
from typing import Any, Final, Literal, TextIO

from sistercities.dataset import Dataset
from sistercities.errors import ArgumentError
from sistercities.partialdate import PartialDate
from sistercities.records import City, Relation

__all__ = ["Layer", "features", "to_geojson", "write_geojson"]

#: Which features to give: ``"all"``, only the ``"cities"`` (points) or only the ``"relations"``.
Layer = Literal["all", "cities", "relations"]

# One point per this many degrees of arc keeps the curve smooth on a world map.
_DEGREES_PER_STEP: Final = 2.0


def features(dataset: Dataset, *, layer: Layer = "all") -> Iterator[dict[str, Any]]:
    """The GeoJSON features of ``dataset``: its located cities, then the ties between them."""
    if layer not in ("all", "cities", "relations"):
        msg = f"layer must be 'all', 'cities' or 'relations', found {layer!r}"
        raise ArgumentError(msg)
    located = {city.id: city for city in dataset.cities() if city.coordinates is not None}
    if layer != "relations":
        for city in located.values():
            yield _city_feature(city)
    if layer == "cities":
        return
    for relation in dataset.relations():
        first, second = relation.cities
        if first in located and second in located:
            yield _relation_feature(relation, located[first], located[second])


def write_geojson(dataset: Dataset, stream: TextIO, *, layer: Layer = "all") -> None:
    """Write the FeatureCollection of ``dataset`` to a UTF-8 text stream, one feature a line."""
    stream.writelines(_chunks(dataset, layer))


def to_geojson(dataset: Dataset, *, layer: Layer = "all") -> str:
    """The FeatureCollection of ``dataset`` as a string; ``layer`` as for :func:`features`.

    >>> import json
    >>> from sistercities import dataset
    >>> json.loads(to_geojson(dataset()))["type"]
    'FeatureCollection'
    """
    return "".join(_chunks(dataset, layer))


def _chunks(dataset: Dataset, layer: Layer) -> Iterator[str]:
    # Checked before the first chunk, so that a bad layer writes nothing at all.
    found = features(dataset, layer=layer)
    first = next(found, None)
    yield '{"type": "FeatureCollection", "features": ['
    if first is not None:
        yield "\n" + _dump(first)
    for feature in found:
        yield ",\n" + _dump(feature)
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
        "geometry": _geodesic(_position(first), _position(second)),
        "properties": {
            "layer": "relation",
            "id": relation.id,
            "kind": relation.kind.value,
            "cities": [first.id, second.id],
            "city_names": [first.name, second.name],
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


def _geodesic(start: list[float], end: list[float]) -> dict[str, Any]:
    """The great-circle line from ``start`` to ``end``, split where it crosses 180 degrees."""
    points = _great_circle(start, end)
    lines: list[list[list[float]]] = [[points[0]]]
    for previous, point in itertools.pairwise(points):
        if abs(point[0] - previous[0]) > 180:
            edge = math.copysign(180.0, previous[0])
            unwrapped = point[0] + 2 * edge
            share = (edge - previous[0]) / (unwrapped - previous[0])
            lat = previous[1] + share * (point[1] - previous[1])
            lines[-1].append([edge, lat])
            lines.append([[-edge, lat]])
        lines[-1].append(point)
    if len(lines) == 1:
        return {"type": "LineString", "coordinates": lines[0]}
    return {"type": "MultiLineString", "coordinates": lines}


def _great_circle(start: list[float], end: list[float]) -> list[list[float]]:
    a, b = _vector(start), _vector(end)
    angle = math.acos(max(-1.0, min(1.0, sum(x * y for x, y in zip(a, b, strict=True)))))
    steps = max(1, math.ceil(math.degrees(angle) / _DEGREES_PER_STEP))
    # The same place, or opposite ends of the Earth, where every great circle is as short.
    if angle < 1e-9 or math.pi - angle < 1e-9:
        return [start, end]
    # Plain locals and one sine of the whole arc: this loop makes most of a big export's points.
    (ax, ay, az), (bx, by, bz) = a, b
    whole = math.sin(angle)
    sin, asin, atan2, degrees = math.sin, math.asin, math.atan2, math.degrees
    points = [start]
    for step in range(1, steps):
        share = step / steps
        first = sin((1 - share) * angle) / whole
        second = sin(share * angle) / whole
        x, y, z = first * ax + second * bx, first * ay + second * by, first * az + second * bz
        lat = asin(max(-1.0, min(1.0, z)))  # rounding may push z a hair past 1
        points.append([round(degrees(atan2(y, x)), 6), round(degrees(lat), 6)])
    points.append(end)
    return points


def _vector(position: list[float]) -> tuple[float, float, float]:
    lon, lat = (math.radians(value) for value in position)
    return (math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat))


def _iso(date: PartialDate | None) -> str | None:
    return None if date is None else date.isoformat()


def _dump(feature: dict[str, Any]) -> str:
    return json.dumps(feature, ensure_ascii=False, allow_nan=False)
