"""Long simulations: the full run is marked ``slow``, a smoke run of the same code runs
by default.

A simulation test takes its size (replicates, teams, simulated people) as a parameter
from :func:`sizes`: the default suite (``-m "not slow"``, the README command and CI) runs
the small size, ``pytest -m slow`` runs the full one. Tolerances that were written for
the full size widen with the Monte-Carlo error, i.e. by ``sqrt(full / size)``, so the
full run keeps its exact assertions and the smoke run checks the same thing more
loosely (it still fails when intervals are far too narrow or an estimate is biased).
"""

from __future__ import annotations

import math

import pytest


def sizes(smoke: int, full: int) -> list:
    """Parameters for a simulation's size: ``smoke`` by default, ``full`` marked slow."""
    return [
        pytest.param(smoke, id=f"smoke-{smoke}"),
        pytest.param(full, id=f"full-{full}", marks=pytest.mark.slow),
    ]


def widened(tolerance: float, size: int, full: int) -> float:
    """A tolerance set for ``full`` draws, widened with the Monte-Carlo error for ``size``."""
    return tolerance * math.sqrt(full / size)


def coverage_band(size: int, full: int, band: tuple[float, float] = (0.92, 0.98)):
    """The coverage band set for ``full`` replicates around 0.95, widened for ``size``.

    With ``size == full`` this is ``band`` itself. Otherwise each side moves away from
    0.95 by ``sqrt(full / size)`` (the binomial standard error of a coverage rate scales
    as ``1 / sqrt(size)``), capped at [0, 1].
    """
    lo, hi = band
    if size == full:
        return band
    return (
        max(0.0, 0.95 - widened(0.95 - lo, size, full)),
        min(1.0, 0.95 + widened(hi - 0.95, size, full)),
    )
