"""Cleaned, year-restored report text that still maps back to raw lines.

Cleaning removes known artifacts by named rules (``CLEANING_RULES``); nothing
else is changed. Every character of the cleaned text remembers the raw offset it
came from, so any span found by a parser maps back to a raw line and an exact
quote of that line.

>>> import dalian_reports as dr
>>> t = dr.report_text("dalian-2014-zh")
>>> t.text.splitlines()[4]
'一、2013年政府工作回顾'
>>> t.raw_line(t.text.index("一、2013"))
5
"""
from __future__ import annotations

import re
from array import array
from dataclasses import dataclass, field
from functools import lru_cache

from .raw import RawDocument, manifest_rows, read_source
from .reports import get_report
from .years import UNKNOWN_MASK, restorations_for

SENTENCE_END = "。！？!?；;：:”」）)"


@dataclass(frozen=True)
class CleaningRule:
    name: str
    sources: tuple[str, ...]
    description: str


CLEANING_RULES = [
    CleaningRule("web_boilerplate", ("001", "003"),
                 "drop whole lines of website chrome: 首页 … / 文章正文 / 评论 / 分享 / Top / banner / "
                 "repost stamps such as (来源:网站编辑 2024-02-06 13:14) or a bare posting date 2024-01-15"),
    CleaningRule("blank_space_lines", ("001", "002", "003", "004"),
                 "drop lines holding only spaces or no-break spaces"),
    CleaningRule("part_label", ("000",), "drop compilation labels '第N篇：…' (not part of any report)"),
    CleaningRule("source_credit", ("000",), "cut a trailing credit such as '来源中国经济网)' from a paragraph"),
    CleaningRule("page_number", ("003",), "cut page numbers such as '-12-' pasted inside English sentences"),
    CleaningRule("indent", ("001", "003"), "strip leading and trailing spaces of a paragraph"),
    CleaningRule("page_break_join", ("004",),
                 "join a paragraph split by a page break: a prose line (no tab) of 40+ characters that does not end "
                 "a sentence, followed by a blank line and its continuation, is one paragraph (e.g. '…人力资源丰富，市' "
                 "+ '场空间广阔…')"),
    CleaningRule("markdown_debris", ("004",), "strip list and emphasis marks left by conversion: leading '- ◆', '**'"),
    CleaningRule("year_restoration", ("000",),
                 "replace each overwritten '2024' by its restored year; tokens that are not restored become '20??'"),
]

BOILERPLATE_LINE = re.compile(
    r"^\s*(?:首页(?:\s.*)?|文章正文|评论|分享|Top|banner|\(来源:.*\)|\d{4}-\d{2}-\d{2})\s*$")
PART_LABEL_LINE = re.compile(r"^\s*第[一二三四五六七八九十]+篇[：:]")
SOURCE_CREDIT = re.compile(r"来源[^\s。！!]{1,12}\)$")
PAGE_NUMBER = re.compile(r"-\d{1,3}-")
MARKDOWN = re.compile(r"^- ◆\s*|\*\*")


@dataclass
class CleanText:
    """Cleaned text plus, for each character, the raw offset it came from."""

    doc: RawDocument
    text: str
    origin: array
    substitutions: list = field(default_factory=list)

    def raw_offset(self, index: int) -> int:
        return self.origin[index]

    def raw_line(self, index: int) -> int:
        """1-based raw line of the character at ``index`` of the cleaned text."""
        return self.doc.locate(self.origin[index])[0]

    def quote(self, start: int, end: int) -> tuple[int, str]:
        """(raw line, exact raw substring) for the cleaned span [start, end).

        A span crossing raw lines is cut to the raw line holding its last character
        (where the number is) — the quote is always a substring of one raw line.
        """
        if not 0 <= start < end <= len(self.text):
            raise IndexError(f"span {start}:{end} outside the text")
        last = self.origin[end - 1]
        line, _ = self.doc.locate(last)
        line_start = self.doc.line_start(line)
        first = next(self.origin[i] for i in range(start, end) if self.origin[i] >= line_start)
        return line, self.doc.text[first:last + 1]

    def lines(self) -> list[tuple[int, str]]:
        """(raw line, cleaned paragraph) pairs, one per cleaned line."""
        out, pos = [], 0
        for paragraph in self.text.split("\n"):
            if paragraph:
                out.append((self.raw_line(pos), paragraph))
            pos += len(paragraph) + 1
        return out


def _builder():
    chars: list[str] = []
    origin = array("l")

    def add(text: str, raw_start: int):
        chars.append(text)
        origin.extend(range(raw_start, raw_start + len(text)))

    return chars, origin, add


def _applies(rule: str, source_id: str) -> bool:
    return any(r.name == rule and source_id in r.sources for r in CLEANING_RULES)


def _pieces(source_id: str, text: str) -> list[tuple[str, int]]:
    """(text, offset in the raw line) pieces of one raw line after in-line cleaning rules.

    A cut page number becomes one space (mapped to the cut's first character), so
    '…about 3%.-12-The income…' reads '…about 3%. The income…'.
    """
    cuts: list[tuple[int, int, str]] = []
    if _applies("page_number", source_id):
        cuts += [(m.start(), m.end(), " ") for m in PAGE_NUMBER.finditer(text)]
    if _applies("markdown_debris", source_id):
        cuts += [(m.start(), m.end(), "") for m in MARKDOWN.finditer(text)]
    if _applies("source_credit", source_id):
        credit = SOURCE_CREDIT.search(text)
        if credit:
            cuts.append((credit.start(), credit.end(), ""))
    lo, hi = 0, len(text)
    if _applies("indent", source_id):
        lo, hi = len(text) - len(text.lstrip()), len(text.rstrip())
    pieces, pos = [], lo
    for cut_start, cut_end, replacement in sorted(cuts):
        if cut_start > pos:
            pieces.append((text[pos:min(cut_start, hi)], pos))
        if replacement and lo < cut_start and cut_end < hi:
            pieces.append((replacement, cut_start))
        pos = max(pos, cut_end)
    if hi > pos:
        pieces.append((text[pos:hi], pos))
    return [(piece, offset) for piece, offset in pieces if piece]


def _dropped(source_id: str, text: str) -> bool:
    if not text.strip():  # blank_space_lines (str.strip also removes no-break spaces)
        return True
    if _applies("web_boilerplate", source_id) and BOILERPLATE_LINE.match(text):
        return True
    return _applies("part_label", source_id) and bool(PART_LABEL_LINE.match(text))


def _joins_next(source_id: str, text: str) -> bool:
    return (_applies("page_break_join", source_id) and "\t" not in text and len(text) >= 40
            and not text.rstrip().endswith(tuple(SENTENCE_END)))


def clean_lines(doc: RawDocument, first: int, last: int, restored: bool = True) -> CleanText:
    """Clean raw lines ``first``..``last`` (1-based, inclusive) of a document."""
    source_id = doc.source_id
    chars, origin, add = _builder()
    pending_join = False
    for number in range(first, last + 1):
        text = doc.line(number)
        if _dropped(source_id, text):
            continue
        if chars and not pending_join:
            add("\n", doc.line_start(number) - 1)  # the raw newline before this line
        base = doc.line_start(number)
        for piece, offset in _pieces(source_id, text):
            add(piece, base + offset)
        pending_join = _joins_next(source_id, text)
    clean = CleanText(doc, "".join(chars), origin)
    if restored:
        _restore_years(clean, first, last)
    return clean


def _restore_years(clean: CleanText, first: int, last: int) -> None:
    tokens = [r for r in restorations_for(clean.doc.source_id) if first <= r.line <= last]
    if not tokens:
        return
    where = {offset: i for i, offset in enumerate(clean.origin)}
    text = list(clean.text)
    for token in tokens:
        raw_offset = clean.doc.line_start(token.line) + token.column
        index = where.get(raw_offset)
        if index is None:  # the token sits in a dropped line (e.g. a compilation label)
            continue
        replacement = str(token.restored) if token.status == "restored" else UNKNOWN_MASK
        width = len(replacement)
        text[index:index + width] = replacement
        clean.substitutions.append(dict(line=token.line, occurrence=token.occurrence,
                                        original=clean.doc.text[raw_offset:raw_offset + width],
                                        replacement=replacement, status=token.status, rule=token.rule))
    clean.text = "".join(text)


@lru_cache(maxsize=64)
def _report_text(report_id: str, restored: bool) -> CleanText:
    report = get_report(report_id)
    return clean_lines(read_source(report.source_id), report.line_start, report.line_end, restored)


def report_text(report_id: str, restored: bool = True) -> CleanText:
    """The cleaned text of one report (``restored=False`` keeps the overwritten years).

    The result's ``text`` is the cleaned paragraphs joined by newlines; ``raw_line(i)``
    and ``quote(start, end)`` map any span back to the raw file; ``substitutions``
    lists every year replaced.
    """
    return _report_text(report_id, restored)


def cleaning_rules():
    """The named cleaning rules, with the sources each applies to."""
    import pandas as pd

    return pd.DataFrame([dict(rule=r.name, sources=",".join(r.sources), description=r.description)
                         for r in CLEANING_RULES]).astype("string")


def source_ids_with_rule(name: str) -> tuple[str, ...]:
    return next(r.sources for r in CLEANING_RULES if r.name == name)


__all__ = ["CleanText", "report_text", "cleaning_rules", "clean_lines", "manifest_rows"]
