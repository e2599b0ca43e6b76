"""Table metadata: what each shipped table is, where it comes from, and what every column means.

The one source of each table's metadata is ``data/metadata/<table>.yaml`` in the repository. The
pipeline turns those files into ``datapackage.json`` (a Frictionless Data Package) beside the CSV
tables, and that is what the library reads: the same :class:`TableMetadata` is built from either, so
the dtypes the loader applies, the schema the pipeline validates, the workbook's about sheet and the
docstrings all come from one description.

>>> meta = TableMetadata.from_dict({"name": "t", "title": "T", "title_zh": "表", "description": "d",
...     "description_zh": "说明", "columns": [{"name": "year", "dtype": "int64", "description": "year",
...     "description_zh": "年份"}]})
>>> meta.column("year").dtype
'int64'
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Column dtypes a table may declare, and the Frictionless field type each is published as.
DTYPES = {"string": "string", "category": "string", "int64": "integer", "Int64": "integer",
          "float64": "number", "boolean": "boolean"}


@dataclass(frozen=True)
class ColumnMetadata:
    """One column: pandas dtype, unit, allowed values, range and bilingual description."""

    name: str
    dtype: str
    description: str
    description_zh: str
    nullable: bool = False
    unit: str | None = None
    values: tuple[str, ...] | None = None
    range: tuple[float | None, float | None] | None = None
    pattern: str | None = None

    def __post_init__(self):
        if self.dtype not in DTYPES:
            raise ValueError(f"column {self.name!r}: dtype {self.dtype!r} is not one of {sorted(DTYPES)}")

    @classmethod
    def from_dict(cls, d: dict) -> "ColumnMetadata":
        values = d.get("values")
        rng = d.get("range")
        if values and d["dtype"] in ("string", "category"):
            values = [str(v) for v in values]
        return cls(name=d["name"], dtype=d["dtype"], description=d.get("description") or "",
                   description_zh=d.get("description_zh") or "", nullable=bool(d.get("nullable", False)),
                   unit=d.get("unit"), values=tuple(values) if values else None,
                   range=tuple(rng) if rng else None, pattern=d.get("pattern"))

    def to_field(self) -> dict:
        """The column as a Frictionless field descriptor (extra keys keep the pandas dtype and Chinese text)."""
        constraints: dict[str, Any] = {"required": not self.nullable}
        if self.values:
            constraints["enum"] = list(self.values)
        if self.range:
            if self.range[0] is not None:
                constraints["minimum"] = self.range[0]
            if self.range[1] is not None:
                constraints["maximum"] = self.range[1]
        if self.pattern:
            constraints["pattern"] = self.pattern
        out = {"name": self.name, "type": DTYPES[self.dtype], "description": self.description,
               "description_zh": self.description_zh, "dtype": self.dtype, "constraints": constraints}
        if self.unit:
            out["unit"] = self.unit
        return out

    @classmethod
    def from_field(cls, f: dict) -> "ColumnMetadata":
        c = f.get("constraints", {})
        rng = (c.get("minimum"), c.get("maximum")) if ("minimum" in c or "maximum" in c) else None
        return cls(name=f["name"], dtype=f["dtype"], description=f.get("description", ""),
                   description_zh=f.get("description_zh", ""), nullable=not c.get("required", False),
                   unit=f.get("unit"), values=tuple(c["enum"]) if "enum" in c else None, range=rng,
                   pattern=c.get("pattern"))


@dataclass(frozen=True)
class TableMetadata:
    """A table's title, description and sources (English and Chinese) and its columns, in order."""

    name: str
    title: str
    title_zh: str
    description: str
    description_zh: str
    columns: tuple[ColumnMetadata, ...]
    loader: str = ""
    sources: tuple[dict, ...] = ()
    primary_key: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_dict(cls, d: dict) -> "TableMetadata":
        return cls(name=d["name"], title=d["title"], title_zh=d["title_zh"], description=d["description"],
                   description_zh=d["description_zh"],
                   columns=tuple(ColumnMetadata.from_dict(c) for c in d["columns"]),
                   loader=d.get("loader", ""), sources=tuple(d.get("sources", ())),
                   primary_key=tuple(d.get("primary_key", ())))

    @classmethod
    def from_resource(cls, r: dict) -> "TableMetadata":
        schema = r["schema"]
        return cls(name=r["name"], title=r["title"], title_zh=r.get("title_zh", ""), description=r["description"],
                   description_zh=r.get("description_zh", ""),
                   columns=tuple(ColumnMetadata.from_field(f) for f in schema["fields"]),
                   loader=r.get("loader", ""), sources=tuple(r.get("sources", ())),
                   primary_key=tuple(schema.get("primaryKey", ())))

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> ColumnMetadata:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"table {self.name!r} has no column {name!r}; columns: {self.column_names}")

    def to_frame(self):
        """The columns as a DataFrame: name, dtype, unit, allowed values, nullable, description (en, zh)."""
        import pandas as pd

        rows = [dict(column=c.name, dtype=c.dtype, unit=c.unit or "", values=", ".join(c.values or ()),
                     nullable=c.nullable, description=c.description, description_zh=c.description_zh)
                for c in self.columns]
        return pd.DataFrame(rows)

    def __repr__(self) -> str:
        lines = [f"{self.name}: {self.title} / {self.title_zh}", f"  {self.description}"]
        for s in self.sources:
            lines.append(f"  source: {s.get('title', '')} {s.get('path', '') or s.get('url', '')}".rstrip())
        for c in self.columns:
            unit = f" [{c.unit}]" if c.unit else ""
            lines.append(f"  {c.name:<24} {c.dtype:<9}{unit} {c.description}")
        return "\n".join(lines)


#: The dtype ``pandas.read_csv`` is given for each declared dtype, so a table is typed while it is read.
READ_DTYPES = {"string": "string", "category": "category", "int64": "int64", "Int64": "Int64",
               "float64": "float64", "boolean": "boolean"}


def read_dtypes(meta: TableMetadata) -> dict[str, str]:
    """The ``dtype`` argument of ``pandas.read_csv`` that reads a table with its declared dtypes in one pass.

    Parameters
    ----------
    meta : TableMetadata
        The table's metadata.

    Returns
    -------
    dict of str to str
        Column name -> pandas dtype (``"category"`` for a categorical: :func:`finish_read` sets its categories).

    Examples
    --------
    >>> meta = TableMetadata.from_dict({"name": "t", "title": "T", "title_zh": "表", "description": "d",
    ...     "description_zh": "说明", "columns": [{"name": "kind", "dtype": "category", "values": ["a", "b"],
    ...     "description": "kind", "description_zh": "类"}]})
    >>> read_dtypes(meta)
    {'kind': 'category'}
    """
    return {c.name: READ_DTYPES[c.dtype] for c in meta.columns}


def finish_read(df, meta: TableMetadata):
    """Complete a table read with :func:`read_dtypes`: check its columns, and give each categorical the allowed
    values of its metadata as categories, in their declared order.

    Together with ``keep_default_na=False, na_values=[""]`` this gives the table :func:`apply_types` gives.

    Parameters
    ----------
    df : pandas.DataFrame
        The table as ``pandas.read_csv(..., dtype=read_dtypes(meta))`` returns it; changed in place.
    meta : TableMetadata
        The table's metadata.

    Returns
    -------
    pandas.DataFrame
        ``df``.

    Raises
    ------
    ValueError
        Naming the table and column, when the columns differ from the metadata or a value is not allowed.
    """
    if list(df.columns) != meta.column_names:
        raise ValueError(f"table {meta.name!r}: columns {list(df.columns)} differ from its metadata "
                         f"{meta.column_names}")
    for c in meta.columns:
        if c.dtype != "category" or not c.values:
            continue   # without declared values the categories are the sorted values read, as apply_types gives
        column = df[c.name]
        unknown = set(column.cat.categories) - set(c.values)
        if unknown:
            raise ValueError(f"table {meta.name!r}, column {c.name!r}: values {sorted(unknown)} are not among "
                             f"the allowed {list(c.values)}")
        df[c.name] = column.cat.set_categories(list(c.values))
    return df


def apply_types(df, meta: TableMetadata):
    """Give every column of ``df`` the dtype its metadata declares (categoricals get their allowed values).

    Empty text is a missing value (CSV cannot tell them apart), so the table the pipeline validates is the
    table a user loads.

    Raises ``ValueError`` naming the table and column when the columns differ from the metadata or a
    value is not allowed.
    """
    import pandas as pd

    if list(df.columns) != meta.column_names:
        raise ValueError(f"table {meta.name!r}: columns {list(df.columns)} differ from its metadata "
                         f"{meta.column_names}")
    out = {}
    for c in meta.columns:
        series = df[c.name]
        try:
            out[c.name] = _typed(series, c)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"table {meta.name!r}, column {c.name!r}: {exc}") from None
    return pd.DataFrame(out, index=df.index)


def _typed(series, c: ColumnMetadata):
    import pandas as pd

    if c.dtype in ("string", "category"):
        # CSV cannot tell an empty string from a missing value: every table stores missing text as NA.
        series = series.astype("string").replace("", pd.NA)
    if c.dtype == "category":
        strings = series.astype("string")
        categories = list(c.values) if c.values else sorted(strings.dropna().unique())
        unknown = set(strings.dropna().unique()) - set(categories)
        if unknown:
            raise ValueError(f"values {sorted(unknown)} are not among the allowed {categories}")
        return pd.Categorical(strings.astype(object).where(strings.notna(), None), categories=categories)
    if c.dtype == "boolean":
        if series.dtype == object or pd.api.types.is_string_dtype(series):
            mapped = series.map({"True": True, "False": False, True: True, False: False})
            return mapped.astype("boolean")
        return series.astype("boolean")
    if c.dtype == "int64" and series.isna().any():
        raise ValueError("missing values in a column declared int64 (use Int64 and nullable)")
    return series.astype(c.dtype)
