"""Numbers, dates and tables formatted for reports, in French or English.

French uses a decimal comma, a narrow no-break space between thousands and dd/mm/yyyy
dates; English a decimal point, a comma between thousands and ISO dates. Missing values
show as an en dash.
"""

from __future__ import annotations

import html
import math

import pandas as pd

from impact.i18n import LANGUAGES, t

__all__ = ["format_date", "format_month", "format_number", "period_summary_html"]

MISSING = "–"
_NNBSP = "\u202f"  # narrow no-break space, the French thousands separator
_MINUS = "\u2212"
_NUM = ' class="num"'


def _check_lang(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {LANGUAGES}. Got {lang!r}.")


def format_number(value: object, *, lang: str = "fr", digits: int = 1, sign: bool = False) -> str:
    """Format a number for a report.

    Parameters
    ----------
    value : number or None
        The number; ``None``/NaN give an en dash.
    lang : {"fr", "en"}
        French: decimal comma and narrow no-break space between thousands.
    digits : int, default 1
        Decimals shown.
    sign : bool, default False
        Show ``+`` before positive numbers (for changes); negatives always get a true
        minus sign (−).

    Examples
    --------
    >>> format_number(12345.678, lang="fr")
    '12\\u202f345,7'
    >>> format_number(-0.25, lang="en", digits=2, sign=True)
    '−0.25'
    """
    _check_lang(lang)
    if value is None or value is pd.NA:
        return MISSING
    number = float(value)
    if math.isnan(number):
        return MISSING
    if math.isinf(number):
        return "∞" if number > 0 else f"{_MINUS}∞"
    rounded = round(number, digits)
    text = f"{abs(rounded):,.{digits}f}"
    if lang == "fr":
        text = text.replace(",", _NNBSP).replace(".", ",")
    if rounded < 0:
        return f"{_MINUS}{text}"
    if sign and rounded > 0:
        return f"+{text}"
    return text


def format_date(value: object, *, lang: str = "fr") -> str:
    """Format a date: ``15/03/2024`` in French, ``2024-03-15`` in English (– if missing)."""
    _check_lang(lang)
    if value is None or pd.isna(value):
        return MISSING
    stamp = pd.Timestamp(value)
    return stamp.strftime("%d/%m/%Y" if lang == "fr" else "%Y-%m-%d")


def format_month(value: object, *, lang: str = "fr") -> str:
    """Format a month: ``03/2024`` in French, ``2024-03`` in English (– if missing)."""
    _check_lang(lang)
    if value is None or pd.isna(value):
        return MISSING
    return pd.Timestamp(value).strftime("%m/%Y" if lang == "fr" else "%Y-%m")


def _digits(kind: str) -> int:
    return 2 if kind == "rate" else 1


TABLE_STYLE = """<style>
table.impact-table { border-collapse: collapse; margin: 0.5em 0; font-size: 0.95em; }
table.impact-table th, table.impact-table td {
  padding: 0.3em 0.6em; border-bottom: 1px solid #ddd; vertical-align: top; }
table.impact-table th { text-align: left; border-bottom: 2px solid #888; }
table.impact-table td.num, table.impact-table th.num {
  text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
</style>"""


def period_summary_html(summary: pd.DataFrame, *, lang: str = "fr") -> str:
    """Render :func:`impact.indicators.period_summary` as a self-contained HTML table.

    Parameters
    ----------
    summary : pandas.DataFrame
        The period summary (columns ``label``, ``unit``, ``kind``, ``better``,
        ``n_before``, ``before``, ``n_after``, ``after``, ``change``).
    lang : {"fr", "en"}
        Language of headers and number format.

    Returns
    -------
    str
        An HTML fragment: a note saying how the periods are defined (when
        ``summary.attrs`` holds ``start_month`` and ``months``), a ``<style>`` block and
        the ``<table>``, or a sentence if the summary is empty. Every text is escaped.
    """
    _check_lang(lang)
    note = ""
    if "start_month" in summary.attrs and "months" in summary.attrs:
        text = t(
            "report.indicators.note",
            lang,
            months=summary.attrs["months"],
            start=format_month(summary.attrs["start_month"], lang=lang),
        )
        note = f"<p>{html.escape(text)}</p>\n"
    if summary.empty:
        return f"{note}<p>{html.escape(t('report.indicators.empty', lang))}</p>"
    columns = [
        ("label", False),
        ("unit", False),
        ("kind", False),
        ("better", False),
        ("n_before", True),
        ("before", True),
        ("n_after", True),
        ("after", True),
        ("change", True),
    ]
    head = "".join(
        f"<th{_NUM if num else ''}>{html.escape(t(f'report.col.{col}', lang))}</th>"
        for col, num in columns
    )
    body = []
    for row in summary.itertuples(index=False):
        digits = _digits(row.kind)
        cells = [
            (False, html.escape(str(row.label))),
            (False, html.escape("" if pd.isna(row.unit) else str(row.unit))),
            (False, html.escape(t(f"report.kind.{row.kind}", lang))),
            (False, html.escape(t(f"report.better.{row.better}", lang))),
            (True, format_number(row.n_before, lang=lang, digits=0)),
            (True, format_number(row.before, lang=lang, digits=digits)),
            (True, format_number(row.n_after, lang=lang, digits=0)),
            (True, format_number(row.after, lang=lang, digits=digits)),
            (True, format_number(row.change, lang=lang, digits=digits, sign=True)),
        ]
        body.append(
            "<tr>"
            + "".join(f"<td{_NUM if num else ''}>{text}</td>" for num, text in cells)
            + "</tr>"
        )
    return (
        f'{note}{TABLE_STYLE}\n<table class="impact-table">\n<thead><tr>{head}</tr></thead>\n'
        f"<tbody>\n{chr(10).join(body)}\n</tbody>\n</table>"
    )
