"""dalian-reports: tidy, provenance-carrying tables from Dalian's government work reports.

Layers (each imports only the ones before it)::

    sources  raw files, manifest, checksums, splitting, year restoration, cleaning
    extract  number/qualifier grammar, headline paragraphs, plan tables
    tables   public tidy builders and the canonical indicator vocabulary
    plots, export, cli

Every public table is loaded lazily on first use, so ``import dalian_reports``
costs little more than importing the standard library.

>>> import dalian_reports as dr
>>> dr.reports()[["report_id", "report_year"]].head(2)  # doctest: +SKIP
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

# public name -> module that defines it
_PUBLIC = {
    "manifest": "dalian_reports.sources.raw",
    "read_source": "dalian_reports.sources.raw",
    "load_text": "dalian_reports.sources.raw",
    "reports": "dalian_reports.sources.reports",
    "year_restorations": "dalian_reports.sources.years",
    "report_text": "dalian_reports.sources.cleaning",
    "cleaning_rules": "dalian_reports.sources.cleaning",
    "vocabulary": "dalian_reports.tables.vocabulary",
    "load_table": "dalian_reports.tables.catalog",
    "headline_figures": "dalian_reports.tables.headline",
    "targets": "dalian_reports.tables.headline",
    "outcomes": "dalian_reports.tables.headline",
    "unparsed": "dalian_reports.tables.headline",
    "compare_languages": "dalian_reports.tables.headline",
    "target_ladder_long": "dalian_reports.tables.targets",
    "extract_headline": "dalian_reports.extract.headline",
    "district_figures": "dalian_reports.tables.district",
    "district_vs_city": "dalian_reports.tables.district",
    "target_ladder": "dalian_reports.tables.targets",
    "target_vs_outcome": "dalian_reports.tables.targets",
    "inconsistencies": "dalian_reports.tables.consistency",
    "fyp_indicators": "dalian_reports.tables.plans",
    "plan13_status": "dalian_reports.tables.plans",
    "plan14_implied_growth": "dalian_reports.tables.plans",
    "reference_series": "dalian_reports.tables.reference",
    "national_targets": "dalian_reports.tables.reference",
    "official_outcomes": "dalian_reports.tables.reference",
    "hit_or_miss": "dalian_reports.tables.reference",
    "table_names": "dalian_reports.tables.catalog",
    "SourceError": "dalian_reports.errors",
    "ParseError": "dalian_reports.errors",
    "DalianReportsError": "dalian_reports.errors",
}

__all__ = sorted(_PUBLIC)


def __getattr__(name: str):
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'dalian_reports' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
