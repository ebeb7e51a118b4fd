"""Rankers by name: the built-in ones and third-party ones from the entry-point group
``wor_match.rankers`` (each entry point names a Ranker subclass or factory)."""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import entry_points
from typing import Any, TypeVar, overload

from wor_match._errors import UnknownRankerError
from wor_match._lazy import LAZY_RANKERS, lazy_attribute
from wor_match.rankers._base import Ranker

__all__ = ["ENTRY_POINT_GROUP", "available_rankers", "get_ranker", "register_ranker"]

ENTRY_POINT_GROUP = "wor_match.rankers"
RankerFactory = Callable[..., Ranker]
F = TypeVar("F", bound=RankerFactory)

_REGISTRY: dict[str, RankerFactory] = {}
_entry_points_loaded = False
R = TypeVar("R", bound=type[Ranker])


@overload
def register_ranker(name: R, /) -> R: ...
@overload
def register_ranker(name: str, /) -> Callable[[F], F]: ...
def register_ranker(name: str | type[Ranker], /) -> Any:
    """Register a ranker by name: ``@register_ranker`` on a Ranker subclass takes its
    :attr:`~wor_match.rankers.Ranker.name`; ``@register_ranker("name")`` registers a class
    or factory under that name.

    Examples
    --------
    >>> from wor_match.rankers import Ranker, register_ranker
    >>> @register_ranker
    ... class MyRanker(Ranker):
    ...     name = "my_ranker"
    """
    if isinstance(name, type):
        return _register(name.name, name)
    if not name or not name.replace("_", "").isalnum():
        raise ValueError("a ranker name must be a non-empty identifier such as 'weighted'")

    def decorator(factory: F) -> F:
        return _register(name, factory)

    return decorator


def _register(name: str, factory: F) -> F:
    if not name or not name.replace("_", "").isalnum():
        raise ValueError(
            f"a ranker name must be a non-empty identifier such as 'weighted'; "
            f"{getattr(factory, '__name__', 'the ranker')}.name is {name!r}"
        )
    _REGISTRY[name] = factory
    return factory


def _load_entry_points() -> None:
    global _entry_points_loaded
    if _entry_points_loaded:
        return
    _entry_points_loaded = True
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        _REGISTRY.setdefault(entry.name, entry.load())


def available_rankers() -> tuple[str, ...]:
    """Names of all registered rankers, sorted (built-in and plugged in)."""
    _load_entry_points()
    return tuple(sorted(set(_REGISTRY) | set(LAZY_RANKERS)))


def get_ranker(name: str | Ranker, **params: Any) -> Ranker:
    """The ranker registered under ``name``, built with ``params`` (a Ranker passes through)."""
    if isinstance(name, Ranker):
        return name
    _load_entry_points()
    if name not in _REGISTRY and name in LAZY_RANKERS:
        lazy_attribute("wor_match.rankers", LAZY_RANKERS[name])  # importing registers it
    try:
        factory = _REGISTRY[name]
    except KeyError:
        known = ", ".join(available_rankers())
        raise UnknownRankerError(
            f"no ranker named {name!r}; available: {known}. Third-party rankers register "
            f"through the entry-point group {ENTRY_POINT_GROUP!r}."
        ) from None
    return factory(**params)
