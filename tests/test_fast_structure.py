"""The fast load path builds exactly what the classes' own ``__init__`` builds.

``loads`` builds most model values without calling their ``__init__``: a hook generated
from ``attrs.fields`` sets each field through the field's converter and then runs the
validators, as ``__init__`` does. The detailed converter builds every value by calling
the class. These tests hold the two to the same values and the same errors, on every
kind of damage a document can carry.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import pickle
import weakref
from typing import Any, ClassVar

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskmodel import (
    Action,
    Assessment,
    Control,
    DateText,
    LoadError,
    Register,
    Risk,
    builtin_schemes,
    serialize,
)
from riskmodel._bulk import Referable, assembler, twin
from riskmodel.serialize import dumps, make_converter
from strategies import json_paths, registers

SCHEME = builtin_schemes().get("generic-5x5")

#: Values put in place of a field's value: white space to strip, empty text, the wrong
#: types, and nulls where a value is optional or required. Each is drawn as a deep copy:
#: ``sampled_from`` gives this module's very list or dict each time, and a later damage
#: step may change a value put in place earlier, which would change what the strategy
#: draws in the examples after it (Hypothesis then reports a flaky strategy).
_REPLACEMENTS = st.sampled_from([
    None, 0, 2.5, True, "", "  ", " padded text ", "x", "2026-03-31", [], [" a "], ["", "b"],
    {}, {"text": " kept "}, {"text": ""}, {"text": "2026-01-02", "date": "2026-01-02"},
    {"likelihood": "4", "impact": "5"}, {"state": "closed", "reason": " done "},
]).map(copy.deepcopy)


_RISK_KEYS = [a.name for a in attrs.fields(Risk)]
_ITEM_KEYS = ["text", "owner", "due", "status"]


def _text(document: object, data: st.DataObject) -> str:
    """The document as JSON: compact as ``dumps`` writes it (which orjson reads, each object
    a dict, when the ``fast`` extra is installed) or spaced (read as pairs)."""
    if data.draw(st.booleans(), label="compact"):
        return json.dumps(document, separators=(",", ":"), ensure_ascii=False)
    return json.dumps(document)


def _outcome(converter: serialize.DocumentConverter, text: str) -> object:
    """The register loaded, or the message of the error that refused it."""
    try:
        return converter.loads(text)
    except LoadError as exc:
        return f"LoadError: {exc}"


class TestSameAsInit:
    """The fast converter and the detailed one (which calls ``__init__``) agree."""

    @settings(max_examples=150, deadline=None)
    @given(registers(max_risks=3), st.data())
    def test_damaged_documents(self, register: Register, data: st.DataObject) -> None:
        """Any value replaced or removed, anywhere: the same register or the same error."""
        document = json.loads(dumps(register))
        for _ in range(data.draw(st.integers(1, 3))):
            path = data.draw(st.sampled_from(json_paths(document)[1:]))
            parent: Any = document
            for step in path[:-1]:
                parent = parent[step]
            if data.draw(st.booleans()) and path[:1] != ("format_version",):
                del parent[path[-1]]
            else:
                parent[path[-1]] = data.draw(_REPLACEMENTS)
        text = _text(document, data)
        fast = _outcome(make_converter(), text)
        detailed = _outcome(make_converter(detailed_validation=True), text)
        assert fast == detailed

    @settings(max_examples=250, deadline=None)
    @given(registers(SCHEME, max_risks=1), st.data())
    def test_damaged_risks(self, register: Register, data: st.DataObject) -> None:
        """Each field of a risk, or of its controls and actions, damaged in turn."""
        risk: dict[str, Any] = {"id": "R1", **serialize.unstructure(register).get(
            "risks", [{}])[0]}
        risk.setdefault("controls", [{"text": "Monthly review"}])
        risk.setdefault("actions", [{"text": "Recruit", "owner": "Head of HR"}])
        for name in data.draw(st.lists(st.sampled_from(_RISK_KEYS), max_size=4)):
            if data.draw(st.booleans()):
                risk.pop(name, None)
            else:
                risk[name] = data.draw(_REPLACEMENTS)
        for key in ("controls", "actions"):
            items = risk.get(key)
            if isinstance(items, list) and items and isinstance(items[0], dict):
                items[0] = {**items[0], data.draw(st.sampled_from(_ITEM_KEYS)):
                            data.draw(_REPLACEMENTS)}
        text = _text({"format_version": 1, "scheme": SCHEME.id, "risks": [risk]}, data)
        fast = _outcome(make_converter(), text)
        detailed = _outcome(make_converter(detailed_validation=True), text)
        assert fast == detailed

    @settings(max_examples=40, deadline=None)
    @given(registers(max_risks=4))
    def test_generated_registers(self, register: Register) -> None:
        """Every generated register loads to itself along both paths."""
        text = dumps(register)
        assert make_converter().loads(text) == register
        assert make_converter(detailed_validation=True).loads(text) == register

    def test_text_is_stripped_and_defaults_filled(self) -> None:
        """Converters run on given values; a missing key takes the converted default."""
        pairs = (("id", " R1 "), ("ref", "  "), ("title", " Fire "), ("triggers", [" a "]))
        risk = make_converter().bind(SCHEME).structure(pairs, Risk)
        assert risk == Risk(id="R1", ref=None, title="Fire", triggers=("a",))
        assert (risk.objective, risk.controls, risk.notes, risk.status.state) == (
            "", (), (), "open")

    def test_dicts_and_pairs(self) -> None:
        """An object read as a dict (by orjson) builds what its pairs build."""
        document = {"id": " R1 ", "ref": " ", "current": {"likelihood": "3", "impact": "4"},
                    "inherent": {"likelihood": "3", "impact": "4"},
                    "controls": [{"text": " Audit "}], "notes": {"Comments": "kept"},
                    "review_date": {"text": "31/03/2026", "date": "2026-03-31"}}
        pairs = tuple((key, tuple(value.items()) if isinstance(value, dict) else
                       [tuple(v.items()) for v in value] if key == "controls" else value)
                      for key, value in document.items())
        bound = make_converter().bind(SCHEME)
        from_dict, from_pairs = bound.structure(document, Risk), bound.structure(pairs, Risk)
        assert from_dict == from_pairs == Risk(
            id="R1", current=from_pairs.inherent, inherent=Assessment.of(SCHEME.score(3, 4)),
            controls=[Control("Audit")], notes=[("Comments", "kept")],
            review_date=DateText("31/03/2026", dt.date(2026, 3, 31)))
        assert from_dict.current is from_dict.inherent  # equal values are shared

    @pytest.mark.parametrize("where", ["risk", "control", "action", "assessment"])
    def test_unknown_key(self, where: str) -> None:
        """A key that is no field is refused the same way from a dict and from pairs."""
        risk: dict[str, Any] = {"id": "R1", "controls": [{"text": "Audit"}],
                                "actions": [{"text": "Recruit"}],
                                "current": {"likelihood": "3", "impact": "4"}}
        target = {"risk": risk, "control": risk["controls"][0],
                  "action": risk["actions"][0], "assessment": risk["current"]}[where]
        target["colour"] = "red"
        document = {"format_version": 1, "scheme": SCHEME.id, "risks": [risk]}
        messages = set()
        for text in (json.dumps(document), json.dumps(document, separators=(",", ":"))):
            with pytest.raises(LoadError) as caught:
                make_converter().loads(text)
            messages.add(str(caught.value))
        path = {"risk": "$.risks[0]", "control": "$.risks[0].controls[0]",
                "action": "$.risks[0].actions[0]", "assessment": "$.risks[0].current"}[where]
        assert messages == {f"{path}: unknown keys: colour"}

    def test_type_checks_kept_for_other_hooks(self) -> None:
        """A type check is left out only where riskmodel's own hooks made the values."""
        bound = make_converter().bind(SCHEME)
        bound.register_structure_hook(Control, lambda value, _: "not a control")
        with pytest.raises(LoadError) as caught:
            bound.structure_document({"id": "R1", "controls": [{"text": "Audit"}]}, Risk)
        assert str(caught.value) == "$.controls[0]: expected a Control, not the text " \
            "'not a control'"

    def test_validators_run(self) -> None:
        """A value the validators refuse is refused on the fast path too."""
        pairs = (("id", "R1"), ("notes", (("", "text"),)))
        with pytest.raises(LoadError, match=r"^\$\.notes: a note needs the header"):
            make_converter().bind(SCHEME).structure_document(pairs, Risk)

    def test_disabled_validators_are_honoured(self) -> None:
        """With attrs' validators disabled, the fast path skips them as ``__init__`` does."""
        pairs = (("id", "R1"), ("notes", (("", "text"),)))
        with attrs.validators.disabled():
            built = make_converter().bind(SCHEME).structure(pairs, Risk)
            called = Risk(id="R1", notes=[("", "text")])
        assert built == called
        assert built.notes == (("", "text"),)

    def test_without_attrs_private_flag(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Where attrs' flag cannot be read, the public ``get_disabled`` is asked instead."""
        monkeypatch.setattr(serialize, "_attrs_config", None)
        bound = make_converter().bind(SCHEME)
        pairs = (("id", "R1"), ("notes", (("", "text"),)))
        with attrs.validators.disabled():
            assert bound.structure(pairs, Risk).notes == (("", "text"),)
        with pytest.raises(LoadError, match="a note needs the header"):
            bound.structure_document(pairs, Risk)


@attrs.frozen
class _Counted:
    """A class the fast hook must not build itself: it has a post-init step."""

    name: str
    seen: list[str] = attrs.field(factory=list)

    def __attrs_post_init__(self) -> None:
        self.seen.append(self.name)


_COUNTED: list[int] = []


def _numbered(value: object) -> str:
    """A converter that is not pure: it counts its calls."""
    _COUNTED.append(1)
    return f"{value}-{len(_COUNTED)}"


def _text_only(value: object) -> str:
    """A converter that refuses its field's own default (None)."""
    if not isinstance(value, str):
        raise TypeError("text only")
    return value


@attrs.frozen
class _Odd:
    """Defaults whose conversion may not be done once: an impure converter, a refused one."""

    name: str
    label: str = attrs.field(default="x", converter=_numbered)
    note: str = attrs.field(default=None, converter=_text_only)


@attrs.frozen(init=False)
class _Shouting:
    """A class whose own ``__init__`` changes what it is given."""

    name: str

    def __init__(self, name: str) -> None:
        self.__attrs_init__(name=name.upper())  # type: ignore[attr-defined]


@attrs.frozen
class _Tagged:
    """A class with a factory default and a converter that makes a mutable value."""

    name: str
    tags: list[str] = attrs.field(factory=list)
    extra: list[str] = attrs.field(default=(), converter=list)


class TestConstruction:
    """What the generated hook does with the kinds of field the model may grow."""

    def test_post_init_class_is_called(self) -> None:
        """A class with ``__attrs_post_init__`` is built by calling it, so the step runs."""
        built = make_converter().structure((("name", "a"),), _Counted)
        assert built.seen == ["a"]

    def test_factory_and_mutable_defaults_are_not_shared(self) -> None:
        """Each instance gets its own factory value and its own converted default."""
        converter = make_converter()
        first = converter.structure((("name", "a"),), _Tagged)
        second = converter.structure((("name", "b"),), _Tagged)
        assert (first, second) == (_Tagged("a"), _Tagged("b"))
        assert first.tags is not second.tags
        assert first.extra is not second.extra

    def test_impure_converter_runs_for_each_default(self) -> None:
        """A converter not declared pure runs on the default for every value, as in
        ``__init__``; a default the converter refuses is refused value by value."""
        converter = make_converter()
        _COUNTED.clear()
        built = [converter.structure((("name", "a"), ("note", "n")), _Odd) for _ in range(2)]
        assert [b.label for b in built] == ["x-1", "x-2"]
        with pytest.raises(LoadError, match="text only"):
            converter.structure_document((("name", "a"),), _Odd)

    def test_own_init_is_called(self) -> None:
        """A class with an ``__init__`` of its own is built by calling it."""
        assert make_converter().structure((("name", "a"),), _Shouting) == _Shouting("A")
        assert make_converter().structure((("name", "a"),), _Shouting).name == "A"


@attrs.frozen
class _Plain:
    """A class with attrs' own weak-reference slot, after its fields: no twin is made."""

    name: str
    kind: str = "a"
    size: int = 0


@attrs.frozen
class _Referable(Referable):
    """A class whose weak-reference slot is its base's: built through its twin."""

    name: str
    kind: str = attrs.field(default=" a ", converter=str.strip)
    size: int = 0


class TestTwins:
    """Values built by plain stores into a twin and then given their class."""

    def test_model_classes_have_twins(self) -> None:
        """The classes a register holds in bulk are built through twins; the twin is a
        class of its own, with the same slots."""
        for cls in (Risk, Action, DateText):
            made = twin(cls)
            assert made is not None
            assert made is not cls
            assert made.__slots__ == cls.__slots__  # type: ignore[attr-defined]

    def test_no_twin(self) -> None:
        """attrs' own weak-reference slot, a frozen base and a ``__dict__`` instead of
        slots each leave a class without a twin."""

        @attrs.frozen
        class Child(_Referable):
            extra: str = ""

        @attrs.frozen(slots=False)
        class Loose:
            name: str

        assert (twin(_Plain), twin(Child), twin(Loose)) == (None, None, None)

    def test_assembler(self) -> None:
        """An assembler sets the values as given, through a twin or through descriptors;
        a class whose slots are not its fields is called."""

        @attrs.frozen(slots=False)
        class Loose:
            name: str = attrs.field(converter=str.strip)

        referable = assembler(_Referable)(name="b", kind=" untouched ", size=2)
        plain = assembler(_Plain)(name="b", kind="k", size=2)
        assert (type(referable), referable.kind) == (_Referable, " untouched ")
        assert (type(plain), plain) == (_Plain, _Plain("b", "k", 2))
        assert assembler(Loose)(name=" c ") == Loose("c")

    def test_built_value_is_the_class(self) -> None:
        """A value built through a twin is of its class: equal, hashed, frozen, and weakly
        referable, as a value made by calling the class."""
        converter = make_converter()
        built = converter.structure((("name", "b"),), _Referable)
        assert type(built) is _Referable
        assert (built, hash(built)) == (_Referable("b"), hash(_Referable("b", "a", 0)))
        assert weakref.ref(built)() is built
        assert pickle.loads(pickle.dumps(built)) == built
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            built.name = "c"  # type: ignore[misc]

    def test_without_twin_same_values(self) -> None:
        """A class without a twin is built through its slots' descriptors, to equal values."""
        built = make_converter().structure((("name", "b"), ("size", 3)), _Plain)
        assert (type(built), built) == (_Plain, _Plain("b", "a", 3))

    def test_loaded_risks_are_weakly_referable(self) -> None:
        """Loaded risks, actions and dates keep their weak-reference slot."""
        risk = make_converter().bind(SCHEME).structure(
            {"id": "R1", "actions": [{"text": "Fix", "due": {"text": "31/03/2026",
                                                             "date": "2026-03-31"}}]}, Risk)
        action = risk.actions[0]
        assert [weakref.ref(v)() is v for v in (risk, action, action.due)] == [True] * 3


class TestDictShapes:
    """Equal objects read as dicts are shared by their key set and values."""

    DUE: ClassVar[dict[str, str]] = {"text": "31/03/2026", "date": "2026-03-31"}

    def test_same_keys_in_any_order(self) -> None:
        """Equal dicts share one value whatever the order of their keys."""
        bound = make_converter().bind(SCHEME)
        first = bound.structure(self.DUE, DateText)
        second = bound.structure({"date": "2026-03-31", "text": "31/03/2026"}, DateText)
        assert first is second
        assert first == DateText("31/03/2026", dt.date(2026, 3, 31))

    def test_same_size_other_keys(self) -> None:
        """A dict with as many keys but other ones is not taken for the shape before it."""
        bound = make_converter().bind(SCHEME)
        dated = bound.structure(self.DUE, DateText)
        noted = bound.structure({"text": "31/03/2026", "note": "ongoing"}, DateText)
        assert (dated, noted) == (DateText("31/03/2026", dt.date(2026, 3, 31)),
                                  DateText("31/03/2026", None, "ongoing"))

    @pytest.mark.parametrize(("value", "message"), [
        ({"text": "31/03/2026", "colour": "red"}, "$.risks[1].review_date: unknown keys: colour"),
        ({}, "$.risks[1].review_date.text: required key missing"),
    ])
    def test_after_a_shape(self, value: dict[str, Any], message: str) -> None:
        """A dict of the size of a shape met before, but not of its keys, is refused as
        its pairs are."""
        messages = set()
        for form in (lambda v: v, lambda v: tuple(v.items())):
            document = {"scheme": SCHEME.id, "risks": [
                {"id": "A", "review_date": form(dict(self.DUE))},
                {"id": "B", "review_date": form(value)}]}
            with pytest.raises(LoadError) as caught:
                make_converter().structure_document(document)
            messages.add(str(caught.value))
        assert messages == {message}

    def test_looked_up_inside_the_risk(self) -> None:
        """Within a risk's own code, a date of a shape met before is shared, one of the
        same size with other keys is built, and a list inside is refused as the hook
        refuses it."""
        risks = [{"id": "A", "review_date": dict(self.DUE)},
                 {"id": "B", "review_date": {"date": "2026-03-31", "text": "31/03/2026"}},
                 {"id": "C", "review_date": {"text": "31/03/2026", "note": "ongoing"}}]
        loaded = make_converter().structure_document({"scheme": SCHEME.id, "risks": risks})
        dates = [r.review_date for r in loaded.risks]
        assert dates == [DateText("31/03/2026", dt.date(2026, 3, 31))] * 2 + [
            DateText("31/03/2026", None, "ongoing")]
        assert dates[0] is dates[1]
        risks.append({"id": "D", "review_date": {"text": ["31/03/2026"], "date": None}})
        with pytest.raises(LoadError) as caught:
            make_converter().structure_document({"scheme": SCHEME.id, "risks": risks})
        assert str(caught.value) == ("$.risks[3].review_date.text: expected text, not a "
                                     "list")

    @pytest.mark.parametrize("form", ["dict", "pairs"])
    def test_numbers_shared_by_type_and_printing(self, form: str) -> None:
        """Equal stated ratings of one type and printing are shared; 9 and 9.0, 0.0 and
        -0.0 are equal numbers, but each keeps its own."""
        stated = [9.0, 9.0, 9, -0.0, 0.0, 9]
        risks = [{"id": f"R{n}", "current": {"likelihood": "3", "impact": "3", "stated": s}}
                 for n, s in enumerate(stated)]
        if form == "pairs":
            risks = [{"id": r["id"], "current": tuple(r["current"].items())} for r in risks]
        loaded = make_converter().structure_document({"scheme": SCHEME.id, "risks": risks})
        currents = [r.current for r in loaded.risks]
        assert [repr(c.stated) for c in currents] == [  # type: ignore[union-attr]
            "9.0", "9.0", "9", "-0.0", "0.0", "9"]
        assert [currents[0] is currents[1], currents[2] is currents[5],
                currents[0] is currents[2], currents[3] is currents[4]] == [
            True, True, False, False]

    def test_a_true_code_after_an_integer_one(self) -> None:
        """true equals 1 as a key: read as a dict after an integer code, it is still
        refused; a text code and an integer one both load."""
        def document(*codes: object) -> dict[str, Any]:
            return {"scheme": SCHEME.id, "risks": [
                {"id": f"R{n}", "current": {"likelihood": code, "impact": 5}}
                for n, code in enumerate(codes)]}

        with pytest.raises(LoadError) as caught:
            make_converter().structure_document(document(1, True))
        assert str(caught.value) == \
            "$.risks[1].current.likelihood: expected a level code, not true"
        loaded = make_converter().structure_document(document("4", 4, 4))
        assert [r.current for r in loaded.risks] == [Assessment.of(SCHEME.score(4, 5))] * 3
        assert loaded.risks[1].current is loaded.risks[2].current  # integers are shared too
