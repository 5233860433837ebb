"""Check and convert a generated 20,000-risk register; print each time as a ratio to loading it.

Every side runs with the cyclic collector paused (loads, check and convert pause it
themselves; the script pauses it around each side so that all run alike), and the sides
take turns, round by round, so that each meets the same heap: the best of five rounds
is printed.

Run: python benchmarks/bench_check.py [N_RISKS]
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _generate import best_in_turn, generate_register, machine

import riskmodel
from riskmodel.check import check
from riskmodel.convert import convert_register
from riskmodel.profile import profile

GOAL = 1.0


def main() -> int:
    """Measure and print; exit 1 when a ratio misses the goal."""
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    register = generate_register(n)
    data = riskmodel.dumps(register, indent=None).encode("utf-8")
    to = riskmodel.builtin_schemes().get("leicestershire-4x4")
    as_of = dt.date(2026, 7, 1)
    findings = len(check(register, as_of=as_of))
    lossy = len(convert_register(register, to).lossy)
    sides: dict[str, Callable[[], object]] = {
        "loads": lambda: riskmodel.loads(data),
        "check": lambda: check(register, as_of=as_of),
        "convert_register": lambda: convert_register(register, to),
        "profile": lambda: profile(register),
    }
    best = best_in_turn(sides, rounds=5)
    load_time = best["loads"]
    print(machine())
    print(f"register: {n} risks, {len(data) / 1e6:.1f} MB of JSON; "
          f"{findings} findings; {lossy} lossy conversions to {to.id}")
    print("collector: paused on every side; sides measured in turn, best of 5 rounds")
    print(f"riskmodel.loads:  {load_time * 1000:8.1f} ms")
    ratios = {}
    for name in ("check", "convert_register", "profile"):
        seconds = best[name]
        ratios[name] = seconds / load_time
        print(f"{name + ':':17} {seconds * 1000:8.1f} ms  ratio {ratios[name]:.2f}x "
              f"(goal < {GOAL}x)")
    return 0 if all(r < GOAL for r in ratios.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
