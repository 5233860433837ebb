"""Load and dump a generated 20,000-risk register; print each time as a ratio to the json module.

Both sides of every ratio run in this process, on the same bytes or the same data, with
the cyclic garbage collector in the same state, which is printed beside the ratio:
``riskmodel.loads`` and ``dumps`` pause the collector while they build, so the json side
is timed with it paused too (a ratio against json with the collector running would
flatter riskmodel). The sides take turns, round by round, and the best of seven rounds
is printed. ``loads`` and ``dumps`` are timed with and without the ``fast`` extra
(orjson writes; msgspec reads, where installed, and orjson checks the reading), and
``loads`` also with orjson alone: all of them read the same registers and write the same
bytes.

Run: python benchmarks/bench_load.py [N_RISKS]
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from _generate import best_in_turn, generate_register, machine

import riskmodel
from riskmodel import serialize

LOAD_GOAL = 2.0
DUMP_GOAL = 1.5


def _hiding(name: str, function: Callable[[], object]) -> Callable[[], object]:
    """*function* run with ``serialize.<name>`` hidden, as where that library is missing."""
    def run() -> object:
        fast = getattr(serialize, name)
        setattr(serialize, name, None)
        try:
            return function()
        finally:
            setattr(serialize, name, fast)
    return run


def _without_orjson(function: Callable[[], object]) -> Callable[[], object]:
    """*function* run as riskmodel runs where the ``fast`` extra is missing."""
    return _hiding("_orjson", function)


def _sides(label: str, plain: Callable[[], object],
           ours: Callable[[], object]) -> dict[str, Callable[[], object]]:
    """The json side, riskmodel with the fast extra (where installed) and without it."""
    sides = {f"json.{label}": plain}
    if serialize._orjson is not None:
        sides[f"riskmodel.{label} fast extra"] = ours
        if label == "loads" and serialize._msgspec_decode is not None:
            sides[f"riskmodel.{label} orjson alone"] = _hiding("_msgspec_decode", ours)
    sides[f"riskmodel.{label} json module"] = _without_orjson(ours)
    return sides


def _report(best: dict[str, float], base: str, goal: float) -> bool:
    """Print each side's time and ratio to *base*; whether the best riskmodel side met *goal*."""
    print(f"{base:34} {best[base] * 1000:8.1f} ms")
    ratios = []
    for name, seconds in best.items():
        if name == base:
            continue
        ratio = seconds / best[base]
        ratios.append(ratio)
        print(f"{name:34} {seconds * 1000:8.1f} ms   ratio {ratio:.2f}x (goal <= {goal}x)")
    return ratios[0] <= goal  # with the fast extra where it is installed: it may carry the goal


def main() -> int:
    """Measure and print; exit 1 when a ratio misses its goal."""
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    register = generate_register(n)
    data = riskmodel.dumps(register, indent=None).encode("utf-8")
    assert riskmodel.loads(data) == register, "the round trip must be lossless"
    assert _without_orjson(lambda: riskmodel.loads(data))() == register
    body: dict[str, Any] = {"format_version": 1, **serialize.unstructure(register)}
    print(machine())
    print(f"register: {n} risks, {len(data) / 1e6:.1f} MB of compact JSON; "
          f"fast extra: orjson {'installed' if serialize._orjson else 'not installed'}, "
          f"msgspec {'installed' if serialize._msgspec_decode else 'not installed'}")
    print("collector: paused on both sides of every ratio; sides measured in turn, "
          "best of 7 rounds")

    loads = _sides("loads", lambda: json.loads(data), lambda: riskmodel.loads(data))
    ok = _report(best_in_turn(loads), "json.loads", LOAD_GOAL)
    for indent, label in ((None, "compact"), (2, "indent=2")):
        separators = (",", ":") if indent is None else (",", ": ")

        def plain(indent: int | None = indent, separators: tuple[str, str] = separators) -> object:
            return json.dumps(body, indent=indent, ensure_ascii=False, separators=separators)

        dumps = _sides(f"dumps {label}", plain,
                       lambda indent=indent: riskmodel.dumps(register, indent=indent))
        ok = _report(best_in_turn(dumps, rounds=5), f"json.dumps {label}", DUMP_GOAL) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
