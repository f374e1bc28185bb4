"""The team report's indicator tables: before/after changes, and time-series level changes
beside the difference-in-differences against comparison units.

Both tables are rendered by ``table.html.j2`` from plain texts (escaped by the template);
a row hidden for a small cell shows the small-cell mark instead of its numbers.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from impact.languages import check_lang
from impact.report.formatting import MISSING, format_month, format_number
from impact.report.labels import t
from impact.report.mde import mde_label, mde_text
from impact.report.privacy import DEFAULT_MIN_CELL, is_small
from impact.report.team_html import Cell, paragraph_html, section_table_html, verdict_html
from impact.report.templating import Markup

__all__ = ["indicator_table_html", "trend_table_html"]

#: Columns of the before/after table (``report.col.<name>``) and whether they hold numbers.
_INDICATOR_COLUMNS = (("label", False), ("unit", False), ("before", True), ("after", True),
                      ("change", True), ("ci", True), ("q_value", True),
                      ("verdict", False))  # fmt: skip
#: Columns of the trend table: label, then the time series' and the DiD's change, interval
#: and verdict.
_TREND_COLUMNS = (("label", False), ("its", True), ("ci", True), ("verdict", False),
                  ("did", True), ("ci", True), ("verdict", False))  # fmt: skip


def _digits(kind: str) -> int:
    return 2 if kind == "rate" else 1


def _change_text(row: object, lang: str) -> tuple[str, str]:
    """The change and its interval, as shown: ``+6,1`` / ``×0,85`` and ``2,2 à 10,0``."""
    digits = 2 if row.scale == "log" else 1
    if row.scale == "log":
        change = t("report.ratio", lang, value=format_number(row.estimate, lang=lang, digits=2))
    else:
        change = format_number(row.estimate, lang=lang, digits=digits, sign=True)
    if pd.isna(row.ci_low) or pd.isna(row.ci_high):
        return change, MISSING
    low = format_number(row.ci_low, lang=lang, digits=digits, sign=row.scale != "log")
    high = format_number(row.ci_high, lang=lang, digits=digits, sign=row.scale != "log")
    return change, t("report.ci.range", lang, low=low, high=high)


def _header(columns: tuple[tuple[str, bool], ...], lang: str) -> list[Cell]:
    return [(t(f"report.col.{name}", lang), num) for name, num in columns]


def _mark(min_cell: int | None, lang: str) -> str:
    return t("report.suppressed.mark", lang,
             min_cell=DEFAULT_MIN_CELL if min_cell is None else min_cell)  # fmt: skip


def _join(parts: list[Markup]) -> str:
    return str(Markup("\n").join(parts))


def _hidden_rows(effects: pd.DataFrame, min_cell: int | None) -> np.ndarray:
    """Rows flagged ``suppressed``, or (with ``min_cell``) with a count under it."""
    hidden = (
        np.array(effects["suppressed"].fillna(False), dtype=bool)
        if "suppressed" in effects.columns
        else np.zeros(len(effects), dtype=bool)
    )
    if min_cell is not None:
        for col in ("n_before", "n_after"):
            if col in effects.columns:
                counts = pd.to_numeric(effects[col], errors="coerce").astype("Float64")
                counts = counts.to_numpy(dtype=float, na_value=np.nan)
                hidden = hidden | is_small(counts, min_cell)
    return hidden


def indicator_table_html(
    effects: pd.DataFrame,
    catalogue: pd.DataFrame,
    *,
    lang: str = "fr",
    months: int | None = None,
    start: object = None,
    min_cell: int | None = None,
) -> str:
    """Render a team's :func:`impact.indicators.periods.compare_periods` rows as an HTML table.

    Parameters
    ----------
    effects : pandas.DataFrame
        One team's rows of ``compare_periods``.
    catalogue : pandas.DataFrame
        The indicator catalogue (labels and units in both languages).
    lang : {"fr", "en"}
        Language of headers, labels and number format.
    months, start : optional
        Period length and start month, for the note that explains the comparison.
    min_cell : int, optional
        Minimum cell size: a row whose counts behind it (``n_before``, ``n_after``:
        patients, stays or events) are under it, or flagged ``suppressed`` (e.g. by
        :func:`impact.report.privacy.suppress_results`), shows the small-cell mark instead of
        its values and change. Without it only rows flagged ``suppressed`` are hidden.

    Returns
    -------
    str
        An HTML fragment (notes, ``<style>`` block, ``<table>``), every text escaped.
    """
    check_lang(lang)
    hidden = _hidden_rows(effects, min_cell)
    notes = []
    if months is not None and start is not None:
        notes.append(
            t("report.indicators.note", lang, months=months, start=format_month(start, lang=lang))
        )
    if effects.empty:
        notes.append(t("report.indicators.empty", lang))
        return _join([paragraph_html(note) for note in notes])
    mark = _mark(min_cell, lang)
    labels = catalogue.set_index("code")
    mde = int("mde_up" in effects.columns)  # the MDE beside inconclusive verdicts
    rows = []
    for row, small in zip(effects.itertuples(index=False), hidden, strict=True):
        known = row.indicator in labels.index
        label = labels.loc[row.indicator, f"label_{lang}"] if known else row.indicator
        unit = labels.loc[row.indicator, f"unit_{lang}"] if known else ""
        cells: list[Cell] = [(str(label), False), ("" if pd.isna(unit) else str(unit), False)]
        if small:
            rows.append(cells + [(mark, True)] * 5 + [(MISSING, False)] + [(MISSING, True)] * mde)
            continue
        digits = _digits(row.kind)
        change, ci = _change_text(row, lang)
        rows.append(cells + [
            (format_number(row.value_before, lang=lang, digits=digits), True),
            (format_number(row.value_after, lang=lang, digits=digits), True),
            (change, True),
            (ci, True),
            (format_number(row.q_value, lang=lang, digits=3), True),
            (verdict_html(row.verdict, lang), False),
        ] + [(mde_text(row, lang, digits=digits), True)] * mde)  # fmt: skip
    if hidden.any():
        notes.append(t("report.indicators.suppressed", lang,
                       min_cell=DEFAULT_MIN_CELL if min_cell is None else min_cell))  # fmt: skip
    header = _header(_INDICATOR_COLUMNS, lang) + [(mde_label(lang), True)] * mde
    if mde:
        notes.append(t("report.mde.note", lang))
    table = section_table_html(header, rows)
    return _join([paragraph_html(note) for note in notes] + [table])


def _placebo_text(placebo: pd.DataFrame, code: str, lang: str) -> str:
    """The placebo check of one indicator and design: "effect larger than 5 of 6 placebo
    dates" or "... not larger than most placebos" (— without a placebo estimate)."""
    if code not in placebo.index or pd.isna(placebo.loc[code, "larger_than_most"]):
        return MISSING
    row = placebo.loc[code]
    key = "report.placebo.larger" if row["larger_than_most"] else "report.placebo.not-larger"
    return t(key, lang, n=int(row["n_smaller"]), total=int(row["n_placebos"]))


def trend_table_html(
    its_effects: pd.DataFrame,
    did_effects: pd.DataFrame,
    catalogue: pd.DataFrame,
    *,
    lang: str = "fr",
    hidden: object = (),
    min_cell: int | None = None,
    placebo: pd.DataFrame | None = None,
) -> str:
    """One team's interrupted-time-series level changes beside its DiD against controls.

    Parameters
    ----------
    its_effects : pandas.DataFrame
        The team's rows of :func:`impact.indicators.trends.its_by_team` (``effects``).
    did_effects : pandas.DataFrame
        The team's rows of :func:`impact.indicators.did.team_did` (may be empty).
    catalogue : pandas.DataFrame
        The indicator catalogue.
    lang : {"fr", "en"}
    hidden : iterable of str, optional
        Indicators whose before/after counts are under the minimum cell size (rows
        suppressed in :func:`indicator_table_html`): their time-series and
        difference-in-differences results, computed from the same small groups of stays
        or patients, show the small-cell mark too.
    min_cell : int, optional
        Minimum cell size, for the mark.
    placebo : pandas.DataFrame, optional
        The team's rows of :func:`impact.indicators.placebo.placebo_by_team`: each
        design's change is followed by its placebo check (not shown when None or empty).

    Returns
    -------
    str
        An HTML fragment: notes, the style block and the table (every text escaped).
    """
    check_lang(lang)
    hidden_codes = {str(c) for c in hidden}
    mark = _mark(min_cell, lang)
    level = its_effects[its_effects["measure"] == "level change"].set_index("indicator")
    did = did_effects.set_index("indicator") if len(did_effects) else pd.DataFrame()
    codes = [c for c in catalogue["code"] if c in level.index or c in did.index]
    note = paragraph_html(t("report.trends.note", lang))
    if not codes:
        return _join([note, paragraph_html(t("report.indicators.empty", lang))])
    labels = catalogue.set_index("code")[f"label_{lang}"]
    checks = placebo is not None and len(placebo) > 0
    designs = {d: placebo[placebo["design"] == d].set_index("indicator")
               for d in ("its", "did")} if checks else {}  # fmt: skip
    rows = []
    for code in codes:
        cells: list[Cell] = [(str(labels.get(code, code)), False)]
        for design, table in (("its", level), ("did", did)):
            if code in hidden_codes:
                cells += [(mark, True), (mark, True), (MISSING, False)]
            elif code in table.index:
                row = table.loc[code]
                change, ci = _change_text(row, lang)
                cells += [(change, True), (ci, True), (verdict_html(row["verdict"], lang), False)]
            else:
                cells += [(MISSING, True), (MISSING, True), (MISSING, False)]
            if checks:
                shown = code not in hidden_codes and code in table.index
                cells.append((_placebo_text(designs[design], code, lang) if shown else MISSING,
                              False))  # fmt: skip
        rows.append(cells)
    columns, notes = _TREND_COLUMNS, [note]
    if checks:
        columns = (*_TREND_COLUMNS[:4], ("placebo", False), *_TREND_COLUMNS[4:],
                   ("placebo", False))  # fmt: skip
        notes.append(paragraph_html(t("report.trends.placebo-note", lang)))
    return _join([*notes, section_table_html(_header(columns, lang), rows)])
