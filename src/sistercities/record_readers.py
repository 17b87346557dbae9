"""Readers that make one record from its plain data, quickly when the data takes the usual forms.

The converter's hooks check every value and name the path of every problem; that care is most of
the cost of a load. A reader first runs a function generated for its record type that accepts a
value without a call only in a form the hook would return unchanged (short printable ASCII text,
an empty list or table, a known enum value, ``None`` for an optional field), and hands every other
value to the same hook. On anything unusual (a missing or unknown key, a value a hook refuses) the
whole record goes through the converter again, so what is read, and every problem reported, is
exactly the converter's.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Mapping
from enum import Enum
from types import UnionType
from typing import Any, Final, TypeVar, Union, cast, get_args, get_origin

import attrs

from sistercities.converter import MAX_STRING_LENGTH, converter
from sistercities.partialdate import PartialDate
from sistercities.records import Source

__all__ = ["quick_reader", "record_reader"]

_R = TypeVar("_R")

_MISSING: Final = object()
# For each scalar type, the test of a value named {v} that its hook would return unchanged.
_USUAL: Final[dict[object, str]] = {
    str: "{v}.__class__ is str and len({v}) <= _MAX and {v}.isascii() and {v}.isprintable()",
    int: "{v}.__class__ is int",
    # x - x is 0.0 for every finite float, and NaN for infinities and NaN.
    float: "{v}.__class__ is float and {v} - {v} == 0.0",
}
# Values the converter reads with hooks of its own: a date from its text, and a source, or a
# list of one source, shared by every record that repeats it.
_OWN_HOOKS: Final = (PartialDate, Source, tuple[Source, ...])
_readers: dict[type, Callable[[object], Any]] = {}
_quick: dict[type, Callable[[Any], Any]] = {}


class _UnusualDataError(Exception):
    """The data is not in a usual form; the converter reads it instead."""


def record_reader(record_type: type[_R]) -> Callable[[object], _R]:
    """A function that makes a ``record_type`` from plain data, as the converter would.

    It raises what the converter raises for data that cannot be read, from which the loader
    names every problem with its field.
    """
    reader = _readers.get(record_type)
    if reader is None:
        reader = _readers[record_type] = _make_reader(record_type)
    return reader


def _make_reader(record_type: type[_R]) -> Callable[[object], _R]:
    quick = quick_reader(record_type)
    detailed = converter.get_structure_hook(record_type)

    def read(raw: object) -> _R:
        try:
            return quick(raw)
        except Exception:  # noqa: BLE001 - the converter's own path reads it, or names the problem
            return detailed(raw, record_type)  # type: ignore[no-any-return]

    return read


def quick_reader(record_type: type[_R]) -> Callable[[Any], _R]:
    """The quick path of :func:`record_reader` alone: it raises on anything out of the usual.

    What it raises says nothing about the data; only the converter's error names a problem.

    :raises TypeError: a field of ``record_type`` cannot be passed by position, or its default
        is made from the record itself.
    """
    known = _quick.get(record_type)
    if known is not None:
        return known
    hints = typing.get_type_hints(record_type)
    fields = attrs.fields(cast("type[attrs.AttrsInstance]", record_type))
    namespace: dict[str, Any] = {
        "_cls": record_type,
        "_MISSING": _MISSING,
        "_UnusualDataError": _UnusualDataError,
        "_keys": frozenset(field.name for field in fields),
        "_count": len(fields),
        "_MAX": MAX_STRING_LENGTH,
    }
    # Every field given, as the JSON export writes them: with as many keys as fields, each
    # found below, no key can be unknown.
    complete = ["  if len(o) == _count:"]
    partial = []
    for index, field in enumerate(fields):
        if not field.init or field.kw_only:
            msg = f"{record_type.__name__}.{field.name}: a reader passes every field by position"
            raise TypeError(msg)
        value = _expression(hints[field.name], "v", f"{index}", namespace)
        complete += [f"    v = o[{field.name!r}]", f"    a{index} = {value}"]
        if field.default is attrs.NOTHING:
            partial += [f"  v = o[{field.name!r}]", f"  a{index} = {value}"]
            continue
        if isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
            if field.default.takes_self:
                msg = f"{record_type.__name__}.{field.name}: a reader cannot give a factory self"
                raise TypeError(msg)
            namespace[f"f{index}"] = field.default.factory
            default = f"f{index}()"
        else:
            namespace[f"d{index}"] = field.default
            default = f"d{index}"
        partial += [
            f"  v = o.get({field.name!r}, _MISSING)",
            f"  a{index} = {default} if v is _MISSING else {value}",
        ]
    arguments = ", ".join(f"a{i}" for i in range(len(fields)))
    lines = [
        "def quick(o):",
        "  if o.__class__ is not dict:",
        "    raise _UnusualDataError",
        *complete,
        f"    return _cls({arguments})",
        "  if not o.keys() <= _keys:",
        "    raise _UnusualDataError",
        *partial,
        f"  return _cls({arguments})",
    ]
    code = compile("\n".join(lines), f"<quick reader of {record_type.__qualname__}>", "exec")
    exec(code, namespace)  # noqa: S102 - the source is made above from the record's fields
    quick: Callable[[Any], _R] = namespace["quick"]
    _quick[record_type] = quick
    return quick


def _expression(type_: object, var: str, tag: str, namespace: dict[str, Any]) -> str:
    """Python text that turns the plain value ``var`` into a value of ``type_``."""
    hook = f"h{tag}"
    namespace[hook] = converter.get_structure_hook(type_)
    namespace[f"t{tag}"] = type_
    by_hook = f"{hook}({var}, t{tag})"
    if type_ in _OWN_HOOKS:
        return by_hook
    args = get_args(type_)
    if get_origin(type_) in (Union, UnionType) and len(args) == 2 and type(None) in args:
        inner = next(arg for arg in args if arg is not type(None))
        return f"(None if {var} is None else {_expression(inner, var, tag + 'o', namespace)})"
    if type_ in _USUAL:
        return f"({var} if {_USUAL[type_].format(v=var)} else {by_hook})"
    if isinstance(type_, type) and issubclass(type_, Enum):
        members = f"m{tag}"
        namespace[members] = {member.value: member for member in type_}
        return f"({members}[{var}] if {var}.__class__ is str and {var} in {members} else {by_hook})"
    if isinstance(type_, type) and attrs.has(type_):
        namespace[f"q{tag}"] = quick_reader(type_)
        return f"q{tag}({var})"
    return _container_expression(type_, var, tag, namespace, by_hook)


def _container_expression(
    type_: object, var: str, tag: str, namespace: dict[str, Any], by_hook: str
) -> str:
    args = get_args(type_)
    if get_origin(type_) in (Mapping, dict):
        key, item = f"k{tag}", f"y{tag}"
        each_key = _expression(args[0], key, tag + "k", namespace)
        each_value = _expression(args[1], item, tag + "v", namespace)
        return (
            f"({{{each_key}: {each_value} for {key}, {item} in {var}.items()}} "
            f"if {var}.__class__ is dict else {by_hook})"
        )
    if get_origin(type_) is not tuple:
        return by_hook
    if len(args) == 2 and args[1] is Ellipsis:
        item = f"x{tag}"
        each = _expression(args[0], item, tag + "i", namespace)
        return (
            f"(() if {var}.__class__ is list and not {var} else "
            f"tuple([{each} for {item} in {var}]) if {var}.__class__ is list else {by_hook})"
        )
    # A fixed number of items, such as the two city ids of a relation.
    parts = ", ".join(
        _expression(arg, f"{var}[{position}]", f"{tag}p{position}", namespace)
        for position, arg in enumerate(args)
    )
    return f"(({parts},) if {var}.__class__ is list and len({var}) == {len(args)} else {by_hook})"
