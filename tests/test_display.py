"""Notebook display: short reprs and compact HTML tables with band colours, all text escaped."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

import riskmodel as rm
from riskmodel import display

SCHEMES = rm.builtin_schemes()
G5 = SCHEMES.get("generic-5x5")
LEICS = SCHEMES.get("leicestershire-4x4")
Q3 = rm.examples.load("fenbridge-corporate-2026-q3")


class Cells(HTMLParser):
    """The body rows of an HTML table: each cell's text and its first background colour."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[tuple[str, str | None]]] = []
        self.head: list[str] = []
        self._in: str | None = None
        self._text = ""
        self._colour: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._in, self._text, self._colour = tag, "", None
        elif tag == "span" and self._in and self._colour is None:
            style = dict(attrs).get("style") or ""
            found = re.search(r"background:([^;]+)", style)
            self._colour = found.group(1) if found else None

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._in:
            if tag == "th":
                self.head.append(self._text)
                self.rows[-1].append((self._text, None))
            else:
                self.rows[-1].append((self._text, self._colour))
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self._text += data


def cells(markup: str) -> Cells:
    """The parsed table of *markup*."""
    parser = Cells()
    parser.feed(markup)
    return parser


class TestRegisterRepr:
    def test_short(self) -> None:
        """The repr names the title, organisation, date, count and scheme on one line."""
        assert repr(Q3) == (
            "<Register 'Corporate Risk Register' of Fenbridge District Council as at "
            "2026-12-31: 28 risks on generic-5x5>")

    def test_bare(self) -> None:
        """A register with no particulars says so briefly; one risk is singular."""
        register = rm.Register(scheme=G5, risks=[rm.Risk(id="R1")])
        assert repr(register) == "<Register (untitled): 1 risk on generic-5x5>"

    def test_never_floods(self) -> None:
        """Even 20,000 risks make a repr of under 200 characters."""
        register = rm.Register(scheme=G5, risks=[rm.Risk(id=f"R{n}", title="x" * 200)
                                                 for n in range(20_000)])
        assert len(repr(register)) < 200


class TestRegisterHtml:
    def test_table(self) -> None:
        """The caption gives the particulars; each risk is a row with coloured stages."""
        table = cells(Q3._repr_html_())
        assert table.head == ["Ref", "Title", "Owner", "Inherent", "Current", "Target"]
        first = table.rows[1]
        assert first == [
            ("1", None), ("Not enough suitable placements for children in care", None),
            ("Director of Children's Services", None), ("5x5 25", "#c62828"),
            ("4x5 20", "#c62828"), ("3x4 12", "#fb8c00")]
        assert len(table.rows) == 1 + 28
        assert "Fenbridge District Council · 2026/27 Q3 · as at 31/12/2026 · 28 risks (26 " \
               "open) · scheme generic-5x5" in Q3._repr_html_()

    def test_at_most_max_rows(self) -> None:
        """A long register shows MAX_ROWS risks and says how many more there are."""
        register = rm.Register(scheme=G5, risks=[rm.Risk(id=f"R{n}") for n in range(100)])
        markup = register._repr_html_()
        assert len(cells(markup).rows) == 1 + display.MAX_ROWS
        assert "… and 60 more risks;" in markup

    def test_text_is_escaped(self) -> None:
        """Markup in any text is shown as text, never run."""
        register = rm.Register(
            scheme=G5, title="<b>Bold</b>", organisation="A & B",
            risks=[rm.Risk(id="R1", ref="<1>", title="<script>alert(1)</script>",
                           risk_owner='"Jo"')])
        markup = register._repr_html_()
        assert "<script>" not in markup
        assert "<b>Bold" not in markup
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markup
        assert "A &amp; B" in markup
        assert "&quot;Jo&quot;" in markup
        assert cells(markup).rows[1][:3] == [
            ("<1>", None), ("<script>alert(1)</script>", None), ('"Jo"', None)]


class TestValues:
    def test_score(self) -> None:
        """A score shows its cell and rating on its band's colour, and the band's label."""
        score = LEICS.parse("2B")
        assert score._repr_html_() == (
            '<span title="High" style="background:#c62828;color:#fff;padding:0 4px;'
            'border-radius:3px">2B 9</span> High <small>leicestershire-4x4</small>')

    def test_risk(self) -> None:
        """A risk shows its facts, each stage on its band's colour."""
        table = cells(Q3.get("FDC-014")._repr_html_())
        rows = {name: value for (name, _), value in table.rows}
        assert list(rows) == ["Id", "Section", "Owner", "Action owner", "Inherent", "Current",
                              "Target", "Status", "Review date", "Controls", "Actions"]
        assert (rows["Current"], rows["Target"]) == (("3x5 15", "#c62828"), ("2x5 10", "#fb8c00"))
        assert rows["Owner"] == ("Director of Corporate Resources", None)

    def test_finding(self) -> None:
        """A finding is a one-row table: code, severity, risk, stage, message."""
        finding = rm.check(Q3)[0]
        assert cells(finding._repr_html_()).rows[1] == [
            ("RM301", None), ("warning", None), ("FDC-002", None), ("current", None),
            ("risk 2 (FDC-002): current 20 is above appetite 15 (the risk's own)", None)]

    def test_scheme_matrix(self) -> None:
        """Leicestershire draws 1 (very likely) on top and A (severe) on the right."""
        table = cells(display.scheme_html(LEICS))
        assert table.head == ["likelihood \\ impact", "D Minor", "C Moderate",
                              "B Significant", "A Severe"]
        assert table.rows[1] == [("1 Very likely", None), ("1D 4", "#f9a825"),
                                 ("1C 8", "#f9a825"), ("1B 12", "#c62828"),
                                 ("1A 16", "#c62828")]
        assert table.rows[-1][0] == ("4 Very unlikely", None)

    def test_register_conversion(self) -> None:
        """A converted register lists each assessment that changed, with what changed."""
        done = rm.convert_register(rm.examples.load("ashby-vale-cyps-2026"), G5)
        table = cells(display.register_conversion_html(done))
        changed = [s for s in done.stages if s.reasons or s.band_changes or s.reversals]
        assert (len(done.lossy), len(table.rows)) == (0, 1 + len(changed))
        assert table.rows[1] == [
            ("AVC-CYPS-01", None), ("inherent", None), ("2B 9", "#c62828"),
            ("4x4 16", "#c62828"), ("", None),
            ("; ".join(changed[0].band_changes), None), ("", None)]

    def test_conversion(self) -> None:
        """One converted score shows both sides, the rule, what was lost and what changed."""
        conversion = rm.convert(G5.parse("3x3"), SCHEMES.get("generic-4x4"))
        markup = display.conversion_html(conversion)
        assert markup.startswith(
            '<div><span title="High" style="background:#fb8c00;color:#000;padding:0 4px;'
            'border-radius:3px">3x3 9</span> High <small>generic-5x5</small> → '
            '<span title="High" style="background:#c62828;color:#fff;padding:0 4px;'
            'border-radius:3px">3x3 9</span> High <small>generic-4x4</small> '
            '<small>by declared:generic-5x5-to-generic-4x4</small>; lossy:<ul>')
        assert markup.count("<li>") == (len(conversion.reasons) + len(conversion.band_changes)
                                        + len(conversion.reversals))

    def test_methods_in_other_modules(self) -> None:
        """Schemes and conversions display through the same functions."""
        done = rm.convert_register(Q3, SCHEMES.get("generic-4x4"))
        assert (LEICS._repr_html_(), done._repr_html_(), done.conversions[0]._repr_html_()) == (
            display.scheme_html(LEICS), display.register_conversion_html(done),
            display.conversion_html(done.conversions[0]))


class TestColours:
    def test_unsafe_colour_not_used(self) -> None:
        """A band colour that is not a colour is not written into a style."""
        band = rm.Band("hot", "Hot", colour="red;background-image:url(x)")
        scheme = rm.ScoringScheme(
            "one", "One", rm.Scale("likelihood", [rm.Level("1", "", 1)]),
            rm.Scale("impact", [rm.Level("1", "", 1)]), rating=rm.RatingRule("product"),
            bands=[band])
        markup = display.scheme_html(scheme)
        assert "url(" not in markup
        assert cells(markup).rows[1] == [("1", None), ("11 1", None)]

    def test_amber_key_without_colour(self) -> None:
        """A band keyed amber with no colour is drawn in amber, which CSS does not name."""
        assert "background:#ffbf00;" in display._chip("x", rm.Band("amber", "Medium"))

    @pytest.mark.parametrize(("colour", "ink"), [
        ("#fdd835", "#000"), ("#2e7d32", "#fff"), ("#000", "#fff"), ("amber", "#000")])
    def test_readable_ink(self, colour: str, ink: str) -> None:
        """Text is black on light colours and white on dark ones."""
        assert f"color:{ink};" in display._chip("x", rm.Band("b", "B", colour=colour))
