"""Compute once, render per team: every team's effect tables for a report run.

A team report shows six families of tables: before/after indicators
(:func:`impact.indicators.periods.compare_periods`), interrupted time series
(:func:`impact.indicators.trends.its_by_team`), difference-in-differences against the
comparison units (:func:`impact.indicators.did.team_did`), the barometer
(:func:`impact.report.barometer_tables.team_barometer_tables`), the other Likert
questionnaires (the same tables, one set per questionnaire of the catalogue:
:func:`impact.barometer.questionnaires.questionnaire_programme`) and patient experience
(:func:`impact.report.prem_tables.team_prem_tables`). :func:`compute_tables` computes
each family once for all the run's teams with the library's vectorised functions; a
notebook run alone calls :func:`team_results`, which is :func:`compute_tables` for one
team, sliced: the same computation as the run's bundles (:mod:`impact.report.bundles`).
:func:`did_programme` is the programme-level difference-in-differences, computed once per
run. The researchers' CSV files are written by :mod:`impact.run.results_files`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from impact.barometer.questionnaires import questionnaire_codes, questionnaire_programme
from impact.data.loading import load_programme
from impact.data.programme import Programme
from impact.demo.programme import demo_programme
from impact.indicators.did import did_by_indicator, team_did
from impact.indicators.periods import compare_periods, started_teams
from impact.indicators.placebo import placebo_by_team
from impact.indicators.trends import its_by_team
from impact.prem.scoring import PREM_COVARIATES
from impact.report.barometer_tables import barometer_tables, team_barometer_tables
from impact.report.comment_tables import CommentTables, comment_tables
from impact.report.prem_tables import prem_tables, team_prem_tables
from impact.stats.its import ItsResult
from impact.synthesis.planning import mde_table

__all__ = [
    "RunTables",
    "TeamResults",
    "compute_tables",
    "split_by_team",
    "did_programme",
    "open_programme",
    "results_slicer",
    "safe_comment_tables",
    "shape_text",
    "team_results",
    "team_slicer",
]

#: Months before and after the start compared by the report's indicator table.
MONTHS = 12
#: Bootstrap draws and seed of the programme-level DiD (as the programme report).
DID_BOOT, DID_SEED = 499, 0
#: Power and two-sided level of the minimum detectable effects beside inconclusive verdicts.
MDE_POWER, MDE_ALPHA = 0.8, 0.05


@dataclass
class TeamResults:
    """One team's tables, as the team notebook shows them.

    Each attribute equals what the library returns for this team alone:
    ``indicators`` = ``compare_periods(programme, teams=[team_id], months=12)``,
    ``its`` = ``its_by_team(programme, teams=[team_id])``, ``did`` =
    ``team_did(programme, teams=[team_id])`` (None without comparison units),
    ``barometer`` = ``team_barometer_tables(programme, team_id, …)`` (None when the team
    has no barometer answer), ``questionnaires`` = for each questionnaire the programme
    has answers to, ``team_barometer_tables(questionnaire_programme(programme, code),
    team_id, …)`` (None when the team has no answer to it), ``prem`` =
    ``team_prem_tables(programme, team_id, …)``, ``comments`` = the team's slice of
    ``comment_tables(programme, …)`` (the whole programme's comments, masked and
    classified once; None without comments), ``mde`` = the team's rows of
    :attr:`RunTables.mde`, ``placebo`` =
    ``placebo_by_team(programme, teams=[team_id], its=…, did=…)`` (None when not computed).
    A family whose computation failed for this team raises that error when read.
    """

    team_id: str
    lang: str
    min_cell: int
    tables: dict[str, object] = field(default_factory=dict)
    errors: dict[str, BaseException] = field(default_factory=dict)

    def __repr__(self) -> str:
        shapes = ", ".join(f"{f}={shape_text(self.tables.get(f))}" for f in _TEAM_FAMILIES)
        errors = ", ".join(sorted(self.errors)) or "none"
        return (f"TeamResults(team_id={self.team_id!r}, lang={self.lang!r}, "
                f"min_cell={self.min_cell}; {shapes}; errors: {errors})")  # fmt: skip

    def _get(self, family: str) -> object:
        if family in self.errors:
            raise self.errors[family]
        return self.tables.get(family)

    @property
    def indicators(self) -> pd.DataFrame:
        return self._get("indicators")

    @property
    def its(self) -> ItsResult:
        return self._get("its")

    @property
    def did(self) -> pd.DataFrame | None:
        return self._get("did")

    @property
    def barometer(self) -> dict[str, pd.DataFrame] | None:
        return self._get("barometer")

    @property
    def questionnaires(self) -> dict[str, dict[str, pd.DataFrame] | None] | None:
        return self._get("questionnaires")

    @property
    def prem(self) -> dict[str, pd.DataFrame]:
        return self._get("prem")

    @property
    def comments(self) -> CommentTables | None:
        """The team's slice of the run's comment tables (None without comments)."""
        return self._get("comments")

    @property
    def mde(self) -> pd.DataFrame | None:
        """The team's minimum detectable effects (None when not computed)."""
        return self._get("mde")

    @property
    def placebo(self) -> pd.DataFrame | None:
        """The team's placebo-in-time checks of its ITS and DiD effects (issue 17)."""
        return self._get("placebo")


@dataclass
class RunTables:
    """Every family's tables for all the run's teams (see :func:`compute_tables`).

    Attributes
    ----------
    teams : list of str
    lang, min_cell
    indicators, did : pandas.DataFrame or None
    its : ItsResult or None
    barometer, prem : dict of str to pandas.DataFrame
    questionnaires : dict of str to dict of str to pandas.DataFrame
        Per questionnaire the programme has answers to (catalogue order), its tables as
        the barometer's (:func:`impact.report.barometer_tables.barometer_tables` of
        :func:`impact.barometer.questionnaires.questionnaire_programme`): one call per
        questionnaire for every team answering it.
    did_programme : dict of str to pandas.DataFrame or None
        :func:`impact.indicators.did.did_by_indicator` (programme level, CSV only).
    comments : CommentTables or None
        :func:`impact.report.comment_tables.comment_tables`: the programme's comments
        masked, classified and compared once (None without comments).
    placebo : pandas.DataFrame or None
        :func:`impact.indicators.placebo.placebo_by_team` from the run's ITS and team DiD
        (a robustness check; None when not computed).
    errors : dict
        ``{family: {team_id: exception}}`` for the teams a family could not be
        computed for: their reports say so in plain words in that section and under
        "what could not be computed" (an indicators failure fails the report).
    mde : pandas.DataFrame or None
        :func:`impact.synthesis.planning.mde_table` of the indicators, barometer changes
        and patient-experience changes, at :data:`MDE_POWER` and :data:`MDE_ALPHA`.
    seconds : dict of str to float
        Wall time of each step of :func:`compute_tables` (``indicators``, ``its``,
        ``did``, ``barometer``, ``questionnaires``, ``prem``, ``comments``, ``mde``,
        ``placebo``, ``did_programme``; the steps it ran), to see where a run's time goes.
    """

    teams: list[str]
    lang: str
    min_cell: int
    indicators: pd.DataFrame | None = None
    its: ItsResult | None = None
    did: pd.DataFrame | None = None
    barometer: dict[str, pd.DataFrame] = field(default_factory=dict)
    prem: dict[str, pd.DataFrame] = field(default_factory=dict)
    questionnaires: dict[str, dict[str, pd.DataFrame]] = field(default_factory=dict)
    did_programme: dict[str, pd.DataFrame] | None = None
    errors: dict[str, dict[str, BaseException]] = field(default_factory=dict)
    comments: CommentTables | None = None
    mde: pd.DataFrame | None = None
    placebo: pd.DataFrame | None = None
    seconds: dict[str, float] = field(default_factory=dict)

    def __repr__(self) -> str:
        families = [*_TEAM_FAMILIES, "did_programme"]
        shapes = ", ".join(f"{f}={shape_text(getattr(self, f))}" for f in families)
        failed = sum(len(errs) for errs in self.errors.values())
        return (f"RunTables({len(self.teams)} teams, lang={self.lang!r}, "
                f"min_cell={self.min_cell}; {shapes}; failures: {failed})")  # fmt: skip

    def team(self, team_id: str) -> TeamResults:
        """The team's slice of every family (slow: use :func:`write_team_bundles` for many)."""
        return split_by_team(self, [team_id])[team_id]


#: the families a short repr lists (the robustness checks, mde and placebo, left out)
_TEAM_FAMILIES = ("indicators", "its", "did", "barometer", "questionnaires", "prem",
                  "comments")  # fmt: skip


def shape_text(value: object) -> str:
    """A table's size for a short repr: rows, effects of an ITS, or rows per named table."""
    if isinstance(value, pd.DataFrame):
        return f"{len(value)} rows"
    if isinstance(value, ItsResult):
        return f"{len(value.effects)} effects"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {shape_text(v)}" for k, v in value.items()) + "}"
    return repr(value)


# --------------------------------------------------------------------- computing


def _by_team(table: pd.DataFrame | None) -> dict[str, pd.DataFrame]:
    if table is None or "team_id" not in table.columns:
        return {}
    return {str(k): g.reset_index(drop=True) for k, g in table.groupby("team_id", sort=False)}


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if f is not None and len(f.columns)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _batch(all_teams, one_team, teams: list[str], errors: dict[str, BaseException]):
    """``all_teams(teams)``; if it raises, ``one_team(t)`` per team, errors kept by team."""
    if not teams:
        return []
    try:
        return [all_teams(teams)]
    except Exception:  # isolate the team(s) that fail, as separate runs would
        parts = []
        for team in teams:
            try:
                parts.append(one_team(team))
            except Exception as exc:
                errors[team] = exc
        return parts


def _prem_groups(programme: Programme, teams: list[str]) -> list[list[str]]:
    """Teams with PREM answers, grouped by the case-mix covariates their answers have
    (score_prem keeps the covariates present, so one call per group is exact)."""
    responses = programme.prem_responses
    if responses.empty or "team_id" not in responses.columns:
        return []
    rows = responses.loc[responses["team_id"].isin(teams)]
    present = [c for c in PREM_COVARIATES if c in rows.columns]
    if rows.empty:
        return []
    has = (
        rows[present].notna().groupby(rows["team_id"]).any()
        if present
        else pd.DataFrame(index=pd.Index(rows["team_id"].unique(), name="team_id"))
    )
    signature = (
        has.apply(lambda r: tuple(r.to_numpy()), axis=1)
        if present
        else pd.Series([()] * len(has), index=has.index)
    )
    groups: dict[tuple, list[str]] = {}
    for team in teams:
        if team in signature.index:
            groups.setdefault(signature[team], []).append(team)
    return list(groups.values())


def safe_comment_tables(
    programme: Programme, min_cell: int, n_process: int = 1
) -> tuple[CommentTables | None, Exception | None]:
    """:func:`comment_tables`, or its error named by its type only (no comment text can
    reach a page through an error message)."""
    try:
        return comment_tables(programme, min_cell=min_cell, n_process=n_process), None
    except Exception as exc:  # noqa: BLE001 - the section says so
        return None, RuntimeError(f"comments: {type(exc).__name__}")


def compute_tables(
    programme: Programme,
    teams: list[str],
    *,
    lang: str = "fr",
    min_cell: int = 10,
    programme_did: bool = True,
    comments: bool = True,
    n_process: int = 1,
    robustness: bool = True,
) -> RunTables:
    """Compute every family's tables for ``teams`` at once.

    Parameters
    ----------
    programme : Programme
        Validated programme.
    teams : list of str
        Programme teams of the run.
    lang : {"fr", "en"}
        Language of the label columns.
    min_cell : int, default 10
        Minimum cell size the tables are published with (kept, not applied: the tables
        are computed whole; :func:`impact.report.privacy.publishable` hides when a page
        or a results file shows them).
    programme_did : bool, default True
        Also compute :func:`impact.indicators.did.did_by_indicator` (results CSV only).
    comments : bool, default True
        Also compute the comment tables (:func:`comment_tables`); the runner computes them
        first, for the programme report too, and sets :attr:`RunTables.comments` itself.
    n_process : int, default 1
        Worker processes masking and classifying the comments (the run's ``workers``).
    robustness : bool, default True
        Also run the robustness checks of the teams' effects (issue 17: their minimum
        detectable effects and the placebo-in-time of the ITS and team DiD,
        :func:`robustness_checks`), in one step after them.

    Returns
    -------
    RunTables
    """
    teams = [str(t) for t in teams]
    out = RunTables(teams=teams, lang=lang, min_cell=int(min_cell))
    started = set(started_teams(programme)["team_id"].astype(str))
    eligible = [t for t in teams if t in started]
    others = [t for t in teams if t not in started]

    def family(name, all_teams, one_team, batch_teams, single_teams=()):
        errors = out.errors.setdefault(name, {})
        with _timed(out.seconds, name):
            parts = _batch(all_teams, one_team, batch_teams, errors)
            for team in single_teams:  # as alone: most raise, which the report shows
                try:
                    parts.append(one_team(team))
                except Exception as exc:
                    errors[team] = exc
        return parts

    parts = family("indicators",
                   lambda ts: compare_periods(programme, teams=ts, months=MONTHS),
                   lambda t: compare_periods(programme, teams=[t], months=MONTHS),
                   eligible, others)  # fmt: skip
    out.indicators = _concat(parts)
    parts = family(
        "its",
        lambda ts: its_by_team(programme, teams=ts),
        lambda t: its_by_team(programme, teams=[t]),
        eligible,
        others,
    )
    out.its = ItsResult(_concat([p.effects for p in parts]), _concat([p.fitted for p in parts]))
    if programme.comparison_ids:
        parts = family(
            "did",
            lambda ts: team_did(programme, teams=ts),
            lambda t: team_did(programme, teams=[t]),
            eligible,
            others,
        )
        out.did = _concat(parts)
    answered = (
        set(programme.barometer_responses["team_id"].astype(str))
        if "team_id" in programme.barometer_responses.columns
        else set()
    )
    parts = family("barometer",
                   lambda ts: barometer_tables(programme, ts, lang=lang),
                   lambda t: team_barometer_tables(programme, t, lang=lang),
                   [t for t in teams if t in answered])  # fmt: skip
    out.barometer = _merge_dicts(parts)
    for code in questionnaire_codes(programme):  # one engine, one call per questionnaire
        view = questionnaire_programme(programme, code)
        answered = set(view.barometer_responses["team_id"].astype(str))
        parts = family("questionnaires",
                       lambda ts, v=view: barometer_tables(v, ts, lang=lang),
                       lambda t, v=view: team_barometer_tables(v, t, lang=lang),
                       [t for t in teams if t in answered])  # fmt: skip
        out.questionnaires[code] = _merge_dicts(parts)
    grouped = _prem_groups(programme, teams)
    in_groups = {t for g in grouped for t in g}
    parts = []
    for group in grouped:
        parts += family("prem",
                        lambda ts: prem_tables(programme, ts, lang=lang),
                        lambda t: team_prem_tables(programme, t, lang=lang),
                        group)  # fmt: skip
    parts += family("prem", None, lambda t: team_prem_tables(programme, t, lang=lang),
                    [], [t for t in teams if t not in in_groups])  # fmt: skip
    out.prem = _merge_dicts(parts)
    if comments:  # the whole programme's comments: one masking, one classification per run
        with _timed(out.seconds, "comments"):
            out.comments, error = safe_comment_tables(programme, min_cell, n_process)
        if error is not None:
            out.errors["comments"] = dict.fromkeys(teams, error)
    if robustness:  # minimum detectable effects, placebo-in-time
        with _timed(out.seconds, "mde"):
            out.mde = _mde(programme, out)
        robustness_checks(programme, out, family, eligible)
    if programme_did:
        with _timed(out.seconds, "did_programme"):
            try:
                out.did_programme = did_programme(programme)
            except Exception as exc:  # programme-level: the CSV is left out, reports go on
                out.errors.setdefault("did_programme", {})["*"] = exc
    return out


@contextmanager
def _timed(seconds: dict[str, float], step: str) -> Iterator[None]:
    """Add the wall time of the ``with`` block to ``seconds[step]``."""
    tick = time.perf_counter()
    try:
        yield
    finally:
        seconds[step] = seconds.get(step, 0.0) + time.perf_counter() - tick


def _mde(programme: Programme, tables: RunTables) -> pd.DataFrame | None:
    """The minimum detectable effects of every team's comparisons, from the tables just
    computed (one vectorised step; its failure is kept under ``errors["mde"]``)."""
    try:
        return mde_table(tables.indicators, programme.indicators,
                         barometer=tables.barometer.get("changes"),
                         barometer_summary=tables.barometer.get("summary"),
                         prem=tables.prem.get("deltas"),
                         power=MDE_POWER, alpha=MDE_ALPHA)  # fmt: skip
    except Exception as exc:  # noqa: BLE001 - the reports go on without the MDE lines
        tables.errors["mde"] = dict.fromkeys(tables.teams, exc)
        return None


def robustness_checks(programme: Programme, out: RunTables, family, teams: list[str]) -> None:
    """The robustness checks of the teams' effects, one step of :func:`compute_tables`.

    Placebo-in-time (:func:`impact.indicators.placebo.placebo_by_team`) from the ITS and
    team DiD tables already in ``out`` (not recomputed), for the ``teams`` whose ITS
    was computed; ``family`` runs it for all at once, then team by team on an error.
    """
    done = [t for t in teams if t not in out.errors.get("its", {})]

    def rows(table: pd.DataFrame, ts: list[str]) -> pd.DataFrame:  # none: nothing to check
        if "team_id" not in table.columns:
            return pd.DataFrame(columns=["team_id", "indicator", "measure", "estimate"])
        return table[table["team_id"].isin(ts)]

    def check(ts: list[str]) -> pd.DataFrame:
        its = rows(out.its.effects if out.its is not None else pd.DataFrame(), ts)
        did = None if out.did is None else rows(out.did, ts)  # None: no comparison unit
        return placebo_by_team(programme, teams=ts, its=its, did=did, months=MONTHS)

    out.placebo = _concat(family("placebo", check, lambda t: check([t]), done))


def did_programme(programme: Programme) -> dict[str, pd.DataFrame] | None:
    """The run's programme-level difference-in-differences, or None without it.

    :func:`impact.indicators.did.did_by_indicator` with :data:`DID_BOOT` bootstrap draws
    and seed :data:`DID_SEED` (the programme report's defaults); None when the programme
    has no comparison unit or no indicator value.
    """
    if not programme.comparison_ids or programme.indicator_values.empty:
        return None
    return did_by_indicator(programme, n_boot=DID_BOOT, seed=DID_SEED)


def open_programme(data_path: str | Path, *, lang: str = "fr") -> Programme:
    """The programme a report notebook reports on: the data at ``data_path`` (see
    :func:`impact.data.loading.load_programme`), or the demo programme
    (:func:`impact.demo.programme.demo_programme`, default size and seed) when
    ``data_path`` is empty, so a notebook runs as it is."""
    if not str(data_path):
        return demo_programme()
    return load_programme(data_path, lang=lang)


def team_results(
    programme: Programme, team_id: str, *, lang: str = "fr", min_cell: int = 10
) -> TeamResults:
    """One team's tables: :func:`compute_tables` for this team alone, sliced.

    What the team notebook computes when run alone; a report run computes every team at
    once and hands each its slice (:func:`write_team_bundles`, :func:`load_team_results`),
    which gives the same tables.
    """
    return compute_tables(
        programme, [team_id], lang=lang, min_cell=min_cell, programme_did=False
    ).team(team_id)


def _merge_dicts(parts: list[dict[str, pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    merged: dict[str, list[pd.DataFrame]] = {}
    for part in parts:
        for name, table in part.items():
            merged.setdefault(name, []).append(table)
    return {
        name: (tables[0] if len(tables) == 1 else _concat(tables))
        for name, tables in merged.items()
    }


# ------------------------------------------------------------------- per team


def team_slicer(table: pd.DataFrame | None) -> Callable[[str], pd.DataFrame | None]:
    """A function team_id → the team's rows (an empty frame with the same columns; None
    for no table), the table split by team once."""
    groups = _by_team(table)
    empty = table.iloc[:0].reset_index(drop=True) if table is not None else None
    return lambda team: groups.get(team, empty)


def _answered(slicers: dict, team: str) -> dict[str, pd.DataFrame] | None:
    """A survey family's tables for ``team`` (by name), or None when it has no row."""
    tables = {name: s(team) for name, s in slicers.items()}
    return tables if any(len(table) for table in tables.values()) else None


def _comment_slicer(comments: CommentTables | None):
    """A function team_id → ``comments.team(team_id)`` (None without comments), which
    reads the team's rows of the per-team tables only (grouped once for all teams)."""
    if comments is None:
        return lambda team: None
    tables = {name: getattr(comments, name) for name in ("shares", "changes", "quotes")}
    slicers = {name: team_slicer(table) for name, table in tables.items()
               if "team_id" in table.columns}  # as CommentTables.team selects them  # fmt: skip
    return lambda team: replace(comments, **{n: s(team) for n, s in slicers.items()}).team(team)


def results_slicer(tables: RunTables) -> Callable[[str], TeamResults]:
    """A function team_id → the team's :class:`TeamResults`: each table is split by team
    once, so that slicing every team takes time linear in the number of teams and one
    team's slice at a time can be used and let go (:func:`write_team_bundles`)."""
    ind, did, mde = (team_slicer(x) for x in (tables.indicators, tables.did, tables.mde))
    placebo = team_slicer(tables.placebo)
    its_e = team_slicer(tables.its.effects if tables.its else None)
    its_f = team_slicer(tables.its.fitted if tables.its else None)
    baro = {name: team_slicer(t) for name, t in tables.barometer.items()}
    prem = {name: team_slicer(t) for name, t in tables.prem.items()}
    quest = {code: {name: team_slicer(t) for name, t in family.items()}
             for code, family in tables.questionnaires.items()}  # fmt: skip
    comments = _comment_slicer(tables.comments)

    def one(team: str) -> TeamResults:
        errors = {family: errs[team] for family, errs in tables.errors.items() if team in errs}
        return TeamResults(team, tables.lang, tables.min_cell, {
            "indicators": ind(team),
            "its": ItsResult(its_e(team), its_f(team)),
            "did": did(team) if tables.did is not None else None,
            "barometer": _answered(baro, team),
            "questionnaires": {code: _answered(s, team) for code, s in quest.items()},
            "prem": {name: s(team) for name, s in prem.items()},
            "comments": comments(team),
            "mde": mde(team),
            "placebo": placebo(team) if tables.placebo is not None else None,
        }, errors)  # fmt: skip

    return one


def split_by_team(tables: RunTables, teams: list[str]) -> dict[str, TeamResults]:
    """Each team's :class:`TeamResults`, by team (:func:`results_slicer`)."""
    one = results_slicer(tables)
    return {team: one(team) for team in teams}


# ------------------------------------------------------------------- outputs
