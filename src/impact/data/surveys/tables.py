"""The long tables a survey export can become, and their catalogues' codes and labels."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pandas as pd

from impact.data.schemas import TableSpec, catalogue_dir, table_specs

__all__ = [
    "SURVEY_TABLES",
    "SurveyTable",
    "catalogue_codes",
    "catalogue_labels",
    "catalogue_values",
]


@dataclass(frozen=True)
class SurveyTable:
    """A long response table: its schema and which columns hold the code and the answer.

    Attributes
    ----------
    spec : TableSpec
        The table's schema.
    code_column, answer_column, respondent_column : str
        Column of the catalogue code, of the answer, of the respondent's identifier.
    catalogue : str
        Catalogue table of the codes; ``catalogue_code`` its code column.
    derived : tuple of str
        Columns that, when the mapping gives them no source, are read from each code's
        catalogue row (a questionnaire answer's ``questionnaire``: its item's).
    """

    spec: TableSpec
    code_column: str
    answer_column: str
    respondent_column: str
    catalogue: str
    catalogue_code: str
    derived: tuple[str, ...] = ()

    @property
    def field_names(self) -> list[str]:
        """The table's columns, in order."""
        return self.spec.field_names

    @property
    def required(self) -> list[str]:
        """Required columns."""
        return [f["name"] for f in self.spec.fields if f.get("constraints", {}).get("required")]

    def title(self, name: str) -> str:
        """French title of column ``name``."""
        return self.spec.field(name).get("title", name)

    def enum(self, name: str) -> list[str]:
        """Allowed values of column ``name`` (empty if any)."""
        return list(self.spec.field(name).get("constraints", {}).get("enum", []))

    def pattern(self, name: str) -> str | None:
        """Pattern the values of column ``name`` must match, if any."""
        return self.spec.field(name).get("constraints", {}).get("pattern")

    @property
    def integer_answers(self) -> bool:
        """Whether the answer column holds whole numbers."""
        return self.spec.field(self.answer_column).get("type") == "integer"


def _survey_tables() -> dict[str, SurveyTable]:
    specs = table_specs()
    return {
        "barometer_responses": SurveyTable(
            specs["barometer_responses"], "item", "score", "respondent", "barometer_items", "item"
        ),
        "prem_responses": SurveyTable(
            specs["prem_responses"], "item", "answer", "respondent", "prem_items", "item"
        ),
        "prom_responses": SurveyTable(
            specs["prom_responses"], "prom", "value", "patient", "proms", "code"
        ),
        "questionnaire_responses": SurveyTable(
            specs["questionnaire_responses"],
            "item",
            "score",
            "respondent",
            "questionnaire_items",
            "item",
            derived=("questionnaire",),
        ),  # fmt: skip
    }


#: The tables ``import-survey`` produces, by name.
SURVEY_TABLES = _survey_tables()


@cache
def _catalogue(name: str) -> pd.DataFrame:
    return pd.read_csv(catalogue_dir() / f"{name}.csv", dtype=str, keep_default_na=False)


def catalogue_codes(table: str) -> list[str]:
    """The codes of ``table``'s default catalogue (items, questions, PROM measures)."""
    survey = SURVEY_TABLES[table]
    return _catalogue(survey.catalogue)[survey.catalogue_code].tolist()


def catalogue_values(table: str, column: str) -> dict[str, str]:
    """Code → value of ``column`` in ``table``'s default catalogue (an item's questionnaire)."""
    survey = SURVEY_TABLES[table]
    frame = _catalogue(survey.catalogue)
    return dict(zip(frame[survey.catalogue_code], frame[column], strict=True))


def catalogue_labels(table: str, *, answers: bool = False) -> dict[str, list[str]] | list:
    """Labels of ``table``'s catalogue: code → [French, English] label, or with
    ``answers=True`` the answer labels of its scales as ``(text, code)`` pairs (PREM
    scales only; the barometer and PROMs have numeric scales)."""
    survey = SURVEY_TABLES[table]
    if answers:
        if table != "prem_responses":
            return []
        scales = _catalogue("prem_scales")
        return [(text, code) for lang in ("label_fr", "label_en")
                for text, code in zip(scales[lang], scales["code"], strict=True)]  # fmt: skip
    frame = _catalogue(survey.catalogue)
    return {
        code: [fr, en]
        for code, fr, en in zip(
            frame[survey.catalogue_code], frame["label_fr"], frame["label_en"], strict=True
        )
    }
