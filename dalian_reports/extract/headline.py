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


from ..errors import ParseError
from .numbers import (
    line_of, to_halfwidth,
)
from .paragraphs import (COLUMNS, KINDS, UNPARSED_COLUMNS, HeadlineSpan, find_headline_paragraphs, _paragraphs, _span_period)
from .rows import (_Context, _declared_basis, _span_records, _unparsed_numbers)

__all__ = ["COLUMNS", "KINDS", "UNPARSED_COLUMNS", "HeadlineSpan", "extract_headline", "find_headline_paragraphs",
           "headline_records", "unparsed"]


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------
def places(jurisdiction: str | None) -> dict[str, str]:
    """The wholes a share can be of (占全市, 占全省, 占全国, 占全区), seen from a jurisdiction.

    >>> places("jinzhou")["city"], places("dalian")["province"], places(None)["city"]
    ('dalian', 'liaoning', 'city')
    """
    out = {"nation": "china", "province": "province", "city": "city", "district": "district"}
    if jurisdiction is None:
        return out
    from ..vocab import jurisdiction as lookup_jurisdiction

    j = lookup_jurisdiction(jurisdiction)
    chain = [j]
    while chain[-1].parent:
        chain.append(lookup_jurisdiction(chain[-1].parent))
    for level_j in chain:
        out[{"nation": "nation", "province": "province", "city": "city", "district": "district"}[level_j.level]] = \
            level_j.code
    return out


def headline_records(text: str, lang: str = "zh", report_year: int | None = None, *,
                     jurisdiction: str | None = None) -> tuple[list[dict], list[dict]]:
    """(rows, unparsed) as lists of dicts: the pandas-free core of :func:`extract_headline`."""
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")
    norm = to_halfwidth(text)
    paragraphs = _paragraphs(norm)
    where = places(jurisdiction)
    rows: list[dict] = []
    leftovers: list[dict] = []
    for span in find_headline_paragraphs(text, lang, report_year):
        period = _span_period(norm, paragraphs, span, lang, report_year)
        ctx = _Context(text, norm, span, lang, period, where, _declared_basis(norm, paragraphs, span))
        try:
            _span_records(ctx)
        except ParseError as exc:
            if exc.line is None:
                raise ParseError(exc.reason, line=line_of(text, span.start)) from None
            raise
        rows.extend(merge_stretch(ctx.rows))
        leftovers.extend(_unparsed_numbers(ctx))
        leftovers.extend(dict(kind=span.kind, start=a, end=b, number="", line=line_of(text, a),
                              reason=f"qualitative wording {w!r} is not in the vocabulary (dalian_reports/vocab)",
                              context=text[a:b]) for a, b, w in ctx.qualitative_unknown)
    rows.sort(key=lambda r: (r["start"], r["end"]))
    for row in rows:
        row["line"] = line_of(text, row["start"])
        row.pop("stretch", None)
    return rows, leftovers


def merge_stretch(rows: list[dict]) -> list[dict]:
    """力争: a stretch figure right after the base figure of the same indicator and measure becomes the base
    row's ``stretch_value`` (增长7%，力争7.5% → value 7, stretch_value 7.5); a stretch figure with no base
    is its own row with ``stretch_value`` equal to its value (力争增长8% → 8 and 8)."""
    out: list[dict] = []
    for row in rows:
        if not row.get("stretch"):
            out.append(row)
            continue
        base = next((r for r in reversed(out[-3:]) if r["indicator"] == row["indicator"]
                     and r["measure"] == row["measure"] and r["kind"] == row["kind"] and not r.get("stretch")
                     and row["start"] - r["end"] < 40), None)
        if base is not None and base["stretch_value"] != base["stretch_value"]:   # NaN: not set yet
            base["stretch_value"] = row["value"]
            base["end"] = max(base["end"], row["end"])
            continue
        row["stretch_value"] = row["value"] if row["value"] == row["value"] else row["stretch_value"]
        out.append(row)
    return out


def extract_headline(text: str, lang: str = "zh", report_year: int | None = None, *,
                     jurisdiction: str | None = None, with_unparsed: bool = False):
    """One row per headline figure of a report (columns :data:`COLUMNS`); see the module docstring.

    Parameters
    ----------
    text : str
        The report's text (cleaned: one paragraph per line).
    lang : {"zh", "en"}
        Its language.
    report_year : int, optional
        The year the report is for (its targets' year); outcomes are dated to the year before unless the
        text says otherwise. Without it, periods come only from the text.
    jurisdiction : str, optional
        Whose report it is (a code of ``dalian_reports/vocab/jurisdictions.csv``): shares of 全市 / 全省 are
        named by it. The parser has no default place.
    with_unparsed : bool, default False
        Also return the table of :func:`unparsed`.

    Returns
    -------
    pandas.DataFrame
        ``kind`` (target, outcome, plan_target, plan_outcome), ``indicator`` (vocabulary code), ``wording``
        (as written), ``measure``, ``value``, ``value_high``, ``unit``, ``qualifier``, ``relative_to``,
        ``stretch_value``, ``period_start``, ``period_end``, ``basis``, ``share_of``, ``start``, ``end``
        (offsets into ``text``), ``line`` (1-based line of ``text``), ``quote`` (== ``text[start:end]``).

    Examples
    --------
    >>> rows = extract_headline("预计全市实现地区生产总值7820亿元，增长11%。", report_year=2014)
    >>> rows[["indicator", "measure", "value", "unit", "period_end", "quote"]].values.tolist()
    [['gdp', 'level', 7820.0, '亿元', 2013, '地区生产总值7820亿元'], ['gdp', 'growth', 11.0, '%', 2013, '地区生产总值7820亿元，增长11%']]
    """
    rows, leftovers = headline_records(text, lang, report_year, jurisdiction=jurisdiction)
    table = _rows_frame(rows)
    if with_unparsed:
        return table, _unparsed_frame(leftovers)
    return table


def unparsed(text: str, lang: str = "zh", report_year: int | None = None, **kwargs):
    """Every number inside a headline span that did not become a row (or a year read for a period or basis),
    with its offsets, line and reason (columns :data:`UNPARSED_COLUMNS`).

    >>> unparsed("五年来，19个重点产业园区构建起新格局，地区生产总值年均增长8.5%。")[["number", "reason"]].values.tolist()
    [['19', 'number modifying a following word (not an indicator figure)']]
    """
    _rows, leftovers = headline_records(text, lang, report_year, **kwargs)
    return _unparsed_frame(leftovers)


def _rows_frame(rows: list[dict]):
    import pandas as pd

    frame = pd.DataFrame(rows, columns=COLUMNS)
    for column in ("period_start", "period_end", "start", "end", "line"):
        frame[column] = frame[column].astype("Int64")
    for column in ("value", "value_high", "stretch_value"):
        frame[column] = frame[column].astype(float)
    return frame


def _unparsed_frame(rows: list[dict]):
    import pandas as pd

    frame = pd.DataFrame(rows, columns=UNPARSED_COLUMNS)
    for column in ("start", "end", "line"):
        frame[column] = frame[column].astype("Int64")
    return frame
