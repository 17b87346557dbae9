"""Shared test configuration: Hypothesis profiles and paths to the shared material."""

from __future__ import annotations

import os
from pathlib import Path

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


@pytest.fixture
def shared_datasets() -> Path:
    """The folder of real scraped sister-city lists, or a skip where it is absent."""
    folder = SHARED / "datasets"
    if not folder.is_dir():
        pytest.skip("../shared/datasets is not present")
    return folder
