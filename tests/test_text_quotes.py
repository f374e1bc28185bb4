"""Example quotes (impact.text.quotes): the stated rule, checked step by step on frames
built by hand (every expected choice is worked out from the rule in the comments)."""

from __future__ import annotations

import pandas as pd
import pytest

from impact.text import example_quotes

LONG = "x" * 250


def frames() -> tuple[pd.Series, pd.DataFrame, pd.DataFrame]:
    texts = pd.Series({
        "n1": "Les repas arrivaient froids tous les soirs.",  # 43 chars, négatif, repas only
        "n2": "Repas froids et attente très longue aux urgences.",  # 49, négatif, 2 themes
        "n3": "Repas froids, portions minuscules, rien à manger.",  # 49, négatif, repas only
        "p1": "Les repas étaient bons et variés, merci beaucoup.",  # 49, positif, repas only
        "p2": "Repas bons.",  # 11 chars: too short
        "m1": "Repas corrects   mais\nservis bien trop tard le soir.",  # mixte
        "l1": LONG,  # too long
        "a1": "Accueil chaleureux par toute l'équipe du service.",  # other team
        "q1": "Les repas de l'après étaient nettement meilleurs.",  # après, positif
    })  # fmt: skip
    labels = pd.DataFrame({
        "comment": ["n1", "n2", "n2", "n3", "p1", "p2", "m1", "l1", "a1", "q1"],
        "theme": ["repas", "repas", "attente", "repas", "repas", "repas", "repas", "repas",
                  "accueil", "repas"],
        "tone": ["negatif", "negatif", "negatif", "negatif", "positif", "positif", "mixte",
                 "negatif", "positif", "positif"],
    })  # fmt: skip
    comments = pd.DataFrame({
        "comment": ["n1", "n2", "n3", "p1", "p2", "m1", "l1", "a1", "q1"],
        "team_id": ["A"] * 7 + ["B", "A"],
        "period": ["avant"] * 8 + ["après"],
    })  # fmt: skip
    return texts, labels, comments


def test_tones_take_turns_single_theme_first_then_shortest():
    texts, labels, comments = frames()
    got = example_quotes(texts, labels, comments, per_theme=4)
    repas = got.loc[(got["team_id"] == "A") & (got["theme"] == "repas")
                    & (got["period"] == "avant")]  # fmt: skip
    # candidates (30–200 chars): négatif n1 (43, one theme), n3 (49, one theme),
    # n2 (49, two themes); positif p1; mixte m1. Turn 1: best négatif n1, positif p1,
    # mixte m1; turn 2: next négatif n3 (one theme, before n2 of the same length).
    assert repas["comment"].tolist() == ["n1", "p1", "m1", "n3"]
    assert repas["tone"].tolist() == ["negatif", "positif", "mixte", "negatif"]
    assert repas["rank"].tolist() == [1, 2, 3, 4]
    # the text is on one line: runs of white space become one space
    assert repas.loc[repas["comment"] == "m1", "text"].item() == (
        "Repas corrects mais servis bien trop tard le soir."
    )


def test_default_two_per_theme_and_groups_periods():
    texts, labels, comments = frames()
    got = example_quotes(texts, labels, comments)
    assert list(got.columns) == ["comment", "team_id", "theme", "period", "tone", "rank", "text"]
    assert got[["team_id", "theme", "period", "comment"]].values.tolist() == [
        ["A", "attente", "avant", "n2"],
        ["A", "repas", "avant", "n1"],
        ["A", "repas", "avant", "p1"],
        ["A", "repas", "après", "q1"],
        ["B", "accueil", "avant", "a1"],
    ]


def test_length_bounds_are_inclusive_and_exclude_short_and_long():
    texts, labels, comments = frames()
    got = example_quotes(texts, labels, comments, per_theme=10)
    assert not {"p2", "l1"} & set(got["comment"])
    # bounds inclusive: n1 has exactly 43 characters
    assert len(texts["n1"]) == 43
    only = example_quotes(texts, labels, comments, min_chars=43, max_chars=43, per_theme=10)
    assert only["comment"].tolist() == ["n1"]
    longer = example_quotes(texts, labels, comments, max_chars=300, per_theme=10)
    assert "l1" in set(longer["comment"])


def test_ties_broken_by_comment_id_and_deterministic():
    texts = pd.Series({"c2": "Attente de quatre heures aux urgences.",
                       "c1": "Attente de trois heures aux urgences.."})  # fmt: skip
    assert len(texts["c1"]) == len(texts["c2"])
    labels = pd.DataFrame({"comment": ["c2", "c1"], "theme": "attente", "tone": "negatif"})
    comments = pd.DataFrame({"comment": ["c2", "c1"], "team_id": "A", "period": "avant"})
    got = example_quotes(texts, labels, comments, per_theme=1)
    assert got["comment"].tolist() == ["c1"]
    # same answer whatever the order of the rows
    again = example_quotes(texts[::-1], labels[::-1], comments[::-1], per_theme=1)
    assert again.equals(got)


def test_comments_without_text_or_outside_the_table_are_skipped():
    texts, labels, comments = frames()
    none = pd.DataFrame({"comment": ["p2"], "theme": [None], "tone": [None]})  # no theme
    labels = pd.concat([labels, none], ignore_index=True)
    got = example_quotes(texts.drop("n1"), labels, comments.loc[comments["comment"] != "p1"])
    repas = got.loc[(got["theme"] == "repas") & (got["period"] == "avant")]
    assert repas["comment"].tolist() == ["n3", "m1"]  # négatif then mixte (no positif left)


def test_whole_programme_grouping_and_bad_input():
    texts, labels, comments = frames()
    got = example_quotes(texts, labels, comments, by=())
    assert "team_id" not in got.columns
    assert got.loc[got["theme"] == "accueil", "comment"].tolist() == ["a1"]
    with pytest.raises(ValueError, match="per_theme"):
        example_quotes(texts, labels, comments, per_theme=0)
    with pytest.raises(ValueError, match="min_chars"):
        example_quotes(texts, labels, comments, min_chars=50, max_chars=40)
    with pytest.raises(ValueError, match="Tones"):
        example_quotes(texts, labels.assign(tone="négatif"), comments)
    with pytest.raises(ValueError, match="Missing"):
        example_quotes(texts, labels, comments.drop(columns="period"))


def test_shorter_text_before_smaller_id():
    texts = pd.Series({"a": "Attente de quatre heures aux urgences, sans information.",
                       "z": "Attente de quatre heures aux urgences."})  # fmt: skip
    labels = pd.DataFrame({"comment": ["a", "z"], "theme": "attente", "tone": "negatif"})
    comments = pd.DataFrame({"comment": ["a", "z"], "team_id": "A", "period": "après"})
    got = example_quotes(texts, labels, comments)
    assert got["comment"].tolist() == ["z", "a"]
