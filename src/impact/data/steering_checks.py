"""Cross-table rules of the steering tables: the roadmap, partnership activity and
questionnaire answers (the schema-driven checks of types, keys and codes come first).

Roadmap: a line is for a team or for a hospital, not neither nor both; the hospital is a
programme team's; the indicator is a known code (:func:`roadmap_indicator_codes`), with the
closest one named for a typo; the deadline is not before the start; a target or baseline
needs an indicator. Warnings: an indicator without any target, a target or baseline
outside the indicator's plausible range. Partnership activity: no row for a comparison
unit, a month within the team's dates, no more meetings attended than held; warning:
meetings held differing between the partners of one team-month. Questionnaires: the
item's questionnaire, the score within the item's scale, a role for a self-assessment.
A comparison unit's programme support is warned about with the other tables'
(``comparison-answers``, :mod:`impact.data.loading`).
"""

from __future__ import annotations

import pandas as pd
from rapidfuzz import fuzz

from impact.data.messages import t
from impact.data.problems import ProblemLog, as_text
from impact.data.reading import RawTable
from impact.data.rule_helpers import closest_code, flag, fold, keyed, lookup
from impact.data.schemas import TableSpec
from impact.data.validation import decategorize

__all__ = ["ACTIVITY_MEASURES", "HOSPITAL_SCORE", "check_steering", "roadmap_indicator_codes"]

#: Partnership-activity measures a roadmap line may follow, as ``activite.<measure>``.
ACTIVITY_MEASURES = ("partenaires", "taux_participation", "heures_par_partenaire", "retention")
#: Year targets of a roadmap line, and the numbers that need an indicator.
TARGETS = ("target_year1", "target_year2", "target_year3")
_NUMBERS = ("baseline", *TARGETS)
#: Similarity (RapidFuzz ``ratio`` without case nor accents) from which a hospital not
#: found is taken for a typo of a known one: names share words (« Hôpital Est » scores 82
#: against « Hôpital Sud »), so only a letter or two may differ (« Hopital sud » 100,
#: « Hôpital Nrd » 96).
HOSPITAL_SCORE = 90
#: Known hospitals listed at most, closest first, when none is close to the one written.
_HOSPITALS_LISTED = 5


def roadmap_indicator_codes(
    indicators: pd.DataFrame, barometer_items: pd.DataFrame, questionnaire_items: pd.DataFrame
) -> list[str]:
    """Every code a roadmap line may follow, in this order: the indicator catalogue's codes;
    ``barometre.global`` and ``barometre.<dimension>``; ``<questionnaire>.global`` and
    ``<questionnaire>.<dimension>`` of the questionnaire catalogue;
    ``activite.<measure>`` for each of :data:`ACTIVITY_MEASURES`.

    Examples
    --------
    >>> indicators = pd.DataFrame({"code": ["dms"]})
    >>> barometer = pd.DataFrame({"dimension": ["co_expression", "co_expression"]})
    >>> questionnaires = pd.DataFrame({"questionnaire": ["qvt"], "dimension": ["sens"]})
    >>> roadmap_indicator_codes(indicators, barometer, questionnaires)[:5]
    ['dms', 'barometre.global', 'barometre.co_expression', 'qvt.global', 'qvt.sens']
    """
    codes = list(_distinct(indicators["code"]))
    codes += [
        "barometre.global",
        *(f"barometre.{d}" for d in _distinct(barometer_items["dimension"])),
    ]
    pairs = questionnaire_items[["questionnaire", "dimension"]].dropna()
    for questionnaire in _distinct(pairs["questionnaire"]):
        dimensions = pairs.loc[pairs["questionnaire"].astype(str) == questionnaire, "dimension"]
        codes += [
            f"{questionnaire}.global",
            *(f"{questionnaire}.{d}" for d in _distinct(dimensions)),
        ]
    codes += [f"activite.{measure}" for measure in ACTIVITY_MEASURES]
    return list(dict.fromkeys(codes))


def _distinct(column: pd.Series) -> list[str]:
    """The column's distinct non-missing texts, in order of first appearance."""
    return list(dict.fromkeys(decategorize(column).dropna().astype(str)))


def check_steering(
    frames: dict[str, pd.DataFrame],
    raw: dict[str, RawTable],
    specs: dict[str, TableSpec],
    log: ProblemLog,
) -> None:
    """Check the steering tables' cross-table rules (see the module docstring).

    Parameters
    ----------
    frames : dict of str to pandas.DataFrame
        The typed tables (indexed by spreadsheet row), catalogues included.
    raw : dict of str to RawTable
        The same tables as read, for the cells as typed.
    specs : dict of str to TableSpec
        The data contract.
    log : ProblemLog
        Where the problems go.
    """
    teams = frames.get("teams")
    roadmap = frames.get("roadmap")
    if roadmap is not None:
        _check_roadmap_scope(roadmap, teams, raw["roadmap"], log)
        _check_roadmap_indicators(roadmap, frames, raw["roadmap"], specs["roadmap"], log)
    activity = frames.get("partnership_activity")
    if activity is not None:
        _check_activity(activity, teams, raw["partnership_activity"], log)
    answers, items = frames.get("questionnaire_responses"), frames.get("questionnaire_items")
    if answers is not None:
        _check_questionnaires(answers, items, raw["questionnaire_responses"], log)


def _check_roadmap_scope(
    roadmap: pd.DataFrame, teams: pd.DataFrame | None, src: RawTable, log: ProblemLog
) -> None:
    """A line is for one team or for one hospital of the programme's teams."""
    team, hospital = roadmap["team_id"], decategorize(roadmap["hospital"])
    flag(log, "roadmap-no-scope", src, roadmap, team.isna() & hospital.isna(), "team_id")
    both = team.notna() & hospital.notna()
    flag(log, "roadmap-both-scopes", src, roadmap, both, "hospital", team=team)
    if teams is None:
        return
    programme = teams["comparison"].eq(False).fillna(False).astype(bool)
    known = sorted(set(decategorize(teams.loc[programme, "hospital"]).dropna()))
    unknown = hospital.notna() & ~hospital.isin(known)
    if not unknown.any():
        return
    folded = {fold(name): name for name in known}
    hints = {}
    for value in hospital[unknown].unique():
        near = closest_code(fold(value), folded, threshold=HOSPITAL_SCORE)
        if near is not None:
            hints[value] = t("hint.did-you-mean", log.lang, code=folded[near])
            continue
        ranked = sorted(known, key=lambda name: -fuzz.WRatio(fold(value), fold(name)))
        listed = ", ".join(ranked[:_HOSPITALS_LISTED])
        more = " …" if len(known) > _HOSPITALS_LISTED else ""
        hints[value] = t("hint.roadmap-hospitals", log.lang, known=listed + more)
    flag(log, "roadmap-hospital", src, roadmap, unknown, "hospital", hint=hospital.map(hints))


def _check_roadmap_indicators(
    roadmap: pd.DataFrame,
    frames: dict[str, pd.DataFrame],
    src: RawTable,
    spec: TableSpec,
    log: ProblemLog,
) -> None:
    """Known indicator codes, dates in order, targets with an indicator and plausible."""
    code = decategorize(roadmap["indicator"])
    flag(log, "roadmap-deadline", src, roadmap, roadmap["deadline"] < roadmap["start_date"],
         "deadline", start=_typed_text(src, roadmap, "start_date"))  # fmt: skip
    numbers = roadmap[list(_NUMBERS)].notna().any(axis=1)
    flag(log, "roadmap-target-without-indicator", src, roadmap, numbers & code.isna(),
         "indicator")  # fmt: skip
    no_target = code.notna() & roadmap[list(TARGETS)].isna().all(axis=1)
    no_target &= ~_failed(src, roadmap, TARGETS)
    flag(log, "roadmap-no-target", src, roadmap, no_target, "indicator", severity="warning")

    catalogues = [frames.get(n) for n in ("indicators", "barometer_items", "questionnaire_items")]
    if any(c is None for c in catalogues):
        return  # a catalogue that failed its own checks: its problems are already reported
    known = roadmap_indicator_codes(*catalogues)
    shaped = code.str.fullmatch(spec.field("indicator")["constraints"]["pattern"])
    unknown = code.notna() & shaped.fillna(False).astype(bool) & ~code.isin(known)
    if unknown.any():
        activity = ", ".join(f"activite.{m}" for m in ACTIVITY_MEASURES)
        fallback = t("hint.roadmap-indicators", log.lang, activity=activity)
        hints = {}
        for value in code[unknown].unique():
            near = closest_code(value, known)
            hints[value] = fallback if near is None else t("hint.did-you-mean", log.lang, code=near)
        flag(log, "roadmap-indicator", src, roadmap, unknown, "indicator", hint=code.map(hints))
    _warn_implausible_targets(roadmap, code, catalogues[0], src, log)


def _warn_implausible_targets(
    roadmap: pd.DataFrame, code: pd.Series, indicators: pd.DataFrame, src: RawTable,
    log: ProblemLog,
) -> None:  # fmt: skip
    """A baseline or target outside its catalogue indicator's plausible range (the range
    is in the indicator's displayed unit, as targets are: see :mod:`.plausibility`)."""
    if "plausible_min" not in indicators or "plausible_max" not in indicators:
        return
    catalogue = keyed(indicators, "code")
    catalogue.index = catalogue.index.astype(str)
    suffix = "fr" if log.lang == "fr" else "en"
    low = lookup(code, catalogue["plausible_min"].astype(float))
    high = lookup(code, catalogue["plausible_max"].astype(float))
    label = lookup(code, decategorize(catalogue[f"label_{suffix}"]))
    unit = lookup(code, decategorize(catalogue[f"unit_{suffix}"])).fillna("")
    for column in _NUMBERS:
        outside = (roadmap[column] < low) | (roadmap[column] > high)
        flag(log, "roadmap-implausible", src, roadmap, outside, column, severity="warning",
             label=label, low=low, high=high, unit=unit)  # fmt: skip


def _check_activity(
    activity: pd.DataFrame, teams: pd.DataFrame | None, src: RawTable, log: ProblemLog
) -> None:
    """Activity only for programme teams, within their dates, attended ≤ held; the same
    meetings held for every partner of a team-month (a warning)."""
    over = activity["meetings_attended"] > activity["meetings_held"]
    flag(log, "activity-attended", src, activity, over, "meetings_attended",
         limit=_typed_text(src, activity, "meetings_held"))  # fmt: skip
    held = activity.groupby(["team_id", "month"], observed=True)["meetings_held"]
    differ = held.transform("nunique") > 1
    flag(log, "activity-meetings-differ", src, activity, differ, "meetings_held",
         values=pd.Series("", index=activity.index), severity="warning")  # fmt: skip
    if teams is None:
        return
    info = keyed(teams.assign(team_id=decategorize(teams["team_id"])), "team_id")
    team = decategorize(activity["team_id"])
    comparison = lookup(team, info["comparison"])
    flag(log, "activity-comparison", src, activity, comparison.eq(True), "team_id")
    start = lookup(team, info["start_date"].dt.to_period("M").dt.to_timestamp())
    end = lookup(team, info["end_date"].dt.to_period("M").dt.to_timestamp())
    outside = comparison.eq(False) & ((activity["month"] < start) | (activity["month"] > end))
    flag(log, "activity-month", src, activity, outside, "month", team=team,
         start=_month_text(start), end=_month_text(end))  # fmt: skip


def _check_questionnaires(
    answers: pd.DataFrame, items: pd.DataFrame | None, src: RawTable, log: ProblemLog
) -> None:
    """A role for a self-assessment; the item's questionnaire; the score in its scale."""
    no_role = (answers["assessment"] == "auto") & answers["role"].isna()
    flag(log, "role-required", src, answers, no_role, "role")
    if items is None:
        return
    catalogue = keyed(items, "item")
    expected = lookup(answers["item"], decategorize(catalogue["questionnaire"]))
    given = decategorize(answers["questionnaire"])
    wrong = expected.notna() & given.notna() & (given != expected)
    flag(log, "questionnaire-item", src, answers, wrong, "questionnaire",
         item=answers["item"], expected=expected)  # fmt: skip
    low = lookup(answers["item"], catalogue["scale_min"])
    high = lookup(answers["item"], catalogue["scale_max"])
    score = answers["score"]
    outside = score.notna() & ((score < low) | (score > high))
    flag(log, "questionnaire-scale", src, answers, outside, "score",
         low=low, high=high, item=answers["item"])  # fmt: skip


def _typed_text(src: RawTable, frame: pd.DataFrame, column: str) -> pd.Series:
    """The cells of ``column`` as typed in the file (for a message naming another cell)."""
    return src.text(column).loc[frame.index] if column in src.frame.columns else frame[column]


def _failed(src: RawTable, frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.Series:
    """Rows where any of ``columns`` failed its type check (already an error)."""
    failed = pd.Series(False, index=src.frame.index)
    for column in columns:
        if column in src.invalid:
            failed |= src.invalid[column]
    return failed.loc[frame.index]


def _month_text(months: pd.Series) -> pd.Series:
    """Months as ``2024-03``, « — » where there is none (no end date)."""
    return as_text(months.dt.strftime("%Y-%m")).replace("", "—")
