"""The comments section's figure: share of comments by theme before and after, with the
negative share inside each bar.

It draws publishable values only (a theme hidden in a period has no bar there: the caller
passes NaN) and returns a :class:`matplotlib.figure.Figure` that the caller closes.
"""

from __future__ import annotations

import math

from matplotlib.figure import Figure
from matplotlib.patches import Patch

from impact.report.figures.layout import TickFormatter, plain_text, set_margins, text_width, title
from impact.report.figures.layout import wrap as wrap_label

__all__ = ["theme_bars"]

_FONT = 8
_ROW = 0.24  # inches per theme
_HEIGHT = 0.4  # bar height, in rows
_BEFORE, _AFTER = "#bdbdbd", "#92c5de"
_BEFORE_NEG, _AFTER_NEG = "#636363", "#2166ac"


@plain_text
def theme_bars(
    rows: list[tuple[str, float, float, float, float]], *, lang: str, heading: str,
    before: str, after: str, negative: str, note: str,
) -> Figure:  # fmt: skip
    """Share of comments touching each theme (0–1, shown in %), before and after.

    Parameters
    ----------
    rows : list of (label, share before, negative share before, share after, negative
        share after)
        One row per theme, top to bottom; NaN where the period's value is hidden (no
        bar). The dark part of a bar is the share of the period's comments that touch
        the theme with a negative tone (share × negative share).
    lang : {"fr", "en"}
    heading, before, after, negative, note : str
        Title, legend texts (the two periods, the negative part) and the note under the
        axis, already translated.
    """
    labels = [wrap_label(r[0], 30) for r in rows]
    width = 6.0
    fig = Figure(figsize=(width, 0.95 + _ROW * len(rows)))
    ax = fig.add_subplot()
    set_margins(fig, left=text_width(labels, _FONT) + 0.2, right=0.25, top=0.55, bottom=0.6)
    title(fig, heading)
    fig.text(0.08 / width, 0.06 / fig.get_size_inches()[1], note, fontsize=_FONT - 1,
             color="#555555", ha="left", va="bottom")  # fmt: skip
    y = list(range(len(rows)))[::-1]
    for pos, (_, s0, n0, s1, n1) in zip(y, rows, strict=True):
        bars = ((_HEIGHT / 2, s0, n0, _BEFORE, _BEFORE_NEG),
                (-_HEIGHT / 2, s1, n1, _AFTER, _AFTER_NEG))  # fmt: skip
        for offset, share, neg, light, dark in bars:
            if math.isnan(share):
                continue
            ax.barh(pos + offset, 100 * share, height=_HEIGHT, color=light)
            if not math.isnan(neg):
                ax.barh(pos + offset, 100 * share * neg, height=_HEIGHT, color=dark)
    ax.set_yticks(y, labels, fontsize=_FONT)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.set_xlim(0, 100)
    ax.xaxis.set_major_formatter(TickFormatter(lang))
    ax.tick_params(axis="x", labelsize=_FONT)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    handles = [Patch(color=_BEFORE, label=before), Patch(color=_AFTER, label=after),
               Patch(color=_AFTER_NEG, label=negative)]  # fmt: skip
    ax.legend(handles=handles, loc="lower right", fontsize=_FONT - 1, frameon=False,
              bbox_to_anchor=(1, 1.01), ncols=3, borderaxespad=0)  # fmt: skip
    return fig
