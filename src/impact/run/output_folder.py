"""The output folder of a run: checked before any work, filled aside, swapped in at the end.

A run writes everything into a fresh *staging* folder beside the target,
``.<name>.impact-tmp-<random>`` in the same parent (so that the final renames stay on one
file system), and :func:`swap_in` puts it in place when the run is complete: an existing
``DIR`` becomes ``DIR.previous`` (replacing an older one) and the staging folder becomes
``DIR``. A folder therefore never mixes two runs, and a run that fails or is interrupted
leaves ``DIR`` as it was (the caller removes the staging folder with :func:`discard`).

Since a folder is replaced, :func:`check_output` refuses an ``--out`` that holds the data
or that holds files which are not impact reports (no ``run.json`` written by impact).
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import secrets
import shutil
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

from impact.data.messages import t
from impact.errors import RunCheckError

__all__ = [
    "PREVIOUS_SUFFIX", "Relocation", "STAGING_MARK", "check_data_path", "check_output", "discard",
    "is_report_folder", "make_staging", "previous_folder", "swap_in",
]  # fmt: skip

#: Part of a staging folder's name: ``.<name>.impact-tmp-<random>``.
STAGING_MARK = ".impact-tmp-"
#: Suffix of the folder keeping the previous run: ``<name>.previous``.
PREVIOUS_SUFFIX = ".previous"
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def previous_folder(out: Path) -> Path:
    """The folder that keeps the run before the last one: ``DIR.previous``."""
    return out.with_name(out.name + PREVIOUS_SUFFIX)


def is_report_folder(path: Path) -> bool:
    """True if ``path`` holds the ``run.json`` of an impact run."""
    try:
        record = json.loads((path / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(record, dict) and record.get("package") == "impact"


def _is_empty_folder(path: Path) -> bool:
    return path.is_dir() and next(path.iterdir(), None) is None


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_data_path(data: str | Path, lang: str = "fr") -> Path:
    """The data path, resolved: a folder or an XLSX workbook that exists.

    Raises
    ------
    impact.errors.RunCheckError
        If ``data`` does not exist or is a file other than a workbook.
    """
    path = Path(data).resolve()
    if not path.exists():
        raise RunCheckError(t("cli.not-found", lang, path=data))
    if path.is_file() and path.suffix.lower() not in WORKBOOK_SUFFIXES:
        raise RunCheckError(t("run.data-file", lang, path=data))
    return path


def check_output(out: Path, data: Path | None, lang: str = "fr") -> None:
    """Refuse an output folder that the final swap could not replace safely.

    ``out`` (resolved) must not be a file, hold the data (``data``, resolved), nor hold
    files other than a previous impact run; nor may ``DIR.previous``, which the swap
    deletes.

    Raises
    ------
    impact.errors.RunCheckError
        With the reason, in ``lang``.
    """
    previous = previous_folder(out)
    if out.exists() and not out.is_dir():
        raise RunCheckError(t("run.out-file", lang, path=out))
    if data is not None:
        for folder in (out, previous):
            if _inside(data, folder):
                raise RunCheckError(t("run.out-holds-data", lang, out=folder, data=data))
    for folder in (out, previous):
        if folder.exists() and not _is_empty_folder(folder) and not is_report_folder(folder):
            raise RunCheckError(t("run.out-not-reports", lang, path=folder))


def make_staging(out: Path, lang: str = "fr") -> Path:
    """Create the staging folder of a run beside ``out`` (its parent created if needed).

    Creating it is the test that the output can be written: it works or fails the same
    way for every user, root included, whatever the permission bits say.

    Raises
    ------
    impact.errors.RunCheckError
        If the folder cannot be created.
    """
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = out.parent / f".{out.name}{STAGING_MARK}{secrets.token_hex(6)}"
        staging.mkdir()  # the user's umask applies, as for any folder they create
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise RunCheckError(t("run.out-unwritable", lang, path=out, reason=reason)) from None
    return staging


class Relocation:
    """Rewrites the staging folder's path into the final folder's: in a text (pages,
    notebooks, the index; raw and HTML-escaped) or a path. The staging folder's name
    (random) cannot occur in a text otherwise."""

    def __init__(self, staging: Path, final: Path) -> None:
        pairs = [(str(staging), str(final))]
        pairs.append((html.escape(pairs[0][0]), html.escape(pairs[0][1])))
        self.pairs = [(old, new) for old, new in pairs if old != new]
        self.staging, self.final = staging, final

    def __call__(self, text: str) -> str:
        for old, new in self.pairs:
            text = text.replace(old, new)
        return text

    def path(self, path: Path | str) -> Path:
        path = Path(path)
        try:
            return self.final / path.relative_to(self.staging)
        except ValueError:
            return path


def discard(staging: Path) -> None:
    """Remove a staging folder (a run that failed or was interrupted)."""
    shutil.rmtree(staging, ignore_errors=True)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM (delivered on exit) while the folders are renamed, so that
    an interruption cannot fall between the two renames (POSIX main thread only)."""
    hold = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not (
        threading.main_thread()
    ):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, hold)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def swap_in(staging: Path, out: Path) -> Path | None:
    """Put the complete run in ``staging`` in place of ``out``; return ``DIR.previous``
    when it now holds the run that was in ``out`` (``None`` if ``out`` was absent or empty).

    Two renames: ``out`` → ``DIR.previous`` (an older ``DIR.previous`` is first renamed
    aside and deleted after the swap), then ``staging`` → ``out``. Signals are held
    between them. After a crash between the two (power cut, ``kill -9``), ``DIR`` is
    missing, ``DIR.previous`` holds the previous run and ``.DIR.impact-tmp-<random>`` the
    new, complete one: rename either to ``DIR`` by hand. The next run into ``DIR`` does
    not touch ``DIR.previous`` while ``DIR`` is missing, so nothing is lost meanwhile.
    A hidden ``.DIR.impact-old-<random>`` folder left by such a crash can be deleted.
    """
    previous = previous_folder(out)
    trash = None
    with _signals_held():
        if _is_empty_folder(out):
            out.rmdir()
        kept = out.exists()
        if kept:
            if previous.exists():
                trash = out.parent / f".{out.name}.impact-old-{secrets.token_hex(6)}"
                os.replace(previous, trash)
            os.replace(out, previous)
        os.replace(staging, out)
    if trash is not None:
        shutil.rmtree(trash, ignore_errors=True)
    return previous if kept else None
