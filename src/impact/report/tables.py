"""HTML building blocks shared by the reports: tables of the survey sections (barometer,
patient experience), headings with stable anchors and the table of contents.

Each table function takes the display-ready, already suppressed tables of the library and
returns HTML fragments; a suppressed cell shows the small-cell mark, never a number.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from impact.report.formatting import MISSING, TABLE_STYLE, format_number  # noqa: PLC2701
from impact.report.labels import t
from impact.report.templating import Markup, render

__all__ = [
    "anchor_html",
    "contents_html",
    "heading_html",
    "html_table",
    "small_cell_mark",
    "value_with_ci",
]


def anchor_html(anchor: str) -> str:
    """An empty element with ``id=anchor``: a link target above text that has no id of its
    own (e.g. a heading written in Markdown)."""
    return str(render("anchor.html.j2", anchor=anchor))


def heading_html(level: int, text: str, *, anchor: str | None = None) -> str:
    """A heading ``<hN>`` (text escaped), with ``id=anchor`` when given.

    Examples
    --------
    >>> heading_html(2, "En bref", anchor="team-summary")
    '<h2 id="team-summary">En bref</h2>'
    """
    if level not in range(1, 7):
        raise ValueError(f"level must be 1 to 6. Got {level!r}.")
    return str(render("heading.html.j2", level=level, text=text, anchor=anchor))


def contents_html(entries: list[tuple[str, str]], *, title: str) -> str:
    """A table of contents: a ``<nav>`` with one link per ``(anchor, label)`` entry.

    Examples
    --------
    >>> contents_html([("team-summary", "En bref")], title="Sommaire")[-55:]
    '<li><a href="#team-summary">En bref</a></li></ol></nav>'
    """
    return str(render("contents.html.j2", entries=entries, title=title))


def small_cell_mark(min_cell: int, lang: str) -> str:
    """The visible mark of a suppressed cell, e.g. ``< 10``."""
    return t("report.suppressed.mark", lang, min_cell=min_cell)


def html_table(
    header: list[tuple[str, bool]], rows: list[list[tuple[str, bool]]], *, note: str = ""
) -> str:
    """A styled table; each cell is ``(already-escaped HTML, is_numeric)``."""

    def safe(cells: list[tuple[str, bool]]) -> list[tuple[Markup, bool]]:
        return [(Markup(text), num) for text, num in cells]

    return str(
        render(
            "table.html.j2",
            header=safe(header),
            rows=[safe(row) for row in rows],
            note=Markup(note),
            style=Markup(TABLE_STYLE),
        )
    )


def value_with_ci(
    row: pd.Series, *, lang: str, digits: int = 2, sign: bool = True, mark: str | None = None
) -> tuple[str, str]:
    """``(estimate, "low à high")`` as shown (plain text); the mark if the row is suppressed."""
    if mark is not None and bool(row.get("suppressed", False)):
        return mark, mark
    estimate = row.get("estimate", np.nan)
    if pd.isna(estimate):
        return MISSING, MISSING
    value = format_number(estimate, lang=lang, digits=digits, sign=sign)
    low, high = row.get("ci_low", np.nan), row.get("ci_high", np.nan)
    if pd.isna(low) or pd.isna(high):
        return value, MISSING
    ci = t(
        "report.ci.range",
        lang,
        low=format_number(low, lang=lang, digits=digits, sign=sign),
        high=format_number(high, lang=lang, digits=digits, sign=sign),
    )
    return value, ci
