"""Restore the years overwritten in the compilation (source ``000``).

Every 4-digit "20xx" token there reads "2024". Each token is judged by the first
rule in ``RULES`` whose pattern matches around it, given the true delivery year of
the report it sits in (from :func:`dalian_reports.reports`) and the section it sits
in (the review of the past year or years, or the work ahead). A token no rule fixes
stays ``unknown``; tokens that are not years (amounts, titles) are ``not_a_year``.
In restored text, every token that is not restored becomes "20??": its last two
digits are lost, so no downstream parser can mistake it for a number.

>>> import dalian_reports as dr
>>> y = dr.year_restorations()
>>> y.loc[(y.line == 391) & (y.occurrence.isin([1, 2])), ["restored", "status"]].values.tolist()
[[2012, 'restored'], [2007, 'restored']]
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from .raw import manifest_rows, read_source
from .reports import Report, report_list

UNKNOWN_MASK = "20??"
PLAN_START = {"十一": 2006, "十二": 2011, "十三": 2016, "十四": 2021, "十五": 2026}


@dataclass(frozen=True)
class Context:
    report: Report
    section: str  # 'front' (title lines), 'review', 'review_5y' (five-year review), 'ahead'
    line_text: str
    start: int  # token offset in line_text


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: str  # regex around the token; the token itself is written as Y
    decide: Callable[[Context, re.Match], tuple[str, int | None]]
    why: str
    sections: tuple[str, ...] = ("front", "review", "review_5y", "ahead")
    line_condition: str = ""  # regex the whole line must match for the rule to apply

    def regex(self, token: str) -> re.Pattern:
        parts = self.pattern.split("Y")
        body = parts[0] + "".join(f"(?P<tok{i}>{re.escape(token)})" + part for i, part in enumerate(parts[1:]))
        return re.compile(body)

    def token_start(self, match: re.Match) -> int | None:
        starts = [match.start(name) for name, value in match.groupdict().items()
                  if name.startswith("tok") and value is not None]
        return starts[0] if starts else None


def _year(offset: int):
    return lambda ctx, m: ("restored", ctx.report.report_year + offset)


def _plan_year(ctx: Context, match: re.Match):
    start = PLAN_START[match.group("plan")]
    return "restored", {"开局": start, "承上启下的关键": start + 2, "收官": start + 4}[match.group("when")]


def _odd_year_event(ctx: Context, match: re.Match):
    year = ctx.report.report_year - 1
    return ("restored", year) if year % 2 == 1 else ("unknown", None)


RULES: list[Rule] = [
    Rule("amount", r"Y(?=(?:多|余)?(?:万亿|亿|万|千)?(?:元|美元|人次|人|吨|标箱|个|项|家|套|辆|件))",
         lambda c, m: ("not_a_year", None),
         "followed by a unit of quantity (e.g. 突破2024亿元): an amount whose digits were overwritten too"),
    Rule("title", r"《[^《》]*Y[^《》]*》", lambda c, m: ("not_a_year", None),
         "inside a title 《…》 (e.g. 《中国制造2025》): part of a name, not a date"),
    Rule("delivery_date", r"(?:——|（)Y年\d{1,2}月\d{1,2}日", _year(0),
         "date on the report's title lines: the delivery year of the report"),
    Rule("report_title", r"Y年大连市政府工作报告|大连市Y年政府工作报告", _year(0),
         "title of the report: its delivery year"),
    Rule("plan_period_year", r"Y年是“(?P<plan>十[一二三四五])五”(?:的)?(?P<when>开局|承上启下的关键|收官)之年",
         _plan_year, "first, middle (third) or last year of a named five-year plan"),
    Rule("xiaokang_doubling_base", r"比Y年翻一番", lambda c, m: ("restored", 2010),
         "among the 13th-plan goals, 全面建成小康社会 doubles the 2010 levels of GDP and income by 2020 "
         "(18th CPC Congress, 2012)", line_condition=r"“十三五”"),
    Rule("five_year_base", r"是Y年(?:总量)?的[\d.]+倍", _year(-6),
         "in a five-year review '…是Y年的N倍' compares with the year before the five years: delivery year − 6",
         sections=("review_5y",), line_condition=r"^五年来"),
    Rule("five_year_end", r"(?:^|[；;。])Y年(?:按新口径统计)?(?:达到|完成)[^；;。]*是[^；;。]*倍", _year(-1),
         "in a five-year review 'Y年达到/完成 X，是…的N倍' is the last of the five years: delivery year − 1",
         sections=("review_5y",), line_condition=r"^五年来"),
    Rule("review_heading", r"Y年政府工作回顾", _year(-1), "heading of the review of the past year"),
    Rule("ahead_heading", r"Y年(?:政府工作目标|主要工作|工作建议|政府工作的总体要求)", _year(0),
         "heading or lead of the work planned for the coming year: the delivery year"),
    Rule("ahead_lead", r"^Y年[，,]?(?:是|重点)", _year(0),
         "a paragraph opening with the year in the section on the year ahead", sections=("ahead",)),
    Rule("just_past", r"(?:刚刚过去的|过去的)Y年", _year(-1), "'the year just past': delivery year − 1"),
    Rule("review_address", r"^各位代表[，,]Y年", _year(-1),
         "'各位代表，Y年…' in the review of one year speaks of that year", sections=("review",)),
    Rule("summer_davos", r"Y夏季达沃斯", _odd_year_event,
         "Summer Davos named in the review of the past year; Dalian hosts it in odd years (checked)",
         sections=("review",)),
    Rule("five_year_review_bare_year", r"Y年", lambda c, m: ("unknown", None),
         "a bare year inside a five-year review: any of the five years; the text does not say which",
         sections=("review_5y",)),
]

SECTION_HEADING = re.compile(r"^\s*[一二三四五六]、(.*)$")


def _section(heading: str | None) -> str:
    if heading is None:
        return "front"
    if "回顾" in heading:
        return "review_5y" if "五年" in heading and "十二五" not in heading else "review"
    return "ahead"


@dataclass(frozen=True)
class Restoration:
    source_id: str
    line: int
    occurrence: int
    column: int
    context: str
    report_id: str
    section: str
    restored: int | None
    status: str
    rule: str
    why: str


def judge(token: str, ctx: Context) -> tuple[str, int | None, str, str]:
    """(status, year, rule name, why) for one token."""
    for rule in RULES:
        if ctx.section not in rule.sections:
            continue
        if rule.line_condition and not re.search(rule.line_condition, ctx.line_text):
            continue
        for match in rule.regex(token).finditer(ctx.line_text):
            if rule.token_start(match) == ctx.start:
                status, year = rule.decide(ctx, match)
                return status, year, rule.name, rule.why
    return "unknown", None, "no_rule", "no rule fixes this year from the text"


@lru_cache(maxsize=None)
def restorations_for(source_id: str) -> tuple[Restoration, ...]:
    row = next(r for r in manifest_rows() if r["source_id"] == source_id)
    token = row.get("overwritten_year_token", "")
    if not token:
        return ()
    doc = read_source(source_id)
    reports = [r for r in report_list() if r.source_id == source_id]
    out: list[Restoration] = []
    for report in reports:
        heading = None
        for number in range(report.line_start, report.line_end + 1):
            text = doc.line(number)
            found = SECTION_HEADING.match(text)
            if found:
                heading = found.group(1)
            section = _section(heading)
            for occurrence, match in enumerate(re.finditer(re.escape(token), text), start=1):
                ctx = Context(report, section, text, match.start())
                status, year, rule, why = judge(token, ctx)
                context = text[max(0, match.start() - 12):match.end() + 12]
                out.append(Restoration(source_id, number, occurrence, match.start(), context, report.report_id,
                                       section, year, status, rule, why))
    lines_covered = {(r.line, r.column) for r in out}
    for number, text in enumerate(doc.lines, start=1):  # tokens outside every report are still accounted for
        for occurrence, match in enumerate(re.finditer(re.escape(token), text), start=1):
            if (number, match.start()) not in lines_covered:
                out.append(Restoration(source_id, number, occurrence, match.start(),
                                       text[max(0, match.start() - 12):match.end() + 12], "", "front", None,
                                       "unknown", "outside_reports", "not inside any identified report"))
    return tuple(sorted(out, key=lambda r: (r.line, r.column)))


def year_restorations():
    """One row per overwritten year token: where it is, what it was, and why.

    Columns: source_id, line, occurrence (1.. within the line), column, context,
    report_id, section, restored (Int64, missing unless status is 'restored'),
    status ('restored' | 'not_a_year' | 'unknown'), rule, why.
    """
    import pandas as pd
    from dataclasses import asdict

    rows = [asdict(r) for row in manifest_rows() for r in restorations_for(row["source_id"])]
    df = pd.DataFrame(rows, columns=list(Restoration.__dataclass_fields__))
    return df.astype({"line": "int64", "occurrence": "int64", "column": "int64", "restored": "Int64"}).astype(
        {c: "string" for c in ["source_id", "context", "report_id", "section", "status", "rule", "why"]})
