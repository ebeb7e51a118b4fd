"""Who an offer is for: the target-group vocabulary, and services.

Many offers in a sociale kaart are for a particular group, and a coach never offers them to
anyone else (``docs/target-groups.md``). An activity's ``target_groups`` and a client's
``situation`` use the codes below; Dutch and English synonyms are accepted on input
(:func:`target_group_codes`) and always stored as codes.

==================  ==================  ===================================================
code                kind of group       synonyms accepted on input (a selection)
==================  ==================  ===================================================
caregiver           circumstance        mantelzorger(s), mantelzorg, carer(s)
bereaved            circumstance        rouw, nabestaanden, weduwe, weduwnaar, grief
newcomer            circumstance        nieuwkomer(s), statushouder(s), anderstalig(en)
chronic_illness     circumstance        chronisch ziek, chronische pijn, chronic pain
dementia            circumstance        dementie, mensen met dementie, alzheimer
money_worries       circumstance        geldzorgen, schulden, minima, debt
unemployed          circumstance        werkzoekend(en), werkloos, jobseekers
parent              circumstance        ouders van jonge kinderen, ouders, parents
young_people        age                 jongeren, jongvolwassenen, youth (12-23)
older_people        age                 ouderen, senioren, 55+, seniors (55 and over)
children            age                 kinderen, kids (up to 12)
women               gender              vrouwen, dames, women
men                 gender              mannen, heren, men
everyone            (none)              iedereen, algemeen, all: says "no target group"
==================  ==================  ===================================================

Rules (applied by :mod:`wor_match.filters`):

- a *circumstance* group is a hard filter: the offer is only for a client whose
  ``situation`` holds one of its circumstance groups (an unrecorded situation holds none);
- an *age* group is an age limit when the offer gives none (:data:`AGE_LIMITS`);
- a *gender* group applies when the profile states a gender; otherwise the offer is shown
  with a caution.

``everyone`` marks an offer as explicitly for all, so nothing is inferred from its text.

When a catalogue row gives no target group, one is inferred from its name, description,
categories and tags (:func:`infer_target_groups`), and the load report says so, so the
person who keeps the catalogue can confirm or correct it. Volunteer roles are never
inferred to be *for* a circumstance group: a "taalmaatje van een nieuwkomer" is a role for
someone who speaks Dutch. The same goes for services (:data:`SERVICE_TRIGGERS`): a row of
kind ``activity`` whose text names debt counselling, a benefits check, legal aid, social
work or a food bank is a ``service``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Literal, get_args

from wor_match.text import normalise

__all__ = [
    "AGE_LIMITS",
    "CIRCUMSTANCE_GROUPS",
    "GENDER_GROUPS",
    "GROUP_LABELS",
    "SERVICE_TRIGGERS",
    "TARGET_GROUPS",
    "Gender",
    "TargetGroup",
    "group_mask",
    "infer_rows",
    "known_target_groups",
    "target_group_codes",
]

TargetGroup = Literal[
    "caregiver",
    "bereaved",
    "newcomer",
    "chronic_illness",
    "dementia",
    "money_worries",
    "unemployed",
    "parent",
    "young_people",
    "older_people",
    "children",
    "women",
    "men",
    "everyone",
]
Gender = Literal["female", "male", "other"]

#: Every code, in a fixed order: the position is the bit in a group mask.
TARGET_GROUPS: tuple[TargetGroup, ...] = get_args(TargetGroup)
#: Groups defined by a circumstance of life: a hard filter for anyone outside them.
CIRCUMSTANCE_GROUPS: tuple[TargetGroup, ...] = (
    "caregiver",
    "bereaved",
    "newcomer",
    "chronic_illness",
    "dementia",
    "money_worries",
    "unemployed",
    "parent",
)
#: Ages an age group stands for when the offer gives no min_age / max_age (None: open).
#: young_people 12-23: the age range of Dutch jongerenwerk (youth work), as in DOMAIN.md
#: ("a jongerencentrum (young people, typically 12-23)") and the Nederlands Jeugdinstituut's
#: description of jongerenwerk for 12 to 23-year-olds. older_people 55+: the lower of the two
#: thresholds Dutch senioren activities use (55+ and 65+, DOMAIN.md; ouderenbonden such as KBO
#: and ANBO organise from 50-55), so a 58-year-old is not kept from a "senioren" walk; an
#: offer that means 65+ says so in min_age. children up to 12: primary-school age.
AGE_LIMITS: dict[TargetGroup, tuple[int | None, int | None]] = {
    "young_people": (12, 23),
    "older_people": (55, None),
    "children": (None, 12),
}
#: Gender groups and the profile gender each is for.
GENDER_GROUPS: dict[TargetGroup, Gender] = {"women": "female", "men": "male"}

#: Labels for sentences ("Voor mantelzorgers, zoals u"), per language.
GROUP_LABELS: dict[str, dict[TargetGroup, str]] = {
    "nl": {
        "caregiver": "mantelzorgers",
        "bereaved": "wie een dierbare heeft verloren",
        "newcomer": "nieuwkomers die Nederlands leren",
        "chronic_illness": "mensen met een chronische ziekte of pijn",
        "dementia": "mensen met dementie en hun naasten",
        "money_worries": "mensen met geldzorgen",
        "unemployed": "werkzoekenden",
        "parent": "ouders van jonge kinderen",
        "young_people": "jongeren (12-23 jaar)",
        "older_people": "ouderen (55+)",
        "children": "kinderen (tot 12 jaar)",
        "women": "vrouwen",
        "men": "mannen",
        "everyone": "iedereen",
    },
    "en": {
        "caregiver": "carers",
        "bereaved": "people who lost someone close",
        "newcomer": "newcomers learning Dutch",
        "chronic_illness": "people with a chronic illness or pain",
        "dementia": "people with dementia and those close to them",
        "money_worries": "people with money worries",
        "unemployed": "jobseekers",
        "parent": "parents of young children",
        "young_people": "young people (12-23)",
        "older_people": "older people (55+)",
        "children": "children (up to 12)",
        "women": "women",
        "men": "men",
        "everyone": "everyone",
    },
}

# fmt: off
_SYNONYMS: dict[TargetGroup, tuple[str, ...]] = {
    "caregiver": ("mantelzorger", "mantelzorgers", "mantelzorg", "carer", "carers",
                  "caregiver", "caregivers", "informal carer"),
    "bereaved": ("rouw", "rouwend", "rouwenden", "nabestaande", "nabestaanden", "weduwe",
                 "weduwnaar", "verlies", "bereaved", "bereavement", "grief", "widow", "widower"),
    "newcomer": ("nieuwkomer", "nieuwkomers", "statushouder", "statushouders", "anderstalig",
                 "anderstaligen", "inburgeraar", "inburgeraars", "vluchteling", "vluchtelingen",
                 "newcomer", "newcomers", "refugee", "refugees"),
    "chronic_illness": ("chronisch ziek", "chronisch zieken", "chronische ziekte",
                        "chronische pijn", "chronic illness", "chronically ill", "chronic pain"),
    "dementia": ("dementie", "mensen met dementie", "alzheimer", "dementia"),
    "money_worries": ("geldzorgen", "schulden", "schuld", "minima", "laag inkomen",
                      "money worries", "debt", "debts", "low income"),
    "unemployed": ("werkzoekend", "werkzoekende", "werkzoekenden", "werkloos", "werklozen",
                   "unemployed", "jobseeker", "jobseekers"),
    "parent": ("ouder", "ouders", "ouders van jonge kinderen", "jonge ouders", "parent",
               "parents"),
    "young_people": ("jongeren", "jongere", "jongvolwassenen", "jeugd", "young people",
                     "youth"),
    "older_people": ("ouderen", "senioren", "55+", "60+", "65+", "55 plus", "65 plus",
                     "older people", "seniors", "elderly"),
    "children": ("kinderen", "kind", "kids", "children"),
    "women": ("vrouwen", "vrouw", "dames", "women", "woman", "ladies"),
    "men": ("mannen", "man", "heren", "men"),
    "everyone": ("iedereen", "algemeen", "alle", "all", "everyone", "general"),
}
# fmt: on


def _key(text: str) -> str:
    # "55+" keeps its plus: normalise() would turn it into "55"
    return normalise(text.replace("+", " plus"))


_LOOKUP: dict[str, TargetGroup] = {
    _key(term): code for code, terms in _SYNONYMS.items() for term in (code, *terms)
}
_LOOKUP.update({_key(code.replace("_", " ")): code for code in TARGET_GROUPS})


def target_group_codes(value: Any) -> Any:
    """Codes for a list of target groups (any list form: ``"a;b"``, ``["a", "b"]``), each
    given as a code or a Dutch or English synonym; unique, in :data:`TARGET_GROUPS` order.

    Raises
    ------
    ValueError
        If an item is not a known group (the message never repeats it: a situation is
        health data).

    Examples
    --------
    >>> target_group_codes("Mantelzorgers; ouderen")
    ['caregiver', 'older_people']
    """
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, Iterable) or isinstance(value, bytes | bytearray | dict):
        return value  # pydantic rejects it with its own message
    items: list[Any] = []
    for item in value:
        items += [part.strip() for part in item.split(";")] if isinstance(item, str) else [item]
    items = [item for item in items if item != ""]
    codes: set[TargetGroup] = set()
    for item in items:
        code = _LOOKUP.get(_key(item)) if isinstance(item, str) else None
        if code is None:
            raise ValueError(
                "target groups must be codes such as caregiver, bereaved, newcomer, "
                "older_people (or their Dutch or English synonyms); see "
                "wor_match.target_groups"
            )
        codes.add(code)
    return [code for code in TARGET_GROUPS if code in codes]


def known_target_groups(parts: Iterable[str]) -> list[TargetGroup]:
    """The codes of the parts that name a target group (others are left out), in
    :data:`TARGET_GROUPS` order: for importers reading a "doelgroep" column or HSDS
    eligibility text.

    Examples
    --------
    >>> known_target_groups(["Ouderen", "mensen uit de wijk", "mantelzorgers"])
    ['caregiver', 'older_people']
    """
    found: set[TargetGroup] = set()
    for part in parts:
        code = _LOOKUP.get(_key(part)) if isinstance(part, str) else None
        if code is not None:
            found.add(code)
    return [code for code in TARGET_GROUPS if code in found]


def group_mask(codes: Iterable[str]) -> int:
    """Bit ``TARGET_GROUPS.index(code)`` set for every code."""
    positions: dict[str, int] = {code: i for i, code in enumerate(TARGET_GROUPS)}
    mask = 0
    for code in set(codes):
        mask |= 1 << positions[code]
    return mask


#: Masks of the three kinds of group.
CIRCUMSTANCE_MASK = group_mask(CIRCUMSTANCE_GROUPS)
AGE_MASK = group_mask(AGE_LIMITS)
GENDER_MASK = group_mask(GENDER_GROUPS)
EVERYONE_MASK = group_mask(["everyone"])

# Inference from catalogue text. A trigger is a tuple of word tests that must all hold in a
# row's text; a test is a word prefix ("mantelzorg" holds for mantelzorgers and
# mantelzorgcafe) or, ending in "=", a whole word. Written for the words catalogues use to
# say who an offer is for, not for any mention ("ouders" alone is not a group, "jonge
# ouders" is).
# fmt: off
_TRIGGERS: dict[TargetGroup, tuple[tuple[str, ...], ...]] = {
    "caregiver": (("mantelzorg",), ("caregiver",), ("carers=",)),
    "bereaved": (("rouw=",), ("rouwgroep",), ("rouwcafe",), ("rouwverwerking",),
                 ("nabestaand",), ("dierbare=", "verloren="), ("bereave",), ("grief=",)),
    "newcomer": (("nieuwkomer",), ("statushouder",), ("anderstalig",), ("inburger",),
                 ("taalcafe",), ("nederlands=", "oefenen="), ("nederlands=", "leren="),
                 ("newcomer",), ("refugee",)),
    "chronic_illness": (("chronisch",), ("chronic=",)),
    "dementia": (("dementie",), ("alzheimer",), ("dementia=",)),
    "money_worries": (("geldzorg",), ("schuldhulp",), ("schulden=",), ("budgetcafe",),
                      ("budgetcoach",), ("minima=",), ("debt=",)),
    "unemployed": (("werkzoekend",), ("werkloos",), ("werklozen",), ("jobseeker",)),
    "parent": (("jonge=", "ouders="), ("ouders=", "kinderen="), ("moedercafe",),
               ("oudercafe",), ("parents=",)),
    "young_people": (("jongeren",), ("jongvolwassen",), ("tieners=",), ("youth=",)),
    "older_people": (("ouderen",), ("senioren",), ("seniors=",), ("elderly=",)),
    "children": (("kinderen=", "jaar="), ("kinderdans",), ("kindercircus",), ("kids=",)),
    "women": (("vrouwen",), ("women=",), ("ladies=",)),
    "men": (("mannen",), ("men=",)),
}
#: Words that name a service: debt counselling, a benefits check, legal aid, social work,
#: a food bank, help with forms and post (same word tests as the target groups).
SERVICE_TRIGGERS: tuple[tuple[str, ...], ...] = (
    ("schuldhulp",), ("schuldsanering",), ("budgetcoach",), ("budgetadvies",),
    ("geldzaken=",), ("thuisadministratie",), ("formulierenhulp",), ("formulieren=",),
    ("belastingaangifte",), ("toeslagencheck",), ("voorzieningencheck",),
    ("inkomenscheck",), ("juridisch",), ("rechtshulp",), ("rechtswinkel",),
    ("raadslid=",), ("maatschappelijk=", "werk="), ("voedselbank",), ("debt=", "advice="),
    ("benefits=", "check="), ("legal=", "aid="), ("food=", "bank="), ("social=", "work="),
)
# fmt: on
#: Circumstance groups a service serves when its catalogue row names none: money and
#: administration services are for money worries (and for a client whose words ask).
SERVICE_GROUPS: tuple[TargetGroup, ...] = ("money_worries",)


def _tests(triggers: Iterable[tuple[str, ...]]) -> set[str]:
    return {test for trigger in triggers for test in trigger}


def _word_hits(vocabulary: Sequence[str], tests: set[str]) -> dict[str, list[int]]:
    """For each word test, the ids of the vocabulary words it holds for (one pass)."""
    whole = {test[:-1]: test for test in tests if test.endswith("=")}
    prefixes = tuple(test for test in tests if not test.endswith("="))
    hits: dict[str, list[int]] = {test: [] for test in tests}
    for word_id, word in enumerate(vocabulary):
        test = whole.get(word)
        if test is not None:
            hits[test].append(word_id)
        if prefixes and word.startswith(prefixes):
            for prefix in prefixes:
                if word.startswith(prefix):
                    hits[prefix].append(word_id)
    return hits


def infer_rows(
    vocabulary: Sequence[str],
    rows_of: Any,
    n_rows: int,
) -> tuple[dict[TargetGroup, Any], Any]:
    """Rows whose text names each target group, and rows whose text names a service.

    ``rows_of(word_ids)`` gives the sorted rows holding any of the words (in any field);
    the work is one pass over the vocabulary and a few posting-list look-ups, never a scan
    of the rows.
    """
    import numpy as np

    tests = _tests(trigger for triggers in _TRIGGERS.values() for trigger in triggers)
    tests |= _tests(SERVICE_TRIGGERS)
    hits = _word_hits(vocabulary, tests)
    cache: dict[str, Any] = {}

    def holding(test: str) -> Any:
        if test not in cache:
            ids = np.asarray(hits[test], dtype=np.intp)
            mask = np.zeros(n_rows, dtype=bool)
            if len(ids):
                mask[rows_of(ids)] = True
            cache[test] = mask
        return cache[test]

    def any_trigger(triggers: Iterable[tuple[str, ...]]) -> Any:
        found = np.zeros(n_rows, dtype=bool)
        for trigger in triggers:
            together = np.ones(n_rows, dtype=bool)
            for test in trigger:
                together &= holding(test)
            found |= together
        return found

    groups = {code: any_trigger(triggers) for code, triggers in _TRIGGERS.items()}
    return groups, any_trigger(SERVICE_TRIGGERS)
