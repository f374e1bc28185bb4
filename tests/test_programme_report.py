"""The programme report: its notebook (parameters, no outputs, runs in French and English)
and the HTML fragments of impact.report.programme (small cells, team labels)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import numpy as np
import papermill
import pytest

import impact
from impact.report.labels import LABELS
from impact.report.programme import (
    did_section,
    effectiveness_section,
    methods_html,
    moderator_section,
    programme_results,
    reaim_html,
    subgroup_section,
    summary_html,
    title_html,
)
from impact.report.programme_funnel import funnel_section

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "programme_report.ipynb"


@pytest.fixture(scope="module")
def small() -> impact.Programme:
    return impact.demo_programme(n_teams=12, n_comparison=6, seed=3)


@pytest.fixture(scope="module")
def results_en(small):
    return programme_results(small, lang="en")


def _all_html(res) -> str:
    """Every fragment (forest plots of the overall PREM score only, to stay fast; on this
    demo every team's barometer has a hidden role group, so no barometer team is pooled)."""
    parts = [title_html(res), summary_html(res), reaim_html(res), methods_html(res)]
    parts += effectiveness_section(res, forests={"prem": ("all",)})
    for section in (subgroup_section, moderator_section, did_section, funnel_section):
        parts += section(res)
    return "\n".join(parts)


# ------------------------------------------------------------------------ notebook
def test_notebook_declares_exactly_the_runner_parameters():
    params = papermill.inspect_notebook(str(NOTEBOOK))
    assert set(params) == {
        "data_path",
        "lang",
        "min_cell",
        "did_path",
        "evidence_path",
        "comments_path",
    }
    assert params["data_path"]["default"] == '""'
    assert params["did_path"]["default"] == '""'
    assert params["lang"]["default"] == '"fr"'
    assert params["min_cell"]["default"] == "10"


def test_committed_notebook_has_no_outputs_and_a_literal_parameters_cell():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    first = code[0]
    assert "parameters" in first.metadata.get("tags", [])
    for node in ast.parse(first.source).body:
        assert isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
    assert nb.metadata["kernelspec"]["name"] == "python3"


#: The French notebook runs in the shared French report set (tests/report_set.py, its
#: programme page is checked below); English is run here by papermill directly.
@pytest.mark.parametrize(("lang", "title", "section"), [
    ("en", "Programme report", "The programme in the RE-AIM frame"),
])  # fmt: skip
def test_notebook_runs_with_papermill(tmp_path, small, lang, title, section):
    data = tmp_path / "data"
    small.to_csv(data)
    out = tmp_path / "out.ipynb"
    nb = papermill.execute_notebook(
        str(NOTEBOOK), str(out), parameters={"data_path": str(data), "lang": lang,
                                             "min_cell": 10},
        kernel_name="python3", cwd=str(tmp_path), progress_bar=False,
        execution_timeout=60)  # fmt: skip
    text, stderr = [], []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                pytest.fail(f"{output.ename}: {output.evalue}")
            if output.output_type == "stream":
                (stderr if output.name == "stderr" else text).append(output.text)
            for value in output.get("data", {}).values():
                text.append(value if isinstance(value, str) else "")
    body = "\n".join(text)
    assert "Traceback" not in body
    assert stderr == []  # no warning noise in the report
    assert title in body and section in body
    assert body.count("data:image/svg+xml;base64,") >= 8
    assert "SHA-256" in body  # provenance


def test_every_contents_link_of_the_shared_pages_has_its_section(french):
    """Each page's internal links lead to a section of the page: a notebook cell that
    stopped calling its section (RE-AIM, subgroups, moderators…) leaves a dead link."""
    for page in french.html_files():
        body = page.read_text(encoding="utf-8")
        targets = set(re.findall(r'href="#([^"]+)"', body))
        ids = set(re.findall(r'id="([^"]+)"', body))
        assert targets <= ids, (page.name, sorted(targets - ids))
    body = french.programme_html.read_text(encoding="utf-8")
    for section in ("programme-reaim", "programme-subgroups", "programme-moderators"):
        assert f'id="{section}"' in body


def test_french_programme_page_of_the_shared_run(french):
    """The programme notebook in French, as `impact run` ran it for the shared report set
    (a notebook error would have failed that run)."""
    body = french.programme_html.read_text(encoding="utf-8")
    assert "Traceback" not in body
    assert "Rapport du programme" in body and "Le programme selon RE-AIM" in body
    assert body.count("data:image/svg+xml;base64,") >= 8
    assert "SHA-256" in body  # provenance


# ------------------------------------------------------------------------ fragments
def test_fragments_name_teams_by_identifier_only(small, results_en):
    res = results_en
    html = _all_html(res)
    for name in small.teams["name"]:
        assert name not in html
    assert "Forest plot" in html and "Callaway-Sant&#39;Anna" in html
    # every section is in the table of contents and has its anchor
    for anchor in re.findall(r'href="#(programme-[a-z]+)"', title_html(res)):
        assert f'id="{anchor}"' in html or anchor == "programme-about"


def test_small_cells_are_hidden_everywhere(small):
    res = programme_results(small, lang="fr", min_cell=60)
    html = _all_html(res)
    people = res.reaim[res.reaim["people"]]
    assert (people["value"].dropna() >= 60).all()
    assert "&lt; 60" in html  # the visible mark
    # forest plots and pooled effects leave out teams with fewer than 60 respondents,
    # and say so
    assert "teams left out" not in html  # French report
    assert "équipes laissées de côté" in html


def test_report_says_what_could_not_be_computed():
    prog = impact.demo_programme(n_teams=8, n_comparison=0, seed=4)
    res = programme_results(prog, lang="en")
    assert res.did is None
    assert any("comparison unit" in note for note in res.notes)
    html = methods_html(res)
    assert "What could not be computed" in html and "No comparison unit" in html
    assert "No comparison unit" in "\n".join(did_section(res))


def test_programme_results_checks_the_language(small):
    with pytest.raises(ValueError, match="lang"):
        programme_results(small, lang="de")


def test_every_programme_label_exists_in_both_languages():
    keys = [k for k in LABELS if k.startswith("report.programme.")]
    assert len(keys) > 100
    for key in keys:
        assert set(LABELS[key]) == {"fr", "en"} and all(LABELS[key].values()), key
    # French typography: a no-break space before %
    assert not any(re.search(r"\d \%| \%", LABELS[k]["fr"]) for k in keys)
    assert np.all([LABELS[k]["fr"] != LABELS[k]["en"] or k.endswith(("tau2", "i2", "q_p",
                   "col.p", "did.col.cs", "adoption", "reaim.col.dimension", "r2", "scale",
                   "unit.barometer", "unit.prem"))
                   for k in keys])  # fmt: skip


def test_subgroup_forests_fit_their_scale(results_en, monkeypatch):
    """The PREM subgroup forests (0–100 score) and the barometer's (0–4) show every
    diamond: the x axis contains every subgroup's and the overall interval."""
    import impact.report.programme_subgroups as page

    drawn = []

    def spy(analysis, **kwargs):
        fig = draw(analysis, **kwargs)
        drawn.append((analysis, fig))
        return fig

    draw = page.subgroup_forest
    monkeypatch.setattr(page, "subgroup_forest", spy)
    subgroup_section(results_en)
    families = {a.groups["family"].iloc[0] for a, _ in drawn}
    assert {"prem", "barometer"} <= families
    assert {a.by for a, f in drawn if a.groups["family"].iloc[0] == "prem"} == set(
        results_en.subgroups
    )
    for analysis, fig in drawn:
        low, high = fig.axes[0].get_xlim()
        values = np.concatenate([
            analysis.groups[["estimate", "ci_low", "ci_high"]].to_numpy(dtype=float).ravel(),
            analysis.overall[["estimate", "ci_low", "ci_high"]].to_numpy(dtype=float).ravel(),
        ])  # fmt: skip
        values = values[np.isfinite(values)]
        assert values.size, analysis.by
        assert low <= values.min() and values.max() <= high, (analysis.by, low, high)
        # and the axis is not much wider than the data (the diamonds stay readable)
        assert high - low <= 1.2 * (max(values.max(), 0) - min(values.min(), 0)), analysis.by
