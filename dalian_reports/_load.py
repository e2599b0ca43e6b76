"""Reading the shipped tables: ``list_tables``, ``load_table``, ``get_metadata``.

The tables are CSV files built by the pipeline and shipped with the package; their metadata is the
``datapackage.json`` beside them. Loading reads a file once, with the declared dtypes (categoricals,
nullable integers, strings, booleans); nothing is computed and nothing is written.

>>> import dalian_reports as dr
>>> "headline_figures" in dr.list_tables()
True
>>> dr.load_table("reports").dtypes["report_year"]
dtype('int64')
"""
from __future__ import annotations

import hashlib
import io
import json
from functools import lru_cache
from pathlib import Path

from ._metadata import TableMetadata, apply_types, finish_read, read_dtypes
from ._resources import processed_dir
from .errors import DalianReportsError

PACKAGE_FILE = "datapackage.json"


@lru_cache(maxsize=4)
def _package(path: Path, stamp: tuple) -> dict:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def _datapackage() -> dict:
    path = processed_dir() / PACKAGE_FILE
    try:
        st = path.stat()
    except FileNotFoundError:
        raise DalianReportsError("table catalogue not found; in a checkout, run `make` to build the tables",
                                 file=str(path)) from None
    return _package(path, (st.st_size, st.st_mtime_ns))


def _resources() -> dict[str, dict]:
    return {r["name"]: r for r in _datapackage()["resources"]}


def list_tables() -> list[str]:
    """Names of the tables the package ships, in catalogue order.

    >>> list_tables()[:2]
    ['reports', 'year_restorations']
    """
    return list(_resources())


def _resource(name: str) -> dict:
    resources = _resources()
    if name not in resources:
        import difflib

        close = difflib.get_close_matches(str(name), list(resources), n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise KeyError(f"no table named {name!r}.{hint} Tables: {', '.join(resources)}")
    return resources[name]


def get_metadata(name: str) -> TableMetadata:
    """A table's metadata: title and description in English and Chinese, sources, and every column's
    dtype, unit, allowed values and description.

    >>> meta = get_metadata("headline_figures")
    >>> meta.column("qualifier").values[:3]
    ('exact', 'about', 'at_least')
    """
    return TableMetadata.from_resource(_resource(name))


def load_table(name: str):
    """A shipped table as a typed DataFrame (the CSV file is read, nothing is recomputed).

    The file's bytes are parsed once per process (again when they or the table's metadata change; each call
    returns a copy), with the dtypes its metadata declares (:func:`~dalian_reports._metadata.read_dtypes`);
    only if that fails are they parsed again as text and typed column by column, to name the column and value
    at fault.

    Parameters
    ----------
    name : str
        A table of :func:`list_tables`.

    Returns
    -------
    pandas.DataFrame
        The table, every column with the dtype of its metadata (:func:`get_metadata`).

    Raises
    ------
    KeyError
        No table has that name (the closest is suggested).
    DalianReportsError
        The file is missing, or its columns or values break its metadata (naming the file and column).

    Examples
    --------
    >>> load_table("reports").columns[:3].tolist()
    ['report_id', 'source_id', 'issuer']
    """
    resource = _resource(name)
    path = processed_dir() / resource["path"]
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DalianReportsError(f"table {name!r} is catalogued but its file is missing", file=str(path)) from None
    digest = hashlib.blake2b(data, digest_size=20).hexdigest()
    return _typed_table(path, digest, json.dumps(resource, sort_keys=True), data).copy()


#: Typed tables already parsed in this process, by file, content digest and metadata (the last few only).
_TYPED: dict[tuple, object] = {}
_TYPED_KEPT = 8


def _typed_table(path: Path, digest: str, resource_json: str, data: bytes):
    """The typed table of one file's *data*, parsed once per process for the same bytes (*digest*) and
    metadata; :func:`load_table` hands out copies, so a caller's edits stay its own."""
    key = (str(path), digest, resource_json)
    if key not in _TYPED:
        meta = TableMetadata.from_resource(json.loads(resource_json))
        _TYPED[key] = _typed_from_bytes(path, data, meta)
        while len(_TYPED) > _TYPED_KEPT:
            del _TYPED[next(iter(_TYPED))]
    return _TYPED[key]


def _typed_from_bytes(path: Path, data: bytes, meta: TableMetadata):
    try:
        return finish_read(_read_csv(io.BytesIO(data), read_dtypes(meta)), meta)
    except (TypeError, ValueError):
        pass
    try:   # the slow path: the message says which column and which value
        return apply_types(_read_csv(io.BytesIO(data), _text_dtypes(meta)), meta)
    except (TypeError, ValueError) as exc:
        raise DalianReportsError(str(exc), file=str(path)) from None


def _read_csv(path, dtype: dict):
    """Read a shipped CSV file: only an empty field is missing (a text "NA" stays text), floats round-trip."""
    import pandas as pd

    return pd.read_csv(path, dtype=dtype, keep_default_na=False, na_values=[""], float_precision="round_trip",
                       encoding="utf-8")


def _text_dtypes(meta: TableMetadata) -> dict[str, str]:
    """Dtypes that read every value whatever it holds, for :func:`apply_types` to check and convert."""
    return {c.name: ("string" if c.dtype in ("string", "category") else
                     "object" if c.dtype in ("boolean", "int64") else c.dtype) for c in meta.columns}


def _filter(df, **conditions):
    for column, wanted in conditions.items():
        if wanted is None:
            continue
        values = [wanted] if isinstance(wanted, (str, int)) else list(wanted)
        df = df[df[column].isin(values)]
    return df.reset_index(drop=True)
