"""A synthetic dataset in the JSON export format, generated with a fixed seed (never committed)."""

from __future__ import annotations

import json
import random
from pathlib import Path

from sistercities.countries import COUNTRY_CODES

SYLLABLES = "ka lo mi ra ne to be sa li vo an del or ur ix pe qu zh ße é ö ś ł".split()
KINDS = ("city", "municipality", "region", "province", "state", "metropolis")


def generate(
    path: Path, *, cities: int = 20_000, relations: int = 100_000, seed: int = 1979
) -> Path:
    """Write a valid dataset of ``cities`` cities and ``relations`` ties to ``path``."""
    rng = random.Random(seed)
    countries = sorted(COUNTRY_CODES)
    source = {
        "key": "gen",
        "url": "https://example.org/synthetic",
        "title": "Synthetic benchmark data",
        "publisher": "sistercities benchmarks",
        "accessed": "2026-01-01",
        "published": None,
    }
    city_records = []
    for index in range(cities):
        name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
        city_records.append(
            {
                "id": f"c{index}",
                "name": f"{name} {index}",
                "country": rng.choice(countries),
                "kind": rng.choice(KINDS),
                "sources": [source],
                "attested_by": [],
                "names": {"zh": f"城{index}"},
                "aliases": [f"{name}-{index}"],
                "former_names": [],
                "summary": None,
                "coordinates": {
                    "lat": rng.uniform(-60, 70),
                    "lon": rng.uniform(-180, 180),
                    "source": "gen",
                },
                "area": None,
                "population": {
                    "count": rng.randint(1_000, 20_000_000),
                    "reference_date": "2020",
                    "scope": "jurisdiction",
                    "source": "gen",
                    "note": None,
                },
                "government": None,
                "profile": None,
                "notes": [],
                "research": None,
            }
        )
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < relations:
        a, b = rng.sample(range(cities), 2)
        pairs.add((min(a, b), max(a, b)))
    relation_records: list[dict[str, object]] = []
    for a, b in sorted(pairs):
        year = rng.randint(1950, 2025)
        precision = rng.random()
        established = f"{year}" if precision < 0.1 else f"{year}-{rng.randint(1, 12):02d}"
        if precision >= 0.3:
            established += f"-{rng.randint(1, 28):02d}"
        relation_records.append(
            {
                "id": f"c{a}--c{b}",
                "cities": [f"c{a}", f"c{b}"],
                "kind": "sister-city",
                "sources": [source],
                "attested_by": [],
                "established": established,
                "established_source": "gen",
                "local_kinds": {},
                "status_changes": [],
                "fields": [],
                "summary": None,
                "agreements": [],
                "events": [],
                "institutional_ties": [],
                "notes": [],
                "research": None,
            }
        )
    document = {
        "schema_version": 2,
        "data_version": "synthetic",
        "checked": "2026-01-01",
        "networks": [],
        "cities": city_records,
        "relations": relation_records,
    }
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path
