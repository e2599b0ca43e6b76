"""Plot functions a paper author can use: one signature, own Axes, one figure alone, journal-ready files."""
from __future__ import annotations

import inspect
import re
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402

import dalian_reports as dr  # noqa: E402
from dalian_reports import plots  # noqa: E402

NAMES = sorted(plots.FIGURES)
TWO_PANELS = {"fyp14_targets", "district_vs_city"}
CJK = re.compile(r"[\u4e00-\u9fff]")
TABLES = {"gdp_target_drift": "target_vs_outcome", "target_vs_outcome": "target_vs_outcome",
          "target_ladder": "target_ladder", "district_vs_city": "district_vs_city",
          "indicator_coverage": "targets_panel", "fyp13_status": "fyp13_indicators",
          "fyp14_targets": "fyp14_indicators"}


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _visible_texts(fig):
    """Texts that are drawn: visible, not empty, and (tick labels) at a tick inside the view limits."""
    fig.draw_without_rendering()
    hidden = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            low, high = sorted(axis.get_view_interval())
            for tick in axis.get_major_ticks():
                if not low - 1e-9 <= tick.get_loc() <= high + 1e-9:
                    hidden |= {id(tick.label1), id(tick.label2)}
    return [t for t in fig.findobj(matplotlib.text.Text)
            if t.get_visible() and t.get_text().strip() and id(t) not in hidden]


def _note(fig):
    notes = [t for t in fig.findobj(matplotlib.text.Text) if t.get_gid() == plots.NOTE_GID]
    assert len(notes) == 1
    return notes[0].get_text()


# ------------------------------------------------------------------------------- the signature

@pytest.mark.parametrize("name", NAMES)
def test_every_figure_has_the_same_signature_and_returns_axes(name):
    function = getattr(plots, name)
    assert plots.FIGURES[name] is function and getattr(dr.plots, name) is function
    params = inspect.signature(function).parameters
    assert list(params)[:6] == ["data", "lang", "ax", "size", "title", "note"]
    assert params["data"].default is None and params["lang"].default == "en" and params["ax"].default is None
    assert all(p.kind is p.KEYWORD_ONLY for n, p in params.items() if n != "data")
    assert isinstance(function(), Axes)
    assert "Examples" in function.__doc__ and ">>>" in function.__doc__


@pytest.mark.parametrize("name", NAMES)
def test_drawing_onto_your_own_axes(name):
    panels = 2 if name in TWO_PANELS else 1
    fig, axes = plt.subplots(panels, 1, figsize=(6, 3 * panels), squeeze=False)
    axes = list(axes.ravel())
    got = getattr(plots, name)(ax=axes if panels == 2 else axes[0], lang="zh")
    assert got is axes[0]
    assert fig.axes == axes  # nothing added, nothing replaced
    assert all(ax.has_data() for ax in axes)
    assert plots.missing_glyphs(fig) == []  # the caller's default style, Chinese labels still render


@pytest.mark.parametrize("name", sorted(TWO_PANELS))
def test_two_panel_figures_say_how_many_axes_they_need(name):
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match=r"2 panel.*plt.subplots\(2, 1\)"):
        getattr(plots, name)(ax=ax)


def test_beginner_friendly_errors():
    with pytest.raises(ValueError, match=r"lang must be one of 'en', 'zh'.*'fr'"):
        plots.target_ladder(lang="fr")
    with pytest.raises(ValueError, match=r"size must be one of 'full'.*'column'.*'huge'"):
        plots.target_ladder(size="huge")
    with pytest.raises(TypeError, match=r"data must be a pandas DataFrame like dr.target_ladder\(\)"):
        plots.target_ladder(data=[1, 2, 3])
    with pytest.raises(ValueError, match=r"lacks the column\(s\) qualifier"):
        plots.target_ladder(data=dr.target_ladder().drop(columns="qualifier"))
    with pytest.raises(TypeError, match=r"ax must be a matplotlib Axes"):
        plots.target_ladder(ax="left")
    with pytest.raises(ValueError, match=r"unknown figure 'ladder'; choose one of: .*target_ladder"):
        plots.save("ladder", "/tmp/x.png")
    with pytest.raises(ValueError, match=r"format must be one of png, svg, pdf, not 'jpg'"):
        plots.render("target_ladder", formats=["jpg"])


def test_no_global_language_state():
    ax = plots.target_ladder(lang="zh")  # outside any house style
    assert CJK.search(ax.get_xlabel()) and plots.current_lang() == "en"
    with plots.house_style("zh"):
        ax = plots.target_ladder(lang="en")
        assert ax.get_xlabel() == "Year" and plots.current_lang() == "zh"
    before = dict(matplotlib.rcParams)
    plots.fyp13_status(lang="zh")
    assert dict(matplotlib.rcParams) == before


def test_data_defaults_to_the_shipped_table_and_can_be_filtered():
    full = plots.target_ladder()
    part = plots.target_ladder(data=dr.target_ladder().query("jurisdiction == 'dalian'"))
    assert len(part.get_legend().get_texts()) < len(full.get_legend().get_texts())


# ----------------------------------------------------------------------- notes, years, legibility

@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_figure_names_its_source_in_its_language(name, lang):
    note = _note(getattr(plots, name)(lang=lang).figure)
    assert bool(CJK.search(note)) == (lang == "zh")
    assert TABLES[name] in note
    assert note.startswith("Source:" if lang == "en" else "资料来源：")


@pytest.mark.parametrize("name", ["gdp_target_drift", "target_vs_outcome", "target_ladder"])
def test_year_axes_come_from_the_data(name):
    loader = {"target_ladder": dr.target_ladder}.get(name, dr.target_vs_outcome)
    data = loader().assign(year=lambda d: d.year - 100)
    first, last = int(data.year.min()), int(data.year.max())
    no_periods = dr.targets_panel("dalian", "gdp", "plan_target").iloc[0:0]
    extra = {"periods": no_periods} if name == "gdp_target_drift" else {}
    ax = getattr(plots, name)(data=data, **extra)
    low, high = ax.get_xlim()
    assert first - 1 < low < first and last < high < last + 1
    ticks = [t for t in ax.get_xticks()]
    assert ticks and min(ticks) >= first and max(ticks) <= last


def _overlaps(fig):
    boxes = [(t.get_text(), t.get_window_extent()) for t in _visible_texts(fig)]
    return [(a, b) for i, (a, box_a) in enumerate(boxes) for b, box_b in boxes[i + 1:]
            if box_a.overlaps(box_b) and box_a.intersection(box_a, box_b).width > 1.5
            and box_a.intersection(box_a, box_b).height > 1.5]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("size", ["full", "column"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_legible_at_both_sizes(name, size, lang):
    with plots.house_style(lang, size):
        fig = getattr(plots, name)(lang=lang, size=size).figure
        assert fig.get_figwidth() == plots.SIZES[size][0]
        assert plots.missing_glyphs(fig) == []
        sizes = [t.get_fontsize() for t in _visible_texts(fig)]
        assert min(sizes) >= (5.5 if size == "column" else 7.5)
        assert _overlaps(fig) == []
        for ax in fig.axes:
            assert ax.get_window_extent().width / fig.dpi >= (1.2 if size == "column" else 3.0)
        # render() saves the figure at its own size, uncropped: everything drawn lies inside it
        fig.draw_without_rendering()
        drawn = fig.get_tightbbox(fig.canvas.get_renderer())
        width, height = fig.get_size_inches()
        assert drawn.x0 >= 0 and drawn.y0 >= 0 and drawn.x1 <= width and drawn.y1 <= height, (drawn, width, height)


# -------------------------------------------------------------------------------- one figure alone

def _fonts(pdf: bytes) -> set[str]:
    """Subtypes of the font dictionaries of a PDF (matplotlib writes them uncompressed)."""
    subtypes = set()
    for body in re.findall(rb"<<(.*?)>>", pdf, flags=re.S):
        if re.search(rb"/Type\s*/Font\b", body):
            subtypes |= {m.decode() for m in re.findall(rb"/Subtype\s*/(\w+)", body)}
    return subtypes


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pdf_embeds_truetype_fonts_never_type3(lang):
    pdf = plots.render("target_ladder", lang=lang, formats=["pdf"])["pdf"]
    fonts = _fonts(pdf)
    assert fonts and "Type3" not in fonts, fonts
    assert "CIDFontType2" in fonts or "TrueType" in fonts
    assert b"/FontFile2" in pdf  # the glyphs themselves, as TrueType


def test_svg_text_is_paths_by_default_and_editable_on_request():
    paths = plots.render("fyp13_status", lang="zh", formats=["svg"])["svg"].decode()
    assert "<text" not in paths
    editable = plots.render("fyp13_status", lang="zh", formats=["svg"], editable_text=True)["svg"].decode()
    assert "<text" in editable and "指标个数" in editable and "Noto Sans CJK SC" in editable


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_files_are_byte_identical_run_to_run(fmt):
    first = plots.render("gdp_target_drift", lang="zh", formats=[fmt], size="column")
    assert plots.render("gdp_target_drift", lang="zh", formats=[fmt], size="column") == first


def test_save_builds_one_figure_alone(tmp_path):
    out = plots.save("target_vs_outcome", tmp_path / "sub" / "gap.pdf", lang="zh", size="column")
    assert out == tmp_path / "sub" / "gap.pdf" and out.read_bytes().startswith(b"%PDF-")
    png = plots.save("target_ladder", tmp_path / "ladder", fmt="png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(ValueError, match="cannot tell the format"):
        plots.save("target_ladder", tmp_path / "ladder")
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["gap.pdf", "ladder"]


@pytest.mark.parametrize("size", ["full", "column"])
def test_a_png_is_exactly_the_figure_size(size):
    """7 in or one 3.5 in column wide at 200 dpi, to the pixel: the file is neither cropped nor widened to
    what is drawn (the layout keeps it inside: test_legible_at_both_sizes)."""
    from io import BytesIO

    from PIL import Image

    data = plots.render("target_ladder", formats=["png"], size=size)["png"]
    with plots.house_style("en", size):
        height = plots.target_ladder(size=size).figure.get_figheight()
    with Image.open(BytesIO(data)) as image:
        assert image.size == (int(plots.SIZES[size][0] * 200), int(height * 200))   # as Agg sizes its canvas
        assert image.info["dpi"] == pytest.approx((200, 200), abs=0.01)


def test_building_one_figure_does_not_import_the_pipeline():
    code = ("import sys, matplotlib; matplotlib.use('Agg'); from dalian_reports.plots import render; "
            "render('fyp13_status', formats=['png']); print('dalian_reports.pipeline' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"



@pytest.mark.parametrize("layout", [None, "constrained"])
def test_laid_out_once_gives_what_savefig_gives_and_leaves_the_figure_as_it_was(layout):
    """One layout for both formats: the same PNG as savefig draws on its own, and the figure's layout engine
    afterwards is the one it had (none stays none)."""
    import io

    from dalian_reports.plots.output import laid_out_once

    fig, ax = plt.subplots(figsize=(4, 3), layout=layout)
    ax.plot([2001, 2010, 2026], [11, 15, 5])
    ax.set_xlabel("year")
    engine = fig.get_layout_engine()
    try:
        with matplotlib.rc_context({"savefig.bbox": "tight", "savefig.pad_inches": 0.05}):
            files = laid_out_once(fig, ["png", "svg"])
            alone = io.BytesIO()
            fig.savefig(alone, format="png", metadata={"Software": None})
        assert files["png"][:8] == b"\x89PNG\r\n\x1a\n" and b"<svg" in files["svg"]
        assert fig.get_layout_engine() is engine
        from PIL import Image
        assert Image.open(io.BytesIO(files["png"])).size == Image.open(alone).size
    finally:
        plt.close(fig)


def test_laid_out_once_draws_each_format_once_even_where_the_rc_asks_for_a_layout_engine(monkeypatch):
    """Each format is rendered by one draw. A layout engine left on the figure (even the placeholder
    ``set_layout_engine("none")`` leaves) makes savefig lay the figure out once more per format, and restoring
    the engine under ``figure.constrained_layout.use`` makes a new one: both would show as extra draws."""
    from matplotlib.figure import Figure

    from dalian_reports.plots.output import laid_out_once

    draws = []
    real_draw = Figure.draw
    monkeypatch.setattr(Figure, "draw", lambda self, renderer: draws.append(renderer) or real_draw(self, renderer))
    with matplotlib.rc_context({"figure.constrained_layout.use": True, "savefig.bbox": "tight"}):
        fig, ax = plt.subplots(figsize=(4, 3))
        engine = fig.get_layout_engine()
        ax.plot([2001, 2010, 2026], [11, 15, 5])
        ax.set_ylabel("GDP growth, %")
        locators = [(a.get_major_locator(), a.get_minor_locator()) for a in (ax.xaxis, ax.yaxis)]
        try:
            files = laid_out_once(fig, ["png", "svg", "pdf"])
            assert sorted(files) == ["pdf", "png", "svg"]
            assert len(draws) == 3
            assert fig.get_layout_engine() is engine
            # the ticks were held fixed while the formats rendered; the locators are given back
            assert [(a.get_major_locator(), a.get_minor_locator()) for a in (ax.xaxis, ax.yaxis)] == locators
            assert ax.xaxis.isDefault_majloc and ax.yaxis.isDefault_majloc
        finally:
            plt.close(fig)


def test_the_source_note_is_measured_on_the_legends_layout_without_laying_the_figure_out_again(monkeypatch):
    """legend_below lays the figure out to measure it; source_note right after measures on that layout (the
    labels afresh), and lays out a figure that no measurement has laid out, or one resized since."""
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    from dalian_reports.plots._layout import legend_below, source_note

    runs = []
    real_execute = ConstrainedLayoutEngine.execute
    monkeypatch.setattr(ConstrainedLayoutEngine, "execute", lambda self, fig: runs.append(fig) or real_execute(self, fig))
    fig, ax = plt.subplots(figsize=(5, 3), layout="constrained")
    try:
        line, = ax.plot([2001, 2026], [11, 5], label="target")
        legend_below(ax, [line])
        assert len(runs) == 1
        source_note(ax, "Source: work reports")
        assert len(runs) == 1                     # the legend's layout serves the note
        fig.set_size_inches(3.5, 2.5)
        source_note(ax, "Another note")
        assert len(runs) == 2                     # resized: laid out again
    finally:
        plt.close(fig)
    fresh, ax = plt.subplots(figsize=(5, 3), layout="constrained")
    try:
        source_note(ax, "Source: work reports")
        assert len(runs) == 3 and runs[-1] is fresh
    finally:
        plt.close(fresh)


@pytest.mark.parametrize("name, lang, size", [("gdp_target_drift", "zh", "full"), ("district_vs_city", "en", "column")])
def test_holding_the_ticks_fixed_while_rendering_changes_no_byte(name, lang, size, monkeypatch):
    import contextlib

    from dalian_reports.plots import output

    held = output.render(name, lang=lang, formats=["png", "svg"], size=size)
    monkeypatch.setattr(output, "_ticks_fixed", lambda fig: contextlib.nullcontext())
    assert output.render(name, lang=lang, formats=["png", "svg"], size=size) == held


@pytest.mark.parametrize("facecolor, mode", [("white", "RGB"), ("none", "RGBA")])
def test_a_png_is_rgb_where_opaque_with_the_pixels_matplotlib_draws(facecolor, mode):
    """figure_bytes stores an opaque figure as RGB (a tenth smaller), a transparent one as RGBA; either way
    the pixels, size and resolution are those of matplotlib's own PNG."""
    import io

    import numpy as np
    from PIL import Image

    from dalian_reports.plots.style import figure_bytes

    fig, ax = plt.subplots(figsize=(3, 2), facecolor=facecolor)
    ax.plot([2001, 2010, 2026], [11, 15, 5])
    try:
        ours = Image.open(io.BytesIO(figure_bytes(fig, "png", dpi=120)))
        theirs = io.BytesIO()
        fig.savefig(theirs, format="png", dpi=120)
        theirs = Image.open(theirs)
        assert ours.mode == mode and theirs.mode == "RGBA"
        assert ours.size == theirs.size == (360, 240)
        assert ours.info["dpi"] == pytest.approx(theirs.info["dpi"], abs=0.01)
        assert np.array_equal(np.asarray(ours.convert("RGBA")), np.asarray(theirs))
        assert "Software" not in ours.info
    finally:
        plt.close(fig)
