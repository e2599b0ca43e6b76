"""The cells of a plan indicator table: their grammar (``>6``, ``[5]``, ``4.5以内``, ``—``) and the records a
parsed table is made of (:class:`Cell`, :class:`Column`, :class:`Layout`, :class:`PlanRow`, :class:`PlanTable`).

:mod:`.plan_tables` reads a whole table with them (and re-exports them).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Mapping


BASE, TARGET, GROWTH, ACHIEVED = "base", "target", "growth", "achieved"

ATTRIBUTE_WORDS = {"预期性": "anticipatory", "约束性": "binding"}
CATEGORY_WORDS = frozenset({
    "经济发展", "创新驱动", "民生福祉", "生态文明", "绿色生态", "安全保障",
    "资源环境", "人民生活", "社会发展", "结构调整", "改革开放",
})
UNIT_WORDS = frozenset({
    "%", "‰", "元", "万元", "亿元", "万亿元", "美元", "亿美元",
    "件", "个", "名", "人", "万人", "套", "户", "家", "所", "张", "年", "岁", "天",
    "平方公里", "公顷", "亩", "万亩", "立方米", "万立方米", "亿立方米",
    "吨", "万吨", "亿斤", "万吨标煤", "吨标准煤", "千瓦", "万千瓦", "公里", "千米", "微克/立方米",
})
MONEY_UNITS = frozenset({"元", "万元", "亿元", "万亿元", "美元", "亿美元"})
NOT_AVAILABLE_MARKS = frozenset({"—", "——", "－", "-", "/"})
TEXT_TARGET_PATTERN = re.compile(r"^完成(国家|省|市)?下达(的)?(任务|目标)$")
GROWTH_NAME_PATTERN = re.compile(r"(增长|增速)$")
# How far (percentage points) a 平均增速% cell may be from the compound growth of its own
# base and achieved levels before GROWTH_BY_UNIT flags the row.
GROWTH_CHECK_TOLERANCE_PP = 0.3

_PREFIX_OPERATORS = {">": ">", "<": "<", "≥": "≥", "≤": "≤", ">=": "≥", "<=": "≤"}
_SUFFIX_OPERATORS = {"左右": "≈", "以上": "≥", "以内": "≤", "以下": "≤"}
_VALUE_PATTERN = re.compile(
    r"^(?P<open>\[)?\s*(?P<op>>=|<=|[><≥≤])?\s*(?P<num>\d+(?:\.\d+)?)\s*"
    r"(?P<suffix>左右|以上|以内|以下)?\s*(?P<close>\])?$"
)
_YEAR_HEADER = re.compile(r"^(\d{4})\s*年$")
_GROWTH_HEADER = re.compile(r"^(年均增长|年均增速|平均增速)\s*%?$")
_HEADER_ROLES = {"类别": "category", "序号": "number", "指标名称": "indicator", "指标": "indicator",
                 "单位": "unit", "属性": "attribute", "指标属性": "attribute"}
_SUBHEADER_SLOTS = {"目标": TARGET, "完成": ACHIEVED}
_NUMBER_PREFIX = re.compile(r"^(\d+)\s*[.．、]\s*(.+)$")
_FOOTNOTE_MARK = re.compile(r"\s*\^?([①-⑳])\s*$")
_TRAILING_UNIT = re.compile(r"^(.*?)\s*[（(]([^（）()]+)[）)]$")
_FOOTNOTE_START = re.compile(r"^\s*注\s*[：:]")
_STANDARD_SHAPES = {"FULL_ROW", "LEVEL_WITHOUT_GROWTH", "LEVEL_BASE_TARGET"}


@dataclass(frozen=True)
class Cell:
    """One typed value cell. ``text`` is exactly as in the source line (outer spaces removed)."""

    text: str
    kind: str                 # 'blank' | 'number' | 'not_available' | 'text'
    value: float | None = None
    op: str | None = None     # '>', '<', '≥', '≤', '≈', 'text' or None for a plain number
    cumulative: bool = False
    rule: str = ""


@dataclass(frozen=True)
class Column:
    slot: str                 # base | target | growth | achieved
    label: str                # header words, e.g. '2020 年 目标'
    year: int | None


@dataclass(frozen=True)
class Layout:
    """What the header says about the rows."""

    has_number_column: bool
    has_unit_column: bool
    columns: tuple[Column, ...]
    header_lines: tuple[int, ...]

    @property
    def slots(self) -> tuple[str, ...]:
        return tuple(c.slot for c in self.columns)

    @property
    def is_completion_table(self) -> bool:
        return ACHIEVED in self.slots

    def year(self, slot: str) -> int | None:
        return next((c.year for c in self.columns if c.slot == slot), None)

    def label(self, slot: str) -> str:
        return next(c.label for c in self.columns if c.slot == slot)


@dataclass(frozen=True)
class PlanRow:
    line: int
    category: str
    number: int
    indicator_zh: str
    sub_indicator_zh: str | None
    unit: str | None
    cells: Mapping[str, Cell]           # placed, non-blank cells by slot
    attribute: str | None               # 'anticipatory' | 'binding' | None
    footnote: str | None
    placement_rule: str
    notes: tuple[str, ...] = ()
    other_lines: tuple[int, ...] = ()
    unplaced: tuple[Cell, ...] = ()     # cells kept out of the value columns (UNPLACED)

    @property
    def alignment_note(self) -> str | None:
        return "; ".join(self.notes) or None

    @property
    def cumulative(self) -> bool:
        return any(c.cumulative for c in (*self.cells.values(), *self.unplaced))


@dataclass(frozen=True)
class PlanTable:
    title: str
    file: str | None
    title_line: int
    layout: Layout
    rows: tuple[PlanRow, ...]
    footnotes: Mapping[str, str]        # '①' -> text; '[]' -> the bracket definition
    footnote_line: int
    page_breaks: tuple[int, ...]

    @property
    def base_year(self) -> int | None:
        return self.layout.year(BASE)

    @property
    def target_year(self) -> int | None:
        return self.layout.year(TARGET)


@dataclass
class _RawRow:
    line: int
    cells: list[str]
    break_before: int | None = None     # the blank line just above, if a page break precedes
    notes: list[str] = field(default_factory=list)
    other_lines: list[int] = field(default_factory=list)


# ---------------------------------------------------------------- cell grammar

def type_cell(text: str) -> Cell | None:
    """Type one value cell by the named rules, or None if no rule recognises it.

    >>> type_cell("[15]").cumulative, type_cell("12左右").op, type_cell("≥81.5").value
    (True, '≈', 81.5)
    >>> type_cell("完成省下达任务").op, type_cell("指导性") is None
    ('text', True)
    """
    raw = text.strip()
    if not raw:
        return Cell(raw, "blank", rule="BLANK")
    if raw in NOT_AVAILABLE_MARKS:
        return Cell(raw, "not_available", rule="NOT_AVAILABLE")
    if TEXT_TARGET_PATTERN.match(raw):
        return Cell(raw, "text", op="text", rule="TEXT_TARGET")
    match = _VALUE_PATTERN.match(unicodedata.normalize("NFKC", raw))
    if not match or bool(match["open"]) != bool(match["close"]):
        return None
    if match["op"] and match["suffix"]:
        return None  # '>6左右' says two things at once
    op = _PREFIX_OPERATORS.get(match["op"] or "") or _SUFFIX_OPERATORS.get(match["suffix"] or "")
    rule = "CUMULATIVE" if match["open"] else ("APPROXIMATE" if op == "≈" else "OPERATOR" if op else "NUMBER")
    return Cell(raw, "number", float(match["num"]), op, bool(match["open"]), rule)


def _is_recognised_word(text: str) -> bool:
    return text in CATEGORY_WORDS or text in ATTRIBUTE_WORDS or text in UNIT_WORDS or type_cell(text) is not None


def _is_joinable_word(text: str) -> bool:
    return text in CATEGORY_WORDS or bool(TEXT_TARGET_PATTERN.match(text))
