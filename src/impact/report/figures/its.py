"""Interrupted time series chart: observed points, fitted segments and the counterfactual."""

from __future__ import annotations

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from impact.report.figures.layout import TickFormatter, plain_text, set_margins, text_width, wrap
from impact.report.formatting import format_number, reason_text
from impact.report.labels import t

__all__ = ["its_chart", "its_grid"]

REQUIRED = ("time", "observed", "fitted", "counterfactual", "post")
#: Height of a panel of :func:`its_grid`, in inches; characters per line of its title.
PANEL, TITLE_WIDTH = 0.9, 36
COLORS = {"observed": "0.35", "model": "#1f5fa8", "counterfactual": "#c0392b", "line": "0.45",
          "hidden": "0.6"}  # fmt: skip


def _ylabel(unit: str, lang: str) -> str:
    kind = "rate" if unit.startswith("rate") else "count" if unit == "count" else "value"
    return t(f"plot.its.ylabel.{kind}", lang)


@plain_text
def its_chart(
    fitted: pd.DataFrame,
    *,
    title: str | None = None,
    ylabel: str | None = None,
    lang: str = "fr",
    ax: Axes | None = None,
    reason: str | None = None,
) -> Figure:
    """Draw one interrupted time series with its fitted model and counterfactual.

    Observed values are points; the fitted model is a solid line, broken at the
    intervention so the level change shows as a step; the counterfactual (the
    pre-intervention model carried on) is dashed after the intervention, whose start is
    a vertical line over a shaded post-intervention period. The figure is built without
    pyplot, so no window opens and no global state is touched.

    Parameters
    ----------
    fitted : pandas.DataFrame
        The ``fitted`` table of :func:`impact.stats.its.segmented_regression` for one series
        (columns ``time``, ``observed``, ``fitted``, ``counterfactual``, ``post`` and
        optionally ``unit``, and ``suppressed``: months hidden for a small count, marked
        at the foot of the chart); filter one group out of
        :func:`impact.stats.its.segmented_regression_many` first.
    title : str, optional
    ylabel : str, optional
        Defaults to "Taux", "Nombre" or "Valeur" from the ``unit`` column: pass the
        indicator's label and unit here.
    lang : {"fr", "en"}, default "fr"
    ax : matplotlib.axes.Axes, optional
        Draw there instead of on a new figure.
    reason : str, optional
        Shown on the chart when no model was fitted (the effect table's ``reason``).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> frame = pd.DataFrame({"time": range(6), "observed": [3, 4, 3, 6, 7, 6.0],
    ...     "fitted": [3.3, 3.3, 3.3, 6.3, 6.3, 6.3], "counterfactual": [3.3] * 6,
    ...     "post": [False] * 3 + [True] * 3})
    >>> its_chart(frame, lang="en").axes[0].get_legend_handles_labels()[1][:2]
    ['Observed', 'Fitted model']
    """
    missing = [c for c in REQUIRED if c not in fitted.columns]
    if missing:
        raise ValueError(f"fitted lacks column(s) {missing}. Got {list(fitted.columns)}.")
    if fitted["time"].duplicated().any():
        raise ValueError("fitted holds several series (repeated times): filter one group first.")
    data = fitted.sort_values("time", kind="stable")
    if ax is None:
        fig = Figure(figsize=(7.5, 3.6), layout="constrained")
        ax = fig.add_subplot()
    else:
        fig = ax.figure
    time = data["time"].to_numpy()
    post = data["post"].to_numpy(dtype=bool)
    ax.plot(time, data["observed"], "o", ms=3.5, color=COLORS["observed"],
            label=t("plot.its.observed", lang))  # fmt: skip
    if "suppressed" in data:  # months hidden for a small count: said on the chart, at its foot
        hidden = data["suppressed"].fillna(False).to_numpy(dtype=bool)
        if hidden.any():
            ax.plot(time[hidden], np.full(hidden.sum(), 0.03), "|", ms=5, mew=1,
                    color=COLORS["hidden"], transform=ax.get_xaxis_transform(),
                    label=t("plot.its.hidden", lang))  # fmt: skip
    model = data["fitted"].to_numpy(dtype=float)
    if np.isfinite(model).any():
        for k, part in enumerate((~post, post)):
            ax.plot(time[part], model[part], "-", lw=2, color=COLORS["model"],
                    label=t("plot.its.fitted", lang) if k == 0 else None)  # fmt: skip
        # the counterfactual starts at the last pre-intervention point, where it is the model
        last_pre = np.flatnonzero(~post)[-1:] if (~post).any() else np.array([], dtype=int)
        cf = np.concatenate([last_pre, np.flatnonzero(post)])
        counterfactual = data["counterfactual"].to_numpy(dtype=float)
        ax.plot(time[cf], counterfactual[cf], "--", lw=1.8, color=COLORS["counterfactual"],
                label=t("plot.its.counterfactual", lang))  # fmt: skip
    elif reason:
        note = wrap(t("plot.its.not-fitted", lang, reason=reason), 36, lines=4)
        ax.text(0.5, 0.95, note, transform=ax.transAxes, ha="center", va="top", fontsize=7,
                bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85})  # fmt: skip
    if post.any():
        start = time[post][0]
        ax.axvspan(start, time[-1], color="0.94", zorder=0, lw=0)
        ax.axvline(start, color=COLORS["line"], ls=":", lw=1.2,
                   label=t("plot.its.intervention", lang))  # fmt: skip
    unit = str(data["unit"].iloc[0]) if "unit" in data and len(data) else "value"
    ax.set_ylabel(ylabel if ylabel is not None else _ylabel(unit, lang))
    ax.set_xlabel(t("plot.its.xlabel", lang))
    if title:
        ax.set_title(wrap(title, 70), loc="left", fontsize=11, y=1)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    # outside the axes, on the right: never over a point
    ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return fig


@plain_text
def its_grid(
    fitted: pd.DataFrame,
    effects: pd.DataFrame,
    catalogue: pd.DataFrame,
    *,
    lang: str = "fr",
    columns: int = 3,
) -> Figure:
    """Small multiples of :func:`its_chart`: one panel per indicator of one team.

    Parameters
    ----------
    fitted, effects : pandas.DataFrame
        One team's ``fitted`` and ``effects`` from :func:`impact.indicators.trends.its_by_team`.
    catalogue : pandas.DataFrame
        The indicator catalogue (labels, in ``label_fr``/``label_en``).
    lang : {"fr", "en"}
    columns : int, default 3

    Returns
    -------
    matplotlib.figure.Figure
        Seven inches wide (an A4 page), one legend under the grid; panels of indicators
        without a model show the reason.
    """
    labels = catalogue.set_index("code")[f"label_{lang}"]
    codes = [c for c in catalogue["code"] if c in set(effects["indicator"])]
    rows = max(1, -(-len(codes) // columns))
    # widest y tick label: the largest value, written in the report's format
    values = fitted[["observed", "fitted", "counterfactual"]].to_numpy(dtype=float)
    top = float(np.nanmax(np.abs(values), initial=0.0)) if values.size else 0.0
    ticks = text_width([format_number(-top, lang=lang, digits=1)], 6.5) + 0.12
    # A fixed layout rather than "constrained": the grid is regular, and the layout engine
    # cost a quarter of the figure's drawing time in the reports (measured). Each panel:
    # a title of two lines above (0.3 in), the time axis under the last row only.
    # the legend takes a second line when it names the hidden months too
    hidden = "suppressed" in fitted and bool(fitted["suppressed"].fillna(False).any())
    legend = 0.15 if hidden else 0.0
    fig = Figure(figsize=(7.0, PANEL * rows + 0.38 * (rows - 1) + 1.0 + legend))
    set_margins(fig, left=ticks, right=0.1, top=0.38, bottom=0.62 + legend, wgap=ticks,
                hgap=0.38, ncols=columns, nrows=rows)  # fmt: skip
    # one time axis for all panels: dates are labelled under the last panel of each column
    axes = fig.subplots(rows, columns, squeeze=False, sharex=True).ravel()
    handles: dict[str, object] = {}
    for k, code in enumerate(codes):
        series = fitted[fitted["indicator"] == code]
        level = effects[(effects["indicator"] == code) & (effects["measure"] == "level change")]
        reason = ""
        if len(level):
            reason = reason_text(level["reason"].iloc[0], lang=lang, row=level.iloc[0])
        its_chart(
            series.drop(columns=["team_id", "indicator"], errors="ignore"),
            lang=lang,
            ax=axes[k],
            reason=reason or None,
            ylabel="",
        )
        for handle, label in zip(*axes[k].get_legend_handles_labels(), strict=True):
            handles.setdefault(label, handle)
        axes[k].get_legend().remove()
        # y given: matplotlib skips placing the title above tick labels (none at the top),
        # which measured a tenth of the drawing time
        axes[k].set_title(wrap(labels.get(code, code), TITLE_WIDTH), loc="left", fontsize=7.5, y=1)
        axes[k].set_xlabel("")
        axes[k].tick_params(labelsize=6.5)
        if np.issubdtype(series["time"].dtype, np.datetime64):
            axes[k].xaxis.set_major_locator(mdates.YearLocator())
            axes[k].xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        axes[k].yaxis.set_major_locator(MaxNLocator(nbins=4, steps=[1, 2, 2.5, 5, 10]))  # few ticks
        axes[k].yaxis.set_major_formatter(TickFormatter(lang))
        if k + columns < len(codes):
            axes[k].tick_params(labelbottom=False)
    for ax in axes[len(codes) :]:
        ax.set_visible(False)
    # one legend for every panel, under the grid: outside the data
    fig.legend(list(handles.values()), list(handles), loc="lower center",
               ncols=3 if len(handles) > 4 else len(handles),
               fontsize=7.5, frameon=False, bbox_to_anchor=(0.5, 0.0))  # fmt: skip
    return fig
