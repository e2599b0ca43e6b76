"""House style, CJK font, bilingual labels and reproducible figure files."""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.ft2font import FT2Font  # noqa: E402

from dalian_reports import plots  # noqa: E402
from dalian_reports.plots import style  # noqa: E402

LABELS_CSV = Path(style.__file__).with_name("labels.csv")
UNSUPPORTED = "\U0001F9A9"  # FLAMINGO: in neither Noto Sans CJK SC nor DejaVu Sans


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _zh_figure():
    """A figure with Chinese in the title, axis labels, legend, ticks and a note."""
    fig, ax = plt.subplots()
    years = [2019, 2020, 2021]
    ax.plot(years, [6.5, 6.0, 6.5], marker="o", label=plots.label("target"))
    ax.plot(years, [6.5, 0.9, 8.3], marker="s", label=plots.label("outcome"))
    ax.set_xticks(years, [f"{y}年" for y in years])
    ax.set_title("大连市：地区生产总值增长目标与实际（%），2019–2021年")
    ax.set_xlabel(plots.label("year"))
    ax.set_ylabel(f"{plots.label('gdp_growth')}（{plots.label('pp')}）")
    ax.legend(title=plots.label("indicator"))
    ax.annotate(f"6.5%{plots.label('about')}", (2019, 6.5), (2019.5, 7.5), arrowprops={"arrowstyle": "->"})
    ax.set_ylim(-1, 9)
    return fig


# --- the font -------------------------------------------------------------------------

def test_font_is_noto_sans_cjk_sc_regular_from_mplfonts():
    path = plots.cjk_font_path()
    assert path.is_absolute() and path.name == "NotoSansCJKsc-Regular.otf"
    assert path.parent.parent.name == "mplfonts"
    font = FT2Font(str(path))
    assert font.family_name.startswith("Noto Sans CJK SC") and font.style_name == "Regular"
    entry = font_manager.ttfFontProperty(font)
    assert (entry.name, entry.weight, entry.style) == ("Noto Sans CJK SC", 400, "normal")


def test_font_licence_is_the_sil_open_font_licence():
    from fontTools.ttLib import TTFont

    names = TTFont(str(plots.cjk_font_path()), lazy=True)["name"]
    assert "SIL Open Font License" in names.getDebugName(13)


def test_missing_font_names_the_setup_command(monkeypatch, tmp_path):
    class Spec:
        submodule_search_locations = [str(tmp_path)]

    monkeypatch.setattr(style.importlib.util, "find_spec", lambda name: Spec())
    with pytest.raises(FileNotFoundError, match="README"):
        plots.cjk_font_path()
    monkeypatch.setattr(style.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(FileNotFoundError, match="mplfonts package is not installed"):
        plots.cjk_font_path()


def test_only_the_noto_file_is_registered_and_never_simhei():
    # in a fresh process, so nothing else has touched fontManager or imported mplfonts
    code = (
        "import json, sys\n"
        "from matplotlib import font_manager as fm\n"
        "from dalian_reports.plots import house_style, use_house_style\n"
        "before = {(e.name, e.fname) for e in fm.fontManager.ttflist}\n"
        "with house_style('zh'):\n"
        "    pass\n"
        "use_house_style('en')\n"
        "after = {(e.name, e.fname) for e in fm.fontManager.ttflist}\n"
        "print(json.dumps({'added': sorted(after - before), 'all': sorted(after),\n"
        "                  'mplfonts_imported': 'mplfonts' in sys.modules}))\n"
    )
    out = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                    check=True).stdout)
    assert out["added"] == [["Noto Sans CJK SC", str(plots.cjk_font_path())]]
    assert not any("simhei" in (name + fname).lower() for name, fname in out["added"])
    assert [fname for _, fname in out["all"] if "mplfonts" in Path(fname).parts] == [str(plots.cjk_font_path())]
    assert out["mplfonts_imported"] is False  # its __init__ (and installer helpers) never run
    # and in this test process too, whatever other tests did
    assert not any("simhei" in (e.name + e.fname).lower() for e in font_manager.fontManager.ttflist
                   if "mplfonts" in Path(e.fname).parts)


def test_registering_twice_adds_one_entry():
    plots.register_cjk_font()
    plots.register_cjk_font()
    path = str(plots.cjk_font_path())
    assert sum(e.fname == path for e in font_manager.fontManager.ttflist) == 1


# --- the style ------------------------------------------------------------------------

def test_house_style_sets_the_house_rc_and_restores_everything():
    before = dict(matplotlib.rcParams)
    with plots.house_style("zh"):
        rc = matplotlib.rcParams
        assert rc["font.family"][0] == "Noto Sans CJK SC"
        assert rc["svg.fonttype"] == "path" and rc["svg.hashsalt"] == plots.HASHSALT
        assert rc["savefig.dpi"] == 200 and rc["figure.dpi"] == 100
        assert rc["axes.unicode_minus"] is False  # Noto's U+2212 is full-width
        import seaborn as sns

        cycle = [matplotlib.colors.to_hex(c) for c in rc["axes.prop_cycle"].by_key()["color"]]
        assert cycle == sns.color_palette("colorblind").as_hex()
        assert plots.current_lang() == "zh"
        with plots.house_style("en"):
            assert matplotlib.rcParams["font.family"][0] == "DejaVu Sans"
            assert matplotlib.rcParams["axes.unicode_minus"] is True
            assert plots.current_lang() == "en"
        assert plots.current_lang() == "zh"
    assert dict(matplotlib.rcParams) == before
    assert plots.current_lang() == "en"
    # seaborn's colour codes are not remapped (rc_context could not undo that)
    assert matplotlib.colors.to_hex("g") == "#008000"


def test_house_style_restores_rc_after_an_error():
    before = dict(matplotlib.rcParams)
    with pytest.raises(RuntimeError), plots.house_style("zh"):
        raise RuntimeError("boom")
    assert dict(matplotlib.rcParams) == before and plots.current_lang() == "en"


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="lang"):
        plots.house_rc("fr")
    with pytest.raises(ValueError, match="lang"):
        plots.label("year", "fr")


def test_both_families_in_the_fallback_list_exist():
    with plots.house_style("zh"):
        for family in matplotlib.rcParams["font.family"]:
            font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)


def test_latin_text_renders_in_noto_in_chinese_figures():
    with plots.house_style("zh"):
        prop = font_manager.FontProperties(family=matplotlib.rcParams["font.family"])
        first = style._font_paths(prop)[0]
        assert first == str(plots.cjk_font_path())
        cmap = style._charmap(first)
        assert all(ord(c) in cmap for c in "ABCxyz0123456789%.,()-+: ")


# --- glyph coverage -------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chinese_figure_has_no_missing_glyphs(lang):
    with plots.house_style(lang):
        fig = _zh_figure()
        assert plots.missing_glyphs(fig) == []
        with warnings.catch_warnings():  # Agg itself finds nothing to replace either
            warnings.filterwarnings("error", message=".*missing from font")
            plots.figure_bytes(fig, "png")


def test_all_labels_render_in_both_languages():
    for lang in plots.LANGS:
        with plots.house_style(lang):
            fig, ax = plt.subplots()
            keys = list(plots.label_table())
            for i, key in enumerate(keys):
                ax.text(0, i / len(keys), plots.label(key), transform=ax.transAxes)
            assert plots.missing_glyphs(fig) == []


def test_unsupported_character_is_reported():
    with plots.house_style("zh"):
        fig = _zh_figure()
        fig.axes[0].set_title(f"增长目标 {UNSUPPORTED}")
        fig.axes[0].plot([2019], [1], label=f"图例{UNSUPPORTED}")
        fig.axes[0].legend()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            missing = plots.missing_glyphs(fig)
    assert (f"增长目标 {UNSUPPORTED}", UNSUPPORTED) in missing
    assert (f"图例{UNSUPPORTED}", UNSUPPORTED) in missing
    assert {char for _, char in missing} == {UNSUPPORTED}


def test_fallback_list_counts_a_glyph_only_one_font_has():
    noto = style._charmap(str(plots.cjk_font_path()))
    dejavu = style._charmap(font_manager.findfont("DejaVu Sans", fallback_to_default=False))
    only_dejavu = chr(min(c for c in dejavu - noto if c > 0x2000))
    with plots.house_style("zh"):
        fig, ax = plt.subplots()
        ax.set_title(f"符号 {only_dejavu}")
        assert plots.missing_glyphs(fig) == []
        ax.set_title(f"符号 {only_dejavu}", family="Noto Sans CJK SC")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            assert plots.missing_glyphs(fig) == [(f"符号 {only_dejavu}", only_dejavu)]


def test_mathtext_is_checked_with_the_mathtext_parser():
    with plots.house_style("zh"):
        fig, ax = plt.subplots()
        ax.set_xlabel(r"增长 $\Delta x^2$")
        assert plots.missing_glyphs(fig) == []
        ax.set_xlabel(rf"增长 $\Delta$ {UNSUPPORTED}")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            assert plots.missing_glyphs(fig) == [(rf"增长 $\Delta$ {UNSUPPORTED}", UNSUPPORTED)]


# --- labels ---------------------------------------------------------------------------

def test_labels_are_complete_in_both_languages():
    with open(LABELS_CSV, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    keys = [row["key"] for row in rows]
    assert len(keys) == len(set(keys))
    assert set(keys) == set(plots.label_table())
    for row in rows:
        assert row["en"].strip() and row["zh"].strip(), row
    required = {"year": "年份", "growth_target": "增长目标", "outcome": "实际", "target": "目标",
                "gdp_growth": "地区生产总值增长", "about": "左右", "at_least": "以上", "range": "区间",
                "exact": "确切", "district": "金州区", "city": "大连市", "pp": "百分点"}
    for key, zh in required.items():
        assert plots.label(key, "zh") == zh
        assert plots.label(key, "en").isascii()


def test_label_follows_the_active_style_and_unknown_keys_name_key_and_language():
    assert plots.label("year") == "Year"
    with plots.house_style("zh"):
        assert plots.label("year") == "年份"
        assert plots.label("year", "en") == "Year"
    with pytest.raises(KeyError, match=r"'no_such_key'.*'zh'"):
        plots.label("no_such_key", "zh")


def test_label_table_is_a_copy():
    table = plots.label_table()
    table["year"]["en"] = "changed"
    assert plots.label("year", "en") == "Year"


# --- saving ---------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_figure_bytes_are_deterministic(fmt):
    with plots.house_style("zh"):
        fig = _zh_figure()
        assert plots.figure_bytes(fig, fmt) == plots.figure_bytes(fig, fmt)
        again = _zh_figure()
        assert plots.figure_bytes(again, fmt) == plots.figure_bytes(fig, fmt)


def test_save_figure_writes_identical_files_twice(tmp_path):
    with plots.house_style("zh"):
        fig = _zh_figure()
        first = plots.save_figure(fig, "growth_zh", tmp_path)
        snapshot = {p: p.read_bytes() for p in first}
        second = plots.save_figure(fig, "growth_zh", tmp_path)
    assert first == second == [tmp_path / "growth_zh.png", tmp_path / "growth_zh.svg"]
    assert {p: p.read_bytes() for p in second} == snapshot
    assert sorted(os.listdir(tmp_path)) == ["growth_zh.png", "growth_zh.svg"]  # no temp files


def test_saved_files_carry_no_date_or_version(tmp_path):
    with plots.house_style("en"):
        fig = _zh_figure()
        png, svg = plots.save_figure(fig, "f", tmp_path)
    png_bytes, svg_text = png.read_bytes(), svg.read_text("utf-8")
    assert b"Software" not in png_bytes and b"matplotlib" not in png_bytes.lower()
    assert b"tIME" not in png_bytes
    assert "<dc:date>" not in svg_text
    assert "<text" not in svg_text  # glyphs are paths: no font needed to view it


def test_saved_png_is_the_figure_at_house_dpi(tmp_path):
    from PIL import Image

    with plots.house_style("zh"):
        fig = _zh_figure()
        (png,) = plots.save_figure(fig, "f", tmp_path, formats=["png"])
    with Image.open(png) as image:
        assert image.info.get("dpi", (0, 0))[0] == pytest.approx(200, abs=1)


def test_save_figure_failure_leaves_previous_files(tmp_path, monkeypatch):
    with plots.house_style("zh"):
        fig = _zh_figure()
        old = plots.save_figure(fig, "f", tmp_path)
        snapshot = {p: p.read_bytes() for p in old}
        fig.axes[0].set_title("changed")

        real = style.figure_bytes

        def failing(fig, fmt, **kw):
            if fmt == "svg":
                raise RuntimeError("svg backend broke")
            return real(fig, fmt, **kw)

        monkeypatch.setattr(style, "figure_bytes", failing)
        with pytest.raises(RuntimeError):
            plots.save_figure(fig, "f", tmp_path)
    assert {p: p.read_bytes() for p in old} == snapshot
    assert sorted(os.listdir(tmp_path)) == ["f.png", "f.svg"]


@pytest.mark.parametrize("stem", ["", "a/b", "../x", "."])
def test_save_figure_refuses_paths_as_stems(tmp_path, stem):
    fig, _ = plt.subplots()
    with pytest.raises(ValueError, match="stem"):
        plots.save_figure(fig, stem, tmp_path)


def test_save_figure_refuses_unknown_formats(tmp_path):
    fig, _ = plt.subplots()
    with pytest.raises(ValueError, match="format"):
        plots.save_figure(fig, "f", tmp_path, formats=("jpg",))
    assert list(tmp_path.iterdir()) == []


def test_svg_bytes_identical_across_processes(tmp_path):
    code = (
        "import matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt, sys\n"
        "from dalian_reports.plots import house_style, save_figure\n"
        "with house_style('zh'):\n"
        "    fig, ax = plt.subplots(); ax.plot([1, 2], [3, 1], label='目标'); ax.legend()\n"
        "    ax.set_title('金州区'); save_figure(fig, 'f', sys.argv[1])\n"
    )
    for name in ("a", "b"):
        subprocess.run([sys.executable, "-c", code, str(tmp_path / name)], check=True)
    for suffix in ("png", "svg"):
        assert (tmp_path / "a" / f"f.{suffix}").read_bytes() == (tmp_path / "b" / f"f.{suffix}").read_bytes()


def test_importing_plots_is_light():
    code = ("import sys, dalian_reports.plots, dalian_reports.plots.style; "
            "print([m for m in ('matplotlib', 'pandas', 'seaborn', 'numpy', 'mplfonts') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
