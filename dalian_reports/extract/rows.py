"""Rows: one per figure of a headline paragraph, with measure, period, basis and quote; and the accounting of
every number that is not a row."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from .numbers import NAN, Quantity, _JOINER, _absorb_prefix, _match_unit, resolve_measure, scan_normalized
from .tokens import _classified_tokens, tokens_in
from .coding import fall_as, growth_subject, code_of, relative_to
from .qualitative import qualitative_clauses
from .fields import (PRICE_INDICES, REFUSED_TOKENS, UNIT_NEEDED, _price_index, _row_basis, _row_kind,  # noqa: F401
                     _last_year_figure, _row_qualifier, _row_years, _share_of, _start_of_reference,
                     measured_in_units)
from .ratios import ratio_figures
from .paragraphs import (paragraph_index, HeadlineSpan, _EN_SENTENCE_END, _QUALITATIVE_EN, _QUALITATIVE_ZH, _ZH_SENTENCE_END, _year_int)
from .subjects import (_LEAD_COMPARE, _LEAD_YEAR_ZH, _Subject, _clean_subject, _is_urban_rural, _split_subject, _with_note)


# ---------------------------------------------------------------------------
# Rows
# ---------------------------------------------------------------------------
@dataclass
class _Item:
    start: int
    end: int
    quantities: list          # quantities of one group, or [] for a qualitative predicate
    predicate: str = ""
    refused: int = 0          # numbers not read (2079\u200b.4, ⑥%): they have a subject, they make no row


def _items(norm: str, quantities: list[Quantity], qualitative: list[re.Match], a: int, b: int,
           refused=(), lang: str = "zh") -> list[_Item]:
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
    out += _refused_items(norm, refused, a, b, lang)
    return sorted(out, key=lambda i: i.start)


def _refused_items(norm: str, refused, a: int, b: int, lang: str) -> list[_Item]:
    """Items for numbers that are not read (2079\u200b.4亿元, ⑥%): each has the subject before it, so that the
    figures after it do not take an older one; numbers joined by 、/和 are one item of several values."""
    out: list[_Item] = []
    for t in refused:
        _unit, _approx, end = _match_unit(norm, t.end, b, lang)
        if out and _JOINER[lang].match(norm[out[-1].end:t.start]):
            out[-1].end, out[-1].refused = end, out[-1].refused + 1   # 分别达到12 915元和5 172元
            continue
        prefixes = _absorb_prefix(norm, t.start, a, lang)   # 达到, 增长 … are not the subject's words
        out.append(_Item(prefixes[-1][2] if prefixes else t.start, end, [], refused=1))
    return out


def _around(items: list, starts: list[int], a: int, b: int) -> list:
    """The items (sorted, with their ``starts``) that start in [a, b), and the one before (it may reach into it)."""
    return items[max(0, bisect.bisect_left(starts, a) - 1):bisect.bisect_left(starts, b)]


def _between(items: list, starts: list[int], a: int, b: int) -> list:
    """The items (sorted, with their ``starts``) that start in [a, b): a bisection, so that a span of many
    sentences is read in linear time."""
    return items[bisect.bisect_left(starts, a):bisect.bisect_left(starts, b)]


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
    idx = paragraph_index(paragraphs, span.start)
    if idx is not None and span.start <= paragraphs[idx][1]:
        found = _DECLARED_BASIS.search(norm, paragraphs[idx][0], span.start)
        return found.group("basis") if found else None
    return None


class _Context:
    def __init__(self, text, norm, span, lang, period, places, declared_basis=None):
        self.declared_basis = declared_basis
        self.text, self.norm, self.span, self.lang = text, norm, span, lang
        self.period, self.places = period, places
        self.rows: list[dict] = []
        self.problems: dict[tuple[int, int], str] = {}
        self.used: list[tuple[int, int]] = list(period.used)
        self.wording_ranges: list[tuple[int, int]] = []
        self.qualitative_unknown: list[tuple[int, int, str]] = []
        self.areas: dict[tuple[int, int], str | None] = {}   # a paragraph's sub-area, by its first sentence
        self.found: dict[tuple[str, int], list[int]] = {}     # ends of matches in a sentence or paragraph
        self.classified = _classified_tokens(norm, lang, span.start, span.end)   # read once: years, dates, names …
        self.tokens = tokens_in(norm, lang, span.start, span.end, self.classified)   # … and figures
        self.token_starts = [t.start for t in self.tokens]


def _span_records(ctx: _Context) -> None:
    text, norm, span, lang = ctx.text, ctx.norm, ctx.span, ctx.lang
    quantities = scan_normalized(norm, text, lang, span.start, span.end, ctx.classified)
    for q in quantities:
        if q.modifier:
            for s, e in q.numbers:
                ctx.problems[(s, e)] = "number modifying a following word (not an indicator figure)"
    qual_rx = _QUALITATIVE_ZH if lang == "zh" else _QUALITATIVE_EN
    qualitative = list(qual_rx.finditer(norm, span.start, span.end))
    refused = [t for t in ctx.tokens if t.kind in REFUSED_TOKENS]
    starts = ([q.start for q in quantities], [m.start() for m in qualitative], [t.start for t in refused])
    for a, b in _sentences(norm, span, lang):
        stack: list[list[_Subject]] = []
        prev_end = a
        previous: Quantity | None = None
        rows_before = len(ctx.rows)
        for item in _items(norm, _between(quantities, starts[0], a, b), _between(qualitative, starts[1], a, b), a, b,
                           _between(refused, starts[2], a, b), lang):
            n_values = max(1, len(item.quantities), item.refused)
            respectively = any(q.respectively for q in item.quantities)
            each = any(q.each for q in item.quantities)
            seg = _lead_segment(norm, prev_end, item.start, lang)
            own = _clean_subject(text, norm, seg, item.start, lang)
            if own is None and not stack and seg > prev_end:
                own = _subject_of_clause_before(ctx, prev_end, seg)
            if own is not None and stack and own.code is None and not code_of(own.wording):
                _elliptical(own, stack[-1])
            if own is not None:
                _clause_comparison(own, norm, prev_end, seg)
                subjects = _split_subject(own, norm, text, lang, n_values, respectively, each)
                stack.append(subjects)
                ctx.wording_ranges.append((own.start, own.end))
            else:
                gaps = bool(item.quantities) and all(q.form == "gap" for q in item.quantities)  # 高于全国、全省a和b个百分点
                subjects = [_inherit_context(s, norm, seg, item.start, lang)
                            for s in _inherit(stack, 1 if gaps else n_values)]
            prev_end = item.end
            if item.refused:   # its subject is known (for the figures after it), its number is an unparsed entry
                continue
            if not subjects:
                _note_problem(ctx, item, "no indicator wording before the number")
                continue
            if not item.quantities:
                for subject in subjects:
                    _add_qualitative_row(ctx, subject, item)
                continue
            _spread_last_qualifier(item)
            pairs = _pair(subjects, item.quantities)
            if pairs is None:
                _note_problem(ctx, item, f"cannot pair {len(item.quantities)} values with {len(subjects)} indicator wordings")
                continue
            for subject, q in pairs:
                if own is None and previous is not None:
                    q = _stretch_follows_base(q, previous)
                _add_row(ctx, subject, q)
            previous = item.quantities[-1]
        if lang == "zh" and span.kind in ("target", "plan_target"):
            _qualitative_targets(ctx, a, b, _around(quantities, starts[0], a, b), _around(qualitative, starts[1], a, b),
                                 ctx.rows[max(0, rows_before - 8):], _around(refused, starts[2], a, b))
        if lang == "zh":
            _ratio_rows(ctx, a, b)


def _ratio_rows(ctx: _Context, a: int, b: int) -> None:
    """三次产业比重为2.81：44.16：53.03 → one share (rate, %) per sector (:mod:`dalian_reports.extract.ratios`)."""
    tokens = _between(ctx.tokens, ctx.token_starts, a, b)
    for start, end, codes, values, year, is_start in ratio_figures(ctx.norm, a, b, tokens):
        if is_start:
            period = (year, year) if year is not None else (None, None)
            kind = "plan_outcome" if ctx.span.kind in ("outcome", "plan_outcome") else ctx.span.kind
        else:
            last = ctx.period.end
            period = (last, last) if ctx.span.kind in ("outcome", "plan_outcome") else (ctx.period.start, last)
            kind = _row_kind(ctx, "rate", *period)
        for code, value in zip(codes, values):
            ctx.rows.append(dict(
                kind=kind, period_start=period[0], period_end=period[1], indicator=code,
                wording=ctx.text[start:end].split("为")[0], measure="rate", value=value, value_high=NAN, unit="%",
                qualifier="exact", relative_to=None, stretch_value=NAN, stretch=False, basis="share of GDP (a ratio)",
                share_of="", start=start, end=end, quote=ctx.text[start:end]))
        ctx.used.append((start, end))


def _qualitative_targets(ctx: _Context, a: int, b: int, quantities, qualitative, rows, refused) -> None:
    """Clauses of a target sentence that name an indicator and no number (国际收支保持基本平衡) → qualitative rows.

    ``quantities``, ``qualitative``, ``rows`` and ``refused`` (numbers not read: 达到20 000元 is not qualitative) are
    those around the sentence ``norm[a:b]``, so that each sentence costs its own length."""
    occupied = [(q.start, q.end) for q in quantities if q.start < b and q.end > a]
    occupied += [(m.start(), m.end()) for m in qualitative if m.start() < b and m.end() > a]
    occupied += [(r["start"], r["end"]) for r in rows if r["start"] < b and r["end"] > a]
    occupied += [(t.start, t.end) for t in refused if a <= t.start < b]
    for wording, s, e, clause_start, clause_end, predicate in qualitative_clauses(ctx.norm, a, b, occupied):
        indicator = code_of(wording)
        if "、" not in ctx.norm[clause_start:s]:
            s = clause_start   # the quote keeps a verb written first: 完成省下达“十五五”碳排放强度序时进度目标
        ctx.rows.append(dict(
            kind=ctx.span.kind, period_start=ctx.period.start, period_end=ctx.period.end, indicator=indicator,
            wording=wording, measure="qualitative", value=NAN, value_high=NAN, unit="", qualifier="qualitative",
            relative_to=relative_to(predicate), stretch_value=NAN, stretch=False, basis=predicate, share_of="",
            start=s, end=clause_end, quote=ctx.text[s:clause_end]))


ELLIPTICAL = ("人均",)


def _elliptical(subject: _Subject, previous: list[_Subject]) -> None:
    """'地区生产总值…达到7000亿元…；人均超过1.55万美元': a bare 人均 is per capita of the subject before it;
    '金融业增加值643.88亿元，占GDP比重达到11.1%': a bare share of GDP is the share of that subject."""
    if len(previous) != 1:
        return
    before = re.sub(r"(?:增速|增幅|增长)$", "", previous[0].wording.removeprefix("全市").removeprefix("全省"))
    if subject.wording in ELLIPTICAL:
        subject.code = code_of(subject.wording + before)
    elif subject.wording in ("增加值", "产值", "总产值"):   # 规模以上工业总产值突破1万亿元，增加值增长11%
        sector = re.sub(r"(?:总产值|产值|增加值)$", "", before)
        subject.code = code_of(sector + subject.wording) if sector != before else None
    elif subject.wording.startswith("占"):
        subject.code = share_code(before, subject.wording[1:])
        if subject.code is None:   # a share of a whole the vocabulary does not know: never the whole's own code
            subject.wording = before + subject.wording


def share_code(part: str, whole: str) -> str | None:
    """The code of 'part 占 whole (的比重)': 高新技术产业产值, 全市规模以上工业总产值 → hi_tech_output_share.

    >>> share_code("生产总值", "全省"), share_code("高新技术产业产值", "全市规模以上工业总产值的")
    ('gdp_share_of_province', 'hi_tech_output_share')
    """
    whole = re.sub(r"(?:的)?(?:比重|比例)?$", "", whole)
    bare = re.sub(r"^(?:全市|全区|全县|本市)", "", whole)
    for w in dict.fromkeys((whole, bare)):
        for candidate in (f"{part}占{w}比重", f"{part}占{w}的比重", f"{part}占{w}"):
            code = code_of(candidate)
            if code is not None:
                return code
    return None


def _subject_of_clause_before(ctx: _Context, a: int, seg: int) -> _Subject | None:
    """'城镇居民家庭人均可支配收入，由1997年的5160元…': a clause that is only an indicator wording is the subject of
    the figure after the comma."""
    start = _lead_segment(ctx.norm, a, seg - 1, ctx.lang)
    subject = _clean_subject(ctx.text, ctx.norm, start, seg - 1, ctx.lang)
    return subject if subject is not None and code_of(subject.wording) else None


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
    """'增长7%，力争7.5%': a 力争 figure without a verb of its own is read like the base figure; '占大连市比重平均达到
    65%，占辽宁省1/3': a share after an average share is an average too."""
    if q.share and base.share and base.mean and not q.direction:
        return replace(q, mean=True)
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


def _spread_last_qualifier(item: _Item) -> None:
    """分别增长8%和9.5%左右: 左右 written only after the last value of a list applies to every value (a bound such
    as 以上 does not: 分别减少3.7%和3.7%以上 sets two different bounds)."""
    qs = item.quantities
    if len(qs) < 2 or qs[-1].qualifier != "about" or any(q.qualifier != "exact" for q in qs[:-1]):
        return
    item.quantities = [replace(q, qualifier=qs[-1].qualifier, qualifier_word=qs[-1].qualifier_word) for q in qs[:-1]]
    item.quantities.append(qs[-1])


def _pair(subjects: list[_Subject], quantities: list[Quantity]):
    if len(quantities) == 1:
        return [(s, quantities[0]) for s in subjects]
    if len(subjects) == 1 and all(q.form == "gap" for q in quantities):
        return [(subjects[0], q) for q in quantities]   # 分别高于全国、全省0.4和1个百分点: one indicator, two gaps
    if len(subjects) == len(quantities):
        return list(zip(subjects, quantities))
    return None


def _note_problem(ctx: _Context, item: _Item, reason: str) -> None:
    for q in item.quantities:
        for s, e in q.numbers:
            ctx.problems[(s, e)] = reason


def _add_row(ctx: _Context, subject: _Subject, q: Quantity) -> None:
    """One numeric row: measure and sign, period, basis notes, quote."""
    if subject.cumulative and not q.cumulative:
        q = replace(q, cumulative=True)
    compare = q.compare or subject.compare
    base_year = _year_int(compare) if _FOUR_DIGIT_YEAR.fullmatch(compare or "") else None
    first_year = ctx.period.start if ctx.period.start is not None else ctx.period.end
    cumulative_base = base_year is not None and first_year is not None and base_year < first_year - 1
    measure, value, high, notes = resolve_measure(q, subject.wording, cumulative_base=cumulative_base)
    start_year, end_year = _row_years(ctx, subject, q, measure, base_year if cumulative_base else None)
    basis = _row_basis(ctx, subject, q, measure, notes, compare, base_year if cumulative_base else None)
    start = min([subject.start, q.start] + [s for s, _e in subject.refs if s < subject.start and compare])
    start = _start_of_reference(ctx.norm, start, subject, compare)
    indicator = subject.code or code_of(subject.wording, subject.note)
    if indicator is None and measure in ("growth", "avg_growth"):
        indicator = growth_subject(subject.wording)   # 经济增长4.5%—5%
    if indicator is not None and q.share and not subject.code:   # 生产总值…，占全省比重升至34.2%
        indicator = share_code(subject.wording, q.share) or indicator
    if indicator is None:
        for s, e in q.numbers:
            ctx.problems[(s, e)] = f"wording {subject.wording!r} is not in the vocabulary (dalian_reports/vocab)"
        return
    area = _sub_area(ctx, subject, q)
    if area:
        for s, e in q.numbers:
            ctx.problems[(s, e)] = f"figure of a sub-area ({area}), not of the jurisdiction"
        return
    measure, value, high, unit, basis = _price_index(indicator, measure, value, high, q.unit, basis)
    if measure == "decline" and unit not in ("%", "个百分点", "‰") and fall_as(indicator):
        indicator, measure = fall_as(indicator), "level"   # 农村贫困人口减少1442万人: 1442万 people left poverty
    if not unit and (measure in UNIT_NEEDED or measure == "level" and measured_in_units(indicator)):
        reason = (f"a {measure} without a unit (%, 个百分点 …) is not read" if measure in UNIT_NEEDED else
                  f"a figure of {indicator} without a unit (its units: {measured_in_units(indicator)}) is not read")
        for s, e in q.numbers:   # 增长6.5, 失业率控制在4以内: 6.5% or 6.5 points? never guessed
            ctx.problems[(s, e)] = reason
        return
    if measure == "avg_growth" and ctx.span.kind == "outcome":
        # 年均增长 in the review of one year speaks of several years (五年年均增长8.6%): not that year's outcome
        start_year = end_year - 4 if end_year is not None and "五年" in ctx.norm[max(0, q.start - 8):q.end] else None
        kind = "plan_outcome"
    elif (ctx.span.kind == "plan_outcome" and measure in ("level", "rate", "growth", "decline")
          and _last_year_figure(ctx, q, compare)):
        kind, start_year = "outcome", end_year   # 去年，外贸出口达到108.5亿美元，比上年增长32.3%: the last year's own
        basis = [b for b in basis if not b.startswith("cumulative")]
    else:
        kind = _row_kind(ctx, measure, start_year, end_year)
    ctx.rows.append(dict(
        kind=kind, period_start=start_year, period_end=end_year,
        indicator=indicator, wording=subject.wording,
        measure=measure, value=value, value_high=high, unit=unit, qualifier=_row_qualifier(ctx, q),
        relative_to=None, stretch_value=NAN, stretch=bool(q.stretch or subject.stretch),
        basis="; ".join(dict.fromkeys(b for b in basis if b)), share_of=_share_of(q.share, ctx),
        start=start, end=q.end, quote=ctx.text[start:q.end],
    ))
    ctx.used.extend(q.numbers)
    ctx.used.extend(q.refs)
    ctx.used.extend(subject.refs)


_FOUR_DIGIT_YEAR = re.compile(r"(?:19|20)\d\d")
_SUB_AREA = re.compile(r"[\u4e00-\u9fff]{0,6}(?:新区|开发区|高新区|保税区|自贸试验区|自贸区|片区|园区)")
_OWN_PLACE = re.compile(r"^(?:全市|全省|全国|全区|我市|我省)")
_AREA_PREFIX = re.compile(r"^(?![全占人去今本我建])[\u4e00-\u9fff]{1,5}?(?:县|区|新区|开发区|市)(?=[\u4e00-\u9fff]{2})")
_ZONE_PREFIX = re.compile(r"^(?P<zone>(?![全占人去今本我建])[\u4e00-\u9fff]{1,8}?(?:开发区|新区|高新区|园区|保税区|自贸区|片区))"
                          r"(?:共|累计)?(?:实现|完成)?(?=[\u4e00-\u9fff]{2})")
_NOT_AREAS = ("城区", "市区", "地区", "社区", "园区", "全区", "全市", "城市", "都市", "本市", "本区")


@lru_cache(maxsize=1)
def _jurisdiction_names() -> frozenset[str]:
    from ..vocab import jurisdictions

    names = set(_NOT_AREAS)
    for j in jurisdictions().values():
        names.update([j.name_zh, *j.aliases_zh])
    return frozenset(names)


def _sub_area(ctx: _Context, subject: _Subject, q: Quantity) -> str | None:
    """A bare economy-wide wording (经济总量, 地区生产总值) in a paragraph whose first sentence is about a sub-area
    (二是抓金普新区…试验。…经济总量达到2296亿元) is that area's figure: the name of the area, else None."""
    if _OWN_PLACE.match(subject.wording):
        return None
    place = _AREA_PREFIX.match(subject.wording)   # 长海县生产总值, 金普新区地区生产总值: a county's or district's GDP
    if place and place.group(0) not in _jurisdiction_names() and code_of(subject.wording[place.end():]) == "gdp":
        return place.group(0)
    zone = _ZONE_PREFIX.match(subject.wording)    # 三大国家级开发区共实现规模以上工业总产值: the zones' figure
    if zone and zone.group("zone") not in _jurisdiction_names() and code_of(subject.wording[zone.end():]):
        return zone.group("zone")
    if code_of(subject.wording) != "gdp":
        return None
    para = max(ctx.span.start, ctx.norm.rfind("\n", ctx.span.start, q.start) + 1)
    first_end = ctx.norm.find("。", para, q.start)
    if first_end < 0:   # the figure is in the paragraph's first sentence
        return None
    if (para, first_end) not in ctx.areas:   # the first sentence is read once, not once per figure
        m = _SUB_AREA.search(ctx.norm, para, first_end)
        ctx.areas[(para, first_end)] = m.group(0) if m else None
    return ctx.areas[(para, first_end)]


def _add_qualitative_row(ctx: _Context, subject: _Subject, item: _Item) -> None:
    start = subject.start
    predicate = re.sub(r"\s+", " ", ctx.text[item.start:item.end]).strip()
    basis = [re.sub(r"^(?:is|are|will be|be|was|were|remains?|remained)\s+", "", predicate)]  # English copula
    if subject.note:
        basis.append(subject.note)
    if subject.stretch:
        basis.append("力争 (stretch)")
    indicator = subject.code or code_of(subject.wording, subject.note)
    if indicator is None:
        ctx.qualitative_unknown.append((start, item.end, subject.wording))
        return
    ctx.rows.append(dict(
        kind=ctx.span.kind, period_start=ctx.period.start, period_end=ctx.period.end,
        indicator=indicator, wording=subject.wording, measure="qualitative", value=NAN, value_high=NAN, unit="",
        qualifier="qualitative", relative_to=relative_to(predicate), stretch_value=NAN, stretch=subject.stretch,
        basis="; ".join(basis), share_of="", start=start, end=item.end, quote=ctx.text[start:item.end],
    ))
    ctx.used.extend(subject.refs)
