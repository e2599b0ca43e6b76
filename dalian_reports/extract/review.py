"""The review of the past year: where a work report states last year's headline results.

A work report opens with a review of the past year (or, at the start of a term, of the past five years).
Its *summary* — the first part of the review, before the detailed account of the work — is where the
headline results are, in whatever form: one paragraph, ——bullets, 一是…二是… paragraphs, or figures
at the end of a narrative paragraph, with or without a lead word such as 预计 or 初步核算.

The summary is found by the report's structure, never by file or position:

* it starts at a heading that names a review (…工作回顾, 过去五年…回顾), or else at the first paragraph
  that speaks of the past year (过去的一年, 去年, 2018年，…);
* it ends before the detailed account: a lead that announces it (一年来，我们主要做了以下工作：,
  突出抓了以下七个方面的工作：), the first numbered sub-section ((一)…), or the next top-level heading;
* when the summary states no figure, the headline results open the first sub-section, which is then
  taken instead (e.g. (一)经济运行稳中有进。全市地区生产总值增长4.8%…).

A summary that reviews five years (its heading or first paragraph says 五年 / 过去五年 / 以来的五年, or a
“十N五”时期 the report year ends) is a five-year review: its figures are ``plan_outcome`` (the row builder
dates a level reached in the last year to that year, as an ``outcome``). A paragraph that opens a
five-year look-back inside a one-year review (回顾“十二五”，… / 五年来，…) makes it and the ——bullets that
follow it five-year too.

>>> text = "一、2018年工作回顾\\n过去一年成绩显著。\\n——经济平稳。地区生产总值增长6.5%。\\n一年来，我们主要做了以下工作：\\n（一）推进改革。"
>>> [(text[a:b][:6], kind) for a, b, kind in review_paragraphs(text)]
[('过去一年成绩', 'outcome'), ('——经济平稳', 'outcome')]
"""
from __future__ import annotations

import re

_REVIEW_HEADING = re.compile(r"回顾|过去(?:的)?(?:一|五)年(?:的)?(?:政府)?工作")
_FIVE_YEARS = re.compile(r"五年|十[一二三四五六七八九]?五”?(?:时期|期间)?(?:及|和|与)?|“[一二三四五六七八九]五”|以来的五年|本届政府|任期")
_PAST_YEAR_LEAD = re.compile(r"^(?:——\s*)?(?:过去的?一年|刚刚过去的|去年|一年来|(?:19|20)\d\d年[，,是]"
                             r"|各位代表[，,：:！!]\s*(?:刚刚过去的|过去|(?:19|20)\d\d年))")
_ACCOUNT_LEAD = re.compile(
    r"(?:以下|如下|下列|这样)(?:[一二三四五六七八九十几]+(?:个)?(?:方面|项|件))?(?:的|重点)?(?:工作|事情|举措|方面)[:：]?\s*$"
    r"|(?:主要|着重|重点|突出|集中)(?:做|抓|推进|开展)了(?:以下|如下)"
    r"|^(?:一年来|五年来|过去一年)[，,]?我们(?:主要)?(?:做了|抓了)")
_SUBSECTION = re.compile(r"^\s*(?:[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+[，,、])")
_SECOND_SUBSECTION = re.compile(r"^\s*(?:[（(]二[)）]|第二[，,、])")
_TOP_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分)")
_OUTPUT_FIGURE = re.compile(r"(?:生产总值|GDP|经济总量)(?:达到|实现|增长|突破|迈上|为)?\s*\d")
_FIGURE = re.compile(r"\d(?:\.\d+)?\s*(?:%|％|‰|亿|万|元|个百分点|倍)")
ACCOUNT_LEAD_TAIL = 40   # characters before the lead that make its paragraph a summary too
_BULLET = ("——", "—", "一是", "二是", "三是", "四是", "五是", "六是", "七是", "八是", "九是", "十是")
_FIVE_YEAR_LEAD = re.compile(r"^(?:回顾(?:过去五年|“?十[一二三四五六七八九]?五”?)|五年来|过去五年|这五年|“?十[一二三四五六七八九]?五”?(?:时期|期间)[，,])")
_ADDRESS = re.compile(r"^各位代表[:：!！]?\s*$|^现在[，,]我代表")


def _paragraphs(norm: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in norm.split("\n"):
        stripped = line.strip()
        if stripped:
            s = pos + (len(line) - len(line.lstrip()))
            out.append((s, s + len(stripped)))
        pos += len(line) + 1
    return out


def _start(norm: str, paras: list[tuple[int, int]], report_year: int | None) -> tuple[int, bool] | None:
    """(index of the first paragraph of the review, is it a five-year review?)."""
    for i, (a, b) in enumerate(paras[:60]):
        line = norm[a:b]
        if _TOP_HEADING.match(line) and _REVIEW_HEADING.search(line) and len(line) <= 60:
            return i + 1, bool(_FIVE_YEARS.search(line))
        if (len(line) <= 30 and _REVIEW_HEADING.search(line) and "。" not in line):
            return i + 1, bool(_FIVE_YEARS.search(line))
    for i, (a, b) in enumerate(paras[:40]):
        m = _PAST_YEAR_LEAD.match(norm[a:b])
        year = re.match(r"(?:——\s*)?((?:19|20)\d\d)年", norm[a:b])
        if m and not (year and report_year is not None and int(year.group(1)) >= report_year):
            return i, False
    return None


def _end(norm: str, paras: list[tuple[int, int]], first: int) -> int:
    """Index of the first paragraph after the summary."""
    for i in range(first, len(paras)):
        a, b = paras[i]
        line = norm[a:b]
        if i > first and (_TOP_HEADING.match(line) or _SUBSECTION.match(line)):
            return i
        lead = _ACCOUNT_LEAD.search(line)
        if lead:   # a summary paragraph may end with the lead itself (…重点抓了以下工作：): it is still the summary
            return i + 1 if lead.start() > ACCOUNT_LEAD_TAIL and _FIGURE.search(line) else i
    return len(paras)


def review_paragraphs(norm: str, report_year: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each paragraph of the past year's headline review; kind is ``outcome`` or, in a
    five-year review, ``plan_outcome``. A paragraph led by a year that is not before ``report_year`` (2024年，…
    in the 2024 report) does not open a review."""
    paras = _paragraphs(norm)
    found = _start(norm, paras, report_year)
    if found is None:
        return []
    first, five_years = found
    while first < len(paras) and _ADDRESS.match(norm[paras[first][0]:paras[first][1]]):
        first += 1
    if first >= len(paras):
        return []
    opening = norm[paras[first][0]:paras[first][1]]
    five_years = five_years or bool(re.search(r"以来的五年|过去五年|这五年|五年来", opening[:60]))
    last = _end(norm, paras, first)
    chosen = list(range(first, last))
    if not any(_FIGURE.search(norm[paras[i][0]:paras[i][1]]) for i in chosen):
        chosen = _first_subsection(norm, paras, last)
    elif not five_years and not any(_OUTPUT_FIGURE.search(norm, *paras[i]) for i in chosen):
        chosen += _output_paragraph(norm, paras, last)
    if five_years and report_year is not None:
        chosen += _year_block(norm, paras, last, report_year - 1)
    out, mode = [], five_years
    for i in chosen:
        a, b = paras[i]
        line = norm[a:b]
        if _FIVE_YEAR_LEAD.match(line):
            mode = True
        elif _PAST_YEAR_LEAD.match(line):
            mode = False
        elif not line.startswith(_BULLET):
            mode = five_years
        out.append((a, b, "plan_outcome" if mode else "outcome"))
    return out


def _year_block(norm: str, paras: list[tuple[int, int]], after: int, year: int) -> list[int]:
    """After a five-year review, the past year's own summary: a paragraph led by that year (各位代表！2010年，…) and
    the 一是…/——… paragraphs that follow it, before the next top-level heading."""
    for i in range(after, len(paras)):
        line = norm[paras[i][0]:paras[i][1]]
        if _TOP_HEADING.match(line):
            return []
        lead = _PAST_YEAR_LEAD.match(line)
        written = re.search(r"((?:19|20)\d\d)年", line[:20])
        if lead and (written is None or int(written.group(1)) == year):
            block = [i]
            for j in range(i + 1, len(paras)):
                if not norm[paras[j][0]:paras[j][1]].startswith(_BULLET):
                    break
                block.append(j)
            return block
    return []


def _output_paragraph(norm: str, paras: list[tuple[int, int]], at: int) -> list[int]:
    """A summary with figures but none of the economy's output (一是…七是 achievements): the headline results open
    the detailed account (（一）…主要指标增势良好。实现地区生产总值7363.9亿元…): that one paragraph, if the first
    sub-sections state it."""
    starts = [i for i in range(at, min(len(paras), at + 40)) if _SUBSECTION.match(norm[paras[i][0]:paras[i][1]])]
    if not starts:
        return []
    for i in range(starts[0], min(len(paras), starts[0] + 6)):
        if i > starts[0] and (_TOP_HEADING.match(norm[paras[i][0]:paras[i][1]]) or i in starts):
            break
        if _OUTPUT_FIGURE.search(norm, *paras[i]):
            return [i]
    return []


def _first_subsection(norm: str, paras: list[tuple[int, int]], at: int) -> list[int]:
    """The paragraphs of the numbered sub-section at or after ``at`` that states the economy's output (地区生产总值…),
    else of the first one."""
    starts = [i for i in range(at, min(len(paras), at + 40)) if _SUBSECTION.match(norm[paras[i][0]:paras[i][1]])][:4]
    sections = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else min(len(paras), start + 12)
        body = []
        for i in range(start, end):
            if i > start and _TOP_HEADING.match(norm[paras[i][0]:paras[i][1]]):
                break
            body.append(i)
        sections.append(body)
    for body in sections:
        text = "".join(norm[paras[i][0]:paras[i][1]] for i in body)
        if re.search(r"(?:生产总值|GDP|经济总量)(?:达到|实现|增长|突破|迈上|为)?\s*\d", text):
            return body
    return sections[0] if sections else []
