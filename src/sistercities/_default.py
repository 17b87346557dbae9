"""The shipped dataset, loaded once on first use from its compiled snapshot."""

from __future__ import annotations

import threading

from sistercities.dataset import Dataset

_lock = threading.Lock()
_dataset: Dataset | None = None


def dataset() -> Dataset:
    """The dataset shipped with the library, loaded on first use.

    It comes from a snapshot compiled from the data files and checked when it was compiled,
    so no file is parsed and nothing is written anywhere. Safe to call from several threads at
    once: the data is read exactly once.
    """
    global _dataset  # noqa: PLW0603 - a process-wide, lazily filled value
    if _dataset is None:
        with _lock:
            if _dataset is None:
                _dataset = _load_snapshot()
    return _dataset


def _load_snapshot() -> Dataset:
    # Imported here, so that `import sistercities` alone loads no data and no validation types.
    from sistercities import _snapshot  # noqa: PLC0415
    from sistercities.validation import Read, Records, Validation  # noqa: PLC0415

    records = Records(
        tuple(map(Read, _snapshot.CITIES)),
        tuple(map(Read, _snapshot.RELATIONS)),
        _snapshot.INFO,
        tuple(map(Read, _snapshot.NETWORKS)),
    )
    # The snapshot keeps what validate() found when it was compiled: no problem, or it would
    # not have been written. tests/test_snapshot.py proves it matches data/.
    return Dataset.from_validation(Validation(records, _snapshot.PROBLEMS))
