"""Whole-report accounting: every number of a report, read or not, with its line and the reason.

:func:`extract_headline` reads the headline paragraphs (the past year's review and the year's targets); the
unparsed table explains every number inside them that did not become a row. :func:`account_report` extends the
account to the whole report: each number token is

* ``read`` — a row's value, or a year read for a row's period or basis, in a headline paragraph;
* ``unparsed`` — in a headline paragraph, not read, with the reason (as in :func:`unparsed`);
* ``outside`` — outside the headline paragraphs (a work-task or detail figure), with the vocabulary indicator
  whose wording stands before it in its clause, when there is one.

Nothing is left out: the statuses partition the report's number tokens, so coverage is measurable (the share
of indicator figures of the headline paragraphs that are read, and how many indicator figures lie outside).

>>> table = account_report("一、2023年工作回顾\\n预计，地区生产总值增长6%。\\n二、工作任务\\n全年新增就业12万人。", report_year=2024)
>>> table[["number", "status", "indicator"]].values.tolist()
[['2023', 'outside', None], ['6', 'read', 'gdp'], ['12', 'outside', 'new_urban_jobs']]
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..vocab import _rows
from .headline import headline_records
from .numbers import line_of, number_tokens
from .paragraphs import find_headline_paragraphs

ACCOUNT_COLUMNS = ["start", "end", "line", "number", "token", "status", "indicator", "reason"]
STATUSES = ("read", "unparsed", "outside")
_CLAUSE_END = re.compile(r"[。；;！!？?\n]")
WINDOW = 40   # characters of the clause before a number searched for an indicator wording


@lru_cache(maxsize=1)
def _wordings() -> tuple[re.Pattern, dict[str, str]]:
    """One pattern for every Chinese name and alias of the vocabulary (longest first), and its code."""
    codes: dict[str, str] = {}
    for row in _rows():
        for name in [row["name_zh"], *row["aliases_zh"].split("|")]:
            if len(name) >= 2:
                codes.setdefault(name, row["code"])
    pattern = re.compile("|".join(re.escape(w) for w in sorted(codes, key=len, reverse=True)))
    return pattern, codes


def indicator_before(text: str, position: int, previous_end: int = 0) -> str | None:
    """The code of the last vocabulary wording between the previous number (ending at ``previous_end``) and
    ``position``, within the clause and :data:`WINDOW` characters.

    >>> indicator_before("全年城镇新增就业12万人", 10)
    'new_urban_jobs'
    >>> indicator_before("全年城镇新增就业12万人，新建学校3所", 19, 12) is None
    True
    """
    start = max(0, position - WINDOW, previous_end)
    ends = list(_CLAUSE_END.finditer(text, start, position))
    if ends:
        start = ends[-1].end()
    pattern, codes = _wordings()
    found = list(pattern.finditer(text, start, position))
    return codes[found[-1].group(0)] if found else None


_SAME_SUBJECT = re.compile(r"^[^\d。；;]{0,3}[，,、]\s*(?:同比|比上年|较上年)?(?:增长|下降|提高|降低|上涨|增加|减少)$")


def account_report(text: str, lang: str = "zh", report_year: int | None = None, *, jurisdiction: str | None = None,
                   with_rows: bool = False):
    """Every number token of a report with its status (see the module docstring); columns :data:`ACCOUNT_COLUMNS`.

    ``indicator`` is the row's code for a number read as a row value, the code of the wording before an
    ``outside`` number (or None), and None for an ``unparsed`` number (its ``reason`` says why). With
    ``with_rows=True`` the headline rows (as :func:`extract_headline` returns them) come too: ``(table, rows)``.
    """
    import pandas as pd

    rows, leftovers = headline_records(text, lang, report_year, jurisdiction=jurisdiction)
    spans = [(s.start, s.end) for s in find_headline_paragraphs(text, lang, report_year)]
    unread = {(u["start"], u["end"]): u["reason"] for u in leftovers}
    out = []
    previous_end, previous_code = 0, None
    for token in number_tokens(text, lang):
        inside = any(a <= token.start < b for a, b in spans)
        reason = unread.get((token.start, token.end))
        if not inside and reason is None:
            status = "outside"
            indicator = indicator_before(text, token.start, previous_end) if lang == "zh" else None
            if indicator is None and _SAME_SUBJECT.match(text[previous_end:token.start]):
                indicator = previous_code   # 地区生产总值7820亿元，增长11%
            reason = "outside the headline paragraphs"
        elif reason is not None:
            status, indicator = "unparsed", None
        else:
            status, indicator = "read", _row_code(rows, token.start, token.end)
        previous_end, previous_code = token.end, indicator
        out.append(dict(start=token.start, end=token.end, line=line_of(text, token.start),
                        number=text[token.start:token.end], token=token.kind, status=status,
                        indicator=indicator, reason=reason or ""))
    frame = pd.DataFrame(out, columns=ACCOUNT_COLUMNS)
    for column in ("start", "end", "line"):
        frame[column] = frame[column].astype("Int64")
    if with_rows:
        from .headline import _rows_frame

        return frame, _rows_frame(rows)
    return frame


def _row_code(rows: list[dict], start: int, end: int) -> str | None:
    """The code of the row whose figure ends at the number (the quote ends with its value and unit)."""
    best = None
    for row in rows:
        if row["start"] <= start and end <= row["end"] and (best is None or row["end"] < best["end"]):
            best = row
    return best["indicator"] if best is not None and isinstance(best["indicator"], str) else None


def coverage(table) -> dict[str, int]:
    """Counts of an :func:`account_report` table: figures read, unparsed, and outside with an indicator wording."""
    figures = table[table["token"] == "figure"]
    return {
        "read": int((figures["status"] == "read").sum()),
        "unparsed": int((figures["status"] == "unparsed").sum()),
        "outside_with_indicator": int(((figures["status"] == "outside") & figures["indicator"].notna()).sum()),
        "outside_other": int(((figures["status"] == "outside") & figures["indicator"].isna()).sum()),
    }
