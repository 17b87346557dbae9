"""The quick readers against the converter: the same records, and the same problems."""

from __future__ import annotations

import copy
import json
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sistercities import City, Dataset, Network, Relation, dataset
from sistercities.converter import converter, problems_of
from sistercities.export import to_json
from sistercities.record_readers import quick_reader, record_reader
from sistercities.strategies import datasets

RECORD_TYPES: dict[str, type[Any]] = {"cities": City, "relations": Relation, "networks": Network}
UNUSUAL = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12)
    | st.sampled_from(["1994", "1994-02-30", "sister-city", "Cafe\u0301", "a\x07b", "x" * 10_001])
    | st.lists(st.text(max_size=4), max_size=2)
    | st.dictionaries(st.text(max_size=4), st.text(max_size=4), max_size=2)
)


def outcome(read: Any, raw: object) -> tuple[str, object]:
    """What reading gives: the record, or the problems the error names."""
    try:
        return "record", read(raw)
    except Exception as error:  # noqa: BLE001 - any error is compared by the problems it names
        return "problems", problems_of(error, "f.json", None)


def plain_records(data: Dataset) -> list[tuple[type[Any], dict[str, Any]]]:
    document = json.loads(to_json(data))
    return [(RECORD_TYPES[key], raw) for key in RECORD_TYPES for raw in document.get(key, [])]


@given(datasets())
def test_every_record_survives_plain_data_on_both_paths(data: Dataset) -> None:
    """A record made plain, as the JSON export writes it, reads back equal on either path."""
    document = json.loads(to_json(data))
    originals = {
        "cities": data.cities(),
        "relations": data.relations(),
        "networks": data.networks(),
    }
    for key, record_type in RECORD_TYPES.items():
        for record, raw in zip(originals[key], document.get(key, []), strict=True):
            assert converter.unstructure(record) == raw
            assert converter.structure(raw, record_type) == record
            assert quick_reader(record_type)(raw) == record
            assert record_reader(record_type)(raw) == record


def test_the_quick_path_reads_the_shipped_records() -> None:
    """Every shipped record, exported, takes the quick path (so that a load is fast)."""
    for record_type, raw in plain_records(dataset()):
        assert quick_reader(record_type)(raw) == converter.structure(raw, record_type)


@given(datasets(max_cities=3), st.data())
def test_one_changed_value_gives_what_the_converter_gives(
    data: Dataset, draw: st.DataObject
) -> None:
    """Replacing, removing or adding one value: the same record, or exactly the same problems."""
    records = plain_records(data)
    record_type, raw = draw.draw(st.sampled_from(records))
    changed = copy.deepcopy(raw)
    # Descend from the record into nested tables and lists, stopping at a drawn depth.
    parent: Any = changed
    key = draw.draw(st.sampled_from(sorted(changed)))
    while isinstance(parent[key], (dict, list)) and parent[key] and draw.draw(st.booleans()):
        parent = parent[key]
        key = draw.draw(
            st.sampled_from(sorted(parent) if isinstance(parent, dict) else range(len(parent)))
        )
    action = draw.draw(st.sampled_from(["replace", "remove", "add"]))
    if action == "replace" or not isinstance(parent, dict):
        parent[key] = draw.draw(UNUSUAL)
    elif action == "remove":
        del parent[key]
    else:
        parent[draw.draw(st.text(max_size=6))] = draw.draw(UNUSUAL)
    assert outcome(record_reader(record_type), changed) == outcome(
        lambda r: converter.structure(r, record_type), changed
    )


HOSTILE = [
    None,
    True,
    1,
    1.5,
    float("inf"),
    float("nan"),
    "",
    "a\x07b",
    "Cafe\u0301",
    "x" * 10_001,
    "1994-02-30",
    [],
    ["a\x07b"],
    [None],
    {},
    {"a": "a\x07b"},
    {"a": 1},
]


@pytest.mark.parametrize("record_type", [City, Relation])
def test_every_field_given_any_hostile_value_gives_what_the_converter_gives(
    record_type: type[Any],
) -> None:
    """Each field of a shipped record, and of its first nested table, set to each hostile value."""
    key = "cities" if record_type is City else "relations"
    for raw in json.loads(to_json(dataset()))[key][:3]:
        paths: list[tuple[str, ...]] = [(field,) for field in raw]
        paths += [
            (outer, inner)
            for outer, table in raw.items()
            if isinstance(table, dict)
            for inner in table
        ]
        for path in paths:
            steps, last = path[:-1], path[-1]
            for value in HOSTILE:
                changed = copy.deepcopy(raw)
                target = changed
                for step in steps:
                    target = target[step]
                target[last] = value
                assert outcome(record_reader(record_type), changed) == outcome(
                    lambda r: converter.structure(r, record_type), changed
                ), (steps, last, value)


@pytest.mark.parametrize("raw", [None, [], "text", {"id": "x"}, {"unknown": 1}])
def test_data_that_is_not_a_usual_record_is_left_to_the_converter(raw: object) -> None:
    """The quick path refuses what is not a whole, usual record; the reader names the problem."""
    with pytest.raises(Exception):  # noqa: B017, PT011 - any refusal; its kind is the converter's
        quick_reader(Relation)(raw)
    assert outcome(record_reader(Relation), raw) == outcome(
        lambda r: converter.structure(r, Relation), raw
    )


def test_text_that_needs_normalising_is_normalised_as_the_converter_does() -> None:
    """A decomposed accent is composed (NFC) on both paths."""
    raw = json.loads(to_json(dataset()))["relations"][0]
    raw["summary"] = "Cafe\u0301"
    assert record_reader(Relation)(raw).summary == "Caf\u00e9"


def test_a_reader_refuses_a_record_type_it_cannot_make() -> None:
    """A keyword-only field, or a default made from the record itself, is refused at once."""

    @attrs.frozen
    class KeywordOnly:
        name: str = attrs.field(kw_only=True)

    @attrs.frozen
    class FromItself:
        name: str = attrs.field(
            default=attrs.Factory(lambda self: type(self).__name__, takes_self=True)
        )

    with pytest.raises(TypeError, match="by position"):
        quick_reader(KeywordOnly)
    with pytest.raises(TypeError, match="factory"):
        quick_reader(FromItself)
