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
QUALIFIER_SYMBOLS = {"about": "≈", "at_least": "≥", "at_most": "≤", "greater_than": ">", "less_than": "<"}
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

    from ..loaders import plan13_status

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

    from ..loaders import plan14_implied_growth

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

    from ..loaders import target_ladder as target_ladder_long

    df = target_ladder_long()
    fig, ax = plt.subplots(figsize=(9, 4.2))
    colours = dict(zip(["china", "liaoning", "dalian", "jinzhou"], _palette()[:4]))
    for jurisdiction, group in df.groupby("jurisdiction", sort=False, observed=True):
        group = group.sort_values("year")
        ax.plot(group.year, group.value, color=colours[jurisdiction], lw=1, alpha=0.6)
        for qualifier, part in group.groupby("qualifier", observed=True):
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


def _annual_targets(indicator: str, issuer: str = "dalian"):
    from ..loaders import headline_figures

    df = headline_figures()
    keep = (df.issuer == issuer) & (df.lang == "zh") & (df.indicator == indicator) & (df.measure == "growth")
    return df[keep & (df.kind == "target")], df[keep & (df.kind == "outcome")]


def gdp_target_drift(lang: str = "en"):
    """Dalian's annual GDP growth targets (markers by qualifier), the reported outcomes, and plan-period targets."""
    import matplotlib.pyplot as plt

    from ..loaders import headline_figures
    from ..loaders import fyp_indicators

    targets, outcomes = _annual_targets("gdp")
    colours = _palette()
    fig, ax = plt.subplots(figsize=(9, 4.6), layout="constrained")
    for qualifier, part in targets.groupby("qualifier", observed=True):
        ax.scatter(part.period_start, part.value, marker=QUALIFIER_MARKERS.get(qualifier, "o"), s=60,
                   color=colours[0], zorder=3, label=f"{label('target', lang)} ({label(qualifier, lang)})")
    ranges = targets[targets.value_high.notna()]
    ax.vlines(ranges.period_start, ranges.value, ranges.value_high, color=colours[0], lw=4, zorder=2)
    for run in _consecutive_runs(targets.sort_values("period_start")):
        ax.plot(run.period_start, run.value, color=colours[0], lw=1, alpha=0.5)
    ax.plot(outcomes.period_start, outcomes.value, "x", color=colours[3], ms=9, mew=2,
            label=label("reported_outcome", lang), zorder=4)
    plans = headline_figures()
    plans = plans[(plans.issuer == "dalian") & (plans.lang == "zh") & (plans.indicator == "gdp")
                  & (plans.kind == "plan_target") & (plans.measure == "avg_growth")]
    fyp14 = fyp_indicators(14)
    fyp14 = fyp14[(fyp14.indicator == "gdp") & fyp14.avg_growth_value.notna()]
    segments = [(r.period_start, r.period_end, r.value, _target_text(r)) for r in plans.itertuples()]
    segments += [(2021, 2025, r.avg_growth_value, r.avg_growth_text) for r in fyp14.itertuples()]
    for i, (start, end, value, text) in enumerate(segments):
        ax.hlines(value, start - 0.4, end + 0.4, color=colours[2], lw=2, linestyles="--",
                  label=label("plan_avg_target", lang) if i == 0 else None)
        ax.annotate(f"{start}–{end}: {text}", (end + 0.4, value), xytext=(0, -12), textcoords="offset points",
                    ha="right", fontsize=8, color=colours[2])
    district, _ = _annual_targets("gdp", issuer="jinzhou")
    ax.scatter(district.period_start, district.value, marker="*", s=140, color=colours[4], zorder=4,
               label=label("district_target", lang))
    ax.set_xlabel(label("year", lang))
    ax.set_ylabel(label("gdp_growth_pct", lang))
    ax.set_title(label("gdp_target_drift_title", lang))
    ax.set_xticks(range(2011, 2026, 2))
    ax.legend(fontsize=8, ncol=2, frameon=True, loc="upper right")
    return fig


def target_vs_outcome_gap(lang: str = "en"):
    """Outcome minus GDP growth target (pp), by the report's own estimate and by the official figure."""
    import matplotlib.pyplot as plt

    from ..loaders import target_vs_outcome

    df = target_vs_outcome()
    colours = _palette()
    fig, ax = plt.subplots(figsize=(9, 4.2), layout="constrained")
    seeds = df[df.target_origin == "seed"].year
    for year in seeds:
        ax.axvspan(year - 0.5, year + 0.5, color="0.92", zorder=0)
    width = 0.38
    for offset, column, hit, colour, key in ((-width / 2, "gap_estimate_pp", "hit_estimate", colours[0], "own_estimate"),
                                             (width / 2, "gap_official_pp", "hit_official", colours[1], "official")):
        part = df[df[column].notna()]
        ax.bar(part.year + offset, part[column], width=width, color=colour, label=label(key, lang))
        for row in part.itertuples():
            verdict = getattr(row, hit)
            ax.annotate(label(verdict, lang), (row.year + offset, getattr(row, column)),
                        xytext=(0, 3 if getattr(row, column) >= 0 else -10), textcoords="offset points",
                        ha="center", fontsize=7)
    ax.axhline(0, color="black", lw=0.8)
    ax.set_xlabel(label("year", lang))
    ax.set_ylabel(label("gap_pp", lang))
    ax.set_title(label("target_vs_outcome_title", lang))
    from matplotlib.patches import Patch

    handles, names = ax.get_legend_handles_labels()
    handles.append(Patch(facecolor="0.92", label=label("seed_years", lang)))
    ax.legend(handles=handles, fontsize=8, frameon=True)
    ax.set_xticks(sorted(df.year.unique()), [str(y) for y in sorted(df.year.unique())], fontsize=8)
    return fig


def district_vs_city(lang: str = "en"):
    """Jinzhou District against Dalian for the figures both sources give in percent."""
    import matplotlib.pyplot as plt

    from ..loaders import district_vs_city as pairs

    df = pairs()
    df = df[(df.pairing == "paired") & (df.district_unit == "%") & df.city_value.notna()
            & df.district_value.notna()].copy()
    df["what"] = df.apply(lambda r: f"{_indicator_label(r.indicator, lang)}\n{label(r.measure, lang)} "
                                    f"{r.period_start}" + (f"–{r.period_end}" if r.period_end != r.period_start else ""),
                          axis=1)
    colours = _palette()
    fig, ax = plt.subplots(figsize=(9, 0.7 * len(df) + 1.5), layout="constrained")
    ys = range(len(df))
    ax.barh([y + 0.2 for y in ys], df.district_value, height=0.4, color=colours[4], label=label("jinzhou", lang))
    ax.barh([y - 0.2 for y in ys], df.city_value, height=0.4, color=colours[0], label=label("dalian", lang))
    for y, row in zip(ys, df.itertuples()):
        ax.annotate(_qualified(row.district_value, row.district_qualifier), (row.district_value, y + 0.2),
                    xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)
        ax.annotate(_qualified(row.city_value, row.city_qualifier), (row.city_value, y - 0.2),
                    xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)
    ax.set_yticks(list(ys), df.what, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel(label("percent", lang))
    ax.set_title(label("district_vs_city_title", lang))
    ax.legend(loc="lower right", frameon=True)
    return fig


def _qualified(value: float, qualifier: str) -> str:
    return f"{QUALIFIER_SYMBOLS.get(qualifier, '')}{value:g}"


def _indicator_label(code: str, lang: str) -> str:
    """Name of a canonical code in the figure's language; a wording shown in brackets (no code) stays as it is."""
    from ..vocab import name_en, name_zh

    if code.startswith("("):
        return code
    return name_zh(code) if lang == "zh" else name_en(code)


def _consecutive_runs(df):
    """Split rows sorted by period_start into runs of consecutive years (no line across missing years)."""
    runs, start = [], 0
    years = df.period_start.tolist()
    for i in range(1, len(years) + 1):
        if i == len(years) or years[i] - years[i - 1] > 1:
            runs.append(df.iloc[start:i])
            start = i
    return runs


def indicator_coverage(lang: str = "en"):
    """Which indicators Dalian's annual target paragraph named, year by year (cell text: the target as written)."""
    import matplotlib.pyplot as plt
    import numpy as np

    from ..loaders import targets

    df = targets()
    df = df[(df.issuer == "dalian") & (df.lang == "zh") & (df.kind == "target")].copy()
    df["code"] = df.indicator.fillna("(" + df.indicator_zh + ")")
    df["cell"] = df.apply(_target_text, axis=1)
    years = sorted(df.report_year.unique())
    codes = list(dict.fromkeys(df.sort_values(["report_year"]).code))
    grid = np.zeros((len(codes), len(years)))
    fig, ax = plt.subplots(figsize=(1.3 * len(years) + 3.5, 0.42 * len(codes) + 1.5), layout="constrained")
    for row in df.itertuples():
        i, j = codes.index(row.code), years.index(row.report_year)
        grid[i, j] = 1
        ax.text(j, i, row.cell, ha="center", va="center", fontsize=8)
    ax.imshow(grid, cmap="Blues", vmin=0, vmax=3, aspect="auto")
    names = [_indicator_label(code, lang) for code in codes]
    ax.set_yticks(range(len(codes)), names, fontsize=8)
    ax.set_xticks(range(len(years)), [str(y) for y in years])
    ax.set_xlabel(label("target_year", lang))
    ax.set_title(label("indicator_coverage_title", lang))
    ax.grid(False)
    return fig


def _target_text(row) -> str:
    if row.qualifier == "qualitative":
        return "≈GDP"
    symbol = QUALIFIER_SYMBOLS.get(row.qualifier, "")
    if row.qualifier == "range":
        return f"{row.value:g}–{row.value_high:g}"
    sign = {"decline": "−", "cumulative_decline": "Σ−"}.get(row.measure, "")
    return f"{symbol}{sign}{row.value:g}"


FIGURES = {
    "gdp_target_drift": gdp_target_drift,
    "target_vs_outcome": target_vs_outcome_gap,
    "target_ladder": target_ladder,
    "district_vs_city": district_vs_city,
    "indicator_coverage": indicator_coverage,
    "fyp13_status": fyp13_status,
    "fyp14_targets": fyp14_targets,
}
