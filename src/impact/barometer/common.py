"""Shared constants and small helpers of the barometer modules (role groups, argument
checks, the order of rows in their tables)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

__all__ = [
    "DEFAULT_WAVES",
    "GLOBAL",
    "JOINT",
    "JOINT_ASSESSMENT",
    "PATIENT_SIDE",
    "PROFESSIONALS",
    "ROLE_GROUPS",
    "SELF",
    "check_waves",
    "first_rows",
    "pair_label",
    "sort_waves",
    "team_waves",
    "wave_pairs",
    "item_values",
    "require",
    "sort_table",
]

#: Role group codes.
PROFESSIONALS, PATIENT_SIDE, JOINT = "professionals", "patient_side", "joint"
#: Role (schema value) → role group.
ROLE_GROUPS = {
    "professionnel": PROFESSIONALS,
    "patient": PATIENT_SIDE,
    "proche-aidant": PATIENT_SIDE,
    "représentant des usagers": PATIENT_SIDE,
}
#: Dimension code of the score over all items.
GLOBAL = "global"
#: Assessment codes of the schema.
SELF, JOINT_ASSESSMENT = "auto", "conjointe"

#: The waves a change compares when a team has fewer than two (its rows give the reason).
DEFAULT_WAVES = ("T0", "T1")

_GROUP_ORDER = {PROFESSIONALS: 0, PATIENT_SIDE: 1, JOINT: 2, "all": 3}


def require(frame: pd.DataFrame, columns, name: str) -> None:
    """Raise ValueError naming the columns of ``columns`` absent from ``frame``."""
    if not isinstance(frame, pd.DataFrame):
        raise ValueError(f"{name} must be a pandas DataFrame. Got {type(frame).__name__}.")
    missing = [c for c in dict.fromkeys(columns) if c not in frame.columns]
    if missing:
        raise ValueError(f"{name} lacks column(s) {missing}. Got {list(frame.columns)}.")


def check_waves(waves, size: int | None = None) -> tuple[str, ...]:
    """``waves`` as a tuple of distinct strings (of length ``size`` when given)."""
    if isinstance(waves, str) or not all(isinstance(w, str) for w in waves):
        raise ValueError(
            f"waves must be a tuple of wave names such as ('T0', 'T1'). Got {waves!r}."
        )
    out = tuple(waves)
    if len(set(out)) != len(out) or not out or (size is not None and len(out) != size):
        need = f"{size} distinct" if size else "distinct"
        raise ValueError(f"waves must hold {need} wave names. Got {waves!r}.")
    return out


def first_rows(key: np.ndarray, n_keys: int) -> np.ndarray:
    """Row index of the first occurrence of each key ``0 … n_keys − 1`` (all present)."""
    if n_keys == 0:
        return np.zeros(0, dtype=np.intp)
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    starts = np.flatnonzero(np.r_[True, sorted_key[1:] != sorted_key[:-1]])
    return order[starts]


def _wave_number(wave: object) -> float:
    match = re.fullmatch(r"T(\d+)", str(wave))
    return float(match.group(1)) if match else np.inf


def sort_waves(waves) -> tuple[str, ...]:
    """Distinct wave names in time order: ``T0``, ``T1``, ``T2``… by number, other names
    after them, as text.

    Examples
    --------
    >>> sort_waves(["T10", "T2", "T0", "T2"])
    ('T0', 'T2', 'T10')
    """
    names = dict.fromkeys(str(w) for w in waves)
    return tuple(sorted(names, key=lambda w: (_wave_number(w), w)))


def wave_pairs(waves) -> list[tuple[str, str]]:
    """The comparisons of a survey run at ``waves`` (in time order): each wave with the
    next one, then the first with the last when there are three waves or more.

    Examples
    --------
    >>> wave_pairs(("T0", "T1", "T2"))
    [('T0', 'T1'), ('T1', 'T2'), ('T0', 'T2')]
    >>> wave_pairs(("T0", "T1"))
    [('T0', 'T1')]
    """
    w = check_waves(waves)
    pairs = list(zip(w[:-1], w[1:], strict=True))
    if len(w) > 2:
        pairs.append((w[0], w[-1]))
    return pairs


def pair_label(before: object, after: object) -> str:
    """The name of a comparison of two waves, e.g. ``"T0 → T1"`` (the same in every
    language)."""
    return f"{before} → {after}"


def team_waves(scores: pd.DataFrame, waves=None) -> dict[tuple[str, ...], list[str]]:
    """The teams of ``scores`` grouped by the waves their changes compare.

    With ``waves`` given, every team compares those; by default each team compares the
    waves it has (:func:`sort_waves`), and a team with fewer than two waves
    :data:`DEFAULT_WAVES` (its rows then say which wave is missing).

    Returns
    -------
    dict
        Waves (a tuple in time order) → team ids, in order of first appearance.
    """
    require(scores, ("team_id", "wave"), "scores")
    present = scores.groupby("team_id", sort=True)["wave"].unique()
    out: dict[tuple[str, ...], list[str]] = {}
    for team, found in present.items():
        own = check_waves(waves) if waves is not None else sort_waves(found)
        out.setdefault(own if len(own) >= 2 else DEFAULT_WAVES, []).append(team)
    return out


def sort_table(table: pd.DataFrame, columns: list[str],
               reference: pd.DataFrame | None = None) -> pd.DataFrame:  # fmt: skip
    """Rows sorted by ``columns``: dimensions in the order they appear in ``reference``
    (catalogue order, then global), waves by number, role groups professionals first,
    other columns as text. The sort is stable, so rows of a group keep their order."""
    keys = []
    dim_order = {}
    if reference is not None and "dimension" in reference.columns:
        dim_order = {d: i for i, d in enumerate(pd.unique(reference["dimension"]))}
    for col in columns:
        if col not in table.columns:
            continue
        values = table[col]
        text = pd.factorize(values.astype(str), sort=True)[0]
        if col == "dimension":
            keys.append(values.map(dim_order).astype(float).fillna(np.inf).to_numpy())
        elif col in ("wave", "wave_before"):
            keys.append(values.map(_wave_number).to_numpy(dtype=float))
        elif col == "role_group":
            keys.append(values.map(_GROUP_ORDER).astype(float).fillna(9).to_numpy())
        keys.append(text)
    if not keys:
        return table.reset_index(drop=True)
    order = np.lexsort([*reversed(keys)]) if len(table) else np.arange(0)
    return table.iloc[order].reset_index(drop=True)


_RESPONSE_COLUMNS = ("team_id", "wave", "respondent", "role", "assessment", "item", "score")
_ITEM_COLUMNS = ("item", "dimension", "scale_min", "scale_max", "reverse")


def item_values(responses: pd.DataFrame, items: pd.DataFrame) -> dict[str, np.ndarray]:
    """Each answer's item index, dimension index and score in the favourable direction.

    Reverse-coded items are flipped: ``scale_min + scale_max − score``.

    Returns
    -------
    dict
        ``code`` (item row in ``items``), ``dim`` (dimension index, catalogue order),
        ``dims`` (dimension codes), ``x`` (score, NaN if unanswered), ``low``, ``high``
        (the item's scale).
    """
    require(responses, _RESPONSE_COLUMNS, "responses")
    require(items, _ITEM_COLUMNS, "items")
    cat = items.reset_index(drop=True)
    dims = list(dict.fromkeys(cat["dimension"].astype(str)))
    if GLOBAL in dims:
        raise ValueError(f"'{GLOBAL}' is reserved for the global score; rename that dimension.")
    code = pd.Index(cat["item"].astype(str)).get_indexer(responses["item"].astype(str))
    if (code < 0).any():
        unknown = sorted(set(responses["item"].astype(str)[code < 0]))
        raise ValueError(f"responses have items missing from the catalogue: {unknown[:10]}.")
    low = pd.to_numeric(cat["scale_min"]).to_numpy(dtype=float)
    high = pd.to_numeric(cat["scale_max"]).to_numpy(dtype=float)
    if np.isnan(low).any() or np.isnan(high).any() or (high <= low).any():
        raise ValueError("Every item needs scale_min < scale_max.")
    reverse = cat["reverse"].astype("boolean").fillna(False).to_numpy(dtype=bool)
    x = pd.to_numeric(responses["score"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    lo, hi = low[code], high[code]
    x = np.where(reverse[code], lo + hi - x, x)
    dim = pd.Index(dims).get_indexer(cat["dimension"].astype(str))[code]
    return {
        "code": code,
        "dim": dim,
        "dims": np.array(dims, dtype=object),
        "x": x,
        "low": lo,
        "high": hi,
        "n_items": np.bincount(
            pd.Index(dims).get_indexer(cat["dimension"].astype(str)), minlength=len(dims)
        ),
    }
