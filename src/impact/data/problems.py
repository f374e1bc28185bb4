"""Collect data problems as rows of one DataFrame, with messages in the chosen language."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from impact.data.messages import t
from impact.errors import PROBLEM_COLUMNS

__all__ = ["ProblemLog", "as_text", "compact_rows", "count_text", "group_problems"]


def as_text(values: pd.Series | pd.Index) -> pd.Series:
    """Values as a person would have typed them: ``60`` rather than ``60.0``, "" if missing."""
    series = pd.Series(values)
    if series.dtype.kind == "f":
        whole = series.notna() & (series == series.round())
        text = series.astype(object).astype(str)
        text[whole] = series[whole].astype("int64").astype(str)
        return text.where(series.notna(), "")
    return series.astype(object).where(series.notna(), "").astype(str)


class ProblemLog:
    """Accumulates problems found while reading and validating a programme.

    Parameters
    ----------
    lang : {"fr", "en"}
        Language of the messages.
    """

    def __init__(self, lang: str = "fr"):
        t("validate.error", lang)  # fail early on an unknown language
        self.lang = lang
        self._parts: list[pd.DataFrame] = []

    def add(
        self,
        rule: str,
        *,
        table: str,
        file: str,
        rows: Sequence[int] | np.ndarray | None = None,
        column: str | None = None,
        values: Sequence[object] | None = None,
        severity: str = "error",
        **fields: object,
    ) -> None:
        """Record one problem per row (or one for the whole file when ``rows`` is None).

        ``values`` gives the raw cell text for each row; ``fields`` fill the message's
        other placeholders: a scalar is shared by all rows, a sequence gives one per row.
        """
        n = 1 if rows is None else len(rows)
        if n == 0:
            return
        row_col = pd.array([pd.NA] * n if rows is None else np.asarray(rows), dtype="Int64")
        vals = [pd.NA] * n if values is None else ["" if pd.isna(v) else str(v) for v in values]
        per_row = {k: v for k, v in fields.items() if isinstance(v, (list, np.ndarray, pd.Series))}
        shared = {k: v for k, v in fields.items() if k not in per_row}
        shared.setdefault("column", column)
        shared.setdefault("table", table)
        template = t(f"rule.{rule}", self.lang)
        messages = [
            template.format(value=vals[i], **shared, **{k: v[i] for k, v in per_row.items()})
            for i in range(n)
        ]
        self._parts.append(
            pd.DataFrame(
                {
                    "severity": severity,
                    "table": table,
                    "file": file,
                    "row": row_col,
                    "column": column if column is not None else pd.NA,
                    "value": vals,
                    "rule": rule,
                    "message": messages,
                }
            )
        )

    def frame(self) -> pd.DataFrame:
        """All problems so far: errors first, whole-file and header problems before cell
        problems, then by table (in the order they were read) and row."""
        if not self._parts:
            return pd.DataFrame(
                {c: pd.Series(dtype="Int64" if c == "row" else object) for c in PROBLEM_COLUMNS}
            )
        out = pd.concat(self._parts, ignore_index=True)[PROBLEM_COLUMNS]
        keys = pd.DataFrame(
            {
                "severity": out["severity"].map({"error": 0, "warning": 1}),
                "level": np.where(
                    out["row"].isna(), 0, np.where(out["row"].fillna(0).to_numpy() == 1, 1, 2)
                ),
                "table": pd.factorize(out["table"])[0],
                "row": out["row"].fillna(0),
            }
        )
        order = keys.sort_values(list(keys.columns), kind="stable").index
        return out.loc[order].reset_index(drop=True)

    @property
    def has_errors(self) -> bool:
        """Whether any problem of severity "error" was recorded."""
        return any((p["severity"] == "error").any() for p in self._parts)


#: Columns of :func:`group_problems`'s frame.
GROUP_COLUMNS = ["severity", "table", "file", "column", "rule", "value", "n", "rows", "message"]
_KEY = ["severity", "table", "file", "column", "rule", "value", "message"]
_CAUSE = ["severity", "table", "file", "column", "rule"]


def count_text(n: int, lang: str = "fr") -> str:
    """A whole number with its thousands marked: ``8\u202f035`` in French (narrow no-break
    space, as the reports write it), ``8,035`` in English.

    Examples
    --------
    >>> count_text(8035, "en")
    '8,035'
    """
    return f"{n:,}".replace(",", "\u202f" if lang == "fr" else ",")


def compact_rows(rows: Iterable[int], lang: str = "fr", *, runs: int = 5) -> str:
    """Spreadsheet rows as a short list: three or more consecutive rows as a range, at
    most ``runs`` pieces (a single row, two neighbours or a range), then "…".

    Examples
    --------
    >>> compact_rows([2, 5, 6, 9, 10, 11, 12])
    '2, 5, 6, 9 à 12'
    >>> compact_rows(range(2, 8037), "en")
    '2 to 8,036'
    >>> compact_rows([2, 4, 6, 8], runs=2)
    '2, 4 …'
    """
    ordered = np.unique(np.fromiter((int(r) for r in rows), dtype=np.int64))
    if not len(ordered):
        return ""
    breaks = np.flatnonzero(np.diff(ordered) != 1) + 1
    starts = ordered[np.r_[0, breaks]]
    ends = ordered[np.r_[breaks - 1, len(ordered) - 1]]
    pieces = []
    for a, b in zip(starts[:runs], ends[:runs], strict=True):
        first, last = count_text(a, lang), count_text(b, lang)
        if a == b:
            pieces.append(first)
        elif b == a + 1:
            pieces.append(f"{first}, {last}")
        else:
            pieces.append(t("validate.range", lang, start=first, end=last))
    text = ", ".join(pieces)
    return f"{text} …" if len(starts) > runs else text


def group_problems(problems: pd.DataFrame, lang: str = "fr", *, per_cause: int = 3) -> pd.DataFrame:
    """One line per distinct problem: same table, file, column, rule, value and message.

    Each line counts its rows (``n``) and lists them compactly (``rows``, see
    :func:`compact_rows`). A cause (table, column, rule) with more than ``per_cause``
    distinct values keeps its first ``per_cause`` and sums up the others in one line, so
    that every cause shows on the first screen. Causes come in the order they first
    appear in ``problems`` (errors first), each cause's lines together.

    Parameters
    ----------
    problems : pandas.DataFrame
        As from :meth:`ProblemLog.frame`.
    lang : {"fr", "en"}
        Language of the summary lines.
    per_cause : int
        Distinct values shown per cause.

    Returns
    -------
    pandas.DataFrame
        Columns ``severity, table, file, column, rule, value, n, rows, message``; ``rows``
        is "" for a problem with a whole file.
    """
    if problems.empty:
        return pd.DataFrame(columns=GROUP_COLUMNS)
    keys = problems[_KEY].astype(object).fillna("\x00")
    group = keys.groupby(_KEY, sort=False).ngroup().to_numpy()
    cause = keys.groupby(_CAUSE, sort=False).ngroup().to_numpy()
    lines = []
    for c in np.unique(cause):
        groups = np.unique(group[cause == c])
        for g in groups[:per_cause]:
            lines.append(_line(problems, group == g, lang))
        if len(groups) > per_cause:
            line = _line(problems, np.isin(group, groups[per_cause:]), lang)
            rest = count_text(len(groups) - per_cause, lang)
            line.update(value=pd.NA, message=t("validate.more-values", lang, n=rest))
            lines.append(line)
    return pd.DataFrame(lines, columns=GROUP_COLUMNS)


def _line(problems: pd.DataFrame, mine: np.ndarray, lang: str) -> dict[str, object]:
    """One grouped line: the first chosen problem's fields, the count and rows of all."""
    head = problems.iloc[int(np.flatnonzero(mine)[0])]
    line = {c: head[c] for c in ("severity", "table", "file", "column", "rule", "value")}
    line["n"] = int(mine.sum())
    line["rows"] = compact_rows(problems["row"][mine].dropna(), lang)
    line["message"] = head["message"]
    return line
