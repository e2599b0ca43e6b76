"""The table cache serves exactly what a fresh build gives, and never a stale table."""
import shutil
from pathlib import Path

import pandas as pd
import pytest

from dalian_reports.tables import cache
from dalian_reports.tables.headline import headline_figures

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def cache_on(tmp_path, monkeypatch):
    monkeypatch.setenv("DALIAN_REPORTS_CACHE", "on")
    monkeypatch.setenv("DALIAN_REPORTS_CACHE_DIR", str(tmp_path / "cache"))
    cache._memory.clear()
    yield tmp_path / "cache"
    cache._memory.clear()


def test_cached_table_equals_a_fresh_build(cache_on):
    first = headline_figures()                      # built and stored
    assert list(cache_on.glob("headline_figures-*.pkl"))
    cache._memory.clear()
    second = headline_figures()                     # read back from disk
    fresh = headline_figures.uncached()
    pd.testing.assert_frame_equal(second, fresh)
    pd.testing.assert_frame_equal(first, fresh)


def test_a_returned_table_is_a_copy(cache_on):
    table = headline_figures()
    table.loc[0, "value"] = -1.0
    assert headline_figures().loc[0, "value"] != -1.0


def test_a_changed_source_changes_the_fingerprint_and_fails_its_checksum(cache_on, tmp_path, monkeypatch):
    headline_figures()
    copy = tmp_path / "data"
    shutil.copytree(DATA / "raw", copy / "raw")
    shutil.copy(DATA / "sources.csv", copy / "sources.csv")
    monkeypatch.setenv("DALIAN_REPORTS_DATA", str(copy))
    cache.clear_caches()
    before = cache.fingerprint()
    path = copy / "raw" / "001_dalian_work_report_2024_zh.txt"
    path.write_bytes(path.read_bytes() + b" ")
    assert cache.fingerprint() != before
    try:
        with pytest.raises(Exception, match="checksum mismatch"):
            headline_figures()
    finally:
        monkeypatch.undo()
        cache.clear_caches()
