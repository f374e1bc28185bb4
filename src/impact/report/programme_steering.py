"""The programme report's steering sections: the partners' activity over the programme and
the dose–response of the pooled effects (how the effects vary with the support each team
received from the programme and with the intensity of its partnership).

Dose–response is the mixed-effects meta-regression of every outcome's team effects
(:func:`impact.synthesis.pooling.moderator_effects`, as ``metafor::rma(yi, vi, mods = ~
x)``) on a team-level dose, over the teams the privacy pass leaves visible, as the
participation-level meta-regression. The teams chose (or were given) their dose: the slope
is an association, not the effect of giving more support.
"""

from __future__ import annotations

import pandas as pd

from impact.report.activity import programme_activity_section
from impact.report.evidence import certification_evidence, evidence_section, write_evidence
from impact.report.labels import t
from impact.report.programme_effects import ProgrammeResults, heading, paragraph
from impact.report.programme_subgroups import moderator_table
from impact.report.roadmap import roadmap_section
from impact.steering import activity_summary, support_dose
from impact.synthesis.pooling import moderator_effects

__all__ = [
    "DOSES",
    "activity_html",
    "certification_evidence",
    "dose_response",
    "dose_response_section",
    "evidence_section",
    "roadmap_html",
    "team_doses",
    "write_evidence",
]

#: The team-level doses of the dose–response analysis: column → what one unit is.
#: ``support_dose``: hours of support received from the programme, per 10 hours;
#: ``partner_intensity``: the partners' hours per partner and month.
DOSES = ("support_dose", "partner_intensity")
_PER_10_HOURS = 10.0


def team_doses(programme) -> pd.DataFrame:
    """One row per programme team: ``support_dose`` (support hours / 10; NaN when a
    support row has no hours) and ``partner_intensity`` (hours per partner-month)."""
    teams = programme.team_ids
    out = pd.DataFrame({"team_id": teams})
    support = programme.programme_support
    if "team_id" in support.columns and len(support):
        dose = support_dose(support.loc[support["team_id"].isin(teams)])
        hours = dose.set_index("team_id")["hours_total"] / _PER_10_HOURS
        # a team without any support row received none: a dose of zero, not unknown
        out["support_dose"] = out["team_id"].map(hours).where(out["team_id"].isin(hours.index), 0.0)
    activity = programme.partnership_activity
    if "team_id" in activity.columns and len(activity):
        summary = activity_summary(activity.loc[activity["team_id"].isin(teams)], None, teams)
        out["partner_intensity"] = (
            summary.set_index("team_id")["hours_per_partner_month"].reindex(teams).to_numpy()
        )
    return out


def dose_response(res: ProgrammeResults) -> dict[str, pd.DataFrame]:
    """The meta-regression of every outcome on each dose of :data:`DOSES` that varies
    between the visible teams (teams without the dose are left out and counted in ``k``)."""
    effects = res.team_effects
    visible = effects.loc[~effects["suppressed"].astype(bool)]
    doses = team_doses(res.programme)
    out = {}
    for dose in DOSES:
        if dose not in doses.columns:
            continue
        rows = visible.drop(columns=[dose], errors="ignore").merge(
            doses[["team_id", dose]], on="team_id", how="inner"
        )
        rows = rows.loc[rows[dose].notna()]
        if rows[dose].nunique() > 1:
            out[dose] = moderator_effects(rows, dose)
    return out


def dose_response_section(res: ProgrammeResults) -> list[str]:
    """HTML fragments: the dose–response tables, with the caution that doses were chosen."""
    lang = res.lang
    parts = [
        heading(2, "report.programme.dose.title", lang, "programme-dose"),
        paragraph(t("report.programme.dose.intro", lang)),
    ]
    tables = dose_response(res)
    if not tables:
        parts.append(paragraph(t("report.programme.dose.none", lang)))
        return parts
    for dose, mods in tables.items():
        parts.append(heading(3, f"report.programme.dose.{dose}", lang))
        if mods.empty:
            parts.append(paragraph(t("report.programme.summary.none", lang)))
            continue
        parts.append(moderator_table(res, mods, slope=f"report.programme.dose.slope.{dose}",
                                     verdicts="report.programme.dose.reading",
                                     note="report.programme.dose.note"))  # fmt: skip
    return parts


def activity_html(res: ProgrammeResults) -> list[str]:
    """HTML fragments: the programme's partnership-activity section, its heading first."""
    lang = res.lang
    return [
        heading(2, "report.activity.title", lang, "programme-activity"),
        *programme_activity_section(res.programme, lang=lang, min_cell=res.min_cell),
    ]


def roadmap_html(res: ProgrammeResults) -> list[str]:
    """HTML fragments: the establishments' roadmap lines, its heading first (the teams'
    lines are in their own reports; the attainment rule is in the methods)."""
    lang = res.lang
    return [
        heading(2, "report.roadmap.programme-title", lang, "programme-roadmap"),
        *roadmap_section(res.programme, team_id=None, lang=lang, min_cell=res.min_cell),
    ]
