"""Conversion between schemes: the rules, what they report, and the properties they keep."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import riskmodel as rm
import strategies
from riskmodel.convert import Conversion, convert, convert_register, ordinal_rank
from riskmodel.mapping import SchemeMapping
from riskmodel.registry import MappingRegistry, builtin_mappings, mapping_from_toml

SCHEMES = rm.builtin_schemes()
BUILTIN = list(SCHEMES)
NO_MAPPINGS = MappingRegistry()


@st.composite
def product_schemes(draw: st.DrawFn) -> rm.ScoringScheme:
    """A product scheme of 1-7 by 1-7 levels with rising integer values and two bands."""

    def scale(name: str) -> rm.Scale:
        n = draw(st.integers(1, 7))
        steps = draw(st.lists(st.integers(1, 3), min_size=n, max_size=n))
        values = list(itertools.accumulate(steps))
        return rm.Scale(name, [rm.Level(str(i + 1), f"{name} {i + 1}", v)
                               for i, v in enumerate(values)])

    lk, im = scale("likelihood"), scale("impact")
    top = lk.most.value * im.most.value
    cut = draw(st.integers(lk.least.value * im.least.value, top))
    bands = [rm.Band("low", "Low", maximum=cut)]
    if cut < top:
        bands.append(rm.Band("high", "High", minimum=cut + 1))
    return rm.ScoringScheme(
        "drawn", "Drawn", lk, im, rating=rm.RatingRule("product"), bands=bands,
        notation=rm.Notation(separator="x"),
    )


def schemes() -> st.SearchStrategy[rm.ScoringScheme]:
    """A built-in scheme or a drawn product scheme."""
    return st.one_of(st.sampled_from(BUILTIN), product_schemes())


def cells(scheme: rm.ScoringScheme) -> st.SearchStrategy[rm.Score]:
    """Any cell of *scheme*."""
    return st.sampled_from(list(scheme.cells()))


def registries() -> st.SearchStrategy[MappingRegistry | None]:
    """The built-in mappings, or none (forcing the ordinal rule)."""
    return st.sampled_from([None, NO_MAPPINGS])


def dominated(a: rm.Score, b: rm.Score) -> bool:
    """Whether *a* is no more severe than *b* on both factors."""
    s = a.scheme
    return (s.likelihood.rank(a.likelihood) <= s.likelihood.rank(b.likelihood)
            and s.impact.rank(a.impact) <= s.impact.rank(b.impact))


class TestOrdinalRank:
    def test_five_to_four(self) -> None:
        """Five levels onto four: the middle two meet, the ends keep their place."""
        assert [ordinal_rank(r, 5, 4) for r in range(5)] == [0, 1, 2, 2, 3]

    def test_four_to_five(self) -> None:
        """Four levels onto five: the middle level of five is skipped."""
        assert [ordinal_rank(r, 4, 5) for r in range(4)] == [0, 1, 3, 4]

    def test_halves_round_up(self) -> None:
        """Three levels onto four put the middle level at 1.5, which rounds up to 2."""
        assert [ordinal_rank(r, 3, 4) for r in range(3)] == [0, 2, 3]

    def test_one_level(self) -> None:
        """A one-level scale goes to the middle of the target (rounded up)."""
        assert [ordinal_rank(0, 1, m) for m in (1, 2, 3, 4, 5)] == [0, 1, 1, 2, 2]

    @given(st.integers(1, 12), st.integers(1, 12))
    def test_ends_meet_and_order_holds(self, n: int, m: int) -> None:
        """Ranks stay in range, never fall, and the ends go to the ends."""
        ranks = [ordinal_rank(r, n, m) for r in range(n)]
        assert all(0 <= r < m for r in ranks)
        assert ranks == sorted(ranks)
        if n > 1:
            assert (ranks[0], ranks[-1]) == (0, m - 1)


class TestIdentity:
    @given(st.data())
    def test_same_scheme(self, data: st.DataObject) -> None:
        """Converting a score to its own scheme returns it unchanged, exactly."""
        scheme = data.draw(schemes())
        score = data.draw(cells(scheme))
        done = convert(score, scheme, mappings=data.draw(registries()))
        assert (done.result, done.rule, done.exact, done.reasons) == (score, "identity", True, ())


class TestOrder:
    @given(st.data())
    def test_monotone(self, data: st.DataObject) -> None:
        """A cell no more severe than another on both factors never converts to a worse one."""
        source, target = data.draw(schemes()), data.draw(schemes())
        a, b = data.draw(cells(source)), data.draw(cells(source))
        mappings = data.draw(registries())
        if not dominated(a, b):
            a, b = b, a
        if dominated(a, b):
            assert convert(a, target, mappings=mappings).result <= convert(
                b, target, mappings=mappings).result

    @pytest.mark.parametrize(("source", "target"), list(itertools.permutations(BUILTIN, 2)),
                             ids=lambda s: s.id)
    def test_every_builtin_cell(self, source: rm.ScoringScheme,
                                target: rm.ScoringScheme) -> None:
        """Every cell of every built-in scheme converts to every other without a reversal."""
        converted = {cell: convert(cell, target).result for cell in source.cells()}
        for a, b in itertools.product(converted, repeat=2):
            if dominated(a, b):
                assert converted[a] <= converted[b], (str(a), str(b))


class TestLossReported:
    @given(st.data())
    def test_every_loss_is_said(self, data: st.DataObject) -> None:
        """A conversion where another cell meets it is not exact; a band called otherwise is
        a band change, not a loss."""
        source, target = data.draw(schemes()), data.draw(schemes())
        mappings = data.draw(registries())
        score = data.draw(cells(source))
        done = convert(score, target, mappings=mappings)
        met = [c for c in source.cells()
               if c != score and convert(c, target, mappings=mappings).result == done.result]
        before, after = done.band_before, done.band_after
        changed = (before is not None
                   and (after is None or before.label.casefold() != after.label.casefold()))
        single = len(source.likelihood) == 1 or len(source.impact) == 1
        assert bool(met) <= (not done.exact)
        assert (not done.exact) <= (bool(met) or single)
        assert bool(done.band_changes) == changed

    def test_band_changes_four_by_four_to_five_by_five(self) -> None:
        """Leicestershire's 4×4 onto the generic 5×5 loses nothing; 12 of 16 cells are in a
        band called otherwise."""
        source, target = SCHEMES.get("leicestershire-4x4"), SCHEMES.get("generic-5x5")
        done = [convert(cell, target) for cell in source.cells()]
        assert all(c.exact for c in done)
        assert [(str(c.source), str(c.result), c.band_changes) for c in done
                if c.band_changes] == [
            ("4B", "1x4", ("band Low (green) becomes Medium (yellow)",)),
            ("3D", "2x2", ("band Low (green) becomes Medium (yellow)",)),
            ("3B", "2x4", ("band Medium (amber) becomes High (amber)",)),
            ("3A", "2x5", ("band Medium (amber) becomes High (amber)",)),
            ("2D", "4x2", ("band Low (green) becomes High (amber)",)),
            ("2C", "4x3", ("band Medium (amber) becomes High (amber)",)),
            ("2B", "4x4", ("band High (red) becomes Very high (red)",)),
            ("2A", "4x5", ("band High (red) becomes Very high (red)",)),
            ("1D", "5x2", ("band Medium (amber) becomes High (amber)",)),
            ("1C", "5x3", ("band Medium (amber) becomes Very high (red)",)),
            ("1B", "5x4", ("band High (red) becomes Very high (red)",)),
            ("1A", "5x5", ("band High (red) becomes Very high (red)",)),
        ]

    def test_lossy_counts_between_builtins(self) -> None:
        """For every ordered pair of built-in schemes: the rule, and how many cells are lossy,
        change band name, and are in a reversed pair."""
        found = {}
        for a, b in itertools.permutations(BUILTIN, 2):
            done = [convert(c, b) for c in a.cells()]
            found[(a.id, b.id)] = (done[0].rule, sum(not c.exact for c in done),
                                   sum(bool(c.band_changes) for c in done),
                                   sum(not c.order_kept for c in done))
        assert found == {
            ("cambridgeshire-5x5", "generic-4x4"): ("ordinal-rank", 16, 10, 6),
            ("cambridgeshire-5x5", "generic-5x5"): ("ordinal-rank", 0, 16, 0),
            ("cambridgeshire-5x5", "leicester-city-5x5"):
                ("declared:cambridgeshire-5x5-to-leicester-city-5x5", 0, 0, 0),
            ("cambridgeshire-5x5", "leicestershire-4x4"): ("ordinal-rank", 16, 4, 6),
            ("generic-4x4", "cambridgeshire-5x5"): ("ordinal-rank", 0, 5, 0),
            ("generic-4x4", "generic-5x5"): ("declared:generic-4x4-to-generic-5x5", 0, 6, 0),
            ("generic-4x4", "leicester-city-5x5"): ("ordinal-rank", 0, 5, 0),
            ("generic-4x4", "leicestershire-4x4"): ("ordinal-rank", 0, 4, 0),
            ("generic-5x5", "cambridgeshire-5x5"): ("ordinal-rank", 0, 16, 0),
            ("generic-5x5", "generic-4x4"): ("declared:generic-5x5-to-generic-4x4", 16, 10, 6),
            ("generic-5x5", "leicester-city-5x5"): ("ordinal-rank", 0, 16, 0),
            ("generic-5x5", "leicestershire-4x4"):
                ("declared:generic-5x5-to-leicestershire-4x4", 16, 16, 16),
            ("leicester-city-5x5", "cambridgeshire-5x5"):
                ("declared:leicester-city-5x5-to-cambridgeshire-5x5", 0, 0, 0),
            ("leicester-city-5x5", "generic-4x4"): ("ordinal-rank", 16, 10, 6),
            ("leicester-city-5x5", "generic-5x5"): ("ordinal-rank", 0, 16, 0),
            ("leicester-city-5x5", "leicestershire-4x4"): ("ordinal-rank", 16, 4, 6),
            ("leicestershire-4x4", "cambridgeshire-5x5"): ("ordinal-rank", 0, 1, 0),
            ("leicestershire-4x4", "generic-4x4"): ("ordinal-rank", 0, 4, 0),
            ("leicestershire-4x4", "generic-5x5"):
                ("declared:leicestershire-4x4-to-generic-5x5", 0, 12, 7),
            ("leicestershire-4x4", "leicester-city-5x5"): ("ordinal-rank", 0, 1, 0),
        }

    def test_meeting_levels_are_named(self) -> None:
        """Five levels onto four names the two that meet, on each axis."""
        done = convert(SCHEMES.get("generic-5x5").score(4, 4), SCHEMES.get("generic-4x4"))
        assert done.reasons == (
            "likelihood 3 (Possible) and 4 (Likely) of generic-5x5 both become 3 (Likely)",
            "impact 3 (Moderate) and 4 (Major) of generic-5x5 both become 3 (Major)",
        )
        assert done.band_changes == ("band Very high (red) becomes High (red)",)

    def test_ordinal_reasons(self) -> None:
        """With no mapping declared, the ordinal rule names the levels that meet."""
        done = convert(SCHEMES.get("cambridgeshire-5x5").score(3, 5),
                       SCHEMES.get("leicestershire-4x4"))
        assert (str(done.result), done.rule, done.reasons) == (
            "2A", "ordinal-rank",
            ("likelihood 3 and 4 of cambridgeshire-5x5 both become 2 (Quite likely)",),
        )


LOSSLESS = tuple(m for m in builtin_mappings() if m.lossless)


class TestRoundTrip:
    def test_the_lossless_builtins(self) -> None:
        """Four built-in mappings are declared lossless."""
        assert [m.id for m in LOSSLESS] == [
            "cambridgeshire-5x5-to-leicester-city-5x5",
            "generic-4x4-to-generic-5x5",
            "leicester-city-5x5-to-cambridgeshire-5x5",
            "leicestershire-4x4-to-generic-5x5",
        ]

    @pytest.mark.parametrize("mapping", LOSSLESS, ids=lambda m: m.id)
    def test_there_and_back(self, mapping: SchemeMapping) -> None:
        """Every cell converted by a lossless mapping and back is the cell it was."""
        source, target = SCHEMES.get(mapping.source), SCHEMES.get(mapping.target)
        for cell in source.cells():
            there = convert(cell, target)
            assert there.rule == f"declared:{mapping.id}"
            assert convert(there.result, source).result == cell

    def test_consequence_is_impact(self) -> None:
        """Cambridgeshire's consequence 4 is Leicester's impact 4, with the same rating."""
        done = convert(SCHEMES.get("cambridgeshire-5x5").parse("5x4"),
                       SCHEMES.get("leicester-city-5x5"))
        assert (str(done.result), done.result.value, done.exact) == ("4x5", 20, True)


MAPPING = """
id = "generic-4x4-to-leicestershire-4x4"
from = "generic-4x4"
to = "leicestershire-4x4"
lossless = {lossless}

[likelihood]
"1" = "4"
"2" = "3"
"3" = "2"
"4" = "1"

[impact]
"1" = "D"
"2" = "C"
"3" = "B"
"4" = "A"
{cells}
"""


def registry(lossless: str = "true", cells: str = "") -> MappingRegistry:
    """A registry holding one mapping from the generic 4×4 to Leicestershire's 4×4."""
    text = MAPPING.format(lossless=lossless, cells=cells)
    return MappingRegistry([mapping_from_toml(text, source="m.toml")])


class TestDeclaredMappings:
    def test_levels(self) -> None:
        """A declared mapping takes each level to the level it names."""
        done = convert(SCHEMES.get("generic-4x4").parse("3x4"), SCHEMES.get("leicestershire-4x4"),
                       mappings=registry())
        assert (str(done.result), done.rule, done.exact) == (
            "2A", "declared:generic-4x4-to-leicestershire-4x4", True)

    def test_cell_override(self) -> None:
        """A cell listed in [[cells]] overrides the level maps, and a meeting is reported."""
        mappings = registry("false", '[[cells]]\nfrom = "1x2"\nto = "4D"\n')
        target = SCHEMES.get("leicestershire-4x4")
        done = [convert(SCHEMES.get("generic-4x4").parse(c), target, mappings=mappings)
                for c in ("1x1", "1x2")]
        assert [(str(d.result), d.reasons) for d in done] == [
            ("4D", ("cells 1x1, 1x2 of generic-4x4 all become 4D",)),
            ("4D", ("cells 1x1, 1x2 of generic-4x4 all become 4D",)),
        ]

    def test_false_lossless_claim(self) -> None:
        """A mapping declared lossless whose cells meet is refused when used."""
        mappings = registry("true", '[[cells]]\nfrom = "1x2"\nto = "4D"\n')
        with pytest.raises(rm.SchemeError,
                           match=r"declared lossless but cells 1x1, 1x2 meet in 4D"):
            convert(SCHEMES.get("generic-4x4").parse("1x1"), SCHEMES.get("leicestershire-4x4"),
                    mappings=mappings)

    def test_reversal_refused(self) -> None:
        """A mapping that would make a less severe cell worse than a more severe one is refused."""
        mappings = registry("false", '[[cells]]\nfrom = "1x1"\nto = "1A"\n')
        with pytest.raises(rm.SchemeError, match=r"reverses severity order"):
            convert(SCHEMES.get("generic-4x4").parse("1x1"), SCHEMES.get("leicestershire-4x4"),
                    mappings=mappings)

    def test_unknown_level(self) -> None:
        """A mapping naming a level the target lacks is refused with the codes it has."""
        bad = MAPPING.format(lossless="true", cells="").replace('"4" = "A"', '"4" = "E"')
        mappings = MappingRegistry([mapping_from_toml(bad)])
        with pytest.raises(rm.SchemeError,
                           match=r"impact 'E' is not a target level \(D, C, B, A\)"):
            convert(SCHEMES.get("generic-4x4").parse("1x1"), SCHEMES.get("leicestershire-4x4"),
                    mappings=mappings)

    def test_missing_level(self) -> None:
        """A mapping that leaves a cell without a home says which."""
        bad = MAPPING.format(lossless="true", cells="").replace('"4" = "A"\n', "")
        mappings = MappingRegistry([mapping_from_toml(bad)])
        with pytest.raises(rm.SchemeError, match=r"does not say where cell 1x4 of generic-4x4"):
            convert(SCHEMES.get("generic-4x4").parse("1x1"), SCHEMES.get("leicestershire-4x4"),
                    mappings=mappings)

    def test_bad_file(self) -> None:
        """A mapping file with a key it does not know is refused, naming the key."""
        with pytest.raises(rm.SchemeError, match=r"^m.toml: \$: unknown keys: form$"):
            mapping_from_toml('id = "x"\nform = "a"\nto = "b"\n', source="m.toml")

    def test_registry_repr_and_lookup(self) -> None:
        """The registry counts its mappings and a failed lookup names the candidates."""
        mappings = registry()
        assert repr(mappings) == (
            "<MappingRegistry of 1 mappings: generic-4x4-to-leicestershire-4x4>")
        with pytest.raises(LookupError, match=r"known mappings: generic-4x4-to-leicestershire"):
            mappings.get("generic-4x4-to-leics")

    def test_second_mapping_for_a_pair(self) -> None:
        """Registering a different mapping for a pair already mapped needs replace=True."""
        mappings = builtin_mappings()
        other = SchemeMapping(id="mine", source="generic-4x4", target="generic-5x5",
                              likelihood={"1": "1"})
        with pytest.raises(rm.SchemeError, match=r"already maps generic-4x4 to generic-5x5"):
            mappings.register(other)
        mappings.register(other, replace=True)
        assert mappings.find("generic-4x4", "generic-5x5") is other
        assert "generic-4x4-to-generic-5x5" not in mappings


S4 = SCHEMES.get("leicestershire-4x4")
S5 = SCHEMES.get("generic-5x5")


def small_register() -> rm.Register:
    """Two risks on Leicestershire's 4×4, one of them missing a factor, with a heat map."""
    return rm.Register(
        scheme=S4,
        as_at=dt.date(2026, 4, 1),
        escalation_threshold=8,
        appetite=rm.AppetitePolicy(default=rm.Appetite(level="cautious"),
                                   by_category=[("money", rm.Appetite(threshold=4))]),
        risks=[
            rm.Risk(id="A", ref="1.1", category="money",
                    inherent=rm.Assessment.of(S4.parse("1A")),
                    current=rm.Assessment.of(S4.parse("2B"), stated=6),
                    target=rm.Assessment.of(S4.parse("3C"))),
            rm.Risk(id="B", ref="1.2", appetite=rm.Appetite(threshold=1),
                    current=rm.Assessment(scheme=S4, likelihood=S4.likelihood.level("2"),
                                          stated=9)),
        ],
        heatmaps=[rm.HeatMap(stage="current", placements=[rm.Placement("1.1", S4.parse("2B"))])],
    )


class TestConvertRegister:
    def test_scores(self) -> None:
        """Each complete assessment is converted and its original kept beside it."""
        done = convert_register(small_register(), S5)
        assert done.register.scheme is S5
        assert [(s.risk_id, str(s.stage), str(s.original), str(s.converted))
                for s in done.stages] == [
            ("A", "inherent", "1A", "5x5"),
            ("A", "current", "2B", "4x4"),
            ("A", "target", "3C", "2x3"),
            ("B", "current", "likelihood 2, impact ? = 9", "likelihood 4, impact ?"),
        ]
        assert str(done.original("A", "current")) == "2B"
        assert done.rule == "declared:leicestershire-4x4-to-generic-5x5"

    def test_lossy_stages(self) -> None:
        """The stages that lost something say what, including a dropped stated rating."""
        done = convert_register(small_register(), S5)
        assert [(s.risk_id, str(s.stage), s.reasons) for s in done.lossy] == [
            ("A", "current", ("the stated rating 6 disagreed with the factors and is not "
                              "carried over",)),
            ("B", "current", ("incomplete: likelihood 2, impact ? = 9 has no cell to convert; "
                              "only the known factor is converted",
                              "the stated rating 9 is not carried over")),
        ]
        assert [(s.risk_id, str(s.stage), s.band_changes) for s in done.stages] == [
            ("A", "inherent", ("band High (red) becomes Very high (red)",)),
            ("A", "current", ("band High (red) becomes Very high (red)",)),
            ("A", "target", ()),
            ("B", "current", ()),
        ]
        assert len(done.conversions) == 3
        assert not done.exact

    def test_thresholds(self) -> None:
        """Numeric thresholds move when they still split the cells, and are dropped otherwise."""
        done = convert_register(small_register(), S5)
        assert done.notes == (
            "risk B: appetite 1 becomes 2",
            "category money: appetite 4 does not split the cells the same way on the new "
            "scheme and is dropped",
            "escalation threshold 8 becomes 15",
        )
        reg = done.register
        assert reg.get("B").appetite == rm.Appetite(threshold=2)
        assert reg.appetite == rm.AppetitePolicy(default=rm.Appetite(level="cautious"))
        assert reg.escalation_threshold == 15

    def test_heatmap(self) -> None:
        """Heat-map placements move to the converted cell."""
        done = convert_register(small_register(), S5)
        assert [(p.ref, str(p.score)) for p in done.register.heatmaps[0].placements] == [
            ("1.1", "4x4")]

    def test_same_scheme(self) -> None:
        """Converting a register to its own scheme returns an equal register, exactly."""
        reg = small_register()
        done = convert_register(reg, S4)
        assert (done.register == reg, done.rule, done.notes, done.lossy) == (
            True, "identity", (), ())

    def test_exact_pair(self) -> None:
        """Cambridgeshire to Leicester converts every score exactly, keeping thresholds."""
        cambs = SCHEMES.get("cambridgeshire-5x5")
        reg = rm.Register(scheme=cambs, escalation_threshold=15, risks=[
            rm.Risk(id="C1", appetite=rm.Appetite(threshold=12),
                    current=rm.Assessment.of(cambs.parse("4x4")))])
        done = convert_register(reg, SCHEMES.get("leicester-city-5x5"))
        assert (done.exact, done.register.escalation_threshold,
                done.register.get("C1").appetite) == (True, 15, rm.Appetite(threshold=12))

    def test_conversion_records(self) -> None:
        """Each conversion record is a Conversion of the original score."""
        done = convert_register(small_register(), S5)
        assert all(isinstance(c, Conversion) for c in done.conversions)
        assert [str(c.source) for c in done.conversions] == ["1A", "2B", "3C"]


class TestGeneratedSchemes:
    @given(st.data())
    def test_each_scale_keeps_its_order(self, data: st.DataObject) -> None:
        """On any two schemes, a less severe level never converts above a more severe one."""
        source, target = data.draw(strategies.schemes()), data.draw(strategies.schemes())
        converted = {(c.likelihood.code, c.impact.code): convert(c, target).result
                     for c in source.cells()}
        for axis in ("likelihood", "impact"):
            scale, other = getattr(source, axis), getattr(source, "impact" if axis ==
                                                          "likelihood" else "likelihood")
            fixed = other.least.code
            ranks = []
            for level in scale:
                key = (level.code, fixed) if axis == "likelihood" else (fixed, level.code)
                result = converted[key]
                ranks.append(getattr(target, axis).rank(getattr(result, axis)))
            assert ranks == sorted(ranks)

    @given(st.data())
    def test_any_register_converts(self, data: st.DataObject) -> None:
        """Any register converts to any built-in scheme, keeping one record per assessment."""
        register = data.draw(strategies.registers())
        to = data.draw(st.sampled_from(BUILTIN))
        done = convert_register(register, to)
        assert done.register.scheme == to
        assert len(done.stages) == sum(
            a is not None for r in register for a in (r.inherent, r.current, r.target))
        assert [r.id for r in done.register] == [r.id for r in register]


    @given(st.data())
    def test_register_converts_as_each_risk_alone(self, data: st.DataObject) -> None:
        """Converting a register, which works out each distinct assessment once, gives the
        records and risks that converting each risk in a register of its own gives."""
        register = data.draw(strategies.registers())
        to = data.draw(st.sampled_from(BUILTIN))
        done = convert_register(register, to)
        alone = [convert_register(rm.Register(scheme=register.scheme, sections=register.sections,
                                              risks=[risk]), to)
                 for risk in register]
        assert done.stages == tuple(s for one in alone for s in one.stages)
        assert done.register.risks == tuple(one.register.risks[0] for one in alone)


class TestOriginalScoresKept:
    """A converted register keeps each original score as provenance, through JSON too."""

    def test_origin_survives_json(self) -> None:
        """Each converted assessment names the original cell, its scheme and the rule."""
        schemes = rm.builtin_schemes()
        s4 = schemes.get("leicestershire-4x4")
        register = rm.Register(scheme=s4, risks=[
            rm.Risk(id="R1", inherent=rm.Assessment.of(s4.parse("2B")),
                           target=rm.Assessment.of(s4.parse("3 C")))])
        done = rm.convert_register(register, schemes.get("generic-5x5"))
        back = rm.loads(rm.dumps(done.register))
        risk = back.get("R1")
        assert (str(risk.inherent), risk.inherent.origin) == (
            "4x4", "leicestershire-4x4 2B (declared:leicestershire-4x4-to-generic-5x5)")
        assert risk.target is not None
        assert risk.target.origin == (
            "leicestershire-4x4 3C (declared:leicestershire-4x4-to-generic-5x5)")


    def test_equal_assessments_convert_alike_and_apart(self) -> None:
        """Equal assessments of many risks convert to equal ones; a stated ``-0`` is not
        merged with a stated ``0`` (equal numbers, printed otherwise)."""
        schemes = rm.builtin_schemes()
        s4 = schemes.get("leicestershire-4x4")
        stated = [2.0, 2.0, 0.0, -0.0]
        register = rm.Register(scheme=s4, risks=[
            rm.Risk(id=f"R{i}", current=rm.Assessment.of(s4.parse("1A"), stated=value))
            for i, value in enumerate(stated)])
        done = rm.convert_register(register, schemes.get("generic-5x5"))
        origins = [risk.current.origin.split(" (")[0] for risk in done.register.risks]
        assert origins == ["leicestershire-4x4 1A stated 2", "leicestershire-4x4 1A stated 2",
                           "leicestershire-4x4 1A stated 0", "leicestershire-4x4 1A stated -0"]
        assert done.register.risks[0].current is done.register.risks[1].current


class TestUserMappings:
    """A user's mapping file is checked, and may replace a built-in mapping."""

    TEXT = """
id = "mine"
from = "generic-5x5"
to = "generic-4x4"
[[cells]]
from = "5x5"
to = "4x4"
[[cells]]
from = "5X5"
to = "3x4"
"""

    def test_cell_listed_twice(self) -> None:
        """A source cell listed twice is an error naming it."""
        expected = r"^m\.toml: \$\.cells\[1\]\.from: 5X5 is listed more than once$"
        with pytest.raises(rm.SchemeError, match=expected):
            mapping_from_toml(self.TEXT, source="m.toml")

    def test_replace_builtin(self) -> None:
        """Registering with replace drops the built-in for the same pair and its id."""
        registry = builtin_mappings()
        text = self.TEXT.split("[[cells]]")[0]
        registry.register(mapping_from_toml(text), replace=True)
        assert (registry.find("generic-5x5", "generic-4x4").id,
                "generic-5x5-to-generic-4x4" in registry) == ("mine", False)


EXAMPLES = [rm.load_scheme(path) for path in
            sorted(Path(__file__).resolve().parent.parent.glob("examples/schemes/*.toml"))]
EVERY_PAIR = [pytest.param(a, b, id=f"{a.id}->{b.id}")
              for a, b in itertools.permutations(BUILTIN + EXAMPLES, 2)]


def reversed_pairs(source: rm.ScoringScheme, target: rm.ScoringScheme,
                   mappings: MappingRegistry | None) -> set[tuple[str, str]]:
    """Worked out here from the results alone: each pair of source cells (lower, higher)
    with lower rated below higher before and above it after."""
    result = {c: convert(c, target, mappings=mappings).result for c in source.cells()}
    return {(str(a), str(b)) for a in result for b in result
            if a.value < b.value and result[a].value > result[b].value}


class TestReversalsReported:
    """Every pair of cells whose rating order a conversion turns round is reported."""

    @pytest.mark.parametrize(("source", "target"), EVERY_PAIR)
    def test_every_builtin_and_example_pair(
        self, source: rm.ScoringScheme, target: rm.ScoringScheme
    ) -> None:
        """By the declared or ordinal rule, the reported reversals are exactly those there are."""
        for mappings in (None, NO_MAPPINGS):
            expected = reversed_pairs(source, target, mappings)
            reported = {(str(r.lower), str(r.higher)) for c in source.cells()
                        for r in convert(c, target, mappings=mappings).reversals}
            assert reported == expected

    @given(st.data())
    def test_generated_schemes(self, data: st.DataObject) -> None:
        """The same holds for any two generated schemes, and each cell reports its own pairs."""
        source, target = data.draw(strategies.schemes()), data.draw(strategies.schemes())
        expected = reversed_pairs(source, target, NO_MAPPINGS)
        for cell in source.cells():
            mine = {(str(r.lower), str(r.higher))
                    for r in convert(cell, target, mappings=NO_MAPPINGS).reversals}
            assert mine == {pair for pair in expected if str(cell) in pair}

    def test_the_register_conversion_lists_every_pair_of_its_rule(self) -> None:
        """convert_register reports the rule's reversals even where no risk sits."""
        district = rm.load_scheme("examples/schemes/nonlinear-impact-4x4.toml")
        reg = rm.Register(scheme=district, risks=[
            rm.Risk(id="R1", current=rm.Assessment.of(district.parse("I4 L2")))])
        done = convert_register(reg, SCHEMES.get("generic-5x5"))
        expected = reversed_pairs(district, SCHEMES.get("generic-5x5"), None)
        assert {(str(r.lower), str(r.higher)) for r in done.reversals} == expected
        assert expected == {("I2 L3 = 6", "I4 L1 = 8"), ("I3 L3 = 12", "I4 L2 = 16")}
        assert [(str(r), [s.risk_id for s in stages]) for r, stages in done.reversed_stages] == [
            ("I3 L3 (12) rates below I4 L2 (16) on example-district-nonlinear-4x4, but becomes "
             "4x4 (16), above 2x5 (10) on generic-5x5", ["R1"])]


def by_rating(source: rm.ScoringScheme, target: rm.ScoringScheme) -> MappingRegistry:
    """A registry holding one mapping by rating from *source* to *target*."""
    return MappingRegistry([SchemeMapping(id="by-rating", source=source.id, target=target.id,
                                          by="rating")])


class TestByRating:
    """A declared mapping may convert each cell by its rating, keeping rating order."""

    @given(st.data())
    def test_rating_order_is_kept(self, data: st.DataObject) -> None:
        """No pair is turned round, and a higher rating never converts lower."""
        source, target = data.draw(schemes()), data.draw(schemes())
        mappings = by_rating(source, target)
        done = {c: convert(c, target, mappings=mappings) for c in source.cells()}
        assert all(c.order_kept for c in done.values())
        for a in done:
            for b in done:
                if a.value < b.value:
                    assert done[a].result.value <= done[b].result.value

    def test_district_onto_generic(self) -> None:
        """1..32 stretched onto 1..25: 16 becomes 12 and 12 becomes 10, both amber."""
        district = rm.load_scheme("examples/schemes/nonlinear-impact-4x4.toml")
        mappings = by_rating(district, S5)
        done = [convert(district.parse(t), S5, mappings=mappings) for t in ("I4 L2", "I3 L3",
                                                                            "I4 L4", "I1 L1")]
        assert [(str(c.result), c.result.value, c.rule) for c in done] == [
            ("3x4", 12, "declared:by-rating"), ("2x5", 10, "declared:by-rating"),
            ("5x5", 25, "declared:by-rating"), ("1x1", 1, "declared:by-rating")]

    def test_level_tables_are_refused(self) -> None:
        """A mapping by rating has no level tables to follow."""
        with pytest.raises(rm.SchemeError, match=r"^m\.toml: \$\.by: a mapping by rating "
                                                 r"takes no likelihood or impact table"):
            mapping_from_toml('id = "m"\nfrom = "a"\nto = "b"\nby = "rating"\n'
                              '[likelihood]\n"1" = "1"\n', source="m.toml")

    def test_the_file_round_trips(self) -> None:
        """by = "rating" is read and written back."""
        from riskmodel.documents import mapping_from_dict, mapping_to_dict

        mapping = mapping_from_toml('id = "m"\nfrom = "a"\nto = "b"\nby = "rating"\n')
        assert mapping_to_dict(mapping) == {"id": "m", "from": "a", "to": "b", "by": "rating"}
        assert mapping_from_dict(mapping_to_dict(mapping)) == mapping


class TestWhatIsNotCarriedOver:
    """Stated bands, impact per dimension and factors off the grid stay with the original."""

    def test_reasons(self) -> None:
        """Each part that only the source scheme can hold is a reason, once, in order."""
        town = rm.load_scheme("examples/schemes/dimensions-na-5x5.toml")
        reg = rm.Register(scheme=town, risks=[
            rm.Risk(id="A", current=town.parse_assessment("3x3 red (finance 3, data n/a)")),
            rm.Risk(id="B", current=town.parse_assessment("Amber")),
            rm.Risk(id="C", current=town.parse_assessment("likelihood 2.5, impact 4")),
            rm.Risk(id="D", current=town.parse_assessment("3x3 amber")),
        ])
        done = convert_register(reg, S5, mappings=NO_MAPPINGS)
        assert [(s.risk_id, s.reasons) for s in done.stages] == [
            ("A", ("the stated band red disagreed with the cell and is not carried over",
                   "the impact per dimension (finance 3, data n/a) is not carried over")),
            ("B", ("incomplete: likelihood ?, impact ?, band amber has no cell to convert; "
                   "only the known factor is converted",
                   "the stated band amber is not carried over")),
            ("C", ("incomplete: likelihood 2.5, impact 4 has no cell to convert; only the "
                   "known factor is converted",
                   "the factors off the grid (likelihood 2.5) are not carried over")),
            ("D", ()),
        ]
        assert [(reason, [s.risk_id for s in stages]) for reason, stages in done.losses][:1] == [
            ("the stated band red disagreed with the cell and is not carried over", ["A"])]
