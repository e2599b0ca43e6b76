"""The GDP target ladder and Dalian's targets against its outcomes.

Expected values were read by hand from the raw reports (000: Dalian 2012–2016 compilation;
001: Dalian 2024; 002: Jinzhou 2021) and from data/reference/original/*.csv (data rows are
numbered from 1, header not counted). Nothing is copied from the code's output.

Seeds, as read:
  000 line 104 (2012 report) 主要预期目标是：地区生产总值增长13%
  000 line 421 (2013 report) 预计实现地区生产总值7000亿元，增长11%            → 2012 estimate
  000 line 440 (2013 report) 主要预期目标是：地区生产总值增长11%左右
  000 line 7   (2014 report) 预计全市实现地区生产总值7820亿元，增长11%       → 2013 estimate
  000 line 49  (2014 report) 主要预期目标是：地区生产总值增长10%
  000 line 339 (2016 report) 主要预期目标是：地区生产总值增长6.5%-7%
  001 line 14  (2024 report) 预计,地区生产总值增长6%以上                        → 2023 estimate
  001 line 44  (2024 report) 主要预期目标是:地区生产总值增长6%左右
  002 line 70  (Jinzhou 2021) 地区生产总值增长6.5%以上
National targets (national_gdp_targets.csv): row 8 2012 7.5% exact; row 9 2013 7.5%左右;
row 10 2014 7.5%左右; row 11 2015 7%左右; row 12 2016 6.5%-7%; row 17 2021 6%以上; row 20 2024 5%左右.
"""
from __future__ import annotations

import doctest
import math

import pytest

from dalian_reports.sources.raw import read_source
import dalian_reports as dr
from dalian_reports.pipeline.tables import targets as targets_module
from dalian_reports.pipeline.tables.reference import ABOUT_TOLERANCE_PP
from dalian_reports.pipeline.tables.targets import (
    LADDER_COLUMNS, VS_COLUMNS, target_ladder_long, target_vs_outcome,
)

SOURCE_OF_REPORT = {"dalian-2012-zh": "000", "dalian-2013-zh": "000", "dalian-2014-zh": "000",
                    "dalian-2016-zh": "000", "dalian-2024-zh": "001", "jinzhou-2021-zh": "002"}


def _raw_line(source: str) -> str:
    report, _, line = source.split(" ")
    return read_source(SOURCE_OF_REPORT[report]).lines[int(line) - 1]


def _corpus_line(source: str) -> str | None:
    """The raw line a 'corpus:<file> line <n>' source names, or None when the corpus is not beside the checkout."""
    from dalian_reports.pipeline.tables.panel import corpus_root

    root = corpus_root()
    if root is None:
        return None
    file, _, line = source.removeprefix("corpus:").rpartition(" line ")
    return (root / file).read_text(encoding="utf-8").split("\n")[int(line) - 1]


@pytest.fixture(scope="module")
def ladder():
    return target_ladder_long()


@pytest.fixture(scope="module")
def vs():
    return target_vs_outcome().set_index("year", drop=False)


# ------------------------------------------------------------------------------ ladder

def _cell(ladder, year, jurisdiction):
    sub = ladder[(ladder.year == year) & (ladder.jurisdiction == jurisdiction)]
    assert len(sub) <= 1
    return None if sub.empty else sub.iloc[0]


def test_ladder_columns_and_alias(ladder):
    assert list(ladder.columns) == LADDER_COLUMNS
    assert {"year", "jurisdiction", "value", "value_high", "qualifier"} <= set(ladder.columns)  # figure code
    assert not ladder.duplicated(["year", "jurisdiction"]).any()
    assert set(ladder.origin) <= {"seed", "corpus", "reference"}


@pytest.mark.parametrize("year, value, high, qualifier, source", [
    (2012, 13.0, None, "exact", "dalian-2012-zh line 104"),
    (2013, 11.0, None, "about", "dalian-2013-zh line 440"),
    (2014, 10.0, None, "exact", "dalian-2014-zh line 49"),
    (2016, 6.5, 7.0, "range", "dalian-2016-zh line 339"),
    (2024, 6.0, None, "about", "dalian-2024-zh line 44"),
])
def test_ladder_dalian_seed_years(ladder, year, value, high, qualifier, source):
    r = _cell(ladder, year, "dalian")
    assert (r.value, r.qualifier, r.source, r.origin) == (value, qualifier, source, "seed")
    assert (math.isnan(r.value_high) if high is None else r.value_high == high)
    assert r.text in _raw_line(source)


def test_ladder_dalian_2015_and_2019_from_the_corpus(ladder):
    # no seed for 2015: the corpus's 大连市/2015.md line 88 reads 地区生产总值增长6.5%左右
    r = _cell(ladder, 2015, "dalian")
    assert (r.value, r.qualifier, r.origin, r.source) == (6.5, "about", "corpus", "corpus:政府工作报告-主要城市/大连市/2015.md line 88")
    # 2019: the report says 6.5%左右 (line 132); the reference's 6.5%以上 (a JETRO paraphrase) gives way and is noted
    r = _cell(ladder, 2019, "dalian")
    assert (r.value, r.qualifier, r.origin, r.text) == (6.5, "about", "corpus", "地区生产总值增长6.5%左右")
    assert "6.5 at_least" in r.note and "jetro" in r.note
    line = _corpus_line(r.source)
    assert line is None or r.text in line


@pytest.mark.parametrize("year, value, high, qualifier, line", [
    (2012, 7.5, None, "exact", 72),     # 国内生产总值增长7.5%
    (2013, 7.5, None, "about", 74),     # 国内生产总值增长7.5%左右
    (2014, 7.5, None, "about", 82),
    (2015, 7.0, None, "about", 78),     # 国内生产总值增长7%左右
    (2016, 6.5, 7.0, "range", 90),      # 国内生产总值增长6.5%—7%
    (2024, 5.0, None, "about", 58),     # 国内生产总值增长5%左右
])
def test_ladder_national_from_the_state_council_reports(ladder, year, value, high, qualifier, line):
    r = _cell(ladder, year, "china")
    assert (r.value, r.qualifier, r.origin) == (value, qualifier, "corpus")
    assert (math.isnan(r.value_high) if high is None else r.value_high == high)
    assert r.source == f"corpus:政府工作报告-国务院/{year}.md line {line}"
    text = _corpus_line(r.source)
    assert text is None or r.text in text


def test_ladder_2021_jinzhou_seed_dalian_and_china_corpus(ladder):
    j = _cell(ladder, 2021, "jinzhou")
    assert (j.value, j.qualifier, j.source, j.origin, j.text) == (
        6.5, "at_least", "jinzhou-2021-zh line 70", "seed", "地区生产总值增长6.5%以上")
    d = _cell(ladder, 2021, "dalian")   # 大连市/2021.md line 68: 全市地区生产总值增长6.5％左右
    assert (d.value, d.qualifier, d.origin, d.source) == (6.5, "about", "corpus", "corpus:政府工作报告-主要城市/大连市/2021.md line 68")
    c = _cell(ladder, 2021, "china")    # 国务院/2021.md line 78: 国内生产总值增长6%以上
    assert (c.value, c.qualifier, c.origin) == (6.0, "at_least", "corpus")
    # 2020: the national report set no target — the reference row with qualifier 'none' stays
    n = _cell(ladder, 2020, "china")
    assert n.qualifier == "none" and math.isnan(n.value) and n.origin == "reference"
    # 2020: Dalian's target is relative, 地区生产总值增长与全国同步 — a row with no value
    r = _cell(ladder, 2020, "dalian")
    assert r.qualifier == "qualitative" and math.isnan(r.value) and "与全国同步" in r.text


def test_ladder_year_filter(ladder):
    assert set(dr.target_ladder(2013).jurisdiction) == {"china", "liaoning", "dalian"}
    both = dr.target_ladder([2012, 2016])
    assert set(both.year) == {2012, 2016}
    assert len(both) == len(ladder[ladder.year.isin([2012, 2016])])


# ------------------------------------------------------------------------------ target vs outcome

def test_vs_columns(vs):
    assert list(vs.columns) == VS_COLUMNS


@pytest.mark.parametrize("year, target, t_qual, t_src, est, e_src, gap, hit, nat, nat_gap", [
    # 2012: 增长13% vs 2013 report 增长11%: 2 pp short; national 7.5
    (2012, 13.0, "exact", "dalian-2012-zh line 104", 11.0, "dalian-2013-zh line 421", -2.0, "miss", 7.5, 5.5),
    # 2013: 增长11%左右 vs 2014 report 增长11%: on target; national 7.5%左右
    (2013, 11.0, "about", "dalian-2013-zh line 440", 11.0, "dalian-2014-zh line 7", 0.0, "hit", 7.5, 3.5),
])
def test_vs_seed_years(vs, year, target, t_qual, t_src, est, e_src, gap, hit, nat, nat_gap):
    r = vs.loc[year]
    assert (r.target_value, r.target_qualifier, r.target_source, r.target_origin) == (target, t_qual, t_src, "seed")
    assert (r.estimate_value, r.estimate_source, r.estimate_origin) == (est, e_src, "seed")
    assert r.gap_estimate_pp == pytest.approx(gap) and r.hit_estimate == hit
    assert (r.national_target_value, r.national_gap_pp) == (nat, pytest.approx(nat_gap))
    assert r.target_text in _raw_line(t_src) and r.estimate_text in _raw_line(e_src)
    assert "增长11%" in r.estimate_text


def test_vs_2014_estimate_from_the_2015_report(vs):
    # target 000 line 49 增长10%; estimate: the 2015 report in the corpus (大连市/2015.md line 18:
    # 地区生产总值8000亿元以上，增长6%左右) → 4 pp short
    r = vs.loc[2014]
    assert (r.target_value, r.target_source) == (10.0, "dalian-2014-zh line 49")
    assert (r.estimate_value, r.estimate_qualifier, r.estimate_origin) == (6.0, "about", "corpus")
    assert r.estimate_source == "corpus:政府工作报告-主要城市/大连市/2015.md line 18"
    assert r.gap_estimate_pp == pytest.approx(-4.0) and r.hit_estimate == "miss"
    # the preferred reference outcome for 2014 is a work-report estimate, so there is no official figure
    assert math.isnan(r.official_value) and r.hit_official == "n/a"
    assert r.national_gap_pp == pytest.approx(2.5)   # 10 − 7.5


def test_vs_2016_range_against_official(vs):
    # target 000 line 339 6.5%-7%; official 6.5 (dalian_official_gdp.csv row 11, stats-bureau release)
    r = vs.loc[2016]
    assert (r.target_value, r.target_high, r.target_qualifier) == (6.5, 7.0, "range")
    # estimate: the 2017 report (大连市/2017.md line 38: 地区生产总值8150亿元、增长6.5%); the 增长7% of line 20 is
    # the Jinpu New Area's (二是抓金普新区…经济总量达到2296亿元、增长7%) and is not read as the city's
    assert (r.estimate_value, r.estimate_source) == (6.5, "corpus:政府工作报告-主要城市/大连市/2017.md line 38")
    assert (r.official_value, r.official_kind) == (6.5, "official")
    assert r.official_source.startswith("reference/dalian_official_gdp.csv row 11 http")
    assert r.gap_official_pp == pytest.approx(0.0) and r.hit_official == "hit"   # 6.5 ≤ 6.5 ≤ 7
    assert (r.national_target_value, r.national_target_high, r.national_gap_pp) == (6.5, 7.0, pytest.approx(0.0))


def test_vs_2023_and_2024(vs):
    # 2023 target: the 2023 report (大连市/2023.md line 52: 地区生产总值增长6%以上); estimate: 001 line 14
    # 增长6%以上; official: dalian_official_gdp.csv row 20, 6.0 (bulletin)
    r = vs.loc[2023]
    assert (r.target_value, r.target_qualifier, r.target_origin) == (6.0, "at_least", "corpus")
    assert (r.estimate_value, r.estimate_qualifier, r.estimate_source) == (6.0, "at_least", "dalian-2024-zh line 14")
    assert r.official_value == 6.0 and r.official_source.startswith("reference/dalian_official_gdp.csv row 20 ")
    assert (r.hit_estimate, r.hit_official) == ("hit", "hit")
    assert r.national_gap_pp == pytest.approx(1.0)   # 6 − 5
    # 2024 target: 001 line 44 增长6%左右; official 5.2 (dalian_official_gdp.csv row 22): 0.8 pp short, and
    # 5.2 < 6 − ABOUT_TOLERANCE_PP (5.5) → miss
    r = vs.loc[2024]
    assert (r.target_value, r.target_qualifier, r.target_source) == (6.0, "about", "dalian-2024-zh line 44")
    assert r.official_value == 5.2 and r.official_source.startswith("reference/dalian_official_gdp.csv row 22 ")
    assert r.gap_official_pp == pytest.approx(-0.8)
    assert ABOUT_TOLERANCE_PP == 0.5 and r.hit_official == "miss"
    assert "ABOUT_TOLERANCE_PP" in r.hit_rule
    assert r.national_gap_pp == pytest.approx(1.0)   # 6 − 5


def test_vs_2022_estimate_and_official_disagree(vs):
    # target dalian_gwr_facts.csv row 10 8%左右; estimate row 13 4.5%左右 (2023 GWR); official 4.0 (official_gdp row 19)
    r = vs.loc[2022]
    assert (r.target_value, r.estimate_value, r.official_value) == (8.0, 4.5, 4.0)
    assert (r.gap_estimate_pp, r.gap_official_pp) == (pytest.approx(-3.5), pytest.approx(-4.0))
    assert (r.hit_estimate, r.hit_official) == ("miss", "miss")


def test_vs_years_and_sources(vs):
    # every year with a Dalian report: the seeds for 2012, 2013, 2014, 2016, 2024, the corpus for the others
    seed_years = set(vs[vs.target_origin == "seed"].year)
    assert seed_years == {2012, 2013, 2014, 2016, 2024}
    assert set(vs.year) == {2001, *range(2004, 2027)}
    assert set(vs[vs.target_origin == "corpus"].year) == {2001, *range(2004, 2027)} - seed_years
    # every number has a source
    for value, source in [("target_value", "target_source"), ("estimate_value", "estimate_source"),
                          ("official_value", "official_source"), ("national_target_value", "national_target_source")]:
        has = vs[value].notna()
        assert vs.loc[has, source].notna().all(), source
        assert vs.loc[has, source].str.match(
            r"^(dalian-\d{4}-zh line \d+|corpus:\S+\.md line \d+|reference/\S+\.csv row \d+ .+)$").all()


def test_vs_agrees_with_the_ladder(vs, ladder):
    dal = ladder[ladder.jurisdiction == "dalian"].set_index("year")
    assert set(dal.index) == set(vs.year)
    for r in vs.itertuples():
        d = dal.loc[r.year]
        assert (r.target_value, r.target_qualifier, r.target_source) == (d.value, d.qualifier, d.source) or (
            math.isnan(r.target_value) and math.isnan(d.value))


def test_vs_other_indicator_budget_revenue():
    # 000 line 104: 地方财政一般预算收入增长15%; line 421: 公共财政收入750.1亿元，增长15.2%
    # 000 line 440: 公共财政收入增长15%; line 7: 公共财政收入850.01亿元，增长13.3%
    t = target_vs_outcome("budget_revenue").set_index("year")
    cols = ["target_value", "estimate_value", "hit_estimate"]
    assert t.loc[2012, cols].tolist() == [15.0, 15.2, "hit"]
    assert t.loc[2013, cols].tolist() == [15.0, 13.3, "miss"]
    assert t.loc[2013, "gap_estimate_pp"] == pytest.approx(-1.7)
    assert t.national_target_value.isna().all()


def test_vs_ceiling_indicator_unemployment():
    # 000 line 440: 城镇登记失业率控制在3%以下; line 7: 城镇登记失业率控制在2.61% → a ceiling held
    t = target_vs_outcome("unemployment", "rate").set_index("year")
    assert (t.loc[2013, "target_qualifier"], t.loc[2013, "estimate_value"], t.loc[2013, "hit_estimate"]) == (
        "at_most", 2.61, "hit")


def test_doctests():
    assert doctest.testmod(targets_module, optionflags=doctest.NORMALIZE_WHITESPACE).failed == 0
