"""Check and convert a generated 20,000-risk register; print each time as a ratio to loading it.

Run: python benchmarks/bench_check.py [N_RISKS]
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _generate import best_of, generate_register, machine

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
    findings = check(register, as_of=as_of)
    converted = convert_register(register, to)
    load_time = best_of(lambda: riskmodel.loads(data))
    check_time = best_of(lambda: check(register, as_of=as_of))
    convert_time = best_of(lambda: convert_register(register, to))
    profile_time = best_of(lambda: profile(register))
    print(machine())
    print(f"register: {n} risks, {len(data) / 1e6:.1f} MB of JSON; "
          f"{len(findings)} findings; {len(converted.lossy)} lossy of "
          f"{len(converted.stages)} conversions to {to.id}")
    print(f"riskmodel.loads:  {load_time * 1000:8.1f} ms")
    ratios = {}
    for name, seconds in (("check", check_time), ("convert_register", convert_time),
                          ("profile", profile_time)):
        ratios[name] = seconds / load_time
        print(f"{name + ':':17} {seconds * 1000:8.1f} ms  ratio {ratios[name]:.2f}x "
              f"(goal < {GOAL}x)")
    return 0 if all(r < GOAL for r in ratios.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
