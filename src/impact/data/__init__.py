"""The data layer: the data contract (Table Schemas), reading CSV and Excel exports,
validation with messages in French or English, and the typed :class:`Programme`.

The names below are imported on first use, so that importing a light submodule (the
message catalogue :mod:`impact.data.messages`, which the command line needs at once)
does not load pandas and the validation modules.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

#: Public name → module that defines it.
_WHERE = {
    "PREM_PUBLICATION_THRESHOLD": "impact.data.loading",
    "check_programme": "impact.data.loading",
    "load_programme": "impact.data.loading",
    "read_programme": "impact.data.loading",
    "ProblemLog": "impact.data.problems",
    "as_text": "impact.data.problems",
    "CATALOGUES": "impact.data.programme",
    "INPUT_TABLES": "impact.data.programme",
    "Programme": "impact.data.programme",
    "SourceInfo": "impact.data.programme",
    "RawTable": "impact.data.reading",
    "read_csv_table": "impact.data.reading",
    "read_workbook": "impact.data.reading",
    "TableSpec": "impact.data.schemas",
    "catalogue_dir": "impact.data.schemas",
    "schema_dir": "impact.data.schemas",
    "table_specs": "impact.data.schemas",
    "decategorize": "impact.data.validation",
    "validate_table": "impact.data.validation",
}

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

if TYPE_CHECKING:  # for type checkers and editors; at run time, __getattr__ below
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


def __getattr__(name: str) -> object:
    """Import a public name's module on first use (PEP 562)."""
    if name not in _WHERE:
        raise AttributeError(f"module 'impact.data' has no attribute {name!r}")
    value = getattr(import_module(_WHERE[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_WHERE])
