"""The content errors of issue 14 in the figures, one test each (each failed on the figures before the fix).

Expected values are read from the sources, not from the code: 004 is the 14th-plan outline
(data/raw/004_dalian_14th_five_year_plan_outline_zh.txt), the Dalian and national reports are the corpus
files named in the comments (政府工作报告-主要城市/大连市/<year>.md, 政府工作报告-国务院/<year>.md).
"""
from __future__ import annotations

import math
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib.collections import LineCollection, PathCollection  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

import dalian_reports as dr  # noqa: E402
from dalian_reports import plots  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _draw(name: str, **kwargs):
    """The figure *name* (a new figure at full width) and all its Axes."""
    ax = getattr(plots, name)(**kwargs)
    return ax.figure, ax.figure.axes


def _texts(fig) -> list[str]:
    fig.draw_without_rendering()
    return [t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_visible() and t.get_text()]


def _points(ax) -> list[tuple[float, float, str]]:
    """(x, y, marker) of every marker drawn: scatter offsets and Line2D markers."""
    out = []
    for artist in ax.get_children():
        if isinstance(artist, PathCollection):
            out += [(float(x), float(y), "scatter") for x, y in artist.get_offsets()]
        elif isinstance(artist, Line2D) and artist.get_marker() not in ("None", None, "", " "):
            marker = str(artist.get_marker())
            out += [(float(x), float(y), marker) for x, y in zip(artist.get_xdata(), artist.get_ydata())]
    return out


def _near(points, x, y, tol=0.3):
    return [p for p in points if abs(p[0] - x) <= tol and abs(p[1] - y) < 1e-6]


# --------------------------------------------------------------------------------- fyp14_targets

def test_fyp14_ceilings_floors_and_shares_are_not_percent_changes():
    # 004 line 189 城镇登记失业率 3.4 → <4.5; line 187 数字经济…比重 7.2 → 12左右; line 201 粮食综合生产能力 23.7 → ≥20
    fig, axes = _draw("fyp14_targets")
    xs = [p[0] for ax in axes for p in _points(ax)]
    for wrong in ((4.5 / 3.4 - 1) * 100, (12 / 7.2 - 1) * 100, (20 / 23.7 - 1) * 100):
        assert not any(math.isclose(x, wrong, abs_tol=0.05) for x in xs), wrong


def test_fyp14_rates_and_shares_change_by_percentage_points():
    fig, axes = _draw("fyp14_targets")
    pp_axes = [ax for ax in axes if "percentage points" in ax.get_xlabel()]
    assert len(pp_axes) == 1
    xs = [round(p[0], 4) for p in _points(pp_axes[0])]
    assert round(12 - 7.2, 4) in xs and round(4.5 - 3.4, 4) in xs and round(80 - 78.8, 4) in xs


def test_fyp14_bounds_are_drawn_as_bounds():
    fig, axes = _draw("fyp14_targets")
    points = [p for ax in axes for p in _points(ax)]
    # the ceiling <4.5 (+1.1 points) points left; the floor >80 (+1.2 points) and the floor >6 (GDP, line 182) right
    markers = {(round(p[0], 4), p[2]) for p in points if p[2] != "scatter"}
    assert (round(4.5 - 3.4, 4), "<") in markers and (round(4.5 - 3.4, 4), "o") not in markers
    assert (round(80 - 78.8, 4), ">") in markers and (6.0, ">") in markers
    # no stem from zero to a bound
    for ax in axes:
        for line in ax.get_lines():
            xs = list(line.get_xdata())
            if len(xs) == 2 and xs[0] == 0:
                assert not any(math.isclose(xs[1], b, abs_tol=1e-6) for b in (4.5 - 3.4, 80 - 78.8, 10.0))


def test_fyp14_english_figure_has_no_chinese_qualifier_and_shows_units():
    fig, _ = _draw("fyp14_targets", lang="en")
    text = " ".join(_texts(fig))
    assert "左右" not in text and "≈12" in text          # 004 line 187: 12左右
    assert "(years)" in text                               # 004 line 190: 受教育年限（年）
    assert "percentage points" in text and "% a year" in text
    fig, _ = _draw("fyp14_targets", lang="zh")
    text = " ".join(_texts(fig))
    assert "亿斤" in text and "万吨标煤" in text and "百分点" in text   # 004 lines 201, 202


# ------------------------------------------------------------------------------ gdp_target_drift

def test_drift_includes_every_target_of_the_data_and_2022():
    fig, (ax,) = _draw("gdp_target_drift")
    points = _points(ax)
    # 大连市/2022.md: 地区生产总值增长8％左右; 大连市/2020.md: 地区生产总值增长与全国同步 (no number)
    assert _near(points, 2022, 8.0, tol=0.01)
    table = dr.target_vs_outcome()
    numeric = table[table.target_value.notna() & table.target_high.isna()]
    for row in numeric.itertuples():
        assert _near(points, row.year, row.target_value, tol=0.01), row.year


def test_drift_draws_a_range_as_a_range():
    # 2016 report (000): 地区生产总值增长6.5%-7%
    fig, (ax,) = _draw("gdp_target_drift")
    targets = [c for c in ax.collections if isinstance(c, PathCollection) and c.get_gid() == "target"]
    assert targets and not [(x, y) for c in targets for x, y in c.get_offsets() if x == 2016]
    bars = [seg for c in ax.collections if isinstance(c, LineCollection) for seg in c.get_segments()
            if len(seg) == 2 and math.isclose(seg[0][0], 2016) and math.isclose(seg[1][0], 2016)]
    assert [sorted([bars[0][0][1], bars[0][1][1]])] == [[6.5, 7.0]]
    caps = [line for line in ax.get_lines() if line.get_marker() == "_" and 2016 in list(line.get_xdata())]
    assert sorted(y for line in caps for y in line.get_ydata()) == [6.5, 7.0]


def test_drift_does_not_call_the_2013_term_target_a_plan_target():
    # 大连市/2013.md line 113: 今后五年…地区生产总值年均保持两位数增长 — the government's term 2013–2017, not a plan
    # 大连市/2021.md line 62: 《纲要》…地区生产总值年均增长6％以上 — the 14th plan, 2021–2025
    fig, (ax,) = _draw("gdp_target_drift")

    def segment(value):
        found = [c for c in ax.collections if isinstance(c, LineCollection) and len(c.get_segments()) == 1
                 and math.isclose(c.get_segments()[0][0][1], value) and math.isclose(c.get_segments()[0][1][1], value)
                 and c.get_segments()[0][1][0] - c.get_segments()[0][0][0] > 3]
        assert len(found) == 1, value
        return found[0]

    term, plan = segment(10.0), segment(6.0)
    assert [round(x) for x, _ in term.get_segments()[0]] == [2013, 2017]
    assert [round(x) for x, _ in plan.get_segments()[0]] == [2021, 2025]
    assert term.get_linestyle() != plan.get_linestyle()
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert plots.label("term_avg_target", "en") in legend and plots.label("plan_avg_target", "en") in legend
    assert plots.is_plan_period(2013, 2017) is False and plots.is_plan_period(2021, 2025) is True


def test_drift_title_does_not_claim_a_steady_fall_and_years_come_from_the_data():
    for lang in ("en", "zh"):
        fig, (ax,) = _draw("gdp_target_drift", lang=lang)
        text = " ".join(_texts(fig))
        assert "drift down" not in text and "逐年下调" not in text
        # the data: Dalian's targets 2001, 2004–2026, and the 2026 report's 2026–2030 plan target
        low, high = ax.get_xlim()
        assert low < 2001 < 2030 < high
    data = dr.target_vs_outcome().assign(year=lambda d: d.year - 30)
    fig, (ax,) = _draw("gdp_target_drift", data=data, periods=data.iloc[0:0].assign(
        period_start=[], value=[], qualifier=[], measure=[]))
    ticks = [t for t in ax.get_xticks() if ax.get_xlim()[0] <= t <= ax.get_xlim()[1]]
    assert min(ticks) >= 1971 and max(ticks) <= 1996


# ------------------------------------------------------------------------------ district_vs_city

def test_district_outcomes_and_targets_are_apart_and_marked():
    fig, axes = _draw("district_vs_city")
    titles = [ax.get_title(loc="left") for ax in axes]
    assert titles == ["Outcomes", "Targets"]
    outcome_rows = [t.get_text() for t in axes[0].get_yticklabels()]
    target_rows = [t.get_text() for t in axes[1].get_yticklabels()]
    assert outcome_rows and target_rows
    assert not any("2021" in r or "2025" in r for r in outcome_rows)   # 002 line 18, 40: 2020 and 2016–2020
    assert not any(r.endswith("2020") for r in target_rows)              # 002 line 66: 2021–2025, 2025
    for row in outcome_rows + target_rows:
        assert re.search(r"\n(growth|average growth|level) \d{4}", row), row
    assert "% a year" in axes[-1].get_xlabel()


def test_district_labels_never_read_rate_rate():
    for lang in ("en", "zh"):
        fig, axes = _draw("district_vs_city", lang=lang)
        for ax in axes:
            for label in ax.get_yticklabels():
                words = label.get_text().split()
                assert all(a != b for a, b in zip(words, words[1:])), label.get_text()


def test_district_bounds_are_bounds_not_bars():
    # 002 line 66: 城镇登记失业率控制在4％以内; 004 line 189: <4.5
    fig, axes = _draw("district_vs_city")
    assert not [p for ax in axes for p in ax.patches if isinstance(p, Rectangle) and p.get_width() in (4.0, 4.5)]
    points = [p for p in _points(axes[1]) if p[2] in ("<", ">")]
    assert {(round(p[0], 4), p[2]) for p in points} >= {(4.0, "<"), (4.5, "<"), (6.0, ">")}
    assert {"≤4", "<4.5", ">6"} <= set(_texts(fig))


# --------------------------------------------------------------------------------- target_ladder

def test_ladder_lines_do_not_cross_years_without_a_target():
    # 大连市: reports 2001 and 2004 onwards (none for 2002-2003 in the corpus); 2020: 与全国同步 (no number)
    fig, (ax,) = _draw("target_ladder")
    for line in ax.get_lines():
        xs = list(line.get_xdata())
        if len(xs) > 1 and line.get_linestyle() not in ("None", ""):
            gaps = [round(b - a, 6) for a, b in zip(xs, xs[1:])]
            assert all(g == 1 for g in gaps), gaps


def test_ladder_markers_do_not_hide_each_other():
    # 2017: 国务院 国内生产总值增长6.5%左右, 辽宁 地区生产总值增长6.5%左右 — equal targets of one year
    fig, (ax,) = _draw("target_ladder")
    points = [(round(x, 6), round(y, 6)) for x, y, kind in _points(ax) if kind == "scatter"]
    assert len(points) == len(set(points))
    same = sorted(x for x, y in points if 2016.5 < x < 2017.5 and y == 6.5)
    assert len(same) == 2 and same[1] - same[0] >= 0.2


# ----------------------------------------------------------------------------- target_vs_outcome

def test_gaps_mark_primary_and_secondary_sources():
    for lang, words in (("en", ("primary", "secondary")), ("zh", ("原始", "二手"))):
        fig, (ax,) = _draw("target_vs_outcome", lang=lang)
        legend = " ".join(t.get_text() for t in ax.get_legend().get_texts())
        assert all(word in legend for word in words), legend
    styles = {c.get_linestyle()[0][1] is None for c in ax.collections if isinstance(c, LineCollection)}
    assert styles == {True, False}   # solid stems (work reports) and dashed ones (reference data)


def test_gaps_have_no_floating_or_overlapping_labels():
    # 2013: target 11%左右 (000, the 2013 report) and estimate 11% (000, the 2014 report): a gap of zero
    fig, (ax,) = _draw("target_vs_outcome")
    assert [p for p in _points(ax) if abs(p[0] - 2013) < 0.5 and p[1] == 0.0]
    inside = [t for t in ax.texts if t.get_gid() != plots.NOTE_GID and t.get_text()]
    assert inside == []
    assert not [p for p in ax.patches if isinstance(p, Rectangle) and p.get_height() == 0]
