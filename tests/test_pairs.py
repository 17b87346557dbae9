from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sistercities import DatasetError, Source
from sistercities.pairs import read_pairs, resolve_country

SOURCE = Source("list", "https://example.org/pairs.csv", "Pairs", "Example", dt.date(2026, 1, 1))
HEADER = "city1,country1,city2,country2\n"


def pairs(body: str, *, skip_invalid: bool = False) -> object:
    return read_pairs(io.StringIO(HEADER + body), source=SOURCE, skip_invalid=skip_invalid)


def test_pairs_in_both_directions_are_one_tie() -> None:
    """A pair listed twice, in either order and with stray spaces, becomes one relation."""
    result = read_pairs(
        io.StringIO(HEADER + "Berat,Albania,Fermo,Italy\n Fermo , Italy ,Berat,Albania\n"),
        source=SOURCE,
    )
    assert [r.id for r in result.dataset.relations()] == ["berat-al--fermo-it"]
    assert result.merged == 1
    assert all(r.established is None for r in result.dataset.relations())
    assert result.dataset.relations()[0].sources == (SOURCE,)


def test_messy_names_and_countries_are_cleaned() -> None:
    """Qualifiers stay in names, spaces are folded, and country spellings resolve to ISO codes."""
    body = (
        "Stari Grad (Sarajevo),Bosnia and Herzegovina,Krujë,Albania\n"
        'Cardiff,"Wales, United Kingdom",Nantes,France\n'
        "Tbilisi,Georgia (country),Kyiv\u00a0,Ukraine\n"
    )
    result = read_pairs(io.StringIO(HEADER + body), source=SOURCE)
    names = {(c.name, c.country) for c in result.dataset.cities()}
    assert ("Stari Grad (Sarajevo)", "BA") in names
    assert ("Cardiff", "GB") in names
    assert ("Kyiv", "UA") in names
    assert ("Tbilisi", "GE") in names


def test_unusable_rows_are_listed_by_line() -> None:
    """Unknown countries, missing names and self-ties raise DatasetError naming line and column."""
    body = "Athens,Grece,Rome,Italy\n,France,Rome,Italy\nRome,Italy,Rome,Italy\n"
    with pytest.raises(DatasetError) as caught:
        read_pairs(io.StringIO(HEADER + body), source=SOURCE)
    found = {(p.record, p.field) for p in caught.value.problems}
    assert found == {("line 2", "country1"), ("line 3", "city1"), ("line 4", "city2")}
    assert "did you mean 'greece'" in str(caught.value)


def test_unusable_rows_can_be_skipped() -> None:
    """With skip_invalid, good rows load and the bad ones are reported."""
    body = "Athens,Grece,Rome,Italy\nParis,France,Rome,Italy\n"
    result = read_pairs(io.StringIO(HEADER + body), source=SOURCE, skip_invalid=True)
    assert len(result.dataset) == 1
    assert [p.record for p in result.skipped] == ["line 2"]


def test_missing_columns_are_reported() -> None:
    """A file without the four columns raises DatasetError naming the missing ones."""
    with pytest.raises(DatasetError, match="no column country2"):
        read_pairs(io.StringIO("city1,country1,city2\nA,France,B\n"), source=SOURCE)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("England", "GB"),
        ("Republic of Ireland", "IE"),
        ("Ivory Coast", "CI"),
        ("Russia", "RU"),
        ("Czech Republic", "CZ"),
        ("Åland Islands, Finland", "AX"),
        ("Kosovo", None),
        ("", None),
    ],
)
def test_country_names_resolve(text: str, code: str | None) -> None:
    """Country names as scraped lists write them resolve to ISO codes, or to None."""
    assert resolve_country(text) == code


@given(
    st.lists(
        st.tuples(st.text(max_size=12), st.sampled_from(["France", "Italy", "Xx", ""])),
        min_size=2,
        max_size=12,
    )
)
def test_any_rows_give_a_dataset_or_a_dataset_error(cells: list[tuple[str, str]]) -> None:
    """Whatever the cells hold, reading them gives a valid dataset or a DatasetError."""
    lines = io.StringIO()
    writer = csv.writer(lines)
    writer.writerow(["city1", "country1", "city2", "country2"])
    for (a, ca), (b, cb) in itertools.pairwise(cells):
        writer.writerow([a, ca, b, cb])
    lines.seek(0)
    try:
        result = read_pairs(lines, source=SOURCE, skip_invalid=True)
    except DatasetError:
        return
    for relation in result.dataset.relations():
        assert len(set(relation.cities)) == 2


def test_the_real_scraped_list(shared_datasets: Path) -> None:
    """The 26,000-pair Wikipedia scrape loads; every unusable row is named, pairs are merged."""
    raw = shared_datasets / "twincities" / "twin_cities_raw.csv"
    with pytest.raises(DatasetError) as caught:
        read_pairs(raw, source=SOURCE)
    assert all(p.record and p.record.startswith("line ") for p in caught.value.problems)
    result = read_pairs(raw, source=SOURCE, skip_invalid=True)
    rows = len(raw.read_text(encoding="utf-8").splitlines()) - 1
    assert len(result.dataset) + result.merged + len(result.skipped) == rows
    assert len(result.dataset) > 20_000
    assert result.dataset.get_city("Beijing").country == "CN"


def test_the_real_geocoded_list(shared_datasets: Path) -> None:
    """The geocoded scrape keeps its coordinates, each inside the valid ranges."""
    path = shared_datasets / "twincities" / "app" / "public" / "twin_cities.csv"
    result = read_pairs(path, source=SOURCE, skip_invalid=True)
    located = [c for c in result.dataset.cities() if c.coordinates is not None]
    assert len(located) > 0.9 * len(result.dataset.cities())
