"""Programme synthesis: every team's effect per outcome, pooled across teams, with
subgroups and meta-regression.
"""

# ruff: noqa: F401  (re-exports)
from impact.synthesis.effects import FAMILIES, PARTICIPATION_LEVELS, team_attributes, team_effects
from impact.synthesis.pooling import moderator_effects, pooled_effects, subgroup_effects

__all__ = [
    "FAMILIES",
    "PARTICIPATION_LEVELS",
    "moderator_effects",
    "pooled_effects",
    "subgroup_effects",
    "team_attributes",
    "team_effects",
]
