"""Validated, immutable inputs: client profiles, activities, loneliness scores."""

from wor_match.models._slots import Slot
from wor_match.models.activity import Activity
from wor_match.models.loneliness import LonelinessScore, score_djg
from wor_match.models.profile import ClientProfile, Home, Mobility, PositiveHealth

__all__ = [
    "Activity",
    "ClientProfile",
    "Home",
    "LonelinessScore",
    "Mobility",
    "PositiveHealth",
    "Slot",
    "score_djg",
]
