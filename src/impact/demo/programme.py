"""A seeded synthetic programme with known true effects, shaped like AP-HP's
"Objectif Partenariat": project teams, comparison units, monthly indicators, partnership
barometer waves, patient-experience (PREM) surveys, PROMs, partnership activity and the
programme's support, two Likert questionnaires, 3-year roadmaps, partnership trainings and
patients' free-text comments.

The generating models live in :mod:`impact.demo.series` (indicators),
:mod:`impact.demo.surveys` (barometer and PREM), :mod:`impact.demo.proms`,
:mod:`impact.demo.activity` (activity, support), :mod:`impact.demo.questionnaires`,
:mod:`impact.demo.roadmap`, :mod:`impact.demo.trainings` and :mod:`impact.demo.comments`;
this module draws the teams,
ties the pieces together and types every table as :class:`~impact.data.programme.Programme`
documents.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np
import pandas as pd

from impact.data.programme import CATALOGUES, INPUT_TABLES, Programme, SourceInfo
from impact.data.schemas import catalogue_dir
from impact.demo.activity import (
    ActivityParams,
    activity_truth,
    draw_activity_params,
    simulate_activity,
    simulate_support,
    support_dose,
)
from impact.demo.comments import (
    CommentDraw,
    comment_truth,
    draw_comment_params,
    draw_comment_reviews,
    simulate_comments,
)
from impact.demo.dose import dose_slopes
from impact.demo.proms import PromParams, draw_prom_params, prom_truth, simulate_proms
from impact.demo.questionnaires import (
    draw_questionnaire_params,
    questionnaire_truth,
    simulate_questionnaires,
)
from impact.demo.roadmap import RoadmapInputs, simulate_roadmap
from impact.demo.series import (
    MONTHS,
    SeriesParams,
    draw_series_params,
    series_truth,
    simulate_series,
)
from impact.demo.surveys import (
    BarometerParams,
    PremParams,
    barometer_dates,
    barometer_truth,
    draw_barometer_params,
    draw_prem_params,
    prem_truth,
    simulate_barometer,
    simulate_prem,
)
from impact.demo.training_catalogue import demo_training_items
from impact.demo.trainings import draw_training_plan, simulate_training_answers, training_truth

__all__ = [
    "LEVELS",
    "TRUTH_COLUMNS",
    "comparison_units",
    "demo_comment_labels",
    "demo_programme",
    "default_prem_volume",
]

#: Participation levels, weakest first (index = ordinal level).
LEVELS = ("information", "consultation", "co-construction", "co-décision")
#: Columns of :attr:`Programme.truth` for the demo programme.
TRUTH_COLUMNS = [
    "team_id", "measure", "family", "code", "scale", "true_effect", "status", "definition",
]  # fmt: skip
#: Order of the truth's families within a team.
FAMILY_ORDER = ("indicator", "barometer", "prem", "prom", "questionnaire", "activity", "roadmap",
                "dose_slope", "training", "comments")  # fmt: skip
#: Streams of the issue-14 tables, ``default_rng([seed, STEERING_STREAM, k])``: drawn apart
#: from the original streams so that every earlier table of a seed stays the same.
STEERING_STREAM = 14
#: Streams of the issue-15 training tables, ``default_rng([seed, TRAINING_STREAM, k])``.
TRAINING_STREAM = 15
#: Streams of the issue-16 comments, ``default_rng([seed, COMMENTS_STREAM, k])``.
COMMENTS_STREAM = 16
#: Stream of the barometer's answer dates (issue 15), ``default_rng([seed, 1501])``.
BAROMETER_DATES_STREAM = 1501

GHU_HOSPITALS = {
    "GHU Centre": ("Hôpital des Tanneurs", "Hôpital Saint-Ambroise", "Hôpital du Pont-Neuf"),
    "GHU Nord": ("Hôpital des Tilleuls", "Hôpital de la Butte", "Hôpital Clément-Ader"),
    "GHU Sud": ("Hôpital des Glycines", "Hôpital Sainte-Blandine", "Hôpital du Moulin-Vert"),
    "GHU Est": ("Hôpital des Aubépines", "Hôpital de la Haute-Marne", "Hôpital Saint-Fiacre"),
    "GHU Ouest": ("Hôpital des Peupliers", "Hôpital du Val-d'Ouest", "Hôpital Sainte-Clotilde"),
    "GHU Sorbonne": ("Hôpital des Ormeaux", "Hôpital Saint-Éloi", "Hôpital de la Montagne-Verte"),
}
SERVICES = (
    "cardiologie",
    "gériatrie",
    "oncologie médicale",
    "néphrologie",
    "diabétologie",
    "pneumologie",
    "psychiatrie adulte",
    "pédiatrie",
    "maternité",
    "urgences",
    "chirurgie orthopédique",
    "médecine interne",
    "neurologie",
    "hépato-gastro-entérologie",
    "rhumatologie",
    "soins palliatifs",
    "soins médicaux et de réadaptation",
    "hématologie",
)
#: Intervention modes (teams schema enum) with the project title each inspires.
MODES = {
    "expérience patient": "Recueil et analyse de l'expérience patient",
    "parcours": "Co-construction du parcours de soins",
    "CREX": "Comité de retour d'expérience avec patients partenaires",
    "risques": "Gestion des risques associée aux usagers",
    "analyse des pratiques": "Analyse des pratiques avec patients partenaires",
    "certification": "Préparation partagée de la certification",
    "accessibilité": "Amélioration de l'accessibilité",
    "éducation thérapeutique": "Programme d'éducation thérapeutique co-animé",
    "formation": "Formation des équipes par des patients formateurs",
}
DOMAINS = ("soins", "organisation des soins", "recherche", "enseignement")
DOMAIN_P = (0.5, 0.3, 0.1, 0.1)
LEVEL_P = (0.2, 0.3, 0.3, 0.2)
#: Mean effect multiplier of a responding team, by participation level.
LEVEL_WEIGHT = np.array([0.3, 0.6, 1.0, 1.4])
#: Probability that a team has no effect at all / a harmful one, by participation level.
NULL_P = np.array([0.30, 0.20, 0.12, 0.08])
HARM_P = np.array([0.12, 0.08, 0.05, 0.05])
FIRST_START, N_STARTS = 12, 30  # start months 2023-01 … 2025-06 (indices into MONTHS)
#: Programme teams of the default demo (AP-HP's « Objectif Partenariat » scale).
DEFAULT_TEAMS = 60
#: Comparison units: one for :data:`TEAMS_PER_COMPARISON` teams, at least
#: :data:`MIN_COMPARISON` (15 for the default 60 teams).
TEAMS_PER_COMPARISON, MIN_COMPARISON = 4, 15
#: PREM sample sizes of a demo of more than :data:`DEFAULT_TEAMS` teams, as a multiple of
#: the default demo's (e-Satis volumes: about 246 questionnaires per team and period on
#: average, so about 295,000 a year at 1,200 teams when a period stands for a year).
NATIONAL_PREM_VOLUME = 1.6


def _schema(name: str) -> dict:
    """The Table Schema of table ``name``."""
    path = catalogue_dir().parent / f"{name}.schema.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _typed(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """Columns in schema order, each typed as :class:`Programme` documents."""
    out = {}
    for fld in _schema(name)["fields"]:
        col = frame[fld["name"]] if fld["name"] in frame else pd.Series(pd.NA, index=frame.index)
        kind = fld["type"]
        if kind == "integer":
            col = pd.to_numeric(col).astype("Int64")
        elif kind == "number":
            col = pd.to_numeric(col).astype("float64")
        elif kind == "boolean":
            if col.dtype == object or pd.api.types.is_string_dtype(col):
                col = col.str.strip().str.lower().map({"true": True, "false": False})
            col = col.astype("boolean")
        elif kind in ("date", "yearmonth"):
            col = pd.to_datetime(col).astype("datetime64[ns]")
        else:
            col = col.astype("str")
        out[fld["name"]] = col
    return pd.DataFrame(out).reset_index(drop=True)


def _catalogues() -> dict[str, pd.DataFrame]:
    """The default catalogues, typed."""
    folder = catalogue_dir()
    return {
        name: _typed(
            pd.read_csv(
                folder / f"{name}.csv",
                dtype=str,
                keep_default_na=False,
                na_values=[""],
                encoding="utf-8",
            ),
            name,
        )
        for name in CATALOGUES
    }


@dataclass(frozen=True)
class DemoDesign:
    """Everything drawn before sampling: teams, effects and each generator's parameters.

    Attributes
    ----------
    teams : pandas.DataFrame
        The typed ``teams`` table (programme teams first, then comparison units).
    start : numpy.ndarray
        Start month of each unit as an index into :data:`impact.demo.series.MONTHS`
        (``len(MONTHS)`` for comparison units: never treated).
    multiplier : numpy.ndarray
        Each unit's effect multiplier (0 = null; negative = harmful; 0 for comparison).
    catalogues : dict of str to pandas.DataFrame
        The typed default catalogues.
    series, barometer, prem
        Parameters of the three generators.
    rngs : tuple of numpy.random.Generator
        Sampling streams for series, barometer and PREM (separate from parameter draws).
    proms, rng_proms
        PROM parameters and their sampling stream (drawn after the others, so that adding
        PROMs left every other table of a seed unchanged).
    activity : ActivityParams
        Partnership activity and support dose of the programme teams.
    questionnaires : dict of str to BarometerParams
        Parameters of each Likert questionnaire (teams that run it only).
    rngs_steering : tuple of numpy.random.Generator
        Sampling streams for activity, support, questionnaires and roadmap
        (``default_rng([seed, 14, k])``, apart from every earlier stream).
    rngs_training : tuple of numpy.random.Generator
        Streams of the training plan and of the training answers
        (``default_rng([seed, 15, k])``).
    """

    teams: pd.DataFrame
    start: np.ndarray
    multiplier: np.ndarray
    catalogues: dict[str, pd.DataFrame]
    series: SeriesParams
    barometer: BarometerParams
    prem: PremParams
    rngs: tuple[np.random.Generator, ...]
    proms: PromParams
    rng_proms: np.random.Generator
    activity: ActivityParams
    questionnaires: dict[str, BarometerParams]
    rngs_steering: tuple[np.random.Generator, ...]
    rngs_training: tuple[np.random.Generator, ...]


def _draw_teams(
    rng: np.random.Generator, n_teams: int, n_comparison: int
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Teams table, start month indices and effect multipliers."""
    n_units = n_teams + n_comparison
    width = max(2, len(str(max(n_teams, n_comparison))))
    ids = [f"T{i:0{width}d}" for i in range(1, n_teams + 1)]
    ids += [f"C{i:0{width}d}" for i in range(1, n_comparison + 1)]
    ghus = np.array(list(GHU_HOSPITALS))
    ghu_idx = np.concatenate(
        [rng.permutation(np.arange(n) % len(ghus)) for n in (n_teams, n_comparison)]
    )
    hospitals = np.array(
        [
            GHU_HOSPITALS[g][k]
            for g, k in zip(ghus[ghu_idx], rng.integers(0, 3, n_units), strict=True)
        ]
    )
    services = np.array(SERVICES)[rng.integers(0, len(SERVICES), n_units)]
    modes = np.array(list(MODES))[rng.integers(0, len(MODES), n_teams)]
    level = rng.choice(len(LEVELS), size=n_teams, p=LEVEL_P)
    start = FIRST_START + rng.integers(0, N_STARTS, n_teams)
    duration = rng.integers(12, 37, n_teams)
    open_ended = rng.random(n_teams) < 0.3
    partners = 1 + rng.binomial(7, 0.2 + 0.2 * level)
    # effect multiplier: null, harmful or positive (growing with participation level)
    u = rng.random(n_teams)
    positive = LEVEL_WEIGHT[level] * np.clip(np.exp(rng.normal(0.0, 0.3, n_teams)), 0.6, 1.6)
    harmful = -rng.uniform(0.3, 0.7, n_teams)
    mult = np.where(
        u < NULL_P[level], 0.0, np.where(u < NULL_P[level] + HARM_P[level], harmful, positive)
    )

    months = np.asarray(MONTHS)
    end = (months[0].astype("datetime64[M]") + (start + duration)).astype("datetime64[ns]")
    empty = [pd.NA] * n_comparison
    teams = pd.DataFrame(
        {
            "team_id": ids,
            "name": [f"{MODES[m]} — {s}" for m, s in zip(modes, services[:n_teams], strict=True)]
            + [f"Unité de comparaison — {s}" for s in services[n_teams:]],
            "hospital": hospitals,
            "ghu": ghus[ghu_idx],
            "domain": list(rng.choice(DOMAINS, size=n_teams, p=DOMAIN_P)) + empty,
            "intervention_mode": list(modes) + empty,
            "participation_level": [LEVELS[k] for k in level] + empty,
            "start_date": list(months[start]) + [pd.NaT] * n_comparison,
            "end_date": list(np.where(open_ended, np.datetime64("NaT"), end))
            + [pd.NaT] * n_comparison,
            "n_patient_partners": list(partners) + [0] * n_comparison,
            "comparison": [False] * n_teams + [True] * n_comparison,
        }
    )
    start_all = np.concatenate([start, np.full(n_comparison, len(MONTHS))])
    mult_all = np.concatenate([mult, np.zeros(n_comparison)])
    return _typed(teams, "teams"), start_all, mult_all


def comparison_units(n_teams: int) -> int:
    """The demo's number of comparison units for ``n_teams`` programme teams: one for
    :data:`TEAMS_PER_COMPARISON` teams, at least :data:`MIN_COMPARISON`.

    Examples
    --------
    >>> comparison_units(60), comparison_units(1200)
    (15, 300)
    """
    return max(MIN_COMPARISON, n_teams // TEAMS_PER_COMPARISON)


def default_prem_volume(n_teams: int) -> float:
    """The demo's PREM volume for ``n_teams`` programme teams: the default demo's sample
    sizes up to :data:`DEFAULT_TEAMS` teams, :data:`NATIONAL_PREM_VOLUME` times them beyond.

    Examples
    --------
    >>> default_prem_volume(60), default_prem_volume(1200)
    (1.0, 1.6)
    """
    return 1.0 if n_teams <= DEFAULT_TEAMS else NATIONAL_PREM_VOLUME


def _design(n_teams: int, n_comparison: int, seed: int, volume: float = 1.0) -> DemoDesign:
    """Draw the teams and every generator's parameters (no observations yet)."""
    if n_teams < 1 or n_comparison < 0:
        raise ValueError(
            f"n_teams must be ≥ 1 and n_comparison ≥ 0. Got {n_teams!r}, {n_comparison!r}."
        )
    streams = np.random.default_rng(seed).spawn(9)
    steering = [np.random.default_rng([seed, STEERING_STREAM, k]) for k in range(6)]
    cats = _catalogues()
    teams, start, mult = _draw_teams(streams[0], n_teams, n_comparison)
    team_ids = teams["team_id"].to_numpy(dtype=object)
    return DemoDesign(
        teams=teams,
        start=start,
        multiplier=mult,
        catalogues=cats,
        series=draw_series_params(streams[1], cats["indicators"], mult),
        barometer=draw_barometer_params(
            streams[2], team_ids[:n_teams], mult[:n_teams], cats["barometer_items"]
        ),
        prem=draw_prem_params(
            streams[3],
            team_ids[:n_teams],
            mult[:n_teams],
            cats["prem_items"],
            cats["prem_scales"],
            volume=volume,
        ),
        rngs=tuple(streams[4:7]),
        proms=draw_prom_params(streams[7], team_ids[:n_teams], mult[:n_teams], cats["proms"]),
        rng_proms=streams[8],
        activity=draw_activity_params(
            steering[0], teams.iloc[:n_teams], start[:n_teams], mult[:n_teams]
        ),
        questionnaires=draw_questionnaire_params(
            steering[1],
            team_ids[:n_teams],
            start[:n_teams],
            mult[:n_teams],
            cats["questionnaire_items"],
        ),
        rngs_steering=tuple(steering[2:]),
        rngs_training=tuple(np.random.default_rng([seed, TRAINING_STREAM, k]) for k in range(2)),
    )


def _comments(design: DemoDesign, seed: int) -> tuple[CommentDraw, pd.DataFrame, pd.DataFrame]:
    """The comments' draw (texts and true labels), reviews and truth rows."""
    rngs = [np.random.default_rng([seed, COMMENTS_STREAM, k]) for k in range(3)]
    teams = design.teams
    params = draw_comment_params(rngs[0], teams, design.catalogues["comment_themes"]["code"])
    draw = simulate_comments(rngs[1], params)
    programme = teams.loc[~teams["comparison"], "team_id"].to_numpy(dtype=object)
    return draw, draw_comment_reviews(rngs[2], draw, programme), comment_truth(params)


def demo_comment_labels(
    n_teams: int = DEFAULT_TEAMS, n_comparison: int | None = None, seed: int = 2024
) -> pd.DataFrame:
    """The true labels of the comments of :func:`demo_programme` with the same arguments:
    ``comment``, ``theme``, ``tone`` (engine codes ``positif``, ``negatif``, ``mixte``;
    no row for a comment without theme). For tests and measures: the run never sees them.

    Examples
    --------
    >>> labels = demo_comment_labels(n_teams=4, n_comparison=2, seed=1)
    >>> list(labels.columns), sorted(labels["tone"].unique())
    (['comment', 'theme', 'tone'], ['mixte', 'negatif', 'positif'])
    """
    if n_comparison is None:
        n_comparison = comparison_units(n_teams)
    design = _design(n_teams, n_comparison, seed, default_prem_volume(n_teams))
    return _comments(design, seed)[0].labels


def demo_programme(
    n_teams: int = DEFAULT_TEAMS,
    n_comparison: int | None = None,
    seed: int = 2024,
    *,
    prem_volume: float | None = None,
) -> Programme:
    """Build a synthetic programme whose true effects are known.

    Programme teams ``T01…`` spread over six hospital groups start their partnership on the
    first day of a month between 2023-01 and 2025-06; comparison units ``C01…`` never
    do. Monthly series of every catalogue indicator run from 2022-01 to 2026-06 for every
    unit, with unit-level baselines, a secular trend and a 12-month seasonality shared by
    all units, and a constant step from each team's start month on. Teams answer the
    partnership barometer (waves T0, T1 and, for about a third, T2) and a PREM survey
    before and after the start, whose case mix shifts (older, sicker, more emergency
    admissions after) so that the raw before/after difference is biased.

    From its start month to its end month or the series' end (never outside; never for
    comparison units), each team keeps a roster of patient partners whose monthly
    activity (roles, HAS mode, meetings held and attended, hours, paid or volunteer) is in
    ``partnership_activity``
    (:mod:`impact.demo.activity`); the programme's support during the team's first year is
    in ``programme_support``, and its total hours — the dose — rise linearly with the
    team's effect multiplier, so that true effects rise with the dose. Patient-side
    respondents answer ``experience_pp`` and professionals ``qvt`` (default questionnaire
    catalogue) at T0, T1 and for early teams T2 (:mod:`impact.demo.questionnaires`). Each
    team and each hospital has a 3-year roadmap whose targets are set from the truth
    (:mod:`impact.demo.roadmap`). About two thirds of the teams follow a training-action
    (``formation_action``, 21 h), the 2-day course for professionals and patient partners
    (``formation_pp``, 14 h, open sessions) or both, around their start; a few are not
    trained yet. The participants' expectations, quizzes before and after, satisfaction
    and practice at a distance follow a model with fixed parameters
    (:mod:`impact.demo.trainings`); ``training_items`` is the default catalogue plus the
    two trainings' quiz and expectation items. Every unit, comparison units included, has
    free-text comments (e-Satis and the service's questionnaire) before and after its
    start, about 28 per period, whose themes and tones follow a stated model with a known
    shift in half of the teams (:mod:`impact.demo.comments`); three teams have about 40 %
    of their comments reviewed (``comment_reviews``: their true labels). The true labels
    of every comment are given by :func:`demo_comment_labels`, never to the run.

    True effects vary by team (some null, a few harmful) and grow on average with the
    participation level. They are in :attr:`Programme.truth`, with columns:

    ``team_id`` (empty for programme-level rows); ``measure`` (``"<family>:<code>"``);
    ``family``; ``code``; ``scale``; ``true_effect``; ``status`` (roadmap rows only, else
    empty); ``definition`` (the exact estimand, in words). Families:

    - ``indicator`` (code: the indicator; scale ``"ratio"`` for rates, after/before rate
      ratio; ``"difference (points)"`` for proportions; ``"difference (units)"`` for
      means);
    - ``barometer`` (code: the dimension; ``"difference (score 0–4)"``: change T0 → T1 of
      the mean item score);
    - ``prem`` (code ``global``; ``"difference (score 0–100)"``: après − avant change of
      the global score for the "avant" case mix);
    - ``prom`` (code: the PROM; ``"difference (score)"``: change of the expected score);
    - ``questionnaire`` (code ``<questionnaire>.<dimension>`` and
      ``<questionnaire>.global``; ``"difference (score 1–5)"``: change T0 → T1 of the
      mean item score after reverse-coding);
    - ``activity`` (codes ``activite.taux_participation``, ``activite.retention``,
      ``activite.remuneres`` (percent), ``activite.partenaires`` (partners),
      ``accompagnement.dose`` (hours): the known activity parameters of each team);
    - ``roadmap`` (code: the roadmap line, ``team_id`` empty for a hospital's line;
      ``status``: the expected attainment status at 2026-06 — ``achieved``,
      ``on_track``, ``late``, ``not_measured``, ``no_indicator`` — or ``borderline`` when
      the data's noise may decide it; ``true_effect``: the true value of the latest
      period; rule in :mod:`impact.demo.attainment`);
    - ``dose_slope`` (code ``<family>:<outcome>``, ``team_id`` empty): least-squares slope
      of the teams' true effects on their support dose, per hour (log scale for ratios);
    - ``training`` (``team_id`` empty; code ``<training>.<outcome>``: ``quiz_before``,
      ``quiz_after`` (expected quiz score, share 0–1), ``quiz_change``, ``normalised_gain``
      (Hake's class average), ``satisfaction_mean.<domain>``,
      ``satisfaction_top_box.<domain>``, ``expectations_covered``, ``expectations_met``,
      ``practice_change``, ``action_plan.<state>``): population values of the training
      model, not of the sample;
    - ``comments`` (every unit, comparison units included; code
      ``<theme>.share.<period>``: probability that a comment touches the theme,
      ``<theme>.negative.<period>``: probability that its tone there is « négatif »,
      periods ``avant`` and ``après``, scale ``"share (0–1)"``; ``<theme>.share.change``
      and ``<theme>.negative.change``: après − avant, ``"difference (share 0–1)"``):
      population values of the comment model.

    Secular trend, seasonality and case-mix shifts are *not* part of any true effect.

    Parameters
    ----------
    n_teams : int, default 60
        Number of programme teams.
    n_comparison : int, optional
        Number of comparison units outside the programme; default
        :func:`comparison_units` (one for four teams, at least 15: 15 for 60 teams, 300
        for 1,200).
    seed : int, default 2024
        Seed of :func:`numpy.random.default_rng`; the same seed gives identical tables.
    prem_volume : float, optional
        Multiple (≥ 1) of the PREM sample sizes of 30 and more (30–300 per team and
        period; the periods of 12–29 stay as they are); default :func:`default_prem_volume`: 1 up
        to 60 teams, :data:`NATIONAL_PREM_VOLUME` (e-Satis volumes: about 295,000
        questionnaires per period at 1,200 teams) beyond. Only the PREM answers change
        with it.

    Returns
    -------
    Programme
        Typed tables, default catalogues (``training_items``: the defaults plus the demo
        trainings' items, marked ``"<demo>"``), ``sources`` marked ``"<demo>"`` and the truth.

    Examples
    --------
    >>> prog = demo_programme(n_teams=4, n_comparison=2, seed=1)
    >>> prog.team_ids
    ['T01', 'T02', 'T03', 'T04']
    >>> sorted(prog.truth["family"].unique())  # doctest: +NORMALIZE_WHITESPACE
    ['activity', 'barometer', 'comments', 'dose_slope', 'indicator', 'prem', 'prom',
     'questionnaire', 'roadmap', 'training']
    """
    if n_comparison is None:
        n_comparison = comparison_units(n_teams)
    volume = default_prem_volume(n_teams) if prem_volume is None else prem_volume
    design = _design(n_teams, n_comparison, seed, volume)
    rng_series, rng_baro, rng_prem = design.rngs
    rng_activity, rng_support, rng_answers, rng_roadmap = design.rngs_steering
    teams = design.teams
    values = simulate_series(
        rng_series,
        design.series,
        design.catalogues["indicators"],
        teams["team_id"].to_numpy(dtype=object),
        design.start,
    )
    baro = simulate_barometer(rng_baro, design.barometer)
    baro = barometer_dates(np.random.default_rng([seed, BAROMETER_DATES_STREAM]), baro,
                           teams.set_index("team_id")["start_date"])  # fmt: skip
    prem = simulate_prem(rng_prem, design.prem)
    activity = simulate_activity(rng_activity, design.activity)
    support = simulate_support(rng_support, design.activity)
    answers = simulate_questionnaires(rng_answers, design.questionnaires)
    is_team = ~teams["comparison"].to_numpy(dtype=bool)
    roadmap, roadmap_truth = simulate_roadmap(
        rng_roadmap,
        RoadmapInputs(
            teams=teams[is_team].reset_index(drop=True),
            start=design.start[is_team],
            indicators=design.catalogues["indicators"],
            series=design.series,
            activity=design.activity,
            barometer=design.barometer,
            barometer_responses=baro,
            questionnaires=design.questionnaires,
            questionnaire_responses=answers,
        ),
    )
    effects = pd.concat(
        [
            series_truth(
                design.series,
                design.catalogues["indicators"],
                teams["team_id"][is_team].to_numpy(dtype=object),
                design.start[is_team],
            ),
            barometer_truth(design.barometer, baro),
            prem_truth(design.prem),
            prom_truth(design.proms),
            questionnaire_truth(design.questionnaires),
            activity_truth(design.activity),
        ],
        ignore_index=True,
    )
    dose = support_dose(support, design.activity.team_ids)
    slopes = dose_slopes(effects, dose, design.catalogues["barometer_items"])
    rng_plan, rng_training = design.rngs_training
    plan = draw_training_plan(rng_plan, teams[is_team])
    training_answers = simulate_training_answers(rng_training, plan)
    comments, reviews, comments_truth = _comments(design, seed)
    truth = pd.concat(
        [effects, roadmap_truth, slopes, training_truth(), comments_truth], ignore_index=True
    )
    order = {family: k for k, family in enumerate(FAMILY_ORDER)}
    truth = (
        truth.assign(_p=truth["team_id"] == "", _f=truth["family"].map(order))
        .sort_values(["_p", "team_id", "_f"], kind="stable")
        .drop(columns=["_p", "_f"])
        .reset_index(drop=True)
    )
    truth["status"] = truth["status"].fillna("") if "status" in truth else ""
    for col in TRUTH_COLUMNS:
        truth[col] = truth[col].astype("float64" if col == "true_effect" else "str")
    tables = {
        "teams": teams,
        "indicator_values": _typed(values, "indicator_values"),
        "barometer_responses": _typed(baro, "barometer_responses"),
        "prem_responses": _typed(prem, "prem_responses"),
        "prom_responses": _typed(simulate_proms(design.rng_proms, design.proms), "prom_responses"),
        "questionnaire_responses": _typed(answers, "questionnaire_responses"),
        "roadmap": _typed(roadmap, "roadmap"),
        "partnership_activity": _typed(activity, "partnership_activity"),
        "programme_support": _typed(support, "programme_support"),
        "training_sessions": _typed(plan.sessions, "training_sessions"),
        "training_participants": _typed(plan.participants, "training_participants"),
        "training_answers": _typed(training_answers, "training_answers"),
        "comments": _typed(comments.comments, "comments"),
        "comment_reviews": _typed(reviews, "comment_reviews"),
    }
    catalogues = design.catalogues | {
        "training_items": _typed(
            demo_training_items(design.catalogues["training_items"]), "training_items"
        )
    }
    sources = {name: SourceInfo(path="<demo>") for name in INPUT_TABLES}
    sources |= {name: SourceInfo(path="<default catalogue>") for name in CATALOGUES}
    sources["training_items"] = SourceInfo(path="<demo>")  # the defaults plus the quizzes
    return Programme(
        **tables, **catalogues, sources=sources, warnings=None, truth=truth[TRUTH_COLUMNS]
    )
