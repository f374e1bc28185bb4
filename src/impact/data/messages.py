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
        "fr": "{n_teams} équipes, {n_comparison} unités de comparaison",
        "en": "{n_teams} teams, {n_comparison} comparison units",
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
    "cli.help.demo.teams": {"fr": "Nombre d'équipes.", "en": "Number of teams."},
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
    "cli.help.run.min-cell": {
        "fr": "Plus petit effectif affiché dans les rapports.",
        "en": "Smallest group size shown in reports.",
    },
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
        "fr": "Données de démonstration écrites dans {path}",
        "en": "Demo data written to {path}",
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
    "run.progress": {"fr": "Rapports d'équipe", "en": "Team reports"},
    "run.unit": {"fr": "équipe", "en": "team"},
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
    "run.unknown-teams": {
        "fr": "équipe(s) inconnue(s) : {unknown} ; équipes connues : {known}",
        "en": "unknown team(s): {unknown}; known teams: {known}",
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
    "Nombre de patients partenaires": "Number of patient partners",
    "Unité de comparaison": "Comparison unit",
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
