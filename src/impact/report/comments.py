"""The team report's comments section: the themes of the team's free-text comments before
and after the partnership started, their change, example quotes and the method.

The tables are the run's (:class:`impact.report.comment_tables.CommentTables`, the team's
slice): only masked text is there. What the page shows goes through the one privacy pass
(:func:`impact.report.privacy.publishable`, ``{"comments": …}``, rules of
:func:`impact.report.privacy.comments_rules`): a period of fewer than ``min_cell``
comments shows no number and no quote, a theme touched by fewer than ``min_cell`` of a
period's comments is not shown in that period, nor its change, nor its quotes. Quotes are
written by the template with autoescape, marked ``lang="fr"`` (the patients' words).
"""

from __future__ import annotations

import math

import pandas as pd

from impact.data.loading import absent_tables
from impact.data.programme import Programme
from impact.report.comment_tables import QUOTE_CHARS, CommentTables
from impact.report.figures.comments import theme_bars
from impact.report.formatting import figure_html, format_number, format_percent
from impact.report.labels import t
from impact.report.privacy import publishable
from impact.report.tables import heading_html, small_cell_mark
from impact.report.team_html import paragraph_html, section_table_html
from impact.report.templating import render

__all__ = ["accuracy_text", "comments_section", "method_paragraphs", "theme_label"]

_PERIODS = (("avant", "before"), ("après", "after"))


def theme_label(tables: CommentTables, code: str, lang: str) -> str:
    """A theme's name in ``lang`` from the run's catalogue (its code when unnamed)."""
    row = tables.themes.loc[tables.themes["code"].astype(str) == code]
    label = row[f"label_{lang}"].iloc[0] if len(row) else ""
    return str(label) if isinstance(label, str) and label.strip() else code


def _percent(value: float, lang: str) -> str:
    return format_percent(100 * value, lang=lang, digits=0)


def _points(row: pd.Series, prefix: str, lang: str) -> str:
    """A change in signed percentage points with its Newcombe interval."""

    def fmt(x: float) -> str:
        return format_number(100 * x, lang=lang, digits=0, sign=True)

    est = row[f"{prefix}difference"]
    if pd.isna(est):
        return "–"
    value = fmt(est)
    low, high = row[f"{prefix}ci_low"], row[f"{prefix}ci_high"]
    if pd.isna(low) or pd.isna(high):
        return value
    return t("report.activity.with-ci", lang, value=value, low=fmt(low), high=fmt(high))


def accuracy_text(accuracy: pd.DataFrame, lang: str) -> str:
    """The sentence giving the engine's accuracy measured on the held-out sets
    (:func:`impact.text.accuracy.held_out_accuracy`)."""

    def get(measure: str, label: str) -> tuple[str, int]:
        row = accuracy.loc[(accuracy["measure"] == measure) & (accuracy["label"] == label)]
        if not len(row) or pd.isna(row["value"].iloc[0]):
            return "–", 0
        return format_number(row["value"].iloc[0], lang=lang, digits=2), int(row["n"].iloc[0])

    recall, n_spans = get("masking_recall", "all")
    f1, n_pairs = get("theme_macro_f1", "all")
    tone, n_tone = get("tone_accuracy", "all")
    return t("report.comments.accuracy", lang, all=recall, n_spans=n_spans,
             nom=get("masking_recall", "NOM")[0], tel=get("masking_recall", "TELEPHONE")[0],
             mail=get("masking_recall", "COURRIEL")[0], f1=f1, n_pairs=n_pairs, tone=tone,
             n_tone=n_tone)  # fmt: skip


def method_paragraphs(tables: CommentTables, lang: str) -> list[str]:
    """The method used (rules or supervised, comments reviewed) and the measured accuracy."""
    sentences = [t(f"report.comments.method.{tables.method}", lang)]
    if tables.n_reviewed:
        sentences.append(t("report.comments.method.reviewed", lang, n=tables.n_reviewed))
    sentences.append(accuracy_text(tables.accuracy, lang))
    return [str(paragraph_html(" ".join(sentences)))]


def _counts(shares: pd.DataFrame, lang: str, mark: str) -> dict[str, str]:
    """The number of comments of each period as shown (the mark when hidden)."""
    out = {}
    for period, key in _PERIODS:
        n = shares.loc[shares["period"] == period, "n_comments"]
        n = n.iloc[0] if len(n) else 0
        out[key] = mark if pd.isna(n) else format_number(int(n), lang=lang, digits=0)
    return out


def _figure(rows: list[tuple], lang: str, min_cell: int) -> str:
    heading = t("report.comments.chart", lang)
    fig = theme_bars(rows, lang=lang, heading=heading,
                     before=t("report.comments.before", lang),
                     after=t("report.comments.after", lang),
                     negative=t("report.comments.negative", lang),
                     note=t("report.comments.chart.note", lang, min_cell=min_cell))  # fmt: skip
    return figure_html(fig, alt=heading)


def comments_section(
    programme: Programme,
    *,
    team_id: str,
    lang: str = "fr",
    min_cell: int = 10,
    tables: CommentTables | None = None,
) -> list[str]:
    """HTML fragments of a team's comments section (its heading excluded).

    One sentence when the programme has no comments, or the team none; otherwise the
    number of comments per period, the theme bars before/after with the negative share,
    the table of changes with Newcombe intervals, example quotes, and the method with the
    accuracy measured in this run. ``tables``: the team's slice of the run's
    :func:`impact.report.comment_tables.comment_tables`.
    """
    if "comments" in absent_tables(programme) or tables is None:
        return [str(paragraph_html(t("report.comments.absent", lang)))]
    if not len(tables.shares):
        return [str(paragraph_html(t("report.comments.none", lang)))]
    shown = publishable({"comments": {"shares": tables.shares, "changes": tables.changes,
                                      "quotes": tables.quotes}}, min_cell)["comments"]  # fmt: skip
    mark = small_cell_mark(min_cell, lang)
    shares, changes = shown["shares"], shown["changes"]
    parts = [str(paragraph_html(t("report.comments.intro", lang, **_counts(shares, lang, mark))))]
    # a theme shown in some period, and touched there (no row for a theme nobody named)
    touched = pd.to_numeric(shares["n_theme"], errors="coerce").fillna(0) > 0
    visible = shares.loc[~shares["suppressed"].astype(bool) & touched]
    themes = [c for c in tables.themes["code"].astype(str) if c in set(visible["theme"])]
    if not themes:
        parts.append(str(paragraph_html(t("report.comments.small", lang, min_cell=min_cell))))
    else:
        parts += _tables(tables, shares, changes, themes, lang, min_cell, mark)
        parts += _quotes(tables, shown["quotes"], themes, lang, min_cell)
    parts.append(heading_html(3, t("report.comments.methods", lang)))
    return parts + method_paragraphs(tables, lang)


def _tables(tables: CommentTables, shares: pd.DataFrame, changes: pd.DataFrame,
            themes: list[str], lang: str, min_cell: int, mark: str) -> list[str]:  # fmt: skip
    """The theme bars and the table of changes of the themes shown."""
    by = shares.set_index(["theme", "period"])
    change = changes.set_index("theme")
    bars, rows = [], []
    for code in themes:
        values = {}
        for period, key in _PERIODS:
            row = by.loc[(code, period)]
            hidden = bool(row["suppressed"])
            values[key] = (math.nan, math.nan) if hidden else (
                float(row["share"]), float(row["negative_share"]))  # fmt: skip
        name = theme_label(tables, code, lang)
        bars.append((name, *values["before"], *values["after"]))
        c = change.loc[code]
        hidden = bool(c["suppressed"])
        cells = [_percent(v[0], lang) if not math.isnan(v[0]) else mark
                 for v in (values["before"], values["after"])]  # fmt: skip
        negs = [
            _percent(v[1], lang) if not math.isnan(v[1]) else (mark if math.isnan(v[0]) else "–")
            for v in (values["before"], values["after"])
        ]
        rows.append([(name, False), (cells[0], True), (cells[1], True),
                     (mark if hidden else _points(c, "", lang), True),
                     (f"{negs[0]} → {negs[1]}", True),
                     (mark if hidden else _points(c, "negative_", lang), True)])  # fmt: skip
    header = [
        (t(f"report.comments.col.{k}", lang), k != "theme")
        for k in ("theme", "before", "after", "change", "negative", "negative-change")
    ]
    note = t("report.comments.table.note", lang, mark=mark, min_cell=min_cell)
    return [_figure(bars, lang, min_cell), str(section_table_html(header, rows, note=note))]


def _quotes(tables: CommentTables, quotes: pd.DataFrame, themes: list[str], lang: str,
            min_cell: int) -> list[str]:  # fmt: skip
    """The example quotes of the themes shown (those of hidden groups already dropped)."""
    low, high = QUOTE_CHARS
    parts = [heading_html(3, t("report.comments.quotes", lang)),
             str(paragraph_html(t("report.comments.quotes.rule", lang, low=low, high=high,
                                  min_cell=min_cell)))]  # fmt: skip
    items = []
    for code in themes:
        mine = quotes.loc[quotes["theme"].astype(str) == code]
        said = [(t(f"report.comments.{key}", lang), str(text))
                for period, key in _PERIODS
                for text in mine.loc[mine["period"] == period, "text"]]  # fmt: skip
        if said:
            items.append((theme_label(tables, code, lang), said))
    if not items:
        return [*parts, str(paragraph_html(t("report.comments.quotes.none", lang)))]
    colon = " : " if lang == "fr" else ": "
    sep = " ; " if lang == "fr" else "; "
    return [*parts, str(render("comments_quotes.html.j2", items=items, colon=colon, sep=sep))]
