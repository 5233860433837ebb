"""Read printed assessments of growing length; print the time per character as a ratio.

parse_assessment is a tokenizer and a grammar that should both be linear in the length
of the text: the time per character at the longest text should be about that at the
shortest. Also prints what checking a scheme's printed cells costs when it loads.

Run: python benchmarks/bench_parse.py
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _generate import best_of, machine

import riskmodel
from riskmodel.documents import scheme_from_dict, scheme_to_dict
from riskmodel.notation import MAX_TEXT

#: Parts of a printed assessment, repeated to make longer texts (a restated factor or
#: dimension is read again and must agree, so every length reads).
PARTS = {
    "generic-5x5": "impact major, likelihood 4 - Likely, ",
    "example-town-dimensions-5x5": "finance 3, services n/a, people Not Applicable, ",
}
GOAL = 1.5
REPEAT = 200


def scheme(scheme_id: str) -> riskmodel.ScoringScheme:
    registry = riskmodel.builtin_schemes()
    registry.load("examples/schemes/dimensions-na-5x5.toml")
    return registry.get(scheme_id)


def per_char(target: riskmodel.ScoringScheme, text: str) -> float:
    """Seconds per character to read *text*, best of five runs of REPEAT reads."""
    seconds = best_of(lambda: [target.parse_assessment(text) for _ in range(REPEAT)])
    return seconds / REPEAT / len(text)


def main() -> int:
    """Measure and print; exit 1 when the longest text costs more per character than GOAL×."""
    print(machine(), f"gc enabled: {gc.isenabled()}")
    worst = 0.0
    for scheme_id, part in PARTS.items():
        target = scheme(scheme_id)
        texts = [part * n for n in (1, 2, 4, 8) if len(part * n) <= MAX_TEXT]
        costs = [per_char(target, text) for text in texts * 2][len(texts):]  # warmed up
        for text, cost in zip(texts, costs, strict=True):
            ratio = cost / costs[0]
            worst = max(worst, ratio)
            print(f"{scheme_id:28} {len(text):4} chars  {cost * 1e6:6.2f} µs/char  "
                  f"ratio {ratio:.2f}x the shortest")
    generic = scheme_to_dict(riskmodel.builtin_schemes().get("generic-5x5"))
    build = best_of(lambda: [scheme_from_dict(generic) for _ in range(20)]) / 20
    print(f"building generic-5x5 from its TOML shape, every printed cell read back: "
          f"{build * 1000:.2f} ms")
    print(f"worst ratio {worst:.2f}x (goal <= {GOAL}x: linear in the length)")
    return 0 if worst <= GOAL else 1


if __name__ == "__main__":
    raise SystemExit(main())
