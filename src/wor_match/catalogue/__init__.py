"""The catalogue: validated activities as columns, plus the indexes matching needs.

:class:`Catalogue` (loaders and the ``Sequence`` API) and :class:`LoadReport` are public;
the engine behind them is private to this package: the columnar form and its vectorised
validation, the text index over the activities' words and themes, and the fuzzy index over
those words.
"""

from wor_match.catalogue._catalogue import Catalogue, LoadReport, coverage_key, stable_hash

__all__ = ["Catalogue", "LoadReport", "coverage_key", "stable_hash"]
