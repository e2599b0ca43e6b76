"""Build one figure alone, in one language, size and format: for the pipeline's build and the command line.

>>> from dalian_reports.plots import save
>>> path = save("target_ladder", "/tmp/ladder_zh.pdf", lang="zh", size="column")   # doctest: +SKIP

:func:`render` returns the bytes (several formats from one drawing); :func:`save` writes one file
atomically. Both draw inside the house style for the language and size, and give the same bytes every
run (no dates, fixed SVG ids; PDF fonts are TrueType, never Type 3).
"""
from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ._common import check_lang
from .coverage import indicator_coverage
from .district import district_vs_city
from .drift import gdp_target_drift, target_vs_outcome
from .ladder import target_ladder
from .plans import fyp13_status, fyp14_targets
from .style import _SAVE_METADATA, figure_bytes, house_style

#: Every figure of the project: name -> function(data=None, *, lang, ax, size, title, note) -> Axes.
FIGURES: dict[str, Callable] = {
    "gdp_target_drift": gdp_target_drift,
    "target_vs_outcome": target_vs_outcome,
    "target_ladder": target_ladder,
    "district_vs_city": district_vs_city,
    "indicator_coverage": indicator_coverage,
    "fyp13_status": fyp13_status,
    "fyp14_targets": fyp14_targets,
}
FORMATS = tuple(_SAVE_METADATA)  # png, svg, pdf

def check_name(name: str) -> Callable:
    """The figure function called *name*; a ValueError listing the names otherwise."""
    if name not in FIGURES:
        raise ValueError(f"unknown figure {name!r}; choose one of: {', '.join(FIGURES)}")
    return FIGURES[name]


def check_format(fmt: str) -> str:
    """*fmt* if it is png, svg or pdf; a ValueError naming them otherwise."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    return fmt


def render(name: str, *, lang: str = "en", formats: Iterable[str] = ("png",), size: str = "full",
           editable_text: bool = False, dpi: float | None = None) -> dict[str, bytes]:
    """Draw figure *name* alone and return ``{format: bytes}`` for each of *formats*.

    Every file is exactly the figure's size (:data:`~dalian_reports.plots.SIZES`: 7 in or one 3.5 in
    journal column wide), never cropped or widened to what is drawn; its layout keeps every label inside.

    Parameters
    ----------
    name : str
        A key of :data:`FIGURES`.
    lang : {'en', 'zh'}
    formats : iterable of {'png', 'svg', 'pdf'}
    size : {'full', 'column'}
        7 in wide, or one journal column (3.5 in); heights in
        :func:`dalian_reports.plots._common.figure_size`.
    editable_text : bool
        SVG text as ``<text>`` elements (editable; needs the fonts) instead of paths.
    dpi : float, optional
        PNG resolution (default: the house style's 200).

    Returns
    -------
    dict of str to bytes

    Examples
    --------
    >>> from dalian_reports.plots import render
    >>> files = render("fyp13_status", lang="zh", formats=["svg", "pdf"], size="column")
    >>> sorted(files), files["pdf"][:5]
    (['pdf', 'svg'], b'%PDF-')
    """
    import matplotlib as mpl
    import matplotlib.pyplot as plt

    function = check_name(name)
    check_lang(lang)
    formats = [check_format(fmt) for fmt in dict.fromkeys(formats)]
    # the figure's own size, not cropped to what is drawn: its layout keeps everything inside (tested)
    with house_style(lang, size), mpl.rc_context({"savefig.bbox": "standard"}):
        fig = function(lang=lang, size=size).figure
        try:
            return laid_out_once(fig, formats, dpi=dpi, editable_text=editable_text)
        finally:
            plt.close(fig)


def laid_out_once(fig, formats: Iterable[str], *, dpi: float | None = None,
                  editable_text: bool = False) -> dict[str, bytes]:
    """``{format: bytes}`` of *fig* in each of *formats*, laid out once.

    Saving with ``bbox_inches="tight"`` draws a figure twice per format (once to measure, once to render),
    and a figure with a layout engine is laid out again at every draw. Here the figure is laid out and
    measured once; each format is then rendered with that layout and bounding box (padded by
    ``savefig.pad_inches``), so it is drawn once per format. Use inside the house style, as :func:`render`
    does.
    """
    import matplotlib as mpl

    formats = list(formats)
    if len(formats) < 2:
        return {fmt: figure_bytes(fig, fmt, dpi=dpi, editable_text=editable_text) for fmt in formats}
    engine = fig.get_layout_engine()
    if engine is not None:
        engine.execute(fig)   # the final positions (a draw would compute them, and draw every artist besides)
    bbox = None
    if mpl.rcParams["savefig.bbox"] == "tight":
        bbox = fig.get_tightbbox(fig._get_renderer()).padded(mpl.rcParams["savefig.pad_inches"])
    # No layout engine while the formats are rendered, not even the placeholder that set_layout_engine("none")
    # leaves: savefig lays out (draws without rendering) a figure that has one before rendering it, a whole
    # extra pass per format. set_layout_engine(None), and savefig's own restoring of the engine, make a new
    # engine when the rc parameters ask for one, so those are held off meanwhile.
    try:
        with mpl.rc_context({"figure.autolayout": False, "figure.constrained_layout.use": False}), \
                _ticks_fixed(fig):
            fig.set_layout_engine(None)
            return {fmt: figure_bytes(fig, fmt, dpi=dpi, editable_text=editable_text, bbox_inches=bbox)
                    for fmt in formats}
    finally:
        if engine is not None:
            fig.set_layout_engine(engine)


@contextlib.contextmanager
def _ticks_fixed(fig) -> Iterator[None]:
    """Inside the block, every axis of *fig* keeps the ticks it has now (a ``FixedLocator``), so rendering each
    format does not run the locators again; the locators are given back afterwards. The ticks are chosen in
    points, the same at every resolution, so the files are the same bytes."""
    from matplotlib.ticker import FixedLocator

    kept = []
    for axis in (axis for ax in fig.axes for axis in (ax.xaxis, ax.yaxis)):
        kept.append((axis, axis.get_major_locator(), axis.get_minor_locator(), axis.isDefault_majloc,
                     axis.isDefault_minloc))
        major, minor = FixedLocator(axis.get_majorticklocs()), FixedLocator(axis.get_minorticklocs())
        axis.set_major_locator(major)
        axis.set_minor_locator(minor)
    try:
        yield
    finally:
        for axis, major, minor, default_major, default_minor in kept:
            axis.set_major_locator(major)
            axis.set_minor_locator(minor)
            axis.isDefault_majloc, axis.isDefault_minloc = default_major, default_minor


def save(name: str, path: str | os.PathLike, *, lang: str = "en", fmt: str | None = None, size: str = "full",
         editable_text: bool = False, dpi: float | None = None) -> Path:
    """Build figure *name* alone and write it to *path* (atomically); return the path.

    This is what ``dalian-reports figure NAME --lang en|zh --format png|svg|pdf --out PATH`` calls.

    Parameters
    ----------
    name : str
        A key of :data:`FIGURES` (e.g. 'target_ladder').
    path : str or path-like
        File to write; its folder is created if missing.
    lang : {'en', 'zh'}
    fmt : {'png', 'svg', 'pdf'}, optional
        Default: the suffix of *path*.
    size, editable_text, dpi
        As in :func:`render`.

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from dalian_reports.plots import save
    >>> out = save("target_ladder", pathlib.Path(tempfile.mkdtemp()) / "ladder.pdf", size="column")
    >>> out.read_bytes()[:5]
    b'%PDF-'
    """
    from .._atomic import atomic_write_bytes

    path = Path(path)
    fmt = fmt or path.suffix.lstrip(".").lower()
    if not fmt:
        raise ValueError(f"cannot tell the format of {str(path)!r}: give fmt= ({', '.join(FORMATS)}) or a suffix")
    data = render(name, lang=lang, formats=[check_format(fmt)], size=size, editable_text=editable_text, dpi=dpi)
    return atomic_write_bytes(path, data[fmt])
