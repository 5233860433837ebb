"""Heat maps printed beside register tables: which ref the document puts in which cell."""

from __future__ import annotations

from collections.abc import Sequence

from riskmodel.assessment import Stage
from riskmodel.errors import LevelError
from riskmodel.provenance import Provenance
from riskmodel.readers.cells import clean_cell
from riskmodel.readers.layout import HeatMapSpec
from riskmodel.readers.report import LineKind, NoteKind, ReportBuilder
from riskmodel.readers.table import Row, RowKind
from riskmodel.register import HeatMap, Placement
from riskmodel.scheme import ScoringScheme

__all__ = ["is_heatmap_start", "read_heatmap"]


def is_heatmap_start(row: Row, spec: HeatMapSpec) -> bool:
    """Whether *row* opens a heat map block (its first cell is the start word)."""
    return (
        row.kind is RowKind.CELLS
        and clean_cell(row.cell(0)).casefold() == spec.start_word.casefold()
    )


def read_heatmap(
    rows: Sequence[Row],
    start: int,
    spec: HeatMapSpec,
    scheme: ScoringScheme,
    report: ReportBuilder,
) -> tuple[HeatMap, int]:
    """The heat map whose block starts at ``rows[start]``, and the index after the block.

    Every line of the block is accounted for as ``heatmap``; a cell that cannot be
    placed (unknown level, stray text) is a problem, and a printed axis row that
    disagrees with the layout's column codes is a disagreement note.
    """
    row_scale = scheme.likelihood if spec.row_axis == "likelihood" else scheme.impact
    column_scale = scheme.impact if spec.row_axis == "likelihood" else scheme.likelihood
    placements: list[Placement] = []
    index = start
    for _ in range(len(row_scale)):
        if index >= len(rows) or rows[index].kind is not RowKind.CELLS:
            break
        row = rows[index]
        code = clean_cell(row.cell(spec.row_code_column))
        try:
            level = row_scale.level(code, scheme_id=scheme.id)
        except LevelError:
            break
        report.account(row.line, LineKind.HEATMAP, f"heat map row {spec.row_axis} {code}")
        for column in row.filled:
            if column in (0, spec.row_code_column) or column < spec.row_code_column:
                continue
            text = clean_cell(row.cell(column))
            other = spec.columns.get(column)
            if other is None or other not in column_scale.codes:
                report.problem(row.line, "heat map cell outside the declared columns",
                               column=column, field="heatmap", found=text)
                continue
            other_level = column_scale.level(other, scheme_id=scheme.id)
            refs = spec.ref_separator.split(text)
            if refs is None:
                report.problem(row.line, "heat map cell too long to hold refs; not read",
                               column=column, field="heatmap", found=text[:60])
                continue
            for ref in (r for r in refs if r):
                pair = (level, other_level) if spec.row_axis == "likelihood" else (
                    other_level, level)
                placements.append(Placement(ref.rstrip("."), scheme.score(*pair)))
        index += 1
    if index < len(rows) and rows[index].kind is RowKind.CELLS:
        numbers = rows[index]
        printed = {i: clean_cell(numbers.cell(i)) for i in numbers.filled}
        report.account(
            numbers.line, LineKind.HEATMAP, f"heat map axis numbers ({column_scale.name})"
        )
        if any(printed.get(i) != c for i, c in spec.columns.items()):
            report.note(
                NoteKind.DISAGREEMENT, numbers.line,
                "the printed axis numbers do not sit over the columns the layout declares; "
                "the layout's columns are used",
                field="heatmap",
                found=" | ".join(f"cell {i}: {v}" for i, v in sorted(printed.items())),
            )
        index += 1
        if index < len(rows) and rows[index].kind is RowKind.CELLS and not any(
            ch.isdigit() for ch in rows[index].raw
        ):
            report.account(rows[index].line, LineKind.HEATMAP, "heat map axis words")
            index += 1
    heatmap = HeatMap(
        stage=Stage(spec.stage), placements=placements, title="heat map",
        provenance=Provenance(report.source, rows[start].line),
    )
    return heatmap, index
