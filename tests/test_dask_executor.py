"""The Dask executor (``impact run --executor dask``): the same pages and results as the
local executor, byte for byte; a worker that stops fails only its report; a scheduler
that cannot be reached, or workers that do not see the run's folders, are refused in
French before any kernel starts; an interrupted run leaves nothing behind."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import dask
import nbformat
import pytest
from distributed import LocalCluster

import impact.run.dask_executor as dask_executor
from impact.errors import RunCheckError
from impact.run.dask_executor import DaskWorkers
from impact.run.workers import Job
from report_set import report_set


def _notebook(path: Path, code: str) -> str:
    nb = nbformat.v4.new_notebook(metadata={
        "kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"},
        "language_info": {"name": "python"},
    })  # fmt: skip
    nb.cells = [nbformat.v4.new_code_cell("x = 0", metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell(code)]  # fmt: skip
    nbformat.write(nb, path)
    return str(path)


def _job(key: str, notebook: str, folder: Path, x: int) -> Job:
    return Job(key, notebook, {"x": x}, key, folder / f"{key}.html", folder / f"{key}.ipynb")


#: The date and time a page was made (« produit le 04/12/2026 12:14 »).
_STAMP = re.compile(rb"\d{2}/\d{2}/\d{4} \d{2}:\d{2}")


def _undated(page: Path) -> bytes:
    return _STAMP.sub(b"<date>", page.read_bytes())


def _kernel_processes(marker: str) -> list[int]:
    """Kernel processes whose command line names ``marker`` (their connection file's folder)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if b"ipykernel" in cmdline and marker.encode() in cmdline:
                found.append(int(entry.name))
    return found


def _wait_gone(marker: str, seconds: float = 30) -> list[int]:
    deadline = time.monotonic() + seconds
    while (left := _kernel_processes(marker)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return left


def test_a_dask_run_writes_the_local_runs_pages_and_results_byte_for_byte(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
):
    local = report_set(tmp_path_factory)  # the shared French set, local executor, 1 worker
    if isinstance(local, str):
        pytest.fail(local)
    out = tmp_path / "dask"
    cmd = [sys.executable, "-m", "impact", "run", str(local.data), "--out", str(out),
           "--teams", ",".join(local.teams), "--workers", "2", "--lang", local.lang,
           "--min-cell", str(local.min_cell), "--executor", "dask"]  # fmt: skip
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    files = sorted(p.relative_to(local.out) for p in local.out.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    assert any(p.suffix == ".csv" for p in files) and any(p.parts[0] == "teams" for p in files)
    differ = [p for p in files if (local.out / p).read_bytes() != (out / p).read_bytes()]
    # results CSVs byte for byte; pages but for the minute they were made
    assert not [p for p in differ if p.suffix == ".csv"]
    pages = [p for p in differ if p.suffix == ".html"]
    assert [_undated(local.out / p) for p in pages] == [_undated(out / p) for p in pages]
    assert set(differ) - set(pages) == {Path("run.json")}  # parameters, date, timings
    record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    before = json.loads((local.out / "run.json").read_text(encoding="utf-8"))
    assert record["parameters"]["executor"] == "dask"
    assert before["parameters"]["executor"] == "local"
    assert record["teams"] == before["teams"] and record["results"] == before["results"]


@pytest.mark.skipif(sys.platform != "linux", reason="/proc as on Linux")
def test_a_killed_worker_fails_only_its_report(tmp_path: Path):
    """A report whose notebook kills its worker process (its kernel's parent) fails with
    a plain French reason once Dask gives up (allowed-failures = 1: two workers killed);
    the other reports are written; no kernel survives the executor."""
    ok = _notebook(tmp_path / "ok.ipynb", "print(x)")
    kill = _notebook(tmp_path / "kill.ipynb",
                     "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)")  # fmt: skip
    jobs = [_job(f"J{i}", kill if i == 2 else ok, tmp_path, i) for i in range(6)]
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None,
                               local_directory=str(tmp_path))  # fmt: skip
    try:
        # an existing scheduler, as with --scheduler: its workers keep running after the run
        pool = DaskWorkers(2, tmp_path, "fr", 100, str, scheduler=cluster.scheduler_address,
                           shared=[tmp_path])  # fmt: skip
        for job in jobs:
            pool.submit(job)
        outcomes = {}
        while len(outcomes) < len(jobs):
            outcome = pool.outcomes.get(timeout=300)
            outcomes[outcome.key] = outcome
        pool.close()
        assert len(cluster.scheduler.workers) == 2  # restarted by their nannies, still there
    finally:
        cluster.close()
    assert "worker Dask qui exécutait ce rapport s'est arrêté" in outcomes["J2"].error
    assert not (tmp_path / "J2.html").exists()
    for key in ("J0", "J1", "J3", "J4", "J5"):
        assert outcomes[key].error is None, outcomes[key].error
        assert (tmp_path / f"{key}.html").is_file()
    assert _wait_gone("impact-dask-") == []


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_scheduler_that_cannot_be_reached_is_refused_in_french(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(dask_executor, "CONNECT_TIMEOUT", 2)
    address = f"tcp://127.0.0.1:{_free_port()}"
    with pytest.raises(RunCheckError, match="impossible de joindre le planificateur Dask"):
        DaskWorkers(1, tmp_path, "fr", 100, str, scheduler=address)


def test_workers_that_do_not_see_the_folders_are_refused_before_any_kernel(tmp_path: Path):
    missing = tmp_path / "not-shared"
    with pytest.raises(RunCheckError, match="ne voient pas les dossiers du run") as caught:
        DaskWorkers(1, tmp_path, "fr", 100, str, shared=[tmp_path, missing])
    assert str(missing) in str(caught.value)
    assert _kernel_processes(str(tmp_path)) == []


def test_the_command_line_refuses_a_scheduler_without_the_dask_executor(tmp_path: Path):
    proc = subprocess.run(
        [sys.executable, "-m", "impact", "run", "--out", str(tmp_path / "out"),
         "--scheduler", "tcp://127.0.0.1:8786"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 2
    assert "--scheduler demande --executor dask" in proc.stderr
    assert "Traceback" not in proc.stderr and not (tmp_path / "out").exists()


@pytest.mark.skipif(sys.platform != "linux", reason="signals and /proc as on Linux")
def test_an_interrupted_dask_run_leaves_the_previous_run_and_nothing_behind(tmp_path: Path):
    import impact
    from impact.run.output_folder import STAGING_MARK, is_report_folder
    from impact.run.runner import run_reports

    data = tmp_path / "data"
    impact.demo_programme(n_teams=3, n_comparison=3, seed=5).to_csv(data)
    out = tmp_path / "reports"
    run_reports(data, out, teams=[], workers=1, programme_report=False, progress=False)
    before = (out / "index.html").read_bytes()
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "TMPDIR": str(scratch)}
    process = subprocess.Popen(
        [sys.executable, "-m", "impact", "run", str(data), "--out", str(out),
         "--teams", "T01,T02,T03", "--workers", "2", "--executor", "dask"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 180
        # the bundles are written and a worker's kernel is up: the reports are under way
        while not (list(scratch.glob("impact-run-*/bundles/T01.pkl"))
                   and list(scratch.glob("impact-dask-*/kernel-*.json"))):  # fmt: skip
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the run did not start its reports"
            time.sleep(0.1)
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=180)
    finally:
        process.kill()
    assert process.returncode == 143, stderr
    assert "Exécution interrompue : les rapports précédents" in stderr
    assert "Traceback" not in stderr
    assert (out / "index.html").read_bytes() == before and is_report_folder(out)
    assert [p for p in tmp_path.iterdir() if STAGING_MARK in p.name] == []
    assert _wait_gone(str(scratch)) == []
    assert list(scratch.iterdir()) == []
