"""The whole shipped PC4 table: every centroid near its numeric neighbours, or documented.

Dutch postcodes are handed out by area, so a PC4's centroid lies near the codes just before
and after it (sharing its first two digits). scripts/build_pc4_table.py drops or moves the
stray GeoNames rows that broke this (1234 at Lemiers, 5217 under 's-Gravenhage, 1954 at
Tiel, 3062 in the sea off Zeeland); what is left far from its neighbours is listed here
with the reason.
"""

from __future__ import annotations

import numpy as np
import pytest

from wor_match._errors import UnknownPostcodeError
from wor_match.geo.distance import haversine_km
from wor_match.geo.postcodes import load_pc4_table, resolve_postcode

#: PC4s more than 20 km from each of their numeric neighbours, for real
FAR_FOR_REAL = {
    "8899": "Vlieland: an island, its neighbours are on Terschelling and the mainland",
    "9166": "Schiermonnikoog: an island",
}
#: PC4s GeoNames' NL_full does not list and whose neighbours within 10 km disagree on
#: the gemeente: no gemeente rather than a guess (coverage rules then cannot include them)
NO_GEMEENTE = {"2236", "4857", "6060", "7379", "8323"}


def _nearest_neighbour_km() -> dict[str, float]:
    frame = load_pc4_table().frame
    codes = frame["pc4"].tolist()
    lat, lon = frame["lat"].to_numpy(), frame["lon"].to_numpy()
    nearest = {}
    for i, code in enumerate(codes):
        around = [j for j in range(max(0, i - 3), min(len(codes), i + 4))
                  if j != i and codes[j][:2] == code[:2]]  # fmt: skip
        if around:
            nearest[code] = float(np.min(haversine_km(lat[i], lon[i], lat[around], lon[around])))
    return nearest


def test_every_centroid_is_near_its_numeric_neighbours() -> None:
    far = {code: km for code, km in _nearest_neighbour_km().items() if km > 20.0}
    assert set(far) == set(FAR_FOR_REAL), far


def test_table_is_dutch_and_unique() -> None:
    frame = load_pc4_table().frame
    assert frame["pc4"].is_unique
    assert len(frame) > 4000
    assert frame["lat"].between(50.7, 53.6).all()
    assert frame["lon"].between(3.3, 7.3).all()


def test_gemeente_known_except_documented() -> None:
    frame = load_pc4_table().frame
    missing = set(frame.loc[frame["gemeente"].isna() | (frame["gemeente"] == ""), "pc4"])
    assert missing == NO_GEMEENTE


@pytest.mark.parametrize("code", ["1234", "1954", "5217", "5442", "7146"])
def test_stray_rows_are_gone(code: str) -> None:
    with pytest.raises(UnknownPostcodeError, match="not in the offline PC4 table"):
        resolve_postcode(code)


def test_rotterdam_3062_is_in_rotterdam() -> None:
    lat, lon = resolve_postcode("3062")
    # Rotterdam Kralingen, next to 3061 and 3063; it was put 39 km away off Zeeland
    assert haversine_km(lat, lon, 51.92, 4.52) < 3.0
