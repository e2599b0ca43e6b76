"""Whole-report accounting: every number of a report is read, unparsed with a reason, or outside the headline
paragraphs — on the seeds and on every work report of the corpus."""
from __future__ import annotations

import pytest

from dalian_reports.extract.coverage import STATUSES, account_report, coverage, indicator_before
from dalian_reports.extract.headline import extract_headline
from dalian_reports.extract.numbers import number_tokens
from dalian_reports.sources.cleaning import report_text
from dalian_reports.sources.reports import report_list

SEED_REPORTS = [r for r in report_list() if r.doc_type == "government_work_report" and r.duplicate_of is None]


@pytest.mark.parametrize("report", SEED_REPORTS, ids=lambda r: r.report_id)
def test_every_number_of_a_seed_report_is_accounted_for(report):
    text = report_text(report.report_id).text
    table = account_report(text, report.lang, report.report_year, jurisdiction=report.issuer)
    tokens = number_tokens(text, report.lang)
    assert [(t.start, t.end) for t in tokens] == list(zip(table["start"], table["end"]))
    assert set(table["status"]) <= set(STATUSES)
    assert (table.loc[table["status"] != "read", "reason"] != "").all()
    rows = extract_headline(text, report.lang, report.report_year, jurisdiction=report.issuer)
    read = table[table["status"] == "read"]
    for row in rows.itertuples():   # the number a row ends with is read
        last = [t for t in tokens if row.start <= t.start and t.end <= row.end and t.kind == "figure"]
        if last:
            assert (read["start"] == last[-1].start).any(), row.quote


def test_the_2013_review_figures_before_the_estimate_are_rows():
    # 000 line 421: 一是“稳增长”夺取新胜利。…外贸出口逆势增长12%。…社会消费品零售总额增长16%，实际使用外资增长12%。
    #               预计实现地区生产总值7000亿元…; line 422: …城乡居民收入分别增长13.2%、14%。
    text = report_text("dalian-2013-zh").text
    rows = extract_headline(text, "zh", 2013, jurisdiction="dalian")
    outcomes = rows[rows["kind"] == "outcome"]
    got = {(r.indicator, r.measure, r.value) for r in outcomes.itertuples()}
    assert {("exports", "growth", 12.0), ("retail", "growth", 16.0), ("fdi", "growth", 12.0),
            ("urban_income", "growth", 13.2), ("rural_income", "growth", 14.0),
            ("industry_va", "growth", 11.0)} <= got


def test_a_figure_outside_the_headline_paragraphs_names_the_indicator_before_it():
    text = "一、2023年工作回顾\n预计，地区生产总值增长6%。\n二、2024年工作任务\n全年城镇新增就业12万人，新建学校3所。"
    table = account_report(text, report_year=2024).set_index("number")
    assert table.loc["6", "status"] == "read"
    assert table.loc["12", "status"] == "outside" and table.loc["12", "indicator"] == "new_urban_jobs"
    assert table.loc["3", "status"] == "outside" and table.loc["3", "indicator"] is None
    assert coverage(account_report(text, report_year=2024)) == {
        "read": 1, "unparsed": 0, "outside_with_indicator": 1, "outside_other": 1}


def test_indicator_before_stops_at_the_clause_end():
    assert indicator_before("地区生产总值增长6%。新建学校3所", 14) is None


@pytest.mark.slow
def test_every_work_report_of_the_corpus_parses_with_exact_quotes(corpus_dir):
    # The corpus is parsed once per test session (the panel's memo): the build tests reuse the same parses.
    from dalian_reports.pipeline.tables.panel import corpus_parses

    problems, n = [], 0
    for doc, table, rows in corpus_parses(str(corpus_dir)):
        n += 1
        text = doc.clean.text
        bad = [r.quote for r in rows.itertuples() if text[r.start:r.end] != r.quote]
        if bad:
            problems.append(f"{doc.rel_path}: quotes not in the text: {bad[:3]}")
        if len(table) != len(number_tokens(text, doc.lang)):
            problems.append(f"{doc.rel_path}: numbers not accounted for")
        raw_lines = doc.raw.text.split("\n")
        for r in rows.itertuples():
            line, quote = doc.clean.quote(int(r.start), int(r.end))
            if quote not in raw_lines[line - 1]:
                problems.append(f"{doc.rel_path}: line {line}: {quote!r} is not on its raw line")
    assert n > 300
    assert not problems, "\n".join(problems[:20])


def test_the_corpus_parsed_in_a_pool_equals_the_corpus_parsed_in_one_process(corpus_dir, monkeypatch):
    """corpus_parses parses each report in a pool of forked processes: the same documents, tables and rows, in
    the same order, as one process gives (here on a spread of 12 reports, 2 workers against 1)."""
    import pandas as pd

    from dalian_reports.pipeline.tables import panel

    docs = panel.corpus_reports(str(corpus_dir))
    sample = docs[::max(1, len(docs) // 12)][:12]
    monkeypatch.setattr(panel, "corpus_reports", lambda root: sample)
    serial = panel.corpus_parses.__wrapped__(str(corpus_dir), 1)
    pooled = panel.corpus_parses.__wrapped__(str(corpus_dir), 2)
    assert [d.rel_path for d, _, _ in pooled] == [d.rel_path for d in sample] == [d.rel_path for d, _, _ in serial]
    for (_, table_a, rows_a), (_, table_b, rows_b) in zip(serial, pooled):
        pd.testing.assert_frame_equal(table_a, table_b)
        pd.testing.assert_frame_equal(rows_a, rows_b)
    assert sum(len(rows) for _, _, rows in pooled) > 50
