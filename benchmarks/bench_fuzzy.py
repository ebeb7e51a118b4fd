"""Fuzzy vocabulary look-ups: WordIndex beside brute-force rapidfuzz over every word.

    .venv/bin/python benchmarks/bench_fuzzy.py [--words 300000] [--tokens 50] [--repeat 7]

The vocabulary is pseudo-Dutch: syllables (onset, vowel, coda, each drawn with Zipf
weights), word lengths 3-18 with a Zipf-like fall-off either side of 8, plus 5% two-word
entries. The 50 tokens are what a client's interests give: vocabulary words with a typo,
words as they are, first parts of words (compounds), two-word entries and a few real Dutch
interests. Per token the index answers ``similar`` (ratio >= 85) and ``containing`` (the
compound rule); brute force is what ``wor_match.context`` did before: ``process.cdist`` with
``fuzz.ratio`` and with ``fuzz.partial_ratio`` (cut-off 100) over every word, and the length
rule. Every answer is checked against the brute force.

Times are wall clock on a shared machine: the load average is printed, compare ratios within
one run. "warm" is the median of ``--repeat`` calls after one call; "first" is that first
call, which also builds the probe plan for a new token length (cached afterwards).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable

import numpy as np
import numpy.typing as npt
import rapidfuzz
from rapidfuzz import fuzz, process

from wor_match.catalogue._fuzzy import WordIndex

ONSETS = (
    "",
    "b",
    "d",
    "g",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "v",
    "w",
    "z",
    "h",
    "j",
    "f",
    "st",
    "sch",
    "kl",
    "kr",
    "br",
    "tr",
    "gr",
    "sp",
    "sl",
    "bl",
    "dr",
    "fl",
    "fr",
    "gl",
    "kn",
    "pl",
    "pr",
    "sm",
    "sn",
    "str",
    "sw",
    "tw",
    "zw",
    "ch",
    "c",
)
VOWELS = (
    "e",
    "a",
    "i",
    "o",
    "u",
    "ee",
    "aa",
    "oo",
    "ie",
    "oe",
    "ij",
    "ui",
    "ei",
    "eu",
    "ou",
    "au",
    "uu",
    "y",
)
CODAS = (
    "",
    "n",
    "r",
    "l",
    "s",
    "t",
    "k",
    "m",
    "ng",
    "ch",
    "nd",
    "rt",
    "lt",
    "st",
    "p",
    "f",
    "rd",
    "rk",
    "ld",
    "nk",
    "ns",
    "ts",
    "cht",
    "lm",
    "rm",
    "d",
    "g",
    "x",
)
INTERESTS = (
    "wandelen",
    "schaken",
    "moestuin",
    "samen koken",
    "tuinieren",
    "koffieochtend",
    "zwemmen",
    "breien",
    "wandelden",
    "muziek",
)


def zipf(count: int, exponent: float = 1.0) -> npt.NDArray[np.float64]:
    weights = 1.0 / np.arange(1, count + 1) ** exponent
    return np.asarray(weights / weights.sum(), dtype=np.float64)


def pseudo_dutch(count: int, seed: int = 0, two_word_share: float = 0.05) -> list[str]:
    """``count`` distinct pseudo-Dutch vocabulary entries."""
    rng = np.random.default_rng(seed)
    lengths = np.arange(3, 19)
    length_weights = 1.0 / (1 + np.abs(lengths - 8)) ** 1.5
    length_weights /= length_weights.sum()
    singles = count - int(two_word_share * count)
    seen: set[str] = set()
    words: list[str] = []
    while len(words) < singles:
        batch = singles - len(words)
        target = rng.choice(lengths, size=batch, p=length_weights)
        picks = [
            rng.choice(len(parts), size=(batch, 8), p=zipf(len(parts), 0.9))
            for parts in (ONSETS, VOWELS, CODAS)
        ]
        for i in range(batch):
            word = ""
            for j in range(8):
                word += ONSETS[picks[0][i, j]] + VOWELS[picks[1][i, j]] + CODAS[picks[2][i, j]]
                if len(word) >= target[i]:
                    break
            word = word[: target[i]]
            if word not in seen:
                seen.add(word)
                words.append(word)
    while len(words) < count:
        first, second = rng.integers(0, singles, size=2)
        entry = f"{words[first]} {words[second]}"
        if entry not in seen and len(entry) <= 24:
            seen.add(entry)
            words.append(entry)
    return words


def typo(word: str, rng: np.random.Generator) -> str:
    at = int(rng.integers(0, len(word)))
    kind = int(rng.integers(0, 3))
    if kind == 0 and len(word) > 3:
        return word[:at] + word[at + 1 :]
    if kind == 1:
        return word[:at] + "e" + word[at:]
    return word[:at] + "aeoi"[int(rng.integers(0, 4))] + word[at + 1 :]


def sample_tokens(words: list[str], count: int, seed: int = 1) -> list[str]:
    rng = np.random.default_rng(seed)
    singles = [w for w in words if " " not in w and len(w) >= 4]
    doubles = [w for w in words if " " in w]
    tokens = list(INTERESTS[: count // 5])
    while len(tokens) < count:
        kind = len(tokens) % 4
        if kind == 0:
            tokens.append(typo(singles[int(rng.integers(len(singles)))], rng))
        elif kind == 1:
            tokens.append(singles[int(rng.integers(len(singles)))])
        elif kind == 2:
            word = singles[int(rng.integers(len(singles)))]
            tokens.append(word[: int(rng.integers(4, len(word) + 1))])
        else:
            tokens.append(doubles[int(rng.integers(len(doubles)))])
    return tokens


def brute_force(
    token: str, words: list[str], lengths: npt.NDArray[np.intp]
) -> tuple[list[int], list[int]]:
    ratio = process.cdist([token], words, scorer=fuzz.ratio, score_cutoff=85)[0]
    partial = process.cdist([token], words, scorer=fuzz.partial_ratio, score_cutoff=100)[0]
    inside = (partial > 0) & (len(token) >= 4) & (lengths >= len(token) + 3)
    return np.flatnonzero(ratio > 0).tolist(), np.flatnonzero(inside).tolist()


def timed(function: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Seconds of the first call and the median of ``repeat`` calls after it."""
    start = time.perf_counter()
    function()
    first = time.perf_counter() - start
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return first, statistics.median(samples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=300_000)
    parser.add_argument("--tokens", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    print(
        f"Python {platform.python_version()}; {platform.machine()}, {os.cpu_count()} cores; "
        f"numpy {np.__version__}; rapidfuzz {rapidfuzz.__version__}; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    words = pseudo_dutch(args.words)
    tokens = sample_tokens(words, args.tokens)
    lengths = np.array([len(w) for w in words])
    print(
        f"vocabulary: {len(words):,} entries, mean length {lengths.mean():.1f}, "
        f"{sum(' ' in w for w in words):,} with two words; {len(tokens)} tokens"
    )

    start = time.perf_counter()
    index = WordIndex(words)
    build = time.perf_counter() - start
    print(f"build: {build:.2f} s, {index.nbytes / 2**20:.0f} MB of index arrays")

    first_calls, warm, brute, found = [], [], [], 0
    for token in tokens:

        def both(token: str = token) -> tuple[list[int], list[int]]:
            return index.similar(token).tolist(), index.containing(token).tolist()

        first, median = timed(both, args.repeat)
        first_calls.append(first)
        warm.append(median)
        start = time.perf_counter()
        expected = brute_force(token, words, lengths)
        brute.append(time.perf_counter() - start)
        if both() != expected:
            print(f"MISMATCH for {token!r}: {both()} != {expected}")
            return 1
        found += len(expected[0]) + len(expected[1])

    def ms(seconds: list[float], q: float = 50) -> str:
        return f"{np.percentile(seconds, q) * 1e3:.3f}"

    print(f"all {len(tokens)} answers equal brute force ({found} words found in all)")
    print()
    print(f"{'per token (similar + containing)':<36} {'median ms':>10} {'p95 ms':>8}")
    print(f"{'WordIndex, warm':<36} {ms(warm):>10} {ms(warm, 95):>8}")
    print(f"{'WordIndex, first call':<36} {ms(first_calls):>10} {ms(first_calls, 95):>8}")
    print(f"{'brute force (2 x cdist)':<36} {ms(brute):>10} {ms(brute, 95):>8}")
    speedup = statistics.median(brute) / statistics.median(warm)
    print(f"{'speed-up (medians)':<36} {speedup:>9.0f}x")
    print()
    print(
        f"targets: build < 1.5 s ({build:.2f}), warm median < 0.15 ms "
        f"({statistics.median(warm) * 1e3:.3f}), > 100x ({speedup:.0f}x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
