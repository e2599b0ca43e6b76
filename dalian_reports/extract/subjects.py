"""Subjects: the indicator wording before a figure, split for lists and inherited by later clauses."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .lists import code_parts, compound_codes
from .normal import INVISIBLE
from .searching import first_characters
from .paragraphs import (_CN_YEAR, _YEAR, _year_int)


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
    code: str | None = None   # set when the code is not the wording's own (a part of a list, a compound)


_LEAD_STRIP_ZH = [
    re.compile(r"[\s、，,；;：:（()）“”\"—\-·]+"),
    re.compile(r"-?\d{1,3}-(?=\s)"),   # page-number debris on a line of its own (\n-12-\n)
    re.compile(r"(?:据|经)?初步核算|预计|五年来|过去的五年|过去五年|这五年|近五年|“?十[一二三四五六七八九]?五”?(?:时期|期间)(?:以来)?"),
    re.compile(r"(?:[一二三四五六七八九十]是)|其中|同时|此外|另外|以及|及|和|与|并且|并|且|还有|还|全年(?!实现|完成)"),
    re.compile(r"(?:全年|全市|全区|全县|全省|我市|我区|本市)?(?:经济)?(?:共|累计)?(?:实现|完成)(?=\D)"),
    re.compile(r"力争|争取|(?:建议|努力|奋力|预期|确保)+(?:实现)?"),
    re.compile(r"(?:比|较)(?:年初|上年末|去年末|上年同期|上年|去年|同期)|同比|按?可比价(?:格)?(?:计算)?|同口径"),
    re.compile(r"(?:实际|名义|可比|新增|增加)$"),
    re.compile(r"(?:大关|台阶|关口|门槛)|(?:总量|总额|规模)$"),   # 突破8000亿元大关、达到…; …，总量达到1272亿元
]
_LEAD_YEAR_ZH = re.compile(rf"(?:到\s*)?(?P<y>{_YEAR}|{_CN_YEAR})\s*年(?:末|底|全年)?[，,]?")
_LEAD_COMPARE = re.compile(r"(?:与|同|比|较)\s*(?P<y>(?:19|20)\d\d)\s*年\s*相?比[，,]?|[Cc]ompared (?:with|to) (?:the )?(?:end of )?(?P<e>(?:19|20)\d\d)\s*,?")
_TRAIL_STRIP_ZH = re.compile(r"(?:[\s的，,、：:（(]|持续|继续|基本|进一步|保持|稳定|总体|(?<![人年平])均|都|分别|同比|全年|逆势|分别为"
                             r"|(?<=增长)目标(?:确定|设定|定)?)+$")   # 生产总值增长目标确定为6.5%左右
_LEAD_STRIP_EN = [
    re.compile(r"[\s,;:()\"“”.\-]+"),
    re.compile(r"(?:It is (?:estimated|expected|projected|anticipated) that|(?:According to )?[Pp]reliminary (?:accounting|calculations?|estimates?|statistics)(?: shows?(?: that)?)?,?|In the whole year,?|For the whole year,?|In the past five years,?|Over the past five years,?|In the next five years,?)\s*"),
    re.compile(r"(?:and|while|of which|among them,?|with|the|The|a|an)\s+"),
    re.compile(r"(?:strive to|strive for)\s+"),
]
_TRAIL_STRIP_EN = re.compile(r"(?:\s+(?:will|would|has|have|had|is|are|was|were|be|been|basically|respectively|"
                             r"see|saw|seen|record(?:ed|s)?|register(?:ed|s)?|post(?:ed|s)?|experience[sd]?)|[\s,;:])+$")
#: each lead pattern with the characters its words can start with (None: any)
_STRIPS = {lang: [(rx, first_characters(rx.pattern, rx.flags)) for rx in strips]
           for lang, strips in (("zh", _LEAD_STRIP_ZH), ("en", _LEAD_STRIP_EN))}
TRAIL_WINDOW = 60   # the words stripped after a wording are searched in its last characters only (linear time)
_INVISIBLE = re.compile(f"[{re.escape(INVISIBLE)}]")
_SPACES = re.compile(r"\s+")
_WORD_CHARACTER = re.compile(r"[A-Za-z\u4e00-\u9fff]")


def _clean_subject(text: str, norm: str, a: int, b: int, lang: str) -> _Subject | None:
    """Trim lead words around the indicator wording in ``norm[a:b]``."""
    subject = _Subject("", a, b)
    changed = True
    while changed and a < b:
        changed = False
        for rx, first in _STRIPS[lang]:
            if a >= b or first is not None and norm[a] not in first:
                continue   # no lead word of this pattern starts here
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
    trail = (_TRAIL_STRIP_ZH if lang == "zh" else _TRAIL_STRIP_EN).search(norm, max(a, b - TRAIL_WINDOW), b)
    if trail:
        b = trail.start()
    if b <= a:
        return None
    wording = _INVISIBLE.sub("", text[a:b])   # 地区\u200b生产总值: the caller's words, without invisible characters
    wording = _SPACES.sub("", wording) if lang == "zh" else _SPACES.sub(" ", wording).strip()
    if not _WORD_CHARACTER.search(norm, a, b):   # ＧＤＰ is a word too
        return None
    subject.wording, subject.start, subject.end = wording, a, b
    subject.cumulative = subject.cumulative or "累计" in wording or "cumulative" in wording.lower()
    return subject


def _split_subject(subject: _Subject, norm: str, text: str, lang: str, n_values: int, respectively: bool,
                   each: bool = False) -> list[_Subject]:
    """A、B、C → three subjects; A和B with 分别 and two values → two; 城乡… with two values → urban, rural."""
    if lang == "zh":
        resolved = _resolve_list(subject, norm, text, n_values, each)
        if resolved is not None:
            return resolved
    seps = [r"、"] if lang == "zh" else []
    if respectively and n_values > 1:
        seps.append(r"和|与|及|以及" if lang == "zh" else r",\s*and\s+|\s+and\s+|,\s*")
    for sep in seps:
        parts = _split_on(subject, norm, text, lang, sep)
        if sep == "、" and respectively and 1 < len(parts) < n_values:   # A、B、C和D分别下降2%、5%、3%和3%
            finer = [q for p in parts for q in _split_on(p, norm, text, lang, r"和|与|及|以及")]
            parts = finer if len(finer) == n_values else parts
        if len(parts) > 1 and (sep == "、" or len(parts) == n_values):
            subject_parts = parts
            break
    else:
        subject_parts = [subject]
    if len(subject_parts) == 1 and n_values == 2 and _is_urban_rural(subject.wording):
        return [_with_note(subject, "urban"), _with_note(subject, "rural")]
    return subject_parts


_NOTES = {"urban_income": "urban", "rural_income": "rural"}


def _resolve_list(subject: _Subject, norm: str, text: str, n_values: int, each: bool = False) -> list[_Subject] | None:
    """The subjects of a list whose every part the vocabulary knows (sharing a head or modifier), or of a
    compound wording with ``n_values`` values (:mod:`dalian_reports.extract.lists`); None otherwise."""
    by_comma = _split_on(subject, norm, text, "zh", "、")
    by_link = [q for p in by_comma for q in _split_on(p, norm, text, "zh", r"和|及|与|以及")]
    for parts in (by_comma, by_link):
        if len(parts) > 1 and (n_values == 1 or len(parts) == n_values):
            coded = code_parts([p.wording for p in parts])
            if coded:
                return [_with_note(p, p.note, code) for p, (code, _w) in zip(parts, coded)]
    for n in ([n_values] if n_values > 1 else [2, 3] if each else []):   # 存贷款余额均突破3万亿元: both
        codes = compound_codes(subject.wording, n)
        if codes and n_values == 1 and set(codes) <= set(_NOTES):
            codes = None   # 城乡居民收入均增长12%: one 城乡 subject with one value stays resident income
        if codes:
            return [_with_note(subject, _NOTES.get(code, ""), code) for code in codes]
    return None


def _is_urban_rural(wording: str) -> bool:
    return wording.startswith("城乡") or "urban and rural" in wording.lower()


def _with_note(subject: _Subject, note: str, code: str | None = None) -> _Subject:
    return _Subject(subject.wording, subject.start, subject.end, note, subject.year, subject.year_text,
                    subject.compare, subject.stretch, subject.cumulative, list(subject.refs),
                    code if code is not None else subject.code)


def _split_on(subject: _Subject, norm: str, text: str, lang: str, sep: str) -> list[_Subject]:
    cuts = list(_separator(sep).finditer(norm, subject.start, subject.end))
    if not cuts:   # nothing to split: the subject itself (callers use a split only when it has several parts)
        return [subject]
    parts = []
    pos = subject.start
    for m in cuts + [None]:
        cut = m.start() if m else subject.end
        piece = _clean_subject(text, norm, pos, cut, lang)
        if piece is None:
            return [subject]
        piece.year, piece.year_text, piece.compare = subject.year, subject.year_text, subject.compare
        piece.stretch = subject.stretch or piece.stretch
        piece.cumulative = subject.cumulative or piece.cumulative
        parts.append(piece)
        if m:
            pos = m.end()
    return parts


@lru_cache(maxsize=None)
def _separator(sep: str) -> re.Pattern:
    """The compiled separator of the parts of a list (、, 和|与|及|以及 …), compiled once."""
    return re.compile(sep)


