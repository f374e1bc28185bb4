"""A run is safe: one run, one folder (staging folder swapped in, the previous run kept as
``DIR.previous``), nothing left behind when interrupted (SIGINT, SIGTERM), bad
arguments refused before any kernel starts, and progress that tells what is happening."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import impact
import impact.run.workers
from impact.cli import cli
from impact.errors import RunCheckError
from impact.run.output_folder import STAGING_MARK, Relocation, is_report_folder
from impact.run.runner import run_reports

RUN = {"workers": 1, "programme_report": False, "progress": False}


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 4-team demo programme as CSV files (as ``impact demo-data d --teams 4``)."""
    folder = tmp_path_factory.mktemp("demo4") / "data"
    impact.demo_programme(n_teams=4, n_comparison=3, seed=5).to_csv(folder)
    return folder


def _files_with(folder: Path, text: str) -> list[Path]:
    """Files under ``folder`` whose bytes contain ``text``."""
    needle = text.encode()
    return [p for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes()]


def _staging_folders(parent: Path) -> list[Path]:
    return [p for p in parent.iterdir() if STAGING_MARK in p.name or ".impact-old-" in p.name]


@pytest.fixture
def no_kernel(monkeypatch: pytest.MonkeyPatch):
    """Fail the test if the run starts its workers (kernels)."""

    def refuse(*args, **kwargs):
        raise AssertionError("a kernel was started")

    monkeypatch.setattr(impact.run.workers.Workers, "__init__", refuse)


# --- one run, one folder -------------------------------------------------------------------


def test_a_rerun_leaves_only_its_pages_and_keeps_the_previous_run(data: Path, tmp_path: Path,
                                                                  capfd):  # fmt: skip
    out = tmp_path / "reports"
    first = run_reports(data, out, teams=["T01", "T02"], **{**RUN, "progress": True})
    progress = capfd.readouterr().err
    assert first.ok == ["T01", "T02"] and first.out == out
    second = run_reports(data, out, teams=["T03"], **RUN)
    assert second.ok == ["T03"]
    assert sorted(p.name for p in (out / "teams").iterdir()) == ["T03.html"]
    previous = tmp_path / "reports.previous"
    assert sorted(p.name for p in (previous / "teams").iterdir()) == ["T01.html", "T02.html"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="teams/T03.html"' in index and "teams/T01.html" not in index
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["teams"]["ok"] == ["T03"]
    assert json.loads((previous / "run.json").read_text(encoding="utf-8"))["teams"]["ok"] == [
        "T01", "T02"]  # fmt: skip
    # a third run (no team: no kernel) replaces the older previous run
    run_reports(data, out, teams=[], **RUN)
    assert not (out / "teams").exists()
    assert sorted(p.name for p in (previous / "teams").iterdir()) == ["T03.html"]
    assert _staging_folders(tmp_path) == []
    assert _files_with(tmp_path, STAGING_MARK) == []
    # progress: reading, computing for 2 teams, then a bar counting the 2 teams' reports
    # (not 3) and one report per training of the programme
    reading = progress.index("Lecture et validation des données")
    computing = progress.index("Calcul des tableaux pour 2 équipe(s)")
    assert reading < computing < progress.index("Rapports")
    trainings = pd.read_csv(data / "training_sessions.csv")["training"].nunique()
    total = 2 + trainings
    assert f"{total}/{total}" in progress and f"/{total + 1}" not in progress


def test_a_demo_run_shows_its_final_data_folder_never_the_staging_one(tmp_path: Path):
    out = tmp_path / "demo"
    result = run_reports(None, out, teams=["T01"], **RUN)
    assert result.ok == ["T01"]
    record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert record["data"] == str(out / "data") and (out / "data" / "teams.csv").is_file()
    assert all(entry["path"].startswith(str(out / "data")) for entry in record["inputs"]
               if not entry["path"].startswith("<"))  # fmt: skip
    assert _files_with(out, STAGING_MARK) == []  # pages, run.json, index
    assert _staging_folders(tmp_path) == []


@pytest.mark.slow  # the programme report of the 60-team demo: 1-2 minutes
def test_a_demo_programme_report_shows_the_final_data_folder(tmp_path: Path):
    out = tmp_path / "demo"
    result = run_reports(None, out, teams=[], workers=1, progress=False)
    assert result.programme == out / "programme.html"
    assert _files_with(out, STAGING_MARK) == []


def test_relocation_rewrites_the_staging_path_raw_and_escaped(tmp_path: Path):
    staging, final = tmp_path / f".a&b{STAGING_MARK}x1", tmp_path / "a&b"
    relocate = Relocation(staging, final)
    text = f"{staging}/data/teams.csv and {str(staging).replace('&', '&amp;')}/data"
    assert relocate(text) == f"{final}/data/teams.csv and {str(final).replace('&', '&amp;')}/data"
    assert relocate.path(staging / "failed" / "T01.ipynb") == final / "failed" / "T01.ipynb"


# --- interrupted runs ----------------------------------------------------------------------


def _our_processes(marker: str) -> list[int]:
    """Processes whose command line mentions ``marker`` (our private temporary folder)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                pass
    return found


@pytest.mark.skipif(sys.platform != "linux", reason="signals and /proc as on Linux")
@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)],
                         ids=["SIGINT", "SIGTERM"])  # fmt: skip
def test_an_interrupted_run_leaves_the_previous_run_and_no_temporary_file(
    data: Path, tmp_path: Path, sig: int, code: int
):
    out = tmp_path / "reports"
    run_reports(data, out, teams=[], **RUN)  # the previous run (no team: no kernel)
    before = (out / "index.html").read_bytes()
    scratch, runtime = tmp_path / "tmp", tmp_path / "runtime"
    scratch.mkdir()
    runtime.mkdir()
    env = {**os.environ, "TMPDIR": str(scratch), "JUPYTER_RUNTIME_DIR": str(runtime)}
    process = subprocess.Popen(
        [sys.executable, "-m", "impact", "run", str(data), "--out", str(out),
         "--teams", "T01,T02", "--workers", "1"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        # the team bundles are written and a kernel is up: the team reports are under way
        while not (list(scratch.glob("impact-run-*/bundles/T01.pkl"))
                   and list(scratch.glob("impact-run-*/kernel-*.json"))):  # fmt: skip
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the run did not start its reports"
            time.sleep(0.1)
        assert _staging_folders(tmp_path)  # the run is writing beside the target
        process.send_signal(sig)
        _, stderr = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == code, stderr
    assert "Exécution interrompue : les rapports précédents" in stderr
    assert "Traceback" not in stderr and "Aborted" not in stderr
    assert (out / "index.html").read_bytes() == before
    assert is_report_folder(out) and not (tmp_path / "reports.previous").exists()
    assert _staging_folders(tmp_path) == []
    assert list(scratch.iterdir()) == []  # no impact-run-* folder, no kernel socket
    assert list(runtime.iterdir()) == []  # no kernel-*.json
    deadline = time.monotonic() + 10
    while _our_processes(str(scratch)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _our_processes(str(scratch)) == []  # kernels gone


# --- checked before any work ---------------------------------------------------------------


def _run_cli(*args: str) -> tuple[int, str, float]:
    started = time.perf_counter()
    result = CliRunner().invoke(cli, ["run", *args])
    return result.exit_code, result.output, time.perf_counter() - started


def test_an_unknown_team_is_refused_before_any_kernel_starts(data: Path, tmp_path: Path,
                                                             no_kernel):  # fmt: skip
    code, output, seconds = _run_cli(str(data), "--out", str(tmp_path / "out"),
                                     "--teams", "T01,T99,X", "--workers", "1")  # fmt: skip
    assert code == 2, output
    assert "équipe(s) inconnue(s) : T99, X ; équipes connues : T01, T02, T03, T04" in output
    assert seconds < 30
    assert list(tmp_path.iterdir()) == []  # no output, no staging folder
    with pytest.raises(RunCheckError, match="unknown team"):
        run_reports(data, tmp_path / "out", teams=["T99"], lang="en", **RUN)
    assert issubclass(RunCheckError, ValueError)


def test_an_output_under_a_file_is_refused(data: Path, tmp_path: Path, no_kernel):
    (tmp_path / "somefile").write_text("x", encoding="utf-8")
    code, output, _ = _run_cli(str(data), "--out", str(tmp_path / "somefile" / "out"))
    assert code == 2 and "impossible d'écrire le dossier de sortie" in output, output
    code, output, _ = _run_cli(str(data), "--out", str(tmp_path / "somefile"))
    assert code == 2 and "est un fichier, pas un dossier" in output, output


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root writes in a read-only folder")  # fmt: skip
def test_a_read_only_output_folder_is_refused(data: Path, tmp_path: Path, no_kernel):
    parent = tmp_path / "locked"
    parent.mkdir()
    parent.chmod(0o500)
    try:
        code, output, _ = _run_cli(str(data), "--out", str(parent / "out"))
    finally:
        parent.chmod(0o700)
    assert code == 2 and "impossible d'écrire le dossier de sortie" in output, output
    assert list(parent.iterdir()) == []


def test_a_data_path_that_is_a_file_or_missing_is_refused(data: Path, tmp_path: Path,
                                                          no_kernel):  # fmt: skip
    out = tmp_path / "out"
    code, output, _ = _run_cli(str(data / "teams.csv"), "--out", str(out))
    assert code == 2 and "est un fichier : donnez un dossier de fichiers CSV" in output, output
    code, output, _ = _run_cli(str(tmp_path / "nowhere"), "--out", str(out))
    assert code == 2 and "chemin introuvable" in output, output
    assert not out.exists()


def test_an_output_that_would_move_the_data_or_other_files_is_refused(tmp_path: Path,
                                                                      no_kernel):  # fmt: skip
    data = tmp_path / "project" / "data"
    impact.demo_programme(n_teams=2, n_comparison=1, seed=1).to_csv(data)
    code, output, _ = _run_cli(str(data), "--out", str(data.parent))
    assert code == 2 and "contient les données" in output, output
    code, output, _ = _run_cli(str(data), "--out", str(data))
    assert code == 2 and "contient les données" in output, output
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "todo.txt").write_text("mine", encoding="utf-8")
    code, output, _ = _run_cli(str(data), "--out", str(notes))
    assert code == 2 and "pas des rapports d'impact" in output, output
    assert (notes / "todo.txt").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes", "project"]


def test_the_scratch_folder_is_made_after_the_checks(data: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch):  # fmt: skip
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "scratch"))
    (tmp_path / "scratch").mkdir()
    with pytest.raises(RunCheckError):
        run_reports(data, tmp_path / "out", teams=["NOPE"], **RUN)
    assert list((tmp_path / "scratch").iterdir()) == []


def test_a_kernel_starts_in_a_scratch_folder_too_deep_for_a_socket(tmp_path: Path):
    # a Unix socket path holds at most ~104 bytes: deeper, the kernel talks over loopback
    # TCP, and its connection file is still in the scratch folder (removed with it)
    from impact.run.kernel_pool import KeptAliveKernel

    deep = tmp_path / ("x" * 110)
    deep.mkdir()
    kernel = KeptAliveKernel(str(deep), runtime_dir=deep)
    try:
        kernel.start()
        kernel.run_code("x = 1 + 1")
        assert kernel.km.transport == "tcp"
        assert [p.name for p in deep.glob("kernel-*.json")]
    finally:
        kernel.shutdown()
    assert list(deep.iterdir()) == []
