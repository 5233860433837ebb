"""Heat map and movement figures with matplotlib (the ``plot`` extra).

Cells are coloured by the scheme's band colours and laid out by severity, whatever the
printed codes: the most likely row is at the top and the most severe impact column on
the right, so Leicestershire's likelihood ``1`` (very likely) and impact ``A`` (severe)
meet in the top right corner. Each artist carries a ``gid`` naming what it draws
(``cell:<likelihood>:<impact>``, ``refs:<likelihood>:<impact>``, ``move:<risk id>``,
``still:<risk id>``), so a figure can be checked by its content.

>>> import riskmodel
>>> from riskmodel import plot
>>> ax = plot.heatmap(riskmodel.examples.load("fenbridge-corporate-2026-q3"), "current")
>>> [t.get_text() for t in ax.get_yticklabels()][-1], ax.get_xlabel()
('5 Almost certain', 'Impact')
>>> plot.cell_text(ax, "4", "5")
'1, 2, 6'
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

from riskmodel._extras import need
from riskmodel.assessment import Stage
from riskmodel.errors import ValidationError
from riskmodel.profile import heatmap as placed_refs
from riskmodel.register import Register
from riskmodel.risk import unique_labels
from riskmodel.scale import Level
from riskmodel.scheme import Band, ScoringScheme

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "FORMATS",
    "MIN_FONT_SIZE",
    "band_colour",
    "cell_text",
    "figure",
    "heatmap",
    "image",
    "movement",
]

#: The file formats :func:`image` writes.
FORMATS = ("png", "svg")

#: Labels shrink to this size before refs are left out of a crowded cell.
MIN_FONT_SIZE = 6.0
_FONT_SIZE = 9.0
#: Band keys that are colour words matplotlib does not know.
_KEY_COLOURS = {"amber": "#ffbf00", "rag-amber": "#ffbf00"}
_NO_BAND = "#e0e0e0"
_TITLES = {
    Stage.INHERENT: "Inherent (before controls)",
    Stage.CURRENT: "Current (with existing controls)",
    Stage.TARGET: "Target (after further actions)",
}


def _matplotlib() -> Any:
    return need("matplotlib", "plot", "a figure")


def band_colour(band: Band | None) -> str:
    """The colour a band is drawn in: its own, else its key when that names a colour.

    >>> import riskmodel
    >>> [band_colour(b) for b in riskmodel.builtin_schemes().get("generic-4x4").bands]
    ['#2e7d32', '#f9a825', '#c62828']
    >>> band_colour(riskmodel.Band("amber", "Medium")), band_colour(None)
    ('#ffbf00', '#e0e0e0')
    """
    from matplotlib.colors import is_color_like, to_hex

    if band is None:
        return _NO_BAND
    for candidate in (band.colour, band.key.casefold()):
        if candidate and is_color_like(candidate):
            return str(to_hex(candidate))
    return _KEY_COLOURS.get(band.key.casefold(), _NO_BAND)


def _ink(colour: str) -> str:
    from matplotlib.colors import to_rgb

    red, green, blue = to_rgb(colour)
    return "black" if 0.299 * red + 0.587 * green + 0.114 * blue > 0.55 else "white"


def _level(level: Level) -> str:
    return level.code if level.label in ("", level.code) else f"{level.code} {level.label}"


def figure(scheme: ScoringScheme) -> Figure:
    """A figure sized for *scheme*'s grid, made without pyplot (for files)."""
    from matplotlib.figure import Figure

    return Figure(figsize=_size(scheme), layout="constrained")


def _size(scheme: ScoringScheme) -> tuple[float, float]:
    return (1.5 * len(scheme.impact) + 3.2, 1.0 * len(scheme.likelihood) + 1.6)


def _axes(scheme: ScoringScheme, ax: Axes | None) -> Axes:
    if ax is not None:
        return ax
    _matplotlib()
    import matplotlib.pyplot as plt

    _, made = plt.subplots(figsize=_size(scheme), layout="constrained")
    return made


def _grid(ax: Axes, scheme: ScoringScheme, *, alpha: float = 1.0) -> None:
    """The coloured cells, the level labels on both axes in severity order, and a legend."""
    from matplotlib.patches import Patch, Rectangle

    for row, likelihood in enumerate(scheme.likelihood):
        for column, impact in enumerate(scheme.impact):
            band = scheme.band_of(likelihood, impact)
            ax.add_patch(Rectangle(
                (column, row), 1, 1, facecolor=band_colour(band), edgecolor="white",
                linewidth=1.5, alpha=alpha, gid=f"cell:{likelihood.code}:{impact.code}"))
    ax.set_xlim(0, len(scheme.impact))
    ax.set_ylim(0, len(scheme.likelihood))
    ax.set_xticks([i + 0.5 for i in range(len(scheme.impact))],
                  [_level(level) for level in scheme.impact], fontsize=8)
    ax.set_yticks([i + 0.5 for i in range(len(scheme.likelihood))],
                  [_level(level) for level in scheme.likelihood], fontsize=8)
    ax.set_xlabel(scheme.impact.name.capitalize())
    ax.set_ylabel(scheme.likelihood.name.capitalize())
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    if scheme.bands:
        handles = [Patch(facecolor=band_colour(b), label=b.label or b.key) for b in scheme.bands]
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1),
                  frameon=False, fontsize=8, title="Bands", title_fontsize=8)


def _cell_inches(ax: Axes, scheme: ScoringScheme) -> tuple[float, float]:
    from matplotlib.figure import Figure

    holder = ax.figure
    root = holder if isinstance(holder, Figure) else holder.figure
    width, height = root.get_size_inches()
    box = ax.get_position()
    return (width * box.width / len(scheme.impact) * 0.85,
            height * box.height / len(scheme.likelihood) * 0.85)


def _fit(refs: tuple[str, ...], width: float, height: float) -> tuple[str, float]:
    """The refs as lines that fit a cell of *width* × *height* inches, and the font size.

    The font shrinks to :data:`MIN_FONT_SIZE`; refs that still do not fit are counted in
    a last line, ``+12 more``.
    """
    text = ", ".join(refs)
    size = _FONT_SIZE
    while True:
        columns = max(4, int(width * 72 / (size * 0.62)))
        rows = max(1, int(height * 72 / (size * 1.3)))
        lines = textwrap.wrap(text, columns, break_long_words=False, break_on_hyphens=False)
        if len(lines) <= rows or size <= MIN_FONT_SIZE:
            break
        size = max(MIN_FONT_SIZE, size - 1)
    if len(lines) <= rows:
        return "\n".join(lines), size
    shown: list[str] = []
    for count in range(len(refs), -1, -1):
        more = len(refs) - count
        head = ", ".join(refs[:count])
        shown = textwrap.wrap(head, columns, break_long_words=False, break_on_hyphens=False)
        if len(shown) + 1 <= rows:
            return "\n".join([*shown, f"+{more} more"]), size
    return f"+{len(refs)} more", size  # pragma: no cover - one line always fits the count


def heatmap(register: Register, stage: Stage | str = Stage.CURRENT,
            ax: Axes | None = None) -> Axes:
    """The open risks' refs placed in the scheme's grid at *stage*, on *ax* (or a new figure).

    Each cell is filled with its band's colour and holds the refs (``Risk.label``; the id
    where two risks print the same ref) of the risks scored there, in register order,
    wrapped to the cell; a crowded cell shrinks its font, then counts the refs it cannot
    show (``+12 more``). A risk lacking a factor at *stage* is counted in the title, not
    placed.
    """
    _matplotlib()
    stage = Stage(stage)
    scheme = register.scheme
    ax = _axes(scheme, ax)
    _grid(ax, scheme)
    width, height = _cell_inches(ax, scheme)
    cells = placed_refs(register, stage)
    count = sum(len(refs) for refs in cells.values())
    for row, likelihood in enumerate(scheme.likelihood):
        for column, impact in enumerate(scheme.impact):
            refs = cells[(likelihood.code, impact.code)]
            if not refs:
                continue
            text, size = _fit(refs, width, height)
            colour = band_colour(scheme.band_of(likelihood, impact))
            ax.text(column + 0.5, row + 0.5, text, ha="center", va="center", fontsize=size,
                    color=_ink(colour), gid=f"refs:{likelihood.code}:{impact.code}",
                    linespacing=1.1)
    total = len(register.open_risks)
    placed = (f"all {total} open risks placed" if count == total
              else f"{count} of {total} open risks placed")
    ax.set_title(f"{_TITLES[stage]}\n{placed}", fontsize=10)
    return ax


def cell_text(ax: Axes, likelihood: str, impact: str) -> str:
    """The text a heat map drew in the cell (*likelihood*, *impact*), ``""`` when empty."""
    for artist in ax.texts:
        if artist.get_gid() == f"refs:{likelihood}:{impact}":
            return str(artist.get_text())
    return ""


def movement(register: Register, ax: Axes | None = None) -> Axes:
    """An arrow per open risk from its current cell to its target cell, on *ax* (or a new one).

    Arrows start and end at distinct points inside their cells, so risks sharing a cell
    stay apart; each starts at the risk's ref. A risk whose target is its current cell
    is a dot. Risks lacking either score are counted in the title.
    """
    _matplotlib()
    scheme = register.scheme
    ax = _axes(scheme, ax)
    _grid(ax, scheme, alpha=0.35)
    lk_rank = {level.code: rank for rank, level in enumerate(scheme.likelihood)}
    im_rank = {level.code: rank for rank, level in enumerate(scheme.impact)}
    moves = []
    for risk in register.open_risks:
        current = risk.current.score if risk.current is not None else None
        target = risk.target.score if risk.target is not None else None
        if current is not None and target is not None:
            moves.append((risk, current, target))
    starts: dict[tuple[str, str], int] = {}
    ends: dict[tuple[str, str], int] = {}
    per_start: dict[tuple[str, str], int] = {}
    per_end: dict[tuple[str, str], int] = {}
    for _, current, target in moves:
        key = (current.likelihood.code, current.impact.code)
        per_start[key] = per_start.get(key, 0) + 1
        key = (target.likelihood.code, target.impact.code)
        per_end[key] = per_end.get(key, 0) + 1

    def point(cell: tuple[str, str], seen: dict[tuple[str, str], int],
              totals: dict[tuple[str, str], int]) -> tuple[float, float]:
        index = seen.get(cell, 0)
        seen[cell] = index + 1
        side = max(1, int(totals[cell] ** 0.5 + 0.999))
        across, down = index % side, index // side
        return (im_rank[cell[1]] + (across + 0.5) / side,
                lk_rank[cell[0]] + 1 - (down + 0.5) / side)

    labels = unique_labels(register.risks)
    for risk, current, target in moves:
        start = point((current.likelihood.code, current.impact.code), starts, per_start)
        end = point((target.likelihood.code, target.impact.code), ends, per_end)
        if current == target:
            ax.plot(*start, marker="o", markersize=4, color="black", gid=f"still:{risk.id}")
        else:
            ax.annotate("", xy=end, xytext=start, gid=f"move:{risk.id}",
                        arrowprops={"arrowstyle": "->", "color": "black", "lw": 0.9,
                                    "shrinkA": 0, "shrinkB": 0})
        ax.text(*start, labels[risk.id], fontsize=7, ha="right", va="bottom",
                gid=f"ref:{risk.id}")
    total = len(register.open_risks)
    shown = (f"all {total} open risks" if len(moves) == total
             else f"{len(moves)} of {total} open risks (the others lack a current or target "
             "score)")
    ax.set_title(f"Current → target\n{shown}", fontsize=10)
    return ax


def image(register: Register, stage: Stage | str = Stage.CURRENT, *, format: str = "png",
          moves: bool = False) -> bytes:
    """The heat map at *stage* (or, with *moves*, the movement plot) as PNG or SVG bytes.

    The figure is drawn without pyplot and rendered in memory, so a caller can write the
    file in one step (``riskmodel heatmap --png`` writes it atomically).
    """
    import io

    matplotlib = _matplotlib()
    if format not in FORMATS:
        raise ValidationError(f"{format!r} is not one of {', '.join(FORMATS)}", "format")
    drawn = figure(register.scheme)
    ax = drawn.add_subplot()
    if moves:
        movement(register, ax)
    else:
        heatmap(register, stage, ax)
    buffer = io.BytesIO()
    # No date or software version in the file, and SVG ids from a fixed salt, so the same
    # register gives the same bytes.
    metadata = {"Date": None, "Creator": None} if format == "svg" else {"Software": None}
    with matplotlib.rc_context({"svg.hashsalt": "riskmodel"}):
        drawn.savefig(buffer, format=format, dpi=150, metadata=metadata)
    return buffer.getvalue()
