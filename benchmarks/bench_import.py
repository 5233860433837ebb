"""Import the five seed registers; print risks, problems and the total time per run.

Run: python benchmarks/bench_import.py [SEEDS_DIR]   (default: ../shared/seeds)
The goal is under one second for all five files together.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from riskmodel.readers import read

GOAL = 1.0
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else SEEDS
    files = sorted(folder.glob("*.txt"))
    if not files:
        print(f"no seed files in {folder}")
        return 1
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        results = [read(path) for path in files]
        best = min(best, time.perf_counter() - start)
    for path, result in zip(files, results, strict=True):
        risks = sum(len(register) for register in result.registers)
        problems = len(result.report.problems)
        print(f"{path.name}: {result.layout}, {len(result.registers)} register(s), "
              f"{risks} risks, {problems} problems, {len(result.report.lines)} lines")
    verdict = "ok" if best < GOAL else "SLOW"
    print(f"all {len(files)} files: {best * 1000:.0f} ms (best of 5; goal < {GOAL:g} s) {verdict}")
    return 0 if best < GOAL else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
