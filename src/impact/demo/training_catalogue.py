"""The demo programme's two trainings: what they teach, their quiz and expectation items,
and the known parameters from which :mod:`impact.demo.trainings` draws the answers.

Every parameter here is fixed (it does not depend on the seed): the truth of the
trainings (:func:`impact.demo.trainings.training_truth`) is the population value of this
model. The quiz follows a three-parameter logistic model: a participant of ability
``θ ~ N(0, 1)`` answers item ``j`` correctly with probability
``c_j + (1 − c_j) · logistic(θ − b_j)`` before the training and
``c_j + (1 − c_j) · logistic(θ + gain − b_j)`` after it (``b_j`` the item's difficulty,
``c_j`` the chance of guessing it: ½ for vrai/faux, ¼ for A–D).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

__all__ = ["DOMAIN_ITEMS", "QuizItem", "TRAININGS", "Expectation", "TrainingSpec",
           "demo_training_items"]  # fmt: skip

SOURCE = "Rédigé pour la démonstration d'impact (fictif), libre de réutilisation"
#: The default catalogue's satisfaction item of each domain.
DOMAIN_ITEMS = {"objectifs": "SAT_OBJ", "programme": "SAT_PROG", "méthodes": "SAT_METH",
                "qualité": "SAT_QUAL"}  # fmt: skip


@dataclass(frozen=True)
class QuizItem:
    """One quiz question: code, labels, right answer, objective tested, difficulty ``b``."""

    item: str
    label_fr: str
    label_en: str
    correct: str
    objective: str
    difficulty: float

    @property
    def options(self) -> tuple[str, ...]:
        """The possible answers: vrai/faux, or A–D."""
        return ("vrai", "faux") if self.correct in ("vrai", "faux") else ("A", "B", "C", "D")

    @property
    def guessing(self) -> float:
        """Probability of a right answer by chance, ``1 / number of options``."""
        return 1 / len(self.options)


@dataclass(frozen=True)
class Expectation:
    """An expectation item: stated "oui" with ``p_stated``, then met with ``p_met``."""

    item: str
    label_fr: str
    label_en: str
    objective: str
    p_stated: float
    p_met: float


@dataclass(frozen=True)
class TrainingSpec:
    """A training of the demo and its known parameters.

    Attributes
    ----------
    code, title : str
        ``training_sessions.training`` and ``.title``.
    hours : float
        Hours of a session (the training dose).
    days : int
        Calendar days from a session's first day to its last (0: one day).
    objectives : tuple of str
        The objectives of every session (``;``-separated in ``objectives``).
    quiz, expectations : tuple
        The training's own catalogue items; one expectation's objective is not among
        ``objectives`` (participants expect something the training does not cover).
    gain : float
        Known learning gain, on the logit scale of the quiz model.
    satisfaction : dict of str to tuple of float
        Per domain, the probabilities of the scores 1–5.
    practice : dict of str to float
        Per practice-change item, the probability of "oui" at a distance.
    plan : tuple of float
        Probabilities of the action-plan states fait, en cours, pas commencé.
    """

    code: str
    title: str
    hours: float
    days: int
    objectives: tuple[str, ...]
    quiz: tuple[QuizItem, ...]
    expectations: tuple[Expectation, ...]
    gain: float
    satisfaction: dict[str, tuple[float, ...]]
    practice: dict[str, float]
    plan: tuple[float, float, float]


FORMATION_PP = TrainingSpec(
    code="formation_pp",
    title="Formation au partenariat des professionnels et des patients partenaires (2 jours)",
    hours=14.0,
    days=1,
    objectives=("PP_ROLES", "PP_CADRE", "PP_COOP", "PP_POSTURE"),
    quiz=(
        QuizItem(
            "FPP_Q01",
            "Le patient partenaire est membre à part entière de l'équipe, avec son savoir "
            "expérientiel (vrai/faux)",
            "The patient partner is a full member of the team, with their experiential "
            "knowledge (true/false)",
            "vrai",
            "PP_ROLES",
            -1.2,
        ),
        QuizItem(
            "FPP_Q02",
            "Un proche aidant peut être engagé comme patient partenaire (vrai/faux)",
            "A family carer can be engaged as a patient partner (true/false)",
            "vrai",
            "PP_ROLES",
            0.3,
        ),
        QuizItem(
            "FPP_Q03",
            "Quel niveau de participation correspond à une décision prise avec les patients ? "
            "A information, B consultation, C co-construction, D co-décision",
            "Which level of participation is a decision taken with patients? A information, B "
            "consultation, C co-construction, D co-decision",
            "D",
            "PP_ROLES",
            0.2,
        ),
        QuizItem(
            "FPP_Q04",
            "Le patient partenaire est tenu à la confidentialité des informations de santé "
            "qu'il apprend (vrai/faux)",
            "The patient partner must keep the health information they learn confidential "
            "(true/false)",
            "vrai",
            "PP_CADRE",
            -0.4,
        ),
        QuizItem(
            "FPP_Q05",
            "Quelle instance représente les usagers dans un établissement de santé ? A CME, B "
            "CDU, C CSE, D DIM",
            "Which body represents users in a French hospital? A CME, B CDU, C CSE, D DIM",
            "B",
            "PP_CADRE",
            0.9,
        ),
        QuizItem(
            "FPP_Q06",
            "Il est interdit d'indemniser ou de rémunérer un patient partenaire (vrai/faux)",
            "Paying or compensating a patient partner is forbidden (true/false)",
            "faux",
            "PP_CADRE",
            1.0,
        ),
        QuizItem(
            "FPP_Q07",
            "Co-construire une action, c'est : A informer les patients, B recueillir leur avis "
            "après coup, C la concevoir avec eux dès le départ, D la leur déléguer",
            "Co-constructing an action means: A informing patients, B asking their opinion "
            "afterwards, C designing it with them from the start, D delegating it to them",
            "C",
            "PP_COOP",
            -0.3,
        ),
        QuizItem(
            "FPP_Q08",
            "Le premier temps d'un projet en partenariat est : A définir ensemble le problème, "
            "B rédiger le protocole, C recruter des patients, D évaluer",
            "The first step of a partnership project is: A defining the problem together, B "
            "writing the protocol, C recruiting patients, D evaluating",
            "A",
            "PP_COOP",
            0.6,
        ),
        QuizItem(
            "FPP_Q09",
            "Le savoir expérientiel du patient complète le savoir scientifique des "
            "professionnels (vrai/faux)",
            "The patient's experiential knowledge complements the professionals' scientific "
            "knowledge (true/false)",
            "vrai",
            "PP_POSTURE",
            -0.8,
        ),
        QuizItem(
            "FPP_Q10",
            "En réunion, favorise le partenariat : A parler au nom du patient, B reformuler et "
            "solliciter l'avis du patient partenaire, C réserver la parole aux experts, D "
            "abréger les échanges",
            "In a meeting, what fosters partnership: A speaking for the patient, B rephrasing "
            "and asking the patient partner's view, C letting only experts speak, D cutting "
            "discussions short",
            "B",
            "PP_POSTURE",
            0.1,
        ),
    ),
    expectations=(
        Expectation(
            "FPP_ATT_ROLES",
            "J'attends de comprendre les rôles possibles d'un patient partenaire (oui/non)",
            "I expect to understand the possible roles of a patient partner (yes/no)",
            "PP_ROLES",
            0.8,
            0.85,
        ),
        Expectation(
            "FPP_ATT_COOP",
            "J'attends de savoir co-construire une action avec des patients (oui/non)",
            "I expect to learn how to co-construct an action with patients (yes/no)",
            "PP_COOP",
            0.6,
            0.7,
        ),
        Expectation(
            "FPP_ATT_RECRUT",
            "J'attends de savoir recruter des patients partenaires (oui/non)",
            "I expect to learn how to recruit patient partners (yes/no)",
            "PP_RECRUT",
            0.5,
            0.3,
        ),
    ),
    gain=1.3,
    satisfaction={
        "objectifs": (0.02, 0.05, 0.18, 0.45, 0.30),
        "programme": (0.02, 0.06, 0.22, 0.42, 0.28),
        "méthodes": (0.01, 0.04, 0.15, 0.40, 0.40),
        "qualité": (0.01, 0.03, 0.14, 0.42, 0.40),
    },
    practice={"PRAT_IND": 0.55, "PRAT_COLL": 0.30},
    plan=(0.30, 0.45, 0.25),
)

FORMATION_ACTION = TrainingSpec(
    code="formation_action",
    title="Formation-action de l'équipe au partenariat patient",
    hours=21.0,
    days=14,
    objectives=("FA_DIAG", "FA_PLAN", "FA_EVAL", "FA_EQUIPE"),
    quiz=(
        QuizItem(
            "FA_Q01",
            "Le diagnostic partagé s'appuie sur l'expérience des patients autant que sur les "
            "données de l'équipe (vrai/faux)",
            "The shared diagnosis draws on patients' experience as much as on the team's data "
            "(true/false)",
            "vrai",
            "FA_DIAG",
            -0.9,
        ),
        QuizItem(
            "FA_Q02",
            "Quel outil recueille l'expérience vécue des patients ? A un questionnaire PREM, B "
            "la durée de séjour, C le tableau de garde, D le registre des entrées",
            "Which tool collects patients' lived experience? A a PREM questionnaire, B the "
            "length of stay, C the on-call rota, D the admissions register",
            "A",
            "FA_DIAG",
            0.4,
        ),
        QuizItem(
            "FA_Q03",
            "Chaque action d'un plan d'action a un responsable et une échéance (vrai/faux)",
            "Each action of an action plan has an owner and a deadline (true/false)",
            "vrai",
            "FA_PLAN",
            -1.0,
        ),
        QuizItem(
            "FA_Q04",
            "Une action SMART est : A spécifique, mesurable, atteignable, réaliste, datée, B "
            "simple, modeste, ambitieuse, rapide, transversale, C soutenue, mutualisée, "
            "annuelle, régionale, testée, D aucune de ces réponses",
            "A SMART action is: A specific, measurable, achievable, realistic, time-bound, B "
            "simple, modest, ambitious, rapid, transversal, C supported, pooled, annual, "
            "regional, tested, D none of these",
            "A",
            "FA_PLAN",
            0.0,
        ),
        QuizItem(
            "FA_Q05",
            "Qui priorise les actions d'un projet en partenariat ? A la direction, B l'équipe "
            "et les patients partenaires ensemble, C le cadre de santé seul, D le prestataire",
            "Who prioritises the actions of a partnership project? A management, B the team "
            "and the patient partners together, C the nurse manager alone, D the contractor",
            "B",
            "FA_PLAN",
            0.5,
        ),
        QuizItem(
            "FA_Q06",
            "Un indicateur de résultat mesure l'effet d'une action pour les patients (vrai/faux)",
            "An outcome indicator measures the effect of an action for patients (true/false)",
            "vrai",
            "FA_EVAL",
            0.2,
        ),
        QuizItem(
            "FA_Q07",
            "Pour savoir si une action a changé les choses, il faut : A une mesure avant et "
            "après, B une mesure après seulement, C l'avis du chef de service, D rien de plus",
            "To know whether an action changed things you need: A a measure before and after, "
            "B a measure after only, C the head of department's view, D nothing more",
            "A",
            "FA_EVAL",
            0.8,
        ),
        QuizItem(
            "FA_Q08",
            "Le baromètre du partenariat mesure : A la satisfaction des patients, B le "
            "partenariat perçu dans l'équipe, C la charge de travail, D le budget",
            "The partnership barometer measures: A patient satisfaction, B the partnership "
            "perceived in the team, C the workload, D the budget",
            "B",
            "FA_EVAL",
            1.1,
        ),
        QuizItem(
            "FA_Q09",
            "Le patient partenaire est invité à toutes les réunions du projet, pas seulement à "
            "la première (vrai/faux)",
            "The patient partner is invited to every project meeting, not only the first "
            "(true/false)",
            "vrai",
            "FA_EQUIPE",
            -0.5,
        ),
        QuizItem(
            "FA_Q10",
            "En réunion d'équipe, le patient partenaire parle toujours en dernier (vrai/faux)",
            "In team meetings the patient partner always speaks last (true/false)",
            "faux",
            "FA_EQUIPE",
            0.7,
        ),
        QuizItem(
            "FA_Q11",
            "Les patients partenaires peuvent co-animer un retour d'expérience (CREX) (vrai/faux)",
            "Patient partners may co-lead an experience-feedback committee (CREX) (true/false)",
            "vrai",
            "FA_EQUIPE",
            1.4,
        ),
    ),
    expectations=(
        Expectation(
            "FA_ATT_DIAG",
            "J'attends de savoir faire un diagnostic partagé avec les patients (oui/non)",
            "I expect to learn how to make a shared diagnosis with patients (yes/no)",
            "FA_DIAG",
            0.7,
            0.8,
        ),
        Expectation(
            "FA_ATT_PLAN",
            "J'attends de construire notre plan d'action (oui/non)",
            "I expect to build our action plan (yes/no)",
            "FA_PLAN",
            0.75,
            0.75,
        ),
        Expectation(
            "FA_ATT_FINANC",
            "J'attends de savoir obtenir un financement pour notre projet (oui/non)",
            "I expect to learn how to obtain funding for our project (yes/no)",
            "FA_FINANC",
            0.35,
            0.2,
        ),
    ),
    gain=0.9,
    satisfaction={
        "objectifs": (0.03, 0.07, 0.25, 0.40, 0.25),
        "programme": (0.03, 0.08, 0.24, 0.40, 0.25),
        "méthodes": (0.02, 0.05, 0.20, 0.40, 0.33),
        "qualité": (0.02, 0.04, 0.20, 0.44, 0.30),
    },
    practice={"PRAT_IND": 0.45, "PRAT_COLL": 0.60},
    plan=(0.40, 0.40, 0.20),
)

#: The demo's trainings, by code.
TRAININGS = {spec.code: spec for spec in (FORMATION_PP, FORMATION_ACTION)}


def demo_training_items(default: pd.DataFrame) -> pd.DataFrame:
    """The demo's ``training_items`` catalogue: the default rows, then each training's
    quiz and expectation items (untyped strings and numbers; the caller types them)."""
    rows = []
    for spec in TRAININGS.values():
        for q in spec.quiz:
            rows.append({"training": spec.code, "item": q.item, "kind": "quiz",
                         "label_fr": q.label_fr, "label_en": q.label_en, "correct": q.correct,
                         "objective": q.objective, "source": SOURCE})  # fmt: skip
        for e in spec.expectations:
            rows.append({"training": spec.code, "item": e.item, "kind": "expectation",
                         "label_fr": e.label_fr, "label_en": e.label_en,
                         "objective": e.objective, "source": SOURCE})  # fmt: skip
    return pd.concat([default, pd.DataFrame(rows)], ignore_index=True)
