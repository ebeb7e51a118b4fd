"""The one table of names imported on first use (PEP 562), so ``import wor_match`` stays
fast: pandas, scipy and pydantic load when a catalogue or profile is first touched, and
scikit-learn when a learned ranker is.
"""

from __future__ import annotations

import importlib
from typing import Any, Final

__all__ = ["LAZY", "LAZY_RANKERS", "lazy_attribute"]

#: namespace -> {attribute: the module that defines it}
LAZY: Final[dict[str, dict[str, str]]] = {
    "wor_match": {
        "Activity": "wor_match.models",
        "Catalogue": "wor_match.catalogue",
        "ClientProfile": "wor_match.models",
        "Contribution": "wor_match.results",
        "Explanation": "wor_match.results",
        "Journal": "wor_match.journal",
        "JournalError": "wor_match.journal",
        "LoadReport": "wor_match.catalogue",
        "LonelinessScore": "wor_match.models",
        "People": "wor_match.people",
        "Ranker": "wor_match.rankers",
        "Recommendation": "wor_match.results",
        "Recommendations": "wor_match.results",
        "assign": "wor_match.people",
        "available_rankers": "wor_match.rankers",
        "form_groups": "wor_match.people",
        "get_ranker": "wor_match.rankers",
        "load_demo_catalogue": "wor_match.recommender",
        "match_people": "wor_match.people",
        "recommend": "wor_match.recommender",
        "recommend_many": "wor_match.batch",
        "register_ranker": "wor_match.rankers",
        "score_djg": "wor_match.models",
        "use_catalogue": "wor_match.recommender",
    },
    # learned rankers and persistence load scikit-learn
    "wor_match.rankers": {
        "BoostedRanker": "wor_match.rankers.learned",
        "LogisticRanker": "wor_match.rankers.learned",
        "OutcomeRanker": "wor_match.rankers.outcome",
        "load_ranker": "wor_match.rankers.persistence",
        "save_ranker": "wor_match.rankers.persistence",
    },
}

#: built-in rankers of lazily imported modules: ranker name -> its class in
#: ``LAZY["wor_match.rankers"]`` (importing the class registers it)
LAZY_RANKERS: Final[dict[str, str]] = {
    "boosted": "BoostedRanker",
    "logistic": "LogisticRanker",
    "outcome": "OutcomeRanker",
}


def lazy_attribute(namespace: str, name: str) -> Any:
    """``namespace.name``, imported from the module :data:`LAZY` gives for it.

    Raises
    ------
    AttributeError
        If the namespace has no such lazy name.
    """
    module = LAZY.get(namespace, {}).get(name)
    if module is None:
        raise AttributeError(f"module {namespace!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
