"""Funnel plots of the programme's teams: one small panel per outcome (Spiegelhalter 2005)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, NullFormatter

from impact.report.figures.layout import plain_text, wrap
from impact.report.formatting import format_number
from impact.report.labels import LANGUAGES, t
from impact.synthesis.funnel import FunnelTables, funnel_limits

__all__ = ["drawable_outcomes", "funnel_chart"]

TARGET_COLOUR, LIMIT_COLOUR, POINT_COLOUR = "#333333", "#2166ac", "#9e9e9e"
_SIDE_COLOUR = {"favourable": "#1b7837", "unfavourable": "#b2182b"}
_NO_LIMITS = ("funnel_too_few_teams", "funnel_no_spread")
#: Inches: a row of panels, the gap between rows (titles, ticks, axis label), the space
#: above the first row and below the last.
_ROW, _GAP, _TOP, _BOTTOM = 2.05, 0.85, 0.85, 0.85


def drawable_outcomes(tables: FunnelTables) -> pd.DataFrame:
    """The outcomes of ``tables`` with a target and limits (the panels of :func:`funnel_chart`)."""
    out = tables.outcomes
    if out.empty:
        return out
    reason = out["reason"].fillna("").astype(str)
    return out.loc[~reason.str.contains("|".join(_NO_LIMITS)) & out["target"].notna()]


def _side(flag: np.ndarray, better: str) -> np.ndarray:
    """favourable / unfavourable / "" of each team's 99.8 % flag."""
    good = "above" if better == "higher" else "below"
    return np.select([flag == good, np.isin(flag, ["above", "below"])],
                     ["favourable", "unfavourable"], default="")  # fmt: skip


def _bounded(outcome: pd.Series, low: np.ndarray, high: np.ndarray) -> list[np.ndarray]:
    """Limits kept within the possible values: a rate ≥ 0, a proportion within 0–100 %
    (the normal approximation of the adjusted limits crosses them for small teams)."""
    if outcome["kind"] in ("proportion", "rate"):
        low = np.maximum(low, 0.0)
    if outcome["kind"] == "proportion":
        high = np.minimum(high, float(outcome["multiplier"]))
    return [low, high]


def _panel(ax, outcome: pd.Series, teams: pd.DataFrame, label: str, lang: str) -> None:
    """One outcome's funnel: points by sample size, target, 95 % and 99.8 % limits."""
    n = teams["n"].to_numpy(dtype=float)
    value = teams["value"].to_numpy(dtype=float)
    low_n, high_n = max(n.min() * 0.8, 1.0), n.max() * 1.25
    log = high_n / low_n > 10
    grid = np.geomspace(low_n, high_n, 120) if log else np.linspace(low_n, high_n, 120)
    if outcome["kind"] == "proportion":  # exact binomial limits need whole sample sizes
        grid = np.unique(np.round(grid))
    ax.axhline(outcome["target"], color=TARGET_COLOUR, lw=1.0)
    for level, style in ((0.95, "--"), (0.998, "-")):
        for line in _bounded(outcome, *funnel_limits(outcome, grid, level, adjusted=True)):
            ax.plot(grid, line, color=LIMIT_COLOUR, lw=0.9, ls=style)
    # the 99.8 % limits at the smallest team stay in view, with every point
    edge = np.concatenate(_bounded(outcome, *funnel_limits(outcome, grid[:1], 0.998)))
    side = _side(teams["flag_998_adjusted"].to_numpy(dtype=object), str(outcome["better"]))
    colours = np.where(side == "", POINT_COLOUR, pd.Series(side).map(_SIDE_COLOUR).to_numpy())
    ax.scatter(n, value, s=14, c=list(colours), edgecolors="white", linewidths=0.4, zorder=3)
    for x, y, team in zip(n[side != ""], value[side != ""], teams["team_id"][side != ""],
                          strict=True):  # fmt: skip
        ax.annotate(str(team), (x, y), xytext=(3, 2), textcoords="offset points", fontsize=6.5,
                    color=TARGET_COLOUR)  # fmt: skip
    if log:
        ax.set_xscale("log")
        ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_xlim(low_n, high_n)
    span = np.r_[value, outcome["target"], edge]
    pad = 0.15 * (np.nanmax(span) - np.nanmin(span) or abs(outcome["target"]) or 1.0)
    ax.set_ylim(np.nanmin(span) - pad, np.nanmax(span) + pad)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: format_number(v, lang=lang,
                                                                           digits=0)))  # fmt: skip
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: format_number(v, lang=lang,
                                                                           digits=1)))  # fmt: skip
    ax.tick_params(labelsize=7)
    ax.set_xlabel(t("plot.funnel.xlabel", lang), fontsize=7, labelpad=1)
    limits = t(f"plot.funnel.{outcome['adjustment']}", lang)
    ax.set_title(f"{wrap(label, 30)}\n{limits}", fontsize=7.5, loc="left")
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)


@plain_text
def funnel_chart(
    tables: FunnelTables,
    labels: dict[tuple[str, str], str],
    *,
    lang: str = "fr",
    columns: int = 3,
    title: str | None = None,
) -> Figure:
    """Small multiples of funnel plots, one panel per outcome with limits.

    Each team is a point at its sample size (log scale when sizes span more than ten
    times) and its value; the horizontal line is the programme value (the target), the
    dashed and solid curves the 95 % and 99.8 % limits — widened for overdispersion when
    the outcome's ``adjustment`` is not "none", which the panel's subtitle says. Teams
    outside the 99.8 % limits are coloured (green favourable, red unfavourable, from the
    outcome's better direction) and labelled with their team code; the others are grey.

    Parameters
    ----------
    tables : FunnelTables
        :func:`impact.synthesis.funnel.funnel_frame` of the teams a page may show.
    labels : dict
        Display label of each (family, outcome).
    lang : {"fr", "en"}
    columns : int, default 3
    title : str, optional
        Figure title; default the translated ``plot.funnel.title``.

    Returns
    -------
    matplotlib.figure.Figure
        The figure (the caller closes it); a small empty one without outcome to draw.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {LANGUAGES}. Got {lang!r}.")
    if not isinstance(columns, int) or columns < 1:
        raise ValueError(f"columns must be a whole number ≥ 1. Got {columns!r}.")
    outcomes = drawable_outcomes(tables)
    k = len(outcomes)
    cols = max(min(columns, k), 1)
    rows = max(-(-k // cols), 1)
    # fixed margins, in inches (the constrained layout engine measured a third of the
    # time of saving this figure): titles of up to three lines above each panel, the
    # sample-size label and ticks below, the legend at the bottom
    height = _ROW * rows + _TOP + _BOTTOM
    fig = Figure(figsize=(7.0, height))
    fig.suptitle(wrap(title if title is not None else t("plot.funnel.title", lang), 90),
                 fontsize=10, y=1 - 0.08 / height, va="top")  # fmt: skip
    if not k:
        return fig
    fig.subplots_adjust(left=0.55 / 7.0, right=1 - 0.15 / 7.0, top=1 - _TOP / height,
                        bottom=_BOTTOM / height, wspace=0.42,
                        hspace=_GAP / (_ROW - _GAP))  # fmt: skip
    axes = fig.subplots(rows, cols, squeeze=False).ravel()
    teams = tables.teams
    for ax, (_, outcome) in zip(axes, outcomes.iterrows(), strict=False):
        part = teams.loc[
            (teams["family"] == outcome["family"])
            & (teams["outcome"] == outcome["outcome"])
            & teams["target"].notna()
        ]
        label = labels.get((outcome["family"], outcome["outcome"]), outcome["outcome"])
        _panel(ax, outcome, part, label, lang)
    for ax in axes[k:]:
        ax.remove()
    handles = [
        Line2D([], [], color=TARGET_COLOUR, lw=1.0, label=t("plot.funnel.target", lang)),
        Line2D([], [], color=LIMIT_COLOUR, lw=0.9, ls="--", label=t("plot.funnel.limit95", lang)),
        Line2D([], [], color=LIMIT_COLOUR, lw=0.9, label=t("plot.funnel.limit998", lang)),
        *(Line2D([], [], color=c, marker="o", ls="", markersize=4,
                 label=t(f"plot.funnel.{side}", lang)) for side, c in _SIDE_COLOUR.items()),
    ]  # fmt: skip
    fig.legend(handles=handles, loc="lower center", ncol=3, fontsize=7, frameon=False,
               bbox_to_anchor=(0.5, 0.02 / height))  # fmt: skip
    return fig
