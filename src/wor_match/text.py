"""Text normalisation and tokens for matching free text (Dutch and English).

Matching is token based: a text becomes its lower-case, accent-free word tokens plus the
pairs of adjacent words (so two-word keywords such as "samen koken" match), minus a short
list of function words. Fuzzy comparison happens in :mod:`wor_match.taxonomy`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

__all__ = ["MIN_TOKEN_LENGTH", "STOPWORDS", "normalise", "tokens"]

#: Shorter tokens are dropped: they carry little meaning and match too much.
MIN_TOKEN_LENGTH = 3

# fmt: off
STOPWORDS = frozenset((
    "aan", "als", "bij", "dan", "dat", "die", "dit", "een", "en", "het", "hij", "ik", "in",
    "is", "je", "kan", "met", "na", "naar", "niet", "nog", "of", "om", "ook", "op", "over",
    "te", "tot", "uit", "van", "voor", "wat", "we", "wel", "wij", "ze", "zij", "zijn", "zich",
    "zo", "door", "er", "hun", "haar", "elke", "iedere", "alle", "meer", "heel", "veel", "keer",
    "per", "week", "maand", "uur", "the", "and", "for", "with", "from", "that", "this", "you",
    "your", "our", "are", "was", "were", "has", "have", "not", "all", "any", "can", "every",
    "each", "into", "about", "more", "very", "month", "hour",
))
# fmt: on

_NON_WORD = re.compile(r"[^a-z0-9]+")


def normalise(text: str) -> str:
    """Lower case, accents stripped, anything but letters and digits turned into spaces.

    Examples
    --------
    >>> normalise("Repair Café / Bewegen & Sport!")
    'repair cafe bewegen sport'
    """
    decomposed = unicodedata.normalize("NFKD", text.lower())
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii")
    return _NON_WORD.sub(" ", ascii_text).strip()


def tokens(texts: str | Iterable[str], *, max_words: int = 2) -> list[str]:
    """Word tokens and n-grams (up to ``max_words`` words) of one text or several.

    N-grams do not cross the boundary between two texts and hold no function words.

    Examples
    --------
    >>> tokens(["Samen koken", "in de moestuin"])
    ['samen', 'koken', 'samen koken', 'moestuin', 'de moestuin']

    ("de" is too short to be a token but is not a function word here: "jeu de boules" is a
    taxonomy keyword.)
    """
    if isinstance(texts, str):
        texts = [texts]
    result: list[str] = []
    for text in texts:
        words = normalise(text).split()
        result.extend(w for w in words if len(w) >= MIN_TOKEN_LENGTH and w not in STOPWORDS)
        for size in range(2, max_words + 1):
            for i in range(len(words) - size + 1):
                gram = words[i : i + size]
                if not any(word in STOPWORDS for word in gram):
                    result.append(" ".join(gram))
    return result
