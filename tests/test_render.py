"""Specification of the text rendering of schemes, registers and heat maps."""

from __future__ import annotations

import datetime as dt

from riskmodel import (
    Assessment,
    Register,
    Risk,
    ScoringScheme,
    Section,
    Status,
    builtin_schemes,
    scheme_from_toml,
)
from riskmodel.render import (
    band_marks,
    findings_by_risk,
    heat_map,
    register_report,
    register_summary,
    risk_table,
    scheme_list,
    scheme_matrix,
)

#: Words for likelihood, bands listed by cell whose labels share an initial.
ACME_TOML = """
id = "acme-3x2"
name = "Acme 3×2 (words)"

[likelihood]
name = "likelihood"
levels = [
  { code = "L", label = "Low", value = 1 },
  { code = "M", label = "Medium", value = 2 },
  { code = "H", label = "High", value = 3 },
]

[impact]
name = "consequence"
levels = [
  { code = "1", label = "Minor", value = 1 },
  { code = "2", label = "Major", value = 2 },
]

[rating]
rule = "sum"

[notation]
order = "impact-likelihood"
separator = "/"

[[bands]]
key = "within"
label = "Acceptable"
cells = [["L", "1"], ["L", "2"], ["M", "1"], ["H", "1"]]

[[bands]]
key = "above"
label = "Above tolerance"
cells = [["M", "2"], ["H", "2"]]
"""

#: No bands, no labels, and a notation that prints the rating itself.
DUO_TOML = """
id = "duo-2x2"
name = "Duo 2×2"

[likelihood]
name = "likelihood"
levels = [{ code = "1", label = "", value = 1 }, { code = "2", label = "", value = 2 }]

[impact]
name = "impact"
levels = [{ code = "1", label = "", value = 1 }, { code = "2", label = "", value = 3 }]

[rating]
rule = "product"

[notation]
order = "impact-likelihood"
separator = " "
impact_prefix = "I"
likelihood_prefix = "L"
show_value = true
"""

LEICESTERSHIRE_MATRIX = (
    "leicestershire-4x4: Leicestershire County Council 4×4 (number likelihood, letter impact)\n"
    r"""Likelihood 1 very likely .. 4 very unlikely; impact A severe .. D minor. No product is
published: cells are rated by the rank product (likelihood rank × impact rank, 1-16) so
that 1A is the most severe cell and 4D the least. Bands are riskmodel's display bands.
Rating: looked up by cell, 1 to 16. Printed likelihood first, as in 1B.

likelihood \ impact | D Minor | C Moderate | B Significant | A Severe
--------------------+---------+------------+---------------+---------
1 Very likely       | 1D  4 M | 1C  8 M    | 1B 12 H       | 1A 16 H
2 Quite likely      | 2D  3 L | 2C  6 M    | 2B  9 H       | 2A 12 H
3 Not very likely   | 3D  2 L | 3C  4 M    | 3B  6 M       | 3A  8 M
4 Very unlikely     | 4D  1 L | 4C  2 L    | 4B  3 L       | 4A  4 M

Bands:
  L  Low (green): rating up to 3
  M  Medium (amber): rating 4 to 8
  H  High (red): rating 9 and above"""
)


def scheme(scheme_id: str) -> ScoringScheme:
    """A built-in scheme by id."""
    return builtin_schemes().get(scheme_id)


def scored(s: ScoringScheme, text: str) -> Assessment:
    """The complete assessment printed as *text* in *s*."""
    return Assessment.of(s.parse(text))


class TestSchemeList:
    def test_lists_every_builtin_scheme_with_its_size_and_name(self) -> None:
        """Each scheme is one line: id, likelihood × impact levels, name, in aligned columns."""
        assert scheme_list(builtin_schemes()) == (
            "cambridgeshire-5x5  5×5  Cambridgeshire County Council 5×5 "
            "(likelihood × consequence)\n"
            "generic-4x4         4×4  Generic 4×4 (likelihood × impact)\n"
            "generic-5x5         5×5  Generic 5×5 (likelihood × impact)\n"
            "leicester-city-5x5  5×5  Leicester City Council 5×5 (impact × likelihood)\n"
            "leicestershire-4x4  4×4  Leicestershire County Council 4×4 (number likelihood, "
            "letter impact)"
        )

    def test_an_empty_list_says_so(self) -> None:
        """No schemes renders as a sentence rather than nothing."""
        assert scheme_list([]) == "no schemes"


class TestSchemeMatrix:
    def test_draws_leicestershire_with_cells_ratings_bands_and_legend(self) -> None:
        """The Leicestershire matrix shows every cell as printed, its rating and band mark."""
        assert scheme_matrix(scheme("leicestershire-4x4")) == LEICESTERSHIRE_MATRIX

    def test_puts_the_most_severe_cell_top_right_and_the_least_bottom_left(self) -> None:
        """Rows run from the most likely down and columns from the least severe impact right."""
        rows = scheme_matrix(scheme("leicestershire-4x4")).splitlines()[8:12]
        assert rows[0].endswith("| 1A 16 H")
        assert rows[-1].split(" | ")[1] == "4D  1 L"

    def test_prints_cells_in_the_schemes_own_order(self) -> None:
        """Leicester City prints impact first, so likelihood 5 × impact 4 reads 4x5."""
        rows = scheme_matrix(scheme("leicester-city-5x5")).splitlines()
        assert "5                   | 1x5  5 M | 2x5 10 M | 3x5 15 H | 4x5 20 H | 5x5 25 H" in rows

    def test_legend_names_listed_cells_and_falls_back_to_keys(self) -> None:
        """Bands by cell say how many cells they list; shared initials mark cells by band key."""
        assert scheme_matrix(scheme_from_toml(ACME_TOML)) == (
            "acme-3x2: Acme 3×2 (words)\n"
            "Rating: sum of the level values, 2 to 5. Printed consequence first, as in 1/H.\n"
            "\n"
            "likelihood \\ consequence | 1 Minor      | 2 Major\n"
            "-------------------------+--------------+-------------\n"
            "H High                   | 1/H 4 within | 2/H 5 above\n"
            "M Medium                 | 1/M 3 within | 2/M 4 above\n"
            "L Low                    | 1/L 2 within | 2/L 3 within\n"
            "\n"
            "Bands:\n"
            "  within  Acceptable (within): 4 listed cells\n"
            "  above   Above tolerance (above): 2 listed cells"
        )

    def test_without_bands_or_labels_shows_codes_and_no_legend(self) -> None:
        """A notation that prints the rating is not followed by the rating a second time."""
        assert scheme_matrix(scheme_from_toml(DUO_TOML)) == (
            "duo-2x2: Duo 2×2\n"
            "Rating: product of the level values, 1 to 6. Printed impact first, as in I1 L2 = 2.\n"
            "\n"
            "likelihood \\ impact | 1         | 2\n"
            "--------------------+-----------+----------\n"
            "2                   | I1 L2 = 2 | I2 L2 = 6\n"
            "1                   | I1 L1 = 1 | I2 L1 = 3"
        )


class TestPartialAndCatchAllBands:
    def test_the_legend_names_the_catch_all_band_and_the_unbanded_cells(self) -> None:
        """A catch-all band takes every other cell; unbanded cells are counted in the legend."""
        from riskmodel import load_scheme

        money = scheme_matrix(load_scheme("examples/schemes/money-bands-5x5.toml"))
        forum = scheme_matrix(load_scheme("examples/schemes/unbanded-cells-4x4.toml"))
        assert money.splitlines()[-3] == "  G  Green: every other cell"
        assert forum.splitlines()[-4:] == [
            "  G  Green: 5 listed cells", "  A  Amber: 4 listed cells",
            "  R  Red: 4 listed cells", "     no band: 3 cells left unbanded"]
        assert forum.splitlines()[10] == (
            "1 Rare              | 1 1  1    | 1 2  2     | 1 3  3 G      | 1 4  4 G")


class TestBandMarks:
    def test_marks_are_label_initials(self) -> None:
        """Each band is marked by the initial of its label."""
        assert band_marks(scheme("generic-5x5")) == {
            "green": "L", "yellow": "M", "amber": "H", "red": "V",
        }

    def test_shared_initials_fall_back_to_keys(self) -> None:
        """When two labels share an initial, the band keys are the marks."""
        assert band_marks(scheme_from_toml(ACME_TOML)) == {"within": "within", "above": "above"}

    def test_a_scheme_without_bands_has_no_marks(self) -> None:
        """No bands, no marks."""
        assert band_marks(scheme_from_toml(DUO_TOML)) == {}


def _generic_register(*risks: Risk) -> Register:
    return Register(scheme=scheme("generic-4x4"), title="Test risks", risks=risks)


class TestHeatMap:
    def test_places_refs_in_their_cells_and_counts_the_unscored(self) -> None:
        """Open risks appear by ref in their cell; risks lacking a factor are counted."""
        s = scheme("generic-4x4")
        register = _generic_register(
            Risk(id="A", ref="1", current=scored(s, "4x4")),
            Risk(id="B", ref="2", current=scored(s, "4x4")),
            Risk(id="C", current=scored(s, "1x2")),
            Risk(id="D", ref="4", current=Assessment(scheme=s, impact=s.impact.level("3"))),
            Risk(id="E", ref="5", current=scored(s, "1x1"), status=Status("deleted", "Gone")),
        )
        assert heat_map(register, "current") == (
            "Current (with existing controls): 3 of 4 open risks placed; "
            "1 lacks a complete current score.\n"
            "likelihood \\ impact | 1 Negligible | 2 Minor | 3 Major | 4 Catastrophic\n"
            "--------------------+--------------+---------+---------+---------------\n"
            "4 Almost certain    | [M]          | [H]     | [H]     | [H] 1, 2\n"
            "3 Likely            | [M]          | [M]     | [H]     | [H]\n"
            "2 Unlikely          | [L]          | [M]     | [M]     | [H]\n"
            "1 Rare              | [L]          | [L] C   | [M]     | [M]\n"
            "Bands: [L] Low, [M] Medium, [H] High"
        )

    def test_wraps_crowded_cells_and_rules_between_rows(self) -> None:
        """A cell with many refs wraps onto indented lines, and rules then part the rows."""
        s = scheme("generic-4x4")
        register = _generic_register(
            *(Risk(id=f"R{n}", ref=f"{n}.1", inherent=scored(s, "4x4")) for n in range(10, 16))
        )
        assert heat_map(register, "inherent") == (
            "Inherent (before controls): all 6 open risks placed.\n"
            "likelihood \\ impact | 1 Negligible | 2 Minor | 3 Major | 4 Catastrophic\n"
            "--------------------+--------------+---------+---------+----------------\n"
            "4 Almost certain    | [M]          | [H]     | [H]     | [H] 10.1, 11.1,\n"
            "                    |              |         |         |     12.1, 13.1,\n"
            "                    |              |         |         |     14.1, 15.1\n"
            "--------------------+--------------+---------+---------+----------------\n"
            "3 Likely            | [M]          | [M]     | [H]     | [H]\n"
            "--------------------+--------------+---------+---------+----------------\n"
            "2 Unlikely          | [L]          | [M]     | [M]     | [H]\n"
            "--------------------+--------------+---------+---------+----------------\n"
            "1 Rare              | [L]          | [L]     | [M]     | [M]\n"
            "Bands: [L] Low, [M] Medium, [H] High"
        )

    def test_a_stage_without_scores_is_one_line(self) -> None:
        """When no open risk is scored at a stage, the heat map is a single sentence."""
        s = scheme("generic-4x4")
        register = _generic_register(Risk(id="A", current=scored(s, "2x2")))
        assert heat_map(register, "target") == (
            "Target (after further actions): no open risk has a complete target score."
        )

    def test_risks_without_a_cell_are_listed_by_their_stated_band(self) -> None:
        """A risk with a band (stated, or of its stated rating) but no cell is listed under it."""
        s = scheme("generic-4x4")
        register = _generic_register(
            Risk(id="A", ref="1", current=scored(s, "4x4")),
            Risk(id="B", ref="2", current=s.parse_assessment("Low")),
            Risk(id="C", ref="3", current=s.parse_assessment("12")),
            Risk(id="D", ref="4", current=s.parse_assessment("High 9")),
            Risk(id="E", ref="5", current=s.parse_assessment("impact 2")),
        )
        lines = heat_map(register, "current").splitlines()
        assert lines[0] == ("Current (with existing controls): 1 of 5 open risks placed; "
                            "4 lack a complete current score.")
        assert lines[-2:] == ["Not placed, by band: [L] 2; [H] 3, 4",
                              "Bands: [L] Low, [M] Medium, [H] High"]

    def test_a_stage_with_only_stated_bands_lists_them(self) -> None:
        """Where no risk has a cell, the one line is followed by the risks by band."""
        s = scheme("generic-4x4")
        register = _generic_register(Risk(id="A", ref="1", target=s.parse_assessment("Red")))
        assert heat_map(register, "target") == (
            "Target (after further actions): no open risk has a complete target score.\n"
            "Not placed, by band: [H] 1")

    def test_a_scheme_without_bands_shows_refs_only(self) -> None:
        """Without bands, cells hold only refs and no legend follows."""
        duo = scheme_from_toml(DUO_TOML)
        register = Register(scheme=duo, risks=[Risk(id="A", ref="7", current=scored(duo, "I2 L1"))])
        assert heat_map(register, "current") == (
            "Current (with existing controls): all 1 open risk placed.\n"
            "likelihood \\ impact | 1 | 2\n"
            "--------------------+---+--\n"
            "2                   |   |\n"
            "1                   |   | 7"
        )


class TestRegisterSummary:
    def test_summarises_particulars_statuses_and_sections(self) -> None:
        """The summary gives the particulars, risks by status, and risks per section."""
        s = scheme("leicestershire-4x4")
        register = Register(
            organisation="Millbrook County Council", title="Children's services risks",
            level="departmental", owner="Director of Children's Services", version="3",
            as_at=dt.date(2025, 3, 31), scheme=s,
            sections=[Section("1. Budget"), Section("2. Safeguarding"), Section("3. Estates")],
            risks=[
                Risk(id="A", section="1. Budget"),
                Risk(id="B", section="1. Budget", status=Status("closed", "Done")),
                Risk(id="C", section="2. Safeguarding"),
                Risk(id="D", status=Status("deleted", "Historical")),
            ],
        )
        assert register_summary(register) == (
            "Organisation: Millbrook County Council\n"
            "Title:        Children's services risks\n"
            "Level:        departmental\n"
            "Owner:        Director of Children's Services\n"
            "Version:      3\n"
            "As at:        2025-03-31\n"
            "Scheme:       leicestershire-4x4 — Leicestershire County Council 4×4 "
            "(number likelihood, letter impact)\n"
            "Risks:        4 (2 open, 1 closed, 1 deleted)\n"
            "Sections:\n"
            "  1. Budget        2\n"
            "  2. Safeguarding  1\n"
            "  3. Estates       0\n"
            "  (no section)     1"
        )

    def test_an_empty_register_says_what_is_missing(self) -> None:
        """Particulars not given, no risks and no sections are all stated."""
        assert register_summary(Register(scheme=scheme("generic-4x4"))) == (
            "Organisation: (not given)\n"
            "Title:        (not given)\n"
            "Version:      (not given)\n"
            "As at:        (not given)\n"
            "Scheme:       generic-4x4 — Generic 4×4 (likelihood × impact)\n"
            "Risks:        0\n"
            "Sections:     none"
        )


class TestRegisterReport:
    def test_the_report_is_the_summary_then_each_stage_in_order(self) -> None:
        """The summary and the risks are followed by each stage: inherent, current, target."""
        register = Register(scheme=scheme("generic-4x4"))
        assert register_report(register).split("\n\n") == [
            register_summary(register),
            "No open risks.",
            "Inherent (before controls): no open risk has a complete inherent score.",
            "Current (with existing controls): no open risk has a complete current score.",
            "Target (after further actions): no open risk has a complete target score.",
        ]


class TestRiskTable:
    def test_wraps_titles_and_owners_and_lists_the_closed(self) -> None:
        """Long titles and owners wrap in their columns; closed risks follow with reasons."""
        s = scheme("leicestershire-4x4")
        register = Register(scheme=s, risks=[
            Risk(id="CS-1", ref="1.1", title="Placements for children in care cost far more "
                 "than budgeted", risk_owner="Assistant Director – Children's Social Care",
                 inherent=Assessment.of(s.parse("1A")), target=Assessment.of(s.parse("3C"))),
            Risk(id="CS-2", title="Old office", status=Status("deleted", "Historical")),
        ])
        assert risk_table(register).splitlines() == [
            "Ref | Title                                | Owner                  "
            "| Inherent  | Current | Target",
            "----+--------------------------------------+------------------------"
            "+-----------+---------+---------",
            "1.1 | Placements for children in care cost | Assistant Director –   "
            "| 1A 16 [H] |         | 3C 4 [M]",
            "    | far more than budgeted               | Children's Social Care "
            "|           |         |",
            "Bands: [L] Low, [M] Medium, [H] High",
            "Deleted: CS-2 Old office: Historical",
        ]

    def test_incomplete_and_rating_only(self) -> None:
        """A stage missing a factor shows a dash, its stated rating and band when known."""
        s = scheme("cambridgeshire-5x5")
        register = Register(scheme=s, risks=[
            Risk(id="7", current=Assessment(scheme=s, stated=12),
                 target=Assessment(scheme=s, likelihood=s.likelihood.level("2")))])
        assert risk_table(register).splitlines()[2] == (
            "7   |       |       |          | – 12 [M] | –")


class TestFindingsByRisk:
    def test_groups_in_register_order_and_the_register_last(self) -> None:
        """Findings sit under their risk's heading; those about no risk come last."""
        from riskmodel import Finding

        g = scheme("generic-5x5")
        register = Register(scheme=g, risks=[
            Risk(id="R1", ref="1", title="First"), Risk(id="R2", title="Second")])
        findings = [
            Finding(code="RM702", stage="current", message="heat map 1 places 9 in 2x2"),
            Finding(code="RM501", risk_id="R2", message="risk R2 has no owner"),
            Finding(code="RM504", risk_id="R1", message="risk 1 (R1) has no score at any stage"),
        ]
        assert findings_by_risk(register, findings) == (
            "Risk R2: Second\n"
            "  RM501 warning: has no owner\n"
            "\n"
            "Risk 1 (R1): First\n"
            "  RM504 warning: has no score at any stage\n"
            "\n"
            "The register as a whole\n"
            "  RM702 warning, current: heat map 1 places 9 in 2x2"
        )
