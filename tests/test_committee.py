"""Committee reports: summary, direction of travel, new, closed and amended risks, exactly."""

from __future__ import annotations

import datetime as dt

import pytest

import riskmodel as rm
from riskmodel.committee import diff_report, history_document, history_report

G5 = rm.builtin_schemes().get("generic-5x5")
POLICY = rm.AppetitePolicy(default=rm.Appetite(threshold=12))


def cell(text: str) -> rm.Assessment:
    return rm.Assessment.of(G5.parse(text))


def quarter(version: str, day: dt.date, *risks: rm.Risk) -> rm.Register:
    return rm.Register(scheme=G5, organisation="Example Borough Council", title="Resources",
                       version=version, as_at=day, appetite=POLICY, risks=risks)


OLD = quarter(
    "Q1", dt.date(2026, 6, 30),
    rm.Risk(id="R1", ref="1", title="Payroll | pensions fail", current=cell("3x4"),
            risk_owner="Director of Resources"),
    rm.Risk(id="R2", ref="2", title="Fraud in grants", current=cell("2x3")),
    rm.Risk(id="R3", ref="3", title="Office lease ends", current=cell("2x2")),
)
NEW = quarter(
    "Q2", dt.date(2026, 9, 30),
    rm.Risk(id="R1", ref="1", title="Payroll | pensions fail", current=cell("4x4"),
            risk_owner="Chief Finance Officer", direction=rm.Direction.parse("→")),
    rm.Risk(id="R4", ref="2", title="Cyber attack on payments", current=cell("3x5"),
            risk_owner="Head of ICT"),
    rm.Risk(id="R2", title="Fraud in grants", current=cell("2x3"),
            status=rm.Status("closed", "Grant scheme ended")),
)

TEXT = """\
Resources, Example Borough Council
Changes from Q1 (30/06/2026) to Q2 (30/09/2026), on generic-5x5

Summary
  New risks               1
  Closed                  1
  Deleted                 0
  No longer listed        1
  Increased               1
  Decreased               0
  Unchanged               0
  Band changes            1
  Newly above appetite    2
  Amended                 1

Direction of travel (current score)
  Ref  Risk                      Previous  Current  Travel         Band
  1    Payroll | pensions fail   3x4 12    4x4 16   ↑ (printed →)  High → Very high
  2    Cyber attack on payments  -         3x5 15   new            Very high

New risks
  2 (R4) Cyber attack on payments
      current 3x5 15 Very high
      owner Head of ICT

Closed risks
  R2, was 2 Fraud in grants
      reason: Grant scheme ended

No longer listed
  3 (R3) Office lease ends
      no longer listed; no reason given

Amended risks
  1 (R1) Payroll | pensions fail
      current: 3x4 12 High → 4x4 16 Very high ↑ (likelihood +1); now above appetite
      owner: Director of Resources → Chief Finance Officer
      direction: none → →

Register
  version: Q1 → Q2
  as at: 30/06/2026 → 30/09/2026"""


class TestDiffReport:
    def test_text(self) -> None:
        """The text report, whole: counts, the travel table, then each kind of change."""
        assert diff_report(rm.diff(OLD, NEW)) == TEXT

    def test_markdown_escapes_and_tables(self) -> None:
        """Markdown: a heading, tables, bold risk lines; a pipe in a title is escaped."""
        lines = diff_report(rm.diff(OLD, NEW), "markdown").splitlines()
        assert lines[0] == "# Resources, Example Borough Council"
        assert "| 1 | Payroll \\| pensions fail | 3x4 12 | 4x4 16 | ↑ (printed →) | " \
               "High → Very high |" in lines
        assert "- **2 (R4) Cyber attack on payments**" in lines
        assert "  - reason: Grant scheme ended" in lines

    def test_matching_notes_and_reasons_are_shown(self) -> None:
        """A risk matched by content says so, and notes close the report."""
        old = quarter("Q1", dt.date(2026, 6, 30),
                      rm.Risk(id="1", description="Coastal erosion threatens the promenade"),
                      rm.Risk(id="2", description="Landslip closes the cliff road"))
        new = quarter("Q2", dt.date(2026, 9, 30),
                      rm.Risk(id="1", description="Landslip closes the cliff road"))
        text = diff_report(rm.diff(old, new))
        lines = text.splitlines()
        assert lines[lines.index("Amended risks") + 1:][:2] == [
            "  1 Landslip closes the cliff road [matched by content, 100% alike]",
            "      id: 2 → 1",
        ]
        assert text.splitlines()[-3:] == [
            "Matching notes",
            "  reused: old 1 and new 1 share an id or ref but are only 0% alike, and old 2 is more",
            "    alike: the id was taken as reused",
        ]

    def test_nothing_changed(self) -> None:
        """A register against itself: all unchanged, and no risk sections."""
        text = diff_report(rm.diff(OLD, OLD))
        assert "  Unchanged               3" in text
        assert "Amended risks" not in text
        assert "New risks\n" not in text

    def test_unknown_format(self) -> None:
        """Only text and markdown are report formats."""
        with pytest.raises(rm.ValidationError, match="format: the format is text or markdown"):
            diff_report(rm.diff(OLD, NEW), "html")  # type: ignore[arg-type]


class TestHistoryReport:
    def test_text(self) -> None:
        """Versions, band counts and one row per risk, ended ones last."""
        h = rm.history([OLD, NEW])
        assert history_report(h).splitlines()[4:] == [
            "Open risks by current band",
            "  Band       v1  v2",
            "  Low        0   0",
            "  Medium     2   0",
            "  High       1   0",
            "  Very high  0   2",
            "  Unscored   0   0",
            "",
            "Risks (current score by version)",
            "  Ref  Id  Risk                      v1      v2      Trend  New in  Ended  Refs",
            "  1    R1  Payroll | pensions fail   3x4 12  4x4 16  ↑                     1",
            "  2    R4  Cyber attack on payments          3x5 15  new    v2             2",
            "  2    R2  Fraud in grants           2x3 6   closed  →              v2     2",
            "  3    R3  Office lease ends         2x2 4                          v2     3",
        ]

    def test_document(self) -> None:
        """The JSON data names versions from 1 and gives every stage per version."""
        document = history_document(rm.history([OLD, NEW]))
        assert document["versions"][1] == {
            "version": 2, "label": "Q2", "as_at": "2026-09-30", "risks": 3, "open": 2,
            "bands": {"green": 0, "yellow": 0, "amber": 0, "red": 2, "unscored": 0}}
        assert document["timelines"][0] == {
            "id": "R1", "ids": ["R1"], "refs": ["1"], "title": "Payroll | pensions fail",
            "listed": [1, 2], "appeared": None, "closed": None, "unlisted": None,
            "state": "open", "trend": "up", "inherent": [None, None],
            "current": [{"cell": "3x4", "value": 12, "band": "amber"},
                        {"cell": "4x4", "value": 16, "band": "red"}],
            "target": [None, None]}
