"""Geometry of the barometer's diverging bars, checked from first principles."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.collections import PolyCollection

import impact
from impact.report.figures import diverging_bars


def _segments(ax) -> list[tuple[float, float]]:
    """(left, right) of every bar segment drawn on ``ax``, left to right."""
    [bars] = [c for c in ax.collections if isinstance(c, PolyCollection)]
    return sorted((float(p.vertices[:, 0].min()), float(p.vertices[:, 0].max()))
                  for p in bars.get_paths())  # fmt: skip


def test_diverging_bars_are_centred_on_the_scale_midpoint():
    """Robbins & Heiberger (2011): answers below the midpoint go left, above it right, the
    midpoint answer is split half on each side. Ten answers 0,0,1,1,2,2,2,2,3,4 on the
    0–4 scale are 20/20/40/10/10 % of the bar: 0 spans −60…−40, 1 −40…−20, 2 −20…+20,
    3 +20…+30 and 4 +30…+40 (shares computed by hand)."""
    items = impact.demo_programme(n_teams=2, seed=1).barometer_items.iloc[:1]
    answers = [0, 0, 1, 1, 2, 2, 2, 2, 3, 4]
    responses = pd.DataFrame({
        "team_id": "T01", "wave": "T0", "respondent": [f"P{k}" for k in range(10)],
        "role": "professionnel", "assessment": "auto", "item": items["item"].iloc[0],
        "score": answers})  # fmt: skip
    fig = diverging_bars(responses, items, lang="en", min_cell=10)
    assert np.allclose(_segments(fig.axes[0]),
                       [(-60, -40), (-40, -20), (-20, 20), (20, 30), (30, 40)])  # fmt: skip
    # under the minimum count the bar is not drawn, a note says why
    fig = diverging_bars(responses.iloc[:9], items, lang="en", min_cell=10)
    assert not [c for c in fig.axes[0].collections if isinstance(c, PolyCollection)]
    assert fig.axes[0].texts
