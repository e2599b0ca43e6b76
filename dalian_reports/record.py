"""Named loaders of the whole record: targets and outcomes across years, the ladder nation → province → city →
district, the reference series, the audit, and the tables read from the corpus of work reports.

Like :mod:`dalian_reports.loaders` (which re-exports them), each reads a shipped table and filters it; nothing is
recomputed. The "Columns" section of each docstring is generated from the table's metadata
(``data/metadata/<table>.yaml``) by the pipeline, and a test checks it is up to date.
"""
from __future__ import annotations

from ._load import _filter, load_table


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
