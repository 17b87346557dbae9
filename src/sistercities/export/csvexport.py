"""Flat CSV tables of relations or cities that open safely in a spreadsheet.

Tables are UTF-8 with a header row and a fixed column order (:data:`RELATION_COLUMNS`,
:data:`CITY_COLUMNS`). The cities table has one column of names in a language of your choice,
``name_zh`` (Chinese) unless you ask for another, such as ``language="ja"`` for ``name_ja``.
A text cell that a spreadsheet would run as a formula (one starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) gets a leading apostrophe; numbers that the exporter writes
itself, such as a negative longitude, are left as they are.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from typing import Final, Literal, TextIO

from sistercities.dataset import Dataset
from sistercities.errors import ArgumentError
from sistercities.records import Area, City, Population, Relation, Source

__all__ = ["CITY_COLUMNS", "RELATION_COLUMNS", "Table", "to_csv", "write_csv"]

#: Which table to write.
Table = Literal["relations", "cities"]

#: The columns of the relations table, in order.
RELATION_COLUMNS: Final = (
    "id",
    "kind",
    "city1_id",
    "city1_name",
    "city1_country",
    "city2_id",
    "city2_name",
    "city2_country",
    "established",
    "precision",
    "ended",
    "ended_reason",
    "status",
    "sources",
)
#: The columns of the cities table, in order.
CITY_COLUMNS: Final = (
    "id",
    "name",
    "name_zh",
    "country",
    "kind",
    "lat",
    "lon",
    "population",
    "population_reference_date",
    "population_scope",
    "area_km2",
    "area_reference_date",
    "area_scope",
    "head_title",
    "head_name",
    "head_since",
    "sources",
)

_FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
_LANGUAGE: Final = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")

_Cell = str | int | float | None


def write_csv(
    dataset: Dataset, stream: TextIO, *, table: Table = "relations", language: str = "zh"
) -> None:
    """Write one table of ``dataset`` to a text stream, row by row.

    ``language`` is the BCP 47 tag of the cities table's column of names (``name_zh`` by
    default). Open the stream with ``newline=""`` and ``encoding="utf-8"``, as :mod:`csv` asks,
    so that line ends stay CRLF and line breaks inside cells survive.
    """
    if not _LANGUAGE.fullmatch(language):
        msg = f"language must be a language tag such as 'zh' or 'zh-Hant', found {language!r}"
        raise ArgumentError(msg)
    writer = csv.writer(stream)
    for row in _rows(dataset, table, language):
        writer.writerow(row)


def to_csv(dataset: Dataset, *, table: Table = "relations", language: str = "zh") -> str:
    """One table of ``dataset`` as a CSV string; the arguments are those of :func:`write_csv`.

    >>> from sistercities import dataset
    >>> to_csv(dataset()).splitlines()[0].split(",")[:3]
    ['id', 'kind', 'city1_id']
    >>> to_csv(dataset(), table="cities", language="ja").splitlines()[0].split(",")[:3]
    ['id', 'name', 'name_ja']
    """
    buffer = io.StringIO(newline="")
    write_csv(dataset, buffer, table=table, language=language)
    return buffer.getvalue()


def _rows(dataset: Dataset, table: Table, language: str) -> Iterator[list[_Cell]]:
    if table == "relations":
        yield list(RELATION_COLUMNS)
        for relation in dataset.relations():
            yield _relation_row(dataset, relation)
    elif table == "cities":
        yield [f"name_{language}" if column == "name_zh" else column for column in CITY_COLUMNS]
        for city in dataset.cities():
            yield _city_row(city, language)
    else:
        msg = f"table must be 'relations' or 'cities', found {table!r}"
        raise ArgumentError(msg)


def _relation_row(dataset: Dataset, relation: Relation) -> list[_Cell]:
    first, second = (dataset.get_city(city_id) for city_id in relation.cities)
    established, ended = relation.established, relation.ended
    return [
        _text(relation.id),
        _text(relation.kind.value),
        *(_text(value) for value in (first.id, first.name, first.country)),
        *(_text(value) for value in (second.id, second.name, second.country)),
        _text(None if established is None else established.isoformat()),
        _text(None if established is None else established.precision.value),
        _text(None if ended is None else ended.date.isoformat()),
        _text(None if ended is None else ended.reason),
        _text(relation.status.value),
        _sources(relation.sources),
    ]


def _city_row(city: City, language: str) -> list[_Cell]:
    coordinates, population, area = city.coordinates, city.population, city.area
    head = city.government.head if city.government else None
    return [
        _text(city.id),
        _text(city.name),
        _text(city.names.get(language)),
        _text(city.country),
        _text(city.kind),
        None if coordinates is None else coordinates.lat,
        None if coordinates is None else coordinates.lon,
        None if population is None else population.count,
        *_reference(population),
        None if area is None else area.km2,
        *_reference(area),
        _text(None if head is None else head.title),
        _text(None if head is None else head.name),
        _text(None if head is None or head.since is None else head.since.isoformat()),
        _sources(city.sources),
    ]


def _reference(quantity: Area | Population | None) -> tuple[str, str]:
    if quantity is None:
        return "", ""
    reference, scope = quantity.reference_date, quantity.scope
    return (
        _text(None if reference is None else reference.isoformat()),
        _text(None if scope is None else scope.value),
    )


def _sources(sources: tuple[Source, ...]) -> str:
    # URLs hold no whitespace (the checks require it), so a space separates them unambiguously.
    return _text(" ".join(source.url for source in sources))


def _text(value: str | None) -> str:
    if value is None:
        return ""
    if value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value
