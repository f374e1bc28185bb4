"""Helpers the cross-table rules share: flag the rows where a rule holds, look a code up
in a catalogue, and name the allowed code a refused one is a typo of.

Used by :mod:`impact.data.loading` (keys, scales, kinds), :mod:`impact.data.validation`
(coded columns) and :mod:`impact.data.steering_checks` (roadmap, activity, questionnaires).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

import numpy as np
import pandas as pd
from rapidfuzz import fuzz

from impact.data.problems import ProblemLog, as_text
from impact.data.reading import RawTable

__all__ = ["TYPO_SCORE", "closest_code", "flag", "fold", "keyed", "lookup"]

#: Similarity (RapidFuzz ``fuzz.ratio``, 0–100, on lower-case text) from which a refused
#: code is taken for a typo of an allowed one (« avnt » → « avant » scores 89, « pendant »
#: → « avant » 50, « co-gestion » → « co-construction » 64: no suggestion).
TYPO_SCORE = 75


def closest_code(
    value: str, allowed: Iterable[str], *, threshold: float = TYPO_SCORE
) -> str | None:
    """The allowed code ``value`` is a typo of: the single best match (lower case) scoring
    ``threshold`` or more, else ``None``.

    Examples
    --------
    >>> closest_code("info_sortei", ["dms", "info_sortie"])
    'info_sortie'
    >>> closest_code("pendant", ["avant", "après"]) is None
    True
    """
    allowed = list(allowed)
    scores = [fuzz.ratio(value.strip().lower(), code.lower()) for code in allowed]
    best = max(scores, default=0)
    if best < threshold or scores.count(best) > 1:
        return None
    return allowed[scores.index(best)]


def fold(text: str) -> str:
    """``text`` without case or accents: ``Après`` → ``apres``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def flag(
    log: ProblemLog,
    rule: str,
    src: RawTable,
    frame: pd.DataFrame,
    mask: pd.Series,
    column: str,
    values: pd.Series | None = None,
    severity: str = "error",
    **fields: object,
) -> None:
    """Record ``rule`` for the rows of ``frame`` (read from ``src``) where ``mask`` holds.

    The value shown is the cell as typed in the file unless ``values`` says otherwise;
    cells that already failed their type check are not reported again. A field given as
    a Series (aligned with ``frame``) fills the message row by row.
    """
    mask = np.array(mask.fillna(False), dtype=bool)
    invalid = src.invalid.get(column)
    if invalid is not None:
        mask &= ~pd.Series(invalid, index=src.frame.index).loc[frame.index].to_numpy()
    if not mask.any():
        return
    rows = frame.index[mask]
    if values is None:
        values = src.text(column).loc[frame.index] if column in src.frame.columns else frame[column]
    extra = {
        k: (list(as_text(v)[mask]) if isinstance(v, pd.Series) else v) for k, v in fields.items()
    }
    log.add(
        rule,
        table=src.name,
        file=src.file,
        rows=rows,
        column=column,
        values=as_text(values)[mask].tolist(),
        severity=severity,
        **extra,
    )


def lookup(col: pd.Series, mapping: pd.Series) -> pd.Series:
    """``col.map(mapping)``, computed once per category of a categorical column."""
    if not isinstance(col.dtype, pd.CategoricalDtype):
        return col.map(mapping)
    if len(mapping) == 0 or len(col.cat.categories) == 0:
        return pd.Series(index=col.index, dtype=mapping.dtype)
    codes = col.cat.codes.to_numpy()
    mapped = pd.Series(col.cat.categories).map(mapping)
    result = mapped.take(np.maximum(codes, 0)).set_axis(col.index)
    return result.where(codes >= 0)


def keyed(catalogue: pd.DataFrame, key: str) -> pd.DataFrame:
    """A catalogue indexed by ``key``, first row of each key only: a repeated key is
    already reported (``duplicate-key``) and must not stop the other checks."""
    return catalogue.loc[~catalogue[key].duplicated(keep="first")].set_index(key)
