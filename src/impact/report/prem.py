"""The patient-experience section of a team report (PREM, PROM) as HTML fragments."""

from __future__ import annotations

import pandas as pd

from impact.data.loading import PREM_PUBLICATION_THRESHOLD, absent_tables
from impact.data.programme import Programme
from impact.report.figures.prem import prem_topbox_chart
from impact.report.formatting import (
    MISSING,
    figure_html,
    format_number,
    format_percent,
    reason_text,
)
from impact.report.labels import t
from impact.report.mde import mde_label, mde_text
from impact.report.prem_tables import team_prem_tables
from impact.report.privacy import publishable
from impact.report.tables import heading_html, small_cell_mark, value_with_ci
from impact.report.team_html import Cell, paragraph_html, section_table_html, verdict_html
from impact.report.templating import render

__all__ = ["prem_section"]

_FLAG = "⚠"


def _covariate_label(name: str, lang: str) -> str:
    """The covariate's label, or its column name when it has none."""
    try:
        return t(f"covariate.{name}", lang)
    except KeyError:
        return name


def _shown(cells: list[Cell], mark: str) -> bool:
    """Whether a row has something to show besides its label: a value, not only marks."""
    return any(str(text) not in (mark, MISSING, "") for text, _ in cells[1:])


def _levels_table(
    levels: pd.DataFrame,
    deltas: pd.DataFrame,
    mark: str,
    lang: str,
    threshold: int,
    min_cell: int,
) -> str | None:
    """Per overall score and dimension: both periods, raw and case-mix adjusted change.

    Only the rows with something to show (a sentence says when some were left out);
    None when no row is left."""
    header: list[Cell] = [
        (t(k, lang), num)
        for k, num in (
            ("report.prem.col.level", False),
            ("report.prem.col.before", True),
            ("report.prem.col.after", True),
            ("report.prem.col.raw", True),
            ("report.col.ci", True),
            ("report.prem.col.adjusted", True),
            ("report.col.ci", True),
        )
    ]
    mde = int("mde_up" in deltas.columns)  # the MDE beside an inconclusive adjusted change
    header += [(mde_label(lang), True)] * mde
    rows = []
    for code, part in levels.groupby("code", sort=False):
        cells: list[Cell] = [(str(part["label"].iloc[0]), False)]
        for period in ("avant", "après"):
            hit = part[part["period"] == period]
            if hit.empty:
                cells.append((MISSING, True))
                continue
            row = hit.iloc[0]
            if bool(row["suppressed"]):
                cells.append((mark, True))
                continue
            bayes = None
            if bool(row["small_sample"]):
                bayes = t(
                    "report.ci.range",
                    lang,
                    low=format_number(row["bayes_ci_low"], lang=lang, digits=1),
                    high=format_number(row["bayes_ci_high"], lang=lang, digits=1),
                )
            text = render(
                "team_mean_n.html.j2",
                mean=format_number(row["mean"], lang=lang, digits=1),
                n=format_number(row["n"], lang=lang, digits=0),
                bayes=bayes,
                flag=_FLAG,
                bayes_label=t("report.prem.bayes", lang),
            )
            cells.append((text, True))
        own = deltas[deltas["code"] == code]
        for measure in ("mean difference", "adjusted mean difference"):
            hit = own[own["measure"] == measure]
            if hit.empty:
                cells += [(MISSING, True), (MISSING, True)]
            else:
                value, ci = value_with_ci(hit.iloc[0], lang=lang, digits=1, mark=mark)
                cells += [(value, True), (ci, True)]
        adjusted = own[own["measure"] == "adjusted mean difference"]
        cells += [(mde_text(adjusted.iloc[0], lang) if len(adjusted) else "", True)] * mde
        rows.append(cells)
    shown = [row for row in rows if _shown(row, mark)]
    if not shown:
        return None
    covariates = deltas.loc[deltas["measure"] == "adjusted mean difference", "covariates"]
    covariates = next((c for c in covariates if isinstance(c, str) and c), "")
    covariates = ", ".join(
        _covariate_label(c.strip(), lang) for c in covariates.split(",") if c.strip()
    )
    note = t(
        "report.prem.note",
        lang,
        threshold=threshold,
        covariates=covariates or t("report.prem.no-covariates", lang),
    )
    if len(shown) < len(rows):
        note = f"{note} {t('report.small.rows-omitted', lang, min_cell=min_cell)}"
    return str(section_table_html(header, shown, note=note))


def _proms_table(
    proms: pd.DataFrame, catalogue: pd.DataFrame, mark: str, lang: str, min_cell: int
) -> str | None:
    """Per PROM: mean change and share improved, with the verdict; only the rows with
    something to show (a sentence says when some were left out); None when none is left."""
    labels = catalogue.set_index("code")[f"label_{lang}"] if len(catalogue) else pd.Series()
    header: list[Cell] = [
        (t(k, lang), num)
        for k, num in (
            ("report.prem.col.prom", False),
            ("report.prem.col.change", True),
            ("report.col.ci", True),
            ("report.prem.col.improved", True),
            ("report.col.ci", True),
            ("report.col.verdict", False),
            ("report.barometer.col.note", False),
        )
    ]
    rows = []
    for code, part in proms.groupby("prom", sort=False):
        change = part[part["measure"] == "mean change"]
        share = part[part["measure"].str.startswith("share improved")]
        cells: list[Cell] = [(str(labels.get(code, code)), False)]
        for hit, percent in ((change, False), (share, True)):
            if hit.empty:
                cells += [(MISSING, True), (MISSING, True)]
                continue
            row = hit.iloc[0].copy()
            if percent:
                for col in ("estimate", "ci_low", "ci_high"):
                    row[col] = 100 * row[col]
            value, ci = value_with_ci(row, lang=lang, digits=1, sign=not percent, mark=mark)
            if percent and not bool(row.get("suppressed", False)) and pd.notna(row["estimate"]):
                value = format_percent(row["estimate"], lang=lang, digits=1)
            cells += [(value, True), (ci, True)]
        verdict = change["verdict"].iloc[0] if len(change) else ""
        suppressed = bool(change["suppressed"].iloc[0]) if len(change) else False
        cells.append((MISSING if suppressed or not verdict else verdict_html(verdict, lang), False))
        reason = (
            ""
            if change.empty or suppressed
            else reason_text(change["reason"].iloc[0], lang=lang, row=change.iloc[0])
        )
        cells.append((reason, False))
        rows.append(cells)
    shown = [row for row in rows if _shown(row, mark)]
    if not shown:
        return None
    note = t("report.prem.proms.note", lang)
    if len(shown) < len(rows):
        note = f"{note} {t('report.small.rows-omitted', lang, min_cell=min_cell)}"
    return str(section_table_html(header, shown, note=note))


def prem_section(
    programme: Programme,
    team_id: str,
    *,
    lang: str = "fr",
    min_cell: int = 10,
    threshold: int = PREM_PUBLICATION_THRESHOLD,
    tables: dict[str, pd.DataFrame] | None = None,
) -> list[str]:
    """HTML fragments of the patient-experience section for one team, in display order.

    Scores by period (with the Bayesian credible interval when a period is under the
    publication threshold), raw and case-mix adjusted changes, the top-box chart (share of
    best answers per question), and PROM changes. A score or PROM hidden in every cell (fewer than
    ``min_cell`` people, column ``suppressed`` of
    :func:`impact.report.privacy.publishable`) is left out and a sentence says so; when
    nothing is left, the table and its charts are one sentence. ``tables``: the team's
    :func:`impact.report.prem_tables.team_prem_tables`, if already computed (e.g. by
    :func:`impact.report.results.compute_tables`); default computed here.
    """
    mark = small_cell_mark(min_cell, lang)
    if tables is None:
        tables = team_prem_tables(programme, team_id, lang=lang, threshold=threshold)
        tables = publishable({"prem": tables}, min_cell)["prem"]
    parts = []
    levels = tables["levels"]
    table = (
        None if levels.empty
        else _levels_table(levels, tables["deltas"], mark, lang, threshold, min_cell)
    )  # fmt: skip
    if levels.empty:
        absent = "prem_responses" in absent_tables(programme)
        parts.append(str(paragraph_html(t(f"report.prem.{'absent' if absent else 'none'}", lang))))
    elif table is None:  # every score hidden: one sentence, no chart of marks
        what = t("report.prem.title", lang)
        parts.append(str(paragraph_html(t("report.small.section-hidden", lang, what=what,
                                                       min_cell=min_cell))))  # fmt: skip
    else:
        # the scores' before/after chart (prem_dumbbell_chart) would repeat this table on
        # paper: the page keeps the table, the notebook can draw the chart
        parts.append(table)
        catalogue = programme.prem_items  # dimension and question labels, not codes
        if len(tables["topbox"]):
            parts.append(
                figure_html(
                    prem_topbox_chart(
                        tables["topbox"],
                        catalogue=catalogue,
                        lang=lang,
                        threshold=threshold,
                        min_cell=min_cell,
                    ),
                    alt=t("plot.prem.topbox.title", lang),
                )
            )
    proms = tables["proms"]
    if len(proms):
        title = t("report.prem.proms", lang)
        table = _proms_table(proms, programme.proms, mark, lang, min_cell)
        if table is None:
            text = t("report.small.section-hidden", lang, what=title, min_cell=min_cell)
            parts.append(str(paragraph_html(text)))
        else:
            parts += [heading_html(3, title), table]
    return parts
