"""Shared by the benchmarks: a large synthetic register (deterministic) and a timer."""

from __future__ import annotations

import datetime as dt
import gc
import platform
import time
from collections.abc import Callable

import riskmodel as rm

_AREAS = ("Children's social care", "Adults' social care", "Finance", "ICT and cyber",
          "Estates", "Workforce")
_WORDS = ("capacity", "demand", "funding", "supplier", "contract", "inspection", "staffing",
          "system", "building", "partnership", "data", "safeguarding", "market", "budget")


def _sentence(seed: int, length: int) -> str:
    """A sentence unique to *seed*, as the prose of real registers is: it ends in a number."""
    words = " ".join(_WORDS[(seed * 7 + i * 3) % len(_WORDS)] for i in range(length - 1))
    return f"{words.capitalize()} {seed}"


def generate_register(n: int, scheme_id: str = "generic-5x5") -> rm.Register:
    """A register of *n* risks with text, three stages, controls, actions and dates."""
    scheme = rm.builtin_schemes().get(scheme_id)
    lk, im = scheme.likelihood.codes, scheme.impact.codes
    risks = []
    for i in range(n):
        def cell(shift: int, i: int = i) -> rm.Assessment:
            score = scheme.score(lk[(i + shift) % len(lk)], im[(i * 3 + shift) % len(im)])
            return rm.Assessment.of(score)

        due = dt.date(2026, 1 + i % 12, 1 + i % 28)
        risks.append(
            rm.Risk(
                id=f"R{i:05d}",
                ref=str(i + 1),
                section=_AREAS[i % len(_AREAS)],
                category=_AREAS[i % len(_AREAS)].split()[0].lower(),
                title=_sentence(i, 6),
                description=_sentence(i + 1, 40),
                consequence=_sentence(i + 2, 25),
                controls=[rm.Control(_sentence(i + k, 12)) for k in range(3)],
                actions=[
                    rm.Action(text=_sentence(i + k, 10), owner="Head of Service",
                              due=rm.DateText.of(due))
                    for k in range(2)
                ],
                inherent=cell(2),
                current=cell(1),
                target=cell(0),
                risk_owner="Director of Finance",
                action_owner="Head of Service",
                review_date=rm.DateText.parse(due.strftime("%d/%m/%Y") + " ongoing"),
            )
        )
    return rm.Register(
        organisation="Benchmark Borough Council",
        title="Synthetic register",
        scheme=scheme,
        sections=[rm.Section(area) for area in _AREAS],
        risks=risks,
    )


def best_of(function: Callable[[], object], repeat: int = 5) -> float:
    """The fastest of *repeat* runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def best_in_turn(sides: dict[str, Callable[[], object]], rounds: int = 7) -> dict[str, float]:
    """The fastest run of each side, in seconds, the sides taking turns round by round.

    The collector is paused around every side (riskmodel pauses it while it builds, so
    the side it is measured against is run the same way), and taking turns makes each
    side meet the same heap and the same moments of a busy machine.
    """
    best = dict.fromkeys(sides, float("inf"))
    for _ in range(rounds):
        for name, side in sides.items():
            gc.disable()
            try:
                start = time.perf_counter()
                side()
                best[name] = min(best[name], time.perf_counter() - start)
            finally:
                gc.enable()
    return best


def machine() -> str:
    """The line that says what the figures were measured on."""
    return (f"machine: {platform.machine()}, {platform.python_implementation()} "
            f"{platform.python_version()}, riskmodel {rm.__version__}")
