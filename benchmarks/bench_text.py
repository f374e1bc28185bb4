"""Benchmark of the free-text engine (issue 16): accuracy on the held-out labelled sets and
throughput of masking + themes + tone.

1. **Accuracy** on the hand-written held-out sets of ``data_schemas/labelled_comments``
   (never read while the rules were written): masking recall and precision per label
   (span overlap rule of :mod:`impact.text.measure`); themes per theme (precision, recall,
   F1), macro-F1 and tone accuracy of the rules on the masked comments; the same for the
   supervised method trained on the 80 dev comments only (what a user's first labels give).
2. **Throughput**: ``--n`` synthetic comments made by recombining 1–3 sentences drawn at
   random from the dev sets (so the share of comments with names is that of the dev sets,
   higher than in real e-Satis comments), masked then themed in ``--n-process`` processes.
   One run's wall time, total CPU time (this process and its workers), the machine's load
   average (other jobs share the cores), and peak memory: the largest sum, sampled every
   0.2 s, of the resident memory of this process and its workers (pages shared by the
   forked workers are counted in each, so this overstates the memory used).
   Goals (issue 16): ≤ 60 s for 100,000 comments on 2 cores, ≤ 2 GB.
3. **Profile** (``--profile N``, instead of 1 and 2): cProfile of masking and themes on
   ``N`` synthetic comments in this process alone, the functions taking the most time.

    python benchmarks/bench_text.py [--n 100000] [--n-process 2] [--batch-size 1000]
    python benchmarks/bench_text.py --profile 5000
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import re
import resource
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd
import psutil

from impact.text import (
    macro_f1,
    mask,
    mask_spans,
    masking_scores,
    read_masking_set,
    read_theme_set,
    rules,
    theme_scores,
    themes,
    tone_accuracy,
    train,
)

DATA = Path(__file__).resolve().parents[1] / "data_schemas" / "labelled_comments"


def accuracy() -> None:
    texts, gold = read_masking_set(DATA / "masking_test.csv")
    scores = masking_scores(gold, mask_spans(texts))
    print(f"Masking, held-out set ({len(texts)} comments):")
    print(scores.round(3).to_string(index=False))

    comments, labels = read_theme_set(DATA / "themes_test.csv")
    masked = pd.Series(mask(comments.tolist()), index=comments.index)
    predicted = themes(masked)
    per_theme = theme_scores(labels, predicted)
    tone, n_pairs = tone_accuracy(labels, predicted)
    print(f"\nThemes by the rules, held-out set ({len(comments)} comments):")
    print(per_theme.round(3).to_string(index=False))
    print(f"macro-F1 {macro_f1(per_theme):.3f}; tone accuracy {tone:.3f} on {n_pairs} pairs")

    dev_texts, dev_labels = read_theme_set(DATA / "themes_dev.csv")
    model = train(pd.Series(mask(dev_texts.tolist()), index=dev_texts.index), dev_labels)
    learnt = model.predict(masked)
    tone, n_pairs = tone_accuracy(labels, learnt)
    print(
        f"Supervised, trained on the {len(dev_texts)} dev comments: macro-F1 "
        f"{macro_f1(theme_scores(labels, learnt)):.3f}; tone accuracy {tone:.3f} on {n_pairs} pairs"
    )


def synthetic(n: int, seed: int) -> list[str]:
    """``n`` comments of 1–3 sentences drawn from the dev sets' comments."""
    sources = [read_masking_set(DATA / "masking_dev.csv")[0]]
    sources.append(read_theme_set(DATA / "themes_dev.csv")[0].tolist())
    sentences = [
        s for texts in sources for text in texts for s in re.split(r"(?<=[.!?])\s+", text) if s
    ]
    rng = np.random.default_rng(seed)
    counts = rng.integers(1, 4, n)
    picks = iter(rng.integers(0, len(sentences), counts.sum()))
    return [" ".join(sentences[next(picks)] for _ in range(k)) for k in counts]


class PeakMemory:
    """Largest sum of resident memory of this process and its children, sampled."""

    def __init__(self, every: float = 0.2) -> None:
        self.peak, self._every, self._stop = 0, every, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for process in [me, *me.children(recursive=True)]:
                try:
                    total += process.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            time.sleep(self._every)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def cpu_seconds() -> float:
    own, children = (
        resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def throughput(n: int, n_process: int, batch_size: int, seed: int) -> None:
    texts = synthetic(n, seed)
    compiled = rules()
    print(
        f"\nThroughput: {n:,} synthetic comments (dev sentences recombined, mean "
        f"{np.mean([len(t) for t in texts]):.0f} characters), {n_process} processes, "
        f"batches of {batch_size}; load average before {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} cores"
    )
    cpu0, t0 = cpu_seconds(), time.perf_counter()
    with PeakMemory() as memory:
        masked = mask(texts, batch_size=batch_size, n_process=n_process)
        t1 = time.perf_counter()
        found = themes(masked, compiled, batch_size=batch_size, n_process=n_process)
    t2 = time.perf_counter()
    print(f"mask {t1 - t0:.1f} s, themes and tone {t2 - t1:.1f} s: total {t2 - t0:.1f} s wall")
    print(f"CPU time {cpu_seconds() - cpu0:.1f} s (this process and its workers)")
    print(f"peak memory (sum of resident sets) {memory.peak / 2**30:.2f} GB")
    print(f"load average after {os.getloadavg()[0]:.1f}; {len(found):,} comment × theme rows")


def profile(n: int, seed: int, top: int = 25) -> None:
    texts, compiled = synthetic(n, seed), rules()
    mask(texts[:10])  # the model loaded outside the profile
    profiler = cProfile.Profile()
    t0 = time.perf_counter()
    profiler.enable()
    masked = mask(texts, batch_size=1000)
    t1 = time.perf_counter()
    themes(masked, compiled, batch_size=1000)
    profiler.disable()
    t2 = time.perf_counter()
    print(
        f"Profile, {n:,} synthetic comments, one process: mask {t1 - t0:.1f} s, themes and "
        f"tone {t2 - t1:.1f} s; load average {os.getloadavg()[0]:.1f}"
    )
    pstats.Stats(profiler).sort_stats("tottime").print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--n-process", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-accuracy", action="store_true")
    parser.add_argument("--profile", type=int, metavar="N", help="profile N comments instead")
    args = parser.parse_args()
    if args.profile:
        profile(args.profile, args.seed)
        return
    if not args.skip_accuracy:
        accuracy()
    throughput(args.n, args.n_process, args.batch_size, args.seed)


if __name__ == "__main__":
    main()
