"""Lists of field names written by hand still name every field of the classes they cover.

Most of riskmodel reads ``attrs.fields`` and needs no list. Where a module names fields
itself (what a diff compares, what a scheme file holds, how a finding is written), a
field added to the model must be placed in that list or named here as left out on
purpose; these tests fail until it is.
"""

from __future__ import annotations

import attrs
import pytest

from riskmodel import Register, Risk
from riskmodel.changes import _STAGES, TEXT_FIELDS, VALUE_FIELDS, RegisterHead
from riskmodel.check import Finding, Severity
from riskmodel.documents import (
    BandDocument,
    LevelDocument,
    MappingDocument,
    NotationDocument,
    NotationWordsDocument,
    RatingDocument,
    ScaleDocument,
    SchemeDocument,
)
from riskmodel.mapping import SchemeMapping
from riskmodel.notation import NotationWords
from riskmodel.scale import Level, Scale
from riskmodel.scheme import Band, Notation, RatingRule, ScoringScheme
from riskmodel.serialize import make_converter


def _names(cls: type) -> list[str]:
    return sorted(a.name for a in attrs.fields(cls) if a.init)


class TestDiffCoversEveryField:
    """A diff compares every field of a risk and of a register, or says why not."""

    #: Lists of items, compared item by item (controls, actions and triggers).
    ITEMS = ("controls", "actions", "triggers")
    #: Compared note by note, each as a value named by its header (``notes.Comments``).
    BY_HEADER = ("notes",)
    #: Where the risk was printed: the same risk printed elsewhere has not changed.
    NOT_COMPARED = ("provenance",)

    def test_every_risk_field_has_one_place(self) -> None:
        """Each field of Risk is a stage, a value, a text, an item list, the notes, or not
        compared."""
        placed = [*(name for _, name in _STAGES), *VALUE_FIELDS, *TEXT_FIELDS,
                  *self.ITEMS, *self.BY_HEADER, *self.NOT_COMPARED]
        assert sorted(placed) == _names(Risk)

    def test_the_head_holds_every_register_field(self) -> None:
        """RegisterHead keeps every field of Register but its scheme and its risks, which
        the diff holds itself, and adds the risks' ids in order."""
        register = set(_names(Register)) - {"scheme", "risks"}
        assert _names(RegisterHead) == sorted(register | {"risk_ids"})


#: Each scheme model class and the document class its TOML and JSON form is read into.
DOCUMENTS = [(ScoringScheme, SchemeDocument), (Scale, ScaleDocument), (Level, LevelDocument),
             (Band, BandDocument), (Notation, NotationDocument),
             (NotationWords, NotationWordsDocument), (SchemeMapping, MappingDocument)]


class TestSchemeDocumentsMirrorTheModel:
    """A scheme file holds every field of the scheme: the document classes name them all."""

    @pytest.mark.parametrize(("model", "document"), DOCUMENTS,
                             ids=[model.__name__ for model, _ in DOCUMENTS])
    def test_same_fields(self, model: type, document: type) -> None:
        """The document class has exactly the model class's fields."""
        assert _names(document) == _names(model)

    def test_rating_rule(self) -> None:
        """A rating rule is written as its kind (``rule``) and, for a table, its rows and
        columns: the two fields of the model, laid out for people to edit."""
        assert (_names(RatingRule), _names(RatingDocument)) == (
            ["kind", "table"], ["columns", "rows", "rule"])


class TestFindingsAreWrittenInFull:
    """A finding written as JSON has a key for each of its fields."""

    def test_every_field_is_a_key(self) -> None:
        finding = Finding(code="RM101", severity=Severity.ERROR, risk_id="R1",
                          stage="current", message="m", evidence={"k": 1})
        written = make_converter().unstructure(finding)
        assert sorted(written) == _names(Finding)
