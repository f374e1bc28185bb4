"""The training report's figures: satisfaction by domain, quiz score before and after.

Both draw publishable rows only (the caller leaves out the suppressed ones) and return a
:class:`matplotlib.figure.Figure` that the caller closes.
"""

from __future__ import annotations

from matplotlib.figure import Figure

from impact.report.figures.layout import (
    TickFormatter,
    plain_text,
    set_margins,
    text_width,
    title,
    wrap,
)

__all__ = ["quiz_chart", "satisfaction_chart"]

_FONT = 8
_ROW = 0.32  # inches per row
_BEFORE, _AFTER, _MEAN = "#9e9e9e", "#2166ac", "#2166ac"


def _frame(labels: list[str], heading: str, note: str, width: float = 6.0) -> tuple:
    """A figure of one row per label, its margins measured from the labels."""
    wrapped = [wrap(label, 34) for label in labels]
    fig = Figure(figsize=(width, 0.9 + _ROW * len(labels)))
    ax = fig.add_subplot()
    set_margins(fig, left=text_width(wrapped, _FONT) + 0.2, right=0.25, top=0.4, bottom=0.6)
    title(fig, heading)
    fig.text(0.08 / width, 0.06 / fig.get_size_inches()[1], note, fontsize=_FONT - 1,
             color="#555555", ha="left", va="bottom")  # fmt: skip
    positions = list(range(len(labels)))[::-1]
    ax.set_yticks(positions, wrapped, fontsize=_FONT)
    ax.set_ylim(-0.6, len(labels) - 0.4)
    ax.tick_params(axis="x", labelsize=_FONT)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig, ax, positions


@plain_text
def satisfaction_chart(
    rows: list[tuple[str, float, float, float]], *, low: float, high: float, lang: str,
    heading: str, note: str,
) -> Figure:  # fmt: skip
    """Mean satisfaction score per domain with its interval, on the scale ``low``–``high``.

    Parameters
    ----------
    rows : list of (label, mean, ci_low, ci_high)
        One row per domain, top to bottom.
    low, high : float
        The scale's ends (the axis).
    lang : {"fr", "en"}
    heading, note : str
        The title and the note under the axis (already translated).
    """
    fig, ax, y = _frame([r[0] for r in rows], heading, note)
    for pos, (_, mean, ci_low, ci_high) in zip(y, rows, strict=True):
        if ci_low == ci_low and ci_high == ci_high:  # not NaN
            ax.plot([ci_low, ci_high], [pos, pos], color=_MEAN, linewidth=1.6)
        ax.plot([mean], [pos], "o", color=_MEAN, markersize=5)
    ax.set_xlim(low - 0.1, high + 0.1)
    ax.xaxis.set_major_formatter(TickFormatter(lang))
    return fig


@plain_text
def quiz_chart(
    rows: list[tuple[str, float, float]], *, lang: str, heading: str, before: str, after: str,
    note: str,
) -> Figure:  # fmt: skip
    """Mean quiz score (0–1, shown in %) before and after, one row per group of pairs.

    Parameters
    ----------
    rows : list of (label, mean before, mean after)
    lang : {"fr", "en"}
    heading, before, after, note : str
        Title, legend texts of the two moments and the note under the axis.
    """
    fig, ax, y = _frame([r[0] for r in rows], heading, note)
    for pos, (_, pre, post) in zip(y, rows, strict=True):
        ax.annotate("", xy=(100 * post, pos), xytext=(100 * pre, pos),
                    arrowprops={"arrowstyle": "->", "color": "#555555", "lw": 1})  # fmt: skip
    ax.plot([100 * r[1] for r in rows], y, "o", color=_BEFORE, markersize=5, label=before)
    ax.plot([100 * r[2] for r in rows], y, "o", color=_AFTER, markersize=5, label=after)
    ax.set_xlim(-2, 102)
    ax.xaxis.set_major_formatter(TickFormatter(lang))
    ax.legend(loc="lower right", fontsize=_FONT - 1, frameon=False, bbox_to_anchor=(1, 1.01),
              ncols=2, borderaxespad=0)  # fmt: skip
    return fig
