"""The questionnaires section of a team report: each Likert questionnaire of the catalogue
the programme has answers to (patient partners' experience, staff quality of working
life, the user's own instrument), with the barometer section's content for it.

One engine: a questionnaire's tables are the barometer's tables of its programme view
(:func:`impact.barometer.questionnaires.questionnaire_programme`), published by the one
privacy pass, and drawn by :func:`impact.report.barometer.barometer_section` with the
texts of :func:`questionnaire_instrument` (its name, its scale's generic Likert anchors).
"""

from __future__ import annotations

import pandas as pd

from impact.barometer.common import JOINT_ASSESSMENT, PATIENT_SIDE, PROFESSIONALS, ROLE_GROUPS
from impact.barometer.questionnaires import (
    questionnaire_codes,
    questionnaire_name,
    questionnaire_programme,
)
from impact.data.programme import Programme
from impact.report.barometer import Instrument, barometer_section
from impact.report.barometer_tables import team_barometer_tables
from impact.report.labels import t
from impact.report.privacy import publishable
from impact.report.tables import heading_html
from impact.report.team_html import paragraph_html

__all__ = [
    "answered_questionnaires",
    "answered_tables",
    "questionnaire_instrument",
    "questionnaires_section",
    "team_questionnaire_tables",
]

#: Table of a team's questionnaires: questionnaire code → its tables (None: no answer).
TeamQuestionnaires = dict[str, dict[str, pd.DataFrame] | None]


def questionnaire_instrument(catalogue: pd.DataFrame, code: str, lang: str) -> Instrument:
    """The texts of questionnaire ``code``'s section: its name from the catalogue, the
    generic Likert anchors (« pas du tout d'accord » … « tout à fait d'accord »), the
    radar panels of the role groups that answer it."""
    anchors = (t("likert.anchor.low", lang), t("likert.anchor.high", lang))
    return Instrument(labels="questionnaire", name=questionnaire_name(catalogue, code, lang),
                      anchors=anchors, groups=None)  # fmt: skip


def answered_tables(tables: dict[str, pd.DataFrame], responses: pd.DataFrame
                    ) -> dict[str, pd.DataFrame]:  # fmt: skip
    """The tables of a questionnaire that its answers can fill: the perception gaps only
    when both sides (professionals and patient side) answered it, the joint-versus-self
    ratings only when the team answered it together; otherwise those tables are emptied
    (a questionnaire meant for one side, or never answered jointly, has no such
    comparison to show, nor to list as not computed).

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        A team's tables of the questionnaire (``"gaps"``, ``"joint"``…).
    responses : pandas.DataFrame
        The team's answers to it (``role``, ``assessment``).
    """
    groups = set(responses["role"].map(ROLE_GROUPS).dropna())
    keep = {"gaps": {PROFESSIONALS, PATIENT_SIDE} <= groups,
            "joint": bool((responses["assessment"] == JOINT_ASSESSMENT).any())}  # fmt: skip
    return {name: table if keep.get(name, True) else table.iloc[:0]
            for name, table in tables.items()}  # fmt: skip


def answered_questionnaires(
    programme: Programme, team_id: str, tables: TeamQuestionnaires | None
) -> dict[str, dict[str, pd.DataFrame]]:
    """The questionnaires the team answered, each with the tables its section shows
    (:func:`answered_tables`), by code in ``tables``' order.

    Parameters
    ----------
    programme : Programme
        The programme (or the team's part of it).
    team_id : str
    tables : dict or None
        The team's questionnaire tables (code → tables or None), e.g. published.
    """
    out = {}
    for code, family in (tables or {}).items():
        if family is None:
            continue
        answers = questionnaire_programme(programme, code).barometer_responses
        out[code] = answered_tables(family, answers.loc[answers["team_id"].astype(str) == team_id])
    return out


def team_questionnaire_tables(programme: Programme, team_id: str, *, lang: str = "fr"
                              ) -> TeamQuestionnaires:  # fmt: skip
    """Every questionnaire's tables for one team, every value computed (none hidden):
    :func:`impact.report.barometer_tables.team_barometer_tables` of each questionnaire's
    programme view, None for a questionnaire the team has no answer to.

    Examples
    --------
    >>> import impact
    >>> prog = impact.demo_programme(n_teams=2, seed=1)
    >>> list(team_questionnaire_tables(prog, "T01")) == questionnaire_codes(prog)
    True
    """
    out: TeamQuestionnaires = {}
    for code in questionnaire_codes(programme):
        view = questionnaire_programme(programme, code)
        answered = (view.barometer_responses["team_id"].astype(str) == team_id).any()
        out[code] = team_barometer_tables(view, team_id, lang=lang) if answered else None
    return out


def questionnaires_section(
    programme: Programme,
    team_id: str,
    *,
    lang: str = "fr",
    min_cell: int = 10,
    tables: TeamQuestionnaires | None = None,
) -> list[str]:
    """HTML fragments of the questionnaires section for one team, in display order.

    One sub-heading per questionnaire the programme has answers to (catalogue order),
    each with the barometer section's content for it
    (:func:`impact.report.barometer.barometer_section`: mean scores, changes between
    waves, perception gap when both sides answer, joint vs self ratings when the team
    rated together, answers by item, reliability), drawn on the questionnaire's own
    scale; a questionnaire the team has no answer to gets one sentence, and so does a
    programme without questionnaire answers.

    Parameters
    ----------
    programme : Programme
        The programme (or the team's part of it, from the bundle).
    team_id : str
    lang : {"fr", "en"}
    min_cell : int, default 10
    tables : dict, optional
        The team's questionnaire tables, published (code → tables, None without answers:
        :attr:`impact.report.results.TeamResults.questionnaires` through
        :func:`impact.report.privacy.publishable`); default computed here.
    """
    if tables is None:
        computed = team_questionnaire_tables(programme, team_id, lang=lang)
        tables = publishable({"questionnaires": computed}, min_cell)["questionnaires"]
    if not tables:  # no questionnaire_responses table, or one without rows
        return [str(paragraph_html(t("report.questionnaires.absent", lang)))]
    parts: list[str] = []
    catalogue = programme.questionnaire_items
    answered = answered_questionnaires(programme, team_id, tables)
    for code in tables:
        instrument = questionnaire_instrument(catalogue, code, lang)
        parts.append(heading_html(3, instrument.name, anchor=f"team-questionnaires-{code}"))
        if code not in answered:
            parts.append(str(paragraph_html(t("report.questionnaires.none", lang))))
            continue
        parts += barometer_section(questionnaire_programme(programme, code), team_id,
                                   lang=lang, min_cell=min_cell, tables=answered[code],
                                   instrument=instrument)  # fmt: skip
    return parts
