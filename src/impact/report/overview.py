"""The picture that opens a report: every headline result as a coloured
estimate-and-interval mark against "no change", with its verdict in words beside it.

One row per headline (:mod:`impact.report.headlines` chooses them, so the picture, the
sentences under it, the index and the programme report cannot disagree): each indicator
(before/after checked against the time series), the barometer's global score per role
group, the case-mix adjusted patient-experience score and each PROM's mean change.

The marks are plain HTML and inline SVG (no script, nothing fetched, sharp when printed,
never spilling over their neighbours: each mark sits in its own table cell and long
labels wrap in theirs). Every row has its own scale, symmetric about "no change" (a ratio
on a log scale, so ×0.5 and ×2 sit at the same distance), because the families are
measured in different units; the picture shows where the interval lies against no change,
the numbers beside it say how much. Rows hidden for small numbers or without an estimate
are not drawn: the sentences under the picture say which and why.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from impact.languages import check_lang
from impact.report.formatting import format_number
from impact.report.labels import t
from impact.report.templating import Markup, render

__all__ = ["COLOURS", "MARK_WIDTH", "OVERVIEW_COLUMNS", "overview_html", "overview_row",
           "sentences_html"]  # fmt: skip

#: Colour of a mark by verdict (colour-blind safe green/red pair of ColorBrewer PRGn/RdBu,
#: grey for no conclusion); the verdict is also written in words beside each mark.
COLOURS = {"improved": "#1b7837", "worsened": "#b2182b", "inconclusive": "#6e6e6e"}
#: Width of a mark's drawing, in CSS pixels; "no change" is at its centre.
MARK_WIDTH = 160
#: Columns of the rows :func:`overview_html` draws.
OVERVIEW_COLUMNS = ["family", "what", "estimate", "ci_low", "ci_high", "log", "value",
                    "status"]  # fmt: skip
_HEIGHT = 16
_PAD = 6


@dataclass(frozen=True)
class _Mark:
    x: float
    low: float | None
    high: float | None


def overview_row(
    family: str,
    what: str,
    estimate: float,
    ci_low: float,
    ci_high: float,
    status: str,
    *,
    lang: str,
    log: bool = False,
    digits: int = 1,
    unit: str = "",
) -> dict[str, object]:
    """One row of the picture, its value written as shown beside the mark.

    Parameters
    ----------
    family : str
        Heading the row is grouped under (e.g. "Indicateurs").
    what : str
        What the row estimates (an indicator's label, a role group…).
    estimate, ci_low, ci_high : float
        Estimate and its 95 % interval (a ratio when ``log``).
    status : {"improved", "worsened", "inconclusive"}
        The verdict the report states for the row.
    lang : {"fr", "en"}
    log : bool, default False
        A ratio: "no change" is 1 and the mark is drawn on a log scale.
    digits : int, default 1
    unit : str
        Appended to the value (e.g. "points sur 4").
    """
    check_lang(lang)
    if log:
        value = t("report.ratio", lang, value=format_number(estimate, lang=lang, digits=2))
        low = format_number(ci_low, lang=lang, digits=2)
        high = format_number(ci_high, lang=lang, digits=2)
    else:
        value = format_number(estimate, lang=lang, digits=digits, sign=True)
        low = format_number(ci_low, lang=lang, digits=digits, sign=True)
        high = format_number(ci_high, lang=lang, digits=digits, sign=True)
    text = f"{value}\u00a0{unit}" if unit else value  # a number and its unit stay together
    if not (pd.isna(ci_low) or pd.isna(ci_high)):
        text += f" ({t('report.ci.range', lang, low=low, high=high)})"
    return {"family": family, "what": what, "estimate": estimate, "ci_low": ci_low,
            "ci_high": ci_high, "log": log, "value": text, "status": status}  # fmt: skip


def _position(row: pd.Series) -> _Mark:
    """Where the estimate and interval sit in the row's drawing: "no change" at the
    centre, the farthest of estimate and bounds at the edge less a margin."""

    def scaled(v: float) -> float:
        return math.log(v) if row["log"] else v

    values = [row["estimate"], row["ci_low"], row["ci_high"]]
    if row["log"] and any(pd.notna(v) and v <= 0 for v in values):
        values = [math.nan if pd.isna(v) or v <= 0 else v for v in values]
    est, low, high = (math.nan if pd.isna(v) else scaled(float(v)) for v in values)
    reach = max((abs(v) for v in (est, low, high) if not math.isnan(v)), default=0.0)
    half = MARK_WIDTH / 2 - _PAD
    scale = half / reach if reach > 0 else 0.0

    def x(v: float) -> float:
        return round(MARK_WIDTH / 2 + v * scale, 1)

    if math.isnan(low) or math.isnan(high):
        return _Mark(x(0.0 if math.isnan(est) else est), None, None)
    return _Mark(x(est), x(low), x(high))


def overview_html(rows: pd.DataFrame, *, lang: str, caption: str | None = None) -> str:
    """Draw the picture: one row per headline, grouped by family in the order given.

    Parameters
    ----------
    rows : pandas.DataFrame
        :data:`OVERVIEW_COLUMNS` (see :func:`overview_row`).
    lang : {"fr", "en"}
    caption : str, optional
        Title above the picture; default "Chaque résultat face à « pas de changement »".

    Returns
    -------
    str
        An HTML fragment (a table with an inline SVG mark per row), every text escaped;
        ``""`` without rows.

    Examples
    --------
    >>> import pandas as pd
    >>> row = overview_row("Indicators", "Length of stay", -0.7, -1.0, -0.4, "improved",
    ...                    lang="en", unit="days")
    >>> html = overview_html(pd.DataFrame([row]), lang="en")
    >>> "Length of stay" in html and "improved" in html and "<svg" in html
    True
    """
    check_lang(lang)
    if rows is None or rows.empty:
        return ""
    groups: list[dict[str, object]] = []
    for family, part in rows.groupby("family", sort=False):
        marks = []
        for _, row in part.iterrows():
            mark = _position(row)
            status = row["status"] if row["status"] in COLOURS else "inconclusive"
            marks.append({
                "what": row["what"], "value": row["value"], "colour": COLOURS[status],
                "verdict": t(f"verdict.{status}", lang), "status": status,
                "x": mark.x, "low": mark.low, "high": mark.high,
            })  # fmt: skip
        groups.append({"title": family, "rows": marks})
    return str(
        render(
            "overview.html.j2",
            groups=groups,
            caption=caption or t("report.overview.caption", lang),
            note=t("report.overview.note", lang),
            head={
                name: t(f"report.overview.col.{name}", lang)
                for name in ("what", "mark", "value", "verdict")
            },  # fmt: skip
            width=MARK_WIDTH,
            height=_HEIGHT,
            middle=MARK_WIDTH / 2,
        )
    )


def sentences_html(improved: list[str], worsened: list[str], unclear: list[tuple[str, str]],
                   *, lang: str, more: Markup | None = None) -> str:  # fmt: skip
    """The three sentences a board needs: what improved, what worsened, what cannot be
    concluded and why.

    Parameters
    ----------
    improved, worsened : list of str
        What improved, what worsened (labels, in display order).
    unclear : list of (str, str)
        What cannot be concluded, each with why (rows with the same reason are joined).
    lang : {"fr", "en"}
    more : Markup, optional
        A link to the details, appended to the third sentence.
    """
    check_lang(lang)
    none = t("report.overview.none", lang)
    reasons: dict[str, list[str]] = {}
    for what, why in unclear:
        reasons.setdefault(why, []).append(what)
    sep = " ; " if lang == "fr" else "; "
    why = sep.join(f"{', '.join(whats)} ({reason})" if whats[0] else reason
                   for reason, whats in reasons.items())  # fmt: skip
    return str(
        render(
            "overview_sentences.html.j2",
            lines=[
                (t("report.overview.improved", lang), ", ".join(improved) or none),
                (t("report.overview.worsened", lang), ", ".join(worsened) or none),
                (t("report.overview.open", lang), why or none),
            ],
            more=more,
        )
    )
