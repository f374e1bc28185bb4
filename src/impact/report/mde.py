"""The minimum detectable effect beside an inconclusive verdict in a team report.

:func:`with_mde` joins the run's :func:`impact.synthesis.planning.mde_table` rows to the
publishable tables a team report shows (before/after indicators, barometer changes,
patient-experience changes); :func:`mde_text` writes « +3,5 / −3,2 » (or « ±2,8 ») for a
shown row whose interval includes no change, and nothing otherwise: an MDE reveals the
sizes behind it, so it appears only where the row's own numbers do.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from impact.report.formatting import format_number
from impact.report.labels import t

__all__ = ["mde_label", "mde_text", "with_mde"]

#: Keys joining each table to the MDE rows (MDE column → table column).
_KEYS = {
    "indicators": {"team_id": "team_id", "outcome": "indicator"},
    "barometer": {"team_id": "team_id", "outcome": "dimension", "role_group": "role_group",
                  "analysis": "analysis", "wave_before": "wave_before",
                  "wave_after": "wave_after"},
    "prem": {"team_id": "team_id", "outcome": "code", "level": "level", "measure": "measure"},
}  # fmt: skip


def _join(table: pd.DataFrame | None, mde: pd.DataFrame, family: str) -> pd.DataFrame | None:
    if table is None or table.empty:
        return table
    keys = _KEYS[family]
    if not set(keys.values()) <= set(table.columns):
        return table
    rows = mde.loc[mde["family"] == family, [*keys, "mde_up", "mde_down"]].rename(columns=keys)
    rows = rows.drop_duplicates(list(keys.values()))
    table = table.drop(columns=["mde_up", "mde_down"], errors="ignore")
    left = table.assign(team_id=table["team_id"].astype(str))
    merged = left.merge(rows.astype({"team_id": str}), on=list(keys.values()), how="left")
    return merged.set_axis(table.index).assign(team_id=table["team_id"])


def with_mde(shown: dict[str, object], mde: pd.DataFrame | None) -> dict[str, object]:
    """``shown`` (``indicators``, ``barometer``, ``prem`` as
    :func:`impact.report.privacy.publishable` returns them) with ``mde_up`` and
    ``mde_down`` on the before/after rows, the barometer ``changes`` and the PREM
    ``deltas``; unchanged without MDE rows."""
    if mde is None or mde.empty:
        return shown
    out = dict(shown)
    out["indicators"] = _join(shown.get("indicators"), mde, "indicators")
    for family, name in (("barometer", "changes"), ("prem", "deltas")):
        tables = shown.get(family)
        if tables and name in tables:
            out[family] = {**tables, name: _join(tables[name], mde, family)}
    return out


def _includes_null(row: object) -> bool:
    null = 1.0 if getattr(row, "scale", "identity") == "log" else 0.0
    low, high = getattr(row, "ci_low", np.nan), getattr(row, "ci_high", np.nan)
    return pd.notna(low) and pd.notna(high) and low <= null <= high


def mde_text(row: object, lang: str, *, digits: int = 1) -> str:
    """« +a / −b » (« ±a » when both round alike) for a shown row whose 95 % interval
    includes no change and which has an MDE; "" otherwise (a conclusive, hidden or not
    computed row)."""
    suppressed = getattr(row, "suppressed", False)
    if pd.notna(suppressed) and bool(suppressed):
        return ""
    up, down = getattr(row, "mde_up", np.nan), getattr(row, "mde_down", np.nan)
    if not _includes_null(row) or (pd.isna(up) and pd.isna(down)):
        return ""
    high = format_number(up, lang=lang, digits=digits) if pd.notna(up) else ""
    low = format_number(-down, lang=lang, digits=digits) if pd.notna(down) else ""
    if high == low:
        return f"±{high}"
    parts = [f"+{high}" if high else "", f"−{low}" if low else ""]
    return " / ".join(p for p in parts if p)


def mde_label(lang: str, *, power: float = 0.8, alpha: float = 0.05) -> str:
    """The column title / line prefix: « Plus petit effet détectable (80 %, 5 %) »."""
    return t("report.mde.title", lang, power=format_number(100 * power, lang=lang, digits=0),
             alpha=format_number(100 * alpha, lang=lang, digits=0))  # fmt: skip
