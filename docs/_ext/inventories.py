"""Small intersphinx inventories, written at build time so that no build downloads one.

Each inventory lists only the outside names these pages refer to, with their address in that
project's documentation. The files are in Sphinx's inventory format (version 2) and are checked by
reading them back with :mod:`sphinx.util.inventory` before the build uses them. To refer to
another outside name, add it here.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Final

from sphinx.util.inventory import InventoryFile

# name -> (role, page and anchor); "$" stands for the name itself, as in Sphinx's own files.
PYTHON: Final = {
    # built-in types, functions and exceptions
    "bool": ("py:class", "library/functions.html#$"),
    "bytes": ("py:class", "library/stdtypes.html#$"),
    "dict": ("py:class", "library/stdtypes.html#$"),
    "float": ("py:class", "library/functions.html#$"),
    "int": ("py:class", "library/functions.html#$"),
    "list": ("py:class", "library/stdtypes.html#$"),
    "object": ("py:class", "library/functions.html#$"),
    "set": ("py:class", "library/stdtypes.html#$"),
    "frozenset": ("py:class", "library/stdtypes.html#$"),
    "str": ("py:class", "library/stdtypes.html#$"),
    "tuple": ("py:class", "library/stdtypes.html#$"),
    "None": ("py:data", "library/constants.html#$"),
    "Exception": ("py:exception", "library/exceptions.html#$"),
    "LookupError": ("py:exception", "library/exceptions.html#$"),
    "OSError": ("py:exception", "library/exceptions.html#$"),
    "TypeError": ("py:exception", "library/exceptions.html#$"),
    "ValueError": ("py:exception", "library/exceptions.html#$"),
    # modules
    "csv": ("py:module", "library/csv.html#module-$"),
    "datetime": ("py:module", "library/datetime.html#module-$"),
    "json": ("py:module", "library/json.html#module-$"),
    "tomllib": ("py:module", "library/tomllib.html#module-$"),
    # classes and functions
    "argparse.ArgumentParser": ("py:class", "library/argparse.html#$"),
    "argparse.Namespace": ("py:class", "library/argparse.html#$"),
    "collections.abc.Callable": ("py:class", "library/collections.abc.html#$"),
    "collections.abc.Iterable": ("py:class", "library/collections.abc.html#$"),
    "collections.abc.Iterator": ("py:class", "library/collections.abc.html#$"),
    "collections.abc.Mapping": ("py:class", "library/collections.abc.html#$"),
    "collections.abc.Sequence": ("py:class", "library/collections.abc.html#$"),
    "datetime.date": ("py:class", "library/datetime.html#$"),
    "datetime.datetime": ("py:class", "library/datetime.html#$"),
    "datetime.date.today": ("py:method", "library/datetime.html#$"),
    "enum.StrEnum": ("py:class", "library/enum.html#$"),
    "importlib.resources.abc.Traversable": ("py:class", "library/importlib.resources.abc.html#$"),
    "importlib.resources.files": ("py:function", "library/importlib.resources.html#$"),
    "os.PathLike": ("py:class", "library/os.html#$"),
    "pathlib.Path": ("py:class", "library/pathlib.html#$"),
    "typing.Any": ("py:data", "library/typing.html#$"),
    "typing.Final": ("py:data", "library/typing.html#$"),
    "typing.Literal": ("py:data", "library/typing.html#$"),
    "typing.TextIO": ("py:class", "library/typing.html#$"),
    "typing.TypeAlias": ("py:data", "library/typing.html#$"),
    "types.MappingProxyType": ("py:class", "library/types.html#$"),
    "difflib.get_close_matches": ("py:function", "library/difflib.html#$"),
    "unicodedata.normalize": ("py:function", "library/unicodedata.html#$"),
}

ATTRS: Final = {
    "attrs": ("py:module", "api.html#module-$"),
    "attrs.define": ("py:function", "api.html#$"),
    "attrs.frozen": ("py:function", "api.html#$"),
    "attrs.evolve": ("py:function", "api.html#$"),
    "attrs.asdict": ("py:function", "api.html#$"),
    "attrs.fields": ("py:function", "api.html#$"),
}

CATTRS: Final = {
    "cattrs": ("py:module", "cattrs.html#module-$"),
    "cattrs.Converter": ("py:class", "cattrs.html#$"),
    "cattrs.transform_error": ("py:function", "cattrs.html#$"),
}

HYPOTHESIS: Final = {
    "hypothesis.strategies.SearchStrategy": ("py:class", "reference/strategies.html#$"),
    "hypothesis.strategies.DrawFn": ("py:class", "reference/strategies.html#$"),
    "hypothesis.strategies.composite": ("py:function", "reference/strategies.html#$"),
    "hypothesis.given": ("py:function", "reference/api.html#$"),
}

#: name -> (documentation address, project, version, entries)
PROJECTS: Final = {
    "python": ("https://docs.python.org/3/", "Python", "3", PYTHON),
    "attrs": ("https://www.attrs.org/en/stable/", "attrs", "stable", ATTRS),
    "cattrs": ("https://catt.rs/en/stable/", "cattrs", "stable", CATTRS),
    "hypothesis": (
        "https://hypothesis.readthedocs.io/en/latest/",
        "Hypothesis",
        "latest",
        HYPOTHESIS,
    ),
}


def inventory_bytes(project: str, version: str, entries: dict[str, tuple[str, str]]) -> bytes:
    """An inventory in Sphinx's version 2 format: a short header, then zlib-compressed lines."""
    header = (
        "# Sphinx inventory version 2\n"
        f"# Project: {project}\n"
        f"# Version: {version}\n"
        "# The remainder of this file is compressed using zlib.\n"
    )
    lines = "".join(f"{name} {role} 1 {uri} -\n" for name, (role, uri) in sorted(entries.items()))
    return header.encode() + zlib.compress(lines.encode(), 9)


def write_inventories(folder: Path) -> dict[str, tuple[str, str]]:
    """Write one inventory per project into ``folder``; give the ``intersphinx_mapping``."""
    folder.mkdir(parents=True, exist_ok=True)
    mapping = {}
    for key, (address, project, version, entries) in PROJECTS.items():
        data = inventory_bytes(project, version, entries)
        # Reading the file back as Sphinx will proves that it is well formed.
        loaded = InventoryFile.loads(data, uri=address)
        assert sum(len(names) for names in loaded.data.values()) == len(entries)
        path = folder / f"{key}.inv"
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
        mapping[key] = (address, str(path))
    return mapping
