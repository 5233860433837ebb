"""A corpus of bad documents, data files and command lines: each gives one exact, located error.

riskmodel promises that bad input gets a :class:`~riskmodel.RiskModelError` that says where
(a JSON path, ``file:line:column`` or the key of a data file) and what was expected, that
the command line prints it as one line with exit status 1, and that nothing is lost. Every
case here states the exact error class and message. The readers' corpus (text tables, CSV,
workbooks, layouts) is in ``tests/readers/test_bad_input_corpus.py``.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import riskmodel
from riskmodel import (
    LoadError,
    OutputError,
    RiskModelError,
    SchemeError,
    load_mapping,
    load_scheme,
    mapping_from_toml,
    scheme_from_toml,
)
from riskmodel.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples" / "registers").glob("*.json"))
Q3 = ROOT / "examples" / "registers" / "fenbridge-corporate-2026-q3.json"
SCHEME = (ROOT / "src" / "riskmodel" / "data" / "schemes" / "generic-4x4.toml").read_text()
MAPPING = (ROOT / "src" / "riskmodel" / "data" / "mappings"
           / "generic-4x4-to-generic-5x5.toml").read_text()

BASE: dict[str, Any] = {
    "format_version": 1,
    "scheme": "generic-5x5",
    "title": "T",
    "sections": [{"title": "Finance"}],
    "risks": [{"id": "R1", "ref": "1", "section": "Finance",
               "current": {"likelihood": "3", "impact": "4"}}],
}


def doc(**changes: Any) -> str:
    """The base document as JSON text, with top-level keys replaced."""
    return json.dumps({**json.loads(json.dumps(BASE)), **changes})


def risk(**changes: Any) -> str:
    """The base document as JSON text, with keys of its one risk replaced."""
    data = json.loads(json.dumps(BASE))
    data["risks"][0].update(changes)
    return json.dumps(data)


def sub(text: str, old: str, new: str) -> str:
    """*text* with the first *old* replaced; the case is wrong if *old* is not there."""
    assert old in text, old
    return text.replace(old, new, 1)


_EMBEDDED = {
    "id": "x", "name": "X", "rating": {"rule": "product"},
    "likelihood": {"name": "likelihood", "levels": [{"code": "1", "label": "", "value": 1}]},
    "impact": {"name": "impact", "levels": [{"code": "1", "label": "", "value": 2}]},
}

JSON_CASES: list[tuple[str, str | bytes, str]] = [
    ("empty", "", "doc.json:1:1: not valid JSON: Expecting value"),
    ("truncated", doc()[:40], "doc.json:1:33: not valid JSON: Unterminated string starting at"),
    ("not-utf8", b'{"format_version": 1, "title": "\xff"}',
     "doc.json:1:33: byte 0xff is not UTF-8 text"),
    ("utf16", doc().encode("utf-16"), "doc.json:1:1: byte 0xff is not UTF-8 text"),
    ("nan", sub(doc(), '"title": "T"', '"title": NaN'),
     "doc.json: not valid JSON: NaN is not a JSON number"),
    ("infinity", sub(doc(), '"title": "T"', '"escalation_threshold": Infinity'),
     "doc.json: not valid JSON: Infinity is not a JSON number"),
    ("minus-infinity", sub(doc(), '"title": "T"', '"escalation_threshold": -Infinity'),
     "doc.json: not valid JSON: -Infinity is not a JSON number"),
    ("huge-integer", sub(doc(), '"title": "T"', '"escalation_threshold": ' + "9" * 5000),
     "doc.json: not valid JSON: a number has too many digits"),
    ("nested-deep", "[" * 100_000, "doc.json: the JSON is nested too deeply to read"),
    ("a-list", "[]", "doc.json: $: expected a document object, not a list"),
    ("a-text", '"register"', "doc.json: $: expected a document object, not text"),
    ("null", "null", "doc.json: $: expected a document object, not null"),
    ("no-version", json.dumps({k: v for k, v in BASE.items() if k != "format_version"}),
     "doc.json: $.format_version: required key missing"),
    ("version-as-text", doc(format_version="1"),
     "doc.json: $.format_version: this riskmodel reads format 1, not the text '1'"),
    ("version-2", doc(format_version=2),
     "doc.json: $.format_version: this riskmodel reads format 1, not the number 2"),
    ("version-true", doc(format_version=True),
     "doc.json: $.format_version: this riskmodel reads format 1, not true"),
    ("second-risks-key", doc()[:-1] + ', "risks": []}',
     "doc.json: $: the key 'risks' appears twice"),
    ("second-id-key", sub(risk(), '"id": "R1"', '"id": "R1", "id": "R2"'),
     "doc.json: $.risks[0]: the key 'id' appears twice"),
    ("second-likelihood-key",
     sub(risk(), '"likelihood": "3"', '"likelihood": "3", "likelihood": "5"'),
     "doc.json: $.risks[0].current: the key 'likelihood' appears twice"),
    ("second-key-in-scheme", sub(doc(scheme={"id": "x"}), '{"id": "x"}', '{"id": "x", "id": "y"}'),
     "doc.json: $.scheme: the key 'id' appears twice"),
    ("second-category", sub(doc(appetite={"by_category": {"ict": {"threshold": 8}}}),
                            '"ict": {"threshold": 8}',
                            '"ict": {"threshold": 8}, "ict": {"threshold": 9}'),
     "doc.json: $.appetite.by_category: the key 'ict' appears twice"),
    ("unknown-key", doc(colour="red"), "doc.json: $: unknown keys: colour"),
    ("unknown-risk-key", risk(colour="red"), "doc.json: $.risks[0]: unknown keys: colour"),
    ("no-scheme", json.dumps({k: v for k, v in BASE.items() if k != "scheme"}),
     "doc.json: $.scheme: required key missing"),
    ("unknown-scheme", doc(scheme="generic-6x6"),
     "doc.json: $.scheme: no scheme 'generic-6x6'; known schemes: generic-5x5, generic-4x4, "
     "cambridgeshire-5x5, leicester-city-5x5, leicestershire-4x4"),
    ("scheme-as-number", doc(scheme=5),
     "doc.json: $.scheme: expected a scheme id or a scheme object, not the number 5"),
    ("scheme-as-list", doc(scheme=["generic-5x5"]),
     "doc.json: $.scheme: expected a scheme id or a scheme object, not a list"),
    ("scheme-object-incomplete", doc(scheme={"id": "x", "name": "X"}),
     "doc.json: $.scheme.likelihood: required key missing"),
    ("scheme-value-infinite",
     sub(doc(scheme=_EMBEDDED), '"value": 1}]}, "impact"', '"value": 1e309}]}, "impact"'),
     "doc.json: $.scheme.likelihood.levels[0].value: expected a finite number, not inf"),
    ("risks-as-object", doc(risks={"R1": {}}),
     "doc.json: $.risks: expected a list, not an object"),
    ("blank-id", risk(id="  "), "doc.json: $.risks[0].id: must not be empty"),
    ("id-as-number", risk(id=7), "doc.json: $.risks[0].id: expected text, not the number 7"),
    ("repeated-id", doc(risks=[{"id": "R1"}, {"id": "R1"}]),
     "doc.json: $.risks[1]: the id 'R1' is used by an earlier risk"),
    ("level-off-the-scale", risk(current={"likelihood": "6", "impact": "4"}),
     "doc.json: $.risks[0].current.likelihood: 6 is not a level of generic-5x5 likelihood "
     "(1..5)"),
    ("level-as-bool", risk(current={"likelihood": True, "impact": "4"}),
     "doc.json: $.risks[0].current.likelihood: expected a level code, not true"),
    ("level-as-list", risk(current={"likelihood": ["3"], "impact": "4"}),
     "doc.json: $.risks[0].current.likelihood: expected a level code, not a list"),
    ("stated-as-text", risk(current={"likelihood": "3", "impact": "4", "stated": "12"}),
     "doc.json: $.risks[0].current.stated: expected a number, not the text '12'"),
    ("stated-infinite", sub(risk(current={"stated": 1}), '"stated": 1', '"stated": 1e999'),
     "doc.json: $.risks[0].current.stated: expected a finite number, not inf"),
    ("scheme-inside-assessment", risk(current={"likelihood": "3", "scheme": "generic-4x4"}),
     "doc.json: $.risks[0].current: unknown keys: scheme"),
    ("date-basic-form", doc(as_at="20261231"),
     "doc.json: $.as_at: '20261231' is not an ISO date (YYYY-MM-DD)"),
    ("date-week", doc(as_at="2026-W53-1"),
     "doc.json: $.as_at: '2026-W53-1' is not an ISO date (YYYY-MM-DD)"),
    ("date-no-such-day", doc(as_at="2026-02-30"),
     "doc.json: $.as_at: '2026-02-30' is not an ISO date (YYYY-MM-DD)"),
    ("date-day-first", doc(as_at="31/12/2026"),
     "doc.json: $.as_at: '31/12/2026' is not an ISO date (YYYY-MM-DD)"),
    ("cost-nan", risk(cost={"text": "x", "amount": "NaN"}),
     "doc.json: $.risks[0].cost.amount: 'NaN' is not a finite amount"),
    ("cost-signalling-nan", risk(cost={"text": "x", "amount": "sNaN"}),
     "doc.json: $.risks[0].cost.amount: 'sNaN' is not a finite amount"),
    ("cost-infinite", risk(cost={"text": "x", "amount": "Infinity"}),
     "doc.json: $.risks[0].cost.amount: 'Infinity' is not a finite amount"),
    ("cost-as-float", risk(cost={"text": "x", "amount": 1.5}),
     "doc.json: $.risks[0].cost.amount: expected an amount as text, not the number 1.5"),
    ("appetite-infinite",
     sub(risk(appetite={"threshold": 1}), '"threshold": 1', '"threshold": 1e400'),
     "doc.json: $.risks[0].appetite.threshold: expected a finite number, not inf"),
    ("appetite-both", risk(appetite={"threshold": 8, "level": "open"}),
     "doc.json: $.risks[0].appetite.threshold: an appetite is either a threshold or an "
     "Orange Book level, not both"),
    ("appetite-unknown-level", risk(appetite={"level": "brave"}),
     "doc.json: $.risks[0].appetite.level: 'brave' is not one of averse, minimal, cautious, "
     "open, eager"),
    ("default-appetite-infinite", sub(doc(appetite={"default": {"threshold": 1}}),
                                      '"threshold": 1', '"threshold": -1e400'),
     "doc.json: $.appetite.default.threshold: expected a finite number, not -inf"),
    ("unknown-section", risk(section="Estates"),
     "doc.json: $.risks[0]: section 'Estates' is not one of ['Finance']"),
    ("placement-off-the-scale", doc(heatmaps=[{"stage": "current", "placements": [
        {"ref": "1", "likelihood": "9", "impact": "4"}]}]),
     "doc.json: $.heatmaps[0].placements[0].likelihood: 9 is not a level of generic-5x5 "
     "likelihood (1..5)"),
    ("heatmap-residual", doc(heatmaps=[{"stage": "residual"}]),
     "doc.json: $.heatmaps[0].stage: 'residual' is not a stage; the stages are inherent, "
     "current, target (a council's 'residual' is current or target, depending on the "
     "council)"),
    ("unknown-state", risk(status={"state": "archived"}),
     "doc.json: $.risks[0].status.state: 'archived' is not one of open, closed, deleted"),
    ("register-title-as-number", doc(title=5),
     "doc.json: $.title: expected text, not the number 5"),
    ("threshold-as-text", doc(escalation_threshold="15"),
     "doc.json: $.escalation_threshold: expected a number, not the text '15'"),
    ("triggers-as-text", risk(triggers="overspend"),
     "doc.json: $.risks[0].triggers: expected a list, not the text 'overspend'"),
    ("control-without-text", risk(controls=[{}]),
     "doc.json: $.risks[0].controls[0].text: required key missing"),
    ("blank-control", risk(controls=[{"text": " "}]),
     "doc.json: $.risks[0].controls[0].text: must not be empty"),
    ("due-as-text", risk(actions=[{"text": "Do it", "due": "31/03/2027"}]),
     "doc.json: $.risks[0].actions[0].due: expected an object, not the text '31/03/2027'"),
    ("line-as-text", risk(provenance={"source": "a.txt", "line": "12"}),
     "doc.json: $.risks[0].provenance.line: expected a whole number, not the text '12'"),
    ("lone-surrogate", sub(doc(), '"title": "T"', '"title": "T\\ud800"'),
     "doc.json: $.title: the text holds a lone surrogate (half of a character escape), "
     "which is not a character"),
    ("lone-surrogate-key", sub(doc(), '"title": "T"', '"\\udc80": 1'),
     "doc.json: $: the text holds a lone surrogate (half of a character escape), which is "
     "not a character"),
]


class TestJsonDocuments:
    """Every bad register document is one LoadError whose message gives its place."""

    @pytest.mark.parametrize(("text", "message"), [c[1:] for c in JSON_CASES],
                             ids=[c[0] for c in JSON_CASES])
    def test_case(self, text: str | bytes, message: str) -> None:
        """Loading the document raises exactly this LoadError."""
        with pytest.raises(LoadError) as caught:
            riskmodel.loads(text, source="doc.json")
        assert (type(caught.value), str(caught.value)) == (LoadError, message)

    def test_the_base_document_loads(self) -> None:
        """The document every case breaks is itself valid, so each case tests one fault."""
        assert len(riskmodel.loads(doc())) == 1


def _toml_cases() -> list[tuple[str, str, str]]:
    g = SCHEME
    rare = 'label = "Rare", value = 1'
    return [
        ("invalid-toml", g + "\nx = = 1\n", "s.toml: invalid TOML: Invalid value (at line 57, "
         "column 5)"),
        ("nested-deep", g + "\nx = " + "[" * 50 + "]" * 50 + "\n",
         "s.toml: invalid TOML: nested more than 32 levels deep"),
        ("nested-very-deep", g + "\nx = " + "[" * 5000 + "]" * 5000 + "\n",
         "s.toml: invalid TOML: nested more than 32 levels deep"),
        ("5000-digits", g + "\nx = " + "9" * 5000 + "\n",
         "s.toml: invalid TOML: a number has too many digits"),
        ("nan-value", sub(g, rare, 'label = "Rare", value = nan'),
         "s.toml: $.likelihood.levels[0].value: expected a finite number, not nan"),
        ("infinite-value", sub(g, rare, 'label = "Rare", value = inf'),
         "s.toml: $.likelihood.levels[0].value: expected a finite number, not inf"),
        ("infinite-band", sub(g, "minimum = 8", "minimum = inf"),
         "s.toml: $.bands[2].minimum: expected a finite number, not inf"),
        ("nan-band", sub(g, "maximum = 2", "maximum = nan"),
         "s.toml: $.bands[0].maximum: expected a finite number, not nan"),
        ("infinite-appetite", sub(g, "eager = 12", "eager = inf"),
         "s.toml: $.appetite.eager: expected a finite number, not inf"),
        ("values-not-monotone",
         sub(g, 'label = "Likely", value = 3', 'label = "Likely", value = 1.5'),
         "s.toml: $.likelihood.levels[2]: likelihood levels run least severe first, so values "
         "must not fall: 3 (1.5) comes after 2 (2)"),
        ("unknown-key", sub(g, "[rating]", "[rating]\nscale = 5"),
         "s.toml: $.rating: unknown keys: scale"),
        ("code-as-float", sub(g, 'code = "1", label = "Rare"', 'code = 1.5, label = "Rare"'),
         "s.toml: $.likelihood.levels[0].code: expected a level code (text or a whole number), "
         "not the number 1.5"),
        ("label-as-number", sub(g, 'label = "Rare"', "label = 5"),
         "s.toml: $.likelihood.levels[0].label: expected text, not the number 5"),
        ("probability-of-one-number", sub(g, rare, rare + ", probability = [0.5]"),
         "s.toml: $.likelihood.levels[0].probability: expected an array of 2 values, not 1"),
        ("probability-falling", sub(g, rare, rare + ", probability = [0.5, 0.2]"),
         "s.toml: $.likelihood.levels[0]: a probability range needs 0 <= low <= high <= 1, "
         "not (0.5, 0.2)"),
        ("probability-nan", sub(g, rare, rare + ", probability = [0.1, nan]"),
         "s.toml: $.likelihood.levels[0].probability[1]: expected a finite number, not nan"),
        ("unknown-rule", sub(g, 'rule = "product"', 'rule = "max"'),
         "s.toml: $.rating.rule: 'max' is not one of product, sum, table"),
        ("rule-as-number", sub(g, 'rule = "product"', "rule = 1"),
         "s.toml: $.rating.rule: expected text, not the number 1"),
        ("unknown-order", sub(g, 'order = "likelihood-impact"', 'order = "sideways"'),
         "s.toml: $.notation.order: 'sideways' is not one of 'likelihood-impact', "
         "'impact-likelihood'"),
        ("flag-as-text", sub(g, 'separator = "x"', 'separator = "x"\nshow_value = "yes"'),
         "s.toml: $.notation.show_value: expected true or false, not the text 'yes'"),
        ("band-cells-and-range", sub(g, "maximum = 2\n", 'maximum = 2\ncells = [["1", "1"]]\n'),
         "s.toml: $.bands[0]: band 'green' gives both cells and a range"),
        ("unknown-appetite-level", sub(g, "eager = 12", "brave = 12"),
         "s.toml: $.appetite.brave: 'brave' is not one of averse, minimal, cautious, open, eager"),
        ("bad-id", sub(g, 'id = "generic-4x4"', 'id = "Generic 4x4"'),
         "s.toml: $.id: 'Generic 4x4' is not a scheme id (lower-case letters, digits, '.', '_' "
         "and '-')"),
        ("id-as-number", sub(g, 'id = "generic-4x4"', "id = 44"),
         "s.toml: $.id: expected text, not the number 44"),
    ]


def _mapping_cases() -> list[tuple[str, str, str]]:
    m = MAPPING
    return [
        ("unknown-key", sub(m, "lossless = true", 'lossless = true\nform = "x"'),
         "m.toml: $: unknown keys: form"),
        ("no-from", sub(m, 'from = "generic-4x4"\n', ""), "m.toml: $.from: required key missing"),
        ("lossless-as-text", sub(m, "lossless = true", 'lossless = "yes"'),
         "m.toml: $.lossless: expected true or false, not the text 'yes'"),
        ("cell-without-to", m + '\n[[cells]]\nfrom = "1x1"\n',
         "m.toml: $.cells[0].to: required key missing"),
        ("cell-twice", m + '\n[[cells]]\nfrom = "1x1"\nto = "1x1"\n[[cells]]\nfrom = "1X1"\n'
         'to = "2x2"\n', "m.toml: $.cells[1].from: 1X1 is listed more than once"),
        ("level-as-float", sub(m, '"1" = "1"', '"1" = 1.5'),
         "m.toml: $.likelihood['1']: expected a level code (text or a whole number), not the "
         "number 1.5"),
        ("bad-id", sub(m, 'id = "generic-4x4-to-generic-5x5"', 'id = "G to 5"'),
         "m.toml: $.id: 'G to 5' is not a mapping id (lower-case letters, digits, '.', '_' and "
         "'-')"),
        ("levels-as-array", sub(m, '[likelihood]\n"1" = "1"\n"2" = "2"\n"3" = "4"\n"4" = "5"\n',
                                'likelihood = ["1"]\n'),
         "m.toml: $.likelihood: expected a table, not a list"),
    ]


class TestSchemeFiles:
    """Every bad scheme file is one SchemeError naming the file and the key."""

    @pytest.mark.parametrize(("text", "message"), [c[1:] for c in _toml_cases()],
                             ids=[c[0] for c in _toml_cases()])
    def test_case(self, text: str, message: str) -> None:
        """Reading the scheme raises exactly this SchemeError."""
        with pytest.raises(SchemeError) as caught:
            scheme_from_toml(text, source="s.toml")
        assert str(caught.value) == message


class TestMappingFiles:
    """Every bad mapping file is one SchemeError naming the file and the key."""

    @pytest.mark.parametrize(("text", "message"), [c[1:] for c in _mapping_cases()],
                             ids=[c[0] for c in _mapping_cases()])
    def test_case(self, text: str, message: str) -> None:
        """Reading the mapping raises exactly this SchemeError."""
        with pytest.raises(SchemeError) as caught:
            mapping_from_toml(text, source="m.toml")
        assert str(caught.value) == message


@pytest.fixture
def odd_files(tmp_path: Path) -> dict[str, Path]:
    """Paths that are not regular, readable, small UTF-8 files."""
    latin = tmp_path / "latin.toml"
    latin.write_bytes(SCHEME.encode().replace(b"Rare", b"R\xe9re"))
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    big = tmp_path / "big.toml"
    big.write_text("# " + "x" * (5 * 2**20))
    return {"latin": latin, "folder": tmp_path, "fifo": fifo, "device": Path("/dev/zero"),
            "big": big, "missing": tmp_path / "missing.toml"}


_FILE_PROBLEMS = {
    "latin": "{path}:4:17: byte 0xe9 is not UTF-8 text",
    "folder": "{path}: is a folder, not a file",
    "fifo": "{path}: is not a regular file (a pipe, device or socket is not read)",
    "device": "{path}: is not a regular file (a pipe, device or socket is not read)",
    "big": "{path}: is 5.0 MiB, larger than the limit of 4.0 MiB; a scheme, mapping or layout "
           "file is a page of settings",
    "missing": "{path}: cannot read the file: No such file or directory",
}


class TestDataFileKinds:
    """A data file that is not a small regular UTF-8 file is refused before it is parsed."""

    @pytest.mark.parametrize("kind", sorted(_FILE_PROBLEMS))
    @pytest.mark.parametrize("reader", [load_scheme, load_mapping], ids=["scheme", "mapping"])
    def test_case(self, odd_files: dict[str, Path], reader: Callable[[Path], object],
                  kind: str) -> None:
        """Each kind of odd file gives this SchemeError, without blocking or reading it all."""
        path = odd_files[kind]
        with pytest.raises(SchemeError) as caught:
            reader(path)
        assert str(caught.value) == _FILE_PROBLEMS[kind].format(path=path)

    @pytest.mark.parametrize("kind", ["folder", "fifo", "device", "missing"])
    def test_register_files(self, odd_files: dict[str, Path], kind: str) -> None:
        """A register path that is not a regular file is a LoadError naming it."""
        path = odd_files[kind]
        with pytest.raises(LoadError) as caught:
            riskmodel.load(path)
        assert str(caught.value) == _FILE_PROBLEMS[kind].format(path=path)

    @pytest.mark.parametrize("limit", [-1, 2**63, 1.5])
    def test_an_impossible_limit(self, tmp_path: Path, limit: object) -> None:
        """A size limit that is not a whole number of bytes a file could have is refused."""
        path = tmp_path / "q3.json"
        shutil.copy(Q3, path)
        with pytest.raises(LoadError) as caught:
            riskmodel.load(path, max_bytes=limit)  # type: ignore[arg-type]
        assert str(caught.value) == (
            f"{path}: the size limit must be a whole number of bytes from 0 to "
            f"{sys.maxsize}, not {limit!r}")

    def test_a_large_limit_reads_only_what_is_there(self, tmp_path: Path) -> None:
        """A limit of terabytes does not make riskmodel ask for terabytes of memory."""
        path = tmp_path / "q3.json"
        shutil.copy(Q3, path)
        assert len(riskmodel.load(path, max_bytes=2**50)) == 28

    def test_register_over_the_limit(self, tmp_path: Path) -> None:
        """A register larger than max_bytes is refused with the limit and how to raise it."""
        path = tmp_path / "q3.json"
        shutil.copy(Q3, path)
        with pytest.raises(LoadError) as caught:
            riskmodel.load(path, max_bytes=1024)
        size = path.stat().st_size / 1024
        assert str(caught.value) == (
            f"{path}: is {size:.1f} KiB, larger than the limit of 1.0 KiB; raise the limit "
            "(max_bytes=, or --max-size on the command line) to read it")


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A folder with a register, a link to it, a plain file and some broken data files."""
    shutil.copy(Q3, tmp_path / "in.json")
    (tmp_path / "link.json").symlink_to(tmp_path / "in.json")
    (tmp_path / "afile").write_text("x")
    os.mkfifo(tmp_path / "fifo.json")
    (tmp_path / "s.toml").write_bytes(b'id = "\xff"\n')
    (tmp_path / "m.toml").write_text("x = " + "[" * 40 + "]" * 40 + "\n")
    (tmp_path / "good.toml").write_text(SCHEME.replace('"generic-4x4"', '"mine-4x4"'))
    (tmp_path / "map.toml").write_text(MAPPING)
    broken = json.loads(Q3.read_text())
    broken["title"] = []
    broken["risks"][0]["id"] = 5
    broken["risks"][1]["current"]["likelihood"] = "9"
    (tmp_path / "three.json").write_text(json.dumps(broken))
    return tmp_path


_CONVERT = ["convert", "{d}/in.json", "--to", "generic-4x4"]
CLI_CASES: list[tuple[str, list[str], int, list[str]]] = [
    ("output-in-missing-folder", [*_CONVERT, "-o", "{d}/nope/out.json"], 1,
     ["riskmodel: error: {d}/nope/out.json: the folder {d}/nope does not exist"]),
    ("output-onto-folder", [*_CONVERT, "-o", "{d}"], 1,
     ["riskmodel: error: {d}: is a folder; give a file name to write"]),
    ("output-under-a-file", [*_CONVERT, "-o", "{d}/afile/out.json"], 1,
     ["riskmodel: error: {d}/afile/out.json: {d}/afile is not a folder"]),
    ("output-over-input", [*_CONVERT, "-o", "{d}/in.json"], 1,
     ["riskmodel: error: {d}/in.json: is the input file {d}/in.json; writing would replace "
      "it (give --force to overwrite it, or choose another output)"]),
    ("output-over-a-scheme-file", [*_CONVERT, "--scheme-file", "{d}/good.toml", "-o",
                                   "{d}/good.toml"], 1,
     ["riskmodel: error: {d}/good.toml: is the input file {d}/good.toml; writing would "
      "replace it (give --force to overwrite it, or choose another output)"]),
    ("output-over-a-mapping-file", [*_CONVERT, "--mapping-file", "{d}/map.toml", "-o",
                                    "{d}/map.toml"], 1,
     ["riskmodel: error: {d}/map.toml: is the input file {d}/map.toml; writing would "
      "replace it (give --force to overwrite it, or choose another output)"]),
    ("output-onto-a-pipe", [*_CONVERT, "-o", "{d}/fifo.json"], 1,
     ["riskmodel: error: {d}/fifo.json: is not a regular file (a pipe, device or socket); "
      "riskmodel writes files by replacing them, so give a file name"]),
    ("two-figures-one-name", ["heatmap", "{d}/in.json", "--png", "{d}/x", "--svg", "{d}/x"], 1,
     ["riskmodel: error: {d}/x: is also the --png file; give the two figures two names"]),
    ("output-over-link-to-input", [*_CONVERT, "-o", "{d}/link.json"], 1,
     ["riskmodel: error: {d}/link.json: is the input file {d}/in.json; writing would "
      "replace it (give --force to overwrite it, or choose another output)"]),
    ("max-size-exceeded", ["show", "{d}/in.json", "--max-size", "1K"], 1,
     ["riskmodel: error: {d}/in.json: is 50.5 KiB, larger than the limit of 1.0 KiB; raise "
      "the limit (max_bytes=, or --max-size on the command line) to read it"]),
    ("fifo", ["show", "{d}/fifo.json"], 1,
     ["riskmodel: error: {d}/fifo.json: is not a regular file (a pipe, device or socket is "
      "not read)"]),
    ("device", ["validate", "/dev/zero"], 1,
     ["riskmodel: error: /dev/zero: is not a regular file (a pipe, device or socket is not "
      "read)"]),
    ("folder", ["check", "{d}"], 1, ["riskmodel: error: {d}: is a folder, not a file"]),
    ("scheme-file-not-utf8", ["schemes", "--scheme-file", "{d}/s.toml"], 1,
     ["riskmodel: error: {d}/s.toml:1:7: byte 0xff is not UTF-8 text"]),
    ("mapping-file-too-deep", [*_CONVERT, "--mapping-file", "{d}/m.toml"], 1,
     ["riskmodel: error: {d}/m.toml: invalid TOML: nested more than 32 levels deep"]),
    ("validate-reports-every-fault", ["validate", "{d}/three.json"], 1,
     ["riskmodel: error: {d}/three.json: $.title: expected text, not a list",
      "riskmodel: error: {d}/three.json: $.risks[0].id: expected text, not the number 5",
      "riskmodel: error: {d}/three.json: $.risks[1].current.likelihood: 9 is not a level of "
      "generic-5x5 likelihood (1..5)"]),
    ("explain-unknown-ref", ["explain", "{d}/in.json", "99"], 1,
     ["riskmodel: error: no risk with id or ref '99'; did you mean 9?"]),
    ("unknown-target-scheme", ["convert", "{d}/in.json", "--to", "generic-9x9"], 1,
     ["riskmodel: error: no scheme 'generic-9x9'; known schemes: generic-5x5, generic-4x4, "
      "cambridgeshire-5x5, leicester-city-5x5, leicestershire-4x4"]),
]


class TestCommandLine:
    """A user's mistake is one line on stderr, exit status 1, and the input is untouched."""

    @pytest.mark.parametrize(("argv", "status", "lines"), [c[1:] for c in CLI_CASES],
                             ids=[c[0] for c in CLI_CASES])
    def test_case(self, workspace: Path, argv: list[str], status: int,
                  lines: list[str]) -> None:
        """The command exits with this status, prints these lines and leaves the input alone."""
        d = str(workspace)
        code, out, err = _run([arg.format(d=d) for arg in argv])
        assert (code, err.splitlines(), out) == (status, [line.format(d=d) for line in lines],
                                                 "")
        assert (workspace / "in.json").read_bytes() == Q3.read_bytes()

    @pytest.mark.parametrize("argv", [
        ["show", "{d}/in.json", "--max-size", "lots"],
        ["show", "{d}/in.json", "--max-size", "99999999999999G"],
        ["check", "{d}/in.json", "--as-of", "someday"],
        [],
    ], ids=["bad-size", "impossible-size", "bad-date", "no-command"])
    def test_usage_errors_exit_2(self, workspace: Path, argv: list[str]) -> None:
        """A malformed command line is a usage error: exit status 2 and a usage message."""
        code, out, err = _run([arg.format(d=str(workspace)) for arg in argv])
        assert (code, out, err.startswith("usage: riskmodel")) == (2, "", True)

    def test_force_overwrites_the_input_atomically(self, workspace: Path) -> None:
        """With --force the input is replaced by the converted register, read back whole."""
        path = workspace / "in.json"
        code, _, err = _run([*[a.format(d=workspace) for a in _CONVERT], "-o", str(path),
                             "--force"])
        assert (code, err, riskmodel.load(path).scheme.id) == (0, "", "generic-4x4")
        assert sorted(p.name for p in workspace.iterdir() if p.name.startswith(".")) == []

    def test_control_characters_in_titles_are_made_visible(self, tmp_path: Path) -> None:
        """A title holding an escape sequence and a bidi override prints them as escapes."""
        register = attrs.evolve(riskmodel.load(Q3), title="Evil \x1b[2J\x1b[31mtitle\u202e")
        riskmodel.dump(register, tmp_path / "ansi.json")
        code, out, _ = _run(["show", str(tmp_path / "ansi.json")])
        assert (code, out.splitlines()[1]) == (
            0, "Title:        Evil \\x1b[2J\\x1b[31mtitle\\u202e")

    def test_an_ascii_terminal_gets_escapes_not_a_traceback(self, tmp_path: Path) -> None:
        """`show` on a terminal that only takes ASCII prints × as an escape and exits 0."""
        env = {**os.environ, "PYTHONIOENCODING": "ascii", "LANG": "C", "LC_ALL": "C"}
        done = subprocess.run(
            [sys.executable, "-m", "riskmodel", "show", str(Q3)],
            capture_output=True, env=env, check=False,
        )
        assert (done.returncode, done.stderr, b"Generic 5\\xd75" in done.stdout) == (
            0, b"", True)


class TestWrites:
    """A write that fails leaves the old file as it was, and no temporary file behind."""

    def test_lone_surrogate_is_refused_before_writing(self, tmp_path: Path) -> None:
        """A register whose title holds a lone surrogate is not written; the old file stays."""
        path = tmp_path / "out.json"
        path.write_text("old")
        register = attrs.evolve(riskmodel.load(Q3), title="Bad \ud800 title")
        with pytest.raises(OutputError) as caught:
            riskmodel.dump(register, path)
        assert str(caught.value) == (
            f"{path}: $.title: text holds '\\ud800', which is not a character (a lone "
            "surrogate) and cannot be written as UTF-8; nothing was written")
        assert (path.read_text(), sorted(p.name for p in tmp_path.iterdir())) == (
            "old", ["out.json"])

    def test_a_failed_rename_keeps_the_old_file(self, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
        """When the rename into place fails, the target keeps its old bytes."""
        path = tmp_path / "out.json"
        path.write_text("old")

        def refuse(*_: object) -> None:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(os, "replace", refuse)
        with pytest.raises(OutputError) as caught:
            riskmodel.dump(riskmodel.load(Q3), path)
        assert str(caught.value) == f"{path}: cannot write the file: Permission denied"
        assert (path.read_text(), sorted(p.name for p in tmp_path.iterdir())) == (
            "old", ["out.json"])

    def test_a_link_target_is_replaced_and_the_link_kept(self, tmp_path: Path) -> None:
        """Writing through a symbolic link replaces the file it points to."""
        (tmp_path / "real.json").write_text("old")
        (tmp_path / "link.json").symlink_to(tmp_path / "real.json")
        riskmodel.dump(riskmodel.load(Q3), tmp_path / "link.json")
        assert ((tmp_path / "link.json").is_symlink(),
                riskmodel.load(tmp_path / "real.json") == riskmodel.load(Q3)) == (True, True)


def _mutations(text: str) -> st.SearchStrategy[str]:
    """Small edits of a JSON text: a span deleted, replaced, duplicated or cut short."""
    n = len(text)
    span = st.tuples(st.integers(0, n), st.integers(0, 40))
    junk = st.sampled_from(['"', "}", "]", ",", ":", "null", "1e999", '"\\ud800"', "true",
                            "[", "{", "-", "0", '"x"', "NaN", "\x00"])
    return st.one_of(
        span.map(lambda s: text[:s[0]] + text[s[0] + s[1]:]),
        st.tuples(span, junk).map(lambda a: text[:a[0][0]] + a[1] + text[a[0][0] + a[0][1]:]),
        span.map(lambda s: text[:s[0] + s[1]] + text[s[0]:]),
        st.integers(0, n).map(lambda k: text[:k]),
    )


class TestMutatedExamples:
    """A bundled example register, edited at random, loads or raises a RiskModelError."""

    @pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
    @settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(data=st.data())
    def test_mutation(self, path: Path, data: st.DataObject) -> None:
        """Nothing but a RiskModelError escapes, and a loaded result dumps and loads equal."""
        text = data.draw(_mutations(path.read_text()))
        try:
            register = riskmodel.loads(text)
        except RiskModelError:
            return
        assert riskmodel.loads(riskmodel.dumps(register)) == register
