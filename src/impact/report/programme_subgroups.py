"""The programme report's sections on how the effect varies between teams: subgroup
analyses by team attribute and the meta-regression on the participation level, as HTML
fragments (templates ``table``, ``heading``, ``paragraph``, ``programme_*``).

Used through :mod:`impact.report.programme` (which re-exports the section functions);
every analysis is of the visible teams only (see :mod:`impact.report.programme_effects`).
"""

from __future__ import annotations

import pandas as pd

from impact.report.figures.meta import subgroup_forest
from impact.report.formatting import MISSING
from impact.report.labels import t
from impact.report.programme_effects import (
    KEY_OUTCOMES,
    MODERATOR_CLASS,
    ProgrammeResults,
    effect_text,
    figure,
    heading,
    interval_text,
    number_text,
    outcome_label,
    p_text,
    paragraph,
    table,
    unit_text,
    verdict_span,
)
from impact.report.templating import Markup, render
from impact.stats.meta_subgroups import SubgroupAnalysis

__all__ = [
    "group_label", "moderator_section", "moderator_table", "subgroup_section", "subgroup_table",
]  # fmt: skip


def group_label(by: str, value: object, lang: str) -> str:
    """The label of a team attribute's value (the value itself when it has none)."""
    key = f"report.value.{by}.{value}"
    try:
        return t(key, lang)
    except KeyError:
        return str(value)


def subgroup_table(res: ProgrammeResults, analysis: SubgroupAnalysis) -> Markup:
    """The table of a subgroup analysis: one row per outcome, each subgroup's pooled effect
    (k teams) and the p-values of the two tests of difference."""
    lang, by = res.lang, analysis.by
    groups = analysis.groups
    levels = list(dict.fromkeys(groups[by]))
    header = [(t("report.programme.col.outcome", lang), False)]
    header += [(group_label(by, g, lang), True) for g in levels]
    header += [
        (t("report.programme.col.q_between", lang), True),
        (t("report.programme.col.q_moderator", lang), True),
    ]
    rows = []
    for (family, outcome), block in groups.groupby(["family", "outcome"], sort=False):
        cells: list[tuple[str, bool]] = [(outcome_label(res, family, outcome), False)]
        for g in levels:
            hit = block.loc[block[by] == g]
            if hit.empty:
                cells.append((MISSING, True))
                continue
            r = hit.iloc[0]
            effect = effect_text(r["estimate"], r["scale"], lang)
            cells.append(
                (render("programme_subgroup_cell.html.j2", effect=effect, k=int(r["k"])), True)
            )
        tests = analysis.tests.loc[(analysis.tests["family"] == family)
                                   & (analysis.tests["outcome"] == outcome)]  # fmt: skip
        for kind in ("separate", "moderator"):
            hit = tests.loc[tests["test"].str.contains(kind)]
            cells.append((p_text(hit["p_value"].iloc[0], lang) if len(hit) else MISSING, True))
        rows.append(cells)
    return table(header, rows, note=t("report.programme.subgroups.note", lang))


def _one_analysis(
    analysis: SubgroupAnalysis, family: str, outcome: str, res: ProgrammeResults
) -> SubgroupAnalysis | None:
    def pick(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.loc[(frame["family"] == family) & (frame["outcome"] == outcome)]

    groups, overall = pick(analysis.groups), pick(analysis.overall)
    if groups.empty or len(overall) != 1:
        return None
    labels = [group_label(analysis.by, g, res.lang) for g in groups[analysis.by]]
    groups = groups.assign(**{analysis.by: labels})
    return SubgroupAnalysis(groups, overall, pick(analysis.tests), analysis.by, [])


def subgroup_section(res: ProgrammeResults) -> list[str]:
    """Subgroup differences by participation level, hospital group and domain.

    Returns
    -------
    list of str
        HTML fragments (:class:`markupsafe.Markup`), in page order.
    """
    lang = res.lang
    parts = [
        heading(2, "report.programme.subgroups.title", lang, "programme-subgroups"),
        paragraph(t("report.programme.subgroups.intro", lang)),
    ]
    headline = [
        (f, o)
        for f, outs in KEY_OUTCOMES.items()
        for o in outs
        if ((res.pooled["family"] == f) & (res.pooled["outcome"] == o)).any()
    ]
    for by, analysis in res.subgroups.items():
        parts.append(heading(3, f"report.programme.subgroups.{by}", lang))
        parts.append(subgroup_table(res, analysis))
        for family, outcome in headline:
            one = _one_analysis(analysis, family, outcome, res)
            if one is None or one.groups["k"].sum() == 0:
                continue
            by_label = t(f"report.programme.subgroups.{by}", lang)
            title = f"{outcome_label(res, family, outcome)} — {by_label}"
            unit = unit_text(res, family, outcome, one.overall["scale"].iloc[0])
            fig = subgroup_forest(
                one, lang=lang, title=title, xlabel=f"{t('plot.meta.effect', lang)} ({unit})"
            )
            parts.append(figure(fig, alt=title))
    return parts


def moderator_section(res: ProgrammeResults) -> list[str]:
    """Meta-regression of every outcome on the participation level (score 0–3).

    Returns
    -------
    list of str
        HTML fragments (:class:`markupsafe.Markup`), in page order.
    """
    lang, mods = res.lang, res.moderators
    parts = [
        heading(2, "report.programme.moderators.title", lang, "programme-moderators"),
        paragraph(t("report.programme.moderators.intro", lang)),
    ]
    if mods.empty:
        parts.append(paragraph(t("report.programme.summary.none", lang)))
        return parts
    parts.append(moderator_table(res, mods))
    return parts


def moderator_table(
    res: ProgrammeResults,
    mods: pd.DataFrame,
    *,
    slope: str = "report.programme.moderators.col.slope",
    verdicts: str = "report.programme.moderators",
    note: str = "report.programme.moderators.note",
) -> Markup:
    """The table of a meta-regression (:func:`impact.synthesis.pooling.moderator_effects`):
    one row per outcome, the slope per unit of the moderator (label key ``slope``), its
    interval, p, R², k and the reading (label keys ``<verdicts>.<verdict>``)."""
    lang = res.lang
    cols = ("outcome", "slope", "ci", "p", "r2", "k", "verdict")
    header = [
        (t(slope if c == "slope" else f"report.programme.moderators.col.{c}", lang),
         c not in ("outcome", "verdict"))
        for c in cols
    ]  # fmt: skip
    rows = []
    for r in mods.itertuples(index=False):
        if r.scale == "log":
            value = effect_text(r.ratio, "log", lang, 3)
            ci = interval_text(r.ratio_low, r.ratio_high, "log", lang, 3)
        else:
            value = effect_text(r.estimate, "identity", lang)
            ci = interval_text(r.ci_low, r.ci_high, "identity", lang)
        verdict = t(f"{verdicts}.{r.verdict}", lang)
        rows.append([
            (outcome_label(res, r.family, r.outcome), False),
            (value, True),
            (ci, True),
            (p_text(r.p_value, lang), True),
            (number_text(r.R2, lang, 0), True),
            (str(r.k), True),
            (verdict_span(MODERATOR_CLASS[r.verdict], verdict), False),
        ])  # fmt: skip
    return table(header, rows, note=t(note, lang))
