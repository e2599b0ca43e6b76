"""Named loaders: one function per shipped table, plus a few filters of them.

Each reads the shipped table (:func:`dalian_reports.load_table`) and, where it takes arguments, filters
it; nothing is recomputed. The "Columns" section of each docstring is generated from the table's
metadata (``data/metadata/<table>.yaml``) by the pipeline, and a test checks it is up to date.
"""
from __future__ import annotations

from ._load import _filter, load_table


def reports(include_duplicates: bool = True):
    """One row per report of the seed documents, with its true year and the evidence that fixed it.

    Parameters
    ----------
    include_duplicates : bool, default True
        Keep the pasted copy of the 2012 report (marked in ``duplicate_of``).

    Returns
    -------
    pandas.DataFrame
        .. columns: reports
        Columns (from data/metadata/reports.yaml):

        - ``report_id`` (string): report identifier: issuer-year-language (e.g. dalian-2014-zh); '-copy'
          marks a pasted duplicate
        - ``source_id`` (string): raw file id (data/sources.csv)
        - ``issuer`` (category): who issued the document: 'dalian' (municipal government) or 'jinzhou'
          (Jinzhou District / Jinpu New Area)
        - ``doc_type`` (category): government_work_report or five_year_plan_outline
        - ``lang`` (category): language of the document: 'zh' or 'en'
        - ``report_year`` (int64): true year the report was delivered (restored where the source
          overwrote it)
        - ``delivered`` (string): delivery date, ISO, as precise as the text proves
        - ``session`` (string): people's congress session, as written
        - ``speaker`` (string): who delivered the report, as written (empty when the text does not say)
        - ``line_start`` (int64): first raw line (1-based) of the report in its source file
        - ``line_end`` (int64): last raw line (1-based) of the report in its source file
        - ``duplicate_of`` (string): report_id of the original when this row is a pasted copy
        - ``evidence`` (string): the rules and lines that fixed the report's year
        .. end columns

    Examples
    --------
    >>> import dalian_reports as dr
    >>> dr.reports(include_duplicates=False).report_year.tolist()
    [2012, 2013, 2014, 2016, 2021, 2021, 2024, 2024]
    """
    df = load_table("reports")
    if not include_duplicates:
        df = df[df["duplicate_of"].isna()].reset_index(drop=True)
    return df


def year_restorations():
    """Every overwritten "2024" token of the compilation, with its restored year or status.

    Returns
    -------
    pandas.DataFrame
        .. columns: year_restorations
        Columns (from data/metadata/year_restorations.yaml):

        - ``source_id`` (string): raw file id (data/sources.csv)
        - ``line`` (int64): raw line (1-based) in the source file
        - ``occurrence`` (int64): 1-based count of the token within its line
        - ``column`` (int64): 0-based character column of the token in its raw line
        - ``context`` (string): text around the number or token, as in the raw file
        - ``report_id`` (string): report identifier: issuer-year-language (e.g. dalian-2014-zh); '-copy'
          marks a pasted duplicate
        - ``section`` (category): part of the report the token sits in: front (title lines), review (one
          year), review_5y (five-year review) or ahead (the work planned)
        - ``restored`` (Int64): the true year, when the text proves it (empty otherwise)
        - ``status`` (category): restored (the true year is proved by the text), not_a_year (an amount
          or part of a name whose digits were overwritten) or unknown (no rule fixes it; the restored
          text shows 20??)
        - ``rule`` (string): name of the rule that decided
        - ``why`` (string): the rule's reasoning
        .. end columns

    Examples
    --------
    >>> import dalian_reports as dr
    >>> dr.year_restorations().status.value_counts().to_dict()["restored"] > 0
    True
    """
    return load_table("year_restorations")


def headline_figures():
    """Every headline target and outcome of the seed work reports, one row per number.

    Returns
    -------
    pandas.DataFrame
        .. columns: headline_figures
        Columns (from data/metadata/headline_figures.yaml):

        - ``report_id`` (string): report identifier: issuer-year-language (e.g. dalian-2014-zh); '-copy'
          marks a pasted duplicate
        - ``source_id`` (string): raw file id (data/sources.csv)
        - ``issuer`` (category): who issued the document: 'dalian' (municipal government) or 'jinzhou'
          (Jinzhou District / Jinpu New Area)
        - ``lang`` (category): language of the document: 'zh' or 'en'
        - ``report_year`` (int64): true year the report was delivered (restored where the source
          overwrote it)
        - ``kind`` (category): what the figure is: target (the year's target), outcome (the past year's
          result as the report states it), plan_target, plan_outcome (five-year figures)
        - ``period_start`` (Int64): first year the figure covers (true year)
        - ``period_end`` (Int64): last year the figure covers (true year)
        - ``indicator`` (string): canonical indicator code (dalian_reports/vocab/indicators.csv); a
          figure whose wording the vocabulary does not know is not a row but an entry of unparsed
        - ``indicator_zh`` (string): indicator name as written in the source
        - ``indicator_en`` (string): English name of the indicator, from the vocabulary
        - ``measure`` (category): what the number measures: growth (%), avg_growth (annual average),
          level, rate (a ratio or share), decline (a fall stated as positive), cumulative_decline,
          multiple, pp_gap (gap in percentage points), share, qualitative
        - ``value`` (float64): the number as written (a range's low end)
        - ``value_high`` (float64): upper end of a range (empty otherwise)
        - ``unit`` (string): unit as written (%, 亿元, 万人, 个百分点, …)
        - ``qualifier`` (category): how the number is qualified: exact, about (左右), at_least (以上/不低于),
          at_most (以内/以下/控制在), greater_than (超过), less_than (低于), range, qualitative
        - ``relative_to`` (string): for a qualitative or relative target, what it is relative to: nation
          (与全国同步), province (与全省…, 完成省下达…), gdp_growth (与经济增长同步), previous_year
        - ``stretch_value`` (float64): the 力争 (strive for) value that goes with the target (增长7%，力争7.5%
          → value 7, stretch_value 7.5)
        - ``basis`` (string): definition notes joined by '; ' (按老口径, cumulative since 2020, urban /
          rural, 力争 (stretch), …)
        - ``share_of`` (string): the whole of which the figure is a share (dalian, liaoning, china,
          district, …); empty when not a share
        - ``line`` (int64): raw line (1-based) in the source file
        - ``quote`` (string): exact substring of the raw line holding the indicator and the number
        .. end columns

    Examples
    --------
    >>> import dalian_reports as dr
    >>> f = dr.headline_figures()
    >>> f.query("report_id == 'dalian-2024-zh' and indicator == 'gdp' and kind == 'target'")[
    ...     ["value", "qualifier", "quote"]].values.tolist()
    [[6.0, 'about', '地区生产总值增长6%左右']]
    """
    return load_table("headline_figures")


def targets():
    """Headline targets: the rows of :func:`headline_figures` of kind ``target`` or ``plan_target``.

    Examples
    --------
    >>> import dalian_reports as dr
    >>> sorted(dr.targets().kind.unique())
    ['plan_target', 'target']
    """
    return _filter(headline_figures(), kind=["target", "plan_target"])


def outcomes():
    """Reported results: the rows of :func:`headline_figures` of kind ``outcome`` or ``plan_outcome``.

    Examples
    --------
    >>> import dalian_reports as dr
    >>> sorted(dr.outcomes().kind.unique())
    ['outcome', 'plan_outcome']
    """
    return _filter(headline_figures(), kind=["outcome", "plan_outcome"])


def unparsed():
    """Numbers of headline paragraphs that did not become a row with a known indicator, with line and why.

    Returns
    -------
    pandas.DataFrame
        .. columns: unparsed
        Columns (from data/metadata/unparsed.yaml):

        - ``report_id`` (string): report identifier: issuer-year-language (e.g. dalian-2014-zh); '-copy'
          marks a pasted duplicate
        - ``source_id`` (string): raw file id (data/sources.csv)
        - ``line`` (int64): raw line (1-based) in the source file
        - ``kind`` (category): kind of the headline paragraph the number sits in (target, outcome,
          plan_target, plan_outcome)
        - ``number`` (string): the number (or, for a row whose wording is unknown, the row's quote) as
          written
        - ``reason`` (string): why the number is not a row
        - ``context`` (string): text around the number, as in the cleaned report
        .. end columns

    Examples
    --------
    >>> import dalian_reports as dr
    >>> bool(dr.unparsed().reason.notna().all())
    True
    """
    return load_table("unparsed")


def compare_languages():
    """The 2024 report's Chinese and English headline figures side by side, with whether they agree.

    Returns
    -------
    pandas.DataFrame
        .. columns: compare_languages
        Columns (from data/metadata/compare_languages.yaml):

        - ``kind`` (category): what the figure is: target (the year's target), outcome (the past year's
          result as the report states it), plan_target, plan_outcome (five-year figures)
        - ``indicator`` (string): canonical indicator code (dalian_reports/vocab/indicators.csv); empty
          when the wording is not in the vocabulary
        - ``measure`` (category): what the number measures: growth (%), avg_growth (annual average),
          level, rate (a ratio or share), decline (a fall stated as positive), cumulative_decline,
          multiple, pp_gap (gap in percentage points), share, qualitative
        - ``period_start`` (Int64): first year the figure covers (true year)
        - ``period_end`` (Int64): last year the figure covers (true year)
        - ``unit`` (string): unit as written (%, 亿元, 万人, 个百分点, …)
        - ``value_zh`` (float64): value in the Chinese report
        - ``value_high_zh`` (float64): upper end of a range, Chinese
        - ``qualifier_zh`` (string): qualifier in the Chinese report
        - ``quote_zh`` (string): exact quote, Chinese report
        - ``line_zh`` (Int64): raw line, Chinese report
        - ``value_en`` (float64): value in the English translation
        - ``value_high_en`` (float64): upper end of a range, English
        - ``qualifier_en`` (string): qualifier in the English translation
        - ``quote_en`` (string): exact quote, English translation
        - ``line_en`` (Int64): raw line, English translation
        - ``agree`` (boolean): True when value, range and unit are equal and the qualifiers equal or
          differ only by a documented translation rule
        - ``note`` (string): why a pair agrees despite a difference, or why it does not
        .. end columns

    Examples
    --------
    >>> import dalian_reports as dr
    >>> bool(dr.compare_languages().agree.all())
    True
    """
    return load_table("compare_languages")


def fyp_indicators(plan: int):
    """The indicator table of a five-year plan, rectified, without the derived columns.

    Parameters
    ----------
    plan : {13, 14}
        13: the 13th plan's completion table (2016–2020); 14: the 14th plan's indicator table (2021–2025).

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`plan13_status` (plan 13) or :func:`plan14_implied_growth` (plan 14) up to
        ``alignment_note``.

    Examples
    --------
    >>> import dalian_reports as dr
    >>> dr.fyp_indicators(14).query("indicator == 'gdp'")[["base_text", "avg_growth_text"]].values.tolist()
    [['0.9', '>6']]
    """
    if plan not in (13, 14):
        raise ValueError(f"plan must be 13 or 14, not {plan!r}")
    df = load_table(f"fyp{plan}_indicators")
    return df.loc[:, :"alignment_note"]


def plan13_status():
    """The 13th Five-Year Plan's indicators with met / missed / not_comparable and the rule that decided.

    Returns
    -------
    pandas.DataFrame
        .. columns: fyp13_indicators
        Columns (from data/metadata/fyp13_indicators.yaml):

        - ``plan`` (Int64): five-year plan number (13 or 14)
        - ``category`` (string): category of the plan table, as printed
        - ``number`` (Int64): indicator number (序号) in the plan table
        - ``indicator_zh`` (string): indicator name as written in the source
        - ``sub_indicator_zh`` (string): sub-indicator as written (empty when the row is the indicator
          itself)
        - ``indicator`` (string): canonical indicator code (dalian_reports/vocab/indicators.csv); empty
          when the wording is not in the vocabulary
        - ``indicator_en`` (string): English name of the indicator, from the vocabulary
        - ``unit`` (string): unit as written (%, 亿元, 万人, 个百分点, …)
        - ``base_year`` (Int64): base year of the plan table
        - ``base_value`` (float64): base-year value (number)
        - ``base_text`` (string): base cell as printed
        - ``target_year`` (Int64): target year of the plan table
        - ``target_value`` (float64): target value (number; for an operator cell such as >6, the bound);
          for 地区生产总值 and 全员劳动生产率, whose 2015 cell is blank, the plan's target average growth 2016–2020
          in % a year, not a level (GROWTH_TARGET in alignment_note)
        - ``target_text`` (string): target cell as printed
        - ``target_op`` (string): operator of the target cell: > < ≥ ≤ ≈ = or 'text' (a target in words)
        - ``avg_growth_value`` (float64, %): average growth achieved 2016–2020 (平均增速%), number, where
          the table prints it (checked against the compound growth of the 2015 and 2020 levels)
        - ``avg_growth_text`` (string): average annual growth cell as printed
        - ``achieved_value`` (float64): value achieved in 2020 (13th plan only)
        - ``achieved_text`` (string): achieved cell as printed
        - ``attribute`` (category): 'anticipatory' (预期性) or 'binding' (约束性)
        - ``cumulative`` (boolean): True for [bracketed] five-year cumulative figures
        - ``footnote`` (string): footnote attached to the row
        - ``line`` (Int64): raw line (1-based) in the source file
        - ``alignment_note`` (string): how each cell was placed (named rules), the evidence for a
          reading, and what stays ambiguous
        - ``status`` (category): met, missed or not_comparable, by a rule that respects the target's
          operator and the indicator's direction
        - ``status_rule`` (string): the rule that decided the status, with the numbers compared
        .. end columns

    Examples
    --------
    >>> import dalian_reports as dr
    >>> set(dr.plan13_status().status) <= {"met", "missed", "not_comparable"}
    True
    """
    return load_table("fyp13_indicators")


def plan14_implied_growth():
    """The 14th Five-Year Plan's indicators with the implied compound annual change 2020→2025.

    Returns
    -------
    pandas.DataFrame
        .. columns: fyp14_indicators
        Columns (from data/metadata/fyp14_indicators.yaml):

        - ``plan`` (Int64): five-year plan number (13 or 14)
        - ``category`` (string): category of the plan table, as printed
        - ``number`` (Int64): indicator number (序号) in the plan table
        - ``indicator_zh`` (string): indicator name as written in the source
        - ``sub_indicator_zh`` (string): sub-indicator as written (empty when the row is the indicator
          itself)
        - ``indicator`` (string): canonical indicator code (dalian_reports/vocab/indicators.csv); empty
          when the wording is not in the vocabulary
        - ``indicator_en`` (string): English name of the indicator, from the vocabulary
        - ``unit`` (string): unit as written (%, 亿元, 万人, 个百分点, …)
        - ``base_year`` (Int64): base year of the plan table
        - ``base_value`` (float64): base-year value (number)
        - ``base_text`` (string): base cell as printed
        - ``target_year`` (Int64): target year of the plan table
        - ``target_value`` (float64): target value (number; for an operator cell such as >6, the bound)
        - ``target_text`` (string): target cell as printed
        - ``target_op`` (string): operator of the target cell: > < ≥ ≤ ≈ = or 'text' (a target in words)
        - ``avg_growth_value`` (float64, %): average annual growth 2021–2025 (年均增长), number
        - ``avg_growth_text`` (string): average annual growth cell as printed
        - ``achieved_value`` (float64): value achieved in 2020 (13th plan only)
        - ``achieved_text`` (string): achieved cell as printed
        - ``attribute`` (category): 'anticipatory' (预期性) or 'binding' (约束性)
        - ``cumulative`` (boolean): True for [bracketed] five-year cumulative figures
        - ``footnote`` (string): footnote attached to the row
        - ``line`` (Int64): raw line (1-based) in the source file
        - ``alignment_note`` (string): how each cell was placed (named rules), the evidence for a
          reading, and what stays ambiguous
        - ``implied_cagr_pct`` (float64, % per year): implied compound annual change 2020→2025, % per
          year, for a level indicator with a point target (a plain number or 左右); empty for rates and
          shares in % (their change is in percentage points: see cagr_rule) and for floors and ceilings
          (≥20, <4.5), which are bounds, not points
        - ``cagr_rule`` (string): how the implied change was computed, or why it is empty: RATE_PP gives
          a rate's change in percentage points, FLOOR / CEILING what a bound asks of the level
        .. end columns

    Examples
    --------
    >>> import dalian_reports as dr
    >>> "implied_cagr_pct" in dr.plan14_implied_growth().columns
    True
    """
    return load_table("fyp14_indicators")


def district_figures():
    """Jinzhou District's headline figures: the rows of :func:`headline_figures` issued by ``jinzhou``.

    Examples
    --------
    >>> import dalian_reports as dr
    >>> set(dr.district_figures().issuer)
    {'jinzhou'}
    """
    return _filter(headline_figures(), issuer="jinzhou")


def district_vs_city():
    """Each Jinzhou District figure beside Dalian's figure for the same indicator, measure and period.

    Returns
    -------
    pandas.DataFrame
        .. columns: district_vs_city
        Columns (from data/metadata/district_vs_city.yaml):

        - ``indicator`` (string): canonical indicator code (dalian_reports/vocab/indicators.csv); empty
          when the wording is not in the vocabulary
        - ``indicator_en`` (string): English name of the indicator, from the vocabulary
        - ``district_wording`` (string): the district's indicator wording as written
        - ``measure`` (category): what the number measures: growth (%), avg_growth (annual average),
          level, rate (a ratio or share), decline (a fall stated as positive), cumulative_decline,
          multiple, pp_gap (gap in percentage points), share, qualitative
        - ``kind`` (category): kind of the district figure: target, outcome, plan_target, plan_outcome
        - ``period_start`` (Int64): first year the figure covers (true year)
        - ``period_end`` (Int64): last year the figure covers (true year)
        - ``pairing`` (category): paired (a city figure of the same indicator, measure, period and kind
          family), derived (the city side computed from two cells), share (a share of the city or
          province), unpaired
        - ``district_value`` (float64): the district's value
        - ``district_value_high`` (float64): upper end of the district's range
        - ``district_qualifier`` (category): qualifier of the district's figure
        - ``district_unit`` (string): unit of the district's figure
        - ``district_basis`` (string): definition notes of the district's figure
        - ``district_scope`` (string): territory of the district figure (金州行政区口径, 新区口径, 省可比口径), from the
          glossary note 名词解释 1
        - ``district_share_of`` (string): the whole of which the district figure is a share
        - ``district_source`` (string): district side: report and raw line
        - ``district_quote`` (string): district side: exact quote
        - ``city_value`` (float64): the city's value (empty when unpaired)
        - ``city_value_high`` (float64): upper end of the city's range
        - ``city_qualifier`` (string): qualifier of the city's figure
        - ``city_unit`` (string): unit of the city's figure
        - ``city_kind`` (string): kind of the city figure
        - ``city_source`` (string): city side: report and raw line
        - ``city_quote`` (string): city side: exact quote
        - ``city_origin`` (category): where the city figure comes from: fyp14, fyp13, headline,
          reference or derived
        - ``difference`` (float64): district − city, when both are comparable numbers in the same unit
          (see note otherwise)
        - ``district_pct_of_city`` (float64): 100 × district ÷ city, for levels
        - ``implied_city_value`` (float64): city value implied by a district level and its share of the
          city (level ÷ share)
        - ``note`` (string): how the pair was made, the arithmetic of derived values, and why a
          difference is empty
        .. end columns

    Examples
    --------
    >>> import dalian_reports as dr
    >>> sorted(dr.district_vs_city().pairing.unique())[:2]
    ['derived', 'paired']
    """
    return load_table("district_vs_city")


# The loaders of the whole record live in record.py (one module per part, each under 500 lines).
from .record import (corpus_reports, inconsistencies, reference_series, seed_vs_corpus,  # noqa: E402,F401
                     target_ladder, target_vs_outcome, targets_panel)
