"""wor_match: explainable matching of clients to activities for Welzijn op Recept.

>>> import wor_match as wm
>>> recs = wm.recommend({"client_id": "c1", "home": {"postcode": "2181"}}, k=3)

Postcode centroids: GeoNames (https://www.geonames.org), CC BY 4.0.

The public names are imported on first use (PEP 562, the table in :mod:`wor_match._lazy`),
so ``import wor_match`` stays fast (pandas, scipy and pydantic load when a catalogue or
profile is first touched).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from wor_match._errors import (
    CatalogueError,
    InvalidActivityError,
    InvalidParameterError,
    InvalidProfileError,
    InvalidRankerFileError,
    MissingExtraError,
    NotFittedError,
    UnknownActivityError,
    UnknownPostcodeError,
    UnknownRankerError,
    WorMatchError,
)
from wor_match._lazy import lazy_attribute

if TYPE_CHECKING:
    from wor_match.batch import recommend_many
    from wor_match.catalogue import Catalogue, LoadReport
    from wor_match.journal import Journal, JournalError
    from wor_match.models import Activity, ClientProfile, LonelinessScore, score_djg
    from wor_match.people import People, assign, form_groups, match_people
    from wor_match.rankers import Ranker, available_rankers, get_ranker, register_ranker
    from wor_match.recommender import load_demo_catalogue, recommend, use_catalogue
    from wor_match.results import Contribution, Explanation, Recommendation, Recommendations

    __version__: str

__all__ = [
    "Activity",
    "Catalogue",
    "CatalogueError",
    "ClientProfile",
    "Contribution",
    "Explanation",
    "InvalidActivityError",
    "InvalidParameterError",
    "InvalidProfileError",
    "InvalidRankerFileError",
    "Journal",
    "JournalError",
    "LoadReport",
    "LonelinessScore",
    "MissingExtraError",
    "NotFittedError",
    "People",
    "Ranker",
    "Recommendation",
    "Recommendations",
    "UnknownActivityError",
    "UnknownPostcodeError",
    "UnknownRankerError",
    "WorMatchError",
    "__version__",
    "assign",
    "available_rankers",
    "form_groups",
    "get_ranker",
    "load_demo_catalogue",
    "match_people",
    "recommend",
    "recommend_many",
    "register_ranker",
    "score_djg",
    "use_catalogue",
]


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value: Any = version("wor_match")
        except PackageNotFoundError:  # pragma: no cover - running from a source tree
            value = "0.0.0"
    else:
        value = lazy_attribute(__name__, name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
