"""Open Referral HSDS in and out: 3.0 and 1.x data packages, 3.0 JSON, 3.0 export.

:func:`read_hsds` makes one activity per service at location (a service without a
location makes one activity) and reports every one of them; :func:`write_hsds` writes
activities as an HSDS 3.0 tabular data package plus ``service_full`` JSON. The field
mapping is documented in ``docs/io.md``.

The package has three parts: ``_tables`` (the HSDS table layout, wor_match's attribute
names, and joining tabular packages into ``service_full`` objects), ``_read`` (every
source form to activities) and ``_write`` (activities to a 3.0 package).

HSDS is published by Open Referral (https://openreferral.org), specification licence
CC BY-SA 4.0.
"""

from wor_match.io.hsds._read import read_hsds, services_to_result
from wor_match.io.hsds._tables import TABLE_COLUMNS, TABLE_SCHEMAS, WOR_MATCH_TAXONOMY
from wor_match.io.hsds._write import NAMESPACE, write_hsds

__all__ = [
    "NAMESPACE",
    "TABLE_COLUMNS",
    "TABLE_SCHEMAS",
    "WOR_MATCH_TAXONOMY",
    "read_hsds",
    "services_to_result",
    "write_hsds",
]
