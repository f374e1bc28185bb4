"""The barometer section of a team report: tables and figures as HTML fragments."""

from __future__ import annotations

import pandas as pd

from impact.barometer.reliability import WARNING_CODES, reliability
from impact.data.programme import Programme
from impact.report.barometer_tables import team_barometer_tables
from impact.report.figures.barometer import diverging_bars, radar_chart, slope_chart
from impact.report.formatting import MISSING, figure_html, format_number, reason_text
from impact.report.labels import t
from impact.report.privacy import is_small, publishable, visible_role_groups
from impact.report.tables import heading_html, small_cell_mark, value_with_ci
from impact.report.team_html import Cell, paragraph_html, section_table_html
from impact.report.templating import render

__all__ = ["barometer_section"]

#: Reliability warnings: fewer complete answers than this, or an alpha below this.
_MIN_N, _MIN_ALPHA = 30, 0.7


def _scores_table(summary: pd.DataFrame, mark: str, lang: str, min_cell: int) -> str:
    """Mean score (n) per dimension, role group and wave."""
    columns = summary[["role_group", "role_group_label", "wave"]].drop_duplicates()
    header: list[Cell] = [(t("report.barometer.dimension", lang), False)] + [
        (f"{r.role_group_label} {r.wave}", True) for r in columns.itertuples(index=False)
    ]
    rows = []
    for _dim, part in summary.groupby("dimension", sort=False):
        cells: list[Cell] = [(str(part["dimension_label"].iloc[0]), False)]
        for r in columns.itertuples(index=False):
            hit = part[(part["role_group"] == r.role_group) & (part["wave"] == r.wave)]
            if hit.empty:
                cells.append((MISSING, True))
            elif bool(hit["suppressed"].iloc[0]):
                cells.append((mark, True))
            else:
                mean = format_number(hit["mean"].iloc[0], lang=lang, digits=2)
                n = format_number(hit["n"].iloc[0], lang=lang, digits=0)
                cells.append((render("team_mean_n.html.j2", mean=mean, n=n, bayes=None), True))
        rows.append(cells)
    note = t("report.barometer.scores.note", lang, min_cell=min_cell)
    return str(section_table_html(header, rows, note=note))


def _effects_table(
    table: pd.DataFrame, label_cols: list[str], mark: str, lang: str, note: str, min_cell: int
) -> str:
    """Generic rows: labels, estimate, interval, p-value, and the reason if any."""
    header: list[Cell] = [(t(f"report.barometer.col.{c}", lang), False) for c in label_cols]
    header += [
        (t("report.col.change", lang), True),
        (t("report.col.ci", lang), True),
        ("p", True),
        (t("report.barometer.col.note", lang), False),
    ]
    rows = []
    for _, row in table.iterrows():
        value, ci = value_with_ci(row, lang=lang, mark=mark)
        p = (
            MISSING
            if bool(row.get("suppressed", False))
            else format_number(row["p_value"], lang=lang, digits=3)
        )
        reason = (
            ""
            if bool(row.get("suppressed", False))
            else reason_text(row.get("reason"), lang=lang, row=row)
        )
        rows.append(
            [(str(row.get(f"{c}_label", row[c])), False) for c in label_cols]
            + [(value, True), (ci, True), (p, True), (reason, False)]
        )
    return str(section_table_html(header, rows, note=note))


def barometer_section(
    programme: Programme,
    team_id: str,
    *,
    lang: str = "fr",
    min_cell: int = 10,
    tables: dict[str, pd.DataFrame] | None = None,
) -> list[str]:
    """HTML fragments of the barometer section for one team, in display order.

    Mean scores by dimension, role group and wave; change between the first two waves
    (all respondents, and paired when enough answered both); perception gap between
    professionals and the patient side; joint versus self ratings; reliability
    (Cronbach's alpha with Feldt interval); radar, diverging bars and slope chart. Role
    groups under ``min_cell`` respondents show the small-cell mark only. ``tables``:
    the team's :func:`impact.report.barometer_tables.team_barometer_tables`, if already
    computed (e.g. by :func:`impact.report.results.compute_tables`); default computed here.
    """
    responses = programme.barometer_responses
    responses = responses[responses["team_id"] == team_id]
    if responses.empty:
        return [str(paragraph_html(t("report.barometer.none", lang)))]
    mark = small_cell_mark(min_cell, lang)
    if tables is None:
        tables = team_barometer_tables(programme, team_id, lang=lang)
        tables = publishable({"barometer": tables}, min_cell)["barometer"]
    parts = [_scores_table(tables["summary"], mark, lang, min_cell)]
    parts.append(
        figure_html(
            radar_chart(tables["summary"], lang=lang, min_cell=min_cell),
            alt=t("report.barometer.radar", lang),
        )
    )
    changes = tables["changes"]
    shown = changes[
        (changes["measure"] == "mean change") & changes["analysis"].isin(["all", "paired"])
    ]
    if len(shown):
        parts.append(heading_html(4, t("report.barometer.changes", lang)))
        parts.append(
            _effects_table(
                shown,
                ["dimension", "role_group", "analysis"],
                mark,
                lang,
                t("report.barometer.changes.note", lang),
                min_cell,
            )
        )
    gaps = tables["gaps"]
    if len(gaps):
        parts.append(heading_html(4, t("report.barometer.gaps", lang)))
        parts.append(
            _effects_table(
                gaps,
                ["dimension", "comparison", "wave"],
                mark,
                lang,
                t("report.barometer.gaps.note", lang),
                min_cell,
            )
        )
        if not gaps["suppressed"].fillna(False).astype(bool).all():
            # a chart with every group hidden would only repeat the table's marks
            parts.append(
                figure_html(
                    slope_chart(gaps, lang=lang, min_cell=min_cell),
                    alt=t("report.barometer.gaps", lang),
                )
            )
    joint = tables["joint"]
    if len(joint):
        parts.append(heading_html(4, t("report.barometer.joint", lang)))
        parts.append(
            _effects_table(
                joint,
                ["dimension", "wave", "measure"],
                mark,
                lang,
                t("report.barometer.joint.note", lang),
                min_cell,
            )
        )
    # all-roles aggregates: the visible role groups' answers only (report.privacy, rule 2)
    responses, left_out = visible_role_groups(responses, tables["summary"])
    parts.append(heading_html(4, t("report.barometer.answers", lang)))
    if left_out:
        text = t("report.barometer.left-out", lang, n=left_out, min_cell=min_cell)
        parts.append(str(render("team_small_note.html.j2", text=text)))
    parts.append(
        figure_html(
            diverging_bars(responses, programme.barometer_items, lang=lang, min_cell=min_cell),
            alt=t("report.barometer.answers", lang),
        )
    )
    parts.append(heading_html(4, t("report.barometer.reliability", lang)))
    parts.append(_reliability_table(responses, programme, mark, min_cell, lang))
    return parts


def _reliability_warning(
    row: pd.Series,
    lang: str,
    *,
    min_n: int = _MIN_N,
    min_alpha: float = _MIN_ALPHA,
) -> str:
    """The reliability warning: the row's ``warning`` codes (:data:`WARNING_CODES`) in
    words, with numbers in the report's format."""
    parts = []
    for code in str(row["warning"] or "").split(";"):
        if code == "few_items":
            parts.append(t("barometer.reliability.few-items", lang, k=int(row["k"])))
        elif code == "low_alpha":
            alpha = format_number(row["estimate"], lang=lang, digits=2)
            threshold = format_number(min_alpha, lang=lang, digits=1)
            parts.append(t("barometer.reliability.low-alpha", lang, alpha=alpha,
                           threshold=threshold))  # fmt: skip
        elif code == "small_n":
            parts.append(t("barometer.reliability.small-n", lang, n=int(row["n"]), min_n=min_n))
        elif code:
            raise ValueError(f"Unknown reliability warning {code!r}; expected {WARNING_CODES}.")
    return (" ; " if lang == "fr" else "; ").join(parts)


def _reliability_table(
    responses: pd.DataFrame,
    programme: Programme,
    mark: str,
    min_cell: int,
    lang: str,
) -> str:
    rel = reliability(responses, programme.barometer_items, min_n=_MIN_N, min_alpha=_MIN_ALPHA)
    labels = programme.barometer_items.drop_duplicates("dimension").set_index("dimension")[
        f"dimension_{lang}"
    ]
    header: list[Cell] = [
        (t("report.barometer.dimension", lang), False),
        ("α", True),
        (t("report.col.ci", lang), True),
        ("n", True),
        (t("report.barometer.col.note", lang), False),
    ]
    rows = []
    for _, row in rel.iterrows():
        small = is_small(row["n"], min_cell)
        value, ci = value_with_ci(
            pd.Series({**row, "suppressed": small}), lang=lang, sign=False, mark=mark
        )
        if small:
            n, note = mark, ""
        else:
            n = format_number(row["n"], lang=lang, digits=0)
            note = _reliability_warning(row, lang)
        rows.append(
            [
                (str(labels.get(row["dimension"], row["dimension"])), False),
                (value, True),
                (ci, True),
                (n, True),
                (note, False),
            ]
        )
    note = t("report.barometer.reliability.note", lang)
    return str(section_table_html(header, rows, note=note))
