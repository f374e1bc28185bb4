"""impact: measure whether patient partnership works.

Load and validate a programme's data (:func:`load_programme`), build the synthetic demo
programme (:func:`demo_programme`), and evaluate it with the modules of this package.

The names below are imported on first use, so that ``import impact`` (and the command
line's start) does not load scipy, statsmodels or matplotlib before they are needed.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

__version__ = "0.1.0"

#: Public name → module that defines it.
_WHERE = {
    "DataValidationError": "impact.errors",
    "ImpactError": "impact.errors",
    "SmallSampleWarning": "impact.errors",
    "Programme": "impact.data.programme",
    "load_programme": "impact.data.loading",
    "read_programme": "impact.data.loading",
    "demo_programme": "impact.demo.programme",
}

__all__ = [
    "DataValidationError",
    "ImpactError",
    "Programme",
    "SmallSampleWarning",
    "demo_programme",
    "load_programme",
    "read_programme",
]

if TYPE_CHECKING:  # for type checkers and editors; at run time, __getattr__ below
    from impact.data.loading import load_programme, read_programme
    from impact.data.programme import Programme
    from impact.demo.programme import demo_programme
    from impact.errors import DataValidationError, ImpactError, SmallSampleWarning


def __getattr__(name: str) -> object:
    """Import a public name's module on first use (PEP 562)."""
    if name not in _WHERE:
        raise AttributeError(f"module 'impact' has no attribute {name!r}")
    value = getattr(import_module(_WHERE[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_WHERE])
