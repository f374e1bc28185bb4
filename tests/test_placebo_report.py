"""The placebo checks in a run (impact.report.results) and in the team report's trend table."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import impact.report.results as results_module
from impact.demo.programme import demo_programme
from impact.indicators.placebo import PLACEBO_COLUMNS
from impact.report.bundles import load_team_results, write_team_bundles
from impact.report.indicator_tables import trend_table_html
from impact.report.results import compute_tables
from impact.report.team import team_section, team_tables

TEAMS = ["T01", "T02"]


@pytest.fixture(scope="module")
def programme():
    return demo_programme(n_teams=3, n_comparison=6, seed=1)


@pytest.fixture(scope="module")
def run(programme):
    return compute_tables(programme, TEAMS, comments=False, programme_did=False)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_run_computes_the_placebo_family_from_its_and_did(run):
    placebo = run.placebo
    assert list(placebo.columns) == list(PLACEBO_COLUMNS)
    assert set(placebo["team_id"]) == set(TEAMS) and set(placebo["design"]) == {"its", "did"}
    # one row per team × indicator × design, the real effect as the run's ITS and DiD
    assert not placebo.duplicated(["team_id", "indicator", "design"]).any()
    did = run.did.set_index(["team_id", "indicator"])["estimate"]
    rows = placebo[placebo["design"] == "did"].set_index(["team_id", "indicator"])["estimate"]
    pd.testing.assert_series_equal(rows, did.loc[rows.index], check_names=False)
    assert run.errors["placebo"] == {}
    team = run.team("T01")
    assert set(team.placebo["team_id"]) == {"T01"}


def test_team_report_shows_the_check_beside_its_and_did(programme, run):
    results = run.team("T01")
    row = results.placebo.query("design == 'its'").iloc[0]
    for lang, words in (("fr", "dates fictives"), ("en", "placebo dates")):
        html = "\n".join(team_section(team_tables(programme, "T01", results, lang=lang), "trends"))
        text = _text(html)
        assert ("Contrôle placebo" if lang == "fr" else "Placebo check") in text
        assert words in text
    # the first indicator's ITS check, in words, from its row
    key = "effet plus grand que" if row["larger_than_most"] else "pas plus que la plupart"
    html = "\n".join(team_section(team_tables(programme, "T01", results, lang="fr"), "trends"))
    assert f"{key}" in _text(html)


def test_bundle_carries_the_placebo_checks(programme, run, tmp_path):
    paths = write_team_bundles(programme, run, tmp_path)
    _, results = load_team_results(paths["T02"], team_id="T02", lang="fr", min_cell=10)
    pd.testing.assert_frame_equal(results.placebo, run.team("T02").placebo)


def test_a_failing_team_is_isolated_and_listed(programme, monkeypatch):
    real = results_module.placebo_by_team

    def failing(prog, *, teams, **kwargs):
        if "T02" in teams:
            raise RuntimeError("placebo broke")
        return real(prog, teams=teams, **kwargs)

    monkeypatch.setattr(results_module, "placebo_by_team", failing)
    out = compute_tables(programme, TEAMS, comments=False, programme_did=False)
    assert set(out.errors["placebo"]) == {"T02"}
    assert set(out.placebo["team_id"]) == {"T01"}
    tables = team_tables(programme, "T02", out.team("T02"), lang="en")
    trends = _text("\n".join(team_section(tables, "trends")))
    assert "Placebo check" not in trends and "Level change" in trends
    listed = _text("\n".join(team_section(tables, "not-computed")))
    assert "Placebo check" in listed


def test_robustness_off_leaves_the_family_out(programme):
    out = compute_tables(programme, ["T01"], comments=False, programme_did=False,
                         robustness=False)  # fmt: skip
    assert out.placebo is None and "placebo" not in out.errors
    assert out.team("T01").placebo is None


def _placebo_rows(larger: list[object]) -> pd.DataFrame:
    n = len(larger)
    return pd.DataFrame({
        "team_id": "T01", "indicator": ["dms", "qvt", "plaintes"][:n], "design": "its",
        "n_placebos": 6, "n_smaller": [5, 2, 0][:n], "larger_than_most": pd.array(larger,
                                                                                 dtype="boolean"),
    })  # fmt: skip


def test_trend_table_words_and_hidden_rows(programme):
    catalogue = programme.indicators
    its = pd.DataFrame({"indicator": ["dms", "qvt", "plaintes"], "measure": "level change",
                        "estimate": [-0.5, 1.0, 0.9], "ci_low": [-0.8, -1.0, 0.5],
                        "ci_high": [-0.2, 3.0, 1.6], "scale": ["identity", "identity", "log"],
                        "verdict": ["improved", "inconclusive", "inconclusive"]})  # fmt: skip
    placebo = _placebo_rows([True, False, None])
    fr = _text(trend_table_html(its, its.iloc[:0], catalogue, lang="fr", placebo=placebo))
    assert "effet plus grand que 5 des 6 dates fictives" in fr
    assert "plus grand que 2 des 6 dates fictives seulement : pas plus que la plupart" in fr
    en = _text(trend_table_html(its, its.iloc[:0], catalogue, lang="en", placebo=placebo))
    assert "effect larger than 5 of 6 placebo dates" in en
    assert "not larger than most placebos" in en
    # an indicator hidden for a small cell shows no placebo words either
    hidden = _text(trend_table_html(its, its.iloc[:0], catalogue, lang="en", placebo=placebo,
                                    hidden=["dms"], min_cell=10))  # fmt: skip
    assert "larger than 5 of 6" not in hidden and "larger than only 2 of 6" in hidden
    # without placebo rows, no placebo column
    plain = _text(trend_table_html(its, its.iloc[:0], catalogue, lang="en"))
    assert "Placebo check" not in plain
