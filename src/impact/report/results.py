"""Compute once, render per team: every team's effect tables for a report run.

A team report shows five families of tables: before/after indicators
(:func:`impact.indicators.periods.compare_periods`), interrupted time series
(:func:`impact.indicators.trends.its_by_team`), difference-in-differences against the
comparison units (:func:`impact.indicators.did.team_did`), the barometer
(:func:`impact.report.barometer_tables.team_barometer_tables`) and patient experience
(:func:`impact.report.prem_tables.team_prem_tables`). :func:`compute_tables` computes each family
once for all the run's teams with the library's vectorised functions;
:func:`write_results_csv` writes them as the researchers' CSV files (small cells
suppressed); :func:`write_team_bundles` saves, per team, the team's slice of every
table with the team's part of the validated programme, which the team notebook loads
(:func:`load_team_results`) instead of reading the data and computing again. Both are the
same computation: a notebook run alone calls :func:`team_results`, which is
:func:`compute_tables` for one team, sliced. :func:`did_programme` is the programme-level
difference-in-differences, computed once per run (:func:`write_did_bundle` hands it to the
programme notebook).
"""

from __future__ import annotations

import os
import pickle
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from impact.data.loading import load_programme
from impact.data.programme import INPUT_TABLES, Programme
from impact.demo.programme import demo_programme
from impact.indicators.did import did_by_indicator, team_did
from impact.indicators.periods import compare_periods, started_teams
from impact.indicators.trends import its_by_team
from impact.prem.scoring import PREM_COVARIATES
from impact.report.barometer_tables import barometer_tables, team_barometer_tables
from impact.report.prem_tables import prem_tables, team_prem_tables
from impact.report.privacy import publishable
from impact.stats.its import ItsResult

__all__ = [
    "FAMILIES",
    "RunTables",
    "TeamResults",
    "compute_tables",
    "did_programme",
    "load_did_bundle",
    "load_team_results",
    "open_programme",
    "shape_text",
    "team_results",
    "write_did_bundle",
    "write_results_csv",
    "write_team_bundles",
]

#: Months before and after the start compared by the report's indicator table.
MONTHS = 12
#: Bootstrap draws and seed of the programme-level DiD (as the programme report).
DID_BOOT, DID_SEED = 499, 0
#: Results files: family name → (attribute of RunTables, key within it or None).
FAMILIES = {
    "indicators": ("indicators", None),
    "its": ("its", None),
    "did": ("did", None),
    "did_programme": ("did_programme", "overall"),
    "did_event_study": ("did_programme", "event_study"),
    "barometer_scores": ("barometer", "summary"),
    "barometer_changes": ("barometer", "changes"),
    "barometer_gaps": ("barometer", "gaps"),
    "barometer_joint": ("barometer", "joint"),
    "prem_levels": ("prem", "levels"),
    "prem_deltas": ("prem", "deltas"),
    "prem_items": ("prem", "items"),
    "prem_topbox": ("prem", "topbox"),
    "proms": ("prem", "proms"),
}
_BUNDLE_VERSION = 1


@dataclass
class TeamResults:
    """One team's tables, as the team notebook shows them.

    Each attribute equals what the library returns for this team alone:
    ``indicators`` = ``compare_periods(programme, teams=[team_id], months=12)``,
    ``its`` = ``its_by_team(programme, teams=[team_id])``, ``did`` =
    ``team_did(programme, teams=[team_id])`` (None without comparison units),
    ``barometer`` = ``team_barometer_tables(programme, team_id, …)`` (None when the team
    has no barometer answer), ``prem`` = ``team_prem_tables(programme, team_id, …)``.
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
    def prem(self) -> dict[str, pd.DataFrame]:
        return self._get("prem")


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
    did_programme : dict of str to pandas.DataFrame or None
        :func:`impact.indicators.did.did_by_indicator` (programme level, CSV only).
    errors : dict
        ``{family: {team_id: exception}}`` for the teams a family could not be
        computed for: their reports say so in plain words in that section and under
        "what could not be computed" (an indicators failure fails the report).
    """

    teams: list[str]
    lang: str
    min_cell: int
    indicators: pd.DataFrame | None = None
    its: ItsResult | None = None
    did: pd.DataFrame | None = None
    barometer: dict[str, pd.DataFrame] = field(default_factory=dict)
    prem: dict[str, pd.DataFrame] = field(default_factory=dict)
    did_programme: dict[str, pd.DataFrame] | None = None
    errors: dict[str, dict[str, BaseException]] = field(default_factory=dict)

    def __repr__(self) -> str:
        families = [*_TEAM_FAMILIES, "did_programme"]
        shapes = ", ".join(f"{f}={shape_text(getattr(self, f))}" for f in families)
        failed = sum(len(errs) for errs in self.errors.values())
        return (f"RunTables({len(self.teams)} teams, lang={self.lang!r}, "
                f"min_cell={self.min_cell}; {shapes}; failures: {failed})")  # fmt: skip

    def team(self, team_id: str) -> TeamResults:
        """The team's slice of every family (slow: use :func:`write_team_bundles` for many)."""
        return _team_results(self, [team_id])[team_id]


_TEAM_FAMILIES = ("indicators", "its", "did", "barometer", "prem")


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


def compute_tables(
    programme: Programme,
    teams: list[str],
    *,
    lang: str = "fr",
    min_cell: int = 10,
    programme_did: bool = True,
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
    if programme_did:
        try:
            out.did_programme = did_programme(programme)
        except Exception as exc:  # programme-level: the CSV is left out, reports go on
            out.errors.setdefault("did_programme", {})["*"] = exc
    return out


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


def _slicer(table: pd.DataFrame | None):
    """A function team_id → the team's rows (an empty frame with the same columns)."""
    groups = _by_team(table)
    empty = table.iloc[:0].reset_index(drop=True) if table is not None else None
    return lambda team: groups.get(team, empty)


def _team_results(tables: RunTables, teams: list[str]) -> dict[str, TeamResults]:
    ind, did = _slicer(tables.indicators), _slicer(tables.did)
    its_e = _slicer(tables.its.effects if tables.its else None)
    its_f = _slicer(tables.its.fitted if tables.its else None)
    baro = {name: _slicer(t) for name, t in tables.barometer.items()}
    prem = {name: _slicer(t) for name, t in tables.prem.items()}
    out = {}
    for team in teams:
        errors = {family: errs[team] for family, errs in tables.errors.items() if team in errs}
        has_baro = any(len(s(team)) for s in baro.values())
        out[team] = TeamResults(team, tables.lang, tables.min_cell, {
            "indicators": ind(team),
            "its": ItsResult(its_e(team), its_f(team)),
            "did": did(team) if tables.did is not None else None,
            "barometer": {name: s(team) for name, s in baro.items()} if has_baro else None,
            "prem": {name: s(team) for name, s in prem.items()},
        }, errors)  # fmt: skip
    return out


def _team_programmes(programme: Programme, teams: list[str]) -> dict[str, Programme]:
    """:meth:`Programme.team` for many teams (each input table split once)."""
    split = {}
    for name in INPUT_TABLES:
        frame = getattr(programme, name)
        if "team_id" in frame.columns:
            split[name] = (_slicer(frame), frame)
    truth = _slicer(programme.truth) if programme.truth is not None else None
    return {
        team: replace(
            programme,
            **{name: s(team) for name, (s, _) in split.items()},
            truth=truth(team) if truth is not None else None,
        )
        for team in teams
    }


def write_team_bundles(programme: Programme, tables: RunTables, folder: str | Path
                       ) -> dict[str, Path]:  # fmt: skip
    """Save each team's part of the programme and its tables for the team notebook.

    Returns
    -------
    dict of str to pathlib.Path
        Bundle file per team (``folder/<team_id>.pkl``; pickle: read only files you
        wrote).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    results = _team_results(tables, tables.teams)
    programmes = _team_programmes(programme, tables.teams)
    paths = {}
    for team in tables.teams:
        bundle = {"version": _BUNDLE_VERSION, "team_id": team, "lang": tables.lang,
                  "min_cell": tables.min_cell, "programme": programmes[team],
                  "results": results[team]}  # fmt: skip
        paths[team] = folder / f"{team}.pkl"
        with paths[team].open("xb") as fh:
            pickle.dump(bundle, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return paths


def load_team_results(path: str | Path, *, team_id: str, lang: str, min_cell: int
                      ) -> tuple[Programme, TeamResults]:  # fmt: skip
    """Load a bundle written by :func:`write_team_bundles` for the team notebook.

    Returns the team's part of the validated programme (teams table, the team's rows,
    every catalogue, sources) and its :class:`TeamResults`.

    Raises
    ------
    ValueError
        If the bundle was computed for another team, language or minimum cell size.
    """
    with Path(path).open("rb") as fh:
        bundle = pickle.load(fh)
    got = (bundle.get("version"), bundle.get("team_id"), bundle.get("lang"), bundle.get("min_cell"))
    if got != (_BUNDLE_VERSION, team_id, lang, min_cell):
        raise ValueError(
            f"{path} holds results for (version, team, lang, min_cell) = {got!r},"
            f" not {(_BUNDLE_VERSION, team_id, lang, min_cell)!r}."
        )
    return bundle["programme"], bundle["results"]


def write_did_bundle(did: dict[str, pd.DataFrame], path: str | Path) -> Path:
    """Save the run's :func:`did_programme` for the programme notebook (pickle: read only
    files you wrote); :func:`load_did_bundle` reads it back."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("xb") as fh:
        pickle.dump({"version": _BUNDLE_VERSION, "did_programme": did}, fh,
                    protocol=pickle.HIGHEST_PROTOCOL)  # fmt: skip
    return path


def load_did_bundle(path: str | Path) -> dict[str, pd.DataFrame]:
    """Load the programme-level DiD saved by :func:`write_did_bundle`.

    Raises
    ------
    ValueError
        If the file was written by another version of the bundle format.
    """
    with Path(path).open("rb") as fh:
        bundle = pickle.load(fh)
    if bundle.get("version") != _BUNDLE_VERSION:
        raise ValueError(f"{path} holds a bundle of version {bundle.get('version')!r}, "
                         f"not {_BUNDLE_VERSION!r}.")  # fmt: skip
    return bundle["did_programme"]


# ------------------------------------------------------------------- outputs


def _family_table(tables: RunTables, family: str) -> pd.DataFrame | None:
    attr, key = FAMILIES[family]
    value = getattr(tables, attr)
    if isinstance(value, ItsResult):
        value = value.effects
    if key is not None:
        value = value.get(key) if value else None
    return value if value is not None and len(value.columns) else None


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write via a temporary file in the same folder, then rename: complete or absent."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}.tmp")
    try:
        if isinstance(data, str):
            with tmp.open("x", encoding="utf-8", newline="") as fh:
                fh.write(data)
        else:
            with tmp.open("xb") as fh:
                fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_results_csv(tables: RunTables, folder: str | Path, *, min_cell: int
                      ) -> dict[str, Path]:  # fmt: skip
    """Write one CSV per family (all the run's teams), small cells suppressed.

    Made publishable by :func:`impact.report.privacy.publishable` (counts of people under
    ``min_cell``, the statistics computed from them and every aggregate that would give
    them back are blanked; column ``suppressed``). UTF-8,
    comma-separated, decimal point. Families without data are not written.

    Returns
    -------
    dict of str to pathlib.Path
        File written per family.
    """
    folder = Path(folder)
    written = {}
    shown = publishable({family: _family_table(tables, family) for family in FAMILIES}, min_cell)
    for family, table in shown.items():
        if table is None:
            continue
        text = table.to_csv(index=False, date_format="%Y-%m-%d")
        written[family] = folder / f"{family}.csv"
        write_atomic(written[family], text)
    return written
