"""The training report's page: its sections as HTML fragments, from
:class:`impact.report.training_report.TrainingTables` (already publishable).

Sections: the title and contents, the sessions, level 1 (reaction: satisfaction by domain,
expectations), level 2 (learning: the quiz before and after, per question, its
reliability), level 3 (behaviour: practice and action plans at a distance), the methods
with their references and what could not be computed. A suppressed cell shows the
small-cell mark, never a number; every text is in :mod:`impact.report.labels`.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from impact.report.figures.training_report import quiz_chart, satisfaction_chart
from impact.report.formatting import (
    MISSING,
    figure_html,
    format_date,
    format_number,
    format_percent,
)
from impact.report.labels import t
from impact.report.privacy import TRAINING_ROLES
from impact.report.programme_effects import heading, p_text, paragraph, table
from impact.report.tables import small_cell_mark
from impact.report.templating import render
from impact.report.training_report import TrainingTables

__all__ = [
    "DIFFICULTY_EASY", "DISCRIMINATION_LOW", "SECTIONS", "about_anchor", "behaviour_html",
    "learning_html", "methods_html", "reaction_html", "sessions_html", "title_html",
]  # fmt: skip

#: The page's sections (anchor ``training-<name>``, title ``training_report.<name>.title``).
SECTIONS = ("sessions", "reaction", "learning", "behaviour", "methods", "about")
#: A question answered right before the training by more than this share is too easy.
DIFFICULTY_EASY = 0.9
#: A question whose point-biserial discrimination is under this value discriminates poorly.
DISCRIMINATION_LOW = 0.2
_DOMAINS = ("objectifs", "programme", "méthodes", "qualité", "global")
_STATES = ("fait", "en cours", "pas commencé")
_K = "training_report."


def _t(key: str, tt: TrainingTables, **fields: object) -> str:
    return t(_K + key, tt.lang, **fields)


def _hidden(row) -> bool:
    return bool(row.get("suppressed", False))


def _mark(tt: TrainingTables) -> str:
    return small_cell_mark(tt.min_cell, tt.lang)


def _count(tt: TrainingTables, row, column: str = "n") -> str:
    """A count of people: the mark when blanked for privacy, a dash when absent."""
    value = row.get(column)
    if value is None or pd.isna(value):
        return _mark(tt) if _hidden(row) or column != "n" else MISSING
    return format_number(value, lang=tt.lang, digits=0)


def _number(tt: TrainingTables, row, value, digits: int = 2, sign: bool = False) -> str:
    if _hidden(row):
        return _mark(tt)
    return format_number(value, lang=tt.lang, digits=digits, sign=sign)


def _share(tt: TrainingTables, row, value) -> str:
    """A share (0–1) as a percentage, the mark in a suppressed row."""
    if _hidden(row):
        return _mark(tt)
    if value is None or pd.isna(value):
        return MISSING
    return format_percent(100 * float(value), lang=tt.lang, digits=0)


def _interval(tt: TrainingTables, row, *, scale: float = 1.0, digits: int = 2,
              sign: bool = False, percent: bool = False) -> str:  # fmt: skip
    """The row's interval as shown (``low à high``), the mark in a suppressed row."""
    if _hidden(row):
        return _mark(tt)
    low, high = row.get("ci_low"), row.get("ci_high")
    if low is None or high is None or pd.isna(low) or pd.isna(high):
        return MISSING

    def show(x: float) -> str:
        if percent:
            return format_percent(100 * x, lang=tt.lang, digits=0)
        return format_number(scale * x, lang=tt.lang, digits=digits, sign=sign)

    return t("report.ci.range", tt.lang, low=show(low), high=show(high))


def _rows(tt: TrainingTables, key: str) -> pd.DataFrame | None:
    frame = tt.tables.get(key)
    return None if frame is None or frame.empty else frame


def _session_label(tt: TrainingTables, row) -> str:
    return f"{row['session']} ({format_date(row['date'], lang=tt.lang)})"


def _dates(tt: TrainingTables) -> dict[str, str]:
    sessions = tt.tables["sessions"]
    return {str(r["session"]): _session_label(tt, r) for _, r in sessions.iterrows()}


def _absent(tt: TrainingTables, family: str, none_key: str) -> list[str]:
    """The sentence of a family without tables: its error, or that nobody answered."""
    if family in tt.errors:
        return [paragraph(_t("error", tt, error=tt.errors[family]))]
    return [paragraph(_t(none_key, tt))]


# ------------------------------------------------------------------------ title


def title_html(tt: TrainingTables) -> str:
    """The page's title, the training in one sentence and the table of contents."""
    total = tt.tables["participants"].iloc[0]
    entries = [(f"training-{s}", _t(f"{s}.title", tt)) for s in SECTIONS]
    contents = render("contents.html.j2", title=_t("toc", tt), entries=entries)
    intro = _t(
        "intro", tt, sessions=int(total["n_sessions"]),
        first=format_date(total["first"], lang=tt.lang),
        last=format_date(total["last"], lang=tt.lang), participants=_count(tt, total),
        hours=format_number(total["hours"], lang=tt.lang, digits=1),
    )  # fmt: skip
    title = _t("title", tt, title=tt.title)
    return str(render("training_report_title.html.j2", title=title, intro=intro, contents=contents))


# --------------------------------------------------------------------- sessions


def sessions_html(tt: TrainingTables) -> list[str]:
    """The sessions: dates, place, team trained, hours, participants by role."""
    sessions, total = tt.tables["sessions"], tt.tables["participants"].iloc[0]
    header = [(_t(f"col.{c}", tt), num) for c, num in (
        ("session", False), ("dates", False), ("place", False), ("team", False),
        ("hours", True), ("participants", True), ("professionals", True),
        ("patient_partners", True))]  # fmt: skip

    def cells(row, name: str, dates: str, place: str, team: str) -> list[tuple[str, bool]]:
        return [(name, False), (dates, False), (place, False), (team, False),
                (format_number(row["hours"], lang=tt.lang, digits=1), True),
                (_count(tt, row), True),
                *((_count(tt, row, role), True) for role in TRAINING_ROLES)]  # fmt: skip

    rows = []
    for _, row in sessions.iterrows():
        end = row.get("end_date")
        dates = format_date(row["date"], lang=tt.lang)
        if end is not None and not pd.isna(end) and end != row["date"]:
            dates = _t("dates", tt, first=dates, last=format_date(end, lang=tt.lang))
        rows.append(cells(row, str(row["session"]), dates, _text(row.get("place")),
                          _text(row.get("team_id")) or _t("open", tt)))  # fmt: skip
    rows.append(cells(total, _t("total", tt), "", "", ""))
    return [
        heading(2, _K + "sessions.title", tt.lang, "training-sessions"),
        table(header, rows, note=_t("sessions.note", tt, min_cell=tt.min_cell)),
    ]


def _text(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


# ---------------------------------------------------------------------- level 1


def reaction_html(tt: TrainingTables) -> list[str]:
    """Level 1: satisfaction by domain (mean, top box) and expectations, in all and per
    session, with the figure of the domains' means."""
    parts = [heading(2, _K + "reaction.title", tt.lang, "training-reaction"),
             heading(3, _K + "satisfaction.title", tt.lang)]  # fmt: skip
    sat = _rows(tt, "satisfaction")
    if sat is None:
        parts += _absent(tt, "satisfaction", "satisfaction.none")
    else:
        parts += _satisfaction(tt, sat)
    parts.append(heading(3, _K + "expectations.title", tt.lang))
    exp = _rows(tt, "expectations")
    if exp is None:
        parts += _absent(tt, "expectations", "expectations.none")
    else:
        parts += _expectations(tt, exp)
    return parts


def _domain(tt: TrainingTables, domain: str) -> str:
    key = f"domain.{domain}"
    return _t(key, tt) if domain in _DOMAINS else domain


def _satisfaction(tt: TrainingTables, sat: pd.DataFrame) -> list[str]:
    means = sat.loc[sat["measure"] == "mean score"].set_index("domain")
    tops = sat.loc[sat["measure"] == "top-box share"].set_index("domain")
    order = [d for d in _DOMAINS if d in means.index] + [
        d for d in means.index if d not in _DOMAINS]  # fmt: skip
    low, high = float(means["scale_min"].min()), float(means["scale_max"].max())
    header = [(_t(f"col.{c}", tt), num) for c, num in (
        ("domain", False), ("mean", True), ("ci", True), ("top_box", True), ("ci", True),
        ("n", True))]  # fmt: skip
    rows = [[(_domain(tt, d), False), (_number(tt, means.loc[d], means.loc[d, "estimate"]), True),
             (_interval(tt, means.loc[d]), True),
             (_share(tt, tops.loc[d], tops.loc[d, "estimate"]), True),
             (_interval(tt, tops.loc[d], percent=True), True), (_count(tt, means.loc[d]), True)]
            for d in order]  # fmt: skip
    note = _t("satisfaction.note", tt, low=format_number(low, lang=tt.lang, digits=0),
              high=format_number(high, lang=tt.lang, digits=0))  # fmt: skip
    parts = [table(header, rows, note=note)]
    shown = [(_domain(tt, d), means.loc[d, "estimate"], means.loc[d, "ci_low"],
              means.loc[d, "ci_high"]) for d in order if not _hidden(means.loc[d])]  # fmt: skip
    if shown:
        fig = satisfaction_chart(shown, low=low, high=high, lang=tt.lang,
                                 heading=_t("plot.satisfaction", tt),
                                 note=_t("plot.satisfaction.note", tt))  # fmt: skip
        try:
            parts.append(figure_html(fig, alt=_t("plot.satisfaction", tt)))
        finally:
            plt.close(fig)
    by = _rows(tt, "satisfaction_sessions")
    if by is not None:
        parts += [heading(4, _K + "by-session", tt.lang), _satisfaction_sessions(tt, by, order)]
    return parts


def _satisfaction_sessions(tt: TrainingTables, by: pd.DataFrame, order: list[str]) -> str:
    dates = _dates(tt)
    header = [(_t("col.session", tt), False), (_t("col.n", tt), True)]
    header += [(_domain(tt, d), True) for d in order]
    header += [(_t("col.top_box_global", tt), True)]
    rows = []
    for session, g in by.groupby("session", sort=False):
        means = g.loc[g["measure"] == "mean score"].set_index("domain")
        tops = g.loc[g["measure"] == "top-box share"].set_index("domain")
        first = means.iloc[0]
        row = [(dates.get(str(session), str(session)), False), (_count(tt, first), True)]
        row += [(_number(tt, means.loc[d], means.loc[d, "estimate"]) if d in means.index
                 else MISSING, True) for d in order]  # fmt: skip
        top = tops.loc["global"] if "global" in tops.index else None
        row.append((MISSING if top is None else _share(tt, top, top["estimate"]), True))
        rows.append(row)
    return table(header, rows)


def _expectations(tt: TrainingTables, exp: pd.DataFrame) -> list[str]:
    header = [(_t(f"col.{c}", tt), num) for c, num in (
        ("group", False), ("covered", True), ("ci", True), ("met", True), ("ci", True),
        ("n", True))]  # fmt: skip

    def row(label: str, g: pd.DataFrame) -> list[tuple[str, bool]]:
        covered = g.loc[g["measure"] == "share of expectations covered"].iloc[0]
        met = g.loc[g["measure"] == "share of covered expectations met"].iloc[0]
        return [(label, False), (_share(tt, covered, covered["estimate"]), True),
                (_interval(tt, covered, percent=True), True),
                (_share(tt, met, met["estimate"]), True), (_interval(tt, met, percent=True), True),
                (_count(tt, covered), True)]  # fmt: skip

    rows = [row(_t("all", tt), exp)]
    by = _rows(tt, "expectations_sessions")
    dates = _dates(tt)
    if by is not None:
        rows += [row(dates.get(str(s), str(s)), g) for s, g in by.groupby("session", sort=False)]
    return [table(header, rows, note=_t("expectations.note", tt))]


# ---------------------------------------------------------------------- level 2


def learning_html(tt: TrainingTables) -> list[str]:
    """Level 2: the quiz before and after (paired change, tests, effect size, normalised
    gain, the unpaired comparison), per session, per question, and its reliability."""
    parts = [heading(2, _K + "learning.title", tt.lang, "training-learning")]
    change = _rows(tt, "quiz_change")
    if change is None:
        return parts + _absent(tt, "quiz", "quiz.none")
    parts.append(_quiz_summary(tt, change))
    parts += _quiz_figure(tt, change)
    by = _rows(tt, "quiz_change_sessions")
    if by is not None:
        parts += [heading(4, _K + "by-session", tt.lang), _quiz_sessions(tt, by)]
    parts += [heading(3, _K + "items.title", tt.lang), *_items(tt)]
    return parts


def _measure(frame: pd.DataFrame | None, measure: str):
    if frame is None:
        return None
    rows = frame.loc[frame["measure"] == measure]
    return None if rows.empty else rows.iloc[0]


def _quiz_summary(tt: TrainingTables, change: pd.DataFrame) -> str:
    gain = _rows(tt, "normalised_gain")
    mean = _measure(change, "mean change")
    header = [(_t(f"col.{c}", tt), num) for c, num in (
        ("measure", False), ("estimate", True), ("ci", True), ("p", True), ("n", True),
    )]  # fmt: skip

    def line(key: str, row, *, points: bool, sign: bool = True) -> list[tuple[str, bool]]:
        if row is None:
            return [(_t(key, tt), False), (MISSING, True), (MISSING, True), (MISSING, True),
                    (MISSING, True)]  # fmt: skip
        scale, digits = (100.0, 1) if points else (1.0, 2)
        value = row["estimate"] * scale if not pd.isna(row["estimate"]) else np.nan
        return [(_t(key, tt), False), (_number(tt, row, value, digits, sign), True),
                (_interval(tt, row, scale=scale, digits=digits, sign=sign), True),
                (MISSING if _hidden(row) or pd.isna(row["p_value"])
                 else p_text(row["p_value"], tt.lang), True),
                (_count(tt, row) if not pd.isna(row.get("n")) or _hidden(row)
                 else _unpaired_n(tt, row), True)]  # fmt: skip

    scores = _mark(tt) if mean is None or _hidden(mean) else _t(
        "quiz.before-after", tt,
        before=format_percent(100 * mean["mean_before"], lang=tt.lang, digits=0),
        after=format_percent(100 * mean["mean_after"], lang=tt.lang, digits=0),
    )  # fmt: skip
    pairs = MISSING if mean is None else _count(tt, mean)
    before_after = [(_t("quiz.scores", tt), False), (scores, True), (MISSING, True),
                    (MISSING, True), (pairs, True)]  # fmt: skip
    rows = [
        before_after,
        line("quiz.mean-change", mean, points=True),
        line("quiz.median-change", _measure(change, "Hodges-Lehmann median change"), points=True),
        line("quiz.dz", _measure(change, "standardised mean difference"), points=False),
        line("quiz.gain", _measure(gain, "normalised gain (class average)"), points=False,
             sign=False),
        line("quiz.individual-gain", _measure(gain, "mean individual normalised gain"),
             points=False, sign=False),
        line("quiz.unpaired", _measure(change, "mean difference"), points=True),
    ]  # fmt: skip
    note = _t("quiz.note", tt, only_before=_count(tt, mean, "n_only_before"),
              only_after=_count(tt, mean, "n_only_after")) if mean is not None else ""  # fmt: skip
    return table(header, rows, note=note)


def _unpaired_n(tt: TrainingTables, row) -> str:
    """``before / after`` people of the unpaired comparison."""
    return f"{_count(tt, row, 'n_before')} / {_count(tt, row, 'n_after')}"


def _quiz_figure(tt: TrainingTables, change: pd.DataFrame) -> list[str]:
    rows = []
    mean = _measure(change, "mean change")
    if mean is not None and not _hidden(mean):
        rows.append((_t("all", tt), mean["mean_before"], mean["mean_after"]))
    by = _rows(tt, "quiz_change_sessions")
    dates = _dates(tt)
    for _, row in by.iterrows() if by is not None else ():
        if not _hidden(row):
            rows.append((dates.get(str(row["session"]), str(row["session"])),
                         row["mean_before"], row["mean_after"]))  # fmt: skip
    if not rows:
        return []
    fig = quiz_chart(rows, lang=tt.lang, heading=_t("plot.quiz", tt),
                     before=_t("plot.quiz.before", tt), after=_t("plot.quiz.after", tt),
                     note=_t("plot.quiz.note", tt))  # fmt: skip
    try:
        return [figure_html(fig, alt=_t("plot.quiz", tt))]
    finally:
        plt.close(fig)


def _quiz_sessions(tt: TrainingTables, by: pd.DataFrame) -> str:
    dates = _dates(tt)
    header = [(_t(f"col.{c}", tt), num) for c, num in (
        ("session", False), ("pairs", True), ("before", True), ("after", True),
        ("change", True), ("ci", True), ("p", True))]  # fmt: skip
    rows = [[(dates.get(str(r["session"]), str(r["session"])), False), (_count(tt, r), True),
             (_share(tt, r, r["mean_before"]), True), (_share(tt, r, r["mean_after"]), True),
             (_number(tt, r, 100 * r["estimate"], 1, sign=True), True),
             (_interval(tt, r, scale=100, digits=1, sign=True), True),
             (MISSING if _hidden(r) else p_text(r["p_value"], tt.lang), True)]
            for _, r in by.iterrows()]  # fmt: skip
    return table(header, rows)


def _items(tt: TrainingTables) -> list[str]:
    """Per question: shares right before and after, McNemar, difficulty, discrimination,
    flags; then the quiz's KR-20."""
    change, quality = _rows(tt, "item_change"), _rows(tt, "item_analysis")
    if change is None and quality is None:
        return [paragraph(_t("items.none", tt))]
    keys = pd.Index(sorted(set(change["item"] if change is not None else [])
                           | set(quality["item"] if quality is not None else [])))  # fmt: skip
    change = (change if change is not None else pd.DataFrame(columns=["item"])).set_index("item")
    quality = (quality if quality is not None else pd.DataFrame(columns=["item"])).set_index("item")
    labels = tt.items.set_index("item")[f"label_{tt.lang}"] if len(tt.items) else pd.Series()
    header = [(_t(f"col.{c}", tt), num) for c, num in (
        ("question", False), ("objective", False), ("right_before", True),
        ("right_after", True), ("wrong_to_right", True), ("right_to_wrong", True),
        ("p_mcnemar", True), ("difficulty", True), ("discrimination", True),
        ("flag", False))]  # fmt: skip
    rows = []
    for item in keys:
        c = change.loc[item] if item in change.index else None
        q = quality.loc[item] if item in quality.index else None
        label = labels.get(item) if item in labels.index else None
        name = f"{item} — {label}" if isinstance(label, str) and label.strip() else str(item)
        rows.append([
            (name, False), (_text(c.get("objective")) if c is not None else "", False),
            (_share(tt, c, c["share_before"]) if c is not None else MISSING, True),
            (_share(tt, c, c["share_after"]) if c is not None else MISSING, True),
            (_count(tt, c, "n_wrong_to_right") if c is not None else MISSING, True),
            (_count(tt, c, "n_right_to_wrong") if c is not None else MISSING, True),
            (MISSING if c is None or _hidden(c) else p_text(c["p_value"], tt.lang), True),
            (_number(tt, q, q["difficulty"]) if q is not None else MISSING, True),
            (_number(tt, q, q["discrimination"]) if q is not None else MISSING, True),
            (_flags(tt, q), False),
        ])  # fmt: skip
    note = _t("items.note", tt, easy=format_number(DIFFICULTY_EASY, lang=tt.lang, digits=1),
              low=format_number(DISCRIMINATION_LOW, lang=tt.lang, digits=1),
              min_cell=tt.min_cell)  # fmt: skip
    return [table(header, rows, note=note), paragraph(_kr20_text(tt))]


def _flags(tt: TrainingTables, q) -> str:
    """Why a question should be reviewed: too easy before, or discriminating poorly."""
    if q is None or _hidden(q):
        return ""
    flags = []
    if not pd.isna(q["difficulty"]) and q["difficulty"] > DIFFICULTY_EASY:
        flags.append(_t("flag.easy", tt))
    if not pd.isna(q["discrimination"]) and q["discrimination"] < DISCRIMINATION_LOW:
        flags.append(_t("flag.discrimination", tt))
    return " ; ".join(flags) if tt.lang == "fr" else "; ".join(flags)


def _kr20_text(tt: TrainingTables) -> str:
    row = _measure(_rows(tt, "kr20"), "KR-20")
    if row is None:
        return _t("kr20.none", tt)
    if _hidden(row):
        return _t("kr20.hidden", tt, min_cell=tt.min_cell)
    if pd.isna(row["estimate"]):
        return _t("kr20.missing", tt, k=format_number(row["k"], lang=tt.lang, digits=0))
    return _t("kr20", tt, value=format_number(row["estimate"], lang=tt.lang, digits=2),
              ci=_interval(tt, row), k=format_number(row["k"], lang=tt.lang, digits=0),
              n=_count(tt, row))  # fmt: skip


# ---------------------------------------------------------------------- level 3


def behaviour_html(tt: TrainingTables) -> list[str]:
    """Level 3: share of participants reporting a change of practice at a distance, and
    the action plans' items done, in progress, not started."""
    parts = [heading(2, _K + "behaviour.title", tt.lang, "training-behaviour"),
             heading(3, _K + "practice.title", tt.lang)]  # fmt: skip
    practice, plans = _rows(tt, "practice"), _rows(tt, "action_plans")
    if practice is None:
        parts += _absent(tt, "practice", "practice.none")
    else:
        header = [(_t(f"col.{c}", tt), num) for c, num in (
            ("group", False), ("practice", True), ("ci", True), ("n", True))]  # fmt: skip

        def row(label: str, r) -> list[tuple[str, bool]]:
            return [(label, False), (_share(tt, r, r["estimate"]), True),
                    (_interval(tt, r, percent=True), True), (_count(tt, r), True)]  # fmt: skip

        rows = [row(_t("all", tt), practice.iloc[0])]
        dates = _dates(tt)
        by = _rows(tt, "practice_sessions")
        for _, r in by.iterrows() if by is not None else ():
            rows.append(row(dates.get(str(r["session"]), str(r["session"])), r))
        parts.append(table(header, rows, note=_t("practice.note", tt)))
    parts.append(heading(3, _K + "plans.title", tt.lang))
    if plans is None:
        parts += _absent(tt, "practice", "plans.none")
    else:
        parts.append(_plans(tt, plans))
    return parts


def _plans(tt: TrainingTables, plans: pd.DataFrame) -> str:
    header = [(_t("col.group", tt), False), (_t("col.n", tt), True)]
    header += [(_t(f"state.{s}", tt), True) for s in _STATES]

    def row(label: str, g: pd.DataFrame) -> list[tuple[str, bool]]:
        g = g.set_index("state")
        first = g.iloc[0]
        cells = [(label, False), (_count(tt, first), True)]
        for s in _STATES:
            r = g.loc[s] if s in g.index else None
            cells.append((MISSING if r is None else _share(tt, r, r["share"]), True))
        return cells

    rows = [row(_t("all", tt), plans)]
    by = _rows(tt, "action_plans_sessions")
    dates = _dates(tt)
    if by is not None:
        rows += [row(dates.get(str(s), str(s)), g) for s, g in by.groupby("session", sort=False)]
    return table(header, rows, note=_t("plans.note", tt))


# ---------------------------------------------------------------------- methods


def methods_html(tt: TrainingTables) -> str:
    """The methods, each with its reference, the privacy rule and what could not be
    computed (a family's error)."""
    keys = ("satisfaction", "expectations", "quiz", "gain", "items", "kr20", "practice",
            "privacy", "limits")  # fmt: skip
    notes = [_t("error.family", tt, family=_t(f"family.{f}", tt), error=e)
             for f, e in tt.errors.items()]  # fmt: skip
    return str(render(
        "programme_methods.html.j2", anchor="training-methods", title=_t("methods.title", tt),
        paragraphs=[_t(f"methods.{k}", tt, min_cell=tt.min_cell,
                       easy=format_number(DIFFICULTY_EASY, lang=tt.lang, digits=1),
                       low=format_number(DISCRIMINATION_LOW, lang=tt.lang, digits=1))
                    for k in keys],
        notes_title=_t("notes.title", tt), notes=notes, no_notes=_t("notes.none", tt),
    ))  # fmt: skip


def about_anchor() -> str:
    """The anchor of the contents' link to the provenance note (whose heading comes from
    :func:`impact.report.team_card.provenance_html`)."""
    return str(render("anchor.html.j2", anchor="training-about"))
