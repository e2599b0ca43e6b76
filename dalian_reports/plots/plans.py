"""The five-year plans: 13th-plan indicators met or missed, and what the 14th plan asks for."""
from __future__ import annotations

from ._common import (CEILINGS, FLOORS, drawing, finish, indicator_name, legend_below, note_text, palette,
                      small_font, table, target_text, unit_name)
from .style import label

STATUSES = ("met", "missed", "not_comparable")
STATUS_COLUMNS = ("category", "attribute", "status")
PLAN14_COLUMNS = ("number", "indicator", "unit", "base_year", "base_value", "target_year", "target_value",
                  "target_op", "avg_growth_value", "avg_growth_text", "attribute", "implied_cagr_pct", "cumulative")
_OP_QUALIFIER = {">": "greater_than", "≥": "at_least", "<": "less_than", "≤": "at_most", "≈": "about"}


def fyp13_status(data=None, *, lang: str = "en", ax=None, size: str = "full", title: bool | None = None,
                 note: bool = True):
    """13th-plan indicators met, missed and not comparable, by category and by attribute.

    One bar per category, then one per attribute (预期性 anticipatory, 约束性 binding, and the rows
    that print none, so the attribute bars count every indicator too); counts on an integer axis.

    Parameters
    ----------
    data : pandas.DataFrame, optional
        A table like :func:`dalian_reports.plan13_status` (category, attribute, status).
    lang, ax, size, title, note
        As in :func:`dalian_reports.plots.target_ladder`.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import dalian_reports as dr
    >>> ax = dr.plots.fyp13_status(lang="zh")
    >>> ax.get_xlabel()
    '指标个数'
    >>> plt.close("all")
    """
    from matplotlib.ticker import MaxNLocator

    df = table(data, "plan13_status", _plan13, STATUS_COLUMNS)
    rows = _status_rows(df, lang)
    with drawing("fyp13_status", lang, ax, size) as (ax,):
        colours = dict(zip(STATUSES, [palette()[2], palette()[3], palette()[7]]))
        ys = range(len(rows))
        left = [0] * len(rows)
        for status in STATUSES:
            counts = [counts.get(status, 0) if counts is not None else 0 for _, counts in rows]
            ax.barh(ys, counts, left=left, color=colours[status], label=label(status, lang), height=0.7)
            left = [a + b for a, b in zip(left, counts)]
        ax.set_yticks(list(ys), [name for name, _ in rows])
        for tick, (_, counts) in zip(ax.get_yticklabels(), rows):
            tick.set_fontweight("bold" if counts is None else "normal")
        ax.set_ylim(len(rows) - 0.5, -0.6)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel(label("indicators_count", lang))
        ax.grid(axis="y", visible=False)
        legend_below(ax, ax.get_legend_handles_labels()[0])
        finish([ax], lang, title=label("fyp13_status_title", lang), show_title=title,
               note=note_text("source_fyp13_status", lang) if note else None)
    return ax


def _plan13():
    from ..loaders import plan13_status

    return plan13_status()


def _status_rows(df, lang: str) -> list[tuple[str, dict | None]]:
    """(label, counts by status) per bar; a heading row has counts None."""
    rows: list[tuple[str, dict | None]] = [(label("by_category", lang), None)]
    for category in dict.fromkeys(df.category):
        rows.append((_category(category, lang), df[df.category == category].status.value_counts().to_dict()))
    rows.append((label("by_attribute", lang), None))
    attributes = df.attribute.astype("object").where(df.attribute.notna(), "no_attribute")
    for attribute in ("anticipatory", "binding", "no_attribute"):
        if (attributes == attribute).any():
            rows.append((label(attribute, lang), df[attributes == attribute].status.value_counts().to_dict()))
    return rows


def _category(value: str, lang: str) -> str:
    try:
        return label(f"category:{value}", lang)
    except KeyError:
        return value


# ------------------------------------------------------------------------------ 14th plan

def fyp14_targets(data=None, *, lang: str = "en", ax=None, size: str = "full", title: bool | None = None,
                  note: bool = True):
    """What the 14th plan asks for, 2020 → 2025: growth in % a year, rates and shares in percentage points.

    Top panel, % a year: the average growth targets the plan states (◆) and the compound rate that a
    level's 2025 target implies (●). Bottom panel: the change of each rate or share in percentage
    points (never a percent change of a percentage). A floor (≥, >) is drawn as a bound with an arrow
    towards what it allows, a ceiling (<, ≤) likewise: neither is a point target. Colour: attribute.

    Draws two panels: with ``ax`` pass two Axes (e.g. ``fig, axes = plt.subplots(2, 1)``); the first
    is returned.

    Parameters
    ----------
    data : pandas.DataFrame, optional
        A table like :func:`dalian_reports.plan14_implied_growth`.
    lang, ax, size, title, note
        As in :func:`dalian_reports.plots.target_ladder`.

    Returns
    -------
    matplotlib.axes.Axes
        The top panel (the bottom one is ``ax.figure.axes[1]`` on a new figure).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import dalian_reports as dr
    >>> ax = dr.plots.fyp14_targets()
    >>> "12左右" in " ".join(t.get_text() for t in ax.figure.findobj(plt.Text))
    False
    >>> plt.close("all")
    """
    df = table(data, "plan14_implied_growth", _plan14, PLAN14_COLUMNS)
    growth, points = _growth_rows(df, lang), _pp_rows(df, lang)
    ratios = {"height_ratios": [max(len(growth), 1), max(len(points), 1)]}
    with drawing("fyp14_targets", lang, ax, size, panels=2, gridspec_kw=ratios) as axes:
        colours = {"anticipatory": palette()[0], "binding": palette()[1]}
        base, end = int(df.base_year.max()), int(df.target_year.max())
        _rows_panel(axes[0], growth, colours, label("per_year_axis", lang).format(years=f"{base + 1}–{end}"))
        _rows_panel(axes[1], points, colours, label("pp_axis", lang).format(years=f"{base} → {end}"))
        _plan14_legend(axes[1], colours, lang)
        finish(axes, lang, title=label("fyp14_targets_title", lang).format(years=f"{base}–{end}"), show_title=title,
               note=note_text("source_fyp14_targets", lang) if note else None)
    return axes[0]


def _plan14():
    from ..loaders import plan14_implied_growth

    return plan14_implied_growth()


def _qualifier(text) -> str:
    text = str(text)
    for symbol, qualifier in _OP_QUALIFIER.items():
        if text.startswith(symbol):
            return qualifier
    return "about" if text.endswith("左右") else "exact"


def _row(r, lang: str, name: str, value: float, qualifier: str, text: str, marker: str) -> dict:
    return {"name": name, "value": value, "qualifier": qualifier, "text": text, "marker": marker,
            "attribute": r.attribute}


def _growth_rows(df, lang: str) -> list[dict]:
    """Stated average growth targets (% a year), then rates implied by level targets."""
    rows = []
    for r in df[df.avg_growth_value.notna()].itertuples():
        qualifier = _qualifier(r.avg_growth_text)
        rows.append(_row(r, lang, indicator_name(r.indicator, lang), r.avg_growth_value, qualifier,
                         target_text(r.avg_growth_value, qualifier, lang=lang), "D"))
    levels = df[(df.unit != "%") & df.base_value.notna() & df.target_value.notna() & ~df.cumulative.fillna(False)]
    for r in levels.itertuples():
        years = int(r.target_year) - int(r.base_year)
        rate = ((r.target_value / r.base_value) ** (1 / years) - 1) * 100
        qualifier = _OP_QUALIFIER.get(r.target_op, "exact") if isinstance(r.target_op, str) else "exact"
        unit = unit_name(r.unit, lang)
        change = f"{r.base_value:g} → {target_text(r.target_value, qualifier, lang=lang)}"
        rows.append(_row(r, lang, f"{indicator_name(r.indicator, lang)} ({unit})", rate, qualifier, change, "o"))
    return rows


def _pp_rows(df, lang: str) -> list[dict]:
    """Rates and shares (%): the change 2020 → 2025 in percentage points."""
    rows = []
    rates = df[(df.unit == "%") & df.avg_growth_value.isna() & df.base_value.notna() & df.target_value.notna()
               & ~df.cumulative.fillna(False)]
    for r in rates.itertuples():
        qualifier = _OP_QUALIFIER.get(r.target_op, "exact") if isinstance(r.target_op, str) else "exact"
        change = f"{r.base_value:g} → {target_text(r.target_value, qualifier, lang=lang)}"
        rows.append(_row(r, lang, indicator_name(r.indicator, lang), round(r.target_value - r.base_value, 4),
                         qualifier, change, "o"))
    return rows


def _rows_panel(ax, rows: list[dict], colours: dict, xlabel: str) -> None:
    for y, row in enumerate(rows):
        colour = colours.get(row["attribute"], "0.4")
        bound = row["qualifier"] in FLOORS or row["qualifier"] in CEILINGS
        if not bound:
            ax.plot([0, row["value"]], [y, y], color=colour, lw=1.2, zorder=2)
        _marker(ax, y, row, colour)
        ax.annotate(row["text"], (1, y), xycoords=("axes fraction", "data"), xytext=(4, 0),
                    textcoords="offset points", va="center", ha="left", fontsize=small_font(), color="0.2",
                    annotation_clip=False)
    ax.set_yticks(range(len(rows)), [row["name"] for row in rows])
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.axvline(0, color="0.15", lw=0.8, zorder=1)
    low = min([0] + [r["value"] for r in rows])
    high = max([0] + [r["value"] for r in rows])
    ax.set_xlim(low - 0.08 * (high - low) - 0.3, high + 0.25 * (high - low) + 0.3)
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)


def _marker(ax, y: int, row: dict, colour) -> None:
    from matplotlib.text import OffsetFrom

    floor, ceiling = row["qualifier"] in FLOORS, row["qualifier"] in CEILINGS
    marker = ">" if floor else "<" if ceiling else row["marker"]
    ax.plot(row["value"], y, marker=marker, color=colour, ms=_ms(), lw=0, zorder=3)
    if floor or ceiling:
        head = OffsetFrom(ax.transData, (row["value"], y), unit="points")
        ax.annotate("", xy=(16 if floor else -16, 0), xycoords=head, xytext=(row["value"], y),
                    textcoords="data", arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 1.2,
                                                   "shrinkA": 0, "shrinkB": 0, "mutation_scale": 7})


def _plan14_legend(ax, colours: dict, lang: str) -> None:
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], color=c, marker="s", lw=0, ms=5, label=label(a, lang)) for a, c in colours.items()]
    handles += [Line2D([], [], color="0.35", marker="D", lw=0, ms=4, label=label("stated_avg_growth", lang)),
                Line2D([], [], color="0.35", marker="o", lw=0, ms=4, label=label("implied_by_level", lang)),
                Line2D([], [], color="0.35", marker=">", lw=0, ms=4, label=label("floor", lang)),
                Line2D([], [], color="0.35", marker="<", lw=0, ms=4, label=label("ceiling", lang))]
    legend_below(ax, handles, ncol=3)


def _ms() -> float:
    import matplotlib as mpl

    return 0.9 * mpl.rcParams["lines.markersize"]
