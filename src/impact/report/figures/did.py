"""Event-study chart of a staggered difference-in-differences (Callaway & Sant'Anna)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator
from scipy import stats

from impact.report.figures.layout import plain_text, wrap
from impact.report.formatting import format_number
from impact.report.labels import LANGUAGES, t

__all__ = ["event_study_chart"]

PRE_COLOUR, POST_COLOUR = "#7f7f7f", "#2166ac"


def _level(rows: pd.DataFrame) -> int:
    """Confidence level (%) implied by the intervals and SEs (95 when it cannot be told)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        z = ((rows["ci_high"] - rows["estimate"]) / rows["se"]).to_numpy(dtype=float)
    z = z[np.isfinite(z) & (z > 0)]
    return int(round(100 * (2 * stats.norm.cdf(np.median(z)) - 1))) if len(z) else 95


@plain_text
def event_study_chart(
    event_study: pd.DataFrame,
    *,
    title: str | None = None,
    lang: str = "fr",
    ax: Axes | None = None,
) -> Figure:
    """Estimates and confidence intervals by event time, with the start of treatment.

    Pre-treatment estimates (event time < 0: the parallel-trends check) in grey,
    post-treatment ones in blue; a horizontal line at 0 and a dashed vertical line
    between event times −1 and 0. Simultaneous bands are drawn as a shaded area when the
    table has ``band_low`` / ``band_high``.

    Parameters
    ----------
    event_study : pandas.DataFrame
        :attr:`impact.stats.did.StaggeredDiDResult.event_study` (columns ``event_time``,
        ``estimate``, ``ci_low``, ``ci_high``, ``se``).
    title : str, optional
        Figure title; default the translated ``plot.did.title``.
    lang : {"fr", "en"}
        Language of the labels (French by default).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; default a new figure.

    Returns
    -------
    matplotlib.figure.Figure
        The figure (the caller closes it).
    """
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {LANGUAGES}. Got {lang!r}.")
    missing = {"event_time", "estimate", "ci_low", "ci_high"} - set(event_study.columns)
    if missing:
        raise ValueError(f"event_study lacks column(s) {sorted(missing)}.")
    if ax is None:
        fig = Figure(figsize=(7.0, 3.6), layout="constrained")  # no pyplot: no global state
        ax = fig.add_subplot()
    else:
        fig = ax.figure
    rows = event_study.sort_values("event_time")
    rows = rows[np.isfinite(rows["estimate"].to_numpy(dtype=float))]
    if "se" not in rows:
        rows = rows.assign(se=np.nan)
    level = _level(rows)
    e = rows["event_time"].to_numpy(dtype=float)
    est = rows["estimate"].to_numpy(dtype=float)
    if {"band_low", "band_high"} <= set(rows.columns) and len(rows):
        ax.fill_between(e, rows["band_low"].to_numpy(dtype=float),
                        rows["band_high"].to_numpy(dtype=float), color=POST_COLOUR, alpha=0.12,
                        step="mid", lw=0, label=t("plot.did.band", lang, level=level))  # fmt: skip
    for mask, colour, key in ((e < 0, PRE_COLOUR, "plot.did.pre"),
                              (e >= 0, POST_COLOUR, "plot.did.post")):  # fmt: skip
        if not mask.any():
            continue
        low = np.where(np.isfinite(rows["ci_low"]), rows["ci_low"], est)[mask]
        high = np.where(np.isfinite(rows["ci_high"]), rows["ci_high"], est)[mask]
        ax.errorbar(e[mask], est[mask], yerr=[est[mask] - low, high - est[mask]], fmt="o",
                    color=colour, ecolor=colour, elinewidth=1.2, capsize=2,
                    markersize=4 if len(e) > 30 else 6, label=t(key, lang))  # fmt: skip
    ax.axhline(0.0, color="#333333", lw=0.8)
    ax.axvline(-0.5, color="#b2182b", lw=1.0, ls="--")
    if not len(rows):
        ax.text(0.5, 0.5, t("plot.did.empty", lang), transform=ax.transAxes, ha="center",
                va="center", color="#6b6b6b")  # fmt: skip
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: format_number(v, lang=lang,
                                                                           digits=2)))  # fmt: skip
    ax.set_xlabel(t("plot.did.xlabel", lang))
    ax.set_ylabel(f"{t('plot.did.ylabel', lang)}\n{t('plot.did.interval', lang, level=level)}")
    ax.set_title(wrap(title if title is not None else t("plot.did.title", lang), 70), fontsize=10)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=8, loc="best", frameon=False)
    return fig
