"""The partnership-activity sections: a team's patient partners, their participation and
the support the team received, and, for the programme, the same pooled over the teams and
the dose–response of the pooled effects.

The measures come from :mod:`impact.steering` (one grouped computation for every team);
what a page may show goes through the one privacy pass
(:func:`impact.report.privacy.publishable`, table ``"activity_summary"``: a team of fewer
than ``min_cell`` partners shows neither their number nor anything computed from what
they did — only its meetings and the support it received). The programme's figures pool
every team, unless the hidden teams could be told apart from the others: one hidden team,
or hidden teams with fewer than ``min_cell`` partners in all, are then left out (and
counted) so that no hidden team's figures can be solved back from its neighbours'.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from impact.data.loading import absent_tables
from impact.data.programme import Programme
from impact.report.figures.activity import activity_chart
from impact.report.formatting import (
    MISSING,
    figure_html,
    format_month,
    format_number,
    format_percent,
)
from impact.report.labels import t
from impact.report.privacy import pooled_activity_teams, publishable
from impact.report.tables import small_cell_mark
from impact.report.team_html import paragraph_html, section_table_html
from impact.steering import activity_by_month, activity_summary, partner_retention
from impact.steering.codes import ROLE_COLUMNS

__all__ = ["activity_section", "activity_tables", "programme_activity_section"]


def activity_tables(
    programme: Programme, teams: list[str] | None = None
) -> dict[str, pd.DataFrame]:
    """The activity tables of ``teams`` (default: the programme's teams), every value
    computed (none hidden): ``summary`` (:func:`impact.steering.activity_summary`, with the
    support dose) and ``monthly`` (:func:`impact.steering.activity_by_month`)."""
    teams = programme.team_ids if teams is None else teams
    activity = programme.partnership_activity
    if "team_id" not in activity.columns:
        return {"summary": pd.DataFrame(), "monthly": pd.DataFrame()}
    activity = activity.loc[activity["team_id"].isin(teams)]
    support = programme.programme_support
    support = support.loc[support["team_id"].isin(teams)] if "team_id" in support.columns else None
    return {
        "summary": activity_summary(activity, support, teams),
        "monthly": activity_by_month(activity),
    }


def _interval(value: float, low: float, high: float, lang: str) -> str:
    """``72 % (IC 95 % 65 % à 78 %)`` for a share (0–1); the dash when missing."""
    if pd.isna(value):
        return MISSING
    text = format_percent(100 * value, lang=lang, digits=0)
    if pd.isna(low) or pd.isna(high):
        return text
    return t("report.activity.with-ci", lang, value=text,
             low=format_percent(100 * low, lang=lang, digits=0),
             high=format_percent(100 * high, lang=lang, digits=0))  # fmt: skip


def _roles(row: pd.Series, lang: str, mark: str) -> str:
    """The partners by role; a role hidden by the privacy pass shows the mark."""
    parts = []
    for suffix in ROLE_COLUMNS.values():
        n = row.get(f"partners_{suffix}", 0)
        if pd.isna(n):
            parts.append(f"{t(f'plot.activity.role.{suffix}', lang)} {mark}")
        elif n > 0:
            parts.append(f"{t(f'plot.activity.role.{suffix}', lang)} {int(n)}")
    return ", ".join(parts)


def _support(row: pd.Series, lang: str) -> str:
    sessions = row.get("sessions_total", np.nan)
    if pd.isna(sessions) or sessions == 0:
        return t("report.activity.no-support", lang)
    kinds = ", ".join(
        f"{t(f'plot.activity.support.{k}', lang)} {int(row[f'sessions_{k}'])}"
        for k in ("formation_action", "accompagnement", "communaute_pratique")
        if row.get(f"sessions_{k}", 0) > 0
    )
    hours = row.get("hours_total", np.nan)
    hours_text = MISSING if pd.isna(hours) else format_number(hours, lang=lang, digits=0)
    return t("report.activity.support-value", lang, sessions=int(sessions), hours=hours_text,
             kinds=kinds)  # fmt: skip


def _key_figures(row: pd.Series, lang: str, mark: str) -> list[list[tuple[str, bool]]]:
    """The rows (measure, value) of a unit's key-figures table."""
    hidden = bool(row.get("suppressed", False))

    def shown(text: str) -> str:
        return mark if hidden else text

    retention = row.get("retention_12", np.nan)
    retention_text = (
        _interval(retention, row.get("retention_12_low"), row.get("retention_12_high"), lang)
        if pd.notna(retention)
        else t("report.activity.follow-up-short", lang)
    )
    values = [
        ("partners", mark if hidden else f"{int(row['partners'])} ({_roles(row, lang, mark)})"),
        ("mean-active", shown(format_number(row["mean_active"], lang=lang, digits=1))),
        ("months", str(int(row["months"])) if pd.notna(row["months"]) else MISSING),
        (
            "participation",
            shown(
                _interval(
                    row["participation_rate"],
                    row["participation_low"],
                    row["participation_high"],
                    lang,
                )
            ),
        ),  # fmt: skip
        ("hours", shown(format_number(row["hours_per_partner_month"], lang=lang, digits=1))),
        ("retention", shown(retention_text)),
        ("paid", shown(format_percent(100 * row["paid_share"], lang=lang, digits=0))),
        ("support", _support(row, lang)),
    ]
    return [[(t(f"report.activity.row.{k}", lang), False), (v, False)] for k, v in values]


def activity_section(
    programme: Programme,
    *,
    team_id: str,
    lang: str = "fr",
    min_cell: int = 10,
    tables: dict[str, pd.DataFrame] | None = None,
) -> list[str]:
    """HTML fragments of a team's partnership-activity section (its heading excluded).

    Key figures (partners by role, active partners per month, participation in the
    project's meetings with a Wilson interval, hours per partner and month, retention at
    12 months by Kaplan–Meier, paid share, support received) and the months as small
    multiples. ``tables``: the team's :func:`activity_tables`, if already computed.
    """
    if "partnership_activity" in absent_tables(programme):
        return [str(paragraph_html(t("report.activity.absent", lang)))]
    tables = tables if tables is not None else activity_tables(programme, [team_id])
    summary = tables["summary"]
    summary = summary.loc[summary["team_id"] == team_id] if len(summary) else summary
    if not len(summary) or summary["partners"].iloc[0] == 0:
        return [str(paragraph_html(t("report.activity.none", lang)))]
    shown = publishable({"activity_summary": summary}, min_cell)["activity_summary"]
    row = shown.iloc[0]
    start = format_month(tables["monthly"]["month"].min(), lang=lang)
    if bool(row["suppressed"]):
        lead = t("report.activity.small", lang, min_cell=min_cell, start=start)
    else:
        lead = t("report.activity.lead", lang, n=int(row["partners"]), start=start)
    parts = [str(paragraph_html(lead))]
    mark = small_cell_mark(min_cell, lang)
    header = [
        (t("report.activity.col.measure", lang), False),
        (t("report.activity.col.value", lang), False),
    ]
    parts.append(str(section_table_html(header, _key_figures(row, lang, mark))))
    monthly = tables["monthly"]
    monthly = monthly.loc[monthly["team_id"] == team_id]
    support = programme.programme_support
    support = support.loc[support["team_id"] == team_id] if "team_id" in support.columns else None
    parts += _chart(monthly, support, lang, min_cell)
    return parts


def _chart(monthly: pd.DataFrame, support: pd.DataFrame | None, lang: str, min_cell: int
           ) -> list[str]:  # fmt: skip
    """The months as small multiples, drawn from the published monthly table, with a
    sentence when months of fewer than ``min_cell`` partners are left undrawn."""
    shown = publishable({"activity_monthly": monthly}, min_cell)["activity_monthly"]
    parts = []
    if shown["suppressed"].any():
        parts.append(str(paragraph_html(t("report.activity.small-months", lang,
                                          min_cell=min_cell))))  # fmt: skip
    figure = activity_chart(shown, support, lang=lang)
    return parts + [figure_html(figure, alt=t("plot.activity.title", lang))]


def programme_activity_section(programme: Programme, *, lang: str = "fr", min_cell: int = 10
                               ) -> list[str]:  # fmt: skip
    """HTML fragments of the programme's partnership-activity section (heading excluded):
    the key figures pooled over every team's partners, and the programme's months."""
    if "partnership_activity" in absent_tables(programme):
        return [str(paragraph_html(t("report.activity.absent", lang)))]
    activity = programme.partnership_activity
    activity = activity.loc[activity["team_id"].isin(programme.team_ids)]
    if activity.empty:
        return [str(paragraph_html(t("report.activity.none-programme", lang)))]
    teams, left_out = pooled_activity_teams(activity_summary(activity), min_cell)
    activity = activity.loc[activity["team_id"].isin(teams)]
    # every partner of the programme as one unit (a partner code is unique within its team)
    pooled = activity.assign(partner=activity["team_id"] + "\x1f" + activity["partner"].astype(str),
                             team_id="*")  # fmt: skip
    support = programme.programme_support
    if "team_id" in support.columns:
        support = support.loc[support["team_id"].isin(teams)].assign(team_id="*")
    else:
        support = None
    summary = activity_summary(pooled, support, ["*"])
    retention = partner_retention(activity)
    programme_row = retention.loc[(retention["level"] == "programme") & (retention["time"] == 12)]
    if len(programme_row):  # the programme's KM pools the teams' spells (not one spell)
        summary[["retention_12", "retention_12_low", "retention_12_high"]] = programme_row[
            ["estimate", "ci_low", "ci_high"]
        ].to_numpy()
    shown = publishable({"activity_summary": summary}, min_cell)["activity_summary"]
    row = shown.iloc[0]
    n_teams = activity["team_id"].nunique()
    parts = [str(paragraph_html(t("report.activity.lead-programme", lang, n=int(row["partners"]),
                                  k=n_teams)))]  # fmt: skip
    if left_out:
        parts.append(str(paragraph_html(t("report.activity.left-out", lang, k=left_out,
                                          min_cell=min_cell))))  # fmt: skip
    mark = small_cell_mark(min_cell, lang)
    header = [
        (t("report.activity.col.measure", lang), False),
        (t("report.activity.col.value", lang), False),
    ]
    parts.append(str(section_table_html(header, _key_figures(row, lang, mark))))
    return parts + _chart(activity_by_month(pooled), support, lang, min_cell)
