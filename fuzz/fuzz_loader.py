"""Coverage-guided fuzzing of the loader and the exports with atheris (``nox -s fuzz``).

Any input must give a dataset or a DatasetError; a dataset must survive every export and load
back equal from its JSON. Anything else is a crash: atheris stops and writes the input to a
``crash-*`` file, which belongs in tests/test_loader.py or tests/test_robustness.py as a case.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    import sistercities
    from sistercities.export import iter_ical, to_csv, to_geojson, to_json

_FOLDER = Path(tempfile.mkdtemp(prefix="sistercities-fuzz-"))


def one_input(data: bytes) -> None:
    """Load ``data`` as JSON and as TOML; export what loads and read its JSON back."""
    for name in ("input.json", "input.toml"):
        path = _FOLDER / name
        path.write_bytes(data)
        try:
            dataset = sistercities.load(path)
        except sistercities.DatasetError:
            continue
        to_csv(dataset)
        to_geojson(dataset)
        "".join(iter_ical(dataset, dataset.anniversaries("2000", "2001", precision="year")))
        again = _FOLDER / "again.json"
        again.write_text(to_json(dataset), encoding="utf-8")
        if sistercities.load(again) != dataset:
            msg = "a dataset changed on its way through the JSON export"
            raise AssertionError(msg)


def main() -> None:
    """Run atheris with the command line's options (for example ``-max_total_time=60``)."""
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
