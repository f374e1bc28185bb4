"""The mapping file of a survey import: read, write, and draft it from the catalogue.

A mapping file is a CSV (``,`` or ``;``, UTF-8) with the header ``kind,source,target``
(a fourth column ``score``, written by a draft, is ignored on reading). Each row is one of:

``column,<export column>,<target>``
    The export column feeds ``target``: a catalogue code (an item, a question, a PROM
    measure: one long row per respondent and code) or a column of the table
    (``team_id``, ``wave``, ``respondent``…). ``<column>=<value>`` reads a checkbox
    column (REDCap's ``role___2``): a ticked cell gives the table column that value. An
    empty target ignores the column (it is still listed as not imported).
``answer,<answer text>,<code>``
    The code of an answer text in the item columns (``answer,Tout à fait d'accord,4``);
    ``NA`` as code means "no answer" (empty cell). Answers that are already numbers
    pass as they are.
``constant,<table column>,<value>``
    A value for every row (``constant,assessment,auto``; ``constant,wave,T1`` for the
    export of one wave).
``<table column>,<text>,<value>``
    Recodes a value of an identifying column (``wave,t0_arm_1,T0``;
    ``role,Patient,patient``); values with no row pass unchanged.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz, process

from impact.data.surveys.tables import SURVEY_TABLES, catalogue_codes, catalogue_labels

__all__ = ["Mapping", "draft_mapping", "normalise", "read_mapping", "write_mapping"]

#: Minimum RapidFuzz score (0–100) for a drafted match; lower ones stay empty.
MIN_SCORE = 70
#: Small French and English words that carry no meaning when matching question texts.
_STOP = frozenset(
    "a au aux avec ce ces d de des du en est et il ils l la le les leur mon nos notre nous "
    "on ou par pour qu que qui s sa se son sur ta te un une vos votre vous y "
    "the of to and in your you did do does were was is are how a an".split()
)
#: Extra names of the identifying columns, as exports title them.
SYNONYMS = {
    "team_id": ["equipe", "service", "votre service", "unite", "unite de soins", "code equipe"],
    "wave": ["vague", "temps", "redcap event name", "passation"],
    "respondent": ["id", "record id", "identifiant", "repondant", "token", "response id"],
    "patient": ["record id", "patient", "numero patient", "identifiant patient"],
    "period": [
        "periode",
        "redcap event name",
        "temps",
        "avant apres",
        "moment",
        "moment du questionnaire",
    ],
    "role": ["role", "vous etes", "profil", "statut"],
    "assessment": ["type evaluation", "evaluation"],
    "age_group": ["age", "classe age", "tranche age"],
    "sex": ["sexe", "genre"],
    "self_rated_health": ["sante percue", "etat de sante", "etat"],
    "admission_mode": ["mode entree", "mode admission", "admission", "entree"],
}
#: Default values drafted for required columns no export column feeds.
_CONSTANTS = {"assessment": "auto", "wave": "T0", "period": "avant"}


def normalise(text: str) -> str:
    """Lower case, no accents, words of letters and digits separated by single spaces.

    Examples
    --------
    >>> normalise("Élaborer  ensemble le plan d'action ?")
    'elaborer ensemble le plan d action'
    """
    plain = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return " ".join(re.findall(r"[a-z0-9]+", plain.lower()))


def _meaning(text: str) -> str:
    """The normalised text without small words (what fuzzy matching compares)."""
    return " ".join(w for w in normalise(text).split() if w not in _STOP)


@dataclass
class Mapping:
    """A parsed mapping file (see the module docstring).

    Attributes
    ----------
    columns : dict of str to str
        Export column → target (code, table column, ``column=value`` or "" for ignored).
    answers : dict of str to str
        Answer text → code (``"NA"`` for no answer).
    constants : dict of str to str
        Table column → fixed value.
    recodes : dict of str to dict of str to str
        Table column → (text → value).
    lines : dict of str to int
        Export column → line of its row in the file (for messages).
    kinds : list of tuple of (int, str)
        Rows whose kind is unknown: (line, kind).
    """

    columns: dict[str, str] = field(default_factory=dict)
    answers: dict[str, str] = field(default_factory=dict)
    constants: dict[str, str] = field(default_factory=dict)
    recodes: dict[str, dict[str, str]] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    kinds: list[tuple[int, str]] = field(default_factory=list)


def read_mapping(path: str | Path, table: str) -> Mapping:
    """Read a mapping file for ``table`` (rows of an unknown kind are kept in ``kinds``)."""
    text = Path(path).read_text(encoding="utf-8-sig")
    sep = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    fields = SURVEY_TABLES[table].field_names
    out = Mapping()
    rows = csv.reader(io.StringIO(text), delimiter=sep)
    next(rows, None)
    for line, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        kind, source, target = ([c.strip() for c in row] + ["", "", ""])[:3]
        if kind == "column":
            out.columns[source] = target
            out.lines[source] = line
        elif kind == "answer":
            out.answers[source] = target
        elif kind == "constant":
            out.constants[source] = target
        elif kind in fields:
            out.recodes.setdefault(kind, {})[source] = target
        else:
            out.kinds.append((line, kind))
    return out


def write_mapping(rows: pd.DataFrame, path: str | Path) -> None:
    """Write mapping rows (columns ``kind, source, target, score``) as UTF-8 CSV."""
    rows.to_csv(path, index=False, encoding="utf-8")


def _code_in_header(header: str, codes: list[str]) -> str | None:
    """A catalogue code written as a word of the header (``BARO[CE1]``, ``ce1``)."""
    by_lower = {c.lower(): c for c in codes}
    for word in re.split(r"[^A-Za-z0-9_]+", header):
        if word.lower() in by_lower:
            return by_lower[word.lower()]
    return None


def _best(query: str, choices: dict[str, str]) -> tuple[str | None, float]:
    """The key of the choice nearest in meaning to ``query`` and its score (0–100): an
    equal normalised text first, else RapidFuzz's ``token_set_ratio`` (word sets)."""
    exact = next((k for k, v in choices.items() if v == normalise(query)), None)
    if exact is not None:
        return exact, 100.0
    found = process.extractOne(
        _meaning(query), choices, scorer=fuzz.token_set_ratio, processor=None
    )
    return (found[2], float(found[1])) if found else (None, 0.0)


def _best_name(header: str, names: dict[str, str]) -> tuple[str | None, float]:
    """The identifying column nearest to a header, by whole-text similarity
    (``fuzz.ratio``) of the header, its code and its text (LimeSurvey's "CODE. text")."""
    code, _, text = header.partition(". ")
    best: tuple[str | None, float] = (None, 0.0)
    for part in {header, code, text} - {""}:
        found = process.extractOne(normalise(part), names, scorer=fuzz.ratio, processor=None)
        if found and found[1] > best[1]:
            best = (found[2], float(found[1]))
    return best


def _column_rows(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """One ``column`` row per export column: its best target and score."""
    spec = SURVEY_TABLES[table]
    codes = catalogue_codes(table)
    labels = {f"{code}\x00{i}": _meaning(text) for code, texts in catalogue_labels(table).items()
              for i, text in enumerate(texts)}  # fmt: skip
    ids = [f for f in spec.field_names if f not in (spec.code_column, spec.answer_column)]
    names = {f"{f}\x00{i}": normalise(text) for f in ids
             for i, text in enumerate([f, spec.title(f), *SYNONYMS.get(f, [])])}  # fmt: skip
    rows = []
    for header in frame.columns:
        base, _, choice = header.partition("___")
        if choice:
            target, score = _best_name(base, names)
            name = target.split("\x00")[0] if target and score >= MIN_SCORE else None
            allowed = spec.enum(name) if name else []
            value = allowed[int(choice) - 1] if choice.isdigit() and 0 < int(choice) <= len(
                allowed) else choice  # fmt: skip
            rows.append((header, f"{name}={value}" if name else "", 50.0 if name else 0.0))
            continue
        code = _code_in_header(header, codes)
        if code is not None:
            rows.append((header, code, 100.0))
            continue
        id_key, id_score = _best_name(header, names)
        item_key, item_score = _best(header, labels)
        if id_score >= max(MIN_SCORE, item_score):
            rows.append((header, id_key.split("\x00")[0], round(id_score)))
        elif item_score >= MIN_SCORE:
            rows.append((header, item_key.split("\x00")[0], round(item_score)))
        else:
            rows.append((header, "", 0.0))
    out = pd.DataFrame(rows, columns=["source", "target", "score"])
    # one export column per target: the best keeps it, the others are left to check
    mapped = out[out["target"] != ""]
    keep = mapped.sort_values("score", ascending=False, kind="stable").drop_duplicates("target")
    out.loc[mapped.index.difference(keep.index), ["target", "score"]] = ["", 0.0]
    return out.assign(kind="column")


def _answer_rows(frame: pd.DataFrame, items: list[str], table: str) -> pd.DataFrame:
    """One ``answer`` row per distinct non-numeric answer of the item columns."""
    texts = pd.unique(pd.concat([frame[c].dropna() for c in items]).astype(str)) if items else []
    scale = catalogue_labels(table, answers=True)
    choices = {f"{code}\x00{i}": normalise(t) for i, (t, code) in enumerate(scale)}
    rows = []
    for text in texts:
        if pd.notna(pd.to_numeric(text.replace(",", "."), errors="coerce")):
            continue
        lead = re.match(r"\s*(\d+)\s*[-–:.)]", text)
        if lead:
            rows.append((text, lead.group(1), 100.0))
            continue
        key, score = _best(text, choices) if choices else (None, 0.0)
        good = key is not None and score >= MIN_SCORE
        rows.append((text, key.split("\x00")[0] if good else "", round(score) if good else 0.0))
    return pd.DataFrame(rows, columns=["source", "target", "score"]).assign(kind="answer")


def _value_rows(frame: pd.DataFrame, columns: pd.DataFrame, table: str) -> pd.DataFrame:
    """Recodes for identifying values outside their column's allowed values, and
    constants for required columns no export column feeds."""
    spec = SURVEY_TABLES[table]
    rows = []
    fed = {t.split("=")[0] for t in columns["target"]}
    for source, target in zip(columns["source"], columns["target"], strict=True):
        if target not in spec.field_names:
            continue
        allowed, pattern = spec.enum(target), spec.pattern(target)
        for value in pd.unique(frame[source].dropna().astype(str)):
            if value in allowed or (pattern and re.fullmatch(pattern, value)):
                continue
            if pattern == "T[0-9]+" and (digits := re.search(r"\d+", value)):
                rows.append((target, value, f"T{digits.group()}", 50.0))
            elif allowed:
                key, score = _best(value, {a: normalise(a) for a in allowed})
                ok = score >= MIN_SCORE
                rows.append((target, value, key if ok else "", round(score) if ok else 0.0))
    for name in spec.required:
        if name not in fed and name in _CONSTANTS:
            rows.append(("constant", name, _CONSTANTS[name], 0.0))
    return pd.DataFrame(rows, columns=["kind", "source", "target", "score"])


def draft_mapping(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """Propose a mapping for a wide export by matching its headers and answers with the
    catalogue (RapidFuzz ``token_set_ratio`` on normalised text without small words).

    A header holding a catalogue code as a word (``BARO[CE1]``, ``ce1``) maps to it with
    score 100; other headers go to the nearest identifying column (by name, French title
    or usual synonym) or catalogue label, if the score reaches :data:`MIN_SCORE`.

    Parameters
    ----------
    frame : pandas.DataFrame
        The export, as text (see :func:`impact.data.surveys.formats.read_export`).
    table : {"barometer_responses", "prem_responses", "prom_responses", \
             "questionnaire_responses"}
        Table to produce.

    Returns
    -------
    pandas.DataFrame
        Columns ``kind, source, target, score`` (score 0–100; empty target: to fill in).

    Examples
    --------
    >>> export = pd.DataFrame({"Équipe": ["T01"], "BARO[CE1]": ["4"]})
    >>> draft_mapping(export, "barometer_responses")["target"].tolist()
    ['team_id', 'CE1', 'T0', 'auto']
    """
    columns = _column_rows(frame, table)
    codes = set(catalogue_codes(table))
    items = [s for s, t in zip(columns["source"], columns["target"], strict=True) if t in codes]
    parts = [columns, _answer_rows(frame, items, table), _value_rows(frame, columns, table)]
    return pd.concat(parts, ignore_index=True)[["kind", "source", "target", "score"]]
