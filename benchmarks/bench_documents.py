"""Import one register as CSV, as a Word file and as a PDF; print each time and its ratio.

Run: python benchmarks/bench_documents.py [RISKS]   (default: 300 risks)
Needs the extras pdf, docx and plot (matplotlib draws the PDF's ruled tables, 30 rows a
page). All three files hold the same rows and read with the same layout (the library
service's, from tests/fixtures/readers); the ratios to CSV are what matters. There is no
goal: the figure goes into docs/performance.md, so that the docs say how slow a PDF is.
"""

from __future__ import annotations

import csv
import gc
import io
import sys
import tempfile
from pathlib import Path

from _generate import best_of, machine

from riskmodel.readers import read

LAYOUT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "readers" / \
    "library-layout.toml"
HEADER = ["Ref", "Risk description", "Likelihood", "Impact", "Score", "Owner", "Review date"]
ROWS_A_PAGE = 30
_OWNERS = ("Facilities lead", "Branch manager", "Head of libraries", "IT partner")


def rows(count: int) -> list[list[str]]:
    """*count* risks of the library service's log, each with its own text and score."""
    out = []
    for i in range(count):
        likelihood, impact = 1 + i % 5, 1 + (i * 3) % 5
        out.append([f"L{i + 1}", f"Risk {i + 1}: the service loses {i % 7 + 1} days",
                    str(likelihood), str(impact), str(likelihood * impact),
                    _OWNERS[i % len(_OWNERS)], f"{1 + i % 28:02d}/{1 + i % 12:02d}/2026"])
    return out


def write_csv(path: Path, table: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([HEADER, *table])
    path.write_text(out.getvalue(), encoding="utf-8")


def write_docx(path: Path, table: list[list[str]]) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Library service risk log")
    grid = document.add_table(rows=len(table) + 1, cols=len(HEADER))
    for r, row in enumerate([HEADER, *table]):
        cells = grid.rows[r].cells
        for c, text in enumerate(row):
            cells[c].text = text
    document.save(path)


def write_pdf(path: Path, table: list[list[str]]) -> None:
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    with PdfPages(path) as pages:
        for start in range(0, len(table), ROWS_A_PAGE):
            figure = Figure(figsize=(11.7, 8.3))
            axes = figure.add_subplot()
            axes.axis("off")
            axes.set_title("Library service risk log")
            axes.table(cellText=table[start:start + ROWS_A_PAGE], colLabels=HEADER,
                       loc="upper center")
            pages.savefig(figure)


def main(argv: list[str]) -> int:
    count = int(argv[1]) if len(argv) > 1 else 300
    table = rows(count)
    folder = Path(tempfile.mkdtemp())
    files = {"csv": folder / "log.csv", "docx": folder / "log.docx", "pdf": folder / "log.pdf"}
    write_csv(files["csv"], table)
    write_docx(files["docx"], table)
    write_pdf(files["pdf"], table)
    print(machine())
    print(f"gc enabled: {gc.isenabled()}; {count} risks, {-(-count // ROWS_A_PAGE)} PDF pages")
    times = {}
    for kind, path in files.items():
        result = read(path, layout=LAYOUT)
        risks = len(result.registers[0])
        assert risks == count, (kind, risks)
        times[kind] = best_of(lambda path=path: read(path, layout=LAYOUT), repeat=3)
    for kind, seconds in times.items():
        print(f"{kind:>4}: {seconds * 1000:8.0f} ms  ({seconds / count * 1e6:6.0f} µs a risk; "
              f"{seconds / times['csv']:5.1f}× CSV)")
    pages = -(-count // ROWS_A_PAGE)
    print(f"pdf: {times['pdf'] / pages * 1000:.0f} ms a page of {ROWS_A_PAGE} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
