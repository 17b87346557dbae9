"""The versions of the layouts the library reads and writes, kept in one place.

Each changes only when a reader would need to change; the changelog says what changed.
"""

from __future__ import annotations

from typing import Final

__all__ = ["FORMAT_VERSION", "SCHEMA_VERSION"]

#: The layout of the TOML data files, declared as ``format`` in ``dataset.toml``.
FORMAT_VERSION: Final = 2
#: The layout of the JSON document that :func:`sistercities.export.to_json` writes.
SCHEMA_VERSION: Final = 2
