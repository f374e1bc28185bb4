"""The data problems of ``impact validate --problems FILE.csv``, as a file French Excel opens.

UTF-8 with a byte-order mark (Excel reads accents right), ``;`` between fields (Excel in a
French locale splits on it), column headers and severities in the run's language; messages
are already in it. Text cells that a spreadsheet would read as formulas are neutralised
(:func:`impact.data.csv_cells.csv_text`).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from impact.data.csv_cells import csv_text
from impact.errors import PROBLEM_COLUMNS
from impact.report.labels import LANGUAGES, t

__all__ = ["problems_csv", "write_problems_csv"]

#: Field separator of the file (French Excel's list separator).
SEPARATOR = ";"


def problems_csv(problems: pd.DataFrame, *, lang: str = "fr") -> str:
    r"""Return the problems table as CSV text with headers and severities in ``lang``.

    Parameters
    ----------
    problems : pandas.DataFrame
        Columns :data:`impact.errors.PROBLEM_COLUMNS` (``severity`` is ``"error"`` or
        ``"warning"``), as :func:`impact.data.loading.read_programme` returns them.
    lang : {"fr", "en"}
        Language of the headers and of the severities.

    Returns
    -------
    str
        ``;``-separated CSV text, one row per problem (no byte-order mark: see
        :func:`write_problems_csv`).

    Examples
    --------
    >>> frame = pd.DataFrame([["error", "teams", "teams.csv", 2, "name", "=1+1",
    ...                        "required", "valeur obligatoire"]], columns=PROBLEM_COLUMNS)
    >>> print(problems_csv(frame).replace("\r\n", "\n"), end="")
    gravité;table;fichier;ligne;colonne;valeur;règle;message
    erreur;teams;teams.csv;2;name;'=1+1;required;valeur obligatoire
    """
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {LANGUAGES}. Got {lang!r}.")
    severity = {code: t(f"problems.severity.{code}", lang) for code in ("error", "warning")}
    table = problems[PROBLEM_COLUMNS].assign(
        severity=problems["severity"].map(lambda code: severity.get(code, code))
    )
    table.columns = [t(f"problems.col.{name}", lang) for name in PROBLEM_COLUMNS]
    return csv_text(table, sep=SEPARATOR)


def write_problems_csv(problems: pd.DataFrame, path: str | Path, lang: str = "fr") -> Path:
    """Write :func:`problems_csv` to ``path`` in UTF-8 with a byte-order mark.

    Returns
    -------
    pathlib.Path
        The file written.
    """
    path = Path(path)
    path.write_bytes(problems_csv(problems, lang=lang).encode("utf-8-sig"))
    return path
