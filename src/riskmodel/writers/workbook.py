"""A register as an Excel workbook (the ``excel`` extra): risks, findings and the scheme.

The first sheet, *Risks*, is a committee's table: heading rows with the register's
particulars, then one row per risk under "Section …" rows, each stage's score printed in
the scheme's notation on its band's colour. It is laid out as the built-in
``riskmodel-export`` layout reads it, so ``riskmodel import`` reads the workbook back with
exact scores. *Findings* lists :func:`riskmodel.check`'s findings, severities coloured;
*Scheme* draws the scheme's matrix in its band colours, with its bands.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

import attrs

from riskmodel._extras import need
from riskmodel.appetite import Appetite
from riskmodel.assessment import Assessment, Stage
from riskmodel.check import Finding, check
from riskmodel.profile import band_of
from riskmodel.readers.layout import Layout, builtin_layouts
from riskmodel.register import Register
from riskmodel.risk import Risk
from riskmodel.scale import Level
from riskmodel.scheme import Band, ScoringScheme

__all__ = ["EXPORT_LAYOUT", "RISK_HEADERS", "export_layout", "xlsx_bytes"]

#: The built-in layout that reads the Risks sheet back.
EXPORT_LAYOUT = "riskmodel-export"

#: The Risks sheet's column headers, in order (the export layout's header words).
RISK_HEADERS = (
    "Ref", "Title", "Objective", "Description", "Consequence", "Triggers",
    "Existing controls", "Further actions", "Inherent", "Current", "Target", "Appetite",
    "Risk owner", "Action owner", "Cost", "Review date", "Target date",
)
_WIDTHS = {"Ref": 7, "Title": 32, "Objective": 28, "Description": 48, "Consequence": 36,
           "Triggers": 30, "Existing controls": 40, "Further actions": 40, "Inherent": 10,
           "Current": 10, "Target": 10, "Appetite": 10, "Risk owner": 22, "Action owner": 22,
           "Cost": 16, "Review date": 16, "Target date": 16}
_SEVERITY_FILL = {"error": "C62828", "warning": "F9A825", "info": "1565C0"}


def export_layout(scheme: ScoringScheme | str) -> Layout:
    """The export layout for a register on *scheme* (the built-in one names generic-5x5).

    >>> export_layout("leicestershire-4x4").scheme
    'leicestershire-4x4'
    """
    scheme_id = scheme if isinstance(scheme, str) else scheme.id
    return attrs.evolve(builtin_layouts()[EXPORT_LAYOUT], scheme=scheme_id)


def _openpyxl() -> Any:
    return need("openpyxl", "excel", "writing a workbook")


def _hex(colour: str) -> str | None:
    """``C62828`` from ``#c62828`` (or ``#c28``); ``None`` for anything else."""
    text = colour.strip().lstrip("#")
    if len(text) == 3:
        text = "".join(c * 2 for c in text)
    if len(text) == 6 and all(c in "0123456789abcdefABCDEF" for c in text):
        return text.upper()
    return None


def _ink(rgb: str) -> str:
    red, green, blue = (int(rgb[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return "000000" if 0.299 * red + 0.587 * green + 0.114 * blue > 0.55 else "FFFFFF"


class _Sheet:
    """Writes cells as text (never a formula), with fills, fonts and wrapping."""

    def __init__(self, worksheet: Any, openpyxl: Any) -> None:
        self.ws = worksheet
        self.styles = openpyxl.styles

    def put(self, row: int, column: int, value: object, *, fill: str | None = None,
            bold: bool = False, wrap: bool = False) -> Any:
        cell = self.ws.cell(row=row, column=column)
        if value is None or value == "":
            cell.value = None
        elif isinstance(value, str):
            cell.value = value
            cell.data_type = "s"  # text that starts with "=" stays text, not a formula
        else:
            cell.value = value
        font: dict[str, Any] = {"bold": bold}
        if fill is not None:
            cell.fill = self.styles.PatternFill("solid", start_color=fill, end_color=fill)
            font["color"] = _ink(fill)
        cell.font = self.styles.Font(**font)
        cell.alignment = self.styles.Alignment(wrap_text=wrap, vertical="top")
        return cell

    def widths(self, widths: Sequence[float]) -> None:
        from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

        for index, width in enumerate(widths, 1):
            self.ws.column_dimensions[get_column_letter(index)].width = width


def _band_fill(band: Band | None) -> str | None:
    return _hex(band.colour) if band is not None and band.colour else None


def _stage_text(assessment: Assessment | None) -> str:
    """The stage as the notation prints it; an incomplete one as words the reader reports."""
    return "" if assessment is None else str(assessment)


def _appetite(appetite: Appetite | None, scheme: ScoringScheme) -> float | None:
    return None if appetite is None else appetite.threshold_on(scheme)


def _items(texts: Sequence[str]) -> str:
    return "\n".join(f"• {text}" for text in texts)


def _risk_cells(risk: Risk, scheme: ScoringScheme) -> list[tuple[object, str | None]]:
    return [
        (risk.ref or "", None), (risk.title, None), (risk.objective, None),
        (risk.description, None), (risk.consequence, None), (_items(risk.triggers), None),
        (_items([c.text for c in risk.controls]), None),
        (_items([a.text for a in risk.actions]), None),
        *((_stage_text(risk.assessment(stage)), _band_fill(band_of(risk.assessment(stage))))
          for stage in Stage),
        (_appetite(risk.appetite, scheme), None), (risk.risk_owner or "", None),
        (risk.action_owner or "", None), (risk.cost.text if risk.cost else "", None),
        (risk.review_date.text if risk.review_date else "", None),
        (risk.target_date.text if risk.target_date else "", None),
    ]


def _in_sections(register: Register) -> list[tuple[str | None, list[Risk]]]:
    """Risks without a section first, then each section's risks, in register order."""
    groups: dict[str | None, list[Risk]] = {None: []}
    groups.update({section.title: [] for section in register.sections})
    for risk in register.risks:
        groups.setdefault(risk.section, []).append(risk)
    return [(title, risks) for title, risks in groups.items() if risks]


def _risks_sheet(sheet: _Sheet, register: Register) -> None:
    # One heading row: the scheme and date cells are short, so the reader takes the row
    # for a page heading and reads every particular in it, a long title included.
    headings = [
        (2, "Register title", register.title), (4, "Organisation", register.organisation),
        (5, "Version", register.version),
        (6, "As at", register.as_at.strftime("%d/%m/%Y") if register.as_at else ""),
        (7, "Register owner", register.owner or ""), (8, "Scheme", register.scheme.id),
    ]
    for column, name, value in headings:
        if value:
            sheet.put(1, column, f"{name}: {value}", bold=name == "Register title", wrap=True)
    row = 3
    for column, header in enumerate(RISK_HEADERS, 1):
        sheet.put(row, column, header, bold=True, fill="D9D9D9")
    sheet.ws.freeze_panes = sheet.ws.cell(row=row + 1, column=1)
    refs = {section.title: section.ref for section in register.sections}
    for title, risks in _in_sections(register):
        if title is not None:
            row += 1
            ref = refs.get(title)
            sheet.put(row, 1, f"Section {ref}: {title}" if ref else f"Section: {title}",
                      bold=True)
        for risk in risks:
            row += 1
            for column, (cell, fill) in enumerate(_risk_cells(risk, register.scheme), 1):
                sheet.put(row, column, cell, fill=fill, wrap=True)
    sheet.widths([_WIDTHS[header] for header in RISK_HEADERS])


def _findings_sheet(sheet: _Sheet, register: Register, findings: Sequence[Finding]) -> None:
    headers = ("Ref", "Risk id", "Title", "Code", "Severity", "Stage", "Message")
    for column, header in enumerate(headers, 1):
        sheet.put(1, column, header, bold=True, fill="D9D9D9")
    by_id = {risk.id: risk for risk in register.risks}
    for row, finding in enumerate(findings, 2):
        risk = by_id.get(finding.risk_id or "")
        values = ((risk.ref or "") if risk is not None else "", finding.risk_id or "",
                  risk.title if risk is not None else "", finding.code,
                  str(finding.severity), str(finding.stage or ""), finding.message)
        for column, value in enumerate(values, 1):
            fill = _SEVERITY_FILL.get(value) if column == 5 else None
            sheet.put(row, column, value, fill=fill, wrap=column == 7)
    sheet.ws.freeze_panes = "A2"
    sheet.widths([7, 12, 32, 8, 10, 10, 90])


def _level(level: Level) -> str:
    return level.code if level.label in ("", level.code) else f"{level.code} {level.label}"


def _scheme_sheet(sheet: _Sheet, scheme: ScoringScheme) -> None:
    sheet.put(1, 1, f"{scheme.id}: {scheme.name}", bold=True)
    sheet.put(2, 1, f"{scheme.likelihood.name} \\ {scheme.impact.name}", bold=True)
    for column, impact in enumerate(scheme.impact, 2):
        sheet.put(2, column, _level(impact), bold=True)
    row = 2
    for likelihood in reversed(scheme.likelihood.levels):
        row += 1
        sheet.put(row, 1, _level(likelihood), bold=True)
        for column, impact in enumerate(scheme.impact, 2):
            score = scheme.score(likelihood, impact)
            value = score.value
            shown = int(value) if float(value).is_integer() else value
            sheet.put(row, column, f"{score} {shown}", fill=_band_fill(score.band))
    row += 2
    for column, header in enumerate(("Band", "Label", "Colour", "From", "To"), 1):
        sheet.put(row, column, header, bold=True)
    for band in scheme.bands:
        row += 1
        cells: tuple[object, ...] = (band.key, band.label, band.colour, band.minimum,
                                     band.maximum)
        for column, cell in enumerate(cells, 1):
            sheet.put(row, column, cell, fill=_band_fill(band) if column == 1 else None)
    sheet.widths([22, *([16] * len(scheme.impact))])


def xlsx_bytes(register: Register, *, as_of: dt.date | None = None) -> bytes:
    """The register as an ``.xlsx`` workbook: sheets Risks, Findings and Scheme.

    Findings are judged at *as_of*, else at the register's as-at date.

    >>> import io, openpyxl, riskmodel
    >>> data = xlsx_bytes(riskmodel.examples.load("ashby-vale-cyps-2026"))
    >>> openpyxl.load_workbook(io.BytesIO(data)).sheetnames
    ['Risks', 'Findings', 'Scheme']
    """
    openpyxl = _openpyxl()
    book = openpyxl.Workbook()
    risks_sheet = book.active
    risks_sheet.title = "Risks"
    _risks_sheet(_Sheet(risks_sheet, openpyxl), register)
    _findings_sheet(_Sheet(book.create_sheet("Findings"), openpyxl), register,
                    check(register, as_of=as_of))
    _scheme_sheet(_Sheet(book.create_sheet("Scheme"), openpyxl), register.scheme)
    book.properties.creator = "riskmodel"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
