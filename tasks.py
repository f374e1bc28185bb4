"""Run the project's everyday jobs in a local virtual environment.

``python3 tasks.py demo`` builds the demo programme's HTML reports end to end;
``python3 tasks.py test`` runs the test suite; ``python3 tasks.py lab`` opens JupyterLab
on ``notebooks/`` (extra arguments go to ``jupyter lab``). Each creates ``.venv`` on first
use (or when ``pyproject.toml`` changes) and installs the package with what it needs
(JupyterLab and the Dask executor included), so a fresh machine with only Python >= 3.11
and pip is enough.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".impact-installed"
#: Extras installed with the package (a change reinstalls, like a change of pyproject.toml).
EXTRAS = "test,lab,dask"


def _python() -> Path:
    return BIN / ("python.exe" if os.name == "nt" else "python")


def ensure_environment() -> Path:
    """Create ``.venv`` and install ``impact[test,lab,dask]`` into it unless already up to date."""
    if sys.version_info < (3, 11):  # noqa: UP036 - tasks.py runs on any python3
        sys.exit(f"impact needs Python >= 3.11; this is {sys.version.split()[0]}.")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + EXTRAS.encode()).hexdigest()
    if not _python().exists():
        print(f"Creating the virtual environment in {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if not STAMP.exists() or STAMP.read_text() != wanted:
        print("Installing impact and its dependencies (first run only) ...", flush=True)
        subprocess.run(
            [
                str(_python()),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "-e",
                f"{ROOT}[{EXTRAS}]",
            ],
            check=True,
        )
        STAMP.write_text(wanted)
    return _python()


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"demo", "test", "lab"}:
        print(__doc__)
        return 2
    python = ensure_environment()
    if argv[0] == "demo":
        cmd = [str(BIN / "impact"), "run", "--out", str(ROOT / "reports" / "demo"), *argv[1:]]
    elif argv[0] == "lab":
        cmd = [str(BIN / "jupyter"), "lab", "--notebook-dir", str(ROOT / "notebooks"), *argv[1:]]
        if hasattr(os, "geteuid") and os.geteuid() == 0:  # JupyterLab refuses root otherwise
            cmd.append("--allow-root")
    else:
        # one test process per core (pytest-xdist), a file's tests in the same one (its
        # module fixtures are built once); the shared report sets are built once for all
        # (tests/report_set.py)
        cmd = [str(python), "-m", "pytest", "-n", "auto", "--dist", "loadfile", *argv[1:]]
    return subprocess.run(cmd, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
