"""A small hand-built training evaluation for tests: the four contract tables.

:func:`training_frames` draws ``n_sessions`` sessions alternating between two trainings:

- ``formation_pp`` (odd sessions 1, 3, …): a two-day open session (14 h, no team of its
  own) whose participants come from every team of ``teams`` in turn; it has a quiz of
  six questions (objectives O1–O3) taken ``avant`` and ``après``, and three expectation
  items (O1, O2, O3; the sessions' objectives are O1 and O2, so O3 is never covered);
- ``formation_action`` (even sessions 2, 4, …): a 21 h team training (the session's
  ``team_id`` is ``teams[(k // 2 - 1) % len(teams)]`` and every participant belongs to it),
  without quiz nor expectations.

Every participant answers the generic satisfaction items ``à chaud``; every session but the
last answers the practice-change and action-plan items ``à distance`` (the last has no
answer at a distance yet). In each session the first four participants are patient
partners and the others professionals; participants are ``S<k>P<j>``. Quiz: participant
``j`` of a ``formation_pp`` session misses ``après`` when ``j == 1`` and ``avant`` when
``j == 2`` (two unpaired participants per session); the rest answer each question right
with probability 0.4 before and 0.75 after. Answers are drawn with
``numpy.random.default_rng(seed)``.

The items catalogue is the default one (``data_schemas/catalogues/training_items.csv``)
plus the quiz and expectation items of ``formation_pp``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from impact.data.schemas import catalogue_dir

__all__ = ["QUIZ", "TRAININGS", "training_frames"]

#: The two trainings: code → (title, hours).
TRAININGS = {
    "formation_pp": ("Formation au partenariat patient", 14.0),
    "formation_action": ("Formation-action d'équipe", 21.0),
}
#: The quiz of formation_pp: item → (correct answer, objective).
QUIZ = {
    "FPP_Q1": ("B", "O1"), "FPP_Q2": ("vrai", "O1"), "FPP_Q3": ("C", "O2"),
    "FPP_Q4": ("faux", "O2"), "FPP_Q5": ("A", "O3"), "FPP_Q6": ("D", "O3"),
}  # fmt: skip
_EXPECTATIONS = {"FPP_E1": "O1", "FPP_E2": "O2", "FPP_E3": "O3"}
_WRONG = {"B": "A", "vrai": "faux", "C": "D", "faux": "vrai", "A": "C", "D": "B"}
_SATISFACTION = ("SAT_OBJ", "SAT_PROG", "SAT_METH", "SAT_QUAL")
_PRACTICE = ("PRAT_IND", "PRAT_COLL")
_PLANS = ("PLAN_1", "PLAN_2", "PLAN_3")
_STATES = ("fait", "en cours", "pas commencé")
_N_PATIENTS = 4


def _items() -> pd.DataFrame:
    """The default catalogue plus formation_pp's quiz and expectations."""
    default = pd.read_csv(catalogue_dir() / "training_items.csv", dtype=str, keep_default_na=False)
    own = [
        {"training": "formation_pp", "item": item, "kind": "quiz", "label_fr": f"Question {item}",
         "label_en": f"Question {item}", "correct": correct, "objective": objective}
        for item, (correct, objective) in QUIZ.items()
    ] + [
        {"training": "formation_pp", "item": item, "kind": "expectation",
         "label_fr": f"J'attends l'objectif {objective}",
         "label_en": f"I expect objective {objective}", "objective": objective}
        for item, objective in _EXPECTATIONS.items()
    ]  # fmt: skip
    items = pd.concat([default, pd.DataFrame(own)], ignore_index=True).fillna("")
    for col in ("scale_min", "scale_max"):
        items[col] = pd.to_numeric(items[col].replace("", None)).astype("Int64")
    return items


def _sessions(n_sessions: int, teams: tuple[str, ...]) -> pd.DataFrame:
    rows = []
    for k in range(1, n_sessions + 1):
        training = "formation_pp" if k % 2 else "formation_action"
        title, hours = TRAININGS[training]
        start = pd.Timestamp("2025-01-13") + pd.Timedelta(weeks=8 * (k - 1))
        rows.append({
            "session": f"S{k}", "training": training, "title": title, "date": start,
            "end_date": start + pd.Timedelta(days=1), "place": "Salle A",
            "team_id": "" if k % 2 else teams[(k // 2 - 1) % len(teams)],
            "trainer": "Binôme formateur", "hours": hours,
            "objectives": "O1;O2" if k % 2 else "OA1",
        })  # fmt: skip
    return pd.DataFrame(rows)


def training_frames(
    seed: int = 0, n_sessions: int = 3, n_per_session: int = 14,
    teams: tuple[str, ...] = ("T01", "T02"),
) -> dict[str, pd.DataFrame]:  # fmt: skip
    """The contract's four training tables of a small made-up programme (module docstring).

    Parameters
    ----------
    seed : int, default 0
        Seed of ``numpy.random.default_rng`` drawing the answers.
    n_sessions : int, default 3
        Sessions, alternating formation_pp (odd) and formation_action (even).
    n_per_session : int, default 14
        Participants per session (at least 12 for the report tests' minimum cell of 10).
    teams : tuple of str, default ("T01", "T02")
        Team codes: participants of an open session are spread over them in turn.

    Returns
    -------
    dict of str to pandas.DataFrame
        ``training_sessions``, ``training_participants``, ``training_answers`` and
        ``training_items``, named and shaped as the data contract's tables (the keys of
        :class:`impact.Programme`'s fields).
    """
    rng = np.random.default_rng(seed)
    sessions = _sessions(n_sessions, tuple(teams))
    people, answers = [], []
    for s in sessions.itertuples():
        last = s.session == sessions["session"].iloc[-1]
        for j in range(1, n_per_session + 1):
            person = f"{s.session}P{j:02d}"
            team = s.team_id or teams[(j - 1) % len(teams)]
            role = "patient partenaire" if j <= _N_PATIENTS else "professionnel"
            people.append({"session": s.session, "participant": person, "role": role,
                           "team_id": team})  # fmt: skip
            rows = []
            if s.training == "formation_pp":
                for item in _EXPECTATIONS:
                    rows.append(("attentes", item, rng.choice(["oui", "non"], p=[0.7, 0.3])))
                    rows.append(("à chaud", item, rng.choice(["oui", "non"], p=[0.8, 0.2])))
                for moment, p in (("avant", 0.4), ("après", 0.75)):
                    if (j, moment) in ((1, "après"), (2, "avant")):
                        continue
                    for item, (correct, _) in QUIZ.items():
                        rows.append(
                            (moment, item, correct if rng.random() < p else _WRONG[correct])
                        )
            for item in _SATISFACTION:
                rows.append(
                    ("à chaud", item, str(rng.choice([2, 3, 4, 5], p=[0.1, 0.2, 0.4, 0.3])))
                )
            if not last:
                for item in _PRACTICE:
                    rows.append(("à distance", item, rng.choice(["oui", "non"], p=[0.6, 0.4])))
                for item in _PLANS:
                    rows.append(("à distance", item, rng.choice(_STATES, p=[0.4, 0.4, 0.2])))
            answers += [
                {
                    "session": s.session,
                    "participant": person,
                    "moment": moment,
                    "item": item,
                    "answer": str(answer),
                }
                for moment, item, answer in rows
            ]
    return {
        "training_sessions": sessions,
        "training_participants": pd.DataFrame(people),
        "training_answers": pd.DataFrame(answers),
        "training_items": _items(),
    }
