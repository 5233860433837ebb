"""Register checks: each finding is raised by the case it names, with its evidence."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
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


class TestActionOwners:
    def test_owned_by_the_risk(self) -> None:
        """An action with no owner of its own is owned by the risk's action owner."""
        r = risk(actions=[rm.Action(text="Review the rota")], action_owner="Rota manager")
        assert check(register(r)) == ()

    def test_no_owner(self) -> None:
        """An action with no owner, on a risk with no action owner, is RM505 per action."""
        r = risk(actions=[rm.Action(text="Review the rota", owner="HR lead"),
                          rm.Action(text="Buy a second server")])
        assert found(register(r)) == [
            ("RM505", "R1", None, {"action": 1, "text": "Buy a second server"})]
        assert check(register(r))[0].message == (
            "risk 7 (R1): action 2 has no owner, and the risk names no action owner")

    def test_placeholder_on_the_risk(self) -> None:
        """A risk's action owner printed as ``?`` is RM506 once, not once per action."""
        r = risk(action_owner="?", actions=[rm.Action(text="a"), rm.Action(text="b")])
        assert found(register(r)) == [("RM506", "R1", None, {"action": None, "owner": "?"})]
        assert check(register(r))[0].message == (
            "risk 7 (R1): the action owner is '?', a placeholder")

    @pytest.mark.parametrize("owner", ["?", "TBC", "n/a"])
    def test_placeholder_on_an_action(self, owner: str) -> None:
        """An action owned by a placeholder is RM506 for that action."""
        r = risk(actions=[rm.Action(text="Buy a second server", owner=owner)],
                 action_owner="ICT manager")
        assert found(register(r)) == [("RM506", "R1", None, {"action": 0, "owner": owner})]
        assert check(register(r))[0].message == (
            f"risk 7 (R1): action 1 is owned by {owner!r}, a placeholder")

    def test_closed_risks_skipped(self) -> None:
        """A closed risk's actions are not judged."""
        r = risk(actions=[rm.Action(text="a")], status=rm.Status("closed", "done"))
        assert check(register(r)) == ()

    @pytest.mark.parametrize("name", [
        "fenbridge-corporate-2026-q1", "fenbridge-corporate-2026-q2",
        "fenbridge-corporate-2026-q3"])
    def test_fenbridge_traps(self, name: str) -> None:
        """Fenbridge's traps are found in every quarter: FDC-017's '?' and FDC-020's action."""
        reg = rm.examples.load(name)
        action = 0 if name.endswith("q3") else 1
        owners = [(f.code, f.risk_id, dict(f.evidence)) for f in check(reg)
                  if f.code in ("RM505", "RM506")]
        assert owners == [
            ("RM506", "FDC-017", {"action": None, "owner": "?"}),
            ("RM505", "FDC-020", {"action": action,
                                  "text": "Replace the pool boilers with air-source heat pumps"}),
        ]

    def test_ashby_vale_actions_are_owned(self) -> None:
        """Ashby Vale's actions have no owner of their own, but every row names one."""
        reg = rm.examples.load("ashby-vale-cyps-2026")
        assert [f for f in check(reg) if f.code in ("RM505", "RM506")] == []


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


    @settings(max_examples=200, deadline=None)
    @given(strategies.registers(), st.none() | st.dates())
    def test_findings_as_init_makes_them(self, reg: rm.Register, as_of: dt.date | None) -> None:
        """Each finding equals the one ``Finding(...)`` makes of its fields, field by field,
        its evidence read-only."""
        for finding in check(reg, as_of=as_of):
            made = Finding(code=finding.code, risk_id=finding.risk_id, stage=finding.stage,
                           message=finding.message, evidence=finding.evidence)
            assert [getattr(finding, a.name) for a in attrs.fields(Finding)] == [
                getattr(made, a.name) for a in attrs.fields(Finding)]
            assert (type(finding), type(finding.evidence)) == (Finding, MappingProxyType)

    @settings(max_examples=200, deadline=None)
    @given(strategies.registers())
    def test_pairs_worked_out_once_as_each_alone(self, reg: rm.Register) -> None:
        """Comparing stages with the pairs seen before in one check finds what comparing
        each risk's stages afresh finds (the generated risks share cells)."""
        from riskmodel.check import _stages

        seen: dict[Any, Any] = {}
        shared = [f for risk in reg.risks for f in _stages(risk, seen)]
        assert shared == [f for risk in reg.risks for f in _stages(risk, {})]

    def test_same_cells_other_printed_bands(self) -> None:
        """Two risks on the same cells are told apart by the band printed beside one."""
        s = rm.builtin_schemes().get("generic-5x5")
        a = rm.Assessment
        reg = rm.Register(scheme=s, risks=[
            rm.Risk(id=r, current=a.of(s.score(2, 2)), target=a.of(s.score(4, 4), band=band))
            for r, band in (("R1", "red"), ("R2", None), ("R3", "red"))])
        found = [(f.risk_id, f.message, dict(f.evidence)) for f in check(reg)
                 if f.code == "RM201"]
        assert found == [
            (r, f"risk {r}: target 4x4{shown} (16) is worse than current 2x2 (4)",
             {"target": 16, "current": 4, "target_cell": f"4x4{shown}", "current_cell": "2x2"})
            for r, shown in (("R1", ", band red"), ("R2", ""), ("R3", ", band red"))]

    def test_findings_of_every_theme_as_init_makes_them(self) -> None:
        """The examples' findings, of many codes, are what ``Finding(...)`` makes."""
        codes = set()
        for reg in (rm.examples.load(name) for name in rm.examples.names()):
            for finding in check(reg, as_of=dt.date(2030, 1, 1)):
                codes.add(finding.code)
                assert finding == Finding(code=finding.code, risk_id=finding.risk_id,
                                          stage=finding.stage, message=finding.message,
                                          evidence=dict(finding.evidence))
        assert sorted(codes) == ["RM201", "RM202", "RM203", "RM301", "RM401", "RM403",
                                 "RM502", "RM505", "RM506", "RM701"]


class TestDirectionOfTravel:
    """RM801: with the previous version, the printed direction is checked against the scores."""

    def pair(self, printed: str, before: str | None, after: str) -> tuple[rm.Register, rm.Register]:
        old = register(risk(current=cell(before))) if before else register()
        new = register(risk(current=cell(after), direction=rm.Direction.parse(printed)))
        return old, new

    def test_agreeing_directions(self) -> None:
        """Up, down, same and new printed where the scores say so yield nothing."""
        for printed, before, after in (("↑", "3x3", "3x4"), ("▼", "3x4", "3x3"),
                                       ("No change", "3x3", "3x3"), ("New", None, "3x3")):
            old, new = self.pair(printed, before, after)
            assert [f.code for f in check(new, previous=old)] == []

    def test_printed_stable_but_the_score_rose(self) -> None:
        """A 'stable' arrow beside a score that rose is a warning with both directions."""
        old, new = self.pair("Stable", "3x3", "3x4")
        assert found(new, previous=old) == [("RM801", "R1", "current", {
            "printed": "Stable", "printed_trend": "same", "computed": "up",
            "previous_id": "R1", "previous": "3x3", "current": "3x4"})]
        [finding] = check(new, previous=old)
        assert finding.message == (
            "risk 7 (R1) prints the direction 'Stable' (same), but its current score rose "
            "since 30/06/2026: 3x3 (9) to 3x4 (12)")

    def test_printed_arrow_on_a_new_risk(self) -> None:
        """An arrow on a risk the previous version did not have disagrees with 'new'."""
        old, new = self.pair("↓", None, "3x3")
        assert [(f.code, f.evidence["computed"]) for f in check(new, previous=old)] == [
            ("RM801", "new")]

    def test_unknown_words_and_missing_scores_are_not_judged(self) -> None:
        """A direction with no trend, or a score missing on either side, is not judged."""
        old, new = self.pair("see note", "3x3", "3x4")
        assert check(new, previous=old) == ()
        old = register(risk(current=None))
        assert check(register(risk(direction=rm.Direction.parse("↑"))), previous=old) == ()

    def test_without_the_previous_version(self) -> None:
        """Without a previous version nothing is said about directions."""
        _, new = self.pair("Stable", "3x3", "3x4")
        assert check(new) == ()


def example(name: str) -> rm.ScoringScheme:
    """A scheme from examples/schemes/."""
    return rm.load_scheme(f"examples/schemes/{name}.toml")


class TestStatedBand:
    """RM105: the band printed beside a score is not the band its factors or rating give."""

    def test_against_the_cell(self) -> None:
        """4x4 is red; a register that prints amber beside it is wrong."""
        reg = register(risk(current=rm.Assessment.of(G5.score(3, 3), band="Red")))
        findings = check(reg)
        assert [(f.code, str(f.stage), dict(f.evidence)) for f in findings] == [
            ("RM105", "current", {"stated_band": "red", "likelihood": "3", "impact": "3",
                                  "stated": None, "band": "amber", "from": "cell"})]
        assert findings[0].message == (
            "risk 7 (R1) states current band Very high (red), but 3x3 is in band High (amber)")

    def test_against_the_stated_rating(self) -> None:
        """A rating of 12 alone is amber; printed green beside it is wrong."""
        reg = register(risk(current=G5.parse_assessment("12 green")))
        assert found(reg) == [("RM105", "R1", "current", {
            "stated_band": "green", "likelihood": None, "impact": None, "stated": 12,
            "band": "amber", "from": "rating"})]

    def test_against_the_one_known_factor(self) -> None:
        """With impact 5 known, no cell is green: a green band cannot be right."""
        reg = register(risk(current=G5.parse_assessment("impact 5, green")))
        assert [f for f in found(reg) if f[0].startswith("RM1")] == [
            ("RM105", "R1", "current", {
                "stated_band": "green", "likelihood": None, "impact": "5", "stated": None,
                "band": None, "from": "impact", "bands": ["yellow", "amber", "red"]}),
            ("RM104", "R1", "current", {
                "stated": None, "known": "impact", "known_code": "5", "missing": "likelihood",
                "candidates": []}),
        ]

    def test_agreeing_bands_are_not_reported(self) -> None:
        """A band that agrees, or one the known factor allows, is fine."""
        reg = register(risk(current=rm.Assessment.of(G5.score(3, 3), band="amber"),
                            inherent=G5.parse_assessment("impact 4, amber")))
        assert [f.code for f in check(reg)] == ["RM104"]

    def test_cell_bands_and_a_rating_alone(self) -> None:
        """Where bands are by cell, a rating does not say its band: nothing to compare."""
        words = example("compound-words-3x3")
        reg = rm.Register(scheme=words, risks=[rm.Risk(
            id="R1", current=words.parse_assessment("9 L"))])
        assert [f.code for f in check(reg)] == ["RM501", "RM502", "RM503"]


class TestUnbanded:
    """RM106: a score in a cell the scheme leaves unbanded."""

    def test_reported_with_any_stated_band(self) -> None:
        """Cell 1 1 has no band; the register's amber is named, and is not an RM105."""
        forum = example("unbanded-cells-4x4")
        r = rm.Risk(id="R1", ref="1", risk_owner="Chair",
                    review_date=rm.DateText.parse("01/01/2027"),
                    current=forum.parse_assessment("1 1 A"), target=forum.parse_assessment("1 1"))
        findings = check(rm.Register(scheme=forum, risks=[r]))
        assert [(f.code, str(f.stage), f.message, dict(f.evidence)) for f in findings] == [
            ("RM106", "current", "risk 1 (R1): current 1 1 (1) is in a cell "
             "example-forum-unbanded-4x4 leaves unbanded; the register states band amber",
             {"likelihood": "1", "impact": "1", "value": 1, "stated_band": "amber"}),
            ("RM106", "target", "risk 1 (R1): target 1 1 (1) is in a cell "
             "example-forum-unbanded-4x4 leaves unbanded",
             {"likelihood": "1", "impact": "1", "value": 1, "stated_band": None}),
        ]
        assert findings[0].severity is Severity.INFO


class TestMoneyBand:
    """RM107: the cost's amount is outside the money band of the impact it is scored at."""

    def money_risk(self, cost: str, current: str = "4-3") -> rm.Register:
        city = example("money-bands-5x5")
        return rm.Register(scheme=city, risks=[rm.Risk(
            id="B1", ref="1", risk_owner="Director of Finance",
            review_date=rm.DateText.parse("01/01/2027"), cost=rm.Cost.parse(cost),
            current=city.parse_assessment(current), target=city.parse_assessment("2-2"))])

    def test_outside(self) -> None:
        """£12m on impact 4 (£5m to £20m) is fine; £0.5m is not."""
        assert check(self.money_risk("£12m")) == ()
        findings = check(self.money_risk("£0.5m"))
        assert [(f.code, str(f.stage), f.message, dict(f.evidence)) for f in findings] == [
            ("RM107", "current", "risk 1 (B1): cost £0.5m (£500,000) is outside the money band "
             "of current impact 4 (Major), £5,000,000 to £20,000,000",
             {"amount": "500000", "cost": "£0.5m", "impact": "4", "low": 5_000_000,
              "high": 20_000_000, "dimension": None})]

    def test_the_ends_are_inclusive(self) -> None:
        """£5m is the top of impact 3 and the bottom of impact 4: within both."""
        assert check(self.money_risk("£5m")) == ()
        assert check(self.money_risk("£5m", current="3-3")) == ()

    def test_no_amount_no_finding(self) -> None:
        """A cost with no amount, or an impact with no money band, is not judged."""
        assert check(self.money_risk("Staff time")) == ()

    def test_the_money_dimension_is_judged(self) -> None:
        """Where the scale names its money dimension, that dimension's level is judged."""
        scheme = example("dimensions-na-5x5")  # money_dimension = "finance"; 2 is £1k-£5k
        r = rm.Risk(id="T1", cost=rm.Cost.parse("£20k"),
                    current=scheme.parse_assessment("4x4 (finance 2, services 4)"))
        findings = check(rm.Register(scheme=scheme, risks=[r]))
        assert [(f.code, dict(f.evidence)) for f in findings if f.code == "RM107"] == [
            ("RM107", {"amount": "20000", "cost": "£20k", "impact": "2", "low": 1000,
                       "high": 5000, "dimension": "finance"})]


class TestDimensions:
    """RM108: the printed impact is not the combination of the dimensions printed with it."""

    def test_printed_impact_differs(self) -> None:
        """Impact 4 beside finance 2 and services 3 (worst 3) is reported."""
        town = example("dimensions-na-5x5")
        r = rm.Risk(id="T1", current=town.parse_assessment(
            "likelihood 4, finance 2, services 3, people n/a, impact 4"))
        findings = [f for f in check(rm.Register(scheme=town, risks=[r])) if f.code == "RM108"]
        assert [(f.message, dict(f.evidence)) for f in findings] == [(
            "risk T1 states current impact 4 (Serious), but the most severe of finance 2, "
            "services 3, people n/a is 3 (Moderate)",
            {"impact": "4", "combined": "3",
             "dimensions": {"finance": "2", "services": "3", "people": None}})]

    def test_no_dimension_applies(self) -> None:
        """An impact printed beside dimensions that are all n/a is reported."""
        town = example("dimensions-na-5x5")
        r = rm.Risk(id="T1", current=town.parse_assessment("impact 2, finance 0, data n/a"))
        assert [dict(f.evidence) for f in check(rm.Register(scheme=town, risks=[r]))
                if f.code == "RM108"] == [
            {"impact": "2", "combined": None, "dimensions": {"finance": None, "data": None}}]


class TestOffGrid:
    """RM109: a factor printed between the levels is kept, with a finding, and no RM104."""

    def test_averaged_votes(self) -> None:
        """4.2 × 5.1 on the generic 5×5: two findings, and no guess at a missing factor."""
        r = risk(current=G5.parse_assessment("4.2 x 3.5 = 14.7"))
        findings = [f for f in check(register(r)) if f.code.startswith("RM1")]
        assert [(f.code, str(f.stage), f.message, dict(f.evidence)) for f in findings] == [
            ("RM109", "current", "risk 7 (R1) gives current likelihood 4.2, which is not a "
             "level of generic-5x5 (1, 2, 3, 4, 5); it is kept as printed",
             {"factor": "likelihood", "printed": 4.2, "codes": ["1", "2", "3", "4", "5"],
              "stated": 14.7}),
            ("RM109", "current", "risk 7 (R1) gives current impact 3.5, which is not a "
             "level of generic-5x5 (1, 2, 3, 4, 5); it is kept as printed",
             {"factor": "impact", "printed": 3.5, "codes": ["1", "2", "3", "4", "5"],
              "stated": 14.7}),
        ]


class TestAtAppetite:
    """A score equal to its appetite is within it, reported (RM303), or outside (RM301)."""

    def at(self, at_appetite: str) -> list[tuple[str, str, dict[str, Any]]]:
        scheme = attrs.evolve(G5, at_appetite=at_appetite)
        r = risk(current=cell("3x3", scheme), target=cell("2x2", scheme),
                 inherent=cell("4x4", scheme), appetite=rm.Appetite(threshold=9))
        return [(f.code, f.message, dict(f.evidence)) for f in check(register(r, scheme=scheme))]

    def test_within(self) -> None:
        """By default a score at appetite is within it, and nothing is reported."""
        assert self.at("within") == []

    def test_reported(self) -> None:
        """A scheme may ask for at-appetite scores to be listed (info)."""
        assert self.at("reported") == [
            ("RM303", "risk 7 (R1): current 9 is at appetite 9 (the risk's own)",
             {"value": 9, "threshold": 9, "appetite": "9", "source": "risk", "status": "at"})]

    def test_outside(self) -> None:
        """A scheme may count at appetite as outside it: RM301, saying so."""
        assert self.at("outside") == [
            ("RM301", "risk 7 (R1): current 9 is at appetite 9 (the risk's own), which "
             "generic-5x5 counts as outside it",
             {"value": 9, "threshold": 9, "appetite": "9", "source": "risk", "status": "at"})]
