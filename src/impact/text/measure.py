"""Accuracy of the masker and of the theme and tone classifiers on hand-labelled comments.

**Masking, span overlap rule.** A labelled span is *found* when the predicted spans of the
same label cover at least half of its characters (« hôpital Saint-Louis » is found by a
predicted « Saint-Louis »); a predicted span is *correct* when the labelled spans of its
label cover at least half of its characters. Recall = found / labelled, precision =
correct / predicted, per label and over all labels. ``masked_recall`` applies the rule to
predicted spans of any label: the share of labelled data hidden, whatever the tag.

**Themes.** Per theme, a (comment, theme) pair is a true positive when both the labels and
the prediction hold it; precision, recall and F1 follow, and macro-F1 is the unweighted
mean of the themes' F1 (a theme with no labelled and no predicted comment is left out).
**Tone accuracy** is the share of pairs found by both whose tone agrees.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from .patterns import Span

__all__ = [
    "macro_f1",
    "masking_scores",
    "read_masking_set",
    "read_theme_set",
    "theme_scores",
    "tone_accuracy",
]

_COVERED = 0.5


def _coverage(span: Span, others: Sequence[Span]) -> float:
    covered = np.zeros(span.end - span.start, dtype=bool)
    for other in others:
        lo, hi = max(span.start, other.start), min(span.end, other.end)
        if lo < hi:
            covered[lo - span.start : hi - span.start] = True
    return covered.mean() if len(covered) else 0.0


def masking_scores(
    gold: Sequence[Sequence[Span]], predicted: Sequence[Sequence[Span]]
) -> pd.DataFrame:
    """Recall and precision of the masker per label (rule in the module's description).

    Parameters
    ----------
    gold, predicted
        For each text, its labelled and its predicted spans ``(start, end, label)``.

    Returns
    -------
    pandas.DataFrame
        One row per label (sorted) and a last row ``label="all"``: ``n_gold``,
        ``n_predicted``, ``found``, ``correct``, ``recall``, ``precision`` and
        ``masked_recall`` (NaN where a count is 0).

    Examples
    --------
    >>> gold = [[Span(0, 9, "NOM")]]
    >>> masking_scores(gold, [[Span(3, 9, "NOM")]])["recall"].tolist()
    [1.0, 1.0]
    """
    if len(gold) != len(predicted):
        raise ValueError(f"gold and predicted differ in length: {len(gold)} and {len(predicted)}.")
    rows = []
    for g_spans, p_spans in zip(gold, predicted, strict=True):
        g_spans, p_spans = [Span(*s) for s in g_spans], [Span(*s) for s in p_spans]
        for g in g_spans:
            same = [p for p in p_spans if p.label == g.label]
            found = _coverage(g, same) >= _COVERED
            masked = _coverage(g, p_spans) >= _COVERED
            rows.append((g.label, "gold", found, masked))
        for p in p_spans:
            same = [g for g in g_spans if g.label == p.label]
            rows.append((p.label, "predicted", _coverage(p, same) >= _COVERED, False))
    frame = pd.DataFrame(rows, columns=["label", "side", "hit", "masked"])
    labels = sorted(frame["label"].unique())
    return pd.DataFrame(
        [_masking_row(label, frame[frame["label"] == label]) for label in labels]
        + [_masking_row("all", frame)]
    )


def _masking_row(label: str, frame: pd.DataFrame) -> dict[str, object]:
    gold, predicted = frame[frame["side"] == "gold"], frame[frame["side"] == "predicted"]
    n_gold, n_predicted = len(gold), len(predicted)
    return {
        "label": label,
        "n_gold": n_gold,
        "n_predicted": n_predicted,
        "found": int(gold["hit"].sum()),
        "correct": int(predicted["hit"].sum()),
        "recall": gold["hit"].mean() if n_gold else np.nan,
        "precision": predicted["hit"].mean() if n_predicted else np.nan,
        "masked_recall": gold["masked"].mean() if n_gold else np.nan,
    }


def theme_scores(gold: pd.DataFrame, predicted: pd.DataFrame) -> pd.DataFrame:
    """Precision, recall and F1 per theme.

    Parameters
    ----------
    gold, predicted
        ``comment``, ``theme`` (and ``tone``): one row per comment × theme.

    Returns
    -------
    pandas.DataFrame
        One row per theme present on either side (sorted): ``n_gold``, ``n_predicted``,
        ``true_positive``, ``precision``, ``recall``, ``f1`` (NaN where undefined; F1 is 0
        when there are true labels or predictions but no true positive).
    """
    g = set(zip(gold["comment"], gold["theme"], strict=True))
    p = set(zip(predicted["comment"], predicted["theme"], strict=True))
    rows = []
    for theme in sorted({t for _, t in g | p}):
        gt = {pair for pair in g if pair[1] == theme}
        pt = {pair for pair in p if pair[1] == theme}
        tp = len(gt & pt)
        precision = tp / len(pt) if pt else np.nan
        recall = tp / len(gt) if gt else np.nan
        f1 = 2 * tp / (len(gt) + len(pt))
        rows.append((theme, len(gt), len(pt), tp, precision, recall, f1))
    columns = ["theme", "n_gold", "n_predicted", "true_positive", "precision", "recall", "f1"]
    return pd.DataFrame(rows, columns=columns)


def macro_f1(scores: pd.DataFrame) -> float:
    """Unweighted mean of the themes' F1 (:func:`theme_scores`)."""
    return float(scores["f1"].mean())


def tone_accuracy(gold: pd.DataFrame, predicted: pd.DataFrame) -> tuple[float, int]:
    """Share of (comment, theme) pairs found on both sides whose tone agrees, and how many
    pairs that is (NaN and 0 when there is none)."""
    both = gold.merge(predicted, on=["comment", "theme"], suffixes=("_gold", "_predicted"))
    if both.empty:
        return float("nan"), 0
    return float((both["tone_gold"] == both["tone_predicted"]).mean()), len(both)


def read_masking_set(path: str | Path) -> tuple[list[str], list[list[Span]]]:
    """Texts and labelled spans of a masking set (CSV ``id``, ``text``, ``spans``: a JSON
    list of ``[start, end, label]``)."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    spans = [[Span(*s) for s in json.loads(cell)] for cell in frame["spans"]]
    return frame["text"].tolist(), spans


def read_theme_set(path: str | Path) -> tuple[pd.Series, pd.DataFrame]:
    """Comments (a Series indexed by ``id``) and their labels (``comment``, ``theme``,
    ``tone``) from a theme set (CSV ``id``, ``text``, ``themes``, ``tones``: codes and
    tones separated by « ; », aligned)."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    rows = []
    for comment, codes, tones in zip(frame["id"], frame["themes"], frame["tones"], strict=True):
        codes_, tones_ = codes.split(";") if codes else [], tones.split(";") if tones else []
        if len(codes_) != len(tones_):
            raise ValueError(
                f"Comment {comment!r} has {len(codes_)} themes and {len(tones_)} tones."
            )
        rows += [(comment, c.strip(), t.strip()) for c, t in zip(codes_, tones_, strict=True)]
    texts = pd.Series(frame["text"].to_numpy(), index=frame["id"].to_numpy(), name="text")
    return texts, pd.DataFrame(rows, columns=["comment", "theme", "tone"])
