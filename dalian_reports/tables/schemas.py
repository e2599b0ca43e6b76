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

    def schema(columns: dict, checks=None) -> "pa.DataFrameSchema":
        return pa.DataFrameSchema(columns, checks=checks, strict=True, ordered=True, coerce=False)

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
    plan_columns = {
        "plan": col("Int64", checks=pa.Check.isin([13, 14])), "category": col(S), "number": col("Int64"),
        "indicator_zh": col(S), "sub_indicator_zh": col(S, nullable=True), "indicator": col(S, nullable=True),
        "indicator_en": col(S, nullable=True), "unit": col(S, nullable=True),
        "base_year": col("Int64", nullable=True), "base_value": col(F, nullable=True), "base_text": col(S, nullable=True),
        "target_year": col("Int64", nullable=True), "target_value": col(F, nullable=True),
        "target_text": col(S, nullable=True),
        "target_op": col(S, nullable=True, checks=pa.Check.isin([">", "<", "≥", "≤", "≈", "=", "text"])),
        "avg_growth_value": col(F, nullable=True), "avg_growth_text": col(S, nullable=True),
        "achieved_value": col(F, nullable=True), "achieved_text": col(S, nullable=True),
        "attribute": col(S, nullable=True, checks=pa.Check.isin(["anticipatory", "binding"])),
        "cumulative": col(B), "footnote": col(S, nullable=True), "line": col("Int64", checks=pa.Check.ge(1)),
        "alignment_note": col(S, nullable=True),
    }
    out["fyp13_indicators"] = schema({**plan_columns,
                                      "status": col(S, checks=pa.Check.isin(["met", "missed", "not_comparable"])),
                                      "status_rule": col(S)})
    out["fyp14_indicators"] = schema({**plan_columns, "implied_cagr_pct": col(F, nullable=True),
                                      "cagr_rule": col(S)})
    out["reference_series"] = schema({
        "jurisdiction": col(S, checks=pa.Check.isin(["china", "liaoning", "dalian", "jinzhou"])),
        "year": col("Int64", checks=years), "indicator": col(S), "measure": col(S), "kind": col(S), "role": col(S),
        "value": col(F, nullable=True), "value_high": col(F, nullable=True), "unit": col(S, nullable=True),
        "qualifier": col(S, nullable=True), "text": col(S, nullable=True), "source_kind": col(S),
        "source_quality": col(S, checks=pa.Check.isin(["official", "news", "secondary copy", "unstated"])),
        "source_file": col(S), "source_row": col("Int64"), "source_field": col(S), "url": col(S, nullable=True),
        "note": col(S, nullable=True), "preferred": col(B),
    })
    out["headline_figures"] = schema({
        "report_id": col(S), "source_id": col(S), "issuer": col(S, checks=pa.Check.isin(["dalian", "jinzhou"])),
        "lang": col(S, checks=pa.Check.isin(["zh", "en"])), "report_year": col(I, checks=years),
        "kind": col(S, checks=pa.Check.isin(KINDS)), "period_start": col("Int64", nullable=True, checks=years),
        "period_end": col("Int64", nullable=True, checks=years), "indicator": col(S, nullable=True),
        "indicator_zh": col(S), "indicator_en": col(S, nullable=True), "measure": col(S, checks=pa.Check.isin(MEASURES)),
        "value": col(F, nullable=True), "value_high": col(F, nullable=True), "unit": col(S, nullable=True),
        "qualifier": col(S, checks=pa.Check.isin(QUALIFIERS)), "basis": col(S, nullable=True),
        "share_of": col(S, nullable=True), "line": col(I, checks=pa.Check.ge(1)), "quote": col(S),
    }, checks=[pa.Check(lambda d: (d.period_start <= d.period_end).fillna(True), error="period_start <= period_end"),
               pa.Check(lambda d: ((d.value <= d.value_high) | d.value_high.isna()), error="value <= value_high")])
    out["unparsed"] = schema({
        "report_id": col(S), "source_id": col(S), "line": col(I, checks=pa.Check.ge(1)), "kind": col(S),
        "number": col(S), "reason": col(S), "context": col(S),
    })
    out["inconsistencies"] = schema({
        "check": col(S, checks=pa.Check.isin(["stated_two_ways", "growth_vs_multiple", "wording_changes",
                                              "table_vs_prose"])),
        "issuer": col(S), "indicator": col(S), "measure": col(S), "period": col(S),
        "a_source": col(S), "a_quote": col(S), "a_value": col(F, nullable=True),
        "b_source": col(S), "b_quote": col(S), "b_value": col(F, nullable=True),
        "difference": col(F, nullable=True), "note": col(S),
    })
    def typed(spec: str, checks: dict | None = None) -> dict:
        """'name:dtype name:dtype? …' → columns; '?' marks nullable."""
        columns = {}
        for item in spec.split():
            name, dtype = item.split(":")
            columns[name] = col(dtype.rstrip("?"), nullable=dtype.endswith("?"), checks=(checks or {}).get(name))
        return columns

    hit = pa.Check.isin(["hit", "miss", "n/a"])
    out["district_vs_city"] = schema(typed(
        "indicator:string? indicator_en:string? district_wording:string measure:string kind:string "
        "period_start:Int64? period_end:Int64? pairing:string district_value:float64? district_value_high:float64? "
        "district_qualifier:string district_unit:string? district_basis:string? district_scope:string "
        "district_share_of:string? district_source:string district_quote:string city_value:float64? "
        "city_value_high:float64? city_qualifier:string? city_unit:string? city_kind:string? city_source:string? "
        "city_quote:string? city_origin:string? difference:float64? district_pct_of_city:float64? "
        "implied_city_value:float64? note:string?",
        {"pairing": pa.Check.isin(["paired", "derived", "share", "unpaired"])}))
    out["target_ladder"] = schema(typed(
        "year:int64 jurisdiction:string value:float64? value_high:float64? qualifier:string? text:string? "
        "source:string origin:string note:string?",
        {"jurisdiction": pa.Check.isin(["china", "liaoning", "dalian", "jinzhou"]),
         "origin": pa.Check.isin(["seed", "reference"])}))
    out["target_vs_outcome"] = schema(typed(
        "year:int64 indicator:string measure:string target_value:float64? target_high:float64? "
        "target_qualifier:string? target_text:string? target_source:string? target_origin:string? "
        "estimate_value:float64? estimate_qualifier:string? estimate_text:string? estimate_source:string? "
        "estimate_origin:string? official_value:float64? official_kind:string? official_text:string? "
        "official_source:string? gap_estimate_pp:float64? gap_official_pp:float64? hit_estimate:string "
        "hit_official:string hit_rule:string? national_target_value:float64? national_target_high:float64? "
        "national_target_qualifier:string? national_target_source:string? national_gap_pp:float64? note:string?",
        {"hit_estimate": hit, "hit_official": hit}))
    out["languages_2024"] = schema(typed(
        "kind:string indicator:string measure:string period_start:Int64? period_end:Int64? unit:string? "
        "value_zh:float64? value_high_zh:float64? qualifier_zh:string? quote_zh:string? line_zh:Int64? "
        "value_en:float64? value_high_en:float64? qualifier_en:string? quote_en:string? line_en:Int64? "
        "agree:bool note:string?"))
    return out


def validate(name: str, df):
    """Check a table against its schema; raises pandera's SchemaError naming the column and rows."""
    table_schemas = schemas()
    if name not in table_schemas:
        raise KeyError(f"table {name!r} has no schema; add one in dalian_reports/tables/schemas.py")
    return table_schemas[name].validate(df, lazy=True)
