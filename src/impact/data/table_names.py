"""Names people write: sheets and files that are not a known table, and column headers.

A sheet or CSV file whose name is not a table of the data contract is never ignored
silently: :func:`check_unread` reports it with the closest known table (RapidFuzz on
normalised names and on the schemas' French titles), as an error when it looks like a
table (:data:`LOOKS_LIKE`) and as a warning otherwise. :func:`match_headers` reads a header
equal to a column's French title as that column, and a header that differs from a column's
name or title only by case, accents, spaces, ``_``, ``-`` or apostrophes as that column
with a warning; a header that fits two columns is an error.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pandas as pd
from rapidfuzz import fuzz

from impact.data.messages import MESSAGES, column_title
from impact.data.problems import ProblemLog
from impact.data.programme import INPUT_TABLES
from impact.data.reading import RawTable
from impact.data.schemas import TABLE_ALIASES, TableSpec

__all__ = [
    "LOOKS_LIKE",
    "check_unread",
    "closest_table",
    "looks_like_table",
    "match_headers",
    "normalise",
]

#: RapidFuzz ``WRatio`` (0–100) from which an unknown sheet or file "looks like" a table and
#: is an error. A name one letter, an accent or a plural away from a table name or title
#: scores 90 or more (``prem_reponses`` 96, ``Baromètre`` 90, ``Équipes`` 90: a whole word
#: of a title); the sheets and files that usually sit beside the data score below 80
#: (``Sheet1`` 45, ``Mode d'emploi`` 44, ``README`` 60, ``notes`` 72,
#: ``problems`` 77), and a spreadsheet's default sheet names (``Feuil1``) never look like a
#: table. See tests/test_table_names.py.
LOOKS_LIKE = 80.0

#: Files impact writes beside the data that are not tables (``Programme.to_csv``'s truth).
_OWN_FILES = frozenset({"truth.csv"})
#: Sheets impact writes in a workbook that are not tables: the collection template's guide
#: (:mod:`impact.data.template`), in either language.
_OWN_SHEETS = frozenset(MESSAGES["template.guide-sheet"].values())

_DROPPED = re.compile(r"[\s_\-'’`.]+")
#: The names spreadsheet programs give new sheets (French, English, German, Spanish,
#: Italian, Dutch Excel and LibreOffice): never a table, however close to a title
#: (« Feuil1 » is a few letters from « Feuille de route »).
_DEFAULT_SHEET = re.compile(r"(feuil(le)?|sheet|tabelle|hoja|foglio|blad)\s*\d*", re.IGNORECASE)


def normalise(text: str) -> str:
    """Lower case, without accents, spaces, ``_``, ``-``, ``.`` or apostrophes.

    Examples
    --------
    >>> normalise(" Identifiant de l’Équipe")
    'identifiantdelequipe'
    """
    decomposed = unicodedata.normalize("NFKD", str(text).lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _DROPPED.sub("", plain)


def _candidates(specs: dict[str, TableSpec]) -> list[tuple[str, str]]:
    """``(normalised text, table)`` for every table's name, French title and aliases;
    observation tables first, so that a tie goes to the table people supply."""
    order = [n for n in INPUT_TABLES if n in specs] + [n for n in specs if n not in INPUT_TABLES]
    out = []
    for name in order:
        texts = [name, specs[name].schema.get("title", ""), *TABLE_ALIASES.get(name, ())]
        out += [(normalise(text), name) for text in texts if text]
    return out


def closest_table(name: str, specs: dict[str, TableSpec]) -> tuple[str, float]:
    """The known table closest to ``name`` and its score (RapidFuzz ``WRatio``, 0–100).

    Examples
    --------
    >>> from impact.data.schemas import table_specs
    >>> closest_table("Baromètre", table_specs())
    ('barometer_responses', 90.0)
    """
    query = normalise(name)
    best, score = "", -1.0
    for text, table in _candidates(specs):
        value = fuzz.WRatio(query, text)
        if value > score:
            best, score = table, value
    return best, float(score)


def looks_like_table(name: str, specs: dict[str, TableSpec]) -> bool:
    """Whether an unknown sheet or file name looks like a table (an error, not a warning):
    its closest table scores :data:`LOOKS_LIKE` or more and it is not a spreadsheet's
    default sheet name.

    Examples
    --------
    >>> from impact.data.schemas import table_specs
    >>> looks_like_table("Baromètre", table_specs()), looks_like_table("Feuil1", table_specs())
    (True, False)
    """
    if _DEFAULT_SHEET.fullmatch(name.strip()):
        return False
    return closest_table(name, specs)[1] >= LOOKS_LIKE


def _sheet_names(path: Path) -> list[str]:
    """The sheet names of an XLSX workbook, from its ``xl/workbook.xml`` (no cell read)."""
    try:
        with zipfile.ZipFile(path) as book:
            root = ElementTree.fromstring(book.read("xl/workbook.xml"))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError):
        return []  # an unreadable workbook is reported by the reader
    return [el.attrib["name"] for el in root.iter() if el.tag.endswith("}sheet")]


def check_unread(
    path: Path, specs: dict[str, TableSpec], raw: dict[str, RawTable], log: ProblemLog
) -> None:
    """Report every sheet (workbook) or CSV file (folder) that was not read as a table."""
    known = {name.lower() for name in specs}
    read = {table.source.path for table in raw.values()}
    if path.is_file() and path.suffix.lower() in (".xlsx", ".xlsm"):
        read_sheets = {p.rsplit("#", 1)[-1] for p in read}
        unread = [
            (sheet, sheet, "sheet")
            for sheet in _sheet_names(path)
            if sheet not in read_sheets
            and sheet.strip().lower() not in known
            and sheet not in _OWN_SHEETS
        ]
    elif path.is_dir():
        unread = [
            (file.name, file.stem, "file")
            for file in sorted(path.iterdir())
            if file.is_file()
            and file.suffix.lower() == ".csv"
            and file.name.lower() not in _OWN_FILES
            and str(file) not in read
            and file.stem.lower() not in known
        ]
    else:
        return
    names = ", ".join(specs)
    for shown, stem, kind in unread:
        table, _ = closest_table(stem, specs)
        looks = looks_like_table(stem, specs)
        suggestion = f"{table}.csv" if kind == "file" else table
        log.add(
            f"unknown-{kind}" if looks else f"ignored-{kind}",
            table=table if looks else stem,
            file=shown if kind == "file" else path.name,
            values=[shown],
            severity="error" if looks else "warning",
            suggestion=suggestion,
            tables=names,
        )


def _header_targets(spec: TableSpec) -> dict[str, list[str]]:
    """Normalised column name or title → the columns it names."""
    out: dict[str, list[str]] = {}
    for f in spec.fields:
        for text in (f["name"], f.get("title", "")):
            if text and f["name"] not in out.setdefault(normalise(text), []):
                out[normalise(text)].append(f["name"])
    return out


def match_headers(table: RawTable, spec: TableSpec, log: ProblemLog) -> None:
    """Rename the headers of ``table`` that name a column by its title or a near spelling.

    A header equal to a column's French title is that column, silently; one that equals a
    column's name or title once normalised (:func:`normalise`) is that column, with a
    warning naming both; one that fits two columns is an error. A header is left alone
    when its column is already in the table under its own name.
    """
    names = spec.field_names
    titles = {f.get("title", ""): f["name"] for f in spec.fields if f.get("title")}
    targets = _header_targets(spec)
    present = set(table.frame.columns)
    renames: dict[str, str] = {}
    for header in table.frame.columns:
        if header in names:
            continue
        if header in titles:
            column, near = titles[header], False
        else:
            fits = targets.get(normalise(header), [])
            if len(fits) > 1:
                log.add("header-ambiguous", table=spec.name, file=table.file, rows=[1],
                        column=header, values=[header], first=fits[0], second=fits[1])  # fmt: skip
                continue
            if not fits:
                continue
            column, near = fits[0], True
        if column in present or column in renames.values():
            continue  # the column is there already: the header stays an unknown column
        renames[header] = column
        if near:
            title = column_title(spec.field(column).get("title", ""), log.lang)
            log.add("header-near", table=spec.name, file=table.file, rows=[1], column=column,
                    values=[header], severity="warning", title=title)  # fmt: skip
    if not renames:
        return
    table.frame = table.frame.rename(columns=renames)
    if table.reread is not None:
        original = {column: header for header, column in renames.items()}
        reread = table.reread

        def reread_renamed(column: str) -> pd.Series:
            return reread(original.get(column, column)).rename(column)

        table.reread = reread_renamed
