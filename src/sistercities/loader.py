"""Reading datasets: the shipped one, a ``data/``-style folder or TOML file, or a JSON export.

Every record is structured by the one converter, then every cross-record check runs; all
problems found are raised together as one :class:`~sistercities.DatasetError`, and nothing is
returned unless the whole dataset is valid.
"""

from __future__ import annotations

import gc
import json
import os
import tomllib
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Final

import attrs
import cattrs
from cattrs.errors import ForbiddenExtraKeysError

from sistercities.checks import check_dataset
from sistercities.converter import converter
from sistercities.dataset import Dataset
from sistercities.errors import DatasetError, Problem
from sistercities.records import City, DatasetInfo, Relation

__all__ = ["MAX_FILE_BYTES", "MAX_RECORDS", "load", "load_shipped"]

#: The largest file the loader reads (a JSON export of 100,000 ties is about 50 MB).
MAX_FILE_BYTES: Final = 256 * 1024 * 1024
#: The most cities plus relations one dataset may hold.
MAX_RECORDS: Final = 1_000_000
#: The name of the file that holds a folder dataset's version and official totals.
INFO_FILE: Final = "dataset.toml"

_RECORD_TYPES: Final[Mapping[str, type[City | Relation]]] = {
    "cities": City,
    "relations": Relation,
}
_INFO_KEYS: Final = frozenset({"data_version", "checked", "official_counts"})
_JSON_KEYS: Final = frozenset({"schema_version", *_INFO_KEYS, *_RECORD_TYPES})


@contextmanager
def _gc_paused() -> Iterator[None]:
    # A bulk load creates millions of small objects that all survive; the collector's passes
    # over them cost more than the parsing itself, and find nothing to free.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load(path: str | os.PathLike[str] | Traversable) -> Dataset:
    """Load and fully validate a dataset.

    ``path`` is a folder laid out like the shipped ``data/`` (a ``dataset.toml`` and any
    ``*.toml`` files below it holding ``[[cities]]`` and ``[[relations]]``), a single such TOML
    file, or a JSON document as :func:`sistercities.export.to_json` writes it.

    :raises DatasetError: listing every problem found, each with its file, record and field.
    """
    root: Traversable = Path(path) if isinstance(path, (str, os.PathLike)) else path
    with _gc_paused():
        return _load(root)


def _load(root: Traversable) -> Dataset:
    if root.is_dir():
        return _load_folder(root, label=str(root))
    if not root.is_file():
        raise DatasetError([Problem(str(root), None, None, "no such file or folder")])
    reader = _Reader()
    if root.name.endswith(".json"):
        document = reader.read_json(root, str(root))
        if document is not None:
            reader.take_json(document, str(root))
    else:
        document = reader.read_toml(root, str(root))
        if document is not None:
            reader.take_records(document, str(root), info_allowed=True)
    return reader.finish()


def load_shipped() -> Dataset:
    """The dataset shipped inside the package."""
    with _gc_paused():
        return _load_folder(files("sistercities.data"), label="sistercities/data")


def _load_folder(root: Traversable, label: str) -> Dataset:
    reader = _Reader()
    info_file = root / INFO_FILE
    if info_file.is_file():
        document = reader.read_toml(info_file, f"{label}/{INFO_FILE}")
        if document is not None:
            reader.take_info(document, f"{label}/{INFO_FILE}")
    for file, name in _toml_files(root, label):
        document = reader.read_toml(file, name)
        if document is not None:
            reader.take_records(document, name, info_allowed=False)
    return reader.finish()


def _toml_files(folder: Traversable, label: str) -> Iterator[tuple[Traversable, str]]:
    # Sorted, so that problems are listed, and records loaded, in the same order everywhere.
    for child in sorted(folder.iterdir(), key=lambda c: c.name):
        name = f"{label}/{child.name}"
        if child.is_dir():
            yield from _toml_files(child, name)
        elif child.name.endswith(".toml") and name != f"{label}/{INFO_FILE}":
            yield child, name


class _Reader:
    """Collects records and problems from any number of files."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.cities: list[City] = []
        self.relations: list[Relation] = []
        self.info = DatasetInfo()
        self.info_file = "<dataset>"
        self.origins: dict[int, tuple[str, str]] = {}
        self.unreadable_cities: list[str] = []
        self.count = 0

    def problem(self, file: str, record: str | None, field: str | None, message: str) -> None:
        self.problems.append(Problem(file, record, field, message))

    def read_bytes(self, file: Traversable, name: str) -> str | None:
        try:
            with file.open("rb") as stream:
                data = stream.read(MAX_FILE_BYTES + 1)
        except OSError as error:
            self.problem(name, None, None, f"cannot be read: {error.strerror or error}")
            return None
        if len(data) > MAX_FILE_BYTES:
            self.problem(name, None, None, f"is larger than the limit of {MAX_FILE_BYTES} bytes")
            return None
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            self.problem(name, None, None, "is UTF-16; save it as UTF-8")
            return None
        try:
            # A UTF-8 byte-order mark is harmless; editors on some systems add one.
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            self.problem(
                name,
                None,
                None,
                f"is not valid UTF-8 (byte {error.start}: {data[error.start]:#04x})",
            )
            return None

    def read_toml(self, file: Traversable, name: str) -> dict[str, Any] | None:
        document = self.parse(file, name, tomllib.loads, tomllib.TOMLDecodeError, "TOML")
        return document if isinstance(document, dict) else None

    def read_json(self, file: Traversable, name: str) -> object:
        return self.parse(file, name, json.loads, json.JSONDecodeError, "JSON")

    def parse(
        self,
        file: Traversable,
        name: str,
        parser: Callable[[str], object],
        failure: type[ValueError],
        language: str,
    ) -> object:
        text = self.read_bytes(file, name)
        if text is None:
            return None
        try:
            return parser(text)
        except failure as error:
            self.problem(name, None, None, f"is not valid {language}: {error}")
        except RecursionError:
            self.problem(name, None, None, "is nested too deeply")
        return None

    def take_json(self, document: object, name: str) -> None:
        if not isinstance(document, dict):
            self.problem(name, None, None, "must hold a JSON object with 'cities' and 'relations'")
            return
        for key in sorted(document.keys() - _JSON_KEYS):
            self.problem(name, None, key, "unknown top-level field")
        version = document.get("schema_version")
        if version != 1:
            self.problem(
                name, None, "schema_version", f"expected schema version 1, found {version!r}"
            )
        self.take_info(
            {k: v for k, v in document.items() if k in _INFO_KEYS and v is not None}, name
        )
        self.take_records({k: document.get(k, []) for k in _RECORD_TYPES}, name, info_allowed=False)

    def take_info(self, document: dict[str, Any], name: str) -> None:
        self.info_file = name
        try:
            self.info = converter.structure(document, DatasetInfo)
        except Exception as error:  # noqa: BLE001 - every structuring failure becomes a Problem
            self.problems.extend(_problems(error, name, None))

    def take_records(self, document: dict[str, Any], name: str, *, info_allowed: bool) -> None:
        allowed = _RECORD_TYPES.keys() | (_INFO_KEYS if info_allowed else set())
        for key in sorted(document.keys() - allowed):
            self.problem(
                name, None, key, "unknown top-level field; expected [[cities]] or [[relations]]"
            )
        if info_allowed:
            info = {k: v for k, v in document.items() if k in _INFO_KEYS}
            if info:
                self.take_info(info, name)
        for key, record_type in _RECORD_TYPES.items():
            records = document.get(key, [])
            if not isinstance(records, list):
                self.problem(
                    name, None, key, f"expected a list of tables, found {type(records).__name__}"
                )
                continue
            self.count += len(records)
            if self.count > MAX_RECORDS:
                self.problem(name, None, key, f"more than the limit of {MAX_RECORDS} records")
                return
            for index, raw in enumerate(records):
                self.take_record(raw, record_type, name, f"{key}[{index}]")

    def take_record(
        self, raw: object, record_type: type[City | Relation], name: str, position: str
    ) -> None:
        if not isinstance(raw, dict):
            self.problem(name, position, None, f"expected a table, found {type(raw).__name__}")
            return
        label = position
        if isinstance(raw.get("id"), str) and raw["id"].strip():
            label = raw["id"][:80]
        try:
            record = converter.structure(raw, record_type)
        except Exception as error:  # noqa: BLE001 - every structuring failure becomes a Problem
            self.problems.extend(_problems(error, name, label))
            if record_type is City and label != position:
                self.unreadable_cities.append(label)
            return
        self.origins[id(record)] = (name, label)
        if isinstance(record, City):
            self.cities.append(record)
        else:
            self.relations.append(record)

    def finish(self) -> Dataset:
        cities, relations = tuple(self.cities), tuple(self.relations)
        # The checks across records run even when some records could not be read, so that a
        # data editor sees every problem at once.
        self.problems += check_dataset(
            cities,
            relations,
            self.info,
            self.origins,
            info_file=self.info_file,
            unreadable=frozenset(self.unreadable_cities),
        )
        if self.problems:
            raise DatasetError(self.problems)
        return Dataset._from_checked(cities, relations, self.info)  # noqa: SLF001


def _problems(error: BaseException, file: str, record: str | None) -> list[Problem]:
    if not isinstance(error, (cattrs.BaseValidationError, ValueError, TypeError)):
        return [Problem(file, record, None, f"cannot be read: {error!r}")]
    if not isinstance(error, cattrs.BaseValidationError):
        return [Problem(file, record, None, _message(error, None))]
    problems = []
    for line in cattrs.transform_error(error, path="$", format_exception=_message):
        message, _, path = line.rpartition(" @ ")
        field = path.removeprefix("$").removeprefix(".") or None
        problems.append(Problem(file, record, field, message))
    return problems


def _message(error: BaseException, type_: type | None) -> str:
    if isinstance(error, KeyError):
        return "required field missing"
    if isinstance(error, ForbiddenExtraKeysError):
        return f"unknown field(s): {', '.join(sorted(error.extra_fields))}"
    if isinstance(error, ValueError):  # our own FieldValueError, or PartialDate's, say it all
        return str(error)
    if isinstance(error, (AttributeError, TypeError)):
        if type_ is None or attrs.has(type_):
            return "expected a table"
        return f"expected {getattr(type_, '__name__', type_)}"
    return f"cannot be read: {error!r}"
