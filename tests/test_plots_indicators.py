"""Smoke tests of the indicator change chart (figures close after each test)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

import impact
from impact.indicators import compare_periods
from impact.plots import change_chart


def test_change_chart_one_panel_per_indicator_with_verdict_colours():
    programme = impact.demo_programme(n_teams=2, seed=4)
    effects = compare_periods(programme)
    team = effects[effects["team_id"] == "T01"]
    fig = change_chart(team, programme.indicators, lang="fr")
    try:
        axes = fig.get_axes()
        assert len(axes) == len(team)
        assert axes[1].get_xscale() == "log"  # plaintes: a rate ratio
        titles = [ax.get_title(loc="left") for ax in axes]
        assert titles[0].startswith("Durée moyenne de séjour")
        # every tick label uses the French decimal comma, never a point
        labels = [t.get_text() for ax in axes for t in ax.get_xticklabels()]
        assert not any("." in s for s in labels)
    finally:
        plt.close(fig)


def test_change_chart_survives_missing_estimates():
    programme = impact.demo_programme(n_teams=1, seed=4)
    effects = compare_periods(programme).head(2).copy()
    effects.loc[:, ["estimate", "ci_low", "ci_high"]] = np.nan
    fig = change_chart(effects, programme.indicators, lang="en")
    plt.close(fig)
