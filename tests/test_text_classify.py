"""impact.text.classify: reviews are authoritative, and the supervised method replaces the
rules only when it measures better on the reviewed comments."""

from __future__ import annotations

import math

import pandas as pd

from impact.text import MIN_REVIEWED, classify, themes

REVIEW_COLUMNS = ["comment", "theme", "tone"]


def _labels(found, comment: str) -> list[tuple[str, str, str]]:
    rows = found.labels.loc[found.labels["comment"] == comment, ["theme", "tone", "method"]]
    return [tuple(r) for r in rows.itertuples(index=False)]


def test_a_review_wins_over_the_rules():
    texts = pd.Series({"a": "Le repas était froid.", "b": "Accueil parfait."})
    # the rules read « repas … froid » as negative about the meals (catalogue and lexicon)
    assert _labels(classify(texts), "a") == [("repas", "negatif", "règles")]
    reviews = pd.DataFrame([["a", "repas", "mixte"], ["a", "accueil", "positif"]],
                           columns=REVIEW_COLUMNS)  # fmt: skip
    found = classify(texts, reviews)
    assert sorted(_labels(found, "a")) == [("accueil", "positif", "relecture"),
                                           ("repas", "mixte", "relecture")]  # fmt: skip
    assert _labels(found, "b") == [("accueil", "positif", "règles")]
    assert found.n_reviewed == 1


def test_a_comment_reviewed_with_no_theme_has_no_label():
    texts = pd.Series({"a": "Le repas était froid.", "b": "Accueil parfait."})
    reviews = pd.DataFrame([["a", None, None]], columns=REVIEW_COLUMNS)
    found = classify(texts, reviews)
    assert _labels(found, "a") == []
    assert found.n_reviewed == 1
    assert _labels(found, "b") == [("accueil", "positif", "règles")]


def _invented(n: int) -> pd.Series:
    """Comments naming one of two made-up words no catalogue knows: ``zorblax`` (what the
    reviewers call repas, négatif) and ``quimbly`` (accueil, positif)."""
    return pd.Series({f"c{k:03d}": ("zorblax" if k % 2 else "quimbly") + f" {'o' * (k % 7 + 1)}"
                      for k in range(n)})  # fmt: skip


def _invented_reviews(texts: pd.Series) -> pd.DataFrame:
    rows = [[c, "repas", "négatif"] if text.startswith("zorblax") else [c, "accueil", "positif"]
            for c, text in texts.items()]  # fmt: skip
    return pd.DataFrame(rows, columns=REVIEW_COLUMNS)


def test_the_rules_are_used_below_min_reviewed():
    texts = _invented(MIN_REVIEWED + 1)
    reviews = _invented_reviews(texts.iloc[: MIN_REVIEWED - 1])
    found = classify(texts, reviews)
    assert found.method == "règles" and found.n_reviewed == MIN_REVIEWED - 1
    assert math.isnan(found.rules_f1) and math.isnan(found.supervised_f1)
    # the rules know neither word: the comments not reviewed get no theme
    assert set(found.labels["method"]) == {"relecture"}


def test_the_supervised_method_is_chosen_when_it_measures_better():
    """60 reviewed comments on a vocabulary the rules do not know: the rules find no theme
    in them, so their F1 is 0 for each theme (reviewed themes, no prediction); each theme
    is given by its own word, which one-vs-rest logistic regression separates in every
    cross-validation fold (each fold trains on both words), so its macro-F1 is 1."""
    texts = _invented(62)
    assert themes(texts).empty  # the rules indeed know neither word
    reviewed = texts.iloc[:60]
    found = classify(texts, _invented_reviews(reviewed))
    assert found.n_reviewed == 60
    assert found.rules_f1 == 0.0
    assert found.supervised_f1 == 1.0
    assert found.method == "supervisé"
    # c060 says quimbly, c061 zorblax: the model labels them as the reviewers did
    assert _labels(found, "c060") == [("accueil", "positif", "supervisé")]
    assert _labels(found, "c061") == [("repas", "negatif", "supervisé")]
    assert _labels(found, "c001") == [("repas", "negatif", "relecture")]
