"""Write the judgement set: client profiles and a coach's judgement of offers for them.

    .venv/bin/python datasets/judgements/judge.py            # profiles.jsonl, judgements.csv

The judgements do NOT come from wor_match: no score, feature or filter of the library is
used. They come from the coach's rules of ``DOMAIN.md`` written out below, applied to the
raw catalogue CSV (``datasets/demo_catalogue/demo_catalogue.csv``) with tables written by
hand:

- ``CLIENTS``: who each client is, what they said (their own words go into the profile),
  and, per client, the words of the offers that fit what they asked for (``good``), the
  offers that would also be fine (``fine``: a general or social offer that suits their
  loneliness and energy), what they said they need help with (``asks``: services), and
  what drains them (``drains``);
- ``OFFER_GROUPS`` and ``SERVICES``: who each offer of the demo catalogue is for, and which
  offers are services, by offer name (read from the offers' texts by hand, not from
  wor_match's inference);
- ``GENERAL``: low-threshold offers open to anyone (a living room, a buddy, a phone buddy).

The rules, in order (the first that holds decides; the reason names it):

1. inappropriate: an offer for a circumstance group the client is not in (a rouwgroep for
   someone who lost no one, a taalcafé for a native speaker), for the other gender, for an
   age group (or outside the offer's ages) the client is not in, or a service the client
   did not ask for;
2. good: the offer is about what the client asked for (one of the ``good`` words in its
   name, categories, tags or description), or is made for the client's situation;
   acceptable instead when it is a large group and crowds drain the client;
3. acceptable: a ``fine`` or ``GENERAL`` offer;
4. inappropriate: nothing to do with what the client asked for (padding).

Which offers are judged (pooling, as in TREC): for every client, the union of the top 10
of wor_match's ``weighted`` and ``nearest`` rankers at the base commit of issue 14
(ef85fb7) and after it (``pool.csv`` lists the pool; ``benchmarks/bench_judgements.py
--pool`` rebuilds it). Every pooled offer is judged; offers outside the pool count as not
judged (gain 0) in the metrics, and the benchmark reports how many it met.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CATALOGUE = ROOT / "datasets" / "demo_catalogue" / "demo_catalogue.csv"

# Who each offer is for, by name (suffixes "(Oost)", "(groep 2)" ignored): read by hand.
OFFER_GROUPS: dict[str, set[str]] = {
    "Taalcafé": {"newcomer"},
    "Bibliotheek taalcafé": {"newcomer"},
    "Rouwgroep": {"bereaved"},
    "Koffieochtend voor mantelzorgers": {"caregiver"},
    "Mantelzorgmaatje": {"caregiver"},
    "Online lotgenotengroep chronische pijn": {"chronic_illness"},
    "Alzheimer Café": {"dementia", "caregiver"},
    "Budgetcafé": {"money_worries"},
    "Schuldhulpmaatje": {"money_worries"},
    "Hulp bij thuisadministratie": {"money_worries"},
    "Voedselbank uitgifte": {"money_worries"},
    "Oudercafé": {"parent"},
    "Jongerencentrum De Plek": {"young_people"},
    "Jongerenmaatje": {"young_people"},
    "Kinderdansles": {"children"},
    "Kindercircus": {"children"},
    "Vrouwengroep De Kletskous": {"women"},
    "Mannen in de schuur": {"men"},
    "Stoelyoga": {"older_people"},
    "Bewegen voor ouderen": {"older_people"},
    "Zwemmen voor ouderen": {"older_people"},
    "Dansen voor 55+": {"older_people"},
    "Walking football 60+": {"older_people"},
}
CIRCUMSTANCES = {"newcomer", "bereaved", "caregiver", "chronic_illness", "dementia",
                 "money_worries", "parent", "unemployed"}  # fmt: skip
AGES = {"young_people": (12, 27), "children": (0, 12), "older_people": (55, 120)}
#: Services, by name, and what a client must ask for (an ``asks`` word) to need them.
SERVICES: dict[str, set[str]] = {
    "Hulp bij thuisadministratie": {"geld", "post", "administratie"},
    "Formulierenhulp en toeslagencheck": {"post", "administratie", "toeslagen", "geld"},
    "Budgetcafé": {"geld"},
    "Juridisch spreekuur": {"juridisch"},
    "Voedselbank uitgifte": {"geld"},
}
#: Low-threshold offers open to anyone, fine as a first step for a lonely client.
GENERAL = {"Huiskamer van de wijk", "Buurtkamer Ulestraten", "Buurtkamer Enschede",
           "Maatje voor bezoek", "Belmaatje", "Online gespreksgroep", "Wandelmaatje",
           "Fietsmaatjes", "Thuisgekookt: een buur kookt voor u",
           "Thuisgekookt in de wijk"}  # fmt: skip

W, B, E, S, PT, H, WC = ("walking", "bicycle", "e_bike", "mobility_scooter", "public_transport",
                         "housebound", "wheelchair")  # fmt: skip
HOME = {"hil": "2181", "mee": "6231", "ens": "7511", "nwg": "3431"}

# fmt: off
# (id, town, age, gender, situation, interests, energy_sources, energy_drains, mode, minutes,
#  extra profile fields, good words, fine words, asks, drains words)
CLIENTS: list[dict[str, Any]] = [
    dict(id="j01", town="hil", age=78, gender="female", situation=[],
         interests=["tuinieren", "handwerken"], energy=["buiten zijn"], drains=["drukte"],
         mode=W, minutes=20, social_preference="small_group",
         good=["moestuin", "tuin", "groen", "handwerk", "breien", "haken"],
         fine=["koffie", "praatje", "wandel"], note="make demo client: lost no one, Dutch"),
    dict(id="j02", town="ens", age=67, gender="male", situation=[],
         interests=["houtbewerking"], energy=["met mijn handen werken"], drains=[],
         mode=B, minutes=20,
         good=["repair", "repareren", "klussen", "houtbewerk", "werkplaats"],
         fine=["koffie", "buurt"], note="woodworker, 67"),
    dict(id="j03", town="nwg", age=72, gender="female", situation=["bereaved"],
         interests=["gezelschap", "koffie drinken"], energy=["praten met mensen"], drains=[],
         mode=W, minutes=20,
         good=["koffie", "praatje", "ontmoeting", "huiskamer", "buurtkamer", "rouw", "samen eten",
               "maaltijd", "gesprek", "contact"],
         fine=["wandel", "zingen"], note="widow who asked for company"),
    dict(id="j04", town="nwg", age=29, gender="male", situation=[],
         interests=["wandelen"], energy=["buiten zijn"], drains=[], mode=B, minutes=20,
         good=["wandel", "natuur", "buiten"], fine=[], note="29, asked for walking"),
    dict(id="j05", town="ens", age=66, gender="female", situation=[],
         interests=["dansen", "muziek"], energy=[], drains=[], mode=B, minutes=20,
         good=["dans", "muziek", "zingen", "koor"], fine=["koffie"], note="66, dance"),
    dict(id="j06", town="nwg", age=72, gender="male", situation=[],
         interests=["circus", "jongleren", "sport"], energy=[], drains=[], mode=B, minutes=20,
         good=["sport", "voetbal", "bewegen", "tai chi"], fine=["wandel"],
         note="72, names circus: children's offers are still not for him"),
    dict(id="j07", town="ens", age=16, gender="male", situation=[],
         interests=["gamen", "muziek", "dansen"], energy=["vrienden"], drains=[], mode=B,
         minutes=20, good=["gamen", "muziek", "jongeren", "sport"], fine=[],
         note="16-year-old"),
    dict(id="j08", town="hil", age=58, gender="female", situation=["caregiver"],
         interests=["even eruit", "koffie"], energy=["praten met lotgenoten"], drains=[],
         mode=B, minutes=20,
         good=["mantelzorg", "koffie", "praatje", "ontlasten"], fine=["wandel", "huiskamer"],
         note="caregiver"),
    dict(id="j09", town="ens", age=34, gender="male", situation=["newcomer"],
         interests=["Nederlands leren", "voetbal"], energy=["nieuwe mensen"], drains=[],
         mode=B, minutes=25, languages=["ar", "nl"],
         good=["taal", "nederlands", "voetbal", "sport"], fine=["koffie", "ontmoeting"],
         note="newcomer learning Dutch"),
    dict(id="j10", town="mee", age=52, gender="female", situation=["chronic_illness"],
         interests=["lotgenoten", "lezen"], energy=["rust"], drains=["drukte"], mode=W,
         minutes=15, good=["lotgenot", "chronische pijn", "lezen", "boek"], fine=["online"],
         note="chronic pain"),
    dict(id="j11", town="nwg", age=45, gender="female", situation=["money_worries"],
         interests=["hulp met geld", "schulden"], energy=[], drains=[], mode=W, minutes=20,
         asks=["geld", "administratie"],
         good=["schuld", "geld", "administratie", "budget", "voedsel", "toeslagen"],
         fine=["koffie"], note="money worries"),
    dict(id="j12", town="ens", age=61, gender="male", situation=[],
         interests=["hulp bij post", "formulieren"], energy=[], drains=[], mode=B, minutes=20,
         asks=["post", "administratie"],
         good=["formulier", "administratie", "post", "toeslagen", "digid"], fine=[],
         note="'mijn post stapelt zich op'"),
    dict(id="j13", town="mee", age=74, gender="female", situation=["dementia", "caregiver"],
         interests=["lotgenoten", "uitleg over dementie"], energy=["zingen"], drains=[],
         mode=B, minutes=20,
         good=["dementie", "mantelzorg", "alzheimer", "zingen", "ontlasten"], fine=["koffie"],
         note="partner of a man with dementia"),
    dict(id="j14", town="ens", age=31, gender="female", situation=["parent"],
         interests=["andere ouders ontmoeten", "koffie"], energy=[], drains=[], mode=B,
         minutes=15, good=["ouders", "koffie", "ontmoeting"], fine=[], note="young mother"),
    dict(id="j15", town="mee", age=63, gender="male", situation=[],
         interests=["vissen"], energy=["natuur"], drains=[], mode=B, minutes=25,
         good=["vissen", "hengel", "natuur", "wandel"], fine=[], note="fishing"),
    dict(id="j16", town="nwg", age=69, gender="female", situation=[],
         interests=["handwerken", "praten"], energy=[], drains=[], mode=W, minutes=20,
         good=["handwerk", "breien", "haken", "vrouwen", "praatje"], fine=["koffie", "huiskamer"],
         note="woman, needlework"),
    dict(id="j17", town="hil", age=70, gender="male", situation=[],
         interests=["tuinieren", "schilderen"], energy=[], drains=[], mode=B, minutes=20,
         good=["tuin", "groen", "schilder", "aquarel", "teken"], fine=[],
         note="two interests: gardening and painting"),
    dict(id="j18", town="ens", age=75, gender="male", situation=[],
         interests=["schaken", "biljarten"], energy=[], drains=[], mode=WC, minutes=25,
         good=["schaak", "biljart", "spel"], fine=["koffie"], note="chess and billiards"),
    dict(id="j19", town="mee", age=70, gender="female", situation=[],
         interests=["zingen", "muziek"], energy=[], drains=[], mode=S, minutes=20,
         good=["zingen", "koor", "muziek", "meezing"], fine=["koffie", "huiskamer"],
         note="singing"),
    dict(id="j20", town="nwg", age=45, gender="female", situation=[],
         interests=["painting", "walking"], energy=[], drains=["drukte", "lawaai"], mode=E,
         minutes=20, good=["schilder", "aquarel", "painting", "wandel", "teken"], fine=[],
         note="English words"),
    dict(id="j21", town="hil", age=40, gender="male", situation=[],
         interests=["vrijwilligerswerk", "dieren"], energy=["iets betekenen"], drains=[],
         mode=B, minutes=20, good=["dieren", "asiel", "vrijwillig", "iets betekenen"],
         fine=[], note="wants volunteering with animals"),
    dict(id="j22", town="ens", age=80, gender="female", situation=[],
         interests=["gezelschap"], energy=["een praatje"], drains=[], mode=H, minutes=0,
         open_to=["buddy", "meals"],
         good=["maatje", "bezoek", "praatje", "belmaatje", "thuisgekookt"],
         fine=["maaltijd"], note="housebound, lonely"),
    dict(id="j23", town="hil", age=82, gender="male", situation=[],
         interests=["koken", "samen eten"], energy=[], drains=[], mode=W, minutes=15,
         good=["koken", "eten", "maaltijd", "thuisgekookt"], fine=["koffie", "huiskamer"],
         note="cooking and eating together"),
    dict(id="j24", town="mee", age=66, gender="male", situation=[],
         interests=["wandelen", "geschiedenis"], energy=["buiten zijn"], drains=[], mode=B,
         minutes=20, good=["wandel", "museum", "geschiedenis", "natuur", "heuvel"], fine=[],
         note="walking and history"),
    dict(id="j25", town="nwg", age=38, gender="female", situation=["unemployed"],
         interests=["werkervaring", "koken"], energy=["structuur"], drains=[], mode=B,
         minutes=20, good=["werkervaring", "keuken", "koken", "vrijwillig", "kringloop"],
         fine=[], note="jobseeker"),
    dict(id="j26", town="ens", age=73, gender="male", situation=["bereaved"],
         interests=["praten over verlies"], energy=["wandelen"], drains=[], mode=B,
         minutes=20, good=["rouw", "verlies", "wandel", "gesprek"], fine=["koffie", "huiskamer"],
         note="widower who wants to talk about his loss"),
    dict(id="j27", town="hil", age=19, gender="female", situation=[],
         interests=["tekenen", "een maatje"], energy=[], drains=[], mode=B, minutes=20,
         good=["teken", "schilder", "jongeren", "maatje", "aquarel"], fine=[],
         note="19, drawing and a buddy of her own age"),
    dict(id="j28", town="mee", age=57, gender="male", situation=[],
         interests=["computer", "smartphone"], energy=[], drains=[], mode=B, minutes=20,
         good=["computer", "smartphone", "tablet", "digitaal", "digid"], fine=[],
         note="digital skills"),
    dict(id="j29", town="ens", age=68, gender="female", situation=[],
         interests=["zwemmen", "yoga"], energy=["bewegen"], drains=[], mode=B, minutes=20,
         good=["zwem", "yoga", "bewegen", "tai chi"], fine=["wandel"], note="swimming, yoga"),
    dict(id="j30", town="nwg", age=76, gender="male", situation=[],
         interests=["fietsen"], energy=["buiten zijn"], drains=[], mode=W, minutes=20,
         good=["fiets", "duofiets", "buiten"], fine=["wandel"], note="wants to cycle again"),
    dict(id="j31", town="hil", age=64, gender="female", situation=[],
         interests=["lezen", "boeken"], energy=["rust"], drains=["drukte"], mode=B,
         minutes=20, good=["lezen", "boek", "leesclub", "bibliotheek"], fine=["koffie"],
         note="reading"),
    dict(id="j32", town="mee", age=71, gender="male", situation=[],
         interests=["klussen", "repareren"], energy=["iets betekenen"], drains=[], mode=B,
         minutes=20, good=["repair", "repareren", "klussen", "houtbewerk", "werkplaats"],
         fine=["buurtbus"], note="handyman"),
    dict(id="j33", town="ens", age=59, gender="female", situation=["caregiver"],
         interests=["mindfulness", "rust"], energy=[], drains=[], mode=B, minutes=20,
         good=["mindfulness", "meditatie", "ontspanning", "mantelzorg", "yoga"],
         fine=["koffie"], note="caregiver, needs rest"),
    dict(id="j34", town="nwg", age=85, gender="female", situation=[],
         interests=["bewegen", "balans"], energy=[], drains=[], mode=W, minutes=15,
         good=["bewegen", "balans", "valpreventie", "stoelyoga", "yoga"], fine=["koffie"],
         note="85, falls prevention"),
    dict(id="j35", town="hil", age=45, gender=None, situation=[],
         interests=["handwerken"], energy=[], drains=[], mode=B, minutes=20,
         good=["handwerk", "breien", "haken"], fine=["koffie"], note="gender not recorded"),
    dict(id="j36", town="ens", age=42, gender="male", situation=[],
         interests=["koor", "zingen"], energy=[], drains=[], mode=B, minutes=20,
         good=["koor", "zingen", "meezing", "muziek"], fine=[], note="choir"),
    dict(id="j37", town="mee", age=30, gender="female", situation=[],
         interests=["natuur", "vrijwilligerswerk"], energy=["buiten zijn"], drains=[], mode=B,
         minutes=20, good=["natuur", "groen", "tuin", "vrijwillig", "snoeien"], fine=[],
         note="nature volunteering"),
    dict(id="j38", town="nwg", age=67, gender="male", situation=[],
         interests=["voetbal"], energy=["sport"], drains=[], mode=B, minutes=20,
         good=["voetbal", "sport", "bewegen"], fine=["jeu de boules"],
         note="walking football"),
    dict(id="j39", town="ens", age=23, gender="male", situation=["unemployed"],
         interests=["koken", "werk"], energy=[], drains=[], mode=B, minutes=20,
         good=["keuken", "werkervaring", "koken", "horeca"], fine=["jongeren"],
         note="23, jobseeker"),
    dict(id="j40", town="hil", age=77, gender="female", situation=[],
         interests=["koffie", "een praatje"], energy=[], drains=[], mode=W, minutes=15,
         good=["koffie", "praatje", "huiskamer", "inloop", "ontmoeting"], fine=["maatje"],
         note="lonely, wants a chat"),
    dict(id="j41", town="mee", age=48, gender="male", situation=["money_worries"],
         interests=["wandelen"], energy=[], drains=[], mode=W, minutes=20,
         good=["wandel", "natuur", "heuvel"], fine=[], asks=["geld"],
         note="money worries, but asked for walking"),
    dict(id="j42", town="ens", age=81, gender="female", situation=[],
         interests=["muziek", "gezelschap"], energy=[], drains=[], mode=S, minutes=20,
         good=["muziek", "meezing", "zingen", "dans", "koffie", "praatje"], fine=["huiskamer"],
         note="81, music and company"),
]
# fmt: on


def _base_name(name: str) -> str:
    return re.sub(r" \((Oost|West|groep \d)\)$", "", name)


def _text(row: dict[str, str]) -> str:
    fields = (row["name"], row["categories"], row["tags"], row["description"])
    return " ".join(fields).lower()


def judge(client: dict[str, Any], row: dict[str, str]) -> tuple[str, str]:
    """(judgement, one-line reason) of one offer for one client (the rules above)."""
    name = _base_name(row["name"])
    groups = OFFER_GROUPS.get(name, set())
    situation = set(client["situation"])
    age = client["age"]
    for group in sorted(groups & CIRCUMSTANCES):
        if group not in situation and not groups & situation:
            return "inappropriate", f"for {group.replace('_', ' ')}; the client is not"
    if "women" in groups and client["gender"] == "male":
        return "inappropriate", "for women"
    if "men" in groups and client["gender"] == "female":
        return "inappropriate", "for men"
    for group in sorted(groups & set(AGES)):
        low, high = AGES[group]
        if not low <= age <= high:
            return "inappropriate", f"for {group.replace('_', ' ')}; the client is {age}"
    too_young = bool(row["min_age"]) and age < int(row["min_age"])
    if too_young or (bool(row["max_age"]) and age > int(row["max_age"])):
        return "inappropriate", f"ages {row['min_age']}-{row['max_age']}; the client is {age}"
    if name in SERVICES and not SERVICES[name] & set(client.get("asks", [])):
        return "inappropriate", "a service the client did not ask for"
    text = _text(row)
    found = [word for word in client["good"] if word in text]
    made_for = groups & situation
    crowded = row["social_setting"] == "large_group" and "drukte" in client["drains"]
    if found or made_for:
        why = (
            f"fits '{found[0]}'"
            if found
            else f"made for the client's situation ({', '.join(sorted(made_for))})"
        )
        if crowded:
            return "acceptable", f"{why}, but a large group and crowds drain the client"
        return "good", why
    fine = [word for word in client["fine"] if word in text]
    if fine:
        return "acceptable", f"not what was asked, but a fine first step ('{fine[0]}')"
    if name in GENERAL:
        return "acceptable", "general low-threshold offer, open to anyone"
    return "inappropriate", "nothing to do with what the client asked for"


def profile(client: dict[str, Any]) -> dict[str, Any]:
    """The client's wor_match profile (the words the client used, nothing of the tables)."""
    data: dict[str, Any] = {
        "client_id": client["id"],
        "home": {"postcode": HOME[client["town"]]},
        "age": client["age"],
        "interests": client["interests"],
        "energy_sources": client["energy"],
        "energy_drains": client["drains"],
        "mobility": {"mode": client["mode"], "max_minutes": client["minutes"]},
        "situation": client["situation"],
    }
    if client["gender"]:
        data["gender"] = client["gender"]
    for key in ("languages", "open_to", "social_preference"):
        if key in client:
            data[key] = client[key]
    return data


def halves() -> dict[str, str]:
    """Tuning half (odd numbers) and held-out half (even numbers)."""
    return {c["id"]: "tuning" if int(c["id"][1:]) % 2 else "held_out" for c in CLIENTS}


def main() -> None:
    with CATALOGUE.open(encoding="utf-8") as handle:
        rows = {row["activity_id"]: row for row in csv.DictReader(handle)}
    clients = {c["id"]: c for c in CLIENTS}
    with (HERE / "profiles.jsonl").open("w", encoding="utf-8") as handle:
        for client in CLIENTS:
            handle.write(json.dumps(profile(client), ensure_ascii=False) + "\n")
    split = halves()
    with (HERE / "clients.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["client_id", "half", "who"])
        for client in CLIENTS:
            writer.writerow([client["id"], split[client["id"]], client["note"]])
    pool_path = HERE / "pool.csv"
    if not pool_path.exists():
        print("wrote the profiles; now build pool.csv (benchmarks/bench_judgements.py --pool)")
        return
    with pool_path.open(encoding="utf-8") as handle:
        pool = [(r["client_id"], r["activity_id"]) for r in csv.DictReader(handle)]
    with (HERE / "judgements.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["client_id", "activity_id", "name", "judgement", "reason"])
        for client_id, activity_id in sorted(set(pool)):
            row = rows[activity_id]
            judgement, reason = judge(clients[client_id], row)
            writer.writerow([client_id, activity_id, row["name"], judgement, reason])
    print(f"judged {len(set(pool))} pooled offers for {len(CLIENTS)} clients")


if __name__ == "__main__":
    main()
