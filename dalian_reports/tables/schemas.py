"""Declarative schemas (pandera) of the public tables, checked before the build writes them.

pandera is imported only here, and only when a table is validated, so that
``import dalian_reports`` and the table builders stay light.

>>> import dalian_reports as dr
>>> from dalian_reports.tables.schemas import validate
>>> validate("reports", dr.reports()).shape[1]
13
"""
from __future__ import annotations

from functools import lru_cache

QUALIFIERS = ["exact", "about", "at_least", "at_most", "greater_than", "less_than", "range", "qualitative"]
MEASURES = ["growth", "avg_growth", "level", "rate", "decline", "cumulative_decline", "multiple", "pp_gap",
            "qualitative", "share"]
KINDS = ["target", "outcome", "plan_target", "plan_outcome"]


@lru_cache(maxsize=None)
def schemas() -> dict:
    import pandera.pandas as pa

    S, I, F, B = "string", "int64", "float64", "boolean"

    def col(dtype, nullable=False, checks=None, required=True):
        return pa.Column(dtype, nullable=nullable, checks=checks, required=required)

    def schema(columns: dict) -> "pa.DataFrameSchema":
        return pa.DataFrameSchema(columns, strict=True, ordered=True, coerce=False)

    years = pa.Check.in_range(1990, 2050)
    out = {
        "reports": schema({
            "report_id": col(S, checks=pa.Check.str_matches(r"^(dalian|jinzhou)-(\d{4}|fyp\d+)-(zh|en)(-copy)?$")),
            "source_id": col(S), "issuer": col(S, checks=pa.Check.isin(["dalian", "jinzhou"])),
            "doc_type": col(S, checks=pa.Check.isin(["government_work_report", "five_year_plan_outline"])),
            "lang": col(S, checks=pa.Check.isin(["zh", "en"])), "report_year": col(I, checks=years),
            "delivered": col(S, checks=pa.Check.str_matches(r"^\d{4}(-\d{2}-\d{2})?$")),
            "session": col(S), "speaker": col(S),
            "line_start": col(I, checks=pa.Check.ge(1)), "line_end": col(I, checks=pa.Check.ge(1)),
            "duplicate_of": col(S, nullable=True), "evidence": col(S),
        }),
        "year_restorations": schema({
            "source_id": col(S), "line": col(I, checks=pa.Check.ge(1)), "occurrence": col(I, checks=pa.Check.ge(1)),
            "column": col(I, checks=pa.Check.ge(0)), "context": col(S), "report_id": col(S), "section": col(S),
            "restored": col("Int64", nullable=True, checks=years),
            "status": col(S, checks=pa.Check.isin(["restored", "not_a_year", "unknown"])),
            "rule": col(S), "why": col(S),
        }),
    }
    return out


def validate(name: str, df):
    """Check a table against its schema; raises pandera's SchemaError naming the column and rows."""
    table_schemas = schemas()
    if name not in table_schemas:
        raise KeyError(f"table {name!r} has no schema; add one in dalian_reports/tables/schemas.py")
    return table_schemas[name].validate(df, lazy=True)
