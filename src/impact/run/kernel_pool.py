"""Kept-alive kernels for running many parameterised notebooks with papermill.

A fresh kernel per report spends most of its time starting and importing pandas,
scipy, statsmodels and matplotlib (shared/NOTEBOOK_EXECUTION.md). Here each worker
thread owns one :class:`KeptAliveKernel`: started once (IPC transport), warmed up with
the reports' imports, reset between notebooks (:mod:`impact.run.kernel_state`: ``%reset
-f``, figures closed, matplotlib settings, warning filters, working directory and
``sys.path`` restored) and replaced by a fresh one every ``restart_every`` notebooks
(:data:`RESTART_EVERY`). Shutdown is immediate (a graceful one sometimes stalls ~3 s).

papermill still parameterises and executes every notebook: :func:`execute_notebook`
calls :func:`papermill.execute_notebook` with the ``"impact-kept-alive"`` engine
(:class:`KeptAliveEngine`), which runs the cells in the worker's kernel through the
kernel's one client (opened with the kernel, closed with it): no socket or file
descriptor is opened per notebook (papermill given a kernel manager opens a client per
notebook and never closes it, about 11 descriptors each). Kernels start with their
IPython history in memory, as nbclient's do.
"""

from __future__ import annotations

import asyncio
import os
import queue
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import nbformat
import papermill
from jupyter_client.kernelspec import KernelSpec
from jupyter_client.manager import AsyncKernelManager, KernelManager
from jupyter_core.utils import ensure_event_loop, run_sync
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines
from traitlets import CaselessStrEnum, Unicode

__all__ = [
    "ENGINE_NAME",
    "KERNEL_NAME",
    "KeptAliveEngine",
    "KeptAliveKernel",
    "LocalKernelManager",
    "RESTART_EVERY",
    "close_thread_loop",
    "execute_notebook",
    "open_fds",
]

#: Kernel the notebooks run in: always this very interpreter (see LocalKernelManager).
KERNEL_NAME = "python3"
#: Name under which :class:`KeptAliveEngine` is registered with papermill.
ENGINE_NAME = "impact-kept-alive"
HISTORY_IN_MEMORY = "--HistoryManager.hist_file=:memory:"
#: Notebooks a kernel runs before it is replaced by a fresh one: a safety valve, since
#: the reset releases a report's memory (measured: a kernel stays at ~240 MiB over 40
#: team reports), while a restart costs the kernel start and imports (~2 s).
RESTART_EVERY = 100
#: Modules imported once per kernel, before the first notebook (a missing one is skipped).
WARM_MODULES = (
    "IPython.display",
    "matplotlib.pyplot",
    "impact",
    "impact.report.formatting",
    "impact.indicators.did",
    "impact.indicators.trends",
    "impact.indicators.periods",
    "impact.report.figures",
    "impact.report.barometer",
    "impact.report.prem",
    "impact.report.programme",
    "impact.report.results",
    "impact.report.team_card",
)


class _LocalKernelMixin:
    """Kernel ``python3`` = ipykernel in this interpreter, over IPC sockets on POSIX.

    Whatever kernelspecs the machine has registered, kernel ``python3`` is ipykernel
    started with ``sys.executable`` (so inside the virtual environment running impact).
    IPC sockets rather than TCP ports: kernels started in parallel cannot collide on a
    port (papermill issue #511).
    """

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


#: Longest Unix socket path (``sun_path`` less its final NUL) on every POSIX system we run on.
_SOCKET_PATH_MAX = 103


def _transport() -> CaselessStrEnum:
    return CaselessStrEnum(
        ["tcp", "ipc"], default_value="tcp" if os.name == "nt" else "ipc", config=True
    )


class LocalKernelManager(_LocalKernelMixin, AsyncKernelManager):
    """Async kernel manager for papermill's own engine (a fresh kernel per notebook)."""

    transport = _transport()


class _KeptKernelManager(_LocalKernelMixin, KernelManager):
    """Blocking manager (start, restart, kill from the owning thread) whose clients are
    asynchronous, as nbclient needs."""

    transport = _transport()
    client_class = Unicode("jupyter_client.asynchronous.AsyncKernelClient")


_WARM_CODE = """\
import importlib as _importlib
for _name in {modules!r}:
    try:
        _importlib.import_module(_name)
    except Exception:
        pass
import impact.run.kernel_state as _kernel_state
_kernel_state.snapshot()
_kernel_state.reset()
import gc as _gc
_gc.freeze()  # the imported modules' objects: never rescanned by later collections
"""
_RESET_CODE = "import impact.run.kernel_state as _ks; _ks.reset()"


class KeptAliveKernel:
    """One kernel reused for many notebooks, owned by one thread.

    Parameters
    ----------
    cwd : str or pathlib.Path
        Working directory of the kernel.
    restart_every : int, default RESTART_EVERY
        Notebooks run before the kernel is replaced by a fresh one.
    warm_modules : tuple of str
        Imported right after each start.
    startup_timeout : float, default 60
        Seconds to wait for a kernel to answer after it starts.
    runtime_dir : str or pathlib.Path, optional
        Folder for the kernels' connection files and IPC sockets (a run's scratch folder,
        removed with it even when a kernel could not clean up after itself); default
        jupyter's runtime folder and the system's temporary folder.

    Attributes
    ----------
    runs : int
        Notebooks run in the current kernel.
    starts : int
        Kernels started so far.
    last_notebook : nbformat.NotebookNode or None
        The last notebook executed (kept for a failure report even when papermill raises).
    """

    def __init__(self, cwd: str | Path, *, restart_every: int = RESTART_EVERY,
                 warm_modules: tuple[str, ...] = WARM_MODULES,
                 startup_timeout: float = 60, runtime_dir: str | Path | None = None
                 ) -> None:  # fmt: skip
        if not isinstance(restart_every, int) or restart_every < 1:
            raise ValueError(f"restart_every must be a whole number >= 1. Got {restart_every!r}.")
        self.cwd = str(cwd)
        self.restart_every = restart_every
        self.warm_modules = tuple(warm_modules)
        self.startup_timeout = startup_timeout
        self.runtime_dir = None if runtime_dir is None else Path(runtime_dir)
        self.km: _KeptKernelManager | None = None
        self.kc = None
        self.runs = 0
        self.starts = 0
        self.last_notebook = None

    # -- lifecycle -------------------------------------------------------------------

    def start(self) -> None:
        """Start a kernel (if none is running), connect to it, import the warm-up modules."""
        if self.km is not None and self.km.has_kernel:
            return
        self.km = _KeptKernelManager(kernel_name=KERNEL_NAME, **self._files())
        # history in memory, as nbclient does: no shared sqlite file between kernels
        self.km.start_kernel(cwd=self.cwd, extra_arguments=[HISTORY_IN_MEMORY])
        self.starts += 1
        self.runs = 0
        self.kc = self.km.client()
        self.kc.start_channels()
        run_sync(self.kc.wait_for_ready)(timeout=self.startup_timeout)
        self.run_code(_WARM_CODE.format(modules=self.warm_modules))

    def shutdown(self) -> None:
        """Kill the kernel now (no graceful shutdown) and release its sockets."""
        km, kc, self.km, self.kc = self.km, self.kc, None, None
        if kc is not None:
            kc.stop_channels()
        if km is None:
            return
        try:
            if km.has_kernel:
                km.shutdown_kernel(now=True)
        finally:
            km.cleanup_resources()
            if km._created_context and not km.context.closed:
                km.context.destroy(linger=0)

    def kill(self) -> None:
        """Kill the kernel process from any thread (e.g. on Ctrl-C); the owner then fails
        its current notebook with a dead-kernel error."""
        km = self.km
        process = getattr(getattr(km, "provisioner", None), "process", None)
        if process is not None:
            try:
                process.kill()
            except OSError:
                pass

    def prepare(self) -> None:
        """Before a notebook: replace the kernel if due or dead, else reset its state."""
        if self.km is not None and (self.runs >= self.restart_every or not self.km.is_alive()):
            self.shutdown()
        if self.km is None:
            self.start()
        else:
            self.run_code(_RESET_CODE)
        self.runs += 1

    def __enter__(self) -> KeptAliveKernel:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()

    # -- helpers ---------------------------------------------------------------------

    def _files(self) -> dict[str, str]:
        """Connection file and IPC socket prefix in :attr:`runtime_dir`, if set (short
        names: a socket path is limited to 107 bytes on Linux, 103 on macOS). When the
        folder's own path is too long for a socket there (a deep temporary folder), the
        kernel talks over TCP on the loopback instead: its connection file still lives in
        :attr:`runtime_dir`."""
        if self.runtime_dir is None:
            return {}
        name = uuid.uuid4().hex[:12]
        files = {"connection_file": str(self.runtime_dir / f"kernel-{name}.json")}
        if _transport().default_value == "ipc":
            prefix = str(self.runtime_dir / f"k-{name}")
            # jupyter_client appends "-<port>" (up to 6 characters) to the prefix
            if len(os.fsencode(prefix)) + 7 <= _SOCKET_PATH_MAX:
                files["ip"] = prefix
            else:
                files["transport"] = "tcp"
        return files

    def run_code(self, code: str, timeout: float | None = None) -> None:
        """Run code silently in the kernel; raise RuntimeError if it fails."""
        msg_id = self.kc.execute(code, silent=True, store_history=False, allow_stdin=False)
        reply = run_sync(self._reply)(msg_id, timeout)
        content = reply["content"]
        if content.get("status") != "ok":
            raise RuntimeError(
                f"kernel set-up failed: {content.get('ename')}: {content.get('evalue')}"
            )

    def _process_ended(self) -> bool:
        """True if the kernel process is gone (killed by :meth:`kill`, or crashed)."""
        process = getattr(getattr(self.km, "provisioner", None), "process", None)
        return process is None or process.poll() is not None

    async def _reply(self, msg_id: str, timeout: float | None) -> dict:
        """The reply to ``msg_id``; raise RuntimeError as soon as the kernel process
        ends (checked every second), queue.Empty after ``timeout`` seconds."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            wait = 1.0 if left is None else min(1.0, left)
            try:
                reply = await self.kc.get_shell_msg(timeout=wait)
            except queue.Empty:
                if left is not None and left <= wait:
                    raise
                if self._process_ended():
                    raise RuntimeError("kernel set-up failed: the kernel stopped") from None
                continue
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply


class KeptAliveEngine(NBClientEngine):
    """papermill engine that executes the notebook in a :class:`KeptAliveKernel`.

    Pass the kernel as ``kernel=`` to :func:`papermill.execute_notebook` with
    ``engine_name="impact-kept-alive"``. The engine resets the kernel (or replaces it
    when due) before the first cell, then runs the cells with papermill's own notebook
    client (parameters cell, timing metadata, error markers as usual) given the
    kernel's manager and client, which it leaves open for the next notebook.
    """

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False,
                                 stdout_file=None, stderr_file=None, start_timeout=60,
                                 execution_timeout=None, kernel: KeptAliveKernel | None = None,
                                 **kwargs: Any):  # fmt: skip
        if kernel is None:
            raise ValueError("The impact-kept-alive engine needs kernel=KeptAliveKernel(...).")
        kernel.last_notebook = nb_man.nb
        kernel.prepare()
        kwargs.pop("input_path", None)
        kwargs.pop("timeout", None)
        kwargs.pop("startup_timeout", None)
        client = PapermillNotebookClient(
            nb_man,
            km=kernel.km,
            timeout=execution_timeout,
            startup_timeout=start_timeout,
            kernel_name=kernel_name,
            log_output=log_output,
            stdout_file=stdout_file,
            stderr_file=stderr_file,
            **kwargs,
        )
        client.kc = kernel.kc  # the kernel's own client: no new sockets per notebook
        return client.execute()


papermill_engines.register(ENGINE_NAME, KeptAliveEngine)


def execute_notebook(notebook: str | Path | nbformat.NotebookNode, parameters: dict,
                     kernel: KeptAliveKernel, *, timeout: float | None = 600
                     ) -> nbformat.NotebookNode:  # fmt: skip
    """Parameterise and execute ``notebook`` with papermill in ``kernel``.

    Nothing is written to disk. On a cell error papermill raises
    :class:`papermill.exceptions.PapermillExecutionError`; the executed notebook (with
    papermill's error marker) is then in ``kernel.last_notebook``.
    """
    return papermill.execute_notebook(
        notebook,
        None,
        parameters=parameters,
        engine_name=ENGINE_NAME,
        kernel_name=KERNEL_NAME,
        progress_bar=False,
        request_save_on_cell_execute=False,
        execution_timeout=timeout,
        kernel=kernel,
    )


def close_thread_loop() -> None:
    """Close the asyncio loop jupyter_core keeps for the calling thread (3 descriptors),
    once the thread has shut its kernels down."""
    loop = ensure_event_loop()
    if not loop.is_running():
        loop.close()
        asyncio.set_event_loop(None)


def open_fds() -> int | None:
    """Open file descriptors of this process (``None`` where /proc is unavailable)."""
    try:
        return len(os.listdir("/proc/self/fd"))
    except OSError:
        return None
