"""Finding the headline paragraphs of a report, and the years they are about.

See :mod:`dalian_reports.extract.headline` for the kinds of paragraph and the conventions.
"""
from __future__ import annotations

import bisect
import itertools
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from .searching import SentenceLead, guarded
from .review import review_paragraphs
from .numbers import is_placeholder_mark


KINDS = ("outcome", "target", "plan_outcome", "plan_target")
COLUMNS = [
    "kind", "indicator", "wording", "measure", "value", "value_high", "unit", "qualifier", "relative_to",
    "stretch_value", "period_start", "period_end", "basis", "share_of", "start", "end", "line", "quote",
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
_SENTENCE_ENDS_ZH = "。；;!！?？:："   # a Chinese lead opens a sentence: after one of these, or at a line start
_OPENING_ZH = r"\s*(?:——\s*)?(?:[一二三四五六七八九十]是)?"
_SENTENCE_START_EN = r"(?:^|(?<=[.;:!?\"”])\s)\s*"

_TRIGGERS_ZH = [
    ("outcome", SentenceLead(_SENTENCE_ENDS_ZH, _OPENING_ZH + r"(?P<t>(?:据|经)?初步核算|预计|(?:全年|全市|全区|全县|全省)(?:经济)?(?:共)?(?:实现|完成)"
                           r"|全年(?=(?:全市|全区|全县)?(?:地区)?生产总值)"
                           r"|(?P<year>(?:19|20)\d\d)\s*年[，,]?(?=(?:全市|全区|全县)?(?:共)?(?:实现|完成)?(?:地区)?生产总值))")),
    ("target", guarded(re.compile(r"(?P<t>(?:主要预期目标|预期目标|主要目标|主要(?:经济)?指标|预期主要目标)[^，,。；;:：]{0,12}?\s*[:：]"
                          r"|(?:主要预期(?:调控|经济)?指标|主要(?:预期)?调控目标|预期性指标|发展目标)[^，,。；;:：]{0,8}?\s*[:：]"
                          r"|一是预期性指标[，,]"
                          r"|(?:主要)?预期目标(?:是|为|如下)|主要(?:预期)?目标(?:是|为)"
                          r"|预期目标[^。；;]{0,30}?主要包括[:：]|预期目标作了[^。]{0,6}调整)"))),
    ("plan_target", SentenceLead(_SENTENCE_ENDS_ZH, _OPENING_ZH + rf"(?P<t>到\s*(?:{_YEAR}|{_CN_YEAR})\s*年(?:底|末)?)")),
    ("plan_outcome", SentenceLead(_SENTENCE_ENDS_ZH, _OPENING_ZH + r"(?P<t>五年来|过去五年|过去的五年|这五年|近五年|" + _PLAN
                                  + r"(?:时期|期间)(?=[，,]|以来))")),
]
#: Words each Chinese lead of a kind contains (one at least): a paragraph without any is not searched.
_TRIGGER_WORDS_ZH = {"outcome": ("核算", "预计", "实现", "完成", "全年", "生产总值"), "target": ("目标", "指标"),
                     "plan_target": ("到",), "plan_outcome": ("五",)}
_TRIGGERS_EN = [
    ("outcome", re.compile(_SENTENCE_START_EN + r"(?P<t>It is (?:estimated|expected|projected|anticipated) that|(?:According to )?[Pp]reliminary (?:accounting|calculations?|estimates?|statistics)|In the whole year|For the whole year)", re.M)),
    ("target", re.compile(r"(?P<t>\b(?:main|major) (?:expected )?(?:goals|targets|objectives)\b|\bexpected (?:goals|targets)\b)", re.I)),
    ("plan_target", re.compile(_SENTENCE_START_EN + r"(?P<t>(?:In|Over) the next five years|By (?:the end of )?(?:19|20)\d\d,)", re.M)),
    ("plan_outcome", re.compile(_SENTENCE_START_EN + r"(?P<t>(?:In|Over|During) the past five years|During the \w+ Five-Year Plan period,)", re.M)),
]
_GDP_ZH = re.compile(r"(?<![占元位])(?:地区生产总值|生产总值|GDP|经济总量)", re.I)
_GDP_EN = re.compile(r"\b(?:regional GDP|GDP|gross domestic product|gross regional product)\b", re.I)
_PLAN_MARK_ZH = re.compile(_PLAN + r"|今后五年|未来五年|五年|规划期|《纲要》|规划纲要|到\s*(?:" + _YEAR + "|" + _CN_YEAR + r")\s*年")
_PLAN_MARK_EN = re.compile(r"five[- ]year|next five years|\b1\dth\b|\bby (?:19|20)\d\d\b", re.I)
_ONE_YEAR_ZH = re.compile(r"今年|明年|本年度?|(?:19|20)\d\d年(?![底末])(?:全[市省区县国])?(?:经济社会|国民经济)")
_YEAR_OF_PLAN = re.compile(r"(?:之|的?(?:关键|重要|第一|攻坚|决胜|收官|开局)?一)年")
_ONE_YEAR_EN = re.compile(r"\bthis year\b|\bnext year\b", re.I)
_FUTURE_ZH = re.compile(r"目标(?:是|为)|预期目标|力争|确保|(?:将|要)(?:会|要)?(?:实现|达到|保持|增长|突破)")
_HEADING_ZH = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十百]+[篇章节部]|[0-9]+[.、](?!\d))")
_TOP_HEADING_ZH = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十百]+[篇章部])")
_HEADING_EN = re.compile(r"^\s*(?:[IVXⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+\.|Part [IVX]+\b|Chapter \d+)")
_SENTENCE_END = "。!！?？"
_STOP = re.compile(f"[{re.escape(_SENTENCE_END)}；;]")
TARGET_LEAD_WINDOW = 200   # characters before a target lead read for the period it names
_ZH_SENTENCE_END = re.compile(r"[。!！]|(?<![\d?？])[?？](?![?？])")

# The year of a section: 2021年是…, 刚刚过去的2012年, 二、2024年政府工作目标与任务
_SECTION_YEAR_ZH = re.compile(
    rf"(?:过去的\s*(?P<a>{_YEAR})\s*年)|(?P<b>{_YEAR})\s*年(?=\s*(?:是|，|,|(?:政府)?工作|主要工作|的?主要预期目标|经济社会发展))")
_THIS_YEAR = re.compile(r"今年(?:是|，|,|全市|全省|全国|经济社会发展|发展|的?主要预期目标|政府工作)")
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


@lru_cache(maxsize=4)
def _stops(norm: str) -> list[int]:
    """Offsets of the characters that end a sentence or clause (。!！?？；;, not the ? of a year 20??): read once
    per text, so that finding the start of a sentence costs a bisection, not a walk back over it."""
    return [m.start() for m in _STOP.finditer(norm) if not is_placeholder_mark(norm, m.start())]


@lru_cache(maxsize=4)
def _zh_ends(norm: str) -> list[int]:
    """Offsets of the sentence ends of a Chinese text (:data:`_ZH_SENTENCE_END`), read once per text."""
    return [m.start() for m in _ZH_SENTENCE_END.finditer(norm)]


def _sentence_start(norm: str, pos: int, floor: int) -> int:
    stops = _stops(norm)
    k = bisect.bisect_left(stops, pos) - 1   # the last stop before pos
    i = stops[k] + 1 if k >= 0 and stops[k] >= floor else floor
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
        ends = _zh_ends(norm)
        k = bisect.bisect_left(ends, pos)
        return ends[k] + 1 if k < len(ends) and ends[k] < ceiling else ceiling
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
    if kind == "outcome":
        year = m.groupdict().get("year")
        if year and report_year is not None and int(year) >= report_year:
            return None  # '2024年，地区生产总值增长…' in the 2024 report is not a result
        return kind if _names_output(norm, sent_start, sent_end, lang) else None
    if kind == "target":   # the lead's last words decide (a bounded window: many leads in one long line stay linear)
        return _target_kind(norm[max(sent_start, m.start("t") - TARGET_LEAD_WINDOW):m.start("t")], lang)
    if kind == "plan_outcome" and lang == "zh" and m.groupdict().get("plan") is not None:
        years = _plan_years(m.group("plan"))
        if report_year is not None and years is not None:
            return "plan_outcome" if years[1] < report_year else "plan_target"
        return "plan_target" if _FUTURE_ZH.search(norm, sent_start, sent_end) else "plan_outcome"
    return kind


@lru_cache(maxsize=64)
def _names_output(norm: str, a: int, b: int, lang: str) -> bool:
    """Does ``norm[a:b]`` (a sentence) name the economy's output? Read once per sentence, whatever its leads."""
    return bool((_GDP_ZH if lang == "zh" else _GDP_EN).search(norm, a, b))


def _target_kind(lead: str, lang: str) -> str:
    """A target lead names a plan period (plan_target) unless a one-year mark comes after it.

    In 按照“十三五”规划纲要要求，今年经济社会发展主要预期目标是 the nearest time word is 今年.
    """
    plan = [m.end() for m in (_PLAN_MARK_ZH if lang == "zh" else _PLAN_MARK_EN).finditer(lead)]
    if not plan:
        return "target"
    one_year = [m.start() for m in (_ONE_YEAR_ZH if lang == "zh" else _ONE_YEAR_EN).finditer(lead)]
    if one_year and one_year[-1] >= plan[-1]:
        return "target"
    # 2007年是…也是实现“十一五”目标的关键一年，主要预期目标是: the plan is named in a sentence about the year
    return "target" if lang == "zh" and _YEAR_OF_PLAN.search(lead, plan[-1]) else "plan_target"


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
    from .normal import normalize

    normal = normalize(text, lang)
    spans = headline_spans(normal.norm, normal.source, lang, report_year, _paragraphs(normal.norm))
    if normal.identity:
        return spans
    return [span._replace(start=normal.start(span.start), end=normal.end(span.end)) for span in spans]


def headline_spans(norm: str, text, lang: str, report_year: int | None, paragraphs) -> list[HeadlineSpan]:
    """:func:`find_headline_paragraphs` of a normalised text, offsets into it (``text`` slices the caller's text
    by them, for the section headings)."""
    triggers = _TRIGGERS_ZH if lang == "zh" else _TRIGGERS_EN
    review = {a: kind for a, _b, kind in review_paragraphs(norm, report_year)} if lang == "zh" else {}
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
        found = [(_span_start(norm, m, para, refined, lang), refined)
                 for m, refined in _leads(norm, para, triggers, lang, report_year)]
        if para[0] in review and all(start != para[0] and kind == review[para[0]] for start, kind in found):
            found.append((para[0], review[para[0]]))   # a paragraph of the past year's review summary, whole
        found = _merge_triggers(sorted(set(found)))
        if not found:
            i += 1
            continue
        last = i
        while last + 1 < len(paragraphs) and (
                _continues(norm, paragraphs[last], paragraphs[last + 1], found[-1][1], lang)
                or _bullet_of_review(norm, paragraphs, i, last, found[-1][1])) and not _opens_other_family(
                    norm, paragraphs[last + 1], found[-1][1], triggers, lang, report_year):
            last += 1
        for j, (start, kind) in enumerate(found):
            end = found[j + 1][0] if j + 1 < len(found) else paragraphs[last][1]
            end = _trim_end(norm, start, end)
            if end > start:
                spans.append(HeadlineSpan(start, end, kind, section))
        i = last + 1
    if lang == "zh" and not any(span.kind == "target" for span in spans):
        spans = sorted(spans + goal_sentences(norm, text, paragraphs, review, spans), key=lambda span: span.start)
    return spans


# A report without a target paragraph may still state the year's GDP goal in a sentence of its own:
# 预期地区生产总值增长12%以上。 / 今年国内生产总值增长13%， / 建议奋力实现地区生产总值增长6.5%左右，/
# 市委市政府把全市生产总值增长目标确定为6.5%左右。
_GOAL_LEAD_ZH = re.compile(
    r"(?:^|(?<=[。；;!！?？:：，,]))\s*(?P<t>(?:今年|预期|建议|努力|奋力|力争|确保)+(?:实现)?)"
    r"(?=(?:全市|全省|全国|全区|我市|我省)?(?:地区|国内)?生产总值(?:比上年)?增长\s*\d)"
    r"|(?P<g>(?:全市|全省|全国|全区)?(?:地区|国内)?生产总值增长目标(?:确定|定|设定)?为)", re.M)


def goal_sentences(norm: str, text, paragraphs, review: dict, spans: list[HeadlineSpan]) -> list[HeadlineSpan]:
    """Target spans from goal sentences after the review, for a report in which no target paragraph was found:
    from the goal's lead to the end of its paragraph."""
    after = max([a for a in review] + [s.end for s in spans if s.kind in ("outcome", "plan_outcome")] + [0])
    out, section = [], ""
    for para in paragraphs:
        if _is_heading(norm, para, "zh"):
            if _is_top_heading(norm, para, "zh"):
                section = text[para[0]:para[1]].strip()
            continue
        if para[0] < after or any(s.start < para[1] and para[0] < s.end for s in spans):
            continue
        m = _GOAL_LEAD_ZH.search(norm, para[0], para[1])
        if m:
            start = m.start("t") if m.group("t") else m.start("g")
            out.append(HeadlineSpan(start, _trim_end(norm, start, para[1]), "target", section))
            break   # the first goal sentence opens the year's targets
    return out


_FAMILY = {"outcome": "past", "plan_outcome": "past", "target": "future", "plan_target": "future"}


def _leads(norm: str, para: tuple[int, int], triggers, lang: str, report_year, skip=()):
    """(match, kind) of every lead in ``para`` (its kind refined by :func:`_trigger_kind`), for the trigger kinds
    not in ``skip``."""
    line_start = norm.rfind("\n", 0, para[0]) + 1   # so that ^ matches before an indent
    words = norm[line_start:para[1]] if lang == "zh" else ""
    for kind, rx in triggers:
        if kind in skip or (words and not any(w in words for w in _TRIGGER_WORDS_ZH[kind])):
            continue   # none of the words every lead of this kind contains: the regex cannot match
        for m in rx.finditer(norm, line_start, para[1]):
            refined = _trigger_kind(norm, kind, m, para, lang, report_year)
            if refined:
                yield m, refined


def _opens_other_family(norm: str, para: tuple[int, int], kind: str, triggers, lang: str, report_year) -> bool:
    """Does ``para`` open a span of the other family (a target lead after a review, or the reverse)? Then it is
    not a wrapped line of the span before it, even when that one lacks a sentence end (a heading run into the end
    of the review: …贡献出一切力量！三、2003年的主要工作安排 / 2003年…主要指标预期为：…)."""
    same = [other for other, _rx in triggers if _FAMILY[other] == _FAMILY[kind]]
    return any(_FAMILY[refined] != _FAMILY[kind]
               for _m, refined in _leads(norm, para, triggers, lang, report_year, skip=same))


def _bullet_of_review(norm: str, paragraphs, lead: int, last: int, kind: str) -> bool:
    """A ——bullet after a review lead without figures (五年来，人民生活显著改善。\n——城乡居民收入持续增加。…),
    and each bullet after it, belongs to the lead's span."""
    if kind not in ("outcome", "plan_outcome") or last + 1 >= len(paragraphs):
        return False
    nxt = paragraphs[last + 1]
    if not norm.startswith(("——", "—"), nxt[0]) or _is_heading(norm, nxt, "zh"):
        return False
    if last > lead:
        return norm.startswith(("——", "—"), paragraphs[last][0])
    a, b = paragraphs[lead]
    return b - a <= 80 and not re.search(r"\d", norm[a:b])


def _merge_triggers(found: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Within one paragraph a later lead of the same family continues the span before it."""
    family = _FAMILY
    out: list[tuple[int, str]] = []
    for start, kind in found:
        if out and out[-1][0] == start:
            if kind in ("plan_target", "target") and out[-1][1] in ("plan_target", "target"):
                out[-1] = (start, "plan_target" if "plan_target" in (kind, out[-1][1]) else "target")
            continue
        if out and family[out[-1][1]] == family[kind] and (out[-1][1] == kind or "plan_target" in (kind, out[-1][1])):
            continue   # a later lead continues the span: 十一五时期…主要指标：… is one plan-target span
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


def paragraph_index(paragraphs: list[tuple[int, int]], pos: int) -> int | None:
    """Index of the last paragraph starting at or before ``pos`` (a bisection), or None."""
    idx = bisect.bisect_right(paragraphs, (pos, math.inf)) - 1
    return idx if idx >= 0 else None


def _lookback_regions(norm: str, paragraphs, span: HeadlineSpan, lang: str, n: int = 3):
    """(text, is_heading): the span's paragraph before it, then up to ``n`` earlier paragraphs,
    stopping after a heading (nearest first)."""
    idx = paragraph_index(paragraphs, span.start)
    if idx is None:
        return
    yield norm[paragraphs[idx][0]:span.start], False
    for k in range(idx - 1, max(-1, idx - 1 - n), -1):
        heading = _is_heading(norm, paragraphs[k], lang)
        yield norm[paragraphs[k][0]:paragraphs[k][1]], heading
        if heading:
            return


_HEADING_YEAR = re.compile(rf"(?P<a>{_YEAR})\s*年|\b(?P<b>(?:19|20)\d\d)\b")


def _section_year(norm, paragraphs, span, lang, report_year: int | None = None) -> int | None:
    """The year the section is about: the nearest 'YYYY年是…' / '刚刚过去的YYYY年', or the year in the
    heading above (None for '20??' or nothing)."""
    rx = _SECTION_YEAR_ZH if lang == "zh" else _SECTION_YEAR_EN
    for region, heading in _lookback_regions(norm, paragraphs, span, lang, n=4):
        matches = [m for m in (_HEADING_YEAR if heading and lang == "zh" else rx).finditer(region)
                   if not region[max(0, m.start() - 2):m.start()].strip().endswith("到")]   # 到2030年: a horizon
        this_year = _THIS_YEAR.search(region) if lang == "zh" else None
        if this_year and report_year is not None and (not matches or matches[-1].start() < this_year.start()):
            return None   # 今年是“十五五”开局之年: the report's own year
        if matches:
            m = matches[-1]
            return _year_int(m.group("a") or m.group("b"))
    return None


def _plan_mentioned(norm, paragraphs, span, lang) -> tuple[int, int] | None:
    lead_sentence = norm[_sentence_start(norm, span.start, 0):span.start]
    head = norm[span.start:_sentence_end(norm, span.start, span.end, lang)]
    earlier = (region for region, _heading in _lookback_regions(norm, paragraphs, span, lang, n=30))
    for region in itertools.chain((head, lead_sentence), earlier):   # the nearest first, read as far as needed
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
        year = _section_year(norm, paragraphs, span, lang, report_year)
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


