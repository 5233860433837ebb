"""Shared test set-up: a Hypothesis profile that suits a slow, shared two-core machine."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# Generated registers are large values; timing each example only makes runs flaky.
settings.register_profile(
    "riskmodel",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("ci", parent=settings.get_profile("riskmodel"), derandomize=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "riskmodel"))
