"""The layouts and vocabulary shown in docs/howto-import-spreadsheet.md load, and read a
table of our own words as the page says they do."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from riskmodel.readers import Layout, layout_from_toml, read, vocabulary_from_toml

HOWTO = Path(__file__).parents[2] / "docs" / "howto-import-spreadsheet.md"

TOWN = """\
Sedgemoor Town Council risk register 2026/27,,,,,,,
Section 1: Buildings,,,,,,,
Topic,Risk,L,I,RAG,Owner,Comments,Initials
1. Town hall,Roof fails in winter storms,M,H,AMBER,Clerk,Quote requested,JB
,Boiler breaks down,H,M,AMBER,Clerk,,JB
2. Finance,Precept set late,L,VH,AMBER,Responsible finance officer,,AK
3. Finance,Grant claim missed,X,H,RED,Clerk,,AK
"""


def _toml_blocks() -> list[str]:
    return re.findall(r"```toml\n(.*?)```", HOWTO.read_text(encoding="utf-8"), flags=re.S)


def _layout(name: str) -> Layout:
    (block,) = [b for b in _toml_blocks() if f'name = "{name}"' in b]
    return layout_from_toml(block, source=f"{HOWTO.name}: {name}")


def test_every_layout_on_the_page_loads() -> None:
    """Each layout on the page (a block with a name) is a valid layout file."""
    names = [layout_from_toml(b, source=HOWTO.name).name
             for b in _toml_blocks() if b.lstrip().startswith("name")]
    assert names == ["library-service", "sedgemoor-town"]


def test_the_vocabulary_on_the_page_extends_the_builtin_one() -> None:
    """The page's vocabulary.toml names an accountable officer as the risk owner."""
    (block,) = [b for b in _toml_blocks() if "[fields]" in b]
    vocabulary = vocabulary_from_toml(block, source="vocabulary.toml")
    found = vocabulary.meaning("Accountable officer")
    assert found is not None
    assert found.field == "risk_owner"


@pytest.fixture(scope="module")
def town(tmp_path_factory: pytest.TempPathFactory) -> object:
    path = tmp_path_factory.mktemp("town") / "town.csv"
    path.write_text(TOWN, encoding="utf-8")
    return read(path, layout=_layout("sedgemoor-town"))


def test_every_option_reads_as_the_page_says(town: object) -> None:
    """Section above the header, carried topic with its ref, letter factors, band words,
    a note column and an ignored one."""
    register = town.registers[0]  # type: ignore[attr-defined]
    assert register.title == "Sedgemoor Town Council risk register 2026/27"
    assert [s.title for s in register.sections] == ["Buildings"]
    assert [(r.id, r.ref, r.section, r.category, r.description) for r in register.risks] == [
        ("1", "1.", "Buildings", "Town hall", "Roof fails in winter storms"),
        ("row5", None, "Buildings", "Town hall", "Boiler breaks down"),
        ("2", "2.", "Buildings", "Finance", "Precept set late"),
        ("3", "3.", "Buildings", "Finance", "Grant claim missed"),
    ]
    scores = [(str(r.current), r.current.stated_band) for r in register.risks]
    assert scores == [("2x3, band amber", "amber"), ("3x2, band amber", "amber"),
                      ("1x4, band amber", "amber"),
                      ("likelihood ?, impact 3, band red", "red")]
    assert [r.notes for r in register.risks] == [
        (("Comments", "Quote requested"),), (), (), ()]


def test_the_report_names_the_note_the_ignored_column_and_the_unknown_word(
    town: object,
) -> None:
    """Nothing is dropped silently: the unmapped word X is a problem at its cell."""
    text = town.report.format()  # type: ignore[attr-defined]
    assert "town.csv:3:7: kept: header: the column 'Comments' (column 7)" in text
    assert "town.csv:3:8: unread: header: the column 'Initials' (column 8) is ignored" in text
    problems = [(n.line, n.column, n.found) for n in town.report.problems]  # type: ignore[attr-defined]
    assert problems == [(7, 2, "X")]
