"""The data layer: the data contract (Table Schemas), reading CSV and Excel exports,
validation with messages in French or English, and the typed :class:`Programme`.
"""

# ruff: noqa: F401  (re-exports)
from impact.data.loading import (
    PREM_PUBLICATION_THRESHOLD,
    check_programme,
    load_programme,
    read_programme,
)
from impact.data.problems import ProblemLog, as_text
from impact.data.programme import CATALOGUES, INPUT_TABLES, Programme, SourceInfo
from impact.data.reading import RawTable, read_csv_table, read_workbook
from impact.data.schemas import TableSpec, catalogue_dir, schema_dir, table_specs
from impact.data.validation import decategorize, validate_table

__all__ = [
    "CATALOGUES",
    "INPUT_TABLES",
    "PREM_PUBLICATION_THRESHOLD",
    "ProblemLog",
    "Programme",
    "RawTable",
    "SourceInfo",
    "TableSpec",
    "as_text",
    "catalogue_dir",
    "check_programme",
    "decategorize",
    "load_programme",
    "read_programme",
    "read_csv_table",
    "read_workbook",
    "schema_dir",
    "table_specs",
    "validate_table",
]
