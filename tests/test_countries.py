"""The country tables are generated from pycountry, and the pairs importer's extra names agree."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

import pycountry
import pytest

from sistercities.countries import COUNTRY_CODES
from sistercities.country_names import ISO_COUNTRY_NAMES
from sistercities.names import normalize_name
from sistercities.pairs import SCRAPED_COUNTRY_NAMES, resolve_country


def test_regenerating_the_tables_changes_nothing(tool: Callable[[str], ModuleType]) -> None:
    """Both modules are exactly what tools/country_tables.py writes from the pinned pycountry."""
    for path, text in tool("country_tables").tables().items():
        assert path.read_text(encoding="utf-8") == text, f"run the tool: {path.name} is stale"


def test_the_codes_are_pycountry_s() -> None:
    """Every ISO 3166-1 alpha-2 code, and nothing else."""
    assert {country.alpha_2 for country in pycountry.countries} == COUNTRY_CODES


@pytest.mark.parametrize("country", list(pycountry.countries), ids=lambda c: c.alpha_2)
def test_every_iso_name_resolves_to_its_country(country: object) -> None:
    """The name, official name and common name of each country find its code."""
    for attribute in ("name", "official_name", "common_name"):
        value = getattr(country, attribute, None)
        if value:
            assert ISO_COUNTRY_NAMES[normalize_name(value)] in COUNTRY_CODES
            assert resolve_country(value) is not None


def test_the_scraped_forms_extend_the_iso_names_without_changing_them() -> None:
    """No scraped form overrides an ISO name; each is normalised and names a real code."""
    assert not SCRAPED_COUNTRY_NAMES.keys() & ISO_COUNTRY_NAMES.keys()
    for key, code in SCRAPED_COUNTRY_NAMES.items():
        assert normalize_name(key) == key
        assert code in COUNTRY_CODES
        assert resolve_country(key) == code
