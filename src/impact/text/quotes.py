"""A few short example quotes per theme, chosen by a stated rule, never at random.

The report illustrates each theme with patients' own words. Which comments are shown must
not depend on the analyst's taste nor on chance, so :func:`example_quotes` applies one
deterministic rule, written out in its docstring, to the masked texts.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .change import PERIODS
from .themes import TONES

__all__ = ["QUOTE_TONE_ORDER", "example_quotes"]

#: Order in which tones take turns among a theme's quotes: complaints first (they say what
#: to improve), then praise, then mixed comments.
QUOTE_TONE_ORDER = ("negatif", "positif", "mixte")


def _normalise(text: object) -> str:
    """The text on one line: runs of white space (line breaks too) become one space."""
    return " ".join(str(text).split()) if isinstance(text, str) else ""


def example_quotes(
    texts: pd.Series,
    labels: pd.DataFrame,
    comments: pd.DataFrame,
    *,
    by: Sequence[str] = ("team_id",),
    per_theme: int = 2,
    max_chars: int = 200,
    min_chars: int = 30,
) -> pd.DataFrame:
    """Up to ``per_theme`` example quotes per group × theme × period, by a fixed rule.

    The rule, applied separately to every group (``by``) × theme × period:

    1. **Candidates**: the comments of the group and period that touch the theme (a row of
       ``labels``) and whose text, on one line (runs of white space replaced by one
       space, ends stripped), has between ``min_chars`` and ``max_chars`` characters,
       both included. Comments without a text are not candidates.
    2. **Order within a tone**: the candidates of each tone of the theme are ranked by
       (a) touching only this theme first (a quote about one theme illustrates it
       best), then (b) shortest text first, then (c) comment id (compared as text).
    3. **Tones take turns**: the first-ranked candidate of each tone present, in the
       order ``negatif``, ``positif``, ``mixte``, then the second-ranked of each, and
       so on, until ``per_theme`` quotes are chosen or the candidates run out.

    No randomness: the same data give the same quotes. The texts must already be masked
    (:func:`impact.text.mask`): nothing is masked here. Nor is any privacy rule applied:
    the caller (the report's privacy pass) removes quotes of groups too small to show.

    Parameters
    ----------
    texts : pandas.Series
        Masked texts indexed by comment id.
    labels : pandas.DataFrame
        One row per comment × theme: ``comment``, ``theme``, ``tone`` (engine codes
        ``positif``, ``negatif``, ``mixte``); rows without a theme are ignored.
    comments : pandas.DataFrame
        ``comment``, ``period`` (``avant`` or ``après``) and the ``by`` columns.
    by : sequence of str, default ("team_id",)
        The group keys (``()``: all comments together).
    per_theme : int, default 2
        Quotes per group × theme × period (at most).
    max_chars, min_chars : int, default 200 and 30
        Length bounds of a quote, in characters of its one-line text.

    Returns
    -------
    pandas.DataFrame
        One row per quote: ``comment``, the ``by`` columns, ``theme``, ``period``,
        ``tone``, ``rank`` (1 for the first chosen), ``text`` (the one-line masked text);
        sorted by group, theme (alphabetical), period (``avant`` then ``après``) and rank.

    Examples
    --------
    >>> texts = pd.Series({"a": "Repas froid tous les soirs, immangeable.",
    ...                    "b": "Les repas étaient bons et variés, merci.",
    ...                    "c": "Repas froid."})
    >>> labels = pd.DataFrame({"comment": ["a", "b", "c"], "theme": "repas",
    ...                        "tone": ["negatif", "positif", "negatif"]})
    >>> comments = pd.DataFrame({"comment": ["a", "b", "c"], "team_id": "T1",
    ...                          "period": "avant"})
    >>> example_quotes(texts, labels, comments)[["comment", "tone", "rank"]]
      comment     tone  rank
    0       a  negatif     1
    1       b  positif     2
    """
    by = list(by)
    if per_theme < 1:
        raise ValueError(f"per_theme must be at least 1. Got {per_theme}.")
    if not 0 <= min_chars <= max_chars:
        raise ValueError(f"Need 0 ≤ min_chars ≤ max_chars. Got {min_chars} and {max_chars}.")
    missing = [c for c in ("comment", "period", *by) if c not in comments.columns]
    missing += [f"labels.{c}" for c in ("comment", "theme", "tone") if c not in labels.columns]
    if missing:
        raise ValueError(f"Missing column(s) {missing}.")
    labels = labels.loc[labels["theme"].notna() & (labels["theme"].astype(str) != "")]
    bad = sorted(set(labels["tone"].astype(str)) - set(TONES))
    if bad:
        raise ValueError(f"Tones are {list(TONES)} (engine codes). Got {bad}.")
    bad = sorted(set(comments["period"].astype(str)) - set(PERIODS))
    if bad:
        raise ValueError(f"Periods are {list(PERIODS)}. Got {bad}.")
    tagged = labels[["comment", "theme", "tone"]].merge(
        comments[["comment", *by, "period"]], on="comment", how="inner"
    )
    tagged["n_themes"] = tagged.groupby("comment")["theme"].transform("nunique")
    one_line = pd.Series(texts, dtype=object).map(_normalise)
    tagged["text"] = tagged["comment"].map(one_line).fillna("")
    tagged["length"] = tagged["text"].str.len()
    tagged = tagged.loc[tagged["length"].between(min_chars, max_chars) & (tagged["length"] > 0)]
    keys = [*by, "theme", "period"]
    tagged = tagged.assign(
        _several=tagged["n_themes"] > 1,
        _id=tagged["comment"].astype(str),
        _tone=tagged["tone"].map({t: i for i, t in enumerate(QUOTE_TONE_ORDER)}),
        _period=tagged["period"].map({p: i for i, p in enumerate(PERIODS)}),
    ).sort_values([*keys, "tone", "_several", "length", "_id"], kind="stable")
    tagged["_turn"] = tagged.groupby([*keys, "tone"], sort=False).cumcount()
    tagged = tagged.sort_values([*by, "theme", "_period", "_turn", "_tone"], kind="stable")
    tagged["rank"] = tagged.groupby(keys, sort=False).cumcount() + 1
    chosen = tagged.loc[tagged["rank"] <= per_theme]
    columns = ["comment", *by, "theme", "period", "tone", "rank", "text"]
    return chosen[columns].reset_index(drop=True)
