"""Documents are data: a new report is a file and a manifest row, never a code change.

Two ways in: a user's own folder of reports with a manifest.csv (read like the corpus into the panel), and a new
seed document added to a copy of data/ (read by the pipeline into the headline table). The reports below are
made up for the test (their numbers are invented and say so); the expected rows are read from their text.
"""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from dalian_reports.sources.notes import notes

REPO = Path(__file__).resolve().parents[1]

# A short report in the usual form (numbers invented for the test).
NEW_REPORT = """\
沈阳市政府工作报告（测试用，数字为虚构）
——2031年1月10日在沈阳市第十九届人民代表大会第一次会议上

一、2030年工作回顾
预计全市地区生产总值增长5.1%，一般公共预算收入增长3.2%。

二、2031年主要预期目标
今年经济社会发展的主要预期目标是：地区生产总值增长5%左右，城镇调查失业率5.5%以内。
"""


def test_a_folder_of_reports_with_a_manifest_needs_no_code(tmp_path, monkeypatch):
    from dalian_reports.pipeline.tables import panel

    (tmp_path / "shenyang_2031.txt").write_text(NEW_REPORT, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file,jurisdiction,year,lang,title,source_url\n"
                                           "shenyang_2031.txt,shenyang,2031,zh,a made-up report,\n", encoding="utf-8")
    monkeypatch.setenv("DALIAN_REPORTS_CORPUS", str(tmp_path))
    assert panel.corpus_root() == tmp_path
    table = panel.targets_panel(tmp_path)
    lines = NEW_REPORT.split("\n")
    got = {(r.kind, r.indicator, r.value, r.qualifier, r.year) for r in table.itertuples()}
    assert {("outcome", "gdp", 5.1, "exact", 2030), ("outcome", "budget_revenue", 3.2, "exact", 2030),
            ("target", "gdp", 5.0, "about", 2031), ("target", "surveyed_unemployment", 5.5, "at_most", 2031)} <= got
    for r in table.itertuples():
        assert r.quote in lines[r.line - 1] and r.source_file == "shenyang_2031.txt"
    assert set(table.jurisdiction) == {"shenyang"} and set(table.level) == {"city"}


def test_a_new_seed_document_is_a_file_and_a_manifest_row(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data, ignore=shutil.ignore_patterns("processed", "exports", "devkey"))
    body = NEW_REPORT.encode("utf-8")
    (data / "raw" / "005_shenyang_work_report_2031_zh.txt").write_bytes(body)
    manifest = (data / "sources.csv").read_text(encoding="utf-8").rstrip("\n").split("\n")
    row = ["005", "005_shenyang_work_report_2031_zh.txt", "沈阳市政府工作报告（测试）", "Shenyang work report (test)",
           "Shenyang Municipal People's Government", "shenyang", "government_work_report", "zh", "2031-01-10",
           "", "", hashlib.sha256(body).hexdigest(), str(len(body)), "no", "", ""]
    (data / "sources.csv").write_text("\n".join([*manifest, ",".join(row)]) + "\n", encoding="utf-8")
    monkeypatch.setenv("DALIAN_REPORTS_DATA", str(data))
    from dalian_reports.sources import cleaning, notes as notes_module, raw, reports

    for module in (raw, cleaning, notes_module):
        module.clear_caches()
    reports._all_reports.cache_clear()
    try:
        new = [r for r in reports.report_list() if r.source_id == "005"]
        assert [(r.report_id, r.report_year, r.lang) for r in new] == [("shenyang-2031-zh", 2031, "zh")]
        from dalian_reports.extract.headline import extract_headline

        text = cleaning.report_text("shenyang-2031-zh").text
        rows = extract_headline(text, "zh", 2031, jurisdiction="shenyang")
        assert ("target", "gdp", 5.0, "about") in {(r.kind, r.indicator, r.value, r.qualifier)
                                                    for r in rows.itertuples()}
    finally:
        monkeypatch.undo()
        for module in (raw, cleaning, notes_module):
            module.clear_caches()
        reports._all_reports.cache_clear()


def test_document_notes_are_data_and_checked_against_their_lines():
    scopes = notes("002", "scope")
    assert [n.key for n in scopes] == ["省可比口径", "金州行政区口径", "新区口径"]
    assert all(n.line == 94 for n in scopes)
    copies = {n.key: n.value for n in notes(topic="corpus_copy")}
    assert copies["dalian-2013-zh"] == "政府工作报告-主要城市/大连市/2013.md"


def test_a_note_whose_quote_is_not_on_its_line_is_a_clear_error(tmp_path, monkeypatch):
    from dalian_reports.errors import SourceError
    from dalian_reports.sources import notes as notes_module, raw

    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data, ignore=shutil.ignore_patterns("processed", "exports", "devkey"))
    path = data / "raw" / "notes.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("其余数据指标均为金州行政区口径数据", "其余数据指标均为新区口径数据"),
                    encoding="utf-8")
    monkeypatch.setenv("DALIAN_REPORTS_DATA", str(data))
    notes_module.clear_caches()
    raw.clear_caches()
    try:
        with pytest.raises(SourceError, match=r"notes\.csv.*line 3|not on line 94"):
            notes_module.notes("002")
    finally:
        monkeypatch.undo()
        notes_module.clear_caches()
        raw.clear_caches()
