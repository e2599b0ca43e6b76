"""Named loaders: one function per shipped table, plus a few filters of them.

Each reads the shipped table (:func:`dalian_reports.load_table`) and, where it takes arguments, filters
it; nothing is recomputed. The "Columns" section of each docstring is generated from the table's
metadata (``data/metadata/<table>.yaml``) by the pipeline, and a test checks it is up to date.
"""
from __future__ import annotations

from ._load import load_table


def _filter(df, **conditions):
    for column, wanted in conditions.items():
        if wanted is None:
            continue
        values = [wanted] if isinstance(wanted, (str, int)) else list(wanted)
        df = df[df[column].isin(values)]
    return df.reset_index(drop=True)


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


def target_ladder(year=None):
    """GDP growth targets of China, Liaoning, Dalian and Jinzhou, one row per year and jurisdiction.

    Parameters
    ----------
    year : int or list of int, optional
        Keep these years only.

    Returns
    -------
    pandas.DataFrame
        .. columns: target_ladder
        Columns (from data/metadata/target_ladder.yaml):

        - ``year`` (int64): the year the figure is about
        - ``jurisdiction`` (category): which government: china (national), liaoning (province), dalian
          (city), jinzhou (district)
        - ``value`` (float64, %): the number as written (a range's low end)
        - ``value_high`` (float64, %): upper end of a range (empty otherwise)
        - ``qualifier`` (category): how the number is qualified: exact, about (左右), at_least (以上/不低于),
          at_most (以内/以下/控制在), greater_than (超过), less_than (低于), range, qualitative
        - ``text`` (string): the target's wording as written
        - ``source`` (string): where the target was read: '<report_id> line <n>' (seed), 'corpus:<file>
          line <n>' (corpus) or 'reference/<file> row <n> <url>'
        - ``origin`` (category): seed (read from the seed reports), corpus (read from the work report in
          the lawtext/gov corpus) or reference (secondary data, used only where no primary text gives
          the target)
        - ``note`` (string): notes from the source and on the choices made
        .. end columns

    Examples
    --------
    >>> import dalian_reports as dr
    >>> dr.target_ladder(2013)[["jurisdiction", "value", "qualifier", "origin"]].values.tolist()
    [['china', 7.5, 'about', 'corpus'], ['liaoning', 9.5, 'about', 'corpus'], ['dalian', 11.0, 'about', 'seed']]
    """
    return _filter(load_table("target_ladder"), year=year)


def target_vs_outcome():
    """Each Dalian GDP growth target against the next report's estimate and the official figure.

    Returns
    -------
    pandas.DataFrame
        .. columns: target_vs_outcome
        Columns (from data/metadata/target_vs_outcome.yaml):

        - ``year`` (int64): the year the figure is about
        - ``indicator`` (string): canonical indicator code (dalian_reports/vocab/indicators.csv); empty
          when the wording is not in the vocabulary
        - ``measure`` (string): what the number measures: growth (%), avg_growth (annual average),
          level, rate (a ratio or share), decline (a fall stated as positive), cumulative_decline,
          multiple, pp_gap (gap in percentage points), share, qualitative
        - ``target_value`` (float64, %): Dalian's GDP growth target: value
        - ``target_high`` (float64, %): Dalian's GDP growth target: upper end of a range
        - ``target_qualifier`` (category): Dalian's GDP growth target: qualifier
        - ``target_text`` (string): Dalian's GDP growth target: wording as written
        - ``target_source`` (string): Dalian's GDP growth target: source ('<report_id> line <n>' or
          reference file, row and url)
        - ``target_origin`` (string): Dalian's GDP growth target: seed or reference
        - ``estimate_value`` (float64, %): the next report's own estimate of the outcome: value
        - ``estimate_qualifier`` (string): the next report's own estimate of the outcome: qualifier
        - ``estimate_text`` (string): the next report's own estimate of the outcome: wording as written
        - ``estimate_source`` (string): the next report's own estimate of the outcome: source
          ('<report_id> line <n>' or reference file, row and url)
        - ``estimate_origin`` (string): the next report's own estimate of the outcome: seed or reference
        - ``official_value`` (float64, %): the official (statistics) figure: value
        - ``official_kind`` (string): kind of the official figure (official, outcome)
        - ``official_text`` (string): the official (statistics) figure: wording as written
        - ``official_source`` (string): the official (statistics) figure: source ('<report_id> line <n>'
          or reference file, row and url)
        - ``gap_estimate_pp`` (float64, pp): estimate − target, percentage points
        - ``gap_official_pp`` (float64, pp): official − target, percentage points
        - ``hit_estimate`` (category): hit, miss or n/a: the target against the report's own estimate,
          by the rule in hit_rule
        - ``hit_official`` (category): hit, miss or n/a: the target against the official figure
        - ``hit_rule`` (string): the comparison that decided (a floor, a ceiling, an 'about' target with
          0.5 pp tolerance, a range)
        - ``national_target_value`` (float64, %): the national target of the same year: value
        - ``national_target_high`` (float64, %): the national target: upper end of a range
        - ``national_target_qualifier`` (string): the national target of the same year: qualifier
        - ``national_target_source`` (string): the national target of the same year: source
          ('<report_id> line <n>' or reference file, row and url)
        - ``national_gap_pp`` (float64, pp): Dalian's target − the national target, percentage points
        - ``note`` (string): notes from the source and on the choices made
        .. end columns

    Examples
    --------
    >>> import dalian_reports as dr
    >>> dr.target_vs_outcome().query("year == 2013")[["target_value", "estimate_value", "hit_estimate"]].values.tolist()
    [[11.0, 11.0, 'hit']]
    """
    return load_table("target_vs_outcome")


def reference_series(jurisdiction=None, indicator=None, preferred_only: bool = False):
    """Context data (secondary sources): targets and outcomes of China, Liaoning, Dalian and Jinzhou.

    Parameters
    ----------
    jurisdiction, indicator : str or list of str, optional
        Keep these only.
    preferred_only : bool, default False
        Keep the one preferred row per (jurisdiction, year, indicator, measure, role).

    Returns
    -------
    pandas.DataFrame
        .. columns: reference_series
        Columns (from data/metadata/reference_series.yaml):

        - ``jurisdiction`` (category): which government: china (national), liaoning (province), dalian
          (city), jinzhou (district)
        - ``year`` (Int64): the year the figure is about
        - ``indicator`` (string): canonical indicator code (dalian_reports/vocab/indicators.csv); empty
          when the wording is not in the vocabulary
        - ``measure`` (string): growth (real, %), level (亿元), avg_growth, share (%), decline, rate,
          level_h1 / growth_h1 (first half-year)
        - ``kind`` (category): target, stretch_target (力争), estimate (a report's figure for the year
          just ended), official (statistics authority), outcome (other pages)
        - ``role`` (category): target, stretch_target or outcome (estimate, official and outcome compete
          for one preferred value)
        - ``value`` (float64): the number as written (a range's low end)
        - ``value_high`` (float64): upper end of a range (empty otherwise)
        - ``unit`` (string): unit of value and value_high (% or 亿元)
        - ``qualifier`` (string): exact, about, at_least, at_most, greater_than, less_than, range,
          qualitative, none (no target set), unknown (number known, wording lost)
        - ``text`` (string): the wording as given (e.g. 8%左右)
        - ``source_kind`` (category): kind of source: gwr, plan_report, bulletin, stats_release,
          nbs_prelim, nbs_revised, news, secondary, plan, computed
        - ``source_quality`` (category): official, news, secondary copy (mirror, url withheld) or
          unstated
        - ``source_file`` (string): original reference file (data/reference/original/)
        - ``source_row`` (Int64): 1-based data row in that file
        - ``source_field`` (string): column of the original (or note) the number comes from
        - ``url`` (string): where the fact was read
        - ``note`` (string): [build remarks] followed by the original's note verbatim
        - ``preferred`` (boolean): True for the one row per key chosen by the preferred-value rule
          (data/reference/README.md), unless a primary text supersedes it (superseded_by)
        - ``superseded_by`` (string): the primary text that supersedes this secondary fact (a GDP growth
          target read from the work report itself: '<seed report> line <n>' or 'corpus:<file> line <n>',
          with its quote); such a row is kept, marked, and no longer preferred
        .. end columns

    Examples
    --------
    >>> import dalian_reports as dr
    >>> t = dr.reference_series("china", "gdp").query("year == 2005")
    >>> t[["kind", "value", "qualifier", "preferred"]].values.tolist()
    [['target', 8.0, 'about', False], ['official', 9.9, 'exact', True]]
    >>> t.superseded_by.iloc[0]   # the State Council's own report gives the target: it supersedes the web copy
    'corpus:政府工作报告-国务院/2005.md line 108: 国内生产总值增长8%左右'
    """
    df = _filter(load_table("reference_series"), jurisdiction=jurisdiction, indicator=indicator)
    if preferred_only:
        df = df[df["preferred"]].reset_index(drop=True)
    return df


def inconsistencies():
    """Figures stated two ways, growth that cannot give the stated multiple, renamed indicators, table vs prose.

    Returns
    -------
    pandas.DataFrame
        .. columns: inconsistencies
        Columns (from data/metadata/inconsistencies.yaml):

        - ``check`` (category): which check found the row: stated_two_ways, growth_vs_multiple,
          wording_changes, table_vs_prose (the seeds); revised_level (a level that falls while the
          stated growth is positive), average_vs_annual (a multi-year average that does not compound
          from the annual rates), definition_switch (a series whose definition changed),
          plan_level_vs_growth (a plan level that needs more growth than the plan's growth target) —
          across the whole record of Dalian's reports
        - ``issuer`` (string): who issued the document: 'dalian' (municipal government) or 'jinzhou'
          (Jinzhou District / Jinpu New Area)
        - ``indicator`` (string): canonical indicator code (dalian_reports/vocab/indicators.csv); empty
          when the wording is not in the vocabulary
        - ``measure`` (string): what the number measures: growth (%), avg_growth (annual average),
          level, rate (a ratio or share), decline (a fall stated as positive), cumulative_decline,
          multiple, pp_gap (gap in percentage points), share, qualitative
        - ``period`` (string): period the figures refer to (a year or start–end)
        - ``a_source`` (string): first side: report and raw line
        - ``a_quote`` (string): first side: exact quote
        - ``a_value`` (float64, the unit of the quoted figure): first side: value
        - ``b_source`` (string): second side: report and raw line
        - ``b_quote`` (string): second side: exact quote
        - ``b_value`` (float64, the unit of the quoted figure): second side: value
        - ``difference`` (float64, the unit of the quoted figures): b_value − a_value (empty when either
          side is not a number)
        - ``note`` (string): what the two sides show and why it matters
        .. end columns

    Examples
    --------
    >>> import dalian_reports as dr
    >>> "stated_two_ways" in set(dr.inconsistencies().check)
    True
    """
    return load_table("inconsistencies")


def targets_panel(jurisdiction=None, indicator=None, kind=None):
    """The whole record: every stated figure of every work report in the corpus (2000 onwards), one row each.

    Parameters
    ----------
    jurisdiction : str or list of str, optional
        Keep these jurisdictions (codes such as ``"dalian"``, ``"liaoning"``, ``"china"``).
    indicator : str or list of str, optional
        Keep these indicators (codes of the vocabulary, e.g. ``"gdp"``).
    kind : str or list of str, optional
        Keep these kinds (``"target"``, ``"outcome"``, ``"plan_target"``, ``"plan_outcome"``).

    Returns
    -------
    pandas.DataFrame
        .. columns: targets_panel
        Columns (from data/metadata/targets_panel.yaml):

        - ``jurisdiction`` (category): whose report it is (a code of
          dalian_reports/vocab/jurisdictions.csv)
        - ``jurisdiction_zh`` (string): its Chinese name
        - ``level`` (category): its level: nation, province, city or district
        - ``parent`` (string): the jurisdiction above it (empty for the nation)
        - ``year`` (Int64): the year the figure is about (the last year of a multi-year figure)
        - ``period_start`` (Int64): first year a multi-year figure covers (equal to year for a one-year
          figure)
        - ``report_year`` (int64): the year the report is for (its targets' year; some are delivered in
          December of the year before)
        - ``delivered`` (string): the date the report was delivered, as precise as its text says (empty
          when the text gives none)
        - ``kind`` (category): target (the year's target), outcome (the past year's result as this
          report states it: often an estimate, 预计), plan_target or plan_outcome (five-year figures)
        - ``indicator`` (string): canonical indicator code (dalian_reports/vocab/indicators.csv)
        - ``wording`` (string): the indicator as the report words it
        - ``measure`` (string): what the number measures (growth in %, level, rate, decline, multiple,
          pp_gap, qualitative …)
        - ``value`` (float64): the number as written (a range's low end); empty for a qualitative row
        - ``value_high`` (float64): upper end of a range (empty otherwise)
        - ``unit`` (string): the unit as written (%, 亿元, 万人, 个百分点 …)
        - ``qualifier`` (category): exact, about (左右), at_least (以上/不低于), at_most (以内/以下/控制在),
          greater_than (超过/突破), less_than (低于), range, qualitative
        - ``stretch_value`` (float64): the value to strive for (力争), when the report names one
        - ``status`` (category): stated (a number), relative (no number, set against a reference:
          relative_to), qualitative (no number, no reference), not_stated (the parser found no GDP
          growth target in this report)
        - ``relative_to`` (string): what a relative target is set against (与全国同步 → nation, 与经济增长同步 →
          gdp_growth …)
        - ``basis`` (string): notes on the basis of the figure (comparable prices, a reference year,
          annual average …)
        - ``source_file`` (string): the report's file in the lawtext/gov corpus (folder/year.md), or for
          a seed report the corpus lacks (Jinzhou 2021) its raw file data/raw/…
        - ``line`` (Int64): raw line of source_file the quote is on
        - ``quote`` (string): exact substring of that line holding the figure
        - ``source_url`` (string): the URL the corpus gives for the text (empty when it gives none)
        - ``quality`` (category): primary (a source URL and no defect found) or lower (no URL, or a
          defect such as an abridged text)
        - ``corpus_commit`` (string): the commit of the lawtext/gov repository the text was read at
          ('seed' for a seed report)
        .. end columns

    Examples
    --------
    >>> import dalian_reports as dr
    >>> gdp = dr.targets_panel("dalian", "gdp", "target")
    >>> gdp.loc[gdp.report_year == 2019, ["value", "qualifier", "quote"]].values.tolist()
    [[6.5, 'about', '地区生产总值增长6.5%左右']]
    """
    return _filter(load_table("targets_panel"), jurisdiction=jurisdiction, indicator=indicator, kind=kind)


def corpus_reports():
    """The work reports of the corpus behind :func:`targets_panel`: citation, delivery date, defects, coverage.

    Returns
    -------
    pandas.DataFrame
        .. columns: corpus_reports
        Columns (from data/metadata/corpus_reports.yaml):

        - ``source_file`` (string): the report's file in the lawtext/gov corpus (folder/year.md)
        - ``jurisdiction`` (category): whose report it is (a code of
          dalian_reports/vocab/jurisdictions.csv)
        - ``jurisdiction_zh`` (string): its Chinese name
        - ``level`` (category): its level: nation, province, city or district
        - ``parent`` (string): the jurisdiction above it (empty for the nation)
        - ``report_year`` (int64): the year the report is for (from the file name)
        - ``delivered`` (string): the date the report was delivered, from its text (empty when the text
          gives none)
        - ``title`` (string): the title in the file's front matter
        - ``source_url`` (string): the URL the corpus gives for the text (empty when it gives none)
        - ``sha256`` (string): sha256 of the file's bytes as read
        - ``corpus_commit`` (string): the commit of the lawtext/gov repository the file was read at
        - ``quality`` (category): primary (a source URL and no defect found) or lower (no URL, or a
          defect)
        - ``defects`` (string): defects the reader found and how they were handled (repeated_paragraph,
          destroyed_decimal, doubled_percent, no_source_url, abridged)
        - ``rows`` (int64): rows of this report in targets_panel (not counting a not_stated row)
        - ``gdp_target`` (boolean): True when the parser read the report's GDP growth target
        - ``figures_read`` (int64): numbers of the headline paragraphs read as figures
        - ``figures_unparsed`` (int64): numbers of the headline paragraphs not read, each with a reason
          (counts, names, sub-areas …)
        - ``figures_outside`` (int64): numbers outside the headline paragraphs (work tasks and details;
          not read)
        .. end columns

    Examples
    --------
    >>> import dalian_reports as dr
    >>> r = dr.corpus_reports()
    >>> sorted(r.loc[r.jurisdiction == "dalian", "report_year"])[:3]
    [2001, 2004, 2005]
    """
    return load_table("corpus_reports")


def seed_vs_corpus():
    """The seed reports against their copies in the corpus: year restorations, figures, paragraphs.

    Returns
    -------
    pandas.DataFrame
        .. columns: seed_vs_corpus
        Columns (from data/metadata/seed_vs_corpus.yaml):

        - ``report_id`` (string): the seed report (issuer-year-language)
        - ``corpus_file`` (string): the corpus file of the same report
        - ``check`` (category): paragraphs (how many paragraphs are the same text), year_restoration (an
          overwritten token of the seed against the corpus), headline_figure (a figure read from one
          copy only; one summary row counts those read alike)
        - ``seed_line`` (Int64): raw line of the seed file (data/raw)
        - ``seed_quote`` (string): the seed's words there (the token's context, or the figure's quote)
        - ``corpus_line`` (Int64): raw line of the corpus file
        - ``corpus_quote`` (string): the corpus copy's words there
        - ``seed_value`` (string): the seed's value (the restored year; the figure; the paragraph count)
        - ``corpus_value`` (string): the corpus copy's value (the year or amount it reads where the seed
          has 2024; the figure; the count)
        - ``agree`` (boolean): True when the copies agree; empty when there is nothing to compare (a
          token the seed left unrestored, or one not found in the corpus copy)
        - ``note`` (string): what was compared and found
        .. end columns

    Examples
    --------
    >>> import dalian_reports as dr
    >>> years = dr.seed_vs_corpus().query("check == 'year_restoration'")
    >>> bool(years.agree.dropna().all())
    True
    """
    return load_table("seed_vs_corpus")
