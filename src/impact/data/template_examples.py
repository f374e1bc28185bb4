"""The collection template's example rows: a small coherent programme (one team, one
comparison unit, a few rows per table) that passes validation with one expected warning
(a single PREM questionnaire), and an example training's own items for the training_items
catalogue. Laid out in a workbook by :mod:`impact.data.template`.
"""

from __future__ import annotations

import datetime as dt

from impact.data.messages import t
from impact.data.schemas import table_specs
from impact.data.training_checks import ACTION_STATES

__all__ = ["BOOLEAN_CHOICES", "WAVES", "examples", "training_items"]

#: The words offered for a yes/no column, by language (both read by the validator).
BOOLEAN_CHOICES = {"fr": ("oui", "non"), "en": ("yes", "no")}
#: Barometer waves offered in the drop-down list; a later wave (T3…) is allowed with a warning.
WAVES = ("T0", "T1", "T2")
#: The example training: its session, participants and answers, and its own quiz and
#: expectation items added to the training_items catalogue.
_EXAMPLE_TRAINING = "formation_pp"


def _indicator_rows(indicators: list[dict[str, object]]) -> list[dict[str, object]]:
    """One indicator of each kind, for the programme team and the comparison unit, one
    month before and one after the start (1 March 2023)."""
    by_kind: dict[str, str] = {}
    for row in indicators:
        by_kind.setdefault(str(row["kind"]), str(row["code"]))
    figures = {
        "proportion": ({"numerator": 38, "denominator": 50}, {"numerator": 44, "denominator": 50}),
        "rate": ({"numerator": 5, "denominator": 1200}, {"numerator": 3, "denominator": 1150}),
        "mean": ({"value": 6.4, "sd": 3.1, "n": 120}, {"value": 5.9, "sd": 2.8, "n": 115}),
        "count": ({"value": 2}, {"value": 4}),
    }
    rows = []
    for team in ("T01", "C01"):
        for kind, code in by_kind.items():
            for month, values in zip((dt.date(2023, 1, 1), dt.date(2023, 6, 1)), figures[kind],
                                     strict=True):  # fmt: skip
                rows.append({"team_id": team, "indicator": code, "period": month, **values})
    return rows


def examples(catalogues: dict[str, list[dict[str, object]]], lang: str) -> dict[str, list[dict]]:
    """A small coherent programme: one team, one comparison unit, a few rows per table."""
    yes, no = BOOLEAN_CHOICES[lang]
    specs = table_specs()
    teams = [
        {"team_id": "T01", "name": "Parcours insuffisance cardiaque", "hospital": "Hôpital Nord",
         "ghu": "GHU Centre", "domain": "soins", "intervention_mode": "parcours",
         "participation_level": "co-construction", "start_date": dt.date(2023, 3, 1),
         "n_patient_partners": 3, "comparison": no},
        {"team_id": "C01", "name": "Unité témoin", "hospital": "Hôpital Est",
         "ghu": "GHU Centre", "comparison": yes},
    ]  # fmt: skip
    baro_item = catalogues["barometer_items"][0]
    roles = specs["barometer_responses"].field("role")["constraints"]["enum"]
    barometer = [
        {"team_id": "T01", "wave": WAVES[0], "respondent": "R001", "role": roles[0],
         "assessment": "auto", "item": baro_item["item"], "score": baro_item["scale_max"] - 1},
        {"team_id": "T01", "wave": WAVES[0], "respondent": "EQUIPE", "role": None,
         "assessment": "conjointe", "item": baro_item["item"], "score": baro_item["scale_min"] + 2},
    ]  # fmt: skip
    prem_item = catalogues["prem_items"][0]
    scale = [r for r in catalogues["prem_scales"] if r["scale"] == prem_item["scale"]]
    answer = next((r["code"] for r in scale if r["top_box"] == yes), scale[0]["code"])
    prem = [
        {"team_id": "T01", "period": "avant", "respondent": "Q0001", "age_group": "45-64",
         "sex": "F", "self_rated_health": "bonne", "admission_mode": "programmée",
         "item": prem_item["item"], "answer": answer},
    ]  # fmt: skip
    prom = catalogues["proms"][0]
    low, high = float(prom["scale_min"]), float(prom["scale_max"])
    before = round(low + (high - low) / 2, 1)
    step = float(prom["mid"] or (high - low) / 10) * (1 if prom["better"] == "higher" else -1)
    proms = [
        {"team_id": "T01", "period": period, "patient": "P001", "prom": prom["code"],
         "value": min(high, max(low, value))}
        for period, value in (("avant", before), ("après", before + step))
    ]  # fmt: skip
    return {
        "teams": teams,
        "indicator_values": _indicator_rows(catalogues["indicators"]),
        "barometer_responses": barometer,
        "prem_responses": prem,
        "prom_responses": proms,
        **_steering_examples(catalogues, lang),
        **_training_examples(catalogues),
        **_comment_examples(catalogues),
    }


def _comment_examples(catalogues: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """Two e-Satis comments of the example team, before and after, and the review of one."""
    theme = catalogues["comment_themes"][0]["code"]
    comments = [
        {"comment": "C0001", "team_id": "T01", "period": "avant", "source": "e-Satis",
         "respondent": "Q0001", "question": "points à améliorer", "date": dt.date(2023, 1, 12),
         "text": "Accueil froid aux admissions, attente de deux heures."},
        {"comment": "C0002", "team_id": "T01", "period": "après", "source": "e-Satis",
         "respondent": "Q0002", "question": "points positifs", "date": dt.date(2023, 9, 4),
         "text": "Très bon accueil, équipe à l'écoute."},
    ]  # fmt: skip
    reviews = [
        {"comment": "C0002", "theme": theme, "tone": "positif", "reviewer": "patient partenaire"}
    ]
    return {"comments": comments, "comment_reviews": reviews}


def _steering_examples(catalogues: dict[str, list[dict]], lang: str) -> dict[str, list[dict]]:
    """Roadmap lines (a team's, a hospital's, a questionnaire score, an action without
    indicator), T01's partnership activity and support after its start (March 2023), and
    one answer to each questionnaire of the catalogue."""
    yes, no = BOOLEAN_CHOICES[lang]
    start, deadline = dt.date(2023, 3, 1), dt.date(2026, 2, 28)
    proportion = next(r for r in catalogues["indicators"] if r["kind"] == "proportion")
    items = {}
    for row in catalogues["questionnaire_items"]:
        items.setdefault(row["questionnaire"], row)
    first = next(iter(items.values()))
    low, high = int(first["scale_min"]), int(first["scale_max"])
    line = {"axis": "Intégrer les patients partenaires aux parcours", "start_date": start}
    roadmap = [
        {**line, "line": "R01", "team_id": "T01", "objective": "Mieux informer à la sortie",
         "action": "Co-écrire la lettre de liaison avec les patients partenaires",
         "owner_role": "cadre de santé", "governance": "comité de pilotage",
         "indicator": proportion["code"], "baseline": 76, "target_year1": 80,
         "target_year2": 85, "target_year3": 90, "deadline": deadline},
        {**line, "line": "R02", "hospital": "Hôpital Nord",
         "objective": "Associer des patients partenaires à chaque projet",
         "action": "Recruter et former des patients partenaires", "owner_role":
         "direction des usagers", "governance": "CDU", "indicator": "activite.partenaires",
         "target_year1": 4, "target_year2": 6, "target_year3": 8},
        {**line, "line": "R03", "team_id": "T01", "objective": "Reconnaître les partenaires",
         "action": "Faire le point chaque année avec les patients partenaires",
         "owner_role": "patient partenaire", "indicator": f"{first['questionnaire']}.global",
         "target_year1": round(low + (high - low) * 0.6, 1),
         "target_year3": round(low + (high - low) * 0.75, 1)},
        {**line, "line": "R04", "team_id": "T01", "objective": "Reconnaître les partenaires",
         "action": "Présenter le projet en CME", "owner_role": "médecin responsable"},
    ]  # fmt: skip
    activity = [
        {"team_id": "T01", "month": month, "partner": partner, "role": role,
         "mode": "parcours", "paid": paid, "meetings_held": 2, "meetings_attended": attended,
         "hours": hours}
        for month in (dt.date(2023, 3, 1), dt.date(2023, 6, 1))
        for partner, role, paid, attended, hours in (("PP01", "patient", no, 2, 4.0),
                                                     ("PP02", "proche-aidant", yes, 1, 2.5))
    ]  # fmt: skip
    support = [
        {"team_id": "T01", "month": dt.date(2023, 3, 1), "kind": "formation-action",
         "sessions": 1, "hours": 7.0},
        {"team_id": "T01", "month": dt.date(2023, 6, 1), "kind": "accompagnement",
         "sessions": 1, "hours": 1.5},
    ]  # fmt: skip
    answers = [
        {"team_id": "T01", "questionnaire": code, "wave": WAVES[0], "respondent": f"Q{k:03d}",
         "role": "patient" if k == 1 else "professionnel", "assessment": "auto",
         "item": row["item"], "score": int(row["scale_max"]) - 1}
        for k, (code, row) in enumerate(items.items(), start=1)
    ]  # fmt: skip
    return {
        "roadmap": roadmap,
        "partnership_activity": activity,
        "programme_support": support,
        "questionnaire_responses": answers,
    }


def training_items(lang: str) -> list[dict[str, object]]:
    """The example training's own items, added to the default catalogue: three quiz
    questions and one expectation, each with the session objective it refers to."""
    source = t("template.training-source", lang)
    common = {"training": _EXAMPLE_TRAINING, "source": source}
    return [
        {**common, "item": "FPP_Q1", "kind": "quiz", "correct": "vrai", "objective": "OBJ1",
         "label_fr": "Un patient partenaire prend part aux décisions de l'équipe (vrai ou faux)",
         "label_en": "A patient partner takes part in the team's decisions (vrai or faux)"},
        {**common, "item": "FPP_Q2", "kind": "quiz", "correct": "C", "objective": "OBJ2",
         "label_fr": "Co-construire un projet avec des patients, c'est : A) les informer, "
         "B) les consulter, C) décider avec eux",
         "label_en": "Co-building a project with patients means: A) informing them, "
         "B) consulting them, C) deciding with them"},
        {**common, "item": "FPP_Q3", "kind": "quiz", "correct": "oui", "objective": "OBJ2",
         "label_fr": "Un patient partenaire peut-il être rémunéré pour sa participation ? "
         "(oui ou non)",
         "label_en": "May a patient partner be paid for taking part? (oui or non)"},
        {**common, "item": "FPP_ATT1", "kind": "expectation", "objective": "OBJ1",
         "label_fr": "J'attends de savoir associer des patients partenaires aux décisions de "
         "l'équipe",
         "label_en": "I expect to learn how to involve patient partners in the team's "
         "decisions"},
    ]  # fmt: skip


def _training_examples(catalogues: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """T01's formation-action at its start (March 2023): the session, two participants,
    and their answers at every moment — expectation, quiz before and after (both paired),
    satisfaction on every domain of the catalogue, practice change and action plan."""
    session = "FPP-2023-01"
    sessions = [
        {"session": session, "training": _EXAMPLE_TRAINING,
         "title": "Formation au partenariat patient", "date": dt.date(2023, 3, 6),
         "end_date": dt.date(2023, 3, 7), "place": "Hôpital Nord", "team_id": "T01",
         "trainer": "Binôme professionnel – patient formateur", "hours": 14.0,
         "objectives": "OBJ1;OBJ2"},
    ]  # fmt: skip
    people = [
        {"session": session, "participant": "F01", "role": "professionnel", "team_id": "T01"},
        {"session": session, "participant": "F02", "role": "patient partenaire",
         "team_id": "T01"},
    ]  # fmt: skip
    items = catalogues["training_items"]
    satisfaction = [r for r in items if r["kind"] == "satisfaction"]
    practice = [r["item"] for r in items if r["kind"] == "practice_change"]
    plans = [r["item"] for r in items if r["kind"] == "action_plan"]
    said = [
        ("F01", "attentes", "FPP_ATT1", "oui"),
        *(("F01", "avant", q, a) for q, a in (("FPP_Q1", "faux"), ("FPP_Q2", "B"),
                                               ("FPP_Q3", "oui"))),
        *(("F01", "après", q, a) for q, a in (("FPP_Q1", "vrai"), ("FPP_Q2", "C"),
                                               ("FPP_Q3", "oui"))),
        ("F01", "à chaud", "FPP_ATT1", "oui"),
        *(("F01", "à chaud", r["item"], str(int(r["scale_max"]) - k % 2))
          for k, r in enumerate(satisfaction)),
        *(("F01", "à distance", item, ("oui", "non")[k % 2]) for k, item in enumerate(practice)),
        *(("F01", "à distance", item, ACTION_STATES[k % len(ACTION_STATES)])
          for k, item in enumerate(plans)),
        *(("F02", "avant", q, a) for q, a in (("FPP_Q1", "vrai"), ("FPP_Q2", "A"))),
        *(("F02", "après", q, a) for q, a in (("FPP_Q1", "vrai"), ("FPP_Q2", "C"))),
        ("F02", "à chaud", satisfaction[-1]["item"], str(satisfaction[-1]["scale_max"])),
    ]  # fmt: skip
    answers = [
        {"session": session, "participant": who, "moment": moment, "item": item, "answer": text}
        for who, moment, item, text in said
    ]
    return {
        "training_sessions": sessions,
        "training_participants": people,
        "training_answers": answers,
    }
