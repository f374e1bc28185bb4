"""Every label and sentence of the reports, in French (default) and English.

Look a text up with :func:`t`; the French text is the reference. Texts take
``str.format`` fields. The validator's messages are in :mod:`impact.data.messages`.
"""

from __future__ import annotations

from impact.languages import LANGUAGES, translate

__all__ = ["LABELS", "LANGUAGES", "t"]

LABELS: dict[str, dict[str, str]] = {
    "index.programme": {"fr": "Rapport du programme", "en": "Programme report"},
    "index.programme.link": {
        "fr": "ouvrir le rapport du programme",
        "en": "open the programme report",
    },
    # issue 15 — training report (report/training_report_html.py, the index's link)
    "index.trainings": {"fr": "Rapports de formation", "en": "Training reports"},
    "index.trainings.link": {"fr": "ouvrir le rapport", "en": "open the report"},
    "index.failed.training": {"fr": "formation : {title}", "en": "training: {title}"},
    "training_report.title": {
        "fr": "Rapport de formation : {title}",
        "en": "Training report: {title}",
    },
    "training_report.intro": {
        "fr": "{sessions} session(s) du {first} au {last}, {hours} heures de formation en tout, {participants} participants. Rapport destiné aux organisateurs de la formation : réaction, apprentissage et pratiques à distance (niveaux 1 à 3 de Kirkpatrick), par session et pour l'ensemble.",
        "en": "{sessions} session(s) from {first} to {last}, {hours} hours of training in all, {participants} participants. A report for the training's organisers: reaction, learning and practice at a distance (Kirkpatrick levels 1 to 3), per session and overall.",
    },
    "training_report.toc": {"fr": "Sommaire", "en": "Contents"},
    "training_report.sessions.title": {"fr": "Les sessions", "en": "The sessions"},
    "training_report.reaction.title": {
        "fr": "Niveau 1 — réaction : satisfaction et attentes",
        "en": "Level 1 — reaction: satisfaction and expectations",
    },
    "training_report.learning.title": {
        "fr": "Niveau 2 — apprentissage : le quiz avant et après",
        "en": "Level 2 — learning: the quiz before and after",
    },
    "training_report.behaviour.title": {
        "fr": "Niveau 3 — comportement : pratiques à distance",
        "en": "Level 3 — behaviour: practice at a distance",
    },
    "training_report.methods.title": {"fr": "Méthodes", "en": "Methods"},
    "training_report.about.title": {"fr": "À propos de ce rapport", "en": "About this report"},
    "training_report.satisfaction.title": {
        "fr": "Satisfaction à chaud",
        "en": "Satisfaction at the end",
    },
    "training_report.expectations.title": {
        "fr": "Attentes des participants",
        "en": "Participants' expectations",
    },
    "training_report.items.title": {"fr": "Les questions du quiz", "en": "The quiz's questions"},
    "training_report.practice.title": {"fr": "Changement de pratique", "en": "Change of practice"},
    "training_report.plans.title": {"fr": "Plans d'action", "en": "Action plans"},
    "training_report.by-session": {"fr": "Par session", "en": "By session"},
    "training_report.all": {"fr": "Ensemble", "en": "All sessions"},
    "training_report.total": {"fr": "Total", "en": "Total"},
    "training_report.open": {"fr": "ouverte", "en": "open"},
    "training_report.dates": {"fr": "{first} au {last}", "en": "{first} to {last}"},
    "training_report.sessions.note": {
        "fr": "Participants inscrits par session et par rôle. Une session de moins de {min_cell} participants n'est pas détaillée (« < {min_cell} »), ni, pour qu'elle ne puisse pas se déduire du total, la plus petite des autres sessions.",
        "en": 'Participants listed by session and role. A session of fewer than {min_cell} participants is not detailed ("< {min_cell}"), nor, so that it cannot be worked out from the total, the smallest of the other sessions.',
    },
    "training_report.col.session": {"fr": "Session", "en": "Session"},
    "training_report.col.dates": {"fr": "Dates", "en": "Dates"},
    "training_report.col.place": {"fr": "Lieu", "en": "Place"},
    "training_report.col.team": {"fr": "Équipe formée", "en": "Team trained"},
    "training_report.col.hours": {"fr": "Heures", "en": "Hours"},
    "training_report.col.participants": {"fr": "Participants", "en": "Participants"},
    "training_report.col.professionals": {"fr": "Professionnels", "en": "Professionals"},
    "training_report.col.patient_partners": {
        "fr": "Patients partenaires",
        "en": "Patient partners",
    },
    "training_report.col.domain": {"fr": "Domaine", "en": "Domain"},
    "training_report.col.mean": {"fr": "Score moyen", "en": "Mean score"},
    "training_report.col.ci": {"fr": "IC 95 %", "en": "95% CI"},
    "training_report.col.top_box": {
        "fr": "Très satisfaits (note maximale)",
        "en": "Very satisfied (top score)",
    },
    "training_report.col.top_box_global": {"fr": "Très satisfaits", "en": "Very satisfied"},
    "training_report.col.n": {"fr": "Participants (n)", "en": "Participants (n)"},
    "training_report.col.group": {"fr": "Groupe", "en": "Group"},
    "training_report.col.covered": {"fr": "Attentes couvertes", "en": "Expectations covered"},
    "training_report.col.met": {
        "fr": "Attentes couvertes atteintes",
        "en": "Covered expectations met",
    },
    "training_report.col.measure": {"fr": "Mesure", "en": "Measure"},
    "training_report.col.estimate": {"fr": "Valeur", "en": "Value"},
    "training_report.col.p": {"fr": "p", "en": "p"},
    "training_report.col.pairs": {"fr": "Paires (n)", "en": "Pairs (n)"},
    "training_report.col.before": {"fr": "Score avant", "en": "Score before"},
    "training_report.col.after": {"fr": "Score après", "en": "Score after"},
    "training_report.col.change": {"fr": "Variation (points)", "en": "Change (points)"},
    "training_report.col.question": {"fr": "Question", "en": "Question"},
    "training_report.col.objective": {"fr": "Objectif", "en": "Objective"},
    "training_report.col.right_before": {"fr": "Justes avant", "en": "Right before"},
    "training_report.col.right_after": {"fr": "Justes après", "en": "Right after"},
    "training_report.col.wrong_to_right": {"fr": "Faux → juste", "en": "Wrong → right"},
    "training_report.col.right_to_wrong": {"fr": "Juste → faux", "en": "Right → wrong"},
    "training_report.col.p_mcnemar": {"fr": "p (McNemar)", "en": "p (McNemar)"},
    "training_report.col.difficulty": {"fr": "Difficulté (avant)", "en": "Difficulty (before)"},
    "training_report.col.discrimination": {
        "fr": "Discrimination (r pb)",
        "en": "Discrimination (r pb)",
    },
    "training_report.col.flag": {"fr": "À revoir", "en": "To review"},
    "training_report.col.practice": {"fr": "Déclarent un changement", "en": "Report a change"},
    "training_report.domain.objectifs": {
        "fr": "Atteinte des objectifs",
        "en": "Objectives attained",
    },
    "training_report.domain.programme": {"fr": "Programme", "en": "Programme"},
    "training_report.domain.méthodes": {"fr": "Méthodes pédagogiques", "en": "Teaching methods"},
    "training_report.domain.qualité": {"fr": "Qualité d'ensemble", "en": "Overall quality"},
    "training_report.domain.global": {"fr": "Tous les domaines", "en": "All domains"},
    "training_report.satisfaction.note": {
        "fr": "Score moyen des participants par domaine (échelle {low} à {high}) et part des participants très satisfaits (score égal à {high}), avec leurs intervalles de confiance à 95 %.",
        "en": "Participants' mean score by domain (scale {low} to {high}) and share of very satisfied participants (score of {high}), with their 95% confidence intervals.",
    },
    "training_report.satisfaction.none": {
        "fr": "Pas de réponse au questionnaire de satisfaction pour cette formation.",
        "en": "No answer to the satisfaction questionnaire for this training.",
    },
    "training_report.expectations.note": {
        "fr": "Part des attentes exprimées au début qui correspondent aux objectifs de la session (couvertes), et part des attentes couvertes que les participants disent atteintes à la fin, avec leurs intervalles de confiance à 95 % ; n : participants qui ont exprimé une attente.",
        "en": "Share of the expectations stated at the start that match the session's objectives (covered), and share of the covered expectations that participants say were met at the end, with their 95% confidence intervals; n: participants who stated an expectation.",
    },
    "training_report.expectations.none": {
        "fr": "Pas d'attente recueillie pour cette formation.",
        "en": "No expectation collected for this training.",
    },
    "training_report.quiz.none": {
        "fr": "Pas de quiz passé avant et après pour cette formation.",
        "en": "No quiz taken before and after for this training.",
    },
    "training_report.quiz.scores": {
        "fr": "Score moyen des paires, avant → après",
        "en": "Mean score of the pairs, before → after",
    },
    "training_report.quiz.before-after": {"fr": "{before} → {after}", "en": "{before} → {after}"},
    "training_report.quiz.mean-change": {
        "fr": "Variation moyenne (points ; test t apparié)",
        "en": "Mean change (points; paired t-test)",
    },
    "training_report.quiz.median-change": {
        "fr": "Variation médiane (points ; Hodges–Lehmann, test de Wilcoxon)",
        "en": "Median change (points; Hodges–Lehmann, Wilcoxon test)",
    },
    "training_report.quiz.dz": {"fr": "Taille d'effet d_z", "en": "Effect size d_z"},
    "training_report.quiz.gain": {
        "fr": "Gain normalisé ⟨g⟩ (Hake ; IC bootstrap)",
        "en": "Normalised gain ⟨g⟩ (Hake; bootstrap CI)",
    },
    "training_report.quiz.individual-gain": {
        "fr": "Gain normalisé individuel moyen (comparaison)",
        "en": "Mean individual normalised gain (comparison)",
    },
    "training_report.quiz.unpaired": {
        "fr": "Sans paire : après seulement − avant seulement (points ; Welch)",
        "en": "Unpaired: after only − before only (points; Welch)",
    },
    "training_report.quiz.note": {
        "fr": "Quiz avant et après la formation ; score : part des questions justes. Les lignes appariées portent sur les participants qui ont passé les deux ; {only_before} participant(s) n'ont passé que le quiz avant et {only_after} que le quiz après : ils ne comptent que dans la dernière ligne (n : avant / après).",
        "en": "Quiz before and after the training; score: share of questions right. The paired rows are about the participants who took both; {only_before} participant(s) took the quiz before only and {only_after} after only: they count in the last row only (n: before / after).",
    },
    "training_report.items.none": {
        "fr": "Pas de question à analyser.",
        "en": "No question to analyse.",
    },
    "training_report.items.note": {
        "fr": "Parts de réponses justes avant et après sur les paires, changements de réponse (faux → juste, juste → faux ; « < {min_cell} » : moins de {min_cell} personnes) et test exact de McNemar ; difficulté et discrimination au quiz avant. À revoir : question trop facile (plus de {easy} de réponses justes avant) ou qui discrimine mal (r pb sous {low}).",
        "en": 'Shares of right answers before and after among the pairs, changes of answer (wrong → right, right → wrong; "< {min_cell}": fewer than {min_cell} people) and McNemar\'s exact test; difficulty and discrimination in the quiz before. To review: a question too easy (more than {easy} right before) or discriminating poorly (r pb under {low}).',
    },
    "training_report.flag.easy": {"fr": "trop facile", "en": "too easy"},
    "training_report.flag.discrimination": {"fr": "discrimine mal", "en": "discriminates poorly"},
    "training_report.kr20": {
        "fr": "Fidélité du quiz (KR-20, quiz avant) : {value} (IC 95 % {ci}), {k} questions, {n} participants.",
        "en": "Reliability of the quiz (KR-20, quiz before): {value} (95% CI {ci}), {k} questions, {n} participants.",
    },
    "training_report.kr20.hidden": {
        "fr": "Fidélité du quiz (KR-20) : moins de {min_cell} participants, non montrée.",
        "en": "Reliability of the quiz (KR-20): fewer than {min_cell} participants, not shown.",
    },
    "training_report.kr20.missing": {
        "fr": "Fidélité du quiz (KR-20) : non calculable ({k} question(s), ou scores sans variation).",
        "en": "Reliability of the quiz (KR-20): cannot be computed ({k} question(s), or scores without variation).",
    },
    "training_report.kr20.none": {
        "fr": "Fidélité du quiz : non calculée.",
        "en": "Reliability of the quiz: not computed.",
    },
    "training_report.practice.note": {
        "fr": "Part des participants qui déclarent, 3 à 6 mois après, avoir changé leur pratique individuelle ou collective, avec son intervalle de confiance à 95 % ; n : participants qui ont répondu.",
        "en": "Share of participants who report, 3 to 6 months later, a change of their individual or collective practice, with its 95% confidence interval; n: participants who answered.",
    },
    "training_report.practice.none": {
        "fr": "Pas encore de réponse à distance pour cette formation.",
        "en": "No answer at a distance yet for this training.",
    },
    "training_report.plans.none": {
        "fr": "Pas de plan d'action renseigné à distance pour cette formation.",
        "en": "No action plan reported at a distance for this training.",
    },
    "training_report.plans.note": {
        "fr": "Actions des plans d'action des participants, par état, en part des actions ; n : participants qui ont décrit au moins une action.",
        "en": "Actions of the participants' action plans, by state, as a share of the actions; n: participants who described at least one action.",
    },
    "training_report.state.fait": {"fr": "Faites", "en": "Done"},
    "training_report.state.en cours": {"fr": "En cours", "en": "In progress"},
    "training_report.state.pas commencé": {"fr": "Pas commencées", "en": "Not started"},
    "training_report.plot.satisfaction": {
        "fr": "Satisfaction par domaine",
        "en": "Satisfaction by domain",
    },
    "training_report.plot.satisfaction.note": {
        "fr": "Score moyen et intervalle de confiance à 95 %",
        "en": "Mean score and 95% confidence interval",
    },
    "training_report.plot.quiz": {
        "fr": "Score au quiz avant et après (%)",
        "en": "Quiz score before and after (%)",
    },
    "training_report.plot.quiz.before": {"fr": "avant", "en": "before"},
    "training_report.plot.quiz.after": {"fr": "après", "en": "after"},
    "training_report.plot.quiz.note": {
        "fr": "Moyenne des participants qui ont passé le quiz avant et après",
        "en": "Mean of the participants who took the quiz before and after",
    },
    "training_report.error": {"fr": "Non calculé : {error}", "en": "Not computed: {error}"},
    "training_report.error.family": {"fr": "{family} : {error}", "en": "{family}: {error}"},
    "training_report.family.satisfaction": {"fr": "Satisfaction", "en": "Satisfaction"},
    "training_report.family.expectations": {"fr": "Attentes", "en": "Expectations"},
    "training_report.family.quiz": {"fr": "Quiz", "en": "Quiz"},
    "training_report.family.practice": {
        "fr": "Pratiques à distance",
        "en": "Practice at a distance",
    },
    "training_report.notes.title": {
        "fr": "Ce qui n'a pas pu être calculé",
        "en": "What could not be computed",
    },
    "training_report.notes.none": {
        "fr": "Tout a pu être calculé.",
        "en": "Everything could be computed.",
    },
    "training_report.methods.satisfaction": {
        "fr": "Satisfaction à chaud (niveau 1 de Kirkpatrick) : le score d'un participant dans un domaine est la moyenne de ses réponses aux questions du domaine ; le score moyen des participants est donné avec l'intervalle de confiance de Student, la part des très satisfaits (note maximale de l'échelle) avec l'intervalle de Wilson (1927).",
        "en": "Satisfaction at the end (Kirkpatrick level 1): a participant's score in a domain is the mean of their answers to the domain's questions; the participants' mean score is given with Student's confidence interval, the share of very satisfied participants (the scale's top score) with Wilson's (1927) interval.",
    },
    "training_report.methods.expectations": {
        "fr": "Attentes : une attente exprimée au début est couverte quand elle correspond à un objectif pédagogique de la session ; une attente couverte est atteinte quand le participant répond « oui » à la même question à la fin. Parts avec l'intervalle de Wilson (1927) ; l'unité est l'attente (un participant peut en exprimer plusieurs).",
        "en": 'Expectations: an expectation stated at the start is covered when it matches a learning objective of the session; a covered expectation is met when the participant answers "yes" to the same question at the end. Shares with Wilson\'s (1927) interval; the unit is the expectation (a participant may state several).',
    },
    "training_report.methods.quiz": {
        "fr": "Quiz avant et après (niveau 2) : le score d'un participant est sa part de questions justes (une question sans réponse compte fausse). Sur les participants qui ont passé les deux (paires) : variation moyenne avec l'intervalle et le test t apparié (Student 1908) ; variation médiane de Hodges et Lehmann (1963) avec le test des rangs signés de Wilcoxon (1945) ; taille d'effet d_z = variation moyenne / écart type des variations (Cohen 1988), intervalle par la loi t non centrale. Les participants sans paire ne comptent que dans la comparaison non appariée (après seulement contre avant seulement, test t de Welch 1947).",
        "en": "Quiz before and after (level 2): a participant's score is their share of questions right (an unanswered question counts as wrong). Among the participants who took both (pairs): mean change with the paired t interval and test (Student 1908); Hodges and Lehmann's (1963) median change with Wilcoxon's (1945) signed-rank test; effect size d_z = mean change / SD of the changes (Cohen 1988), noncentral t interval. Participants without a pair count in the unpaired comparison only (after only against before only, Welch's 1947 t-test).",
    },
    "training_report.methods.gain": {
        "fr": "Gain normalisé ⟨g⟩ = (⟨après⟩ − ⟨avant⟩) / (1 − ⟨avant⟩), sur les scores moyens des paires (Hake 1998, Am J Phys 66:64–74) : la part de ce qui restait à apprendre qui a été apprise. Intervalle bootstrap percentile (Efron et Tibshirani 1993), 2 000 tirages des participants avec remise. Le gain individuel moyen (moyenne des gains de chacun, sans les participants à 100 % avant) est donné pour comparaison.",
        "en": "Normalised gain ⟨g⟩ = (⟨after⟩ − ⟨before⟩) / (1 − ⟨before⟩), on the pairs' mean scores (Hake 1998, Am J Phys 66:64–74): the share of what was left to learn that was learnt. Percentile bootstrap interval (Efron and Tibshirani 1993), 2,000 resamples of the participants with replacement. The mean individual gain (mean of each one's gain, without the participants at 100% before) is given for comparison.",
    },
    "training_report.methods.items": {
        "fr": "Par question : parts de réponses justes avant et après sur les paires et test exact de McNemar (1947 ; test binomial des paires discordantes). Qualité des questions au quiz avant : difficulté = part de réponses justes (au-dessus de {easy}, la question est trop facile pour montrer un apprentissage) ; discrimination = corrélation point-bisériale de la question avec le score des autres questions (corrélation item-reste ; sous {low}, la question distingue mal ceux qui savent de ceux qui ne savent pas).",
        "en": "Per question: shares of right answers before and after among the pairs and McNemar's (1947) exact test (binomial test of the discordant pairs). Quality of the questions in the quiz before: difficulty = share of right answers (above {easy}, the question is too easy to show any learning); discrimination = point-biserial correlation of the question with the score on the other questions (item-rest correlation; under {low}, the question tells those who know from those who do not poorly).",
    },
    "training_report.methods.kr20": {
        "fr": "Fidélité du quiz : formule 20 de Kuder et Richardson (1937, KR-20), au quiz avant, avec l'intervalle de Feldt (1965). Une valeur basse (sous 0,7) dit que les questions ne mesurent pas une même connaissance : le score total se lit alors avec prudence.",
        "en": "Reliability of the quiz: Kuder and Richardson's (1937) formula 20 (KR-20), in the quiz before, with Feldt's (1965) interval. A low value (under 0.7) says that the questions do not measure one body of knowledge: the total score is then to be read with caution.",
    },
    "training_report.methods.practice": {
        "fr": "Niveau 3, à distance (3 à 6 mois) : part des participants qui déclarent au moins un changement de pratique (individuelle ou collective), intervalle de Wilson (1927) ; actions de leur plan d'action faites, en cours ou pas commencées, en part des actions, sans intervalle (les actions d'un même participant ne sont pas indépendantes).",
        "en": "Level 3, at a distance (3 to 6 months): share of participants who report at least one change of practice (individual or collective), Wilson's (1927) interval; actions of their action plans done, in progress or not started, as a share of the actions, without interval (the actions of one participant are not independent).",
    },
    "training_report.methods.privacy": {
        "fr": "Petits effectifs : une session de moins de {min_cell} participants n'est pas détaillée, ni rien de ce qui en est calculé ; comme le total de la formation est donné, les plus petites des autres sessions sont masquées aussi, jusqu'à ce que les sessions masquées soient au moins deux et comptent ensemble {min_cell} participants ou plus. La même règle vaut dans chaque tableau par session et pour les participants par rôle ; toute ligne de moins de {min_cell} personnes est masquée. Dans le tableau des questions, un nombre de personnes inférieur à {min_cell} est remplacé par « < {min_cell} ».",
        "en": 'Small groups: a session of fewer than {min_cell} participants is not detailed, nor anything computed from it; since the training\'s total is given, the smallest other sessions are hidden too, until the hidden sessions are two or more and count {min_cell} participants or more together. The same rule holds in every table by session and for the participants by role; any row of fewer than {min_cell} people is hidden. In the table of questions, a number of people under {min_cell} shows as "< {min_cell}".',
    },
    "training_report.methods.limits": {
        "fr": "Limites : ces résultats décrivent les participants qui ont répondu. Sans groupe témoin, la progression au quiz ne se distingue pas de l'effet de repasser les mêmes questions ; la satisfaction et les changements de pratique sont déclarés par les participants.",
        "en": "Limits: these results describe the participants who answered. Without a control group, the quiz's progress cannot be told from the effect of taking the same questions again; satisfaction and changes of practice are reported by the participants.",
    },
    # end of issue 15 — training report
    "index.results": {
        "fr": "Résultats détaillés pour les chercheurs (CSV, toutes les équipes, petits effectifs masqués) :",
        "en": "Detailed results for researchers (CSV, all teams, small cells suppressed):",
    },
    "index.results.none": {
        "fr": "Résultats détaillés non écrits : {error}",
        "en": "Detailed results not written: {error}",
    },
    "index.col.indicators": {"fr": "Indicateurs ↑ / ↓ / =", "en": "Indicators ↑ / ↓ / ="},
    "index.col.barometer_pro": {
        "fr": "Baromètre, professionnels",
        "en": "Barometer, staff",
    },
    "index.col.barometer_patients": {
        "fr": "Baromètre, côté patients",
        "en": "Barometer, patient side",
    },
    "index.col.prem": {
        "fr": "Expérience patient, score global",
        "en": "Patient experience, overall score",
    },
    "index.col.proms": {"fr": "PROM ↑ / ↓ / =", "en": "PROMs ↑ / ↓ / ="},
    "index.col.ghu": {"fr": "GHU", "en": "Hospital group"},
    "index.col.domain": {"fr": "Domaine", "en": "Domain"},
    "index.col.participation_level": {"fr": "Participation", "en": "Participation"},
    "index.sort": {"fr": "Trier par :", "en": "Sort by:"},
    "index.sort.team_id": {"fr": "équipe", "en": "team"},
    "index.sort.ghu": {"fr": "GHU", "en": "hospital group"},
    "index.sort.domain": {"fr": "domaine", "en": "domain"},
    "index.sort.participation_level": {
        "fr": "niveau de participation",
        "en": "participation level",
    },
    "index.hidden.barometer_pro": {
        "fr": "Baromètre, professionnels : moins de {min_cell} répondants dans chaque équipe ; résultats non affichés.",
        "en": "Barometer, staff: fewer than {min_cell} respondents in every team; results not shown.",
    },
    "index.hidden.barometer_patients": {
        "fr": "Baromètre, côté patients : moins de {min_cell} répondants dans chaque équipe ; résultats non affichés.",
        "en": "Barometer, patient side: fewer than {min_cell} respondents in every team; results not shown.",
    },
    "index.hidden.prem": {
        "fr": "Expérience patient : moins de {min_cell} questionnaires dans chaque équipe ; résultats non affichés.",
        "en": "Patient experience: fewer than {min_cell} questionnaires in every team; results not shown.",
    },
    "index.headline.note": {
        "fr": "Indicateurs et PROM : nombre améliorés (↑), dégradés (↓) ou sans conclusion (=), comparaison avant/après vérifiée par la série temporelle interrompue (comme dans chaque rapport). Baromètre : évolution du score global (0 à 4) entre la première et la dernière vague. Expérience patient : évolution du score global (0 à 100 points) après ajustement sur le case-mix, avec son intervalle de confiance à 95 %. Vert : amélioration ; rouge : dégradation ; gris : non concluant ; « – » : non calculé, ou groupe de moins de {min_cell} personnes non montré ; ⚠ : moins de {threshold} questionnaires sur une période.",
        "en": "Indicators and PROMs: number improved (↑), worsened (↓) or inconclusive (=), before/after checked against the interrupted time series (as in each report). Barometer: change of the global score (0 to 4) between the first and last waves. Patient experience: change of the overall score (0 to 100 points) adjusted for case mix, with its 95% confidence interval. Green: improved; red: worsened; grey: inconclusive; '–': not computed, or a group of fewer than {min_cell} people not shown; ⚠: fewer than {threshold} questionnaires in a period.",
    },
    "index.failed.programme": {"fr": "rapport du programme", "en": "programme report"},
    "report.indicators.suppressed": {
        "fr": "« < {min_cell} » : indicateur calculé sur moins de {min_cell} patients, séjours ou événements dans l'une des périodes ; ni sa valeur ni son évolution ne sont montrées (ni l'écart aux unités témoins, calculé sur les mêmes mois).",
        "en": "'< {min_cell}': indicator computed from fewer than {min_cell} patients, stays or events in one of the periods; neither its value nor its change is shown (nor the difference from control units, computed over the same months).",
    },
    "reason.missing_value": {
        "fr": "valeur manquante (effectif, exposition ou résumé)",
        "en": "missing value (count, exposure or summary)",
    },
    "reason.pairs_dropped": {
        "fr": "valeurs manquantes écartées",
        "en": "missing values left out",
    },
    "reason.rows_dropped": {
        "fr": "estimations incomplètes écartées",
        "en": "incomplete estimates left out",
    },
    "reason.values_dropped": {
        "fr": "valeurs manquantes écartées",
        "en": "missing values left out",
    },
    "reason.too_few_values": {
        "fr": "moins de 2 valeurs dans l'une des périodes",
        "en": "fewer than 2 values in one of the periods",
    },
    "reason.too_few_pairs": {
        "fr": "moins de 2 répondants présents aux deux temps",
        "en": "fewer than 2 respondents present at both times",
    },
    "reason.too_few_one_wave": {
        "fr": "moins de 2 répondants présents à une seule vague",
        "en": "fewer than 2 respondents present at one wave only",
    },
    "reason.too_few_side": {
        "fr": "moins de 2 répondants d'un côté (professionnels ou patients)",
        "en": "fewer than 2 respondents on one side (professionals or patients)",
    },
    "reason.too_few_self_ratings": {
        "fr": "moins de 2 auto-évaluations",
        "en": "fewer than 2 self-ratings",
    },
    "reason.no_observations": {
        "fr": "aucune observation dans l'une des périodes",
        "en": "no observation in one of the periods",
    },
    "reason.no_exposure": {
        "fr": "aucune exposition dans l'une des périodes",
        "en": "no exposure in one of the periods",
    },
    "reason.pre_at_maximum": {
        "fr": "score moyen avant déjà au maximum : gain normalisé non défini",
        "en": "mean score before already at the maximum: normalised gain undefined",
    },
    "reason.no_discordant_pairs": {
        "fr": "aucun participant n'a changé de réponse : test de McNemar sans objet (p = 1)",
        "en": "no participant changed answer: McNemar test moot (p = 1)",
    },
    "reason.no_variation": {
        "fr": "aucune variation : pas d'intervalle ni de test",
        "en": "no variation: no interval or test",
    },
    "reason.not_standardisable": {
        "fr": "aucune variation : la différence ne peut pas être standardisée",
        "en": "no variation: the difference cannot be standardised",
    },
    "reason.changes_equal": {
        "fr": "toutes les variations sont égales : pas d'intervalle ni de test",
        "en": "all changes are equal: no interval or test",
    },
    "reason.changes_zero": {
        "fr": "toutes les variations sont nulles : pas de test des rangs signés",
        "en": "all changes are zero: no signed-rank test",
    },
    "reason.widest_interval": {
        "fr": "peu de paires : l'intervalle le plus large possible ne couvre que {coverage}\u202f%",
        "en": "few pairs: the widest possible interval covers only {coverage}%",
    },
    "reason.welch_instead": {
        "fr": "les deux groupes ne se chevauchent pas : différence de moyennes (Welch) à la place",
        "en": "the two groups do not overlap: difference of means (Welch) instead",
    },
    "reason.wald_se_zero": {
        "fr": "proportions de 0 ou 1 : pas d'intervalle de Wald (utiliser Newcombe)",
        "en": "proportions of 0 or 1: no Wald interval (use Newcombe)",
    },
    "reason.same_proportion": {
        "fr": "même proportion de 0 ou 1 dans les deux périodes : pas de test",
        "en": "the same proportion of 0 or 1 in both periods: no test",
    },
    "reason.no_events_either": {
        "fr": "aucun événement dans les deux périodes : rapport non défini",
        "en": "no events in either period: ratio undefined",
    },
    "reason.no_events_before": {
        "fr": "aucun événement avant : rapport infini, pas d'intervalle",
        "en": "no events before: infinite ratio, no interval",
    },
    "reason.no_events_after": {
        "fr": "aucun événement après : rapport nul, pas d'intervalle",
        "en": "no events after: ratio of 0, no interval",
    },
    "reason.all_events": {
        "fr": "tous les cas sont des événements dans les deux périodes : pas d'intervalle",
        "en": "every case is an event in both periods: no interval",
    },
    "reason.zero_cell_corrected": {
        "fr": "aucun événement dans une période : correction ajoutée à chaque case",
        "en": "no events in a period: a correction added to each cell",
    },
    "reason.alpha_few_items": {
        "fr": "moins de 2 critères : alpha ne peut pas être calculé",
        "en": "fewer than 2 items: alpha cannot be computed",
    },
    "reason.alpha_few_respondents": {
        "fr": "moins de 2 répondants ayant répondu à tous les critères",
        "en": "fewer than 2 respondents who answered every item",
    },
    "reason.alpha_no_variance": {
        "fr": "score total sans variance : alpha non défini",
        "en": "no variance in the total score: alpha undefined",
    },
    "reason.no_intervention_time": {
        "fr": "pas de date de début pour la série",
        "en": "no start date for the series",
    },
    "reason.too_few_points": {
        "fr": "trop peu de points dans la série temporelle (au moins {min_points} de chaque côté)",
        "en": "too few time points in the series (at least {min_points} on each side)",
    },
    "reason.too_few_points_for_terms": {
        "fr": "trop peu de points dans la série temporelle pour le modèle",
        "en": "too few time points in the series for the model",
    },
    "reason.negative_counts": {
        "fr": "comptes négatifs dans la série",
        "en": "negative counts in the series",
    },
    "reason.no_events_series": {
        "fr": "aucun événement dans la série",
        "en": "no events in the series",
    },
    "reason.no_events_side": {
        "fr": "aucun événement dans l'une des périodes : rapport non défini",
        "en": "no events in one of the periods: ratio undefined",
    },
    "reason.constant_series": {
        "fr": "série constante : rien à modéliser",
        "en": "constant series: nothing to model",
    },
    "reason.bad_intervention_column": {
        "fr": "la colonne d'intervention n'est pas 0 avant et 1 après",
        "en": "the intervention column is not 0 before and 1 after",
    },
    "reason.near_unit_root": {
        "fr": "série trop persistante (en paliers) pour le modèle : son niveau n'est pas estimable",
        "en": "series too persistent (step-like) for the model: its level cannot be estimated",
    },
    "reason.fit_failed": {
        "fr": "le modèle n'a pas pu être ajusté",
        "en": "the model could not be fitted",
    },
    "reason.not_converged": {
        "fr": "le modèle n'a pas convergé",
        "en": "the model did not converge",
    },
    "reason.perfect_fit": {
        "fr": "ajustement parfait : aucune incertitude à estimer",
        "en": "perfect fit: no uncertainty to estimate",
    },
    "reason.empty_cell": {
        "fr": "aucune observation dans l'un des groupes × périodes",
        "en": "no observation in one of the group × period cells",
    },
    "reason.constant_outcome": {
        "fr": "valeur constante : pas d'erreur type",
        "en": "constant outcome: no standard error",
    },
    "reason.too_few_clusters": {
        "fr": "moins de 2 unités : pas d'erreur type",
        "en": "fewer than 2 units: no standard error",
    },
    "reason.no_treatment_variation": {
        "fr": "aucune observation traitée ou aucune non traitée",
        "en": "no treated or no untreated observation",
    },
    "reason.treatment_collinear": {
        "fr": "toutes les unités commencent en même temps : effet non séparable",
        "en": "every unit starts at the same time: effect not separable",
    },
    "reason.too_few_periods": {
        "fr": "moins de 2 périodes",
        "en": "fewer than 2 periods",
    },
    "reason.no_treated_cohort": {
        "fr": "aucune cohorte traitée avec une période à comparer",
        "en": "no treated cohort with a period to compare",
    },
    "reason.no_pre_period": {
        "fr": "pas de période avant le début pour cette cohorte",
        "en": "no period before the start for this cohort",
    },
    "reason.no_never_treated": {
        "fr": "aucune unité jamais traitée pour la comparaison",
        "en": "no never-treated unit to compare with",
    },
    "reason.no_cohort_unit": {
        "fr": "aucune unité de la cohorte observée aux deux périodes",
        "en": "no unit of the cohort observed in both periods",
    },
    "reason.no_comparison_unit": {
        "fr": "aucune unité témoin observée aux deux périodes",
        "en": "no comparison unit observed in both periods",
    },
    "reason.reference_period": {
        "fr": "période de référence : 0 par construction",
        "en": "reference period: 0 by construction",
    },
    "reason.no_post_cell": {
        "fr": "aucune période après le début",
        "en": "no period after the start",
    },
    "reason.few_controls": {
        "fr": "moins de {min_controls} unités témoins avec des données dans les deux périodes",
        "en": "fewer than {min_controls} comparison units with data in both periods",
    },
    "reason.controls_flat": {
        "fr": "aucune variation entre les unités témoins",
        "en": "no variation among comparison units",
    },
    "reason.no_study": {
        "fr": "aucune équipe à regrouper",
        "en": "no team to pool",
    },
    "reason.single_study": {
        "fr": "une seule équipe : hétérogénéité non estimable",
        "en": "a single team: heterogeneity not estimable",
    },
    "reason.study_excluded": {
        "fr": "équipe hors de l'analyse (estimation ou erreur type manquante)",
        "en": "team left out of the analysis (missing estimate or standard error)",
    },
    "reason.too_few_subgroups": {
        "fr": "moins de 2 sous-groupes",
        "en": "fewer than 2 subgroups",
    },
    "reason.too_few_studies": {
        "fr": "trop peu d'équipes pour le modèle",
        "en": "too few teams for the model",
    },
    "reason.collinear_moderators": {
        "fr": "modérateurs colinéaires",
        "en": "collinear moderators",
    },
    "reason.small_sample": {
        "fr": "petit effectif : moins de {threshold} questionnaires dans une période (seuil de publication)",
        "en": "small sample: fewer than {threshold} questionnaires in a period (publication threshold)",
    },
    "reason.no_prem_data": {
        "fr": "pas de questionnaire d'expérience patient pour cette équipe",
        "en": "no patient-experience questionnaire for this team",
    },
    "reason.no_questionnaire": {
        "fr": "aucun questionnaire dans l'une des périodes",
        "en": "no questionnaire in one of the periods",
    },
    "reason.no_informative_answer": {
        "fr": "aucune réponse exploitable (vide, « ne sait pas » ou « non concerné »)",
        "en": "no informative answer (empty, 'don't know' or 'not concerned')",
    },
    "reason.too_few_for_covariates": {
        "fr": "trop peu de réponses pour ajuster sur les caractéristiques des patients",
        "en": "too few answers to adjust for patient characteristics",
    },
    "reason.period_not_estimable": {
        "fr": "évolution non séparable des caractéristiques des patients",
        "en": "change not separable from patient characteristics",
    },
    "reason.no_score_in_period": {
        "fr": "aucun score dans l'une des périodes",
        "en": "no score in one of the periods",
    },
    "reason.not_published": {
        "fr": "score non publié (sous le seuil de publication ou sans participation)",
        "en": "score not published (under the publication threshold or no participation)",
    },
    "reason.no_prom_data": {
        "fr": "pas de données PROM pour cette équipe",
        "en": "no PROM data for this team",
    },
    "reason.no_measurement": {
        "fr": "aucune mesure dans l'une des périodes",
        "en": "no measurement in one of the periods",
    },
    "reason.no_prom_pairs": {
        "fr": "aucun patient mesuré aux deux périodes",
        "en": "no patient measured in both periods",
    },
    "reason.small_sample_pairs": {
        "fr": "petit effectif : moins de {threshold} patients mesurés avant et après",
        "en": "small sample: fewer than {threshold} patients measured before and after",
    },
    "reason.no_wave_before": {
        "fr": "pas de vague {wave_before} pour l'équipe : rien à comparer",
        "en": "the team has no {wave_before} wave: nothing to compare",
    },
    "reason.no_wave_after": {
        "fr": "pas de vague {wave_after} pour l'équipe : rien à comparer",
        "en": "the team has no {wave_after} wave: nothing to compare",
    },
    "reason.no_group_estimate": {
        "fr": "pas d'estimation pour l'un des groupes de répondants",
        "en": "no estimate for one of the respondent groups",
    },
    "reason.no_self_assessment": {
        "fr": "pas d'auto-évaluation à la vague {wave_before}",
        "en": "no self-assessment at wave {wave_before}",
    },
    "reason.no_gap": {
        "fr": "écart non estimé à l'une des vagues ({wave})",
        "en": "no gap estimated at one of the waves ({wave})",
    },
    "reason.no_joint_assessment": {
        "fr": "pas d'évaluation conjointe à cette vague",
        "en": "no joint assessment at this wave",
    },
    "reason.too_few_teams_or_waves": {
        "fr": "il faut les deux vagues, les deux groupes de répondants et au moins 2 équipes",
        "en": "needs both waves, both respondent groups and at least 2 teams",
    },
    "reason.model_failed": {
        "fr": "le modèle complet a échoué : un modèle plus simple a été essayé",
        "en": "the full model failed: a simpler one was tried",
    },
    "reason.simpler_model": {
        "fr": "modèle simplifié ajusté",
        "en": "simpler model fitted",
    },
    "reason.fit_warning": {
        "fr": "avertissement à l'ajustement du modèle",
        "en": "the model fit gave a warning",
    },
    "reason.fit_on_boundary": {
        "fr": "ajustement à la frontière (variance ou corrélation des effets aléatoires à sa limite)",
        "en": "fit on the boundary (a random-effect variance or correlation at its limit)",
    },
    "report.programme.title": {"fr": "Rapport du programme", "en": "Programme report"},
    "report.programme.intro": {
        "fr": "Synthèse des {teams} équipes du programme, réparties dans {ghu} groupes hospitaliers : ce que le programme a changé dans son ensemble, combien les équipes diffèrent et ce qui explique ces différences.",
        "en": "Synthesis of the programme's {teams} teams in {ghu} hospital groups: what the programme changed as a whole, how much teams differ and what explains the differences.",
    },
    "report.programme.toc": {"fr": "Sommaire", "en": "Contents"},
    "report.programme.summary.title": {"fr": "En bref", "en": "In brief"},
    "report.programme.summary.none": {
        "fr": "Aucun effet n'a pu être estimé : les données ne contiennent aucun résultat par équipe.",
        "en": "No effect could be estimated: the data hold no team-level result.",
    },
    "report.programme.summary.improved": {
        "fr": "Ce qui s'est amélioré à l'échelle du programme ({n} résultats sur {k} : l'intervalle de confiance de l'effet global est entièrement du côté favorable) :",
        "en": "What improved across the programme ({n} of {k} outcomes: the confidence interval of the pooled effect lies wholly on the favourable side):",
    },
    "report.programme.summary.improved.none": {
        "fr": "Aucun résultat ne s'est amélioré de façon démontrée à l'échelle du programme.",
        "en": "No outcome improved demonstrably across the programme.",
    },
    "report.programme.summary.worsened": {
        "fr": "Ce qui s'est dégradé ({n} résultats sur {k}) :",
        "en": "What worsened ({n} of {k} outcomes):",
    },
    "report.programme.summary.worsened.none": {
        "fr": "Aucun résultat ne s'est dégradé de façon démontrée à l'échelle du programme.",
        "en": "No outcome worsened demonstrably across the programme.",
    },
    "report.programme.summary.inconclusive": {
        "fr": "Ce qu'on ne peut pas conclure : {names}. L'intervalle de confiance de l'effet global contient l'absence d'effet : les données sont compatibles avec une amélioration comme avec l'absence de changement (trop peu d'équipes, mesures trop imprécises ou équipes trop différentes).",
        "en": "What cannot be concluded: {names}. The confidence interval of the pooled effect includes no effect: the data are compatible with an improvement as well as with no change (too few teams, imprecise measures or teams too different).",
    },
    "report.programme.summary.few": {
        "fr": "Trop peu d'équipes (moins de 3) pour un effet global fiable : {names}.",
        "en": "Too few teams (fewer than 3) for a reliable pooled effect: {names}.",
    },
    "report.programme.summary.varies": {
        "fr": "Pour {n} des résultats concluants, les équipes diffèrent tant que l'intervalle de prédiction franchit l'absence d'effet : une nouvelle équipe pourrait ne pas en bénéficier.",
        "en": "For {n} of the conclusive outcomes, teams differ so much that the prediction interval crosses no effect: a new team might not benefit.",
    },
    "report.programme.summary.participation": {
        "fr": "L'effet est plus favorable aux niveaux de participation élevés pour {n} résultats sur {k} (méta-régression sur le niveau de participation, intervalle entièrement du côté favorable).",
        "en": "The effect is more favourable at higher participation levels for {n} of {k} outcomes (meta-regression on the participation level, interval wholly on the favourable side).",
    },
    "report.programme.summary.caveat": {
        "fr": "Ces effets comparent chaque équipe à elle-même avant et après le début du partenariat (en tenant compte de la tendance de fond pour les indicateurs) ; sans tirage au sort, d'autres changements survenus au même moment peuvent y contribuer. La comparaison avec les unités témoins (différence de différences) aide à en juger.",
        "en": "These effects compare each team with itself before and after the partnership started (allowing for the underlying trend for indicators); without randomisation, other changes at the same time may contribute. The comparison with control units (difference-in-differences) helps to judge.",
    },
    "report.programme.summary.teams-improved": {
        "fr": "{n} équipes sur {k} améliorées",
        "en": "{n} of {k} teams improved",
    },
    "report.programme.reaim.title": {
        "fr": "Le programme selon RE-AIM",
        "en": "The programme in the RE-AIM frame",
    },
    "report.programme.reaim.note": {
        "fr": "Cadre RE-AIM (Glasgow, Vogt & Boles 1999) : portée, adoption, mise en œuvre, efficacité, maintien. Un effectif de moins de {min_cell} personnes n'est pas montré (« < {min_cell} ») ; les nombres d'équipes, d'hôpitaux ou de groupes hospitaliers ne sont pas des personnes et sont toujours montrés.",
        "en": "RE-AIM frame (Glasgow, Vogt & Boles 1999): reach, adoption, implementation, effectiveness, maintenance. A count of fewer than {min_cell} people is not shown ('< {min_cell}'); numbers of teams, hospitals or hospital groups are not people and are always shown.",
    },
    "report.programme.reaim.col.dimension": {"fr": "Dimension", "en": "Dimension"},
    "report.programme.reaim.col.measure": {"fr": "Mesure", "en": "Measure"},
    "report.programme.reaim.col.value": {"fr": "Valeur", "en": "Value"},
    "report.programme.reaim.col.detail": {"fr": "Détail", "en": "Detail"},
    "report.programme.reaim.reach": {"fr": "Portée", "en": "Reach"},
    "report.programme.reaim.adoption": {"fr": "Adoption", "en": "Adoption"},
    "report.programme.reaim.implementation": {"fr": "Mise en œuvre", "en": "Implementation"},
    "report.programme.reaim.effectiveness": {"fr": "Efficacité", "en": "Effectiveness"},
    "report.programme.reaim.maintenance": {"fr": "Maintien", "en": "Maintenance"},
    "report.programme.reaim.patient_partners": {
        "fr": "Patients partenaires engagés",
        "en": "Patient partners engaged",
    },
    "report.programme.reaim.participation_rate": {
        "fr": "Taux de participation des patients partenaires aux réunions, après le début",
        "en": "Patient partners' attendance at project meetings, after the start",
    },
    "report.programme.reaim.barometer_respondents": {
        "fr": "Répondants au baromètre (auto-évaluations)",
        "en": "Barometer respondents (self-assessments)",
    },
    "report.programme.reaim.prem_questionnaires": {
        "fr": "Questionnaires d'expérience patient (PREM)",
        "en": "Patient-experience questionnaires (PREM)",
    },
    "report.programme.reaim.prom_patients": {
        "fr": "Patients suivis par un PROM",
        "en": "Patients followed with a PROM",
    },
    "report.programme.reaim.teams": {"fr": "Équipes du programme", "en": "Programme teams"},
    "report.programme.reaim.hospitals": {"fr": "Hôpitaux", "en": "Hospitals"},
    "report.programme.reaim.ghu": {
        "fr": "Groupes hospitaliers (GHU) couverts",
        "en": "Hospital groups (GHU) covered",
    },
    "report.programme.reaim.ghu_share": {
        "fr": "Part des groupes hospitaliers couverts",
        "en": "Share of hospital groups covered",
    },
    "report.programme.reaim.domains": {"fr": "Domaines", "en": "Domains"},
    "report.programme.reaim.modes": {"fr": "Modes d'intervention", "en": "Intervention modes"},
    "report.programme.reaim.codecision": {
        "fr": "Score de co-décision du baromètre à la dernière vague (0–4)",
        "en": "Barometer co-decision score at the last wave (0–4)",
    },
    "report.programme.reaim.barometer_later": {
        "fr": "Évolution du score global du baromètre après T1",
        "en": "Change of the global barometer score after T1",
    },
    "report.programme.reaim.family": {"fr": "Résultats regroupés", "en": "Pooled outcomes"},
    "report.programme.reaim.partners.detail": {
        "fr": "{teams} équipes sur {n_teams} ont au moins un patient partenaire ; {mean} en moyenne par équipe (médiane {median})",
        "en": "{teams} of {n_teams} teams have at least one patient partner; {mean} per team on average (median {median})",
    },
    "report.programme.reaim.participation.detail": {
        "fr": "médiane par équipe {median} % (quartiles {q1} à {q3} %, {teams} équipes)",
        "en": "median per team {median}% (quartiles {q1} to {q3}%, {teams} teams)",
    },
    "report.programme.reaim.barometer.detail": {
        "fr": "professionnels : {professionals} ; côté patients : {patients}",
        "en": "professionals: {professionals}; patient side: {patients}",
    },
    "report.programme.reaim.prom.detail": {"fr": "dans {teams} équipes", "en": "in {teams} teams"},
    "report.programme.reaim.teams.detail": {
        "fr": "et {comparison} unités de comparaison hors programme",
        "en": "and {comparison} comparison units outside the programme",
    },
    "report.programme.reaim.ghu.detail": {
        "fr": "sur {known} groupes présents dans les données ({share} %)",
        "en": "of {known} groups in the data ({share}%)",
    },
    "report.programme.reaim.level": {
        "fr": "Équipes au niveau « {level} »",
        "en": "Teams at level '{level}'",
    },
    "report.programme.reaim.level.detail": {
        "fr": "{share} % des équipes",
        "en": "{share}% of teams",
    },
    "report.programme.reaim.codecision.detail": {
        "fr": "{n} répondants ; professionnels {professionals} (n = {n_pro}), côté patients {patients} (n = {n_pat})",
        "en": "{n} respondents; professionals {professionals} (n = {n_pro}), patient side {patients} (n = {n_pat})",
    },
    "report.programme.reaim.improved": {
        "fr": "résultats améliorés sur {k}",
        "en": "outcomes improved out of {k}",
    },
    "report.programme.reaim.maintenance.detail": {
        "fr": "{before} → {after} : IC à 95 % {low} à {high} ; {k} équipes ; {n_before} puis {n_after} répondants",
        "en": "{before} → {after}: 95% CI {low} to {high}; {k} teams; {n_before} then {n_after} respondents",
    },
    "report.programme.reaim.maintenance.none": {
        "fr": "Maintien non mesuré : aucune équipe n'a de vague {wave} du baromètre.",
        "en": "Maintenance not measured: no team has a barometer wave {wave}.",
    },
    "report.programme.not-measured": {"fr": "non mesuré", "en": "not measured"},
    "report.programme.family.indicator": {"fr": "Indicateurs de soins", "en": "Care indicators"},
    "report.programme.family.barometer": {
        "fr": "Baromètre du partenariat",
        "en": "Partnership barometer",
    },
    "report.programme.family.prem": {
        "fr": "Expérience patient (PREM)",
        "en": "Patient experience (PREM)",
    },
    "report.programme.family.prom": {
        "fr": "Résultats rapportés par les patients (PROM)",
        "en": "Patient-reported outcomes (PROM)",
    },
    "report.programme.note.no-family": {
        "fr": "{family} : pas de données, résultats absents.",
        "en": "{family}: no data, no results.",
    },
    "report.programme.note.barometer-groups": {
        "fr": "Baromètre : pour {k} couple(s) équipe × groupe de répondants de moins de {min_cell} répondants à une vague, la variation de l'équipe est celle des groupes affichés seulement (souvent les professionnels), afin qu'aucun groupe masqué ne puisse être recalculé.",
        "en": "Barometer: for {k} team × respondent group pair(s) under {min_cell} respondents at a wave, the team's change is that of the groups shown only (often the professionals), so that no hidden group can be worked back.",
    },
    "report.programme.note.no-comparison": {
        "fr": "Pas d'unité de comparaison : la différence de différences n'est pas calculée.",
        "en": "No comparison unit: difference-in-differences not computed.",
    },
    "report.programme.note.no-indicators": {
        "fr": "Pas de valeurs d'indicateurs : la différence de différences n'est pas calculée.",
        "en": "No indicator values: difference-in-differences not computed.",
    },
    "report.programme.notes.title": {
        "fr": "Ce qui n'a pas pu être calculé",
        "en": "What could not be computed",
    },
    "report.programme.notes.none": {
        "fr": "Toutes les analyses prévues ont pu être calculées.",
        "en": "Every planned analysis could be computed.",
    },
    "report.programme.effectiveness.title": {
        "fr": "Efficacité : effet global par résultat",
        "en": "Effectiveness: pooled effect per outcome",
    },
    "report.programme.effectiveness.intro": {
        "fr": "Pour chaque résultat, les effets des équipes sont regroupés par une méta-analyse à effets aléatoires : l'effet global est l'effet moyen des équipes ; l'intervalle de prédiction est la plage où l'on attend l'effet d'une nouvelle équipe ; I² est la part de la variabilité entre équipes qui ne vient pas du hasard de l'échantillonnage.",
        "en": "For each outcome, the teams' effects are pooled by a random-effects meta-analysis: the pooled effect is the teams' mean effect; the prediction interval is where a new team's effect is expected; I² is the share of the variability between teams not due to sampling error.",
    },
    "report.programme.chart.title": {
        "fr": "Part des équipes améliorées, sans conclusion et dégradées, par résultat (à droite : conclusion de l'effet global)",
        "en": "Share of teams improved, inconclusive and worsened, per outcome (right: verdict of the pooled effect)",
    },
    "report.programme.chart.xlabel": {"fr": "Part des équipes (%)", "en": "Share of teams (%)"},
    "report.programme.col.outcome": {"fr": "Résultat", "en": "Outcome"},
    "report.programme.col.unit": {"fr": "Mesure", "en": "Measure"},
    "report.programme.col.k": {"fr": "Équipes", "en": "Teams"},
    "report.programme.col.effect": {"fr": "Effet global", "en": "Pooled effect"},
    "report.programme.col.ci": {"fr": "IC à 95 %", "en": "95% CI"},
    "report.programme.col.pi": {
        "fr": "Intervalle de prédiction à 95 %",
        "en": "95% prediction interval",
    },
    "report.programme.col.i2": {"fr": "I² (%)", "en": "I² (%)"},
    "report.programme.col.tau2": {"fr": "τ²", "en": "τ²"},
    "report.programme.col.q_p": {"fr": "p (Q)", "en": "p (Q)"},
    "report.programme.col.improved": {"fr": "Équipes améliorées", "en": "Teams improved"},
    "report.programme.col.verdict": {"fr": "Conclusion", "en": "Verdict"},
    "report.programme.col.q_between": {
        "fr": "p (entre sous-groupes)",
        "en": "p (between subgroups)",
    },
    "report.programme.col.q_moderator": {"fr": "p (modérateur)", "en": "p (moderator)"},
    "report.programme.share": {"fr": "{n}/{k} ({share} %)", "en": "{n}/{k} ({share}%)"},
    "report.programme.pooled.note": {
        "fr": "Effet global : rapport (×) pour les taux, différence après − avant sinon ; pour les indicateurs, saut de niveau de la série mensuelle au début du partenariat. Une équipe « améliorée » a son propre intervalle de confiance entièrement du côté favorable.",
        "en": "Pooled effect: ratio (×) for rates, after − before difference otherwise; for indicators, the level change of the monthly series at the partnership's start. A team 'improved' when its own confidence interval lies wholly on the favourable side.",
    },
    "report.programme.unit.ratio": {"fr": "rapport de taux", "en": "rate ratio"},
    "report.programme.unit.points": {"fr": "points de pourcentage", "en": "percentage points"},
    "report.programme.unit.scale": {"fr": "points ({low}–{high})", "en": "points ({low}–{high})"},
    "report.programme.unit.barometer": {"fr": "points (0–4)", "en": "points (0–4)"},
    "report.programme.unit.prem": {"fr": "points (0–100)", "en": "points (0–100)"},
    "report.programme.forest.alt": {
        "fr": "Graphique en forêt : {outcome}",
        "en": "Forest plot: {outcome}",
    },
    "report.programme.forest.summary": {
        "fr": "Effet par équipe : {outcome}",
        "en": "Effect per team: {outcome}",
    },
    "report.programme.forest.hidden": {
        "fr": "{n} équipes laissées de côté (un effectif de moins de {min_cell} personnes) : ni montrées, ni comprises dans l'effet global, les sous-groupes ou la méta-régression.",
        "en": "{n} teams left out (a count under {min_cell} people): neither shown nor included in the pooled effect, the subgroups or the meta-regression.",
    },
    "report.programme.funnel.alt": {
        "fr": "Effet selon sa précision (graphique en entonnoir) : {outcome}",
        "en": "Effect against its precision (funnel plot): {outcome}",
    },
    "report.programme.subgroups.title": {
        "fr": "Différences entre sous-groupes d'équipes",
        "en": "Differences between subgroups of teams",
    },
    "report.programme.subgroups.intro": {
        "fr": "Effet global par niveau de participation, groupe hospitalier et domaine, avec deux tests de différence entre sous-groupes. Les sous-groupes ne sont pas tirés au sort : une différence peut venir de tout ce qui distingue ces équipes. Avec de nombreux résultats et sous-groupes, quelques p < 0,05 sont attendus par hasard.",
        "en": "Pooled effect by participation level, hospital group and domain, with two tests of subgroup differences. Subgroups are not randomised: a difference may come from anything that sets these teams apart. With many outcomes and subgroups, a few p < 0.05 are expected by chance.",
    },
    "report.programme.subgroups.participation_level": {
        "fr": "Par niveau de participation",
        "en": "By participation level",
    },
    "report.programme.subgroups.ghu": {"fr": "Par groupe hospitalier", "en": "By hospital group"},
    "report.programme.subgroups.domain": {"fr": "Par domaine", "en": "By domain"},
    "report.programme.subgroups.note": {
        "fr": "Effet global de chaque sous-groupe (k = nombre d'équipes) ; p : test Q entre sous-groupes (τ² propre à chacun) et test du modérateur (τ² commun, modèle mixte).",
        "en": "Pooled effect of each subgroup (k = number of teams); p: Q test between subgroups (separate τ²) and moderator test (common τ², mixed-effects model).",
    },
    "report.programme.moderators.title": {
        "fr": "Le niveau de participation explique-t-il les différences ?",
        "en": "Does the participation level explain the differences?",
    },
    "report.programme.moderators.intro": {
        "fr": "Méta-régression de l'effet de chaque équipe sur son niveau de participation, codé de 0 (information) à 3 (co-décision) : la pente est la variation de l'effet par niveau (pour les taux, le facteur × par niveau).",
        "en": "Meta-regression of each team's effect on its participation level, coded 0 (information) to 3 (co-decision): the slope is the change of the effect per level (for rates, the factor × per level).",
    },
    "report.programme.moderators.col.outcome": {"fr": "Résultat", "en": "Outcome"},
    "report.programme.moderators.col.slope": {"fr": "Pente par niveau", "en": "Slope per level"},
    "report.programme.moderators.col.ci": {"fr": "IC à 95 %", "en": "95% CI"},
    "report.programme.moderators.col.p": {"fr": "p", "en": "p"},
    "report.programme.moderators.col.r2": {"fr": "R² (%)", "en": "R² (%)"},
    "report.programme.moderators.col.k": {"fr": "Équipes", "en": "Teams"},
    "report.programme.moderators.col.verdict": {"fr": "Lecture", "en": "Reading"},
    "report.programme.moderators.favourable": {
        "fr": "effet plus favorable aux niveaux élevés",
        "en": "more favourable effect at higher levels",
    },
    "report.programme.moderators.unfavourable": {
        "fr": "effet moins favorable aux niveaux élevés",
        "en": "less favourable effect at higher levels",
    },
    "report.programme.moderators.inconclusive": {
        "fr": "pas de lien démontré",
        "en": "no demonstrated link",
    },
    "report.programme.moderators.note": {
        "fr": "R² : part de l'hétérogénéité entre équipes expliquée par le niveau de participation. Le niveau n'est pas attribué au hasard : les équipes qui atteignent la co-décision peuvent différer d'autres façons.",
        "en": "R²: share of the heterogeneity between teams explained by the participation level. The level is not assigned at random: teams reaching co-decision may differ in other ways.",
    },
    "report.programme.did.title": {
        "fr": "Comparaison avec les unités témoins (différence de différences)",
        "en": "Comparison with control units (difference-in-differences)",
    },
    "report.programme.did.intro": {
        "fr": "Pour chaque indicateur, l'effet moyen du partenariat sur les équipes (ATT), estimé en comparant leur évolution à celle des unités témoins : estimateur de Callaway et Sant'Anna (2021), adapté aux débuts échelonnés et aux effets qui varient, à côté de la régression à deux effets fixes (TWFE), qui peut alors être biaisée (Goodman-Bacon 2021).",
        "en": "For each indicator, the partnership's average effect on the teams (ATT), estimated by comparing their change with the control units': the Callaway and Sant'Anna (2021) estimator, suited to staggered starts and varying effects, beside the two-way fixed-effects regression (TWFE), which can then be biased (Goodman-Bacon 2021).",
    },
    "report.programme.did.col.cs": {
        "fr": "Callaway-Sant'Anna (ATT)",
        "en": "Callaway-Sant'Anna (ATT)",
    },
    "report.programme.did.col.twfe": {"fr": "Effets fixes (TWFE)", "en": "Fixed effects (TWFE)"},
    "report.programme.did.note": {
        "fr": "Différences dans l'unité de l'indicateur (taux pour le multiplicateur du catalogue, points de pourcentage pour les proportions). Un écart important entre les deux estimateurs signale des effets qui varient dans le temps ou entre équipes.",
        "en": "Differences in the indicator's unit (rate per the catalogue's multiplier, percentage points for proportions). A large gap between the two estimators signals effects that vary over time or between teams.",
    },
    "report.programme.did.chart": {
        "fr": "Étude d'événement : {outcome}",
        "en": "Event study: {outcome}",
    },
    "report.programme.methods.title": {"fr": "Méthodes et limites", "en": "Methods and limits"},
    "report.programme.methods.pooling": {
        "fr": "Regroupement : méta-analyse à effets aléatoires de l'effet de chaque équipe ; variance entre équipes τ² estimée par maximum de vraisemblance restreint (REML), intervalle de confiance de Hartung-Knapp-Sidik-Jonkman (loi t à k − 1 degrés de liberté), intervalle de prédiction μ̂ ± t·√(SE² + τ²), hétérogénéité I², H² et Q définies comme dans le logiciel R metafor (Viechtbauer 2010). Les rapports de taux sont regroupés sur l'échelle logarithmique.",
        "en": "Pooling: random-effects meta-analysis of each team's effect; between-team variance τ² by restricted maximum likelihood (REML), Hartung-Knapp-Sidik-Jonkman confidence interval (t on k − 1 degrees of freedom), prediction interval μ̂ ± t·√(SE² + τ²), heterogeneity I², H² and Q as defined by R's metafor (Viechtbauer 2010). Rate ratios are pooled on the log scale.",
    },
    "report.programme.methods.indicators": {
        "fr": "Indicateurs : l'effet d'une équipe est le saut de niveau de sa série mensuelle au début du partenariat (série temporelle interrompue : régression segmentée avec saisonnalité, quasi-Poisson pour les taux, erreurs AR(1) sinon), qui sépare le changement au début de la tendance de fond ; la simple comparaison des 12 mois avant et après attribuerait cette tendance à l'équipe. Les indicateurs de comptage décrivent une activité et ne sont pas regroupés ; le nombre de patients partenaires et leur participation sont des mesures de processus, tirées de l'activité de partenariat (section dédiée), pas des résultats de soins.",
        "en": "Indicators: a team's effect is the level change of its monthly series at the partnership's start (interrupted time series: segmented regression with seasonality, quasi-Poisson for rates, AR(1) errors otherwise), which separates the change at the start from the underlying trend; a plain comparison of the 12 months before and after would attribute that trend to the team. Count indicators describe activity and are not pooled; the number of patient partners and their attendance are process measures, taken from the partnership activity (own section), not care outcomes.",
    },
    "report.programme.methods.surveys": {
        "fr": "Baromètre : variation du score moyen (0–4) entre les vagues T0 et T1 (la même paire pour toutes les équipes ; chaque rapport d'équipe retient, lui, sa première et sa dernière vague), à répartition des rôles de la première vague. Expérience patient : différence après − avant du score (0–100) ajustée sur l'âge, le sexe, l'état de santé perçu et le mode d'admission (régression, erreurs robustes HC3). Questionnaires (échelles de Likert) : le même calcul que le baromètre, entre T0 et T1, sur l'échelle de chaque questionnaire (items inversés retournés). PROM : variation moyenne appariée des patients mesurés avant et après.",
        "en": "Barometer: change of the mean score (0–4) between waves T0 and T1 (the same pair for every team; each team report uses its own first and last waves), for the first-wave role mix. Patient experience: after − before difference of the score (0–100) adjusted for age, sex, self-rated health and admission mode (regression, HC3 robust errors). Questionnaires (Likert scales): the barometer's computation, between T0 and T1, on each questionnaire's own scale (reversed items flipped). PROMs: paired mean change of the patients measured before and after.",
    },
    "report.programme.methods.subgroups": {
        "fr": "Sous-groupes et méta-régression : comparaisons observationnelles entre équipes, non tirées au sort ; de nombreux tests sont faits (résultats × sous-groupes) sans correction de multiplicité : ce sont des pistes, pas des preuves.",
        "en": "Subgroups and meta-regression: observational comparisons between teams, not randomised; many tests are run (outcomes × subgroups) without multiplicity correction: they are leads, not proof.",
    },
    "report.programme.methods.did": {
        "fr": "Différence de différences : estimateur de Callaway et Sant'Anna (2021) avec les unités jamais traitées comme témoins et intervalles par bootstrap multiplicateur, à côté des effets fixes à deux dimensions ; hypothèse de tendances parallèles, que les coefficients avant le début (étude d'événement) permettent de vérifier.",
        "en": "Difference-in-differences: Callaway and Sant'Anna (2021) estimator with the never-treated units as controls and multiplier-bootstrap intervals, beside two-way fixed effects; it assumes parallel trends, which the coefficients before the start (event study) let one check.",
    },
    "report.programme.methods.privacy": {
        "fr": "Confidentialité : aucun effectif de moins de {min_cell} personnes n'est montré, ni aucune statistique calculée sur un tel groupe ; une équipe dont un effectif est sous ce seuil (ou dont un groupe de rôles est masqué) est laissée de côté partout : graphiques en forêt, effets globaux, sous-groupes, méta-régression et nombres d'équipes améliorées, pour qu'aucune différence de chiffres publiés ne la redonne ; la différence de différences du programme est masquée pour un indicateur dont une équipe est masquée. Les équipes sont désignées par leur identifiant.",
        "en": "Privacy: no count of fewer than {min_cell} people is shown, nor any statistic computed from such a group; a team with a count under this threshold (or with a hidden role group) is left out everywhere: forest plots, pooled effects, subgroups, meta-regression and counts of teams improved, so that no difference of published numbers gives it back; the programme's difference-in-differences is hidden for an indicator with a hidden team. Teams are named by their identifier.",
    },
    "report.programme.methods.limits": {
        "fr": "Limites : pas de tirage au sort ; les équipes volontaires peuvent différer des autres ; le modèle à effets aléatoires suppose des effets d'équipe distribués selon une loi normale ; avec peu d'équipes, τ² et l'intervalle de prédiction sont imprécis.",
        "en": "Limits: no randomisation; volunteering teams may differ from others; the random-effects model assumes normally distributed team effects; with few teams, τ² and the prediction interval are imprecise.",
    },
    "report.programme.about.title": {"fr": "À propos de ce rapport", "en": "About this report"},
    "plot.prem.dumbbell.title": {
        "fr": "Expérience patient : score avant et après, par dimension (0–100)",
        "en": "Patient experience: score before and after, by dimension (0–100)",
    },
    "plot.prem.dumbbell.xlabel": {
        "fr": "Score moyen (0–100) et intervalle de confiance à {level} %",
        "en": "Mean score (0–100) and {level}% confidence interval",
    },
    "plot.prem.topbox.title": {
        "fr": "Part de meilleures réponses par question, avant et après",
        "en": "Top-box share by question, before and after",
    },
    "plot.prem.topbox.xlabel": {
        "fr": "Part de meilleures réponses (%) et intervalle de Wilson à {level} %",
        "en": "Top-box share (%) and {level}% Wilson interval",
    },
    "plot.prem.before": {"fr": "Avant", "en": "Before"},
    "plot.prem.after": {"fr": "Après", "en": "After"},
    "plot.prem.overall": {"fr": "Score global", "en": "Overall score"},
    "plot.prem.small": {
        "fr": "marqueur vide ou barre hachurée : moins de {threshold} questionnaires (seuil de publication)",
        "en": "hollow marker or hatched bar: fewer than {threshold} questionnaires (publication threshold)",
    },
    "plot.prem.empty": {
        "fr": "aucune donnée d'expérience patient",
        "en": "no patient-experience data",
    },
    "report.prem.title": {
        "fr": "Expérience patient (questionnaires PREM)",
        "en": "Patient experience (PREM questionnaires)",
    },
    "report.prem.small": {
        "fr": "Effectif sous le seuil de publication ({threshold} questionnaires) : résultat fragile, voir l'estimation bayésienne.",
        "en": "Below the publication threshold ({threshold} questionnaires): fragile result, see the Bayesian estimate.",
    },
    "report.prem.proms": {
        "fr": "Résultats rapportés par les patients (PROM)",
        "en": "Patient-reported outcomes (PROMs)",
    },
    "barometer.role_group.professionals": {"fr": "Professionnels", "en": "Professionals"},
    "barometer.role_group.patient_side": {
        "fr": "Patients, proches et représentants des usagers",
        "en": "Patients, carers and user representatives",
    },
    "barometer.role_group.joint": {"fr": "Évaluation conjointe", "en": "Joint assessment"},
    "barometer.role_group.all": {
        "fr": "Ensemble (répartition des rôles de la première vague)",
        "en": "All (first-wave role mix)",
    },
    "barometer.dimension.global": {"fr": "Score global", "en": "Global score"},
    "barometer.analysis.paired": {
        "fr": "Répondants présents aux deux vagues (apparié)",
        "en": "Respondents at both waves (paired)",
    },
    "barometer.analysis.independent": {
        "fr": "Répondants présents à une seule vague (indépendants)",
        "en": "Respondents at one wave only (independent)",
    },
    "barometer.analysis.all": {"fr": "Tous les répondants", "en": "All respondents"},
    "barometer.measure.mean change": {"fr": "variation moyenne", "en": "mean change"},
    "barometer.measure.standardised mean difference": {
        "fr": "variation standardisée (d_z)",
        "en": "standardised change (d_z)",
    },
    "barometer.measure.probability of superiority": {
        "fr": "probabilité de supériorité",
        "en": "probability of superiority",
    },
    "barometer.measure.mean difference": {"fr": "différence de moyennes", "en": "mean difference"},
    "barometer.measure.change in mean difference": {
        "fr": "évolution de l'écart",
        "en": "change in the gap",
    },
    "barometer.measure.joint minus mean self-rating": {
        "fr": "conjointe − moyenne des auto-évaluations",
        "en": "joint − mean self-rating",
    },
    "barometer.measure.pooled mean change": {
        "fr": "variation moyenne (programme)",
        "en": "pooled mean change",
    },
    "barometer.comparison.gap": {
        "fr": "écart professionnels − patients",
        "en": "professionals − patient side gap",
    },
    "barometer.comparison.gap change": {"fr": "évolution de l'écart", "en": "change in the gap"},
    "barometer.reliability.low-alpha": {
        "fr": "α = {alpha} < {threshold} : les critères de cette dimension ne mesurent pas assez la même chose pour que leur moyenne soit interprétée avec confiance",
        "en": "α = {alpha} < {threshold}: the items of this dimension do not measure the same thing closely enough for their mean to be read with confidence",
    },
    "barometer.reliability.small-n": {
        "fr": "seulement {n} réponses complètes (moins de {min_n}) : alpha est imprécis",
        "en": "only {n} complete answers (fewer than {min_n}): alpha is imprecise",
    },
    "barometer.reliability.few-items": {
        "fr": "moins de 2 critères (k = {k}) : alpha ne peut pas être calculé",
        "en": "fewer than 2 items (k = {k}): alpha cannot be computed",
    },
    "barometer.suppressed": {
        "fr": "non affiché : moins de {min_cell} répondants",
        "en": "not shown: fewer than {min_cell} respondents",
    },
    "plot.barometer.radar.title": {
        "fr": "Score moyen par dimension ({low}–{high})",
        "en": "Mean score by dimension ({low}–{high})",
    },
    "plot.barometer.wave": {"fr": "Vague {wave}", "en": "Wave {wave}"},
    "plot.barometer.not-shown": {
        "fr": "{group} : non affiché (moins de {min_cell} répondants ou pas de données)",
        "en": "{group}: not shown (fewer than {min_cell} respondents or no data)",
    },
    "plot.barometer.no-data": {"fr": "Aucune donnée à représenter", "en": "No data to show"},
    "plot.barometer.bars.title": {
        "fr": "Réponses aux critères (auto-évaluations)",
        "en": "Answers to each item (self-assessments)",
    },
    "plot.barometer.bars.xlabel": {
        "fr": "Part des réponses (%) — à gauche : notes basses, à droite : notes hautes",
        "en": "Share of answers (%) — left: low scores, right: high scores",
    },
    "plot.barometer.bars.score": {"fr": "note {score}", "en": "score {score}"},
    "plot.barometer.bars.low": {
        "fr": "note {score} (pas fait ensemble)",
        "en": "score {score} (not done together)",
    },
    "plot.barometer.bars.high": {
        "fr": "note {score} (pleinement fait ensemble)",
        "en": "score {score} (fully done together)",
    },
    "plot.barometer.bars.few": {
        "fr": "moins de {min_cell} réponses",
        "en": "fewer than {min_cell} answers",
    },
    "plot.barometer.slope.title": {
        "fr": "Perceptions des professionnels et des patients entre les vagues",
        "en": "Professionals' and patients' perceptions across waves",
    },
    "plot.barometer.slope.ylabel": {"fr": "Score moyen", "en": "Mean score"},
    "plot.barometer.slope.xlabel": {"fr": "Vague", "en": "Wave"},
    "plot.meta.pooled.random": {
        "fr": "Effet global (effets aléatoires)",
        "en": "Pooled effect (random effects)",
    },
    "plot.meta.pooled.common": {
        "fr": "Effet global (effet commun)",
        "en": "Pooled effect (common effect)",
    },
    "plot.meta.interval": {
        "fr": "intervalle de confiance à {level} %",
        "en": "{level}% confidence interval",
    },
    "plot.meta.prediction": {
        "fr": "intervalle de prédiction à {level} % (effet attendu d'une nouvelle équipe)",
        "en": "{level}% prediction interval (expected effect of a new team)",
    },
    "plot.meta.no-effect": {"fr": "absence d'effet", "en": "no effect"},
    "plot.meta.effect": {"fr": "Effet", "en": "Effect"},
    "plot.meta.ratio": {"fr": "Rapport (échelle logarithmique)", "en": "Ratio (log scale)"},
    "plot.meta.heterogeneity": {
        "fr": "Hétérogénéité : τ² = {tau2} ; I² = {i2} % ; Q = {q} (ddl = {df}), p {p}",
        "en": "Heterogeneity: τ² = {tau2}; I² = {i2}%; Q = {q} (df = {df}), p {p}",
    },
    "plot.meta.overall": {"fr": "Ensemble", "en": "Overall"},
    "plot.meta.test.separate": {
        "fr": "Différence entre sous-groupes (τ² propre à chacun) : {stat} = {value} (ddl = {df}), p {p}",
        "en": "Subgroup differences (separate τ²): {stat} = {value} (df = {df}), p {p}",
    },
    "plot.meta.test.common": {
        "fr": "Test du modérateur (τ² commun, modèle mixte) : {stat} = {value} (ddl = {df}), p {p}",
        "en": "Moderator test (common τ², mixed-effects model): {stat} = {value} (df = {df}), p {p}",
    },
    "plot.meta.se": {"fr": "Erreur type", "en": "Standard error"},
    "plot.meta.funnel.region": {
        "fr": "région de pseudo-confiance à {level} %",
        "en": "{level}% pseudo-confidence region",
    },
    "plot.its.observed": {"fr": "Observé", "en": "Observed"},
    "plot.its.fitted": {"fr": "Modèle ajusté", "en": "Fitted model"},
    "plot.its.counterfactual": {
        "fr": "Sans intervention (contrefactuel)",
        "en": "Without intervention (counterfactual)",
    },
    "plot.its.intervention": {"fr": "Début de l'intervention", "en": "Intervention start"},
    "plot.its.xlabel": {"fr": "Période", "en": "Period"},
    "plot.its.ylabel.rate": {"fr": "Taux", "en": "Rate"},
    "plot.its.ylabel.count": {"fr": "Nombre", "en": "Count"},
    "plot.its.ylabel.value": {"fr": "Valeur", "en": "Value"},
    "plot.its.not-fitted": {
        "fr": "Modèle non estimé : {reason}",
        "en": "Model not fitted: {reason}",
    },
    "plot.did.title": {
        "fr": "Étude d'événement : effet selon le temps écoulé depuis le début",
        "en": "Event study: effect by time since start",
    },
    "plot.did.xlabel": {
        "fr": "Périodes depuis le début du partenariat (0 = première période)",
        "en": "Periods since the partnership started (0 = first period)",
    },
    "plot.did.ylabel": {"fr": "Effet estimé (ATT)", "en": "Estimated effect (ATT)"},
    "plot.did.pre": {
        "fr": "avant le début (test des tendances parallèles)",
        "en": "before the start (parallel-trends check)",
    },
    "plot.did.post": {"fr": "après le début", "en": "after the start"},
    "plot.did.interval": {
        "fr": "intervalle de confiance à {level} %",
        "en": "{level}% confidence interval",
    },
    "plot.did.band": {"fr": "bande simultanée à {level} %", "en": "{level}% simultaneous band"},
    "plot.did.empty": {"fr": "aucun effet estimable", "en": "no estimable effect"},
    "report.title": {"fr": "Rapport d'équipe — {name}", "en": "Team report — {name}"},
    "report.card.title": {"fr": "L'équipe en bref", "en": "The team at a glance"},
    "report.field.team_id": {"fr": "Identifiant", "en": "Identifier"},
    "report.field.hospital": {"fr": "Hôpital", "en": "Hospital"},
    "report.field.ghu": {"fr": "Groupe hospitalier (GHU)", "en": "Hospital group (GHU)"},
    "report.field.domain": {"fr": "Domaine", "en": "Domain"},
    "report.field.intervention_mode": {"fr": "Mode d'intervention", "en": "Intervention mode"},
    "report.field.participation_level": {
        "fr": "Niveau de participation",
        "en": "Participation level",
    },
    "report.field.start_date": {"fr": "Début du partenariat", "en": "Partnership start"},
    "report.field.end_date": {"fr": "Fin du projet", "en": "Project end"},
    "report.field.n_patient_partners": {
        "fr": "Patients partenaires",
        "en": "Patient partners",
    },
    "report.value.domain.soins": {"fr": "soins", "en": "care"},
    "report.value.domain.organisation des soins": {
        "fr": "organisation des soins",
        "en": "care organisation",
    },
    "report.value.domain.recherche": {"fr": "recherche", "en": "research"},
    "report.value.domain.enseignement": {"fr": "enseignement", "en": "teaching"},
    "report.value.intervention_mode.expérience patient": {
        "fr": "expérience patient",
        "en": "patient experience",
    },
    "report.value.intervention_mode.parcours": {"fr": "parcours", "en": "care pathway"},
    "report.value.intervention_mode.CREX": {
        "fr": "CREX",
        "en": "CREX (adverse event review committee)",
    },
    "report.value.intervention_mode.risques": {"fr": "risques", "en": "risk management"},
    "report.value.intervention_mode.analyse des pratiques": {
        "fr": "analyse des pratiques",
        "en": "practice review",
    },
    "report.value.intervention_mode.certification": {
        "fr": "certification",
        "en": "certification",
    },
    "report.value.intervention_mode.accessibilité": {"fr": "accessibilité", "en": "accessibility"},
    "report.value.intervention_mode.éducation thérapeutique": {
        "fr": "éducation thérapeutique",
        "en": "therapeutic patient education",
    },
    "report.value.intervention_mode.formation": {"fr": "formation", "en": "training"},
    "report.value.participation_level.information": {"fr": "information", "en": "information"},
    "report.value.participation_level.consultation": {"fr": "consultation", "en": "consultation"},
    "report.value.participation_level.co-construction": {
        "fr": "co-construction",
        "en": "co-design",
    },
    "report.value.participation_level.co-décision": {"fr": "co-décision", "en": "co-decision"},
    "report.indicators.title": {
        "fr": "Indicateurs avant et après le début du partenariat",
        "en": "Indicators before and after the partnership started",
    },
    "report.indicators.note": {
        "fr": (
            "Chaque indicateur est comparé entre les {months} mois précédant le mois de début "
            "({start}) et les {months} mois à partir de celui-ci. Proportions : différence en "
            "points de pourcentage, intervalle de Newcombe ; taux : rapport après / avant, "
            "intervalle exact (comme poisson.test de R) ; moyennes : différence de Welch. "
            "« Amélioration » ou « dégradation » quand tout l'intervalle de confiance à 95 % "
            "est du même côté de l'absence de changement ; sinon « non concluant ». "
            "Cette comparaison avant/après ne tient pas compte des tendances : voir les séries "
            "temporelles et la comparaison avec les unités témoins."
        ),
        "en": (
            "Each indicator is compared between the {months} months before the start month "
            "({start}) and the {months} months from it. Proportions: difference in percentage "
            "points, Newcombe interval; rates: ratio after / before, exact interval (as R's "
            "poisson.test); means: Welch difference. 'Improved' or 'worsened' when the whole "
            "95% confidence interval lies on one side of no change; otherwise 'inconclusive'. "
            "This before/after comparison ignores trends: see the time series and the "
            "comparison with control units."
        ),
    },
    "report.indicators.empty": {
        "fr": "Aucune valeur d'indicateur dans ces deux périodes.",
        "en": "No indicator value in these two periods.",
    },
    "report.col.label": {"fr": "Indicateur", "en": "Indicator"},
    "report.col.unit": {"fr": "Unité", "en": "Unit"},
    "report.col.before": {"fr": "Avant", "en": "Before"},
    "report.col.after": {"fr": "Après", "en": "After"},
    "report.col.change": {"fr": "Variation", "en": "Change"},
    "report.col.ci": {"fr": "IC à 95 %", "en": "95% CI"},
    "report.col.its": {
        "fr": "Saut de niveau (série temporelle)",
        "en": "Level change (time series)",
    },
    "report.col.did": {
        "fr": "Écart aux unités témoins (DiD)",
        "en": "Difference vs controls (DiD)",
    },
    "report.trends.title": {
        "fr": "Tendances et comparaison avec les unités témoins",
        "en": "Trends and comparison with control units",
    },
    "report.trends.note": {
        "fr": "Série temporelle interrompue : régression segmentée des valeurs mensuelles (tendance, saisonnalité), saut de niveau au mois de début (taux : rapport ; autres : différence). Différence de différences : variation de l'équipe (12 mois avant / 12 mois après) moins la variation moyenne des unités témoins sur les mêmes mois ; intervalle fondé sur les écarts placebo des unités témoins (Conley et Taber 2011).",
        "en": "Interrupted time series: segmented regression of the monthly values (trend, seasonality), level change at the start month (rates: ratio; others: difference). Difference-in-differences: the team's change (12 months before / 12 months after) minus the control units' mean change over the same months; interval from the control units' placebo differences (Conley and Taber 2011).",
    },
    "report.trends.charts": {
        "fr": "Séries mensuelles, modèle ajusté et scénario sans intervention",
        "en": "Monthly series, fitted model and no-intervention scenario",
    },
    "report.trends.small-months": {
        "fr": "Les valeurs mensuelles calculées sur moins de {min_cell} personnes ou séjours, zéro compris, ne sont pas affichées ({n} mois) ; le modèle utilise toute la série.",
        "en": "Monthly values computed from fewer than {min_cell} people or stays, zero included, are not shown ({n} months); the model uses the whole series.",
    },
    "report.col.q_value": {"fr": "q (BH)", "en": "q (BH)"},
    "report.col.verdict": {"fr": "Conclusion", "en": "Verdict"},
    "report.ci.range": {"fr": "{low} à {high}", "en": "{low} to {high}"},
    "report.ratio": {"fr": "×{value}", "en": "×{value}"},
    "report.about.title": {"fr": "À propos de ce rapport", "en": "About this report"},
    "report.about.made": {
        "fr": "Rapport produit le {date} par impact {version}.",
        "en": "Report produced on {date} by impact {version}.",
    },
    "report.about.parameters": {"fr": "Paramètres :", "en": "Parameters:"},
    "report.about.sources": {
        "fr": "Données utilisées (empreinte SHA-256 de chaque fichier) :",
        "en": "Data used (SHA-256 fingerprint of each file):",
    },
    "report.about.default-catalogue": {"fr": "catalogue par défaut", "en": "default catalogue"},
    "index.title": {"fr": "Rapports d'équipe", "en": "Team reports"},
    "index.generated": {
        "fr": "Produits le {date} par impact {version} à partir de {data}.",
        "en": "Produced on {date} by impact {version} from {data}.",
    },
    "index.ok.title": {"fr": "Rapports produits ({n})", "en": "Reports produced ({n})"},
    "index.ok.none": {"fr": "Aucun rapport produit.", "en": "No report produced."},
    "index.failed.title": {"fr": "Rapports en échec ({n})", "en": "Failed reports ({n})"},
    "index.col.team": {"fr": "Équipe", "en": "Team"},
    "index.col.name": {"fr": "Projet", "en": "Project"},
    "index.col.report": {"fr": "Rapport", "en": "Report"},
    "index.col.error": {"fr": "Erreur", "en": "Error"},
    "index.col.notebook": {"fr": "Carnet exécuté", "en": "Executed notebook"},
    "index.link": {"fr": "ouvrir le rapport", "en": "open the report"},
    "index.notebook": {"fr": "voir le carnet", "en": "see the notebook"},
    "report.suppressed.mark": {"fr": "< {min_cell}", "en": "< {min_cell}"},
    "report.barometer.title": {"fr": "Baromètre du partenariat", "en": "Partnership barometer"},
    "report.barometer.none": {
        "fr": "Pas de réponse au baromètre pour cette équipe.",
        "en": "No barometer answer for this team.",
    },
    "report.barometer.dimension": {"fr": "Dimension", "en": "Dimension"},
    "report.barometer.scores.note": {
        "fr": "Score moyen (0 = action non faite ensemble, 4 = pleinement faite ensemble) par dimension, groupe et vague, auto-évaluations ; un groupe de moins de {min_cell} répondants n'est pas montré.",
        "en": "Mean score (0 = not done together, 4 = fully done together) by dimension, group and wave, self-assessments; a group of fewer than {min_cell} respondents is not shown.",
    },
    "report.barometer.radar": {
        "fr": "Scores moyens par dimension et vague",
        "en": "Mean scores by dimension and wave",
    },
    "report.barometer.changes": {"fr": "Évolution entre les vagues", "en": "Change between waves"},
    "report.barometer.changes.note": {
        "fr": "Variation du score moyen entre chaque vague et la suivante, et entre la première et la dernière quand l'équipe en a trois ou plus (T0 → T2) : tous les répondants (test t pour échantillons partiellement appariés) et, quand ils sont assez nombreux, les répondants présents aux deux vagues (test t apparié ; p de Wilcoxon dans les résultats détaillés). Le résumé en tête de rapport et l'index retiennent la variation de la première à la dernière vague.",
        "en": "Change of the mean score between each wave and the next, and between the first and the last when the team has three or more (T0 → T2): all respondents (partially overlapping samples t-test) and, when there are enough, respondents present at both waves (paired t-test; Wilcoxon p in the detailed results). The summary at the top of the report and the index use the change from the first to the last wave.",
    },
    "report.barometer.gaps": {
        "fr": "Écart de perception professionnels − patients",
        "en": "Perception gap professionals − patients",
    },
    "report.barometer.gaps.note": {
        "fr": "Différence des scores moyens des professionnels et du côté patients (Welch), à chaque vague, et son évolution (une baisse = des perceptions qui se rapprochent).",
        "en": "Difference between professionals' and patient side's mean scores (Welch), at each wave, and its change (a decrease = converging perceptions).",
    },
    "report.barometer.joint": {
        "fr": "Évaluation conjointe et auto-évaluations",
        "en": "Joint rating and self-ratings",
    },
    "report.barometer.joint.note": {
        "fr": "Écart entre la note donnée ensemble et la moyenne des auto-évaluations.",
        "en": "Difference between the rating given together and the mean of the self-ratings.",
    },
    "report.barometer.answers": {"fr": "Réponses par critère", "en": "Answers by criterion"},
    "report.barometer.reliability": {
        "fr": "Fiabilité des dimensions",
        "en": "Reliability of the dimensions",
    },
    "report.barometer.left-out": {
        "fr": "Réponses et fiabilité sans les groupes de rôles × vagues masqués (moins de {min_cell} répondants ; {n} laissés de côté), pour qu'aucune différence avec les scores publiés ne les redonne.",
        "en": "Answers and reliability without the hidden role groups × waves (fewer than {min_cell} respondents; {n} left out), so that no difference with the published scores gives them back.",
    },
    "report.barometer.reliability.note": {
        "fr": "Alpha de Cronbach par dimension (intervalle de Feldt) ; en dessous de 0,7 ou avec peu de réponses, le score d'une dimension est à lire avec prudence.",
        "en": "Cronbach's alpha per dimension (Feldt interval); below 0.7 or with few answers, a dimension score is to be read with caution.",
    },
    "report.barometer.col.dimension": {"fr": "Dimension", "en": "Dimension"},
    "report.barometer.col.role_group": {"fr": "Groupe", "en": "Group"},
    "report.barometer.col.analysis": {"fr": "Répondants", "en": "Respondents"},
    "report.barometer.col.comparison": {"fr": "Comparaison", "en": "Comparison"},
    "report.barometer.col.wave": {"fr": "Vague", "en": "Wave"},
    "report.barometer.col.measure": {"fr": "Mesure", "en": "Measure"},
    "report.barometer.col.note": {"fr": "Remarque", "en": "Note"},
    "report.barometer.changes.small": {
        "fr": "Une variation calculée sur moins de {min_cell} répondants (tous, ou présents aux deux vagues) n'est pas affichée : case vide.",
        "en": "A change computed from fewer than {min_cell} respondents (all, or present at both waves) is not shown: empty cell.",
    },
    "report.barometer.col.change-all": {
        "fr": "Variation, tous les répondants",
        "en": "Change, all respondents",
    },
    "report.barometer.col.change-paired": {
        "fr": "Variation, présents aux deux vagues",
        "en": "Change, present at both waves",
    },
    "report.prem.none": {
        "fr": "Pas de questionnaire d'expérience patient pour cette équipe.",
        "en": "No patient-experience questionnaire for this team.",
    },
    "report.prem.col.level": {"fr": "Score", "en": "Score"},
    "report.prem.col.before": {"fr": "Avant", "en": "Before"},
    "report.prem.col.after": {"fr": "Après", "en": "After"},
    "report.prem.col.raw": {"fr": "Variation brute", "en": "Raw change"},
    "report.prem.col.adjusted": {"fr": "Variation ajustée", "en": "Adjusted change"},
    "report.prem.col.prom": {"fr": "Mesure", "en": "Measure"},
    "report.prem.col.change": {"fr": "Variation moyenne", "en": "Mean change"},
    "report.prem.col.improved": {
        "fr": "Patients améliorés (≥ MID)",
        "en": "Patients improved (≥ MID)",
    },
    "report.prem.bayes": {"fr": "estimation bayésienne :", "en": "Bayesian estimate:"},
    "report.prem.no-covariates": {"fr": "aucune", "en": "none"},
    "covariate.age_group": {"fr": "classe d'âge", "en": "age group"},
    "covariate.sex": {"fr": "sexe", "en": "sex"},
    "covariate.self_rated_health": {"fr": "santé perçue", "en": "self-rated health"},
    "covariate.admission_mode": {"fr": "mode d'entrée", "en": "admission mode"},
    "report.prem.note": {
        "fr": "Scores sur 100 (points e-Satis : linéaires entre la pire et la meilleure réponse ; « ne sait pas » exclu). Variation = après − avant ; la variation ajustée compare des patients comparables (régression sur la période et les caractéristiques des patients : {covariates} ; erreurs robustes HC3). ⚠ : moins de {threshold} questionnaires dans la période (seuil de publication) ; l'intervalle crédible bayésien (loi bêta, a priori de Jeffreys) y est plus honnête.",
        "en": "Scores out of 100 (e-Satis points: linear between worst and best answer; 'don't know' excluded). Change = after − before; the adjusted change compares similar patients (regression on period and patient characteristics: {covariates}; HC3 robust errors). ⚠: fewer than {threshold} questionnaires in the period (publication threshold); the Bayesian credible interval (beta, Jeffreys prior) is more honest there.",
    },
    "report.prem.proms.note": {
        "fr": "Variation appariée par patient (après − avant, test t apparié) et part des patients améliorés d'au moins la différence minimale importante (MID) de la mesure (intervalle de Wilson).",
        "en": "Paired change per patient (after − before, paired t-test) and share of patients improved by at least the measure's minimal important difference (MID) (Wilson interval).",
    },
    "report.contents": {"fr": "Sommaire", "en": "Contents"},
    "report.contents.about": {
        "fr": "Provenance : données, version et paramètres",
        "en": "Provenance: data, version and parameters",
    },
    "report.summary.title": {"fr": "En bref", "en": "In short"},
    # issue 17 — placebo-in-time
    "reason.too_few_pre_points": {
        "fr": "trop peu de mois avant le démarrage pour une date de début fictive",
        "en": "too few months before the start for a placebo start date",
    },
    "reason.no_placebo_estimate": {
        "fr": "aucune date fictive n'a donné d'estimation",
        "en": "no placebo date gave an estimate",
    },
    "reason.placebos_dropped": {
        "fr": "certaines dates fictives n'ont pas donné d'estimation et sont écartées",
        "en": "some placebo dates gave no estimate and were left out",
    },
    "reason.no_real_estimate": {
        "fr": "pas d'effet estimé à comparer aux placebos",
        "en": "no estimated effect to compare with the placebos",
    },
    "report.section.placebo": {"fr": "Contrôle placebo", "en": "Placebo check"},
    "report.col.placebo": {"fr": "Contrôle placebo", "en": "Placebo check"},
    "report.placebo.larger": {
        "fr": "effet plus grand que {n} des {total} dates fictives",
        "en": "effect larger than {n} of {total} placebo dates",
    },
    "report.placebo.not-larger": {
        "fr": "plus grand que {n} des {total} dates fictives seulement : pas plus que la "
        "plupart des placebos",
        "en": "larger than only {n} of {total} placebo dates: not larger than most placebos",
    },
    "report.trends.placebo-note": {
        "fr": "Contrôle placebo (placebo dans le temps, Abadie et al. 2015) : le même modèle "
        "appliqué à des dates de début fictives, avant le démarrage de l'équipe, où rien ne "
        "s'est passé. Un effet plus grand que la plupart de ces effets fictifs se distingue "
        "des variations habituelles de la série ; sinon, il pourrait n'en être qu'une. Avec "
        "6 dates au plus, ce contrôle est indicatif, non un test à 5 %.",
        "en": "Placebo check (in-time placebo, Abadie, Diamond & Hainmueller 2015): the same model at fake "
        "start dates before the team's start, when nothing happened. An effect larger than "
        "most of these placebo effects stands out from the series' usual movements; "
        "otherwise it may be one of them. With at most 6 dates the check is indicative, not "
        "a 5% test.",
    },
    # issue 12 — the opening picture (report/overview.py)
    "report.overview.caption": {
        "fr": "Chaque résultat face à « pas de changement »",
        "en": "Each result against 'no change'",
    },
    "report.overview.note": {
        "fr": "Point : estimation ; trait : intervalle de confiance à 95 % ; ligne pointillée : pas de changement. Chaque ligne a sa propre échelle (les unités diffèrent) : la position dit si l'intervalle exclut l'absence de changement, les chiffres disent de combien. Vert : amélioration ; rouge : dégradation ; gris : non concluant.",
        "en": "Dot: estimate; bar: 95% confidence interval; dotted line: no change. Each row has its own scale (units differ): the position tells whether the interval excludes no change, the numbers tell by how much. Green: improved; red: worsened; grey: inconclusive.",
    },
    "report.overview.col.what": {"fr": "Résultat", "en": "Result"},
    "report.overview.col.mark": {"fr": "Face à « pas de changement »", "en": "Against 'no change'"},
    "report.overview.col.value": {"fr": "Variation (IC à 95 %)", "en": "Change (95% CI)"},
    "report.overview.col.verdict": {"fr": "Conclusion", "en": "Verdict"},
    "report.overview.improved": {"fr": "Ce qui s'est amélioré :", "en": "What improved:"},
    "report.overview.worsened": {"fr": "Ce qui s'est dégradé :", "en": "What worsened:"},
    "report.overview.open": {
        "fr": "Ce qu'on ne peut pas conclure, et pourquoi :",
        "en": "What cannot be concluded, and why:",
    },
    "report.overview.none": {"fr": "rien", "en": "nothing"},
    "report.overview.why.inconclusive": {
        "fr": "intervalle de confiance compatible avec une absence de changement",
        "en": "confidence interval compatible with no change",
    },
    "report.overview.why.disagree": {
        "fr": "l'avant/après et la série temporelle se contredisent : l'évolution tient sans doute à la tendance de fond",
        "en": "before/after and the time series disagree: the change is probably the underlying trend",
    },
    "report.overview.why.not-computed": {
        "fr": "pas encore calculable",
        "en": "cannot be computed yet",
    },
    "report.overview.why.hidden": {
        "fr": "moins de {min_cell} patients, séjours ou événements dans une période : non montré",
        "en": "fewer than {min_cell} patients, stays or events in a period: not shown",
    },
    "report.overview.why.hidden-group": {
        "fr": "moins de {min_cell} répondants : résultats non affichés",
        "en": "fewer than {min_cell} respondents: results not shown",
    },
    "report.overview.why.no-data": {
        "fr": "pas de données pour cette équipe",
        "en": "no data for this team",
    },
    "report.overview.why.failed": {
        "fr": "le calcul a échoué",
        "en": "the computation failed",
    },
    "report.overview.why.small-sample": {
        "fr": "moins de {threshold} questionnaires dans une période : résultat fragile",
        "en": "fewer than {threshold} questionnaires in a period: a fragile result",
    },
    "report.overview.barometer": {
        "fr": "Score global, {group} ({waves})",
        "en": "Global score, {group} ({waves})",
    },
    "report.overview.prem": {
        "fr": "Score global ajusté (sur 100)",
        "en": "Adjusted overall score (out of 100)",
    },
    "report.overview.unit.barometer": {"fr": "point sur 4", "en": "points out of 4"},
    "report.overview.unit.prem": {"fr": "points", "en": "points"},
    "plot.its.hidden": {
        "fr": "Mois non affiché (petit effectif, zéro compris)",
        "en": "Month not shown (small count, zero included)",
    },
    "report.programme.overview.caption": {
        "fr": "Effet moyen de chaque résultat sur l'ensemble des équipes (effets aléatoires) face à « pas de changement »",
        "en": "Each result's average effect across teams (random effects) against 'no change'",
    },
    "report.overview.details": {"fr": "Détail :", "en": "Details:"},
    "report.section.failed": {
        "fr": "Cette partie n'a pas pu être calculée (voir « {title} »).",
        "en": "This part could not be computed (see '{title}').",
    },
    "report.trends.no-comparison": {
        "fr": "Pas d'unité témoin dans les données : l'écart aux unités témoins (DiD) n'est pas calculé.",
        "en": "No control unit in the data: the difference vs control units (DiD) is not computed.",
    },
    "report.not-computed.title": {
        "fr": "Ce qui n'a pas pu être calculé",
        "en": "What could not be computed",
    },
    "report.not-computed.none": {
        "fr": "Tout ce qui était prévu a pu être calculé.",
        "en": "Everything planned could be computed.",
    },
    "report.not-computed.error": {
        "fr": "le calcul a échoué sur une erreur inattendue, à signaler à l'équipe d'évaluation",
        "en": "the computation failed with an unexpected error, to report to the evaluation team ({message})",
    },
    "report.not-computed.no-data": {
        "fr": "aucune donnée pour cette équipe",
        "en": "no data for this team",
    },
    "report.section.indicators": {
        "fr": "Indicateurs (avant/après)",
        "en": "Indicators (before/after)",
    },
    "report.section.its": {"fr": "Série temporelle", "en": "Time series"},
    "report.section.did": {
        "fr": "Comparaison aux unités témoins",
        "en": "Comparison with control units",
    },
    "report.section.barometer": {"fr": "Baromètre", "en": "Barometer"},
    "report.section.prem": {"fr": "Expérience patient", "en": "Patient experience"},
    "report.section.proms": {"fr": "PROM", "en": "PROMs"},
    "report.measure.level change": {"fr": "saut de niveau", "en": "level change"},
    "report.measure.slope change": {"fr": "changement de pente", "en": "slope change"},
    "report.measure.change at end": {
        "fr": "variation en fin de période",
        "en": "change at the end",
    },
    "report.measure.relative change at end": {
        "fr": "variation relative en fin de période",
        "en": "relative change at the end",
    },
    "report.measure.difference-in-differences": {
        "fr": "écart aux unités témoins",
        "en": "difference vs control units",
    },
    "report.measure.adjusted mean difference": {"fr": "variation ajustée", "en": "adjusted change"},
    "report.measure.mean change": {"fr": "variation moyenne", "en": "mean change"},
    "report.measure.Hodges-Lehmann median change": {
        "fr": "variation médiane (Hodges-Lehmann)",
        "en": "median change (Hodges-Lehmann)",
    },
    "report.measure.share improved >= MID": {
        "fr": "part des patients améliorés (≥ MID)",
        "en": "share of patients improved (≥ MID)",
    },
    "report.measure.share worsened >= MID": {
        "fr": "part des patients dégradés (≥ MID)",
        "en": "share of patients worsened (≥ MID)",
    },
    "report.limits.title": {"fr": "Méthodes et limites", "en": "Methods and limits"},
    "report.limits.before-after": {
        "fr": "Avant/après : les {months} mois qui précèdent le début du partenariat sont comparés aux {months} mois qui suivent. Une proportion est comparée par sa différence en points (intervalle de Newcombe), un taux par le rapport des taux (intervalle exact de Clopper-Pearson), une moyenne par le test de Welch. Cette comparaison ne tient compte ni de la tendance de fond ni de la saison : une évolution peut refléter ce qui se passe partout.",
        "en": "Before/after: the {months} months before the partnership started are compared with the {months} months after. A proportion is compared by its difference in points (Newcombe interval), a rate by the rate ratio (exact Clopper-Pearson interval), a mean by Welch's test. This comparison accounts for neither the underlying trend nor the season: a change may reflect what happens everywhere.",
    },
    "report.limits.its": {
        "fr": "Série temporelle interrompue : une régression segmentée sur les valeurs mensuelles estime le saut de niveau et le changement de pente au début du partenariat, avec un terme saisonnier et des erreurs corrélées d'un mois sur l'autre (AR(1)) ; les nombres d'événements sont modélisés par une régression de quasi-Poisson. Le modèle prolonge la tendance d'avant le début : il suppose qu'aucun autre changement n'est survenu au même moment. Quand l'avant/après et la série temporelle se contredisent, le résumé ne conclut pas.",
        "en": "Interrupted time series: a segmented regression on the monthly values estimates the level jump and the slope change at the start of the partnership, with a seasonal term and month-to-month correlated errors (AR(1)); event counts use a quasi-Poisson regression. The model carries the pre-start trend forward: it assumes no other change happened at the same time. Where before/after and the time series disagree, the summary draws no conclusion.",
    },
    "report.limits.did": {
        "fr": "Comparaison aux unités témoins (différence de différences) : l'évolution de l'équipe moins l'évolution moyenne des unités témoins. L'intervalle vient de la dispersion des unités témoins (méthode placebo de Conley et Taber) : il est large quand elles sont peu nombreuses. Cette comparaison suppose que l'équipe aurait évolué comme les unités témoins sans le partenariat.",
        "en": "Comparison with control units (difference-in-differences): the team's change minus the control units' mean change. The interval comes from the spread of the control units (Conley–Taber placebo method): it is wide when they are few. This comparison assumes the team would have evolved like the control units without the partnership.",
    },
    "report.limits.barometer": {
        "fr": "Baromètre : des auto-évaluations, sensibles à qui répond à chaque vague. L'évolution entre vagues est testée sur tous les répondants (test t pour échantillons partiellement appariés) et sur ceux présents aux deux vagues (test t apparié, complété par le test de Wilcoxon) ; l'écart entre professionnels et côté patients par le test de Welch (et celui de Brunner-Munzel dans les résultats détaillés) ; la fiabilité de chaque dimension par l'alpha de Cronbach. Les groupes de moins de {min_cell} répondants ne sont pas montrés.",
        "en": "Barometer: self-assessments, sensitive to who answers at each wave. The change between waves is tested on all respondents (partially overlapping samples t-test) and on those present at both waves (paired t-test, with the Wilcoxon test); the gap between professionals and the patient side by Welch's test (and the Brunner-Munzel test in the detailed results); the reliability of each dimension by Cronbach's alpha. Groups of fewer than {min_cell} respondents are not shown.",
    },
    "report.limits.prem": {
        "fr": "Expérience patient : scores sur 100. La variation ajustée compare des patients comparables (régression sur la période et les caractéristiques des patients, erreurs robustes HC3) ; elle ne corrige que les caractéristiques mesurées. Sous {threshold} questionnaires dans une période, un résultat est fragile : une estimation bayésienne (a priori de Jeffreys) est alors donnée. PROM : variation appariée par patient (test t apparié) et part des patients améliorés d'au moins la différence minimale importante (intervalle de Wilson).",
        "en": "Patient experience: scores out of 100. The adjusted change compares similar patients (regression on period and patient characteristics, HC3 robust errors); it corrects only the measured characteristics. Under {threshold} questionnaires in a period a result is fragile: a Bayesian estimate (Jeffreys prior) is then given. PROMs: paired change per patient (paired t-test) and share of patients improved by at least the minimal important difference (Wilson interval).",
    },
    "report.limits.multiple": {
        "fr": "Comparaisons multiples : la colonne q (Benjamini-Hochberg) tient compte du nombre d'indicateurs testés ; une amélioration isolée avec un q élevé est à confirmer.",
        "en": "Multiple comparisons: the q column (Benjamini-Hochberg) accounts for the number of indicators tested; an isolated improvement with a high q needs confirming.",
    },
    "report.limits.privacy": {
        "fr": "Confidentialité : le rapport ne montre que des agrégats ; tout groupe de moins de {min_cell} personnes est masqué (« < {min_cell} »), ainsi que les résultats calculés à partir de lui.",
        "en": "Privacy: the report shows aggregates only; any group of fewer than {min_cell} people is hidden ('< {min_cell}'), and so are the results computed from it.",
    },
    # issue 17 — minimum detectable effects and impact plan
    "report.mde.title": {
        "fr": "Plus petit effet détectable ({power} %, {alpha} %)",
        "en": "Minimum detectable effect ({power}%, {alpha}%)",
    },
    "report.mde.line": {"fr": "{title} : {value} points", "en": "{title}: {value} points"},
    "report.mde.note": {
        "fr": "Plus petit effet détectable : la plus petite hausse et la plus petite baisse que les effectifs de l'équipe permettaient de détecter (puissance de 80 %, seuil bilatéral de 5 %), dans l'unité de l'indicateur (pour les taux : la variation du taux), montrées à côté des verdicts non concluants.",
        "en": "Minimum detectable effect: the smallest rise and fall the team's numbers could detect (80% power, two-sided 5% level), in the indicator's unit (for rates: the change of the rate), shown beside inconclusive verdicts.",
    },
    "plan.title": {
        "fr": "Plus petits effets détectables (puissance {power} %, seuil bilatéral {alpha} %), dans l'unité de chaque résultat (taux : variation du taux ; baromètre : tous les répondants ; expérience patient : variation ajustée)",
        "en": "Minimum detectable effects ({power}% power, two-sided {alpha}% level), in each outcome's unit (rates: change of the rate; barometer: all respondents; patient experience: adjusted change)",
    },
    "plan.col.team": {"fr": "Équipe", "en": "Team"},
    "plan.col.family": {"fr": "Famille", "en": "Family"},
    "plan.col.outcome": {"fr": "Résultat", "en": "Outcome"},
    "plan.col.n_before": {"fr": "n avant", "en": "n before"},
    "plan.col.n_after": {"fr": "n après", "en": "n after"},
    "plan.col.up": {"fr": "Hausse détectable", "en": "Detectable rise"},
    "plan.col.down": {"fr": "Baisse détectable", "en": "Detectable fall"},
    "plan.col.note": {"fr": "Remarque", "en": "Note"},
    "plan.col.k": {"fr": "Équipes", "en": "Teams"},
    "plan.col.pooled": {"fr": "Effet poolé détectable", "en": "Detectable pooled effect"},
    "plan.family.indicators": {"fr": "indicateur", "en": "indicator"},
    "plan.family.barometer": {"fr": "baromètre", "en": "barometer"},
    "plan.family.prem": {"fr": "expérience patient", "en": "patient experience"},
    "plan.family.its": {"fr": "série temporelle (niveau)", "en": "time series (level)"},
    "plan.empty": {"fr": "Aucune comparaison à évaluer.", "en": "No comparison to assess."},
    "plan.pooled": {
        "fr": "Effet du programme (modèle à effets aléatoires, τ² = 0 : hypothèse optimiste d'un effet commun ; équipes affichées seulement) :",
        "en": "Programme effect (random-effects model, τ² = 0: the optimistic common-effect assumption; teams shown only):",
    },
    "plan.ratios": {"fr": "rapport ×{up} ou ×{down}", "en": "ratio ×{up} or ×{down}"},
    "plan.hidden": {
        "fr": "« < {min_cell} » : moins de {min_cell} personnes, séjours ou événements dans une période ; ces lignes ne comptent pas dans l'effet du programme.",
        "en": "'< {min_cell}': fewer than {min_cell} people, stays or events in a period; these rows do not count in the programme effect.",
    },
    "plan.pre.team.points": {
        "fr": "Une équipe avec {answers} réponses par période détecte une hausse de {up} points ou une baisse de {down} points.",
        "en": "A team with {answers} answers per period detects a rise of {up} points or a fall of {down} points.",
    },
    "plan.pre.team.sd": {
        "fr": "Une équipe avec {answers} réponses par période détecte une variation de {up} ou {down} (unité du résultat).",
        "en": "A team with {answers} answers per period detects a change of {up} or {down} (the outcome's unit).",
    },
    "plan.pre.pooled.points": {
        "fr": "L'effet moyen de {teams} équipes est détectable à partir de ±{mde} points.",
        "en": "The mean effect of {teams} teams is detectable from ±{mde} points.",
    },
    "plan.pre.pooled.sd": {
        "fr": "L'effet moyen de {teams} équipes est détectable à partir de ±{mde} (unité du résultat).",
        "en": "The mean effect of {teams} teams is detectable from ±{mde} (the outcome's unit).",
    },
    "plan.pre.unreachable": {
        "fr": "– : hors d'atteinte (la variation de l'effet entre équipes domine, ou la proportion ne peut pas varier autant).",
        "en": "– : out of reach (the variation of the effect between teams dominates, or the proportion cannot move that far).",
    },
    "plan.pre.target.points": {
        "fr": "Pour détecter {target} points : {team} réponses par période pour une équipe seule ; pour l'effet moyen, {teams} équipes de {answers} réponses, ou {per_team} réponses par équipe avec {n_teams} équipes.",
        "en": "To detect {target} points: {team} answers per period for a team alone; for the mean effect, {teams} teams of {answers} answers, or {per_team} answers per team with {n_teams} teams.",
    },
    "plan.pre.target.sd": {
        "fr": "Pour détecter {target} : {team} réponses par période pour une équipe seule ; pour l'effet moyen, {teams} équipes de {answers} réponses, ou {per_team} réponses par équipe avec {n_teams} équipes.",
        "en": "To detect {target}: {team} answers per period for a team alone; for the mean effect, {teams} teams of {answers} answers, or {per_team} answers per team with {n_teams} teams.",
    },
    "reason.mde_no_se": {
        "fr": "pas d'erreur type pour cette comparaison : pas d'effet minimal détectable",
        "en": "no standard error for this comparison: no minimum detectable effect",
    },
    "reason.mde_not_reachable": {
        "fr": "aucun changement possible de cet indicateur n'atteint la puissance demandée",
        "en": "no possible change of this outcome reaches the power asked",
    },
    # issue 13 — tables not supplied, validation warnings (report/barometer.py, prem.py, team.py)
    "report.barometer.absent": {
        "fr": "Aucune réponse au baromètre fournie pour le programme.",
        "en": "No barometer answer supplied for the programme.",
    },
    "report.prem.absent": {
        "fr": "Aucun questionnaire d'expérience patient fourni pour le programme.",
        "en": "No patient-experience questionnaire supplied for the programme.",
    },
    "report.limits.warnings": {
        "fr": "Avertissements de la validation des données (ils n'ont pas empêché le calcul) :",
        "en": "Warnings from the data validation (they did not prevent the computation):",
    },
    "report.limits.warnings.more": {
        "fr": "et {n} autre(s) du même type",
        "en": "and {n} more of the same kind",
    },
    "report.limits.warnings.small-prem": {
        "fr": "moins de {threshold} questionnaires d'expérience patient dans une période : résultat fragile",
        "en": "fewer than {threshold} patient-experience questionnaires in a period: a fragile result",
    },
    "verdict.improved": {"fr": "amélioration", "en": "improved"},
    "verdict.worsened": {"fr": "dégradation", "en": "worsened"},
    "verdict.inconclusive": {"fr": "non concluant", "en": "inconclusive"},
    "measure.difference in proportions (percentage points)": {
        "fr": "différence de proportions (points)",
        "en": "difference in proportions (points)",
    },
    "measure.rate ratio": {"fr": "rapport de taux", "en": "rate ratio"},
    "measure.mean difference": {"fr": "différence de moyennes", "en": "mean difference"},
    "plot.change.title": {
        "fr": "Variation de chaque indicateur (après − avant, IC à 95 %)",
        "en": "Change in each indicator (after − before, 95% CI)",
    },
    "plot.change.no-change": {"fr": "pas de changement", "en": "no change"},
    "plot.change.ratio": {"fr": "rapport après / avant", "en": "ratio after / before"},
    "plot.change.points": {"fr": "points de pourcentage", "en": "percentage points"},
    # issue 17 — funnel plots (synthesis/funnel.py, report/figures/funnel.py,
    # report/programme_funnel.py)
    "reason.funnel_too_few_teams": {
        "fr": "trop peu d'équipes avec une valeur pour un graphique en entonnoir",
        "en": "too few teams with a value for a funnel plot",
    },
    "reason.funnel_no_spread": {
        "fr": "aucune place pour le hasard autour de la valeur du programme (proportion de 0 ou 1, écart-type nul)",
        "en": "no room for chance around the programme value (proportion of 0 or 1, zero SD)",
    },
    "reason.funnel_few_teams_overdispersion": {
        "fr": "trop peu d'équipes pour estimer la surdispersion : limites sans ajustement",
        "en": "too few teams to estimate overdispersion: limits not adjusted",
    },
    "report.programme.funnel.title": {
        "fr": "Comparaisons équitables entre équipes",
        "en": "Fair comparisons between teams",
    },
    "report.programme.funnel.intro": {
        "fr": "Chaque point est une équipe : sa valeur dans les 12 mois après son démarrage (indicateurs), son score d'expérience patient après, ou le changement moyen de ses patients (PROM), selon la quantité de données dont elle dispose. Les limites en entonnoir disent jusqu'où le hasard seul écarte de la valeur du programme une équipe de cette taille : à 95 % (pointillés) et à 99,8 % (traits pleins).",
        "en": "Each point is a team: its value in the 12 months after its start (indicators), its patient-experience score after, or its patients' mean change (PROMs), against how much data it has. The funnel limits say how far chance alone takes a team of that size from the programme value: 95% (dashed) and 99.8% (solid).",
    },
    "report.programme.funnel.board": {
        "fr": "Une équipe hors des limites se distingue au-delà du hasard ; un classement ne le dit pas.",
        "en": "A team outside the limits stands out beyond chance; a ranking does not tell you that.",
    },
    "report.programme.funnel.adjusted": {
        "fr": "Les équipes varient plus que le hasard ne le voudrait pour {n} résultat(s) sur {k} (surdispersion) : leurs limites sont élargies par un effet aléatoire additif (τ², Spiegelhalter 2005), indiqué sous le titre du graphique.",
        "en": "Teams vary more than chance allows for {n} outcome(s) of {k} (overdispersion): their limits are widened by an additive random effect (τ², Spiegelhalter 2005), said under the chart's title.",
    },
    "report.programme.funnel.left-out": {
        "fr": "{k} couple(s) équipe × résultat de moins de {min_cell} personnes ne figurent ni sur les graphiques ni dans la valeur du programme ni dans les limites.",
        "en": "{k} team × outcome pair(s) of fewer than {min_cell} people are left out of the charts, of the programme value and of the limits.",
    },
    "report.programme.funnel.missing": {
        "fr": "Sans graphique : {names}.",
        "en": "No chart: {names}.",
    },
    "report.programme.funnel.none": {
        "fr": "Aucun résultat n'a assez d'équipes pour un graphique en entonnoir.",
        "en": "No outcome has enough teams for a funnel plot.",
    },
    "report.programme.funnel.outside.title": {
        "fr": "Équipes hors des limites à 99,8 %",
        "en": "Teams outside the 99.8% limits",
    },
    "report.programme.funnel.outside.none": {
        "fr": "Aucune équipe n'est hors des limites à 99,8 %.",
        "en": "No team is outside the 99.8% limits.",
    },
    "report.programme.funnel.col.team": {"fr": "Équipe", "en": "Team"},
    "report.programme.funnel.col.n": {"fr": "Effectif", "en": "Sample size"},
    "report.programme.funnel.col.value": {"fr": "Valeur de l'équipe", "en": "Team value"},
    "report.programme.funnel.col.target": {"fr": "Valeur du programme", "en": "Programme value"},
    "report.programme.funnel.col.side": {"fr": "Situation", "en": "Position"},
    "report.programme.funnel.col.z": {"fr": "Score z", "en": "z-score"},
    "report.programme.funnel.above": {"fr": "au-dessus", "en": "above"},
    "report.programme.funnel.below": {"fr": "en dessous", "en": "below"},
    "report.programme.funnel.favourable": {"fr": "{side} (favorable)", "en": "{side} (favourable)"},
    "report.programme.funnel.unfavourable": {
        "fr": "{side} (défavorable)",
        "en": "{side} (unfavourable)",
    },
    "report.programme.funnel.note": {
        "fr": "Limites à 99,8 % (environ 3 erreurs types), élargies pour la surdispersion quand elle est présente ; score z ajusté de même. Effectif : dénominateur ou exposition (indicateurs), répondants (expérience patient), patients mesurés deux fois (PROM), ou mois quand un indicateur n'a que des valeurs mensuelles.",
        "en": "99.8% limits (about 3 standard errors), widened for overdispersion when present; z-score adjusted likewise. Sample size: denominator or exposure (indicators), respondents (patient experience), patients measured twice (PROMs), or months when an indicator has monthly values only.",
    },
    "report.programme.funnel.method": {
        "fr": "Méthode : Spiegelhalter (2005), « Funnel plots for comparing institutional performance », Statistics in Medicine 24:1185–1202. Valeur du programme : total des événements sur le total des dénominateurs, ou moyenne de tous les répondants, sur les équipes montrées. Limites exactes binomiales (proportions), normales (taux, moyennes ; écart-type intra-équipe groupé). Surdispersion : φ des scores z winsorisés à 10 % et 90 %, τ² additif, appliqué quand I·φ > I − 1 et à partir de 10 équipes.",
        "en": "Method: Spiegelhalter (2005), 'Funnel plots for comparing institutional performance', Statistics in Medicine 24:1185–1202. Programme value: total events over total denominators, or the mean of every respondent, over the teams shown. Exact binomial limits (proportions), normal ones (rates, means; pooled within-team SD). Overdispersion: φ from the z-scores winsorised at 10% and 90%, additive τ², applied when I·φ > I − 1 and from 10 teams on.",
    },
    "plot.funnel.title": {
        "fr": "Chaque équipe face à la valeur du programme, selon sa taille",
        "en": "Each team against the programme value, by its size",
    },
    "plot.funnel.alt": {
        "fr": "Graphiques en entonnoir : {k} résultat(s), {n} équipe(s) hors des limites à 99,8 % ({teams}).",
        "en": "Funnel plots: {k} outcome(s), {n} team(s) outside the 99.8% limits ({teams}).",
    },
    "plot.funnel.xlabel": {"fr": "Effectif", "en": "Sample size"},
    "plot.funnel.target": {"fr": "Valeur du programme", "en": "Programme value"},
    "plot.funnel.limit95": {"fr": "Limites à 95 %", "en": "95% limits"},
    "plot.funnel.limit998": {"fr": "Limites à 99,8 %", "en": "99.8% limits"},
    "plot.funnel.favourable": {"fr": "hors limites, favorable", "en": "outside, favourable"},
    "plot.funnel.unfavourable": {"fr": "hors limites, défavorable", "en": "outside, unfavourable"},
    "plot.funnel.additive": {"fr": "limites ajustées (τ²)", "en": "adjusted limits (τ²)"},
    "plot.funnel.multiplicative": {"fr": "limites ajustées (φ)", "en": "adjusted limits (φ)"},
    "plot.funnel.none": {"fr": "limites sans ajustement", "en": "limits not adjusted"},
    # issue 12 — output safety
    "report.about.demo": {"fr": "programme de démonstration", "en": "demo programme"},
    "problems.col.severity": {"fr": "gravité", "en": "severity"},
    "problems.col.table": {"fr": "table", "en": "table"},
    "problems.col.file": {"fr": "fichier", "en": "file"},
    "problems.col.row": {"fr": "ligne", "en": "row"},
    "problems.col.column": {"fr": "colonne", "en": "column"},
    "problems.col.value": {"fr": "valeur", "en": "value"},
    "problems.col.rule": {"fr": "règle", "en": "rule"},
    "problems.col.message": {"fr": "message", "en": "message"},
    "problems.severity.error": {"fr": "erreur", "en": "error"},
    "problems.severity.warning": {"fr": "avertissement", "en": "warning"},
    # issue 17 — randomisation inference
    "reason.too_few_units": {
        "fr": "moins de 2 unités : les dates de début ne peuvent pas être permutées",
        "en": "fewer than 2 units: the start dates cannot be permuted",
    },
    "reason.permutations_dropped": {
        "fr": "certaines permutations ne donnent pas d'estimation : laissées hors de la valeur p",
        "en": "some permutations give no estimate: left out of the p-value",
    },
    "reason.few_placebo_units": {
        "fr": "moins de 4 unités témoins (ou aucun début d'équipe) : pas de placébo dans l'espace",
        "en": "fewer than 4 comparison units (or no team start): no placebo-in-space",
    },
    "report.programme.col.p": {"fr": "p (modèle)", "en": "p (model)"},
    "report.programme.col.p_ri": {"fr": "p (par permutations)", "en": "p (permutations)"},
    "report.programme.pooled.ri-note": {
        "fr": "p (modèle) : test de l'effet global (loi t de Hartung-Knapp) ; p (par permutations) : test de randomisation de Fisher, qui change au hasard le signe de l'effet de chaque équipe et recalcule l'effet global, sans supposer d'effets d'équipe normaux.",
        "en": "p (model): test of the pooled effect (Hartung-Knapp t); p (permutations): Fisher's randomisation test, which flips the sign of each team's effect at random and recomputes the pooled effect, without assuming normal team effects.",
    },
    "report.programme.did.col.p": {"fr": "p (bootstrap)", "en": "p (bootstrap)"},
    "report.programme.did.col.placebo": {
        "fr": "Placébos aussi grands",
        "en": "Placebos as large",
    },
    "report.programme.did.placebo-share": {
        "fr": "{share} % sur {n}",
        "en": "{share}% of {n}",
    },
    "report.programme.did.ri-note": {
        "fr": "p (par permutations) : part des {n} permutations des dates de début entre toutes les unités (équipes et témoins) qui donnent un ATT au moins aussi grand en valeur absolue. Placébos aussi grands : part des ATT obtenus en donnant à des unités témoins tirées au hasard les dates de début des équipes ; une faible part dit que l'effet dépasse ce que l'on voit sans partenariat. Les placébos reposent sur moins d'unités que l'effet réel et varient donc davantage.",
        "en": "p (permutations): share of the {n} permutations of the start dates across all units (teams and controls) giving an ATT at least as large in absolute value. Placebos as large: share of the ATTs obtained by giving the teams' start dates to comparison units drawn at random; a small share says the effect exceeds what is seen without the partnership. Placebos rest on fewer units than the real effect, so they vary more.",
    },
    "report.programme.methods.randomisation": {
        "fr": "Inférence par randomisation : pour chaque effet global, test de Fisher (1935) par changements de signe des effets d'équipe (toutes les combinaisons quand elles sont peu nombreuses, sinon un tirage Monte-Carlo, p = (1 + nombre de valeurs au moins aussi extrêmes)/(1 + R) ; Good 2005) ; pour la différence de différences, permutation des dates de début entre toutes les unités et placébo dans l'espace (fausses équipes tirées parmi les unités témoins), comme ri2 et ritest.",
        "en": "Randomisation inference: for each pooled effect, Fisher's (1935) test by sign flips of the team effects (every pattern when they are few, else a Monte-Carlo draw, p = (1 + number at least as extreme)/(1 + R); Good 2005); for the difference-in-differences, permutation of the start dates across all units and placebo-in-space (fake teams drawn among the comparison units), as ri2 and ritest.",
    },
    # issue 14 — partnership activity, roadmap, dose–response
    "report.activity.title": {"fr": "Activité de partenariat", "en": "Partnership activity"},
    "report.activity.absent": {
        "fr": "Aucune activité de partenariat fournie pour le programme.",
        "en": "No partnership activity supplied for the programme.",
    },
    "report.activity.none": {
        "fr": "Aucune activité de partenariat enregistrée pour cette équipe.",
        "en": "No partnership activity recorded for this team.",
    },
    "report.activity.none-programme": {
        "fr": "Aucune activité de partenariat enregistrée pour les équipes du programme.",
        "en": "No partnership activity recorded for the programme's teams.",
    },
    "report.activity.lead": {
        "fr": "{n} patients partenaires impliqués depuis {start}. Ces mesures décrivent le partenariat lui-même (mesures de processus) : ce ne sont pas des résultats de soins.",
        "en": "{n} patient partners involved since {start}. These measures describe the partnership itself (process measures): they are not care outcomes.",
    },
    "report.activity.lead-programme": {
        "fr": "{n} patients partenaires impliqués dans {k} équipe(s). Ces mesures décrivent le partenariat lui-même (mesures de processus) : ce ne sont pas des résultats de soins.",
        "en": "{n} patient partners involved in {k} team(s). These measures describe the partnership itself (process measures): they are not care outcomes.",
    },
    "report.activity.small": {
        "fr": "Moins de {min_cell} patients partenaires impliqués depuis {start} : leur nombre, leur participation, leurs heures, leur maintien et leur rémunération ne sont pas affichés ; les réunions tenues et l'accompagnement reçu le sont. Ces mesures décrivent le partenariat lui-même (mesures de processus) : ce ne sont pas des résultats de soins.",
        "en": "Fewer than {min_cell} patient partners involved since {start}: their number, participation, hours, retention and payment are not shown; the meetings held and the support received are. These measures describe the partnership itself (process measures): they are not care outcomes.",
    },
    "report.activity.small-months": {
        "fr": "Les mois de moins de {min_cell} partenaires actifs ne sont pas tracés (ni leur nombre ni leur participation).",
        "en": "Months with fewer than {min_cell} active partners are not drawn (neither their number nor their attendance).",
    },
    "report.activity.left-out": {
        "fr": "{k} équipe(s) de moins de {min_cell} partenaires laissée(s) de côté, pour qu'aucun de leurs chiffres ne se déduise des autres.",
        "en": "{k} team(s) of fewer than {min_cell} partners left out, so that none of their figures can be inferred from the others.",
    },
    "report.activity.col.measure": {"fr": "Mesure", "en": "Measure"},
    "report.activity.col.value": {"fr": "Valeur", "en": "Value"},
    "report.activity.row.partners": {
        "fr": "Patients partenaires impliqués (par rôle)",
        "en": "Patient partners involved (by role)",
    },
    "report.activity.row.mean-active": {
        "fr": "Partenaires actifs par mois (moyenne)",
        "en": "Active partners per month (mean)",
    },
    "report.activity.row.months": {
        "fr": "Mois d'activité suivis",
        "en": "Months of activity recorded",
    },
    "report.activity.row.participation": {
        "fr": "Participation aux réunions du projet (réunions suivies / réunions tenues)",
        "en": "Attendance at the project's meetings (attended / held)",
    },
    "report.activity.row.hours": {
        "fr": "Heures par partenaire et par mois",
        "en": "Hours per partner and month",
    },
    "report.activity.row.retention": {
        "fr": "Partenaires encore actifs 12 mois après leur arrivée (Kaplan–Meier)",
        "en": "Partners still active 12 months after joining (Kaplan–Meier)",
    },
    "report.activity.row.paid": {
        "fr": "Part des mois de partenariat rémunérés",
        "en": "Share of partner-months paid",
    },
    "report.activity.row.support": {
        "fr": "Accompagnement reçu du programme",
        "en": "Support received from the programme",
    },
    "report.activity.with-ci": {
        "fr": "{value} (IC 95 % {low} à {high})",
        "en": "{value} (95% CI {low} to {high})",
    },
    "report.activity.follow-up-short": {
        "fr": "suivi de moins de 12 mois",
        "en": "follow-up shorter than 12 months",
    },
    "report.activity.no-support": {"fr": "aucun", "en": "none"},
    "report.activity.support-value": {
        "fr": "{sessions} séances, {hours} h ({kinds})",
        "en": "{sessions} sessions, {hours} h ({kinds})",
    },
    # issue 15 — the team report's training section (report/training.py)
    "report.training.title": {"fr": "Formations", "en": "Training"},
    "report.section.training": {"fr": "Formations", "en": "Training"},
    "report.training.absent": {
        "fr": "Aucune formation fournie pour le programme.",
        "en": "No training supplied for the programme.",
    },
    "report.training.none": {
        "fr": "Aucun membre de l'équipe n'a suivi de formation évaluée.",
        "en": "No member of the team followed an evaluated training.",
    },
    "report.training.small": {
        "fr": "Moins de {min_cell} membres de l'équipe ont suivi cette formation : ni leur nombre ni leurs résultats ne sont affichés.",
        "en": "Fewer than {min_cell} members of the team followed this training: neither their number nor their results are shown.",
    },
    "report.training.who": {
        "fr": "{n} membres de l'équipe formés ({roles}) en {sessions} session(s) ; {hours} h de formation par personne en moyenne.",
        "en": "{n} members of the team trained ({roles}) in {sessions} session(s); {hours} h of training per person on average.",
    },
    "report.training.role.professionnel": {
        "fr": "professionnels : {n}",
        "en": "professionals: {n}",
    },
    "report.training.role.patient-partenaire": {
        "fr": "patients partenaires : {n}",
        "en": "patient partners: {n}",
    },
    "report.training.col.level": {"fr": "Niveau", "en": "Level"},
    "report.training.col.measure": {"fr": "Mesure", "en": "Measure"},
    "report.training.col.result": {"fr": "Résultat", "en": "Result"},
    "report.training.col.n": {"fr": "Personnes", "en": "People"},
    "report.training.col.method": {"fr": "Méthode", "en": "Method"},
    "report.training.level.1": {"fr": "1. Réaction", "en": "1. Reaction"},
    "report.training.level.2": {"fr": "2. Apprentissage", "en": "2. Learning"},
    "report.training.level.3": {"fr": "3. Comportement", "en": "3. Behaviour"},
    "report.training.satisfaction.objectifs": {
        "fr": "Satisfaction : objectifs atteints",
        "en": "Satisfaction: objectives attained",
    },
    "report.training.satisfaction.programme": {
        "fr": "Satisfaction : programme",
        "en": "Satisfaction: programme",
    },
    "report.training.satisfaction.méthodes": {
        "fr": "Satisfaction : méthodes pédagogiques",
        "en": "Satisfaction: teaching methods",
    },
    "report.training.satisfaction.qualité": {
        "fr": "Satisfaction : qualité d'ensemble",
        "en": "Satisfaction: overall quality",
    },
    "report.training.satisfaction-value": {
        "fr": "moyenne {mean} ; note maximale : {top}",
        "en": "mean {mean}; top score: {top}",
    },
    "report.training.out-of": {"fr": "{value} sur {high}", "en": "{value} out of {high}"},
    "report.training.points": {"fr": "{value} points", "en": "{value} points"},
    "report.training.expectations.covered": {
        "fr": "Attentes couvertes par les objectifs de la session",
        "en": "Expectations covered by the session's objectives",
    },
    "report.training.expectations.met": {
        "fr": "Attentes couvertes jugées satisfaites en fin de session",
        "en": "Covered expectations judged met at the end of the session",
    },
    "report.training.quiz": {
        "fr": "Score au quiz, avant → après",
        "en": "Quiz score, before → after",
    },
    "report.training.no-quiz": {
        "fr": "pas de quiz passé avant et après cette formation",
        "en": "no quiz taken before and after this training",
    },
    "report.training.change": {
        "fr": "Progression du score (après − avant)",
        "en": "Change of score (after − before)",
    },
    "report.training.change-value": {
        "fr": "{change} ; p {p} (Wilcoxon : p {p_wilcoxon})",
        "en": "{change}; p {p} (Wilcoxon: p {p_wilcoxon})",
    },
    "report.training.gain": {"fr": "Gain normalisé ⟨g⟩", "en": "Normalised gain ⟨g⟩"},
    "report.training.unpaired": {
        "fr": "Participants présents à un seul des deux quiz",
        "en": "Participants at one of the two quizzes only",
    },
    "report.training.unpaired-value": {
        "fr": "avant seulement : {before} ; après seulement : {after}",
        "en": "before only: {before}; after only: {after}",
    },
    "report.training.practice": {
        "fr": "Changement de pratique déclaré à distance (3 à 6 mois)",
        "en": "Change of practice reported later (3 to 6 months)",
    },
    "report.training.no-distance": {
        "fr": "pas encore de réponse à distance (3 à 6 mois après la formation)",
        "en": "no later answer yet (3 to 6 months after the training)",
    },
    "report.training.plans": {"fr": "Plan d'action", "en": "Action plan"},
    "report.training.plans-value": {
        "fr": "{states} des {n} actions",
        "en": "{states} of the {n} actions",
    },
    "report.training.state.done": {"fr": "fait", "en": "done"},
    "report.training.state.in-progress": {"fr": "en cours", "en": "in progress"},
    "report.training.state.not-started": {"fr": "pas commencé", "en": "not started"},
    "report.training.method.satisfaction": {
        "fr": "notes en fin de session : moyenne des participants (intervalle de Student) et part de la note la plus haute (intervalle de Wilson)",
        "en": "scores at the end of the session: participants' mean (Student interval) and share of the highest score (Wilson interval)",
    },
    "report.training.method.expectations": {
        "fr": "attentes dites au début, comparées aux objectifs de la session, puis jugées en fin de session ; parts des attentes, intervalle de Wilson",
        "en": "expectations stated at the start, compared with the session's objectives, then judged at the end; shares of the expectations, Wilson interval",
    },
    "report.training.method.quiz": {
        "fr": "part de bonnes réponses des participants présents aux deux quiz (une question sans réponse compte comme fausse)",
        "en": "share of right answers of the participants at both quizzes (an unanswered question counts as wrong)",
    },
    "report.training.method.change": {
        "fr": "différence appariée, test t apparié ; p du test des rangs signés de Wilcoxon entre parenthèses",
        "en": "paired difference, paired t-test; p of the Wilcoxon signed-rank test in brackets",
    },
    "report.training.method.gain": {
        "fr": "part du chemin possible parcourue, (après − avant) / (100 % − avant) sur les moyennes (Hake 1998), intervalle par bootstrap",
        "en": "share of the possible progress made, (after − before) / (100% − before) on the means (Hake 1998), bootstrap interval",
    },
    "report.training.method.unpaired": {
        "fr": "comptés seulement dans l'analyse non appariée (résultats détaillés)",
        "en": "counted only in the unpaired analysis (detailed results)",
    },
    "report.training.method.practice": {
        "fr": "part des participants répondant oui à au moins une question de changement de pratique, intervalle de Wilson",
        "en": "share of participants answering yes to at least one change-of-practice question, Wilson interval",
    },
    "report.training.method.plans": {
        "fr": "état de chaque action du plan à distance ; parts des actions, sans intervalle",
        "en": "state of each action of the plan, later on; shares of the actions, without interval",
    },
    "plot.activity.title": {
        "fr": "Activité de partenariat, mois par mois",
        "en": "Partnership activity, month by month",
    },
    "plot.activity.partners": {"fr": "Partenaires\nactifs", "en": "Active\npartners"},
    "plot.activity.meetings": {"fr": "Réunions\ntenues", "en": "Meetings\nheld"},
    "plot.activity.rate": {"fr": "Participation\naux réunions", "en": "Meeting\nattendance"},
    "plot.activity.support": {"fr": "Séances\nd'accompagnement", "en": "Support\nsessions"},
    "plot.activity.role.patient": {"fr": "patient", "en": "patient"},
    "plot.activity.role.proche_aidant": {"fr": "proche aidant", "en": "carer"},
    "plot.activity.role.representant_usagers": {
        "fr": "représentant des usagers",
        "en": "user representative",
    },
    "plot.activity.role.association": {"fr": "association", "en": "association"},
    "plot.activity.support.formation_action": {"fr": "formation-action", "en": "training-action"},
    "plot.activity.support.accompagnement": {"fr": "accompagnement", "en": "accompaniment"},
    "plot.activity.support.communaute_pratique": {
        "fr": "communauté de pratique",
        "en": "community of practice",
    },
    "report.roadmap.title": {"fr": "Feuille de route", "en": "Roadmap"},
    "report.roadmap.programme-title": {
        "fr": "Feuille de route des établissements",
        "en": "The establishments' roadmap",
    },
    "report.roadmap.absent": {
        "fr": "Aucune feuille de route fournie pour le programme.",
        "en": "No roadmap supplied for the programme.",
    },
    "report.roadmap.none": {
        "fr": "Aucune ligne de la feuille de route ne porte sur cette équipe.",
        "en": "No roadmap line concerns this team.",
    },
    "report.roadmap.none-programme": {
        "fr": "Aucune ligne de la feuille de route ne porte sur un établissement entier (les lignes des équipes sont dans leurs rapports).",
        "en": "No roadmap line concerns a whole establishment (the teams' lines are in their reports).",
    },
    "report.roadmap.lead": {
        "fr": "Actions suivies : {n} ({detail}).",
        "en": "Actions followed: {n} ({detail}).",
    },
    "report.roadmap.status.achieved": {"fr": "atteint", "en": "achieved"},
    "report.roadmap.status.on_track": {"fr": "en bonne voie", "en": "on track"},
    "report.roadmap.status.late": {"fr": "en retard", "en": "behind"},
    "report.roadmap.status.not_measured": {"fr": "non mesuré", "en": "not measured"},
    "report.roadmap.status.no_target": {"fr": "sans cible", "en": "no target"},
    "report.roadmap.status.no_indicator": {"fr": "sans indicateur", "en": "no indicator"},
    "report.roadmap.status.suppressed": {"fr": "non publié", "en": "not published"},
    "report.roadmap.interval": {"fr": "IC 95 % {low} à {high}", "en": "95% CI {low} to {high}"},
    "report.roadmap.col.action": {
        "fr": "Axe › objectif, action (pilote · instance)",
        "en": "Axis › objective, action (owner · body)",
    },
    "report.roadmap.col.indicator": {
        "fr": "Indicateur de suivi, cible finale (échéance)",
        "en": "Indicator, final target (deadline)",
    },
    "report.roadmap.col.latest": {"fr": "Dernière mesure", "en": "Latest measure"},
    "report.roadmap.col.timeline": {
        "fr": "Calendrier ({first} → {last})",
        "en": "Timeline ({first} → {last})",
    },
    "report.roadmap.col.status": {"fr": "Statut et pourquoi", "en": "Status and why"},
    "report.roadmap.probability.low": {"fr": "moins de 1 %", "en": "under 1%"},
    "report.roadmap.probability.high": {"fr": "plus de 99 %", "en": "over 99%"},
    "report.roadmap.target": {
        "fr": "cible {value} d'ici {deadline}",
        "en": "target {value} by {deadline}",
    },
    "report.roadmap.year": {"fr": "année {k}", "en": "year {k}"},
    "report.roadmap.baseline": {"fr": "départ", "en": "baseline"},
    "report.roadmap.score-global": {
        "fr": "{name} : score global",
        "en": "{name}: overall score",
    },
    "report.roadmap.activity.partenaires": {
        "fr": "Partenaires actifs par mois",
        "en": "Active partners per month",
    },
    "report.roadmap.activity.taux_participation": {
        "fr": "Participation des partenaires aux réunions (%)",
        "en": "Partners' meeting attendance (%)",
    },
    "report.roadmap.activity.heures_par_partenaire": {
        "fr": "Heures par partenaire et par mois",
        "en": "Hours per partner and month",
    },
    "report.roadmap.activity.retention": {
        "fr": "Partenaires encore actifs à 12 mois (%)",
        "en": "Partners still active at 12 months (%)",
    },
    "report.roadmap.reason.no_indicator": {
        "fr": "action sans indicateur de suivi",
        "en": "action without a follow-up indicator",
    },
    "report.roadmap.reason.not_measured": {
        "fr": "aucune mesure depuis le début de la feuille de route",
        "en": "no measure since the roadmap began",
    },
    "report.roadmap.reason.no_target": {
        "fr": "aucune cible fixée : rien à atteindre",
        "en": "no target set: nothing to attain",
    },
    "report.roadmap.reason.suppressed": {
        "fr": "dernière mesure sur moins de {min_cell} personnes : valeur et statut non publiés",
        "en": "latest measure on fewer than {min_cell} people: value and status not published",
    },
    "report.roadmap.rule.interval": {
        "fr": "l'intervalle de la dernière mesure ({period}) est entièrement du bon côté de la cible {target}",
        "en": "the latest measure's interval ({period}) lies wholly on the right side of the target {target}",
    },
    "report.roadmap.rule.deadline_passed": {
        "fr": "échéance passée ({deadline}) sans que l'intervalle de la dernière mesure dépasse la cible {target}",
        "en": "deadline passed ({deadline}) without the latest measure's interval clearing the target {target}",
    },
    "report.roadmap.rule.projection": {
        "fr": "tendance projetée à l'échéance : {projection} ({low} à {high}) ; probabilité d'atteindre la cible {final} : {probability}",
        "en": "trend projected to the deadline: {projection} ({low} to {high}); probability of reaching the target {final}: {probability}",
    },
    "report.roadmap.rule.latest_vs_target.met": {
        "fr": "pas de tendance calculable ; la dernière mesure atteint la cible en vigueur {target}",
        "en": "no trend can be fitted; the latest measure reaches the target in force {target}",
    },
    "report.roadmap.rule.latest_vs_target.not-met": {
        "fr": "pas de tendance calculable ; la dernière mesure n'atteint pas la cible en vigueur {target}",
        "en": "no trend can be fitted; the latest measure falls short of the target in force {target}",
    },
    "report.roadmap.note": {
        "fr": "Calendrier : de la date de début à l'échéance de chaque action ; trait pointillé : dernier mois de données ({as_of}), date à laquelle les statuts sont établis.",
        "en": "Timeline: from each action's start to its deadline; dotted line: last month of data ({as_of}), the date the statuses refer to.",
    },
    "report.roadmap.rule": {
        "fr": "Règle des statuts. Sans indicateur : « sans indicateur ». Aucune mesure depuis le début : « non mesuré ». Atteint : l'intervalle de confiance à 95 % de la dernière mesure est entièrement du bon côté de la cible de sa période (cible de l'année, ou la suivante fixée). Sinon, échéance passée : « en retard ». Sinon, une droite est ajustée aux valeurs mensuelles depuis le début (moindres carrés, pondérés par les effectifs ; au moins 6 mois) et projetée à l'échéance : « en bonne voie » si la probabilité que sa valeur à l'échéance atteigne la cible finale est d'au moins 50 %, « en retard » sinon ; sans projection possible (scores de questionnaire, moins de 6 mois), la dernière mesure est comparée à la cible en vigueur. Les statuts sont établis au dernier mois de données, jamais à la date du jour.",
        "en": "Status rule. No indicator: 'no indicator'. No measure since the start: 'not measured'. Achieved: the 95% confidence interval of the latest measure lies wholly on the right side of its period's target (the year's target, or the next one set). Otherwise, deadline passed: 'behind'. Otherwise a straight line is fitted to the monthly values since the start (least squares weighted by the counts; at least 6 months) and projected to the deadline: 'on track' when the probability that its value at the deadline reaches the final target is at least 50%, else 'behind'; without a projection (questionnaire scores, fewer than 6 months) the latest measure is compared with the target in force. Statuses refer to the last month of data, never to today's date.",
    },
    "report.evidence.title": {
        "fr": "Éléments de preuve pour la certification",
        "en": "Evidence for certification",
    },
    "report.evidence.none": {
        "fr": "Aucun critère de certification n'est renseigné (colonne « certification » des catalogues et de la feuille de route) : pas de tableau de preuves.",
        "en": "No certification criterion is given (the 'certification' column of the catalogues and of the roadmap): no evidence table.",
    },
    "report.evidence.intro": {
        "fr": "Nombre de résultats qui documentent chaque critère, par source. Le tableau complet (ce qui a été mesuré, pour qui, quand, le résultat et le lien vers la page qui le montre) est le fichier results/certification.csv. Les codes des critères sont ceux de vos catalogues.",
        "en": "Number of results documenting each criterion, by source. The full table (what was measured, for whom, when, the result and the link to the page that shows it) is the file results/certification.csv. The criterion codes are those of your catalogues.",
    },
    "report.evidence.col.criterion": {"fr": "critère", "en": "criterion"},
    "report.evidence.col.source": {"fr": "source", "en": "source"},
    "report.evidence.col.unit": {"fr": "équipe ou établissement", "en": "team or establishment"},
    "report.evidence.col.what": {"fr": "mesure", "en": "measure"},
    "report.evidence.col.when": {"fr": "quand", "en": "when"},
    "report.evidence.col.result": {"fr": "résultat", "en": "result"},
    "report.evidence.col.report": {"fr": "rapport", "en": "report"},
    "report.evidence.source.indicator": {"fr": "indicateur", "en": "indicator"},
    "report.evidence.source.barometer": {"fr": "baromètre", "en": "barometer"},
    "report.evidence.source.questionnaire": {"fr": "questionnaire", "en": "questionnaire"},
    "report.evidence.source.prem": {"fr": "expérience patient", "en": "patient experience"},
    "report.evidence.source.prom": {"fr": "PROM", "en": "PROM"},
    "report.evidence.source.roadmap": {"fr": "feuille de route", "en": "roadmap"},
    "report.evidence.when.start": {
        "fr": "changement au début du partenariat ({month})",
        "en": "change at the start of the partnership ({month})",
    },
    "report.evidence.when.waves": {"fr": "de la vague T0 à T1", "en": "from wave T0 to T1"},
    "report.evidence.when.periods": {"fr": "avant → après", "en": "before → after"},
    "report.evidence.result": {
        "fr": "{value} ({ci}) : {verdict}",
        "en": "{value} ({ci}): {verdict}",
    },
    "report.evidence.hidden": {
        "fr": "moins de {min_cell} personnes : non publié",
        "en": "fewer than {min_cell} people: not published",
    },
    "report.programme.dose.title": {
        "fr": "Dose–réponse : l'accompagnement et l'intensité du partenariat",
        "en": "Dose–response: support and partnership intensity",
    },
    "report.programme.dose.intro": {
        "fr": "Méta-régression de l'effet de chaque équipe sur la dose d'accompagnement reçue du programme (formation-action, réunions d'accompagnement, communauté de pratique) et sur l'intensité de son partenariat (heures par partenaire et par mois). Les équipes ont choisi leur dose : une pente décrit une association entre équipes, pas l'effet qu'aurait un accompagnement supplémentaire.",
        "en": "Meta-regression of each team's effect on the dose of support it received from the programme (training-action, accompaniment meetings, community of practice) and on the intensity of its partnership (hours per partner and month). Teams chose their dose: a slope describes an association between teams, not the effect more support would have.",
    },
    "report.programme.dose.none": {
        "fr": "Pas d'analyse dose–réponse : aucune dose d'accompagnement ni d'activité de partenariat qui varie entre les équipes.",
        "en": "No dose–response analysis: no support dose or partnership activity that varies between teams.",
    },
    "report.programme.dose.support_dose": {
        "fr": "Dose d'accompagnement reçue du programme",
        "en": "Support received from the programme",
    },
    "report.programme.dose.partner_intensity": {
        "fr": "Intensité du partenariat",
        "en": "Partnership intensity",
    },
    "report.programme.dose.slope.support_dose": {
        "fr": "Pente pour 10 h d'accompagnement",
        "en": "Slope per 10 h of support",
    },
    "report.programme.dose.slope.partner_intensity": {
        "fr": "Pente par heure par partenaire et par mois",
        "en": "Slope per hour per partner and month",
    },
    "report.programme.dose.reading.favourable": {
        "fr": "effet plus favorable quand la dose augmente",
        "en": "more favourable effect as the dose rises",
    },
    "report.programme.dose.reading.unfavourable": {
        "fr": "effet moins favorable quand la dose augmente",
        "en": "less favourable effect as the dose rises",
    },
    "report.programme.dose.reading.inconclusive": {
        "fr": "pas de lien démontré",
        "en": "no demonstrated link",
    },
    "report.programme.dose.note": {
        "fr": "Modèle à effets mixtes (REML, intervalles de Hartung–Knapp) sur les équipes affichées ; pour les taux, facteur × par unité de dose ; R² : part de l'hétérogénéité entre équipes expliquée par la dose.",
        "en": "Mixed-effects model (REML, Hartung–Knapp intervals) over the teams shown; for rates, factor × per unit of dose; R²: share of the between-team heterogeneity explained by the dose.",
    },
    # issue 15 — levels 3–4 (synthesis/training.py, report/training_barometer.py,
    # report/programme_training.py)
    "reason.not_trained": {
        "fr": "l'équipe n'a suivi aucune session de formation",
        "en": "the team attended no training session",
    },
    "reason.no_barometer_data": {
        "fr": "pas de réponse au baromètre pour cette équipe",
        "en": "no barometer answer for this team",
    },
    "reason.no_wave_before_training": {
        "fr": "aucune vague du baromètre dont toutes les réponses précèdent la première formation",
        "en": "no barometer wave all of whose answers precede the first training",
    },
    "reason.no_wave_after_training": {
        "fr": "aucune vague du baromètre dont toutes les réponses suivent la première formation",
        "en": "no barometer wave all of whose answers follow the first training",
    },
    "reason.undated_answers": {
        "fr": "réponses au baromètre sans date : leur vague ne peut pas être située par rapport à la formation",
        "en": "barometer answers without a date: their wave cannot be placed against the training",
    },
    "report.training.barometer.title": {
        "fr": "Baromètre du partenariat avant et après la formation",
        "en": "Partnership barometer before and after the training",
    },
    "report.training.barometer.waves": {
        "fr": "Première formation de l'équipe le {date} : la vague {before} du baromètre, dont toutes les réponses la précèdent, est comparée à la vague {after}, dont toutes les réponses la suivent.",
        "en": "The team's first training on {date}: barometer wave {before}, all of whose answers precede it, is compared with wave {after}, all of whose answers follow it.",
    },
    "report.training.barometer.none": {
        "fr": "Variation du baromètre après la formation non calculée : {reason}.",
        "en": "Change of the barometer after the training not computed: {reason}.",
    },
    "report.training.barometer.note": {
        "fr": "Variation du score moyen d'auto-évaluation ({low}–{high}) de la vague avant la formation à la vague après : tous les répondants (test t pour échantillons partiellement appariés) et répondants présents aux deux vagues (test t apparié). Comparaison avant–après sans groupe témoin : la variation n'est pas l'effet de la seule formation, car le projet et l'équipe évoluent aussi.",
        "en": "Change of the mean self-assessment score ({low}–{high}) from the wave before the training to the wave after: all respondents (partially overlapping samples t-test) and respondents present at both waves (paired t-test). A before–after comparison without a comparison group: the change is not the effect of the training alone, as the project and the team change too.",
    },
    "report.programme.training.title": {
        "fr": "Formation des équipes et effets du programme",
        "en": "Team training and the programme's effects",
    },
    "report.programme.training.intro": {
        "fr": "{n} des {k} équipes analysées ont suivi au moins une session de formation au partenariat (durée médiane : {hours} h par équipe formée, chaque session comptée une fois). L'effet de chaque résultat est regroupé à part pour les équipes formées et pour celles qui ne le sont pas encore, puis mis en relation avec la durée de formation (méta-régression, 0 h pour une équipe non formée).",
        "en": "{n} of the {k} teams analysed attended at least one partnership training session (median length: {hours} h per trained team, each session counted once). Each outcome's effect is pooled apart for the trained teams and for those not yet trained, then related to the length of training (meta-regression, 0 h for a team not trained).",
    },
    "report.programme.training.caution": {
        "fr": "Prudence : la formation n'a pas été attribuée au hasard. Les équipes l'ont demandée ou ont été choisies pour la suivre, souvent parmi les plus engagées, et une équipe compte comme formée quelle que soit la date de sa formation. Une différence entre équipes formées et non formées, ou une pente selon la durée, décrit une association entre équipes ; elle ne mesure pas l'effet de la formation.",
        "en": "Caution: training was not assigned at random. Teams asked for it or were chosen to attend, often among the most committed, and a team counts as trained whatever the date of its training. A difference between trained and untrained teams, or a slope with the length of training, describes an association between teams; it does not measure the effect of the training.",
    },
    "report.programme.training.none": {
        "fr": "Pas d'analyse selon la formation : aucune équipe analysée n'a suivi de session de formation.",
        "en": "No analysis by training: no team analysed attended a training session.",
    },
    "report.programme.training.subgroups": {
        "fr": "Équipes formées et équipes pas encore formées",
        "en": "Trained teams and teams not yet trained",
    },
    "report.programme.training.subgroups.one": {
        "fr": "Toutes les équipes analysées ont été formées : pas de comparaison avec des équipes non formées.",
        "en": "Every team analysed was trained: no comparison with untrained teams.",
    },
    "report.programme.training.dose": {
        "fr": "Durée de formation",
        "en": "Length of training",
    },
    "report.programme.training.dose.none": {
        "fr": "Même durée de formation pour toutes les équipes analysées : pas de méta-régression.",
        "en": "The same length of training for every team analysed: no meta-regression.",
    },
    "report.programme.training.slope": {
        "fr": "Pente par journée de formation (7 h)",
        "en": "Slope per day of training (7 h)",
    },
    "report.value.training_status.trained": {"fr": "formées", "en": "trained"},
    "report.value.training_status.not_trained": {
        "fr": "pas encore formées",
        "en": "not yet trained",
    },
    # issue 17 — parallel-trends sensitivity
    "reason.no_pre_estimates": {
        "fr": "aucune estimation avant le début : pas de test des tendances ni d'analyse de sensibilité",
        "en": "no estimate before the start: no pre-trend test or sensitivity analysis",
    },
    "reason.one_pre_estimate": {
        "fr": "une seule estimation avant le début : les vérifications reposent sur elle",
        "en": "a single estimate before the start: the checks rest on it",
    },
    "reason.no_post_estimates": {
        "fr": "aucune estimation après le début : pas d'effet à borner",
        "en": "no estimate after the start: no effect to bound",
    },
    "reason.not_universal_base": {
        "fr": "les estimations avant le début ne sont pas mesurées par rapport au mois précédant le début",
        "en": "the estimates before the start are not measured against the month before the start",
    },
    "reason.singular_vcov": {
        "fr": "matrice de covariance des estimations singulière ou absente : pas de test",
        "en": "covariance matrix of the estimates singular or missing: no test",
    },
    "reason.ci_includes_zero": {
        "fr": "l'intervalle contient 0 même si les tendances sont parallèles : pas de valeur de rupture",
        "en": "the interval includes 0 even with parallel trends: no breakdown value",
    },
    "report.programme.sensitivity.title": {
        "fr": "Sensibilité aux tendances parallèles",
        "en": "Sensitivity to parallel trends",
    },
    "report.programme.sensitivity.intro": {
        "fr": "La différence de différences suppose que, sans le partenariat, les équipes auraient évolué comme les unités témoins. Deux vérifications, sur les {pre} mois avant le début et l'effet moyen des {post} premiers mois : le test conjoint des écarts avant le début (une petite valeur p signale des tendances déjà différentes) et la valeur de rupture M̄* (Rambachan et Roth 2023) — l'effet reste différent de zéro tant que l'écart de tendance après le début, d'un mois à l'autre, ne dépasse pas M̄* fois le plus grand écart mensuel observé avant le début.",
        "en": "Difference-in-differences assumes that, without the partnership, the teams would have changed like the control units. Two checks, on the {pre} months before the start and the mean effect over the first {post} months: the joint test of the gaps before the start (a small p-value signals trends that already differed) and the breakdown value M̄* (Rambachan and Roth 2023) — the effect stays different from zero as long as the month-to-month gap in trends after the start stays within M̄* times the largest monthly gap seen before the start.",
    },
    "report.programme.sensitivity.col.pretrend": {
        "fr": "Test avant le début (p)",
        "en": "Pre-trend test (p)",
    },
    "report.programme.sensitivity.col.effect": {
        "fr": "Effet moyen sur {post} mois",
        "en": "Mean effect over {post} months",
    },
    "report.programme.sensitivity.col.breakdown": {
        "fr": "Valeur de rupture M̄*",
        "en": "Breakdown value M̄*",
    },
    "report.programme.sensitivity.note": {
        "fr": "Méthode prudente : l'intervalle robuste ajoute au biais maximal permis une borne haute (Bonferroni) du plus grand écart mensuel avant le début, et non le test conditionnel du logiciel HonestDiD ; ses intervalles sont plus larges et ses valeurs de rupture plus petites. Estimateur de Callaway et Sant'Anna avec le mois précédant le début comme référence.",
        "en": "A cautious method: the robust interval adds to the largest bias allowed an upper (Bonferroni) bound of the largest monthly gap before the start, not the conditional test of the HonestDiD software; its intervals are wider and its breakdown values smaller. Callaway and Sant'Anna estimator with the month before the start as reference.",
    },
    "report.programme.sensitivity.robust": {
        "fr": "{outcome} : l'effet resterait différent de zéro même si, chaque mois après le démarrage, les tendances divergeaient jusqu'à {mbar} fois le plus grand écart mensuel observé avant le démarrage.",
        "en": "{outcome}: the effect would remain different from zero even if, each month after the start, trends diverged by up to {mbar} times the largest monthly gap seen before the start.",
    },
    "report.programme.sensitivity.fragile": {
        "fr": "{outcome} : l'effet n'est différent de zéro que si les tendances restent parallèles après le démarrage ; le moindre écart permis le rend indiscernable de zéro.",
        "en": "{outcome}: the effect differs from zero only if trends stay parallel after the start; the slightest gap allowed makes it indistinguishable from zero.",
    },
    "report.programme.sensitivity.none": {
        "fr": "{outcome} : l'effet n'est pas différent de zéro, même avec des tendances parallèles : pas de valeur de rupture.",
        "en": "{outcome}: the effect is not different from zero, even with parallel trends: no breakdown value.",
    },
    "report.programme.sensitivity.chart": {
        "fr": "Sensibilité aux tendances parallèles : {outcome}",
        "en": "Sensitivity to parallel trends: {outcome}",
    },
    "plot.sensitivity.xlabel": {
        "fr": "M̄ : écart de tendance permis après le début, en multiple du plus grand écart mensuel avant",
        "en": "M̄: trend gap allowed after the start, as a multiple of the largest monthly gap before",
    },
    "plot.sensitivity.ylabel": {
        "fr": "Effet moyen sur {post} mois",
        "en": "Mean effect over {post} months",
    },
    "plot.sensitivity.original": {
        "fr": "intervalle à {level} %, tendances parallèles (M̄ = 0)",
        "en": "{level}% interval, parallel trends (M̄ = 0)",
    },
    "plot.sensitivity.robust": {
        "fr": "intervalle robuste à {level} %",
        "en": "{level}% robust interval",
    },
    "plot.sensitivity.breakdown": {
        "fr": "valeur de rupture M̄* = {mbar}",
        "en": "breakdown value M̄* = {mbar}",
    },
    "plot.sensitivity.empty": {
        "fr": "aucune analyse de sensibilité possible",
        "en": "no sensitivity analysis possible",
    },
    # issue 12 — charts
    "family.short.indicator": {"fr": "indicateur", "en": "indicator"},
    "family.short.barometer": {"fr": "baromètre", "en": "barometer"},
    "family.short.prem": {"fr": "expérience patient", "en": "patient experience"},
    "family.short.prom": {"fr": "PROM", "en": "PROM"},
    "label.with-family": {"fr": "{label} ({family})", "en": "{label} ({family})"},
    # issue 12 — small groups
    "report.barometer.col.waves": {"fr": "Vagues", "en": "Waves"},
    "report.small.group-all-waves": {
        "fr": "{group} : moins de {min_cell} répondants à chaque vague ; résultats non affichés.",
        "en": "{group}: fewer than {min_cell} respondents at each wave; results not shown.",
    },
    "report.small.rows-omitted": {
        "fr": "Les lignes portant sur un groupe de moins de {min_cell} personnes ne sont pas affichées.",
        "en": "Rows about a group of fewer than {min_cell} people are not shown.",
    },
    "report.small.table-hidden": {
        "fr": "{what} : moins de {min_cell} personnes dans au moins un des groupes comparés ; résultats non affichés.",
        "en": "{what}: fewer than {min_cell} people in at least one of the groups compared; results not shown.",
    },
    "report.small.section-hidden": {
        "fr": "{what} : moins de {min_cell} personnes dans chaque groupe ; résultats non affichés.",
        "en": "{what}: fewer than {min_cell} people in every group; results not shown.",
    },
    # issue 14 — any Likert questionnaire, one engine (report/questionnaires.py)
    "report.questionnaires.title": {"fr": "Questionnaires", "en": "Questionnaires"},
    "report.section.questionnaires": {"fr": "Questionnaires", "en": "Questionnaires"},
    "report.section.roadmap": {"fr": "Feuille de route", "en": "Roadmap"},
    "report.section.activity": {"fr": "Activité de partenariat", "en": "Partnership activity"},
    "report.questionnaires.none": {
        "fr": "Pas de réponse à ce questionnaire pour cette équipe.",
        "en": "No answer to this questionnaire for this team.",
    },
    "report.questionnaires.absent": {
        "fr": "Aucune réponse aux questionnaires fournie pour le programme.",
        "en": "No questionnaire answer supplied for the programme.",
    },
    "report.questionnaire.scores.note": {
        "fr": "Score moyen ({low} = pas du tout d'accord, {high} = tout à fait d'accord ; items formulés négativement retournés) par dimension, groupe et vague, auto-évaluations ; un groupe de moins de {min_cell} répondants n'est pas montré.",
        "en": "Mean score ({low} = strongly disagree, {high} = strongly agree; negatively worded items reversed) by dimension, group and wave, self-assessments; a group of fewer than {min_cell} respondents is not shown.",
    },
    "report.questionnaire.changes.note": {
        "fr": "Variation du score moyen entre chaque vague et la suivante, et entre la première et la dernière quand l'équipe en a trois ou plus (T0 → T2) : tous les répondants (test t pour échantillons partiellement appariés) et, quand ils sont assez nombreux, les répondants présents aux deux vagues (test t apparié ; p de Wilcoxon dans les résultats détaillés). Le résumé en tête de rapport retient la variation de la première à la dernière vague.",
        "en": "Change of the mean score between each wave and the next, and between the first and the last when the team has three or more (T0 → T2): all respondents (partially overlapping samples t-test) and, when there are enough, respondents present at both waves (paired t-test; Wilcoxon p in the detailed results). The summary at the top of the report uses the change from the first to the last wave.",
    },
    "report.questionnaire.answers": {"fr": "Réponses par item", "en": "Answers by item"},
    "plot.questionnaire.bars.title": {
        "fr": "Réponses aux items (auto-évaluations)",
        "en": "Answers to each item (self-assessments)",
    },
    "plot.barometer.bars.anchor": {
        "fr": "note {score} ({anchor})",
        "en": "score {score} ({anchor})",
    },
    "likert.anchor.low": {"fr": "pas du tout d'accord", "en": "strongly disagree"},
    "likert.anchor.high": {"fr": "tout à fait d'accord", "en": "strongly agree"},
    "questionnaire.reliability.few-items": {
        "fr": "moins de 2 items (k = {k}) : alpha ne peut pas être calculé",
        "en": "fewer than 2 items (k = {k}): alpha cannot be computed",
    },
    "questionnaire.reliability.low-alpha": {
        "fr": "α = {alpha} < {threshold} : les items de cette dimension ne mesurent pas assez la même chose pour que leur moyenne soit interprétée avec confiance",
        "en": "α = {alpha} < {threshold}: the items of this dimension do not measure the same thing closely enough for their mean to be read with confidence",
    },
    "report.overview.unit.questionnaire": {
        "fr": "point (échelle {low}–{high})",
        "en": "points (scale {low}–{high})",
    },
    "report.limits.questionnaires": {
        "fr": "Questionnaires (expérience des patients partenaires, qualité de vie au travail ou tout questionnaire à échelle de Likert du catalogue) : les mêmes calculs que pour le baromètre, sur l'échelle de chaque questionnaire, les items formulés négativement retournés. Les groupes de moins de {min_cell} répondants ne sont pas montrés.",
        "en": "Questionnaires (patient partners' experience, staff quality of working life or any Likert questionnaire of the catalogue): the barometer's computations, on each questionnaire's own scale, negatively worded items reversed. Groups of fewer than {min_cell} respondents are not shown.",
    },
    "report.programme.family.questionnaire": {
        "fr": "Questionnaires (échelles de Likert)",
        "en": "Questionnaires (Likert scales)",
    },
    "family.short.questionnaire": {"fr": "questionnaire", "en": "questionnaire"},
    "label.questionnaire-dimension": {
        "fr": "{questionnaire} : {dimension}",
        "en": "{questionnaire}: {dimension}",
    },
    "report.programme.note.questionnaire-groups": {
        "fr": "{questionnaire} : pour {k} couple(s) équipe × groupe de répondants de moins de {min_cell} répondants à une vague, la variation de l'équipe est celle des groupes affichés seulement, afin qu'aucun groupe masqué ne puisse être recalculé.",
        "en": "{questionnaire}: for {k} team × respondent group pair(s) under {min_cell} respondents at a wave, the team's change is that of the groups shown only, so that no hidden group can be worked back.",
    },
    # issue 16 — free-text comments (report/comments.py, report/programme_comments.py)
    "report.comments.title": {"fr": "Commentaires libres", "en": "Free-text comments"},
    "report.section.comments": {"fr": "Commentaires libres", "en": "Free-text comments"},
    "report.comments.absent": {
        "fr": "Aucun commentaire libre fourni pour le programme.",
        "en": "No free-text comment supplied for the programme.",
    },
    "report.comments.none": {
        "fr": "L'équipe n'a aucun commentaire libre.",
        "en": "The team has no free-text comment.",
    },
    "report.comments.intro": {
        "fr": "Commentaires libres des patients et des proches : {before} avant le début du partenariat, {after} après. Chaque commentaire est d'abord anonymisé (noms, lieux, téléphones, courriels, dates, adresses et chambres remplacés par des étiquettes), puis rattaché à un ou plusieurs thèmes avec une tonalité.",
        "en": "Free-text comments of patients and relatives: {before} before the partnership started, {after} after. Each comment is first de-identified (names, places, phones, e-mails, dates, addresses and rooms replaced by tags), then given one or more themes, each with a tone.",
    },
    "report.comments.small": {
        "fr": "Moins de {min_cell} commentaires avant ou après : les évolutions ne sont pas montrées.",
        "en": "Fewer than {min_cell} comments before or after: no change is shown.",
    },
    "report.comments.chart": {
        "fr": "Part des commentaires par thème, avant et après (partie foncée : ton négatif)",
        "en": "Share of comments by theme, before and after (dark part: negative tone)",
    },
    "report.comments.chart.note": {
        "fr": "Thèmes d'au moins {min_cell} commentaires dans la période.",
        "en": "Themes of at least {min_cell} comments in the period.",
    },
    "report.comments.before": {"fr": "Avant", "en": "Before"},
    "report.comments.after": {"fr": "Après", "en": "After"},
    "report.comments.negative": {"fr": "dont négatifs", "en": "of which negative"},
    "report.comments.col.theme": {"fr": "Thème", "en": "Theme"},
    "report.comments.col.before": {"fr": "Part avant", "en": "Share before"},
    "report.comments.col.after": {"fr": "Part après", "en": "Share after"},
    "report.comments.col.change": {"fr": "Évolution (points)", "en": "Change (points)"},
    "report.comments.col.negative": {
        "fr": "Part négative avant → après",
        "en": "Negative share before → after",
    },
    "report.comments.col.negative-change": {
        "fr": "Évolution de la part négative (points)",
        "en": "Change in the negative share (points)",
    },
    "report.comments.table.note": {
        "fr": "Part des commentaires de la période qui abordent le thème, et part négative parmi eux ; évolution après − avant en points de pourcentage, avec l'intervalle de confiance à 95 % de Newcombe (score de Wilson de chaque proportion, combinés). « {mark} » : thème abordé par moins de {min_cell} commentaires dans une période, non montré.",
        "en": "Share of the period's comments that touch the theme, and the negative share among them; change after − before in percentage points, with Newcombe's 95% confidence interval (the Wilson score intervals of the two proportions, combined). “{mark}”: a theme touched by fewer than {min_cell} comments in a period, not shown.",
    },
    "report.comments.quotes": {"fr": "Exemples de commentaires", "en": "Example comments"},
    "report.comments.quotes.rule": {
        "fr": "Un commentaire par thème et par période, anonymisé, choisi par une règle fixe : parmi les commentaires de {low} à {high} caractères qui abordent le thème, d'abord ceux qui n'abordent que lui, un négatif avant un positif, puis le plus court ; aucun commentaire d'un groupe de moins de {min_cell}.",
        "en": "One comment per theme and period, de-identified, chosen by a fixed rule: among the comments of {low} to {high} characters touching the theme, those touching it alone first, a negative one before a positive one, then the shortest; none from a group of fewer than {min_cell}.",
    },
    "report.comments.quotes.none": {
        "fr": "Aucun commentaire ne peut être cité.",
        "en": "No comment can be quoted.",
    },
    "report.comments.methods": {"fr": "Méthode et exactitude", "en": "Method and accuracy"},
    "report.comments.method.règles": {
        "fr": "Thèmes et tonalités trouvés par des règles transparentes : expressions du catalogue des thèmes et lexique de polarité, négations et contrastes pris en compte.",
        "en": "Themes and tones found by transparent rules: the theme catalogue's expressions and the polarity lexicon, with negations and contrasts handled.",
    },
    "report.comments.method.supervisé": {
        "fr": "Thèmes et tonalités prédits par un modèle supervisé entraîné sur les commentaires relus du programme (meilleur que les règles en validation croisée sur ces commentaires).",
        "en": "Themes and tones predicted by a supervised model trained on the programme's reviewed comments (better than the rules in cross-validation on those comments).",
    },
    "report.comments.method.reviewed": {
        "fr": "{n} commentaire(s) du programme relu(s) : leurs thèmes et tonalités sont ceux de la relecture.",
        "en": "{n} comment(s) of the programme reviewed: their themes and tones are the reviewers'.",
    },
    "report.comments.accuracy": {
        "fr": "Exactitude mesurée lors de ce calcul sur les commentaires étiquetés à la main et mis à l'écart (jamais utilisés pour écrire les règles) : anonymisation, rappel {all} des {n_spans} données personnelles (noms {nom}, téléphones {tel}, courriels {mail}) ; thèmes, F1 macro {f1} sur {n_pairs} couples commentaire × thème ; tonalité juste pour {tone} des {n_tone} thèmes trouvés.",
        "en": "Accuracy measured in this run on hand-labelled comments kept apart (never used to write the rules): de-identification, recall {all} of {n_spans} personal data (names {nom}, phones {tel}, e-mails {mail}); themes, macro-F1 {f1} over {n_pairs} comment × theme pairs; tone right for {tone} of {n_tone} themes found.",
    },
    "report.programme.comments.title": {
        "fr": "Commentaires libres : évolution des thèmes",
        "en": "Free-text comments: change of themes",
    },
    "report.programme.comments.none": {
        "fr": "Aucune équipe n'a assez de commentaires libres pour une évolution.",
        "en": "No team has enough free-text comments for a change.",
    },
    "report.programme.comments.intro": {
        "fr": "Évolution après − avant de la part des commentaires qui abordent chaque thème et de la part négative parmi eux, mise en commun entre les équipes (effets aléatoires, REML, intervalle de Hartung–Knapp ; k équipes). Chaque équipe entre avec sa différence et l'erreur type de Wald après ajout d'un commentaire abordant et d'un n'abordant pas le thème par période (Agresti–Caffo). Seules les évolutions montrées dans les rapports d'équipe sont mises en commun.",
        "en": "Change after − before in the share of comments touching each theme and in the negative share among them, pooled across teams (random effects, REML, Hartung–Knapp interval; k teams). Each team enters with its difference and the Wald standard error after adding one comment touching and one not touching the theme per period (Agresti–Caffo). Only the changes shown in the team reports are pooled.",
    },
    "report.programme.comments.excluded": {
        "fr": "{n} équipe(s) avec des commentaires laissée(s) de côté : moins de {min_cell} commentaires dans une période.",
        "en": "{n} team(s) with comments left out: fewer than {min_cell} comments in a period.",
    },
    "report.programme.comments.col.k": {"fr": "k équipes", "en": "k teams"},
}


def t(key: str, lang: str = "fr", /, **fields: object) -> str:
    """Return the label ``key`` in ``lang`` (``"fr"`` or ``"en"``), formatted with ``fields``.

    Examples
    --------
    >>> t("verdict.improved", "en")
    'improved'
    """
    return translate(LABELS, key, lang, **fields)
