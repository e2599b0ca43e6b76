"""Reading a workbook written by :func:`dalian_reports.pipeline.workbook.write_workbook` back into tables.

openpyxl reads it (not in read-only mode: the cell types are needed exactly); the column dictionary on the
``about`` sheet maps headers back to column names and restores the pandas dtypes. :mod:`.export` re-exports
:func:`read_workbook`.
"""
from __future__ import annotations

import datetime as _dt
import os
from typing import TYPE_CHECKING

from .workbook import _DICT_HEADER, _DICT_TITLE, _KIND_WORDS, ABOUT_SHEET

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


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
        # "" is a text cell (XlsxWriter: a shared string "", read as ""; openpyxl,
        # which wrote earlier workbooks: a value-less inline string); a missing
        # value is no cell at all: so empty text and missing values stay apart.
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
