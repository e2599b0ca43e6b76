"""Writing outputs: atomic file replacement, deterministic CSV and Excel workbooks.

Atomicity
---------
Every writer here writes a temporary file (named ``.tmp-<name>.<random>``, which
``.gitignore`` ignores) in the *same directory* as the target, flushes and
``fsync``s it, and then ``os.replace``s it over the target.  ``os.replace`` is
atomic on POSIX and Windows within one file system, so a reader sees either the
old file or the new one, never a half-written one, and an exception or a kill
while writing leaves the old file as it was.

:func:`atomic_directory_update` does this for several files at once: it writes
*all* temporary files first, then hard-links (or copies) each existing target to
a backup, and only then replaces the targets one after another.  If anything
fails during the replacements (an exception, including KeyboardInterrupt), the
targets already replaced are restored from their backups, so the previous set of
outputs is left intact.  **Remaining window:** if the process dies without
running Python code (SIGKILL, power loss, OOM killer) *during* that last loop of
``os.replace`` calls - a few system calls, no data copying - some targets are
new and some old; the backups (``.tmp-*.bak``) and temporary files are then left
beside them for inspection.  Readers that open several files while the loop runs
may also see a mix.  On power loss, renames not yet flushed may be lost one by
one (the directories are ``fsync``ed after the loop, where the platform allows),
so a crash shortly after the loop can also leave a mix.  In every case each file
is whole - its old or its new version, never a torn one.  A kill *before* the
loop (while writing temporaries) leaves all previous outputs intact, plus stray
``.tmp-*`` files.

Determinism
-----------
* CSV: UTF-8 without BOM, ``\\n`` line ends, missing values as empty fields and
  floats in Python's shortest round-trip ``repr`` (``float_format=None``), so
  ``float(text) == value`` exactly.
* Workbook (written with XlsxWriter, read back with openpyxl): fixed document
  properties (author ``dalian-reports``, created and modified at a fixed
  timestamp, default 2000-01-01), and the zip is rebuilt with every member
  dated 1980-01-01 00:00:00, fixed attributes and deflate level 6.  Two writes
  of the same tables give identical XML members and, with the same zlib,
  identical file bytes (a different zlib build may compress differently; the
  members stay identical).  Values round-trip exactly: floats are stored as
  their shortest repr (XlsxWriter alone writes ``%.16G``), and carriage
  returns in text as ``&#13;`` (a bare CR would be read back as LF; XlsxWriter's
  ``_x000D_`` is not decoded by openpyxl or pandas).

No module-level import of pandas, numpy, openpyxl or XlsxWriter: they are
imported inside the functions that need them.
"""
from __future__ import annotations

import io
import os
from pathlib import Path
from typing import TYPE_CHECKING

from .._atomic import TMP_PREFIX, atomic_directory_update, atomic_output, atomic_write_bytes, atomic_write_text  # noqa: F401

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "atomic_write_bytes",
    "atomic_write_text",
    "atomic_output",
    "atomic_directory_update",
    "csv_bytes",
    "write_csv",
    "read_csv",
    "workbook_bytes",
    "write_workbook",
    "read_workbook",
    "ABOUT_SHEET",
    "FIXED_TIMESTAMP",
]

# the workbook lives in workbook.py; re-exported here, where the writers of every format are
from .workbook import ABOUT_SHEET, FIXED_TIMESTAMP, workbook_bytes, write_workbook  # noqa: E402,F401
from .workbook_read import read_workbook  # noqa: E402,F401


# ----------------------------------------------------------------------------- CSV

def csv_bytes(df: "pd.DataFrame", *, index: bool = False, encoding: str = "utf-8") -> bytes:
    """*df* as deterministic CSV bytes.

    UTF-8 (pass ``encoding="utf-8-sig"`` for a BOM), ``\\n`` line ends, missing
    values as empty fields (so are empty strings: CSV cannot tell them apart), floats as their shortest round-trip repr, so
    ``float(field) == value`` exactly.  Read it back with :func:`read_csv`:
    pandas' default C float parser is off by one ulp for about a third of
    random doubles, and its default NA words would turn text such as "NA" or
    "None" into missing values.  The text is written as-is: CSV is for
    programs; give people the workbook, which guards against formula injection.
    """
    text = df.to_csv(index=index, lineterminator="\n", na_rep="", float_format=None)
    return text.encode(encoding)


def write_csv(df: "pd.DataFrame", path: str | os.PathLike, *, index: bool = False,
              encoding: str = "utf-8") -> Path:
    """Write :func:`csv_bytes` of *df* to *path* atomically."""
    return atomic_write_bytes(path, csv_bytes(df, index=index, encoding=encoding))


def read_csv(path: str | os.PathLike, **kwargs) -> "pd.DataFrame":
    """Read a CSV written by :func:`write_csv` without changing any value.

    Floats are parsed exactly (``float_precision="round_trip"``) and only empty
    fields are missing (``keep_default_na=False, na_values=[""]``).  Column
    types are pandas' inference; pass ``dtype=`` to fix them.
    """
    import pandas as pd

    options = {"float_precision": "round_trip", "keep_default_na": False, "na_values": [""],
               "encoding": "utf-8-sig"}
    options.update(kwargs)
    return pd.read_csv(path, **options)


# ------------------------------------------------------------------------- exports

def dta_bytes(df: "pd.DataFrame", meta) -> bytes:
    """*df* as a Stata 118 ``.dta`` file: variable labels from the metadata's descriptions, value labels
    for categorical columns (Stata's own encoding of categoricals), missing values as Stata missing."""
    import pandas as pd

    out = pd.DataFrame(index=df.index)
    for c in meta.columns:
        s = df[c.name]
        if c.dtype == "boolean":
            s = s.astype("Int8")
        if c.dtype in ("Int64", "boolean") or str(s.dtype) == "Int8":
            s = s.astype("float64")  # Stata has no nullable integer; missing becomes Stata's "."
        elif c.dtype == "string":
            s = s.astype(object).where(s.notna(), "")
        out[c.name] = s
    labels = {c.name: _ascii_label(c.description) for c in meta.columns}
    buffer = io.BytesIO()
    out.to_stata(buffer, write_index=False, version=118, variable_labels=labels,
                 data_label=_ascii_label(meta.title), time_stamp=FIXED_TIMESTAMP)
    return buffer.getvalue()


def _ascii_label(text: str) -> str:
    """Stata labels: at most 80 characters (UTF-8 is allowed in version 118, but 80 bytes is the limit)."""
    encoded = text.encode("utf-8")[:80]
    return encoded.decode("utf-8", errors="ignore")


def export_tables(fmt: str, out_dir: str | os.PathLike) -> list[Path]:
    """Write every shipped table in ``fmt`` ('csv', 'xlsx' or 'dta') into ``out_dir``, atomically.

    Reads the tables the package ships (:func:`dalian_reports.load_table`); works in an installed package.
    """
    from .._atomic import atomic_directory_update
    from .._load import get_metadata, list_tables, load_table

    out = Path(out_dir)
    names = list_tables()
    tables = {n: load_table(n) for n in names}
    if fmt == "csv":
        contents = {out / f"{n}.csv": csv_bytes(df) for n, df in tables.items()}
    elif fmt == "dta":
        contents = {out / f"{n}.dta": dta_bytes(df, get_metadata(n)) for n, df in tables.items()}
    elif fmt == "xlsx":
        metas = {n: get_metadata(n) for n in names}
        contents = {out / "dalian_reports.xlsx": workbook_bytes(
            {n[:31]: df for n, df in tables.items()},
            sheet_notes={n[:31]: m.description for n, m in metas.items()},
            column_docs={n[:31]: {c.name: (c.description, c.description_zh) for c in m.columns}
                         for n, m in metas.items()},
            units={n[:31]: {c.name: c.unit for c in m.columns if c.unit} for n, m in metas.items()})}
    else:
        raise ValueError(f"format must be csv, xlsx or dta, not {fmt!r}")
    return atomic_directory_update(contents)
