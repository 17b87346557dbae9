"""Benchmarks of sistercities, each reported against a floor measured in the same run.

Run with ``nox -s bench`` or ``python bench/run.py`` (``--quick`` for fewer repetitions).
Generated data goes to bench/_data/ (git-ignored) and is made again from a fixed seed.
Nothing here is a test: no figure is asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import io
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import sistercities
from sistercities import Dataset, Source
from sistercities.export import iter_ical, write_csv, write_geojson, write_json

HERE = Path(__file__).resolve().parent
DATA = HERE / "_data"
TWINCITIES = HERE.parent.parent / "shared" / "datasets" / "twincities" / "twin_cities_raw.csv"


def report(group: str, name: str, seconds: float, floor_name: str, floor: float) -> None:
    """Print one figure and its ratio to the floor measured alongside it."""
    print(
        f"{group:<10} {name:<44} {_fmt(seconds):>10}  {floor_name:<32} {_fmt(floor):>10}  "
        f"{seconds / floor:>7.2f}x",
        flush=True,
    )


def _fmt(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.2f} µs"


def best(function: Callable[[], object], repeat: int, number: int = 1) -> float:
    """The fastest of ``repeat`` runs of ``number`` calls, per call."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            function()
        times.append((time.perf_counter() - start) / number)
    return min(times)


def process(code: str, repeat: int) -> float:
    """The median wall time of a fresh interpreter running ``code``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cold_start(repeat: int) -> None:
    """Whole-process start, against the bare interpreter and pycountry."""
    bare = process("pass", repeat)
    # attrs alone, with the standard modules it brings: the part of the start no code here pays.
    attrs_only = process("import attrs", repeat)
    pycountry = process("import pycountry; pycountry.countries.lookup('BE')", repeat)
    imported = process("import sistercities", repeat)
    first = process("import sistercities; sistercities.get_city('Brussels')", repeat)
    report("start", "import sistercities", imported, "bare interpreter", bare)
    report("start", "import sistercities", imported, "import pycountry + lookup", pycountry)
    report("start", "import + first get_city", first, "bare interpreter", bare)
    report("start", "import + first get_city", first, "import pycountry + lookup", pycountry)
    report("start", "import + first get_city", first, "import attrs", attrs_only)


def lookups(label: str, dataset: Dataset, cases: dict[str, str], miss: str, repeat: int) -> None:
    """Warm get_city by id, name, alias in another script, and a miss, against pycountry."""
    import pycountry

    pycountry.countries.lookup("BE")
    floor = best(lambda: pycountry.countries.lookup("Belgium"), repeat, 2000)
    for name, query in cases.items():
        seconds = best(lambda q=query: dataset.get_city(q), repeat, 2000)  # type: ignore[misc]
        report(label, f"{name} ({query})", seconds, "pycountry lookup('Belgium')", floor)

    def missing() -> None:
        with contextlib.suppress(LookupError):
            dataset.get_city(miss)

    report(
        label,
        f"get_city miss with suggestions ({miss})",
        best(missing, repeat, 5),
        "pycountry lookup('Belgium')",
        floor,
    )


def queries(label: str, dataset: Dataset, repeat: int) -> None:
    """relations_since and anniversaries, against a plain scan of every relation."""
    relations = dataset.relations()
    cutoff = dt.date(2024, 1, 1)

    def scan() -> object:
        return [r for r in relations if r.established and r.established.earliest() >= cutoff]

    floor = best(scan, repeat)
    report(
        label,
        "relations_since(2024-01-01)",
        best(lambda: dataset.relations_since(cutoff), repeat, 20),
        "scan of every relation",
        floor,
    )
    start = dt.date(2026, 3, 10)
    for days in (7, 365):
        end = start + dt.timedelta(days=days)
        count = len(dataset.anniversaries(start, end))
        seconds = best(lambda e=end: dataset.anniversaries(start, e), repeat, 3)  # type: ignore[misc]
        report(
            label,
            f"anniversaries, {days} days ({count} found)",
            seconds,
            "scan of every relation",
            floor,
        )
        if count:
            # What a query costs beyond making its results: the same window with nothing to find.
            empty = best(
                lambda e=end: dataset.anniversaries(start, e, milestones={10_000}),  # type: ignore[misc]
                repeat,
                3,
            )
            report(
                label,
                "  the same, per anniversary found",
                (seconds - empty) / count,
                "same window, every result filtered out",
                empty,
            )


def exports(label: str, dataset: Dataset, document: object, repeat: int) -> None:
    """Each export, against json.dumps of the same data as plain objects."""
    floor = best(lambda: json.dumps(document, ensure_ascii=False), repeat)
    for name, write in (("json", write_json), ("csv", write_csv), ("geojson", write_geojson)):
        seconds = best(lambda w=write: w(dataset, io.StringIO()), repeat)  # type: ignore[misc]
        report(label, f"export {name}", seconds, "json.dumps of the plain data", floor)
    year = dataset.anniversaries(dt.date(2026, 1, 1), dt.date(2026, 12, 31), precision="year")
    if year:
        ical = best(lambda: "".join(iter_ical(dataset, year)), repeat) / len(year)
        lines = best(lambda: "".join(_minimal_events(year)), repeat) / len(year)
        report(
            label,
            f"export ics, per event ({len(year)} events)",
            ical,
            "minimal VEVENT by f-string",
            lines,
        )
    # Ten years of the same ties: an event shares its description with the other years.
    decade = dataset.anniversaries(dt.date(2026, 1, 1), dt.date(2035, 12, 31))
    if decade and len(decade) <= 200_000:
        ical = best(lambda: "".join(iter_ical(dataset, decade)), repeat) / len(decade)
        lines = best(lambda: "".join(_minimal_events(decade)), repeat) / len(decade)
        report(
            label, f"export ics, 10 years ({len(decade)} events)", ical, "the same, minimal", lines
        )


def _minimal_events(anniversaries: list[sistercities.Anniversary]) -> list[str]:
    return [
        f"BEGIN:VEVENT\r\nUID:{a.relation.id}.{a.date.year}\r\nDTSTART;VALUE=DATE:"
        f"{a.date:%Y%m%d}\r\nSUMMARY:{a.ordinal}\r\nEND:VEVENT\r\n"
        for a in anniversaries
    ]


def loading(path: Path, repeat: int) -> Dataset:
    """Loading and validating the big file, against json.loads and a msgspec typed decode."""
    import msgspec_model

    raw = path.read_bytes()
    floor_json = best(lambda: json.loads(raw), repeat)
    # The loader pauses the collector during a load; the same for json.loads is the fair floor.
    gc.disable()
    try:
        floor_paused = best(lambda: json.loads(raw), repeat)
    finally:
        gc.enable()
    floor_msgspec = best(lambda: msgspec_model.decode(raw), repeat)
    seconds = best(lambda: sistercities.load(path), repeat)
    report("load", "load + validate 100k relations", seconds, "json.loads of the file", floor_json)
    report(
        "load",
        "load + validate 100k relations",
        seconds,
        "json.loads, collector paused",
        floor_paused,
    )
    report("load", "load + validate 100k relations", seconds, "msgspec typed decode", floor_msgspec)
    for name, function in (
        ("sistercities.load", lambda: sistercities.load(path)),
        ("json.loads", lambda: json.loads(raw)),
        ("msgspec typed decode", lambda: msgspec_model.decode(raw)),
    ):
        peak, retained = memory(function)
        print(
            f"memory     {name:<44} peak {peak / 2**20:8.1f} MiB   retained "
            f"{retained / 2**20:8.1f} MiB",
            flush=True,
        )
    return sistercities.load(path)


def memory(function: Callable[[], object]) -> tuple[int, int]:
    """Peak and retained bytes allocated by ``function``'s result, measured with tracemalloc."""
    gc.collect()
    tracemalloc.start()
    result = function()
    gc.collect()
    retained, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del result
    return peak, retained


def twincities(repeat: int) -> None:
    """The real scraped list of about 26,000 ties, where it is present."""
    if not TWINCITIES.is_file():
        print("twincities  (../shared/datasets not present: skipped)")
        return
    from sistercities.pairs import read_pairs

    source = Source("scrape", "https://example.org/", "Scrape", "Scrape", dt.date(2026, 1, 1))
    raw = TWINCITIES.read_bytes()
    import csv

    floor = best(lambda: list(csv.reader(io.StringIO(raw.decode()))), repeat)
    seconds = best(lambda: read_pairs(TWINCITIES, source=source, skip_invalid=True), repeat)
    report("scraped", "read_pairs of 26,000 scraped ties", seconds, "csv.reader of the file", floor)
    dataset = read_pairs(TWINCITIES, source=source, skip_invalid=True).dataset
    queries("scraped", dataset, repeat)
    from sistercities.export import to_json

    exports("scraped", dataset, json.loads(to_json(dataset)), repeat)


def main() -> None:
    """Run every benchmark and print the table with the machine it ran on."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    repeat = 3 if args.quick else 7
    print(
        f"# {platform.python_implementation()} {platform.python_version()} on "
        f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}"
    )
    print(
        f"# sistercities {sistercities.__version__ if hasattr(sistercities, '__version__') else ''}"
        f" data {sistercities.dataset().data_version}, {dt.datetime.now():%Y-%m-%d %H:%M}"
    )
    print(f"{'group':<10} {'figure':<44} {'time':>10}  {'floor':<32} {'floor time':>10}  ratio")
    cold_start(max(repeat * 2, 9))
    shipped = sistercities.dataset()
    lookups(
        "shipped",
        shipped,
        {
            "by id": "brussels-capital-region",
            "by name": "bruxelles",
            "by Chinese alias": "布鲁塞尔",
        },
        "Brusels",
        repeat,
    )
    queries("shipped", shipped, repeat)
    from sistercities.export import to_json

    exports("shipped", shipped, json.loads(to_json(shipped)), repeat)
    import synthetic

    DATA.mkdir(exist_ok=True)
    path = DATA / "synthetic-100k.json"
    if not path.exists():
        synthetic.generate(path)
    big = loading(path, max(repeat // 2, 2))
    sample = big.get_city("c123")
    lookups(
        "100k",
        big,
        {"by id": sample.id, "by name": sample.name.upper(), "by Chinese name": sample.names["zh"]},
        sample.name[:-2] + "x",
        repeat,
    )
    queries("100k", big, repeat)
    exports("100k", big, json.loads(path.read_bytes()), max(repeat // 2, 2))
    twincities(max(repeat // 2, 2))


if __name__ == "__main__":
    main()
