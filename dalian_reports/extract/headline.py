"""Headline figures of a government work report: paragraphs → one row per number.

A *headline paragraph* is where a work report states its main figures. Four kinds
are recognised in any Chinese city/district report (and its English translation)
by their lead words, never by file or position:

=============  ==================================================================
kind           recognised by (at the start of a sentence)
=============  ==================================================================
outcome        预计… / 初步核算… / 全年实现… / 全市完成… / 2020年，(全区)实现地区生产
               总值… in a sentence that names the economy's output (地区生产总值,
               生产总值, GDP, 经济总量 — not 万元GDP or 占GDP); a year-led
               sentence counts only for a year before ``report_year``;
               "It is estimated/expected that …", "Preliminary accounting …",
               "In the whole year …" in a sentence naming GDP
target         主要预期目标是： / 预期目标(建议)为： / 主要目标是： / 主要指标：;
               "main expected goals", "main targets"
plan_outcome   五年来 / 过去五年 / 这五年 / “十三五”时期， (a past plan);
               "In the past five years"
plan_target    a target lead whose sentence names a plan period (今后五年,
               “十四五”时期…主要预期目标); a sentence opening with 到2025年;
               “十四五”时期， when the plan is not over; "In the next five years",
               "By 2025,"
=============  ==================================================================

A span runs from the lead words (for a Chinese target lead, from the start of
its sentence, 全市经济社会发展主要预期目标是：) to the end of the paragraph, or
to the next lead of another kind; PDF-wrapped continuation lines, and for (plan)
targets the ``——`` bullet paragraphs that follow, belong to it. ``section`` is
the nearest top-level heading before the span (一、… / 第X章 / I.).

Rows (:data:`COLUMNS`)
----------------------
``indicator_zh`` is the indicator wording exactly as written (English wording for
English text), with only the surrounding lead words removed (预计, 全市实现,
五年来, "It is estimated that", a leading article) and, for Chinese, whitespace
and PDF line breaks taken out; ``quote`` (== ``text[start:end]``) runs from the
wording to the end of the number phrase and keeps everything as written.
Measures, qualifiers, units and the sign of falls follow
:mod:`dalian_reports.extract.numbers`. Further conventions:

* *Periods are true years.* With ``report_year=Y`` a ``target`` covers Y..Y, an
  ``outcome`` Y-1..Y-1, a five-year review Y-5..Y-1 and 今后五年 Y..Y+4. Written
  years win: a plan period named in or just before the paragraph (“十三五”时期
  → 2016..2020), the year of the section (2021年是“十四五”开局之年。…主要预期
  目标是 → 2021), a year written at the figure (2012年达到7000亿元 → 2012). A
  placeholder year ``20??`` is never used. With ``report_year=None`` periods
  come only from the text, else they are NA. ``report_year`` also decides
  whether a “十N五”时期 paragraph looks back or forward (without it: forward
  only if it says 目标是/力争/确保/将实现…).
* Inside a multi-year span a level, rate or pp gap (达到40.8%) is the value at
  the end year — except a level with no verb of reaching before it in a review
  (新增金融机构235家, 实现城镇实名制就业107万人), which is a total over the period
  (basis ``cumulative``), 从A增加到B gives A at the base year (start−1) and B at the end year, a
  multiple (翻一番, 是2007年的2.2倍) is dated at the end year; growth, averages,
  cumulative sums (累计) and caps (保持在…以内) cover the whole span. A growth
  or decline measured against a base year B more than a year before the
  period (能耗强度较2020年累计下降12%) covers B+1..end with basis
  ``cumulative since B`` and is a ``cumulative_decline`` when a decline.
* ``basis`` collects definition notes joined by ``; ``: 按老口径 / 按新口径 /
  按传统口径 / 按可比价格 as written (and a basis announced just before the span,
  新区口径数据…具体如下：2020年，实现… → ``新区口径``), ``vs 2010`` (multiples, shares of a goal),
  ``vs 全国平均值`` (pp gaps), ``cumulative since 2020``, ``cumulative`` (累计
  levels, growth over a five-year review), ``annual average`` (年均 declines),
  ``average`` (平均), ``urban`` / ``rural`` (one 城乡 wording with two values,
  城乡居民收入达到35750元和14650元), ``力争 (stretch)`` for a stretch goal; for
  qualitative rows, the qualitative wording (与经济增长基本同步).
* 力争: the base target and the 力争 value are separate rows; only the 力争 row
  carries ``力争 (stretch)`` (地区生产总值增长7%，力争7.5% → two rows).
* ``share_of`` names the whole of a share: 占全市 → ``city`` (default
  ``'dalian'``), 占全省/占辽宁省 → ``province`` (default ``'liaoning'``), 占大连市
  → ``'dalian'``, 占全国 → ``'china'``, 占全区 → ``'district'``; a share of GDP
  stays in the wording (金融业增加值占GDP比重); a share is a ``rate``.
* A bare cap (城镇登记失业率控制在2.61%) is ``at_most`` in a target but the
  ``exact`` measured value in an outcome.
* Shared subjects: A、B均增长13% → two rows; A、B分别增长9.8%和10.8% and
  A 30238元、B 17717元，分别增长9.8%和10.8% → pairwise; a clause without its
  own wording (，增长11%) takes the wording(s) of the clause before it.
* Qualitative figures are rows only for explicit qualitative targets (与经济增长
  同步/一致, 高于全市平均水平, 达到上级要求, 完成省下达任务; "basically
  synchronized with economic growth").

Nothing is dropped silently: :func:`unparsed` lists every number inside a
headline span that is not a row value or a year used for a period/basis, with
a reason. Counts that modify a noun (19个重点产业园区, 投资1000万美元以上的
项目) are listed there as 'number modifying a following word'; counts stated as
figures (新增金融机构235家) are extracted as ``level`` rows.

Examples
--------
>>> rows = extract_headline("主要预期目标是：地区生产总值增长6.5%左右，城镇登记失业率控制在3%以内。", report_year=2016)
>>> rows[["kind", "indicator_zh", "measure", "value", "qualifier", "period_start"]].values.tolist()
[['target', '地区生产总值', 'growth', 6.5, 'about', 2016], ['target', '城镇登记失业率', 'rate', 3.0, 'at_most', 2016]]
>>> [s.kind for s in find_headline_paragraphs("五年来，地区生产总值年均增长8.5%。")]
['plan_outcome']
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from ..errors import ParseError
from .numbers import (
    NAN, Quantity, is_placeholder_mark, line_of, number_tokens, resolve_measure, scan_quantities, to_halfwidth,
)

KINDS = ("outcome", "target", "plan_outcome", "plan_target")
COLUMNS = [
    "kind", "period_start", "period_end", "indicator_zh", "measure", "value", "value_high", "unit",
    "qualifier", "basis", "share_of", "start", "end", "quote",
]
UNPARSED_COLUMNS = ["kind", "start", "end", "number", "reason", "line", "context"]


class HeadlineSpan(NamedTuple):
    """A headline paragraph: ``text[start:end]``, its kind and the heading it sits under."""

    start: int
    end: int
    kind: str
    section: str


# ---------------------------------------------------------------------------
# Lead words
# ---------------------------------------------------------------------------
_CN_YEAR = r"二〇[〇一二三四五六七八九]{2}"
_YEAR = r"(?:19|20)(?:\d\d|\?\?)"
_PLAN = r"“?十(?P<plan>[一二三四五六七八九]?)五”?"
_SENTENCE_START_ZH = r"(?:^|(?<=[。；;!！?？:：]))\s*(?:——)?\s*(?:[一二三四五六七八九十]是)?"
_SENTENCE_START_EN = r"(?:^|(?<=[.;:!?\"”])\s)\s*"

_TRIGGERS_ZH = [
    ("outcome", re.compile(_SENTENCE_START_ZH + r"(?P<t>(?:据|经)?初步核算|预计|(?:全年|全市|全区|全县|全省)(?:经济)?(?:共)?(?:实现|完成)"
                           r"|全年(?=(?:全市|全区|全县)?(?:地区)?生产总值)"
                           r"|(?P<year>(?:19|20)\d\d)\s*年[，,]?(?=(?:全市|全区|全县)?(?:共)?(?:实现|完成)?(?:地区)?生产总值))", re.M)),
    ("target", re.compile(r"(?P<t>(?:主要预期目标|预期目标|主要目标|主要指标)[^，,。；;:：]{0,6}?\s*[:：]|主要预期目标(?:是|为))")),
    ("plan_target", re.compile(_SENTENCE_START_ZH + rf"(?P<t>到\s*(?:{_YEAR}|{_CN_YEAR})\s*年(?:底|末)?)", re.M)),
    ("plan_outcome", re.compile(_SENTENCE_START_ZH + r"(?P<t>五年来|过去五年|过去的五年|这五年|近五年|" + _PLAN + r"(?:时期|期间)(?=[，,]|以来))", re.M)),
]
_TRIGGERS_EN = [
    ("outcome", re.compile(_SENTENCE_START_EN + r"(?P<t>It is (?:estimated|expected|projected|anticipated) that|(?:According to )?[Pp]reliminary (?:accounting|calculations?|estimates?|statistics)|In the whole year|For the whole year)", re.M)),
    ("target", re.compile(r"(?P<t>\b(?:main|major) (?:expected )?(?:goals|targets|objectives)\b|\bexpected (?:goals|targets)\b)", re.I)),
    ("plan_target", re.compile(_SENTENCE_START_EN + r"(?P<t>(?:In|Over) the next five years|By (?:the end of )?(?:19|20)\d\d,)", re.M)),
    ("plan_outcome", re.compile(_SENTENCE_START_EN + r"(?P<t>(?:In|Over|During) the past five years|During the \w+ Five-Year Plan period,)", re.M)),
]
_GDP_ZH = re.compile(r"(?<![占元位])(?:地区生产总值|生产总值|GDP|经济总量)", re.I)
_GDP_EN = re.compile(r"\b(?:regional GDP|GDP|gross domestic product|gross regional product)\b", re.I)
_PLAN_MARK_ZH = re.compile(_PLAN + r"|今后五年|未来五年|五年|规划期|到\s*(?:" + _YEAR + "|" + _CN_YEAR + r")\s*年")
_PLAN_MARK_EN = re.compile(r"five[- ]year|next five years|\b1\dth\b|\bby (?:19|20)\d\d\b", re.I)
_FUTURE_ZH = re.compile(r"目标(?:是|为)|预期目标|力争|确保|(?:将|要)(?:会|要)?(?:实现|达到|保持|增长|突破)")
_HEADING_ZH = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十百]+[篇章节部]|[0-9]+[.、](?!\d))")
_TOP_HEADING_ZH = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十百]+[篇章部])")
_HEADING_EN = re.compile(r"^\s*(?:[IVXⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+\.|Part [IVX]+\b|Chapter \d+)")
_SENTENCE_END = "。!！?？"
_ZH_SENTENCE_END = re.compile(r"[。!！]|(?<![\d?？])[?？](?![?？])")

# The year of a section: 2021年是…, 刚刚过去的2012年, 二、2024年政府工作目标与任务
_SECTION_YEAR_ZH = re.compile(
    rf"(?:过去的\s*(?P<a>{_YEAR})\s*年)|(?P<b>{_YEAR})\s*年(?=\s*(?:是|，|,|(?:政府)?工作|主要工作|的?主要预期目标|经济社会发展))")
_SECTION_YEAR_EN = re.compile(r"\b(?:in|of|for)\s+(?P<a>(?:19|20)\d\d)\b|\b(?P<b>(?:19|20)\d\d)\s+(?:is|was|will be)\b", re.I)
_PLAN_EN = re.compile(r"\b(?P<n>1[0-9])th Five-Year Plan", re.I)

_QUALITATIVE_ZH = re.compile(
    r"(?:与|同)(?:经济|地区生产总值|GDP)(?:增长|发展)?(?:速度)?(?:基本)?(?:保持)?(?:同步|一致|相适应|相协调)"
    r"|(?:高于|快于|好于|超过|不低于)(?:全国|全省|全市|全区|全县|东部地区|同类城市)(?:的)?平均(?:水平|增速|值)?"
    r"|(?:高于|快于)经济(?:增长|发展)(?:速度)?"
    r"|达到(?:上级|国家|省|市)(?:下达的?)?(?:考核)?(?:要求|目标)"
    r"|完成(?:省|市|上级)?下达(?:的)?(?:目标)?任务", re.I)
_QUALITATIVE_EN = re.compile(
    r"(?:(?:is|are|will be|be|was|were|remains?|remained)\s+)?(?:(?:will\s+)?(?:grow|grows|grew|increase|increases|rise|rises)\s+)?"
    r"(?:basically\s+)?(?:synchroni[sz]ed|in step|in line|consistent|keep(?:s|ing)? pace|kept pace)"
    r"\s+with\s+(?:the\s+)?economic\s+(?:growth|development)"
    r"|(?:(?:is|are|will be|be|was|were)\s+)?(?:higher|faster) than (?:the )?(?:national|provincial|city(?:'s)?|municipal|city-wide) average", re.I)


# ---------------------------------------------------------------------------
# Paragraphs and spans
# ---------------------------------------------------------------------------
def _paragraphs(norm: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, trimmed of surrounding whitespace."""
    out = []
    pos = 0
    for line in norm.split("\n"):
        stripped = line.strip()
        if stripped:
            s = pos + (len(line) - len(line.lstrip()))
            out.append((s, s + len(stripped)))
        pos += len(line) + 1
    return out


def _is_heading(norm: str, para: tuple[int, int], lang: str) -> bool:
    line = norm[para[0]:para[1]]
    if lang == "zh":
        return bool(_HEADING_ZH.match(line)) and len(line) <= 60 and "。" not in line.rstrip("。")
    return bool(_HEADING_EN.match(line)) and len(line) <= 160


def _is_top_heading(norm: str, para: tuple[int, int], lang: str) -> bool:
    if not _is_heading(norm, para, lang):
        return False
    return lang == "en" or bool(_TOP_HEADING_ZH.match(norm[para[0]:para[1]]))


def _sentence_start(norm: str, pos: int, floor: int) -> int:
    i = pos
    while i > floor and (norm[i - 1] not in _SENTENCE_END + "；;" or is_placeholder_mark(norm, i - 1)):
        i -= 1
    while i < pos and norm[i] in " \t\u00a0":
        i += 1
    return i


def _span_start(norm: str, m: re.Match, para: tuple[int, int], kind: str, lang: str) -> int:
    """Chinese spans start with the lead's sentence; English ones at the lead, or the sentence of a target lead."""
    if lang == "zh":
        return _sentence_start(norm, m.start("t"), para[0]) if kind == "target" else m.start("t")
    if kind in ("target", "plan_target") and not m.group("t")[:1].isupper():
        ends = list(re.finditer(r"[.!?;](?=\s)", norm[para[0]:m.start("t")]))
        start = para[0] + ends[-1].end() if ends else para[0]
        while start < m.start("t") and norm[start] in " \t\u00a0":
            start += 1
        return start
    return m.start("t")


def _sentence_end(norm: str, pos: int, ceiling: int, lang: str) -> int:
    if lang == "zh":
        m = _ZH_SENTENCE_END.search(norm, pos, ceiling)
    else:
        m = _EN_SENTENCE_END.search(norm, pos, ceiling)
    return m.end() if m else ceiling


_EN_SENTENCE_END = re.compile(r"(?<=[a-z%\d)\"”'])\.(?=\s*[A-Z\"“]|\s*$)|[!?](?=\s)")


def _plan_years(n: str) -> tuple[int, int] | None:
    """'三' (the 13th plan) → (2016, 2020); '' (the 10th plan) → (2001, 2005)."""
    digits = {"": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
    number = 10 + digits[n] if n in digits else None
    if number is None:
        return None
    start = 1951 + 5 * number
    return start, start + 4


def _trigger_kind(norm: str, kind: str, m: re.Match, para: tuple[int, int], lang: str, report_year: int | None) -> str | None:
    """Refine or reject a trigger match."""
    sent_start = _sentence_start(norm, m.start("t"), para[0])
    sent_end = _sentence_end(norm, m.end("t"), para[1], lang)
    sentence = norm[sent_start:sent_end]
    if kind == "outcome":
        year = m.groupdict().get("year")
        if year and report_year is not None and int(year) >= report_year:
            return None  # '2024年，地区生产总值增长…' in the 2024 report is not a result
        return kind if (_GDP_ZH if lang == "zh" else _GDP_EN).search(sentence) else None
    if kind == "target":
        lead = norm[sent_start:m.start("t")]
        return "plan_target" if (_PLAN_MARK_ZH if lang == "zh" else _PLAN_MARK_EN).search(lead) else "target"
    if kind == "plan_outcome" and lang == "zh" and m.groupdict().get("plan") is not None:
        years = _plan_years(m.group("plan"))
        if report_year is not None and years is not None:
            return "plan_outcome" if years[1] < report_year else "plan_target"
        return "plan_target" if _FUTURE_ZH.search(sentence) else "plan_outcome"
    return kind


def _continues(norm: str, prev: tuple[int, int], nxt: tuple[int, int], kind: str, lang: str) -> bool:
    """A wrapped line (previous paragraph has no sentence end) or a ——bullet of a (plan) target."""
    if _is_heading(norm, nxt, lang):
        return False
    last = norm[prev[1] - 1]
    if last not in _SENTENCE_END + ".:：;；”\"）)" and lang == "zh":
        return True
    return kind in ("target", "plan_target") and norm.startswith(("——", "—"), nxt[0])


def find_headline_paragraphs(text: str, lang: str = "zh", report_year: int | None = None) -> list[HeadlineSpan]:
    """Headline spans of a work report, in order (see the module docstring for the kinds).

    ``report_year`` only decides whether a “十N五”时期 paragraph looks back
    (plan over before the report year) or forward.

    >>> text = "一、2023年工作回顾\\n预计，地区生产总值增长6%以上。\\n二、2024年目标\\n主要预期目标是：地区生产总值增长6%左右。"
    >>> [(s.kind, s.section) for s in find_headline_paragraphs(text)]
    [('outcome', '一、2023年工作回顾'), ('target', '二、2024年目标')]
    """
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")
    norm = to_halfwidth(text)
    paragraphs = _paragraphs(norm)
    triggers = _TRIGGERS_ZH if lang == "zh" else _TRIGGERS_EN
    spans: list[HeadlineSpan] = []
    section = ""
    i = 0
    while i < len(paragraphs):
        para = paragraphs[i]
        if _is_heading(norm, para, lang):
            if _is_top_heading(norm, para, lang):
                section = text[para[0]:para[1]].strip()
            i += 1
            continue
        found = []
        line_start = norm.rfind("\n", 0, para[0]) + 1   # so that ^ matches before an indent
        for kind, rx in triggers:
            for m in rx.finditer(norm, line_start, para[1]):
                refined = _trigger_kind(norm, kind, m, para, lang, report_year)
                if refined:
                    found.append((_span_start(norm, m, para, refined, lang), refined))
        found = _merge_triggers(sorted(set(found)))
        if not found:
            i += 1
            continue
        last = i
        while last + 1 < len(paragraphs) and _continues(norm, paragraphs[last], paragraphs[last + 1], found[-1][1], lang):
            last += 1
        for j, (start, kind) in enumerate(found):
            end = found[j + 1][0] if j + 1 < len(found) else paragraphs[last][1]
            end = _trim_end(norm, start, end)
            if end > start:
                spans.append(HeadlineSpan(start, end, kind, section))
        i = last + 1
    return spans


def _merge_triggers(found: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Within one paragraph a later lead of the same family continues the span before it."""
    family = {"outcome": "past", "plan_outcome": "past", "target": "future", "plan_target": "future"}
    out: list[tuple[int, str]] = []
    for start, kind in found:
        if out and out[-1][0] == start:
            if kind in ("plan_target", "target") and out[-1][1] in ("plan_target", "target"):
                out[-1] = (start, "plan_target" if "plan_target" in (kind, out[-1][1]) else "target")
            continue
        if out and family[out[-1][1]] == family[kind] and (out[-1][1] == kind or kind == "plan_target"):
            continue
        out.append((start, kind))
    return out


def _trim_end(norm: str, start: int, end: int) -> int:
    while end > start and norm[end - 1] in " \t\n\u00a0":
        end -= 1
    return end


# ---------------------------------------------------------------------------
# Periods
# ---------------------------------------------------------------------------
def _year_int(s: str | None) -> int | None:
    if not s or "?" in s:
        return None
    if s.isdigit():
        return int(s)
    digits = {"〇": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
    try:
        return int("".join(digits[c] for c in s))
    except KeyError:
        return None


def _lookback_regions(norm: str, paragraphs, span: HeadlineSpan, lang: str, n: int = 3):
    """(text, is_heading): the span's paragraph before it, then up to ``n`` earlier paragraphs,
    stopping after a heading (nearest first)."""
    idx = max((k for k, p in enumerate(paragraphs) if p[0] <= span.start), default=None)
    if idx is None:
        return
    yield norm[paragraphs[idx][0]:span.start], False
    for k in range(idx - 1, max(-1, idx - 1 - n), -1):
        heading = _is_heading(norm, paragraphs[k], lang)
        yield norm[paragraphs[k][0]:paragraphs[k][1]], heading
        if heading:
            return


_HEADING_YEAR = re.compile(rf"(?P<a>{_YEAR})\s*年|\b(?P<b>(?:19|20)\d\d)\b")


def _section_year(norm, paragraphs, span, lang) -> int | None:
    """The year the section is about: the nearest 'YYYY年是…' / '刚刚过去的YYYY年', or the year in the
    heading above (None for '20??' or nothing)."""
    rx = _SECTION_YEAR_ZH if lang == "zh" else _SECTION_YEAR_EN
    for region, heading in _lookback_regions(norm, paragraphs, span, lang, n=4):
        matches = list((_HEADING_YEAR if heading and lang == "zh" else rx).finditer(region))
        if matches:
            m = matches[-1]
            return _year_int(m.group("a") or m.group("b"))
    return None


def _plan_mentioned(norm, paragraphs, span, lang) -> tuple[int, int] | None:
    lead_sentence = norm[_sentence_start(norm, span.start, 0):span.start]
    head = norm[span.start:_sentence_end(norm, span.start, span.end, lang)]
    regions = [head, lead_sentence] + [r for r, _heading in _lookback_regions(norm, paragraphs, span, lang, n=30)]
    for region in regions:
        if lang == "zh":
            m = re.search(_PLAN + r"(?:时期|期间|规划(?:的)?(?:收官|开局|实施|最后|第一))", region)
            if m:
                return _plan_years(m.group("plan"))
        else:
            m = _PLAN_EN.search(region)
            if m:
                start = 1951 + 5 * int(m.group("n"))
                return start, start + 4
    return None


@dataclass
class _SpanPeriod:
    start: int | None
    end: int | None
    used: list = field(default_factory=list)  # offsets of years read for the period


def _span_period(norm, paragraphs, span: HeadlineSpan, lang: str, report_year: int | None) -> _SpanPeriod:
    if span.kind in ("target", "outcome"):
        lead = re.compile(rf"(?P<y>{_YEAR})\s*年[，,]").match(norm, span.start, span.end)
        if lead and _year_int(lead.group("y")) is not None:   # 2020年，实现地区生产总值…
            year = _year_int(lead.group("y"))
            return _SpanPeriod(year, year, [(lead.start("y"), lead.end("y"))])
        year = _section_year(norm, paragraphs, span, lang)
        if year is None and report_year is not None:
            year = report_year if span.kind == "target" else report_year - 1
        return _SpanPeriod(year, year)
    used = []
    plan = _plan_mentioned(norm, paragraphs, span, lang)
    to_year = re.compile(rf"到\s*(?P<y>{_YEAR}|{_CN_YEAR})\s*年|\bBy (?:the end of )?(?P<e>(?:19|20)\d\d)\b").search(norm, span.start, span.end)
    if to_year:
        g = "y" if to_year.group("y") else "e"
        used.append((to_year.start(g), to_year.end(g)))
    if plan:
        return _SpanPeriod(plan[0], plan[1], used)
    if to_year and _year_int(to_year.group("y") or to_year.group("e")):
        end = _year_int(to_year.group("y") or to_year.group("e"))
        start = report_year if report_year is not None and report_year <= end else None  # 到2025年 read in 2026
        return _SpanPeriod(start, end, used)
    if report_year is None:
        return _SpanPeriod(None, None, used)
    if span.kind == "plan_outcome":
        return _SpanPeriod(report_year - 5, report_year - 1, used)
    return _SpanPeriod(report_year, report_year + 4, used)


# ---------------------------------------------------------------------------
# Subjects (indicator wording)
# ---------------------------------------------------------------------------
@dataclass
class _Subject:
    wording: str
    start: int
    end: int
    note: str = ""            # 'urban' / 'rural'
    year: int | None = None
    year_text: str = ""
    compare: str = ""
    stretch: bool = False
    cumulative: bool = False
    refs: list = field(default_factory=list)


_LEAD_STRIP_ZH = [
    re.compile(r"[\s、，,；;：:（()）“”\"—\-·]+"),
    re.compile(r"(?:据|经)?初步核算|预计|五年来|过去的五年|过去五年|这五年|近五年|“?十[一二三四五六七八九]?五”?(?:时期|期间)(?:以来)?"),
    re.compile(r"(?:[一二三四五六七八九十]是)|其中|同时|此外|另外|以及|及|和|与|并且|并|且|还有|还|全年(?!实现|完成)"),
    re.compile(r"(?:全年|全市|全区|全县|全省|我市|我区|本市)?(?:经济)?(?:共|累计)?(?:实现|完成)(?=\D)"),
    re.compile(r"力争|争取"),
]
_LEAD_YEAR_ZH = re.compile(rf"(?:到\s*)?(?P<y>{_YEAR}|{_CN_YEAR})\s*年(?:末|底|全年)?[，,]?")
_LEAD_COMPARE = re.compile(r"(?:与|同|比|较)\s*(?P<y>(?:19|20)\d\d)\s*年\s*相?比[，,]?|[Cc]ompared (?:with|to) (?:the )?(?:end of )?(?P<e>(?:19|20)\d\d)\s*,?")
_TRAIL_STRIP_ZH = re.compile(r"(?:[\s的，,、：:（(]|持续|继续|基本|进一步|保持|稳定|总体|(?<![人年平])均|都|分别|同比|全年|逆势|分别为)+$")
_LEAD_STRIP_EN = [
    re.compile(r"[\s,;:()\"“”.\-]+"),
    re.compile(r"(?:It is (?:estimated|expected|projected|anticipated) that|(?:According to )?[Pp]reliminary (?:accounting|calculations?|estimates?|statistics)(?: shows?(?: that)?)?,?|In the whole year,?|For the whole year,?|In the past five years,?|Over the past five years,?|In the next five years,?)\s*"),
    re.compile(r"(?:and|while|of which|among them,?|with|the|The|a|an)\s+"),
    re.compile(r"(?:strive to|strive for)\s+"),
]
_TRAIL_STRIP_EN = re.compile(r"(?:\s+(?:will|would|has|have|had|is|are|was|were|be|been|basically|respectively)|[\s,;:])+$")


def _clean_subject(text: str, norm: str, a: int, b: int, lang: str) -> _Subject | None:
    """Trim lead words around the indicator wording in ``norm[a:b]``."""
    subject = _Subject("", a, b)
    strips = _LEAD_STRIP_ZH if lang == "zh" else _LEAD_STRIP_EN
    changed = True
    while changed and a < b:
        changed = False
        for rx in strips:
            m = rx.match(norm, a, b)
            if m and m.end() > a:
                matched = m.group(0)
                if matched.startswith(("力争", "争取")):
                    subject.stretch = True
                a, changed = m.end(), True
        m = (_LEAD_YEAR_ZH if lang == "zh" else re.compile(r"In (?P<y>(?:19|20)\d\d),?\s*")).match(norm, a, b)
        if m and m.end() > a:
            subject.year_text = m.group("y")
            subject.year = _year_int(m.group("y"))
            subject.refs.append((m.start("y"), m.end("y")))
            a, changed = m.end(), True
        m = _LEAD_COMPARE.match(norm, a, b)
        if m:
            g = "y" if m.group("y") else "e"
            subject.compare = m.group(g)
            subject.refs.append((m.start(g), m.end(g)))
            a, changed = m.end(), True
    trail = (_TRAIL_STRIP_ZH if lang == "zh" else _TRAIL_STRIP_EN).search(norm, a, b)
    if trail:
        b = trail.start()
    if b <= a:
        return None
    wording = text[a:b]
    wording = re.sub(r"\s+", "", wording) if lang == "zh" else re.sub(r"\s+", " ", wording).strip()
    if not re.search(r"[A-Za-z\u4e00-\u9fff]", wording):
        return None
    subject.wording, subject.start, subject.end = wording, a, b
    subject.cumulative = subject.cumulative or "累计" in wording or "cumulative" in wording.lower()
    return subject


def _split_subject(subject: _Subject, norm: str, text: str, lang: str, n_values: int, respectively: bool) -> list[_Subject]:
    """A、B、C → three subjects; A和B with 分别 and two values → two; 城乡… with two values → urban, rural."""
    seps = [r"、"] if lang == "zh" else []
    if respectively and n_values > 1:
        seps.append(r"和|与|及|以及" if lang == "zh" else r",\s*and\s+|\s+and\s+|,\s*")
    for sep in seps:
        parts = _split_on(subject, norm, text, lang, sep)
        if len(parts) > 1 and (sep == "、" or len(parts) == n_values):
            subject_parts = parts
            break
    else:
        subject_parts = [subject]
    if len(subject_parts) == 1 and n_values == 2 and _is_urban_rural(subject.wording):
        return [_with_note(subject, "urban"), _with_note(subject, "rural")]
    return subject_parts


def _is_urban_rural(wording: str) -> bool:
    return wording.startswith("城乡") or "urban and rural" in wording.lower()


def _with_note(subject: _Subject, note: str) -> _Subject:
    return _Subject(subject.wording, subject.start, subject.end, note, subject.year, subject.year_text,
                    subject.compare, subject.stretch, subject.cumulative, list(subject.refs))


def _split_on(subject: _Subject, norm: str, text: str, lang: str, sep: str) -> list[_Subject]:
    parts = []
    pos = subject.start
    for m in list(re.finditer(sep, norm[subject.start:subject.end])) + [None]:
        cut = subject.start + m.start() if m else subject.end
        piece = _clean_subject(text, norm, pos, cut, lang)
        if piece is None:
            return [subject]
        piece.year, piece.year_text, piece.compare = subject.year, subject.year_text, subject.compare
        piece.stretch = subject.stretch or piece.stretch
        piece.cumulative = subject.cumulative or piece.cumulative
        parts.append(piece)
        if m:
            pos = subject.start + m.end()
    return parts


# ---------------------------------------------------------------------------
# Rows
# ---------------------------------------------------------------------------
@dataclass
class _Item:
    start: int
    end: int
    quantities: list          # quantities of one group, or [] for a qualitative predicate
    predicate: str = ""


def _items(norm: str, quantities: list[Quantity], qualitative: list[re.Match], a: int, b: int) -> list[_Item]:
    items: dict[int, _Item] = {}
    out: list[_Item] = []
    for q in quantities:
        if q.start < a or q.start >= b or q.modifier:
            continue
        item = items.get(q.group)
        if item is None or item is not out[-1]:
            item = _Item(q.start, q.end, [q])
            items[q.group] = item
            out.append(item)
        else:
            item.quantities.append(q)
            item.end = q.end
    for m in qualitative:
        if a <= m.start() < b and not any(i.start < m.end() and m.start() < i.end for i in out if i.quantities):
            out.append(_Item(m.start(), m.end(), [], m.group(0)))
    return sorted(out, key=lambda i: i.start)


def _sentences(norm: str, span: HeadlineSpan, lang: str) -> list[tuple[int, int]]:
    out = []
    pos = span.start
    rx = _ZH_SENTENCE_END if lang == "zh" else _EN_SENTENCE_END
    for m in rx.finditer(norm, span.start, span.end):
        out.append((pos, m.end()))
        pos = m.end()
    if pos < span.end:
        out.append((pos, span.end))
    return out


def _lead_segment(norm: str, a: int, b: int, lang: str) -> int:
    """Start of the last clause in norm[a:b] (after the last ，；：)."""
    seps = "，,；;：:" if lang == "zh" else ",;:"
    for i in range(b - 1, a - 1, -1):
        if norm[i] in seps:
            if lang == "en" and norm[i] == "," and i + 1 < b and norm[i - 1:i].isdigit() and norm[i + 1:i + 2].isdigit():
                continue
            return i + 1
    return a


_DECLARED_BASIS = re.compile(r"(?P<basis>[^\s，,。；;：:、]{1,12}口径)(?:数据)?[^。；;]{0,80}?(?:具体如下|如下)[：:]\s*$")


def _declared_basis(norm: str, paragraphs, span: HeadlineSpan) -> str | None:
    """A basis announced just before the span in its paragraph: '新区口径数据…具体如下：2020年，实现…' → '新区口径'."""
    for a, b in paragraphs:
        if a <= span.start <= b:
            found = _DECLARED_BASIS.search(norm, a, span.start)
            return found.group("basis") if found else None
    return None


class _Context:
    def __init__(self, text, norm, span, lang, period, city, province, declared_basis=None):
        self.declared_basis = declared_basis
        self.text, self.norm, self.span, self.lang = text, norm, span, lang
        self.period, self.city, self.province = period, city, province
        self.rows: list[dict] = []
        self.problems: dict[tuple[int, int], str] = {}
        self.used: list[tuple[int, int]] = list(period.used)
        self.wording_ranges: list[tuple[int, int]] = []


def _span_records(ctx: _Context) -> None:
    text, norm, span, lang = ctx.text, ctx.norm, ctx.span, ctx.lang
    quantities = scan_quantities(text, lang, span.start, span.end)
    for q in quantities:
        if q.modifier:
            for s, e in q.numbers:
                ctx.problems[(s, e)] = "number modifying a following word (not an indicator figure)"
    qual_rx = _QUALITATIVE_ZH if lang == "zh" else _QUALITATIVE_EN
    qualitative = list(qual_rx.finditer(norm, span.start, span.end))
    for a, b in _sentences(norm, span, lang):
        stack: list[list[_Subject]] = []
        prev_end = a
        previous: Quantity | None = None
        for item in _items(norm, quantities, qualitative, a, b):
            n_values = max(1, len(item.quantities))
            respectively = any(q.respectively for q in item.quantities)
            seg = _lead_segment(norm, prev_end, item.start, lang)
            own = _clean_subject(text, norm, seg, item.start, lang)
            if own is not None:
                _clause_comparison(own, norm, prev_end, seg)
                subjects = _split_subject(own, norm, text, lang, n_values, respectively)
                stack.append(subjects)
                ctx.wording_ranges.append((own.start, own.end))
            else:
                subjects = [_inherit_context(s, norm, seg, item.start, lang) for s in _inherit(stack, n_values)]
            prev_end = item.end
            if not subjects:
                _note_problem(ctx, item, "no indicator wording before the number")
                continue
            if not item.quantities:
                for subject in subjects:
                    _add_qualitative_row(ctx, subject, item)
                continue
            pairs = _pair(subjects, item.quantities)
            if pairs is None:
                _note_problem(ctx, item, f"cannot pair {len(item.quantities)} values with {len(subjects)} indicator wordings")
                continue
            for subject, q in pairs:
                if own is None and previous is not None:
                    q = _stretch_follows_base(q, previous)
                _add_row(ctx, subject, q)
            previous = item.quantities[-1]


def _clause_comparison(subject: _Subject, norm: str, a: int, b: int) -> None:
    """'Compared with 2020, the energy consumption intensity …' / '与2020年相比，…': the base year of the clause."""
    if subject.compare:
        return
    m = _LEAD_COMPARE.search(norm, a, b)
    if m:
        g = "y" if m.group("y") else "e"
        subject.compare = m.group(g)
        subject.refs.append((m.start(g), m.end(g)))


def _inherit_context(subject: _Subject, norm, a, b, lang) -> _Subject:
    """An inherited wording picks up a comparison or year written in the clause (Compared with 2020, …)."""
    copy = _with_note(subject, subject.note)
    m = _LEAD_COMPARE.search(norm, a, b)
    if m:
        g = "y" if m.group("y") else "e"
        copy.compare = m.group(g)
        copy.refs.append((m.start(g), m.end(g)))
    m = _LEAD_YEAR_ZH.search(norm, a, b) if lang == "zh" else None
    if m and not norm.startswith("比", max(a, m.start() - 1)):
        copy.year_text, copy.year = m.group("y"), _year_int(m.group("y"))
        copy.refs.append((m.start("y"), m.end("y")))
    return copy


def _stretch_follows_base(q: Quantity, base: Quantity) -> Quantity:
    """'增长7%，力争7.5%': a 力争 figure without a verb of its own is read like the base figure."""
    if not q.stretch or q.direction or q.form in ("from", "to", "multiple", "gap"):
        return q
    return replace(q, direction=base.direction, average=base.average, cumulative=base.cumulative,
                   form="" if base.direction else q.form)


def _inherit(stack: list[list[_Subject]], n_values: int) -> list[_Subject]:
    if not stack:
        return []
    if n_values == 1 or len(stack[-1]) == n_values:
        return list(stack[-1])
    gathered: list[_Subject] = []
    for group in reversed(stack):
        for subject in reversed(group):
            if all(subject.wording != g.wording or subject.note != g.note for g in gathered):
                gathered.insert(0, subject)
        if len(gathered) >= n_values:
            break
    if len(gathered) >= n_values:
        return gathered[-n_values:]
    if len(stack[-1]) == 1 and n_values == 2 and _is_urban_rural(stack[-1][0].wording):
        return [_with_note(stack[-1][0], "urban"), _with_note(stack[-1][0], "rural")]
    return []


def _pair(subjects: list[_Subject], quantities: list[Quantity]):
    if len(quantities) == 1:
        return [(s, quantities[0]) for s in subjects]
    if len(subjects) == len(quantities):
        return list(zip(subjects, quantities))
    return None


def _note_problem(ctx: _Context, item: _Item, reason: str) -> None:
    for q in item.quantities:
        for s, e in q.numbers:
            ctx.problems[(s, e)] = reason


def _share_of(whole: str, ctx: _Context) -> str:
    if not whole:
        return ""
    if whole in ("全市", "本市", "市"):
        return ctx.city
    if whole in ("全省", "本省", "省") or whole.startswith("辽宁"):
        return ctx.province
    if whole.startswith("大连"):
        return "dalian"
    if whole == "全国":
        return "china"
    if whole.startswith("东北"):
        return "northeast"
    return {"全区": "district", "本区": "district", "全县": "county"}.get(whole, whole)


def _reference_basis(ref: str) -> str:
    m = re.fullmatch(r"十([一二三四五六七八九]?)五(期末|末)?(?:时期)?", ref)
    if m:
        years = _plan_years(m.group(1))
        if years and m.group(2):
            return f"vs {years[1]}"
        if years:
            return f"vs 十{m.group(1)}五 ({years[0]}-{years[1]})"
    return f"vs {ref}"


_PREVIOUS_YEAR = ("上年", "去年", "last year", "the previous year")


def _add_row(ctx: _Context, subject: _Subject, q: Quantity) -> None:
    """One numeric row: measure and sign, period, basis notes, quote."""
    if subject.cumulative and not q.cumulative:
        q = replace(q, cumulative=True)
    compare = q.compare or subject.compare
    base_year = _year_int(compare) if re.fullmatch(r"(?:19|20)\d\d", compare or "") else None
    first_year = ctx.period.start if ctx.period.start is not None else ctx.period.end
    cumulative_base = base_year is not None and first_year is not None and base_year < first_year - 1
    measure, value, high, notes = resolve_measure(q, subject.wording, cumulative_base=cumulative_base)
    start_year, end_year = _row_years(ctx, subject, q, measure, base_year if cumulative_base else None)
    basis = _row_basis(ctx, subject, q, measure, notes, compare, base_year if cumulative_base else None)
    start = min([subject.start, q.start] + [s for s, _e in subject.refs if s < subject.start and compare])
    start = _start_of_reference(ctx.norm, start, subject, compare)
    ctx.rows.append(dict(
        kind=ctx.span.kind, period_start=start_year, period_end=end_year, indicator_zh=subject.wording,
        measure=measure, value=value, value_high=high, unit=q.unit, qualifier=_row_qualifier(ctx, q),
        basis="; ".join(dict.fromkeys(b for b in basis if b)), share_of=_share_of(q.share, ctx),
        start=start, end=q.end, quote=ctx.text[start:q.end],
    ))
    ctx.used.extend(q.numbers)
    ctx.used.extend(q.refs)
    ctx.used.extend(subject.refs)


def _row_years(ctx: _Context, subject: _Subject, q: Quantity, measure: str, cumulative_base: int | None):
    """(period_start, period_end) of one figure within its span (see the module docstring)."""
    period = ctx.period
    explicit = _year_int(q.year) if q.year else subject.year
    if explicit is not None:                      # 2012年达到7000亿元
        return explicit, explicit
    if q.form == "from":                          # 从5158亿元 … : the base year
        base = period.start - 1 if period.start is not None else None
        return base, base
    if q.form == "to":                            # … 增加到7700亿元: the end year
        return period.end, period.end
    if cumulative_base is not None and measure != "multiple":   # 较2020年累计下降12%
        return cumulative_base + 1, period.end
    multi_year = ctx.span.kind in ("plan_outcome", "plan_target")
    point_in_time = measure in ("level", "rate", "multiple", "pp_gap") and not (q.cumulative or q.cap or q.mean)
    if _is_period_total(ctx, subject, q, measure):  # 五年来…新增金融机构235家: a total over the five years
        return period.start, period.end
    if multi_year and point_in_time:              # 城区绿化覆盖率达到40.8% (at the end of the five years)
        return period.end, period.end
    return period.start, period.end


def _is_period_total(ctx: _Context, subject: _Subject, q: Quantity, measure: str) -> bool:
    """In a multi-year review, a level with no year of its own is a total over the period when its wording
    says so (新增…: 新增社会融资超万亿元) or when no verb of reaching stands right before the number
    (五年来…实现城镇实名制就业107万人, 新增金融机构235家); otherwise it is the value of the last year
    (…城区绿化覆盖率达到40.8%, 人均超过1.55万美元)."""
    if ctx.span.kind != "plan_outcome" or measure != "level" or q.year or q.cap or q.mean or q.cumulative:
        return False
    return subject.wording.startswith("新增") or (not q.form and q.qualifier == "exact")


def _row_basis(ctx, subject: _Subject, q: Quantity, measure: str, notes: tuple, compare: str,
               cumulative_base: int | None) -> list[str]:
    basis = list(q.basis)
    if _is_period_total(ctx, subject, q, measure) and "cumulative" not in notes:
        basis.append("cumulative")
    if measure in ("multiple", "pp_gap") and compare:
        basis.append(_reference_basis(compare) if measure == "multiple" else f"vs {compare}")
    elif cumulative_base is not None:
        basis.append(f"cumulative since {cumulative_base}")
        notes = tuple(n for n in notes if n != "cumulative")
    elif compare and not re.fullmatch(r"(?:19|20)\d\d", compare) and compare not in _PREVIOUS_YEAR:
        basis.append(_reference_basis(compare))
    five_year_growth = ctx.span.kind == "plan_outcome" and measure == "growth" and cumulative_base is None
    if five_year_growth:   # 五年来…分别增长38%, 五年提高10个百分点: over the whole review
        start = ctx.period.start
        basis.append(f"cumulative since {start - 1}" if start is not None else "cumulative")
        notes = tuple(n for n in notes if n != "cumulative")
    basis.extend(notes)
    if ctx.declared_basis and ctx.declared_basis not in basis:
        basis.append(ctx.declared_basis)
    if subject.note:
        basis.append(subject.note)
    if q.stretch or subject.stretch:
        basis.append("力争 (stretch)")
    return basis


def _row_qualifier(ctx: _Context, q: Quantity) -> str:
    """A bare cap (控制在2.61%) in a result is the measured value."""
    if q.qualifier == "at_most" and q.qualifier_word == "cap" and ctx.span.kind in ("outcome", "plan_outcome"):
        return "exact"
    return q.qualifier


def _start_of_reference(norm: str, start: int, subject: _Subject, compare: str) -> int:
    """Widen a quote that starts at a base year to the words introducing it (与/比/Compared with)."""
    if start >= subject.start or not compare:
        return start
    m = re.compile(r"(?:[Cc]ompared (?:with|to) (?:the )?(?:end of )?|与|同|比|较)\s*$").search(norm, max(0, start - 30), start)
    return m.start() if m else start


def _add_qualitative_row(ctx: _Context, subject: _Subject, item: _Item) -> None:
    start = subject.start
    predicate = re.sub(r"\s+", " ", ctx.text[item.start:item.end]).strip()
    basis = [re.sub(r"^(?:is|are|will be|be|was|were|remains?|remained)\s+", "", predicate)]  # English copula
    if subject.note:
        basis.append(subject.note)
    if subject.stretch:
        basis.append("力争 (stretch)")
    ctx.rows.append(dict(
        kind=ctx.span.kind, period_start=ctx.period.start, period_end=ctx.period.end,
        indicator_zh=subject.wording, measure="qualitative", value=NAN, value_high=NAN, unit="",
        qualifier="qualitative", basis="; ".join(basis), share_of="", start=start, end=item.end,
        quote=ctx.text[start:item.end],
    ))
    ctx.used.extend(subject.refs)


class _Spans:
    """Sorted spans answering 'does any span overlap [a, b)?' and 'does any span contain [a, b)?' in log time
    (a paragraph with thousands of figures must not make the accounting quadratic)."""

    def __init__(self, spans):
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.max_end, top = [], -1
        for _, end in spans:
            top = max(top, end)
            self.max_end.append(top)

    def _reach(self, index: int) -> int:
        return self.max_end[index] if index >= 0 else -1

    def overlaps(self, a: int, b: int) -> bool:      # some span has start < b and end > a
        return self._reach(bisect.bisect_left(self.starts, b) - 1) > a

    def contains(self, a: int, b: int) -> bool:      # some span has start <= a and end >= b
        return self._reach(bisect.bisect_right(self.starts, a) - 1) >= b


def _unparsed_numbers(ctx: _Context) -> list[dict]:
    out = []
    used, wordings, problems = _Spans(ctx.used), _Spans(ctx.wording_ranges), _Spans(ctx.problems)
    reasons = {
        "year": "year not attached to a figure", "year_range": "year range not attached to a figure",
        "date": "date", "ordinal": "rank or ordinal (no measure for ranks)", "name": "digits inside a name",
        "ratio": "ratio (not read)", "page_number": "page-number debris",
        "masked": "masked number: its digits were lost in the source (e.g. an overwritten year)",
    }
    for token in number_tokens(ctx.text, ctx.lang, ctx.span.start, ctx.span.end):
        if used.overlaps(token.start, token.end):
            continue
        reason = ctx.problems.get((token.start, token.end))
        if reason is None and problems.overlaps(token.start, token.end):
            reason = next((r for (s, e), r in ctx.problems.items() if token.start < e and s < token.end), None)
        if reason is None:
            if wordings.contains(token.start, token.end):
                reason = "inside indicator wording"
            else:
                reason = reasons.get(token.kind, "not read as a figure")
        a = max(ctx.span.start, token.start - 15)
        b = min(ctx.span.end, token.end + 15)
        out.append(dict(kind=ctx.span.kind, start=token.start, end=token.end, number=ctx.text[token.start:token.end],
                        reason=reason, line=line_of(ctx.text, token.start), context=ctx.text[a:b]))
    return out


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------
def headline_records(text: str, lang: str = "zh", report_year: int | None = None, *,
                     city: str = "dalian", province: str = "liaoning") -> tuple[list[dict], list[dict]]:
    """(rows, unparsed) as lists of dicts: the pandas-free core of :func:`extract_headline`."""
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")
    norm = to_halfwidth(text)
    paragraphs = _paragraphs(norm)
    rows: list[dict] = []
    leftovers: list[dict] = []
    for span in find_headline_paragraphs(text, lang, report_year):
        period = _span_period(norm, paragraphs, span, lang, report_year)
        ctx = _Context(text, norm, span, lang, period, city, province, _declared_basis(norm, paragraphs, span))
        try:
            _span_records(ctx)
        except ParseError as exc:
            if exc.line is None:
                raise ParseError(exc.reason, line=line_of(text, span.start)) from None
            raise
        rows.extend(ctx.rows)
        leftovers.extend(_unparsed_numbers(ctx))
    rows.sort(key=lambda r: (r["start"], r["end"]))
    return rows, leftovers


def extract_headline(text: str, lang: str = "zh", report_year: int | None = None, *,
                     city: str = "dalian", province: str = "liaoning", with_unparsed: bool = False):
    """One row per headline number (columns :data:`COLUMNS`); see the module docstring.

    With ``with_unparsed=True`` returns ``(rows, unparsed)`` where ``unparsed``
    is the table of :func:`unparsed`.

    >>> rows = extract_headline("预计全市实现地区生产总值7820亿元，增长11%。", report_year=2014)
    >>> rows[["indicator_zh", "measure", "value", "unit", "period_end", "quote"]].values.tolist()
    [['地区生产总值', 'level', 7820.0, '亿元', 2013, '地区生产总值7820亿元'], ['地区生产总值', 'growth', 11.0, '%', 2013, '地区生产总值7820亿元，增长11%']]
    """
    rows, leftovers = headline_records(text, lang, report_year, city=city, province=province)
    table = _rows_frame(rows)
    if with_unparsed:
        return table, _unparsed_frame(leftovers)
    return table


def unparsed(text: str, lang: str = "zh", report_year: int | None = None, **kwargs):
    """Every number inside a headline span that did not become a row value (or a year read for a
    period or basis), with its offsets, line and reason (columns :data:`UNPARSED_COLUMNS`).

    >>> unparsed("五年来，19个重点产业园区构建起新格局，地区生产总值年均增长8.5%。")[["number", "reason"]].values.tolist()
    [['19', 'number modifying a following word (not an indicator figure)']]
    """
    _rows, leftovers = headline_records(text, lang, report_year, **kwargs)
    return _unparsed_frame(leftovers)


def _rows_frame(rows: list[dict]):
    import pandas as pd

    frame = pd.DataFrame(rows, columns=COLUMNS)
    for column in ("period_start", "period_end", "start", "end"):
        frame[column] = frame[column].astype("Int64")
    for column in ("value", "value_high"):
        frame[column] = frame[column].astype(float)
    return frame


def _unparsed_frame(rows: list[dict]):
    import pandas as pd

    frame = pd.DataFrame(rows, columns=UNPARSED_COLUMNS)
    for column in ("start", "end", "line"):
        frame[column] = frame[column].astype("Int64")
    return frame
