"""Published e-Satis results (HAS open data) as indicator values.

The HAS publishes every year, per hospital site, the case-mix adjusted e-Satis scores
(0–100) of the national patient survey, on data.gouv.fr (files such as
``resultats-esatis48h-mco-open-data-2019.csv``; some years as ``.xlsx``). Conventions of
these files, as observed in public re-uses of the 2017, 2019 and 2020 "+48h MCO" files:

- CSV separated by ``;``, decimal comma, Windows-1252 (Latin-1) encoding; XLSX in 2020;
- one row per geographical site: ``finess`` (legal entity), ``rs_finess``,
  ``finess_geo`` (site, unique per row), ``rs_finess_geo``, ``region``,
  ``participation``, ``Depot``, then per score ``nb_rep_score_<dim>_rea_ajust``
  (answers) and ``score_<dim>_rea_ajust`` (adjusted score) for ``all`` (global),
  ``accueil``, ``PECinf``, ``PECmed``, ``chambre``, ``repas``, ``sortie``, the global
  ``classement`` (A–D) and ``evolution``; since 2019 also ``taux_reco_brut`` and
  ``nb_reco_brut``. The ambulatory-surgery files use ``score_<dim>_ajust``;
- no date column: the campaign year is in the file name;
- a score is empty when the site did not reach the publication threshold (30
  questionnaires, HAS) or did not take part.

HAS organises participation by geographical site (finess géographique), so a site is
the unit here. A team is a ward inside a site: its e-Satis series is the site's, a
context indicator rather than a measure of the team's own work.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from impact.prem.esatis_files import attach_teams, finess, mapping_table, read_cells

__all__ = ["ESATIS_CODES", "read_esatis"]

#: Indicator code of each e-Satis score (``score_<dim>_…``); others: ``esatis_<dim>``.
ESATIS_CODES = {"all": "esatis_global"}
_SCORE = re.compile(r"^score_(?P<dim>[a-z0-9]+?)(?:_rea)?_ajust$")
_NAMES = ("rs_finess_geo", "raison_sociale_geo", "raison_sociale", "rs_finess")


def _number(values: pd.Series) -> pd.Series:
    """Decimal-comma or decimal-point text (or numbers) to float; anything else → NaN."""
    text = values.astype(str).str.strip().str.replace("\u00a0", "").str.replace(" ", "")
    return pd.to_numeric(text.str.replace(",", ".", regex=False), errors="coerce")


def read_esatis(
    path: str | Path,
    *,
    year: int | None = None,
    mapping: dict | pd.DataFrame | None = None,
    month: int = 1,
    keep_unpublished: bool = False,
) -> pd.DataFrame:
    """Read a published e-Satis results file into indicator values, one row per score.

    The file's conventions (``;`` or ``,``, decimal comma, UTF-8 or Windows-1252, or XLSX;
    column names matched case-insensitively) are described in the module docstring.
    Every column ``score_<dim>_rea_ajust`` (or ``score_<dim>_ajust``) becomes indicator
    ``esatis_<dim>`` (``esatis_global`` for ``all``, the code of the default indicator
    catalogue; add catalogue rows for the other dimensions), with ``n`` from the matching
    ``nb_rep_…`` column.

    Sites and teams: without ``mapping`` the unit (``team_id``) is the site's
    ``finess_geo`` (or ``finess`` when the file has no site column). With ``mapping``
    (FINESS → team_id; several teams may share a site), a key is matched to
    ``finess_geo`` first, then to the legal ``finess`` when that entity has exactly one
    site in the file; a legal FINESS with several sites is ambiguous and raises
    ``ValueError`` (give the site's ``finess_geo``). Sites without a team are dropped.

    Parameters
    ----------
    path : str or Path
        The CSV or XLSX file.
    year : int, optional
        Campaign year (the files have no date column); default: the only ``20xx`` in the
        file name.
    mapping : dict or DataFrame, optional
        FINESS → team_id (dict values may be lists) or a table with ``finess`` and
        ``team_id``.
    month : int, default 1
        Month of ``period`` (the campaign year's first month by default).
    keep_unpublished : bool, default False
        Keep empty scores (below the publication threshold or no participation) as rows
        with ``value`` NaN and a ``reason``.

    Returns
    -------
    pandas.DataFrame
        The ``indicator_values`` columns (``team_id``, ``indicator``, ``period``,
        ``value``, ``numerator``, ``denominator``, ``sd``, ``n``) plus ``finess``,
        ``finess_geo``, ``name``, ``classement`` (global score only), ``year`` and
        ``reason``.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "resultats-esatis48h-mco-open-data-2019.csv"
    >>> _ = f.write_bytes("finess;finess_geo;nb_rep_score_all_rea_ajust;score_all_rea_ajust\\n"
    ...                   "750000001;750000019;120;73,4\\n".encode("cp1252"))
    >>> r = read_esatis(f)
    >>> r.loc[0, "team_id"], r.loc[0, "indicator"], float(r.loc[0, "value"]), int(r.loc[0, "n"])
    ('750000019', 'esatis_global', 73.4, 120)
    """
    path = Path(path)
    if year is None:
        found = set(re.findall(r"(?<!\d)(20\d\d)(?!\d)", path.name))
        if len(found) != 1:
            raise ValueError(f"year not given and not readable from the file name {path.name!r}.")
        year = int(found.pop())
    if not 1 <= month <= 12:
        raise ValueError(f"month must be between 1 and 12. Got {month!r}.")
    table = read_cells(path)
    table.columns = [str(c).strip() for c in table.columns]
    lower = {c.lower(): c for c in table.columns}
    if "finess" not in lower and "finess_geo" not in lower:
        raise ValueError(
            f"No 'finess' or 'finess_geo' column in {path.name}. Got {list(table.columns)}."
        )
    legal = finess(table[lower["finess"]]) if "finess" in lower else None
    site = finess(table[lower["finess_geo"]]) if "finess_geo" in lower else legal
    legal = site if legal is None else legal
    name_col = next((lower[n] for n in _NAMES if n in lower), None)
    name = table[name_col].astype(str).str.strip() if name_col else pd.Series("", index=table.index)
    scores = {m.group("dim"): c for lc, c in lower.items() if (m := _SCORE.match(lc))}
    if not scores:
        raise ValueError(
            f"No score column (score_<dimension>_rea_ajust) in {path.name}. "
            f"Got {list(table.columns)}."
        )
    units = pd.DataFrame(
        {"row": np.arange(len(table)), "finess": legal, "finess_geo": site, "name": name}
    )
    if mapping is None:
        units["team_id"] = site
    else:
        units = attach_teams(units, mapping_table(mapping))
    classement = (
        table[lower["classement"]].astype(str).str.strip()
        if "classement" in lower
        else pd.Series("", index=table.index)
    )
    frames = []
    for dim, col in scores.items():
        nb = lower.get(f"nb_rep_{col.lower()}")
        n = _number(table[nb]) if nb else pd.Series(np.nan, index=table.index)
        value = _number(table[col])
        part = units.join(
            pd.DataFrame(
                {"value": value, "n": n, "classement": classement if dim == "all" else ""}
            ),
            on="row",
        )
        part["indicator"] = ESATIS_CODES.get(dim, f"esatis_{dim}")
        frames.append(part)
    out = pd.concat(frames, ignore_index=True)
    out["reason"] = np.where(
        out["value"].isna(),
        "not_published",
        "",
    )
    if not keep_unpublished:
        out = out[out["value"].notna()]
    out["period"] = pd.Timestamp(year=year, month=month, day=1)
    out["year"] = year
    for col in ("numerator", "denominator", "sd"):
        out[col] = np.nan
    out["n"] = pd.array(out["n"], dtype="Float64").round().astype("Int64")
    cols = [
        "team_id",
        "indicator",
        "period",
        "value",
        "numerator",
        "denominator",
        "sd",
        "n",
        "finess",
        "finess_geo",
        "name",
        "classement",
        "year",
        "reason",
    ]
    return out[cols].sort_values(["team_id", "indicator"], kind="stable").reset_index(drop=True)
