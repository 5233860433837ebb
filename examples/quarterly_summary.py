"""Summarise the example council's register quarter by quarter: open risks by current band.

Run from the repository root: python examples/quarterly_summary.py
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import riskmodel

HERE = Path(__file__).parent


def band_counts(register: riskmodel.Register) -> Counter[str]:
    """How many open risks sit in each band at the current stage ("unscored" if none)."""
    counts: Counter[str] = Counter()
    for risk in register.open_risks:
        score = risk.current.score if risk.current else None
        band = score.band if score else None
        counts[band.label if band else "unscored"] += 1
    return counts


def main() -> None:
    """Print one line per quarter."""
    for path in sorted(HERE.glob("registers/fenbridge-corporate-*.json")):
        register = riskmodel.load(path)
        counts = band_counts(register)
        bands = ", ".join(f"{label} {counts[label]}" for label in sorted(counts))
        print(f"{register.version}: {len(register.open_risks)} open of {len(register)}; {bands}")


if __name__ == "__main__":
    main()
