"""The fields of a row: its period, kind, basis notes, qualifier, share and unit checks.

Read by :mod:`dalian_reports.extract.rows` once a figure has its indicator wording (see the conventions of
:mod:`dalian_reports.extract.headline`).
"""
from __future__ import annotations

import re
from functools import lru_cache

from .paragraphs import _plan_years, _year_int
from .subjects import _Subject
from .tokens import Quantity


def _share_of(whole: str, ctx) -> str:
    """The jurisdiction a share is of: 占全市 → the city (of the report's jurisdiction), 占全省 → its province,
    占全国 → china, 占全区 → the district; a named place (占辽宁省, 占大连市) → its code."""
    if not whole:
        return ""
    generic = {"全市": "city", "本市": "city", "市": "city", "全省": "province", "本省": "province", "省": "province",
               "全国": "nation", "全区": "district", "本区": "district"}
    if whole in generic:
        return ctx.places[generic[whole]]
    from ..vocab import jurisdictions

    for j in jurisdictions().values():
        if whole.startswith((j.name_zh, *j.aliases_zh)) and not whole.startswith("全"):
            return j.code
    if whole.startswith("东北"):
        return "northeast"
    return {"全县": "county"}.get(whole, whole)


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


PRICE_INDICES = ("cpi", "ppi")
#: Number tokens that are not read but stand where a figure stands (a separator inside, a circled numeral).
REFUSED_TOKENS = ("broken", "circled")
#: Measures that mean nothing without a unit (a growth of 6.5 what?).
UNIT_NEEDED = ("growth", "avg_growth", "rate", "decline", "cumulative_decline", "pp_gap")


@lru_cache(maxsize=None)
def measured_in_units(code: str) -> str:
    """The units the vocabulary gives an indicator ('%|亿元|万亿元' …), '' when it gives none. A figure of such an
    indicator written without a unit (失业率控制在4以内, 收入34 056元 cut at the space) is refused."""
    from ..vocab import _rows

    return next((r["units"].strip() for r in _rows() if r["code"] == code), "")


def _price_index(indicator: str, measure: str, value: float, high: float, unit: str, basis: list[str]):
    """居民消费价格指数103%左右: a price index written as a level (previous year = 100) is a growth of 3%."""
    if indicator in PRICE_INDICES and measure in ("rate", "level", "growth") and unit in ("%", "") and 80 <= value <= 130:
        written = f"{value:g}{unit}"
        return ("growth", round(value - 100, 10), high - 100 if high == high else high, "%",
                basis + [f"written as an index ({written}, previous year = 100)"])
    return measure, value, high, unit, basis


def _row_kind(ctx, measure: str, start_year: int | None, end_year: int | None) -> str:
    """A level or rate of a multi-year review that is about the last year alone (a level reached, 2017年达到…) is
    that year's ``outcome``; every other figure (growth over the period, averages, multiples of an earlier period)
    has the kind of its paragraph."""
    last = ctx.period.end
    if (ctx.span.kind == "plan_outcome" and measure in ("level", "rate") and last is not None
            and start_year == end_year == last):
        return "outcome"
    return ctx.span.kind


def _row_years(ctx, subject: _Subject, q: Quantity, measure: str, cumulative_base: int | None):
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


def _is_period_total(ctx, subject: _Subject, q: Quantity, measure: str) -> bool:
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


def _row_qualifier(ctx, q: Quantity) -> str:
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


def _last_year_figure(ctx, q: Quantity, compare: str) -> bool:
    """In a multi-year review, a figure compared with the year before it (比上年) or in a sentence about last year
    (去年，…) is the last year's outcome."""
    if (compare in ("上年", "去年") or "yoy" in q.prefix_roles) and not q.average and not q.cumulative:
        return True   # 比上年 / 同比增长16.5%: compared with the year before
    if not q.average and not q.cumulative and _YOY_GROWTH_AFTER.match(ctx.norm, q.end):
        return True   # 社会消费品零售总额5220亿元，同比增长16.5%: the level whose growth is year on year
    if q.average or q.cumulative or re.fullmatch(r"(?:19|20)\d\d", compare or ""):
        return False   # 比2002年增长78%: over the years since
    sentence = max(ctx.span.start, ctx.norm.rfind("。", ctx.span.start, q.start) + 1)
    opening = _YEAR_OPENING.match(ctx.norm, sentence)
    if opening and ctx.period.end is not None and int(opening.group(1)) == ctx.period.end:
        return True   # 过去的五年，…。2007年，我省实现地区生产总值11022亿元: the last year's own
    if _found(ctx, _LAST_YEAR_CLAUSE, sentence, q.start, "。", _LAST_YEAR_OPENING):   # …，去年… / 去年，…
        return True
    # a paragraph whose first sentence is about last year (特别是面对去年严峻复杂的经济形势…。地区生产总值增长9.5%)
    para = max(ctx.span.start, ctx.norm.rfind("\n", ctx.span.start, q.start) + 1)
    first_end = ctx.norm.find("。", para, q.start)
    lead_end = q.start if first_end < 0 else first_end
    return _found(ctx, _LAST_YEAR, para, lead_end, "\n") and not _found(ctx, _SEVERAL_YEARS, para, q.start, "\n")


_YOY_GROWTH_AFTER = re.compile(r"\s*[，,]\s*(?:同比|比上年|较上年|比去年|较去年)(?:增长|下降|提高|降低|增加|减少)\s*-?\d")
_YEAR_OPENING = re.compile(r"\s*(?:——\s*)?(?:\*\*[^*\n]{1,30}\*\*)?(?:据初步核算|初步统计|预计)?[，,]?((?:19|20)\d\d)\s*年(?![底末])")
_LAST_YEAR_CLAUSE = re.compile(r"[，,；;]\s*去年")
_LAST_YEAR_OPENING = re.compile(r"\s*去年")
_LAST_YEAR = re.compile(r"去年|上一年")
_SEVERAL_YEARS = re.compile(r"五年|年均|累计|以来|(?:19|20)\d\d年")


def _found(ctx, rx: re.Pattern, a: int, b: int, stop: str, opening: re.Pattern | None = None) -> bool:
    """Is there a match of ``rx`` (or of ``opening`` right at ``a``) in ``norm[a:b]``? The matches from ``a`` to the
    next ``stop`` are found once and shared by the figures of that sentence or paragraph (linear time)."""
    key = (rx.pattern, a)
    ends = ctx.found.get(key)
    if ends is None:
        end = ctx.norm.find(stop, a, ctx.span.end)
        end = ctx.span.end if end < 0 else end
        first = opening.match(ctx.norm, a, end) if opening is not None else None
        ends = ctx.found[key] = [first.end()] if first else []
        ends += [m.end() for m in rx.finditer(ctx.norm, a, end)]
    return bool(ends) and ends[0] <= b
