"""One function per figure. Each takes ``lang`` ('en' | 'zh') and returns a matplotlib Figure.

Call them inside :func:`~dalian_reports.plots.house_style` (the build and the
notebooks do), so fonts, colours and sizes follow the house style.

>>> from dalian_reports.plots import house_style
>>> from dalian_reports.plots.figures import fyp13_status
>>> with house_style("zh"):
...     fig = fyp13_status(lang="zh")
>>> fig.axes[0].get_title()
'按类别'
"""
from __future__ import annotations

import textwrap

from .style import label

QUALIFIER_MARKERS = {"exact": "s", "about": "o", "at_least": "^", "greater_than": "^", "at_most": "v",
                     "less_than": "v", "range": "D", "unknown": "X", "qualitative": "P"}
CATEGORY_EN = {"经济发展": "Economic development", "创新驱动": "Innovation", "民生福祉": "Well-being",
               "生态文明": "Ecology", "绿色生态": "Green ecology", "安全保障": "Security"}


def _palette(n: int = 8) -> list:
    import seaborn as sns

    return sns.color_palette("colorblind", n)


def _indicator_name(row, lang: str) -> str:
    if lang == "zh":
        name = row["indicator_zh"]
        sub = row.get("sub_indicator_zh")
        return f"{name}（{sub}）" if isinstance(sub, str) and sub else name
    return row["indicator_en"] if isinstance(row["indicator_en"], str) else row["indicator_zh"]


def fyp13_status(lang: str = "en"):
    """13th-plan indicators met / missed / not comparable, by category and by attribute."""
    import matplotlib.pyplot as plt

    from ..tables.plans import plan13_status

    df = plan13_status()
    statuses = ["met", "missed", "not_comparable"]
    colours = dict(zip(statuses, [_palette()[2], _palette()[3], _palette()[7]]))
    fig, axes = plt.subplots(1, 2, figsize=(9, 4), gridspec_kw={"width_ratios": [3, 2]}, sharex=True,
                             layout="constrained")
    for ax, column, title in ((axes[0], "category", "by_category"), (axes[1], "attribute", "by_attribute")):
        counts = df.groupby([column, "status"], observed=True).size().unstack(fill_value=0)
        counts = counts.reindex(columns=statuses, fill_value=0)
        names = [_group_name(value, lang) for value in counts.index]
        left = [0] * len(counts)
        for status in statuses:
            ax.barh(names, counts[status], left=left, color=colours[status], label=label(status, lang))
            left = [a + b for a, b in zip(left, counts[status])]
        ax.set_title(label(title, lang))
        ax.set_xlabel(label("indicators_count", lang))
        ax.invert_yaxis()
    handles, labels_ = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels_, loc="outside lower center", ncol=3, frameon=False)
    fig.suptitle(label("fyp13_status_title", lang))

    return fig


def _group_name(value: str, lang: str) -> str:
    if value in ("anticipatory", "binding"):
        return label(value, lang)
    return value if lang == "zh" else CATEGORY_EN.get(value, value)


def fyp14_targets(lang: str = "en"):
    """14th-plan level indicators: the change 2020 → 2025 the plan asks for, with the implied annual rate."""
    import matplotlib.pyplot as plt

    from ..tables.plans import plan14_implied_growth

    df = plan14_implied_growth()
    df = df[df.implied_cagr_pct.notna()].copy()
    df["change_pct"] = (df.target_value / df.base_value - 1) * 100
    df = df.sort_values("change_pct").reset_index(drop=True)
    colours = {"anticipatory": _palette()[0], "binding": _palette()[1]}
    fig, ax = plt.subplots(figsize=(10, 0.45 * len(df) + 1.8), layout="constrained")
    for i, row in df.iterrows():
        colour = colours.get(row.attribute, "grey")
        ax.plot([0, row.change_pct], [i, i], color=colour, lw=2)
        ax.plot(row.change_pct, i, "o", color=colour)
        text = f"{row.base_text} → {row.target_text}  ({row.implied_cagr_pct:+.1f}%/{label('per_year', lang)})"
        ax.annotate(text, (max(row.change_pct, 0), i), xytext=(6, 0), textcoords="offset points", va="center",
                    fontsize=8)
    names = [textwrap.fill(_indicator_name(row, lang), 34 if lang == "en" else 18) for _, row in df.iterrows()]
    ax.set_yticks(range(len(df)), names, fontsize=9)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_xlabel(label("change_2020_2025", lang))
    ax.set_xlim(min(-10, df.change_pct.min() - 5), df.change_pct.max() + 45)
    for attribute, colour in colours.items():
        ax.plot([], [], "o-", color=colour, label=label(attribute, lang))
    fig.legend(loc="outside lower center", ncol=2, frameon=False)
    ax.set_title(label("fyp14_targets_title", lang))

    return fig


def target_ladder(lang: str = "en"):
    """GDP growth targets of China, Liaoning, Dalian and Jinzhou by year, markers by qualifier."""
    import matplotlib.pyplot as plt

    from ..tables.targets import target_ladder_long

    df = target_ladder_long()
    fig, ax = plt.subplots(figsize=(9, 4.2))
    colours = dict(zip(["china", "liaoning", "dalian", "jinzhou"], _palette()[:4]))
    for jurisdiction, group in df.groupby("jurisdiction", sort=False):
        group = group.sort_values("year")
        ax.plot(group.year, group.value, color=colours[jurisdiction], lw=1, alpha=0.6)
        for qualifier, part in group.groupby("qualifier"):
            ax.scatter(part.year, part.value, marker=QUALIFIER_MARKERS.get(qualifier, "o"),
                       color=colours[jurisdiction], zorder=3)
        ranges = group[group.value_high.notna()]
        ax.vlines(ranges.year, ranges.value, ranges.value_high, color=colours[jurisdiction], lw=3)
        ax.plot([], [], "-", color=colours[jurisdiction], label=label(jurisdiction, lang))
    for qualifier in ("exact", "about", "at_least", "range"):
        ax.scatter([], [], marker=QUALIFIER_MARKERS[qualifier], color="grey", label=label(qualifier, lang))
    ax.set_xlabel(label("year", lang))
    ax.set_ylabel(label("gdp_growth_target_pct", lang))
    ax.set_title(label("target_ladder_title", lang))
    ax.legend(ncol=2, fontsize=8, frameon=True)

    return fig


FIGURES = {
    "fyp13_status": fyp13_status,
    "fyp14_targets": fyp14_targets,
}
