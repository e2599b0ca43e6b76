"""Headline paragraphs → rows (dalian_reports.extract.headline).

Every expected row below was written by hand from reading the raw source line
cited next to it (with the conventions of the module docstring), not copied
from the extractor's output. The 2012–2016 compilation (000) has every "20xx"
overwritten with "2024"; its test texts restore the true years, read from the
context, with :func:`restore`.
"""
from __future__ import annotations

import doctest
import math
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dalian_reports.errors import ParseError
from dalian_reports.extract import headline
from dalian_reports.extract.headline import COLUMNS, extract_headline, find_headline_paragraphs, unparsed
from dalian_reports.extract.numbers import to_halfwidth

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
FILES = {
    "000": "000_dalian_work_reports_2012-2016_compilation.txt",
    "001": "001_dalian_work_report_2024_zh.txt",
    "002": "002_jinzhou_work_report_2021_zh.txt",
    "003": "003_dalian_work_report_2024_en.txt",
    "004": "004_dalian_14th_five_year_plan_outline_zh.txt",
}
N = None  # no value_high


def raw(source: str) -> str:
    return (RAW / FILES[source]).read_text(encoding="utf-8")


def lines(source: str, *numbers: int) -> list[str]:
    all_lines = raw(source).split("\n")
    return [all_lines[n - 1] for n in numbers]


def restore(line: str, *years: int) -> str:
    """Put the true years back, in order, where the compilation has '2024'."""
    parts = line.split("2024")
    assert len(parts) == len(years) + 1, f"{len(parts) - 1} placeholders, {len(years)} years"
    out = parts[0]
    for year, rest in zip(years, parts[1:]):
        out += str(year) + rest
    return out


def english(text: str) -> str:
    """What the cleaning layer hands over: page-number debris such as '-12-' removed."""
    return re.sub(r"-\d{1,3}-", "", text)


def table(text: str, lang: str = "zh", report_year: int | None = None, jurisdiction: str | None = None) -> list[tuple]:
    """The rows as tuples (kind, period_start, period_end, wording, measure, value, value_high, unit,
    qualifier, basis, share_of); NA and NaN become None. ``jurisdiction`` names the wholes of shares (占全市)."""
    rows = extract_headline(text, lang, report_year, jurisdiction=jurisdiction)
    out = []
    for r in rows.itertuples():
        out.append((
            r.kind, none_or(r.period_start, int), none_or(r.period_end, int), r.wording, r.measure,
            none_or(r.value, lambda v: round(v, 6)), none_or(r.value_high, lambda v: round(v, 6)),
            r.unit, r.qualifier, r.basis, r.share_of,
        ))
    return out


def none_or(value, convert):
    return None if pd.isna(value) else convert(value)


def check_quotes(text: str, lang: str = "zh", report_year: int | None = None):
    rows = extract_headline(text, lang, report_year)
    for r in rows.itertuples():
        assert r.quote == text[r.start:r.end]
    return rows


# ---------------------------------------------------------------------------
# 000: Dalian reports delivered 2012, 2013, 2014, 2016
# ---------------------------------------------------------------------------
def test_000_2014_report_result_of_2013():
    # line 5 heading "一、2013年政府工作回顾", line 7 the 2013 results
    text = "\n".join([restore(lines("000", 5)[0], 2013), lines("000", 7)[0]])
    y = 2013
    assert table(text, report_year=2014) == [
        ("outcome", y, y, "地区生产总值", "level", 7820.0, N, "亿元", "exact", "", ""),
        ("outcome", y, y, "地区生产总值", "growth", 11.0, N, "%", "exact", "", ""),
        ("outcome", y, y, "公共财政收入", "level", 850.01, N, "亿元", "exact", "", ""),
        ("outcome", y, y, "公共财政收入", "growth", 13.3, N, "%", "exact", "", ""),
        ("outcome", y, y, "固定资产投资", "level", 6750.0, N, "亿元", "exact", "", ""),
        ("outcome", y, y, "固定资产投资", "growth", 20.0, N, "%", "exact", "", ""),
        ("outcome", y, y, "社会消费品零售总额", "level", 2513.0, N, "亿元", "exact", "", ""),
        ("outcome", y, y, "社会消费品零售总额", "growth", 13.0, N, "%", "exact", "", ""),
        ("outcome", y, y, "城市居民人均可支配收入", "level", 30238.0, N, "元", "exact", "", ""),
        ("outcome", y, y, "城市居民人均可支配收入", "growth", 9.8, N, "%", "exact", "", ""),
        ("outcome", y, y, "农村居民人均纯收入", "level", 17717.0, N, "元", "exact", "", ""),
        ("outcome", y, y, "农村居民人均纯收入", "growth", 10.8, N, "%", "exact", "", ""),
        # 控制在2.61% in a result is the measured rate, not a cap
        ("outcome", y, y, "城镇登记失业率", "rate", 2.61, N, "%", "exact", "", ""),
    ]
    # the year of the section is read from the heading when no report year is given
    assert {r[1] for r in table(text)} == {2013}


def test_000_2014_report_targets():
    # line 48 "2014年是贯彻落实…", line 49 the targets
    text = "\n".join([restore(lines("000", 48)[0], 2014), lines("000", 49)[0]])
    y = 2014
    assert table(text) == [
        ("target", y, y, "地区生产总值", "growth", 10.0, N, "%", "exact", "", ""),
        ("target", y, y, "万元GDp综合能耗", "decline", 3.77, N, "%", "exact", "", ""),
        ("target", y, y, "公共财政收入", "growth", 10.0, N, "%", "exact", "", ""),
        ("target", y, y, "固定资产投资", "growth", 20.0, N, "%", "exact", "", ""),
        ("target", y, y, "社会消费品零售总额", "growth", 13.0, N, "%", "exact", "", ""),
        ("target", y, y, "全体居民可支配收入", "growth", 11.0, N, "%", "exact", "", ""),
        ("target", y, y, "城镇登记失业率", "rate", 3.0, N, "%", "at_most", "", ""),
    ]


def test_000_2012_report_result_with_old_statistical_basis():
    # line 58 "一、2011年政府工作回顾", line 60 the 2011 results
    text = "\n".join([restore(lines("000", 58)[0], 2011), lines("000", 60)[0]])
    y = 2011
    assert table(text, report_year=2012) == [
        ("outcome", y, y, "地区生产总值", "level", 6100.0, N, "亿元", "exact", "", ""),
        ("outcome", y, y, "地区生产总值", "growth", 14.0, N, "%", "exact", "", ""),
        ("outcome", y, y, "地方财政一般预算收入", "level", 651.0, N, "亿元", "exact", "", ""),
        ("outcome", y, y, "地方财政一般预算收入", "growth", 30.0, N, "%", "exact", "", ""),
        ("outcome", y, y, "固定资产投资", "level", 4563.0, N, "亿元", "exact", "", ""),
        ("outcome", y, y, "固定资产投资", "level", 6500.0, N, "亿元", "exact", "按老口径", ""),
        ("outcome", y, y, "固定资产投资", "growth", 30.0, N, "%", "exact", "", ""),
        ("outcome", y, y, "社会消费品零售总额", "level", 1919.0, N, "亿元", "exact", "", ""),
        ("outcome", y, y, "社会消费品零售总额", "growth", 17.0, N, "%", "exact", "", ""),
        ("outcome", y, y, "实际使用外资", "level", 110.0, N, "亿美元", "exact", "", ""),
        ("outcome", y, y, "实际使用外资", "growth", 10.0, N, "%", "exact", "", ""),
        ("outcome", y, y, "城镇居民人均可支配收入", "level", 24300.0, N, "元", "exact", "", ""),
        ("outcome", y, y, "城镇居民人均可支配收入", "growth", 14.0, N, "%", "exact", "", ""),
        ("outcome", y, y, "农民人均纯收入", "level", 14150.0, N, "元", "exact", "", ""),
        ("outcome", y, y, "农民人均纯收入", "growth", 15.0, N, "%", "exact", "", ""),
        ("outcome", y, y, "城镇登记失业率", "rate", 2.89, N, "%", "exact", "", ""),
    ]


def test_000_2012_report_targets_with_shared_subject():
    # line 103 "2012年政府工作的总体要求是…", line 104 "今年…主要预期目标是"
    text = "\n".join([restore(lines("000", 103)[0], 2012), lines("000", 104)[0]])
    y = 2012
    assert table(text, report_year=2012) == [
        ("target", y, y, "地区生产总值", "growth", 13.0, N, "%", "exact", "", ""),
        ("target", y, y, "地方财政一般预算收入", "growth", 15.0, N, "%", "exact", "", ""),
        ("target", y, y, "固定资产投资", "growth", 20.0, N, "%", "exact", "", ""),
        ("target", y, y, "社会消费品零售总额", "growth", 16.0, N, "%", "exact", "", ""),
        ("target", y, y, "实际使用外资", "growth", 10.0, N, "%", "at_least", "", ""),
        # 城镇居民人均可支配收入、农民人均纯收入均增长13% → two rows
        ("target", y, y, "城镇居民人均可支配收入", "growth", 13.0, N, "%", "exact", "", ""),
        ("target", y, y, "农民人均纯收入", "growth", 13.0, N, "%", "exact", "", ""),
        ("target", y, y, "城镇登记失业率", "rate", 3.0, N, "%", "at_most", "", ""),
    ]


def test_000_2016_report_five_year_review():
    # line 273 "一、“十二五”时期和2015年政府工作回顾"; lines 275, 280, 281 (五年来…)
    heading = restore(lines("000", 273)[0], 2015)
    text = "\n".join([heading] + lines("000", 275, 280, 281))
    P = ("plan_outcome", 2011, 2015)
    rows = [
        ("plan_outcome", 2010, 2010, "地区生产总值", "level", 5158.0, N, "亿元", "exact", "", ""),   # 从…
        ("outcome", 2015, 2015, "地区生产总值", "level", 7700.0, N, "亿元", "exact", "", ""),   # …增加到
        (*P, "地区生产总值", "avg_growth", 8.5, N, "%", "exact", "", ""),
        (*P, "固定资产投资", "level", 2.8, N, "万亿元", "exact", "cumulative", ""),
        (*P, "固定资产投资", "avg_growth", 5.6, N, "%", "exact", "", ""),
        (*P, "公共财政收入", "level", 3611.0, N, "亿元", "exact", "cumulative", ""),
        (*P, "公共财政收入", "avg_growth", 2.9, N, "%", "exact", "", ""),
        (*P, "万元GDP综合能耗", "cumulative_decline", 18.0, N, "%", "exact", "", ""),
        (*P, "单位工业增加值综合能耗", "decline", 4.6, N, "%", "exact", "annual average", ""),
        ("outcome", 2015, 2015, "城市生活垃圾无害化处理率", "rate", 100.0, N, "%", "exact", "", ""),
        ("outcome", 2015, 2015, "生活污水处理率", "rate", 95.0, N, "%", "exact", "", ""),
        ("outcome", 2015, 2015, "林木绿化率", "rate", 50.0, N, "%", "exact", "", ""),
        (*P, "财政用于民生支出", "level", 3050.0, N, "亿元", "exact", "cumulative", ""),
        (*P, "城乡居民收入", "avg_growth", 10.4, N, "%", "exact", "urban", ""),
        (*P, "城乡居民收入", "avg_growth", 11.3, N, "%", "exact", "rural", ""),
        (*P, "城镇实名制就业", "level", 107.0, N, "万人", "exact", "cumulative", ""),  # a five-year total
    ]
    # “十二五”时期 in the heading gives the period without a report year …
    assert table(text) == rows
    # … and agrees with the five years before a 2016 report
    assert table(text, report_year=2016) == rows


def test_000_2016_report_result_with_falls_and_urban_rural_pair():
    # line 282: "2015年是“十二五”收官之年。…预计地区生产总值增长4.2%。…"
    text = restore(lines("000", 282)[0], 2015)
    y = 2015
    assert table(text, report_year=2016) == [
        ("outcome", y, y, "地区生产总值", "growth", 4.2, N, "%", "exact", "", ""),
        ("outcome", y, y, "一般公共预算收入", "level", 579.9, N, "亿元", "exact", "", ""),
        ("outcome", y, y, "一般公共预算收入", "growth", -25.7, N, "%", "exact", "", ""),   # a fall of revenue: negative growth
        ("outcome", y, y, "固定资产投资", "level", 4600.0, N, "亿元", "exact", "", ""),
        ("outcome", y, y, "固定资产投资", "growth", -32.1, N, "%", "exact", "", ""),
        ("outcome", y, y, "全社会消费品零售总额", "level", 3050.0, N, "亿元", "exact", "", ""),
        ("outcome", y, y, "全社会消费品零售总额", "growth", 8.5, N, "%", "exact", "", ""),
        # 城乡居民收入达到35750元和14650元，分别增长6.5%和8%
        ("outcome", y, y, "城乡居民收入", "level", 35750.0, N, "元", "exact", "urban", ""),
        ("outcome", y, y, "城乡居民收入", "level", 14650.0, N, "元", "exact", "rural", ""),
        ("outcome", y, y, "城乡居民收入", "growth", 6.5, N, "%", "exact", "urban", ""),
        ("outcome", y, y, "城乡居民收入", "growth", 8.0, N, "%", "exact", "rural", ""),
        ("outcome", y, y, "城镇登记失业率", "rate", 2.93, N, "%", "exact", "", ""),
    ]


def test_000_2016_report_plan_goals_and_annual_targets():
    # line 327 heading, line 329 “十三五”时期的主要目标 (比2010年翻一番), line 339 the 2016 targets
    text = "\n".join([lines("000", 327)[0], restore(lines("000", 329)[0], 2010, 2010),
                      restore(lines("000", 339)[0], 2016)])
    assert table(text, report_year=2016) == [
        ("plan_target", 2020, 2020, "地区生产总值", "multiple", 2.0, N, "倍", "exact", "vs 2010", ""),
        ("plan_target", 2020, 2020, "地区生产总值", "level", 1.0, N, "万亿元", "at_least", "", ""),   # 迈入万亿城市行列
        ("plan_target", 2020, 2020, "城乡居民人均收入", "multiple", 2.0, N, "倍", "at_least", "vs 2010", ""),
        # qualitative plan targets of line 329; 大气质量明显改善 names no indicator of the vocabulary
        ("plan_target", 2016, 2020, "服务业占比", "qualitative", N, N, "", "qualitative", "进一步提升", ""),
        ("plan_target", 2016, 2020, "生态环境质量", "qualitative", N, N, "", "qualitative", "总体改善", ""),
        ("plan_target", 2016, 2020, "万元GDP综合能耗", "qualitative", N, N, "", "qualitative", "继续降低", ""),
        ("plan_target", 2016, 2020, "污染物排放", "qualitative", N, N, "", "qualitative", "持续下降", ""),
        ("plan_target", 2016, 2020, "林木覆盖率", "qualitative", N, N, "", "qualitative", "进一步提高", ""),
        ("target", 2016, 2016, "地区生产总值", "growth", 6.5, 7.0, "%", "range", "", ""),
        ("target", 2016, 2016, "固定资产投资", "growth", 6.0, N, "%", "about", "", ""),
        ("target", 2016, 2016, "社会消费品零售总额", "growth", 10.0, N, "%", "about", "", ""),
        ("target", 2016, 2016, "外贸出口", "growth", 6.0, N, "%", "about", "", ""),
        ("target", 2016, 2016, "一般公共预算收入", "qualitative", N, N, "", "qualitative", "与经济发展同步", ""),
        ("target", 2016, 2016, "城乡居民人均收入", "qualitative", N, N, "", "qualitative", "与经济发展同步", ""),
        ("target", 2016, 2016, "万元GDP综合能耗", "decline", 3.5, N, "%", "exact", "", ""),
        ("target", 2016, 2016, "CPI", "growth", 3.0, N, "%", "at_most", "", ""),
        ("target", 2016, 2016, "城镇登记失业率", "rate", 3.0, N, "%", "at_most", "", ""),
    ]


def test_000_2013_report_five_year_review_with_multiples():
    # line 388 heading "一、过去五年工作回顾"; line 391: "…2012年达到7000亿元，是2007年总量的2.2倍…"
    text = "\n".join([lines("000", 388)[0], restore(lines("000", 391)[0], *[2012, 2007] * 6)])
    # a level reached in the last year of the review is that year's outcome; a multiple compares five years
    P, E, O = ("plan_outcome", 2008, 2012), ("plan_outcome", 2012, 2012), ("outcome", 2012, 2012)
    assert table(text, report_year=2013) == [
        (*P, "全市地区生产总值", "avg_growth", 14.2, N, "%", "exact", "", ""),
        (*O, "全市地区生产总值", "level", 7000.0, N, "亿元", "exact", "", ""),
        (*E, "全市地区生产总值", "multiple", 2.2, N, "倍", "exact", "vs 2007", ""),
        (*O, "人均", "level", 1.55, N, "万美元", "greater_than", "", ""),
        (*P, "公共财政收入", "avg_growth", 22.9, N, "%", "exact", "", ""),
        (*O, "公共财政收入", "level", 750.1, N, "亿元", "exact", "", ""),
        (*E, "公共财政收入", "multiple", 2.8, N, "倍", "exact", "vs 2007", ""),
        (*P, "固定资产投资", "avg_growth", 24.8, N, "%", "exact", "", ""),
        (*O, "固定资产投资", "level", 5690.0, N, "亿元", "exact", "按新口径", ""),
        (*E, "固定资产投资", "multiple", 3.0, N, "倍", "exact", "vs 2007", ""),
        (*P, "社会消费品零售总额", "avg_growth", 17.8, N, "%", "exact", "", ""),
        (*O, "社会消费品零售总额", "level", 2230.0, N, "亿元", "exact", "", ""),
        (*E, "社会消费品零售总额", "multiple", 2.3, N, "倍", "exact", "vs 2007", ""),
        (*P, "万元GDP综合能耗", "cumulative_decline", 20.0, N, "%", "exact", "", ""),
        (*P, "主要污染物", "decline", 4.8, N, "%", "exact", "annual average", ""),
        (*P, "城市居民人均可支配收入", "avg_growth", 12.7, N, "%", "exact", "", ""),
        (*O, "城市居民人均可支配收入", "level", 27480.0, N, "元", "exact", "", ""),
        (*E, "城市居民人均可支配收入", "multiple", 1.8, N, "倍", "exact", "vs 2007", ""),
        (*P, "农村居民人均纯收入", "avg_growth", 14.1, N, "%", "exact", "", ""),
        (*O, "农村居民人均纯收入", "level", 16200.0, N, "元", "exact", "", ""),
        (*E, "农村居民人均纯收入", "multiple", 1.9, N, "倍", "exact", "vs 2007", ""),
    ]


def test_000_2013_report_result_next_five_years_and_targets():
    # line 420 "刚刚过去的2012年"; 421 the 2012 results (mid-paragraph 预计…);
    # 432 heading; 435 今后五年…预期目标; 440 "2013年是“十二五”承上启下…主要预期目标是"
    # (the one "2024" of line 421 is an amount, 建筑业产值突破…亿元, outside the headline sentence)
    text = "\n".join([restore(lines("000", 420)[0], 2012), restore(lines("000", 421)[0], 2000),
                      restore(lines("000", 432)[0], 2013), lines("000", 435)[0], restore(lines("000", 440)[0], 2013)])
    F = ("plan_target", 2013, 2017)
    assert table(text, report_year=2013) == [
        # 一是“稳增长”夺取新胜利。…外贸出口逆势增长12%。…全年规模以上工业总产值突破1万亿元大关，增加值增长11%。
        # …社会消费品零售总额增长16%，实际使用外资增长12%。预计实现…: the whole 一是 paragraph is the summary
        ("outcome", 2012, 2012, "外贸出口", "growth", 12.0, N, "%", "exact", "", ""),
        ("outcome", 2012, 2012, "规模以上工业总产值", "level", 1.0, N, "万亿元", "greater_than", "", ""),
        ("outcome", 2012, 2012, "增加值", "growth", 11.0, N, "%", "exact", "", ""),
        ("outcome", 2012, 2012, "社会消费品零售总额", "growth", 16.0, N, "%", "exact", "", ""),
        ("outcome", 2012, 2012, "实际使用外资", "growth", 12.0, N, "%", "exact", "", ""),
        ("outcome", 2012, 2012, "地区生产总值", "level", 7000.0, N, "亿元", "exact", "", ""),
        ("outcome", 2012, 2012, "地区生产总值", "growth", 11.0, N, "%", "exact", "", ""),
        ("outcome", 2012, 2012, "公共财政收入", "level", 750.1, N, "亿元", "exact", "", ""),
        ("outcome", 2012, 2012, "公共财政收入", "growth", 15.2, N, "%", "exact", "", ""),
        ("outcome", 2012, 2012, "固定资产投资", "level", 8000.0, N, "亿元", "greater_than", "按传统口径", ""),
        ("outcome", 2012, 2012, "固定资产投资", "growth", 25.0, N, "%", "exact", "", ""),
        (*F, "地区生产总值", "avg_growth", 10.0, N, "%", "at_least", "", ""),            # 年均保持两位数增长
        (*F, "万元GDP综合能耗", "decline", 3.77, N, "%", "exact", "annual average", ""),
        (*F, "主要污染物排放总量", "decline", 2.0, N, "%", "exact", "annual average", ""),
        ("plan_target", 2017, 2017, "公共财政收入", "multiple", 2.0, N, "倍", "exact", "", ""),   # 实现倍增
        ("plan_target", 2017, 2017, "全体居民可支配收入", "multiple", 2.0, N, "倍", "exact", "", ""),
        ("target", 2013, 2013, "地区生产总值", "growth", 11.0, N, "%", "about", "", ""),
        ("target", 2013, 2013, "万元GDP综合能耗", "decline", 3.77, N, "%", "exact", "", ""),
        ("target", 2013, 2013, "公共财政收入", "growth", 15.0, N, "%", "exact", "", ""),
        ("target", 2013, 2013, "固定资产投资", "growth", 20.0, N, "%", "exact", "", ""),
        ("target", 2013, 2013, "社会消费品零售总额", "growth", 16.0, N, "%", "exact", "", ""),
        ("target", 2013, 2013, "实际使用外资", "growth", 10.0, N, "%", "exact", "", ""),
        ("target", 2013, 2013, "全体居民可支配收入", "growth", 13.0, N, "%", "exact", "", ""),
        ("target", 2013, 2013, "城镇登记失业率", "rate", 3.0, N, "%", "at_most", "", ""),
    ]


def test_000_placeholder_years_are_never_used():
    # a year that could not be restored stays '20??': no period is read from it
    text = "\n".join([lines("000", 5)[0].replace("2024", "20??"), lines("000", 7)[0]])
    assert {(r[1], r[2]) for r in table(text)} == {(None, None)}
    assert {(r[1], r[2]) for r in table(text, report_year=2014)} == {(2013, 2013)}
    plan = restore(lines("000", 329)[0], 2010, 2010).replace("2010", "20??")
    rows = table(lines("000", 327)[0] + "\n" + plan, report_year=2016)
    assert rows[0][4:] == ("multiple", 2.0, N, "倍", "exact", "vs 20??", "")


# ---------------------------------------------------------------------------
# 001 / 003: the 2024 report in Chinese and in English
# ---------------------------------------------------------------------------
ZH_2024 = [
    ("outcome", 2023, 2023, "地区生产总值", "growth", 6.0, N, "%", "at_least", "", ""),
    ("outcome", 2023, 2023, "一般公共预算收入", "growth", 12.0, N, "%", "exact", "", ""),
    ("outcome", 2023, 2023, "规模以上工业增加值", "growth", 10.0, N, "%", "at_least", "", ""),
    ("outcome", 2023, 2023, "社会消费品零售总额", "growth", 9.0, N, "%", "exact", "", ""),
    ("outcome", 2023, 2023, "城乡居民人均可支配收入", "qualitative", N, N, "", "qualitative", "与经济增长基本保持一致", ""),
    ("outcome", 2023, 2023, "居民消费价格", "growth", 0.6, N, "%", "exact", "", ""),
    ("outcome", 2021, 2023, "能耗强度", "cumulative_decline", 13.0, N, "%", "at_least", "cumulative since 2020", ""),
    ("target", 2024, 2024, "地区生产总值", "growth", 6.0, N, "%", "about", "", ""),
    ("target", 2024, 2024, "规模以上工业增加值", "growth", 7.5, N, "%", "exact", "", ""),
    ("target", 2024, 2024, "固定资产投资", "growth", 8.0, N, "%", "about", "", ""),
    ("target", 2024, 2024, "社会消费品零售总额", "growth", 8.0, N, "%", "exact", "", ""),
    ("target", 2024, 2024, "一般公共预算收入", "growth", 6.0, N, "%", "exact", "", ""),
    ("target", 2024, 2024, "外贸进出口", "growth", 7.0, N, "%", "exact", "", ""),
    ("target", 2024, 2024, "居民消费价格涨幅", "growth", 3.0, N, "%", "about", "", ""),
    ("target", 2024, 2024, "城乡居民收入增长", "qualitative", N, N, "", "qualitative", "与经济增长基本同步", ""),
    ("target", 2021, 2024, "能耗强度", "cumulative_decline", 12.0, N, "%", "exact", "cumulative since 2020", ""),
]

EN_2024 = [
    # the translation renders 以上 as "more than": greater_than, as written
    ("outcome", 2023, 2023, "regional GDP", "growth", 6.0, N, "%", "greater_than", "", ""),
    ("outcome", 2023, 2023, "General public budget revenue", "growth", 12.0, N, "%", "exact", "", ""),
    ("outcome", 2023, 2023, "added value of industrial enterprises above designated size", "growth", 10.0, N, "%", "greater_than", "", ""),
    ("outcome", 2023, 2023, "Total retail sales of social consumer goods", "growth", 9.0, N, "%", "exact", "", ""),
    ("outcome", 2023, 2023, "per capita disposable income of urban and rural residents", "qualitative", N, N, "", "qualitative",
     "basically consistent with economic growth", ""),
    ("outcome", 2023, 2023, "Consumer prices", "growth", 0.6, N, "%", "exact", "", ""),
    ("outcome", 2021, 2023, "energy consumption intensity", "cumulative_decline", 13.0, N, "%", "greater_than", "cumulative since 2020", ""),
    ("target", 2024, 2024, "regional GDP", "growth", 6.0, N, "%", "about", "", ""),
    ("target", 2024, 2024, "added value of industrial enterprises above designated size", "growth", 7.5, N, "%", "exact", "", ""),
    ("target", 2024, 2024, "investment in fixed assets", "growth", 8.0, N, "%", "about", "", ""),
    ("target", 2024, 2024, "total retail sales of social consumer goods", "growth", 8.0, N, "%", "exact", "", ""),
    ("target", 2024, 2024, "general public budget revenue", "growth", 6.0, N, "%", "exact", "", ""),
    ("target", 2024, 2024, "import and export of foreign trade", "growth", 7.0, N, "%", "exact", "", ""),
    ("target", 2024, 2024, "increase of consumer price", "growth", 3.0, N, "%", "about", "", ""),
    ("target", 2024, 2024, "income growth of urban and rural residents", "qualitative", N, N, "", "qualitative",
     "basically synchronized with economic growth", ""),
    ("target", 2021, 2024, "energy consumption intensity", "cumulative_decline", 12.0, N, "%", "exact", "cumulative since 2020", ""),
]


def test_001_chinese_2024_report():
    text = raw("001")
    assert table(text, report_year=2024) == ZH_2024
    # the section years (一、2023年工作回顾 / 2023年是…; 二、2024年政府工作目标和主要任务) give the same periods
    assert table(text) == ZH_2024


def test_003_english_2024_report():
    text = english(raw("003"))
    assert table(text, "en", report_year=2024) == EN_2024
    assert table(text, "en") == EN_2024


# The Chinese and English targets paragraphs name the same indicators (by meaning)
MEANING = {
    "地区生产总值": "regional GDP",
    "规模以上工业增加值": "added value of industrial enterprises above designated size",
    "固定资产投资": "investment in fixed assets",
    "社会消费品零售总额": "total retail sales of social consumer goods",
    "一般公共预算收入": "general public budget revenue",
    "外贸进出口": "import and export of foreign trade",
    "居民消费价格涨幅": "increase of consumer price",
    "城乡居民收入增长": "income growth of urban and rural residents",
    "能耗强度": "energy consumption intensity",
}


def test_2024_targets_agree_between_chinese_and_english():
    zh = [r for r in table(raw("001"), report_year=2024) if r[0] == "target"]
    en = [r for r in table(english(raw("003")), "en", report_year=2024) if r[0] == "target"]
    assert [MEANING[r[3]] for r in zh] == [r[3] for r in en]
    for z, e in zip(zh, en):
        same = lambda row: row[:3] + row[4:9] + (row[9] if row[4] != "qualitative" else "",)  # noqa: E731
        assert same(z) == same(e), (z, e)


# ---------------------------------------------------------------------------
# 002: Jinzhou District 2021
# ---------------------------------------------------------------------------
def test_002_result_of_2020_with_shares_of_the_city():
    text = "\n".join(lines("002", 14, 16, 18))    # heading "一、2020年和“十三五”时期工作回顾", "2020年是…", results
    y = 2020
    assert table(text, report_year=2021, jurisdiction="jinzhou") == [
        ("outcome", y, y, "地区生产总值", "level", 2079.4, N, "亿元", "exact", "", ""),
        ("outcome", y, y, "地区生产总值", "growth", 0.55, N, "%", "exact", "", ""),
        ("outcome", y, y, "一般公共预算地方级收入", "level", 192.0, N, "亿元", "exact", "", ""),
        ("outcome", y, y, "固定资产投资", "growth", 5.1, N, "%", "exact", "", ""),
        ("outcome", y, y, "规模以上工业总产值", "rate", 45.7, N, "%", "exact", "", "dalian"),     # 占全市45.7%
        ("outcome", y, y, "规模以上工业增加值", "growth", 0.2, N, "%", "exact", "", ""),
        ("outcome", y, y, "实际利用外资", "level", 1.76, N, "亿美元", "exact", "", ""),
        ("outcome", y, y, "实际利用外资", "growth", 35.4, N, "%", "exact", "", ""),
        ("outcome", y, y, "引进省外内资", "level", 293.9, N, "亿元", "exact", "", ""),
        ("outcome", y, y, "引进省外内资", "growth", 20.1, N, "%", "exact", "", ""),
        ("outcome", y, y, "省内到位内资", "level", 75.0, N, "亿元", "exact", "", ""),
        ("outcome", y, y, "社会消费品零售总额增速", "qualitative", N, N, "", "qualitative", "高于全市平均水平", ""),
        ("outcome", y, y, "外贸进出口总额", "rate", 61.5, N, "%", "exact", "", "dalian"),
        ("outcome", y, y, "城镇常住居民人均可支配收入", "growth", 0.2, N, "%", "exact", "", ""),
    ]


def test_002_five_year_review_paragraphs():
    # line 40 (经济实力) and line 50 (创新驱动)
    text = "\n".join(lines("002", 40, 50))
    # a level or rate reached in 2020 is that year's outcome; 综合能耗 and 主要经济指标 are not in the vocabulary:
    # they are unparsed entries, not rows
    P, E, O = ("plan_outcome", 2016, 2020), ("plan_outcome", 2020, 2020), ("outcome", 2020, 2020)
    assert table(text, report_year=2021, jurisdiction="jinzhou") == [
        (*P, "地区生产总值", "avg_growth", 4.7, N, "%", "exact", "", ""),
        (*P, "地区生产总值", "rate", 30.0, N, "%", "at_least", "cumulative", "dalian"),   # 累计占全市五年总量的30%以上
        (*P, "固定资产投资", "rate", 25.8, N, "%", "exact", "cumulative", "dalian"),
        (*P, "一般公共预算收入", "level", 767.5, N, "亿元", "exact", "cumulative", ""),
        (*P, "一般公共预算收入", "avg_growth", 7.3, N, "%", "exact", "", ""),
        (*O, "研究与试验发展经费投入强度", "rate", 2.7, N, "%", "exact", "", ""),
        (*O, "高新技术企业", "level", 670.0, N, "家", "exact", "", ""),
        (*P, "高新技术企业", "avg_growth", 39.8, N, "%", "exact", "", ""),
        (*O, "高新技术产业增加值占地区生产总值比重", "rate", 30.0, N, "%", "exact", "", ""),
        (*P, "省科技厅确认瞪羚企业", "level", 31.0, N, "家", "exact", "cumulative", ""),  # no verb: a total
        (*P, "累计引进青年人才", "level", 17.7, N, "万人", "exact", "cumulative", ""),
        (*O, "高技能人才从业率", "rate", 23.2, N, "%", "exact", "", ""),
        (*E, "高技能人才从业率", "pp_gap", 7.2, N, "个百分点", "exact", "vs 全国平均值", ""),
    ]


def test_002_fourteenth_plan_and_2021_targets():
    # line 60 heading, 66 “十四五”…主要预期目标是：到2025年…, 70 2021年是…主要预期目标是
    text = "\n".join(lines("002", 60, 66, 70))
    F = ("plan_target", 2021, 2025)
    y = 2021
    expected = [
        (*F, "地区生产总值", "avg_growth", 6.5, N, "%", "exact", "", ""),
        (*F, "一般公共预算收入", "avg_growth", 6.5, N, "%", "exact", "", ""),
        (*F, "城镇常住居民人均可支配收入", "avg_growth", 6.5, N, "%", "about", "", ""),
        (*F, "社会消费品零售总额", "avg_growth", 10.0, N, "%", "exact", "", ""),
        (*F, "外贸进出口总额", "avg_growth", 4.8, N, "%", "exact", "", ""),
        ("plan_target", 2025, 2025, "研究与试验发展经费投入强度", "rate", 4.0, N, "%", "exact", "", ""),
        (*F, "城镇登记失业率", "rate", 4.0, N, "%", "at_most", "", ""),
        (*F, "单位地区生产总值能耗", "qualitative", N, N, "", "qualitative", "达到上级要求", ""),
        (*F, "二氧化碳排放", "qualitative", N, N, "", "qualitative", "达到上级要求", ""),
        ("target", y, y, "地区生产总值", "growth", 6.5, N, "%", "at_least", "", ""),
        ("target", y, y, "一般公共预算收入", "growth", 3.0, N, "%", "exact", "", ""),
        ("target", y, y, "固定资产投资", "growth", 10.0, N, "%", "exact", "", ""),
        ("target", y, y, "规模以上工业增加值", "growth", 7.0, N, "%", "exact", "", ""),
        ("target", y, y, "社会消费品零售总额增速", "qualitative", N, N, "", "qualitative", "高于全市平均水平", ""),
        ("target", y, y, "外贸进出口总额", "growth", 3.0, N, "%", "exact", "", ""),
        ("target", y, y, "城镇常住居民人均可支配收入", "qualitative", N, N, "", "qualitative", "与经济增长同步", ""),
        ("target", y, y, "城镇登记失业率", "rate", 4.0, N, "%", "about", "", ""),
        ("target", y, y, "单位地区生产总值能耗", "qualitative", N, N, "", "qualitative", "达到上级要求", ""),
    ]
    assert table(text, report_year=2021) == expected
    assert table(text) == expected   # “十四五” and "2021年是" are written in the text


# ---------------------------------------------------------------------------
# 004: the 14th Five-Year Plan outline
# ---------------------------------------------------------------------------
def test_004_thirteenth_plan_review():
    text = lines("004", 13)[0]   # “十三五”时期，地区生产总值完成全面小康社会目标的 99%，…年均增长分别为 5.7% 和 8%
    P = ("plan_outcome", 2016, 2020)
    assert table(text) == [
        ("outcome", 2020, 2020, "地区生产总值", "rate", 99.0, N, "%", "exact", "vs 全面小康社会目标", ""),
        (*P, "城乡居民人均可支配收入", "avg_growth", 5.7, N, "%", "exact", "urban", ""),
        (*P, "城乡居民人均可支配收入", "avg_growth", 8.0, N, "%", "exact", "rural", ""),
        (*P, "城乡居民人均可支配收入", "qualitative", N, N, "", "qualitative", "高于经济增长速度; urban", ""),
        (*P, "城乡居民人均可支配收入", "qualitative", N, N, "", "qualitative", "高于经济增长速度; rural", ""),
    ]


def test_004_fourteenth_plan_goals():
    # "（二）“十四五”时期发展目标" and the paragraphs under it, PDF line wraps included
    text = "\n".join(raw("004").split("\n")[154:176])
    F = ("plan_target", 2021, 2025)
    assert table(text) == [
        ("plan_target", 2025, 2025, "经济总量", "level", 1.0, N, "万亿元", "at_least", "力争 (stretch)", ""),
        (*F, "全市地区生产总值", "avg_growth", 6.0, N, "%", "at_least", "", ""),
        (*F, "主要污染物排放总量", "qualitative", N, N, "", "qualitative", "持续降低", ""),            # line 173
        (*F, "登记失业率", "rate", 4.5, N, "%", "at_most", "", ""),
        (*F, "居民人均可支配收入", "qualitative", N, N, "", "qualitative", "与经济增长基本同步", ""),
        (*F, "人均期望寿命", "qualitative", N, N, "", "qualitative", "保持全国领先", ""),             # line 175
    ]
    leftovers = unparsed(text)
    assert leftovers[["number", "reason"]].values.tolist() == [
        # line 165: 高新技术企业和科技型中小企业数量比“十三五”期末翻一番 names no indicator of the vocabulary
        ["翻一番", "wording '高新技术企业和科技型中小企业数量' is not in the vocabulary (dalian_reports/vocab)"],
        ["2030", "year not attached to a figure"], ["2060", "year not attached to a figure"]]


# ---------------------------------------------------------------------------
# Generality: another city's wording gives the same rows
# ---------------------------------------------------------------------------
def comparable(rows):
    return [r[:3] + r[4:] for r in rows]


def test_another_city_targets_read_like_dalian():
    other = ("二、2022年工作安排\n"
             "全县经济社会发展的主要预期目标为：地区生产总值增长6.5%左右，一般公共预算收入增长5%，"
             "规模以上工业增加值增长8%以上，固定资产投资增长10%，力争12%，城乡居民人均可支配收入增长与经济增长同步，"
             "城镇登记失业率控制在4.5%以内，单位地区生产总值能耗下降3%。")
    dalian = ("二、2022年政府工作目标和主要任务\n"
              "  全市经济社会发展主要预期目标是:地区生产总值增长6.5%左右;一般公共预算收入增长5%;"
              "规模以上工业增加值增长8%以上;固定资产投资增长10%,力争达到12%;城乡居民人均可支配收入增长与经济增长同步;"
              "城镇登记失业率控制在4.5%以内;单位地区生产总值能耗下降3%。")
    expected = [
        ("target", 2022, 2022, "地区生产总值", "growth", 6.5, N, "%", "about", "", ""),
        ("target", 2022, 2022, "一般公共预算收入", "growth", 5.0, N, "%", "exact", "", ""),
        ("target", 2022, 2022, "规模以上工业增加值", "growth", 8.0, N, "%", "at_least", "", ""),
        ("target", 2022, 2022, "固定资产投资", "growth", 10.0, N, "%", "exact", "", ""),   # 力争12%: its stretch value
        ("target", 2022, 2022, "城乡居民人均可支配收入增长", "qualitative", N, N, "", "qualitative", "与经济增长同步", ""),
        ("target", 2022, 2022, "城镇登记失业率", "rate", 4.5, N, "%", "at_most", "", ""),
        ("target", 2022, 2022, "单位地区生产总值能耗", "decline", 3.0, N, "%", "exact", "", ""),
    ]
    assert table(other) == expected
    assert table(dalian) == expected
    for text in (other, dalian):
        rows = extract_headline(text)
        assert rows.loc[rows.wording == "固定资产投资", "stretch_value"].tolist() == [12.0]
        assert rows.indicator.tolist() == ["gdp", "budget_revenue", "industry_va", "fai", "resident_income",
                                           "unemployment", "energy_intensity"]
        assert rows.loc[rows.qualifier == "qualitative", "relative_to"].tolist() == ["gdp_growth"]


def test_another_city_results_and_review():
    text = ("一、2021年工作回顾\n"
            "初步核算，全年全区实现地区生产总值312.6亿元，按可比价格计算增长5.1%；一般公共预算收入18.2亿元，下降3.4%；"
            "城乡居民人均可支配收入分别达到42000元和21000元，分别增长7.1%和9.2%。\n"
            "过去五年，全区地区生产总值年均增长6.2%，万元地区生产总值能耗累计下降15%，城镇化率提高5.5个百分点。")
    assert table(text, report_year=2022) == [
        ("outcome", 2021, 2021, "地区生产总值", "level", 312.6, N, "亿元", "exact", "", ""),
        ("outcome", 2021, 2021, "地区生产总值", "growth", 5.1, N, "%", "exact", "按可比价格", ""),
        ("outcome", 2021, 2021, "一般公共预算收入", "level", 18.2, N, "亿元", "exact", "", ""),
        ("outcome", 2021, 2021, "一般公共预算收入", "growth", -3.4, N, "%", "exact", "", ""),
        ("outcome", 2021, 2021, "城乡居民人均可支配收入", "level", 42000.0, N, "元", "exact", "urban", ""),
        ("outcome", 2021, 2021, "城乡居民人均可支配收入", "level", 21000.0, N, "元", "exact", "rural", ""),
        ("outcome", 2021, 2021, "城乡居民人均可支配收入", "growth", 7.1, N, "%", "exact", "urban", ""),
        ("outcome", 2021, 2021, "城乡居民人均可支配收入", "growth", 9.2, N, "%", "exact", "rural", ""),
        ("plan_outcome", 2017, 2021, "全区地区生产总值", "avg_growth", 6.2, N, "%", "exact", "", ""),
        ("plan_outcome", 2017, 2021, "万元地区生产总值能耗", "cumulative_decline", 15.0, N, "%", "exact", "", ""),
        ("plan_outcome", 2017, 2021, "城镇化率", "growth", 5.5, N, "个百分点", "exact", "cumulative since 2016", ""),
    ]


def test_stretch_goal_rows():
    # 增长7%，力争7.5%: one target with its stretch value; 力争增长10%以上 alone: a stretch target, value = stretch
    text = "主要预期目标是：地区生产总值增长7%，力争7.5%；外贸进出口力争增长10%以上。"
    assert comparable(table(text, report_year=2025)) == [
        ("target", 2025, 2025, "growth", 7.0, N, "%", "exact", "", ""),
        ("target", 2025, 2025, "growth", 10.0, N, "%", "at_least", "力争 (stretch)", ""),
    ]
    rows = extract_headline(text, report_year=2025)
    assert rows[["indicator", "value", "stretch_value"]].values.tolist() == [["gdp", 7.0, 7.5], ["trade", 10.0, 10.0]]
    assert rows.quote.tolist() == ["地区生产总值增长7%，力争7.5%", "外贸进出口力争增长10%以上"]


# ---------------------------------------------------------------------------
# Spans, leftovers, errors, invariants
# ---------------------------------------------------------------------------
def test_headline_spans_of_each_source():
    def kinds(text, lang="zh", year=None):
        spans = find_headline_paragraphs(text, lang, year)
        for s in spans:
            assert 0 <= s.start < s.end <= len(text)
        return [s.kind for s in spans]

    # 001: the review's opening paragraph (2023年是…) and its figures (预计,地区生产总值增长6%以上…), then the targets
    assert kinds(raw("001")) == ["outcome", "outcome", "target"]
    assert kinds(english(raw("003")), "en") == ["outcome", "target"]
    # 002: the review's opening (2020年是…) and the 2020 results, nine 五年来 paragraphs (the first has no figure),
    # the 14th plan goals, the 2021 targets, and in the notes the 2020 results again on the 新区 basis
    # ("2020年，实现地区生产总值2320.4亿元")
    assert kinds(raw("002"), year=2021) == (["outcome"] * 2 + ["plan_outcome"] * 9
                                            + ["plan_target", "target", "outcome"])
    # 000: four reports, one pasted twice
    assert kinds(raw("000")).count("target") == 5
    # one outcome span per report and copy, plus the opening paragraph of the first report's review (line 6);
    # the parser reads one report per text, so the later reports' reviews are found by their leads (预计…)
    assert kinds(raw("000")).count("outcome") == 6
    spans = find_headline_paragraphs(raw("001"))
    assert spans[0].section == spans[1].section == "一、2023年工作回顾"
    assert spans[2].section == "二、2024年政府工作目标和主要任务"


def test_unparsed_lists_every_number_with_a_reason():
    text = lines("002", 42)[0]   # 五年来，产业结构不断优化。规模以上工业总产值年均增长5%。形成了石油化工1个千亿级产业集群…
    rows, leftovers = extract_headline(text, report_year=2021, with_unparsed=True)
    assert rows.value.tolist() == [5.0]
    assert leftovers[["number", "reason"]].values.tolist() == [
        ["1", "number modifying a following word (not an indicator figure)"],
        ["3", "number modifying a following word (not an indicator figure)"],
        ["1", "number modifying a following word (not an indicator figure)"],
    ]
    for r in leftovers.itertuples():
        assert text[r.start:r.end] == r.number


def test_nothing_is_dropped_silently_in_the_sources():
    """Every numeral inside a headline span is a row value, a year read for a period/basis, or listed."""
    from dalian_reports.extract.numbers import number_tokens

    cases = [(raw("001"), "zh", 2024), (english(raw("003")), "en", 2024), (raw("002"), "zh", 2021),
             (raw("004"), "zh", 2021), (raw("000"), "zh", None)]
    for text, lang, year in cases:
        rows, leftovers = extract_headline(text, lang, year, with_unparsed=True)
        listed = {(r.start, r.end) for r in leftovers.itertuples()}
        for span in find_headline_paragraphs(text, lang, year):
            in_span = rows[(rows.start >= span.start) & (rows.end <= span.end)]
            period_years = set(in_span.period_start.dropna()) | set(in_span.period_end.dropna())
            for token in number_tokens(text, lang, span.start, span.end):
                in_row = any(r.start <= token.start and token.end <= r.end for r in in_span.itertuples())
                period_year = token.kind == "year" and token.value in period_years   # 到2025年, read as the period
                lead_year = token.kind == "year" and text[max(span.start, token.start - 2):token.start].strip() == "到"
                assert in_row or period_year or lead_year or (token.start, token.end) in listed, (
                    token, text[span.start:span.end][:60])


def test_quotes_are_exact_and_hold_the_number():
    cases = [(raw("001"), "zh", 2024), (english(raw("003")), "en", 2024), (raw("002"), "zh", 2021),
             (raw("004"), "zh", 2021), (raw("000"), "zh", None)]
    idiom = re.compile(r"翻|倍增|两位数|万亿(?:城市|元)|千亿元|double", re.I)
    for text, lang, year in cases:
        rows = check_quotes(text, lang, year)
        assert list(rows.columns) == COLUMNS
        assert rows.wording.str.len().min() > 0
        for r in rows.itertuples():
            quote = to_halfwidth(r.quote)
            if r.measure == "qualitative":
                assert math.isnan(r.value) and r.qualifier == "qualitative"
                continue
            if idiom.search(quote[-12:]):
                continue
            numerals = {float(n.replace(",", "")) for n in re.findall(r"\d+(?:,\d{3})*(?:\.\d+)?", quote)}
            if r.unit == "fraction":
                assert "/" in quote
                continue
            assert abs(r.value) in numerals, (r.quote, r.value)


def test_malformed_number_in_a_headline_paragraph_raises_with_its_line():
    text = "一、2023年工作回顾\n其他内容。\n预计全市实现地区生产总值7820亿元，增长11..5%。"
    with pytest.raises(ParseError) as info:
        extract_headline(text, report_year=2024)
    assert info.value.line == 3
    with pytest.raises(ParseError) as info:
        extract_headline("主要预期目标是：地区生产总值增长7%-6%。", report_year=2024)
    assert info.value.line == 1
    # malformed text outside headline paragraphs is not read at all
    assert extract_headline("项目编号1.2.3已完成。", report_year=2024).empty


def test_import_is_light():
    code = ("import sys, dalian_reports.extract.headline, dalian_reports.extract.numbers; "
            "print(sorted(m for m in ('pandas', 'numpy', 'cn2an', 'dalian_reports.pipeline') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


def test_module_examples():
    assert doctest.testmod(headline).failed == 0


WORDS = ["预计", "主要预期目标是：", "五年来，", "到2025年，", "地区生产总值", "一般公共预算收入", "能耗", "增长", "下降",
         "年均", "累计", "分别", "均", "力争", "控制在", "以内", "左右", "以上", "、", "，", "；", "。", "\n", "和",
         "比2020年", "翻一番", "城乡居民收入", "占全市", "6.5%", "7820亿元", "10%", "3", "两位数", "与经济增长同步",
         "“十四五”时期", "20??年", "高于全国平均值", "2个百分点", "(", ")", "按老口径"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=30).map("".join), st.sampled_from([None, 2016, 2024]))
def test_random_report_text_never_crashes(text, year):
    try:
        rows, leftovers = extract_headline(text, "zh", year, with_unparsed=True)
    except ParseError:
        return
    for r in rows.itertuples():
        assert r.quote == text[r.start:r.end]
        assert r.kind in headline.KINDS
        assert r.qualifier in ("exact", "about", "at_least", "at_most", "greater_than", "less_than", "range", "qualitative")
    for r in leftovers.itertuples():
        assert text[r.start:r.end] == r.number


EN_WORDS = ["It is estimated that ", "The main expected goals are: ", "the regional GDP ", "will increase by ",
            "about ", "more than ", "6%", "12%", ", ", "; ", ". ", "and ", "compared with 2020", "decreased by ",
            "energy consumption intensity ", "is basically consistent with economic growth", "3,180 ", "-12-"]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(EN_WORDS), max_size=25).map("".join))
def test_random_english_text_never_crashes(text):
    try:
        rows = extract_headline(text, "en", 2024)
    except ParseError:
        return
    for r in rows.itertuples():
        assert r.quote == text[r.start:r.end]


SUBJECTS = ["地区生产总值", "一般公共预算收入", "固定资产投资", "社会消费品零售总额", "城镇登记失业率", "实际使用外资"]
PHRASES = [("增长{n}%左右", "growth", "about", "%"), ("增长{n}%以上", "growth", "at_least", "%"),
           ("达到{n}亿元", "level", "exact", "亿元"), ("年均增长{n}%", "avg_growth", "exact", "%"),
           ("超过{n}万美元", "level", "greater_than", "万美元"), ("增长{n}%", "growth", "exact", "%")]
FULL = str.maketrans("0123456789.%", "０１２３４５６７８９．％")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(SUBJECTS), st.sampled_from(PHRASES),
                          st.decimals(min_value="0.1", max_value="9999.9", places=1)), min_size=1, max_size=5),
       st.booleans(), st.sampled_from(["，", "；", ";", ","]))
def test_generated_target_paragraphs(clauses, full_width, separator):
    body = []
    for subject, (template, *_rest), number in clauses:
        digits = format(number, "f").rstrip("0").rstrip(".")
        phrase = template.format(n=digits)
        body.append(subject + (phrase.translate(FULL) if full_width else phrase))
    text = "主要预期目标是：" + separator.join(body) + "。"
    rows = extract_headline(text, report_year=2024)
    assert len(rows) == len(clauses)
    for row, (subject, (template, measure, qualifier, unit), number) in zip(rows.itertuples(), clauses):
        digits = format(number, "f").rstrip("0").rstrip(".")
        assert row.quote == text[row.start:row.end]
        assert (digits.translate(FULL) if full_width else digits) in row.quote
        assert (row.wording, row.measure, row.qualifier, row.unit) == (subject, measure, qualifier, unit)
        assert row.value == pytest.approx(float(digits))
        assert (row.period_start, row.period_end) == (2024, 2024)


def test_indented_full_width_paragraphs():
    # a county report typed with full-width digits and ideographic-space indents
    text = ("一、２０２２年工作回顾\n"
            "\u3000\u3000预计全县实现地区生产总值２８６．５亿元，增长４．２％。\n"
            "二、２０２３年目标任务\n"
            "\u3000\u3000全县经济社会发展的主要预期目标建议为：地区生产总值增长６％左右，一般公共预算收入增长５％—６％。")
    assert table(text) == [
        ("outcome", 2022, 2022, "地区生产总值", "level", 286.5, N, "亿元", "exact", "", ""),
        ("outcome", 2022, 2022, "地区生产总值", "growth", 4.2, N, "%", "exact", "", ""),
        ("target", 2023, 2023, "地区生产总值", "growth", 6.0, N, "%", "about", "", ""),
        ("target", 2023, 2023, "一般公共预算收入", "growth", 5.0, 6.0, "%", "range", "", ""),
    ]
    check_quotes(text)
