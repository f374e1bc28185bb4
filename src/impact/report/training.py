"""The team report's training section: the trainings the team's members followed, who was
trained, and the Kirkpatrick levels read at a glance.

The tables come from :func:`impact.training.evaluation.evaluation_tables` on the team's
slice of the programme (its participants, their answers, the sessions they attended:
:meth:`impact.data.programme.Programme.team`), computed once in
:func:`impact.report.team.team_tables`; what the page shows goes through the one privacy
pass (:func:`impact.report.privacy.publishable`, ``{"training": tables}``: a training
followed by fewer than ``min_cell`` members of the team shows no number). Each level is a
few rows of one table per training — measure, result with its interval, people, method in
words — built by the functions of :data:`LEVELS`.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from impact.data.loading import absent_tables
from impact.data.programme import Programme
from impact.report.formatting import format_number, format_percent
from impact.report.labels import t
from impact.report.privacy import publishable
from impact.report.programme_effects import p_text
from impact.report.tables import heading_html, small_cell_mark
from impact.report.team_html import paragraph_html, section_table_html
from impact.report.training_barometer import barometer_after_training_html
from impact.training.evaluation import ALL_ROLES, evaluation_tables
from impact.training.practice import ACTION_STATES, PRACTICE_CHANGE
from impact.training.quiz import NORMALISED_GAIN
from impact.training.satisfaction import COVERED, MEAN_SCORE, MET, TOP_BOX

__all__ = ["LEVELS", "training_section", "training_tables"]

_ROLES = ("professionnel", "patient partenaire")
_DOMAINS = ("objectifs", "programme", "méthodes", "qualité")
_STATE_KEYS = dict(zip(ACTION_STATES, ("done", "in-progress", "not-started"), strict=True))
#: A row of a level in a training's table: measure, result, people, method (plain text).
Row = tuple[str, str, str, str]


def training_tables(programme: Programme) -> dict[str, pd.DataFrame]:
    """The training evaluation of ``programme`` (a team's slice) per training, every value
    computed (none hidden); empty without a participant."""
    people = programme.training_participants
    if people.empty:
        return {}
    return evaluation_tables(programme.training_sessions, people, programme.training_answers,
                             programme.training_items)  # fmt: skip


class _Context:
    """One training's publishable rows and what its rows need to be written."""

    def __init__(self, tables: dict[str, pd.DataFrame], training: str, lang: str, mark: str):
        self.training, self.lang, self.mark = training, lang, mark
        self.rows = {
            key: table.loc[table["training"].astype(str) == training]
            if "training" in table.columns
            else table.iloc[0:0]
            for key, table in tables.items()
        }

    def percent(self, value: float) -> str:
        return format_percent(100 * value, lang=self.lang, digits=0)

    def number(self, digits: int, *, points: bool = False) -> Callable[[float], str]:
        """A formatter of numbers with ``digits`` decimals (``points``: a share's change
        in signed percentage points)."""
        if points:
            return lambda x: format_number(100 * x, lang=self.lang, digits=digits, sign=True)
        return lambda x: format_number(x, lang=self.lang, digits=digits)

    def ci(self, value: str, low: float, high: float, fmt: Callable[[float], str]) -> str:
        """``value (IC 95 % low à high)``; the value alone without interval."""
        if pd.isna(low) or pd.isna(high):
            return value
        return t("report.activity.with-ci", self.lang, value=value, low=fmt(low), high=fmt(high))

    def share(self, row: pd.Series) -> str:
        if _hidden(row):
            return self.mark
        return self.ci(self.percent(row["estimate"]), row["ci_low"], row["ci_high"], self.percent)

    def people(self, n: object) -> str:
        return self.mark if pd.isna(n) else str(int(n))


def _p(p: float, lang: str) -> str:
    """``= 0,012`` or ``< 0,001``, after a "p"."""
    text = p_text(p, lang)
    return text if text.startswith("<") else f"= {text}"


def _hidden(row: pd.Series) -> bool:
    return bool(row.get("suppressed", False))


def _reaction(c: _Context) -> list[Row]:
    """Level 1: satisfaction by domain (mean and top-box share) and expectations."""
    lang, rows = c.lang, []
    sat = c.rows.get("satisfaction", pd.DataFrame())
    for domain in _DOMAINS:
        mine = sat.loc[sat["domain"] == domain] if len(sat) else sat
        if not len(mine):
            continue
        mean = mine.loc[mine["measure"] == MEAN_SCORE].iloc[0]
        top = mine.loc[mine["measure"] == TOP_BOX].iloc[0]
        number = c.number(1)
        if _hidden(mean):  # a domain fewer answered than the training (its scale hidden too)
            result = c.mark
        else:
            out_of = t("report.training.out-of", lang, value=number(mean["estimate"]),
                       high=int(mean["scale_max"]))  # fmt: skip
            result = t("report.training.satisfaction-value", lang, top=c.share(top),
                       mean=c.ci(out_of, mean["ci_low"], mean["ci_high"], number))  # fmt: skip
        method = "" if rows else t("report.training.method.satisfaction", lang)
        rows.append((t(f"report.training.satisfaction.{domain}", lang), result,
                     c.people(mean["n"]), method))  # fmt: skip
    expect = c.rows.get("expectations", pd.DataFrame())
    for measure, key in ((COVERED, "covered"), (MET, "met")):
        for _, row in expect.loc[expect["measure"] == measure].iterrows() if len(expect) else ():
            method = t("report.training.method.expectations", lang) if key == "covered" else ""
            rows.append((t(f"report.training.expectations.{key}", lang), c.share(row),
                         c.people(row["n"]), method))  # fmt: skip
    return rows


def _learning(c: _Context) -> list[Row]:
    """Level 2: the quiz score before → after, its paired change, the normalised gain and
    the participants seen at one moment only."""
    lang = c.lang
    change = c.rows.get("quiz_change", pd.DataFrame())
    by = change.set_index("measure") if len(change) else change
    pairs = by.loc["mean change", "n"] if len(change) else 0
    if pd.notna(pairs) and pairs == 0:  # no quiz, or nobody at both
        return [(t("report.training.quiz", lang), t("report.training.no-quiz", lang), "", "")]
    mean, median = by.loc["mean change"], by.loc["Hodges-Lehmann median change"]
    pairs = c.people(pairs)
    if _hidden(mean):
        scores = shift = c.mark
    else:
        scores = f"{c.percent(mean['mean_before'])} → {c.percent(mean['mean_after'])}"
        points = c.number(0, points=True)
        shift = t("report.training.change-value", lang,
                  change=c.ci(t("report.training.points", lang, value=points(mean["estimate"])),
                              mean["ci_low"], mean["ci_high"], points),
                  p=_p(mean["p_value"], lang), p_wilcoxon=_p(median["p_value"], lang))  # fmt: skip
    rows = [
        (t("report.training.quiz", lang), scores, pairs, t("report.training.method.quiz", lang)),
        (t("report.training.change", lang), shift, pairs,
         t("report.training.method.change", lang)),
    ]  # fmt: skip
    gain = c.rows.get("normalised_gain", pd.DataFrame())
    gain = gain.loc[gain["measure"] == NORMALISED_GAIN] if len(gain) else gain
    if len(gain):
        g, number = gain.iloc[0], c.number(2)
        value = c.mark if _hidden(g) else c.ci(number(g["estimate"]), g["ci_low"],
                                                g["ci_high"], number)  # fmt: skip
        rows.append((t("report.training.gain", lang), value, c.people(g["n"]),
                     t("report.training.method.gain", lang)))  # fmt: skip
    only = (mean.get("n_only_before"), mean.get("n_only_after"))
    if not _hidden(mean) and any(pd.isna(x) or x > 0 for x in only):
        rows.append((t("report.training.unpaired", lang),
                     t("report.training.unpaired-value", lang, before=c.people(only[0]),
                       after=c.people(only[1])), "",
                     t("report.training.method.unpaired", lang)))  # fmt: skip
    return rows


def _behaviour(c: _Context) -> list[Row]:
    """Level 3: the share reporting a change of practice and the action plans."""
    lang = c.lang
    practice = c.rows.get("practice_change", pd.DataFrame())
    plans = c.rows.get("action_plans", pd.DataFrame())
    if not len(practice) and not len(plans):
        return [(t("report.training.practice", lang), t("report.training.no-distance", lang),
                 "", "")]  # fmt: skip
    rows = []
    for _, row in practice.loc[practice["measure"] == PRACTICE_CHANGE].iterrows() if len(
            practice) else ():  # fmt: skip
        rows.append((t("report.training.practice", lang), c.share(row), c.people(row["n"]),
                     t("report.training.method.practice", lang)))  # fmt: skip
    if len(plans):
        first = plans.iloc[0]
        if _hidden(first):
            value = c.mark
        else:
            states = plans.set_index("state")
            value = t("report.training.plans-value", lang,
                      states=", ".join(
                          f"{t(f'report.training.state.{_STATE_KEYS[s]}', lang)} "
                          f"{c.percent(states.loc[s, 'share'])}" for s in ACTION_STATES),
                      n=int(first["n_actions"]))  # fmt: skip
        rows.append((t("report.training.plans", lang), value, c.people(first["n"]),
                     t("report.training.method.plans", lang)))  # fmt: skip
    return rows


#: The rows of a training's table: (Kirkpatrick level, rows builder), in order; a further
#: level, or further rows of a level (entries of the same level follow each other, the
#: level named once), is one more entry.
LEVELS: tuple[tuple[int, Callable[[_Context], list[Row]]], ...] = (
    (1, _reaction),
    (2, _learning),
    (3, _behaviour),
)


def _who(people: pd.DataFrame, lang: str, mark: str) -> str:
    """The sentence saying who of the team was trained, in how many sessions, how long."""
    total = people.loc[people["role"] == ALL_ROLES].iloc[0]
    roles = []
    for role in _ROLES:
        row = people.loc[people["role"] == role]
        if len(row):
            n = row["n"].iloc[0]
            count = mark if pd.isna(n) else int(n)
            roles.append(t(f"report.training.role.{role.replace(' ', '-')}", lang, n=count))
    hours = float(total["hours"])
    hours_text = format_number(hours, lang=lang, digits=0 if hours.is_integer() else 1)
    return t("report.training.who", lang, n=int(total["n"]), roles=", ".join(roles),
             sessions=int(total["n_sessions"]), hours=hours_text)  # fmt: skip


def _titles(programme: Programme, trainings: list[str]) -> dict[str, str]:
    """Each training's title (its code when none), ordered by its first session's date."""
    sessions = programme.training_sessions
    known = sessions.loc[sessions["training"].astype(str).isin(trainings)]
    first = known.assign(date=pd.to_datetime(known["date"], errors="coerce")).groupby(
        "training")["date"].min().reindex(trainings)  # fmt: skip
    titles = {}
    for code in first.sort_values(kind="stable").index:
        title = known.loc[known["training"].astype(str) == code, "title"] if (
            "title" in known.columns) else pd.Series(dtype=object)  # fmt: skip
        title = title.dropna().astype(str)
        titles[code] = title.iloc[0] if len(title) and title.iloc[0].strip() else code
    return titles


def training_section(
    programme: Programme,
    *,
    team_id: str,
    lang: str = "fr",
    min_cell: int = 10,
    tables: dict[str, pd.DataFrame] | None = None,
) -> list[str]:
    """HTML fragments of a team's training section (its heading excluded).

    One sentence when no member of the team followed an evaluated training; otherwise, per
    training: who was trained (by role, sessions, hours) and one table of its levels; then
    level 3 on the partnership barometer, the team's change from the wave before its
    first training to the first wave after
    (:func:`impact.report.training_barometer.barometer_after_training_html`).
    ``tables``: the team's :func:`training_tables`, if already computed.
    """
    if "training_participants" in absent_tables(programme):
        return [str(paragraph_html(t("report.training.absent", lang)))]
    tables = tables if tables is not None else training_tables(programme.team(team_id))
    people = tables.get("participants")
    if people is None or not len(people):
        return [str(paragraph_html(t("report.training.none", lang)))]
    shown = publishable({"training": tables}, min_cell)["training"]
    mark = small_cell_mark(min_cell, lang)
    header = [(t(f"report.training.col.{k}", lang), k == "n")
              for k in ("level", "measure", "result", "n", "method")]  # fmt: skip
    trainings = list(dict.fromkeys(shown["participants"]["training"].astype(str)))
    parts = []
    for code, title in _titles(programme, trainings).items():
        parts.append(heading_html(3, title))
        mine = shown["participants"].loc[shown["participants"]["training"].astype(str) == code]
        total = mine.loc[mine["role"] == ALL_ROLES]
        if not len(total) or bool(total["suppressed"].iloc[0]):
            parts.append(str(paragraph_html(t("report.training.small", lang, min_cell=min_cell))))
            continue
        parts.append(str(paragraph_html(_who(mine, lang, mark))))
        context = _Context(shown, code, lang, mark)
        rows, previous = [], None
        for level, build in LEVELS:
            for measure, result, n, method in build(context):
                name = t(f"report.training.level.{level}", lang) if level != previous else ""
                previous = level
                rows.append([(name, False), (measure, False), (result, False), (n, True),
                             (method, False)])  # fmt: skip
        parts.append(str(section_table_html(header, rows)))
    after = barometer_after_training_html(programme, team_id, lang, min_cell)
    return [*parts, after] if after else parts
