"""The corpus layer on the real sources. Expected values come from reading the raw files."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pytest

import dalian_reports as dr
from dalian_reports.errors import ManifestWarning
from dalian_reports.sources import raw as raw_mod
from dalian_reports.sources import reports as reports_mod

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
DATA = Path(__file__).resolve().parents[1] / "data"


# --- the raw files --------------------------------------------------------------------

def test_raw_files_are_byte_identical_to_the_manifest_checksums():
    m = dr.manifest()
    assert m.source_id.tolist() == ["000", "001", "002", "003", "004"]
    for row in m.itertuples():
        data = (DATA / "raw" / row.file).read_bytes()
        assert hashlib.sha256(data).hexdigest() == row.sha256
        assert len(data) == row.bytes


@pytest.mark.skipif(not SEEDS.exists(), reason="shared seeds not beside the checkout")
def test_raw_files_equal_the_seeds():
    for row in dr.manifest().itertuples():
        seed = next(SEEDS.glob(f"{row.source_id}_*.txt"))
        assert (DATA / "raw" / row.file).read_bytes() == seed.read_bytes()


def test_real_manifest_is_valid_complete_and_names_its_lines(recwarn):
    raw_mod.clear_caches()
    rows = raw_mod.manifest_rows()
    assert [(r["source_id"], r.line) for r in rows] == [("000", 2), ("001", 3), ("002", 4), ("003", 5), ("004", 6)]
    assert raw_mod.unlisted_raw_files() == []
    assert not [w for w in recwarn if issubclass(w.category, ManifestWarning)]


def test_each_source_reads_as_its_language():
    for row in raw_mod.manifest_rows():
        assert raw_mod.language_problem(dr.read_source(row["source_id"]).text, row["lang"]) == ""
    assert "Chinese" in raw_mod.language_problem(dr.read_source("002").text, "en")


@pytest.mark.parametrize("source_id", ["000", "001", "002", "004"])
def test_gb18030_copies_of_the_chinese_sources_are_plausible(tmp_path, source_id):
    """The plausibility test that refuses EUC-KR and Shift-JIS never refuses a real Chinese report."""
    original = dr.read_source(source_id).text
    path = tmp_path / "copy.txt"
    path.write_bytes(original.encode("gb18030"))
    assert dr.load_text(path).text == original


def test_manifest_describes_each_document():
    m = dr.manifest().set_index("source_id")
    assert m.loc["002", "issuer_code"] == "jinzhou"
    assert m.loc["002", "speaker"] == "吕东升"
    assert m.loc["004", "doc_type"] == "five_year_plan_outline"
    assert m.loc["003", "lang"] == "en"
    assert (m.title_zh.str.len() > 0).all() and (m.title_en.str.len() > 0).all()
    assert (m.known_defects.str.len() > 0).all()


# --- reports ----------------------------------------------------------------------------

def test_compilation_splits_into_four_reports_and_one_copy():
    r = dr.reports().set_index("report_id")
    comp = r[r.source_id == "000"]
    assert sorted(comp.index) == ["dalian-2012-zh", "dalian-2012-zh-copy", "dalian-2013-zh",
                                  "dalian-2014-zh", "dalian-2016-zh"]
    # line ranges read from the file: the 2014 report opens the file; '第二篇' at 55; the copy
    # restarts at ' 一、2024年政府工作回顾' (163); the 2016 full text at 267; '第五篇' at 384.
    assert tuple(comp.loc["dalian-2014-zh", ["line_start", "line_end"]]) == (1, 54)
    assert tuple(comp.loc["dalian-2012-zh", ["line_start", "line_end"]]) == (55, 162)
    assert tuple(comp.loc["dalian-2012-zh-copy", ["line_start", "line_end"]]) == (163, 266)
    assert tuple(comp.loc["dalian-2016-zh", ["line_start", "line_end"]]) == (267, 383)
    assert tuple(comp.loc["dalian-2013-zh", ["line_start", "line_end"]]) == (384, 481)


def test_duplicate_is_marked_not_counted_twice():
    r = dr.reports()
    assert r.loc[r.report_id == "dalian-2012-zh-copy", "duplicate_of"].item() == "dalian-2012-zh"
    distinct = dr.reports(include_duplicates=False)
    assert len(distinct) == 8
    assert distinct.report_id.is_unique


def test_true_years_dates_sessions_and_speakers():
    r = dr.reports().set_index("report_id")
    expected = {
        # report: (year, delivered, session, speaker) — from the title lines, restored
        "dalian-2012-zh": (2012, "2012-01-05", None, "李万才"),
        "dalian-2013-zh": (2013, "2013-01-05", "第十五届人民代表大会第一次会议", None),
        "dalian-2014-zh": (2014, "2014-01-07", "第十五届人民代表大会第二次会议", "李万才"),
        "dalian-2016-zh": (2016, "2016-01-12", "第十五届人民代表大会第四次会议", "肖盛峰"),
        "dalian-2024-zh": (2024, "2024-01-06", "大连市第十七届人民代表大会第三次会议", "陈绍旺"),
        "dalian-2024-en": (2024, "2024-01-06", "Third Session of the 17th People's Congress of Dalian", "Chen Shaowang"),
        "jinzhou-2021-zh": (2021, "2021-03-04", "金州区（金普新区）第八届人民代表大会第四次会议", "吕东升"),
    }
    for report_id, (year, delivered, session, speaker) in expected.items():
        row = r.loc[report_id].replace({pd.NA: None})
        assert (row.report_year, row.delivered, row.speaker) == (year, delivered, speaker), report_id
        assert row.session == session, report_id


def test_each_compilation_report_year_has_evidence():
    r = dr.reports().set_index("report_id")
    assert "18th_congress_ahead" in r.loc["dalian-2012-zh", "evidence"]
    assert "12th_plan_keystone_ahead" in r.loc["dalian-2013-zh", "evidence"]
    assert "session_arithmetic" in r.loc["dalian-2013-zh", "evidence"]
    assert "12th_plan_final_year_reviewed" in r.loc["dalian-2016-zh", "evidence"]


def test_conflicting_evidence_is_an_error(monkeypatch):
    bad = reports_mod.YEAR_EVIDENCE + [("fake", reports_mod.re.compile("各位代表"), 1999, "test")]
    monkeypatch.setattr(reports_mod, "YEAR_EVIDENCE", bad)
    reports_mod._all_reports.cache_clear()
    try:
        with pytest.raises(dr.SourceError, match="000_dalian.*conflicting year evidence"):
            reports_mod._all_reports()
    finally:
        monkeypatch.undo()
        reports_mod._all_reports.cache_clear()


# --- year restoration ---------------------------------------------------------------------

# Every '2024' token of 000 as read by hand: (line, occurrence) -> true year, or a status.
EXPECTED_YEARS = {
    (1, 1): 2014, (5, 1): 2013, (29, 1): 2013, (44, 1): 2013, (47, 1): 2014, (48, 1): 2014, (50, 1): 2014,
    (55, 1): 2012, (56, 1): 2012, (58, 1): 2011, (97, 1): 2011, (100, 1): 2012, (103, 1): 2012,
    (163, 1): 2011, (202, 1): 2011, (205, 1): 2012, (208, 1): 2012,
    (267, 1): 2016, (268, 1): 2016, (273, 1): 2015, (282, 1): 2015, (283, 1): 2015,
    (287, 1): "not_a_year", (291, 1): "not_a_year", (329, 1): 2010, (329, 2): 2010,
    (338, 1): 2016, (339, 1): 2016, (347, 1): "not_a_year", (362, 1): "not_a_year",
    (384, 1): 2013, (386, 1): 2013,
    **{(391, k): (2012 if k % 2 else 2007) for k in range(1, 13)},
    (394, 1): "unknown", (396, 1): "unknown", (396, 2): "unknown",
    (420, 1): 2012, (421, 1): "not_a_year", (432, 1): 2013, (440, 1): 2013,
}


def test_every_overwritten_token_is_accounted_for():
    raw = dr.read_source("000")
    tokens = [(n, k) for n, line in enumerate(raw.lines, 1) for k in range(1, line.count("2024") + 1)]
    assert len(tokens) == 51
    y = dr.year_restorations()
    assert sorted(zip(y.line, y.occurrence)) == sorted(tokens)
    assert y.status.isin(["restored", "not_a_year", "unknown"]).all()
    assert (y.rule.str.len() > 0).all() and (y.why.str.len() > 0).all()


@pytest.mark.parametrize("key,expected", sorted(EXPECTED_YEARS.items()))
def test_token_restored_as_read(key, expected):
    y = dr.year_restorations().set_index(["line", "occurrence"])
    row = y.loc[key]
    if isinstance(expected, int):
        assert (row.status, row.restored) == ("restored", expected)
    else:
        assert row.status == expected and row.restored is dr.year_restorations().restored.dtype.na_value


def test_restored_text_keeps_a_trace_and_masks_what_is_not_restored():
    t = dr.report_text("dalian-2013-zh")
    assert "2024" not in t.text
    assert "2012年达到7000亿元，是2007年总量的2.2倍" in t.text
    assert "建筑业产值突破20??亿元" in t.text  # an amount whose digits are lost
    assert "2012年旅客吞吐量" not in t.text and "20??年旅客吞吐量" in t.text
    subs = {(s["line"], s["occurrence"]): s for s in t.substitutions}
    assert subs[(391, 2)]["replacement"] == "2007" and subs[(391, 2)]["rule"] == "five_year_base"
    assert all(s["original"] == "2024" for s in t.substitutions)
    assert "2024年达到7000亿元" in dr.report_text("dalian-2013-zh", restored=False).text


# --- cleaning -----------------------------------------------------------------------------

def test_cleaning_maps_every_character_back_to_its_raw_line():
    for report_id in dr.reports().report_id:
        t = dr.report_text(report_id, restored=False)
        assert len(t.text) == len(t.origin)
        for i, ch in enumerate(t.text):
            if ch != " ":  # the one inserted space replaces a page number
                assert t.doc.text[t.origin[i]] == ch


def test_web_boilerplate_is_removed_from_the_2024_report():
    text = dr.report_text("dalian-2024-zh").text
    for debris in ["宝鸡信息", "文章正文", "(来源:网站编辑", "\n评论\n", "\nTop"]:
        assert debris not in text
    assert text.startswith("2024年大连市政府工作报告\n现在,我代表市政府向大会报告工作")


def test_page_numbers_inside_english_sentences_are_cut():
    t = dr.report_text("dalian-2024-en")
    assert "-12-" not in t.text
    i = t.text.index("about 3%. The income growth")
    line, quote = t.quote(i, i + len("about 3%. The income"))
    assert line == 65 and quote == "about 3%.-12-The income"
    assert not t.text.startswith("banner") and "2024-01-15" not in t.text


def test_page_break_inside_a_paragraph_of_the_plan_is_joined():
    t = dr.report_text("dalian-fyp14-zh")
    assert "人力资源丰富，市场空间广阔" in t.text  # raw lines 89 and 91
    i = t.text.index("市场空间广阔")
    assert t.raw_line(i) == 89 and t.raw_line(i + 1) == 91
    assert "各地区加快" in t.text and "- ◆" not in t.text and "**" not in t.text


def test_compilation_labels_and_credit_are_removed():
    t = dr.report_text("dalian-2012-zh")
    assert "第二篇" not in t.text and "来源中国经济网" not in t.text
    assert t.text.rstrip().endswith("以优异的成绩迎接党的十八大胜利召开！")


def test_cleaning_rules_are_listed():
    rules = dr.cleaning_rules()
    assert {"web_boilerplate", "page_number", "page_break_join", "year_restoration"} <= set(rules.rule)


# --- bad input -------------------------------------------------------------------------------

@pytest.fixture
def corpus_copy(tmp_path, monkeypatch):
    shutil.copytree(DATA / "raw", tmp_path / "raw")
    shutil.copy(DATA / "sources.csv", tmp_path / "sources.csv")
    monkeypatch.setenv("DALIAN_REPORTS_DATA", str(tmp_path))
    raw_mod.clear_caches()
    yield tmp_path
    monkeypatch.delenv("DALIAN_REPORTS_DATA")
    raw_mod.clear_caches()


def test_missing_file_names_the_file(corpus_copy):
    (corpus_copy / "raw" / "002_jinzhou_work_report_2021_zh.txt").unlink()
    with pytest.raises(dr.SourceError, match="002_jinzhou_work_report_2021_zh.txt: raw source file missing"):
        dr.read_source("002")


def test_changed_file_fails_the_checksum(corpus_copy):
    path = corpus_copy / "raw" / "001_dalian_work_report_2024_zh.txt"
    path.write_bytes(path.read_bytes().replace("增长6%".encode(), "增长9%".encode(), 1))
    with pytest.raises(dr.SourceError, match="001_dalian_work_report_2024_zh.txt: checksum mismatch"):
        dr.read_source("001")


def test_empty_file_is_an_error(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(dr.SourceError, match="empty.txt: file is empty"):
        dr.load_text(path)


def test_binary_file_is_an_error_with_its_line(tmp_path):
    path = tmp_path / "report.bin"
    path.write_bytes("第一行\n第二行\n".encode() + b"\x00\x01\x02")
    with pytest.raises(dr.SourceError, match=r"report.bin:3: binary content"):
        dr.load_text(path)


@pytest.mark.parametrize("encoding,prefix,newline", [
    ("gbk", b"", "\n"), ("gb18030", b"", "\r\n"), ("utf-8", b"\xef\xbb\xbf", "\n"),
    ("utf-8", b"", "\r\n"), ("utf-16", b"", "\n"),
])
def test_re_encoded_copies_decode_to_the_same_text(tmp_path, encoding, prefix, newline):
    original = dr.read_source("002").text
    path = tmp_path / "copy.txt"
    path.write_bytes(prefix + original.replace("\n", newline).encode(encoding))
    assert dr.load_text(path).text == original


def test_undecodable_bytes_name_file_and_line(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes("好的\n第二行\n".encode() + b"\xff\xfe\xfd\x80\x81 end")
    with pytest.raises(dr.SourceError, match=r"broken.txt:3: not valid UTF-8"):
        dr.load_text(path)
