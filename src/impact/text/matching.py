"""Words of a comment and the expressions of a catalogue found among them.

A comment is cut into words (letters and digits; apostrophes and hyphens separate, so
« l'accueil » is « l » + « accueil » and « rendez-vous » is « rendez » + « vous »), and into
clauses and segments: a segment ends at « . ! ? ; : » or a line break and before a contrast
marker (« mais », « cependant », « par contre »…); a clause also ends at a comma or a dash.
Each word is known by three keys, all lower case without accents: its form, its lemma from
the French model's lookup table (« infirmières » → « infirmier », « eu » → « avoir ») and
its form without a final « s » or « x » (« medecins » written without accent → « medecin »).
A catalogue expression (« equipe soignante », « avoir mal ») matches consecutive words
whose keys hold its words in order; the longest expression wins where two overlap.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .pipeline import fold, lemma_table

__all__ = ["CONTRAST", "Clause", "Matcher", "Word", "clauses"]

#: Contrast markers: a new segment starts at each (multi-word ones as word tuples).
CONTRAST = (
    ("mais",),
    ("cependant",),
    ("par", "contre"),
    ("pourtant",),
    ("toutefois",),
    ("en", "revanche"),
    ("sauf", "que"),
    ("neanmoins",),
    ("malgre",),
)
_CONTRAST_FIRST = frozenset(marker[0] for marker in CONTRAST)
_TOKEN = re.compile(r"(?P<word>[^\W_]+)|(?P<end>[.!?;:\n]+)|(?P<comma>[,—–()])")


@dataclass(frozen=True)
class Word:
    """A word of a comment: its text and its match keys (form, lemma, singular)."""

    text: str
    keys: frozenset[str]


@dataclass
class Clause:
    """Consecutive words between separators; ``segment`` numbers the sentence part it is
    in (segments are cut by sentence ends and contrast markers), ``contrast`` tells that
    its segment opened with a contrast marker."""

    words: list[Word]
    segment: int
    contrast: bool


@lru_cache(maxsize=200_000)
def _folded(word: str) -> str:
    return fold(word)


@lru_cache(maxsize=200_000)
def _keys(word: str) -> frozenset[str]:
    folded = _folded(word)
    keys = {folded, lemma_table()(word.lower())}
    if len(folded) > 3 and folded[-1] in "sx":
        keys.add(folded[:-1])
    return frozenset(keys)


def clauses(text: str) -> list[Clause]:
    """The clauses of ``text`` (see the module's description).

    Examples
    --------
    >>> [[w.text for w in c.words] for c in clauses("Accueil correct mais attente longue.")]
    [['Accueil', 'correct'], ['attente', 'longue']]
    """
    found: list[Clause] = []
    words: list[Word] = []
    segment, contrast = 0, False

    def close(new_segment: bool, new_contrast: bool) -> None:
        nonlocal words, segment, contrast
        if words:
            found.append(Clause(words, segment, contrast))
        words = []
        if new_segment:
            segment, contrast = segment + 1, new_contrast

    tokens = [
        (m.lastgroup, m.group(), _folded(m.group()) if m.lastgroup == "word" else "")
        for m in _TOKEN.finditer(text)
    ]
    i = 0
    while i < len(tokens):
        kind, value, folded = tokens[i]
        if kind == "word":
            marker = _contrast_at(tokens, i) if folded in _CONTRAST_FIRST else 0
            if marker:
                close(True, True)
                i += marker
                continue
            words.append(Word(value, _keys(value)))
        else:
            close(kind == "end", False)
        i += 1
    close(True, False)
    return found


def _contrast_at(tokens: list[tuple[str | None, str, str]], i: int) -> int:
    for marker in CONTRAST:
        following = tokens[i : i + len(marker)]
        if len(following) == len(marker) and all(
            kind == "word" and folded == word
            for (kind, _, folded), word in zip(following, marker, strict=True)
        ):
            return len(marker)
    return 0


class Matcher:
    """Expressions (word sequences) with a value each, found in a list of words.

    Parameters
    ----------
    expressions
        ``(expression, value)`` pairs; an expression is words separated by spaces,
        compared without case or accents (« équipe soignante »).
    """

    def __init__(self, expressions: Iterable[tuple[str, object]]) -> None:
        values: dict[tuple[str, ...], list[object]] = {}
        for expression, value in expressions:
            words = tuple(_TOKEN_WORDS.findall(fold(expression)))
            if not words:
                raise ValueError(f"An expression must hold at least one word. Got {expression!r}.")
            values.setdefault(words, [])
            if value not in values[words]:
                values[words].append(value)
        self._by_first: dict[str, list[tuple[tuple[str, ...], tuple[object, ...]]]] = {}
        for words, found in values.items():
            self._by_first.setdefault(words[0], []).append((words, tuple(found)))
        for entries in self._by_first.values():
            entries.sort(key=lambda e: -len(e[0]))

    def find(self, words: list[Word]) -> list[tuple[int, int, tuple[object, ...]]]:
        """``(start, end, values)`` of each expression found in ``words`` (word positions,
        ``end`` excluded; ``values`` of every catalogue line with that expression), the
        longest where they overlap, left to right."""
        found, i = [], 0
        while i < len(words):
            best = None
            for key in words[i].keys:
                for expression, values in self._by_first.get(key, ()):
                    n = len(expression)
                    if best is not None and n <= best[1] - best[0]:
                        break  # entries are longest first
                    if i + n <= len(words) and all(
                        expression[k] in words[i + k].keys for k in range(1, n)
                    ):
                        best = (i, i + n, values)
                        break
            if best is None:
                i += 1
            else:
                found.append(best)
                i = best[1]
        return found


_TOKEN_WORDS = re.compile(r"[^\W_]+")
