"""Fuzzing the two parsers: only ParseError, no hang, every row quotes its input.

``extract_headline`` (zh and en) and ``parse_plan_table`` get random text and
real text with mutations (characters, lines and table cells deleted, duplicated
or swapped; full-width digits, invisible characters, digits of other scripts,
circled numerals, qualifiers, units, '20??', huge numbers and nested ranges
inserted). The contract checked on every example:

* the only exception is :class:`dalian_reports.errors.ParseError` (which names a
  line inside the input when it names one, and the file passed to
  ``parse_plan_table``);
* every example finishes within :data:`HARD_LIMIT_S` (a SIGALRM turns a hang
  into a failure; hypothesis' ``deadline`` only judges examples that finish);
* every headline row has ``quote == text[start:end]`` and valid vocabulary;
  every plan-table cell is text of the line the row names.

Runs are deterministic (``derandomize=True``, no example database), so CI sees
the same examples every time.
"""
from __future__ import annotations

import contextlib
import math
import signal
from functools import lru_cache

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import event as _event
from hypothesis.control import currently_in_test_context
from hypothesis import strategies as st

from dalian_reports.errors import ParseError
from dalian_reports.extract.headline import COLUMNS, KINDS, extract_headline, find_headline_paragraphs
from dalian_reports.extract.numbers import MEASURES, QUALIFIERS
from dalian_reports.extract.plan_tables import ATTRIBUTE_WORDS, CATEGORY_WORDS, UNIT_WORDS, parse_plan_table
from dalian_reports.sources.cleaning import report_text
from dalian_reports.sources.raw import read_source
from dalian_reports.pipeline.tables.headline import headline_reports
from dalian_reports.pipeline.tables.plans import TABLE_TITLES

HARD_LIMIT_S = 10.0
FUZZ = settings(max_examples=300, deadline=2000, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


class Hang(Exception):
    """Raised by the alarm: an example ran longer than HARD_LIMIT_S."""


@contextlib.contextmanager
def hard_time_limit(seconds: float = HARD_LIMIT_S):
    """Fail (instead of hanging forever) if the block runs longer than ``seconds``."""
    def on_alarm(signum, frame):
        raise Hang(f"example still running after {seconds}s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# ---------------------------------------------------------------------------- corpus

@lru_cache(maxsize=None)
def real_reports() -> tuple[tuple[str, str, int, str], ...]:
    """(report_id, lang, report_year, cleaned text) of every report whose headlines are read."""
    return tuple((r.report_id, r.lang, r.report_year, report_text(r.report_id).text) for r in headline_reports())


@lru_cache(maxsize=None)
def headline_windows(lang: str) -> tuple[tuple[str, int], ...]:
    """Real headline paragraphs with some text before them, and the report year."""
    out = []
    for _rid, rlang, year, text in real_reports():
        if rlang != lang:
            continue
        for span in find_headline_paragraphs(text, lang, year):
            start = text.rfind("\n", 0, max(0, span.start - 120)) + 1
            out.append((text[start:span.end + 1], year))
    assert len(out) >= 2
    return tuple(out)


@lru_cache(maxsize=None)
def plan_table_lines(plan: int) -> tuple[tuple[int, str], ...]:
    """The numbered raw lines of a plan table of source 004, from a line before the title to the footnote."""
    lines = read_source("004").lines
    title = TABLE_TITLES[plan]
    first = lines.index(title)
    last = next(i for i in range(first, len(lines)) if lines[i].startswith("注"))
    return tuple((n + 1, lines[n]) for n in range(max(0, first - 2), last + 2))


# --------------------------------------------------------------------- strategies

ZH_INSERTS = [
    "６", "０", "１２．５", "％", "．", "左右", "以上", "以内", "不低于", "不超过", "约", "上下", "超过", "力争",
    "附近", "出头", "亿元", "万元", "元", "万人", "%", "‰", "个百分点", "倍", "20??", "2024", "2012年", "二〇三五年",
    "9" * 25, "1e308", "0.000000001", "6.5%-7%", "6%至7%", "6%-(7%-8%)", "6%—7%—8%", "7%-6%", "6..5", "1.2.3",
    "5%%", "[15]", "（", "）", "(", "。", "，", "、", "；", "：", "\n", "\n\n", "\t", "——", "主要预期目标是：",
    "预计", "初步核算，", "全市实现", "五年来，", "“十四五”时期，", "到2025年，", "到20??年", "今后五年",
    "地区生产总值", "增长", "下降", "年均", "累计", "分别", "和", "与经济增长同步", "高于全国平均水平", "占全市",
    "比2020年", "翻一番", "两位数", "?", "？", "\u3000", " ", "一、", "第三章",
    # hostile characters: invisible, bidi, other scripts, circled numerals, separators inside numbers, numerals
    "\u200b", "\u200d", "\ufeff", "\u202e", "\u00a0", "\u00ad", "٦", "٫", "٪", "⑥", "²", ".5", "6,5", "6，5", "20 000",
    "七点五%", "百分之六点五", "一万亿元", "零增长", "负增长", "\ufffd",
]
EN_INSERTS = [
    "6", "０", "12.5", "%", " percent", " percentage points", "about ", "around ", "at least ", "no more than ",
    "within ", "more than ", "over ", "below ", "billion yuan", " yuan", "20??", "2024", "in 2012", "9" * 25, "1e308",
    "6.5%-7%", "6% to 7%", "between 6% and 7%", "6%-(7%-8%)", "7%-6%", "6..5", "1.2.3", "5%%", ",", ".", ";", ":",
    "\n", "\t", "The main expected goals are: ", "It is estimated that ", "Preliminary accounting ",
    "In the past five years, ", "By 2025, ", "In the next five years ", "GDP ", "regional GDP ", "grow by ",
    "increase ", "decrease ", "respectively", " and ", "basically synchronized with economic growth", "?", "I. ",
    "\u200b", "\u00a0", "\ufeff", "٦", "⑥", ".5", "6,5", " or so", "shrink by ", "zero growth", "negative growth of ",
]
PLAN_INSERTS = [
    "６", "１２．５", "左右", "以上", "以内", "以下", ">", "<", "≥", "≤", ">=", "[", "]", "[15]", "—", "——", "/", "-",
    "指导性", "预期性", "约束性", "\t", "20??", "2024年", "9" * 25, "6-7", "[6-[7]]", "^①", "^⑨", "（%）", "(亿元)",
    "（个数）", "注：", "注：[]为五年累计数。", "完成省下达任务", "完成省下", "达任务", "目标", "平均增速%", "年均增长",
    "完成", "类别", "序号", "单位", "经济发展", "绿色", "生态", "亿元", "%", "万人", " ", "",
    "①", "²", "１０", "٣",   # digits that str.isdigit() accepts but int() may not (a 序号 cell once crashed on '10①')
]

CHAR_OPS = ("del_char", "dup_char", "swap_chars", "insert")
LINE_OPS = ("del_line", "dup_line", "swap_lines")
CELL_OPS = ("del_cell", "dup_cell", "swap_cells", "replace_cell", "insert_cell")


def mutations(inserts: list[str], ops: tuple[str, ...]):
    """A list of (operation, position, other position, inserted text); positions are reduced modulo the length."""
    step = st.tuples(st.sampled_from(ops), st.integers(0, 10**6), st.integers(0, 10**6), st.sampled_from(inserts))
    return st.lists(step, min_size=1, max_size=8)


def mutate_text(text: str, steps) -> str:
    for op, a, b, ins in steps:
        if op in LINE_OPS:
            lines = text.split("\n")
            i, j = a % len(lines), b % len(lines)
            if op == "del_line" and len(lines) > 1:
                del lines[i]
            elif op == "dup_line":
                lines.insert(i, lines[i])
            elif op == "swap_lines":
                lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
            continue
        n = len(text)
        i = a % (n + 1)
        if op == "del_char" and n:
            text = text[:i % n] + text[i % n + 1:]
        elif op == "dup_char" and n:
            text = text[:i % n + 1] + text[i % n:]
        elif op == "swap_chars" and n > 1:
            k = i % (n - 1)
            text = text[:k] + text[k + 1] + text[k] + text[k + 2:]
        elif op == "insert":
            text = text[:i] + ins + text[i:]
    return text


def mutate_table(lines: list[tuple[int, str]], steps) -> list[tuple[int, str]]:
    """Mutate lines, cells or characters; then renumber the lines consecutively from the first line number."""
    first = lines[0][0]
    texts = [t for _, t in lines]
    for op, a, b, ins in steps:
        i = a % len(texts)
        if op in LINE_OPS:
            j = b % len(texts)
            if op == "del_line" and len(texts) > 1:
                del texts[i]
            elif op == "dup_line":
                texts.insert(i, texts[i])
            elif op == "swap_lines":
                texts[i], texts[j] = texts[j], texts[i]
        elif op in CELL_OPS:
            cells = texts[i].split("\t")
            c, d = b % len(cells), a % len(cells)
            if op == "del_cell" and len(cells) > 1:
                del cells[c]
            elif op == "dup_cell":
                cells.insert(c, cells[c])
            elif op == "swap_cells":
                cells[c], cells[d] = cells[d], cells[c]
            elif op == "replace_cell":
                cells[c] = ins
            elif op == "insert_cell":
                cells.insert(c, ins)
            texts[i] = "\t".join(cells)
        else:
            texts[i] = mutate_text(texts[i], [(op, b, 0, ins)])
    return [(first + k, t) for k, t in enumerate(texts)]


NUMBERS = st.one_of(
    st.integers(0, 10**30).map(str),
    st.floats(0, 1e6, allow_nan=False, allow_infinity=False).map(lambda x: f"{x:.2f}"),
    st.sampled_from(["６．５", "20??", "6-7", "6%-7", "6.5—7", "两位数", "一", "1/3", "3,180", "0", "00.5", ".5", "5."]),
)


def sentences(leads, wordings, verbs, units, qualifiers, seps, junk):
    """Sentence-like text: a lead, then clauses wording + verb + number + unit + qualifier, with junk between."""
    clause = st.tuples(st.sampled_from(wordings), st.sampled_from(verbs), NUMBERS, st.sampled_from(units),
                       st.sampled_from(qualifiers), st.sampled_from(seps)).map("".join)
    body = st.lists(st.one_of(clause, clause, st.sampled_from(junk), st.text(max_size=3)), min_size=1, max_size=10)
    return st.tuples(st.sampled_from(leads), body).map(lambda t: t[0] + "".join(t[1]))


ZH_SENTENCES = sentences(
    ["主要预期目标是：", "预计，全市实现", "初步核算，全年", "五年来，", "“十三五”时期，", "到2025年，", "今后五年，主要目标是：", "", "2023年，"],
    ["地区生产总值", "一般公共预算收入", "城镇登记失业率", "居民人均可支配收入", "万元GDP能耗", "城乡居民收入", "", "金融业增加值占GDP比重"],
    ["增长", "下降", "达到", "控制在", "年均增长", "累计下降", "比2020年下降", "分别增长", "提高", "", "突破", "占全市"],
    ["%", "亿元", "元", "万人", "个百分点", "倍", "", "％", "‰", "万亿元"],
    ["", "左右", "以上", "以内", "附近", "和7%", "、8%", "，力争7%"],
    ["，", "；", "。", "、", "\n", ""], ZH_INSERTS)
EN_SENTENCES = sentences(
    ["The main expected goals are: ", "It is estimated that ", "In the past five years, ", "By 2025, ", ""],
    ["the regional GDP ", "general public budget revenue ", "the urban unemployment rate ", "per capita income ", ""],
    ["will grow by ", "increased by ", "decreased by ", "reached ", "be controlled within ", "grew ", ""],
    ["%", " percent", " billion yuan", " yuan", " percentage points", " times", ""],
    ["", " or so", " and 7%", " respectively", ", striving for 7%"],
    [", ", "; ", ". ", "\n", ""], EN_INSERTS)

# 2100: a report year after every deadline written in the texts (a 'By 2025,' span once got period 2100..2025).
YEARS = st.sampled_from([None, 2012, 2016, 2021, 2024, 2025, 1900, 2100])


# ------------------------------------------------------------------------- checks

def note_outcome(name: str) -> None:
    """Count outcomes in hypothesis' statistics (pytest --hypothesis-show-statistics)."""
    if currently_in_test_context():
        _event(name)


def check_headline(text: str, lang: str, report_year: int | None) -> None:
    """Run the extractor under the hard limit and check the contract on its output."""
    try:
        with hard_time_limit():
            rows, unparsed = extract_headline(text, lang, report_year, with_unparsed=True)
    except ParseError as exc:
        note_outcome("ParseError")
        assert exc.line is None or 1 <= exc.line <= text.count("\n") + 1, (exc.line, str(exc))
        assert str(exc)
        return
    note_outcome("rows" if len(rows) else "no rows")
    assert list(rows.columns) == COLUMNS
    for row in rows.itertuples(index=False):
        assert 0 <= row.start < row.end <= len(text)
        assert row.quote == text[row.start:row.end]
        assert row.quote in text
        assert row.kind in KINDS and row.measure in MEASURES and row.qualifier in QUALIFIERS
        if row.measure == "qualitative":
            assert math.isnan(row.value)
        else:
            assert math.isfinite(row.value), row
            if not math.isnan(row.value_high):
                assert row.value <= row.value_high, row
        if not pd.isna(row.period_start) and not pd.isna(row.period_end):
            assert row.period_start <= row.period_end, row
    for item in unparsed.itertuples(index=False):
        assert item.number == text[item.start:item.end]
        assert item.line == text.count("\n", 0, item.start) + 1
        assert item.reason


def check_plan_table(lines: list[tuple[int, str]], title: str) -> None:
    by_number = dict(lines)
    try:
        with hard_time_limit():
            table = parse_plan_table(lines, title, file="fuzz.txt")
    except ParseError as exc:
        note_outcome("ParseError")
        assert exc.file == "fuzz.txt" and "fuzz.txt" in str(exc)
        assert exc.line is None or exc.line in by_number, (exc.line, str(exc))
        return
    note_outcome("parsed")
    assert by_number[table.title_line].strip() == title
    numbers = list(dict.fromkeys(row.number for row in table.rows))
    assert numbers == list(range(1, len(numbers) + 1))  # NUMBERING
    for row in table.rows:
        line = by_number[row.line]
        assert row.category in CATEGORY_WORDS
        assert row.attribute in (None, *ATTRIBUTE_WORDS.values())
        assert row.unit is None or row.unit in UNIT_WORDS
        for cell in (*row.cells.values(), *row.unplaced):
            if cell.text in line:
                continue
            # PAGE_BREAK_JOIN: a merged cell cut by the page break is the text of this line and the other one
            pair = sorted({row.line, *row.other_lines})
            assert len(pair) == 2, (cell, row)
            head, tail = by_number[pair[0]], by_number[pair[1]]
            assert any(cell.text[:k] in head and cell.text[k:] in tail for k in range(1, len(cell.text))), (cell, row)


# --------------------------------------------------------------------------- tests

@FUZZ
@given(window=st.integers(0, 63), steps=mutations(ZH_INSERTS, CHAR_OPS + LINE_OPS), year=YEARS)
def test_headline_zh_mutated_real_text(window, steps, year):
    windows = headline_windows("zh")
    text, real_year = windows[window % len(windows)]
    check_headline(mutate_text(text, steps), "zh", real_year if year == 2016 else year)


@FUZZ
@given(window=st.integers(0, 7), steps=mutations(EN_INSERTS, CHAR_OPS + LINE_OPS), year=YEARS)
def test_headline_en_mutated_real_text(window, steps, year):
    windows = headline_windows("en")
    text, real_year = windows[window % len(windows)]
    check_headline(mutate_text(text, steps), "en", real_year if year == 2016 else year)


@FUZZ
@given(parts=st.lists(st.one_of(st.sampled_from(ZH_INSERTS), st.text(max_size=4)), max_size=40), year=YEARS)
def test_headline_zh_random_text(parts, year):
    check_headline("".join(parts), "zh", year)


@FUZZ
@given(parts=st.lists(st.one_of(st.sampled_from(EN_INSERTS), st.text(max_size=4)), max_size=40), year=YEARS)
def test_headline_en_random_text(parts, year):
    check_headline("".join(parts), "en", year)


@FUZZ
@given(text=ZH_SENTENCES, year=YEARS)
def test_headline_zh_sentence_like_text(text, year):
    check_headline(text, "zh", year)


@FUZZ
@given(text=EN_SENTENCES, year=YEARS)
def test_headline_en_sentence_like_text(text, year):
    check_headline(text, "en", year)


@FUZZ
@given(plan=st.sampled_from(sorted(TABLE_TITLES)), steps=mutations(PLAN_INSERTS, CHAR_OPS + LINE_OPS + CELL_OPS))
def test_plan_table_mutated_real_table(plan, steps):
    check_plan_table(mutate_table(list(plan_table_lines(plan)), steps), TABLE_TITLES[plan])


CELL_WORDS = sorted(CATEGORY_WORDS | set(ATTRIBUTE_WORDS) | UNIT_WORDS) + PLAN_INSERTS + ["1", "2", "3", "75", "0.9"]


@FUZZ
@given(plan=st.sampled_from(sorted(TABLE_TITLES)),
       rows=st.lists(st.lists(st.one_of(st.sampled_from(CELL_WORDS), st.text(max_size=3)), max_size=9), max_size=12),
       footnote=st.booleans())
def test_plan_table_random_rows(plan, rows, footnote):
    """The real title and header, then random rows (and maybe the footnote)."""
    real = list(plan_table_lines(plan))
    header = [(n, t) for n, t in real if t.startswith("类别") or t.startswith("\t\t\t")][:2]
    lines = [(1, TABLE_TITLES[plan])] + [(2 + k, t) for k, (_n, t) in enumerate(header)]
    lines += [(len(lines) + 1 + k, "\t".join(cells)) for k, cells in enumerate(rows)]
    if footnote:
        lines.append((len(lines) + 1, "注：[]为五年累计数；①省 2020 年指标调整基数。"))
    check_plan_table(lines, TABLE_TITLES[plan])


def test_hard_time_limit_interrupts_a_runaway_regex():
    """The alarm really stops a long match (Python's regex engine checks signals)."""
    import re

    with pytest.raises(Hang):
        with hard_time_limit(0.5):
            re.match(r"(a+)+$", "a" * 40 + "b")


def test_unmutated_inputs_pass_the_checks():
    """The real paragraphs and tables themselves satisfy the contract (the mutations start from valid input)."""
    for lang in ("zh", "en"):
        for text, year in headline_windows(lang):
            check_headline(text, lang, year)
    for plan, title in TABLE_TITLES.items():
        table = parse_plan_table(list(plan_table_lines(plan)), title, file="004.txt")
        assert len(table.rows) >= 20
        check_plan_table(list(plan_table_lines(plan)), title)
