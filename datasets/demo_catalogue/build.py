"""Build the illustrative demo catalogue (``demo_catalogue.csv``) and its shipped copy.

    .venv/bin/python datasets/demo_catalogue/build.py

ILLUSTRATIVE, NOT REAL OFFERS: names, providers, contacts, prices and times are invented.
Each template below is a kind of offer common in Welzijn op Recept practice (walking groups,
community gardens, repair cafés, a neighbourhood living room, cooking and eating together,
Thuisgekookt-style meals, buddies, volunteer roles, online groups ...). The four gemeenten
are places where WOR runs: Hillegom, Meerssen, Enschede and Nieuwegein. Every offer sits on a
real PC4 centroid of its gemeente from ``src/wor_match/data/nl_pc4.csv`` (GeoNames,
https://www.geonames.org, CC BY 4.0) plus a seeded jitter of at most about 300 m, so offers
in one PC4 do not share a point.

Two passes, both deterministic:

1. ``TEMPLATES`` (seed ``SEED`` = 2026): the core offers, mostly run in every town; the
   bigger towns get two of the common ones. This pass is frozen: its rows (ids, values) stay
   as first published, because the README and the notebooks refer to them.
2. ``MORE`` (seed ``SEED + 1``): further offers, each in the towns listed with it, that
   add what the first pass lacked: age ranges with a maximum (youth buddies, work
   placements), higher costs (courses, meal delivery), a taalcafé in Dutch, Arabic and
   Turkish, phone buddies, statuses other than active, and verification dates back to 2023.

Ids run per town (``hil-``, ``mee-``, ``ens-``, ``nwg-`` plus a number); the rows of a town
stay together. Offers that come to the home (and phone buddies of a local organisation) are
restricted to their own gemeente in the extra column ``coverage``, after the 24 catalogue
columns. The generated file is CC0 1.0; the coordinates derive from GeoNames (CC BY 4.0).
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import random
from pathlib import Path
from typing import Any, NamedTuple

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PC4_TABLE = ROOT / "src" / "wor_match" / "data" / "nl_pc4.csv"
OUTPUTS = [HERE / "demo_catalogue.csv", ROOT / "src" / "wor_match" / "data" / "demo_catalogue.csv"]
SEED = 2026
COLUMNS = [
    "activity_id",
    "name",
    "description",
    "kind",
    "delivery",
    "categories",
    "tags",
    "lat",
    "lon",
    "postcode",
    "schedule",
    "cost_per_month",
    "wheelchair_accessible",
    "social_setting",
    "min_age",
    "max_age",
    "languages",
    "capacity",
    "status",
    "provider",
    "contact",
    "url",
    "referral",
    "last_verified",
    "coverage",
]

TOWNS = {
    "hil": ("Hillegom", "Welzijn Bollenstreek (fictief)", "0252"),
    "mee": ("Meerssen", "Stichting Samen Heuvelland (fictief)", "043"),
    "ens": ("Enschede", "Wijkwerk Twente (fictief)", "053"),
    "nwg": ("Nieuwegein", "Buurtkracht Nieuwegein (fictief)", "030"),
}

# name, description, kind, delivery, categories, tags, setting, costs, schedules, ages, languages
TEMPLATES: list[tuple[Any, ...]] = [
    ("Wandelgroep {town}", "Elke week een rustige wandeling van een uur door de wijk, met koffie na afloop.",
     "activity", "on_site", "Bewegen & Sport;Ontmoeting", "wandelen;buiten", "small_group",
     [0], ["tue:morning", "thu:morning", "sat:morning"], None, "nl"),
    ("Moestuin De Groene Hof", "Samen groente kweken in de buurtmoestuin. Geen ervaring nodig.",
     "activity", "on_site", "Natuur;tuinieren", "moestuin;buiten zijn", "small_group",
     [0, 2.5], ["wed:morning", "sat:morning"], None, "nl"),
    ("Vrijwilliger in de buurttuin", "Help mee met het onderhoud van de tuin bij het wijkcentrum.",
     "volunteering", "on_site", "Vrijwilligerswerk;Natuur", "tuin;iets betekenen", "small_group",
     [0], ["mon:morning", "fri:afternoon"], None, "nl"),
    ("Repair Café", "Kapotte spullen samen repareren: elektra, fietsen, kleding. Koffie staat klaar.",
     "activity", "on_site", "Repair café;Ontmoeting", "repareren;klussen;techniek", "large_group",
     [0], ["sat:afternoon"], None, "nl;en"),
    ("Vrijwilliger Repair Café", "Ben je handig? Help bezoekers hun spullen te repareren.",
     "volunteering", "on_site", "Vrijwilligerswerk;Repair café", "klussen;techniek", "large_group",
     [0], ["sat:afternoon"], None, "nl"),
    ("Huiskamer van de wijk", "Inloop voor een kop koffie en een praatje. Binnenlopen wanneer u wilt.",
     "activity", "on_site", "Ontmoeting;Inloop", "koffie;gezelligheid", "small_group",
     [0], ["mon:morning", "wed:afternoon", "fri:morning"], None, "nl"),
    ("Samen koken en eten", "Met een kleine groep koken we een maaltijd en eten we samen aan tafel.",
     "meals", "on_site", "Koken;Samen eten", "eettafel;maaltijd", "small_group",
     [4, 6], ["thu:evening"], None, "nl"),
    ("Buurtmaaltijd", "Maandelijkse maaltijd in het wijkcentrum voor buurtbewoners.",
     "meals", "on_site", "Samen eten;Ontmoeting", "maaltijd;gezellig", "large_group",
     [5], ["sun:afternoon"], 55, "nl"),
    ("Thuisgekookt: een buur kookt voor u", "Een buurtgenoot kookt een extra portie en brengt die langs. Ook voor contact.",
     "meals", "at_home", "Maaltijden;Contact", "thuisgekookt;buren", "one_on_one",
     [0, 3], [], None, "nl"),
    ("Maatje voor bezoek", "Een vrijwillig maatje komt wekelijks langs voor een praatje of een wandeling.",
     "buddy", "at_home", "Maatje;Contact", "bezoek;gesprek", "one_on_one",
     [0], [], 18, "nl"),
    ("Wandelmaatje", "Samen met een maatje wandelen, in uw eigen tempo.",
     "buddy", "on_site", "Maatje;Bewegen", "wandelen;buddy", "one_on_one",
     [0], [], 18, "nl"),
    ("Museumvrijwilliger", "Gastheer of gastvrouw in het streekmuseum: bezoekers ontvangen en rondleiden.",
     "volunteering", "on_site", "Cultuur;Vrijwilligerswerk", "museum;geschiedenis", "small_group",
     [0], ["wed:afternoon", "sat:afternoon", "sun:afternoon"], 18, "nl"),
    ("Taalcafé", "Nederlands oefenen in een ontspannen sfeer, met vrijwilligers als gesprekspartner.",
     "activity", "on_site", "Taal;Ontmoeting", "taalcafé;Nederlands oefenen", "small_group",
     [0], ["tue:evening", "thu:afternoon"], 16, "nl;ar;tr;en"),
    ("Schilderclub", "Schilderen en tekenen onder begeleiding. Materiaal aanwezig.",
     "activity", "on_site", "Creatief;Kunst", "schilderen;tekenen", "small_group",
     [8, 12.5], ["mon:afternoon", "thu:evening"], None, "nl"),
    ("Koor De Zangvogels", "Gezellig zingen, ook zonder ervaring. Iedereen welkom.",
     "activity", "on_site", "Muziek;Zingen", "koor;zang", "large_group",
     [7.5, 10], ["tue:evening"], None, "nl"),
    ("Stoelyoga", "Rustige yoga op de stoel, geschikt bij weinig conditie of na een val.",
     "activity", "on_site", "Aangepast bewegen;Bewegen & Sport", "stoelyoga;ouderen", "small_group",
     [4, 6], ["mon:morning", "wed:morning"], 55, "nl"),
    ("Bewegen voor ouderen", "Oefeningen voor balans en kracht; valpreventie in een kleine groep.",
     "activity", "on_site", "Aangepast bewegen;Sport", "valpreventie;balans", "small_group",
     [3, 5], ["tue:morning", "fri:morning"], 60, "nl"),
    ("Biljartclub", "Biljarten in de soos. Beginners krijgen uitleg.",
     "activity", "on_site", "Spel;Ontmoeting", "biljart;soos", "small_group",
     [2.5, 5], ["wed:afternoon", "fri:afternoon"], 50, "nl"),
    ("Handwerkcafé", "Breien, haken en borduren met elkaar, met koffie en een praatje.",
     "activity", "on_site", "Handwerken;Creatief", "breien;haken", "small_group",
     [0, 2], ["thu:afternoon"], None, "nl"),
    ("Computerles voor beginners", "Leren omgaan met tablet, smartphone en computer. Stap voor stap.",
     "activity", "on_site", "Digitale vaardigheden;Leren", "computer;tablet;smartphone", "small_group",
     [0, 5], ["tue:afternoon"], None, "nl"),
    ("Vrijwilliger voedselbank", "Help bij het inpakken en uitdelen van pakketten.",
     "volunteering", "on_site", "Vrijwilligerswerk;Helpen", "voedselbank;iets betekenen", "large_group",
     [0], ["fri:morning", "fri:afternoon"], 18, "nl"),
    ("Vrijwilliger dierenasiel", "Honden uitlaten en katten verzorgen in het asiel.",
     "volunteering", "on_site", "Dieren;Vrijwilligerswerk", "honden uitlaten;dieren", "small_group",
     [0], ["sat:morning", "sun:morning", "wed:afternoon"], 18, "nl"),
    ("Chauffeur buurtbus", "Rijd met de buurtbus en breng buurtgenoten naar de huisarts of de markt.",
     "volunteering", "on_site", "Vervoer;Vrijwilligerswerk", "chauffeur;rijbewijs", "one_on_one",
     [0], ["mon:morning", "thu:morning"], 21, "nl"),
    ("Rouwgroep", "Lotgenotengroep voor wie een dierbare heeft verloren. Onder begeleiding.",
     "activity", "on_site", "Lotgenoten;Steun", "rouw;verlies", "small_group",
     [0], ["wed:evening"], 18, "nl"),
    ("Online gespreksgroep", "Wekelijks een videogesprek met een kleine groep over wat u bezighoudt.",
     "activity", "online", "Ontmoeting;Online", "videobellen;gesprek", "small_group",
     [0], ["tue:afternoon"], 18, "nl"),
    ("Fietsmaatjes", "Achterop of naast elkaar op de duofiets met een vrijwillige fietser.",
     "buddy", "on_site", "Fietsen;Maatje", "duofiets;buiten", "one_on_one",
     [0], [], None, "nl"),
    ("Jeu de boules", "Jeu de boules op het plein bij het wijkcentrum. Ballen te leen.",
     "activity", "on_site", "Spel;Buiten", "jeu de boules;petanque", "large_group",
     [2], ["tue:afternoon", "sat:afternoon"], None, "nl"),
    ("Schaakclub", "Schaken op elk niveau, ook voor beginners.",
     "activity", "on_site", "Spel;Denksport", "schaken", "small_group",
     [3, 5], ["mon:evening"], None, "nl;en"),
    ("Koffieochtend voor mantelzorgers", "Even op adem komen met andere mantelzorgers.",
     "activity", "on_site", "Mantelzorg;Ontmoeting", "mantelzorg;steun", "small_group",
     [0], ["wed:morning"], None, "nl"),
    ("Hulp bij thuisadministratie", "Een vrijwilliger helpt thuis met post, rekeningen en formulieren.",
     "buddy", "at_home", "Geldzaken;Ondersteuning", "administratie;schulden", "one_on_one",
     [0], [], 18, "nl"),
    ("Bibliotheek leesclub", "Samen een boek lezen en bespreken, eens per maand.",
     "activity", "on_site", "Lezen;Cultuur", "boeken;bibliotheek", "small_group",
     [0, 2], ["thu:afternoon"], None, "nl"),
    ("Dansen voor 55+", "Stijldansen en line dance in een gezellige groep.",
     "activity", "on_site", "Dansen;Bewegen", "dans;muziek", "large_group",
     [6, 9], ["fri:evening"], 55, "nl"),
    ("Zwemmen voor ouderen", "Rustig baantjes zwemmen en aquajoggen, met begeleiding.",
     "activity", "on_site", "Zwemmen;Bewegen & Sport", "zwembad;water", "large_group",
     [12, 18], ["mon:morning", "thu:morning"], 55, "nl"),
    ("Online cursus tekenen", "Leer tekenen via korte video's en een online groep.",
     "activity", "online", "Creatief;Online", "tekenen;cursus", "individual",
     [5], [], None, "nl;en"),
]  # fmt: skip

STATUS_OVERRIDES = {7: "temporarily_closed", 19: "inactive"}  # template index -> status in one town


class More(NamedTuple):
    """An offer of the second pass. ``{town}`` and ``{place}`` (the PC4's place) are filled in."""

    towns: str  # prefixes of the towns that run it
    name: str
    description: str
    kind: str
    delivery: str
    categories: str
    tags: str
    setting: str
    costs: tuple[float, ...]  # one is drawn per town
    schedules: tuple[str, ...]  # one is drawn per town; "" = flexible / by appointment
    min_age: int | None = None
    max_age: int | None = None
    languages: str = "nl"
    provider: str = ""  # "" = the town's welzijn organisation
    local: bool = False  # only for residents of the gemeente (always so for at_home)


MORE: list[More] = [
    More("hil mee ens nwg", "Belmaatje", "Een vaste vrijwilliger belt u een of twee keer per week voor een praatje. Fijn als u de deur weinig uit komt.",
         "buddy", "online", "Maatje;contact;Telefoon", "bellen;praatje;buddy", "one_on_one",
         (0,), ("",), 18, None, "nl", local=True),
    More("ens nwg", "Thuisgekookt in de wijk", "Een buurtgenoot die graag kookt, kookt een portie extra en brengt die warm langs, een paar keer per week. Afgestemd op uw dieet.",
         "meals", "at_home", "Maaltijden;Contact;buren", "thuisgekookt;maaltijd;buren", "one_on_one",
         (0, 4), ("",), None, None, "nl"),
    More("hil mee ens nwg", "Maaltijdservice aan huis", "Drie keer per week een warme maaltijd aan de deur, met een praatje van de bezorger. Ook dieetmaaltijden.",
         "meals", "at_home", "Maaltijden;Eten & drinken", "warme maaltijd;bezorgd;dieet", "individual",
         (18, 22.5, 25), ("mon:afternoon;wed:afternoon;fri:afternoon",), 60, None, "nl"),
    More("hil ens nwg", "Bibliotheek taalcafé", "In de bibliotheek Nederlands oefenen met vrijwilligers. Uitleg kan ook in het Arabisch of Turks.",
         "activity", "on_site", "Taal;ontmoeting;Bibliotheek", "taalcafé;Nederlands oefenen;nieuwkomers", "small_group",
         (0,), ("tue:morning", "sat:morning", "wed:afternoon"), 16, None, "nl;ar;tr", provider="Bibliotheek {town} (fictief)"),
    More("mee ens nwg", "Taalmaatje worden", "Word taalmaatje van een nieuwkomer: een uur per week samen praten, boodschappen doen of een brief lezen.",
         "volunteering", "on_site", "Vrijwilligerswerk;Taal", "taalmaatje;iets betekenen;nieuwkomers", "one_on_one",
         (0,), ("", "thu:evening"), 18, None, "nl", provider="Vrijwilligerscentrale {town} (fictief)"),
    More("hil ens nwg", "Tai chi in het park", "Rustige bewegingen in de buitenlucht, goed voor balans en ontspanning. Bij regen binnen.",
         "activity", "on_site", "Bewegen & Sport;ontspanning", "tai chi;balance;buiten", "small_group",
         (15, 20), ("sat:morning", "wed:morning;sat:morning"), 50, None, "nl", provider="Beweegteam {town} (fictief)"),
    More("hil mee nwg", "Aquarelcursus", "Cursus van tien lessen aquarelleren voor beginners. Papier en verf inbegrepen.",
         "activity", "on_site", "Kunst & Cultuur;creatief;Cursus", "aquarel;schilderen;painting", "small_group",
         (12.5, 20, 25), ("mon:evening", "thu:evening", "sat:morning"), 18, None, "nl;en", provider="Kunstkring {town} (fictief)"),
    More("hil mee ens nwg", "Groenploeg natuurwerkdag", "Eens per maand met een ploeg het groen onderhouden: snoeien, maaien, nestkasten ophangen.",
         "volunteering", "on_site", "Natuur;gardening;Vrijwilligerswerk", "natuurbeheer;buiten zijn;snoeien", "small_group",
         (0,), ("sat:morning",), 16, None, "nl", provider="Stichting Groen Doen {town} (fictief)"),
    More("hil ens nwg", "Jongerenmaatje", "Voor jongvolwassenen die er even alleen voor staan: een maatje van je eigen leeftijd om samen dingen te ondernemen.",
         "buddy", "on_site", "Maatje;jongeren", "buddy;steun;jongvolwassenen", "one_on_one",
         (0,), ("",), 16, 27, "nl;en"),
    More("mee ens nwg", "Meezingochtend", "Bekende liedjes van vroeger samen zingen, met piano. Koffie en thee inbegrepen.",
         "activity", "on_site", "Muziek;ontmoeting", "zingen;meezingen;oude liedjes", "large_group",
         (2, 3), ("wed:morning", "fri:morning", "tue:morning"), None, None, "nl"),
    More("mee ens", "Buurtkamer {place}", "Een warme buurtkamer: elke ochtend open voor koffie, de krant en een praatje.",
         "activity", "on_site", "ontmoeting;Inloop", "buurtkamer;koffie;praatje", "small_group",
         (0,), ("mon:morning;tue:morning;wed:morning;thu:morning;fri:morning",), None, None, "nl"),
    More("hil ens nwg", "Vrijwilliger kringloopwinkel", "Sorteren, prijzen en verkopen in de kringloopwinkel. Vaste dagdelen, gezellig team.",
         "volunteering", "on_site", "Vrijwilligerswerk;duurzaamheid", "kringloop;sorteren;winkel", "large_group",
         (0,), ("mon:morning;thu:morning", "tue:afternoon;sat:morning", "wed:morning"), 18, None, "nl"),
    More("hil mee ens nwg", "Klik & Tik digitaal spreekuur", "Vragen over uw telefoon, DigiD of internetbankieren? Een vrijwilliger helpt u een-op-een.",
         "activity", "on_site", "Digitale vaardigheden;Hulp", "computer;smartphone;DigiD", "individual",
         (0,), ("wed:morning", "mon:afternoon"), None, None, "nl", provider="Bibliotheek {town} (fictief)"),
    More("hil ens nwg", "Online mindfulnessgroep", "Acht weken lang elke week een online sessie mindfulness in een kleine groep.",
         "activity", "online", "Mental health;mindfulness;Online", "meditatie;ontspanning;videobellen", "small_group",
         (0, 10), ("mon:evening", "wed:evening"), 18, None, "nl;en"),
    More("ens nwg", "Walking football 60+", "Voetbal in wandeltempo: niet rennen, wel samen sporten. Met koffie na afloop.",
         "activity", "on_site", "Sport;Bewegen & Sport", "walking football;voetbal", "large_group",
         (3, 5), ("tue:afternoon", "thu:morning"), 60, None, "nl", provider="Sportief {town} (fictief)"),
    More("hil mee ens nwg", "Mantelzorgmaatje", "Een vrijwilliger neemt een dagdeel per week de zorg over, zodat de mantelzorger even vrij is.",
         "buddy", "at_home", "Mantelzorg;Maatje", "ontlasten;mantelzorger", "one_on_one",
         (0,), ("",), None, None, "nl"),
    More("ens nwg", "Leerwerkplek buurtkantine", "Meedraaien in de keuken en bediening van de buurtkantine, met begeleiding. Werkervaring opdoen.",
         "volunteering", "on_site", "Vrijwilligerswerk;Werk & Leren", "keuken;werkervaring;horeca", "small_group",
         (0,), ("mon:morning;wed:morning", "tue:afternoon;thu:afternoon"), 18, 67, "nl"),
    More("mee ens nwg", "Buurtrestaurant", "Elke week een driegangenmenu voor een klein bedrag, gekookt door vrijwilligers uit de wijk.",
         "meals", "on_site", "Samen eten;Ontmoeting", "eettafel;maaltijd;buurt", "large_group",
         (4, 6, 8), ("thu:evening", "wed:afternoon"), None, None, "nl;en", provider="Diaconie {town} (fictief)"),
    More("hil mee", "Online lotgenotengroep chronische pijn", "Elke twee weken een videogesprek met anderen die leven met pijn, onder leiding van een ervaringsdeskundige.",
         "activity", "online", "Lotgenoten;gezondheid", "chronische pijn;steun;videobellen", "small_group",
         (0,), ("thu:afternoon",), 18, None, "nl"),
    More("hil", "Bollenwandeling", "In het voorjaar wandelen langs de bollenvelden, daarna koffie in de kas.",
         "activity", "on_site", "Wandelen;Natuur", "wandelen;bloemen;buiten zijn", "large_group",
         (0,), ("sat:morning", "sun:afternoon"), None, None, "nl;en"),
    More("mee", "Heuvellandwandeling", "Een rustige wandeling door het Geuldal, ongeveer vijf kilometer, in eigen tempo.",
         "activity", "on_site", "Bewegen & Sport;wandelen", "wandelen;natuur;heuvels", "small_group",
         (0,), ("tue:morning", "thu:morning"), None, None, "nl"),
    More("ens", "Vrijwilliger stadsboerderij", "Help mee met het voeren en verzorgen van de dieren en met rondleidingen voor kinderen.",
         "volunteering", "on_site", "Dieren;Vrijwilligerswerk", "kinderboerderij;dieren;buiten", "small_group",
         (0,), ("mon:morning;wed:morning", "sat:afternoon"), 16, None, "nl;ar"),
    More("nwg", "Fortwandeling met verhalen", "Wandeling langs het fort en de Lek, met verhalen over de geschiedenis van de stad.",
         "activity", "on_site", "Cultuur;wandelen;History", "wandelen;geschiedenis;erfgoed", "small_group",
         (0, 2.5), ("sun:afternoon", "sat:morning"), None, None, "nl;en"),
]  # fmt: skip

# Hand-set values for single second-pass rows, by (name, town prefix): where an offer is held
# ("postcode": a PC4 of the town), statuses other than active, and a capacity where a random
# 0 (full) would leave the demo's housebound example client without a meal or phone buddy.
MORE_OVERRIDES: dict[tuple[str, str], dict[str, str]] = {
    ("Meezingochtend", "mee"): {"postcode": "6231"},
    ("Heuvellandwandeling", "mee"): {"postcode": "6231"},
    ("Walking football 60+", "ens"): {"status": "defunct"},
    ("Online mindfulnessgroep", "hil"): {"status": "inactive"},
    ("Meezingochtend", "ens"): {"status": "temporarily_closed"},
    ("Aquarelcursus", "mee"): {"status": "temporarily_closed"},
    ("Belmaatje", "nwg"): {"capacity": "4"},
    ("Thuisgekookt in de wijk", "nwg"): {"capacity": "2"},
}


def _town_postcodes() -> dict[str, list[tuple[str, str, float, float]]]:
    """(pc4, place, lat, lon) of every PC4 whose gemeente is one of the towns."""
    towns: dict[str, list[tuple[str, str, float, float]]] = {t[0]: [] for t in TOWNS.values()}
    with PC4_TABLE.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["gemeente"] in towns:
                towns[row["gemeente"]].append(
                    (row["pc4"], row["place"], float(row["lat"]), float(row["lon"]))
                )
    return towns


def _core_rows(postcodes: dict[str, list[tuple[str, str, float, float]]]) -> list[dict[str, str]]:
    """First pass (frozen: do not change what it draws or in which order)."""
    rng = random.Random(SEED)
    rows: list[dict[str, str]] = []
    for town_index, (prefix, (town, provider, area_code)) in enumerate(TOWNS.items()):
        number = 0
        for template_index, template in enumerate(TEMPLATES):
            (
                name,
                description,
                kind,
                delivery,
                categories,
                tags,
                setting,
                costs,
                schedules,
                min_age,
                languages,
            ) = template
            # most templates run in every town; each town misses a few, for variety
            if rng.random() < 0.12:
                continue
            # the bigger towns have more of the common offers
            big_town = town in ("Enschede", "Nieuwegein") and template_index % 3 == 0
            copies = 2 if template_index in (0, 5, 9) or big_town else 1
            for copy in range(copies):
                number += 1
                pc4, _, lat, lon = rng.choice(postcodes[town])
                slots = (
                    rng.sample(schedules, k=min(len(schedules), rng.randint(1, 2)))
                    if schedules
                    else []
                )
                status = "active"
                if STATUS_OVERRIDES.get(template_index) and town_index == template_index % 4:
                    status = STATUS_OVERRIDES[template_index]
                wheelchair = rng.choices(["true", "false", ""], weights=[6, 2, 2])[0]
                capacity = rng.choices([str(rng.randint(1, 12)), "0", ""], weights=[7, 1, 2])[0]
                verified = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 1030))
                cost = rng.choice(costs)
                located = delivery != "online"
                suffix = ""
                if copies > 1:  # two groups: by part of town, or numbered when online
                    suffix = (
                        f" (groep {copy + 1})" if not located else f" ({['Oost', 'West'][copy]})"
                    )
                rows.append(
                    {
                        "activity_id": f"{prefix}-{number:03d}",
                        "name": name.format(town=town) + suffix,
                        "description": description,
                        "kind": kind,
                        "delivery": delivery,
                        "categories": categories,
                        "tags": tags,
                        "lat": f"{lat + rng.uniform(-0.0027, 0.0027):.5f}" if located else "",
                        "lon": f"{lon + rng.uniform(-0.0040, 0.0040):.5f}" if located else "",
                        "postcode": pc4 if located else "",
                        "schedule": ";".join(slots),
                        "cost_per_month": "" if rng.random() < 0.05 else f"{cost:g}",
                        "wheelchair_accessible": wheelchair,
                        "social_setting": setting,
                        "min_age": "" if min_age is None else str(min_age),
                        "max_age": "",
                        "languages": languages,
                        "capacity": capacity,
                        "status": status,
                        "provider": provider,
                        "contact": f"{area_code}-0000000",
                        "url": f"https://example.org/{prefix}/{number:03d}",
                        "referral": rng.choice(["signposting", "direct"]),
                        "last_verified": verified.isoformat(),
                        # offers that come to the home serve their own gemeente only
                        "coverage": town if delivery == "at_home" else "",
                    }
                )
    return rows


def _jitter(rng: random.Random, lat: float, lon: float, max_m: float = 300.0) -> tuple[str, str]:
    """A point uniformly within ``max_m`` metres of (lat, lon)."""
    distance = max_m * math.sqrt(rng.random())
    bearing = rng.uniform(0, 2 * math.pi)
    dlat = distance * math.cos(bearing) / 111_320
    dlon = distance * math.sin(bearing) / (111_320 * math.cos(math.radians(lat)))
    return f"{lat + dlat:.5f}", f"{lon + dlon:.5f}"


def _more_rows(
    postcodes: dict[str, list[tuple[str, str, float, float]]], numbers: dict[str, int]
) -> list[dict[str, str]]:
    """Second pass; ``numbers`` holds the last id number per town and is advanced."""
    rng = random.Random(SEED + 1)
    rows: list[dict[str, str]] = []
    start, span = dt.date(2023, 1, 1), (dt.date(2026, 10, 31) - dt.date(2023, 1, 1)).days
    for prefix, (town, town_provider, area_code) in TOWNS.items():
        for offer in MORE:
            if prefix not in offer.towns.split():
                continue
            numbers[prefix] += 1
            number = numbers[prefix]
            pc4, place, lat, lon = rng.choice(postcodes[town])
            overrides = MORE_OVERRIDES.get((offer.name, prefix), {})
            if "postcode" in overrides:
                pc4, place, lat, lon = next(
                    p for p in postcodes[town] if p[0] == overrides["postcode"]
                )
            on_site = offer.delivery == "on_site"
            located = offer.delivery != "online"
            point = _jitter(rng, lat, lon) if located else ("", "")
            cost = rng.choice(offer.costs)
            capacity = rng.choices([str(rng.randint(2, 20)), "0", ""], weights=[8, 1, 2])[0]
            wheelchair = rng.choices(["true", "false", ""], weights=[6, 2, 2])[0]
            verified = start + dt.timedelta(days=rng.randint(0, span))
            restricted = offer.local or offer.delivery == "at_home"
            row = {
                "activity_id": f"{prefix}-{number:03d}",
                "name": offer.name.format(town=town, place=place),
                "description": offer.description,
                "kind": offer.kind,
                "delivery": offer.delivery,
                "categories": offer.categories,
                "tags": offer.tags,
                "lat": point[0],
                "lon": point[1],
                "postcode": pc4 if located else "",
                "schedule": rng.choice(offer.schedules),
                "cost_per_month": "" if rng.random() < 0.05 else f"{cost:g}",
                "wheelchair_accessible": wheelchair if on_site else "",
                "social_setting": offer.setting,
                "min_age": "" if offer.min_age is None else str(offer.min_age),
                "max_age": "" if offer.max_age is None else str(offer.max_age),
                "languages": offer.languages,
                "capacity": capacity,
                "status": "active",
                "provider": offer.provider.format(town=town) or town_provider,
                "contact": rng.choice([f"{area_code}-0000000", "info@example.org"]),
                "url": f"https://example.org/{prefix}/{number:03d}",
                "referral": rng.choices(["signposting", "direct"], weights=[3, 2])[0],
                "last_verified": verified.isoformat(),
                "coverage": town if restricted else "",
            }
            row.update((k, v) for k, v in overrides.items() if k != "postcode")
            rows.append(row)
    return rows


def build() -> list[dict[str, str]]:
    """All rows, grouped by town, first-pass rows of a town before its second-pass rows."""
    postcodes = _town_postcodes()
    core = _core_rows(postcodes)
    numbers = {prefix: 0 for prefix in TOWNS}
    for row in core:
        prefix = row["activity_id"][:3]
        numbers[prefix] = max(numbers[prefix], int(row["activity_id"][4:]))
    more = _more_rows(postcodes, numbers)
    order = list(TOWNS)
    return sorted(core + more, key=lambda row: order.index(row["activity_id"][:3]))


def main() -> None:
    rows = build()
    for output in OUTPUTS:
        with output.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    print(f"wrote {len(rows)} activities to {', '.join(str(o.relative_to(ROOT)) for o in OUTPUTS)}")


if __name__ == "__main__":
    main()
