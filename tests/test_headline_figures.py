"""Headline figures as one tidy table (dalian_reports.pipeline.tables.headline).

Every expected row below was written by hand from reading the raw line cited next
to it (``data/raw/*.txt``; in the compilation 000 every "20xx" reads "2024" and the
true year is read from the context), not copied from the code's output. The raw
files are read here independently of the package (``open().read().split('\\n')``).

Row tuples: (kind, period_start, period_end, indicator, indicator_zh, measure, value,
value_high, unit, qualifier, basis, share_of).
"""
from __future__ import annotations

import csv
import math
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

import dalian_reports as dr
from dalian_reports.extract.headline import extract_headline
from dalian_reports.pipeline.tables.headline import (
    COLUMNS, compare_languages, headline_figures, outcomes, targets, unparsed,
)
from dalian_reports.vocab import lookup, vocabulary

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
JUSTIFIED = ROOT / "data" / "unparsed_justified.csv"
N = None  # no value_high / no value

T, O, PT, PO = "target", "outcome", "plan_target", "plan_outcome"


def raw_lines(source_id: str) -> list[str]:
    (path,) = RAW.glob(f"{source_id}_*.txt")
    with open(path, encoding="utf-8") as fh:
        return fh.read().split("\n")


@pytest.fixture(scope="module")
def hf() -> pd.DataFrame:
    return headline_figures()


def _cell(x):
    if x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x)):
        return None
    if isinstance(x, float) and x.is_integer():
        return x  # 6.0 == 6
    return x


def rows_at(hf: pd.DataFrame, report_id: str, line: int, kind: str | tuple[str, ...]) -> list[tuple]:
    kinds = (kind,) if isinstance(kind, str) else kind
    sub = hf[(hf.report_id == report_id) & (hf.line == line) & hf.kind.isin(kinds)]
    out = []
    for r in sub.itertuples():
        out.append((r.kind, _cell(r.period_start), _cell(r.period_end), _cell(r.indicator), r.indicator_zh, r.measure,
                    _cell(r.value), _cell(r.value_high), r.unit, r.qualifier, r.basis, r.share_of))
    return out


def same_rows(got: list[tuple], expected: list[tuple]) -> None:
    """Order-insensitive comparison that shows what is missing and what is extra."""
    norm = lambda rows: Counter(tuple(_cell(c) if not isinstance(c, str) else c for c in r) for r in rows)  # noqa: E731
    g, e = norm(got), norm(expected)
    assert g == e, f"missing: {sorted(map(str, e - g))}\nextra: {sorted(map(str, g - e))}"


# ---------------------------------------------------------------------------
# Shape and provenance
# ---------------------------------------------------------------------------
def test_columns_and_kinds(hf):
    assert list(hf.columns) == COLUMNS
    assert set(hf.kind) <= {T, O, PT, PO}
    assert len(targets()) + len(outcomes()) == len(hf)
    assert set(targets().kind) <= {T, PT} and set(outcomes().kind) <= {O, PO}
    # every headline report contributes rows; pasted copies and the plan outline do not
    assert set(hf.report_id) == {"dalian-2012-zh", "dalian-2013-zh", "dalian-2014-zh", "dalian-2016-zh",
                                 "dalian-2024-zh", "dalian-2024-en", "jinzhou-2021-zh"}


def test_every_quote_is_an_exact_substring_of_its_raw_line(hf):
    lines = {sid: raw_lines(sid) for sid in set(hf.source_id)}
    for r in hf.itertuples():
        assert r.quote and r.quote in lines[r.source_id][r.line - 1], (r.report_id, r.line, r.quote)


def test_every_line_lies_within_its_report(hf):
    rep = dr.reports().set_index("report_id")
    for r in hf.itertuples():
        assert rep.loc[r.report_id, "line_start"] <= r.line <= rep.loc[r.report_id, "line_end"], (r.report_id, r.line)
        assert rep.loc[r.report_id, "source_id"] == r.source_id


def test_report_year_and_issuer_are_those_of_the_report(hf):
    rep = dr.reports().set_index("report_id")
    for report_id, group in hf.groupby("report_id"):
        assert set(group.report_year) == {rep.loc[report_id, "report_year"]}
        assert set(group.issuer) == {rep.loc[report_id, "issuer"]}
        assert set(group.lang) == {rep.loc[report_id, "lang"]}
    assert dict(hf.groupby("report_id").report_year.first()) == {
        "dalian-2012-zh": 2012, "dalian-2013-zh": 2013, "dalian-2014-zh": 2014, "dalian-2016-zh": 2016,
        "dalian-2024-zh": 2024, "dalian-2024-en": 2024, "jinzhou-2021-zh": 2021}


_IDIOMS = {  # value → words that state it without digits
    2.0: ("翻一番", "倍增", "double"),
    10.0: ("两位数",),
    1.0: ("万亿",),
    1 / 3: ("1/3",),
}


def _numbers(text: str) -> set[float]:
    text = unicodedata.normalize("NFKC", text).replace(",", "")
    return {float(x) for x in re.findall(r"\d+(?:\.\d+)?", text)}


def _states(quote: str, value: float) -> bool:
    if abs(value) in _numbers(quote):
        return True
    return any(math.isclose(abs(value), v) and any(w in quote for w in words) for v, words in _IDIOMS.items())


def test_every_quote_contains_its_numbers_and_its_wording(hf):
    for r in hf.itertuples():
        for value in (r.value, r.value_high):
            if not math.isnan(value):
                assert _states(r.quote, value), (r.report_id, r.line, value, r.quote)
        if r.measure == "qualitative":
            assert math.isnan(r.value) and r.qualifier == "qualitative"
        wording = re.sub(r"\s", "", r.indicator_zh) if r.lang == "zh" else r.indicator_zh
        assert wording in (re.sub(r"\s", "", r.quote) if r.lang == "zh" else r.quote), (r.indicator_zh, r.quote)


def test_periods_are_true_years(hf):
    for r in hf.itertuples():
        for year in (r.period_start, r.period_end):
            assert year is not pd.NA and 2007 <= year <= 2030, (r.report_id, r.line, r.quote)
            if r.source_id == "000":
                assert year != 2024, (r.report_id, r.line, r.quote)  # the compilation's placeholder year
        assert r.period_start <= r.period_end
        if r.kind == O:
            assert r.period_end == r.report_year - 1
        if r.kind == PO:
            assert r.period_end <= r.report_year - 1
        if r.kind == T:
            assert r.period_end == r.report_year
        if r.kind == PT:
            assert r.period_end >= r.report_year
        for year in map(int, re.findall(r"\b(?:19|20)\d\d\b", r.basis or "")):
            assert 2000 <= year < r.report_year and not (r.source_id == "000" and year == 2024), r.basis


def test_string_and_number_types(hf):
    assert hf.value.dtype == "float64" and hf.value_high.dtype == "float64"
    assert str(hf.period_start.dtype) == "Int64" and hf.line.dtype == "int64"
    ranged = hf[hf.qualifier == "range"]
    assert len(ranged) and (ranged.value < ranged.value_high).all()
    assert hf[hf.qualifier != "range"].value_high.isna().all()


# ---------------------------------------------------------------------------
# Vocabulary curation
# ---------------------------------------------------------------------------
def test_vocabulary_is_well_formed():
    v = vocabulary()
    assert v.code.is_unique
    assert v.code.str.fullmatch(r"[a-z][a-z0-9_]*").all()
    assert set(v.direction) <= {"up", "down", "none"}
    assert (v.name_en.str.len() > 0).all() and (v.name_zh.str.len() > 0).all()
    for row in v.itertuples():
        for name in [row.code, row.name_zh, row.name_en, *row.aliases_zh.split("|"), *row.aliases_en.split("|")]:
            if name:
                assert lookup(name) == row.code, (name, row.code)  # no alias is ambiguous


def test_every_coded_row_uses_a_declared_measure_and_unit(hf):
    v = vocabulary().set_index("code")
    coded = hf[hf.indicator.notna()]
    for r in coded.itertuples():
        if r.measure != "qualitative":   # a qualitative target (进一步提升, 与经济增长同步) can be set for any indicator
            assert r.measure in v.loc[r.indicator, "measures"].split("|"), (r.indicator, r.measure, r.quote)
            assert r.unit in v.loc[r.indicator, "units"].split("|"), (r.indicator, r.unit, r.quote)
        assert r.indicator_en == v.loc[r.indicator, "name_en"]


# Wordings of the reports, read in their sentences, and the code each means.
WORDING_CODES = {
    # aliases of existing codes
    "全社会消费品零售总额": "retail",                    # 000 l.282
    "社会消费品零售总额增速": "retail",                  # 002 l.18, 70 (增速高于全市平均水平)
    "Total retail sales of social consumer goods": "retail",   # 003 l.29
    "居民消费价格": "cpi",                               # 001 l.14 (上涨0.6%)
    "Consumer prices": "cpi",                            # 003 l.29
    "increase of consumer price": "cpi",                 # 003 l.65
    "全体居民可支配收入": "resident_income",              # 000 l.49, 435, 440
    "城乡居民人均可支配收入": "resident_income",          # 001 l.14 (one qualitative value)
    "城乡居民收入增长": "resident_income",                # 001 l.44
    "per capita disposable income of urban and rural residents": "resident_income",  # 003 l.29
    "income growth of urban and rural residents": "resident_income",                 # 003 l.65
    "能耗强度": "energy_intensity",                      # 001 l.14, 44
    "energy consumption intensity": "energy_intensity",  # 003 l.29, 65
    "全市常住人口城镇化率": "urbanization_rate",          # 000 l.278
    "全区常住人口城镇化率": "urbanization_rate",          # 002 l.52
    "added value of industrial enterprises above designated size": "industry_va",  # 003 l.29, 65
    "import and export of foreign trade": "trade",       # 003 l.65
    "服务业增加值占GDP比重": "service_share",             # 000 l.276 (the plan tables' code)
    "五年累计利用外资": "fdi",                           # 000 l.277
    # new codes
    "规模以上工业总产值": "industrial_output",            # 002 l.18, 42
    "金融业增加值占GDP比重": "finance_share",             # 000 l.276
    "软件和信息服务业销售收入": "software_revenue",        # 000 l.276
    "高新技术产品增加值": "high_tech_va",                 # 000 l.276
    "高新技术产业增加值占地区生产总值比重": "hi_tech_share",  # 002 l.50
    "民营企业营业收入": "private_firm_revenue",           # 000 l.277
    "境外协议投资": "outward_fdi",                       # 000 l.277
    "城市基础设施建设累计投资": "infrastructure_investment",  # 000 l.278
    "城乡基础设施建设累计投资": "infrastructure_investment",  # 002 l.52
    "全市港口货物": "port_cargo",                        # 000 l.279 (…、集装箱、空港旅客吞吐量)
    "集装箱": "container_throughput",
    "空港旅客吞吐量": "airport_passengers",
    "新增金融机构": "financial_institutions_new",         # 000 l.279
    "新增社会融资": "social_financing",                   # 000 l.279
    "单位工业增加值综合能耗": "industry_energy_intensity",  # 000 l.280
    "城市生活垃圾无害化处理率": "garbage_treatment_rate",   # 000 l.280
    "生活污水处理率": "sewage_treatment_rate",             # 000 l.280
    "财政用于民生支出": "livelihood_spending",             # 000 l.281, 002 l.54
    "城镇实名制就业": "employment_realname",               # 000 l.281
    "主要污染物": "pollutant_emissions",                  # 000 l.391 (年均减排4.8%)
    "主要污染物排放总量": "pollutant_emissions",           # 000 l.435
    "引进省外内资": "domestic_capital",                   # 002 l.18, 94
    "省外到位内资": "domestic_capital",                   # 001 (the same flow, 'domestic capital in place outside the province' in 003)
    "省内到位内资": "domestic_capital_in_province",       # 002 l.18 — a different flow
    "累计新增注册企业": "new_firms",                      # 002 l.48
    "高新技术企业": "high_tech_firms",                    # 002 l.50
    "省科技厅确认瞪羚企业": "gazelle_firms",               # 002 l.50
    "累计引进青年人才": "young_talent",                   # 002 l.50
    "高技能人才从业率": "high_skill_rate",                # 002 l.50
    "城区绿化覆盖率": "green_coverage",                   # 002 l.52
    "城乡低保标准": "low_income_standard",                # 002 l.54
    "普惠幼儿园覆盖率": "inclusive_kindergarten_rate",     # 002 l.54
}

# Wordings that are deliberately NOT codes (see data/unparsed_justified.csv)
NOT_CODES = ["人均", "主要经济指标增速", "主要经济指标", "新市区面积", "纳税总额", "综合能耗", "二氧化碳排放",
             "政府投资类项目", "累计投资", "事业单位数量", "建成国家级美丽乡村", "盘活存量资源累计实现收益"]


@pytest.mark.parametrize("wording,code", sorted(WORDING_CODES.items()))
def test_wording_codes(wording, code):
    assert lookup(wording) == code


@pytest.mark.parametrize("wording", NOT_CODES)
def test_wordings_left_uncoded(wording):
    assert lookup(wording) is None


def test_the_rows_carry_the_curated_codes(hf):
    coded = dict(zip(hf.indicator_zh, hf.indicator))
    for wording, code in WORDING_CODES.items():
        if wording in coded:
            assert coded[wording] == code, wording
    # every wording of the table is either coded or deliberately left uncoded
    assert set(hf[hf.indicator.isna()].indicator_zh) <= set(NOT_CODES) | {
        "累计引进投资额1000万美元以上的外资项目", "妇女儿童发展规划（2011—2020年）指标综合达标率"}


def test_urban_rural_pairs_are_coded_urban_and_rural(hf):
    # 000 l.282: 城乡居民收入达到35750元和14650元，分别增长6.5%和8% — urban first, rural second
    same_rows([r for r in rows_at(hf, "dalian-2016-zh", 282, O) if r[4] == "城乡居民收入"], [
        (O, 2015, 2015, "urban_income", "城乡居民收入", "level", 35750, N, "元", "exact", "urban", ""),
        (O, 2015, 2015, "rural_income", "城乡居民收入", "level", 14650, N, "元", "exact", "rural", ""),
        (O, 2015, 2015, "urban_income", "城乡居民收入", "growth", 6.5, N, "%", "exact", "urban", ""),
        (O, 2015, 2015, "rural_income", "城乡居民收入", "growth", 8, N, "%", "exact", "rural", ""),
    ])
    # a 城乡 wording with one (qualitative) value stays the all-resident income
    assert set(hf[hf.indicator_zh.isin(["城乡居民人均可支配收入", "城乡居民收入增长"])].indicator) == {"resident_income"}


# ---------------------------------------------------------------------------
# Each report's main targets and outcomes, cell by cell
# ---------------------------------------------------------------------------
def test_2012_outcomes_of_2011(hf):
    # 000 l.60: 预计全市完成地区生产总值6100亿元，增长14%；地方财政一般预算收入651亿元，增长30%；
    # 固定资产投资4563亿元（按老口径统计为6500亿元），增长30%；社会消费品零售总额1919亿元，增长17%；
    # 实际使用外资110亿美元，增长10%；城镇居民人均可支配收入24300元、农民人均纯收入14150元，
    # 分别增长14%、15%；城镇登记失业率2.89%。
    y = (O, 2011, 2011)
    same_rows(rows_at(hf, "dalian-2012-zh", 60, O), [
        (*y, "gdp", "地区生产总值", "level", 6100, N, "亿元", "exact", "", ""),
        (*y, "gdp", "地区生产总值", "growth", 14, N, "%", "exact", "", ""),
        (*y, "budget_revenue", "地方财政一般预算收入", "level", 651, N, "亿元", "exact", "", ""),
        (*y, "budget_revenue", "地方财政一般预算收入", "growth", 30, N, "%", "exact", "", ""),
        (*y, "fai", "固定资产投资", "level", 4563, N, "亿元", "exact", "", ""),
        (*y, "fai", "固定资产投资", "level", 6500, N, "亿元", "exact", "按老口径", ""),
        (*y, "fai", "固定资产投资", "growth", 30, N, "%", "exact", "", ""),
        (*y, "retail", "社会消费品零售总额", "level", 1919, N, "亿元", "exact", "", ""),
        (*y, "retail", "社会消费品零售总额", "growth", 17, N, "%", "exact", "", ""),
        (*y, "fdi", "实际使用外资", "level", 110, N, "亿美元", "exact", "", ""),
        (*y, "fdi", "实际使用外资", "growth", 10, N, "%", "exact", "", ""),
        (*y, "urban_income", "城镇居民人均可支配收入", "level", 24300, N, "元", "exact", "", ""),
        (*y, "urban_income", "城镇居民人均可支配收入", "growth", 14, N, "%", "exact", "", ""),
        (*y, "rural_income", "农民人均纯收入", "level", 14150, N, "元", "exact", "", ""),
        (*y, "rural_income", "农民人均纯收入", "growth", 15, N, "%", "exact", "", ""),
        (*y, "unemployment", "城镇登记失业率", "rate", 2.89, N, "%", "exact", "", ""),
    ])


def test_2012_targets(hf):
    # 000 l.104: 地区生产总值增长13%，地方财政一般预算收入增长15%，固定资产投资增长20%，社会消费品零售总额
    # 增长16%，实际使用外资增长10%以上，城镇居民人均可支配收入、农民人均纯收入均增长13%，城镇登记失业率控制在3%以内。
    y = (T, 2012, 2012)
    same_rows(rows_at(hf, "dalian-2012-zh", 104, T), [
        (*y, "gdp", "地区生产总值", "growth", 13, N, "%", "exact", "", ""),
        (*y, "budget_revenue", "地方财政一般预算收入", "growth", 15, N, "%", "exact", "", ""),
        (*y, "fai", "固定资产投资", "growth", 20, N, "%", "exact", "", ""),
        (*y, "retail", "社会消费品零售总额", "growth", 16, N, "%", "exact", "", ""),
        (*y, "fdi", "实际使用外资", "growth", 10, N, "%", "at_least", "", ""),
        (*y, "urban_income", "城镇居民人均可支配收入", "growth", 13, N, "%", "exact", "", ""),
        (*y, "rural_income", "农民人均纯收入", "growth", 13, N, "%", "exact", "", ""),
        (*y, "unemployment", "城镇登记失业率", "rate", 3, N, "%", "at_most", "", ""),
    ])


def test_2013_five_year_review(hf):
    # 000 l.391 (五年来 = 2008-2012; "2024年达到7000亿元，是2024年总量的2.2倍" is 2012 vs 2007): the levels reached in
    # 2012 are 2012's outcomes; 人均 is per capita of the GDP before it; 主要经济指标增速 (not one indicator) is unparsed
    P, E, L = (PO, 2008, 2012), (PO, 2012, 2012), (O, 2012, 2012)
    same_rows(rows_at(hf, "dalian-2013-zh", 391, (PO, O)), [
        (*P, "gdp", "全市地区生产总值", "avg_growth", 14.2, N, "%", "exact", "", ""),
        (*L, "gdp", "全市地区生产总值", "level", 7000, N, "亿元", "exact", "", ""),
        (*E, "gdp", "全市地区生产总值", "multiple", 2.2, N, "倍", "exact", "vs 2007", ""),
        (*L, "gdp_per_capita", "人均", "level", 1.55, N, "万美元", "greater_than", "", ""),
        (*P, "budget_revenue", "公共财政收入", "avg_growth", 22.9, N, "%", "exact", "", ""),
        (*L, "budget_revenue", "公共财政收入", "level", 750.1, N, "亿元", "exact", "", ""),
        (*E, "budget_revenue", "公共财政收入", "multiple", 2.8, N, "倍", "exact", "vs 2007", ""),
        (*P, "fai", "固定资产投资", "avg_growth", 24.8, N, "%", "exact", "", ""),
        (*L, "fai", "固定资产投资", "level", 5690, N, "亿元", "exact", "按新口径", ""),
        (*E, "fai", "固定资产投资", "multiple", 3, N, "倍", "exact", "vs 2007", ""),
        (*P, "retail", "社会消费品零售总额", "avg_growth", 17.8, N, "%", "exact", "", ""),
        (*L, "retail", "社会消费品零售总额", "level", 2230, N, "亿元", "exact", "", ""),
        (*E, "retail", "社会消费品零售总额", "multiple", 2.3, N, "倍", "exact", "vs 2007", ""),
        (*P, "energy_intensity", "万元GDP综合能耗", "cumulative_decline", 20, N, "%", "exact", "", ""),
        (*P, "pollutant_emissions", "主要污染物", "decline", 4.8, N, "%", "exact", "annual average", ""),
        (*P, "urban_income", "城市居民人均可支配收入", "avg_growth", 12.7, N, "%", "exact", "", ""),
        (*L, "urban_income", "城市居民人均可支配收入", "level", 27480, N, "元", "exact", "", ""),
        (*E, "urban_income", "城市居民人均可支配收入", "multiple", 1.8, N, "倍", "exact", "vs 2007", ""),
        (*P, "rural_income", "农村居民人均纯收入", "avg_growth", 14.1, N, "%", "exact", "", ""),
        (*L, "rural_income", "农村居民人均纯收入", "level", 16200, N, "元", "exact", "", ""),
        (*E, "rural_income", "农村居民人均纯收入", "multiple", 1.9, N, "倍", "exact", "vs 2007", ""),
    ])
    # l.429: 城乡居民收入分别增长81.9%、93.6% — five-year cumulative growth, urban and rural
    same_rows(rows_at(hf, "dalian-2013-zh", 429, PO), [
        (*P, "urban_income", "城乡居民收入", "growth", 81.9, N, "%", "exact", "cumulative since 2007; urban", ""),
        (*P, "rural_income", "城乡居民收入", "growth", 93.6, N, "%", "exact", "cumulative since 2007; rural", ""),
    ])


def test_2013_outcomes_plan_and_targets(hf):
    # 000 l.421: 预计实现地区生产总值7000亿元，增长11%；完成公共财政收入750.1亿元，增长15.2%；
    # 固定资产投资按传统口径计算超过8000亿元，增长25%。
    # Before 预计, the same 一是 paragraph: 外贸出口逆势增长12%。…全年规模以上工业总产值突破1万亿元大关，增加值增长11%。
    # …社会消费品零售总额增长16%，实际使用外资增长12%。 (增加值 is the value added of that industry)
    y = (O, 2012, 2012)
    same_rows(rows_at(hf, "dalian-2013-zh", 421, O), [
        (*y, "exports", "外贸出口", "growth", 12, N, "%", "exact", "", ""),
        (*y, "industrial_output", "规模以上工业总产值", "level", 1, N, "万亿元", "greater_than", "", ""),
        (*y, "industry_va", "增加值", "growth", 11, N, "%", "exact", "", ""),
        (*y, "retail", "社会消费品零售总额", "growth", 16, N, "%", "exact", "", ""),
        (*y, "fdi", "实际使用外资", "growth", 12, N, "%", "exact", "", ""),
        (*y, "gdp", "地区生产总值", "level", 7000, N, "亿元", "exact", "", ""),
        (*y, "gdp", "地区生产总值", "growth", 11, N, "%", "exact", "", ""),
        (*y, "budget_revenue", "公共财政收入", "level", 750.1, N, "亿元", "exact", "", ""),
        (*y, "budget_revenue", "公共财政收入", "growth", 15.2, N, "%", "exact", "", ""),
        (*y, "fai", "固定资产投资", "level", 8000, N, "亿元", "greater_than", "按传统口径", ""),
        (*y, "fai", "固定资产投资", "growth", 25, N, "%", "exact", "", ""),
    ])
    # l.435: 今后五年…地区生产总值年均保持两位数增长，万元GDP综合能耗年均降低3.77%；主要污染物排放总量年均削减2%；
    # 公共财政收入、全体居民可支配收入实现倍增。
    P, E = (PT, 2013, 2017), (PT, 2017, 2017)
    same_rows(rows_at(hf, "dalian-2013-zh", 435, PT), [
        (*P, "gdp", "地区生产总值", "avg_growth", 10, N, "%", "at_least", "", ""),
        (*P, "energy_intensity", "万元GDP综合能耗", "decline", 3.77, N, "%", "exact", "annual average", ""),
        (*P, "pollutant_emissions", "主要污染物排放总量", "decline", 2, N, "%", "exact", "annual average", ""),
        (*E, "budget_revenue", "公共财政收入", "multiple", 2, N, "倍", "exact", "", ""),
        (*E, "resident_income", "全体居民可支配收入", "multiple", 2, N, "倍", "exact", "", ""),
    ])
    # l.440: 主要预期目标是：地区生产总值增长11%左右，万元GDP综合能耗下降3.77%。公共财政收入增长15%，固定资产投资
    # 增长20%，社会消费品零售总额增长16%，实际使用外资增长10%，全体居民可支配收入增长13%，城镇登记失业率控制在3%以下。
    y = (T, 2013, 2013)
    same_rows(rows_at(hf, "dalian-2013-zh", 440, T), [
        (*y, "gdp", "地区生产总值", "growth", 11, N, "%", "about", "", ""),
        (*y, "energy_intensity", "万元GDP综合能耗", "decline", 3.77, N, "%", "exact", "", ""),
        (*y, "budget_revenue", "公共财政收入", "growth", 15, N, "%", "exact", "", ""),
        (*y, "fai", "固定资产投资", "growth", 20, N, "%", "exact", "", ""),
        (*y, "retail", "社会消费品零售总额", "growth", 16, N, "%", "exact", "", ""),
        (*y, "fdi", "实际使用外资", "growth", 10, N, "%", "exact", "", ""),
        (*y, "resident_income", "全体居民可支配收入", "growth", 13, N, "%", "exact", "", ""),
        (*y, "unemployment", "城镇登记失业率", "rate", 3, N, "%", "at_most", "", ""),
    ])


def test_2014_outcomes_of_2013(hf):
    # 000 l.7: 预计全市实现地区生产总值7820亿元，增长11%;公共财政收入850.01亿元，增长13.3%;固定资产投资6750亿元，
    # 增长20%;社会消费品零售总额2513亿元，增长13%;城市居民人均可支配收入30238元、农村居民人均纯收入17717元，
    # 分别增长9.8%和10.8%;城镇登记失业率控制在2.61%。
    y = (O, 2013, 2013)
    same_rows(rows_at(hf, "dalian-2014-zh", 7, O), [
        (*y, "gdp", "地区生产总值", "level", 7820, N, "亿元", "exact", "", ""),
        (*y, "gdp", "地区生产总值", "growth", 11, N, "%", "exact", "", ""),
        (*y, "budget_revenue", "公共财政收入", "level", 850.01, N, "亿元", "exact", "", ""),
        (*y, "budget_revenue", "公共财政收入", "growth", 13.3, N, "%", "exact", "", ""),
        (*y, "fai", "固定资产投资", "level", 6750, N, "亿元", "exact", "", ""),
        (*y, "fai", "固定资产投资", "growth", 20, N, "%", "exact", "", ""),
        (*y, "retail", "社会消费品零售总额", "level", 2513, N, "亿元", "exact", "", ""),
        (*y, "retail", "社会消费品零售总额", "growth", 13, N, "%", "exact", "", ""),
        (*y, "urban_income", "城市居民人均可支配收入", "level", 30238, N, "元", "exact", "", ""),
        (*y, "urban_income", "城市居民人均可支配收入", "growth", 9.8, N, "%", "exact", "", ""),
        (*y, "rural_income", "农村居民人均纯收入", "level", 17717, N, "元", "exact", "", ""),
        (*y, "rural_income", "农村居民人均纯收入", "growth", 10.8, N, "%", "exact", "", ""),
        # a bare cap in a past-year result is the measured value
        (*y, "unemployment", "城镇登记失业率", "rate", 2.61, N, "%", "exact", "", ""),
    ])


def test_2014_targets(hf):
    # 000 l.49: 地区生产总值增长10%，万元GDp综合能耗下降3.77%，公共财政收入增长10%，固定资产投资增长20%，
    # 社会消费品零售总额增长13%，全体居民可支配收入增长11%，城镇登记失业率控制在3%以下。
    y = (T, 2014, 2014)
    same_rows(rows_at(hf, "dalian-2014-zh", 49, T), [
        (*y, "gdp", "地区生产总值", "growth", 10, N, "%", "exact", "", ""),
        (*y, "energy_intensity", "万元GDp综合能耗", "decline", 3.77, N, "%", "exact", "", ""),
        (*y, "budget_revenue", "公共财政收入", "growth", 10, N, "%", "exact", "", ""),
        (*y, "fai", "固定资产投资", "growth", 20, N, "%", "exact", "", ""),
        (*y, "retail", "社会消费品零售总额", "growth", 13, N, "%", "exact", "", ""),
        (*y, "resident_income", "全体居民可支配收入", "growth", 11, N, "%", "exact", "", ""),
        (*y, "unemployment", "城镇登记失业率", "rate", 3, N, "%", "at_most", "", ""),
    ])


def test_2016_review_outcomes_plan_and_targets(hf):
    # 000 l.275: 地区生产总值从5158亿元增加到7700亿元，年均增长8.5%。固定资产投资累计实现2.8万亿元，年均增长5.6%。
    # 公共财政收入累计达到3611亿元，年均增长2.9%。  (五年来 = “十二五” 2011-2015)
    P = (PO, 2011, 2015)
    same_rows(rows_at(hf, "dalian-2016-zh", 275, (PO, O)), [
        (PO, 2010, 2010, "gdp", "地区生产总值", "level", 5158, N, "亿元", "exact", "", ""),
        (O, 2015, 2015, "gdp", "地区生产总值", "level", 7700, N, "亿元", "exact", "", ""),   # reached in the last year
        (*P, "gdp", "地区生产总值", "avg_growth", 8.5, N, "%", "exact", "", ""),
        (*P, "fai", "固定资产投资", "level", 2.8, N, "万亿元", "exact", "cumulative", ""),
        (*P, "fai", "固定资产投资", "avg_growth", 5.6, N, "%", "exact", "", ""),
        (*P, "budget_revenue", "公共财政收入", "level", 3611, N, "亿元", "exact", "cumulative", ""),
        (*P, "budget_revenue", "公共财政收入", "avg_growth", 2.9, N, "%", "exact", "", ""),
    ])
    # l.282: 预计地区生产总值增长4.2%。一般公共预算收入579.9亿元，下降25.7%。固定资产投资4600亿元，下降32.1%。
    # 全社会消费品零售总额3050亿元，增长8.5%。城乡居民收入达到35750元和14650元，分别增长6.5%和8%。城镇登记失业率2.93%。
    y = (O, 2015, 2015)
    same_rows(rows_at(hf, "dalian-2016-zh", 282, O), [
        (*y, "gdp", "地区生产总值", "growth", 4.2, N, "%", "exact", "", ""),
        (*y, "budget_revenue", "一般公共预算收入", "level", 579.9, N, "亿元", "exact", "", ""),
        (*y, "budget_revenue", "一般公共预算收入", "growth", -25.7, N, "%", "exact", "", ""),
        (*y, "fai", "固定资产投资", "level", 4600, N, "亿元", "exact", "", ""),
        (*y, "fai", "固定资产投资", "growth", -32.1, N, "%", "exact", "", ""),
        (*y, "retail", "全社会消费品零售总额", "level", 3050, N, "亿元", "exact", "", ""),
        (*y, "retail", "全社会消费品零售总额", "growth", 8.5, N, "%", "exact", "", ""),
        (*y, "urban_income", "城乡居民收入", "level", 35750, N, "元", "exact", "urban", ""),
        (*y, "rural_income", "城乡居民收入", "level", 14650, N, "元", "exact", "rural", ""),
        (*y, "urban_income", "城乡居民收入", "growth", 6.5, N, "%", "exact", "urban", ""),
        (*y, "rural_income", "城乡居民收入", "growth", 8, N, "%", "exact", "rural", ""),
        (*y, "unemployment", "城镇登记失业率", "rate", 2.93, N, "%", "exact", "", ""),
    ])
    # l.329: “十三五”时期的主要目标是：…地区生产总值比2024[=2010]年翻一番，迈入万亿城市行列。…
    # 城乡居民人均收入比2024[=2010]年翻一番以上
    E = (PT, 2020, 2020)
    same_rows(rows_at(hf, "dalian-2016-zh", 329, PT), [
        (*E, "gdp", "地区生产总值", "multiple", 2, N, "倍", "exact", "vs 2010", ""),
        (*E, "gdp", "地区生产总值", "level", 1, N, "万亿元", "at_least", "", ""),
        (*E, "resident_income", "城乡居民人均收入", "multiple", 2, N, "倍", "at_least", "vs 2010", ""),
        # the qualitative plan targets of the same line (大气质量: not in the vocabulary)
        (PT, 2016, 2020, "service_share", "服务业占比", "qualitative", N, N, "", "qualitative", "进一步提升", ""),
        (PT, 2016, 2020, "eco_environment_quality", "生态环境质量", "qualitative", N, N, "", "qualitative", "总体改善", ""),
        (PT, 2016, 2020, "energy_intensity", "万元GDP综合能耗", "qualitative", N, N, "", "qualitative", "继续降低", ""),
        (PT, 2016, 2020, "pollutant_emissions", "污染物排放", "qualitative", N, N, "", "qualitative", "持续下降", ""),
        (PT, 2016, 2020, "forest_greening_rate", "林木覆盖率", "qualitative", N, N, "", "qualitative", "进一步提高", ""),
    ])
    # l.339: 主要预期目标是：地区生产总值增长6.5%-7%，固定资产投资增长6%左右，社会消费品零售总额增长10%左右，
    # 外贸出口增长6%左右，一般公共预算收入、城乡居民人均收入与经济发展同步。万元GDP综合能耗下降3.5%，
    # CPI控制在3%以内，城镇登记失业率控制在3%以内。
    y = (T, 2016, 2016)
    same_rows(rows_at(hf, "dalian-2016-zh", 339, T), [
        (*y, "gdp", "地区生产总值", "growth", 6.5, 7, "%", "range", "", ""),
        (*y, "fai", "固定资产投资", "growth", 6, N, "%", "about", "", ""),
        (*y, "retail", "社会消费品零售总额", "growth", 10, N, "%", "about", "", ""),
        (*y, "exports", "外贸出口", "growth", 6, N, "%", "about", "", ""),
        (*y, "budget_revenue", "一般公共预算收入", "qualitative", N, N, "", "qualitative", "与经济发展同步", ""),
        (*y, "resident_income", "城乡居民人均收入", "qualitative", N, N, "", "qualitative", "与经济发展同步", ""),
        (*y, "energy_intensity", "万元GDP综合能耗", "decline", 3.5, N, "%", "exact", "", ""),
        (*y, "cpi", "CPI", "growth", 3, N, "%", "at_most", "", ""),
        (*y, "unemployment", "城镇登记失业率", "rate", 3, N, "%", "at_most", "", ""),
    ])


def test_2016_review_structure_and_environment_rows(hf):
    # 000 l.276, 280, 281 (selected cells); levels and rates reached in 2015 are 2015's outcomes
    P, E = (PO, 2011, 2015), (O, 2015, 2015)
    got = rows_at(hf, "dalian-2016-zh", 276, (PO, O)) + rows_at(hf, "dalian-2016-zh", 280, (PO, O)) \
        + rows_at(hf, "dalian-2016-zh", 281, (PO, O))
    for row in [
        (PO, 2010, 2010, "service_share", "服务业增加值占GDP比重", "rate", 42.7, N, "%", "exact", "", ""),
        (*E, "service_share", "服务业增加值占GDP比重", "rate", 50.8, N, "%", "exact", "", ""),
        (PO, 2010, 2010, "finance_share", "金融业增加值占GDP比重", "rate", 5.1, N, "%", "exact", "", ""),
        (*E, "finance_share", "金融业增加值占GDP比重", "rate", 9, N, "%", "exact", "", ""),
        (*P, "software_revenue", "软件和信息服务业销售收入", "avg_growth", 10, N, "%", "at_least", "", ""),
        (*E, "high_tech_va", "高新技术产品增加值", "level", 720, N, "亿元", "exact", "", ""),
        (*P, "energy_intensity", "万元GDP综合能耗", "cumulative_decline", 18, N, "%", "exact", "", ""),
        (*P, "industry_energy_intensity", "单位工业增加值综合能耗", "decline", 4.6, N, "%", "exact", "annual average", ""),
        (*E, "garbage_treatment_rate", "城市生活垃圾无害化处理率", "rate", 100, N, "%", "exact", "", ""),
        (*E, "sewage_treatment_rate", "生活污水处理率", "rate", 95, N, "%", "exact", "", ""),
        (*E, "forest_greening_rate", "林木绿化率", "rate", 50, N, "%", "exact", "", ""),
        (*P, "livelihood_spending", "财政用于民生支出", "level", 3050, N, "亿元", "exact", "cumulative", ""),
        (*P, "urban_income", "城乡居民收入", "avg_growth", 10.4, N, "%", "exact", "urban", ""),
        (*P, "rural_income", "城乡居民收入", "avg_growth", 11.3, N, "%", "exact", "rural", ""),
    ]:
        assert row in got, row


def test_2024_targets_and_outcomes(hf):
    # 001 l.14: 预计，地区生产总值增长6%以上;一般公共预算收入增长12%;规模以上工业增加值增长10%以上;社会消费品零售总额
    # 增长9%;城乡居民人均可支配收入与经济增长基本保持一致;居民消费价格上涨0.6%;能耗强度比2020年累计下降13%以上。
    y = (O, 2023, 2023)
    same_rows(rows_at(hf, "dalian-2024-zh", 14, O), [
        (*y, "gdp", "地区生产总值", "growth", 6, N, "%", "at_least", "", ""),
        (*y, "budget_revenue", "一般公共预算收入", "growth", 12, N, "%", "exact", "", ""),
        (*y, "industry_va", "规模以上工业增加值", "growth", 10, N, "%", "at_least", "", ""),
        (*y, "retail", "社会消费品零售总额", "growth", 9, N, "%", "exact", "", ""),
        (*y, "resident_income", "城乡居民人均可支配收入", "qualitative", N, N, "", "qualitative", "与经济增长基本保持一致", ""),
        (*y, "cpi", "居民消费价格", "growth", 0.6, N, "%", "exact", "", ""),
        (O, 2021, 2023, "energy_intensity", "能耗强度", "cumulative_decline", 13, N, "%", "at_least",
         "cumulative since 2020", ""),
    ])
    # 001 l.44: 主要预期目标是:地区生产总值增长6%左右,规模以上工业增加值增长7.5%,固定资产投资增长8%左右,社会消费品
    # 零售总额增长8%,一般公共预算收入增长6%,外贸进出口增长7%,居民消费价格涨幅控制在3%左右,城乡居民收入增长与经济
    # 增长基本同步,能耗强度较2020年累计下降12%。
    y = (T, 2024, 2024)
    same_rows(rows_at(hf, "dalian-2024-zh", 44, T), [
        (*y, "gdp", "地区生产总值", "growth", 6, N, "%", "about", "", ""),
        (*y, "industry_va", "规模以上工业增加值", "growth", 7.5, N, "%", "exact", "", ""),
        (*y, "fai", "固定资产投资", "growth", 8, N, "%", "about", "", ""),
        (*y, "retail", "社会消费品零售总额", "growth", 8, N, "%", "exact", "", ""),
        (*y, "budget_revenue", "一般公共预算收入", "growth", 6, N, "%", "exact", "", ""),
        (*y, "trade", "外贸进出口", "growth", 7, N, "%", "exact", "", ""),
        (*y, "cpi", "居民消费价格涨幅", "growth", 3, N, "%", "about", "", ""),
        (*y, "resident_income", "城乡居民收入增长", "qualitative", N, N, "", "qualitative", "与经济增长基本同步", ""),
        (T, 2021, 2024, "energy_intensity", "能耗强度", "cumulative_decline", 12, N, "%", "exact",
         "cumulative since 2020", ""),
    ])


def test_jinzhou_2021_targets_and_2020_outcomes(hf):
    # 002 l.70: 地区生产总值增长6.5%以上；一般公共预算收入增长3%；固定资产投资增长10%；规模以上工业增加值增长7%；
    # 社会消费品零售总额增速高于全市平均水平；外贸进出口总额增长3%；城镇常住居民人均可支配收入与经济增长同步；
    # 城镇登记失业率控制在4%左右；单位地区生产总值能耗达到上级要求。
    y = (T, 2021, 2021)
    same_rows(rows_at(hf, "jinzhou-2021-zh", 70, T), [
        (*y, "gdp", "地区生产总值", "growth", 6.5, N, "%", "at_least", "", ""),
        (*y, "budget_revenue", "一般公共预算收入", "growth", 3, N, "%", "exact", "", ""),
        (*y, "fai", "固定资产投资", "growth", 10, N, "%", "exact", "", ""),
        (*y, "industry_va", "规模以上工业增加值", "growth", 7, N, "%", "exact", "", ""),
        (*y, "retail", "社会消费品零售总额增速", "qualitative", N, N, "", "qualitative", "高于全市平均水平", ""),
        (*y, "trade", "外贸进出口总额", "growth", 3, N, "%", "exact", "", ""),
        (*y, "urban_income", "城镇常住居民人均可支配收入", "qualitative", N, N, "", "qualitative", "与经济增长同步", ""),
        (*y, "unemployment", "城镇登记失业率", "rate", 4, N, "%", "about", "", ""),
        (*y, "energy_intensity", "单位地区生产总值能耗", "qualitative", N, N, "", "qualitative", "达到上级要求", ""),
    ])
    # 002 l.18: 全年实现地区生产总值2079.4亿元，同比增长0.55%；一般公共预算地方级收入192亿元；固定资产投资同比增长5.1%；
    # 规模以上工业总产值占全市45.7%；规模以上工业增加值同比增长0.2%…；实际利用外资1.76亿美元，同比增长35.4%；
    # 引进省外内资293.9亿元，同比增长20.1%；省内到位内资75亿元…；社会消费品零售总额增速高于全市平均水平；
    # 外贸进出口总额占全市61.5%；城镇常住居民人均可支配收入同比增长0.2%。
    y = (O, 2020, 2020)
    same_rows(rows_at(hf, "jinzhou-2021-zh", 18, O), [
        (*y, "gdp", "地区生产总值", "level", 2079.4, N, "亿元", "exact", "", ""),
        (*y, "gdp", "地区生产总值", "growth", 0.55, N, "%", "exact", "", ""),
        (*y, "budget_revenue", "一般公共预算地方级收入", "level", 192, N, "亿元", "exact", "", ""),
        (*y, "fai", "固定资产投资", "growth", 5.1, N, "%", "exact", "", ""),
        (*y, "industrial_output", "规模以上工业总产值", "rate", 45.7, N, "%", "exact", "", "dalian"),
        (*y, "industry_va", "规模以上工业增加值", "growth", 0.2, N, "%", "exact", "", ""),
        (*y, "fdi", "实际利用外资", "level", 1.76, N, "亿美元", "exact", "", ""),
        (*y, "fdi", "实际利用外资", "growth", 35.4, N, "%", "exact", "", ""),
        (*y, "domestic_capital", "引进省外内资", "level", 293.9, N, "亿元", "exact", "", ""),
        (*y, "domestic_capital", "引进省外内资", "growth", 20.1, N, "%", "exact", "", ""),
        (*y, "domestic_capital_in_province", "省内到位内资", "level", 75, N, "亿元", "exact", "", ""),
        (*y, "retail", "社会消费品零售总额增速", "qualitative", N, N, "", "qualitative", "高于全市平均水平", ""),
        (*y, "trade", "外贸进出口总额", "rate", 61.5, N, "%", "exact", "", "dalian"),
        (*y, "urban_income", "城镇常住居民人均可支配收入", "growth", 0.2, N, "%", "exact", "", ""),
    ])
    # 002 l.94 (名词解释): the same year on the new-area basis (新区口径数据…具体如下：2020年，实现地区生产总值2320.4亿元；
    # 一般公共预算收入155亿元；固定资产投资同比增长5.8%；实际利用外资1.91亿美元，同比增长29.9%；
    # 引进省外内资303.7亿元，同比增长20.1%。
    same_rows(rows_at(hf, "jinzhou-2021-zh", 94, O), [
        (*y, "gdp", "地区生产总值", "level", 2320.4, N, "亿元", "exact", "新区口径", ""),
        (*y, "budget_revenue", "一般公共预算收入", "level", 155, N, "亿元", "exact", "新区口径", ""),
        (*y, "fai", "固定资产投资", "growth", 5.8, N, "%", "exact", "新区口径", ""),
        (*y, "fdi", "实际利用外资", "level", 1.91, N, "亿美元", "exact", "新区口径", ""),
        (*y, "fdi", "实际利用外资", "growth", 29.9, N, "%", "exact", "新区口径", ""),
        (*y, "domestic_capital", "引进省外内资", "level", 303.7, N, "亿元", "exact", "新区口径", ""),
        (*y, "domestic_capital", "引进省外内资", "growth", 20.1, N, "%", "exact", "新区口径", ""),
    ])


def test_jinzhou_14th_plan_targets_and_13th_plan_review(hf):
    # 002 l.66: “十四五”…主要预期目标是：到2025年，…地区生产总值年均增长6.5%；一般公共预算收入年均增长6.5%；城镇常住
    # 居民人均可支配收入年均增长6.5％左右；社会消费品零售总额年均增长10%；外贸进出口总额年均增长4.8％；研究与试验
    # 发展经费投入强度达到4％；城镇登记失业率控制在4％以内；单位地区生产总值能耗、二氧化碳排放达到上级要求。
    P = (PT, 2021, 2025)
    same_rows(rows_at(hf, "jinzhou-2021-zh", 66, PT), [
        (*P, "gdp", "地区生产总值", "avg_growth", 6.5, N, "%", "exact", "", ""),
        (*P, "budget_revenue", "一般公共预算收入", "avg_growth", 6.5, N, "%", "exact", "", ""),
        (*P, "urban_income", "城镇常住居民人均可支配收入", "avg_growth", 6.5, N, "%", "about", "", ""),
        (*P, "retail", "社会消费品零售总额", "avg_growth", 10, N, "%", "exact", "", ""),
        (*P, "trade", "外贸进出口总额", "avg_growth", 4.8, N, "%", "exact", "", ""),
        (PT, 2025, 2025, "rd_intensity", "研究与试验发展经费投入强度", "rate", 4, N, "%", "exact", "", ""),
        (*P, "unemployment", "城镇登记失业率", "rate", 4, N, "%", "at_most", "", ""),
        (*P, "energy_intensity", "单位地区生产总值能耗", "qualitative", N, N, "", "qualitative", "达到上级要求", ""),
        (*P, "co2_intensity", "二氧化碳排放", "qualitative", N, N, "", "qualitative", "达到上级要求", ""),
    ])
    # 002 l.40: 五年来…地区生产总值年均增长4.7%，累计占全市五年总量的30%以上；固定资产投资累计占全市五年总量的25.8%；
    # 一般公共预算收入累计达到767.5亿元，年均增长7.3%；综合能耗累计下降16%。主要经济指标占全市20—50%
    P = (PO, 2016, 2020)
    same_rows(rows_at(hf, "jinzhou-2021-zh", 40, PO), [
        (*P, "gdp", "地区生产总值", "avg_growth", 4.7, N, "%", "exact", "", ""),
        (*P, "gdp", "地区生产总值", "rate", 30, N, "%", "at_least", "cumulative", "dalian"),
        (*P, "fai", "固定资产投资", "rate", 25.8, N, "%", "exact", "cumulative", "dalian"),
        (*P, "budget_revenue", "一般公共预算收入", "level", 767.5, N, "亿元", "exact", "cumulative", ""),
        (*P, "budget_revenue", "一般公共预算收入", "avg_growth", 7.3, N, "%", "exact", "", ""),
        # 综合能耗 and 主要经济指标 are not in the vocabulary: entries of unparsed(), not rows
    ])
    # 002 l.54: 财政用于民生支出累计536.4亿元，城镇常住居民人均可支配收入增加了近9000元。实现新增就业7.4万人，
    # 登记失业率保持在3.5%以内。…城乡低保标准提高了8.7%。普惠幼儿园覆盖率达到72%
    got = rows_at(hf, "jinzhou-2021-zh", 54, (PO, O))
    for row in [
        (*P, "livelihood_spending", "财政用于民生支出", "level", 536.4, N, "亿元", "exact", "cumulative", ""),
        (*P, "urban_income", "城镇常住居民人均可支配收入", "growth", 9000, N, "元", "about", "cumulative since 2015", ""),
        (*P, "unemployment", "登记失业率", "rate", 3.5, N, "%", "at_most", "", ""),
        (*P, "low_income_standard", "城乡低保标准", "growth", 8.7, N, "%", "exact", "cumulative since 2015", ""),
        (O, 2020, 2020, "inclusive_kindergarten_rate", "普惠幼儿园覆盖率", "rate", 72, N, "%", "exact", "", ""),
    ]:
        assert row in got, row


def test_budget_revenue_under_its_three_names(hf):
    """地方财政一般预算收入 (2012) → 公共财政收入 (2013, 2014, and the 2016 review of 2011-2015) → 一般公共预算收入."""
    b = hf[hf.indicator == "budget_revenue"]
    names = lambda q: set(b.query(q).indicator_zh)  # noqa: E731
    assert names("report_id == 'dalian-2012-zh'") == {"地方财政一般预算收入"}
    assert names("report_id == 'dalian-2013-zh'") == {"公共财政收入"}
    assert names("report_id == 'dalian-2014-zh'") == {"公共财政收入"}
    assert names("report_id == 'dalian-2016-zh' and kind == 'plan_outcome'") == {"公共财政收入"}   # l.275
    assert names("report_id == 'dalian-2016-zh' and kind in ['outcome', 'target']") == {"一般公共预算收入"}  # l.282, 339
    assert names("report_id == 'dalian-2024-zh'") == {"一般公共预算收入"}
    assert names("report_id == 'jinzhou-2021-zh'") == {"一般公共预算收入", "一般公共预算地方级收入"}
    # one row per report-year at least for the annual target
    assert set(b[b.kind == T].report_id) == {"dalian-2012-zh", "dalian-2013-zh", "dalian-2014-zh", "dalian-2016-zh",
                                             "dalian-2024-zh", "dalian-2024-en", "jinzhou-2021-zh"}


def test_every_report_has_a_gdp_target_and_outcome(hf):
    gdp = hf[hf.indicator == "gdp"]
    expected_target = {  # (value, value_high, qualifier) of the annual GDP growth target
        "dalian-2012-zh": (13, None, "exact"), "dalian-2013-zh": (11, None, "about"),
        "dalian-2014-zh": (10, None, "exact"), "dalian-2016-zh": (6.5, 7, "range"),
        "dalian-2024-zh": (6, None, "about"), "dalian-2024-en": (6, None, "about"),
        "jinzhou-2021-zh": (6.5, None, "at_least"),
    }
    for report_id, (value, high, qualifier) in expected_target.items():
        t = gdp[(gdp.report_id == report_id) & (gdp.kind == T) & (gdp.measure == "growth")]
        assert [(_cell(r.value), _cell(r.value_high), r.qualifier) for r in t.itertuples()] == [(value, high, qualifier)]
    expected_outcome = {  # growth of the year before
        "dalian-2012-zh": 14, "dalian-2013-zh": 11, "dalian-2014-zh": 11, "dalian-2016-zh": 4.2,
        "dalian-2024-zh": 6, "dalian-2024-en": 6, "jinzhou-2021-zh": 0.55,
    }
    for report_id, value in expected_outcome.items():
        o = gdp[(gdp.report_id == report_id) & (gdp.kind == O) & (gdp.measure == "growth")]
        assert list(o.value) == [value], report_id


# ---------------------------------------------------------------------------
# Chinese and English 2024 side by side
# ---------------------------------------------------------------------------
def test_2024_chinese_and_english_agree():
    c = compare_languages()
    assert list(c.columns[:6]) == ["kind", "indicator", "measure", "period_start", "period_end", "unit"]
    assert len(c) == 16 and c.indicator.notna().all()
    assert c.agree.all(), c[~c.agree][["indicator", "measure", "note"]]
    assert c.quote_zh.notna().all() and c.quote_en.notna().all()
    # the only differences are 以上 rendered "more than", and each is explained
    differing = c[c.qualifier_zh != c.qualifier_en]
    assert sorted(zip(differing.kind, differing.indicator)) == [
        ("outcome", "energy_intensity"), ("outcome", "gdp"), ("outcome", "industry_va")]
    assert (differing.qualifier_zh == "at_least").all() and (differing.qualifier_en == "greater_than").all()
    assert differing.note.str.contains("以上").all() and differing.note.str.contains("more than").all()
    assert (c[c.qualifier_zh == c.qualifier_en].note == "").all()
    # every zh and en figure with a code appears once
    hf = headline_figures()
    for report_id, col in (("dalian-2024-zh", "line_zh"), ("dalian-2024-en", "line_en")):
        rows = hf[(hf.report_id == report_id) & hf.kind.isin([T, O])]
        assert rows.indicator.notna().all()
        assert len(rows) == c[col].notna().sum()
    assert set(c.line_zh) == {14, 44} and set(c.line_en) == {29, 65}


def test_compare_languages_reports_disagreement():
    # two different reports cannot agree: unmatched figures and differing values are flagged, never hidden
    c = compare_languages("dalian-2024-zh", "dalian-2016-zh")
    assert not c.agree.all()
    assert c[~c.agree].note.str.len().gt(0).all()
    gdp = c[(c.kind == T) & (c.indicator == "gdp")]
    assert len(gdp) == 0 or not gdp.agree.any()


# ---------------------------------------------------------------------------
# Unparsed: every remaining entry justified, no stale justification
# ---------------------------------------------------------------------------
REASON_CLASSES = {"elliptical_wording", "ambiguous_wording", "summary_of_indicators", "administrative_tally",
                  "year_not_a_figure", "ordinal_in_name",
                  "number_modifying_noun", "year_in_wording", "masked_in_source"}


def test_every_unparsed_entry_is_justified_and_no_justification_is_stale():
    with open(JUSTIFIED, newline="", encoding="utf-8") as fh:
        justified = list(csv.DictReader(fh))
    assert justified and list(justified[0]) == ["report_id", "line", "number", "reason_class", "justification"]
    for j in justified:
        assert j["reason_class"] in REASON_CLASSES, j
        assert len(j["justification"].strip()) > 20, j
    u = unparsed()
    have = Counter((r.report_id, int(r.line), r.number) for r in u.itertuples())
    want = Counter((j["report_id"], int(j["line"]), j["number"]) for j in justified)
    assert have - want == Counter(), f"unjustified: {sorted(have - want)}"
    assert want - have == Counter(), f"stale justifications: {sorted(want - have)}"


def test_unparsed_entries_point_at_their_raw_lines():
    u = unparsed()
    lines = {sid: raw_lines(sid) for sid in set(u.source_id)}
    for r in u.itertuples():
        line = lines[r.source_id][r.line - 1]
        assert unicodedata.normalize("NFKC", r.number) in unicodedata.normalize("NFKC", line), (r.line, r.number)
        assert r.reason


# ---------------------------------------------------------------------------
# A report the parser has never seen
# ---------------------------------------------------------------------------
# Written in the style of another city's 2025 report (numbers invented), with other wordings of the same indicators.
UNSEEN_ZH = ("２０２５年是“十四五”规划收官之年。全市经济社会发展主要预期目标是：地区生产总值（GDP）增长5.5%左右，"
             "规上工业增加值增长6%，全社会固定资产投资增长7%，社会消费品零售额增长6.5%，一般公共预算收入增长4%，"
             "外贸进出口总额增长3%，全体居民人均可支配收入增长与经济增长同步，居民消费价格涨幅3%左右，"
             "城镇登记失业率控制在4.5%以内，城镇调查失业率5.5%左右，单位地区生产总值能耗完成省下达任务。")
# unseen wording → the Dalian wording of the same indicator (dalian-2024-zh targets, 001 l.44; 002 l.70; 000 l.104)
UNSEEN_TO_DALIAN = {
    "地区生产总值（GDP）": "地区生产总值",
    "规上工业增加值": "规模以上工业增加值",
    "全社会固定资产投资": "固定资产投资",
    "社会消费品零售额": "社会消费品零售总额",
    "一般公共预算收入": "一般公共预算收入",
    "外贸进出口总额": "外贸进出口",
    "全体居民人均可支配收入增长": "城乡居民收入增长",
    "居民消费价格涨幅": "居民消费价格涨幅",
    "城镇登记失业率": "城镇登记失业率",
    "单位地区生产总值能耗": "能耗强度",
}
UNSEEN_EN = ("The main expected targets for economic and social development this year are: regional GDP will increase "
             "by about 5.5%, the added value of industrial enterprises above designated size will increase by 6%, "
             "investment in fixed assets will increase by 7%, total retail sales of social consumer goods will increase "
             "by 6.5%, general public budget revenue will increase by 4%, the increase of consumer prices will be "
             "controlled at about 3%, and energy consumption intensity will decrease by 2.5%.")


def test_an_unseen_chinese_paragraph_gets_the_dalian_codes(hf):
    rows = extract_headline(UNSEEN_ZH, report_year=2025)
    dalian = {w: c for w, c in zip(hf.indicator_zh, hf.indicator) if c is not pd.NA}
    got = dict(zip(rows.wording, rows.indicator))
    for unseen, known in UNSEEN_TO_DALIAN.items():
        assert got[unseen] is not None and got[unseen] == dalian[known], (unseen, known)
    # surveyed unemployment is another statistic than registered unemployment: not merged into it
    assert got["城镇调查失业率"] == "surveyed_unemployment"
    assert set(rows.kind) == {T} and set(rows.period_start) == {2025}


def test_an_unseen_english_paragraph_gets_the_same_codes():
    rows = extract_headline(UNSEEN_EN, lang="en", report_year=2025)
    assert rows.indicator.tolist() == [
        "gdp", "industry_va", "fai", "retail", "budget_revenue", "cpi", "energy_intensity"]


# ---------------------------------------------------------------------------
# Known extractor errors (reported; these flip to passing when the extractor is fixed)
# ---------------------------------------------------------------------------
def test_five_year_totals_cover_the_five_years(hf):
    # 000 l.277: 五年累计利用外资536亿美元，完成出口总额1560.5亿美元，分别为“十一五”的2倍和1.5倍 — both five-year totals
    # (compared with the 11th plan's totals; single years were 303.5 in 2011 (l.62) and 257.8 in 2015 (l.288));
    # l.279: 新增金融机构235家，新增社会融资超万亿元 over 2011-2015 (a single year: 15 new institutions in 2011, l.72);
    # l.281: 实现城镇实名制就业107万人 (single years: 18万 planned for 2012, l.124; 22.8万 in 2015, l.316).
    for wording, line in (("出口总额", 277), ("新增金融机构", 279), ("新增社会融资", 279), ("城镇实名制就业", 281)):
        r = hf[(hf.report_id == "dalian-2016-zh") & (hf.line == line) & (hf.indicator_zh == wording)
               & (hf.measure == "level")]
        assert list(zip(r.period_start, r.period_end)) == [(2011, 2015)], wording


def test_jinzhou_two_bases_are_told_apart(hf):
    # 002 l.94: figures of l.18 are on the 金州行政区口径, those after 新区口径数据…具体如下 on the new-area basis
    g = hf[(hf.report_id == "jinzhou-2021-zh") & (hf.indicator == "gdp") & (hf.measure == "level") & (hf.kind == O)]
    assert g.basis.nunique() == len(g) == 2


def test_shared_modifiers_reach_every_wording(hf):
    # 000 l.391 人均 (GDP per capita); l.277 民营企业营业收入、纳税总额; 002 l.66 单位地区生产总值能耗、二氧化碳排放
    codes = set(hf[hf.line.isin([391, 277, 66])].indicator.dropna())
    assert {"gdp_per_capita", "private_firm_tax", "co2_intensity"} <= codes
