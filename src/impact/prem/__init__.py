"""Patient experience: PREM and e-Satis scoring, raw and case-mix adjusted deltas,
small-sample Bayesian estimates, PROM changes, published e-Satis files and e-Satis
verbatim files (free-text answers as rows of the ``comments`` table).
"""

# ruff: noqa: F401  (re-exports)
from impact.prem.bayes import JEFFREYS, beta_posterior, prem_bayes_deltas, prem_bayes_levels
from impact.prem.casemix import casemix_ols
from impact.prem.deltas import (
    PREM_COVARIATES,
    PremScores,
    benjamini_hochberg,
    prem_deltas,
    prom_changes,
    read_esatis,
    score_prem,
)
from impact.prem.esatis import ESATIS_CODES
from impact.prem.esatis_comments import read_esatis_comments
from impact.prem.scoring import OVERALL

__all__ = [
    "ESATIS_CODES",
    "JEFFREYS",
    "OVERALL",
    "PREM_COVARIATES",
    "PremScores",
    "benjamini_hochberg",
    "beta_posterior",
    "casemix_ols",
    "prem_bayes_deltas",
    "prem_bayes_levels",
    "prem_deltas",
    "prom_changes",
    "read_esatis",
    "read_esatis_comments",
    "score_prem",
]
