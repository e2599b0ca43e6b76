"""The sections of RESULTS.md (where the time goes, per benchmark) and the text of README_SECTION.md.

Each writer takes its section of ``results.json`` and the whole results, and returns Markdown lines; every
number comes from the results.
"""
from __future__ import annotations

from bench_report import fmt_goal, fmt_value, verdict


def _check(res: dict, key: str) -> dict | None:
    return next((c for c in res.get("checks", []) if c["key"] == key), None)


def _rows(header: str, rows: list[str]) -> list[str]:
    cols = header.count("|") - 1
    return [header, "|" + "---|" * cols, *rows]


def _profile_rows(rows: list[dict], n: int, per: str = "") -> list[str]:
    return _rows(f"| function | calls{per} | own s | own share | cumulative share |",
                 [f"| `{r['function']}` | {r['calls']:g} | {r['own_s']:.3f} | {100 * r['own_share']:.0f}% | "
                  f"{100 * r['cumulative_share']:.0f}% |" for r in rows[:n]])


def first_table(sec: dict, res: dict) -> list[str]:
    c, named = _check(res, "first_table"), _check(res, "first_table_named")
    prof = sec["profile"]
    budget_ms = 1000 * (c["goal"] - 1) * c["floor_median_s"]
    out = ["## First table", "",
           f"`load_table` {fmt_value(c)} ({verdict(c)}), named loader {fmt_value(named)} ({verdict(named)}), goal "
           f"{fmt_goal(c)}: the goal leaves {budget_ms:.0f} ms over `import pandas` ({1000 * c['floor_median_s']:.0f} "
           f"ms, of which {1000 * sec['interpreter_start_s']:.0f} ms is the interpreter's own start); the package "
           f"adds {1000 * (c['measured_median_s'] - c['floor_median_s']):.0f} ms (`load_table`) and "
           f"{1000 * (named['measured_median_s'] - named['floor_median_s']):.0f} ms (named loader) at the medians "
           "(differences of a few tens of ms are within the noise of a loaded machine; the in-process steps below "
           "are the package's own cost). "
           f"Heavy modules loaded besides pandas: {', '.join(prof['heavy_modules_loaded']) or 'none'}.", "",
           "In one process:", ""]
    out += _rows("| step | ms |", [f"| {k} | {1000 * v:.1f} |" for k, v in prof["steps_s"].items()])
    out += ["", f"`python -X importtime`, modules imported after pandas: {sec['importtime_after_pandas_total_ms']:.1f} "
            "ms in all (self time, importtime's own overhead included); the largest:", ""]
    out += _rows("| module | self ms |", [f"| {r['module']} | {r['self_ms']:.2f} |"
                                         for r in sec["importtime_after_pandas"][:6]])
    out += ["", "cProfile of one more `load_table(\"headline_figures\")` (own time):", ""] + _profile_rows(prof["top_own_time"], 6)
    return out


def build(sec: dict, res: dict) -> list[str]:
    b, r = _check(res, "build"), _check(res, "rebuild")
    prof = sec["profile"]
    stages = prof["stages_s"]
    total = sum(stages.values())
    figures_pool = next((v for k, v in stages.items() if k.startswith("figures")), 0.0)
    serial_figures = sum(prof["figures_serial_s"].values())
    rebuilds = sec["rebuilds"]
    changed = sorted({len(x["svg_changed"]) for x in rebuilds})
    out = ["## Build and rebuild", "",
           f"Full build {fmt_value(b)} ({verdict(b)}, goal {fmt_goal(b)}): {b['measured_median_s']:.1f} s against "
           f"{b['floor_median_s']:.2f} s for the imports alone, so the goal allows {b['goal'] * b['floor_median_s']:.1f}"
           f" s. Rebuild after one figure's title changed {fmt_value(r)} ({verdict(r)}, goal {fmt_goal(r)}: "
           f"{r['goal'] * r['floor_median_s']:.1f} s); it took {r['measured_median_s'] / b['measured_median_s']:.2f}x "
           "the full build.", "",
           f"What the rebuilds did: each changed `{rebuilds[0]['touched'] if rebuilds else '?'}` in a copy of the "
           f"checkout, then rebuilt there; {', '.join(map(str, changed))} of {rebuilds[0]['svg_total'] if rebuilds else '?'}"
           f" SVG files changed (the touched figure in both languages; never stale), and every rebuild wrote "
           f"{', '.join(sorted({str(x['files_written']) for x in rebuilds}))} files (unchanged ones with the same "
           "bytes). The build is content-keyed (pipeline/tables/reuse.py, pipeline/keyed.py): a table, a figure or "
           "the workbook is computed again only when something it is computed from changed, so a rebuild pays for "
           "the imports and the touched figure; the full build above draws everything into an empty folder."
           if rebuilds else "", "",
           "Where the time goes, one build (stage by stage, as the build's process sees them):", ""]
    out += _rows("| stage | s | share |", [f"| {k} | {v:.2f} | {100 * v / total:.0f}% |" for k, v in stages.items()])
    cores = res.get("machine", {}).get("cores_available") or 1
    work = serial_figures + prof.get("workbook_alone_s", 0)
    waited = next((v for k, v in stages.items() if k.startswith("waiting for the workbook")), 0.0)
    out += ["", f"The figures took {figures_pool:.1f} s in a process of their own (it imports the plotting "
            f"libraries, so the build's process never does) and its pool of {cores} processes; the workbook is "
            "written beside them in another process, started just before them "
            f"(the build then waited {waited:.2f} s more for it; it takes {prof.get('workbook_alone_s', 0):.1f} s "
            "alone). Drawn one at a time, in one process (no profiler), the figures take "
            f"{serial_figures:.1f} s: " + ", ".join(f"{k} {v:.1f}" for k, v in prof["figures_serial_s"].items())
            + f" s (each in two languages, PNG and SVG). So the cores do about {work:.1f} s of work after the "
            f"tables; split over {cores} cores that is {work / cores:.1f} s at best, on top of the imports.", "",
            "Slowest tables (build + validate): " + ", ".join(
                f"{k} {v:.2f} s" for k, v in sorted(prof["tables_s"].items(), key=lambda kv: -kv[1])[:5]) + "."
            + _corpus_note(prof, res), "",
            "cProfile of the figures drawn one at a time and the workbook written again (own time; the profiler "
            "slows drawing down):", ""]
    out += _profile_rows(prof["top_own_time"], 10)
    out += ["", "Package functions by cumulative time:", ""] + _profile_rows(prof["top_cumulative_package"], 8)
    return out


def _corpus_note(prof: dict, res: dict) -> str:
    """What the corpus costs a build: nothing when its tables are reused, a parse of every report otherwise."""
    panel = (res.get("corpus") or {}).get("panel") or {}
    if not prof.get("corpus_tables"):
        return ""
    tables_s = next((v for k, v in prof["stages_s"].items() if k.startswith("tables")), 0.0)
    text = (f" Tables built from the development corpus: {', '.join(prof['corpus_tables'])}. In the build above the "
            f"tables took {tables_s:.2f} s: their inputs were unchanged, so the committed files were reused and no "
            "report was parsed.")
    if panel.get("wall_s"):
        text += (f" When the parser, the vocabulary or the corpus changes, the corpus is parsed once (memoised, in "
                 f"the pipeline's pool of processes): {panel['wall_s']:.0f} s for the panel (corpus section).")
    return text


def _pool_note(sec: dict, res: dict) -> str:
    p = sec["pool"]
    load = p.get("load_average") or [None, None]
    cores = res["machine"]["cores"]
    busy = [x[0] for x in load if x]
    if sec["speedup"] >= 1 or not busy:
        return ""
    return (f" The pool was slower than one process: the load average was {min(busy):.1f}–{max(busy):.1f} on "
            f"{cores} cores during these runs (other jobs on the machine), so the second process had little CPU of its own.")


def notebooks(sec: dict, res: dict) -> list[str]:
    c = _check(res, "notebooks")
    return ["## Notebooks", "", f"{fmt_value(c)} ({verdict(c)}, goal {fmt_goal(c)}): {c['measured']} against "
            f"{c['floor']}. Per notebook (median, s): "
            + ", ".join(f"{k} {v:.1f}" for k, v in sec["per_notebook_median_s"].items()) + "."]


def extraction(sec: dict, res: dict) -> list[str]:
    c = _check(res, "extract_ms")
    out = ["## Extraction, one report", "",
           f"`extract_headline` on `{sec['report_id']}` ({sec['chars']:,} characters, {sec['rows']} rows): "
           f"{sec['median_ms']:.1f} ms median, {sec['min_ms']:.1f} ms fastest, of {sec['repeats']} calls in one "
           f"process ({verdict(c)}, goal {fmt_goal(c)}). Every seed work report:", ""]
    out += _rows("| report | characters | ms | µs per character |",
                 [f"| {s['report_id']} | {s['chars']:,} | {s['ms']:.1f} | {1000 * s['ms'] / s['chars']:.2f} |"
                  for s in sec["seeds"]])
    out += ["", f"Hot spots: cProfile of {sec['profile_runs']} calls on `{sec['report_id']}`, own time, calls per "
            "report:", ""] + _profile_rows(sec["top_own_time"], 10, " per report")
    out += ["", "The parser's functions by cumulative time:", ""] + _profile_rows(sec["top_cumulative_package"], 10,
                                                                                 " per report")
    return out


def linearity(sec: dict, res: dict) -> list[str]:
    c = _check(res, "extract_linearity")
    pts = sec["points"]
    out = ["## Extraction: time per character", "",
           f"Growth exponent {c['value']:.2f} ({verdict(c)}; 1 is linear, 2 quadratic): µs per character go from "
           f"{pts[0]['us_per_char']:.1f} at {pts[0]['chars']:,} characters to {pts[-1]['us_per_char']:.1f} at "
           f"{pts[-1]['chars']:,}.", ""]
    out += _rows("| text | characters | s | µs per character | rows | RSS MiB |",
                 [f"| {p['size']} | {p['chars']:,} | {p['seconds']:.3f} | {p['us_per_char']:.2f} | {p['rows']:,} | "
                  f"{p['rss_mib']:.0f} |" for p in pts])
    if sec["skipped"]:
        out += ["", f"Not run (budget {sec['budget_s']:.0f} s): " + ", ".join(
            f"{s['size']} ({s['chars']:,} characters, predicted {s['predicted_s']:,.0f} s)" for s in sec["skipped"]) + "."]
    return out


def corpus(sec: dict, res: dict) -> list[str]:
    s, p, x = sec["serial"], sec["pool"], sec["extrapolation"]
    pool_check = _check(res, "corpus_pool")
    cores_key = next(k for k in x if k.endswith("_cores_min"))
    out = ["## The development corpus", "",
           f"{s['reports']} work reports of `{sec['root']}` ({s['chars']:,} characters of cleaned text, "
           f"{s['chars'] / s['reports']:,.0f} per report), {s['rows']:,} panel rows, {len(s['errors'])} reports "
           f"that raised. One process: {s['wall_s']:.1f} s in all (" + ", ".join(
               f"{k} {v:.1f} s" for k, v in s["stages_s"].items()) + f"); {p['processes']} processes, one task per "
           f"document: {p['wall_s']:.1f} s ({verdict(pool_check)}, goal {fmt_goal(pool_check)}), a speed-up of "
           f"{sec['speedup']:.2f}x.{_pool_note(sec, res)} Peak memory of the serial run {s['peak_rss_mib']:.0f} MiB (every "
           "document is kept, as the pipeline keeps them).", "",
           f"Per report (serial extraction): median {s['per_report_ms']['median']:.0f} ms, 90th percentile "
           f"{s['per_report_ms']['p90']:.0f} ms, slowest {s['per_report_ms']['max']:.0f} ms; across documents time "
           f"grows with length at exponent {s['size_exponent']}. Slowest: " + ", ".join(
               f"{d['file']} ({d['chars']:,} characters, {d['ms'] / 1000:.1f} s)" for d in s["slowest"][:4]) + ".", "",
           f"Extrapolated to the ~{x['reports']:,} reports of the full public corpus at {x['per_report_s']:.2f} s "
           f"per report: {x['one_core_min']:.0f} min on one core, {x[cores_key]:.0f} min with the pool here; 10 s "
           f"would need about {x['cores_for_10s']} cores at today's speed per report."]
    out += ["", _dask_figure(sec)]
    panel = sec.get("panel") or {}
    if panel.get("skipped"):
        out += ["", f"The pipeline's panel: {panel['skipped']}."]
    elif panel:
        out += ["", f"The pipeline's own panel (`targets_panel`: {panel['reports']} reports from 2000 on, "
                f"{panel['rows']:,} rows; it also accounts for every number of each report with `account_report`) "
                f"takes {panel['wall_s']:.1f} s with its pool of processes ({panel['in_process_s']:.1f} s after the "
                f"imports), {panel['wall_s'] / s['wall_s']:.1f}x the plain extraction in one process above; that is "
                "what a build spends on "
                f"the corpus. Hot spots, cProfile of `account_report` on {panel['profile_reports']} of its reports:",
                ""] + _profile_rows(panel["top_own_time"], 8, " per report")
    if s["errors"]:
        out += ["", "Reports that raised: " + "; ".join(f"{e['file']}: {e['error']}" for e in s["errors"][:5]) + "."]
    return out


def tests(sec: dict, res: dict) -> list[str]:
    out = ["## The test suite", "", f"`{sec['command']}` on {sec['date']}: {sec['wall_s'] / 60:.1f} min wall, "
           f"{sec['summary']}. Not timed by `make bench` (`run.py --test-durations` runs it). The 15 slowest:", ""]
    return out + _rows("| s | phase | test |", [f"| {d['seconds']:.2f} | {d['phase']} | `{d['test']}` |"
                                               for d in sec["slowest"]])


SECTION_WRITERS = {"first_table": first_table, "build": build, "notebooks": notebooks, "extraction": extraction,
                   "linearity": linearity, "corpus": corpus, "tests": tests}


def _panel_ratio(cor: dict) -> str:
    panel = cor.get("panel") or {}
    if not panel.get("wall_s"):
        return ""
    return (f"; the pipeline's panel, which also accounts for every number of each report, takes "
            f"{panel['wall_s'] / cor['serial']['wall_s']:.1f}x as long with its pool of processes")


def _load_range(m: dict) -> str:
    loads = [x[0] for x in (m.get("load_average_start"), m.get("load_average_end")) if x]
    return f"{min(loads):.1f}–{max(loads):.1f}" if loads else "unknown"


def _busy(m: dict) -> str:
    start = (m.get("load_average_start") or [0])[0]
    return (" (other jobs shared the machine: absolute times are inflated, the ratios less so)"
            if start > 0.5 * (m.get("cores") or 1) else "")


DASK_EXAMPLE = [
    "```python",
    "from distributed import Client, LocalCluster",
    "from dalian_reports.pipeline.distributed import extract_files_dask",
    "from dalian_reports.sources.corpus import corpus_files",
    "",
    'root = "../shared/corpus/lawtext-gov"',
    "with LocalCluster(n_workers=2, threads_per_worker=1) as cluster, Client(cluster) as client:   # one machine",
    "    rows = extract_files_dask(corpus_files(root), root, client=client)",
    '# on a cluster: client = Client("tcp://scheduler:8786"); every worker needs the package installed and must',
    "# read the corpus at the same path (a shared file system: the tasks carry paths, not texts)",
    'print(rows[rows["error"].notna()][["source_file", "error"]])   # the files that failed, if any',
    "```"]


def _dask_figure(cor: dict) -> str:
    """What the local cluster took on the development corpus, against the process pool of the same run."""
    dask, pool = cor.get("dask") or {}, cor.get("pool") or {}
    if not dask.get("wall_s") or not pool.get("wall_s"):
        return ("The last `make bench` did not time the local cluster (" + (dask.get("skipped") or "not measured")
                + ").")
    overhead = dask["wall_s"] - pool["wall_s"]
    return (f"On the {dask['reports']} reports of the development corpus a `LocalCluster` of {dask['processes']} "
            f"worker processes took {dask['wall_s']:.1f} s ({dask['cluster_start_s']:.1f} s to start the cluster, "
            f"{dask['map_s']:.1f} s for the map, whose first task on each worker imports the package; the rest is "
            "starting Python, importing Dask and closing the cluster), against "
            f"{pool['wall_s']:.1f} s for the process pool of {pool['processes']} in the same run: Dask's overhead on "
            "one machine is "
            + (f"{overhead:.1f} s ({dask['wall_s'] / pool['wall_s']:.2f}x the pool), worth paying only for the cores "
               "of more than one machine." if overhead > 0 else
               f"nothing measurable ({dask['wall_s'] / pool['wall_s']:.2f}x the pool)."))


def _readme_build(res: dict) -> list[str]:
    """Where a full build's time goes, from the build's profile (see RESULTS.md)."""
    b, prof = _check(res, "build"), ((res.get("build") or {}).get("profile") or {})
    if not b or not prof.get("figures_serial_s"):
        return []
    cores = res.get("machine", {}).get("cores_available") or 1
    figures, workbook = sum(prof["figures_serial_s"].values()), prof.get("workbook_alone_s", 0.0)
    return ["", f"**The build.** A full build into an empty folder takes {b['measured_median_s']:.1f} s, "
            f"{fmt_value(b)} the {b['floor_median_s']:.2f} s of importing its libraries (goal {fmt_goal(b)}: "
            f"{verdict(b)}; round by round, build against the floor timed beside it: "
            + ", ".join(f"{m / f:.2f}x" for m, f in zip(b.get("measured_s", []), b.get("floor_s", [])))
            + "). The tables are reused when their inputs are unchanged; what is left is drawing 7 figures "
            f"in 2 languages and 2 formats ({figures:.1f} s of one core's time) and writing the workbook "
            f"({workbook:.1f} s), {figures + workbook:.1f} s of work spread over {cores} cores while "
            "the figures are drawn in a pool and the workbook is written beside them; see `benchmarks/RESULTS.md`."]


def _readme_tests(res: dict) -> list[str]:
    sec = res.get("tests") or {}
    if not sec.get("wall_s"):
        return []
    return ["", f"**The tests.** `make test` ran in {sec['wall_s'] / 60:.1f} minutes on {sec['date']} "
            f"({sec['summary']}); the slowest are the exercise notebooks, each run in a fresh kernel (RESULTS.md)."]


def readme_text(res: dict) -> str:
    """The section the README quotes."""
    m = res["machine"]
    rows = [f"| {c['label']} | {fmt_value(c)} | {fmt_goal(c)} | {verdict(c)} |" for c in res["checks"]]
    out = ["## Speed and scale", "",
           "`make bench` times each cost against a floor measured in the same run (medians of fresh subprocesses) "
           "and writes `benchmarks/RESULTS.md` (machine, commit, profiles: where the time goes) and "
           "`benchmarks/results.json`. `.venv/bin/python benchmarks/run.py --help` lists the options: `--quick` for "
           "a smoke run, `--notebooks` to time the notebooks too, `--only` to rerun some benchmarks, "
           "`--test-durations` to record the slowest tests.", "",
           f"Latest run: {m['cpu_model']}, {m['cores']} cores, Python {m['python']}, {m['date'][:10]}, commit "
           f"{m['git_commit']}{' (uncommitted changes)' if m.get('git_dirty') else ''}, load average "
           f"{_load_range(m)}{_busy(m)}.", "",
           "| check | value | goal | |", "|---|---|---|---|", *rows]
    out += _readme_build(res) + _readme_tests(res)
    cor = res.get("corpus") or {}
    if cor and not cor.get("skipped"):
        x, s = cor["extrapolation"], cor["serial"]
        cores_key = next(k for k in x if k.endswith("_cores_min"))
        lin = _check(res, "extract_linearity")
        out += ["", f"**The full public corpus.** The {s['reports']} reports of the development corpus take "
                f"{x['per_report_s']:.2f} s each on one core (reading, cleaning, extracting{_panel_ratio(cor)}); "
                "at that rate the "
                f"~{x['reports']:,} work reports of the full lawtext/gov corpus would take about "
                f"{x['one_core_min'] * 60:.0f} s on one core"
                + (f" and {x[cores_key] * 60:.0f} s with the process pool here." if cor["speedup"] > 1 else
                   f"; the process pool gave no speed-up in this run (the cores were busy), on idle cores "
                   f"{cores_key.split('_')[0]} processes would take about {x['one_core_min'] / int(cores_key.split('_')[0]):.1f} "
                   "minutes.")
                + (f" Extraction time grows faster than a report's length (exponent {lin['value']:.1f}), so long "
                   "reports cost disproportionately." if lin and not lin["passed"] else "")]
    out += ["", "**Beyond one machine.** Each report is read, cleaned and extracted on its own "
            "(`read_corpus_file(path, root)`, then `extract_headline(text, lang, year, jurisdiction=...)`: nothing is "
            "shared between documents), and the panel is the concatenation of the per-report rows. That is the "
            "shape of a Dask bag, and `dalian_reports/pipeline/distributed.py` runs it: "
            "`extract_files_dask(paths, root, client=...)` maps `file_rows` (one file read and extracted, or one row "
            "naming the file and the error: a `ParseError`, an unreadable file or any other exception is recorded, "
            "never allowed to stop the map) over `dask.bag.from_sequence(paths)`, then concatenates the rows sorted "
            "by file, so the table does not depend on the scheduling. `extract_files(paths, root)` computes the same "
            "table in one process; `tests/test_distributed.py` checks on a `LocalCluster` of two worker processes "
            "that the two are equal row for row, with a damaged and a missing file among the reports. Dask is an "
            'optional extra, `pip install "dalian-reports[dask]"` (part of `[dev]`); `pip install dalian-reports` '
            "does not install it, and only that module imports it, inside the function.", "",
            *DASK_EXAMPLE, "", _dask_figure(cor)]
    return "\n".join(out) + "\n"
