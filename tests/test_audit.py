"""Cross-document arithmetic on the whole record (dalian_reports.pipeline.tables.audit).

Synthetic panels test each rule on numbers worked out by hand; the real findings are checked against the
corpus texts (their quotes read from the lines they cite).
"""
from __future__ import annotations

import math

import pandas as pd
import pytest

from dalian_reports.pipeline.tables import audit

BASE = dict(jurisdiction="dalian", status="stated", unit="亿元", qualifier="exact", stretch_value=math.nan)


def _panel(rows):
    frame = pd.DataFrame([dict(BASE, **r) for r in rows])
    for column in ("period_start", "wording"):
        if column not in frame:
            frame[column] = None
    return frame


def _row(report_year, year, indicator, measure, value, line, quote, kind="outcome", **extra):
    return dict(report_year=report_year, year=year, indicator=indicator, measure=measure, value=value, line=line,
                quote=quote, kind=kind, source_file=f"x/{report_year}.md", **extra)


def test_a_level_that_falls_while_growth_is_positive_is_a_revision():
    panel = _panel([
        _row(2011, 2010, "fai", "level", 5008.0, 16, "固定资产投资5008亿元"),
        _row(2012, 2011, "fai", "level", 4563.0, 16, "固定资产投资4563亿元"),
        _row(2012, 2011, "fai", "growth", 30.0, 16, "增长30%", unit="%"),
    ])
    (finding,) = audit.revised_levels(panel)
    assert (finding["check"], finding["a_value"], finding["b_value"], finding["period"]) == (
        "revised_level", 5008.0, 4563.0, "2010→2011")
    assert finding["a_source"] == "corpus:x/2011.md line 16" and finding["b_quote"] == "固定资产投资4563亿元"
    # a level that rises with positive growth is no finding
    panel.loc[1, "value"] = 6000.0
    assert audit.revised_levels(panel) == []


def test_an_average_that_does_not_compound_from_the_annual_rates_is_flagged():
    years = [(2011, 14.0), (2012, 11.0), (2013, 11.0), (2014, 6.0), (2015, 4.2)]
    rows = [_row(y + 1, y, "gdp", "growth", g, 16, f"增长{g:g}%", unit="%") for y, g in years]
    rows.append(_row(2016, 2015, "gdp", "avg_growth", 8.5, 16, "年均增长8.5%", kind="plan_outcome", unit="%",
                     period_start=2011))
    (finding,) = audit.averages_vs_annual(_panel(rows))
    # (1.14 × 1.11 × 1.11 × 1.06 × 1.042)^(1/5) − 1 = 9.18 %
    assert finding["b_value"] == pytest.approx(9.18, abs=0.01) and finding["a_value"] == 8.5
    rows[-1]["value"] = 9.1   # within 0.3 pp: no finding
    assert audit.averages_vs_annual(_panel(rows)) == []


def test_a_definition_switch_is_found_from_the_wordings():
    panel = _panel([
        _row(2014, 2013, "rural_income", "level", 17717.0, 16, "农村居民人均纯收入17717元", wording="农村居民人均纯收入"),
        _row(2015, 2014, "rural_income", "growth", 10.5, 18, "农村居民人均可支配收入增长10.5%",
             wording="农村居民人均可支配收入"),
    ])
    findings = [f for f in audit.definition_switches(panel) if f["indicator"] == "rural_income"]
    assert [f["period"] for f in findings] == ["2014→2015"]
    assert "纯收入" in findings[0]["a_quote"] and "可支配收入" in findings[0]["b_quote"]


def test_real_findings_quote_their_lines(corpus_dir):
    import dalian_reports as dr

    found = dr.inconsistencies()
    audit_rows = found[found.check.isin(["revised_level", "average_vs_annual", "definition_switch"])]
    assert set(audit_rows.check) == {"revised_level", "average_vs_annual", "definition_switch"}
    for r in audit_rows.itertuples():
        for source, quote in ((r.a_source, r.a_quote), (r.b_source, r.b_quote)):
            if not source.startswith("corpus:"):
                continue
            file, _, line = source.removeprefix("corpus:").rpartition(" line ")
            text = (corpus_dir / file).read_text(encoding="utf-8").split("\n")[int(line) - 1]
            assert quote in text, (source, quote)
    # 大连市/2012.md line 16: 固定资产投资4563亿元, 增长30% after 大连市/2011.md line 16: 全社会固定资产投资5008亿元
    fai = audit_rows[(audit_rows.check == "revised_level") & (audit_rows.indicator == "fai")].iloc[0]
    assert (fai.a_value, fai.b_value, fai.period) == (5008.0, 4563.0, "2010→2011")
