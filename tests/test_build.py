"""The one-command build: outputs exist, equal the library tables, are deterministic; committed data is in sync."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from dalian_reports.pipeline.build import FIGURE_FORMATS, LANGS, WORKBOOK_NAME, build
from dalian_reports.pipeline.export import csv_bytes, read_csv, read_workbook
from dalian_reports.plots import FIGURES, missing_glyphs
from dalian_reports.pipeline.tables.catalog import TABLES
from dalian_reports.pipeline.metadata import validate

PROCESSED = Path(__file__).resolve().parents[1] / "data" / "processed"
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def tables():
    """Every table rebuilt from its sources: the whole-record tables too (no reuse of committed files), when the
    corpus is beside the checkout."""
    import os

    previous = os.environ.get("DALIAN_REPORTS_REBUILD")
    os.environ["DALIAN_REPORTS_REBUILD"] = "1"
    try:
        return {spec.name: validate(spec.name, spec.build()) for spec in TABLES}
    finally:
        if previous is None:
            os.environ.pop("DALIAN_REPORTS_REBUILD")
        else:
            os.environ["DALIAN_REPORTS_REBUILD"] = previous


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    figs = tmp_path_factory.mktemp("figs")
    build(out_dir=out, figure_dir=figs, exports_dir=out, quiet=True)
    return out, figs


def test_committed_processed_data_is_in_sync_with_the_code(tables):
    for name, df in tables.items():
        path = PROCESSED / f"{name}.csv"
        assert path.exists(), f"{path} missing: run `make` and commit data/processed"
        assert path.read_bytes() == csv_bytes(df), f"{path.name} is stale: run `make` and commit data/processed"
    stray = {p.stem for p in PROCESSED.glob("*.csv")} - set(tables)
    assert not stray, f"data/processed has CSVs no table builds: {stray}"


def test_every_table_passes_its_schema(tables):
    for name, df in tables.items():
        validate(name, df)


def test_built_csvs_equal_the_library_tables(built, tables):
    out, _ = built
    for name, df in tables.items():
        back = read_csv(out / f"{name}.csv")
        assert list(back.columns) == list(df.columns)
        assert len(back) == len(df)
        assert (out / f"{name}.csv").read_bytes() == csv_bytes(df)


def test_workbook_round_trips_every_table(built, tables):
    out, _ = built
    sheets = read_workbook(out / WORKBOOK_NAME)
    for name, df in tables.items():
        back = sheets[name[:31]]
        assert list(back.columns) == list(df.columns), name
        assert len(back) == len(df), name
        for column in df.columns:
            left = [None if pd.isna(x) else x for x in df[column].tolist()]
            right = [None if pd.isna(x) else x for x in back[column].tolist()]
            assert left == right, (name, column)


def test_workbook_has_no_formulas_and_a_frozen_header(built):
    from openpyxl import load_workbook

    out, _ = built
    wb = load_workbook(out / WORKBOOK_NAME)
    assert wb.sheetnames[0] == "about"
    for ws in wb.worksheets[1:]:
        assert ws.freeze_panes == "A2"
        assert all(cell.data_type != "f" for row in ws.iter_rows() for cell in row)


def test_every_figure_in_both_languages_and_formats(built):
    _, figs = built
    for name in FIGURES:
        for lang in LANGS:
            for fmt in FIGURE_FORMATS:
                assert (figs / f"{name}_{lang}.{fmt}").stat().st_size > 1000


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_labels_are_in_the_requested_language(name):
    import matplotlib.pyplot as plt

    for lang in LANGS:
        fig = FIGURES[name](lang=lang).figure   # no house style needed: the language is an argument
        titles = [t for ax in fig.axes for t in (ax.get_title(loc="left"), ax.get_title(), ax.get_xlabel())] + [
            fig._suptitle.get_text() if fig._suptitle else ""]
        text = " ".join(titles)
        assert text.strip(), name
        assert bool(CJK.search(text)) == (lang == "zh"), (name, lang, text)
        assert missing_glyphs(fig) == []
        assert any(ax.has_data() for ax in fig.axes)
        plt.close(fig)


def test_build_is_deterministic(built, tmp_path):
    out, figs = built
    build(out_dir=tmp_path / "out", figure_dir=tmp_path / "figs", exports_dir=tmp_path / "out", quiet=True)
    for path in out.glob("*.csv"):
        assert path.read_bytes() == (tmp_path / "out" / path.name).read_bytes()
    assert (out / WORKBOOK_NAME).read_bytes() == (tmp_path / "out" / WORKBOOK_NAME).read_bytes()
    for path in figs.glob("*.svg"):
        assert path.read_bytes() == (tmp_path / "figs" / path.name).read_bytes(), path.name
    with zipfile.ZipFile(out / WORKBOOK_NAME) as archive:
        assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in archive.infolist())


def test_whole_record_tables_are_reused_only_when_their_inputs_and_files_are_unchanged(tmp_path, monkeypatch):
    from dalian_reports.pipeline.tables import reuse

    root = tmp_path / "corpus"
    root.mkdir()
    (root / "report.md").write_text("text", encoding="utf-8")
    processed = tmp_path / "processed"
    processed.mkdir()
    (processed / "targets_panel.csv").write_bytes(b"a,b\n1,2\n")
    reuse.fingerprint.cache_clear()
    (processed / reuse.RECORD_NAME).write_bytes(reuse.record_bytes(str(root), "abc", {"targets_panel": b"a,b\n1,2\n"}))
    monkeypatch.delenv("DALIAN_REPORTS_REBUILD", raising=False)
    assert reuse.reusable("targets_panel", str(root), processed)
    monkeypatch.setenv("DALIAN_REPORTS_REBUILD", "1")                     # forced
    assert not reuse.reusable("targets_panel", str(root), processed)
    monkeypatch.delenv("DALIAN_REPORTS_REBUILD")
    (processed / "targets_panel.csv").write_bytes(b"a,b\n1,3\n")          # the committed file was edited
    assert not reuse.reusable("targets_panel", str(root), processed)
    (processed / "targets_panel.csv").write_bytes(b"a,b\n1,2\n")
    (root / "report.md").write_text("text changed", encoding="utf-8")   # an input changed
    reuse.fingerprint.cache_clear()
    assert not reuse.reusable("targets_panel", str(root), processed)
    reuse.fingerprint.cache_clear()


def test_the_build_process_never_imports_the_plotting_libraries(tmp_path):
    """The figures are drawn in a forked process of their own that imports matplotlib and seaborn; the build's
    process does not (it would spend 0.15 s tearing them down at exit), yet writes every figure."""
    import subprocess
    import sys

    code = ("import sys, pathlib; from dalian_reports.pipeline.build import build; d = pathlib.Path(sys.argv[1]); "
            "build(out_dir=d / 'p', figure_dir=d / 'f', exports_dir=d / 'e', quiet=True); "
            "print(sorted(m for m in ('matplotlib', 'seaborn') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert len(list((tmp_path / "f").glob("*.png"))) == len(FIGURES) * len(LANGS)
