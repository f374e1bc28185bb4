"""The programme report's effect sections: pooled tables, forest, funnel and subgroup
plots, meta-regression and difference-in-differences, as HTML fragments.

Used through :mod:`impact.report.programme` (which re-exports the section functions).
Teams are named by ``team_id`` only. ``ProgrammeResults.team_effects`` is publishable
(:func:`impact.report.privacy.publishable`): a hidden team is left out of the forest and
funnel plots *and* of every pooled effect, subgroup, meta-regression and count of teams
(they are computed from the visible teams only), and the page says how many were left
out; a pooled or subgroup effect of visible teams never rests on a small group.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from impact.data.programme import Programme
from impact.report.figures.meta import forest_plot, funnel_plot, subgroup_forest
from impact.report.formatting import MISSING, figure_html, format_number
from impact.report.labels import t
from impact.report.tables import html_table, small_cell_mark
from impact.stats.meta_subgroups import SubgroupAnalysis
from impact.synthesis.effects import FAMILIES, PREM_OVERALL

__all__ = [
    "KEY_OUTCOMES",
    "SUBGROUPS",
    "ProgrammeResults",
    "effectiveness_section",
    "subgroup_section",
    "verdict_chart",
]

#: Outcomes whose forest plots are open, with a funnel plot (the overall scores); every
#: indicator and PROM is drawn too, folded.
KEY_OUTCOMES = {"barometer": ("global",), "prem": (PREM_OVERALL,)}
#: Team attributes of the subgroup analyses, in report order.
SUBGROUPS = ("participation_level", "ghu", "domain")
_COLOURS = {"improved": "#1b7837", "inconclusive": "#bdbdbd", "worsened": "#b2182b"}
MODERATOR_CLASS = {"favourable": "improved", "unfavourable": "worsened",
                    "inconclusive": "inconclusive"}  # fmt: skip


@dataclass
class ProgrammeResults:
    """Everything the programme report shows, computed once (see :func:`programme_results`).

    Attributes
    ----------
    programme : Programme
    lang : str
    min_cell : int
    team_effects, pooled, moderators, reaim : pandas.DataFrame
        Outputs of :func:`impact.synthesis.effects.team_effects` (made publishable: column
        ``suppressed``), ``pooled_effects`` and ``moderator_effects`` of its visible rows,
        and :func:`impact.report.reaim.reaim_summary`.
    subgroups : dict of str to SubgroupAnalysis
        :func:`impact.synthesis.pooling.subgroup_effects` of the visible rows per team
        attribute.
    did : dict of str to pandas.DataFrame or None
        :func:`impact.indicators.did.did_by_indicator` (None without comparison units).
    labels : dict
        Display label of each (family, outcome).
    notes : list of str
        What could not be computed, and why (shown in the report).
    """

    programme: Programme
    lang: str
    min_cell: int
    team_effects: pd.DataFrame
    pooled: pd.DataFrame
    subgroups: dict[str, SubgroupAnalysis]
    moderators: pd.DataFrame
    reaim: pd.DataFrame
    did: dict[str, pd.DataFrame] | None
    labels: dict[tuple[str, str], str]
    notes: list[str] = field(default_factory=list)

    @property
    def mark(self) -> str:
        """The small-cell mark, e.g. ``< 10``."""
        return small_cell_mark(self.min_cell, self.lang)


# --------------------------------------------------------------------------- helpers
def escape_text(text: object) -> str:
    return html.escape(str(text))


def heading_text(level: int, key: str, lang: str, anchor: str | None = None) -> str:
    ident = f' id="{anchor}"' if anchor else ""
    return f"<h{level}{ident}>{escape_text(t(key, lang))}</h{level}>"


def number_text(value: float, lang: str, digits: int = 2, sign: bool = False) -> str:
    return format_number(value, lang=lang, digits=digits, sign=sign)


def effect_text(value: float, scale: str, lang: str, digits: int = 2) -> str:
    """An effect as shown: ``×0,88`` for ratios, ``+1,25`` for differences."""
    if pd.isna(value):
        return MISSING
    if scale == "log":
        return t("report.ratio", lang, value=number_text(value, lang, digits))
    return number_text(value, lang, digits, sign=True)


def interval_text(low: float, high: float, scale: str, lang: str, digits: int = 2) -> str:
    if pd.isna(low) or pd.isna(high):
        return MISSING
    sign = scale != "log"
    return t(
        "report.ci.range",
        lang,
        low=number_text(low, lang, digits, sign),
        high=number_text(high, lang, digits, sign),
    )


def p_text(p: float, lang: str) -> str:
    if pd.isna(p):
        return MISSING
    return "< " + number_text(0.001, lang, 3) if p < 0.001 else number_text(p, lang, 3)


def _verdict(verdict: str, lang: str) -> str:
    if not verdict:
        return MISSING
    key = f"verdict.{verdict}"
    return f'<span class="verdict-{escape_text(verdict)}">{escape_text(t(key, lang))}</span>'


def _unit(res: ProgrammeResults, family: str, outcome: str, scale: str) -> str:
    """What an outcome's effect measures (ratio, points, the indicator's unit)."""
    lang = res.lang
    if scale == "log":
        return t("report.programme.unit.ratio", lang)
    if family == "indicator":
        cat = res.programme.indicators.set_index("code")
        if outcome in cat.index:
            if cat.loc[outcome, "kind"] == "proportion":
                return t("report.programme.unit.points", lang)
            unit = cat.loc[outcome, f"unit_{lang}"]
            return "" if pd.isna(unit) else str(unit)
        return ""
    if family == "prom":
        cat = res.programme.proms.set_index("code")
        if outcome in cat.index:
            return t(
                "report.programme.unit.scale",
                lang,
                low=number_text(cat.loc[outcome, "scale_min"], lang, 0),
                high=number_text(cat.loc[outcome, "scale_max"], lang, 0),
            )
        return ""
    return t(f"report.programme.unit.{family}", lang)


def outcome_label(res: ProgrammeResults, family: str, outcome: str) -> str:
    return res.labels.get((family, outcome), outcome)


# --------------------------------------------------------------------------- sections
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
            names.append(labels.get((r.family, r.outcome), r.outcome))
            bold.append(False)
            bars.append((y, r))
            y -= 1
        y -= 0.4
    fig = Figure(figsize=(8.5, 0.3 * len(ticks) + 1.3), layout="constrained")
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


def _pooled_table(res: ProgrammeResults, part: pd.DataFrame) -> str:
    lang = res.lang
    cols = (
        "outcome",
        "unit",
        "k",
        "effect",
        "ci",
        "pi",
        "i2",
        "tau2",
        "q_p",
        "improved",
        "verdict",
    )
    numeric = {"k", "effect", "ci", "pi", "i2", "tau2", "q_p", "improved"}
    header = [(escape_text(t(f"report.programme.col.{c}", lang)), c in numeric) for c in cols]
    rows = []
    for r in part.itertuples(index=False):
        effect = escape_text(effect_text(r.estimate, r.scale, lang))
        ci = escape_text(interval_text(r.ci_low, r.ci_high, r.scale, lang))
        pi = escape_text(interval_text(r.pi_low, r.pi_high, r.scale, lang))
        improved = (
            t(
                "report.programme.share",
                lang,
                n=r.n_improved,
                k=r.n_teams,
                share=number_text(100 * r.share_improved, lang, 0),
            )
            if r.n_teams
            else MISSING
        )
        rows.append([
            (escape_text(outcome_label(res, r.family, r.outcome)), False),
            (escape_text(_unit(res, r.family, r.outcome, r.scale)), False),
            (str(int(r.k)), True), (effect, True), (ci, True), (pi, True),
            (number_text(r.I2, lang, 0), True),
            (number_text(r.tau2, lang, 3), True),
            (p_text(r.Q_p, lang), True),
            (escape_text(improved), True),
            (_verdict(r.verdict, lang), False),
        ])  # fmt: skip
    return html_table(header, rows, note=escape_text(t("report.programme.pooled.note", lang)))


def _forest(res: ProgrammeResults, family: str, outcome: str, *, funnel: bool) -> str:
    """Forest plot (and funnel plot) of one outcome, hidden teams left out (and counted)."""
    lang = res.lang
    rows = res.team_effects.loc[(res.team_effects["family"] == family)
                                & (res.team_effects["outcome"] == outcome)]  # fmt: skip
    pooled = res.pooled.loc[(res.pooled["family"] == family) & (res.pooled["outcome"] == outcome)]
    if rows.empty or pooled.empty or not np.isfinite(pooled["estimate"].iloc[0]):
        return ""
    ok = ~rows["suppressed"].to_numpy(dtype=bool)
    label = outcome_label(res, family, outcome)
    unit = _unit(res, family, outcome, pooled["scale"].iloc[0])
    fig = forest_plot(
        rows.loc[ok],
        pooled,
        lang=lang,
        title=label,
        xlabel=f"{t('plot.meta.effect', lang)} ({unit})" if unit else None,
    )
    out = [figure_html(fig, alt=t("report.programme.forest.alt", lang, outcome=label))]
    hidden = int((~ok).sum())
    if hidden:
        text = t("report.programme.forest.hidden", lang, n=hidden, min_cell=res.min_cell)
        out.append(f"<p><small>{escape_text(text)}</small></p>")
    if funnel:
        fig = funnel_plot(rows.loc[ok], pooled, lang=lang, title=label)
        out.append(figure_html(fig, alt=t("report.programme.funnel.alt", lang, outcome=label)))
    return "\n".join(out)


def effectiveness_section(
    res: ProgrammeResults, *, funnel: bool = True, forests: dict[str, tuple[str, ...]] | None = None
) -> list[str]:
    """Per family: the pooled table with heterogeneity, then forest plots of key outcomes.

    Forest plots show each team (``team_id``) sorted by effect, the pooled diamond and
    the prediction interval; the overall scores' plots are open, the others folded
    (``<details>``). With ``funnel``, a funnel plot (effect against its standard error,
    for small-study effects) follows the forest plot of each overall score.

    Parameters
    ----------
    res : ProgrammeResults
    funnel : bool, default True
    forests : dict of str to tuple of str, optional
        Outcomes to draw per family; default :data:`KEY_OUTCOMES` (the overall barometer
        and PREM scores) and every outcome of the other families.
    """
    lang = res.lang
    parts = [
        heading_text(2, "report.programme.effectiveness.title", lang, "programme-effectiveness"),
        f"<p>{escape_text(t('report.programme.effectiveness.intro', lang))}</p>",
    ]
    if res.pooled.empty:
        parts.append(f"<p>{escape_text(t('report.programme.summary.none', lang))}</p>")
        return parts
    parts.append(f"<p><strong>{escape_text(t('report.programme.chart.title', lang))}</strong></p>")
    parts.append(
        figure_html(
            verdict_chart(res.pooled, res.labels, lang=lang),
            alt=t("report.programme.chart.title", lang),
        )
    )
    for family in FAMILIES:
        part = res.pooled.loc[res.pooled["family"] == family]
        if part.empty:
            continue
        parts.append(heading_text(3, f"report.programme.family.{family}", lang))
        parts.append(_pooled_table(res, part))
        keys = (forests if forests is not None else KEY_OUTCOMES).get(
            family, () if forests is not None else tuple(part["outcome"])
        )
        for outcome in part["outcome"]:
            if outcome not in keys:
                continue
            headline = outcome in KEY_OUTCOMES.get(family, ())
            body = _forest(res, family, outcome, funnel=funnel and headline)
            if not body:
                continue
            is_open = " open" if headline else ""
            summary = t(
                "report.programme.forest.summary", lang, outcome=outcome_label(res, family, outcome)
            )
            parts.append(
                f"<details{is_open}><summary>{escape_text(summary)}</summary>\n{body}\n</details>"
            )
    return parts


def _subgroup_table(res: ProgrammeResults, analysis: SubgroupAnalysis) -> str:
    lang, by = res.lang, analysis.by
    groups = analysis.groups
    levels = list(dict.fromkeys(groups[by]))
    header = [(escape_text(t("report.programme.col.outcome", lang)), False)]
    header += [(escape_text(_group_label(by, g, lang)), True) for g in levels]
    header += [
        (escape_text(t("report.programme.col.q_between", lang)), True),
        (escape_text(t("report.programme.col.q_moderator", lang)), True),
    ]
    rows = []
    for (family, outcome), block in groups.groupby(["family", "outcome"], sort=False):
        cells = [(escape_text(outcome_label(res, family, outcome)), False)]
        for g in levels:
            hit = block.loc[block[by] == g]
            if hit.empty:
                cells.append((MISSING, True))
                continue
            r = hit.iloc[0]
            cells.append(
                (
                    f"{escape_text(effect_text(r['estimate'], r['scale'], lang))} "
                    f"<small>(k = {int(r['k'])})</small>",
                    True,
                )
            )
        tests = analysis.tests.loc[(analysis.tests["family"] == family)
                                   & (analysis.tests["outcome"] == outcome)]  # fmt: skip
        for kind in ("separate", "moderator"):
            hit = tests.loc[tests["test"].str.contains(kind)]
            cells.append((p_text(hit["p_value"].iloc[0], lang) if len(hit) else MISSING, True))
        rows.append(cells)
    return html_table(header, rows, note=escape_text(t("report.programme.subgroups.note", lang)))


def _group_label(by: str, value: object, lang: str) -> str:
    key = f"report.value.{by}.{value}"
    try:
        return t(key, lang)
    except KeyError:
        return str(value)


def _one_analysis(
    analysis: SubgroupAnalysis, family: str, outcome: str, res: ProgrammeResults
) -> SubgroupAnalysis | None:
    def pick(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.loc[(frame["family"] == family) & (frame["outcome"] == outcome)]

    groups, overall = pick(analysis.groups), pick(analysis.overall)
    if groups.empty or len(overall) != 1:
        return None
    labels = [_group_label(analysis.by, g, res.lang) for g in groups[analysis.by]]
    groups = groups.assign(**{analysis.by: labels})
    return SubgroupAnalysis(groups, overall, pick(analysis.tests), analysis.by, [])


def subgroup_section(res: ProgrammeResults) -> list[str]:
    """Subgroup differences by participation level, hospital group and domain."""
    lang = res.lang
    parts = [
        heading_text(2, "report.programme.subgroups.title", lang, "programme-subgroups"),
        f"<p>{escape_text(t('report.programme.subgroups.intro', lang))}</p>",
    ]
    headline = [
        (f, o)
        for f, outs in KEY_OUTCOMES.items()
        for o in outs
        if ((res.pooled["family"] == f) & (res.pooled["outcome"] == o)).any()
    ]
    for by, analysis in res.subgroups.items():
        parts.append(heading_text(3, f"report.programme.subgroups.{by}", lang))
        parts.append(_subgroup_table(res, analysis))
        for family, outcome in headline:
            one = _one_analysis(analysis, family, outcome, res)
            if one is None or one.groups["k"].sum() == 0:
                continue
            by_label = t(f"report.programme.subgroups.{by}", lang)
            title = f"{outcome_label(res, family, outcome)} — {by_label}"
            unit = _unit(res, family, outcome, one.overall["scale"].iloc[0])
            fig = subgroup_forest(
                one, lang=lang, title=title, xlabel=f"{t('plot.meta.effect', lang)} ({unit})"
            )
            parts.append(figure_html(fig, alt=title))
    return parts
