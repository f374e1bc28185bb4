"""Read back a review sheet (:mod:`impact.text.review_sheet`) filled by the reviewers: check
it, turn its reviewed rows into ``comment_reviews`` rows, merge them with the data's.

Checks, each reported with the sheet, the row and column as Excel numbers and letters them,
the value, the rule and what to do:

- the sheet « Commentaires » (or « Comments ») exists and its hidden row 1 of column codes
  is there;
- every column written is still there under its header (a theme column removed or renamed is
  an error naming it), and no column carries the code of a theme the catalogue lacks;
- each row's comment identifier is given, known in the data and not repeated;
- each theme cell is empty (theme absent) or a tone — positif, négatif, mixte or positive,
  negative, mixed, case and accents aside (« Negatif » is négatif);
- « relu » is oui or non (yes or no; empty counts as non).

Rows with relu = oui become reviews: one row per filled theme column, or one row with an
empty theme and tone when none is filled (reviewed, no theme).
"""

from __future__ import annotations

import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from ..data.atomic import write_atomic
from ..data.messages import t
from ..languages import LANGUAGES
from .review_sheet import (
    CODE_ROW,
    FIRST_ROW,
    HEADER_ROW,
    PREDICTION_SHEET,
    TONE_WORDS,
    YES_NO,
    sheet_columns,
)

__all__ = [
    "REVIEW_COLUMNS",
    "ImportedReviews",
    "SheetProblem",
    "merge_reviews",
    "read_review_sheet",
    "write_reviews",
]

#: Columns of the ``comment_reviews`` table.
REVIEW_COLUMNS = ["comment", "theme", "tone", "reviewer"]
#: Contract tones by folded word, in both languages.
_TONES = {"positif": "positif", "positive": "positif", "negatif": "négatif",
          "negative": "négatif", "mixte": "mixte", "mixed": "mixte"}  # fmt: skip
_ENGINE = {"positif": "positif", "négatif": "negatif", "mixte": "mixte"}
_YES = {"oui", "yes"}
_NO = {"non", "no", ""}


@dataclass(frozen=True)
class SheetProblem:
    """One error of a review sheet: where (``row`` and ``letter`` as Excel shows them; None
    for the whole sheet or a column), the value, the rule and the message (what to do)."""

    sheet: str  # "" for the whole file
    row: int | None
    column: str | None
    letter: str | None
    value: str | None
    rule: str
    message: str

    def text(self, lang: str) -> str:
        """The problem in one line: where (if in a sheet), the message and the rule."""
        if not self.sheet:
            return f"{self.message} ({self.rule})"
        if self.row is not None and self.column is not None:
            where = t("review.where", lang, sheet=self.sheet, row=self.row, column=self.column,
                      letter=self.letter)  # fmt: skip
        else:
            where = t("review.where-sheet", lang, sheet=self.sheet)
        return t("review.problem", lang, where=where, message=self.message, rule=self.rule)


@dataclass(frozen=True)
class ImportedReviews:
    """The reviews of a sheet and what the reviewers changed.

    Attributes
    ----------
    reviews : pandas.DataFrame
        ``comment``, ``theme``, ``tone`` (contract words; both empty for a comment reviewed
        with no theme), in sheet order, themes in catalogue order.
    n_rows, n_reviewed : int
        Comments in the sheet, and those marked reviewed.
    confirmed, corrected, removed, added : int
        Over the reviewed comments, themes as written in the sheet exported (prediction or
        earlier review) kept with their tone, kept with another tone, emptied, and filled.
    """

    reviews: pd.DataFrame
    n_rows: int
    n_reviewed: int
    confirmed: int
    corrected: int
    removed: int
    added: int

    @property
    def changed(self) -> int:
        """Themes changed from the sheet exported."""
        return self.corrected + self.removed + self.added


def _fold(value: object) -> str:
    """A cell as text: stripped, lower case, without accents (``None`` → "")."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKD", str(value).strip())
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_review_sheet(
    path: str | Path, comments: Iterable[str], catalogue: pd.DataFrame, lang: str = "fr"
) -> tuple[ImportedReviews | None, list[SheetProblem]]:
    """Check a filled review sheet and read its reviews.

    Parameters
    ----------
    path
        The ``.xlsx`` sheet.
    comments
        The comment identifiers of the data.
    catalogue
        The data's theme catalogue (``code``, ``label_fr``, ``label_en``).
    lang : {"fr", "en"}
        Language of the messages (the sheet may be in either language).

    Returns
    -------
    (ImportedReviews or None, list of SheetProblem)
        ``None`` when there is any problem (every problem found is listed).
    """
    try:
        book = load_workbook(path, read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        rule = "unreadable"
        message = t(f"review.rule.{rule}", lang, detail=type(exc).__name__)
        return None, [SheetProblem("", None, None, None, None, rule, message)]
    try:
        names = {t("review.sheet", code): code for code in LANGUAGES}
        found = [name for name in book.sheetnames if name in names]
        if not found:
            expected = t("review.sheet", lang)
            message = t("review.rule.no-sheet", lang, expected=expected,
                        found=", ".join(book.sheetnames))  # fmt: skip
            return None, [SheetProblem(expected, None, None, None, None, "no-sheet", message)]
        sheet = found[0]
        rows = [list(r) for r in book[sheet].iter_rows(values_only=True)]
        prediction = _prediction(book)
    finally:
        book.close()
    reader = _Reader(sheet, names[sheet], catalogue, lang)
    return reader.read(rows, set(map(str, comments)), prediction)


def _prediction(book) -> dict[str, dict[str, str]]:
    """The themes and tones written in the sheet exported, by comment (empty if absent)."""
    if PREDICTION_SHEET not in book.sheetnames:
        return {}
    found: dict[str, dict[str, str]] = {}
    for row in list(book[PREDICTION_SHEET].iter_rows(values_only=True))[1:]:
        comment, theme, tone = (_text(v) for v in (list(row) + [None] * 3)[:3])
        found.setdefault(comment, {})[theme] = tone
    return found


class _Reader:
    """The checks of one « Commentaires » sheet, collecting problems."""

    def __init__(self, sheet: str, sheet_lang: str, catalogue: pd.DataFrame, lang: str) -> None:
        self.sheet, self.lang = sheet, lang
        self.columns = sheet_columns(catalogue, sheet_lang)
        self.themes = [code for code in catalogue["code"].astype(str)]
        self.choices = ", ".join(TONE_WORDS[sheet_lang].values())
        self.yes, self.no = YES_NO[sheet_lang]
        self.problems: list[SheetProblem] = []

    def _add(self, row: int | None, index: int | None, value: str | None, rule: str,
             **fields: object) -> None:  # fmt: skip
        column = letter = None
        if index is not None:
            letter = get_column_letter(index + 1)
            column = self.header.get(index, letter)
        message = t(f"review.rule.{rule}", self.lang, value=value, **fields)
        self.problems.append(SheetProblem(self.sheet, row, column, letter, value, rule, message))

    def read(
        self, rows: list[list], known: set[str], prediction: dict[str, dict[str, str]]
    ) -> tuple[ImportedReviews | None, list[SheetProblem]]:
        width = max((len(r) for r in rows), default=0)
        rows = [r + [None] * (width - len(r)) for r in rows]
        codes = [_text(v) for v in rows[CODE_ROW - 1]] if rows else []
        headers = [_text(v) for v in rows[HEADER_ROW - 1]] if len(rows) >= HEADER_ROW else []
        self.header = {i: label for i, label in enumerate(headers) if label}
        where = self._headers(codes, headers)
        if where is None:
            return None, self.problems
        reviews, seen = [], {}
        n_rows = n_reviewed = 0
        counts = dict.fromkeys(("confirmed", "corrected", "removed", "added"), 0)
        for number, row in enumerate(rows[FIRST_ROW - 1 :], start=FIRST_ROW):
            if all(_text(row[i]) == "" for i in where.values()):
                continue
            n_rows += 1
            comment = self._comment(number, row, where["comment"], known, seen)
            done = self._reviewed(number, row, where["reviewed"])
            tones = {}
            for code in self.themes:
                tone = self._tone(number, row, where[code])
                if tone:
                    tones[code] = tone
            if not (done and comment):
                continue
            n_reviewed += 1
            reviews += [(comment, code, tone) for code, tone in tones.items()] or [
                (comment, "", "")
            ]
            _count(counts, prediction.get(comment, {}), tones)
        if self.problems:
            return None, self.problems
        frame = pd.DataFrame(reviews, columns=["comment", "theme", "tone"], dtype=str)
        return ImportedReviews(frame, n_rows, n_reviewed, **counts), []

    def _headers(self, codes: list[str], headers: list[str]) -> dict[str, int] | None:
        """Where each column is; None (problems added) when a column is missing, renamed
        or unknown."""
        position = {code: i for i, code in reversed(list(enumerate(codes))) if code}
        if not any(code in position for code, _ in self.columns):
            self._add(None, None, None, "no-codes")
            return None
        expected = dict(self.columns)
        for code, i in position.items():
            if code not in expected:
                self._add(CODE_ROW, i, code, "column-unknown")
        for code, label in self.columns:
            if code not in position:
                self._add(None, None, None, "column-missing", label=label, code=code)
            elif headers[position[code]] != label:
                i = position[code]
                self.header[i] = label
                self._add(HEADER_ROW, i, headers[i], "column-renamed", label=label, code=code)
        return None if self.problems else {code: position[code] for code in expected}

    def _comment(self, number: int, row: list, i: int, known: set[str],
                 seen: dict[str, int]) -> str | None:  # fmt: skip
        comment = _text(row[i])
        if comment == "":
            self._add(number, i, "", "comment-missing")
        elif comment not in known:
            self._add(number, i, comment, "comment-unknown")
        elif comment in seen:
            self._add(number, i, comment, "comment-duplicate", first=seen[comment])
        else:
            seen[comment] = number
            return comment
        return None

    def _reviewed(self, number: int, row: list, i: int) -> bool:
        word = _fold(row[i])
        if word not in _YES | _NO:
            self._add(number, i, _text(row[i]), "bad-reviewed", yes=self.yes, no=self.no)
        return word in _YES

    def _tone(self, number: int, row: list, i: int) -> str | None:
        word = _fold(row[i])
        if word == "":
            return None
        if word not in _TONES:
            self._add(number, i, _text(row[i]), "bad-tone", choices=self.choices)
            return None
        return _TONES[word]


def _count(counts: dict[str, int], before: dict[str, str], after: dict[str, str]) -> None:
    """Add one comment's confirmed, corrected, removed and added themes (``before`` in
    engine codes, ``after`` in contract words)."""
    for theme, tone in after.items():
        if theme not in before:
            counts["added"] += 1
        elif before[theme] == _ENGINE[tone]:
            counts["confirmed"] += 1
        else:
            counts["corrected"] += 1
    counts["removed"] += len(set(before) - set(after))


def merge_reviews(existing: pd.DataFrame, imported: pd.DataFrame) -> pd.DataFrame:
    """The data's reviews with those of the imported comments replaced by the sheet's.

    A review that the sheet repeats unchanged (same comment, theme and tone) keeps its
    ``reviewer``; the others from the sheet have none. The data's other reviews come first,
    in their order, then the sheet's.

    Examples
    --------
    >>> old = pd.DataFrame({"comment": ["a", "b"], "theme": ["repas", "accueil"],
    ...                     "tone": ["positif", "négatif"], "reviewer": ["pp1", "pp2"]})
    >>> new = pd.DataFrame({"comment": ["b", "b"], "theme": ["accueil", "repas"],
    ...                     "tone": ["négatif", "mixte"]})
    >>> merge_reviews(old, new)[["comment", "theme", "reviewer"]].values.tolist()
    [['a', 'repas', 'pp1'], ['b', 'accueil', 'pp2'], ['b', 'repas', '']]
    """
    old = pd.DataFrame(existing).reindex(columns=REVIEW_COLUMNS).astype(object)
    old = old.where(old.notna(), "").astype(str)
    new = imported.reindex(columns=["comment", "theme", "tone"]).astype(str)
    reviewer = {(c, th, to): r for c, th, to, r in old.itertuples(index=False)}
    new = new.assign(reviewer=[reviewer.get(key, "") for key in new.itertuples(index=False)])
    kept = old.loc[~old["comment"].isin(set(new["comment"]))]
    return pd.concat([kept, new], ignore_index=True)[REVIEW_COLUMNS]


def write_reviews(path: str | Path, reviews: pd.DataFrame) -> Path:
    """Write a ``comment_reviews`` table as UTF-8 CSV, atomically."""
    path = Path(path)
    write_atomic(path, reviews[REVIEW_COLUMNS].to_csv(index=False, lineterminator="\n"))
    return path
