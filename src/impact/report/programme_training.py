"""Level 4 of the training evaluation, in the programme report: the teams' training
exposure as a moderator of the pooled effects.

Each visible team's effect (:attr:`ProgrammeResults.team_effects`, made publishable: a
hidden team is in no aggregate) gets the team's exposure
(:func:`impact.training.exposure.team_exposure`): trained or not yet trained, and the
dose in days of 7 hours (0 for a team not trained). The trained and not yet trained teams
are pooled apart with the programme's subgroup machinery
(:func:`impact.synthesis.pooling.subgroup_effects`: each subgroup's random-effects pool,
the between-subgroup Q and the moderator test), and every outcome is regressed on the dose
(:func:`impact.synthesis.pooling.moderator_effects`, ``metafor::rma(yi, vi, mods = ~
days)`` with Hartung–Knapp), as the participation-level and dose–response sections do.
As there, a subgroup holds only visible teams, each of them already shown in the forest
plots, so no subgroup can give back a hidden one. Training was not randomised (teams asked
for it or were chosen): the section says that both are associations.
"""

from __future__ import annotations

import pandas as pd

from impact.report.labels import t
from impact.report.programme_effects import ProgrammeResults, heading, number_text, paragraph
from impact.report.programme_subgroups import moderator_table, subgroup_table
from impact.stats.meta_subgroups import SubgroupAnalysis
from impact.synthesis.pooling import moderator_effects, subgroup_effects
from impact.training.exposure import team_exposure

__all__ = [
    "DAY_HOURS", "DOSE", "STATUS", "STATUSES", "exposure_effects", "training_dose",
    "training_section", "training_subgroups",
]  # fmt: skip

#: Hours of one day of training: the unit of the dose's slope.
DAY_HOURS = 7.0
#: Columns added to the team effects: the subgroup, and the dose in days.
STATUS, DOSE = "training_status", "training_days"
#: The subgroups, in report order.
STATUSES = ("trained", "not_trained")


def exposure_effects(effects: pd.DataFrame, exposure: pd.DataFrame) -> pd.DataFrame:
    """The team effects with their team's :data:`STATUS` ("trained" / "not_trained") and
    :data:`DOSE` (hours / :data:`DAY_HOURS`; NaN when a session attended has no hours).

    Parameters
    ----------
    effects : pandas.DataFrame
        Team effects (:func:`impact.synthesis.effects.team_effects`), visible rows only.
    exposure : pandas.DataFrame
        :func:`impact.training.exposure.team_exposure` of the programme's teams.
    """
    exp = exposure.set_index("team_id")
    team = effects["team_id"].astype(str)
    trained = team.map(exp["trained"]).astype("boolean").fillna(False).astype(bool)
    return effects.assign(**{
        STATUS: pd.Categorical(trained.map({True: STATUSES[0], False: STATUSES[1]}),
                               categories=STATUSES, ordered=True),
        DOSE: team.map(exp["hours"]).astype(float) / DAY_HOURS,
    })  # fmt: skip


def training_subgroups(effects: pd.DataFrame) -> SubgroupAnalysis | None:
    """Pooled effects of the trained and the not yet trained teams, with the tests of
    their difference (:func:`impact.synthesis.pooling.subgroup_effects`); None unless
    both subgroups have a team. ``effects``: :func:`exposure_effects`."""
    if effects[STATUS].nunique() < 2:
        return None
    analysis = subgroup_effects(effects, (STATUS,))[STATUS]
    analysis.groups[STATUS] = analysis.groups[STATUS].astype(object)
    return analysis


def training_dose(effects: pd.DataFrame) -> pd.DataFrame | None:
    """Meta-regression of each outcome on the dose in days of training (teams whose dose is
    unknown left out); None when the dose does not vary. ``effects``:
    :func:`exposure_effects`."""
    rows = effects.loc[effects[DOSE].notna()]
    if rows[DOSE].nunique() < 2:
        return None
    return moderator_effects(rows, DOSE)


def training_section(res: ProgrammeResults) -> list[str]:
    """HTML fragments of the programme report's training section (level 4), heading first.

    The share of the visible teams trained and their median dose, the caution that
    training was not randomised, the subgroup table (trained / not yet trained) and the
    meta-regression on the days of training; a sentence when the programme has no
    trained team.
    """
    lang = res.lang
    parts = [heading(2, "report.programme.training.title", lang, "programme-training")]
    programme = res.programme
    exposure = team_exposure(
        programme.training_sessions, programme.training_participants, programme.team_ids
    )
    effects = res.team_effects
    visible = effects.loc[~effects["suppressed"].astype(bool)]
    rows = exposure_effects(visible, exposure)
    teams = exposure.loc[exposure["team_id"].isin(visible["team_id"])]
    if not teams["trained"].any():
        return [*parts, paragraph(t("report.programme.training.none", lang))]
    hours = teams.loc[teams["trained"], "hours"].median()
    parts += [
        paragraph(t("report.programme.training.intro", lang, n=int(teams["trained"].sum()),
                    k=len(teams), hours=number_text(hours, lang, 1))),
        paragraph(t("report.programme.training.caution", lang)),
        heading(3, "report.programme.training.subgroups", lang),
    ]  # fmt: skip
    analysis = training_subgroups(rows)
    parts.append(
        paragraph(t("report.programme.training.subgroups.one", lang))
        if analysis is None
        else subgroup_table(res, analysis)
    )
    parts.append(heading(3, "report.programme.training.dose", lang))
    mods = training_dose(rows)
    if mods is None or mods.empty:
        parts.append(paragraph(t("report.programme.training.dose.none", lang)))
    else:
        parts.append(moderator_table(res, mods, slope="report.programme.training.slope",
                                     verdicts="report.programme.dose.reading",
                                     note="report.programme.dose.note"))  # fmt: skip
    return parts
