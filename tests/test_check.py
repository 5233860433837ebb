"""Register checks: each finding is raised by the case it names, with its evidence."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import riskmodel as rm
import strategies
from riskmodel.check import CODES, Finding, Severity, check, failing

SCHEMES = rm.builtin_schemes()
G5 = SCHEMES.get("generic-5x5")
LEICS = SCHEMES.get("leicestershire-4x4")
CITY = SCHEMES.get("leicester-city-5x5")
AS_AT = dt.date(2026, 6, 30)


def cell(text: str, scheme: rm.ScoringScheme = G5, stated: float | None = None) -> rm.Assessment:
    """The assessment of a cell printed as *text*."""
    return rm.Assessment.of(scheme.parse(text), stated=stated)


def risk(**changes: Any) -> rm.Risk:
    """A risk that passes every check: owner, future review date, current above target."""
    base = rm.Risk(
        id="R1", ref="7", title="Payroll system fails at month end",
        risk_owner="Director of Resources",
        inherent=cell("4x4"), current=cell("3x3"), target=cell("2x2"),
        actions=[rm.Action(text="Test the failover twice a year", owner="ICT manager",
                           due=rm.DateText.parse("30/09/2026"))],
        review_date=rm.DateText.parse("30/09/2026 and quarterly"),
    )
    return attrs.evolve(base, **changes)


def register(*risks: rm.Risk, **changes: Any) -> rm.Register:
    """A register on the generic 5×5 as at 30 June 2026 holding *risks*."""
    fields: dict[str, Any] = {"scheme": G5, "title": "Resources", "as_at": AS_AT,
                              "risks": risks, **changes}
    return rm.Register(**fields)


def found(reg: rm.Register, **kwargs: Any) -> list[tuple[str, Any, Any, dict[str, Any]]]:
    """The findings as (code, risk id, stage, evidence)."""
    return [(f.code, f.risk_id, f.stage and str(f.stage), dict(f.evidence))
            for f in check(reg, **kwargs)]


class TestClean:
    def test_no_findings(self) -> None:
        """A complete, consistent risk within its dates yields nothing."""
        assert check(register(risk())) == ()

    def test_every_code_documented(self) -> None:
        """Every code is listed with its severity and meaning in docs/checks.md."""
        from pathlib import Path

        text = (Path(__file__).parent.parent / "docs" / "checks.md").read_text("utf-8")
        for code, (severity, _) in CODES.items():
            assert f"| {code} | {severity} |" in text


class TestStatedRating:
    def test_stated_differs(self) -> None:
        """A stated rating that differs from the factors' product is an error (RM101)."""
        reg = register(risk(current=cell("3x3", stated=6)))
        assert found(reg) == [("RM101", "R1", "current", {
            "stated": 6, "computed": 9, "likelihood": "3", "impact": "3"})]

    def test_unique_inference(self) -> None:
        """A missing impact that only one level can give is reported, not applied (RM102)."""
        current = rm.Assessment(scheme=CITY, likelihood=CITY.likelihood.level("5"), stated=20)
        reg = register(risk(inherent=None, target=None, current=current, actions=()),
                       scheme=CITY)
        findings = check(reg)
        assert [(f.code, dict(f.evidence)) for f in findings] == [
            ("RM102", {"stated": 20, "known": "likelihood", "known_code": "5",
                       "missing": "impact", "candidates": ["4"]}),
            ("RM503", {"actions": 0}),
        ]
        assert findings[0].message == (
            "risk 7 (R1) gives current likelihood 5 and rating 20 but no impact; only "
            "impact 4 gives that rating (not applied)")
        assert reg.risks[0].current.impact is None

    def test_impossible(self) -> None:
        """A stated rating no level of the missing factor can give is an error (RM103)."""
        current = rm.Assessment(scheme=G5, impact=G5.impact.level("4"), stated=10)
        reg = register(risk(inherent=None, current=current))
        assert found(reg) == [("RM103", "R1", "current", {
            "stated": 10, "known": "impact", "known_code": "4", "missing": "likelihood",
            "candidates": []})]

    def test_unsettled(self) -> None:
        """A missing factor with no stated rating is a warning with no candidates (RM104)."""
        current = rm.Assessment(scheme=G5, likelihood=G5.likelihood.level("3"))
        reg = register(risk(inherent=None, current=current))
        assert found(reg) == [("RM104", "R1", "current", {
            "stated": None, "known": "likelihood", "known_code": "3", "missing": "impact",
            "candidates": []})]

    def test_closed_risks_checked(self) -> None:
        """Stated ratings are checked on closed risks too, and nothing else is."""
        closed = risk(current=cell("3x3", stated=6), risk_owner="?",
                      status=rm.Status("closed", "merged into 8"))
        assert [f.code for f in check(register(closed))] == ["RM101"]


class TestStages:
    def test_target_worse(self) -> None:
        """A target rated above the current score is an error, with the worse factor (RM201)."""
        reg = register(risk(target=cell("3x4")))
        assert found(reg) == [
            ("RM201", "R1", "target", {"target": 12, "current": 9, "target_cell": "3x4",
                                       "current_cell": "3x3"}),
            ("RM202", "R1", "target", {"factor": "impact", "target": "4", "current": "3"}),
        ]

    def test_target_worse_on_one_factor(self) -> None:
        """A lower target that raises one factor is a warning on that factor (RM202)."""
        reg = register(risk(target=cell("1x4")))
        assert found(reg) == [
            ("RM202", "R1", "target", {"factor": "impact", "target": "4", "current": "3"})]

    def test_target_equals_current_with_actions(self) -> None:
        """A target equal to the current score although actions are listed (RM203)."""
        reg = register(risk(target=cell("3x3")))
        assert found(reg) == [("RM203", "R1", "target", {
            "current": "3x3", "target": "3x3", "value": 9, "actions": 1})]

    def test_target_equals_current_without_actions(self) -> None:
        """With no actions listed, a target equal to the current score is accepted."""
        assert found(register(risk(target=cell("3x3"), actions=()))) == []

    def test_current_worse_on_one_factor(self) -> None:
        """A current score below the inherent one but more likely is information (RM205)."""
        reg = register(risk(inherent=cell("2x5")))
        assert found(reg) == [
            ("RM205", "R1", "current", {"factor": "likelihood", "current": "3",
                                        "inherent": "2"}),
        ]

    def test_current_worse_overall(self) -> None:
        """A current score rated above the inherent score is a warning (RM204)."""
        reg = register(risk(inherent=cell("2x4")))
        assert found(reg) == [
            ("RM204", "R1", "current", {"current": 9, "inherent": 8, "current_cell": "3x3",
                                        "inherent_cell": "2x4"}),
            ("RM205", "R1", "current", {"factor": "likelihood", "current": "3",
                                        "inherent": "2"}),
        ]

    def test_leicestershire_order(self) -> None:
        """On Leicestershire's scheme, likelihood 1 is worse than 2 although printed lower."""
        reg = register(risk(inherent=cell("1A", LEICS), current=cell("2B", LEICS),
                            target=cell("1C", LEICS)), scheme=LEICS)
        assert found(reg) == [
            ("RM202", "R1", "target", {"factor": "likelihood", "target": "1", "current": "2"})]


class TestAppetite:
    def test_own_threshold(self) -> None:
        """A current score above the risk's own numeric appetite (RM301)."""
        reg = register(risk(appetite=rm.Appetite(threshold=8)))
        findings = check(reg)
        assert [(f.code, str(f.stage), dict(f.evidence)) for f in findings] == [
            ("RM301", "current", {"value": 9, "threshold": 8, "appetite": "8",
                                  "source": "risk", "status": "above"})]
        assert findings[0].message == "risk 7 (R1): current 9 is above appetite 8 (the risk's own)"

    def test_category_before_default(self) -> None:
        """The category's appetite wins over the register default; both stages are judged."""
        policy = rm.AppetitePolicy(default=rm.Appetite(level="eager"),
                                   by_category=[("ict", rm.Appetite(level="averse"))])
        reg = register(risk(category="ict"), appetite=policy)
        assert found(reg) == [
            ("RM301", "R1", "current", {"value": 9, "threshold": 3, "appetite": "averse",
                                        "source": "category ict", "status": "above"}),
            ("RM301", "R1", "target", {"value": 4, "threshold": 3, "appetite": "averse",
                                       "source": "category ict", "status": "above"}),
        ]

    def test_register_default(self) -> None:
        """Without its own or a category appetite, the register default applies."""
        policy = rm.AppetitePolicy(default=rm.Appetite(level="minimal"))
        findings = check(register(risk(category="ict"), appetite=policy))
        assert [(f.code, f.message) for f in findings] == [
            ("RM301", "risk 7 (R1): current 9 is above appetite minimal, 6 (register default)")]

    def test_level_missing_from_scheme(self) -> None:
        """An Orange Book level the scheme has no threshold for is a finding, not a crash."""
        r = risk(appetite=rm.Appetite(level="open"), inherent=cell("4x4", CITY),
                 current=cell("3x3", CITY), target=cell("2x2", CITY))
        reg = register(r, scheme=CITY)
        assert found(reg) == [("RM302", "R1", None, {
            "appetite": "open", "source": "risk", "scheme": "leicester-city-5x5",
            "levels": []})]


class TestDates:
    def test_review_and_target_and_action(self) -> None:
        """Review date, target date and action due date before as_of (RM401-RM403)."""
        r = risk(review_date=rm.DateText.parse("31.03.2026 ongoing"),
                 target_date=rm.DateText.parse("30/06/2026"))
        assert found(register(r), as_of=dt.date(2026, 10, 1)) == [
            ("RM401", "R1", None, {"date": "2026-03-31", "text": "31.03.2026 ongoing",
                                   "as_of": "2026-10-01"}),
            ("RM402", "R1", None, {"date": "2026-06-30", "text": "30/06/2026",
                                   "as_of": "2026-10-01"}),
            ("RM403", "R1", None, {"action": 0, "text": "Test the failover twice a year",
                                   "date": "2026-09-30", "as_of": "2026-10-01"}),
        ]

    def test_defaults_to_as_at(self) -> None:
        """Without as_of, dates are judged at the register's as_at; the same day has not passed."""
        r = risk(target_date=rm.DateText.parse("29/06/2026"),
                 review_date=rm.DateText.parse("30/06/2026"))
        assert [f.code for f in check(register(r))] == ["RM402"]

    def test_no_date_to_judge_by(self) -> None:
        """With neither as_of nor as_at, no date check runs."""
        r = risk(review_date=rm.DateText.parse("31/03/2020"))
        assert check(register(r, as_at=None)) == ()

    def test_date_words_only(self) -> None:
        """A date cell holding only words ("ongoing") is not judged."""
        r = risk(review_date=rm.DateText.parse("ongoing"))
        assert check(register(r)) == ()


class TestGaps:
    def test_placeholder_owner(self) -> None:
        """An owner printed as ``?`` is no owner (RM501)."""
        assert found(register(risk(risk_owner="?"))) == [
            ("RM501", "R1", None, {"risk_owner": "?"})]

    def test_no_dates(self) -> None:
        """Neither a review nor a target date (RM502)."""
        assert found(register(risk(review_date=None))) == [
            ("RM502", "R1", None, {"review_date": None, "target_date": None})]

    def test_no_target(self) -> None:
        """No target score (RM503)."""
        assert found(register(risk(target=None))) == [("RM503", "R1", "target", {"actions": 1})]

    def test_no_score(self) -> None:
        """No score at any stage (RM504), and therefore no target either."""
        r = risk(inherent=None, current=None, target=None)
        assert [f.code for f in check(register(r))] == ["RM503", "RM504"]


class TestEscalation:
    def test_above(self) -> None:
        """A current score above the register's threshold should go up a level (RM601)."""
        reg = register(risk(), escalation_threshold=8, level="divisional")
        assert found(reg) == [("RM601", "R1", "current", {
            "value": 9, "threshold": 8, "level": "divisional"})]

    def test_below(self) -> None:
        """A current score below the threshold is a candidate for de-escalation (RM602)."""
        reg = register(risk(), escalation_threshold=10)
        assert found(reg) == [("RM602", "R1", "current", {
            "value": 9, "threshold": 10, "level": None})]

    def test_at(self) -> None:
        """A current score at the threshold is neither."""
        assert check(register(risk(), escalation_threshold=9)) == ()


def heatmap(*placements: tuple[str, str], stage: str = "current") -> rm.HeatMap:
    """A heat map placing (ref, cell) pairs."""
    return rm.HeatMap(stage=stage, placements=[rm.Placement(r, G5.parse(c))
                                               for r, c in placements])


class TestHeatMaps:
    def test_agrees(self) -> None:
        """A heat map that places each ref in its table cell yields nothing."""
        assert check(register(risk(), heatmaps=[heatmap(("7", "3x3"))])) == ()

    def test_other_cell(self) -> None:
        """A heat map placing a ref in another cell than the table is an error (RM701)."""
        assert found(register(risk(), heatmaps=[heatmap(("7", "3x4"))])) == [
            ("RM701", "R1", "current", {"heatmap": 0, "ref": "7", "heatmap_cell": "3x4",
                                        "heatmap_value": 12, "table": "3x3",
                                        "table_value": 9})]

    def test_unknown_ref(self) -> None:
        """A heat map placing a ref no risk has (RM702), and missing the one it has (RM703)."""
        assert found(register(risk(), heatmaps=[heatmap(("8", "3x3"))])) == [
            ("RM702", None, "current", {"heatmap": 0, "ref": "8", "cell": "3x3"}),
            ("RM703", "R1", "current", {"heatmap": 0, "ref": "7", "table": "3x3"}),
        ]

    def test_rating_only_table(self) -> None:
        """Where the table states only a rating, a heat-map cell with that rating agrees."""
        current = rm.Assessment(scheme=G5, stated=9)
        reg = register(risk(current=current), heatmaps=[heatmap(("7", "3x3"))])
        assert check(reg) == ()


class TestFindings:
    def test_failing(self) -> None:
        """failing() keeps the findings at or above a severity."""
        reg = register(risk(current=cell("3x3", stated=6), risk_owner="?"),
                       escalation_threshold=10)
        findings = check(reg)
        assert [f.code for f in findings] == ["RM101", "RM501", "RM602"]
        assert [f.code for f in failing(findings)] == ["RM101"]
        assert [f.code for f in failing(findings, "warning")] == ["RM101", "RM501"]
        assert [f.code for f in failing(findings, Severity.INFO)] == [
            "RM101", "RM501", "RM602"]

    def test_unknown_code(self) -> None:
        """A finding with a code that is not documented is refused."""
        with pytest.raises(ValueError, match="unknown finding code 'RM999'"):
            Finding(code="RM999", message="?")

    def test_str(self) -> None:
        """A finding prints as code, severity, where, and message."""
        f = Finding(code="RM501", risk_id="R1", message="risk R1 has no owner")
        assert str(f) == "RM501 warning R1: risk R1 has no owner"

    def test_hashable(self) -> None:
        """Findings are frozen values that can sit in a set."""
        f = Finding(code="RM501", risk_id="R1", message="m", evidence={"risk_owner": None})
        assert {f, f} == {f}


class TestAnyRegister:
    @given(strategies.registers(), st.none() | st.dates())
    def test_never_fails(self, reg: rm.Register, as_of: dt.date | None) -> None:
        """Any register can be checked; findings carry their documented severity, JSON evidence."""
        for finding in check(reg, as_of=as_of):
            assert finding.severity is CODES[finding.code][0]
            assert finding.risk_id is None or finding.risk_id in reg
            json.dumps(dict(finding.evidence))
