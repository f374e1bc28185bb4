"""Workers of a report run: each owns a kept-alive kernel and turns jobs into HTML pages.

:class:`Workers` starts ``n`` threads, each with its own
:class:`impact.run.kernel_pool.KeptAliveKernel`; a :class:`Job` (one notebook, its
parameters and the page to write) goes to the first free thread, which executes the
notebook with papermill in its kernel and exports it to self-contained HTML without code
(:func:`exporter`). The cells tagged :data:`EXPLORE_TAG` (the tables and figures shown to
an analyst in JupyterLab, before the page is built) are left out before the notebook runs
(:func:`report_notebook`): they cost no time and cannot reach the page. A report that
fails becomes an :class:`Outcome` with the error in plain words and the executed notebook
kept; it never stops the others. Used by :func:`impact.run.runner.run_reports`.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

from impact.data.atomic import write_atomic
from impact.report.formatting import TABLE_STYLE
from impact.run.kernel_pool import KeptAliveKernel, close_thread_loop, execute_notebook

__all__ = ["CELL_TIMEOUT", "EXPLORE_TAG", "Job", "Outcome", "Workers", "exporter",
           "one_table_style", "plain_error", "report_notebook", "run_job"]  # fmt: skip

#: Seconds a single notebook cell may run before the report is recorded as failed.
CELL_TIMEOUT = 600
TEMPLATE_DIR = Path(__file__).resolve().parents[1] / "report" / "templates"
#: Tag of the notebook cells for exploring in JupyterLab, left out of a report run.
EXPLORE_TAG = "explore"


@dataclass(frozen=True)
class Job:
    """One notebook to execute and export."""

    key: str  # team_id, or impact.run.runner.PROGRAMME
    notebook: str
    parameters: dict
    title: str
    report: Path  # HTML page to write
    failed: Path  # where the executed notebook goes if it fails


@dataclass(frozen=True)
class Outcome:
    """What became of a job: ``error`` is None when its page was written; ``notebook`` is
    the executed notebook kept for a failure; ``cells`` papermill's seconds per cell."""

    key: str
    error: str | None
    notebook: str | None
    seconds: float
    cells: dict = field(default_factory=dict)


_local = threading.local()


def exporter(lang: str) -> HTMLExporter:
    """HTML exporter without code, prompts or network resources (one per thread)."""
    cache = getattr(_local, "exporters", None)
    if cache is None:
        cache = _local.exporters = {}
    if lang not in cache:
        cache[lang] = HTMLExporter(
            template_name="impact_html",
            extra_template_basedirs=[str(TEMPLATE_DIR)],
            exclude_input=True,
            exclude_input_prompt=True,
            exclude_output_prompt=True,
            language_code=lang,
        )
    return cache[lang]


def report_notebook(path: str | Path) -> nbformat.NotebookNode:
    """The notebook at ``path`` without its cells tagged :data:`EXPLORE_TAG`."""
    nb = nbformat.read(path, as_version=4)
    nb.cells = [c for c in nb.cells if EXPLORE_TAG not in c.get("metadata", {}).get("tags", [])]
    return nb


def plain_error(exc: BaseException) -> str:
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        return f"{exc.ename}: {exc.evalue}"
    return f"{type(exc).__name__}: {exc}"


def _cell_seconds(nb: nbformat.NotebookNode | None) -> dict[str, float]:
    """papermill's duration of each code cell, by cell id."""
    out = {}
    for k, cell in enumerate(nb.cells if nb is not None else ()):
        duration = cell.get("metadata", {}).get("papermill", {}).get("duration")
        if cell.cell_type == "code" and duration is not None:
            injected = "injected-parameters" in cell.get("metadata", {}).get("tags", [])
            name = "injected-parameters" if injected else cell.get("id") or str(k)
            out[name] = round(float(duration), 4)
    return out


def one_table_style(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Keep the report tables' stylesheet (:data:`impact.report.formatting.TABLE_STYLE`)
    in the first output that carries it only: each table fragment brings it along so that
    it is styled alone in JupyterLab, but a page needs it once (it applies to the whole
    document), not once per table."""
    seen = False
    for cell in nb.cells:
        for output in cell.get("outputs", ()):
            html = output.get("data", {}).get("text/html")
            if not isinstance(html, str) or TABLE_STYLE not in html:
                continue
            if seen:
                output["data"]["text/html"] = html.replace(TABLE_STYLE, "")
            else:
                head, tail = html.split(TABLE_STYLE, 1)
                output["data"]["text/html"] = head + TABLE_STYLE + tail.replace(TABLE_STYLE, "")
                seen = True
    return nb


def _unchanged(text: str) -> str:
    return text


def run_job(job: Job, kernel: KeptAliveKernel, lang: str,
            rewrite: Callable[[str], str] = _unchanged) -> Outcome:  # fmt: skip
    """Execute and export one notebook in ``kernel``; never raises for a report's failure.

    ``rewrite`` is applied to the page and to a failed notebook before they are written
    (a run written in a staging folder names its final folder in them).
    """
    started = time.perf_counter()
    kernel.last_notebook = None
    try:
        nb = execute_notebook(
            report_notebook(job.notebook), job.parameters, kernel, timeout=CELL_TIMEOUT
        )
        body, _ = exporter(lang).from_notebook_node(
            one_table_style(nb), resources={"metadata": {"name": job.title}}
        )
        write_atomic(job.report, rewrite(body))
    except Exception as exc:  # one report's failure must not stop the others
        from papermill.exceptions import PapermillExecutionError

        if not isinstance(exc, PapermillExecutionError):
            kernel.shutdown()  # dead, timed out or confused: the next job gets a fresh one
        job.report.unlink(missing_ok=True)
        kept = None
        if kernel.last_notebook is not None:
            write_atomic(job.failed, rewrite(nbformat.writes(kernel.last_notebook)))
            kept = str(job.failed)
        return Outcome(
            job.key,
            plain_error(exc),
            kept,
            time.perf_counter() - started,
            _cell_seconds(kernel.last_notebook),
        )
    job.failed.unlink(missing_ok=True)
    return Outcome(job.key, None, None, time.perf_counter() - started, _cell_seconds(nb))


class Workers:
    """``n`` threads, each running jobs from a queue in its own kept-alive kernel.

    The kernels work in ``cwd`` (a run's scratch folder), which also holds their
    connection files and sockets; ``rewrite`` goes to :func:`run_job`.
    """

    def __init__(self, n: int, cwd: Path, lang: str, restart_every: int,
                 rewrite: Callable[[str], str] = _unchanged) -> None:  # fmt: skip
        self.jobs: queue.Queue = queue.Queue()
        self.outcomes: queue.Queue = queue.Queue()
        self.kernels = [KeptAliveKernel(cwd, restart_every=restart_every, runtime_dir=cwd)
                        for _ in range(n)]  # fmt: skip
        self.lang = lang
        self.rewrite = rewrite
        self.threads = [threading.Thread(target=self._loop, args=(k,), daemon=True,
                                         name=f"impact-worker-{i}")
                        for i, k in enumerate(self.kernels)]  # fmt: skip
        for thread in self.threads:
            thread.start()

    def _loop(self, kernel: KeptAliveKernel) -> None:
        try:
            try:
                kernel.start()  # warm up while the main thread computes
            except Exception:  # retried by the first job, which reports the error
                kernel.shutdown()
            while (job := self.jobs.get()) is not None:
                try:
                    self.outcomes.put(run_job(job, kernel, self.lang, self.rewrite))
                except BaseException as exc:  # a bug here must not lose the job
                    self.outcomes.put(Outcome(job.key, plain_error(exc), None, 0.0))
        finally:
            kernel.shutdown()
            close_thread_loop()

    def submit(self, job: Job) -> None:
        self.jobs.put(job)

    def close(self) -> None:
        """No more jobs: let each thread finish and shut its kernel down."""
        for _ in self.threads:
            self.jobs.put(None)
        for thread in self.threads:
            thread.join()

    def abort(self, timeout: float = 30) -> None:
        """Drop pending jobs, kill the kernels and wait up to ``timeout`` seconds for the
        threads, which then fail their current notebook, release their kernel's files
        and stop (Ctrl-C, SIGTERM)."""
        try:
            while True:
                self.jobs.get_nowait()
        except queue.Empty:
            pass
        for kernel in self.kernels:
            kernel.kill()
        for _ in self.threads:
            self.jobs.put(None)
        deadline = time.monotonic() + timeout
        for thread in self.threads:
            thread.join(timeout=max(0.0, deadline - time.monotonic()))
