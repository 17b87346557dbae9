r"""Datasets from plain lists of city pairs, such as twin-town lists scraped from the web.

Such lists name each city and its country in free text, list many pairs in both directions and
give no dates. :func:`read_pairs` cleans the names, resolves country names to ISO codes, merges
repeated pairs into one tie and reports every row it cannot use by its line number.

>>> import datetime as dt, io
>>> from sistercities import Source
>>> rows = io.StringIO(
...     "city1,country1,city2,country2\n"
...     "Berat,Albania,Fermo,Italy\n"
...     " Fermo ,Italy,Berat,Albania\n"
... )
>>> source = Source(
...     "list", "https://example.org/twins.csv", "Twin towns", "Example", dt.date(2026, 1, 1)
... )
>>> result = read_pairs(rows, source=source)
>>> [r.id for r in result.dataset.relations()], result.merged
(['berat-al--fermo-it'], 1)
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Final

import attrs

from sistercities.country_names import ISO_COUNTRY_NAMES
from sistercities.dataset import Dataset
from sistercities.errors import DatasetError, Problem
from sistercities.names import normalize_name
from sistercities.records import City, Coordinates, Relation, RelationKind, Source
from sistercities.validation import Records, validate

__all__ = ["SCRAPED_COUNTRY_NAMES", "PairImport", "read_pairs", "resolve_country"]

_COLUMNS: Final = ("city1", "country1", "city2", "country2")
_SPACES: Final = re.compile(r"\s+")
_PARENTHESES: Final = re.compile(r"\s*\([^)]*\)")
#: Names that scraped lists give countries and ISO 3166 does not: constituent countries, short
#: and former names. Keys are normalised, as in the generated ISO table they extend.
SCRAPED_COUNTRY_NAMES: Final[dict[str, str]] = {
    "bosnia": "BA",
    "brunei": "BN",
    "burma": "MM",
    "cape verde": "CV",
    "democratic republic of the congo": "CD",
    "dr congo": "CD",
    "east timor": "TL",
    "england": "GB",
    "falkland islands": "FK",
    "great britain": "GB",
    "holland": "NL",
    "holy see": "VA",
    "ivory coast": "CI",
    "macau": "MO",
    "macedonia": "MK",
    "micronesia": "FM",
    "northern ireland": "GB",
    "palestine": "PS",
    "republic of ireland": "IE",
    "russia": "RU",
    "scotland": "GB",
    "swaziland": "SZ",
    "the bahamas": "BS",
    "the gambia": "GM",
    "the netherlands": "NL",
    "turkey": "TR",
    "uk": "GB",
    "usa": "US",
    "vatican city": "VA",
    "wales": "GB",
}
_COUNTRY_NAMES: Final = {**ISO_COUNTRY_NAMES, **SCRAPED_COUNTRY_NAMES}


@attrs.frozen
class PairImport:
    """What :func:`read_pairs` made of a list: the dataset, and what it left out or merged."""

    dataset: Dataset
    #: Rows that could not be used, each a problem naming the line and the column.
    skipped: tuple[Problem, ...] = ()
    #: How many rows repeated a pair already read (in either direction).
    merged: int = 0


def resolve_country(text: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country name as scraped lists write it, or ``None``.

    Tries the whole text, then the part before the first comma (``"Réunion, France"`` is
    Réunion), then the part after the last one (``"Brandenburg, Germany"``), then the text
    without parenthesised qualifiers (``"Georgia (country)"``).

    >>> resolve_country("Republic of Ireland"), resolve_country("Scotland, United Kingdom")
    ('IE', 'GB')
    """
    candidates = [text, text.partition(",")[0], text.rpartition(",")[2], _PARENTHESES.sub("", text)]
    for candidate in candidates:
        code = _COUNTRY_NAMES.get(normalize_name(candidate))
        if code is not None:
            return code
    return None


def read_pairs(
    rows: str | os.PathLike[str] | Iterable[str],
    *,
    source: Source,
    skip_invalid: bool = False,
) -> PairImport:
    """Build a dataset from CSV rows with the columns ``city1, country1, city2, country2``.

    ``rows`` is a path or an iterable of CSV lines (an open file); further columns are ignored,
    except ``lat1, lng1, lat2, lng2``, which become coordinates when they are valid numbers.
    Every city and tie cites ``source``; ties have no date and the kind ``sister-city``.
    Cities are told apart by name and country, so two towns of the same name in one country
    become one city.

    :param skip_invalid: leave out rows that cannot be used (listed in
        :attr:`PairImport.skipped`) instead of raising.
    :raises DatasetError: a row could not be used and ``skip_invalid`` is false; every such row
        is listed.
    """
    if isinstance(rows, (str, os.PathLike)):
        name = str(rows)
        with Path(rows).open(encoding="utf-8-sig", newline="") as stream:
            return _read(stream, name, source, skip_invalid=skip_invalid)
    name = getattr(rows, "name", "<rows>")
    return _read(rows, str(name), source, skip_invalid=skip_invalid)


def _read(lines: Iterable[str], file: str, source: Source, *, skip_invalid: bool) -> PairImport:
    builder = _Builder(file, source)
    try:
        reader = csv.DictReader(lines)
        missing = [c for c in _COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise DatasetError([Problem(file, None, None, f"no column {', '.join(missing)}")])
        for row in reader:
            builder.take(row, reader.line_num)
    except (csv.Error, UnicodeDecodeError) as error:
        raise DatasetError([Problem(file, None, None, f"cannot be read as CSV: {error}")]) from None
    if builder.problems and not skip_invalid:
        raise DatasetError(builder.problems)
    return builder.finish()


class _Builder:
    def __init__(self, file: str, source: Source) -> None:
        self.file = file
        self.source = source
        self.problems: list[Problem] = []
        self.cities: dict[tuple[str, str], City] = {}
        self.ids: set[str] = set()
        self.pairs: dict[frozenset[str], Relation] = {}
        self.merged = 0

    def take(self, row: Mapping[str, str | None], line: int) -> None:
        where = f"line {line}"
        ends = [self.city(row, str(side), where) for side in (1, 2)]
        first, second = ends
        if first is None or second is None:
            return
        if first.id == second.id:
            self.problems.append(
                Problem(self.file, where, "city2", f"{first.name} is tied to itself")
            )
            return
        key = frozenset((first.id, second.id))
        if key in self.pairs:
            self.merged += 1
            return
        a, b = sorted(key)
        self.pairs[key] = Relation(
            id=f"{a}--{b}",
            cities=(a, b),
            kind=RelationKind.SISTER_CITY,
            sources=(self.source,),
        )

    def city(self, row: Mapping[str, str | None], side: str, where: str) -> City | None:
        name = _clean(row.get(f"city{side}") or "")
        country_text = _clean(row.get(f"country{side}") or "")
        if not normalize_name(name):
            self.problems.append(Problem(self.file, where, f"city{side}", "no city name"))
            return None
        country = resolve_country(country_text)
        if country is None:
            self.problems.append(
                Problem(self.file, where, f"country{side}", _unknown_country(country_text))
            )
            return None
        key = (normalize_name(name), country)
        city = self.cities.get(key)
        if city is None:
            city = City(
                id=self.new_id(key),
                name=name,
                country=country,
                kind="city",
                sources=(self.source,),
                coordinates=_coordinates(row, side, self.source.key),
            )
            self.cities[key] = city
        return city

    def new_id(self, key: tuple[str, str]) -> str:
        name, country = key
        ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        slug = "-".join(re.findall(r"[a-z0-9]+", ascii_name))
        candidate = f"{slug}-{country.lower()}" if slug else f"city-{country.lower()}"
        if candidate in self.ids or not slug:
            # Names that differ only outside ASCII (or have no ASCII at all) get a stable suffix.
            digest = hashlib.sha256(f"{name}|{country}".encode()).hexdigest()[:8]
            candidate = f"{candidate}-{digest}"
        self.ids.add(candidate)
        return candidate

    def finish(self) -> PairImport:
        cities = tuple(self.cities.values())
        relations = tuple(self.pairs.values())
        # The builder makes only valid records; the validation guards that promise.
        dataset = Dataset.from_validation(validate(Records.of(cities, relations)))
        return PairImport(dataset, tuple(self.problems), self.merged)


def _clean(text: str) -> str:
    # Scraped cells carry stray and non-breaking spaces, and sometimes control characters.
    text = "".join(c for c in text if unicodedata.category(c) != "Cc" or c in " \t")
    return unicodedata.normalize("NFC", _SPACES.sub(" ", text).strip())


def _unknown_country(text: str) -> str:
    if not text:
        return "no country"
    close = difflib.get_close_matches(normalize_name(text), _COUNTRY_NAMES, n=1, cutoff=0.75)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"{text!r} is not a country name the library knows{hint}"


def _coordinates(row: Mapping[str, str | None], side: str, source: str) -> Coordinates | None:
    try:
        lat = float(row.get(f"lat{side}") or "nan")
        lon = float(row.get(f"lng{side}") or "nan")
    except ValueError:
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat == 0 and lon == 0):
        return None
    return Coordinates(lat, lon, source)
