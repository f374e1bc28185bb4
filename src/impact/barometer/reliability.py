"""Reliability of the barometer's dimensions: Cronbach's alpha (Feldt interval) per
dimension, item–rest correlations, floor and ceiling shares, with warnings in plain
words. The statistics themselves are in the generic :mod:`impact.stats.reliability`."""

from __future__ import annotations

import numpy as np
import pandas as pd

from impact.barometer.common import SELF, first_rows, item_values
from impact.stats.reliability import cronbach_alpha, floor_ceiling, item_rest_correlations

__all__ = ["WARNING_CODES", "item_statistics", "reliability"]

#: Warnings of :func:`reliability`: fewer than 2 items in the dimension, alpha under
#: ``min_alpha``, fewer than ``min_n`` complete cases.
WARNING_CODES = ("few_items", "low_alpha", "small_n")


def _wide(responses: pd.DataFrame, items: pd.DataFrame):
    """Self-assessment answers as a respondent-wave × item matrix (favourable direction)."""
    s = responses.loc[responses["assessment"] == SELF]
    v = item_values(s, items)
    cat = items.reset_index(drop=True)
    key = s.groupby(["team_id", "wave", "respondent"], sort=True).ngroup().to_numpy()
    n_keys = int(key.max()) + 1 if len(key) else 0
    matrix = np.full((n_keys, len(cat)), np.nan)
    matrix[key, v["code"]] = v["x"]
    waves = s["wave"].to_numpy(dtype=object)[first_rows(key, n_keys)]
    return matrix, waves, cat


def _subsets(waves: np.ndarray, by_wave: bool):
    if not by_wave:
        yield "all", np.ones(len(waves), dtype=bool)
        return
    for wave in sorted(pd.unique(waves), key=lambda w: (len(str(w)), str(w))):
        yield wave, waves == wave


def reliability(
    responses: pd.DataFrame,
    items: pd.DataFrame,
    *,
    by_wave: bool = False,
    min_n: int = 30,
    min_alpha: float = 0.7,
    conf_level: float = 0.95,
) -> pd.DataFrame:
    """Cronbach's alpha of each dimension with Feldt's interval, and a warning.

    Each self-assessment (respondent × wave) is one case; reverse-coded items are
    flipped first; respondents with a missing answer in the dimension are left out of
    its alpha (listwise deletion). Pooling waves counts a respondent who answered twice
    twice, and pooling teams mixes between-team differences into the total variance:
    use ``by_wave=True`` (or one team's responses) to look closer.

    Parameters
    ----------
    responses, items : pandas.DataFrame
        ``barometer_responses`` and the ``barometer_items`` catalogue.
    by_wave : bool, default False
        One row per dimension and wave instead of pooling the waves.
    min_n : int, default 30
        Below this many complete cases the row warns that alpha is imprecise.
    min_alpha : float, default 0.7
        Below this alpha the row warns that the items do not hang together.
    conf_level : float, default 0.95

    Returns
    -------
    pandas.DataFrame
        Effect table (``measure = "Cronbach's alpha"``) per ``dimension`` × ``wave``
        ("all" when pooled), with ``k``, ``n_dropped`` and ``warning``: the codes of
        :data:`WARNING_CODES` that apply, joined by ";" ("" when none).

    Examples
    --------
    >>> import impact
    >>> prog = impact.demo_programme(n_teams=10, seed=1)
    >>> table = reliability(prog.barometer_responses, prog.barometer_items)
    >>> table["dimension"].tolist()
    ['co_expression', 'co_construction', 'co_mise_en_oeuvre', 'co_decision']
    """
    if not isinstance(min_n, (int, np.integer)) or min_n < 2:
        raise ValueError(f"min_n must be a whole number ≥ 2. Got {min_n!r}.")
    matrix, waves, cat = _wide(responses, items)
    rows = []
    for dim in dict.fromkeys(cat["dimension"].astype(str)):
        cols = np.flatnonzero(cat["dimension"].astype(str).to_numpy() == dim)
        for wave, mask in _subsets(waves, by_wave):
            sub = pd.DataFrame(matrix[np.ix_(mask, cols)], columns=cat["item"].iloc[cols])
            res = cronbach_alpha(sub, conf_level=conf_level)
            res.insert(0, "wave", wave)
            res.insert(0, "dimension", dim)
            rows.append(res)
    table = pd.concat(rows, ignore_index=True)
    few_items = table["k"].to_numpy() < 2
    estimate = table["estimate"].to_numpy(dtype=float)
    low = ~few_items & np.isfinite(estimate) & (estimate < min_alpha)
    small = table["n"].to_numpy(dtype=float) < min_n
    table["warning"] = [
        ";".join(code for code, on in zip(WARNING_CODES, flags, strict=True) if on)
        for flags in zip(few_items, low, small, strict=True)
    ]
    return table


def item_statistics(
    responses: pd.DataFrame, items: pd.DataFrame, *, by_wave: bool = False
) -> pd.DataFrame:
    """Per item: answers, mean, SD, floor and ceiling shares, item–rest correlation and
    alpha if deleted (within the item's dimension).

    Self-assessments only, reverse-coded items flipped; floor and ceiling are the
    item's ``scale_min`` and ``scale_max``. The item–rest correlation and alpha if
    deleted use the respondents who answered every item of the dimension.

    Returns
    -------
    pandas.DataFrame
        ``dimension``, ``wave`` ("all" unless ``by_wave``), ``item``, ``n``, ``mean``,
        ``sd``, ``floor_share``, ``ceiling_share``, ``n_complete``, ``r_item_rest``,
        ``alpha_if_deleted``.

    Examples
    --------
    >>> import impact
    >>> prog = impact.demo_programme(n_teams=5, seed=1)
    >>> item_statistics(prog.barometer_responses, prog.barometer_items)["item"].size
    11
    """
    matrix, waves, cat = _wide(responses, items)
    dims = cat["dimension"].astype(str).to_numpy()
    parts = []
    for wave, mask in _subsets(waves, by_wave):
        for dim in dict.fromkeys(dims):
            cols = np.flatnonzero(dims == dim)
            sub = pd.DataFrame(matrix[np.ix_(mask, cols)], columns=cat["item"].iloc[cols])
            fc = floor_ceiling(sub, low=cat["scale_min"].iloc[cols].to_numpy(dtype=float),
                               high=cat["scale_max"].iloc[cols].to_numpy(dtype=float))  # fmt: skip
            irc = item_rest_correlations(sub)
            parts.append(pd.DataFrame({
                "dimension": dim, "wave": wave, "item": fc["item"].to_numpy(),
                "n": fc["n"].to_numpy(), "mean": sub.mean().to_numpy(),
                "sd": sub.std().to_numpy(), "floor_share": fc["floor_share"].to_numpy(),
                "ceiling_share": fc["ceiling_share"].to_numpy(),
                "n_complete": irc["n"].to_numpy(), "r_item_rest": irc["r_item_rest"].to_numpy(),
                "alpha_if_deleted": irc["alpha_if_deleted"].to_numpy(),
            }))  # fmt: skip
    return pd.concat(parts, ignore_index=True)
