"""Load a generated 20,000-risk register from JSON; print the time as a ratio to json.loads.

Run: python benchmarks/bench_load.py [N_RISKS]
"""

from __future__ import annotations

import gc
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _generate import best_of, generate_register, machine

import riskmodel

GOAL = 2.5


def main() -> int:
    """Measure and print; exit 1 when the ratio misses the goal."""
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    register = generate_register(n)
    data = riskmodel.dumps(register, indent=None).encode("utf-8")
    assert riskmodel.loads(data) == register, "the round trip must be lossless"
    json_time = best_of(lambda: json.loads(data))
    load_time = best_of(lambda: riskmodel.loads(data))
    gc.disable()  # riskmodel.loads pauses the collector; compare like with like too
    try:
        json_paused = best_of(lambda: json.loads(data))
    finally:
        gc.enable()
    ratio = load_time / json_time
    print(machine())
    print(f"register: {n} risks, {len(data) / 1e6:.1f} MB of JSON")
    print(f"json.loads:      {json_time * 1000:8.1f} ms")
    print(f"riskmodel.loads: {load_time * 1000:8.1f} ms")
    print(f"json.loads with the collector paused: {json_paused * 1000:8.1f} ms")
    print(f"ratio: {ratio:.2f}x (goal <= {GOAL}x); "
          f"{load_time / json_paused:.2f}x against json.loads with the collector paused")
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    raise SystemExit(main())
