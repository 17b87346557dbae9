"""A per-user cache of the checked shipped dataset, so that a new process need not parse it.

Parsing the TOML files and structuring them costs far more than the rest of a short command.
The cache stores the checked records, pickled, under a name derived from the bytes of every
data file and the library and Python versions, so any change to either makes a new entry.
It is read only when the file and its folder belong to the current user and nobody else can
write to them, since unpickling runs code. Set ``SISTERCITIES_NO_CACHE=1`` to turn it off, or
``SISTERCITIES_CACHE_DIR`` to move it.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import stat
import sys
from collections.abc import Callable, Iterator
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Final

from sistercities._version import __version__
from sistercities.dataset import Dataset
from sistercities.records import City, DatasetInfo, Network, Relation

try:  # hashlib would also load OpenSSL, a noticeable part of a short command's start-up
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - Python builds without the bundled module
    from hashlib import blake2b

__all__ = ["cache_dir", "cached"]

#: Bumped whenever the records' shape changes, so that old entries are never read.
_FORMAT: Final = 2

_Payload = tuple[int, tuple[City, ...], tuple[Relation, ...], DatasetInfo, tuple[Network, ...]]


def cache_dir() -> Path | None:
    """Where the cache lives, or ``None`` when it is turned off."""
    if os.environ.get("SISTERCITIES_NO_CACHE"):
        return None
    explicit = os.environ.get("SISTERCITIES_CACHE_DIR")
    if explicit:
        return Path(explicit)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sistercities" if base else None


def cached(root: Traversable, build: Callable[[], Dataset]) -> Dataset:
    """The dataset below ``root``: from the cache when it holds these exact files, else built."""
    folder = cache_dir()
    if folder is None:
        return build()
    entry = folder / f"shipped-{_digest(root)}.pickle"
    dataset = _read(entry)
    if dataset is None:
        dataset = build()
        _write(entry, dataset)
    return dataset


def _digest(root: Traversable) -> str:
    digest = blake2b(digest_size=16)
    digest.update(f"{_FORMAT}|{__version__}|{sys.version}".encode())
    for name, file in _files(root, ""):
        digest.update(name.encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


def _files(folder: Traversable, prefix: str) -> Iterator[tuple[str, Traversable]]:
    for child in sorted(folder.iterdir(), key=lambda c: c.name):
        if child.is_dir():
            yield from _files(child, f"{prefix}{child.name}/")
        elif child.name.endswith((".toml", ".md")):
            yield f"{prefix}{child.name}", child


def _read(entry: Path) -> Dataset | None:
    try:
        if not (_is_private(entry) and _is_private(entry.parent)):
            return None
        with entry.open("rb") as stream:
            payload: _Payload = pickle.load(stream)  # noqa: S301 - our own file, checked above
        version, cities, relations, info, networks = payload
        if version != _FORMAT:
            return None
        return Dataset._from_checked(cities, relations, info, networks)  # noqa: SLF001
    except Exception:  # noqa: BLE001 - a damaged or foreign entry is rebuilt, never fatal
        return None


def _is_private(path: Path) -> bool:
    status = path.stat()
    if os.name != "posix":
        return True
    return status.st_uid == os.getuid() and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _write(entry: Path, dataset: Dataset) -> None:
    payload: _Payload = (
        _FORMAT,
        dataset.cities(),
        dataset.relations(),
        dataset.info,
        dataset.networks(),
    )
    import tempfile  # noqa: PLC0415 - only a cache miss writes

    try:
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Written aside and renamed, so that a reader never sees half a file.
        with tempfile.NamedTemporaryFile(dir=entry.parent, delete=False, suffix=".tmp") as stream:
            aside = Path(stream.name)
            pickle.dump(payload, stream, protocol=pickle.HIGHEST_PROTOCOL)
        aside.replace(entry)
    except Exception:  # noqa: BLE001 - a read-only home or a full disk costs only speed
        with contextlib.suppress(NameError, OSError):
            aside.unlink()
