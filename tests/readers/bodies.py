"""Registers of other bodies, written for the tests: where the fixture files are, and the
borough council's workbook, which is built here because a workbook is not text."""

from __future__ import annotations

from pathlib import Path

from .workbooks import workbook

BODIES = Path(__file__).resolve().parents[1] / "fixtures" / "readers" / "bodies"
LAYOUTS = BODIES / "layouts"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "schemes"

#: A police and crime commissioner's register: a two-row header with inherent, residual
#: and target groups, and several actions per risk, each with its owner, date and status.
PCC = BODIES / "carrick-vale-pcc.csv"
#: A Scottish council's register in markdown: sections above each table, three score
#: groups with no stage words, the first averaged from a workshop's votes.
GLENMUIR = BODIES / "glenmuir-council.md"
#: A parish council's assessment: numbered topics printed once, a level of L, M or H.
ASHCOMBE = BODIES / "ashcombe-parish.md"
#: A parish council's hazard log: H/M/L frequency and severity, a 1-9 level beside them.
HARWELL = BODIES / "little-harwell-parish.csv"
#: A parish council's log: a section row above the header, a ref inside the subject
#: cell, a RAG word and no factors.
THORNBY = BODIES / "thornby-parish.csv"
#: A town council's register: impact per dimension, 0 or n/a where one does not apply.
SEDGEBROOK = BODIES / "sedgebrook-town.csv"

#: A borough council's register, its columns in an order no built-in layout uses.
BOROUGH_ROWS: list[list[object]] = [
    ["Stourmouth Borough Council - Corporate Risk Register, quarter 1 2026/27"],
    [],
    ["Owner", "Score", "Impact", "Likelihood", "Risk", "Ref", "Area", "Review date", "RAG",
     "Comments"],
    ["Director of Resources", 20, 4, 5, "Medium term financial plan gap not closed", "SBC1",
     "Finance", "30/06/2026", "RED", "Savings plan to cabinet in July"],
    ["Head of Housing", 12, 4, 3, "Temporary accommodation costs keep rising", "SBC2",
     "Housing", "30/06/2026", "AMBER", ""],
    ["Head of Digital", 10, 5, 2, "Ransomware attack on council systems", "SBC3", "ICT",
     "31/07/2026", "GREEN", "RAG not updated since the audit"],
    ["Head of Planning", 4, 2, 2, "Local plan examination delayed", "SBC4", "Planning",
     "31/08/2026", "YELLOW", ""],
]


def borough_workbook(folder: Path) -> Path:
    """The borough council's register saved as ``stourmouth-borough.xlsx`` in *folder*."""
    path = folder / "stourmouth-borough.xlsx"
    path.write_bytes(workbook(BOROUGH_ROWS))
    return path
