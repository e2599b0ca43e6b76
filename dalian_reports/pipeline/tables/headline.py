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

Decisions
---------
* The extractor codes every row (:mod:`dalian_reports.extract.coding`): a wording the vocabulary does not
  know is not a row but an entry of :func:`unparsed` with its line and reason; every entry is justified, one
  by one, in ``data/unparsed_justified.csv``.
* 力争 figures are the ``stretch_value`` of the target they follow (增长7%，力争7.5%).
* :func:`compare_languages` puts the Chinese and English 2024 figures side by side.
"""
from __future__ import annotations

from .memo import memo


from functools import lru_cache

from ...extract.headline import headline_records
from ...sources.cleaning import report_text
from ...sources.reports import report_list
from ...vocab import name_en

COLUMNS = [
    "report_id", "source_id", "issuer", "lang", "report_year", "kind", "period_start", "period_end",
    "indicator", "indicator_zh", "indicator_en", "measure", "value", "value_high", "unit", "qualifier",
    "relative_to", "stretch_value", "basis", "share_of", "line", "quote",
]
UNPARSED_COLUMNS = ["report_id", "source_id", "line", "kind", "number", "reason", "context"]
STRING_COLUMNS = ["report_id", "source_id", "issuer", "lang", "kind", "indicator", "indicator_zh", "indicator_en",
                  "measure", "unit", "qualifier", "relative_to", "basis", "share_of", "quote"]


def headline_reports():
    """The reports whose headline paragraphs are read: every report except pasted copies and the plan outline
    (whose indicator tables are read by :mod:`dalian_reports.pipeline.tables.plans`)."""
    return [r for r in report_list() if r.duplicate_of is None and r.doc_type == "government_work_report"]


@lru_cache(maxsize=None)
def _report_records(report_id: str) -> tuple[tuple[dict, ...], tuple[dict, ...]]:
    report = next(r for r in report_list() if r.report_id == report_id)
    clean = report_text(report_id)
    rows, leftovers = headline_records(clean.text, report.lang, report.report_year, jurisdiction=report.issuer)
    base = dict(report_id=report.report_id, source_id=report.source_id, issuer=report.issuer, lang=report.lang,
                report_year=report.report_year)
    out, missing = [], []
    for row in rows:
        line, quote = clean.quote(row["start"], row["end"])
        out.append({**base, **{k: row[k] for k in ("kind", "period_start", "period_end", "indicator", "measure",
                                                   "value", "value_high", "unit", "qualifier", "relative_to",
                                                   "stretch_value", "basis", "share_of")},
                    "indicator_zh": row["wording"], "indicator_en": name_en(row["indicator"]), "line": line,
                    "quote": quote})
    for item in leftovers:
        line, number = clean.quote(item["start"], item["end"])   # as written in the raw file (2024 in 000)
        missing.append(dict(report_id=report.report_id, source_id=report.source_id, line=line, kind=item["kind"],
                            number=number, reason=item["reason"], context=item["context"]))
    return tuple(out), tuple(missing)


@memo
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
                    "value": "float64", "value_high": "float64", "stretch_value": "float64"})
    return df.astype({c: "string" for c in STRING_COLUMNS})


def targets():
    """Headline targets: the coming year's ('target') and plan-period ('plan_target') rows."""
    df = headline_figures()
    return df[df.kind.isin(["target", "plan_target"])].reset_index(drop=True)


def outcomes():
    """Reported results: the past year's ('outcome') and multi-year reviews ('plan_outcome')."""
    df = headline_figures()
    return df[df.kind.isin(["outcome", "plan_outcome"])].reset_index(drop=True)


@memo
def unparsed():
    """Every number of a headline paragraph that did not become a row with a known indicator, with its line and why."""
    import pandas as pd

    rows = [row for report in headline_reports() for row in _report_records(report.report_id)[1]]
    df = pd.DataFrame(rows, columns=UNPARSED_COLUMNS).astype({"line": "int64"})
    return df.astype({c: "string" for c in UNPARSED_COLUMNS if c != "line"})


# Qualifier pairs (Chinese, English) that differ only because of how the translation words them.
TRANSLATION_QUALIFIERS = {
    ("at_least", "greater_than"): ("以上", "more than",
                                   "the translation renders 以上 (at least, inclusive) as 'more than' (greater_than); "
                                   "the Chinese original is authoritative"),
}
COMPARE_COLUMNS = [
    "kind", "indicator", "measure", "period_start", "period_end", "unit",
    "value_zh", "value_high_zh", "qualifier_zh", "quote_zh", "line_zh",
    "value_en", "value_high_en", "qualifier_en", "quote_en", "line_en", "agree", "note",
]


@memo
def compare_languages(report_zh: str = "dalian-2024-zh", report_en: str = "dalian-2024-en",
                      kinds: tuple[str, ...] = ("target", "outcome")):
    """The Chinese report and its English translation side by side, one row per figure.

    Rows of the two reports are paired by (kind, indicator, measure, period) in order of
    appearance. A pair *agrees* when value, value_high and unit are equal and the qualifiers
    are equal or differ only by a documented translation rule (:data:`TRANSLATION_QUALIFIERS`,
    checked against both quotes); ``note`` says why a pair agrees despite a difference, or why
    it does not. A figure without a counterpart, or whose wording is not in the vocabulary,
    never agrees.

    >>> c = compare_languages()
    >>> bool(c.agree.all())
    True
    """
    import pandas as pd

    df = headline_figures()
    df = df[df.kind.isin(list(kinds))]
    zh = df[df.report_id == report_zh].to_dict("records")
    en = df[df.report_id == report_en].to_dict("records")

    def key(r):
        return (r["kind"], r["indicator"], r["measure"], r["period_start"], r["period_end"])

    def same(a, b):  # missing equals missing
        return (pd.isna(a) and pd.isna(b)) or (not pd.isna(a) and not pd.isna(b) and a == b)

    out, used = [], set()
    for z in zh:
        match = None
        if not pd.isna(z["indicator"]):
            match = next((i for i, e in enumerate(en) if i not in used and key(e) == key(z)), None)
        if match is not None:
            used.add(match)
        out.append(_compare_row(z, en[match] if match is not None else None, same))
    for i, e in enumerate(en):
        if i not in used:
            out.append(_compare_row(None, e, same))
    result = pd.DataFrame(out, columns=COMPARE_COLUMNS)
    result = result.astype({"period_start": "Int64", "period_end": "Int64", "line_zh": "Int64", "line_en": "Int64",
                            "value_zh": "float64", "value_high_zh": "float64", "value_en": "float64",
                            "value_high_en": "float64", "agree": "bool"})
    return result.astype({c: "string" for c in ("kind", "indicator", "measure", "unit", "qualifier_zh", "quote_zh",
                                                 "qualifier_en", "quote_en", "note")})


def _compare_row(z: dict | None, e: dict | None, same) -> dict:
    import pandas as pd

    base = z if z is not None else e
    row = {c: base[c] for c in ("kind", "indicator", "measure", "period_start", "period_end", "unit")}
    row["indicator"] = None if pd.isna(base["indicator"]) else base["indicator"]
    for suffix, r in (("zh", z), ("en", e)):
        for col in ("value", "value_high", "qualifier", "quote", "line"):
            row[f"{col}_{suffix}"] = r[col] if r is not None else None
    if row["indicator"] is None:
        row.update(agree=False, note=f"wording not in the vocabulary: {base['indicator_zh']!r}")
        return row
    if z is None or e is None:
        row.update(agree=False, note=f"no {'English' if e is None else 'Chinese'} row with this indicator, "
                                     "measure and period")
        return row
    problems = []
    if not (same(z["value"], e["value"]) and same(z["value_high"], e["value_high"])):
        problems.append("values differ")
    if not same(z["unit"], e["unit"]):
        problems.append(f"units differ ({z['unit']} vs {e['unit']})")
    note = ""
    if z["qualifier"] != e["qualifier"]:
        rule = TRANSLATION_QUALIFIERS.get((z["qualifier"], e["qualifier"]))
        if rule and rule[0] in z["quote"] and rule[1] in e["quote"].lower():
            note = rule[2]
        else:
            problems.append(f"qualifiers differ ({z['qualifier']} vs {e['qualifier']})")
    row.update(agree=not problems, note="; ".join(problems) if problems else note)
    return row
