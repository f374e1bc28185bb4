"""HTML tables of a team report's survey sections (barometer, patient experience).

Each function takes the display-ready, already suppressed tables of the library and
returns HTML fragments; a suppressed cell shows the small-cell mark, never a number.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd

from impact.formatting import _NUM, MISSING, TABLE_STYLE, format_number  # noqa: PLC2701
from impact.i18n import t

__all__ = ["html_table", "small_cell_mark", "value_with_ci"]


def small_cell_mark(min_cell: int, lang: str) -> str:
    """The visible mark of a suppressed cell, e.g. ``< 10``."""
    return t("report.suppressed.mark", lang, min_cell=min_cell)


def html_table(header: list[tuple[str, bool]], rows: list[list[tuple[str, bool]]],
               *, note: str = "") -> str:
    """A styled table; each cell is ``(already-escaped HTML, is_numeric)``."""
    head = "".join(f"<th{_NUM if num else ''}>{text}</th>" for text, num in header)
    body = "\n".join("<tr>" + "".join(f"<td{_NUM if num else ''}>{text}</td>"
                                      for text, num in row) + "</tr>" for row in rows)
    lead = f"<p>{note}</p>\n" if note else ""
    return (f'{lead}{TABLE_STYLE}\n<table class="impact-table">\n<thead><tr>{head}</tr></thead>'
            f"\n<tbody>\n{body}\n</tbody>\n</table>")


def value_with_ci(row: pd.Series, *, lang: str, digits: int = 2, sign: bool = True,
                  mark: str | None = None) -> tuple[str, str]:
    """``(estimate, "low à high")`` as shown; the mark if the row is suppressed."""
    if mark is not None and bool(row.get("suppressed", False)):
        return html.escape(mark), html.escape(mark)
    estimate = row.get("estimate", np.nan)
    if pd.isna(estimate):
        return MISSING, MISSING
    value = format_number(estimate, lang=lang, digits=digits, sign=sign)
    low, high = row.get("ci_low", np.nan), row.get("ci_high", np.nan)
    if pd.isna(low) or pd.isna(high):
        return value, MISSING
    ci = t("report.ci.range", lang, low=format_number(low, lang=lang, digits=digits, sign=sign),
           high=format_number(high, lang=lang, digits=digits, sign=sign))
    return value, html.escape(ci)
