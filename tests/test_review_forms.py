"""Review forms first met in the held-out reports (after they were scored once and promoted to development).

Each text is built from real sentences of the corpus (cited); expected values are read from those sentences.
"""
import pytest

from dalian_reports.extract.headline import extract_headline, unparsed


def _rows(text, year, jurisdiction="liaoning"):
    df = extract_headline(text, "zh", year, jurisdiction=jurisdiction)
    return {(r.kind, r.indicator, r.measure, r.value) for r in df.itertuples()}


FIVE_YEAR_REVIEW = (
    "一、过去五年工作回顾\n"
    # 政府工作报告-省自治区/辽宁省/2008.md line 16 (abridged)
    "过去的五年，辽宁经济又好又快发展，综合实力跃上新台阶。2007年，我省实现地区生产总值11022亿元，比2002年翻一番；"
    "地方财政一般预算收入1082亿元，是2002年的2.7倍。\n"
    # 政府工作报告-省自治区/辽宁省/2008.md line 30 (abridged)
    "现代服务业加快发展。2007年，全省社会消费品零售总额达到4030亿元，比2002年增长78%；实现旅游总收入1300亿元，同比增长34%。\n"
    "二、2008年工作安排\n"
)


def test_a_sentence_led_by_the_last_year_inside_a_five_year_review_is_that_years_outcome():
    rows = _rows(FIVE_YEAR_REVIEW, 2008)
    assert ("outcome", "gdp", "level", 11022.0) in rows
    assert ("outcome", "budget_revenue", "level", 1082.0) in rows
    assert ("outcome", "tourism_revenue", "growth", 34.0) in rows


def test_growth_since_an_earlier_base_year_stays_a_five_year_figure():
    rows = _rows(FIVE_YEAR_REVIEW, 2008)
    assert ("outcome", "retail", "growth", 78.0) not in rows        # 比2002年增长78%
    assert ("plan_outcome", "retail", "growth", 78.0) in rows
    assert not any(kind == "outcome" and measure == "multiple" for kind, _i, measure, _v in rows)   # 翻一番, 2.7倍


def test_a_year_on_year_growth_inside_a_five_year_review_is_the_last_years():
    # 政府工作报告-主要城市/广州市/2012.md line 22 (abridged)
    text = ("一、过去五年工作回顾\n五年来，经济发展实现新跨越。\n"
            "经济实力大幅提升。2011年，预计实现地区生产总值12380亿元，同比增长11％，是2006年的1.8倍。"
            "社会消费品零售总额5220亿元，同比增长16.5％，是2006年的2.4倍。\n二、2012年工作安排\n")
    rows = _rows(text, 2012, "guangzhou")
    assert ("outcome", "retail", "growth", 16.5) in rows
    assert ("outcome", "gdp", "growth", 11.0) in rows
    assert ("plan_outcome", "retail", "multiple", 2.4) in rows


def test_headline_results_opening_the_detailed_account_when_the_summary_names_no_output():
    # 政府工作报告-主要城市/大连市/2018.md lines 28, 36-38 (abridged)
    text = ("一、2017年工作回顾\n过去的一年，我们坚持稳中求进工作总基调。\n"
            "六是蓝天保卫战首战告捷。全年PM2.5、PM10同比分别下降13％和12％，实现了300个蓝天的奋斗目标。\n"
            "一年来，我们主要做了以下工作。\n"
            "（一）坚持把稳增长作为首要任务，稳中向好的态势日益巩固\n"
            "主要指标增势良好。实现地区生产总值7363.9亿元，增长7.1％；一般公共预算收入657.7亿元，增长7.5％。\n"
            "投资结构日益优化。工业、高技术产业投资分别增长58.6％、94.1％，民间投资增长22.4％。\n")
    df = extract_headline(text, "zh", 2018, jurisdiction="dalian")
    got = {(r.indicator, r.value) for r in df[df.kind == "outcome"].itertuples()}
    assert {("gdp", 7363.9), ("gdp", 7.1), ("budget_revenue", 657.7), ("budget_revenue", 7.5)} <= got
    assert not any(v in (58.6, 94.1, 22.4) for _i, v in got)   # the next paragraph is the detailed account


@pytest.mark.parametrize("text, expected", [
    ("全市地区生产总值14817亿元、可比价增长4.6%。", ("gdp", "growth", 4.6)),           # 南京市/2021.md line 16
    ("货物出口3313.8亿元，增长6.7%。", ("exports", "growth", 6.7)),                      # 杭州市/2017.md line 22
    ("城乡居民本外币储蓄存款余额1310亿元，比年初增长14.4%。", ("savings_deposits", "level", 1310.0)),   # 大连市/2004.md line 16
])
def test_wordings_met_in_the_promoted_reports(text, expected):
    df = extract_headline("一、2020年工作回顾\n预计，" + text + "\n", "zh", 2021, jurisdiction="nanjing")
    assert expected in {(r.indicator, r.measure, r.value) for r in df.itertuples()}


def test_a_ratio_of_shares_from_n_years_ago_is_the_starting_point_not_last_years():
    # 政府工作报告-主要城市/大连市/2018.md lines 18 and 28 (abridged)
    text = ("一、2017年工作回顾\n一是经济转型发展成效显著。三次产业比重由五年前的6.4∶52∶41.6优化为6.4∶41.5∶52.1。\n"
            "六是蓝天保卫战首战告捷。全年PM2.5、PM10同比分别下降13％和12％。\n"
            "一年来，我们主要做了以下工作。\n")
    df = extract_headline(text, "zh", 2018, jurisdiction="dalian")
    outcome = {(r.indicator, r.value) for r in df[df.kind == "outcome"].itertuples()}
    assert ("service_share", 52.1) in outcome and ("secondary_share", 41.5) in outcome
    assert ("secondary_share", 52.0) not in outcome and ("service_share", 41.6) not in outcome


@pytest.mark.parametrize("sentence, value, qualifier", [
    # 政府工作报告-主要城市/哈尔滨市/2011.md line 99 (abridged)
    ("注重实现经济发展速度和结构质量效益相统一。预期地区生产总值增长12%以上。地方财政一般预算收入增长15%。", 12.0, "at_least"),
    # 政府工作报告-主要城市/宁波市/2020.md line 68 (abridged)
    ("在常态化疫情防控中抓实经济社会发展各项工作，建议奋力实现地区生产总值增长6.5%左右，一般公共预算收入增长3%。", 6.5, "about"),
    # 政府工作报告-主要城市/青岛市/2003.md line 70 (abridged)
    ("加快构建可持续发展的经济体系。今年国内生产总值增长13%，地方财政收入增长12.5%。", 13.0, "exact"),
    # 政府工作报告-主要城市/青岛市/2020.md line 106 (abridged)
    ("综合分析各种有利和不利因素，市委市政府把全市生产总值增长目标确定为6.5%左右。", 6.5, "about"),
])
def test_a_goal_sentence_is_the_target_when_the_report_has_no_target_paragraph(sentence, value, qualifier):
    text = "一、2019年工作回顾\n预计，地区生产总值增长6%。\n二、今年工作安排\n" + sentence + "\n"
    df = extract_headline(text, "zh", 2020, jurisdiction="qingdao")
    gdp = df[(df.kind == "target") & (df.indicator == "gdp")]
    assert gdp[["value", "qualifier"]].values.tolist() == [[value, qualifier]]


def test_goal_sentences_are_not_read_when_the_report_has_a_target_paragraph():
    text = ("一、2019年工作回顾\n预计，地区生产总值增长6%。\n二、今年工作安排\n主要预期目标是：地区生产总值增长6%左右。\n"
            "三、重点工作\n力争实现地区生产总值增长7%，打造新高地。\n")
    df = extract_headline(text, "zh", 2020, jurisdiction="qingdao")
    assert df[(df.kind == "target") & (df.indicator == "gdp")].value.tolist() == [6.0]


def test_a_target_lead_after_a_heading_run_into_the_review_is_not_a_wrapped_line_of_the_review():
    # 政府工作报告-主要城市/沈阳市/2003.md lines 116-118 (abridged): the heading 三、… ends the review's last line
    text = ("一、过去五年的工作回顾\n五年来，全市国内生产总值年均增长9.8％。\n"
            "我们应该为自己的城市感到自豪，更应该为自己城市的发展贡献出一切力量！三、2003年的主要工作安排\n"
            "2003年全市经济和社会发展的主要指标预期为：国内生产总值增长11％；财政收入增长13％。\n")
    df = extract_headline(text, "zh", 2003, jurisdiction="shenyang")
    targets = df[df.kind == "target"]
    assert targets[["indicator", "value"]].values.tolist() == [["gdp", 11.0], ["fiscal_revenue_total", 13.0]]
    assert (targets.period_end == 2003).all()


def test_in_a_five_year_review_a_level_with_a_year_on_year_growth_is_the_last_years():
    # 政府工作报告-主要城市/广州市/2012.md lines 22 and 28 (abridged)
    text = ("一、过去五年工作回顾\n五年来，经济发展实现新跨越。\n"
            "经济实力大幅提升。社会消费品零售总额5220亿元，同比增长16.5％，是2006年的2.4倍。"
            "实际利用外资42.6亿美元，同比增长7％。\n二、2012年工作安排\n")
    outcome = {(r.indicator, r.measure, r.value) for r in
               extract_headline(text, "zh", 2012, jurisdiction="guangzhou").query("kind == 'outcome'").itertuples()}
    assert {("retail", "level", 5220.0), ("retail", "growth", 16.5), ("fdi", "level", 42.6)} <= outcome


def test_a_list_whose_last_two_wordings_are_joined_by_he_pairs_with_its_values():
    # 政府工作报告-主要城市/广州市/2012.md line 88 (abridged)
    text = "主要预期目标是：二氧化硫、氮氧化物、化学需氧量和氨氮排放量分别下降2％、5％、3％和3％以上。\n"
    df = extract_headline(text, "zh", 2012, jurisdiction="guangzhou")
    assert df[["indicator", "value"]].values.tolist() == [["so2", 2.0], ["nox", 5.0], ["cod", 3.0],
                                                          ["ammonia_nitrogen", 3.0]]


def test_figures_of_development_zones_are_not_the_citys():
    # 政府工作报告-主要城市/哈尔滨市/2009.md line 25 (abridged)
    text = "一、2008年工作回顾\n预计，全市地区生产总值增长13%，哈开发区实现工业总产值1150亿元，增长20.9%。\n"
    df = extract_headline(text, "zh", 2009, jurisdiction="harbin")
    assert df[["indicator", "value"]].values.tolist() == [["gdp", 13.0]]
    reasons = set(unparsed(text, "zh", 2009, jurisdiction="harbin").reason)
    assert any(r.startswith("figure of a sub-area (哈开发区)") for r in reasons), reasons
