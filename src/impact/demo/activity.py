"""Partnership activity and programme support of the demo programme, and their truth.

Each programme team keeps a roster of pseudonymous patient partners from its start month
to the end of the series, or to its end month when it ends before (never before its start,
never after its end — the data contract refuses activity outside a team's dates — and
never for comparison units). The number of
partners active in a month follows a known schedule (:func:`active_partners`): the
team's ``n_patient_partners`` reached over the first 3 months, or — for about a third of
the teams, which recruit progressively — over 12 to 30 months. At the end of each month
every active partner leaves with the team's probability ``leave`` (12-month retention
``(1 − leave)¹²``) and is replaced the next month, so the monthly count follows the
schedule exactly. Each month the team holds 1–4 project meetings; a partner attends
each with the team's probability ``participation`` (binomial), and gives 2 hours per
meeting attended plus 0–3 hours of preparation.

The programme supports each team during its first year (training-action sessions in the
first 3–6 months, accompaniment meetings every month or every other month, quarterly
community-of-practice sessions). The team's total support hours — its **dose** — are set
from its effect multiplier, ``dose = DOSE_BASE + DOSE_PER_MULTIPLIER × multiplier``
(rounded to the half hour per kind of support), so that every true effect rises with the
dose; the participation probability rises with the dose too (:data:`PARTICIPATION_PER_HOUR`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from impact.demo.series import MONTHS

__all__ = [
    "ActivityParams",
    "DOSE_BASE",
    "DOSE_PER_MULTIPLIER",
    "PARTICIPATION_PER_HOUR",
    "active_partners",
    "activity_truth",
    "draw_activity_params",
    "simulate_activity",
    "simulate_support",
    "support_dose",
]

#: Support hours of a team with effect multiplier 0, and the hours added per unit of multiplier.
DOSE_BASE, DOSE_PER_MULTIPLIER = 40.0, 20.0
#: Participation probability at :data:`DOSE_REFERENCE` hours, and its change per hour of support.
PARTICIPATION_BASE, DOSE_REFERENCE, PARTICIPATION_PER_HOUR = 0.62, 50.0, 0.004
PARTICIPATION_SD, PARTICIPATION_BOUNDS = 0.05, (0.2, 0.95)
#: Roles of patient partners and their shares.
PARTNER_ROLES = ("patient", "proche-aidant", "représentant des usagers", "association")
PARTNER_ROLE_P = (0.6, 0.2, 0.12, 0.08)
#: Months to reach the roster for most teams; range for progressive recruiters (1/3).
RAMP_MONTHS, GROWING_P, GROWTH_MONTHS = 3, 1 / 3, (12, 30)
LEAVE_RANGE = (0.02, 0.06)
MEETING_HOURS = 2.0
#: The eight intervention modes of the HAS sheet; the teams' modes that map onto one.
DEPLOYMENT = "déploiement du partenariat"
HAS_MODES = {
    "expérience patient": "expérience patient",
    "parcours": "parcours",
    "CREX": "CREX",
    "risques": "analyse des risques",
    "analyse des pratiques": "analyse des pratiques",
    "certification": "certification",
    "accessibilité": "accessibilité",
}
#: Kinds of programme support: share of the dose, nominal session length (hours).
SUPPORT_KINDS = {
    "formation-action": (0.45, 3.5),
    "accompagnement": (0.35, 1.5),
    "communauté de pratique": (0.20, 2.0),
}
#: Community-of-practice sessions: months 2, 5, 8 and 11 after the start.
COP_MONTHS = np.array([2, 5, 8, 11])


@dataclass(frozen=True)
class ActivityParams:
    """Activity parameters of each programme team (arrays by team).

    Attributes
    ----------
    team_ids : numpy.ndarray
    start, stop : numpy.ndarray
        First and last month of activity, as indices into :data:`impact.demo.series.MONTHS`
        (the start month; the end month, or the series' last month).
    partners : numpy.ndarray
        The roster size (``teams.n_patient_partners``).
    growth : numpy.ndarray
        Months to reach the roster size (3, or 12–30 for progressive recruiters).
    leave : numpy.ndarray
        Monthly probability that an active partner leaves.
    participation : numpy.ndarray
        Probability that a partner attends a meeting held.
    paid_share : numpy.ndarray
        Probability that a partner is paid (rather than a volunteer).
    dose : numpy.ndarray
        Designed support hours, ``DOSE_BASE + DOSE_PER_MULTIPLIER × multiplier``.
    mode : numpy.ndarray
        The team's HAS mode after its first 3 months (deployment before).
    """

    team_ids: np.ndarray
    start: np.ndarray
    stop: np.ndarray
    partners: np.ndarray
    growth: np.ndarray
    leave: np.ndarray
    participation: np.ndarray
    paid_share: np.ndarray
    dose: np.ndarray
    mode: np.ndarray


def draw_activity_params(
    rng: np.random.Generator, teams: pd.DataFrame, start: np.ndarray, multiplier: np.ndarray
) -> ActivityParams:
    """Draw each programme team's recruitment, retention, participation and paid share.

    ``teams`` holds the programme teams only (``team_id``, ``end_date``,
    ``n_patient_partners``, ``intervention_mode``), ``start`` and ``multiplier`` their start
    months and effect multipliers.
    """
    n = len(teams)
    end = pd.to_datetime(teams["end_date"])
    end_month = (end.dt.year - MONTHS[0].year) * 12 + end.dt.month - MONTHS[0].month
    stop = end_month.fillna(len(MONTHS) - 1).clip(upper=len(MONTHS) - 1).to_numpy(dtype=int)
    dose = DOSE_BASE + DOSE_PER_MULTIPLIER * np.asarray(multiplier, dtype=float)
    growing = rng.random(n) < GROWING_P
    growth = np.where(growing, rng.integers(GROWTH_MONTHS[0], GROWTH_MONTHS[1] + 1, n), RAMP_MONTHS)
    participation = np.clip(
        PARTICIPATION_BASE
        + PARTICIPATION_PER_HOUR * (dose - DOSE_REFERENCE)
        + rng.normal(0.0, PARTICIPATION_SD, n),
        *PARTICIPATION_BOUNDS,
    )
    modes = teams["intervention_mode"].astype(object)
    return ActivityParams(
        team_ids=teams["team_id"].to_numpy(dtype=object),
        start=np.asarray(start, dtype=int),
        stop=stop,
        partners=teams["n_patient_partners"].to_numpy(dtype=int),
        growth=growth,
        leave=rng.uniform(*LEAVE_RANGE, n),
        participation=participation,
        paid_share=rng.uniform(0.0, 1.0, n),
        dose=dose,
        mode=modes.map(HAS_MODES).fillna(DEPLOYMENT).to_numpy(dtype=object),
    )


def active_partners(params: ActivityParams) -> np.ndarray:
    """Partners active per team and month (teams × months of ``MONTHS``).

    ``ceil(partners × min(1, (months since start + 1) / growth))``, at least 1, from the
    start month to the stop month; 0 outside.
    """
    months = np.arange(len(MONTHS))[None, :]
    since = months - params.start[:, None]
    ramp = np.clip((since + 1) / params.growth[:, None], 0.0, 1.0)
    count = np.maximum(np.ceil(params.partners[:, None] * ramp), 1.0)
    return np.where((since >= 0) & (months <= params.stop[:, None]), count, 0.0)


def simulate_activity(rng: np.random.Generator, params: ActivityParams) -> pd.DataFrame:
    """One row per team × month × active partner (untyped ``partnership_activity`` columns)."""
    schedule = active_partners(params).astype(int)
    team_idx, month_idx, partner_idx, team_first = [], [], [], []
    roles, paid = [], []
    n_months = len(MONTHS)
    for j in range(len(params.team_ids)):
        active: list[int] = []
        recruited = 0
        for m in range(params.start[j], params.stop[j] + 1):
            while len(active) < schedule[j, m]:
                recruited += 1
                active.append(recruited)
            team_idx += [j] * len(active)
            month_idx += [m] * len(active)
            partner_idx += active
            if m < params.stop[j]:
                stays = rng.random(len(active)) >= params.leave[j]
                active = [p for p, s in zip(active, stays, strict=True) if s]
        team_first.append(len(roles))
        roles.append(rng.choice(len(PARTNER_ROLES), recruited, p=PARTNER_ROLE_P))
        paid.append(rng.random(recruited) < params.paid_share[j])
    team_idx, month_idx = np.array(team_idx), np.array(month_idx)
    partner_idx = np.array(partner_idx)
    offsets = np.cumsum([0] + [len(r) for r in roles])[:-1]
    who = offsets[team_idx] + partner_idx - 1
    # meetings held: one draw per team × month, shared by the team's partners that month
    held_table = rng.integers(1, 5, (len(params.team_ids), n_months))
    held = held_table[team_idx, month_idx]
    attended = rng.binomial(held, params.participation[team_idx])
    hours = MEETING_HOURS * attended + 0.5 * rng.integers(0, 7, len(held))
    since = month_idx - params.start[team_idx]
    width = max(2, len(str(int(partner_idx.max(initial=1)))))
    ids = (
        pd.Series(params.team_ids[team_idx])
        + "-P"
        + pd.Series(partner_idx).astype(str).str.zfill(width)
    )
    return pd.DataFrame(
        {
            "team_id": params.team_ids[team_idx],
            "month": MONTHS.to_numpy()[month_idx],
            "partner": ids.to_numpy(dtype=object),
            "role": np.array(PARTNER_ROLES, dtype=object)[np.concatenate(roles)[who]],
            "mode": np.where(since < RAMP_MONTHS, DEPLOYMENT, params.mode[team_idx]),
            "paid": np.concatenate(paid)[who],
            "meetings_held": held,
            "meetings_attended": attended,
            "hours": hours,
        }
    )


def _spread(n_sessions: int, slots: np.ndarray) -> np.ndarray:
    """Sessions per slot, spread as evenly as possible over the slots."""
    return np.bincount(np.arange(n_sessions) * len(slots) // n_sessions, minlength=len(slots))


def simulate_support(rng: np.random.Generator, params: ActivityParams) -> pd.DataFrame:
    """Support sessions of each team's first year (untyped ``programme_support`` columns).

    The dose is split between the kinds of support (shares around 45 / 35 / 20 %); each
    kind's hours become ``round(hours / nominal length)`` sessions, spread over its months
    (training-action: months 0 to 2–5; accompaniment: every month or every other month
    from month 1; community of practice: months 2, 5, 8, 11). Hours are rounded to the
    half hour cumulatively, so that a kind's total is its share of the dose rounded to
    the half hour.
    """
    names = list(SUPPORT_KINDS)
    shares = np.array([v[0] for v in SUPPORT_KINDS.values()])
    length = np.array([v[1] for v in SUPPORT_KINDS.values()])
    rows = []
    for j, team in enumerate(params.team_ids):
        split = rng.dirichlet(60 * shares) * params.dose[j]
        slots = (
            np.arange(rng.integers(3, 7)),
            np.arange(1, 12, rng.integers(1, 3)),
            COP_MONTHS,
        )
        for name, hours, size, months in zip(names, split, length, slots, strict=True):
            n_sessions = max(1, round(hours / size))
            counts = _spread(n_sessions, months)
            cumulative = np.round(2 * hours * np.cumsum(counts) / n_sessions) / 2
            per_month = np.diff(cumulative, prepend=0.0)
            for month, k, h in zip(months, counts, per_month, strict=True):
                if k:
                    rows.append((team, params.start[j] + month, name, k, h))
    out = pd.DataFrame(rows, columns=["team_id", "_m", "kind", "sessions", "hours"])
    out.insert(1, "month", MONTHS.to_numpy()[out["_m"].to_numpy()])
    return out.drop(columns="_m")


def support_dose(support: pd.DataFrame, team_ids: np.ndarray) -> pd.Series:
    """Total support hours of each team (``team_ids`` order), from the support rows."""
    total = support.groupby("team_id")["hours"].sum()
    return total.reindex(pd.Index(team_ids, name="team_id"), fill_value=0.0).astype(float)


def activity_truth(params: ActivityParams) -> pd.DataFrame:
    """The known activity parameters of each team (rows of ``Programme.truth``).

    ``activite.taux_participation`` (percent, the probability of attending a meeting
    held), ``activite.retention`` (percent, 12-month retention ``(1 − leave)¹²``: the
    Kaplan–Meier S(12) of partner spells), ``activite.partenaires`` (the roster size
    reached, partners), ``activite.remuneres`` (percent, the probability that a partner
    is paid) and ``accompagnement.dose`` (the designed support hours).
    """
    rows = {
        "activite.taux_participation": (
            100 * params.participation,
            "percent",
            "Probability (percent) that an active patient partner attends a project "
            "meeting held (each attendance Binomial(meetings held, p)); constant over "
            "time; rises with the team's support dose.",
        ),
        "activite.retention": (
            100 * (1 - params.leave) ** 12,
            "percent",
            "12-month retention of patient partners (percent): an active partner leaves "
            "at the end of each month with a constant probability q, so a spell lasts "
            "more than 12 months with probability (1 − q)^12 (Kaplan–Meier S(12)).",
        ),
        "activite.partenaires": (
            params.partners.astype(float),
            "partners",
            "Roster size the team reaches (teams.n_patient_partners): partners active per "
            "month = ceil(n × min(1, (months since start + 1) / growth months)), leavers "
            "replaced the next month.",
        ),
        "activite.remuneres": (
            100 * params.paid_share,
            "percent",
            "Probability (percent) that a patient partner of the team is paid or "
            "compensated rather than a volunteer (drawn once per partner).",
        ),
        "accompagnement.dose": (
            params.dose,
            "hours",
            "Designed support dose: DOSE_BASE + DOSE_PER_MULTIPLIER × the team's effect "
            "multiplier (40 + 20 × multiplier hours); programme_support holds it rounded "
            "to the half hour per kind of support.",
        ),
    }
    return pd.concat(
        [
            pd.DataFrame(
                {
                    "team_id": params.team_ids,
                    "measure": f"activity:{code}",
                    "family": "activity",
                    "code": code,
                    "scale": scale,
                    "true_effect": value,
                    "definition": text,
                }
            )
            for code, (value, scale, text) in rows.items()
        ],
        ignore_index=True,
    )
