"""The two Likert questionnaires of the demo programme, and their true changes.

``experience_pp`` (patient partners' experience) is answered by the patient side — the
team's patient partners and the patients and carers of its workshops, 8–25 per wave —
and ``qvt`` (staff quality of working life) by professionals, 10–40 per wave (about 90 %
of the teams run it). Waves: T0 at the start, T1 a year later, T2 two years later for
the teams that started early enough; about 60 % of a wave's respondents answer again at
the next one. Self-assessments only.

The model is the barometer's (:mod:`impact.demo.surveys`): a normal latent — team
baseline + item offset + respondent level + noise, plus ``multiplier × wave factor ×
dimension change`` — rounded and clipped to the item's 1–5 scale; reversed items are
stored reversed (``6 − score``). True changes are exact expectations
(:func:`impact.demo.surveys.expected_barometer_score`).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from impact.demo.series import MONTHS
from impact.demo.surveys import (
    MISSING_P,
    PATIENT_ROLE_P,
    PATIENT_ROLES,
    RETURN_P,
    BarometerParams,
    barometer_latent_mean,
    draw_barometer_scores,
    expected_barometer_score,
)

__all__ = [
    "QUESTIONNAIRES",
    "QuestionnaireModel",
    "draw_questionnaire_params",
    "expected_wave_scores",
    "questionnaire_truth",
    "simulate_questionnaires",
]


class QuestionnaireModel(NamedTuple):
    """How one questionnaire is generated: respondents, sizes, levels and changes.

    Attributes
    ----------
    patient_side : bool
        Answered by the patient side (roles drawn as the barometer's) rather than by
        professionals.
    sizes : tuple of int
        Range of respondents per team and wave.
    collect_p : float
        Share of teams that run the questionnaire.
    base : tuple of float
        Mean and SD of team baselines on the latent scale (≈ the 1–5 score).
    shift, change : dict of str to float
        Latent offset of each dimension, and its change T0 → T1 for a team with effect
        multiplier 1.
    prefix : str
        Respondent identifiers are ``<team>-<prefix><number>``.
    """

    patient_side: bool
    sizes: tuple[int, int]
    collect_p: float
    base: tuple[float, float]
    shift: dict[str, float]
    change: dict[str, float]
    prefix: str


#: The generating model of each questionnaire of the default catalogue.
QUESTIONNAIRES = {
    "experience_pp": QuestionnaireModel(
        True,
        (8, 25),
        1.0,
        (3.3, 0.35),
        {"satisfaction": 0.3, "reconnaissance": 0.0, "impact": -0.3},
        {"satisfaction": 0.35, "reconnaissance": 0.45, "impact": 0.5},
        "E",
    ),
    "qvt": QuestionnaireModel(
        False,
        (10, 40),
        0.9,
        (3.2, 0.35),
        {"sens": 0.3, "reconnaissance": -0.3, "estime": 0.1},
        {"sens": 0.25, "reconnaissance": 0.35, "estime": 0.2},
        "Q",
    ),
}


def draw_questionnaire_params(
    rng: np.random.Generator,
    team_ids: np.ndarray,
    start: np.ndarray,
    multiplier: np.ndarray,
    items: pd.DataFrame,
) -> dict[str, BarometerParams]:
    """Parameters of each questionnaire of ``items`` that :data:`QUESTIONNAIRES` models.

    Only the teams that run a questionnaire are in its parameters (a questionnaire no
    team runs is left out); a team has a T2 wave when T2 (24 months after its start) falls
    within the series.
    """
    out = {}
    n_waves = 2 + (np.asarray(start) + 24 < len(MONTHS))
    for code, model in QUESTIONNAIRES.items():
        rows = items[items["questionnaire"] == code]
        if rows.empty:
            continue
        runs = rng.random(len(team_ids)) < model.collect_p
        dim = rows["dimension"].to_numpy(dtype=object)
        base = rng.normal(*model.base, len(team_ids))[runs]
        shift = np.array([model.shift.get(d, 0.0) for d in dim]) + rng.normal(0, 0.15, len(dim))
        if not runs.any():
            continue
        out[code] = BarometerParams(
            team_ids=np.asarray(team_ids, dtype=object)[runs],
            base=base,
            multiplier=np.asarray(multiplier, dtype=float)[runs],
            n_waves=n_waves[runs],
            items=rows["item"].to_numpy(dtype=object),
            dimension=dim,
            shift=shift,
            change=np.array([model.change.get(d, 0.4) for d in dim]),
            scale_min=rows["scale_min"].to_numpy(dtype=float),
            scale_max=rows["scale_max"].to_numpy(dtype=float),
            reverse=rows["reverse"].to_numpy(dtype=bool),
        )
    return out


def _respondents(rng: np.random.Generator, params: BarometerParams, model: QuestionnaireModel):
    """Team index, wave, identifier, role and latent level of every respondent × wave."""
    team_idx, wave_idx, ids, roles, levels = [], [], [], [], []
    for j, team in enumerate(params.team_ids):
        counter, previous = 0, []
        for w in range(params.n_waves[j]):
            keep = [p for p in previous if rng.random() < RETURN_P]
            n_new = max(0, int(rng.integers(model.sizes[0], model.sizes[1] + 1)) - len(keep))
            role = (
                rng.choice(PATIENT_ROLES, n_new, p=PATIENT_ROLE_P)
                if model.patient_side
                else ["professionnel"] * n_new
            )
            level = rng.normal(0.0, 0.6, n_new)
            new = [
                (f"{team}-{model.prefix}{counter + k + 1:03d}", str(r), float(v))
                for k, (r, v) in enumerate(zip(role, level, strict=True))
            ]
            counter += n_new
            previous = keep + new
            for rid, rrole, rlevel in previous:
                team_idx.append(j)
                wave_idx.append(w)
                ids.append(rid)
                roles.append(rrole)
                levels.append(rlevel)
    return np.array(team_idx), np.array(wave_idx), ids, roles, np.array(levels)


def simulate_questionnaires(
    rng: np.random.Generator, params: dict[str, BarometerParams]
) -> pd.DataFrame:
    """Answers of every questionnaire (untyped ``questionnaire_responses`` columns)."""
    frames = []
    for code, prm in params.items():
        team, wave, ids, roles, level = _respondents(rng, prm, QUESTIONNAIRES[code])
        mean = barometer_latent_mean(prm, team, np.zeros(len(team)), wave)
        scores = draw_barometer_scores(rng, prm, mean, level)
        scores[rng.random(scores.shape) < MISSING_P] = np.nan
        k = len(prm.items)
        frames.append(
            pd.DataFrame(
                {
                    "team_id": np.repeat(prm.team_ids[team], k),
                    "questionnaire": code,
                    "wave": np.repeat([f"T{w}" for w in wave], k),
                    "respondent": np.repeat(ids, k),
                    "role": np.repeat(roles, k),
                    "assessment": "auto",
                    "item": np.tile(prm.items, len(ids)),
                    "score": scores.ravel(),
                }
            )
        )
    if not frames:
        return pd.DataFrame(columns=["team_id", "questionnaire", "wave", "respondent", "role",
                                     "assessment", "item", "score"])  # fmt: skip
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values(["team_id", "questionnaire", "wave"], kind="stable").reset_index(
        drop=True
    )


def expected_wave_scores(params: BarometerParams, wave: int) -> np.ndarray:
    """Exact expected item scores (teams × items, after reverse-coding) at ``wave``."""
    n = len(params.team_ids)
    mean = barometer_latent_mean(params, np.arange(n), np.zeros(n), np.full(n, wave))
    return expected_barometer_score(params, mean)


def questionnaire_truth(params: dict[str, BarometerParams]) -> pd.DataFrame:
    """True change T0 → T1 of each team's mean score, per questionnaire × dimension and global.

    ``code`` is ``<questionnaire>.<dimension>`` (``<questionnaire>.global`` for the mean
    over all the questionnaire's items), as a roadmap line names the score.
    """
    rows = []
    for code, prm in params.items():
        change = expected_wave_scores(prm, 1) - expected_wave_scores(prm, 0)
        scale = f"difference (score {prm.scale_min.min():.0f}–{prm.scale_max.max():.0f})"
        text = (
            f"Change T0 → T1 in the expected score of questionnaire {code} (mean item score "
            "after reverse-coding, averaged over the dimension's items — over all items "
            "for 'global') of a self-assessment respondent of the team; exact expectation "
            "of the rounded-and-clipped normal latent (analytic), over respondent level "
            "and item noise."
        )
        dims = {d: prm.dimension == d for d in dict.fromkeys(prm.dimension)}
        dims["global"] = np.ones(len(prm.dimension), dtype=bool)
        for dim, cols in dims.items():
            rows.append(
                pd.DataFrame(
                    {
                        "team_id": prm.team_ids,
                        "measure": f"questionnaire:{code}.{dim}",
                        "family": "questionnaire",
                        "code": f"{code}.{dim}",
                        "scale": scale,
                        "true_effect": change[:, cols].mean(axis=1),
                        "definition": text,
                    }
                )
            )
    if not rows:
        return pd.DataFrame(columns=["team_id", "measure", "family", "code", "scale",
                                     "true_effect", "definition"])  # fmt: skip
    return pd.concat(rows, ignore_index=True)
