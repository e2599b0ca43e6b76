"""Speed and scale benchmarks of dalian-reports (``make bench``): every cost against its goal, in one run.

=====================  ===============================================================  ===========
check                  measured                                                         goal
=====================  ===============================================================  ===========
first table            ``import dalian_reports; load_table(...)`` / a named loader,     ≤ 1.1x
                       against ``import pandas``
full build             ``build()`` into a temporary folder, against importing pandas,   ≤ 3x
                       matplotlib, seaborn, openpyxl
rebuild                one figure's title changed, then ``build()`` (copy of the        ≤ 1.5x
                       checkout), against the same floor
notebooks              executing the notebooks, against as many bare kernels            ≤ 1.5x
                       (``--notebooks``: slow)
extraction             ``extract_headline`` on the Jinzhou 2021 report, one core        ≤ 10 ms
time vs length         growth exponent of extraction time, 10 KB to megabytes           ≤ 1.1
corpus                 read + clean + extract every work report of the development      ≤ 10 s
                       corpus, 2 cores (and 1 core, for the speed-up; and a Dask
                       LocalCluster of 2, for Dask's overhead)
=====================  ===============================================================  ===========

Ratios are median(measured) / median(floor), both timed in the same run in fresh subprocesses, in rotating
order. Details in ``bench_floors.py`` and ``bench_extraction.py``; where the time goes (profiles) in
``RESULTS.md``. Writes ``benchmarks/results.json``, ``RESULTS.md`` and ``README_SECTION.md``; everything else
happens in temporary folders (the build into one, the rebuild in a copy of the checkout).

    .venv/bin/python benchmarks/run.py                   # everything but the notebooks (about 10 minutes)
    .venv/bin/python benchmarks/run.py --quick           # smoke run
    .venv/bin/python benchmarks/run.py --notebooks       # the notebooks too
    .venv/bin/python benchmarks/run.py --test-durations  # also run the test suite once for its slowest tests
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:   # the benchmark modules beside this file
    sys.path.insert(0, str(HERE))

import bench_common as common  # noqa: E402
import bench_extraction as extraction  # noqa: E402
import bench_floors as floors  # noqa: E402
from bench_report import all_checks, text_table, write_results  # noqa: E402

BENCHMARKS = ("first_table", "build", "notebooks", "extraction", "linearity", "corpus")
WORKERS = {**floors.WORKERS, **extraction.WORKERS}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="benchmarks/run.py", description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="Writes benchmarks/results.json, RESULTS.md and README_SECTION.md.")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--quick", action="store_true", help="smoke run: few repeats, small sizes")
    parser.add_argument("--notebooks", action="store_true", help="also time executing the notebooks (slow)")
    parser.add_argument("--only", nargs="+", choices=BENCHMARKS, metavar="NAME",
                        help=f"run only these ({', '.join(BENCHMARKS)}); the others are kept from results.json")
    parser.add_argument("--test-durations", action="store_true",
                        help="run the test suite once (pytest --durations=15) and record its 15 slowest tests")
    parser.add_argument("--repeats-first-table", type=int, default=15, metavar="N")
    parser.add_argument("--repeats-build", type=int, default=3, metavar="N")
    parser.add_argument("--repeats-notebooks", type=int, default=3, metavar="N")
    parser.add_argument("--repeats-extract", type=int, default=21, metavar="N")
    parser.add_argument("--max-chars", type=int, default=3_000_000, help="largest text of the length sweep")
    parser.add_argument("--length-budget", type=float, default=150.0, metavar="S",
                        help="seconds for the length sweep; larger sizes predicted to exceed it are skipped")
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 2, help="pool size for the corpus")
    parser.add_argument("--rewrite", action="store_true",
                        help="only write RESULTS.md and README_SECTION.md again from results.json")
    parser.add_argument("--out", type=Path, default=HERE, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.quick:
        args.repeats_first_table, args.repeats_build, args.repeats_notebooks, args.repeats_extract = 3, 1, 1, 5
        args.max_chars, args.length_budget = 70_000, 20.0
    return args


def run_benchmarks(args: argparse.Namespace, wanted: set[str]) -> dict:
    """The sections of the results, one per benchmark wanted; a benchmark that fails is reported, not fatal."""
    runs = {"first_table": lambda: floors.bench_first_table(args.repeats_first_table),
            "build": lambda: floors.bench_build(args.repeats_build),
            "notebooks": lambda: floors.bench_notebooks(args.repeats_notebooks),
            "extraction": lambda: extraction.bench_extract_report(args.repeats_extract),
            "linearity": lambda: extraction.bench_linearity(args.max_chars, args.length_budget),
            "corpus": lambda: extraction.bench_corpus(args.processes)}
    out = {}
    for name in BENCHMARKS:
        if name not in wanted:
            continue
        try:
            out[name] = runs[name]()
        except Exception as exc:   # noqa: BLE001  (the other benchmarks still run; the failure is in the results)
            common.log(f"{name}: FAILED: {type(exc).__name__}: {exc}")
            out[name] = {"skipped": f"failed: {type(exc).__name__}: {str(exc)[-600:]}", "checks": []}
    return out


def test_durations() -> dict:
    """Run the test suite once with ``--durations=15``; its wall time, summary line and slowest tests."""
    import datetime as dt

    command = [common.PY, "-m", "pytest", "-q", "--durations=15"]
    common.log("tests: " + " ".join(command[1:]) + " (the whole suite, once)")
    started = time.perf_counter()
    done = __import__("subprocess").run(command, cwd=common.REPO, capture_output=True, text=True, env=common.ENV)
    wall = time.perf_counter() - started
    slowest = [{"seconds": float(m.group(1)), "phase": m.group(2), "test": m.group(3)}
               for m in re.finditer(r"^([\d.]+)s (call|setup|teardown)\s+(\S.*)$", done.stdout, re.M)]
    summary = (done.stdout.strip().splitlines() or ["no output"])[-1].strip("= ")
    return {"command": "python -m pytest -q --durations=15", "date": common.machine_info()["date"][:10],
            "wall_s": round(wall, 1), "exit_code": done.returncode, "summary": summary, "slowest": slowest[:15]}


def keep_from(previous: dict, results: dict) -> None:
    """Keep the sections of the previous run that this run did not measure (the test durations, the notebooks
    when not asked for, the rest of ``--only``), each marked with the date of its run."""
    date = (previous.get("machine") or {}).get("date", "")[:10]
    kept = []
    for key in (*BENCHMARKS, "tests"):
        old = previous.get(key)
        if key in results or not isinstance(old, dict) or not ("checks" in old or "skipped" in old or "slowest" in old):
            continue
        results[key] = {"from_run": date, **old} if key != "tests" else old
        kept.append(key)
    measured = [k for k in BENCHMARKS if k in results and k not in kept]
    if any(k != "tests" for k in kept):
        results["partial"] = (f"{', '.join(measured)} measured in this run; "
                              f"{', '.join(k for k in kept if k != 'tests')} kept from the run of "
                              f"{', '.join(sorted({results[k]['from_run'] for k in kept if k != 'tests'}))}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker:
        name, *rest = args.worker
        print(json.dumps(WORKERS[name](*rest)))
        return 0
    previous_path = args.out / "results.json"
    previous = json.loads(previous_path.read_text(encoding="utf-8")) if previous_path.exists() else {}
    if args.rewrite:
        write_results(previous, args.out)
        print(text_table(previous))
        return 0
    wanted = set(args.only or [b for b in BENCHMARKS if b != "notebooks" or args.notebooks])
    started = time.perf_counter()
    cache = tempfile.mkdtemp(prefix="bench-pycache-")
    common.set_pycache(cache)
    try:
        results = {"machine": common.machine_info(),
                   "command": " ".join([".venv/bin/python benchmarks/run.py", *(argv or sys.argv[1:])]),
                   **run_benchmarks(args, wanted)}
        if args.test_durations:
            results["tests"] = test_durations()
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    keep_from(previous, results)
    results["machine"]["load_average_end"] = common.load_average()
    results["total_minutes"] = round((time.perf_counter() - started) / 60, 2)
    paths = write_results(results, args.out)
    print(text_table({**results, "checks": all_checks(results)}))
    print(f"\nwrote {', '.join(str(p.relative_to(common.REPO)) if p.is_relative_to(common.REPO) else str(p) for p in paths)}"
          f" ({results['total_minutes']:.1f} min)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
