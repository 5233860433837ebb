"""Specification of the ``riskmodel`` command line."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

import riskmodel
from riskmodel import (
    Assessment,
    Register,
    Risk,
    Section,
    Status,
    builtin_schemes,
    dump,
    dumps,
    scheme_from_toml,
)
from riskmodel.cli import main
from riskmodel.render import scheme_matrix
from test_render import LEICESTERSHIRE_MATRIX

TINY_REPORT = (
    "Organisation: Millbrook County Council\n"
    "Title:        Children's services risks\n"
    "Version:      3\n"
    "As at:        2025-03-31\n"
    "Scheme:       leicestershire-4x4 — Leicestershire County Council 4×4 "
    "(number likelihood, letter impact)\n"
    r"""Risks:        4 (3 open, 1 closed)
Sections:
  1. Budget        2
  2. Safeguarding  1
  (no section)     1

Ref | Title                | Owner | Inherent  | Current  | Target
----+----------------------+-------+-----------+----------+---------
1.1 | Placements overspend |       | 1A 16 [H] | 2B 9 [H] | 3C 4 [M]
1.2 | Grant ends           |       | 1A 16 [H] | 2B 9 [H] |
2.1 | Caseloads rise       |       | 2A 12 [H] | –        |
Bands: [L] Low, [M] Medium, [H] High
Closed: CS-4 Old office: Building sold

Inherent (before controls): all 3 open risks placed.
likelihood \ impact | D Minor | C Moderate | B Significant | A Severe
--------------------+---------+------------+---------------+-------------
1 Very likely       | [M]     | [M]        | [H]           | [H] 1.1, 1.2
2 Quite likely      | [L]     | [M]        | [H]           | [H] 2.1
3 Not very likely   | [L]     | [M]        | [M]           | [M]
4 Very unlikely     | [L]     | [L]        | [L]           | [M]
Bands: [L] Low, [M] Medium, [H] High

Current (with existing controls): 2 of 3 open risks placed; 1 lacks a complete current score.
likelihood \ impact | D Minor | C Moderate | B Significant | A Severe
--------------------+---------+------------+---------------+---------
1 Very likely       | [M]     | [M]        | [H]           | [H]
2 Quite likely      | [L]     | [M]        | [H] 1.1, 1.2  | [H]
3 Not very likely   | [L]     | [M]        | [M]           | [M]
4 Very unlikely     | [L]     | [L]        | [L]           | [M]
Bands: [L] Low, [M] Medium, [H] High

Target (after further actions): 1 of 3 open risks placed; 2 lack a complete target score.
likelihood \ impact | D Minor | C Moderate | B Significant | A Severe
--------------------+---------+------------+---------------+---------
1 Very likely       | [M]     | [M]        | [H]           | [H]
2 Quite likely      | [L]     | [M]        | [H]           | [H]
3 Not very likely   | [L]     | [M] 1.1    | [M]           | [M]
4 Very unlikely     | [L]     | [L]        | [L]           | [M]
Bands: [L] Low, [M] Medium, [H] High
"""
)

#: A user's scheme: a 2×2 whose id no built-in scheme has.
PAIR_TOML = """
id = "pair-2x2"
name = "Pair 2×2"

[likelihood]
name = "likelihood"
levels = [
  { code = "1", label = "Unlikely", value = 1 },
  { code = "2", label = "Likely", value = 2 },
]

[impact]
name = "impact"
levels = [{ code = "1", label = "Minor", value = 1 }, { code = "2", label = "Major", value = 2 }]

[rating]
rule = "product"

[notation]
separator = "x"
"""


def tiny_register() -> Register:
    """Three open risks on leicestershire-4x4, one lacking a factor, and one closed risk."""
    s = builtin_schemes().get("leicestershire-4x4")

    def scored(text: str) -> Assessment:
        return Assessment.of(s.parse(text))

    return Register(
        organisation="Millbrook County Council", title="Children's services risks", version="3",
        as_at=dt.date(2025, 3, 31), scheme=s,
        sections=[Section("1. Budget"), Section("2. Safeguarding")],
        risks=[
            Risk(id="CS-1", ref="1.1", section="1. Budget", title="Placements overspend",
                 inherent=scored("1A"), current=scored("2B"), target=scored("3C")),
            Risk(id="CS-2", ref="1.2", section="1. Budget", title="Grant ends",
                 inherent=scored("1A"), current=scored("2B")),
            Risk(id="CS-3", ref="2.1", section="2. Safeguarding", title="Caseloads rise",
                 inherent=scored("2A"),
                 current=Assessment(scheme=s, likelihood=s.likelihood.level("3"))),
            Risk(id="CS-4", title="Old office", current=scored("4D"),
                 status=Status("closed", "Building sold")),
        ],
    )


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary working directory holding ``register.json`` and ``pair.toml``."""
    monkeypatch.chdir(tmp_path)
    dump(tiny_register(), tmp_path / "register.json")
    (tmp_path / "pair.toml").write_text(PAIR_TOML, encoding="utf-8")
    return tmp_path


class TestSchemes:
    def test_lists_the_builtin_schemes(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Without an id, every built-in scheme is listed with its size and name."""
        assert main(["schemes"]) == 0
        assert capsys.readouterr().out == (
            "cambridgeshire-5x5  5×5  Cambridgeshire County Council 5×5 "
            "(likelihood × consequence)\n"
            "generic-4x4         4×4  Generic 4×4 (likelihood × impact)\n"
            "generic-5x5         5×5  Generic 5×5 (likelihood × impact)\n"
            "leicester-city-5x5  5×5  Leicester City Council 5×5 (impact × likelihood)\n"
            "leicestershire-4x4  4×4  Leicestershire County Council 4×4 (number likelihood, "
            "letter impact)\n"
        )

    def test_draws_the_leicestershire_matrix(self, capsys: pytest.CaptureFixture[str]) -> None:
        """With an id, the scheme's matrix is drawn with 1A top right and 4D bottom left."""
        assert main(["schemes", "leicestershire-4x4"]) == 0
        assert capsys.readouterr() == (LEICESTERSHIRE_MATRIX + "\n", "")

    def test_draws_a_users_scheme_file(
        self, workdir: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """With --scheme-file and no id, the file's scheme is drawn."""
        assert main(["schemes", "--scheme-file", "pair.toml"]) == 0
        assert capsys.readouterr().out == (
            "pair-2x2: Pair 2×2\n"
            "Rating: product of the level values, 1 to 4. Printed likelihood first, as in 2x1.\n"
            "\n"
            "likelihood \\ impact | 1 Minor | 2 Major\n"
            "--------------------+---------+--------\n"
            "2 Likely            | 2x1 2   | 2x2 4\n"
            "1 Unlikely          | 1x1 1   | 1x2 2\n"
        )

    def test_an_id_may_name_a_scheme_from_a_file(
        self, workdir: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An id is looked up among the built-in schemes and those the files add."""
        assert main(["schemes", "pair-2x2", "--scheme-file", "pair.toml"]) == 0
        assert capsys.readouterr().out == scheme_matrix(scheme_from_toml(PAIR_TOML)) + "\n"

    def test_an_unknown_id_is_one_line_naming_the_schemes(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An unknown id exits 1 with one line on stderr that names the known schemes."""
        assert main(["schemes", "leicestershire-5x5"]) == 1
        assert capsys.readouterr() == (
            "",
            "riskmodel: error: no scheme 'leicestershire-5x5'; known schemes: "
            "leicestershire-4x4, leicester-city-5x5, cambridgeshire-5x5, generic-4x4, "
            "generic-5x5\n",
        )

    def test_a_broken_scheme_file_is_one_line(
        self, workdir: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A scheme file that is not TOML exits 1 with one line saying where it broke."""
        (workdir / "broken.toml").write_text('id = "x\n', encoding="utf-8")
        assert main(["schemes", "--scheme-file", "broken.toml"]) == 1
        out, err = capsys.readouterr()
        assert out == ""
        assert err.startswith("riskmodel: error: broken.toml: invalid TOML: ")
        assert err.count("\n") == 1


class TestShow:
    def test_prints_the_summary_and_a_heat_map_per_stage(
        self, workdir: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The particulars, counts, the open risks' table and three heat maps are printed."""
        assert main(["show", "register.json"]) == 0
        assert capsys.readouterr() == (TINY_REPORT, "")

    def test_a_missing_file_is_one_line(
        self, workdir: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A file that does not exist exits 1 with one line on stderr."""
        assert main(["show", "absent.json"]) == 1
        assert capsys.readouterr() == (
            "", "riskmodel: error: absent.json: cannot read the file: No such file or directory\n"
        )

    def test_a_user_scheme_is_found_with_scheme_file(
        self, workdir: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A register on a user's scheme loads when --scheme-file names that scheme."""
        registry = builtin_schemes()
        pair = registry.load(workdir / "pair.toml")
        register = Register(scheme=pair, title="Pairs",
                            risks=[Risk(id="P1", current=Assessment.of(pair.score("2", "2")))])
        (workdir / "pairs.json").write_text(dumps(register, schemes=registry), encoding="utf-8")
        assert main(["show", "pairs.json", "--scheme-file", "pair.toml"]) == 0
        assert "2 Likely            | [" not in capsys.readouterr().out  # no bands, no marks
        assert main(["show", "pairs.json"]) == 1
        assert capsys.readouterr().err == (
            "riskmodel: error: pairs.json: $.scheme: no scheme 'pair-2x2'; known schemes: "
            "cambridgeshire-5x5, generic-4x4, generic-5x5, leicester-city-5x5, "
            "leicestershire-4x4\n"
        )


class TestValidate:
    def test_files_that_load_are_ok(
        self, workdir: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Each file that loads prints one ok line with its count of risks, and exit is 0."""
        dump(Register(scheme=builtin_schemes().get("generic-5x5")), workdir / "empty.json")
        assert main(["validate", "register.json", "empty.json"]) == 0
        assert capsys.readouterr() == (
            "register.json: ok (4 risks)\nempty.json: ok (0 risks)\n", ""
        )

    def test_a_level_out_of_range_is_located_by_path(
        self, workdir: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A likelihood of 6 exits 1 with the JSON path of the bad value and the scale's codes."""
        data = json.loads((workdir / "register.json").read_text(encoding="utf-8"))
        data["risks"][1]["current"]["likelihood"] = "6"
        (workdir / "bad.json").write_text(json.dumps(data), encoding="utf-8")
        assert main(["validate", "bad.json"]) == 1
        assert capsys.readouterr() == (
            "",
            "riskmodel: error: bad.json: $.risks[1].current.likelihood: "
            "6 is not a level of leicestershire-4x4 likelihood (1..4)\n",
        )

    def test_truncated_json_is_one_line_with_line_and_column(
        self, workdir: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A file cut short exits 1 with one line giving the file, line and column."""
        text = (workdir / "register.json").read_text(encoding="utf-8")
        (workdir / "cut.json").write_text(text[: text.index("Placements") + 4], encoding="utf-8")
        assert main(["validate", "cut.json"]) == 1
        assert capsys.readouterr() == (
            "",
            "riskmodel: error: cut.json:21:16: not valid JSON: Unterminated string starting at\n",
        )

    def test_every_file_is_checked_and_any_failure_exits_1(
        self, workdir: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A bad file does not stop the rest being checked, but makes the exit status 1."""
        assert main(["validate", "absent.json", "register.json"]) == 1
        assert capsys.readouterr() == (
            "register.json: ok (4 risks)\n",
            "riskmodel: error: absent.json: cannot read the file: No such file or directory\n",
        )


class TestUsage:
    @pytest.mark.parametrize(
        "argv", [[], ["frobnicate"], ["validate"], ["show"], ["schemes", "a", "b"]]
    )
    def test_usage_errors_exit_2(
        self, argv: list[str], capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A missing command, an unknown command or a wrong number of arguments exits 2."""
        with pytest.raises(SystemExit) as exit_info:
            main(argv)
        assert exit_info.value.code == 2
        assert capsys.readouterr().err.startswith("usage: riskmodel")

    def test_version_option(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--version prints the package version and exits 0."""
        with pytest.raises(SystemExit) as exit_info:
            main(["--version"])
        assert exit_info.value.code == 0
        assert capsys.readouterr().out == f"riskmodel {riskmodel.__version__}\n"

    def test_runs_as_a_module(self) -> None:
        """``python -m riskmodel --version`` runs the command line."""
        done = subprocess.run(
            [sys.executable, "-m", "riskmodel", "--version"],
            capture_output=True, text=True, check=False,
        )
        assert (done.returncode, done.stdout, done.stderr) == (
            0, f"riskmodel {riskmodel.__version__}\n", ""
        )
