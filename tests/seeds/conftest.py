"""Fixtures for the seed tests: the seed folder, skipped with a reason when absent."""

from __future__ import annotations

from pathlib import Path

import pytest

SEEDS = Path(__file__).parents[2].parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def seeds() -> Path:
    """The folder of seed documents; the test is skipped when it is absent."""
    if not SEEDS.is_dir():
        pytest.skip(f"the seed documents are not at {SEEDS}")
    return SEEDS
