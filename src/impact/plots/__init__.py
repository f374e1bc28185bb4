"""Figures for the reports: each submodule draws one family's charts from effect tables.

Plotting never happens inside estimators; every function returns a matplotlib Figure that
the caller closes.
"""

from impact.plots.indicators import change_chart

__all__ = ["change_chart"]
