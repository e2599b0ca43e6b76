"""Headline figures of a government work report: paragraphs → one row per figure, coded by the vocabulary.

A *headline paragraph* is where a work report states its main figures. They are found in any Chinese
report (national, provincial, city, district) and its English translation by their words and the report's
structure, never by file or position:

=============  ==================================================================
kind           found by
=============  ==================================================================
outcome        the past year's review summary (:mod:`dalian_reports.extract.review`: from the review
               heading or a past-year lead to the detailed account of the work, in any form —
               one paragraph, ——bullets, 一是…二是…); and anywhere a lead such as 预计… /
               初步核算… / 全年实现… / 2020年，(全区)实现地区生产总值… opens a sentence naming
               the economy's output; "It is estimated that …", "Preliminary accounting …"
target         主要预期目标是： / 预期目标(建议)为： / 主要目标是： / 主要指标： / 主要包括：;
               "main expected goals", "main targets"
plan_outcome   五年来 / 过去五年 / 这五年 / “十三五”时期， (a past plan); a five-year review;
               "In the past five years"
plan_target    a target lead whose sentence names a plan period (今后五年, “十四五”时期…主要
               预期目标); a sentence opening with 到2025年; "In the next five years", "By 2025,"
=============  ==================================================================

Rows (:data:`COLUMNS`)
----------------------
``indicator`` is the vocabulary code of the figure's wording (:mod:`dalian_reports.extract.coding`; lists
and compounds by :mod:`dalian_reports.extract.lists`). A figure whose wording the vocabulary does not know
is not a row: it is an :func:`unparsed` entry with its line and the reason, so a linguist can extend the
vocabulary. ``wording`` is the indicator's words as written, with lead words removed (预计, 全市实现, 五年来, "It
is estimated that"); ``quote`` (== ``text[start:end]``) runs from the wording to the end of the number phrase.
Measures, qualifiers, units and the sign of falls follow :mod:`dalian_reports.extract.numbers`. Further
conventions:

* *Periods are true years.* With ``report_year=Y`` a ``target`` covers Y..Y, an ``outcome`` Y-1..Y-1, a
  five-year review Y-5..Y-1 and 今后五年 Y..Y+4. Written years win: a plan period named in or just before the
  paragraph (“十三五”时期 → 2016..2020), the year of the section (2021年是“十四五”开局之年。…主要预期目标是 →
  2021), a year written at the figure (2012年达到7000亿元 → 2012). A placeholder year ``20??`` is never used.
  With ``report_year=None`` periods come only from the text, else they are NA.
* *Kinds describe the figure.* In a multi-year review a level or rate reached in the last year (达到7000亿元,
  城区绿化覆盖率达到40.8%) is that year's ``outcome``; growth over the period, averages (年均), cumulative sums
  (累计, a level with no verb of reaching: 新增金融机构235家), multiples of an earlier period (是2007年的2.2倍)
  and the base of 从A增加到B (A at the year before the period) are ``plan_outcome``. A growth or decline
  measured against a base year B more than a year before the period (能耗强度较2020年累计下降12%) covers
  B+1..end with basis ``cumulative since B`` and is a ``cumulative_decline`` when a decline.
* ``basis`` collects definition notes joined by ``; ``: 按老口径 / 按新口径 / 按可比价格 as written (and a
  basis announced just before the span, 新区口径数据…具体如下： → ``新区口径``), ``vs 2010`` (multiples),
  ``vs 全国平均值`` (pp gaps), ``cumulative since 2020``, ``cumulative``, ``annual average``, ``average``,
  ``urban`` / ``rural`` (one 城乡 wording with two values), ``力争 (stretch)`` for a stretch target that stands
  alone; for qualitative rows, the qualitative wording (与经济增长基本同步).
* 力争: a stretch figure right after its base target is the base row's ``stretch_value`` (地区生产总值增长7%，
  力争7.5% → one row, value 7, stretch_value 7.5); a stretch target alone (力争增长8%) has value and
  stretch_value 8.
* ``share_of`` names the whole of a share, seen from ``jurisdiction``: 占全市 → the city, 占全省 → its
  province, 占全国 → ``china``, a named place (占辽宁省, 占大连市) → its code; without a jurisdiction the
  generic ``city`` / ``province``. A share of GDP stays in the wording (金融业增加值占GDP比重); a share is a
  ``rate``.
* A bare cap (城镇登记失业率控制在2.61%) is ``at_most`` in a target but the ``exact`` measured value in an
  outcome. A qualifier written only after the last value of a list applies to every value (分别增长8%和9.5%左右).
* Shared subjects: A、B均增长13% → two rows; A、B分别增长9.8%和10.8% → pairwise; 城镇、农村居民人均可支配收入 and
  第二、三产业增加值 share a head, 单位地区生产总值能耗、二氧化碳排放 a modifier; a clause without its own
  wording (，增长11%) takes the wording(s) of the clause before it; 人均 after a wording is its per-capita value.
* Qualitative targets: a clause of a target paragraph that names an indicator and no number (国际收支保持基本
  平衡, 地区生产总值增长与全国同步, 完成省下达的节能减排降碳约束性指标) is a ``qualitative`` row with ``relative_to``
  (nation, province, gdp_growth, previous_year) when it names a reference (:mod:`.qualitative`).

*No silently wrong number.* The text is normalised once (:mod:`dalian_reports.extract.normal`: NFKC one
  character for one, digits of other scripts read, invisible characters removed); offsets, quotes and lines
  are the caller's. A number with a separator inside it (``2079\u200b.4``, ``2079 .4``, ``6,5``, ``20 000``),
  a number that starts with its point (``.5``) and a circled numeral before a unit (``⑥%``) are never read:
  they are ``unparsed`` entries, and the figures after them keep their own subject. A growth, rate or decline
  without a unit (增长6.5), and a figure without a unit of an indicator the vocabulary measures in units, are
  refused the same way. 负增长3% is a fall (−3), 零增长 a growth of 0, 七点五% and 百分之六点五 are 7.5 and 6.5,
  一万亿元 is 1 万亿元; "shrink/decline/fall/drop by" are falls and "or so" is ``about``.

Nothing is dropped silently: :func:`unparsed` lists every number inside a headline span that is not a row
value or a year used for a period/basis, with a reason. Counts that modify a noun (19个重点产业园区,
投资1000万美元以上的项目) are listed there as 'number modifying a following word'.

Examples
--------
>>> rows = extract_headline("主要预期目标是：地区生产总值增长6.5%左右，城镇登记失业率控制在3%以内。", report_year=2016)
>>> rows[["kind", "indicator", "measure", "value", "qualifier", "period_start"]].values.tolist()
[['target', 'gdp', 'growth', 6.5, 'about', 2016], ['target', 'unemployment', 'rate', 3.0, 'at_most', 2016]]
>>> [s.kind for s in find_headline_paragraphs("五年来，地区生产总值年均增长8.5%。")]
['plan_outcome']
"""
from __future__ import annotations

import numbers

import re


from ..errors import ParseError
from .numbers import line_of
from .normal import Lines, normalize
from .tokens import tokens_in
from .paragraphs import (COLUMNS, KINDS, UNPARSED_COLUMNS, HeadlineSpan, find_headline_paragraphs, headline_spans,
                         _paragraphs, _span_period)
from .accounting import _unparsed_numbers
from .rows import (_Context, _declared_basis, _span_records)

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


FIRST_YEAR, LAST_YEAR = 1900, 2100   # the years a report the parser reads can be delivered in


def check_arguments(text, lang, report_year) -> None:
    """A clear error for an argument the parser cannot read (never a silently empty table).

    >>> check_arguments("文本", "zh", 2024.5)
    Traceback (most recent call last):
    ...
    TypeError: report_year must be a whole year such as 2024 (or None), not 2024.5
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str (the report's text), not {type(text).__name__}")
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")
    if report_year is None:
        return
    if isinstance(report_year, bool) or not isinstance(report_year, numbers.Integral):   # numpy integers are years
        raise TypeError(f"report_year must be a whole year such as 2024 (or None), not {report_year!r}")
    if not FIRST_YEAR <= int(report_year) <= LAST_YEAR:
        raise ValueError(f"report_year must be a year between {FIRST_YEAR} and {LAST_YEAR} (the year the report was "
                         f"delivered), not {report_year!r}")


def headline_records(text: str, lang: str = "zh", report_year: int | None = None, *,
                     jurisdiction: str | None = None) -> tuple[list[dict], list[dict]]:
    """(rows, unparsed) as lists of dicts: the pandas-free core of :func:`extract_headline`.

    The text is normalised once (:func:`dalian_reports.extract.normal.normalize`) and read span by span; offsets,
    quotes and lines are then given back in the caller's text.
    """
    check_arguments(text, lang, report_year)
    normal = normalize(text, lang)
    norm, source = normal.norm, normal.source
    paragraphs = _paragraphs(norm)
    where = places(jurisdiction)
    rows: list[dict] = []
    leftovers: list[dict] = []
    for span in headline_spans(norm, source, lang, report_year, paragraphs):
        period = _span_period(norm, paragraphs, span, lang, report_year)
        ctx = _Context(source, norm, span, lang, period, where, _declared_basis(norm, paragraphs, span))
        try:
            _span_records(ctx)
        except ParseError as exc:
            if exc.line is None:
                raise ParseError(exc.reason, line=line_of(norm, span.start)) from None
            raise
        kept, superseded = merge_thresholds(merge_stretch(ctx.rows, source), norm, lang, source)
        rows.extend(kept)
        leftovers.extend(superseded)
        leftovers.extend(_unparsed_numbers(ctx))
        leftovers.extend(dict(kind=span.kind, start=a, end=b, number="", line=None,
                              reason=f"qualitative wording {w!r} is not in the vocabulary (dalian_reports/vocab)",
                              context=source[a:b]) for a, b, w in ctx.qualitative_unknown)
    rows.sort(key=lambda r: (r["start"], r["end"]))
    return _in_caller_text(rows, leftovers, normal)


def _in_caller_text(rows: list[dict], leftovers: list[dict], normal) -> tuple[list[dict], list[dict]]:
    """Offsets, quotes, numbers and lines of the caller's text (rows and entries are read on the normalised one)."""
    text, lines = normal.text, Lines(normal.norm)   # a line break is never changed: lines are the same
    for row in rows:
        row["line"] = lines(row["start"])
        row["start"], row["end"] = normal.start(row["start"]), normal.end(row["end"])
        row["quote"] = text[row["start"]:row["end"]]
        row.pop("stretch", None)
    for entry in leftovers:
        line = lines(entry["start"])
        entry["start"], entry["end"] = normal.start(entry["start"]), normal.end(entry["end"])
        entry["number"], entry["line"] = text[entry["start"]:entry["end"]], line
    return rows, leftovers


def merge_stretch(rows: list[dict], text: str) -> list[dict]:
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
            base["quote"] = text[base["start"]:base["end"]]
            continue
        row["stretch_value"] = row["value"] if row["value"] == row["value"] else row["stretch_value"]
        out.append(row)
    return out


_THEN_EXACT = re.compile(r"^(?:大关|台阶|关口|门槛)?[、，,]\s*(?:总量|总额|规模)?(?:达到|达|为|增至|增加到|提高到)$")


def merge_thresholds(rows: list[dict], norm: str, lang: str = "zh", text=None) -> tuple[list[dict], list[dict]]:
    """A threshold followed by the exact value (突破1万亿元、达到1.05万亿元): the exact value wins.

    Returns (rows kept, unparsed entries for the thresholds dropped), so nothing is dropped silently.
    ``norm`` is the normalised text the rows' offsets refer to; ``text`` slices the caller's text by them
    (default ``norm``).
    """
    text = norm if text is None else text
    kept: list[dict] = []
    dropped: list[dict] = []
    for row in rows:
        prev = kept[-1] if kept else None
        if (lang == "zh" and prev is not None and row["qualifier"] == "exact" and row["measure"] == "level"
                and prev["measure"] == "level" and prev["qualifier"] in ("greater_than", "at_least")
                and prev["indicator"] == row["indicator"] and prev["kind"] == row["kind"]):
            tail = norm[prev["end"]:row["end"]]
            number = re.search(r"\d[\d.,]*", tail)
            if number and _THEN_EXACT.match(tail[:number.start()]):
                kept.pop()
                token = [t for t in tokens_in(norm, lang, prev["start"], prev["end"]) if t.kind == "figure"][-1:]
                a, b = (token[0].start, token[0].end) if token else (prev["start"], prev["end"])
                dropped.append(dict(kind=prev["kind"], start=a, end=b, number=text[a:b], line=line_of(norm, a),
                                    reason="threshold superseded by the exact value that follows it",
                                    context=text[prev["start"]:row["end"]]))
        kept.append(row)
    return kept, dropped


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


_WHOLE_COLUMNS = ("period_start", "period_end", "start", "end", "line")
_FLOAT_COLUMNS = ("value", "value_high", "stretch_value")


def _rows_frame(rows: list[dict]):
    """The rows as a typed DataFrame, built column by column (one conversion per column, not per cell)."""
    import numpy as np
    import pandas as pd

    data = {}
    for column in COLUMNS:
        cells = [row.get(column) for row in rows]
        if column in _WHOLE_COLUMNS:
            data[column] = pd.array(cells, dtype="Int64")
        elif column in _FLOAT_COLUMNS:
            data[column] = np.array([np.nan if cell is None else cell for cell in cells], dtype=float)
        else:
            data[column] = cells
    return pd.DataFrame(data)   # the columns in the order of COLUMNS (naming them again costs a reindexing)


def _unparsed_frame(rows: list[dict]):
    import pandas as pd

    frame = pd.DataFrame(rows, columns=UNPARSED_COLUMNS)
    for column in ("start", "end", "line"):
        frame[column] = frame[column].astype("Int64")
    return frame
