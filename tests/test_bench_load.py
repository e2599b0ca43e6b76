"""The one-pass table reader (the first-table path of ``make bench``) gives what the two-pass reader gave.

``load_table`` reads each CSV once with the dtypes of its metadata; the older path read text and typed every
column afterwards (:func:`dalian_reports._metadata.apply_types`), which the pipeline still uses on the tables it
builds. Both must give the same frame, and a damaged file must still be refused with the column named.
"""
from __future__ import annotations

import csv
import shutil

import pandas as pd
import pytest

import dalian_reports as dr
from dalian_reports import _load
from dalian_reports._metadata import apply_types
from dalian_reports._resources import processed_dir


@pytest.mark.parametrize("name", dr.list_tables())
def test_one_pass_read_equals_the_two_pass_read(name):
    meta = dr.get_metadata(name)
    path = processed_dir() / f"{name}.csv"
    two_pass = apply_types(_load._read_csv(path, _load._text_dtypes(meta)), meta)
    pd.testing.assert_frame_equal(dr.load_table(name), two_pass, check_exact=True, check_categorical=True)


@pytest.fixture
def tables(tmp_path, monkeypatch):
    """A copy of the shipped tables the library is pointed at, to damage."""
    for path in processed_dir().glob("*"):
        if path.suffix in (".csv", ".json"):
            shutil.copy2(path, tmp_path / path.name)
    monkeypatch.setenv("DALIAN_REPORTS_TABLES", str(tmp_path))
    return tmp_path


def _rewrite(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_missing_value_in_an_int64_column_names_the_column(tables):
    path = tables / "reports.csv"
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    rows[1][rows[0].index("report_year")] = ""
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    with pytest.raises(dr.DalianReportsError, match="report_year"):
        dr.load_table("reports")


def test_a_value_outside_a_category_names_the_column(tables):
    _rewrite(tables / "reports.csv", ",dalian,", ",atlantis,")
    with pytest.raises(dr.DalianReportsError, match="issuer.*atlantis"):
        dr.load_table("reports")


def test_a_missing_file_is_named(tables):
    (tables / "reports.csv").unlink()
    with pytest.raises(dr.DalianReportsError, match="missing"):
        dr.load_table("reports")


def test_a_table_is_parsed_once_per_process_and_every_call_gets_its_own_copy(tables, monkeypatch):
    parses = []
    real = _load._read_csv
    monkeypatch.setattr(_load, "_read_csv", lambda *a, **k: parses.append(1) or real(*a, **k))
    first = dr.load_table("reports")
    second = dr.load_table("reports")
    assert len(parses) == 1                       # the same bytes: parsed once
    pd.testing.assert_frame_equal(first, second)
    first.loc[0, "speaker"] = "edited by the caller"
    first.loc[0, "report_year"] = 1900
    again = dr.load_table("reports")
    assert again.loc[0, "speaker"] != "edited by the caller" and again.loc[0, "report_year"] != 1900


def test_an_edit_of_the_same_size_at_the_same_moment_is_read_again(tables):
    """The cache is keyed by the file's bytes, not by its size and modification time."""
    import os

    path = tables / "reports.csv"
    before = dr.load_table("reports")
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    year = str(before.loc[0, "report_year"])
    other = str(int(year) + 1)
    path.write_text(text.replace(f",{year},", f",{other},", 1), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns
    assert str(dr.load_table("reports").loc[0, "report_year"]) == other
