"""Robustness of the programme-level DiD: randomisation inference and placebo-in-space.

For each indicator, :func:`randomisation_by_indicator` permutes the units' start dates
and draws placebo treated units among the comparison units
(:func:`impact.stats.randomisation.did_randomisation`), beside the model-based p-value of
the Callaway–Sant'Anna overall ATT of :func:`impact.indicators.did.did_by_indicator`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from impact.stats.randomisation import did_randomisation

__all__ = [
    "N_PERMUTATIONS",
    "RANDOMISATION_COLUMNS",
    "hide_randomisation",
    "randomisation_by_indicator",
]

#: Permutations of the start dates and placebo-in-space draws per indicator.
N_PERMUTATIONS = 499
#: Columns of :func:`randomisation_by_indicator`, in order.
RANDOMISATION_COLUMNS = [
    "indicator", "estimate", "p_value", "p_randomisation", "n_permutations",
    "placebo_space_share_larger", "placebo_space_n", "placebo_low", "placebo_high",
    "n_placebo_treated", "method", "reason",
]  # fmt: skip


def randomisation_by_indicator(
    rows: pd.DataFrame,
    overall: pd.DataFrame,
    *,
    control: str = "never_treated",
    n_perm: int = N_PERMUTATIONS,
    seed: int = 0,
) -> pd.DataFrame:
    """Randomisation p-value and placebo-in-space position of each indicator's CS ATT.

    Parameters
    ----------
    rows : pandas.DataFrame
        The monthly values of :func:`impact.indicators.did.monthly_values` with the
        numeric month ``t`` and start month ``g`` that ``did_by_indicator`` adds.
    overall : pandas.DataFrame
        ``did_by_indicator``'s overall table (its Callaway–Sant'Anna rows give
        ``p_value``, the model-based p-value).
    control : {"never_treated", "not_yet_treated"}
    n_perm : int, default :data:`N_PERMUTATIONS`
        Permutations, and as many placebo-in-space draws.
    seed : int, default 0

    Returns
    -------
    pandas.DataFrame
        One row per indicator, columns :data:`RANDOMISATION_COLUMNS` (see
        :func:`impact.stats.randomisation.did_randomisation`).
    """
    cs = overall.loc[overall["estimator"] == "Callaway-Sant'Anna"].set_index("indicator")
    out = []
    for i, (code, part) in enumerate(rows.groupby("indicator", sort=False)):
        res = did_randomisation(
            part, unit="team_id", time="t", outcome="y", start="g", comparison="comparison",
            control=control, n_perm=n_perm, n_space=n_perm, seed=np.random.default_rng([seed, i]),
        )  # fmt: skip
        p = cs["p_value"].get(code, np.nan) if "p_value" in cs else np.nan
        out.append(res.assign(indicator=code, p_value=p))
    if not out:
        return pd.DataFrame(columns=RANDOMISATION_COLUMNS)
    return pd.concat(out, ignore_index=True)[RANDOMISATION_COLUMNS]


def hide_randomisation(table: pd.DataFrame) -> pd.DataFrame:
    """Blank every statistic of the rows flagged ``suppressed`` (by
    :func:`impact.report.privacy.publishable`, which blanks the effect-table columns only)."""
    if "suppressed" not in table.columns:
        return table
    out = table.copy()
    stats = [c for c in RANDOMISATION_COLUMNS if c not in ("indicator", "method", "reason")]
    out.loc[out["suppressed"].astype(bool).to_numpy(), stats] = np.nan
    return out
