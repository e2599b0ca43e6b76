"""The catalogue of public tables: name, builder, description (statsmodels-style metadata).

>>> from dalian_reports.tables.catalog import table_names
>>> "reports" in table_names()
True
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class TableSpec:
    name: str
    builder: str  # "module:function"
    description: str
    kwargs: dict = field(default_factory=dict)

    def build(self):
        module, function = self.builder.split(":")
        return getattr(importlib.import_module(module), function)(**self.kwargs)


TABLES: list[TableSpec] = [
    TableSpec("reports", "dalian_reports.sources.reports:reports",
              "One row per report in the corpus (and the pasted copy, marked duplicate_of): true year, date, "
              "session, speaker, raw line range, and the evidence that fixed the year."),
    TableSpec("year_restorations", "dalian_reports.sources.years:year_restorations",
              "Every overwritten '2024' token of the compilation: where, the restored year or status, and the rule."),
    TableSpec("headline_figures", "dalian_reports.tables.headline:headline_figures",
              "Every headline target and outcome of every work report, one row per number, with canonical indicator, "
              "measure, qualifier, true period, raw line and exact quote."),
    TableSpec("unparsed", "dalian_reports.tables.headline:unparsed",
              "Numbers of headline paragraphs that did not become a row with a known indicator, with line and reason."),
    TableSpec("languages_2024", "dalian_reports.tables.headline:compare_languages",
              "The 2024 report's Chinese and English headline figures side by side, with whether they agree."),
    TableSpec("fyp13_indicators", "dalian_reports.tables.plans:plan13_status",
              "13th Five-Year Plan completion table (2015 base, 2020 target, 2020 achieved), rectified by named rules, "
              "with met / missed / not_comparable status and the rule that decided."),
    TableSpec("fyp14_indicators", "dalian_reports.tables.plans:plan14_implied_growth",
              "14th Five-Year Plan main indicators (2020 base, 2025 target, average growth, attribute), rectified by "
              "named rules, with the implied compound annual change 2020→2025 for level indicators."),
    TableSpec("inconsistencies", "dalian_reports.tables.consistency:inconsistencies",
              "Inconsistencies between documents or between a table and its prose, each with both sources: "
              "figures stated two ways, growth rates that cannot give the stated multiple, renamed indicators, "
              "plan table vs plan prose."),
    TableSpec("district_vs_city", "dalian_reports.tables.district:district_vs_city",
              "Each Jinzhou District figure paired with the Dalian figure for the same indicator, measure and period "
              "where the sources have one, with the source of each side."),
    TableSpec("target_ladder", "dalian_reports.tables.targets:target_ladder_long",
              "GDP growth targets of China, Liaoning, Dalian and Jinzhou by year, seeds first, reference second."),
    TableSpec("target_vs_outcome", "dalian_reports.tables.targets:target_vs_outcome",
              "Each Dalian GDP growth target against the report's own estimate and the official figure: gaps in "
              "percentage points, hit/miss by the qualifier, and the national target of the same year."),
    TableSpec("reference_series", "dalian_reports.tables.reference:reference_series",
              "Context data not in the seeds: national, Liaoning, Dalian and Jinzhou targets and outcomes, each row "
              "with its source, quality, and whether it is the preferred value under the documented rule."),
]

# Column descriptions shared by every table that has the column.
COLUMN_DOCS: dict[str, str] = {
    "report_id": "report identifier: issuer-year-language (e.g. dalian-2014-zh); '-copy' marks a pasted duplicate",
    "source_id": "raw file id (data/sources.csv)",
    "issuer": "'dalian' (municipal government) or 'jinzhou' (Jinzhou District / Jinpu New Area)",
    "doc_type": "government_work_report or five_year_plan_outline",
    "lang": "'zh' or 'en'",
    "report_year": "true year the report was delivered",
    "delivered": "delivery date, ISO, as precise as the text proves",
    "session": "people's congress session, as written",
    "speaker": "who delivered the report, as written ('' when the text does not say)",
    "line_start": "first raw line (1-based) of the report",
    "line_end": "last raw line (1-based) of the report",
    "duplicate_of": "report_id of the original when this is a pasted copy",
    "evidence": "rules and lines that fixed the report's year",
    "line": "raw line (1-based) in the source file",
    "occurrence": "1-based count of the token within its line",
    "column": "0-based character column of the token in its raw line",
    "context": "text around the token, as in the raw file",
    "section": "front matter, review (one year), review_5y (five-year review) or ahead (work planned)",
    "restored": "true year, when the text proves it",
    "status": "restored / not_a_year / unknown",
    "rule": "name of the rule that decided",
    "why": "the rule's reasoning",
    "plan": "five-year plan number (13 or 14)",
    "category": "category of the plan table, as printed",
    "number": "indicator number in the plan table",
    "indicator_zh": "indicator name as written in the source",
    "sub_indicator_zh": "sub-indicator as written (NA when the row is the indicator itself)",
    "indicator": "canonical indicator code (dalian_reports/tables/indicators.csv)",
    "indicator_en": "English name of the indicator (from the vocabulary)",
    "unit": "unit as written",
    "base_year": "base year of the plan table", "base_value": "base value (number)", "base_text": "base cell as printed",
    "target_year": "target year", "target_value": "target value (number)", "target_text": "target cell as printed",
    "target_op": "operator of the target: > < ≥ ≤ ≈ = or 'text'",
    "avg_growth_value": "average annual growth (%), number", "avg_growth_text": "average growth cell as printed",
    "achieved_value": "value achieved in 2020 (13th plan)", "achieved_text": "achieved cell as printed",
    "attribute": "'anticipatory' (预期性) or 'binding' (约束性)",
    "cumulative": "True for [bracketed] five-year cumulative figures",
    "footnote": "footnote attached to the row",
    "alignment_note": "how each cell was placed (named rules) and what stays ambiguous",
    "status": "met / missed / not_comparable",
    "status_rule": "rule that decided the status",
    "implied_cagr_pct": "implied compound annual change 2020→2025 (%)",
    "cagr_rule": "how the implied change was computed, or why it is NA",
    "period_start": "first year the figure covers (true year)",
    "period_end": "last year the figure covers (true year)",
    "basis": "definition notes (按老口径, cumulative since 2020, urban/rural, 力争 (stretch), …)",
    "share_of": "whole of which the figure is a share (dalian, liaoning, …)",
    "quote": "exact substring of the raw line holding the indicator and the number",
    "reason": "why the number is not a row",
    "check": "which consistency check found the row",
    "period": "period the figures refer to",
    "a_source": "first side: report and raw line", "a_quote": "first side: exact quote", "a_value": "first side: value",
    "b_source": "second side: report and raw line", "b_quote": "second side: exact quote",
    "b_value": "second side: value", "difference": "b_value − a_value",
    "jurisdiction": "china, liaoning, dalian or jinzhou",
    "year": "year the figure refers to",
    "measure": "growth, avg_growth, level, rate, decline, cumulative_decline, multiple, pp_gap, share, qualitative",
    "kind": "what the figure is (target, outcome, estimate, …)",
    "role": "target, stretch_target or outcome",
    "value": "the number", "value_high": "upper end of a range",
    "qualifier": "exact, about, at_least, at_most, greater_than, less_than, range, qualitative",
    "text": "wording as given by the source",
    "source_kind": "kind of source (work report, bulletin, NBS release, news, …)",
    "source_quality": "official, news, secondary copy or unstated",
    "source_file": "original reference file (data/reference/original/)",
    "source_row": "1-based data row in that file",
    "source_field": "column of the original (or note) the number comes from",
    "url": "where the fact was read",
    "note": "notes from the source and on choices made",
    "preferred": "True for the one row per key chosen by the preferred-value rule",
}


# Units of columns that hold one unit throughout (shown in the workbook's headers). Value columns of the
# long tables carry a unit per row in their own `unit` column.
COLUMN_UNITS: dict[str, dict[str, str]] = {
    "fyp13_indicators": {"avg_growth_value": "%"},
    "fyp14_indicators": {"avg_growth_value": "%", "implied_cagr_pct": "% per year"},
}


def table_names() -> list[str]:
    return [t.name for t in TABLES]


def spec(name: str) -> TableSpec:
    for table in TABLES:
        if table.name == name:
            return table
    raise KeyError(f"unknown table {name!r}; known: {table_names()}")


def load_table(name: str):
    """Build a public table by name (the same table the build writes to data/processed/).

    >>> import dalian_reports as dr
    >>> dr.load_table("reports").shape[0]
    9
    """
    return spec(name).build()
