"""Rules of the comment tables beyond their Table Schemas (types, codes, keys and the
foreign keys to ``teams``, ``comments`` and ``comment_themes`` are checked first).

Errors: a comment whose text holds only spaces (« commentaire vide »); a review line with
a theme but no tone, or a tone but no theme; a comment reviewed both as having no theme
(empty theme) and with themes. Warnings: a text without any letter or digit (« - »,
« ... »: it counts in the team's comments yet touches no theme); a comment of period
« après » dated before its team's start date, or of period « avant » dated on or after
it (a comment of the start date is « après », as an indicator month that starts on
the team's start month); a team whose comments are all of one period (no change
can be measured); a probable duplicate — the same text (without case, accents or repeated
spaces), team and question as an earlier row, from the same respondent, or without
respondent when the text has :data:`DUPLICATE_MIN_CHARS` characters or more (short
answers such as « RAS » or « merci » are written alike by different people).

Nothing else is asked of the text: a text starting like a formula (=, +, -, @) is text,
and writing it safely to a spreadsheet is the writers' job. A comparison unit's comments
are valid like any team's.
"""

from __future__ import annotations

import unicodedata

import pandas as pd

from impact.data.messages import t
from impact.data.problems import ProblemLog
from impact.data.reading import RawTable
from impact.data.rule_helpers import flag, keyed, lookup
from impact.data.validation import decategorize

__all__ = ["DUPLICATE_MIN_CHARS", "check_comments"]

#: Length (characters, after normalisation) from which the same text written twice in a
#: team without respondent is a probable duplicate.
DUPLICATE_MIN_CHARS = 40
_PERIODS = ("avant", "après")


def _folded(values: pd.Series) -> pd.Series:
    """Texts without case, accents, surrounding or repeated spaces (missing → ""): accents
    dropped with the characters NFKD leaves outside ASCII (3 times faster than
    :func:`impact.data.rule_helpers.fold` on 100,000 comments), a text of such characters
    only being kept whole.
    """
    text = values.astype(object).where(values.notna(), "").astype(str)

    def key(value: str) -> str:
        plain = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
        return " ".join((plain if plain.strip() else value).casefold().split())

    return text.map({value: key(value) for value in text.unique()})


def check_comments(
    frames: dict[str, pd.DataFrame],
    raw: dict[str, RawTable],
    log: ProblemLog,
) -> None:
    """Check the comment tables' rules (see the module docstring).

    Parameters
    ----------
    frames : dict of str to pandas.DataFrame
        The typed tables (indexed by spreadsheet row).
    raw : dict of str to RawTable
        The same tables as read, for the cells as typed.
    log : ProblemLog
        Where the problems go.
    """
    reviews = frames.get("comment_reviews")
    if reviews is not None:
        _check_reviews(reviews, raw["comment_reviews"], log)
    comments = frames.get("comments")
    if comments is None or comments.empty:
        return
    src = raw["comments"]
    text = decategorize(comments["text"])
    blank = text.notna() & (text.fillna("").str.strip() == "")
    flag(log, "comment-empty", src, comments, blank, "text")
    wordless = text.notna() & ~blank & ~text.fillna("").str.contains(r"[^\W_]", regex=True)
    flag(log, "comment-no-word", src, comments, wordless, "text", severity="warning")
    teams = frames.get("teams")
    if teams is not None:
        _warn_dates(comments, teams, src, log)
    _warn_one_period(comments, src, log)
    _warn_duplicates(comments.loc[~blank], src, log)


def _check_reviews(reviews: pd.DataFrame, src: RawTable, log: ProblemLog) -> None:
    """A theme needs a tone, a tone a theme; « no theme » excludes themes."""
    comment, theme = decategorize(reviews["comment"]), decategorize(reviews["theme"])
    tone = decategorize(reviews["tone"])
    flag(log, "review-no-tone", src, reviews, theme.notna() & tone.isna(), "tone",
         comment=comment, theme=theme)  # fmt: skip
    typed = _typed(src, "tone").loc[reviews.index]  # a tone refused by its enum counts too
    flag(log, "review-no-theme", src, reviews, theme.isna() & typed.ne(""), "theme",
         comment=comment, tone=typed)  # fmt: skip
    themed = pd.DataFrame({"comment": comment, "theme": theme}).dropna()
    listed = themed.groupby("comment")["theme"].agg(", ".join)
    none = theme.isna() & typed.eq("") & comment.isin(listed.index)
    flag(log, "review-none-and-themes", src, reviews, none, "theme", comment=comment,
         themes=lookup(comment, listed))  # fmt: skip


def _typed(src: RawTable, column: str) -> pd.Series:
    """The cells of ``column`` as typed, without surrounding spaces ("" if empty or if the
    file has no such column)."""
    if column not in src.frame.columns:
        return pd.Series("", index=src.frame.index)
    text = src.text(column).astype(object)
    return text.where(text.notna(), "").astype(str).str.strip()


def _warn_dates(
    comments: pd.DataFrame, teams: pd.DataFrame, src: RawTable, log: ProblemLog
) -> None:
    """A dated comment on the wrong side of its team's start date."""
    team = decategorize(comments["team_id"])
    start = lookup(team, keyed(teams.assign(team_id=decategorize(teams["team_id"])),
                               "team_id")["start_date"])  # fmt: skip
    period, date = decategorize(comments["period"]), comments["date"]
    shown = start.dt.strftime("%Y-%m-%d")
    before = date < start
    flag(log, "comment-after-dated-before", src, comments, (period == "après") & before,
         "date", severity="warning", team=team, start=shown)  # fmt: skip
    after = date.notna() & start.notna() & ~before
    flag(log, "comment-before-dated-after", src, comments, (period == "avant") & after,
         "date", severity="warning", team=team, start=shown)  # fmt: skip


def _warn_one_period(comments: pd.DataFrame, src: RawTable, log: ProblemLog) -> None:
    """A team whose comments are all of one period: one warning, on its first comment."""
    frame = pd.DataFrame({c: decategorize(comments[c]) for c in ("team_id", "period")})
    frame = frame.loc[frame["team_id"].notna() & frame["period"].isin(_PERIODS)]
    periods = frame.groupby("team_id")["period"].transform("nunique")
    counts = frame.groupby("team_id")["period"].transform("size")
    alone = periods == 1
    first = frame.loc[alone].drop_duplicates("team_id")
    if first.empty:
        return
    missing = first["period"].map(dict(zip(_PERIODS, reversed(_PERIODS), strict=True)))
    flag(log, "comment-one-period", src, first, pd.Series(True, index=first.index), "period",
         severity="warning", team=first["team_id"], n=counts.loc[first.index],
         missing=missing)  # fmt: skip


def _warn_duplicates(comments: pd.DataFrame, src: RawTable, log: ProblemLog) -> None:
    """The repeats of a text within a team and question (see the module docstring)."""
    key = pd.DataFrame(
        {
            "team_id": decategorize(comments["team_id"]).fillna(""),
            "respondent": decategorize(comments["respondent"]).fillna(""),
            "question": _folded(decategorize(comments["question"])),
            "text": _folded(decategorize(comments["text"])),
        },
        index=comments.index,
    )
    counted = (key["respondent"] != "") | (key["text"].str.len() >= DUPLICATE_MIN_CHARS)
    key = key.loc[counted & (key["text"] != "")]
    repeat = key.duplicated(keep="first")
    if not repeat.any():
        return
    columns = list(key.columns)
    first = key.reset_index(names="row").groupby(columns)["row"].transform("first")
    first.index = key.index
    repeats = key.loc[repeat]
    same = [
        t("comment.same-respondent", log.lang, respondent=who)
        if who
        else t("comment.same-team", log.lang)
        for who in repeats["respondent"]
    ]
    flag(log, "comment-duplicate", src, comments.loc[repeats.index],
         pd.Series(True, index=repeats.index), "text", severity="warning",
         first=first.loc[repeats.index], same=same)  # fmt: skip
