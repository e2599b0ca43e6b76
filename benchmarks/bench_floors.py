"""Costs measured against a floor timed in the same run: the first table, the build, a rebuild, the notebooks.

==============  ==================================================================  ============================  =====
check           measured (a fresh subprocess each time)                             floor (the same)              goal
==============  ==================================================================  ============================  =====
first table     ``import dalian_reports as dr; dr.load_table("headline_figures")``  ``import pandas``             1.1x
named loader    ``import dalian_reports as dr; dr.headline_figures()``              ``import pandas``             1.1x
build           ``pipeline.build.build(out_dir=tmp, figure_dir=tmp,                 ``import pandas, matplotlib,  3x
                exports_dir=tmp)``: tables, figures, workbook                       seaborn, openpyxl``
rebuild         one figure's title changed in ``plots/labels.csv`` of a copy of     the same                      1.5x
                the checkout, then ``build()`` there over its previous outputs
notebooks       execute every ``notebooks/[0-9]*.ipynb`` (temporary copies)         as many kernels that only     1.5x
                                                                                    import the same libraries
==============  ==================================================================  ============================  =====
"""
from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench_common import PY, REPO, log, profile_to_rows, python_c, ratio_check, rounds, run_process, worker

FIRST_TABLE = 'import dalian_reports as dr; dr.load_table("headline_figures")'
NAMED_LOADER = "import dalian_reports as dr; dr.headline_figures()"
PANDAS = "import pandas"
BUILD_FLOOR_LIBS = ["pandas", "matplotlib", "seaborn", "openpyxl"]
BUILD_FLOOR = "import " + ", ".join(BUILD_FLOOR_LIBS)
BUILD = ("import pathlib, shutil, tempfile; from dalian_reports.pipeline.build import build; "
         "d = pathlib.Path(tempfile.mkdtemp(prefix='bench-build-')); "
         "build(out_dir=d / 'processed', figure_dir=d / 'figures', exports_dir=d / 'exports', quiet=True); "
         "shutil.rmtree(d)")
# Runs in a copy of the checkout (argv[1]); refuses to run if the package is not imported from the copy.
REBUILD = ("import json, pathlib, sys; root = pathlib.Path(sys.argv[1]); import dalian_reports; "
           "assert pathlib.Path(dalian_reports.__file__).is_relative_to(root), dalian_reports.__file__; "
           "from dalian_reports.pipeline.build import build; "
           "w = build(out_dir=root / 'data' / 'processed', figure_dir=root / 'figures', "
           "exports_dir=root / 'data' / 'exports', quiet=True); print(json.dumps({'written': len(w)}))")


# ============================================================================== the first table

def bench_first_table(repeats: int) -> dict:
    """``load_table`` and a named loader against ``import pandas``, each in fresh subprocesses."""
    log(f"first table: load_table / headline_figures() vs import pandas, {repeats} rounds")
    for code in (FIRST_TABLE, NAMED_LOADER, PANDAS):   # untimed: bytecode compiled into the cache
        python_c(code)
    times = rounds({"load_table": lambda: python_c(FIRST_TABLE), "named": lambda: python_c(NAMED_LOADER),
                    "pandas": lambda: python_c(PANDAS)}, repeats, "first table")
    checks = [ratio_check("first_table", "first table: `load_table`", times["load_table"], times["pandas"], 1.1,
                          measured_what=f"`{FIRST_TABLE}`", floor_what=f"`{PANDAS}`"),
              ratio_check("first_table_named", "first table: named loader", times["named"], times["pandas"], 1.1,
                          measured_what=f"`{NAMED_LOADER}`", floor_what=f"`{PANDAS}`")]
    bare = [python_c("pass") for _ in range(5)]
    imports = sorted(importtime_package(), key=lambda r: -r["self_ms"])
    return {"checks": checks, "interpreter_start_s": round(statistics.median(bare), 3),
            "profile": worker("profile_first_table")[1], "importtime_after_pandas": imports[:12],
            "importtime_after_pandas_total_ms": round(sum(r["self_ms"] for r in imports), 1)}


def worker_profile_first_table() -> dict:
    """Where the first table's time goes, in one process: pandas, the package, the catalogue, the read."""
    import cProfile

    steps = {}
    started = time.perf_counter()
    import pandas  # noqa: F401  (the floor)
    steps["import pandas (the floor)"] = time.perf_counter() - started
    t = time.perf_counter()
    import dalian_reports as dr
    from dalian_reports import _load
    steps["import dalian_reports and its loader"] = time.perf_counter() - t
    t = time.perf_counter()
    _load._datapackage()
    steps["read datapackage.json (metadata of every table)"] = time.perf_counter() - t
    t = time.perf_counter()
    dr.load_table("headline_figures")
    steps["load_table('headline_figures'), the first table"] = time.perf_counter() - t
    t = time.perf_counter()
    dr.headline_figures()
    steps["headline_figures(), the same table again"] = time.perf_counter() - t
    profile = cProfile.Profile()
    profile.enable()
    dr.load_table("headline_figures")
    profile.disable()
    heavy = [m for m in ("matplotlib", "seaborn", "openpyxl", "cn2an", "pandera", "yaml") if m in sys.modules]
    return {"steps_s": {k: round(v, 4) for k, v in steps.items()}, "heavy_modules_loaded": heavy,
            **profile_to_rows(profile, 10)}


def importtime_package(code: str = FIRST_TABLE) -> list[dict]:
    """``python -X importtime``: every module imported after pandas (the package's own import cost)."""
    import subprocess

    from bench_common import ENV

    done = subprocess.run([PY, "-X", "importtime", "-c", "import pandas; " + code], capture_output=True,
                          text=True, cwd=REPO, env=ENV)
    rows, after = [], False
    for line in done.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if not m:
            continue
        if after:
            rows.append({"module": m.group(4), "self_ms": int(m.group(1)) / 1000,
                         "cumulative_ms": int(m.group(2)) / 1000})
        after = after or (m.group(4) == "pandas" and not m.group(3).strip(" "))
    return rows


# ============================================================================== build and rebuild

def _copy_checkout(dest: Path) -> Path:
    """A copy of the working tree (no .venv, .git, caches or built figures) for builds that touch inputs."""
    skip = {".venv", ".git", "__pycache__", ".cache", ".hypothesis", ".pytest_cache", ".benchmarks"}

    def ignore(folder: str, names: list[str]) -> set[str]:
        out = {n for n in names if n in skip or n.startswith(".tmp-")}
        if Path(folder) == REPO / "figures":
            out |= {n for n in names if n.endswith((".png", ".svg"))}
        return out

    root = dest / "main"
    shutil.copytree(REPO, root, ignore=ignore, symlinks=True)
    if (REPO.parent / "shared").is_dir():   # the corpus beside the checkout, where the pipeline looks for it
        (dest / "shared").symlink_to(REPO.parent / "shared")
    return root


def figure_names(root: Path) -> list[str]:
    """The figures the build draws, as the copy's own package lists them."""
    code = "import json; from dalian_reports.plots import FIGURES; print(json.dumps(list(FIGURES)))"
    out = run_process([PY, "-c", code], cwd=root, env={"PYTHONPATH": str(root)})[1]
    return json.loads(out.strip().splitlines()[-1])


def touch_figure_label(root: Path, figures: list[str], round_no: int) -> str:
    """Change the title of one figure (the first ``<figure>_title`` row of plots/labels.csv) in the copy;
    returns the key changed."""
    path = root / "dalian_reports" / "plots" / "labels.csv"
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    row = next((r for name in figures for r in rows if r and r[0] == f"{name}_title"), None)
    if row is None:
        raise RuntimeError(f"no title row of the figures {figures} in {path}")
    row[1:] = [re.sub(r" \[r\d+\]$", "", text) + f" [r{round_no}]" for text in row[1:]]
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    return row[0]


def _svg_hashes(root: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted((root / "figures").glob("*.svg"))}


def bench_build(repeats: int) -> dict:
    """Full build into a temporary folder, and a rebuild after one figure's title changed, vs the import floor."""
    log(f"build: full build, rebuild after one figure's title changed, vs `{BUILD_FLOOR}`, {repeats} rounds")
    with tempfile.TemporaryDirectory(prefix="bench-checkout-") as tmp:
        root = _copy_checkout(Path(tmp))
        env = {"PYTHONPATH": str(root)}
        warm = {"build": python_c(BUILD), "floor": python_c(BUILD_FLOOR),
                "build_in_copy": run_process([PY, "-c", REBUILD, str(root)], cwd=root, env=env)[0]}
        log("  warm-up (untimed): " + ", ".join(f"{k} {v:.1f}s" for k, v in warm.items()))
        state = {"round": 0, "rebuilds": [], "figures": figure_names(root)}

        def rebuild() -> float:
            state["round"] += 1
            key = touch_figure_label(root, state["figures"], state["round"])
            before = _svg_hashes(root)
            seconds, out = run_process([PY, "-c", REBUILD, str(root)], cwd=root, env=env)
            after = _svg_hashes(root)
            changed = sorted(n for n in after if before.get(n) != after[n])
            state["rebuilds"].append({"touched": key, "svg_changed": changed, "svg_total": len(after),
                                      "files_written": json.loads(out.strip().splitlines()[-1])["written"]})
            return seconds

        times = rounds({"build": lambda: python_c(BUILD), "rebuild": rebuild,
                        "floor": lambda: python_c(BUILD_FLOOR)}, repeats, "build")
    checks = [ratio_check("build", "full build", times["build"], times["floor"], 3.0,
                          measured_what="full build into a temporary folder: tables, figures, workbook",
                          floor_what=f"`{BUILD_FLOOR}`"),
              ratio_check("rebuild", "rebuild, one figure changed", times["rebuild"], times["floor"], 1.5,
                          measured_what="rebuild after one figure's title changed (a copy of the checkout)",
                          floor_what=f"`{BUILD_FLOOR}`")]
    return {"checks": checks, "warmup_s": {k: round(v, 2) for k, v in warm.items()}, "rebuilds": state["rebuilds"],
            "profile": worker("profile_build")[1]}


def _staged(tables_dir: Path, processed: dict) -> None:
    for path, data in processed.items():
        (tables_dir / path.name).write_bytes(data)
    os.environ["DALIAN_REPORTS_TABLES"] = str(tables_dir)


def _profile_figures_and_workbook(tables: dict, contents: dict, staging: Path, per_figure: dict):
    """Draw each figure one at a time (seconds into ``per_figure``, without the profiler), then draw them and
    write the workbook again under cProfile, with the library pointed at the tables just built; the profile."""
    import cProfile

    from dalian_reports.pipeline import build as b
    from dalian_reports.plots import FIGURES

    staging.mkdir()
    _staged(staging, {p: d for p, d in contents.items() if p.parent.name == "processed"})
    profile = cProfile.Profile()
    try:
        for name in FIGURES:                 # timed without the profiler, which slows drawing down
            t = time.perf_counter()
            for lang in b.LANGS:
                b._render((name, lang))
            per_figure[name] = round(time.perf_counter() - t, 3)
        profile.enable()
        for name in FIGURES:
            for lang in b.LANGS:
                b._render((name, lang))
        b.workbook_contents(tables)
    finally:
        profile.disable()
        os.environ.pop("DALIAN_REPORTS_TABLES", None)
    return profile


def worker_profile_build() -> dict:
    """Stage times of one build (no profiler; figures and workbook in forked processes, as the build), then each figure
    drawn one at a time and the workbook written again under cProfile (the tables' hot spots are the
    parser's: see the extraction and corpus sections)."""
    stages, per_table, per_figure = {}, {}, {}
    t = time.perf_counter()
    import matplotlib
    import openpyxl  # noqa: F401
    import pandas  # noqa: F401
    import seaborn  # noqa: F401
    matplotlib.use("Agg")
    stages["import pandas, matplotlib, seaborn, openpyxl (the floor)"] = time.perf_counter() - t
    t = time.perf_counter()
    from dalian_reports._atomic import atomic_directory_update
    from dalian_reports.pipeline import build as b
    from dalian_reports.pipeline.metadata import validate
    from dalian_reports.pipeline.tables.catalog import TABLES
    from dalian_reports.plots import FIGURES
    stages["import the pipeline"] = time.perf_counter() - t
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as tmp:
        tmp = Path(tmp)
        t = time.perf_counter()
        tables = b.table_outputs(quiet=True)           # as the build: reused when their inputs are unchanged
        stages["tables (reused when unchanged, else built + validated)"] = time.perf_counter() - t
        for spec in TABLES:
            t = time.perf_counter()
            validate(spec.name, spec.build())
            per_table[spec.name] = round(time.perf_counter() - t, 3)
        t = time.perf_counter()
        contents = b.processed_contents(tables, tmp / "processed")
        stages["CSV files and datapackage.json"] = time.perf_counter() - t
        t = time.perf_counter()
        books = b.started_workbook(tables, dict(contents), tmp / "exports")   # its own process, as in the build
        contents.update(b.drawn_figures(dict(contents), tmp / "figures", True, list(FIGURES)))   # as the build
        figures_s = time.perf_counter() - t
        contents.update(books.result())
        stages[f"figures ({len(FIGURES)} x {len(b.LANGS)} languages x {len(b.FIGURE_FORMATS)} formats) in "
               "a process of their own and its pool, the workbook beside them in another"] = figures_s
        stages["waiting for the workbook after the figures"] = time.perf_counter() - t - figures_s
        t = time.perf_counter()
        atomic_directory_update(contents)
        stages["atomic write"] = time.perf_counter() - t
        profile = _profile_figures_and_workbook(tables, contents, tmp / "staged", per_figure)
        t = time.perf_counter()
        b.workbook_contents(tables)
        workbook_alone = time.perf_counter() - t
    rows = {name: len(df) for name, df in tables.items()}
    corpus_tables = [spec.name for spec in TABLES if getattr(spec, "needs_corpus", False)]
    return {"stages_s": {k: round(v, 3) for k, v in stages.items()}, "tables_s": per_table, "table_rows": rows,
            "workbook_alone_s": round(workbook_alone, 3),
            "corpus_tables": corpus_tables,
            "figures_serial_s": per_figure, **profile_to_rows(profile, 12)}


# ============================================================================== notebooks

def notebook_paths() -> list[Path]:
    return sorted((REPO / "notebooks").glob("[0-9]*.ipynb"))


def notebook_imports(paths: list[Path]) -> list[str]:
    """The floor's imports: the build floor's libraries plus every third-party module the notebooks import."""
    import importlib.util

    found = set()
    for path in paths:
        for cell in json.loads(path.read_text(encoding="utf-8")).get("cells", []):
            if cell.get("cell_type") == "code":
                source = "".join(cell.get("source", []))
                for m in re.finditer(r"^\s*(?:import|from)\s+([A-Za-z_]\w*)", source, re.M):
                    found.add(m.group(1))
    found -= {"dalian_reports", *sys.stdlib_module_names}
    libs = BUILD_FLOOR_LIBS + sorted(found - set(BUILD_FLOOR_LIBS))
    return [m for m in libs if importlib.util.find_spec(m) is not None]


def worker_notebooks(mode: str, libs: str) -> dict:
    """Execute a temporary copy of every notebook ('measured'), or as many import-only notebooks ('floor')."""
    import logging

    import nbformat
    from nbclient import NotebookClient

    logging.getLogger("traitlets").setLevel(logging.ERROR)
    times = {}
    with tempfile.TemporaryDirectory(prefix="bench-notebooks-") as tmp:
        for path in notebook_paths():
            shutil.copy2(path, Path(tmp) / path.name)
            started = time.perf_counter()
            if mode == "measured":
                nb = nbformat.read(Path(tmp) / path.name, as_version=4)
            else:
                nb = nbformat.v4.new_notebook()
                nb.cells = [nbformat.v4.new_code_cell("import " + libs.replace(",", ", "))]
            NotebookClient(nb, timeout=900, kernel_name="python3", resources={"metadata": {"path": tmp}}).execute()
            times[path.name] = round(time.perf_counter() - started, 3)
    return {"mode": mode, "notebooks": times}


def bench_notebooks(repeats: int) -> dict:
    paths = notebook_paths()
    if not paths:
        return {"skipped": "no notebooks/[0-9]*.ipynb", "checks": []}
    libs = ",".join(notebook_imports(paths))
    log(f"notebooks: {len(paths)} notebooks vs {len(paths)} kernels importing {libs}, {repeats} rounds")
    per_nb: dict[str, list[float]] = {p.name: [] for p in paths}

    def measured() -> float:
        seconds, out = worker("notebooks", "measured", libs)
        for name, t in out["notebooks"].items():
            per_nb[name].append(t)
        return seconds

    worker("notebooks", "floor", libs)   # untimed warm-up
    times = rounds({"notebooks": measured, "kernels": lambda: worker("notebooks", "floor", libs)[0]},
                   repeats, "notebooks")
    check = ratio_check("notebooks", "notebooks", times["notebooks"], times["kernels"], 1.5,
                        measured_what=f"execute the {len(paths)} notebooks (temporary copies), a kernel each",
                        floor_what=f"{len(paths)} kernels that import {libs.replace(',', ', ')}")
    return {"checks": [check], "per_notebook_median_s": {k: round(statistics.median(v), 2) for k, v in per_nb.items()}}


WORKERS = {"profile_first_table": worker_profile_first_table, "profile_build": worker_profile_build,
           "notebooks": worker_notebooks}
