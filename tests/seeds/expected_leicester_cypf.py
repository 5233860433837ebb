"""Expected values for the Leicester City CYPF divisional risk register V5.

Two seeds hold the same register (see ``../shared/seeds/README.md``):

- ``002_8b3fc6fb9d40e854.txt``: clean markdown pipe tables (the reference);
- ``000_48e6364fb115602f.txt``: a damaged PDF text extraction, tab-separated.

Facts only: refs, scores, section numbers and names, owners, dates and line numbers.
No prose from the documents is copied.

Conventions
-----------
- Line numbers are 1-based, counted with ``enumerate(text.split("\\n"), 1)``. Neither
  file ends with a newline: 002 has 126 lines, 000 has 58.
- Scores are ``(impact, likelihood, product)`` tuples of ints; ``None`` marks an empty
  cell (002) or a value that cannot be proven (000).
- ``first_words``: the first three whitespace-separated tokens of the risk cell after
  removing HTML tags and the printed ref (``a)``, ``2 a)``), punctuation kept as printed.
- ``ref`` is the ref as printed (``""`` when none is printed). ``id`` is section number
  plus letter. For sections 4-10 no ref is printed, so the letter is assigned by position
  within the section (``4a``, ``4b``, ...); this is our choice, not the document's.
- ``owner`` and ``target_date`` are the cell text as printed (``""`` for an empty cell).

Score column order
------------------
Conclusion: impact, likelihood, product.

- Product third: proven. Every one of the 52 score triples in 002 satisfies
  ``a * b == c``, for example the first number row (line 13) reads ``5 | 4 | 20`` and
  ``4 | 4 | 16``.
- Impact before likelihood: NOT proven by this register. Its header (line 11) spans the
  three columns with one label ("Risk Score with existing measures", plus a pointer to a
  scoring table) and no sub-labels; the scoring table is not included.
- The order therefore comes from DOMAIN.md, corroborated by the 2017 operational register
  (seed 001). There the sub-header reads ``Impact | Likelihood | Risk``, and the same
  risks carry the same ordered, asymmetric pairs: 5a ``4 5`` is op. 32 ``4 5``; 2a
  ``3 5`` is 001 line 230 ``3 5``; 8a target ``3 4`` is op. 34 target ``3 4``. One
  deletion row in 001 (line 463) also writes a score as "3(I) AND 3(L) = 9".
- UNSURE: this is evidence by analogy only. The one disagreement is 2f ``5 4 20``,
  which op. 29 prints as ``4 5 20``.

Every ``first_words`` value is ``tests.seeds.fingerprint`` of the first three words of the
description (a short hash), so no text of the seed is held here.
"""

from __future__ import annotations

SEED_CLEAN = "002_8b3fc6fb9d40e854.txt"
SEED_DAMAGED = "000_48e6364fb115602f.txt"
LINE_COUNT_CLEAN = 126
LINE_COUNT_DAMAGED = 58

REGISTER: dict[str, object] = {
    "title": "Divisional Risk Register",
    "division": "Children, Young People & Families Division",
    "title_line": 3,
    "owner": "Clair Pyper",  # "Completed by (Risk Owner): Clair Pyper", line 5
    "owner_line": 5,
    "version": "V5",
    "version_line": 7,
    "date_completed": "27.10.15",
    "date_completed_line": 9,
    # The title/owner/version/date block repeats at the top of every page of 002.
    "page_title_lines": [3, 20, 33, 47, 62, 78, 92, 110],
}

SCORE_ORDER = ("impact", "likelihood", "product")

SECTIONS: list[tuple[str, str]] = [
    ("1", "Budget"),
    ("2", "Safeguarding"),
    ("3", "Workforce"),
    ("4", "Liquid Logic"),
    ("5", "Inspections"),
    ("6", "Early Help"),
    ("7", "School Attendance"),
    ("8", "Placements for children and young people who are looked after"),
    ("9", "Access to records"),
    ("10", "Elected Members"),
]

# Where each section row sits. ``column`` is the 0-based table cell holding "N. Name".
# Sections 1-3 sit in cell 0 (objective column) in 002, but in cell 1 in 000. Sections
# 4-10 sit in cell 1 in both. The section 5 row also has "Improvement -" in cell 0 (002)
# and "nprovement -" (first two letters lost) in cell 0 in 000.
SECTION_ROWS: list[dict[str, object]] = [
    {"number": "1", "line": 14, "column": 0, "line_000": 3, "column_000": 1},
    {"number": "2", "line": 43, "column": 0, "line_000": 16, "column_000": 1},
    {"number": "3", "line": 74, "column": 0, "line_000": 30, "column_000": 1},
    {"number": "4", "line": 88, "column": 1, "line_000": 36, "column_000": 1},
    {"number": "5", "line": 102, "column": 1, "line_000": 42, "column_000": 1},
    {"number": "6", "line": 104, "column": 1, "line_000": 44, "column_000": 1},
    {"number": "7", "line": 106, "column": 1, "line_000": 46, "column_000": 1},
    {"number": "8", "line": 120, "column": 1, "line_000": 52, "column_000": 1},
    {"number": "9", "line": 123, "column": 1, "line_000": 55, "column_000": 1},
    {"number": "10", "line": 125, "column": 1, "line_000": 57, "column_000": 1},
]

# One dict per risk row of 002, in document order (26 risks). Every row is on one line.
RISKS: list[dict[str, object]] = [
    {
        "id": "1a",
        "ref": "a)",
        "section": "1",
        "line": 15,
        "first_words": "ce4980f2da1c",
        "current": (5, 4, 20),
        "target": (4, 4, 16),
        "cost": "",
        "owner": "CP",
        "target_date": "31/03/17",
    },
    {
        "id": "1b",
        "ref": "b)",
        "section": "1",
        "line": 16,
        "first_words": "fe3d76cdb698",
        "current": (5, 4, 20),
        "target": (4, 4, 16),
        "cost": "",
        "owner": "FC",
        "target_date": "31/03/17",
    },
    {
        "id": "1c",
        "ref": "c)",
        "section": "1",
        "line": 17,
        "first_words": "76a6ed402b8f",
        "current": (5, 4, 20),
        "target": (4, 4, 16),
        "cost": "",
        "owner": "",
        "target_date": "31/03/17",
    },
    {
        "id": "1d",
        "ref": "d)",
        "section": "1",
        "line": 18,
        "first_words": "654558269ca9",
        "current": (5, 4, 20),
        "target": (4, 4, 16),
        "cost": "",
        "owner": "",
        "target_date": "31/03/17",
    },
    # 1e and 1f are on page 2 (after the repeated page header at lines 20-29).
    {
        "id": "1e",
        "ref": "e)",
        "section": "1",
        "line": 30,
        "first_words": "da8e8017a40f",
        "current": (4, 4, 16),
        "target": (4, 4, 16),
        "cost": "",
        "owner": "",
        "target_date": "30/06/16",
    },
    {
        "id": "1f",
        "ref": "f)",
        "section": "1",
        "line": 31,
        "first_words": "389014440862",
        "current": (4, 4, 16),
        "target": (4, 4, 16),
        "cost": "",
        "owner": "",
        "target_date": "31/03/2016 ongoing",
    },
    # 2a and 2b: the page's header (line 41) has only 10 columns, so each stage's three
    # numbers are printed together in ONE cell: "3 5 15" and "3 4 12" (see MERGED_SCORE_CELLS).
    # 2a's ref is printed with its section number: "2 a)".
    {
        "id": "2a",
        "ref": "2 a)",
        "section": "2",
        "line": 44,
        "first_words": "40d01dd0f407",
        "current": (3, 5, 15),
        "target": (3, 4, 12),
        "cost": "",
        "owner": "Clair Pyper",
        "target_date": "30/09/16",
    },
    {
        "id": "2b",
        "ref": "b)",
        "section": "2",
        "line": 45,
        "first_words": "79e29cef6908",
        "current": (3, 5, 15),
        "target": (3, 4, 12),
        "cost": "",
        "owner": "Clair Pyper",
        "target_date": "30/09/16",
    },
    {
        "id": "2c",
        "ref": "c)",
        "section": "2",
        "line": 57,
        "first_words": "6c005740d3c8",
        "current": (3, 5, 15),
        "target": (3, 4, 12),
        "cost": "",
        "owner": "",
        "target_date": "30/09/16",
    },
    {
        "id": "2d",
        "ref": "d)",
        "section": "2",
        "line": 58,
        "first_words": "4176c1ae84dd",
        "current": (3, 5, 15),
        "target": (3, 5, 15),
        "cost": "",
        "owner": "",
        "target_date": "30/09/16",
    },
    # Section 2 has no "e)": refs skip from d) to f).
    {
        "id": "2f",
        "ref": "f)",
        "section": "2",
        "line": 59,
        "first_words": "c83fd6bc3dc7",
        "current": (5, 4, 20),
        "target": (5, 4, 20),
        "cost": "",
        "owner": "",
        "target_date": "30/03/16",
    },
    {
        "id": "2g",
        "ref": "g)",
        "section": "2",
        "line": 60,
        "first_words": "df2296505aac",
        "current": (3, 5, 15),
        "target": (3, 5, 15),
        "cost": "",
        "owner": "",
        "target_date": "30/09/2016 ongoing",
    },
    # 2h follows a number-only row (line 72) on a new page; it continues section 2 and the
    # section 3 row comes after it (line 74).
    {
        "id": "2h",
        "ref": "h)",
        "section": "2",
        "line": 73,
        "first_words": "6c005740d3c8",
        "current": (5, 4, 20),
        "target": (5, 4, 20),
        "cost": "",
        "owner": "CP",
        "target_date": "30/09/2016 ongoing",
    },
    {
        "id": "3a",
        "ref": "a)",
        "section": "3",
        "line": 75,
        "first_words": "c9141c35c982",
        "current": (5, 4, 20),
        "target": (4, 4, 16),
        "cost": "",
        "owner": "Clair Pyper",
        "target_date": "31/03/17",
    },
    {
        "id": "3b",
        "ref": "b)",
        "section": "3",
        "line": 76,
        "first_words": "c9141c35c982",
        "current": (5, 4, 20),
        "target": (4, 4, 16),
        "cost": "",
        "owner": "",
        "target_date": "30/06/16",
    },
    # Sections 4-10: no ref printed; ids assigned by position.
    {
        "id": "4a",
        "ref": "",
        "section": "4",
        "line": 89,
        "first_words": "11b5c98b955d",
        "current": (5, 4, 20),
        "target": (4, 4, 16),
        "cost": "",
        "owner": "Liz Best",
        "target_date": "31/03/16",
    },
    {
        "id": "4b",
        "ref": "",
        "section": "4",
        "line": 90,
        "first_words": "d3db485ac86f",
        "current": (5, 4, 20),
        "target": (4, 4, 16),
        "cost": "",
        "owner": "JD",
        "target_date": "31/03/16",
    },
    {
        "id": "5a",
        "ref": "",
        "section": "5",
        "line": 103,
        "first_words": "041a47fd5cf0",
        "current": (4, 5, 20),
        "target": (4, 2, 8),
        "cost": "",
        "owner": "All",
        "target_date": "31/03/2016 Ongoing",
    },
    {
        "id": "6a",
        "ref": "",
        "section": "6",
        "line": 105,
        "first_words": "8f0fcfbda042",
        "current": (5, 4, 20),
        "target": (4, 4, 16),
        "cost": "",
        "owner": "JD",
        "target_date": "30/09/17",
    },
    {
        "id": "7a",
        "ref": "",
        "section": "7",
        "line": 107,
        "first_words": "3a54bc66ed81",
        "current": (3, 3, 9),
        "target": (2, 2, 4),
        "cost": "",
        "owner": "David Thrussell Ellen Collier",
        "target_date": "31/03/2016 Ongoing",
    },
    {
        "id": "7b",
        "ref": "",
        "section": "7",
        "line": 108,
        "first_words": "3a54bc66ed81",
        "current": (3, 3, 9),
        "target": (2, 2, 4),
        "cost": "",
        "owner": "",
        "target_date": "31/03/2016 Ongoing",
    },
    {
        "id": "8a",
        "ref": "",
        "section": "8",
        "line": 121,
        "first_words": "bd06868e5d89",
        "current": (4, 4, 16),
        "target": (3, 4, 12),
        "cost": "",
        "owner": "",
        "target_date": "30/06/16",
    },
    {
        "id": "8b",
        "ref": "",
        "section": "8",
        "line": 122,
        "first_words": "a44d58e625df",
        "current": (4, 4, 16),
        "target": (3, 4, 12),
        "cost": "",
        "owner": "",
        "target_date": "30/06/16",
    },
    {
        "id": "9a",
        "ref": "",
        "section": "9",
        "line": 124,
        "first_words": "b58dd09be074",
        "current": (3, 2, 6),
        "target": (3, 2, 6),
        "cost": "",
        "owner": "EB",
        "target_date": "31/03/2016 ongoing",
    },
    # Last line of the file; there is no trailing newline after it.
    {
        "id": "10a",
        "ref": "",
        "section": "10",
        "line": 126,
        "first_words": "412e1f0b6a1a",
        "current": (2, 4, 8),
        "target": (2, 3, 6),
        "cost": "",
        "owner": "Frances Craven",
        "target_date": "31/03/16",
    },
]

# 002 lines whose score cells hold all three numbers of a stage in one cell.
# line -> (current cell, target cell), as printed.
MERGED_SCORE_CELLS: dict[int, tuple[str, str]] = {
    44: ("3 5 15", "3 4 12"),
    45: ("3 5 15", "3 4 12"),
}

# Number of pipe-table cells per table line in 002: 14 everywhere except the page
# whose header is line 41 (lines 41-45), which has 10.
TEN_COLUMN_LINES: list[int] = [41, 42, 43, 44, 45]

# Every line of 002 that is not a risk row. Kinds:
#   blank; title ("Divisional Risk Register (...)"); completed-by ("Completed by (Risk
#   Owner): ..."); version ("V5"); date-completed ("Date completed: 27.10.15");
#   header (column header row); separator ("|---|..."); scale-row (a row holding only
#   score numbers, no text); section ("N. Name" row).
# The two scale-rows (13 and 72) repeat the scores of the first risk below them:
#   line 13: 5 4 20 | 4 4 16 (same as 1a, line 15);
#   line 72: 5 4 20 | 5 4 20 (same as 2h, line 73).
# They are not risks and carry no ref, text, owner or date.
NON_RISK_LINES: dict[int, str] = {
    1: "blank",
    2: "blank",
    3: "title",
    4: "blank",
    5: "completed-by",
    6: "blank",
    7: "version",
    8: "blank",
    9: "date-completed",
    10: "blank",
    11: "header",
    12: "separator",
    13: "scale-row",
    14: "section",
    19: "blank",
    20: "title",
    21: "blank",
    22: "completed-by",
    23: "blank",
    24: "version",
    25: "blank",
    26: "date-completed",
    27: "blank",
    28: "header",
    29: "separator",
    32: "blank",
    33: "title",
    34: "blank",
    35: "completed-by",
    36: "blank",
    37: "version",
    38: "blank",
    39: "date-completed",
    40: "blank",
    41: "header",
    42: "separator",
    43: "section",
    46: "blank",
    47: "title",
    48: "blank",
    49: "completed-by",
    50: "blank",
    51: "version",
    52: "blank",
    53: "date-completed",
    54: "blank",
    55: "header",
    56: "separator",
    61: "blank",
    62: "title",
    63: "blank",
    64: "completed-by",
    65: "blank",
    66: "version",
    67: "blank",
    68: "date-completed",
    69: "blank",
    70: "header",
    71: "separator",
    72: "scale-row",
    74: "section",
    77: "blank",
    78: "title",
    79: "blank",
    80: "completed-by",
    81: "blank",
    82: "version",
    83: "blank",
    84: "date-completed",
    85: "blank",
    86: "header",
    87: "separator",
    88: "section",
    91: "blank",
    92: "title",
    93: "blank",
    94: "completed-by",
    95: "blank",
    96: "version",
    97: "blank",
    98: "date-completed",
    99: "blank",
    100: "header",
    101: "separator",
    102: "section",
    104: "section",
    106: "section",
    109: "blank",
    110: "title",
    111: "blank",
    112: "completed-by",
    113: "blank",
    114: "version",
    115: "blank",
    116: "date-completed",
    117: "blank",
    118: "header",
    119: "separator",
    120: "section",
    123: "section",
    125: "section",
}

# ---------------------------------------------------------------------------------------
# Seed 000: the damaged extraction.
# ---------------------------------------------------------------------------------------
# Row shapes (tab-separated cells per line) and where the score cells sit (0-based):
#   13 cells (lines 1-12):  4 cur.I | 5 "cur.L cur.P" | 6 further | 7 tgt.I | 8 tgt.L |
#                           9 tgt.P | 10 cost | 11 owner | 12 date
#   12 cells (lines 14-18, 27-58): 4 cur.I | 5 "cur.L cur.P" | 6 further | 7 tgt.I |
#                           8 "tgt.L tgt.P" | 9 cost | 10 owner | 11 date
#   14 cells (lines 20-25): 4 cur.I | 5 cur.L | 6 cur.P | 7 further | 8 tgt.I | 9 tgt.L |
#                           10 tgt.P | 11 cost | 12 owner | 13 date
# The "cost" cell is empty in 002 for every risk; in 000 it often holds a stray digit or
# the second digit of a split target product.
# Page headers are two tab lines each (the "Completed by ..." fragment line, then the
# garbled column header line). In the pair 14-15 the title fragment is on line 14 and
# "Completed by (R" is merged into the start of the column header line 15.
PAGE_HEADER_LINES_000: list[tuple[int, int]] = [
    (1, 2),
    (9, 10),
    (14, 15),
    (20, 21),
    (27, 28),
    (34, 35),
    (40, 41),
    (50, 51),
]
BLANK_LINES_000: list[int] = [8, 13, 19, 26, 33, 39, 49]
SECTION_LINES_000: dict[int, str] = {
    3: "1",
    16: "2",
    30: "3",
    36: "4",
    42: "5",
    44: "6",
    46: "7",
    52: "8",
    55: "9",
    57: "10",
}
# Header damage worth a test: line 9 "Date completed: 27.10.1" then "5" in the next cell;
# line 14 prints "1/5" for V5 and "Dete completed: 27.40.4E"; line 20 starts "ompleted by
# (R" (C lost); line 34 carries "Liz Best 31/" (owner/date fragment of 4a) in cell 10;
# line 30 (section 3 row) has "$\left  \right $" in cell 7 and "-" in cell 8.
HEADER_DAMAGE_000: dict[int, str] = {
    9: "date split: 'Date completed: 27.10.1' | '5'",
    14: "'1/5' for V5; 'Dete completed: 27.40.4E'",
    20: "'ompleted by (R' (first letter lost)",
    30: "section row with LaTeX junk in cell 7 and '-' in cell 8",
    34: "page header row carries 'Liz Best 31/' in cell 10",
}

# One entry per risk of 002, located in 000 (all 26 are found; the damaged rows keep their
# order). For each stage: the value tuple holds only numbers readable with certainty,
# None otherwise.
# - lost: fields that cannot be proven from 000.
# - merged: groups of fields printed in one cell (still readable, split on whitespace).
# - current_cells / target_cells: the raw score cells as printed (see row shapes above).
# - cost_cell: the raw cost cell (stray characters land here).
# - further_prefix: stray digit(s) at the start of the further-actions cell.
# - risk_text_000: "ok" (starts as in 002), "empty", or "fragment" (starts mid-text).
#   first_words_000 fingerprints the first three words of the 000 risk cell (same rule).
DAMAGED: list[dict[str, object]] = [
    {
        "id": "1a",
        "line": 4,
        "cells": 13,
        "current": (5, 4, 20),
        "target": (4, 4, 16),
        "lost": [],
        "merged": ["current.likelihood+current.product"],
        "current_cells": ("5", "4 20"),
        "target_cells": ("4", "4", "16"),
        "cost_cell": "",
        "further_prefix": "",
        "owner_000": "CP",
        "date_000": "31/03/17",
        "risk_text_000": "ok",
        "first_words_000": "ce4980f2da1c",
    },
    # 1b: the controls cell prints "20156/18" where 002 prints "2015/18".
    {
        "id": "1b",
        "line": 5,
        "cells": 13,
        "current": (5, 4, 20),
        "target": (4, 4, 16),
        "lost": [],
        "merged": ["current.likelihood+current.product"],
        "current_cells": ("5", "4 20"),
        "target_cells": ("4", "4", "16"),
        "cost_cell": "",
        "further_prefix": "",
        "owner_000": "FC",
        "date_000": "31/03/17",
        "risk_text_000": "ok",
        "first_words_000": "fe3d76cdb698",
    },
    # 1c: risk cell wrapped in <ul> <li> ... </li> </ul>.
    {
        "id": "1c",
        "line": 6,
        "cells": 13,
        "current": (5, 4, 20),
        "target": (4, 4, 16),
        "lost": [],
        "merged": ["current.likelihood+current.product"],
        "current_cells": ("5", "4 20"),
        "target_cells": ("4", "4", "16"),
        "cost_cell": "",
        "further_prefix": "",
        "owner_000": "",
        "date_000": "31/03/17",
        "risk_text_000": "ok",
        "first_words_000": "76a6ed402b8f",
    },
    {
        "id": "1d",
        "line": 7,
        "cells": 13,
        "current": (5, 4, 20),
        "target": (4, 4, 16),
        "lost": [],
        "merged": ["current.likelihood+current.product"],
        "current_cells": ("5", "4 20"),
        "target_cells": ("4", "4", "16"),
        "cost_cell": "",
        "further_prefix": "",
        "owner_000": "",
        "date_000": "31/03/17",
        "risk_text_000": "ok",
        "first_words_000": "654558269ca9",
    },
    # 1e: risk cell empty (text and ref "e)" lost); current product 16 split "1" | "6 ...".
    {
        "id": "1e",
        "line": 11,
        "cells": 13,
        "current": (4, 4, None),
        "target": (4, 4, 16),
        "lost": ["current.product"],
        "merged": ["current.likelihood+current.product"],
        "current_cells": ("4", "4 1"),
        "target_cells": ("4", "4", "16"),
        "cost_cell": "",
        "further_prefix": "6",
        "owner_000": "",
        "date_000": "30/06/16",
        "risk_text_000": "empty",
        "first_words_000": "",
    },
    {
        "id": "1f",
        "line": 12,
        "cells": 13,
        "current": (4, 4, None),
        "target": (4, 4, 16),
        "lost": ["current.product"],
        "merged": ["current.likelihood+current.product"],
        "current_cells": ("4", "4 1"),
        "target_cells": ("4", "4", "16"),
        "cost_cell": "",
        "further_prefix": "6",
        "owner_000": "",
        "date_000": "31/03/2016 ongoing",
        "risk_text_000": "ok",
        "first_words_000": "389014440862",
    },
    # 2a: both impacts lost (empty cells). 15/5 and 12/4 would give 3, but a reader must
    # not derive them silently. Stray "2" in the cost cell. Owner/date split:
    # "Clair Pype" | "r 30/09/16".
    {
        "id": "2a",
        "line": 17,
        "cells": 12,
        "current": (None, 5, 15),
        "target": (None, 4, 12),
        "lost": ["current.impact", "target.impact"],
        "merged": ["current.likelihood+current.product", "target.likelihood+target.product"],
        "current_cells": ("", "5 15"),
        "target_cells": ("", "4 12"),
        "cost_cell": "2",
        "further_prefix": "",
        "owner_000": "Clair Pype",
        "date_000": "r 30/09/16",
        "risk_text_000": "ok",
        "first_words_000": "40d01dd0f407",
    },
    # 2b: current impact printed as the letter "n". Same stray "2" and owner/date split.
    {
        "id": "2b",
        "line": 18,
        "cells": 12,
        "current": (None, 5, 15),
        "target": (3, 4, 12),
        "lost": ["current.impact"],
        "merged": ["current.likelihood+current.product", "target.likelihood+target.product"],
        "current_cells": ("n", "5 15"),
        "target_cells": ("3", "4 12"),
        "cost_cell": "2",
        "further_prefix": "",
        "owner_000": "Clair Pype",
        "date_000": "r 30/09/16",
        "risk_text_000": "ok",
        "first_words_000": "79e29cef6908",
    },
    # 2c: clean 14-cell row. Risk cell prints "c)Abuse" (no space after the ref).
    {
        "id": "2c",
        "line": 22,
        "cells": 14,
        "current": (3, 5, 15),
        "target": (3, 4, 12),
        "lost": [],
        "merged": [],
        "current_cells": ("3", "5", "15"),
        "target_cells": ("3", "4", "12"),
        "cost_cell": "",
        "further_prefix": "",
        "owner_000": "",
        "date_000": "30/09/16",
        "risk_text_000": "ok",
        "first_words_000": "6c005740d3c8",
    },
    # 2d: current impact and product cells empty.
    {
        "id": "2d",
        "line": 23,
        "cells": 14,
        "current": (None, 5, None),
        "target": (3, 5, 15),
        "lost": ["current.impact", "current.product"],
        "merged": [],
        "current_cells": ("", "5", ""),
        "target_cells": ("3", "5", "15"),
        "cost_cell": "",
        "further_prefix": "",
        "owner_000": "",
        "date_000": "30/09/16",
        "risk_text_000": "ok",
        "first_words_000": "4176c1ae84dd",
    },
    {
        "id": "2f",
        "line": 24,
        "cells": 14,
        "current": (5, 4, None),
        "target": (5, 4, 20),
        "lost": ["current.product"],
        "merged": [],
        "current_cells": ("5", "4", ""),
        "target_cells": ("5", "4", "20"),
        "cost_cell": "",
        "further_prefix": "",
        "owner_000": "",
        "date_000": "30/03/16",
        "risk_text_000": "ok",
        "first_words_000": "c83fd6bc3dc7",
    },
    {
        "id": "2g",
        "line": 25,
        "cells": 14,
        "current": (3, 5, None),
        "target": (3, 5, 15),
        "lost": ["current.product"],
        "merged": [],
        "current_cells": ("3", "5", ""),
        "target_cells": ("3", "5", "15"),
        "cost_cell": "",
        "further_prefix": "",
        "owner_000": "",
        "date_000": "30/09/2016 ongoing",
        "risk_text_000": "ok",
        "first_words_000": "df2296505aac",
    },
    # 2h: target impact and likelihood share the cell "5 4"; the next cell is "1 20" and
    # the cost cell "5". UNSURE: the "20" token equals 5 x 4, but it sits beside stray
    # "1" and "5"; we count the product as not proven. Owner printed in Cyrillic
    # (see CYRILLIC_OWNER).
    {
        "id": "2h",
        "line": 29,
        "cells": 12,
        "current": (5, 4, 20),
        "target": (5, 4, None),
        "lost": ["target.product"],
        "merged": ["current.likelihood+current.product", "target.impact+target.likelihood"],
        "current_cells": ("5", "4 20"),
        "target_cells": ("5 4", "1 20"),
        "cost_cell": "5",
        "further_prefix": "",
        "owner_000": "\u0421\u0420",
        "date_000": "30/09/2016 ongoing",
        "risk_text_000": "ok",
        "first_words_000": "6c005740d3c8",
    },
    # 3a: risk cell starts mid-text (ref and opening words lost). Target product 16 reads
    # "1" | "5": the second digit is wrong or lost; joined it would give 15 != 4 x 4.
    {
        "id": "3a",
        "line": 31,
        "cells": 12,
        "current": (5, 4, 20),
        "target": (4, 4, None),
        "lost": ["target.product"],
        "merged": ["current.likelihood+current.product", "target.impact+target.likelihood"],
        "current_cells": ("5", "4 20"),
        "target_cells": ("4 4", "1"),
        "cost_cell": "5",
        "further_prefix": "",
        "owner_000": "Clair Pyper",
        "date_000": "31/03/17",
        "risk_text_000": "fragment",
        "first_words_000": "1ff78c3e0079",
    },
    # 3b: target product "1" | "\u00f4" (o with circumflex, U+00F4) in the cost cell.
    # Owner cell empty, as in 002.
    {
        "id": "3b",
        "line": 32,
        "cells": 12,
        "current": (5, 4, 20),
        "target": (4, 4, None),
        "lost": ["target.product"],
        "merged": ["current.likelihood+current.product", "target.impact+target.likelihood"],
        "current_cells": ("5", "4 20"),
        "target_cells": ("4 4", "1"),
        "cost_cell": "\u00f4",
        "further_prefix": "",
        "owner_000": "",
        "date_000": "30/06/16",
        "risk_text_000": "ok",
        "first_words_000": "c9141c35c982",
    },
    # 4a: both impact cells empty; target product 16 split "1" | "6" (the 6 is in the cost cell).
    {
        "id": "4a",
        "line": 37,
        "cells": 12,
        "current": (None, 4, 20),
        "target": (None, 4, None),
        "lost": ["current.impact", "target.impact", "target.product"],
        "merged": ["current.likelihood+current.product", "target.likelihood+target.product"],
        "current_cells": ("", "4 20"),
        "target_cells": ("", "4 1"),
        "cost_cell": "6",
        "further_prefix": "",
        "owner_000": "Liz Best",
        "date_000": "31/03/16",
        "risk_text_000": "ok",
        "first_words_000": "11b5c98b955d",
    },
    {
        "id": "4b",
        "line": 38,
        "cells": 12,
        "current": (5, 4, 20),
        "target": (4, 4, None),
        "lost": ["target.product"],
        "merged": ["current.likelihood+current.product", "target.likelihood+target.product"],
        "current_cells": ("5", "4 20"),
        "target_cells": ("4", "4 1"),
        "cost_cell": "6",
        "further_prefix": "",
        "owner_000": "JD",
        "date_000": "31/03/16",
        "risk_text_000": "ok",
        "first_words_000": "d3db485ac86f",
    },
    {
        "id": "5a",
        "line": 43,
        "cells": 12,
        "current": (4, 5, 20),
        "target": (4, 2, 8),
        "lost": [],
        "merged": ["current.likelihood+current.product", "target.likelihood+target.product"],
        "current_cells": ("4", "5 20"),
        "target_cells": ("4", "2 8"),
        "cost_cell": "",
        "further_prefix": "",
        "owner_000": "All",
        "date_000": "31/03/2016 Ongoing",
        "risk_text_000": "ok",
        "first_words_000": "041a47fd5cf0",
    },
    # 6a: risk cell holds only a middle fragment; owner "JD" printed as "D".
    {
        "id": "6a",
        "line": 45,
        "cells": 12,
        "current": (5, 4, 20),
        "target": (4, 4, None),
        "lost": ["target.product"],
        "merged": ["current.likelihood+current.product", "target.likelihood+target.product"],
        "current_cells": ("5", "4 20"),
        "target_cells": ("4", "4 1"),
        "cost_cell": "6",
        "further_prefix": "",
        "owner_000": "D",
        "date_000": "30/09/17",
        "risk_text_000": "fragment",
        "first_words_000": "17c77142eb4d",
    },
    # 7a: risk cell empty; target impact cell empty.
    {
        "id": "7a",
        "line": 47,
        "cells": 12,
        "current": (3, 3, 9),
        "target": (None, 2, 4),
        "lost": ["target.impact"],
        "merged": ["current.likelihood+current.product", "target.likelihood+target.product"],
        "current_cells": ("3", "3 9"),
        "target_cells": ("", "2 4"),
        "cost_cell": "",
        "further_prefix": "",
        "owner_000": "David Thrussell Ellen Collier",
        "date_000": "31/03/2016 Ongoing",
        "risk_text_000": "empty",
        "first_words_000": "",
    },
    # 7b: risk cell holds only its last word ("cases"); consequence cell empty.
    {
        "id": "7b",
        "line": 48,
        "cells": 12,
        "current": (3, 3, 9),
        "target": (2, 2, 4),
        "lost": [],
        "merged": ["current.likelihood+current.product", "target.likelihood+target.product"],
        "current_cells": ("3", "3 9"),
        "target_cells": ("2", "2 4"),
        "cost_cell": "",
        "further_prefix": "",
        "owner_000": "",
        "date_000": "31/03/2016 Ongoing",
        "risk_text_000": "fragment",
        "first_words_000": "352b84777d8d",
    },
    # 8a: target product 12 split "1" | "2".
    {
        "id": "8a",
        "line": 53,
        "cells": 12,
        "current": (4, 4, 16),
        "target": (3, 4, None),
        "lost": ["target.product"],
        "merged": ["current.likelihood+current.product", "target.likelihood+target.product"],
        "current_cells": ("4", "4 16"),
        "target_cells": ("3", "4 1"),
        "cost_cell": "2",
        "further_prefix": "",
        "owner_000": "",
        "date_000": "30/06/16",
        "risk_text_000": "ok",
        "first_words_000": "bd06868e5d89",
    },
    # 8b: current "4 16" is complete, yet the further-actions cell starts with a stray "6"
    # (a reader that glues split digits would make 166). Target product split as in 8a.
    {
        "id": "8b",
        "line": 54,
        "cells": 12,
        "current": (4, 4, 16),
        "target": (3, 4, None),
        "lost": ["target.product"],
        "merged": ["current.likelihood+current.product", "target.likelihood+target.product"],
        "current_cells": ("4", "4 16"),
        "target_cells": ("3", "4 1"),
        "cost_cell": "2",
        "further_prefix": "6",
        "owner_000": "",
        "date_000": "30/06/16",
        "risk_text_000": "ok",
        "first_words_000": "a44d58e625df",
    },
    # 9a: target likelihood and product run together as "26" (no space), then "6" in the
    # cost cell. Neither can be proven.
    {
        "id": "9a",
        "line": 56,
        "cells": 12,
        "current": (3, 2, 6),
        "target": (3, 2, 6),
        "lost": ["target.likelihood", "target.product"],
        "merged": ["current.likelihood+current.product", "target.likelihood+target.product"],
        "current_cells": ("3", "2 6"),
        "target_cells": ("3", "26"),
        "cost_cell": "6",
        "further_prefix": "",
        "owner_000": "EB",
        "date_000": "31/03/2016 ongoing",
        "risk_text_000": "ok",
        "first_words_000": "b58dd09be074",
    },
    # 10a: target impact cell empty; stray "5" in the cost cell.
    {
        "id": "10a",
        "line": 58,
        "cells": 12,
        "current": (2, 4, 8),
        "target": (None, 3, 6),
        "lost": ["target.impact"],
        "merged": ["current.likelihood+current.product", "target.likelihood+target.product"],
        "current_cells": ("2", "4 8"),
        "target_cells": ("", "3 6"),
        "cost_cell": "5",
        "further_prefix": "",
        "owner_000": "Frances Craven",
        "date_000": "31/03/16",
        "risk_text_000": "ok",
        "first_words_000": "412e1f0b6a1a",
    },
]

# Number of score values that 000 does not let a reader prove (sum of len(lost)).
DAMAGED_LOST_COUNT = 23

# The cost column of 000 (column 9, 0-based, on the 12-cell pages) holds a stray digit or
# mark of the target score on these lines; 002 prints no cost for any of them. On line 56
# the digit is risk 9a's target rating (002: 3, 2, 6), which the target's impact proves.
STRAY_COST_CELLS_000: dict[int, str] = {
    17: "stray", 18: "stray", 29: "stray", 31: "stray", 32: "stray", 37: "stray",
    38: "stray", 45: "stray", 53: "stray", 54: "stray", 56: "taken", 58: "stray",
}

# The owner initials of 2h are printed in Cyrillic in 000 (002 prints Latin "CP").
CYRILLIC_OWNER: dict[str, object] = {
    "id": "2h",
    "line_000": 29,
    "cell_000": 10,
    "text": "\u0421\u0420",
    "code_points": ("U+0421", "U+0420"),
    "names": ("CYRILLIC CAPITAL LETTER ES", "CYRILLIC CAPITAL LETTER ER"),
    "looks_like": "CP",
    "owner_002": "CP",
}

# Other non-ASCII characters in 000 besides the Cyrillic pair: U+2013 (en dash, header
# lines) and U+2022 (bullet, lines 2, 18, 31) also occur in 002; U+00F4 appears only at
# line 32 (3b cost cell).
ODD_CHARACTERS_000: dict[str, list[int]] = {"\u00f4": [32], "\u0421": [29], "\u0420": [29]}

# Anomalies. "source" says which seed shows it. Checked for every risk: no product in 002
# disagrees with its factors, and no target is worse than current on any factor.
ANOMALIES: list[dict[str, str]] = [
    {"id": "1e", "source": "002", "kind": "target-equals-current", "note": "4 4 16 both stages"},
    {"id": "1f", "source": "002", "kind": "target-equals-current", "note": "4 4 16 both stages"},
    {"id": "2d", "source": "002", "kind": "target-equals-current", "note": "3 5 15 both stages"},
    {"id": "2f", "source": "002", "kind": "target-equals-current", "note": "5 4 20 both stages"},
    {"id": "2g", "source": "002", "kind": "target-equals-current", "note": "3 5 15 both stages"},
    {"id": "2h", "source": "002", "kind": "target-equals-current", "note": "5 4 20 both stages"},
    {"id": "9a", "source": "002", "kind": "target-equals-current", "note": "3 2 6 both stages"},
    {
        "id": "2c",
        "source": "002",
        "kind": "no-further-actions",
        "note": "further-actions cell empty, yet target 3 4 12 is below current 3 5 15",
    },
    {"id": "2a", "source": "002", "kind": "ref-with-section", "note": "ref printed '2 a)'"},
    {
        "id": "2e",
        "source": "002",
        "kind": "ref-skip",
        "note": "section 2 has no e): d) is followed by f)",
    },
    {
        "id": "4a",
        "source": "002",
        "kind": "no-ref",
        "note": "sections 4-10 print no refs; ids 4a..10a are positional",
    },
    {"id": "5a", "source": "002", "kind": "owner-placeholder", "note": "owner cell 'All'"},
    {"id": "7a", "source": "002", "kind": "owner-multiple", "note": "two names in one owner cell"},
    {
        "id": "1c",
        "source": "002",
        "kind": "owner-missing",
        "note": "owner empty also for 1d 1e 1f 2c 2d 2f 2g 3b 7b 8a 8b",
    },
    {
        "id": "3a",
        "source": "000",
        "kind": "product-mismatch",
        "note": "target product printed '1' | '5'; joined 15 != 4 x 4 (002: 16)",
    },
    {
        "id": "9a",
        "source": "000",
        "kind": "merged-digits",
        "note": "target '26' then '6'; 002: 2 and 6",
    },
    {
        "id": "1b",
        "source": "000",
        "kind": "typo-date",
        "note": "'20156/18' in the controls cell (002: '2015/18')",
    },
]
