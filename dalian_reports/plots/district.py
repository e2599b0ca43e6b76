"""Jinzhou District beside Dalian: outcomes with outcomes, targets with targets, each row with its unit."""
from __future__ import annotations

from ._common import (CEILINGS, FLOORS, drawing, finish, indicator_name, legend_below, note_text, palette,
                      small_font, table, target_text)
from .style import label

PAIR_COLUMNS = ("indicator", "measure", "kind", "period_start", "period_end", "pairing", "district_value",
                "district_qualifier", "district_unit", "city_value", "city_qualifier", "city_unit", "city_kind")
FAMILY = {"target": "targets", "plan_target": "targets", "outcome": "outcomes", "plan_outcome": "outcomes"}
#: Growth measures first, then levels (a rate such as R&D intensity is a level in %).
MEASURE_ORDER = {"growth": 0, "avg_growth": 1, "rate": 2}


def district_vs_city(data=None, *, lang: str = "en", ax=None, size: str = "full", title: bool | None = None,
                     note: bool = True):
    """Jinzhou District and Dalian side by side, for the figures in % that both sources give.

    Two panels: outcomes, then targets (a district outcome is never set against a city target). Within
    a panel, growth rates (% a year) come first, then levels in % (R&D intensity, unemployment rate),
    each row naming what it is and its period. A bound (≤4, <4.5, >6) is drawn as a bound: a caret with
    an arrow towards the values it allows, labelled with its symbol — not as a bar of that length.

    Draws two panels: with ``ax`` pass two Axes; the first is returned.

    Parameters
    ----------
    data : pandas.DataFrame, optional
        A table like :func:`dalian_reports.district_vs_city`.
    lang, ax, size, title, note
        As in :func:`dalian_reports.plots.target_ladder`.

    Returns
    -------
    matplotlib.axes.Axes
        The outcomes panel.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import dalian_reports as dr
    >>> ax = dr.plots.district_vs_city()
    >>> [a.get_title(loc="left") for a in ax.figure.axes]
    ['Outcomes', 'Targets']
    >>> plt.close("all")
    """
    df = table(data, "district_vs_city", _pairs, PAIR_COLUMNS)
    df = df[df.pairing.isin(["paired", "derived"]) & df.district_value.notna() & df.city_value.notna()
            & (df.district_unit == "%") & (df.city_unit == "%")].copy()
    df["family"] = df.kind.map(FAMILY)
    df = df[df.family == df.city_kind.map(FAMILY)]
    groups = [df[df.family == f].assign(order=lambda d: d.measure.map(MEASURE_ORDER).fillna(9))
              .sort_values(["order", "period_start", "indicator"], kind="stable") for f in ("outcomes", "targets")]
    ratios = {"height_ratios": [max(len(g), 1) for g in groups]}
    with drawing("district_vs_city", lang, ax, size, panels=2, gridspec_kw=ratios) as axes:
        colours = {"district": palette()[4], "city": palette()[0]}
        for panel, group, family in zip(axes, groups, ("outcomes", "targets")):
            _panel(panel, group, colours, lang)
            panel.set_title(label(family, lang), loc="left", fontsize="medium")
        axes[-1].set_xlabel(label("percent_growth_or_level", lang))
        _legend(axes[-1], colours, lang)
        finish(axes, lang, title=label("district_vs_city_title", lang), show_title=title,
               note=note_text("source_district_vs_city", lang) if note else None)
    return axes[0]


def _pairs():
    from ..loaders import district_vs_city as load

    return load()


def _row_label(r, lang: str) -> str:
    """'GDP', then 'growth 2020' / 'average growth 2016–2020' / 'level 2025': never 'rate rate'."""
    period = str(r.period_start) if r.period_start == r.period_end else f"{r.period_start}–{r.period_end}"
    what = label({"growth": "growth_pct", "avg_growth": "avg_growth_pct"}.get(r.measure, "level_pct"), lang)
    return f"{indicator_name(r.indicator, lang)}\n{what} {period}"


def _panel(ax, group, colours: dict, lang: str) -> None:
    for y, r in enumerate(group.itertuples()):
        for side, offset in (("district", -0.17), ("city", 0.17)):
            value, qualifier = getattr(r, f"{side}_value"), str(getattr(r, f"{side}_qualifier"))
            _point(ax, value, y + offset, qualifier, colours[side])
    values = list(group.district_value) + list(group.city_value)
    ax.set_yticks(range(len(group)), [_row_label(r, lang) for r in group.itertuples()])
    ax.set_ylim(len(group) - 0.5, -0.5)
    ax.set_xlim(min([0] + values) - 0.3, max(values + [1]) * 1.35 + 0.5)
    ax.axvline(0, color="0.15", lw=0.8, zorder=1)
    growth = sum(group.measure.isin(["growth", "avg_growth"]))
    if 0 < growth < len(group):
        ax.axhline(growth - 0.5, color="0.6", lw=0.8, ls=":")
    ax.grid(axis="y", visible=False)


def _point(ax, value: float, y: float, qualifier: str, colour) -> None:
    from matplotlib.text import OffsetFrom

    floor, ceiling = qualifier in FLOORS, qualifier in CEILINGS
    if not (floor or ceiling):
        ax.plot([0, value], [y, y], color=colour, lw=1.2, alpha=0.5, zorder=2)
    ax.plot(value, y, marker=">" if floor else "<" if ceiling else "o", color=colour, ms=_ms(), lw=0, zorder=3)
    if floor or ceiling:
        head = OffsetFrom(ax.transData, (value, y), unit="points")
        ax.annotate("", xy=(14 if floor else -14, 0), xycoords=head, xytext=(value, y), textcoords="data",
                    arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 1.1, "shrinkA": 0, "shrinkB": 0,
                                "mutation_scale": 7})
    text = target_text(value, qualifier)
    ax.annotate(text, (value, y), xytext=(17 if floor else 5, 0), textcoords="offset points", va="center",
                ha="left", fontsize=small_font(), color="0.2")


def _legend(ax, colours: dict, lang: str) -> None:
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], color=colours["district"], marker="o", lw=0, ms=4.5, label=label("jinzhou", lang)),
               Line2D([], [], color=colours["city"], marker="o", lw=0, ms=4.5, label=label("dalian", lang)),
               Line2D([], [], color="0.35", marker=">", lw=0, ms=4, label=label("floor", lang)),
               Line2D([], [], color="0.35", marker="<", lw=0, ms=4, label=label("ceiling", lang))]
    legend_below(ax, handles, ncol=4)


def _ms() -> float:
    import matplotlib as mpl

    return 0.9 * mpl.rcParams["lines.markersize"]
