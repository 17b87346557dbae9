"""Fuzzing the loader and checking that nothing a caller holds can be changed under others."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sistercities
from sistercities import Dataset, DatasetError, loader
from sistercities.export import to_json
from sistercities.strategies import datasets

CITY_FIELDS = [f.name for f in attrs.fields(sistercities.City)]
RELATION_FIELDS = [f.name for f in attrs.fields(sistercities.Relation)]
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | st.sampled_from(["1994", "1994-10", "1994-09-22", "beijing", "BE", "sister-city"])
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)


@st.composite
def hostile_documents(draw: st.DrawFn) -> dict[str, Any]:
    """Documents shaped like the JSON export, with any values in any known or unknown field."""

    def record(fields: list[str]) -> dict[str, Any]:
        keys = draw(st.lists(st.sampled_from(fields) | st.text(max_size=6), max_size=6))
        return {key: draw(VALUES) for key in keys}

    document: dict[str, Any] = {"schema_version": draw(st.sampled_from([1, 1, 2, "1", None]))}
    document["cities"] = [record(CITY_FIELDS) for _ in range(draw(st.integers(0, 3)))]
    document["relations"] = [record(RELATION_FIELDS) for _ in range(draw(st.integers(0, 3)))]
    if draw(st.booleans()):
        key = draw(st.sampled_from(["checked", "data_version", "official_counts", "x"]))
        document[key] = draw(VALUES)
    return document


def load_text(tmp_path: Path, name: str, content: bytes) -> Dataset | None:
    path = tmp_path / name
    path.write_bytes(content)
    try:
        return sistercities.load(path)
    except DatasetError as error:
        problems = error.problems
    assert problems
    assert all(str(path) in problem.file for problem in problems)
    return None


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(hostile_documents())
def test_any_document_loads_or_raises_dataset_error(
    tmp_path: Path, document: dict[str, Any]
) -> None:
    """Whatever a JSON document holds, loading it gives a Dataset or a DatasetError."""
    load_text(tmp_path, "fuzz.json", json.dumps(document).encode())


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300))
def test_any_bytes_load_or_raise_dataset_error(tmp_path: Path, content: bytes) -> None:
    """Arbitrary bytes as a TOML or a JSON file give a Dataset or a DatasetError."""
    load_text(tmp_path, "fuzz.toml", content)
    load_text(tmp_path, "fuzz.json", content)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=30)
@given(datasets(max_cities=3), st.data())
def test_one_changed_value_never_crashes_the_loader(
    tmp_path: Path, dataset: Dataset, data: st.DataObject
) -> None:
    """Replacing any one value of a valid export gives a Dataset or a DatasetError."""
    document = json.loads(to_json(dataset))
    paths: list[tuple[Any, Any]] = []

    def walk(node: Any) -> None:
        children = node.items() if isinstance(node, dict) else enumerate(node)
        for key, child in list(children):
            paths.append((node, key))
            if isinstance(child, (dict, list)):
                walk(child)

    walk(document)
    parent, key = data.draw(st.sampled_from(paths))
    parent[key] = data.draw(VALUES)
    load_text(tmp_path, "mutated.json", json.dumps(document).encode())


def test_records_cannot_be_changed() -> None:
    """Records, their tables and the dataset's answers are immutable."""
    city = sistercities.get_city("brussels-capital-region")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        city.name = "Elsewhere"  # type: ignore[misc]
    with pytest.raises(TypeError):
        city.names["zh"] = "x"  # type: ignore[index]
    assert isinstance(city.aliases, tuple)
    assert isinstance(sistercities.relations(), tuple)
    assert isinstance(sistercities.relations_of(city), tuple)
    relation = sistercities.relations_of(city)[0]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        relation.established = None  # type: ignore[misc]
    with pytest.raises(AttributeError):
        sistercities.dataset().extra = 1  # type: ignore[attr-defined]


def test_deep_nesting_in_toml_is_a_dataset_error(tmp_path: Path) -> None:
    """A TOML file nested deeper than Python's stack raises DatasetError, not RecursionError."""
    content = b"x = " + b"[" * 5000 + b"]" * 5000
    assert load_text(tmp_path, "deep.toml", content) is None


def test_huge_record_counts_are_refused_early(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file with more records than the limit is refused with a message naming the limit."""
    monkeypatch.setattr(loader, "MAX_RECORDS", 3)
    document = {"schema_version": 1, "cities": [{}] * 5, "relations": []}
    path = tmp_path / "many.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(DatasetError, match="limit of 3 records"):
        sistercities.load(path)


def test_oversized_files_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file over the size limit is refused without being parsed."""
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 10)
    path = tmp_path / "big.json"
    path.write_text(json.dumps({"schema_version": 1}), encoding="utf-8")
    with pytest.raises(DatasetError, match="larger than the limit"):
        sistercities.load(path)
