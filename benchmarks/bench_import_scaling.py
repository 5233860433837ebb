"""Import tables of 2,000 to 16,000 rows and a workbook declaring a huge range; print per-row cost.

Run: python benchmarks/bench_import_scaling.py

The goal is linear import: the time per row at 16,000 rows at most 1.5 times the time per
row at 2,000 rows (a quadratic reader would be 8 times), measured in one run with the
collector in the same state for every size (printed beside the figures).
"""

from __future__ import annotations

import gc
import io
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _generate import machine

from riskmodel.readers import read, read_text

GOAL = 1.5
SIZES = (2_000, 4_000, 8_000, 16_000)
HEADER = ("| What could go wrong | Consequence | Existing controls | Score with existing measures "
          "| | | Further action | Target score | | | Cost | Risk Owner | Target date |\n")


def table(rows: int) -> str:
    """A divisional table of *rows* risks, ten sections, every risk with its own ref."""
    lines = [HEADER]
    for n in range(rows):
        if n % (rows // 10) == 0:
            lines.append(f"| {n // (rows // 10) + 1}. Area | | | | | | | | | | | | |\n")
        lines.append(f"| Risk number {n} | Less money | • Checks • Audit | 4 | 3 | 12 | Bid "
                     f"| 3 | 3 | 9 | £{n}k | FD | 31/03/2027 |\n")
    return "".join(lines)


def best(function: object, repeat: int = 3) -> float:
    """The fastest of *repeat* runs, in seconds, with the collector as it is."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def workbook_seconds(rows: int) -> float | None:
    """Reading a workbook of *rows* risks whose sheet declares A1:XFD1048576."""
    try:
        import openpyxl
    except ImportError:
        return None
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Ref", "Risk description", "Likelihood", "Impact", "Score"])
    for n in range(rows):
        sheet.append([f"K{n}", "Risk", 2, 3, 6])
    out = io.BytesIO()
    book.save(out)
    import re
    import zipfile

    data = io.BytesIO()
    with zipfile.ZipFile(out) as old, zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as new:
        for name in old.namelist():
            body = old.read(name)
            if name == "xl/worksheets/sheet1.xml":
                body = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>',
                              body)
            new.writestr(name, body)
    layout = Path(__file__).parents[1] / "tests" / "fixtures" / "readers" / "library-layout.toml"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "wide.xlsx"
        path.write_bytes(data.getvalue())
        return best(lambda: read(path, layout=layout))


def main() -> int:
    """Measure and print; exit 1 when the per-row cost grows past the goal."""
    print(machine())
    print(f"collector: {'enabled' if gc.isenabled() else 'disabled'} for every size")
    per_row = {}
    for rows in SIZES:
        text = table(rows)
        seconds = best(lambda text=text: read_text(text, layout="leicester-city-divisional"))
        per_row[rows] = seconds / rows
        print(f"{rows:6,} rows: {seconds * 1000:8.0f} ms, {per_row[rows] * 1e6:6.1f} µs per row")
    ratio = per_row[SIZES[-1]] / per_row[SIZES[0]]
    verdict = "ok" if ratio <= GOAL else "SLOW"
    print(f"per-row cost at {SIZES[-1]:,} rows / at {SIZES[0]:,} rows: {ratio:.2f}x "
          f"(goal <= {GOAL}x) {verdict}")
    wide = workbook_seconds(2_000)
    if wide is not None:
        print(f"workbook, 2,000 rows under a declared A1:XFD1048576: {wide * 1000:.0f} ms")
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    raise SystemExit(main())
