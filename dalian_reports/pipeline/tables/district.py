"""Jinzhou District (Jinpu New Area) figures, and how they compare with Dalian's.

:func:`district_figures` is :func:`~dalian_reports.pipeline.tables.headline.headline_figures` of the
district's 2021 work report (source 002): its 2020 results (raw line 18), the 13th-plan review
(五年来…, lines 40–54), the 14th-plan goals (line 66), the 2021 targets (line 70) and the
New-Area figures of the glossary note (名词解释 1, line 94) — same columns, same rows.

:func:`district_vs_city` puts every district figure beside the Dalian figure for the same
indicator, measure and period, with the source of each side.

Where the city figures come from (``city_origin``)
--------------------------------------------------
``fyp14``     the 14th-plan indicator table of the plan outline (source 004, report id
              ``dalian-fyp14-zh``, :func:`~dalian_reports.pipeline.tables.plans.fyp_indicators` ``(14)``):
              the 2020 cells are 2020 outcomes (地区生产总值增长 0.9 → GDP growth 2020, line 182);
              the 2025 cells are plan targets dated 2025 (a ceiling such as ``<4.5`` covers
              2021–2025, like the extractor's caps); the 年均增长 cells are average-growth
              targets for 2021–2025 (``>6`` → avg_growth, greater_than). Bracketed ``[x]``
              cells are five-year totals (a 2020 ``[15]`` is the 13th plan's 2016–2020 reduction).
``fyp13``     the 13th-plan completion table (same outline, ``fyp_indicators(13)``): 完成 cells
              are 2020 outcomes, 2015 cells 2015 outcomes, 平均增速% cells average growth
              achieved 2016–2020 (as :mod:`dalian_reports.pipeline.tables.plans` reads them), 2020 目标
              cells plan targets.
``headline``  the Dalian rows of :func:`headline_figures` (Chinese reports).
``reference`` only with ``reference=True``: the preferred Dalian row of the reference data
              (:func:`~dalian_reports.pipeline.tables.reference.reference_series`) for a single-year
              figure no seed gives — secondary data, labelled with file, row and url.
``derived``   computed from two cells of one table (e.g. the 2016–2020 increase of urban income
              = 2020 cell − 2015 cell); ``note`` shows the arithmetic.

Matching rules
--------------
* A district row is paired with a city figure of the same ``indicator`` (vocabulary code),
  ``measure``, ``period_start``–``period_end`` and kind family (targets — target, plan_target —
  with targets; outcomes — outcome, plan_outcome — with outcomes). A district row without a
  code (wording unknown to the vocabulary) is never paired.
* When several city figures match, a point value beats a bound (``<3``), then the source order
  ``fyp14``, ``fyp13``, ``headline``; the others are named in ``note``.
* An absolute increase over a period (measure ``growth`` in 元 or 个百分点, e.g. 城镇化率五年提高
  9.7个百分点) is paired with the city's increase derived from its start and end cells.
* A share (``share_of`` set: 占全市 → 'dalian', 占辽宁省 → 'liaoning') is shown with
  ``pairing == 'share'``; where the district gives a level of the same indicator and period,
  ``implied_city_value`` = level ÷ share (derived, arithmetic in ``note``).
* ``difference`` = district − city, only when both are numbers in the same unit, both are
  outcomes given as values (exact or 左右 — not bounds such as 以内 / 以上 / ranges) or both are
  numeric targets (then a target's bound is its value: 6.5 vs >6 → 0.5), and the district figure
  is on a basis comparable with the city's (``district_scope``). Otherwise NaN, with the reason
  in ``note``. For levels, ``district_pct_of_city`` = 100 · district ÷ city.

Territory of the district figures (``district_scope``)
------------------------------------------------------
The glossary note 名词解释 1 (raw line 94) says: 一般公共预算地方级收入 is on the province-
comparable basis (省可比口径, i.e. 金州行政区地方级财政总收入 — not the 一般公共预算收入 the city
reports, so it is not compared); all other figures are for the 25 streets of the Jinzhou
administrative district (金州行政区口径); and the figures after 具体如下 on line 94 are for the
wider New Area (新区口径: the 25 streets plus 丰荣, 太平, 铁西 and 普兰店经济开发区). The extractor
records 新区口径 in ``basis``; the other two scopes are not in ``basis``, so :data:`SCOPE_EVIDENCE`
states them here, each with its words checked against line 94.

>>> v = district_vs_city()
>>> v.query("indicator == 'gdp' and measure == 'growth' and period_end == 2020")[
...     ["district_value", "city_value", "city_source", "difference"]].values.tolist()
[[0.55, 0.9, 'dalian-fyp14-zh line 182', -0.35]]
"""
from __future__ import annotations

from .memo import memo


from ...verdicts import is_missing

import math

from ...sources.notes import note, notes, source_of
import re
from functools import lru_cache

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


# ---------------------------------------------------------------------------------------------
# City figures
# ---------------------------------------------------------------------------------------------
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
    import pandas as pd

    from ...extract.plan_tables import GROWTH_NAME_PATTERN, type_cell
    from .plans import LEVEL_OF_RELATED_INDICATOR, REDUCTION_WORDS, fyp_indicators

    span = _PLAN_SPAN[plan]
    origin = f"fyp{plan}"
    facts = []
    for row in fyp_indicators(plan).itertuples(index=False):
        if pd.isna(row.indicator):
            continue
        code, line = str(row.indicator), int(row.line)
        raw = lines[line - 1]
        name = str(row.indicator_zh)
        sub = None if pd.isna(row.sub_indicator_zh) else str(row.sub_indicator_zh)
        reduction = any(w in (sub or "") + name for w in REDUCTION_WORDS)
        slots = [("base", row.base_text), ("target", row.target_text), ("avg_growth", row.avg_growth_text),
                 ("achieved", row.achieved_text)]
        printed = [str(t) for _, t in slots if not pd.isna(t)]
        for slot, text in slots:
            if pd.isna(text):
                continue
            cell = type_cell(str(text))
            if cell is None or cell.kind not in ("number", "text"):
                continue
            qualifier = _OP_QUALIFIER.get(cell.op, "exact")
            unit = None if pd.isna(row.unit) else str(row.unit)
            indicator = code
            if slot == "avg_growth":
                measure, unit, (start, end) = "avg_growth", "%", span
                kind = "plan_target" if plan == 14 else "plan_outcome"
            else:
                year = int(row.base_year) if slot == "base" else int(row.target_year)
                start = end = year
                if code in LEVEL_OF_RELATED_INDICATOR:
                    indicator = LEVEL_OF_RELATED_INDICATOR[code]
                    measure = "rate" if unit == "%" else "level"
                elif cell.op == "text":
                    measure = "qualitative"
                elif GROWTH_NAME_PATTERN.search(name):
                    measure = "growth"
                elif cell.cumulative:
                    measure = "cumulative_decline" if reduction else "level"
                elif reduction:
                    measure = "decline"
                else:
                    measure = "rate" if unit == "%" else "level"
                if cell.cumulative:
                    start = year - 4
                if slot == "target" and (cell.op in ("<", "≤", "text")):
                    start, end = span      # a ceiling or an assignment holds over the plan period
                if slot == "target":
                    kind = "plan_target"
                else:
                    kind = "outcome" if start == end else "plan_outcome"
            label = _SLOT_LABEL[slot].format(base_year=int(row.base_year), target_year=int(row.target_year))
            note = f"{plan}th-plan table, {label} '{text}'"
            if plan == 13 and slot == "avg_growth":
                note += " (平均增速% column, read as the achieved 2016–2020 average by tables.plans)"
            if indicator != code:
                note += f" (row coded {code}; its 2020/2025 cells are {indicator} levels: tables.plans)"
            quote = _plan_quote(raw, [name, sub], printed, str(text))
            if str(text) not in quote:
                note += (" (the cell is printed across a page break, so this line holds only part of it; "
                         f"see fyp_indicators({plan}).alignment_note)")
            facts.append(dict(
                indicator=indicator, measure=measure, family=_family(kind), kind=kind, period_start=start,
                period_end=end, value=cell.value, value_high=math.nan, qualifier=qualifier, unit=unit,
                source=f"{PLAN_REPORT_ID} line {line}", quote=quote,
                origin=origin, note=note
            ))
    return facts


def _headline_facts() -> list[dict]:
    from .headline import headline_figures

    df = headline_figures()
    df = df[(df["issuer"] == CITY) & (df["lang"] == "zh") & df["indicator"].notna()]
    facts = []
    for r in df.itertuples(index=False):
        facts.append(dict(
            indicator=r.indicator, measure=r.measure, family=_family(r.kind), kind=r.kind,
            period_start=_int(r.period_start), period_end=_int(r.period_end), value=r.value,
            value_high=r.value_high, qualifier=r.qualifier, unit=_str(r.unit),
            source=f"{r.report_id} line {r.line}", quote=r.quote, origin="headline",
            note=f"{r.report_id} headline figure" + (f" ({r.basis})" if _str(r.basis) else ""),
        ))
    return facts


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


# ---------------------------------------------------------------------------------------------
# District side
# ---------------------------------------------------------------------------------------------
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


# ---------------------------------------------------------------------------------------------
# Pairing
# ---------------------------------------------------------------------------------------------
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
    note = ""
    if dq != cq:
        note = f"qualifiers differ (district {dq}, city {cq}): difference of the stated numbers"
    return diff, note


@memo
def district_vs_city(reference: bool = False):
    """Every district figure beside the Dalian figure for the same indicator, measure and period.

    One row per row of :func:`district_figures`, in the same order. Columns: indicator,
    indicator_en, district_wording (as written), measure, kind (the district row's), period_start,
    period_end, pairing ('paired' | 'derived' | 'share' | 'unpaired'), district_value,
    district_value_high, district_qualifier, district_unit, district_basis, district_scope
    (金州行政区口径 | 新区口径 | 省可比口径, from line 94), district_share_of, district_source
    ('jinzhou-2021-zh line N'), district_quote, city_value, city_value_high, city_qualifier,
    city_unit, city_kind, city_source (report id + line, or reference file + row + url),
    city_quote (exact raw substring; for reference rows the original's wording), city_origin
    (fyp14 | fyp13 | headline | reference | derived), difference (district − city, same unit; NaN
    when not comparable), district_pct_of_city (levels), implied_city_value (shares), note.

    ``reference=True`` also fills single-year figures the seeds lack from the reference data
    (Dalian's 2021 targets, 2020 outcomes), with ``city_origin == 'reference'``.

    See the module docstring for the matching and comparability rules.
    """
    import pandas as pd

    districts = district_figures()
    facts = list(_city_facts())
    out = []
    for d in districts.itertuples(index=False):
        out.append(_pair(d, facts, districts, reference))
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
        end = _int(d.period_end) or 0
        others = sorted((f for f in facts if f["indicator"] == d.indicator),
                        key=lambda f: (abs((f["period_end"] or 0) - end), _rank(f)))[:3]
        why = f"no Dalian figure of {d.indicator} {d.measure} for {_period(d)} ({family}) in the seeds"
        if d.measure == "qualitative" and _str(d.basis):
            why += f"; qualitative: '{d.basis}'"
        if others:
            why += "; nearest city figures of this indicator: " + ", ".join(
                f"{f['kind']} {f['measure']} {_period_of(f)} {_fmt_fact(f)}" for f in others)
        row.update(pairing="unpaired", note="; ".join(notes + [why]))
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
    if c["origin"] == "fyp13" and c["measure"] == "avg_growth" and c["indicator"] == "gdp":
        notes.append("the 2015 GDP cell is empty, so this growth cell cannot be checked against the levels")
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
        row["implied_city_value"] = implied
        row["city_unit"] = _str(lv.unit)
        row["city_origin"] = "derived"
        bound = {"at_least": "at most", "greater_than": "less than", "at_most": "at least",
                 "less_than": "more than"}.get(str(d.qualifier), "")
        notes.append(f"derived: city ≈ district level {lv.value:g} {lv.unit} (line {lv.line}) / {share:g}% = "
                     f"{implied:g} {lv.unit}" + (f" ({bound} this, as the share is {d.qualifier})" if bound else ""))
    row["note"] = "; ".join(notes)
    return row


# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------
def _str(x) -> str | None:
    return None if is_missing(x) or x == "" else str(x)


def _int(x) -> int | None:
    return None if is_missing(x) else int(x)


def _norm_unit(u) -> str:
    return re.sub(r"\s", "", str(u or "")).replace("％", "%")


def _period(d) -> str:
    s, e = _int(d.period_start), _int(d.period_end)
    return f"{s}" if s == e else f"{s}–{e}"


def _period_of(f: dict) -> str:
    s, e = f["period_start"], f["period_end"]
    return f"{s}" if s == e else f"{s}–{e}"
