"""Qualitative and relative targets: a clause of a target paragraph that names an indicator and no number.

A target paragraph lists figures, and among them targets without a number: 居民收入增长和经济增长同步,
国际收支保持基本平衡, 地区生产总值增长与全国同步, 单位GDP能耗降低完成省下达计划目标, 外贸进出口总额占全省份额不减,
完成省下达的节能减排降碳约束性指标. Each such clause is read as one or more *subjects* — the longest words at the
start of each 、-separated part that the vocabulary knows (:func:`dalian_reports.extract.coding.code_of`) — and one
*predicate*, the words after the last subject, which must say how the indicator is to move or stand
(the ``predicate`` words of ``dalian_reports/vocab/wording.csv``). A clause that opens with the verb
(完成省下达的…指标) has its subject after the verb. Nothing without a known subject and a predicate is a row.

>>> [(w, p) for w, _s, _e, p in clause_subjects("国际收支保持基本平衡")]
[('国际收支', '保持基本平衡')]
>>> [(w, p) for w, _s, _e, p in clause_subjects("单位地区生产总值能耗、二氧化碳排放达到上级要求")]
[('单位地区生产总值能耗', '达到上级要求'), ('单位地区生产总值二氧化碳排放', '达到上级要求')]
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..vocab import HERE
from .accounting import _Spans
from .coding import code_of
from .._csv import read_csv_rows

_CLAUSE_END = re.compile(r"[，,；;：:。！!？?]")
_VERB_FIRST = re.compile(r"^(?:全面|确保|努力|力争|争取)?完成(?:国家(?:和|、)?)?(?:省|市|上级)?(?:政府)?(?:上)?(?:下达|确定)?(?:的)?"
                         r"(?:“?十[一二三四五六七八九]?五”?|年度|全年)?")
_SETTING = re.compile(r"^(?:现行标准下|按现行标准)")
_AIM = re.compile(r"(?:努力|力争|争取|确保|推动|促进)?(?:实现|保持)")
_LINK = re.compile(r"和|及|以及")
_IN_STEP = re.compile(r"同步|一致|相适应|相协调|持平|相当|同比")
MIN_SUBJECT = 2
MAX_SUBJECT = 48   # longer than any wording of the vocabulary with its affixes: a long clause costs no more


@lru_cache(maxsize=1)
def _predicate_words() -> re.Pattern:
    words: list[str] = []
    for row in read_csv_rows(HERE / "wording.csv", ["kind", "words"], shown=str(HERE / "wording.csv")):
        if row["kind"] == "predicate":
            words += [w for w in row["words"].split("|") if w]
    return re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))


def _longest_subject(text: str) -> str | None:
    """The longest prefix of ``text`` (of at most :data:`MAX_SUBJECT` characters) the vocabulary knows."""
    for end in range(min(len(text), MAX_SUBJECT), MIN_SUBJECT - 1, -1):
        if code_of(text[:end]):
            return text[:end]
    return None


def _parts(clause: str) -> list[tuple[int, str]]:
    """(offset, text) of the 、-separated parts of a clause, each also split at 和/及 when both sides are subjects
    (就业和物价保持稳定), but not when the clause sets one indicator in step with another (居民收入增长和经济增长同步)."""
    out: list[tuple[int, str]] = []
    pos = 0
    for piece in clause.split("、"):
        out.append((pos, piece))
        pos += len(piece) + 1
    if _IN_STEP.search(clause):
        return out
    split: list[tuple[int, str]] = []
    for offset, piece in out:
        m = _LINK.search(piece)
        if m and code_of(piece[:m.start()]) and _longest_subject(piece[m.end():]):
            split += [(offset, piece[:m.start()]), (offset + m.end(), piece[m.end():])]
        else:
            split.append((offset, piece))
    return split


def clause_subjects(clause: str) -> list[tuple[str, int, int, str]]:
    """(subject wording, start, end, predicate) for each subject of a qualitative clause; [] when it is not one."""
    verb = _VERB_FIRST.match(clause)
    lead = verb.end() if verb and verb.end() > 0 else 0
    setting = _SETTING.match(clause, lead)   # 现行标准下农村贫困人口全部脱贫
    lead = setting.end() if setting else lead
    aim = _AIM.match(clause, lead)   # 努力实现城乡居民收入增长和经济发展同步: the aim is not the predicate
    skip = aim.end() - lead if aim and not lead else 0
    parts = [(offset + skip, piece) for offset, piece in _parts(clause[lead + skip:])]
    found: list[tuple[str, int, int]] = []
    predicate = remainder = ""
    modifier = ""
    for i, (offset, piece) in enumerate(parts):
        subject = _longest_subject(piece)
        if subject is None and modifier:          # 单位地区生产总值能耗、二氧化碳排放: the shared modifier
            joined = _longest_subject(modifier + piece)
            subject = joined[len(modifier):] if joined and len(joined) > len(modifier) else None
            if subject is not None:
                found.append((modifier + subject, lead + offset, lead + offset + len(subject)))
                if i == len(parts) - 1:
                    predicate = piece[len(subject):]
                continue
        if subject is None and found and i == len(parts) - 1 and _predicate_words().match(piece):
            predicate = remainder + "、" + piece   # 主要污染物排放持续下降、达到省定标准: one predicate in two parts
            continue
        if subject is None:
            return []
        found.append((subject, lead + offset, lead + offset + len(subject)))
        remainder = piece[len(subject):]
        if i == 0:
            modifier = _modifier_of(subject)
        if i == len(parts) - 1:
            predicate = piece[len(subject):]
    if lead:
        predicate = clause[:lead] + predicate
    if not found or not predicate.strip() or not _predicate_words().search(predicate):
        return []
    return [(w, s, e, predicate.strip()) for w, s, e in found]


def _modifier_of(subject: str) -> str:
    """The longest proper prefix of a subject that is a modifier another part could share (单位地区生产总值…)."""
    for end in range(len(subject) - MIN_SUBJECT, MIN_SUBJECT - 1, -1):
        head = subject[:end]
        if head.endswith(("生产总值", "GDP", "规模以上", "规上", "城镇", "农村", "居民")):
            return head
    return ""


def qualitative_clauses(norm: str, a: int, b: int, occupied) -> list[tuple[str, int, int, int, int, str]]:
    """(wording, subject start, subject end, clause start, clause end, predicate) for every qualitative clause of
    ``norm[a:b]`` that overlaps none of the ``occupied`` (start, end) ranges (figures and other rows)."""
    taken = _Spans(occupied)   # overlaps by bisection: a long sentence of figures is read in linear time
    out = []
    pos = a
    for m in list(_CLAUSE_END.finditer(norm, a, b)) + [None]:
        end = m.start() if m else b
        start = pos
        while start < end and norm[start] in " \t——-":
            start += 1
        if end - start >= MIN_SUBJECT + 1 and not taken.overlaps(start, end):
            for wording, s, e, predicate in clause_subjects(norm[start:end]):
                out.append((wording, start + s, start + e, start, end, predicate))
        pos = m.end() if m else b
    return out
