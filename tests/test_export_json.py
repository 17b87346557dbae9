"""The JSON export: schema, streaming, and the round trip through sistercities.load."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import sistercities
from sistercities import CityNotFoundError, Dataset, DatasetInfo, PartialDate, load
from sistercities.converter import converter
from sistercities.export import SCHEMA_VERSION, iter_json, schema, subset, to_json, write_json
from sistercities.records import (
    Agreement,
    Area,
    City,
    Coordinates,
    Event,
    Executive,
    ExecutiveRole,
    FormerName,
    Government,
    Head,
    InstitutionalTie,
    Legislature,
    Network,
    Note,
    OfficialCount,
    Population,
    Profile,
    Relation,
    Source,
    StatusChange,
    Subdivisions,
)
from sistercities.strategies import datasets

_RECORDS: dict[str, type[Any]] = {
    "source": Source,
    "coordinates": Coordinates,
    "area": Area,
    "population": Population,
    "subdivisions": Subdivisions,
    "legislature": Legislature,
    "executiveRole": ExecutiveRole,
    "executive": Executive,
    "head": Head,
    "government": Government,
    "profile": Profile,
    "formerName": FormerName,
    "city": City,
    "statusChange": StatusChange,
    "note": Note,
    "network": Network,
    "agreement": Agreement,
    "event": Event,
    "institutionalTie": InstitutionalTie,
    "relation": Relation,
    "officialCount": OfficialCount,
}


def validate(document: object) -> None:
    validator = jsonschema.Draft202012Validator(
        schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    validator.validate(document)


def load_json_text(text: str) -> Dataset:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.json"
        path.write_text(text, encoding="utf-8")
        return load(path)


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    """The shipped schema is itself valid under the JSON Schema 2020-12 meta-schema."""
    document = schema()
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(document)


@pytest.mark.parametrize(("name", "record"), sorted(_RECORDS.items()))
def test_schema_lists_exactly_the_fields_of_each_record(name: str, record: type[Any]) -> None:
    """Each record's schema names its attrs fields and requires exactly those without defaults."""
    definition = schema()["$defs"][name]
    fields = attrs.fields(record)
    assert set(definition["properties"]) == {field.name for field in fields}
    required = {field.name for field in fields if field.default is attrs.NOTHING}
    assert set(definition["required"]) == required
    assert definition["additionalProperties"] is False


def test_shipped_dataset_export_validates_against_the_schema() -> None:
    """The JSON export of the shipped dataset is valid under the shipped schema."""
    validate(json.loads(to_json(sistercities.dataset())))


def test_shipped_dataset_round_trips_through_load() -> None:
    """Loading the JSON export of the shipped dataset gives back an equal dataset."""
    original = sistercities.dataset()
    assert load_json_text(to_json(original)) == original


def test_document_has_the_versioned_layout() -> None:
    """The document holds the schema version, data version, checked date, totals and records."""
    original = sistercities.dataset()
    document = json.loads(to_json(original))
    assert list(document) == [
        "schema_version",
        "data_version",
        "checked",
        "networks",
        "cities",
        "relations",
    ]
    assert document["schema_version"] == SCHEMA_VERSION == 2
    assert document["data_version"] == original.data_version
    assert [city["id"] for city in document["cities"]] == [c.id for c in original.cities()]
    assert [rel["id"] for rel in document["relations"]] == [r.id for r in original.relations()]


def test_query_result_exports_as_a_dataset_of_its_own() -> None:
    """A subset of one city's ties exports with only their cities and loads back equal."""
    original = sistercities.dataset()
    part = subset(original, original.relations_of("Brussels"))
    document = json.loads(to_json(part))
    validate(document)
    assert [city["id"] for city in document["cities"]] == [
        "beijing",
        "berlin",
        "brussels-capital-region",
    ]
    assert [rel["id"] for rel in document["relations"]] == [
        "beijing--brussels-capital-region",
        "berlin--brussels-capital-region",
    ]
    # Neither Beijing's nor Berlin's network is whole in this part.
    assert document["networks"] == []
    whole = subset(original, original.relations_of("Tokyo"))
    assert [network.city for network in whole.networks()] == ["tokyo"]
    assert load_json_text(to_json(part)) == part
    assert part.info == original.info


def test_subset_may_hold_cities_without_ties() -> None:
    """A subset asked for by city alone holds that city and no relation."""
    part = subset(sistercities.dataset(), cities=["Bruxelles"])
    assert [city.id for city in part.cities()] == ["brussels-capital-region"]
    assert part.relations() == ()


def test_subset_refuses_unknown_cities() -> None:
    """Asking a subset for a city the dataset lacks raises CityNotFoundError."""
    with pytest.raises(CityNotFoundError):
        subset(sistercities.dataset(), cities=["Atlantis"])


def test_empty_dataset_exports_valid_json() -> None:
    """A dataset with no records and no info exports a valid document that loads back."""
    empty = Dataset([], [])
    text = to_json(empty)
    document = json.loads(text)
    validate(document)
    assert document["cities"] == document["relations"] == []
    assert document["data_version"] is None
    assert load_json_text(text) == empty


def test_write_json_streams_the_same_document() -> None:
    """write_json writes record by record what to_json returns as one string."""
    original = sistercities.dataset()
    stream = io.StringIO()
    write_json(original, stream)
    assert stream.getvalue() == to_json(original)
    chunks = list(iter_json(original))
    assert len(chunks) > len(original.cities()) + len(original.relations())


@pytest.mark.parametrize("indent", [0, 1, 4])
def test_any_indent_gives_the_same_data(indent: int) -> None:
    """Changing the indentation changes only whitespace, never the data."""
    original = sistercities.dataset()
    assert json.loads(to_json(original, indent=indent)) == json.loads(to_json(original))


@pytest.mark.parametrize("indent", [-1, True, 1.5])
def test_bad_indent_is_refused(indent: Any) -> None:
    """An indentation that is not a whole number >= 0 raises ValueError."""
    with pytest.raises(ValueError, match="indent"):
        to_json(Dataset([], []), indent=indent)


def test_non_ascii_text_is_written_as_utf8_characters() -> None:
    """Chinese names appear as UTF-8 characters, not as escape sequences."""
    text = to_json(subset(sistercities.dataset(), cities=["brussels-capital-region"]))
    assert "布鲁塞尔首都大区" in text


def test_checked_date_is_written_in_iso_form() -> None:
    """The dataset's checked date is written as YYYY-MM-DD."""
    part = Dataset([], [], DatasetInfo(data_version="v", checked=dt.date(2024, 2, 29)))
    assert json.loads(to_json(part))["checked"] == "2024-02-29"


def test_importing_sistercities_does_not_import_the_exports() -> None:
    """`import sistercities` leaves the export modules and the command line unloaded."""
    code = (
        "import sys, sistercities; "
        "print(sorted(m for m in sys.modules if m.startswith(('sistercities.export', "
        "'sistercities.cli'))))"
    )
    command = [sys.executable, "-c", code]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def as_loaded(dataset: Dataset) -> Dataset:
    # The loader stores text in NFC, as it does for TOML files; generated text may not be.
    return Dataset(
        (converter.structure(converter.unstructure(city), City) for city in dataset.cities()),
        (converter.structure(converter.unstructure(rel), Relation) for rel in dataset.relations()),
        converter.structure(converter.unstructure(dataset.info), DatasetInfo),
        (converter.structure(converter.unstructure(n), Network) for n in dataset.networks()),
    )


@given(datasets())
def test_any_dataset_exports_valid_json_that_loads_back_equal(dataset: Dataset) -> None:
    """For any valid dataset, the export validates and loads back equal, text in NFC."""
    text = to_json(dataset)
    validate(json.loads(text))
    assert load_json_text(text) == as_loaded(dataset)


_DIGITS = st.text("0123456789", min_size=1, max_size=4)


@given(
    st.one_of(
        st.builds("{}".format, _DIGITS),
        st.builds("{}-{}".format, _DIGITS, _DIGITS),
        st.builds("{}-{}-{}".format, _DIGITS, _DIGITS, _DIGITS),
        st.dates().map(dt.date.isoformat),
    )
)
def test_the_schema_accepts_a_date_exactly_when_load_does(text: str) -> None:
    """A partial date and a full date pass the schema exactly when the loader reads them."""
    for definition, record_type in (("partialDate", PartialDate), ("fullDate", dt.date)):
        validator = jsonschema.Draft202012Validator(
            {"$defs": schema()["$defs"], "$ref": f"#/$defs/{definition}"}
        )
        try:
            converter.structure(text, record_type)
        except ValueError:
            loads = False
        else:
            loads = True
        assert validator.is_valid(text) == loads, (definition, text)
