"""The Excel workbook: one formatted sheet per table and an ``about`` sheet, deterministic bytes, exact values.

Written with XlsxWriter (fast: it formats each row of XML directly instead of building a cell object per
value); read back with openpyxl (:func:`.workbook_read.read_workbook`). Fixed document properties (author
``dalian-reports``, created and modified at a fixed timestamp, default 2000-01-01), and every zip member
dated 1980-01-01 00:00:00, with fixed attributes and deflate level 6 (XlsxWriter's zip kept when it is
already so, rebuilt otherwise), so the bytes do not depend on the platform. Values round-trip exactly:
floats are stored as their shortest repr (XlsxWriter alone writes ``%.16G``, which changes some doubles);
text is always a text cell, and text that a spreadsheet would run as a formula also gets Excel's quote
prefix. :mod:`.export` re-exports the writer and reader.
"""
from __future__ import annotations

import datetime as _dt
import io
import math
import os
import re
import unicodedata
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

from .._atomic import atomic_write_bytes

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

ABOUT_SHEET = "about"
FIXED_TIMESTAMP = _dt.datetime(2000, 1, 1)
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)

_HEADER_FILL = "#DDE6F0"
_MAX_WIDTH = 60
_MIN_WIDTH = 6
_MAX_CELL_UNITS = 32767  # Excel's limit, in UTF-16 code units; XlsxWriter would silently truncate
_MAX_EXACT_INT = 2 ** 53  # Excel stores numbers as doubles
_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
#: Characters XML 1.0 cannot hold (tab, line feed and carriage return can); XlsxWriter would write them as
#: ``_xHHHH_`` escapes that other readers show literally, so they are refused.
_ILLEGAL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: XlsxWriter writes a carriage return in text as ``_x000D_`` (``_x005F_x000D_`` for those literal
#: characters), which Excel reads back but openpyxl and pandas do not; a character reference reads back
#: as CR everywhere (a bare CR byte would be read as LF: XML end-of-line normalisation).
_CR_ESCAPE = re.compile(rb"(?<!_x005F)_x000D_")
_FORBIDDEN_SHEET_CHARS = set('[]:*?/\\')
_DICT_HEADER = ["sheet", "column", "header", "unit", "type", "pandas dtype", "description", "说明"]
_DICT_TITLE = "Columns 列说明"
_KIND_WORDS = {"integer": "integer 整数", "float": "number 数值", "boolean": "true/false 是否",
               "date": "date 日期", "datetime": "date and time 日期时间", "text": "text 文本"}
_KIND_FORMATS = {"integer": "0", "date": "yyyy-mm-dd", "datetime": "yyyy-mm-dd hh:mm:ss"}
#: Width a date or datetime cell is shown in.
_DATE_WIDTH = {"date": len("0000-00-00"), "datetime": len("0000-00-00 00:00:00")}


@lru_cache(maxsize=65536)
def _display_width(text: str) -> int:
    """Width in Excel character units; wide (CJK) characters count double."""
    if text.isascii():
        return max(map(len, text.split("\n")))
    return max((sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
                for line in text.split("\n")), default=0)


def _kind(series) -> str:
    """Cell kind of a column: integer, float, boolean, date, datetime or text."""
    import pandas as pd
    from pandas.api import types as t

    dtype = series.dtype
    if t.is_bool_dtype(dtype):
        return "boolean"
    if t.is_integer_dtype(dtype):
        return "integer"
    if t.is_float_dtype(dtype):
        return "float"
    if isinstance(dtype, pd.DatetimeTZDtype):
        raise ValueError(f"column {series.name!r} is timezone-aware; Excel has no time zones "
                         "(convert with .dt.tz_convert(None) first)")
    if t.is_datetime64_any_dtype(dtype):
        values = series.dropna()
        return "date" if (values == values.dt.normalize()).all() else "datetime"
    values = series.dropna()
    if len(values) and all(isinstance(v, _dt.date) and not isinstance(v, _dt.datetime) for v in values):
        return "date"
    return "text"


def _float_format(values) -> str:
    """Number format with as many decimals as the column needs (at least 1).

    Columns needing more than 6 decimals or an exponent get "General", so a
    tiny value is not shown as 0.000000.  Stored values are always exact.
    """
    decimals = 1
    for value in values:
        text = repr(float(value))
        if "e" in text or "E" in text:
            return "General"
        decimals = max(decimals, len(text.partition(".")[2].rstrip("0")))
    return "General" if decimals > 6 else "0." + "0" * decimals


def _exact_worksheet_class():
    """A worksheet that stores every number as its shortest round-trip repr.

    XlsxWriter formats numbers with ``"%.16G"``, which changes some doubles
    (0.1 + 0.2 would be read back as 0.3) and drops the sign of -0.0; ``repr``
    gives the shortest text that reads back as the same double.  Tests pin this down.
    """
    from xlsxwriter.worksheet import Worksheet

    class ExactWorksheet(Worksheet):
        def _xml_number_element(self, number, attributes=()):
            # a number cell's attributes are its reference ("B7") and style index: nothing to escape
            attr = "".join([f' {key}="{value}"' for key, value in attributes])
            text = float.__repr__(number) if isinstance(number, float) else str(number)
            self.fh.write(f"<c{attr}><v>{text}</v></c>")

    return ExactWorksheet


class _Formats:
    """The workbook's cell formats, each made once (XlsxWriter wants one Format object per distinct style)."""

    def __init__(self, workbook):
        self.workbook = workbook
        self._made: dict[tuple, object] = {}

    def __call__(self, **properties):
        key = tuple(sorted(properties.items()))
        if key not in self._made:
            self._made[key] = self.workbook.add_format(properties) if properties else None
        return self._made[key]


def _checked_text(value: str, where: str) -> str:
    """*value* if Excel can hold it as text exactly; a ValueError naming the cell otherwise."""
    if len(value) > _MAX_CELL_UNITS // 2:
        units = len(value.encode("utf-16-le")) // 2
        if units > _MAX_CELL_UNITS:
            raise ValueError(f"{where}: text of {units} UTF-16 units ({len(value)} characters) "
                             f"exceeds Excel's limit of {_MAX_CELL_UNITS}")
    if _ILLEGAL_CHARACTERS.search(value):
        raise ValueError(f"{where}: text contains a control character Excel cannot store: {value[:80]!r}")
    return value


def _checked_number(value, where: str):
    """*value* as a Python int or float Excel stores exactly; a ValueError naming the cell otherwise."""
    if isinstance(value, float) or not isinstance(value, int):
        value = float(value)
        if not math.isfinite(value):
            raise ValueError(f"{where}: Excel cannot store {value!r}")
        return value
    value = int(value)
    if abs(value) > _MAX_EXACT_INT:
        raise ValueError(f"{where}: integer {value} is too large for Excel to store exactly")
    return value


def _is_missing(value) -> bool:
    import pandas as pd

    return value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value))


def _write_cell(ws, row: int, col: int, value, kind: str, formats: _Formats, number_format: str | None,
                where: str, style: Mapping | None = None) -> None:
    """Write one value of a column of *kind* (text in *style*, a dict of XlsxWriter format properties); a
    missing value is no cell at all."""
    if _is_missing(value):
        return
    if isinstance(value, str):
        quoted = value.startswith(_FORMULA_TRIGGERS)  # Excel keeps it text even when the cell is edited
        look = dict(style or {}, **({"quote_prefix": True} if quoted else {}))
        ws.write_string(row, col, _checked_text(value, where), formats(**look))
        return
    if hasattr(value, "item") and not isinstance(value, (_dt.date, _dt.datetime)):  # numpy scalar
        value = value.item()
    if isinstance(value, bool) or kind == "boolean":
        ws.write_boolean(row, col, bool(value))
        return
    if isinstance(value, (_dt.date, _dt.datetime)) or kind in ("date", "datetime"):
        if hasattr(value, "to_pydatetime"):
            value = value.to_pydatetime()
        as_date = kind == "date" or (kind == "text" and not isinstance(value, _dt.datetime))
        if as_date and isinstance(value, _dt.datetime):
            value = value.date()
        day_kind = "date" if as_date else "datetime"
        ws.write_datetime(row, col, value, formats(num_format=_KIND_FORMATS[day_kind]))
        return
    number = _checked_number(int(value) if kind == "integer" else value, where)
    ws.write_number(row, col, number, formats(num_format=number_format) if number_format else None)


def _header_text(column: str, unit: str | None) -> str:
    return f"{column} ({unit})" if unit else column


def _check_sheet_name(name) -> None:
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"sheet name must be a non-empty string, not {name!r}")
    if len(name) > 31:
        raise ValueError(f"sheet name {name!r} is longer than Excel's 31 characters")
    bad = sorted(set(name) & _FORBIDDEN_SHEET_CHARS)
    if bad or name.startswith("'") or name.endswith("'") or name.casefold() == "history":
        raise ValueError(f"sheet name {name!r} is not allowed in Excel"
                         + (f" (contains {''.join(bad)})" if bad else ""))


def _check_columns(df, name: str, units: Mapping[str, str]) -> list[str]:
    columns = list(df.columns)
    for column in columns:
        if not isinstance(column, str):
            raise TypeError(f"sheet {name!r}: column names must be strings, not {column!r}")
    if len(set(columns)) != len(columns):
        raise ValueError(f"sheet {name!r}: duplicate column names")
    unknown = set(units) - set(columns)
    if unknown:
        raise ValueError(f"units for sheet {name!r} name unknown columns {sorted(unknown)}")
    return columns


def _column_width(series, kind: str, number_format: str | None, header: str) -> int:
    """Width of the longest shown value of a column, or of its header."""
    values = series.dropna()
    width = _display_width(header)
    if not len(values):
        return width
    if kind in _DATE_WIDTH:
        return max(width, _DATE_WIDTH[kind])
    if kind == "float" and number_format != "General":
        # the longest fixed-point text is that of the largest or of the most negative value
        decimals = len(number_format) - 2
        return max(width, *(len(f"{float(v):.{decimals}f}") for v in (values.max(), values.min())))
    if kind in ("integer", "float", "boolean"):
        return max(width, max(len(str(v)) for v in values.unique().tolist()))
    return max(width, max(_display_width(v if isinstance(v, str) else str(v)) for v in values.unique().tolist()))


def _write_numbers(ws, col: int, series, kind: str, fmt, where) -> None:
    """Write a boolean, integer or float column (missing values stay empty cells); a ValueError naming the
    first cell Excel cannot store exactly (inf, an integer beyond 2**53)."""
    import numpy as np

    rows = np.flatnonzero(series.notna().to_numpy())
    values = series.iloc[rows].tolist()          # Python bools, ints and floats
    if kind == "boolean":
        write, values = ws.write_boolean, [bool(v) for v in values]
    else:
        write = ws.write_number
        if kind == "float":
            bad = np.flatnonzero(~np.isfinite(np.asarray(values, dtype=float)))
        else:
            values = [int(v) for v in values]
            bad = [k for k, v in enumerate(values) if abs(v) > _MAX_EXACT_INT][:1]
        if len(bad):
            _checked_number(values[bad[0]], where(int(rows[bad[0]])))
    for row, value in zip((rows + 1).tolist(), values):
        write(row, col, value, fmt)


def _plain_text(value) -> bool:
    """True for a str Excel holds as it is: not too long, no control character it cannot store."""
    return value.__class__ is str and len(value) <= _MAX_CELL_UNITS // 2 and not _ILLEGAL_CHARACTERS.search(value)


def _plain_texts(values: list) -> bool:
    """:func:`_plain_text` for every value, checked for the whole column at once."""
    return (all(value.__class__ is str for value in values) and max(map(len, values), default=0) <= _MAX_CELL_UNITS // 2
            and not _ILLEGAL_CHARACTERS.search("\n".join(values)))


def _write_texts(ws, col: int, series, formats: _Formats, where) -> None:
    """Write a text column: the common case (a str Excel can hold) inline, anything else through
    :func:`_write_cell`."""
    write, quoted = ws.write_string, formats(quote_prefix=True)
    values = series.tolist()
    present = series.notna().tolist()
    all_plain = _plain_texts([value for value, here in zip(values, present) if here])
    for i, (value, here) in enumerate(zip(values, present)):
        if not here:
            continue   # missing: no cell
        if all_plain or _plain_text(value):
            write(i + 1, col, value, quoted if value.startswith(_FORMULA_TRIGGERS) else None)
        else:
            _write_cell(ws, i + 1, col, value, "text", formats, None, where(i))


def _write_table(ws, df, name: str, units: Mapping[str, str], formats: _Formats) -> list[dict]:
    """Write *df* as a formatted table on *ws*; return its column dictionary rows."""
    from xlsxwriter.utility import xl_col_to_name

    columns = _check_columns(df, name, units)
    header = {"bold": True, "pattern": 1, "fg_color": _HEADER_FILL, "valign": "top"}
    described = []
    for j, column in enumerate(columns):
        text = _header_text(column, units.get(column))
        _write_cell(ws, 0, j, text, "text", formats, None, f"sheet {name!r} header", header)
        series = df[column]
        kind = _kind(series)
        number_format = _float_format(series.dropna()) if kind == "float" else _KIND_FORMATS.get(kind)
        letter = xl_col_to_name(j)

        def where(i: int) -> str:
            return f"sheet {name!r} {letter}{i + 2} ({column})"

        if kind in ("boolean", "integer", "float"):
            _write_numbers(ws, j, series, kind, formats(num_format=number_format) if number_format else None,
                           where)
        elif kind == "text":
            _write_texts(ws, j, series, formats, where)
        else:
            for i, value in enumerate(series.tolist()):
                _write_cell(ws, i + 1, j, value, kind, formats, number_format, where(i))
        width = _column_width(series, kind, number_format, text)
        ws.set_column(j, j, max(_MIN_WIDTH, min(_MAX_WIDTH, width + 2)))
        described.append({"sheet": name, "column": column, "header": text, "unit": units.get(column, ""),
                          "type": _KIND_WORDS[kind], "pandas dtype": str(series.dtype)})
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, len(df), max(len(columns), 1) - 1)
    return described


def _write_about(ws, tables, sheet_notes, about, column_rows, formats: _Formats) -> None:
    bold, wrap = {"bold": True}, {"text_wrap": True, "valign": "top"}
    row = 0

    def put(col: int, value, style: Mapping | None = None) -> None:
        if isinstance(value, str) and not value:
            return  # nothing to say: an empty cell (data sheets keep "" apart from missing; this one need not)
        if style is None and isinstance(value, str) and len(value) > 40:
            style = wrap
        _write_cell(ws, row, col, value, "text", formats, None, f"sheet {ABOUT_SHEET!r} row {row + 1}", style)

    put(0, "dalian-reports workbook 大连政府工作报告数据", {"bold": True, "font_size": 14})
    row += 1
    put(0, "Each sheet is one tidy table: one row per observation, one column per variable. Text from the "
           "sources is stored as text, never as formulas. 每个工作表是一张整洁表：每行一个观测，每列一个变量。")
    row += 2

    def section(title: str, header: list[str], rows: list[list]) -> None:
        nonlocal row
        put(0, title, {"bold": True, "font_size": 12})
        row += 1
        for j, h in enumerate(header):
            put(j, h, bold)
        row += 1
        for values in rows:
            for j, value in enumerate(values):
                put(j, value)
            row += 1
        row += 1

    section("Sheets 工作表", ["sheet", "rows", "columns", "note"],
            [[name, len(df), len(df.columns), sheet_notes.get(name, "")] for name, df in tables.items()])
    if about is not None:
        section("Sources 来源", [str(c) for c in about.columns],
                [list(rec) for rec in about.itertuples(index=False, name=None)])
    section(_DICT_TITLE, _DICT_HEADER, [[r.get(k, "") for k in _DICT_HEADER] for r in column_rows])
    for col, width in enumerate((24, 24, 28, 12, 18, 14, 60, 50)):
        ws.set_column(col, col, width)


#: How every member of the workbook's zip is stored: dated 1980-01-01 00:00:00 (as XlsxWriter dates them in
#: memory), made on Unix with mode rw------- (what zipfile gives a member written without attributes), deflated.
_MEMBER_FORM = {"date_time": _ZIP_DATE, "create_system": 3, "external_attr": 0o600 << 16,
                "compress_type": zipfile.ZIP_DEFLATED}
_SHARED_STRINGS = "xl/sharedStrings.xml"


def _in_fixed_form(archive: zipfile.ZipFile) -> bool:
    """Whether every member of *archive* is stored as :data:`_MEMBER_FORM` says and its shared strings hold
    no carriage return escape to rewrite."""
    if any(getattr(info, key) != value for info in archive.infolist() for key, value in _MEMBER_FORM.items()):
        return False
    names = archive.namelist()
    return _SHARED_STRINGS not in names or not _CR_ESCAPE.search(archive.read(_SHARED_STRINGS))


def _deterministic_zip(data: bytes) -> bytes:
    """The xlsx zip with every member in :data:`_MEMBER_FORM`, deflated at level 6, and carriage returns in
    the shared strings as character references.

    XlsxWriter's zip is kept as it is when it already has that form (its members dated 1980-01-01 in
    memory, deflated at zlib's default level, 6; made on Unix), which is the usual case: rebuilding it
    would inflate and deflate 10 MB of XML for the same bytes. Otherwise (made on Windows, or a carriage
    return in some text) it is rebuilt member by member, to the same bytes it would have had.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        if _in_fixed_form(src):
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as dst:
            for info in src.infolist():
                member = zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE)
                for key, value in _MEMBER_FORM.items():
                    setattr(member, key, value)
                content = src.read(info.filename)
                if info.filename == _SHARED_STRINGS:
                    content = _CR_ESCAPE.sub(b"&#13;", content)
                dst.writestr(member, content, compresslevel=6)
    return out.getvalue()


def workbook_bytes(sheets: Mapping[str, "pd.DataFrame"], *, sheet_notes: Mapping[str, str] | None = None,
                   about: "pd.DataFrame | None" = None,
                   column_docs: Mapping[str, Mapping[str, str]] | None = None,
                   units: Mapping[str, Mapping[str, str]] | None = None,
                   timestamp: _dt.datetime = FIXED_TIMESTAMP) -> bytes:
    """The workbook :func:`write_workbook` writes, as bytes (see there)."""
    sheet_notes, column_docs, units = dict(sheet_notes or {}), dict(column_docs or {}), dict(units or {})
    if not sheets:
        raise ValueError("write_workbook needs at least one sheet")
    folded: set[str] = set()
    for name in sheets:
        _check_sheet_name(name)
        if name.casefold() == ABOUT_SHEET or name.casefold() in folded:
            raise ValueError(f"sheet name {name!r} is reserved or used twice (Excel ignores case)")
        folded.add(name.casefold())
    for what, mapping in (("sheet_notes", sheet_notes), ("column_docs", column_docs), ("units", units)):
        unknown = set(mapping) - set(sheets)
        if unknown:
            raise ValueError(f"{what} names unknown sheets {sorted(unknown)}")
    for name, docs in column_docs.items():
        unknown = set(docs) - set(sheets[name].columns)
        if unknown:
            raise ValueError(f"column_docs for sheet {name!r} name unknown columns {sorted(unknown)}")

    from .forked import collection_paused

    with collection_paused():   # the cell records all live until the workbook is closed
        return _deterministic_zip(_xlsx_bytes(sheets, sheet_notes, about, column_docs, units, timestamp))


def _xlsx_bytes(sheets, sheet_notes, about, column_docs, units, timestamp) -> bytes:
    """The xlsx file XlsxWriter writes for :func:`workbook_bytes` (its arguments checked)."""
    from xlsxwriter import Workbook

    buffer = io.BytesIO()
    # in_memory: no temporary files, and every zip member dated 1980-01-01
    wb = Workbook(buffer, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                           "strings_to_urls": False})
    worksheet = _exact_worksheet_class()
    formats = _Formats(wb)
    about_ws = wb.add_worksheet(ABOUT_SHEET, worksheet_class=worksheet)
    column_rows: list[dict] = []
    try:
        for name, df in sheets.items():
            rows = _write_table(wb.add_worksheet(name, worksheet_class=worksheet), df, name, units.get(name, {}),
                                formats)
            for r in rows:
                doc = column_docs.get(name, {}).get(r["column"], "")
                r["description"], r["说明"] = (doc, "") if isinstance(doc, str) else doc
            column_rows.extend(rows)
        _write_about(about_ws, sheets, sheet_notes, about, column_rows, formats)
        wb.set_properties({"title": "dalian-reports tables", "author": "dalian-reports", "created": timestamp})
    finally:
        wb.close()
    return buffer.getvalue()


def write_workbook(path: str | os.PathLike, sheets: Mapping[str, "pd.DataFrame"], *,
                   sheet_notes: Mapping[str, str] | None = None, about: "pd.DataFrame | None" = None,
                   column_docs: Mapping[str, Mapping[str, str]] | None = None,
                   units: Mapping[str, Mapping[str, str]] | None = None,
                   timestamp: _dt.datetime = FIXED_TIMESTAMP) -> Path:
    """Write an Excel workbook with one formatted sheet per table, atomically.

    * ``sheets``: sheet name -> DataFrame (string column names, Excel-legal
      sheet names; "about" is reserved).
    * Each sheet: bold filled header row, frozen (``A2``), autofilter, widths
      from the longest shown value (CJK counts double, capped at 60), header
      text ``"column (unit)"`` where ``units[sheet][column]`` is given, number
      formats for integer/float columns, real dates for datetime columns.
    * Every string - data, headers, notes - is a string cell, never a formula
      or error value; strings starting with ``= + - @``, tab or CR also get
      Excel's quote prefix.
    * First sheet "about": the sheet list with ``sheet_notes``, the ``about``
      table of sources, and a column dictionary (header, unit, type, pandas
      dtype, ``column_docs`` description) that :func:`read_workbook` uses to
      restore names and types.
    * Deterministic: fixed properties (``timestamp``, default 2000-01-01) and
      zip member dates.  Missing values are empty cells; an empty string is an
      empty text cell, which :func:`read_workbook` reads back as "".  Raises ValueError for what Excel cannot hold exactly
      (inf/NaN is fine - it is missing - but inf is not; integers beyond 2**53;
      text over 32,767 characters; control characters; tz-aware datetimes).
    """
    data = workbook_bytes(sheets, sheet_notes=sheet_notes, about=about, column_docs=column_docs,
                          units=units, timestamp=timestamp)
    return atomic_write_bytes(path, data)
