"""What a matching signal is: a named column over the candidate rows, with a documented
range, and a sentence for a coach when its value is worth mentioning."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

import numpy as np
import numpy.typing as npt

from wor_match._vocab import Language
from wor_match.context import MatchContext

__all__ = ["Feature", "FloatArray"]

FloatArray = npt.NDArray[np.float64]


class Feature(ABC):
    """One soft matching signal.

    Subclasses set ``name``, ``value_range`` and ``description`` and implement
    :meth:`compute` (one vectorised call for all rows of a context) and :meth:`reason`.
    """

    name: ClassVar[str]
    value_range: ClassVar[tuple[float, float]]
    description: ClassVar[str]

    @abstractmethod
    def compute(self, ctx: MatchContext) -> FloatArray:
        """The signal for every row of ``ctx`` (same order), within :attr:`value_range`."""

    @abstractmethod
    def reason(self, ctx: MatchContext, position: int, value: float, language: Language) -> str:
        """A sentence for a coach about this signal at one row (position into ctx.rows).

        Wording is descriptive and non-causal ("past bij", "ligt op"), never a label for
        the client. An empty string means there is nothing worth saying.
        """

    def __repr__(self) -> str:
        return f"<Feature {self.name} {self.value_range}>"
