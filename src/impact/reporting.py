"""Produce the HTML team reports: run the team notebook once per team, export it, index it.

:func:`run_reports` checks the data once, executes ``notebooks/team_report.ipynb`` with
papermill for every team (in parallel processes, a fresh kernel each), converts each
result to a self-contained HTML page without code, and writes ``index.html`` and
``run.json`` (provenance). A team whose notebook fails is recorded, not fatal.
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
import uuid
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from multiprocessing import get_context
from pathlib import Path

from jupyter_client.kernelspec import KernelSpec
from jupyter_client.manager import AsyncKernelManager
from nbconvert import HTMLExporter
from tqdm.auto import tqdm
from traitlets import CaselessStrEnum

from impact.i18n import LANGUAGES, t
from impact.index_page import index_html
from impact.programme import Programme
from impact.team_card import package_version

__all__ = ["RunResult", "TeamFailure", "notebook_path", "run_reports"]

#: Kernel the notebooks run in: always this very interpreter (see _LocalKernelManager).
KERNEL_NAME = "python3"
#: Seconds a single notebook cell may run before the team is recorded as failed.
CELL_TIMEOUT = 600
TEAM_NOTEBOOK = "team_report.ipynb"
TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"


@dataclass(frozen=True)
class TeamFailure:
    """A team whose report could not be produced.

    Attributes
    ----------
    team_id : str
        The team.
    error : str
        What went wrong, in plain words (the exception's name and message).
    notebook : pathlib.Path or None
        The executed notebook kept for inspection (``out/failed/<team_id>.ipynb``), if
        execution got that far.
    """

    team_id: str
    error: str
    notebook: Path | None = None


@dataclass(frozen=True)
class RunResult:
    """What :func:`run_reports` produced.

    Attributes
    ----------
    out : pathlib.Path
        Output folder (``index.html``, ``run.json``, ``teams/``, ``failed/``).
    ok : list of str
        Teams whose report was written, in the order asked.
    failures : list of TeamFailure
        Teams whose report was not written, with the reason.
    elapsed : float
        Wall-clock seconds of the whole run.
    """

    out: Path
    ok: list[str] = field(default_factory=list)
    failures: list[TeamFailure] = field(default_factory=list)
    elapsed: float = 0.0


def notebook_path(name: str = TEAM_NOTEBOOK) -> Path:
    """Return the path of a report notebook (source checkout or installed wheel)."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parents[1] / "notebooks" / name, here / "_bundled" / "notebooks" / name):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"impact's notebook {name!r} is missing from the installation.")


class _LocalKernelManager(AsyncKernelManager):
    """Kernel manager that runs ``python3`` notebooks in the current interpreter.

    Whatever kernelspecs the machine has registered, kernel ``python3`` is ipykernel
    started with ``sys.executable`` (so inside the virtual environment running impact).
    On POSIX it talks over IPC sockets rather than TCP ports, so kernels started in
    parallel cannot collide on a port (papermill issue #511).
    """

    transport = CaselessStrEnum(
        ["tcp", "ipc"], default_value="tcp" if os.name == "nt" else "ipc", config=True
    )

    def _ip_default(self) -> str:
        # Each kernel gets its own socket prefix: jupyter_client's default ("kernel-ipc"
        # in the current folder, numbered by checking which files exist) races between
        # kernels started at the same time by parallel workers.
        if self.transport == "ipc":
            return str(Path(tempfile.gettempdir()) / f"impact-kernel-{uuid.uuid4().hex[:16]}")
        return super()._ip_default()

    @property
    def kernel_spec(self) -> KernelSpec | None:
        if self._kernel_spec is None and self.kernel_name == KERNEL_NAME:
            from ipykernel.kernelspec import RESOURCES, get_kernel_dict

            self._kernel_spec = KernelSpec(resource_dir=RESOURCES, **get_kernel_dict())
        return super().kernel_spec


@dataclass(frozen=True)
class _TeamJob:
    """Everything a worker process needs to produce one team's report."""

    notebook: str
    data_path: str
    team_id: str
    lang: str
    min_cell: int
    title: str
    out: str
    work: str


@cache
def _exporter(lang: str) -> HTMLExporter:
    """HTML exporter without code, prompts or network resources (one per process)."""
    return HTMLExporter(
        template_name="impact_html",
        extra_template_basedirs=[str(TEMPLATE_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        language_code=lang,
    )


def _write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same folder (umask applies)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}.tmp")
    try:
        with tmp.open("x", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _run_team(job: _TeamJob) -> tuple[str, str | None, str | None]:
    """Execute and export one team's report; return (team_id, error, failed notebook)."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    out = Path(job.out)
    executed = Path(job.work) / f"{job.team_id}.ipynb"
    report = out / "teams" / f"{job.team_id}.html"
    failed = out / "failed" / f"{job.team_id}.ipynb"
    try:
        nb = papermill.execute_notebook(
            job.notebook,
            str(executed),
            parameters={
                "data_path": job.data_path,
                "team_id": job.team_id,
                "lang": job.lang,
                "min_cell": job.min_cell,
            },
            kernel_name=KERNEL_NAME,
            progress_bar=False,
            request_save_on_cell_execute=False,
            execution_timeout=CELL_TIMEOUT,
            cwd=job.work,
            kernel_manager_class=_LocalKernelManager,
            shutdown_kernel="immediate",
        )
        body, _ = _exporter(job.lang).from_notebook_node(
            nb, resources={"metadata": {"name": job.title}}
        )
        _write_atomic(report, body)
    except Exception as exc:  # one team's failure must not stop the others
        if isinstance(exc, PapermillExecutionError):
            error = f"{exc.ename}: {exc.evalue}"
        else:
            error = f"{type(exc).__name__}: {exc}"
        report.unlink(missing_ok=True)
        kept = None
        if executed.is_file():
            failed.parent.mkdir(parents=True, exist_ok=True)
            os.replace(executed, failed)
            kept = str(failed)
        return job.team_id, error, kept
    failed.unlink(missing_ok=True)
    executed.unlink(missing_ok=True)
    return job.team_id, None, None


def _execute(jobs: list[_TeamJob], workers: int, bar: tqdm) -> dict[str, tuple]:
    """Run the jobs, in this process if ``workers == 1``, else in a process pool."""
    outcomes: dict[str, tuple] = {}
    if workers == 1:
        for job in jobs:
            outcomes[job.team_id] = _run_team(job)
            bar.update()
        return outcomes
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        futures: dict[Future, _TeamJob] = {pool.submit(_run_team, job): job for job in jobs}
        for future in as_completed(futures):
            job = futures[future]
            try:
                outcomes[job.team_id] = future.result()
            except Exception as exc:  # e.g. a worker process killed
                outcomes[job.team_id] = (job.team_id, f"{type(exc).__name__}: {exc}", None)
            bar.update()
    return outcomes


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


def run_reports(
    data: str | Path | None,
    out: str | Path,
    *,
    teams: list[str] | None = None,
    lang: str = "fr",
    workers: int | None = None,
    min_cell: int = 10,
    progress: bool = True,
) -> RunResult:
    """Produce one HTML report per team, an index page and a provenance file.

    Parameters
    ----------
    data : str, pathlib.Path or None
        A programme folder of CSV files or an XLSX workbook (see
        :func:`impact.load_programme`). ``None`` writes the demo programme to
        ``out/data`` and reports on it.
    out : str or pathlib.Path
        Output folder, created if needed. Receives ``teams/<team_id>.html``,
        ``failed/<team_id>.ipynb`` (executed notebooks of failed teams), ``index.html``
        and ``run.json``.
    teams : list of str, optional
        Teams to report on, in this order; default every programme team (comparison
        units excluded). An unknown team is recorded as a failure.
    lang : {"fr", "en"}
        Language of the reports.
    workers : int, optional
        Parallel processes (one kernel each); default the number of CPUs this process
        may use (``os.cpu_count()``, or the affinity mask on Linux). With 1, the
        notebooks run one after the other in this process.
    min_cell : int, default 10
        Minimum cell size passed to the notebook (smaller counts are suppressed).
    progress : bool, default True
        Show a progress bar.

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
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {LANGUAGES}. Got {lang!r}.")
    if workers is None:
        workers = _cpu_count()
    if not isinstance(workers, int) or isinstance(workers, bool) or workers < 1:
        raise ValueError(f"workers must be a whole number >= 1. Got {workers!r}.")
    if not isinstance(min_cell, int) or isinstance(min_cell, bool) or min_cell < 0:
        raise ValueError(f"min_cell must be a whole number >= 0. Got {min_cell!r}.")

    from impact.loading import load_programme

    out = Path(out).resolve()
    demo = data is None
    if demo:
        from impact.demo import demo_programme

        demo_programme().to_csv(out / "data")
        data = out / "data"
    data = Path(data).resolve()
    programme = load_programme(data, lang=lang)  # DataValidationError goes to the caller
    out.mkdir(parents=True, exist_ok=True)

    known = set(programme.teams["team_id"])
    names = dict(zip(programme.teams["team_id"], programme.teams["name"], strict=True))
    wanted = _unique(programme.team_ids if teams is None else teams)
    failures: dict[str, TeamFailure] = {
        team: TeamFailure(team, t("index.unknown-team", lang))
        for team in wanted
        if team not in known
    }
    notebook = str(notebook_path())
    work = tempfile.mkdtemp(prefix=".work-", dir=out)
    jobs = [
        _TeamJob(
            notebook=notebook,
            data_path=str(data),
            team_id=team,
            lang=lang,
            min_cell=min_cell,
            title=t("report.title", lang, name=names[team]),
            out=str(out),
            work=work,
        )
        for team in wanted
        if team in known
    ]
    used_workers = max(1, min(workers, len(jobs)))
    try:
        with tqdm(total=len(jobs), disable=not progress, desc=t("index.progress", lang),
                  unit=t("index.unit", lang)) as bar:  # fmt: skip
            outcomes = _execute(jobs, used_workers, bar)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    ok = []
    for team in wanted:
        if team in failures:
            continue
        _, error, kept = outcomes[team]
        if error is None:
            ok.append(team)
        else:
            failures[team] = TeamFailure(team, error, Path(kept) if kept else None)
    failed = [failures[team] for team in wanted if team in failures]
    result = RunResult(out=out, ok=ok, failures=failed, elapsed=time.perf_counter() - started)

    parameters = {
        "teams": teams,
        "lang": lang,
        "workers": used_workers,
        "min_cell": min_cell,
        "demo": demo,
    }
    provenance = {
        "package": "impact",
        "version": package_version(),
        "created": datetime.now().astimezone().isoformat(timespec="seconds"),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "parameters": parameters,
        "data": str(data),
        "inputs": _inputs(programme, data),
        "teams": {
            "ok": ok,
            "failed": [
                {
                    "team_id": f.team_id,
                    "error": f.error,
                    "notebook": str(f.notebook.relative_to(out)) if f.notebook else None,
                }
                for f in failed
            ],
        },
        "elapsed_seconds": round(result.elapsed, 2),
    }
    _write_atomic(out / "run.json", json.dumps(provenance, ensure_ascii=False, indent=2) + "\n")
    _write_atomic(out / "index.html", index_html(result, names, provenance, lang=lang))
    return result
