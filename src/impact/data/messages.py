"""The validator's messages (rules, value types, summaries), in French and English.

Look a message up with :func:`t`; the French text is the reference. Messages take
``str.format`` fields.
"""

from __future__ import annotations

from impact.languages import translate

__all__ = ["CLICK_FR", "COLUMN_TITLES_EN", "MESSAGES", "column_title", "t"]

MESSAGES: dict[str, dict[str, str]] = {
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
    # issue 13 — reading files (malformed files, workbooks)
    "rule.unclosed-quote": {
        "fr": 'guillemet non fermé à partir de la ligne {row} : fermez le guillemet (") de cette cellule ou retirez-le, puis enregistrez à nouveau le fichier',
        "en": 'unclosed quote from row {row}: close the quote (") of that cell or remove it, then save the file again',
    },
    "rule.mixed-encoding": {
        "fr": "ligne(s) {lines} en Windows-1252 dans un fichier UTF-8 : lue(s) en Windows-1252 ; vérifiez leurs accents et enregistrez le fichier en « CSV UTF-8 »",
        "en": "row(s) {lines} in Windows-1252 within a UTF-8 file: read as Windows-1252; check their accents and save the file as 'CSV UTF-8'",
    },
    "rule.not-a-folder": {
        "fr": "« {path} » est un fichier, pas un dossier : donnez le dossier qui contient les fichiers CSV (teams.csv, indicator_values.csv…) ou un classeur .xlsx",
        "en": "'{path}' is a file, not a folder: give the folder holding the CSV files (teams.csv, indicator_values.csv…) or an .xlsx workbook",
    },
    "rule.not-a-workbook": {
        "fr": "« {path} » est un dossier sans fichier CSV, pas un classeur : donnez le chemin du classeur .xlsx ou d'un dossier de fichiers CSV",
        "en": "'{path}' is a folder with no CSV file, not a workbook: give the path of the .xlsx workbook or of a folder of CSV files",
    },
    "rule.workbook-unreadable": {
        "fr": "classeur illisible ({detail}) : ouvrez-le dans Excel ou LibreOffice et enregistrez-le au format « Classeur Excel (.xlsx) »",
        "en": "unreadable workbook ({detail}): open it in Excel or LibreOffice and save it as 'Excel Workbook (.xlsx)'",
    },
    "read.workbook": {
        "fr": "Lecture du classeur {file} (feuille {k}/{n} : {sheet})",
        "en": "Reading workbook {file} (sheet {k}/{n}: {sheet})",
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
        "fr": "« {value} » n'est pas une valeur permise de « {column} » (permises : {allowed}){hint}",
        "en": "'{value}' is not an allowed value of '{column}' (allowed: {allowed}){hint}",
    },
    "hint.enum-closest": {"fr": " — écrire « {code} »", "en": " — write '{code}'"},
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
    "rule.max-length": {
        "fr": "« {value} » est trop long pour « {column} » ({limit} caractères au plus)",
        "en": "'{value}' is too long for '{column}' (at most {limit} characters)",
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
    # issue 13 — problems people can act on; malformed values
    "rule.duplicate-column": {
        "fr": "colonne en double : « {column} » figure deux fois dans l'en-tête ; seule la première est lue — supprimer ou renommer l'autre",
        "en": "duplicated column: '{column}' appears twice in the header; only the first is read — delete or rename the other",
    },
    "rule.too-large-integer": {
        "fr": "« {value} » est trop grand pour un nombre entier dans « {column} » — vérifier la cellule",
        "en": "'{value}' is too large for a whole number in '{column}' — check the cell",
    },
    "rule.not-finite": {
        "fr": "« {value} » n'est pas un nombre fini dans « {column} » — écrire la valeur, ou laisser la cellule vide si elle manque",
        "en": "'{value}' is not a finite number in '{column}' — write the value, or leave the cell empty if it is missing",
    },
    "rule.spelling": {
        "fr": "« {value} » lu comme « {fixed} » dans « {column} » — écrire « {fixed} »",
        "en": "'{value}' read as '{fixed}' in '{column}' — write '{fixed}'",
    },
    "rule.spaces": {
        "fr": "« {fixed} » {where} dans « {column} » : lu comme « {fixed} » — supprimer l'espace",
        "en": "'{fixed}' {where} in '{column}': read as '{fixed}' — delete the space",
    },
    "rule.read-as-missing": {
        "fr": "« {value} » lu comme une valeur manquante dans « {column} » — laisser la cellule vide",
        "en": "'{value}' read as a missing value in '{column}' — leave the cell empty",
    },
    "rule.implausible": {
        "fr": "{label} : valeur hors de la plage plausible {low}–{high} {unit} — vérifier la saisie et l'unité",
        "en": "{label}: value outside the plausible range {low}–{high} {unit} — check the entry and the unit",
    },
    "rule.fraction-for-score": {
        "fr": "{label} : toutes les valeurs de l'équipe {team} sont entre 0 et 1 alors que l'échelle va de 0 à 100 et que les autres équipes dépassent 1 — une proportion (0,78) au lieu d'un score (78) ? multiplier par 100",
        "en": "{label}: every value of team {team} lies between 0 and 1 while the scale runs from 0 to 100 and the other teams exceed 1 — a proportion (0.78) instead of a score (78)? multiply by 100",
    },
    "spaces.after": {"fr": "suivi d'une espace", "en": "followed by a space"},
    "spaces.before": {"fr": "précédé d'une espace", "en": "preceded by a space"},
    "spaces.both": {"fr": "entouré d'espaces", "en": "surrounded by spaces"},
    "validate.range": {"fr": "{start} à {end}", "en": "{start} to {end}"},
    "validate.rows": {"fr": " : {n} lignes, {rows}", "en": ": {n} rows, {rows}"},
    "validate.more-values": {
        "fr": "et {n} autre(s) valeur(s) refusée(s) pour la même raison",
        "en": "and {n} other value(s) refused for the same reason",
    },
    "rule.prom-range": {
        "fr": "le score {value} sort de l'échelle {low}–{high} de la mesure {item} (scale_min–scale_max du catalogue proms) — corriger le score, ou l'échelle dans proms.csv",
        "en": "score {value} is outside the {low}–{high} scale of measure {item} (scale_min–scale_max of the proms catalogue) — correct the score, or the scale in proms.csv",
    },
    "rule.no-post-period": {
        "fr": "l'équipe {value} n'a aucune valeur d'indicateur après sa date de début",
        "en": "team {value} has no indicator value after its start date",
    },
    "rule.small-prem-period": {
        "fr": "l'équipe {value} n'a que {n} questionnaires PREM pour la période « {period} » (moins de {threshold})",
        "en": "team {value} has only {n} PREM questionnaires in period '{period}' (fewer than {threshold})",
    },
    # issue 13 — never lose a table; headers people write (table_names.py, loading.py)
    "rule.unknown-sheet": {
        "fr": "feuille « {value} » non reconnue : vouliez-vous dire « {suggestion} » ?",
        "en": "sheet '{value}' not recognised: did you mean '{suggestion}'?",
    },
    "rule.unknown-file": {
        "fr": "fichier « {value} » non reconnu : vouliez-vous dire « {suggestion} » ?",
        "en": "file '{value}' not recognised: did you mean '{suggestion}'?",
    },
    "rule.ignored-sheet": {
        "fr": "feuille « {value} » ignorée : ce n'est le nom d'aucune table ({tables})",
        "en": "sheet '{value}' ignored: it is not the name of any table ({tables})",
    },
    "rule.ignored-file": {
        "fr": "fichier « {value} » ignoré : ce n'est le nom d'aucune table ({tables})",
        "en": "file '{value}' ignored: it is not the name of any table ({tables})",
    },
    "rule.header-near": {
        "fr": "en-tête « {value} » lu comme la colonne « {column} » ({title}) : écrire « {column} » ou « {title} » pour ne plus voir cet avertissement",
        "en": "header '{value}' read as column '{column}' ({title}): write '{column}' or '{title}' not to see this warning again",
    },
    "rule.header-ambiguous": {
        "fr": "en-tête « {value} » ambigu : il peut désigner la colonne « {first} » ou « {second} » ; écrire le nom exact de la colonne",
        "en": "ambiguous header '{value}': it may mean column '{first}' or '{second}'; write the exact column name",
    },
    "rule.comparison-answers": {
        "fr": "l'unité de comparaison {value} a des lignes dans « {table} » : elles ne sont utilisées dans aucun rapport d'équipe (mettre comparison = non si c'est une équipe du programme)",
        "en": "comparison unit {value} has rows in '{table}': they are not used in any team report (set comparison = no if it is a programme team)",
    },
    "rule.comparison-start": {
        "fr": "l'unité de comparaison {team} a une date de début ({value}) : elle n'est utilisée dans aucun rapport d'équipe (mettre comparison = non si c'est une équipe du programme, sinon vider la date)",
        "en": "comparison unit {team} has a start date ({value}): it is not used in any team report (set comparison = no if it is a programme team, otherwise empty the date)",
    },
    "absent.barometer_responses": {
        "fr": "aucune réponse au baromètre fournie",
        "en": "no barometer answer supplied",
    },
    "absent.prem_responses": {
        "fr": "aucun questionnaire d'expérience patient (PREM) fourni",
        "en": "no patient-experience (PREM) questionnaire supplied",
    },
    "absent.prom_responses": {
        "fr": "aucun résultat rapporté par les patients (PROM) fourni",
        "en": "no patient-reported outcome (PROM) supplied",
    },
    "absent.questionnaire_responses": {
        "fr": "aucune réponse aux questionnaires (expérience des patients partenaires, qualité de vie au travail…) fournie",
        "en": "no questionnaire answer (patient partners' experience, quality of working life…) supplied",
    },
    "absent.roadmap": {
        "fr": "aucune feuille de route fournie",
        "en": "no roadmap supplied",
    },
    "absent.partnership_activity": {
        "fr": "aucune activité de partenariat fournie",
        "en": "no partnership activity supplied",
    },
    "absent.programme_support": {
        "fr": "aucun accompagnement par le programme fourni",
        "en": "no programme support supplied",
    },
    "absent.training_sessions": {
        "fr": "aucune session de formation fournie",
        "en": "no training session supplied",
    },
    "absent.training_participants": {
        "fr": "aucun participant aux formations fourni",
        "en": "no training participant supplied",
    },
    "absent.training_answers": {
        "fr": "aucune réponse aux évaluations des formations fournie",
        "en": "no training evaluation answer supplied",
    },
    "absent.comments": {
        "fr": "aucun commentaire libre fourni",
        "en": "no free-text comment supplied",
    },
    "absent.comment_reviews": {
        "fr": "aucune relecture des commentaires fournie (thèmes trouvés automatiquement)",
        "en": "no review of the comments supplied (themes found automatically)",
    },
    # issue 14 — steering tables: roadmap, partnership activity, questionnaires
    # (impact.data.steering_checks)
    "rule.roadmap-no-scope": {
        "fr": "ligne sans équipe ni établissement — remplir team_id pour une action d'équipe, "
        "ou hospital pour une action de tout l'établissement",
        "en": "line with neither a team nor a hospital — fill in team_id for a team's action, "
        "or hospital for a hospital-wide action",
    },
    "rule.roadmap-both-scopes": {
        "fr": "ligne à la fois d'équipe ({team}) et d'établissement (« {value} ») — vider "
        "hospital pour une action de l'équipe, ou team_id pour une action de tout "
        "l'établissement",
        "en": "line both for a team ({team}) and a hospital ('{value}') — empty hospital for "
        "the team's action, or team_id for a hospital-wide action",
    },
    "rule.roadmap-hospital": {
        "fr": "« {value} » n'est l'établissement d'aucune équipe du programme{hint}",
        "en": "'{value}' is the hospital of no programme team{hint}",
    },
    "rule.roadmap-indicator": {
        "fr": "« {value} » n'est pas un indicateur connu{hint}",
        "en": "'{value}' is not a known indicator{hint}",
    },
    "hint.did-you-mean": {
        "fr": " — vouliez-vous dire « {code} » ?",
        "en": " — did you mean '{code}'?",
    },
    "hint.roadmap-hospitals": {
        "fr": " — écrire l'établissement comme dans la table teams ({known})",
        "en": " — write the hospital as in the teams table ({known})",
    },
    "hint.roadmap-indicators": {
        "fr": " — écrire un code du catalogue des indicateurs, barometre.global, "
        "barometre.<dimension>, <questionnaire>.global, <questionnaire>.<dimension> ou {activity}",
        "en": " — write a code of the indicator catalogue, barometre.global, "
        "barometre.<dimension>, <questionnaire>.global, <questionnaire>.<dimension> or {activity}",
    },
    "rule.roadmap-deadline": {
        "fr": "échéance {value} avant le début de la feuille de route ({start}) — corriger "
        "l'échéance ou la date de début",
        "en": "deadline {value} before the start of the roadmap ({start}) — correct the "
        "deadline or the start date",
    },
    "rule.roadmap-target-without-indicator": {
        "fr": "cible ou valeur de départ sans indicateur de suivi — écrire le code de "
        "l'indicateur dans indicator, ou vider les cibles et la valeur de départ",
        "en": "target or baseline without a follow-up indicator — write the indicator's code "
        "in indicator, or empty the targets and the baseline",
    },
    "rule.roadmap-no-target": {
        "fr": "aucune cible pour {value} : le statut ne pourra pas être calculé — écrire la "
        "cible d'au moins une année (target_year1, target_year2 ou target_year3)",
        "en": "no target for {value}: the status cannot be computed — write the target of at "
        "least one year (target_year1, target_year2 or target_year3)",
    },
    "rule.roadmap-implausible": {
        "fr": "{label} : {value} hors de la plage plausible {low}–{high} {unit} — vérifier la "
        "saisie ; cibles et valeur de départ s'écrivent dans l'unité de l'indicateur",
        "en": "{label}: {value} outside the plausible range {low}–{high} {unit} — check the "
        "entry; targets and baseline are written in the indicator's unit",
    },
    "rule.activity-month": {
        "fr": "mois d'activité {value} hors des dates de l'équipe {team} (début {start}, fin "
        "{end}) — corriger le mois, ou les dates de l'équipe dans teams",
        "en": "activity month {value} outside the dates of team {team} (start {start}, end "
        "{end}) — correct the month, or the team's dates in teams",
    },
    "rule.activity-comparison": {
        "fr": "l'unité de comparaison {value} a des lignes d'activité de partenariat, alors "
        "qu'elle n'a pas de patients partenaires — mettre comparison = non si c'est une équipe "
        "du programme, sinon retirer ces lignes",
        "en": "comparison unit {value} has partnership activity rows, yet it has no patient "
        "partners — set comparison = no if it is a programme team, otherwise remove these rows",
    },
    "rule.activity-attended": {
        "fr": "{value} réunions suivies pour {limit} tenues : un partenaire ne peut en suivre "
        "plus que l'équipe n'en a tenu — corriger meetings_attended ou meetings_held",
        "en": "{value} meetings attended out of {limit} held: a partner cannot attend more "
        "than the team held — correct meetings_attended or meetings_held",
    },
    "rule.activity-meetings-differ": {
        "fr": "réunions tenues différentes entre les partenaires d'une même équipe le même mois "
        "— écrire le même nombre sur toutes les lignes de l'équipe et du mois",
        "en": "meetings held differ between the partners of one team in the same month — "
        "write the same number on every row of that team and month",
    },
    "rule.questionnaire-item": {
        "fr": "l'item {item} est du questionnaire « {expected} », pas « {value} » — écrire "
        "« {expected} » dans questionnaire, ou corriger le code de l'item",
        "en": "item {item} belongs to questionnaire '{expected}', not '{value}' — write "
        "'{expected}' in questionnaire, or correct the item's code",
    },
    "rule.questionnaire-scale": {
        "fr": "la note {value} sort de l'échelle {low}–{high} de l'item {item} (scale_min–"
        "scale_max du catalogue questionnaire_items) — corriger la note, ou l'échelle dans "
        "questionnaire_items.csv",
        "en": "score {value} is outside the {low}–{high} scale of item {item} (scale_min–"
        "scale_max of the questionnaire_items catalogue) — correct the score, or the scale in "
        "questionnaire_items.csv",
    },
    # issue 15 — training tables (impact.data.training_checks)
    "rule.training-dates": {
        "fr": "date de fin {value} avant la date de début de la session ({start}) — corriger "
        "end_date ou date",
        "en": "end date {value} before the session's start date ({start}) — correct end_date "
        "or date",
    },
    "rule.training-quiz-correct": {
        "fr": "question de quiz {item} sans bonne réponse — écrire la bonne réponse dans "
        "correct (ex. B, vrai)",
        "en": "quiz question {item} without a correct answer — write the correct answer in "
        "correct (e.g. B, vrai)",
    },
    "rule.training-domain": {
        "fr": "item de satisfaction {item} sans domaine — écrire objectifs, programme, "
        "méthodes ou qualité dans domain",
        "en": "satisfaction item {item} without a domain — write objectifs, programme, "
        "méthodes or qualité in domain",
    },
    "rule.training-scale": {
        "fr": "item de satisfaction {item} sans « {column} » — écrire la plus petite note de "
        "son échelle dans scale_min et la plus grande dans scale_max (ex. 1 et 5)",
        "en": "satisfaction item {item} without '{column}' — write the lowest score of its "
        "scale in scale_min and the highest in scale_max (e.g. 1 and 5)",
    },
    "rule.training-scale-order": {
        "fr": "échelle {low}–{value} de l'item {item} : la note maximale doit dépasser la note "
        "minimale — corriger scale_min ou scale_max",
        "en": "scale {low}–{value} of item {item}: the highest score must exceed the lowest — "
        "correct scale_min or scale_max",
    },
    "rule.training-not-enrolled": {
        "fr": "le participant {value} n'est pas inscrit à la session {session} dans "
        "training_participants — ajouter la ligne (session {session}, participant {value}) à "
        "training_participants, ou corriger le pseudonyme ou la session",
        "en": "participant {value} is not enrolled in session {session} in "
        "training_participants — add the row (session {session}, participant {value}) to "
        "training_participants, or correct the pseudonym or the session",
    },
    "rule.training-item-training": {
        "fr": "l'item {value} est de la formation « {own} », pas de « {training} » (formation "
        "de la session {session}) — corriger le code de l'item, ou sa formation dans "
        "training_items (vide pour un item commun à toutes les formations)",
        "en": "item {value} belongs to training '{own}', not '{training}' (the training of "
        "session {session}) — correct the item's code, or its training in training_items "
        "(empty for an item common to every training)",
    },
    "rule.training-moment": {
        "fr": "un item {kind} ({item}) ne se pose pas au temps « {value} » (temps permis : "
        "{allowed}) — corriger le temps de l'évaluation, ou le code de l'item",
        "en": "a {kind} item ({item}) is not asked at moment '{value}' (allowed moments: "
        "{allowed}) — correct the evaluation moment, or the item's code",
    },
    "rule.training-score": {
        "fr": "« {value} » n'est pas une note entière de l'échelle {low}–{high} de l'item "
        "{item} — écrire un nombre entier de {low} à {high}, ou laisser la cellule vide sans "
        "réponse",
        "en": "'{value}' is not a whole score of the {low}–{high} scale of item {item} — "
        "write a whole number from {low} to {high}, or leave the cell empty for no answer",
    },
    "rule.training-yes-no": {
        "fr": "« {value} » n'est ni oui ni non (item {item}, {kind}) — écrire oui ou non, ou "
        "laisser la cellule vide sans réponse",
        "en": "'{value}' is neither oui nor non (item {item}, {kind}) — write oui or non (in "
        "French, whatever the reports' language), or leave the cell empty for no answer",
    },
    "rule.training-action-state": {
        "fr": "« {value} » n'est pas un état d'une action du plan (item {item}) — écrire fait, "
        "en cours ou pas commencé, ou laisser la cellule vide sans réponse",
        "en": "'{value}' is not a state of an action-plan action (item {item}) — write fait, "
        "en cours or pas commencé (in French, whatever the reports' language), or leave the "
        "cell empty for no answer",
    },
    "rule.training-unpaired": {
        "fr": "le participant {participant} (session {session}) a répondu au quiz « {value} » "
        "mais pas « {missing} » : ses réponses sont utilisées seulement dans les analyses non "
        "appariées — ajouter ses réponses « {missing} » si elles existent",
        "en": "participant {participant} (session {session}) answered the quiz '{value}' but "
        "not '{missing}': their answers are used only in the unpaired analyses — add their "
        "'{missing}' answers if they exist",
    },
    "rule.training-team": {
        "fr": "le participant {participant} (équipe : {shown}) suit la session {session}, qui "
        "forme l'équipe {team} : ses réponses ne comptent pas dans le rapport de l'équipe "
        "{team} — corriger team_id, ou vider team_id de la session si elle est ouverte à "
        "plusieurs équipes",
        "en": "participant {participant} (team: {shown}) attends session {session}, which "
        "trains team {team}: their answers do not count in team {team}'s report — correct "
        "team_id, or empty the session's team_id if it is open to several teams",
    },
    "training.no-team": {"fr": "aucune", "en": "none"},
    # issue 16 — comment tables (impact.data.comment_checks)
    "rule.comment-empty": {
        "fr": "commentaire vide : le texte n'a que des espaces — écrire le texte du "
        "commentaire, ou supprimer la ligne",
        "en": "empty comment: the text holds only spaces — write the comment's text, or "
        "delete the row",
    },
    "rule.comment-no-word": {
        "fr": "« {value} » ne contient aucun mot : ce commentaire compte parmi les commentaires "
        "de l'équipe sans toucher aucun thème — supprimer la ligne si elle marque une absence "
        "de réponse",
        "en": "'{value}' holds no word: this comment counts among the team's comments without "
        "touching any theme — delete the row if it stands for no answer",
    },
    "rule.comment-after-dated-before": {
        "fr": "commentaire de la période « après » daté du {value}, avant le début du "
        "partenariat de l'équipe {team} ({start}) — corriger la période (avant) ou la date",
        "en": "comment of period 'après' dated {value}, before the start of team {team}'s "
        "partnership ({start}) — correct the period (avant) or the date",
    },
    "rule.comment-before-dated-after": {
        "fr": "commentaire de la période « avant » daté du {value}, pas avant le début du "
        "partenariat de l'équipe {team} ({start}) — corriger la période (après) ou la date",
        "en": "comment of period 'avant' dated {value}, not before the start of team {team}'s "
        "partnership ({start}) — correct the period (après) or the date",
    },
    "rule.comment-one-period": {
        "fr": "l'équipe {team} n'a de commentaires que pour la période « {value} » ({n}) : "
        "aucun changement ne peut être mesuré — ajouter ses commentaires « {missing} » s'ils "
        "existent",
        "en": "team {team} has comments for period '{value}' only ({n}): no change can be "
        "measured — add its '{missing}' comments if they exist",
    },
    "rule.comment-duplicate": {
        "fr": "doublon probable : même texte que la ligne {first} ({same}) — supprimer cette "
        "ligne si c'est une copie : un doublon compte deux fois dans les parts des thèmes",
        "en": "probable duplicate: same text as row {first} ({same}) — delete this row if it "
        "is a copy: a duplicate counts twice in the themes' shares",
    },
    "comment.same-respondent": {
        "fr": "même équipe, même répondant {respondent}, même question",
        "en": "same team, same respondent {respondent}, same question",
    },
    "comment.same-team": {
        "fr": "même équipe, même question, sans répondant",
        "en": "same team, same question, no respondent",
    },
    "rule.review-no-tone": {
        "fr": "commentaire {comment} : thème « {theme} » sans tonalité — écrire positif, "
        "négatif ou mixte dans tone",
        "en": "comment {comment}: theme '{theme}' without a tone — write positif, négatif or "
        "mixte in tone (in French, whatever the reports' language)",
    },
    "rule.review-no-theme": {
        "fr": "commentaire {comment} : tonalité « {tone} » sans thème — écrire le code du thème "
        "(catalogue comment_themes) dans theme, ou vider tone pour un commentaire relu sans "
        "aucun thème",
        "en": "comment {comment}: tone '{tone}' without a theme — write the theme's code "
        "(comment_themes catalogue) in theme, or empty tone for a comment reviewed as having "
        "no theme",
    },
    "rule.review-none-and-themes": {
        "fr": "commentaire {comment} relu à la fois sans thème (cette ligne) et avec des "
        "thèmes ({themes}) — supprimer cette ligne si le commentaire a ces thèmes, sinon supprimer les "
        "lignes de ses thèmes",
        "en": "comment {comment} reviewed both as having no theme (this row) and with themes "
        "({themes}) — delete this row if the comment has these themes, otherwise delete the "
        "rows of its themes",
    },
    "template.invalid-roadmap-indicator": {
        "fr": "« {column} » : choisissez un code de la liste (indicateurs, scores du baromètre "
        "et des questionnaires, activité de partenariat : voir le mode d'emploi) ; le code d'un "
        "indicateur ou d'un questionnaire que vous avez ajouté au catalogue convient aussi.",
        "en": "'{column}': choose a code from the list (indicators, barometer and questionnaire "
        "scores, partnership activity: see the instructions); the code of an indicator or "
        "questionnaire you added to the catalogue is fine too.",
    },
    "template.invalid-training": {
        "fr": "« {column} » : le code d'une formation de la feuille training_sessions, ou vide "
        "pour un item commun à toutes les formations ; le code d'une formation dont les "
        "sessions ne sont pas encore saisies convient aussi.",
        "en": "'{column}': the code of a training of the training_sessions sheet, or empty for "
        "an item common to every training; the code of a training whose sessions are not "
        "entered yet is fine too.",
    },
    "template.training-source": {
        "fr": "Exemple du modèle de collecte : remplacez-le par le quiz de votre formation",
        "en": "Example of the collection template: replace it with your training's quiz",
    },
    "template.training": {
        "fr": "L'évaluation des formations (tables training_*)",
        "en": "The evaluation of trainings (training_* tables)",
    },
    "template.training.how": {
        "fr": "Une session de formation (training_sessions) a ses participants "
        "(training_participants, un pseudonyme par personne, le même à tous les temps) et "
        "leurs réponses (training_answers), une ligne par participant, temps et item. Chaque "
        "nature d'item se pose à ses temps : les attentes (expectation, oui ou non) au temps "
        "« attentes » puis « à chaud » ; le quiz (quiz, la réponse choisie) « avant » et "
        "« après » — un participant sans l'un des deux ne compte que dans les analyses non "
        "appariées ; la satisfaction (satisfaction, une note entière de l'échelle de l'item) "
        "« à chaud » ; le changement de pratique (practice_change, oui ou non) et le plan "
        "d'action (action_plan : fait, en cours ou pas commencé) « à distance », 3 à 6 mois "
        "après. Le quiz et les attentes sont propres à chaque formation : ajoutez-les à la "
        "feuille training_items avec le code de la formation (voir les lignes d'exemple).",
        "en": "A training session (training_sessions) has its participants "
        "(training_participants, one pseudonym per person, the same at every moment) and "
        "their answers (training_answers), one row per participant, moment and item. Each "
        "kind of item is asked at its moments: expectations (expectation, oui or non) at "
        "'attentes' then 'à chaud'; the quiz (quiz, the answer chosen) 'avant' and 'après' "
        "— a participant without one of the two counts only in the unpaired analyses; "
        "satisfaction (satisfaction, a whole score of the item's scale) 'à chaud'; practice "
        "change (practice_change, oui or non) and the action plan (action_plan: fait, en "
        "cours or pas commencé) 'à distance', 3 to 6 months later. Answers and moments are "
        "written in French whatever the reports' language. The quiz and expectations belong "
        "to each training: add them to the training_items sheet with the training's code "
        "(see the example rows).",
    },
    "template.invalid-questionnaire": {
        "fr": "« {column} » : le code d'un questionnaire de la feuille questionnaire_items.",
        "en": "'{column}': the code of a questionnaire of the questionnaire_items sheet.",
    },
    "template.roadmap-codes": {
        "fr": "Les indicateurs de suivi de la feuille de route (colonne indicator)",
        "en": "The roadmap's follow-up indicators (indicator column)",
    },
    "template.roadmap-codes.how": {
        "fr": "Une ligne de la feuille de route suit un indicateur du catalogue, un score du "
        "baromètre ou d'un questionnaire (global ou par dimension) ou une mesure de l'activité "
        "de partenariat. Ses cibles s'écrivent dans l'unité de l'indicateur (%, pour 1 000, "
        "points de l'échelle…). Codes des catalogues par défaut :",
        "en": "A roadmap line follows an indicator of the catalogue, a barometer or "
        "questionnaire score (global or per dimension) or a measure of partnership activity. "
        "Its targets are written in the indicator's unit (%, per 1,000, scale points…). Codes "
        "of the default catalogues:",
    },
    "template.barometer": {"fr": "Baromètre du partenariat", "en": "Partnership barometer"},
    "template.score-global": {"fr": "{title} : score global", "en": "{title}: global score"},
    "template.score-dimension": {"fr": "{title} : {dimension}", "en": "{title}: {dimension}"},
    "template.activity.partenaires": {
        "fr": "Activité : patients partenaires actifs",
        "en": "Activity: active patient partners",
    },
    "template.activity.taux_participation": {
        "fr": "Activité : taux de participation des partenaires aux réunions",
        "en": "Activity: partners' attendance rate at meetings",
    },
    "template.activity.heures_par_partenaire": {
        "fr": "Activité : heures par partenaire",
        "en": "Activity: hours per partner",
    },
    "template.activity.retention": {
        "fr": "Activité : rétention des partenaires",
        "en": "Activity: retention of partners",
    },
    "run.warnings": {
        "fr": "{n} avertissement(s) sur les données (ils ne bloquent pas les rapports) :",
        "en": "{n} warning(s) about the data (they do not stop the reports):",
    },
    "run.warnings.more": {
        "fr": "  … et {n} autre(s) du même type",
        "en": "  … and {n} more of the same kind",
    },
    "type.integer": {"fr": "un nombre entier", "en": "a whole number"},
    "type.number": {"fr": "un nombre", "en": "a number"},
    "type.date": {
        "fr": "une date (AAAA-MM-JJ ou JJ/MM/AAAA)",
        "en": "a date (YYYY-MM-DD or DD/MM/YYYY)",
    },
    "type.yearmonth": {"fr": "un mois (AAAA-MM ou MM/AAAA)", "en": "a month (YYYY-MM or MM/YYYY)"},
    "type.boolean": {
        "fr": "un booléen (oui/non, vrai/faux, 1/0)",
        "en": "a boolean (yes/no, true/false, 1/0)",
    },
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
    "validate.summary": {
        "fr": "{n_teams} équipes, {n_comparison} unités de comparaison{absent}",
        "en": "{n_teams} teams, {n_comparison} comparison units{absent}",
    },
    # --- the command line: help texts ------------------------------------------------
    "cli.help.main": {
        "fr": "Évaluer l'impact du partenariat patient : valider les données, écrire les "
        "données de démonstration, produire les rapports.",
        "en": "Evaluate the impact of patient partnership: validate the data, write the "
        "demo data, build the reports.",
    },
    "cli.help.help": {"fr": "Afficher cette aide et quitter.", "en": "Show this message and exit."},
    "cli.help.version": {
        "fr": "Afficher la version et quitter.",
        "en": "Show the version and exit.",
    },
    "cli.help.lang": {
        "fr": "Langue des messages et des rapports (aussi : variable IMPACT_LANG).",
        "en": "Language of the messages and reports (also: IMPACT_LANG variable).",
    },
    "cli.help.validate": {
        "fr": "Vérifier un dossier de données (CSV) ou un classeur (XLSX) selon le contrat de "
        "données. Code de sortie 2 s'il y a des erreurs, 0 sinon (les avertissements sont "
        "affichés sans faire échouer).",
        "en": "Check a data folder (CSV) or workbook (XLSX) against the data contract. Exits 2 "
        "when there are errors, 0 otherwise (warnings are printed but do not fail).",
    },
    "cli.help.validate.problems": {
        "fr": "Écrire tous les problèmes dans ce fichier CSV.",
        "en": "Write every problem to this CSV file.",
    },
    "cli.help.demo": {
        "fr": "Écrire le programme de démonstration synthétique (avec ses effets vrais) en "
        "fichiers CSV.",
        "en": "Write the synthetic demo programme (with its true effects) as CSV files.",
    },
    "cli.help.demo.teams": {
        "fr": "Nombre d'équipes du programme (1 à 2\u202f000) ; une unité de comparaison pour "
        "quatre équipes (15 au moins) ; au-delà de 60 équipes, volumes e-Satis de "
        "questionnaires d'expérience patient (1\u202f200 équipes : environ 300\u202f000 "
        "par période).",
        "en": "Number of programme teams (1 to 2,000); one comparison unit per four teams "
        "(at least 15); beyond 60 teams, e-Satis volumes of patient-experience "
        "questionnaires (1,200 teams: about 300,000 per period).",
    },
    "cli.help.demo.seed": {"fr": "Graine du générateur aléatoire.", "en": "Random seed."},
    "cli.help.run": {
        "fr": "Produire les rapports HTML : un par équipe, le rapport du programme et un index "
        "(sans DATA : le programme de démonstration). Le dossier --out est remplacé d'un "
        "coup en fin d'exécution ; l'exécution précédente est gardée dans DIR.previous. "
        "Codes de sortie : 0 tout est fait, 1 un rapport a échoué, 2 données ou arguments "
        "refusés, 130 interrompu (Ctrl-C), 143 arrêté (SIGTERM).",
        "en": "Build the HTML reports: one per team, the programme report and an index (no "
        "DATA: the demo programme). The --out folder is replaced at once at the end of the "
        "run; the previous run is kept in DIR.previous. Exit codes: 0 all done, 1 a report "
        "failed, 2 data or arguments refused, 130 interrupted (Ctrl-C), 143 stopped (SIGTERM).",
    },
    "cli.help.run.out": {"fr": "Dossier des rapports.", "en": "Folder for the reports."},
    "cli.help.run.teams": {
        "fr": "Identifiants d'équipes séparés par des virgules (par défaut : toutes).",
        "en": "Comma-separated team ids (default: all).",
    },
    "cli.help.run.workers": {
        "fr": "Exécutions en parallèle (par défaut : nombre de processeurs).",
        "en": "Parallel workers (default: number of CPUs).",
    },
    "cli.help.run.executor": {
        "fr": "Où exécuter les rapports : local (ce processus) ou dask (un cluster Dask : "
        "local avec --workers processus, ou celui de --scheduler ; extra impact[dask]).",
        "en": "Where the reports run: local (this process) or dask (a Dask cluster: local "
        "with --workers processes, or the one of --scheduler; extra impact[dask]).",
    },
    "cli.help.run.scheduler": {
        "fr": "Adresse d'un planificateur Dask démarré (tcp://machine:8786), avec "
        "--executor dask ; ses workers doivent voir les données et --out aux mêmes chemins.",
        "en": "Address of a running Dask scheduler (tcp://host:8786), with --executor dask; "
        "its workers must see the data and --out at the same paths.",
    },
    "cli.scheduler-needs-dask": {
        "fr": "--scheduler demande --executor dask",
        "en": "--scheduler needs --executor dask",
    },
    "cli.help.run.min-cell": {
        "fr": "Plus petit effectif affiché dans les rapports.",
        "en": "Smallest group size shown in reports.",
    },
    # issue 17 — impact plan
    "cli.help.plan": {
        "fr": "Plus petits effets détectables : pour chaque équipe et résultat des données "
        "(DATA), ou avant un programme (--teams-count, --answers, --baseline ou --sd). "
        "Codes de sortie : 0 fait, 2 données ou arguments refusés.",
        "en": "Minimum detectable effects: for each team and outcome of the data (DATA), or "
        "before a programme (--teams-count, --answers, --baseline or --sd). Exit codes: 0 "
        "done, 2 data or arguments refused.",
    },
    "cli.help.plan.power": {"fr": "Puissance.", "en": "Power."},
    "cli.help.plan.alpha": {"fr": "Seuil bilatéral.", "en": "Two-sided level."},
    "cli.help.plan.out": {
        "fr": "Fichier CSV du tableau complet (lignes masquées sous le seuil).",
        "en": "CSV file of the full table (rows under the threshold masked).",
    },
    "cli.help.plan.teams-count": {
        "fr": "Avant le programme : nombre d'équipes attendu.",
        "en": "Before the programme: expected number of teams.",
    },
    "cli.help.plan.answers": {
        "fr": "Avant le programme : réponses attendues par équipe et par période.",
        "en": "Before the programme: expected answers per team and period.",
    },
    "cli.help.plan.baseline": {
        "fr": "Proportion attendue avant (0–1) ; effets en points.",
        "en": "Expected proportion before (0–1); effects in points.",
    },
    "cli.help.plan.sd": {
        "fr": "Ou écart type du résultat ; effets dans son unité.",
        "en": "Or the outcome's standard deviation; effects in its unit.",
    },
    "cli.help.plan.tau": {
        "fr": "Écart type attendu de l'effet entre équipes (τ), même unité.",
        "en": "Expected SD of the effect between teams (τ), same unit.",
    },
    "cli.help.plan.target": {
        "fr": "Effet à détecter (même unité) : effectifs nécessaires.",
        "en": "Effect to detect (same unit): the sizes it needs.",
    },
    "cli.help.plan.its": {
        "fr": "Ajouter le changement de niveau détectable des séries temporelles, simulé "
        "(plus lent).",
        "en": "Add the detectable level change of the time series, by simulation (slower).",
    },
    "plan.need-mode": {
        "fr": "Donner DATA, ou --teams-count et --answers pour planifier avant le programme.",
        "en": "Give DATA, or --teams-count and --answers to plan before the programme.",
    },
    "plan.both-modes": {
        "fr": "DATA et --teams-count/--answers s'excluent : choisir l'un ou l'autre.",
        "en": "DATA and --teams-count/--answers exclude each other: choose one.",
    },
    "plan.baseline-or-sd": {
        "fr": "Donner exactement une de --baseline (proportion) et --sd (écart type).",
        "en": "Give exactly one of --baseline (proportion) and --sd (standard deviation).",
    },
    "plan.power-alpha": {
        "fr": "--power ({power}) doit être supérieur à --alpha ({alpha}).",
        "en": "--power ({power}) must be greater than --alpha ({alpha}).",
    },
    "plan.unknown-teams": {
        "fr": "Équipes inconnues ou sans date de début : {teams}.",
        "en": "Unknown teams, or teams without a start date: {teams}.",
    },
    "plan.written": {"fr": "Tableau écrit : {path}", "en": "Table written: {path}"},
    # issue 13 — wide survey exports (impact import-survey, impact.data.surveys)
    "cli.help.import-survey": {
        "fr": "Convertir un export d'enquête « large » (LimeSurvey, REDCap, Forms : une ligne "
        "par répondant, une colonne par question) en table longue du contrat de données, avec "
        "un fichier de correspondance (--map). Avec --draft, ou si ce fichier n'existe pas, "
        "écrire une correspondance proposée à vérifier. Codes de sortie : 0 fait, 2 réponse "
        "sans code ou correspondance incomplète.",
        "en": "Turn a wide survey export (LimeSurvey, REDCap, Forms: one row per respondent, "
        "one column per question) into the data contract's long table, using a mapping file "
        "(--map). With --draft, or when that file does not exist, write a proposed mapping to "
        "check. Exit codes: 0 done, 2 an answer without a code or an incomplete mapping.",
    },
    "cli.help.import-survey.table": {
        "fr": "Table du contrat de données à produire.",
        "en": "Table of the data contract to produce.",
    },
    "cli.help.import-survey.map": {
        "fr": "Fichier de correspondance (CSV : kind,source,target).",
        "en": "Mapping file (CSV: kind,source,target).",
    },
    "cli.help.import-survey.out": {
        "fr": "Fichier CSV à écrire (par défaut : TABLE.csv à côté de l'export).",
        "en": "CSV file to write (default: TABLE.csv next to the export).",
    },
    "cli.help.import-survey.draft": {
        "fr": "Écrire une correspondance proposée (rapprochement des questions avec le "
        "catalogue), même si le fichier existe.",
        "en": "Write a proposed mapping (questions matched to the catalogue), even if the "
        "file exists.",
    },
    "survey.draft-written": {
        "fr": "Correspondance proposée écrite dans {path} : {n_items} question(s) rapprochée(s) "
        "du catalogue, {n_check} ligne(s) à vérifier (score < 100) et {n_blank} cible(s) vide(s) "
        "à compléter ou laisser vides (colonne ignorée). Vérifiez-la, puis relancez sans --draft.",
        "en": "Proposed mapping written to {path}: {n_items} question(s) matched to the "
        "catalogue, {n_check} row(s) to check (score < 100) and {n_blank} empty target(s) to "
        "fill in or leave empty (column ignored). Check it, then run again without --draft.",
    },
    "survey.written": {
        "fr": "{n} lignes écrites dans {path} (table {table}, depuis {n_rows} lignes de l'export)",
        "en": "{n} rows written to {path} (table {table}, from {n_rows} export rows)",
    },
    "survey.header": {
        "fr": "{n_errors} erreur(s) et {n_warnings} avertissement(s) en important {path}",
        "en": "{n_errors} error(s) and {n_warnings} warning(s) importing {path}",
    },
    "survey.sheet": {"fr": "feuille « {sheet} »", "en": "sheet '{sheet}'"},
    "survey.unmapped-column": {
        "fr": "colonne « {column} » non importée ({count} cellule(s) remplie(s)) : si elle doit "
        "l'être, écrire sa cible dans le fichier de correspondance (« column,{column},<code du "
        "catalogue ou colonne de la table> »)",
        "en": "column '{column}' not imported ({count} filled cell(s)): if it should be, write "
        "its target in the mapping file ('column,{column},<catalogue code or table column>')",
    },
    "survey.unknown-answer": {
        "fr": "réponse « {value} » sans code : {count} cellule(s) dans {n_columns} colonne(s) "
        "({column}), ligne(s) {rows} — ajouter la ligne « answer,{value},<code> » au fichier "
        "de correspondance",
        "en": "answer '{value}' has no code: {count} cell(s) in {n_columns} column(s) "
        "({column}), row(s) {rows} — add the row 'answer,{value},<code>' to the mapping file",
    },
    "survey.checkbox-multiple": {
        "fr": "plusieurs cases cochées pour « {column} » ({value}) : {count} ligne(s) ({rows}) "
        "— n'en garder qu'une par répondant dans l'export",
        "en": "several boxes ticked for '{column}' ({value}): {count} row(s) ({rows}) — keep "
        "only one per respondent in the export",
    },
    "survey.unknown-target": {
        "fr": "ligne {line} du fichier de correspondance : « {value} » n'est ni un code du "
        "catalogue ni une colonne de la table {table} (colonnes : {allowed})",
        "en": "line {line} of the mapping file: '{value}' is neither a catalogue code nor a "
        "column of table {table} (columns: {allowed})",
    },
    "survey.unknown-kind": {
        "fr": "ligne {line} du fichier de correspondance : type « {value} » inconnu (permis : "
        "column, answer, constant ou une colonne de la table pour recoder ses valeurs)",
        "en": "line {line} of the mapping file: unknown kind '{value}' (allowed: column, "
        "answer, constant or a table column to recode its values)",
    },
    "survey.absent-column": {
        "fr": "la colonne « {column} » du fichier de correspondance n'existe pas dans l'export "
        "(vérifier l'orthographe ou l'export choisi)",
        "en": "column '{column}' of the mapping file does not exist in the export (check the "
        "spelling or the export chosen)",
    },
    "survey.missing-column": {
        "fr": "colonne obligatoire « {column} » ({title}) de la table {table} sans source : "
        "l'associer à une colonne de l'export (« column,<colonne de l'export>,{column} ») ou "
        "lui donner une valeur fixe (« constant,{column},<valeur> »)",
        "en": "required column '{column}' ({title}) of table {table} has no source: map an "
        "export column to it ('column,<export column>,{column}') or give it a fixed value "
        "('constant,{column},<value>')",
    },
    "survey.no-items": {
        "fr": "aucune colonne de l'export n'est associée à un code du catalogue : écrire au "
        "moins une ligne « column,<colonne de l'export>,<code> » (ou relancer avec --draft)",
        "en": "no export column is mapped to a catalogue code: write at least one row "
        "'column,<export column>,<code>' (or run again with --draft)",
    },
    # --- the command line: what it prints ----------------------------------------------
    "cli.demo-written": {
        "fr": "{n} fichiers écrits dans {path}",
        "en": "{n} files written to {path}",
    },
    "cli.unexpected": {
        "fr": "impact : erreur inattendue : {error}",
        "en": "impact: unexpected error: {error}",
    },
    "cli.aborted": {"fr": "Interrompu.", "en": "Aborted."},
    "run.done": {"fr": "{n} rapport(s) → {index}", "en": "{n} report(s) → {index}"},
    "run.kept-previous": {
        "fr": "Rapports précédents conservés dans {path}",
        "en": "Previous reports kept in {path}",
    },
    "run.failure": {
        "fr": "  ÉCHEC {team} : {error} ({notebook})",
        "en": "  FAILED {team}: {error} ({notebook})",
    },
    "run.interrupted": {
        "fr": "Exécution interrompue : les rapports précédents de {out} sont inchangés.",
        "en": "Run interrupted: the previous reports in {out} are unchanged.",
    },
    # --- a run: progress ---------------------------------------------------------------
    "run.reading": {
        "fr": "Lecture et validation des données : {path}",
        "en": "Reading and validating the data: {path}",
    },
    "run.demo": {
        "fr": "Écriture des données de démonstration dans {path}…",
        "en": "Writing the demo data to {path}…",
    },
    "run.computing": {
        "fr": "Calcul des tableaux pour {n} équipe(s)…",
        "en": "Computing the tables for {n} team(s)…",
    },
    "run.programme-start": {
        "fr": "Rapport du programme : en cours, à côté des rapports d'équipe",
        "en": "Programme report: running alongside the team reports",
    },
    "run.programme-done": {"fr": "Rapport du programme : écrit", "en": "Programme report: written"},
    "run.programme-failed": {
        "fr": "Rapport du programme : en échec ({error})",
        "en": "Programme report: failed ({error})",
    },
    "run.worker-lost": {
        "fr": "le worker Dask qui exécutait ce rapport s'est arrêté (mémoire épuisée, machine "
        "arrêtée ?), sur chaque worker où il a été relancé ; les autres rapports ne sont pas "
        "touchés",
        "en": "the Dask worker running this report stopped (out of memory, machine shut "
        "down?), on every worker it was tried again on; the other reports are not affected",
    },
    "run.progress": {"fr": "Rapports", "en": "Reports"},
    "run.unit": {"fr": "rapport", "en": "report"},
    # --- a run: refused before any work (exit 2) -----------------------------------------
    "run.data-file": {
        "fr": "{path} est un fichier : donnez un dossier de fichiers CSV ou un classeur .xlsx",
        "en": "{path} is a file: give a folder of CSV files or an .xlsx workbook",
    },
    "run.out-file": {
        "fr": "--out {path} est un fichier, pas un dossier",
        "en": "--out {path} is a file, not a folder",
    },
    "run.out-holds-data": {
        "fr": "--out {out} contient les données ({data}) : le remplacer en fin d'exécution "
        "déplacerait vos données ; choisissez un autre dossier de sortie",
        "en": "--out {out} contains the data ({data}): replacing it at the end of the run "
        "would move your data; choose another output folder",
    },
    "run.out-not-reports": {
        "fr": "{path} contient déjà des fichiers qui ne sont pas des rapports d'impact (pas de "
        "run.json) : choisissez un dossier nouveau ou vide, car il est remplacé en fin "
        "d'exécution",
        "en": "{path} already holds files that are not impact reports (no run.json): choose "
        "a new or empty folder, since it is replaced at the end of the run",
    },
    "run.out-unwritable": {
        "fr": "impossible d'écrire le dossier de sortie {path} : {reason}",
        "en": "cannot write the output folder {path}: {reason}",
    },
    "run.dask-missing": {
        "fr": "l'exécuteur dask demande l'extra impact[dask] (pip install 'impact[dask]') : "
        "{reason}",
        "en": "the dask executor needs the impact[dask] extra (pip install 'impact[dask]'): "
        "{reason}",
    },
    "run.dask-unreachable": {
        "fr": "impossible de joindre le planificateur Dask {address} : {reason} ; vérifiez "
        "l'adresse (tcp://machine:8786) et que le planificateur est démarré",
        "en": "cannot reach the Dask scheduler {address}: {reason}; check the address "
        "(tcp://host:8786) and that the scheduler is running",
    },
    "run.dask-unseen": {
        "fr": "{n} worker(s) Dask ne voient pas les dossiers du run (par exemple {worker} : "
        "{paths}) : les données, le dossier de sortie et impact doivent être sur un système "
        "de fichiers partagé, aux mêmes chemins sur chaque machine",
        "en": "{n} Dask worker(s) do not see the run's folders (for example {worker}: "
        "{paths}): the data, the output folder and impact must be on a shared file system, "
        "at the same paths on every machine",
    },
    "run.unknown-teams": {
        "fr": "équipe(s) inconnue(s) : {unknown} ; équipes connues : {known}",
        "en": "unknown team(s): {unknown}; known teams: {known}",
    },
    # issue 13 — collection templates (impact template, impact.data.template)
    "cli.help.template": {
        "fr": "Écrire un modèle de collecte (classeur .xlsx) : une feuille par table du contrat "
        "de données, listes déroulantes, formats, mode d'emploi et lignes d'exemple qui "
        "passent la validation. Le mode d'emploi, les commentaires et les messages des listes "
        "sont dans la langue de --lang. Ne remplace jamais un fichier existant.",
        "en": "Write a collection template (.xlsx workbook): one sheet per table of the data "
        "contract, drop-down lists, formats, instructions and example rows that pass "
        "validation. The instructions, comments and list messages are in the --lang language. "
        "Never replaces an existing file.",
    },
    "cli.template-written": {
        "fr": "Modèle de collecte écrit : {path} ({n} tables et le mode d'emploi)",
        "en": "Collection template written: {path} ({n} tables and the instructions)",
    },
    "cli.template-exists": {
        "fr": "{path} existe déjà : le modèle ne remplace jamais un fichier ; donnez un autre "
        "nom ou supprimez d'abord ce fichier",
        "en": "{path} already exists: the template never replaces a file; give another name "
        "or delete that file first",
    },
    "cli.template-suffix": {
        "fr": "{path} : le modèle est un classeur Excel ; donnez un nom de fichier en .xlsx",
        "en": "{path}: the template is an Excel workbook; give a file name ending in .xlsx",
    },
    "template.guide-sheet": {"fr": "Mode d'emploi", "en": "Instructions"},
    "template.title": {
        "fr": "Modèle de collecte des données d'évaluation (impact)",
        "en": "Collection template for the evaluation data (impact)",
    },
    "template.how.sheets": {
        "fr": "Ce classeur a une feuille par table du contrat de données, nommée comme la table. "
        "Ne renommez ni les feuilles ni les en-têtes de la ligne 1 : impact les reconnaît à "
        "leur nom. Saisissez une observation par ligne, à partir de la ligne 2.",
        "en": "This workbook has one sheet per table of the data contract, named like the "
        "table. Rename neither the sheets nor the headers in row 1: impact recognises them by "
        "their name. Enter one observation per row, from row 2.",
    },
    "template.how.cells": {
        "fr": "Chaque en-tête porte un commentaire : le titre de la colonne et ce qu'elle "
        "contient. Les colonnes codées ont une liste déroulante (équipes, critères, "
        "indicateurs, rôles, vagues, codes réponse, oui/non…). Dates au format JJ/MM/AAAA, "
        "mois au format MM/AAAA ; une cellule vide veut dire « sans valeur ».",
        "en": "Each header carries a comment: the column's title and what it holds. Coded "
        "columns have a drop-down list (teams, items, indicators, roles, waves, answer codes, "
        "yes/no…). Dates as YYYY-MM-DD, months as YYYY-MM; an empty cell means 'no value'.",
    },
    "template.how.examples": {
        "fr": "Les lignes en italique sont des exemples : remplacez-les par vos données ou "
        "effacez-les. Une table facultative dont vous n'avez pas les données reste vide (la "
        "ligne d'en-tête seule) ou sa feuille est supprimée. Les feuilles de catalogue sont "
        "pré-remplies avec les catalogues par défaut d'impact ; complétez-les au besoin : les "
        "listes déroulantes des autres feuilles s'y réfèrent.",
        "en": "Rows in italics are examples: replace them with your data or clear them. An "
        "optional table you have no data for stays empty (its header row only) or its sheet "
        "is deleted. The catalogue sheets hold impact's default catalogues; extend them if "
        "needed: the other sheets' drop-down lists refer to them.",
    },
    "template.how.check": {
        "fr": "Vérifiez le classeur avec « impact validate {file} », puis produisez les rapports "
        "avec « impact run {file} --out rapports ».",
        "en": "Check the workbook with 'impact validate {file}', then build the reports with "
        "'impact run {file} --out reports'.",
    },
    "template.tables": {
        "fr": "Les tables (descriptions du contrat de données)",
        "en": "The tables (descriptions from the data contract, in French)",
    },
    "template.required-table": {"fr": "obligatoire", "en": "required"},
    "template.optional-table": {"fr": "facultative", "en": "optional"},
    "template.catalogue-table": {
        "fr": "catalogue facultatif, pré-rempli",
        "en": "optional catalogue, pre-filled",
    },
    "template.columns": {"fr": "Colonnes : {columns}", "en": "Columns: {columns}"},
    "template.required-column": {"fr": "obligatoire", "en": "required"},
    "template.invalid-title": {"fr": "Valeur non permise", "en": "Value not allowed"},
    "template.invalid-list": {
        "fr": "« {column} » : choisissez une valeur de la liste déroulante.",
        "en": "'{column}': choose a value from the drop-down list.",
    },
    "template.invalid-wave": {
        "fr": "« {column} » : une vague s'écrit T suivi d'un nombre (T0 avant, T1, T2…).",
        "en": "'{column}': a wave is T followed by a number (T0 before, T1, T2…).",
    },
    "template.invalid-minimum": {
        "fr": "« {column} » attend {kind} supérieur ou égal à {low}.",
        "en": "'{column}' expects {kind} greater than or equal to {low}.",
    },
    "template.invalid-between": {
        "fr": "« {column} » attend {kind} de {low} à {high}.",
        "en": "'{column}' expects {kind} from {low} to {high}.",
    },
    "template.invalid-length": {
        "fr": "« {column} » : {limit} caractères au plus.",
        "en": "'{column}': {limit} characters at most.",
    },
    # issue 16 — the review sheet (impact comments review / import)
    "review.help.group": {
        "fr": "Relire les commentaires libres avec les patients partenaires : exporter une "
        "feuille de relecture, puis importer ses corrections.",
        "en": "Review the free-text comments with patient partners: export a review sheet, "
        "then import its corrections.",
    },
    "review.help.review": {
        "fr": "Écrire la feuille de relecture (XLSX) des commentaires masqués de DATA, avec les "
        "thèmes et tonalités trouvés à confirmer ou corriger.",
        "en": "Write the review sheet (XLSX) of DATA's masked comments, with the themes and "
        "tones found, to confirm or correct.",
    },
    "review.help.import": {
        "fr": "Lire une feuille de relecture remplie et écrire ses lignes relues dans la table "
        "comment_reviews de DATA.",
        "en": "Read a filled review sheet and write its reviewed rows to DATA's comment_reviews "
        "table.",
    },
    "review.help.team": {
        "fr": "Équipe dont exporter les commentaires (à répéter ; par défaut : toutes).",
        "en": "Team whose comments to export (repeat it; default: all).",
    },
    "review.help.processes": {
        "fr": "Processus pour le masquage et les thèmes (par défaut : nombre de cœurs, au plus 2).",
        "en": "Processes for masking and themes (default: number of cores, at most 2).",
    },
    "review.help.out": {
        "fr": "Fichier comment_reviews.csv à écrire (obligatoire si DATA est un classeur ; par "
        "défaut DATA/comment_reviews.csv).",
        "en": "comment_reviews.csv file to write (required when DATA is a workbook; default "
        "DATA/comment_reviews.csv).",
    },
    "review.out-suffix": {
        "fr": "{path} : la feuille de relecture est un classeur Excel ; donnez un nom de fichier "
        "en .xlsx",
        "en": "{path}: the review sheet is an Excel workbook; give a file name ending in .xlsx",
    },
    "review.out-exists": {
        "fr": "{path} existe déjà : une feuille de relecture peut contenir des relectures en "
        "cours, elle n'est jamais remplacée ; donnez un autre nom ou supprimez d'abord ce fichier",
        "en": "{path} already exists: a review sheet may hold reviews in progress, it is never "
        "replaced; give another name or delete that file first",
    },
    "review.unknown-team": {
        "fr": "équipe(s) inconnue(s) : {unknown} ; équipes connues : {known}",
        "en": "unknown team(s): {unknown}; known teams: {known}",
    },
    "review.no-comments": {
        "fr": "{path} n'a aucun commentaire{teams} : rien à relire (table comments)",
        "en": "{path} has no comment{teams}: nothing to review (table comments)",
    },
    "review.for-teams": {"fr": " pour les équipes {teams}", "en": " for teams {teams}"},
    "review.sheet-written": {
        "fr": "Feuille de relecture écrite dans {path} : {n} commentaires, dont {n_reviewed} déjà "
        "relus ; méthode des autres : {method}",
        "en": "Review sheet written to {path}: {n} comments, {n_reviewed} of them already "
        "reviewed; method for the others: {method}",
    },
    "review.out-required": {
        "fr": "{path} est un classeur : donnez avec --out le fichier comment_reviews.csv à écrire "
        "(le classeur n'est jamais modifié), puis copiez ses lignes dans la feuille "
        "comment_reviews du classeur",
        "en": "{path} is a workbook: give with --out the comment_reviews.csv file to write (the "
        "workbook is never changed), then copy its rows into the workbook's comment_reviews "
        "sheet",
    },
    "review.imported": {
        "fr": "{n} commentaire(s) relu(s) sur {total} ; thèmes : {confirmed} confirmé(s), "
        "{corrected} tonalité(s) corrigée(s), {removed} retiré(s), {added} ajouté(s), soit "
        "{changed} changé(s) par rapport à la feuille exportée ; {rows} ligne(s) de relecture "
        "écrite(s) dans {path}",
        "en": "{n} comment(s) reviewed out of {total}; themes: {confirmed} confirmed, "
        "{corrected} tone(s) corrected, {removed} removed, {added} added, that is {changed} "
        "changed from the exported sheet; {rows} review row(s) written to {path}",
    },
    "review.header": {
        "fr": "{n} erreur(s) dans la feuille de relecture {path} ; rien n'a été écrit :",
        "en": "{n} error(s) in the review sheet {path}; nothing was written:",
    },
    "review.where": {
        "fr": "feuille « {sheet} », ligne {row}, colonne « {column} » ({letter})",
        "en": "sheet '{sheet}', row {row}, column '{column}' ({letter})",
    },
    "review.where-sheet": {"fr": "feuille « {sheet} »", "en": "sheet '{sheet}'"},
    "review.problem": {"fr": "{where} : {message} ({rule})", "en": "{where}: {message} ({rule})"},
    "review.rule.unreadable": {
        "fr": "classeur illisible ({detail}) : donnez la feuille .xlsx écrite par « impact "
        "comments review »",
        "en": "unreadable workbook ({detail}): give the .xlsx sheet written by 'impact comments "
        "review'",
    },
    "review.rule.no-sheet": {
        "fr": "pas de feuille « {expected} » (feuilles trouvées : {found}) : donnez la feuille "
        "écrite par « impact comments review »",
        "en": "no sheet '{expected}' (sheets found: {found}): give the sheet written by "
        "'impact comments review'",
    },
    "review.rule.no-codes": {
        "fr": "la ligne 1 (masquée) des codes de colonnes a été supprimée : exportez une "
        "nouvelle feuille et reportez-y vos relectures",
        "en": "row 1 (hidden) with the column codes was deleted: export a new sheet and copy "
        "your reviews into it",
    },
    "review.rule.column-missing": {
        "fr": "colonne « {label} » (code {code}) supprimée : rétablissez-la (copiez-la d'une "
        "nouvelle feuille exportée)",
        "en": "column '{label}' (code {code}) removed: restore it (copy it from a newly "
        "exported sheet)",
    },
    "review.rule.column-renamed": {
        "fr": "en-tête « {value} » au lieu de « {label} » (code {code}) : remettez l'en-tête "
        "« {label} »",
        "en": "header '{value}' instead of '{label}' (code {code}): put back the header '{label}'",
    },
    "review.rule.column-unknown": {
        "fr": "colonne de code « {value} » inconnue : ce n'est pas un thème du catalogue "
        "comment_themes ; supprimez cette colonne ou ajoutez le thème au catalogue",
        "en": "column with code '{value}' unknown: not a theme of the comment_themes "
        "catalogue; delete that column or add the theme to the catalogue",
    },
    "review.rule.comment-missing": {
        "fr": "identifiant de commentaire vide : remettez l'identifiant de la ligne exportée",
        "en": "empty comment identifier: put back the identifier of the exported row",
    },
    "review.rule.comment-unknown": {
        "fr": "commentaire « {value} » inconnu dans les données : remettez l'identifiant de la "
        "ligne exportée ou supprimez la ligne",
        "en": "comment '{value}' unknown in the data: put back the identifier of the exported "
        "row or delete the row",
    },
    "review.rule.comment-duplicate": {
        "fr": "commentaire « {value} » déjà à la ligne {first} : gardez une seule ligne par "
        "commentaire",
        "en": "comment '{value}' already on row {first}: keep one row per comment",
    },
    "review.rule.bad-tone": {
        "fr": "« {value} » n'est pas une tonalité : choisissez {choices} dans la liste, ou "
        "videz la cellule si le thème est absent",
        "en": "'{value}' is not a tone: choose {choices} from the list, or empty the cell if "
        "the theme is absent",
    },
    "review.rule.bad-reviewed": {
        "fr": "« {value} » n'est ni {yes} ni {no} : mettez {yes} si le commentaire est relu, "
        "{no} sinon",
        "en": "'{value}' is neither {yes} nor {no}: put {yes} when the comment is reviewed, "
        "{no} otherwise",
    },
    "review.sheet": {"fr": "Commentaires", "en": "Comments"},
    "review.guide-sheet": {"fr": "Lisez-moi", "en": "Read me"},
    "review.column.comment": {"fr": "Commentaire", "en": "Comment"},
    "review.column.team_id": {"fr": "Équipe", "en": "Team"},
    "review.column.period": {"fr": "Période", "en": "Period"},
    "review.column.source": {"fr": "Source", "en": "Source"},
    "review.column.text": {"fr": "Texte (masqué)", "en": "Text (masked)"},
    "review.column.reviewed": {"fr": "relu", "en": "reviewed"},
    "review.column.method": {"fr": "méthode", "en": "method"},
    "review.theme-comment": {
        "fr": "Thème « {label} » (code {code}) : tonalité du commentaire sur ce thème ; vide = "
        "thème absent.",
        "en": "Theme '{label}' (code {code}): tone of the comment on this theme; empty = theme "
        "absent.",
    },
    "review.guide.title": {"fr": "Relecture des commentaires", "en": "Reviewing the comments"},
    "review.guide.todo": {
        "fr": "À faire : dans la feuille « {sheet} », lisez chaque commentaire. Chaque colonne "
        "de thème donne la tonalité trouvée pour ce thème. Confirmez-la, corrigez-la avec la "
        "liste déroulante, videz la cellule si le commentaire ne parle pas de ce thème, ou "
        "choisissez une tonalité dans une cellule vide pour ajouter un thème. Puis mettez "
        "« {yes} » dans la colonne « {reviewed} » : seules les lignes relues comptent, et elles "
        "remplacent ce que la méthode automatique a trouvé pour ce commentaire. Un commentaire "
        "relu sans aucun thème est enregistré comme tel.",
        "en": "To do: in the sheet '{sheet}', read each comment. Each theme column gives the "
        "tone found for that theme. Confirm it, correct it with the drop-down list, empty the "
        "cell if the comment does not speak of that theme, or choose a tone in an empty cell "
        "to add a theme. Then put '{yes}' in the column '{reviewed}': only reviewed rows count, "
        "and they replace what the automatic method found for that comment. A comment reviewed "
        "with no theme is recorded as such.",
    },
    "review.guide.tones": {
        "fr": "Les tonalités : « {positif} » le commentaire dit du bien de ce thème ; "
        "« {negatif} » il s'en plaint ; « {mixte} » il dit les deux (« accueil correct mais "
        "long »).",
        "en": "The tones: '{positif}' the comment praises this theme; '{negatif}' it complains "
        "about it; '{mixte}' it does both ('friendly welcome but slow').",
    },
    "review.guide.masked": {
        "fr": "Les textes sont masqués : noms, téléphones, courriels, dates, adresses, lieux et "
        "chambres y sont remplacés par des étiquettes ([NOM], [TÉLÉPHONE]…). N'écrivez aucune "
        "donnée personnelle dans ce classeur.",
        "en": "The texts are masked: names, phones, e-mails, dates, addresses, places and rooms "
        "are replaced by tags ([NOM], [TÉLÉPHONE]…). Write no personal data in this workbook.",
    },
    "review.guide.method": {
        "fr": "Méthode des commentaires non relus : {method}. La colonne « {column} » dit d'où "
        "vient chaque ligne : {relecture} (relu auparavant), {rules} (règles transparentes du "
        "catalogue des thèmes), {supervised} (modèle appris sur vos commentaires relus).",
        "en": "Method for the comments not reviewed: {method}. The column '{column}' tells "
        "where each row comes from: {relecture} (reviewed before), {rules} (transparent rules "
        "of the theme catalogue), {supervised} (model learnt from your reviewed comments).",
    },
    "review.guide.measured": {
        "fr": "Mesuré sur les {n} commentaires déjà relus : macro-F1 des règles {rules_f1}, de "
        "la méthode supervisée {supervised_f1} (validation croisée à 5 plis) ; la meilleure est "
        "utilisée.",
        "en": "Measured on the {n} comments already reviewed: macro-F1 of the rules "
        "{rules_f1}, of the supervised method {supervised_f1} (5-fold cross-validation); the "
        "better one is used.",
    },
    "review.guide.not-measured": {
        "fr": "Précision non mesurée : il faut au moins {minimum} commentaires relus sur au moins "
        "deux thèmes ({n} relus aujourd'hui) ; plus vous relisez, mieux la méthode s'adapte.",
        "en": "Accuracy not measured: it takes at least {minimum} comments reviewed on at least "
        "two themes ({n} reviewed today); the more you review, the better the method adapts.",
    },
    "review.guide.keep": {
        "fr": "Ne modifiez pas les en-têtes, ni la ligne 1 masquée (codes des colonnes), ni les "
        "identifiants : l'import les vérifie. Triez et filtrez librement.",
        "en": "Do not change the headers, the hidden row 1 (column codes) or the identifiers: "
        "the import checks them. Sort and filter freely.",
    },
    "review.guide.import": {
        "fr": "Ensuite : impact comments import {file} DONNÉES (les relectures sont écrites "
        "dans DONNÉES/comment_reviews.csv et deviennent la référence).",
        "en": "Then: impact comments import {file} DATA (the reviews are written to "
        "DATA/comment_reviews.csv and become authoritative).",
    },
}

#: English titles of the data contract's columns (the schemas give the French ones).
COLUMN_TITLES_EN: dict[str, str] = {
    "Code du critère": "Item code",
    "Dimension": "Dimension",
    "Dimension (français)": "Dimension (French)",
    "Dimension (anglais)": "Dimension (English)",
    "Libellé (français)": "Label (French)",
    "Libellé (anglais)": "Label (English)",
    "Note minimale": "Lowest score",
    "Note maximale": "Highest score",
    "Inversé": "Reversed",
    "Identifiant de l'équipe": "Team id",
    "Vague": "Wave",
    "Répondant": "Respondent",
    "Rôle": "Role",
    "Type d'évaluation": "Kind of assessment",
    "Critère": "Item",
    "Note": "Score",
    "Code de l'indicateur": "Indicator code",
    "Mois": "Month",
    "Valeur": "Value",
    "Numérateur": "Numerator",
    "Dénominateur": "Denominator",
    "Écart-type": "Standard deviation",
    "Effectif": "Count",
    "Code": "Code",
    "Type": "Kind",
    "Multiplicateur": "Multiplier",
    "Unité (français)": "Unit (French)",
    "Unité (anglais)": "Unit (English)",
    "Sens favorable": "Better direction",
    "Source": "Source",
    "Minimum plausible": "Plausible minimum",
    "Maximum plausible": "Plausible maximum",
    "Code de la question": "Question code",
    "Échelle": "Scale",
    "Période": "Period",
    "Classe d'âge": "Age group",
    "Sexe": "Sex",
    "Santé perçue": "Self-rated health",
    "Mode d'entrée": "Admission mode",
    "Question": "Question",
    "Code réponse": "Answer code",
    "Points (0–100)": "Points (0–100)",
    "Réponse la plus favorable": "Most favourable answer",
    "Patient": "Patient",
    "Mesure": "Measure",
    "Score": "Score",
    "Minimum": "Minimum",
    "Maximum": "Maximum",
    "Différence minimale importante": "Minimal important difference",
    "Nom du projet": "Project name",
    "Hôpital": "Hospital",
    "Groupe hospitalier (GHU)": "Hospital group (GHU)",
    "Domaine": "Domain",
    "Mode d'intervention": "Intervention mode",
    "Niveau de participation": "Participation level",
    "Date de début": "Start date",
    "Date de fin": "End date",
    "Date de la réponse": "Date of the answer",
    "Nombre de patients partenaires": "Number of patient partners",
    "Unité de comparaison": "Comparison unit",
    # issue 14 — steering tables, questionnaires, certification
    "Critères de certification": "Certification criteria",
    "Ligne": "Line",
    "Établissement": "Hospital",
    "Axe stratégique": "Strategic axis",
    "Objectif": "Objective",
    "Action": "Action",
    "Pilote (fonction)": "Owner (role)",
    "Instance de gouvernance": "Governance body",
    "Indicateur de suivi": "Follow-up indicator",
    "Début de la feuille de route": "Start of the roadmap",
    "Valeur de départ": "Baseline",
    "Cible année 1": "Target year 1",
    "Cible année 2": "Target year 2",
    "Cible année 3": "Target year 3",
    "Échéance": "Deadline",
    "Partenaire": "Partner",
    "Mode d'intervention (HAS)": "Intervention mode (HAS)",
    "Rémunéré": "Paid",
    "Réunions tenues": "Meetings held",
    "Réunions suivies": "Meetings attended",
    "Heures": "Hours",
    "Type d'accompagnement": "Kind of support",
    "Séances": "Sessions",
    "Questionnaire": "Questionnaire",
    "Questionnaire (français)": "Questionnaire (French)",
    "Questionnaire (anglais)": "Questionnaire (English)",
    "Code de l'item": "Item code",
    "Item": "Item",
    # issue 15 — training evaluation
    "Session": "Session",
    "Formation": "Training",
    "Intitulé de la formation": "Training title",
    "Lieu": "Place",
    "Équipe formée": "Team trained",
    "Formateurs": "Trainers",
    "Durée (heures)": "Duration (hours)",
    "Objectifs pédagogiques": "Learning objectives",
    "Participant": "Participant",
    "Équipe": "Team",
    "Temps de l'évaluation": "Evaluation moment",
    "Réponse": "Answer",
    "Nature de l'item": "Kind of item",
    "Domaine de satisfaction": "Satisfaction domain",
    "Bonne réponse": "Correct answer",
    # issue 16 — comment tables
    "Identifiant du commentaire": "Comment ID",
    "Date": "Date",
    "Texte": "Text",
    "Thème": "Theme",
    "Tonalité": "Tone",
    "Relecteur": "Reviewer",
    "Code du thème": "Theme code",
    "Expressions": "Expressions",
    "Expression": "Expression",
    "Polarité": "Polarity",
}


def t(key: str, lang: str = "fr", /, **fields: object) -> str:
    """Return the message ``key`` in ``lang`` (``"fr"`` or ``"en"``), formatted with ``fields``.

    Examples
    --------
    >>> t("type.integer", "en")
    'a whole number'
    """
    return translate(MESSAGES, key, lang, **fields)


def column_title(title: str, lang: str = "fr") -> str:
    """The title of a data contract column (French in the schemas) in ``lang``.

    Examples
    --------
    >>> column_title("Code de l'indicateur", "en")
    'Indicator code'
    """
    return COLUMN_TITLES_EN.get(title, title) if lang == "en" else title


#: French texts of the messages click marks for translation (gettext ``msgid`` → text):
#: the command line installs them while it runs in French (see ``impact.cli``).
CLICK_FR: dict[str, str] = {
    # help pages
    "Usage:": "Utilisation :",
    "Options": "Options",
    "Positional arguments": "Arguments",
    "Commands": "Commandes",
    "Show this message and exit.": "Afficher cette aide et quitter.",
    "Show the version and exit.": "Afficher la version et quitter.",
    "%(prog)s, version %(version)s": "%(prog)s, version %(version)s",
    "env var: {var}": "variable d'environnement : {var}",
    "default: {default}": "par défaut : {default}",
    "required": "obligatoire",
    "(dynamic)": "(dynamique)",
    "deprecated": "obsolète",
    "Do you want to continue?": "Voulez-vous continuer ?",
    "Confirm the action without prompting.": "Confirmer l'action sans la demander.",
    # errors of usage
    "Aborted!": "Interrompu !",
    "Error: {message}": "Erreur : {message}",
    "Try '{command} {option}' for help.": "Essayez « {command} {option} » pour l'aide.",
    "Missing command.": "Commande manquante.",
    "Missing argument": "Argument manquant",
    "Missing option": "Option manquante",
    "Missing parameter": "Paramètre manquant",
    "Missing {param_type}": "{param_type} manquant",
    "Missing parameter: {param_name}": "Paramètre manquant : {param_name}",
    "No such option {name!r}.": "Option inconnue : {name!r}.",
    "No such command {name!r}.": "Commande inconnue : {name!r}.",
    "Did you mean {possibility}?": "Vouliez-vous dire {possibility} ?",
    "(Did you mean one of: {possibilities}?)": "(Vouliez-vous dire l'une de : {possibilities} ?)",
    "Got unexpected extra argument ({args})": "Argument en trop : ({args})",
    "Got unexpected extra arguments ({args})": "Arguments en trop : ({args})",
    "Invalid value: {message}": "Valeur invalide : {message}",
    "Invalid value for {param_hint}: {message}": "Valeur invalide pour {param_hint} : {message}",
    "Option {name!r} does not take a value.": "L'option {name!r} ne prend pas de valeur.",
    "Option {name!r} requires an argument.": "L'option {name!r} demande une valeur.",
    "Option {name!r} requires {nargs} arguments.": "L'option {name!r} demande {nargs} valeurs.",
    "Argument {name!r} takes {nargs} values.": "L'argument {name!r} prend {nargs} valeurs.",
    "Invalid start character for option ({option})": "Premier caractère invalide pour une "
    "option ({option})",
    "Takes {nargs} values but 1 was given.": "Prend {nargs} valeurs, 1 donnée.",
    "Takes {nargs} values but {len} were given.": "Prend {nargs} valeurs, {len} données.",
    "Value must be an iterable.": "La valeur doit être une suite.",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}": "Avertissement : "
    "la commande {name!r} est obsolète.{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}": "Avertissement "
    ": le paramètre {name!r} ({param_type}) est obsolète.{extra_message}",
    # values
    "Choose from:\n\t{choices}": "Choisir parmi :\n\t{choices}",
    "{value!r} is not {choice}.": "{value!r} n'est pas {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} n'est pas l'une des valeurs {choices}.",
    "Choice({choices})": "Choix({choices})",
    "{value!r} does not match the format {format}.": "{value!r} n'a pas le format {format}.",
    "{value!r} does not match the formats {formats}.": "{value!r} n'a aucun des formats {formats}.",
    "{value!r} is not a valid {number_type}.": "{value!r} n'est pas un {number_type} valide.",
    "{value} is not in the range {range}.": "{value} n'est pas dans l'intervalle {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} n'est pas un "
    "booléen valide. Valeurs reconnues : {states}",
    "{value!r} is not a valid UUID.": "{value!r} n'est pas un UUID valide.",
    "{len_type} values are required, but {len_value} was given.": "{len_type} valeurs sont "
    "demandées, {len_value} donnée.",
    "{len_type} values are required, but {len_value} were given.": "{len_type} valeurs sont "
    "demandées, {len_value} données.",
    "file": "fichier",
    "directory": "dossier",
    "path": "chemin",
    "{name} {filename!r} does not exist.": "{name} {filename!r} introuvable.",
    "{name} {filename!r} is a file.": "{name} {filename!r} : c'est un fichier.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} : c'est un dossier.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} : lecture impossible.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} : écriture impossible.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} : pas exécutable.",
    "Could not open file {filename!r}: {message}": "Impossible d'ouvrir le fichier "
    "{filename!r} : {message}",
    "unknown error": "erreur inconnue",
    # prompts and developer errors (never shown by impact's commands, translated all the same)
    "Repeat for confirmation": "Répétez pour confirmer",
    "Error: The two entered values do not match.": "Erreur : les deux valeurs saisies diffèrent.",
    "Error: invalid input": "Erreur : saisie invalide",
    "Press any key to continue...": "Appuyez sur une touche pour continuer…",
    "Unknown color {colour!r}": "Couleur inconnue : {colour!r}",
    "Unknown standard stream '{name}'": "Flux standard inconnu : « {name} »",
    "Name '{name}' defined twice": "Nom « {name} » défini deux fois",
    "Boolean option {decl!r} cannot use the same flag for true/false.": "L'option booléenne "
    "{decl!r} ne peut pas utiliser le même drapeau pour vrai et faux.",
    "Could not determine name for option with declarations {decls!r}": "Nom introuvable pour "
    "l'option déclarée {decls!r}",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument "
    "instead? Did you mean to pass '--{name}'?": "Aucune option définie mais un nom donné "
    "({name}). Vouliez-vous déclarer un argument ? Ou passer « --{name} » ?",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.": "Un argument "
    "prend exactement une déclaration ; reçu {length} : {decls}.",
}
