from __future__ import annotations

import pytest
from hypothesis import given

import sistercities
from sistercities import City, Dataset, Relation, dataset
from sistercities.converter import converter
from sistercities.records import DatasetInfo
from sistercities.strategies import datasets


@given(datasets())
def test_dataset_info_survives_unstructure_and_structure(dataset: Dataset) -> None:
    """The dataset's own description round-trips through plain data."""
    plain = converter.unstructure(dataset.info)
    assert converter.structure(plain, DatasetInfo) == dataset.info


@given(datasets())
def test_plain_data_holds_only_json_types(dataset: Dataset) -> None:
    """Unstructured records hold only str, int, float, bool, None, list and dict."""

    def check(value: object) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                assert isinstance(key, str)
                check(item)
        elif isinstance(value, list):
            for item in value:
                check(item)
        else:
            assert value is None or isinstance(value, (str, int, float, bool))

    for record in (*dataset.cities(), *dataset.relations()):
        check(converter.unstructure(record))


def test_shipped_records_round_trip() -> None:
    """Every shipped record round-trips through plain data unchanged."""
    for city in dataset().cities():
        assert converter.structure(converter.unstructure(city), City) == city
    for relation in dataset().relations():
        assert converter.structure(converter.unstructure(relation), Relation) == relation


def test_to_dict_and_from_dict_reverse_each_other() -> None:
    """`to_dict` gives a record as the JSON export does, and `from_dict` gives it back."""
    import json  # noqa: PLC0415

    for record in (*dataset().cities(), *dataset().relations(), *dataset().networks()):
        plain = sistercities.to_dict(record)
        assert json.loads(json.dumps(plain)) == plain
        assert sistercities.from_dict(plain, type(record)) == record


def test_from_dict_names_every_bad_field() -> None:
    """Bad plain data raises DatasetError naming each field, not a cattrs error."""
    plain = sistercities.to_dict(dataset().get_city("tokyo"))
    plain["country"] = 3
    plain["kind"] = "village"
    with pytest.raises(sistercities.DatasetError) as caught:
        sistercities.from_dict(plain, City)
    assert {problem.field for problem in caught.value.problems} == {"country", "kind"}
