"""A national catalogue with realistic Dutch text, for benchmarks of the text index.

`make_synthetic_catalogue` names every activity after its theme label ("zingeving groep"),
so a million rows share a few dozen distinct texts. A national catalogue does not: names
are mostly unique ("Wandelgroep De Linde", "Moestuin 't Veld Zwolle") and descriptions of
15-40 words mix the theme's keywords with places, days and a long tail of rare words
(club and street names). `national_catalogue` keeps every column and theme of the
synthetic catalogue and replaces `name`, `description` and `provider` with such text:

- names: a keyword of the row's theme, capitalised, often with a suffix ("groep",
  "club"), plus a name part ("De Linde", "'t Veld", "De Vorolan") and/or a gemeente;
- descriptions: 1-3 of 40 sentence templates whose slots hold keywords of the row's own
  theme (3% with a typo), its gemeente, a day and day part, club and street names, plus
  filler words drawn Zipf-like (exponent 1.07) from a few hundred common Dutch words
  followed by 100,000 pseudo-words made of syllables;
- providers: foundations and clubs named after pseudo-words and gemeenten.

Filler words and template text match no theme of the shipped taxonomy (the pools are
filtered through it), so the themes a description shows are the row's own theme plus what
its day parts bring ("dinsdagavond" reads as an evening). Deterministic by seed; the word
pools do not depend on it. 1,000,000 rows take 15-20 s on a 2-core machine, about 7 s of
it in `make_synthetic_catalogue`.

Run ``python benchmarks/national.py`` for a sample, and
``python benchmarks/national.py --index 100000,1000000`` to measure the text index.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pandas as pd

from wor_match.datasets import make_synthetic_catalogue
from wor_match.geo.postcodes import load_pc4_table
from wor_match.taxonomy import load_taxonomy
from wor_match.text import STOPWORDS, tokens

__all__ = ["national_catalogue"]

Strings = npt.NDArray[np.object_]

# fmt: off
#: Common Dutch words, most frequent first (function words lead, as in real text).
COMMON_WORDS = (
    "de", "en", "het", "van", "een", "in", "is", "je", "we", "voor", "met", "op", "te", "die",
    "dat", "zijn", "er", "aan", "ook", "om", "niet", "bij", "of", "als", "naar", "uit", "wij",
    "ze", "dan", "nog", "wel", "maar", "u", "ons", "onze", "jij", "kan", "kunnen", "wordt",
    "worden", "door", "over", "tot", "hun", "haar", "hij", "zij", "ik", "mijn", "meer", "veel",
    "heel", "erg", "alle", "elke", "iedere", "andere", "eigen", "goed", "goede", "mooi",
    "mooie", "fijn", "fijne", "leuk", "leuke", "nieuw", "nieuwe", "oud", "oude", "klein",
    "kleine", "groot", "altijd", "vaak", "soms", "graag", "even", "weer", "al", "nu", "dus",
    "want", "omdat", "zodat", "waar", "wanneer", "hoe", "wie", "wat", "dit", "deze", "zoals",
    "tijdens", "na", "voordat", "sinds", "tussen", "onder", "boven", "naast", "achter",
    "binnen", "zonder", "via", "per", "rond", "ongeveer", "jaar", "jaren", "dag", "dagen",
    "week", "weken", "maand", "uur", "tijd", "moment", "keer", "mensen", "iedereen", "elkaar",
    "wijk", "dorp", "stad", "buurt", "huis", "thuis", "plek", "ruimte", "zaal", "gebouw",
    "locatie", "adres", "ingang", "trap", "lift", "deur", "tafel", "stoel", "kopje", "thee",
    "water", "soep", "fruit", "taart", "gratis", "kosten", "bijdrage", "euro", "betalen",
    "contant", "pinnen", "aanmelden", "inschrijven", "opgeven", "bellen", "mailen", "vragen",
    "antwoord", "informatie", "folder", "website", "telefoon", "nummer", "contact",
    "contactpersoon", "begeleider", "begeleiding", "deelnemer", "deelnemers", "bewoners",
    "inwoners", "ouderen", "senioren", "jongeren", "volwassenen", "gezin", "familie",
    "partner", "kinderen", "kleinkinderen", "buren", "vrienden", "kennissen", "nieuwkomers",
    "beginners", "gevorderden", "ervaring", "ervaren", "rustig", "rustige", "vrolijk",
    "vrolijke", "warm", "warme", "open", "vrij", "vrije", "vast", "vaste", "kort", "korte",
    "lang", "lange", "langzaam", "snel", "samen", "alleen", "zelf", "mee", "doen", "gaan",
    "komen", "blijven", "zitten", "staan", "praten", "luisteren", "kijken", "zien", "horen",
    "denken", "voelen", "maken", "geven", "nemen", "krijgen", "brengen", "halen", "zoeken",
    "vinden", "houden", "kennen", "weten", "willen", "mogen", "moeten", "zullen", "gewoon",
    "echt", "zeker", "misschien", "natuurlijk", "eigenlijk", "vooral", "meestal", "steeds",
    "ineens", "later", "eerder", "straks", "vandaag", "morgen", "gisteren", "seizoen",
    "voorjaar", "zomer", "najaar", "winter", "feestdagen", "vakantie", "weekend", "januari",
    "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
    "november", "december", "programma", "aanbod", "activiteit", "activiteiten", "project",
    "initiatief", "bijeenkomst", "bijeenkomsten", "afspraak", "afspraken", "plan", "idee",
    "wens", "doel", "stap", "start", "einde", "afloop", "pauze", "begin", "resultaat",
    "gezondheid", "energie", "plezier", "rust", "aandacht", "respect", "vertrouwen",
    "veiligheid", "contacten", "netwerk", "omgeving", "gemeente", "provincie", "landelijk",
    "lokaal", "regionaal", "centrum", "station", "bus", "auto", "parkeren", "rolstoel",
    "toegankelijk", "drempel", "laagdrempelig", "welkom", "hartelijk", "groet", "groeten",
    "bedankt", "één", "café", "geïnteresseerd", "privé", "financiën",
)
SYLLABLES = (
    "ka", "ber", "lo", "min", "de", "ver", "hol", "sta", "ren", "mo", "gel", "an", "ter",
    "bo", "vlie", "dor", "kel", "ma", "zan", "wes", "ri", "ho", "ven", "pe", "lin", "dam",
    "bur", "rijk", "sel", "ko", "nie", "wa", "ge", "laar", "man", "bro", "ek", "hui", "zen",
    "vel", "stra", "ne", "ling", "to", "ras", "mer", "gaard", "hem", "brink", "sloot",
    "horst", "kamp", "wold", "rade", "vo", "lu", "tje", "stee", "zo", "fa",
)
TEMPLATES = (
    "Elke {day}{part} komen we bij elkaar voor {kw} in {place}.",
    "Doe mee met {kw} bij {club} aan de {street} in {place}.",
    "Wij zijn een kleine groep die {kw} en {kw2} belangrijk vindt.",
    "Iedereen is welkom, ook als je nog nooit aan {kw} hebt gedaan.",
    "We beginnen om {time} uur en stoppen rond {time2} uur.",
    "Onder begeleiding van ervaren mensen werken we aan {kw}.",
    "Kom gerust eens kijken op de {street} {num} in {place}!",
    "Voor meer informatie kun je contact opnemen met {club}.",
    "Deelname is gratis; een bijdrage voor de kosten is welkom.",
    "Je hoeft geen ervaring te hebben met {kw}.",
    "De bijeenkomst is op {day} in het gebouw van {club}, {street} {num}.",
    "{Kw} is goed voor lichaam en geest.",
    "Wij zoeken nog deelnemers voor onze {kw} op {day}{part}.",
    "Aanmelden is niet nodig: loop gerust binnen.",
    "Na afloop is er tijd om na te praten.",
    "De ruimte is goed toegankelijk voor mensen met een rolstoel.",
    "Ook als je minder mobiel bent, is er plek bij {kw}.",
    "Vervoer kan geregeld worden via de gemeente {place}.",
    "Samen met {club} organiseren we {kw} voor inwoners van {place}.",
    "Het programma bestaat uit {kw}, {kw2} en ruimte voor vragen.",
    "De groep bestaat uit {num} deelnemers uit {place} en omgeving.",
    "Elke {day} om {time} uur: {kw} voor beginners en gevorderden.",
    "Neem makkelijke kleding en een flesje water mee.",
    "Voor wie meer wil weten over {kw} is dit een goede start.",
    "Onze begeleiders staan voor je klaar.",
    "De kosten zijn {num} euro per seizoen.",
    "{Kw} vindt plaats bij {club} aan de {street}.",
    "Wil je eerst een keer proberen? Dat kan zeker.",
    "In {place} is dit een van de bekendste plekken voor {kw}.",
    "Er is parkeergelegenheid bij de {street}.",
    "De locatie is bereikbaar met lijn {num} vanaf het station van {place}.",
    "We werken in kleine groepjes van {num} personen.",
    "Wie van {kw2} houdt, is hier op de goede plek.",
    "Het seizoen loopt van september tot juni.",
    "In de schoolvakanties gaat {kw} gewoon door.",
    "Bij slecht weer wijken we uit naar {club}.",
    "{Kw} met anderen geeft energie en nieuwe contacten.",
    "Heb je vragen? Bel {club} op {phone}.",
    "De activiteit wordt mogelijk gemaakt door de gemeente {place}.",
    "Je bent van harte welkom om mee te doen op {day}{part}.",
)
NAME_PARTS = (
    "De Linde", "'t Veld", "Het Anker", "De Brug", "De Wissel", "De Wending",
    "Het Trefpunt", "De Horizon", "De Eik", "De Kastanje", "Het Lichtpunt", "De Zonnebloem",
    "De Parel", "De Ster", "'t Hoekje", "De Bron", "De Kring", "Het Dorpshuis", "De Molen",
    "De Hoeve", "'t Span", "De Meander", "Het Kompas", "De Vonk", "Oost", "West", "Noord",
    "Zuid", "Centrum", "Het Plein", "De Haven", "'t Hof", "De Akker", "De Driehoek",
)
NAME_SUFFIXES = ("", "", "", "groep", "club", " voor iedereen", " 55+", " en meer")
PROVIDERS = (
    "Stichting Welzijn {place}", "Stichting {Pseudo}", "Vereniging {Pseudo} {place}",
    "{Pseudo} Welzijn", "Buurtvereniging {Pseudo}", "Bibliotheek {place}",
    "Humanitas afdeling {place}", "Stichting {Pseudo} & {Pseudo2}", "Dorpsraad {Pseudo}",
    "{Pseudo} Zorggroep {place}", "Kerkgemeenschap {Pseudo}", "Wijkteam {place} {name_part}",
)
DAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
DAY_PARTS = ("ochtend", "middag", "avond")
STREET_ENDS = ("straat", "laan", "weg", "plein", "hof", "singel", "kade", "dreef", "pad")
# fmt: on
ZIPF_EXPONENT = 1.07
N_PSEUDO_WORDS = 100_000
TYPO_SHARE = 0.03
CHUNK_ROWS = 250_000
_SLOT = re.compile(r"\{(\w+)\}")


def national_catalogue(n: int, seed: int) -> pd.DataFrame:
    """``make_synthetic_catalogue(n, seed=seed)`` with realistic `name`, `description` and
    `provider` text (see the module docstring)."""
    frame = make_synthetic_catalogue(n, seed=seed)
    rng = np.random.default_rng([seed, 0x7E47])
    themes = load_taxonomy().themes
    theme_of = {theme.nl: i for i, theme in enumerate(themes)}
    theme = np.asarray(frame["categories"].map(theme_of), dtype=np.intp)
    names = np.empty(n, dtype=object)
    descriptions = np.empty(n, dtype=object)
    providers = np.empty(n, dtype=object)
    for begin in range(0, n, CHUNK_ROWS):
        rows = slice(begin, min(begin + CHUNK_ROWS, n))
        slots, spaces = _slots(theme[rows], rng)
        names[rows] = _names(slots, rng)
        descriptions[rows] = _descriptions(slots, spaces, rng)
        providers[rows] = _providers(slots, rng)
    frame["name"] = names
    frame["description"] = descriptions
    frame["provider"] = providers
    return frame


@dataclass(frozen=True)
class _Pools:
    """Words the text is drawn from (independent of the seed, built once)."""

    #: theme keywords, flat (themes in order), and their typo and capitalised forms
    keywords: Strings
    typos: Strings
    capitalised: Strings
    capitalised_typos: Strings
    #: which keywords hold a space (no compound name is glued onto those), and how many
    spaced: npt.NDArray[np.bool_]
    spaces: npt.NDArray[np.intp]
    #: filler words by Zipf rank: common words, then pseudo-words
    filler: Strings
    #: capitalised pseudo-words, for names of clubs, streets and providers
    names: Strings


@cache
def _pools() -> _Pools:
    taxonomy = load_taxonomy()
    keywords = [k for t in taxonomy.themes for k in t.keywords]
    typos = [_typo(k) for k in keywords]
    rng = np.random.default_rng(20260101)
    n_draw = N_PSEUDO_WORDS + N_PSEUDO_WORDS // 2
    n_syllables = rng.choice([2, 3, 4], size=n_draw, p=[0.2, 0.55, 0.25])
    picks = np.asarray(SYLLABLES, dtype=object)[rng.integers(0, len(SYLLABLES), (n_draw, 4))]
    words = picks[:, 0] + picks[:, 1]
    for column in (2, 3):
        words = np.where(n_syllables > column, words + picks[:, column], words)
    common = list(dict.fromkeys(COMMON_WORDS))
    known = set(common) | STOPWORDS
    pseudo = [w for w in pd.unique(words).tolist() if w not in known]
    # filler must bring no themes of its own: drop words that match a theme keyword
    pseudo_hits = np.flatnonzero(taxonomy.match(pseudo).any(axis=1)).tolist()
    pseudo = np.delete(np.array(pseudo, dtype=object), pseudo_hits).tolist()
    return _Pools(
        keywords=np.array(keywords, dtype=object),
        typos=np.array(typos, dtype=object),
        capitalised=np.array([_capitalise(k) for k in keywords], dtype=object),
        capitalised_typos=np.array([_capitalise(k) for k in typos], dtype=object),
        spaced=np.array([" " in k for k in keywords]),
        spaces=np.array([k.count(" ") for k in keywords], dtype=np.intp),
        filler=np.array([*_themeless(common), *pseudo[:N_PSEUDO_WORDS]], dtype=object),
        names=np.array([_capitalise(w) for w in pseudo[:N_PSEUDO_WORDS]], dtype=object),
    )


def _capitalise(word: str) -> str:
    return word[:1].upper() + word[1:]


def _themeless(words: list[str]) -> list[str]:
    """The words in which, read as catalogue text, no theme keyword matches."""
    unigrams = {word: tokens(word, max_words=1) for word in words}
    vocabulary = list(dict.fromkeys(t for found in unigrams.values() for t in found))
    hits = np.flatnonzero(load_taxonomy().match(vocabulary).any(axis=1)).tolist()
    themed = {vocabulary[i] for i in hits}
    return [w for w in words if themed.isdisjoint(unigrams[w])]


def _typo(word: str) -> str:
    """Two neighbouring letters swapped in the middle of the word (no change if short)."""
    if len(word) < 5 or " " in word:
        return word
    middle = len(word) // 2
    return word[: middle - 1] + word[middle] + word[middle - 1] + word[middle + 1 :]


def _choose(values: Strings, size: int, rng: np.random.Generator) -> Strings:
    return values[rng.integers(0, len(values), size)]


@cache
def _fixed_slot_values() -> dict[str, Strings]:
    table = load_pc4_table().frame
    return {
        "place": table["gemeente"].fillna(table["place"]).to_numpy(dtype=object),
        "num": np.array([str(i) for i in range(1, 121)], dtype=object),
        "time": np.array([f"{h}.{m:02d}" for h in range(9, 15) for m in (0, 30)], dtype=object),
        "time2": np.array([f"{h}.{m:02d}" for h in range(15, 21) for m in (0, 30)], dtype=object),
        "phone": np.array([f"06-{i}" for i in range(12_345_678, 12_445_678, 7)], dtype=object),
        "article": np.array(["De ", "", "Het ", "'t "], dtype=object),
        "day": np.asarray(DAYS, dtype=object),
        "part": np.asarray(DAY_PARTS, dtype=object),
        "street_end": np.asarray(STREET_ENDS, dtype=object),
    }


Spaces = dict[str, npt.NDArray[np.intp]]


def _slots(
    theme: npt.NDArray[np.intp], rng: np.random.Generator
) -> tuple[dict[str, Strings], Spaces]:
    """Per-row values of every template slot, and the spaces inside the values of the
    slots that can hold several words (for counting a description's words)."""
    pools = _pools()
    taxonomy = load_taxonomy()
    counts = np.array([len(t.keywords) for t in taxonomy.themes])
    offsets = np.concatenate([[0], np.cumsum(counts)[:-1]])
    n = len(theme)

    def keyword() -> tuple[npt.NDArray[np.intp], npt.NDArray[np.bool_]]:
        index = offsets[theme] + (rng.random(n) * counts[theme]).astype(np.intp)
        return index, rng.random(n) < TYPO_SHARE

    index, typo = keyword()
    index2, typo2 = keyword()
    suffixes = np.asarray(NAME_SUFFIXES, dtype=object)
    suffix = _choose(suffixes, n, rng)
    # compounds only of one-word keywords ("Wandelgroep", not "Samen etengroep")
    glued = ~pools.spaced[index] | np.isin(suffix, [s for s in NAME_SUFFIXES if s[:1] == " "])
    slots = {name: _choose(values, n, rng) for name, values in _fixed_slot_values().items()}
    places = _fixed_slot_values()["place"]
    place = rng.integers(0, len(places), n)
    slots["place"] = places[place]
    spaces = {
        "kw": pools.spaces[index],
        "Kw": pools.spaces[index],
        "kw2": pools.spaces[index2],
        "place": np.array([p.count(" ") for p in places], dtype=np.intp)[place],
        "club": (slots["article"] != "").astype(np.intp),  # "De Vorolan"
    }
    return slots | {
        "kw": np.where(typo, pools.typos[index], pools.keywords[index]),
        "Kw": np.where(typo, pools.capitalised_typos[index], pools.capitalised[index]),
        "kw2": np.where(typo2, pools.typos[index2], pools.keywords[index2]),
        "suffix": np.where(glued, suffix, ""),
        "name_part": np.where(
            rng.random(n) < 0.3,
            _choose(pools.names, n, rng),
            _choose(np.asarray(NAME_PARTS, dtype=object), n, rng),
        ),
        "club_name": _choose(pools.names, n, rng),
        "street_name": _choose(pools.names, n, rng),
        "Pseudo": _choose(pools.names, n, rng),
        "Pseudo2": _choose(pools.names, n, rng),
    }, spaces


#: Slots written as other slots.
_COMPOSITE = {"club": "{article}{club_name}", "street": "{street_name}{street_end}"}


@dataclass(frozen=True)
class _Part:
    """One part of a text (a sentence, a run of filler words): how many pieces each row
    gets, and how to write them from given start positions."""

    counts: npt.NDArray[np.intp]
    write: Callable[[Strings, npt.NDArray[np.intp]], None]


def _template_part(
    templates: tuple[str, ...],
    chosen: npt.NDArray[np.intp],
    slots: dict[str, Strings],
    present: npt.NDArray[np.bool_] | None = None,
    prefix: str = "",
) -> _Part:
    """Row i holds ``templates[chosen[i]]`` filled from its slots (where ``present``)."""
    split = []
    for template in templates:
        for name, spelled in _COMPOSITE.items():
            template = template.replace("{" + name + "}", spelled)
        split.append(_SLOT.split(prefix + template))
    present = np.ones(len(chosen), dtype=bool) if present is None else present
    counts = np.where(present, np.array([len(p) for p in split])[chosen], 0)

    def write(out: Strings, starts: npt.NDArray[np.intp]) -> None:
        rows = np.flatnonzero(present)
        rows = rows[np.argsort(chosen[rows], kind="stable")]
        bounds = np.searchsorted(chosen[rows], np.arange(len(split) + 1))
        for t, pieces in enumerate(split):
            these = rows[bounds[t] : bounds[t + 1]]
            base = starts[these]
            for j, piece in enumerate(pieces):
                out[base + j] = slots[piece][these] if j % 2 else piece

    return _Part(counts, write)


def _filler_part(n_words: npt.NDArray[np.intp], rng: np.random.Generator) -> _Part:
    """ " w1 w2, w3 ... wk.": ``n_words`` Zipf-drawn filler words (at least one)."""
    filler = _pools().filler
    total = int(n_words.sum())
    # continuous power law on [1, N + 1), floored: P(rank r) ~ r ** -ZIPF_EXPONENT
    exponent = 1.0 - ZIPF_EXPONENT
    top = (len(filler) + 1.0) ** exponent
    ranks = ((top - 1.0) * rng.random(total) + 1.0) ** (1.0 / exponent)
    words = filler[np.minimum(ranks.astype(np.intp) - 1, len(filler) - 1)]
    separators = np.where(rng.random(total) < 0.08, ", ", " ").astype(object)
    separators[np.cumsum(n_words) - 1] = "."

    def write(out: Strings, starts: npt.NDArray[np.intp]) -> None:
        out[starts] = " "
        positions = np.repeat(starts + 1, n_words) + 2 * _ranks_within(n_words)
        out[positions] = words
        out[positions + 1] = separators

    return _Part(2 * n_words + 1, write)


def _ranks_within(counts: npt.NDArray[np.intp]) -> npt.NDArray[np.intp]:
    """0, 1, ..., c - 1 for each count c, concatenated."""
    ends = np.cumsum(counts)
    return np.arange(int(ends[-1]) if len(ends) else 0) - np.repeat(ends - counts, counts)


def _render(parts: list[_Part]) -> Strings:
    """Per row, the pieces of every part in order, joined: one join for all rows."""
    counts = np.column_stack([part.counts for part in parts] + [np.ones_like(parts[0].counts)])
    ends = np.cumsum(counts.ravel()).reshape(counts.shape)
    starts = ends - counts
    out = np.empty(int(ends[-1, -1]), dtype=object)
    for k, part in enumerate(parts):
        part.write(out, starts[:, k])
    out[starts[:, -1]] = "\n"
    return np.array("".join(out.tolist()).split("\n")[:-1], dtype=object)


def _names(slots: dict[str, Strings], rng: np.random.Generator) -> Strings:
    forms = (
        "{Kw}{suffix} {name_part}",
        "{Kw}{suffix} {name_part} {place}",
        "{Kw}{suffix} {place}",
        "{Kw}{suffix} bij {club}",
    )
    chosen = rng.choice(len(forms), size=len(slots["kw"]), p=[0.35, 0.3, 0.2, 0.15])
    return _render([_template_part(forms, chosen, slots)])


def _providers(slots: dict[str, Strings], rng: np.random.Generator) -> Strings:
    chosen = rng.integers(0, len(PROVIDERS), len(slots["kw"]))
    return _render([_template_part(PROVIDERS, chosen, slots)])


def _descriptions(slots: dict[str, Strings], spaces: Spaces, rng: np.random.Generator) -> Strings:
    n = len(slots["kw"])
    n_sentences = rng.choice([1, 2, 3], size=n, p=[0.35, 0.45, 0.2])
    chosen = rng.integers(0, len(TEMPLATES), size=(n, 3))
    # words of each chosen sentence: its own, plus the extra words of multi-word slots
    words = np.array([len(_SLOT.sub("x", t).split()) for t in TEMPLATES])[chosen]
    for name, extra in spaces.items():
        uses = np.array([t.count("{" + name + "}") for t in TEMPLATES])
        words += uses[chosen] * extra[:, None]
    target = rng.integers(15, 41, size=n)
    for _ in range(2):  # drop the last sentence while the sentences alone pass 38 words
        used = np.where(np.arange(3) < n_sentences[:, None], words, 0).sum(axis=1)
        n_sentences = np.where((used > 38) & (n_sentences > 1), n_sentences - 1, n_sentences)
    used = np.where(np.arange(3) < n_sentences[:, None], words, 0).sum(axis=1)
    n_filler = np.maximum(target - used, 2)
    return _render(
        [
            _template_part(TEMPLATES, chosen[:, 0], slots),
            _filler_part(n_filler, rng),
            _template_part(TEMPLATES, chosen[:, 1], slots, n_sentences > 1, prefix=" "),
            _template_part(TEMPLATES, chosen[:, 2], slots, n_sentences > 2, prefix=" "),
        ]
    )


def _status_mb(key: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure_text_index(n: int, seed: int = 1) -> str:
    """Build the text index of ``national_catalogue(n, seed)``: vocabulary size, seconds
    (wall and CPU of this process) and resident memory added at the peak and after."""
    import gc
    import time

    from wor_match.catalogue._text_index import build_text_index

    frame = national_catalogue(n, seed)
    structured = [
        [name, *filter(None, categories.split(";")), *filter(None, tags.split(";"))]
        for name, categories, tags in zip(
            frame["name"].tolist(),
            frame["categories"].tolist(),
            frame["tags"].tolist(),
            strict=True,
        )
    ]
    descriptions = frame["description"].tolist()
    del frame
    gc.collect()
    taxonomy = load_taxonomy()
    taxonomy.match(["warm"])  # caches of the taxonomy, outside the timing
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")  # restart the peak (Linux)
    before = _status_mb("VmRSS:")
    wall, cpu = time.perf_counter(), time.process_time()
    index = build_text_index(structured, descriptions, taxonomy)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    nnz = len(index.structured.rows) + len(index.description.rows)
    peak, after = _status_mb("VmHWM:") - before, _status_mb("VmRSS:") - before
    words = list(index.vocabulary[:200_000])
    match = time.perf_counter()
    taxonomy.match(words)
    match = time.perf_counter() - match
    return (
        f"{n:>9,} rows: vocabulary {len(index.vocabulary):,} words, {nnz:,} postings; "
        f"build_text_index {wall:.2f} s wall, {cpu:.2f} s CPU; "
        f"RSS +{peak:.0f} MB at the peak, +{after:.0f} MB after; "
        f"Taxonomy.match of {len(words):,} of its words {match:.2f} s (one thread)"
    )


if __name__ == "__main__":
    import argparse
    import time

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=5, help="rows of the sample to print")
    parser.add_argument(
        "--index", default="", help="comma-separated sizes: measure build_text_index on them"
    )
    args = parser.parse_args()
    if args.index:
        print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f} at the start")
        for size in (int(s) for s in args.index.split(",")):
            print(measure_text_index(size), flush=True)
        sys.exit(0)
    start = time.perf_counter()
    sample = national_catalogue(args.rows, seed=1)
    print(f"{args.rows} rows in {time.perf_counter() - start:.1f} s")
    with pd.option_context("display.max_colwidth", 200, "display.width", 200):
        print(sample[["name", "description", "provider", "categories", "tags"]].head(8))
