"""Write a collection template: an Excel workbook laid out as the data contract.

One sheet per table of ``data_schemas/``, named like the table (as
:func:`impact.data.loading.read_programme` looks for it), with the column names as headers,
a comment on each header giving the column's French title and description, a drop-down
list on every coded column, date and number formats, a first sheet « Mode d'emploi » (which
also lists the codes a roadmap line may follow, the roadmap's drop-down list), and example
rows that pass validation (:mod:`impact.data.template_examples`; an example training's
quiz and expectation items follow the training_items catalogue's default rows). Everything
is generated from the Table Schemas and the default catalogues, so the template follows the
contract when either changes.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from impact.data.messages import column_title, t
from impact.data.programme import CATALOGUES, INPUT_TABLES
from impact.data.schemas import TableSpec, table_specs
from impact.data.steering_checks import ACTIVITY_MEASURES, roadmap_indicator_codes
from impact.data.template_examples import BOOLEAN_CHOICES, WAVES, examples, training_items
from impact.languages import check_lang

__all__ = ["BOOLEAN_CHOICES", "LAST_ROW", "LIST_ROWS", "WAVES", "template_tables", "write_template"]

#: Drop-down lists and formats cover the rows from 2 to this one (Excel's last row).
LAST_ROW = 1_048_576
#: A list that refers to another sheet (teams, a catalogue) offers its rows 2 to this one.
LIST_ROWS = 2_000
_DATE_FORMATS = {
    "fr": {"date": "dd/mm/yyyy", "yearmonth": "mm/yyyy"},
    "en": {"date": "yyyy-mm-dd", "yearmonth": "yyyy-mm"},
}
_FORMATS = {"string": "@", "boolean": "@", "integer": "0", "number": "0.00"}
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_EXAMPLE_FONT = Font(italic=True, color="595959")


def template_tables() -> list[str]:
    """The tables of the template, in sheet order: the input tables, then the catalogues."""
    specs = table_specs()
    return [name for name in (*INPUT_TABLES, *CATALOGUES) if name in specs]


# --------------------------------------------------------------------- content


def _catalogue_rows(spec: TableSpec, lang: str) -> list[dict[str, object]]:
    """The default catalogue of ``spec`` as typed cell values (yes/no words for booleans)."""
    yes, no = BOOLEAN_CHOICES[lang]
    rows = []
    with spec.default.open(encoding="utf-8", newline="") as fh:
        for line in csv.DictReader(fh):
            row: dict[str, object] = {}
            for field in spec.fields:
                text = (line.get(field["name"]) or "").strip()
                ftype = field.get("type", "string")
                if text == "":
                    row[field["name"]] = None
                elif ftype == "integer":
                    row[field["name"]] = int(text)
                elif ftype == "number":
                    row[field["name"]] = float(text)
                elif ftype == "boolean":
                    row[field["name"]] = yes if text.lower() in ("true", "1", "oui") else no
                else:
                    row[field["name"]] = text
            rows.append(row)
    return rows


# --------------------------------------------------------------------- drop-down lists


def _list(
    values: list[str | int], column: str, lang: str, *, warn: str | None = None
) -> DataValidation:
    """A drop-down list of literal values (Excel: at most 255 characters, no comma); with
    ``warn`` (a message key), another value is allowed after that warning."""
    values = [str(v) for v in values]  # an integer enum (polarity 1, -1) lists as text
    text = ",".join(values)
    if len(text) > 255 or any("," in v or '"' in v for v in values):
        raise ValueError(f"Values of {column!r} do not fit an Excel list: {text!r}.")
    error = t(warn or "template.invalid-list", lang, column=column)
    return _validation("list", f'"{text}"', None, error, lang, warn=warn is not None)


def _cells(sheet: str, column: str, first: int = 2, last: int = LIST_ROWS) -> str:
    """An absolute range of one column of ``sheet`` (``'teams'!$C$2:$C$2000``)."""
    return f"{quote_sheetname(sheet)}!${column}${first}:${column}${last}"


def _table_cells(table: str, column: str) -> str:
    """The rows of ``column`` in ``table``'s sheet, for a drop-down list."""
    return _cells(table, get_column_letter(table_specs()[table].field_names.index(column) + 1))


def _validation(kind: str, formula1: str, formula2: str | None, error: str, lang: str,
                operator: str | None = None, *, warn: bool = False) -> DataValidation:  # fmt: skip
    return DataValidation(
        type=kind,
        formula1=formula1,
        formula2=formula2,
        operator=operator,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning" if warn else "stop",
        errorTitle=t("template.invalid-title", lang),
        error=error,
    )


def _number_rule(kind: str, column: str, low: float | None, high: float | None,
                 lang: str) -> DataValidation | None:  # fmt: skip
    """Whole or decimal number within ``[low, high]`` (either end may be open)."""
    words = t(f"type.{'integer' if kind == 'whole' else 'number'}", lang)
    if low is not None and high is not None:
        error = t("template.invalid-between", lang, column=column, kind=words, low=low, high=high)
        return _validation(kind, str(low), str(high), error, lang, "between")
    if low is not None:
        error = t("template.invalid-minimum", lang, column=column, kind=words, low=low)
        return _validation(kind, str(low), None, error, lang, "greaterThanOrEqual")
    return None


def _rule(spec: TableSpec, field: dict, catalogues: dict[str, list[dict]], lang: str,
          codes: str) -> DataValidation | None:  # fmt: skip
    """The drop-down list or check of one column, from its schema and the catalogues
    (``codes``: the cells listing the roadmap's indicator codes)."""
    name, ftype = field["name"], field.get("type", "string")
    cons = field.get("constraints", {})
    refs = {column: (table, ref) for column, table, ref in spec.foreign_keys}
    invalid = t("template.invalid-list", lang, column=name)
    if "enum" in cons:
        return _list(cons["enum"], name, lang)
    if ftype == "boolean":
        return _list(list(BOOLEAN_CHOICES[lang]), name, lang)
    if name in refs:
        return _validation("list", _table_cells(*refs[name]), None, invalid, lang)
    if name == "wave" and spec.name in ("barometer_responses", "questionnaire_responses"):
        return _list(list(WAVES), name, lang, warn="template.invalid-wave")
    if (spec.name, name) == ("roadmap", "hospital"):
        return _validation("list", _table_cells("teams", "hospital"), None, invalid, lang)
    if (spec.name, name) == ("roadmap", "indicator"):
        error = t("template.invalid-roadmap-indicator", lang, column=name)
        return _validation("list", codes, None, error, lang, warn=True)
    if (spec.name, name) == ("questionnaire_responses", "questionnaire"):
        names = list(dict.fromkeys(r["questionnaire"] for r in catalogues["questionnaire_items"]))
        return _list(names, name, lang, warn="template.invalid-questionnaire")
    if (spec.name, name) == ("training_answers", "participant"):
        return _validation("list", _table_cells("training_participants", "participant"), None,
                           invalid, lang)  # fmt: skip
    if (spec.name, name) == ("training_items", "training"):
        error = t("template.invalid-training", lang, column=name)
        return _validation("list", _table_cells("training_sessions", "training"), None, error,
                           lang, warn=True)  # fmt: skip
    if (spec.name, name) == ("prem_responses", "answer"):
        answers = sorted({int(r["code"]) for r in catalogues["prem_scales"]})
        return _list([str(c) for c in answers], name, lang)
    scored = {"barometer_responses": "barometer_items", "questionnaire_responses":
              "questionnaire_items"}  # fmt: skip
    if name == "score" and spec.name in scored:
        items = catalogues[scored[spec.name]]
        low = min(int(r["scale_min"]) for r in items)
        return _number_rule("whole", name, low, max(int(r["scale_max"]) for r in items), lang)
    if ftype in ("integer", "number"):
        kind = "whole" if ftype == "integer" else "decimal"
        return _number_rule(kind, name, cons.get("minimum"), cons.get("maximum"), lang)
    if "maxLength" in cons:
        error = t("template.invalid-length", lang, column=name, limit=cons["maxLength"])
        return _validation("textLength", str(cons["maxLength"]), None, error, lang,
                           "lessThanOrEqual")  # fmt: skip
    return None


# --------------------------------------------------------------------- sheets


def _comment(field: dict, lang: str) -> Comment:
    """The header's comment: title (French, and English for an English template),
    description, and whether a value is required."""
    title = field.get("title", field["name"])
    if lang == "en" and column_title(title, "en") != title:
        title = f"{column_title(title, 'en')} ({title})"
    lines = [title, field.get("description", "")]
    if field.get("constraints", {}).get("required"):
        lines.append(f"[{t('template.required-column', lang)}]")
    text = "\n".join(line for line in lines if line)
    return Comment(text, "impact", width=320, height=40 + 18 * (len(text) // 45 + 1))


def _table_sheet(ws: Worksheet, spec: TableSpec, rows: list[dict], catalogues: dict,
                 lang: str, codes: str, *, examples_from: int) -> None:  # fmt: skip
    """Headers, comments, column formats, drop-down lists and rows of one table
    (``codes``: the cells listing the roadmap's indicator codes; the rows from index
    ``examples_from`` on are examples, in italics)."""
    formats = {**_FORMATS, **_DATE_FORMATS[lang]}
    for col, field in enumerate(spec.fields, start=1):
        letter = get_column_letter(col)
        cell = ws.cell(row=1, column=col, value=field["name"])
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        cell.comment = _comment(field, lang)
        number_format = formats[field.get("type", "string")]
        dim = ws.column_dimensions[letter]
        dim.number_format = number_format
        dim.width = max(12, len(field["name"]) + 4)
        for row, values in enumerate(rows, start=2):
            value = values.get(field["name"])
            if value is None:
                continue
            target = ws.cell(row=row, column=col, value=value)
            target.number_format = number_format
            if row - 2 >= examples_from:
                target.font = _EXAMPLE_FONT
        rule = _rule(spec, field, catalogues, lang, codes)
        if rule is not None:
            rule.add(f"{letter}2:{letter}{LAST_ROW}")
            ws.add_data_validation(rule)
    ws.freeze_panes = "A2"


def _guide_sheet(ws: Worksheet, file: str, catalogues: dict[str, list[dict]], lang: str) -> str:
    """« Mode d'emploi »: how to fill the workbook, one paragraph per table, then the codes a
    roadmap line may follow with their labels; returns the cells of those codes."""
    wrap = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 110
    lines: list[tuple[str, Font | None]] = [(t("template.title", lang), Font(bold=True, size=14))]
    for key in ("template.how.sheets", "template.how.cells", "template.how.examples"):
        lines.append((t(key, lang), None))
    lines.append((t("template.how.check", lang, file=file), None))
    lines.append((t("template.tables", lang), Font(bold=True, size=12)))
    specs = table_specs()
    for name in template_tables():
        spec = specs[name]
        status = (
            "template.required-table"
            if spec.required
            else "template.catalogue-table"
            if spec.default is not None
            else "template.optional-table"
        )
        heading = f"{name} — {spec.schema.get('title', name)} ({t(status, lang)})"
        lines.append((heading, Font(bold=True)))
        lines.append((spec.schema.get("description", ""), None))
        columns = ", ".join(
            f"{f['name']} ({column_title(f.get('title', f['name']), lang)})" for f in spec.fields
        )
        lines.append((t("template.columns", lang, columns=columns), Font(color="595959")))
    lines.append((t("template.training", lang), Font(bold=True, size=12)))
    lines.append((t("template.training.how", lang), None))
    lines.append((t("template.roadmap-codes", lang), Font(bold=True, size=12)))
    lines.append((t("template.roadmap-codes.how", lang), None))
    for row, (text, font) in enumerate(lines, start=1):
        cell = ws.cell(row=row, column=1, value=text)
        cell.alignment = wrap
        if font is not None:
            cell.font = font
    ws.column_dimensions["B"].width = 70
    first = len(lines) + 1
    codes = _roadmap_codes(catalogues, lang)
    for row, (code, label) in enumerate(codes, start=first):
        ws.cell(row=row, column=1, value=code)
        ws.cell(row=row, column=2, value=label)
    return _cells(ws.title, "A", first, first + len(codes) - 1)


def _roadmap_codes(catalogues: dict[str, list[dict]], lang: str) -> list[tuple[str, str]]:
    """The codes a roadmap line may follow (default catalogues) and their labels."""
    frames = {name: pd.DataFrame(catalogues[name]) for name in
              ("indicators", "barometer_items", "questionnaire_items")}  # fmt: skip
    labels = {str(r["code"]): str(r[f"label_{lang}"]) for r in catalogues["indicators"]}
    barometer = t("template.barometer", lang)
    for family, rows in (("barometre", catalogues["barometer_items"]),
                         (None, catalogues["questionnaire_items"])):  # fmt: skip
        for r in rows:
            name = family or str(r["questionnaire"])
            title = barometer if family else str(r[f"questionnaire_{lang}"])
            labels.setdefault(f"{name}.global", t("template.score-global", lang, title=title))
            labels.setdefault(f"{name}.{r['dimension']}", t("template.score-dimension", lang,
                              title=title, dimension=r[f"dimension_{lang}"]))  # fmt: skip
    for measure in ACTIVITY_MEASURES:
        labels[f"activite.{measure}"] = t(f"template.activity.{measure}", lang)
    return [(code, labels[code]) for code in roadmap_indicator_codes(*frames.values())]


def write_template(path: str | Path, lang: str = "fr") -> Path:
    """Write a collection template: a workbook that ``impact validate`` accepts as it is.

    Parameters
    ----------
    path : str or pathlib.Path
        The ``.xlsx`` file to write (replaced if it exists; its folder is created).
    lang : {"fr", "en"}
        Language of the instructions, comments, list messages, date formats and yes/no
        words (the column names and sheet names are the contract's, in both languages).

    Returns
    -------
    pathlib.Path
        The file written.

    Examples
    --------
    >>> import tempfile, impact.data.loading as loading
    >>> book = write_template(tempfile.mkdtemp() + "/modele.xlsx")
    >>> loading.read_programme(book)[0].team_ids
    ['T01']
    """
    check_lang(lang)
    path = Path(path)
    specs = table_specs()
    catalogues = {name: _catalogue_rows(specs[name], lang) for name in CATALOGUES}
    defaults = {name: len(rows) for name, rows in catalogues.items()}
    catalogues["training_items"] += training_items(lang)
    rows = examples(catalogues, lang)
    book = Workbook()
    book.active.title = t("template.guide-sheet", lang)
    codes = _guide_sheet(book.active, path.name, catalogues, lang)
    for name in template_tables():
        ws = book.create_sheet(name)
        table = rows.get(name, catalogues.get(name))
        _table_sheet(ws, specs[name], table, catalogues, lang, codes,
                     examples_from=defaults.get(name, 0))  # fmt: skip
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path
