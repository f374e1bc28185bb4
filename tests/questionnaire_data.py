"""Questionnaire answers for tests (until the demo programme draws its own).

:func:`with_questionnaires` builds them from a programme's barometer answers: each
professional's self-assessments answer the staff quality-of-working-life questionnaire
(``qvt``) and each patient-side member's the patient partners' experience
(``experience_pp``) of the default catalogue: the barometer's k-th item answers the
questionnaire's k-th item, the score 0–4 becoming 1–5. Joint assessments are left out.
:func:`both_sides` and :func:`small_patients` draw answers of both sides to ``qvt``.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

import impact
from impact.barometer.common import ROLE_GROUPS
from impact.data.programme import Programme

#: Questionnaire of the default catalogue answered by each role group.
ANSWERED_BY = {"qvt": "professionals", "experience_pp": "patient_side"}


def questionnaire_answers(programme: Programme, *, teams: list[str] | None = None
                          ) -> pd.DataFrame:  # fmt: skip
    """``questionnaire_responses`` rows made from the barometer answers of ``teams``
    (default every team with barometer answers)."""
    baro = programme.barometer_responses
    if teams is not None:
        baro = baro.loc[baro["team_id"].isin(teams)]
    catalogue = programme.questionnaire_items
    criteria = list(dict.fromkeys(programme.barometer_items["item"]))
    parts = []
    for code, group in ANSWERED_BY.items():
        items = catalogue.loc[catalogue["questionnaire"] == code, "item"].tolist()
        rows = baro.loc[(baro["assessment"] == "auto") & (baro["role"].map(ROLE_GROUPS) == group)
                        & baro["item"].isin(criteria[: len(items)])].copy()  # fmt: skip
        rows["item"] = rows["item"].map(dict(zip(criteria, items, strict=False)))
        rows["score"] = rows["score"] + 1
        rows.insert(1, "questionnaire", code)
        parts.append(rows)
    return pd.concat(parts, ignore_index=True)


def with_questionnaires(programme: Programme, *, teams: list[str] | None = None) -> Programme:
    """The programme with :func:`questionnaire_answers` as its questionnaire answers."""
    answers = questionnaire_answers(programme, teams=teams)
    return replace(programme, questionnaire_responses=answers)


def both_sides(seed: int = 4, n: int = 12) -> Programme:
    """Demo programme whose team T01 has ``n`` professionals and ``n`` patient-side members
    answering the staff questionnaire at T0 and T1 (uniform answers 1–5)."""
    prog = impact.demo_programme(n_teams=2, seed=1)
    rng = np.random.default_rng(seed)
    items = prog.questionnaire_items.loc[prog.questionnaire_items["questionnaire"] == "qvt",
                                         "item"].tolist()  # fmt: skip
    rows = [{"team_id": "T01", "questionnaire": "qvt", "wave": wave, "respondent": f"{r}{k}",
             "role": role, "assessment": "auto", "item": item,
             "score": int(rng.integers(1, 6))}
            for wave in ("T0", "T1") for r, role in (("P", "professionnel"), ("U", "patient"))
            for k in range(n) for item in items]  # fmt: skip
    frame = pd.DataFrame(rows).astype({"score": "Int64"})
    return replace(prog, questionnaire_responses=frame)


def small_patients(patient_scores: int) -> Programme:
    """T01's staff questionnaire: 14 professionals (shown at a minimum cell of 10) and 5
    patients (hidden) at T0 and T1; the patients all answer ``patient_scores``."""
    prog = both_sides(n=14)
    answers = prog.questionnaire_responses
    patients = answers["role"] == "patient"
    keep = ~patients | answers["respondent"].isin([f"U{k}" for k in range(5)])
    answers = answers.loc[keep].copy()
    answers.loc[answers["role"] == "patient", "score"] = patient_scores
    return replace(prog, questionnaire_responses=answers.reset_index(drop=True))
