"""Reading datasets: the shipped one, a ``data/``-style folder or TOML file, or a JSON export.

Every record is structured by the one converter, then every cross-record check runs; all
problems found are raised together as one :class:`~sistercities.DatasetError`, and nothing is
returned unless the whole dataset is valid.

A TOML file lists its sources once, in ``[[sources]]`` at the top level, and its records cite
them by key; each record is given the sources it cites, so that a record (and its JSON export)
carries its provenance with it.
"""

from __future__ import annotations

import gc
import json
import os
import re
import tomllib
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Final

import attrs

from sistercities.converter import converter, problems_of
from sistercities.dataset import Dataset
from sistercities.errors import DatasetError, Problem
from sistercities.formats import FORMAT_VERSION, SCHEMA_VERSION
from sistercities.record_readers import record_reader
from sistercities.records import City, DatasetInfo, Network, Relation, Source
from sistercities.validation import Origin, Read, Records, validate

__all__ = ["MAX_FILE_BYTES", "MAX_RECORDS", "load"]

#: The largest file the loader reads (a JSON export of 100,000 ties is about 50 MB).
MAX_FILE_BYTES: Final = 256 * 1024 * 1024
#: The most cities plus relations one dataset may hold.
MAX_RECORDS: Final = 1_000_000
#: The name of the file that holds a folder dataset's format, data version and checked date.
INFO_FILE: Final = "dataset.toml"

Record = City | Relation | Network
_RECORD_TYPES: Final[Mapping[str, type[Record]]] = {
    "networks": Network,
    "cities": City,
    "relations": Relation,
}
_INFO_KEYS: Final = frozenset({"data_version", "checked"})
_JSON_KEYS: Final = frozenset({"schema_version", *_INFO_KEYS, *_RECORD_TYPES})
_REQUIRED_JSON_KEYS: Final = ("cities", "relations")
#: What a TOML file other than dataset.toml may hold at its top level.
_FILE_KEYS: Final = frozenset({*_RECORD_TYPES, "sources"})
#: What the readers give for a file they could not read or parse.
_UNREAD: Final = object()
_UNKNOWN_TOP_LEVEL: Final = (
    "unknown top-level field; expected [[cities]], [[relations]], [[networks]] or [[sources]]"
)


@contextmanager
def _gc_paused() -> Iterator[None]:
    # A bulk load creates millions of small objects that all survive; the collector's passes
    # over them cost more than the parsing itself, and find nothing to free.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # The records live as long as the dataset. Freezing and at once unfreezing moves them
        # (with whatever else is young) to the oldest generation without a pass, where the
        # collector would otherwise pass over each twice on its way there. Only when nothing
        # is frozen: unfreezing would release what a program froze on purpose (before a fork).
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        if enabled:
            gc.enable()


def load(path: str | os.PathLike[str] | Traversable, *, strict: bool = False) -> Dataset:
    """Load and fully validate a dataset.

    ``path`` is a folder laid out like the shipped ``data/`` (a ``dataset.toml`` declaring
    ``format = 2``, and any ``*.toml`` files below it), a single such TOML file (which then
    declares the format itself), or a JSON document as :func:`sistercities.export.to_json`
    writes it. With ``strict``, a listed source that no fact or note cites is a problem too.

    :raises DatasetError: listing every problem found, each with its file, record and field.
    """
    root: Traversable = Path(path) if isinstance(path, (str, os.PathLike)) else path
    with _gc_paused():
        return _load(root, strict=strict)


def _load(root: Traversable, *, strict: bool) -> Dataset:
    if root.is_dir():
        return _load_folder(root, label=str(root), strict=strict)
    if not root.is_file():
        raise DatasetError([Problem(str(root), None, None, "no such file or folder")])
    reader = _Reader(strict=strict)
    if root.name.endswith(".json"):
        document = reader.read_json(root, str(root))
        if document is not _UNREAD:
            reader.take_json(document, str(root))
    else:
        document = reader.read_toml(root, str(root))
        if document is not None:
            reader.take_format(document, str(root))
            reader.take_info(document, str(root), records=True)
            reader.take_records(document, str(root))
    return reader.finish()


def _load_folder(root: Traversable, label: str, *, strict: bool) -> Dataset:
    reader = _Reader(strict=strict)
    info_file = root / INFO_FILE
    name = f"{label}/{INFO_FILE}"
    if info_file.is_file():
        document = reader.read_toml(info_file, name)
        if document is not None:
            reader.take_format(document, name)
            reader.take_info(document, name)
    else:
        reader.problem(
            name,
            None,
            None,
            f"is missing; a dataset folder declares format = {FORMAT_VERSION} in it",
        )
    for file, name in _toml_files(root, label):
        document = reader.read_toml(file, name)
        if document is not None:
            for key in sorted(document.keys() - _FILE_KEYS):
                reader.problem(name, None, key, _UNKNOWN_TOP_LEVEL)
            reader.take_records(document, name)
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

    def __init__(self, *, strict: bool) -> None:
        self.strict = strict
        self.problems: list[Problem] = []
        self.cities: list[Read[City]] = []
        self.relations: list[Read[Relation]] = []
        self.networks: list[Read[Network]] = []
        self.info = DatasetInfo()
        self.info_file = "<dataset>"
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
        """The parsed document, or ``_UNREAD`` when the file could not be read or parsed.

        JSON's ``null`` is a document too (and a wrong one), so ``None`` cannot mean "unread".
        """
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
            return _UNREAD
        try:
            return parser(text)
        except failure as error:
            self.problem(name, None, None, f"is not valid {language}: {error}")
        except RecursionError:
            self.problem(name, None, None, "is nested too deeply")
        return _UNREAD

    def take_json(self, document: object, name: str) -> None:
        if not isinstance(document, dict):
            found = "null" if document is None else type(document).__name__
            self.problem(
                name,
                None,
                None,
                f"must hold a JSON object with 'cities' and 'relations', not {found}",
            )
            return
        for key in sorted(document.keys() - _JSON_KEYS):
            self.problem(name, None, key, "unknown top-level field")
        for key in _REQUIRED_JSON_KEYS:
            if key not in document:
                self.problem(name, None, key, "required field missing")
        version = document.get("schema_version")
        if version != SCHEMA_VERSION:
            hint = (
                "; documents of version 1 (sistercities 0.1) are not read by this version: "
                "export them again from the data they were made from"
                if version == 1
                else ""
            )
            self.problem(
                name,
                None,
                "schema_version",
                f"expected schema version {SCHEMA_VERSION}, found {version!r}{hint}",
            )
        self.take_info(
            {k: v for k, v in document.items() if k in _INFO_KEYS and v is not None}, name
        )
        self.take_records({k: document.get(k, []) for k in _RECORD_TYPES}, name, json=True)

    def take_format(self, document: dict[str, Any], name: str) -> None:
        version = document.get("format")
        if version == FORMAT_VERSION and type(version) is int:
            return
        if version is None:
            message = f"declares no format; add `format = {FORMAT_VERSION}` at the top"
        elif version == 1:
            message = (
                "is in format 1, which this library no longer reads; convert it to format "
                f"{FORMAT_VERSION} as data/README.md describes"
            )
        else:
            message = (
                f"declares format {version!r}, which this library does not read; it reads "
                f"format {FORMAT_VERSION}"
            )
        self.problem(name, None, "format", message)

    def take_info(self, document: dict[str, Any], name: str, *, records: bool = False) -> None:
        """The dataset's own fields; ``records`` when the same file may also hold records."""
        self.info_file = name
        allowed = _INFO_KEYS | {"format"} | (_FILE_KEYS if records else frozenset())
        for key in sorted(document.keys() - allowed):
            self.problem(name, None, key, _UNKNOWN_TOP_LEVEL)
        try:
            self.info = converter.structure(
                {k: v for k, v in document.items() if k in _INFO_KEYS}, DatasetInfo
            )
        except Exception as error:  # noqa: BLE001 - every structuring failure becomes a Problem
            self.problems.extend(problems_of(error, name, None))

    def take_records(self, document: dict[str, Any], name: str, *, json: bool = False) -> None:
        """The records of one file; a TOML file's records cite its ``[[sources]]``."""
        sources = None if json else self.take_sources(document.get("sources", []), name)
        cited: set[str] = set()
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
                record = self.take_record(raw, record_type, name, (key, index), sources)
                # Only a file's own list of sources can hold one that no record cites.
                if record is not None and sources:
                    cited.update(key for _, key in record.citations())
        if self.strict and sources:
            for index, source in enumerate(sources.values()):
                if source.key not in cited:
                    self.problem(
                        name,
                        None,
                        f"sources[{index}]",
                        f"the source {source.key!r} is cited by no fact or note",
                    )

    def take_sources(self, raw: object, name: str) -> dict[str, Source] | None:
        if not isinstance(raw, list):
            self.problem(
                name, None, "sources", f"expected a list of tables, found {type(raw).__name__}"
            )
            return None
        sources: dict[str, Source] = {}
        for index, item in enumerate(raw):
            try:
                source = converter.structure(item, Source)
            except Exception as error:  # noqa: BLE001 - every structuring failure becomes a Problem
                self.problems.extend(
                    Problem(
                        p.file,
                        p.record,
                        f"sources[{index}]" + (f".{p.field}" if p.field else ""),
                        p.message,
                    )
                    for p in problems_of(error, name, None)
                )
                continue
            if source.key in sources:
                self.problem(
                    name, None, f"sources[{index}].key", f"the key {source.key!r} is listed twice"
                )
            sources.setdefault(source.key, source)
        return sources

    def take_record(
        self,
        raw: object,
        record_type: type[Record],
        name: str,
        position: tuple[str, int],
        sources: dict[str, Source] | None,
    ) -> Record | None:
        """One record, at ``position`` (its list and index) in the file ``name``."""
        if not isinstance(raw, dict):
            given = type(raw).__name__
            self.problem(name, _where(position), None, f"expected a table, found {given}")
            return None
        ident = raw.get("city" if record_type is Network else "id")
        if isinstance(ident, str) and ident.strip():
            named, label = True, ident[:80]
        else:
            named, label = False, _where(position)
        if sources is not None:
            if "sources" in raw:
                self.problem(
                    name,
                    label,
                    "sources",
                    "sources are listed once per file, in [[sources]] tables at the top level",
                )
            raw = {**raw, "sources": []}
        try:
            record: Record = record_reader(record_type)(raw)
        except Exception as error:  # noqa: BLE001 - every structuring failure becomes a Problem
            found = problems_of(error, name, label)
            self.problems.extend(found)
            salvaged = _without_bad_fields(raw, record_type, found)
            if salvaged is None:
                if record_type is City and named:
                    self.unreadable_cities.append(label)
                return None
            # The dataset fails anyway; the rest of the record still goes through the checks
            # across records, so that one bad field does not hide another problem.
            record = salvaged
        if sources is not None:
            keys = {key for _, key in record.citations()}
            record = attrs.evolve(record, sources=tuple(s for k, s in sources.items() if k in keys))
        origin = Origin(name, label)
        if isinstance(record, City):
            self.cities.append(Read(record, origin))
        elif isinstance(record, Relation):
            self.relations.append(Read(record, origin))
        else:
            self.networks.append(Read(record, origin))
        return record

    def finish(self) -> Dataset:
        records = Records(
            tuple(self.cities),
            tuple(self.relations),
            self.info,
            tuple(self.networks),
            info_file=self.info_file,
            unreadable=frozenset(self.unreadable_cities),
        )
        # The checks across records run even when some records could not be read, so that a
        # data editor sees every problem at once.
        validation = validate(records, strict=self.strict)
        if self.problems:
            raise DatasetError([*self.problems, *validation.problems])
        return Dataset.from_validation(validation)


def _where(position: tuple[str, int]) -> str:
    # Made only when needed: most records are named by their id.
    key, index = position
    return f"{key}[{index}]"


def _without_bad_fields(
    raw: dict[str, Any], record_type: type[Record], problems: list[Problem]
) -> Record | None:
    """The record without its unknown fields and the optional fields that could not be read.

    ``None`` when a required field is among them, or when the rest still cannot be read.
    """
    fields = {field.name: field for field in attrs.fields(record_type)}
    bad = {key for key in raw if key not in fields}
    bad |= {re.split(r"[.\[]", p.field, maxsplit=1)[0] for p in problems if p.field}
    if "established" in bad:
        # Its source would otherwise be reported as naming a date that is not given.
        bad.add("established_source")
    if any(key in fields and fields[key].default is attrs.NOTHING for key in bad):
        return None
    try:
        return converter.structure({k: v for k, v in raw.items() if k not in bad}, record_type)
    except Exception:  # noqa: BLE001 - a record that still cannot be read is only left out
        return None
