"""Reading CSV files from many hands: encodings, broken rows and stray quotes, row by row.

One bad row must not stop a load, and no row may vanish. :func:`read_csv_records` decodes a
file (UTF-8 with or without BOM, UTF-16 with BOM, else cp1252; anything else is a
:class:`~wor_match.CatalogueError` naming the file and the encoding) and splits it into
records with Python's :mod:`csv` module, keeping the physical line of every record. Then:

- a record with more fields than the header is rejected with its line number (pandas
  failed the whole file: "Expected 25 fields in line 4, saw 26");
- a stray quote that folds several lines into one field (``a2,"Soos,2181`` ...
  ``a4,Yoga",2181`` read as one row named ``'Soos,2181\\na3,Bingo,2181\\na4,Yoga'``) is
  detected, and every line it swallowed is rejected on its own, so the count of rows in is
  the count of the file's physical records. A record that spans lines is a fold when it has
  more fields than the header, when one of its lines after the first holds as many
  delimiters as a whole record (at least one), or when its quote is never closed; a
  description with line breaks is not.

Rows with fewer fields than the header are kept (spreadsheets drop trailing empty cells).
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

from wor_match._errors import CatalogueError

__all__ = [
    "CsvRecords",
    "FoldedLine",
    "decode_csv",
    "read_csv_records",
    "split_csv_records",
    "table_rows",
]

#: encodings tried in this order after the byte-order marks
ENCODINGS = ("utf-8", "cp1252")


def decode_csv(data: bytes, source: str) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read with.

    Raises
    ------
    CatalogueError
        If the bytes are none of UTF-8 (with or without BOM), UTF-16 with BOM and cp1252.
    """
    if data.startswith(codecs.BOM_UTF8):
        candidates: tuple[str, ...] = ("utf-8-sig",)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ("utf-16",)
    else:
        candidates = ENCODINGS
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    tried = " or ".join(candidates)
    raise CatalogueError(
        f"cannot read {source}: it is not {tried} text. Save it as UTF-8 (CSV UTF-8 in Excel)",
        field="encoding",
    )


@dataclass
class CsvRecords:
    """A CSV file split into records: the header, the kept records with their row number
    (the physical record number, 1 = the first line after the header) and line, and the
    rejected rows. ``rows_in == len(records) + len(rejected)``."""

    source: str
    encoding: str
    header: list[str]
    records: list[list[str]] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    #: {"row", "line", "message"} per rejected row
    rejected: list[dict[str, object]] = field(default_factory=list)

    @property
    def rows_in(self) -> int:
        return len(self.records) + len(self.rejected)


def _inner_line_is_a_record(
    text: str, starts: list[int], first: int, last: int, delimiter: str, width: int
) -> bool:
    """Does a line after the first of a multi-line record look like a whole record? A line
    in the middle does when it holds as many delimiters as a record; the last line when it
    does so outside quotes after the cell closes (a real multi-line cell's last line holds
    only the delimiters of the fields after it; a multi-line first cell is left alone)."""
    need = max(1, width - 1)
    begin, end = _span(text, starts, first + 1, last)
    lines = text[begin:end].rstrip("\n").split("\n")
    if any(line.count(delimiter) >= need for line in lines[:-1]):
        return True
    opening, _ = _span(text, starts, first, first)
    if text.startswith('"', opening):
        return False
    inside, outside = True, 0
    for char in lines[-1]:
        if char == '"':
            inside = not inside
        elif char == delimiter and not inside:
            outside += 1
    return outside >= need


def split_csv_records(
    text: str, source: str, encoding: str = "utf-8", *, delimiter: str = ","
) -> CsvRecords:
    """Split CSV text into records (see the module docstring for the rules)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    starts: list[int] = []  # offsets of the line starts, computed when first needed
    last_line = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, quotechar='"', strict=False)
    header: list[str] | None = None
    result = CsvRecords(source=source, encoding=encoding, header=[])
    row = 0
    previous_end = 0
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as error:  # a NUL byte or a field over the size limit
            start = previous_end + 1
            previous_end = reader.line_num
            if header is None:
                raise CatalogueError(
                    f"cannot read {source}: the header line is not CSV ({error})", field="header"
                ) from None
            row += 1
            message = f"line {start}: not readable as CSV ({error})"
            result.rejected.append({"row": row, "line": start, "message": message})
            continue
        # an unclosed quote at the end makes the reader count one line past the last
        start, end = previous_end + 1, min(reader.line_num, max(last_line, 1))
        previous_end = end
        if header is None:
            if not any(cell.strip() for cell in fields):
                continue  # blank lines before the header
            header = [cell.strip() for cell in fields]
            result.header = header
            continue
        width = len(header)
        if end > start and (
            len(fields) > width
            or _inner_line_is_a_record(text, starts, start, end, delimiter, width)
            or text.count('"', *_span(text, starts, start, end)) % 2 == 1
        ):
            # a stray quote swallowed the lines start..end: each was meant as a row
            for line in range(start, end + 1):
                row += 1
                result.rejected.append(
                    {"row": row, "line": line,
                     "message": f"line {line}: a stray quote (opened in line {start}) folds "
                                f"lines {start}-{end} into one row; check the quotes"}
                )  # fmt: skip
            continue
        if not any(cell.strip() for cell in fields):
            continue  # a blank line is no record
        row += 1
        if len(fields) > width:
            result.rejected.append(
                {"row": row, "line": start,
                 "message": f"line {start}: {len(fields)} fields where the header has {width}"}
            )  # fmt: skip
            continue
        result.records.append(fields + [""] * (width - len(fields)))
        result.rows.append(row)
        result.lines.append(start)
    if header is None:
        raise CatalogueError(f"{source} is empty: a catalogue CSV needs a header line",
                             field="header")  # fmt: skip
    return result


def _span(text: str, starts: list[int], first: int, last: int) -> tuple[int, int]:
    """Character offsets from the start of line ``first`` to the end of line ``last``."""
    if not starts:
        starts.append(0)
        starts.extend(i + 1 for i, char in enumerate(text) if char == "\n")
    begin = starts[first - 1] if first - 1 < len(starts) else len(text)
    end = starts[last] if last < len(starts) else len(text)
    return begin, end


def read_csv_records(path: str | PathLike[str], *, delimiter: str = ",") -> CsvRecords:
    """Decode and split a CSV file (see :func:`decode_csv` and :func:`split_csv_records`)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError:
        raise CatalogueError(f"cannot read the catalogue file {path}", field="path") from None
    text, encoding = decode_csv(data, str(path))
    return split_csv_records(text, str(path), encoding, delimiter=delimiter)


@dataclass(frozen=True)
class FoldedLine:
    """A physical line that a stray quote folded into another row (see the module rules)."""

    line: int
    message: str


def table_rows(text: str, delimiter: str) -> list[list[str] | FoldedLine]:
    """The rows of a spreadsheet-like CSV text whose header line is not known yet (title
    lines may sit above it): one list of cells per record, blank ones included, and for a
    fold one :class:`FoldedLine` per line it swallowed. The record width used to tell a
    fold is the most common width of the single-line records."""
    from collections import Counter

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    starts: list[int] = []
    last_line = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, quotechar='"', strict=False)
    spans: list[tuple[int, int, list[str] | str]] = []  # fields, or the csv error
    previous_end = 0
    while True:
        try:
            fields: list[str] | str = next(reader)
        except StopIteration:
            break
        except csv.Error as error:  # a NUL byte or a field over the size limit
            fields = str(error)
        start, end = previous_end + 1, min(reader.line_num, max(last_line, 1))
        previous_end = end
        spans.append((start, end, fields))
    widths = Counter(len(f) for a, b, f in spans if isinstance(f, list) and a == b and len(f) > 1)
    width = widths.most_common(1)[0][0] if widths else 1
    rows: list[list[str] | FoldedLine] = []
    for start, end, fields in spans:
        if isinstance(fields, str):
            rows.append(FoldedLine(start, f"line {start}: not readable as CSV ({fields})"))
        elif end > start and (
            len(fields) > width
            or _inner_line_is_a_record(text, starts, start, end, delimiter, width)
            or text.count('"', *_span(text, starts, start, end)) % 2 == 1
        ):
            rows += [
                FoldedLine(line, f"line {line}: a stray quote (opened in line {start}) folds "
                                 f"lines {start}-{end} into one row; check the quotes")
                for line in range(start, end + 1)
            ]  # fmt: skip
        else:
            rows.append(fields)
    return rows
