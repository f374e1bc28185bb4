"""The comments' tables of a run, computed once: masked, themed, compared, measured.

:func:`comment_tables` is the run's one pass over the free-text comments. Every comment is
masked first (:func:`impact.text.mask`): nothing after it reads the text as written, and
only masked text is kept (the example quotes). The masked comments are classified with the
programme's reviews and catalogues (:func:`impact.text.classify`: reviews authoritative,
the rules or the supervised method elsewhere), then per team and period the share of
comments touching each theme and the negative share within it
(:func:`impact.text.change.theme_shares`), their change after − before with Newcombe's
interval (:func:`impact.text.change.theme_changes`), candidate example quotes
(:func:`impact.text.quotes.example_quotes`) and the changes pooled across the programme's
teams (:func:`impact.text.change.pooled_theme_changes`) — from the teams' changes that
the privacy pass shows only (:func:`impact.report.privacy.publishable`, rule 2: no
published aggregate contains a hidden unit). The engine's accuracy is measured on the
shipped held-out sets with the run's catalogues
(:func:`impact.text.accuracy.held_out_accuracy`), so the methods show measured figures.
Nothing here is hidden but the pooled inputs: the team sections publish the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd

from impact.data.programme import Programme
from impact.report.privacy import DEFAULT_MIN_CELL, publishable
from impact.text import classify, mask, read_catalogue, read_polarity
from impact.text.accuracy import held_out_accuracy
from impact.text.change import pooled_theme_changes, theme_changes, theme_shares
from impact.text.quotes import example_quotes

__all__ = ["QUOTE_CHARS", "CommentTables", "comment_tables"]

#: Longest quote shown (characters), and shortest.
QUOTE_CHARS = (30, 160)
#: Quotes kept per team × theme × period.
QUOTES_PER_THEME = 1


@dataclass
class CommentTables:
    """The comments' tables of a run (or a team's slice of them).

    Attributes
    ----------
    shares : pandas.DataFrame
        :func:`impact.text.change.theme_shares` by ``team_id`` (every count kept).
    changes : pandas.DataFrame
        :func:`impact.text.change.theme_changes` of ``shares``.
    quotes : pandas.DataFrame
        Candidate example quotes, masked (:func:`impact.text.quotes.example_quotes`:
        ``comment``, ``team_id``, ``theme``, ``period``, ``tone``, ``text``); the page
        keeps those of the groups it shows.
    pooled : pandas.DataFrame
        :func:`impact.text.change.pooled_theme_changes` of the programme teams' visible
        changes (the same for every slice).
    accuracy : pandas.DataFrame
        :func:`impact.text.accuracy.held_out_accuracy` with the run's catalogues.
    themes : pandas.DataFrame
        The theme catalogue's ``code``, ``label_fr``, ``label_en``.
    method : str
        ``règles`` or ``supervisé``: the method of the comments not reviewed.
    n_reviewed : int
        Comments reviewed (their themes are the reviewers').
    n_excluded : int
        Programme teams with comments whose changes were left out of the pooled ones
        (hidden by the privacy pass).
    """

    shares: pd.DataFrame
    changes: pd.DataFrame
    quotes: pd.DataFrame
    pooled: pd.DataFrame
    accuracy: pd.DataFrame
    themes: pd.DataFrame
    method: str
    n_reviewed: int
    n_excluded: int = 0
    min_cell: int = DEFAULT_MIN_CELL
    teams: list[str] = field(default_factory=list)

    def __repr__(self) -> str:
        return (f"CommentTables({len(self.teams)} teams, {len(self.shares)} shares, "
                f"{len(self.changes)} changes, {len(self.quotes)} quotes, "
                f"method={self.method!r}, n_reviewed={self.n_reviewed})")  # fmt: skip

    def team(self, team_id: str) -> CommentTables:
        """The team's rows of the per-team tables (the run-level ones unchanged)."""
        return replace(
            self,
            shares=_rows(self.shares, team_id),
            changes=_rows(self.changes, team_id),
            quotes=_rows(self.quotes, team_id),
            teams=[team_id],
        )


def _rows(table: pd.DataFrame, team_id: str) -> pd.DataFrame:
    return table.loc[table["team_id"].astype(str) == team_id].reset_index(drop=True)


def comment_tables(
    programme: Programme, *, min_cell: int = DEFAULT_MIN_CELL, n_process: int = 1
) -> CommentTables | None:
    """Mask, classify, compare and measure the programme's comments (None without any).

    Parameters
    ----------
    programme : Programme
        The validated programme (its ``comments``, ``comment_reviews``, and the
        catalogues ``comment_themes`` and ``comment_polarity``: the shipped defaults when
        empty).
    min_cell : int, default 10
        Minimum cell size of the privacy pass that chooses the teams pooled.
    n_process : int, default 1
        Worker processes of the masker and of the rules (the run's ``workers``).

    Returns
    -------
    CommentTables or None
    """
    comments = programme.comments
    if comments.empty or "text" not in comments.columns:
        return None
    catalogue = programme.comment_themes if len(programme.comment_themes) else read_catalogue()
    polarity = programme.comment_polarity if len(programme.comment_polarity) else read_polarity()
    ids = comments["comment"].astype(str)
    masked = pd.Series(mask(comments["text"].astype(str).tolist(), n_process=n_process),
                       index=ids.to_numpy(), name="text")  # fmt: skip
    reviews = programme.comment_reviews
    found = classify(masked, reviews if len(reviews) else None, catalogue=catalogue,
                     polarity=polarity, n_process=n_process)  # fmt: skip
    keys = comments[["comment", "team_id", "period"]].astype(str)
    shares = theme_shares(keys, found.labels)
    changes = theme_changes(shares)
    lo, hi = QUOTE_CHARS
    quotes = example_quotes(masked, found.labels, keys, per_theme=QUOTES_PER_THEME,
                            max_chars=hi, min_chars=lo)  # fmt: skip
    pooled, excluded = _pooled(shares, changes, programme.team_ids, min_cell)
    return CommentTables(
        shares=shares,
        changes=changes,
        quotes=quotes,
        pooled=pooled,
        accuracy=held_out_accuracy(catalogue, polarity),
        themes=catalogue[["code", "label_fr", "label_en"]].reset_index(drop=True),
        method=found.method,
        n_reviewed=int(found.n_reviewed),
        n_excluded=excluded,
        min_cell=int(min_cell),
        teams=sorted(set(keys["team_id"])),
    )


def _pooled(shares: pd.DataFrame, changes: pd.DataFrame, teams: list[str], min_cell: int
            ) -> tuple[pd.DataFrame, int]:  # fmt: skip
    """The programme teams' visible changes pooled per theme, and how many teams with
    comments had every change hidden."""
    mine = changes["team_id"].isin([str(t) for t in teams])
    shown = publishable({"comments": {"shares": shares.loc[shares["team_id"].isin(teams)],
                                      "changes": changes.loc[mine]}}, min_cell)  # fmt: skip
    visible = shown["comments"]["changes"]
    visible = visible.loc[~visible["suppressed"].astype(bool)].drop(columns="suppressed")
    excluded = changes.loc[mine, "team_id"].nunique() - visible["team_id"].nunique()
    if visible.empty:
        return pd.DataFrame(columns=["theme", "quantity", "k", "estimate", "ci_low",
                                     "ci_high"]), int(excluded)  # fmt: skip
    return pooled_theme_changes(visible.drop(columns="team_id")), int(excluded)
