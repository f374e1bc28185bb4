"""The researchers' results files: every family's table of the run, one CSV each,
made publishable by the one privacy pass (:func:`impact.report.privacy.publishable`)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from impact.data.atomic import write_atomic
from impact.data.csv_cells import csv_text
from impact.report.privacy import QUESTIONNAIRES, publishable
from impact.report.results import RunTables
from impact.stats.its import ItsResult

__all__ = ["FAMILIES", "QUESTIONNAIRE_FILES", "write_results_csv"]


#: Results files: family name → (attribute of RunTables, key within it or None).
FAMILIES = {
    "indicators": ("indicators", None),
    "its": ("its", None),
    "did": ("did", None),
    "did_programme": ("did_programme", "overall"),
    "did_event_study": ("did_programme", "event_study"),
    "barometer_scores": ("barometer", "summary"),
    "barometer_changes": ("barometer", "changes"),
    "barometer_gaps": ("barometer", "gaps"),
    "barometer_joint": ("barometer", "joint"),
    "prem_levels": ("prem", "levels"),
    "prem_deltas": ("prem", "deltas"),
    "prem_items": ("prem", "items"),
    "prem_topbox": ("prem", "topbox"),
    "proms": ("prem", "proms"),
}
#: Results files of the questionnaires: every questionnaire's table of that key, one
#: after the other, with a first column ``questionnaire`` (its code).
QUESTIONNAIRE_FILES = {
    "questionnaire_scores": "summary",
    "questionnaire_changes": "changes",
    "questionnaire_gaps": "gaps",
    "questionnaire_joint": "joint",
}


def _family_table(tables: RunTables, family: str) -> pd.DataFrame | None:
    attr, key = FAMILIES[family]
    value = getattr(tables, attr)
    if isinstance(value, ItsResult):
        value = value.effects
    if key is not None:
        value = value.get(key) if value else None
    return value if value is not None and len(value.columns) else None


def _questionnaire_tables(published: dict) -> dict[str, pd.DataFrame | None]:
    """:data:`QUESTIONNAIRE_FILES` from the published tables of each questionnaire (None
    for a file no questionnaire has rows for)."""
    out = {}
    for file, key in QUESTIONNAIRE_FILES.items():
        parts = [
            family[key].assign(questionnaire=code)
            for code, family in published.items()
            if family and family.get(key) is not None and len(family[key].columns)
        ]
        if not parts:
            out[file] = None
            continue
        table = pd.concat(parts, ignore_index=True)
        out[file] = table[["questionnaire", *table.columns.drop("questionnaire")]]
    return out


def write_results_csv(tables: RunTables, folder: str | Path, *, min_cell: int
                      ) -> dict[str, Path]:  # fmt: skip
    """Write one CSV per family (all the run's teams), small cells suppressed.

    The questionnaires' tables are written per key (:data:`QUESTIONNAIRE_FILES`), every
    questionnaire's rows in one file named by a first column ``questionnaire``.
    Made publishable by :func:`impact.report.privacy.publishable` (counts of people under
    ``min_cell``, the statistics computed from them and every aggregate that would give
    them back are blanked; column ``suppressed``). UTF-8,
    comma-separated, decimal point; a text cell that a spreadsheet would read as a formula
    is prefixed with ``'`` (:func:`impact.data.csv_cells.csv_text`, OWASP rule; numbers
    are left as numbers). Families without data are not written.

    Returns
    -------
    dict of str to pathlib.Path
        File written per family.
    """
    folder = Path(folder)
    written = {}
    families = {family: _family_table(tables, family) for family in FAMILIES}
    shown = publishable({**families, QUESTIONNAIRES: tables.questionnaires}, min_cell)
    shown.update(_questionnaire_tables(shown.pop(QUESTIONNAIRES)))
    for family, table in shown.items():
        if table is None:
            continue
        written[family] = folder / f"{family}.csv"
        write_atomic(written[family], csv_text(table))
    return written
