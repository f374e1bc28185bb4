"""The report runner: compute once, kept-alive kernels, isolation, outputs of `impact run`."""

from __future__ import annotations

import html as html_module
import json
import re
from pathlib import Path

import nbformat
import pandas as pd
import papermill
import pytest
from click.testing import CliRunner

import impact
from impact.cli import cli
from impact.indicators.did import did_by_indicator, team_did
from impact.indicators.periods import compare_periods
from impact.indicators.trends import its_by_team
from impact.report.barometer_tables import team_barometer_tables
from impact.report.bundles import (
    load_did_bundle,
    load_team_results,
    write_did_bundle,
    write_team_bundles,
)
from impact.report.prem_tables import team_prem_tables
from impact.report.privacy import NON_PERSON_MEASURES, PERSON_COUNTS
from impact.report.programme import programme_results
from impact.report.results import compute_tables, did_programme, team_results
from impact.run.kernel_pool import KeptAliveKernel, LocalKernelManager, execute_notebook, open_fds
from impact.run.runner import (
    PROGRAMME_NOTEBOOK,
    notebook_path,
    programme_parameters,
    team_parameters,
)
from impact.run.workers import EXPLORE_TAG, report_notebook

MIN_CELL = 10


def _has_programme_notebook() -> bool:
    try:
        notebook_path(PROGRAMME_NOTEBOOK)
    except FileNotFoundError:
        return False
    return True


@pytest.fixture(scope="module")
def demo():
    return impact.demo_programme(n_teams=3, n_comparison=5, seed=11)


@pytest.fixture(scope="module")
def demo_dir(demo, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "data"
    demo.to_csv(folder)
    return folder


# --- parameters --------------------------------------------------------------------------


def test_notebooks_declare_the_parameters_the_runner_passes():
    declared = papermill.inspect_notebook(str(notebook_path()))
    assert list(declared) == list(team_parameters("d", "T01", "fr", 10, "r.pkl"))
    assert declared["results_path"]["default"] == '""'  # standalone by default
    if _has_programme_notebook():
        declared = papermill.inspect_notebook(str(notebook_path(PROGRAMME_NOTEBOOK)))
        assert list(declared) == list(programme_parameters("d", "fr", 10, "did.pkl", "e.csv"))
        assert declared["evidence_path"]["default"] == '""'  # writes nothing when alone
        assert declared["did_path"]["default"] == '""'  # computes the DiD when alone


def _explore(cell) -> bool:
    return EXPLORE_TAG in cell.get("metadata", {}).get("tags", [])


@pytest.mark.parametrize("name", ["team_report.ipynb", PROGRAMME_NOTEBOOK])
def test_a_report_run_leaves_out_the_explore_cells_only(name):
    nb = nbformat.read(notebook_path(name), as_version=4)
    explore = [c.id for c in nb.cells if _explore(c)]
    page = [c.id for c in nb.cells if not _explore(c)]
    assert len(explore) >= 6  # tables and figures for an analyst
    assert [c.id for c in report_notebook(notebook_path(name)).cells] == page
    # the page is built by the last cells: no explore cell after the first page section
    first_page = next(i for i, c in enumerate(nb.cells) if c.id in ("card", "title"))
    assert not any(_explore(c) for c in nb.cells[first_page:])


@pytest.mark.parametrize("name", [
    "team_report.ipynb",
    pytest.param(PROGRAMME_NOTEBOOK, marks=pytest.mark.slow),  # 60 teams: 1-2 minutes
])  # fmt: skip
def test_each_notebook_runs_as_it_is_on_the_demo(name, tmp_path: Path):
    """No parameter: the demo programme (and its first team), as in JupyterLab."""
    nb = papermill.execute_notebook(str(notebook_path(name)), str(tmp_path / name),
                                    kernel_name="python3", progress_bar=False, cwd=str(tmp_path),
                                    kernel_manager_class=LocalKernelManager)  # fmt: skip
    outputs = {c.id: c.outputs for c in nb.cells if c.cell_type == "code"}
    assert not any(o.output_type == "error" for out in outputs.values() for o in out)
    shown = [m for c in nb.cells if _explore(c) for o in c.get("outputs", [])
             for m in o.get("data", {})]  # fmt: skip
    assert shown.count("text/html") >= 4  # tables (pandas HTML) and the programme summary
    assert "image/png" in shown  # figures
    overview = outputs["explore-overview"][0]["data"]["text/plain"]
    assert overview.startswith("Programme(") and len(overview) < 600  # counts, not the tables
    page = "".join(o["data"].get("text/html", "") for c in nb.cells if not _explore(c)
                   for o in c.get("outputs", []) if "data" in o)  # fmt: skip
    if name == "team_report.ipynb":
        assert "T01" in "".join(o["data"].get("text/html", "") for o in outputs["card"])
        assert 'id="team-summary"' in page
    else:
        assert 'id="programme-did"' in page


# --- compute once: the same tables as team by team ---------------------------------------


def _same(got: pd.DataFrame, expected: pd.DataFrame, what: str) -> None:
    pd.testing.assert_frame_equal(
        got.reset_index(drop=True), expected.reset_index(drop=True), obj=what
    )


def test_all_teams_tables_equal_the_per_team_library_calls(demo, tmp_path: Path):
    teams = demo.team_ids
    tables = compute_tables(demo, teams, lang="en", min_cell=MIN_CELL)
    bundles = write_team_bundles(demo, tables, tmp_path)
    for team in teams:
        programme, got = load_team_results(
            bundles[team], team_id=team, lang="en", min_cell=MIN_CELL
        )
        _same(got.indicators, compare_periods(demo, teams=[team], months=12), "indicators")
        its = its_by_team(demo, teams=[team])
        _same(got.its.effects, its.effects, "its effects")
        _same(got.its.fitted, its.fitted, "its fitted")
        _same(got.did, team_did(demo, teams=[team]), "did")
        for name, table in team_barometer_tables(demo, team, lang="en").items():
            _same(got.barometer[name], table, f"barometer {name}")
        for name, table in team_prem_tables(demo, team, lang="en").items():
            _same(got.prem[name], table, f"prem {name}")
        alone = demo.team(team)
        for name in ("teams", "indicator_values", "barometer_responses", "prem_responses"):
            _same(getattr(programme, name), getattr(alone, name), name)
    with pytest.raises(ValueError, match="not"):
        load_team_results(bundles[teams[0]], team_id=teams[0], lang="fr", min_cell=MIN_CELL)


def test_a_notebook_alone_computes_the_team_tables_of_a_run(demo, tmp_path: Path):
    """One route: team_results (the notebook alone) gives the run's bundle, table by table."""
    team = demo.team_ids[1]
    bundles = write_team_bundles(demo, compute_tables(demo, demo.team_ids, min_cell=MIN_CELL),
                                 tmp_path)  # fmt: skip
    _, bundled = load_team_results(bundles[team], team_id=team, lang="fr", min_cell=MIN_CELL)
    alone = team_results(demo, team, min_cell=MIN_CELL)
    for family in ("indicators", "did"):
        _same(getattr(alone, family), getattr(bundled, family), family)
    _same(alone.its.effects, bundled.its.effects, "its")
    for family in ("barometer", "prem"):
        for name, table in getattr(alone, family).items():
            _same(table, getattr(bundled, family)[name], f"{family} {name}")
    assert repr(alone).startswith(f"TeamResults(team_id='{team}'") and len(repr(alone)) < 500


def test_the_programme_did_is_computed_once_and_handed_to_the_notebook(demo, tmp_path: Path):
    loaded = load_did_bundle(write_did_bundle(did_programme(demo), tmp_path / "did.pkl"))
    expected = did_by_indicator(demo, n_boot=499, seed=0)  # the notebook's own defaults
    for key in ("overall", "event_study"):
        _same(loaded[key], expected[key], key)
    # given the run's result, the programme report uses it (made publishable) rather than
    # computing again: the marked estimates come back wherever they are shown
    marker = {"overall": loaded["overall"].assign(estimate=1.0), "event_study": None}
    got = programme_results(demo, did=marker).did["overall"]
    shown = ~got["suppressed"].astype(bool)
    assert shown.any() and (got.loc[shown, "estimate"] == 1.0).all()


def test_a_team_that_cannot_be_computed_keeps_its_error(demo):
    comparison = demo.comparison_ids[0]
    tables = compute_tables(demo, [demo.team_ids[0], comparison], min_cell=MIN_CELL)
    assert comparison in tables.errors["indicators"]
    results = tables.team(comparison)
    with pytest.raises(ValueError, match="Not programme teams with a start date"):
        results.indicators  # noqa: B018 - the notebook cell raises the same error
    assert len(tables.team(demo.team_ids[0]).indicators)


# --- kept-alive kernels ------------------------------------------------------------------


def _notebook(path: Path, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}  # fmt: skip
    cells = [nbformat.v4.new_code_cell('name = ""')]
    cells[0].metadata["tags"] = ["parameters"]
    nb.cells = cells + [nbformat.v4.new_code_cell(s) for s in sources]
    nbformat.write(nb, path)
    return path


def test_a_reused_kernel_does_not_leak_state_between_notebooks(tmp_path: Path):
    dirty = _notebook(
        tmp_path / "dirty.ipynb",
        "import os, warnings\nimport matplotlib\nimport matplotlib.pyplot as plt\n"
        "LEAK = name\nplt.figure()\nmatplotlib.rcParams['lines.linewidth'] = 9.0\n"
        "warnings.simplefilter('ignore')\nos.chdir(os.path.expanduser('~'))",
    )
    clean = _notebook(
        tmp_path / "clean.ipynb",
        "import os, warnings\nimport matplotlib\nimport matplotlib.pyplot as plt\n"
        "assert 'LEAK' not in globals(), 'variable of the previous notebook'\n"
        "assert plt.get_fignums() == [], 'figure of the previous notebook'\n"
        "assert matplotlib.rcParams['lines.linewidth'] != 9.0\n"
        "assert not warnings.filters or warnings.filters[0][0] != 'ignore' "
        "or warnings.filters[0][2] is not Warning\n"
        "print(os.getcwd())",
    )
    with KeptAliveKernel(tmp_path, restart_every=3) as kernel:
        execute_notebook(dirty, {"name": "first"}, kernel)
        nb = execute_notebook(clean, {"name": "second"}, kernel)
        assert kernel.starts == 1  # the same kernel ran both
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert code[0].execution_count == 1  # the counter restarts as in a fresh kernel
        assert nb.cells[-1].outputs[0]["text"].strip() == str(tmp_path)
        fds = open_fds()
        execute_notebook(dirty, {"name": "third"}, kernel)  # third run: then replaced
        execute_notebook(clean, {"name": "fourth"}, kernel)
        assert kernel.starts == 2
        if fds is not None:  # no socket or file left open per notebook
            assert open_fds() <= fds


def test_a_failing_notebook_keeps_its_executed_copy(tmp_path: Path):
    failing = _notebook(tmp_path / "failing.ipynb", "x = 1", "raise KeyError('no such team')")
    with KeptAliveKernel(tmp_path) as kernel:
        with pytest.raises(papermill.PapermillExecutionError, match="no such team"):
            execute_notebook(failing, {"name": "x"}, kernel)
        assert kernel.last_notebook is not None
        errors = [
            o
            for c in kernel.last_notebook.cells
            if c.cell_type == "code"
            for o in c.outputs
            if o.get("output_type") == "error"
        ]
        assert [o["ename"] for o in errors] == ["KeyError"]
        ok = _notebook(tmp_path / "ok.ipynb", "assert 'x' not in globals()")
        execute_notebook(ok, {"name": "y"}, kernel)  # the kernel goes on after a failure


# --- a whole run through the CLI ---------------------------------------------------------


@pytest.fixture(scope="module")
def cli_run(demo_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("run") / "out"
    comparison = "C01"  # a comparison unit: its team notebook fails (no start date)
    fds = open_fds()
    result = CliRunner().invoke(cli, [
        "run", str(demo_dir), "--out", str(out), "--teams", f"T01,T02,{comparison}",
        "--workers", "2", "--min-cell", str(MIN_CELL)])  # fmt: skip
    result.fds = (fds, open_fds())
    return out, result


def test_run_writes_every_output(cli_run):
    out, result = cli_run
    for team in ("T01", "T02"):
        page = (out / "teams" / f"{team}.html").read_text(encoding="utf-8")
        assert "Rapport d'équipe" in page and 'src="data:image/svg+xml;base64,' in page
    if _has_programme_notebook():
        assert (out / "programme.html").is_file()
    assert {p.name for p in (out / "results").glob("*.csv")} >= {
        "indicators.csv", "its.csv", "did.csv", "did_programme.csv", "did_event_study.csv",
        "barometer_changes.csv", "barometer_gaps.csv", "barometer_scores.csv",
        "prem_deltas.csv", "prem_levels.csv", "proms.csv"}  # fmt: skip
    indicators = pd.read_csv(out / "results" / "indicators.csv")
    assert set(indicators["team_id"]) == {"T01", "T02"}
    assert not (out / ".work").exists()  # no scratch files in the output folder
    assert not list(out.rglob("*.tmp"))
    before, after = result.fds
    if before is not None:  # kernels, sockets and event loops all closed
        assert after <= before


def test_index_lists_teams_with_headlines_and_links(cli_run):
    out, _ = cli_run
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="teams/T01.html"' in index and 'href="teams/T02.html"' in index
    assert 'href="results/indicators.csv"' in index
    if _has_programme_notebook():
        assert 'href="programme.html"' in index
    assert "Indicateurs ↑ / ↓ / =" in index
    row = re.search(r"<tr><td>T01</td>.*?</tr>", index).group(0)
    assert re.search(r"\d+&nbsp;↑", row) and re.search(r"\d+&nbsp;↓", row)
    assert not re.search(r"<script[^>]+src=", index)


def test_failure_is_listed_everywhere_and_sets_the_exit_code(cli_run):
    out, result = cli_run
    assert result.exit_code == 1
    assert "C01" in result.output and "Not programme teams with a start date" in result.output
    provenance = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert provenance["teams"]["ok"] == ["T01", "T02"]
    [failed] = provenance["teams"]["failed"]
    assert failed["team_id"] == "C01" and failed["notebook"] == "failed/C01.ipynb"
    assert failed["error"].startswith("ValueError: Not programme teams")
    assert (out / failed["notebook"]).is_file()
    assert not (out / "teams" / "C01.html").exists()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Rapports en échec (1)" in index and 'href="failed/C01.ipynb"' in index
    if _has_programme_notebook():
        assert provenance["programme"]["report"] == "programme.html"


def test_results_files_show_no_count_under_min_cell(cli_run):
    out, _ = cli_run
    checked = 0
    for path in (out / "results").glob("*.csv"):
        table = pd.read_csv(path)
        timeish = (table["measure"].isin(NON_PERSON_MEASURES) if "measure" in table
                   else pd.Series(False, index=table.index))  # fmt: skip
        for col in PERSON_COUNTS:
            if col not in table:
                continue
            values = pd.to_numeric(table[col], errors="coerce")
            small = (values > 0) & (values < MIN_CELL)
            if col in ("n", "n_before", "n_after"):
                small &= ~timeish
            assert not small.any(), f"{path.name}: {col} under {MIN_CELL}"
            checked += 1
        if "suppressed" in table:
            hidden = table["suppressed"].astype(bool)
            assert table.loc[hidden, "estimate"].isna().all() if "estimate" in table else True
    assert checked > 10


def test_reused_kernel_reports_equal_fresh_kernel_reports(cli_run, demo_dir: Path,
                                                          tmp_path: Path):  # fmt: skip
    """T02 ran after another team in a reused kernel, from precomputed tables; the same
    notebook alone in a fresh kernel, computing from the data, shows the same outputs."""
    out, _ = cli_run
    fresh = papermill.execute_notebook(
        str(notebook_path()),
        None,
        parameters=team_parameters(str(demo_dir), "T02", "fr", MIN_CELL),
        kernel_name="python3",
        progress_bar=False,
        kernel_manager_class=LocalKernelManager,
    )
    page = (out / "teams" / "T02.html").read_text(encoding="utf-8")
    words = _words(page)
    images = set(IMAGE.findall(page))
    assert len(images) >= 4  # the page's figures (SVG)
    fragments = 0
    for cell in fresh.cells:
        if cell.cell_type != "code" or cell.get("id") == "provenance" or _explore(cell):
            continue
        for output in cell.outputs:
            text = output.get("data", {}).get("text/html")
            if text:  # every table and figure of the fresh run is on the page, identical
                fragments += 1
                assert set(IMAGE.findall(text)) <= images
                assert _words(text) in words
    assert fragments > 5
    assert "ERROR" not in words and "Traceback" not in words


IMAGE = re.compile(r"\bsrc=\"data:image/svg\+xml;base64,[A-Za-z0-9+/=]+")


def _words(html: str) -> str:
    """The text of an HTML fragment, tags dropped and spaces normalised."""
    text = re.sub(r"<style.*?</style>", " ", html, flags=re.DOTALL)
    return re.sub(r"\s+", " ", html_module.unescape(re.sub(r"<[^>]+>", " ", text))).strip()
