"""The researchers' results files: every family's table of the run, one CSV each,
made publishable by the one privacy pass (:func:`impact.report.privacy.publishable`)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from impact.data.atomic import write_atomic
from impact.data.csv_cells import csv_text
from impact.report.privacy import publishable
from impact.report.results import RunTables
from impact.stats.its import ItsResult

__all__ = ["FAMILIES", "write_results_csv"]


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


def _family_table(tables: RunTables, family: str) -> pd.DataFrame | None:
    attr, key = FAMILIES[family]
    value = getattr(tables, attr)
    if isinstance(value, ItsResult):
        value = value.effects
    if key is not None:
        value = value.get(key) if value else None
    return value if value is not None and len(value.columns) else None


def write_results_csv(tables: RunTables, folder: str | Path, *, min_cell: int
                      ) -> dict[str, Path]:  # fmt: skip
    """Write one CSV per family (all the run's teams), small cells suppressed.

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
    shown = publishable({family: _family_table(tables, family) for family in FAMILIES}, min_cell)
    for family, table in shown.items():
        if table is None:
            continue
        written[family] = folder / f"{family}.csv"
        write_atomic(written[family], csv_text(table))
    return written
