"""Patient-experience figures: before/after dumbbell per dimension, top-box bars per item."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from impact.data.loading import PREM_PUBLICATION_THRESHOLD
from impact.report.figures.layout import plain_text, set_margins, text_width, title, wrap
from impact.report.formatting import format_number
from impact.report.labels import t
from impact.report.privacy import DEFAULT_MIN_CELL

__all__ = ["prem_dumbbell_chart", "prem_topbox_chart"]

COLORS = {"before": "#8c8c8c", "after": "#1f5fa8", "line": "#b8b8b8"}


def _labels(catalogue: pd.DataFrame | None, lang: str) -> dict[str, str]:
    """Dimension and item labels from the ``prem_items`` catalogue (codes otherwise)."""
    if catalogue is None or not len(catalogue):
        return {}
    out = dict(
        zip(
            catalogue["dimension"],
            catalogue.get(f"dimension_{lang}", catalogue["dimension"]),
            strict=True,
        )
    )
    text = catalogue.get(f"label_{lang}", catalogue["item"])
    out |= {f"item:{i}": f"{i} – {lab}" for i, lab in zip(catalogue["item"], text, strict=True)}
    return out


def _mark_suppressed(ax, part: pd.DataFrame, ys: np.ndarray, value: np.ndarray, mark: str) -> None:
    """Write the suppression mark (as in the tables, e.g. "< 10") where a small cell hid
    the value."""
    if "suppressed" not in part:
        return
    hidden = part["suppressed"].fillna(False).to_numpy(bool) & ~np.isfinite(value)
    for yy in ys[hidden]:
        ax.text(1, yy, mark, fontsize=7, color="0.35", va="center")


def _margins(fig: Figure, ylabels: list[str], fontsize: float, *, note: bool) -> None:
    """Room for the labels on the left, the title and legend above, the axis label and
    the optional note below."""
    set_margins(
        fig,
        left=text_width(ylabels, fontsize) + 0.15,
        right=0.25,
        top=0.75,
        bottom=0.8 if note else 0.55,
    )


def _note(fig: Figure, text: str) -> None:
    """A grey note under the axis label."""
    fig.supxlabel(text, y=0.06 / fig.get_size_inches()[1], va="bottom", fontsize=7.5, color="0.35")


def _empty(fig: Figure, lang: str) -> Figure:
    ax = fig.add_subplot()
    ax.axis("off")
    ax.text(0.5, 0.5, t("plot.prem.empty", lang), ha="center", va="center", color="0.4")
    return fig


@plain_text
def prem_dumbbell_chart(
    levels: pd.DataFrame,
    *,
    catalogue: pd.DataFrame | None = None,
    lang: str = "fr",
    conf_level: float = 0.95,
    threshold: int = PREM_PUBLICATION_THRESHOLD,
    periods: tuple[str, str] = ("avant", "après"),
    min_cell: int = DEFAULT_MIN_CELL,
) -> Figure:
    """One line per dimension (overall score first): the before and after means, joined.

    Each period's mean is a dot with its confidence interval (before above, after
    below); a period under the publication threshold (``small_sample``) is drawn hollow
    and the note under the chart says why. A value hidden by small-cell suppression
    (column ``suppressed``) shows the tables' mark, "< min_cell".

    Parameters
    ----------
    levels : pandas.DataFrame
        One team's rows of :attr:`impact.prem.deltas.PremScores.summary` (or the ``"levels"``
        table of :func:`impact.report.prem_tables.team_prem_tables`): ``period``, ``level``,
        ``code``,
        ``mean`` (or ``estimate``), ``ci_low``, ``ci_high``, ``small_sample``. Item
        rows are ignored.
    catalogue : pandas.DataFrame, optional
        ``prem_items``, for the dimension labels.
    lang : {"fr", "en"}
    conf_level : float, default 0.95
        Only for the axis label.
    threshold : int, default 30
        Only for the note.
    periods : (str, str), default ("avant", "après")
        Labels of the before and after periods in ``period``.
    min_cell : int, default 10
        Only for the mark of a hidden value.

    Returns
    -------
    matplotlib.figure.Figure
    """
    rows = levels[levels["level"].isin(["overall", "dimension"])]
    value = "mean" if "mean" in rows.columns else "estimate"
    codes = list(dict.fromkeys(rows["code"]))
    fig = Figure(figsize=(7.0, 0.34 * max(len(codes), 1) + 1.3))
    if not len(rows) or rows[value].notna().sum() == 0:
        return _empty(fig, lang)
    labels = _labels(catalogue, lang)
    ylabels = [wrap(t("plot.prem.overall", lang) if c == "all" else labels.get(c, c), 40)
               for c in codes]  # fmt: skip
    small_any = bool(rows["small_sample"].fillna(False).astype(bool).any())
    _margins(fig, ylabels, 8.5, note=small_any)
    ax = fig.add_subplot()
    y = {c: len(codes) - 1 - i for i, c in enumerate(codes)}
    for k, (period, colour) in enumerate(zip(periods, ("before", "after"), strict=True)):
        part = rows[rows["period"] == period]
        ys = part["code"].map(y).to_numpy(float) + (-0.12 if k else 0.12)
        est = part[value].to_numpy(float)
        low = part["ci_low"].to_numpy(float)
        high = part["ci_high"].to_numpy(float)
        small = part["small_sample"].fillna(False).to_numpy(bool)
        ok = np.isfinite(est)
        _mark_suppressed(ax, part, ys, est, t("report.suppressed.mark", lang, min_cell=min_cell))
        err = np.vstack([np.clip(est - low, 0, None), np.clip(high - est, 0, None)])
        err = np.where(np.isfinite(err), err, 0.0)
        ax.errorbar(
            est[ok],
            ys[ok],
            xerr=err[:, ok],
            fmt="none",
            ecolor=COLORS[colour],
            elinewidth=1,
            capsize=2,
            alpha=0.8,
        )
        for filled in (True, False):
            sel = ok & (small != filled)
            ax.scatter(
                est[sel],
                ys[sel],
                s=46,
                zorder=3,
                linewidths=1.4,
                edgecolors=COLORS[colour],
                facecolors=COLORS[colour] if filled else "white",
            )
    if set(periods) <= set(rows["period"]):
        wide = rows.pivot_table(index="code", columns="period", values=value, aggfunc="first")
        for code in codes:
            if code in wide.index and all(p in wide.columns for p in periods):
                a, b = wide.loc[code, periods[0]], wide.loc[code, periods[1]]
                if np.isfinite(a) and np.isfinite(b):
                    ax.plot(
                        [a, b],
                        [y[code] + 0.12, y[code] - 0.12],
                        color=COLORS["line"],
                        lw=2,
                        zorder=1,
                    )
    ax.set_yticks([y[c] for c in codes])
    ax.set_yticklabels(ylabels, fontsize=8.5)
    ax.set_xlim(0, 100)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: format_number(v, lang=lang, digits=0)))
    ax.set_xlabel(t("plot.prem.dumbbell.xlabel", lang, level=f"{100 * conf_level:g}"), fontsize=8.5)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x", color="0.92")
    handles = [
        Line2D([], [], marker="o", ls="", color=COLORS[c], label=t(f"plot.prem.{c}", lang))
        for c in ("before", "after")
    ]
    ax.legend(
        handles=handles,
        loc="lower left",
        fontsize=8,
        frameon=False,
        ncols=2,
        bbox_to_anchor=(0, 1.0),
    )
    title(fig, t("plot.prem.dumbbell.title", lang))
    if small_any:
        _note(fig, t("plot.prem.small", lang, threshold=threshold))
    return fig


@plain_text
def prem_topbox_chart(
    items: pd.DataFrame,
    *,
    catalogue: pd.DataFrame | None = None,
    lang: str = "fr",
    conf_level: float = 0.95,
    threshold: int = PREM_PUBLICATION_THRESHOLD,
    periods: tuple[str, str] = ("avant", "après"),
    min_cell: int = DEFAULT_MIN_CELL,
) -> Figure:
    """Horizontal bars of each item's top-box share, before and after, with intervals.

    Before above, after below; hatched bars for a period under the publication
    threshold; the tables' mark, "< min_cell", where small-cell suppression
    hid the share.

    Parameters
    ----------
    items : pandas.DataFrame
        One team's item rows: ``period``, ``code``, ``top_share`` (0–1), optional
        ``top_low``/``top_high`` (interval, e.g. Wilson) and ``small_sample`` (hatched
        bars) — the ``"topbox"`` table of
        :func:`impact.report.prem_tables.team_prem_tables`, or item
        rows of :attr:`impact.prem.deltas.PremScores.summary`.
    catalogue : pandas.DataFrame, optional
        ``prem_items``, for the question labels.
    lang : {"fr", "en"}
    conf_level : float, default 0.95
    threshold : int, default 30
        Only for the note.
    periods : (str, str), default ("avant", "après")
        Labels of the before and after periods in ``period``.
    min_cell : int, default 10
        Only for the mark of a hidden value.

    Returns
    -------
    matplotlib.figure.Figure
    """
    rows = items[items["level"] == "item"] if "level" in items.columns else items
    codes = list(dict.fromkeys(rows["code"]))
    fig = Figure(figsize=(7.0, 0.34 * max(len(codes), 1) + 1.3))
    if not len(rows) or rows["top_share"].notna().sum() == 0:
        return _empty(fig, lang)
    labels = _labels(catalogue, lang)
    ylabels = [wrap(labels.get(f"item:{c}", c), 44) for c in codes]  # at most two lines
    small_any = bool("small_sample" in rows and rows["small_sample"].fillna(False).astype(bool)
                     .any())  # fmt: skip
    _margins(fig, ylabels, 7.5, note=small_any)
    ax = fig.add_subplot()
    y = {c: len(codes) - 1 - i for i, c in enumerate(codes)}
    height = 0.38
    for k, (period, colour) in enumerate(zip(periods, ("before", "after"), strict=True)):
        part = rows[rows["period"] == period]
        ys = part["code"].map(y).to_numpy(float) + (height / 2 if k == 0 else -height / 2)
        share = 100 * part["top_share"].to_numpy(float)
        small = (
            part["small_sample"].fillna(False).to_numpy(bool)
            if "small_sample" in part
            else np.zeros(len(part), bool)
        )
        ok = np.isfinite(share)
        _mark_suppressed(ax, part, ys, share, t("report.suppressed.mark", lang, min_cell=min_cell))
        ax.barh(
            ys[ok],
            share[ok],
            height=height,
            color=COLORS[colour],
            hatch=None,
            alpha=0.9,
            label=t(f"plot.prem.{colour}", lang),
        )
        if small[ok].any():
            ax.barh(
                ys[ok & small],
                share[ok & small],
                height=height,
                color="none",
                edgecolor="white",
                hatch="///",
                linewidth=0,
            )
        if {"top_low", "top_high"} <= set(part.columns):
            low = 100 * part["top_low"].to_numpy(float)
            high = 100 * part["top_high"].to_numpy(float)
            err = np.vstack([np.clip(share - low, 0, None), np.clip(high - share, 0, None)])
            fine = ok & np.isfinite(err).all(axis=0)
            ax.errorbar(
                share[fine],
                ys[fine],
                xerr=err[:, fine],
                fmt="none",
                ecolor="0.2",
                elinewidth=0.8,
                capsize=1.5,
            )
    ax.set_yticks([y[c] for c in codes])
    ax.set_yticklabels(ylabels, fontsize=7.5)
    ax.set_xlim(0, 100)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: format_number(v, lang=lang, digits=0)))
    ax.set_xlabel(t("plot.prem.topbox.xlabel", lang, level=f"{100 * conf_level:g}"), fontsize=8.5)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    handles = [Patch(color=COLORS[c], label=t(f"plot.prem.{c}", lang)) for c in ("before", "after")]
    ax.legend(
        handles=handles,
        loc="lower left",
        fontsize=8,
        frameon=False,
        ncols=2,
        bbox_to_anchor=(0, 1.0),
    )
    title(fig, t("plot.prem.topbox.title", lang))
    if small_any:
        _note(fig, t("plot.prem.small", lang, threshold=threshold))
    return fig
