"""The number-and-qualifier grammar (dalian_reports.extract.numbers).

Phrases are taken from the raw sources (file and line in the comments); the
expected readings were written by hand from the conventions in the module
docstring, not copied from the parser.
"""
from __future__ import annotations

import doctest
import math
from decimal import Decimal

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from dalian_reports.errors import ParseError
from dalian_reports.extract import numbers
from dalian_reports.extract.normal import BREAK, INVISIBLE, Lines, char_form, normalize
from dalian_reports.extract.numbers import (
    is_reduction_indicator, number_tokens, parse_quantity, resolve_measure, scan_quantities, to_halfwidth,
)

NAN = float("nan")


def same(a, b):
    return (isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b)) or a == b


# (phrase, value, value_high, unit, qualifier, measure hint)
ZH_PHRASES = [
    # 001 line 44 / 003: the 2024 targets
    ("增长6%左右", 6.0, NAN, "%", "about", "growth"),
    ("增长7.5%", 7.5, NAN, "%", "exact", "growth"),
    ("控制在3%左右", 3.0, NAN, "%", "about", "rate"),  # 居民消费价格涨幅控制在3%左右: 涨幅 belongs to the wording
    ("累计下降12%", 12.0, NAN, "%", "exact", "cumulative_fall"),
    # 001 line 14: 2023 results
    ("增长6%以上", 6.0, NAN, "%", "at_least", "growth"),
    ("上涨0.6%", 0.6, NAN, "%", "exact", "growth"),
    ("累计下降13%以上", 13.0, NAN, "%", "at_least", "cumulative_fall"),
    # 000 (2016 report, line 339)
    ("增长6.5%-7%", 6.5, 7.0, "%", "range", "growth"),
    ("控制在3%以内", 3.0, NAN, "%", "at_most", "rate"),
    # 000 (2014 report, line 49)
    ("控制在3%以下", 3.0, NAN, "%", "at_most", "rate"),
    ("下降3.77%", 3.77, NAN, "%", "exact", "fall"),
    # 000 (2014 report, line 7): a bare cap
    ("控制在2.61%", 2.61, NAN, "%", "at_most", "rate"),
    # 000 (2016 report, line 275): levels with units kept as written
    ("累计实现2.8万亿元", 2.8, NAN, "万亿元", "exact", "level"),
    ("从5158亿元", 5158.0, NAN, "亿元", "exact", "level"),
    ("增加到7700亿元", 7700.0, NAN, "亿元", "exact", "level"),
    ("年均增长8.5%", 8.5, NAN, "%", "exact", "avg_growth"),
    # 000 (2016 report, line 279)
    ("超万亿元", 1.0, NAN, "万亿元", "greater_than", "level"),
    ("五年提高10个百分点", 10.0, NAN, "个百分点", "exact", "growth"),
    # 000 (2016 report, line 280)
    ("年均降低4.6%", 4.6, NAN, "%", "exact", "avg_fall"),
    # 000 (2016 report, line 329)
    ("比2010年翻一番", 2.0, NAN, "倍", "exact", "multiple"),
    ("比2010年翻一番以上", 2.0, NAN, "倍", "at_least", "multiple"),
    ("迈入万亿城市行列", 1.0, NAN, "万亿元", "at_least", "level"),
    # 000 (2013 report, line 391)
    ("是2007年总量的2.2倍", 2.2, NAN, "倍", "exact", "multiple"),
    ("超过1.55万美元", 1.55, NAN, "万美元", "greater_than", "level"),
    ("年均减排4.8%", 4.8, NAN, "%", "exact", "avg_fall"),
    # 000 (2013 report, line 435)
    ("年均保持两位数增长", 10.0, NAN, "%", "at_least", "avg_growth"),
    ("实现倍增", 2.0, NAN, "倍", "exact", "multiple"),
    ("年均削减2%", 2.0, NAN, "%", "exact", "avg_fall"),
    # 000 (2013 report, line 421)
    ("按传统口径计算超过8000亿元", 8000.0, NAN, "亿元", "greater_than", "level"),
    # 002 line 48 / 54 / 50
    ("3.4万余家", 3.4, NAN, "万家", "greater_than", "level"),
    ("增加了近9000元", 9000.0, NAN, "元", "about", "growth"),
    ("保持在3.5%以内", 3.5, NAN, "%", "at_most", "rate"),
    ("高于全国平均值7.2个百分点", 7.2, NAN, "个百分点", "exact", "pp_gap"),
    ("占全市20—50%", 20.0, 50.0, "%", "range", "rate"),
    ("占辽宁省1/3", 1 / 3, NAN, "fraction", "exact", "rate"),
    # 002 line 66 (full-width ％)
    ("年均增长6.5％左右", 6.5, NAN, "%", "about", "avg_growth"),
    ("控制在4％以内", 4.0, NAN, "%", "at_most", "rate"),
    # 004 line 13 (spaces around numbers), line 173, line 877
    ("年均增长分别为 5.7%", 5.7, NAN, "%", "exact", "avg_growth"),
    ("保持在 4.5% 以内", 4.5, NAN, "%", "at_most", "rate"),
    ("超过 70%", 70.0, NAN, "%", "greater_than", "rate"),
    ("达到 30 家以上", 30.0, NAN, "家", "at_least", "level"),
    # the remaining qualifier words
    ("不低于5%", 5.0, NAN, "%", "at_least", "rate"),
    ("不超过3%", 3.0, NAN, "%", "at_most", "rate"),
    ("低于2%", 2.0, NAN, "%", "less_than", "rate"),
    ("突破1000万标箱", 1000.0, NAN, "万标箱", "greater_than", "level"),
    ("约120.8亿元", 120.8, NAN, "亿元", "about", "level"),
    ("6%～7%", 6.0, 7.0, "%", "range", "rate"),
    ("6.5%至7%", 6.5, 7.0, "%", "range", "rate"),
    ("6.5—7%", 6.5, 7.0, "%", "range", "rate"),
    ("６．５％－７％", 6.5, 7.0, "%", "range", "rate"),
    ("增长１０．８％", 10.8, NAN, "%", "exact", "growth"),
    ("翻两番", 4.0, NAN, "倍", "exact", "multiple"),
    ("增长1.7倍", 1.7, NAN, "倍", "exact", "growth"),
    ("百分之五", 5.0, NAN, "%", "exact", "rate"),
    ("两倍", 2.0, NAN, "倍", "exact", "multiple"),
    ("≤3%", 3.0, NAN, "%", "at_most", "rate"),
    (">80%", 80.0, NAN, "%", "greater_than", "rate"),
]

EN_PHRASES = [
    # 003 line 29 and 65
    ("will increase by about 6%", 6.0, NAN, "%", "about", "growth"),
    ("will increase by more than 6%", 6.0, NAN, "%", "greater_than", "growth"),
    ("increased by 12%", 12.0, NAN, "%", "exact", "growth"),
    ("rose by 0.6%", 0.6, NAN, "%", "exact", "growth"),
    ("has decreased by more than 13%", 13.0, NAN, "%", "greater_than", "fall"),
    ("will be controlled at about 3%", 3.0, NAN, "%", "about", "rate"),
    ("will decrease by 12% compared with 2020", 12.0, NAN, "%", "exact", "fall"),
    ("149.3 billion yuan", 149.3, NAN, "billion yuan", "exact", "level"),
    # the English qualifier words
    ("within 4.5%", 4.5, NAN, "%", "at_most", "rate"),
    ("at least 10%", 10.0, NAN, "%", "at_least", "rate"),
    ("no more than 3%", 3.0, NAN, "%", "at_most", "rate"),
    ("below 3%", 3.0, NAN, "%", "less_than", "rate"),
    ("6.5% to 7%", 6.5, 7.0, "%", "range", "rate"),
    ("between 6.5% and 7%", 6.5, 7.0, "%", "range", "rate"),
    ("doubled", 2.0, NAN, "times", "exact", "multiple"),
    ("7.2 percentage points higher than the national average", 7.2, NAN, "percentage points", "exact", "pp_gap"),
    ("6 percent", 6.0, NAN, "%", "exact", "rate"),
]


@pytest.mark.parametrize("phrase, value, high, unit, qualifier, hint", ZH_PHRASES)
def test_chinese_phrases(phrase, value, high, unit, qualifier, hint):
    q = parse_quantity(phrase)
    assert q.value == pytest.approx(value)
    assert same(q.value_high, high)
    assert (q.unit, q.qualifier, q.measure_hint) == (unit, qualifier, hint)


@pytest.mark.parametrize("phrase, value, high, unit, qualifier, hint", EN_PHRASES)
def test_english_phrases(phrase, value, high, unit, qualifier, hint):
    q = parse_quantity(phrase, lang="en")
    assert q.value == pytest.approx(value)
    assert same(q.value_high, high)
    assert (q.unit, q.qualifier, q.measure_hint) == (unit, qualifier, hint)


def test_phrase_details():
    assert parse_quantity("比2010年翻一番").compare == "2010"
    assert parse_quantity("比“十三五”期末翻一番").compare == "十三五期末"
    assert parse_quantity("高于全国平均值7.2个百分点").compare == "全国平均值"
    assert parse_quantity("按老口径统计为6500亿元").basis == ("按老口径",)
    assert parse_quantity("按可比价格计算增长7%").basis == ("按可比价格",)
    assert parse_quantity("力争达到7.5%").stretch
    assert parse_quantity("分别增长9.8%").respectively
    assert parse_quantity("控制在3%以内").cap
    assert parse_quantity("占全市45.7%").share == "全市"
    assert parse_quantity("2012年达到7000亿元").year == "2012"
    assert parse_quantity("20??年达到7000亿元").year == "20??"
    assert parse_quantity("decreased by 12% compared with 2020", lang="en").compare == "2020"


def test_quantity_offsets_and_text():
    text = "地区生产总值增长6.5%左右，城镇登记失业率控制在3%以内"
    first, second = scan_quantities(text)
    assert text[first.start:first.end] == first.text == "增长6.5%左右"
    assert text[first.core_start:first.core_end] == "6.5%"
    assert second.text == "控制在3%以内"


def test_groups_share_the_verb():
    # 000 (2014 report, line 7): 分别增长9.8%和10.8%
    q1, q2 = scan_quantities("分别增长9.8%和10.8%")
    assert q1.group == q2.group
    assert (q2.direction, q2.respectively) == ("up", True)
    # 000 (2016 report, line 275): a comma ends the group
    a, b, c = scan_quantities("地区生产总值从5158亿元增加到7700亿元，年均增长8.5%")
    assert (a.form, b.form) == ("from", "to")
    assert c.group != b.group


def test_halfwidth_folding_keeps_offsets():
    raw = "增长６．５％，ＧＤＰ"
    folded = to_halfwidth(raw)
    assert len(folded) == len(raw)
    assert folded.startswith("增长6.5%,")


def test_number_tokens_classify_non_figures():
    tokens = number_tokens("2011—2020年，PM2.5浓度30微克/立方米，第6位，5G基站1448个，13:14，-12-")
    kinds = {t.text: t.kind for t in tokens}
    assert kinds["2011—2020"] == "year_range"
    assert kinds["2.5"] == "name"
    assert kinds["30"] == "figure"
    assert kinds["6"] == "ordinal"
    assert kinds["5"] == "name"
    assert kinds["1448"] == "figure"
    assert kinds["13:14"] == "ratio"
    assert kinds["-12-"] == "page_number"
    cn_year = number_tokens("到二〇二五年")[0]
    assert (cn_year.kind, cn_year.value) == ("year", 2025.0)


# ---------------------------------------------------------------------------
# Measures and the sign of falls
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("phrase, wording, measure, value, notes", [
    ("下降25.7%", "一般公共预算收入", "growth", -25.7, ()),               # 000 (2016 report, line 282)
    ("下降32.1%", "固定资产投资", "growth", -32.1, ()),
    ("下降3.77%", "万元GDp综合能耗", "decline", 3.77, ()),               # 000 (2014 report, line 49)
    ("累计下降18%", "万元GDP综合能耗", "cumulative_decline", 18.0, ()),  # 000 (2016 report, line 280)
    ("年均降低4.6%", "单位工业增加值综合能耗", "decline", 4.6, ("annual average",)),
    ("年均减排4.8%", "主要污染物", "decline", 4.8, ("annual average",)),
    ("精简压缩90.5%", "事业单位数量", "decline", 90.5, ()),              # a reduction verb
    ("控制在3%左右", "居民消费价格涨幅", "growth", 3.0, ()),  # a growth written as a level
    ("控制在3%以内", "CPI", "growth", 3.0, ()),
    ("控制在3%以内", "城镇登记失业率", "rate", 3.0, ()),
    ("达到30%", "高新技术产业增加值占地区生产总值比重", "rate", 30.0, ()),  # 增加值 is not a growth
    ("累计达到3611亿元", "公共财政收入", "level", 3611.0, ("cumulative",)),
    ("高于全国平均值7.2个百分点", "高技能人才从业率", "pp_gap", 7.2, ()),
    ("低于全省平均0.5个百分点", "城镇登记失业率", "pp_gap", -0.5, ()),
    ("提高10个百分点", "城镇化率", "growth", 10.0, ()),
    ("是2007年总量的2.2倍", "地区生产总值", "multiple", 2.2, ()),
])
def test_resolve_measure(phrase, wording, measure, value, notes):
    got = resolve_measure(parse_quantity(phrase), wording)
    assert got[0] == measure
    assert got[1] == pytest.approx(value)
    assert got[3] == notes


def test_falling_range_keeps_low_below_high():
    measure, low, high, _ = resolve_measure(parse_quantity("下降3%-5%"), "出口")
    assert (measure, low, high) == ("growth", -5.0, -3.0)


def test_decline_against_an_old_base_year_is_cumulative():
    q = parse_quantity("下降12%", lang="zh")
    assert resolve_measure(q, "能耗强度", cumulative_base=True)[0] == "cumulative_decline"
    assert is_reduction_indicator("energy consumption intensity")
    assert not is_reduction_indicator("regional GDP")


# ---------------------------------------------------------------------------
# Malformed input
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("phrase, message", [
    ("增长6..5%", "malformed number"),
    ("增长1.2.3%", "malformed number"),
    ("增长6.5%%", "malformed number"),
    ("增长7%-5%", "inverted range"),
    ("增长6%-7亿元", "range with two units"),
    ("地区生产总值", "no number"),
    ("地区生产总值增长6%", "cannot read"),
    ("增长6%，下降3%", "more than one figure"),
])
def test_malformed_phrases_raise(phrase, message):
    with pytest.raises(ParseError, match=message):
        parse_quantity(phrase)


def test_parse_error_carries_the_line():
    text = "预计全市实现地区生产总值7820亿元，\n增长11%;\n公共财政收入850..01亿元"
    with pytest.raises(ParseError) as info:
        scan_quantities(text)
    assert info.value.line == 3
    with pytest.raises(ParseError) as info:
        parse_quantity("6..5%", line=42)
    assert info.value.line == 42


def test_module_examples():
    assert doctest.testmod(numbers).failed == 0


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------
UNITS = ["%", "亿元", "万亿元", "元", "亿美元", "万美元", "万人", "万标箱", "人次", "个百分点", "家", "万吨"]
PREFIX_QUALIFIERS = {"约": "about", "超过": "greater_than", "突破": "greater_than", "不低于": "at_least",
                     "不超过": "at_most", "低于": "less_than", "": "exact"}
SUFFIX_QUALIFIERS = {"左右": "about", "以上": "at_least", "以内": "at_most", "以下": "at_most", "": "exact"}
VERBS = {"增长": "growth", "年均增长": "avg_growth", "达到": "level", "": "level"}
FULL = str.maketrans("0123456789.%", "０１２３４５６７８９．％")

decimals = st.decimals(min_value="0.01", max_value="99999.99", places=2, allow_nan=False, allow_infinity=False)


def render(d) -> str:
    s = format(d, "f").rstrip("0").rstrip(".")
    return s or "0"


@given(number=decimals, unit=st.sampled_from(UNITS), prefix=st.sampled_from(sorted(PREFIX_QUALIFIERS)),
       suffix=st.sampled_from(sorted(SUFFIX_QUALIFIERS)), verb=st.sampled_from(sorted(VERBS)),
       full_width=st.booleans())
@example(number=Decimal("6.5"), unit="%", prefix="", suffix="左右", verb="增长", full_width=True)
def test_generated_phrases_round_trip(number, unit, prefix, suffix, verb, full_width):
    assume(not (prefix and suffix))  # one qualifier per phrase
    digits = render(number)
    phrase = f"{verb}{prefix}{digits}{unit}{suffix}"
    if full_width:
        phrase = phrase.translate(FULL)
    q = parse_quantity(phrase)
    assert q.value == pytest.approx(float(digits))
    assert q.unit == unit
    assert q.qualifier == (SUFFIX_QUALIFIERS[suffix] if suffix else PREFIX_QUALIFIERS[prefix])
    hint = VERBS[verb]
    if hint == "level":
        hint = "rate" if unit == "%" else "level"
    if unit == "个百分点" and hint in ("level", "rate"):
        hint = "level"
    assert q.measure_hint == hint
    assert q.text == phrase


@given(low=decimals, width=decimals, sep=st.sampled_from(["-", "—", "～", "至", "~"]),
       unit_on_both=st.booleans(), full_width=st.booleans())
def test_generated_ranges(low, width, sep, unit_on_both, full_width):
    lo, hi = render(low), render(low + width)
    phrase = f"增长{lo}{'%' if unit_on_both else ''}{sep}{hi}%"
    if full_width:
        phrase = phrase.translate(FULL)
    q = parse_quantity(phrase)
    assert (q.value, q.value_high) == (pytest.approx(float(lo)), pytest.approx(float(hi)))
    assert (q.qualifier, q.unit) == ("range", "%")


@given(number=decimals, qualifier=st.sampled_from(["about", "more than", "at least", "within", "below", ""]),
       verb=st.sampled_from(["will increase by", "increased by", "rose by", "reached", ""]))
def test_generated_english_phrases(number, qualifier, verb):
    digits = render(number)
    phrase = " ".join(p for p in (verb, qualifier, digits + "%") if p)
    q = parse_quantity(phrase, lang="en")
    assert q.value == pytest.approx(float(digits))
    expected = {"about": "about", "more than": "greater_than", "at least": "at_least", "within": "at_most",
                "below": "less_than", "": "exact"}[qualifier]
    assert q.qualifier == expected


ALPHABET = st.sampled_from(list("0123456789.%,，。；:：、-—～ 增长下降约超过以上以内左右亿元万倍番翻两位数年比是的和分别均累计年均占全市")
                           + ["２", "％", "．", "20??", "2020年", "个百分点", "1/3", "\n"])


@settings(max_examples=300)
@given(st.lists(ALPHABET, max_size=40).map("".join))
def test_random_text_never_crashes_and_quotes_are_exact(text):
    try:
        found = scan_quantities(text)
    except ParseError:
        return
    for q in found:
        assert q.text == text[q.start:q.end]
        assert q.start <= q.core_start < q.core_end <= q.end
        assert not math.isnan(q.value)
        for s, e in q.numbers:
            assert q.start <= s < e <= q.end


# --------------------------------------------------------------------------- normalisation (extract.normal)


INVISIBLES_AND_SPACES = st.sampled_from(list(INVISIBLE) + [" ", "\u00a0", "\u3000", "\u2009"])


def test_normalisation_folds_widths_and_scripts_one_for_one():
    n = normalize("ＧＤＰ增长６．５％，٦٫٥٪，\U0001d7d4%")
    assert n.norm == "GDP增长6.5%,6.5%,6%" and n.identity


def test_normalisation_keeps_footnote_marks_and_expansions():
    assert [char_form(c) for c in "①⑥²½…㈠℃"] == list("①⑥²½…㈠℃")


def test_each_character_takes_its_own_form_once():
    # ⁻ becomes −, and − becomes -: in one text each keeps its own form (never − and then -)
    assert normalize("增长⁻5%与−3%，６％").norm == "增长−5%与-3%,6%"
    assert normalize("增长⁻5%，６％").norm == "增长−5%,6%"


def test_invisible_characters_are_removed_and_offsets_map_back():
    text = "\ufeff地区\u200b生产总值\u202a增长6%\u202c。"
    n = normalize(text)
    assert n.norm == "地区生产总值增长6%。"
    for i, c in enumerate(n.norm):
        assert text[n.start(i)] == c
        assert text[n.end(i + 1) - 1] == c
    assert n.source[2:6] == "生产总值" and n.source[0:2] == "地区"


def test_a_separator_inside_a_number_is_marked():
    for text, marked in [("2079\u200b.4", "2079" + BREAK + ".4"), ("2079 .4", "2079" + BREAK + ".4"),
                         ("2079. 4", "2079." + BREAK + "4"), ("6,5%", "6" + BREAK + "5%"),
                         ("6，5%", "6" + BREAK + "5%"), ("20 000元", "20" + BREAK + "000元"),
                         ("3,180", "3,180"), ("3，180", "3,180"), ("1,234.5", "1,234.5"), ("2020年 5月", "2020年 5月")]:
        assert normalize(text).norm == marked, text


@given(st.text(max_size=40), st.lists(st.tuples(st.integers(0, 40), INVISIBLES_AND_SPACES), max_size=6))
@settings(max_examples=200, deadline=None)
def test_offsets_of_the_normalised_text_map_back_to_the_callers(text, inserts):
    for pos, c in inserts:
        text = text[:pos] + c + text[pos:]
    n = normalize(text)
    assert Lines(n.norm)(len(n.norm)) == text.count("\n") + 1
    for i in range(len(n.norm) + 1):
        a = n.start(i) if i < len(n.norm) else len(text)
        assert 0 <= a <= len(text) and 0 <= n.end(i) <= len(text)
        assert n.end(i) <= (n.start(i) if i < len(n.norm) else len(text))
    for i, c in enumerate(n.norm):
        assert char_form(text[n.start(i)]) == c or c == BREAK
    assert n.inner(0, len(text)) == (0, len(n.norm))


def test_broken_and_circled_numbers_are_tokens_not_figures():
    kinds = [(t.text, t.kind) for t in number_tokens("增长2079\u200b.4亿元、.5%、⑥%和6,5%")]
    assert kinds == [("2079\u200b.4", "broken"), (".5", "broken"), ("⑥", "circled"), ("6,5", "broken")]
    assert scan_quantities("增长2079\u200b.4亿元") == []


def test_scan_quantities_gives_offsets_of_the_callers_text():
    text = "\u200b\u200b增长6.5%左右"
    (q,) = scan_quantities(text)
    assert (q.value, q.qualifier, q.text) == (6.5, "about", text[q.start:q.end]) and q.start == 2


@pytest.mark.parametrize("phrase, value, unit", [
    ("七点五%", 7.5, "%"), ("百分之六点五", 6.5, "%"), ("零点五个百分点", 0.5, "个百分点"), ("一万亿元", 1.0, "万亿元"),
    ("两千亿元", 2000.0, "亿元"), ("十万人", 10.0, "万人"), ("零增长", 0.0, "%"),
])
def test_chinese_numerals_with_a_unit(phrase, value, unit):
    q = parse_quantity(phrase)
    assert (q.value, q.unit) == (value, unit)


@pytest.mark.parametrize("phrase, lang, hint", [
    ("负增长3%", "zh", "fall"), ("shrink by 3 percent", "en", "fall"), ("contracted by 3 percent", "en", "fall"),
    ("a negative growth of 3 percent", "en", "fall"), ("zero growth", "en", "growth"),
])
def test_falls_written_as_growth(phrase, lang, hint):
    assert parse_quantity(phrase, lang).measure_hint == hint


def test_or_so_is_about():
    q = parse_quantity("6.5 percent or so", "en")
    assert (q.value, q.qualifier) == (6.5, "about")
