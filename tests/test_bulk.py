"""Bulk helpers: ``derive`` gives what ``attrs.evolve`` gives; equality answers at once."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskmodel import (
    Appetite,
    Assessment,
    Control,
    Risk,
    RiskModelError,
    Scale,
    builtin_schemes,
)
from riskmodel._bulk import constructible, derive, equal_if_same
from riskmodel.documents import scheme_from_dict, scheme_to_dict
from strategies import assessments, risks

GENERIC = builtin_schemes().get("generic-5x5")

#: Changes to a risk: text to strip, sequences to make tuples, stages and appetites, and
#: values its converters or validators refuse.
_CHANGES = st.fixed_dictionaries({}, optional={
    "title": st.sampled_from(["  Fire  ", "", "Flood"]),
    "ref": st.sampled_from([None, " 7 ", "  "]),
    "id": st.sampled_from(["R9", "  R9 ", ""]),
    "controls": st.sampled_from([[Control("Drill")], (), ["not a control"]]),
    "triggers": st.sampled_from([[" a ", "b"], ("c",)]),
    "notes": st.sampled_from([{"Comments": " kept "}, [("", "no header")], ()]),
    "appetite": st.sampled_from([None, Appetite(threshold=12)]),
    "current": st.none() | assessments(GENERIC),
    "target": st.sampled_from([None, "4x5"]),
})


def _outcome(build: Any) -> object:
    try:
        return build()
    except (RiskModelError, TypeError) as exc:
        return f"{type(exc).__name__}: {exc}"


class TestDerive:
    """``derive`` copies what stays and converts and checks what changes."""

    @settings(max_examples=200, deadline=None)
    @given(risks(GENERIC), _CHANGES)
    def test_same_as_attrs(self, risk: Risk, changes: dict[str, Any]) -> None:
        """The same risk, or the same error, as ``attrs.evolve``."""
        assert _outcome(lambda: derive(risk, **changes)) == _outcome(
            lambda: attrs.evolve(risk, **changes))

    def test_unknown_field(self) -> None:
        """A field the class does not have is refused as attrs refuses it."""
        with pytest.raises(TypeError, match="unexpected keyword argument 'colour'"):
            derive(Risk(id="R1"), colour="red")

    def test_values_kept_are_not_converted_again(self) -> None:
        """What is not changed is the same object; ``attrs.evolve`` rebuilds the notes."""
        risk = Risk(id="R1", title="Fire", notes={"Comments": "Reviewed"})
        new = derive(risk, title="Flood")
        assert (new.title, new.notes, new.notes is risk.notes) == (
            "Flood", (("Comments", "Reviewed"),), True)
        assert attrs.evolve(risk, title="Flood").notes is not risk.notes

    def test_disabled_validators(self) -> None:
        """With attrs' validators disabled, none runs, as in ``attrs.evolve``."""
        with attrs.validators.disabled():
            assert derive(Risk(id="R1"), id="").id == ""

    def test_classes_built_by_their_init(self) -> None:
        """A class with a post-init step is not built by setting slots."""

        @attrs.frozen
        class Counted:
            name: str

            def __attrs_post_init__(self) -> None:
                pass

        @attrs.frozen(init=False)
        class Shouting:
            name: str

            def __init__(self, name: str) -> None:
                self.__attrs_init__(name=name.upper())  # type: ignore[attr-defined]

        assert (constructible(Risk), constructible(Counted), constructible(Shouting)) == (
            True, False, False)
        assert (derive(Counted("a"), name="b"), derive(Shouting("a"), name="b")) == (
            Counted("b"), Shouting("B"))


class TestEqualIfSame:
    """A value compared with itself is equal without comparing its fields."""

    def test_same_and_equal(self) -> None:
        """Itself, an equal copy, and another scheme; ``!=`` and the hash agree."""
        scheme = builtin_schemes().get("generic-5x5")
        copy = scheme_from_dict(scheme_to_dict(scheme))
        other = builtin_schemes().get("leicester-city-5x5")
        assert (scheme == scheme, scheme == copy, scheme != copy, scheme == other) == (
            True, True, False, False)
        assert hash(scheme) == hash(copy)

    def test_fields_are_not_compared_for_itself(self) -> None:
        """The fields' comparison is skipped for one object, and run for two."""
        compared: list[str] = []

        @attrs.frozen
        class Loud:
            value: int

        plain = Loud.__eq__

        def counting(self: Loud, other: object) -> bool:
            compared.append("fields")
            return plain(self, other)  # type: ignore[no-any-return]

        Loud.__eq__ = counting  # type: ignore[method-assign]
        equal_if_same(Loud)
        one = Loud(1)
        assert (one == one, one == Loud(1), one != Loud(2)) == (True, True, True)
        assert compared == ["fields", "fields"]

    def test_model_classes(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A scheme compared with itself compares none of its scales; with a copy, it does."""
        calls: list[str] = []
        plain = Scale.__eq__

        def counting(self: Scale, other: object) -> bool:
            calls.append(self.name)
            return plain(self, other)  # type: ignore[no-any-return]

        monkeypatch.setattr(Scale, "__eq__", counting)
        scheme = builtin_schemes().get("generic-5x5")
        copy = scheme_from_dict(scheme_to_dict(scheme))
        assert scheme == scheme
        assert calls == []
        assert scheme == copy
        assert calls == ["likelihood", "impact"]
        calls.clear()
        assessment = Assessment.of(scheme.score(4, 5))
        assert (assessment == assessment, calls) == (True, [])
