"""The engine's accuracy on the shipped held-out sets, measured at run time.

The hand-labelled comments of ``data_schemas/labelled_comments/masking_test.csv`` and
``themes_test.csv`` were written apart from the rules and are read by nobody tuning
them: a run measures the masker and this run's theme catalogue and polarity lexicon on
them, so the methods of a report show measured figures, never numbers written in a text.
The scores are those of :mod:`impact.text.measure` (its span-overlap rule for masking,
per-theme F1 and their unweighted mean, tone agreement on the pairs found by both).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from impact.data.schemas import schema_dir

from .masking import mask_spans
from .measure import (
    macro_f1,
    masking_scores,
    read_masking_set,
    read_theme_set,
    theme_scores,
    tone_accuracy,
)
from .themes import read_catalogue, themes

__all__ = ["ACCURACY_COLUMNS", "MASKING_SET", "THEME_SET", "held_out_accuracy"]

#: The held-out sets, in ``data_schemas/labelled_comments/``.
MASKING_SET, THEME_SET = "masking_test.csv", "themes_test.csv"
#: Columns of :func:`held_out_accuracy`.
ACCURACY_COLUMNS = ["measure", "label", "value", "n", "source"]


def held_out_accuracy(
    catalogue: pd.DataFrame | None = None, polarity: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Masking recall, theme macro-F1 and tone accuracy on the shipped held-out sets.

    Parameters
    ----------
    catalogue, polarity
        The run's theme catalogue and polarity lexicon (the shipped defaults when
        ``None``). The labelled themes are those of the default catalogue: only the
        labelled pairs of themes the catalogue has are scored (``n`` says how many).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`ACCURACY_COLUMNS`, one row per measure:

        - ``masking_recall``: per label of the masking set (``NOM``, ``TELEPHONE``…) and
          ``all``, the share of labelled spans found with their label; ``n`` labelled
          spans (:func:`impact.text.measure.masking_scores`);
        - ``theme_f1``: per theme, its F1; ``n`` labelled comments of the theme;
        - ``theme_macro_f1`` (label ``all``): the unweighted mean of the themes' F1;
          ``n`` labelled (comment, theme) pairs;
        - ``tone_accuracy`` (label ``all``): the share of pairs found by both the labels
          and the rules whose tone agrees; ``n`` such pairs.

        ``source`` is the file measured on.
    """
    folder = schema_dir() / "labelled_comments"
    texts, gold_spans = read_masking_set(folder / MASKING_SET)
    masking = masking_scores(gold_spans, mask_spans(texts))
    rows = [
        ("masking_recall", r.label, float(r.recall), int(r.n_gold), MASKING_SET)
        for r in masking.itertuples(index=False)
    ]
    comments, gold = read_theme_set(folder / THEME_SET)
    codes = set((read_catalogue() if catalogue is None else catalogue)["code"].astype(str))
    gold = gold.loc[gold["theme"].isin(codes)]
    predicted = themes(comments, catalogue, polarity=polarity)
    scores = theme_scores(gold, predicted)
    scores = scores.loc[scores["n_gold"] > 0]  # a theme no labelled comment has is not measured
    rows += [
        ("theme_f1", r.theme, float(r.f1), int(r.n_gold), THEME_SET)
        for r in scores.itertuples(index=False)
    ]
    f1 = macro_f1(scores) if len(scores) else np.nan
    rows.append(("theme_macro_f1", "all", f1, len(gold), THEME_SET))
    tone, n_pairs = tone_accuracy(gold, predicted[["comment", "theme", "tone"]])
    rows.append(("tone_accuracy", "all", tone, n_pairs, THEME_SET))
    return pd.DataFrame(rows, columns=ACCURACY_COLUMNS)
