"""Which morphology for Dutch matching: precision, recall and speed of the candidates.

    .venv/bin/python benchmarks/bench_stemmers.py

The word list is hand-labelled pairs a coach hears or a catalogue holds: forms of one word
that must meet ("wandelen" / "gewandeld") and look-alikes that must not ("werken" /
"weken"). A tool *conflates* a pair when it gives both words the same key (stem or
lemma). Precision: of the pairs it conflates, the share that are one word; recall: of the
one-word pairs, the share it conflates. Speed: keys per second over 200,000 distinct
pseudo-words (every key computed, no cache), one core. Tools that are not installed are
skipped (simplemma and snowballstemmer are not dependencies of wor_match).
"""

from __future__ import annotations

import random
import statistics
import string
import time
from collections.abc import Callable

SAME = [
    ("wandelen", "gewandeld"), ("wandelen", "wandelingen"), ("wandelen", "wandelde"),
    ("schilderen", "schilder"), ("schilderen", "geschilderd"), ("tekenen", "getekend"),
    ("zingen", "zong"), ("zingen", "gezongen"), ("koken", "gekookt"), ("koken", "kook"),
    ("fietsen", "fietste"), ("zwemmen", "gezwommen"), ("tuinieren", "tuinierde"),
    ("breien", "gebreid"), ("haken", "gehaakt"), ("museum", "musea"), ("koor", "koren"),
    ("spel", "spellen"), ("kaart", "kaarten"), ("biljart", "biljarten"),
    ("schaken", "schaakt"), ("dansen", "danste"), ("vissen", "viste"), ("tuin", "tuinen"),
    ("praatje", "praatjes"), ("wandeling", "wandelingen"), ("boek", "boeken"),
    ("lezen", "gelezen"), ("bakken", "gebakken"), ("klussen", "klust"),
    ("walking", "walks"), ("singing", "sings"), ("choirs", "choir"), ("painting", "paints"),
    ("gardening", "gardens"), ("games", "game"), ("fishing", "fished"),
]  # fmt: skip
DIFFERENT = [
    ("werken", "weken"), ("lopen", "binnenlopen"), ("handwerken", "werken"),
    ("tekenen", "rekenen"), ("schaken", "haken"), ("betekenen", "tekenen"),
    ("planten", "plannen"), ("vissen", "missen"), ("dansen", "dassen"), ("koken", "koeken"),
    ("wandelen", "handelen"), ("zingen", "zinken"), ("spelen", "spellen"), ("week", "werk"),
    ("kaarten", "kaartjes"), ("koor", "kool"), ("breien", "brein"), ("tuinieren", "turnen"),
    ("fietsen", "fitness"), ("lezen", "leren"), ("bakken", "banken"), ("roeien", "groeien"),
]  # fmt: skip


def candidates() -> dict[str, Callable[[list[str]], list[str]]]:
    found: dict[str, Callable[[list[str]], list[str]]] = {}
    import Stemmer

    for name in ("dutch", "dutch_porter"):
        stemmer = Stemmer.Stemmer(name, 0)
        found[f"PyStemmer {name}"] = stemmer.stemWords
    try:
        import snowballstemmer

        found["snowballstemmer dutch"] = snowballstemmer.stemmer("dutch").stemWords
    except ImportError:
        pass
    try:
        import simplemma

        found["simplemma nl"] = lambda words: [simplemma.lemmatize(w, lang="nl") for w in words]
    except ImportError:
        pass
    return found


def english(name: str, words: list[str], keys: Callable[[list[str]], list[str]]) -> list[str]:
    """English pairs go through the English stemmer of the same tool, as wor_match does."""
    if not name.startswith("PyStemmer"):
        return keys(words)
    import Stemmer

    return Stemmer.Stemmer("english", 0).stemWords(words)


def main() -> None:
    random.seed(5)
    pseudo = list({
        "".join(random.choices(string.ascii_lowercase, k=random.randint(4, 14)))
        for _ in range(200_000)
    })  # fmt: skip
    print(f"{len(SAME)} one-word pairs, {len(DIFFERENT)} look-alike pairs")
    print(f"{'tool':<24} {'precision':>9} {'recall':>7}  {'keys/s (1 core)':>16}  wrong")
    for name, keys in candidates().items():
        conflated_same, wrong = 0, []
        for first, second in SAME:
            ascii_pair = all(c in string.ascii_lowercase for c in first + second)
            is_english = first in ("walking", "singing", "choirs", "painting", "gardening",
                                   "games", "fishing")  # fmt: skip
            got = english(name, [first, second], keys) if is_english else keys([first, second])
            conflated_same += ascii_pair and got[0] == got[1]
        conflated_different = 0
        for first, second in DIFFERENT:
            got = keys([first, second])
            if got[0] == got[1]:
                conflated_different += 1
                wrong.append(f"{first}={second}")
        conflated = conflated_same + conflated_different
        precision = conflated_same / conflated if conflated else float("nan")
        recall = conflated_same / len(SAME)
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            keys(pseudo)
            runs.append(time.perf_counter() - start)
        rate = len(pseudo) / statistics.median(runs)
        print(f"{name:<24} {precision:>9.2f} {recall:>7.2f}  {rate:>16,.0f}  {', '.join(wrong)}")


if __name__ == "__main__":
    main()
