"""Speed and scale benchmarks of dalian-reports (``make bench``).

Every speed figure is a RATIO against a floor measured in the same run, on the
same machine, so the goals do not depend on how fast the machine is:

===========  ========================================================  ==========================================  =====
benchmark    measured (fresh subprocess each repeat)                   floor (fresh subprocess each repeat)        goal
===========  ========================================================  ==========================================  =====
import       ``import dalian_reports`` + first ``headline_figures()``  ``import pandas``                           1.3x
build        ``build(out_dir=tmp, figure_dir=tmp, quiet=True)``        import pandas, matplotlib, seaborn,         3x
             (tables, figures, workbook; one untimed build first)      openpyxl
notebooks    execute every ``notebooks/[0-9]*.ipynb`` (a temp copy)    as many kernels that only import the same   1.5x
             with nbclient, one fresh kernel each                      libraries
===========  ========================================================  ==========================================  =====

Measured and floor runs alternate (ABBA order), and each figure is the median
of N repeats; ratio = median(measured) / median(floor).  Wall-clock times are
of the whole subprocess (interpreter start included).

Scale: a synthetic corpus built from the real reports (each synthetic report is
one real report's cleaned paragraphs, shuffled, with every non-year number
scaled by a per-paragraph factor drawn from a seeded RNG — one factor per
paragraph keeps ranges such as 6.5%-7% in order), generated lazily report by
report, so memory does not grow with the corpus.  ``extract_headline`` runs on
1,000 and on 10,000 such reports (the 10,000 run stops at a time budget and
says so), in a fresh subprocess each, recording time, RSS and peak RSS at
checkpoints; a 2-process ``multiprocessing.Pool`` runs the 1,000 corpus too.

Writes benchmarks/results.json (every raw number), benchmarks/RESULTS.md and
benchmarks/README_SECTION.md.  Never writes outside a temporary directory
except those three files; the committed notebooks are only read.

    .venv/bin/python benchmarks/run.py                 # full run (~10 min on 2 cores)
    .venv/bin/python benchmarks/run.py --quick         # smoke run (small N, 200/1,000 reports)
"""
from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PY = sys.executable
SEED = 20240106
FLOOR_LIBS = ["pandas", "matplotlib", "matplotlib.pyplot", "seaborn", "openpyxl"]
PREFECTURE_REPORTS = 6000   # ~300 prefecture-level cities x 20 years (the "about 6,000 reports")
# Set by main(): the package's table cache (DALIAN_REPORTS_CACHE_DIR) lives in a temporary directory during a run,
# so the benchmark exercises the cache as users get it without writing into the repository's .cache/.
BENCH_ENV: dict[str, str] = {}
CACHE_OFF = {"DALIAN_REPORTS_CACHE": "off"}


# =============================================================================== helpers

def machine_info() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gib = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_gib = round(int(line.split()[1]) / 1024 ** 2, 1)
    except OSError:
        pass
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                                text=True, timeout=10).stdout.strip() or None
        dirty = bool(subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO,
                                    capture_output=True, text=True, timeout=10).stdout.strip())
    except (OSError, subprocess.SubprocessError):
        commit, dirty = None, None
    return {
        "cpu_model": cpu,
        "cores": os.cpu_count(),
        "cores_available": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "memory_gib": mem_gib,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "date": _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat(),
        "git_commit": commit,
        "git_dirty": dirty,
        "load_average_start": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
    }


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_process(args: list[str], *, cwd: Path | None = None, timeout: float = 1800,
                env: dict | None = None) -> tuple[float, str]:
    """Run a subprocess; return (wall seconds, stdout). Fails loudly on a non-zero exit."""
    started = time.perf_counter()
    done = subprocess.run(args, cwd=cwd or REPO, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **BENCH_ENV, **(env or {})})
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:4])} … failed ({done.returncode}):\n{done.stderr[-4000:]}")
    return elapsed, done.stdout


def python_c(code: str, **kwargs) -> tuple[float, str]:
    return run_process([PY, "-c", code], **kwargs)


def worker(name: str, *args: str, **kwargs) -> tuple[float, dict]:
    """Run ``benchmarks/run.py --worker name args`` in a fresh interpreter; it prints one JSON line last."""
    elapsed, out = run_process([PY, str(Path(__file__).resolve()), "--worker", name, *args], **kwargs)
    return elapsed, json.loads(out.strip().splitlines()[-1])


def compare(name: str, measured, floor, repeats: int, goal: float) -> dict:
    """Alternate measured and floor runs (ABBA), ``repeats`` of each; ratio of the medians."""
    m_times, f_times = [], []
    for i in range(repeats):
        order = (("m", measured), ("f", floor)) if i % 2 == 0 else (("f", floor), ("m", measured))
        for kind, fn in order:
            seconds = fn()
            (m_times if kind == "m" else f_times).append(seconds)
        log(f"  {name} {i + 1}/{repeats}: measured {m_times[-1]:.2f}s  floor {f_times[-1]:.2f}s")
    m_med, f_med = statistics.median(m_times), statistics.median(f_times)
    ratio = m_med / f_med
    return {
        "name": name, "repeats": repeats, "goal": goal, "ratio": round(ratio, 3), "passed": ratio <= goal,
        "measured_median_s": round(m_med, 3), "floor_median_s": round(f_med, 3),
        "measured_s": [round(t, 3) for t in m_times], "floor_s": [round(t, 3) for t in f_times],
        "ratio_min_s": round(min(m_times) / min(f_times), 3),
    }


# ========================================================================= benchmark 1: import

IMPORT_MEASURED = "import dalian_reports as dr; dr.headline_figures()"
IMPORT_FLOOR = "import pandas"


def bench_import(repeats: int) -> dict:
    """Default settings (the table cache on, filled by one untimed run), then with the cache off (a cold build)."""
    log("import: `import dalian_reports` + headline_figures() vs `import pandas` (table cache warm)")
    python_c(IMPORT_MEASURED)   # untimed: compile .pyc files, fill the table cache
    result = compare("import", lambda: python_c(IMPORT_MEASURED)[0], lambda: python_c(IMPORT_FLOOR)[0],
                     repeats, 1.3)
    result["measured_code"], result["floor_code"] = IMPORT_MEASURED, IMPORT_FLOOR
    result["variant"] = "default settings: table cache on, filled by one untimed run"
    log("import, cold: the same with DALIAN_REPORTS_CACHE=off (every table built from the sources)")
    cold = compare("import_cold", lambda: python_c(IMPORT_MEASURED, env=CACHE_OFF)[0],
                   lambda: python_c(IMPORT_FLOOR)[0], repeats, 1.3)
    cold["variant"] = "DALIAN_REPORTS_CACHE=off: every table built from the raw sources"
    result["cold"] = cold
    result["profile"] = worker("profile_import", env=CACHE_OFF)[1]
    result["profile"]["variant"] = "cold (DALIAN_REPORTS_CACHE=off)"
    return result


def _importtime_top(stderr: str, n: int = 12) -> list[dict]:
    rows = []
    for line in stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if m:
            rows.append({"module": m.group(4), "self_ms": int(m.group(1)) / 1000,
                         "cumulative_ms": int(m.group(2)) / 1000, "depth": len(m.group(3)) // 2})
    return sorted(rows, key=lambda r: -r["self_ms"])[:n]


def _cprofile_top(stats_path: str, n: int = 15, key: str = "cumulative", only: str | None = None) -> list[dict]:
    import pstats

    stats = pstats.Stats(stats_path)
    rows = []
    for (filename, lineno, func), (cc, nc, tt, ct, _callers) in stats.stats.items():
        where = filename.replace(str(REPO) + "/", "")
        if "site-packages/" in where:
            where = where.split("site-packages/", 1)[1]
        if only and only not in where:
            continue
        rows.append({"function": f"{where}:{lineno}({func})", "calls": nc, "tottime_s": round(tt, 3),
                     "cumtime_s": round(ct, 3)})
    rows.sort(key=lambda r: -(r["cumtime_s"] if key == "cumulative" else r["tottime_s"]))
    return rows[:n]


def worker_profile_import() -> dict:
    """Where the import benchmark's time goes: -X importtime, then cProfile of the first headline_figures()."""
    done = subprocess.run([PY, "-X", "importtime", "-c", "import dalian_reports as dr; dr.headline_figures()"],
                          capture_output=True, text=True, cwd=REPO)
    import_top = _importtime_top(done.stderr)
    everything = _importtime_top(done.stderr, 10**6)
    cn2an_ms = max((r["cumulative_ms"] for r in everything if r["module"] == "cn2an"), default=0.0)
    package_ms = sum(r["self_ms"] for r in everything if r["module"].startswith("dalian_reports"))
    import cProfile

    started = time.perf_counter()
    import pandas  # noqa: F401  (the floor: not part of the package's own cost)
    t_pandas = time.perf_counter() - started
    profile = cProfile.Profile()
    started = time.perf_counter()
    profile.enable()
    import dalian_reports as dr
    dr.headline_figures()
    profile.disable()
    t_package = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "import.prof")
        profile.dump_stats(path)
        top_cum = _cprofile_top(path, 15, "cumulative", only="dalian_reports")
        top_tot = _cprofile_top(path, 12, "tottime")
    return {"import_pandas_in_process_s": round(t_pandas, 3),
            "package_import_and_headline_figures_after_pandas_s": round(t_package, 3),
            "importtime_top_self": import_top, "cn2an_import_ms": cn2an_ms, "dalian_reports_modules_self_ms": package_ms,
            "cprofile_top_cumulative_dalian_reports": top_cum,
            "cprofile_top_tottime": top_tot}


# ========================================================================== benchmark 2: build

BUILD_MEASURED = ("import tempfile; from dalian_reports.build import build; d = tempfile.mkdtemp(prefix='bench-build-'); "
                  "build(out_dir=d, figure_dir=d, quiet=True); import shutil; shutil.rmtree(d)")
BUILD_FLOOR = "import pandas, matplotlib, seaborn, openpyxl"


def bench_build(repeats: int, repeats_cold: int) -> dict:
    log("build: full build (tables, figures, workbook) vs importing pandas, matplotlib, seaborn, openpyxl")
    warm, _ = python_c(BUILD_MEASURED)   # untimed: font caches, .pyc files, the table cache
    log(f"  warm-up build {warm:.1f}s (not counted)")
    result = compare("build", lambda: python_c(BUILD_MEASURED)[0], lambda: python_c(BUILD_FLOOR)[0], repeats, 3.0)
    result["measured_code"], result["floor_code"] = BUILD_MEASURED, BUILD_FLOOR
    result["variant"] = "default settings: table cache on, filled by the untimed warm-up build"
    result["warmup_s"] = round(warm, 3)
    log("build, cold: the same with DALIAN_REPORTS_CACHE=off")
    cold = compare("build_cold", lambda: python_c(BUILD_MEASURED, env=CACHE_OFF)[0],
                   lambda: python_c(BUILD_FLOOR)[0], repeats_cold, 3.0)
    cold["variant"] = "DALIAN_REPORTS_CACHE=off: every table built from the raw sources"
    result["cold"] = cold
    result["profile"] = worker("profile_build")[1]
    result["profile"]["variant"] = "default settings (table cache warm)"
    return result


def worker_profile_build() -> dict:
    """Stage times of one build in one process, and the cProfile entries that dominate it."""
    import cProfile

    stages = {}
    started = time.perf_counter()
    import openpyxl  # noqa: F401
    import pandas  # noqa: F401
    import seaborn  # noqa: F401
    stages["import pandas, matplotlib, seaborn, openpyxl"] = time.perf_counter() - started
    profile = cProfile.Profile()
    profile.enable()
    t = time.perf_counter()
    from dalian_reports import build as b
    from dalian_reports.export import atomic_directory_update, csv_bytes, workbook_bytes
    from dalian_reports.sources.raw import manifest
    from dalian_reports.tables.catalog import COLUMN_DOCS, TABLES
    stages["import dalian_reports.build"] = time.perf_counter() - t
    per_table = {}
    tables = {}
    from dalian_reports.tables.schemas import validate
    for spec in TABLES:
        t = time.perf_counter()
        df = spec.build()
        validate(spec.name, df)
        tables[spec.name] = df
        per_table[spec.name] = round(time.perf_counter() - t, 3)
    stages["tables (build + validate)"] = sum(per_table.values())
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as tmp:
        tmp = Path(tmp)
        t = time.perf_counter()
        contents = {tmp / f"{name}.csv": csv_bytes(df) for name, df in tables.items()}
        stages["csv"] = time.perf_counter() - t
        per_figure = {}
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from dalian_reports.plots import FIGURES, figure_bytes, house_style
        for name, make in FIGURES.items():
            t = time.perf_counter()
            for lang in b.LANGS:
                with house_style(lang):
                    fig = make(lang=lang)
                    for fmt in b.FIGURE_FORMATS:
                        contents[tmp / f"{name}_{lang}.{fmt}"] = figure_bytes(fig, fmt)
                    plt.close(fig)
            per_figure[name] = round(time.perf_counter() - t, 3)
        stages["figures (render + save png/svg, en/zh)"] = sum(per_figure.values())
        t = time.perf_counter()
        notes = {spec.name: spec.description for spec in TABLES}
        docs = {name: {c: COLUMN_DOCS[c] for c in df.columns if c in COLUMN_DOCS} for name, df in tables.items()}
        contents[tmp / b.WORKBOOK_NAME] = workbook_bytes(
            {b._sheet_name(n): df for n, df in tables.items()},
            sheet_notes={b._sheet_name(n): v for n, v in notes.items()},
            column_docs={b._sheet_name(n): v for n, v in docs.items()},
            about=manifest().drop(columns=["sha256"]))
        stages["workbook"] = time.perf_counter() - t
        t = time.perf_counter()
        atomic_directory_update(contents)
        stages["atomic write"] = time.perf_counter() - t
    profile.disable()
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "build.prof")
        profile.dump_stats(path)
        top_cum = _cprofile_top(path, 15, "cumulative", only="dalian_reports")
        top_tot = _cprofile_top(path, 15, "tottime")
    return {"stages_s": {k: round(v, 3) for k, v in stages.items()}, "tables_s": per_table,
            "figures_s": per_figure, "cprofile_top_cumulative_dalian_reports": top_cum,
            "cprofile_top_tottime": top_tot}


# ====================================================================== benchmark 3: notebooks

def notebook_paths() -> list[Path]:
    return sorted((REPO / "notebooks").glob("[0-9]*.ipynb"))


def notebook_imports(paths: list[Path]) -> list[str]:
    """Third-party top-level modules the notebooks import (not dalian_reports), plus the floor libraries."""
    import importlib.util

    found = set()
    for path in paths:
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb.get("cells", []):
            if cell.get("cell_type") != "code":
                continue
            source = "".join(cell.get("source", []))
            for m in re.finditer(r"^\s*(?:import|from)\s+([A-Za-z_][\w.]*)", source, re.M):
                top = m.group(1).split(".")[0]
                if top != "dalian_reports" and top not in sys.stdlib_module_names:
                    found.add(top)
    libs = list(FLOOR_LIBS) + sorted(m for m in found if m not in FLOOR_LIBS)
    return [m for m in libs if importlib.util.find_spec(m.split(".")[0]) is not None]


def worker_notebooks(mode: str, libs: str) -> dict:
    """Execute a temp copy of every notebook ('measured'), or as many one-cell import-only notebooks ('floor')."""
    import logging

    import nbformat
    from nbclient import NotebookClient

    logging.getLogger("traitlets").setLevel(logging.ERROR)
    paths = notebook_paths()
    times = {}
    with tempfile.TemporaryDirectory(prefix="bench-notebooks-") as tmp:
        copy = Path(tmp) / "notebooks"
        copy.mkdir()
        for path in paths:
            shutil.copy2(path, copy / path.name)
        for path in paths:
            started = time.perf_counter()
            if mode == "measured":
                nb = nbformat.read(copy / path.name, as_version=4)
            else:
                nb = nbformat.v4.new_notebook()
                nb.cells = [nbformat.v4.new_code_cell("import " + ", ".join(libs.split(",")))]
            NotebookClient(nb, timeout=900, kernel_name="python3",
                           resources={"metadata": {"path": str(copy)}}).execute()
            if mode == "measured":   # executed copy stays in the temp directory; the committed notebooks are untouched
                nbformat.write(nb, copy / path.name)
            times[path.name] = round(time.perf_counter() - started, 3)
    return {"mode": mode, "notebooks": times}


def bench_notebooks(repeats: int) -> dict:
    paths = notebook_paths()
    if not paths:
        log("notebooks: none found (notebooks/[0-9]*.ipynb); skipped")
        return {"name": "notebooks", "skipped": "no notebooks/[0-9]*.ipynb yet", "goal": 1.5}
    libs = notebook_imports(paths)
    log(f"notebooks: {len(paths)} notebooks vs {len(paths)} kernels importing {', '.join(libs)}")
    per_nb: dict[str, list[float]] = {p.name: [] for p in paths}
    per_floor: list[float] = []

    def measured():
        seconds, out = worker("notebooks", "measured", ",".join(libs))
        for name, t in out["notebooks"].items():
            per_nb[name].append(t)
        return seconds

    def floor():
        seconds, out = worker("notebooks", "floor", ",".join(libs))
        per_floor.extend(out["notebooks"].values())
        return seconds

    result = compare("notebooks", measured, floor, repeats, 1.5)
    result["notebooks"] = [p.name for p in paths]
    result["floor_imports"] = libs
    result["per_notebook_median_s"] = {k: round(statistics.median(v), 3) for k, v in per_nb.items()}
    result["floor_per_kernel_median_s"] = round(statistics.median(per_floor), 3)
    return result


# ============================================================================ scale: corpus

_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def templates() -> list[tuple[str, str, int, list[str]]]:
    """(report_id, lang, report_year, paragraphs) of every report whose headlines are read."""
    import dalian_reports as dr
    from dalian_reports.tables.headline import headline_reports

    return [(r.report_id, r.lang, r.report_year, dr.report_text(r.report_id).text.split("\n"))
            for r in headline_reports()]


def synthetic_report(i: int, tpl: list, seed: int = SEED) -> tuple[str, str, int]:
    """Report ``i`` of the synthetic corpus: (text, lang, report_year). Deterministic in (seed, i)."""
    rng = random.Random(f"{seed}:{i}")
    _rid, lang, year, paragraphs = tpl[i % len(tpl)]
    paragraphs = list(paragraphs)
    rng.shuffle(paragraphs)

    def vary(paragraph: str) -> str:
        factor = rng.uniform(0.7, 1.3)

        def one(m: re.Match) -> str:
            text = m.group(0)
            if re.fullmatch(r"(?:19|20)\d\d", text):      # a year: keep
                return text
            # at least one decimal: rounding 6.5%-7% x 0.78 to the written precision would give an inverted 5.1%-5%
            decimals = max(1, len(text.partition(".")[2]))
            return f"{float(text) * factor:.{decimals}f}"
        return _NUMBER.sub(one, paragraph)

    return "\n".join(vary(p) for p in paragraphs), lang, year


def _rss_mib() -> tuple[float, float]:
    """(current RSS, peak RSS) of this process in MiB."""
    current = peak = 0.0
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                current = int(line.split()[1]) / 1024
            elif line.startswith("VmHWM:"):
                peak = int(line.split()[1]) / 1024
    except OSError:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return round(current, 1), round(peak, 1)


def _extract_one(args) -> tuple[int, int]:
    """Pool task: generate report i and extract its headline figures; (rows, 1 if ParseError)."""
    from dalian_reports.errors import ParseError
    from dalian_reports.extract.headline import extract_headline

    i = args
    text, lang, year = synthetic_report(i, _TPL)
    try:
        return len(extract_headline(text, lang, year)), 0
    except ParseError:
        return 0, 1


_TPL: list = []


def _init_pool() -> None:
    global _TPL
    _TPL = templates()


def worker_scale(n: str, budget: str, checkpoint: str) -> dict:
    """Extract headline figures from synthetic reports 0..n-1, serially, stopping at the time budget."""
    from dalian_reports.errors import ParseError
    from dalian_reports.extract.headline import extract_headline

    n, budget, every = int(n), float(budget), int(checkpoint)
    t_setup = time.perf_counter()
    tpl = templates()
    synthetic_report(0, tpl)
    extract_headline(*synthetic_report(0, tpl))   # warm: regexes compiled, pandas imported
    setup_s = time.perf_counter() - t_setup
    rss_setup = _rss_mib()
    rows = errors = chars = 0
    gen_s = 0.0
    points = []
    started = time.perf_counter()
    done = 0
    for i in range(n):
        t = time.perf_counter()
        text, lang, year = synthetic_report(i, tpl)
        gen_s += time.perf_counter() - t
        chars += len(text)
        try:
            rows += len(extract_headline(text, lang, year))
        except ParseError:
            errors += 1
        done = i + 1
        if done % every == 0 or done == n:
            elapsed = time.perf_counter() - started
            points.append({"reports": done, "elapsed_s": round(elapsed, 3), "rss_mib": _rss_mib()[0],
                           "peak_rss_mib": _rss_mib()[1]})
            if elapsed > budget and done < n:
                break
    total = time.perf_counter() - started
    return {"requested": n, "completed": done, "stopped_by_budget": done < n, "budget_s": budget,
            "setup_s": round(setup_s, 3), "total_s": round(total, 3), "generation_s": round(gen_s, 3),
            "extraction_s": round(total - gen_s, 3), "per_report_ms": round(1000 * total / done, 3),
            "extraction_per_report_ms": round(1000 * (total - gen_s) / done, 3),
            "rows": rows, "parse_errors": errors, "mean_chars": round(chars / done),
            "rss_after_setup_mib": rss_setup[0], "peak_rss_mib": _rss_mib()[1], "checkpoints": points}


def worker_scale_pool(n: str, processes: str) -> dict:
    import multiprocessing as mp

    n, processes = int(n), int(processes)
    started = time.perf_counter()
    with mp.get_context("fork").Pool(processes, initializer=_init_pool) as pool:
        results = pool.map(_extract_one, range(n), chunksize=25)
    total = time.perf_counter() - started
    return {"reports": n, "processes": processes, "total_s": round(total, 3),
            "per_report_ms": round(1000 * total / n, 3), "rows": sum(r for r, _ in results),
            "parse_errors": sum(e for _, e in results), "parent_peak_rss_mib": _rss_mib()[1]}


def worker_memory_per_report(n: str) -> dict:
    """tracemalloc peak of one extract_headline call, for the first n synthetic reports."""
    import tracemalloc

    from dalian_reports.errors import ParseError
    from dalian_reports.extract.headline import extract_headline

    tpl = templates()
    extract_headline(*synthetic_report(0, tpl))
    peaks = []
    for i in range(int(n)):
        text, lang, year = synthetic_report(i, tpl)
        tracemalloc.start()
        try:
            extract_headline(text, lang, year)
        except ParseError:
            pass
        peaks.append(tracemalloc.get_traced_memory()[1] / 1024 ** 2)
        tracemalloc.stop()
    return {"reports": int(n), "peak_mib_median": round(statistics.median(peaks), 2),
            "peak_mib_max": round(max(peaks), 2)}


def worker_load_clean() -> dict:
    """Per-report cost of what the synthetic corpus skips: read + verify the raw files, clean each report's text."""
    import dalian_reports as dr
    from dalian_reports.sources.raw import clear_caches, read_source, source_ids
    from dalian_reports.tables.headline import headline_reports

    reports = headline_reports()      # splitting the compilation and identifying reports: not per-report work
    clear_caches()                    # forget the files that read, so they are read and verified again below
    started = time.perf_counter()
    for sid in source_ids():
        read_source(sid)
    read_s = time.perf_counter() - started
    started = time.perf_counter()
    for r in reports:
        dr.report_text(r.report_id)
    clean_s = time.perf_counter() - started
    return {"files": len(source_ids()), "reports": len(reports), "read_verify_s": round(read_s, 4),
            "clean_s": round(clean_s, 4), "per_report_ms": round(1000 * (read_s + clean_s) / len(reports), 2)}


def _linear_fit(points: list[dict]) -> dict:
    xs = [p["reports"] for p in points]
    ys = [p["elapsed_s"] for p in points]
    if len(xs) < 3:
        return {}
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx
    intercept = my - slope * mx
    ss_res = sum((y - (intercept + slope * x)) ** 2 for x, y in zip(xs, ys))
    ss_tot = sum((y - my) ** 2 for y in ys)
    return {"slope_ms_per_report": round(1000 * slope, 3), "intercept_s": round(intercept, 3),
            "r_squared": round(1 - ss_res / ss_tot, 5) if ss_tot else None}


def bench_scale(sizes: tuple[int, int], budget: float, pool_processes: int, tracemalloc_n: int) -> dict:
    small, large = sizes
    log(f"scale: extract_headline on {small:,} and {large:,} synthetic reports (budget {budget:.0f}s for {large:,})")
    _, s = worker("scale", str(small), "1e9", str(max(1, small // 10)))
    log(f"  {small:,}: {s['total_s']:.1f}s, {s['per_report_ms']:.1f} ms/report, peak RSS {s['peak_rss_mib']} MiB")
    _, l_ = worker("scale", str(large), str(budget), str(max(1, large // 20)))
    log(f"  {large:,}: {l_['completed']:,} done in {l_['total_s']:.1f}s, {l_['per_report_ms']:.1f} ms/report, "
        f"peak RSS {l_['peak_rss_mib']} MiB" + (" (stopped by the time budget)" if l_["stopped_by_budget"] else ""))
    _, pool = worker("scale_pool", str(small), str(pool_processes))
    log(f"  Pool({pool_processes}) on {small:,}: {pool['total_s']:.1f}s")
    _, mem = worker("memory_per_report", str(tracemalloc_n))
    _, load = worker("load_clean")
    fit = _linear_fit(l_["checkpoints"])
    per_report_s = l_["per_report_ms"] / 1000
    speedup = s["total_s"] / pool["total_s"]
    return {
        "corpus": "each synthetic report = one real report's cleaned paragraphs shuffled, non-year numbers scaled by a "
                  "per-paragraph factor in [0.7, 1.3] and written with at least one decimal (seeded RNG, seed %d); generated lazily" % SEED,
        "api": "dalian_reports.extract.headline.extract_headline(text, lang, report_year) per report",
        "small": s, "large": l_, "pool": pool, "tracemalloc_one_report": mem, "linear_fit_large": fit,
        "read_and_clean_real_corpus": load,
        "per_report_ratio_large_vs_small": round(l_["per_report_ms"] / s["per_report_ms"], 3),
        "peak_rss_growth_mib": round(l_["peak_rss_mib"] - s["peak_rss_mib"], 1),
        "pool_speedup": round(speedup, 2),
        "extrapolation": {
            "reports": PREFECTURE_REPORTS,
            "serial_minutes": round(PREFECTURE_REPORTS * per_report_s / 60, 1),
            "serial_minutes_with_read_and_clean": round(
                PREFECTURE_REPORTS * (per_report_s + load["per_report_ms"] / 1000) / 60, 1),
            f"pool_{pool_processes}_minutes": round(PREFECTURE_REPORTS * per_report_s / speedup / 60, 1),
            "per_core_minutes_on_8_cores": round(PREFECTURE_REPORTS * per_report_s / 8 / 60, 1),
        },
    }


# ============================================================================ report writing

def _fmt_ratio(r: dict) -> str:
    if r.get("skipped"):
        return "skipped"
    return f"{r['ratio']:.2f}x"


def write_results(results: dict) -> None:
    (HERE / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (HERE / "RESULTS.md").write_text(results_markdown(results), encoding="utf-8")
    (HERE / "README_SECTION.md").write_text(readme_section(results), encoding="utf-8")


def _machine_line(m: dict) -> str:
    load = m.get("load_average_start")
    load_txt = f", load average {load[0]:.1f} at start" if load else ""
    return (f"{m['cpu_model']}, {m['cores']} cores, {m['memory_gib']} GiB, Python {m['python']} "
            f"({m['platform']}), {m['date']}, commit {m['git_commit']}{' (dirty)' if m['git_dirty'] else ''}{load_txt}")


def ratio_rows(res: dict) -> list[tuple[str, str, dict]]:
    """(benchmark key, label, result) for every ratio measured, cold variants after their default."""
    rows = []
    for key in ("import", "build", "notebooks"):
        r = res.get(key)
        if not r:
            continue
        rows.append((key, key, r))
        if r.get("cold"):
            rows.append((key, f"{key} (cold)", r["cold"]))
    return rows


def results_markdown(res: dict) -> str:
    m = res["machine"]
    lines = ["# Benchmark results", "",
             f"Machine: {_machine_line(m)}.", "",
             f"`make bench` ({res['command']}), {res['total_minutes']:.1f} minutes. Ratios are median(measured) / "
             "median(floor), both measured in the same run in fresh subprocesses, alternating; N = repeats of each.", "",
             "| benchmark | measured | floor | N | measured median | floor median | ratio | goal | |",
             "|---|---|---|---|---|---|---|---|---|"]
    desc = {"import": ("`import dalian_reports` + first `headline_figures()`", "`import pandas`"),
            "build": ("full `build()`: tables, figures, workbook", "import pandas, matplotlib, seaborn, openpyxl"),
            "notebooks": ("execute all notebooks (temp copy)", "same number of kernels importing the same libraries")}
    for key, label, r in ratio_rows(res):
        d = desc[key]
        if key != label:
            d = (d[0] + ", table cache off (cold)", d[1])
        if r.get("skipped"):
            lines.append(f"| {label} | {d[0]} | {d[1]} | – | – | – | skipped | ≤ {r['goal']}x | {r['skipped']} |")
            continue
        lines.append(f"| {label} | {d[0]} | {d[1]} | {r['repeats']} | {r['measured_median_s']:.2f} s "
                     f"| {r['floor_median_s']:.2f} s | **{r['ratio']:.2f}x** | ≤ {r['goal']}x | "
                     f"{'met' if r['passed'] else '**missed**'} |")
    lines += ["", "The package keeps expensive tables in a disk cache keyed by a fingerprint of every input "
              "(`dalian_reports/tables/cache.py`). The first rows of each pair are the default settings with that cache "
              "filled by one untimed run (a temporary cache directory, so the repository's `.cache/` is untouched); "
              "the *cold* rows set `DALIAN_REPORTS_CACHE=off`, i.e. a first run on a fresh checkout."]
    sc = res.get("scale")
    if sc:
        s, l_, p, mem, ex = sc["small"], sc["large"], sc["pool"], sc["tracemalloc_one_report"], sc["extrapolation"]
        fit = sc["linear_fit_large"]
        pool_minutes = ex[f"pool_{p['processes']}_minutes"]
        lines += ["", "## Scale", "",
                  f"Corpus: {sc['corpus']}. API: {sc['api']}. Mean report length {l_['mean_chars']:,} characters.", "",
                  "| reports | completed | wall time | per report | of which extraction | rows | ParseErrors | RSS after setup | peak RSS |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for run in (s, l_):
            lines.append(f"| {run['requested']:,} | {run['completed']:,}{' (time budget)' if run['stopped_by_budget'] else ''} "
                         f"| {run['total_s']:.1f} s | {run['per_report_ms']:.1f} ms | {run['extraction_per_report_ms']:.1f} ms "
                         f"| {run['rows']:,} | {run['parse_errors']} | {run['rss_after_setup_mib']} MiB | {run['peak_rss_mib']} MiB |")
        lines += ["",
                  f"* **Time is linear in the number of reports**: per-report time at {l_['completed']:,} reports is "
                  f"{sc['per_report_ratio_large_vs_small']:.2f}x the per-report time at {s['completed']:,}; a straight "
                  f"line through the {len(l_['checkpoints'])} checkpoints of the large run has slope "
                  f"{fit.get('slope_ms_per_report', float('nan')):.1f} ms/report and R² = {fit.get('r_squared')}.",
                  f"* **Memory is flat per report**: peak RSS grows by {sc['peak_rss_growth_mib']:+.1f} MiB from "
                  f"{s['completed']:,} to {l_['completed']:,} reports (reports are generated, extracted and dropped one at a "
                  f"time; only counts are kept). One `extract_headline` call allocates at most "
                  f"{mem['peak_mib_max']:.1f} MiB (tracemalloc peak, median {mem['peak_mib_median']:.1f} MiB, "
                  f"{mem['reports']} reports).",
                  f"* `multiprocessing.Pool({p['processes']})` on the {p['reports']:,} corpus: {p['total_s']:.1f} s "
                  f"(worker start-up included) vs {s['total_s']:.1f} s serial = {sc['pool_speedup']:.2f}x speed-up on "
                  f"{m['cores']} cores.",
                  f"* **Extrapolation to ~{ex['reports']:,} reports** (every prefecture-level city, twenty years) at "
                  f"{l_['per_report_ms']:.1f} ms per report of this length: {ex['serial_minutes']:.1f} min serial, "
                  f"{pool_minutes:.1f} min with a {p['processes']}-process pool here, about "
                  f"{ex['per_core_minutes_on_8_cores']:.1f} min on 8 cores." + (
                      f" Reading, verifying and cleaning a file adds {sc['read_and_clean_real_corpus']['per_report_ms']:.1f} "
                      f"ms per report (measured on the real corpus): {ex['serial_minutes_with_read_and_clean']:.1f} min "
                      "serial in all." if "read_and_clean_real_corpus" in sc else ""),
                  ""]
    lines += ["## The per-document design and parallel engines", "",
              "Every report is extracted independently: `extract_headline(text, lang, report_year)` needs only its own "
              "text and year, shares no state, and returns its own rows with offsets into that text. So the corpus "
              "maps directly onto `multiprocessing.Pool.imap` or a Dask bag, one task per document, and the results "
              "are concatenated:", "",
              "```python",
              "from multiprocessing import Pool",
              "import pandas as pd",
              "from dalian_reports.extract.headline import extract_headline",
              "",
              "def one(doc):                      # doc = (report_id, text, lang, report_year)",
              "    report_id, text, lang, year = doc",
              "    return extract_headline(text, lang, year).assign(report_id=report_id)",
              "",
              "with Pool() as pool:               # one process per core",
              "    rows = pd.concat(pool.imap(one, docs, chunksize=20), ignore_index=True)",
              "",
              "import dask.bag as db               # the same on a cluster",
              "rows = pd.concat(db.from_sequence(docs, npartitions=64).map(one).compute())",
              "```", "",
              "Pass file paths rather than texts when the corpus is large, so each worker reads its own file; a "
              "`ParseError` from one report should be caught in `one()` and recorded, not allowed to stop the map.", ""]
    missed = [res[k] for k in ("import", "build", "notebooks") if res.get(k) and not res[k].get("skipped")
              and (not res[k]["passed"] or (res[k].get("cold") and not res[k]["cold"]["passed"]))]
    if missed:
        lines += ["## Goals missed, and where the time goes", ""]
    for r in missed:
        title = f"### {r['name']}: {r['ratio']:.2f}x"
        if r.get("cold"):
            title += f" with the table cache warm, {r['cold']['ratio']:.2f}x cold"
        lines += [title + f" (goal ≤ {r['goal']}x)", ""]
        if r.get("profile", {}).get("variant"):
            lines += [f"Profile: {r['profile']['variant']}.", ""]
        prof = r.get("profile") or {}
        if r["name"] == "import":
            lines += [f"In one process: `import pandas` {prof['import_pandas_in_process_s']:.2f} s, then "
                      f"`import dalian_reports` + `headline_figures()` {prof['package_import_and_headline_figures_after_pandas_s']:.2f} s more.",
                      "", "Slowest imports (`-X importtime`, self time):", "",
                      "| module | self ms | cumulative ms |", "|---|---|---|"]
            lines += [f"| {x['module']} | {x['self_ms']:.0f} | {x['cumulative_ms']:.0f} |" for x in prof["importtime_top_self"][:10]]
            lines += ["", "cProfile of the package's part (cumulative):", "", "| function | calls | cumulative s |", "|---|---|---|"]
            lines += [f"| `{x['function']}` | {x['calls']} | {x['cumtime_s']:.3f} |"
                      for x in prof["cprofile_top_cumulative_dalian_reports"][:12]]
            cold_r = r.get("cold") or r
            lines += ["", f"What could make it pass (cold): the budget over `import pandas` is {0.3 * cold_r['floor_median_s']:.2f} s and the "
                      f"package takes {cold_r['measured_median_s'] - cold_r['floor_median_s']:.2f} s. Importing cn2an costs "
                      f"{prof['cn2an_import_ms']:.0f} ms (it is needed only for the few Chinese numerals of the year evidence, "
                      "十五届 / 二〇一二, which a small lookup could read, keeping cn2an as the fallback); compiling the "
                      f"package's own modules (mostly regexes) {prof['dalian_reports_modules_self_ms']:.0f} ms; the rest is "
                      "reading, verifying and cleaning the sources and extracting seven reports, which could be served from "
                      "the committed `data/processed/headline_figures.csv` when the raw checksums match."]
        elif r["name"] == "build":
            lines += ["Stages of one build in one process:", "", "| stage | s |", "|---|---|"]
            lines += [f"| {k} | {v:.2f} |" for k, v in prof["stages_s"].items()]
            lines += ["", "Figures (en + zh, png + svg): " + ", ".join(f"{k} {v:.2f}s" for k, v in prof["figures_s"].items()),
                      "", "Tables: " + ", ".join(f"{k} {v:.2f}s" for k, v in prof["tables_s"].items()),
                      "", "cProfile, top own time:", "", "| function | calls | own s | cumulative s |", "|---|---|---|---|"]
            lines += [f"| `{x['function']}` | {x['calls']} | {x['tottime_s']:.3f} | {x['cumtime_s']:.3f} |"
                      for x in prof["cprofile_top_tottime"][:12]]
            st_ = prof["stages_s"]
            fig_s = st_.get("figures (render + save png/svg, en/zh)", 0.0)
            lines += ["", f"What could make it pass: the goal allows {3 * r['floor_median_s']:.1f} s; rendering "
                      f"{len(prof['figures_s'])} figures in two languages and two formats takes {fig_s:.1f} s of the "
                      f"{sum(st_.values()):.1f} s above (in-process, under cProfile). A cold build cannot meet the goal "
                      "while it re-renders every figure; a content-addressed figure cache (key: the figure's input table "
                      "bytes, the style and the matplotlib version) would skip unchanged figures, and rendering in a "
                      "process pool would use both cores."]
        elif r["name"] == "notebooks":
            lines += [f"Per notebook (median): " + ", ".join(f"{k} {v:.2f}s" for k, v in r["per_notebook_median_s"].items())
                      + f"; a kernel that only imports {', '.join(r['floor_imports'])}: {r['floor_per_kernel_median_s']:.2f}s.",
                      "", "What could make it pass: each notebook's kernel rebuilds the tables it shows from the raw sources "
                      "(reports, year evidence, extraction) before plotting; loading the committed `data/processed` tables "
                      "(`dr.load_table` reading the CSV when in sync) would leave mostly the plotting."]
        lines.append("")
    lines += ["Raw numbers: `benchmarks/results.json`.", ""]
    return "\n".join(lines)


def readme_section(res: dict) -> str:
    m = res["machine"]
    parts = []
    for key, label in (("import", "import + first `headline_figures()`"), ("build", "full build"),
                       ("notebooks", "executing the notebooks")):
        r = res[key]
        verdict = "" if r.get("skipped") else (": met" if r["passed"] else ": missed")
        if r.get("cold"):
            cold_verdict = ": met" if r["cold"]["passed"] else ": missed"
            parts.append(f"{label} {_fmt_ratio(r)} with the table cache warm{verdict}, {r['cold']['ratio']:.2f}x "
                         f"with it off{cold_verdict} (goal ≤ {r['goal']}x)")
        else:
            parts.append(f"{label} {_fmt_ratio(r)} (goal ≤ {r['goal']}x{verdict})")
    text = ["## Speed and scale", "",
            f"`make bench` measures each cost as a ratio to a floor timed in the same run (median of several fresh "
            f"subprocesses): {'; '.join(parts)}. Latest run: {m['cpu_model']}, {m['cores']} cores, Python {m['python']}, "
            f"{m['date'][:10]}; details and profiles in `benchmarks/RESULTS.md`."]
    sc = res.get("scale")
    if sc:
        l_, ex, p = sc["large"], sc["extrapolation"], sc["pool"]
        text += ["",
                 f"Extraction is linear in the number of reports and flat in memory: {l_['completed']:,} synthetic reports "
                 f"(real reports with shuffled paragraphs and varied numbers) take {l_['per_report_ms']:.0f} ms each, "
                 f"with peak memory {sc['small']['peak_rss_mib']:.0f} MiB for {sc['small']['completed']:,} reports and "
                 f"{l_['peak_rss_mib']:.0f} MiB for {l_['completed']:,}. "
                 f"About 6,000 reports — every prefecture-level city for twenty years — would take about "
                 f"{ex['serial_minutes']:.0f} minutes on one core"
                 + (f" ({ex['serial_minutes_with_read_and_clean']:.0f} with reading and cleaning the files). "
                    if "serial_minutes_with_read_and_clean" in ex else ". ")
                 + "Each report is extracted independently "
                 f"(`extract_headline(text, lang, report_year)` uses nothing but its arguments), so the corpus maps onto "
                 f"`multiprocessing.Pool.imap` or a Dask bag one document per task; a {p['processes']}-process pool ran "
                 f"{sc['pool_speedup']:.1f}x faster here."]
    return "\n".join(text) + "\n"


# ==================================================================================== main

WORKERS = {
    "profile_import": worker_profile_import, "profile_build": worker_profile_build, "notebooks": worker_notebooks,
    "scale": worker_scale, "scale_pool": worker_scale_pool, "memory_per_report": worker_memory_per_report,
    "load_clean": worker_load_clean,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--quick", action="store_true", help="smoke run: few repeats, small corpora")
    parser.add_argument("--repeats-import", type=int, default=9)
    parser.add_argument("--repeats-build", type=int, default=5)
    parser.add_argument("--repeats-build-cold", type=int, default=3)
    parser.add_argument("--repeats-notebooks", type=int, default=3)
    parser.add_argument("--scale", type=int, nargs=2, default=(1000, 10000), metavar=("SMALL", "LARGE"))
    parser.add_argument("--scale-budget", type=float, default=300.0,
                        help="seconds after which the LARGE scale run stops (and says so)")
    parser.add_argument("--rewrite", action="store_true",
                        help="only rewrite RESULTS.md and README_SECTION.md from the existing results.json")
    parser.add_argument("--only", nargs="+", choices=["import", "build", "notebooks", "scale"],
                        help="run only these (the other entries of results.json are kept from the last run)")
    args = parser.parse_args(argv)
    if args.worker:
        name, *rest = args.worker
        print(json.dumps(WORKERS[name](*rest)))
        return 0
    if args.rewrite:
        write_results(json.loads((HERE / "results.json").read_text(encoding="utf-8")))
        return 0
    if args.quick:
        args.repeats_import, args.repeats_build, args.repeats_build_cold, args.repeats_notebooks = 3, 1, 1, 1
        args.scale, args.scale_budget = (200, 1000), 30.0

    started = time.perf_counter()
    cache_tmp = tempfile.mkdtemp(prefix="bench-table-cache-")
    BENCH_ENV["DALIAN_REPORTS_CACHE_DIR"] = cache_tmp
    try:
        return _run(args, argv, started)
    finally:
        shutil.rmtree(cache_tmp, ignore_errors=True)


def _run(args, argv, started) -> int:
    previous = {}
    if args.only and (HERE / "results.json").exists():
        previous = json.loads((HERE / "results.json").read_text(encoding="utf-8"))
    results = {**previous, "machine": machine_info(),
               "command": " ".join([".venv/bin/python", "benchmarks/run.py", *(argv if argv is not None else sys.argv[1:])])}
    wanted = set(args.only or ["import", "build", "notebooks", "scale"])
    if "import" in wanted:
        results["import"] = bench_import(args.repeats_import)
    if "build" in wanted:
        results["build"] = bench_build(args.repeats_build, args.repeats_build_cold)
    if "notebooks" in wanted:
        results["notebooks"] = bench_notebooks(args.repeats_notebooks)
    if "scale" in wanted:
        results["scale"] = bench_scale(tuple(args.scale), args.scale_budget, 2, 20)
    results["machine"]["load_average_end"] = list(os.getloadavg()) if hasattr(os, "getloadavg") else None
    results["total_minutes"] = round((time.perf_counter() - started) / 60, 2)
    write_results(results)

    print(f"\n{'benchmark':<16} {'N':>3} {'measured':>10} {'floor':>8} {'ratio':>7} {'goal':>6}")
    for _key, label, r in ratio_rows(results):
        if r.get("skipped"):
            print(f"{label:<16} {'-':>3} {'-':>10} {'-':>8} {'skip':>7} {r['goal']:>5}x  {r['skipped']}")
            continue
        print(f"{label:<16} {r['repeats']:>3} {r['measured_median_s']:>9.2f}s {r['floor_median_s']:>7.2f}s "
              f"{r['ratio']:>6.2f}x {r['goal']:>5}x  {'met' if r['passed'] else 'MISSED'}")
    sc = results.get("scale")
    if sc:
        for run in (sc["small"], sc["large"]):
            print(f"scale {run['requested']:>6,}: {run['completed']:,} reports in {run['total_s']:.1f}s = "
                  f"{run['per_report_ms']:.1f} ms/report, peak RSS {run['peak_rss_mib']} MiB"
                  + ("  (stopped by the time budget)" if run["stopped_by_budget"] else ""))
        print(f"Pool({sc['pool']['processes']}) speed-up {sc['pool_speedup']}x; ~{PREFECTURE_REPORTS:,} reports: "
              f"{sc['extrapolation']['serial_minutes']} min serial")
    print(f"\nwrote {HERE / 'results.json'}, RESULTS.md, README_SECTION.md ({results['total_minutes']:.1f} min)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
