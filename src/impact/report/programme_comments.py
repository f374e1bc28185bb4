"""The programme report's comments section: the changes of the themes pooled across teams.

The run's comment tables (:func:`impact.report.comment_tables.comment_tables`) hold the
pooled changes per theme (:func:`impact.text.change.pooled_theme_changes`: random
effects, REML, Hartung–Knapp interval), computed from the teams' changes that their
reports show only (a team × theme hidden there is in no pool, rule 2 of
:mod:`impact.report.privacy`). The section gives, per theme, the pooled change of the
share of comments touching it and of the negative share within it, with k teams, and
the same method and accuracy paragraphs as the team reports.
"""

from __future__ import annotations

import pandas as pd

from impact.report.comment_tables import CommentTables
from impact.report.comments import method_paragraphs, theme_label
from impact.report.labels import t
from impact.report.programme_effects import ProgrammeResults, heading, number_text, paragraph, table

__all__ = ["comments_section"]


def _pooled_text(row: pd.Series | None, lang: str) -> str:
    """A pooled change in signed percentage points with its interval (– when none)."""
    if row is None or not row["k"] or pd.isna(row["estimate"]):
        return "–"

    def fmt(x: float) -> str:
        return number_text(100 * x, lang, 0, sign=True)

    if pd.isna(row["ci_low"]) or pd.isna(row["ci_high"]):
        return fmt(row["estimate"])
    return t("report.activity.with-ci", lang, value=fmt(row["estimate"]),
             low=fmt(row["ci_low"]), high=fmt(row["ci_high"]))  # fmt: skip


def comments_section(res: ProgrammeResults, tables: CommentTables | None) -> list[str]:
    """HTML fragments of the programme report's comments section, heading first.

    ``tables``: :func:`impact.report.comment_tables.comment_tables` of the programme
    (None without comments: one sentence).
    """
    lang = res.lang
    parts = [heading(2, "report.programme.comments.title", lang, "programme-comments")]
    if tables is None:
        return [*parts, paragraph(t("report.comments.absent", lang))]
    pooled = tables.pooled
    pooled = pooled.loc[pooled["k"].fillna(0) > 0] if len(pooled) else pooled
    if not len(pooled):
        return [*parts, paragraph(t("report.programme.comments.none", lang)),
                *method_paragraphs(tables, lang)]  # fmt: skip
    parts.append(paragraph(t("report.programme.comments.intro", lang)))
    by = {(str(r["theme"]), str(r["quantity"])): r for _, r in pooled.iterrows()}
    header = [(t("report.comments.col.theme", lang), False),
              (t("report.programme.comments.col.k", lang), True),
              (t("report.comments.col.change", lang), True),
              (t("report.comments.col.negative-change", lang), True)]  # fmt: skip
    rows = []
    for code in tables.themes["code"].astype(str):
        share, negative = by.get((code, "share")), by.get((code, "negative_share"))
        if share is None and negative is None:
            continue
        k = int(share["k"]) if share is not None else 0
        rows.append([(theme_label(tables, code, lang), False), (str(k), True),
                     (_pooled_text(share, lang), True),
                     (_pooled_text(negative, lang), True)])  # fmt: skip
    parts.append(table(header, rows))
    if tables.n_excluded:
        parts.append(paragraph(t("report.programme.comments.excluded", lang,
                                 n=tables.n_excluded, min_cell=tables.min_cell)))  # fmt: skip
    return [*parts, *method_paragraphs(tables, lang)]
