"""its_by_team: the right model per indicator kind, and recovery of the demo's truth.

The demo programme's truth (impact.demo.programme) is the step of each team's underlying monthly
parameter at its start month, without the shared trend and seasonality, which the
segmented model's time term and Fourier pair absorb; averaged over 60 teams the level
change must match it within Monte-Carlo error.
"""

from __future__ import annotations

import numpy as np
import pytest

import impact
from impact.indicators.trends import its_by_team


@pytest.fixture(scope="module")
def demo():
    return impact.demo_programme(n_teams=60, seed=2024)


@pytest.fixture(scope="module")
def result(demo):
    return its_by_team(demo)


def test_one_model_per_team_and_indicator(demo, result):
    level = result.effects[result.effects["measure"] == "level change"]
    assert set(level["team_id"]) == set(demo.team_ids)
    assert not level.duplicated(["team_id", "indicator"]).any()
    rates = level[level["kind"] == "rate"]
    assert (rates["scale"] == "log").all() and rates["method"].str.contains("quasi-Poisson").all()
    other = level[level["kind"] != "rate"]
    assert (other["scale"] == "identity").all()
    assert other["method"].str.contains("AR\\(1\\)").all()
    assert set(result.effects["verdict"]) <= {"improved", "worsened", "inconclusive"}
    fitted = result.fitted
    assert {"observed", "fitted", "counterfactual", "post"} <= set(fitted.columns)


@pytest.mark.parametrize("code", ["info_sortie", "dms", "plaintes"])
def test_level_change_recovers_the_demo_truth_on_average(demo, result, code):
    level = result.effects.query("measure == 'level change' and indicator == @code")
    truth = demo.truth[demo.truth["measure"] == f"indicator:{code}"].set_index("team_id")
    joined = level.set_index("team_id").join(truth["true_effect"])
    ratio = joined["scale"].eq("log").all()
    est = np.log(joined["estimate"]) if ratio else joined["estimate"]
    true = np.log(joined["true_effect"]) if ratio else joined["true_effect"]
    error = est - true
    se_mean = error.std(ddof=1) / np.sqrt(error.notna().sum())
    assert abs(error.mean()) < 3 * se_mean, (code, error.mean(), se_mean)
    covered = (np.log(joined["ci_low"]) if ratio else joined["ci_low"]) <= true
    covered &= true <= (np.log(joined["ci_high"]) if ratio else joined["ci_high"])
    assert covered.mean() >= 0.85, (code, covered.mean())  # 60 teams: ±3 SE of 95%


def test_unknown_team_is_refused(demo):
    with pytest.raises(ValueError, match="C01"):
        its_by_team(demo, teams=["C01"])
