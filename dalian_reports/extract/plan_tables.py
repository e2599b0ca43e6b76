"""Five-year-plan indicator tables, read from text broken by PDF extraction.

Input is a sequence of ``(raw_line_number, text)`` pairs (e.g. ``enumerate(doc.lines, 1)``);
output is a :class:`PlanTable` whose rows carry every cell's exact source text and line.
Layer 2: imports only ``dalian_reports.sources``/``errors`` and the standard library.

>>> from dalian_reports.sources.raw import read_source
>>> doc = read_source("004")
>>> table = parse_plan_table(enumerate(doc.lines, 1), "“十四五”时期经济社会发展主要指标表")
>>> row = table.rows[19]
>>> row.number, row.indicator_zh, row.cells["base"].value, row.cells["target"].value
(20, '能源综合生产能力', 425.0, 650.0)

Anatomy of a table
------------------
title line, header line (optionally a second sub-header line), body rows (cells separated
by tabs; a blank line inside the body is a page break), footnote line ``注：…``.
The header decides the *value columns* ("slots"): ``base`` (first year column),
``target`` (second year, or its 目标 sub-column), ``growth`` (年均增长 / 平均增速%) and
``achieved`` (完成, completion tables only).

Named rules
-----------
Cell typing (:func:`type_cell`) — every value cell must match exactly one of these:

``BLANK``          empty cell: a placeholder for a column that has nothing in it.
``NOT_AVAILABLE``  ``—`` (also ``——``, ``－``, ``-``, ``/``): the source says "not available";
                   value NA, text kept.
``CUMULATIVE``     ``[x]``: a five-year cumulative figure. Accepted only if the footnote
                   defines brackets (``[]为五年累计数``); otherwise the meaning would be a guess.
``OPERATOR``       ``>x`` → '>', ``<x`` → '<', ``≥x`` → '≥', ``≤x`` → '≤' (also ``＞``, ``＜``,
                   ``>=``, ``<=``, and the suffixes ``以上`` → '≥', ``以内``/``以下`` → '≤').
``APPROXIMATE``    ``x左右`` → '≈'.
``NUMBER``         a plain decimal number.
``TEXT_TARGET``    an assignment phrase such as ``完成省下达任务`` (op 'text'); allowed only
                   in the target column.

Anything else in a value position raises :class:`~dalian_reports.errors.ParseError`.

Row structure:

``ATTRIBUTE``      the last non-blank cell is 预期性 ('anticipatory') or 约束性 ('binding');
                   a last cell that is neither an attribute word nor a value (e.g. 指导性)
                   raises ParseError. A parent row without one is kept with a note.
``CATEGORY_WORD``  a non-empty first cell must be a category in :data:`CATEGORY_WORDS`;
                   an empty one continues the category above.
``UNIT_WORD``      with a 单位 column, the cell after the indicator name is either a unit
                   (:data:`UNIT_WORDS`; no sub-indicator) or a sub-indicator name (possibly
                   empty) followed by a unit. Without one, the unit is the name's trailing
                   ``（…）``, which must be a unit word.
``NUMBER_PREFIX``  without a 序号 column, the name starts with its number: ``3.常住人口…``.
``SUB_ROW``        empty 序号 and name cells: a sub-indicator of the row above, inheriting its
                   number, name and (unless it has its own) attribute.
``FOOTNOTE_MARK``  ``^①`` / ``①`` after a name refers to the footnote's ①-part; an undefined
                   mark raises ParseError.
``PAGE_BREAK_JOIN`` across a page break, two cells in the same position that are not words
                   on their own but together form a category word or a text target
                   (``绿色``+``生态``, ``完成省下``+``达任务``) are one merged cell split by the
                   break: the joined word belongs to both rows; each row's note names the
                   other line.
``NUMBERING``      parent rows are numbered 1, 2, 3, … without gaps or repeats, and a parent's
                   sub-indicators are distinct; otherwise a row was lost or duplicated.
``FOOTNOTE_END``   the table ends at its footnote ``注：…``; a table that reaches a prose line
                   or the end of the input first is truncated and raises ParseError.

Cell placement — rows usually have fewer value cells than the header has value columns
(empty cells were dropped by the extraction), so the columns are decided by these rules,
never by silent position:

``FULL_ROW``              as many cells as value columns: in header order.
``LEVEL_WITHOUT_GROWTH``  completion table, one cell short, unit not money: the growth column
                          is the empty one (base, target, achieved) — in the 13th-plan table
                          平均增速% is filled only for money indicators.
``GROWTH_BY_UNIT``        completion table, one or two cells short, unit in
                          :data:`MONEY_UNITS`: money aggregates carry an average growth rate and
                          no target level, so the cells are (base, growth, achieved) or
                          (growth, achieved). Checked: where base and achieved are given, the
                          growth cell must equal their compound annual growth within
                          :data:`GROWTH_CHECK_TOLERANCE_PP`, else the row is flagged.
``TARGET_AND_ACHIEVED``   completion table, two cells, unit not money: target and achievement,
                          the two columns a completion table exists to report (base missing).
``LEVEL_BASE_TARGET``     outline table, two cells, a level indicator: (base, target) — a level
                          indicator's second number is its target.
``GROWTH_BY_NAME``        outline table, two cells, the name ends in 增长/增速 and the unit is %:
                          (base, growth) — the indicator *is* a growth rate.
``UNPLACED``              a single value cell (or none) that no rule can place: the row is kept,
                          its value columns NA, and its note quotes the unplaced cell.
``EXTRA_CELL``            more cells than value columns raises ParseError.

``PlanRow.notes`` records every rule except the standard shapes (FULL_ROW,
LEVEL_WITHOUT_GROWTH, LEVEL_BASE_TARGET), so a row without notes has every cell where the
header puts it, with only the growth column (or the base) empty.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Mapping

from ..errors import ParseError

from .plan_cells import (  # noqa: F401  (re-exported: the cells and records of a table)
    ACHIEVED, ATTRIBUTE_WORDS, BASE, CATEGORY_WORDS, Cell, Column, GROWTH, GROWTH_CHECK_TOLERANCE_PP,
    GROWTH_NAME_PATTERN, Layout, MONEY_UNITS, NOT_AVAILABLE_MARKS, PlanRow, PlanTable, TARGET,
    TEXT_TARGET_PATTERN, UNIT_WORDS, _FOOTNOTE_MARK, _FOOTNOTE_START, _GROWTH_HEADER, _HEADER_ROLES,
    _NUMBER_PREFIX, _PREFIX_OPERATORS, _RawRow, _STANDARD_SHAPES, _SUBHEADER_SLOTS, _SUFFIX_OPERATORS,
    _TRAILING_UNIT, _VALUE_PATTERN, _YEAR_HEADER, _is_joinable_word, _is_recognised_word, type_cell)


# ---------------------------------------------------------------- table frame

def _find_title(lines: list[tuple[int, str]], title: str, file: str | None) -> int:
    for index, (_, text) in enumerate(lines):
        if text.strip() == title:
            return index
    raise ParseError(f"table title {title!r} not found", file=file)


def _next_nonblank(lines: list[tuple[int, str]], index: int) -> int:
    while index < len(lines) and not lines[index][1].strip():
        index += 1
    return index


def _read_header(lines: list[tuple[int, str]], index: int, file: str | None) -> tuple[Layout, int]:
    index = _next_nonblank(lines, index)
    if index >= len(lines):
        raise ParseError("table has a title but no header (truncated?)", file=file)
    line_no, text = lines[index]
    cells = [c.strip() for c in text.split("\t")]
    if cells[0] != "类别":
        raise ParseError(f"expected the header line (类别 …), found {text[:30]!r}", file=file, line=line_no)
    roles, years, growth = set(), [], []
    for position, cell in enumerate(cells):
        if cell in _HEADER_ROLES:
            roles.add(_HEADER_ROLES[cell])
        elif _YEAR_HEADER.match(cell):
            years.append((position, int(_YEAR_HEADER.match(cell)[1]), cell))
        elif _GROWTH_HEADER.match(cell):
            growth.append((position, cell))
        elif cell:
            raise ParseError(f"unknown header word {cell!r}", file=file, line=line_no)
    if not {"category", "indicator", "attribute"} <= roles or len(years) != 2:
        raise ParseError("header lacks 类别/指标/属性 or the two year columns", file=file, line=line_no)
    header_lines = [line_no]
    sub_index = _next_nonblank(lines, index + 1)
    sub_cells = [c.strip() for c in lines[sub_index][1].split("\t")] if sub_index < len(lines) else []
    if sub_cells and not sub_cells[0] and any(c in _SUBHEADER_SLOTS for c in sub_cells):
        columns = _columns_with_subheader(years, growth, sub_cells, file, lines[sub_index][0])
        header_lines.append(lines[sub_index][0])
        index = sub_index
    else:
        columns = _columns_without_subheader(years, growth)
    layout = Layout("number" in roles, "unit" in roles, columns, tuple(header_lines))
    if layout.slots.count(BASE) != 1 or layout.slots.count(TARGET) != 1 or len(set(layout.slots)) != len(layout.slots):
        raise ParseError(f"header gives value columns {layout.slots}; expected one base and one target",
                         file=file, line=line_no)
    return layout, index + 1


def _columns_without_subheader(years, growth) -> tuple[Column, ...]:
    (pos0, year0, label0), (pos1, year1, label1) = years
    found = [(pos0, Column(BASE, label0, year0)), (pos1, Column(TARGET, label1, year1))]
    found += [(pos, Column(GROWTH, label, year1)) for pos, label in growth]
    return tuple(column for _, column in sorted(found, key=lambda item: item[0]))


def _columns_with_subheader(years, growth, sub_cells, file, line_no) -> tuple[Column, ...]:
    """A sub-header (目标 / 平均增速% / 完成) splits the year column it sits under; the other year is the base."""
    found, split_years = [], set()
    for position, cell in enumerate(sub_cells):
        if not cell:
            continue
        slot = _SUBHEADER_SLOTS.get(cell) or (GROWTH if _GROWTH_HEADER.match(cell) else None)
        spanning = [y for y in years if y[0] <= position]
        if slot is None or not spanning:
            raise ParseError(f"unknown sub-header word {cell!r}", file=file, line=line_no)
        year_position, year, year_label = spanning[-1]
        split_years.add(year_position)
        found.append((position, Column(slot, f"{year_label} {cell}", year)))
    found += [(pos, Column(BASE, label, year)) for pos, year, label in years if pos not in split_years]
    found += [(pos, Column(GROWTH, label, years[-1][1])) for pos, label in growth]
    return tuple(column for _, column in sorted(found, key=lambda item: item[0]))


def _read_body(lines, index, file) -> tuple[list[_RawRow], list[int], int, str]:
    rows: list[_RawRow] = []
    breaks: list[int] = []
    pending_break: int | None = None
    last_line = lines[index - 1][0] if index else 0
    for line_no, text in lines[index:]:
        last_line = line_no
        if not text.strip():
            breaks.append(line_no)
            if rows:
                pending_break = line_no
            continue
        if _FOOTNOTE_START.match(text):
            if not rows:
                raise ParseError("table has a header but no rows", file=file, line=line_no)
            return rows, breaks, line_no, text
        if "\t" not in text:
            raise ParseError(
                f"line is not a table row and the footnote 注：… has not been reached: the table is "
                f"truncated or interrupted ({text.strip()[:30]!r})", file=file, line=line_no)
        rows.append(_RawRow(line_no, [c.strip() for c in text.split("\t")], pending_break))
        pending_break = None
    raise ParseError("table ends without its footnote 注：… (truncated)", file=file, line=last_line)


def _parse_footnote(text: str, line_no: int, file: str | None) -> dict[str, str]:
    body = _FOOTNOTE_START.sub("", text, count=1).strip().rstrip("。")
    notes: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in re.split(r"[；;]", body))):
        if part.startswith("[]"):
            notes["[]"] = part[2:].strip()
        elif _FOOTNOTE_MARK.fullmatch(part[0]):
            notes[part[0]] = part[1:].strip()
        else:
            raise ParseError(f"footnote part {part!r} has no mark ([] or ①…)", file=file, line=line_no)
    return notes


# ---------------------------------------------------------------- page breaks

def _join_page_break_fragments(rows: list[_RawRow]) -> None:
    """PAGE_BREAK_JOIN: rejoin merged cells whose text the page break cut in two."""
    for before, after in zip(rows, rows[1:]):
        if after.break_before is None:
            continue
        for position in range(min(len(before.cells), len(after.cells))):
            head, tail = before.cells[position], after.cells[position]
            if not head or not tail or _is_recognised_word(head) or _is_recognised_word(tail):
                continue
            if not _is_joinable_word(head + tail):
                continue
            word = head + tail
            before.cells[position] = after.cells[position] = word
            cut = f"one merged cell cut by the page break at line {after.break_before}; the word belongs to both rows"
            before.notes.append(f"PAGE_BREAK_JOIN: '{head}' here + '{tail}' on line {after.line} = '{word}', {cut}")
            after.notes.append(f"PAGE_BREAK_JOIN: '{head}' on line {before.line} + '{tail}' here = '{word}', {cut}")
            before.other_lines.append(after.line)
            after.other_lines.append(before.line)


# ---------------------------------------------------------------- rows

@dataclass
class _Head:
    category: str
    number: int | None
    name: str
    sub: str | None
    unit: str | None
    mark: str | None
    values: list[str]


def _split_mark(text: str) -> tuple[str, str | None]:
    match = _FOOTNOTE_MARK.search(text)
    return (text[: match.start()].strip(), match[1]) if match else (text.strip(), None)


def _read_head(raw: _RawRow, layout: Layout, file: str | None) -> _Head:
    cells = raw.cells
    minimum = 2 + layout.has_number_column + layout.has_unit_column
    if len(cells) < minimum:
        raise ParseError(f"row has {len(cells)} cells; a row needs at least {minimum}", file=file, line=raw.line)
    position = 1
    number_text = ""
    if layout.has_number_column:
        number_text, position = cells[1], 2
    name, mark = _split_mark(cells[position])
    position += 1
    if not layout.has_number_column and name:
        prefix = _NUMBER_PREFIX.match(name)
        if not prefix:
            raise ParseError(f"indicator {name!r} does not start with its number (NUMBER_PREFIX)", file=file, line=raw.line)
        number_text, name = prefix[1], prefix[2].strip()
    if number_text and not re.fullmatch(r"[0-9]+", number_text):  # str.isdigit() would accept ① and ²
        raise ParseError(f"序号 cell {number_text!r} is not a number", file=file, line=raw.line)
    if bool(number_text) != bool(name):
        raise ParseError("a row needs both a number and a name, or neither (a sub-row)", file=file, line=raw.line)
    sub = unit = None
    rest = cells[position:]
    if layout.has_unit_column:
        sub, unit, rest, sub_mark = _read_sub_and_unit(rest, raw.line, file)
        mark = mark or sub_mark
    else:
        name, unit = _read_trailing_unit(name, raw.line, file)
    return _Head(cells[0], int(number_text) if number_text else None, name, sub, unit, mark, rest)


def _read_sub_and_unit(rest: list[str], line: int, file: str | None):
    """UNIT_WORD: [unit, …] or [sub-indicator, unit, …]."""
    if rest and rest[0] in UNIT_WORDS:
        return None, rest[0], rest[1:], None
    if len(rest) >= 2 and rest[1] in UNIT_WORDS:
        sub, mark = _split_mark(rest[0])
        return sub or None, rest[1], rest[2:], mark
    shown = " | ".join(rest[:2])
    raise ParseError(f"no unit word after the indicator name (cells: {shown!r}); expected one of UNIT_WORDS",
                     file=file, line=line)


def _read_trailing_unit(name: str, line: int, file: str | None) -> tuple[str, str | None]:
    match = _TRAILING_UNIT.match(name)
    if not match:
        return name, None
    if match[2].strip() not in UNIT_WORDS:
        raise ParseError(f"unit （{match[2]}） of {name!r} is not a unit word", file=file, line=line)
    return match[1].strip(), match[2].strip()


def _split_attribute(values: list[str], line: int, file: str | None) -> tuple[list[str], str | None]:
    """ATTRIBUTE: trailing blanks carry nothing; the last cell is an attribute word or a value."""
    values = list(values)
    while values and not values[-1]:
        values.pop()
    if values and values[-1] in ATTRIBUTE_WORDS:
        return values[:-1], ATTRIBUTE_WORDS[values[-1]]
    if values and type_cell(values[-1]) is None:
        raise ParseError(f"last cell {values[-1]!r} is neither an attribute word (预期性, 约束性) nor a value",
                         file=file, line=line)
    return values, None


def _type_values(values: list[str], line: int, file: str | None) -> list[Cell]:
    typed = []
    for text in values:
        cell = type_cell(text)
        if cell is None and text in ATTRIBUTE_WORDS:
            raise ParseError(f"attribute word {text!r} among the values (a duplicated or shifted cell)",
                             file=file, line=line)
        if cell is None:
            raise ParseError(f"value cell {text!r} matches no cell rule", file=file, line=line)
        typed.append(cell)
    return typed


def _placement(cells: list[Cell], layout: Layout, unit: str | None, name: str) -> tuple[str, tuple[str, ...] | None]:
    """Which value columns the cells fill, by the placement rules (None: UNPLACED)."""
    slots, count = layout.slots, len(cells)
    if count == len(slots):
        return "FULL_ROW", slots
    if count <= 1:
        return "UNPLACED", None
    missing = len(slots) - count
    if layout.is_completion_table:
        if unit in MONEY_UNITS and GROWTH in slots:
            keep = [BASE, GROWTH, ACHIEVED] if missing == 1 else [GROWTH, ACHIEVED]
            return "GROWTH_BY_UNIT", tuple(s for s in slots if s in keep)
        if missing == 1 and GROWTH in slots:
            return "LEVEL_WITHOUT_GROWTH", tuple(s for s in slots if s != GROWTH)
        if count == 2:
            return "TARGET_AND_ACHIEVED", (TARGET, ACHIEVED)
        return "UNPLACED", None
    if count == 2 and GROWTH in slots:
        if GROWTH_NAME_PATTERN.search(name) and unit == "%":
            return "GROWTH_BY_NAME", (BASE, GROWTH)
        return "LEVEL_BASE_TARGET", (BASE, TARGET)
    return "UNPLACED", None


def _place(cells: list[Cell], layout: Layout, head: _Head, line: int, file: str | None):
    if len(cells) > len(layout.slots):
        shown = ", ".join(c.text or "''" for c in cells)
        raise ParseError(f"EXTRA_CELL: {len(cells)} value cells ({shown}) for {len(layout.slots)} columns "
                         f"({', '.join(c.label for c in layout.columns)})", file=file, line=line)
    rule, slots = _placement(cells, layout, head.unit, head.name)
    notes: list[str] = []
    if slots is None:
        shown = ", ".join(repr(c.text) for c in cells if c.kind != "blank") or "none"
        notes.append(f"UNPLACED: value cells {shown} on line {line} fit no placement rule; value columns left NA")
        return {}, rule, notes, tuple(c for c in cells if c.kind != "blank")
    placed = {slot: cell for slot, cell in zip(slots, cells)}
    if rule not in _STANDARD_SHAPES:
        labels = ", ".join(f"{layout.label(s)}={c.text or 'blank'}" for s, c in placed.items())
        notes.append(f"{rule}: {labels}")
    if placed.get(TARGET) is not None and placed[TARGET].kind == "blank":
        notes.append(f"{layout.label(TARGET)} cell is blank in the source (line {line})")
    for slot, cell in placed.items():
        if cell.kind == "text" and slot != TARGET:
            raise ParseError(f"text {cell.text!r} in the {layout.label(slot)} column; only targets may be text",
                             file=file, line=line)
        if slot == GROWTH and (cell.cumulative or cell.kind == "not_available"):
            raise ParseError(f"{cell.text!r} cannot be an average growth rate", file=file, line=line)
    if layout.is_completion_table and GROWTH in placed:
        notes.extend(_growth_check(placed, layout))
    return {s: c for s, c in placed.items() if c.kind != "blank"}, rule, notes, ()


def _growth_check(placed: dict[str, Cell], layout: Layout) -> list[str]:
    base, growth, achieved = placed.get(BASE), placed.get(GROWTH), placed.get(ACHIEVED)
    if not all(c is not None and c.kind == "number" and c.op is None and not c.cumulative
               for c in (base, growth, achieved)) or not base.value or not achieved.value:
        return []
    years = (layout.year(ACHIEVED) or 0) - (layout.year(BASE) or 0)
    if years <= 0:
        return []
    implied = ((achieved.value / base.value) ** (1 / years) - 1) * 100
    if abs(implied - growth.value) <= GROWTH_CHECK_TOLERANCE_PP:
        return [f"growth cell {growth.text} = compound growth {base.text}→{achieved.text} ({implied:.2f}%)"]
    return [f"FLAG: growth cell {growth.text} differs from compound growth {base.text}→{achieved.text} "
            f"({implied:.2f}%); it may be a target level instead"]


def _build_rows(raw_rows: list[_RawRow], layout: Layout, footnotes: Mapping[str, str], file: str | None) -> list[PlanRow]:
    rows: list[PlanRow] = []
    category: str | None = None
    parent: PlanRow | None = None
    seen_subs: set[str | None] = set()
    for raw in raw_rows:
        head = _read_head(raw, layout, file)
        if head.category:
            if head.category not in CATEGORY_WORDS:
                raise ParseError(f"unknown category {head.category!r} (CATEGORY_WORDS)", file=file, line=raw.line)
            category = head.category
        if category is None:
            raise ParseError("first row has no category", file=file, line=raw.line)
        values, attribute = _split_attribute(head.values, raw.line, file)
        cells, rule, notes, unplaced = _place(_type_values(values, raw.line, file), layout, head, raw.line, file)
        if any(c.cumulative for c in (*cells.values(), *unplaced)) and "[]" not in footnotes:
            raise ParseError("bracketed figures but the footnote does not define [] (CUMULATIVE)", file=file, line=raw.line)
        footnote = None
        if head.mark:
            if head.mark not in footnotes:
                raise ParseError(f"footnote mark {head.mark} is not defined in the footnote", file=file, line=raw.line)
            footnote = head.mark + footnotes[head.mark]
        if head.number is not None:
            _check_number(head.number, parent, raw.line, file)
            if attribute is None:
                notes.append(f"no 属性 cell in the source (line {raw.line}); attribute NA")
            number, name, seen_subs = head.number, head.name, set()
        else:
            if parent is None or not head.sub:
                raise ParseError("sub-row without a parent row or without a sub-indicator name", file=file, line=raw.line)
            number, name = parent.number, parent.indicator_zh
            attribute = attribute or parent.attribute
        if head.sub in seen_subs:
            raise ParseError(f"sub-indicator {head.sub!r} repeated under row {number}", file=file, line=raw.line)
        seen_subs.add(head.sub)
        row = PlanRow(raw.line, category, number, name, head.sub, head.unit, cells, attribute, footnote, rule,
                      tuple(raw.notes + notes), tuple(dict.fromkeys(raw.other_lines)), unplaced)
        if head.number is not None:
            parent = row
        rows.append(row)
    return rows


def _check_number(number: int, parent: PlanRow | None, line: int, file: str | None) -> None:
    expected = 1 if parent is None else parent.number + 1
    if number != expected:
        raise ParseError(f"row number {number} where {expected} was expected: a row is missing or repeated (NUMBERING)",
                         file=file, line=line)


# ---------------------------------------------------------------- entry point

def parse_plan_table(lines: Iterable[tuple[int, str]], title: str, *, file: str | None = None) -> PlanTable:
    """Locate the table titled ``title`` among numbered lines and read it by the named rules.

    Raises :class:`~dalian_reports.errors.ParseError` (with file and line) for anything the
    rules cannot read; a row whose cells no rule can place is kept with a note instead.

    >>> lines = [(1, "表"), (2, "类别\\t指标\\t2020年\\t2025年\\t年均增长\\t属性"),
    ...          (3, "经济发展\\t1.地区生产总值增长（%）\\t0.9\\t>6\\t预期性"), (4, "注：[]为五年累计数。")]
    >>> row = parse_plan_table(lines, "表").rows[0]
    >>> row.placement_rule, row.cells["growth"].text, row.cells["growth"].op
    ('GROWTH_BY_NAME', '>6', '>')
    """
    numbered = [(int(n), str(text)) for n, text in lines]
    start = _find_title(numbered, title, file)
    layout, body_start = _read_header(numbered, start + 1, file)
    raw_rows, breaks, footnote_line, footnote_text = _read_body(numbered, body_start, file)
    footnotes = _parse_footnote(footnote_text, footnote_line, file)
    _join_page_break_fragments(raw_rows)
    rows = _build_rows(raw_rows, layout, footnotes, file)
    return PlanTable(title, file, numbered[start][0], layout, tuple(rows), footnotes, footnote_line, tuple(breaks))
