"""The themes and tones a run uses: the reviewed ones where a comment was reviewed, the
rules' or the supervised model's elsewhere, the method chosen by measured accuracy.

Reviews (table ``comment_reviews``, from the review sheet) are authoritative for the
comments they cover. For the other comments, the supervised method of
:mod:`impact.text.supervised` is used only when it does better than the rules on the
user's own reviewed comments: its macro-F1 by 5-fold cross-validation on them (comments
split at random with a fixed seed, trained on four folds, measured on the fifth) is
compared with the macro-F1 of the rules on the same comments. With fewer than
:data:`MIN_REVIEWED` reviewed comments the rules are used (five folds of a handful of
comments measure nothing).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.model_selection import KFold

from .measure import macro_f1, theme_scores
from .supervised import train
from .themes import TONES, themes

__all__ = ["MIN_REVIEWED", "Classification", "classify", "review_labels"]

#: Fewest reviewed comments for the supervised method to be considered.
MIN_REVIEWED = 50
_FOLDS = 5
#: The contract writes tones in French; the engine's codes are without accents.
_TONE_CODES = {"positif": "positif", "négatif": "negatif", "negatif": "negatif", "mixte": "mixte"}


@dataclass(frozen=True)
class Classification:
    """Themes and tones of a run's comments and how they were obtained.

    Attributes
    ----------
    labels : pandas.DataFrame
        One row per comment × theme: ``comment``, ``theme``, ``tone`` (``positif``,
        ``negatif``, ``mixte``), ``method`` (``relecture``, ``règles``, ``supervisé``).
    method : str
        The method used for the comments not reviewed: ``règles`` or ``supervisé``.
    n_reviewed : int
        Comments reviewed.
    rules_f1, supervised_f1 : float
        Macro-F1 on the reviewed comments of the rules, and of the supervised method by
        cross-validation (NaN when not measured).
    """

    labels: pd.DataFrame
    method: str
    n_reviewed: int
    rules_f1: float
    supervised_f1: float


def review_labels(reviews: pd.DataFrame) -> pd.DataFrame:
    """The reviews as labels: ``comment``, ``theme``, ``tone`` (engine codes), without the
    rows of comments reviewed as having no theme.

    Examples
    --------
    >>> review_labels(pd.DataFrame({"comment": ["a", "b"], "theme": ["repas", None],
    ...                             "tone": ["négatif", None]}))
      comment  theme     tone
    0       a  repas  negatif
    """
    kept = reviews.loc[reviews["theme"].notna() & (reviews["theme"].astype(str) != "")]
    tones = kept["tone"].map(_TONE_CODES)
    if tones.isna().any():
        bad = sorted(set(kept.loc[tones.isna(), "tone"].astype(str)))
        raise ValueError(f"Tones are {sorted(_TONE_CODES)}. Got {bad}.")
    labels = pd.DataFrame(
        {"comment": kept["comment"], "theme": kept["theme"].astype(str), "tone": tones}
    )
    return labels.reset_index(drop=True)


def classify(
    texts: pd.Series,
    reviews: pd.DataFrame | None = None,
    *,
    catalogue: pd.DataFrame | None = None,
    polarity: pd.DataFrame | None = None,
    n_process: int = 1,
) -> Classification:
    """Themes and tones of masked comments, reviews first.

    Parameters
    ----------
    texts
        Masked comments, indexed by comment identifier.
    reviews
        ``comment``, ``theme`` (empty: reviewed, no theme), ``tone`` (``positif``,
        ``négatif``, ``mixte``); reviews of comments not in ``texts`` are ignored.
    catalogue, polarity
        Theme catalogue and polarity lexicon (the defaults when ``None``).
    n_process
        Worker processes for the rules.

    Returns
    -------
    Classification
    """
    if reviews is None or reviews.empty:
        reviews = pd.DataFrame(columns=["comment", "theme", "tone"])
    reviews = reviews.loc[reviews["comment"].isin(texts.index)]
    reviewed = pd.Index(pd.unique(reviews["comment"]))
    gold = review_labels(reviews)
    predicted = themes(texts, catalogue, polarity=polarity, n_process=n_process)
    rules_f1 = supervised_f1 = float("nan")
    method = "règles"
    if len(reviewed) >= MIN_REVIEWED and gold["theme"].nunique() >= 2:
        on_reviewed = predicted.loc[predicted["comment"].isin(reviewed)]
        rules_f1 = macro_f1(theme_scores(gold, on_reviewed))
        supervised_f1 = _cross_validated_f1(texts.loc[reviewed], gold, catalogue)
        if supervised_f1 > rules_f1:
            method = "supervisé"
            model = train(texts.loc[reviewed], gold, catalogue=catalogue)
            predicted = model.predict(texts.loc[~texts.index.isin(reviewed)])
    others = predicted.loc[~predicted["comment"].isin(reviewed), ["comment", "theme", "tone"]]
    labels = pd.concat(
        [gold.assign(method="relecture"), others.assign(method=method)], ignore_index=True
    )
    labels = labels.astype({"theme": str, "tone": str, "method": str})
    if not set(labels["tone"]) <= set(TONES):
        raise ValueError(f"Unexpected tones {sorted(set(labels['tone']) - set(TONES))}.")
    return Classification(labels, method, len(reviewed), rules_f1, supervised_f1)


def _cross_validated_f1(
    texts: pd.Series, gold: pd.DataFrame, catalogue: pd.DataFrame | None
) -> float:
    """Macro-F1 of the supervised method over the five held-out folds pooled."""
    folds = KFold(_FOLDS, shuffle=True, random_state=0)
    found = []
    for fit, held in folds.split(np.arange(len(texts))):
        train_texts = texts.iloc[fit]
        train_gold = gold.loc[gold["comment"].isin(train_texts.index)]
        if train_gold["theme"].nunique() < 1:
            continue
        model = train(train_texts, train_gold, catalogue=catalogue)
        found.append(model.predict(texts.iloc[held]))
    predicted = pd.concat(found, ignore_index=True) if found else gold.iloc[0:0]
    return macro_f1(theme_scores(gold, predicted))
