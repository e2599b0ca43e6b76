"""Table metadata in the pipeline: read ``data/metadata/<table>.yaml``, and generate from it.

Each YAML file is the one description of a table (title, description and every column's dtype, unit,
allowed values, range and meaning, in English and Chinese). From it the pipeline generates

* the pandera schema it validates every table against before writing (:func:`schema`),
* ``data/processed/datapackage.json``, the Frictionless Data Package the library reads
  (:func:`datapackage`),
* the workbook's about sheet and the Stata labels (:mod:`dalian_reports.pipeline.export`),
* the "Columns" sections of the loaders' docstrings and the README's table list (:mod:`.docs`).

>>> meta = table_metadata("reports")
>>> meta.column("report_year").dtype
'int64'
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .._metadata import TableMetadata, apply_types
from .._resources import REPO

METADATA_DIR = REPO / "data" / "metadata"
LICENCE_DATA = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/"}


@lru_cache(maxsize=None)
def _yaml(name: str) -> dict:
    import yaml

    path = METADATA_DIR / f"{name}.yaml"
    try:
        with open(path, encoding="utf-8") as fh:   # libyaml's safe loader when PyYAML has it (same result, faster)
            data = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except FileNotFoundError:
        raise FileNotFoundError(f"{path}: no metadata for table {name!r} (every table needs one)") from None
    if not isinstance(data, dict) or data.get("name") != name:
        raise ValueError(f"{path}: must be a mapping whose 'name' is {name!r}")
    for column in data.get("columns", []):
        if isinstance(column.get("values"), str):
            column["values"] = list(_vocabulary_list(column["values"], f"{path}: column {column.get('name')!r}"))
    return data


def _vocabulary_list(ref: str, where: str) -> tuple[str, ...]:
    """``vocab:<list>``: the allowed values are a list of the one vocabulary (dalian_reports/vocab/)."""
    from .. import vocab

    lists = {"vocab:kinds": vocab.KINDS, "vocab:measures": vocab.MEASURES, "vocab:qualifiers": vocab.QUALIFIERS,
             "vocab:all_qualifiers": vocab.ALL_QUALIFIERS, "vocab:jurisdictions": tuple(vocab.jurisdictions()),
             "vocab:levels": tuple(dict.fromkeys(j.level for j in vocab.jurisdictions().values()))}
    if ref not in lists:
        raise ValueError(f"{where}: values {ref!r} is not one of {sorted(lists)}")
    return lists[ref]


def table_metadata(name: str) -> TableMetadata:
    """The metadata of one table, from its YAML file (sources resolved to titles, paths and URLs)."""
    from dataclasses import replace

    from ..sources.raw import manifest_rows

    meta = TableMetadata.from_dict(_yaml(name))
    return replace(meta, sources=tuple(_sources(meta, manifest_rows())))


def table_checks(name: str) -> list[str]:
    """Row-wise checks of a table (``checks:`` in its YAML), as pandas expressions; a missing value passes."""
    return list(_yaml(name).get("checks", []))


def schema(name: str):
    """The pandera schema of a table, generated from its metadata."""
    import pandera.pandas as pa

    meta = table_metadata(name)
    columns = {}
    for c in meta.columns:
        checks = []
        if c.values and c.dtype != "category":
            checks.append(pa.Check.isin(list(c.values)))
        if c.range:
            low, high = c.range
            if low is not None:
                checks.append(pa.Check.ge(low))
            if high is not None:
                checks.append(pa.Check.le(high))
        if c.pattern:
            checks.append(pa.Check.str_matches(c.pattern))
        dtype = c.dtype if c.dtype != "category" else pa.Category(categories=list(c.values or ()))
        columns[c.name] = pa.Column(dtype, nullable=c.nullable, checks=checks or None)
    frame_checks = [pa.Check(lambda d, e=expr: d.eval(e).fillna(True).astype(bool), error=expr)
                    for expr in table_checks(name)]
    if meta.primary_key:
        frame_checks.append(pa.Check(lambda d, k=list(meta.primary_key): ~d.duplicated(k),
                                     error=f"primary key {list(meta.primary_key)} is unique"))
    return pa.DataFrameSchema(columns, checks=frame_checks or None, strict=True, ordered=True, coerce=False)


def validate(name: str, df):
    """Type ``df`` by its metadata and check it against the schema; returns the typed table.

    Raises pandera's ``SchemaErrors`` naming the column and rows when the data break the metadata.
    """
    typed = apply_types(df, table_metadata(name))
    return schema(name).validate(typed, lazy=True)


def _sources(meta: TableMetadata, manifest_rows) -> list[dict]:
    out = []
    for ref in meta.sources:
        if isinstance(ref, dict):  # already resolved
            out.append(ref)
            continue
        if ref.startswith("seed:"):
            row = next(r for r in manifest_rows if r["source_id"] == ref[5:])
            item = {"title": row["title_en"], "title_zh": row["title_zh"], "path": f"data/raw/{row['file']}"}
            if row.get("source_url"):
                item["url"] = row["source_url"]
            out.append(item)
        elif ref == "reference":
            out.append({"title": "Reference data: secondary context data gathered from public web pages",
                        "path": "data/reference/README.md"})
        elif ref == "corpus":
            out.append({"title": "lawtext/gov: government work reports (primary texts), read at the commit in "
                                 "each row's corpus_commit; one row per report in corpus_reports.csv",
                        "path": "corpus_reports.csv"})
        else:
            raise ValueError(f"metadata of {meta.name!r}: unknown source {ref!r}")
    return out


def resource(meta: TableMetadata, manifest_rows=None) -> dict:
    """One table as a Frictionless tabular resource."""
    schema_ = {"fields": [c.to_field() for c in meta.columns], "missingValues": [""]}
    if meta.primary_key:
        schema_["primaryKey"] = list(meta.primary_key)
    return {"name": meta.name, "path": f"{meta.name}.csv", "profile": "tabular-data-resource",
            "title": meta.title, "title_zh": meta.title_zh, "description": meta.description,
            "description_zh": meta.description_zh, "loader": meta.loader, "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "sources": list(meta.sources),
            "licenses": [LICENCE_DATA], "schema": schema_}


def datapackage(names: list[str], manifest_rows, version: str) -> dict:
    """The Data Package descriptor of the shipped tables (``data/processed/datapackage.json``)."""
    return {
        "profile": "tabular-data-package",
        "name": "dalian-reports",
        "title": "Growth targets in Chinese government work reports: tidy tables with provenance",
        "version": version,
        "licenses": [LICENCE_DATA],
        "resources": [resource(table_metadata(n), manifest_rows) for n in names],
    }


def metadata_names() -> list[str]:
    return sorted(p.stem for p in METADATA_DIR.glob("*.yaml"))


def metadata_path(name: str) -> Path:
    return METADATA_DIR / f"{name}.yaml"
