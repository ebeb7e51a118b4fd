"""Text normalisation, tokens and word stems for matching free text (Dutch and English).

Matching is token based: a text becomes its lower-case, accent-free word tokens plus the
n-grams of adjacent words (so two-word terms such as "samen koken" match), minus a short
list of function words. Inflection is handled by morphology, not edit distance: every
word has a *key* per language, its Snowball stem (PyStemmer: the Dutch and English
Snowball algorithms, in C), so "wandelen", "wandelde", "gewandeld" and "wandelingen" share
the key "wandel" and "ik schilder graag" meets "schilderen". The rules that use keys
(compounds, typos, false friends) live in :mod:`wor_match.taxonomy`.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Literal

import Stemmer

__all__ = [
    "KEY_LANGUAGES",
    "MIN_TOKEN_LENGTH",
    "STOPWORDS",
    "normalise",
    "tokens",
    "word_key",
    "word_keys",
]

KeyLanguage = Literal["nl", "en"]
#: The languages a word gets a key in.
KEY_LANGUAGES: tuple[KeyLanguage, ...] = ("nl", "en")
#: A stem shorter than this is not used as a key ("ommetje" stems to "om"): the word is.
MIN_KEY_LENGTH = 3

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
    # words of a client's sentence that carry no interest ("ik schilder graag", "vroeger
    # veel getekend", "I love choir singing")
    "mijn", "graag", "vroeger", "houd", "hou", "vind", "leuk", "love", "like", "enjoy",
    "really", "used", "my",
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


_STEMMERS = threading.local()


def _stemmer(language: KeyLanguage) -> Stemmer.Stemmer:
    """A Snowball stemmer of this thread (PyStemmer objects are not thread-safe)."""
    stemmer = getattr(_STEMMERS, language, None)
    if stemmer is None:
        # no cache: a vocabulary is stemmed once, and the cache costs more than it saves
        stemmer = Stemmer.Stemmer("dutch" if language == "nl" else "english", 0)
        setattr(_STEMMERS, language, stemmer)
    return stemmer


def word_keys(words: Sequence[str], language: KeyLanguage) -> list[str]:
    """The key of each normalised single word in ``language``: its Snowball stem, or the
    word itself when the stem is shorter than three characters.

    Examples
    --------
    >>> word_keys(["wandelen", "gewandeld", "wandelingen", "werken", "weken"], "nl")
    ['wandel', 'wandel', 'wandel', 'werk', 'week']
    >>> word_keys(["singing", "choirs"], "en")
    ['sing', 'choir']
    """
    stems: list[str] = _stemmer(language).stemWords(list(words))
    return [
        stem if len(stem) >= MIN_KEY_LENGTH else word
        for stem, word in zip(stems, words, strict=True)
    ]


@lru_cache(maxsize=65536)
def word_key(text: str, language: KeyLanguage) -> str:
    """The key of a normalised word or phrase (the keys of its words, space-separated).

    >>> word_key("samen gegeten", "nl"), word_key("schilderen", "nl")
    ('saam geet', 'schilder')
    """
    return " ".join(word_keys(text.split(" "), language))
