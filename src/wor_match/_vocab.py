"""Controlled vocabularies shared by profiles, activities and features.

Each vocabulary is a ``Literal`` type (for pydantic and mypy) plus a tuple of its values in a
fixed order; the position in the tuple is the integer code used in the catalogue's columns.
"""

from __future__ import annotations

from typing import Literal, get_args

Day = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
Part = Literal["morning", "afternoon", "evening"]
Kind = Literal["activity", "volunteering", "buddy", "meals"]
Delivery = Literal["on_site", "at_home", "online"]
Mode = Literal[
    "walking",
    "bicycle",
    "e_bike",
    "mobility_scooter",
    "wheelchair",
    "public_transport",
    "car",
    "housebound",
]
Setting = Literal["individual", "one_on_one", "small_group", "large_group"]
SocialPreference = Literal["one_on_one", "small_group", "large_group", "no_preference"]
Status = Literal["active", "inactive", "defunct", "temporarily_closed"]
Referral = Literal["signposting", "direct"]
#: The language of reasons and summaries: Dutch (the default) or English.
Language = Literal["nl", "en"]

DAYS: tuple[Day, ...] = get_args(Day)
PARTS: tuple[Part, ...] = get_args(Part)
KINDS: tuple[Kind, ...] = get_args(Kind)
DELIVERIES: tuple[Delivery, ...] = get_args(Delivery)
MODES: tuple[Mode, ...] = get_args(Mode)
SETTINGS: tuple[Setting, ...] = get_args(Setting)
STATUSES: tuple[Status, ...] = get_args(Status)
