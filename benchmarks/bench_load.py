"""Load and dump a generated 20,000-risk register; print each time as a ratio to the json module.

Both sides of every ratio run in this process, on the same bytes or the same data, with
the cyclic garbage collector in the same state, which is printed beside the ratio:
``riskmodel.loads`` and ``dumps`` pause the collector while they build, so the json side
is timed with it paused too (a ratio against json with the collector running would
flatter riskmodel). ``dumps`` is timed with and without orjson (the ``fast`` extra); the
two write the same bytes.

Run: python benchmarks/bench_load.py [N_RISKS]
"""

from __future__ import annotations

import gc
import json
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _generate import best_of, generate_register, machine

import riskmodel
from riskmodel import serialize

LOAD_GOAL = 2.0
DUMP_GOAL = 1.5


def _paused(function: Callable[[], object]) -> float:
    """The best time of *function* with the collector paused, as riskmodel runs."""
    gc.disable()
    try:
        return best_of(function)
    finally:
        gc.enable()


def main() -> int:
    """Measure and print; exit 1 when a ratio misses its goal."""
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    register = generate_register(n)
    data = riskmodel.dumps(register, indent=None).encode("utf-8")
    assert riskmodel.loads(data) == register, "the round trip must be lossless"
    body = {"format_version": 1, **serialize.unstructure(register)}
    fast = serialize._orjson
    print(machine())
    print(f"register: {n} risks, {len(data) / 1e6:.1f} MB of compact JSON; "
          f"orjson {'installed' if fast else 'not installed'}")
    print("collector: paused on both sides of every ratio")

    json_load = _paused(lambda: json.loads(data))
    load = _paused(lambda: riskmodel.loads(data))
    print(f"json.loads            {json_load * 1000:8.1f} ms")
    print(f"riskmodel.loads       {load * 1000:8.1f} ms   ratio {load / json_load:.2f}x "
          f"(goal <= {LOAD_GOAL}x)")

    ok = load / json_load <= LOAD_GOAL
    for indent, label in ((None, "compact"), (2, "indent=2")):
        def plain(indent: int | None = indent) -> object:
            separators = (",", ":") if indent is None else (",", ": ")
            return json.dumps(body, indent=indent, ensure_ascii=False, separators=separators)

        json_dump = _paused(plain)
        print(f"json.dumps {label:10} {json_dump * 1000:8.1f} ms")
        for name, module in (("with orjson", fast), ("json module", None)):
            if name == "with orjson" and module is None:
                continue
            serialize._orjson = module
            try:
                dump = _paused(lambda indent=indent: riskmodel.dumps(register, indent=indent))
            finally:
                serialize._orjson = fast
            ratio = dump / json_dump
            ok = ok and (ratio <= DUMP_GOAL or (name == "json module" and fast is not None))
            print(f"riskmodel.dumps {label:10} {name:12} {dump * 1000:8.1f} ms   "
                  f"ratio {ratio:.2f}x (goal <= {DUMP_GOAL}x)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
