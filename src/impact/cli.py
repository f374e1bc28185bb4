"""The ``impact`` command: validate data, write the demo data, run the reports.

Every line the command prints, its help pages and click's own messages (``Usage:``,
``Error: No such option``, ``Aborted!``…) are in the language of the run: the last
``--lang fr|en`` anywhere on the command line (so ``impact run --help --lang en`` is in
English although ``--help`` comes first), else the ``IMPACT_LANG`` environment variable,
else French. Click marks its messages for gettext; while the command runs, its
translation functions are replaced by ones reading :data:`impact.data.messages.CLICK_FR`
(restored afterwards).
"""

from __future__ import annotations

import contextlib
import importlib
import os
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from impact.data.messages import CLICK_FR, t
from impact.languages import LANGUAGES

if TYPE_CHECKING:  # the commands import what they need: ``--version`` and ``--help`` stay light
    import pandas as pd

__all__ = ["cli", "cli_language", "main"]

_MAX_SHOWN = 200
#: Environment variable giving the language when no ``--lang`` is on the command line.
LANG_VARIABLE = "IMPACT_LANG"
#: click's modules whose messages go through gettext (``_`` and ``ngettext``).
CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types")
#: Help text of each option, by parameter name (the commands' own: :data:`_COMMAND_HELP`).
_OPTION_HELP = {
    "help": "cli.help.help",
    "version": "cli.help.version",
    "lang": "cli.help.lang",
    "problems_file": "cli.help.validate.problems",
    "n_teams": "cli.help.demo.teams",
    "seed": "cli.help.demo.seed",
    "out_dir": "cli.help.run.out",
    "teams": "cli.help.run.teams",
    "workers": "cli.help.run.workers",
    "min_cell": "cli.help.run.min-cell",
    "executor": "cli.help.run.executor",
    "scheduler": "cli.help.run.scheduler",
    "survey_table": "cli.help.import-survey.table",
    "mapping_file": "cli.help.import-survey.map",
    "survey_out": "cli.help.import-survey.out",
    "draft": "cli.help.import-survey.draft",
    "review_teams": "review.help.team",
    "processes": "review.help.processes",
    "reviews_out": "review.help.out",
    "power": "cli.help.plan.power",
    "alpha": "cli.help.plan.alpha",
    "plan_out": "cli.help.plan.out",
    "teams_count": "cli.help.plan.teams-count",
    "answers": "cli.help.plan.answers",
    "baseline": "cli.help.plan.baseline",
    "sd": "cli.help.plan.sd",
    "tau": "cli.help.plan.tau",
    "target": "cli.help.plan.target",
    "its": "cli.help.plan.its",
}
_COMMAND_HELP = {
    "impact": "cli.help.main",
    "validate": "cli.help.validate",
    "demo-data": "cli.help.demo",
    "run": "cli.help.run",
    "template": "cli.help.template",
    "import-survey": "cli.help.import-survey",
    "comments": "review.help.group",
    "comments review": "review.help.review",
    "comments import": "review.help.import",
    "plan": "cli.help.plan",
}


# --------------------------------------------------------------------- language


def cli_language(args: list[str], environ: dict[str, str] | None = None) -> str:
    """The language of a command line: its last valid ``--lang`` value, else
    ``IMPACT_LANG``, else French.

    Examples
    --------
    >>> cli_language(["run", "--help", "--lang", "en"], {})
    'en'
    >>> cli_language(["validate", "data"], {"IMPACT_LANG": "en"})
    'en'
    """
    environ = os.environ if environ is None else environ
    found = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else None
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        if value in LANGUAGES:
            found = value
    if found is None and environ.get(LANG_VARIABLE) in LANGUAGES:
        found = environ[LANG_VARIABLE]
    return found or "fr"


@contextlib.contextmanager
def _click_language(lang: str) -> Iterator[None]:
    """Install the translation functions of ``lang`` in click's modules, then restore."""
    catalogue = CLICK_FR if lang == "fr" else {}

    def gettext(message: str) -> str:
        return catalogue.get(message, message)

    def ngettext(singular: str, plural: str, n: int) -> str:
        return gettext(singular if n == 1 else plural)

    saved = []
    for name in CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        for attr, function in (("_", gettext), ("ngettext", ngettext)):
            if hasattr(module, attr):
                saved.append((module, attr, getattr(module, attr)))
                setattr(module, attr, function)
    try:
        yield
    finally:
        for module, attr, function in reversed(saved):
            setattr(module, attr, function)


def _localise(group: click.Group, lang: str, prefix: str = "") -> None:
    """Set the help texts of the commands (and of a sub-group's, named ``group command``)
    and their options in ``lang``."""
    commands = [] if prefix else [("impact", group)]
    commands += [(f"{prefix}{name}", command) for name, command in group.commands.items()]
    for name, command in commands:
        command.help = t(_COMMAND_HELP[name], lang)
        for param in command.params:
            if isinstance(param, click.Option) and param.name in _OPTION_HELP:
                param.help = t(_OPTION_HELP[param.name], lang)
        if isinstance(command, click.Group) and command is not group:
            _localise(command, lang, f"{name} ")


class _Impact(click.Group):
    """The ``impact`` group: runs in the language of its command line."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True,
             **extra):  # fmt: skip
        args = list(sys.argv[1:] if args is None else args)
        lang = cli_language(args)
        _localise(self, lang)
        with _click_language(lang):
            return super().main(args, prog_name or "impact", complete_var, standalone_mode,
                                **extra)  # fmt: skip


def _lang_option(function):
    return click.option("--lang", type=click.Choice(LANGUAGES), default="fr",
                        show_default=True, envvar=LANG_VARIABLE)(function)  # fmt: skip


_help_option = click.help_option("-h", "--help")


# --------------------------------------------------------------------- commands


def _print_problems(
    problems: pd.DataFrame, path: Path, lang: str, problems_file: Path | None
) -> None:
    """Print problems grouped by table, column, rule and value (rows listed compactly),
    errors first, in plain words; ``problems_file`` gets every problem, one per line."""
    import pandas as pd

    from impact.data.problems import count_text, group_problems

    n_err = int((problems["severity"] == "error").sum())
    n_warn = len(problems) - n_err
    click.echo(t("validate.header", lang, n_errors=n_err, n_warnings=n_warn, path=path))
    lines = group_problems(problems, lang)
    for p in lines.head(_MAX_SHOWN).itertuples(index=False):
        where = [str(p.file)]
        message = p.message
        if p.n == 1 and p.rows:
            where.append(f"{t('validate.row', lang)} {p.rows}")
        elif p.rows:
            head, dash, hint = message.partition(" — ")
            rows = t("validate.rows", lang, n=count_text(p.n, lang), rows=p.rows)
            message = f"{head}{rows}{dash}{hint}"
        if not pd.isna(p.column):
            where.append(str(p.column))
        label = t(f"validate.{p.severity}", lang)
        click.echo(
            f"  {label}{f' [{p.table}]' if p.table else ''} {' · '.join(where)} : {message} "
            f"({p.rule})",
            err=p.severity == "error",
        )
    if len(lines) > _MAX_SHOWN:
        hidden = int(lines["n"].iloc[_MAX_SHOWN:].sum())
        click.echo(t("validate.more", lang, n=count_text(hidden, lang)))
    if problems_file is not None:
        from impact.report.problems_file import write_problems_csv

        write_problems_csv(problems, problems_file, lang)


@click.group("impact", cls=_Impact)
@_help_option
@click.version_option(package_name="impact")
@_lang_option
def cli(lang: str) -> None:
    """Évaluer l'impact du partenariat patient (impact --help)."""


def _valid_programme(path: Path, lang: str, problems_file: Path | None = None):
    """The programme at ``path`` and its warnings; exit 2 with the problems (also written
    to ``problems_file`` when given) when the path or the data break the contract."""
    from impact.errors import RunCheckError
    from impact.run.output_folder import check_data_path

    try:
        check_data_path(path, lang)
    except RunCheckError as exc:
        click.echo(str(exc), err=True)
        sys.exit(2)
    from impact.data.loading import read_programme

    programme, problems = read_programme(
        path, lang=lang, progress=lambda line: click.echo(line, err=True)
    )
    if programme is None:
        _print_problems(problems, path, lang, problems_file)
        sys.exit(2)
    return programme, problems


@cli.command()
@_help_option
@click.argument("path", type=click.Path(path_type=Path))
@_lang_option
@click.option("--problems", "problems_file", type=click.Path(path_type=Path), default=None)
def validate(path: Path, lang: str, problems_file: Path | None) -> None:
    """Check a data folder (CSV) or workbook (XLSX) against the data contract."""
    programme, problems = _valid_programme(path, lang, problems_file)
    if len(problems):
        _print_problems(problems, path, lang, problems_file)
    from impact.data.loading import programme_summary

    summary = programme_summary(programme, lang)
    click.echo(t("validate.ok", lang, path=path, summary=summary))


@cli.command("demo-data")
@_help_option
@click.argument("out_dir", type=click.Path(path_type=Path))
@click.option("--teams", "n_teams", type=click.IntRange(1, 2000), default=60, show_default=True)
@click.option("--seed", type=int, default=2024, show_default=True)
@_lang_option
def demo_data(out_dir: Path, n_teams: int, seed: int, lang: str) -> None:
    """Write the synthetic demo programme (with its true effects) as CSV files."""
    from impact.demo.programme import demo_programme

    written = demo_programme(n_teams=n_teams, seed=seed).to_csv(out_dir)
    click.echo(t("cli.demo-written", lang, n=len(written), path=out_dir))


@cli.command()
@_help_option
@click.argument("out", type=click.Path(path_type=Path))
@_lang_option
def template(out: Path, lang: str) -> None:
    """Write a collection template (XLSX) laid out as the data contract."""
    from impact.data.template import template_tables, write_template

    if out.suffix.lower() != ".xlsx":
        click.echo(t("cli.template-suffix", lang, path=out), err=True)
        sys.exit(2)
    if out.exists():
        click.echo(t("cli.template-exists", lang, path=out), err=True)
        sys.exit(2)
    write_template(out, lang)
    click.echo(t("cli.template-written", lang, path=out, n=len(template_tables())))


@contextlib.contextmanager
def _stop_on_signals() -> Iterator[None]:
    """Turn SIGINT into KeyboardInterrupt and SIGTERM into RunTerminated, once: later
    signals are ignored while the run cleans up (kernels killed, temporary files
    removed). Previous handlers restored on exit; nothing done outside the main thread."""
    from impact.errors import RunTerminated

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise RunTerminated() if signum == signal.SIGTERM else KeyboardInterrupt()

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@cli.command()
@_help_option
@click.argument("data", required=False, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", type=click.Path(path_type=Path), required=True)
@click.option("--teams", default=None)
@_lang_option
@click.option("--workers", type=click.IntRange(1, 64), default=None)
@click.option("--min-cell", type=click.IntRange(1, 1000), default=10, show_default=True)
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local",
              show_default=True)  # fmt: skip
@click.option("--scheduler", default=None, metavar="ADDRESS")
def run(
    data: Path | None,
    out_dir: Path,
    teams: str | None,
    lang: str,
    workers: int | None,
    min_cell: int,
    executor: str,
    scheduler: str | None,
) -> None:
    """Build the HTML reports: one per team and an index (no DATA: the demo programme)."""
    from impact.errors import DataValidationError, RunCheckError, RunTerminated
    from impact.run.output_folder import previous_folder
    from impact.run.runner import run_reports

    wanted = [s.strip() for s in teams.split(",") if s.strip()] if teams else None
    if scheduler is not None and executor != "dask":
        click.echo(t("cli.scheduler-needs-dask", lang), err=True)
        sys.exit(2)
    try:
        with _stop_on_signals():
            result = run_reports(data, out_dir, teams=wanted, lang=lang, workers=workers,
                                 min_cell=min_cell, executor=executor,
                                 scheduler=scheduler)  # fmt: skip
    except RunCheckError as exc:
        click.echo(str(exc), err=True)
        sys.exit(2)
    except DataValidationError as exc:
        _print_problems(exc.problems, data or out_dir, lang, None)
        sys.exit(2)
    except KeyboardInterrupt as exc:
        click.echo(t("run.interrupted", lang, out=out_dir), err=True)
        sys.exit(143 if isinstance(exc, RunTerminated) else 130)
    click.echo(t("run.done", lang, n=len(result.ok), index=Path(out_dir) / "index.html"))
    previous = previous_folder(result.out)
    if previous.is_dir():
        click.echo(t("run.kept-previous", lang, path=previous))
    for failure in result.failures:
        click.echo(t("run.failure", lang, team=failure.team_id, error=failure.error,
                     notebook=failure.notebook), err=True)  # fmt: skip
    if result.failures:
        sys.exit(1)


_UNIT = click.FloatRange(0, 1, min_open=True, max_open=True)
_POSITIVE = click.FloatRange(0, min_open=True)


@cli.command()
@_help_option
@click.argument("data", required=False, type=click.Path(path_type=Path))
@click.option("--power", type=_UNIT, default=0.8, show_default=True)
@click.option("--alpha", type=_UNIT, default=0.05, show_default=True)
@click.option("--teams", default=None)
@click.option("--out", "plan_out", type=click.Path(dir_okay=False, path_type=Path), default=None)
@click.option("--min-cell", type=click.IntRange(1, 1000), default=10, show_default=True)
@click.option("--teams-count", type=click.IntRange(1, 100_000), default=None)
@click.option("--answers", type=click.IntRange(2, 10_000_000), default=None)
@click.option("--baseline", type=_UNIT, default=None)
@click.option("--sd", type=_POSITIVE, default=None)
@click.option("--tau", type=click.FloatRange(0), default=0.0, show_default=True)
@click.option("--target", type=_POSITIVE, default=None)
@click.option("--its", is_flag=True, default=False)
@_lang_option
def plan(
    data: Path | None, power: float, alpha: float, teams: str | None, plan_out: Path | None,
    min_cell: int, teams_count: int | None, answers: int | None, baseline: float | None,
    sd: float | None, tau: float, target: float | None, its: bool, lang: str,
) -> None:  # fmt: skip
    """Minimum detectable effects per team and outcome, or before a programme starts."""
    import pandas as pd

    from impact.report.plan_text import mde_rows_shown, plan_table_text, pre_plan_text
    from impact.synthesis.planning import its_mde, plan_programme, pooled_mde, team_mde

    if power <= alpha:
        click.echo(t("plan.power-alpha", lang, power=power, alpha=alpha), err=True)
        sys.exit(2)
    planning = teams_count is not None or answers is not None
    if data is not None and planning:
        click.echo(t("plan.both-modes", lang), err=True)
        sys.exit(2)
    if data is None:
        if teams_count is None or answers is None:
            click.echo(t("plan.need-mode", lang), err=True)
            sys.exit(2)
        if (baseline is None) == (sd is None):
            click.echo(t("plan.baseline-or-sd", lang), err=True)
            sys.exit(2)
        table = plan_programme(teams=teams_count, answers=answers, baseline=baseline, sd=sd,
                               tau=tau, target=target, power=power, alpha=alpha)  # fmt: skip
        click.echo(pre_plan_text(table, lang, unit="points" if baseline is not None else "sd"))
        if plan_out is not None:
            table.to_csv(plan_out, index=False)
            click.echo(t("plan.written", lang, path=plan_out))
        return
    programme, _ = _valid_programme(data, lang)
    wanted = [x.strip() for x in teams.split(",") if x.strip()] if teams else None
    unknown = sorted(set(wanted or ()) - set(programme.team_ids))
    if unknown:
        click.echo(t("plan.unknown-teams", lang, teams=", ".join(unknown)), err=True)
        sys.exit(2)
    table = team_mde(programme, teams=wanted, power=power, alpha=alpha)
    if its:  # slower: simulated from each series' fitted model
        table = pd.concat([table, its_mde(programme, teams=wanted, power=power, alpha=alpha)],
                          ignore_index=True)  # fmt: skip
    shown = mde_rows_shown(table, min_cell)
    pooled = pooled_mde(shown.loc[~shown["suppressed"]], power=power, alpha=alpha)
    click.echo(plan_table_text(shown, pooled, lang, min_cell=min_cell, power=power,
                               alpha=alpha))  # fmt: skip
    if plan_out is not None:
        shown.to_csv(plan_out, index=False)
        click.echo(t("plan.written", lang, path=plan_out))


@cli.command("import-survey")
@_help_option
@click.argument("export", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--table",
    "survey_table",
    required=True,
    type=click.Choice(
        ["barometer_responses", "prem_responses", "prom_responses", "questionnaire_responses"]
    ),
)
@click.option("--map", "mapping_file", type=click.Path(dir_okay=False, path_type=Path),
              required=True)  # fmt: skip
@click.option("--out", "survey_out", type=click.Path(dir_okay=False, path_type=Path), default=None)
@click.option("--draft", is_flag=True, default=False)
@_lang_option
def import_survey(
    export: Path, survey_table: str, mapping_file: Path, survey_out: Path | None, draft: bool,
    lang: str,
) -> None:  # fmt: skip
    """Turn a wide survey export into a long table of the data contract."""
    from impact.data.surveys import draft_mapping, import_survey, read_export, write_mapping

    if draft or not mapping_file.exists():
        rows = draft_mapping(read_export(export), survey_table)
        write_mapping(rows, mapping_file)
        mapped = rows[rows["kind"] == "column"]
        click.echo(t("survey.draft-written", lang, path=mapping_file,
                     n_items=int((mapped["target"] != "").sum()),
                     n_check=int(((rows["score"] < 100) & (rows["target"] != "")).sum()),
                     n_blank=int((rows["target"] == "").sum())))  # fmt: skip
        return
    frame, problems = import_survey(export, table=survey_table, mapping=mapping_file, lang=lang)
    errors = [p for p in problems if p.severity == "error"]
    if problems:
        click.echo(t("survey.header", lang, n_errors=len(errors),
                     n_warnings=len(problems) - len(errors), path=export))  # fmt: skip
    for p in sorted(problems, key=lambda p: p.severity != "error"):
        label = t(f"validate.{p.severity}", lang)
        where = export.name + (f" · {t('survey.sheet', lang, sheet=p.sheet)}" if p.sheet else "")
        click.echo(f"  {label} {where} : {p.message}", err=p.severity == "error")
    if errors:
        sys.exit(2)
    out = survey_out or export.with_name(f"{survey_table}.csv")
    frame.to_csv(out, index=False, encoding="utf-8")
    click.echo(t("survey.written", lang, n=len(frame), path=out, table=survey_table,
                 n_rows=frame.attrs["export_rows"]))  # fmt: skip


@cli.group(cls=click.Group)
@_help_option
@_lang_option
def comments(lang: str) -> None:
    """Review the free-text comments with patient partners."""


@comments.command("review")
@_help_option
@click.argument("data", type=click.Path(path_type=Path))
@click.argument("out", type=click.Path(path_type=Path))
@_lang_option
@click.option("--team", "review_teams", multiple=True)
@click.option("--processes", type=click.IntRange(1, 64), default=None)
def comments_review(
    data: Path, out: Path, lang: str, review_teams: tuple[str, ...], processes: int | None
) -> None:
    """Write the review sheet of DATA's masked comments."""
    from impact.text.review_sheet import METHOD_WORDS, review_sheet, write_review_sheet

    if out.suffix.lower() != ".xlsx":
        click.echo(t("review.out-suffix", lang, path=out), err=True)
        sys.exit(2)
    if out.exists():
        click.echo(t("review.out-exists", lang, path=out), err=True)
        sys.exit(2)
    programme, _ = _valid_programme(data, lang)
    known = programme.teams["team_id"].astype(str).tolist()  # comparison units too
    unknown = sorted(set(review_teams) - set(known))
    if unknown:
        click.echo(t("review.unknown-team", lang, unknown=", ".join(unknown),
                     known=", ".join(known)), err=True)  # fmt: skip
        sys.exit(2)
    teams = list(review_teams) or None
    chosen = programme.comments
    if teams is not None and "team_id" in chosen.columns:
        chosen = chosen.loc[chosen["team_id"].isin(teams)]
    if chosen.empty:
        which = t("review.for-teams", lang, teams=", ".join(teams)) if teams else ""
        click.echo(t("review.no-comments", lang, path=data, teams=which), err=True)
        sys.exit(2)
    n_process = processes or min(2, os.cpu_count() or 1)
    sheet = review_sheet(programme, teams=teams, n_process=n_process)
    write_review_sheet(out, sheet, lang)
    n_reviewed = int(sheet.rows["comment"].isin(sheet.reviewed).sum())
    click.echo(t("review.sheet-written", lang, path=out, n=len(sheet.rows), n_reviewed=n_reviewed,
                 method=METHOD_WORDS[lang][sheet.classification.method]))  # fmt: skip


@comments.command("import")
@_help_option
@click.argument("sheet", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("data", type=click.Path(path_type=Path))
@click.option("--out", "reviews_out", type=click.Path(dir_okay=False, path_type=Path),
              default=None)  # fmt: skip
@_lang_option
def comments_import(sheet: Path, data: Path, reviews_out: Path | None, lang: str) -> None:
    """Import the reviews of a filled review sheet into DATA's comment_reviews."""
    from impact.text.review_import import merge_reviews, read_review_sheet, write_reviews

    workbook = data.suffix.lower() == ".xlsx"
    if workbook and reviews_out is None:
        click.echo(t("review.out-required", lang, path=data), err=True)
        sys.exit(2)
    programme, _ = _valid_programme(data, lang)
    known = programme.comments["comment"].astype(str) if len(programme.comments) else []
    imported, problems = read_review_sheet(sheet, known, programme.comment_themes, lang)
    if imported is None:
        click.echo(t("review.header", lang, n=len(problems), path=sheet), err=True)
        for problem in problems:
            click.echo(f"  {t('validate.error', lang)} {problem.text(lang)}", err=True)
        sys.exit(2)
    merged = merge_reviews(programme.comment_reviews, imported.reviews)
    out = reviews_out or data / "comment_reviews.csv"
    write_reviews(out, merged)
    click.echo(t("review.imported", lang, n=imported.n_reviewed, total=imported.n_rows,
                 confirmed=imported.confirmed, corrected=imported.corrected,
                 removed=imported.removed, added=imported.added, changed=imported.changed,
                 rows=len(imported.reviews), path=out))  # fmt: skip


def main() -> None:
    """Entry point of the ``impact`` console script; never shows a traceback."""
    try:
        cli.main(standalone_mode=True)
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001 - last resort: a message, not a traceback
        error = f"{type(exc).__name__}: {exc}"
        click.echo(t("cli.unexpected", cli_language(sys.argv[1:]), error=error), err=True)
        sys.exit(1)
