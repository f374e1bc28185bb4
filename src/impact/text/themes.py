"""Themes of (masked) free-text comments and the tone of each, by transparent rules.

The method, step by step, so that every answer can be explained from the comment:

1. **Words, clauses, segments** (:mod:`impact.text.matching`): the comment is cut into
   words, each known by its form, its lemma and its singular, all without accents; into
   segments at sentence ends and at contrast markers (« mais », « cependant », « par
   contre », « pourtant », « toutefois », « en revanche », « sauf que », « néanmoins »,
   « malgré »); and segments into clauses at commas and dashes.
2. **Themes**: a theme is found when one of its catalogue expressions
   (``data_schemas/catalogues/comment_themes.csv``, editable: lemmas or expressions
   separated by « ; ») occurs in a clause; the longest expression wins where two overlap.
3. **Polarity of a clause**: each expression of the polarity lexicon
   (``data_schemas/catalogues/comment_polarity.csv``: +1 or −1) found in the clause counts
   its sign, reversed when a negation word (« ne », « n' », « pas », « jamais », « aucun »,
   « aucune », « rien », « sans », « ni ») stands at most four words before it in the same
   clause — so « ne … plus » is a negation through its « ne », « pas du tout satisfait » is
   negative, « aucun problème » and « jamais eu froid » are positive. A negation with no
   lexicon expression in its reach counts −1 once in its clause (« personne ne m'a
   expliqué », « n'a jamais été évaluée »). Lexicon expressions that contain a negation
   word (« pas terrible », « sans plus », « rien à redire ») are read whole first.
4. **Tone of a theme in a clause**: positive when the clause counts only positive signs,
   negative when only negative, mixed when both. A clause with no sign takes the sign of
   its segment (sum of its clauses); a segment opened by a contrast marker with no sign
   takes the opposite of the segment before it (« les plateaux arrivaient froids mais le
   personnel a accepté de les réchauffer »); otherwise the sign of the whole comment; and
   when the comment has none, the theme is negative (:data:`DEFAULT_TONE`: a theme
   named without any evaluative word is read as a complaint; on the dev set the choice
   made no difference).
5. **Tone of a theme in the comment**: the tone of its clauses when they agree, mixed when
   they do not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pandas as pd

from ..data.schemas import schema_dir
from .matching import Clause, Matcher, clauses
from .pipeline import run_batches

__all__ = [
    "DEFAULT_TONE",
    "NEGATIONS",
    "TONES",
    "Rules",
    "read_catalogue",
    "read_polarity",
    "rules",
    "themes",
]

#: The tones, in the order used in tables.
TONES = ("positif", "negatif", "mixte")
#: Tone of a theme when nothing in the comment carries a sign.
DEFAULT_TONE = "negatif"
#: Negation words (folded): they reverse a lexicon expression up to four words after them.
NEGATIONS = frozenset({"ne", "n", "pas", "jamais", "aucun", "aucune", "rien", "sans", "ni"})
_REACH = 4
_CATALOGUE_COLUMNS = ["code", "label_fr", "label_en", "expressions"]


def read_catalogue(path: str | Path | None = None) -> pd.DataFrame:
    """The theme catalogue: ``code``, ``label_fr``, ``label_en``, ``expressions``.

    Parameters
    ----------
    path
        A CSV file with those columns (expressions separated by « ; »); by default the
        catalogue shipped in ``data_schemas/catalogues/comment_themes.csv``.

    Examples
    --------
    >>> read_catalogue()["code"].iloc[0]
    'accueil'
    """
    path = Path(path) if path is not None else schema_dir() / "catalogues" / "comment_themes.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in _CATALOGUE_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"The theme catalogue lacks the columns {missing}. Got {list(frame)}.")
    if frame["code"].eq("").any() or frame["code"].duplicated().any():
        raise ValueError(f"Theme codes must be given and unique. Got {frame['code'].tolist()}.")
    empty = frame.loc[frame["expressions"].str.strip().eq(""), "code"].tolist()
    if empty:
        raise ValueError(f"Every theme needs at least one expression. Got none for {empty}.")
    return frame[_CATALOGUE_COLUMNS].reset_index(drop=True)


def read_polarity(path: str | Path | None = None) -> pd.DataFrame:
    """The polarity lexicon: ``expression``, ``polarity`` (+1 or −1).

    By default ``data_schemas/catalogues/comment_polarity.csv``.
    """
    path = Path(path) if path is not None else schema_dir() / "catalogues" / "comment_polarity.csv"
    frame = pd.read_csv(path, dtype={"expression": str}, keep_default_na=False, encoding="utf-8")
    bad = frame.loc[~frame["polarity"].isin([1, -1]), "expression"].tolist()
    if bad:
        raise ValueError(f"A polarity is +1 or -1. Got another value for {bad}.")
    return frame[["expression", "polarity"]]


@dataclass(frozen=True)
class Rules:
    """The compiled theme catalogue and polarity lexicon."""

    themes: Matcher
    polarity: Matcher
    codes: tuple[str, ...]


def rules(catalogue: pd.DataFrame | None = None, polarity: pd.DataFrame | None = None) -> Rules:
    """Compile a theme catalogue and a polarity lexicon (the defaults when ``None``)."""
    catalogue = read_catalogue() if catalogue is None else catalogue
    polarity = read_polarity() if polarity is None else polarity
    pairs = [
        (expression.strip(), code)
        for code, expressions in zip(catalogue["code"], catalogue["expressions"], strict=True)
        for expression in str(expressions).split(";")
        if expression.strip()
    ]
    signs = zip(polarity["expression"], polarity["polarity"].astype(int), strict=True)
    return Rules(Matcher(pairs), Matcher(signs), tuple(catalogue["code"]))


def themes(
    texts: Sequence[str] | pd.Series,
    catalogue: pd.DataFrame | Rules | None = None,
    *,
    polarity: pd.DataFrame | None = None,
    batch_size: int = 2000,
    n_process: int = 1,
) -> pd.DataFrame:
    """The themes of each comment and the tone of each theme, by the rules of this module.

    Parameters
    ----------
    texts
        Masked comments (:func:`impact.text.masking.mask` first); a Series keeps its index
        as the comment identifier.
    catalogue
        Theme catalogue (:func:`read_catalogue`), or rules already compiled
        (:func:`rules`); the default catalogue when ``None``.
    polarity
        Polarity lexicon (:func:`read_polarity`); the default when ``None``.
    batch_size, n_process
        Comments per batch and worker processes.

    Returns
    -------
    pandas.DataFrame
        One row per comment × theme found: ``comment`` (position in ``texts``, or its
        index label for a Series), ``theme`` (code), ``tone`` (``positif``, ``negatif``,
        ``mixte``) and ``evidence`` (the words that matched, joined by « ; »). Comments in
        catalogue order of themes; a comment with no theme has no row.

    Examples
    --------
    >>> themes(["Accueil correct mais attente interminable."])[["theme", "tone"]]
                theme     tone
    0         accueil  positif
    1  attente_delais  negatif
    """
    compiled = catalogue if isinstance(catalogue, Rules) else rules(catalogue, polarity)
    ids = list(texts.index) if isinstance(texts, pd.Series) else list(range(len(texts)))
    found = run_batches(
        partial(_themes_batch, compiled), list(texts), batch_size=batch_size, n_process=n_process
    )
    rows = [
        (comment, *theme)
        for comment, comment_found in zip(ids, found, strict=True)
        for theme in comment_found
    ]
    frame = pd.DataFrame(rows, columns=["comment", "theme", "tone", "evidence"])
    return frame.astype({"theme": str, "tone": str, "evidence": str})


def _themes_batch(compiled: Rules, texts: list[str]) -> list[list[tuple[str, str, str]]]:
    return [comment_themes(text, compiled) for text in texts]


def comment_themes(text: str, compiled: Rules) -> list[tuple[str, str, str]]:
    """``(theme, tone, evidence)`` for each theme of one comment, in catalogue order."""
    if not isinstance(text, str):
        raise TypeError(f"Each comment must be a str. Got {text!r}.")
    parts = clauses(text)
    signs = [_signs(c, compiled.polarity) for c in parts]
    fallback = _fallback_signs(parts, signs)
    tones: dict[str, set[str]] = {}
    evidence: dict[str, list[str]] = {}
    for clause, sign, fall in zip(parts, signs, fallback, strict=True):
        for start, end, codes in compiled.themes.find(clause.words):
            words = " ".join(w.text for w in clause.words[start:end])
            for code in codes:
                tones.setdefault(code, set()).add(_tone(sign, fall))
                evidence.setdefault(code, []).append(words)
    return [
        (code, _combine(tones[code]), " ; ".join(dict.fromkeys(evidence[code])))
        for code in compiled.codes
        if code in tones
    ]


def _signs(clause: Clause, polarity: Matcher) -> tuple[int, int]:
    """(positive count, negative count) of a clause, negations applied."""
    found = polarity.find(clause.words)
    inside = {k for start, end, _ in found for k in range(start, end)}
    cues = [i for i, w in enumerate(clause.words) if i not in inside and w.keys & NEGATIONS]
    positive = negative = 0
    negated_any = False
    for start, _, values in found:
        sign = int(values[0])
        if any(0 < start - cue <= _REACH for cue in cues):
            sign, negated_any = -sign, True
        positive += sign > 0
        negative += sign < 0
    if cues and not negated_any:
        negative += 1
    return positive, negative


def _fallback_signs(parts: list[Clause], signs: list[tuple[int, int]]) -> list[int]:
    """The sign a clause without any takes: its segment's, else (a segment opened by a
    contrast) the opposite of the segment before, else the comment's."""
    segment_sum: dict[int, int] = {}
    for clause, (pos, neg) in zip(parts, signs, strict=True):
        segment_sum[clause.segment] = segment_sum.get(clause.segment, 0) + pos - neg
    total = sum(segment_sum.values())
    order = sorted(segment_sum)
    result = []
    for clause in parts:
        own = segment_sum[clause.segment]
        if own == 0 and clause.contrast:
            before = [s for s in order if s < clause.segment]
            own = -segment_sum[before[-1]] if before else 0
        result.append(_sign(own) or _sign(total))
    return result


def _sign(value: int) -> int:
    return (value > 0) - (value < 0)


def _tone(sign: tuple[int, int], fallback: int) -> str:
    positive, negative = sign
    if positive and negative:
        return "mixte"
    if positive or negative:
        return "positif" if positive else "negatif"
    return {1: "positif", -1: "negatif"}.get(fallback, DEFAULT_TONE)


def _combine(tones: set[str]) -> str:
    return next(iter(tones)) if len(tones) == 1 else "mixte"
