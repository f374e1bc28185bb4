"""The command line speaks the run's language: help pages, option help, click's own
messages, validation messages and every line printed (``--lang`` anywhere on the command
line, else ``IMPACT_LANG``, else French)."""

from __future__ import annotations

import ast
import csv
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import impact.data.loading
from impact.cli import CLICK_MODULES, cli, cli_language
from impact.data.messages import CLICK_FR

#: Words that give a language away (none is a word of the other language, a path, a
#: team id or an option name).
FRENCH = ("Utilisation", "Erreur", "Afficher", "équipe", "données", "inconnu", "obligatoire",
          "par défaut", "rapport(s)", "fichiers écrits", "colonne", "Code de l'indicateur",
          "Interrompu", "Commandes", "Vouliez-vous")  # fmt: skip
ENGLISH = ("Usage:", "Error:", "Show this", "Missing", "Try '", "default:", "required]",
           "team", "report(s)", "files written", "column", "Aborted", "Commands:",
           "Did you mean", "Indicator code", "the ")  # fmt: skip


def _invoke(args: list[str], env: dict[str, str] | None = None) -> click.testing.Result:
    result = CliRunner().invoke(cli, args, env={"COLUMNS": "200", **(env or {})})
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    assert not crashed, (result.output, result.exception)
    return result


#: Not words of a language: paths, option names, file names, table names and rule codes.
NAMES = re.compile(r"\S*/\S*|--[\w-]+|\b\w+\.(?:csv|xlsx)\b|\[[a-z_]+\]|\([a-z]+(?:-[a-z]+)+\)")


def _assert_language(text: str, lang: str) -> None:
    other = ENGLISH if lang == "fr" else FRENCH
    words = NAMES.sub(" ", text)
    found = [word for word in other if word in words]
    assert not found, f"{found} in a {lang} output:\n{text}"


HELP_PAGES = [[], ["validate"], ["demo-data"], ["run"]]


@pytest.mark.parametrize("command", HELP_PAGES, ids=["impact", "validate", "demo-data", "run"])
def test_help_pages_follow_lang_given_anywhere(command: list[str]):
    french = _invoke([*command, "--help"]).output
    english = _invoke([*command, "--help", "--lang", "en"]).output
    assert french.startswith("Utilisation : impact") and "Afficher cette aide" in french
    assert english.startswith("Usage: impact") and "Show this message and exit." in english
    _assert_language(french, "fr")
    _assert_language(english, "en")
    assert _invoke([*command, "--help"], env={"IMPACT_LANG": "en"}).output == english
    assert _invoke([*command, "--lang=en", "--help"]).output == english


def test_option_help_and_defaults_are_translated():
    french = " ".join(_invoke(["run", "--help"]).output.split())  # lines unwrapped
    assert "Dossier des rapports. [obligatoire]" in french and "[par défaut : 10;" in french
    english = " ".join(_invoke(["run", "--help", "--lang", "en"]).output.split())
    assert "Folder for the reports. [required]" in english and "[default: 10;" in english


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_usage_errors_are_in_the_run_language(lang: str):
    bad_option = _invoke(["run", "--bogus", "--lang", lang])
    missing = _invoke(["validate", "--lang", lang])
    bad_value = _invoke(["demo-data", "d", "--teams", "0", "--lang", lang])
    for result in (bad_option, missing, bad_value):
        assert result.exit_code == 2
        _assert_language(result.output, lang)
    if lang == "fr":
        assert "Erreur : Option inconnue : '--bogus'." in bad_option.output
        assert "Erreur : Argument manquant 'PATH'." in missing.output
        assert "n'est pas dans l'intervalle 1<=x<=2000" in bad_value.output
    else:
        assert "Error: No such option '--bogus'." in bad_option.output
        assert "Error: Missing argument 'PATH'." in missing.output


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_interrupted_command_says_so_in_the_run_language(lang, valid_dir, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(impact.data.loading, "read_programme", interrupted)
    result = _invoke(["validate", str(valid_dir), "--lang", lang])
    assert result.exit_code == 1
    assert ("Interrompu !" if lang == "fr" else "Aborted!") in result.output
    _assert_language(result.output, lang)


def _drop_column(folder: Path, table: str, column: str) -> None:
    path = folder / f"{table}.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        header, *rows = list(csv.reader(fh))
    i = header.index(column)
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([r[:i] + r[i + 1 :] for r in [header, *rows]])


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_validation_messages_are_in_the_run_language(lang: str, valid_dir: Path):
    _drop_column(valid_dir, "indicator_values", "indicator")
    result = _invoke(["validate", str(valid_dir), "--lang", lang])
    assert result.exit_code == 2
    _assert_language(result.output, lang)
    expected = (
        "colonne obligatoire absente : « indicator » (Code de l'indicateur)"
        if lang == "fr"
        else "required column missing: 'indicator' (Indicator code)"
    )
    assert expected in result.output  # fmt: skip


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_valid_folder_and_the_demo_data_line_are_in_the_run_language(lang, valid_dir,
                                                                        tmp_path):  # fmt: skip
    valid = _invoke(["validate", str(valid_dir), "--lang", lang])
    demo = _invoke(["demo-data", str(tmp_path / "d"), "--teams", "2", "--lang", lang])
    for result in (valid, demo):
        assert result.exit_code == 0
        _assert_language(result.output, lang)
    if lang == "fr":
        assert "2 équipes, 1 unités de comparaison" in valid.output
        assert "fichiers écrits dans" in demo.output
    else:
        assert "2 teams, 1 comparison units" in valid.output
        assert "files written to" in demo.output


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_run_refusals_are_in_the_run_language(lang: str, valid_dir: Path, tmp_path: Path):
    unknown = _invoke(["run", str(valid_dir), "--out", str(tmp_path / "o"), "--teams", "T99",
                       "--lang", lang])  # fmt: skip
    a_file = _invoke(["run", str(valid_dir / "teams.csv"), "--out", str(tmp_path / "o"),
                      "--lang", lang])  # fmt: skip
    for result in (unknown, a_file):
        assert result.exit_code == 2
        _assert_language(result.output, lang)
    if lang == "fr":
        assert "équipe(s) inconnue(s) : T99 ; équipes connues : T01, T02" in unknown.output
    else:
        assert "unknown team(s): T99; known teams: T01, T02" in unknown.output


def test_the_real_command_speaks_english_when_asked(tmp_path: Path):
    """The installed entry point (``python -m impact``), not click's test runner."""
    command = [sys.executable, "-m", "impact", "run", "--help", "--lang", "en"]
    done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0 and done.stdout.startswith("Usage: impact run")
    _assert_language(done.stdout + done.stderr, "en")


def test_the_language_rule():
    assert cli_language([], {}) == "fr"
    assert cli_language(["run", "--lang", "en", "--lang", "fr"], {}) == "fr"  # the last one
    assert cli_language(["run", "--lang", "de"], {"IMPACT_LANG": "en"}) == "en"
    assert cli_language(["run", "--", "--lang", "en"], {}) == "fr"


def _click_messages() -> set[str]:
    """Every message click's modules mark for gettext (``_("…")``, ``ngettext("…", "…")``)."""
    found = set()
    for name in CLICK_MODULES:  # the modules whose translation functions impact replaces
        path = Path(click.__file__).parent / f"{name}.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("_", "ngettext")):  # fmt: skip
                args = node.args if node.func.id == "_" else node.args[:2]
                found |= {a.value for a in args if isinstance(a, ast.Constant)}
    return found


def test_every_click_message_has_a_french_text():
    messages = _click_messages()
    assert len(messages) > 50  # the scan finds click's messages
    assert not sorted(messages - set(CLICK_FR))
