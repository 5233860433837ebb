"""The header vocabulary: what each header cell names, as data a user can extend."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskmodel import LayoutError
from riskmodel.readers import builtin_vocabulary, read_text, vocabulary_from_toml
from riskmodel.readers.vocabulary import Meaning, words_of

WORDS = builtin_vocabulary()


class TestMeaning:
    """A header cell names a field, a stage, a part of a score, or nothing."""

    @pytest.mark.parametrize(("header", "expected"), [
        ("Risk No.", Meaning(field="ref")),
        ("ID", Meaning(field="ref")),
        ("Hazard", Meaning(field="description")),
        ("Risk identified", Meaning(field="description")),
        ("TOPIC", Meaning(field="category")),
        ("Management of risk", Meaning(field="controls")),
        ("Existing actions/controls", Meaning(field="controls")),
        ("Resp.", Meaning(field="risk_owner")),
        ("Overall risk owner", Meaning(field="risk_owner")),
        ("Current risk owner", Meaning(field="risk_owner")),
        ("By whom", Meaning(field="action_owner")),
        ("Target date", Meaning(field="target_date")),
        ("Direction of travel", Meaning(field="direction")),
        ("Impact on service", Meaning(field="consequence")),
        ("Frequency", Meaning(part="likelihood")),
        ("Severity", Meaning(part="impact")),
        ("S", Meaning(part="impact")),
        ("Risk level 1-9", Meaning(part="product")),
        ("L x I", Meaning(part="product")),
        ("RAG status", Meaning(part="band")),
        ("Inherent L", Meaning(stage="inherent", part="likelihood")),
        ("Gross risk score", Meaning(stage="inherent", part="product")),
        ("Residual risk rating", Meaning(stage="current", part="product")),
        ("Score with existing measures", Meaning(stage="current", part="product")),
        ("Target score with further actions", Meaning(stage="target", part="product")),
        ("Inherent risk", Meaning(stage="inherent")),
        ("Net", Meaning(stage="current")),
        ("Residual risk (after action)", Meaning(stage="target")),
        ("Consequence", Meaning(field="consequence", group_part="impact")),
        ("Current status", Meaning(field="status")),
    ])
    def test_meaning(self, header: str, expected: Meaning) -> None:
        """Each header names what a reader of the register would say it names."""
        assert WORDS.meaning(header) == expected

    @pytest.mark.parametrize("header", ["Comments", "Current position", "Notes", "Date",
                                        "Lx", "No change"])
    def test_nothing(self, header: str) -> None:
        """A header with no phrase of the vocabulary, or a stage beside words that are not
        filler, names nothing (its column is kept as notes)."""
        assert WORDS.meaning(header) is None

    def test_short_words_alone(self) -> None:
        """A one- or two-letter phrase names a column only alone or beside stage words:
        the 'I' of 'Risk I' is not an impact."""
        assert (WORDS.meaning("I"), WORDS.meaning("Inherent I"), WORDS.meaning("Risk I")) == (
            Meaning(part="impact"), Meaning(stage="inherent", part="impact"),
            Meaning(field="description"))

    def test_case_and_punctuation(self) -> None:
        """Case, spaces and punctuation do not change what a cell names."""
        assert WORDS.meaning("  risk   OWNER: ") == WORDS.meaning("Risk owner")

    def test_words_of(self) -> None:
        """Words are folded and cut at punctuation; # and & are words."""
        assert words_of("Risk No. & #") == ("risk", "no", "&", "#")


class TestFiles:
    """The vocabulary is a TOML file; a user's file extends the built-in one."""

    def test_extend(self) -> None:
        """A user's phrase is added, and a phrase given to another field moves there."""
        mine = vocabulary_from_toml('[fields]\naction_owner = ["lead"]\n'
                                    'risk_owner = ["accountable body"]\n', source="mine.toml")
        both = WORDS.extend(mine)
        assert (both.meaning("Lead"), both.meaning("Accountable body"), WORDS.meaning("Lead"),
                both.source) == (
            Meaning(field="action_owner"), Meaning(field="risk_owner"),
            Meaning(field="risk_owner"), "vocabulary.toml + mine.toml")

    def test_unknown_field(self) -> None:
        """A field the model does not have is refused, at its key."""
        with pytest.raises(LayoutError) as caught:
            vocabulary_from_toml('[fields]\ncolour = ["colour"]\n', source="mine.toml")
        assert (caught.value.key, caught.value.problem.split(" is not")[0]) == (
            "$.fields.colour", "'colour'")

    def test_phrase_twice(self) -> None:
        """A phrase given to two fields of one file is refused, naming the first."""
        with pytest.raises(LayoutError) as caught:
            vocabulary_from_toml('[fields]\nrisk_owner = ["lead"]\naction_owner = ["Lead"]\n',
                                 source="mine.toml")
        assert (caught.value.key, caught.value.problem) == (
            "$.fields.action_owner[0]", "'Lead' is also a phrase of risk_owner")

    def test_not_a_list(self) -> None:
        """Phrases are a list, and the error says where."""
        with pytest.raises(LayoutError, match=r"^mine\.toml: \$\.stages\.current"):
            vocabulary_from_toml('[stages]\ncurrent = 5\n', source="mine.toml")


HEADERS = {
    "ref": ["Ref", "Risk No.", "ID", "No."],
    "description": ["Risk", "Risk description", "Hazard", "Risk identified"],
    "likelihood": ["Likelihood", "Probability", "L", "Frequency"],
    "impact": ["Impact", "Severity", "I"],
    "product": ["Score", "Rating", "Risk level", "Total"],
    "owner": ["Owner", "Risk owner", "Lead", "Resp."],
}
ROWS = [("R1", "Boiler fails", 2, 4), ("R2", "Lift breaks down", 5, 3),
        ("R3", "Roof leaks in storms", 3, 5), ("R4", "Payroll paid late", 1, 2)]


class TestAnyOrder:
    """A table of common header words, in any order, case and wording, reads exactly."""

    @settings(max_examples=40)
    @given(st.data())
    def test_any_order(self, data: st.DataObject) -> None:
        """Shuffled columns with any of their usual names read the same risks and scores."""
        names = {key: data.draw(st.sampled_from(words)) for key, words in HEADERS.items()}
        order = data.draw(st.permutations(list(HEADERS)))
        upper = data.draw(st.booleans())
        header = [names[key].upper() if upper else names[key] for key in order]
        lines = ["\t".join(header)]
        for ref, text, likelihood, impact in ROWS:
            cells = {"ref": ref, "description": text, "likelihood": str(likelihood),
                     "impact": str(impact), "product": str(likelihood * impact),
                     "owner": "Clerk"}
            lines.append("\t".join(cells[key] for key in order))
        result = read_text("\n".join(lines) + "\n", scheme="generic-5x5", stage="current")
        assert result.layout == "generic"
        assert [(r.ref, r.description, str(r.current), r.current.stated if r.current else None,
                 r.risk_owner) for r in result.registers[0].risks] == [
            (ref, text, f"{likelihood}x{impact}", likelihood * impact, "Clerk")
            for ref, text, likelihood, impact in ROWS]
        assert result.report.problems == ()

    def test_parts_apart(self) -> None:
        """One fixed order, for a reader of the tests: Score, Owner, Impact, Ref, Risk,
        Likelihood, each part of the score apart from the others."""
        text = "\n".join(["Score\tOwner\tImpact\tRef\tRisk\tLikelihood",
                          "12\tClerk\t4\tR1\tBoiler fails\t3"])
        risk = read_text(text, scheme="generic-5x5", stage="current").registers[0].risks[0]
        assert (str(risk.current), risk.current.stated if risk.current else None) == (
            "3x4", 12)
