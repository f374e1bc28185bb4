"""The demo programme's trainings: sessions, participants, evaluation answers and truth.

**Who is trained, when.** Each programme team is planned for training with probability
:data:`P_PLANNED`: a training-action of its own (``formation_action``, 21 h, a session
whose ``team_id`` is the team, 8–16 of its members), the 2-day course
(``formation_pp``, 14 h, open sessions that several teams attend), or both. A team's
target date is its start plus 0–6 months (training-action) or −3 to +12 months (course),
plus a few days. Training-action sessions open the Monday on or after the target; the
course's open sessions are filled in order of target dates with 8–16 people each (a
team's 5–12 participants may be split over two sessions; 0–3 participants from outside
the programme, ``team_id`` empty, complete a session), open on a Tuesday on or after the
latest target of their participants and at least three weeks after the previous one.
A session that would end after the data's last day (:data:`DATA_END`) is not held: its
team is not trained yet. So teams are trained at different times, with different doses
(14, 21, 28 or 35 h…), and some not at all. Comparison units are never trained. Exposure
is drawn independently of the team's effect multiplier.

**Answers** (model in :mod:`impact.demo.training_catalogue`, parameters fixed): each
participant has an ability ``θ ~ N(0, 1)``; a quiz item is right with probability
``c + (1 − c) logistic(θ − b)`` before and ``c + (1 − c) logistic(θ + gain − b)`` after,
a wrong answer being one of the other options at random; :data:`P_EMPTY` of quiz and
satisfaction answers are left empty (an empty quiz answer scores as wrong). At
"attentes" each expectation item is "oui" with its ``p_stated``; at "à chaud" who said
"oui" says whether it was met ("oui" with ``p_met``), and every participant scores the
four satisfaction domains 1–5 with the training's probabilities (joined by a Gaussian
copula, ρ = :data:`SATISFACTION_RHO`, which leaves each domain's distribution exact).
About 5 % miss the "avant" quiz and the expectations (late), about 5 % the "après" quiz
and "à chaud" (left early). At a distance (sessions ended :data:`DISTANCE_DAYS` days
before :data:`DATA_END`), :data:`P_DISTANCE` of participants answer the two practice-change
items ("oui" with known probabilities, independently) and their action plan (states with
known probabilities; action 2 left empty with probability 0.15, action 3 with 0.4).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.special import expit
from scipy.stats import norm

from impact.demo.training_catalogue import DOMAIN_ITEMS, TRAININGS, TrainingSpec

__all__ = ["DATA_END", "TrainingPlan", "draw_training_plan", "simulate_training_answers",
           "training_truth"]  # fmt: skip

#: The data's last day: no session ends after it.
DATA_END = np.datetime64("2026-06-30", "D")
#: Probability that a team is planned for training, and the shares of what it follows.
P_PLANNED = 0.75
PLANS = {"formation_action": 0.4, "formation_pp": 0.3, "both": 0.3}
#: Probability that a participant is a patient partner (training-action; course).
P_PARTNER = {"formation_action": 0.25, "formation_pp": 0.4}
P_EMPTY, P_MISS_BEFORE, P_MISS_AFTER = 0.03, 0.05, 0.05
P_DISTANCE, DISTANCE_DAYS = 0.8, 120
PLAN_EMPTY = {"PLAN_1": 0.0, "PLAN_2": 0.15, "PLAN_3": 0.4}
PLAN_STATES = ("fait", "en cours", "pas commencé")
SATISFACTION_RHO = 0.6
PLACES = ("Centre de formation — GHU Centre", "Centre de formation — GHU Nord",
          "Centre de formation — GHU Sud")  # fmt: skip
TRAINERS = {
    "formation_action": "Équipe d'accompagnement du programme (avec un patient formateur)",
    "formation_pp": "Binôme de formateurs : un professionnel et un patient formateur",
}
MOMENT_ORDER = {m: k for k, m in enumerate(("attentes", "avant", "après", "à chaud",
                                            "à distance"))}  # fmt: skip
#: Nodes of the Gauss–Hermite rule that integrates the quiz model over θ ~ N(0, 1).
N_NODES = 80


@dataclass(frozen=True)
class TrainingPlan:
    """Sessions and participants (untyped ``training_sessions`` and
    ``training_participants`` columns; participants also carry ``training``)."""

    sessions: pd.DataFrame
    participants: pd.DataFrame


def _weekday_on_or_after(dates: np.ndarray, weekday: int) -> np.ndarray:
    """Each day (``datetime64[D]``) moved forward to the first ``weekday`` (Monday 0) on
    or after it (1970-01-01, day 0, was a Thursday: weekday 3)."""
    days = dates.astype("datetime64[D]")
    return days + (weekday - (days.astype("int64") + 3)) % 7


def _roles(rng: np.random.Generator, n: int, p_partner: float, cap: int) -> list[str]:
    """``n`` roles: Binomial(n, p) patient partners, at least 1 and at most ``cap``."""
    k = min(max(1, rng.binomial(n, p_partner)), cap, n)
    roles = ["patient partenaire"] * k + ["professionnel"] * (n - k)
    return list(rng.permutation(roles))


def _targets(rng, teams: pd.DataFrame, low: int, high: int) -> np.ndarray:
    """Each team's start month plus ``low``–``high`` months and 0–27 days (``datetime64[D]``)."""
    months = rng.integers(low, high + 1, len(teams))
    days = rng.integers(0, 28, len(teams))
    start = teams["start_date"].to_numpy(dtype="datetime64[M]")
    return (start + months).astype("datetime64[D]") + days


def _action_sessions(rng, teams: pd.DataFrame, counter: dict) -> tuple[list, list]:
    """One training-action session per team (``teams``: those planned for it)."""
    spec = TRAININGS["formation_action"]
    dates = _weekday_on_or_after(_targets(rng, teams, 0, 6), 0)
    sessions, people = [], []
    for team, hospital, partners, date in zip(
        teams["team_id"], teams["hospital"], teams["n_patient_partners"], dates, strict=True
    ):
        roles = _roles(rng, int(rng.integers(8, 17)), P_PARTNER[spec.code], int(partners))
        end = date + spec.days
        if end > DATA_END:
            continue
        code = f"FA-{team}"
        sessions.append((code, spec.code, date, end, hospital, team))
        for role in roles:
            counter[team] = counter.get(team, 0) + 1
            people.append((code, f"{team}-F{counter[team]:02d}", role, team))
    return sessions, people


def _course_sessions(rng, teams: pd.DataFrame, counter: dict) -> tuple[list, list]:
    """Open sessions of the 2-day course, filled in order of the teams' target dates."""
    spec = TRAININGS["formation_pp"]
    targets = _targets(rng, teams, -3, 12)
    queue = []  # (target, team_id, role) of every participant a team sends
    ids, partners = teams["team_id"].to_numpy(), teams["n_patient_partners"].to_numpy()
    for k in np.argsort(targets, kind="stable"):
        roles = _roles(rng, int(rng.integers(5, 13)), P_PARTNER[spec.code], int(partners[k]))
        queue += [(targets[k], ids[k], role) for role in roles]
    sessions, people, previous, external = [], [], None, 0
    per_year: dict[int, int] = {}
    while queue:
        size, outsiders = int(rng.integers(8, 17)), int(rng.integers(0, 4))
        taken, queue = queue[: size - outsiders], queue[size - outsiders :]
        earliest = max(t for t, _, _ in taken)
        if previous is not None:
            earliest = max(earliest, previous + 21)
        date = _weekday_on_or_after(np.array([earliest]), 1)[0]
        end = date + spec.days
        if end > DATA_END:
            break
        previous = date
        year = date.astype("datetime64[Y]").astype(int) + 1970
        per_year[year] = per_year.get(year, 0) + 1
        code = f"FPP-{year}-{per_year[year]:02d}"
        place = PLACES[len(sessions) % len(PLACES)]
        sessions.append((code, spec.code, date, end, place, np.nan))
        for _, team_id, role in taken:
            counter[team_id] = counter.get(team_id, 0) + 1
            people.append((code, f"{team_id}-F{counter[team_id]:02d}", role, team_id))
        for _ in range(size - len(taken)):
            external += 1
            role = "patient partenaire" if rng.random() < 0.5 else "professionnel"
            people.append((code, f"EXT-{external:03d}", role, np.nan))
    return sessions, people


def draw_training_plan(rng: np.random.Generator, teams: pd.DataFrame) -> TrainingPlan:
    """Draw which programme teams are trained, the sessions and their participants.

    ``teams`` holds the programme teams only (``team_id``, ``start_date``, ``hospital``,
    ``n_patient_partners``).
    """
    teams = teams.reset_index(drop=True)
    planned = rng.random(len(teams)) < P_PLANNED
    plan = rng.choice(list(PLANS), size=len(teams), p=list(PLANS.values()))
    action = planned & np.isin(plan, ["formation_action", "both"])
    course = planned & np.isin(plan, ["formation_pp", "both"])
    counter: dict[str, int] = {}
    s_action, p_action = _action_sessions(rng, teams[action], counter)
    s_course, p_course = _course_sessions(rng, teams[course], counter)
    columns = ["session", "training", "date", "end_date", "place", "team_id"]
    sessions = pd.DataFrame(s_action + s_course, columns=columns)
    spec = sessions["training"].map(TRAININGS)
    sessions = sessions.assign(
        title=spec.map(lambda s: s.title),
        trainer=sessions["training"].map(TRAINERS),
        hours=spec.map(lambda s: s.hours).astype(float),
        objectives=spec.map(lambda s: ";".join(s.objectives)),
    ).sort_values(["date", "session"], ignore_index=True)
    people = pd.DataFrame(p_action + p_course, columns=["session", "participant", "role",
                                                        "team_id"])  # fmt: skip
    people = people.merge(sessions[["session", "training", "date"]], on="session")
    people = people.sort_values(["date", "session", "participant"], ignore_index=True)
    return TrainingPlan(sessions=sessions, participants=people.drop(columns="date"))


def _long(who: pd.DataFrame, moment: str, items: list[str], answers: np.ndarray,
          keep: np.ndarray) -> pd.DataFrame:  # fmt: skip
    """Answer rows of the participants ``who[keep]`` to ``items`` (answers: people × items)."""
    who, answers = who[keep], answers[keep]
    n, k = answers.shape
    return pd.DataFrame({
        "session": np.repeat(who["session"].to_numpy(), k),
        "participant": np.repeat(who["participant"].to_numpy(), k),
        "moment": moment,
        "item": np.tile(np.asarray(items, dtype=object), n),
        "answer": answers.reshape(-1),
    })  # fmt: skip


def _quiz(rng, spec: TrainingSpec, ability: np.ndarray, shift: float) -> np.ndarray:
    """Quiz answers (people × items): right, another option, or empty."""
    b = np.array([q.difficulty for q in spec.quiz])
    c = np.array([q.guessing for q in spec.quiz])
    p = c + (1 - c) * expit(ability[:, None] + shift - b[None, :])
    right = rng.random(p.shape) < p
    out = np.empty(p.shape, dtype=object)
    for j, q in enumerate(spec.quiz):
        wrong = [o for o in q.options if o != q.correct]
        out[:, j] = np.where(
            right[:, j],
            q.correct,
            np.array(wrong, dtype=object)[rng.integers(0, len(wrong), len(p))],
        )
    out[rng.random(p.shape) < P_EMPTY] = np.nan
    return out


def _satisfaction(rng, spec: TrainingSpec, n: int) -> np.ndarray:
    """Scores 1–5 (people × domains, as text), each domain with the training's distribution."""
    common = rng.standard_normal(n)[:, None]
    latent = SATISFACTION_RHO * common + np.sqrt(1 - SATISFACTION_RHO**2) * rng.standard_normal(
        (n, len(DOMAIN_ITEMS))
    )
    u = norm.cdf(latent)
    out = np.empty(u.shape, dtype=object)
    for j, domain in enumerate(DOMAIN_ITEMS):
        cut = np.cumsum(spec.satisfaction[domain])[:-1]
        out[:, j] = (np.searchsorted(cut, u[:, j], side="right") + 1).astype(str)
    out[rng.random(out.shape) < P_EMPTY] = np.nan
    return out


def _yes_no(rng, p: np.ndarray, n: int) -> np.ndarray:
    """oui/non answers (people × len(p))."""
    return np.where(rng.random((n, len(p))) < p, "oui", "non").astype(object)


def _answers_of(rng, spec: TrainingSpec, who: pd.DataFrame, distant: np.ndarray) -> list:
    """Every answer row of one training's participants ``who``."""
    n = len(who)
    u = rng.random(n)
    before, after = u >= P_MISS_BEFORE, (u < P_MISS_BEFORE) | (u >= P_MISS_BEFORE + P_MISS_AFTER)
    ability = rng.standard_normal(n)
    exp_items = [e.item for e in spec.expectations]
    stated = _yes_no(rng, np.array([e.p_stated for e in spec.expectations]), n)
    met = _yes_no(rng, np.array([e.p_met for e in spec.expectations]), n)
    met[stated != "oui"] = None
    frames = [
        _long(who, "attentes", exp_items, stated, before),
        _long(who, "avant", [q.item for q in spec.quiz], _quiz(rng, spec, ability, 0.0), before),
        _long(
            who, "après", [q.item for q in spec.quiz], _quiz(rng, spec, ability, spec.gain), after
        ),  # fmt: skip
        _long(who, "à chaud", list(DOMAIN_ITEMS.values()), _satisfaction(rng, spec, n), after),
    ]
    for j, item in enumerate(exp_items):  # met or not: only for what was stated
        frames.append(_long(who, "à chaud", [item], met[:, [j]], after & (stated[:, j] == "oui")))
    distant = distant & (rng.random(n) < P_DISTANCE)
    practice = _yes_no(rng, np.array(list(spec.practice.values())), n)
    frames.append(_long(who, "à distance", list(spec.practice), practice, distant))
    states = np.array(PLAN_STATES, dtype=object)[rng.choice(3, size=(n, 3), p=spec.plan)]
    states[rng.random((n, 3)) < np.array(list(PLAN_EMPTY.values()))] = np.nan
    frames.append(_long(who, "à distance", list(PLAN_EMPTY), states, distant))
    return frames


def simulate_training_answers(rng: np.random.Generator, plan: TrainingPlan) -> pd.DataFrame:
    """Every evaluation answer of the plan's participants (untyped ``training_answers``)."""
    ends = plan.sessions.set_index("session")["end_date"]
    frames = []
    for code, spec in TRAININGS.items():
        who = plan.participants[plan.participants["training"] == code].reset_index(drop=True)
        end = who["session"].map(ends).to_numpy(dtype="datetime64[D]")
        frames += _answers_of(rng, spec, who, end + DISTANCE_DAYS <= DATA_END)
    answers = pd.concat(frames, ignore_index=True)
    order = {s: k for k, s in enumerate(plan.participants["session"].unique())}
    return (
        answers.assign(_s=answers["session"].map(order), _m=answers["moment"].map(MOMENT_ORDER))
        .sort_values(["_s", "participant", "_m"], kind="stable")
        .drop(columns=["_s", "_m"])
    )


def _expected_score(spec: TrainingSpec, shift: float) -> float:
    """Expected quiz score (share of items right, an empty answer wrong) over θ ~ N(0, 1).

    Gauss–Hermite quadrature (probabilists' weights, :data:`N_NODES` nodes: exact to
    about 1e-12 for this smooth integrand) of the item probabilities, times 1 − P_EMPTY.
    """
    x, w = np.polynomial.hermite_e.hermegauss(N_NODES)
    w = w / w.sum()
    b = np.array([q.difficulty for q in spec.quiz])
    c = np.array([q.guessing for q in spec.quiz])
    p = c + (1 - c) * expit(x[:, None] + shift - b[None, :])
    return float((1 - P_EMPTY) * (w @ p).mean())


def _truth_rows(spec: TrainingSpec) -> list[tuple[str, str, float, str]]:
    """(code, scale, value, definition) of one training's population values."""
    t = spec.code
    pre, post = _expected_score(spec, 0.0), _expected_score(spec, spec.gain)
    model = ("3PL quiz model, ability θ ~ N(0, 1), a share P_EMPTY = 0.03 of answers empty "
             "and scored wrong")  # fmt: skip
    rows = [
        (f"{t}.quiz_before", "share (0–1)", pre,
         f"Expected quiz score (share of the training's items right) before it; {model}."),
        (f"{t}.quiz_after", "share (0–1)", post,
         f"Expected quiz score after the training (ability + {spec.gain} logits); {model}."),
        (f"{t}.quiz_change", "difference (share 0–1)", post - pre,
         "Expected paired change of quiz score, après − avant (population mean)."),
        (f"{t}.normalised_gain", "normalised gain", (post - pre) / (1 - pre),
         "Population class-average normalised gain of Hake (1998): (E[after] − E[before]) / "
         "(1 − E[before])."),
    ]  # fmt: skip
    for domain, probs in spec.satisfaction.items():
        mean = float(np.dot(np.arange(1, 6), probs))
        rows.append((f"{t}.satisfaction_mean.{domain}", "mean score (1–5)", mean,
                     f"Expected satisfaction score of domain « {domain} » at « à chaud » "
                     f"(scores 1–5 with probabilities {list(probs)})."))  # fmt: skip
        rows.append((f"{t}.satisfaction_top_box.{domain}", "share (0–1)", probs[-1],
                     f"Probability of the top score 5 in domain « {domain} »."))  # fmt: skip
    covered = [e for e in spec.expectations if e.objective in spec.objectives]
    stated = sum(e.p_stated for e in spec.expectations)
    in_scope = sum(e.p_stated for e in covered)
    rows += [
        (f"{t}.expectations_covered", "share (0–1)", in_scope / stated,
         "Expected share of stated expectations that the sessions' objectives cover: "
         "Σ p_stated over covered items / Σ p_stated over all expectation items."),
        (f"{t}.expectations_met", "share (0–1)",
         sum(e.p_stated * e.p_met for e in covered) / in_scope,
         "Expected share of covered expectations said met at « à chaud »: "
         "Σ p_stated·p_met / Σ p_stated over covered items."),
    ]  # fmt: skip
    none = float(np.prod([1 - p for p in spec.practice.values()]))
    rows.append((f"{t}.practice_change", "share (0–1)", 1 - none,
                 "Probability that a participant answering at a distance reports at least one "
                 "change of practice: 1 − Π(1 − P(oui)) over the independent items "
                 f"{dict(spec.practice)}."))  # fmt: skip
    for state, p in zip(PLAN_STATES, spec.plan, strict=True):
        rows.append((f"{t}.action_plan.{state}", "share (0–1)", p,
                     f"Probability that an action of a participant's plan is « {state} » at "
                     "a distance (share of the actions answered)."))  # fmt: skip
    return rows


def training_truth() -> pd.DataFrame:
    """Programme-level truth rows (``team_id`` empty) of every demo training.

    The values are population values of the generating model, computed in closed form
    (the quiz by Gauss–Hermite quadrature), never from the sample drawn.
    """
    rows = [(t, *row) for t, spec in TRAININGS.items() for row in _truth_rows(spec)]
    frame = pd.DataFrame(rows, columns=["training", "code", "scale", "true_effect", "definition"])
    return pd.DataFrame({
        "team_id": "",
        "measure": "training:" + frame["code"],
        "family": "training",
        "code": frame["code"],
        "scale": frame["scale"],
        "true_effect": frame["true_effect"].astype(float),
        "definition": frame["definition"],
    })  # fmt: skip
