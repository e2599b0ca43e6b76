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

__all__ = [
    "CJK_FAMILY", "HASHSALT", "LANGS", "cjk_font_path", "current_lang", "figure_bytes",
    "house_rc", "house_style", "label", "label_table", "missing_glyphs",
    "register_cjk_font", "save_figure", "use_house_style",
]
