"""Registers as DataFrames and back: typed columns, several registers, findings, round trips."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import pytest
from hypothesis import given

import riskmodel as rm
import strategies

pd = pytest.importorskip("pandas", reason="needs pandas: pip install 'riskmodel[pandas]'")

from pandas.testing import assert_frame_equal  # noqa: E402

from riskmodel import frames  # noqa: E402
from riskmodel.columns import RISK_COLUMNS  # noqa: E402
from riskmodel.readers import LineKind, NoteKind  # noqa: E402

Q3 = rm.examples.load("fenbridge-corporate-2026-q3")
ASHBY = rm.examples.load("ashby-vale-cyps-2026")
G5 = rm.builtin_schemes().get("generic-5x5")

#: The columns riskmodel reads back (every column that is not derived).
NAMED = [c.name for c in RISK_COLUMNS if not c.derived]


def named(risk: rm.Risk) -> tuple[Any, ...]:
    """What a frame keeps of a risk: every field its named columns hold."""
    def stage(a: rm.Assessment | None) -> Any:
        # An assessment that states nothing (no factor, no rating) has no row cells.
        parts = None if a is None else (a.likelihood, a.impact, a.stated)
        return None if parts == (None, None, None) else parts

    def when(d: rm.DateText | None) -> Any:
        return None if d is None else (d.text, d.date)

    return (risk.id, risk.ref, risk.section, risk.category, risk.title, risk.objective,
            risk.description, risk.consequence, risk.risk_owner, risk.action_owner,
            stage(risk.inherent), stage(risk.current), stage(risk.target), risk.appetite,
            risk.status, when(risk.review_date), when(risk.target_date),
            None if risk.cost is None else (risk.cost.text, risk.cost.amount))


class TestRisks:
    def test_columns_and_types(self) -> None:
        """Text is string, levels and bands ordered categoricals, ratings float, dates datetime."""
        df = frames.risks(Q3)
        assert list(df.columns) == [c.name for c in RISK_COLUMNS]
        types = {str(t) for t in df.dtypes}
        assert types == {"string", "category", "float64", "datetime64[s]"}
        assert {name: str(df[name].dtype) for name in (
            "id", "current_likelihood", "current_value", "current_band", "review_date",
            "cost_amount", "status")} == {
            "id": "string", "current_likelihood": "category", "current_value": "float64",
            "current_band": "category", "review_date": "datetime64[s]",
            "cost_amount": "float64", "status": "category"}
        assert df.current_band.cat.ordered
        assert list(df.current_band.cat.categories) == ["green", "yellow", "amber", "red"]

    def test_one_row_per_risk_in_order(self) -> None:
        """Every risk is a row, closed ones too, in register order."""
        df = frames.risks(Q3)
        assert list(df.id) == [r.id for r in Q3.risks]
        assert df.status.value_counts().to_dict() == {"open": 26, "closed": 2, "deleted": 0}

    def test_values(self) -> None:
        """Scores, appetite, cost and dates hold the register's values."""
        df = frames.risks(Q3).set_index("id")
        row = df.loc["FDC-014"]
        assert (row.ref, row.current_likelihood, row.current_impact, row.current_value,
                row.current_band, row.appetite_threshold, row.appetite) == (
            "14", "3", "5", 15.0, "red", 10.0, 10.0)
        assert df.loc["FDC-015", "appetite"] == 12.0  # the ict category's threshold
        assert pd.isna(df.loc["FDC-015", "appetite_threshold"])
        assert (df.loc["FDC-013", "appetite_level"], df.loc["FDC-013", "appetite"]) == (
            "open", 15.0)
        assert df.loc["FDC-008", "cost_amount"] == 50_000.0
        assert pd.isna(df.loc["FDC-020", "cost_amount"])
        assert df.loc["FDC-010", "review_date"] == pd.Timestamp("2027-03-31")
        assert df.loc["FDC-010", "review_date_text"] == "31/03/2027 and every year end"

    def test_order_is_severity(self) -> None:
        """On Leicestershire's scheme likelihood 1 is the most likely, so it is the maximum."""
        df = frames.risks(ASHBY)
        assert list(df.inherent_likelihood.cat.categories) == ["4", "3", "2", "1"]
        assert list(df.inherent_impact.cat.categories) == ["D", "C", "B", "A"]
        assert (df.inherent_likelihood.max(), df.inherent_impact.max()) == ("1", "A")
        assert df.current_value.isna().all()

    def test_empty(self) -> None:
        """A register with no risks is a frame with every column and no rows."""
        df = frames.risks(rm.Register(scheme=G5))
        assert (len(df), list(df.columns)) == (0, [c.name for c in RISK_COLUMNS])

    def test_missing_extra(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without pandas the error names the extra to install."""
        monkeypatch.setitem(sys.modules, "pandas", None)
        with pytest.raises(rm.MissingExtraError) as caught:
            frames.risks(Q3)
        assert str(caught.value) == "a DataFrame needs pandas: pip install 'riskmodel[pandas]'"


class TestConcat:
    def test_particulars_lead(self) -> None:
        """Each row starts with its register's organisation, title, version, date and scheme."""
        df = frames.concat([Q3, ASHBY])
        assert list(df.columns[:6]) == [
            "organisation", "register", "version", "as_at", "scheme", "id"]
        assert df.groupby("organisation").size().to_dict() == {
            "Ashby Vale County Council": 9, "Fenbridge District Council": 28}
        assert df.as_at.iloc[0] == pd.Timestamp("2026-12-31")

    def test_across_schemes_levels_are_text(self) -> None:
        """A 3 on one scheme is not a 3 on another, so levels become text across schemes."""
        df = frames.concat([Q3, ASHBY])
        assert str(df.inherent_likelihood.dtype) == "string"
        assert str(df.status.dtype) == "category"

    def test_one_scheme_keeps_categories(self) -> None:
        """Quarters of one council keep their ordered categories."""
        quarters = [rm.examples.load(f"fenbridge-corporate-2026-q{n}") for n in (1, 2, 3)]
        df = frames.concat(quarters)
        assert str(df.current_band.dtype) == "category"
        counts = df[df.status == "open"].groupby("version").current_band.value_counts()
        assert counts.loc["2026/27 Q3"].to_dict() == {
            "amber": 17, "red": 9, "green": 0, "yellow": 0}

    def test_nothing(self) -> None:
        """No registers give an empty frame with the columns."""
        assert list(frames.concat([]).columns[:2]) == ["organisation", "register"]


class TestFindings:
    def test_fenbridge(self) -> None:
        """Each finding is a row with the risk's ref and title beside its id."""
        df = frames.findings(Q3)
        assert list(df.code) == [
            "RM301", "RM401", "RM201", "RM202", "RM301", "RM506", "RM505", "RM203"]
        row = df[df.code == "RM505"].iloc[0]
        assert (row.risk_id, row.ref, row.title) == (
            "FDC-020", "19", "Plant failure closes Fenbridge Leisure Centre")
        assert row.evidence == (
            '{"action": 0, "text": "Replace the pool boilers with air-source heat pumps"}')
        assert df.severity.max() == "error"

    def test_given_findings(self) -> None:
        """Findings already worked out are used as they are."""
        only = [f for f in rm.check(Q3) if f.code == "RM201"]
        assert list(frames.findings(Q3, found=only).code) == ["RM201"]

    def test_as_of(self) -> None:
        """Dates are judged at as_of."""
        df = frames.findings(Q3, as_of=dt.date(2027, 12, 31))
        assert (df.code == "RM401").sum() == 26


class TestConversions:
    def test_ashby_to_generic(self) -> None:
        """One row per converted assessment: before, after, bands, rule, and what was lost."""
        done = rm.convert_register(ASHBY, G5)
        df = frames.conversions(done)
        assert len(df) == 18
        first = df.iloc[0]
        assert (first.risk_id, first.ref, first.stage, first.original, first.converted,
                first.original_value, first.converted_value, first.original_band,
                first.converted_band, first.rule) == (
            "AVC-CYPS-01", "1.1", "inherent", "2B", "4x4", 9.0, 16.0, "High", "Very high",
            "declared:leicestershire-4x4-to-generic-5x5")
        # What counts as lost is the conversion's to say; the frame carries it as it is.
        assert list(df.exact) == [stage.exact for stage in done.stages]
        assert list(df.reasons) == ["; ".join(stage.reasons) for stage in done.stages]

    def test_identity(self) -> None:
        """Converting to the same scheme is exact everywhere, with no reasons."""
        df = frames.conversions(rm.convert_register(Q3, G5))
        assert (bool(df.exact.all()), set(df.reasons), set(df.rule)) == (
            True, {""}, {"identity"})


class TestFromFrame:
    @pytest.mark.parametrize("register", [Q3, ASHBY], ids=["fenbridge", "ashby"])
    def test_examples_round_trip(self, register: rm.Register) -> None:
        """The frame read back gives the same frame, and risks equal on every named column."""
        df = frames.risks(register)
        result = frames.from_frame(df, register.scheme, appetite=register.appetite,
                                   sections=register.sections)
        back = result.registers[0]
        assert_frame_equal(frames.risks(back), df)
        assert [named(r) for r in back.risks] == [named(r) for r in register.risks]
        assert result.report.problems == ()
        assert result.report.counts() == {"header": 1, "risk": len(register)}

    @given(strategies.registers())
    def test_any_register_round_trips(self, register: rm.Register) -> None:
        """For any register, its frame read back gives the same frame."""
        df = frames.risks(register)
        result = frames.from_frame(df, register.scheme, appetite=register.appetite,
                                   sections=register.sections)
        assert_frame_equal(frames.risks(result.registers[0]), df)
        assert [named(r) for r in result.registers[0].risks] == [
            named(r) for r in register.risks]

    def test_particulars_from_a_concat_frame(self) -> None:
        """One register of a concatenated frame keeps its particulars; sections lose their refs."""
        df = frames.concat([Q3, ASHBY])
        back = frames.from_frame(df[df.organisation == "Ashby Vale County Council"],
                                 "leicestershire-4x4").registers[0]
        assert (back.organisation, back.title, back.as_at, len(back)) == (
            ASHBY.organisation, ASHBY.title, ASHBY.as_at, 9)
        assert back.sections == tuple(rm.Section(s.title) for s in ASHBY.sections)  # no refs

    def test_several_registers_refused(self) -> None:
        """A frame of several registers is refused, saying how to pick one."""
        df = frames.concat([Q3, rm.examples.load("fenbridge-corporate-2026-q2")])
        with pytest.raises(rm.ReadError) as caught:
            frames.from_frame(df, G5)
        assert (caught.value.line, caught.value.column) == (None, 3)
        assert caught.value.problem == (
            "the version column holds 2 different values: the frame has several registers; "
            "read each apart, such as df[df.version == …]")

    def test_other_scheme_refused(self) -> None:
        """A frame whose scheme column names another scheme is refused."""
        with pytest.raises(rm.ReadError, match="on generic-5x5, not on generic-4x4"):
            frames.from_frame(frames.concat([Q3]), "generic-4x4")

    def test_a_users_columns(self) -> None:
        """A mapping names the frame's own columns; other columns are named in the report."""
        df = pd.DataFrame({
            "Risk No.": ["1", "2"], "Risk": ["Boiler fails", "Roof leaks"],
            "L": [4, 2], "I": [3, 5], "RAG": ["Amber", "Red"],
        })
        result = frames.from_frame(df, "generic-5x5", {
            "Risk No.": "ref", "Risk": "title", "L": "current_likelihood",
            "I": "current_impact"})
        back = result.registers[0]
        assert [(r.id, r.ref, r.title, str(r.current)) for r in back] == [
            ("1", "1", "Boiler fails", "4x3"), ("2", "2", "Roof leaks", "2x5")]
        assert result.report.entry(1).detail == (
            "column headers (5 columns); not riskmodel columns, not read: RAG")

    def test_unreadable_cells_are_reported_not_guessed(self) -> None:
        """A cell that cannot be read is a located problem; its value stays missing."""
        df = pd.DataFrame({
            "id": ["A", "B"], "current_likelihood": ["4", "6"], "current_impact": ["3", "3"],
            "current_stated": [12, "high"], "status": ["open", "archived"],
            "appetite_level": [None, "bold"], "review_date": ["2026-03-31", "soon"],
        })
        result = frames.from_frame(df, G5)
        a, b = result.registers[0].risks
        assert (str(a.current), a.current.stated, a.review_date.date) == (
            "4x3", 12.0, dt.date(2026, 3, 31))
        assert (b.current.likelihood, b.current.impact.code, b.current.stated) == (
            None, "3", None)
        assert (b.status.state, b.appetite, b.review_date) == (rm.RiskState.OPEN, None, None)
        assert [(n.line, n.column, n.risk_id, n.field, n.found, n.message)
                for n in result.report.problems] == [
            (3, 1, "B", "current_likelihood", "6",
             "6 is not a level of generic-5x5 likelihood (1..5)"),
            (3, 3, "B", "current_stated", "high", "not a number"),
            (3, 5, "B", "appetite_level", "bold",
             "not an Orange Book appetite level (averse, minimal, cautious, open, eager)"),
            (3, 4, "B", "status", "archived",
             "not a risk state (open, closed or deleted); the risk is read as open"),
            (3, 6, "B", "review_date", "soon", "not a date"),
        ]
        assert result.report.problems[0].where("<frame>") == "<frame>:3:2"

    def test_ids_made_and_repeats_renamed(self) -> None:
        """Ids come from the id column, else the ref, else the line; a repeat gets -2."""
        df = pd.DataFrame({"id": ["A", None, None, "A"], "ref": [None, "7)", None, None],
                           "title": ["a", "b", "c", "d"]})
        result = frames.from_frame(df, G5)
        assert [r.id for r in result.registers[0]] == ["A", "7", "row4", "A-2"]
        assert [(n.line, n.message) for n in result.report.problems] == [
            (5, "the id 'A' is taken; this risk is 'A-2'")]

    def test_empty_rows_skipped(self) -> None:
        """A row with nothing in it is skipped, and the report says so."""
        df = pd.DataFrame({"id": ["A", None], "title": ["a", None]})
        result = frames.from_frame(df, G5)
        assert (len(result.registers[0]), result.report.kind_of(3)) == (1, LineKind.SKIPPED)
        assert result.report.entry(3).detail == "empty row"

    def test_bad_mapping(self) -> None:
        """A mapping to a column riskmodel does not have is a LayoutError."""
        with pytest.raises(rm.LayoutError, match="names 'score', which riskmodel does not"):
            frames.from_frame(pd.DataFrame({"S": [1]}), G5, {"S": "score"})

    def test_two_columns_for_one_field(self) -> None:
        """Two columns giving the same field are refused, naming both."""
        df = pd.DataFrame({"ref": ["1"], "Ref": ["2"]})
        with pytest.raises(rm.ReadError) as caught:
            frames.from_frame(df, G5, {"Ref": "ref"})
        assert str(caught.value) == "<frame>:1:2: columns 'ref' and 'Ref' both give ref"

    def test_recovery_notes_are_not_problems(self) -> None:
        """A clean frame's report has no notes at all."""
        result = frames.from_frame(frames.risks(ASHBY), ASHBY.scheme)
        assert [n for n in result.report.notes if n.kind is not NoteKind.PROBLEM] == []


class TestDocumented:
    def test_every_column_in_the_docs(self) -> None:
        """docs/frames.md lists every column, in order, saying which are derived."""
        from pathlib import Path

        from riskmodel.columns import REGISTER_COLUMNS

        text = (Path(__file__).parents[1] / "docs" / "frames.md").read_text("utf-8")
        rows = [line.split("|") for line in text.splitlines() if line.startswith("| `")]
        listed = [(cells[1].strip().strip("`"), cells[3].strip() == "yes", cells[4].strip())
                  for cells in rows]
        assert listed == [(c.name, c.derived, c.description)
                          for c in (*REGISTER_COLUMNS, *RISK_COLUMNS)]


class TestFromFrameRefuses:
    """Bad register-level values are located errors, and dates are read exactly."""

    def test_a_register_date_that_is_not_one(self) -> None:
        """An as_at column holding text that is not a date is a ReadError naming it."""
        df = frames.risks(ASHBY).assign(as_at="not a date")
        with pytest.raises(rm.ReadError) as caught:
            frames.from_frame(df, ASHBY.scheme)
        assert str(caught.value) == "<frame>: the as_at column: 'not a date' is not a date"

    def test_an_unknown_particular(self) -> None:
        """A particular the register does not have is a ValidationError listing those it has."""
        with pytest.raises(rm.ValidationError) as caught:
            frames.from_frame(frames.risks(ASHBY), ASHBY.scheme, colour="red")
        assert str(caught.value) == (
            "from_frame takes no particular colour; it takes appetite, as_at, "
            "escalation_threshold, level, organisation, owner, sections, source, title, "
            "version")

    @pytest.mark.parametrize("text", ["20261231", "2026-W53-1", "31/12/2026"])
    def test_only_iso_dates(self, text: str) -> None:
        """A date cell not written YYYY-MM-DD is a problem of its cell, not a guessed date."""
        df = frames.risks(ASHBY)
        df["review_date"] = df["review_date"].astype("string")
        df.loc[0, "review_date"] = text
        result = frames.from_frame(df, ASHBY.scheme)
        assert [(n.field, n.found, n.message) for n in result.report.problems] == [
            ("review_date", text, "not a date")]
