"""A catalogue of hostile phrasings for the headline parser: no silently wrong number.

Each case is a realistic sentence in the style of the reports (a target paragraph 主要预期目标是：…, a review
sentence 预计，全市…, their English translations) with something hostile in it: invisible characters, spaces
or commas inside numbers, digits of other scripts, Chinese numerals, falls written as growth, qualifiers written
after the number, missing units. Each case states what a careful reader takes from the sentence — the rows
(kind, indicator, measure, value, value_high, unit, qualifier), the numbers that must be refused as ``unparsed``
entries (number as written, a word of the reason), or the :class:`~dalian_reports.errors.ParseError` and its
line. The expected values were written from the sentences, not from the parser's output.

A refused number is never a row: "no silently wrong number" means a number either reads as the sentence means
it or is listed with its reason.
"""
from __future__ import annotations

import math
import re
from typing import NamedTuple

import pytest

from dalian_reports.errors import ParseError
from dalian_reports.extract.headline import extract_headline
from dalian_reports.extract.normal import BREAK, normalize

YEAR = 2021
T, O = "target", "outcome"
LEAD = "主要预期目标是："
PAST = "预计，全市"
GDP = "预计，全市地区生产总值增长5%，"   # a review sentence names the economy's output before other figures
G5 = ("outcome", "gdp", "growth", 5.0, None, "%", "exact")
EN_GDP = "It is estimated that the regional GDP will grow by 5 percent, and "
EN_LEAD = "The main expected targets for development this year are: "
EN_PAST = "It is estimated that "
N = None


class Case(NamedTuple):
    id: str
    text: str
    rows: tuple = ()
    unparsed: tuple = ()          # (number as written, a word of the reason)
    error: str | None = None      # a ParseError whose message matches this
    line: int | None = None       # … naming this line
    lang: str = "zh"


def zh(id, text, *rows, unparsed=(), error=None, line=None):
    return Case(id, text, tuple(rows), tuple(unparsed), error, line, "zh")


def en(id, text, *rows, unparsed=(), error=None, line=None):
    return Case(id, text, tuple(rows), tuple(unparsed), error, line, "en")


SEP = "inside a number"
NO_UNIT = "without a unit"

CASES = [
    # --- invisible characters and spaces -----------------------------------------------------------------------
    zh("zwsp-inside-decimal", PAST + "地区生产总值2079\u200b.4亿元。", unparsed=[("2079\u200b.4", SEP)]),
    zh("zwsp-after-point", PAST + "地区生产总值2079.\u200b4亿元。", unparsed=[("2079.\u200b4", SEP)]),
    zh("zwsp-between-digits", PAST + "地区生产总值20\u200b79.4亿元。", unparsed=[("20\u200b79.4", SEP)]),
    zh("zwnj-between-digits", GDP + "一般公共预算收入18\u200c6.2亿元。", G5, unparsed=[("18\u200c6.2", SEP)]),
    zh("word-joiner-inside", PAST + "地区生产总值2079\u2060.4亿元。", unparsed=[("2079\u2060.4", SEP)]),
    zh("bom-inside", PAST + "地区生产总值2079\ufeff.4亿元。", unparsed=[("2079\ufeff.4", SEP)]),
    zh("space-before-point", PAST + "地区生产总值2079 .4亿元。", unparsed=[("2079 .4", SEP)]),
    zh("nbsp-before-point", PAST + "地区生产总值2079\u00a0.4亿元。", unparsed=[("2079\u00a0.4", SEP)]),
    zh("space-after-point", PAST + "地区生产总值2079. 4亿元。", unparsed=[("2079. 4", SEP)]),
    zh("ideographic-space-before-point", PAST + "地区生产总值2079\u3000.4亿元。", unparsed=[("2079\u3000.4", SEP)]),
    zh("space-thousands", LEAD + "城镇居民人均可支配收入达到20 000元。", unparsed=[("20 000", SEP)]),
    zh("nbsp-thousands", LEAD + "城镇居民人均可支配收入达到45\u00a0000元。", unparsed=[("45\u00a0000", SEP)]),
    zh("zwsp-then-growth-kept", PAST + "地区生产总值2079\u200b.4亿元；一般公共预算收入增长5%。",
       (O, "budget_revenue", "growth", 5.0, N, "%", "exact"), unparsed=[("2079\u200b.4", SEP)]),
    zh("zwsp-then-growth-of-the-same", PAST + "地区生产总值2079\u200b.4亿元，增长5%。",
       (O, "gdp", "growth", 5.0, N, "%", "exact"), unparsed=[("2079\u200b.4", SEP)]),
    zh("space-thousands-then-respectively", GDP + "城镇居民人均可支配收入16 403元，农民人均纯收入6 230元，分别增长13.6%和10.3%。",
       G5, (O, "urban_income", "growth", 13.6, N, "%", "exact"), (O, "rural_income", "growth", 10.3, N, "%", "exact"),
       unparsed=[("16 403", SEP), ("6 230", SEP)]),
    zh("space-thousands-list-then-growths", GDP + "城镇居民人均可支配收入和农民人均纯收入分别达到12 915元和5 172元，分别增长9.8%和9.5%。",
       G5, (O, "urban_income", "growth", 9.8, N, "%", "exact"), (O, "rural_income", "growth", 9.5, N, "%", "exact"),
       unparsed=[("12 915", SEP), ("5 172", SEP)]),
    zh("qualitative-target-beside-a-name", LEAD + "地区生产总值增长6%左右，PM2.5浓度明显下降。",
       (T, "gdp", "growth", 6.0, N, "%", "about"), (T, "pm25", "qualitative", N, N, "", "qualitative")),
    zh("zwsp-inside-wording", LEAD + "地区\u200b生产总值增长6%左右。", (T, "gdp", "growth", 6.0, N, "%", "about")),
    zh("zwsp-before-percent", LEAD + "地区生产总值增长6.5\u200b%左右。", (T, "gdp", "growth", 6.5, N, "%", "about")),
    zh("soft-hyphen-in-wording", LEAD + "一般公共\u00ad预算收入增长5%。", (T, "budget_revenue", "growth", 5.0, N, "%", "exact")),
    zh("bidi-controls-around-number", LEAD + "地区生产总值增长\u202a6.5%\u202c左右。",
       (T, "gdp", "growth", 6.5, N, "%", "about")),
    zh("rtl-mark-in-number", LEAD + "地区生产总值增长6\u200f.5%。", unparsed=[("6\u200f.5", SEP)]),
    zh("bom-at-start", "\ufeff" + LEAD + "地区生产总值增长6%。", (T, "gdp", "growth", 6.0, N, "%", "exact")),
    zh("nbsp-before-percent", LEAD + "地区生产总值增长6.5\u00a0%左右。", (T, "gdp", "growth", 6.5, N, "%", "about")),
    zh("spaces-around-number", LEAD + "地区生产总值增长 6.5 % 左右。", (T, "gdp", "growth", 6.5, N, "%", "about")),
    zh("ideographic-space-lead", "\u3000\u3000" + LEAD + "地区生产总值增长6%。", (T, "gdp", "growth", 6.0, N, "%", "exact")),
    zh("tab-in-sentence", LEAD + "地区生产总值增长6%，\t城镇新增就业8万人。",
       (T, "gdp", "growth", 6.0, N, "%", "exact"), (T, "new_urban_jobs", "level", 8.0, N, "万人", "exact")),
    # --- digits of other scripts and widths ---------------------------------------------------------------------
    zh("fullwidth-digits", LEAD + "地区生产总值增长６．５％左右。", (T, "gdp", "growth", 6.5, N, "%", "about")),
    zh("fullwidth-letters", LEAD + "ＧＤＰ增长６％。", (T, "gdp", "growth", 6.0, N, "%", "exact")),
    zh("fullwidth-comma-thousands", GDP + "一般公共预算收入３，１８０亿元。", G5, (O, "budget_revenue", "level", 3180.0, N, "亿元", "exact")),
    zh("arabic-indic-digits", LEAD + "地区生产总值增长٦٫٥%左右。", (T, "gdp", "growth", 6.5, N, "%", "about")),
    zh("arabic-indic-percent-sign", LEAD + "地区生产总值增长٦٪。", (T, "gdp", "growth", 6.0, N, "%", "exact")),
    zh("extended-arabic-digits", LEAD + "地区生产总值增长۷%。", (T, "gdp", "growth", 7.0, N, "%", "exact")),
    zh("devanagari-digits", LEAD + "地区生产总值增长५%。", (T, "gdp", "growth", 5.0, N, "%", "exact")),
    zh("mathematical-digits", LEAD + "地区生产总值增长\U0001d7d4%。", (T, "gdp", "growth", 6.0, N, "%", "exact")),
    zh("mixed-width-number", LEAD + "地区生产总值增长６.5%。", (T, "gdp", "growth", 6.5, N, "%", "exact")),
    zh("small-percent-sign", LEAD + "地区生产总值增长6\ufe6a。", (T, "gdp", "growth", 6.0, N, "%", "exact")),
    zh("unicode-minus", GDP + "一般公共预算收入增长−2.5%。", G5, (O, "budget_revenue", "growth", -2.5, N, "%", "exact")),
    # --- commas and points --------------------------------------------------------------------------------------
    zh("decimal-comma", LEAD + "地区生产总值增长6,5%。", unparsed=[("6,5", SEP)]),
    zh("decimal-comma-level", PAST + "地区生产总值2079,4亿元。", unparsed=[("2079,4", SEP)]),
    zh("fullwidth-decimal-comma", GDP + "一般公共预算收入增长6，5%。", G5, unparsed=[("6，5", SEP)]),
    zh("bad-thousands-group", GDP + "一般公共预算收入3,18亿元。", G5, unparsed=[("3,18", SEP)]),
    zh("good-thousands", GDP + "一般公共预算收入3,180亿元。", G5, (O, "budget_revenue", "level", 3180.0, N, "亿元", "exact")),
    zh("thousands-and-decimal", GDP + "一般公共预算收入1,234.5亿元。", G5, (O, "budget_revenue", "level", 1234.5, N, "亿元", "exact")),
    zh("fullwidth-comma-is-a-clause-break", PAST + "地区生产总值增长6%，5个重点园区加快建设。",
       (O, "gdp", "growth", 6.0, N, "%", "exact"), unparsed=[("5", "modifying")]),
    zh("stray-point-before-unit", PAST + "地区生产总值2182.亿元。", (O, "gdp", "level", 2182.0, N, "亿元", "exact")),
    zh("leading-point", LEAD + "地区生产总值增长.5%。", unparsed=[(".5", "decimal point")]),
    zh("leading-zero-point", LEAD + "居民消费价格涨幅控制在0.5%左右。", (T, "cpi", "growth", 0.5, N, "%", "about")),
    zh("double-point", LEAD + "地区生产总值增长6..5%。", error="malformed number", line=1),
    zh("two-points", "一、总体要求\n" + LEAD + "地区生产总值增长6.5.1%。", error="malformed number", line=2),
    zh("double-percent", LEAD + "地区生产总值增长6%%。", error="malformed number", line=1),
    # --- falls, zero and negative growth ------------------------------------------------------------------------
    zh("negative-growth", LEAD + "地区生产总值负增长3%。", (T, "gdp", "growth", -3.0, N, "%", "exact")),
    zh("negative-growth-review", GDP + "一般公共预算收入负增长2.1%。", G5, (O, "budget_revenue", "growth", -2.1, N, "%", "exact")),
    zh("zero-growth", LEAD + "一般公共预算收入零增长。", (T, "budget_revenue", "growth", 0.0, N, "%", "exact")),
    zh("zero-growth-achieved", GDP + "一般公共预算收入实现零增长。", G5, (O, "budget_revenue", "growth", 0.0, N, "%", "exact")),
    zh("fall-of-revenue", GDP + "一般公共预算收入下降25.7%。", G5, (O, "budget_revenue", "growth", -25.7, N, "%", "exact")),
    zh("fall-of-energy-intensity", LEAD + "单位地区生产总值能耗下降3%。", (T, "energy_intensity", "decline", 3.0, N, "%", "exact")),
    zh("fall-back-of-exports", GDP + "出口回落4.2%。", G5, (O, "exports", "growth", -4.2, N, "%", "exact")),
    zh("reduction-of-investment", GDP + "固定资产投资减少8%。", G5, (O, "fai", "growth", -8.0, N, "%", "exact")),
    zh("minus-sign-growth", GDP + "外贸进出口总额增长-3.2%。", G5, (O, "trade", "growth", -3.2, N, "%", "exact")),
    zh("fall-range", GDP + "固定资产投资下降5%-6%。", G5, (O, "fai", "growth", -6.0, -5.0, "%", "range")),
    # --- Chinese numerals ---------------------------------------------------------------------------------------
    zh("cn-decimal-percent", LEAD + "地区生产总值增长七点五%。", (T, "gdp", "growth", 7.5, N, "%", "exact")),
    zh("cn-decimal-percent-about", LEAD + "地区生产总值增长六点五%左右。", (T, "gdp", "growth", 6.5, N, "%", "about")),
    zh("cn-integer-percent", LEAD + "地区生产总值增长七%。", (T, "gdp", "growth", 7.0, N, "%", "exact")),
    zh("cn-per-cent-phrase", LEAD + "地区生产总值增长百分之六点五。", (T, "gdp", "growth", 6.5, N, "%", "exact")),
    zh("cn-per-cent-phrase-about", LEAD + "城镇调查失业率控制在百分之五点五左右。",
       (T, "surveyed_unemployment", "rate", 5.5, N, "%", "about")),
    zh("cn-per-cent-integer", LEAD + "一般公共预算收入增长百分之五。", (T, "budget_revenue", "growth", 5.0, N, "%", "exact")),
    zh("cn-trillion", LEAD + "地区生产总值突破一万亿元。", (T, "gdp", "level", 1.0, N, "万亿元", "greater_than")),
    zh("cn-trillion-reached", PAST + "地区生产总值达到一万亿元。", (O, "gdp", "level", 1.0, N, "万亿元", "exact")),
    zh("cn-hundred-billion", LEAD + "一般公共预算收入达到一千亿元。", (T, "budget_revenue", "level", 1000.0, N, "亿元", "exact")),
    zh("cn-two-trillion-decimal", PAST + "地区生产总值一点二万亿元。", (O, "gdp", "level", 1.2, N, "万亿元", "exact")),
    zh("cn-ten-thousand-people", LEAD + "城镇新增就业十万人。", (T, "new_urban_jobs", "level", 10.0, N, "万人", "exact")),
    zh("cn-points", LEAD + "常住人口城镇化率提高一个百分点。", (T, "urbanization_rate", "growth", 1.0, N, "个百分点", "exact")),
    zh("cn-decimal-points", LEAD + "常住人口城镇化率提高零点五个百分点。",
       (T, "urbanization_rate", "growth", 0.5, N, "个百分点", "exact")),
    zh("cn-double", LEAD + "地区生产总值比2010年翻一番。", (T, "gdp", "multiple", 2.0, N, "倍", "exact")),
    zh("cn-quadruple", LEAD + "地区生产总值比2000年翻两番。", (T, "gdp", "multiple", 4.0, N, "倍", "exact")),
    zh("cn-two-digit-growth", LEAD + "规模以上工业增加值保持两位数增长。", (T, "industry_va", "growth", 10.0, N, "%", "at_least")),
    zh("trillion-city", PAST + "地区生产总值突破万亿元。", (O, "gdp", "level", 1.0, N, "万亿元", "greater_than")),
    # --- circled and superscript numerals, footnotes ------------------------------------------------------------
    zh("circled-percent", LEAD + "地区生产总值增长⑥%。", unparsed=[("⑥", "circled")]),
    zh("circled-yuan", GDP + "一般公共预算收入⑤亿元。", G5, unparsed=[("⑤", "circled")]),
    zh("superscript-percent", LEAD + "地区生产总值增长²%。", unparsed=[("²", "circled")]),
    zh("negative-circled-percent", LEAD + "地区生产总值增长❻%。", unparsed=[("❻", "circled")]),
    zh("footnote-after-figure", LEAD + "地区生产总值增长6%①，城镇新增就业8万人。",
       (T, "gdp", "growth", 6.0, N, "%", "exact"), (T, "new_urban_jobs", "level", 8.0, N, "万人", "exact")),
    zh("parenthesised-numeral", LEAD + "地区生产总值增长⑹%。", unparsed=[("⑹", "circled")]),
    # --- ranges ------------------------------------------------------------------------------------------------
    zh("range-hyphen", LEAD + "地区生产总值增长6%-6.5%。", (T, "gdp", "growth", 6.0, 6.5, "%", "range")),
    zh("range-fullwidth-tilde", LEAD + "地区生产总值增长6％～6.5％。", (T, "gdp", "growth", 6.0, 6.5, "%", "range")),
    zh("range-zhi", LEAD + "地区生产总值增长6%至6.5%。", (T, "gdp", "growth", 6.0, 6.5, "%", "range")),
    zh("range-em-dash-one-unit", LEAD + "地区生产总值增长6.5—7%。", (T, "gdp", "growth", 6.5, 7.0, "%", "range")),
    zh("range-inverted", LEAD + "地区生产总值增长7%-6%。", error="inverted range", line=1),
    zh("range-chained", LEAD + "地区生产总值增长6%-7%-8%。", error="chained range", line=1),
    zh("range-nested", LEAD + "地区生产总值增长6%-(7%-8%)。", error="nested range", line=1),
    zh("range-two-units", LEAD + "地区生产总值增长6%-7亿元。", error="two units", line=1),
    # --- qualifiers --------------------------------------------------------------------------------------------
    zh("about-after", LEAD + "地区生产总值增长6%左右。", (T, "gdp", "growth", 6.0, N, "%", "about")),
    zh("about-before", LEAD + "地区生产总值增长约6%。", (T, "gdp", "growth", 6.0, N, "%", "about")),
    zh("at-least-after", LEAD + "固定资产投资增长10%以上。", (T, "fai", "growth", 10.0, N, "%", "at_least")),
    zh("at-least-before", LEAD + "一般公共预算收入增长不低于5%。", (T, "budget_revenue", "growth", 5.0, N, "%", "at_least")),
    zh("at-most-cap", LEAD + "城镇登记失业率控制在4.5%以内。", (T, "unemployment", "rate", 4.5, N, "%", "at_most")),
    zh("at-most-no-more-than", LEAD + "居民消费价格涨幅不超过3%。", (T, "cpi", "growth", 3.0, N, "%", "at_most")),
    zh("greater-than-over", PAST + "地区生产总值超过8000亿元。", (O, "gdp", "level", 8000.0, N, "亿元", "greater_than")),
    zh("greater-than-a-bit", PAST + "地区生产总值增长6%出头。", (O, "gdp", "growth", 6.0, N, "%", "greater_than")),
    zh("less-than-under", GDP + "出口增长不到3%。", G5, (O, "exports", "growth", 3.0, N, "%", "less_than")),
    zh("two-qualifiers-later-wins", LEAD + "固定资产投资增长超过10%以上。", (T, "fai", "growth", 10.0, N, "%", "at_least")),
    zh("about-on-last-of-list", LEAD + "城镇和农村居民人均可支配收入分别增长7%和8%左右。",
       (T, "urban_income", "growth", 7.0, N, "%", "about"), (T, "rural_income", "growth", 8.0, N, "%", "about")),
    zh("qualifier-broken-across-lines", LEAD + "地区生产总值增长6%左\n右。", (T, "gdp", "growth", 6.0, N, "%", "about")),
    # --- missing units -----------------------------------------------------------------------------------------
    zh("growth-without-unit", LEAD + "地区生产总值增长6.5，一般公共预算收入增长5%。",
       (T, "budget_revenue", "growth", 5.0, N, "%", "exact"), unparsed=[("6.5", NO_UNIT)]),
    zh("rate-without-unit", LEAD + "城镇登记失业率控制在4.5以内。", unparsed=[("4.5", NO_UNIT)]),
    zh("surveyed-rate-without-unit", LEAD + "城镇调查失业率5.5左右。", unparsed=[("5.5", NO_UNIT)]),
    zh("fall-without-unit", LEAD + "单位地区生产总值能耗下降3。", unparsed=[("3", NO_UNIT)]),
    zh("avg-growth-without-unit", LEAD + "固定资产投资年均增长12。", unparsed=[("12", NO_UNIT)]),
    zh("level-with-unit-kept", GDP + "城镇新增就业12.3万人。", G5, (O, "new_urban_jobs", "level", 12.3, N, "万人", "exact")),
    zh("cpi-written-as-index", LEAD + "居民消费价格指数103左右。", (T, "cpi", "growth", 3.0, N, "%", "about")),
    # --- leads and sentence shapes -----------------------------------------------------------------------------
    zh("target-paragraph-full", LEAD + "地区生产总值增长6.5%左右，一般公共预算收入增长5%，城镇登记失业率控制在4%以内。",
       (T, "gdp", "growth", 6.5, N, "%", "about"), (T, "budget_revenue", "growth", 5.0, N, "%", "exact"),
       (T, "unemployment", "rate", 4.0, N, "%", "at_most")),
    zh("review-level-and-growth", PAST + "实现地区生产总值7820亿元，增长11%。",
       (O, "gdp", "level", 7820.0, N, "亿元", "exact"), (O, "gdp", "growth", 11.0, N, "%", "exact")),
    zh("review-year-lead", "2020年，全市实现地区生产总值7030.4亿元，增长0.9%。",
       (O, "gdp", "level", 7030.4, N, "亿元", "exact"), (O, "gdp", "growth", 0.9, N, "%", "exact")),
    zh("review-preliminary", "初步核算，全市地区生产总值增长5.2%。", (O, "gdp", "growth", 5.2, N, "%", "exact")),
    zh("stretch-target", LEAD + "地区生产总值增长7%，力争7.5%。", (T, "gdp", "growth", 7.0, N, "%", "exact")),
    zh("each-of-three", LEAD + "固定资产投资、社会消费品零售总额、外贸进出口总额均增长8%。",
       (T, "fai", "growth", 8.0, N, "%", "exact"), (T, "retail", "growth", 8.0, N, "%", "exact"),
       (T, "trade", "growth", 8.0, N, "%", "exact")),
    zh("respectively-pairs", GDP + "城镇和农村居民人均可支配收入分别增长9.8%和10.8%。", G5,
       (O, "urban_income", "growth", 9.8, N, "%", "exact"), (O, "rural_income", "growth", 10.8, N, "%", "exact")),
    zh("year-of-figure-is-not-a-figure", LEAD + "地区生产总值增长6%，2021年城镇新增就业8万人。",
       (T, "gdp", "growth", 6.0, N, "%", "exact"), (T, "new_urban_jobs", "level", 8.0, N, "万人", "exact")),
    zh("lead-followed-by-digits-only", LEAD + "1" * 400, error="too large"),
    zh("lead-followed-by-spaces", LEAD + " " * 400),
    zh("page-number-debris", LEAD + "地区生产总值增长6%，城镇新增就业8万人，\n-12-\n城镇登记失业率控制在4%以内。",
       (T, "gdp", "growth", 6.0, N, "%", "exact"), (T, "new_urban_jobs", "level", 8.0, N, "万人", "exact"),
       (T, "unemployment", "rate", 4.0, N, "%", "at_most"), unparsed=[("-12-", "page")]),
    # --- English ----------------------------------------------------------------------------------------------
    en("en-or-so", EN_LEAD + "GDP growth of 6.5 percent or so.", (T, "gdp", "growth", 6.5, N, "%", "about")),
    en("en-or-thereabouts", EN_LEAD + "GDP growth of 6 percent or thereabouts.", (T, "gdp", "growth", 6.0, N, "%", "about")),
    en("en-around", EN_LEAD + "GDP growth of around 5 percent.", (T, "gdp", "growth", 5.0, N, "%", "about")),
    en("en-shrink-by", EN_PAST + "the regional GDP will shrink by 3 percent.", (O, "gdp", "growth", -3.0, N, "%", "exact")),
    en("en-shrank-by", EN_PAST + "the regional GDP shrank by 2.5 percent.", (O, "gdp", "growth", -2.5, N, "%", "exact")),
    en("en-decline-by", EN_GDP + "general public budget revenue will decline by 4 percent.", G5,
       (O, "budget_revenue", "growth", -4.0, N, "%", "exact")),
    en("en-fall-by", EN_GDP + "general public budget revenue will fall by 2 percent.", G5,
       (O, "budget_revenue", "growth", -2.0, N, "%", "exact")),
    en("en-drop-by", EN_GDP + "exports will drop by 5.5 percent.", G5, (O, "exports", "growth", -5.5, N, "%", "exact")),
    en("en-contract-by", EN_PAST + "the regional GDP will contract by 1.2 percent.", (O, "gdp", "growth", -1.2, N, "%", "exact")),
    en("en-drop-of-reduction-indicator", EN_PAST + "energy consumption per unit of GDP will drop by 3 percent.",
       (O, "energy_intensity", "decline", 3.0, N, "%", "exact")),
    en("en-negative-growth", EN_PAST + "the regional GDP will see a negative growth of 3 percent.",
       (O, "gdp", "growth", -3.0, N, "%", "exact")),
    en("en-zero-growth", EN_GDP + "general public budget revenue will see zero growth.", G5,
       (O, "budget_revenue", "growth", 0.0, N, "%", "exact")),
    en("en-decimal-comma", EN_LEAD + "GDP growth of 6,5 percent.", unparsed=[("6,5", SEP)]),
    en("en-space-before-point", EN_PAST + "the regional GDP will reach 2079 .4 billion yuan.", unparsed=[("2079 .4", SEP)]),
    en("en-zwsp-inside", EN_PAST + "the regional GDP will reach 2079\u200b.4 billion yuan.", unparsed=[("2079\u200b.4", SEP)]),
    en("en-leading-point", EN_LEAD + "GDP growth of .5 percent.", unparsed=[(".5", "decimal point")]),
    en("en-nbsp-before-percent", EN_LEAD + "GDP growth of 6.5\u00a0percent.", (T, "gdp", "growth", 6.5, N, "%", "exact")),
    en("en-thousands", EN_GDP + "general public budget revenue will reach 1,234.5 billion yuan.", G5,
       (O, "budget_revenue", "level", 1234.5, N, "billion yuan", "exact")),
    en("en-growth-without-unit", EN_LEAD + "GDP growth of 6.5; surveyed urban unemployment rate of around 5.5 percent.",
       (T, "surveyed_unemployment", "rate", 5.5, N, "%", "about"), unparsed=[("6.5", NO_UNIT)]),
    en("en-fullwidth-digits", EN_LEAD + "GDP growth of ６.５ percent.", (T, "gdp", "growth", 6.5, N, "%", "exact")),
    en("en-circled", EN_LEAD + "GDP growth of ⑥ percent.", unparsed=[("⑥", "circled")]),
    en("en-double-point", EN_LEAD + "GDP growth of 6..5 percent.", error="malformed number", line=1),
]


def _row(r) -> tuple:
    value, high = (None if math.isnan(v) else v for v in (r.value, r.value_high))
    return (r.kind, r.indicator, r.measure, value, high, r.unit, r.qualifier)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_phrasing(case: Case):
    if case.error is not None:
        with pytest.raises(ParseError, match=case.error) as caught:
            extract_headline(case.text, case.lang, YEAR)
        if case.line is not None:
            assert caught.value.line == case.line
        return
    rows, unparsed = extract_headline(case.text, case.lang, YEAR, with_unparsed=True)
    assert [_row(r) for r in rows.itertuples()] == list(case.rows)
    entries = [(u.number, u.reason) for u in unparsed.itertuples()]
    for number, reason in case.unparsed:
        assert any(n == number and reason in why for n, why in entries), (number, reason, entries)
    for r in rows.itertuples():   # the contract: offsets and quotes of the caller's text
        assert r.quote == case.text[r.start:r.end]
        assert r.line == case.text.count("\n", 0, r.start) + 1
    for u in unparsed.itertuples():
        assert u.number == case.text[u.start:u.end]


def test_a_refused_number_is_never_a_row():
    """No row around a refused number carries a piece of it as its value (2079\u200b.4 never gives 2079 or 4)."""
    for case in CASES:
        if case.error is not None or not case.unparsed:
            continue
        rows, unparsed = extract_headline(case.text, case.lang, YEAR, with_unparsed=True)
        refused = [u for u in unparsed.itertuples() if any(u.number == n for n, _reason in case.unparsed)]
        for u in refused:
            pieces = {float(p) for p in re.findall(r"\d+(?:\.\d+)?", normalize(u.number).norm.replace(BREAK, " "))}
            for r in rows.itertuples():
                if r.start <= u.start < r.end:
                    assert r.value not in pieces, (case.id, r.quote, r.value)


def test_the_catalogue_has_at_least_100_phrasings(capsys):
    ids = [c.id for c in CASES]
    assert len(set(ids)) == len(ids)
    with capsys.disabled():
        kinds = {"rows": sum(1 for c in CASES if c.rows and not c.unparsed),
                 "unparsed": sum(1 for c in CASES if c.unparsed), "ParseError": sum(1 for c in CASES if c.error),
                 "nothing": sum(1 for c in CASES if not (c.rows or c.unparsed or c.error))}
        print(f"\nhostile phrasings: {len(CASES)} ({', '.join(f'{k} {v}' for k, v in kinds.items())})")
    assert len(CASES) >= 100
