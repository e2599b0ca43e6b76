"""Five-year-plan indicator tables of the 14th-plan outline (source "004"), as tidy tables.

Two tables are read from the raw text by :mod:`dalian_reports.extract.plan_tables`:

* plan 13 — “十三五”规划纲要主要指标完成情况表 (raw lines 35–77): 2015 base, 2020 target,
  2020 average growth (平均增速%) and 2020 achievement (完成) of the 13th plan (2016–2020);
* plan 14 — “十四五”时期经济社会发展主要指标表 (raw lines 179–204): 2020 base, 2025 target and
  average growth 2021–2025 (年均增长) of the 14th plan.

Every number keeps its source cell (``*_text``, exactly as printed) and raw ``line``;
``alignment_note`` names the placement rule whenever a cell's column had to be decided
(see the rule list in :mod:`dalian_reports.extract.plan_tables`), any second source line,
and the plan's own sentences that corroborate a reading.

Decisions an economist should know
----------------------------------
* 13th plan, rows 1–3 (地区生产总值, 全员劳动生产率, 一般公共预算收入): money aggregates have no
  2020 target level. Where the row prints a 2015 level (row 3: 579.9 | 3.9 | 702.7, and row 10),
  the growth cell equals the compound growth from the 2015 value to the achieved value, and the
  review prose (line 13, 城乡居民人均可支配收入年均增长分别为 5.7% 和 8%) confirms that 平均增速% is
  growth *achieved*. Where the 2015 cell is blank (rows 1 and 2: (blank) | 7 | 7030.4 and
  (blank) | 6.2 | 16.9) the number stands in the 目标 cell and is the plan's *target* average
  growth 2016–2020 (rule :data:`GROWTH_TARGET_RULE`): for GDP the reference data's official growth
  (6.5, 7.1, 6.5, 6.5, 0.9 for 2016–2020, about 5.5% a year) and the fall of the level (7700 亿元
  in 2015, 7030.4 in 2020, after the 2018 census revision) rule out 7 as the growth achieved.
  Both rows are read the same way; ``target_value`` is then a rate in % a year (not a level in
  the row's unit) and the table prints no achieved growth for them.
* 13th plan, row 18 (用水量下降率) has a single cell ``[22.6]``; nothing tells whether it is the
  target or the achievement, so it is left unplaced (value columns NA) and flagged.
* 14th plan, rows 14 and 15: the category cell (绿色 | 生态) and the 2025 cell (完成省下 | 达任务)
  were each cut in two by the page break at line 196. Neither half is a word; joined they are
  the category 绿色生态 and the target 完成省下达任务. The cells were merged cells spanning both
  rows (the category cell spans rows 14–18 the same way), so *both* rows carry the whole
  target: the energy-intensity and CO2-intensity reductions are both provincial assignments
  (their 2020 cells [15] and [18] are the 13th plan's achieved cumulative reductions, lines 62
  and 64), and row 16 (line 198) prints the same target whole in a row of its own. Each row's
  ``line`` is its own line; ``alignment_note`` names the other.
* 14th plan, row 17 (地表水达到或好于 III 类水体比例): the 2025 cell is blank in the source; it
  stays NA (not borrowed from row 16).
* 14th plan, row 4 (研发经费投入增长): its three cells are 2.9 (2020), 3.5 (2025) and >10 (年均增长).
  2.9 equals the 13th table's achieved R&D intensity, so the 2020/2025 cells are R&D-intensity
  levels while >10 is the growth of R&D spending; the row is coded ``rd_expenditure``.
"""
from __future__ import annotations

from ...sources.notes import notes, source_of

import math
from functools import lru_cache

import pandas as pd

from ...errors import ParseError
from ...extract.plan_tables import (
    ACHIEVED, BASE, GROWTH, GROWTH_NAME_PATTERN, TARGET, Cell, PlanRow, PlanTable, parse_plan_table, type_cell,
)
from ...sources.raw import read_source
from ...vocab import direction, lookup, name_en

SOURCE_ID = source_of("dalian", "five_year_plan_outline")
TABLE_TITLES = {
    13: "“十三五”规划纲要主要指标完成情况表",
    14: "“十四五”时期经济社会发展主要指标表",
}
FYP_COLUMNS = [
    "plan", "category", "number", "indicator_zh", "sub_indicator_zh", "indicator", "indicator_en", "unit",
    "base_year", "base_value", "base_text", "target_year", "target_value", "target_text", "target_op",
    "avg_growth_value", "avg_growth_text", "achieved_value", "achieved_text", "attribute", "cumulative",
    "footnote", "line", "alignment_note",
]
_INT_COLUMNS = ["plan", "number", "base_year", "target_year", "line"]
_FLOAT_COLUMNS = ["base_value", "target_value", "avg_growth_value", "achieved_value"]

# '≈' (左右) targets: met when the achievement is within this fraction of the target, or beyond
# it in the indicator's good direction.
APPROX_TOLERANCE = 0.05
# Names (or sub-indicator names) with these words report reductions: more reduction is better.
REDUCTION_WORDS = ("降低", "下降", "减少")
# Suffixes removed from a table wording when the whole wording is not in the vocabulary.
MEASURE_SUFFIXES = ("下降率", "降低率", "增长率", "减少比例", "降低", "下降", "增长", "减少")
# A 14th-plan row whose 2020 cell is a level of a related indicator (see the module docstring).
LEVEL_OF_RELATED_INDICATOR = {"rd_expenditure": "rd_intensity"}

#: A completion-table row whose 2015 cell is blank and whose next cell is a money aggregate's growth:
#: that cell is the plan's target average growth (% a year), read into the target columns.
GROWTH_TARGET_RULE = "GROWTH_TARGET"

# Sentences of the plan that corroborate a reading: (plan, code, raw line, quote, what it shows), from
# data/raw/notes.csv (topic 'prose_evidence', key '<plan>:<code>'); each quote is checked against its raw line.
PROSE_EVIDENCE = tuple((int(n.key.split(":")[0]), n.key.split(":")[1], n.line, n.quote, n.why)
                       for n in notes(SOURCE_ID, "prose_evidence"))


@lru_cache(maxsize=None)
def _parsed(plan: int) -> tuple[PlanTable, tuple[str, ...]]:
    if plan not in TABLE_TITLES:
        raise ValueError(f"plan must be one of {sorted(TABLE_TITLES)}, not {plan!r}")
    doc = read_source(SOURCE_ID)
    table = parse_plan_table(enumerate(doc.lines, 1), TABLE_TITLES[plan], file=doc.path.name)
    return table, tuple(doc.lines)


def _indicator_code(row: PlanRow) -> str | None:
    """Vocabulary code: try sub+name (常住人口+城镇化率), sub, name; each whole, then without its measure suffix."""
    wordings = [row.indicator_zh]
    if row.sub_indicator_zh:
        wordings = [row.sub_indicator_zh + row.indicator_zh, row.sub_indicator_zh, row.indicator_zh]
    for wording in wordings:
        for candidate in (wording, _strip_measure_suffix(wording)):
            code = lookup(candidate)
            if code:
                return code
    return None


def _strip_measure_suffix(wording: str) -> str:
    for suffix in MEASURE_SUFFIXES:
        if wording.endswith(suffix) and len(wording) > len(suffix):
            return wording[: -len(suffix)]
    return wording


def _cell_columns(cell: Cell | None) -> tuple[float | None, str | None]:
    return (None, None) if cell is None else (cell.value, cell.text)


def _growth_is_target(row: PlanRow) -> bool:
    """GROWTH_TARGET: a money row of the completion table with a blank 2015 cell and a growth cell.

    Nothing can check such a growth cell as the growth achieved (there is no 2015 level to compound
    from), and by position it is the 目标 cell: the plan's target average growth.
    """
    return (row.placement_rule == "GROWTH_BY_UNIT" and BASE not in row.cells and GROWTH in row.cells
            and TARGET not in row.cells)


def _growth_target_note(row: PlanRow, cells: dict) -> str:
    growth = cells[TARGET].text
    achieved = cells[ACHIEVED].text if ACHIEVED in cells else "blank"
    return (f"{GROWTH_TARGET_RULE}: 2015 年=blank, 2020 年 目标={growth} (the plan's target average growth "
            f"2016–2020, % a year — not a 2020 level in {row.unit}), 2020 年 完成={achieved}; the 2015 cell is blank, "
            f"so {growth} cannot be checked as growth achieved, and the table prints no achieved growth")


def _record(plan: int, table: PlanTable, row: PlanRow) -> dict:
    code = _indicator_code(row)
    cells, alignment_note = dict(row.cells), row.alignment_note
    if _growth_is_target(row):
        cells[TARGET] = cells.pop(GROWTH)
        kept = [n for n in row.notes if not n.startswith("GROWTH_BY_UNIT")]
        alignment_note = "; ".join([_growth_target_note(row, cells), *kept])
    base_value, base_text = _cell_columns(cells.get(BASE))
    target = cells.get(TARGET)
    target_value, target_text = _cell_columns(target)
    growth_value, growth_text = _cell_columns(cells.get(GROWTH))
    achieved_value, achieved_text = _cell_columns(cells.get(ACHIEVED))
    return {
        "plan": plan, "category": row.category, "number": row.number, "indicator_zh": row.indicator_zh,
        "sub_indicator_zh": row.sub_indicator_zh, "indicator": code, "indicator_en": name_en(code) if code else None,
        "unit": row.unit, "base_year": table.base_year, "base_value": base_value, "base_text": base_text,
        "target_year": table.target_year, "target_value": target_value, "target_text": target_text,
        "target_op": target.op if target is not None else None,
        "avg_growth_value": growth_value, "avg_growth_text": growth_text,
        "achieved_value": achieved_value, "achieved_text": achieved_text,
        "attribute": row.attribute, "cumulative": row.cumulative, "footnote": row.footnote,
        "line": row.line, "alignment_note": alignment_note,
    }


def _evidence_notes(plan: int, code: str | None, lines: tuple[str, ...]) -> list[str]:
    notes = []
    for evidence_plan, evidence_code, line, quote, shows in PROSE_EVIDENCE:
        if (evidence_plan, evidence_code) != (plan, code):
            continue
        if quote not in lines[line - 1]:
            raise ParseError(f"evidence sentence {quote!r} not on this line", file=SOURCE_ID, line=line)
        notes.append(f"evidence line {line}: '{quote}' — {shows}")
    return notes


def _cross_table_notes(record: dict, plan13: pd.DataFrame) -> list[str]:
    """A 14th-plan 2020 cell equal to the 13th table's 2020 achievement is the same figure."""
    code = record["indicator"]
    related = LEVEL_OF_RELATED_INDICATOR.get(code, code)
    same = plan13[(plan13["indicator"] == related) & (plan13["achieved_text"] == record["base_text"])]
    if same.empty or record["base_text"] is None:
        return []
    earlier = same.iloc[0]
    note = f"2020 cell {record['base_text']} = the 13th-plan table's 2020 achievement of {related} (line {earlier['line']})"
    if related != code:
        note += f": the 2020/2025 cells are {related} levels, the 年均增长 cell is the growth of {code}"
    return [note]


def _growth_target_evidence(record: dict) -> list[str]:
    """Why a GDP GROWTH_TARGET cell cannot be the growth achieved: the official growth of the plan's years
    (reference data) and the 2015 and 2020 levels."""
    if GROWTH_TARGET_RULE not in (record["alignment_note"] or ""):
        return []
    if record["indicator"] != "gdp":
        return ["no official figure checks this row: it is read like the 地区生产总值 row of the same shape, "
                "which the reference data check"]
    from .headline import headline_figures
    from .reference import official_outcomes

    years = list(range(int(record["base_year"]) + 1, int(record["target_year"]) + 1))
    ref = official_outcomes("dalian", "gdp", preferred_only=True)
    growth = ref[(ref["measure"] == "growth") & ref["year"].isin(years)].set_index("year")
    if sorted(growth.index) != years:
        return [f"evidence: the reference data lack official growth for some of {years[0]}–{years[-1]}"]
    values = [float(growth.loc[y, "value"]) for y in years]
    compound = (math.prod(1 + v / 100 for v in values) ** (1 / len(values)) - 1) * 100
    rows = ", ".join(f"{growth.loc[y, 'source_file']} row {int(growth.loc[y, 'source_row'])}" for y in years)
    note = (f"evidence: official growth {years[0]}–{years[-1]} {', '.join(f'{v:g}' for v in values)} "
            f"(reference data: {rows}) compounds to {compound:.1f}% a year, below {record['target_text']}")
    h = headline_figures()
    start = h[(h["issuer"] == "dalian") & (h["indicator"] == "gdp") & (h["kind"] == "outcome")
              & (h["measure"] == "level") & (h["period_end"] == years[0] - 1)]
    census = ref[(ref["measure"] == "level") & (ref["year"] == 2018)]
    if not start.empty and not census.empty:
        first, revised = start.iloc[0], census.iloc[0]
        note += (f"; the level fell from {first['value']:g} 亿元 in {years[0] - 1} ({first['report_id']} line "
                 f"{first['line']}) to the 完成 {record['achieved_text']} — the 2018 economic census revised it "
                 f"down ({revised['source_file']} row {int(revised['source_row'])}: {revised['value']:g} in 2018)")
    return [note + f": so {record['target_text']} is the target, not the growth achieved"]


def _join_notes(existing: str | None, extra: list[str]) -> str | None:
    return "; ".join([existing] * bool(existing) + extra) or None


def _typed_frame(records: list[dict], columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(records, columns=columns)
    types = {c: "Int64" for c in _INT_COLUMNS} | {c: "float64" for c in _FLOAT_COLUMNS} | {"cumulative": "boolean"}
    types |= {c: "string" for c in columns if c not in types}
    return frame.astype({c: t for c, t in types.items() if c in frame.columns})


@lru_cache(maxsize=None)
def _fyp_frame(plan: int) -> pd.DataFrame:
    table, lines = _parsed(plan)
    records = [_record(plan, table, row) for row in table.rows]
    plan13 = _fyp_frame(13) if plan == 14 else None
    for record in records:
        extra = _evidence_notes(plan, record["indicator"], lines) + _growth_target_evidence(record)
        if plan13 is not None:
            extra += _cross_table_notes(record, plan13)
        record["alignment_note"] = _join_notes(record["alignment_note"], extra)
    return _typed_frame(records, FYP_COLUMNS)


def fyp_indicators(plan: int) -> pd.DataFrame:
    """The main-indicator table of the 13th (``plan=13``) or 14th (``plan=14``) five-year plan.

    One row per indicator and per sub-indicator (sub-indicators inherit their parent's number
    and attribute), columns :data:`FYP_COLUMNS`. ``*_value`` are numbers (NA for '—', blanks,
    text targets), ``*_text`` the cells as printed, ``target_op`` one of '>', '<', '≥', '≤', '≈',
    'text' (NA for a plain number), ``cumulative`` True when a cell is a bracketed five-year
    figure, ``attribute`` 'anticipatory' (预期性) or 'binding' (约束性). ``achieved_*`` exist only
    in the 13th-plan completion table (NA for plan 14).

    >>> t = fyp_indicators(14)
    >>> t.loc[t.number == 20, ["indicator", "base_value", "target_value", "line"]].values.tolist()
    [['energy_capacity', 425.0, 650.0, 202]]
    """
    return _fyp_frame(plan).copy()


# ---------------------------------------------------------------- 13th plan: met or missed

def plan13_status() -> pd.DataFrame:
    """The 13th-plan rows with ``status`` ('met' | 'missed' | 'not_comparable') and ``status_rule``.

    Rules, tried in this order (``status_rule`` names the one that decided and shows the numbers):

    ``NO_TARGET``      no 2020 target in the table (e.g. 一般公共预算收入: only the growth achieved)
                       → not_comparable.
    ``TEXT_TARGET``    the target is a phrase → not_comparable.
    ``GROWTH_TARGET``  the target is an average growth rate (GDP: 7, % a year) and the table gives
                       only an achieved level → not_comparable (alignment_note has the evidence).
    ``NO_ACHIEVED``    no achievement in the table → not_comparable.
    ``BASIS``          one of target/achievement is a bracketed five-year cumulative figure and
                       the other is not → not_comparable. Two bracketed figures are compared.
    ``REDUCTION``      the name says 降低/下降/减少: the figures are reductions and more reduction
                       is better, so met if achieved ≥ target (whatever the level's direction).
    ``APPROX``         target 'x左右' (≈): met if within ±APPROX_TOLERANCE·x of x, or beyond it in
                       the indicator's good direction (vocabulary ``direction``); else missed.
    ``FLOOR``          target '>x' or '≥x': met if achieved ≥ x (a '>' printed in a table is a
                       floor; an achievement equal to it is not distinguishable from rounding).
                       An achievement printed as a bound ('>84') counts by its bound.
    ``CEILING``        target '<x' or '≤x': met if achieved < x (≤ x for '≤'); an achievement
                       printed as the same bound ('<3' vs '<3') states that the ceiling held → met.
    ``PLAIN_UP`` / ``PLAIN_DOWN``  a plain target: met if achieved ≥ target when higher is better,
                       ≤ target when lower is better (e.g. 新增建设用地规模, a binding cap).
    ``NO_DIRECTION``   a plain target for an indicator with direction 'none' → not_comparable.
    Where an achievement printed as a bound cannot decide (e.g. '<80' against a floor 79) →
    not_comparable.

    >>> s = plan13_status().set_index(["number", "sub_indicator_zh"], drop=False)
    >>> s.loc[(4, "户籍人口"), "status"], s.loc[(12, "登记失业率"), "status"]
    ('missed', 'met')
    """
    frame = fyp_indicators(13)
    decided = [_status(row) for row in frame.itertuples(index=False)]
    frame["status"] = pd.array([status for status, _ in decided], dtype="string")
    frame["status_rule"] = pd.array([rule for _, rule in decided], dtype="string")
    return frame


def _text(value) -> str | None:
    return None if pd.isna(value) else str(value)


def _status(row) -> tuple[str, str]:
    target = type_cell(_text(row.target_text) or "")
    achieved = type_cell(_text(row.achieved_text) or "")
    if target is None or target.kind in ("blank", "not_available"):
        return "not_comparable", _no_target_reason(row)
    if target.op == "text":
        return "not_comparable", f"TEXT_TARGET: the target '{target.text}' is not a number"
    if GROWTH_TARGET_RULE in (_text(row.alignment_note) or ""):
        return "not_comparable", (f"{GROWTH_TARGET_RULE}: the target {target.text} is an average growth rate "
                                  f"2016–2020 (% a year); the table gives no growth achieved, only the 2020 level "
                                  f"{_text(row.achieved_text) or 'blank'} (see alignment_note)")
    if achieved is None or achieved.kind != "number":
        return "not_comparable", "NO_ACHIEVED: the table gives no achieved value"
    if target.cumulative != achieved.cumulative:
        return "not_comparable", (f"BASIS: target '{target.text}' and achievement '{achieved.text}' are not both "
                                  "five-year cumulative figures")
    if _is_reduction(row):
        return _verdict(_at_least(achieved, target.value), "REDUCTION",
                        f"reductions, more is better: achieved reduction {achieved.text} ≥ target {target.text}?", achieved)
    good = direction(row.indicator) if not pd.isna(row.indicator) else "none"
    if target.op == "≈":
        return _approx_status(achieved, target, good)
    if target.op in (">", "≥"):
        return _verdict(_at_least(achieved, target.value), "FLOOR",
                        f"target {target.text} is a floor: achieved {achieved.text} ≥ {target.value:g}?", achieved)
    if target.op in ("<", "≤"):
        return _verdict(_at_most(achieved, target.value, strict=target.op == "<"), "CEILING",
                        f"target {target.text} is a ceiling: achieved {achieved.text} {target.op} {target.value:g}?", achieved)
    if good == "up":
        return _verdict(_at_least(achieved, target.value), "PLAIN_UP",
                        f"higher is better: achieved {achieved.text} ≥ target {target.text}?", achieved)
    if good == "down":
        return _verdict(_at_most(achieved, target.value, strict=False), "PLAIN_DOWN",
                        f"lower is better: achieved {achieved.text} ≤ target {target.text}?", achieved)
    return "not_comparable", f"NO_DIRECTION: plain target {target.text} for an indicator with no good direction"


def _no_target_reason(row) -> str:
    reason = "NO_TARGET: the table gives no 2020 target"
    if not pd.isna(row.avg_growth_text):
        reason += (f"; its 平均增速% cell {row.avg_growth_text} is a growth rate, not on the basis of the "
                   f"achieved level {row.achieved_text}")
    elif not pd.isna(row.alignment_note) and "UNPLACED" in row.alignment_note:
        reason += " (its only cell could not be placed; see alignment_note)"
    return reason


def _is_reduction(row) -> bool:
    names = [_text(row.sub_indicator_zh) or "", _text(row.indicator_zh) or ""]
    return any(word in name for name in names for word in REDUCTION_WORDS)


def _at_least(achieved: Cell, bound: float) -> bool | None:
    """Is the achieved value ≥ bound? None when a printed bound ('<x', '>x') cannot tell."""
    if achieved.op in ("<", "≤"):
        return False if achieved.value < bound or (achieved.op == "<" and achieved.value == bound) else None
    if achieved.op in (">", "≥"):
        return True if achieved.value >= bound else None
    return achieved.value >= bound


def _at_most(achieved: Cell, bound: float, *, strict: bool) -> bool | None:
    """Is the achieved value < bound (strict) or ≤ bound? None when a printed bound cannot tell."""
    if achieved.op in ("<", "≤"):
        holds = achieved.value < bound or (achieved.value == bound and (achieved.op == "<" or not strict))
        return True if holds else None
    if achieved.op in (">", "≥"):
        return False if achieved.value > bound or (strict and achieved.value == bound) else None
    return achieved.value < bound if strict else achieved.value <= bound


def _approx_status(achieved: Cell, target: Cell, good: str) -> tuple[str, str]:
    band = APPROX_TOLERANCE * abs(target.value)
    low, high = target.value - band, target.value + band
    value = achieved.value
    within = low <= value <= high
    beyond_good = (good == "up" and value > high) or (good == "down" and value < low)
    detail = (f"target {target.text} ≈ {target.value:g} ± {APPROX_TOLERANCE:.0%} = [{low:g}, {high:g}], "
              f"achieved {achieved.text}, direction {good}")
    return _verdict(within or beyond_good, "APPROX", detail)


def _verdict(met: bool | None, rule: str, detail: str, achieved: Cell | None = None) -> tuple[str, str]:
    if achieved is not None and achieved.op in (">", "≥", "<", "≤"):
        detail += f" (the achieved cell '{achieved.text}' is itself a printed bound and is judged by it)"
    if met is None:
        return "not_comparable", f"{rule}: {detail} — a printed bound cannot decide"
    return ("met" if met else "missed"), f"{rule}: {detail} → {'met' if met else 'missed'}"


# ---------------------------------------------------------------- 14th plan: implied growth

def plan14_implied_growth() -> pd.DataFrame:
    """The 14th-plan rows with ``implied_cagr_pct`` and ``cagr_rule``.

    ``implied_cagr_pct`` = ((target / base) ** (1 / 5) − 1) · 100, the compound annual change
    2020→2025 that a *point* target (a plain number or '≈') implies for a *level* indicator. NA,
    with the reason in ``cagr_rule``, when:

    ``GROWTH_RATE``  the row is a growth rate (name ends in 增长: its cells are rates, not levels);
    ``REDUCTION``    a reduction (降低/下降: cumulative percentages);
    ``NO_BASE`` / ``NO_TARGET`` / ``TEXT_TARGET`` / ``NOT_A_LEVEL``  the base or target is missing
                     ('—', blank), a phrase (完成省下达任务) or a bracketed five-year figure;
    ``RATE_PP``      the unit is % (a rate or a share): the change is stated in percentage points
                     (78.8 → >80: at least +1.2 percentage points), never as a percent change;
    ``FLOOR`` / ``CEILING``  the target is a bound ('≥20', '<4.5'), not a point: the rule says what
                     it asks of the level (a floor below the 2020 level asks for no growth; it is not
                     a planned fall).
    >>> g = plan14_implied_growth().set_index("number")
    >>> print(round(g.loc[20, "implied_cagr_pct"], 2))
    8.87
    """
    frame = fyp_indicators(14)
    computed = [_implied_cagr(row) for row in frame.itertuples(index=False)]
    frame["implied_cagr_pct"] = pd.array([value for value, _ in computed], dtype="float64")
    frame["cagr_rule"] = pd.array([rule for _, rule in computed], dtype="string")
    return frame


def _implied_cagr(row) -> tuple[float | None, str]:
    name = _text(row.indicator_zh) or ""
    base = type_cell(_text(row.base_text) or "")
    target = type_cell(_text(row.target_text) or "")
    if GROWTH_NAME_PATTERN.search(name):
        return None, "GROWTH_RATE: the indicator is a growth rate (名称含 增长), not a level"
    if any(word in name for word in REDUCTION_WORDS):
        return None, "REDUCTION: the indicator is a reduction rate, not a level"
    if base is None or base.kind != "number":
        return None, f"NO_BASE: 2020 value not available ({_text(row.base_text) or 'blank'})"
    if target is None or target.kind == "blank":
        return None, "NO_TARGET: the 2025 cell is blank"
    if target.op == "text":
        return None, f"TEXT_TARGET: the 2025 target '{target.text}' is not a number"
    if target.kind != "number" or base.cumulative or target.cumulative:
        return None, "NOT_A_LEVEL: bracketed five-year figures or unavailable target"
    years = int(row.target_year) - int(row.base_year)
    if _text(row.unit) == "%":
        return None, _percentage_point_rule(base, target, years)
    if base.value <= 0:
        return None, "NO_BASE: the 2020 value is not positive"
    rate = ((target.value / base.value) ** (1 / years) - 1) * 100
    arithmetic = f"({target.value:g}/{base.value:g})^(1/{years}) − 1 = {rate:.2f}% a year"
    if target.op in (">", "≥", "<", "≤"):
        return None, _bound_rule(base, target, arithmetic)
    qualifier = f" (target {target.text} is approximate)" if target.op == "≈" else ""
    return rate, f"LEVEL: {arithmetic}{qualifier}"


def _percentage_point_rule(base: Cell, target: Cell, years: int) -> str:
    """A rate or share in % changes by percentage points; a bound stays a bound."""
    change = round(target.value - base.value, 4)
    text = (f"RATE_PP: a rate or share in %, so no compound growth: {base.text} → {target.text} = "
            f"{change:+g} percentage points over {years} years ({change / years:+.2g} a year)")
    if target.op in (">", "≥"):
        return text + f"; {target.text} is a floor: at least {change:+g} percentage points"
    if target.op in ("<", "≤"):
        return text + (f"; {target.text} is a ceiling: at most {change:+g} percentage points — the rate must "
                       "stay under it, not rise to it")
    return text + ("; approximate" if target.op == "≈" else "")


def _bound_rule(base: Cell, target: Cell, arithmetic: str) -> str:
    """A floor or ceiling on a level: no point rate; the rule says what the bound asks of the level."""
    floor = target.op in (">", "≥")
    rule, word = ("FLOOR", "floor") if floor else ("CEILING", "ceiling")
    if target.value == base.value:
        asks = "it must not fall" if floor else "it must not rise"
        return f"{rule}: {target.text} is a {word} equal to the 2020 level {base.text}: {asks}"
    below = target.value < base.value
    if floor and below:
        return (f"{rule}: {target.text} is a {word} below the 2020 level {base.text}: the plan asks for no growth "
                f"(a fall of at most {arithmetic.rsplit('= ', 1)[1].lstrip('-')} would still meet it), "
                "not a planned fall")
    if not floor and not below:
        return (f"{rule}: {target.text} is a {word} above the 2020 level {base.text}: the plan allows growth of "
                f"at most {arithmetic.rsplit('= ', 1)[1]}, not a planned rise")
    bound = "at least" if floor else "at most"
    return f"{rule}: {target.text} is a {word}: {bound} {arithmetic}"
