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
