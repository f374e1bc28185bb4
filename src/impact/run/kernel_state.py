"""What a kept-alive report kernel restores before each report (runs inside the kernel).

:class:`impact.run.kernel_pool.KeptAliveKernel` imports this module once per kernel, calls
:func:`snapshot` after the warm-up imports, and :func:`reset` before every notebook, so
that a report sees the same interpreter state as in a fresh kernel with the modules
already imported: an empty user namespace (``%reset -f``), a new history session with
the execution counter at 1, no
open pyplot figure, the same matplotlib settings, warning filters (and "shown once"
memory), working directory and ``sys.path``. Imported modules stay loaded: that is the
point. Only the standard library is imported here; matplotlib only if already loaded.
"""

from __future__ import annotations

import gc
import os
import sys
import warnings
from dataclasses import dataclass

__all__ = ["reset", "snapshot"]


@dataclass
class _State:
    cwd: str
    path: list[str]
    filters: list
    rc: dict | None


_SAVED: _State | None = None


def _rc_copy() -> dict | None:
    mpl = sys.modules.get("matplotlib")
    return mpl.rcParams.copy() if mpl is not None else None


def snapshot() -> None:
    """Record the state :func:`reset` restores (call once, after the warm-up imports)."""
    global _SAVED
    _SAVED = _State(os.getcwd(), list(sys.path), list(warnings.filters), _rc_copy())


def _forget_shown_warnings() -> None:
    """Let "default"/"once" warnings show again, as in a fresh interpreter."""
    for name in ("_filters_mutated", "_filters_mutated_lock_held"):
        mutated = getattr(warnings, name, None)
        if mutated is not None:
            mutated()
            return


def reset(*, collect: bool = False) -> None:
    """Empty the user namespace and restore the state recorded by :func:`snapshot`.

    Parameters
    ----------
    collect : bool, default False
        Also run the garbage collector (slow on a large heap; the pool restarts kernels
        periodically instead).
    """
    from IPython import get_ipython

    shell = get_ipython()
    if shell is not None:
        # what ``%reset -f`` does, plus a new history session: execution counter back to 1
        shell.reset(new_session=True)
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close("all")
    if _SAVED is None:
        return
    os.chdir(_SAVED.cwd)
    sys.path[:] = _SAVED.path
    warnings.filters[:] = _SAVED.filters
    _forget_shown_warnings()
    mpl = sys.modules.get("matplotlib")
    if mpl is not None and _SAVED.rc is not None:
        update = getattr(mpl.rcParams, "_update_raw", None)  # matplotlib >= 3.10
        if update is not None:
            update(_SAVED.rc)
        else:
            dict.update(mpl.rcParams, _SAVED.rc)
    if collect:
        gc.collect()
