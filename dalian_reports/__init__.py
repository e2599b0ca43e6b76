"""dalian-reports: tidy, citable tables of the growth targets Chinese governments set themselves.

The library reads the tables it ships (every number with its source file, line and exact quote),
parses reports it has never seen, and draws the figures::

    import dalian_reports as dr
    dr.list_tables()                 # the shipped tables
    dr.load_table("headline_figures")  # or the named loader dr.headline_figures()
    dr.get_metadata("headline_figures")  # title, sources, every column's dtype, unit and meaning
    dr.extract_headline(text, "zh", 2024)  # the general parser
    dr.plots.gdp_target_drift(lang="zh")   # a figure on a matplotlib Axes

Nothing is computed at import: names are loaded on first use, and a table is read from its file.

>>> import dalian_reports as dr
>>> dr.headline_figures().shape[1] > 10
True
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.2.0"

# public name -> module that defines it
_API = {
    "list_tables": "._load", "load_table": "._load", "get_metadata": "._load",
    "reports": ".loaders", "year_restorations": ".loaders", "headline_figures": ".loaders",
    "targets": ".loaders", "outcomes": ".loaders", "unparsed": ".loaders", "compare_languages": ".loaders",
    "fyp_indicators": ".loaders", "plan13_status": ".loaders", "plan14_implied_growth": ".loaders",
    "district_figures": ".loaders", "district_vs_city": ".loaders", "target_ladder": ".loaders",
    "target_vs_outcome": ".loaders", "reference_series": ".loaders", "inconsistencies": ".loaders",
    "targets_panel": ".loaders", "corpus_reports": ".loaders", "seed_vs_corpus": ".loaders",
    "vocabulary": ".vocab",
    "manifest": ".sources.raw", "read_source": ".sources.raw", "load_text": ".sources.raw",
    "report_text": ".sources.cleaning", "cleaning_rules": ".sources.cleaning",
    "extract_headline": ".extract.headline",
    "hit_or_miss": ".verdicts",
    "DalianReportsError": ".errors", "SourceError": ".errors", "ParseError": ".errors",
}
_MODULES = {"plots": ".plots"}

__all__ = sorted([*_API, *_MODULES, "__version__"])

if TYPE_CHECKING:  # explicit imports for IDEs and type checkers; at run time names load lazily
    from . import plots
    from ._load import get_metadata, list_tables, load_table
    from .errors import DalianReportsError, ParseError, SourceError
    from .extract.headline import extract_headline
    from .loaders import (compare_languages, corpus_reports, district_figures, district_vs_city, fyp_indicators,
                          headline_figures, inconsistencies, outcomes, plan13_status, plan14_implied_growth,
                          reference_series, reports, seed_vs_corpus, target_ladder, target_vs_outcome, targets,
                          targets_panel, unparsed, year_restorations)
    from .sources.cleaning import cleaning_rules, report_text
    from .sources.raw import load_text, manifest, read_source
    from .verdicts import hit_or_miss
    from .vocab import vocabulary


def __getattr__(name: str):
    if name in _API:
        value = getattr(importlib.import_module(_API[name], __name__), name)
    elif name in _MODULES:
        value = importlib.import_module(_MODULES[name], __name__)
    else:
        raise AttributeError(f"module 'dalian_reports' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__():
    return list(__all__)
