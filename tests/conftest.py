"""Shared test configuration: Hypothesis profiles and paths to the shared material."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, settings

# "ci" keeps the suite within CI's time; "dev" searches harder on a developer's machine.
settings.register_profile(
    "ci", max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "dev", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
TOOLS = Path(__file__).resolve().parent.parent / "tools"


@pytest.fixture
def shared_datasets() -> Path:
    """The folder of real scraped sister-city lists, or a skip where it is absent."""
    folder = SHARED / "datasets"
    if not folder.is_dir():
        pytest.skip("../shared/datasets is not present")
    return folder


@pytest.fixture
def tool() -> Callable[[str], ModuleType]:
    """Import a script of tools/ by name (they are not a package), or skip without a checkout."""

    def load(name: str) -> ModuleType:
        path = TOOLS / f"{name}.py"
        if not path.is_file():
            pytest.skip("needs the source checkout")
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    return load
