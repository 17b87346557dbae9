"""The one cattrs converter that turns plain data into records and back.

cattrs is lenient by default (it would turn ``123`` into ``"123"`` and ``"12"`` into ``12``), so
every scalar type gets a strict hook here: a value of the wrong type is an error at its path, never
a silent coercion.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable, Mapping
from enum import StrEnum
from types import UnionType
from typing import Any, Final, TypeVar, Union, cast, get_args, get_origin

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.errors import ForbiddenExtraKeysError

from sistercities.errors import DatasetError, Problem
from sistercities.partialdate import PartialDate
from sistercities.records import (
    City,
    CityKind,
    DatasetInfo,
    Network,
    Relation,
    RelationKind,
    Scope,
    Source,
    StatusChangeKind,
)

__all__ = [
    "MAX_STRING_LENGTH",
    "FieldValueError",
    "converter",
    "from_dict",
    "problems_of",
    "to_dict",
]

_R = TypeVar("_R")

#: The longest text a field may hold, so that a hostile file cannot make lookups or exports huge.
MAX_STRING_LENGTH: Final = 10_000

_SOURCE_MEMO_SIZE: Final = 4096
_DATE_MEMO_SIZE: Final = 65_536
_dates: dict[str, PartialDate] = {}
_ISO_DAY: Final = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
# Tab and line feed may appear in free text; every other control character (C0, DEL, C1) is
# refused, since it could hide text or drive a terminal.
_CONTROL: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class FieldValueError(ValueError):
    """A value of the right shape but not acceptable; its message is meant for a data editor."""


def _describe(value: object) -> str:
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{type(value).__name__} {text}"


def _structure_str(value: object, _: type) -> str:
    if type(value) is not str:
        msg = f"expected text, found {_describe(value)}"
        raise FieldValueError(msg)
    if len(value) > MAX_STRING_LENGTH:
        msg = f"text of {len(value)} characters is longer than the limit of {MAX_STRING_LENGTH}"
        raise FieldValueError(msg)
    if value.isascii() and value.isprintable():
        # Most texts: no control character, and ASCII is always in normal form.
        return value
    control = _CONTROL.search(value)
    if control is not None:
        msg = f"text holds the control character U+{ord(control.group()):04X}"
        raise FieldValueError(msg)
    # The check is much cheaper than normalising, and almost every text is already NFC.
    if unicodedata.is_normalized("NFC", value):
        return value
    return unicodedata.normalize("NFC", value)


def _structure_int(value: object, _: type) -> int:
    # bool is a subclass of int; true and false are not counts.
    if type(value) is not int:
        msg = f"expected a whole number, found {_describe(value)}"
        raise FieldValueError(msg)
    return value


def _structure_float(value: object, _: type) -> float:
    if type(value) not in (int, float):
        msg = f"expected a number, found {_describe(value)}"
        raise FieldValueError(msg)
    number = float(value)  # type: ignore[arg-type]
    if not math.isfinite(number):
        msg = f"expected a finite number, found {value!r}"
        raise FieldValueError(msg)
    return number


def _structure_partial_date(value: object, _: type) -> PartialDate:
    if isinstance(value, str):
        # The same few thousand dates recur across a file; a partial date is immutable, so one
        # object for each saves both the parsing and the memory.
        known = _dates.get(value)
        if known is None:
            if len(_dates) >= _DATE_MEMO_SIZE:  # a long-running process loads many datasets
                _dates.clear()
            known = _dates[value] = PartialDate.parse(value)
        return known
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return PartialDate.from_date(value)
    msg = f"expected a date as 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', found {_describe(value)}"
    raise FieldValueError(msg)


def _structure_date(value: object, _: type) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    # date.fromisoformat also takes '19790314' and week dates; the data uses one form only.
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError as error:
            raise FieldValueError(f"{value!r} is not a calendar date") from error
    msg = f"expected a full date as 'YYYY-MM-DD', found {_describe(value)}"
    raise FieldValueError(msg)


def _enum_value(member: StrEnum) -> str:
    return member.value


def _enum_hook_factory(type_: type[StrEnum]) -> Callable[[Any, Any], StrEnum]:
    allowed = ", ".join(member.value for member in type_)

    def structure_enum(value: Any, _: Any) -> StrEnum:
        try:
            return type_(value if type(value) is str else "")
        except ValueError:
            msg = f"expected one of {allowed}, found {_describe(value)}"
            raise FieldValueError(msg) from None

    return structure_enum


def _is_optional(type_: Any) -> bool:
    args = get_args(type_)
    return len(args) == 2 and type(None) in args and get_origin(type_) in (Union, UnionType)


def _optional_hook_factory(type_: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    # cattrs' general union handling is slow for the many optional fields of every record.
    inner_type = next(arg for arg in get_args(type_) if arg is not type(None))
    inner = conv.get_structure_hook(inner_type)

    def structure_optional(value: Any, _: Any) -> Any:
        return None if value is None else inner(value, inner_type)

    return structure_optional


def _source_hook_factory(conv: cattrs.Converter) -> Callable[[Any, Any], Source]:
    inner = conv.get_structure_hook(Source)
    # By the source's key, the table it was read from and the source made of it.
    seen: dict[object, tuple[dict[str, Any], Source]] = {}

    def structure_source(value: Any, _: Any) -> Source:
        # Files cite the same few sources in every record; one shared object for each saves
        # both the structuring and the memory. Comparing the table with the one remembered
        # under its key costs less than hashing all of its text.
        if value.__class__ is not dict:
            return cast("Source", inner(value, Source))
        key = value.get("key")
        try:
            known = seen.get(key)
        except TypeError:  # an unhashable key: no shortcut
            return cast("Source", inner(value, Source))
        if known is not None and known[0] == value:
            return known[1]
        source = cast("Source", inner(value, Source))
        if len(seen) >= _SOURCE_MEMO_SIZE:  # a long-running process loads many datasets
            seen.clear()
        seen[key] = (dict(value), source)
        return source

    return structure_source


def _sources_hook_factory(conv: cattrs.Converter) -> Callable[[Any, Any], tuple[Source, ...]]:
    general = conv.get_structure_hook(tuple[Source, ...])
    one = conv.get_structure_hook(Source)
    # Keyed by identity: each entry holds its source, so no other object can take its id.
    alone: dict[int, tuple[Source]] = {}

    def structure_sources(value: Any, type_: Any) -> tuple[Source, ...]:
        # Most records list one source that many others list too; they share its tuple as well.
        if value.__class__ is not list or len(value) != 1:
            return cast("tuple[Source, ...]", general(value, type_))
        try:
            source = one(value[0], Source)
        except Exception:  # noqa: BLE001 - the general hook names the item the problem is in
            return cast("tuple[Source, ...]", general(value, type_))
        known = alone.get(id(source))
        if known is None:
            if len(alone) >= _SOURCE_MEMO_SIZE:
                alone.clear()
            known = alone[id(source)] = (source,)
        return known

    return structure_sources


def _is_sources(type_: Any) -> bool:
    return bool(type_ == tuple[Source, ...])


def _is_tuple(type_: Any) -> bool:
    return get_origin(type_) is tuple


def _tuple_hook_factory(type_: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    args = get_args(type_)
    if len(args) == 2 and args[1] is Ellipsis:
        inner = homogenous_tuple_structure_factory(type_, conv)

        def structure_homogeneous(value: Any, type_: Any) -> Any:
            # Most lists of a record are empty; they are answered before any other work.
            if value.__class__ is list and not value:
                return ()
            # Without this check a string would become a tuple of its letters.
            if not isinstance(value, (list, tuple)):
                msg = f"expected a list, found {_describe(value)}"
                raise FieldValueError(msg)
            return inner(value, type_)

        return structure_homogeneous
    # A fixed-length tuple, such as the two city ids of a relation.
    item_hooks = [(conv.get_structure_hook(arg), arg) for arg in args]
    expected = f"a list of {len(args)} items"

    def structure_fixed(value: Any, _: Any) -> tuple[Any, ...]:
        if not isinstance(value, (list, tuple)):
            msg = f"expected {expected}, found {_describe(value)}"
            raise FieldValueError(msg)
        if len(value) != len(item_hooks):
            msg = f"expected {expected}, found {len(value)}"
            raise FieldValueError(msg)
        return tuple([hook(item, arg) for (hook, arg), item in zip(item_hooks, value)])  # noqa: B905 - lengths checked above

    return structure_fixed


def _is_mapping(type_: Any) -> bool:
    return get_origin(type_) is Mapping


def _mapping_hook_factory(type_: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    key_type, value_type = get_args(type_)
    key_hook = conv.get_structure_hook(key_type)
    value_hook = conv.get_structure_hook(value_type)

    def structure_mapping(value: Any, _: Any) -> dict[Any, Any]:
        if not isinstance(value, dict):
            msg = f"expected a table of names to values, found {_describe(value)}"
            raise FieldValueError(msg)
        result = {}
        for key, item in value.items():
            try:
                result[key_hook(key, key_type)] = value_hook(item, value_type)
            except FieldValueError as error:
                raise FieldValueError(f"at key {key!r}: {error}") from None
        return result

    return structure_mapping


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(float, _structure_float)
    conv.register_structure_hook(PartialDate, _structure_partial_date)
    conv.register_structure_hook(dt.date, _structure_date)
    # Each enum is registered by its class: the str hook would otherwise claim these subclasses.
    for enum in (CityKind, RelationKind, Scope, StatusChangeKind):
        conv.register_structure_hook(enum, _enum_hook_factory(enum))
        conv.register_unstructure_hook(enum, _enum_value)
    conv.register_structure_hook_factory(_is_optional, _optional_hook_factory)
    conv.register_structure_hook_factory(_is_tuple, _tuple_hook_factory)
    conv.register_structure_hook_factory(_is_mapping, _mapping_hook_factory)
    conv.register_unstructure_hook(PartialDate, PartialDate.isoformat)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_unstructure_hook_func(_is_mapping, dict)
    conv.register_unstructure_hook_func(
        _is_tuple, lambda value: [conv.unstructure(v) for v in value]
    )
    conv.register_structure_hook(Source, _source_hook_factory(conv))
    conv.register_structure_hook_func(_is_sources, _sources_hook_factory(conv))
    # Build the hooks once, now, rather than on the first record of every load.
    for record_type in (City, Relation, Network, DatasetInfo):
        conv.get_structure_hook(record_type)
        conv.get_unstructure_hook(record_type)
    return conv


#: The converter shared by the loader and the exports.
converter: Final = _make_converter()


def problems_of(error: BaseException, file: str, record: str | None) -> list[Problem]:
    """The problems, each with its field path, of an error the converter raised structuring."""
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


def to_dict(record: Any) -> Any:
    """A record as plain data, exactly as the JSON export writes it; ready for :func:`json.dumps`.

    >>> import json
    >>> from sistercities import get_relation
    >>> plain = to_dict(get_relation("tokyo--new-york-city"))
    >>> plain["established"], json.loads(json.dumps(plain)) == plain
    ('1960-02-29', True)
    """
    return converter.unstructure(record)


def from_dict(data: object, record_type: type[_R]) -> _R:
    """The record of type ``record_type`` made from plain data such as :func:`to_dict` gives.

    Values are checked as the loader checks files (a source the record cites must be among
    its ``sources``; checks across records need a :class:`~sistercities.Dataset`).

    :raises DatasetError: naming every field with a problem.
    """
    try:
        record = converter.structure(data, record_type)
    except Exception as error:  # noqa: BLE001 - every structuring failure becomes a Problem
        raise DatasetError(problems_of(error, "<dict>", None)) from None
    return record
