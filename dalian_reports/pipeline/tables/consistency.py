"""Inconsistencies a careful reader finds between documents, or between a table and its own prose.

Each check is computed from the tidy tables — nothing is typed in — and every
finding shows both sides with their report, raw line and exact quote:

* ``stated_two_ways`` — one figure (issuer, indicator, measure, period) given with
  different values, in one report or across reports (often a change of basis:
  按老口径 / 按新口径 / 新区口径);
* ``growth_vs_multiple`` — a five-year review's average growth rate against the
  multiple it states for the same indicator (是2007年的2.2倍): a real growth rate
  cannot produce a nominal multiple;
* ``wording_changes`` — an indicator whose name changed over the years (a series
  whose definition or name changed: 公共财政收入 → 一般公共预算收入);
* ``table_vs_prose`` — the plan outline's indicator table against its own prose
  (表: 城镇登记失业率 <4.5; 正文: 保持在 4.5% 以内);
* ``revised_level``, ``average_vs_annual``, ``definition_switch``, ``plan_level_vs_growth`` — arithmetic across
  the whole record of Dalian's reports (:mod:`dalian_reports.pipeline.tables.audit`).

>>> import dalian_reports as dr
>>> found = dr.inconsistencies()
>>> sorted(found.check.unique())
['average_vs_annual', 'definition_switch', 'growth_vs_multiple', 'revised_level', 'stated_two_ways', 'table_vs_prose', 'wording_changes']
"""
from __future__ import annotations

from .memo import memo


COLUMNS = ["check", "issuer", "indicator", "measure", "period", "a_source", "a_quote", "a_value", "b_source",
           "b_quote", "b_value", "difference", "note"]
RELATIVE_TOLERANCE = 0.05  # growth_vs_multiple: flag when the implied and stated multiples differ by more than 5 %
OPERATOR_QUALIFIER = {">": "greater_than", "<": "less_than", "≥": "at_least", "≤": "at_most", "≈": "about",
                      "=": "exact"}


def _source(row) -> str:
    return f"{row.report_id} line {row.line}"


def _period(row) -> str:
    start, end = row.period_start, row.period_end
    return str(start) if start == end else f"{start}–{end}"


def _finding(check, a, b, a_value, b_value, note, **extra) -> dict:
    difference = b_value - a_value if isinstance(a_value, float) and isinstance(b_value, float) else float("nan")
    return dict(check=check, issuer=extra.get("issuer", a.issuer), indicator=extra.get("indicator", a.indicator),
                measure=extra.get("measure", a.measure), period=extra.get("period", _period(a)),
                a_source=_source(a), a_quote=a.quote, a_value=a_value, b_source=extra.get("b_source") or _source(b),
                b_quote=extra.get("b_quote") or b.quote, b_value=b_value, difference=difference, note=note)


def stated_two_ways(figures=None) -> list[dict]:
    """Same issuer, indicator, measure and period, different reported values (Chinese reports; results only —
    a target that differs from its outcome is not an inconsistency; urban and rural halves are kept apart)."""
    from .headline import headline_figures

    df = headline_figures() if figures is None else figures
    df = df[(df.lang == "zh") & df.indicator.notna() & df.value.notna() & df.kind.isin(["outcome", "plan_outcome"])
            & df.measure.isin(["level", "growth", "avg_growth", "rate"])].copy()
    df["half"] = df.basis.fillna("").str.extract(r"\b(urban|rural)\b", expand=False).fillna("")
    out = []
    keys = ["issuer", "indicator", "measure", "unit", "half", "period_start", "period_end"]
    for _, group in df.groupby(keys, dropna=False):
        values = group.drop_duplicates("value")
        if len(values) < 2:
            continue
        first = values.iloc[0]
        for _, other in values.iloc[1:].iterrows():
            bases = " / ".join(b for b in (first.basis, other.basis) if isinstance(b, str) and b) or "no basis stated"
            note = (f"{first.indicator_zh} {first.value:g}{first.unit} vs {other.indicator_zh} {other.value:g}{other.unit}"
                    f" for the same period; basis: {bases}")
            out.append(_finding("stated_two_ways", first, other, float(first.value), float(other.value), note))
    return out


def growth_vs_multiple(figures=None) -> list[dict]:
    """A multi-year average growth rate g over n years against a stated multiple m: (1 + g)^n should be m."""
    from .headline import headline_figures

    df = headline_figures() if figures is None else figures
    df = df[(df.kind == "plan_outcome") & df.indicator.notna()]
    out = []
    for (report_id, indicator), group in df.groupby(["report_id", "indicator"]):
        growth = group[group.measure == "avg_growth"]
        multiple = group[(group.measure == "multiple") & group.basis.fillna("").str.startswith("vs ")]
        for _, g in growth.iterrows():
            years = int(g.period_end - g.period_start + 1)
            for _, m in multiple.iterrows():
                implied = (1 + g.value / 100) ** years
                if abs(implied / m.value - 1) <= RELATIVE_TOLERANCE:
                    continue
                note = (f"{years} years at {g.value:g}% a year give ×{implied:.2f}, the report says ×{m.value:g} "
                        f"({m.basis}); a growth rate in constant prices cannot yield a multiple in current prices")
                out.append(_finding("growth_vs_multiple", g, m, round(implied, 4), float(m.value), note,
                                    measure="avg_growth vs multiple"))
    return out


def wording_changes(figures=None) -> list[dict]:
    """Indicators whose wording changed between reports: one finding per change, earliest wording first."""
    from .headline import headline_figures
    from ...vocab import normalize

    df = headline_figures() if figures is None else figures
    df = df[(df.lang == "zh") & (df.issuer == "dalian") & df.indicator.notna()
            & ~df.indicator_zh.str.contains("累计")].sort_values(["report_year", "line"])  # 累计: another measure
    df = df[~df.indicator_zh.isin(["增加值", "产值", "总产值", "人均"])]   # elliptical (…总产值…，增加值增长11%), not a name
    out = []
    for indicator, group in df.groupby("indicator"):
        firsts = group.drop_duplicates("indicator_zh")
        for (_, a), (_, b) in zip(firsts.iloc[:-1].iterrows(), firsts.iloc[1:].iterrows()):
            if a.report_year == b.report_year or normalize(a.indicator_zh).removeprefix("全市") == normalize(
                    b.indicator_zh).removeprefix("全市"):
                continue
            note = f"'{a.indicator_zh}' ({a.report_year} report) is called '{b.indicator_zh}' in the {b.report_year} report"
            out.append(_finding("wording_changes", a, b, float("nan"), float("nan"), note,
                                period=f"{a.report_year}→{b.report_year}"))
    return out


def table_vs_prose() -> list[dict]:
    """The 14th-plan indicator table against the plan outline's own 主要目标 prose."""
    from ...extract.headline import headline_records
    from ...sources.cleaning import report_text
    from .plans import fyp_indicators

    clean = report_text("dalian-fyp14-zh")
    rows, _ = headline_records(clean.text, "zh", 2021, jurisdiction="dalian")
    prose = {}
    for row in rows:
        code = row["indicator"]
        if code and row["kind"] == "plan_target" and row["value"] == row["value"]:
            key = (code, "avg_growth" if row["measure"] == "avg_growth" else "value")
            prose.setdefault(key, (row, *clean.quote(row["start"], row["end"])))
    out = []
    table = fyp_indicators(14)
    for t in table.itertuples():
        has_growth = t.avg_growth_value == t.avg_growth_value   # not NaN
        key = (t.indicator, "avg_growth" if has_growth else "value")
        if key not in prose or t.target_op is None:
            continue
        row, line, quote = prose[key]
        value = t.avg_growth_value if row["measure"] == "avg_growth" else t.target_value
        text = t.avg_growth_text if row["measure"] == "avg_growth" else t.target_text
        if value != value:  # NaN: the table has no comparable cell
            continue
        op = _operator(text)
        table_qualifier = OPERATOR_QUALIFIER.get(op, "exact")
        if value == row["value"] and table_qualifier == row["qualifier"]:
            continue
        a = _Row(issuer="dalian", indicator=t.indicator, measure=row["measure"], report_id="dalian-fyp14-zh",
                 line=int(t.line), quote=str(text), period_start=2021, period_end=2025)
        b = _Row(issuer="dalian", indicator=t.indicator, measure=row["measure"], report_id="dalian-fyp14-zh",
                 line=line, quote=quote, period_start=row["period_start"], period_end=row["period_end"])
        note = (f"table: {t.indicator_zh} {text} ({table_qualifier}); prose: {row['wording']} "
                f"{row['value']:g}% ({row['qualifier']})")
        out.append(_finding("table_vs_prose", a, b, float(value), float(row["value"]), note))
    return out


def _operator(text: str) -> str:
    text = (text or "").strip()
    if text.endswith("左右"):
        return "≈"
    return text[0] if text[:1] in OPERATOR_QUALIFIER else "="


class _Row:
    def __init__(self, **fields):
        self.__dict__.update(fields)


@memo
def inconsistencies():
    """All findings of the checks as one table (columns: check, issuer, indicator, measure, period,
    a_source, a_quote, a_value, b_source, b_quote, b_value, difference, note)."""
    import pandas as pd

    from .headline import headline_figures

    from .audit import audit_findings

    figures = headline_figures()
    rows = (stated_two_ways(figures) + growth_vs_multiple(figures) + wording_changes(figures) + table_vs_prose()
            + audit_findings())
    df = pd.DataFrame(rows, columns=COLUMNS)
    df = df.astype({"a_value": "float64", "b_value": "float64", "difference": "float64"})
    return df.astype({c: "string" for c in COLUMNS if c not in ("a_value", "b_value", "difference")})
