"""Inconsistencies found by the library; expected pairs read from the raw text."""
import math

import pytest

import dalian_reports as dr


@pytest.fixture(scope="module")
def found():
    return dr.inconsistencies()


def _one(found, **where):
    rows = found
    for column, value in where.items():
        rows = rows[rows[column] == value]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_fai_2011_stated_on_two_bases(found):
    # 2012 report, line 60: 固定资产投资4563亿元（按老口径统计为6500亿元）
    row = _one(found, check="stated_two_ways", indicator="fai", period="2011")
    assert {row.a_value, row.b_value} == {4563.0, 6500.0}
    assert row.a_source == row.b_source == "dalian-2012-zh line 60"
    assert "按老口径" in row.note


def test_fai_2012_new_and_traditional_definition(found):
    # 2013 report: line 391 按新口径统计完成5690亿元; line 421 按传统口径计算超过8000亿元
    row = _one(found, check="stated_two_ways", indicator="fai", period="2012")
    assert {row.a_value, row.b_value} == {5690.0, 8000.0}
    assert {row.a_source, row.b_source} == {"dalian-2013-zh line 391", "dalian-2013-zh line 421"}


def test_real_growth_cannot_give_the_nominal_multiple(found):
    # 2013 report, line 391: 年均增长14.2%；2012年达到7000亿元，是2007年总量的2.2倍
    row = _one(found, check="growth_vs_multiple", indicator="gdp")
    assert math.isclose(row.a_value, 1.142 ** 5, rel_tol=1e-4) and row.b_value == 2.2
    # the other indicators of the same paragraph are consistent: 1.229^5 = 2.80 (revenue ×2.8), 1.248^5 = 3.03 (FAI ×3)
    assert set(found[found.check == "growth_vs_multiple"].indicator) == {"gdp"}


def test_budget_revenue_renamed_twice(found):
    changes = found[(found.check == "wording_changes") & (found.indicator == "budget_revenue")]
    assert [n.split("'")[1] for n in changes.note] == ["地方财政一般预算收入", "公共财政收入"]
    assert [n.split("'")[3] for n in changes.note] == ["公共财政收入", "一般公共预算收入"]


def test_plan_table_against_its_own_prose(found):
    # table line 182: 地区生产总值增长 >6 ; prose line 159: 年均增长 6% 以上
    gdp = _one(found, check="table_vs_prose", indicator="gdp")
    assert (gdp.a_source, gdp.b_source) == ("dalian-fyp14-zh line 182", "dalian-fyp14-zh line 159")
    assert "greater_than" in gdp.note and "at_least" in gdp.note
    # table line 189: 城镇登记失业率 <4.5 ; prose line 175: 登记失业率保持在 4.5% 以内
    unemployment = _one(found, check="table_vs_prose", indicator="unemployment")
    assert (unemployment.a_source, unemployment.b_source) == ("dalian-fyp14-zh line 189", "dalian-fyp14-zh line 175")


def test_every_quote_is_on_its_raw_line(found):
    """Seed sources are checked against data/raw; corpus sources ('corpus:<file> line <n>') against the corpus when
    it is beside the checkout; an average_vs_annual finding's annual side cites each report inside its quote."""
    from dalian_reports.pipeline.tables.panel import corpus_root

    reports = dr.reports().set_index("report_id")
    root = corpus_root()
    for row in found.itertuples():
        for source, quote in ((row.a_source, row.a_quote), (row.b_source, row.b_quote)):
            if source == "the reports of each year":
                continue
            report_id, _, line = source.rpartition(" line ")
            if report_id.startswith("corpus:"):
                if root is not None:
                    text = (root / report_id.removeprefix("corpus:")).read_text(encoding="utf-8").split("\n")
                    assert quote in text[int(line) - 1], (source, quote)
                continue
            raw = dr.read_source(reports.loc[report_id, "source_id"])
            assert quote in raw.line(int(line)), (source, quote)
