"""Damaged tables (cells shuffled, split, deleted) never make a reader raise anything else."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riskmodel import RiskModelError
from riskmodel.readers import builtin_layouts, read_text

FIXTURES = Path(__file__).parents[1] / "fixtures" / "readers"
SOURCES = sorted(
    path.read_text("utf-8") for path in FIXTURES.iterdir() if path.suffix in {".md", ".txt"}
)
LAYOUTS = ["auto", *sorted(builtin_layouts())]
JUNK = st.sampled_from([
    "", "1", "26", "4 1", "3 B", "n", "?", "■", "<li>", "</p>", "-", "2.", "х",
    "STRATEGIC AREA - X", "1. Budget", "a)", "IMPACT", "Likelihood", "AMENDMENTS",
    "DELETIONS", "NONE", "Risk", "31/02/2026", "£M", "|", "\t",
]) | st.text(max_size=12)


def _split(line: str) -> tuple[str, list[str]]:
    if line.lstrip().startswith("|"):
        return "|", line.split("|")
    return "\t", line.split("\t")


@st.composite
def damaged(draw: st.DrawFn) -> str:
    """A fixture table with some of its lines damaged."""
    lines = draw(st.sampled_from(SOURCES)).split("\n")
    for _ in range(draw(st.integers(0, 12))):
        if not lines:
            break
        index = draw(st.integers(0, len(lines) - 1))
        sep, cells = _split(lines[index])
        action = draw(st.sampled_from(
            ["shuffle", "split", "delete-cell", "delete-line", "copy-line", "junk", "merge"]
        ))
        if action == "shuffle":
            cells = draw(st.permutations(cells))
        elif action == "split" and cells:
            k = draw(st.integers(0, len(cells) - 1))
            cut = draw(st.integers(0, len(cells[k])))
            cells[k:k + 1] = [cells[k][:cut], cells[k][cut:]]
        elif action == "delete-cell" and cells:
            del cells[draw(st.integers(0, len(cells) - 1))]
        elif action == "junk" and cells:
            cells[draw(st.integers(0, len(cells) - 1))] = draw(JUNK)
        elif action == "merge" and len(cells) > 1:
            k = draw(st.integers(0, len(cells) - 2))
            cells[k:k + 2] = [cells[k] + " " + cells[k + 1]]
        if action == "delete-line":
            del lines[index]
        elif action == "copy-line":
            lines.insert(index, lines[index])
        else:
            lines[index] = sep.join(cells)
    return "\n".join(lines)


class TestFuzz:
    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(text=damaged(), layout=st.sampled_from(LAYOUTS))
    def test_only_riskmodel_errors(self, text: str, layout: str) -> None:
        """A damaged table is read, or fails with a RiskModelError, never anything else."""
        try:
            result = read_text(text, source="fuzz.txt", layout=layout)
        except RiskModelError as exc:
            error = str(exc)
        else:
            error = ""
        # The last-resort wrapper for unexpected errors must never be needed.
        assert "cannot read the table" not in error
        if error:
            return
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        assert len(result.report.lines) == len(lines)
