"""Numbers, dates and tables formatted for reports, in French or English.

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
import html
import io
import math
import string
from collections.abc import Mapping
from functools import lru_cache

import numpy as np
import pandas as pd
from babel import Locale
from babel.dates import format_date as babel_date
from babel.dates import format_skeleton
from babel.numbers import NumberPattern, parse_pattern

from impact.data.loading import PREM_PUBLICATION_THRESHOLD
from impact.indicators.did import MIN_CONTROLS
from impact.report.labels import LANGUAGES, t
from impact.report.privacy import DEFAULT_MIN_CELL
from impact.stats.its_fit import MIN_POINTS
from impact.stats.reasons import REASONS, reason_codes

__all__ = [
    "format_date",
    "format_month",
    "format_number",
    "format_percent",
    "indicator_table_html",
    "figure_html",
    "reason_text",
    "trend_table_html",
]

MISSING = "–"
_NNBSP = "\u202f"  # narrow no-break space (CLDR's French thousands separator)
_MINUS = "\u2212"
#: The CLDR locale of each report language (numbers: en_GB and en_US write them alike).
LOCALES = {"fr": "fr_FR", "en": "en_GB"}
NUM_CLASS = ' class="num"'


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


def _digits(kind: str) -> int:
    return 2 if kind == "rate" else 1


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
        An HTML fragment (note, ``<style>`` block, ``<table>``), every text escaped.
    """
    _check_lang(lang)
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
                hidden = hidden | ((counts > 0) & (counts < min_cell))
    mark = html.escape(
        t(
            "report.suppressed.mark",
            lang,
            min_cell=DEFAULT_MIN_CELL if min_cell is None else min_cell,
        )
    )
    note = ""
    if months is not None and start is not None:
        text = t(
            "report.indicators.note", lang, months=months, start=format_month(start, lang=lang)
        )
        note = f"<p>{html.escape(text)}</p>\n"
    if effects.empty:
        return f"{note}<p>{html.escape(t('report.indicators.empty', lang))}</p>"
    labels = catalogue.set_index("code")
    columns = [
        ("label", False),
        ("unit", False),
        ("before", True),
        ("after", True),
        ("change", True),
        ("ci", True),
        ("q_value", True),
        ("verdict", False),
    ]
    head = "".join(
        f"<th{NUM_CLASS if num else ''}>{html.escape(t(f'report.col.{col}', lang))}</th>"
        for col, num in columns
    )
    body = []
    for row, small in zip(effects.itertuples(index=False), hidden, strict=True):
        known = row.indicator in labels.index
        label = labels.loc[row.indicator, f"label_{lang}"] if known else row.indicator
        unit = labels.loc[row.indicator, f"unit_{lang}"] if known else ""
        if small:
            cells = [
                (False, html.escape(str(label))),
                (False, html.escape("" if pd.isna(unit) else str(unit))),
                *[(True, mark)] * 5,
                (False, MISSING),
            ]
            body.append(
                "<tr>"
                + "".join(f"<td{NUM_CLASS if num else ''}>{text}</td>" for num, text in cells)
                + "</tr>"
            )
            continue
        digits = _digits(row.kind)
        change, ci = _change_text(row, lang)
        verdict = t(f"verdict.{row.verdict}", lang)
        cells = [
            (False, html.escape(str(label))),
            (False, html.escape("" if pd.isna(unit) else str(unit))),
            (True, format_number(row.value_before, lang=lang, digits=digits)),
            (True, format_number(row.value_after, lang=lang, digits=digits)),
            (True, html.escape(change)),
            (True, html.escape(ci)),
            (True, format_number(row.q_value, lang=lang, digits=3)),
            (False, f'<span class="verdict-{row.verdict}">{html.escape(verdict)}</span>'),
        ]
        body.append(
            "<tr>"
            + "".join(f"<td{NUM_CLASS if num else ''}>{text}</td>" for num, text in cells)
            + "</tr>"
        )
    if hidden.any():
        note += (
            "<p>"
            + html.escape(
                t(
                    "report.indicators.suppressed",
                    lang,
                    min_cell=(DEFAULT_MIN_CELL if min_cell is None else min_cell),
                )
            )
            + "</p>\n"
        )
    return (
        f'{note}{TABLE_STYLE}\n<table class="impact-table">\n<thead><tr>{head}</tr></thead>\n'
        f"<tbody>\n{chr(10).join(body)}\n</tbody>\n</table>"
    )


def trend_table_html(
    its_effects: pd.DataFrame,
    did_effects: pd.DataFrame,
    catalogue: pd.DataFrame,
    *,
    lang: str = "fr",
    hidden: object = (),
    min_cell: int | None = None,
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

    Returns
    -------
    str
        An HTML fragment: a note, the style block and the table (every text escaped).
    """
    _check_lang(lang)
    hidden_codes = {str(c) for c in hidden}
    mark = html.escape(
        t(
            "report.suppressed.mark",
            lang,
            min_cell=DEFAULT_MIN_CELL if min_cell is None else min_cell,
        )
    )
    level = its_effects[its_effects["measure"] == "level change"].set_index("indicator")
    did = did_effects.set_index("indicator") if len(did_effects) else pd.DataFrame()
    codes = [c for c in catalogue["code"] if c in level.index or c in did.index]
    note = f"<p>{html.escape(t('report.trends.note', lang))}</p>\n"
    if not codes:
        return f"{note}<p>{html.escape(t('report.indicators.empty', lang))}</p>"
    labels = catalogue.set_index("code")[f"label_{lang}"]
    head = "".join(
        f"<th{NUM_CLASS if num else ''}>{html.escape(t(key, lang))}</th>"
        for key, num in (
            ("report.col.label", False),
            ("report.col.its", True),
            ("report.col.ci", True),
            ("report.col.verdict", False),
            ("report.col.did", True),
            ("report.col.ci", True),
            ("report.col.verdict", False),
        )
    )
    body = []
    for code in codes:
        cells = [(False, html.escape(str(labels.get(code, code))))]
        for table in (level, did):
            if code in hidden_codes:
                cells += [(True, mark), (True, mark), (False, MISSING)]
            elif code in table.index:
                row = table.loc[code]
                change, ci = _change_text(row, lang)
                verdict = t(f"verdict.{row['verdict']}", lang)
                cells += [
                    (True, html.escape(change)),
                    (True, html.escape(ci)),
                    (
                        False,
                        f'<span class="verdict-{row["verdict"]}">{html.escape(verdict)}</span>',
                    ),
                ]
            else:
                cells += [(True, MISSING), (True, MISSING), (False, MISSING)]
        body.append(
            "<tr>"
            + "".join(f"<td{NUM_CLASS if num else ''}>{text}</td>" for num, text in cells)
            + "</tr>"
        )
    return (
        f'{note}{TABLE_STYLE}\n<table class="impact-table">\n<thead><tr>{head}</tr></thead>\n'
        f"<tbody>\n{chr(10).join(body)}\n</tbody>\n</table>"
    )


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
    return (
        f'<img src="data:image/svg+xml;base64,{data}" alt="{html.escape(alt)}" '
        'style="max-width:100%;height:auto">'
    )
