"""Errors: one root, each also the built-in it means, messages built from attributes."""

from __future__ import annotations

import pickle

import pytest

import riskmodel
from riskmodel import (
    AppetiteLevelError,
    BandError,
    LayoutError,
    LevelError,
    LoadError,
    MissingExtraError,
    NotationError,
    OutputError,
    PatchError,
    ReadError,
    RiskModelError,
    RiskNotFoundError,
    SchemeError,
    SchemeMismatchError,
    UnknownExampleError,
    UnknownMappingError,
    UnknownSchemeError,
    ValidationError,
    ValueTypeError,
)
from riskmodel import errors as errors_module


class TestHierarchy:
    """Every error is a RiskModelError and the built-in exception it means."""

    @pytest.mark.parametrize(
        ("cls", "builtin"),
        [
            (ValidationError, ValueError),
            (SchemeError, ValueError),
            (UnknownSchemeError, LookupError),
            (UnknownMappingError, LookupError),
            (UnknownExampleError, LookupError),
            (LevelError, ValueError),
            (NotationError, ValueError),
            (SchemeMismatchError, TypeError),
            (RiskNotFoundError, LookupError),
            (LoadError, ValueError),
            (ReadError, ValueError),
            (ValueTypeError, TypeError),
            (LayoutError, ValueError),
            (OutputError, OSError),
            (MissingExtraError, ImportError),
            (PatchError, ValueError),
            (AppetiteLevelError, LookupError),
            (BandError, LookupError),
        ],
        ids=lambda value: value.__name__,
    )
    def test_bases(self, cls: type[Exception], builtin: type[Exception]) -> None:
        """The class derives from RiskModelError and from its built-in."""
        assert (issubclass(cls, RiskModelError), issubclass(cls, builtin)) == (True, True)

    def test_every_error_is_covered(self) -> None:
        """The errors module exports exactly the root and eighteen subclasses, all re-exported."""
        names = sorted(errors_module.__all__)
        assert len(names) == 19
        assert all(getattr(riskmodel, n) is getattr(errors_module, n) for n in names)

    def test_root_is_an_exception(self) -> None:
        """RiskModelError is a plain Exception."""
        assert RiskModelError.__mro__[1:] == (Exception, BaseException, object)


class TestMessages:
    """Messages are built from the attributes, which stay available."""

    def test_validation_error(self) -> None:
        """A path, when given, comes before the problem."""
        assert (str(ValidationError("p")), str(ValidationError("p", "risks[1]"))) == (
            "p", "risks[1]: p")

    def test_scheme_error(self) -> None:
        """SchemeError prints where, then the problem."""
        error = SchemeError("tiny.toml", "bad")
        assert (str(error), error.where, error.problem) == ("tiny.toml: bad", "tiny.toml", "bad")

    @pytest.mark.parametrize(
        ("codes", "shown"),
        [
            (["A", "B"], "A, B"),
            (["5", "4", "3", "2", "1"], "1..5"),
            (["D", "C", "B", "A"], "A..D"),
            (["10", "9", "2", "1"], "1..10"),
        ],
    )
    def test_level_error_codes(self, codes: list[str], shown: str) -> None:
        """Up to three codes are listed; more are shown as a range in printed order."""
        error = LevelError("Z", "s", "impact", codes)
        assert (str(error), error.codes) == (f"Z is not a level of s impact ({shown})",
                                             tuple(codes))

    def test_notation_error(self) -> None:
        """NotationError quotes the text and names the scheme and the reason."""
        error = NotationError("9Z", "leicestershire-4x4", "no such cell")
        assert str(error) == "cannot read '9Z' as a leicestershire-4x4 score: no such cell"

    def test_band_error(self) -> None:
        """BandError names the word, the scheme and its bands, or the bands it could be."""
        unknown = BandError("Purple", "generic-5x5", ["green", "amber"])
        both = BandError("A", "s", ["amber", "alert"], ambiguous=True)
        assert (str(unknown), str(both)) == (
            "'Purple' is not a band of generic-5x5; its bands are green, amber",
            "'A' names several bands of s: amber, alert")
        assert (unknown.word, unknown.candidates, both.ambiguous) == (
            "Purple", ("green", "amber"), True)

    def test_scheme_mismatch(self) -> None:
        """SchemeMismatchError names both schemes."""
        assert str(SchemeMismatchError("a", "b")) == (
            "cannot compare a a score with a b score; convert one of them first")

    def test_patch_error(self) -> None:
        """PatchError says the diff does not apply, where and why."""
        error = PatchError("risk R1", "it differs from the version the diff was made from")
        assert (str(error), error.where) == (
            "cannot apply the diff: risk R1: it differs from the version the diff was made "
            "from", "risk R1")
        copied = pickle.loads(pickle.dumps(error))
        assert (str(copied), copied.where, copied.problem) == (str(error), error.where,
                                                               error.problem)

    def test_unknown_scheme_not_quoted(self) -> None:
        """UnknownSchemeError prints its message without LookupError's quotes."""
        assert str(UnknownSchemeError("x", ["a"])) == "no scheme 'x'; known schemes: a"

    def test_long_candidate_lists_are_cut(self) -> None:
        """More than twelve candidates are cut with a count of the rest."""
        error = UnknownSchemeError("x", [f"s{i}" for i in range(14)])
        assert str(error) == (
            "no scheme 'x'; known schemes: s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, "
            "… (2 more)")
        assert len(error.candidates) == 14

    def test_unknown_example(self) -> None:
        """UnknownExampleError names the examples there are."""
        error = UnknownExampleError("q9", ["a", "b"])
        assert (str(error), error.name, error.candidates) == (
            "no example register 'q9'; examples: a, b", "q9", ("a", "b"))

    def test_risk_not_found(self) -> None:
        """RiskNotFoundError suggests candidates only when there are some."""
        assert (str(RiskNotFoundError("R9", "id", [])),
                str(RiskNotFoundError("R9", "id", ["R1"]))) == (
            "no risk with id 'R9'", "no risk with id 'R9'; did you mean R1?")

    @pytest.mark.parametrize(
        ("error", "message"),
        [
            (LoadError("$.x", "bad"), "$.x: bad"),
            (LoadError("$.x", "bad", "f.json"), "f.json: $.x: bad"),
            (LoadError("", "broken", line=3, column=4), "<string>:3:4: broken"),
            (LoadError("", "broken", "f.json", line=3), "f.json:3: broken"),
            (LoadError("", "cannot read", "f.json"), "f.json: cannot read"),
        ],
    )
    def test_load_error(self, error: LoadError, message: str) -> None:
        """LoadError prints source, line and column, then the JSON path, then the problem."""
        assert str(error) == message

    def test_read_error(self) -> None:
        """ReadError prints file:line:column, the column only when known."""
        assert (str(ReadError("reg.txt", 12, 3, "expected a score")),
                str(ReadError("reg.txt", 12, None, "x"))) == (
            "reg.txt:12:3: expected a score", "reg.txt:12: x")

    def test_raised_and_caught_by_root(self) -> None:
        """Catching RiskModelError catches every subclass."""
        with pytest.raises(RiskModelError, match=r"^no risk with ref '7'$"):
            raise RiskNotFoundError("7", "ref", [])
