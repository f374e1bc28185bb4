"""Sensitivity of a difference-in-differences effect to parallel trends (HonestDiD-style)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from impact.report.figures.did import POST_COLOUR, PRE_COLOUR
from impact.report.figures.layout import plain_text, wrap
from impact.report.formatting import format_number
from impact.report.labels import LANGUAGES, t
from impact.stats.sensitivity import MBAR_GRID, robust_intervals

__all__ = ["default_grid", "sensitivity_chart"]

BREAKDOWN_COLOUR = "#b2182b"
#: Upper ends of the M̄ axis: the smallest one at least 1.5 × M̄* is used (10 at most).
_AXIS_ENDS = (0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0)


def default_grid(breakdown: float) -> tuple[float, ...]:
    """Eleven values of M̄ from 0 in equal steps, up to the smallest of 0.02, 0.05 … 10
    that is at least 1.5 × ``breakdown`` (so that the breakdown value sits inside the
    chart), or :data:`impact.stats.sensitivity.MBAR_GRID` (0 to 2) without one.

    Examples
    --------
    >>> default_grid(0.06)[-1], default_grid(float("nan"))[-1]
    (0.1, 2.0)
    """
    if not np.isfinite(breakdown) or breakdown <= 0:
        return MBAR_GRID
    end = next((x for x in _AXIS_ENDS if x >= 1.5 * breakdown), _AXIS_ENDS[-1])
    return tuple(float(v) for v in np.linspace(0.0, end, 11))


@plain_text
def sensitivity_chart(
    summary: pd.Series,
    *,
    mbar: Sequence[float] | None = None,
    title: str | None = None,
    lang: str = "fr",
    ax: Axes | None = None,
) -> Figure:
    """The effect's interval against M̄, with the breakdown value marked.

    As HonestDiD's sensitivity plot: at M̄ = 0 the interval under parallel trends (grey),
    then the robust interval of :func:`impact.stats.sensitivity.robust_intervals` for
    each M̄ of the grid (blue), widening with M̄; a horizontal line at 0 and a dashed red
    line at the breakdown value M̄* when it lies within the grid.

    Parameters
    ----------
    summary : pandas.Series
        One row of :func:`impact.stats.sensitivity.relative_magnitude` (or of the
        ``"sensitivity"`` table of :func:`impact.indicators.did.did_by_indicator`).
    mbar : sequence of float, optional
        Values of M̄; default :func:`default_grid` of the breakdown value.
    title : str, optional
        Figure title; default none.
    lang : {"fr", "en"}
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; default a new figure.

    Returns
    -------
    matplotlib.figure.Figure
        The figure (the caller closes it).
    """
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {LANGUAGES}. Got {lang!r}.")
    if ax is None:
        fig = Figure(figsize=(7.0, 3.5), layout="constrained")  # no pyplot: no global state
        ax = fig.add_subplot()
    else:
        fig = ax.figure
    level = int(round(100 * float(summary.get("conf_level", 0.95))))
    post = summary.get("last_event", np.nan)
    post = int(post) + 1 if pd.notna(post) else 12
    breakdown = float(summary.get("breakdown", np.nan))
    grid = robust_intervals(summary, default_grid(breakdown) if mbar is None else mbar)
    m = grid["mbar"].to_numpy(dtype=float)
    low, high = grid["ci_low"].to_numpy(dtype=float), grid["ci_high"].to_numpy(dtype=float)
    est = float(summary["estimate"])
    shown = np.isfinite(low) & np.isfinite(high)
    for mask, colour, key in ((m == 0, PRE_COLOUR, "plot.sensitivity.original"),
                              (m > 0, POST_COLOUR, "plot.sensitivity.robust")):  # fmt: skip
        mask = mask & shown
        if mask.any():
            ax.errorbar(m[mask], np.full(mask.sum(), est), fmt="o", color=colour,
                        yerr=[est - low[mask], high[mask] - est], ecolor=colour,
                        elinewidth=1.6, capsize=3, markersize=4,
                        label=t(key, lang, level=level))  # fmt: skip
    ax.axhline(0.0, color="#333333", lw=0.8)
    if np.isfinite(breakdown) and len(m) and m.min() <= breakdown <= m.max():
        text = format_number(breakdown, lang=lang, digits=2)
        ax.axvline(breakdown, color=BREAKDOWN_COLOUR, lw=1.0, ls="--",
                   label=t("plot.sensitivity.breakdown", lang, mbar=text))  # fmt: skip
    if not shown.any():
        ax.text(0.5, 0.5, t("plot.sensitivity.empty", lang), transform=ax.transAxes,
                ha="center", va="center", color="#6b6b6b")  # fmt: skip
    ax.set_xticks(m)
    step = np.diff(m).min() if len(m) > 1 else 1.0
    digits = 3 if round(step, 9) < 0.01 else 2  # ticks written exactly (0,005 … 0,05)
    ax.xaxis.set_major_formatter(
        FuncFormatter(lambda v, _p: format_number(v, lang=lang, digits=digits))
    )
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: format_number(v, lang=lang, digits=2)))
    ax.set_xlabel(wrap(t("plot.sensitivity.xlabel", lang), 90))
    ax.set_ylabel(wrap(t("plot.sensitivity.ylabel", lang, post=post), 30))
    if title is not None:
        ax.set_title(wrap(title, 70), fontsize=10)
    if ax.get_legend_handles_labels()[0]:  # below the chart: the intervals fill it
        fig.legend(fontsize=8, loc="outside lower center", ncol=3, frameon=False)
    return fig
