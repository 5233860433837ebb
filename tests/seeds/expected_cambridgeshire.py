"""Expected values for seed 004 (Cambridgeshire County Council, People & Communities risk
register, committee report of September 2018).

Facts only, transcribed from ``../shared/seeds/004_7cf9ad2fb3a265af.txt``: risk numbers,
levels, appetites, line numbers and counts. No description text is kept; ``first_words``
holds only the first three whitespace-separated words of the description cell (the second
"Risk" column) after HTML tags are removed.

Line numbers are 1-based over ``text.split("\\n")`` (the file has no trailing newline;
line 144, risk 17, is the last line). Table rows are tab-separated with exactly 6 cells:
risk number, description, triggers, residual risk level, risk appetite, controls. The two
first headers are both "Risk". Refs are kept as strings, as printed ("1" .. "17").

``residual_level`` is "Residual Risk Level": the CURRENT stage (with controls in place).
Likelihood and consequence appear only in the heat map.

Counting rule for ``n_triggers`` / ``n_controls``: one per numbered item (``1.``, ``1)``,
or a bare number before a capitalised word as in risk 12's ``2 System``), whatever the
markup around it; a cell of unnumbered ``<p>`` paragraphs counts one per paragraph; a
cell of plain unnumbered text counts 1. Group headings inside a cell are not items (risk
1's triggers are two headed groups of three). Numbers that are part of the text (e.g.
"Level 2 - 5", "every 3 years", "2 year olds") are not items. ``n_controls`` sums the
risk's own row and its continuation rows.

``*_notation`` values: ``ol-numbered`` (``<ol ...>`` with ``1.`` items), ``ul-numbered``
(``<ul ...>`` with ``1.`` items, no bullets), ``p-numbered`` (``<p>`` per item, the number
inside the paragraph: ``1.``, ``1)`` or ``2``), ``p+ol-numbered`` (``<p>`` group headings
each followed by an ``<ol>``), ``plain-numbered`` (no markup, ``1. ... 2. ...`` inline),
``p`` (unnumbered ``<p>`` paragraphs), ``plain``. No closing ``</ol>``/``</ul>`` occurs.

Every ``first_words`` value is ``tests.seeds.fingerprint`` of the first three words of the
description (a short hash), so no text of the seed is held here.
"""

from __future__ import annotations

SEED_FILE = "004_7cf9ad2fb3a265af.txt"
N_LINES = 144

REGISTER = {
    "title_words": "PEOPLE & COMMUNITIES RISK REGISTER",
    "title_line": 3,
    "appendix_title_words": "Appendix 1 – People & Communities Risk Register:",
    "appendix_title_line": 92,
    "summary_title_words": "People & Communities Risk Summary",
    "summary_title_line": 94,
    # Line 96 states the report filter: residual risk level at or greater than 1 and at
    # or less than 25 (a 5x5 product range).
    "filter_line": 96,
    "date_text": "11 September 2018",
    "date_line": 7,
    "date_label": "Meeting Date:",
    "committee": "Children and Young People Committee",
    "committee_line": 5,
    "from_role": "Executive Director, People & Communities",
    "scheme": "5x5 likelihood x consequence; residual level = likelihood * consequence",
    "columns": ["Risk", "Risk", "Triggers", "Residual Risk Level", "Risk Appetite", "Control"],
    "first_risk_line": 107,
    "last_line": 144,
    "n_risks": 17,
}

# Heat map, lines 98-104, tab-separated:
#   line 98..102: likelihood rows, 5 at the TOP down to 1 at the bottom. Cell 0 holds the
#     axis word "Likelihood" on the first row only; cell 1 holds the likelihood number;
#     cells 2..5 hold risk numbers separated by single spaces (empty when none).
#   line 103: the consequence number row: cells 1..5 = "1" "2" "3" "4" "5" (left to right).
#   line 104: cell 0 holds the axis word "Consequence"; other cells empty.
# So likelihood = rows (descending downwards), consequence = columns (ascending rightwards).
# Reading: consequence = the cell index, taken straight from the number row (cell k under
#   "k"). Note the number row's "1" sits in cell 1, which in the likelihood rows holds the
#   likelihood number, so the consequence-1 column has no cells of its own (no risk has
#   consequence 1). Data rows have 6 cells, not 7.
# Check: with this reading likelihood * consequence equals the printed residual level for
#   all 17 risks; shifting by one column (cell 2 = consequence 1) matches none. So, unlike
#   seed 003, no shift correction is applied here.
#   UNSURE: whether an empty consequence-1 column was dropped by the text extraction; it
#   does not change any placement.
# Placements: row by row from the top (likelihood 5), cells left to right, numbers in
# printed order. Tuples are (risk number as str, likelihood, consequence).
HEATMAP = {
    "start_line": 98,
    "end_line": 104,
    "likelihood_row_lines": {5: 98, 4: 99, 3: 100, 2: 101, 1: 102},
    "consequence_row_line": 103,
    "axis_label_lines": {"Likelihood": 98, "Consequence": 104},
    "cell_consequence": {2: 2, 3: 3, 4: 4, 5: 5},
    "placements": [
        ("8", 5, 3),
        ("9", 5, 3),
        ("4", 4, 3),
        ("13", 4, 3),
        ("10", 4, 4),
        ("15", 3, 3),
        ("2", 3, 4),
        ("3", 3, 4),
        ("5", 3, 4),
        ("7", 3, 4),
        ("11", 3, 4),
        ("1", 3, 5),
        ("12", 3, 5),
        ("16", 2, 3),
        ("17", 2, 3),
        ("14", 2, 4),
        ("6", 1, 3),
    ],
    "n_placements": 17,
}

RISKS = [
    {
        "ref": "1",
        "line": 107,
        "first_words": "394b8f02d20c",
        "residual_level": 15,
        "appetite": 10,
        "likelihood": 3,
        "consequence": 5,
        "product_matches": True,
        "above_appetite": True,
        "n_triggers": 6,
        "n_controls": 11,
        "continuation_lines": [110],
        "triggers_notation": "p+ol-numbered",
        "controls_notation": "ol-numbered",
    },
    {
        "ref": "2",
        "line": 111,
        "first_words": "9df3e34d4812",
        "residual_level": 12,
        "appetite": 12,
        "likelihood": 3,
        "consequence": 4,
        "product_matches": True,
        "above_appetite": False,
        "n_triggers": 1,
        "n_controls": 5,
        "continuation_lines": [],
        "triggers_notation": "plain-numbered",
        "controls_notation": "p-numbered",
    },
    {
        "ref": "3",
        "line": 112,
        "first_words": "de5f1fccf60e",
        "residual_level": 12,
        "appetite": 9,
        "likelihood": 3,
        "consequence": 4,
        "product_matches": True,
        "above_appetite": True,
        "n_triggers": 1,
        "n_controls": 5,
        "continuation_lines": [],
        "triggers_notation": "plain-numbered",
        "controls_notation": "p-numbered",
    },
    {
        "ref": "4",
        "line": 115,
        "first_words": "4f82229bc0a2",
        "residual_level": 12,
        "appetite": 12,
        "likelihood": 4,
        "consequence": 3,
        "product_matches": True,
        "above_appetite": False,
        "n_triggers": 3,
        "n_controls": 6,
        "continuation_lines": [],
        "triggers_notation": "ol-numbered",
        "controls_notation": "ol-numbered",
    },
    {
        "ref": "5",
        "line": 116,
        "first_words": "74159faf76ba",
        "residual_level": 12,
        "appetite": 9,
        "likelihood": 3,
        "consequence": 4,
        "product_matches": True,
        "above_appetite": True,
        "n_triggers": 1,
        "n_controls": 5,
        "continuation_lines": [],
        "triggers_notation": "ol-numbered",
        "controls_notation": "ol-numbered",
    },
    {
        "ref": "6",
        "line": 119,
        "first_words": "782d54665c94",
        "residual_level": 3,
        "appetite": 3,
        "likelihood": 1,
        "consequence": 3,
        "product_matches": True,
        "above_appetite": False,
        "n_triggers": 3,
        "n_controls": 1,
        "continuation_lines": [],
        "triggers_notation": "ol-numbered",
        "controls_notation": "plain",
    },
    {
        "ref": "7",
        "line": 120,
        "first_words": "782d54665c94",
        "residual_level": 12,
        "appetite": 12,
        "likelihood": 3,
        "consequence": 4,
        "product_matches": True,
        "above_appetite": False,
        "n_triggers": 3,
        "n_controls": 6,
        "continuation_lines": [],
        "triggers_notation": "ol-numbered",
        "controls_notation": "ol-numbered",
    },
    {
        "ref": "8",
        "line": 123,
        "first_words": "782d54665c94",
        "residual_level": 15,
        "appetite": 15,
        "likelihood": 5,
        "consequence": 3,
        "product_matches": True,
        "above_appetite": False,
        "n_triggers": 3,
        "n_controls": 10,
        "continuation_lines": [],
        "triggers_notation": "ol-numbered",
        "controls_notation": "ol-numbered",
    },
    {
        "ref": "9",
        "line": 124,
        "first_words": "bc40beb38179",
        "residual_level": 15,
        "appetite": 12,
        "likelihood": 5,
        "consequence": 3,
        "product_matches": True,
        "above_appetite": True,
        "n_triggers": 3,
        "n_controls": 17,
        "continuation_lines": [127],
        "triggers_notation": "ol-numbered",
        "controls_notation": "ol-numbered",
    },
    {
        "ref": "10",
        "line": 128,
        "first_words": "b3ceeac27b00",
        "residual_level": 16,
        "appetite": 16,
        "likelihood": 4,
        "consequence": 4,
        "product_matches": True,
        "above_appetite": False,
        "n_triggers": 2,
        "n_controls": 1,
        "continuation_lines": [],
        "triggers_notation": "ul-numbered",
        "controls_notation": "ul-numbered",
    },
    {
        "ref": "11",
        "line": 131,
        "first_words": "6d857080676f",
        "residual_level": 12,
        "appetite": 12,
        "likelihood": 3,
        "consequence": 4,
        "product_matches": True,
        "above_appetite": False,
        "n_triggers": 3,
        "n_controls": 9,
        "continuation_lines": [],
        "triggers_notation": "plain-numbered",
        "controls_notation": "plain-numbered",
    },
    {
        "ref": "12",
        "line": 134,
        "first_words": "e88e005f2711",
        "residual_level": 15,
        "appetite": 15,
        "likelihood": 3,
        "consequence": 5,
        "product_matches": True,
        "above_appetite": False,
        "n_triggers": 3,
        "n_controls": 10,
        "continuation_lines": [],
        "triggers_notation": "p-numbered",
        "controls_notation": "p-numbered",
    },
    {
        "ref": "13",
        "line": 135,
        "first_words": "430630e1f9de",
        "residual_level": 12,
        "appetite": 12,
        "likelihood": 4,
        "consequence": 3,
        "product_matches": True,
        "above_appetite": False,
        "n_triggers": 3,
        "n_controls": 10,
        "continuation_lines": [138],
        "triggers_notation": "p-numbered",
        "controls_notation": "p-numbered",
    },
    {
        "ref": "14",
        "line": 139,
        "first_words": "8f7f94476979",
        "residual_level": 8,
        "appetite": 8,
        "likelihood": 2,
        "consequence": 4,
        "product_matches": True,
        "above_appetite": False,
        "n_triggers": 3,
        "n_controls": 10,
        "continuation_lines": [],
        "triggers_notation": "ul-numbered",
        "controls_notation": "ul-numbered",
    },
    {
        "ref": "15",
        "line": 142,
        "first_words": "394b8f02d20c",
        "residual_level": 9,
        "appetite": 9,
        "likelihood": 3,
        "consequence": 3,
        "product_matches": True,
        "above_appetite": False,
        "n_triggers": 2,
        "n_controls": 4,
        "continuation_lines": [],
        "triggers_notation": "p",
        "controls_notation": "ol-numbered",
    },
    {
        "ref": "16",
        "line": 143,
        "first_words": "cb20448c51e1",
        "residual_level": 6,
        "appetite": 6,
        "likelihood": 2,
        "consequence": 3,
        "product_matches": True,
        "above_appetite": False,
        "n_triggers": 2,
        "n_controls": 3,
        "continuation_lines": [],
        "triggers_notation": "p",
        "controls_notation": "ol-numbered",
    },
    {
        "ref": "17",
        "line": 144,
        "first_words": "df2296505aac",
        "residual_level": 6,
        "appetite": 6,
        "likelihood": 2,
        "consequence": 3,
        "product_matches": True,
        "above_appetite": False,
        "n_triggers": 1,
        "n_controls": 3,
        "continuation_lines": [],
        "triggers_notation": "plain",
        "controls_notation": "ol-numbered",
    },
]

# Table header rows (all identical to REGISTER["columns"]). 106 is the table's own header;
# the other nine are repeats after page breaks (each preceded by a blank line).
HEADER_LINES = [106, 109, 114, 118, 122, 126, 130, 133, 137, 141]

# Page-break continuation rows: cells 0-4 empty, cell 5 holds further controls of the
# risk whose row precedes the repeated header. (line, ref, n_controls on that line,
# item numbers as printed)
CONTINUATION_ROWS = [
    (110, "1", 1, [11]),
    (127, "9", 13, [5, 6, 7, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]),
    (138, "13", 4, [7, 8, 9, 10]),
]

MISMATCHES = {
    # likelihood * consequence from the heat map != printed residual level: none.
    "product_not_level": [],
    "in_table_not_heatmap": [],
    "in_heatmap_not_table": [],
    # (ref, residual_level, appetite) where residual level > appetite.
    "above_appetite": [
        ("1", 15, 10),
        ("3", 12, 9),
        ("5", 12, 9),
        ("9", 15, 12),
    ],
    # No residual level is below its appetite; the other 13 risks equal their appetite.
    "below_appetite": [],
}

# (line, ref or None, kind, detail). Facts only.
ODDITIES = [
    (106, None, "duplicate_header", "the first two column headers are both 'Risk'"),
    (110, "1", "continuation_row", "control 11 alone, plain text, no list markup"),
    (127, "9", "continuation_row", "controls in <ul> though risk 9's row used <ol>"),
    (127, "9", "numbering_gap", "continuation numbers 5-7 then 11-20 (8-10 absent)"),
    (138, "13", "continuation_row", "controls in <ul> though risk 13's row used <p>"),
    (111, "2", "number_without_space", "trigger printed '1.' directly followed by text"),
    (111, "2", "paren_numbering", "controls numbered '1)' .. '5)' inside <p>"),
    (134, "12", "number_without_dot", "triggers 2 and 3 printed '2 ' and '3 ' (no dot)"),
    (107, "1", "grouped_triggers", "two <p> group headings, each with <ol> 1.-3."),
    (119, "6", "plain_control", "controls cell is one unnumbered paragraph"),
    (131, "11", "plain_numbered", "triggers and controls numbered inline, no markup"),
    (128, "10", "ul_numbered", "<ul> items carry numbers, not bullets"),
    (139, "14", "ul_numbered", "<ul> items carry numbers, not bullets"),
    (103, None, "heatmap_consequence_1_column", "'1' in cell 1; data rows hold L there"),
    (41, None, "duplicate_paragraph_number", "lines 40 and 41 both number a paragraph '2.2'"),
]

# UNSURE items:
# - UNSURE: risk 6 (line 119) n_controls 1: the control cell is one unnumbered paragraph.
# - UNSURE: risk 1 (line 107) n_triggers 6 counts items, not the 2 group headings.
# - UNSURE: risks 15, 16 (lines 142, 143) n_triggers 2 = two unnumbered <p> paragraphs.
