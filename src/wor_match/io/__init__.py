"""Catalogues in and out: Open Referral HSDS (3.0 and 1.x) and sociale-kaart spreadsheets.

Importers return plain activity records plus a report (:class:`ImportResult`) in which
every source row is accepted or rejected with its reason; hand the records to
``Catalogue.from_records``. Nothing here needs the network.

>>> from wor_match.io import read_hsds, read_sheet, write_hsds  # doctest: +SKIP
"""

from wor_match.io._report import ImportResult
from wor_match.io._times import day_parts, parse_when_text
from wor_match.io.duplicates import find_duplicates, merge_duplicates
from wor_match.io.geocode import CachedGeocoder
from wor_match.io.hsds import read_hsds, write_hsds
from wor_match.io.sheet import read_sheet

__all__ = [
    "CachedGeocoder",
    "ImportResult",
    "day_parts",
    "find_duplicates",
    "merge_duplicates",
    "parse_when_text",
    "read_hsds",
    "read_sheet",
    "write_hsds",
]
