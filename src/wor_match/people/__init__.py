"""People to people: peers, buddies and home-cooked meals, matched both ways under capacity.

- :class:`People`: a pool of validated :class:`Person` records (a client profile plus
  consent, what a person seeks and offers, capacity, partner preferences, diet...).
- :func:`match_people`: the people who fit one person, both ways, ranked and explained.
- :func:`assign`: one global plan with capacity per giver (most seekers served first).
- :func:`form_groups`: small groups of peers who share an interest, a time and a
  neighbourhood.
- :func:`synthetic_people` and :func:`wor_match.people.evaluation.evaluate_people`: a
  synthetic pool with a ground truth, and two-sided measures against one-sided, nearest and
  random baselines.

See ``docs/people.md``.
"""

from wor_match.people.assign import Plan, assign
from wor_match.people.groups import Group, Groups, form_groups
from wor_match.people.match import PeopleMatches, PersonMatch, match_people
from wor_match.people.person import PartnerPreferences, Person
from wor_match.people.pool import People, PeopleReport
from wor_match.people.rules import REASON_CODES, REASON_TEXT
from wor_match.people.scoring import ReciprocalExplanation
from wor_match.people.synthetic import SyntheticPeople, synthetic_people

__all__ = [
    "Group",
    "Groups",
    "PartnerPreferences",
    "People",
    "PeopleMatches",
    "PeopleReport",
    "Person",
    "PersonMatch",
    "Plan",
    "REASON_CODES",
    "REASON_TEXT",
    "ReciprocalExplanation",
    "SyntheticPeople",
    "assign",
    "form_groups",
    "match_people",
    "synthetic_people",
]
