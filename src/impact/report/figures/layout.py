"""Fixed figure margins, measured from the text the figure holds.

matplotlib's "constrained" layout engine draws every artist to measure it, each time a
figure is saved; in the team reports that was a quarter of the drawing time (measured
with ``benchmarks/bench_reports.py``). The report figures have a known structure (one
column of labels on the left, a title on top, a legend or a note at the bottom), so their
margins are set once, in inches, from the widths of their labels measured with the font
metrics matplotlib itself uses (:data:`matplotlib.textpath.text_to_path`: no drawing).

Labels come from the users' catalogues, so any text must fit and draw: :func:`wrap`
wraps and shortens a label, and :func:`plain_text` builds a figure with mathtext off, so
that ``$``, ``\\``, ``_`` or ``^`` in a label are drawn as written.
"""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Callable, Iterable
from typing import ParamSpec, TypeVar

import matplotlib
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import text_to_path
from matplotlib.ticker import Formatter

from impact.report.formatting import format_number

__all__ = ["POINT", "TickFormatter", "plain_text", "set_margins", "text_width", "title", "wrap"]

#: One typographic point, in inches.
POINT = 1 / 72
#: The narrowest and lowest axes :func:`set_margins` leaves, in inches (the figure grows
#: instead).
MIN_WIDTH, MIN_HEIGHT = 0.8, 0.15

_P = ParamSpec("_P")
_R = TypeVar("_R")


def plain_text(draw: Callable[_P, _R]) -> Callable[_P, _R]:
    """Build a figure with matplotlib's mathtext off: every text is drawn as written.

    matplotlib reads a text between two ``$`` as a formula, and fails on an unknown
    command (``$\\moyenne$``) however the figure is saved. Its ``text.parse_math``
    setting is read when a text is created, so building the figure under it is enough:
    measured, a forest plot built so with ``$\\moyenne$`` labels saves to SVG and PNG under
    the default settings (mathtext on), where escaping each ``$`` would have to be done at
    every place a label enters a figure. The tick labels matplotlib adds at drawing time
    are numbers.
    """

    @functools.wraps(draw)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with matplotlib.rc_context({"text.parse_math": False}):
            return draw(*args, **kwargs)

    return wrapper


def wrap(text: object, width: int, lines: int = 2) -> str:
    """``text`` wrapped to ``width`` characters, at most ``lines`` lines, "…" if cut.

    Long words (a code, a URL) are broken too, so no label is wider than ``width``.

    Examples
    --------
    >>> wrap("Durée moyenne de séjour", 12)
    'Durée\\nmoyenne de…'
    >>> wrap("T" * 30, 12, lines=1)
    'TTTTTTTTTTT…'
    """
    parts = textwrap.wrap(" ".join(str(text).split()), width) or [""]
    if len(parts) <= lines:
        return "\n".join(parts)
    last = textwrap.shorten(" ".join(parts[lines - 1 :]), width, placeholder="…")
    if last == "…":  # one word longer than the line: cut it
        last = parts[lines - 1][: width - 1] + "…"
    return "\n".join([*parts[: lines - 1], last])


def text_width(texts: Iterable[object], fontsize: float) -> float:
    """Width in inches of the widest line of ``texts`` at ``fontsize`` points.

    Measured with matplotlib's default font (DejaVu Sans, the widest of the fonts an
    SVG figure falls back to), so a label fits whatever font the browser uses.
    """
    prop = FontProperties(size=fontsize)
    widths = [text_to_path.get_text_width_height_descent(line, prop, ismath=False)[0]
              for text in texts for line in str(text).split("\n") if line]  # fmt: skip
    return max(widths, default=0.0) * POINT


def set_margins(
    fig: Figure,
    *,
    left: float,
    right: float,
    top: float,
    bottom: float,
    wgap: float = 0.0,
    hgap: float = 0.0,
    ncols: int = 1,
    nrows: int = 1,
) -> None:
    """Place a grid of subplots with margins and gaps given in inches.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A figure without a layout engine (its subplots may already exist).
    left, right, top, bottom : float
        Space between the grid and the figure's edges, in inches.
    wgap, hgap : float, default 0
        Space between columns and between rows, in inches.
    ncols, nrows : int, default 1
        Shape of the subplot grid (to turn gaps into matplotlib's fractions of the mean
        axes width and height).

    Notes
    -----
    When the margins leave axes narrower than :data:`MIN_WIDTH` or lower than
    :data:`MIN_HEIGHT`, the figure grows to give them that size (long labels never make
    a figure fail).
    """
    width, height = fig.get_size_inches()
    width = max(width, left + right + (ncols - 1) * wgap + ncols * MIN_WIDTH)
    height = max(height, top + bottom + (nrows - 1) * hgap + nrows * MIN_HEIGHT)
    fig.set_size_inches(width, height)
    axes_w = (width - left - right - (ncols - 1) * wgap) / ncols
    axes_h = (height - top - bottom - (nrows - 1) * hgap) / nrows
    fig.subplots_adjust(
        left=left / width,
        right=1 - right / width,
        top=1 - top / height,
        bottom=bottom / height,
        wspace=wgap / axes_w,
        hspace=hgap / axes_h,
    )


def title(fig: Figure, text: str, *, fontsize: float = 10) -> None:
    """The figure's title, top left, 0.08 inch from the edges (whatever the figure size)."""
    width, height = fig.get_size_inches()
    fig.suptitle(text, fontsize=fontsize, x=0.08 / width, y=1 - 0.08 / height, ha="left", va="top")


def _decimals(value: float) -> int:
    """The fewest decimals (0 to 2) that write ``value`` exactly."""
    return next((d for d in (0, 1) if abs(value * 10**d - round(value * 10**d)) < 1e-9), 2)


class TickFormatter(Formatter):
    """Tick labels in the report's number format, with no more decimals than needed.

    By default one number of decimals per axis, the fewest that write every tick exactly
    ("5,0 5,5 6,0", "0 10 20"); ``per_axis=False`` chooses per tick, for the uneven ticks
    of a logarithmic axis ("0,5 0,75 1 1,5 2").
    """

    def __init__(self, lang: str, *, per_axis: bool = True) -> None:
        self.lang = lang
        self.per_axis = per_axis
        self.digits = 2

    def set_locs(self, locs) -> None:
        super().set_locs(locs)
        self.digits = max((_decimals(v) for v in locs), default=0)

    def __call__(self, x: float, pos: int | None = None) -> str:
        digits = self.digits if self.per_axis else _decimals(x)
        return format_number(x, lang=self.lang, digits=digits)
