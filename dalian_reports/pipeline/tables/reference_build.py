"""Build ``data/reference/reference_series.csv`` from the five original reference CSVs.

The originals (copied byte-identical into ``data/reference/original/``) are secondary
data gathered from web pages: national, Liaoning, Dalian and Jinzhou (Jinpu New Area)
GDP targets and outcomes. This module turns them into one tidy long table, one number
per row, each row carrying where it came from (``source_file``, ``source_row`` — the
1-based data row, header not counted — ``source_field``, ``url``, ``source_quality``).

Nothing is guessed:

* a blank cell in an original never becomes a value;
* a fact stated only in a row's ``note`` becomes a row only when the note states it
  explicitly (indicator, year and number) *and* does not attribute it to a page other
  than the row's own; such rows are listed in :data:`NOTE_FACTS` with the exact words
  of the note, which the build checks are present, and their ``note`` starts with
  ``[from note: «…»]``; they keep the url and quality of the row they come from;
* per-row judgements (is a figure a work report's estimate? which qualifier does the
  wording carry?) are written out in :data:`ROW_META` with the words they rest on.

``preferred`` marks one row per (jurisdiction, year, indicator, measure, role) where
``role`` is ``target`` / ``stretch_target`` / ``outcome`` (estimate, official and
outcome rows compete for one "what happened" value). See :func:`preferred_sort_key`.

Run ``python -m dalian_reports.pipeline.tables.reference_build`` to rewrite the CSV.

>>> from dalian_reports.pipeline.tables.reference_build import build_reference_series, default_original_dir
>>> df = build_reference_series(default_original_dir())
>>> df.query("jurisdiction == 'china' and year == 2005 and kind == 'target'")[["value", "qualifier", "text"]].values.tolist()
[[8.0, 'about', '8%左右']]
"""
from __future__ import annotations

import argparse
import math
import os
import re
import tempfile
from pathlib import Path

from ..._resources import data_dir
from ...errors import SourceError
from ...sources.raw import CsvRow, read_csv_rows
from ...vocab import lookup

ORIGINAL_FILES = (
    "national_gdp_targets.csv",
    "liaoning_targets.csv",
    "dalian_official_gdp.csv",
    "dalian_gwr_facts.csv",
    "jinpu_facts.csv",
)
#: The columns each original must have (a file without one is refused, naming the file and its header line).
ORIGINAL_COLUMNS = {
    "national_gdp_targets.csv": ("year", "target_text", "target_value", "target_value_high", "qualifier",
                                 "actual_prelim_pct", "note"),
    "liaoning_targets.csv": ("year", "target_text", "target_value", "target_value_high", "qualifier",
                             "actual_growth_pct", "note", "source_quality", "url"),
    "dalian_official_gdp.csv": ("year", "gdp_level_yi_yuan", "real_growth_pct", "source_kind", "note",
                                "source_quality", "url"),
    "dalian_gwr_facts.csv": ("report_year", "target_year", "gdp_growth_target_text", "target_value",
                             "target_qualifier", "prev_year", "prev_year_gdp_growth_text", "prev_year_value",
                             "note", "source_quality", "url"),
    "jinpu_facts.csv": ("year", "indicator", "value", "unit", "note", "source_quality", "url"),
}

COLUMNS = [
    "jurisdiction", "year", "indicator", "measure", "kind", "role", "value", "value_high", "unit",
    "qualifier", "text", "source_kind", "source_quality", "source_file", "source_row", "source_field",
    "url", "note", "preferred",
]

JURISDICTIONS = ("china", "liaoning", "dalian", "jinzhou")
KINDS = ("target", "stretch_target", "estimate", "official", "outcome")
QUALIFIERS = (
    "exact", "about", "at_least", "at_most", "greater_than", "less_than", "range", "qualitative",
    "none",     # no target was set (national 2020)
    "unknown",  # a number is known but not the wording around it (Dalian 2025)
)
QUALITIES = ("official", "news", "secondary copy", "unstated")

# ---- preferred rule ---------------------------------------------------------------------
#: 1. source quality: official over news over secondary copy ('unstated' = national file, no column).
QUALITY_RANK = {"official": 0, "news": 1, "secondary copy": 2, "unstated": 3}
#: 2. for outcomes: a statistical-authority figure over an unlabelled actual over a work report's estimate.
KIND_RANK = {"target": 0, "stretch_target": 0, "official": 0, "outcome": 1, "estimate": 2}
#: 3. latest publication, by the fixed order in which Chinese GDP figures are released:
#:    work-report estimate (January) -> statistics-bureau preliminary release -> statistical
#:    bulletin -> later revision. Sources outside that chain have no known place (0).
VINTAGE_RANK = {
    "gwr": 0, "plan_report": 0, "news": 0, "secondary": 0, "computed": 0, "plan": 0,
    "nbs_prelim": 1, "stats_release": 1, "bulletin": 2, "nbs_revised": 3,
}
#: 4. ties: source_file, source_row, source_field (ascending) — deterministic.


def preferred_sort_key(row: dict) -> tuple:
    """Sort key; the smallest row of each (jurisdiction, year, indicator, measure, role) is preferred.

    >>> a = {"source_quality": "official", "kind": "estimate", "source_kind": "gwr", "source_file": "b", "source_row": 1, "source_field": "x"}
    >>> b = dict(a, source_quality="news", kind="official", source_kind="bulletin")
    >>> preferred_sort_key(a) < preferred_sort_key(b)   # quality first
    True
    """
    return (
        QUALITY_RANK[row["source_quality"]],
        KIND_RANK[row["kind"]],
        -VINTAGE_RANK[row["source_kind"]],
        row["source_file"], row["source_row"], row["source_field"],
    )


def role_of(kind: str) -> str:
    return kind if kind in ("target", "stretch_target") else "outcome"


# ---- qualifier from wording -----------------------------------------------------------------
_RANGE = re.compile(r"\d(?:\.\d+)?\s*%?\s*[-–—~～至到]\s*\d")


def qualifier_from_text(text: str) -> str:
    """Qualifier carried by a target's wording.

    >>> [qualifier_from_text(t) for t in ["8%左右", "6%以上", "6.5%-7%", "7.5%", "about 5 percent", "控制在3%以内", "over half"]]
    ['about', 'at_least', 'range', 'exact', 'about', 'at_most', 'greater_than']
    """
    t = text.strip()
    if not t:
        return "none"
    if "paraphrase" in t or "similar to" in t:
        return "qualitative"
    if _RANGE.search(t):
        return "range"
    if "左右" in t or "about" in t or "~" in t or "约" in t:
        return "about"
    if "以上" in t or "or higher" in t or "or above" in t or "or more" in t:
        return "at_least"
    if "以内" in t or "不超过" in t or "or below" in t or "at most" in t:
        return "at_most"
    if "over " in t or "more than" in t or "超过" in t:
        return "greater_than"
    return "exact"


_QUALIFIER_MAP = {
    "exact": "exact", "about": "about", "range": "range", "at_least": "at_least", "none": "none",
    "other": "qualitative", "unknown": "unknown",
}

# ---- per-row judgements -------------------------------------------------------------------
# dalian_official_gdp.csv: kind of the figure and document type, with the words they rest on.
# source_kind in the original is news / bulletin / stats-bureau release; it is refined to 'gwr'
# only where the note says the figure is a work report's, and to 'secondary' for non-news pages.
OFFICIAL_GDP_META = {
    1: ("estimate", "news", "note: 'estimated' 229 billion RMB"),
    2: ("official", "bulletin", ""),
    3: ("official", "bulletin", "mirror of the bulletin, 初步核算"),
    4: ("estimate", "news", "note: 2008 GDP 'estimated'"),
    5: ("estimate", "gwr", "note: 'GWR estimate: the 2010 GWR ... gives 预计'"),
    6: ("outcome", "secondary", "note: German business guide"),
    7: ("outcome", "news", ""),
    8: ("official", "bulletin", "mirror of the bulletin, 初步核算"),
    9: ("outcome", "secondary", "note: Hang Lung investor page; year not stated on the page"),
    10: ("estimate", "gwr", "note: 'quoting the city GWR ... 2014 预计'"),
    11: ("official", "stats_release", ""),
    12: ("official", "stats_release", ""),
    13: ("outcome", "news", "note: mayor at the NPC"),
    14: ("outcome", "news", ""),
    15: ("outcome", "news", ""),
    16: ("estimate", "gwr", "note: 'From the 2020 GWR'"),
    17: ("outcome", "news", ""),
    18: ("estimate", "gwr", "note: 'GWR estimate: the 2022 GWR (mirror) gives 预计'"),
    19: ("official", "stats_release", ""),
    20: ("official", "bulletin", ""),
    21: ("outcome", "news", ""),
    22: ("official", "stats_release", "note: city press conference, 初步核算"),
    23: ("outcome", "news", ""),
    24: ("official", "stats_release", ""),
}
# (row, field) -> (text, qualifier): wording the note gives for the number in a column.
OFFICIAL_GDP_WORDING = {
    (5, "gdp_level_yi_yuan"): ("预计 4410亿", "exact"),
    (5, "real_growth_pct"): ("+15%", "exact"),
    (10, "gdp_level_yi_yuan"): ("8000亿元以上", "at_least"),
    (10, "real_growth_pct"): ("+6%左右", "about"),
    (18, "gdp_level_yi_yuan"): ("预计 7600亿", "exact"),
    (18, "real_growth_pct"): ("增长8%左右", "about"),
}

# dalian_gwr_facts.csv: source_kind of each row (the page is a work report or quotes one,
# unless the note says otherwise). Previous-year figures in a work report are 'estimate'
# (the report precedes the statistical bulletin).
GWR_SOURCE_KIND = {
    1: "gwr", 2: "gwr",
    3: "news",   # note: 'Not the report text: mayor ... told China Daily'
    4: "gwr", 5: "gwr", 6: "gwr",
    7: "news",   # JETRO: 'the city set its 2019 full-year GRP growth target'
    8: "gwr", 9: "gwr", 10: "gwr", 11: "gwr", 12: "gwr", 13: "gwr",
    14: "news",  # note: 'From a 每日经济新闻 2025-07-23 summary, not the report text'
}

# liaoning_targets.csv: kind of the actual and its document; overrides where the note
# attributes the actual to a page other than the row's url.
LIAONING_ACTUAL_META = {
    4: ("outcome", "news", None),
    5: ("estimate", "gwr", None),             # 2018 Liaoning GWR
    6: ("estimate", "gwr", None),             # 2019 Liaoning GWR, 预计
    7: ("estimate", "gwr", {                  # 2020 GWR via a secondary copy, not the Global Times url
        "source_quality": "secondary copy", "url": "",
        "remark": "the note attributes this actual to the 2020 Liaoning GWR (预计 5.8%左右) via a secondary copy; "
                  "the row's url (Global Times) is the source of the target wording, so url withheld and quality "
                  "'secondary copy'"}),
    8: ("estimate", "gwr", None),             # 2023 Liaoning GWR
    9: ("outcome", "news", {                  # governor via sina 2024-04-23, not the 2023-01 Xinhua url
        "url": "",
        "remark": "url not given: the note attributes this actual to governor Li Lecheng (sina 2024-04-23); the "
                  "row's url (Xinhua 2023-01-13) predates the outcome and is the source of the target only"}),
    10: ("estimate", "plan_report", None),    # provincial plan report 2025-01-16
    11: ("estimate", "gwr", None),            # 2026 Liaoning GWR
}
LIAONING_ACTUAL_WORDING = {6: ("+5.6%左右", "about"), 7: ("预计 5.8%左右", "about")}
# Document type behind each Liaoning target (and the note facts of that row).
LIAONING_TARGET_SOURCE_KIND = {
    1: "secondary",    # withheld mirror page; document type not stated
    3: "gwr",          # note: '2015 Liaoning GWR'
    7: "news",         # note: 'Target wording from Global Times'
    9: "news",         # Xinhua report of the 2023 GWR
    12: "gwr",         # note: '2026 target from the same report' (the 2026 Liaoning GWR)
}

JINPU_INDICATORS = {
    # original indicator -> (indicator, measure, kind, qualifier)
    "target_share_of_dalian_gdp": ("gdp_share_of_dalian", "share", "target", "greater_than"),  # 'over half'
    "gdp_level_estimate": ("gdp", "level", "estimate", "exact"),
    "gdp_real_growth": ("gdp", "growth", "outcome", "exact"),
    "share_of_dalian_gdp": ("gdp_share_of_dalian", "share", "outcome", "about"),           # 约占
    "gdp_level_h1": ("gdp", "level_h1", "outcome", "exact"),
    "gdp_level": ("gdp", "level", "outcome", "exact"),
    "share_of_dalian_gdp_computed": ("gdp_share_of_dalian", "share", "outcome", "exact"),
    "trade_share_of_liaoning": ("trade_share_of_liaoning", "share", "outcome", "exact"),
    "tax_revenue": ("tax_revenue", "level", "outcome", "exact"),
}
# Document type of each jinpu_facts.csv row, from its note / url.
JINPU_SOURCE_KIND = {
    1: "plan",        # plan stated at the creation of 金州新区 (Apr-2010)
    2: "news", 3: "news", 4: "news",  # Jinpu government news (dljp.gov.cn)
    5: "secondary",   # mirror page, document type not stated
    6: "news",        # DALIANNEWS (english.runsky.com)
    7: "computed",    # note: 'COMPUTED here (not on page)'
    8: "news",        # chinaservicesinfo.com (China Daily)
    9: "secondary", 10: "secondary",  # note: 'Baike-style mirror'
    11: "news",       # China Daily subsite
}
JINPU_WORDING = {1: "over half of Dalian", 4: "约占全市21.3%"}
UNITS = {"percent": "%", "亿元": "亿元"}

# ---- facts stated in notes ---------------------------------------------------------------------
# (file, row, evidence, jurisdiction, year, indicator, measure, kind, number, factor, unit, qualifier)
# `evidence` must occur verbatim in the row's note; `number` must occur verbatim in `evidence`;
# value = float(number) * factor (factor 10 converts 'bn yuan' to 亿元). Declines are stored positive.
NOTE_FACTS = [
    # national: the revision of 2014
    ("national_gdp_targets.csv", 10, "preliminary 7.4 later revised to 7.3", "china", 2014, "gdp", "growth", "official", "7.3", 1, "%", "exact"),
    # Liaoning work reports: other targets on the same page, previous-year levels
    ("liaoning_targets.csv", 3, "FAI 6%左右", "liaoning", 2015, "fai", "growth", "target", "6", 1, "%", "about"),
    ("liaoning_targets.csv", 3, "retail 11%左右", "liaoning", 2015, "retail", "growth", "target", "11", 1, "%", "about"),
    ("liaoning_targets.csv", 3, "exports 5%左右", "liaoning", 2015, "exports", "growth", "target", "5", 1, "%", "about"),
    ("liaoning_targets.csv", 3, "revenue 2%左右", "liaoning", 2015, "budget_revenue", "growth", "target", "2", 1, "%", "about"),
    ("liaoning_targets.csv", 5, "2017 GDP 2.3942 trillion", "liaoning", 2017, "gdp", "level", "estimate", "2.3942", 10000, "亿元", "exact"),
    ("liaoning_targets.csv", 6, "2018 预计 25300亿", "liaoning", 2018, "gdp", "level", "estimate", "25300", 1, "亿元", "exact"),
    ("liaoning_targets.csv", 9, "FAI +10%", "liaoning", 2023, "fai", "growth", "target", "10", 1, "%", "exact"),
    ("liaoning_targets.csv", 9, "retail +7%", "liaoning", 2023, "retail", "growth", "target", "7", 1, "%", "exact"),
    ("liaoning_targets.csv", 9, "trade +6%", "liaoning", 2023, "trade", "growth", "target", "6", 1, "%", "exact"),
    ("liaoning_targets.csv", 10, "2024 GDP 32612.7亿", "liaoning", 2024, "gdp", "level", "estimate", "32612.7", 1, "亿元", "exact"),
    ("liaoning_targets.csv", 12, "revenue 2.5%左右", "liaoning", 2026, "budget_revenue", "growth", "target", "2.5", 1, "%", "about"),
    # Dalian statistics pages
    ("dalian_official_gdp.csv", 7, "5-yr avg growth 16.3%", "dalian", 2010, "gdp", "avg_growth", "outcome", "16.3", 1, "%", "exact"),
    ("dalian_official_gdp.csv", 13, "FAI +15.1%", "dalian", 2017, "fai", "growth", "outcome", "15.1", 1, "%", "exact"),
    ("dalian_official_gdp.csv", 13, "revenue +7.5%", "dalian", 2017, "budget_revenue", "growth", "outcome", "7.5", 1, "%", "exact"),
    ("dalian_official_gdp.csv", 17, "revenue +1.4%", "dalian", 2020, "budget_revenue", "growth", "outcome", "1.4", 1, "%", "exact"),
    ("dalian_official_gdp.csv", 17, "FAI +0.1%", "dalian", 2020, "fai", "growth", "outcome", "0.1", 1, "%", "exact"),
    # Dalian work reports: previous-year figures (estimates) and other targets
    ("dalian_gwr_facts.csv", 1, "2004 初步核算 GDP 1961.8亿", "dalian", 2004, "gdp", "level", "estimate", "1961.8", 1, "亿元", "exact"),
    ("dalian_gwr_facts.csv", 1, "FAI 716.2亿 +41.3%", "dalian", 2004, "fai", "level", "estimate", "716.2", 1, "亿元", "exact"),
    ("dalian_gwr_facts.csv", 1, "FAI 716.2亿 +41.3%", "dalian", 2004, "fai", "growth", "estimate", "41.3", 1, "%", "exact"),
    ("dalian_gwr_facts.csv", 1, "retail 645.2亿 +13.5%", "dalian", 2004, "retail", "level", "estimate", "645.2", 1, "亿元", "exact"),
    ("dalian_gwr_facts.csv", 1, "retail 645.2亿 +13.5%", "dalian", 2004, "retail", "growth", "estimate", "13.5", 1, "%", "exact"),
    ("dalian_gwr_facts.csv", 1, "revenue 117.2亿 +16.5%", "dalian", 2004, "budget_revenue", "level", "estimate", "117.2", 1, "亿元", "exact"),
    ("dalian_gwr_facts.csv", 1, "revenue 117.2亿 +16.5%", "dalian", 2004, "budget_revenue", "growth", "estimate", "16.5", 1, "%", "exact"),
    ("dalian_gwr_facts.csv", 2, "revenue 13% (力争14%)", "dalian", 2006, "budget_revenue", "growth", "target", "13", 1, "%", "exact"),
    ("dalian_gwr_facts.csv", 2, "revenue 13% (力争14%)", "dalian", 2006, "budget_revenue", "growth", "stretch_target", "14", 1, "%", "exact"),
    ("dalian_gwr_facts.csv", 2, "FAI 20% (力争30%)", "dalian", 2006, "fai", "growth", "target", "20", 1, "%", "exact"),
    ("dalian_gwr_facts.csv", 2, "FAI 20% (力争30%)", "dalian", 2006, "fai", "growth", "stretch_target", "30", 1, "%", "exact"),
    ("dalian_gwr_facts.csv", 2, "retail 13%左右", "dalian", 2006, "retail", "growth", "target", "13", 1, "%", "about"),
    ("dalian_gwr_facts.csv", 2, "exports 15%左右", "dalian", 2006, "exports", "growth", "target", "15", 1, "%", "about"),
    ("dalian_gwr_facts.csv", 2, "FDI 30%左右", "dalian", 2006, "fdi", "growth", "target", "30", 1, "%", "about"),
    ("dalian_gwr_facts.csv", 2, "energy intensity -4% (力争5%)", "dalian", 2006, "energy_intensity", "decline", "target", "4", 1, "%", "exact"),
    ("dalian_gwr_facts.csv", 2, "energy intensity -4% (力争5%)", "dalian", 2006, "energy_intensity", "decline", "stretch_target", "5", 1, "%", "exact"),
    ("dalian_gwr_facts.csv", 3, "FAI 251 bn +30%", "dalian", 2008, "fai", "level", "estimate", "251", 10, "亿元", "exact"),
    ("dalian_gwr_facts.csv", 3, "FAI 251 bn +30%", "dalian", 2008, "fai", "growth", "estimate", "30", 1, "%", "exact"),
    ("dalian_gwr_facts.csv", 4, "revenue 400.2亿 +18%", "dalian", 2009, "budget_revenue", "level", "estimate", "400.2", 1, "亿元", "exact"),
    ("dalian_gwr_facts.csv", 4, "revenue 400.2亿 +18%", "dalian", 2009, "budget_revenue", "growth", "estimate", "18", 1, "%", "exact"),
    ("dalian_gwr_facts.csv", 4, "IVA 1733亿 +17.5%", "dalian", 2009, "industry_va", "level", "estimate", "1733", 1, "亿元", "exact"),
    ("dalian_gwr_facts.csv", 4, "IVA 1733亿 +17.5%", "dalian", 2009, "industry_va", "growth", "estimate", "17.5", 1, "%", "exact"),
    ("dalian_gwr_facts.csv", 5, "FAI 6800亿 +5%左右", "dalian", 2014, "fai", "level", "estimate", "6800", 1, "亿元", "exact"),
    ("dalian_gwr_facts.csv", 5, "FAI 6800亿 +5%左右", "dalian", 2014, "fai", "growth", "estimate", "5", 1, "%", "about"),
    ("dalian_gwr_facts.csv", 5, "revenue 780.8亿 -8.2%", "dalian", 2014, "budget_revenue", "level", "estimate", "780.8", 1, "亿元", "exact"),
    ("dalian_gwr_facts.csv", 5, "revenue 780.8亿 -8.2%", "dalian", 2014, "budget_revenue", "growth", "estimate", "-8.2", 1, "%", "exact"),
    ("dalian_gwr_facts.csv", 5, "retail +12%左右", "dalian", 2014, "retail", "growth", "estimate", "12", 1, "%", "about"),
    ("dalian_gwr_facts.csv", 8, "IVA +16.1%", "dalian", 2019, "industry_va", "growth", "estimate", "16.1", 1, "%", "exact"),
    ("dalian_gwr_facts.csv", 8, "revenue -1.6% (+11.5% comparable)", "dalian", 2019, "budget_revenue", "growth", "estimate", "-1.6", 1, "%", "exact"),
    ("dalian_gwr_facts.csv", 8, "FAI -19.8% (+11% excl. Hengli/Intel base)", "dalian", 2019, "fai", "growth", "estimate", "-19.8", 1, "%", "exact"),
    ("dalian_gwr_facts.csv", 9, "revenue +1%", "dalian", 2021, "budget_revenue", "growth", "target", "1", 1, "%", "exact"),
    ("dalian_gwr_facts.csv", 9, "IVA 6.5%以上", "dalian", 2021, "industry_va", "growth", "target", "6.5", 1, "%", "at_least"),
    ("dalian_gwr_facts.csv", 9, "FAI 6.5%以上", "dalian", 2021, "fai", "growth", "target", "6.5", 1, "%", "at_least"),
    ("dalian_gwr_facts.csv", 9, "retail +10%", "dalian", 2021, "retail", "growth", "target", "10", 1, "%", "exact"),
    ("dalian_gwr_facts.csv", 9, "trade +2%", "dalian", 2021, "trade", "growth", "target", "2", 1, "%", "exact"),
    ("dalian_gwr_facts.csv", 9, "FDI 10%以上", "dalian", 2021, "fdi", "growth", "target", "10", 1, "%", "at_least"),
    ("dalian_gwr_facts.csv", 9, "R&D 3% of GDP", "dalian", 2021, "rd_intensity", "rate", "target", "3", 1, "%", "exact"),
    ("dalian_gwr_facts.csv", 10, "revenue +5%", "dalian", 2022, "budget_revenue", "growth", "target", "5", 1, "%", "exact"),
    ("dalian_gwr_facts.csv", 10, "IVA +15%", "dalian", 2022, "industry_va", "growth", "target", "15", 1, "%", "exact"),
    ("dalian_gwr_facts.csv", 10, "FAI 12%以上", "dalian", 2022, "fai", "growth", "target", "12", 1, "%", "at_least"),
    ("dalian_gwr_facts.csv", 10, "retail +10%", "dalian", 2022, "retail", "growth", "target", "10", 1, "%", "exact"),
    ("dalian_gwr_facts.csv", 10, "trade +8%", "dalian", 2022, "trade", "growth", "target", "8", 1, "%", "exact"),
    ("dalian_gwr_facts.csv", 10, "FDI 15%以上", "dalian", 2022, "fdi", "growth", "target", "15", 1, "%", "at_least"),
    ("dalian_gwr_facts.csv", 10, "R&D 3.1%", "dalian", 2022, "rd_intensity", "rate", "target", "3.1", 1, "%", "exact"),
    ("dalian_gwr_facts.csv", 11, "2021 revenue 737.6亿 +5%", "dalian", 2021, "budget_revenue", "level", "estimate", "737.6", 1, "亿元", "exact"),
    ("dalian_gwr_facts.csv", 11, "2021 revenue 737.6亿 +5%", "dalian", 2021, "budget_revenue", "growth", "estimate", "5", 1, "%", "exact"),
    ("dalian_gwr_facts.csv", 11, "IVA +15%", "dalian", 2021, "industry_va", "growth", "estimate", "15", 1, "%", "exact"),
    ("dalian_gwr_facts.csv", 11, "retail +6%", "dalian", 2021, "retail", "growth", "estimate", "6", 1, "%", "exact"),
    ("dalian_gwr_facts.csv", 11, "FDI +153%", "dalian", 2021, "fdi", "growth", "estimate", "153", 1, "%", "exact"),
    ("dalian_gwr_facts.csv", 13, "revenue ~8% (after tax cuts)", "dalian", 2022, "budget_revenue", "growth", "estimate", "8", 1, "%", "about"),
    ("dalian_gwr_facts.csv", 13, "FAI 7.5%左右", "dalian", 2022, "fai", "growth", "estimate", "7.5", 1, "%", "about"),
    ("dalian_gwr_facts.csv", 13, "IVA 5%以上", "dalian", 2022, "industry_va", "growth", "estimate", "5", 1, "%", "at_least"),
    ("dalian_gwr_facts.csv", 13, "trade 10%以上", "dalian", 2022, "trade", "growth", "estimate", "10", 1, "%", "at_least"),
    ("dalian_gwr_facts.csv", 13, "FDI +15%", "dalian", 2022, "fdi", "growth", "estimate", "15", 1, "%", "exact"),
    ("dalian_gwr_facts.csv", 13, "CPI +2.5%", "dalian", 2022, "cpi", "growth", "estimate", "2.5", 1, "%", "exact"),
    # Jinzhou / Jinpu New Area
    ("jinpu_facts.csv", 4, "Also FAI 1570亿", "jinzhou", 2014, "fai", "level", "outcome", "1570", 1, "亿元", "exact"),
    ("jinpu_facts.csv", 5, "growth +6.4%", "jinzhou", 2017, "gdp", "growth_h1", "outcome", "6.4", 1, "%", "exact"),
    ("jinpu_facts.csv", 8, "Import+export 284.6 bn yuan, +29.13%", "jinzhou", 2017, "trade", "level", "outcome", "284.6", 10, "亿元", "exact"),
    ("jinpu_facts.csv", 8, "Import+export 284.6 bn yuan, +29.13%", "jinzhou", 2017, "trade", "growth", "outcome", "29.13", 1, "%", "exact"),
    ("jinpu_facts.csv", 11, "general public budget revenue 21.03 bn", "jinzhou", 2021, "budget_revenue", "level", "outcome", "21.03", 10, "亿元", "exact"),
]

# The stretch goal written in a target's own wording (增长13%,力争14%).
TEXT_STRETCH = [("dalian_gwr_facts.csv", 2, "力争14%", "14")]

# Notes whose facts were deliberately NOT turned into rows, with the reason (see README).
NOT_REPRESENTED = [
    ("liaoning_targets.csv", 1, "FAI target +20%; 2010 GDP 18278亿; 11th-FYP avg 14%", "attributed to china.org.cn / the 2011 GWR, not the row's own (withheld) page"),
    ("liaoning_targets.csv", 2, "2013 Q1-3 +8.7%; full year expected ~9%", "not an annual figure / an analyst's expectation"),
    ("liaoning_targets.csv", 8, "2022 bulletin 28975.1亿 +2.1%", "attributed to a secondary copy, not the row's url"),
    ("dalian_official_gdp.csv", 8, "2012 GWR estimate 610 bn +14% for 2011", "attributed to english.runsky.com, not the row's page"),
    ("dalian_official_gdp.csv", 11, "m.78911.com.cn 8234.2 / share 30.2%", "other page; level called doubtful"),
    ("dalian_official_gdp.csv", 20, "2023 '突破9000亿元'", "attributed to 中新网 2026, not the row's page"),
    ("dalian_gwr_facts.csv", 6, "revenue +7%, FAI ~10%, retail ~8%", "the note does not say whether these are 2019 targets or 2018 outcomes"),
    ("jinpu_facts.csv", 1, "2010 FAI expected 1400亿", "'expected' in a plan: unclear whether a target or an estimate"),
    ("various", 0, "primary/secondary/tertiary value added, trade/industry shares of city, H1 city figures", "no vocabulary code / not annual; kept in notes only"),
]


# ---- helpers ------------------------------------------------------------------------------------
def _read(original_dir: Path, name: str) -> list[CsvRow]:
    """The rows of one original; each row knows its file and line, and every error names them."""
    return read_csv_rows(original_dir / name, ORIGINAL_COLUMNS[name], shown=str(original_dir / name))


def _by_row(table: dict, name: str, r: CsvRow, i: int):
    """The judgement ``table[i]`` about data row ``i``, or an error naming the row's file and line."""
    if i not in table:
        raise r.error(f"data row {i} has no entry in {name} (reference_build.py describes the rows of this file "
                      "by position: a row was added, removed or moved?)")
    return table[i]


def _row_count(rows: list[CsvRow], table: dict, name: str) -> None:
    """Refuse a file whose number of data rows differs from the per-row judgements of ``name``."""
    if len(rows) != len(table):
        raise SourceError(f"{len(rows)} data rows, but {name} in reference_build.py describes {len(table)} (a row "
                          "was added or removed?)", file=rows[0].file, line=None)


def _url_remark(url: str, quality: str) -> str:
    if url:
        return ""
    if "url withheld" in quality:
        return "url withheld (mirror site) in the original"
    return "url not given in the original"


def _quality(cell: str, r: CsvRow | None = None) -> str:
    """The quality tier of a ``source_quality`` cell; an unknown one names the row ``r`` when given."""
    cell = cell.strip()
    if cell.startswith("secondary copy"):
        return "secondary copy"
    if cell not in ("official", "news"):
        message = f"column 'source_quality': {cell!r} is not official, news or secondary copy (…)"
        raise r.error(message) if r is not None else ValueError(message)
    return cell


def _note(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def _bracket(remark: str) -> str:
    """A build remark, bracketed so that it is told apart from the original note that follows."""
    return f"[{remark}]" if remark else ""


def _rec(**kw) -> dict:
    kw.setdefault("value_high", math.nan)
    kw["role"] = role_of(kw["kind"])
    kw["preferred"] = False
    return kw


# ---- per-file conversions ---------------------------------------------------------------------------
def _national(rows: list[dict]) -> list[dict]:
    f = "national_gdp_targets.csv"
    out = []
    readme = ("url not given in the original (this file has no url or source_quality column); per the "
              "reference README, targets are the State Council's government work report and actuals the NBS "
              "preliminary release of the following January.")
    for i, r in enumerate(rows, 1):
        year, text = r.number("year", whole=True), r["target_text"].strip()
        qual = r.choice("qualifier", _QUALIFIER_MAP)
        if qual not in ("none", "unknown", "qualitative") and qualifier_from_text(text) != qual:
            raise r.error(f"qualifier {qual} disagrees with text {text!r}")
        out.append(_rec(
            jurisdiction="china", year=year, indicator="gdp", measure="growth", kind="target",
            value=r.number("target_value"), value_high=r.number("target_value_high"), unit="%",
            qualifier=qual, text=text, source_kind="gwr", source_quality="unstated", source_file=f,
            source_row=i, source_field="target_value", url="", note=_note(_bracket(readme), r["note"])))
        if r["actual_prelim_pct"].strip():
            out.append(_rec(
                jurisdiction="china", year=year, indicator="gdp", measure="growth", kind="official",
                value=r.number("actual_prelim_pct"), unit="%", qualifier="exact",
                text=r["actual_prelim_pct"].strip(), source_kind="nbs_prelim", source_quality="unstated",
                source_file=f, source_row=i, source_field="actual_prelim_pct", url="",
                note=_note(_bracket(readme), r["note"])))
    return out


def _liaoning(rows: list[dict]) -> list[dict]:
    f = "liaoning_targets.csv"
    out = []
    for i, r in enumerate(rows, 1):
        year, text, url = r.number("year", whole=True), r["target_text"].strip(), r["url"].strip()
        quality = _quality(r["source_quality"], r)
        if text or r["target_value"].strip():
            qual = r.choice("qualifier", _QUALIFIER_MAP)
            if qual not in ("none", "unknown", "qualitative") and qualifier_from_text(text) != qual:
                raise r.error(f"qualifier {qual} disagrees with text {text!r}")
            out.append(_rec(
                jurisdiction="liaoning", year=year, indicator="gdp", measure="growth", kind="target",
                value=r.number("target_value"), value_high=r.number("target_value_high"), unit="%",
                qualifier=qual, text=text,
                source_kind=_by_row(LIAONING_TARGET_SOURCE_KIND, "LIAONING_TARGET_SOURCE_KIND", r, i),
                source_quality=quality, source_file=f, source_row=i, source_field="target_value", url=url,
                note=_note(_bracket(_url_remark(url, r["source_quality"])), r["note"])))
        if r["actual_growth_pct"].strip():
            kind, skind, over = _by_row(LIAONING_ACTUAL_META, "LIAONING_ACTUAL_META", r, i)
            over = over or {}
            a_url = over.get("url", url)
            a_quality = over.get("source_quality", quality)
            wtext, wqual = LIAONING_ACTUAL_WORDING.get(i, (r["actual_growth_pct"].strip(), "exact"))
            if i in LIAONING_ACTUAL_WORDING:
                _check_in(wtext.lstrip("+"), r)
            remark = over.get("remark", "") or _url_remark(a_url, r["source_quality"])
            out.append(_rec(
                jurisdiction="liaoning", year=year, indicator="gdp", measure="growth", kind=kind,
                value=r.number("actual_growth_pct"), unit="%", qualifier=wqual, text=wtext, source_kind=skind,
                source_quality=a_quality, source_file=f, source_row=i, source_field="actual_growth_pct",
                url=a_url, note=_note(f"[{remark}]" if remark else "", r["note"])))
    return out


def _check_in(needle: str, r: CsvRow, column: str = "note") -> None:
    if needle not in r[column]:
        raise r.error(f"expected the words {needle!r} in column {column!r} (reference_build.py relies on them)")


def _dalian_official(rows: list[dict]) -> list[dict]:
    f = "dalian_official_gdp.csv"
    out = []
    _row_count(rows, OFFICIAL_GDP_META, "OFFICIAL_GDP_META")
    for i, r in enumerate(rows, 1):
        year, url = r.number("year", whole=True), r["url"].strip()
        quality = _quality(r["source_quality"], r)
        kind, skind, why = OFFICIAL_GDP_META[i]
        remarks = [_url_remark(url, r["source_quality"])]
        if skind != {"stats-bureau release": "stats_release"}.get(r["source_kind"], r["source_kind"]):
            remarks.append(f"source_kind '{r['source_kind']}' in the original; {why}")
        elif why:
            remarks.append(why)
        for field, measure, unit in (("gdp_level_yi_yuan", "level", "亿元"), ("real_growth_pct", "growth", "%")):
            if not r[field].strip():
                continue
            text, qual = OFFICIAL_GDP_WORDING.get((i, field), (r[field].strip(), "exact"))
            if (i, field) in OFFICIAL_GDP_WORDING:
                _check_in(text.lstrip("+"), r)
            rem = [x for x in remarks if x]
            out.append(_rec(
                jurisdiction="dalian", year=year, indicator="gdp", measure=measure, kind=kind,
                value=r.number(field), unit=unit, qualifier=qual, text=text, source_kind=skind,
                source_quality=quality, source_file=f, source_row=i, source_field=field, url=url,
                note=_note(f"[{'; '.join(rem)}]" if rem else "", r["note"])))
    return out


def _dalian_gwr(rows: list[dict]) -> list[dict]:
    f = "dalian_gwr_facts.csv"
    out = []
    _row_count(rows, GWR_SOURCE_KIND, "GWR_SOURCE_KIND")
    for i, r in enumerate(rows, 1):
        url = r["url"].strip()
        quality = _quality(r["source_quality"], r)
        skind = GWR_SOURCE_KIND[i]
        remark = _url_remark(url, r["source_quality"])
        note = _note(f"[{remark}]" if remark else "", r["note"])
        text = r["gdp_growth_target_text"].strip()
        if text or r["target_value"].strip():
            qual = r.choice("target_qualifier", _QUALIFIER_MAP)
            main_text = text.split(",力争")[0] if "力争" in text else text
            if qual not in ("none", "unknown", "qualitative") and qualifier_from_text(main_text) != qual:
                raise r.error(f"qualifier {qual} disagrees with text {text!r}")
            out.append(_rec(
                jurisdiction="dalian", year=r.number("target_year", whole=True), indicator="gdp",
                measure="growth", kind="target", value=r.number("target_value"), unit="%", qualifier=qual, text=text,
                source_kind=skind, source_quality=quality, source_file=f, source_row=i,
                source_field="target_value", url=url, note=note))
        if r["prev_year_value"].strip():
            ptext = r["prev_year_gdp_growth_text"].strip()
            out.append(_rec(
                jurisdiction="dalian", year=r.number("prev_year", whole=True), indicator="gdp",
                measure="growth", kind="estimate", value=r.number("prev_year_value"), unit="%", qualifier=qualifier_from_text(ptext),
                text=ptext, source_kind=skind, source_quality=quality, source_file=f, source_row=i,
                source_field="prev_year_value",
                url=url, note=_note("[a work report's figure for the year just ended: kind 'estimate']", note)))
    for file, row, words, number in TEXT_STRETCH:
        r = rows[row - 1]
        _check_in(words, r, "gdp_growth_target_text")
        if number not in words:  # pragma: no cover - a slip in TEXT_STRETCH itself
            raise ValueError(f"TEXT_STRETCH: {number!r} not in {words!r}")
        url = r["url"].strip()
        out.append(_rec(
            jurisdiction="dalian", year=r.number("target_year", whole=True), indicator="gdp",
            measure="growth", kind="stretch_target", value=float(number), unit="%", qualifier="exact", text=words,
            source_kind=GWR_SOURCE_KIND[row], source_quality=_quality(r["source_quality"], r), source_file=f,
            source_row=row, source_field="gdp_growth_target_text", url=url,
            note=_note(f"[stretch goal (力争) from the target wording «{r['gdp_growth_target_text']}»]", r["note"])))
    return out


def _jinpu(rows: list[dict]) -> list[dict]:
    f = "jinpu_facts.csv"
    out = []
    for i, r in enumerate(rows, 1):
        url = r["url"].strip()
        indicator, measure, kind, qual = r.choice("indicator", JINPU_INDICATORS)
        skind = _by_row(JINPU_SOURCE_KIND, "JINPU_SOURCE_KIND", r, i)
        if not r["value"].strip():
            continue
        remarks = [_url_remark(url, r["source_quality"]), f"original indicator '{r['indicator']}'"]
        if i == 1:
            remarks.append("year is the year the plan was stated; the note gives the horizon as 5-10 years")
        text = JINPU_WORDING.get(i, r["value"].strip())
        if i in JINPU_WORDING:
            _check_in(text, r)
        out.append(_rec(
            jurisdiction="jinzhou", year=r.number("year", whole=True), indicator=indicator, measure=measure,
            kind=kind, value=r.number("value"), unit=r.choice("unit", UNITS), qualifier=qual, text=text,
            source_kind=skind, source_quality=_quality(r["source_quality"], r), source_file=f, source_row=i,
            source_field="value", url=url, note=_note(f"[{'; '.join(x for x in remarks if x)}]", r["note"])))
    return out


def _row_source_kind(f: str, i: int, kind: str, r: dict) -> str:
    """Document type for a fact taken from the note of row ``i`` of file ``f``."""
    if f == "national_gdp_targets.csv":
        return "nbs_revised"
    if f == "dalian_official_gdp.csv":
        return OFFICIAL_GDP_META[i][1]
    if f == "dalian_gwr_facts.csv":
        return GWR_SOURCE_KIND[i]
    if f == "jinpu_facts.csv":
        return JINPU_SOURCE_KIND[i]
    if kind in ("target", "stretch_target"):
        return LIAONING_TARGET_SOURCE_KIND[i]
    return LIAONING_ACTUAL_META[i][1]


def _note_facts(tables: dict[str, list[dict]]) -> list[dict]:
    out = []
    for (f, i, evidence, jur, year, ind, measure, kind, number, factor, unit, qual) in NOTE_FACTS:
        if i > len(tables[f]):
            raise SourceError(f"NOTE_FACTS in reference_build.py reads data row {i}, but the file has "
                              f"{len(tables[f])} (a row was removed?)", file=str(f))
        r = tables[f][i - 1]
        _check_in(evidence, r)
        if number not in evidence:  # pragma: no cover - a slip in NOTE_FACTS itself
            raise ValueError(f"NOTE_FACTS: number {number!r} not in evidence {evidence!r}")
        raw_q = r.get("source_quality", "")
        quality = _quality(r["source_quality"], r) if raw_q else "unstated"
        url = r.get("url", "").strip()
        skind = _row_source_kind(f, i, kind, r)
        remark = "; ".join(x for x in (
            f"from note: «{evidence}»",
            "bn yuan converted to 亿元 (x10)" if factor == 10 else "",
            "trillion converted to 亿元 (x10000)" if factor == 10000 else "",
            "a decline, stored as a positive number" if measure == "decline" else "",
            _url_remark(url, raw_q) if f != "national_gdp_targets.csv" else "url not given in the original",
        ) if x)
        out.append(_rec(
            jurisdiction=jur, year=year, indicator=ind, measure=measure, kind=kind,
            value=round(float(number) * factor, 6), unit=unit, qualifier=qual, text=evidence,
            source_kind=skind, source_quality=quality, source_file=f, source_row=i, source_field="note",
            url=url, note=_note(f"[{remark}]", r["note"])))
    return out


def _mark_preferred(records: list[dict]) -> None:
    groups: dict[tuple, list[dict]] = {}
    for rec in records:
        key = (rec["jurisdiction"], rec["year"], rec["indicator"], rec["measure"], rec["role"])
        groups.setdefault(key, []).append(rec)
    for members in groups.values():
        min(members, key=preferred_sort_key)["preferred"] = True


def _validate(records: list[dict], tables: dict[str, list[CsvRow]]) -> None:
    """Check every record; a bad one is refused naming the file and line of the row it came from."""
    seen: set[tuple] = set()
    for rec in records:
        problem = _record_problem(rec, seen)
        if problem:
            row = tables[rec["source_file"]][rec["source_row"] - 1]
            raise row.error(f"({rec['indicator']} {rec['measure']} {rec['kind']}, from column "
                            f"{rec['source_field']!r}): {problem}")


def _record_problem(rec: dict, seen: set) -> str:
    if lookup(rec["indicator"]) != rec["indicator"]:
        return "indicator code not in the vocabulary (indicators.csv)"
    for col, allowed in (("jurisdiction", JURISDICTIONS), ("kind", KINDS), ("qualifier", QUALIFIERS),
                         ("source_quality", QUALITIES)):
        if rec[col] not in allowed:
            return f"{col} {rec[col]!r} not in {allowed}"
    if rec["source_kind"] not in VINTAGE_RANK:
        return f"unknown source_kind {rec['source_kind']!r}"
    if rec["qualifier"] == "range" and math.isnan(rec["value_high"]):
        return "range without value_high"
    if not rec["url"] and "url withheld" not in rec["note"] and "url not given" not in rec["note"]:
        return "no url and no note saying why"
    ident = (rec["source_file"], rec["source_row"], rec["source_field"], rec["indicator"], rec["measure"],
             rec["kind"], rec["year"])
    if ident in seen:
        return "duplicate row"
    seen.add(ident)
    return ""


def build_reference_series(original_dir) -> "pd.DataFrame":  # noqa: F821
    """The tidy reference table built from the five original CSVs in ``original_dir``.

    One row per number; columns :data:`COLUMNS`; sorted deterministically.

    >>> df = build_reference_series(default_original_dir())
    >>> sorted(df.jurisdiction.unique())
    ['china', 'dalian', 'jinzhou', 'liaoning']
    """
    import pandas as pd

    original_dir = Path(original_dir)
    tables = {name: _read(original_dir, name) for name in ORIGINAL_FILES}
    records = (
        _national(tables["national_gdp_targets.csv"])
        + _liaoning(tables["liaoning_targets.csv"])
        + _dalian_official(tables["dalian_official_gdp.csv"])
        + _dalian_gwr(tables["dalian_gwr_facts.csv"])
        + _jinpu(tables["jinpu_facts.csv"])
        + _note_facts(tables)
    )
    _validate(records, tables)
    _mark_preferred(records)
    jur_order = {j: k for k, j in enumerate(JURISDICTIONS)}
    kind_order = {k: n for n, k in enumerate(KINDS)}
    records.sort(key=lambda r: (
        jur_order[r["jurisdiction"]], r["year"], r["indicator"], r["measure"], kind_order[r["kind"]],
        not r["preferred"], r["source_file"], r["source_row"], r["source_field"], r["text"]))
    df = pd.DataFrame.from_records(records, columns=COLUMNS)
    return df.astype({"year": "int64", "source_row": "int64", "value": "float64", "value_high": "float64",
                      "preferred": "bool"})


def render_csv(df) -> str:
    """The CSV text written for ``df`` (UTF-8, LF line ends, empty cells for missing values)."""
    return df.to_csv(index=False, lineterminator="\n", na_rep="")


def default_original_dir() -> Path:
    return data_dir() / "reference" / "original"


def default_output() -> Path:
    return data_dir() / "reference" / "reference_series.csv"


def write_atomic(text: str, path: Path) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same directory and ``os.replace``."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def main(argv: list[str] | None = None) -> int:
    """Rebuild ``data/reference/reference_series.csv`` from ``data/reference/original/``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--original-dir", type=Path, default=None)
    parser.add_argument("--output", type=Path, default=None)
    args = parser.parse_args(argv)
    df = build_reference_series(args.original_dir or default_original_dir())
    out = args.output or default_output()
    write_atomic(render_csv(df), out)
    print(f"wrote {len(df)} rows to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
