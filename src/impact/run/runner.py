"""Produce the HTML reports of a programme: compute once, render per team, in parallel.

:func:`run_reports` starts ``workers`` threads, each owning a kept-alive kernel
(:class:`impact.run.workers.Workers`), which start while the data are validated
once; then it:

1. computes the programme-level difference-in-differences once
   (:func:`impact.report.results.did_programme`, for ``results/did_programme.csv``) and
   hands the programme report (``notebooks/programme_report.ipynb``, parameter
   ``did_path``: the notebook loads it instead of computing it again) to the first free
   worker;
2. meanwhile computes every family's tables for all teams in this process
   (:func:`impact.report.results.compute_tables`), writes them to ``results/*.csv`` (small
   cells suppressed) and saves each team's slice with its part of the validated data
   (:func:`impact.report.bundles.write_team_bundles`);
3. runs ``notebooks/team_report.ipynb`` once per team with papermill in the workers'
   kernels (parameter ``results_path``: the notebook loads its slice instead of reading
   and computing), exports each to self-contained HTML without code;
4. writes ``index.html`` (every team with its headline results, the failures) and
   ``run.json`` (provenance, failures, timings).

Workers are threads, not processes: the work runs in the kernels (one process each);
a worker thread only relays kernel messages and exports HTML, so nothing is spawned or
imported again per worker. A report that fails is recorded (error in plain words,
executed notebook kept in ``failed/``), never fatal to the others. Every file is written
atomically (temporary file, then rename).
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from tqdm.auto import tqdm

from impact.data.programme import Programme
from impact.report.headlines import index_headlines
from impact.report.index import index_html
from impact.report.labels import LANGUAGES, t
from impact.report.run_record import RunResult, TeamFailure
from impact.report.team_card import package_version
from impact.run.atomic import write_atomic
from impact.run.kernel_pool import KERNEL_NAME, RESTART_EVERY
from impact.run.workers import Job, Outcome, Workers, plain_error

__all__ = [
    "RunResult", "TeamFailure", "notebook_path", "programme_parameters", "run_reports",
    "team_parameters",
]  # fmt: skip

TEAM_NOTEBOOK = "team_report.ipynb"
PROGRAMME_NOTEBOOK = "programme_report.ipynb"
#: ``team_id`` of the programme report in failures.
PROGRAMME = "programme"


def notebook_path(name: str = TEAM_NOTEBOOK) -> Path:
    """Return the path of a report notebook (source checkout or installed wheel)."""
    package = Path(__file__).resolve().parents[1]
    for candidate in (
        package.parents[1] / "notebooks" / name,
        package / "_bundled" / "notebooks" / name,
    ):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"impact's notebook {name!r} is missing from the installation.")


def team_parameters(
    data_path: str, team_id: str, lang: str, min_cell: int, results_path: str = ""
) -> dict:
    """The parameters the runner passes to ``team_report.ipynb``."""
    return {
        "data_path": data_path,
        "team_id": team_id,
        "lang": lang,
        "min_cell": min_cell,
        "results_path": results_path,
    }


def programme_parameters(data_path: str, lang: str, min_cell: int, did_path: str = "") -> dict:
    """The parameters the runner passes to ``programme_report.ipynb``."""
    return {"data_path": data_path, "lang": lang, "min_cell": min_cell, "did_path": did_path}


# --------------------------------------------------------------------- helpers


def _cpu_count() -> int:
    """CPUs this process may use (honours container/affinity limits where known)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _inputs(programme: Programme, data: Path) -> list[dict[str, str]]:
    """One entry per table: file read and its SHA-256 (from ``programme.sources``)."""
    entries = []
    for table, source in programme.sources.items():
        digest = source.sha256
        file = Path(source.path.split("#", 1)[0])
        if not digest and file.is_file():
            digest = _sha256(file)
        entries.append({"table": table, "path": source.path, "sha256": digest})
    if not entries and data.is_file():
        entries.append({"table": "*", "path": str(data), "sha256": _sha256(data)})
    return entries


def _unique(ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(str(i) for i in ids))


def _check_arguments(lang: str, workers: int | None, min_cell: int) -> int:
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {LANGUAGES}. Got {lang!r}.")
    if workers is None:
        workers = _cpu_count()
    if not isinstance(workers, int) or isinstance(workers, bool) or workers < 1:
        raise ValueError(f"workers must be a whole number >= 1. Got {workers!r}.")
    if not isinstance(min_cell, int) or isinstance(min_cell, bool) or min_cell < 1:
        raise ValueError(f"min_cell must be a whole number >= 1. Got {min_cell!r}.")
    return workers


def _programme_did(programme: Programme, work: Path) -> tuple[dict | None, str, Exception | None]:
    """The run's programme-level DiD, its bundle for the programme notebook (``""`` when
    there is none: the notebook then says why, or meets the same error) and its error."""
    from impact.report.bundles import write_did_bundle
    from impact.report.results import did_programme

    try:
        did = did_programme(programme)
    except Exception as exc:  # noqa: BLE001 - programme-level: the CSV is left out
        return None, "", exc
    if did is None:
        return None, "", None
    return did, str(write_did_bundle(did, work / "did_programme.pkl")), None


def _precompute(programme: Programme, teams: list[str], work: Path, lang: str, min_cell: int,
                did: tuple[dict | None, str, Exception | None]
                ) -> tuple[dict[str, Path], object, str | None]:  # fmt: skip
    """Tables for all teams (with the run's programme-level DiD ``did``, from
    :func:`_programme_did`) and the team bundles; on an unexpected error the team
    notebooks compute for themselves (slower, same reports)."""
    from impact.report.bundles import write_team_bundles
    from impact.report.results import compute_tables

    try:
        tables = compute_tables(programme, teams, lang=lang, min_cell=min_cell,
                                programme_did=False)  # fmt: skip
        tables.did_programme, _, did_error = did
        if did_error is not None:
            tables.errors["did_programme"] = {"*": did_error}
        bundles = write_team_bundles(programme, tables, work / "bundles")
    except Exception as exc:  # noqa: BLE001 - degrade to standalone notebooks
        return {}, None, plain_error(exc)
    return bundles, tables, None


def _write_results(tables, out: Path, min_cell: int) -> tuple[list[Path], str | None]:
    from impact.data.csv_cells import csv_text
    from impact.run.results_files import write_results_csv

    if tables is None:
        return [], None
    try:
        written = list(write_results_csv(tables, out / "results", min_cell=min_cell).values())
        heads = out / "results" / "headlines.csv"
        write_atomic(heads, csv_text(index_headlines(tables)))
        return [*written, heads], None
    except Exception as exc:  # noqa: BLE001 - the reports do not depend on it
        return [], plain_error(exc)


# ------------------------------------------------------------------------ run


def run_reports(
    data: str | Path | None,
    out: str | Path,
    *,
    teams: list[str] | None = None,
    lang: str = "fr",
    workers: int | None = None,
    min_cell: int = 10,
    progress: bool = True,
    programme_report: bool = True,
    restart_every: int = RESTART_EVERY,
) -> RunResult:
    """Produce the programme report, one HTML report per team, results files and an index.

    Parameters
    ----------
    data : str, pathlib.Path or None
        A programme folder of CSV files or an XLSX workbook (see
        :func:`impact.load_programme`). ``None`` writes the demo programme to
        ``out/data`` and reports on it.
    out : str or pathlib.Path
        Output folder, created if needed. Receives ``programme.html``,
        ``teams/<team_id>.html``, ``results/<family>.csv``, ``failed/`` (executed
        notebooks of failed reports), ``index.html`` and ``run.json``.
    teams : list of str, optional
        Teams to report on, in this order; default every programme team (comparison
        units excluded). An unknown team is recorded as a failure.
    lang : {"fr", "en"}
        Language of the reports.
    workers : int, optional
        Kernels running notebooks in parallel; default the number of CPUs this process
        may use (the affinity mask on Linux).
    min_cell : int, default 10
        Minimum cell size: smaller counts are suppressed in reports and results files.
    progress : bool, default True
        Show a progress bar.
    programme_report : bool, default True
        Also run ``notebooks/programme_report.ipynb`` (when installed) into
        ``programme.html``.
    restart_every : int, default 100
        Notebooks a kernel runs before it is replaced by a fresh one.

    Returns
    -------
    RunResult
        Output folder, teams done, failures with their reason, elapsed seconds.

    Raises
    ------
    impact.DataValidationError
        If the data break the data contract (checked once, before any notebook runs).
    ValueError
        For an invalid ``lang``, ``workers`` or ``min_cell``.

    Examples
    --------
    >>> result = run_reports(None, "reports/demo", teams=["T01"], workers=1)  # doctest: +SKIP
    >>> result.ok  # doctest: +SKIP
    ['T01']
    """
    started = time.perf_counter()
    workers = _check_arguments(lang, workers, min_cell)
    from impact.data.loading import load_programme

    out = Path(out).resolve()
    # scratch files (team bundles, the kernels' working folder), removed at the end
    work = Path(tempfile.mkdtemp(prefix="impact-run-"))
    # The kernels start, and import impact, in their threads while the data are written
    # and validated here: the first reports do not wait for them.
    most = len(_unique(teams)) + programme_report if teams is not None else workers
    pool = Workers(max(1, min(workers, most)), work, lang, restart_every)
    outcomes: dict[str, Outcome] = {}
    precompute_error, written, tables = None, [], None
    try:
        demo = data is None
        if demo:
            from impact.demo.programme import demo_programme

            demo_programme().to_csv(out / "data")
            data = out / "data"
        data = Path(data).resolve()
        programme = load_programme(data, lang=lang)  # DataValidationError goes to the caller
        timings: dict = {"load": round(time.perf_counter() - started, 3)}
        out.mkdir(parents=True, exist_ok=True)

        known = set(programme.teams["team_id"])
        names = dict(zip(programme.teams["team_id"], programme.teams["name"], strict=True))
        wanted = _unique(programme.team_ids if teams is None else teams)
        failures: dict[str, TeamFailure] = {
            team: TeamFailure(team, t("index.unknown-team", lang))
            for team in wanted
            if team not in known
        }
        to_run = [team for team in wanted if team not in failures]
        try:
            programme_nb = str(notebook_path(PROGRAMME_NOTEBOOK)) if programme_report else None
        except FileNotFoundError:
            programme_nb = None
        n_jobs = len(to_run) + (programme_nb is not None)
        tick = time.perf_counter()
        did = _programme_did(programme, work) if n_jobs else (None, "", None)
        timings["did_programme"] = round(time.perf_counter() - tick, 3)
        if programme_nb is not None:
            pool.submit(Job(PROGRAMME, programme_nb,
                             programme_parameters(str(data), lang, min_cell, did[1]),
                             t("report.programme.title", lang), out / "programme.html",
                             out / "failed" / "programme_report.ipynb"))  # fmt: skip
        tick = time.perf_counter()
        bundles, tables, precompute_error = (
            _precompute(programme, to_run, work, lang, min_cell, did)
            if to_run
            else ({}, None, None)
        )
        timings["precompute"] = round(time.perf_counter() - tick, 3)
        team_nb = str(notebook_path())
        for team in to_run:
            bundle = bundles.get(team)
            parameters = team_parameters(
                str(data), team, lang, min_cell, str(bundle) if bundle else ""
            )
            pool.submit(
                Job(
                    team,
                    team_nb,
                    parameters,
                    t("report.title", lang, name=names[team]),
                    out / "teams" / f"{team}.html",
                    out / "failed" / f"{team}.ipynb",
                )
            )
        written, results_error = _write_results(tables, out, min_cell)
        precompute_error = precompute_error or results_error
        with tqdm(total=n_jobs, disable=not progress, desc=t("index.progress", lang),
                  unit=t("index.unit", lang)) as bar:  # fmt: skip
            while len(outcomes) < n_jobs:
                outcome = pool.outcomes.get()
                outcomes[outcome.key] = outcome
                bar.update()
        pool.close()
    except BaseException:
        pool.abort()
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)

    ok = []
    programme_page = None
    ordered: list[TeamFailure] = []
    if programme_nb is not None:
        outcome = outcomes[PROGRAMME]
        if outcome.error is None:
            programme_page = out / "programme.html"
        else:
            ordered.append(TeamFailure(PROGRAMME, outcome.error,
                                       Path(outcome.notebook) if outcome.notebook else None,
                                       report="programme"))  # fmt: skip
    for team in wanted:
        if team in failures:
            ordered.append(failures[team])
            continue
        outcome = outcomes[team]
        if outcome.error is None:
            ok.append(team)
        else:
            ordered.append(
                TeamFailure(
                    team, outcome.error, Path(outcome.notebook) if outcome.notebook else None
                )
            )
    timings["reports"] = {key: round(o.seconds, 3) for key, o in outcomes.items()}
    timings["cells"] = {key: o.cells for key, o in outcomes.items()}
    result = RunResult(
        out=out,
        ok=ok,
        failures=ordered,
        elapsed=time.perf_counter() - started,
        programme=programme_page,
        results=written,
        timings=timings,
    )

    def failure_entry(f: TeamFailure) -> dict:
        return {
            "team_id": f.team_id,
            "error": f.error,
            "notebook": str(f.notebook.relative_to(out)) if f.notebook else None,
        }

    programme_failure = next((f for f in ordered if f.report == "programme"), None)
    provenance = {
        "package": "impact",
        "version": package_version(),
        "created": datetime.now().astimezone().isoformat(timespec="seconds"),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "parameters": {
            "teams": teams,
            "lang": lang,
            "workers": workers,
            "min_cell": min_cell,
            "demo": demo,
        },  # fmt: skip
        "data": str(data),
        "inputs": _inputs(programme, data),
        "programme": None
        if programme_nb is None
        else {
            "report": "programme.html" if programme_page else None,
            "error": programme_failure.error if programme_failure else None,
            "notebook": failure_entry(programme_failure)["notebook"] if programme_failure else None,
        },  # fmt: skip
        "teams": {
            "ok": ok,
            "failed": [failure_entry(f) for f in ordered if f.report == "team"],
        },
        "results": [str(p.relative_to(out)) for p in written],
        "results_error": precompute_error,
        "kernel": KERNEL_NAME,
        "elapsed_seconds": round(result.elapsed, 2),
        "timings_seconds": {k: v for k, v in timings.items() if k != "cells"},
    }
    write_atomic(out / "run.json", json.dumps(provenance, ensure_ascii=False, indent=2) + "\n")
    heads = index_headlines(tables) if tables is not None else None
    write_atomic(
        out / "index.html",
        index_html(
            result,
            names,
            provenance,
            lang=lang,
            headlines=heads,
            min_cell=min_cell,
            teams=programme.teams,
        ),  # fmt: skip
    )
    return result
