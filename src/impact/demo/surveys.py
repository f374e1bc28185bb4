"""Barometer and PREM surveys of the demo programme, and their true effects.

Both surveys cut a normal latent variable into ordinal answers: a barometer score is the
latent rounded to the nearest integer and clipped to the item's scale; a PREM answer is
the category of the latent between fixed cut-points. True effects are exact expectations
of that model (normal CDF at the cut-points), not simulations.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy.special import ndtr

from impact.demo.series import MONTHS

__all__ = [
    "BarometerParams",
    "PremParams",
    "barometer_dates",
    "barometer_latent_mean",
    "barometer_truth",
    "draw_barometer_params",
    "draw_barometer_scores",
    "draw_prem_params",
    "expected_barometer_score",
    "prem_expected_points",
    "prem_truth",
    "simulate_barometer",
    "simulate_prem",
]

# ---------------------------------------------------------------- barometer model
#: Latent offset of each dimension (sharing decisions is harder than sharing views).
BARO_DIMENSION_SHIFT = {
    "co_expression": 0.4,
    "co_mise_en_oeuvre": 0.0,
    "co_construction": -0.2,
    "co_decision": -0.4,
}
#: Latent change T0 → T1 of each dimension for a team with effect multiplier 1.
BARO_DIMENSION_CHANGE = {
    "co_expression": 0.45,
    "co_mise_en_oeuvre": 0.40,
    "co_construction": 0.45,
    "co_decision": 0.50,
}
BARO_SD_RESPONDENT, BARO_SD_NOISE = 0.6, 0.6
#: Patient-side respondents start this much lower on the latent scale …
BARO_PATIENT_GAP = 0.6
#: … and the gap shrinks by this fraction per unit of (multiplier × wave factor).
BARO_GAP_NARROWING = 0.4
#: How much of the T1 change is reached at each wave (T0, T1, T2 and later).
WAVE_FACTOR = np.array([0.0, 1.0, 1.4])
PATIENT_ROLES = ("patient", "proche-aidant", "représentant des usagers")
PATIENT_ROLE_P = (0.6, 0.2, 0.2)
RETURN_P, MISSING_P = 0.6, 0.05


@dataclass(frozen=True)
class BarometerParams:
    """Team and item parameters of the barometer (arrays by team, or by catalogue item)."""

    team_ids: np.ndarray
    base: np.ndarray
    multiplier: np.ndarray
    n_waves: np.ndarray
    items: np.ndarray
    dimension: np.ndarray
    shift: np.ndarray
    change: np.ndarray
    scale_min: np.ndarray
    scale_max: np.ndarray
    reverse: np.ndarray


def draw_barometer_params(
    rng: np.random.Generator, team_ids: np.ndarray, multiplier: np.ndarray, items: pd.DataFrame
) -> BarometerParams:
    """Team baselines, number of waves (T2 for about a third) and item offsets."""
    n = len(team_ids)
    dim = items["dimension"].to_numpy(dtype=object)
    shift = np.array([BARO_DIMENSION_SHIFT.get(d, 0.0) for d in dim])
    return BarometerParams(
        team_ids=np.asarray(team_ids, dtype=object),
        base=rng.normal(1.5, 0.35, n),
        multiplier=np.asarray(multiplier, dtype=float),
        n_waves=2 + (rng.random(n) < 1 / 3),
        items=items["item"].to_numpy(dtype=object),
        dimension=dim,
        shift=shift + rng.normal(0.0, 0.15, len(dim)),
        change=np.array([BARO_DIMENSION_CHANGE.get(d, 0.45) for d in dim]),
        scale_min=items["scale_min"].to_numpy(dtype=float),
        scale_max=items["scale_max"].to_numpy(dtype=float),
        reverse=items["reverse"].to_numpy(dtype=bool),
    )


def barometer_latent_mean(
    params: BarometerParams, team: np.ndarray, patient: np.ndarray, wave: np.ndarray
) -> np.ndarray:
    """Mean latent score, respondents × items (``patient``: 1 patient side, 0 professional)."""
    progress = params.multiplier[team] * WAVE_FACTOR[np.minimum(wave, len(WAVE_FACTOR) - 1)]
    gap = BARO_PATIENT_GAP * (1 - np.clip(BARO_GAP_NARROWING * progress, -1.0, 1.0)) * patient
    return (params.base[team] - gap)[:, None] + params.shift + progress[:, None] * params.change


def draw_barometer_scores(
    rng: np.random.Generator,
    params: BarometerParams,
    mean: np.ndarray,
    level: np.ndarray,
    noise_sd: float = BARO_SD_NOISE,
) -> np.ndarray:
    """Scores (float, respondents × items): latent + level + noise, rounded and clipped."""
    latent = mean + level[:, None] + rng.normal(0.0, noise_sd, mean.shape)
    score = np.clip(np.rint(latent), params.scale_min, params.scale_max)
    return np.where(params.reverse, params.scale_min + params.scale_max - score, score)


def expected_barometer_score(params: BarometerParams, mean: np.ndarray) -> np.ndarray:
    """Exact expected score (favourable direction) over respondent level and item noise."""
    sd = np.hypot(BARO_SD_RESPONDENT, BARO_SD_NOISE)
    out = np.broadcast_to(params.scale_min, mean.shape).astype(float)
    for k in range(int(params.scale_min.min()) + 1, int(params.scale_max.max()) + 1):
        inside = (k > params.scale_min) & (k <= params.scale_max)
        out = out + inside * ndtr((mean - (k - 0.5)) / sd)
    return out


def simulate_barometer(rng: np.random.Generator, params: BarometerParams) -> pd.DataFrame:
    """Self-assessments and one joint assessment per team and wave (untyped columns).

    Each wave has 6–15 professionals and 3–8 patient-side members; about 60 % of a
    wave's respondents answer again at the next one (same identifier and latent level),
    newcomers fill up to the wave's size.
    """
    team_idx, wave_idx, resp, role, level = [], [], [], [], []
    for j, team in enumerate(params.team_ids):
        counter = 0
        previous: dict[bool, list[tuple[str, str, float]]] = {False: [], True: []}
        for w in range(params.n_waves[j]):
            for patient, (lo, hi) in ((False, (6, 15)), (True, (3, 8))):
                keep = [p for p in previous[patient] if rng.random() < RETURN_P]
                n_new = max(0, int(rng.integers(lo, hi + 1)) - len(keep))
                roles = (
                    rng.choice(PATIENT_ROLES, n_new, p=PATIENT_ROLE_P)
                    if patient
                    else ["professionnel"] * n_new
                )
                levels = rng.normal(0.0, BARO_SD_RESPONDENT, n_new)
                new = [
                    (f"{team}-P{counter + k + 1:03d}", str(r), float(v))
                    for k, (r, v) in enumerate(zip(roles, levels, strict=True))
                ]
                counter += n_new
                previous[patient] = keep + new
                for rid, rrole, rlevel in previous[patient]:
                    team_idx.append(j)
                    wave_idx.append(w)
                    resp.append(rid)
                    role.append(rrole)
                    level.append(rlevel)
    team_idx, wave_idx = np.array(team_idx), np.array(wave_idx)
    patient = np.array([r != "professionnel" for r in role], dtype=float)
    mean = barometer_latent_mean(params, team_idx, patient, wave_idx)
    scores = draw_barometer_scores(rng, params, mean, np.array(level))
    scores[rng.random(scores.shape) < MISSING_P] = np.nan
    n_items = len(params.items)
    auto = pd.DataFrame(
        {
            "team_id": np.repeat(params.team_ids[team_idx], n_items),
            "wave": np.repeat([f"T{w}" for w in wave_idx], n_items),
            "respondent": np.repeat(resp, n_items),
            "role": np.repeat(role, n_items),
            "assessment": "auto",
            "item": np.tile(params.items, len(resp)),
            "score": scores.ravel(),
        }
    )
    # joint assessment: the team's consensus, halfway between the two sides
    j_team = np.repeat(np.arange(len(params.team_ids)), params.n_waves)
    j_wave = np.concatenate([np.arange(k) for k in params.n_waves])
    j_mean = barometer_latent_mean(params, j_team, np.full(len(j_team), 0.5), j_wave)
    j_scores = draw_barometer_scores(rng, params, j_mean, np.zeros(len(j_team)), noise_sd=0.3)
    joint = pd.DataFrame(
        {
            "team_id": np.repeat(params.team_ids[j_team], n_items),
            "wave": np.repeat([f"T{w}" for w in j_wave], n_items),
            "respondent": np.repeat([f"{t}-CONJ" for t in params.team_ids[j_team]], n_items),
            "role": None,
            "assessment": "conjointe",
            "item": np.tile(params.items, len(j_team)),
            "score": j_scores.ravel(),
        }
    )
    out = pd.concat([auto, joint], ignore_index=True)
    return out.sort_values(["team_id", "wave"], kind="stable").reset_index(drop=True)


#: Days over which a wave's answers come in.
FIELD_DAYS = 28
#: Days between the openings of two waves (fewer when the last wave would end after the
#: demo's last month).
WAVE_SPACING_DAYS = 365


def barometer_dates(
    rng: np.random.Generator, responses: pd.DataFrame, start: pd.Series
) -> pd.DataFrame:
    """``responses`` with the ``date`` each respondent answered each wave.

    T0 is answered in the :data:`FIELD_DAYS` days before the team's start (the schema's
    "T0 (avant)"); wave ``Tw`` opens ``w`` spacings after the start, a spacing being
    :data:`WAVE_SPACING_DAYS` days unless the team's last wave would then close after the
    demo's last month (2026-06: the spacing shrinks to fit); its answers come in over the
    :data:`FIELD_DAYS` days from the opening. A respondent gives every item of a wave on
    one day, drawn uniformly in the wave's window; the joint assessment too.

    Parameters
    ----------
    rng : numpy.random.Generator
        A stream of its own, so that adding dates changed no other value of the demo.
    responses : pandas.DataFrame
        :func:`simulate_barometer`'s rows (``team_id``, ``wave`` ``T0``…, ``respondent``).
    start : pandas.Series
        Start date of each team, indexed by ``team_id``.
    """
    end = MONTHS[-1] + pd.offsets.MonthEnd(0)
    team = responses["team_id"].to_numpy(dtype=object)
    wave = responses["wave"].str.removeprefix("T").astype(int).to_numpy()
    last = pd.Series(wave).groupby(team).transform("max").to_numpy()
    begin = pd.DatetimeIndex(start.reindex(team).to_numpy())
    room = (end - pd.Timedelta(days=FIELD_DAYS) - begin).days.to_numpy()
    spacing = np.minimum(WAVE_SPACING_DAYS, room / np.maximum(last, 1)).astype(int)
    opening = np.where(wave == 0, -FIELD_DAYS, wave * spacing)
    key = responses.groupby(["team_id", "wave", "respondent"], sort=False).ngroup().to_numpy()
    day = rng.integers(0, FIELD_DAYS, int(key.max()) + 1 if len(key) else 0)[key]
    return responses.assign(date=begin + pd.to_timedelta(opening + day, unit="D"))


def barometer_truth(params: BarometerParams, responses: pd.DataFrame) -> pd.DataFrame:
    """True change T0 → T1 of each team's mean item score, per dimension.

    The population is the team's respondents with the role mix of its T0
    self-assessments (share of professionals); the expectation over respondent level
    and item noise is exact (:func:`expected_barometer_score`).
    """
    first = responses[(responses["wave"] == "T0") & (responses["assessment"] == "auto")]
    first = first.drop_duplicates(["team_id", "respondent"])
    share_pro = (first["role"] == "professionnel").groupby(first["team_id"]).mean()
    share_pro = share_pro.reindex(params.team_ids).to_numpy(dtype=float)
    n = len(params.team_ids)
    team = np.tile(np.arange(n), 4)
    patient = np.repeat([0.0, 1.0, 0.0, 1.0], n)
    wave = np.repeat([0, 0, 1, 1], n)
    exp = expected_barometer_score(params, barometer_latent_mean(params, team, patient, wave))
    exp = exp.reshape(4, n, -1)
    change = share_pro[:, None] * (exp[2] - exp[0]) + (1 - share_pro[:, None]) * (exp[3] - exp[1])
    text = (
        "Change T0 → T1 in the expected item score (0–4, favourable direction), averaged "
        "over the dimension's items, for a self-assessment respondent drawn from the "
        "team's population with the role mix of its T0 respondents (professionals vs "
        "patient side); exact expectation of the rounded-and-clipped normal latent "
        "(analytic), over respondent level and item noise. Joint assessments excluded."
    )
    rows = []
    for dim in dict.fromkeys(params.dimension):
        cols = params.dimension == dim
        rows.append(
            pd.DataFrame(
                {
                    "team_id": params.team_ids,
                    "measure": f"barometer:{dim}",
                    "family": "barometer",
                    "code": dim,
                    "scale": "difference (score 0–4)",
                    "true_effect": change[:, cols].mean(axis=1),
                    "definition": text,
                }
            )
        )
    return pd.concat(rows, ignore_index=True)


# ---------------------------------------------------------------- PREM model
class Covariate(NamedTuple):
    """A case-mix covariate: its levels, mixes before and after, latent effects."""

    levels: tuple[str, ...]
    before: tuple[float, ...]
    after: tuple[float, ...]
    effect: tuple[float, ...]


#: Case mix: older, sicker and more emergency admissions after the start.
COVARIATES = {
    "age_group": Covariate(
        ("18-44", "45-64", "65-74", "75+"),
        (0.28, 0.32, 0.20, 0.20),
        (0.20, 0.28, 0.22, 0.30),
        (-0.25, -0.10, 0.10, 0.25),
    ),
    "sex": Covariate(("F", "H"), (0.53, 0.47), (0.53, 0.47), (-0.05, 0.0)),
    "self_rated_health": Covariate(
        ("très bonne", "bonne", "moyenne", "mauvaise"),
        (0.15, 0.40, 0.30, 0.15),
        (0.10, 0.33, 0.34, 0.23),
        (0.35, 0.10, -0.25, -0.60),
    ),
    "admission_mode": Covariate(("programmée", "urgence"), (0.65, 0.35), (0.50, 0.50), (0.0, -0.5)),
}
PREM_ITEM_DIFFICULTY = {
    "ACC1": 0.2,
    "ACC2": -0.1,
    "PEC1": 0.1,
    "PEC2": 0.2,
    "PEC3": -0.4,
    "RES1": 0.3,
    "RES2": 0.1,
    "CHA1": -0.2,
    "CHA2": -0.6,
    "SOR1": -0.2,
    "SOR2": -0.3,
    "GLO1": 0.3,
}
PREM_SD_RESPONDENT, PREM_SD_NOISE = 0.7, 0.7
#: Latent after-period shift of a team with effect multiplier 1.
PREM_EFFECT = 0.2
NONINFORMATIVE_P, EMPTY_P = 0.03, 0.02


class Scale(NamedTuple):
    """An answer scale: informative codes by increasing points, their cut-points."""

    codes: np.ndarray
    points: np.ndarray
    cuts: np.ndarray
    other: np.ndarray


@dataclass(frozen=True)
class PremParams:
    """Team, item and scale parameters of the PREM survey."""

    team_ids: np.ndarray
    base: np.ndarray
    delta: np.ndarray
    mix_shift: np.ndarray
    sizes: np.ndarray
    items: np.ndarray
    difficulty: np.ndarray
    item_scale: np.ndarray
    scales: tuple[Scale, ...]


def draw_prem_params(
    rng: np.random.Generator,
    team_ids: np.ndarray,
    multiplier: np.ndarray,
    items: pd.DataFrame,
    scales: pd.DataFrame,
    *,
    volume: float = 1.0,
) -> PremParams:
    """Team baselines and effects, case-mix shift factor and sample sizes.

    Sizes are 30–300 per team and period, except for about 15 % of teams whose
    period (chosen at random) has 12–29 respondents. ``volume`` multiplies the sizes of
    30 and more (rounded; the small periods stay small); every other draw is the same
    whatever the volume.
    """
    if not volume >= 1:
        raise ValueError(f"volume must be a number ≥ 1. Got {volume!r}.")
    n = len(team_ids)
    sizes = rng.integers(30, 301, (n, 2))
    small = rng.choice(n, size=max(1, round(0.15 * n)), replace=False)
    sizes[small, rng.integers(0, 2, len(small))] = rng.integers(12, 30, len(small))
    if volume != 1:
        sizes = np.where(sizes >= 30, np.rint(sizes * volume).astype(sizes.dtype), sizes)
    names = list(dict.fromkeys(items["scale"]))
    built = []
    for name in names:
        rows = scales[scales["scale"] == name]
        info = rows[rows["points"].notna()].sort_values("points")
        k = len(info)
        built.append(
            Scale(
                info["code"].to_numpy(dtype=float),
                info["points"].to_numpy(float),
                np.linspace(-1.2, 1.2, k - 1) if k > 2 else np.zeros(k - 1),
                rows.loc[rows["points"].isna(), "code"].to_numpy(dtype=float),
            )
        )
    return PremParams(
        team_ids=np.asarray(team_ids, dtype=object),
        base=rng.normal(1.1, 0.25, n),
        delta=PREM_EFFECT * np.asarray(multiplier, dtype=float),
        mix_shift=rng.uniform(0.5, 1.5, n),
        sizes=sizes,
        items=items["item"].to_numpy(dtype=object),
        difficulty=np.array([PREM_ITEM_DIFFICULTY.get(i, 0.0) for i in items["item"]]),
        item_scale=np.array([names.index(s) for s in items["scale"]]),
        scales=tuple(built),
    )


def simulate_prem(
    rng: np.random.Generator,
    params: PremParams,
    *,
    sizes: np.ndarray | None = None,
    mix_shift: np.ndarray | float | None = None,
) -> pd.DataFrame:
    """One row per respondent × item (untyped ``prem_responses`` columns).

    ``sizes`` (teams × [avant, après]) and ``mix_shift`` (0 = the "avant" mix in both
    periods) override the drawn ones, e.g. to check the truth on a huge sample.
    """
    n = len(params.team_ids)
    sizes = params.sizes if sizes is None else np.broadcast_to(sizes, (n, 2))
    shift = params.mix_shift if mix_shift is None else np.broadcast_to(mix_shift, n)
    team = np.repeat(np.repeat(np.arange(n), 2), sizes.ravel())
    period = np.repeat(np.tile([0, 1], n), sizes.ravel())
    lin = params.base[team] + params.delta[team] * period
    covs = {}
    for name, cov in COVARIATES.items():
        before, after = np.array(cov.before), np.array(cov.after)
        prob = before + (shift[team] * period)[:, None] * (after - before)
        idx = (rng.random(len(team))[:, None] > np.cumsum(prob, axis=1)[:, :-1]).sum(axis=1)
        covs[name] = np.array(cov.levels, dtype=object)[idx]
        lin = lin + np.array(cov.effect)[idx]
    latent = (lin + rng.normal(0.0, PREM_SD_RESPONDENT, len(team)))[:, None] + params.difficulty
    latent = latent + rng.normal(0.0, PREM_SD_NOISE, latent.shape)
    answers = np.empty(latent.shape)
    for s, scale in enumerate(params.scales):
        cols = params.item_scale == s
        answers[:, cols] = scale.codes[np.searchsorted(scale.cuts, latent[:, cols])]
        if len(scale.other):
            odd = (rng.random(answers.shape) < NONINFORMATIVE_P) & cols
            answers[odd] = rng.choice(scale.other, int(odd.sum()))
    answers[rng.random(answers.shape) < EMPTY_P] = np.nan
    firsts = np.repeat(np.cumsum(sizes.ravel()) - sizes.ravel(), sizes.ravel())
    number = pd.Series(np.arange(len(team)) - firsts + 1).astype(str).str.zfill(4)
    respondent = (
        pd.Series(params.team_ids[team]) + np.where(period == 0, "-AV", "-AP") + number
    ).to_numpy(dtype=object)
    n_items = len(params.items)
    out = {
        "team_id": np.repeat(params.team_ids[team], n_items),
        "period": np.repeat(np.where(period == 0, "avant", "après"), n_items),
        "respondent": np.repeat(respondent, n_items),
    }
    out |= {name: np.repeat(values, n_items) for name, values in covs.items()}
    out |= {"item": np.tile(params.items, len(team)), "answer": answers.ravel()}
    return pd.DataFrame(out)


def prem_expected_points(params: PremParams, mean: np.ndarray) -> np.ndarray:
    """Exact expected points (0–100) of each item's answer, given the latent mean without
    respondent and item noise (last axis = items); non-informative answers excluded."""
    sd = np.hypot(PREM_SD_RESPONDENT, PREM_SD_NOISE)
    out = np.empty(mean.shape)
    for s, scale in enumerate(params.scales):
        cols = params.item_scale == s
        m = mean[..., cols]
        acc = np.full(m.shape, scale.points[0])
        for k, cut in enumerate(scale.cuts, start=1):
            acc = acc + (scale.points[k] - scale.points[k - 1]) * ndtr((m - cut) / sd)
        out[..., cols] = acc
    return out


def _avant_cells() -> tuple[np.ndarray, np.ndarray]:
    """Weights and latent effects of every case-mix cell under the "avant" mix."""
    weight, effect = [], []
    for combo in itertools.product(*(range(len(c.levels)) for c in COVARIATES.values())):
        covs = list(COVARIATES.values())
        weight.append(np.prod([c.before[i] for c, i in zip(covs, combo, strict=True)]))
        effect.append(sum(c.effect[i] for c, i in zip(covs, combo, strict=True)))
    return np.array(weight), np.array(effect)


def prem_truth(params: PremParams) -> pd.DataFrame:
    """True après − avant change of each team's global PREM score for the "avant" mix."""
    weight, effect = _avant_cells()
    mean = params.base[:, None, None] + effect[None, :, None] + params.difficulty
    before = prem_expected_points(params, mean).mean(axis=2)
    after = prem_expected_points(params, mean + params.delta[:, None, None]).mean(axis=2)
    text = (
        "Change après − avant in the expected global score (0–100: mean over the items "
        "of the answer's points, non-informative and empty answers excluded — they are "
        "missing completely at random) for a respondent drawn from the 'avant' case mix "
        "(age group, sex, self-rated health, admission mode); exact expectation "
        "(analytic, summed over the case-mix cells). The case-mix shift between "
        "periods is NOT part of the effect, so the raw difference is biased."
    )
    return pd.DataFrame(
        {
            "team_id": params.team_ids,
            "measure": "prem:global",
            "family": "prem",
            "code": "global",
            "scale": "difference (score 0–100)",
            "true_effect": (after - before) @ weight,
            "definition": text,
        }
    )
