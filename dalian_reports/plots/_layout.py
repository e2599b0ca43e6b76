"""Under an Axes: a legend below the x-axis and the source note below both, placed in points so they
follow any size and layout; and wrapping for mixed Chinese and Latin text."""
from __future__ import annotations

import re
import weakref

#: Gid of the source-note text artist (tests and users find it by this id).
NOTE_GID = "source-note"
#: Gid of a legend placed under the x-axis by :func:`legend_below`.
LEGEND_GID = "legend-below"
#: Chinese punctuation that may not start a line (it stays at the end of the line before).
_NO_LINE_START = frozenset("）》」』】、，。；：！？”")
_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”"
#: A Chinese character, or a Latin word with its trailing space, each with any opening brackets before it.
_TOKENS = re.compile(rf"[（《「『【“]*(?:[{_CJK}]|[^\s{_CJK}]+\s*)|\s+")


def wrap(text: str, width_em: float) -> str:
    """Wrap *text* into lines of about *width_em* ems: a Chinese character counts one em, any other
    character 0.55; Latin words are never cut, Chinese text breaks between characters.

    >>> print(wrap("Source: work reports of 2001–2026", 12))
    Source: work reports
    of 2001–2026
    """
    lines, line, used = [], "", 0.0
    for token in _TOKENS.findall(text):
        ems = sum(1.0 if ord(c) > 0x2FFF else 0.55 for c in token)
        closing = token in _NO_LINE_START
        if line and not closing and used + ems - 0.55 * (len(token) - len(token.rstrip())) > width_em:
            lines.append(line.rstrip())
            line, used, token = "", 0.0, token.lstrip()
            ems = sum(1.0 if ord(c) > 0x2FFF else 0.55 for c in token)
        line += token
        used += ems
    return "\n".join(lines + [line.rstrip()])


#: Figures a measurement has laid out, with their size, resolution and number of Axes at the time.
_LAID_OUT: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _layout_state(fig) -> tuple:
    return (*fig.get_size_inches(), fig.dpi, len(fig.axes))


def _reach(ax, *, relayout: bool = True) -> tuple[float, float]:
    """How far (points) the Axes' labels reach below its bottom (x-axis) and left of its left edge (y-axis).

    The figure's layout engine runs first, for the positions a draw would give (without drawing every
    artist). With ``relayout=False`` it runs only if no measurement has laid the figure out at its present
    size and number of Axes: the labels are then measured afresh (fonts, ticks), at the positions of that
    layout. The final layout comes at drawing time either way.
    """
    fig = ax.figure
    renderer = fig._get_renderer()
    engine = fig.get_layout_engine()
    if engine is not None and (relayout or _LAID_OUT.get(fig) != _layout_state(fig)):
        engine.execute(fig)
        _LAID_OUT[fig] = _layout_state(fig)
    extent = ax.get_window_extent(renderer)
    below = ax.xaxis.get_tightbbox(renderer)
    left = ax.yaxis.get_tightbbox(renderer)
    down = 0.0 if below is None else max(0.0, extent.y0 - below.y0)
    side = 0.0 if left is None else max(0.0, extent.x0 - left.x0)
    return down * 72 / fig.dpi, side * 72 / fig.dpi


def legend_below(ax, handles: list, *, ncol: int | None = None):
    """A legend under the x-axis of *ax*, aligned with the left of its y-axis labels, in as many columns as fit.

    The distances are measured in points (tick labels and axis labels have fixed point sizes), so the
    legend stays under the axis at any figure size, layout or resolution. The legend itself is left out
    of the layout; the source note under it (:func:`source_note`) keeps the room it needs.
    """
    from matplotlib.transforms import ScaledTranslation

    fig = ax.figure
    down, side = _reach(ax)
    shift = ScaledTranslation(-side / 72, -(down + 2) / 72, fig.dpi_scale_trans)
    start = ax.get_window_extent(fig._get_renderer()).x0 - side * fig.dpi / 72
    for columns in range(min(ncol or 4, len(handles)), 0, -1):
        legend = ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, 0), ncol=columns,
                           bbox_transform=ax.transAxes + shift, frameon=False, borderaxespad=0, borderpad=0.1,
                           handlelength=1.5, columnspacing=1.0, labelspacing=0.3)
        legend.set_in_layout(False)
        legend.set_gid(LEGEND_GID)
        if start + legend.get_window_extent(fig._get_renderer()).width <= fig.get_figwidth() * fig.dpi * 0.99:
            break
    return legend


class Below:
    """Annotation coordinates under an Axes: the box of its x-axis and of a legend placed under it by
    :func:`legend_below`; y=0 is the bottom of that box. Evaluated at draw time, so it follows the layout."""

    def __init__(self, ax):
        self.ax = ax

    def __call__(self, renderer):
        from matplotlib.transforms import Bbox

        boxes = [self.ax.xaxis.get_tightbbox(renderer) or self.ax.get_window_extent(renderer)]
        legend = self.ax.get_legend()
        if legend is not None and legend.get_gid() == LEGEND_GID:
            boxes.append(legend.get_window_extent(renderer))
        return Bbox.union(boxes)


def _wrapped_to_fit(text: str, width_pt: float, fontsize: float, fig) -> str:
    """*text* wrapped by :func:`wrap` so that its widest line, drawn at *fontsize* in the present fonts, is at
    most *width_pt* wide: the estimate of ems first, narrower while a line is measured too wide."""
    from matplotlib.font_manager import FontProperties

    renderer, prop = fig._get_renderer(), FontProperties(size=fontsize)
    width_em = width_pt / fontsize
    while True:
        wrapped = wrap(text, width_em)
        widest_pt = max(renderer.get_text_width_height_descent(line, prop, ismath=False)[0]
                        for line in wrapped.split("\n")) * 72 / fig.dpi
        if widest_pt <= width_pt or width_em <= 1:
            return wrapped
        width_em = min(width_em - 0.5, width_em * width_pt / widest_pt)


def source_note(ax, text: str) -> None:
    """Write *text* under *ax* (below its x-axis and a legend under it), small and grey, from the left of its
    y-axis labels, wrapped to the width they and the Axes take."""
    import matplotlib as mpl

    _, side = _reach(ax, relayout=False)   # the legend's layout, if legend_below has just laid it out
    width_pt = ax.get_position().width * ax.figure.get_figwidth() * 72 + side
    tick = mpl.rcParams["xtick.labelsize"]
    size = 0.85 * tick if isinstance(tick, (int, float)) else 6.0
    ax.annotate(_wrapped_to_fit(text, width_pt, size, ax.figure), xy=(0, 0), xycoords=("axes fraction", Below(ax)),
                xytext=(-side, -3), textcoords="offset points", ha="left", va="top", fontsize=size, color="0.35",
                annotation_clip=False, gid=NOTE_GID)
