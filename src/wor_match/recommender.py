"""The main entry point, :func:`recommend`, and the default catalogue.

The default catalogue is, in order: the one set with :func:`use_catalogue` in the current
context (thread or asyncio task; ``with use_catalogue(c):`` scopes it to a block), else the
last one set in the process; else the file named by the environment variable
``WOR_MATCH_CATALOGUE``; else the bundled demo catalogue (:func:`load_demo_catalogue`,
illustrative offers, not real ones).
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Mapping
from contextvars import ContextVar, Token
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
    "CatalogueScope",
    "default_catalogue",
    "load_demo_catalogue",
    "recommend",
    "use_catalogue",
]

#: Environment variable naming a catalogue file (.csv, .json, .jsonl).
CATALOGUE_ENV = "WOR_MATCH_CATALOGUE"

#: the process-wide default: the last plain use_catalogue() call (the notebook default)
_configured: Catalogue | None = None
#: this context's own choice (threads and asyncio tasks each have their own); _UNSET when
#: the context never chose, None when it chose "back to the environment or the demo"
_UNSET: Any = object()
_scoped: ContextVar[Any] = ContextVar("wor_match_catalogue", default=_UNSET)
#: one lock for building the shared catalogues, so a cold start builds each once
_build_lock = threading.Lock()
_demo: Catalogue | None = None
_from_env: dict[tuple[str, float], Catalogue] = {}


def load_demo_catalogue() -> Catalogue:
    """The bundled demo catalogue: illustrative activities in Hillegom, Meerssen, Enschede
    and Nieuwegein on real PC4 centroids. Not real offers (see its SOURCE.md). Built once
    per process, also when many threads ask at the same time."""
    global _demo
    if _demo is None:
        with _build_lock:
            if _demo is None:
                with resources.as_file(
                    resources.files("wor_match.data").joinpath("demo_catalogue.csv")
                ) as path:
                    catalogue = Catalogue.from_csv(path, strict=True)
                catalogue.report.source = "wor_match demo catalogue (illustrative)"
                _demo = catalogue
    return _demo


def _catalogue_from_env(path: str, modified: float) -> Catalogue:
    # keyed on the modification time too, so an edited file is read again
    key = (path, modified)
    cached = _from_env.get(key)
    if cached is None:
        with _build_lock:
            cached = _from_env.get(key)
            if cached is None:
                cached = _from_env[key] = Catalogue.from_file(path)
    return cached


class CatalogueScope:
    """What :func:`use_catalogue` returns: the catalogue is already in use; as a context
    manager (``with use_catalogue(c):``) the choice holds only inside the block and only in
    the current context (thread or asyncio task), and the process default is left as it
    was."""

    def __init__(self, catalogue: Catalogue | None, token: Token[Any], previous: Any) -> None:
        self.catalogue = catalogue
        self._token = token
        self._previous = previous

    def __enter__(self) -> Catalogue | None:
        global _configured
        # scoped use: undo the process-wide part of the call (unless another call replaced it)
        if _configured is self.catalogue and self._previous is not _UNSET:
            _configured = self._previous
            self._previous = _UNSET
        return self.catalogue

    def __exit__(self, *exc: object) -> None:
        _scoped.reset(self._token)

    def __repr__(self) -> str:
        return f"CatalogueScope({self.catalogue!r})"


def use_catalogue(catalogue: Catalogue | str | PathLike[str] | None) -> CatalogueScope:
    """Use a catalogue (a Catalogue or a file path) for :func:`recommend` from now on.

    A plain call sets the default of the current context (each thread and asyncio task has
    its own) and of the process (what contexts that never chose one use, as in a notebook).
    As a context manager the choice is scoped: ``with use_catalogue(c): ...`` uses ``c`` in
    this context inside the block only, leaving the process default alone. None goes back
    to the environment variable or the demo catalogue.

    Returns
    -------
    CatalogueScope
        Its ``catalogue`` attribute is the catalogue now in use.
    """
    global _configured
    if catalogue is not None and not isinstance(catalogue, Catalogue):
        catalogue = Catalogue.from_file(Path(catalogue))
    token = _scoped.set(catalogue)
    previous, _configured = _configured, catalogue
    return CatalogueScope(catalogue, token, previous)


def default_catalogue() -> Catalogue:
    """The catalogue :func:`recommend` uses when none is given: this context's choice
    (:func:`use_catalogue`), else the process default, else ``WOR_MATCH_CATALOGUE``, else
    the demo catalogue."""
    scoped = _scoped.get()
    if isinstance(scoped, Catalogue):
        return scoped
    if scoped is _UNSET and _configured is not None:
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
    relevance_first: bool = True,
    diversity: bool = True,
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
    relevance_first : bool, default True
        Offers matching the client's interests or energy sources first, then low-threshold
        general offers (with a note), never other offers (:mod:`wor_match.shortlist`).
        False lists by score alone.
    diversity : bool, default True
        Vary the list over the client's interests and providers (maximal marginal
        relevance, :mod:`wor_match.shortlist`); scores and explanations do not change.

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
    return chosen.recommend(
        validated, catalogue, k=k, language=language, today=today,
        relevance_first=relevance_first, diversity=diversity,
    )  # fmt: skip
