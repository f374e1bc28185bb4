"""Programme synthesis: every team's effect per outcome, pooled across teams, with
subgroups and meta-regression; the change of a trained team's barometer after its training.
"""

# ruff: noqa: F401  (re-exports)
from impact.synthesis.effects import FAMILIES, PARTICIPATION_LEVELS, team_attributes, team_effects
from impact.synthesis.pooling import moderator_effects, pooled_effects, subgroup_effects
from impact.synthesis.training import barometer_after_training, training_waves

__all__ = [
    "FAMILIES",
    "PARTICIPATION_LEVELS",
    "barometer_after_training",
    "moderator_effects",
    "pooled_effects",
    "subgroup_effects",
    "team_attributes",
    "team_effects",
    "training_waves",
]
