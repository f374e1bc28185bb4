"""Meta-analysis figures: forest plot, subgroup forest plot, funnel plot.

They draw effect tables and the outputs of :mod:`impact.stats.meta` (``pool``, ``subgroups``);
ratios (scale "log") are drawn on a logarithmic axis. Figures are built without pyplot
(no window, no global state) and returned for the caller to close.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Polygon
from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator
from scipy import stats

from impact.report.figures.layout import POINT, plain_text, set_margins, text_width, wrap
from impact.report.formatting import format_number
from impact.report.labels import t

__all__ = ["forest_plot", "funnel_plot", "subgroup_forest"]

#: Characters per line of a title (9 points across a 7-inch figure), and of a study's label.
TITLE_WIDTH, LABEL_WIDTH = 88, 40
COLORS = {
    "study": "0.25",
    "pooled": "#1f5fa8",
    "prediction": "#c0392b",
    "line": "0.55",
    "funnel": "0.93",
}


def _row(pooled: pd.DataFrame | pd.Series) -> pd.Series:
    """The single pooled row (a one-row DataFrame of :func:`impact.stats.meta.pool`, or a row)."""
    if isinstance(pooled, pd.DataFrame):
        if len(pooled) != 1:
            raise ValueError(
                f"pooled must hold one pooled row (filter one group). Got {len(pooled)} rows."
            )
        return pooled.iloc[0]
    if isinstance(pooled, pd.Series):
        return pooled
    raise ValueError(f"pooled must be a pandas DataFrame or Series. Got {type(pooled).__name__}.")


def _num(value: float, lang: str, digits: int = 2) -> str:
    return format_number(value, lang=lang, digits=digits)


def _p_text(p: float, lang: str) -> str:
    if not np.isfinite(p):
        return "= " + format_number(p, lang=lang)
    return "< " + _num(0.001, lang, 3) if p < 0.001 else "= " + _num(p, lang, 3)


def _level(conf_level: float) -> str:
    return f"{100 * conf_level:g}"


def _interval(est: float, low: float, high: float, lang: str) -> str:
    sep = " ; " if lang == "fr" else ", "
    return f"{_num(est, lang)} [{_num(low, lang)}{sep}{_num(high, lang)}]"


def _setup_axis(ax: Axes, log: bool, values: np.ndarray, lang: str) -> float:
    """Reference line at no effect, log axis for ratios, localised tick labels."""
    null = 1.0 if log else 0.0
    finite = values[np.isfinite(values) & ((values > 0) if log else True)]
    if log:
        ax.set_xscale("log")
        reach = float(np.max(np.abs(np.log(finite)))) if finite.size else 1.0
        reach = max(reach, np.log(1.25)) * 1.08
        ax.set_xlim(np.exp(-reach), np.exp(reach))
        candidates = (0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 0.75, 1, 1.5, 2, 4, 5, 10, 20, 50)
        ticks = [v for v in candidates if np.exp(-reach) <= v <= np.exp(reach)]
        if len(ticks) > 7:
            ticks = [v for v in ticks if v in (0.02, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 10, 20, 50)]
        ax.xaxis.set_major_locator(FixedLocator(ticks))
        ax.xaxis.set_minor_locator(NullLocator())
    else:
        # Limits from the values themselves and the line of no effect, with matplotlib's
        # default 5% margins: diamonds are patches, which do not rescale the axis, so a
        # figure of diamonds only would keep the default 0–1 range.
        low, high = float(np.min(finite, initial=null)), float(np.max(finite, initial=null))
        pad = 0.05 * (high - low) if high > low else 0.5
        ax.set_xlim(low - pad, high + pad)
    ax.xaxis.set_major_formatter(
        FuncFormatter(
            lambda v, _pos: format_number(
                v,
                lang=lang,
                digits=next((d for d in (0, 1, 2) if abs(v * 10**d - round(v * 10**d)) < 1e-9), 2),
            )
        )
    )
    ax.axvline(
        null, color=COLORS["line"], ls="--", lw=0.9, zorder=0, label=t("plot.meta.no-effect", lang)
    )
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    return null


def _diamond(
    ax: Axes,
    y: float,
    est: float,
    low: float,
    high: float,
    color: str,
    label: str | None = None,
    height: float = 0.32,
) -> None:
    if not all(np.isfinite([est, low, high])):
        return
    ax.add_patch(
        Polygon(
            [(low, y), (est, y + height), (high, y), (est, y - height)],
            closed=True,
            facecolor=color,
            edgecolor=color,
            label=label,
            zorder=3,
        )
    )


def _heterogeneity(row: pd.Series, lang: str) -> str:
    if not np.isfinite(row.get("Q", np.nan)):
        return ""
    return t(
        "plot.meta.heterogeneity",
        lang,
        tau2=_num(row["tau2"], lang, 3),
        i2=format_number(row["I2"], lang=lang, digits=0),
        q=_num(row["Q"], lang, 1),
        df=int(row["Q_df"]),
        p=_p_text(row["Q_p"], lang),
    )


def _pooled_label(row: pd.Series, lang: str) -> str:
    random = not str(row.get("method", "")).startswith("common")
    return t("plot.meta.pooled.random" if random else "plot.meta.pooled.common", lang)


def _margins(
    fig: Figure,
    left_labels: list[str],
    left_size: float,
    right_labels: list[str],
    right_size: float,
    head: str,
    bottom: float,
) -> None:
    """Fixed margins of a forest plot: its labels on the left, values on the right, the
    title lines on top (cheaper than the constrained layout engine: see plots._layout)."""
    set_margins(fig, left=1.15 * text_width(left_labels, left_size) + 0.2,
                right=text_width(right_labels, right_size) + 0.2,
                top=(head.count("\n") + 1) * 9 * 1.3 * POINT + 0.2 if head else 0.2,
                bottom=bottom)  # fmt: skip


def _legend_below(ax: Axes) -> None:
    """The legend 0.5 inch under the axes (under the tick labels and the axis label),
    centred on the figure: clear of the data, and within the figure however narrow long
    labels leave the axes."""
    fig = ax.figure
    below = ax.get_position().y0 - 0.5 / fig.get_figheight()
    ax.legend(fontsize=7.5, frameon=False, loc="upper center", ncols=2,
              bbox_to_anchor=(0.5, below), bbox_transform=fig.transFigure)  # fmt: skip


def _head(ax: Axes, text: str) -> None:
    """The heading lines of a forest plot, from the figure's left edge (not the axes',
    which the labels push right): lines of :data:`TITLE_WIDTH` characters fit the figure."""
    box = ax.get_position()
    x = (0.08 / ax.figure.get_figwidth() - box.x0) / box.width
    ax.set_title(text, loc="left", fontsize=9, y=1, x=x)


@plain_text
def forest_plot(
    effects: pd.DataFrame,
    pooled: pd.DataFrame | pd.Series,
    *,
    label_col: str = "team_id",
    lang: str = "fr",
    sort: bool = True,
    xlabel: str | None = None,
    title: str | None = None,
) -> Figure:
    """Forest plot: each study's estimate and interval, the pooled diamond, the prediction
    interval and the line of no effect.

    Studies (teams) are sorted by estimate (``sort=True``), drawn as squares sized by their
    random-effects weight ``1/(se² + τ²)`` with their confidence interval; their value and
    interval are written on the right. Below them, the pooled estimate is a diamond spanning
    its confidence interval and the prediction interval (where a new team's true effect is
    expected) a red bar. Ratios (scale "log") use a logarithmic axis with the line of no
    effect at 1; differences at 0. The heterogeneity statistics head the figure.

    Parameters
    ----------
    effects : pandas.DataFrame
        The study rows of one meta-analysis (``estimate``, ``ci_low``, ``ci_high``, ``se``,
        ``scale`` and ``label_col``). Rows without an estimate are left out.
    pooled : pandas.DataFrame or pandas.Series
        The matching row of :func:`impact.stats.meta.pool` (one row).
    label_col : str, default "team_id"
    lang : {"fr", "en"}, default "fr"
    sort : bool, default True
        Order studies by estimate (else keep the input order, first on top).
    xlabel, title : str, optional
        The x-axis label (default "Effet" / "Rapport (échelle log)") and a title.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from impact.stats.meta import pool
    >>> frame = pd.DataFrame({"team_id": ["A", "B", "C"], "estimate": [0.2, 0.5, 0.1],
    ...     "ci_low": [0.0, 0.1, -0.2], "ci_high": [0.4, 0.9, 0.4], "se": [0.1, 0.2, 0.15],
    ...     "scale": "identity"})
    >>> fig = forest_plot(frame, pool(frame), lang="en")
    >>> fig.axes[0].get_yticklabels()[-1].get_text()
    'Pooled effect (random effects)'
    """
    if label_col not in effects.columns:
        raise ValueError(
            f"label_col={label_col!r} is not a column of effects. Got {list(effects.columns)}."
        )
    row = _row(pooled)
    log = row.get("scale", "identity") == "log"
    data = effects[np.isfinite(pd.to_numeric(effects["estimate"], errors="coerce"))]
    if sort:
        data = data.sort_values("estimate", kind="stable", ascending=False)
    n = len(data)
    fig = Figure(figsize=(7.0, 0.24 * n + 2.3))
    ax = fig.add_subplot()
    est = data["estimate"].to_numpy(dtype=float)
    low = data["ci_low"].to_numpy(dtype=float)
    high = data["ci_high"].to_numpy(dtype=float)
    ys = np.arange(n, 0, -1, dtype=float)
    tau2 = float(row.get("tau2", 0.0)) if np.isfinite(row.get("tau2", np.nan)) else 0.0
    se = pd.to_numeric(data.get("se", pd.Series(np.nan, index=data.index)), errors="coerce")
    weight = 1 / (se.to_numpy(dtype=float) ** 2 + tau2)
    size = np.full(n, 5.0)
    if np.isfinite(weight).any():
        rel = np.sqrt(weight / np.nanmax(weight))
        size = np.where(np.isfinite(rel), 3 + 6 * rel, 4.0)
    level = _level(float(row.get("conf_level", 0.95)))
    ax.hlines(
        ys,
        np.where(np.isfinite(low), low, est),
        np.where(np.isfinite(high), high, est),
        color=COLORS["study"],
        lw=1.1,
        label=t("plot.meta.interval", lang, level=level),
    )
    # one collection for all squares (area in points², as a marker of size ``size``)
    ax.scatter(est, ys, s=size**2, marker="s", color=COLORS["study"], zorder=3, linewidths=0)
    y_pool = -0.6
    _diamond(
        ax,
        y_pool,
        row["estimate"],
        row["ci_low"],
        row["ci_high"],
        COLORS["pooled"],
        label=_pooled_label(row, lang),
    )
    pi = (row.get("pi_low", np.nan), row.get("pi_high", np.nan))
    if all(np.isfinite(pi)) and np.isfinite(row.get("tau2", np.nan)):
        ax.errorbar(
            [row["estimate"]],
            [y_pool - 0.75],
            fmt="none",
            capsize=3,
            xerr=[[row["estimate"] - pi[0]], [pi[1] - row["estimate"]]],
            color=COLORS["prediction"],
            lw=1.4,
            label=t("plot.meta.prediction", lang, level=level),
        )
    values = np.concatenate([est, low, high, [row["ci_low"], row["ci_high"], *pi]])
    _setup_axis(ax, log, np.asarray(values, dtype=float), lang)
    labels = [wrap(v, LABEL_WIDTH, lines=1) for v in data[label_col]]
    ax.set_yticks([*ys, y_pool], [*labels, _pooled_label(row, lang)])
    ax.get_yticklabels()[-1].set_fontweight("bold")
    ax.set_ylim(y_pool - 1.3, n + 0.8)
    ax.tick_params(axis="y", length=0, labelsize=8)
    right = ax.secondary_yaxis("right")
    values_text = [
        *(_interval(e, lo, hi, lang) for e, lo, hi in zip(est, low, high, strict=True)),
        _interval(row["estimate"], row["ci_low"], row["ci_high"], lang),
    ]
    right.set_yticks([*ys, y_pool], values_text)
    right.tick_params(length=0, labelsize=7.5)
    right.spines["right"].set_visible(False)
    ax.set_xlabel(xlabel or t("plot.meta.ratio" if log else "plot.meta.effect", lang))
    head = "\n".join(s for s in (wrap(title, TITLE_WIDTH) if title else "",
                                  _heterogeneity(row, lang)) if s)  # fmt: skip
    bottom = 1.05  # tick labels, axis label, then two rows of legend
    _margins(fig, labels + [_pooled_label(row, lang)], 8, values_text, 7.5, head, bottom)
    _head(ax, head)
    _legend_below(ax)
    return fig


@plain_text
def subgroup_forest(
    analysis: object,
    *,
    lang: str = "fr",
    xlabel: str | None = None,
    title: str | None = None,
) -> Figure:
    """Subgroup forest plot: one diamond per subgroup, the overall diamond and the tests.

    Each subgroup's pooled estimate (its own τ²) is a diamond spanning its confidence
    interval, labelled with its number of studies; the overall pooled estimate comes last.
    The tests of subgroup differences (separate τ², and the mixed-effects moderator test)
    are written under the title.

    Parameters
    ----------
    analysis : impact.stats.meta_subgroups.SubgroupAnalysis
        The result of :func:`impact.stats.meta_subgroups.subgroups` for one analysis
        (filter ``within``
        groups first: one overall row).
    lang : {"fr", "en"}, default "fr"
    xlabel, title : str, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    groups, overall, tests = analysis.groups, analysis.overall, analysis.tests
    by = analysis.by
    row = _row(overall)
    log = row.get("scale", "identity") == "log"
    n = len(groups)
    fig = Figure(figsize=(7.0, 0.42 * n + 2.0))
    ax = fig.add_subplot()
    ys = np.arange(n, 0, -1, dtype=float)
    labels = []
    for y, g in zip(ys, groups.itertuples(index=False), strict=True):
        g = g._asdict()
        _diamond(ax, y, g["estimate"], g["ci_low"], g["ci_high"], COLORS["study"], height=0.25)
        if not all(np.isfinite([g["ci_low"], g["ci_high"]])) and np.isfinite(g["estimate"]):
            ax.plot([g["estimate"]], [y], "D", color=COLORS["study"], ms=5)
        labels.append(f"{wrap(g[by], LABEL_WIDTH, lines=1)} (k = {int(g['k'])})")
    y_all = -0.4
    _diamond(
        ax,
        y_all,
        row["estimate"],
        row["ci_low"],
        row["ci_high"],
        COLORS["pooled"],
        label=_pooled_label(row, lang),
    )
    values = np.concatenate(
        [
            groups[["estimate", "ci_low", "ci_high"]].to_numpy(dtype=float).ravel(),
            [row["ci_low"], row["ci_high"]],
        ]
    )
    _setup_axis(ax, log, values, lang)
    ax.set_yticks([*ys, y_all], [*labels, t("plot.meta.overall", lang) + f" (k = {int(row['k'])})"])
    ax.get_yticklabels()[-1].set_fontweight("bold")
    ax.set_ylim(y_all - 0.9, n + 0.7)
    ax.tick_params(axis="y", length=0, labelsize=8.5)
    right = ax.secondary_yaxis("right")
    values_text = [
        *(_interval(e, lo, hi, lang)
          for e, lo, hi in groups[["estimate", "ci_low", "ci_high"]].to_numpy(dtype=float)),
        _interval(row["estimate"], row["ci_low"], row["ci_high"], lang),
    ]  # fmt: skip
    right.set_yticks([*ys, y_all], values_text)
    right.tick_params(length=0, labelsize=7.5)
    right.spines["right"].set_visible(False)
    ax.set_xlabel(xlabel or t("plot.meta.ratio" if log else "plot.meta.effect", lang))
    lines = [wrap(title, TITLE_WIDTH)] if title else []
    for test in tests.itertuples(index=False):
        if not np.isfinite(test.statistic):
            continue
        key = "plot.meta.test.separate" if "separate" in test.test else "plot.meta.test.common"
        stat = "F" if test.distribution == "F" else "Q"
        df = f"{int(test.df1)}" + (f", {int(test.df2)}" if np.isfinite(test.df2) else "")
        text = t(key, lang, stat=stat, value=_num(test.statistic, lang), df=df,
                 p=_p_text(test.p_value, lang))  # fmt: skip
        lines.append(wrap(text, TITLE_WIDTH, lines=3))
    _margins(
        fig,
        [*labels, t("plot.meta.overall", lang) + f" (k = {int(row['k'])})"],
        8.5,
        values_text,
        7.5,
        "\n".join(lines),
        0.55,
    )
    _head(ax, "\n".join(lines))
    return fig


@plain_text
def funnel_plot(
    effects: pd.DataFrame,
    pooled: pd.DataFrame | pd.Series,
    *,
    lang: str = "fr",
    title: str | None = None,
) -> Figure:
    """Funnel plot: each study's estimate against its standard error, with the pseudo-
    confidence region ``μ̂ ± z·SE`` around the pooled estimate.

    The standard error axis is reversed (most precise studies on top), as in
    ``metafor::funnel``; without small-study effects the points scatter symmetrically
    inside the funnel. Ratios are drawn on a logarithmic axis.

    Parameters
    ----------
    effects : pandas.DataFrame
        The study rows (``estimate``, ``se``, ``scale``).
    pooled : pandas.DataFrame or pandas.Series
        The matching row of :func:`impact.stats.meta.pool`.
    lang : {"fr", "en"}, default "fr"
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    row = _row(pooled)
    log = row.get("scale", "identity") == "log"
    est = pd.to_numeric(effects["estimate"], errors="coerce").to_numpy(dtype=float)
    se = pd.to_numeric(effects["se"], errors="coerce").to_numpy(dtype=float)
    ok = np.isfinite(est) & np.isfinite(se) & ((est > 0) if log else True)
    est, se = est[ok], se[ok]
    fig = Figure(figsize=(6.0, 4.6))
    title = wrap(title, 60) if title else title  # 10 points over the axes' 5 inches
    top = 0.2 + 0.18 * (title.count("\n") + 1) if title else 0.15
    set_margins(fig, left=0.8, right=0.2, top=top, bottom=0.9)
    ax = fig.add_subplot()
    conf = float(row.get("conf_level", 0.95))
    z = stats.norm.ppf(1 - (1 - conf) / 2)
    centre = np.log(row["estimate"]) if log else row["estimate"]
    top = (np.max(se) if se.size else 1.0) * 1.08
    grid = np.linspace(0, top, 50)
    lo, hi = centre - z * grid, centre + z * grid
    if log:
        lo, hi = np.exp(lo), np.exp(hi)
    ax.fill_betweenx(
        grid,
        lo,
        hi,
        color=COLORS["funnel"],
        zorder=0,
        label=t("plot.meta.funnel.region", lang, level=_level(conf)),
    )
    ax.plot(lo, grid, color=COLORS["line"], lw=0.8, ls=":")
    ax.plot(hi, grid, color=COLORS["line"], lw=0.8, ls=":")
    ax.axvline(row["estimate"], color=COLORS["pooled"], lw=1.2, label=_pooled_label(row, lang))
    ax.plot(est, se, "o", ms=4, color=COLORS["study"], alpha=0.8, zorder=3)
    _setup_axis(ax, log, np.concatenate([est, lo[-1:], hi[-1:]]), lang)
    ax.spines["left"].set_visible(True)
    ax.set_ylim(top, 0)
    ax.set_ylabel(t("plot.meta.se", lang))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: _num(v, lang, 2)))
    ax.set_xlabel(t("plot.meta.ratio" if log else "plot.meta.effect", lang))
    if title:
        ax.set_title(title, loc="left", fontsize=10, y=1)
    # under the axes: never over a study
    _legend_below(ax)
    return fig
