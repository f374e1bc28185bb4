"""The Dask executor of a report run: the jobs of :class:`impact.run.workers.Workers`,
run on the workers of a ``dask.distributed`` cluster.

:class:`DaskWorkers` has the local pool's interface (``submit``, ``outcomes``,
``close``, ``abort``), so :func:`impact.run.runner.run_reports` drives either the same
way. It starts a :class:`distributed.LocalCluster` of ``n`` single-threaded worker
processes, or connects to a running scheduler (``scheduler="tcp://host:8786"``). The
worker plugin :class:`KernelPlugin` gives every worker thread its own
:class:`impact.run.kernel_pool.KeptAliveKernel`, kept alive across reports and replaced
every ``restart_every`` reports as in a local run; each report is
:func:`impact.run.workers.run_job` on that kernel, so pages and failed notebooks are the
local executor's, byte for byte.

No more reports are handed to the cluster than it has worker threads (the others wait
here, in order): a worker that stops takes with it only the report it was running. Dask
tries that report again on another worker (``distributed.scheduler.allowed-failures``
times, Dask's setting) and then records it as failed, in plain words; the other reports
go on.

The workers read the data, the run's bundles and the notebooks, and write the pages, at
the paths this process gives them: on a cluster of several machines these folders must
be on a file system the workers share (:func:`unseen_paths` checks it before any work).
"""

from __future__ import annotations

import collections
import logging
import os
import queue
import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import CancelledError
from pathlib import Path

import dask
from distributed import Client, Future, LocalCluster, WorkerPlugin, get_worker
from distributed.scheduler import KilledWorker

from impact.data.messages import t as message
from impact.errors import RunCheckError
from impact.run.kernel_pool import KeptAliveKernel, close_thread_loop
from impact.run.workers import Job, Outcome, plain_error, run_job

__all__ = ["PLUGIN_NAME", "DaskWorkers", "KernelPlugin", "unseen_paths"]

#: Name of :class:`KernelPlugin` on the workers.
PLUGIN_NAME = "impact-kept-alive-kernels"
#: Seconds to wait for a scheduler (connection) or for the plugin's teardown.
CONNECT_TIMEOUT = 30


class KernelPlugin(WorkerPlugin):
    """One kept-alive kernel per worker thread, in a folder of the worker's own.

    Parameters
    ----------
    restart_every : int
        Reports a kernel runs before it is replaced by a fresh one.
    """

    def __init__(self, restart_every: int) -> None:
        self.restart_every = restart_every
        self.kernels: dict[int, KeptAliveKernel] = {}
        self.folder: Path | None = None

    def setup(self, worker: object) -> None:
        # the kernels' working folder, connection files and sockets (short path: IPC
        # socket names are limited to ~100 bytes)
        self.folder = Path(tempfile.mkdtemp(prefix="impact-dask-"))
        self.lock = threading.Lock()

    def kernel(self) -> KeptAliveKernel:
        """The calling thread's kernel (created, not started, on first use)."""
        ident = threading.get_ident()
        with self.lock:
            if ident not in self.kernels:
                self.kernels[ident] = KeptAliveKernel(
                    self.folder, restart_every=self.restart_every, runtime_dir=self.folder
                )
            return self.kernels[ident]

    def release(self) -> None:
        """Shut the calling thread's kernel down (from the thread that owns it)."""
        with self.lock:
            kernel = self.kernels.pop(threading.get_ident(), None)
        if kernel is not None:
            kernel.shutdown()
            close_thread_loop()

    def teardown(self, worker: object) -> None:
        # the worker's event loop runs this, not the threads owning the kernels: kill
        # their processes (each owner would fail its current report) and remove the files
        with self.lock:
            kernels, self.kernels = list(self.kernels.values()), {}
        for kernel in kernels:
            kernel.kill()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


def _plugin() -> KernelPlugin:
    return get_worker().plugins[PLUGIN_NAME]


def _report(job: Job, lang: str, rewrite: Callable[[str], str]) -> Outcome:
    """Run on a worker: one report in the calling thread's kept-alive kernel."""
    try:
        kernel = _plugin().kernel()
        return run_job(job, kernel, lang, rewrite)
    except BaseException as exc:  # a bug here must not lose the job
        return Outcome(job.key, plain_error(exc), None, 0.0)


def _warm() -> None:
    """Run on a worker: start the calling thread's kernel (as the local pool does while
    the tables are computed); a failure is left to the first report, which says it."""
    kernel = _plugin().kernel()
    try:
        kernel.start()
    except Exception:  # noqa: BLE001 - retried, and reported, by the first report
        kernel.shutdown()


def _release() -> None:
    """Run on a worker: shut the calling thread's kernel down."""
    _plugin().release()


def _seen(paths: list[str]) -> list[str]:
    """Run on each worker: the paths it cannot see."""
    return [path for path in paths if not os.path.exists(path)]


def unseen_paths(client: Client, paths: Iterable[str | Path]) -> dict[str, list[str]]:
    """The paths each worker of ``client``'s cluster cannot see (workers that see every
    path are left out)."""
    wanted = [str(path) for path in paths]
    missing = client.run(_seen, wanted)
    return {worker: paths for worker, paths in missing.items() if paths}


class DaskWorkers:
    """Report jobs on a Dask cluster, with :class:`impact.run.workers.Workers`'s interface.

    Parameters
    ----------
    n : int
        Workers of the local cluster (one thread each); ignored with ``scheduler``.
    cwd : pathlib.Path
        The run's scratch folder (the local cluster's own scratch space goes there).
    lang : {"fr", "en"}
        Language of the pages and of the errors.
    restart_every : int
        Reports a kernel runs before it is replaced.
    rewrite : callable
        Applied to a page before it is written (see :func:`impact.run.workers.run_job`).
    scheduler : str, optional
        Address of a running Dask scheduler; default a local cluster of ``n`` workers.
    shared : list of pathlib.Path, optional
        Paths every worker must see (the data, the scratch and staging folders, the
        notebooks), checked before any kernel starts.

    Raises
    ------
    impact.errors.RunCheckError
        When the scheduler cannot be reached within :data:`CONNECT_TIMEOUT` seconds, or
        a worker does not see one of the ``shared`` paths (message in ``lang``).
    """

    def __init__(self, n: int, cwd: Path, lang: str, restart_every: int,
                 rewrite: Callable[[str], str], scheduler: str | None = None,
                 shared: Iterable[Path] = ()) -> None:  # fmt: skip
        self.outcomes: queue.Queue = queue.Queue()
        self.lang = lang
        self.rewrite = rewrite
        self._pending: collections.deque[Job] = collections.deque()
        self._running: dict[str, tuple[Future, Job | None]] = {}
        self._lock = threading.RLock()
        self._aborted = False
        self.cluster: LocalCluster | None = None
        if scheduler is None:
            # the scheduler's and the workers' scratch space in the run's scratch folder
            with dask.config.set({"temporary-directory": str(cwd)}):
                self.cluster = LocalCluster(
                    n_workers=n,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.CRITICAL,  # a lost worker is said per report
                )
            self.client = Client(self.cluster, set_as_default=False)
        else:
            try:
                self.client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
            except (OSError, ValueError, TypeError) as exc:
                reason = str(exc) or type(exc).__name__
                raise RunCheckError(message("run.dask-unreachable", lang, address=scheduler,
                                            reason=reason)) from None  # fmt: skip
        unseen = unseen_paths(self.client, shared)
        if unseen:
            self._leave()
            worker, paths = next(iter(unseen.items()))
            raise RunCheckError(message("run.dask-unseen", lang, worker=worker,
                                        paths=", ".join(paths), n=len(unseen)))  # fmt: skip
        self.client.register_plugin(KernelPlugin(restart_every), name=PLUGIN_NAME)
        with self._lock:
            for worker, threads in self.client.nthreads().items():
                for _ in range(threads):
                    # another worker may take it if this one leaves before it runs
                    self._send(_warm, None, workers=[worker], allow_other_workers=True)

    def _slots(self) -> int:
        """Reports the cluster can run at once (its worker threads; at least one)."""
        workers = self.client.scheduler_info(n_workers=-1).get("workers", {})
        return max(1, sum(w.get("nthreads", 1) for w in workers.values()))

    def _send(self, function: Callable, job: Job | None, *args: object, **options: object) -> None:
        key = f"impact-{function.__name__.strip('_')}-{uuid.uuid4().hex}"
        future = self.client.submit(function, *args, key=key, pure=False, **options)
        self._running[key] = (future, job)
        future.add_done_callback(self._done)

    def _dispatch(self) -> None:
        with self._lock:
            while self._pending and len(self._running) < self._slots():
                job = self._pending.popleft()
                self._send(_report, job, job, self.lang, self.rewrite)

    def _done(self, future: Future) -> None:
        with self._lock:
            _, job = self._running.pop(future.key, (None, None))
        if job is not None and not self._aborted:
            try:
                outcome = future.result()
            except BaseException as exc:  # noqa: BLE001 - its worker stopped: this report only
                outcome = Outcome(job.key, self._lost(exc), None, 0.0)
            self.outcomes.put(outcome)
        future.release()
        self._dispatch()

    def _lost(self, exc: BaseException) -> str:
        """What to say of a report whose worker stopped (or that Dask could not run)."""
        if isinstance(exc, KilledWorker | CancelledError):  # cancelled: the scheduler was lost
            return message("run.worker-lost", self.lang)
        return plain_error(exc)

    def submit(self, job: Job) -> None:
        """Run ``job`` on the cluster as soon as a worker thread is free."""
        with self._lock:
            self._pending.append(job)
        self._dispatch()

    def close(self) -> None:
        """Shut every kernel down, remove the plugin and leave the cluster (a local
        cluster is stopped)."""
        try:
            releases = [
                self.client.submit(_release, key=f"impact-release-{uuid.uuid4().hex}",
                                   workers=[worker], allow_other_workers=False, pure=False)
                for worker in self.client.nthreads()
            ]  # fmt: skip
            # a worker that left meanwhile never runs its release: its kernels died with it
            deadline = time.monotonic() + CONNECT_TIMEOUT
            for future in releases:
                future.result(timeout=max(0.1, deadline - time.monotonic()))
        except Exception:  # noqa: BLE001 - leaving anyway: the plugin's teardown kills the rest
            pass
        finally:
            self._leave()

    def abort(self, timeout: float = 30) -> None:
        """Drop the waiting reports, cancel the running ones, kill the kernels (the
        plugin's teardown) and leave the cluster (Ctrl-C, SIGTERM)."""
        with self._lock:
            self._aborted = True
            self._pending.clear()
            futures = [future for future, _ in self._running.values()]
        try:
            self.client.cancel(futures, force=True)
        finally:
            self._leave(timeout)

    def _leave(self, timeout: float = CONNECT_TIMEOUT) -> None:
        try:
            self.client.unregister_worker_plugin(PLUGIN_NAME)
        except Exception:  # noqa: BLE001 - leaving anyway; a local cluster is stopped below
            pass
        self.client.close(timeout=timeout)
        if self.cluster is not None:
            self.cluster.close(timeout=timeout)
