"""Fixtures for the seed tests: the seed folder, skipped with a reason when absent.

The folder is ``$RISKMODEL_SEEDS`` when that is set, else ``../shared/seeds`` beside the
repository.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SEEDS = Path(os.environ.get("RISKMODEL_SEEDS") or Path(__file__).parents[2].parent / "shared"
             / "seeds")


@pytest.fixture(scope="session")
def seeds() -> Path:
    """The folder of seed documents; the test is skipped when it is absent."""
    if not SEEDS.is_dir():
        pytest.skip(f"the seed documents are not at {SEEDS} (set RISKMODEL_SEEDS to their "
                    "folder to run these tests)")
    return SEEDS
