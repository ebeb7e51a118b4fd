"""Write ``src/wor_match/data/taxonomy.json``, the bilingual theme taxonomy, and check it.

    .venv/bin/python scripts/build_taxonomy.py

The taxonomy is hand-written here, one theme per call: an id, Dutch and English labels
(used in reasons), keywords per language and flags (see docs/taxonomy.md). Keywords are
lower case without accents; the loader normalises them anyway. The checks at the end print
keywords shared between themes and any keyword under three characters.
"""

import collections
import json
from pathlib import Path

OUTPUT = Path(__file__).resolve().parents[1] / "src" / "wor_match" / "data" / "taxonomy.json"
T: list[dict[str, object]] = []


def t(id: str, nl: str, en: str, knl: str, ken: str, flags: list[str]) -> None:
    T.append(
        {
            "id": id,
            "nl": nl,
            "en": en,
            "keywords": {"nl": knl.split(", "), "en": ken.split(", ")},
            "flags": flags,
        }
    )


t(
    "walking",
    "wandelen",
    "walking",
    "wandel, wandelen, wandeling, wandelingen, wandelgroep, ommetje, lopen, rollator",
    "walk, walking, walks, hike, hiking, stroll",
    ["movement", "outdoors", "group"],
)
t(
    "sports_movement",
    "bewegen en sport",
    "sport and exercise",
    "sport, sporten, bewegen, beweging, gymnastiek, fitness, conditie, volleybal, voetbal, badminton, tennis, tafeltennis",
    "sport, sports, exercise, fitness, gym, football, badminton, tennis",
    ["movement", "group"],
)
t(
    "adapted_movement",
    "aangepast bewegen",
    "adapted exercise",
    "stoelyoga, stoelgym, valpreventie, balans, bewegen voor ouderen, meer bewegen voor ouderen, fysiotherapie, beweegcoach, rustig bewegen",
    "chair yoga, falls prevention, balance, gentle exercise, seated exercise",
    ["adapted_movement", "movement", "low_threshold"],
)
t(
    "yoga_relaxation",
    "yoga en ontspanning",
    "yoga and relaxation",
    "yoga, meditatie, mindfulness, ontspanning, ontspannen, tai chi, qigong, ademhaling",
    "yoga, meditation, mindfulness, relaxation, relax, tai chi",
    ["movement"],
)
t(
    "swimming",
    "zwemmen",
    "swimming",
    "zwemmen, zwembad, aquajoggen, aquarobics, baantjes",
    "swim, swimming, pool, aqua",
    ["movement"],
)
t(
    "cycling",
    "fietsen",
    "cycling",
    "fietsen, fietstocht, fietsmaatje, fietsmaatjes, duofiets, fietsclub",
    "cycling, bike, bicycle, cycle",
    ["movement", "outdoors"],
)
t(
    "dance",
    "dansen",
    "dancing",
    "dansen, dans, stijldansen, line dance, volksdansen, dansles",
    "dance, dancing, line dancing",
    ["movement", "group", "creative"],
)
t(
    "gardening_nature",
    "tuinieren en natuur",
    "gardening and nature",
    "tuin, tuinen, tuinieren, moestuin, volkstuin, groente, natuur, natuurbeheer, bomen, bloemen, buiten zijn",
    "garden, gardening, allotment, vegetables, plants, nature, outdoors",
    ["outdoors", "meaningful"],
)
t(
    "animals",
    "dieren",
    "animals",
    "dieren, dier, hond, honden, katten, kat, dierenasiel, kinderboerderij, paarden, vogels",
    "animals, animal, dogs, dog, cats, cat, pets, farm animals",
    ["meaningful"],
)
t(
    "cooking_meals",
    "koken",
    "cooking",
    "koken, kook, kookles, kookclub, recepten, bakken, keuken",
    "cooking, cook, baking, recipes, kitchen",
    ["participation"],
)
t(
    "eating_together",
    "samen eten",
    "eating together",
    "samen eten, eettafel, buurtmaaltijd, maaltijd, maaltijden, lunch, diner, thuisgekookt, warme maaltijd",
    "eating together, meal, meals, lunch, dinner, shared meal",
    ["participation", "group"],
)
t(
    "arts_crafts",
    "creatief bezig zijn",
    "arts and crafts",
    "schilderen, schilder, schilderclub, tekenen, knutselen, creatief, boetseren, keramiek, fotografie, kunst",
    "painting, paint, drawing, draw, crafts, creative, pottery, photography",
    ["creative"],
)
t(
    "handicrafts",
    "handwerken",
    "needlework",
    "handwerken, handwerk, breien, brei, haken, borduren, naaien, quilten",
    "knitting, crochet, embroidery, sewing, needlework, quilting",
    ["creative", "group", "low_threshold"],
)
t(
    "music_singing",
    "muziek en zingen",
    "music and singing",
    "muziek, zingen, zang, koor, zangkoor, muziekles, instrument, gitaar, piano, orkest, fanfare",
    "music, singing, choir, instrument, guitar, piano, band",
    ["creative", "group"],
)
t(
    "culture_museum",
    "cultuur en musea",
    "culture and museums",
    "cultuur, museum, musea, theater, toneel, film, erfgoed, geschiedenis, historie, rondleiding",
    "culture, museum, museums, theatre, theater, cinema, heritage, history",
    ["participation"],
)
t(
    "reading_library",
    "lezen en de bibliotheek",
    "reading and the library",
    "lezen, lees, leesclub, boeken, boekenclub, bibliotheek, voorlezen, schrijven, poezie",
    "reading, book club, books, library, writing, poetry",
    ["low_threshold"],
)
t(
    "language_conversation",
    "taal en gesprek",
    "language and conversation",
    "taalcafe, taalmaatje, taalles, taalcoach, nederlands oefenen, conversatie, spreken, inburgering",
    "language cafe, language, conversation, dutch practice, speaking",
    ["participation", "group"],
)
t(
    "games",
    "spellen",
    "games",
    "spel, spellen, kaarten, klaverjassen, bridge, sjoelen, biljart, biljarten, schaken, schaak, dammen, bingo, jeu de boules, puzzelen, rummikub",
    "games, game, cards, bridge, billiards, chess, draughts, bingo, petanque, puzzles, boules",
    ["group", "low_threshold"],
)
t(
    "technology_computers",
    "computer en techniek",
    "computers and technology",
    "computer, computerles, tablet, smartphone, digitaal, internet, techniek, technisch, elektronica",
    "computer, computers, tablet, smartphone, digital, internet, technology, tech",
    ["structure"],
)
t(
    "repair_diy",
    "repareren en klussen",
    "repair and DIY",
    "repair cafe, repareren, reparatie, klussen, klusjes, houtbewerking, timmeren, fietsenmaker",
    "repair cafe, repair, repairing, diy, woodwork, handyman, fixing",
    ["meaningful", "participation"],
)
t(
    "meeting_socialising",
    "ontmoeting",
    "meeting people",
    "ontmoeting, ontmoeten, huiskamer, buurtkamer, inloop, inloopochtend, koffie, koffieochtend, gezelligheid, gezellig, buurthuis, wijkcentrum, soos, praatje",
    "meeting people, social, socialising, drop-in, coffee morning, coffee, community centre, company",
    ["low_threshold", "participation", "group"],
)
t(
    "buddy_contact",
    "een maatje",
    "a buddy",
    "maatje, maatjes, bezoekje, bezoekdienst, bezoekje, huisbezoek, buddy, vriendschap, praatje aan huis",
    "buddy, befriending, visit, visiting, home visit, friendship, companion",
    ["one_to_one"],
)
t(
    "volunteering_helping",
    "vrijwilligerswerk",
    "volunteering",
    "vrijwilliger, vrijwilligers, vrijwilligerswerk, betekenen, helpen, hulp bieden, iets betekenen, iets doen voor een ander, meehelpen, voedselbank, chauffeur",
    "volunteer, volunteering, helping, help others, food bank, driver, giving back",
    ["meaningful", "participation", "structure"],
)
t(
    "care_support",
    "steun en lotgenoten",
    "support and peers",
    "lotgenoten, lotgenotengroep, rouw, rouwverwerking, verlies, mantelzorg, mantelzorger, steun, gespreksgroep, zelfhulp",
    "peer support, support group, bereavement, grief, loss, carers, caregiver, self help",
    ["one_to_one", "group"],
)
t(
    "learning_courses",
    "leren en cursussen",
    "learning and courses",
    "cursus, cursussen, leren, lessen, workshop, lezing, studie, scholing",
    "course, courses, learning, learn, class, classes, workshop, lecture",
    ["structure"],
)
t(
    "spirituality_meaning",
    "zingeving",
    "meaning and reflection",
    "zingeving, levensvragen, bezinning, spiritualiteit, geloof, kerk, moskee, levensverhaal",
    "meaning, reflection, spirituality, faith, church, mosque, life story",
    ["meaningful"],
)
t(
    "money_administration",
    "geld en administratie",
    "money and paperwork",
    "geldzaken, administratie, thuisadministratie, schulden, schuldhulp, formulieren, budget, rekeningen",
    "money, finances, paperwork, debt, debts, forms, budgeting, bills",
    ["one_to_one"],
)
t(
    "outdoors_excursions",
    "uitstapjes",
    "outings",
    "uitstapje, uitstapjes, excursie, dagje uit, reis, busreis",
    "outing, outings, excursion, day trip, trip, market",
    ["outdoors", "group"],
)
t(
    "crowds_noise",
    "drukte en lawaai",
    "crowds and noise",
    "drukte, lawaai, herrie, grote groepen, veel mensen, rumoer",
    "crowds, crowded, noise, noisy, large groups, busy",
    ["setting:large_group"],
)
t(
    "early_mornings",
    "vroeg opstaan",
    "early mornings",
    "vroeg opstaan, vroeg, ochtend",
    "early mornings, early, morning",
    ["time:morning"],
)
t(
    "late_evenings",
    "avonden",
    "evenings",
    "avond, avonden, s avonds",
    "evening, evenings, night",
    ["time:evening"],
)
t(
    "screens_online",
    "beeldschermen",
    "screens",
    "beeldscherm, beeldschermen, videobellen, online, computerscherm",
    "screens, screen, video calls, online",
    ["online"],
)
data = {"version": 1, "source": "Hand-written for wor_match; see docs/taxonomy.md", "themes": T}
with OUTPUT.open("w", encoding="utf-8") as handle:
    json.dump(data, handle, indent=1, ensure_ascii=True)
    handle.write("\n")
# checks: unique ids; keywords shared between themes; very short keywords
ids = [x["id"] for x in T]
if len(ids) != len(set(ids)):
    raise SystemExit("theme ids must be unique")
kw = collections.Counter(
    k
    for x in T
    for k in dict.fromkeys(k for lang in x["keywords"].values() for k in lang)  # type: ignore[attr-defined]
)
print("keywords in more than one theme:", [k for k, c in kw.items() if c > 1])
print("short:", [k for k in kw if len(k) < 3])
print(len(T), "themes", sum(kw.values()), "keywords")
