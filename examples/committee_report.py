"""Print the Markdown committee report of what changed in the example council's register
from one quarter to the next, then each risk's history over the three quarters.

Run from the repository root: python examples/committee_report.py
"""

from __future__ import annotations

from pathlib import Path

import riskmodel
from riskmodel.committee import diff_report, history_report

HERE = Path(__file__).parent


def main() -> None:
    """Diff the last two quarters, then follow every risk through all three."""
    quarters = [riskmodel.load(path)
                for path in sorted(HERE.glob("registers/fenbridge-corporate-*.json"))]
    print(diff_report(riskmodel.diff(quarters[-2], quarters[-1]), "markdown"))
    print(history_report(riskmodel.history(quarters), "markdown"))


if __name__ == "__main__":
    main()
