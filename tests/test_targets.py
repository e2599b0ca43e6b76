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
    assert set(ladder.origin) <= {"seed", "reference"}


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


def test_ladder_no_dalian_target_in_2015(ladder):
    # no 2015 report in the corpus and no Dalian 2015 target in the reference data
    assert _cell(ladder, 2015, "dalian") is None


@pytest.mark.parametrize("year, value, high, qualifier, row", [
    (2012, 7.5, None, "exact", 8),
    (2013, 7.5, None, "about", 9),
    (2014, 7.5, None, "about", 10),
    (2015, 7.0, None, "about", 11),
    (2016, 6.5, 7.0, "range", 12),
    (2024, 5.0, None, "about", 20),
])
def test_ladder_national_from_reference(ladder, year, value, high, qualifier, row):
    r = _cell(ladder, year, "china")
    assert (r.value, r.qualifier, r.origin) == (value, qualifier, "reference")
    assert (math.isnan(r.value_high) if high is None else r.value_high == high)
    assert r.source == f"reference/national_gdp_targets.csv row {row} (no url: see note)"


def test_ladder_2021_jinzhou_seed_and_dalian_reference(ladder):
    j = _cell(ladder, 2021, "jinzhou")
    assert (j.value, j.qualifier, j.source, j.origin, j.text) == (
        6.5, "at_least", "jinzhou-2021-zh line 70", "seed", "地区生产总值增长6.5%以上")
    d = _cell(ladder, 2021, "dalian")   # dalian_gwr_facts.csv row 9: 全市地区生产总值增长6.5%左右
    assert (d.value, d.qualifier, d.origin) == (6.5, "about", "reference")
    assert d.source.startswith("reference/dalian_gwr_facts.csv row 9 https://")
    c = _cell(ladder, 2021, "china")    # national row 17: 6%以上
    assert (c.value, c.qualifier) == (6.0, "at_least")
    # 2020: the national report set no target — kept as a row with qualifier 'none'
    n = _cell(ladder, 2020, "china")
    assert n.qualifier == "none" and math.isnan(n.value)


def test_ladder_year_filter(ladder):
    assert set(dr.target_ladder(2013).jurisdiction) == {"china", "dalian"}
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


def test_vs_2014_estimate_from_reference(vs):
    # target 000 line 49 增长10%; no 2015 report in the seeds: the city GWR estimate quoted on dljp.gov.cn
    # (dalian_gwr_facts.csv row 5: prev_year_gdp_growth_text 增长6%左右, 6) → 4 pp short
    r = vs.loc[2014]
    assert (r.target_value, r.target_source) == (10.0, "dalian-2014-zh line 49")
    assert (r.estimate_value, r.estimate_qualifier, r.estimate_origin) == (6.0, "about", "reference")
    assert r.estimate_source.startswith("reference/dalian_gwr_facts.csv row 5 https://www.dljp.gov.cn/")
    assert r.gap_estimate_pp == pytest.approx(-4.0) and r.hit_estimate == "miss"
    # the preferred reference outcome for 2014 is that same estimate, so there is no official figure
    assert math.isnan(r.official_value) and r.hit_official == "n/a"
    assert r.national_gap_pp == pytest.approx(2.5)   # 10 − 7.5


def test_vs_2016_range_against_official(vs):
    # target 000 line 339 6.5%-7%; official 6.5 (dalian_official_gdp.csv row 11, stats-bureau release)
    r = vs.loc[2016]
    assert (r.target_value, r.target_high, r.target_qualifier) == (6.5, 7.0, "range")
    assert math.isnan(r.estimate_value)               # the 2017 report is not in the corpus
    assert (r.official_value, r.official_kind) == (6.5, "official")
    assert r.official_source.startswith("reference/dalian_official_gdp.csv row 11 http")
    assert r.gap_official_pp == pytest.approx(0.0) and r.hit_official == "hit"   # 6.5 ≤ 6.5 ≤ 7
    assert (r.national_target_value, r.national_target_high, r.national_gap_pp) == (6.5, 7.0, pytest.approx(0.0))


def test_vs_2023_and_2024(vs):
    # 2023 target: reference (dalian_gwr_facts.csv row 12, 6%以上); estimate: 001 line 14 增长6%以上;
    # official: dalian_official_gdp.csv row 20, 6.0 (bulletin)
    r = vs.loc[2023]
    assert (r.target_value, r.target_qualifier, r.target_origin) == (6.0, "at_least", "reference")
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
    # every year with a Dalian target: seeds 2012, 2013, 2014, 2016, 2024; reference for the others
    seed_years = set(vs[vs.target_origin == "seed"].year)
    assert seed_years == {2012, 2013, 2014, 2016, 2024}
    # the seeds' outcome years without a target (2011, 2015) are not rows
    assert not {2011, 2015} & set(vs.year)
    # every number has a source
    for value, source in [("target_value", "target_source"), ("estimate_value", "estimate_source"),
                          ("official_value", "official_source"), ("national_target_value", "national_target_source")]:
        has = vs[value].notna()
        assert vs.loc[has, source].notna().all(), source
        assert vs.loc[has, source].str.match(r"^(dalian-\d{4}-zh line \d+|reference/\S+\.csv row \d+ .+)$").all()


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
