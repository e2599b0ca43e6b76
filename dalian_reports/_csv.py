r"""A checked reader of the project's CSV files (manifest, reference data, vocabulary, key files).

Every defect a person can make while editing a CSV in a spreadsheet is refused with the file and line named,
never read as a silently different table.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
>>> _ = path.write_text("code,name\ngdp,GDP\n", encoding="utf-8")
>>> [(row["code"], row.line) for row in read_csv_rows(path, ["code"])]
[('gdp', 2)]
>>> _ = path.write_text("code,name\ngdp,GDP,extra\n", encoding="utf-8")
>>> read_csv_rows(path, ["code"])
Traceback (most recent call last):
...
dalian_reports.errors.SourceError: t.csv:2: 3 cells, but the header has 2 columns (a comma inside an unquoted cell? put the cell in double quotes)
"""
from __future__ import annotations

import csv
import io
import math
import re
from pathlib import Path

from .errors import SourceError


def _read_file(path: Path, shown: str, line: int | None = None) -> bytes:
    """The bytes of a file, or a :class:`SourceError` naming it (missing, a folder, unreadable)."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise SourceError("file not found", file=shown, line=line) from None
    except IsADirectoryError:
        raise SourceError("is a folder, not a file", file=shown, line=line) from None
    except PermissionError:
        raise SourceError("permission denied (cannot read the file)", file=shown, line=line) from None


class CsvRow(dict):
    """One data row of a CSV file: its cells by column name, and ``file``/``line`` where it starts."""

    def __init__(self, cells: dict, file: str, line: int):
        super().__init__(cells)
        self.file, self.line = file, line

    def error(self, message: str) -> SourceError:
        """A :class:`SourceError` naming this row's file and line."""
        return SourceError(message, file=self.file, line=self.line)

    def number(self, column: str, whole: bool = False) -> float | int:
        """The cell as a number (NaN when blank) or, with ``whole``, an integer; else an error naming the column."""
        cell = (self[column] or "").strip()
        if not cell and not whole:
            return math.nan
        if not re.fullmatch(r"[+-]?\d+" if whole else r"[+-]?(?:\d+\.?\d*|\.\d+)", cell):
            raise self.error(f"column {column!r}: {cell!r} is not a {'whole ' if whole else ''}number "
                             "(write digits and a '.', as 6.5)")
        return int(cell) if whole else float(cell)

    def choice(self, column: str, allowed):
        """The cell checked against ``allowed`` (a list, or a mapping whose value is returned)."""
        cell = (self[column] or "").strip()
        if cell not in allowed:
            raise self.error(f"column {column!r}: {cell!r} is not one of {', '.join(map(repr, allowed))}")
        return allowed[cell] if isinstance(allowed, dict) else cell


def read_csv_rows(path: str | Path, required, *, shown: str | None = None, min_rows: int = 1) -> list[CsvRow]:
    """The rows of a UTF-8 CSV file with a header, each a :class:`CsvRow`; blank lines are skipped.

    Refused, with file and line named: a missing file or a folder, bytes that are not UTF-8 (a byte-order
    mark is fine), a NUL byte, a quote left open, a header without the ``required`` columns or with one
    twice, a row with more or fewer cells than the header, fewer than ``min_rows`` rows.
    """
    path = Path(path)
    shown = shown or path.name
    text = _csv_text(_read_file(path, shown), shown)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records, previous = [], 0
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                records.append((previous + 1, cells))
            previous = reader.line_num
    except csv.Error as exc:
        raise SourceError(f"malformed CSV ({exc}); is a quote (\") left open?", file=shown,
                          line=previous + 1) from None
    if not records:
        raise SourceError("file is empty (no header line)", file=shown)
    header = _header(records[0], required, shown)
    rows = []
    for start, cells in records[1:]:
        if len(cells) != len(header):
            raise SourceError(f"{len(cells)} cells, but the header has {len(header)} columns (a comma inside an "
                              "unquoted cell? put the cell in double quotes)", file=shown, line=start)
        rows.append(CsvRow(dict(zip(header, cells)), shown, start))
    if len(rows) < min_rows:
        raise SourceError("the file has a header but no rows", file=shown, line=records[0][0])
    return rows


def _csv_text(data: bytes, shown: str) -> str:
    if b"\x00" in data:
        raise SourceError("binary content (NUL byte): not a CSV file (UTF-16? save it as 'CSV UTF-8')",
                          file=shown, line=data[: data.index(b"\x00")].count(b"\n") + 1)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(f"not UTF-8 (byte {exc.start}); save the file as UTF-8 (in Excel: 'CSV UTF-8')",
                          file=shown, line=data[: exc.start].count(b"\n") + 1) from None


def _header(record: tuple[int, list[str]], required, shown: str) -> list[str]:
    line, names = record
    header = [name.strip().lstrip("\ufeff") for name in names]
    twice = sorted({n for n in header if header.count(n) > 1})
    if twice:
        raise SourceError(f"column(s) {twice} appear twice in the header", file=shown, line=line)
    missing = [c for c in required if c not in header]
    if missing:
        raise SourceError(f"lacks columns {missing} (the header has {header})", file=shown, line=line)
    return header
