"""The roadmap sections: each action of the 3-year roadmap with its indicator, target,
latest measure, attainment status (colour and words), the reason in words and its place on
a timeline (start → deadline, the reference date marked), for a team or for the
programme's establishments.

The statuses come from :mod:`impact.steering.roadmap` (the rule is in its docstring and in
:func:`rule_html`); the values pass the one privacy pass
(:func:`impact.report.privacy.publishable`, table ``"roadmap_status"``: a line whose latest
measure counts fewer than ``min_cell`` people shows neither the measure nor the status
drawn from it). The timeline is inline SVG in its table cell (no script, prints sharply).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from impact.data.loading import absent_tables
from impact.data.programme import Programme
from impact.report.formatting import (
    MISSING,
    format_date,
    format_month,
    format_number,
    format_percent,
)
from impact.report.labels import t
from impact.report.privacy import publishable
from impact.report.tables import small_cell_mark
from impact.report.team_html import paragraph_html, section_table_html
from impact.report.templating import Markup, render
from impact.steering.codes import STATUSES
from impact.steering.roadmap import roadmap_tables

__all__ = ["STATUS_COLOURS", "roadmap_section", "roadmap_status_table", "rule_html"]

#: Colour of each status (the status is also written in words beside it).
STATUS_COLOURS = {
    "achieved": "#1b7837",
    "on_track": "#4d9221",
    "late": "#b2182b",
    "not_measured": "#6e6e6e",
    "no_target": "#6e6e6e",
    "no_indicator": "#6e6e6e",
    "suppressed": "#6e6e6e",
}
_BAR_WIDTH = 110
_BAR_HEIGHT = 14


def roadmap_status_table(programme: Programme) -> pd.DataFrame:
    """The status of every roadmap line (:func:`impact.steering.roadmap.roadmap_status`,
    whose ``n`` the privacy pass reads) with its ``start_date``, every value computed
    (none hidden)."""
    status = roadmap_tables(programme)["status"]
    if status.empty:
        return status
    starts = programme.roadmap.set_index("line")["start_date"]
    return status.assign(start_date=pd.to_datetime(status["line"].map(starts)))


def _indicator_label(code: object, programme: Programme, lang: str) -> str:
    """The indicator of a line in words: the catalogue's label, the questionnaire and its
    dimension, or the activity measure."""
    if not isinstance(code, str) or not code:
        return MISSING
    catalogue = programme.indicators.set_index("code")
    if code in catalogue.index:
        return str(catalogue.loc[code, f"label_{lang}"])
    family, _, part = code.partition(".")
    if family == "activite":
        return t(f"report.roadmap.activity.{part}", lang)
    if family == "barometre":
        items = programme.barometer_items
        name = t("report.barometer.title", lang)
    else:
        items = programme.questionnaire_items
        items = items.loc[items["questionnaire"] == family] if len(items) else items
        name = str(items[f"questionnaire_{lang}"].iloc[0]) if len(items) else family
    if part == "global":
        return t("report.roadmap.score-global", lang, name=name)
    dims = items.drop_duplicates("dimension").set_index("dimension") if len(items) else None
    label = dims.loc[part, f"dimension_{lang}"] if dims is not None and part in dims.index else part
    return f"{name} : {label}" if lang == "fr" else f"{name}: {label}"


def _text(value: object) -> str:
    return "" if pd.isna(value) else str(value)


def _value(value: float, lang: str) -> str:
    return MISSING if pd.isna(value) else format_number(value, lang=lang, digits=1)


def _reason(row: pd.Series, lang: str, min_cell: int) -> str:
    """Why the line has its status, in words."""
    if row["suppressed"]:
        return t("report.roadmap.reason.suppressed", lang, min_cell=min_cell)
    status, rule = row["status"], row["rule"]
    if status in ("no_indicator", "not_measured", "no_target"):
        return t(f"report.roadmap.reason.{status}", lang)
    fields = {
        "period": _period(row["latest_period"], lang),
        "target": _value(row["target"], lang),
        "final": _value(row["final_target"], lang),
        "deadline": format_date(row["deadline"], lang=lang),
        "projection": _value(row["projection"], lang),
        "low": _value(row["projection_low"], lang),
        "high": _value(row["projection_high"], lang),
        "probability": _probability(row["probability"], lang),
    }
    key = f"report.roadmap.rule.{rule}"
    if rule == "latest_vs_target":
        key += ".met" if status == "on_track" else ".not-met"
    return t(key, lang, **fields)


def _probability(value: float, lang: str) -> str:
    """A probability in percent; under 1 % and over 99 % said so (never « 0 % »)."""
    if pd.isna(value):
        return MISSING
    if value < 0.01:
        return t("report.roadmap.probability.low", lang)
    if value > 0.99:
        return t("report.roadmap.probability.high", lang)
    return format_percent(100 * value, lang=lang, digits=0)


def _period(period: object, lang: str) -> str:
    """``year2`` → « année 2 », ``baseline`` → « départ », a wave as it is."""
    text = str(period)
    if text.startswith("year"):
        return t("report.roadmap.year", lang, k=text[4:])
    if text == "baseline":
        return t("report.roadmap.baseline", lang)
    return text


def _timeline(row: pd.Series, span: tuple[float, float], as_of: float) -> Markup:
    """The line's bar (start → deadline) on the section's shared time scale, SVG."""
    low, high = span
    scale = (_BAR_WIDTH - 4) / max(high - low, 1.0)

    def x(value: float) -> float:
        return 2 + (value - low) * scale

    start, end = row["start_date"].timestamp(), row["deadline"].timestamp()
    return render("roadmap_timeline.svg.j2", width=_BAR_WIDTH, height=_BAR_HEIGHT,
                      x0=round(x(start), 1), x1=round(max(x(end), x(start) + 2), 1),
                      now=round(x(as_of), 1),
                  colour=STATUS_COLOURS[row["shown_status"]])  # fmt: skip


def rule_html(lang: str) -> str:
    """The attainment rule, as the report's methods state it (one paragraph)."""
    return str(paragraph_html(t("report.roadmap.rule", lang)))


def roadmap_section(
    programme: Programme,
    *,
    team_id: str | None = None,
    lang: str = "fr",
    min_cell: int = 10,
    status: pd.DataFrame | None = None,
) -> list[str]:
    """HTML fragments of a roadmap section (heading excluded): a sentence counting the
    statuses, then one row per action (axis › objective › action, owner, indicator, final
    target and deadline, latest measure, status, why, timeline), then the rule.

    ``team_id``: a team's lines; None: the establishments' lines (the programme report).
    ``status``: :func:`roadmap_status_table` of the programme, if already computed.
    """
    if "roadmap" in absent_tables(programme):
        return [str(paragraph_html(t("report.roadmap.absent", lang)))]
    status = roadmap_status_table(programme) if status is None else status
    if len(status):
        mine = status["team_id"] == team_id if team_id is not None else status["team_id"].isna() | (
            status["team_id"].astype(str) == "")  # fmt: skip
        status = status.loc[mine.to_numpy(dtype=bool)]
    if not len(status):
        key = "none" if team_id is not None else "none-programme"
        return [str(paragraph_html(t(f"report.roadmap.{key}", lang)))]
    shown = publishable({"roadmap_status": status}, min_cell)["roadmap_status"]
    shown = shown.assign(
        shown_status=np.where(shown["suppressed"].astype(bool), "suppressed", shown["status"])
    )
    counts = shown["shown_status"].value_counts()
    detail = ", ".join(
        f"{t(f'report.roadmap.status.{s}', lang)} {int(counts[s])}"
        for s in (*STATUSES, "suppressed")
        if s in counts.index
    )
    parts = [str(paragraph_html(t("report.roadmap.lead", lang, n=len(shown), detail=detail)))]
    as_of = pd.to_datetime(shown["as_of"]).max()
    starts = pd.to_datetime(shown["start_date"])
    deadlines = pd.to_datetime(shown["deadline"])
    span = (min(starts.min(), as_of).timestamp(), max(deadlines.max(), as_of).timestamp())
    mark = small_cell_mark(min_cell, lang)
    columns = ("action", "indicator", "latest", "status", "timeline")
    years = {
        "first": pd.Timestamp(span[0], unit="s").year,
        "last": pd.Timestamp(span[1], unit="s").year,
    }
    header = [(t(f"report.roadmap.col.{c}", lang, **years), c == "latest") for c in columns]
    rows = []
    for _, row in shown.sort_values(["axis", "objective", "line"], kind="stable").iterrows():
        value = mark if row["suppressed"] else _value(row["estimate"], lang)
        interval, period = "", ""
        if not row["suppressed"] and pd.notna(row["estimate"]):
            period = _period(row["latest_period"], lang)
            if pd.notna(row["ci_low"]):
                interval = t("report.roadmap.interval", lang, low=_value(row["ci_low"], lang),
                             high=_value(row["ci_high"], lang))  # fmt: skip
        action = render("roadmap_action.html.j2", axis=row["axis"], objective=row["objective"],
                        action=row["action"], owner=_text(row["owner_role"]),
                        governance=_text(row["governance"]))  # fmt: skip
        target = "" if pd.isna(row["final_target"]) else t(
            "report.roadmap.target", lang, value=_value(row["final_target"], lang),
            deadline=format_month(row["deadline"], lang=lang))  # fmt: skip
        shown_status = row["shown_status"]
        rows.append([
            (action, False),
            (render("roadmap_indicator.html.j2", target=target,
                    label=_indicator_label(row["indicator"], programme, lang)), False),
            (render("roadmap_latest.html.j2", value=value, interval=interval, period=period), True),
            (render("roadmap_status.html.j2", colour=STATUS_COLOURS[shown_status],
                    text=t(f"report.roadmap.status.{shown_status}", lang),
                    why=_reason(row, lang, min_cell)), False),
            (_timeline(row, span, as_of.timestamp()), False),
        ])  # fmt: skip
    note = t("report.roadmap.note", lang, as_of=format_month(as_of, lang=lang))
    parts.append(str(render("roadmap_table.html.j2", table=section_table_html(header, rows))))
    parts.append(str(paragraph_html(note)))
    return parts
