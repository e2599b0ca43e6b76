"""The project's judgements about each row of the five reference originals, as data beside the builder.

What kind of figure each row holds (a work report's estimate, a statistics-bureau release, a news page), which
wording a note gives for a number, which facts stated only in a note become rows (with the exact words they rest
on, which :mod:`.reference_build` checks are present), and which deliberately do not. The builder applies them;
a row count that does not match the original is an error naming the table here.
"""
from __future__ import annotations

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
