"""House style for figures: seaborn theme, CJK font, bilingual labels, saving.

The Chinese font is *Noto Sans CJK SC Regular* (``NotoSansCJKsc-Regular.otf``),
which the ``mplfonts`` wheel ships and which is licensed under the SIL Open Font
License 1.1 (the font's own name table says so).  The same wheel also ships
``SimHei.ttf``, whose licence is doubtful; this module registers **only** the
Noto file, directly with ``matplotlib.font_manager.fontManager.addfont``.  It
never imports ``mplfonts`` (whose ``__init__`` pulls in its font manager) and
never calls its ``use_font``/installer helpers, which may write to the user's
matplotlib configuration.

Nothing here imports matplotlib, seaborn or pandas at module import time: they
are imported inside the functions that need them.

Typical use in a notebook::

    from dalian_reports.plots import house_style, label, save_figure
    with house_style("zh"):
        fig, ax = plt.subplots()
        ax.plot(df.year, df.target, label=label("target"))
        ax.set_xlabel(label("year"))          # language of the active style
        save_figure(fig, "growth_targets_zh", "figures")
"""
from __future__ import annotations

import contextlib
import csv
import importlib.resources
import importlib.util
import io
import logging
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = [
    "CJK_FONT_FILE",
    "CJK_FAMILY",
    "LANGS",
    "HASHSALT",
    "cjk_font_path",
    "register_cjk_font",
    "house_rc",
    "use_house_style",
    "house_style",
    "check_size",
    "SIZES",
    "current_lang",
    "label",
    "label_table",
    "missing_glyphs",
    "figure_bytes",
    "save_figure",
]

#: File name of the only font this package registers (SIL OFL 1.1).
CJK_FONT_FILE = "NotoSansCJKsc-Regular.otf"
#: Family name matplotlib gives that file.
CJK_FAMILY = "Noto Sans CJK SC"
#: Latin fallback for the few symbols Noto Sans CJK lacks; ships with matplotlib.
LATIN_FALLBACK = "DejaVu Sans"
LANGS = ("en", "zh")
#: Fixed salt for the ids matplotlib writes into SVG files.
HASHSALT = "dalian-reports"
#: Formats :func:`save_figure` accepts, with the metadata that keeps them reproducible.
_SAVE_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Producer": None},
}
#: Pillow's options for PNG: zlib level 3 instead of its default 6 compresses the house style's figures
#: about 2% smaller here, a third faster (measured on the 14 figures, 2026-11-30).
_PNG_OPTIONS = {"compress_level": 3}

#: Figure sizes in inches: a full text width, and one column of a two-column journal page.
SIZES = {"full": (7.0, 4.3), "column": (3.5, 2.5)}
#: Font sizes (points) at each size: the seaborn "paper" context at scale 1.2 for full width, and the
#: smallest sizes journals accept (6–7 pt) for a single column.
_FONT_SIZES = {
    "full": None,
    "column": {"font.size": 7.0, "axes.titlesize": 7.5, "axes.labelsize": 7.0, "xtick.labelsize": 6.5,
               "ytick.labelsize": 6.5, "legend.fontsize": 6.0, "legend.title_fontsize": 6.5,
               "figure.titlesize": 7.5, "lines.markersize": 4.0, "lines.linewidth": 1.1,
               "axes.linewidth": 0.6, "grid.linewidth": 0.5, "xtick.major.size": 2.5, "ytick.major.size": 2.5,
               "xtick.major.pad": 2.0, "ytick.major.pad": 2.0, "axes.titlepad": 4.0, "axes.labelpad": 2.5},
}

SETUP_HINT = (
    "run the set-up command from README.md (it installs the pinned dependencies "
    "into the project venv, e.g. `python -m pip install -e '.[dev]'`)"
)

_current_lang = "en"


# --------------------------------------------------------------------------- font

def cjk_font_path() -> Path:
    """Absolute path of ``NotoSansCJKsc-Regular.otf`` inside the installed ``mplfonts``.

    The package is located without being imported.  Raises
    :class:`FileNotFoundError` with set-up instructions if it or the font is missing.
    """
    spec = importlib.util.find_spec("mplfonts")
    locations = list(spec.submodule_search_locations or []) if spec else []
    for location in locations:
        path = Path(location, "fonts", CJK_FONT_FILE)
        if path.is_file():
            return path.resolve()
    where = f" (looked in {', '.join(str(Path(l, 'fonts')) for l in locations)})" if locations else (
        " (the mplfonts package is not installed)")
    raise FileNotFoundError(
        f"Chinese font {CJK_FONT_FILE} not found{where}; Chinese labels would render as "
        f"empty boxes. To fix it, {SETUP_HINT}."
    )


def register_cjk_font() -> Path:
    """Make Noto Sans CJK SC Regular known to matplotlib (idempotent); return its path.

    Only this one file is added to ``fontManager``; nothing is written to disk.
    """
    from matplotlib import font_manager

    path = cjk_font_path()
    fm = font_manager.fontManager
    if not any(_same_file(entry.fname, path) for entry in fm.ttflist):
        fm.addfont(str(path))
    return path


def _same_file(fname: str, path: Path) -> bool:
    try:
        return os.path.abspath(fname) == str(path)
    except (TypeError, ValueError):  # pragma: no cover - odd cache entries
        return False


@lru_cache(maxsize=None)
def _charmap(path: str) -> frozenset[int]:
    """Code points the font file at *path* has a glyph for."""
    from matplotlib.ft2font import FT2Font

    return frozenset(FT2Font(path).get_charmap())


# -------------------------------------------------------------------------- style

def _check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(map(repr, LANGS))} (English or Chinese labels), "
                         f"not {lang!r}")
    return lang


def check_size(size: str) -> str:
    """*size* if it is a key of :data:`SIZES`, else a ValueError naming the allowed sizes."""
    if not isinstance(size, str) or size not in SIZES:
        allowed = ", ".join(f"{name!r} ({w:g} × {h:g} in)" for name, (w, h) in SIZES.items())
        raise ValueError(f"size must be one of {allowed}, not {size!r}")
    return size


def house_rc(lang: str = "en", size: str = "full") -> dict:
    """The rcParams the house style sets on top of the seaborn theme.

    ``font.family`` is a fallback *list*: matplotlib draws each character with
    the first family that has it, so Latin and Chinese both render in either
    language.  Chinese figures put Noto Sans CJK SC first, so digits, Latin and
    Chinese share one typeface; English figures put DejaVu Sans first because
    Noto Sans CJK SC draws quotes, apostrophes and U+2212 MINUS at full CJK
    width ("target “about”" would get wide gaps), and fall back to
    Noto for any Chinese name in them.
    """
    _check_lang(lang)
    check_size(size)
    register_cjk_font()
    families = [CJK_FAMILY, LATIN_FALLBACK] if lang == "zh" else [LATIN_FALLBACK, CJK_FAMILY]
    return (_FONT_SIZES[size] or {}) | {
        "font.family": families,
        "font.sans-serif": families,
        # U+2212 for negative tick labels only where the first font has it at
        # normal width; Noto Sans CJK SC's is full-width ("—2"), so Chinese
        # figures use the ASCII hyphen-minus.
        "axes.unicode_minus": _good_minus(families[0]),
        "axes.formatter.use_mathtext": False,
        "figure.dpi": 100,
        "savefig.dpi": 200,
        "figure.facecolor": "white",
        "savefig.facecolor": "white",
        "savefig.bbox": "tight",
        "savefig.pad_inches": 0.05,
        "figure.constrained_layout.use": True,
        "legend.frameon": False,
        # seaborn forces white edges on every patch, which makes annotation
        # arrows invisible; unfilled patches get the text colour instead.
        "patch.force_edgecolor": False,
        "patch.edgecolor": ".15",
        "svg.fonttype": "path",  # glyphs as paths: SVGs render without the font installed
        "svg.hashsalt": HASHSALT,
        "pdf.fonttype": 42,  # TrueType (Type 42) fonts: journals refuse Type 3
        "ps.fonttype": 42,
        "figure.figsize": SIZES[size],
    }


@lru_cache(maxsize=None)
def _good_minus(family: str) -> bool:
    """Whether *family*'s font has U+2212 MINUS SIGN and it is not full-width."""
    from matplotlib import font_manager
    from matplotlib.font_manager import FontProperties
    try:
        from matplotlib.ft2font import LoadFlags
        no_scale = LoadFlags.NO_SCALE
    except ImportError:  # matplotlib < 3.10
        from matplotlib.ft2font import LOAD_NO_SCALE as no_scale

    path = font_manager.findfont(FontProperties(family=family), fallback_to_default=False)
    if 0x2212 not in _charmap(path):
        return False
    font = font_manager.get_font(path)
    glyph = font.load_char(0x2212, flags=no_scale)
    return glyph.horiAdvance < 0.9 * font.units_per_EM


def use_house_style(lang: str = "en", size: str = "full") -> None:
    """Apply the house style globally (seaborn "whitegrid", "paper" context at
    font scale 1.2, "colorblind" palette, Noto Sans CJK SC + DejaVu Sans in the
    order :func:`house_rc` gives for *lang*, fixed DPI, SVG glyphs as paths and
    a fixed SVG hash salt).

    Prefer the :func:`house_style` context manager, which undoes all of it.
    ``lang`` also becomes the default language of :func:`label`; ``size`` ('full' or 'column', see
    :data:`SIZES`) sets the default figure size and the font sizes that stay legible at it.
    """
    global _current_lang
    import matplotlib as mpl
    import seaborn as sns

    rc = house_rc(lang, size)
    # color_codes=False: seaborn would otherwise remap "b", "g", "r" ... in
    # matplotlib's colour table, a global change rc_context cannot undo.
    sns.set_theme(context="paper", style="whitegrid", palette="colorblind",
                  font="sans-serif", font_scale=1.2, color_codes=False)
    mpl.rcParams.update(rc)
    _current_lang = lang


@contextlib.contextmanager
def house_style(lang: str = "en", size: str = "full") -> Iterator[None]:
    """Context manager: the house style inside the block, previous rcParams after.

    Figures created inside the block keep the style's fonts and colours; save them
    inside the block so the save-time settings (DPI, bbox) apply too. ``size`` is
    'full' or 'column' (:data:`SIZES`).
    """
    import matplotlib as mpl

    global _current_lang
    _check_lang(lang)
    check_size(size)
    previous = _current_lang
    with mpl.rc_context():
        try:
            use_house_style(lang, size)
            yield
        finally:
            _current_lang = previous


def current_lang() -> str:
    """Language set by the innermost active house style ("en" when none)."""
    return _current_lang


# ------------------------------------------------------------------------- labels

@lru_cache(maxsize=1)
def _labels() -> dict[str, dict[str, str]]:
    text = importlib.resources.files(__package__).joinpath("labels.csv").read_text("utf-8")
    table: dict[str, dict[str, str]] = {}
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames != ["key", *LANGS]:
        raise ValueError(f"labels.csv must have columns key,{','.join(LANGS)}; has {reader.fieldnames}")
    for line, row in enumerate(reader, start=2):
        key = row["key"]
        if not key or key in table:
            raise ValueError(f"labels.csv:{line}: empty or duplicate key {key!r}")
        missing = [lang for lang in LANGS if not (row[lang] or "").strip()]
        if missing:
            raise ValueError(f"labels.csv:{line}: key {key!r} has no {'/'.join(missing)} text")
        table[key] = {lang: row[lang] for lang in LANGS}
    return table


_LABELS_READ: list[set[str]] = []   # the label keys read inside each open labels_read() block


@contextlib.contextmanager
def labels_read():
    """Collect the keys of the labels read inside the block (the build keys each figure by the labels it used,
    so editing one figure's title redraws that figure alone).

    >>> with labels_read() as keys:
    ...     _ = label("year", "en")
    >>> sorted(keys)
    ['year']
    """
    keys: set[str] = set()
    _LABELS_READ.append(keys)
    try:
        yield keys
    finally:
        _LABELS_READ.remove(keys)


def label(key: str, lang: str | None = None) -> str:
    """Axis title or legend word *key* in *lang* (default: the active house style's).

    >>> label("year", "zh")
    '年份'
    """
    lang = _check_lang(current_lang() if lang is None else lang)
    for keys in _LABELS_READ:
        keys.add(key)
    try:
        return _labels()[key][lang]
    except KeyError:
        raise KeyError(f"no label {key!r} for lang {lang!r} in dalian_reports/plots/labels.csv") from None


def label_texts(keys) -> list:
    """``[[key, {lang: text} or None], …]`` for ``keys`` as they are now in labels.csv (None for a key it lacks,
    which a figure may have tried before a fallback): what a figure that read those labels was drawn with."""
    table = _labels()
    return [[key, table.get(key)] for key in sorted(keys)]


def label_table() -> dict[str, dict[str, str]]:
    """All labels: ``{key: {"en": ..., "zh": ...}}`` (a copy)."""
    for keys in _LABELS_READ:
        keys.update(_labels())
    return {key: dict(texts) for key, texts in _labels().items()}


# ------------------------------------------------------------------ glyph coverage

def _font_paths(prop) -> list[str]:
    """Font files matplotlib would use, in fallback order, for FontProperties *prop*.

    Mirrors ``FontManager._find_fonts_by_props``: each family in the list is looked
    up without falling back to the default font; the default is used only when
    none is found.
    """
    from matplotlib import font_manager

    paths: list[str] = []
    for family in prop.get_family():
        single = prop.copy()
        single.set_family(family)
        try:
            path = font_manager.findfont(single, fallback_to_default=False)
        except ValueError:
            continue
        if path not in paths:
            paths.append(path)
    if not paths:
        paths.append(font_manager.findfont(prop))
    return paths


_MATHTEXT_MISSING = re.compile(r"U\+([0-9a-fA-F]+)")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.chars: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        match = _MATHTEXT_MISSING.search(record.getMessage())
        if "glyph" in record.getMessage() and match:
            self.chars.append(chr(int(match.group(1), 16)))


def _mathtext_missing(text: str, prop) -> list[str]:
    """Characters mathtext substitutes with a dummy symbol when laying out *text*."""
    from matplotlib.mathtext import MathTextParser

    logger = logging.getLogger("matplotlib.mathtext")
    handler, old_level, old_propagate = _Collect(), logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False  # collected here; drawing the figure warns anyway
    try:
        MathTextParser("path").parse(text, dpi=72, prop=prop)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
        logger.propagate = old_propagate
    return handler.chars


def _texts(fig) -> Iterable:
    from matplotlib.text import Text

    return fig.findobj(lambda artist: isinstance(artist, Text))


def missing_glyphs(fig: "Figure") -> list[tuple[str, str]]:
    """``(text, char)`` for every character of a visible Text artist of *fig* that
    no font in that artist's family list has (each pair once, in drawing order).

    The figure is laid out first (without rendering) so tick labels exist.
    Mathtext strings are checked by laying them out with matplotlib's mathtext
    parser, which reports the glyphs it has to replace.  usetex strings are
    rendered by TeX and are not checked.
    """
    from matplotlib import cbook

    fig.draw_without_rendering()
    found: dict[tuple[str, str], None] = {}
    for artist in _texts(fig):
        text = artist.get_text()
        if not text or not artist.get_visible() or artist.get_usetex():
            continue
        prop = artist.get_fontproperties()
        if cbook.is_math_text(text) and artist.get_parse_math():
            chars = _mathtext_missing(text, prop)
        else:
            covered = [_charmap(path) for path in _font_paths(prop)]
            chars = [c for c in text if c != "\n" and not any(ord(c) in cmap for cmap in covered)]
        for char in chars:
            found.setdefault((text, char), None)
    return list(found)


# ------------------------------------------------------------------------- saving

def figure_bytes(fig: "Figure", fmt: str, *, dpi: float | None = None, editable_text: bool = False,
                 bbox_inches=None) -> bytes:
    """Render *fig* as *fmt* ("png", "svg" or "pdf") with reproducible bytes.

    Metadata that varies between runs (PNG Software, SVG Date, PDF dates and
    producer) is dropped, an opaque PNG is RGB (:mod:`._png`), SVG ids use :data:`HASHSALT`, and PDF fonts are
    embedded as TrueType (Type 42), never Type 3. SVG text is written as paths,
    so the file renders without the font installed; ``editable_text=True``
    writes it as ``<text>`` elements instead (editable in Inkscape or
    Illustrator, which then need the fonts: DejaVu Sans and Noto Sans CJK SC). ``bbox_inches`` overrides
    ``savefig.bbox`` (a Bbox in inches, as :func:`dalian_reports.plots.output.laid_out_once` passes).
    """
    import matplotlib as mpl

    from ._png import png_bytes

    if fmt not in _SAVE_METADATA:
        raise ValueError(f"format must be one of {sorted(_SAVE_METADATA)}, not {fmt!r}")
    rc = {"svg.hashsalt": HASHSALT, "svg.fonttype": "none" if editable_text else "path",
          "pdf.fonttype": 42, "ps.fonttype": 42}
    placement = {} if bbox_inches is None else {"bbox_inches": bbox_inches}
    with mpl.rc_context(rc):
        if fmt == "png":   # RGB when opaque (:mod:`._png`)
            return png_bytes(fig, dpi=dpi, metadata=_SAVE_METADATA[fmt], options=_PNG_OPTIONS, **placement)
        buffer = io.BytesIO()
        fig.savefig(buffer, format=fmt, metadata=dict(_SAVE_METADATA[fmt]), dpi=dpi, **placement)
    return buffer.getvalue()


def save_figure(fig: "Figure", stem: str, outdir: str | os.PathLike,
                formats: Iterable[str] = ("png", "svg"), *, dpi: float | None = None) -> list[Path]:
    """Write ``outdir/stem.<fmt>`` for each format; return the paths written.

    All formats are rendered in memory first and then written together with
    :func:`dalian_reports.export.atomic_directory_update`: a failure leaves the
    previous files untouched, and no half-written file is ever visible.
    """
    from .._atomic import atomic_directory_update

    if not stem or Path(stem).name != stem or stem in {".", ".."}:
        raise ValueError(f"stem must be a plain file name without directories, not {stem!r}")
    formats = list(dict.fromkeys(formats))
    if not formats:
        raise ValueError("formats must name at least one format")
    outdir = Path(outdir)
    contents = {outdir / f"{stem}.{fmt}": figure_bytes(fig, fmt, dpi=dpi) for fmt in formats}
    atomic_directory_update(contents)
    return list(contents)
