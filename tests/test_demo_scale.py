"""The demo at national scale (issue 18): comparison units that grow with the teams,
e-Satis PREM volumes beyond the default demo's 60 teams, the same bytes for the same seed."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from impact.cli import cli
from impact.data.programme import CATALOGUES, INPUT_TABLES
from impact.demo.programme import NATIONAL_PREM_VOLUME, demo_programme


def _questionnaires(prem: pd.DataFrame) -> pd.Series:
    """Questionnaires per team and period (``avant`` first)."""
    counts = prem.drop_duplicates(["team_id", "period", "respondent"]).groupby(
        ["team_id", "period"], observed=True).size()  # fmt: skip
    return counts.unstack()[["avant", "après"]].stack()


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.glob("*.csv")}


def test_comparison_units_grow_with_the_teams_from_the_default_on():
    assert len(demo_programme(8, seed=3).comparison_ids) == 15  # as before issue 18
    assert len(demo_programme(80, seed=3).comparison_ids) == 20  # one for four teams


def test_the_prem_volume_scales_the_periods_of_30_and_more_and_nothing_else():
    plain = demo_programme(12, 3, seed=7, prem_volume=1.0)
    national = demo_programme(12, 3, seed=7, prem_volume=NATIONAL_PREM_VOLUME)
    before, after = _questionnaires(plain.prem_responses), _questionnaires(national.prem_responses)
    assert (before < 30).any()  # the demo's small periods, kept small
    expected = np.where(before >= 30, np.rint(before * NATIONAL_PREM_VOLUME), before)
    np.testing.assert_array_equal(after.reindex(before.index).to_numpy(), expected)
    for name in (*INPUT_TABLES, *CATALOGUES, "truth"):
        if name != "prem_responses":
            pd.testing.assert_frame_equal(getattr(plain, name), getattr(national, name), obj=name)
    with pytest.raises(ValueError, match="volume"):
        demo_programme(2, 1, prem_volume=0.5)


def test_beyond_60_teams_the_demo_has_e_satis_volumes():
    default = _questionnaires(demo_programme(60, 15, seed=5).prem_responses)
    wide = _questionnaires(demo_programme(61, 15, seed=5).prem_responses)
    # mean of a period of 30–300 answers: 165; at e-Satis volume, 1.6 times as many
    assert 120 < default.mean() < 180 and 1.4 < wide[wide >= 30].mean() / 165 < 1.8


def test_demo_data_beyond_the_old_cap_gives_the_same_bytes_for_the_same_seed(tmp_path):
    runs = [CliRunner().invoke(cli, ["demo-data", str(tmp_path / name), "--teams", "80"])
            for name in ("a", "b")]  # fmt: skip
    assert [r.exit_code for r in runs] == [0, 0], [r.output for r in runs]
    first, second = _digests(tmp_path / "a"), _digests(tmp_path / "b")
    assert len(first) >= 20 and first == second
    teams = pd.read_csv(tmp_path / "a" / "teams.csv")
    assert len(teams) == 100 and teams["comparison"].sum() == 20
    too_many = CliRunner().invoke(cli, ["demo-data", str(tmp_path / "c"), "--teams", "2001"])
    assert too_many.exit_code == 2 and "2000" in too_many.output
