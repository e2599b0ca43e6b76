"""Plan indicator tables of source 004, checked row by row against the raw text.

The expected rows below were transcribed by hand from the raw lines of
data/raw/004_dalian_14th_five_year_plan_outline_zh.txt (lines 35–77 and 179–204).
"""
from __future__ import annotations

import math
import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dalian_reports.errors import ParseError
from dalian_reports.extract.plan_tables import ACHIEVED, BASE, GROWTH, TARGET, parse_plan_table, type_cell
from dalian_reports.sources.raw import read_source
from dalian_reports.pipeline.tables.plans import (
    FYP_COLUMNS, TABLE_TITLES, fyp_indicators, plan13_status, plan14_implied_growth,
)
from dalian_reports.vocab import name_en

A, B = "anticipatory", "binding"

# line, category, number, indicator_zh, sub_indicator_zh, unit, base, target, avg growth, achieved, attribute
PLAN13 = [
    # rows 1-2: the 2015 cell is blank, so the next cell is the 目标 cell: a target average growth (see below)
    (39, "经济发展", 1, "地区生产总值", None, "亿元", None, "7", None, "7030.4", A),
    (40, "经济发展", 2, "全员劳动生产率", None, "万元", None, "6.2", None, "16.9", A),
    (41, "经济发展", 3, "一般公共预算收入", None, "亿元", "579.9", None, "3.9", "702.7", A),
    (42, "经济发展", 4, "城镇化率", "常住人口", "%", "75", "76.5", None, "78.8", None),
    (43, "经济发展", 4, "城镇化率", "户籍人口", "%", None, "73.5", None, "70.2", None),
    (44, "创新驱动", 5, "服务业增加值比重", None, "%", None, "50 左右", None, "53.5", A),
    (45, "创新驱动", 6, "研究与试验发展经费投入强度", None, "%", "1.9", "2.5", None, "2.9", A),
    (46, "创新驱动", 7, "每万人发明专利拥有量", None, "件", "12.2", "17", None, "24.3", A),
    (48, "创新驱动", 8, "科技进步贡献率", None, "%", None, "60", None, "60", A),
    (49, "创新驱动", 9, "互联网普及率", "固定家庭宽带普及率", "%", "61", "72", None, "100", A),
    (50, "创新驱动", 9, "互联网普及率", "移动宽带用户普及率", "%", "89", "95", None, "113.1", A),
    (51, "民生福祉", 10, "居民年人均可支配收入", "城镇常住居民", "元", "35889", "50336", "5.7", "47380", A),
    (52, "民生福祉", 10, "居民年人均可支配收入", "农村常住居民", "元", "14667", "21551", "8", "21558", A),
    (53, "民生福祉", 11, "劳动年龄人口平均受教育年限", None, "年", "14.8", "14.9", None, "14.9", B),
    (54, "民生福祉", 12, "城镇就业", "新增就业人数", "万人", None, "[40]", None, "[55]", A),
    (55, "民生福祉", 12, "城镇就业", "登记失业率", "%", "2.93", "<3", None, "<3", A),
    (56, "民生福祉", 13, "基本养老保险参保率", None, "%", ">99", ">99", None, ">99", B),
    (57, "民生福祉", 14, "城镇棚户区住房改造", None, "套", "12425", "[16153]", None, "[16389]", B),
    (58, "生态文明", 15, "人均预期寿命", None, "岁", "80.76", "81.9", None, "81.5", A),
    (59, "生态文明", 16, "耕地保有量", None, "平方公里", ">3500", "3927", None, "3927", B),
    (60, "生态文明", 17, "新增建设用地规模", None, "万亩", None, "1.5", None, "0.21", B),
    (61, "生态文明", 18, "万元地区生产总值用水量下降率", None, "%", None, None, None, None, B),
    (62, "生态文明", 19, "单位生产总值能源消耗降低", None, "%", "3.77", "[15]", None, "[15]", B),
    (63, "生态文明", 20, "非化石能源(含核电)占一次能源消费比重", None, "%", "5.5", "10", None, "10", B),
    (64, "生态文明", 21, "单位生产总值二氧化碳排放降低", None, "%", "4", "[18]", None, "[18]", B),
    (65, "生态文明", 22, "森林增长", "林木绿化率", "%", "50", "50", None, "50", B),
    (66, "生态文明", 22, "森林增长", "森林蓄积量", "万立方米", "1280", "1409.4", None, "1560.4", B),
    (67, "生态文明", 23, "空气质量", "城市细颗粒PM2.5浓度下降", "%", None, "[23]", None, "[35]", B),
    (68, "生态文明", 23, "空气质量", "城市空气质量优良天数比例", "%", "75", ">80", None, ">84", B),
    (70, "生态文明", 24, "地表水质量", "达到或好于三类水体比例", "%", "76", "85", None, "85", B),
    (71, "生态文明", 24, "地表水质量", "劣五类水体比例", "%", "<5", "0", None, "0", B),
    (72, "生态文明", 25, "主要污染物排放总量减少比例", "化学需氧量", "%", "2.5", "[13.4]", None, "[14.71]", B),
    (73, "生态文明", 25, "主要污染物排放总量减少比例", "氨氮", "%", "4.1", "[8.8]", None, "[17.37]", B),
    (74, "生态文明", 25, "主要污染物排放总量减少比例", "二氧化硫", "%", "0", "[16.5]", None, "[16.5]", B),
    (75, "生态文明", 25, "主要污染物排放总量减少比例", "氮氧化物", "%", "1.5", "[17.2]", None, "[17.65]", B),
]
PLAN13_CODES = [
    "gdp", "labour_productivity", "budget_revenue", "urbanization_rate", "urbanization_rate_hukou", "service_share",
    "rd_intensity", "patents_per_10k", "sci_tech_contribution", "broadband_fixed", "broadband_mobile",
    "urban_income", "rural_income", "schooling_years", "new_urban_jobs", "unemployment", "pension_coverage",
    "shantytown_renovation", "life_expectancy", "farmland", "new_construction_land", "water_intensity",
    "energy_intensity", "non_fossil_share", "co2_intensity", "forest_greening_rate", "forest_stock", "pm25",
    "air_quality_days", "surface_water_good", "surface_water_worst", "cod", "ammonia_nitrogen", "so2", "nox",
]

# line, category, number, indicator_zh, unit, base, target, avg growth, attribute, footnote mark
PLAN14 = [
    (182, "经济发展", 1, "地区生产总值增长", "%", "0.9", None, ">6", A, None),
    (183, "经济发展", 2, "全员劳动生产率增长", "%", "6.3", None, "6", A, None),
    (184, "经济发展", 3, "常住人口城镇化率", "%", "78.8", ">80", None, A, None),
    (185, "创新驱动", 4, "研发经费投入增长", "%", "2.9", "3.5", ">10", A, None),
    (186, "创新驱动", 5, "每万人口高价值发明专利拥有量", "件", "—", "12.5", None, A, None),
    (187, "创新驱动", 6, "数字经济核心产业增加值占地区生产总值比重", "%", "7.2", "12左右", None, A, None),
    (188, "民生福祉", 7, "居民人均可支配收入增长", "%", "6", None, "6左右", A, None),
    (189, "民生福祉", 8, "城镇登记失业率", "%", "3.4", "<4.5", None, A, "①"),
    (190, "民生福祉", 9, "新增劳动年龄人口平均受教育年限", "年", "15.3", "15.6", None, B, None),
    (191, "民生福祉", 10, "每千人口拥有执业（助理）医师数", "名", "3.8", "4.2", None, A, None),
    (192, "民生福祉", 11, "城镇职工基本养老保险参保人数", "万人", "340.5", "360.5", None, A, None),
    (193, "民生福祉", 12, "每千人口拥有3岁以下婴幼儿托位数", "个", "—", "4", None, A, None),
    (194, "民生福祉", 13, "人均预期寿命", "岁", "81.5", "≥81.5", None, A, None),
    (195, "绿色生态", 14, "单位地区生产总值能源消耗降低", "%", "[15]", "完成省下达任务", None, B, None),
    (197, "绿色生态", 15, "单位地区生产总值二氧化碳排放降低", "%", "[18]", "完成省下达任务", None, B, None),
    (198, "绿色生态", 16, "空气质量优良天数比率", "%", "91", "完成省下达任务", None, B, None),
    (199, "绿色生态", 17, "地表水达到或好于 III 类水体比例", "%", "90.5", None, None, B, None),
    (200, "绿色生态", 18, "森林覆盖率", "%", "41.5", "41.5", None, B, "②"),
    (201, "安全保障", 19, "粮食综合生产能力", "亿斤", "23.7", "≥20", None, B, None),
    (202, "安全保障", 20, "能源综合生产能力", "万吨标煤", "425", "650", None, B, None),
]
PLAN14_CODES = [
    "gdp", "labour_productivity", "urbanization_rate", "rd_expenditure", "high_value_patents_per_10k",
    "digital_economy_share", "resident_income", "unemployment", "schooling_years_new_labour", "doctors_per_1k",
    "pension_insured", "childcare_per_1k", "life_expectancy", "energy_intensity", "co2_intensity",
    "air_quality_days", "surface_water_good", "forest_coverage", "grain_capacity", "energy_capacity",
]
TEXT_COLUMNS = ["base_text", "target_text", "avg_growth_text", "achieved_text"]


def _na(value):
    return None if pd.isna(value) else value


def _number(text):
    """The number a cell states, read independently of the parser: strip brackets, operators, 左右."""
    if text is None or text == "—" or not any(ch.isdigit() for ch in text):
        return None
    return float(text.strip("[]<>≥≤ ").replace("左右", "").strip())


@pytest.fixture(scope="module")
def doc():
    return read_source("004")


@pytest.fixture(scope="module")
def t13():
    return fyp_indicators(13)


@pytest.fixture(scope="module")
def t14():
    return fyp_indicators(14)


def _table_lines(doc, first, last):
    return [(n, doc.line(n)) for n in range(first, last + 1)]


def _with_line(lines, number, text):
    return [(n, text if n == number else t) for n, t in lines]


# ---------------------------------------------------------------- shape and types

@pytest.mark.parametrize("plan", [13, 14])
def test_columns_and_types(plan):
    frame = fyp_indicators(plan)
    assert list(frame.columns) == FYP_COLUMNS
    for column in ["plan", "number", "base_year", "target_year", "line"]:
        assert str(frame[column].dtype) == "Int64"
    for column in ["base_value", "target_value", "avg_growth_value", "achieved_value"]:
        assert frame[column].dtype == "float64"
    for column in TEXT_COLUMNS + ["category", "indicator", "attribute", "alignment_note", "footnote"]:
        assert isinstance(frame[column].dtype, pd.StringDtype)
    assert str(frame["cumulative"].dtype) == "boolean"
    assert set(frame["attribute"].dropna()) <= {"anticipatory", "binding"}


def test_plan13_has_exactly_the_25_indicators_and_their_sub_indicators(t13):
    assert len(t13) == len(PLAN13) == 35
    assert sorted(set(t13["number"])) == list(range(1, 26))
    got = list(zip(t13["number"], t13["indicator_zh"], t13["sub_indicator_zh"].map(_na)))
    assert got == [(n, name, sub) for _, _, n, name, sub, *_ in PLAN13]


def test_plan14_has_exactly_the_20_indicators(t14):
    assert list(t14["number"]) == list(range(1, 21))
    assert list(t14["indicator_zh"]) == [row[3] for row in PLAN14]
    assert t14["sub_indicator_zh"].isna().all()


@pytest.mark.parametrize("expected", PLAN13, ids=lambda r: f"line{r[0]}")
def test_plan13_row_cell_by_cell(t13, expected):
    line, category, number, name, sub, unit, base, target, growth, achieved, attribute = expected
    row = t13.loc[t13["line"] == line].iloc[0]
    assert (row["plan"], row["category"], row["number"], row["indicator_zh"]) == (13, category, number, name)
    assert (_na(row["sub_indicator_zh"]), row["unit"], _na(row["attribute"])) == (sub, unit, attribute)
    assert (row["base_year"], row["target_year"]) == (2015, 2020)
    texts = [_na(row[c]) for c in TEXT_COLUMNS]
    assert texts == [base, target, growth, achieved]
    for column, text in zip(["base_value", "target_value", "avg_growth_value", "achieved_value"], texts):
        expected_value = _number(text)
        assert (pd.isna(row[column]) if expected_value is None else row[column] == expected_value), column
    assert row["cumulative"] == any(t and t.startswith("[") for t in texts) or line == 61


@pytest.mark.parametrize("expected", PLAN14, ids=lambda r: f"line{r[0]}")
def test_plan14_row_cell_by_cell(t14, expected):
    line, category, number, name, unit, base, target, growth, attribute, mark = expected
    row = t14.loc[t14["line"] == line].iloc[0]
    assert (row["plan"], row["category"], row["number"], row["indicator_zh"], row["unit"]) == (
        14, category, number, name, unit)
    assert row["attribute"] == attribute
    assert (row["base_year"], row["target_year"]) == (2020, 2025)
    assert [_na(row[c]) for c in TEXT_COLUMNS] == [base, target, growth, None]
    assert pd.isna(row["achieved_value"])
    for column, text in zip(["base_value", "target_value", "avg_growth_value"], [base, target, growth]):
        expected_value = _number(text)
        assert (pd.isna(row[column]) if expected_value is None else row[column] == expected_value), column
    footnote = _na(row["footnote"])
    assert (footnote is None) if mark is None else footnote.startswith(mark)


@pytest.mark.parametrize("plan, codes", [(13, PLAN13_CODES), (14, PLAN14_CODES)])
def test_every_row_has_a_vocabulary_code_and_english_name(plan, codes):
    frame = fyp_indicators(plan)
    assert list(frame["indicator"]) == codes
    assert list(frame["indicator_en"]) == [name_en(code) for code in codes]


@pytest.mark.parametrize("plan", [13, 14])
def test_every_text_cell_is_on_its_source_line(doc, plan):
    frame = fyp_indicators(plan)
    for row in frame.itertuples(index=False):
        assert row.indicator_zh in doc.line(row.line) or pd.notna(row.sub_indicator_zh)
        for column in TEXT_COLUMNS:
            text = _na(getattr(row, column))
            if text is not None:
                others = _other_lines(_na(row.alignment_note))
                assert _traceable(text, doc.line(row.line), [doc.line(n) for n in others]), (row.line, text)


# ---------------------------------------------------------------- the defects, one by one

def test_row1_of_plan13_seven_is_the_target_average_growth_and_7030_is_achieved(t13):
    # 004 line 39: 地区生产总值 | 亿元 | (blank) | 7 | 7030.4. The 7 cannot be the growth achieved: the reference
    # data (data/reference/original/dalian_official_gdp.csv rows 11, 12, 14, 16, 17) give official growth 6.5, 7.1,
    # 6.5, 6.5 and 0.9 for 2016-2020, 5.5% a year compounded, and the level fell from 7700 亿元 in 2015
    # (000, the 2016 report: 地区生产总值从5158亿元增加到7700亿元) to the 完成 7030.4.
    row = t13.loc[t13["number"] == 1].iloc[0]
    assert row["target_value"] == 7.0 and row["target_text"] == "7" and row["achieved_value"] == 7030.4
    assert pd.isna(row["avg_growth_value"]) and pd.isna(row["base_value"])
    note = row["alignment_note"]
    assert "GROWTH_TARGET" in note and "GROWTH_BY_UNIT" not in note
    for evidence in ("6.5, 7.1, 6.5, 6.5, 0.9", "5.5% a year", "7700", "7030.4", "census"):
        assert evidence in note, evidence
    assert "2016" in note and "2020" in note


def test_rows_of_the_same_structure_are_read_the_same_way(t13):
    # 004 line 40: 全员劳动生产率 | 万元 | (blank) | 6.2 | 16.9: the same cells as row 1, so the same reading
    row = t13.loc[t13["number"] == 2].iloc[0]
    assert (row["target_text"], row["achieved_text"]) == ("6.2", "16.9") and pd.isna(row["avg_growth_text"])
    assert "GROWTH_TARGET" in row["alignment_note"]
    # 004 line 41: 579.9 | 3.9 | 702.7: a 2015 level, so 3.9 is checked as the growth achieved (579.9→702.7 = 3.92%)
    row = t13.loc[t13["number"] == 3].iloc[0]
    assert (row["base_text"], row["avg_growth_text"], row["achieved_text"]) == ("579.9", "3.9", "702.7")
    assert pd.isna(row["target_text"]) and "GROWTH_TARGET" not in row["alignment_note"]


def test_urbanization_parent_without_attribute_and_its_hukou_sub_row(t13):
    rows = t13.loc[t13["number"] == 4]
    assert list(rows["sub_indicator_zh"]) == ["常住人口", "户籍人口"]
    assert rows["attribute"].isna().all()
    assert "no 属性 cell" in rows.iloc[0]["alignment_note"]


def test_sub_rows_inherit_number_and_attribute(t13):
    sub_rows = t13.loc[t13["line"].isin([43, 50, 52, 55, 66, 68, 71, 73, 74, 75])]
    assert list(sub_rows["number"]) == [4, 9, 10, 12, 22, 23, 24, 25, 25, 25]
    assert list(sub_rows["attribute"].map(_na)) == [None, A, A, A, B, B, B, B, B, B]


def test_page_breaks_inside_plan13_are_skipped(t13):
    assert not t13["line"].isin([47, 69, 76]).any()
    assert t13.loc[t13["line"] == 48, "number"].item() == 8


def test_single_unplaceable_cell_is_flagged_not_shifted(t13):
    row = t13.loc[t13["line"] == 61].iloc[0]
    assert all(pd.isna(row[c]) for c in TEXT_COLUMNS)
    assert "UNPLACED" in row["alignment_note"] and "'[22.6]'" in row["alignment_note"] and "61" in row["alignment_note"]
    assert row["cumulative"]


def test_split_category_green_ecology(t14):
    rows = t14.loc[t14["number"].isin([14, 15, 16, 17, 18])]
    assert set(rows["category"]) == {"绿色生态"}


def test_split_word_belongs_to_both_rows_14_and_15(t14):
    r14 = t14.loc[t14["number"] == 14].iloc[0]
    r15 = t14.loc[t14["number"] == 15].iloc[0]
    assert (r14["line"], r15["line"]) == (195, 197)
    for row, other in ((r14, "197"), (r15, "195")):
        assert row["target_text"] == "完成省下达任务" and row["target_op"] == "text"
        assert pd.isna(row["target_value"])
        assert "PAGE_BREAK_JOIN" in row["alignment_note"] and f"line {other}" in row["alignment_note"]
    assert "'完成省下' here + '达任务' on line 197" in r14["alignment_note"]
    assert "'完成省下' on line 195 + '达任务' here" in r15["alignment_note"]


def test_row17_blank_target_stays_empty(t14):
    row = t14.loc[t14["number"] == 17].iloc[0]
    assert pd.isna(row["target_text"]) and pd.isna(row["target_value"])
    assert "blank in the source (line 199)" in row["alignment_note"]


def test_brackets_mean_cumulative(t13, t14):
    assert t13.loc[t13["number"] == 14, "cumulative"].item()
    assert t13.loc[t13["number"] == 25, "cumulative"].all()
    assert t14.loc[t14["number"] == 14, "cumulative"].item()
    assert t14.loc[t14["number"] == 14, "base_value"].item() == 15.0
    assert not t14.loc[t14["number"] == 20, "cumulative"].item()


def test_footnote_marks_attached(t14, doc):
    row8 = t14.loc[t14["number"] == 8].iloc[0]
    assert row8["footnote"] == "①省 2020 年指标调整基数"
    assert row8["footnote"] in doc.line(204)
    assert t14.loc[t14["number"] == 18, "footnote"].item() == "②第三次全国国土调查数据公布后进行调整"
    assert "^" not in "".join(t14["indicator_zh"])


def test_dash_base_is_not_available(t14):
    for number in (5, 12):
        row = t14.loc[t14["number"] == number].iloc[0]
        assert row["base_text"] == "—" and pd.isna(row["base_value"])


def test_operators(t14, t13):
    ops = dict(zip(t14["number"], t14["target_op"].map(_na)))
    assert ops[3] == ">" and ops[6] == "≈" and ops[8] == "<" and ops[13] == "≥" and ops[19] == "≥"
    assert ops[20] is None and ops[16] == "text"
    assert t13.loc[t13["number"] == 5, "target_op"].item() == "≈"
    assert t14.loc[t14["number"] == 1, "avg_growth_text"].item() == ">6"


def test_line_185_has_base_target_and_growth(t14):
    row = t14.loc[t14["line"] == 185].iloc[0]
    assert (row["base_value"], row["target_value"], row["avg_growth_value"]) == (2.9, 3.5, 10.0)
    assert pd.isna(row["alignment_note"]) or "GROWTH_BY" not in row["alignment_note"]


def test_unemployment_ceiling_is_a_target_level_with_prose_evidence(t14, doc):
    row = t14.loc[t14["number"] == 8].iloc[0]
    assert row["target_value"] == 4.5 and pd.isna(row["avg_growth_value"])
    assert "登记失业率保持在 4.5% 以内" in doc.line(175)
    assert "evidence line 175" in row["alignment_note"]


def test_growth_named_rows_have_growth_not_targets(t14):
    for number, growth in ((1, 6.0), (2, 6.0), (7, 6.0)):
        row = t14.loc[t14["number"] == number].iloc[0]
        assert row["avg_growth_value"] == growth and pd.isna(row["target_value"])
        assert "GROWTH_BY_NAME" in row["alignment_note"]


# ---------------------------------------------------------------- 13th plan status

@pytest.fixture(scope="module")
def status():
    return plan13_status()


def _status_of(status, line):
    row = status.loc[status["line"] == line].iloc[0]
    return row["status"], row["status_rule"]


@pytest.mark.parametrize("line, expected, rule", [
    (42, "met", "PLAIN_UP"),          # 常住人口 76.5 → 78.8
    (43, "missed", "PLAIN_UP"),       # 户籍人口 73.5 → 70.2
    (51, "missed", "PLAIN_UP"),       # 城镇常住居民 50336 → 47380
    (52, "met", "PLAIN_UP"),          # 农村常住居民 21551 → 21558
    (55, "met", "CEILING"),           # 登记失业率 <3 → <3: the printed bound states the ceiling held
    (56, "met", "FLOOR"),             # 参保率 >99 → >99
    (68, "met", "FLOOR"),             # 优良天数 >80 → >84
    (44, "met", "APPROX"),            # 服务业比重 50左右 → 53.5, above the band in the good direction
    (58, "missed", "PLAIN_UP"),       # 预期寿命 81.9 → 81.5
    (60, "met", "PLAIN_DOWN"),        # 新增建设用地 cap 1.5 → 0.21
    (62, "met", "REDUCTION"),         # 能耗降低 [15] → [15]
    (67, "met", "REDUCTION"),         # PM2.5 下降 [23] → [35]
    (73, "met", "REDUCTION"),         # 氨氮 [8.8] → [17.37]
    (57, "met", "PLAIN_UP"),          # 棚改 [16153] → [16389], both cumulative
    (39, "not_comparable", "GROWTH_TARGET"),   # GDP: target 7% a year vs the level 7030.4
    (40, "not_comparable", "GROWTH_TARGET"),   # labour productivity: target 6.2% a year vs the level 16.9
    (41, "not_comparable", "NO_TARGET"),
    (61, "not_comparable", "NO_TARGET"),   # 用水量 [22.6] could not be placed
])
def test_status_by_hand(status, line, expected, rule):
    got, rule_text = _status_of(status, line)
    assert got == expected
    assert rule_text.startswith(rule)


def test_status_columns(status):
    assert list(status.columns) == FYP_COLUMNS + ["status", "status_rule"]
    assert set(status["status"]) <= {"met", "missed", "not_comparable"}
    assert status["status_rule"].notna().all()


def test_gdp_not_comparable_reason_names_both_cells(status):
    _, rule = _status_of(status, 39)
    assert "target 7" in rule and "% a year" in rule and "7030.4" in rule
    assert "NO_TARGET" not in rule


# ---------------------------------------------------------------- 14th plan implied growth

@pytest.fixture(scope="module")
def growth():
    return plan14_implied_growth()


def test_implied_cagr_energy_capacity(growth):
    row = growth.loc[growth["number"] == 20].iloc[0]
    assert row["implied_cagr_pct"] == pytest.approx((math.pow(650 / 425, 1 / 5) - 1) * 100)
    assert row["implied_cagr_pct"] == pytest.approx(8.869, abs=1e-3)


def test_implied_cagr_missing(growth):
    by_number = growth.set_index("number")
    for number, reason in ((1, "GROWTH_RATE"), (4, "GROWTH_RATE"), (5, "NO_BASE"), (12, "NO_BASE"),
                           (14, "REDUCTION"), (16, "TEXT_TARGET"), (17, "NO_TARGET")):
        assert pd.isna(by_number.loc[number, "implied_cagr_pct"])
        assert by_number.loc[number, "cagr_rule"].startswith(reason)


# 004 lines 184, 187, 189, 200 (unit %): 78.8 → >80, 7.2 → 12左右, 3.4 → <4.5, 41.5 → 41.5. A rate or a share
# changes by percentage points; a compound "growth" of a percentage (4.5/3.4 → +5.8% a year) means nothing.
@pytest.mark.parametrize("number, change", [(3, "+1.2 percentage points"), (6, "+4.8 percentage points"),
                                            (8, "+1.1 percentage points"), (18, "+0 percentage points")])
def test_rates_and_shares_change_by_percentage_points(growth, number, change):
    row = growth.set_index("number").loc[number]
    assert pd.isna(row["implied_cagr_pct"])
    assert row["cagr_rule"].startswith("RATE_PP") and change in row["cagr_rule"]


def test_floors_and_ceilings_are_bounds_not_points(growth):
    by_number = growth.set_index("number")
    # 004 line 189: 城镇登记失业率 3.4 → <4.5: a ceiling the rate must stay under, not a planned rise
    assert "ceiling" in by_number.loc[8, "cagr_rule"] and "at most" in by_number.loc[8, "cagr_rule"]
    # 004 line 184: 常住人口城镇化率 78.8 → >80: a floor
    assert "floor" in by_number.loc[3, "cagr_rule"] and "at least" in by_number.loc[3, "cagr_rule"]
    # 004 line 201: 粮食综合生产能力 23.7 → ≥20: a floor below the 2020 level, not a planned fall
    grain = by_number.loc[19]
    assert pd.isna(grain["implied_cagr_pct"])
    assert grain["cagr_rule"].startswith("FLOOR") and "below the 2020 level 23.7" in grain["cagr_rule"]
    # 004 line 194: 人均预期寿命 81.5 → ≥81.5: a floor at the 2020 level
    life = by_number.loc[13]
    assert pd.isna(life["implied_cagr_pct"]) and life["cagr_rule"].startswith("FLOOR")
    assert "equal to the 2020 level" in life["cagr_rule"]
    # point targets on levels keep their rate: 15.3 → 15.6 years (line 190), 340.5 → 360.5 万人 (line 192)
    assert by_number.loc[9, "implied_cagr_pct"] == pytest.approx(((15.6 / 15.3) ** 0.2 - 1) * 100)
    assert by_number.loc[11, "implied_cagr_pct"] == pytest.approx(((360.5 / 340.5) ** 0.2 - 1) * 100)
    assert growth["implied_cagr_pct"].dropna().ge(0).all()


# ---------------------------------------------------------------- bad input

TITLE14 = TABLE_TITLES[14]
TITLE13 = TABLE_TITLES[13]


@pytest.fixture(scope="module")
def lines14(doc):
    return _table_lines(doc, 179, 204)


@pytest.fixture(scope="module")
def lines13(doc):
    return _table_lines(doc, 35, 77)


def test_real_copies_parse(lines13, lines14):
    assert len(parse_plan_table(lines13, TITLE13).rows) == 35
    assert len(parse_plan_table(lines14, TITLE14).rows) == 20


def test_truncated_table_without_footnote(lines14):
    with pytest.raises(ParseError) as error:
        parse_plan_table(lines14[:22], TITLE14, file="004")
    assert error.value.line == 200 and "truncated" in str(error.value)


def test_table_ending_mid_row(lines14):
    cut = lines14[:21] + [(200, "\t18.森林覆盖率（%） ^②\t41")]
    with pytest.raises(ParseError) as error:
        parse_plan_table(cut, TITLE14, file="004")
    assert error.value.line == 200


def test_table_interrupted_by_prose(lines14):
    with pytest.raises(ParseError) as error:
        parse_plan_table(_with_line(lines14, 196, "第二章 强化战略科技引领"), TITLE14)
    assert error.value.line == 196


def test_row_with_an_extra_cell(lines14, lines13):
    extra14 = _with_line(lines14, 184, "\t3.常住人口城镇化率（%）\t78.8\t>80\t79\t5\t预期性")
    with pytest.raises(ParseError, match="EXTRA_CELL") as error:
        parse_plan_table(extra14, TITLE14, file="004")
    assert error.value.line == 184 and error.value.file == "004"
    extra13 = _with_line(lines13, 45, "\t6\t研究与试验发展经费投入强度\t%\t1.9\t2.5\t2.2\t2.9\t3\t预期性")
    with pytest.raises(ParseError, match="EXTRA_CELL") as error:
        parse_plan_table(extra13, TITLE13)
    assert error.value.line == 45


def test_row_with_a_missing_cell_is_flagged_with_its_line(lines14):
    table = parse_plan_table(_with_line(lines14, 182, "经济发展\t1.地区生产总值增长（%）\t>6\t预期性"), TITLE14)
    row = table.rows[0]
    assert row.cells == {} and row.placement_rule == "UNPLACED"
    assert "'>6'" in row.alignment_note and "line 182" in row.alignment_note


def test_row_with_a_missing_unit_cell(lines13):
    with pytest.raises(ParseError, match="unit") as error:
        parse_plan_table(_with_line(lines13, 45, "\t6\t研究与试验发展经费投入强度\t1.9\t2.5\t2.9\t预期性"), TITLE13)
    assert error.value.line == 45


def test_unknown_attribute_word(lines14, lines13):
    with pytest.raises(ParseError, match="指导性") as error:
        parse_plan_table(_with_line(lines14, 184, "\t3.常住人口城镇化率（%）\t78.8\t>80\t指导性"), TITLE14)
    assert error.value.line == 184
    with pytest.raises(ParseError, match="指导性") as error:
        parse_plan_table(_with_line(lines13, 53, "\t11\t劳动年龄人口平均受教育年限\t\t年\t14.8\t14.9\t14.9\t指导性"), TITLE13)
    assert error.value.line == 53


def test_split_row_without_its_other_half(lines14):
    without_197 = [(n, t) for n, t in lines14 if n != 197]
    with pytest.raises(ParseError) as error:
        parse_plan_table(without_197, TITLE14)
    assert error.value.line == 195


def test_duplicated_row_is_refused(lines14):
    doubled = lines14[:5] + [lines14[4]] + lines14[5:]
    with pytest.raises(ParseError, match="NUMBERING"):
        parse_plan_table(doubled, TITLE14)


def test_text_target_outside_the_target_column(lines14):
    moved = _with_line(lines14, 198, "\t16.空气质量优良天数比率（%）\t完成省下达任务\t91\t约束性")
    with pytest.raises(ParseError, match="only targets may be text") as error:
        parse_plan_table(moved, TITLE14)
    assert error.value.line == 198


def test_undefined_footnote_mark(lines14):
    with pytest.raises(ParseError, match="③"):
        parse_plan_table(_with_line(lines14, 189, "\t8.城镇登记失业率（%） ^③\t3.4\t<4.5\t预期性"), TITLE14)


def test_brackets_need_the_footnote_definition(lines13):
    with pytest.raises(ParseError, match=r"\[\]"):
        parse_plan_table(_with_line(lines13, 77, "注：无。"), TITLE13)


def test_missing_title():
    with pytest.raises(ParseError, match="not found"):
        parse_plan_table([(1, "正文")], TITLE14)


def test_cell_grammar():
    assert type_cell("[15]").cumulative and type_cell("[15]").value == 15.0
    assert type_cell("<4.5").op == "<" and type_cell("≥81.5").op == "≥" and type_cell(">6").op == ">"
    assert type_cell("12左右").op == "≈" and type_cell("50 左右").value == 50.0
    assert type_cell("—").kind == "not_available" and type_cell("—").value is None
    assert type_cell("完成省下达任务").op == "text"
    for bad in ("完成省下", "达任务", "指导性", "[15", ">6左右", "亿元"):
        assert type_cell(bad) is None


# ---------------------------------------------------------------- property: mutations never shift silently

def _other_lines(note):
    return [int(n) for n in re.findall(r"on line (\d+)", note or "")]


def _traceable(text, own, others):
    """The cell text is on its own line, on a named other line, or joined from the two (PAGE_BREAK_JOIN)."""
    if text in own or any(text in other for other in others):
        return True
    for other in others:
        for cut in range(1, len(text)):
            head, tail = text[:cut], text[cut:]
            if (head in own and tail in other) or (head in other and tail in own):
                return True
    return False


MUTATIONS = st.lists(
    st.tuples(st.sampled_from(["delete_line", "duplicate_line", "swap_lines",
                               "delete_cell", "duplicate_cell", "swap_cells", "blank_cell"]),
              st.integers(0, 10_000), st.integers(0, 10_000), st.integers(0, 10_000)),
    min_size=1, max_size=3,
)


def _mutate(texts, mutations):
    texts = list(texts)
    for kind, a, b, c in mutations:
        i, j = a % len(texts), b % len(texts)
        if kind == "delete_line" and len(texts) > 1:
            del texts[i]
        elif kind == "duplicate_line":
            texts.insert(i, texts[i])
        elif kind == "swap_lines":
            texts[i], texts[j] = texts[j], texts[i]
        else:
            cells = texts[i].split("\t")
            k, m = b % len(cells), c % len(cells)
            if kind == "delete_cell" and len(cells) > 1:
                del cells[k]
            elif kind == "duplicate_cell":
                cells.insert(k, cells[k])
            elif kind == "swap_cells":
                cells[k], cells[m] = cells[m], cells[k]
            elif kind == "blank_cell":
                cells[k] = ""
            texts[i] = "\t".join(cells)
    return texts


@settings(max_examples=400, deadline=None)
@given(plan=st.sampled_from([13, 14]), mutations=MUTATIONS)
def test_mutated_tables_raise_or_stay_traceable(plan, mutations):
    first, last = (35, 77) if plan == 13 else (179, 204)
    source = read_source("004")
    texts = _mutate([source.line(n) for n in range(first, last + 1)], mutations)
    numbered = list(enumerate(texts, 1))
    try:
        table = parse_plan_table(numbered, TABLE_TITLES[plan], file="mutant")
    except ParseError as error:
        assert error.file == "mutant"
        return
    for row in table.rows:
        own = texts[row.line - 1]
        others = [texts[n - 1] for n in row.other_lines]
        assert set(row.other_lines) <= set(_other_lines(row.alignment_note))
        for cell in (*row.cells.values(), *row.unplaced):
            assert _traceable(cell.text, own, others), (row.line, cell.text, own)
        placed = {slot for slot in row.cells}
        assert placed <= {BASE, TARGET, GROWTH, ACHIEVED}


def test_unknown_plan_is_refused():
    with pytest.raises(ValueError, match="plan must be one of"):
        fyp_indicators(12)
