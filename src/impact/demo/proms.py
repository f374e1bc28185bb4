"""Patient-reported outcome measures (PROMs) of the demo programme, and their truth.

Each patient has a latent level ``b`` ~ N(mean, sd_between); a measurement is
``b + e`` before and ``b + Δ_team + e`` after, with ``e`` ~ N(0, sd_within), clipped to
the measure's scale and rounded to one decimal. ``Δ_team`` is the team's effect
multiplier times the measure's reference effect (signed by its better direction).
About 80% of patients answer after as well (missing at random), and about 10% of teams
collect no PROM at all.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

__all__ = ["PromParams", "draw_prom_params", "prom_truth", "simulate_proms"]

#: Generating parameters per PROM code: mean, sd between patients, sd within, effect.
PROM_MODELS = {
    "eq_vas": (62.0, 12.0, 7.0, 6.0),
    "douleur_nrs": (5.5, 1.6, 1.0, 1.2),
}


@dataclass(frozen=True)
class PromParams:
    """Teams, their PROM sample sizes and effects (Δ per team × PROM)."""

    team_ids: np.ndarray
    n_patients: np.ndarray
    collects: np.ndarray
    catalogue: pd.DataFrame
    delta: np.ndarray  # (teams, proms)


def draw_prom_params(
    rng: np.random.Generator, team_ids: np.ndarray, multiplier: np.ndarray, catalogue: pd.DataFrame
) -> PromParams:
    """Sample sizes (40–120 patients), which teams collect PROMs, and true changes."""
    n = len(team_ids)
    codes = catalogue["code"].tolist()
    sign = np.where(catalogue["better"].to_numpy() == "higher", 1.0, -1.0)
    reference = np.array([PROM_MODELS[c][3] if c in PROM_MODELS else 0.0 for c in codes])
    return PromParams(
        team_ids=np.asarray(team_ids, dtype=object),
        n_patients=rng.integers(40, 121, n),
        collects=rng.random(n) >= 0.1,
        catalogue=catalogue.reset_index(drop=True),
        delta=np.outer(multiplier, sign * reference),
    )


def _model(code: str, catalogue: pd.DataFrame) -> tuple[float, float, float, float, float]:
    row = catalogue.set_index("code").loc[code]
    mean, between, within, _ = PROM_MODELS.get(code, (row["scale_min"], 1.0, 1.0, 0.0))
    return mean, float(np.hypot(between, within)), between, within, 0.0


def simulate_proms(rng: np.random.Generator, params: PromParams) -> pd.DataFrame:
    """One row per team × period × patient × PROM, the ``prom_responses`` columns."""
    frames = []
    for j, code in enumerate(params.catalogue["code"]):
        mean, _, between, within, _ = _model(code, params.catalogue)
        low, high = params.catalogue.loc[j, ["scale_min", "scale_max"]].astype(float)
        keep = params.collects
        sizes = params.n_patients[keep]
        team = np.repeat(params.team_ids[keep], sizes)
        delta = np.repeat(params.delta[keep, j], sizes)
        patient = np.concatenate([np.arange(1, k + 1) for k in sizes]) if len(sizes) else []
        level = rng.normal(mean, between, team.size)
        before = level + rng.normal(0, within, team.size)
        after = level + delta + rng.normal(0, within, team.size)
        answered = rng.random(team.size) < 0.8
        ids = np.array([f"{t}-M{p:04d}" for t, p in zip(team, patient, strict=True)], dtype=object)
        for period, values, mask in (
            ("avant", before, np.ones(team.size, bool)),
            ("après", after, answered),
        ):
            frames.append(
                pd.DataFrame(
                    {
                        "team_id": team[mask],
                        "period": period,
                        "patient": ids[mask],
                        "prom": code,
                        "value": np.round(np.clip(values[mask], low, high), 1),
                    }
                )
            )
    return (
        pd.concat(frames, ignore_index=True)
        .sort_values(["team_id", "period", "patient", "prom"], kind="stable")
        .reset_index(drop=True)
    )


def _clipped_mean(mu: np.ndarray, sd: float, low: float, high: float) -> np.ndarray:
    """E[clip(X, low, high)] for X ~ N(mu, sd²), in closed form."""
    a, b = (low - mu) / sd, (high - mu) / sd
    return (
        low * stats.norm.cdf(a)
        + high * stats.norm.sf(b)
        + mu * (stats.norm.cdf(b) - stats.norm.cdf(a))
        + sd * (stats.norm.pdf(a) - stats.norm.pdf(b))
    )


def prom_truth(params: PromParams) -> pd.DataFrame:
    """True after − before change of each collecting team's mean PROM score."""
    rows = []
    keep = params.collects
    for j, code in enumerate(params.catalogue["code"]):
        mean, total_sd, *_ = _model(code, params.catalogue)
        low, high = params.catalogue.loc[j, ["scale_min", "scale_max"]].astype(float)
        delta = params.delta[keep, j]
        change = _clipped_mean(mean + delta, total_sd, low, high) - _clipped_mean(
            np.full_like(delta, mean), total_sd, low, high
        )
        rows.append(
            pd.DataFrame(
                {
                    "team_id": params.team_ids[keep],
                    "measure": f"prom:{code}",
                    "family": "prom",
                    "code": code,
                    "scale": "difference (score)",
                    "true_effect": change,
                    "definition": (
                        f"Change après − avant of the expected {code} score of the team's patients "
                        "(clipped to the scale, computed in closed form); rounding to one decimal "
                        "and loss to follow-up at random are not part of it."
                    ),
                }
            )
        )
    return pd.concat(rows, ignore_index=True)
