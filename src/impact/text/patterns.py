"""The rules of the masker: regular expressions for structured personal data, titles and
staff words before a name, first names from a list (``first_names.txt``, editable),
named establishments, and the hospital vocabulary that is never a person or a place.

Every rule returns spans ``(start, end, label)`` of character offsets; labels are
``NOM``, ``TELEPHONE``, ``COURRIEL``, ``DATE``, ``ADRESSE``, ``LIEU`` and ``CHAMBRE``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from .pipeline import fold, lemma_table, vocabulary

__all__ = [
    "HOSPITAL_WORDS",
    "Span",
    "addressed",
    "after_place_word",
    "coordinated_names",
    "establishments",
    "existing_tags",
    "first_name_kind",
    "french_word",
    "first_name_persons",
    "first_names",
    "is_vocabulary",
    "may_name",
    "name_at",
    "name_end",
    "structured",
    "titled_names",
]


class Span(NamedTuple):
    """A piece of personal data in a text: ``text[start:end]``, with its label."""

    start: int
    end: int
    label: str


_UPPER = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸÆŒ"
_LOWER = "a-zàâäçéèêëîïôöùûüÿæœ"
_MONTHS = (
    "janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre"
    "|d[ée]cembre|janv\\.|f[ée]vr?\\.|avr\\.|juil\\.|sept\\.|oct\\.|nov\\.|d[ée]c\\."
)
_DAYS = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
#: A capitalised word (« Martin », « Jean-Claude », « O'Neil ») or one in capitals.
NAME_WORD = (
    f"(?:[{_UPPER}][{_LOWER}'’]*[{_LOWER}](?:-[{_UPPER}]?[{_LOWER}]+)*"
    f"|[{_UPPER}]{{2,}}(?![{_LOWER}]))"
)
_PARTICLE = r"(?:(?:le|la|de|du|des|van|von|ben|el)\s+|d['’])"
_NAME = f"{NAME_WORD}(?:\\s+{_PARTICLE}?{NAME_WORD}){{0,2}}"

_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("COURRIEL", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    (
        "TELEPHONE",
        re.compile(
            r"(?<![\w+])(?:(?:\+|00)33[\s.-]?(?:\(0\)[\s.-]?)?|0)[1-9](?:[\s.-]?\d{2}){4}(?!\d)"
        ),
    ),
    (
        "ADRESSE",
        re.compile(
            r"(?i:\b\d{1,4}(?:\s?(?:bis|ter))?,?\s+"
            r"(?:rue|avenue|av\.|boulevard|bd|place|chemin|all[ée]e|impasse|route|quai|cours"
            r"|square|r[ée]sidence|lotissement|cit[ée]|hameau|lieu-dit)\s+)"
            rf"(?:(?:{_PARTICLE}|l['’])?(?:{NAME_WORD}|[{_LOWER}]+)\s*){{1,4}}?"
            rf"(?:,?\s*\d{{5}}\s+{NAME_WORD}(?:[\s-]+{NAME_WORD})*|(?=[,.;!?)]|\s+\d{{5}}|$))"
        ),
    ),
    (
        "DATE",
        re.compile(
            rf"(?i:\b(?:(?:{_DAYS})\s+)?(?:1er|[0-3]?\d)\s+(?:{_MONTHS})(?:\s+(?:19|20)\d{{2}})?"
            rf"|\b(?:{_MONTHS})\s+(?:19|20)\d{{2}}\b)"
            r"|\b[0-3]?\d[/.-][01]?\d[/.-](?:19|20)?\d{2}\b"
            r"|\b(?:19|20)\d{2}-[01]\d-[0-3]\d\b"
            r"|(?<=\b(?:le|du|au) )[0-3]?\d/[01]?\d\b(?!/)"
        ),
    ),
    (
        "CHAMBRE",
        re.compile(
            r"(?i:\b(?:chambres?|chbre|ch\.|box|lit)\s*(?:n[°o]\.?\s*|num[ée]ro\s*)?)"
            r"(?:\d{1,4}[A-Za-z]?|[A-Z])(?!\w)"
        ),
    ),
]

_DIGIT = re.compile(r"\d")
#: The rules that can match a text without any digit (an e-mail, « lit B »).
_NO_DIGIT_RULES = [(label, rule) for label, rule in _RULES if label in ("COURRIEL", "CHAMBRE")]
#: The date rule for the lower-cased text, without its case-insensitive groups (faster).
_DATE_LOWER_CASE = re.compile(dict(_RULES)["DATE"].pattern.replace("(?i:", "(?:"))
#: Titles before a name; the title is part of the person's span (« Dr Martin »).
_TITLE = re.compile(
    r"(?<![\w])(?:(?i:dr|dre|pr|prof|mme|mlle|melle|mr|docteure?|doctoresse|professeure?"
    r"|madame|mademoiselle|monsieur)\.?|M\.)\s+"
)
_ABBREVIATED = re.compile(r"(?i:dr|dre|pr|mme|mlle|melle|mr)\.?\s+")
#: Staff words before a first name; only the name is masked (« l'infirmière Julie »).
#: Written in lower case and matched on the lower-cased text (six times faster than a
#: case-insensitive pattern); longer words first (« cadre de santé » before « cadre »).
_STAFF_WORDS = (
    r"\b(?:infirmi[èe]re?s?|aides?[- ]soignante?s?|ash|as|brancardi[èe]re?"
    r"|kin[ée]sith[ée]rapeute|kin[ée]|sages?[- ]femmes?|interne|externe|secr[ée]taire"
    r"|cadre de sant[ée]|cadre|psychologue|di[ée]t[ée]ticienne?|ergoth[ée]rapeute"
    r"|orthophoniste|assistante? sociale?|agent|[ée]tudiante?|stagiaire|anesth[ée]siste"
    r"|chirurgien(?:ne)?|m[ée]decin|auxiliaire|pu[ée]ricultrice|ost[ée]opathe"
    r"|manipulat(?:eur|rice)|coll[èe]gue|voisine?|petite?-(?:fille|fils)|fille|fils|femme"
    r"|mari|p[èe]re|m[èe]re|fr[èe]re|s(?:oe|œ)ur|ami?e?|ide|urgentiste|radiologue"
    r"|technicien(?:ne)?|h[ôo]tesse|standardiste|b[ée]n[ée]vole|animat(?:eur|rice)"
    r"|[ée]pou(?:x|se)|conjointe?|compagne|compagnon|maman|papa|tante|oncle|cousine?"
    r"|ni[èe]ce|neveu)"
    r"(?:\s+de\s+(?:jour|nuit|garde))?"
)
_STAFF = re.compile(_STAFF_WORDS + r"\s+")
_STAFF_ANY_CASE = re.compile(_STAFF_WORDS + r"\s+", re.IGNORECASE)
_ESTABLISHMENT = re.compile(
    r"(?i:\b(?:h[ôo]pital|clinique|polyclinique|chu|chru|ch|centre hospitalier"
    r"(?:\s+universitaire)?|ehpad|maternit[ée]|institut|groupe hospitalier)"
    r"(?:\s+(?:de\s+la|du|des|de|d['’]))?\s+)"
    rf"(?={NAME_WORD})"
)
_COORDINATED = re.compile(rf"\s+et\s+(?:[àa]\s+)?((?:(?i:dr|pr|mme|mr|m)\.?\s+)?({NAME_WORD}))")
_COORDINATED_LOWER = re.compile(rf"\s+et\s+(?:[àa]\s+)?([{_LOWER}]+)(?![\w'’])")
_LOWER_WORD_AFTER = re.compile(rf"\s+([{_LOWER}]+)(?![\w'’])")
_TAGS = re.compile(r"\[(?:NOM|T[ÉE]L[ÉE]PHONE|COURRIEL|DATE|ADRESSE|LIEU|CHAMBRE)\]")
_NAME_RE = re.compile(_NAME)
#: Words after a title that are not a name (« Madame La Directrice »).
_DETERMINERS = frozenset({"le", "la", "les", "un", "une", "mon", "ma", "votre", "notre"})
_WORD = re.compile(rf"[{_LOWER}]+(?![\w])")
#: Frequent words of patients' comments missing from the model's lemmas.
_INVARIABLE = frozenset(
    "hyper ultra trop cool dispo bof ok nickel grave top extra super mega vachement".split()
)
_FRENCH_ENDINGS = ("ment", "iste", "logue", "ique")
_WORDS = re.compile(r"[^\W\d_]+")

#: Folded words of hospital life (and family words, holidays) that the recogniser takes
#: for persons or places: an entity made only of these (and of French stop words) is not
#: masked.
HOSPITAL_WORDS = frozenset(
    """
    accueil admission admissions ambulatoire anesthesie anesthesiste bloc cardiologie cadre
    centre chirurgie chu ch consultation consultations dermatologie dialyse direction
    docteur dr ehpad endocrinologie equipe gastro gastroenterologie geriatrie gynecologie
    gyneco hdj hematologie hopital hospitalisation imagerie infirmier infirmiere infirmieres
    infirmiers irm kine kinesitherapie laboratoire maternite medecine medecin nephrologie
    neonatologie neurologie neurochirurgie obstetrique oncologie ophtalmologie orl
    orthopedie pediatrie pharmacie pneumologie pole psychiatrie radiologie radiotherapie
    ras rea reanimation reeducation rhumatologie samu scanner secretariat service services
    smur soins ssr urgence urgences urologie usc usi usic unite medicale chirurgicale
    intensifs continus suite suites couches merci bravo personnel accueillant interne
    externe wc tv tele television wifi repas chambre lit salle douche plateau
    madame monsieur mademoiselle mme mlle melle mr professeur pr prof
    aide soignant soignante soignants brancardier kinesitherapeute sage femme
    secretaire chirurgien anesthesiste interne internes externes
    mere pere fille fils mari femme epoux epouse soeur frere maman papa
    noel paques toussaint
    """.split()
)


#: Folded words that often open a sentence of a patient's comment: capitalised there, they
#: do not call for the recogniser (:func:`may_name`).
OPENERS = frozenset(
    """
    accueil ambiance attente aucun aucune examen jamais respect personne bonne bon bravo
    beaucoup bien chambre comme
    confort correct dommage douleur encore enfin equipe excellent excellente globalement
    hospitalisation impossible infirmieres infirmiers information informations juste
    manque medecin medecins merci nourriture parfait personnel peut plus pourquoi prise
    probleme quel quelle quelques rapide repas rien sejour service seul sinon sortie soins
    super suite tout toute toutes tous tres trop vraiment ok top nickel impeccable
    """.split()
)
_ELIDED = re.compile(r"^(?:[ldjmnst]|qu)'")
_CAPITALISED = re.compile(rf"(?<![\w\[-])[{_UPPER}][\w'’-]*")


def may_name(text: str, stop_words: frozenset[str], known: Callable[[str], bool]) -> bool:
    """Whether the recogniser could find a person or a place in ``text``: it holds a
    capitalised word that is not hospital vocabulary nor a stop word, and, at the start of
    a sentence, not a frequent opener (:data:`OPENERS`) nor an inflected French word
    (``known``). The recogniser of this model finds names by their capital letter, so a
    comment without such a word is not given to it (it is the slowest step)."""
    for m in _CAPITALISED.finditer(text):
        word = _ELIDED.sub("", fold(m.group())).strip("'-")
        if word in stop_words or word in HOSPITAL_WORDS or len(word) < 2:
            continue
        before = text[: m.start()].rstrip()
        if before and before[-1] not in '.!?:;\n-–—•*("«':
            return True
        if word not in OPENERS and not known(m.group().lower()):
            return True
    return False


def existing_tags(text: str) -> list[Span]:
    """Tags already in the text (« [NOM] »): nothing inside them is masked again."""
    return [Span(m.start(), m.end(), "TAG") for m in _TAGS.finditer(text)]


def structured(text: str) -> list[Span]:
    """E-mails, phone numbers, addresses, dates, room and bed numbers, by regular expression.

    Examples
    --------
    >>> structured("Rappelez le 06 12 34 56 78 (chambre 12).")
    [Span(start=12, end=26, label='TELEPHONE'), Span(start=28, end=38, label='CHAMBRE')]
    """
    rules = _RULES if _DIGIT.search(text) else _NO_DIGIT_RULES
    lowered = text.lower()
    found = []
    for label, rule in rules:
        if label == "COURRIEL" and "@" not in text:
            continue
        if label == "DATE" and len(lowered) == len(text):
            rule, on = _DATE_LOWER_CASE, lowered
        else:
            on = text
        found += [Span(m.start(), m.end(), label) for m in rule.finditer(on)]
    return found


def titled_names(text: str, stop_words: frozenset[str]) -> list[Span]:
    """Persons named after a title (« Dr Martin », « Mme Dupont », « dr hassan ») — the span
    holds the title — or after a staff or family word (« l'infirmière Julie », « ma fille
    Léa ») or thanks (« merci à Kevin », « je remercie Sébastien ») — the span holds the
    capitalised name only.

    After an abbreviated title (Dr, Pr, Mme, Mlle, Mr) a lower-case word that is not a
    stop word is a name too; after a title spelled out (« docteur benali ») or a staff
    word (« le brancardier francky »), a lower-case word that is not a French word
    (:func:`french_word`).
    """
    found = []
    for m in _TITLE.finditer(text):
        name = _NAME_RE.match(text, m.end())
        if name and name.group().lower() not in _DETERMINERS:
            found.append(Span(m.start(), name.end(), "NOM"))
            continue
        word = _WORD.match(text, m.end())
        if word is None or is_vocabulary(word.group(), stop_words):
            continue
        if _ABBREVIATED.fullmatch(m.group()) or not french_word(word.group()):
            found.append(Span(m.start(), word.end(), "NOM"))
    found += _after_staff(text, stop_words)
    for m in _THANKED.finditer(text):
        name = _NAME_RE.match(text, m.end())
        if name and not is_vocabulary(name.group(), stop_words):
            found.append(Span(name.start(), name_end(text, name.end(), stop_words), "NOM"))
    return found


def french_word(word: str) -> bool:
    """Whether a lower-case ``word`` is French: a lemma of the model (« gentil »), a form
    of one without its accents or ending (« debordee », « geniales »), a word ending as
    adverbs and specialists do (« -ment », « -iste », « -logue », « -ique »:
    « orthopediste ») or a frequent invariable word (« trop », « dispo »).

    Examples
    --------
    >>> french_word("debordee"), french_word("vraiment"), french_word("francky")
    (True, True, False)
    """
    folded = fold(word)
    if folded.endswith(_FRENCH_ENDINGS) or folded in _INVARIABLE or lemma_table()(word) != folded:
        return True
    stems = {folded, *(folded.removesuffix(end) for end in ("s", "e", "es"))}
    return not stems.isdisjoint(vocabulary())


def _after_staff(text: str, stop_words: frozenset[str]) -> list[Span]:
    """Capitalised names, and lower-case words that are not French, after a staff word."""
    lowered = text.lower()
    staff = _STAFF if len(lowered) == len(text) else _STAFF_ANY_CASE
    found = []
    for m in staff.finditer(lowered if staff is _STAFF else text):
        name = _NAME_RE.match(text, m.end())
        word = None if name else _WORD.match(text, m.end())
        if name and not is_vocabulary(name.group(), stop_words):
            found.append(Span(name.start(), name_end(text, name.end(), stop_words), "NOM"))
        elif word and _foreign(word.group(), stop_words):
            found.append(Span(word.start(), word.end(), "NOM"))
    return found


def coordinated_names(text: str, spans: list[Span], stop_words: frozenset[str]) -> list[Span]:
    """A capitalised name coordinated with a person already found (« Camille et Aurélie »,
    « Dr Fontaine et Dr Roux »), or a lower-case word that is not French (« merci a julie
    et zoulikha »)."""
    found = []
    for span in spans:
        if span.label != "NOM":
            continue
        m = _COORDINATED.match(text, span.end)
        if m and not is_vocabulary(m.group(2), stop_words):
            found.append(Span(m.start(1), m.end(1), "NOM"))
        elif m := _COORDINATED_LOWER.match(text, span.end):
            if _foreign(m.group(1), stop_words):
                found.append(Span(m.start(1), m.end(1), "NOM"))
    return found


def _foreign(word: str, stop_words: frozenset[str]) -> bool:
    """Whether a lower-case ``word`` is neither vocabulary nor French (a name)."""
    return not is_vocabulary(word, stop_words) and not french_word(word)


def establishments(text: str) -> list[Span]:
    """Named establishments (« hôpital Saint-Louis », « CHU de Rennes », « clinique du
    Parc »): the span holds the generic word and the name."""
    found = []
    for m in _ESTABLISHMENT.finditer(text):
        name = _NAME_RE.match(text, m.end())
        if name and name.group().lower() not in HOSPITAL_WORDS:
            found.append(Span(m.start(), name.end(), "LIEU"))
    return found


def name_at(text: str, position: int) -> tuple[int, int] | None:
    """``(start, end)`` of the capitalised name (up to three words, particles allowed)
    that starts at ``position`` of ``text``, or ``None``."""
    m = _NAME_RE.match(text, position)
    return (m.start(), m.end()) if m else None


def is_vocabulary(words: str, stop_words: frozenset[str]) -> bool:
    """Whether ``words`` are only hospital vocabulary, stop words and single letters
    (« Médecine Interne B », « les Urgences »)."""
    return all(
        len(w) < 2 or w in HOSPITAL_WORDS or w in stop_words for w in _WORDS.findall(fold(words))
    )


#: The list of first names shipped with impact (format described in the file).
FIRST_NAMES_FILE = Path(__file__).with_name("first_names.txt")
_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
#: Words before a first name that make it a person: thanks and greetings (« merci à »,
#: « je remercie », « bravo »), or a staff or family word (« l'infirmière »).
_ADDRESSED = re.compile(
    r"(?i:\b(?:merci|remerci\w*|bravo|bisous?|salut|coucou|f[ée]licit\w*|gr[âa]ce|appel[ée]e?s?"
    r"|demand[ée]e?s?|soign[ée]e?s?\s+par|re[çc]ue?s?\s+par|pr[ée]nomm[ée]e?)"
    r"(?:\s+(?:[àa]|au|aux|par))?)\s+$"
)
_STAFF_BEFORE = re.compile(_STAFF_WORDS + r"\s+$", re.IGNORECASE)
_THANKED = re.compile(_ADDRESSED.pattern.removesuffix("\\s+$") + r"\s+(?=[" + _UPPER + "])")
#: Words before a first name that make it part of a place (« rue Victor Hugo »,
#: « pavillon Marie Curie », « Saint Louis »).
_PLACE_BEFORE = re.compile(
    r"(?i:\b(?:saint|sainte|st|ste|rue|avenue|av|bd|boulevard|place|all[ée]e|quai|lyc[ée]e"
    r"|coll[èe]ge|[ée]cole|h[ôo]pital|clinique|centre|pavillon|b[âa]timent|salle|unit[ée]"
    r"|r[ée]sidence|square|ehpad|institut|fondation)\.?)\s+$"
)
_FAMILY_NAME = re.compile(rf"\s+(?:{_PARTICLE})?({NAME_WORD})")
_INITIAL = re.compile(rf"\s+[{_UPPER}]\.(?!\w)")
_SENTENCE_OPENERS = '.!?:;\n-–—•*("«'


@cache
def first_names(path: Path = FIRST_NAMES_FILE) -> dict[str, bool]:
    """The first names of ``path`` (folded), each with whether it is also a common word or
    a place (marked « * » in the file: « rose », « pierre », « france »).

    Examples
    --------
    >>> names = first_names()
    >>> names["julie"], names["claire"], "lyon" in names
    (False, True, False)
    """
    names: dict[str, bool] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("#"):
            continue
        for entry in line.split():
            name = fold(entry.rstrip("*"))
            names[name] = names.get(name, False) or entry.endswith("*")
    return names


@lru_cache(maxsize=1 << 16)
def first_name_kind(word: str) -> str | None:
    """``"name"`` when ``word`` is a first name of the list (« Julie », « jean-marc »),
    ``"word"`` when it is one that is also a common word or a place (« claire »; a
    compound is a word only when each of its parts is), ``None`` otherwise."""
    names = first_names()
    parts = fold(word).split("-")
    if not all(p in names for p in parts):
        return None
    return "word" if all(names[p] for p in parts) else "name"


def first_name_persons(text: str, stop_words: frozenset[str]) -> list[Span]:
    """Persons found by their first name (:func:`first_names`), with the family name that
    follows a capitalised first name (« Hélène Marchand », « Julie M. »).

    A first name of the list is a person, in lower case too (« merci a sophie », with the
    word after it when that is not French: « julie martin »), unless a
    place word comes before it (« rue Victor Hugo », « Saint Louis »). A first name that
    is also a common word or a place (« claire », « Rose », « France ») is a person only
    after thanks or a greeting (« merci claire », « je remercie Pierre »), after a staff or
    family word (« ma femme Rose »), or capitalised inside a sentence and followed by a
    family name (« Claire Dubois »).
    """
    found, place_end = [], 0
    for m in _TOKEN.finditer(text):
        kind = first_name_kind(m.group())
        if kind is None or m.start() < place_end:
            continue
        if after_place_word(text, m.start()):
            place_end = name_end(text, m.end(), stop_words)  # « rue Victor Hugo »
            continue
        capital = m.group()[0].isupper()
        end = name_end(text, m.end(), stop_words) if capital else m.end()
        family = None if capital else _LOWER_WORD_AFTER.match(text, end)
        if family and _foreign(family.group(1), stop_words):
            end = family.end()  # « julie martin »
        if kind == "word":
            before = text[: m.start()].rstrip()
            inside = before != "" and before[-1] not in _SENTENCE_OPENERS
            if not addressed(text, m.start()) and not (capital and inside and end > m.end()):
                continue
        found.append(Span(m.start(), end, "NOM"))
    return found


def addressed(text: str, position: int) -> bool:
    """Whether thanks, a greeting or a staff or family word comes just before
    ``position`` of ``text`` (« merci à », « je remercie », « l'infirmière »)."""
    before = text[max(0, position - 60) : position]
    return bool(_ADDRESSED.search(before) or _STAFF_BEFORE.search(before))


def after_place_word(text: str, position: int) -> bool:
    """Whether a place word comes just before ``position`` of ``text`` (« rue », « salle »,
    « pavillon », « Saint »): a name there is part of a place (« pavillon Marie Curie »)."""
    return _PLACE_BEFORE.search(text, max(0, position - 30), position) is not None


def name_end(text: str, end: int, stop_words: frozenset[str]) -> int:
    """The end of the family name (up to two words) or initial after a first name ending at
    ``end``, or ``end``."""
    for _ in range(2):
        family = _FAMILY_NAME.match(text, end)
        if not family or is_vocabulary(family.group(1), stop_words):
            break
        end = family.end()
    initial = _INITIAL.match(text, end)
    return initial.end() if initial else end
