"""The versioned JSON document: the whole dataset, or a part of it, for other programs.

The document holds ``schema_version`` (``2``), ``data_version``, ``checked``, ``networks``,
``cities`` and ``relations``, each record with the sources it cites; ``schema.json`` in this
package describes it, and :func:`sistercities.load` reads it back into an equal
:class:`~sistercities.Dataset`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TextIO

from sistercities.converter import converter
from sistercities.dataset import Dataset
from sistercities.errors import ArgumentError
from sistercities.formats import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "iter_json", "to_json", "write_json"]


def iter_json(dataset: Dataset, *, indent: int = 2) -> Iterator[str]:
    """The JSON document of ``dataset`` in chunks, one record at a time.

    Text is written as UTF-8 characters rather than escapes, so write the chunks to a
    stream opened with ``encoding="utf-8"``.
    """
    if isinstance(indent, bool) or not isinstance(indent, int) or indent < 0:
        msg = f"indent must be a whole number >= 0, found {indent!r}"
        raise ArgumentError(msg)
    info = dataset.info
    head = {
        "schema_version": SCHEMA_VERSION,
        "data_version": info.data_version,
        "checked": None if info.checked is None else info.checked.isoformat(),
    }
    pad = " " * indent
    yield "{"
    for key, value in head.items():
        yield f"\n{pad}{json.dumps(key)}: {_dump(value, indent, pad)},"
    tables = (
        ("networks", dataset.networks()),
        ("cities", dataset.cities()),
        ("relations", dataset.relations()),
    )
    for key, records in tables:
        yield f"\n{pad}{json.dumps(key)}: ["
        for index, record in enumerate(records):
            text = _dump(converter.unstructure(record), indent, pad * 2)
            yield f"{',' if index else ''}\n{pad * 2}{text}"
        yield f"\n{pad}]" if records else "]"
        yield "\n}\n" if key == "relations" else ","


def write_json(dataset: Dataset, stream: TextIO, *, indent: int = 2) -> None:
    """Write the JSON document of ``dataset`` to a text stream opened for UTF-8."""
    stream.writelines(iter_json(dataset, indent=indent))


def to_json(dataset: Dataset, *, indent: int = 2) -> str:
    """The JSON document of ``dataset`` as one string.

    >>> import json
    >>> from sistercities import dataset
    >>> json.loads(to_json(dataset()))["schema_version"]
    2
    """
    return "".join(iter_json(dataset, indent=indent))


def _dump(value: object, indent: int, shift: str) -> str:
    # Lines after the first are shifted to the depth at which the value is written.
    text = json.dumps(value, ensure_ascii=False, indent=indent or None, allow_nan=False)
    return text.replace("\n", "\n" + shift)
