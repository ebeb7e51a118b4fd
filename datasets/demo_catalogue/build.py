"""Build the illustrative demo catalogue (``demo_catalogue.csv``) and its shipped copy.

    .venv/bin/python datasets/demo_catalogue/build.py

ILLUSTRATIVE, NOT REAL OFFERS: names, providers, contacts and times are invented. Each
template below is a kind of offer common in Welzijn op Recept practice; every town gets
its own variant, placed on a real PC4 centroid of that gemeente (GeoNames, CC BY 4.0) with
a seeded jitter of at most ~300 m. Seed: 2026. The output is deterministic.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PC4_TABLE = ROOT / "src" / "wor_match" / "data" / "nl_pc4.csv"
OUTPUTS = [HERE / "demo_catalogue.csv", ROOT / "src" / "wor_match" / "data" / "demo_catalogue.csv"]
SEED = 2026
COLUMNS = ["activity_id", "name", "description", "kind", "delivery", "categories", "tags", "lat",
           "lon", "postcode", "schedule", "cost_per_month", "wheelchair_accessible",
           "social_setting", "min_age", "max_age", "languages", "capacity", "status", "provider",
           "contact", "url", "referral", "last_verified", "coverage"]  # fmt: skip

TOWNS = {
    "hil": ("Hillegom", "Welzijn Bollenstreek (fictief)", "0252"),
    "mee": ("Meerssen", "Stichting Samen Heuvelland (fictief)", "043"),
    "ens": ("Enschede", "Wijkwerk Twente (fictief)", "053"),
    "nwg": ("Nieuwegein", "Buurtkracht Nieuwegein (fictief)", "030"),
}

# name, description, kind, delivery, categories, tags, setting, costs, schedules, ages, languages
TEMPLATES: list[tuple] = [
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


def _town_postcodes() -> dict[str, list[tuple[str, float, float]]]:
    towns = {name: [] for name, _, _ in TOWNS.values()}
    with PC4_TABLE.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["gemeente"] in towns:
                towns[row["gemeente"]].append((row["pc4"], float(row["lat"]), float(row["lon"])))
    return towns


def build() -> list[dict[str, object]]:
    rng = random.Random(SEED)
    postcodes = _town_postcodes()
    rows: list[dict[str, object]] = []
    for town_index, (prefix, (town, provider, area_code)) in enumerate(TOWNS.items()):
        number = 0
        for template_index, template in enumerate(TEMPLATES):
            (name, description, kind, delivery, categories, tags, setting, costs, schedules,
             min_age, languages) = template  # fmt: skip
            # most templates run in every town; each town misses a few, for variety
            if rng.random() < 0.12:
                continue
            # the bigger towns have more of the common offers
            big_town = town in ("Enschede", "Nieuwegein") and template_index % 3 == 0
            copies = 2 if template_index in (0, 5, 9) or big_town else 1
            for copy in range(copies):
                number += 1
                pc4, lat, lon = rng.choice(postcodes[town])
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
                rows.append({
                    "activity_id": f"{prefix}-{number:03d}",
                    "name": name.format(town=town) + (f" ({['Oost', 'West'][copy]})" if copies > 1 else ""),
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
                })  # fmt: skip
    return rows


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
