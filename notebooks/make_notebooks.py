"""Write the analysis notebooks' cells (unexecuted). ``dalian-reports notebooks`` then executes them in place.

The notebooks are the committed, executed artefacts; this script is their source, so
that a change of wording is one reviewed diff here rather than a JSON edit. Run:
``.venv/bin/python notebooks/make_notebooks.py && .venv/bin/dalian-reports notebooks``.
"""
from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent

SETUP = """import pandas as pd
import dalian_reports as dr
from dalian_reports.plots import house_style, figures

pd.set_option("display.max_colwidth", 60)
pd.set_option("display.width", 200)"""


def notebook(cells: list[tuple[str, str]]) -> nbformat.NotebookNode:
    nb = new_notebook()
    nb.cells = [new_markdown_cell(src) if kind == "md" else new_code_cell(src) for kind, src in cells]
    for number, cell in enumerate(nb.cells):
        cell.id = f"cell-{number:02d}"  # stable ids: regenerating gives the same file
    nb.metadata = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                   "language_info": {"name": "python"}}
    return nb


NOTEBOOKS = {
    "00_sources.ipynb": [
        ("md", """# 00 · The sources: what the data rests on

Every table in this project comes from five public documents kept byte-identical in `data/raw/`.
This notebook lets a reader audit them: what each document is, which reports the compilation holds,
how the overwritten years were restored, what cleaning removed, and where the documents contradict
each other or themselves. Everything below is computed by the library; nothing is typed in."""),
        ("code", SETUP),
        ("md", """## The five documents

The manifest records each file's checksum; loading refuses a file whose bytes changed."""),
        ("code", """dr.manifest()[["source_id", "title_en", "issuer_code", "doc_type", "lang", "delivered", "bytes"]]"""),
        ("md", """## The reports, with their true years

Source `000` is a compilation: several Dalian reports pasted one after another, one of them twice, and
every "20xx" overwritten with "2024". The library splits it (`split by …` in the evidence) and fixes each
report's year from what the text says about itself — congress session numbers, plan-period wording,
events — never from the corrupted date line. The pasted copy is kept but marked `duplicate_of`, so it is
never counted twice."""),
        ("code", """reports = dr.reports()
reports[["report_id", "source_id", "report_year", "delivered", "session", "speaker", "line_start", "line_end", "duplicate_of"]]"""),
        ("code", """for row in reports[reports.source_id == "000"].itertuples():
    print(row.report_id, "←", row.evidence, end="\\n\\n")"""),
        ("md", """## Restoring the overwritten years

Each of the 51 "2024" tokens of the compilation gets a status and the rule that decided it. `not_a_year`
marks amounts (突破2024亿元 — its digits were overwritten too) and titles (《中国制造2024》); `unknown`
marks years the text does not fix. In the restored text every token that is not restored reads `20??`,
so no later step can mistake it for a number."""),
        ("code", """years = dr.year_restorations()
years.groupby(["status", "rule"], observed=True).size().rename("tokens").to_frame()"""),
        ("code", """years[years.status != "restored"][["line", "occurrence", "context", "report_id", "status", "rule", "why"]]"""),
        ("md", """A five-year review shows why context matters: in one sentence the same corrupted token stands for two
different years — the last year of the five (2012) and the year before they began (2007)."""),
        ("code", """years[years.line == 391][["occurrence", "context", "restored", "rule"]].head(4)"""),
        ("md", """## Cleaning rules

Cleaning removes only known artifacts, each by a named rule. Every character of the cleaned text keeps
the raw offset it came from, so any figure found later maps back to its raw line and an exact quote."""),
        ("code", """dr.cleaning_rules()"""),
        ("code", """english = dr.report_text("dalian-2024-en")
start = english.text.index("about 3%. The income")
print("cleaned:", english.text[start:start + 30])
print("raw line %d:" % english.quote(start, start + 30)[0], english.quote(start, start + 30)[1])"""),
        ("md", """## Inconsistencies a careful reader finds

Four checks run over the tidy tables; each finding shows both sides with report, raw line and quote.

* **A figure stated two ways** — fixed-asset investment for 2011 and 2012 is given on two statistical
  bases; Jinzhou's 2020 figures appear once for the district and again, in the notes, on the wider
  new-area basis (the report does not label them, so the table shows "no basis stated").
* **A level that cannot follow from the growth rate** — the 2013 report says GDP grew 14.2% a year for five
  years and is 2.2 times its 2007 level; 1.142⁵ is only 1.94. The growth rate is real (constant prices),
  the multiple nominal: the two cannot be compared without a deflator.
* **A series whose name changed** — budget revenue is 地方财政一般预算收入 in 2012, 公共财政收入 in 2013,
  一般公共预算收入 from 2016; rural income switches from 纯收入 to 可支配收入 later in the decade.
* **A table against its own prose** — the 14th-plan table says GDP growth ">6" and unemployment "<4.5";
  the outline's prose says "6% 以上" (at least) and "4.5% 以内" (at most)."""),
        ("code", """found = dr.inconsistencies()
found[["check", "indicator", "period", "a_source", "a_value", "b_source", "b_value", "note"]]"""),
        ("md", """Nothing is silently dropped: numbers inside headline paragraphs that did not become a row with a
known indicator are listed with the reason."""),
        ("code", """dr.unparsed()[["report_id", "line", "number", "reason"]]"""),
    ],
    "01_growth_target_drift.ipynb": [
        ("md", """# 01 · Growth-target drift: what Dalian promised, and what it reported

Each spring a Chinese city government sets targets for the year ("地区生产总值增长10%左右") and reports the
previous year's results. This notebook lines them up for Dalian from 2012 to 2024, with the qualifiers
that matter (*about*, *at least*, a *range*), the plan-period targets above them, and — from the context
data — the national targets and the official outcomes. Every number below carries its report and raw line."""),
        ("code", SETUP),
        ("md", """## GDP targets by year

Targets come from each report's 主要预期目标 paragraph; outcomes from the next report's 预计… paragraph
(the government's own early estimate, not the statistical bulletin)."""),
        ("code", """gdp = dr.headline_figures().query("issuer == 'dalian' and lang == 'zh' and indicator == 'gdp' and measure == 'growth'")
gdp[["kind", "period_start", "value", "value_high", "qualifier", "report_id", "line", "quote"]].sort_values(["period_start", "kind"])"""),
        ("code", """with house_style("en"):
    fig = figures.gdp_target_drift(lang="en")
fig"""),
        ("md", """The drift is steep: 13% for 2012, "about 11%" for 2013, 10% for 2014, a 6.5–7% *range* for 2016, "about
6%" for 2024 — while the qualifiers soften from exact numbers to *about* and ranges. The term target of the
2013 report ("年均保持两位数增长", at least 10% a year for 2013–2017) was abandoned by 2016."""),
        ("md", """## Target against outcome

`target_vs_outcome()` pairs each target with the report's own estimate and, from the context data, with the
official figure. Gaps are outcome − target in percentage points; *hit* respects the qualifier (an *about*
target allows a tolerance of 0.5 pp, stated in `dalian_reports.verdicts.ABOUT_TOLERANCE_PP`; *at
least* means not below; a range means inside). Rows from years outside the five documents come from the
context data, with their sources."""),
        ("code", """tvo = dr.target_vs_outcome()
tvo[["year", "target_text", "target_source", "estimate_value", "estimate_source", "gap_estimate_pp", "hit_estimate", "official_value", "gap_official_pp", "hit_official"]]"""),
        ("code", """with house_style("en"):
    fig = figures.target_vs_outcome_gap(lang="en")
fig"""),
        ("code", """judged = tvo[tvo.hit_estimate != "n/a"]
print(f"Dalian's own estimate met its GDP target in {(judged.hit_estimate == 'hit').sum()} of {len(judged)} judged years")"""),
        ("md", """## Estimate against official figure

The report's estimate (预计) is written in January, before the statistical bulletin. Where both exist the
difference is the revision; be careful with levels across 2018 (the fourth economic census rebased GDP) and
with Liaoning's 2011–2014 figures, which the province admitted in 2017 had been inflated
(`data/reference/CAVEATS.md` gives the sources)."""),
        ("code", """tvo.dropna(subset=["estimate_value", "official_value"])[["year", "estimate_value", "estimate_source", "official_value", "official_source"]]"""),
        ("md", """## Which indicators were targeted, under which names

The set of targeted indicators changes: FDI drops out after 2013; CPI appears in 2016; energy intensity
turns from an annual decline into a cumulative one since 2020; budget revenue is renamed twice."""),
        ("code", """with house_style("en"):
    fig = figures.indicator_coverage(lang="en")
fig"""),
        ("code", """found = dr.inconsistencies()
found[found.check == "wording_changes"][["indicator", "period", "a_source", "b_source", "note"]]"""),
        ("md", """## Plan-period targets against annual targets

The annual GDP targets sit above the plan-period averages in the early 2010s and close to them after 2016.
The 14th plan's GDP target (">6" a year for 2021–2025, plan table line 182) is read next to the annual
targets of the same period."""),
        ("code", """plan = dr.headline_figures().query("issuer == 'dalian' and kind == 'plan_target' and indicator == 'gdp'")
plan[["report_id", "period_start", "period_end", "measure", "value", "unit", "qualifier", "basis", "line", "quote"]]"""),
        ("code", """dr.fyp_indicators(14).query("indicator == 'gdp'")[["indicator_zh", "base_text", "avg_growth_text", "line"]]"""),
        ("md", """## The amplification ladder: nation < province < city < district?

Li, Liu, Weng and Zhou (2019, *Economic Journal*) document that targets are amplified down the hierarchy.
Dalian's GDP target sat well above the national one in 2012–2014 (by 2.5–5.5 points) and within a point of
it from 2016, except for 2022 (8% against 5.5%); the one district report in the corpus (Jinzhou, 2021) sets "6.5% 以上", above the city's "about 6.5%"
of the same year (context data) and above the national "above 6%"."""),
        ("code", """ladder = dr.target_ladder()
ladder.pivot_table(index="year", columns="jurisdiction", values="value", aggfunc="first", observed=True).loc[2010:]"""),
        ("code", """with house_style("en"):
    fig = figures.target_ladder(lang="en")
fig"""),
    ],
    "02_five_year_plans.ipynb": [
        ("md", """# 02 · The five-year plans: what was promised, what was met

The 14th Five-Year Plan outline (2021) holds two tables economists quote: the completion table of the
13th plan (2016–2020) and the main indicators of the 14th (2021–2025). PDF extraction broke them —
missing and shifted cells, a row split across a page break (绿色 … 生态), a word cut in two (完成省下 …
达任务). The library rebuilds them by named rules and says, per row, how each cell was placed."""),
        ("code", SETUP),
        ("md", """## The 13th plan: met or missed?

The status rule respects the operator and the direction of the indicator: a floor (>, ≥) is met when the
result is at or above it, a ceiling (<, ≤) when at or below, a reduction (降低, 下降, 减少) when the
reduction achieved is at least the one targeted; [bracketed] figures are five-year cumulative totals and
are compared only with bracketed results. Rows without a target, or with a target on another basis, are
`not_comparable`, with the reason."""),
        ("code", """fyp13 = dr.plan13_status()
fyp13[["category", "number", "indicator_zh", "sub_indicator_zh", "target_text", "achieved_text", "attribute", "status"]]"""),
        ("code", """pd.crosstab([fyp13.category, fyp13.attribute], fyp13.status, margins=True)"""),
        ("code", """with house_style("en"):
    fig = figures.fyp13_status(lang="en")
fig"""),
        ("md", """Misses are few and telling: the registered-population urbanisation rate (户籍人口 73.5 → 70.2), urban
residents' income (50 336 元 targeted, 47 380 元 reached) and life expectancy (81.9 → 81.5). Be careful with
the economic rows: the table's 平均增速 column is growth *achieved*, not a target (the urban-income row's
5.7% is exactly the compound rate from 35 889 to 47 380), so GDP, productivity and budget revenue have no
target to compare with and are `not_comparable`."""),
        ("code", """fyp13[fyp13.status != "met"][["indicator_zh", "sub_indicator_zh", "target_text", "achieved_text", "status", "status_rule"]]"""),
        ("md", """## The 14th plan: baseline → target

For each level indicator, the implied compound annual change 2020 → 2025 is ((target / base)^(1/5) − 1).
Growth-rate rows are not levels and have no implied rate; text targets ("完成省下达任务", the provincial
assignment) cannot be quantified."""),
        ("code", """fyp14 = dr.plan14_implied_growth()
fyp14[["category", "number", "indicator_zh", "base_text", "target_text", "avg_growth_text", "attribute", "implied_cagr_pct"]].round(2)"""),
        ("code", """fyp14.groupby("attribute", observed=True).size().rename("indicators").to_frame()"""),
        ("code", """with house_style("en"):
    fig = figures.fyp14_targets(lang="en")
fig"""),
        ("md", """How each cell was placed — read this before citing a number from the table:"""),
        ("code", """fyp14[["number", "indicator_zh", "line", "alignment_note"]].head(8)"""),
        ("md", """## Mid-term look: the 2024 report against the 14th plan

The 2024 work report gives 2023 results. Where an indicator and measure match a 14th-plan target, they
sit side by side below (a single year's growth against a five-year average is indicative, not a test)."""),
        ("code", """outcomes_2023 = dr.outcomes().query("report_id == 'dalian-2024-zh' and period_start == 2023")
plan = fyp14.assign(plan_growth=fyp14.avg_growth_text.fillna(fyp14.target_text))[["indicator", "indicator_zh", "plan_growth", "attribute"]]
outcomes_2023.merge(plan, on="indicator", suffixes=("_2023", "_plan"))[
    ["indicator", "indicator_zh_2023", "measure", "value", "qualifier", "indicator_zh_plan", "plan_growth", "line"]]"""),
    ],
    "03_jinzhou_district.ipynb": [
        ("md", """# 03 · Jinzhou District (Jinpu New Area) against Dalian

The 2021 work report of Jinzhou District (金州区, administered with Jinpu New Area 金普新区) gives the
district's 2020 results, its 13th-plan record, its 14th-plan and 2021 targets, and several figures as
shares of the city or province. This notebook reads them and sets each beside the Dalian figure for the same
indicator, measure and period where the sources have one."""),
        ("code", SETUP),
        ("md", """## The district's figures

Careful: the report states its 2020 results on two territorial bases. The main text uses the 25 streets of
the Jinzhou administrative district (金州行政区口径); the glossary repeats the headline figures on the wider
New Area basis (新区口径: GDP 2 320.4 亿元 instead of 2 079.4 亿元). The `basis` column tells them apart."""),
        ("code", """district = dr.district_figures()
district.groupby(["kind", "period_start", "period_end"], observed=True).size().rename("figures").to_frame()"""),
        ("code", """district.query("kind == 'outcome'")[["indicator", "indicator_zh", "measure", "value", "unit", "qualifier", "basis", "share_of", "line"]]"""),
        ("md", """## 13th-plan record and 14th-plan targets"""),
        ("code", """district.query("kind in ['plan_outcome', 'plan_target']")[["kind", "period_start", "period_end", "indicator_zh", "measure", "value", "unit", "qualifier", "basis", "line"]]"""),
        ("md", """## 2021 targets — above the city's?"""),
        ("code", """district.query("kind == 'target'")[["indicator", "indicator_zh", "measure", "value", "unit", "qualifier", "line", "quote"]]"""),
        ("md", """## Shares of the city and the province

A share tells how large the district is within Dalian without any level for the city."""),
        ("code", """district[district.share_of.fillna("") != ""][["indicator_zh", "period_start", "period_end", "value", "qualifier", "share_of", "line", "quote"]]"""),
        ("md", """## District against city, side by side

`district_vs_city()` pairs each district figure with the city's from the 14th-plan table (2020 baseline and
2021–2025 targets), the 13th-plan table (2020 results, 2016–2020 growth) or the city's reports. Differences
are computed only when units agree and both sides are values, not bounds; the `note` says why when not."""),
        ("code", """pairs = dr.district_vs_city()
pairs[pairs.pairing != "unpaired"][["indicator", "measure", "period_start", "period_end", "district_value", "district_qualifier", "district_source", "city_value", "city_qualifier", "city_source", "difference", "district_pct_of_city"]]"""),
        ("code", """with house_style("en"):
    fig = figures.district_vs_city(lang="en")
fig"""),
        ("md", """What the pairing shows: the district grew more slowly than the city in 2020 (0.55% against 0.9%) and over
2016–2020 (4.7% a year against the 7 printed in the city's plan table — whose meaning, target or achieved, the
table does not settle; see `dr.fyp_indicators(13)`'s alignment note), yet it sets a higher GDP target for
2021–2025 (6.5% a year against the city's ">6"): the amplification of targets down the hierarchy. Figures
without a city counterpart are listed with the reason:"""),
        ("code", """pairs.query("pairing == 'unpaired'").note.str.split(";").str[0].value_counts().head(8)"""),
    ],
}


def main() -> None:
    for name, cells in NOTEBOOKS.items():
        nbformat.write(notebook(cells), HERE / name)
        print("wrote", HERE / name)


if __name__ == "__main__":
    main()
