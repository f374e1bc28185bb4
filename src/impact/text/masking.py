"""Masking of personal data in free-text comments, before anything else reads them.

Persons and places come from rules (:mod:`impact.text.patterns`) and from the named
entity recogniser of spaCy's French model (``PER`` → ``[NOM]``, ``LOC`` and ``GPE`` →
``[LIEU]``). The rules run first: phone numbers, e-mails, dates, addresses and room or bed
numbers by regular expressions; titles, staff words and thanks before a name (« le Dr
Martin », « Mme Dupont », « l'infirmière Julie », « merci à Kevin »); named
establishments (« CHU de Rennes »); first names from the editable list
``first_names.txt``, in lower case too (« merci a marie »), those that are also common
words (« claire », « rose ») only with such context. The recogniser is then run only on
the sentences holding a capitalised word that the rules did not already mask (it is the
slowest step); a place it finds that is a first name or is thanked is a person. Hospital
vocabulary that the recogniser takes for a person or a place (« Cardiologie »,
« Urgences ») is never masked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from threadpoolctl import threadpool_limits

from .patterns import (
    Span,
    addressed,
    after_place_word,
    coordinated_names,
    establishments,
    existing_tags,
    first_name_kind,
    first_name_persons,
    is_vocabulary,
    may_name,
    name_at,
    name_end,
    structured,
    titled_names,
)
from .pipeline import fold, lemma_table, ner_pipeline, run_batches

__all__ = ["TAGS", "Span", "mask", "mask_spans", "apply_spans"]

#: The tag that replaces each label.
TAGS = {
    "NOM": "[NOM]",
    "TELEPHONE": "[TÉLÉPHONE]",
    "COURRIEL": "[COURRIEL]",
    "DATE": "[DATE]",
    "ADRESSE": "[ADRESSE]",
    "LIEU": "[LIEU]",
    "CHAMBRE": "[CHAMBRE]",
}
_ENTITY_LABELS = {"PER": "NOM", "LOC": "LIEU", "GPE": "LIEU"}
_SENTENCE_END = re.compile(r"(?:^|[.!?\n]\s*)$")
#: Where a comment is cut into sentences for the recogniser, which is run only on those
#: that may hold a name (:func:`impact.text.patterns.may_name`): after « . », « ! », « ? »
#: or a line break and the spaces that follow, not after an abbreviated title or an
#: initial (« M. », « Dr. », « Mme. »).
_SENTENCE_CUT = re.compile(r"[.!?]+\s+|\n\s*")
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]|\b[DP]r|\bMme|\bMlle)$")


def mask_spans(
    texts: Sequence[str], *, batch_size: int = 500, n_process: int = 1
) -> list[list[Span]]:
    """The personal data found in each text, as sorted, non-overlapping spans.

    Parameters
    ----------
    texts
        The comments.
    batch_size
        Comments per batch given to the recogniser (and to a worker process).
    n_process
        Worker processes (each loads the model once).

    Returns
    -------
    list of list of Span
        For each text, ``Span(start, end, label)`` with ``text[start:end]`` the datum and
        ``label`` a key of :data:`TAGS`. Where rules and the recogniser overlap, the first
        of e-mail, phone, address, date, room, titled or staff name, establishment,
        recogniser's entity is kept.

    Examples
    --------
    >>> mask_spans(["Merci au Dr Martin, chambre 12."])
    [[Span(start=9, end=18, label='NOM'), Span(start=20, end=30, label='CHAMBRE')]]
    """
    texts = [_check_text(t) for t in texts]
    return run_batches(_spans_batch, texts, batch_size=batch_size, n_process=n_process)


def mask(texts: Sequence[str], *, batch_size: int = 500, n_process: int = 1) -> list[str]:
    """Each text with its personal data replaced by tags (« [NOM] », « [TÉLÉPHONE] »…).

    Parameters and rules as in :func:`mask_spans`.

    Examples
    --------
    >>> mask(["Mme Dupont m'a rappelée au 06 12 34 56 78."])
    ["[NOM] m'a rappelée au [TÉLÉPHONE]."]
    """
    texts = [_check_text(t) for t in texts]
    found = mask_spans(texts, batch_size=batch_size, n_process=n_process)
    return [apply_spans(t, s) for t, s in zip(texts, found, strict=True)]


def apply_spans(text: str, spans: Sequence[Span]) -> str:
    """``text`` with each span replaced by its label's tag (spans sorted, not overlapping)."""
    pieces, last = [], 0
    for span in spans:
        pieces += [text[last : span.start], TAGS[span.label]]
        last = span.end
    return "".join([*pieces, text[last:]])


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        raise TypeError(f"Each comment must be a str. Got {text!r}.")
    return text


def _spans_batch(texts: list[str]) -> list[list[Span]]:
    nlp = ner_pipeline()
    stop_words = frozenset(nlp.Defaults.stop_words)
    lemma = lemma_table()
    known = lambda word: lemma(word) != fold(word)  # noqa: E731 - an inflected form
    ruled = [_rule_spans(text, stop_words) for text in texts]
    pieces = []
    for i, text in enumerate(texts):
        blanked = _blanked(text, ruled[i])
        pieces += [
            (i, start, sentence)
            for start, sentence in _sentences(text)
            if may_name(blanked[start : start + len(sentence)], stop_words, known)
        ]
    entities: list[list[_Entity]] = [[] for _ in texts]
    with threadpool_limits(1):  # one thread per process: faster on small matrices
        docs = nlp.pipe([sentence for _, _, sentence in pieces], batch_size=64)
        for (i, start, _), doc in zip(pieces, docs, strict=True):
            entities[i] += [
                _Entity(start + e.start_char, start + e.end_char, e.label_, len(e))
                for e in doc.ents
            ]
    return [
        _spans(text, kept, ents, stop_words)
        for text, kept, ents in zip(texts, ruled, entities, strict=True)
    ]


class _Entity(NamedTuple):
    """An entity of the recogniser: offsets in the whole text, label, number of tokens."""

    start: int
    end: int
    label: str
    n_tokens: int


def _sentences(text: str) -> list[tuple[int, str]]:
    """The sentences of ``text`` with their offsets."""
    cuts = [0]
    for m in _SENTENCE_CUT.finditer(text):
        if not _ABBREVIATION_END.search(text, max(0, m.start() - 5), m.start()):
            cuts.append(m.end())
    cuts.append(len(text))
    return [(a, text[a:b]) for a, b in zip(cuts[:-1], cuts[1:], strict=True) if b > a]


def _rule_spans(text: str, stop_words: frozenset[str]) -> list[Span]:
    """The spans found by the rules, tags already in the text included."""
    kept: list[Span] = existing_tags(text)
    for group in (
        structured(text),
        titled_names(text, stop_words),
        establishments(text),
        first_name_persons(text, stop_words),
    ):
        _keep(kept, group)
    return kept


def _blanked(text: str, spans: list[Span]) -> str:
    """``text`` with the characters of ``spans`` replaced by « x »: the words the rules
    already found do not call for the recogniser (what it finds there is not kept)."""
    pieces, last = [], 0
    for span in sorted(spans):
        pieces += [text[last : span.start], "x" * (span.end - span.start)]
        last = span.end
    return "".join([*pieces, text[last:]])


def _spans(
    text: str, kept: list[Span], entities: list[_Entity], stop_words: frozenset[str]
) -> list[Span]:
    kept = list(kept)
    _keep(kept, _entities(text, entities, stop_words))
    _keep(kept, coordinated_names(text, kept, stop_words))
    return sorted(s for s in kept if s.label != "TAG")


def _keep(kept: list[Span], candidates: list[Span]) -> None:
    """Add each candidate that overlaps nothing kept so far."""
    for span in sorted(candidates):
        if all(span.end <= k.start or span.start >= k.end for k in kept):
            kept.append(span)


def _entities(text: str, entities: list[_Entity], stop_words: frozenset[str]) -> list[Span]:
    """Persons and places of the recogniser, less hospital vocabulary and inflected words
    opening a sentence; plus, as persons, its ``MISC`` entities that start with capitalised
    words inside a sentence (this model files many first names there: « l'infirmière
    Julie » → MISC), cut to those words. A place or an organisation that starts with a
    first name of the list (« Kevin ») or comes after thanks or a staff word (« je remercie
    Sébastien ») is a person, a person after a place word (« pavillon Marie Curie ») is a
    place, and a person's span takes the family name that follows."""
    lemma = lemma_table()
    found = []
    for ent in entities:
        words = text[ent.start : ent.end]
        if "[" in words or words.islower():
            continue  # a tag, or lower-case words (the recogniser's names are capitalised)
        at_sentence_start = _SENTENCE_END.search(text[: ent.start]) is not None
        label = _ENTITY_LABELS.get(ent.label)
        start, end = ent.start, ent.end
        if ent.label == "MISC" and not at_sentence_start:
            name = name_at(text, start)
            if name is None:
                continue
            label, end = "NOM", min(end, name[1])
        if is_vocabulary(text[start:end], stop_words):
            continue
        first = words.split()[0]
        if ent.n_tokens == 1 and at_sentence_start and lemma(first.lower()) != fold(first):
            continue  # an inflected French word opening a sentence (« Appelez »)
        if label in ("LIEU", None) and (first_name_kind(first) == "name" or addressed(text, start)):
            label = "NOM"
        if label == "NOM" and after_place_word(text, start):
            label = "LIEU"  # « pavillon Marie Curie », « salle Pierre »
        if label == "NOM":
            end = name_end(text, end, stop_words)
        if label is not None:
            found.append(Span(start, end, label))
    return found
