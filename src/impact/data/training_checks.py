"""Cross-table rules of the training tables (the schema-driven checks of types, keys and
codes come first; an answer to an unknown item or session is a ``foreign-key`` error).

Catalogue ``training_items``: a quiz item has its correct answer; a satisfaction item its
domain and scale; a scale's minimum is below its maximum. Sessions: the end date is not
before the start date; a session named by participants or answers is unknown when no
``training_sessions`` table was given. Answers: the (session, participant) pair is in
``training_participants``; the item is the session's training's (or common to every
training); the item's kind is asked at the answer's moment (:data:`KIND_MOMENTS`); the
answer fits its kind — a whole number of the item's scale (satisfaction), oui or non
(expectation, practice change), fait, en cours or pas commencé (action plan) — compared
without case, accents or surrounding spaces, as :mod:`impact.training` reads them; an
empty answer is no answer. Warnings: a participant with quiz answers at one of « avant »
and « après » but not the other (used in the unpaired analyses only); a participant whose
team is not the team the session trains. Quiz answers are not checked against a list of
choices: the contract has none (any answer other than the correct one is wrong).
"""

from __future__ import annotations

import pandas as pd

from impact.data.messages import t
from impact.data.problems import ProblemLog, as_text
from impact.data.reading import RawTable
from impact.data.rule_helpers import flag, fold, keyed, lookup
from impact.data.validation import decategorize

__all__ = ["ACTION_STATES", "KIND_MOMENTS", "YES_NO", "check_training", "folded"]

#: The moments at which each kind of item is asked.
KIND_MOMENTS = {
    "quiz": ("avant", "après"),
    "satisfaction": ("à chaud",),
    "expectation": ("attentes", "à chaud"),
    "practice_change": ("à distance",),
    "action_plan": ("à distance",),
}
#: Answers of expectation and practice-change items (French whatever the report language).
YES_NO = ("oui", "non")
#: Answers of action-plan items.
ACTION_STATES = ("fait", "en cours", "pas commencé")
#: The two moments of the quiz, paired per participant.
_QUIZ_MOMENTS = ("avant", "après")
_PERSON = ["session", "participant"]


def folded(values: pd.Series) -> pd.Series:
    """Texts without case, accents, surrounding spaces or repeated inner spaces (missing
    → "").

    Examples
    --------
    >>> folded(pd.Series([" Pas  Commencé ", None])).tolist()
    ['pas commence', '']
    """
    text = values.astype(object).where(values.notna(), "").astype(str)
    return text.map({value: " ".join(fold(value).split()) for value in text.unique()})


def check_training(
    frames: dict[str, pd.DataFrame],
    raw: dict[str, RawTable],
    log: ProblemLog,
) -> None:
    """Check the training tables' cross-table rules (see the module docstring).

    Parameters
    ----------
    frames : dict of str to pandas.DataFrame
        The typed tables (indexed by spreadsheet row), catalogues included.
    raw : dict of str to RawTable
        The same tables as read, for the cells as typed.
    log : ProblemLog
        Where the problems go.
    """
    items = frames.get("training_items")
    if items is not None:
        _check_catalogue(items, raw["training_items"], log)
    sessions = frames.get("training_sessions")
    if "training_sessions" not in raw:
        _refuse_sessions(frames, raw, log)
    if sessions is not None:
        backwards = sessions["end_date"] < sessions["date"]
        start = raw["training_sessions"].text("date").loc[sessions.index]
        flag(log, "training-dates", raw["training_sessions"], sessions, backwards, "end_date",
             start=start)  # fmt: skip
    people = frames.get("training_participants")
    if people is not None and sessions is not None:
        _warn_teams(people, sessions, raw["training_participants"], log)
    answers = frames.get("training_answers")
    if answers is None:
        return
    src = raw["training_answers"]
    if sessions is not None:
        _check_enrolment(answers, sessions, people, "training_participants" in raw, src, log)
    if items is not None:
        _check_answers(answers, sessions, items, src, log)


def _refuse_sessions(
    frames: dict[str, pd.DataFrame], raw: dict[str, RawTable], log: ProblemLog
) -> None:
    """Without a training_sessions table, every session named elsewhere is unknown (the
    foreign-key check skips a reference to a table not given)."""
    for name in ("training_participants", "training_answers"):
        frame = frames.get(name)
        if frame is not None:
            flag(log, "foreign-key", raw[name], frame, frame["session"].notna(), "session",
                 ref_table="training_sessions")  # fmt: skip


def _check_catalogue(items: pd.DataFrame, src: RawTable, log: ProblemLog) -> None:
    """A quiz item's correct answer; a satisfaction item's domain and scale; a scale's
    minimum below its maximum."""
    kind, item = decategorize(items["kind"]), decategorize(items["item"])
    quiz, satisfaction = kind == "quiz", kind == "satisfaction"
    flag(log, "training-quiz-correct", src, items, quiz & items["correct"].isna(), "correct",
         item=item)  # fmt: skip
    flag(log, "training-domain", src, items, satisfaction & items["domain"].isna(), "domain",
         item=item)  # fmt: skip
    for column in ("scale_min", "scale_max"):
        flag(log, "training-scale", src, items, satisfaction & items[column].isna(), column,
             item=item)  # fmt: skip
    low = as_text(items["scale_min"])
    order = items["scale_min"] >= items["scale_max"]
    flag(log, "training-scale-order", src, items, order, "scale_max", item=item, low=low)


def _warn_teams(
    people: pd.DataFrame, sessions: pd.DataFrame, src: RawTable, log: ProblemLog
) -> None:
    """A participant of a session that trains one team who is not of that team."""
    trained = lookup(people["session"], decategorize(keyed(sessions, "session")["team_id"]))
    team = decategorize(people["team_id"])
    other = trained.notna() & (team.isna() | (team != trained))
    shown = team.fillna(t("training.no-team", log.lang))
    flag(log, "training-team", src, people, other, "team_id", severity="warning",
         participant=people["participant"], session=people["session"], team=trained,
         shown=shown)  # fmt: skip


def _check_enrolment(
    answers: pd.DataFrame,
    sessions: pd.DataFrame,
    people: pd.DataFrame | None,
    supplied: bool,
    src: RawTable,
    log: ProblemLog,
) -> None:
    """Every answer's (session, participant) pair is in ``training_participants`` (not
    checked when that table failed its own checks; all missing when it was not given)."""
    if people is None and supplied:
        return
    session = decategorize(answers["session"])
    known_session = session.isin(decategorize(sessions["session"]).dropna())
    pairs = pd.MultiIndex.from_arrays([session, decategorize(answers["participant"])])
    enrolled = (
        pd.MultiIndex.from_arrays([decategorize(people[c]) for c in _PERSON])
        if people is not None
        else pd.MultiIndex.from_arrays([[], []])
    )
    missing = pd.Series(~pairs.isin(enrolled), index=answers.index) & known_session
    flag(log, "training-not-enrolled", src, answers, missing, "participant", session=session)


def _check_answers(
    answers: pd.DataFrame,
    sessions: pd.DataFrame | None,
    items: pd.DataFrame,
    src: RawTable,
    log: ProblemLog,
) -> None:
    """The item's training, its kind's moments, the answer's form; the quiz's pairs."""
    catalogue = keyed(items.assign(item=decategorize(items["item"])), "item")
    item = decategorize(answers["item"])
    kind = lookup(item, decategorize(catalogue["kind"]))
    known = pd.Series(sessions is not None, index=answers.index)
    if sessions is not None:
        session = decategorize(answers["session"])
        training = lookup(session, decategorize(keyed(sessions, "session")["training"]))
        known = training.notna()  # else a foreign-key error
        own = lookup(item, decategorize(catalogue["training"]))
        other = own.notna() & training.notna() & (own != training)
        flag(log, "training-item-training", src, answers, other, "item", own=own,
             training=training, session=session)  # fmt: skip
    moment = decategorize(answers["moment"])
    allowed = kind.map({k: ", ".join(moments) for k, moments in KIND_MOMENTS.items()})
    pairs = [(k, m) for k, moments in KIND_MOMENTS.items() for m in moments]
    asked = pd.MultiIndex.from_arrays([kind, moment]).isin(pairs)
    wrong = pd.Series(~asked, index=answers.index) & allowed.notna() & moment.notna()
    flag(log, "training-moment", src, answers, wrong, "moment", kind=kind, item=item,
         allowed=allowed)  # fmt: skip

    text = folded(decategorize(answers["answer"]))
    given = text != ""
    low = lookup(item, catalogue["scale_min"].astype(float))
    high = lookup(item, catalogue["scale_max"].astype(float))
    score = pd.to_numeric(text.where(given), errors="coerce")
    scaled = (kind == "satisfaction") & low.notna() & high.notna() & (low < high)
    off = score.isna() | (score != score.round()) | (score < low) | (score > high)
    flag(log, "training-score", src, answers, scaled & given & off, "answer", item=item,
         low=as_text(low), high=as_text(high))  # fmt: skip
    yes_no = kind.isin(["expectation", "practice_change"])
    flag(log, "training-yes-no", src, answers, yes_no & given & ~text.isin(YES_NO), "answer",
         item=item, kind=kind)  # fmt: skip
    plan = (kind == "action_plan") & given & ~text.isin(folded(pd.Series(ACTION_STATES)))
    flag(log, "training-action-state", src, answers, plan, "answer", item=item)
    _warn_unpaired(answers[(kind == "quiz") & given & known], src, log)


def _warn_unpaired(quiz: pd.DataFrame, src: RawTable, log: ProblemLog) -> None:
    """A participant with (non-empty) quiz answers at one quiz moment but not the other:
    one warning, on the first such answer."""
    quiz = pd.DataFrame({c: decategorize(quiz[c]) for c in (*_PERSON, "moment")})
    quiz = quiz.loc[quiz["moment"].isin(_QUIZ_MOMENTS)]
    moments = quiz.groupby(_PERSON)["moment"].transform("nunique")
    first = quiz.loc[moments == 1].drop_duplicates(_PERSON)
    if first.empty:
        return
    missing = first["moment"].map(dict(zip(_QUIZ_MOMENTS, reversed(_QUIZ_MOMENTS), strict=True)))
    flag(log, "training-unpaired", src, first, pd.Series(True, index=first.index), "moment",
         severity="warning", participant=first["participant"], session=first["session"],
         missing=missing)  # fmt: skip
