"""Repairs for the text artefacts real directories carry, and small vocabulary look-ups.

Every repair here is one a human would make without hesitation: literal ``\\n`` sequences
become line breaks, UTF-8 punctuation that went through a cp437 round trip (``GÇÖ`` for
``’``, seen in the Open211 Miami export) is restored, whitespace is tidied. Nothing is
guessed beyond that.
"""

from __future__ import annotations

import re

__all__ = ["clean_line", "clean_text", "language_code", "languages_in", "normalise_url"]

_MOJIBAKE = re.compile(r"GÇ(.)")
_LITERAL_BREAK = re.compile(r"(?:\\r)?\\n")
_SPACES = re.compile(r"[ \t\u00a0]+")


def _repair(match: re.Match[str]) -> str:
    # "GÇÖ" is the UTF-8 sequence E2 80 99 read as cp437 (with the leading Γ flattened to G)
    try:
        return bytes([0xE2, 0x80, *match[1].encode("cp437")]).decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return match[0]


def clean_text(text: object) -> str:
    """Multi-line text with artefacts repaired and surrounding whitespace removed.

    Examples
    --------
    >>> clean_text("AttorneyGÇÖs Office\\\\n\\\\nCall  first ")
    'Attorney’s Office\\n\\nCall first'
    """
    if text is None or (isinstance(text, float) and text != text):  # None or NaN (pandas)
        return ""
    value = str(text)
    value = _LITERAL_BREAK.sub("\n", value)
    value = _MOJIBAKE.sub(_repair, value).replace("-á", " ")
    lines = [_SPACES.sub(" ", line).strip() for line in value.replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip()


def clean_line(text: object) -> str:
    """Single-line text (names, providers): :func:`clean_text` with line breaks as spaces."""
    return " ".join(clean_text(text).split())


def normalise_url(text: str) -> str:
    """A web address with a scheme: ``www.example.org`` becomes ``http://www.example.org``.

    Directory exports often drop the scheme; without one the address is not a URI (and the
    HSDS ``url`` field must be one). Empty stays empty.
    """
    url = text.strip()
    if not url or re.match(r"^[a-z][a-z0-9+.-]*:", url, re.IGNORECASE):
        return url
    return "http://" + url.lstrip("/")


#: Language names (English and Dutch) and ISO 639-2/3 codes to ISO 639-1.
_LANGUAGES: dict[str, str] = {
    "dutch": "nl", "nederlands": "nl", "nld": "nl", "dut": "nl", "vlaams": "nl",
    "english": "en", "engels": "en", "eng": "en",
    "spanish": "es", "spaans": "es", "spa": "es", "espanol": "es", "español": "es",
    "french": "fr", "frans": "fr", "fra": "fr", "fre": "fr",
    "german": "de", "duits": "de", "deu": "de", "ger": "de",
    "haitian creole": "ht", "creole": "ht", "kreyol": "ht", "hat": "ht",
    "portuguese": "pt", "portugees": "pt", "por": "pt",
    "hebrew": "he", "hebreeuws": "he", "heb": "he",
    "russian": "ru", "russisch": "ru", "rus": "ru",
    "arabic": "ar", "arabisch": "ar", "ara": "ar",
    "italian": "it", "italiaans": "it", "ita": "it",
    "greek": "el", "grieks": "el", "ell": "el", "gre": "el",
    "yiddish": "yi", "jiddisch": "yi", "yid": "yi",
    "turkish": "tr", "turks": "tr", "tur": "tr",
    "polish": "pl", "pools": "pl", "pol": "pl",
    "chinese": "zh", "chinees": "zh", "mandarin": "zh", "zho": "zh", "chi": "zh",
    "cantonese": "zh", "kantonees": "zh",
    "urdu": "ur", "urd": "ur", "hindi": "hi", "hin": "hi",
    "berber": "ber", "tamazight": "ber",  # no ISO 639-1 code: rejected by the check below
    "somali": "so", "somalisch": "so", "som": "so",
    "tigrinya": "ti", "tigrinya ": "ti", "tir": "ti",
    "farsi": "fa", "persian": "fa", "perzisch": "fa", "fas": "fa", "per": "fa",
    "ukrainian": "uk", "oekraiens": "uk", "oekraïens": "uk", "ukr": "uk",
    "romanian": "ro", "roemeens": "ro", "ron": "ro", "rum": "ro",
    "bulgarian": "bg", "bulgaars": "bg", "bul": "bg",
    "vietnamese": "vi", "vietnamees": "vi", "vie": "vi",
    "korean": "ko", "koreaans": "ko", "kor": "ko",
    "japanese": "ja", "japans": "ja", "jpn": "ja",
    "papiamento": "pap",  # no ISO 639-1 code
    "frisian": "fy", "fries": "fy", "fry": "fy",
    "tagalog": "tl", "tgl": "tl", "filipino": "tl",
    "danish": "da", "deens": "da", "swedish": "sv", "zweeds": "sv", "norwegian": "no",
    "noors": "no", "icelandic": "is", "thai": "th", "gujarati": "gu", "sindhi": "sd",
    "taiwanese": "zh", "hindustani": "hi", "bengali": "bn", "punjabi": "pa",
    "armenian": "hy", "amharic": "am", "pashto": "ps", "dari": "fa", "kurdish": "ku",
    "koerdisch": "ku", "serbian": "sr", "croatian": "hr", "bosnian": "bs", "albanian": "sq",
    "hungarian": "hu", "czech": "cs", "slovak": "sk", "lithuanian": "lt", "latvian": "lv",
    "inglés": "en", "ingles": "en", "welsh": "cy", "wels": "cy", "cym": "cy", "wel": "cy",
    "irish": "ga", "iers": "ga", "scottish gaelic": "gd",
}  # fmt: skip
_QUALIFIER = re.compile(r"\s*\((?:limited|beperkt)\)\s*$", re.IGNORECASE)


def language_code(text: str) -> str | None:
    """The ISO 639-1 code of a language name or code, or None when there is none.

    Accepts two-letter codes, three-letter ISO 639-2/3 codes and English or Dutch names
    (``"Spanish (limited)"`` counts as Spanish). Sentences ("other languages available upon
    request") and languages without a two-letter code (sign languages, Papiamento) give
    None: the caller reports them.

    Examples
    --------
    >>> language_code("Spanish (limited)"), language_code("ur"), language_code("eng")
    ('es', 'ur', 'en')
    """
    key = _QUALIFIER.sub("", text.strip().lower()).strip(" .")
    if len(key) == 2 and key.isalpha():
        return key
    code = _LANGUAGES.get(key)
    return code if code is not None and len(code) == 2 else None


_HARD_SEPARATORS = re.compile(r"\s*(?:[,;/&\n]|\\n)\s*")
# "en" is Dutch for "and" and the code for English: a soft separator only inside a phrase
_SOFT_SEPARATORS = re.compile(r"\s+(?:and|en|or|of)\s+", re.IGNORECASE)
_NAMES = re.compile(
    r"\b("
    + "|".join(sorted((re.escape(k) for k in _LANGUAGES if len(k) > 3), key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)


def languages_in(text: str) -> tuple[list[str], list[str]]:
    """ISO 639-1 codes named in free text, and the pieces that named no language.

    The text is split on commas, semicolons and slashes, then a piece that is not itself a
    language on "and"/"en"/"or" (so "nl;en" is Dutch and English, "Engels en Arabisch" two
    languages); a piece that is still not a language name or code is searched for
    language names ("Spanish with translators available" gives ``es``).

    Examples
    --------
    >>> languages_in("English and Spanish; Creole (limited); other languages upon request")
    (['en', 'es', 'ht'], ['other languages upon request'])
    """
    codes: list[str] = []
    leftovers: list[str] = []
    pieces: list[str] = []
    for part in _HARD_SEPARATORS.split(text):
        part = clean_line(part)
        pieces += [part] if language_code(part) else _SOFT_SEPARATORS.split(part)
    for piece in pieces:
        piece = clean_line(piece)
        if not piece:
            continue
        code = language_code(piece)
        found = [code] if code else [_LANGUAGES[m.lower()] for m in _NAMES.findall(piece)]
        found = [c for c in found if len(c) == 2]
        if not found:
            leftovers.append(piece)
        codes.extend(c for c in found if c not in codes)
    return codes, leftovers
