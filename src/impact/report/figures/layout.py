"""Fixed figure margins, measured from the text the figure holds.

matplotlib's "constrained" layout engine draws every artist to measure it, each time a
figure is saved; in the team reports that was a quarter of the drawing time (measured
with ``benchmarks/bench_reports.py``). The report figures have a known structure (one
column of labels on the left, a title on top, a legend or a note at the bottom), so their
margins are set once, in inches, from the widths of their labels measured with the font
metrics matplotlib itself uses (:data:`matplotlib.textpath.text_to_path`: no drawing).
"""

from __future__ import annotations

from collections.abc import Iterable

from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import text_to_path
from matplotlib.ticker import Formatter

from impact.report.formatting import format_number

__all__ = ["POINT", "TickFormatter", "set_margins", "text_width", "title"]

#: One typographic point, in inches.
POINT = 1 / 72


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
    """
    width, height = fig.get_size_inches()
    axes_w = max((width - left - right - (ncols - 1) * wgap) / ncols, 0.1)
    axes_h = max((height - top - bottom - (nrows - 1) * hgap) / nrows, 0.1)
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
