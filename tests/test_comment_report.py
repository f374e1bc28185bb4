"""The comments sections of the team and programme reports, and their privacy rules.

The programme is the demo skeleton with the hand-built comments of
tests/comment_report_data.py: T01 and T04 have many comments, T02 six per period (a small
group), T03 none. Expected shares are counted here from the engine's labels
(:func:`impact.text.classify` on the masked comments) and the intervals recomputed with
statsmodels' Newcombe interval (Newcombe 1998, method 10).
"""

from __future__ import annotations

import dataclasses
import html
import pickle
import re

import pandas as pd
import pytest
from statsmodels.stats.proportion import confint_proportions_2indep

from comment_report_data import NAME, PHONE, comment_frames
from impact.demo.programme import demo_programme
from impact.report.bundles import write_team_bundles
from impact.report.comment_tables import comment_tables
from impact.report.programme import programme_results
from impact.report.programme_comments import comments_section
from impact.report.results import compute_tables
from impact.report.team import SECTIONS, team_section, team_tables
from impact.text import classify, mask
from impact.text.accuracy import held_out_accuracy

NNBSP = "\u202f"
COUNTS = {"T01": (60, 70), "T02": (6, 6), "T04": (50, 60)}


@pytest.fixture(scope="module")
def programme():
    skeleton = demo_programme(n_teams=4, n_comparison=1, seed=1)
    return dataclasses.replace(skeleton, **comment_frames(COUNTS))


@pytest.fixture(scope="module")
def run(programme):
    return compute_tables(programme, ["T01", "T02", "T03", "T04"], programme_did=False)


@pytest.fixture(scope="module")
def labels(programme):
    comments = programme.comments
    masked = pd.Series(mask(comments["text"].tolist()), index=comments["comment"].to_numpy())
    return classify(masked, programme.comment_reviews).labels


def _page(programme, run, team, lang="fr") -> str:
    tables = team_tables(programme, team, run.team(team), lang=lang)
    return "".join(team_section(tables, "comments"))


def _text(page: str) -> str:
    page = re.sub(r"<style>.*?</style>|<img[^>]*>", "", page, flags=re.S)
    return re.sub(r"[ \t\r\n]+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page))).strip()


def _fr(x: float, sign: bool = True) -> str:
    text = f"{abs(100 * x):.0f}"
    return ("−" if round(100 * x) < 0 else "+" if sign and round(100 * x) > 0 else "") + text


def test_the_section_follows_the_training_and_has_its_title(programme, run):
    assert SECTIONS.index("comments") == SECTIONS.index("training") + 1
    assert _page(programme, run, "T01").startswith(
        '<h2 id="team-comments">Commentaires libres</h2>'
    )


def test_a_team_with_enough_comments_shows_shares_and_newcombe_changes(programme, run, labels):
    text = _text(_page(programme, run, "T01"))
    assert "60 avant le début du partenariat, 70 après" in text
    mine = programme.comments.loc[programme.comments["team_id"] == "T01"]
    periods = mine.set_index("comment")["period"]
    waiting = labels.loc[
        (labels["theme"] == "attente_delais") & labels["comment"].isin(mine["comment"])
    ]
    x0 = int((periods[waiting["comment"]] == "avant").sum())
    x1 = int((periods[waiting["comment"]] == "après").sum())
    assert x0 >= 10 and x1 >= 10  # the fixture's waiting theme is shown in both periods
    low, high = confint_proportions_2indep(x1, 70, x0, 60, method="newcomb", compare="diff")
    row = (
        f"Attente et délais {round(100 * x0 / 60)}{NNBSP}% {round(100 * x1 / 70)}{NNBSP}% "
        f"{_fr(x1 / 70 - x0 / 60)} (IC 95{NNBSP}% {_fr(low)} à {_fr(high)})"
    )
    assert row in text
    assert "Newcombe" in text and "Exemples de commentaires" in text
    assert '<q lang="fr">' in _page(programme, run, "T01")


def test_a_small_team_shows_no_number_nor_quote(programme, run):
    page = _page(programme, run, "T02")
    text = _text(page)
    assert "< 10 avant le début du partenariat, < 10 après" in text
    assert "Moins de 10 commentaires avant ou après" in text
    assert "<q" not in page and "<table" not in page and "<img" not in page
    assert not re.search(r"\d+\s?%", text.split("Méthode et exactitude")[0])


def test_a_team_without_comments_gets_one_sentence(programme, run):
    parts = team_section(team_tables(programme, "T03", run.team("T03")), "comments")
    assert _text("".join(parts[1:])) == "L'équipe n'a aucun commentaire libre."


def test_a_name_in_a_raw_comment_reaches_no_page_bundle_nor_table(programme, run, tmp_path):
    assert NAME in programme.comments["text"].iloc[0]
    pages = [_page(programme, run, team, lang) for team in COUNTS for lang in ("fr", "en")]
    res = programme_results(programme, lang="fr", n_boot=19)
    pages.append("".join(comments_section(res, run.comments)))
    for page in pages:
        assert NAME not in page and PHONE not in page
    assert "Merci au [NOM] qui m&#39;a rappelée au [TÉLÉPHONE]" in _page(programme, run, "T01")
    for path in write_team_bundles(programme, run, tmp_path).values():
        data = path.read_bytes()
        assert NAME.encode() not in data and PHONE.encode() not in data
        assert NAME not in repr(pickle.loads(data))
    for table in (run.comments.shares, run.comments.changes, run.comments.quotes):
        assert not table.astype(str).apply(lambda c: c.str.contains(NAME)).any().any()


def test_quotes_are_escaped(programme):
    frames = comment_frames({"T01": (50, 20)})  # 10 comments on meals before: shown
    frames["comments"].loc[1, "text"] = "Les repas <b>froids</b> & sans goût, vraiment décevant."
    tables = compute_tables(dataclasses.replace(programme, **frames), ["T01"], programme_did=False)
    page = _page(dataclasses.replace(programme, **frames), tables, "T01")
    assert "<b>froids</b>" not in page and "&lt;b&gt;froids&lt;/b&gt; &amp; sans" in page


def test_english_labels(programme, run):
    text = _text(_page(programme, run, "T01", lang="en"))
    assert "60 before the partnership started, 70 after" in text
    assert "Waiting and delays" in text and "95% CI" in text and "Example comments" in text


def test_the_accuracy_shown_is_held_out_accuracy(programme, run):
    accuracy = held_out_accuracy()
    value = accuracy.set_index(["measure", "label"])["value"]
    text = _text(_page(programme, run, "T01"))
    recall = f"{value[('masking_recall', 'all')]:.2f}".replace(".", ",")
    f1 = f"{value[('theme_macro_f1', 'all')]:.2f}".replace(".", ",")
    tone = f"{value[('tone_accuracy', 'all')]:.2f}".replace(".", ",")
    assert f"rappel {recall} des" in text and f"F1 macro {f1} sur" in text
    assert f"tonalité juste pour {tone} des" in text


def test_privacy_hides_small_themes_and_their_quotes(run):
    from impact.report.privacy import publishable

    shares = run.comments.shares
    shown = publishable({"comments": {"shares": shares, "changes": run.comments.changes,
                                      "quotes": run.comments.quotes}}, 10)["comments"]  # fmt: skip
    small = (shares["n_theme"] > 0) & (shares["n_theme"] < 10) | (
        (shares["n_comments"] > 0) & (shares["n_comments"] < 10)
    )
    assert small.any() and (shown["shares"]["suppressed"].to_numpy() == small.to_numpy()).all()
    assert shown["shares"].loc[small.to_numpy(), "share"].isna().all()
    hidden = set(zip(shares.loc[small, "team_id"], shares.loc[small, "period"],
                     shares.loc[small, "theme"], strict=True))  # fmt: skip
    kept = zip(shown["quotes"]["team_id"], shown["quotes"]["period"], shown["quotes"]["theme"],
               strict=True)  # fmt: skip
    assert not hidden & set(kept)
    assert "T02" not in set(shown["quotes"]["team_id"])
    changes = shown["changes"].set_index(["team_id", "theme"])
    assert changes.loc["T02", "difference"].isna().all()


def test_the_programme_section_pools_the_visible_teams(programme, run):
    res = programme_results(programme, lang="en", n_boot=19)
    text = _text("".join(comments_section(res, run.comments)))
    assert "Free-text comments: change of themes" in text
    assert "random effects" in text and "1 team(s) with comments left out" in text
    pooled = run.comments.pooled
    assert set(pooled.loc[pooled["quantity"] == "share", "k"]) <= {0, 1, 2}
    assert (pooled.loc[pooled["theme"] == "attente_delais", "k"] == 2).any()
    assert "Waiting and delays 2" in text


def test_a_programme_without_comments_says_so(programme):
    bare = dataclasses.replace(programme, comments=programme.comments.iloc[:0],
                               comment_reviews=programme.comment_reviews.iloc[:0])  # fmt: skip
    assert comment_tables(bare) is None
    res = programme_results(bare, lang="fr", n_boot=19)
    assert "Aucun commentaire libre fourni" in _text("".join(comments_section(res, None)))


def test_rules_on_hand_built_tables():
    """A period of 5 comments hides that period and every change of the team; a theme of 4
    comments in a period hides its row there, its change and its quotes; the period's
    count of comments stays."""
    from impact.report.privacy import comments_rules

    shares = pd.DataFrame({
        "team_id": ["A"] * 4 + ["B"] * 4, "theme": ["x", "x", "y", "y"] * 2,
        "period": ["avant", "après"] * 4,
        "n_comments": [30, 5, 30, 5, 40, 50, 40, 50], "n_theme": [12, 3, 4, 2, 20, 25, 4, 30],
        "share": [0.4, 0.6, 4 / 30, 0.4, 0.5, 0.5, 0.1, 0.6],
        "n_negative": [6, 1, 2, 1, 10, 5, 1, 3],
        "n_mixed": 0, "negative_share": [0.5, 1 / 3, 0.5, 0.5, 0.5, 0.2, 0.25, 0.1],
    })  # fmt: skip
    changes = pd.DataFrame({"team_id": ["A", "A", "B", "B"], "theme": ["x", "y", "x", "y"],
                            "difference": [0.2, 0.3, 0.0, 0.5], "reason": ""})  # fmt: skip
    quotes = pd.DataFrame({"team_id": ["A", "A", "A", "B", "B", "C"],
                           "theme": ["x", "x", "y", "x", "y", "x"],
                           "period": ["avant", "après", "avant", "après", "après", "avant"],
                           "text": list("uvwxyz")})  # fmt: skip
    out = comments_rules({"shares": shares, "changes": changes, "quotes": quotes}, 10)
    hidden = [False, True, True, True, False, False, True, False]
    assert out["shares"]["suppressed"].tolist() == hidden
    assert out["shares"]["share"].isna().tolist() == hidden
    assert out["shares"]["n_comments"].isna().tolist() == [False, True] * 2 + [False] * 4
    assert out["changes"]["difference"].isna().tolist() == [True, True, False, True]
    # A: "x" before only; B: both themes after ("y" before has 4); C has no counts: none
    assert out["quotes"]["text"].tolist() == ["u", "x", "y"]


def test_a_theme_no_comment_of_the_team_named_has_no_row(programme):
    """A theme other teams speak of but no comment of this team in either period is left
    out (a 0 % → 0 % row says nothing), while the themes named are there."""
    comments = programme.comments
    meals = (comments["team_id"] == "T01") & comments["text"].str.contains("repas")
    assert meals.any()
    without = dataclasses.replace(programme, comments=comments.loc[~meals])
    run = compute_tables(without, ["T01", "T04"], programme_did=False)
    assert (run.comments.shares["theme"] == "repas").any()  # T04 speaks of meals
    text = _text(_page(without, run, "T01"))
    assert " Repas " not in text
    assert " Attente et délais " in text
