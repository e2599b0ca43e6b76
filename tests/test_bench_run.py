"""``benchmarks/run.py`` starts, and its result writer gives every file with the expected keys (no benchmark runs)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.fixture(scope="module")
def bench():
    sys.path.insert(0, str(BENCH))
    try:
        import bench_common
        import bench_report

        yield bench_common, bench_report
    finally:
        sys.path.remove(str(BENCH))


def test_help_lists_the_options():
    done = subprocess.run([sys.executable, str(BENCH / "run.py"), "--help"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    for option in ("--quick", "--notebooks", "--only", "--test-durations", "--rewrite"):
        assert option in done.stdout


def _profile() -> dict:
    row = {"function": "dalian_reports/extract/tokens.py:1(f)", "calls": 3, "own_s": 0.01, "cumulative_s": 0.02,
           "own_share": 0.4, "cumulative_share": 0.8}
    return {"top_own_time": [row], "top_cumulative_package": [row]}


def _results(common) -> dict:
    """Every section, with made-up numbers in the shapes the benchmarks produce."""
    ratio = common.ratio_check
    value = common.value_check
    first = [ratio("first_table", "first table: `load_table`", [0.33, 0.35], [0.31, 0.32], 1.1, measured_what="m",
                   floor_what="f"),
             ratio("first_table_named", "first table: named loader", [0.33], [0.31], 1.1, measured_what="m",
                   floor_what="f")]
    build = [ratio("build", "full build", [20.0], [1.2], 3.0, measured_what="m", floor_what="f"),
             ratio("rebuild", "rebuild, one figure changed", [19.0], [1.2], 1.5, measured_what="m", floor_what="f")]
    point = {"size": "1 copy", "chars": 16401, "seconds": 0.02, "runs": 3, "us_per_char": 1.2, "rows": 66,
             "rss_mib": 80.0}
    serial = {"reports": 427, "chars": 7_700_000, "rows": 11000, "errors": [], "wall_s": 18.0,
              "stages_s": {"read + clean": 2.5, "extract": 15.3}, "per_report_ms": {"median": 23, "p90": 68,
                                                                                   "max": 450, "mean": 35.0},
              "slowest": [{"file": "a/2020.md", "chars": 23000, "ms": 450.0}], "size_exponent": 0.7,
              "peak_rss_mib": 190.0}
    return {
        "machine": {**common.machine_info(), "load_average_end": [1.0, 1.0, 1.0]}, "command": "run.py",
        "total_minutes": 1.0,
        "first_table": {"checks": first, "interpreter_start_s": 0.012, "importtime_after_pandas_total_ms": 3.0,
                        "importtime_after_pandas": [{"module": "dalian_reports._metadata", "self_ms": 1.7,
                                                     "cumulative_ms": 1.7}],
                        "profile": {"steps_s": {"import pandas (the floor)": 0.3}, "heavy_modules_loaded": [],
                                    **_profile()}},
        "build": {"checks": build, "warmup_s": {"build": 20.0}, "rebuilds": [
            {"touched": "gdp_target_drift_title", "svg_changed": ["a_en.svg", "a_zh.svg"], "svg_total": 14,
             "files_written": 42}],
            "profile": {"stages_s": {"tables: build + validate": 5.0, "figures: in the build's pool": 10.0},
                        "tables_s": {"reports": 1.0}, "table_rows": {"reports": 9},
                        "figures_serial_s": {"gdp_target_drift": 2.0}, **_profile()}},
        "notebooks": {"checks": [ratio("notebooks", "notebooks", [13.0], [11.0], 1.5, measured_what="m",
                                       floor_what="f")], "per_notebook_median_s": {"00_sources.ipynb": 3.0}},
        "extraction": {"checks": [value("extract_ms", "extraction, one report", 20.9, 10.0, "ms", measured_what="m")],
                       "report_id": "jinzhou-2021-zh", "chars": 16401, "rows": 66, "repeats": 5, "median_ms": 20.9,
                       "min_ms": 20.1, "seeds": [{"report_id": "dalian-2012-zh", "chars": 13168, "ms": 14.8}],
                       "profile_runs": 5, **_profile()},
        "linearity": {"checks": [value("extract_linearity", "extraction, time vs length", 0.92, 1.1, "exponent",
                                       measured_what="m")], "points": [point, point], "budget_s": 20.0,
                      "skipped": [{"size": "64 copies", "chars": 1_000_000, "predicted_s": 99.0}], "exponent": 0.92},
        "corpus": {"checks": [value("corpus_pool", "corpus, 2 cores", 16.4, 10.0, "s", measured_what="m"),
                              value("corpus_serial", "corpus, 1 core", 18.0, None, "s", measured_what="m")],
                   "root": "/corpus", "serial": serial, "pool": {"processes": 2, "wall_s": 16.4},
                   "speedup": 1.1, "panel": {"skipped": "no panel"},
                   "dask": {"reports": 427, "processes": 2, "rows": 11000, "errors": 0, "cluster_start_s": 1.5,
                            "map_s": 15.0, "in_process_s": 17.0, "wall_s": 18.0},
                   "extrapolation": {"reports": 3000, "per_report_s": 0.04, "one_core_min": 2.0,
                                     "2_cores_min": 1.9, "cores_for_10s": 13}},
        "tests": {"command": "python -m pytest -q --durations=15", "date": "2026-11-30", "wall_s": 200.0,
                  "exit_code": 0, "summary": "500 passed in 200.00s",
                  "slowest": [{"seconds": 12.5, "phase": "call", "test": "tests/test_build.py::test_build"}]},
    }


def test_the_writer_gives_every_file_and_key(bench, tmp_path):
    common, report = bench
    paths = report.write_results(_results(common), tmp_path)
    assert sorted(p.name for p in paths) == ["README_SECTION.md", "RESULTS.md", "results.json"]
    results = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert {"machine", "command", "checks", "first_table", "build", "corpus", "tests"} <= set(results)
    assert {"cpu_model", "cores", "python", "git_commit", "date"} <= set(results["machine"])
    keys = [c["key"] for c in results["checks"]]
    assert keys == ["first_table", "first_table_named", "build", "rebuild", "notebooks", "extract_ms",
                    "extract_linearity", "corpus_pool", "corpus_serial"]
    for check in results["checks"]:
        assert {"label", "value", "goal", "passed", "unit", "n", "measured"} <= set(check)
    assert [c["passed"] for c in results["checks"]] == [True, True, False, False, True, False, True, False, None]
    md = (tmp_path / "RESULTS.md").read_text(encoding="utf-8")
    for text in ("Machine:", results["machine"]["python"], "1.08x", "FAIL", "## The test suite", "## Build"):
        assert text in md
    readme = (tmp_path / "README_SECTION.md").read_text(encoding="utf-8")
    assert "make bench" in readme and "extract_files_dask" in readme
    assert "`LocalCluster` of 2 worker processes took 18.0 s" in readme and "overhead on one machine is 1.6 s" in readme
    assert "corpus, 2 cores" in report.text_table(results)


def test_results_without_the_machine_are_refused(bench, tmp_path):
    _common, report = bench
    with pytest.raises(ValueError, match="machine"):
        report.write_results({"command": "run.py"}, tmp_path)
