"""Before/after dot-and-interval chart of a team's indicator changes."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, NullLocator

from impact.report.figures.layout import TickFormatter, set_margins, title
from impact.report.labels import t

__all__ = ["change_chart"]

VERDICT_COLOURS = {"improved": "#1b7837", "worsened": "#b2182b", "inconclusive": "#6b6b6b"}


def change_chart(effects: pd.DataFrame, catalogue: pd.DataFrame, *, lang: str = "fr") -> Figure:
    """One small panel per indicator: the change (dot) and its confidence interval.

    Indicators have different units, so each panel has its own axis, with the line of no
    change (0, or 1 for ratios, drawn on a log axis) and the dot coloured by the verdict.

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
    rows = effects.reset_index(drop=True)
    fig = Figure(figsize=(7.5, 0.62 * len(rows) + 0.9))
    # suptitle and first panel title above; tick labels under each panel, then the next
    # panel's title
    set_margins(
        fig, left=0.15, right=0.25, top=0.62, bottom=0.3, hgap=0.46, nrows=max(len(rows), 1)
    )
    axes = fig.subplots(len(rows), 1, squeeze=False)
    for ax, row in zip(axes[:, 0], rows.itertuples(index=False), strict=True):
        ratio = row.scale == "log"
        null = 1.0 if ratio else 0.0
        colour = VERDICT_COLOURS.get(row.verdict, VERDICT_COLOURS["inconclusive"])
        if np.isfinite(row.estimate):
            low = row.ci_low if np.isfinite(row.ci_low) else row.estimate
            high = row.ci_high if np.isfinite(row.ci_high) else row.estimate
            ax.errorbar(
                [row.estimate],
                [0],
                xerr=[[row.estimate - low], [high - row.estimate]],
                fmt="o",
                color=colour,
                capsize=3,
                markersize=6,
            )
            span = max(abs(high - null), abs(low - null), 1e-9)
        else:
            span = 1.0
        if ratio:
            ax.set_xscale("log")
            reach = max(
                abs(np.log(v))
                for v in (row.ci_low, row.ci_high, row.estimate, 1.25)
                if np.isfinite(v) and v > 0
            )
            ax.set_xlim(np.exp(-1.1 * reach), np.exp(1.1 * reach))
            ticks = [
                v
                for v in (0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 4, 10)
                if np.exp(-1.1 * reach) <= v <= np.exp(1.1 * reach)
            ]
            ax.xaxis.set_major_locator(FixedLocator(ticks))
            ax.xaxis.set_minor_locator(NullLocator())
        else:
            ax.set_xlim(null - 1.15 * span, null + 1.15 * span)
        ax.xaxis.set_major_formatter(TickFormatter(lang, per_axis=not ratio))
        ax.axvline(null, color="#999999", lw=0.8, ls="--")
        ax.set_yticks([])
        label = (
            labels.loc[row.indicator, f"label_{lang}"]
            if row.indicator in labels.index
            else row.indicator
        )
        unit = (
            "" if row.indicator not in labels.index else labels.loc[row.indicator, f"unit_{lang}"]
        )
        if ratio:
            unit = t("plot.change.ratio", lang)
        elif row.kind == "proportion":
            unit = t("plot.change.points", lang)
        ax.set_title(
            f"{label} ({unit})" if isinstance(unit, str) and unit else str(label),
            loc="left",
            fontsize=8.5,
            y=1,
        )  # y given: no automatic placement
        ax.tick_params(axis="x", labelsize=7.5)
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
    title(fig, t("plot.change.title", lang))
    return fig
