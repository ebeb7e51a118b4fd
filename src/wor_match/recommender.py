"""The main entry point, :func:`recommend`, and the default catalogue.

The default catalogue is, in order: the one set with :func:`use_catalogue`; else the file
named by the environment variable ``WOR_MATCH_CATALOGUE``; else the bundled demo catalogue
(:func:`load_demo_catalogue`, illustrative offers, not real ones).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from functools import cache
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import Any

from wor_match._checks import check_language
from wor_match._errors import CatalogueError
from wor_match._vocab import Language
from wor_match.catalogue import Catalogue
from wor_match.models.profile import ClientProfile, as_profile
from wor_match.rankers import Ranker, get_ranker
from wor_match.results import Recommendations

__all__ = [
    "CATALOGUE_ENV",
    "default_catalogue",
    "load_demo_catalogue",
    "recommend",
    "use_catalogue",
]

#: Environment variable naming a catalogue file (.csv, .json, .jsonl).
CATALOGUE_ENV = "WOR_MATCH_CATALOGUE"

_configured: Catalogue | None = None


@cache
def load_demo_catalogue() -> Catalogue:
    """The bundled demo catalogue: illustrative activities in Hillegom, Meerssen, Enschede
    and Nieuwegein on real PC4 centroids. Not real offers (see its SOURCE.md)."""
    with resources.as_file(
        resources.files("wor_match.data").joinpath("demo_catalogue.csv")
    ) as path:
        catalogue = Catalogue.from_csv(path, strict=True)
    catalogue.report.source = "wor_match demo catalogue (illustrative)"
    return catalogue


@cache
def _catalogue_from_env(path: str, modified: float) -> Catalogue:
    # keyed on the modification time too, so an edited file is read again
    return Catalogue.from_file(path)


def use_catalogue(catalogue: Catalogue | str | PathLike[str] | None) -> Catalogue | None:
    """Set the default catalogue for :func:`recommend` (a Catalogue or a file path); None
    goes back to the environment variable or the demo catalogue. Returns the catalogue."""
    global _configured
    if catalogue is None or isinstance(catalogue, Catalogue):
        _configured = catalogue
    else:
        _configured = Catalogue.from_file(Path(catalogue))
    return _configured


def default_catalogue() -> Catalogue:
    """The catalogue :func:`recommend` uses when none is given."""
    if _configured is not None:
        return _configured
    path = os.environ.get(CATALOGUE_ENV)
    if path:
        try:
            modified = Path(path).stat().st_mtime
        except OSError:
            raise CatalogueError(
                f"{CATALOGUE_ENV} names a file that cannot be read: {path}"
            ) from None
        return _catalogue_from_env(path, modified)
    return load_demo_catalogue()


def recommend(
    profile: ClientProfile | Mapping[str, Any],
    catalogue: Catalogue | None = None,
    *,
    k: int = 10,
    ranker: str | Ranker = "weighted",
    language: Language = "nl",
    today: dt.date | None = None,
) -> Recommendations:
    """Recommend up to ``k`` activities for a client, best first, with reasons.

    Parameters
    ----------
    profile : ClientProfile or dict
        The client; a dict is validated (errors never repeat its values).
    catalogue : Catalogue, optional
        Defaults to :func:`default_catalogue`.
    k : int, default 10
        Longest list returned. Short, well-explained lists work better than long ones.
    ranker : str or Ranker, default "weighted"
        A registered name (:func:`wor_match.available_rankers`) or a Ranker instance.
    language : {"nl", "en"}, default "nl"
        Language of the reasons and tables.
    today : date, optional
        The date staleness is measured from (default: today); fix it for reproducibility.

    Returns
    -------
    Recommendations
        A sequence of :class:`Recommendation`; ``.excluded`` says why the others are out.

    Examples
    --------
    >>> import wor_match as wm
    >>> recs = wm.recommend({"client_id": "c1", "home": {"postcode": "2181"},
    ...                      "interests": ["tuinieren"]}, k=3)
    >>> len(recs) <= 3
    True
    """
    check_language(language)
    validated = as_profile(profile)
    chosen = get_ranker(ranker)
    if catalogue is None:
        catalogue = default_catalogue()
    elif not isinstance(catalogue, Catalogue):
        raise CatalogueError(
            f"catalogue must be a wor_match.Catalogue (see Catalogue.from_csv); got "
            f"{type(catalogue).__name__}"
        )
    return chosen.recommend(validated, catalogue, k=k, language=language, today=today)
