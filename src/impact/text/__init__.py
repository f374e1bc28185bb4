"""Free-text comments (issue 16): masking of personal data, themes and tone, and their
measured accuracy.

Masking comes first (:func:`mask`): nothing else reads a comment before its persons,
places, phone numbers, e-mails, dates, addresses and room numbers are replaced by tags.
Themes and tone come from transparent rules on an editable catalogue (:func:`themes`) or,
when the user supplies labelled comments, from a model trained on them (:func:`train`).
"""

from .change import PERIODS, QUANTITIES, pooled_theme_changes, theme_changes, theme_shares
from .classify import MIN_REVIEWED, Classification, classify, review_labels
from .masking import TAGS, Span, apply_spans, mask, mask_spans
from .measure import (
    macro_f1,
    masking_scores,
    read_masking_set,
    read_theme_set,
    theme_scores,
    tone_accuracy,
)
from .quotes import QUOTE_TONE_ORDER, example_quotes
from .supervised import SupervisedModel, train
from .themes import TONES, read_catalogue, read_polarity, rules, themes

__all__ = [
    "MIN_REVIEWED",
    "PERIODS",
    "QUANTITIES",
    "QUOTE_TONE_ORDER",
    "Classification",
    "classify",
    "review_labels",
    "TAGS",
    "TONES",
    "Span",
    "SupervisedModel",
    "apply_spans",
    "example_quotes",
    "macro_f1",
    "mask",
    "mask_spans",
    "masking_scores",
    "read_catalogue",
    "read_masking_set",
    "read_polarity",
    "read_theme_set",
    "rules",
    "pooled_theme_changes",
    "theme_changes",
    "theme_scores",
    "theme_shares",
    "themes",
    "tone_accuracy",
    "train",
]
