"""Training reports (issue 15): one page per training, ``DIR/trainings/<training>.html``.

The fixture: the small demo programme plus two trainings written by hand. Training
``fpp`` (a quiz before and after, expectations, satisfaction, practice at a distance) has
three sessions of 14, 12 and 4 participants: the session of 4 is hidden, and so is the
session of 12, else the training's total minus the session of 14 would give it back.
Training ``atelier`` (no quiz) has two sessions of 12 participants.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import impact
from impact.data.loading import load_programme
from impact.report.formatting import format_number
from impact.run import runner as runner_module
from impact.run.runner import run_reports

MIN_CELL = 10
#: Session → (training, professionals, patient partners, start date).
SESSIONS = {
    "FPP-01": ("fpp", 11, 3, "2025-01-13"),
    "FPP-02": ("fpp", 10, 2, "2025-03-10"),
    "FPP-03": ("fpp", 3, 1, "2025-05-12"),
    "ATL-01": ("atelier", 10, 2, "2025-02-03"),
    "ATL-02": ("atelier", 9, 3, "2025-04-07"),
}
TITLES = {"fpp": "Formation au partenariat patient", "atelier": "Atelier de co-construction"}
QUIZ = {"Q1": "A", "Q2": "B", "Q3": "vrai", "Q4": "C", "Q5": "faux"}
WRONG = {"Q1": "B", "Q2": "C", "Q3": "faux", "Q4": "A", "Q5": "vrai"}
#: Satisfaction answers (1–5) of each session's participants, cycled: FPP-03's are low.
SATISFACTION = {"FPP-01": "45545", "FPP-02": "4434", "FPP-03": "1211", "ATL-01": "5554",
                "ATL-02": "3445"}  # fmt: skip


def training_frames(seed: int = 0) -> dict[str, pd.DataFrame]:
    """The four training tables of the fixture (sessions, participants, answers, items)."""
    rng = np.random.default_rng(seed)
    sessions, people, answers = [], [], []
    teams = ["T01", "T02", "T03"]
    for s, (code, n_pro, n_pat, date) in SESSIONS.items():
        sessions.append({
            "session": s, "training": code, "title": TITLES[code], "date": date,
            "end_date": str((pd.Timestamp(date) + pd.Timedelta(days=1)).date()),
            "place": "Hôpital A", "team_id": "", "trainer": "Organisme de formation",
            "hours": 14.0 if code == "fpp" else 7.0, "objectives": "OBJ1;OBJ2",
        })  # fmt: skip
        roles = ["professionnel"] * n_pro + ["patient partenaire"] * n_pat
        for k, role in enumerate(roles):
            who = f"{s}-P{k + 1:02d}"
            people.append({"session": s, "participant": who, "role": role,
                           "team_id": teams[k % 3]})  # fmt: skip

            def say(moment: str, item: str, answer: str, who=who, s=s) -> None:
                answers.append({"session": s, "participant": who, "moment": moment,
                                "item": item, "answer": answer})  # fmt: skip

            sat = SATISFACTION[s][k % len(SATISFACTION[s])]
            for item in ("SAT_OBJ", "SAT_PROG", "SAT_METH", "SAT_QUAL"):
                say("à chaud", item, sat)
            for item in ("EXP_OBJ1", "EXP_OBJ3"):
                said = "oui" if rng.random() < 0.7 else "non"
                say("attentes", item, said)
                if said == "oui":
                    say("à chaud", item, "oui" if rng.random() < 0.8 else "non")
            say("à distance", "PRAT_IND", "oui" if rng.random() < 0.6 else "non")
            say("à distance", "PLAN_1", ["fait", "en cours", "pas commencé"][k % 3])
            if code != "fpp":
                continue
            ability = rng.uniform(0.1, 0.7)  # chance of a right answer before, +0.3 after
            for item, right in QUIZ.items():
                if k != 1:  # the second participant of each session skips the quiz before
                    say("avant", item, right if rng.random() < ability else WRONG[item])
                if k != 2:  # the third skips it after
                    say("après", item, right if rng.random() < ability + 0.3 else WRONG[item])
    quiz = pd.DataFrame({
        "training": "fpp", "item": list(QUIZ), "kind": "quiz",
        "label_fr": [f"Question {k}" for k in range(1, 6)],
        "label_en": [f"Question {k}" for k in range(1, 6)],
        "correct": list(QUIZ.values()), "objective": ["OBJ1", "OBJ1", "OBJ2", "OBJ2", "OBJ2"],
    })  # fmt: skip
    expect = pd.DataFrame({
        "training": "", "item": ["EXP_OBJ1", "EXP_OBJ3"], "kind": "expectation",
        "label_fr": ["Attente : objectif 1", "Attente : objectif 3"],
        "label_en": ["Expectation: objective 1", "Expectation: objective 3"],
        "objective": ["OBJ1", "OBJ3"],
    })  # fmt: skip
    defaults = impact.demo_programme(n_teams=3, n_comparison=2, seed=11).training_items
    return {
        "training_sessions": pd.DataFrame(sessions),
        "training_participants": pd.DataFrame(people),
        "training_answers": pd.DataFrame(answers),
        "training_items": pd.concat([defaults, quiz, expect], ignore_index=True),
    }
