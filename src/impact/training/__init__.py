"""Training evaluation (Kirkpatrick levels 1–3) on plain DataFrames.

Level 1, reaction: :mod:`impact.training.satisfaction`; level 2, learning:
:mod:`impact.training.quiz` and :mod:`impact.training.quiz_quality`; level 3, behaviour:
:mod:`impact.training.practice`; which teams were trained, when and how much:
:mod:`impact.training.exposure`. Every function returns a tidy table with snake_case
columns, ``n`` (people), a named ``method`` and ``reason`` codes (no language, no masking:
the report layer does both).
"""

# ruff: noqa: F401  (re-exports)
from impact.training.exposure import team_exposure
from impact.training.practice import action_plans, practice_change
from impact.training.quiz import item_change, normalised_gain, quiz_change, quiz_grid, quiz_scores
from impact.training.quiz_quality import item_analysis, kr20
from impact.training.satisfaction import expectations, satisfaction

__all__ = [
    "action_plans", "expectations", "item_analysis", "item_change",
    "kr20", "normalised_gain", "practice_change", "quiz_change", "quiz_grid", "quiz_scores",
    "satisfaction", "team_exposure",
]  # fmt: skip
