"""Social setting versus the client's preference (one-to-one, small or large group).

Value in [-1, 1] from the table below (rows: preference; columns: the activity's setting);
0 when the client has no preference or the setting is unknown.

==============  ==========  ==========  ===========  ===========
preference      individual  one_on_one  small_group  large_group
==============  ==========  ==========  ===========  ===========
one_on_one         0.0         1.0         0.5         -1.0
small_group       -0.5         0.5         1.0         -0.5
large_group       -0.5        -0.5         0.5          1.0
==============  ==========  ==========  ===========  ===========
"""

from __future__ import annotations

import numpy as np

from wor_match._vocab import SETTINGS, Language
from wor_match.context import MatchContext
from wor_match.features._base import Feature, FloatArray

__all__ = ["SETTING_FIT", "SettingFit"]

_PREFERENCES = ("one_on_one", "small_group", "large_group", "no_preference")

SETTING_FIT: dict[str, tuple[float, float, float, float]] = {
    "one_on_one": (0.0, 1.0, 0.5, -1.0),
    "small_group": (-0.5, 0.5, 1.0, -0.5),
    "large_group": (-0.5, -0.5, 0.5, 1.0),
}
_SETTING_NL = {
    "individual": "op eigen gelegenheid",
    "one_on_one": "één op één",
    "small_group": "in een kleine groep",
    "large_group": "in een grote groep",
}
_SETTING_EN = {
    "individual": "on one's own",
    "one_on_one": "one to one",
    "small_group": "in a small group",
    "large_group": "in a large group",
}


#: rows: preferences in _PREFERENCES order (no preference: 0 everywhere); columns: the
#: settings, then unknown (index -1) -> 0
_TABLE = np.array([[*SETTING_FIT[p], 0.0] for p in _PREFERENCES[:3]] + [[0.0] * 5])


class SettingFit(Feature):
    name = "setting"
    value_range = (-1.0, 1.0)
    description = "Fit between the activity's social setting and the client's preference."

    def compute(self, ctx: MatchContext) -> FloatArray:
        preference = ctx.clients.column(
            "social_preference", lambda p: _PREFERENCES.index(p.social_preference), np.intp
        )
        setting = ctx.catalogue.setting[ctx.rows].astype(np.intp)
        return np.asarray(_TABLE[ctx.per_pair(preference), setting], dtype=np.float64)

    def reason(self, ctx: MatchContext, position: int, value: float, language: Language) -> str:
        code = int(ctx.catalogue.setting[ctx.rows[position]])
        if code < 0 or value == 0:
            return ""
        setting = SETTINGS[code]
        if language == "nl":
            verdict = "zoals gewenst" if value > 0 else "anders dan de voorkeur"
            return f"Gaat {_SETTING_NL[setting]}, {verdict}"
        verdict = "as preferred" if value > 0 else "unlike the preference"
        return f"Takes place {_SETTING_EN[setting]}, {verdict}"
