"""Produce the HTML reports of a programme: compute once, render per team, in parallel.

:func:`run_reports` reads and validates the data once, then starts ``workers``
threads, each owning a kept-alive kernel (:class:`impact.run.workers.Workers`), which
start while the tables are computed; meanwhile it:

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
4. then runs ``notebooks/training_report.ipynb`` once per training of the programme
   into ``trainings/<training>.html`` (:mod:`impact.run.trainings`; none without
   training tables);
5. writes ``index.html`` (every team with its headline results, the training reports,
   the failures) and ``run.json`` (provenance, failures, timings).

Before any work the data path, the output folder (:mod:`impact.run.output_folder`) and
the team ids are checked: a refusal raises :class:`impact.errors.RunCheckError` before
any kernel starts. Everything is written into a staging folder beside ``out`` and swapped
in at the end (the previous run kept as ``DIR.previous``): a folder never mixes two
runs, and a failed or interrupted run (``KeyboardInterrupt``, or
:class:`impact.errors.RunTerminated` from a SIGTERM handler) leaves the previous one
intact, its kernels killed and its temporary files removed. Pages, ``run.json`` and
the index name the final folder, never the staging one.

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
from typing import TYPE_CHECKING

from tqdm.auto import tqdm

from impact.data.atomic import write_atomic
from impact.data.messages import t as message
from impact.errors import RunCheckError
from impact.report.labels import LANGUAGES, t
from impact.report.run_record import RunResult, TeamFailure
from impact.run.output_folder import (
    Relocation,
    check_data_path,
    check_output,
    discard,
    make_staging,
    swap_in,
)

if TYPE_CHECKING:  # pandas, the kernels' and the pages' modules load after the first line
    import pandas as pd

    from impact.data.programme import Programme
    from impact.run.dask_executor import DaskWorkers
    from impact.run.workers import Job, Outcome, Workers

__all__ = [
    "RunResult", "TeamFailure", "notebook_path", "programme_parameters", "run_reports",
    "team_parameters",
]  # fmt: skip

TEAM_NOTEBOOK = "team_report.ipynb"
PROGRAMME_NOTEBOOK = "programme_report.ipynb"
#: The certification evidence table the programme report writes in ``results/``.
EVIDENCE_FILE = "certification.csv"
#: ``team_id`` of the programme report in failures.
PROGRAMME = "programme"
#: Where the reports can run: worker threads of this process, or a Dask cluster.
EXECUTORS = ("local", "dask")


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


def programme_parameters(data_path: str, lang: str, min_cell: int, did_path: str = "",
                         evidence_path: str = "", comments_path: str = "") -> dict:  # fmt: skip
    """The parameters the runner passes to ``programme_report.ipynb`` (``evidence_path``:
    where the report writes the certification evidence table; ``comments_path``: the
    run's comment tables, masked once)."""
    return {"data_path": data_path, "lang": lang, "min_cell": min_cell, "did_path": did_path,
            "evidence_path": evidence_path, "comments_path": comments_path}  # fmt: skip


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


def _listed(ids: list[str], most: int = 10) -> str:
    """``ids`` joined by commas, the first ``most`` only (then ``…`` and the count)."""
    shown = ", ".join(ids[:most])
    return shown if len(ids) <= most else f"{shown}, … ({len(ids)})"


def _check_teams(wanted: list[str], programme: Programme, lang: str) -> None:
    """Refuse team ids that are not in the teams table (comparison units are known)."""
    unknown = [team for team in wanted if team not in set(programme.teams["team_id"])]
    if unknown:
        raise RunCheckError(message("run.unknown-teams", lang, unknown=_listed(unknown),
                                    known=_listed(list(programme.team_ids))))  # fmt: skip


def _say(progress: bool, text: str) -> None:
    """One progress line on stderr (none when ``progress`` is False)."""
    if progress:
        tqdm.write(text, file=sys.stderr)


def _say_warnings(progress: bool, problems: pd.DataFrame | None, lang: str) -> None:
    """The data's warnings on stderr before the reports, at most three per rule."""
    from impact.data.warning_groups import warning_lines

    for line in warning_lines(problems, lang):
        _say(progress, line)


def _wait(pool: Workers | DaskWorkers, n_teams: int, programme: bool, progress: bool, lang: str
          ) -> dict[str, Outcome]:  # fmt: skip
    """Collect every outcome; the bar counts team (and training) reports, the programme
    report has its own line."""
    outcomes: dict[str, Outcome] = {}
    with tqdm(total=n_teams, disable=not progress, desc=message("run.progress", lang),
              unit=message("run.unit", lang), file=sys.stderr) as bar:  # fmt: skip
        while len(outcomes) < n_teams + programme:
            outcome = pool.outcomes.get()
            outcomes[outcome.key] = outcome
            if outcome.key != PROGRAMME:
                bar.update()
            elif progress:
                bar.write(message("run.programme-done", lang) if outcome.error is None
                          else message("run.programme-failed", lang, error=outcome.error),
                          file=sys.stderr)  # fmt: skip
    return outcomes


def _check_arguments(lang: str, workers: int | None, min_cell: int, executor: str,
                     scheduler: str | None) -> int:  # fmt: skip
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {LANGUAGES}. Got {lang!r}.")
    if executor not in EXECUTORS:
        raise ValueError(f"executor must be one of {EXECUTORS}. Got {executor!r}.")
    if scheduler is not None and executor != "dask":
        raise ValueError(f"scheduler={scheduler!r} needs executor='dask'.")
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


def _programme_comments(programme: Programme, work: Path, min_cell: int
                        ) -> tuple[object, str, Exception | None]:  # fmt: skip
    """The run's comment tables (masked and classified once, in this process: worker
    processes are not forked while the kernels' threads run), their bundle for the
    programme notebook (``""`` when there are none) and their error."""
    from impact.report.bundles import write_comments_bundle
    from impact.report.results import safe_comment_tables

    tables, error = safe_comment_tables(programme, min_cell)
    if tables is None:
        return None, "", error
    return tables, str(write_comments_bundle(tables, work / "comments_programme.pkl")), None


def _precompute(programme: Programme, teams: list[str], work: Path, lang: str, min_cell: int,
                did: tuple[dict | None, str, Exception | None],
                comments: tuple[object, str, Exception | None]
                ) -> tuple[dict[str, Path], object, str | None]:  # fmt: skip
    """Tables for all teams (with the run's programme-level DiD ``did``, from
    :func:`_programme_did`, and its comment tables, from :func:`_programme_comments`) and
    the team bundles; on an unexpected error the team notebooks compute for themselves
    (slower, same reports)."""
    from impact.report.bundles import write_team_bundles
    from impact.report.results import compute_tables

    try:
        tables = compute_tables(programme, teams, lang=lang, min_cell=min_cell,
                                programme_did=False, comments=False)  # fmt: skip
        tables.did_programme, _, did_error = did
        if did_error is not None:
            tables.errors["did_programme"] = {"*": did_error}
        tables.comments, _, comments_error = comments
        if comments_error is not None:
            tables.errors["comments"] = dict.fromkeys(teams, comments_error)
        bundles = write_team_bundles(programme, tables, work / "bundles")
    except Exception as exc:  # noqa: BLE001 - degrade to standalone notebooks
        from impact.run.workers import plain_error

        return {}, None, plain_error(exc)
    return bundles, tables, None


def _write_results(tables, out: Path, min_cell: int) -> tuple[list[Path], str | None]:
    from impact.data.csv_cells import csv_text
    from impact.report.headlines import index_headlines
    from impact.run.results_files import write_results_csv
    from impact.run.workers import plain_error

    if tables is None:
        return [], None
    try:
        written = list(write_results_csv(tables, out / "results", min_cell=min_cell).values())
        heads = out / "results" / "headlines.csv"
        write_atomic(heads, csv_text(index_headlines(tables)))
        return [*written, heads], None
    except Exception as exc:  # noqa: BLE001 - the reports do not depend on it
        return [], plain_error(exc)


def _start_pool(executor: str, scheduler: str | None, n: int, work: Path, lang: str,
                restart_every: int, relocate: Relocation, shared: list[Path]
                ) -> Workers | DaskWorkers:  # fmt: skip
    """The workers of the run: threads of this process with their kernels, or a Dask
    cluster whose workers must see the ``shared`` paths."""
    if executor == "local":
        from impact.run.workers import Workers

        return Workers(n, work, lang, restart_every, relocate)
    try:
        from impact.run.dask_executor import DaskWorkers
    except ImportError as exc:
        raise RunCheckError(message("run.dask-missing", lang, reason=exc)) from None
    return DaskWorkers(n, work, lang, restart_every, relocate, scheduler, shared=shared)


def _scratch(executor: str, scheduler: str | None, staging: Path) -> Path:
    """The run's scratch folder: the system's temporary folder, or beside the output
    folder when the reports run on a cluster (whose workers read the bundles there)."""
    if executor == "dask" and scheduler is not None:
        return Path(tempfile.mkdtemp(prefix=f"{staging.name}-work-", dir=staging.parent))
    return Path(tempfile.mkdtemp(prefix="impact-run-"))


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
    restart_every: int | None = None,
    executor: str = "local",
    scheduler: str | None = None,
) -> RunResult:
    """Produce the programme report, one HTML report per team, results files and an index.

    Parameters
    ----------
    data : str, pathlib.Path or None
        A programme folder of CSV files or an XLSX workbook (see
        :func:`impact.load_programme`). ``None`` writes the demo programme to
        ``out/data`` and reports on it.
    out : str or pathlib.Path
        Output folder, replaced as a whole at the end of the run (the previous run is
        kept in ``out.previous``). Receives ``programme.html``, ``teams/<team_id>.html``,
        ``trainings/<training>.html`` (every training of the programme, whatever
        ``teams``), ``results/<family>.csv``, ``failed/`` (executed notebooks of failed
        reports), ``index.html`` and ``run.json``. It must not hold the data, nor files other than
        an impact run.
    teams : list of str, optional
        Teams to report on, in this order; default every programme team (comparison
        units excluded). An id missing from the teams table is refused.
    lang : {"fr", "en"}
        Language of the reports and of the progress lines.
    workers : int, optional
        Kernels running notebooks in parallel; default the number of CPUs this process
        may use (the affinity mask on Linux). With ``executor="dask"``, the workers of
        the local cluster (one thread and one kernel each); ignored with ``scheduler``,
        whose cluster has its own.
    min_cell : int, default 10
        Minimum cell size: smaller counts are suppressed in reports and results files.
    progress : bool, default True
        Say on stderr what is being done (reading, computing, the programme report) and
        show a progress bar of the team reports.
    programme_report : bool, default True
        Also run ``notebooks/programme_report.ipynb`` (when installed) into
        ``programme.html``.
    restart_every : int, optional
        Notebooks a kernel runs before it is replaced by a fresh one; default
        :data:`impact.run.kernel_pool.RESTART_EVERY` (100).
    executor : {"local", "dask"}
        Where the reports run: ``"local"``, threads of this process, each with its kernel;
        ``"dask"``, the workers of a Dask cluster (:mod:`impact.run.dask_executor`, extra
        ``impact[dask]``), each thread with its kernel. Pages and results are the same.
    scheduler : str, optional
        With ``executor="dask"``: address of a running Dask scheduler
        (``"tcp://host:8786"``), whose workers must see the data and the output folder's
        parent at the same paths (a shared file system); default a local cluster of
        ``workers`` processes.

    Returns
    -------
    RunResult
        Output folder, teams and trainings done, failures with their reason, elapsed
        seconds.

    Raises
    ------
    impact.errors.RunCheckError
        Before any kernel starts, for a data path that is missing or a file other than a
        workbook, an output folder that cannot be written or safely replaced, or team
        ids not in the teams table (message in ``lang``); with ``executor="dask"``, when
        Dask is not installed, the scheduler cannot be reached or its workers do not see
        the run's folders.
    impact.DataValidationError
        If the data break the data contract (checked once, before any notebook runs).
    ValueError
        For an invalid ``lang``, ``workers``, ``min_cell`` or ``executor``, or a
        ``scheduler`` without ``executor="dask"``.
    KeyboardInterrupt
        Interrupted (:class:`impact.errors.RunTerminated` for SIGTERM, when the caller
        turns it into that exception): the previous run in ``out`` is unchanged, the
        kernels are killed and the temporary files removed.

    Examples
    --------
    >>> result = run_reports(None, "reports/demo", teams=["T01"], workers=1)  # doctest: +SKIP
    >>> result.ok  # doctest: +SKIP
    ['T01']
    """
    started = time.perf_counter()
    workers = _check_arguments(lang, workers, min_cell, executor, scheduler)
    out = Path(out).resolve()
    demo = data is None
    data = None if demo else check_data_path(data, lang)
    check_output(out, data, lang)
    staging = make_staging(out, lang)
    relocate = Relocation(staging, out)
    pool: Workers | DaskWorkers | None = None
    work: Path | None = None
    try:
        if demo:
            data = staging / "data"
            _say(progress, message("run.demo", lang, path=relocate.path(data)))
            from impact.demo.programme import demo_programme

            demo_programme().to_csv(data)
        _say(progress, message("run.reading", lang, path=relocate.path(data)))
        from impact.data.loading import load_programme

        # DataValidationError goes to the caller
        programme = load_programme(data, lang=lang,
                                   progress=lambda line: _say(progress, f"  {line}"))  # fmt: skip
        _say_warnings(progress, programme.warnings, lang)
        timings: dict = {"load": round(time.perf_counter() - started, 3)}
        names = dict(zip(programme.teams["team_id"], programme.teams["name"], strict=True))
        wanted = _unique(programme.team_ids if teams is None else teams)
        _check_teams(wanted, programme, lang)
        from impact.report.training_report import training_codes
        from impact.run.kernel_pool import RESTART_EVERY
        from impact.run.trainings import training_jobs
        from impact.run.workers import Job

        try:
            programme_nb = str(notebook_path(PROGRAMME_NOTEBOOK)) if programme_report else None
        except FileNotFoundError:
            programme_nb = None
        training_nb = _training_notebook(programme)
        n_trainings = len(training_codes(programme)) if training_nb else 0
        n_jobs = len(wanted) + (programme_nb is not None) + n_trainings
        # scratch files (team bundles, the kernels' working folder, connection files and
        # sockets), removed at the end; the kernels start, and import impact, in their
        # threads while the tables are computed here.
        work = _scratch(executor, scheduler, staging)
        tick = time.perf_counter()
        if n_jobs:
            shared = [data, work, staging, notebook_path(),
                      *(nb for nb in (programme_nb, training_nb) if nb)]  # fmt: skip
            pool = _start_pool(executor, scheduler, min(workers, n_jobs), work, lang,
                               restart_every or RESTART_EVERY, relocate, shared)  # fmt: skip
        timings["start_workers"] = round(time.perf_counter() - tick, 3)
        _say(progress, message("run.computing", lang, n=len(wanted)))
        tick = time.perf_counter()
        did = _programme_did(programme, work) if n_jobs else (None, "", None)
        timings["did_programme"] = round(time.perf_counter() - tick, 3)
        tick = time.perf_counter()
        comments = _programme_comments(programme, work, min_cell) if n_jobs else (None, "", None)
        timings["comments"] = round(time.perf_counter() - tick, 3)
        if programme_nb is not None:
            pool.submit(Job(PROGRAMME, programme_nb,
                            programme_parameters(str(data), lang, min_cell, did[1],
                                                 str(staging / "results" / EVIDENCE_FILE),
                                                 comments[1]),
                            t("report.programme.title", lang), staging / "programme.html",
                            staging / "failed" / "programme_report.ipynb"))  # fmt: skip
            _say(progress, message("run.programme-start", lang))
        tick = time.perf_counter()
        bundles, tables, precompute_error = (
            _precompute(programme, wanted, work, lang, min_cell, did, comments)
            if wanted
            else ({}, None, None)
        )
        timings["precompute"] = round(time.perf_counter() - tick, 3)
        if tables is not None:  # where the precompute's time went, family by family
            timings["tables"] = {step: round(sec, 3) for step, sec in tables.seconds.items()}
        team_nb = str(notebook_path())
        for team in wanted:
            bundle = bundles.get(team)
            parameters = team_parameters(
                str(data), team, lang, min_cell, str(bundle) if bundle else ""
            )
            pool.submit(Job(team, team_nb, parameters, t("report.title", lang, name=names[team]),
                            staging / "teams" / f"{team}.html",
                            staging / "failed" / f"{team}.ipynb"))  # fmt: skip
        trainings = (training_jobs(programme, training_nb, data, work, staging, lang, min_cell)
                     if training_nb else {})  # fmt: skip
        for job in trainings.values():
            pool.submit(job)
        written, results_error = _write_results(tables, staging, min_cell)
        precompute_error = precompute_error or results_error
        outcomes = (
            _wait(pool, len(wanted) + len(trainings), programme_nb is not None, progress, lang)
            if pool
            else {}
        )
        if pool is not None:
            pool.close()
        if (staging / "results" / EVIDENCE_FILE).is_file():  # written by the programme report
            written.append(staging / "results" / EVIDENCE_FILE)
        result = _finish(
            out, relocate, programme, data, outcomes, wanted, programme_nb, names, trainings,
            [relocate.path(p) for p in written], precompute_error, tables, timings,
            dict(teams=teams, lang=lang, workers=workers, min_cell=min_cell, demo=demo,
                 executor=executor, scheduler=scheduler),
            started,
        )  # fmt: skip
        swap_in(staging, out)
    except BaseException:
        if pool is not None:
            pool.abort()
        discard(staging)
        raise
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
    return result


def _training_notebook(programme: Programme) -> str | None:
    """The training notebook when the programme has trainings and it is installed."""
    if programme.training_sessions.empty:
        return None
    from impact.run.trainings import TRAINING_NOTEBOOK

    try:
        return str(notebook_path(TRAINING_NOTEBOOK))
    except FileNotFoundError:
        return None


def _finish(out: Path, relocate: Relocation, programme: Programme, data: Path,
            outcomes: dict[str, Outcome], wanted: list[str], programme_nb: str | None,
            names: dict, trainings: dict[str, Job], written: list[Path],
            precompute_error: str | None, tables, timings: dict, parameters: dict,
            started: float) -> RunResult:  # fmt: skip
    """The run's result; ``run.json`` and ``index.html`` written in the staging folder,
    naming the final folder ``out``."""
    from impact.report.headlines import index_headlines
    from impact.report.index import index_html
    from impact.report.team_card import package_version
    from impact.report.training_report import training_title
    from impact.run.kernel_pool import KERNEL_NAME

    ok = []
    programme_page = None
    ordered: list[TeamFailure] = []

    def failure(key: str, report: str = "team", name: str | None = None) -> TeamFailure:
        notebook = outcomes[key].notebook
        kept = relocate.path(notebook) if notebook else None
        return TeamFailure(name or key, outcomes[key].error, kept, report=report)

    if programme_nb is not None:
        if outcomes[PROGRAMME].error is None:
            programme_page = out / "programme.html"
        else:
            ordered.append(failure(PROGRAMME, report="programme"))
    for team in wanted:
        if outcomes[team].error is None:
            ok.append(team)
        else:
            ordered.append(failure(team))
    done = []
    for code, job in trainings.items():
        if outcomes[job.key].error is None:
            done.append(code)
        else:
            ordered.append(failure(job.key, report="training", name=code))
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
        trainings={code: training_title(programme.training_sessions, code) for code in done},
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
        "parameters": parameters,
        "data": str(relocate.path(data)),
        "inputs": [
            {**entry, "path": relocate(entry["path"])} for entry in _inputs(programme, data)
        ],  # fmt: skip
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
        "trainings": {
            "ok": done,
            "failed": [failure_entry(f) for f in ordered if f.report == "training"],
        },
        "results": [str(p.relative_to(out)) for p in written],
        "results_error": precompute_error,
        "kernel": KERNEL_NAME,
        "elapsed_seconds": round(result.elapsed, 2),
        "timings_seconds": {k: v for k, v in timings.items() if k != "cells"},
    }
    staging = relocate.staging
    write_atomic(staging / "run.json", json.dumps(provenance, ensure_ascii=False, indent=2) + "\n")
    heads = index_headlines(tables) if tables is not None else None
    write_atomic(
        staging / "index.html",
        relocate(index_html(result, names, provenance, lang=parameters["lang"],
                            headlines=heads, min_cell=parameters["min_cell"],
                            teams=programme.teams)),
    )  # fmt: skip
    return result
