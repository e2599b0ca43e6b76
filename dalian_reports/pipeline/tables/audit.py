"""Cross-document arithmetic on the whole record: checks that need several reports of one jurisdiction.

Each check reads ``targets_panel`` (the corpus's work reports, one row per stated figure) and returns findings
in the format of :mod:`dalian_reports.pipeline.tables.consistency`, with both quotes:

* ``revised_level`` — a level that falls between two successive reports while the later report states positive
  growth for the same indicator: the earlier level was revised (a rebasing such as the 2018 economic census);
* ``average_vs_annual`` — a five-year review's average growth rate against the annual growth rates the reports
  of those years stated: the annual rates compounded should give the average;
* ``definition_switch`` — an indicator whose definition changed between reports (农民人均纯收入 → 农村居民人均
  可支配收入), so its levels before and after are not comparable (the switches are data:
  ``dalian_reports/vocab/definitions.csv``);
* ``plan_level_vs_growth`` — a five-year plan's level target that needs more growth than the plan's own growth
  target for the same indicator.
"""
from __future__ import annotations

import math


from ...vocab import HERE
from ..._csv import read_csv_rows

AVERAGE_TOLERANCE_PP = 0.3   # average_vs_annual: flag when the compounded annual rates differ by more than this
LEVEL_UNITS = {"亿元": 1.0, "万亿元": 1e4, "元": 1.0, "万元": 1.0}


class _Row:
    """A finding's side, with the attributes the consistency module's ``_finding`` reads."""

    def __init__(self, **fields):
        self.__dict__.update(fields)


def _side(r, jurisdiction: str) -> _Row:
    return _Row(issuer=jurisdiction, indicator=r.indicator, measure=r.measure, report_id=f"corpus:{r.source_file}",
                line=int(r.line), quote=r.quote, period_start=_int(r.period_start, r.year), period_end=int(r.year))


def _int(x, default) -> int:
    return int(default) if x is None or (isinstance(x, float) and math.isnan(x)) or x != x else int(x)


def _outcomes(panel, jurisdiction: str, measure: str):
    """The next report's own one-year outcome per (indicator, year): the first such row of that report."""
    rows = panel[(panel["jurisdiction"] == jurisdiction) & (panel["kind"] == "outcome") & (panel["status"] == "stated")
                 & (panel["measure"] == measure) & (panel["report_year"] == panel["year"] + 1)
                 & panel["indicator"].notna()]
    return rows.sort_values(["indicator", "year", "line"], kind="stable").drop_duplicates(["indicator", "year"])


def revised_levels(panel, jurisdiction: str = "dalian") -> list[dict]:
    """A level of year Y+1 below the level of year Y while the Y+1 growth is positive (both from the reports)."""
    from .consistency import _finding

    levels = _outcomes(panel, jurisdiction, "level")
    levels = levels[levels["unit"].isin(list(LEVEL_UNITS)) & levels["qualifier"].isin(["exact", "about"])]
    growth = _outcomes(panel, jurisdiction, "growth").set_index(["indicator", "year"])
    out = []
    for indicator, group in levels.groupby("indicator"):
        rows = list(group.itertuples())
        for a, b in zip(rows, rows[1:]):
            if int(b.year) != int(a.year) + 1 or (indicator, b.year) not in growth.index:
                continue
            g = growth.loc[(indicator, b.year)]
            va, vb = a.value * LEVEL_UNITS[a.unit], b.value * LEVEL_UNITS[b.unit]
            if vb < va and g["value"] > 0:
                note = (f"{indicator} {int(b.year)}: {b.value:g}{b.unit} with growth {g['value']:g}% is below the "
                        f"{int(a.year)} level {a.value:g}{a.unit}: the earlier level was revised (or the basis changed)")
                out.append(_finding("revised_level", _side(a, jurisdiction), _side(b, jurisdiction), float(va),
                                    float(vb), note, period=f"{int(a.year)}→{int(b.year)}", measure="level"))
    return out


def averages_vs_annual(panel, jurisdiction: str = "dalian") -> list[dict]:
    """A multi-year average growth (plan_outcome avg_growth) against the compounded annual growth rates."""
    from .consistency import _finding

    annual = _outcomes(panel, jurisdiction, "growth").set_index(["indicator", "year"])
    averages = panel[(panel["jurisdiction"] == jurisdiction) & (panel["kind"] == "plan_outcome")
                     & (panel["measure"] == "avg_growth") & (panel["status"] == "stated") & panel["indicator"].notna()
                     & panel["period_start"].notna()]
    averages = averages.drop_duplicates(["indicator", "period_start", "year", "value"])
    out = []
    for r in averages.itertuples():
        years = range(int(r.period_start), int(r.year) + 1)
        rates = [annual.loc[(r.indicator, y)] for y in years if (r.indicator, y) in annual.index]
        if len(rates) != len(years) or len(years) < 2:
            continue
        compounded = (math.prod(1 + x["value"] / 100 for x in rates) ** (1 / len(years)) - 1) * 100
        if abs(compounded - r.value) <= AVERAGE_TOLERANCE_PP:
            continue
        annual_text = "; ".join(f"{y}: {x['value']:g}% (line {int(x['line'])} of {x['source_file']})"
                                for y, x in zip(years, rates))
        note = (f"the annual rates stated in the reports ({annual_text}) compound to {compounded:.2f}% a year; "
                f"the review says {r.value:g}%")
        b = _Row(issuer=jurisdiction, indicator=r.indicator, measure="growth", report_id="corpus:(annual reports)",
                 line="", quote=annual_text, period_start=years[0], period_end=years[-1])
        out.append(_finding("average_vs_annual", _side(r, jurisdiction), b, float(r.value), round(compounded, 4),
                            note, b_source="the reports of each year", b_quote=annual_text))
    return out


def _switches() -> list[dict]:
    return list(read_csv_rows(HERE / "definitions.csv", [], shown=str(HERE / "definitions.csv")))


def definition_switches(panel, jurisdiction: str = "dalian") -> list[dict]:
    """The last report with the old definition and the first with the new (vocab/definitions.csv)."""
    from .consistency import _finding

    rows = panel[(panel["jurisdiction"] == jurisdiction) & panel["wording"].notna() & (panel["status"] == "stated")]
    out = []
    for switch in _switches():
        mine = rows[rows["indicator"] == switch["indicator"]].sort_values(["report_year", "line"], kind="stable")
        old = mine[mine["wording"].str.contains(switch["before"], regex=True)]
        new = mine[mine["wording"].str.contains(switch["after"], regex=True)]
        if old.empty or new.empty:
            continue
        a = old.iloc[old["report_year"].argmax()]
        later = new[new["report_year"] > a["report_year"]]
        if later.empty:
            continue
        b = later.iloc[0]
        note = f"{switch['meaning']}: {a['wording']} ({a['report_year']} report) → {b['wording']} ({b['report_year']})"
        out.append(_finding("definition_switch", _side(_as_row(a), jurisdiction), _side(_as_row(b), jurisdiction),
                            float("nan"), float("nan"), note, period=f"{a['report_year']}→{b['report_year']}"))
    return out


def _as_row(series):
    return _Row(**series.to_dict())


def plan_levels_vs_growth() -> list[dict]:
    """A 14th-plan level target whose implied average growth exceeds the plan's own growth target of the same
    indicator (both from the plan's indicator table; levels in a growth indicator's unit are skipped)."""
    from .consistency import _finding
    from .plans import fyp_indicators

    table = fyp_indicators(14)
    growth = {r.indicator: r for r in table.itertuples() if r.avg_growth_value == r.avg_growth_value}
    out = []
    for r in table.itertuples():
        if r.indicator not in growth or not (r.target_value == r.target_value and r.base_value == r.base_value):
            continue
        if r.unit == "%" or r.base_value <= 0:
            continue
        years = int(r.target_year) - int(r.base_year)
        implied = ((r.target_value / r.base_value) ** (1 / years) - 1) * 100
        g = growth[r.indicator]
        if implied <= g.avg_growth_value + AVERAGE_TOLERANCE_PP:
            continue
        side = _Row(issuer="dalian", indicator=r.indicator, measure="level", report_id="dalian-fyp14-zh",
                    line=int(r.line), quote=str(r.target_text), period_start=int(r.base_year),
                    period_end=int(r.target_year))
        other = _Row(issuer="dalian", indicator=r.indicator, measure="avg_growth", report_id="dalian-fyp14-zh",
                     line=int(g.line), quote=str(g.avg_growth_text), period_start=int(r.base_year) + 1,
                     period_end=int(r.target_year))
        note = (f"from {r.base_value:g} to {r.target_value:g}{r.unit} in {years} years needs {implied:.2f}% a year; "
                f"the plan's growth target is {g.avg_growth_text}")
        out.append(_finding("plan_level_vs_growth", side, other, round(implied, 4), float(g.avg_growth_value), note,
                            measure="implied growth vs target"))
    return out


def audit_findings() -> list[dict]:
    """Every finding of the four checks above (the panel is the committed one when the corpus is absent)."""
    from .catalog import build_table

    panel = build_table("targets_panel")
    return (revised_levels(panel) + averages_vs_annual(panel) + definition_switches(panel)
            + plan_levels_vs_growth())



