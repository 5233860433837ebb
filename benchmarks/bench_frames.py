"""Turn a generated 20,000-risk register into a DataFrame; print the time as a ratio to loading
it from JSON (the goal: no longer than the load), with the collector's state beside it.

Run: python benchmarks/bench_frames.py [N_RISKS]
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _generate import best_of, generate_register, machine

import riskmodel
from riskmodel import frames

GOAL = 1.0


def main() -> int:
    """Measure and print; exit 1 when the ratio misses the goal."""
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    register = generate_register(n)
    data = riskmodel.dumps(register, indent=None).encode("utf-8")
    loaded = riskmodel.loads(data)
    frame = frames.risks(loaded)
    assert len(frame) == n, "one row per risk"
    collector = "enabled" if gc.isenabled() else "disabled"
    load_time = best_of(lambda: riskmodel.loads(data))
    frame_time = best_of(lambda: frames.risks(loaded))
    gc.disable()  # riskmodel.loads pauses the collector itself; measure frames alike too
    try:
        frame_paused = best_of(lambda: frames.risks(loaded))
    finally:
        gc.enable()
    ratio = frame_time / load_time
    print(machine())
    print(f"register: {n} risks, {len(data) / 1e6:.1f} MB of JSON; frame {frame.shape[0]} rows "
          f"x {frame.shape[1]} columns")
    print(f"garbage collector: {collector} (riskmodel.loads and risk_values pause it while "
          "they build)")
    print(f"riskmodel.loads:  {load_time * 1000:8.1f} ms")
    print(f"frames.risks:     {frame_time * 1000:8.1f} ms  ratio {ratio:.2f}x (goal <= {GOAL}x)")
    print(f"frames.risks with the collector paused throughout: {frame_paused * 1000:8.1f} ms "
          f"(ratio {frame_paused / load_time:.2f}x)")
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    raise SystemExit(main())
