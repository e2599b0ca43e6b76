"""What every figure function shares: arguments, axes, fonts, years, the source note, target wording.

Each figure function has the signature ``name(data=None, *, lang="en", ax=None, size="full", title=None,
note=True, **options) -> Axes`` and does the same four things, with the helpers below:

1. :func:`table` checks ``data`` (or loads the library's table) and names missing columns;
2. :func:`drawing` gives the Axes: a new figure in the house style at ``size`` when ``ax`` is None,
   else the caller's Axes (only the fonts for ``lang`` are set: the caller's style is kept);
3. the figure draws with labels from ``labels.csv`` in ``lang`` (never the global language);
4. :func:`finish` adds the title and the source note (in ``lang``) and fixes the tick fonts.

Nothing here imports matplotlib, seaborn or pandas at import time.
"""
from __future__ import annotations

import contextlib
import weakref
from typing import Callable, Iterator, Sequence

from ._layout import NOTE_GID, legend_below, source_note  # noqa: F401  (re-exported for the figure modules)
from .style import CJK_FAMILY, HASHSALT, _check_lang, check_size, house_style, label, register_cjk_font

#: Marker of each qualifier (the target's wording): the same in every figure.
QUALIFIER_MARKERS = {"exact": "s", "about": "o", "at_least": "^", "greater_than": "^", "at_most": "v",
                     "less_than": "v", "range": "D", "unknown": "X", "qualitative": "P"}
#: Symbol written before a target's number (≈ for 左右, ≥ for 以上 …), in both languages.
QUALIFIER_SYMBOLS = {"about": "≈", "at_least": "≥", "at_most": "≤", "greater_than": ">", "less_than": "<"}
FLOORS = ("at_least", "greater_than")
CEILINGS = ("at_most", "less_than")
NO_NUMBER = ("qualitative", "none")
#: Axes narrower than this (inches) are drawn compact: shorter labels, fewer ticks.
COMPACT_WIDTH_IN = 4.0
#: Figures made by :func:`drawing` (their title goes at the top left of the figure, not of the Axes).
_OWN: "weakref.WeakSet" = weakref.WeakSet()
#: Height (inches) of the figures whose rows need more room than the house sizes give (:data:`SIZES`).
TALL = {"fyp14_targets": {"full": 6.2, "column": 4.6}, "indicator_coverage": {"full": 5.6, "column": 4.2},
        "district_vs_city": {"full": 4.6, "column": 3.6}, "fyp13_status": {"full": 4.3, "column": 3.0}}


# ------------------------------------------------------------------------------ arguments

def figure_size(name: str, size: str) -> tuple[float, float]:
    """Width and height (inches) of figure *name* at *size*: the house sizes, taller where rows need it."""
    from .style import SIZES

    width, height = SIZES[check_size(size)]
    return width, TALL.get(name, {}).get(size, height)


def check_lang(lang: str) -> str:
    """*lang* if it is 'en' or 'zh'; else a ValueError that names the allowed values."""
    return _check_lang(lang)


def table(data, name: str, loader: Callable, columns: Sequence[str]):
    """*data* (a DataFrame with *columns*) or, when None, the library's table *name* from *loader*."""
    import pandas as pd

    if data is None:
        data = loader()
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"data must be a pandas DataFrame like dr.{name}() (or None for the shipped table), "
                        f"not {type(data).__name__}")
    missing = [c for c in columns if c not in data.columns]
    if missing:
        raise ValueError(f"data lacks the column(s) {', '.join(missing)} that this figure needs; pass a table "
                         f"like dr.{name}() (with at least {', '.join(columns)})")
    return data


def _axes_list(ax, panels: int) -> list:
    from matplotlib.axes import Axes

    axes = [ax] if isinstance(ax, Axes) else list(ax) if isinstance(ax, (list, tuple)) else None
    if axes is None and hasattr(ax, "ravel"):
        axes = list(ax.ravel())
    if axes is None or not all(isinstance(a, Axes) for a in axes):
        raise TypeError(f"ax must be a matplotlib Axes (e.g. fig, ax = plt.subplots()), a sequence of {panels} "
                        f"Axes, or None for a new figure; not {type(ax).__name__}")
    if len(axes) != panels:
        hint = "" if panels == 1 else f" (e.g. fig, axes = plt.subplots({panels}, 1))"
        raise ValueError(f"this figure draws {panels} panel(s): pass {panels} Axes{hint}, or ax=None; "
                         f"got {len(axes)}")
    return axes


def font_families(lang: str, base: Sequence[str] | None = None) -> list[str]:
    """Font families for *lang* on top of *base* (the caller's): Noto Sans CJK SC is added so that Chinese
    renders (first for 'zh', as a fallback for 'en')."""
    base = [f for f in (base or []) if f != CJK_FAMILY]
    return [CJK_FAMILY, *base] if lang == "zh" else [*base, CJK_FAMILY]


@contextlib.contextmanager
def drawing(name: str, lang: str, ax, size: str, *, panels: int = 1, **subplots) -> Iterator[list]:
    """Yield the Axes to draw figure *name* on (a list of *panels*).

    ``ax=None``: a new figure in the house style for *lang* at *size* ('full' | 'column'; inches from
    :func:`figure_size`), with *panels* Axes stacked vertically (``subplots`` go to
    :func:`matplotlib.pyplot.subplots`).
    Otherwise the caller's Axes; only the font families change (so Chinese renders), inside the block.
    """
    import matplotlib as mpl
    import matplotlib.pyplot as plt

    check_lang(lang)
    check_size(size)
    if ax is None:
        with house_style(lang, size):
            fig, axes = plt.subplots(panels, 1, figsize=figure_size(name, size), squeeze=False, **subplots)
            _OWN.add(fig)
            try:
                yield list(axes.ravel())
            except BaseException:
                plt.close(fig)   # a figure that failed half-way is not left open
                raise
        return
    axes = _axes_list(ax, panels)
    register_cjk_font()
    families = font_families(lang, mpl.rcParams["font.family"])
    with mpl.rc_context({"font.family": families, "svg.hashsalt": HASHSALT}):
        for each in axes:
            set_fonts(each, families)
        yield axes


def set_fonts(ax, families: list[str]) -> None:
    """Give the texts an Axes made before the figure was drawn (tick labels, axis labels, titles) *families*."""
    ax.tick_params(labelfontfamily=families)
    for text in (ax.xaxis.label, ax.yaxis.label, ax.title, ax._left_title, ax._right_title):
        text.set_fontfamily(families)


def is_compact(ax) -> bool:
    """True when *ax* is narrower than :data:`COMPACT_WIDTH_IN` inches (a single journal column)."""
    return ax.get_position().width * ax.figure.get_figwidth() < COMPACT_WIDTH_IN


def finish(axes: list, lang: str, *, title: str, show_title: bool | None, note: str | None) -> None:
    """Fonts for *lang* on every tick label; the title; the source note under the last Axes.

    The title is drawn when *show_title* is True, or when it is None and the figure is a new one at least
    5 in wide (a paper's caption replaces it at column width, and your own Axes keep your title): at the
    top left of the figure for a new or multi-panel figure, else as the Axes' title.
    """
    import matplotlib as mpl

    families = list(mpl.rcParams["font.family"])
    for ax in axes:
        set_fonts(ax, families)
    fig = axes[0].figure
    if show_title is None:
        show_title = fig in _OWN and fig.get_figwidth() >= 5
    if show_title and (fig in _OWN or len(axes) > 1):
        fig.suptitle(title, x=0.01, ha="left", fontsize=mpl.rcParams["axes.titlesize"])
    elif show_title:
        axes[0].set_title(title, loc="left")
    if note:
        source_note(axes[-1], note)


def note_text(key: str, lang: str, **values) -> str:
    """The source note *key* of labels.csv in *lang*, with ``{years}`` and other fields filled."""
    return label(key, lang).format(**values)


# ---------------------------------------------------------------------------------- years

def year_span(years) -> str:
    """'2001, 2004–2026' for the years 2001, 2004, 2005, …, 2026 (runs of consecutive years joined)."""
    years = sorted({int(y) for y in years})
    runs, start = [], None
    for i, year in enumerate(years):
        start = year if start is None else start
        if i + 1 == len(years) or years[i + 1] != year + 1:
            runs.append(f"{start}" if start == year else f"{start}–{year}")
            start = None
    return ", ".join(runs)


def year_axis(ax, years, *, pad: float = 0.6) -> None:
    """x limits from the first to the last year of the data, integer ticks at a step that stays legible."""
    years = sorted({int(y) for y in years})
    first, last = years[0], years[-1]
    room = 7 if is_compact(ax) else 11
    step = next(s for s in (1, 2, 5, 10, 20, 50) if (last - first) / s < room)
    start = first if step == 1 else first + (-first) % step
    ticks = list(range(start, last + 1, step)) or [first]
    ax.set_xlim(first - pad, last + pad)
    ax.set_xticks(ticks, [str(t) for t in ticks])


def consecutive_runs(df, column: str = "year") -> list:
    """Split rows sorted by *column* into runs of consecutive years (no line across a missing year)."""
    runs, start = [], 0
    years = [int(y) for y in df[column]]
    for i in range(1, len(years) + 1):
        if i == len(years) or years[i] - years[i - 1] > 1:
            runs.append(df.iloc[start:i])
            start = i
    return runs


# ------------------------------------------------------------------------- target wording

def _number(value) -> str:
    return f"{float(value):g}"


def target_text(value, qualifier: str, value_high=None, *, lang: str = "en") -> str:
    """A target as a reader should see it: '≈6.5', '≥6', '6.5–7', '13'; '' for a target without a number."""
    import math

    if qualifier in NO_NUMBER or value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if qualifier == "range" and value_high is not None and value_high == value_high:
        return f"{_number(value)}–{_number(value_high)}"
    return QUALIFIER_SYMBOLS.get(qualifier, "") + _number(value)


def indicator_name(code: str, lang: str, *, short: bool = True) -> str:
    """Short name of an indicator code from labels.csv (``short:<code>``), else the vocabulary's name."""
    from ..vocab import name_en, name_zh

    if short:
        try:
            return label(f"short:{code}", lang)
        except KeyError:
            pass
    if lang == "zh":
        return name_zh(code)
    name = name_en(code)
    return name[:1].upper() + name[1:]


def unit_name(unit: str | None, lang: str) -> str:
    """A unit as written (亿元) in Chinese figures, its English name (100 million yuan) in English ones."""
    if not unit:
        return ""
    if lang == "zh":
        return unit
    try:
        return label(f"unit:{unit}", lang)
    except KeyError:
        return unit


def small_font() -> float:
    """Font size (points) of value labels: 80% of the text size, never below 5.5 pt (legible in print)."""
    import matplotlib as mpl

    return max(5.5, 0.8 * float(mpl.rcParams["font.size"]))


def palette(n: int = 8) -> list:
    """The colour-blind palette of the house style (the same colours on any Axes)."""
    import seaborn as sns

    return sns.color_palette("colorblind", n)


def hollow(colour) -> dict:
    """Marker keywords for a hollow marker in *colour* (a secondary source, in every figure)."""
    return {"facecolors": "white", "edgecolors": [colour], "linewidths": 1.2}
