"""The programme report's overview chart: each outcome's share of teams improved,
inconclusive and worsened."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from impact.report.figures.layout import plain_text, wrap
from impact.report.labels import t
from impact.synthesis.effects import FAMILIES

__all__ = ["verdict_chart"]

_COLOURS = {"improved": "#1b7837", "inconclusive": "#bdbdbd", "worsened": "#b2182b"}


@plain_text
def verdict_chart(
    pooled: pd.DataFrame, labels: dict[tuple[str, str], str], *, lang: str = "fr"
) -> Figure:
    """Share of teams improved, inconclusive and worsened for each outcome.

    One horizontal stacked bar per outcome (teams with an estimate = 100 %), from each
    team's own verdict, grouped by family; the pooled verdict is written on the right.
    Scale-free, so every outcome of every family fits on one chart. Teams are counted,
    not people.

    Parameters
    ----------
    pooled : pandas.DataFrame
        Output of :func:`impact.synthesis.pooling.pooled_effects`.
    labels : dict
        Display label of each (family, outcome).
    lang : {"fr", "en"}

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> pooled = pd.DataFrame({"family": "prom", "outcome": ["pain"], "n_teams": [10],
    ...     "n_improved": [6], "n_worsened": [1], "verdict": ["improved"]})
    >>> fig = verdict_chart(pooled, {}, lang="en")
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['Patient-reported outcomes (PROM)', 'pain']
    """
    rows = pooled.loc[pooled["n_teams"] > 0]
    ticks, names, bold, bars = [], [], [], []
    y = 0.0
    for family in FAMILIES:
        part = rows.loc[rows["family"] == family]
        if part.empty:
            continue
        ticks.append(y)
        names.append(t(f"report.programme.family.{family}", lang))
        bold.append(True)
        y -= 1
        for r in part.itertuples(index=False):
            ticks.append(y)
            names.append(wrap(labels.get((r.family, r.outcome), r.outcome), 44, lines=1))
            bold.append(False)
            bars.append((y, r))
            y -= 1
        y -= 0.4
    fig = Figure(figsize=(7.0, 0.26 * len(ticks) + 1.1), layout="constrained")
    ax = fig.add_subplot()
    for pos, r in bars:
        share = {
            "improved": 100 * r.n_improved / r.n_teams,
            "worsened": 100 * r.n_worsened / r.n_teams,
        }
        share["inconclusive"] = 100 - share["improved"] - share["worsened"]
        left = 0.0
        for verdict in ("improved", "inconclusive", "worsened"):
            ax.barh(pos, share[verdict], left=left, color=_COLOURS[verdict], height=0.7)
            left += share[verdict]
    ax.set_yticks(ticks, names, fontsize=8)
    for label, is_bold in zip(ax.get_yticklabels(), bold, strict=True):
        if is_bold:
            label.set_fontweight("bold")
    right = ax.secondary_yaxis("right")
    right.set_yticks(
        [p for p, _ in bars], [t(f"verdict.{r.verdict}", lang) for _, r in bars], fontsize=8
    )
    right.tick_params(length=0)
    right.spines["right"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.set_xlim(0, 100)
    ax.set_ylim(y + 0.4, 0.6)
    ax.set_xlabel(t("report.programme.chart.xlabel", lang))
    handles = [
        Patch(color=_COLOURS[v], label=t(f"verdict.{v}", lang))
        for v in ("improved", "inconclusive", "worsened")
    ]
    fig.legend(handles=handles, loc="outside lower center", ncol=3, fontsize=8, frameon=False)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    return fig
