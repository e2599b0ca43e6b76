"""The Excel workbook: one formatted sheet per table and an ``about`` sheet, deterministic bytes, exact values.

Fixed document properties (creator ``dalian-reports``, created and modified at a fixed timestamp, default
2000-01-01; openpyxl's ``save`` would stamp "modified" with the current time, so its ``ExcelWriter`` is used
directly), and the zip is rebuilt with every member dated 1980-01-01 00:00:00, fixed attributes and deflate
level 6. Values round-trip exactly: floats are stored as their shortest repr (openpyxl alone writes ``%.16g``),
carriage returns in text as ``&#13;``; text that a spreadsheet would run as a formula is stored as text.
:mod:`.export` re-exports the writer and reader.
"""
from __future__ import annotations

import datetime as _dt
import io
import math
import os
import unicodedata
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

from .._atomic import atomic_write_bytes

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

ABOUT_SHEET = "about"
FIXED_TIMESTAMP = _dt.datetime(2000, 1, 1)
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


_HEADER_FILL = "DDE6F0"
_MAX_WIDTH = 60
_MIN_WIDTH = 6
_MAX_CELL_CHARS = 32767  # Excel's limit; openpyxl would silently truncate
_MAX_EXACT_INT = 2 ** 53  # Excel stores numbers as doubles
_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_FORBIDDEN_SHEET_CHARS = set('[]:*?/\\')
_DICT_HEADER = ["sheet", "column", "header", "unit", "type", "pandas dtype", "description", "说明"]
_DICT_TITLE = "Columns 列说明"


def _display_width(text: str) -> int:
    """Width in Excel character units; wide (CJK) characters count double."""
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


_KIND_WORDS = {"integer": "integer 整数", "float": "number 数值", "boolean": "true/false 是否",
               "date": "date 日期", "datetime": "date and time 日期时间", "text": "text 文本"}


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


def _cell_value(value, kind: str, where: str):
    """Python value openpyxl should store for *value*, or None for missing."""
    import pandas as pd

    if value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value)):
        return None
    if kind == "boolean":
        return bool(value)
    if kind == "integer":
        value = int(value)
        if abs(value) > _MAX_EXACT_INT:
            raise ValueError(f"{where}: integer {value} is too large for Excel to store exactly")
        return value
    if kind == "float":
        value = float(value)
        if not math.isfinite(value):
            raise ValueError(f"{where}: Excel cannot store {value!r}")
        return value
    if kind == "date":
        return value.date() if isinstance(value, _dt.datetime) else value
    if kind == "datetime":
        return value.to_pydatetime() if isinstance(value, pd.Timestamp) else value
    # text column: keep numbers and booleans of mixed object columns as they are
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return bool(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalar
        return value.item()
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value
    return str(value)


def _put(ws, row: int, column: int, value, where: str = ""):
    """Write *value*; strings always become string cells, never formulas."""
    from openpyxl.utils.exceptions import IllegalCharacterError

    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        if len(value) > _MAX_CELL_CHARS:
            raise ValueError(f"{where or cell.coordinate}: text of {len(value)} characters "
                             f"exceeds Excel's limit of {_MAX_CELL_CHARS}")
        try:
            cell.value = value
        except IllegalCharacterError:
            raise ValueError(f"{where or cell.coordinate}: text contains a control character "
                             f"Excel cannot store: {value[:80]!r}") from None
        cell.data_type = "s"  # "=..." would otherwise become a formula, "#N/A" an error
        if value.startswith(_FORMULA_TRIGGERS):
            cell.quotePrefix = True  # Excel keeps it text even when the cell is edited
    else:
        cell.value = value
    return cell


def _exact_float(cell) -> None:
    """Make openpyxl write the float's shortest round-trip repr.

    openpyxl formats numbers with ``"%.16g"``, which changes some doubles
    (0.1 + 0.2 is written as 0.3) and drops the sign of -0.0.  Its writer
    passes a str value of a numeric cell through unchanged, so the repr is
    stored in the cell's value slot; the cell stays numeric (``t="n"``) and
    Excel and openpyxl read the exact double back.  Tests pin this down.
    """
    value = cell.value
    cell._value = repr(value)
    cell.data_type = "n"


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


def _style_header(ws, ncols: int) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    bold = Font(bold=True)
    fill = PatternFill(fill_type="solid", start_color=_HEADER_FILL, end_color=_HEADER_FILL)
    align = Alignment(vertical="top", wrap_text=False)
    for column in range(1, ncols + 1):
        cell = ws.cell(row=1, column=column)
        cell.font, cell.fill, cell.alignment = bold, fill, align


def _set_widths(ws, widths: list[int]) -> None:
    from openpyxl.utils import get_column_letter

    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = max(_MIN_WIDTH, min(_MAX_WIDTH, width + 2))


def _write_table(ws, df, name: str, units: Mapping[str, str]) -> list[dict]:
    """Write *df* as a formatted table on *ws*; return its column dictionary rows."""
    from openpyxl.utils import get_column_letter

    columns = list(df.columns)
    for column in columns:
        if not isinstance(column, str):
            raise TypeError(f"sheet {name!r}: column names must be strings, not {column!r}")
    if len(set(columns)) != len(columns):
        raise ValueError(f"sheet {name!r}: duplicate column names")
    unknown = set(units) - set(columns)
    if unknown:
        raise ValueError(f"units for sheet {name!r} name unknown columns {sorted(unknown)}")

    headers = [_header_text(c, units.get(c)) for c in columns]
    widths = [_display_width(h) for h in headers]
    for j, header in enumerate(headers, start=1):
        _put(ws, 1, j, header, f"sheet {name!r} header")
    _style_header(ws, len(columns))

    described = []
    for j, column in enumerate(columns, start=1):
        series = df[column]
        kind = _kind(series)
        number_format = (_float_format(series.dropna()) if kind == "float" else
                         {"integer": "0", "date": "yyyy-mm-dd", "datetime": "yyyy-mm-dd hh:mm:ss"}.get(kind))
        for i, value in enumerate(series.tolist(), start=2):
            where = f"sheet {name!r} {get_column_letter(j)}{i} ({column})"
            cell = _put(ws, i, j, _cell_value(value, kind, where), where)
            if cell.value is None:
                continue
            if number_format and not isinstance(cell.value, (str, bool)):
                cell.number_format = number_format
            if isinstance(cell.value, str):
                shown = cell.value
            elif kind == "float" and number_format != "General":
                shown = f"{cell.value:.{len(number_format) - 2}f}"
            elif kind in ("date", "datetime"):
                shown = "0000-00-00" + (" 00:00:00" if kind == "datetime" else "")
            else:
                shown = str(cell.value)
            widths[j - 1] = max(widths[j - 1], _display_width(shown))
            if isinstance(cell.value, float):
                _exact_float(cell)
        described.append({"sheet": name, "column": column, "header": headers[j - 1],
                          "unit": units.get(column, ""), "type": _KIND_WORDS[kind],
                          "pandas dtype": str(series.dtype)})

    last = get_column_letter(max(len(columns), 1))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{last}{len(df) + 1}"
    _set_widths(ws, widths)
    return described


def _write_about(ws, tables, sheet_notes, about, column_rows) -> None:
    from openpyxl.styles import Alignment, Font

    bold, title_font = Font(bold=True), Font(bold=True, size=14)
    wrap = Alignment(wrap_text=True, vertical="top")
    row = 1
    _put(ws, row, 1, "dalian-reports workbook 大连政府工作报告数据").font = title_font
    row += 1
    _put(ws, row, 1, "Each sheet is one tidy table: one row per observation, one column per "
                     "variable. Text from the sources is stored as text, never as formulas. "
                     "每个工作表是一张整洁表：每行一个观测，每列一个变量。")
    row += 2

    def section(title: str, header: list[str], rows: list[list]) -> None:
        nonlocal row
        _put(ws, row, 1, title).font = Font(bold=True, size=12)
        row += 1
        for j, h in enumerate(header, start=1):
            _put(ws, row, j, h).font = bold
        row += 1
        for values in rows:
            for j, value in enumerate(values, start=1):
                cell = _put(ws, row, j, value, f"sheet {ABOUT_SHEET!r} row {row}")
                if isinstance(value, str) and len(value) > 40:
                    cell.alignment = wrap
            row += 1
        row += 1

    section("Sheets 工作表", ["sheet", "rows", "columns", "note"],
            [[name, len(df), len(df.columns), sheet_notes.get(name, "")] for name, df in tables.items()])
    if about is not None:
        kinds = [_kind(about[c]) for c in about.columns]
        about_rows = [[_cell_value(v, k, f"about[{c!r}]") for c, k, v in zip(about.columns, kinds, rec)]
                      for rec in about.itertuples(index=False, name=None)]
        section("Sources 来源", [str(c) for c in about.columns], about_rows)
    section(_DICT_TITLE, _DICT_HEADER, [[r.get(k, "") for k in _DICT_HEADER] for r in column_rows])
    for letter, width in zip("ABCDEFGH", (24, 24, 28, 12, 18, 14, 60, 50)):
        ws.column_dimensions[letter].width = width


def _deterministic_zip(data: bytes) -> bytes:
    """Rebuild the xlsx zip with fixed member dates and attributes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.create_system = 3
            member.external_attr = 0o644 << 16
            data = src.read(info.filename)
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                # A bare CR in XML text is read back as LF (end-of-line
                # normalisation); a character reference survives.  In openpyxl's
                # output a CR byte can only come from cell text.
                data = data.replace(b"\r", b"&#13;")
            dst.writestr(member, data, compresslevel=6)
    return out.getvalue()


def workbook_bytes(sheets: Mapping[str, "pd.DataFrame"], *, sheet_notes: Mapping[str, str] | None = None,
                   about: "pd.DataFrame | None" = None,
                   column_docs: Mapping[str, Mapping[str, str]] | None = None,
                   units: Mapping[str, Mapping[str, str]] | None = None,
                   timestamp: _dt.datetime = FIXED_TIMESTAMP) -> bytes:
    """The workbook :func:`write_workbook` writes, as bytes (see there)."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

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

    wb = Workbook()
    about_ws = wb.active
    about_ws.title = ABOUT_SHEET
    column_rows: list[dict] = []
    for name, df in sheets.items():
        rows = _write_table(wb.create_sheet(name), df, name, units.get(name, {}))
        for r in rows:
            doc = column_docs.get(name, {}).get(r["column"], "")
            r["description"], r["说明"] = (doc, "") if isinstance(doc, str) else doc
        column_rows.extend(rows)
    _write_about(about_ws, sheets, sheet_notes, about, column_rows)

    props = wb.properties
    props.creator = props.lastModifiedBy = "dalian-reports"
    props.title = "dalian-reports tables"
    props.created = props.modified = timestamp
    buffer = io.BytesIO()
    # ExcelWriter directly: openpyxl's save_workbook() stamps "modified" with now().
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).write_data()
    return _deterministic_zip(buffer.getvalue())


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


def _restore(series, dtype: str, kind: str = ""):
    import pandas as pd

    try:
        if dtype.startswith("datetime64"):
            return pd.to_datetime(series).astype(dtype)
        if dtype in ("bool", "boolean") or dtype.startswith(("int", "uint", "Int", "UInt", "float", "Float")):
            if dtype in ("bool",) or dtype.startswith(("int", "uint")):
                if series.isna().any():
                    return series  # cannot hold missing values; leave as read
            return series.astype(dtype)
        if dtype == "string":
            return series.astype("string")
        if dtype == "object":
            if kind == "date":  # openpyxl reads dates back as datetimes
                series = series.map(lambda v: v.date() if isinstance(v, _dt.datetime) else v)
            return series.astype(object).where(series.notna(), None)
    except (TypeError, ValueError):
        return series
    return series


def read_workbook(path: str | os.PathLike) -> dict[str, "pd.DataFrame"]:
    """Read the data sheets of a workbook written by :func:`write_workbook`.

    Headers are mapped back to column names and pandas dtypes restored from the
    column dictionary on the "about" sheet.  Workbooks without one are read
    with the header row as column names and types as openpyxl gives them.
    """
    import pandas as pd
    from openpyxl import load_workbook

    wb = load_workbook(path)  # not read_only: we need data types exactly
    dictionary: dict[str, dict[str, dict]] = {}
    if ABOUT_SHEET in wb.sheetnames:
        rows = list(wb[ABOUT_SHEET].iter_rows(values_only=True))
        for k, row in enumerate(rows):
            if list(row[:len(_DICT_HEADER)]) == _DICT_HEADER and k and rows[k - 1][0] == _DICT_TITLE:
                for entry in rows[k + 1:]:
                    if entry[0] is None:
                        break
                    record = dict(zip(_DICT_HEADER, entry))
                    dictionary.setdefault(record["sheet"], {})[record["header"]] = record
                break
    tables = {}
    for name in wb.sheetnames:
        if name == ABOUT_SHEET:
            continue
        ws = wb[name]
        # openpyxl writes "" as a value-less inline-string cell; a missing
        # value has no type: so empty text and missing values stay apart.
        rows = [tuple("" if c.value is None and c.data_type == "inlineStr" else c.value for c in row)
                for row in ws.iter_rows()]
        headers = list(rows[0]) if rows else []
        docs = dictionary.get(name, {})
        columns = [docs[h]["column"] if h in docs else h for h in headers]
        df = pd.DataFrame([list(r) for r in rows[1:]], columns=columns, dtype=object)
        for header, column in zip(headers, columns):
            if header in docs and docs[header].get("pandas dtype"):
                kind = next((k for k, word in _KIND_WORDS.items() if word == docs[header].get("type")), "")
                df[column] = _restore(df[column], docs[header]["pandas dtype"], kind)
        tables[name] = df
    return tables
