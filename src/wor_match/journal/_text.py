"""Words the GP letter and the municipal report share, in Dutch and English."""

from __future__ import annotations

import datetime as dt

__all__ = ["COMPONENT", "INSTRUMENT", "format_day", "measure_label"]

_MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}  # fmt: skip

INSTRUMENT = {
    "nl": {"djg11": "De Jong Gierveld (11 vragen)", "djg6": "De Jong Gierveld (6 vragen)",
           "ucla3": "UCLA-3", "ons4": "ONS4", "positive_health": "Positieve Gezondheid"},
    "en": {"djg11": "De Jong Gierveld (11 items)", "djg6": "De Jong Gierveld (6 items)",
           "ucla3": "UCLA-3", "ons4": "ONS4", "positive_health": "Positive Health"},
}  # fmt: skip

COMPONENT = {
    "nl": {"total": "totaal", "emotional": "emotioneel", "social": "sociaal",
           "life_satisfaction": "tevredenheid met het leven", "worthwhile": "zinvol leven",
           "happiness": "gelukkig gisteren", "anxiety": "angstig gisteren",
           "lichaamsfuncties": "lichaamsfuncties", "mentaal_welbevinden": "mentaal welbevinden",
           "zingeving": "zingeving", "kwaliteit_van_leven": "kwaliteit van leven",
           "meedoen": "meedoen", "dagelijks_functioneren": "dagelijks functioneren"},
    "en": {"total": "total", "emotional": "emotional", "social": "social",
           "life_satisfaction": "life satisfaction", "worthwhile": "worthwhile",
           "happiness": "happiness yesterday", "anxiety": "anxiety yesterday",
           "lichaamsfuncties": "bodily functions", "mentaal_welbevinden": "mental wellbeing",
           "zingeving": "meaning", "kwaliteit_van_leven": "quality of life",
           "meedoen": "participation", "dagelijks_functioneren": "daily functioning"},
}  # fmt: skip

#: the range of each (instrument, component), for the reader
RANGE = {"djg11": {"total": "0-11", "emotional": "0-6", "social": "0-5"},
         "djg6": {"total": "0-6", "emotional": "0-3", "social": "0-3"},
         "ucla3": {"total": "3-9"}}  # fmt: skip


def format_day(day: dt.date | None, language: str) -> str:
    if day is None:
        return "-"
    months = _MONTHS["en" if language == "en" else "nl"]
    return f"{day.day} {months[day.month - 1]} {day.year}"


def measure_label(instrument: str, component: str, language: str) -> str:
    lang = "en" if language == "en" else "nl"
    span = RANGE.get(instrument, {}).get(component, "0-10")
    return f"{INSTRUMENT[lang][instrument]}: {COMPONENT[lang].get(component, component)} ({span})"
