"""The data files' format 2: the editor schema, its first-line directive and the field tables."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from collections.abc import Callable
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema
import pytest

from sistercities import CityKind, Scope, StatusChangeKind
from sistercities.export import schema as export_schema

REPO = Path(__file__).resolve().parent.parent
DATA = files("sistercities.data")


def data_files(folder: Traversable = DATA, prefix: str = "") -> list[tuple[str, Traversable]]:
    found = []
    for child in sorted(folder.iterdir(), key=lambda c: c.name):
        if child.is_dir():
            found += data_files(child, f"{prefix}{child.name}/")
        elif child.name.endswith(".toml"):
            found.append((prefix + child.name, child))
    return found


FILES = data_files()


def editor_schema() -> dict[str, Any]:
    return json.loads(DATA.joinpath("format.schema.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def as_json(value: object) -> object:
    """TOML's dates as the ISO strings that a JSON Schema validator sees."""
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def test_every_data_file_is_found() -> None:
    """The shipped data has a dataset file, the three networks, and cities and ties."""
    names = [name for name, _ in FILES]
    assert "dataset.toml" in names
    assert {"networks/beijing.toml", "networks/tokyo.toml", "networks/berlin.toml"} <= set(names)
    assert sum(name.startswith("cities/") for name in names) > 50
    assert sum(name.startswith("relations/") for name in names) > 80


@pytest.mark.parametrize(("name", "file"), FILES, ids=[name for name, _ in FILES])
def test_each_file_names_the_editor_schema_on_its_first_line(name: str, file: Traversable) -> None:
    """The first line is taplo's `#:schema` directive, with a path that reaches the schema."""
    first = file.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"#:schema (\S+)", first)
    assert match is not None, first
    depth = name.count("/")
    assert match[1] == "../" * depth + "format.schema.json"


@pytest.mark.parametrize(("name", "file"), FILES, ids=[name for name, _ in FILES])
def test_each_file_is_valid_under_the_editor_schema(name: str, file: Traversable) -> None:
    """Every shipped file passes the schema that editors use as people type."""
    assert name.endswith(".toml")
    document = as_json(tomllib.loads(file.read_text(encoding="utf-8")))
    jsonschema.Draft202012Validator(editor_schema()).validate(document)


def test_the_editor_schema_refuses_what_the_loader_refuses() -> None:
    """A fact group without a source, an unknown field or an unknown kind fails the schema."""
    validator = jsonschema.Draft202012Validator(editor_schema())
    city = {"id": "a", "name": "A", "country": "BE", "kind": "city"}
    assert validator.is_valid({"format": 2, "cities": [city]})
    assert not validator.is_valid({"format": 1, "cities": [city]})
    assert not validator.is_valid({"cities": [{**city, "kind": "village"}]})
    assert not validator.is_valid({"cities": [{**city, "coordinates": {"lat": 1, "lon": 2}}]})
    assert not validator.is_valid({"cities": [{**city, "sources": []}]})
    assert not validator.is_valid({"cities": [{**city, "population": {"count": 5, "as_of": "x"}}]})


def test_the_editor_schema_is_generated_from_the_export_schema(
    tool: Callable[[str], ModuleType],
) -> None:
    """Regenerating the editor schema from the export schema changes nothing."""
    module = tool("editor_schema")
    assert module.render(module.editor_schema(export_schema())) == DATA.joinpath(
        "format.schema.json"
    ).read_text(encoding="utf-8")


def test_the_enums_of_the_schema_are_the_library_s() -> None:
    """City kinds, scopes and status changes are the same in the schema and in the library."""
    definitions = editor_schema()["$defs"]
    assert definitions["cityKind"]["enum"] == sorted(kind.value for kind in CityKind)
    assert definitions["scope"]["anyOf"][0]["enum"] == [scope.value for scope in Scope]
    changes = definitions["statusChange"]["properties"]["status"]["enum"]
    assert changes == [change.value for change in StatusChangeKind]


def field_tables() -> dict[str, list[tuple[str, bool]]]:
    """The field tables of data/README.md: each heading's definition, its fields and required."""
    text = DATA.joinpath("README.md").read_text(encoding="utf-8")
    tables: dict[str, list[tuple[str, bool]]] = {}
    for section in re.split(r"\n### ", text)[1:]:
        definition = re.search(r"\(`(\w+)`\)", section.splitlines()[0])
        assert definition is not None, section.splitlines()[0]
        rows = re.findall(r"^\| `(\w+)` \| (yes|no) \|", section, flags=re.MULTILINE)
        tables[definition[1]] = [(field, required == "yes") for field, required in rows]
    return tables


@pytest.mark.parametrize("definition", sorted(field_tables()))
def test_the_readme_tables_match_the_schema(definition: str) -> None:
    """Each field table in data/README.md lists exactly the schema's fields and required ones."""
    schema = editor_schema()["$defs"][definition]
    rows = field_tables()[definition]
    assert [field for field, _ in rows] == list(schema["properties"])
    assert {field for field, required in rows if required} == set(schema.get("required", []))
