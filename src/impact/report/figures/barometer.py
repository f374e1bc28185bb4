"""Barometer figures: radar of the dimensions by wave, diverging stacked bars of the item
answers, and the slope chart of professionals' vs patients' mean scores.

Figures are built without pyplot (no window, no global state); labels come from
:mod:`impact.report.labels` (French by default). The caller closes each figure.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib import colormaps
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from impact.barometer.common import (
    GLOBAL,
    PATIENT_SIDE,
    PROFESSIONALS,
    SELF,
    item_values,
    require,
    sort_table,
)
from impact.report.figures.layout import plain_text, set_margins, text_width, wrap
from impact.report.figures.layout import title as set_title
from impact.report.formatting import format_number
from impact.report.labels import t
from impact.report.privacy import is_small

__all__ = ["diverging_bars", "radar_chart", "slope_chart"]

GROUP_COLOURS = {PROFESSIONALS: "#1f5fa8", PATIENT_SIDE: "#d35400"}
WAVE_COLOURS = ("#9e9e9e", "#1f5fa8", "#2e8b57", "#8e44ad", "#c0392b")


def _one_team(table: pd.DataFrame) -> None:
    if "team_id" in table.columns and table["team_id"].nunique() > 1:
        raise ValueError(
            "The table holds several teams: filter one team (or summarise "
            f"without team_id). Got {sorted(table['team_id'].unique())[:5]}."
        )


def _dimension_names(table: pd.DataFrame, lang: str,
                     items: pd.DataFrame | None = None) -> dict[str, str]:  # fmt: skip
    names = {GLOBAL: t("barometer.dimension.global", lang)}
    if items is not None and f"dimension_{lang}" in items.columns:
        names |= dict(zip(items["dimension"], items[f"dimension_{lang}"], strict=True))
    if "dimension_label" in table.columns:
        names |= dict(zip(table["dimension"], table["dimension_label"], strict=True))
    return names


def _name(names: dict[str, str], dim: str) -> str:
    return names.get(dim, str(dim).replace("_", " ").capitalize())


def _waves(values) -> list[str]:
    return sorted(pd.unique(values), key=lambda w: (len(str(w)), str(w)))


@plain_text
def radar_chart(
    summary: pd.DataFrame,
    *,
    lang: str = "fr",
    items: pd.DataFrame | None = None,
    min_cell: int = 10,
    groups: tuple[str, ...] = (PROFESSIONALS, PATIENT_SIDE),
) -> Figure:
    """Radar of the mean score of each dimension, waves overlaid, one panel per role group.

    Parameters
    ----------
    summary : pandas.DataFrame
        :func:`impact.barometer.scores.score_summary` rows for one team (or summarised without
        ``team_id`` for the programme): ``role_group``, ``wave``, ``dimension``,
        ``mean``; optionally ``score_min``/``score_max`` (axis range, default 0–4),
        ``dimension_label`` and ``suppressed`` (a role group whose rows are all
        suppressed or missing is not drawn, with a note). The global score is left out.
    lang : {"fr", "en"}
    items : pandas.DataFrame, optional
        The barometer catalogue, for the dimension names (``dimension_fr``/``_en``).
    min_cell : int, default 10
        Only quoted in the note of a role group that is not shown.
    groups : tuple of str
        Role groups, one panel each.

    Returns
    -------
    matplotlib.figure.Figure
    """
    require(summary, ("role_group", "wave", "dimension", "mean"), "summary")
    _one_team(summary)
    data = summary.loc[(summary["dimension"] != GLOBAL) & summary["role_group"].isin(groups)]
    names = _dimension_names(summary, lang, items)
    dims = list(pd.unique(data["dimension"]))
    waves = _waves(data["wave"])
    low = float(data["score_min"].min()) if "score_min" in data and data["score_min"].notna(
        ).any() else 0.0  # fmt: skip
    high = float(data["score_max"].max()) if "score_max" in data and data["score_max"].notna(
        ).any() else 4.0  # fmt: skip
    # dimension names stick out left and right of each circle; the figure is as tall as
    # a circle plus the titles above and the label below
    dim_labels = [wrap(_name(names, d), 15, lines=3) for d in dims]
    side = text_width(dim_labels, 7.5) + 0.12
    # one panel is drawn as large as each of two (a questionnaire of one side only)
    circle = max(7.0 / max(len(groups), 2) - 2 * side, 1.3)
    fig = Figure(figsize=(len(groups) * (circle + 2 * side), circle + 1.3))
    set_margins(fig, left=side, right=side, top=0.95, bottom=0.35, wgap=2 * side, ncols=len(groups))
    angles = np.linspace(0, 2 * np.pi, max(len(dims), 1), endpoint=False)
    for k, group in enumerate(groups):
        ax = fig.add_subplot(1, len(groups), k + 1, projection="polar")
        ax.set_theta_offset(np.pi / 2)
        ax.set_theta_direction(-1)
        ax.set_ylim(low, high)
        ax.set_xticks(angles)
        ax.set_xticklabels(dim_labels, fontsize=7.5)
        ticks = np.linspace(low, high, 5)
        ax.set_yticks(ticks)
        ax.set_yticklabels([format_number(v, lang=lang, digits=0 if high > 10 else 1)
                            for v in ticks], fontsize=6.5, color="0.4")  # fmt: skip
        label = t(f"barometer.role_group.{group}", lang)
        ax.set_title(label, fontsize=9.5, pad=14)
        rows = data.loc[data["role_group"] == group]
        drawn = False
        for j, wave in enumerate(waves):
            w = rows.loc[rows["wave"] == wave].set_index("dimension")["mean"]
            values = np.array([float(w.get(d, np.nan)) for d in dims])
            if not np.isfinite(values).any():
                continue
            colour = WAVE_COLOURS[j % len(WAVE_COLOURS)]
            closed = np.append(values, values[0])
            ax.plot(np.append(angles, angles[0]), closed, color=colour, lw=1.8, marker="o",
                    ms=3.5, label=t("plot.barometer.wave", lang, wave=wave))  # fmt: skip
            ax.fill(np.append(angles, angles[0]), np.nan_to_num(closed, nan=low), color=colour,
                    alpha=0.08)  # fmt: skip
            drawn = True
        if drawn:
            ax.legend(loc="upper right", bbox_to_anchor=(1.25, 1.12), fontsize=7.5,
                      frameon=False)  # fmt: skip
        else:
            # wrapped to the circle's width, clear of the dimension names around it
            note = t("plot.barometer.not-shown", lang, group=label, min_cell=min_cell)
            ax.text(0.5, 0.5, wrap(note, 22, lines=6), transform=ax.transAxes, ha="center",
                    va="center", fontsize=7.5,
                    bbox={"facecolor": "white", "edgecolor": "0.7"})  # fmt: skip
    set_title(
        fig,
        t(
            "plot.barometer.radar.title",
            lang,
            low=format_number(low, lang=lang, digits=0),
            high=format_number(high, lang=lang, digits=0),
        ),
    )
    return fig


@plain_text
def diverging_bars(
    responses: pd.DataFrame,
    items: pd.DataFrame,
    *,
    lang: str = "fr",
    waves: tuple[str, ...] | None = None,
    min_cell: int | None = None,
    title: str | None = None,
    anchors: tuple[str, str] | None = None,
) -> Figure:
    """Diverging stacked bars of the answers to each item, one panel per wave.

    Self-assessments only, reverse-coded items flipped so that right is always
    favourable. Each bar is centred on the scale's midpoint: answers below it extend
    left, above it right, and the midpoint answer (2 on 0–4) is split half on each side
    (Robbins & Heiberger 2011, "Plotting Likert and other rating scales", *JSM
    Proceedings*). Items are grouped by dimension, in catalogue order.

    Parameters
    ----------
    responses, items : pandas.DataFrame
        ``barometer_responses`` (one team, or several) and the catalogue (with
        ``label_fr``/``label_en``).
    lang : {"fr", "en"}
    waves : tuple of str, optional
        Waves shown (default: all present).
    min_cell : int, optional
        Items with fewer answers in a wave are left empty with a note.
    title : str, optional
        The figure's title (default: the barometer's, answers to the criteria).
    anchors : (str, str), optional
        What the lowest and the highest answers mean, beside their scores in the legend
        (e.g. "pas du tout d'accord", "tout à fait d'accord"); default the barometer's
        ("pas fait ensemble", "pleinement fait ensemble").

    Returns
    -------
    matplotlib.figure.Figure
    """
    s = responses.loc[responses["assessment"] == SELF]
    v = item_values(s, items)
    cat = items.reset_index(drop=True)
    frame = pd.DataFrame({"wave": s["wave"].to_numpy(dtype=object), "code": v["code"],
                          "x": v["x"]}).dropna(subset=["x"])  # fmt: skip
    shown = _waves(frame["wave"]) if waves is None else list(waves)
    low = cat["scale_min"].to_numpy(dtype=float)
    high = cat["scale_max"].to_numpy(dtype=float)
    label_col = f"label_{lang}" if f"label_{lang}" in cat else "item"
    ylabels = [wrap(f"{row.item} — {getattr(row, label_col)}", 44)
               for row in cat.itertuples()]  # fmt: skip
    n_items = len(cat)
    fig = Figure(figsize=(7.0, 0.3 * n_items + 1.4))
    set_margins(
        fig,
        left=text_width(ylabels, 7.5) + 0.15,
        right=0.2,
        top=0.55,
        bottom=0.75,
        wgap=0.2,
        ncols=max(len(shown), 1),
    )
    if not shown:
        ax = fig.add_subplot()
        ax.text(0.5, 0.5, t("plot.barometer.no-data", lang), ha="center", va="center")
        ax.set_axis_off()
        return fig
    axes = fig.subplots(1, len(shown), sharey=True, squeeze=False)[0]
    cmap = colormaps["RdYlBu"]
    for ax, wave in zip(axes, shown, strict=True):
        w = frame.loc[frame["wave"] == wave]
        counts = w.groupby(["code", "x"]).size()
        segments = []  # (y, width, left, colour) of every bar segment
        for i in range(n_items):
            y = n_items - 1 - i
            answers = (
                counts.xs(i, level="code")
                if i in counts.index.get_level_values(0)
                else pd.Series(dtype=float)
            )
            total = answers.sum()
            if total == 0 or (min_cell is not None and total < min_cell):
                if min_cell is not None and is_small(total, min_cell):
                    ax.text(0, y, t("plot.barometer.bars.few", lang, min_cell=min_cell),
                            ha="center", va="center", fontsize=7, color="0.4")  # fmt: skip
                continue
            points = np.arange(low[i], high[i] + 1)
            share = np.array([answers.get(p, 0) for p in points]) / total * 100
            mid = (low[i] + high[i]) / 2
            left = -(share[points < mid].sum() + share[points == mid].sum() / 2)
            segments.extend(zip(np.full(len(points), y), share,
                                left + np.concatenate([[0.0], np.cumsum(share)[:-1]]),
                                cmap(0.08 + 0.84 * (points - low[i]) / (high[i] - low[i])),
                                strict=True))  # fmt: skip
        if segments:  # one collection for all bars of the wave: one artist to draw
            ys, widths, lefts, colours = (np.asarray(v) for v in zip(*segments, strict=True))
            corners = [(lefts, ys - 0.36), (lefts + widths, ys - 0.36),
                       (lefts + widths, ys + 0.36), (lefts, ys + 0.36)]  # fmt: skip
            ax.add_collection(PolyCollection(
                np.stack([np.column_stack(c) for c in corners], axis=1), facecolors=colours,
                edgecolors="white", linewidths=0.4))  # fmt: skip
        ax.axvline(0, color="0.3", lw=0.8)
        ax.set_ylim(-0.6, n_items - 0.4)
        ax.set_xlim(-100, 100)
        ax.set_xticks([-100, -50, 0, 50, 100])
        ax.set_xticklabels(["100", "50", "0", "50", "100"], fontsize=7.5)
        ax.set_title(t("plot.barometer.wave", lang, wave=wave), fontsize=9.5, y=1)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    axes[0].set_yticks(np.arange(n_items)[::-1])
    axes[0].set_yticklabels(ylabels, fontsize=7.5)
    points = np.arange(low[0], high[0] + 1)
    handles = []
    for p in points:
        score = format_number(p, lang=lang, digits=0)
        end = 0 if p == low[0] else 1 if p == high[0] else None
        if end is None:
            label = t("plot.barometer.bars.score", lang, score=score)
        elif anchors is None:
            label = t(f"plot.barometer.bars.{('low', 'high')[end]}", lang, score=score)
        else:
            label = t("plot.barometer.bars.anchor", lang, score=score, anchor=anchors[end])
        handles.append(
            Patch(color=cmap(0.08 + 0.84 * (p - low[0]) / (high[0] - low[0])), label=label)
        )
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.0),
               ncols=len(handles), fontsize=7.5, frameon=False)  # fmt: skip
    # one axis label for every wave's panel, between the tick labels and the legend
    fig.supxlabel(wrap(t("plot.barometer.bars.xlabel", lang), 110), fontsize=7,
                  y=0.32 / fig.get_figheight(), va="bottom")  # fmt: skip
    set_title(fig, title if title is not None else t("plot.barometer.bars.title", lang))
    return fig


@plain_text
def slope_chart(
    gap_table: pd.DataFrame,
    *,
    lang: str = "fr",
    items: pd.DataFrame | None = None,
    min_cell: int = 10,
    scale: tuple[float, float] | None = None,
) -> Figure:
    """Professionals' and patient side's mean scores across waves, one panel per dimension.

    Two lines per panel, one per side, joining the waves: lines that come closer show
    converging perceptions. Rows with missing (e.g. suppressed) means are not drawn; a
    panel with nothing to draw says so.

    Parameters
    ----------
    gap_table : pandas.DataFrame
        :func:`impact.barometer.scores.perception_gap` for one team (or with ``by=()``):
        ``comparison = "gap"`` rows with ``dimension``, ``wave``,
        ``mean_professionals``, ``mean_patients``; optionally ``dimension_label``.
    lang : {"fr", "en"}
    items : pandas.DataFrame, optional
        The barometer catalogue, for the dimension names.
    min_cell : int, default 10
        Only quoted in the note of an empty panel.
    scale : (float, float), optional
        The answer range the vertical axes span (e.g. (1, 5)); default from 0 to 4, or to
        the largest mean rounded up when it is above 4.

    Returns
    -------
    matplotlib.figure.Figure
    """
    require(gap_table, ("dimension", "wave", "mean_professionals", "mean_patients"), "gap_table")
    _one_team(gap_table)
    gaps = gap_table.loc[gap_table.get("comparison", "gap") == "gap"]
    gaps = sort_table(gaps, ["dimension", "wave"], gap_table)
    names = _dimension_names(gap_table, lang, items)
    dims = list(pd.unique(gaps["dimension"]))
    waves = _waves(gaps["wave"])
    ncols = min(len(dims), 3) or 1
    nrows = int(np.ceil(len(dims) / ncols)) or 1
    fig = Figure(figsize=(7.0, 2.0 * nrows + 0.9))
    set_margins(
        fig,
        left=0.6,
        right=0.15,
        top=0.6,
        bottom=0.65,
        wgap=0.45,
        hgap=0.55,
        ncols=ncols,
        nrows=nrows,
    )
    axes = fig.subplots(nrows, ncols, squeeze=False).ravel()
    values = gaps[["mean_professionals", "mean_patients"]].to_numpy(dtype=float)
    finite = values[np.isfinite(values)]
    top = 4.0 if not finite.size or finite.max() <= 4 else float(np.ceil(finite.max()))
    bottom, top = (0.0, top) if scale is None else (float(scale[0]), float(scale[1]))
    x = np.arange(len(waves))
    for ax, dim in zip(axes, dims, strict=False):
        d = gaps.loc[gaps["dimension"] == dim].set_index("wave")
        drawn = False
        for group, col in ((PROFESSIONALS, "mean_professionals"),
                           (PATIENT_SIDE, "mean_patients")):  # fmt: skip
            y = np.array([float(d[col].get(w, np.nan)) for w in waves])
            if np.isfinite(y).any():
                ax.plot(x, y, marker="o", color=GROUP_COLOURS[group], lw=1.8,
                        label=t(f"barometer.role_group.{group}", lang))  # fmt: skip
                drawn = True
        if not drawn:
            note = t("plot.barometer.not-shown", lang, group=_name(names, dim), min_cell=min_cell)
            ax.text(0.5, 0.5, wrap(note, 26, lines=6), transform=ax.transAxes, ha="center",
                    va="center", fontsize=7.5)  # fmt: skip
        ax.set_title(wrap(_name(names, dim), 28), fontsize=8.5, y=1)
        ax.set_xticks(x)
        ax.set_xticklabels(waves, fontsize=8)
        ax.set_xlim(-0.3, len(waves) - 0.7)
        ax.set_ylim(bottom, top)
        ax.yaxis.set_major_formatter(FuncFormatter(
            lambda value, _pos: format_number(value, lang=lang, digits=1)))  # fmt: skip
        ax.tick_params(axis="y", labelsize=7.5)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    for ax in axes[len(dims) :]:
        ax.set_axis_off()
    if not dims:
        axes[0].text(0.5, 0.5, t("plot.barometer.no-data", lang), ha="center", va="center")
    handles = [Patch(color=GROUP_COLOURS[g], label=t(f"barometer.role_group.{g}", lang))
               for g in (PROFESSIONALS, PATIENT_SIDE)]  # fmt: skip
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncols=2,
               fontsize=8, frameon=False)  # fmt: skip
    fig.supylabel(t("plot.barometer.slope.ylabel", lang), fontsize=8.5,
                  x=0.08 / fig.get_size_inches()[0], ha="left")  # fmt: skip
    set_title(fig, t("plot.barometer.slope.title", lang))
    return fig
