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
* 13th plan, rows 1–3 (地区生产总值, 全员劳动生产率, 一般公共预算收入): money aggregates have an
  average growth rate instead of a target level (rule GROWTH_BY_UNIT): row 1 reads 7 as the
  平均增速% and 7030.4 as the achieved level. For rows 3 and 10 the growth cell equals the
  compound growth from the 2015 value to the achieved value, and the review prose (line 13,
  城乡居民人均可支配收入年均增长分别为 5.7% 和 8%) confirms that 平均增速% is growth *achieved*.
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


def _record(plan: int, table: PlanTable, row: PlanRow) -> dict:
    code = _indicator_code(row)
    base_value, base_text = _cell_columns(row.cells.get(BASE))
    target = row.cells.get(TARGET)
    target_value, target_text = _cell_columns(target)
    growth_value, growth_text = _cell_columns(row.cells.get(GROWTH))
    achieved_value, achieved_text = _cell_columns(row.cells.get(ACHIEVED))
    return {
        "plan": plan, "category": row.category, "number": row.number, "indicator_zh": row.indicator_zh,
        "sub_indicator_zh": row.sub_indicator_zh, "indicator": code, "indicator_en": name_en(code) if code else None,
        "unit": row.unit, "base_year": table.base_year, "base_value": base_value, "base_text": base_text,
        "target_year": table.target_year, "target_value": target_value, "target_text": target_text,
        "target_op": target.op if target is not None else None,
        "avg_growth_value": growth_value, "avg_growth_text": growth_text,
        "achieved_value": achieved_value, "achieved_text": achieved_text,
        "attribute": row.attribute, "cumulative": row.cumulative, "footnote": row.footnote,
        "line": row.line, "alignment_note": row.alignment_note,
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
        extra = _evidence_notes(plan, record["indicator"], lines)
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

    ``NO_TARGET``      no 2020 target in the table (e.g. GDP: only an average growth rate, which
                       cannot be compared with an achieved level) → not_comparable.
    ``TEXT_TARGET``    the target is a phrase → not_comparable.
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
    2020→2025 that the target implies for a *level* indicator. NA, with the reason in
    ``cagr_rule``, when the row is a growth rate (name ends in 增长: its cells are rates, not
    levels), a reduction (降低/下降: cumulative percentages), the base or target is missing
    ('—', blank), the target is a phrase (完成省下达任务) or a bracketed five-year figure, or the
    base is not positive. For a floor ('>80', '≥20') the rate is the least implied, for a
    ceiling ('<4.5') the most, for '≈' an approximation — ``cagr_rule`` says which.

    >>> g = plan14_implied_growth().set_index("number")
    >>> print(round(g.loc[20, "implied_cagr_pct"], 2))
    8.87
    """
    frame = fyp_indicators(14)
    computed = [_implied_cagr(row) for row in frame.itertuples(index=False)]
    frame["implied_cagr_pct"] = pd.array([value for value, _ in computed], dtype="float64")
    frame["cagr_rule"] = pd.array([rule for _, rule in computed], dtype="string")
    return frame


_BOUND_WORDS = {">": "a floor: at least", "≥": "a floor: at least", "<": "a ceiling: at most",
                "≤": "a ceiling: at most", "≈": "approximate:"}


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
    if base.value <= 0:
        return None, "NO_BASE: the 2020 value is not positive"
    years = int(row.target_year) - int(row.base_year)
    rate = ((target.value / base.value) ** (1 / years) - 1) * 100
    qualifier = f" (target {target.text} is {_BOUND_WORDS[target.op]} {rate:.2f}%)" if target.op else ""
    return rate, f"LEVEL: ({target.value:g}/{base.value:g})^(1/{years}) − 1{qualifier}"
