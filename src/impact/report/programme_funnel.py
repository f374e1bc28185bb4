"""The programme report's fair comparisons between teams: funnel plots (issue 17).

:func:`funnel_results` computes the teams' points (:func:`impact.synthesis.funnel.
funnel_points`), makes them publishable (:func:`impact.report.privacy.publishable`: a
team × outcome of fewer than ``min_cell`` people, or a team × indicator hidden in the
before/after tables, is hidden) and only then sets the programme target, the limits and
the overdispersion from the *shown* teams (:func:`impact.synthesis.funnel.funnel_frame`),
so that no hidden team can be solved back from the target (rule 2 of
:mod:`impact.report.privacy`). :func:`funnel_section` gives the section's HTML: the
funnel plots, the teams outside the 99.8 % limits, a sentence for a board, and how many
team × outcome pairs were left out.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from impact.indicators.periods import compare_periods
from impact.report.figures.funnel import drawable_outcomes, funnel_chart
from impact.report.labels import t
from impact.report.privacy import publishable
from impact.report.programme_effects import (
    ProgrammeResults,
    figure,
    heading,
    number_text,
    outcome_label,
    paragraph,
    table,
)
from impact.stats.reasons import reason_codes
from impact.synthesis.funnel import FunnelTables, funnel_frame, funnel_points

__all__ = ["FunnelResults", "funnel_results", "funnel_section"]

_PRIVACY_COLUMNS = ["family", "outcome", "indicator", "team_id", "n", "events"]


@dataclass(frozen=True)
class FunnelResults:
    """The funnel plots' publishable tables and what privacy left out.

    Attributes
    ----------
    tables : FunnelTables
        :func:`impact.synthesis.funnel.funnel_frame` of the shown teams only.
    left_out : pandas.DataFrame
        The hidden team × outcome pairs (``family``, ``outcome``, ``team_id``): in no
        plot, target, limit or overdispersion.
    """

    tables: FunnelTables
    left_out: pd.DataFrame


def funnel_results(res: ProgrammeResults) -> FunnelResults:
    """The funnel tables of the programme's teams a page may show.

    Privacy checks the people behind each point: ``n`` (respondents, patients measured
    twice, the denominator of a proportion, the exposure of a rate, a mean's
    measurements or months) and, for a rate, its events (as the before/after tables
    count a rate's people); a team × indicator hidden in the teams' before/after tables
    (12 months each side of the start) is hidden here too. The numerator of a
    proportion is not a cell of its own there (value and denominator are published), nor
    here.
    """
    programme = res.programme
    points = funnel_points(programme)
    check = points[_PRIVACY_COLUMNS].assign(events=points["events"].where(points["kind"] == "rate"))
    before_after = (
        compare_periods(programme, months=12) if len(programme.indicator_values) else None
    )
    shown = publishable({"indicators": before_after, "funnel_points": check}, res.min_cell)
    hidden = shown["funnel_points"]["suppressed"].to_numpy(dtype=bool)
    left_out = points.loc[hidden, ["family", "outcome", "team_id"]].reset_index(drop=True)
    return FunnelResults(funnel_frame(points.loc[~hidden].reset_index(drop=True)), left_out)


def _outside_table(res: ProgrammeResults, tables: FunnelTables) -> str:
    """The teams outside the 99.8 % limits (adjusted when the outcome is overdispersed)."""
    lang, teams = res.lang, tables.teams
    outside = teams.loc[teams["flag_998_adjusted"].isin(["above", "below"])]
    if outside.empty:
        return paragraph(t("report.programme.funnel.outside.none", lang))
    keys = zip(tables.outcomes["family"], tables.outcomes["outcome"], strict=True)
    order = {key: i for i, key in enumerate(keys)}
    outside = outside.assign(
        _o=[order[key] for key in zip(outside["family"], outside["outcome"], strict=True)],
        _z=-outside["z_adjusted"].abs(),
    ).sort_values(["_o", "_z"], kind="stable")
    cols = ("outcome", "team", "n", "value", "target", "side", "z")
    header = [(t(f"report.programme.funnel.col.{c}", lang) if c != "outcome"
               else t("report.programme.col.outcome", lang), c in ("n", "value", "target", "z"))
              for c in cols]  # fmt: skip
    rows = []
    for r in outside.itertuples(index=False):
        good = (r.flag_998_adjusted == "above") == (r.better == "higher")
        side = t(f"report.programme.funnel.{r.flag_998_adjusted}", lang)
        side = t(f"report.programme.funnel.{'favourable' if good else 'unfavourable'}", lang,
                 side=side)  # fmt: skip
        rows.append([
            (outcome_label(res, r.family, r.outcome), False), (str(r.team_id), False),
            (number_text(r.n, lang, 0), True), (number_text(r.value, lang, 1), True),
            (number_text(r.target, lang, 1), True), (side, False),
            (number_text(r.z_adjusted, lang, 1, sign=True), True),
        ])  # fmt: skip
    return table(header, rows, note=t("report.programme.funnel.note", lang))


def funnel_section(res: ProgrammeResults, funnel: FunnelResults | None = None) -> list[str]:
    """HTML fragments of the section « Comparaisons équitables entre équipes », heading first.

    Parameters
    ----------
    res : ProgrammeResults
    funnel : FunnelResults, optional
        :func:`funnel_results` of ``res`` (computed here by default).

    Returns
    -------
    list of str
        HTML fragments (:class:`markupsafe.Markup`), in page order.
    """
    lang = res.lang
    funnel = funnel_results(res) if funnel is None else funnel
    tables = funnel.tables
    parts = [heading(2, "report.programme.funnel.title", lang, "programme-funnel"),
             paragraph(t("report.programme.funnel.intro", lang)),
             paragraph(t("report.programme.funnel.board", lang))]  # fmt: skip
    drawn = drawable_outcomes(tables)
    if len(funnel.left_out):
        parts.append(paragraph(t("report.programme.funnel.left-out", lang,
                                 k=len(funnel.left_out), min_cell=res.min_cell)))  # fmt: skip
    missing = tables.outcomes.loc[~tables.outcomes.index.isin(drawn.index)]
    if len(missing):
        names = "; ".join(
            f"{outcome_label(res, r.family, r.outcome)} "
            f"({', '.join(t(f'reason.{c}', lang) for c in reason_codes(r.reason))})"
            for r in missing.itertuples(index=False)
        )
        missing = paragraph(t("report.programme.funnel.missing", lang, names=names))
    else:
        missing = None
    if drawn.empty:
        return [*parts, paragraph(t("report.programme.funnel.none", lang)),
                *([missing] if missing else [])]  # fmt: skip
    adjusted = int((drawn["adjustment"] != "none").sum())
    if adjusted:
        parts.append(paragraph(t("report.programme.funnel.adjusted", lang, n=adjusted,
                                 k=len(drawn))))  # fmt: skip
    shown = tables.teams
    outside = shown.loc[shown["flag_998_adjusted"].isin(["above", "below"]), "team_id"]
    alt = t("plot.funnel.alt", lang, k=len(drawn), n=len(outside),
            teams=", ".join(dict.fromkeys(outside.astype(str))) or "–")  # fmt: skip
    parts.append(figure(funnel_chart(tables, res.labels, lang=lang), alt=alt))
    if missing:
        parts.append(missing)
    parts += [heading(3, "report.programme.funnel.outside.title", lang),
              _outside_table(res, tables),
              paragraph(t("report.programme.funnel.method", lang))]  # fmt: skip
    return parts
