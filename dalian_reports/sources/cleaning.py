"""Cleaned text that still maps back to raw lines, by named cleaning rules.

Cleaning removes known artefacts by named rules (the catalogue is ``cleaning_rules.csv`` beside this
module); nothing else is changed. Which rules apply to a document is data: for the seeds, the rows of
``data/raw/rules.csv``; for a corpus in the lawtext/gov layout, :data:`CORPUS_RULES`. Every character of
the cleaned text remembers the raw offset it came from, so any span found by a parser maps back to a raw
line and an exact quote of that line.

>>> import dalian_reports as dr
>>> t = dr.report_text("dalian-2014-zh")
>>> t.text.splitlines()[4]
'一、2013年政府工作回顾'
>>> t.raw_line(t.text.index("一、2013"))
5
"""
from __future__ import annotations

import csv
import re
from array import array
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .._resources import raw_dir
from ..errors import SourceError
from .raw import RawDocument, read_source
from .._csv import read_csv_rows

SENTENCE_END = "。！？!?；;：:”」）)"
RULES_FILE = Path(__file__).with_name("cleaning_rules.csv")

#: Rules for a text in the lawtext/gov layout (YAML front matter, Markdown headings and bold, HTML comments).
CORPUS_RULES = ("front_matter", "html_comment", "markdown_heading", "markdown_bold", "blank_space_lines", "indent",
                "destroyed_decimal", "doubled_percent", "ascii_full_stop", "repeated_paragraph")

BOILERPLATE_LINE = re.compile(
    r"^\s*(?:首页(?:\s.*)?|文章正文|评论|分享|Top|banner|\(来源:.*\)|\d{4}-\d{2}-\d{2})\s*$")
PART_LABEL_LINE = re.compile(r"^\s*第[一二三四五六七八九十]+篇[：:]")
SOURCE_CREDIT = re.compile(r"来源[^\s。！!]{1,12}\)$")
PAGE_NUMBER = re.compile(r"-\d{1,3}-")
MARKDOWN_DEBRIS = re.compile(r"^- ◆\s*|\*\*")
MARKDOWN_BOLD = re.compile(r"\*\*")
MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
HTML_COMMENT = re.compile(r"<!--.*?-->")
DESTROYED_DECIMAL = re.compile(r"\$1\.\$2")
ASCII_FULL_STOP = re.compile(r"(?<=[%％‰\u4e00-\u9fff])\.(?=[\u4e00-\u9fff“])")
DOUBLED_PERCENT = re.compile(r"(?<=[0-9０-９][%％])[%％]")
REPEAT_MIN_CHARS = 60  # a paragraph this long seen twice is a pasted copy, not a coincidence


@dataclass(frozen=True)
class CleaningRule:
    name: str
    description: str


@lru_cache(maxsize=1)
def rule_catalogue() -> dict[str, CleaningRule]:
    """Every named rule (``cleaning_rules.csv``): name → rule."""
    return {r["rule"]: CleaningRule(r["rule"], r["description"])
            for r in read_csv_rows(RULES_FILE, ["rule", "description"], shown=str(RULES_FILE))}


@lru_cache(maxsize=None)
def _seed_rules(rules_file: Path) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    try:
        with open(rules_file, newline="", encoding="utf-8") as fh:
            for number, row in enumerate(csv.DictReader(fh), start=2):
                if row["rule"] not in rule_catalogue():
                    raise SourceError(f"unknown cleaning rule {row['rule']!r}; rules: {sorted(rule_catalogue())}",
                                      file=str(rules_file), line=number)
                out.setdefault(row["source_id"], []).append(row["rule"])
    except FileNotFoundError:
        return {}
    return {k: tuple(v) for k, v in out.items()}


def rules_for(source_id: str) -> tuple[str, ...]:
    """The cleaning rules that apply to a seed document (``data/raw/rules.csv``)."""
    return _seed_rules(raw_dir() / "rules.csv").get(source_id, ())


@dataclass
class CleanText:
    """Cleaned text plus, for each character, the raw offset it came from."""

    doc: RawDocument
    text: str
    origin: array
    substitutions: list = field(default_factory=list)
    dropped: list = field(default_factory=list)  # (raw line, rule) of every line removed whole

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


def _cuts(rules: tuple[str, ...], text: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) of every in-line cut the rules make in one raw line."""
    cuts: list[tuple[int, int, str]] = []
    if "page_number" in rules:
        cuts += [(m.start(), m.end(), " ") for m in PAGE_NUMBER.finditer(text)]
    if "markdown_debris" in rules:
        cuts += [(m.start(), m.end(), "") for m in MARKDOWN_DEBRIS.finditer(text)]
    if "markdown_bold" in rules:
        cuts += [(m.start(), m.end(), "") for m in MARKDOWN_BOLD.finditer(text)]
    if "markdown_heading" in rules:
        cuts += [(m.start(), m.end(), "") for m in MARKDOWN_HEADING.finditer(text)]
    if "html_comment" in rules:
        cuts += [(m.start(), m.end(), "") for m in HTML_COMMENT.finditer(text)]
    if "destroyed_decimal" in rules:  # '１$1.$2％' keeps no digits after the point: masked, never a number
        cuts += [(m.start(), m.end(), "??") for m in DESTROYED_DECIMAL.finditer(text)]
    if "ascii_full_stop" in rules:    # '增长8.5%.固定资产投资': a full stop converted to '.', read as '。'
        cuts += [(m.start(), m.end(), "。") for m in ASCII_FULL_STOP.finditer(text)]
    if "doubled_percent" in rules:    # '21.88%%': the second sign is a conversion artefact
        cuts += [(m.start(), m.end(), "") for m in DOUBLED_PERCENT.finditer(text)]
    if "source_credit" in rules:
        credit = SOURCE_CREDIT.search(text)
        if credit:
            cuts.append((credit.start(), credit.end(), ""))
    return sorted(cuts)


def _pieces(rules: tuple[str, ...], text: str) -> list[tuple[str, int]]:
    """(text, offset in the raw line) pieces of one raw line after the in-line rules.

    A cut page number becomes one space (mapped to the cut's first character), so
    '…about 3%.-12-The income…' reads '…about 3%. The income…'; a destroyed decimal becomes '??'.
    """
    lo, hi = 0, len(text)
    if "indent" in rules:
        lo, hi = len(text) - len(text.lstrip()), len(text.rstrip())
    pieces, pos = [], lo
    for cut_start, cut_end, replacement in _cuts(rules, text):
        if cut_start < pos:
            continue  # overlapping cuts: the first wins
        if cut_start > pos:
            pieces.append((text[pos:min(cut_start, hi)], pos))
        if replacement and (lo < cut_start and cut_end < hi or replacement == "??"):
            pieces.append((replacement, cut_start))
        pos = max(pos, cut_end)
    if hi > pos:
        pieces.append((text[pos:hi], pos))
    return [(piece, offset) for piece, offset in pieces if piece]


def _dropped(rules: tuple[str, ...], text: str) -> str | None:
    """The rule that drops a whole raw line, or None."""
    if "blank_space_lines" in rules and not text.strip():  # str.strip also removes no-break spaces
        return "blank_space_lines"
    if "web_boilerplate" in rules and BOILERPLATE_LINE.match(text):
        return "web_boilerplate"
    if "part_label" in rules and PART_LABEL_LINE.match(text):
        return "part_label"
    return None


def _joins_next(rules: tuple[str, ...], text: str) -> bool:
    return ("page_break_join" in rules and "\t" not in text and len(text) >= 40
            and not text.rstrip().endswith(tuple(SENTENCE_END)))


def _front_matter_end(doc: RawDocument) -> int:
    """Last line of a YAML front matter ('---' … '---' at the top), or 0 when there is none."""
    if doc.n_lines < 2 or doc.line(1).strip() != "---":
        return 0
    for number in range(2, min(doc.n_lines, 40) + 1):
        if doc.line(number).strip() == "---":
            return number
    return 0


def clean_lines(doc: RawDocument, first: int, last: int, rules: tuple[str, ...] | None = None) -> CleanText:
    """Clean raw lines ``first``..``last`` (1-based, inclusive) of a document by the named ``rules``
    (default: the rules the data give for the document's source id)."""
    rules = rules_for(doc.source_id) if rules is None else tuple(rules)
    unknown = set(rules) - set(rule_catalogue())
    if unknown:
        raise ValueError(f"unknown cleaning rules {sorted(unknown)}; rules: {sorted(rule_catalogue())}")
    skip_to = _front_matter_end(doc) if "front_matter" in rules else 0
    seen: set[str] = set()
    chars: list[str] = []
    origin = array("l")
    dropped: list[tuple[int, str]] = []
    pending_join = False
    for number in range(first, last + 1):
        text = doc.line(number)
        rule = "front_matter" if number <= skip_to else _dropped(rules, text)
        if rule is None and "repeated_paragraph" in rules and len(text.strip()) >= REPEAT_MIN_CHARS:
            key = text.strip()
            rule = "repeated_paragraph" if key in seen else None
            seen.add(key)
        if rule:
            dropped.append((number, rule))
            continue
        pieces = _pieces(rules, text)
        if not pieces:
            dropped.append((number, "blank_space_lines"))
            continue
        if chars and not pending_join:
            chars.append("\n")
            origin.append(doc.line_start(number) - 1)  # the raw newline before this line
        base = doc.line_start(number)
        for piece, offset in pieces:
            chars.append(piece)
            origin.extend(range(base + offset, base + offset + len(piece)))
        pending_join = _joins_next(rules, text)
    return CleanText(doc, "".join(chars), origin, dropped=dropped)


def restore_years(clean: CleanText, first: int, last: int) -> None:
    """Replace each overwritten year token of a seed by its restored year, or by '20??' (lost digits)."""
    from .years import UNKNOWN_MASK, restorations_for

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
    from .reports import get_report

    report = get_report(report_id)
    doc = read_source(report.source_id)
    clean = clean_lines(doc, report.line_start, report.line_end)
    if restored and "year_restoration" in rules_for(doc.source_id):
        restore_years(clean, report.line_start, report.line_end)
    return clean


def report_text(report_id: str, restored: bool = True) -> CleanText:
    """The cleaned text of one report of the seeds (``restored=False`` keeps the overwritten years).

    The result's ``text`` is the cleaned paragraphs joined by newlines; ``raw_line(i)``
    and ``quote(start, end)`` map any span back to the raw file; ``substitutions``
    lists every year replaced.
    """
    return _report_text(report_id, restored)


def cleaning_rules():
    """The named cleaning rules, with the seed documents each applies to (``data/raw/rules.csv``)."""
    import pandas as pd

    applies = _seed_rules(raw_dir() / "rules.csv")
    rows = [dict(rule=r.name, sources=",".join(s for s, rules in sorted(applies.items()) if r.name in rules),
                 description=r.description) for r in rule_catalogue().values()]
    return pd.DataFrame(rows).astype("string")


def clear_caches() -> None:
    _seed_rules.cache_clear()
    _report_text.cache_clear()


__all__ = ["CleanText", "report_text", "cleaning_rules", "clean_lines", "restore_years", "CORPUS_RULES"]
