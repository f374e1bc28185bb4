"""The demo programme's 3-year roadmaps, with the attainment status each line should get.

Each programme team has 3–6 lines (one or two actions without indicator; the others
follow a care indicator, the partnership activity, the partnership barometer or a
questionnaire); each hospital with programme teams has 2–3 lines pooling its teams.
A line starts at its team's start month (a hospital's: its first team's) and ends at
the end of year 3, or of year 2 for about a quarter of the lines. Targets are set from
the noise-free truth (:mod:`impact.demo.attainment`) so that most lines are clearly
achieved or clearly late, some are on track (progressive recruitment of partners) and
some are deliberately borderline; the truth records the expected status of each.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from impact.demo.activity import ActivityParams, active_partners
from impact.demo.attainment import AS_OF, Track, expected_status, latest, latest_period, projection
from impact.demo.series import MONTHS, SeriesParams, expected_size, underlying
from impact.demo.surveys import BarometerParams, barometer_latent_mean, expected_barometer_score

__all__ = ["RoadmapInputs", "simulate_roadmap"]

#: The certification criteria the demo's lines document, by axis: FICTITIOUS codes that
#: show the evidence table (impact ships no real criterion code: the user writes the
#: codes of the référentiel they cite).
DEMO_CRITERIA = {
    "Mesurer l'expérience patient": "EXEMPLE-1",
    "Intégrer les patients partenaires aux parcours": "EXEMPLE-2",
}
#: Texts of a team line following each indicator: axis, objective, action, owner, body.
TEAM_LINES = {
    "activite.partenaires": (
        "Intégrer les patients partenaires aux parcours",
        "Constituer un groupe stable de patients partenaires",
        "Recruter et accueillir de nouveaux patients partenaires",
        "cadre de santé",
        "comité de pilotage du projet",
    ),
    "activite.taux_participation": (
        "Intégrer les patients partenaires aux parcours",
        "Associer les patients partenaires aux décisions du projet",
        "Caler les réunions du projet sur les disponibilités des patients partenaires",
        "chargé(e) de mission partenariat",
        "comité de pilotage du projet",
    ),
    "dms": (
        "Intégrer les patients partenaires aux parcours",
        "Fluidifier le parcours de soins",
        "Revoir l'organisation de la sortie avec les patients partenaires",
        "médecin chef de service",
        "comité de pilotage du projet",
    ),
    "info_sortie": (
        "Mesurer l'expérience patient",
        "Mieux informer les patients à leur sortie",
        "Co-construire la lettre de liaison avec les patients partenaires",
        "médecin chef de service",
        "CME",
    ),
    "plaintes": (
        "Mesurer l'expérience patient",
        "Réduire les motifs de plainte",
        "Analyser les plaintes du service avec les représentants des usagers",
        "cadre de santé",
        "commission des usagers (CDU)",
    ),
    "experience_pp.global": (
        "Mesurer l'expérience patient",
        "Recueillir l'expérience des patients partenaires",
        "Faire passer chaque année le questionnaire d'expérience des patients partenaires",
        "patient partenaire",
        "commission des usagers (CDU)",
    ),
    "barometre.global": (
        "Former les équipes",
        "Faire progresser la relation de partenariat dans l'équipe",
        "Partager les résultats du baromètre en réunion d'équipe",
        "médecin chef de service",
        "comité de pilotage du projet",
    ),
    "qvt.global": (
        "Former les équipes",
        "Préserver la qualité de vie au travail des professionnels",
        "Mesurer la qualité de vie au travail avant et après le projet",
        "cadre de santé",
        "comité de pilotage du projet",
    ),
}
#: Team actions without a follow-up indicator.
FREE_LINES = (
    (
        "Former les équipes",
        "Former les professionnels au partenariat",
        "Organiser une formation au partenariat patient pour toute l'équipe",
        "cadre de santé",
        "comité de pilotage du projet",
    ),
    (
        "Former les équipes",
        "Préparer les patients partenaires à leur rôle",
        "Proposer aux patients partenaires une formation à la posture de partenaire",
        "chargé(e) de mission partenariat",
        "comité de pilotage du projet",
    ),
    (
        "Intégrer les patients partenaires aux parcours",
        "Reconnaître la place des patients partenaires",
        "Rédiger avec les patients partenaires une charte du partenariat",
        "patient partenaire",
        "comité de pilotage du projet",
    ),
    (
        "Mesurer l'expérience patient",
        "Écouter les patients du service",
        "Organiser des ateliers patients-soignants deux fois par an",
        "cadre de santé",
        "commission des usagers (CDU)",
    ),
)
#: An establishment's line following each indicator, and its action without indicator.
HOSPITAL_AXIS = "Déployer le partenariat dans l'établissement"
HOSPITAL_LINES = {
    "plaintes": (
        "Réduire les plaintes dans les services engagés",
        "Associer les représentants des usagers à l'analyse des plaintes",
        "direction qualité",
        "commission des usagers (CDU)",
    ),
    "info_sortie": (
        "Améliorer l'information des patients à la sortie",
        "Généraliser la lettre de liaison co-construite",
        "direction des soins",
        "CME",
    ),
    "rehospit_30j": (
        "Éviter les réhospitalisations précoces",
        "Co-construire l'appel du lendemain de la sortie",
        "direction des soins",
        "CME",
    ),
    "dms": (
        "Fluidifier les parcours",
        "Partager les bonnes pratiques de sortie entre services",
        "direction des soins",
        "directoire",
    ),
}
HOSPITAL_FREE = (
    "Reconnaître l'engagement des patients partenaires",
    "Adopter une politique d'indemnisation des patients partenaires",
    "direction générale",
    "directoire",
)
#: Share of the lines with an indicator whose target is set at the true level.
BORDERLINE_P = 0.15
#: Share of lines whose deadline is the end of year 2 rather than year 3.
EARLY_DEADLINE_P = 0.25
SCORE_SE_SD = 0.75  # SD of a respondent's mean score, for the standard error of a wave
#: Targets stay within this share of the true level; a line whose data are too noisy for
#: a clear status within it gets a plain target, MODEST better than the level.
REASONABLE, MODEST = 0.5, 0.2


@dataclass(frozen=True)
class RoadmapInputs:
    """What the roadmap's truth is computed from (programme teams only, in order)."""

    teams: pd.DataFrame
    start: np.ndarray
    indicators: pd.DataFrame
    series: SeriesParams
    activity: ActivityParams
    barometer: BarometerParams
    barometer_responses: pd.DataFrame
    questionnaires: dict[str, BarometerParams]
    questionnaire_responses: pd.DataFrame


@dataclass(frozen=True)
class _Context:
    """The inputs, with what every line reads computed once for all teams."""

    inp: RoadmapInputs
    catalogue: pd.DataFrame
    partners: np.ndarray
    people: dict[str, pd.DataFrame]
    indicators: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]


def _people(responses: pd.DataFrame) -> pd.DataFrame:
    """Self-assessment respondents per team × wave, and the share of professionals."""
    auto = responses[responses["assessment"] == "auto"]
    auto = auto.drop_duplicates(["team_id", "wave", "respondent"])
    pro = (auto["role"] == "professionnel").groupby([auto["team_id"], auto["wave"]])
    return pd.DataFrame({"n": pro.size(), "share_pro": pro.mean()})


def _prepare(inp: RoadmapInputs) -> _Context:
    """Per catalogue indicator, the true parameter, expected size and variance per team-month."""
    arrays = {}
    for code, kind in inp.indicators[["code", "kind"]].itertuples(index=False):
        spec, n = inp.series.specs[code], len(inp.start)
        theta = underlying(
            kind, spec, inp.series.baseline[code][:n], inp.series.step[code][:n], inp.start
        )
        var = {"proportion": theta * (1 - theta), "rate": theta}.get(kind)
        var = np.full(theta.shape, spec.sd**2) if var is None else var
        arrays[code] = (theta, expected_size(inp.series, code)[:n], var)
    answers = inp.questionnaire_responses
    people = {"barometre": _people(inp.barometer_responses)}
    people |= {q: _people(answers[answers["questionnaire"] == q]) for q in inp.questionnaires}
    return _Context(inp, inp.indicators.set_index("code"), active_partners(inp.activity), people,
                    arrays)  # fmt: skip


def _indicator_track(ctx: _Context, code: str, units: np.ndarray) -> Track:
    """Care indicator ``code`` pooled over ``units`` (indices of programme teams)."""
    row = ctx.catalogue.loc[code]
    default = 100.0 if row["kind"] == "proportion" else 1.0
    scale = row["multiplier"] if pd.notna(row["multiplier"]) else default
    theta, size, var = (a[units] for a in ctx.indicators[code])
    weight = size.sum(axis=0)
    return Track(
        kind="monthly",
        better=row["better"],
        unit=str(row["unit_en"]),
        precision=0.1,
        bounds=(float(row["plausible_min"]), float(row["plausible_max"])),
        level=scale * (size * theta).sum(axis=0) / weight,
        weight=weight,
        var=scale**2 * (size * var).sum(axis=0) / weight**2,
        log=row["kind"] == "rate",
    )


def _activity_track(ctx: _Context, code: str, j: int) -> Track:
    """Partners active per month (a census) or participation rate (%) of team ``j``."""
    count = ctx.partners[j]
    if code == "activite.partenaires":
        empty = np.zeros(0)
        bounds = (0.0, float(ctx.inp.activity.partners[j] + 3))  # the planned roster, or a bit more
        return Track("census", "higher", "partners", 1.0, bounds, count, empty, empty)
    p = ctx.inp.activity.participation[j]
    held = 2.5 * count  # expected partner × meeting pairs (1–4 meetings a month)
    var = 100**2 * p * (1 - p) / np.maximum(held, 1.0)  # months before start weigh 0
    level = np.full(len(MONTHS), 100 * p)
    return Track("monthly", "higher", "%", 1.0, (0.0, 100.0), level, held, var)


def _wave_track(
    params: BarometerParams, people: pd.DataFrame, team: str, *, role_mix: bool
) -> Track | None:
    """Expected mean score at the team's latest wave, all self-assessments pooled.

    ``role_mix``: the barometer's professionals and patient side differ (the latter start
    lower, :data:`impact.demo.surveys.BARO_PATIENT_GAP`), mixed as at that wave; a
    questionnaire's respondents are one population.
    """
    hits = np.flatnonzero(params.team_ids == team)
    if not len(hits):
        return None
    j = int(hits[0])
    wave = int(params.n_waves[j]) - 1
    n, share_pro = people.loc[(team, f"T{wave}")]
    share_pro = share_pro if role_mix else 1.0
    both = np.array([j, j])
    mean = barometer_latent_mean(params, both, np.array([0.0, 1.0]), np.array([wave, wave]))
    expected = expected_barometer_score(params, mean).mean(axis=1)
    level = np.array([share_pro * expected[0] + (1 - share_pro) * expected[1]])
    bounds = (float(params.scale_min.min()), float(params.scale_max.max()))
    se2 = np.array([SCORE_SE_SD**2 / n])
    return Track("wave", "higher", "score", 0.01, bounds, level, np.zeros(0), se2)


def _track(ctx: _Context, code: str, j: int) -> Track | None:
    """The track of a team line (None: the team does not measure it)."""
    team = ctx.inp.teams["team_id"].iloc[j]
    if code.startswith("activite."):
        return _activity_track(ctx, code, j)
    if code == "barometre.global":
        return _wave_track(ctx.inp.barometer, ctx.people["barometre"], team, role_mix=True)
    if code.endswith(".global"):
        name = code.split(".")[0]
        if name not in ctx.inp.questionnaires:  # a questionnaire no team runs
            return None
        return _wave_track(ctx.inp.questionnaires[name], ctx.people[name], team, role_mix=False)
    return _indicator_track(ctx, code, np.array([j]))


def _round(track: Track, value: float) -> float:
    """``value`` rounded to the track's precision, within its bounds."""
    lo, hi = track.bounds
    return round(float(np.clip(np.round(value / track.precision) * track.precision, lo, hi)), 6)


def _targets(
    track: Track, intent: str, start: int, deadline: int
) -> tuple[np.ndarray | None, float]:
    """Targets of years 1–3 for the intended status, and the true baseline (NaN if none).

    ``intent``: ``achieved``, ``late``, ``on_track`` (counts), ``borderline`` (the target
    is the true level) or ``modest`` (:data:`MODEST` better than the level). Targets are
    None when the intended status needs one further than :data:`REASONABLE` from the
    level.
    """
    d, prec = track.sign, track.precision
    level, se, low, high = latest(track, start)
    if track.kind == "wave":
        shift = {"achieved": -(6 * se + prec), "late": 4 * se + prec}.get(intent, 0.0)
        return np.array([np.nan, np.nan, _round(track, level + d * shift)]), np.nan
    year = latest_period(start)[0]
    value, sd, slope = projection(track, start, deadline)
    baseline = np.nan
    if track.kind == "census":
        bound = low if d > 0 else high
        bound = bound if np.isfinite(bound) else level
        now = {"achieved": bound - d, "late": level + d, "on_track": level + d}.get(intent, level)
        final = value - d * max(1.0, 2 * abs(slope) + 0.5) if intent == "on_track" else now
        if intent == "late" and deadline >= AS_OF:
            final = value + d * max(1.0, 2 * abs(slope) + 0.5)
    else:
        pre = np.arange(start - 12, start)
        if track.weight[pre].sum() > 0:
            baseline = float(np.sum(track.weight[pre] * track.level[pre]) / track.weight[pre].sum())
        k = {"achieved": -6.0, "late": 3.0}.get(intent, 0.0)
        now = level * np.exp(d * k * se / level) if track.log else level + d * k * se
        now += d * np.sign(k) * prec
        final = now
        if intent == "late" and deadline >= AS_OF:
            final = value + d * (4 * sd + prec)
        if intent == "achieved" and year < 3 and np.isfinite(baseline):  # not yet due
            final = now + d * abs(now - baseline) * (3 - year) / year
        if intent == "modest":
            now = final = level * (1 + d * MODEST)
        elif max(abs(now - level), abs(final - level)) > REASONABLE * abs(level):
            return None, baseline
    final = final if d * (final - now) >= 0 else now  # targets never recede
    if year == 3:
        now = final
    first = 1.0 if track.kind == "census" else baseline  # a roster starts with one partner
    first = first if np.isfinite(first) and d * (now - first) > 0 else now  # else: maintain
    targets = np.empty(3)
    for k in range(1, 4):
        if k < year:
            start_value = first
            targets[k - 1] = start_value + (now - start_value) * k / year
        elif k == year:
            targets[k - 1] = now
        else:
            targets[k - 1] = now + (final - now) * (k - year) / (3 - year)
    return np.array([_round(track, t) for t in targets]), baseline


def _choose(
    rng: np.random.Generator, track: Track, start: int, deadline: int, *, on_track: bool
) -> tuple[np.ndarray, float]:
    """Targets for a status drawn among those the line can clearly get.

    With probability :data:`BORDERLINE_P` the target is the true level; otherwise the
    first of ``on_track`` (when asked), then ``achieved`` and ``late`` in random order
    whose targets are reasonable and give a clear status; failing all, a modest target.
    """
    if rng.random() < BORDERLINE_P:
        return _targets(track, "borderline", start, deadline)
    intents = [*(["on_track"] if on_track else []), *rng.permutation(["achieved", "late"])]
    for intent in intents:
        targets, baseline = _targets(track, str(intent), start, deadline)
        if targets is not None and expected_status(track, targets, start, deadline)[1]:
            return targets, baseline
    return _targets(track, "modest", start, deadline)


def _deadline(rng: np.random.Generator, start: int) -> int:
    """Month index of the deadline: end of year 3, or of year 2 (never the reference month)."""
    years = 2 if rng.random() < EARLY_DEADLINE_P else 3
    month = start + 12 * years - 1
    return month if month != AS_OF else start + 12 * (5 - years) - 1


def _month(index: int) -> np.datetime64:
    """First day of month ``index`` of (or after) the series."""
    return (np.datetime64("2022-01", "M") + index).astype("datetime64[D]")


def _line(line, team, hospital, texts, code, start, deadline, targets, baseline):
    axis, objective, action, owner, body = texts
    return {
        "line": line, "team_id": team or None, "hospital": hospital or None, "axis": axis,
        "objective": objective, "action": action, "owner_role": owner, "governance": body,
        "indicator": code or None, "start_date": _month(start), "baseline": baseline,
        "target_year1": targets[0], "target_year2": targets[1], "target_year3": targets[2],
        "deadline": _month(deadline + 1) - np.timedelta64(1, "D"),
        "certification": DEMO_CRITERIA.get(axis),
    }  # fmt: skip


def _truth(line, team, code, track, targets, start, deadline) -> dict:
    """The truth row of one line: expected status (or ``borderline``) and true level."""
    if not code:
        status, clear, level, text = "no_indicator", True, np.nan, "action without an indicator"
    elif track is None:
        status, clear, level, text = "not_measured", True, np.nan, "the team never measures it"
    else:
        status, clear, text = expected_status(track, targets, start, deadline)
        level = latest(track, start)[0]
    return {
        "team_id": team, "measure": f"roadmap:{line}", "family": "roadmap", "code": line,
        "scale": "status", "true_effect": level, "status": status if clear else "borderline",
        "definition": f"Expected attainment status of roadmap line {line} "
        f"({code or 'no indicator'}) at 2026-06 from the noise-free truth by the steering rule "
        f"(impact.demo.attainment); noise-free status {status}"
        f"{'' if clear else ', too close to call'}; {text}. true_effect: the true value of "
        "the latest period (NaN without one).",
    }  # fmt: skip


def simulate_roadmap(
    rng: np.random.Generator, inp: RoadmapInputs
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The roadmap lines (untyped ``roadmap`` columns) and their truth rows."""
    ctx = _prepare(inp)
    lines, truth = [], []
    runs_qvt = set(inp.questionnaires["qvt"].team_ids) if "qvt" in inp.questionnaires else set()
    for j, team in enumerate(inp.teams["team_id"]):
        s = int(inp.start[j])
        n_lines, n_free = int(rng.integers(3, 7)), int(rng.integers(1, 3))
        # activity stops at the team's end: only teams active to the reference month
        # follow it (a line's periods are the years since its start)
        ongoing = inp.activity.stop[j] >= AS_OF
        pool = [c for c in TEAM_LINES if ongoing or not c.startswith("activite.")]
        codes = [pool[k] for k in rng.choice(len(pool), n_lines - n_free, replace=False)]
        growing = inp.activity.growth[j] > 3
        if growing and ongoing and "activite.partenaires" not in codes:
            codes[0] = "activite.partenaires"  # progressive recruiters follow their roster
        if team not in runs_qvt and "qvt.global" not in codes:
            codes[-1] = "qvt.global"  # a line the team never measures
        free = [FREE_LINES[k] for k in rng.choice(len(FREE_LINES), n_free, replace=False)]
        for k, code in enumerate([*codes, *[""] * n_free], start=1):
            deadline = _deadline(rng, s)
            track = _track(ctx, code, j) if code else None
            targets, baseline = np.full(3, np.nan), np.nan
            if track is not None:
                rising = track.kind == "census" and growing and deadline >= AS_OF
                targets, baseline = _choose(rng, track, s, deadline, on_track=rising)
                if code.startswith(("activite.", "barometre.", "qvt.", "experience_pp.")):
                    baseline = np.nan
                elif rng.random() < 0.5:
                    baseline = np.nan
                else:
                    baseline = _round(track, baseline)
            elif code:
                targets = np.array([np.nan, np.nan, 3.5])
            texts = TEAM_LINES[code] if code else free[k - len(codes) - 1]
            name = f"{team}-R{k}"
            lines.append(_line(name, team, "", texts, code, s, deadline, targets, baseline))
            truth.append(_truth(name, team, code, track, targets, s, deadline))
    teams = inp.teams.assign(_s=inp.start, _j=np.arange(len(inp.teams)))
    for h, (hospital, group) in enumerate(sorted(teams.groupby("hospital")), start=1):
        s = int(group["_s"].min())
        codes = list(rng.choice(list(HOSPITAL_LINES), 2, replace=False))
        codes += [""] * int(rng.random() < 0.5)
        for k, code in enumerate(codes, start=1):
            name, deadline = f"H{h:02d}-R{k}", _deadline(rng, s)
            track, targets = None, np.full(3, np.nan)
            if code:
                track = _indicator_track(ctx, code, group["_j"].to_numpy())
                targets = _choose(rng, track, s, deadline, on_track=False)[0]
            texts = (HOSPITAL_AXIS, *(HOSPITAL_LINES[code] if code else HOSPITAL_FREE))
            lines.append(_line(name, "", hospital, texts, code, s, deadline, targets, np.nan))
            truth.append(_truth(name, "", code, track, targets, s, deadline))
    return pd.DataFrame(lines), pd.DataFrame(truth)
