"""The validator's messages (rules, value types, summaries), in French and English.

Look a message up with :func:`t`; the French text is the reference. Messages take
``str.format`` fields.
"""

from __future__ import annotations

from impact.languages import translate

__all__ = ["MESSAGES", "t"]

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
}


def t(key: str, lang: str = "fr", /, **fields: object) -> str:
    """Return the message ``key`` in ``lang`` (``"fr"`` or ``"en"``), formatted with ``fields``.

    Examples
    --------
    >>> t("type.integer", "en")
    'a whole number'
    """
    return translate(MESSAGES, key, lang, **fields)
