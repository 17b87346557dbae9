"""The shipped dataset, loaded once on first use."""

from __future__ import annotations

import threading
from importlib.resources import files

from sistercities._cache import cached
from sistercities.dataset import Dataset

_lock = threading.Lock()
_dataset: Dataset | None = None


def dataset() -> Dataset:
    """The dataset shipped with the library, loaded and validated on first use.

    Safe to call from several threads at once: the data is read exactly once.
    """
    global _dataset  # noqa: PLW0603 - a process-wide, lazily filled cache
    if _dataset is None:
        with _lock:
            if _dataset is None:
                _dataset = cached(files("sistercities.data"), _load_shipped)
    return _dataset


def _load_shipped() -> Dataset:
    # The loader brings in cattrs; importing it only here keeps `import sistercities` light.
    from sistercities.loader import load_shipped  # noqa: PLC0415

    return load_shipped()
