"""Level 3 of a team's training in its own report: the change of the team's partnership
barometer from the wave before its first training to the wave after, as one HTML block
(for the team report's training section, :mod:`impact.report.training`).

The numbers are :func:`impact.synthesis.training.barometer_after_training`'s, made
publishable by the one privacy pass (:func:`impact.report.privacy.publishable`, as the
barometer's changes: a group of fewer than ``min_cell`` respondents shows nothing).
"""

from __future__ import annotations

import pandas as pd

from impact.barometer.questionnaires import scale_range
from impact.data.programme import Programme
from impact.report.formatting import MISSING, format_date, format_number, reason_text
from impact.report.labels import t
from impact.report.privacy import DEFAULT_MIN_CELL, publishable
from impact.report.tables import heading_html, value_with_ci
from impact.report.team_html import Cell, paragraph_html, section_table_html
from impact.synthesis.training import barometer_after_training
from impact.training.exposure import team_exposure

__all__ = ["barometer_after_training_html", "barometer_after_training_table"]

_ANALYSES = ("all", "paired")


def barometer_after_training_table(programme: Programme, team_id: str) -> pd.DataFrame:
    """The team's :func:`impact.synthesis.training.barometer_after_training` rows (every
    value computed, none hidden), from the programme's training and barometer tables."""
    exposure = team_exposure(
        programme.training_sessions, programme.training_participants, [team_id]
    )
    responses = programme.barometer_responses
    if "team_id" in responses.columns:
        responses = responses.loc[responses["team_id"] == team_id]
    return barometer_after_training(responses, programme.barometer_items, exposure)


def _labels(table: pd.DataFrame, programme: Programme, lang: str) -> pd.DataFrame:
    """The dimension and role group of each row in ``lang``."""
    names = programme.barometer_items.drop_duplicates("dimension").set_index("dimension")
    names = names[f"dimension_{lang}"].to_dict() | {"global": t("barometer.dimension.global", lang)}
    return table.assign(
        dimension_label=table["dimension"].map(names).fillna(table["dimension"]),
        role_group_label=[t(f"barometer.role_group.{g}", lang) for g in table["role_group"]],
    )


def _table(rows: pd.DataFrame, lang: str, note: str) -> str:
    """One row per dimension × role group: each analysis's change, interval and p; the
    cells of a hidden analysis are empty, a row with both hidden is left out."""
    header: list[Cell] = [(t(f"report.barometer.col.{c}", lang), False)
                          for c in ("dimension", "role_group")]  # fmt: skip
    for analysis in _ANALYSES:
        header += [(t(f"report.barometer.col.change-{analysis}", lang), True),
                   (t("report.col.ci", lang), True), ("p", True)]  # fmt: skip
    body = []
    for _, group in rows.groupby(["dimension", "role_group"], sort=False):
        if group["suppressed"].all():
            continue
        first = group.iloc[0]
        cells: list[Cell] = [(str(first["dimension_label"]), False),
                             (str(first["role_group_label"]), False)]  # fmt: skip
        for analysis in _ANALYSES:
            part = group.loc[group["analysis"] == analysis]
            if part.empty or bool(part["suppressed"].iloc[0]):
                cells += [("" if len(part) else MISSING, True)] * 3
                continue
            row = part.iloc[0]
            value, ci = value_with_ci(row, lang=lang)
            cells += [(value, True), (ci, True),
                      (format_number(row["p_value"], lang=lang, digits=3), True)]  # fmt: skip
        body.append(cells)
    return str(section_table_html(header, body, note=note))


def barometer_after_training_html(
    programme: Programme,
    team_id: str,
    lang: str = "fr",
    min_cell: int = DEFAULT_MIN_CELL,
    *,
    table: pd.DataFrame | None = None,
) -> str:
    """The block "barometer before and after the training" of a team report.

    A heading (level 4), a sentence naming the first training's date and the two waves
    compared, and a table of the change of the mean self-assessment score per dimension
    and role group (all respondents; respondents present at both waves), with the
    caution that a before–after change is not the training's effect alone. When no
    pair of waves brackets the training, one sentence says why (the reason codes of
    :func:`impact.synthesis.training.training_waves`).

    Parameters
    ----------
    programme : Programme
        The programme (or the team's slice, :meth:`Programme.team`).
    team_id : str
    lang : {"fr", "en"}, default "fr"
    min_cell : int, default 10
        A group of fewer respondents (at either wave, or paired) is not shown.
    table : pandas.DataFrame, optional
        :func:`barometer_after_training_table` already computed for the team.

    Returns
    -------
    str
        HTML; empty when the team was not trained or has no barometer answer (nothing
        to say at level 3 on the barometer).
    """
    if table is None:
        table = barometer_after_training_table(programme, team_id)
    table = table.loc[table["team_id"] == team_id]
    reason = table["reason"].iloc[0] if len(table) else "not_trained"
    if reason in ("not_trained", "no_barometer_data"):
        return ""
    title = t("report.training.barometer.title", lang)
    parts = [heading_html(4, title)]
    first = table.iloc[0]
    if pd.isna(first["wave_before"]) or pd.isna(first["wave_after"]):  # no pair of waves
        text = t("report.training.barometer.none", lang, reason=reason_text(reason, lang=lang))
        return "\n".join([*parts, str(paragraph_html(text))])
    parts.append(str(paragraph_html(t(
        "report.training.barometer.waves", lang, date=format_date(first["first_training"],
        lang=lang), before=first["wave_before"], after=first["wave_after"],
    ))))  # fmt: skip
    rows = table.loc[(table["measure"] == "mean change") & table["analysis"].isin(_ANALYSES)]
    shown = publishable({"barometer": {"changes": rows}}, min_cell)["barometer"]["changes"]
    if shown["suppressed"].all():
        text = t("report.small.table-hidden", lang, what=title, min_cell=min_cell)
        return "\n".join([*parts, str(paragraph_html(text))])
    low, high = scale_range(programme.barometer_items)
    note = t("report.training.barometer.note", lang, low=format_number(low, lang=lang, digits=0),
             high=format_number(high, lang=lang, digits=0))  # fmt: skip
    if shown["suppressed"].any():
        note = f"{note} {t('report.barometer.changes.small', lang, min_cell=min_cell)}"
    parts.append(_table(_labels(shown, programme, lang), lang, note))
    return "\n".join(parts)
