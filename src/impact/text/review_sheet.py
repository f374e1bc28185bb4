"""The review sheet: masked comments with their themes and tones, in a workbook that patient
partners confirm or correct (``impact comments review``; read back by
:mod:`impact.text.review_import`).

The workbook has three sheets:

- « Lisez-moi » (« Read me »): what to do, the tones, that the texts are masked, the method
  used for the comments not reviewed and, when measured, its macro-F1 against the other
  method's on the comments already reviewed (:class:`impact.text.classify.Classification`);
- « Commentaires » (« Comments »): row 1, hidden, holds the code of each column (``comment``,
  ``team_id``, ``period``, ``source``, ``text``, one theme code per theme of the catalogue,
  ``reviewed``, ``method``); row 2 the headers (theme labels; the code is also in each theme
  header's comment); then one row per comment — its masked text, the tone of each theme
  found (drop-down list: positif, négatif, mixte; empty = theme absent), « relu » (oui for a
  comment already reviewed, else non) and where the row comes from (relecture, règles,
  supervisé). Headers frozen, filters on;
- ``prediction`` (very hidden): the comment, theme and tone codes written in the theme
  columns, so that the import can count what the reviewers changed.

Nothing is ever written from an unmasked text: :func:`review_sheet` masks the comments
itself. No cell can run as a formula: a text starting with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return is stored as a string cell with Excel's quote prefix (shown as text,
kept as text when edited). The file is written atomically.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..data.atomic import write_atomic
from ..data.csv_cells import FORMULA_STARTS
from ..data.messages import t
from ..data.programme import Programme
from ..languages import check_lang
from .classify import MIN_REVIEWED, Classification, classify
from .masking import mask

__all__ = [
    "FIRST_ROW",
    "FIXED_COLUMNS",
    "METHOD_WORDS",
    "PREDICTION_SHEET",
    "TONE_WORDS",
    "YES_NO",
    "ReviewSheet",
    "review_sheet",
    "sheet_columns",
    "write_review_sheet",
]

#: Codes of the columns before the theme columns, and after them.
FIXED_COLUMNS = ("comment", "team_id", "period", "source", "text")
END_COLUMNS = ("reviewed", "method")
#: Row of the column codes (hidden), of the headers, and the first row of comments.
CODE_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3
#: The very hidden sheet of the themes and tones written.
PREDICTION_SHEET = "prediction"
#: The words of the tones (engine codes → words) in each language's sheet.
TONE_WORDS = {
    "fr": {"positif": "positif", "negatif": "négatif", "mixte": "mixte"},
    "en": {"positif": "positive", "negatif": "negative", "mixte": "mixed"},
}
YES_NO = {"fr": ("oui", "non"), "en": ("yes", "no")}
METHOD_WORDS = {
    "fr": {"relecture": "relecture", "règles": "règles", "supervisé": "supervisé"},
    "en": {"relecture": "review", "règles": "rules", "supervisé": "supervised"},
}
_WIDTHS = {"comment": 14, "team_id": 10, "period": 10, "source": 14, "text": 70,
           "reviewed": 9, "method": 12}  # fmt: skip
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_WRAP = Alignment(wrap_text=True, vertical="top")


@dataclass(frozen=True)
class ReviewSheet:
    """What a review sheet shows.

    Attributes
    ----------
    rows : pandas.DataFrame
        One row per comment: ``comment``, ``team_id``, ``period``, ``source`` and ``text``,
        the MASKED text.
    classification : Classification
        Themes and tones of the programme's comments (reviews first).
    catalogue : pandas.DataFrame
        The theme catalogue (``code``, ``label_fr``, ``label_en``): one column per theme.
    reviewed : frozenset of str
        The comments already reviewed (some may have no theme, hence no label).
    """

    rows: pd.DataFrame
    classification: Classification
    catalogue: pd.DataFrame
    reviewed: frozenset[str]


def review_sheet(
    programme: Programme, *, teams: Sequence[str] | None = None, n_process: int = 1
) -> ReviewSheet:
    """Mask and classify a programme's comments for a review sheet.

    Every comment of the programme is masked and classified (the reviewed ones weigh in the
    choice of method); the sheet holds those of ``teams`` (all when ``None``), in the order
    of the comments table.

    Parameters
    ----------
    programme
        A validated programme with comments.
    teams
        Team identifiers whose comments the sheet holds.
    n_process
        Worker processes for masking and the rules.

    Returns
    -------
    ReviewSheet
    """
    comments = programme.comments
    masked = mask(comments["text"].astype(str).tolist(), n_process=n_process)
    texts = pd.Series(masked, index=comments["comment"].astype(str).to_numpy())
    reviews = programme.comment_reviews
    if not reviews.empty:
        reviews = reviews.assign(comment=reviews["comment"].astype(str))
    found = classify(texts, reviews, catalogue=programme.comment_themes,
                     polarity=programme.comment_polarity, n_process=n_process)  # fmt: skip
    rows = comments[list(FIXED_COLUMNS[:-1])].astype(str).assign(text=masked)
    if teams is not None:
        rows = rows.loc[rows["team_id"].isin(list(teams))]
    reviewed = (
        frozenset(reviews["comment"]) & frozenset(texts.index) if len(reviews) else frozenset()
    )
    return ReviewSheet(rows.reset_index(drop=True), found, programme.comment_themes, reviewed)


def sheet_columns(catalogue: pd.DataFrame, lang: str) -> list[tuple[str, str]]:
    """``(code, header)`` of each column of the « Commentaires » sheet, in order."""
    themes = zip(catalogue["code"].astype(str), catalogue[f"label_{lang}"].astype(str),
                 strict=True)  # fmt: skip
    return [
        *((code, t(f"review.column.{code}", lang)) for code in FIXED_COLUMNS),
        *themes,
        *((code, t(f"review.column.{code}", lang)) for code in END_COLUMNS),
    ]


def _put(ws: Worksheet, row: int, column: int, value: object) -> Cell:
    """Write a value; a text is never a formula (string cell, quote prefix) and loses the
    control characters a workbook cannot hold."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub(" ", value)
        cell.value = value
        if value.startswith(FORMULA_STARTS):
            cell.data_type = "s"
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def _drop_down(values: Sequence[str], error: str, lang: str) -> DataValidation:
    return DataValidation(type="list", formula1=f'"{",".join(values)}"', allow_blank=True,
                          showErrorMessage=True, errorStyle="stop",
                          errorTitle=t("template.invalid-title", lang), error=error)  # fmt: skip


def _comments_sheet(ws: Worksheet, sheet: ReviewSheet, lang: str) -> None:
    columns = sheet_columns(sheet.catalogue, lang)
    labels = sheet.classification.labels
    tones = {(c, th): tone for c, th, tone in labels[["comment", "theme", "tone"]].itertuples(
        index=False)}  # fmt: skip
    reviewed = sheet.reviewed
    yes, no = YES_NO[lang]
    words, methods = TONE_WORDS[lang], METHOD_WORDS[lang]
    for col, (code, header) in enumerate(columns, start=1):
        _put(ws, CODE_ROW, col, code)
        cell = _put(ws, HEADER_ROW, col, header)
        cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _WRAP
        if code not in FIXED_COLUMNS + END_COLUMNS:
            text = t("review.theme-comment", lang, label=header, code=code)
            cell.comment = Comment(text, "impact", width=300, height=80)
        ws.column_dimensions[get_column_letter(col)].width = _WIDTHS.get(code, 16)
    ws.row_dimensions[CODE_ROW].hidden = True
    theme_codes = [code for code, _ in columns[len(FIXED_COLUMNS) : -len(END_COLUMNS)]]
    for row, values in enumerate(sheet.rows.itertuples(index=False), start=FIRST_ROW):
        record = values._asdict()
        for col, code in enumerate(FIXED_COLUMNS, start=1):
            cell = _put(ws, row, col, record[code])
            if code == "text":
                cell.alignment = _WRAP
        for col, code in enumerate(theme_codes, start=len(FIXED_COLUMNS) + 1):
            tone = tones.get((record["comment"], code))
            if tone is not None:
                _put(ws, row, col, words[tone])
        done = record["comment"] in reviewed
        _put(ws, row, len(columns) - 1, yes if done else no)
        method = "relecture" if done else sheet.classification.method
        _put(ws, row, len(columns), methods[method])
    last = FIRST_ROW + max(len(sheet.rows), 1) - 1
    first_theme, last_theme = len(FIXED_COLUMNS) + 1, len(FIXED_COLUMNS) + len(theme_codes)
    choices = list(words.values())
    tone_list = _drop_down(choices, t("review.rule.bad-tone", lang, value="…",
                                      choices=", ".join(choices)), lang)  # fmt: skip
    tone_list.add(f"{get_column_letter(first_theme)}{FIRST_ROW}:"
                  f"{get_column_letter(last_theme)}{last}")  # fmt: skip
    reviewed_list = _drop_down([yes, no], t("review.rule.bad-reviewed", lang, value="…", yes=yes,
                                            no=no), lang)  # fmt: skip
    letter = get_column_letter(len(columns) - 1)
    reviewed_list.add(f"{letter}{FIRST_ROW}:{letter}{last}")
    ws.add_data_validation(tone_list)
    ws.add_data_validation(reviewed_list)
    ws.freeze_panes = f"B{FIRST_ROW}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(columns))}{last}"


def _number(value: float, lang: str) -> str:
    """A macro-F1 with two decimals (decimal comma in French)."""
    text = f"{value:.2f}"
    return text.replace(".", ",") if lang == "fr" else text


def _guide_sheet(ws: Worksheet, sheet: ReviewSheet, file: str, lang: str) -> None:
    """« Lisez-moi »: what to do, the tones, masking, the method and its measured accuracy."""
    found = sheet.classification
    yes, _ = YES_NO[lang]
    methods = METHOD_WORDS[lang]
    lines: list[tuple[str, Font | None]] = [
        (t("review.guide.title", lang), Font(bold=True, size=14)),
        (t("review.guide.todo", lang, sheet=t("review.sheet", lang), yes=yes,
           reviewed=t("review.column.reviewed", lang)), None),
        (t("review.guide.tones", lang, **TONE_WORDS[lang]), None),
        (t("review.guide.masked", lang), None),
        (t("review.guide.method", lang, method=methods[found.method],
           column=t("review.column.method", lang), relecture=methods["relecture"],
           rules=methods["règles"], supervised=methods["supervisé"]), None),
    ]  # fmt: skip
    if pd.notna(found.rules_f1) and pd.notna(found.supervised_f1):
        lines.append((t("review.guide.measured", lang, n=found.n_reviewed,
                        rules_f1=_number(found.rules_f1, lang),
                        supervised_f1=_number(found.supervised_f1, lang)), None))  # fmt: skip
    else:
        lines.append((t("review.guide.not-measured", lang, minimum=MIN_REVIEWED,
                        n=found.n_reviewed), None))  # fmt: skip
    lines.append((t("review.guide.keep", lang), None))
    lines.append((t("review.guide.import", lang, file=file), Font(bold=True)))
    ws.column_dimensions["A"].width = 110
    for row, (text, font) in enumerate(lines, start=1):
        cell = _put(ws, row, 1, text)
        cell.alignment = _WRAP
        if font is not None:
            cell.font = font


def _prediction_sheet(ws: Worksheet, sheet: ReviewSheet) -> None:
    """The themes and tones written (engine codes), for the import to count changes."""
    labels = sheet.classification.labels
    kept = labels.loc[labels["comment"].isin(set(sheet.rows["comment"]))]
    for row, values in enumerate([("comment", "theme", "tone"), *kept[["comment", "theme",
                                  "tone"]].itertuples(index=False)], start=1):  # fmt: skip
        for col, value in enumerate(values, start=1):
            _put(ws, row, col, str(value))
    ws.sheet_state = "veryHidden"


def write_review_sheet(path: str | Path, sheet: ReviewSheet, lang: str = "fr") -> Path:
    """Write a review sheet (see the module's description), atomically.

    Parameters
    ----------
    path
        The ``.xlsx`` file (replaced if it exists: the command line refuses that).
    sheet
        Its content, from :func:`review_sheet`.
    lang : {"fr", "en"}
        Language of the sheets' names, texts, headers, tones and yes/no words.

    Returns
    -------
    pathlib.Path
        The file written.
    """
    check_lang(lang)
    path = Path(path)
    book = Workbook()
    book.active.title = t("review.guide-sheet", lang)
    _guide_sheet(book.active, sheet, path.name, lang)
    _comments_sheet(book.create_sheet(t("review.sheet", lang)), sheet, lang)
    _prediction_sheet(book.create_sheet(PREDICTION_SHEET), sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomic(path, buffer.getvalue())
    return path
