"""``impact plan``: the planning table from data, the pre-programme answers, and clear
refusals (exit 2, no traceback) in the run's language. Reference values come from
impact.stats.power's scalar functions (checked against Cohen's tables and statsmodels in
test_power.py)."""

from __future__ import annotations

import click
import pandas as pd
import pytest
from click.testing import CliRunner

from impact.cli import cli
from impact.demo.programme import demo_programme
from impact.stats.power import mde_mean, mde_proportion


def _invoke(args: list[str]) -> click.testing.Result:
    result = CliRunner().invoke(cli, args, env={"COLUMNS": "200"})
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    assert not crashed, (result.output, result.exception)
    return result


def _fr(value: float) -> str:
    return f"{value:.1f}".replace(".", ",").replace("-", "−")


def test_pre_programme_plan_for_a_proportion_in_french():
    result = _invoke(["plan", "--teams-count", "60", "--answers", "120", "--baseline", "0.6",
                      "--tau", "3", "--target", "5"])  # fmt: skip
    assert result.exit_code == 0, result.output
    rise, fall = mde_proportion(0.6, 120, 120)
    assert f"hausse de +{_fr(100 * rise)} points" in result.output
    assert f"baisse de {_fr(100 * fall)} points" in result.output
    assert "Pour détecter 5,0 points" in result.output


def test_pre_programme_plan_for_a_mean_in_english(tmp_path):
    out = tmp_path / "plan.csv"
    args = ["--teams-count", "5", "--answers", "50", "--sd", "10", "--tau", "2", "--target", "1"]
    result = _invoke(["plan", *args, "--lang", "en", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"change of +{mde_mean(10, 50, 50):.1f}" in result.output
    assert "out of reach" in result.output  # 5 teams spread by τ = 2 cannot pin 1
    table = pd.read_csv(out)
    assert table["level"].tolist() == ["team", "programme"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["plan"], "Donner DATA, ou --teams-count et --answers"),
        (["plan", "d", "--teams-count", "3", "--answers", "20"], "s'excluent"),
        (["plan", "--teams-count", "3", "--answers", "20"], "exactement une de --baseline"),
        (["plan", "--teams-count", "3", "--answers", "20", "--sd", "1", "--baseline", "0.5"],
         "exactement une de --baseline"),
        (["plan", "--teams-count", "3", "--answers", "20", "--sd", "1", "--power", "0.01"],
         "doit être supérieur à --alpha"),
        (["plan", "--teams-count", "3", "--answers", "1", "--sd", "1"], "Valeur invalide"),
        (["plan", "--teams-count", "3", "--answers", "20", "--baseline", "1.5"],
         "Valeur invalide"),
    ],
)  # fmt: skip
def test_bad_input_exits_2_with_a_clear_message(args, message):
    result = _invoke(args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_help_in_both_languages():
    assert "Plus petits effets détectables" in _invoke(["plan", "--help"]).output
    assert "Minimum detectable effects" in _invoke(["plan", "--help", "--lang", "en"]).output


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("plan_demo")
    demo_programme(n_teams=4, seed=5).to_csv(folder)
    return folder


def test_plan_from_data_prints_the_table_and_writes_the_csv(demo_dir, tmp_path):
    out = tmp_path / "mde.csv"
    result = _invoke(["plan", str(demo_dir), "--teams", "T01,T02", "--out", str(out)])
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out, keep_default_na=False, na_values=[""])
    assert set(table["team_id"]) == {"T01", "T02"}
    lines = result.output.splitlines()
    assert lines[0].startswith("Plus petits effets détectables (puissance 80\u202f%")
    shown = table.loc[(table["family"] == "indicators") & ~table["suppressed"]]
    for row in shown.itertuples():
        line = next(x for x in lines if x.startswith(row.team_id) and f" {row.outcome} " in x)
        up = f"+{row.mde_up:.2f}".replace(".", ",")
        assert up in line
    hidden = table.loc[table["suppressed"]]
    assert hidden[["n_before", "mde_up", "mde_down"]].isna().all().all()
    assert (hidden["reason"].fillna("") == "").all()
    assert "Effet du programme" in result.output
    if len(hidden):
        assert "< 10" in result.output


def test_unknown_team_is_refused(demo_dir):
    result = _invoke(["plan", str(demo_dir), "--teams", "T99", "--lang", "en"])
    assert result.exit_code == 2
    assert "Unknown teams" in result.output and "T99" in result.output


@pytest.mark.slow
def test_its_rows_are_added_on_request(demo_dir, tmp_path):
    """--its adds one simulated level-change row per indicator of the team (rates as
    ratios ×…), hidden where the before/after row is hidden."""
    out = tmp_path / "mde.csv"
    result = _invoke(["plan", str(demo_dir), "--teams", "T01", "--its", "--out", str(out)])
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out, keep_default_na=False, na_values=[""])
    its = table.loc[table["family"] == "its"]
    indicators = table.loc[table["family"] == "indicators"]
    assert set(its["outcome"]) == set(indicators["outcome"])
    hidden = set(indicators.loc[indicators["suppressed"], "outcome"])
    assert set(its.loc[its["suppressed"], "outcome"]) == hidden
    assert "série temporelle (niveau)" in result.output
