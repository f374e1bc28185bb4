"""Every user-facing label and message, in French (default) and English.

Look a text up with :func:`t`; the French text is the reference. Messages take
``str.format`` fields.
"""

from __future__ import annotations

__all__ = ["LANGUAGES", "t"]

LANGUAGES = ("fr", "en")

LABELS: dict[str, dict[str, str]] = {
    # --- validation messages (rule codes of impact.validation) ---
    "rule.file-missing": {
        "fr": "fichier absent : la table « {table} » est obligatoire ({expected})",
        "en": "missing file: table '{table}' is required ({expected})",
    },
    "rule.sheet-missing": {
        "fr": "feuille absente : le classeur n'a pas de feuille « {table} » (feuilles trouvées : {found})",
        "en": "missing sheet: the workbook has no sheet '{table}' (sheets found: {found})",
    },
    "rule.empty-file": {
        "fr": "fichier vide : aucune ligne d'en-tête",
        "en": "empty file: no header row",
    },
    "rule.no-rows": {
        "fr": "aucune donnée : le fichier n'a que la ligne d'en-tête",
        "en": "no data: the file has only its header row",
    },
    "rule.encoding": {
        "fr": "encodage illisible : ni UTF-8 ni Windows-1252",
        "en": "unreadable encoding: neither UTF-8 nor Windows-1252",
    },
    "rule.separator": {
        "fr": "séparateur non reconnu : l'en-tête ne contient ni « , » ni « ; » ni tabulation (attendu : colonnes séparées par « ; » ou « , »)",
        "en": "separator not recognised: the header has no ',' nor ';' nor tab (expected columns separated by ';' or ',')",
    },
    "rule.parse": {
        "fr": "fichier illisible : {detail}",
        "en": "unreadable file: {detail}",
    },
    "rule.missing-column": {
        "fr": "colonne obligatoire absente : « {column} » ({title})",
        "en": "required column missing: '{column}' ({title})",
    },
    "rule.unknown-column": {
        "fr": "colonne inconnue ignorée : « {column} »",
        "en": "unknown column ignored: '{column}'",
    },
    "rule.required": {
        "fr": "valeur obligatoire manquante dans « {column} » ({title})",
        "en": "required value missing in '{column}' ({title})",
    },
    "rule.type": {
        "fr": "« {value} » n'est pas {expected} dans « {column} »",
        "en": "'{value}' is not {expected} in '{column}'",
    },
    "rule.enum": {
        "fr": "« {value} » n'est pas une valeur permise de « {column} » (permises : {allowed})",
        "en": "'{value}' is not an allowed value of '{column}' (allowed: {allowed})",
    },
    "rule.minimum": {
        "fr": "{value} est inférieur au minimum {limit} de « {column} »",
        "en": "{value} is below the minimum {limit} of '{column}'",
    },
    "rule.maximum": {
        "fr": "{value} dépasse le maximum {limit} de « {column} »",
        "en": "{value} is above the maximum {limit} of '{column}'",
    },
    "rule.pattern": {
        "fr": "« {value} » n'a pas la forme attendue pour « {column} » (lettres, chiffres, _ . -)",
        "en": "'{value}' does not have the expected form for '{column}' (letters, digits, _ . -)",
    },
    "rule.duplicate-key": {
        "fr": "doublon : la clé {key} = {value} apparaît déjà ligne {first_row}",
        "en": "duplicate: key {key} = {value} already appears on row {first_row}",
    },
    "rule.foreign-key": {
        "fr": "« {value} » dans « {column} » n'existe pas dans la table « {ref_table} »",
        "en": "'{value}' in '{column}' does not exist in table '{ref_table}'",
    },
    "rule.scale-range": {
        "fr": "la note {value} sort de l'échelle {low}–{high} du critère {item}",
        "en": "score {value} is outside the {low}–{high} scale of item {item}",
    },
    "rule.answer-code": {
        "fr": "le code réponse {value} n'existe pas dans l'échelle « {scale} » de la question {item} (codes : {allowed})",
        "en": "answer code {value} does not exist in scale '{scale}' of item {item} (codes: {allowed})",
    },
    "rule.start-date-required": {
        "fr": "date de début manquante : obligatoire pour une équipe du programme (comparison = non)",
        "en": "missing start date: required for a programme team (comparison = no)",
    },
    "rule.date-order": {
        "fr": "la date de fin {value} précède la date de début",
        "en": "end date {value} is before the start date",
    },
    "rule.role-required": {
        "fr": "rôle manquant : obligatoire pour une auto-évaluation",
        "en": "missing role: required for a self-assessment",
    },
    "rule.kind-columns": {
        "fr": "l'indicateur {item} est de type {kind} : « {column} » doit être renseigné",
        "en": "indicator {item} is of kind {kind}: '{column}' must be filled in",
    },
    "rule.numerator-exceeds-denominator": {
        "fr": "le numérateur {value} dépasse le dénominateur {limit} (indicateur {item}, une proportion)",
        "en": "numerator {value} exceeds denominator {limit} (indicator {item}, a proportion)",
    },
    "rule.no-post-period": {
        "fr": "l'équipe {value} n'a aucune valeur d'indicateur après sa date de début",
        "en": "team {value} has no indicator value after its start date",
    },
    "rule.small-prem-period": {
        "fr": "l'équipe {value} n'a que {n} questionnaires PREM pour la période « {period} » (moins de {threshold})",
        "en": "team {value} has only {n} PREM questionnaires in period '{period}' (fewer than {threshold})",
    },
    "type.integer": {"fr": "un nombre entier", "en": "a whole number"},
    "type.number": {"fr": "un nombre", "en": "a number"},
    "type.date": {"fr": "une date (AAAA-MM-JJ ou JJ/MM/AAAA)", "en": "a date (YYYY-MM-DD or DD/MM/YYYY)"},
    "type.yearmonth": {"fr": "un mois (AAAA-MM ou MM/AAAA)", "en": "a month (YYYY-MM or MM/YYYY)"},
    "type.boolean": {"fr": "un booléen (oui/non, vrai/faux, 1/0)", "en": "a boolean (yes/no, true/false, 1/0)"},
    "validate.header": {
        "fr": "{n_errors} erreur(s) et {n_warnings} avertissement(s) dans {path}",
        "en": "{n_errors} error(s) and {n_warnings} warning(s) in {path}",
    },
    "validate.ok": {
        "fr": "Données valides : {path} ({summary})",
        "en": "Valid data: {path} ({summary})",
    },
    "validate.error": {"fr": "ERREUR", "en": "ERROR"},
    "validate.warning": {"fr": "AVERTISSEMENT", "en": "WARNING"},
    "validate.row": {"fr": "ligne", "en": "row"},
    "validate.more": {
        "fr": "… et {n} autre(s) problème(s) ; liste complète : --problems FICHIER.csv",
        "en": "… and {n} more problem(s); full list: --problems FILE.csv",
    },
    "cli.not-found": {
        "fr": "chemin introuvable : {path}",
        "en": "path not found: {path}",
    },
    # --- report labels ---
    # --- programme report (report.programme.*) ---
    "report.programme.title": {"fr": "Rapport du programme", "en": "Programme report"},
    "report.programme.intro": {"fr": "Synthèse des {teams} équipes du programme, réparties dans {ghu} groupes hospitaliers : ce que le programme a changé dans son ensemble, combien les équipes diffèrent et ce qui explique ces différences.", "en": "Synthesis of the programme's {teams} teams in {ghu} hospital groups: what the programme changed as a whole, how much teams differ and what explains the differences."},
    "report.programme.toc": {"fr": "Sommaire", "en": "Contents"},
    "report.programme.ci": {"fr": "IC à 95 %", "en": "95% CI"},
    "report.programme.summary.title": {"fr": "En bref", "en": "In brief"},
    "report.programme.summary.none": {"fr": "Aucun effet n'a pu être estimé : les données ne contiennent aucun résultat par équipe.", "en": "No effect could be estimated: the data hold no team-level result."},
    "report.programme.summary.improved": {"fr": "Ce qui s'est amélioré à l'échelle du programme ({n} résultats sur {k} : l'intervalle de confiance de l'effet global est entièrement du côté favorable) :", "en": "What improved across the programme ({n} of {k} outcomes: the confidence interval of the pooled effect lies wholly on the favourable side):"},
    "report.programme.summary.improved.none": {"fr": "Aucun résultat ne s'est amélioré de façon démontrée à l'échelle du programme.", "en": "No outcome improved demonstrably across the programme."},
    "report.programme.summary.worsened": {"fr": "Ce qui s'est dégradé ({n} résultats sur {k}) :", "en": "What worsened ({n} of {k} outcomes):"},
    "report.programme.summary.worsened.none": {"fr": "Aucun résultat ne s'est dégradé de façon démontrée à l'échelle du programme.", "en": "No outcome worsened demonstrably across the programme."},
    "report.programme.summary.inconclusive": {"fr": "Ce qu'on ne peut pas conclure : {names}. L'intervalle de confiance de l'effet global contient l'absence d'effet : les données sont compatibles avec une amélioration comme avec l'absence de changement (trop peu d'équipes, mesures trop imprécises ou équipes trop différentes).", "en": "What cannot be concluded: {names}. The confidence interval of the pooled effect includes no effect: the data are compatible with an improvement as well as with no change (too few teams, imprecise measures or teams too different)."},
    "report.programme.summary.few": {"fr": "Trop peu d'équipes (moins de 3) pour un effet global fiable : {names}.", "en": "Too few teams (fewer than 3) for a reliable pooled effect: {names}."},
    "report.programme.summary.varies": {"fr": "Pour {n} des résultats concluants, les équipes diffèrent tant que l'intervalle de prédiction franchit l'absence d'effet : une nouvelle équipe pourrait ne pas en bénéficier.", "en": "For {n} of the conclusive outcomes, teams differ so much that the prediction interval crosses no effect: a new team might not benefit."},
    "report.programme.summary.participation": {"fr": "L'effet est plus favorable aux niveaux de participation élevés pour {n} résultats sur {k} (méta-régression sur le niveau de participation, intervalle entièrement du côté favorable).", "en": "The effect is more favourable at higher participation levels for {n} of {k} outcomes (meta-regression on the participation level, interval wholly on the favourable side)."},
    "report.programme.summary.caveat": {"fr": "Ces effets comparent chaque équipe à elle-même avant et après le début du partenariat (en tenant compte de la tendance de fond pour les indicateurs) ; sans tirage au sort, d'autres changements survenus au même moment peuvent y contribuer. La comparaison avec les unités témoins (différence de différences) aide à en juger.", "en": "These effects compare each team with itself before and after the partnership started (allowing for the underlying trend for indicators); without randomisation, other changes at the same time may contribute. The comparison with control units (difference-in-differences) helps to judge."},
    "report.programme.summary.teams-improved": {"fr": "{n} équipes sur {k} améliorées", "en": "{n} of {k} teams improved"},
    "report.programme.reaim.title": {"fr": "Le programme selon RE-AIM", "en": "The programme in the RE-AIM frame"},
    "report.programme.reaim.note": {"fr": "Cadre RE-AIM (Glasgow, Vogt & Boles 1999) : portée, adoption, mise en œuvre, efficacité, maintien. Un effectif de moins de {min_cell} personnes n'est pas montré (« < {min_cell} ») ; les nombres d'équipes, d'hôpitaux ou de groupes hospitaliers ne sont pas des personnes et sont toujours montrés.", "en": "RE-AIM frame (Glasgow, Vogt & Boles 1999): reach, adoption, implementation, effectiveness, maintenance. A count of fewer than {min_cell} people is not shown ('< {min_cell}'); numbers of teams, hospitals or hospital groups are not people and are always shown."},
    "report.programme.reaim.col.dimension": {"fr": "Dimension", "en": "Dimension"},
    "report.programme.reaim.col.measure": {"fr": "Mesure", "en": "Measure"},
    "report.programme.reaim.col.value": {"fr": "Valeur", "en": "Value"},
    "report.programme.reaim.col.detail": {"fr": "Détail", "en": "Detail"},
    "report.programme.reaim.reach": {"fr": "Portée", "en": "Reach"},
    "report.programme.reaim.adoption": {"fr": "Adoption", "en": "Adoption"},
    "report.programme.reaim.implementation": {"fr": "Mise en œuvre", "en": "Implementation"},
    "report.programme.reaim.effectiveness": {"fr": "Efficacité", "en": "Effectiveness"},
    "report.programme.reaim.maintenance": {"fr": "Maintien", "en": "Maintenance"},
    "report.programme.reaim.patient_partners": {"fr": "Patients partenaires engagés", "en": "Patient partners engaged"},
    "report.programme.reaim.participation_rate": {"fr": "Taux de participation des patients partenaires aux réunions, après le début", "en": "Patient partners' attendance at project meetings, after the start"},
    "report.programme.reaim.barometer_respondents": {"fr": "Répondants au baromètre (auto-évaluations)", "en": "Barometer respondents (self-assessments)"},
    "report.programme.reaim.prem_questionnaires": {"fr": "Questionnaires d'expérience patient (PREM)", "en": "Patient-experience questionnaires (PREM)"},
    "report.programme.reaim.prom_patients": {"fr": "Patients suivis par un PROM", "en": "Patients followed with a PROM"},
    "report.programme.reaim.teams": {"fr": "Équipes du programme", "en": "Programme teams"},
    "report.programme.reaim.hospitals": {"fr": "Hôpitaux", "en": "Hospitals"},
    "report.programme.reaim.ghu": {"fr": "Groupes hospitaliers (GHU) couverts", "en": "Hospital groups (GHU) covered"},
    "report.programme.reaim.ghu_share": {"fr": "Part des groupes hospitaliers couverts", "en": "Share of hospital groups covered"},
    "report.programme.reaim.domains": {"fr": "Domaines", "en": "Domains"},
    "report.programme.reaim.modes": {"fr": "Modes d'intervention", "en": "Intervention modes"},
    "report.programme.reaim.codecision": {"fr": "Score de co-décision du baromètre à la dernière vague (0–4)", "en": "Barometer co-decision score at the last wave (0–4)"},
    "report.programme.reaim.barometer_later": {"fr": "Évolution du score global du baromètre après T1", "en": "Change of the global barometer score after T1"},
    "report.programme.reaim.family": {"fr": "Résultats regroupés", "en": "Pooled outcomes"},
    "report.programme.reaim.partners.detail": {"fr": "{teams} équipes sur {n_teams} ont au moins un patient partenaire ; {mean} en moyenne par équipe (médiane {median})", "en": "{teams} of {n_teams} teams have at least one patient partner; {mean} per team on average (median {median})"},
    "report.programme.reaim.participation.detail": {"fr": "médiane par équipe {median} % (quartiles {q1} à {q3} %, {teams} équipes)", "en": "median per team {median}% (quartiles {q1} to {q3}%, {teams} teams)"},
    "report.programme.reaim.barometer.detail": {"fr": "professionnels : {professionals} ; côté patients : {patients}", "en": "professionals: {professionals}; patient side: {patients}"},
    "report.programme.reaim.prom.detail": {"fr": "dans {teams} équipes", "en": "in {teams} teams"},
    "report.programme.reaim.teams.detail": {"fr": "et {comparison} unités de comparaison hors programme", "en": "and {comparison} comparison units outside the programme"},
    "report.programme.reaim.ghu.detail": {"fr": "sur {known} groupes présents dans les données ({share} %)", "en": "of {known} groups in the data ({share}%)"},
    "report.programme.reaim.level": {"fr": "Équipes au niveau « {level} »", "en": "Teams at level '{level}'"},
    "report.programme.reaim.level.detail": {"fr": "{share} % des équipes", "en": "{share}% of teams"},
    "report.programme.reaim.codecision.detail": {"fr": "{n} répondants ; professionnels {professionals} (n = {n_pro}), côté patients {patients} (n = {n_pat})", "en": "{n} respondents; professionals {professionals} (n = {n_pro}), patient side {patients} (n = {n_pat})"},
    "report.programme.reaim.improved": {"fr": "résultats améliorés sur {k}", "en": "outcomes improved out of {k}"},
    "report.programme.reaim.maintenance.detail": {"fr": "{before} → {after} : IC à 95 % {low} à {high} ; {k} équipes ; {n_before} puis {n_after} répondants", "en": "{before} → {after}: 95% CI {low} to {high}; {k} teams; {n_before} then {n_after} respondents"},
    "report.programme.reaim.maintenance.none": {"fr": "Maintien non mesuré : aucune équipe n'a de vague {wave} du baromètre.", "en": "Maintenance not measured: no team has a barometer wave {wave}."},
    "report.programme.not-measured": {"fr": "non mesuré", "en": "not measured"},
    "report.programme.family.indicator": {"fr": "Indicateurs de soins", "en": "Care indicators"},
    "report.programme.family.barometer": {"fr": "Baromètre du partenariat", "en": "Partnership barometer"},
    "report.programme.family.prem": {"fr": "Expérience patient (PREM)", "en": "Patient experience (PREM)"},
    "report.programme.family.prom": {"fr": "Résultats rapportés par les patients (PROM)", "en": "Patient-reported outcomes (PROM)"},
    "report.programme.note.no-family": {"fr": "{family} : pas de données, résultats absents.", "en": "{family}: no data, no results."},
    "report.programme.note.no-comparison": {"fr": "Pas d'unité de comparaison : la différence de différences n'est pas calculée.", "en": "No comparison unit: difference-in-differences not computed."},
    "report.programme.note.no-indicators": {"fr": "Pas de valeurs d'indicateurs : la différence de différences n'est pas calculée.", "en": "No indicator values: difference-in-differences not computed."},
    "report.programme.notes.title": {"fr": "Ce qui n'a pas pu être calculé", "en": "What could not be computed"},
    "report.programme.notes.none": {"fr": "Toutes les analyses prévues ont pu être calculées.", "en": "Every planned analysis could be computed."},
    "report.programme.effectiveness.title": {"fr": "Efficacité : effet global par résultat", "en": "Effectiveness: pooled effect per outcome"},
    "report.programme.effectiveness.intro": {"fr": "Pour chaque résultat, les effets des équipes sont regroupés par une méta-analyse à effets aléatoires : l'effet global est l'effet moyen des équipes ; l'intervalle de prédiction est la plage où l'on attend l'effet d'une nouvelle équipe ; I² est la part de la variabilité entre équipes qui ne vient pas du hasard de l'échantillonnage.", "en": "For each outcome, the teams' effects are pooled by a random-effects meta-analysis: the pooled effect is the teams' mean effect; the prediction interval is where a new team's effect is expected; I² is the share of the variability between teams not due to sampling error."},
    "report.programme.chart.title": {"fr": "Part des équipes améliorées, sans conclusion et dégradées, par résultat (à droite : conclusion de l'effet global)", "en": "Share of teams improved, inconclusive and worsened, per outcome (right: verdict of the pooled effect)"},
    "report.programme.chart.xlabel": {"fr": "Part des équipes (%)", "en": "Share of teams (%)"},
    "report.programme.col.outcome": {"fr": "Résultat", "en": "Outcome"},
    "report.programme.col.unit": {"fr": "Mesure", "en": "Measure"},
    "report.programme.col.k": {"fr": "Équipes", "en": "Teams"},
    "report.programme.col.effect": {"fr": "Effet global", "en": "Pooled effect"},
    "report.programme.col.ci": {"fr": "IC à 95 %", "en": "95% CI"},
    "report.programme.col.pi": {"fr": "Intervalle de prédiction à 95 %", "en": "95% prediction interval"},
    "report.programme.col.i2": {"fr": "I² (%)", "en": "I² (%)"},
    "report.programme.col.tau2": {"fr": "τ²", "en": "τ²"},
    "report.programme.col.q_p": {"fr": "p (Q)", "en": "p (Q)"},
    "report.programme.col.improved": {"fr": "Équipes améliorées", "en": "Teams improved"},
    "report.programme.col.verdict": {"fr": "Conclusion", "en": "Verdict"},
    "report.programme.col.q_between": {"fr": "p (entre sous-groupes)", "en": "p (between subgroups)"},
    "report.programme.col.q_moderator": {"fr": "p (modérateur)", "en": "p (moderator)"},
    "report.programme.share": {"fr": "{n}/{k} ({share} %)", "en": "{n}/{k} ({share}%)"},
    "report.programme.pooled.note": {"fr": "Effet global : rapport (×) pour les taux, différence après − avant sinon ; pour les indicateurs, saut de niveau de la série mensuelle au début du partenariat. Une équipe « améliorée » a son propre intervalle de confiance entièrement du côté favorable.", "en": "Pooled effect: ratio (×) for rates, after − before difference otherwise; for indicators, the level change of the monthly series at the partnership's start. A team 'improved' when its own confidence interval lies wholly on the favourable side."},
    "report.programme.unit.ratio": {"fr": "rapport de taux", "en": "rate ratio"},
    "report.programme.unit.points": {"fr": "points de pourcentage", "en": "percentage points"},
    "report.programme.unit.scale": {"fr": "points ({low}–{high})", "en": "points ({low}–{high})"},
    "report.programme.unit.barometer": {"fr": "points (0–4)", "en": "points (0–4)"},
    "report.programme.unit.prem": {"fr": "points (0–100)", "en": "points (0–100)"},
    "report.programme.forest.alt": {"fr": "Graphique en forêt : {outcome}", "en": "Forest plot: {outcome}"},
    "report.programme.forest.summary": {"fr": "Effet par équipe : {outcome}", "en": "Effect per team: {outcome}"},
    "report.programme.forest.hidden": {"fr": "{n} équipes non montrées individuellement (un effectif de moins de {min_cell} personnes), mais comprises dans l'effet global.", "en": "{n} teams not shown individually (a count under {min_cell} people), but included in the pooled effect."},
    "report.programme.funnel.alt": {"fr": "Effet selon sa précision (graphique en entonnoir) : {outcome}", "en": "Effect against its precision (funnel plot): {outcome}"},
    "report.programme.subgroups.title": {"fr": "Différences entre sous-groupes d'équipes", "en": "Differences between subgroups of teams"},
    "report.programme.subgroups.intro": {"fr": "Effet global par niveau de participation, groupe hospitalier et domaine, avec deux tests de différence entre sous-groupes. Les sous-groupes ne sont pas tirés au sort : une différence peut venir de tout ce qui distingue ces équipes. Avec de nombreux résultats et sous-groupes, quelques p < 0,05 sont attendus par hasard.", "en": "Pooled effect by participation level, hospital group and domain, with two tests of subgroup differences. Subgroups are not randomised: a difference may come from anything that sets these teams apart. With many outcomes and subgroups, a few p < 0.05 are expected by chance."},
    "report.programme.subgroups.participation_level": {"fr": "Par niveau de participation", "en": "By participation level"},
    "report.programme.subgroups.ghu": {"fr": "Par groupe hospitalier", "en": "By hospital group"},
    "report.programme.subgroups.domain": {"fr": "Par domaine", "en": "By domain"},
    "report.programme.subgroups.note": {"fr": "Effet global de chaque sous-groupe (k = nombre d'équipes) ; p : test Q entre sous-groupes (τ² propre à chacun) et test du modérateur (τ² commun, modèle mixte).", "en": "Pooled effect of each subgroup (k = number of teams); p: Q test between subgroups (separate τ²) and moderator test (common τ², mixed-effects model)."},
    "report.programme.moderators.title": {"fr": "Le niveau de participation explique-t-il les différences ?", "en": "Does the participation level explain the differences?"},
    "report.programme.moderators.intro": {"fr": "Méta-régression de l'effet de chaque équipe sur son niveau de participation, codé de 0 (information) à 3 (co-décision) : la pente est la variation de l'effet par niveau (pour les taux, le facteur × par niveau).", "en": "Meta-regression of each team's effect on its participation level, coded 0 (information) to 3 (co-decision): the slope is the change of the effect per level (for rates, the factor × per level)."},
    "report.programme.moderators.col.outcome": {"fr": "Résultat", "en": "Outcome"},
    "report.programme.moderators.col.slope": {"fr": "Pente par niveau", "en": "Slope per level"},
    "report.programme.moderators.col.ci": {"fr": "IC à 95 %", "en": "95% CI"},
    "report.programme.moderators.col.p": {"fr": "p", "en": "p"},
    "report.programme.moderators.col.r2": {"fr": "R² (%)", "en": "R² (%)"},
    "report.programme.moderators.col.k": {"fr": "Équipes", "en": "Teams"},
    "report.programme.moderators.col.verdict": {"fr": "Lecture", "en": "Reading"},
    "report.programme.moderators.favourable": {"fr": "effet plus favorable aux niveaux élevés", "en": "more favourable effect at higher levels"},
    "report.programme.moderators.unfavourable": {"fr": "effet moins favorable aux niveaux élevés", "en": "less favourable effect at higher levels"},
    "report.programme.moderators.inconclusive": {"fr": "pas de lien démontré", "en": "no demonstrated link"},
    "report.programme.moderators.note": {"fr": "R² : part de l'hétérogénéité entre équipes expliquée par le niveau de participation. Le niveau n'est pas attribué au hasard : les équipes qui atteignent la co-décision peuvent différer d'autres façons.", "en": "R²: share of the heterogeneity between teams explained by the participation level. The level is not assigned at random: teams reaching co-decision may differ in other ways."},
    "report.programme.did.title": {"fr": "Comparaison avec les unités témoins (différence de différences)", "en": "Comparison with control units (difference-in-differences)"},
    "report.programme.did.intro": {"fr": "Pour chaque indicateur, l'effet moyen du partenariat sur les équipes (ATT), estimé en comparant leur évolution à celle des unités témoins : estimateur de Callaway et Sant'Anna (2021), adapté aux débuts échelonnés et aux effets qui varient, à côté de la régression à deux effets fixes (TWFE), qui peut alors être biaisée (Goodman-Bacon 2021).", "en": "For each indicator, the partnership's average effect on the teams (ATT), estimated by comparing their change with the control units': the Callaway and Sant'Anna (2021) estimator, suited to staggered starts and varying effects, beside the two-way fixed-effects regression (TWFE), which can then be biased (Goodman-Bacon 2021)."},
    "report.programme.did.col.cs": {"fr": "Callaway-Sant'Anna (ATT)", "en": "Callaway-Sant'Anna (ATT)"},
    "report.programme.did.col.twfe": {"fr": "Effets fixes (TWFE)", "en": "Fixed effects (TWFE)"},
    "report.programme.did.note": {"fr": "Différences dans l'unité de l'indicateur (taux pour le multiplicateur du catalogue, points de pourcentage pour les proportions). Un écart important entre les deux estimateurs signale des effets qui varient dans le temps ou entre équipes.", "en": "Differences in the indicator's unit (rate per the catalogue's multiplier, percentage points for proportions). A large gap between the two estimators signals effects that vary over time or between teams."},
    "report.programme.did.chart": {"fr": "Étude d'événement : {outcome}", "en": "Event study: {outcome}"},
    "report.programme.methods.title": {"fr": "Méthodes et limites", "en": "Methods and limits"},
    "report.programme.methods.pooling": {"fr": "Regroupement : méta-analyse à effets aléatoires de l'effet de chaque équipe ; variance entre équipes τ² estimée par maximum de vraisemblance restreint (REML), intervalle de confiance de Hartung-Knapp-Sidik-Jonkman (loi t à k − 1 degrés de liberté), intervalle de prédiction μ̂ ± t·√(SE² + τ²), hétérogénéité I², H² et Q définies comme dans le logiciel R metafor (Viechtbauer 2010). Les rapports de taux sont regroupés sur l'échelle logarithmique.", "en": "Pooling: random-effects meta-analysis of each team's effect; between-team variance τ² by restricted maximum likelihood (REML), Hartung-Knapp-Sidik-Jonkman confidence interval (t on k − 1 degrees of freedom), prediction interval μ̂ ± t·√(SE² + τ²), heterogeneity I², H² and Q as defined by R's metafor (Viechtbauer 2010). Rate ratios are pooled on the log scale."},
    "report.programme.methods.indicators": {"fr": "Indicateurs : l'effet d'une équipe est le saut de niveau de sa série mensuelle au début du partenariat (série temporelle interrompue : régression segmentée avec saisonnalité, quasi-Poisson pour les taux, erreurs AR(1) sinon), qui sépare le changement au début de la tendance de fond ; la simple comparaison des 12 mois avant et après attribuerait cette tendance à l'équipe. Les indicateurs de comptage (nombre de patients partenaires) décrivent l'activité et ne sont pas regroupés.", "en": "Indicators: a team's effect is the level change of its monthly series at the partnership's start (interrupted time series: segmented regression with seasonality, quasi-Poisson for rates, AR(1) errors otherwise), which separates the change at the start from the underlying trend; a plain comparison of the 12 months before and after would attribute that trend to the team. Count indicators (number of patient partners) describe activity and are not pooled."},
    "report.programme.methods.surveys": {"fr": "Baromètre : variation du score moyen (0–4) entre les vagues T0 et T1, à répartition des rôles de la première vague. Expérience patient : différence après − avant du score (0–100) ajustée sur l'âge, le sexe, l'état de santé perçu et le mode d'admission (régression, erreurs robustes HC3). PROM : variation moyenne appariée des patients mesurés avant et après.", "en": "Barometer: change of the mean score (0–4) between waves T0 and T1, for the first-wave role mix. Patient experience: after − before difference of the score (0–100) adjusted for age, sex, self-rated health and admission mode (regression, HC3 robust errors). PROMs: paired mean change of the patients measured before and after."},
    "report.programme.methods.subgroups": {"fr": "Sous-groupes et méta-régression : comparaisons observationnelles entre équipes, non tirées au sort ; de nombreux tests sont faits (résultats × sous-groupes) sans correction de multiplicité : ce sont des pistes, pas des preuves.", "en": "Subgroups and meta-regression: observational comparisons between teams, not randomised; many tests are run (outcomes × subgroups) without multiplicity correction: they are leads, not proof."},
    "report.programme.methods.did": {"fr": "Différence de différences : estimateur de Callaway et Sant'Anna (2021) avec les unités jamais traitées comme témoins et intervalles par bootstrap multiplicateur, à côté des effets fixes à deux dimensions ; hypothèse de tendances parallèles, que les coefficients avant le début (étude d'événement) permettent de vérifier.", "en": "Difference-in-differences: Callaway and Sant'Anna (2021) estimator with the never-treated units as controls and multiplier-bootstrap intervals, beside two-way fixed effects; it assumes parallel trends, which the coefficients before the start (event study) let one check."},
    "report.programme.methods.privacy": {"fr": "Confidentialité : aucun effectif de moins de {min_cell} personnes n'est montré, ni aucune statistique calculée sur un tel groupe ; une équipe dont un effectif est sous ce seuil n'apparaît pas individuellement dans les graphiques en forêt mais compte dans l'effet global. Les équipes sont désignées par leur identifiant.", "en": "Privacy: no count of fewer than {min_cell} people is shown, nor any statistic computed from such a group; a team with a count under this threshold does not appear individually in the forest plots but counts in the pooled effect. Teams are named by their identifier."},
    "report.programme.methods.limits": {"fr": "Limites : pas de tirage au sort ; les équipes volontaires peuvent différer des autres ; le modèle à effets aléatoires suppose des effets d'équipe distribués selon une loi normale ; avec peu d'équipes, τ² et l'intervalle de prédiction sont imprécis.", "en": "Limits: no randomisation; volunteering teams may differ from others; the random-effects model assumes normally distributed team effects; with few teams, τ² and the prediction interval are imprecise."},
    "report.programme.about.title": {"fr": "À propos de ce rapport", "en": "About this report"},
    # --- end of programme report ---
    "plot.prem.dumbbell.title": {"fr": "Expérience patient : score avant et après, par dimension (0–100)", "en": "Patient experience: score before and after, by dimension (0–100)"},
    "plot.prem.dumbbell.xlabel": {"fr": "Score moyen (0–100) et intervalle de confiance à {level} %", "en": "Mean score (0–100) and {level}% confidence interval"},
    "plot.prem.topbox.title": {"fr": "Part de meilleures réponses par question, avant et après", "en": "Top-box share by question, before and after"},
    "plot.prem.topbox.xlabel": {"fr": "Part de meilleures réponses (%) et intervalle de Wilson à {level} %", "en": "Top-box share (%) and {level}% Wilson interval"},
    "plot.prem.before": {"fr": "Avant", "en": "Before"},
    "plot.prem.after": {"fr": "Après", "en": "After"},
    "plot.prem.overall": {"fr": "Score global", "en": "Overall score"},
    "plot.prem.small": {"fr": "marqueur vide ou barre hachurée : moins de {threshold} questionnaires (seuil de publication)", "en": "hollow marker or hatched bar: fewer than {threshold} questionnaires (publication threshold)"},
    "plot.prem.empty": {"fr": "aucune donnée d'expérience patient", "en": "no patient-experience data"},
    "report.prem.title": {"fr": "Expérience patient (questionnaires PREM)", "en": "Patient experience (PREM questionnaires)"},
    "report.prem.small": {"fr": "Effectif sous le seuil de publication ({threshold} questionnaires) : résultat fragile, voir l'estimation bayésienne.", "en": "Below the publication threshold ({threshold} questionnaires): fragile result, see the Bayesian estimate."},
    "report.prem.proms": {"fr": "Résultats rapportés par les patients (PROM)", "en": "Patient-reported outcomes (PROMs)"},
    "barometer.role_group.professionals": {"fr": "Professionnels", "en": "Professionals"},
    "barometer.role_group.patient_side": {"fr": "Patients, proches et représentants des usagers", "en": "Patients, carers and user representatives"},
    "barometer.role_group.joint": {"fr": "Évaluation conjointe", "en": "Joint assessment"},
    "barometer.role_group.all": {"fr": "Ensemble (répartition des rôles de la première vague)", "en": "All (first-wave role mix)"},
    "barometer.dimension.global": {"fr": "Score global", "en": "Global score"},
    "barometer.analysis.paired": {"fr": "Répondants présents aux deux vagues (apparié)", "en": "Respondents at both waves (paired)"},
    "barometer.analysis.independent": {"fr": "Répondants présents à une seule vague (indépendants)", "en": "Respondents at one wave only (independent)"},
    "barometer.analysis.all": {"fr": "Tous les répondants", "en": "All respondents"},
    "barometer.measure.mean change": {"fr": "variation moyenne", "en": "mean change"},
    "barometer.measure.standardised mean difference": {"fr": "variation standardisée (d_z)", "en": "standardised change (d_z)"},
    "barometer.measure.probability of superiority": {"fr": "probabilité de supériorité", "en": "probability of superiority"},
    "barometer.measure.mean difference": {"fr": "différence de moyennes", "en": "mean difference"},
    "barometer.measure.change in mean difference": {"fr": "évolution de l'écart", "en": "change in the gap"},
    "barometer.measure.joint minus mean self-rating": {"fr": "conjointe − moyenne des auto-évaluations", "en": "joint − mean self-rating"},
    "barometer.measure.pooled mean change": {"fr": "variation moyenne (programme)", "en": "pooled mean change"},
    "barometer.comparison.gap": {"fr": "écart professionnels − patients", "en": "professionals − patient side gap"},
    "barometer.comparison.gap change": {"fr": "évolution de l'écart", "en": "change in the gap"},
    "barometer.reliability.low-alpha": {"fr": "α = {alpha} < {threshold} : les critères de cette dimension ne mesurent pas assez la même chose pour que leur moyenne soit interprétée avec confiance", "en": "α = {alpha} < {threshold}: the items of this dimension do not measure the same thing closely enough for their mean to be read with confidence"},
    "barometer.reliability.small-n": {"fr": "seulement {n} réponses complètes (moins de {min_n}) : alpha est imprécis", "en": "only {n} complete answers (fewer than {min_n}): alpha is imprecise"},
    "barometer.reliability.few-items": {"fr": "moins de 2 critères (k = {k}) : alpha ne peut pas être calculé", "en": "fewer than 2 items (k = {k}): alpha cannot be computed"},
    "barometer.suppressed": {"fr": "non affiché : moins de {min_cell} répondants", "en": "not shown: fewer than {min_cell} respondents"},
    "plot.barometer.radar.title": {"fr": "Score moyen par dimension ({low}–{high})", "en": "Mean score by dimension ({low}–{high})"},
    "plot.barometer.wave": {"fr": "Vague {wave}", "en": "Wave {wave}"},
    "plot.barometer.not-shown": {"fr": "{group} : non affiché (moins de {min_cell} répondants ou pas de données)", "en": "{group}: not shown (fewer than {min_cell} respondents or no data)"},
    "plot.barometer.no-data": {"fr": "Aucune donnée à représenter", "en": "No data to show"},
    "plot.barometer.bars.title": {"fr": "Réponses aux critères (auto-évaluations)", "en": "Answers to each item (self-assessments)"},
    "plot.barometer.bars.xlabel": {"fr": "Part des réponses (%) — à gauche : notes basses, à droite : notes hautes", "en": "Share of answers (%) — left: low scores, right: high scores"},
    "plot.barometer.bars.score": {"fr": "note {score}", "en": "score {score}"},
    "plot.barometer.bars.low": {"fr": "note {score} (pas fait ensemble)", "en": "score {score} (not done together)"},
    "plot.barometer.bars.high": {"fr": "note {score} (pleinement fait ensemble)", "en": "score {score} (fully done together)"},
    "plot.barometer.bars.few": {"fr": "moins de {min_cell} réponses", "en": "fewer than {min_cell} answers"},
    "plot.barometer.slope.title": {"fr": "Perceptions des professionnels et des patients entre les vagues", "en": "Professionals' and patients' perceptions across waves"},
    "plot.barometer.slope.ylabel": {"fr": "Score moyen", "en": "Mean score"},
    "plot.barometer.slope.xlabel": {"fr": "Vague", "en": "Wave"},
    "plot.meta.pooled.random": {"fr": "Effet global (effets aléatoires)", "en": "Pooled effect (random effects)"},
    "plot.meta.pooled.common": {"fr": "Effet global (effet commun)", "en": "Pooled effect (common effect)"},
    "plot.meta.interval": {"fr": "intervalle de confiance à {level} %", "en": "{level}% confidence interval"},
    "plot.meta.prediction": {"fr": "intervalle de prédiction à {level} % (effet attendu d'une nouvelle équipe)", "en": "{level}% prediction interval (expected effect of a new team)"},
    "plot.meta.no-effect": {"fr": "absence d'effet", "en": "no effect"},
    "plot.meta.effect": {"fr": "Effet", "en": "Effect"},
    "plot.meta.ratio": {"fr": "Rapport (échelle logarithmique)", "en": "Ratio (log scale)"},
    "plot.meta.heterogeneity": {"fr": "Hétérogénéité : τ² = {tau2} ; I² = {i2} % ; Q = {q} (ddl = {df}), p {p}", "en": "Heterogeneity: τ² = {tau2}; I² = {i2}%; Q = {q} (df = {df}), p {p}"},
    "plot.meta.overall": {"fr": "Ensemble", "en": "Overall"},
    "plot.meta.test.separate": {"fr": "Différence entre sous-groupes (τ² propre à chacun) : {stat} = {value} (ddl = {df}), p {p}", "en": "Subgroup differences (separate τ²): {stat} = {value} (df = {df}), p {p}"},
    "plot.meta.test.common": {"fr": "Test du modérateur (τ² commun, modèle mixte) : {stat} = {value} (ddl = {df}), p {p}", "en": "Moderator test (common τ², mixed-effects model): {stat} = {value} (df = {df}), p {p}"},
    "plot.meta.se": {"fr": "Erreur type", "en": "Standard error"},
    "plot.meta.funnel.region": {"fr": "région de pseudo-confiance à {level} %", "en": "{level}% pseudo-confidence region"},
    "plot.its.observed": {"fr": "Observé", "en": "Observed"},
    "plot.its.fitted": {"fr": "Modèle ajusté", "en": "Fitted model"},
    "plot.its.counterfactual": {"fr": "Sans intervention (contrefactuel)", "en": "Without intervention (counterfactual)"},
    "plot.its.intervention": {"fr": "Début de l'intervention", "en": "Intervention start"},
    "plot.its.xlabel": {"fr": "Période", "en": "Period"},
    "plot.its.ylabel.rate": {"fr": "Taux", "en": "Rate"},
    "plot.its.ylabel.count": {"fr": "Nombre", "en": "Count"},
    "plot.its.ylabel.value": {"fr": "Valeur", "en": "Value"},
    "plot.its.not-fitted": {"fr": "Modèle non estimé : {reason}", "en": "Model not fitted: {reason}"},
    "plot.did.title": {"fr": "Étude d'événement : effet selon le temps écoulé depuis le début", "en": "Event study: effect by time since start"},
    "plot.did.xlabel": {"fr": "Périodes depuis le début du partenariat (0 = première période)", "en": "Periods since the partnership started (0 = first period)"},
    "plot.did.ylabel": {"fr": "Effet estimé (ATT)", "en": "Estimated effect (ATT)"},
    "plot.did.pre": {"fr": "avant le début (test des tendances parallèles)", "en": "before the start (parallel-trends check)"},
    "plot.did.post": {"fr": "après le début", "en": "after the start"},
    "plot.did.interval": {"fr": "intervalle de confiance à {level} %", "en": "{level}% confidence interval"},
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
            "« Amélioration » ou « dégradation » quand tout l'intervalle de confiance à 95 % "
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
    "report.col.ci": {"fr": "IC à 95 %", "en": "95% CI"},
    "report.col.its": {"fr": "Saut de niveau (série temporelle)", "en": "Level change (time series)"},
    "report.col.did": {"fr": "Écart aux unités témoins (DiD)", "en": "Difference vs controls (DiD)"},
    "report.trends.title": {"fr": "Tendances et comparaison avec les unités témoins", "en": "Trends and comparison with control units"},
    "report.trends.note": {
        "fr": "Série temporelle interrompue : régression segmentée des valeurs mensuelles (tendance, saisonnalité), saut de niveau au mois de début (taux : rapport ; autres : différence). Différence de différences : variation de l'équipe (12 mois avant / 12 mois après) moins la variation moyenne des unités témoins sur les mêmes mois ; intervalle fondé sur les écarts placebo des unités témoins (Conley et Taber 2011).",
        "en": "Interrupted time series: segmented regression of the monthly values (trend, seasonality), level change at the start month (rates: ratio; others: difference). Difference-in-differences: the team's change (12 months before / 12 months after) minus the control units' mean change over the same months; interval from the control units' placebo differences (Conley and Taber 2011).",
    },
    "report.trends.charts": {"fr": "Séries mensuelles, modèle ajusté et scénario sans intervention", "en": "Monthly series, fitted model and no-intervention scenario"},
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
    "index.unknown-team": {
        "fr": "équipe inconnue : absente de la table des équipes",
        "en": "unknown team: not in the teams table",
    },
    "index.progress": {"fr": "Rapports d'équipe", "en": "Team reports"},
    "index.unit": {"fr": "équipe", "en": "team"},
    # --- barometer section of the team report ---
    "report.suppressed.mark": {"fr": "< {min_cell}", "en": "< {min_cell}"},
    "report.barometer.title": {"fr": "Baromètre du partenariat", "en": "Partnership barometer"},
    "report.barometer.none": {"fr": "Pas de réponse au baromètre pour cette équipe.", "en": "No barometer answer for this team."},
    "report.barometer.dimension": {"fr": "Dimension", "en": "Dimension"},
    "report.barometer.scores.note": {"fr": "Score moyen (0 = action non faite ensemble, 4 = pleinement faite ensemble) par dimension, groupe et vague, auto-évaluations ; un groupe de moins de {min_cell} répondants n'est pas montré.", "en": "Mean score (0 = not done together, 4 = fully done together) by dimension, group and wave, self-assessments; a group of fewer than {min_cell} respondents is not shown."},
    "report.barometer.radar": {"fr": "Scores moyens par dimension et vague", "en": "Mean scores by dimension and wave"},
    "report.barometer.changes": {"fr": "Évolution entre les vagues", "en": "Change between waves"},
    "report.barometer.changes.note": {"fr": "Variation du score moyen entre les deux premières vagues : tous les répondants (test t pour échantillons partiellement appariés) et, quand ils sont assez nombreux, les répondants présents aux deux vagues (test t apparié ; p de Wilcoxon dans les résultats détaillés).", "en": "Change of the mean score between the first two waves: all respondents (partially overlapping samples t-test) and, when there are enough, respondents present at both waves (paired t-test; Wilcoxon p in the detailed results)."},
    "report.barometer.gaps": {"fr": "Écart de perception professionnels − patients", "en": "Perception gap professionals − patients"},
    "report.barometer.gaps.note": {"fr": "Différence des scores moyens des professionnels et du côté patients (Welch), à chaque vague, et son évolution (une baisse = des perceptions qui se rapprochent).", "en": "Difference between professionals' and patient side's mean scores (Welch), at each wave, and its change (a decrease = converging perceptions)."},
    "report.barometer.joint": {"fr": "Évaluation conjointe et auto-évaluations", "en": "Joint rating and self-ratings"},
    "report.barometer.joint.note": {"fr": "Écart entre la note donnée ensemble et la moyenne des auto-évaluations.", "en": "Difference between the rating given together and the mean of the self-ratings."},
    "report.barometer.answers": {"fr": "Réponses par critère", "en": "Answers by criterion"},
    "report.barometer.reliability": {"fr": "Fiabilité des dimensions", "en": "Reliability of the dimensions"},
    "report.barometer.reliability.note": {"fr": "Alpha de Cronbach par dimension (intervalle de Feldt) ; en dessous de 0,7 ou avec peu de réponses, le score d'une dimension est à lire avec prudence.", "en": "Cronbach's alpha per dimension (Feldt interval); below 0.7 or with few answers, a dimension score is to be read with caution."},
    "report.barometer.col.dimension": {"fr": "Dimension", "en": "Dimension"},
    "report.barometer.col.role_group": {"fr": "Groupe", "en": "Group"},
    "report.barometer.col.analysis": {"fr": "Répondants", "en": "Respondents"},
    "report.barometer.col.comparison": {"fr": "Comparaison", "en": "Comparison"},
    "report.barometer.col.wave": {"fr": "Vague", "en": "Wave"},
    "report.barometer.col.measure": {"fr": "Mesure", "en": "Measure"},
    "report.barometer.col.note": {"fr": "Remarque", "en": "Note"},
    # --- patient-experience section of the team report ---
    "report.prem.none": {"fr": "Pas de questionnaire d'expérience patient pour cette équipe.", "en": "No patient-experience questionnaire for this team."},
    "report.prem.col.level": {"fr": "Score", "en": "Score"},
    "report.prem.col.before": {"fr": "Avant", "en": "Before"},
    "report.prem.col.after": {"fr": "Après", "en": "After"},
    "report.prem.col.raw": {"fr": "Variation brute", "en": "Raw change"},
    "report.prem.col.adjusted": {"fr": "Variation ajustée", "en": "Adjusted change"},
    "report.prem.col.prom": {"fr": "Mesure", "en": "Measure"},
    "report.prem.col.change": {"fr": "Variation moyenne", "en": "Mean change"},
    "report.prem.col.improved": {"fr": "Patients améliorés (≥ MID)", "en": "Patients improved (≥ MID)"},
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
    "report.prem.proms.note": {"fr": "Variation appariée par patient (après − avant, test t apparié) et part des patients améliorés d'au moins la différence minimale importante (MID) de la mesure (intervalle de Wilson).", "en": "Paired change per patient (after − before, paired t-test) and share of patients improved by at least the measure's minimal important difference (MID) (Wilson interval)."},
    # --- indicator effects (compare_periods) ---
    "verdict.improved": {"fr": "amélioration", "en": "improved"},
    "verdict.worsened": {"fr": "dégradation", "en": "worsened"},
    "verdict.inconclusive": {"fr": "non concluant", "en": "inconclusive"},
    "measure.difference in proportions (percentage points)": {"fr": "différence de proportions (points)", "en": "difference in proportions (points)"},
    "measure.rate ratio": {"fr": "rapport de taux", "en": "rate ratio"},
    "measure.mean difference": {"fr": "différence de moyennes", "en": "mean difference"},
    "plot.change.title": {"fr": "Variation de chaque indicateur (après − avant, IC à 95 %)", "en": "Change in each indicator (after − before, 95% CI)"},
    "plot.change.no-change": {"fr": "pas de changement", "en": "no change"},
    "plot.change.ratio": {"fr": "rapport après / avant", "en": "ratio after / before"},
    "plot.change.points": {"fr": "points de pourcentage", "en": "percentage points"},
}


def t(key: str, lang: str = "fr", /, **fields: object) -> str:
    """Return the text for ``key`` in ``lang``, formatted with ``fields``.

    Parameters
    ----------
    key : str
        Label key, e.g. ``"rule.enum"``.
    lang : {"fr", "en"}
        Language; French is the default.
    **fields
        Values for the text's ``{placeholders}``.

    Examples
    --------
    >>> t("type.integer", "en")
    'a whole number'
    """
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {LANGUAGES}. Got {lang!r}.")
    try:
        text = LABELS[key][lang]
    except KeyError:
        raise KeyError(f"No label {key!r}.") from None
    return text.format(**fields) if fields else text
