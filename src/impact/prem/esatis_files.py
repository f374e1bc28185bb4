"""Reading the files establishments get from e-Satis (HAS): shared by the published
results reader (:mod:`impact.prem.esatis`) and the verbatim reader
(:mod:`impact.prem.esatis_comments`).

Every cell is read as text (CSV in UTF-8 or Windows-1252, separated by ``;``, ``,`` or a
tab; or the first sheet of an XLSX workbook), FINESS numbers get back the leading zero a
spreadsheet drops, and sites are matched to teams by a FINESS → team_id mapping.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["attach_teams", "finess", "mapping_table", "read_cells"]

#: The first bytes of an XLSX file (a ZIP archive).
_ZIP = b"PK\x03\x04"


def read_cells(path: Path) -> pd.DataFrame:
    """Every cell as text: XLSX (first sheet) or CSV (UTF-8 or Windows-1252, ; , or tab).

    A workbook's whole numbers lose their ``.0`` (``60000019``), its empty cells are ""
    and its dates read as ``2023-05-10 00:00:00``.
    """
    raw = path.read_bytes()
    if raw[:4] == _ZIP:
        frame = pd.read_excel(io.BytesIO(raw), sheet_name=0, dtype=object, engine="calamine")
        return frame.map(lambda v: "" if v is None or (isinstance(v, float) and np.isnan(v))
                         else (f"{v:.0f}" if isinstance(v, float) and v.is_integer()
                               else str(v)))  # fmt: skip
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    header = text.split("\n", 1)[0]
    sep = max((";", ",", "\t"), key=header.count)
    return pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)


def finess(values: pd.Series) -> pd.Series:
    """FINESS as 9 characters: a number read from a spreadsheet gets its leading zero back."""
    text = values.astype(str).str.strip().str.replace(r"\.0$", "", regex=True)
    return text.where(~text.str.fullmatch(r"\d{1,8}"), text.str.zfill(9))


def mapping_table(mapping) -> pd.DataFrame:
    """A finess → team_id table from a dict or a DataFrame (finess may repeat)."""
    if isinstance(mapping, dict):
        rows = [
            (k, t)
            for k, v in mapping.items()
            for t in (v if isinstance(v, (list, tuple, set)) else [v])
        ]
        table = pd.DataFrame(rows, columns=["finess", "team_id"])
    elif isinstance(mapping, pd.DataFrame) and {"finess", "team_id"} <= set(mapping.columns):
        table = mapping[["finess", "team_id"]].copy()
    else:
        raise ValueError(
            "mapping must be a dict finess → team_id or a DataFrame with columns "
            f"'finess' and 'team_id'. Got {type(mapping).__name__}."
        )
    table["finess"] = finess(table["finess"])
    return table.drop_duplicates()


def attach_teams(units: pd.DataFrame, mapping: pd.DataFrame) -> pd.DataFrame:
    """One row per mapped site and team.

    ``units`` has columns ``row``, ``finess`` (legal entity), ``finess_geo`` (site) and
    ``name``; ``mapping`` is from :func:`mapping_table`. A key is matched to
    ``finess_geo`` first, then to the legal ``finess`` when that entity has exactly one site
    in ``units``; a legal FINESS with several sites raises ``ValueError``. Sites without a
    team are left out.
    """
    by_site = mapping.merge(
        units, left_on="finess", right_on="finess_geo", how="inner", suffixes=("_key", "")
    )
    rest = mapping[~mapping["finess"].isin(units["finess_geo"])]
    sites = units.groupby("finess")["finess_geo"].nunique()
    ambiguous = rest[rest["finess"].map(sites).fillna(0) > 1]
    if len(ambiguous):
        key = ambiguous["finess"].iloc[0]
        geo = sorted(units.loc[units["finess"] == key, "finess_geo"])
        raise ValueError(
            f"FINESS {key!r} is a legal entity with {len(geo)} sites in the file "
            f"({', '.join(geo)}): map each team to its site's finess_geo."
        )
    by_legal = rest.merge(units, on="finess", how="inner")
    cols = ["row", "finess", "finess_geo", "name", "team_id"]
    by_site = by_site.drop(columns="finess_key") if "finess_key" in by_site else by_site
    return pd.concat([by_site[cols], by_legal[cols]], ignore_index=True)
