"""Split the sources into reports and identify each from internal evidence.

The compilation (source ``000``) holds several Dalian reports one after another,
one of them twice, and every "20xx" in it reads "2024". So a report's true year
cannot be read off its date line: it is inferred from what the text says about
itself — congress session numbers, plan-period wording, events — by the named
rules in ``YEAR_EVIDENCE``. All evidence for a report must agree, or loading fails.

>>> import dalian_reports as dr
>>> r = dr.reports()
>>> r.loc[r.duplicate_of.notna(), ["report_id", "duplicate_of"]].values.tolist()
[['dalian-2012-zh-copy', 'dalian-2012-zh']]
"""
from __future__ import annotations

import difflib
import re
from dataclasses import asdict, dataclass
from functools import lru_cache

from ..errors import SourceError
from .numerals import chinese_to_int
from .._resources import raw_dir
from .raw import RawDocument, manifest_rows, read_source
from .._csv import read_csv_rows

YEAR = r"(?:\d{4}|20\?\?)"  # a year as written, or already masked as unknown


@dataclass(frozen=True)
class Report:
    report_id: str
    source_id: str
    issuer: str
    doc_type: str
    lang: str
    report_year: int
    delivered: str
    session: str
    speaker: str
    line_start: int
    line_end: int
    duplicate_of: str | None
    evidence: str


# --- splitting -------------------------------------------------------------------

PART_LABEL = re.compile(r"^\s*第[一二三四五六七八九十]+篇[：:]")
FULL_TITLE = re.compile(rf"^\s*{YEAR}年大连市政府工作报告（全文）\s*$")
DELIVERY_LINE = re.compile(rf"^\s*——{YEAR}年\d{{1,2}}月\d{{1,2}}日在.*人民代表大会")
REVIEW_HEADING = re.compile(r"^\s*一、.*回顾\s*$")

SPLIT_RULES = {
    "part_label": "a line '第N篇：…' starts a new report",
    "full_title": "a title line 'YYYY年大连市政府工作报告（全文）' starts a new report",
    "delivery_line": "a line '——YYYY年M月D日在…人民代表大会…' starts a new report unless a title is within 3 lines above",
    "restarted_review": "a second review heading '一、…回顾' within one report starts a new report (a pasted copy without its title)",
}


def split_compilation(doc: RawDocument) -> list[tuple[int, int, str]]:
    """(line_start, line_end, rule) of each report in a compilation, 1-based and inclusive."""
    starts: list[tuple[int, str]] = [(1, "first_line")]
    seen_review = False
    for number, text in enumerate(doc.lines, start=1):
        rule = None
        if PART_LABEL.match(text):
            rule = "part_label"
        elif FULL_TITLE.match(text):
            rule = "full_title"
        elif DELIVERY_LINE.match(text) and number - starts[-1][0] > 3:
            rule = "delivery_line"
        elif REVIEW_HEADING.match(text) and seen_review:
            rule = "restarted_review"
        if rule and number > 1:
            starts.append((number, rule))
            seen_review = False
        if REVIEW_HEADING.match(text):
            seen_review = True
    spans = []
    for i, (start, rule) in enumerate(starts):
        end = starts[i + 1][0] - 1 if i + 1 < len(starts) else doc.n_lines
        while end > start and not doc.line(end).strip():
            end -= 1
        spans.append((start, end, rule))
    return spans


# --- identification --------------------------------------------------------------

# (rule name, pattern, delivery year implied, why), from data/raw/year_evidence.csv: phrases that date a report
# of the compilation by the events it names. ``{YEAR}`` in a pattern stands for a year token, which is never read:
# in the compilation every year token is overwritten.
def _year_evidence() -> list[tuple[str, re.Pattern, int, str]]:
    path = raw_dir() / "year_evidence.csv"
    return [(r["rule"], re.compile(r["pattern"].replace("{YEAR}", YEAR)), r.number("year", whole=True), r["why"])
            for r in read_csv_rows(path, ["rule", "pattern", "year", "why"], shown=str(path))]


YEAR_EVIDENCE = _year_evidence()

SESSION = re.compile(r"第([一二三四五六七八九十]+)届人民代表大会第([一二三四五六七八九十]+)次会议")
DATE = re.compile(rf"(?:——|（)({YEAR})年(\d{{1,2}})月(\d{{1,2}})日")
SPEAKER_AFTER_DATE = re.compile(rf"（{YEAR}年\d{{1,2}}月\d{{1,2}}日\s*(\S+?)）")
MAYOR_LINE = re.compile(r"^\s*市长\s*(\S*)\s*$")


def _evidence(doc: RawDocument, start: int, end: int) -> dict:
    text = "\n".join(doc.lines[start - 1:end])
    found = []
    for name, pattern, year, why in YEAR_EVIDENCE:
        match = pattern.search(text)
        if match:
            line = start + text.count("\n", 0, match.start())
            found.append((name, year, line, why))
    session = SESSION.search(text)
    congress = session_no = None
    if session:
        congress, session_no = chinese_to_int(session.group(1)), chinese_to_int(session.group(2))
    date = DATE.search(text)
    month_day = (int(date.group(2)), int(date.group(3))) if date else None
    speaker = ""
    lines = doc.lines[start - 1:min(end, start + 5)]
    for i, line in enumerate(lines):
        by_date = SPEAKER_AFTER_DATE.search(line)
        mayor = MAYOR_LINE.match(line)
        if by_date:
            speaker = by_date.group(1)
        elif mayor:
            speaker = mayor.group(1) or (lines[i + 1].strip() if i + 1 < len(lines) else "")
        if speaker:
            break
    return dict(found=found, congress=congress, session=session_no, month_day=month_day,
                session_text=session.group(0) if session else "", speaker=speaker)


def _identify(doc: RawDocument, spans) -> list[dict]:
    found = [dict(span=s, **_evidence(doc, s[0], s[1])) for s in spans]
    for item in found:
        years = {year for _, year, _, _ in item["found"]}
        if len(years) > 1:
            raise SourceError(f"conflicting year evidence {item['found']}", file=doc.path.name, line=item["span"][0])
        item["year"] = years.pop() if years else None
    # Sessions of one congress are annual: delivery year minus session number is constant.
    offsets: dict[int, set[int]] = {}
    for item in found:
        if item["year"] and item["session"]:
            offsets.setdefault(item["congress"], set()).add(item["year"] - item["session"])
    for congress, values in offsets.items():
        if len(values) > 1:
            raise SourceError(f"sessions of congress {congress} imply different years", file=doc.path.name)
    for item in found:
        if item["session"] and item["congress"] in offsets:
            implied = next(iter(offsets[item["congress"]])) + item["session"]
            if item["year"] not in (None, implied):
                raise SourceError(f"session arithmetic gives {implied}, phrases give {item['year']}",
                                  file=doc.path.name, line=item["span"][0])
            item["found"].append(("session_arithmetic", implied, item["span"][0],
                                  f"session {item['session']} of congress {item['congress']}; sessions are annual, "
                                  f"and the other reports of this congress put session 0 in {implied - item['session']}"))
            item["year"] = implied
    return found


def _similar(doc: RawDocument, a: tuple[int, int], b: tuple[int, int]) -> float:
    def body(span):
        return [line.strip() for line in doc.lines[span[0] - 1:span[1]] if line.strip()]
    return difflib.SequenceMatcher(None, body(a), body(b), autojunk=False).ratio()


DUPLICATE_THRESHOLD = 0.9  # share of matching lines; the pasted copy matches at 0.97


def _compilation_reports(row: dict) -> list[Report]:
    doc = read_source(row["source_id"])
    items = _identify(doc, split_compilation(doc))
    reports: list[Report] = []
    for item in items:
        start, end, rule = item["span"]
        if item["year"] is None:
            raise SourceError("no evidence fixes the year of this report", file=doc.path.name, line=start)
        original = next((r for r in reports if r.duplicate_of is None and r.report_year == item["year"]
                         and _similar(doc, (r.line_start, r.line_end), (start, end)) >= DUPLICATE_THRESHOLD), None)
        report_id = f"{row['issuer_code']}-{item['year']}-{row['lang']}" + ("-copy" if original else "")
        if original is None and any(r.report_id == report_id for r in reports):
            raise SourceError(f"two different reports identified as {report_id}", file=doc.path.name, line=start)
        month_day = item["month_day"] or (original and tuple(map(int, original.delivered.split("-")[1:])))
        delivered = f"{item['year']}-{month_day[0]:02d}-{month_day[1]:02d}" if month_day else str(item["year"])
        evidence = "; ".join(f"{name} (line {line}): {why}" for name, _, line, why in item["found"])
        reports.append(Report(
            report_id=report_id, source_id=row["source_id"], issuer=row["issuer_code"], doc_type=row["doc_type"],
            lang=row["lang"], report_year=item["year"], delivered=delivered,
            session=item["session_text"] or (original.session if original else ""),
            speaker=item["speaker"] or (original.speaker if original else ""),
            line_start=start, line_end=end, duplicate_of=original.report_id if original else None,
            evidence=f"split by {rule}; " + evidence,
        ))
    return sorted(reports, key=lambda r: (r.report_year, r.line_start))


def _single_report(row: dict) -> Report:
    doc = read_source(row["source_id"])
    year = int(row["delivered"][:4])
    kind = "fyp14" if row["doc_type"] == "five_year_plan_outline" else str(year)
    nonblank = [i for i, line in enumerate(doc.lines, start=1) if line.strip()]
    return Report(
        report_id=f"{row['issuer_code']}-{kind}-{row['lang']}", source_id=row["source_id"], issuer=row["issuer_code"],
        doc_type=row["doc_type"], lang=row["lang"], report_year=year, delivered=row["delivered"],
        session=row["session"], speaker=row["speaker"], line_start=nonblank[0], line_end=nonblank[-1],
        duplicate_of=None, evidence="one document per file; date, session and speaker from the manifest (data/sources.csv)",
    )


@lru_cache(maxsize=1)
def _all_reports() -> tuple[Report, ...]:
    out: list[Report] = []
    for row in manifest_rows():
        if row.get("compilation", "") == "yes":
            out.extend(_compilation_reports(row))
        else:
            out.append(_single_report(row))
    return tuple(out)


def report_list() -> tuple[Report, ...]:
    return _all_reports()


def get_report(report_id: str) -> Report:
    for report in _all_reports():
        if report.report_id == report_id:
            return report
    raise KeyError(f"unknown report_id {report_id!r}; known: {[r.report_id for r in _all_reports()]}")


def report_of_line(source_id: str, line: int) -> Report | None:
    """The report (not a duplicate copy) that contains a raw line, if any."""
    for report in _all_reports():
        if report.source_id == source_id and report.line_start <= line <= report.line_end:
            return report
    return None


def reports(include_duplicates: bool = True):
    """One row per distinct report (and per pasted copy, marked in ``duplicate_of``).

    Columns: report_id, source_id, issuer, doc_type, lang, report_year (true year of
    delivery), delivered (ISO date, as precise as the text proves), session, speaker,
    line_start, line_end (1-based raw lines), duplicate_of, evidence.

    >>> import dalian_reports as dr
    >>> dr.reports(include_duplicates=False).report_year.tolist()
    [2012, 2013, 2014, 2016, 2021, 2021, 2024, 2024]
    """
    import pandas as pd

    rows = [asdict(r) for r in _all_reports() if include_duplicates or r.duplicate_of is None]
    df = pd.DataFrame(rows)
    df = df.sort_values(["report_year", "source_id", "line_start"], kind="stable").reset_index(drop=True)
    return df.astype({"report_year": "int64", "line_start": "int64", "line_end": "int64"}).astype(
        {c: "string" for c in ["report_id", "source_id", "issuer", "doc_type", "lang", "delivered",
                               "session", "speaker", "duplicate_of", "evidence"]})
