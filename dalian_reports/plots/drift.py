"""Dalian's GDP growth targets over the whole record: targets, outcomes, multi-year targets, and the gaps."""
from __future__ import annotations

from ._common import (NO_NUMBER, QUALIFIER_MARKERS, consecutive_runs, drawing, finish, hollow, is_compact,
                      legend_below, note_text, palette, small_font, table, target_text, year_axis, year_span)
from .style import label

OUTCOME_COLUMNS = ("year", "target_value", "target_high", "target_qualifier", "target_origin", "estimate_value",
                   "estimate_origin", "official_value")
GAP_COLUMNS = ("year", "target_qualifier", "estimate_origin", "gap_estimate_pp", "gap_official_pp",
               "hit_estimate", "hit_official")
PERIOD_COLUMNS = ("period_start", "year", "value", "qualifier", "measure")
PRIMARY = ("seed", "corpus")
#: Five-year plans run 2001–2005, 2006–2010, … (the 10th plan began in 2001).
FIRST_PLAN_YEAR = 2001


def gdp_target_drift(data=None, *, lang: str = "en", ax=None, size: str = "full", title: bool | None = None,
                     note: bool = True, periods=None):
    """Dalian's annual GDP growth targets, the outcomes, and its multi-year average-growth targets.

    Every annual target of the data is drawn (markers by wording; a range as a bar from its low to its
    high end; a year whose target has no number — 2020's 与全国同步 — is shaded), with the next
    report's own estimate (primary: the work report) and the official figure (secondary: reference data,
    hollow). Multi-year targets are horizontal segments over their years: dashed for a five-year plan,
    dotted for a government's term (今后五年) that is not a plan period.

    Parameters
    ----------
    data : pandas.DataFrame, optional
        A table like :func:`dalian_reports.target_vs_outcome`. Default: the shipped table.
    lang, ax, size, title, note
        As in :func:`dalian_reports.plots.target_ladder`.
    periods : pandas.DataFrame, optional
        Multi-year targets: rows like :func:`dalian_reports.targets_panel` (period_start, year, value,
        qualifier, measure); only ``measure == 'avg_growth'`` is drawn. Default: Dalian's GDP plan
        targets in the shipped ``targets_panel``.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import dalian_reports as dr
    >>> ax = dr.plots.gdp_target_drift()
    >>> bool(ax.get_xlim()[0] < 2001 < 2026 < ax.get_xlim()[1])
    True
    >>> plt.close("all")
    """
    df = table(data, "target_vs_outcome", _outcomes, OUTCOME_COLUMNS).sort_values("year")
    periods = table(periods, "targets_panel", _plan_targets, PERIOD_COLUMNS)
    periods = periods[(periods.measure == "avg_growth") & periods.value.notna()]
    with drawing("gdp_target_drift", lang, ax, size) as (ax,):
        colours = palette()
        _annual_targets(ax, df, colours[0])
        _outcomes_drawn(ax, df, colours[3], colours[2])
        _multi_year(ax, periods, colours[4], lang)
        years = list(df.year) + list(periods.period_start) + list(periods.year)
        year_axis(ax, years, pad=0.8)
        ax.set_xlabel(label("year", lang))
        ax.set_ylabel(label("gdp_growth_pct", lang))
        _drift_legend(ax, df, periods, colours, lang)
        span = f"{df.year.min()}–{df.year.max()}"
        finish([ax], lang, title=label("gdp_target_drift_title", lang).format(years=span), show_title=title,
               note=note_text("source_gdp_target_drift", lang, years=year_span(df.year)) if note else None)
    return ax


def _outcomes():
    from ..loaders import target_vs_outcome

    return target_vs_outcome()


def _plan_targets():
    from ..loaders import targets_panel

    return targets_panel("dalian", "gdp", "plan_target")


def _annual_targets(ax, df, colour) -> None:
    numeric = df[~df.target_qualifier.isin(NO_NUMBER) & df.target_value.notna()]
    mid = numeric.target_value.where(numeric.target_high.isna(), (numeric.target_value + numeric.target_high) / 2)
    for run in consecutive_runs(numeric.assign(mid=mid)):
        ax.plot(run.year, run.mid, color=colour, lw=1, alpha=0.6, zorder=2)
    for (qualifier, origin), group in numeric.groupby(["target_qualifier", "target_origin"], observed=True):
        if qualifier == "range":
            continue
        style = {"color": colour} if origin in PRIMARY else hollow(colour)
        ax.scatter(group.year, group.target_value, marker=QUALIFIER_MARKERS.get(qualifier, "o"), zorder=4,
                   s=_area(), gid="target", **style)
    ranges = numeric[numeric.target_qualifier == "range"]
    if len(ranges):
        ax.errorbar(ranges.year, (ranges.target_value + ranges.target_high) / 2,
                    yerr=(ranges.target_high - ranges.target_value) / 2, fmt="none", ecolor=colour,
                    elinewidth=2.2, capsize=3, zorder=4)
    no_number_band(ax, df)


def no_number_band(ax, df) -> None:
    """A light hatched band over each year whose target has no number (与全国同步, or none set)."""
    for year in df[df.target_qualifier.isin(NO_NUMBER)].year:
        ax.axvspan(year - 0.45, year + 0.45, facecolor="0.93", edgecolor="0.75", hatch="////", lw=0, zorder=0)


def _outcomes_drawn(ax, df, estimate_colour, official_colour) -> None:
    estimates = df[df.estimate_value.notna()]
    for primary, group in estimates.groupby(estimates.estimate_origin.isin(PRIMARY)):
        style = {"color": estimate_colour} if primary else hollow(estimate_colour)
        ax.scatter(group.year, group.estimate_value, marker="d", s=_area(), zorder=5, **style)
    official = df[df.official_value.notna()]
    ax.scatter(official.year, official.official_value, marker="P", s=_area() * 1.1, zorder=5,
               **hollow(official_colour))


def _area() -> float:
    import matplotlib as mpl

    return (0.85 * mpl.rcParams["lines.markersize"]) ** 2


def is_plan_period(start: int, end: int) -> bool:
    """True for a five-year-plan period (2001–2005, …, 2021–2025, 2026–2030); False for another span,
    such as the 2013 report's 今后五年 (2013–2017), a government's term."""
    return end - start == 4 and (start - FIRST_PLAN_YEAR) % 5 == 0


def _multi_year(ax, periods, colour, lang: str) -> None:
    for row in periods.sort_values("period_start").itertuples():
        start, end = int(row.period_start), int(row.year)
        style = "--" if is_plan_period(start, end) else ":"
        ax.hlines(row.value, start - 0.4, end + 0.4, color=colour, lw=1.8, linestyles=style, zorder=3)
        text = target_text(row.value, row.qualifier, lang=lang)
        text += "" if is_compact(ax) else f" ({start}–{end})"
        ax.annotate(text, (end + 0.4, row.value), xytext=(0, 2), textcoords="offset points", ha="right",
                    va="bottom", fontsize=small_font(), color=colour)


def _drift_legend(ax, df, periods, colours, lang: str) -> None:
    from matplotlib.lines import Line2D

    def marker(key, m, colour, **kw):
        return Line2D([], [], color=colour, marker=m, ms=4.5, label=label(key, lang), **({"lw": 0} | kw))

    handles = [marker("target", "o", colours[0], ls="-", lw=1)]
    seen = set(df.target_qualifier.dropna())
    handles += [marker(q, QUALIFIER_MARKERS[q], "0.4") for q in ("exact", "about", "at_least") if q in seen]
    if "range" in seen:
        handles.append(Line2D([], [], color="0.4", marker="|", lw=0, ms=7, mew=2, label=label("range", lang)))
    if (df.target_qualifier.isin(NO_NUMBER)).any():
        handles.append(band_handle(lang))
    handles.append(marker("estimate_primary", "d", colours[3]))
    handles.append(marker("official_secondary", "P", colours[2], mfc="white"))
    spans = [(int(r.period_start), int(r.year)) for r in periods.itertuples()]
    if any(is_plan_period(*s) for s in spans):
        handles.append(Line2D([], [], color=colours[4], ls="--", lw=1.6, label=label("plan_avg_target", lang)))
    if any(not is_plan_period(*s) for s in spans):
        handles.append(Line2D([], [], color=colours[4], ls=":", lw=1.6, label=label("term_avg_target", lang)))
    legend_below(ax, handles)


def band_handle(lang: str):
    from matplotlib.patches import Patch

    return Patch(facecolor="0.93", edgecolor="0.75", hatch="////", lw=0, label=label("no_numeric_target", lang))


# --------------------------------------------------------------------------------- the gaps

def target_vs_outcome(data=None, *, lang: str = "en", ax=None, size: str = "full", title: bool | None = None,
                      note: bool = True):
    """Outcome minus GDP growth target (percentage points), by the next report's estimate and the official figure.

    Each gap is a stem from zero; a gap of zero is a marker on the zero line (no label). The marker says
    whether the target was hit (circle) or missed (cross) by the rule of the table's ``hit_rule``; a
    filled marker and a solid stem come from a primary text (the next work report), a hollow marker and
    a dashed stem from secondary data (the reference data's official figure). Years whose target has no
    number are shaded.

    Parameters
    ----------
    data : pandas.DataFrame, optional
        A table like :func:`dalian_reports.target_vs_outcome`. Default: the shipped table.
    lang, ax, size, title, note
        As in :func:`dalian_reports.plots.target_ladder`.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import dalian_reports as dr
    >>> ax = dr.plots.target_vs_outcome(size="column")
    >>> ax.get_ylabel()
    'Outcome minus target (pp)'
    >>> plt.close("all")
    """
    df = table(data, "target_vs_outcome", _outcomes, GAP_COLUMNS).sort_values("year")
    with drawing("target_vs_outcome", lang, ax, size) as (ax,):
        colours = palette()
        series = (("gap_estimate_pp", "hit_estimate", -0.18, colours[3], df.estimate_origin.isin(PRIMARY)),
                  ("gap_official_pp", "hit_official", 0.18, colours[2], df.year < 0))
        for column, verdict, dodge, colour, primary in series:
            _stems(ax, df.assign(primary=primary), column, verdict, dodge, colour)
        no_number_band(ax, df)
        ax.axhline(0, color="0.15", lw=0.8, zorder=1)
        year_axis(ax, df.year, pad=0.8)
        ax.set_xlabel(label("year", lang))
        ax.set_ylabel(label("gap_pp", lang))
        _gap_legend(ax, bool(df.target_qualifier.isin(NO_NUMBER).any()), colours, lang)
        finish([ax], lang, title=label("target_vs_outcome_title", lang), show_title=title,
               note=note_text("source_target_vs_outcome", lang, years=year_span(df.year)) if note else None)
    return ax


def _stems(ax, df, column: str, verdict: str, dodge: float, colour) -> None:
    part = df[df[column].notna()]
    for primary, group in part.groupby("primary"):
        ax.vlines(group.year + dodge, 0, group[column], color=colour, lw=1.4, linestyles="-" if primary else "--",
                  zorder=2)
        for hit, points in group.groupby(group[verdict].astype(str)):
            shape = {"hit": "o", "miss": "X"}.get(hit, ".")
            style = {"color": colour} if primary else hollow(colour)
            ax.scatter(points.year + dodge, points[column], marker=shape, s=_area(), zorder=3, **style)


def _gap_legend(ax, any_empty: bool, colours, lang: str) -> None:
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], color=colours[3], marker="o", ls="-", lw=1.2, ms=4.5,
                      label=label("estimate_primary", lang)),
               Line2D([], [], color=colours[2], marker="o", mfc="white", ls="--", lw=1.2, ms=4.5,
                      label=label("official_secondary", lang)),
               Line2D([], [], color="0.35", marker="o", lw=0, ms=4.5, label=label("hit", lang)),
               Line2D([], [], color="0.35", marker="X", lw=0, ms=4.5, label=label("miss", lang))]
    if any_empty:
        handles.append(band_handle(lang))
    legend_below(ax, handles)
