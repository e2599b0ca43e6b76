"""A catalogue of bad inputs, each with its exact expected outcome.

Every entry says what happens: the error type, and that the message names the
file and the line (``file:line: …``); or the text that is decoded; or the exact
rows produced. Entries marked ``xfail(strict=True)`` state the behaviour we
*want* and document a library defect that still exists (the reason names it);
when the defect is fixed the test passes, strict xfail turns that into a
failure, and the marker must be removed.

Layers covered: decoding (``load_text``/``decode_bytes``), the verified corpus
(``read_source`` with a damaged copy of ``data/``), the headline extractor
(``extract_headline``) and the plan-table parser (``parse_plan_table``).
"""
from __future__ import annotations

import csv
import math
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from dalian_reports.errors import ParseError, SourceError
from dalian_reports.extract.headline import extract_headline
from dalian_reports.extract.plan_tables import parse_plan_table
from dalian_reports.sources import raw as raw_mod
from dalian_reports.sources.raw import load_text, read_source

DATA = Path(__file__).resolve().parents[1] / "data"
PLAN14_TITLE = "“十四五”时期经济社会发展主要指标表"
N = None  # no value_high


# ----------------------------------------------------------------------- expectations

@dataclass
class Raises:
    """The action raises ``error``; ``str(exc)`` matches ``match``; ``exc.file``/``exc.line`` are as given
    (``file`` compared by name; ``line=None`` means the error concerns the whole file)."""

    error: type
    match: str
    file: str | None = None
    line: int | None = None


@dataclass
class Decodes:
    """``load_text`` returns this text, encoding and notes."""

    text: str
    encoding: str
    notes: tuple[str, ...] = ()


@dataclass
class Rows:
    """``extract_headline`` returns exactly these rows
    (kind, period_start, period_end, indicator_zh, measure, value, value_high, unit, qualifier, quote)
    and these unparsed numbers (number, reason)."""

    rows: list[tuple]
    unparsed: list[tuple] = field(default_factory=list)


@dataclass
class PlanRows:
    """``parse_plan_table`` succeeds; the rows on the given lines are exactly
    (number, indicator_zh, unit, {slot: cell text}, attribute, placement_rule, notes)."""

    rows: dict[int, tuple]
    n_rows: int = 20


# ---------------------------------------------------------------------------- actions

def load(data: bytes, name: str = "report.txt"):
    """Write ``data`` to a file and decode it with ``load_text``."""
    def action(ctx):
        path = ctx.tmp_path / name
        path.write_bytes(data)
        return load_text(path)
    return action


def extract(text: str, lang: str = "zh", year: int | None = 2024):
    def action(ctx):
        return (text, *extract_headline(text, lang, year, with_unparsed=True))
    return action


def real_plan14(replace: dict[int, str] | None = None, insert: tuple[int, str] | None = None,
                cut_after: int | None = None):
    """The real 14th-plan table (lines 179–204 of source 004) with one edit; lines renumbered as in an edited file."""
    def action(ctx):
        lines = read_source("004").lines
        texts = [lines[n - 1] for n in range(179, 205)]
        for number, text in (replace or {}).items():
            texts[number - 179] = text
        if cut_after is not None:
            texts = texts[:cut_after - 179 + 1]
        if insert is not None:
            texts.insert(insert[0] - 179, insert[1])
        return parse_plan_table(list(enumerate(texts, 179)), PLAN14_TITLE, file="004.txt")
    return action


def corpus(damage, source_id: str):
    """A copy of data/ (pointed to by DALIAN_REPORTS_DATA), damaged by ``damage(root)``, then ``read_source``."""
    def action(ctx):
        root = ctx.tmp_path / "data"
        shutil.copytree(DATA / "raw", root / "raw")
        shutil.copy(DATA / "sources.csv", root / "sources.csv")
        for path in (root / "raw").iterdir():
            path.chmod(0o644)
        damage(root)
        ctx.monkeypatch.setenv("DALIAN_REPORTS_DATA", str(root))
        raw_mod.clear_caches()
        return read_source(source_id)
    return action


def _edit_raw(name: str, old: str, new: str):
    def damage(root):
        path = root / "raw" / name
        text = path.read_bytes().decode("utf-8")
        assert old in text
        path.write_bytes(text.replace(old, new, 1).encode("utf-8"))
    return damage


def _truncate_raw(name: str, keep: float):
    def damage(root):
        path = root / "raw" / name
        data = path.read_bytes()
        path.write_bytes(data[:int(len(data) * keep)])
    return damage


def _delete_raw(name: str):
    return lambda root: (root / "raw" / name).unlink()


def _drop_manifest_column(column: str):
    def damage(root):
        path = root / "sources.csv"
        with open(path, newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        fields = [c for c in rows[0] if c != column]
        with open(path, "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fields, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
    return damage


# ------------------------------------------------------------------------ catalogue

ZH_2002 = "一、工作回顾\n过去一年成绩显著。\n主要预期目标是：地区生产总值增长6%左右，城镇登记失业率控制在3%以内。\n"
TARGET = "主要预期目标是：地区生产总值增长6%左右，城镇登记失业率控制在3%以内。"
GDP_ABOUT_6 = ("target", 2024, 2024, "地区生产总值", "growth", 6.0, N, "%", "about", "地区生产总值增长6%左右")
UNEMP_3 = ("target", 2024, 2024, "城镇登记失业率", "rate", 3.0, N, "%", "at_most", "城镇登记失业率控制在3%以内")


def _real_text(source: str) -> str:
    return (DATA / "raw" / f"{source}").read_text(encoding="utf-8")


JINZHOU = "002_jinzhou_work_report_2021_zh.txt"
DALIAN_2024 = "001_dalian_work_report_2024_zh.txt"
JINZHOU_TEXT = _real_text(JINZHOU)
# A UTF-8 file cut inside a character: the first byte of the 3-byte '政' (line 2) only.
CUT_INSIDE_CHAR = "\n政".encode("utf-8")[:2]
FILLER = "坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，推动高质量发展取得新成效。"

CATALOGUE = [
    # --- decoding: what a file on disk can be -------------------------------------------------
    pytest.param(load(b""), Raises(SourceError, r"^report\.txt: file is empty", "report.txt", None), id="empty file"),
    pytest.param(load(b" \t\r\n  \n\n"), Raises(SourceError, r"^report\.txt: file is empty", "report.txt", None),
                 id="only whitespace"),
    pytest.param(load("第一行\n第二行\n".encode() + b"\x00\x01\x02\xff", "report.bin"),
                 Raises(SourceError, r"^report\.bin:3: binary content \(NUL byte\)", "report.bin", 3), id="binary file"),
    pytest.param(load(JINZHOU_TEXT.encode("gbk")),
                 Decodes(JINZHOU_TEXT, "gb18030", ("decoded as GB18030 (not UTF-8 from line 2)",)),
                 id="wrong encoding: GBK copy decodes to the same text"),
    pytest.param(load("Report\nline two\ncafé au lait, naïve résumé\n".encode("latin-1")),
                 Raises(SourceError, r"^report\.txt:3: not valid UTF-8 \(byte 19\) nor GB18030; cannot decode",
                        "report.txt", 3), id="wrong encoding: Latin-1 garbage"),
    pytest.param(load("Report\n“quoted” – dash\n".encode("cp1252")),
                 Raises(SourceError, r"^report\.txt:2: not valid UTF-8", "report.txt", 2),
                 id="wrong encoding: Windows-1252 quotes"),
    pytest.param(load(b"\xef\xbb\xbf" + JINZHOU_TEXT.encode()),
                 Decodes(JINZHOU_TEXT, "utf-8-sig", ("UTF-8 byte-order mark removed",)), id="UTF-8 BOM"),
    pytest.param(load(JINZHOU_TEXT.replace("\n", "\r\n").encode()),
                 Decodes(JINZHOU_TEXT, "utf-8", ("CR/CRLF line ends converted to LF",)), id="CRLF line ends"),
    pytest.param(load(JINZHOU_TEXT.replace("\n", "\r").encode()),
                 Decodes(JINZHOU_TEXT, "utf-8", ("CR/CRLF line ends converted to LF",)), id="old Mac CR line ends"),
    pytest.param(load(JINZHOU_TEXT.encode("utf-16")), Decodes(JINZHOU_TEXT, "utf-16", ("UTF-16 byte-order mark",)),
                 id="UTF-16 with BOM"),
    pytest.param(load(JINZHOU_TEXT.encode("utf-16-le")),
                 Raises(SourceError, r"^report\.txt:2: binary content \(NUL byte\)", "report.txt", 2),
                 id="UTF-16 without BOM is refused as binary"),
    pytest.param(load("第一行\n第二行\n第三\x07行\n".encode()),
                 Raises(SourceError, r"^report\.txt:3: control character U\+0007; expected plain text", "report.txt", 3),
                 id="control character"),
    pytest.param(load("第一行\n\x1b[31m红色\n".encode()),
                 Raises(SourceError, r"^report\.txt:2: control character U\+001B", "report.txt", 2),
                 id="terminal escape sequence"),
    pytest.param(load(CUT_INSIDE_CHAR),
                 Raises(SourceError, r"^report\.txt:2: not valid UTF-8 \(byte 1\) nor GB18030", "report.txt", 2),
                 id="file truncated inside a character"),
    # --- the verified corpus ----------------------------------------------------------------------
    pytest.param(corpus(_edit_raw(DALIAN_2024, "增长6%", "增长9%"), "001"),
                 Raises(SourceError, r"001_dalian_work_report_2024_zh\.txt: checksum mismatch: the file changed",
                        DALIAN_2024, None), id="changed raw file (checksum)"),
    pytest.param(corpus(_truncate_raw(JINZHOU, 0.5), "002"),
                 Raises(SourceError, r"002_jinzhou_work_report_2021_zh\.txt: checksum mismatch", JINZHOU, None),
                 id="truncated raw file (checksum)"),
    pytest.param(corpus(_delete_raw(JINZHOU), "002"),
                 Raises(SourceError, r"002_jinzhou_work_report_2021_zh\.txt: raw source file missing", JINZHOU, None),
                 id="missing raw file"),
    pytest.param(corpus(_drop_manifest_column("speaker"), "002"),
                 Raises(SourceError, r"^sources\.csv:1: manifest lacks columns \['speaker'\]", "sources.csv", 1),
                 id="manifest with a missing column"),
    pytest.param(corpus(lambda root: (root / "sources.csv").unlink(), "002"),
                 Raises(SourceError, r"sources\.csv: manifest file not found", "sources.csv", None), id="missing manifest"),
    # --- headline paragraphs -------------------------------------------------------------------------
    pytest.param(extract(""), Rows([]), id="empty text"),
    pytest.param(extract(" \n\t\n\u3000\u3000\n"), Rows([]), id="only whitespace text"),
    pytest.param(extract("主要预期目标是：地区生产总值增长6%左右，城镇登记失业率控制在"), Rows([GDP_ABOUT_6]),
                 id="truncated paragraph: the complete figure only"),
    pytest.param(extract("主要预期目标是：地区生产总值增长6"),
                 Rows([], [("6", "a growth without a unit (%, 个百分点 …) is not read")]),
                 id="paragraph truncated after a digit: no unit, not read, listed"),
    pytest.param(extract(TARGET + "\n" + TARGET), Rows([GDP_ABOUT_6, UNEMP_3, GDP_ABOUT_6, UNEMP_3]),
                 id="duplicated paragraph: both copies, each quoting itself"),
    pytest.param(extract("主要预期目标是：地区生产总值增长6左右，城镇登记失业率控制在3以内。"),
                 Rows([], [("6", "a growth without a unit (%, 个百分点 …) is not read"),
                           ("3", "a figure of unemployment without a unit (its units: %|个百分点) is not read")]),
                 id="numbers without units: refused, listed as unparsed"),
    pytest.param(extract("主要预期目标是：地区生产总值增长%左右，一般公共预算收入亿元。"), Rows([]),
                 id="units without numbers: no rows"),
    pytest.param(extract("主要预期目标是：地区生产总值增长６．５％左右。"),
                 Rows([("target", 2024, 2024, "地区生产总值", "growth", 6.5, N, "%", "about", "地区生产总值增长６．５％左右")]),
                 id="full-width digits: read half-width, quoted as written"),
    pytest.param(extract("主要预期目标是：地区生产总值达到99999999999999999999999亿元。"),
                 Rows([("target", 2024, 2024, "地区生产总值", "level", 1e23, N, "亿元", "exact",
                        "地区生产总值达到99999999999999999999999亿元")]), id="huge number (23 digits)"),
    pytest.param(extract("一、回顾\n成绩显著。\n主要预期目标是：地区生产总值增长7%-6%。"),
                 Raises(ParseError, r"^line 3: inverted range '7%-6%'$", None, 3), id="inverted range names its line"),
    pytest.param(extract("一、回顾\n成绩显著。\n主要预期目标是：地区生产总值增长6..5%。"),
                 Raises(ParseError, r"^line 3: malformed number '6\.\.5'$", None, 3), id="malformed number names its line"),
    pytest.param(extract("主要预期目标是：地区生产总值增长6%上下，城镇登记失业率控制在3%以内。"),
                 Rows([("target", 2024, 2024, "地区生产总值", "growth", 6.0, N, "%", "about", "地区生产总值增长6%上下"),
                       UNEMP_3]), id="rare but known qualifier (上下)"),
    pytest.param(extract("20??年，全市实现地区生产总值7000亿元，增长10%。"), Rows([]),
                 id="corrupted year 20?? never dates an outcome"),
    pytest.param(extract("到20??年，地区生产总值达到7000亿元。"),
                 Rows([("plan_target", 2028, 2028, "地区生产总值", "level", 7000.0, N, "亿元", "exact",
                        "地区生产总值达到7000亿元")]), id="corrupted deadline 到20??年: default plan period"),
    pytest.param(extract("2024年，全市实现地区生产总值9000亿元，增长6%。", year=2025),
                 Rows([("outcome", 2024, 2024, "地区生产总值", "level", 9000.0, N, "亿元", "exact", "地区生产总值9000亿元"),
                       ("outcome", 2024, 2024, "地区生产总值", "growth", 6.0, N, "%", "exact", "地区生产总值9000亿元，增长6%")]),
                 id="2024 in a non-000 text is a real year"),
    pytest.param(extract("2024年，全市实现地区生产总值9000亿元，增长6%。", year=2024), Rows([]),
                 id="2024 in the 2024 report is not a past result"),
    pytest.param(extract(FILLER * (1_000_000 // len(FILLER))), Rows([]), id="huge line (1 MB) without headline"),
    # --- plan tables (the real 14th-plan table of 004, lines 179–204, one edit each) -------------------
    pytest.param(real_plan14({185: "创新驱动\t4.研发经费投入增长（%）\t2.9\t3.5\t>10\t12\t预期性"}),
                 Raises(ParseError, r"^004\.txt:185: EXTRA_CELL: 4 value cells \(2\.9, 3\.5, >10, 12\) for 3 columns",
                        "004.txt", 185), id="table row with an extra cell"),
    pytest.param(real_plan14({190: "\t9.新增劳动年龄人口平均受教育年限（年）\t15.3\t约束性"}),
                 PlanRows({190: (9, "新增劳动年龄人口平均受教育年限", "年", {}, "binding", "UNPLACED",
                                 ("UNPLACED: value cells '15.3' on line 190 fit no placement rule; value columns left NA",))}),
                 id="table row with a missing cell: kept, values NA, noted"),
    pytest.param(real_plan14({185: "创新驱动\t4.研发经费投入增长（%）\t2.9\t3.5\t预期性"}),
                 PlanRows({185: (4, "研发经费投入增长", "%", {"base": "2.9", "growth": "3.5"}, "anticipatory",
                                 "GROWTH_BY_NAME", ("GROWTH_BY_NAME: 2020年=2.9, 年均增长=3.5",))}),
                 id="growth row with a missing cell: placed by GROWTH_BY_NAME, noted"),
    pytest.param(real_plan14(cut_after=198),
                 Raises(ParseError, r"^004\.txt:198: table ends without its footnote", "004.txt", 198),
                 id="truncated plan table"),
    pytest.param(real_plan14(cut_after=198, insert=(199, "（下转第12页）")),
                 Raises(ParseError, r"^004\.txt:199: line is not a table row and the footnote", "004.txt", 199),
                 id="plan table interrupted by prose"),
    pytest.param(real_plan14({190: "\t9.新增劳动年龄人口平均受教育年限（年）\t15.3\t15.6\t指导性"}),
                 Raises(ParseError, r"^004\.txt:190: last cell '指导性' is neither an attribute word", "004.txt", 190),
                 id="unknown attribute word"),
    pytest.param(real_plan14(insert=(184, "\t2.全员劳动生产率增长（%）\t6.3\t6\t预期性")),
                 Raises(ParseError, r"^004\.txt:184: row number 2 where 3 was expected", "004.txt", 184),
                 id="duplicated table row"),
    pytest.param(real_plan14({181: "类别\t指标\t20??年\t2025年\t年均增长\t属性"}),
                 Raises(ParseError, r"^004\.txt:181: unknown header word '20\?\?年'", "004.txt", 181),
                 id="corrupted year in a table header"),
    pytest.param(real_plan14({179: "“十四五”主要指标表"}),
                 Raises(ParseError, r"^004\.txt: table title .* not found", "004.txt", None), id="table title missing"),
]


class _Ctx:
    def __init__(self, tmp_path, monkeypatch):
        self.tmp_path, self.monkeypatch = tmp_path, monkeypatch


@pytest.fixture
def ctx(tmp_path, monkeypatch):
    yield _Ctx(tmp_path, monkeypatch)
    monkeypatch.undo()
    raw_mod.clear_caches()


def _rows(frame) -> list[tuple]:
    out = []
    for r in frame.itertuples(index=False):
        high = None if math.isnan(r.value_high) else r.value_high
        out.append((r.kind, _int(r.period_start), _int(r.period_end), r.wording, r.measure, r.value, high, r.unit,
                    r.qualifier, r.quote))
    return out


def _int(value):
    import pandas as pd

    return None if pd.isna(value) else int(value)


def check(action, expected, ctx) -> None:
    if isinstance(expected, Raises):
        with pytest.raises(expected.error) as info:
            action(ctx)
        exc = info.value
        assert type(exc) is expected.error, type(exc)
        assert re.search(expected.match, str(exc)), str(exc)
        assert (Path(exc.file).name if exc.file else None) == expected.file, exc.file
        assert exc.line == expected.line, (exc.line, str(exc))
        if expected.file is not None and expected.line is not None:
            assert f"{expected.file}:{expected.line}: " in str(exc)  # the message itself names file and line
        return
    result = action(ctx)
    if isinstance(expected, Decodes):
        assert result.text == expected.text
        assert (result.encoding, result.notes) == (expected.encoding, expected.notes)
    elif isinstance(expected, Rows):
        text, rows, unparsed = result
        assert _rows(rows) == expected.rows
        assert list(zip(unparsed.number, unparsed.reason)) == expected.unparsed
        for r in rows.itertuples(index=False):  # provenance holds on every row
            assert r.quote == text[r.start:r.end]
    elif isinstance(expected, PlanRows):
        assert len(result.rows) == expected.n_rows
        by_line = {row.line: row for row in result.rows}
        for line, want in expected.rows.items():
            row = by_line[line]
            got = (row.number, row.indicator_zh, row.unit, {k: c.text for k, c in row.cells.items()}, row.attribute,
                   row.placement_rule, row.notes)
            assert got == want
    else:  # pragma: no cover
        raise TypeError(expected)


@pytest.mark.parametrize("action,expected", CATALOGUE)
def test_bad_input(action, expected, ctx):
    check(action, expected, ctx)


def test_catalogue_has_at_least_twenty_kinds():
    assert len(CATALOGUE) >= 20
    assert len({p.id for p in CATALOGUE}) == len(CATALOGUE)


def test_huge_line_is_fast(tmp_path):
    """A 1 MB single line loads and is read quickly (no super-linear scan of ordinary prose)."""
    path = tmp_path / "huge.txt"
    path.write_bytes((FILLER * (1_000_000 // len(FILLER))).encode())
    started = time.perf_counter()
    doc = load_text(path)
    rows = extract_headline(doc.text, "zh", 2024)
    assert doc.n_lines == 1 and len(doc.text) >= 990_000 and rows.empty
    assert time.perf_counter() - started < 20


def test_2024_outside_the_compilation_is_never_restored():
    """Only source 000 had its years overwritten: a '2024' anywhere else is a real year and stays as written."""
    import dalian_reports as dr

    assert set(dr.year_restorations().source_id) == {"000"}
    text = dr.report_text("dalian-2024-zh")
    assert text.substitutions == [] and text.text.count("2024") == 3
    assert "2024" not in dr.report_text("dalian-2013-zh").text   # in 000 every token is restored or masked


def test_bom_on_an_ascii_file_is_only_noted(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfline one\r\nline two\r\n")
    doc = load_text(path)
    assert doc.text == "line one\nline two\n"
    assert doc.notes == ("UTF-8 byte-order mark removed", "CR/CRLF line ends converted to LF")
    assert doc.line(2) == "line two"


# ------------------------------------------------------- defects this catalogue found
# All fixed since; kept as regression tests.

def test_latin1_text_that_is_valid_gb18030_is_refused(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Périphérique\n".encode("latin-1"))   # valid GB18030 too, but as 'P閞iph閞ique'
    with pytest.raises(SourceError, match=r"latin1\.txt:1: "):
        load_text(path)


@pytest.mark.parametrize("data", [b"\xef\xbb\xbf", b"\xef\xbb\xbf  \n", b"\xff\xfe", "\u3000\u3000\n".encode()],
                         ids=["utf-8 BOM only", "utf-8 BOM and spaces", "utf-16 BOM only", "ideographic spaces only"])
def test_file_with_only_a_bom_or_wide_spaces_is_empty(tmp_path, data):
    path = tmp_path / "blank.txt"
    path.write_bytes(data)
    with pytest.raises(SourceError, match=r"blank\.txt: file is empty"):
        load_text(path)


def test_plan_table_number_cell_with_circled_digit():
    lines = read_source("004").lines
    texts = {n: lines[n - 1] for n in range(33, 79)}
    texts[51] = texts[51].replace("\t10\t", "\t10①\t", 1)
    with pytest.raises(ParseError, match=r"^004\.txt:51: 序号 cell '10①' is not a number"):
        parse_plan_table(sorted(texts.items()), "“十三五”规划纲要主要指标完成情况表", file="004.txt")


@pytest.mark.parametrize("figure", ["6%-7%-8%", "6%—7%—8%", "6%至7%至8%", "6%-(7%-8%)"])
def test_nested_or_chained_range_is_an_error(figure):
    with pytest.raises(ParseError, match=r"^line 1: "):
        extract_headline(f"主要预期目标是：地区生产总值增长{figure}。", "zh", 2024)


@pytest.mark.parametrize("word", ["出头", "附近", "开外", "强"])
def test_unknown_qualifier_is_not_read_as_exact(word):
    try:
        rows = extract_headline(f"主要预期目标是：地区生产总值增长6%{word}。", "zh", 2024)
    except ParseError:
        return
    assert "exact" not in set(rows.qualifier)


def test_masked_amount_is_not_read_as_twenty():
    rows, unparsed = extract_headline("预计全市实现地区生产总值20??亿元，增长6%。", "zh", 2024, with_unparsed=True)
    assert 20.0 not in set(rows.value)
    assert unparsed.loc[unparsed.number == "20??", "reason"].str.startswith("masked number").all()


def test_deadline_before_report_year_gives_no_inverted_period():
    rows = extract_headline("到2025年，地区生产总值年均增长6%。", "zh", 2026)
    assert (rows.period_start <= rows.period_end).all()


def test_numeral_beyond_float_range_is_an_error():
    with pytest.raises(ParseError):
        extract_headline("主要预期目标是：地区生产总值达到" + "9" * 400 + "亿元。", "zh", 2024)


def test_parse_error_from_text_names_its_line_in_the_message():
    with pytest.raises(ParseError) as info:
        extract_headline("一、回顾\n成绩显著。\n主要预期目标是：地区生产总值增长7%-6%。", "zh", 2024)
    assert info.value.line == 3
    assert "line 3" in str(info.value) or str(info.value).startswith("3:")
