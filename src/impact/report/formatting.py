"""Numbers, dates, reasons and figures formatted for reports, in French or English.

Number symbols, digit grouping and French dates come from Babel (CLDR data, locale
``fr_FR`` or ``en_GB``): French uses a decimal comma, a narrow no-break space between
thousands and dd/mm/yyyy dates; English a decimal point and a comma between thousands.
Three rules are the package's own, where CLDR's choice is not the one wanted: a true
minus sign (U+2212, CLDR has the hyphen-minus), a narrow no-break space before ``%`` in
French (CLDR has a no-break space U+00A0) and ISO dates in English (no English CLDR
date pattern is ISO 8601). Missing values show as an en dash.
"""

from __future__ import annotations

import base64
import decimal
import io
import math
import string
from collections.abc import Mapping
from functools import lru_cache

import pandas as pd
from babel import Locale
from babel.dates import format_date as babel_date
from babel.dates import format_skeleton
from babel.numbers import NumberPattern, parse_pattern

from impact.data.loading import PREM_PUBLICATION_THRESHOLD
from impact.indicators.did import MIN_CONTROLS
from impact.report.labels import LANGUAGES, t
from impact.report.templating import render
from impact.stats.its_fit import MIN_POINTS
from impact.stats.reasons import REASONS, reason_codes

__all__ = [
    "format_date",
    "format_month",
    "format_number",
    "format_percent",
    "figure_html",
    "reason_text",
]

MISSING = "–"
_NNBSP = "\u202f"  # narrow no-break space (CLDR's French thousands separator)
_MINUS = "\u2212"
#: The CLDR locale of each report language (numbers: en_GB and en_US write them alike).
LOCALES = {"fr": "fr_FR", "en": "en_GB"}


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
    # Rounded by Python (to the nearest of the stored binary value, ties to even), then
    # written by Babel from that exact value, so it has nothing left to round (Babel's
    # own float path rounds the shortest repr: 2.675 would give 2.68, not 2.67); the
    # decimal context holds the 309 digits of the largest floats.
    rounded = round(number, digits)
    with decimal.localcontext(prec=400):
        text = _number_pattern(digits).apply(decimal.Decimal(abs(rounded)), _locale(lang))
    if rounded < 0:
        return f"{_MINUS}{text}"
    if sign and rounded > 0:
        return f"+{text}"
    return text


def format_percent(value: object, *, lang: str = "fr", digits: int = 1) -> str:
    """Format a percentage (already × 100): ``56,3\u202f%`` in French, ``56.3%`` in English.

    French puts a narrow no-break space before the sign; a missing value gives an en
    dash without a sign.

    Examples
    --------
    >>> format_percent(56.25, lang="fr")
    '56,2\u202f%'
    >>> format_percent(56.25, lang="en")
    '56.2%'
    """
    text = format_number(value, lang=lang, digits=digits)
    if text == MISSING:
        return text
    prefix, suffix = _percent_affixes(lang)
    return f"{prefix}{text}{suffix}"


@lru_cache
def _locale(lang: str) -> Locale:
    return Locale.parse(LOCALES[lang])


@lru_cache
def _number_pattern(digits: int) -> NumberPattern:
    """Grouped thousands and exactly ``digits`` decimals (symbols from the locale)."""
    return parse_pattern("#,##0" + ("." + "0" * digits if digits > 0 else ""))


@lru_cache
def _percent_affixes(lang: str) -> tuple[str, str]:
    """What comes before and after a percentage's number: from the locale's CLDR percent
    pattern (``#,##0%`` in English; in French a no-break space U+00A0 before ``%``,
    made narrow, U+202F: see the module note)."""
    pattern = parse_pattern(_locale(lang).percent_formats[None].pattern)
    sign = _locale(lang).number_symbols["latn"]["percentSign"]
    prefix, suffix = (part.replace("%", sign) for part in (pattern.prefix[0], pattern.suffix[0]))
    if lang == "fr":
        prefix, suffix = prefix.replace("\u00a0", _NNBSP), suffix.replace("\u00a0", _NNBSP)
    return prefix, suffix


#: Values that reason labels may need, from the configuration (a row's column wins).
_REASON_DEFAULTS = {
    "threshold": PREM_PUBLICATION_THRESHOLD,
    "min_points": MIN_POINTS,
    "min_controls": MIN_CONTROLS,
}


def reason_text(
    reason: object, *, lang: str = "fr", row: Mapping[str, object] | None = None, **values: object
) -> str:
    """Say in the report's language why an estimate is missing or fragile.

    ``reason`` holds codes of :data:`impact.stats.reasons.REASONS` joined by ";"; each
    becomes the label ``reason.<code>`` of :mod:`impact.report.labels`. A label that
    names a number or a wave takes it from ``values``, else from ``row`` (the effect
    table's row: ``coverage``, ``wave_before``, ``wave_after``, ``wave``), else from the
    configuration (``threshold``: the PREM publication threshold; ``min_points``;
    ``min_controls``).

    Raises
    ------
    ValueError
        For a code outside the catalogue, or a label whose value is not given.

    Examples
    --------
    >>> reason_text("too_few_values", lang="fr")
    "moins de 2 valeurs dans l'une des périodes"
    >>> reason_text("widest_interval;pairs_dropped", lang="en", row={"coverage": 0.875})
    'few pairs: the widest possible interval covers only 87.5%; missing values left out'
    >>> reason_text("", lang="fr")
    ''
    """
    _check_lang(lang)
    codes = reason_codes(reason)
    unknown = [code for code in codes if code not in REASONS]
    if unknown:
        raise ValueError(f"Unknown reason code(s) {unknown} in {reason!r}.")
    given = {**_REASON_DEFAULTS, **({} if row is None else dict(row)), **values}
    texts = []
    for code in codes:
        fields = {name for _, name, _, _ in string.Formatter().parse(t(f"reason.{code}", lang))}
        fields.discard(None)
        missing = [f for f in fields if f not in given or _missing(given[f])]
        if missing:
            raise ValueError(f"reason {code!r} needs {missing}; pass row= or the value.")
        shown = {f: given[f] for f in fields}
        if "coverage" in shown:
            shown["coverage"] = format_number(100 * float(shown["coverage"]), lang=lang)
        texts.append(t(f"reason.{code}", lang, **shown))
    return (" ; " if lang == "fr" else "; ").join(dict.fromkeys(texts))


def _missing(value: object) -> bool:
    """True for None, NaN and pandas' NA."""
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def format_date(value: object, *, lang: str = "fr") -> str:
    """Format a date: ``15/03/2024`` in French, ``2024-03-15`` in English (– if missing).

    French: CLDR's short date of ``fr_FR`` (``dd/MM/y``, by Babel). English: ISO 8601
    (CLDR's ``en_GB`` writes 15/03/2024 and ``en_US`` 3/15/24).

    Examples
    --------
    >>> format_date("2024-03-15", lang="fr"), format_date("2024-03-15", lang="en")
    ('15/03/2024', '2024-03-15')
    """
    _check_lang(lang)
    if value is None or pd.isna(value):
        return MISSING
    stamp = pd.Timestamp(value)
    if lang == "fr":
        return babel_date(stamp, "short", locale=_locale(lang))
    return stamp.strftime("%Y-%m-%d")


def format_month(value: object, *, lang: str = "fr") -> str:
    """Format a month: ``03/2024`` in French, ``2024-03`` in English (– if missing).

    French: CLDR's year–month skeleton ``yMM`` of ``fr_FR`` (``MM/y``, by Babel).
    English: ISO 8601 (CLDR's ``en_GB`` writes 03/2024, ``en_US`` 3/2024).

    Examples
    --------
    >>> format_month("2024-03-15", lang="fr"), format_month("2024-03-15", lang="en")
    ('03/2024', '2024-03')
    """
    _check_lang(lang)
    if value is None or pd.isna(value):
        return MISSING
    stamp = pd.Timestamp(value)
    if lang == "fr":
        return format_skeleton("yMM", stamp, locale=_locale(lang))
    return stamp.strftime("%Y-%m")


#: The style of every report table (``table.html.j2``) and of the verdicts' colours.
TABLE_STYLE = """<style>
table.impact-table { border-collapse: collapse; margin: 0.5em 0; font-size: 0.95em; }
table.impact-table th, table.impact-table td {
  padding: 0.3em 0.6em; border-bottom: 1px solid #ddd; vertical-align: top; }
table.impact-table th, table.impact-table td { text-align: left; }
table.impact-table th { border-bottom: 2px solid #888; }
table.impact-table td.num, table.impact-table th.num {
  text-align: right; font-variant-numeric: tabular-nums; }
table.impact-table td.num { white-space: nowrap; }
.verdict-improved { color: #1b7837; font-weight: 600; }
.verdict-worsened { color: #b2182b; font-weight: 600; }
.verdict-inconclusive { color: #555555; }
</style>"""


#: SVG written by :func:`figure_html`: text kept as text (drawn by the browser with the
#: same font list and a generic sans-serif fallback, so the page needs no font file and
#: the text stays searchable) and a fixed salt for element ids, so that the same figure
#: gives the same bytes in every run.
_SVG_RC = {"svg.fonttype": "none", "svg.hashsalt": "impact"}
#: No creation date or software name in the file: identical figures, identical bytes.
_SVG_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}


def figure_html(figure: object, *, alt: str = "") -> str:
    """Embed a matplotlib figure as an SVG ``<img>`` (base64): self-contained HTML.

    The report does not rely on the notebook's plotting backend: every figure is written
    into the page itself, so it shows offline and in any export. SVG rather than PNG:
    vector figures print sharply for a board pack, and skipping rasterisation and PNG
    compression halves the drawing time of a team report (measured with
    ``benchmarks/bench_reports.py``). As an ``<img>``, each figure is its own document:
    its element ids cannot clash with the page's or another figure's.
    """
    import matplotlib

    buffer = io.BytesIO()
    with matplotlib.rc_context(_SVG_RC):
        figure.savefig(buffer, format="svg", metadata=_SVG_METADATA)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return str(render("team_figure.html.j2", data=data, alt=alt))
