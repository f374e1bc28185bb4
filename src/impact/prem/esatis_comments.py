"""e-Satis free-text answers (verbatims) as rows of the ``comments`` table.

Establishments download the free-text answers of their e-Satis questionnaires from the
HAS/ATIH platform; the questionnaire ends with open questions (positive points, points to
improve). **No official column specification of these exports is published**, so the
conventions below are assumed, from the names used by the platform's exports and their
re-uses; a file that names its columns otherwise is read with ``columns=``:

- CSV separated by ``;`` or ``,`` (or a tab), UTF-8 or Windows-1252; or an XLSX workbook
  (first sheet);
- one row per questionnaire; column names are compared without case, accents, spaces or
  punctuation (« Date de sortie », ``date_de_sortie`` and ``DATE DE SORTIE`` are one
  name) against the aliases of :data:`COLUMN_ALIASES`: the site's FINESS, the discharge
  date (a day, or a month ``2023-05`` / ``05/2023``), and either a positive and a
  negative comment column or a single comment column.

Each non-empty answer becomes one comment. An empty answer, or one without any letter or
digit (« - », « . »: the export's mark of no answer), is dropped and counted in
``attrs["dropped_empty"]``.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd

from impact.data.rule_helpers import fold
from impact.prem.esatis_files import attach_teams, finess, mapping_table, read_cells

__all__ = ["COLUMN_ALIASES", "QUESTIONS", "read_esatis_comments"]

#: Accepted column names per role, compared without case, accents, spaces or punctuation
#: (first found wins: a site FINESS before a legal one).
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "finess": ("finess géographique", "finess geo", "finess_geo", "finess"),
    "date": ("date de sortie", "date sortie", "date", "mois de sortie", "mois"),
    "positive": ("commentaire positif", "commentaires positifs", "points positifs",
                 "point positif", "verbatim positif", "verbatims positifs"),
    "negative": ("commentaire négatif", "commentaires négatifs", "points à améliorer",
                 "point à améliorer", "verbatim négatif", "verbatims négatifs"),
    "text": ("commentaire", "commentaires", "verbatim", "verbatims"),
}  # fmt: skip
#: The ``question`` of each comment column, and the suffix of its comments' ids.
QUESTIONS = {"positive": ("points positifs", "pos"), "negative": ("points à améliorer", "neg"),
             "text": (None, "txt")}  # fmt: skip
_PERIODS = ("avant", "après")
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M", "%d-%m-%Y",
                 "%Y-%m", "%m/%Y")  # fmt: skip
_COLUMNS = ["comment", "team_id", "period", "source", "respondent", "question", "date", "text"]


def _key(name: str) -> str:
    """A column name without case, accents, spaces or punctuation."""
    return re.sub(r"[^a-z0-9]+", "", fold(str(name)))


def _find_columns(header: list[str], columns: dict[str, str] | None, file: str) -> dict:
    """Role → column of the file, from ``columns`` first, then the aliases."""
    unknown = set(columns or {}) - set(COLUMN_ALIASES)
    if unknown:
        raise ValueError(
            f"columns : rôle(s) inconnu(s) {sorted(unknown)} ; rôles possibles : "
            f"{', '.join(COLUMN_ALIASES)}."
        )
    by_key = {_key(c): c for c in header}
    found = {}
    for role, aliases in COLUMN_ALIASES.items():
        wanted = [columns[role]] if columns and role in columns else aliases
        hit = next((by_key[_key(a)] for a in wanted if _key(a) in by_key), None)
        if hit is None and columns and role in columns:
            raise ValueError(
                f"{file} : pas de colonne « {columns[role]} » (columns['{role}']). "
                f"Colonnes du fichier : {', '.join(header)}."
            )
        if hit is not None:
            found[role] = hit
    if "positive" in found or "negative" in found:
        found.pop("text", None)
    elif "text" not in found:
        accepted = "; ".join(
            f"{role} : {', '.join(COLUMN_ALIASES[role])}"
            for role in ("positive", "negative", "text")
        )
        raise ValueError(
            f"{file} : aucune colonne de commentaires reconnue. Noms acceptés — {accepted} "
            f"(sans tenir compte des majuscules ni des accents) ; sinon nommer la colonne avec "
            f"columns={{'text': '…'}}. Colonnes du fichier : {', '.join(header)}."
        )
    return found


def _dates(text: pd.Series, file: str) -> pd.Series:
    """Days or months (first day) from the formats the exports use; ValueError otherwise."""
    text = text.str.strip()
    out = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    for fmt in _DATE_FORMATS:
        todo = out.isna() & (text != "")
        if not todo.any():
            break
        out[todo] = pd.to_datetime(text[todo], format=fmt, errors="coerce")
    bad = out.isna() & (text != "")
    if bad.any():
        row = int(bad.idxmax()) + 2
        raise ValueError(
            f"{file}, ligne {row} : date illisible « {text[bad].iloc[0]} » (formats lus : "
            "2023-05-10, 10/05/2023, 2023-05, 05/2023)."
        )
    return out.dt.normalize()


def _start_dates(teams: pd.DataFrame | None, start_dates) -> pd.Series | None:
    """team_id → start date, from a teams table or a dict/Series (not both)."""
    if teams is not None and start_dates is not None:
        raise ValueError("donner teams ou start_dates, pas les deux.")
    if teams is not None:
        if not {"team_id", "start_date"} <= set(teams.columns):
            raise ValueError(
                "teams doit avoir les colonnes team_id et start_date (la table des équipes). "
                f"Colonnes reçues : {list(teams.columns)}."
            )
        start_dates = teams.set_index("team_id")["start_date"]
    if start_dates is None:
        return None
    series = pd.Series(start_dates, dtype=object)
    return pd.Series(pd.to_datetime(series.to_numpy()), index=series.index.astype(str))


def _slug(text: str) -> str:
    """``text`` with only the characters a comment id allows (accents dropped, others as
    ``_``), at most 40 of them."""
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", ascii_text).strip("_.-")[:40] or "esatis"


def read_esatis_comments(
    path: str | Path,
    *,
    mapping: dict | pd.DataFrame | None = None,
    team: str | None = None,
    teams: pd.DataFrame | None = None,
    start_dates: dict | pd.Series | None = None,
    period: str | None = None,
    columns: dict[str, str] | None = None,
    prefix: str | None = None,
) -> pd.DataFrame:
    """Read an e-Satis verbatim file into rows of the ``comments`` table.

    The file's assumed conventions (no official specification exists) are in the module
    docstring; a column named otherwise is given by ``columns``, e.g.
    ``columns={"positive": "Ce qui vous a plu", "date": "Sortie"}`` (roles ``finess``,
    ``date``, ``positive``, ``negative``, ``text``).

    Parameters
    ----------
    path : str or Path
        The CSV or XLSX file.
    mapping : dict or DataFrame, optional
        FINESS → team_id (dict values may be lists) or a table with ``finess`` and
        ``team_id``, as for :func:`impact.prem.esatis.read_esatis`; rows of sites without
        a team are dropped (``attrs["dropped_unmapped"]``). Without it (and without
        ``team``), ``team_id`` is the site's FINESS.
    team : str, optional
        The team of every row, for a file of one site (no FINESS column needed).
    teams : DataFrame, optional
        The programme's teams table (``team_id``, ``start_date``): each comment's period
        comes from its date against its team's start date.
    start_dates : dict or Series, optional
        team_id → start date, instead of ``teams``.
    period : {"avant", "après"}, optional
        The period of every comment when no start dates are given, and of the comments of
        a team without start date (a comparison unit) when they are.
    columns : dict, optional
        Role → the file's column name, for columns not named as assumed.
    prefix : str, optional
        Start of the comment ids; default: the file name without extension.

    Returns
    -------
    pandas.DataFrame
        The ``comments`` columns: ``comment`` (``<prefix>-<row>-pos``, ``-neg`` or
        ``-txt``, ``<row>`` being the spreadsheet row, header = 1; ``-<team_id>`` added
        when a site maps to several teams), ``team_id``, ``period``, ``source``
        (« e-Satis »), ``respondent`` (``<prefix>-<row>``: the questionnaire),
        ``question`` (« points positifs », « points à améliorer », or empty for a single
        column), ``date`` and ``text`` (as written, never masked here). ``attrs`` counts
        the answers dropped: ``dropped_empty``, ``dropped_undated`` (no date while the
        period comes from start dates) and ``dropped_unmapped``; ``attrs["columns"]`` says
        which column was read for each role.

    Raises
    ------
    ValueError
        With a French message: no comment column (the accepted names are listed), no
        FINESS column without ``team``, no date column or an unreadable date when the
        period comes from start dates, neither start dates nor ``period``, a team without
        start date and no ``period``.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "verbatims.csv"
    >>> _ = f.write_bytes("FINESS géographique;Date de sortie;Points positifs;Points à améliorer\\n"
    ...                   "750000019;12/05/2023;Équipe très à l'écoute;-\\n".encode("cp1252"))
    >>> c = read_esatis_comments(f, mapping={"750000019": "T01"}, start_dates={"T01": "2023-03-01"})
    >>> c[["comment", "team_id", "period", "question"]].values.tolist()
    [['verbatims-2-pos', 'T01', 'après', 'points positifs']]
    >>> c.attrs["dropped_empty"]
    1
    """
    path = Path(path)
    if period is not None and period not in _PERIODS:
        raise ValueError(f"period doit être « avant » ou « après ». Reçu : {period!r}.")
    if mapping is not None and team is not None:
        raise ValueError("donner mapping ou team, pas les deux.")
    starts = _start_dates(teams, start_dates)
    if starts is None and period is None:
        raise ValueError(
            "la période des commentaires est inconnue : donner teams (ou start_dates) pour la "
            "déduire de la date de chaque commentaire, ou period='avant' / 'après'."
        )
    table = read_cells(path)
    header = [str(c).strip() for c in table.columns]
    table.columns = header
    found = _find_columns(header, columns, path.name)
    if team is None and "finess" not in found:
        raise ValueError(
            f"{path.name} : pas de colonne FINESS (noms acceptés : "
            f"{', '.join(COLUMN_ALIASES['finess'])}) ; donner team='…' pour un fichier d'un "
            "seul site, ou columns={'finess': '…'}."
        )
    if starts is not None and "date" not in found:
        raise ValueError(
            f"{path.name} : pas de colonne de date (noms acceptés : "
            f"{', '.join(COLUMN_ALIASES['date'])}) pour situer les commentaires avant ou après "
            "le début du partenariat ; donner columns={'date': '…'}, ou period sans teams."
        )
    dates = (
        _dates(table[found["date"]].astype(str), path.name)
        if "date" in found
        else pd.Series(pd.NaT, index=table.index, dtype="datetime64[ns]")
    )
    units = _units(table, found, mapping, team)
    attrs = {"columns": found, "dropped_unmapped": int(len(table) - units["row"].nunique())}
    prefix = _slug(path.stem if prefix is None else prefix)
    several = units.groupby("row")["team_id"].transform("size") > 1
    rows = units.assign(
        date=dates.to_numpy()[units["row"]],
        respondent=prefix + "-" + (units["row"] + 2).astype(str),
        suffix=np.where(several, "-" + units["team_id"].map(_slug), ""),
    )
    parts, empty = [], 0
    for role in ("positive", "negative", "text"):
        if role not in found:
            continue
        text = table[found[role]].astype(str).to_numpy()[rows["row"]]
        kept = pd.Series(text, index=rows.index).str.contains(r"[^\W_]", regex=True)
        empty += int((~kept).sum())
        question, code = QUESTIONS[role]
        part = rows.loc[kept].assign(text=np.asarray(text)[kept.to_numpy()], question=question)
        part["comment"] = part["respondent"] + f"-{code}" + part["suffix"]
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    out["source"] = "e-Satis"
    out, attrs["dropped_undated"] = _periods(out, starts, period)
    attrs["dropped_empty"] = empty
    out = out.sort_values("row", kind="stable")[_COLUMNS].reset_index(drop=True)
    out.attrs = attrs
    return out


def _units(
    table: pd.DataFrame, found: dict, mapping: dict | pd.DataFrame | None, team: str | None
) -> pd.DataFrame:
    """(row, team_id) for every row of the file that belongs to a team."""
    rows = np.arange(len(table))
    if team is not None:
        return pd.DataFrame({"row": rows, "team_id": team})
    site = finess(table[found["finess"]])
    if mapping is None:
        return pd.DataFrame({"row": rows, "team_id": site})
    units = pd.DataFrame({"row": rows, "finess": site, "finess_geo": site, "name": ""})
    return attach_teams(units, mapping_table(mapping))[["row", "team_id"]]


def _periods(
    comments: pd.DataFrame, starts: pd.Series | None, period: str | None
) -> tuple[pd.DataFrame, int]:
    """The period of each comment (après from the team's start day); the undated dropped."""
    if starts is None:
        return comments.assign(period=period), 0
    start = comments["team_id"].astype(str).map(starts)
    lacking = sorted(set(comments.loc[start.isna(), "team_id"].astype(str)))
    if lacking and period is None:
        raise ValueError(
            f"équipes sans date de début : {', '.join(lacking)} — ajouter leur date de début "
            "(teams ou start_dates), ou donner period pour leurs commentaires (unités de "
            "comparaison)."
        )
    derived = np.where(comments["date"] >= start, "après", "avant")
    comments = comments.assign(period=np.where(start.isna(), period, derived))
    undated = start.notna() & comments["date"].isna()
    return comments.loc[~undated], int(undated.sum())
