"""Figures for the reports, kept apart from the estimators.

Each submodule draws one family's charts from effect tables or fitted series; every
function returns a :class:`matplotlib.figure.Figure` that the caller closes.

To publish a submodule's figures, add one import line below (e.g.
``from impact.report.figures.did import event_study_chart``): ``__all__`` then lists every public
function imported from a submodule of this package, with no other edit.
"""
# ruff: noqa: F401  (re-exports; __all__ is built from them below)

from impact.report.figures.barometer import diverging_bars, radar_chart, slope_chart
from impact.report.figures.did import event_study_chart
from impact.report.figures.funnel import funnel_chart
from impact.report.figures.indicators import change_chart
from impact.report.figures.its import its_chart, its_grid
from impact.report.figures.meta import forest_plot, funnel_plot, subgroup_forest
from impact.report.figures.prem import prem_dumbbell_chart, prem_topbox_chart
from impact.report.figures.programme import verdict_chart
from impact.report.figures.sensitivity import sensitivity_chart

__all__ = sorted(
    name
    for name, value in dict(globals()).items()
    if callable(value)
    and not name.startswith("_")
    and getattr(value, "__module__", "").startswith(__name__ + ".")
)
