"""HTML blocks shared by the team report's sections, from the section templates.

Every block is rendered by a template of ``report/templates/sections`` (autoescape on): a
cell, a note or a sentence is plain text, escaped by the template, or :class:`Markup`
built by another template and kept as it is. Nothing here escapes by hand.

Examples
--------
>>> paragraph_html("Avant & après")
Markup('<p>Avant &amp; après</p>')
>>> verdict_html("improved", "en")
Markup('<span class="verdict-improved">improved</span>')
"""

from __future__ import annotations

from collections.abc import Sequence

from impact.report.formatting import TABLE_STYLE
from impact.report.labels import t
from impact.report.templating import Markup, render

__all__ = ["Cell", "paragraph_html", "section_table_html", "verdict_html"]

#: A table cell: its text (plain text, or Markup from a template) and whether it is a number.
Cell = tuple[object, bool]


def paragraph_html(text: object) -> Markup:
    """One paragraph ``<p>`` of plain text."""
    return render("paragraph.html.j2", text=text)


def verdict_html(verdict: str, lang: str) -> Markup:
    """A verdict (``improved``, ``worsened``, ``inconclusive``) in words, with its colour
    class ``verdict-<verdict>``."""
    return render("team_verdict.html.j2", verdict=verdict, text=t(f"verdict.{verdict}", lang))


def section_table_html(
    header: Sequence[Cell], rows: Sequence[Sequence[Cell]], *, note: object = ""
) -> Markup:
    """A styled report table (``table.html.j2``) whose cells are ``(text, is_numeric)``.

    Parameters
    ----------
    header : sequence of (text, bool)
        Column titles and whether the column holds numbers (right-aligned).
    rows : sequence of sequences of (text, bool)
        The cells; plain text is escaped by the template, :class:`Markup` is kept.
    note : str, optional
        A paragraph above the table (plain text).

    Examples
    --------
    >>> header, row = [("Équipe", False), ("n", True)], [("A & B", False), ("12", True)]
    >>> page = section_table_html(header, [row])
    >>> "<td>A &amp; B</td><td class=\\"num\\">12</td>" in page
    True
    """
    return render("table.html.j2", header=header, rows=rows, note=note, style=Markup(TABLE_STYLE))
