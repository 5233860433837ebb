"""Import a 10,000-row CSV with the generic layout; print its time as a ratio to loading the
same risks from riskmodel's JSON.

The CSV is a generated register written with the headers councils use (Ref, Risk,
Consequence, Existing controls, Further actions, the three stages' Likelihood, Impact and
Score under Inherent, Current and Target group words, Owner, Action owner, Review date).
It is imported once, and that register is dumped as riskmodel JSON: the two sides hold
the same risks. Both sides run in this process, best of five, each with the collector in
the same state, printed beside the ratio: paused on both sides (as ``riskmodel.loads``
pauses it while it builds) and running on both sides.

Run: python benchmarks/bench_import_csv.py [N_RISKS]
The goal is a ratio of at most 2 in both collector states.
"""

from __future__ import annotations

import csv
import gc
import io
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _generate import best_of, generate_register, machine

import riskmodel
from riskmodel import Register
from riskmodel.readers import read

GOAL = 2.0
STAGES = ("inherent", "current", "target")


def register_csv(register: Register) -> str:
    """The register as a council's CSV: a two-row header, one row per risk."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Ref", "Risk", "Consequence", "Existing controls", "Further actions",
                     "Inherent", "", "", "Current", "", "", "Target", "", "", "Owner",
                     "Action owner", "Review date"])
    writer.writerow(["", "", "", "", "", *["Likelihood", "Impact", "Score"] * 3, "", "", ""])
    for risk in register.risks:
        scores = []
        for stage in STAGES:
            a = risk.assessment(stage)
            assert a is not None
            assert a.score is not None
            scores += [a.score.likelihood.code, a.score.impact.code, f"{a.score.value:g}"]
        writer.writerow([
            risk.ref, risk.description, risk.consequence,
            "\n".join(f"• {c.text}" for c in risk.controls),
            "\n".join(f"• {a.text}" for a in risk.actions),
            *scores, risk.risk_owner, risk.action_owner,
            risk.review_date.text if risk.review_date else "",
        ])
    return out.getvalue()


def timed(function: Callable[[], object], *, paused: bool) -> float:
    """The best of five runs of *function*, with the collector paused or running."""
    was = gc.isenabled()
    (gc.disable if paused else gc.enable)()
    try:
        return best_of(function)
    finally:
        (gc.enable if was else gc.disable)()


def main() -> int:
    """Measure and print; exit 1 when a ratio misses the goal."""
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    print(machine())
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "register.csv"
        source.write_text(register_csv(generate_register(n)), encoding="utf-8")
        imported = read(source, scheme="generic-5x5")
        register = imported.registers[0]
        if len(register) != n or imported.report.problems:
            raise SystemExit("the import must be clean: every risk read, no problem reported")
        document = Path(folder) / "register.json"
        riskmodel.dump(register, document)
        assert riskmodel.load(document) == register, "the JSON must hold the same risks"
        size = source.stat().st_size / 1e6
        print(f"register: {n:,} risks; CSV {size:.1f} MB, JSON "
              f"{document.stat().st_size / 1e6:.1f} MB")
        ok = True
        for paused in (True, False):
            state = "paused" if paused else "running"
            load = timed(lambda: riskmodel.load(document), paused=paused)
            csv_time = timed(lambda: read(source, scheme="generic-5x5"), paused=paused)
            ratio = csv_time / load
            ok = ok and ratio <= GOAL
            print(f"collector {state} on both sides: riskmodel.load {load * 1000:7.0f} ms, "
                  f"read CSV {csv_time * 1000:7.0f} ms, ratio {ratio:.2f}x "
                  f"(goal <= {GOAL:g}x) {'ok' if ratio <= GOAL else 'SLOW'}")
        auto = timed(lambda: read(source), paused=True)
        print(f"read CSV with no scheme given (each built-in scheme tried): "
              f"{auto * 1000:.0f} ms, collector paused")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
