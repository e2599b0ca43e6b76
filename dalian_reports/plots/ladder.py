"""The target ladder: GDP growth targets of the nation, Liaoning, Dalian and Jinzhou, year by year."""
from __future__ import annotations

from ._common import (NO_NUMBER, QUALIFIER_MARKERS, consecutive_runs, drawing, finish, hollow, legend_below,
                      note_text, palette, table, year_axis, year_span)
from .style import label

JURISDICTIONS = ("china", "liaoning", "dalian", "jinzhou")
#: Horizontal offset (years) of each level's markers, so equal targets of one year do not hide each other.
DODGE = {"china": -0.33, "liaoning": -0.11, "dalian": 0.11, "jinzhou": 0.33}
LADDER_COLUMNS = ("year", "jurisdiction", "value", "value_high", "qualifier", "origin")


def target_ladder(data=None, *, lang: str = "en", ax=None, size: str = "full", title: bool | None = None,
                  note: bool = True):
    """GDP growth targets of China, Liaoning, Dalian and Jinzhou District by year.

    Each level of government has a colour; the marker says how the target is worded (exact, about,
    at least, …); a range is drawn as a bar from its low to its high end. Lines join consecutive years
    only: a year without a numeric target (none, or a relative target such as 与全国同步) breaks the line
    and is marked under the axis. The four levels are set side by side within a year, so equal targets
    stay visible. Hollow markers: reference data (secondary), used only where no report text exists.

    Parameters
    ----------
    data : pandas.DataFrame, optional
        A table like :func:`dalian_reports.target_ladder` (columns year, jurisdiction, value,
        value_high, qualifier, origin). Default: the shipped table.
    lang : {'en', 'zh'}
        Language of every label.
    ax : matplotlib.axes.Axes, optional
        Draw here; default: a new figure in the house style at ``size``.
    size : {'full', 'column'}
        Size of the new figure (7 × 4.3 in, or one journal column, 3.5 × 2.5 in).
    title : bool, optional
        Draw the title (default: only at full width).
    note : bool
        Write the source note under the axes.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import dalian_reports as dr
    >>> ax = dr.plots.target_ladder(lang="zh")
    >>> ax.get_ylabel()
    '地区生产总值增长目标（%）'
    >>> plt.close("all")
    """
    df = table(data, "target_ladder", _loader, LADDER_COLUMNS)
    with drawing("target_ladder", lang, ax, size) as (ax,):
        colours = dict(zip(JURISDICTIONS, palette()[:4]))
        for jurisdiction in [j for j in JURISDICTIONS if j in set(df.jurisdiction)]:
            part = df[df.jurisdiction == jurisdiction].sort_values("year")
            _draw_level(ax, part, colours[jurisdiction], DODGE[jurisdiction])
        year_axis(ax, df.year, pad=0.8)
        ax.set_xlabel(label("year", lang))
        ax.set_ylabel(label("gdp_growth_target_pct", lang))
        _legend(ax, df, colours, lang)
        finish([ax], lang, title=label("target_ladder_title", lang), show_title=title,
               note=note_text("source_target_ladder", lang, years=year_span(df.year)) if note else None)
    return ax


def _loader():
    from ..loaders import target_ladder as load

    return load()


def _draw_level(ax, part, colour, dodge: float) -> None:
    numeric = part[~part.qualifier.isin(NO_NUMBER) & part.value.notna()]
    mid = numeric.value.where(numeric.value_high.isna(), (numeric.value + numeric.value_high) / 2)
    for run in consecutive_runs(numeric.assign(mid=mid)):
        ax.plot(run.year + dodge, run.mid, color=colour, lw=1, alpha=0.7, zorder=2)
    for (qualifier, origin), group in numeric.groupby(["qualifier", "origin"], observed=True):
        if qualifier == "range":
            continue
        style = hollow(colour) if origin == "reference" else {"color": colour, "edgecolors": "white",
                                                               "linewidths": 0.5}
        ax.scatter(group.year + dodge, group.value, marker=QUALIFIER_MARKERS.get(qualifier, "o"), zorder=3,
                   s=_marker_area(ax), **style)
    ranges = numeric[numeric.qualifier == "range"]
    if len(ranges):
        ax.errorbar(ranges.year + dodge, (ranges.value + ranges.value_high) / 2,
                    yerr=(ranges.value_high - ranges.value) / 2, fmt="none", ecolor=colour, elinewidth=2,
                    capsize=2.5, zorder=3)
    empty = part[part.qualifier.isin(NO_NUMBER) | part.value.isna()]
    if len(empty):
        ax.scatter(empty.year + dodge, [0.03] * len(empty), transform=ax.get_xaxis_transform(), marker="x",
                   s=_marker_area(ax) * 0.8, color=colour, zorder=3, clip_on=False)


def _marker_area(ax) -> float:
    import matplotlib as mpl

    return (mpl.rcParams["lines.markersize"] * 0.85) ** 2


def _legend(ax, df, colours, lang: str) -> None:
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], color=colours[j], marker="o", lw=1, ms=4, label=label(j, lang))
               for j in JURISDICTIONS if j in set(df.jurisdiction)]
    qualifiers = [q for q in ("exact", "about", "at_least", "range") if q in set(df.qualifier)]
    for qualifier in qualifiers:
        marker, ms, mew = ("|", 7, 2) if qualifier == "range" else (QUALIFIER_MARKERS[qualifier], 4, 1)
        handles.append(Line2D([], [], color="0.4", marker=marker, lw=0, ms=ms, mew=mew, label=label(qualifier, lang)))
    if (df.qualifier.isin(NO_NUMBER) | df.value.isna()).any():
        handles.append(Line2D([], [], color="0.4", marker="x", lw=0, ms=4, label=label("no_numeric_target", lang)))
    if (df.origin == "reference").any() and not df[df.origin == "reference"].qualifier.isin(NO_NUMBER).all():
        handles.append(Line2D([], [], color="0.4", marker="o", mfc="white", lw=0, ms=4,
                              label=label("secondary_source", lang)))
    legend_below(ax, handles, ncol=3)
