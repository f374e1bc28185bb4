"""Partnership-activity figure: small multiples over the months of a team or the programme.

One panel per measure, sharing the month axis: patient partners active each month and
their participation rate — drawn from the published monthly table
(:func:`impact.report.privacy.publishable`, ``"activity_monthly"``: a month of fewer than
``min_cell`` partners is not drawn, and a panel with no month to draw is left out) —,
project meetings held, and the support received from the programme (sessions by kind).
Built without pyplot; the caller closes the figure.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from impact.report.figures.layout import plain_text, set_margins, text_width, title
from impact.report.formatting import format_month, format_percent
from impact.report.labels import t

__all__ = ["activity_chart"]

_SUPPORT_COLOURS = {
    "formation_action": "#0072B2",
    "accompagnement": "#E69F00",
    "communaute_pratique": "#009E73",
}
_WIDTH = 7.0
_PANEL = 0.8


def _month_axis(ax, months: pd.DatetimeIndex, lang: str) -> None:
    """Month ticks: about six labels, written in ``lang``."""
    ax.set_xlim(-0.6, len(months) - 0.4)
    step = max(1, int(np.ceil(len(months) / 6)))
    ticks = np.arange(0, len(months), step)
    ax.set_xticks(ticks)
    ax.set_xticklabels([format_month(months[k], lang=lang) for k in ticks], fontsize=7.5)


def _stacked(ax, frame: pd.DataFrame, colours: dict[str, str], prefix: str, lang: str,
             label_key: str) -> None:  # fmt: skip
    """Stacked bars of the ``prefix<suffix>`` columns, with a legend outside, right."""
    bottom = np.zeros(len(frame))
    x = np.arange(len(frame))
    for suffix, colour in colours.items():
        column = f"{prefix}{suffix}"
        if column not in frame.columns:
            continue
        values = pd.to_numeric(frame[column], errors="coerce").fillna(0).to_numpy(float)
        if not values.any():
            continue
        ax.bar(x, values, bottom=bottom, width=0.85, color=colour,
               label=t(f"{label_key}.{suffix}", lang))  # fmt: skip
        bottom += values
    if ax.get_legend_handles_labels()[0]:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7, frameon=False)


@plain_text
def activity_chart(
    monthly: pd.DataFrame,
    support: pd.DataFrame | None = None,
    *,
    lang: str = "fr",
) -> Figure:
    """Small multiples of one unit's partnership activity over its months.

    Parameters
    ----------
    monthly : pandas.DataFrame
        One unit's rows of :func:`impact.steering.activity.activity_by_month` (or the
        programme's: same columns), one row per month (``month``), made publishable
        (months hidden for small numbers have NaN partners and rates).
    support : pandas.DataFrame, optional
        The unit's ``programme_support`` rows (``month``, ``kind``, ``sessions``).
    lang : {"fr", "en"}

    Returns
    -------
    matplotlib.figure.Figure
    """
    monthly = monthly.sort_values("month")
    months = pd.DatetimeIndex(pd.to_datetime(monthly["month"]))
    sessions = None
    if support is not None and len(support):
        kinds = {"formation-action": "formation_action", "accompagnement": "accompagnement",
                 "communauté de pratique": "communaute_pratique"}  # fmt: skip
        wide = (
            support.assign(kind=support["kind"].map(kinds), month=pd.to_datetime(support["month"]))
            .pivot_table(index="month", columns="kind", values="sessions", aggfunc="sum")
            .add_prefix("sessions_")
        )
        start = min(months.min(), wide.index.min()) if len(months) else wide.index.min()
        end = max(months.max(), wide.index.max()) if len(months) else wide.index.max()
        months = pd.date_range(start, end, freq="MS")
        sessions = wide.reindex(months).fillna(0)
    frame = monthly.set_index(pd.to_datetime(monthly["month"])).reindex(months)
    people = pd.to_numeric(frame["partners"], errors="coerce").notna().any()
    rates = pd.to_numeric(frame["participation_rate"], errors="coerce").notna().any()
    panels = (["partners"] if people else []) + ["meetings"] + (["rate"] if rates else []) + (
        ["support"] if sessions is not None else [])  # fmt: skip
    legend_texts = [t(f"plot.activity.support.{s}", lang) for s in _SUPPORT_COLOURS]
    fig = Figure(figsize=(_WIDTH, 0.7 + _PANEL * len(panels)))
    axes = fig.subplots(len(panels), 1, sharex=True, squeeze=False)[:, 0]
    ylabels = []
    for ax, panel in zip(axes, panels, strict=True):
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(labelsize=7.5)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=4, integer=panel != "rate"))
        if panel == "partners":  # the total only: the roles are small parts of small months
            active = pd.to_numeric(frame["partners"], errors="coerce").to_numpy(float)
            ax.bar(np.arange(len(frame)), np.nan_to_num(active), width=0.85, color="#0072B2")
        elif panel == "meetings":
            held = pd.to_numeric(frame["meetings_held"], errors="coerce").fillna(0)
            ax.bar(np.arange(len(frame)), held.to_numpy(float), width=0.85, color="#6e6e6e")
        elif panel == "rate":
            rate = pd.to_numeric(frame["participation_rate"], errors="coerce").to_numpy(float)
            ax.plot(np.arange(len(frame)), rate, marker="o", markersize=2.5, color="#0072B2")
            ax.set_ylim(0, 1.05)
            ax.yaxis.set_major_formatter(
                FuncFormatter(lambda v, _: format_percent(100 * v, lang=lang, digits=0))
            )
        else:
            _stacked(ax, sessions, _SUPPORT_COLOURS, "sessions_", lang, "plot.activity.support")
        label = t(f"plot.activity.{panel}", lang)
        ax.set_ylabel(label, fontsize=7.5, rotation=0, ha="right", va="center")
        ylabels.append(label)
    _month_axis(axes[-1], months, lang)
    set_margins(fig, left=text_width(ylabels, 7.5) + 0.45, right=text_width(legend_texts, 7) + 0.5,
                top=0.45, bottom=0.35, hgap=0.18, nrows=len(panels))  # fmt: skip
    title(fig, t("plot.activity.title", lang))
    return fig
