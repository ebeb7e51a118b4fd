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
    for name, cells in (("01_coach_quickstart", COACH), ("02_researcher_tuning", RESEARCH)):
        nbformat.write(notebook(cells), HERE / f"{name}.ipynb")
        print(f"wrote notebooks/{name}.ipynb")


if __name__ == "__main__":
    main()
