"""Headline figures of every report as one tidy table with provenance.

Each report's cleaned, year-restored text goes through the general extractor
(:func:`dalian_reports.extract.headline.headline_records`); every row's span is
mapped back to its raw line and an exact quote of that line, and its wording to a
canonical indicator code. Wording the vocabulary does not know is kept (indicator
NA) and also listed in :func:`unparsed` — never dropped.

>>> import dalian_reports as dr
>>> t = dr.targets()
>>> t.query("report_id == 'dalian-2024-zh' and indicator == 'gdp'")[["value", "qualifier"]].values.tolist()
[[6.0, 'about']]
"""
from __future__ import annotations

from functools import lru_cache

from ..extract.headline import headline_records
from ..sources.cleaning import report_text
from ..sources.reports import report_list
from .vocabulary import lookup, name_en

COLUMNS = [
    "report_id", "source_id", "issuer", "lang", "report_year", "kind", "period_start", "period_end",
    "indicator", "indicator_zh", "indicator_en", "measure", "value", "value_high", "unit", "qualifier",
    "basis", "share_of", "line", "quote",
]
UNPARSED_COLUMNS = ["report_id", "source_id", "line", "kind", "number", "reason", "context"]
STRING_COLUMNS = ["report_id", "source_id", "issuer", "lang", "kind", "indicator", "indicator_zh", "indicator_en",
                  "measure", "unit", "qualifier", "basis", "share_of", "quote"]


def headline_reports():
    """The reports whose headline paragraphs are read: every report except pasted copies and the plan outline
    (whose indicator tables are read by :mod:`dalian_reports.tables.plans`)."""
    return [r for r in report_list() if r.duplicate_of is None and r.doc_type == "government_work_report"]


@lru_cache(maxsize=None)
def _report_records(report_id: str) -> tuple[tuple[dict, ...], tuple[dict, ...]]:
    report = next(r for r in report_list() if r.report_id == report_id)
    clean = report_text(report_id)
    rows, leftovers = headline_records(clean.text, report.lang, report.report_year)
    base = dict(report_id=report.report_id, source_id=report.source_id, issuer=report.issuer, lang=report.lang,
                report_year=report.report_year)
    out, missing = [], []
    for row in rows:
        line, quote = clean.quote(row["start"], row["end"])
        code = lookup(row["indicator_zh"]) if row["indicator_zh"] else None
        out.append({**base, **{k: row[k] for k in ("kind", "period_start", "period_end", "indicator_zh", "measure",
                                                   "value", "value_high", "unit", "qualifier", "basis", "share_of")},
                    "indicator": code, "indicator_en": name_en(code) if code else None, "line": line, "quote": quote})
        if code is None:
            missing.append(dict(report_id=report.report_id, source_id=report.source_id, line=line, kind=row["kind"],
                                number=quote, reason=f"unknown indicator wording {row['indicator_zh']!r} "
                                                     "(row kept in headline_figures with indicator NA)",
                                context=quote))
    for item in leftovers:
        line = clean.raw_line(item["start"])
        missing.append(dict(report_id=report.report_id, source_id=report.source_id, line=line, kind=item["kind"],
                            number=item["number"], reason=item["reason"], context=item["context"]))
    return tuple(out), tuple(missing)


def headline_figures():
    """Every headline target and outcome of every report, one row per number.

    Columns: report_id, source_id, issuer ('dalian' | 'jinzhou'), lang, report_year,
    kind ('target' | 'outcome' | 'plan_target' | 'plan_outcome'), period_start,
    period_end (true years), indicator (canonical code, NA when the wording is
    unknown), indicator_zh (as written), indicator_en, measure, value, value_high,
    unit, qualifier, basis, share_of, line (1-based raw line), quote (exact
    substring of that raw line).
    """
    import pandas as pd

    rows = [row for report in headline_reports() for row in _report_records(report.report_id)[0]]
    df = pd.DataFrame(rows, columns=COLUMNS)
    df = df.astype({"report_year": "int64", "period_start": "Int64", "period_end": "Int64", "line": "int64",
                    "value": "float64", "value_high": "float64"})
    return df.astype({c: "string" for c in STRING_COLUMNS})


def targets():
    """Headline targets: the coming year's ('target') and plan-period ('plan_target') rows."""
    df = headline_figures()
    return df[df.kind.isin(["target", "plan_target"])].reset_index(drop=True)


def outcomes():
    """Reported results: the past year's ('outcome') and multi-year reviews ('plan_outcome')."""
    df = headline_figures()
    return df[df.kind.isin(["outcome", "plan_outcome"])].reset_index(drop=True)


def unparsed():
    """Every number of a headline paragraph that did not become a row with a known indicator, with its line and why."""
    import pandas as pd

    rows = [row for report in headline_reports() for row in _report_records(report.report_id)[1]]
    df = pd.DataFrame(rows, columns=UNPARSED_COLUMNS).astype({"line": "int64"})
    return df.astype({c: "string" for c in UNPARSED_COLUMNS if c != "line"})
