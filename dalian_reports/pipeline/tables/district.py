"""Jinzhou District (Jinpu New Area) figures, and how they compare with Dalian's.

:func:`district_figures` is :func:`~dalian_reports.pipeline.tables.headline.headline_figures` of the
district's 2021 work report (source 002): its 2020 results (raw line 18), the 13th-plan review
(五年来…, lines 40–54), the 14th-plan goals (line 66), the 2021 targets (line 70) and the
New-Area figures of the glossary note (名词解释 1, line 94). :func:`district_vs_city` puts every
district figure beside the Dalian figure for the same indicator, measure and period.

Where the city figures come from (``city_origin``)
--------------------------------------------------
``fyp14``     the 14th-plan table of the plan outline (source 004, report ``dalian-fyp14-zh``,
              ``fyp_indicators(14)``): 2020 cells are 2020 outcomes (地区生产总值增长 0.9, line 182),
              2025 cells plan targets dated 2025 (a ceiling such as ``<4.5`` covers 2021–2025), 年均增长
              cells average-growth targets 2021–2025 (``>6``); a bracketed ``[x]`` is a five-year total.
``fyp13``     the 13th-plan completion table (``fyp_indicators(13)``): 完成 cells are 2020 outcomes,
              2015 cells 2015 outcomes, 平均增速% cells growth achieved 2016–2020, 2020 目标 cells plan
              targets — for GDP (7, line 39) and labour productivity a target *average growth*
              2016–2020 (rule GROWTH_TARGET of :mod:`dalian_reports.pipeline.tables.plans`).
``headline``  the Dalian rows of :func:`headline_figures` (Chinese reports).
``reference`` only with ``reference=True``: the preferred Dalian row of the reference data for a
              single-year figure no seed gives — secondary data, labelled with file, row and url.
``derived``   computed from two cells of one table (e.g. the 2016–2020 increase of urban income
              = 2020 cell − 2015 cell); ``note`` shows the arithmetic.

Matching rules
--------------
* Same ``indicator`` (vocabulary code), ``measure``, ``period_start``–``period_end`` and kind
  family: targets (target, plan_target) with targets, outcomes (outcome, plan_outcome) with
  outcomes. A district row without a code is never paired.
* Several matches: a point value beats a bound (``<3``), then ``fyp14``, ``fyp13``, ``headline``;
  the others are named in ``note``.
* An increase over a period (``growth`` in 元 or 个百分点, e.g. 城镇化率五年提高9.7个百分点) is paired
  with the city's increase derived from its start and end cells.
* A share (占全市 → 'dalian', 占辽宁省 → 'liaoning') has ``pairing == 'share'``; with a district level
  of the same indicator and period, ``implied_city_value`` = level ÷ share.
* ``difference`` = district − city only for numbers in one unit that are both outcomes given as
  values (exact or 左右, not bounds) or both numeric targets (a bound counts as its value: 6.5 vs
  >6 → 0.5), on a comparable territory (``district_scope``); else NaN with the reason in ``note``.
  For levels, ``district_pct_of_city`` = 100 · district ÷ city.

Territory of the district figures (``district_scope``)
------------------------------------------------------
The glossary note 名词解释 1 (raw line 94) puts 一般公共预算地方级收入 on the province-comparable
basis (省可比口径: not the city's 一般公共预算收入, so not compared), the figures after 具体如下 on the
New Area (新区口径: the 25 streets plus 丰荣, 太平, 铁西 and 普兰店经济开发区), and all others on the 25
streets of the district (金州行政区口径). :data:`SCOPE_EVIDENCE` holds the words, checked on line 94.

>>> v = district_vs_city()
>>> v.query("indicator == 'gdp' and measure == 'growth' and period_end == 2020")[
...     ["district_value", "city_value", "city_source", "difference"]].values.tolist()
[[0.55, 0.9, 'dalian-fyp14-zh line 182', -0.35]]
"""
from __future__ import annotations

import math
import re
from functools import lru_cache

from ...sources.notes import note, notes, source_of
from ...verdicts import is_missing
from .memo import memo

DISTRICT = "jinzhou"
CITY = "dalian"
PLAN_REPORT_ID = "dalian-fyp14-zh"
PLAN_SOURCE_ID = source_of(CITY, "five_year_plan_outline")
DISTRICT_SOURCE_ID = source_of(DISTRICT, "government_work_report")

# What the district report says about the territory of its figures is data (data/raw/notes.csv, topic 'scope').
_SCOPES = notes(DISTRICT_SOURCE_ID, "scope")
#: The glossary line of the district report that defines the territory (口径) of its figures.
SCOPE_LINE = _SCOPES[0].line
#: (scope, words of that line that state it, comparable with the city's own figure?)
SCOPE_EVIDENCE = {n.key: (n.quote, n.value == "comparable") for n in _SCOPES}
#: Wording whose figures are on the province-comparable basis.
PROVINCE_BASIS_WORDING = notes(DISTRICT_SOURCE_ID, "province_basis_wording")[0].key
#: The district's 一般公共预算收入 on its own basis, stated on the scope line but not read by the extractor.
UNREAD_BUDGET_REVENUE = note(DISTRICT_SOURCE_ID, "unread_figure", "budget_revenue").quote

COLUMNS = [
    "indicator", "indicator_en", "district_wording", "measure", "kind", "period_start", "period_end", "pairing",
    "district_value", "district_value_high", "district_qualifier", "district_unit", "district_basis",
    "district_scope", "district_share_of", "district_source", "district_quote",
    "city_value", "city_value_high", "city_qualifier", "city_unit", "city_kind", "city_source", "city_quote",
    "city_origin", "difference", "district_pct_of_city", "implied_city_value", "note",
]
_FLOAT_COLUMNS = ["district_value", "district_value_high", "city_value", "city_value_high", "difference",
                  "district_pct_of_city", "implied_city_value"]

_TARGET_KINDS = ("target", "plan_target")
_OP_QUALIFIER = {None: "exact", ">": "greater_than", "<": "less_than", "≥": "at_least", "≤": "at_most",
                 "≈": "about", "text": "qualitative"}
_VALUE_QUALIFIERS = ("exact", "about")
_NUMERIC_TARGET_QUALIFIERS = ("exact", "about", "at_least", "greater_than", "at_most", "less_than")
_BOUNDS = ("at_least", "greater_than", "at_most", "less_than", "range")
_ORIGIN_RANK = {"fyp14": 0, "fyp13": 1, "headline": 2, "reference": 3}
_INCREASE_UNITS = {"元": "元", "个百分点": "%", "百分点": "%"}
_PLAN_SPAN = {13: (2016, 2020), 14: (2021, 2025)}
_SLOT_LABEL = {"base": "{base_year} cell", "target": "{target_year} target cell", "avg_growth": "average-growth cell",
               "achieved": "2020 完成 cell"}


def district_figures():
    """The Jinzhou report's headline figures: :func:`headline_figures` rows with issuer 'jinzhou'.

    Same columns and types as :func:`~dalian_reports.pipeline.tables.headline.headline_figures`
    (report_id … share_of, line, quote); ``share_of`` is 'dalian' for 占全市 / 占大连市 shares
    and 'liaoning' for 占辽宁省.

    >>> d = district_figures()
    >>> d.query("kind == 'target' and indicator == 'gdp'")[["value", "qualifier", "line"]].values.tolist()
    [[6.5, 'at_least', 70]]
    """
    from .headline import headline_figures

    df = headline_figures()
    return df[df["issuer"] == DISTRICT].reset_index(drop=True)


# -------------------------------------------------------------------------------- city figures
def _family(kind: str) -> str:
    return "target" if kind in _TARGET_KINDS else "outcome"


def _plan_quote(raw: str, names: list[str], texts: list[str], upto: str) -> str:
    """Exact substring of a plan-table line: from the indicator name to the end of cell ``upto``.

    ``texts`` are the row's value cells in the order they are printed; the cell is found as a
    whole tab-separated field, in that order, so equal values in one row are not confused.
    """
    starts = [raw.find(n) for n in names if n and raw.find(n) >= 0]
    start = min(starts) if starts else 0
    fields, pos = [], 0
    for field in raw.split("\t"):
        fields.append((pos, field))
        pos += len(field) + 1
    wanted = iter(texts)
    target = next(wanted, None)
    for offset, field in fields:
        if offset < start or target is None:
            continue
        if field.strip() == target:
            if target == upto:
                return raw[start:offset + len(field.rstrip())]
            target = next(wanted, None)
    return raw[start:].rstrip()


def _plan_facts(plan: int, lines: list[str]) -> list[dict]:
    """One fact per value cell of the plan table: indicator, measure, kind, period, value, source and note."""
    import pandas as pd

    from ...extract.plan_tables import type_cell
    from .plans import fyp_indicators

    facts = []
    for row in fyp_indicators(plan).itertuples(index=False):
        if pd.isna(row.indicator):
            continue
        slots = [("base", row.base_text), ("target", row.target_text), ("avg_growth", row.avg_growth_text),
                 ("achieved", row.achieved_text)]
        printed = [str(t) for _, t in slots if not pd.isna(t)]
        for slot, text in slots:
            cell = None if pd.isna(text) else type_cell(str(text))
            if cell is not None and cell.kind in ("number", "text"):
                facts.append(_cell_fact(plan, row, slot, cell, lines[int(row.line) - 1], printed))
    return facts


def _cell_fact(plan: int, row, slot: str, cell, raw: str, printed: list[str]) -> dict:
    from .plans import GROWTH_TARGET_RULE

    span, code, text = _PLAN_SPAN[plan], str(row.indicator), cell.text
    unit = _str(row.unit)
    growth_target = slot == "target" and GROWTH_TARGET_RULE in str(row.alignment_note)
    if slot == "avg_growth" or growth_target:
        indicator, measure, unit, (start, end) = code, "avg_growth", "%", span
        kind = "plan_target" if plan == 14 or growth_target else "plan_outcome"
    else:
        indicator, measure, start, end, kind = _level_slot(row, slot, cell, unit, span)
    label = _SLOT_LABEL[slot].format(base_year=int(row.base_year), target_year=int(row.target_year))
    note = f"{plan}th-plan table, {label} '{text}'"
    if plan == 13 and slot == "avg_growth":
        note += " (平均增速% column, read as the achieved 2016–2020 average by tables.plans)"
    if growth_target:
        note += f" (the plan's target average growth {span[0]}–{span[1]}: {GROWTH_TARGET_RULE}, tables.plans)"
    if indicator != code:
        note += f" (row coded {code}; its 2020/2025 cells are {indicator} levels: tables.plans)"
    quote = _plan_quote(raw, [str(row.indicator_zh), _str(row.sub_indicator_zh)], printed, text)
    if text not in quote:
        note += (" (the cell is printed across a page break, so this line holds only part of it; "
                 f"see fyp_indicators({plan}).alignment_note)")
    return dict(indicator=indicator, measure=measure, family=_family(kind), kind=kind, period_start=start,
                period_end=end, value=cell.value, value_high=math.nan, qualifier=_OP_QUALIFIER.get(cell.op, "exact"),
                unit=unit, source=f"{PLAN_REPORT_ID} line {int(row.line)}", quote=quote, origin=f"fyp{plan}",
                note=note)


def _level_slot(row, slot: str, cell, unit: str | None, span: tuple[int, int]) -> tuple:
    """(indicator, measure, period_start, period_end, kind) of a base, target or achieved cell."""
    from ...extract.plan_tables import GROWTH_NAME_PATTERN
    from .plans import LEVEL_OF_RELATED_INDICATOR, REDUCTION_WORDS

    code, name = str(row.indicator), str(row.indicator_zh)
    reduction = any(w in (_str(row.sub_indicator_zh) or "") + name for w in REDUCTION_WORDS)
    year = int(row.base_year) if slot == "base" else int(row.target_year)
    indicator, start, end = LEVEL_OF_RELATED_INDICATOR.get(code, code), year, year
    if code in LEVEL_OF_RELATED_INDICATOR:
        measure = "rate" if unit == "%" else "level"
    elif cell.op == "text":
        measure = "qualitative"
    elif GROWTH_NAME_PATTERN.search(name):
        measure = "growth"
    elif cell.cumulative:
        measure = "cumulative_decline" if reduction else "level"
    else:
        measure = "decline" if reduction else "rate" if unit == "%" else "level"
    if cell.cumulative:
        start = year - 4
    if slot == "target" and cell.op in ("<", "≤", "text"):
        start, end = span      # a ceiling or an assignment holds over the plan period
    kind = "plan_target" if slot == "target" else "outcome" if start == end else "plan_outcome"
    return indicator, measure, start, end, kind


def _headline_facts() -> list[dict]:
    from .headline import headline_figures

    df = headline_figures()
    df = df[(df["issuer"] == CITY) & (df["lang"] == "zh") & df["indicator"].notna()]
    return [dict(indicator=r.indicator, measure=r.measure, family=_family(r.kind), kind=r.kind,
                 period_start=_int(r.period_start), period_end=_int(r.period_end), value=r.value,
                 value_high=r.value_high, qualifier=r.qualifier, unit=_str(r.unit),
                 source=f"{r.report_id} line {r.line}", quote=r.quote, origin="headline",
                 note=f"{r.report_id} headline figure" + (f" ({r.basis})" if _str(r.basis) else ""))
            for r in df.itertuples(index=False)]


@lru_cache(maxsize=None)
def _city_facts() -> tuple[dict, ...]:
    from ...sources.raw import read_source

    lines = read_source(PLAN_SOURCE_ID).lines
    facts = _plan_facts(14, lines) + _plan_facts(13, lines) + _headline_facts()
    return tuple(facts)


def _reference_facts(indicator: str, measure: str, year: int, family: str) -> list[dict]:
    from .reference import _source_label, reference_series

    ref = reference_series(CITY, indicator, preferred_only=True)
    role = "target" if family == "target" else "outcome"
    ref = ref[(ref["measure"] == measure) & (ref["year"] == year) & (ref["role"] == role)]
    return [dict(indicator=indicator, measure=measure, family=family, kind=str(r["kind"]), period_start=year,
                 period_end=year, value=r["value"], value_high=r["value_high"], qualifier=str(r["qualifier"]),
                 unit=_str(r["unit"]), source=_source_label(r), quote=_str(r["text"]), origin="reference",
                 note=f"reference data ({r['kind']}, {r['source_quality']}): secondary, not a seed document")
            for _, r in ref.iterrows()]


# ------------------------------------------------------------------------------- district side
@lru_cache(maxsize=None)
def _scope_line() -> str:
    from ...sources.raw import read_source

    raw = read_source(DISTRICT_SOURCE_ID).lines[SCOPE_LINE - 1]
    for scope, (words, _comparable) in SCOPE_EVIDENCE.items():
        if words not in raw:
            from ...errors import ParseError

            raise ParseError(f"scope evidence for {scope} not on this line: {words!r}", file=DISTRICT_SOURCE_ID,
                             line=SCOPE_LINE)
    return raw


def _scope(row) -> str:
    """The territory of a district figure: the basis the extractor recorded (新区口径 on line 94),
    else 省可比口径 for the wording 一般公共预算地方级收入, else 金州行政区口径 (line 94: 其余数据指标…)."""
    _scope_line()
    basis = _str(row.basis) or ""
    for scope in SCOPE_EVIDENCE:
        if scope in basis:
            return scope
    if PROVINCE_BASIS_WORDING in str(row.indicator_zh):
        return "省可比口径"
    return "金州行政区口径"


# ------------------------------------------------------------------------------------- pairing
def _rank(fact: dict) -> tuple:
    bound = fact["qualifier"] in _BOUNDS
    return (bound, _ORIGIN_RANK.get(fact["origin"], 9))


def _fmt_fact(f: dict) -> str:
    value = "" if is_missing(f["value"]) else f"{f['value']:g}"
    return f"{value} {f['qualifier']} ({f['source']})".strip()


def _derived_increase(d, facts) -> dict | None:
    """The city's increase over the district row's period, from its start and end cells of one table."""
    unit = _INCREASE_UNITS.get(str(d.unit))
    if d.measure != "growth" or unit is None or _int(d.period_start) is None or _int(d.period_end) is None:
        return None
    base_year, end_year = _int(d.period_start) - 1, _int(d.period_end)
    levels = [f for f in facts if f["indicator"] == d.indicator and f["family"] == "outcome" and f["unit"] == unit
              and f["measure"] in ("level", "rate") and f["period_start"] == f["period_end"]
              and f["qualifier"] == "exact" and f["origin"] in ("fyp13", "fyp14")]
    for first in sorted(levels, key=_rank):
        if first["period_end"] != base_year:
            continue
        last = next((f for f in sorted(levels, key=_rank)
                     if f["period_end"] == end_year and f["source"] == first["source"]), None)
        if last is None:
            continue
        value = round(last["value"] - first["value"], 4)
        out_unit = "个百分点" if unit == "%" else unit
        return dict(
            indicator=d.indicator, measure="growth", family="outcome", kind="plan_outcome",
            period_start=int(d.period_start), period_end=end_year, value=value, value_high=math.nan,
            qualifier="exact", unit=out_unit, source=first["source"], quote=last["quote"], origin="derived",
            note=(f"derived: {end_year} cell {last['value']:g} − {base_year} cell {first['value']:g} = {value:g} "
                  f"{out_unit} ({first['source']})"),
        )
    return None


def _difference(d, c: dict, scope: str) -> tuple[float, str]:
    if not SCOPE_EVIDENCE[scope][1]:
        return math.nan, (f"not compared: on line {SCOPE_LINE} the report defines {PROVINCE_BASIS_WORDING} as "
                          f"{scope} (金州行政区地方级财政总收入), not the 一般公共预算收入 the city reports; its "
                          f"一般公共预算收入 on its own basis is given on line {SCOPE_LINE} "
                          f"('{UNREAD_BUDGET_REVENUE}') but is not read by the extractor")
    if d.measure == "qualitative" or is_missing(d.value) or is_missing(c["value"]):
        return math.nan, "no difference: not both numbers"
    if _norm_unit(d.unit) != _norm_unit(c["unit"]):
        return math.nan, f"no difference: units differ ({d.unit} vs {c['unit']})"
    dq, cq = str(d.qualifier), c["qualifier"]
    if _family(d.kind) == "outcome":
        if dq not in _VALUE_QUALIFIERS or cq not in _VALUE_QUALIFIERS:
            return math.nan, f"no difference: a bound is not a value (district {dq}, city {cq})"
    elif dq not in _NUMERIC_TARGET_QUALIFIERS or cq not in _NUMERIC_TARGET_QUALIFIERS:
        return math.nan, f"no difference: targets not both single numbers (district {dq}, city {cq})"
    diff = round(float(d.value) - float(c["value"]), 4)
    return diff, (f"qualifiers differ (district {dq}, city {cq}): difference of the stated numbers" if dq != cq else "")


@memo
def district_vs_city(reference: bool = False):
    """Every district figure beside the Dalian figure for the same indicator, measure and period.

    One row per row of :func:`district_figures`, in the same order; columns :data:`COLUMNS`,
    described in data/metadata/district_vs_city.yaml (pairing 'paired' | 'derived' | 'share' |
    'unpaired'; city_origin fyp14 | fyp13 | headline | reference | derived; difference NaN when
    the two sides are not comparable, with the reason in ``note``).

    ``reference=True`` also fills single-year figures the seeds lack from the reference data
    (Dalian's 2021 targets, 2020 outcomes), with ``city_origin == 'reference'``.

    See the module docstring for the matching and comparability rules.
    """
    import pandas as pd

    districts = district_figures()
    facts = list(_city_facts())
    out = [_pair(d, facts, districts, reference) for d in districts.itertuples(index=False)]
    frame = pd.DataFrame(out, columns=COLUMNS)
    frame = frame.astype({c: "float64" for c in _FLOAT_COLUMNS} | {"period_start": "Int64", "period_end": "Int64"})
    return frame.astype({c: "string" for c in COLUMNS if c not in _FLOAT_COLUMNS + ["period_start", "period_end"]})


def _pair(d, facts: list[dict], districts, reference: bool) -> dict:
    scope = _scope(d)
    row = dict(
        indicator=_str(d.indicator), indicator_en=_str(d.indicator_en), district_wording=d.indicator_zh,
        measure=d.measure, kind=d.kind, period_start=_int(d.period_start), period_end=_int(d.period_end),
        district_value=d.value, district_value_high=d.value_high, district_qualifier=d.qualifier,
        district_unit=_str(d.unit), district_basis=_str(d.basis), district_scope=scope,
        district_share_of=_str(d.share_of), district_source=f"{d.report_id} line {d.line}", district_quote=d.quote,
        city_value=math.nan, city_value_high=math.nan, city_qualifier=None, city_unit=None, city_kind=None,
        city_source=None, city_quote=None, city_origin=None, difference=math.nan, district_pct_of_city=math.nan,
        implied_city_value=math.nan, note=None,
    )
    notes = [f"scope {scope} (line {SCOPE_LINE}: '{SCOPE_EVIDENCE[scope][0]}')"] if scope != "金州行政区口径" else []
    if _str(d.share_of):
        return _share_row(row, d, districts, notes)
    if _str(d.indicator) is None:
        row.update(pairing="unpaired", note="; ".join(notes + [
            f"indicator wording '{d.indicator_zh}' is not in the vocabulary (tables/indicators.csv): not matched"]))
        return row
    family = _family(d.kind)
    key = (d.indicator, d.measure, _int(d.period_start), _int(d.period_end), family)
    matches = [f for f in facts
               if (f["indicator"], f["measure"], f["period_start"], f["period_end"], f["family"]) == key]
    pairing = "paired"
    if not matches:
        derived = _derived_increase(d, facts)
        if derived is not None:
            matches, pairing = [derived], "derived"
    if not matches and reference and key[2] == key[3] and key[2] is not None:
        matches = _reference_facts(d.indicator, d.measure, key[2], family)
    if not matches:
        row.update(pairing="unpaired", note="; ".join(notes + [_unpaired_note(d, facts, key, family)]))
        return row
    matches = sorted(matches, key=_rank)
    c = matches[0]
    diff, diff_note = _difference(d, c, scope)
    row.update(
        pairing=pairing, city_value=c["value"], city_value_high=c["value_high"], city_qualifier=c["qualifier"],
        city_unit=c["unit"], city_kind=c["kind"], city_source=c["source"], city_quote=c["quote"],
        city_origin=c["origin"], difference=diff,
    )
    notes.append(c["note"])
    if diff_note:
        notes.append(diff_note)
    if d.measure == "level" and not is_missing(diff) and c["value"]:
        pct = round(100 * float(d.value) / float(c["value"]), 2)
        row["district_pct_of_city"] = pct
        notes.append(f"district = {d.value:g} / {c['value']:g} = {pct:g}% of the city")
    extra = [f for f in matches[1:]]
    if extra:
        notes.append("also: " + "; ".join(_fmt_fact(f) for f in extra))
    row["note"] = "; ".join(n for n in notes if n)
    return row


def _unpaired_note(d, facts: list[dict], key: tuple, family: str) -> str:
    """Why a district figure has no city partner, and the city figures nearest to it."""
    end = _int(d.period_end) or 0
    others = sorted((f for f in facts if f["indicator"] == d.indicator),
                    key=lambda f: (abs((f["period_end"] or 0) - end), _rank(f)))[:3]
    why = f"no Dalian figure of {d.indicator} {d.measure} for {_period(d)} ({family}) in the seeds"
    other = [f for f in facts if (f["indicator"], f["measure"], f["period_start"], f["period_end"]) == key[:4]]
    if other:
        why += (f"; the city's figure for {_period(d)} is a {other[0]['kind']} ({_fmt_fact(other[0])}), "
                f"not compared with a district {d.kind}")
    if d.measure == "qualitative" and _str(d.basis):
        why += f"; qualitative: '{d.basis}'"
    if others:
        why += "; nearest city figures of this indicator: " + ", ".join(
            f"{f['kind']} {f['measure']} {_period_of(f)} {_fmt_fact(f)}" for f in others)
    return why


def _share_row(row: dict, d, districts, notes: list[str]) -> dict:
    row["pairing"] = "share"
    whole = "Dalian" if d.share_of == CITY else str(d.share_of)
    cumulative = "cumulative" in (_str(d.basis) or "")
    if _str(d.indicator) is None:
        levels = districts.iloc[0:0]
        notes.append(f"indicator wording '{d.indicator_zh}' is not in the vocabulary (tables/indicators.csv)")
    else:
        levels = districts[(districts["indicator"] == d.indicator) & (districts["measure"] == "level")
                           & (districts["period_start"] == d.period_start) & (districts["period_end"] == d.period_end)
                           & (districts["share_of"].fillna("") == "")]
        levels = levels[levels["basis"].fillna("").str.contains("cumulative") == cumulative]
    share = float(d.value) * (100.0 if str(d.unit) == "fraction" else 1.0)
    if d.share_of != CITY:
        notes.append(f"share of {whole}, not of the city")
    elif str(d.qualifier) == "range" and not levels.empty:
        notes.append(f"share of {whole} given as a range: no single city level can be implied")
    elif levels.empty:
        notes.append(f"share of {whole} ({d.qualifier}); the district gives no level of {d.indicator_zh} for "
                     f"{_period(d)}{' (cumulative)' if cumulative else ''}, so no city level can be implied")
    else:
        lv = levels.iloc[0]
        implied = round(float(lv.value) * 100.0 / share, 2)
        row.update(implied_city_value=implied, city_unit=_str(lv.unit), city_origin="derived")
        bound = {"at_least": "at most", "greater_than": "less than", "at_most": "at least",
                 "less_than": "more than"}.get(str(d.qualifier), "")
        notes.append(f"derived: city ≈ district level {lv.value:g} {lv.unit} (line {lv.line}) / {share:g}% = "
                     f"{implied:g} {lv.unit}" + (f" ({bound} this, as the share is {d.qualifier})" if bound else ""))
    row["note"] = "; ".join(notes)
    return row


# ------------------------------------------------------------------------------------- helpers
def _str(x) -> str | None:
    return None if is_missing(x) or x == "" else str(x)


def _int(x) -> int | None:
    return None if is_missing(x) else int(x)


def _norm_unit(u) -> str:
    return re.sub(r"\s", "", str(u or "")).replace("％", "%")


def _period(d) -> str:
    return _period_of({"period_start": _int(d.period_start), "period_end": _int(d.period_end)})


def _period_of(f: dict) -> str:
    s, e = f["period_start"], f["period_end"]
    return f"{s}" if s == e else f"{s}–{e}"
