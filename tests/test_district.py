"""Jinzhou District (Jinpu New Area) figures and their pairing with Dalian's.

Every expected value below was transcribed by hand from the raw lines of
data/raw/002_jinzhou_work_report_2021_zh.txt (lines 18, 40–54, 66, 70, 94) and, for the city
side, data/raw/004_dalian_14th_five_year_plan_outline_zh.txt (13th-plan table lines 35–77,
14th-plan table lines 179–204). Nothing here is copied from the code's output.

Extractor defects found while checking 002 against the table are written as ``xfail`` tests
naming the raw line (they are listed in the hand-over report too):

* line 94 — 一般公共预算收入金州行政区口径为152.3亿元 is not read (it sits before 具体如下, outside
  the span the extractor starts at the second 2020年，);
* line 54 — 新增就业7.4万人 in the five-year review is a five-year total (the city's own table
  prints new employment as a bracketed five-year figure, [55], line 54 of 004) but is dated
  2020–2020;
* line 44 — 政府投资类项目1586个 (with 累计投资76亿元) is a five-year count, dated 2020–2020;
* line 66 — in 单位地区生产总值能耗、二氧化碳排放达到上级要求 the second subject loses the shared
  单位地区生产总值, so the CO2-intensity target has no indicator code.

A fifth, the missing 新区口径 basis of the line-94 figures, was fixed in the extractor meanwhile
(commit d44cf18) and is now a plain test.
"""
from __future__ import annotations

import doctest
import math

import pandas as pd
import pytest

from dalian_reports.sources.raw import read_source
from dalian_reports.pipeline.tables import district as district_module
from dalian_reports.pipeline.tables.district import COLUMNS, district_figures, district_vs_city
from dalian_reports.pipeline.tables.headline import COLUMNS as HEADLINE_COLUMNS
from dalian_reports.pipeline.tables.headline import headline_figures

RAW_002 = read_source("002").lines
RAW_004 = read_source("004").lines


@pytest.fixture(scope="module")
def figures():
    return district_figures()


@pytest.fixture(scope="module")
def pairs():
    return district_vs_city()


def _rows(df, line, kind):
    sub = df[(df.line == line) & (df.kind == kind)]
    return [
        (r.indicator_zh, r.measure, None if pd.isna(r.value) else r.value, r.unit or "", r.qualifier,
         r.share_of or "", int(r.period_start), int(r.period_end))
        for r in sub.fillna({"unit": "", "share_of": ""}).itertuples()
    ]


def _same(got, expected):
    assert len(got) == len(expected), (got, expected)
    for g, e in zip(got, expected):
        assert g[0] == e[0] and g[1] == e[1] and g[3:] == e[3:], (g, e)
        if e[2] is None:
            assert g[2] is None, (g, e)
        else:
            assert g[2] == pytest.approx(e[2]), (g, e)


# ------------------------------------------------------------------------------ district_figures

def test_district_figures_is_headline_figures_of_jinzhou(figures):
    h = headline_figures()
    expected = h[h.issuer == "jinzhou"].reset_index(drop=True)
    assert list(figures.columns) == HEADLINE_COLUMNS
    assert (figures.dtypes == h.dtypes).all()
    pd.testing.assert_frame_equal(figures, expected)
    assert set(figures.report_id) == {"jinzhou-2021-zh"} and set(figures.source_id) == {"002"}
    assert set(figures.lang) == {"zh"} and set(figures.report_year) == {2021}


def test_every_quote_is_on_its_raw_line(figures):
    for r in figures.itertuples():
        assert r.quote in RAW_002[r.line - 1], (r.line, r.quote)


def test_the_headline_lines_are_exactly_the_headline_paragraphs(figures):
    # 18: 2020 results; 40-54: 五年来 (13th-plan review); 66: 14th-plan goals; 70: 2021 targets;
    # 94: the New-Area figures of the glossary note (名词解释 1). Lines 44 and 46 hold only tallies (项目1586个,
    # 事业单位数量精简压缩90.5%) that name no indicator of the vocabulary: unparsed entries, not rows.
    assert sorted(set(figures.line)) == [18, 40, 42, 48, 50, 52, 54, 66, 70, 94]


# line 18: 全年实现地区生产总值2079.4亿元，同比增长0.55%；一般公共预算地方级收入192亿元；固定资产投资同比增长5.1%；
# 规模以上工业总产值占全市45.7%；规模以上工业增加值同比增长0.2%，超额完成市考指标任务；实际利用外资1.76亿美元，
# 同比增长35.4%；引进省外内资293.9亿元，同比增长20.1%；省内到位内资75亿元，完成总量和进度均居全市第一；
# 社会消费品零售总额增速高于全市平均水平；外贸进出口总额占全市61.5%；城镇常住居民人均可支配收入同比增长0.2%。
RESULTS_2020 = [
    ("地区生产总值", "level", 2079.4, "亿元", "exact", "", 2020, 2020),
    ("地区生产总值", "growth", 0.55, "%", "exact", "", 2020, 2020),
    ("一般公共预算地方级收入", "level", 192.0, "亿元", "exact", "", 2020, 2020),
    ("固定资产投资", "growth", 5.1, "%", "exact", "", 2020, 2020),
    ("规模以上工业总产值", "rate", 45.7, "%", "exact", "dalian", 2020, 2020),
    ("规模以上工业增加值", "growth", 0.2, "%", "exact", "", 2020, 2020),
    ("实际利用外资", "level", 1.76, "亿美元", "exact", "", 2020, 2020),
    ("实际利用外资", "growth", 35.4, "%", "exact", "", 2020, 2020),
    ("引进省外内资", "level", 293.9, "亿元", "exact", "", 2020, 2020),
    ("引进省外内资", "growth", 20.1, "%", "exact", "", 2020, 2020),
    ("省内到位内资", "level", 75.0, "亿元", "exact", "", 2020, 2020),
    ("社会消费品零售总额增速", "qualitative", None, "", "qualitative", "", 2020, 2020),
    ("外贸进出口总额", "rate", 61.5, "%", "exact", "dalian", 2020, 2020),
    ("城镇常住居民人均可支配收入", "growth", 0.2, "%", "exact", "", 2020, 2020),
]

# line 70: 地区生产总值增长6.5%以上；一般公共预算收入增长3%；固定资产投资增长10%；规模以上工业增加值增长7%；
# 社会消费品零售总额增速高于全市平均水平；外贸进出口总额增长3%；城镇常住居民人均可支配收入与经济增长同步；
# 城镇登记失业率控制在4%左右；单位地区生产总值能耗达到上级要求。
TARGETS_2021 = [
    ("地区生产总值", "growth", 6.5, "%", "at_least", "", 2021, 2021),
    ("一般公共预算收入", "growth", 3.0, "%", "exact", "", 2021, 2021),
    ("固定资产投资", "growth", 10.0, "%", "exact", "", 2021, 2021),
    ("规模以上工业增加值", "growth", 7.0, "%", "exact", "", 2021, 2021),
    ("社会消费品零售总额增速", "qualitative", None, "", "qualitative", "", 2021, 2021),
    ("外贸进出口总额", "growth", 3.0, "%", "exact", "", 2021, 2021),
    ("城镇常住居民人均可支配收入", "qualitative", None, "", "qualitative", "", 2021, 2021),
    ("城镇登记失业率", "rate", 4.0, "%", "about", "", 2021, 2021),
    ("单位地区生产总值能耗", "qualitative", None, "", "qualitative", "", 2021, 2021),
]

# line 66: 地区生产总值年均增长6.5%；一般公共预算收入年均增长6.5%；城镇常住居民人均可支配收入年均增长6.5％左右；
# 社会消费品零售总额年均增长10%；外贸进出口总额年均增长4.8％；研究与试验发展经费投入强度达到4％；
# 城镇登记失业率控制在4％以内；单位地区生产总值能耗、二氧化碳排放达到上级要求。
PLAN14_TARGETS = [
    ("地区生产总值", "avg_growth", 6.5, "%", "exact", "", 2021, 2025),
    ("一般公共预算收入", "avg_growth", 6.5, "%", "exact", "", 2021, 2025),
    ("城镇常住居民人均可支配收入", "avg_growth", 6.5, "%", "about", "", 2021, 2025),
    ("社会消费品零售总额", "avg_growth", 10.0, "%", "exact", "", 2021, 2025),
    ("外贸进出口总额", "avg_growth", 4.8, "%", "exact", "", 2021, 2025),
    ("研究与试验发展经费投入强度", "rate", 4.0, "%", "exact", "", 2025, 2025),   # 达到4%: the 2025 level
    ("城镇登记失业率", "rate", 4.0, "%", "at_most", "", 2021, 2025),           # 控制在…以内: a cap over the plan
    ("单位地区生产总值能耗", "qualitative", None, "", "qualitative", "", 2021, 2025),
    ("二氧化碳排放", "qualitative", None, "", "qualitative", "", 2021, 2025),
]

# line 94 (名词解释 1, after 具体如下：): 2020年，实现地区生产总值2320.4亿元；一般公共预算收入155亿元；
# 固定资产投资同比增长5.8%；实际利用外资1.91亿美元，同比增长29.9%；引进省外内资303.7亿元，同比增长20.1%。
NEW_AREA_2020 = [
    ("地区生产总值", "level", 2320.4, "亿元", "exact", "", 2020, 2020),
    ("一般公共预算收入", "level", 155.0, "亿元", "exact", "", 2020, 2020),
    ("固定资产投资", "growth", 5.8, "%", "exact", "", 2020, 2020),
    ("实际利用外资", "level", 1.91, "亿美元", "exact", "", 2020, 2020),
    ("实际利用外资", "growth", 29.9, "%", "exact", "", 2020, 2020),
    ("引进省外内资", "level", 303.7, "亿元", "exact", "", 2020, 2020),
    ("引进省外内资", "growth", 20.1, "%", "exact", "", 2020, 2020),
]


def test_2020_results_cell_by_cell(figures):
    _same(_rows(figures, 18, "outcome"), RESULTS_2020)
    codes = figures[figures.line == 18].set_index("quote").indicator
    assert codes["地区生产总值2079.4亿元"] == "gdp"
    assert codes["一般公共预算地方级收入192亿元"] == "budget_revenue"
    assert codes["固定资产投资同比增长5.1%"] == "fai"
    assert codes["规模以上工业增加值同比增长0.2%"] == "industry_va"
    assert codes["实际利用外资1.76亿美元"] == "fdi"
    assert codes["外贸进出口总额占全市61.5%"] == "trade"
    assert codes["城镇常住居民人均可支配收入同比增长0.2%"] == "urban_income"
    basis = figures[(figures.line == 18) & (figures.measure == "qualitative")].basis.tolist()
    assert basis == ["高于全市平均水平"]


def test_2021_targets_cell_by_cell(figures):
    _same(_rows(figures, 70, "target"), TARGETS_2021)
    t = figures[figures.line == 70]
    assert t.indicator.tolist() == ["gdp", "budget_revenue", "fai", "industry_va", "retail", "trade", "urban_income",
                                    "unemployment", "energy_intensity"]
    assert t[t.measure == "qualitative"].basis.tolist() == ["高于全市平均水平", "与经济增长同步", "达到上级要求"]
    assert t.quote.tolist()[0] == "地区生产总值增长6.5%以上"


def test_14th_plan_targets_cell_by_cell(figures):
    _same(_rows(figures, 66, "plan_target"), PLAN14_TARGETS)
    codes = figures[figures.line == 66].indicator.tolist()
    assert codes[:8] == ["gdp", "budget_revenue", "urban_income", "retail", "trade", "rd_intensity", "unemployment",
                         "energy_intensity"]


def test_new_area_figures_of_the_glossary_cell_by_cell(figures):
    _same(_rows(figures, 94, "outcome"), NEW_AREA_2020)


def test_13th_plan_review_key_figures(figures):
    pr = figures[figures.kind == "plan_outcome"]
    # line 40: 地区生产总值年均增长4.7%，累计占全市五年总量的30%以上；固定资产投资累计占全市五年总量的25.8%；
    # 一般公共预算收入累计达到767.5亿元，年均增长7.3%；综合能耗累计下降16%。主要经济指标占全市20—50%
    # (综合能耗 and 主要经济指标 name no indicator of the vocabulary: unparsed entries, not rows)
    _same(_rows(pr, 40, "plan_outcome"), [
        ("地区生产总值", "avg_growth", 4.7, "%", "exact", "", 2016, 2020),
        ("地区生产总值", "rate", 30.0, "%", "at_least", "dalian", 2016, 2020),
        ("固定资产投资", "rate", 25.8, "%", "exact", "dalian", 2016, 2020),
        ("一般公共预算收入", "level", 767.5, "亿元", "exact", "", 2016, 2020),
        ("一般公共预算收入", "avg_growth", 7.3, "%", "exact", "", 2016, 2020),
    ])
    # line 42: 规模以上工业总产值年均增长5%
    _same(_rows(pr, 42, "plan_outcome"), [("规模以上工业总产值", "avg_growth", 5.0, "%", "exact", "", 2016, 2020)])
    # line 48: 外贸进出口总额占大连市比重平均达到65%，占辽宁省1/3
    trade = pr[(pr.line == 48) & (pr.indicator == "trade")]
    assert trade.share_of.tolist() == ["dalian", "liaoning"]
    assert trade.value.tolist() == pytest.approx([65.0, 1 / 3])
    assert "average" in trade.basis.iloc[0]
    # line 50: 研究与试验发展经费投入强度达到2.7% — a rate reached in 2020: 2020's outcome
    rd = figures[(figures.line == 50) & (figures.indicator == "rd_intensity")].iloc[0]
    assert rd.kind == "outcome"
    assert (rd.measure, rd.value, rd.unit, int(rd.period_start), int(rd.period_end)) == ("rate", 2.7, "%", 2020, 2020)
    # line 54: 登记失业率保持在3.5%以内
    un = pr[(pr.line == 54) & (pr.indicator == "unemployment")].iloc[0]
    assert (un.value, un.qualifier, int(un.period_start), int(un.period_end)) == (3.5, "at_most", 2016, 2020)


def test_new_area_rows_carry_their_basis(figures):
    # line 94: 新区口径数据即…口径数据，具体如下：2020年，实现地区生产总值2320.4亿元；…
    rows = figures[figures.line == 94]
    assert rows.basis.fillna("").str.contains("新区口径").all()


@pytest.mark.xfail(reason="extractor defect, 002 line 94: 一般公共预算收入金州行政区口径为152.3亿元 is not read "
                          "(before 具体如下, outside the span that starts at the second 2020年，)",
                   raises=AssertionError, strict=False)
def test_defect_district_basis_budget_revenue_is_read(figures):
    got = figures[(figures.line == 94) & (figures.indicator == "budget_revenue")].value.tolist()
    assert 152.3 in got


def test_new_employment_is_a_five_year_total(figures):
    r = figures[(figures.line == 54) & (figures.indicator == "new_urban_jobs")].iloc[0]
    assert (int(r.period_start), int(r.period_end)) == (2016, 2020)


def test_government_projects_are_an_unparsed_tally():
    # line 44: 政府投资类项目1586个，累计投资76亿元 — a five-year tally of projects, no indicator: listed, not a row
    from dalian_reports.pipeline.tables.headline import unparsed

    u = unparsed()
    u = u[(u.report_id == "jinzhou-2021-zh") & (u.line == 44)]
    reasons = dict(zip(u.number, u.reason))
    assert "政府投资类项目" in reasons["1586"] and "not in the vocabulary" in reasons["1586"]
    assert "累计投资" in reasons["76"] and "not in the vocabulary" in reasons["76"]


def test_co2_target_is_co2_intensity(figures):
    # 002 line 66: 单位地区生产总值能耗、二氧化碳排放达到上级要求 — the second subject shares 单位地区生产总值
    r = figures[(figures.line == 66) & figures.quote.str.startswith("二氧化碳排放")].iloc[0]
    assert str(r.indicator) == "co2_intensity"


# ------------------------------------------------------------------------------ district_vs_city

def _pair(pairs, indicator, measure, start, end, line=None):
    sub = pairs[(pairs.indicator == indicator) & (pairs.measure == measure) & (pairs.period_start == start)
                & (pairs.period_end == end)]
    if line is not None:
        sub = sub[sub.district_source == f"jinzhou-2021-zh line {line}"]
    assert len(sub) == 1, sub
    return sub.iloc[0]


def test_pairs_columns_and_one_row_per_district_figure(pairs, figures):
    assert list(pairs.columns) == COLUMNS
    assert len(pairs) == len(figures)
    assert pairs.district_source.tolist() == [f"jinzhou-2021-zh line {n}" for n in figures.line]
    assert set(pairs.pairing) <= {"paired", "derived", "share", "unpaired"}
    assert pairs.city_origin.dropna().isin(["fyp14", "fyp13", "headline", "derived"]).all()


def test_gdp_growth_2020_district_vs_city(pairs):
    # 002 line 18: 同比增长0.55%; 004 line 182: 1.地区生产总值增长（%）	0.9	>6
    r = _pair(pairs, "gdp", "growth", 2020, 2020)
    assert (r.district_value, r.city_value, r.city_qualifier) == (0.55, 0.9, "exact")
    assert r.city_source == "dalian-fyp14-zh line 182" and r.city_origin == "fyp14"
    assert r.difference == pytest.approx(-0.35)
    assert r.pairing == "paired" and r.kind == "outcome"


def test_gdp_avg_growth_14th_plan_district_vs_city(pairs):
    # 002 line 66: 地区生产总值年均增长6.5%; 004 line 182: 年均增长 >6
    r = _pair(pairs, "gdp", "avg_growth", 2021, 2025)
    assert (r.district_value, r.district_qualifier) == (6.5, "exact")
    assert (r.city_value, r.city_qualifier, r.city_source) == (6.0, "greater_than", "dalian-fyp14-zh line 182")
    assert r.difference == pytest.approx(0.5)
    assert r.kind == "plan_target" and r.city_kind == "plan_target"


def test_other_pairings_by_hand(pairs):
    # 13th plan: district 地区生产总值年均增长4.7% (line 40), an outcome; the city's 7 (004 line 39) is the plan's
    # target average growth, not the growth achieved (official growth 2016-2020 in the reference data: 6.5, 7.1,
    # 6.5, 6.5, 0.9, about 5.5% a year): an outcome is not compared with a target
    r = _pair(pairs, "gdp", "avg_growth", 2016, 2020)
    assert r.pairing == "unpaired" and math.isnan(r.city_value) and math.isnan(r.difference)
    assert "target" in r.note and "line 39" in r.note
    # 一般公共预算收入年均增长7.3% (line 40) vs 3.9 (004 line 41)
    r = _pair(pairs, "budget_revenue", "avg_growth", 2016, 2020)
    assert (r.district_value, r.city_value, r.city_source) == (7.3, 3.9, "dalian-fyp14-zh line 41")
    assert r.difference == pytest.approx(3.4)
    # R&D intensity 2020: 2.7% (line 50) vs 2.9 (both tables; 004 lines 185 and 45)
    r = _pair(pairs, "rd_intensity", "rate", 2020, 2020)
    assert (r.district_value, r.city_value) == (2.7, 2.9)
    assert r.city_source in ("dalian-fyp14-zh line 185", "dalian-fyp14-zh line 45")
    assert r.difference == pytest.approx(-0.2)
    # R&D intensity 2025 target: 达到4% (line 66) vs 3.5 (004 line 185)
    r = _pair(pairs, "rd_intensity", "rate", 2025, 2025)
    assert (r.district_value, r.city_value, r.city_source) == (4.0, 3.5, "dalian-fyp14-zh line 185")
    assert r.difference == pytest.approx(0.5)
    # unemployment cap 2021–2025: 控制在4%以内 (line 66) vs <4.5 (004 line 189)
    r = _pair(pairs, "unemployment", "rate", 2021, 2025)
    assert (r.district_value, r.district_qualifier) == (4.0, "at_most")
    assert (r.city_value, r.city_qualifier) == (4.5, "less_than")
    assert r.city_source == "dalian-fyp14-zh line 189"
    assert r.difference == pytest.approx(-0.5)
    # energy intensity 2021–2025: 达到上级要求 vs 完成省下达任务 (004 lines 195/197): paired, no difference
    r = _pair(pairs, "energy_intensity", "qualitative", 2021, 2025)
    assert r.pairing == "paired" and r.city_qualifier == "qualitative" and math.isnan(r.difference)


def test_outcomes_are_paired_with_outcomes_and_targets_with_targets(pairs):
    family = {"target": "target", "plan_target": "target", "outcome": "outcome", "plan_outcome": "outcome"}
    both = pairs[pairs.city_kind.notna()]
    assert len(both) > 5
    for r in both.itertuples():
        assert family[r.kind] == family[r.city_kind], (r.indicator, r.measure, r.kind, r.city_kind, r.city_source)


def test_the_thirteenth_plan_gdp_cell_is_a_target_on_the_city_side():
    # 004 line 39: 地区生产总值 | 亿元 | (blank) | 7 | 7030.4: 7 is the plan's target average growth 2016-2020
    facts = [f for f in district_module._city_facts()
             if f["indicator"] == "gdp" and f["source"] == "dalian-fyp14-zh line 39"]
    growth = [f for f in facts if f["measure"] == "avg_growth"]
    assert [(f["value"], f["kind"], f["unit"], f["period_start"], f["period_end"]) for f in growth] == [
        (7.0, "plan_target", "%", 2016, 2020)]
    levels = [f for f in facts if f["measure"] == "level"]
    assert [(f["value"], f["kind"], f["period_end"]) for f in levels] == [(7030.4, "outcome", 2020)]


def test_level_pairs_and_district_share_of_city(pairs):
    # GDP 2020: 2079.4 (line 18, 金州行政区口径) and 2320.4 (line 94, 新区口径) vs 7030.4 (004 line 39, 完成)
    r = _pair(pairs, "gdp", "level", 2020, 2020, line=18)
    assert (r.district_value, r.city_value, r.city_source) == (2079.4, 7030.4, "dalian-fyp14-zh line 39")
    assert r.district_scope == "金州行政区口径"
    assert r.difference == pytest.approx(2079.4 - 7030.4)
    assert r.district_pct_of_city == pytest.approx(29.58)          # 2079.4 / 7030.4 = 0.29577
    r = _pair(pairs, "gdp", "level", 2020, 2020, line=94)
    assert r.district_scope == "新区口径"
    assert r.district_pct_of_city == pytest.approx(33.01)          # 2320.4 / 7030.4 = 0.33005
    # budget revenue 2020: 155 (line 94, 新区口径 一般公共预算收入) vs 702.7 (004 line 41)
    r = _pair(pairs, "budget_revenue", "level", 2020, 2020, line=94)
    assert (r.district_value, r.city_value) == (155.0, 702.7)
    assert r.district_pct_of_city == pytest.approx(22.06)          # 155 / 702.7 = 0.22058
    # 192 (line 18) is 省可比口径 = 地方级财政总收入 (line 94): not compared with the city's 一般公共预算收入
    r = _pair(pairs, "budget_revenue", "level", 2020, 2020, line=18)
    assert r.district_scope == "省可比口径" and r.city_value == 702.7
    assert math.isnan(r.difference) and math.isnan(r.district_pct_of_city)
    assert "152.3" in r.note


def test_derived_city_increases(pairs):
    # 全区常住人口城镇化率五年提高9.7个百分点 (line 52) vs 常住人口城镇化率 75 (2015) → 78.8 (2020), 004 line 42
    r = _pair(pairs, "urbanization_rate", "growth", 2016, 2020)
    assert r.pairing == "derived" and r.city_origin == "derived"
    assert (r.district_value, r.city_value, r.city_unit) == (9.7, pytest.approx(3.8), "个百分点")
    assert r.difference == pytest.approx(5.9)
    # 城镇常住居民人均可支配收入增加了近9000元 (line 54) vs 35889 → 47380 (004 line 51): 11491元
    r = _pair(pairs, "urban_income", "growth", 2016, 2020)
    assert (r.district_value, r.district_qualifier, r.city_value, r.city_unit) == (9000.0, "about", 11491.0, "元")
    assert r.difference == pytest.approx(-2491.0)
    assert "47380" in r.note and "35889" in r.note


def test_shares_of_the_city(pairs):
    shares = pairs[pairs.pairing == "share"]
    got = sorted((s.district_source, s.district_wording, s.district_value, s.district_qualifier, s.district_share_of)
                 for s in shares.itertuples())
    expected = sorted([
        ("jinzhou-2021-zh line 18", "规模以上工业总产值", 45.7, "exact", "dalian"),    # 占全市45.7%
        ("jinzhou-2021-zh line 18", "外贸进出口总额", 61.5, "exact", "dalian"),        # 占全市61.5%
        ("jinzhou-2021-zh line 40", "地区生产总值", 30.0, "at_least", "dalian"),       # 累计占全市五年总量的30%以上
        ("jinzhou-2021-zh line 40", "固定资产投资", 25.8, "exact", "dalian"),          # 累计占全市五年总量的25.8%
        # 主要经济指标占全市20—50% (line 40) names no one indicator: an unparsed entry, not a share row
        ("jinzhou-2021-zh line 48", "外贸进出口总额", 65.0, "exact", "dalian"),        # 占大连市比重平均达到65%
        ("jinzhou-2021-zh line 48", "外贸进出口总额", 1 / 3, "exact", "liaoning"),     # 占辽宁省1/3
    ])
    assert [g[:2] + g[3:] for g in got] == [e[:2] + e[3:] for e in expected]
    assert [g[2] for g in got] == pytest.approx([e[2] for e in expected])
    # 002 gives no level of the same indicator and period beside any of its shares: nothing to imply
    assert shares.implied_city_value.isna().all()
    assert shares.note.str.contains("no city level can be implied|not of the city|not in the vocabulary").all()


def test_implied_city_level_arithmetic():
    # a made-up district with a level and a share of the same indicator and period
    districts = pd.DataFrame({
        "indicator": ["gdp", "gdp"], "indicator_zh": ["地区生产总值", "地区生产总值"], "measure": ["level", "rate"],
        "period_start": [2020, 2020], "period_end": [2020, 2020], "share_of": ["", "dalian"],
        "basis": ["", ""], "value": [2000.0, 25.0], "unit": ["亿元", "%"], "qualifier": ["exact", "exact"],
        "line": [1, 1],
    })
    d = districts.iloc[[1]].itertuples(index=False).__next__()
    row = district_module._share_row({}, d, districts, [])
    assert row["implied_city_value"] == pytest.approx(8000.0)   # 2000 / 25%
    assert "2000" in row["note"] and "25" in row["note"]


def test_every_city_and_district_quote_is_exact(pairs):
    for r in pairs.itertuples():
        line = int(r.district_source.rsplit(" ", 1)[1])
        assert r.district_quote in RAW_002[line - 1]
        if isinstance(r.city_source, str) and r.city_source.startswith("dalian-fyp14-zh"):
            cline = int(r.city_source.rsplit(" ", 1)[1])
            assert r.city_quote in RAW_004[cline - 1], (r.city_source, r.city_quote)


def test_unpaired_rows_say_why(pairs):
    unpaired = pairs[pairs.pairing == "unpaired"]
    assert unpaired.note.notna().all()
    assert unpaired.city_value.isna().all() and unpaired.city_source.isna().all()
    # the 2021 GDP target has no Dalian 2021 target in the seeds (the 2021 city report is not in the corpus)
    r = _pair(pairs, "gdp", "growth", 2021, 2021)
    assert r.pairing == "unpaired" and "no Dalian figure" in r.note


def test_reference_fills_dalian_2021_targets():
    v = district_vs_city(reference=True)
    r = v[(v.indicator == "gdp") & (v.measure == "growth") & (v.period_start == 2021)].iloc[0]
    # reference/original/dalian_gwr_facts.csv data row 9: 2021, 全市地区生产总值增长6.5%左右, 6.5, about, runsky url
    assert (r.city_value, r.city_qualifier, r.city_origin) == (6.5, "about", "reference")
    assert r.city_source.startswith("reference/dalian_gwr_facts.csv row 9 https://dalian.runsky.com/")
    assert r.difference == pytest.approx(0.0)
    # seeds still win: the 2020 GDP growth stays the plan table's
    r = v[(v.indicator == "gdp") & (v.measure == "growth") & (v.period_start == 2020)].iloc[0]
    assert r.city_source == "dalian-fyp14-zh line 182"


def test_scope_evidence_is_on_line_94():
    for words, _comparable in district_module.SCOPE_EVIDENCE.values():
        assert words in RAW_002[district_module.SCOPE_LINE - 1]
    assert district_module.UNREAD_BUDGET_REVENUE in RAW_002[district_module.SCOPE_LINE - 1]


def test_doctests():
    assert doctest.testmod(district_module, optionflags=doctest.NORMALIZE_WHITESPACE).failed == 0
