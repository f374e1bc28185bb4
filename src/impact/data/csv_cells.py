"""CSV text that a spreadsheet opens as data, never as formulas.

A spreadsheet (Excel, LibreOffice Calc) reads a CSV cell that starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return as a formula, so a team name such as
``=HYPERLINK("http://…")`` typed into the data would run in the analyst's spreadsheet.
Every CSV the package writes for people (results files, ``--problems``) goes through
:func:`csv_text`, which applies the OWASP rule (OWASP, "CSV Injection",
https://owasp.org/www-community/attacks/CSV_Injection): such a text cell is prefixed with a
single quote ``'`` so it shows as text.

Only text cells are changed. Numbers stay numbers: a float column holding ``-0.4`` is
written ``-0.4`` (a spreadsheet reads it as the number −0.4, which runs nothing); dates,
booleans and missing values are written as pandas writes them.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["FORMULA_STARTS", "csv_text", "neutralise_cell", "neutralise_formulas"]

#: First characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: object) -> object:
    """Prefix a text that a spreadsheet would read as a formula with ``'``.

    Anything that is not a ``str`` (numbers, dates, missing values) is returned as it is.

    Examples
    --------
    >>> neutralise_cell("=1+1"), neutralise_cell("-2+3"), neutralise_cell(-0.4)
    ("'=1+1", "'-2+3", -0.4)
    >>> neutralise_cell("Équipe A")
    'Équipe A'
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _is_text(column: pd.Series) -> bool:
    """True for a column that may hold text: object, string or categorical dtype."""
    return column.dtype == object or isinstance(column.dtype, (pd.StringDtype, pd.CategoricalDtype))


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``frame`` whose text cells and column names cannot run as formulas.

    Every ``str`` cell of an object, string or categorical column, and every ``str`` column
    name, goes through :func:`neutralise_cell`; numeric, boolean and date columns are kept
    as they are (a negative number is not text and stays a number).

    Parameters
    ----------
    frame : pandas.DataFrame
        The table to write.

    Returns
    -------
    pandas.DataFrame
        The same table (same index and dtypes for the columns not holding text); the text
        columns have object dtype.

    Examples
    --------
    >>> table = pd.DataFrame({"team": ["=cmd", "T01"], "estimate": [-0.4, 1.0]})
    >>> neutralise_formulas(table).to_dict("list")
    {'team': ["'=cmd", 'T01'], 'estimate': [-0.4, 1.0]}
    """
    out = frame.copy()
    for position in range(out.shape[1]):
        column = out.iloc[:, position]
        if _is_text(column):
            out.isetitem(position, column.astype(object).map(neutralise_cell))
    out.columns = [neutralise_cell(name) for name in out.columns]
    return out


def csv_text(frame: pd.DataFrame, *, sep: str = ",", date_format: str = "%Y-%m-%d") -> str:
    r"""Return ``frame`` as CSV text (no index), text cells neutralised against formulas.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table.
    sep : str, default ","
        Field separator (``";"`` for a file French Excel opens directly).
    date_format : str, default "%Y-%m-%d"
        Format of date columns.

    Returns
    -------
    str
        The CSV text, with a header row; see :func:`neutralise_formulas`. Lines end with
        CR LF (RFC 4180), so a cell holding a carriage return is quoted: a bare one would
        start a new row in a spreadsheet, and that row's first cell could be a formula.

    Examples
    --------
    >>> csv_text(pd.DataFrame({"name": ["@SUM(A1)", "\rx"], "x": [-2, 3]}))
    'name,x\r\n\'@SUM(A1),-2\r\n"\'\rx",3\r\n'
    """
    table = neutralise_formulas(frame)
    return table.to_csv(index=False, sep=sep, date_format=date_format, lineterminator="\r\n")
