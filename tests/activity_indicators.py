"""The two process measures that left the default indicator catalogue (issue 14), put back
into a programme's OWN catalogue for the tests that check how a count indicator or the
attendance-rate indicator is handled.

The values are computed from the programme's ``partnership_activity`` (the demo's only
source of them now): partners active per team-month (a count, 0 outside the activity, for
every unit and month of the indicator series) and Σ meetings attended / Σ meetings held.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

import impact

#: The catalogue rows as they were in data_schemas/catalogues/indicators.csv.
ROWS = {
    "n_patients_partenaires": {
        "label_fr": "Nombre de patients partenaires impliqués",
        "label_en": "Number of patient partners involved",
        "kind": "count", "multiplier": np.nan, "unit_fr": "personnes", "unit_en": "people",
        "better": "higher", "source": "Suivi du projet", "plausible_min": 0.0,
        "plausible_max": 100.0,
    },
    "taux_participation": {
        "label_fr": "Taux de participation des patients partenaires aux réunions du projet",
        "label_en": "Patient partners' attendance rate at project meetings",
        "kind": "proportion", "multiplier": 100.0, "unit_fr": "%", "unit_en": "%",
        "better": "higher", "source": "Feuilles de présence", "plausible_min": 0.0,
        "plausible_max": 100.0,
    },
}  # fmt: skip


def _values(programme: impact.Programme, code: str) -> pd.DataFrame:
    activity = programme.partnership_activity
    by_month = activity.groupby(["team_id", "month"])
    if code == "n_patients_partenaires":
        grid = programme.indicator_values[["team_id", "period"]].drop_duplicates()
        count = by_month.size().rename("value").reset_index()
        frame = grid.merge(count.rename(columns={"month": "period"}), how="left")
        return frame.assign(value=frame["value"].fillna(0.0).astype(float),
                            numerator=np.nan, denominator=np.nan)  # fmt: skip
    sums = by_month[["meetings_attended", "meetings_held"]].sum().reset_index()
    return pd.DataFrame({
        "team_id": sums["team_id"], "period": sums["month"],
        "numerator": sums["meetings_attended"].astype(float),
        "denominator": sums["meetings_held"].astype(float),
        "value": 100 * sums["meetings_attended"] / sums["meetings_held"],
    })  # fmt: skip


def with_activity_indicators(programme: impact.Programme, *codes: str) -> impact.Programme:
    """The programme with ``codes`` (keys of :data:`ROWS`) added to its own indicator
    catalogue and their monthly values to ``indicator_values``."""
    catalogue = programme.indicators
    rows = pd.DataFrame([{"code": code, **ROWS[code]} for code in codes])
    rows = rows.reindex(columns=catalogue.columns).astype(catalogue.dtypes.to_dict())
    catalogue = pd.concat([catalogue, rows], ignore_index=True)
    values = programme.indicator_values
    added = [
        _values(programme, code).assign(indicator=code, sd=np.nan, n=pd.NA)[values.columns]
        for code in codes
    ]
    values = pd.concat([values, *(a.astype(values.dtypes.to_dict()) for a in added)],
                       ignore_index=True)  # fmt: skip
    return replace(programme, indicators=catalogue, indicator_values=values)
