"""Growth targets: the ladder from China down to Jinzhou, and Dalian's targets against its outcomes.

Seeds first, the corpus second, reference last
----------------------------------------------
*Seed* targets are read from the work reports themselves (:func:`headline_figures`, Chinese
reports only — the 2024 English translation repeats the Chinese figures): a row of kind
``target`` for one year, indicator and measure, without ``力争 (stretch)`` in its basis. Their
source is ``'<report_id> line <raw line>'`` and their text the exact raw quote. *Corpus* targets are read
the same way from the work reports of the lawtext/gov corpus (``targets_panel``: the nation, Liaoning,
Dalian 2001–2026); their source is ``'corpus:<file> line <n>'``. *Reference* rows
(:mod:`dalian_reports.pipeline.tables.reference`) fill only the years no primary text covers; their source is
``'reference/<file> row <n> <url>'``. A primary text (seed or corpus) replaces a reference row of the same year.
:func:`~dalian_reports.pipeline.tables.reference.reference_target_ladder` implements that precedence
and records in ``note`` any reference target that differs from the seed it gave way to.

Hit or miss
-----------
:func:`~dalian_reports.pipeline.tables.reference.hit_or_miss`: a growth target is a floor; an
``about`` (左右) target counts as met down to ``ABOUT_TOLERANCE_PP`` (=
:data:`dalian_reports.pipeline.tables.reference.ABOUT_TOLERANCE_PP`, 0.5 pp) below it; a range must be
hit inside; ``at_most`` / ``less_than`` (unemployment 3%以内) are ceilings. ``hit_rule`` spells
out the comparison for every row.

>>> t = target_vs_outcome()
>>> t.query("year == 2013")[["target_value", "target_qualifier", "target_source", "estimate_value",
...                          "estimate_source", "hit_estimate"]].values.tolist()
[[11.0, 'about', 'dalian-2013-zh line 440', 11.0, 'dalian-2014-zh line 7', 'hit']]
"""
from __future__ import annotations

from .memo import memo


from ...verdicts import is_missing

import math

LADDER_COLUMNS = ["year", "jurisdiction", "value", "value_high", "qualifier", "text", "source", "origin", "note"]
VS_COLUMNS = [
    "year", "indicator", "measure",
    "target_value", "target_high", "target_qualifier", "target_text", "target_source", "target_origin",
    "estimate_value", "estimate_qualifier", "estimate_text", "estimate_source", "estimate_origin",
    "official_value", "official_kind", "official_text", "official_source",
    "gap_estimate_pp", "gap_official_pp", "hit_estimate", "hit_official", "hit_rule",
    "national_target_value", "national_target_high", "national_target_qualifier", "national_target_source",
    "national_gap_pp", "note",
]
_VS_FLOATS = ["target_value", "target_high", "estimate_value", "official_value", "gap_estimate_pp",
              "gap_official_pp", "national_target_value", "national_target_high", "national_gap_pp"]
#: Reference outcome kinds that count as an official (statistics) figure; an 'estimate' is a
#: work report's own figure and goes to the estimate columns instead.
OFFICIAL_KINDS = ("official", "outcome")
SEED_ISSUERS = ("dalian", "jinzhou")


# ---------------------------------------------------------------------------------------------
# Seeds
# ---------------------------------------------------------------------------------------------
def _seed_rows(issuer: str, kind: str, indicator: str, measure: str):
    """Chinese headline rows of one issuer, kind, indicator and measure for single years, no 力争 rows."""
    from .headline import headline_figures

    df = headline_figures()
    keep = ((df["issuer"] == issuer) & (df["lang"] == "zh") & (df["kind"] == kind) & (df["indicator"] == indicator)
            & (df["measure"] == measure) & (df["period_start"] == df["period_end"])
            & ~df["basis"].fillna("").str.contains("力争"))
    return df[keep.fillna(False)].sort_values(["period_start", "report_year", "line"], kind="stable")


def seed_targets(indicator: str = "gdp", measure: str = "growth", issuers=SEED_ISSUERS):
    """Seed targets, one row per (jurisdiction, year), in the ``extra_targets`` format of
    :func:`~dalian_reports.pipeline.tables.reference.reference_target_ladder`: jurisdiction, year, value,
    value_high, qualifier, text (exact raw quote), source ('<report_id> line <n>'), note (other
    seed rows of the same year, if any).

    >>> s = seed_targets()
    >>> s.query("jurisdiction == 'jinzhou'")[["year", "value", "qualifier", "source"]].values.tolist()
    [[2021, 6.5, 'at_least', 'jinzhou-2021-zh line 70']]
    """
    import pandas as pd

    out = []
    for issuer in issuers:
        rows = _seed_rows(issuer, "target", indicator, measure)
        for year, group in rows.groupby("period_start", sort=True):
            first = group.iloc[0]
            others = [f"{r.value:g} {r.qualifier} ({r.report_id} line {r.line})" for r in group.iloc[1:].itertuples()]
            out.append(dict(jurisdiction=issuer, year=int(year), value=float(first["value"]),
                            value_high=float(first["value_high"]), qualifier=str(first["qualifier"]),
                            text=str(first["quote"]), source=f"{first['report_id']} line {first['line']}",
                            note=("other seed rows: " + "; ".join(others)) if others else None))
    frame = pd.DataFrame(out, columns=["jurisdiction", "year", "value", "value_high", "qualifier", "text", "source",
                                       "note"])
    return frame.astype({"year": "int64", "value": "float64", "value_high": "float64"})


def _panel_rows(kind: str, indicator: str, measure: str, jurisdictions, relative: bool):
    """Rows of ``targets_panel`` for one kind, indicator and measure (and relative rows if asked), one-year
    figures only, sorted so that the first row of a (jurisdiction, year) is the report's first statement."""
    from .catalog import build_table

    panel = build_table("targets_panel")
    one_year = (panel["period_start"] == panel["year"]) | panel["period_start"].isna()
    stated = (panel["measure"] == measure) & (panel["status"] == "stated")
    wanted = stated | (panel["status"] == "relative") if relative else stated
    only_stretch = panel["stretch_value"].notna() & (panel["stretch_value"] == panel["value"])   # 力争增长8%
    keep = ((panel["kind"] == kind) & (panel["indicator"] == indicator) & panel["jurisdiction"].isin(jurisdictions)
            & one_year & wanted & ~only_stretch)
    return panel[keep.fillna(False)].sort_values(["jurisdiction", "year", "report_year", "line"], kind="stable")


def _first_per_year(rows, kind_label: str):
    """One entry per (jurisdiction, year): the first row, with the others named in a note."""
    out = []
    for (j, year), group in rows.groupby(["jurisdiction", "year"], sort=True, observed=True):
        first = group.iloc[0]
        others = [f"{r.quote} (line {int(r.line)})" for r in group.iloc[1:].itertuples()]
        out.append(dict(jurisdiction=str(j), year=int(year), value=float(first["value"]),
                        value_high=float(first["value_high"]), qualifier=str(first["qualifier"]),
                        text=str(first["quote"]), source=f"corpus:{first['source_file']} line {int(first['line'])}",
                        origin="corpus", note=(f"other {kind_label} rows: " + "; ".join(others)) if others else None))
    return out


def corpus_targets(indicator: str = "gdp", jurisdictions=("china", "liaoning", "dalian"), measure: str = "growth"):
    """Targets read from the corpus's work reports (``targets_panel``), one row per (jurisdiction, year), in the
    ``extra_targets`` format with ``origin`` 'corpus': a stated target of the report's own year, or a relative one
    (与全国同步: no value, qualifier 'qualitative'). Source: 'corpus:<file> line <n>'.

    >>> c = corpus_targets()
    >>> c.query("jurisdiction == 'dalian' and year == 2019")[["value", "qualifier", "text"]].values.tolist()
    [[6.5, 'about', '地区生产总值增长6.5%左右']]
    """
    import pandas as pd

    rows = _panel_rows("target", indicator, measure, jurisdictions, relative=True)
    rows = rows[rows["year"] == rows["report_year"]]
    frame = pd.DataFrame(_first_per_year(rows, "target"),
                         columns=["jurisdiction", "year", "value", "value_high", "qualifier", "text", "source",
                                  "origin", "note"])
    return frame.astype({"year": "int64", "value": "float64", "value_high": "float64"})


def corpus_estimates(indicator: str = "gdp", measure: str = "growth", jurisdiction: str = "dalian") -> dict[int, dict]:
    """The next report's own figure for each year, from the corpus (``targets_panel`` outcomes of report_year
    year + 1): {year: entry} in the format of :func:`_estimates`."""
    rows = _panel_rows("outcome", indicator, measure, (jurisdiction,), relative=False)
    rows = rows[rows["report_year"] == rows["year"] + 1]
    return {e["year"]: dict(value=e["value"], qualifier=e["qualifier"], text=e["text"], source=e["source"],
                            origin="corpus", note=e["note"]) for e in _first_per_year(rows, "outcome")}


# ---------------------------------------------------------------------------------------------
# The ladder
# ---------------------------------------------------------------------------------------------
@memo
def target_ladder_long():
    """GDP growth targets of China, Liaoning, Dalian and Jinzhou, one row per (year, jurisdiction).

    Columns: year, jurisdiction ('china' | 'liaoning' | 'dalian' | 'jinzhou'), value, value_high
    (ranges only), qualifier, text (seed and corpus: exact raw quote; reference: the original's wording),
    source (seed: '<report_id> line <n>'; corpus: 'corpus:<file> line <n>'; reference: 'reference/<file> row
    <n> <url>'), origin ('seed' | 'corpus' | 'reference'), note (a differing target that was not used). A jurisdiction with no
    known target for a year has no row; a year with an explicit "no target" (China 2020) has a
    row with qualifier 'none' and no value.

    >>> t = target_ladder_long()
    >>> for row in t[t.year == 2013][["jurisdiction", "value", "qualifier", "source"]].values.tolist():
    ...     print(row)
    ['china', 7.5, 'about', 'corpus:政府工作报告-国务院/2013.md line 74']
    ['liaoning', 9.5, 'about', 'corpus:政府工作报告-省自治区/辽宁省/2013.md line 198']
    ['dalian', 11.0, 'about', 'dalian-2013-zh line 440']
    """
    import pandas as pd

    from .reference import JURISDICTIONS, reference_target_ladder

    seeds = seed_targets("gdp", "growth").assign(origin="seed")
    corpus = corpus_targets("gdp")
    corpus = corpus[~corpus.set_index(["jurisdiction", "year"]).index.isin(seeds.set_index(["jurisdiction", "year"]).index)]
    primary = pd.concat([seeds, corpus], ignore_index=True)
    wide = reference_target_ladder(extra_targets=primary.drop(columns=["note"]))
    seed_notes = {(r.jurisdiction, r.year): r.note for r in primary.itertuples() if isinstance(r.note, str)}
    rows = []
    for r in wide.to_dict("records"):
        for j in JURISDICTIONS:
            if is_missing(r[f"{j}_qualifier"]) and is_missing(r[f"{j}_value"]):
                continue
            notes = [n for n in (r[f"{j}_note"], seed_notes.get((j, int(r["year"])))) if not is_missing(n)]
            rows.append(dict(year=int(r["year"]), jurisdiction=j, value=r[f"{j}_value"],
                             value_high=r[f"{j}_value_high"], qualifier=r[f"{j}_qualifier"], text=r[f"{j}_text"],
                             source=r[f"{j}_source"], origin=r[f"{j}_origin"],
                             note="; ".join(notes) if notes else None))
    df = pd.DataFrame(rows, columns=LADDER_COLUMNS)
    df["_order"] = df["jurisdiction"].map({j: i for i, j in enumerate(JURISDICTIONS)})
    df = df.sort_values(["year", "_order"], kind="stable").drop(columns="_order")
    df = df.reset_index(drop=True).astype({"year": "int64", "value": "float64", "value_high": "float64"})
    return df.astype({c: "string" for c in ("jurisdiction", "qualifier", "text", "source", "origin", "note")})


# ---------------------------------------------------------------------------------------------
# Target against outcome
# ---------------------------------------------------------------------------------------------
def _dalian_targets(indicator: str, measure: str) -> dict[int, dict]:
    """Dalian's target per year: the seed, else the preferred reference target (note if they differ)."""
    from .reference import _source_label, reference_series

    out: dict[int, dict] = {}
    ref = reference_series("dalian", indicator, preferred_only=True)
    ref = ref[(ref["measure"] == measure) & (ref["kind"] == "target")]
    for _, r in ref.iterrows():
        out[int(r["year"])] = dict(value=r["value"], high=r["value_high"], qualifier=str(r["qualifier"]),
                                   text=_text(r["text"]), source=_source_label(r), origin="reference", note=None)
    corpus = corpus_targets(indicator, ("dalian",), measure).assign(value_high=lambda d: d["value_high"])
    seeds = seed_targets(indicator, measure, issuers=("dalian",)).assign(origin="seed")
    corpus = corpus[~corpus["year"].isin(seeds["year"])]
    for r in [*corpus.itertuples(), *seeds.itertuples()]:
        seed = dict(value=r.value, high=r.value_high, qualifier=r.qualifier, text=r.text, source=r.source,
                    origin=r.origin, note=r.note if isinstance(r.note, str) else None)
        old = out.get(int(r.year))
        if old is not None and not (_same(old["value"], seed["value"]) and _same(old["high"], seed["high"])
                                    and old["qualifier"] == seed["qualifier"]):
            seed["note"] = "; ".join(filter(None, [seed["note"], (
                f"{old['origin']} target differs and was not used: {_num(old['value'])} {old['qualifier']} "
                f"«{old['text']}» ({old['source']})")]))
        out[int(r.year)] = seed
    return out


def _num(x) -> str:
    return "NaN" if is_missing(x) else f"{x:g}"


def _estimates(indicator: str, measure: str, years) -> dict[int, dict]:
    """The report's own figure for each year: the next year's report (seed), else a work-report
    estimate in the reference data (kind 'estimate', source_kind 'gwr')."""
    from .reference import _source_label, reference_series

    out: dict[int, dict] = {}
    ref = reference_series("dalian", indicator)
    ref = ref[(ref["measure"] == measure) & (ref["kind"] == "estimate") & (ref["source_kind"] == "gwr")]
    ref = ref.sort_values(["year", "preferred", "source_file", "source_row"], ascending=[True, False, True, True])
    for year, group in ref.groupby("year", sort=True):
        r = group.iloc[0]
        out[int(year)] = dict(value=r["value"], qualifier=str(r["qualifier"]), text=_text(r["text"]),
                              source=_source_label(r), origin="reference", note=None)
    for year, entry in corpus_estimates(indicator, measure).items():
        old = out.get(year)
        if old is not None and not _same(old["value"], entry["value"]):
            entry = dict(entry, note="; ".join(filter(None, [entry["note"], (
                f"reference estimate differs: {old['value']:g} {old['qualifier']} ({old['source']})")])))
        out[year] = entry
    seeds = _seed_rows("dalian", "outcome", indicator, measure)
    seeds = seeds[seeds["report_year"] == seeds["period_start"] + 1]
    for year, group in seeds.groupby("period_start", sort=True):
        first = group.iloc[0]
        others = [f"{r.value:g} {r.qualifier} ({r.report_id} line {r.line})" for r in group.iloc[1:].itertuples()]
        seed = dict(value=float(first["value"]), qualifier=str(first["qualifier"]), text=str(first["quote"]),
                    source=f"{first['report_id']} line {first['line']}", origin="seed",
                    note=("other rows of the same report: " + "; ".join(others)) if others else None)
        old = out.get(int(year))
        if old is not None and not _same(old["value"], seed["value"]):
            seed["note"] = "; ".join(filter(None, [seed["note"], (
                f"reference estimate differs: {old['value']:g} {old['qualifier']} ({old['source']})")]))
        out[int(year)] = seed
    return {y: v for y, v in out.items() if y in set(years)}


def _officials(indicator: str, measure: str) -> dict[int, dict]:
    """The preferred reference outcome per year when it is an official or outcome figure."""
    from .reference import _source_label, official_outcomes

    out: dict[int, dict] = {}
    ref = official_outcomes("dalian", indicator, preferred_only=True)
    ref = ref[ref["measure"] == measure]
    for _, r in ref.iterrows():
        out[int(r["year"])] = dict(value=r["value"], kind=str(r["kind"]), qualifier=str(r["qualifier"]),
                                   text=_text(r["text"]), source=_source_label(r),
                                   quality=str(r["source_quality"]))
    return out


def _hit_rule(value, high, qualifier) -> str:
    from ...verdicts import ABOUT_TOLERANCE_PP

    if is_missing(value) or qualifier in ("qualitative", "none") or is_missing(qualifier):
        return "no numeric target: n/a"
    v = f"{value:g}"
    return {
        "exact": f"hit if outcome ≥ {v} (a growth target is a floor)",
        "at_least": f"hit if outcome ≥ {v}",
        "greater_than": f"hit if outcome > {v}",
        "about": f"hit if outcome ≥ {v} − ABOUT_TOLERANCE_PP ({ABOUT_TOLERANCE_PP:g}) = {value - ABOUT_TOLERANCE_PP:g}",
        "at_most": f"hit if outcome ≤ {v}",
        "less_than": f"hit if outcome < {v}",
        "range": f"hit if {v} ≤ outcome ≤ {high:g}" if not is_missing(high) else "range without upper bound: n/a",
        "unknown": "wording lost: hit/miss only if the readings exact, about and at_least agree",
    }.get(qualifier, "n/a")


@memo
def target_vs_outcome(indicator: str = "gdp", measure: str = "growth"):
    """Each Dalian target against the report's own estimate and the official figure.

    One row per year with a Dalian target (seed, else reference). Columns:

    * year, indicator, measure;
    * target_value, target_high (ranges), target_qualifier, target_text, target_source,
      target_origin ('seed' | 'reference');
    * estimate_value, estimate_qualifier, estimate_text, estimate_source, estimate_origin — the
      figure for that year in the *next* year's work report (e.g. the 2013 estimate in
      dalian-2014-zh), else a work-report estimate from the reference data;
    * official_value, official_kind ('official' = statistics authority, 'outcome' = an actual
      from another page), official_text, official_source — the preferred reference outcome of the
      year (:func:`official_outcomes`) when it is not itself a work-report estimate (then NaN and
      the estimate columns hold it; see ``note``);
    * gap_estimate_pp, gap_official_pp = outcome − target_value (for a range, its lower bound), in
      percentage points; positive means above the target;
    * hit_estimate, hit_official ('hit' | 'miss' | 'n/a') by
      :func:`~dalian_reports.pipeline.tables.reference.hit_or_miss` (an 'about' target is met down to
      ``ABOUT_TOLERANCE_PP`` = 0.5 pp below it); hit_rule spells it out;
    * national_target_value, national_target_high, national_target_qualifier,
      national_target_source, national_gap_pp = Dalian target − national target (lower bounds
      for ranges; GDP growth only);
    * note — anything that qualifies the row.

    Every ``*_source`` is '<report_id> line <n>' or 'reference/<file> row <n> <url>'.

    ``indicator`` / ``measure`` select another series with targets in the seeds, e.g.
    ``target_vs_outcome('budget_revenue')`` or ``target_vs_outcome('unemployment', 'rate')``
    (a ceiling: hit if the outcome stays at or below it).

    >>> t = target_vs_outcome()
    >>> t.query("year == 2012")[["target_value", "estimate_value", "gap_estimate_pp", "hit_estimate",
    ...                          "national_gap_pp"]].values.tolist()
    [[13.0, 11.0, -2.0, 'miss', 5.5]]
    """
    import pandas as pd

    from .reference import hit_or_miss, reference_target_ladder

    targets = _dalian_targets(indicator, measure)
    years = sorted(targets)
    estimates = _estimates(indicator, measure, years)
    officials = _officials(indicator, measure)
    national = {}
    if indicator == "gdp" and measure == "growth":
        lad = reference_target_ladder()
        for r in lad.to_dict("records"):
            if not is_missing(r["china_qualifier"]):
                national[int(r["year"])] = r
    rows = []
    for year in years:
        t = targets[year]
        e = estimates.get(year)
        o = officials.get(year)
        n = national.get(year)
        notes = [t["note"]] if t["note"] else []
        row = dict(year=year, indicator=indicator, measure=measure, target_value=t["value"], target_high=t["high"],
                   target_qualifier=t["qualifier"], target_text=t["text"], target_source=t["source"],
                   target_origin=t["origin"], hit_rule=_hit_rule(t["value"], t["high"], t["qualifier"]))
        if e is not None:
            row.update(estimate_value=e["value"], estimate_qualifier=e["qualifier"], estimate_text=e["text"],
                       estimate_source=e["source"], estimate_origin=e["origin"],
                       gap_estimate_pp=_gap(e["value"], t["value"]),
                       hit_estimate=hit_or_miss(t["value"], t["high"], t["qualifier"], e["value"]))
            if e["note"]:
                notes.append(e["note"])
            if e["qualifier"] not in ("exact", "about"):
                notes.append(f"the estimate is a bound ({e['qualifier']}: «{e['text']}»); judged by its number")
        else:
            row.update(hit_estimate="n/a")
            notes.append("no estimate: the seeds hold no report of the next year and the reference data no "
                         "work-report estimate")
        if o is not None and o["kind"] in OFFICIAL_KINDS:
            row.update(official_value=o["value"], official_kind=o["kind"], official_text=o["text"],
                       official_source=o["source"], gap_official_pp=_gap(o["value"], t["value"]),
                       hit_official=hit_or_miss(t["value"], t["high"], t["qualifier"], o["value"]))
            if o["quality"] != "official":
                notes.append(f"official figure from a {o['quality']} page")
        else:
            row.update(hit_official="n/a")
            if o is not None:
                notes.append(f"no official figure: the preferred reference outcome is a work-report estimate "
                             f"({o['value']:g}, {o['source']})")
            else:
                notes.append("no official figure in the reference data")
        if t["qualifier"] == "range":
            notes.append("gaps measured from the lower bound of the range")
        if n is not None:
            row.update(national_target_value=n["china_value"], national_target_high=n["china_value_high"],
                       national_target_qualifier=n["china_qualifier"], national_target_source=n["china_source"],
                       national_gap_pp=_gap(t["value"], n["china_value"]))
            if not is_missing(n["china_value_high"]) or t["qualifier"] == "range":
                notes.append("national gap between lower bounds")
        rows.append(row)
        row["note"] = "; ".join(notes) if notes else None
    df = pd.DataFrame(rows, columns=VS_COLUMNS)
    df = df.astype({"year": "int64"} | {c: "float64" for c in _VS_FLOATS})
    return df.astype({c: "string" for c in VS_COLUMNS if c not in _VS_FLOATS and c != "year"})


# ---------------------------------------------------------------------------------------------
def _same(a, b) -> bool:
    if is_missing(a) and is_missing(b):
        return True
    if is_missing(a) or is_missing(b):
        return False
    return abs(float(a) - float(b)) < 1e-9


def _gap(outcome, target) -> float:
    if is_missing(outcome) or is_missing(target):
        return math.nan
    return round(float(outcome) - float(target), 4)


def _text(x) -> str | None:
    return None if is_missing(x) else str(x)
