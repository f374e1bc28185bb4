"""The ``impact`` command: validate data, write the demo data, run the reports."""

from __future__ import annotations

import sys
from pathlib import Path

import click
import pandas as pd

from impact.data.messages import t
from impact.languages import LANGUAGES

__all__ = ["main"]

_MAX_SHOWN = 200


def _print_problems(
    problems: pd.DataFrame, path: Path, lang: str, problems_file: Path | None
) -> None:
    """Print problems one per line, errors first, in plain words."""
    n_err = int((problems["severity"] == "error").sum())
    n_warn = len(problems) - n_err
    click.echo(t("validate.header", lang, n_errors=n_err, n_warnings=n_warn, path=path))
    for p in problems.head(_MAX_SHOWN).itertuples(index=False):
        where = [str(p.file)]
        if not pd.isna(p.row):
            where.append(f"{t('validate.row', lang)} {p.row}")
        if not pd.isna(p.column):
            where.append(str(p.column))
        label = t(f"validate.{p.severity}", lang)
        click.echo(
            f"  {label} [{p.table}] {' · '.join(where)} : {p.message} ({p.rule})",
            err=p.severity == "error",
        )
    if len(problems) > _MAX_SHOWN:
        click.echo(t("validate.more", lang, n=len(problems) - _MAX_SHOWN))
    if problems_file is not None:
        from impact.report.problems_file import write_problems_csv

        write_problems_csv(problems, problems_file, lang)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="impact")
def cli() -> None:
    """Évaluer l'impact du partenariat patient (impact --help)."""


@cli.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--lang", type=click.Choice(LANGUAGES), default="fr", show_default=True)
@click.option(
    "--problems",
    "problems_file",
    type=click.Path(path_type=Path),
    default=None,
    help="Write every problem to this CSV file.",
)
def validate(path: Path, lang: str, problems_file: Path | None) -> None:
    """Check a data folder (CSV) or workbook (XLSX) against the data contract.

    Exits 2 when there are errors, 0 otherwise (warnings are printed but do not fail).
    """
    from impact.data.loading import read_programme

    if not path.exists():
        click.echo(t("cli.not-found", lang, path=path), err=True)
        sys.exit(2)
    programme, problems = read_programme(path, lang=lang)
    if programme is None:
        _print_problems(problems, path, lang, problems_file)
        sys.exit(2)
    if len(problems):
        _print_problems(problems, path, lang, problems_file)
    summary = (
        f"{len(programme.team_ids)} équipes, {len(programme.comparison_ids)} unités de comparaison"
        if lang == "fr"
        else f"{len(programme.team_ids)} teams, {len(programme.comparison_ids)} comparison units"
    )
    click.echo(t("validate.ok", lang, path=path, summary=summary))


@cli.command("demo-data")
@click.argument("out_dir", type=click.Path(path_type=Path))
@click.option("--teams", "n_teams", type=click.IntRange(1, 500), default=60, show_default=True)
@click.option("--seed", type=int, default=2024, show_default=True)
def demo_data(out_dir: Path, n_teams: int, seed: int) -> None:
    """Write the synthetic demo programme (with its true effects) as CSV files."""
    from impact.demo.programme import demo_programme

    written = demo_programme(n_teams=n_teams, seed=seed).to_csv(out_dir)
    click.echo(f"{len(written)} fichiers écrits dans {out_dir}")


@cli.command()
@click.argument("data", required=False, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    required=True,
    help="Folder for the reports.",
)
@click.option("--teams", default=None, help="Comma-separated team ids (default: all).")
@click.option("--lang", type=click.Choice(LANGUAGES), default="fr", show_default=True)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=None,
    help="Parallel workers (default: number of CPUs).",
)
@click.option(
    "--min-cell",
    type=click.IntRange(1, 1000),
    default=10,
    show_default=True,
    help="Smallest group size shown in reports.",
)
def run(
    data: Path | None,
    out_dir: Path,
    teams: str | None,
    lang: str,
    workers: int | None,
    min_cell: int,
) -> None:
    """Build the HTML reports: one per team and an index (no DATA: the demo programme)."""
    from impact.errors import DataValidationError
    from impact.run.runner import run_reports

    if data is not None and not data.exists():
        click.echo(t("cli.not-found", lang, path=data), err=True)
        sys.exit(2)
    wanted = [s.strip() for s in teams.split(",") if s.strip()] if teams else None
    try:
        result = run_reports(
            data, out_dir, teams=wanted, lang=lang, workers=workers, min_cell=min_cell
        )
    except DataValidationError as exc:
        _print_problems(exc.problems, data or out_dir, lang, None)
        sys.exit(2)
    click.echo(f"{len(result.ok)} rapport(s) → {Path(out_dir) / 'index.html'}")
    for failure in result.failures:
        click.echo(f"  ÉCHEC {failure.team_id} : {failure.error} ({failure.notebook})", err=True)
    if result.failures:
        sys.exit(1)


def main() -> None:
    """Entry point of the ``impact`` console script; never shows a traceback."""
    try:
        cli.main(standalone_mode=True)
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001 - last resort: a message, not a traceback
        click.echo(f"impact : erreur inattendue : {type(exc).__name__}: {exc}", err=True)
        sys.exit(1)
