"""The number-and-qualifier grammar: a number phrase → value, unit, qualifier and measure hints.

This module reads the *figures* of Chinese (and English) government prose:
``增长6.5%左右``, ``7820亿元``, ``控制在3%以内``, ``6.5%-7%``, ``翻一番``,
``两位数增长``, ``比2020年累计下降13%以上``, ``by about 6%``. It knows nothing
about indicators or paragraphs (that is :mod:`dalian_reports.extract.headline`);
it only says what a number phrase means. Nothing is ever guessed: a numeral that
cannot be read (``6..5%``, ``1.2.3``, ``5%%``, an inverted range ``7%-5%``, a chained or
nested range ``6%-7%-8%``, ``6%-(7%-8%)``)
raises :class:`dalian_reports.errors.ParseError` carrying its line.

Conventions
-----------
*Values and units are kept as written.* ``1.1万亿元`` is ``value=1.1, unit='万亿元'``
(not 11000 亿元); ``3.4万余家`` is ``3.4`` ``万家``; ``149.3 billion yuan`` is
``149.3`` ``billion yuan``. Full-width digits and signs (``６．５％``) are read
as their half-width equivalents, and units are reported half-width (``%``).
Thousands separators are dropped (``3,180`` → 3180). A fraction ``1/3`` has
value 1/3 and unit ``fraction``. Idioms: ``翻一番`` → 2 (``翻两番`` → 4, i.e. 2**n),
``倍增``/``double`` → 2, all with unit ``倍``/``times`` and measure hint
``multiple``; ``两位数增长`` → ``at_least`` 10 ``%``; a bare magnitude with a
currency after a verb (``超万亿元``, ``突破千亿元``) → 1 of that unit;
``迈入万亿城市行列`` → ``at_least`` 1 ``万亿元``. Other Chinese numerals are read
with ``cn2an`` where they carry a unit (``两倍``, ``一个百分点``, ``百分之五``).

*Qualifiers* (one of :data:`QUALIFIERS`). Chinese follows the statutory reading
of 《民法典》第一千二百五十九条: 以上/以下/以内 *include* the number, 超过/不满
*exclude* it.

===============  ============================================================
qualifier        words
===============  ============================================================
exact            no qualifier
about            左右, 上下, 前后, 附近, 约, 大约, 近, 接近 (nearly is read as "about");
                 about, around, approximately, roughly, nearly
at_least         以上, 及以上, 不低于, 不少于, 至少, ≥, 两位数;
                 at least, no less than, or more
at_most          以下, 以内, 之内, 不超过, 不高于, 至多, ≤, and a bare cap verb
                 (控制在/保持在/稳定在 3% with no other qualifier); within,
                 no more than, not exceeding, up to, and a bare "controlled at"
greater_than     超过, 超, 突破, 逾, 高于, 多于, >, 余/多 (3500余家), and after the number
                 出头, 开外, 强 (6%出头);
                 more than, over, above, exceed. NB the English translation
                 renders 以上 as "more than", so its rows say greater_than.
less_than        低于, 少于, 不足, 不到, <; less than, below, under, fewer than
range            6.5%-7%, 6.5—7%, 6.5%至7%, 6%～7%, 6.5% to 7%, between … and …
                 (``value`` is the low end, ``value_high`` the high end)
qualitative      no number (与经济增长同步 …; set by the headline extractor)
===============  ============================================================

When a phrase carries two qualifiers, the one written after the number wins
(``超过6%以上`` → at_least). 力争/争取 ("strive to") is not a qualifier: it marks a
stretch goal (:attr:`Quantity.stretch`), so ``力争增长8%以上`` is ``at_least`` 8
with ``stretch=True``. A cap verb is recorded in :attr:`Quantity.cap`;
the headline extractor reads a bare cap in a *past-year result*
(``城镇登记失业率控制在2.61%``) as the exact measured value.

*Measures and the sign of falls.* The grammar reports a measure *hint*
(:attr:`Quantity.measure_hint`); :func:`resolve_measure` turns it into one of
:data:`MEASURES` once the indicator wording is known, always with the same
convention:

* a rise (增长, 增加, 提高, 上涨, 递增; increase, grow, rise) is ``growth``, or
  ``avg_growth`` when annual-average (年均, 年平均; average annual);
* a fall (下降, 降低, 减少, 回落, 削减, 减排; decrease, decline, fall, drop) of an
  indicator whose *target is a reduction* (energy intensity, emissions,
  pollutants, water use, accidents, unemployment …, see
  :func:`is_reduction_indicator`, or any 减排/削减/压减 verb) is ``decline`` with
  a **positive** value, or ``cumulative_decline`` when 累计/cumulative or measured
  against a base year more than one year back; an annual-average fall is
  ``decline`` with basis ``annual average``;
* a fall of any other indicator (revenue, investment, exports 下降25.7%) is
  ``growth`` (or ``avg_growth``) with a **negative** value (−25.7); a range
  is negated and swapped, so ``value <= value_high`` always holds;
* ``level`` is an amount in a unit (亿元, 元, 万人, 家 …); ``rate`` is a ratio,
  share or rate expressed in % (失业率 2.93%, 占GDP比重 7%, 占全市45.7%);
  a % level whose wording names a growth (涨幅, 增速, 增幅, growth) or a price
  (价格, CPI) is ``growth``;
* ``multiple`` is a ratio of two levels (是2007年的2.2倍, 翻一番, 倍增); ``增长1.7倍``
  stays ``growth`` with unit ``倍`` (not converted to 170%);
* ``pp_gap`` is a signed gap in percentage points to a reference (高于全国平均值7.2
  个百分点 → +7.2; 低于 → negative). A change of a rate in points (提高10个
  百分点) is ``growth`` with unit ``个百分点``: the unit always tells whether a
  growth is relative (%), absolute (元, 亿元), in points or in times (倍).

Examples
--------
>>> q = parse_quantity("增长6.5%左右")
>>> (q.value, q.unit, q.qualifier, q.measure_hint)
(6.5, '%', 'about', 'growth')
>>> q = parse_quantity("６．５％-７％")
>>> (q.value, q.value_high, q.unit, q.qualifier)
(6.5, 7.0, '%', 'range')
>>> q = parse_quantity("1.1万亿元")
>>> (q.value, q.unit, q.measure_hint)
(1.1, '万亿元', 'level')
>>> q = parse_quantity("比2010年翻一番以上")
>>> (q.value, q.unit, q.qualifier, q.measure_hint, q.compare)
(2.0, '倍', 'at_least', 'multiple', '2010')
>>> q = parse_quantity("年均保持两位数增长")
>>> (q.value, q.qualifier, q.measure_hint)
(10.0, 'at_least', 'avg_growth')
>>> resolve_measure(parse_quantity("下降25.7%"), "一般公共预算收入")[:2]
('growth', -25.7)
>>> resolve_measure(parse_quantity("累计下降18%"), "万元GDP综合能耗")[:2]
('cumulative_decline', 18.0)
>>> q = parse_quantity("will increase by about 6%", lang="en")
>>> (q.value, q.qualifier, q.measure_hint)
(6.0, 'about', 'growth')
>>> parse_quantity("增长6..5%")
Traceback (most recent call last):
...
dalian_reports.errors.ParseError: line 1: malformed number '6..5'
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..errors import ParseError
from .lexicon import MEASURES, NAN, QUALIFIERS, line_of, to_halfwidth  # noqa: F401  (re-exported)
from .measures import is_reduction_indicator, resolve_measure  # noqa: F401  (re-exported)
from .tokens import NumberToken, Quantity, number_tokens  # noqa: F401  (re-exported)
from .lexicon import (_COUNT_CLASSIFIERS, _PREFIX_BY_LAST, _PREFIX_RES)
from .tokens import (Claims, _classified_tokens, _normalize_reference, normalize_basis)
from .normal import normalize
from .groups import _JOINER, _group  # noqa: F401  (_JOINER re-exported)
from .cores import (_match_unit, _Core, _FIGURE_RE, _FOLLOW_OK_ZH, _SUFFIX_RE, _check_malformed, _read_core)


def _absorb_suffix(norm: str, pos: int, end: int, lang: str) -> tuple[str, str, int]:
    for qualifier, rx in _SUFFIX_RE[lang]:
        m = rx.match(norm, pos, end)
        if m:
            return qualifier, m.group(0).strip(), m.end()
    return "", "", pos


def _absorb_prefix(norm: str, pos: int, floor: int, lang: str) -> list[tuple[str, re.Match, int, int]]:
    """Prefix words right before ``pos`` (nearest first): (role, match, start, end)."""
    found = []
    space = " \t\u00a0\n" if lang == "zh" else " \t\u00a0"
    for _ in range(10):
        p = pos
        while p > floor and norm[p - 1] in space:
            p -= 1
        window_start = max(floor, p - 40)
        window = norm[window_start:p]
        if not window:
            break
        best = None
        for role, rx in _prefix_patterns(window, lang):
            m = rx.search(window)
            if m and m.group(0) and (best is None or len(m.group(0)) > len(best[1].group(0))):
                best = (role, m)
        if best is None:
            break
        role, m = best
        s = window_start + m.start()
        found.append((role, m, s, p))
        pos = s
    return found


def _prefix_patterns(window: str, lang: str) -> tuple[tuple[str, re.Pattern], ...]:
    """The prefix patterns (role, ``…$``) that can match at the end of a non-empty ``window``: only those whose
    matches can end with its last character (:mod:`.searching`); all of them when it ends with a line break (``$``
    also matches before one)."""
    if window[-1] == "\n":
        return _PREFIX_RES[lang]
    by_last, any_other = _PREFIX_BY_LAST[lang]
    return by_last.get(window[-1], any_other)


def _apply_prefix(q: dict, prefixes, norm: str) -> None:
    for role, m, s, e in prefixes:
        word = norm[s:e].strip()
        if role.startswith("q:"):
            if q["qualifier"] == "exact":
                q["qualifier"], q["qualifier_word"] = role[2:], word
        elif role == "up":
            q["direction"] = q["direction"] or "up"
        elif role in ("down", "down_reduce"):
            q["direction"] = q["direction"] or "down"
            q["reduce_verb"] = q["reduce_verb"] or role == "down_reduce"
        elif role == "to_up":
            q["form"] = q["form"] or ("to" if not word.startswith(("达到",)) else "level")
            q["direction"] = q["direction"] or ("up" if q["form"] == "to" else "")
        elif role == "to_down":
            q["form"], q["direction"] = q["form"] or "to", q["direction"] or "down"
        elif role == "from":
            q["form"] = "from"
        elif role == "level":
            q["form"] = q["form"] or "level"
        elif role == "cap":
            q["cap"] = True
        elif role in ("average", "mean", "cumulative", "respectively", "each", "stretch"):
            q[role] = True
        elif role == "basis":
            q["basis"] = (normalize_basis(word),) + q["basis"]
        elif role in ("compare", "compare_of"):
            ref = m.group("ref").strip()
            q["compare"] = _normalize_reference(ref)
            if role == "compare_of":
                q["compare_of"] = True
            ref_m = re.search(r"(?:19|20)(?:\d\d|\?\?)", ref)
            if ref_m:
                off = s + m.start("ref") - m.start() + ref_m.start()
                q["refs"].append((off, off + 4))
        elif role == "year":
            ref = m.group("ref")
            q["year"] = q["year"] or ref
            off = s + m.start("ref") - m.start()
            q["refs"].append((off, off + 4))
        elif role == "share":
            q["share"] = m.group("ref")
        elif role == "yoy" and word != "同比" and not q["compare"]:
            q["compare"] = "上年"   # 分别比上年增长9.9%: compared with the year before
        q["prefix_roles"].append(role)


def _is_modifier(norm: str, pos: int, end: int, unit: str, lang: str) -> bool:
    """A number followed by a noun (19个重点产业园区, 1000万美元以上的项目) modifies it."""
    if lang != "zh":
        return False
    if pos >= end:
        return False
    if norm[pos] == "的":
        return True
    if _FOLLOW_OK_ZH.match(norm, pos):
        return False
    nxt = norm[pos]
    if "\u4e00" <= nxt <= "\u9fff":
        return unit == "" or unit[-1:] in _COUNT_CLASSIFIERS
    return False


def scan_quantities(text: str, lang: str = "zh", start: int = 0, end: int | None = None) -> list[Quantity]:
    """All figure phrases in ``text[start:end]``, in order, with offsets into ``text``.

    Years, dates, ordinals, ratios, page numbers and digits inside names are not
    figures (see :func:`number_tokens`). Quantities joined by 、/和/and
    (``分别增长9.8%和10.8%``) share a ``group`` id and inherit the prefix words of
    the first member (verb, 年均, 分别, comparison …).

    >>> [(q.value, q.measure_hint) for q in scan_quantities("实现地区生产总值7820亿元，增长11%")]
    [(7820.0, 'level'), (11.0, 'growth')]
    >>> [(q.value, q.direction, q.group) for q in scan_quantities("分别增长9.8%和10.8%")]
    [(9.8, 'up', 0), (10.8, 'up', 0)]
    """
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")
    normal = normalize(text, lang)
    a, b = normal.inner(start, len(text) if end is None else end)
    found = scan_normalized(normal.norm, normal.source, lang, a, b)
    if normal.identity:
        return found
    return [replace(q, start=normal.start(q.start), end=normal.end(q.end), core_start=normal.start(q.core_start),
                    core_end=normal.end(q.core_end), numbers=_mapped(normal, q.numbers), refs=_mapped(normal, q.refs))
            for q in found]


def _mapped(normal, spans) -> tuple[tuple[int, int], ...]:
    return tuple((normal.start(s), normal.end(e)) for s, e in spans)


def scan_normalized(norm: str, text, lang: str, start: int, end: int, classified=None) -> list[Quantity]:
    """:func:`scan_quantities` of a normalised text: the figures of ``norm[start:end]`` only.

    Parameters
    ----------
    norm : str
        A text normalised by :func:`dalian_reports.extract.normal.normalize` (read as it is: never again).
    text : str or slicer
        The caller's text sliced by offsets of ``norm`` (:attr:`Normal.source`), for :attr:`Quantity.text`.
    lang : {"zh", "en"}
    start, end : int
        The range of ``norm`` to read.
    classified : list of NumberToken, optional
        The tokens of the range that are not figures (years, names …), when they are already read.

    Returns
    -------
    list of Quantity
        With offsets into ``norm``.
    """
    others = _classified_tokens(norm, lang, start, end) if classified is None else classified
    claimed = Claims((t.start, t.end) for t in others)
    _check_malformed(norm, start, end, claimed)
    quantities: list[Quantity] = []
    floor = start
    for m in _FIGURE_RE[lang].finditer(norm, start, end):
        if m.start() < floor or claimed.overlaps(m.start(), m.end()):
            continue
        core = _read_core(norm, m, end, lang)
        if core.qualifier == "range" and claimed.overlaps(core.start, core.end):
            # the second number of the 'range' is a year or a name: read the first number alone
            core = _read_core(norm, m, end, lang, allow_range=False)
        if lang == "zh" and not core.unit and core.numbers:
            core.unit = _shared_unit(norm, core.end, end)
            core.form = "multiple" if core.unit in ("倍",) else core.form
        q = _phrase_attributes(norm, core, m, floor, start, end, lang)
        quantities.append(_make_quantity(text, norm, core, q, end, lang))
        floor = quantities[-1].end
    return _group(quantities, norm, lang)


_LIST_NUMBER = re.compile(r"\s*(?:、|和|与|及|以及)\s*(?:\d+(?:\.\d+)?)")


def _shared_unit(norm: str, pos: int, end: int) -> str:
    """'0.4和1个百分点', '6861、3442元': the unit written once after the last number of a list is each number's."""
    for _ in range(8):
        m = _LIST_NUMBER.match(norm, pos, end)
        if not m:
            return ""
        unit, _approx, after = _match_unit(norm, m.end(), end, "zh")
        if unit:
            return unit
        pos = m.end()
    return ""


def _phrase_attributes(norm: str, core: _Core, m: re.Match, floor: int, start: int, end: int, lang: str) -> dict:
    q = dict(
        qualifier=core.qualifier, qualifier_word=core.qualifier_word, direction=core.direction,
        form=core.form, reduce_verb=False, average=False, mean=False, cumulative=False,
        respectively=False, each=False, stretch=False, cap=False, compare="", compare_of=False,
        year="", share="", basis=(), refs=[], prefix_roles=[], phrase_start=core.start,
    )
    suffix_q, suffix_word, pos = _absorb_suffix(norm, core.end, end, lang)
    prefix_floor = _previous_boundary(norm, m.start(), floor)
    absorb_from = m.start()
    if _is_points(core.unit):
        gap_floor = _previous_boundary(norm, m.start(), floor, list_ok=True)   # 高于全国、全省0.4…
        gap = _gap_before(norm, m.start(), gap_floor, lang)
        if gap is not None:
            q["direction"], q["compare"], absorb_from = gap
            q["form"] = "gap"
        else:
            pos, gap = _gap_after(norm, pos, end, lang)
            if gap is not None:
                q["direction"], q["compare"] = gap
                q["form"] = "gap"
    prefixes = _absorb_prefix(norm, absorb_from, prefix_floor, lang)
    _apply_prefix(q, prefixes, norm)
    q["phrase_start"] = prefixes[-1][2] if prefixes else min(absorb_from, core.start)
    if suffix_q and core.qualifier != "range":
        q["qualifier"], q["qualifier_word"] = suffix_q, suffix_word
    if lang == "en":
        pos = _absorb_en_trailers(norm, pos, end, q)
    if q.pop("compare_of") and core.unit in ("倍", "times"):
        q["form"] = "multiple"
    idiom = norm[core.start:core.end].startswith(("翻", "倍增")) or core.unit == "times" and not core.numbers
    if core.form == "multiple" and not q["compare"] and q["direction"] == "up" and not idiom:
        q["form"] = ""  # 增长1.7倍: a growth written in times
    if q["cap"] and q["qualifier"] == "exact":
        q["qualifier"], q["qualifier_word"] = "at_most", "cap"
    q["end"] = pos
    return q


def _is_points(unit: str) -> bool:
    return unit in ("个百分点", "百分点") or unit.lower().startswith("percentage point")


_GAP_ZH = re.compile(r"(?P<dir>高于|低于|快于|慢于|超出|超过|领先|落后于|落后)(?P<ref>[^\d,，。;；:：]{1,14}?)$")
_GAP_EN_AFTER = re.compile(r"\s*(?P<dir>higher|lower|faster|slower|more|less)\s+than\s+(?:that of\s+)?(?:the\s+)?"
                           r"(?P<ref>[A-Za-z' ]{2,40}?(?:average|level|rate|growth))", re.I)
def _gap_before(norm: str, pos: int, floor: int, lang: str):
    """高于全国平均值7.2个百分点 → ('up', '全国平均值', offset of 高于)."""
    if lang != "zh":
        return None
    p = pos
    while p > floor and norm[p - 1] in " \t":
        p -= 1
    m = _GAP_ZH.search(norm, max(floor, p - 20), p)
    if not m:
        return None
    direction = "down" if m.group("dir").startswith(("低", "慢", "落")) else "up"
    return direction, m.group("ref").strip(), m.start()


def _gap_after(norm: str, pos: int, end: int, lang: str):
    """'7.2 percentage points higher than the national average' → ('up', 'national average')."""
    if lang != "en":
        return pos, None
    m = _GAP_EN_AFTER.match(norm, pos, end)
    if not m:
        return pos, None
    direction = "down" if m.group("dir").lower() in ("lower", "slower", "less") else "up"
    return m.end(), (direction, m.group("ref").strip())


def _make_quantity(text: str, norm: str, core: _Core, q: dict, end: int, lang: str) -> Quantity:
    pos = q.pop("end")
    phrase_start = q.pop("phrase_start")
    modifier = _is_modifier(norm, pos, end, core.unit, lang)
    return Quantity(
        text=text[phrase_start:pos], start=phrase_start, end=pos, core_start=core.start, core_end=core.end,
        value=core.value, value_high=core.value_high, unit=core.unit, numbers=tuple(core.numbers),
        refs=tuple(q.pop("refs")), prefix_roles=tuple(q.pop("prefix_roles")), modifier=modifier, **q,
    )


def _absorb_en_trailers(norm: str, pos: int, end: int, q: dict) -> int:
    m = re.compile(r"\s*,?\s*respectively\b", re.I).match(norm, pos, end)
    if m:
        q["respectively"], pos = True, m.end()
    m = re.compile(r"\s*,?\s*(?:compared (?:with|to)|over|than)\s+(?:that of\s+|the\s+)?(?:end of\s+)?(?:in\s+)?"
                   r"(?P<ref>(?:19|20)\d\d|last year|the previous year)\b", re.I).match(norm, pos, end)
    if m:
        q["compare"] = m.group("ref")
        if re.fullmatch(r"\d{4}", m.group("ref")):
            q["refs"].append((m.start("ref"), m.end("ref")))
        pos = m.end()
    m = re.compile(r"\s*,?\s*year[- ]on[- ]year\b", re.I).match(norm, pos, end)
    if m:
        pos = m.end()
    return pos


def _previous_boundary(norm: str, pos: int, floor: int, list_ok: bool = False) -> int:
    """Prefix words never reach back over a clause separator (the '?' of a '20??' year is not one; with
    ``list_ok`` neither is the 、 of a list of references)."""
    stops = ",，。;；:：!?！？\n()（）" + ("" if list_ok else "、")
    i = pos
    while i > floor and (norm[i - 1] not in stops or is_placeholder_mark(norm, i - 1)):
        i -= 1
    return i


def is_placeholder_mark(norm: str, i: int) -> bool:
    """True for a '?' that belongs to a placeholder year such as '20??'."""
    if norm[i] not in "?？":
        return False
    return any(s >= 0 and re.fullmatch(r"(?:19|20)[?？]{2}", norm[s:s + 4]) for s in (i - 2, i - 3))


# ---------------------------------------------------------------------------
# Strict phrase parsing
# ---------------------------------------------------------------------------
def parse_quantity(phrase: str, lang: str = "zh", *, line: int | None = None) -> Quantity:
    """Parse one complete number phrase (prefix words, number(s), unit, qualifier).

    The whole phrase must be read; anything else raises :class:`ParseError`
    (with ``line``, or the phrase's own line for multi-line input).

    >>> q = parse_quantity("控制在3%以内")
    >>> (q.value, q.unit, q.qualifier, q.cap)
    (3.0, '%', 'at_most', True)
    >>> parse_quantity("地区生产总值")
    Traceback (most recent call last):
    ...
    dalian_reports.errors.ParseError: line 1: no number in '地区生产总值'
    """
    stripped = phrase.strip()
    lead = len(phrase) - len(phrase.lstrip())
    try:
        found = scan_quantities(phrase, lang)
    except ParseError as exc:
        raise ParseError(exc.reason, line=line if line is not None else exc.line) from None
    figures = [q for q in found if q.start < lead + len(stripped)]
    if not figures:
        raise ParseError(f"no number in {stripped!r}", line=line if line is not None else 1)
    if len(figures) > 1 and not all(q.group == figures[0].group for q in figures):
        raise ParseError(f"more than one figure in {stripped!r}", line=line if line is not None else 1)
    q = figures[0]
    trailing = to_halfwidth(phrase[figures[-1].end:]).strip(" \t\n,.;:!?，。；：")
    leading = phrase[:q.start].strip()
    if leading or trailing or len(figures) > 1:
        bad = leading or trailing or phrase[figures[0].end:figures[-1].start]
        raise ParseError(f"cannot read {bad!r} in {stripped!r}", line=line if line is not None else 1)
    if q.modifier:
        raise ParseError(f"number modifies a following word in {stripped!r}", line=line if line is not None else 1)
    return q
