"""Small-cell suppression blanks small counts and every statistic of their rows."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from impact.report.privacy import suppress_small_cells


def test_rows_with_any_small_count_are_blanked():
    table = pd.DataFrame(
        {
            "role": ["patient", "professionnel", "proche", "vide"],
            "n_before": [12, 30, 9, 0],
            "n_after": [8, 31, 15, 0],
            "estimate": [0.4, 0.2, 0.1, np.nan],
            "ci_low": [0.1, 0.0, -0.2, np.nan],
            "mean_before": [2.1, 2.5, 1.9, np.nan],
            "method": ["Welch"] * 4,
        }
    )
    out = suppress_small_cells(table, min_cell=10)
    assert out["suppressed"].tolist() == [True, False, True, False]
    assert out.loc[0, ["n_before", "n_after"]].isna().all()  # 12 hidden too: 8 beside it
    assert out.loc[[0, 2], ["estimate", "ci_low", "mean_before"]].isna().all().all()
    assert out.loc[1, "estimate"] == 0.2 and out.loc[1, "n_before"] == 30
    assert out.loc[3, "n_before"] == 0  # an empty group reveals no one
    assert out["method"].tolist() == ["Welch"] * 4  # text is kept
    assert table.loc[0, "estimate"] == 0.4  # the input is not modified


def test_threshold_is_configurable_and_checked():
    table = pd.DataFrame({"n": [5, 20], "estimate": [1.0, 2.0]})
    assert suppress_small_cells(table, min_cell=5)["suppressed"].tolist() == [False, False]
    assert suppress_small_cells(table, min_cell=21)["suppressed"].tolist() == [True, True]
    with pytest.raises(ValueError, match="min_cell"):
        suppress_small_cells(table, min_cell=0)
