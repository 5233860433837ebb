"""Every field of every class in a register document is written and read back.

The JSON hooks are generated from ``attrs.fields``. These tests guard that promise: a
register with every field of every reachable class set to a value other than its default
must load back equal, and every such field must appear in the written JSON. A field added
to a model class without being set in :func:`full_register` fails
``test_every_field_is_set``; one that the converter drops fails the round trip.
"""

from __future__ import annotations

import datetime as dt
import json
import typing
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings

import riskmodel
from riskmodel import (
    Action,
    Appetite,
    AppetitePolicy,
    Assessment,
    Control,
    Cost,
    DateText,
    Direction,
    HeatMap,
    Placement,
    Provenance,
    Register,
    Risk,
    ScoringScheme,
    Section,
    Status,
    builtin_schemes,
    convert_register,
    load_scheme,
)
from riskmodel._meta import BOUND, SCALE
from riskmodel.documents import SchemeDocument, scheme_from_dict, scheme_to_dict
from strategies import registers

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples" / "registers").glob("*.json"))
SCHEMES = builtin_schemes()


def full_register() -> Register:
    """A register in which every field of every class it holds differs from its default."""
    scheme = load_scheme(ROOT / "examples" / "schemes" / "dimensions-na-5x5.toml")
    cell = scheme.score(likelihood=5, impact=4)
    stage = Assessment(scheme=scheme, likelihood=cell.likelihood, impact=cell.impact,
                       stated=16, stated_band="red",
                       dimensions=[("finance", scheme.impact.level("4")), ("data", None)],
                       text="5x4 (finance 4, data n/a) = 16 red",
                       origin="generic-5x5 4x5 (declared:x)")
    off_grid = Assessment(scheme=scheme, impact=cell.impact, off_grid=[("likelihood", 4.2)],
                          text="4.2 x 4")
    due = DateText(text="31.03.2027 ongoing", date=dt.date(2027, 3, 31), note="ongoing")
    risk = Risk(
        id="cypf-1a", ref="a)", section="1. Budget", category="finance",
        objective="Balance the budget", title="Grant cut", description="Grant is cut.",
        consequence="Services reduced.", triggers=("Spend above plan",),
        controls=(Control("Monthly monitoring"),),
        actions=(Action(text="Review plans", owner="JS", due=due, status="A"),),
        inherent=stage, current=stage, target=off_grid,
        direction=Direction(text="↑ rising", trend="up"), appetite=Appetite(threshold=10),
        risk_owner="Director", action_owner="JS",
        cost=Cost(text="£0.5m", amount=Decimal(500000)), review_date=due, target_date=due,
        notes=(("Comments", "Reviewed at committee"), ("Comments (2)", "See minute 14")),
        status=Status("deleted", "HISTORICAL"), provenance=Provenance("cypf.txt", 12, 3),
    )
    return Register(
        organisation="Leicester City Council", title="CYPF register", level="divisional",
        owner="Director", version="V5", as_at=dt.date(2015, 10, 27), scheme=scheme,
        escalation_threshold=15,
        appetite=AppetitePolicy(default=Appetite(level="cautious"),
                                by_category=[("finance", Appetite(threshold=6))]),
        sections=(Section("1. Budget", "1"),), risks=(risk,),
        heatmaps=(HeatMap(stage="current", placements=[Placement("a)", cell)],
                          title="heat map", provenance=Provenance("cypf.txt", 40)),),
        source=Provenance("cypf.txt", 1),
    )


def _values(value: object) -> Iterator[object]:
    """Every attrs value inside *value*, depth first."""
    yield value
    if attrs.has(type(value)) and type(value) not in (Placement, ScoringScheme):
        for a in attrs.fields(type(value)):
            if a.init and not a.metadata.get(BOUND):
                yield from _values(getattr(value, a.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _values(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _values(item)


def _classes(cls: type, seen: set[type]) -> Iterator[type]:
    """Every attrs class reachable from *cls* through field types."""
    if cls in seen or not attrs.has(cls) or cls is ScoringScheme:
        return  # a scheme is written as a scheme document: see TestSchemeDocuments
    seen.add(cls)
    yield cls
    if cls is Placement:  # written flat by hand: its score as two codes
        return
    hints = typing.get_type_hints(cls)
    for a in attrs.fields(cls):
        if not a.init or a.metadata.get(BOUND) or a.metadata.get(SCALE):
            continue  # a level is written as its code
        stack: list[Any] = [hints[a.name]]
        while stack:
            tp = stack.pop()
            stack.extend(typing.get_args(tp))
            if isinstance(tp, type):
                yield from _classes(tp, seen)


REACHABLE = sorted(_classes(Register, set()), key=lambda c: c.__name__)


class TestEveryField:
    """The full register sets every field, and every field survives the round trip."""

    @pytest.mark.parametrize("cls", REACHABLE, ids=[c.__name__ for c in REACHABLE])
    def test_every_field_is_set(self, cls: type) -> None:
        """Each written field of the class holds a non-default value somewhere in the register."""
        found = [v for v in _values(full_register()) if type(v) is cls]
        unset = sorted(
            a.name for a in attrs.fields(cls)
            if a.init and not a.name.startswith("_") and not a.metadata.get(BOUND)
            and all(getattr(v, a.name) == a.default for v in found)
        )
        assert (bool(found), unset) == (True, [])

    def test_round_trip_is_exact(self) -> None:
        """The full register reads back equal (its scheme written out in full)."""
        register = full_register()
        assert riskmodel.loads(riskmodel.dumps(register)) == register

    def test_every_field_is_written(self) -> None:
        """The JSON of the full register names every written field of each class."""
        written = json.loads(riskmodel.dumps(full_register()))
        risk = written["risks"][0]
        assert (sorted(risk), sorted({*risk["current"], *risk["target"]}), sorted(written)) == (
            sorted(a.name for a in attrs.fields(Risk)),
            sorted(a.name for a in attrs.fields(Assessment) if a.name != "scheme"),
            sorted(["format_version", *(a.name for a in attrs.fields(Register)
                                        if a.init and not a.name.startswith("_"))]),
        )


def _all_schemes() -> list[ScoringScheme]:
    examples = sorted((ROOT / "examples" / "schemes").glob("*.toml"))
    return [*SCHEMES, *(load_scheme(path) for path in examples)]


DOCUMENT_CLASSES = sorted(_classes(SchemeDocument, set()), key=lambda c: c.__name__)


class TestSchemeDocuments:
    """Every key of the scheme format is used by a shipped scheme and survives a round trip."""

    @pytest.mark.parametrize("cls", DOCUMENT_CLASSES, ids=[c.__name__ for c in DOCUMENT_CLASSES])
    def test_every_key_is_exercised(self, cls: type) -> None:
        """Each field of each scheme document class is set in some built-in or example scheme."""
        found = [v for s in _all_schemes() for v in _values(SchemeDocument.of(s))
                 if type(v) is cls]
        unset = sorted(
            a.name for a in attrs.fields(cls)
            if all(getattr(v, a.name) == (a.default.factory() if isinstance(
                a.default, attrs.Factory) else a.default) for v in found)  # type: ignore[misc]
        )
        assert (bool(found), unset) == (True, [])

    @pytest.mark.parametrize("scheme", _all_schemes(), ids=lambda s: s.id)
    def test_scheme_round_trip(self, scheme: ScoringScheme) -> None:
        """The scheme reads back equal from its dict and from a register that embeds it."""
        register = Register(scheme=scheme, title="x")
        empty = riskmodel.SchemeRegistry()
        assert (scheme_from_dict(scheme_to_dict(scheme)),
                riskmodel.loads(riskmodel.dumps(register, schemes=empty), schemes=empty)) == (
            scheme, register)


class TestRoundTrips:
    """dumps then loads is exact for examples, built-in schemes and after conversion."""

    @pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
    def test_examples(self, path: Path) -> None:
        """Each bundled example reads back equal, and its file is what dumps writes."""
        register = riskmodel.load(path)
        assert (riskmodel.loads(riskmodel.dumps(register)) == register,
                riskmodel.dumps(register) == path.read_text(encoding="utf-8")) == (True, True)

    @pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
    @pytest.mark.parametrize("target", [s.id for s in SCHEMES])
    def test_examples_after_conversion(self, path: Path, target: str) -> None:
        """Each example converted to each built-in scheme reads back equal, origins and all."""
        converted = convert_register(riskmodel.load(path), SCHEMES.get(target)).register
        assert riskmodel.loads(riskmodel.dumps(converted)) == converted

    @settings(max_examples=40)
    @given(registers(max_risks=4))
    def test_generated_after_conversion(self, register: Register) -> None:
        """A generated register converted to generic-5x5 reads back equal."""
        converted = convert_register(register, SCHEMES.get("generic-5x5")).register
        assert riskmodel.loads(riskmodel.dumps(converted)) == converted
