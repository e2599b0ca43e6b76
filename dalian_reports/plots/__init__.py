"""Figures: house style, CJK font, bilingual labels, reproducible saving.

Importing this package does not import matplotlib, seaborn or pandas.
"""
from .style import (  # noqa: F401
    CJK_FAMILY,
    HASHSALT,
    LANGS,
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
from .figures import FIGURES  # noqa: F401  (figure functions import matplotlib only when called)

__all__ = [
    "FIGURES", "CJK_FAMILY", "HASHSALT", "LANGS", "cjk_font_path", "current_lang", "figure_bytes",
    "house_rc", "house_style", "label", "label_table", "missing_glyphs",
    "register_cjk_font", "save_figure", "use_house_style",
]
