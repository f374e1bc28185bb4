"""Questionnaire answers for tests, built from a programme's barometer answers (until the
demo programme draws its own).

Each professional's self-assessments answer the staff quality-of-working-life
questionnaire (``qvt``) and each patient-side member's the patient partners' experience
(``experience_pp``) of the default catalogue: the barometer's k-th item answers the
questionnaire's k-th item, the score 0–4 becoming 1–5. Joint assessments are left out.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

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
