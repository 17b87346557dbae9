"""The compiled snapshot the package loads is exactly the data in ``data/``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

import sistercities
from sistercities import Dataset
from sistercities.validation import Records, Validation

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def checkout() -> Dataset:
    """The dataset of the checkout's data/, parsed and fully checked from its TOML files."""
    if not (ROOT / "data" / "dataset.toml").is_file():
        pytest.skip("needs the source checkout")
    return sistercities.load(ROOT / "data", strict=True)


def test_the_shipped_dataset_equals_the_checkout_s_data(checkout: Dataset) -> None:
    """The installed package (a wheel, in `nox -s tests`) answers from the same records."""
    shipped = sistercities.dataset()
    assert shipped == checkout
    assert shipped.info == checkout.info
    assert shipped.networks() == checkout.networks()


def test_the_committed_snapshot_is_what_compiling_data_gives(
    checkout: Dataset, tool: Callable[[str], ModuleType]
) -> None:
    """Regenerating the snapshot from data/ changes nothing; run the tool when this fails."""
    committed = ROOT / "src" / "sistercities" / "_snapshot.py"
    assert tool("compile_snapshot").render(checkout) == committed.read_text(encoding="utf-8")


def test_the_compiler_refuses_data_with_problems(
    checkout: Dataset, tool: Callable[[str], ModuleType]
) -> None:
    """A snapshot is written only for data that validate() passes, whatever it is given."""
    broken = sistercities.from_dict(
        {**sistercities.to_dict(checkout.get_city("tokyo")), "country": "XX"}, sistercities.City
    )
    cities = [broken if c.id == "tokyo" else c for c in checkout.cities()]
    # A validation result that claims no problem; the compiler checks again all the same.
    claimed = Validation(Records.of(cities, checkout.relations(), checkout.info), ())
    with pytest.raises(SystemExit, match="XX"):
        tool("compile_snapshot").render(Dataset.from_validation(claimed))
