"""Write the numbered notebooks in notebooks/ from the cells below (no outputs stored).

    .venv/bin/python scripts/build_notebooks.py

The test suite executes every notebook (tests/test_notebooks.py), so they cannot rot.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parents[1] / "notebooks"

COACH = [
    (
        "md",
        """# 01 · Een sessie met een welzijnscoach

Deze notebook volgt een intake ("het andere gesprek") en zoekt passend aanbod in de
**demo-catalogus** (verzonnen aanbod, alleen ter illustratie). Alles draait lokaal: het
profiel gaat nergens heen.""",
    ),
    (
        "code",
        """import datetime as dt
import matplotlib.pyplot as plt  # pip install 'wor_match[notebooks]'
import wor_match as wm

%matplotlib inline""",
    ),
    (
        "md",
        """## Het profiel uit de intake
De antwoorden op de eenzaamheidsvragen (De Jong Gierveld, 11 items), het spinnenweb van
Positieve Gezondheid, interesses en wat energie geeft en kost.""",
    ),
    (
        "code",
        """intake = {
    "client_id": "anna-001",
    "home": {"postcode": "2181"},
    "age": 78,
    "interests": ["tuinieren", "handwerken"],
    "energy_sources": ["buiten zijn"],
    "energy_drains": ["drukte"],
    "mobility": {"mode": "walking", "max_minutes": 20},
    "loneliness": {"djg_answers": {"1": "ja", "2": "ja", "3": "min_of_meer", "4": "ja", "5": "ja",
                                   "6": "nee", "7": "min_of_meer", "8": "ja", "9": "ja",
                                   "10": "nee", "11": "ja"}},
    "positive_health": {"lichaamsfuncties": 6, "mentaal_welbevinden": 5, "zingeving": 3,
                        "kwaliteit_van_leven": 5, "meedoen": 4, "dagelijks_functioneren": 7},
    "max_cost_per_month": 5,
    "social_preference": "small_group",
}
profile = wm.ClientProfile.model_validate(intake)
score = profile.loneliness
print(f"DJG-11: totaal {score.total}, emotioneel {score.emotional}, sociaal {score.social}")""",
    ),
    ("md", "## Aanbevelingen, met redenen"),
    (
        "code",
        """recs = wm.recommend(profile, k=5, today=dt.date(2026, 11, 22))
recs""",
    ),
    (
        "code",
        """for r in recs[:2]:
    print(r.rank, r.activity.name)
    for reason in r.reasons:
        print("   -", reason)""",
    ),
    ("md", "## Waarom deze niet?"),
    (
        "code",
        """for activity_id in ["hil-014", "hil-022"]:
    print(wm.load_demo_catalogue()[activity_id].name, "->", recs.why_not(activity_id))""",
    ),
    ("md", "## De lijst op een kaartje (hemelsbreed, geen achtergrondkaart nodig)"),
    (
        "code",
        """fig, ax = plt.subplots(figsize=(8, 6), layout="constrained")
ax.scatter([profile.home.lon], [profile.home.lat], marker="*", s=300, color="crimson",
           label="thuis (midden van postcode " + profile.home.postcode + ")", zorder=3)
placed = [r for r in recs if r.activity.lat is not None]
for r in placed:
    ax.scatter(r.activity.lon, r.activity.lat, s=60, color="steelblue", zorder=2)
    ax.annotate(f"{r.rank}. {r.activity.name}", (r.activity.lon, r.activity.lat),
                xytext=(6, 6 - 12 * (r.rank % 2)), textcoords="offset points", fontsize=9,
                bbox={"boxstyle": "round,pad=0.2", "fc": "white", "alpha": 0.8})
away = [f"{r.rank}. {r.activity.name}" for r in recs if r.activity.lat is None]
if away:  # at home or online: no place on the map
    ax.scatter([], [], color="white", label="zonder plek: " + "; ".join(away))
ax.margins(0.35)  # room for the labels inside the axes
ax.set_xlabel("lengtegraad (graden oost)")
ax.set_ylabel("breedtegraad (graden noord)")
ax.set_title(f"Aanbevelingen voor {profile.client_id}, hemelsbreed")
ax.legend(loc="lower left", fontsize=8)
plt.show()
assert len(recs) == 5""",
    ),
]

RESEARCH = [
    (
        "md",
        """# 02 · Rankers vergelijken en afstemmen (research)

Generate a synthetic dataset of 5,000 clients (the generative model is in
`docs/synthetic.md`), compare random, nearest, weighted, logistic and boosted rankers on
held-out clients next to the oracle, tune the logistic ranker with GridSearchCV over
grouped folds, and look at per-group gaps.""",
    ),
    (
        "code",
        """import matplotlib
matplotlib.use("Agg")
from sklearn.model_selection import GridSearchCV, GroupKFold
from wor_match.datasets import make_synthetic
from wor_match.evaluation import ClientSplit, compare, grouped_ndcg_scorer
from wor_match.rankers import LogisticRanker

dataset = make_synthetic(5000, 4000, seed=11)
dataset""",
    ),
    (
        "code",
        """report = compare(["random", "nearest", "weighted", "logistic", "boosted"], dataset,
                 split=ClientSplit(test_size=0.3, seed=0), k=10, metrics=["ndcg", "recall"],
                 baseline="nearest")
print(report.to_markdown())""",
    ),
    (
        "code",
        """summary = report.summary.set_index("ranker")
ratio = summary.loc["boosted", "ndcg_mean"] / summary.loc["oracle", "ndcg_mean"]
print(f"best learned ranker reaches {ratio:.1%} of the oracle's nDCG@10")
assert summary.loc["logistic", "ndcg_mean"] > summary.loc["nearest", "ndcg_mean"]
assert summary.loc["logistic", "ndcg_mean"] > summary.loc["random", "ndcg_mean"]""",
    ),
    ("md", "## Per-group gaps (nDCG@10 of each group minus the overall mean)"),
    (
        "code",
        """gaps = report.group_gaps
gaps[gaps["ranker"].isin(["nearest", "boosted"])].pivot_table(
    index=["grouping", "group"], columns="ranker", values="gap").round(3)""",
    ),
    (
        "md",
        """## Tuning with GridSearchCV over grouped folds
The pair table carries `client_id`, so the grouped nDCG scorer needs no metadata routing;
`groups` goes to GroupKFold through `fit`.""",
    ),
    (
        "code",
        """from wor_match.evaluation import relevance_from_events
from wor_match.features.pairs import pair_table
import numpy as np

offers = dataset.interactions.query("event == 'offered'")
clients = sorted(set(offers["client_id"]))[:1500]
rows = {c: np.sort([dataset.catalogue.row_of(a) for a in g["activity_id"]])
        for c, g in offers[offers["client_id"].isin(clients)].groupby("client_id")}
profiles = dataset.profile_by_id
pairs = pair_table([profiles[c] for c in rows], dataset.catalogue, rows_by_client=rows)
pairs = pairs.merge(relevance_from_events(dataset.interactions), on=["client_id", "activity_id"])
outcome = (pairs["relevance"] >= 3).astype(int)
search = GridSearchCV(LogisticRanker(), {"C": [0.01, 0.1, 1.0, 10.0]},
                      scoring=grouped_ndcg_scorer(k=10), cv=GroupKFold(n_splits=4))
search.fit(pairs, outcome, groups=pairs["client_id"])
print("best C:", search.best_params_["C"], "grouped nDCG@10:", round(search.best_score_, 3))""",
    ),
    (
        "code",
        """ax = report.plot("ndcg")
ax.figure.savefig("/dev/null", format="png")""",
    ),
]


PEOPLE = [
    (
        "md",
        """# 03 · People to people: peers, buddies and home-cooked meals

Matching people to people, both ways: each side gets a score from the existing signals
(interests, times, travel), combined by the harmonic mean; hard rules (consent, partner
preferences, languages, travel, diet, capacity) always hold; reasons name only what the two
share. All data below is invented.""",
    ),
    (
        "code",
        """import datetime as dt
from collections import Counter

import numpy as np
import wor_match as wm
from wor_match.people import synthetic_people
from wor_match.people.evaluation import evaluate_people""",
    ),
    (
        "md",
        """## The two-clients story
Two clients both want to volunteer in art and culture but have not taken the step. Among
their neighbours with other wishes, they rank each other first.""",
    ),
    (
        "code",
        """story = wm.People.from_records([
    {"person_id": "ans", "home": {"postcode": "2181"}, "consent": True, "seeks": "peer",
     "interests": ["vrijwilligerswerk in kunst en cultuur"], "availability": "tue:morning;thu:afternoon"},
    {"person_id": "bert", "home": {"postcode": "2182"}, "consent": True, "seeks": "peer",
     "interests": ["vrijwilliger in het museum", "cultuur"], "availability": "tue:morning",
     "mobility": {"mode": "bicycle"}},
    {"person_id": "cor", "home": {"postcode": "2181"}, "consent": True, "seeks": "peer",
     "interests": ["voetbal kijken"]},
    {"person_id": "dina", "home": {"postcode": "2181"}, "consent": True, "seeks": "peer",
     "interests": ["tuinieren"], "availability": "tue:morning"},
])
ans = wm.match_people("ans", story)
print(ans)
assert ans[0].person_id == "bert" and wm.match_people("bert", story)[0].person_id == "ans"
side = ans[0].explanation
print("ans's side:", round(side.forward.total, 2), "bert's side:", round(side.backward.total, 2),
      "->", side.combination, "=", round(ans[0].score, 2))""",
    ),
    (
        "md",
        """## A Thuisgekookt neighbourhood
Housebound neighbours who would like a home-cooked meal (some with a diet) and home cooks a
few streets away who cook some diets and take one to three neighbours. One global plan
serves as many as possible, then the best pairs; no cook goes over capacity.""",
    ),
    (
        "code",
        """rng = np.random.default_rng(7)
diets = ["vegetarian", "halal", "diabetic", "soft"]
records = []
for i in range(60):
    records.append({"person_id": f"buur{i:02d}", "consent": True, "seeks": "meals",
                    "mobility": {"mode": "housebound"},
                    "diet": [] if rng.random() < 0.5 else [str(rng.choice(diets))],
                    "home": {"lat": 52.03 + rng.normal(0, 0.006), "lon": 5.08 + rng.normal(0, 0.01)}})
for i in range(18):
    records.append({"person_id": f"kok{i:02d}", "consent": True, "offers": "meals",
                    "capacity": int(rng.integers(1, 4)), "mobility": {"mode": "walking"},
                    "diet": sorted(rng.choice(diets, size=2, replace=False).tolist()),
                    "home": {"lat": 52.03 + rng.normal(0, 0.006), "lon": 5.08 + rng.normal(0, 0.01)}})
neighbourhood = wm.People.from_records(records)
plan = wm.assign(neighbourhood, purpose="meals")
print(str(plan).splitlines()[0])
print(plan.pairs.head(5).round(2).to_string(index=False))
print("why not served:", Counter(code for codes in plan.unmatched.values() for code in codes))
person = {p.person_id: p for p in neighbourhood}
assert all(set(person[s].diet) <= set(person[g].diet)
           for s, g in zip(plan.pairs["seeker_id"], plan.pairs["giver_id"]))
assert all(assigned <= capacity for assigned, capacity in plan.load.values())""",
    ),
    (
        "md",
        """## A buddy project with a waiting list
Far more people wait for a buddy than there are volunteers. With `priority="waiting"` the
plan still serves the most people possible, and among such plans those who waited longest.""",
    ),
    (
        "code",
        """today = dt.date(2026, 12, 1)
buddies = [r for r in synthetic_people(1500, seed=3, places=3, today=today).records]
pool = wm.People.from_records(buddies)
plain = wm.assign(pool, purpose="buddy")
fair = wm.assign(pool, purpose="buddy", priority="waiting", today=today)
waited = {p.person_id: (today - p.waiting_since).days for p in pool if p.waiting_since}
for name, p in (("best fit", plain), ("longest waiting first", fair)):
    days = [waited[s] for s in p.pairs["seeker_id"]]
    print(f"{name:<22} served {p.served} of {p.served + len(p.unmatched)}, "
          f"mean wait of those served {np.mean(days):.0f} days, mean score {p.pairs['score'].mean():.2f}")""",
    ),
    (
        "md",
        """## Groups where no offer exists
Peers who share an interest, a time and a neighbourhood: a proposal to start a group.""",
    ),
    (
        "code",
        """groups = wm.form_groups(pool, size=(3, 6))
print("\\n".join(str(groups).splitlines()[:5]))""",
    ),
    (
        "md",
        """## Two-sided evaluation on a synthetic pool
Reciprocal precision and recall at 10 against a ground truth of who would click, compared
with ranking by one side only, by distance and at random; and, for a global buddy plan, the
share served, the share of pairs that would click and the Gini coefficient of giver load.""",
    ),
    (
        "code",
        """truth = synthetic_people(3000, seed=5, places=5, jitter_km=1.0)
evaluate_people(truth, wm.People.from_records(truth.records), k=10, queries=150).round(3)""",
    ),
]


JOURNAL = [
    (
        "md",
        """# 04 · Het verwijsjournaal: van verwijzing tot brief aan de huisarts

Eén traject van verwijzing tot terugkoppeling, de cijfers voor de gemeente, en een
`outcome`-ranker die leert van wat er gebeurde. Alle gegevens zijn verzonnen (de
demo-catalogus en gegenereerde trajecten). Het journaal staat hier in het geheugen
(`"sqlite://"`); geef een bestand of een PostgreSQL-URL om het te bewaren.""",
    ),
    (
        "code",
        """import datetime as dt
import wor_match as wm
from wor_match.journal.demo import demo_journal

journal = wm.Journal("sqlite://", organisation="welzijn-hillegom")
profile = {"client_id": "anna-001", "home": {"postcode": "2181"}, "age": 78,
           "interests": ["tuinieren", "handwerken"], "energy_drains": ["drukte"]}
d = dt.date(2026, 11, 2)
ref = journal.open_referral("anna-001", date=d, referred_by="huisarts:H1",
                            reasons=["eenzaamheid"], profile=profile)
journal.status(ref)""",
    ),
    (
        "md",
        """## Intake, aanbod en de eerste stap
De coach belt binnen twee weken, vult samen met Anna de eenzaamheidsvragen in en laat drie
activiteiten zien. Elke getoonde activiteit wordt bewaard met rang, score, de punten van de
uitleg, de ranker en de kans dat ze getoond werd.""",
    ),
    (
        "code",
        """intake = d + dt.timedelta(days=9)
journal.record_event(ref, None, "intake", date=intake)
answers = {"1": "ja", "2": "ja", "3": "min_of_meer", "4": "ja", "5": "ja", "6": "nee",
           "7": "min_of_meer", "8": "ja", "9": "ja", "10": "nee", "11": "ja"}
journal.record_measure(ref, "djg11", answers, date=intake, moment="intake")
recs = wm.recommend(profile, k=3, today=intake)
journal.record_offers(ref, recs, date=intake)
first = recs[0].activity_id
journal.record_event(ref, first, "accepted", date=intake)
journal.record_event(ref, recs[1].activity_id, "declined", date=intake, reason="te ver")
journal.record_event(ref, first, "started", date=intake + dt.timedelta(days=3))
journal.status(ref)""",
    ),
    (
        "md",
        """Een onmogelijke stap geeft een duidelijke fout met een vaste `code`:""",
    ),
    (
        "code",
        """try:
    journal.record_event(ref, recs[2].activity_id, "continued", date=intake)
except wm.JournalError as error:
    print(error.code, "-", error)""",
    ),
    (
        "md",
        """## Na drie maanden: afsluiten en de brief aan de huisarts""",
    ),
    (
        "code",
        """close = d + dt.timedelta(days=110)
journal.record_event(ref, first, "continued", date=d + dt.timedelta(days=100))
journal.record_measure(ref, "djg11", {**answers, "2": "nee", "5": "nee"}, date=close,
                       moment="close")
journal.close_referral(ref, date=close, outcome="completed",
                       next_steps="Anna gaat zelfstandig verder met de moestuin.")
journal.history(ref)[["date", "event", "target", "reason"]]""",
    ),
    (
        "code",
        """print(journal.gp_feedback(ref))""",
    ),
    (
        "md",
        """## Cijfers voor de gemeente
Honderdvijftig verzonnen trajecten. Cellen onder de 5 mensen worden onderdrukt, cijfers
onder de 30 krijgen een waarschuwing.""",
    ),
    (
        "code",
        """demo_journal(journal, referrals=150, seed=1)
report = journal.report(start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
print(report.to_markdown())""",
    ),
    (
        "md",
        """## Leren van uitkomsten
De `outcome`-ranker is het logistische model plus, per activiteit, wat eerdere trajecten
lieten zien (empirisch Bayes: weinig geschiedenis telt weinig). Hier geleerd uit een
journaal met gegenereerde trajecten op een synthetische catalogus.""",
    ),
    (
        "code",
        """from wor_match.datasets import make_synthetic
from wor_match.journal.demo import journal_from_dataset
from wor_match.rankers.outcome import OutcomeRanker

synthetic = make_synthetic(400, 60, seed=4)
research = wm.Journal("sqlite://", organisation="onderzoek")
journal_from_dataset(research, synthetic)
ranker = OutcomeRanker().fit_dataset(research, catalogue=synthetic.catalogue)
client = synthetic.profiles[0]
shortlist = wm.recommend(client, synthetic.catalogue, k=3, ranker=ranker, today=dt.date(2026, 11, 1))
for item in shortlist:
    print(item.rank, item.activity.name, round(item.score, 2), item.reasons)""",
    ),
]


def notebook(cells: list[tuple[str, str]]) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [
        nbformat.v4.new_markdown_cell(text) if kind == "md" else nbformat.v4.new_code_cell(text)
        for kind, text in cells
    ]
    return nb


def main() -> None:
    HERE.mkdir(exist_ok=True)
    for name, cells in (
        ("01_coach_quickstart", COACH),
        ("02_researcher_tuning", RESEARCH),
        ("03_people_matching", PEOPLE),
        ("04_referral_journal", JOURNAL),
    ):
        nbformat.write(notebook(cells), HERE / f"{name}.ipynb")
        print(f"wrote notebooks/{name}.ipynb")


if __name__ == "__main__":
    main()
