"""The CSV export: header, column order, spreadsheet safety and the round trip through csv."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
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
from sistercities.export import CITY_COLUMNS, RELATION_COLUMNS, to_csv, write_csv
from sistercities.records import Coordinates, Population
from sistercities.strategies import datasets

SOURCE = Source("main", "https://example.org/a", "A page", "Example", dt.date(2024, 1, 1))
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def city(city_id: str, name: str, coordinates: Coordinates | None = None) -> City:
    return City(city_id, name, "BE", "city", (SOURCE,), coordinates=coordinates)


def read(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def safe(value: str) -> str:
    """What the export writes for a text value: a leading apostrophe before a formula start."""
    return "'" + value if value.startswith(DANGEROUS) else value


def test_relations_table_has_a_header_in_the_documented_order() -> None:
    """The first row names the relation columns in their fixed order."""
    text = to_csv(sistercities.dataset())
    assert next(csv.reader(io.StringIO(text, newline=""))) == list(RELATION_COLUMNS)
    assert RELATION_COLUMNS[:8] == (
        "id",
        "kind",
        "city1_id",
        "city1_name",
        "city1_country",
        "city2_id",
        "city2_name",
        "city2_country",
    )


def test_relations_table_carries_both_cities_and_the_dates() -> None:
    """Each relation row names both cities with their countries, the date and its precision."""
    rows = {row["id"]: row for row in read(to_csv(sistercities.dataset()))}
    assert len(rows) == len(sistercities.relations())
    row = rows["beijing--brussels-capital-region"]
    assert row["city1_name"] == "Beijing"
    assert row["city1_country"] == "CN"
    assert row["city2_id"] == "brussels-capital-region"
    assert row["city2_name"] == "Brussels-Capital Region"
    assert row["city2_country"] == "BE"
    assert row["established"] == "1994-09-22"
    assert row["precision"] == "day"
    assert row["kind"] == "sister-city"
    assert row["ended"] == ""
    assert row["sources"].startswith("http")


def test_cities_table_on_request() -> None:
    """table="cities" gives one row per city under the city header."""
    text = to_csv(sistercities.dataset(), table="cities")
    rows = read(text)
    assert list(rows[0]) == list(CITY_COLUMNS)
    assert [row["id"] for row in rows] == [c.id for c in sistercities.cities()]
    brussels = next(row for row in rows if row["id"] == "brussels-capital-region")
    assert brussels["name_zh"] == "布鲁塞尔首都大区"
    assert float(brussels["lat"]) == pytest.approx(50.8467)
    assert float(brussels["lon"]) == pytest.approx(4.3525)


def test_unknown_table_is_refused() -> None:
    """A table other than relations or cities raises ValueError."""
    with pytest.raises(ValueError, match="table"):
        to_csv(sistercities.dataset(), table="events")  # type: ignore[arg-type]


def test_rows_end_in_crlf_and_the_file_is_utf8(tmp_path: Path) -> None:
    """Written to a file, the table is UTF-8 with CRLF row ends, as RFC 4180 has it."""
    path = tmp_path / "relations.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        write_csv(sistercities.dataset(), stream, table="cities")
    data = path.read_bytes()
    assert data.decode("utf-8").count("\r\n") == len(sistercities.cities()) + 1
    assert "布鲁塞尔首都大区".encode() in data


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "=cmd|' /C calc'!A0"],
)
def test_formula_cells_are_neutralised(text: str) -> None:
    """A text cell starting with =, +, -, @, tab or CR gets a leading apostrophe."""
    dataset = Dataset(
        [city("alpha", "Alpha"), city("beta", "Beta")],
        [
            Relation(
                "alpha--beta",
                ("alpha", "beta"),
                RelationKind.SISTER_CITY,
                (SOURCE,),
                established=PartialDate(2000),
                established_source="main",
                status_changes=(
                    StatusChange(PartialDate(2001), StatusChangeKind.ENDED, text, "main"),
                ),
            )
        ],
    )
    (row,) = read(to_csv(dataset))
    assert row["ended_reason"] == "'" + text


def test_formula_names_are_neutralised_in_both_tables() -> None:
    """City names that look like formulas are neutralised in the relations and cities tables."""
    dataset = Dataset(
        [city("alpha", "=1+2"), city("beta", "@Beta")],
        [Relation("alpha--beta", ("alpha", "beta"), RelationKind.PARTNERSHIP, (SOURCE,))],
    )
    (row,) = read(to_csv(dataset))
    assert (row["city1_name"], row["city2_name"]) == ("'=1+2", "'@Beta")
    names = [row["name"] for row in read(to_csv(dataset, table="cities"))]
    assert names == ["'=1+2", "'@Beta"]


def test_numbers_written_by_the_exporter_are_not_prefixed() -> None:
    """A negative longitude stays a number rather than text with an apostrophe."""
    west = City(
        "west",
        "West",
        "US",
        "city",
        (SOURCE,),
        coordinates=Coordinates(40.7, -74.0, "main"),
        population=Population(8_000_000, PartialDate(2020), source="main"),
    )
    (row,) = read(to_csv(Dataset([west], []), table="cities"))
    assert row["lon"] == "-74.0"
    assert row["population"] == "8000000"
    assert row["population_reference_date"] == "2020"


def test_multiline_text_survives_the_round_trip() -> None:
    """A reason with line breaks and commas reads back as one cell."""
    reason = 'Ended, after a vote;\nsee the "minutes"'
    dataset = Dataset(
        [city("alpha", "Alpha"), city("beta", "Beta")],
        [
            Relation(
                "alpha--beta",
                ("alpha", "beta"),
                RelationKind.COOPERATION,
                (SOURCE,),
                established=PartialDate(2000, 2, 29),
                established_source="main",
                status_changes=(
                    StatusChange(PartialDate(2001), StatusChangeKind.ENDED, reason, "main"),
                ),
            )
        ],
    )
    (row,) = read(to_csv(dataset))
    assert row["ended_reason"] == reason
    assert row["established"] == "2000-02-29"


def test_write_csv_matches_to_csv() -> None:
    """Streaming to a text stream gives the same table as to_csv."""
    stream = io.StringIO(newline="")
    write_csv(sistercities.dataset(), stream)
    assert stream.getvalue() == to_csv(sistercities.dataset())


@given(datasets())
def test_any_dataset_reads_back_row_for_row(dataset: Dataset) -> None:
    """For any dataset, the csv module reads back every relation and city with its fields."""
    rows = read(to_csv(dataset))
    assert len(rows) == len(dataset.relations())
    for relation, row in zip(dataset.relations(), rows, strict=True):
        first, second = (dataset.get_city(city_id) for city_id in relation.cities)
        assert row["id"] == relation.id
        assert row["kind"] == relation.kind.value
        assert (row["city1_id"], row["city2_id"]) == relation.cities
        assert (row["city1_name"], row["city2_name"]) == (safe(first.name), safe(second.name))
        assert (row["city1_country"], row["city2_country"]) == (first.country, second.country)
        established = relation.established
        assert row["established"] == (established.isoformat() if established else "")
        assert row["precision"] == (established.precision.value if established else "")
        ended = relation.ended
        assert row["ended"] == (ended.date.isoformat() if ended else "")
        assert row["ended_reason"] == (safe(ended.reason) if ended else "")
        assert row["sources"].split() == [source.url for source in relation.sources]
    city_rows = read(to_csv(dataset, table="cities"))
    assert [row["id"] for row in city_rows] == [city.id for city in dataset.cities()]
    for city_record, row in zip(dataset.cities(), city_rows, strict=True):
        assert row["name"] == safe(city_record.name)
        located = city_record.coordinates
        assert row["lat"] == ("" if located is None else repr(located.lat))
        assert row["lon"] == ("" if located is None else repr(located.lon))


def test_the_names_column_follows_the_language_asked_for() -> None:
    """The cities table names its column after the language, Chinese by default."""
    data = sistercities.dataset()
    default = read(to_csv(data, table="cities"))
    assert next(r for r in default if r["id"] == "tokyo")["name_zh"] == "东京都"
    japanese = read(to_csv(data, table="cities", language="ja"))
    assert next(r for r in japanese if r["id"] == "tokyo")["name_ja"] == "東京都"
    assert "name_zh" not in japanese[0]
    with pytest.raises(ValueError, match="language tag"):
        to_csv(data, table="cities", language="ja,zh")
