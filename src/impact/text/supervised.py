"""Themes and tone learnt from the user's own labelled comments (scikit-learn).

Used instead of the rules of :mod:`impact.text.themes` when labels are supplied (for
instance the corrections of a review sheet). Features are TF-IDF weights of word 1–2-grams
and of character 2–5-grams inside word boundaries (robust to typos and missing accents),
on the comment folded to lower case without accents.

- **Themes**: one logistic regression per theme (one-vs-rest, balanced class weights,
  liblinear solver); a theme is given when its probability is at least 0.5.
- **Tone**: one multinomial logistic regression on (comment, theme) pairs; its text is the
  segments of the comment where the catalogue finds the theme (the whole comment when it
  finds none) followed by a token naming the theme.

Both are deterministic: the solvers use no randomness here (``random_state=0`` is fixed all
the same) and the training rows are sorted by comment and theme.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion

from .matching import clauses
from .pipeline import fold
from .themes import TONES, Rules, rules

__all__ = ["SupervisedModel", "train"]

_THRESHOLD = 0.5


def _features() -> FeatureUnion:
    return FeatureUnion(
        [
            ("words", TfidfVectorizer(preprocessor=fold, ngram_range=(1, 2), sublinear_tf=True)),
            (
                "chars",
                TfidfVectorizer(
                    preprocessor=fold, analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True
                ),
            ),
        ]
    )


@dataclass
class SupervisedModel:
    """Trained theme and tone classifiers (:func:`train`); :meth:`predict` labels comments."""

    codes: tuple[str, ...]
    theme_features: FeatureUnion
    theme_model: OneVsRestClassifier
    tone_features: FeatureUnion
    tone_model: LogisticRegression | str
    rules: Rules

    def predict(self, texts: Sequence[str] | pd.Series) -> pd.DataFrame:
        """Themes and tones of (masked) comments, in the shape of
        :func:`impact.text.themes.themes` (``evidence`` is empty: the model has none to
        show)."""
        ids, values = _ids(texts)
        if not values:
            return _frame([])
        probability = self.theme_model.predict_proba(self.theme_features.transform(values))
        hits = np.argwhere(probability >= _THRESHOLD)
        pairs = [(int(i), self.codes[int(j)]) for i, j in hits]
        if isinstance(self.tone_model, str):
            tones = [self.tone_model] * len(pairs)
        elif pairs:
            inputs = [_tone_text(values[i], code, self.rules) for i, code in pairs]
            tones = list(self.tone_model.predict(self.tone_features.transform(inputs)))
        else:
            tones = []
        found = zip(pairs, tones, strict=True)
        return _frame([(ids[i], code, tone, "") for (i, code), tone in found])


def train(
    texts: Sequence[str] | pd.Series,
    labels: pd.DataFrame,
    *,
    catalogue: pd.DataFrame | None = None,
) -> SupervisedModel:
    """Train the theme and tone classifiers on labelled comments.

    Parameters
    ----------
    texts
        Masked comments; a Series's index identifies them, else their position.
    labels
        ``comment``, ``theme``, ``tone``: one row per comment × theme (a comment of
        ``texts`` without a row has no theme). Tones are ``positif``, ``negatif``,
        ``mixte``.
    catalogue
        Theme catalogue, for the order of the codes and the segments given to the tone
        classifier; the default catalogue when ``None``. Themes of ``labels`` missing
        from it come after its own.

    Returns
    -------
    SupervisedModel
        Themes never labelled are never predicted.

    Examples
    --------
    >>> texts = ["Repas froids.", "Accueil parfait.", "Repas excellents.", "Accueil froid."]
    >>> labels = pd.DataFrame({"comment": [0, 1, 2, 3], "theme": ["repas", "accueil",
    ...     "repas", "accueil"], "tone": ["negatif", "positif", "positif", "negatif"]})
    >>> train(texts, labels).predict(["Le repas."])["theme"].tolist()
    ['repas']
    """
    ids, values = _ids(texts)
    missing = {"comment", "theme", "tone"} - set(labels.columns)
    if missing:
        raise ValueError(f"labels lacks the columns {sorted(missing)}. Got {list(labels)}.")
    bad = sorted(set(labels["tone"]) - set(TONES))
    if bad:
        raise ValueError(f"Tones are {TONES}. Got {bad}.")
    unknown = sorted(set(labels["comment"]) - set(ids), key=str)
    if unknown:
        raise ValueError(f"labels names comments that are not in texts. Got {unknown[:5]}.")
    compiled = rules(catalogue)
    labelled = set(labels["theme"])
    codes = tuple(c for c in compiled.codes if c in labelled) + tuple(
        sorted(labelled - set(compiled.codes))
    )
    if not codes:
        raise ValueError("labels holds no theme: there is nothing to learn.")
    position = {comment: i for i, comment in enumerate(ids)}
    rows = labels.assign(_row=labels["comment"].map(position)).sort_values(["_row", "theme"])
    target = np.zeros((len(values), len(codes)), dtype=int)
    column = {code: j for j, code in enumerate(codes)}
    target[rows["_row"].to_numpy(), rows["theme"].map(column).to_numpy()] = 1

    theme_features = _features()
    matrix = theme_features.fit_transform(values)
    base = LogisticRegression(solver="liblinear", class_weight="balanced", random_state=0)
    theme_model = OneVsRestClassifier(base).fit(matrix, target)

    tone_features = _features()
    tone_inputs = [
        _tone_text(values[r], t, compiled) for r, t in zip(rows["_row"], rows["theme"], strict=True)
    ]
    tone_targets = rows["tone"].tolist()
    if len(set(tone_targets)) == 1:
        tone_model: LogisticRegression | str = tone_targets[0]
        tone_features.fit(tone_inputs)
    else:
        tone_model = LogisticRegression(max_iter=1000, random_state=0).fit(
            tone_features.fit_transform(tone_inputs), tone_targets
        )
    return SupervisedModel(codes, theme_features, theme_model, tone_features, tone_model, compiled)


def _tone_text(text: str, theme: str, compiled: Rules) -> str:
    parts = clauses(text)
    segments = {
        c.segment for c in parts if any(theme in v for *_, v in compiled.themes.find(c.words))
    }
    words = [w.text for c in parts if c.segment in segments for w in c.words]
    return " ".join(words or [text]) + f" theme_{theme}"


def _ids(texts: Sequence[str] | pd.Series) -> tuple[list, list[str]]:
    values = list(texts)
    for value in values:
        if not isinstance(value, str):
            raise TypeError(f"Each comment must be a str. Got {value!r}.")
    ids = list(texts.index) if isinstance(texts, pd.Series) else list(range(len(values)))
    return ids, values


def _frame(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["comment", "theme", "tone", "evidence"])
    return frame.astype({"theme": str, "tone": str, "evidence": str})
