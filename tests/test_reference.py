"""Reference (context) data: provenance, disagreements, the preferred rule and hit/miss.

Spot checks were written from reading data/reference/original/*.csv by hand.
"""
from __future__ import annotations

import csv
import doctest
import hashlib
import math
import random
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dalian_reports.errors import SourceError
from dalian_reports.pipeline.tables import reference, reference_build, reference_judgements
from dalian_reports.pipeline.tables.reference import (
    ABOUT_TOLERANCE_PP, apply_hit_or_miss, hit_or_miss, national_targets, official_outcomes,
    reference_series, reference_target_ladder,
)
from dalian_reports.pipeline.tables.reference_build import (
    COLUMNS, NOTE_FACTS, ORIGINAL_FILES, build_reference_series, default_original_dir, render_csv,
)
from dalian_reports.vocab import lookup

ORIGINAL_SHA256 = {
    "dalian_gwr_facts.csv": "0ea35fceef5bcb9ef3d797c4632cbe6b4efece5f2f2937d14aa18e558058e7ad",
    "dalian_official_gdp.csv": "38707ffc487d3dfde6d79c45cd69a0814f34f2b6e66247ca7268427f2059d4ad",
    "jinpu_facts.csv": "974c0d2b4fda8a5636726657e590553066ccab52e454b543facd296b89c5fe99",
    "liaoning_targets.csv": "9b90ccf8a4ade3bbb982338036cd7a27b7339a3de84a50e5ef4e769266a3040f",
    "national_gdp_targets.csv": "adb9eb1de4abf787603456cafd254729db9464c59e4df6f8bc4c0f7f879898cb",
}
SHARED = Path("/work/shared/reference")
KEY = ["jurisdiction", "year", "indicator", "measure", "role"]


@pytest.fixture(scope="module")
def df():
    return reference_series()


@pytest.fixture(scope="module")
def originals():
    out = {}
    for name in ORIGINAL_FILES:
        with open(default_original_dir() / name, newline="", encoding="utf-8") as fh:
            out[name] = list(csv.DictReader(fh))
    return out


def one(frame: pd.DataFrame) -> pd.Series:
    assert len(frame) == 1, frame
    return frame.iloc[0]


# ---- files and build ----------------------------------------------------------------------------

def test_originals_unchanged():
    for name, digest in ORIGINAL_SHA256.items():
        assert hashlib.sha256((default_original_dir() / name).read_bytes()).hexdigest() == digest, name


@pytest.mark.skipif(not SHARED.exists(), reason="shared reference folder not available")
def test_originals_byte_identical_to_shared_copy():
    for name in ORIGINAL_FILES:
        assert (default_original_dir() / name).read_bytes() == (SHARED / name).read_bytes(), name


def test_committed_csv_is_up_to_date():
    built = render_csv(build_reference_series(default_original_dir()))
    committed = reference.reference_file().read_text(encoding="utf-8")
    assert committed == built, "run: python -m dalian_reports.pipeline.tables.reference_build"


def test_main_writes_atomically(tmp_path):
    out = tmp_path / "ref.csv"
    assert reference_build.main(["--output", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == reference.reference_file().read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["ref.csv"]  # no temp file left behind


def test_readme_documents_files_columns_and_rules():
    text = (reference.reference_file().parent / "README.md").read_text(encoding="utf-8")
    for name in ORIGINAL_FILES:
        assert name in text
    for col in COLUMNS:
        assert f"`{col}`" in text, col
    assert "Preferred-value rule" in text and "Provenance rule" in text
    assert (reference.reference_file().parent / "CAVEATS.md").exists()


def test_doctests():
    for mod in (reference, reference_build, reference_judgements):
        res = doctest.testmod(mod, optionflags=doctest.NORMALIZE_WHITESPACE)
        assert res.failed == 0 and res.attempted > 0, mod.__name__


# ---- types and provenance -----------------------------------------------------------------------

def test_types(df):
    assert list(df.columns) == COLUMNS
    assert str(df["year"].dtype) == "Int64" and str(df["source_row"].dtype) == "Int64"
    assert df["value"].dtype == "float64" and df["value_high"].dtype == "float64"
    assert str(df["preferred"].dtype) == "boolean"
    for col in ("jurisdiction", "indicator", "kind", "qualifier", "url", "note", "text"):
        assert isinstance(df[col].dtype, pd.StringDtype), col


def test_every_row_has_source_and_quality(df, originals):
    assert len(df) > 0
    assert df["source_quality"].isin(["official", "news", "secondary copy", "unstated"]).all()
    assert df["source_kind"].notna().all()
    has_url = df["url"].fillna("").str.startswith("http")
    explained = df["note"].fillna("").str.contains("url withheld|url not given", regex=True)
    assert (has_url | explained).all(), df.loc[~(has_url | explained), ["source_file", "source_row"]]
    # 'unstated' only where the original has no source_quality column
    assert set(df.loc[df.source_quality == "unstated", "source_file"]) == {"national_gdp_targets.csv"}
    for _, r in df.iterrows():
        rows = originals[r["source_file"]]
        assert 1 <= r["source_row"] <= len(rows)
        orig = rows[r["source_row"] - 1]
        # the row keeps the original url unless its note explains why not
        if r["url"] is not pd.NA and r["url"]:
            assert r["url"] == orig["url"].strip()
        elif orig.get("url", "").strip():
            assert "url not given" in r["note"] or "url withheld" in r["note"]
        # the original note is carried verbatim
        assert orig["note"] in r["note"]


def test_indicator_codes_are_in_the_vocabulary(df):
    for code in df["indicator"].unique():
        assert lookup(code) == code


def _cell_value(orig: dict, field: str) -> float:
    cell = orig[field].strip()
    return float(cell) if cell else math.nan


def test_column_values_match_the_original_cell(df, originals):
    """A value from a column equals that cell; a blank cell never gets a value."""
    cols = df[~df["source_field"].isin(["note", "gdp_growth_target_text"])]
    assert len(cols) > 100
    for _, r in cols.iterrows():
        orig = originals[r["source_file"]][r["source_row"] - 1]
        v = _cell_value(orig, r["source_field"])
        if math.isnan(v):
            assert math.isnan(r["value"]), r
        else:
            assert r["value"] == pytest.approx(v), r
        if r["source_file"] in ("national_gdp_targets.csv", "liaoning_targets.csv") and r["role"] == "target":
            assert _cell_value(orig, "target_value_high") == pytest.approx(r["value_high"], nan_ok=True)


def test_blank_cells_yield_no_value(df, originals):
    """Walk the originals: every blank numeric cell has no valued row; every filled one has exactly one row."""
    numeric = {
        "national_gdp_targets.csv": ["target_value", "actual_prelim_pct"],
        "liaoning_targets.csv": ["target_value", "actual_growth_pct"],
        "dalian_official_gdp.csv": ["gdp_level_yi_yuan", "real_growth_pct"],
        "dalian_gwr_facts.csv": ["target_value", "prev_year_value"],
        "jinpu_facts.csv": ["value"],
    }
    for name, fields in numeric.items():
        for i, orig in enumerate(originals[name], 1):
            for field in fields:
                sel = df[(df.source_file == name) & (df.source_row == i) & (df.source_field == field)]
                if orig[field].strip():
                    assert len(sel) == 1, (name, i, field)
                else:
                    assert sel["value"].isna().all(), (name, i, field)
    # gaps stay gaps: Dalian work reports of 2005, 2010, 2015, 2020 give no GDP target
    dal = df[(df.jurisdiction == "dalian") & (df.kind == "target") & (df.indicator == "gdp")]
    assert not dal["year"].isin([2005, 2010, 2015, 2020]).any()
    # Liaoning 2013 row has neither target nor actual -> no row at all
    assert df[(df.source_file == "liaoning_targets.csv") & (df.source_row == 2)].empty
    assert df[(df.jurisdiction == "china") & (df.year == 2025) & (df.role == "outcome")].empty


def test_note_facts_are_verbatim_in_the_note(df, originals):
    notes = df[df["source_field"] == "note"]
    assert len(notes) == len(NOTE_FACTS)
    for (f, i, evidence, jur, year, ind, measure, kind, number, factor, unit, qual) in NOTE_FACTS:
        assert evidence in originals[f][i - 1]["note"]
        assert number in evidence
        r = one(notes[(notes.source_file == f) & (notes.source_row == i) & (notes.indicator == ind)
                      & (notes.measure == measure) & (notes.kind == kind) & (notes.text == evidence)])
        assert r["value"] == pytest.approx(float(number) * factor)
        assert r["note"].startswith("[from note: «")
        raw_quality = originals[f][i - 1].get("source_quality")
        expected_quality = reference_build._quality(raw_quality) if raw_quality else "unstated"
        assert r["source_quality"] == expected_quality
        assert (r["url"] if r["url"] is not pd.NA else "") == originals[f][i - 1].get("url", "").strip()


def test_target_qualifier_reflects_wording(df):
    tg = df[df["role"] == "target"]
    for _, r in tg.iterrows():
        if r["qualifier"] in ("unknown", "none", "qualitative") or r["source_field"] == "note":
            continue
        main = r["text"].split(",力争")[0]
        assert reference_build.qualifier_from_text(main) == r["qualifier"], r["text"]
    assert df.loc[(df.qualifier == "range"), "value_high"].notna().all()
    assert df.loc[(df.qualifier != "range"), "value_high"].isna().all()


# ---- disagreements and the preferred rule -------------------------------------------------------

def test_exactly_one_preferred_per_key(df):
    counts = df.groupby(KEY)["preferred"].sum()
    assert (counts == 1).all(), counts[counts != 1]


def test_disagreeing_sources_stay_separate_rows(df):
    lvl = df[(df.jurisdiction == "dalian") & (df.indicator == "gdp") & (df.measure == "level")]
    y2014 = lvl[lvl.year == 2014].set_index("value")
    assert set(y2014.index) == {8000.0, 7660.0}
    assert y2014.loc[8000.0, "preferred"] and not y2014.loc[7660.0, "preferred"]   # official over news
    assert y2014.loc[8000.0, "qualifier"] == "at_least"                             # 8000亿元以上
    assert set(lvl[lvl.year == 2009]["value"]) == {4410.0, 4349.5}
    assert set(lvl[lvl.year == 2008]["value"]) == {3858.0, 3858.2}
    assert set(lvl[lvl.year == 2024]["value"]) == {9516.9, 9540.2}
    gr = df[(df.jurisdiction == "dalian") & (df.indicator == "gdp") & (df.measure == "growth") & (df.role == "outcome")]
    assert len(gr[gr.year == 2008]) == 3 and len(gr[gr.year == 2014]) == 3
    assert gr[gr.year == 2014]["source_file"].nunique() == 2


def test_preferred_rule_steps(df):
    gr = df[(df.indicator == "gdp") & (df.measure == "growth") & (df.role == "outcome") & df.preferred]
    pick = gr.set_index(["jurisdiction", "year"])
    # 2. bulletin / statistics bureau over a work report's estimate (both official quality at 2017; 2022)
    assert pick.loc[("dalian", 2022), "value"] == 4.0 and pick.loc[("dalian", 2022), "kind"] == "official"
    assert pick.loc[("dalian", 2017), "source_kind"] == "stats_release"
    assert pick.loc[("dalian", 2023), "source_kind"] == "bulletin"
    # 3. latest publication: the NBS revision over the preliminary figure
    assert pick.loc[("china", 2014), "value"] == 7.3
    # 1. quality first: the news estimate beats the secondary-copy bulletin mirror (Dalian 2008 level)
    lvl = one(df[(df.jurisdiction == "dalian") & (df.year == 2008) & (df.indicator == "gdp") & (df.measure == "level")
                 & df.preferred])
    assert (lvl["value"], lvl["source_quality"]) == (3858.0, "news")
    # 4. deterministic tie: same page in two originals -> lowest source_file
    assert pick.loc[("dalian", 2008), "source_file"] == "dalian_gwr_facts.csv"


def test_preferred_is_order_independent():
    built = build_reference_series(default_original_dir())
    records = built.to_dict("records")
    for seed in range(5):
        shuffled = [dict(r, preferred=False) for r in records]
        random.Random(seed).shuffle(shuffled)
        reference_build._mark_preferred(shuffled)
        got = {(r["source_file"], r["source_row"], r["source_field"], r["indicator"], r["measure"], r["kind"], r["year"])
               for r in shuffled if r["preferred"]}
        want = {(r["source_file"], r["source_row"], r["source_field"], r["indicator"], r["measure"], r["kind"], r["year"])
                for r in records if r["preferred"]}
        assert got == want


# ---- spot checks from reading the originals ------------------------------------------------------

def test_spot_checks_national(df):
    ch = df[df.jurisdiction == "china"]
    t05 = one(ch[(ch.year == 2005) & (ch.kind == "target")])
    assert (t05["value"], t05["qualifier"], t05["text"]) == (8.0, "about", "8%左右")
    assert one(ch[(ch.year == 2005) & (ch.role == "outcome")])["value"] == 9.9
    t16 = one(ch[(ch.year == 2016) & (ch.kind == "target")])
    assert (t16["value"], t16["value_high"], t16["qualifier"]) == (6.5, 7.0, "range")
    t12 = one(ch[(ch.year == 2012) & (ch.kind == "target")])
    assert (t12["value"], t12["qualifier"]) == (7.5, "exact")
    t20 = one(ch[(ch.year == 2020) & (ch.kind == "target")])
    assert math.isnan(t20["value"]) and t20["qualifier"] == "none"
    assert one(ch[(ch.year == 2021) & (ch.kind == "target")])["qualifier"] == "at_least"
    assert len(ch[ch.role == "target"]) == 21 and len(ch[ch.source_kind == "nbs_prelim"]) == 20


def test_spot_checks_dalian(df):
    d = df[(df.jurisdiction == "dalian") & (df.indicator == "gdp") & (df.measure == "growth")]
    t06 = one(d[(d.year == 2006) & (d.kind == "target")])
    s06 = one(d[(d.year == 2006) & (d.kind == "stretch_target")])
    assert (t06["value"], t06["qualifier"], t06["text"]) == (13.0, "exact", "增长13%,力争14%")
    assert s06["value"] == 14.0 and "力争" in s06["note"] and s06["text"] == "力争14%"
    assert one(d[(d.year == 2009) & (d.kind == "target")])["value"] == 14.0
    t19 = one(d[(d.year == 2019) & (d.kind == "target")])
    assert (t19["value"], t19["qualifier"], t19["source_quality"]) == (6.5, "at_least", "official")
    t21 = one(d[(d.year == 2021) & (d.kind == "target")])
    assert (t21["value"], t21["qualifier"]) == (6.5, "about")
    t22 = one(d[(d.year == 2022) & (d.kind == "target")])
    assert (t22["value"], t22["qualifier"], t22["source_quality"]) == (8.0, "about", "secondary copy")
    t25 = one(d[(d.year == 2025) & (d.kind == "target")])
    assert (t25["value"], t25["qualifier"]) == (5.5, "unknown")
    assert one(d[(d.year == 2025) & d.preferred & (d.role == "outcome")])["value"] == 5.7
    # other 2006 targets from the note, with their stretch goals
    fai = df[(df.jurisdiction == "dalian") & (df.year == 2006) & (df.indicator == "fai")].set_index("kind")
    assert fai.loc["target", "value"] == 20 and fai.loc["stretch_target", "value"] == 30
    ei = one(df[(df.indicator == "energy_intensity") & (df.kind == "target")])
    assert (ei["measure"], ei["value"]) == ("decline", 4.0)
    lvl04 = one(df[(df.jurisdiction == "dalian") & (df.year == 2004) & (df.indicator == "gdp") & (df.measure == "level")])
    assert lvl04["value"] == 1961.8 and "初步核算" in lvl04["text"]


def test_spot_checks_liaoning_and_jinzhou(df):
    ln = df[(df.jurisdiction == "liaoning") & (df.indicator == "gdp") & (df.measure == "growth")]
    q19 = one(ln[(ln.year == 2019) & (ln.kind == "target")])
    assert math.isnan(q19["value"]) and q19["qualifier"] == "qualitative"
    a19 = one(ln[(ln.year == 2019) & (ln.role == "outcome")])
    assert (a19["value"], a19["qualifier"], a19["source_quality"]) == (5.8, "about", "secondary copy")
    assert one(ln[(ln.year == 2016)])["value"] == -2.5
    t23 = one(ln[(ln.year == 2023) & (ln.kind == "target")])
    assert (t23["value"], t23["qualifier"]) == (5.0, "about")
    assert one(ln[(ln.year == 2023) & (ln.role == "outcome")])["value"] == 5.3
    jz = df[df.jurisdiction == "jinzhou"]
    share14 = one(jz[(jz.year == 2014) & (jz.indicator == "gdp_share_of_dalian")])
    assert (share14["value"], share14["qualifier"]) == (21.3, "about")
    assert one(jz[(jz.year == 2017) & (jz.indicator == "gdp_share_of_dalian")])["source_kind"] == "computed"
    assert jz[(jz.indicator == "gdp") & (jz.kind == "target")].empty  # no Jinzhou GDP target in the reference data


# ---- convenience views ---------------------------------------------------------------------------

def test_national_targets_view():
    nt = national_targets().set_index("year")
    assert list(nt.index) == list(range(2005, 2026))
    assert nt.loc[2005, "result"] == "hit" and nt.loc[2022, "result"] == "miss"
    assert nt.loc[2020, "result"] == "n/a" and nt.loc[2025, "result"] == "n/a"
    assert (nt.loc[2014, "outcome"], nt.loc[2014, "outcome_prelim"]) == (7.3, 7.4)
    assert nt.loc[2016, "result"] == "hit"  # 6.7 inside 6.5-7


def test_official_outcomes_view():
    o = official_outcomes("dalian", "gdp")
    assert (o["role"] == "outcome").all() and (o["jurisdiction"] == "dalian").all()
    y08 = o[(o.year == 2008) & (o.measure == "level")]
    assert len(y08) == 2 and y08.iloc[0]["preferred"]
    assert official_outcomes("dalian", preferred_only=True)["preferred"].all()
    with pytest.raises(ValueError):
        official_outcomes("shenyang")


def test_reference_target_ladder():
    lad = reference_target_ladder()
    assert lad.columns[0] == "year"
    for j in ("china", "liaoning", "dalian", "jinzhou"):
        for f in ("value", "value_high", "qualifier", "text", "source", "origin", "note"):
            assert f"{j}_{f}" in lad.columns
    lad = lad.set_index("year")
    assert lad["jinzhou_value"].isna().all()
    assert lad.loc[2006, "dalian_value"] == 13.0            # main target, not the stretch goal
    assert math.isnan(lad.loc[2020, "dalian_value"])         # not found: stays NaN
    assert lad.loc[2020, "china_qualifier"] == "none"
    assert lad.loc[2016, "china_value_high"] == 7.0
    assert lad.loc[2022, "dalian_source"].startswith("reference/dalian_gwr_facts.csv row 10")
    assert (lad["dalian_origin"].dropna() == "reference").all()


def test_ladder_with_seed_targets():
    seed = pd.DataFrame({
        "jurisdiction": ["dalian", "dalian", "china", "jinzhou"],
        "year": [2022, 2024, 2022, 2021],
        "value": [8.0, 5.5, 9.9, 6.0],
        "value_high": [np.nan, np.nan, np.nan, np.nan],
        "qualifier": ["about", "about", "exact", "about"],
        "text": ["a", "b", "c", "d"],
        "source": ["seed:A", "seed:B", "seed:C", "seed:D"],
    })
    lad = reference_target_ladder(seed).set_index("year")
    assert lad.loc[2022, "dalian_origin"] == "seed" and pd.isna(lad.loc[2022, "dalian_note"])  # same target
    assert lad.loc[2024, "dalian_value"] == 5.5 and lad.loc[2024, "dalian_origin"] == "seed"     # fills a gap
    assert lad.loc[2022, "china_value"] == 5.5 and lad.loc[2022, "china_origin"] == "reference"  # reference kept
    assert "seed target differs" in lad.loc[2022, "china_note"]
    assert lad.loc[2021, "jinzhou_value"] == 6.0
    seed2 = seed.copy()
    seed2.loc[0, "value"] = 7.0
    lad2 = reference_target_ladder(seed2).set_index("year")
    assert lad2.loc[2022, "dalian_value"] == 7.0 and "reference target differs" in lad2.loc[2022, "dalian_note"]
    with pytest.raises(ValueError):
        reference_target_ladder(pd.concat([seed, seed.iloc[:1]]))
    with pytest.raises(ValueError):
        reference_target_ladder(seed.drop(columns=["source"]))
    with pytest.raises(ValueError):
        reference_target_ladder(seed.assign(jurisdiction="shenyang"))


# ---- hit or miss ---------------------------------------------------------------------------------

@pytest.mark.parametrize("target,high,qual,outcome,expected", [
    # exact: a floor
    (7.5, None, "exact", 7.8, "hit"), (7.5, None, "exact", 7.5, "hit"), (7.5, None, "exact", 7.49, "miss"),
    # about: floor with ABOUT_TOLERANCE_PP below; boundary counts as hit; overshoot is a hit
    (7.5, None, "about", 7.0, "hit"), (7.5, None, "about", 6.99, "miss"), (8, None, "about", 11.4, "hit"),
    (6.3, None, "about", 5.8, "hit"), (5.5, None, "about", 5.0, "hit"), (5.5, None, "about", 3.0, "miss"),
    # at_least / greater_than
    (6, None, "at_least", 6.0, "hit"), (6, None, "at_least", 5.99, "miss"),
    (50, None, "greater_than", 50.0, "miss"), (50, None, "greater_than", 50.01, "hit"),
    # at_most / less_than
    (3, None, "at_most", 3.0, "hit"), (3, None, "at_most", 3.01, "miss"),
    (3, None, "less_than", 3.0, "miss"), (3, None, "less_than", 2.99, "hit"),
    # range: inside inclusive, outside either side is a miss
    (6.5, 7, "range", 6.5, "hit"), (6.5, 7, "range", 7.0, "hit"), (6.5, 7, "range", 6.7, "hit"),
    (6.5, 7, "range", 6.49, "miss"), (6.5, 7, "range", 7.01, "miss"), (6.5, None, "range", 6.7, "n/a"),
    # unknown wording: verdict only where every reading agrees
    (5.5, None, "unknown", 5.7, "hit"), (5.5, None, "unknown", 5.2, "n/a"), (5.5, None, "unknown", 4.9, "miss"),
    # no verdict
    (None, None, "qualitative", 5.8, "n/a"), (None, None, "none", 2.3, "n/a"), (8, None, "about", None, "n/a"),
    (8, None, "about", float("nan"), "n/a"), (8, None, None, 9, "n/a"), (float("nan"), None, "exact", 9, "n/a"),
])
def test_hit_or_miss(target, high, qual, outcome, expected):
    assert hit_or_miss(target, high, qual, outcome) == expected
    frame = pd.DataFrame({"value": [target], "value_high": [high], "qualifier": [qual], "outcome": [outcome]})
    assert apply_hit_or_miss(frame).tolist() == [expected]


def test_hit_or_miss_options_and_errors():
    assert ABOUT_TOLERANCE_PP == 0.5
    assert hit_or_miss(7.5, None, "about", 7.2, tolerance_pp=0.25) == "miss"
    assert hit_or_miss(7.5, None, "about", 7.25, tolerance_pp=0.25) == "hit"
    assert hit_or_miss(8, None, "about", 9.9, two_sided_about=True) == "miss"
    assert hit_or_miss(8, None, "about", 8.5, two_sided_about=True) == "hit"
    assert hit_or_miss(8, None, "about", 7.5, two_sided_about=True) == "hit"
    with pytest.raises(ValueError):
        hit_or_miss(8, None, "roughly", 8)
    with pytest.raises(ValueError):
        apply_hit_or_miss(pd.DataFrame({"value": [8], "qualifier": ["roughly"], "outcome": [8]}))
    # value_high column may be absent
    assert apply_hit_or_miss(pd.DataFrame({"value": [8], "qualifier": ["about"], "outcome": [8]})).tolist() == ["hit"]


_quals = st.sampled_from(list(reference.QUALIFIERS) + [None])
_nums = st.one_of(st.none(), st.just(float("nan")), st.floats(-5, 20, allow_nan=False).map(lambda x: round(x, 2)))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_nums, _nums, _quals, _nums, st.booleans()), min_size=1, max_size=20),
       st.sampled_from([0.25, 0.5, 1.0]))
def test_vectorised_matches_scalar(rows, tol):
    frame = pd.DataFrame(rows, columns=["value", "value_high", "qualifier", "outcome", "two"])
    for two in (False, True):
        got = apply_hit_or_miss(frame, tolerance_pp=tol, two_sided_about=two).tolist()
        want = [hit_or_miss(r.value, r.value_high, r.qualifier, r.outcome, tol, two) for r in frame.itertuples()]
        assert got == want


def _target_outcome_pairs():
    df = reference_series(indicator="gdp", preferred_only=True)
    df = df[df.measure == "growth"]
    t = df[df.role == "target"][["jurisdiction", "year", "value", "value_high", "qualifier"]]
    o = df[df.role == "outcome"][["jurisdiction", "year", "value"]].rename(columns={"value": "outcome"})
    return t.merge(o, on=["jurisdiction", "year"], how="inner")


def test_tolerance_choice_does_not_drive_results():
    """Verdicts on the reference data are the same for any 'about' tolerance in [0.2, 2.4] pp."""
    pairs = _target_outcome_pairs()
    assert len(pairs) >= 25
    base = apply_hit_or_miss(pairs).tolist()
    for tol in (0.2, 0.25, 0.5, 1.0, 2.4):
        assert apply_hit_or_miss(pairs, tolerance_pp=tol).tolist() == base
    assert apply_hit_or_miss(pairs, tolerance_pp=0.1).tolist() != base
    verdict = dict(zip(zip(pairs.jurisdiction, pairs.year), base))
    assert verdict[("dalian", 2022)] == "miss" and verdict[("dalian", 2019)] == "hit"   # 4.0 vs 8左右; 6.5 vs 6.5以上
    assert verdict[("dalian", 2023)] == "hit" and verdict[("liaoning", 2023)] == "hit"


@pytest.mark.parametrize("wording, qualifier", [
    ("不低于6%", "at_least"), ("至少6%", "at_least"), ("近8%", "about"), ("6.5%上下", "about"),
    ("7600亿元、增长8%左右", "about"), ("over half of Dalian", "greater_than"), ("", "none"),
])
def test_reference_wordings_are_read_by_the_parsers_grammar(wording, qualifier):
    """The reference builder once had its own grammar, which read the first four as 'exact'."""
    value = 8.0 if "8%" in wording else None
    assert reference_build.qualifier_from_text(wording, value) == qualifier


# ---- the judgements are data files beside the originals ---------------------------------------------
JUDGEMENTS = default_original_dir().parent / "judgements"


def test_judgements_live_in_data_files_and_are_documented():
    """Every judgement file is read, documented in the README, and nothing in the folder is ignored."""
    assert sorted(p.name for p in JUDGEMENTS.glob("*.csv")) == sorted(reference_judgements.FILES)
    text = (JUDGEMENTS.parent / "README.md").read_text(encoding="utf-8")
    for name in reference_judgements.FILES:
        if ".note_facts." not in name:
            assert f"`{name}`" in text, name
    assert "`*.note_facts.csv`" in text and "judgements/" in (JUDGEMENTS.parent / "CAVEATS.md").read_text("utf-8")
    # the names the builder re-exports are the tables read from the files
    assert reference_build.NOTE_FACTS == reference_judgements.default_judgements().NOTE_FACTS
    assert reference_build.OFFICIAL_GDP_META[1] == ("estimate", "news", "note: 'estimated' 229 billion RMB")
    assert reference_build.LIAONING_ACTUAL_META[9][2]["url"] == ""
    assert reference_build.TEXT_STRETCH == [("dalian_gwr_facts.csv", 2, "力争14%", "14")]
    with pytest.raises(AttributeError):
        reference_build.NO_SUCH_TABLE  # noqa: B018


def _damaged(tmp_path, name: str, edit) -> Path:
    """A copy of the judgements folder with ``edit(lines)`` applied to the lines of file ``name``."""
    folder = tmp_path / "judgements"
    shutil.copytree(JUDGEMENTS, folder)
    lines = (folder / name).read_text(encoding="utf-8").split("\n")
    edit(lines)
    (folder / name).write_text("\n".join(lines), encoding="utf-8")
    return folder


@pytest.mark.parametrize("name, edit, message, line", [
    ("dalian_official_gdp.rows.csv", lambda t: t.__setitem__(slice(None), [f"{x},remark" for x in t if x]),
     r"unknown column\(s\) \['remark'\]", 1),
    ("dalian_official_gdp.rows.csv", lambda t: t.__setitem__(3, t[3].replace("3,", "25,", 1)),
     r"dalian_official_gdp.csv has no data row 25 \(it has rows 1 to 24", 4),
    ("liaoning_targets.targets.csv", lambda t: t.__setitem__(2, "0,gwr,"), r"has no data row 0", 3),
    ("dalian_gwr_facts.rows.csv", lambda t: t.insert(3, t[2]), r"\{'row': '2'\} is already judged on line 3", 4),
    ("dalian_official_gdp.wording.csv", lambda t: t.__setitem__(1, t[1].replace(",exact", ",roughly")),
     r"column 'qualifier': 'roughly' is not one of 'exact', 'about'", 2),
    ("dalian_official_gdp.wording.csv", lambda t: t.__setitem__(1, t[1].replace("gdp_level_yi_yuan", "gdp")),
     r"column 'field': 'gdp' is not one of 'gdp_level_yi_yuan', 'real_growth_pct'", 2),
    ("dalian_official_gdp.rows.csv", lambda t: t.__setitem__(1, "1,guess,news,"),
     r"column 'kind': 'guess' is not one of 'target'", 2),
    ("jinpu_facts.rows.csv", lambda t: t.__setitem__(2, "2,blog,"), r"column 'source_kind': 'blog' is not one of", 3),
    ("liaoning_targets.actuals.csv", lambda t: t.__setitem__(1, "4,outcome,news,mirror,,,"),
     r"column 'source_quality': 'mirror' is not one of", 2),
    ("liaoning_targets.note_facts.csv", lambda t: t.__setitem__(1, t[1].replace(",fai,", ",fixed_assets,")),
     r"column 'indicator': 'fixed_assets' is not an indicator code of the vocabulary", 2),
    ("jinpu_facts.indicators.csv", lambda t: t.__setitem__(2, t[2].replace(",level,", ",levels,")),
     r"column 'measure': 'levels' is not a measure of the vocabulary", 3),
    ("national_gdp_targets.note_facts.csv", lambda t: t.__setitem__(1, t[1].replace(",7.3,", ",7.2,")),
     r"column 'number': '7.2' does not occur in the evidence", 2),
    ("dalian_gwr_facts.stretch.csv", lambda t: t.__setitem__(1, "2,力争14%,15"), r"'15' does not occur in the words", 2),
    ("not_represented.csv", lambda t: t.__setitem__(1, t[1].replace("liaoning_targets.csv", "liaoning.csv")),
     r"column 'file': 'liaoning.csv' is not one of", 2),
    ("jinpu_facts.wording.csv", lambda t: t.__setitem__(1, "1,value"), r"2 cells, but the header has 3 columns", 2),
])
def test_a_malformed_judgement_file_is_refused_naming_file_and_line(tmp_path, name, edit, message, line):
    folder = _damaged(tmp_path, name, edit)
    with pytest.raises(SourceError, match=message) as caught:
        build_reference_series(default_original_dir(), folder)
    assert caught.value.file == str(folder / name) and caught.value.line == line


def test_a_missing_judgement_file_or_column_is_refused(tmp_path):
    folder = _damaged(tmp_path, "jinpu_facts.units.csv", lambda t: None)
    (folder / "jinpu_facts.units.csv").unlink()
    with pytest.raises(SourceError, match="file not found"):
        build_reference_series(default_original_dir(), folder)
    folder = _damaged(tmp_path / "b", "jinpu_facts.rows.csv", lambda t: t.__setitem__(0, "row,kind,note"))
    with pytest.raises(SourceError, match=r"lacks columns \['source_kind'\]"):
        build_reference_series(default_original_dir(), folder)


def test_a_judgement_file_that_misses_a_row_is_refused(tmp_path):
    """A per-position file must describe every row of its original: a lost line is an error, not a gap."""
    folder = _damaged(tmp_path, "dalian_official_gdp.rows.csv", lambda t: t.pop(5))
    with pytest.raises(SourceError, match=r"24 data rows, but OFFICIAL_GDP_META \(judgements/dalian_official_gdp"
                                          r"\.rows\.csv\) describes 23"):
        build_reference_series(default_original_dir(), folder)
    folder = _damaged(tmp_path / "b", "jinpu_facts.rows.csv", lambda t: t.pop(3))
    with pytest.raises(SourceError, match=r"data row 3 has no entry in JINPU_SOURCE_KIND "
                                          r"\(judgements/jinpu_facts\.rows\.csv"):
        build_reference_series(default_original_dir(), folder)


def test_editing_a_judgement_changes_the_table(tmp_path):
    """The judgements are read, not compiled in: a linguist's edit shows in the built table."""
    folder = _damaged(tmp_path, "dalian_official_gdp.rows.csv",
                      lambda t: t.__setitem__(6, t[6].replace("6,outcome,secondary", "6,estimate,secondary")))
    built = build_reference_series(default_original_dir(), folder)
    row = built.query("source_file == 'dalian_official_gdp.csv' and source_row == 6")
    assert set(row.kind) == {"estimate"}
