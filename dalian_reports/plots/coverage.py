"""Which indicators Dalian's annual targets named, year by year, over the whole record."""
from __future__ import annotations

from ._common import drawing, finish, indicator_name, legend_below, note_text, palette, table, year_axis, year_span
from .style import label

COVERAGE_COLUMNS = ("report_year", "indicator", "qualifier")


def indicator_coverage(data=None, *, lang: str = "en", ax=None, size: str = "full", title: bool | None = None,
                       note: bool = True, min_years: int = 2):
    """Which indicators each of Dalian's work reports set an annual target for.

    One row per indicator (most often targeted first), one column per year from the first report of the
    data to the last; a dark cell is a numeric target, a light one a target without a number
    (与经济增长同步 …), a hatched column a year without a report in the data.

    Parameters
    ----------
    data : pandas.DataFrame, optional
        Target rows like ``dr.targets_panel("dalian", kind="target")`` (report_year, indicator,
        qualifier). Default: that table.
    lang, ax, size, title, note
        As in :func:`dalian_reports.plots.target_ladder`.
    min_years : int
        Leave out indicators targeted in fewer report years (default 2: one-off targets).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import dalian_reports as dr
    >>> ax = dr.plots.indicator_coverage(min_years=20)
    >>> "GDP" in [t.get_text() for t in ax.get_yticklabels()]
    True
    >>> plt.close("all")
    """
    import numpy as np

    df = table(data, "targets_panel", _targets, COVERAGE_COLUMNS)
    df = df[df.indicator.notna()]
    if "status" in df.columns:  # a report whose GDP target the parser did not find is not a target
        df = df[df.status != "not_stated"]
    reports = sorted(int(y) for y in df.report_year.unique())
    years = list(range(reports[0], reports[-1] + 1))
    counts = df.groupby("indicator").report_year.nunique()
    codes = list(counts[counts >= min_years].sort_values(ascending=False, kind="stable").index)
    grid = np.zeros((len(codes), len(years)))
    for row in df[df.indicator.isin(codes)].itertuples():
        i, j = codes.index(row.indicator), years.index(int(row.report_year))
        grid[i, j] = max(grid[i, j], 1 if row.qualifier == "qualitative" else 2)
    with drawing("indicator_coverage", lang, ax, size) as (ax,):
        from matplotlib.colors import ListedColormap

        cmap = ListedColormap(["white", "#c6dbef", palette()[0]])
        ax.imshow(grid, cmap=cmap, vmin=0, vmax=2, aspect="auto", interpolation="nearest",
                  extent=(years[0] - 0.5, years[-1] + 0.5, len(codes) - 0.5, -0.5))
        for year in sorted(set(years) - set(reports)):
            ax.axvspan(year - 0.5, year + 0.5, facecolor="0.93", edgecolor="0.75", hatch="////", lw=0)
        ax.set_yticks(range(len(codes)), [indicator_name(code, lang) for code in codes])
        year_axis(ax, years, pad=0.5)
        ax.set_xlabel(label("report_year", lang))
        ax.grid(False)
        _legend(ax, cmap, lang, missing=len(years) > len(reports))
        finish([ax], lang, title=label("indicator_coverage_title", lang), show_title=title,
               note=note_text("source_indicator_coverage", lang, years=year_span(reports)) if note else None)
    return ax


def _targets():
    from ..loaders import targets_panel

    return targets_panel("dalian", kind="target")


def _legend(ax, cmap, lang: str, *, missing: bool) -> None:
    from matplotlib.patches import Patch

    handles = [Patch(facecolor=cmap(1.0), label=label("numeric_target", lang)),
               Patch(facecolor=cmap(0.5), label=label("qualitative_target", lang))]
    if missing:
        handles.append(Patch(facecolor="0.93", edgecolor="0.75", hatch="////", lw=0, label=label("no_report", lang)))
    legend_below(ax, handles)
