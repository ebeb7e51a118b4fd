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
pools do not depend on it. 1,000,000 rows take about 15 s.

Run ``python benchmarks/national.py`` for a sample.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt
import pandas as pd

from wor_match.datasets import make_synthetic_catalogue
from wor_match.geo.postcodes import load_pc4_table
from wor_match.taxonomy import load_taxonomy
from wor_match.text import tokens

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
    theme = frame["categories"].map(theme_of).to_numpy(dtype=np.intp)
    names = np.empty(n, dtype=object)
    descriptions = np.empty(n, dtype=object)
    providers = np.empty(n, dtype=object)
    for begin in range(0, n, CHUNK_ROWS):
        rows = slice(begin, min(begin + CHUNK_ROWS, n))
        slots = _slots(theme[rows], rng)
        names[rows] = _names(slots, rng)
        descriptions[rows] = _descriptions(slots, rng)
        providers[rows] = _providers(slots, rng)
    frame["name"] = names
    frame["description"] = descriptions
    frame["provider"] = providers
    return frame


@cache
def _pools() -> tuple[Strings, Strings, Strings]:
    """Theme keywords with their capitalised and typo forms (flat, themes in order), the
    filler pool (common words then pseudo-words, by rank) and capitalised pseudo-words."""
    taxonomy = load_taxonomy()
    keywords = np.array([k for t in taxonomy.themes for k in t.keywords], dtype=object)
    rng = np.random.default_rng(20260101)
    n_draw = 2 * N_PSEUDO_WORDS
    n_syllables = rng.choice([2, 3, 4], size=n_draw, p=[0.2, 0.55, 0.25])
    picks = np.asarray(SYLLABLES, dtype=object)[rng.integers(0, len(SYLLABLES), (n_draw, 4))]
    words = picks[:, 0] + picks[:, 1]
    for column in (2, 3):
        words = np.where(n_syllables > column, words + picks[:, column], words)
    common = list(dict.fromkeys(COMMON_WORDS))
    known = set(common)
    pseudo = [w for w in pd.unique(words).tolist() if w not in known]
    # filler must bring no themes of its own: drop words that match a theme keyword
    common, pseudo = _themeless(common), _themeless(pseudo)[:N_PSEUDO_WORDS]
    filler = np.array([*common, *pseudo], dtype=object)
    capitalised = np.array([w.capitalize() for w in pseudo], dtype=object)
    return keywords, filler, capitalised


def _themeless(words: list[str]) -> list[str]:
    """The words in which, read as catalogue text, no theme keyword matches."""
    unigrams = {word: tokens(word, max_words=1) for word in words}
    vocabulary = list(dict.fromkeys(t for found in unigrams.values() for t in found))
    hits = load_taxonomy().match(vocabulary).any(axis=1)
    themed = {t for t, hit in zip(vocabulary, hits, strict=True) if hit}
    return [w for w in words if themed.isdisjoint(unigrams[w])]


def _typo(word: str) -> str:
    """Two neighbouring letters swapped in the middle of the word (no change if short)."""
    if len(word) < 5 or " " in word:
        return word
    middle = len(word) // 2
    return word[: middle - 1] + word[middle] + word[middle - 1] + word[middle + 1 :]


def _choose(values: Strings, size: int, rng: np.random.Generator) -> Strings:
    return values[rng.integers(0, len(values), size)]


def _slots(theme: npt.NDArray[np.intp], rng: np.random.Generator) -> dict[str, Strings]:
    """Per-row values of every template slot."""
    keywords, _, pseudo = _pools()
    taxonomy = load_taxonomy()
    counts = np.array([len(t.keywords) for t in taxonomy.themes])
    offsets = np.concatenate([[0], np.cumsum(counts)[:-1]])
    n = len(theme)

    def keyword() -> Strings:
        picked = keywords[offsets[theme] + (rng.random(n) * counts[theme]).astype(np.intp)]
        typo = rng.random(n) < TYPO_SHARE
        picked[typo] = [_typo(w) for w in picked[typo]]
        return picked

    table = load_pc4_table().frame
    gemeente = table["gemeente"].fillna(table["place"]).to_numpy(dtype=object)
    kw = keyword()
    # compounds only of one-word keywords ("Wandelgroep", not "Samen etengroep")
    suffixes = np.asarray(NAME_SUFFIXES, dtype=object)
    suffix = _choose(suffixes, n, rng)
    glued = np.array([" " not in w for w in kw]) | np.isin(
        suffix, [s for s in suffixes if s[:1] == " "]
    )
    numbers = np.array([str(i) for i in range(1, 121)], dtype=object)
    times = np.array([f"{h}.{m:02d}" for h in range(9, 21) for m in (0, 30)], dtype=object)
    articles = np.array(["De ", "", "Het ", "'t "], dtype=object)
    name_parts = np.asarray(NAME_PARTS, dtype=object)
    return {
        "kw": kw,
        "Kw": np.array([w[:1].upper() + w[1:] for w in kw], dtype=object),
        "kw2": keyword(),
        "suffix": np.where(glued, suffix, ""),
        "name_part": np.where(
            rng.random(n) < 0.3, _choose(pseudo, n, rng), _choose(name_parts, n, rng)
        ),
        "place": _choose(gemeente, n, rng),
        "day": _choose(np.asarray(DAYS, dtype=object), n, rng),
        "part": _choose(np.asarray(DAY_PARTS, dtype=object), n, rng),
        "article": _choose(articles, n, rng),
        "club_name": _choose(pseudo, n, rng),
        "street_name": _choose(pseudo, n, rng),
        "street_end": _choose(np.asarray(STREET_ENDS, dtype=object), n, rng),
        "num": _choose(numbers, n, rng),
        "time": _choose(times[:12], n, rng),
        "time2": _choose(times[12:], n, rng),
        "phone": np.array([f"06-{i}" for i in rng.integers(10**7, 10**8, n)], dtype=object),
        "Pseudo": _choose(pseudo, n, rng),
        "Pseudo2": _choose(pseudo, n, rng),
    }


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
        for t, pieces in enumerate(split):
            rows = np.flatnonzero((chosen == t) & present)
            for j, piece in enumerate(pieces):
                out[starts[rows] + j] = slots[piece][rows] if j % 2 else piece

    return _Part(counts, write)


def _filler_part(n_words: npt.NDArray[np.intp], rng: np.random.Generator) -> _Part:
    """ " w1 w2, w3 ... wk.": ``n_words`` Zipf-drawn filler words (at least one)."""
    _, filler, _ = _pools()
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


def _descriptions(slots: dict[str, Strings], rng: np.random.Generator) -> Strings:
    n = len(slots["kw"])
    n_sentences = rng.choice([1, 2, 3], size=n, p=[0.35, 0.45, 0.2])
    chosen = rng.integers(0, len(TEMPLATES), size=(n, 3))
    template_words = np.array([len(_SLOT.sub("x", t).split()) for t in TEMPLATES])
    used_words = np.where(np.arange(3) < n_sentences[:, None], template_words[chosen], 0)
    n_filler = np.maximum(rng.integers(15, 41, size=n) - used_words.sum(axis=1), 2)
    return _render(
        [
            _template_part(TEMPLATES, chosen[:, 0], slots),
            _filler_part(n_filler, rng),
            _template_part(TEMPLATES, chosen[:, 1], slots, n_sentences > 1, prefix=" "),
            _template_part(TEMPLATES, chosen[:, 2], slots, n_sentences > 2, prefix=" "),
        ]
    )


if __name__ == "__main__":
    import time

    size = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    start = time.perf_counter()
    sample = national_catalogue(size, seed=1)
    print(f"{size} rows in {time.perf_counter() - start:.1f} s")
    with pd.option_context("display.max_colwidth", 200, "display.width", 200):
        print(sample[["name", "description", "provider", "categories", "tags"]].head(8))
