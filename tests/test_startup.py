"""The command line starts light: ``import impact``, ``impact --version``, ``--help`` and a
refused ``impact run`` load neither the statistics and plotting libraries nor pandas.

Each case runs in a fresh interpreter (a test process has long since imported them) and
prints the heavy modules it ended with; the speed itself is measured by
``benchmarks/bench_startup.py``, never here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

import impact

#: Loaded only by the commands and report pages that use them (scipy, statsmodels,
#: matplotlib), or once the data are read (pandas).
AVOIDED = ("scipy", "statsmodels", "matplotlib", "pandas")

#: ``cli ARGS…``: runs the command line with ARGS; ``import``: imports impact. Then prints
#: on a last line of stdout the exit code and which of :data:`AVOIDED` are loaded.
CHILD = f"""
import json, sys
code = None
if sys.argv[1] == "cli":
    from impact.cli import main
    sys.argv = ["impact", *sys.argv[2:]]
    try:
        main()
    except SystemExit as exc:
        code = exc.code
else:
    import impact
loaded = sorted(name for name in {AVOIDED!r} if name in sys.modules)
print(json.dumps({{"code": code, "loaded": loaded}}))
"""


def _child(*args: str, prelude: str = "") -> tuple[dict, subprocess.CompletedProcess]:
    """Run ``prelude`` then :data:`CHILD` with ``args`` in a fresh interpreter that
    imports the same ``impact`` as this test; its report (last line of stdout) and the
    finished process."""
    source = str(Path(impact.__file__).resolve().parents[1])
    path = os.pathsep.join(p for p in (source, os.environ.get("PYTHONPATH")) if p)
    env = {**os.environ, "PYTHONPATH": path, "IMPACT_LANG": "fr"}
    done = subprocess.run([sys.executable, "-c", prelude + CHILD, *args], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1]), done


def test_the_check_sees_a_heavy_import():
    """The check itself can fail: a child that has imported scipy and pandas says so."""
    report, _ = _child("cli", "--version", prelude="import pandas, scipy.stats\n")
    assert report == {"code": 0, "loaded": ["pandas", "scipy"]}


def test_import_impact_loads_no_heavy_library():
    report, _ = _child("import")
    assert report["loaded"] == []


@pytest.mark.parametrize(
    ("args", "first_line"),
    [
        (["--version"], f"impact, version {version('impact')}"),
        (["--help"], "Utilisation : impact [OPTIONS] COMMAND [ARGS]..."),
        (["run", "--help"], "Utilisation : impact run [OPTIONS] [DATA]"),
    ],
)
def test_version_and_help_load_no_heavy_library(args: list[str], first_line: str):
    report, done = _child("cli", *args)
    assert report == {"code": 0, "loaded": []}
    assert done.stdout.splitlines()[0] == first_line


@pytest.mark.parametrize("command", ["run", "validate"])
def test_a_missing_data_path_is_refused_before_any_heavy_import(tmp_path: Path, command: str):
    missing = tmp_path / "missing"
    out = ["--out", str(tmp_path / "out")] if command == "run" else []
    report, done = _child("cli", command, str(missing), *out)
    assert report == {"code": 2, "loaded": []}
    assert done.stderr.strip() == f"chemin introuvable : {missing}"
    assert list(tmp_path.iterdir()) == []  # neither the output nor a staging folder
