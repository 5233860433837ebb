"""riskmodel: a typed domain model for public-sector risk registers.

Scoring schemes are data; scores never travel without their scheme; registers load
from and dump to a lossless JSON format.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from riskmodel import examples as examples  # the module, reachable as riskmodel.examples
from riskmodel.appetite import (
    Appetite,
    AppetiteLevel,
    AppetitePolicy,
    AppetiteStatus,
    AtAppetite,
    appetite_status,
)
from riskmodel.assessment import Assessment, Stage
from riskmodel.changes import (
    DiffSummary,
    FieldChange,
    ItemChange,
    RegisterDiff,
    RegisterHead,
    Removal,
    RiskMatch,
    ScoreChange,
    TextChange,
    apply,
    diff,
    invert,
)
from riskmodel.check import Finding, Severity, check, failing
from riskmodel.convert import (
    Conversion,
    RegisterConversion,
    Reversal,
    StageConversion,
    convert,
    convert_register,
)
from riskmodel.cost import Cost
from riskmodel.dates import DateText
from riskmodel.direction import Direction, Trend, trend_of
from riskmodel.errors import (
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
from riskmodel.mapping import MappingBasis, SchemeMapping
from riskmodel.matching import MatchNote, MatchReason, similarity
from riskmodel.profile import Movement, Profile, explain, heatmap, movement, profile
from riskmodel.provenance import Provenance
from riskmodel.register import HeatMap, Placement, Register, Section
from riskmodel.registry import (
    MappingRegistry,
    SchemeRegistry,
    builtin_mappings,
    builtin_schemes,
    load_mapping,
    load_scheme,
    mapping_from_toml,
    scheme_from_toml,
)
from riskmodel.risk import Action, Control, Risk, RiskState, Status, is_placeholder
from riskmodel.scale import Level, Scale
from riskmodel.scheme import Band, Notation, NotationWords, RatingRule, RuleKind, ScoringScheme
from riskmodel.score import Score
from riskmodel.serialize import FORMAT_VERSION, dump, dumps, load, loads, validate
from riskmodel.timeline import History, Timeline, history

try:
    __version__ = version("riskmodel")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = [
    "FORMAT_VERSION",
    "Action",
    "Appetite",
    "AppetiteLevel",
    "AppetiteLevelError",
    "AppetitePolicy",
    "AppetiteStatus",
    "Assessment",
    "AtAppetite",
    "Band",
    "BandError",
    "Control",
    "Conversion",
    "Cost",
    "DateText",
    "DiffSummary",
    "Direction",
    "FieldChange",
    "Finding",
    "HeatMap",
    "History",
    "ItemChange",
    "LayoutError",
    "Level",
    "LevelError",
    "LoadError",
    "MappingBasis",
    "MappingRegistry",
    "MatchNote",
    "MatchReason",
    "MissingExtraError",
    "Movement",
    "Notation",
    "NotationError",
    "NotationWords",
    "OutputError",
    "PatchError",
    "Placement",
    "Profile",
    "Provenance",
    "RatingRule",
    "ReadError",
    "Register",
    "RegisterConversion",
    "RegisterDiff",
    "RegisterHead",
    "Removal",
    "Reversal",
    "Risk",
    "RiskMatch",
    "RiskModelError",
    "RiskNotFoundError",
    "RiskState",
    "RuleKind",
    "Scale",
    "SchemeError",
    "SchemeMapping",
    "SchemeMismatchError",
    "SchemeRegistry",
    "Score",
    "ScoreChange",
    "ScoringScheme",
    "Section",
    "Severity",
    "Stage",
    "StageConversion",
    "Status",
    "TextChange",
    "Timeline",
    "Trend",
    "UnknownExampleError",
    "UnknownMappingError",
    "UnknownSchemeError",
    "ValidationError",
    "ValueTypeError",
    "__version__",
    "appetite_status",
    "apply",
    "builtin_mappings",
    "builtin_schemes",
    "check",
    "convert",
    "convert_register",
    "diff",
    "dump",
    "dumps",
    "explain",
    "failing",
    "heatmap",
    "history",
    "invert",
    "is_placeholder",
    "load",
    "load_mapping",
    "load_scheme",
    "loads",
    "mapping_from_toml",
    "movement",
    "profile",
    "scheme_from_toml",
    "similarity",
    "trend_of",
    "validate",
]
