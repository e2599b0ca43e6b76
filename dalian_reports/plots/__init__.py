"""Figures: one function per figure, the house style, bilingual labels, reproducible files.

Every figure is a function ``dr.plots.<name>(data=None, *, lang="en", ax=None, size="full", title=None,
note=True) -> matplotlib.axes.Axes``: ``data`` defaults to the library's shipped table, ``lang`` ('en' or
'zh') sets the language of every label (there is no global language), ``ax`` draws onto your own Axes
(two-panel figures take two), ``size`` ('full' or 'column') sizes a new figure, and a source note under
the axes names the tables and documents it is drawn from. :func:`save` builds one figure alone into a
PNG, SVG or PDF file; :data:`FIGURES` lists them all.

>>> import matplotlib.pyplot as plt
>>> import dalian_reports as dr
>>> fig, ax = plt.subplots(figsize=(3.5, 2.5))
>>> ax = dr.plots.target_ladder(ax=ax, lang="zh")
>>> ax.get_xlabel()
'年份'
>>> plt.close(fig)

Journals refuse Type 3 fonts: :func:`save` and :func:`render` embed TrueType (Type 42) fonts in PDFs; if
you save a figure yourself, set ``matplotlib.rcParams["pdf.fonttype"] = 42`` first (``house_style`` does).

Importing this package does not import matplotlib, seaborn or pandas.
"""
from .style import (  # noqa: F401
    CJK_FAMILY,
    HASHSALT,
    LANGS,
    SIZES,
    cjk_font_path,
    current_lang,
    figure_bytes,
    house_rc,
    house_style,
    label,
    label_table,
    missing_glyphs,
    register_cjk_font,
    save_figure,
    use_house_style,
)
from ._common import NOTE_GID, QUALIFIER_MARKERS, QUALIFIER_SYMBOLS  # noqa: F401
from .coverage import indicator_coverage  # noqa: F401  (figure functions import matplotlib only when called)
from .district import district_vs_city  # noqa: F401
from .drift import gdp_target_drift, is_plan_period, target_vs_outcome  # noqa: F401
from .ladder import target_ladder  # noqa: F401
from .plans import fyp13_status, fyp14_targets  # noqa: F401
from .output import FIGURES, FORMATS, render, save  # noqa: F401

#: Former name of :func:`target_vs_outcome` (the figure is ``FIGURES["target_vs_outcome"]``).
target_vs_outcome_gap = target_vs_outcome

__all__ = [
    "FIGURES", "FORMATS", "NOTE_GID", "QUALIFIER_MARKERS", "QUALIFIER_SYMBOLS", "SIZES",
    "district_vs_city", "fyp13_status", "fyp14_targets", "gdp_target_drift", "indicator_coverage", "is_plan_period",
    "render", "save",
    "target_ladder", "target_vs_outcome",
    "CJK_FAMILY", "HASHSALT", "LANGS", "cjk_font_path", "current_lang", "figure_bytes",
    "house_rc", "house_style", "label", "label_table", "missing_glyphs",
    "register_cjk_font", "save_figure", "use_house_style",
]
