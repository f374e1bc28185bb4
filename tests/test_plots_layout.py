"""Every report figure is laid out so that nothing hides or misleads, measured on the drawn
figure: text inside the figure, legends clear of the data, every plotted point inside its
axes' limits, no text of one panel over another panel.

The figures are the reports' own (captured while the team and programme sections are
built on the demo programme) and figures of adversarial data: long labels, one huge
value, negative values only, one team, 40 teams in a forest plot.
"""

from __future__ import annotations

import itertools

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.patches import Polygon, Rectangle
from matplotlib.projections.polar import PolarAxes
from matplotlib.text import Text
from matplotlib.transforms import Bbox

import impact
from impact.report import figures

TOLERANCE = 1.0  # pixels: rounding of the extents


def _data_points(ax: Axes) -> np.ndarray:
    """Display coordinates of the data an axes plots (markers, lines, intervals, bars,
    diamonds); reference lines that span the axes (axvline, axhline, shading) are left out."""
    points = []
    for line in ax.get_lines():
        if line.get_transform() != ax.transData or not line.get_visible():
            continue
        xy = np.asarray(line.get_xydata(), dtype=float)
        points.append(ax.transData.transform(xy[np.isfinite(xy).all(axis=1)]))
    for coll in ax.collections:
        if not coll.get_visible():
            continue
        if isinstance(coll, LineCollection):
            xy = np.concatenate([s for s in coll.get_segments() if len(s)] or [np.empty((0, 2))])
        elif isinstance(coll, PolyCollection):
            if coll.get_transform() != ax.transData:
                continue
            xy = np.concatenate([p.vertices for p in coll.get_paths()] or [np.empty((0, 2))])
        else:
            xy = np.asarray(coll.get_offsets(), dtype=float).reshape(-1, 2)
        xy = xy[np.isfinite(xy).all(axis=1)]
        points.append(ax.transData.transform(xy))
    for patch in ax.patches:
        if isinstance(patch, Rectangle | Polygon) and patch.get_transform() == ax.transData:
            xy = patch.get_path().vertices if isinstance(patch, Polygon) else patch.get_bbox()
            xy = np.asarray(xy.get_points() if isinstance(xy, Bbox) else xy, dtype=float)
            points.append(ax.transData.transform(xy))
    return np.concatenate(points) if points else np.empty((0, 2))


def _inside(points: np.ndarray, box: Bbox, tol: float = TOLERANCE) -> np.ndarray:
    return (
        (points[:, 0] >= box.x0 - tol)
        & (points[:, 0] <= box.x1 + tol)
        & (points[:, 1] >= box.y0 - tol)
        & (points[:, 1] <= box.y1 + tol)
    )


def _overlap(a: Bbox, b: Bbox, tol: float = TOLERANCE) -> bool:
    return a.x0 < b.x1 - tol and b.x0 < a.x1 - tol and a.y0 < b.y1 - tol and b.y0 < a.y1 - tol


def _tick_labels(axis) -> list[Text]:
    """The tick labels matplotlib draws on an axis (``get_ticklabels`` also lists ticks
    out of view)."""
    return [label for tick in axis._update_ticks() for label in (tick.label1, tick.label2)
            if label.get_visible()]  # fmt: skip


def _owned_texts(ax: Axes) -> list[Text]:
    """An axes' own texts: tick labels (also of its secondary axes), title, axis labels."""
    texts = []
    for axes in [ax, *ax.child_axes]:
        texts += _tick_labels(axes.xaxis) + _tick_labels(axes.yaxis)
        texts += [axes.title, axes._left_title, axes._right_title]
        texts += [axes.xaxis.label, axes.yaxis.label]
    return [x for x in texts if x.get_visible() and x.get_text().strip()]


def layout_problems(fig: Figure) -> list[str]:
    """What breaks the figure's layout, measured on the drawn figure (empty when none).

    1. every text's extent is inside the figure;
    2. no legend covers a plotted data point;
    3. every plotted data point is inside its axes' limits (with its own scale: an axis
       fitted to the data);
    4. no text of one axes (tick labels, titles, axis labels) overlaps another axes or
       its texts, nor a figure-level text (title, legend, note);
    5. the tick labels of one axis do not overlap each other.
    """
    # unhinted glyphs: the advances of the SVG the reports embed (Agg's hinting widens
    # text by up to 6 % at 100 dpi)
    with matplotlib.rc_context({"text.hinting": "none"}):
        FigureCanvasAgg(fig)
        fig.canvas.draw()
        return _problems(fig, fig.canvas.get_renderer())


def _problems(fig: Figure, renderer) -> list[str]:
    box = fig.bbox
    problems = []
    every_axes = [a for ax in fig.axes for a in (ax, *ax.child_axes)]
    unused = {  # tick labels matplotlib keeps but does not draw (outside the view)
        id(label)
        for ax in every_axes
        for axis in (ax.xaxis, ax.yaxis)
        for tick in axis.majorTicks + axis.minorTicks
        for label in (tick.label1, tick.label2)
    } - {id(label) for ax in every_axes for axis in (ax.xaxis, ax.yaxis)
         for label in _tick_labels(axis)}  # fmt: skip
    for text in fig.findobj(Text):
        if not (text.get_visible() and text.get_text().strip()) or id(text) in unused:
            continue
        if text.axes is not None and not text.axes.get_visible():
            continue
        extent = text.get_window_extent(renderer)
        if not _inside(extent.get_points(), box).all():
            problems.append(f"text {text.get_text()[:40]!r} outside the figure: {extent}")
    axes = [ax for ax in fig.axes if ax.get_visible() and ax.axison]
    points = {ax: _data_points(ax) for ax in fig.axes if ax.get_visible()}
    for legend in fig.findobj(Legend):
        extent = legend.get_window_extent(renderer)
        for ax, xy in points.items():
            if len(xy) and _inside(xy, extent, tol=-TOLERANCE).any():
                problems.append(f"legend over data of {ax.get_title(loc='left')[:30]!r}")
    for ax, xy in points.items():
        if isinstance(ax, PolarAxes):  # angles wrap: only the radius is an axis
            continue
        if len(xy) and not _inside(xy, ax.bbox).all():
            problems.append(f"data outside the axes {ax.get_title(loc='left')[:30]!r}")
    owned = {ax: [x.get_window_extent(renderer) for x in _owned_texts(ax)] for ax in axes}
    figure_texts = [
        x.get_window_extent(renderer)
        for x in [*fig.texts, fig._suptitle, fig._supxlabel, fig._supylabel, *fig.legends]
        if x is not None and x.get_visible() and (not isinstance(x, Text) or x.get_text())
    ]
    for a, b in itertools.permutations(axes, 2):
        for text, extent in zip(_owned_texts(a), owned[a], strict=True):
            if any(_overlap(extent, other) for other in [*owned[b], b.bbox]):
                problems.append(f"{text.get_text()[:30]!r} of {a.get_title(loc='left')[:30]!r} "
                                f"over the panel {b.get_title(loc='left')[:30]!r}")  # fmt: skip
    for ax in axes:
        if any(_overlap(e, f) for e in owned[ax] for f in figure_texts):
            problems.append(f"text of {ax.get_title(loc='left')[:30]!r} under a figure text")
        for axis in (ax.xaxis, ax.yaxis):
            ticks = [x.get_window_extent(renderer) for x in _tick_labels(axis) if x.get_text()]
            if any(_overlap(p, q) for p, q in itertools.combinations(ticks, 2)):
                problems.append(f"tick labels overlap in {ax.get_title(loc='left')[:30]!r}")
    return problems


def report_figures(programme, team_id: str, lang: str = "fr") -> dict[str, list[Figure]]:
    """Every figure of one team's report (``"team"``) and of the programme report
    (``"programme"``), as the reports draw them (caught where
    :func:`impact.report.formatting.figure_html` saves them)."""
    from impact.report.figures import prem_dumbbell_chart
    from impact.report.programme import did_section, programme_results
    from impact.report.programme_effects import effectiveness_section
    from impact.report.programme_steering import activity_html
    from impact.report.programme_subgroups import subgroup_section
    from impact.report.team import SECTIONS, change_figure, team_section, team_tables

    caught: list[Figure] = []

    def catch(fig, buffer, **_kwargs):
        caught.append(fig)
        buffer.write(b"<svg/>")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Figure, "savefig", catch)
        tables = team_tables(programme, team_id, lang=lang)
        for section in SECTIONS:
            team_section(tables, section)
        # and the notebook's figures the page leaves out (they repeat its picture, a table)
        team = [
            *caught,
            change_figure(tables),
            prem_dumbbell_chart(tables.prem["levels"], catalogue=programme.prem_items),
        ]
        caught.clear()
        res = programme_results(programme, lang=lang, n_boot=49)
        effectiveness_section(res)
        subgroup_section(res)
        did_section(res)
        activity_html(res)
    return {"team": team, "programme": caught}


def _name(fig: Figure) -> str:
    head = fig._suptitle.get_text() if fig._suptitle is not None else ""
    return head or fig.axes[0].get_title(loc="left") or fig.axes[0].get_title()


@pytest.fixture(scope="module")
def demo_figures() -> dict[str, list[Figure]]:
    return report_figures(impact.demo_programme(n_teams=8, n_comparison=3, seed=2024), "T01")


def test_every_report_figure_of_the_demo_is_laid_out_cleanly(demo_figures):
    assert len(demo_figures["team"]) >= 6 and len(demo_figures["programme"]) >= 10
    problems = {_name(fig)[:50]: layout_problems(fig)
                for fig in demo_figures["team"] + demo_figures["programme"]}  # fmt: skip
    assert not {k: v for k, v in problems.items() if v}, problems


def test_team_report_figures_are_compact_at_a4_width(demo_figures):
    """At most 7 inches wide (an A4 page's printable width, so that the page shows them at
    their size, text at its own size), and together no taller than 42 inches: before
    #12 they were 27.5 inches tall printed at 7 inches wide, the two widest with their
    text shrunk to 54 %; #12 brought them to 26 inches; #14 adds a radar and an answers
    chart per questionnaire (about 7 inches each) and the activity chart (2–4 inches):
    40.7 inches on this demo team; #16 adds the comments' theme bars: 42.1 inches."""
    team = demo_figures["team"]
    assert max(fig.get_size_inches()[0] for fig in team) <= 7.0
    assert sum(fig.get_size_inches()[1] for fig in team) <= 43.0


def _studies(estimates, labels) -> pd.DataFrame:
    est = np.asarray(estimates, dtype=float)
    se = 0.1 + 0.05 * np.abs(est)
    return pd.DataFrame({"team_id": labels, "estimate": est, "ci_low": est - 1.96 * se,
                         "ci_high": est + 1.96 * se, "se": se, "scale": "identity"})  # fmt: skip


@pytest.mark.parametrize(
    "case",
    ["forty long-named teams", "one huge value", "negative values only", "one team"],
)
def test_forest_plot_fits_adversarial_data(case):
    from impact.stats.meta import pool

    rng = np.random.default_rng(12)
    long = "Équipe de partenariat $\\moyenne$ " + "très long nom " * 8
    frame = {
        "forty long-named teams": _studies(rng.normal(0.3, 0.4, 40),
                                           [f"{long}{k}" for k in range(40)]),
        "one huge value": _studies([0.1, 0.2, 250.0, -0.1], list("ABCD")),
        "negative values only": _studies([-3.0, -2.5, -4.1], list("ABC")),
        "one team": _studies([0.4], ["A"]),
    }[case]  # fmt: skip
    fig = figures.forest_plot(frame, pool(frame), title=long * 2)
    assert not layout_problems(fig)
    assert not layout_problems(figures.funnel_plot(frame, pool(frame), title=long))


def test_change_chart_fits_a_huge_and_a_negative_only_change():
    programme = impact.demo_programme(n_teams=2, seed=4)
    from impact.indicators.periods import compare_periods

    team = compare_periods(programme).query("team_id == 'T01'").copy()
    team.loc[team.index[0], ["estimate", "ci_low", "ci_high"]] = [5000.0, 4000.0, 6000.0]
    team.loc[team.index[2], ["estimate", "ci_low", "ci_high"]] = [-3.0, -4.0, -2.0]
    catalogue = programme.indicators.assign(label_fr=lambda c: c["label_fr"] + " " + "x" * 150)
    fig = figures.change_chart(team, catalogue)
    assert not layout_problems(fig)
    # the reference line of no change is inside every row's limits
    assert all(ax.get_xlim()[0] < (1 if ax.get_xscale() == "log" else 0) < ax.get_xlim()[1]
               for ax in fig.axes)  # fmt: skip


def test_the_layout_measure_sees_each_kind_of_problem():
    """The measure itself fails on figures built to break each rule."""
    fig = Figure(figsize=(3, 2))
    ax = fig.add_subplot()
    ax.plot([0, 1, 2], [0, 1, 2], "o", label="points")
    ax.set_xlim(0, 1.5)  # the last point outside the limits
    ax.legend(loc="center", bbox_to_anchor=(1, 1), bbox_transform=ax.transData)  # over (1, 1)
    ax.set_title("un titre bien trop long pour une figure de trois pouces de large", loc="left")
    problems = layout_problems(fig)
    assert any("outside the figure" in p for p in problems)
    assert any("legend over data" in p for p in problems)
    assert any("data outside the axes" in p for p in problems)
    fig = Figure(figsize=(3, 2))
    left, right = fig.subplots(1, 2)
    right.set_yticks([0.5], ["une étiquette qui déborde sur le voisin"])
    assert any("over the panel" in p for p in layout_problems(fig))
