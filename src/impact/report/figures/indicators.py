"""Before/after forest of a team's indicator changes: one row per indicator."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from impact.report.figures.layout import plain_text, set_margins, text_width, title, wrap
from impact.report.formatting import format_number
from impact.report.labels import t

__all__ = ["change_chart"]

VERDICT_COLOURS = {"improved": "#1b7837", "worsened": "#b2182b", "inconclusive": "#6b6b6b"}
#: Height of one indicator's row, in inches (its label holds two lines of 8 points).
ROW = 0.34
#: Characters per line of an indicator's label (two lines at most, then "…").
LABEL_WIDTH = 40


def _unit(row, labels: pd.DataFrame, lang: str) -> str:
    """What the change measures: a ratio, percentage points, or the indicator's unit."""
    if row.scale == "log":
        return t("plot.change.ratio", lang)
    if row.kind == "proportion":
        return t("plot.change.points", lang)
    unit = labels.loc[row.indicator, f"unit_{lang}"] if row.indicator in labels.index else ""
    return unit if isinstance(unit, str) else ""


def _value_text(row, lang: str) -> str:
    """The change and its interval, e.g. ``−1,2 [−2,0 ; −0,4]`` (``×0,85 […]`` for ratios)."""
    if not np.isfinite(row.estimate):
        return "–"
    ratio = row.scale == "log"
    reach = max(abs(v) for v in (row.estimate, row.ci_low, row.ci_high) if np.isfinite(v))
    digits = 2 if reach < 10 else 1 if reach < 100 else 0

    def num(value: float) -> str:
        return format_number(value, lang=lang, digits=digits, sign=not ratio)

    text = ("×" if ratio else "") + num(row.estimate)
    if np.isfinite(row.ci_low) and np.isfinite(row.ci_high):
        sep = " ; " if lang == "fr" else ", "
        text += f" [{num(row.ci_low)}{sep}{num(row.ci_high)}]"
    return text


def _limits(row) -> tuple[float, float]:
    """Limits centred on the line of no change (0, or 1 for a ratio), 15 % beyond the
    farthest of the change and its interval."""
    values = np.array([row.estimate, row.ci_low, row.ci_high], dtype=float)
    if row.scale == "log":
        values = np.log(values[np.isfinite(values) & (values > 0)])
        reach = 1.15 * max(np.max(np.abs(values), initial=0.0), np.log(1.1))
        return float(np.exp(-reach)), float(np.exp(reach))
    reach = 1.15 * max(np.max(np.abs(values[np.isfinite(values)]), initial=0.0), 1e-9)
    return -reach, reach


@plain_text
def change_chart(effects: pd.DataFrame, catalogue: pd.DataFrame, *, lang: str = "fr") -> Figure:
    """A compact forest of a team's indicator changes: one row per indicator.

    Each row has the indicator's label (and unit) on the left, the change (dot, coloured
    by the verdict) and its confidence interval in the middle, on the row's own scale
    centred on the dashed line of no change (0, or 1 for ratios on a log scale), and
    the change with its interval written on the right. Indicators have different
    units, so the rows have no common axis: the written values give each row's scale.

    Parameters
    ----------
    effects : pandas.DataFrame
        Rows of :func:`impact.indicators.periods.compare_periods` for one team.
    catalogue : pandas.DataFrame
        The indicator catalogue (``code``, ``label_fr``/``label_en``, ``unit_fr``/``unit_en``).
    lang : {"fr", "en"}
        Language of the labels.

    Returns
    -------
    matplotlib.figure.Figure
        Built without pyplot: no window, no global state to close.
    """
    labels = catalogue.set_index("code")
    rows = list(effects.reset_index(drop=True).itertuples(index=False))
    names = []
    for row in rows:
        name = labels.loc[row.indicator, f"label_{lang}"] if row.indicator in labels.index else ""
        name = str(name) if isinstance(name, str) and name else str(row.indicator)
        unit = _unit(row, labels, lang)
        names.append(wrap(f"{name} ({unit})" if unit else name, LABEL_WIDTH))
    values = [_value_text(row, lang) for row in rows]
    n = max(len(rows), 1)
    fig = Figure(figsize=(7.0, ROW * n + 0.75))
    set_margins(fig, left=text_width(names, 8) + 0.15, right=text_width(values, 7.5) + 0.15,
                top=0.35, bottom=0.4, nrows=n)  # fmt: skip
    axes = fig.subplots(n, 1, squeeze=False)[:, 0]
    for ax, row, name, value in zip(axes, rows, names, values, strict=False):
        ratio = row.scale == "log"
        null = 1.0 if ratio else 0.0
        if ratio:
            ax.set_xscale("log")
        ax.set_xlim(*_limits(row))
        ax.set_ylim(-0.5, 0.5)
        ax.axvline(null, color="#999999", lw=0.8, ls="--")
        if np.isfinite(row.estimate):
            colour = VERDICT_COLOURS.get(row.verdict, VERDICT_COLOURS["inconclusive"])
            lo = row.ci_low if np.isfinite(row.ci_low) else row.estimate
            hi = row.ci_high if np.isfinite(row.ci_high) else row.estimate
            ax.hlines([0], [lo], [hi], color=colour, lw=1.6)
            ax.plot([row.estimate], [0], "o", color=colour, ms=5.5)
        ax.set_yticks([0], [name], fontsize=8)
        ax.tick_params(axis="y", length=0)
        ax.set_xticks([])
        ax.minorticks_off()
        ax.text(1.02, 0.5, value, transform=ax.transAxes, ha="left", va="center", fontsize=7.5)
        ax.axhline(-0.5, color="0.9", lw=0.6)
        for side in ax.spines.values():
            side.set_visible(False)
    handles = [Line2D([], [], marker="o", ls="-", color=VERDICT_COLOURS[v], ms=5,
                      label=t(f"verdict.{v}", lang)) for v in VERDICT_COLOURS]  # fmt: skip
    handles.append(Line2D([], [], ls="--", color="#999999", label=t("plot.change.no-change", lang)))
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncols=4,
               fontsize=7.5, frameon=False)  # fmt: skip
    title(fig, t("plot.change.title", lang), fontsize=9.5)
    return fig
