"""Extraction: one report on one core, time per character from 10 KB to megabytes, the development corpus.

* **per report**: ``extract_headline`` on the cleaned Jinzhou 2021 report (``report_text("jinzhou-2021-zh")``),
  median of repeats after a warm-up, in one process (one core); the same for every seed work report; and a
  cProfile of the Jinzhou runs (the hot spots).
* **linearity**: the same call on the first 10,000 characters, then on 1, 2, 4, … concatenated copies up to
  a few MB; time per character should stay flat. Sizes stop when the next one is predicted to exceed the
  time budget (and the results say so).
* **corpus**: every work report of the development corpus (``read_corpus`` + ``extract_headline``, and the
  rows concatenated into one panel), serially in one process, then one task per document in a pool of
  processes (one per core), then on Dask (``extract_files_dask`` on a LocalCluster of as many worker processes,
  when the dask extra is installed). Wall time of the whole subprocess, interpreter start included. For comparison,
  the pipeline's own panel (``targets_panel``, which also accounts for every number of each report; its reports
  are parsed in the pipeline's own pool of forked processes, one per core), with a cProfile of a sample of its
  reports.
"""
from __future__ import annotations

import math
import os
import statistics
import time
from pathlib import Path

from bench_common import REPO, load_average, log, profile_to_rows, rss_mib, value_check, worker

REPORT_ID = "jinzhou-2021-zh"
CORPUS = REPO.parent / "shared" / "corpus" / "lawtext-gov"
FULL_CORPUS_REPORTS = 3000   # the full public lawtext/gov corpus of work reports, about


def _seed(report_id: str = REPORT_ID) -> tuple[str, str, int, str]:
    """(text, lang, report_year, jurisdiction) of a seed report, cleaned."""
    import dalian_reports as dr

    row = dr.reports().set_index("report_id").loc[report_id]
    return dr.report_text(report_id).text, str(row["lang"]), int(row["report_year"]), str(row["issuer"])


def _timed(fn, repeats: int) -> list[float]:
    out = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        out.append(time.perf_counter() - started)
    return out


# ============================================================================== one report

def worker_extract_report(repeats: str) -> dict:
    """ms per call of extract_headline on the Jinzhou report and on every seed work report; a cProfile."""
    import cProfile

    import dalian_reports as dr
    from dalian_reports.extract.headline import extract_headline

    repeats = int(repeats)
    text, lang, year, where = _seed()
    rows = len(extract_headline(text, lang, year, jurisdiction=where))   # warm-up: regexes, pandas
    times = _timed(lambda: extract_headline(text, lang, year, jurisdiction=where), repeats)
    seeds = []
    reports = dr.reports(include_duplicates=False)
    for r in reports[reports["doc_type"] == "government_work_report"].itertuples():
        t, la, y, w = _seed(r.report_id)
        extract_headline(t, la, y, jurisdiction=w)
        ms = statistics.median(_timed(lambda: extract_headline(t, la, y, jurisdiction=w), max(3, repeats // 3)))
        seeds.append({"report_id": r.report_id, "chars": len(t), "ms": round(1000 * ms, 1)})
    profile = cProfile.Profile()
    runs = 5
    profile.enable()
    for _ in range(runs):
        extract_headline(text, lang, year, jurisdiction=where)
    profile.disable()
    return {"report_id": REPORT_ID, "chars": len(text), "rows": rows, "repeats": repeats,
            "median_ms": round(1000 * statistics.median(times), 2), "min_ms": round(1000 * min(times), 2),
            "seeds": seeds, "profile_runs": runs, **profile_to_rows(profile, 14, calls_per=runs)}


def bench_extract_report(repeats: int) -> dict:
    log(f"extraction: extract_headline on {REPORT_ID}, {repeats} repeats, one process")
    _, out = worker("extract_report", repeats)
    log(f"  {out['chars']:,} characters: {out['median_ms']:.1f} ms per report")
    out["checks"] = [value_check("extract_ms", "extraction, one report", out["median_ms"], 10.0, "ms",
                                 measured_what=f"`extract_headline` on `{REPORT_ID}` ({out['chars']:,} characters), "
                                               "median, one core", n=out["repeats"])]
    return out


# ============================================================================== linearity

def _sizes(text: str, max_chars: int) -> list[tuple[str, int]]:
    """(label, copies) from a 10,000-character prefix (copies 0) to ``max_chars``, doubling."""
    out, copies = [("10 KB prefix", 0)], 1
    while copies * (len(text) + 1) <= max_chars:
        out.append((f"{copies} cop{'y' if copies == 1 else 'ies'}", copies))
        copies *= 2
    return out


def worker_linearity(max_chars: str, budget: str) -> dict:
    """Seconds and µs per character of extract_headline on growing texts, within a time budget."""
    from dalian_reports.extract.headline import extract_headline

    text, lang, year, where = _seed()
    extract_headline(text, lang, year, jurisdiction=where)
    budget, spent, points, skipped = float(budget), 0.0, [], []
    for label, copies in _sizes(text, int(max_chars)):
        doc = text[:text.rfind("\n", 0, 10_000)] if copies == 0 else "\n".join([text] * copies)
        if points and spent + _predict(points, len(doc)) > budget:
            skipped.append({"size": label, "chars": len(doc),
                            "predicted_s": round(_predict(points, len(doc)), 1)})
            continue
        runs = []
        while not runs or (sum(runs) < 1.0 and len(runs) < 5):   # repeat the small sizes, median
            started = time.perf_counter()
            rows = len(extract_headline(doc, lang, year, jurisdiction=where))
            runs.append(time.perf_counter() - started)
        spent += sum(runs)
        seconds = statistics.median(runs)
        points.append({"size": label, "chars": len(doc), "seconds": round(seconds, 4), "runs": len(runs),
                       "us_per_char": round(1e6 * seconds / len(doc), 2), "rows": rows,
                       "rss_mib": rss_mib()[0]})
        log(f"  {label:>12}: {len(doc):>10,} chars  {seconds:8.3f}s  {1e6 * seconds / len(doc):7.2f} µs/char")
    return {"points": points, "skipped": skipped, "budget_s": budget, "exponent": _exponent(points)}


def _exponent(points: list[dict]) -> float | None:
    """Slope of log(seconds) against log(characters) over the whole copies (1 = linear, 2 = quadratic)."""
    pts = [(math.log(p["chars"]), math.log(p["seconds"])) for p in points if p["size"] != "10 KB prefix"]
    if len(pts) < 2:
        return None
    mx, my = statistics.fmean(x for x, _ in pts), statistics.fmean(y for _, y in pts)
    sxx = sum((x - mx) ** 2 for x, _ in pts)
    return round(sum((x - mx) * (y - my) for x, y in pts) / sxx, 3)


def _predict(points: list[dict], chars: int) -> float:
    """Seconds predicted for ``chars`` from the last point, at the growth seen so far (at least linear)."""
    exponent = max(1.0, _exponent(points) or 1.0)
    last = points[-1]
    return last["seconds"] * (chars / last["chars"]) ** exponent


def bench_linearity(max_chars: int, budget: float) -> dict:
    log(f"extraction: time per character from 10 KB to {max_chars / 1e6:.0f} MB (budget {budget:.0f}s)")
    _, out = worker("linearity", max_chars, budget)
    pts = out["points"]
    exponent = out["exponent"] if out["exponent"] is not None else float("nan")
    out["checks"] = [value_check(
        "extract_linearity", "extraction, time vs length", exponent, 1.1, "exponent",
        measured_what=f"slope of log time vs log length, {pts[1]['chars'] if len(pts) > 1 else 0:,} to "
                      f"{pts[-1]['chars']:,} characters (1 = linear, 2 = quadratic)", n=len(pts))]
    return out


# ============================================================================== the corpus

def _extract_doc(doc) -> tuple:
    """(rows frame or None, error or None) of one corpus document."""
    from dalian_reports.extract.headline import extract_headline

    try:
        rows = extract_headline(doc.clean.text, doc.lang, doc.year, jurisdiction=doc.jurisdiction)
    except Exception as exc:   # noqa: BLE001  (one report's failure is recorded, not allowed to stop the corpus)
        return None, f"{type(exc).__name__}: {str(exc)[:160]}"
    return rows.assign(jurisdiction=doc.jurisdiction, report_year=doc.year, source_file=doc.rel_path), None


def _panel(frames: list) -> int:
    import pandas as pd

    return len(pd.concat([f for f in frames if f is not None], ignore_index=True))


def worker_corpus_serial() -> dict:
    """Read + clean every work report of the corpus, extract each, concatenate the panel: one process."""
    from dalian_reports.sources.corpus import read_corpus

    stages, per_doc = {}, []
    t = time.perf_counter()
    docs = read_corpus(CORPUS)
    stages["read + clean"] = time.perf_counter() - t
    t = time.perf_counter()
    frames, errors = [], []
    for doc in docs:
        started = time.perf_counter()
        frame, error = _extract_doc(doc)
        per_doc.append({"file": doc.rel_path, "chars": len(doc.clean.text),
                        "ms": round(1000 * (time.perf_counter() - started), 1)})
        frames.append(frame)
        if error:
            errors.append({"file": doc.rel_path, "error": error})
    stages["extract"] = time.perf_counter() - t
    t = time.perf_counter()
    rows = _panel(frames)
    stages["panel (concatenate)"] = time.perf_counter() - t
    ms = [d["ms"] for d in per_doc]
    return {"reports": len(docs), "chars": sum(d["chars"] for d in per_doc), "rows": rows, "errors": errors,
            "stages_s": {k: round(v, 3) for k, v in stages.items()},
            "per_report_ms": {"median": statistics.median(ms), "p90": sorted(ms)[int(0.9 * len(ms))],
                              "max": max(ms), "mean": round(statistics.fmean(ms), 1)},
            "slowest": sorted(per_doc, key=lambda d: -d["ms"])[:6], "size_exponent": _size_exponent(per_doc),
            "peak_rss_mib": rss_mib()[1]}


def _size_exponent(per_doc: list[dict]) -> float | None:
    """Slope of log(ms) against log(characters) across the corpus's documents."""
    return _exponent([{"size": d["file"], "chars": d["chars"], "seconds": d["ms"] / 1000}
                      for d in per_doc if d["chars"] and d["ms"] > 0])


def _pool_task(path: str) -> tuple:
    from dalian_reports.sources.corpus import read_corpus_file

    return _extract_doc(read_corpus_file(Path(path), CORPUS, corpus_commit=_COMMIT))


_COMMIT = ""


def worker_corpus_pool(processes: str) -> dict:
    """The same, one task per document (read, clean, extract) in a pool of processes; the largest first."""
    import multiprocessing as mp

    global _COMMIT
    import dalian_reports.extract.headline  # noqa: F401  (imported once, before the workers fork)
    from dalian_reports.sources.corpus import corpus_commit, corpus_files

    processes = int(processes)
    t = time.perf_counter()
    _COMMIT = corpus_commit(CORPUS)
    paths = sorted(map(str, corpus_files(CORPUS)), key=lambda p: -Path(p).stat().st_size)
    method = "fork" if "fork" in mp.get_all_start_methods() else None
    with mp.get_context(method).Pool(processes) as pool:
        results = list(pool.imap_unordered(_pool_task, paths, chunksize=1))
    rows = _panel([frame for frame, _ in results])
    return {"reports": len(paths), "processes": processes, "rows": rows,
            "errors": sum(1 for _, e in results if e), "in_process_s": round(time.perf_counter() - t, 3)}


def worker_corpus_dask(processes: str) -> dict:
    """The same on Dask (``extract_files_dask``): a LocalCluster of one worker process per core, one bag over
    the files; the cluster's start and the map timed apart. Skipped when the dask extra is not installed."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        return {"skipped": 'the dask extra is not installed (pip install "dalian-reports[dask]")'}
    from dalian_reports.pipeline.distributed import extract_files_dask
    from dalian_reports.sources.corpus import corpus_files

    processes = int(processes)
    t = time.perf_counter()
    paths = corpus_files(CORPUS)
    with LocalCluster(n_workers=processes, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=40) as cluster, Client(cluster) as client:
        client.wait_for_workers(processes)
        started = time.perf_counter()
        rows = extract_files_dask(paths, CORPUS, client=client)
        mapped = time.perf_counter()
    return {"reports": len(paths), "processes": processes, "rows": len(rows),
            "errors": int(rows["error"].notna().sum()), "cluster_start_s": round(started - t, 3),
            "map_s": round(mapped - started, 3), "in_process_s": round(time.perf_counter() - t, 3)}


def worker_panel(sample: str) -> dict:
    """The pipeline's own panel (``targets_panel``: read, clean, extract with whole-report accounting, the parsing
    in its pool of processes, one per core); then a cProfile of ``account_report`` on a sample of its reports (the panel's hot spots)."""
    import cProfile

    try:
        from dalian_reports.extract.coverage import account_report
        from dalian_reports.pipeline.tables import panel
        started = time.perf_counter()
        rows = len(panel.targets_panel(CORPUS))
        seconds = time.perf_counter() - started
        docs = panel.corpus_reports(str(CORPUS))        # memoised by the panel: not read again
    except Exception as exc:   # noqa: BLE001  (the panel builder is optional here: report why it did not run)
        return {"skipped": f"the pipeline's panel did not run: {type(exc).__name__}: {str(exc)[:200]}"}
    n = min(int(sample), len(docs))
    picked = docs[::max(1, len(docs) // n)][:n]
    profile = cProfile.Profile()
    profile.enable()
    for doc in picked:
        account_report(doc.clean.text, doc.lang, doc.year, jurisdiction=doc.jurisdiction, with_rows=True)
    profile.disable()
    return {"in_process_s": round(seconds, 2), "reports": len(docs), "rows": rows, "profile_reports": n,
            **profile_to_rows(profile, 12, calls_per=n)}


def bench_corpus(processes: int) -> dict:
    if not (CORPUS / "README.md").is_file():
        log(f"corpus: not found at {CORPUS}; skipped")
        return {"skipped": f"the development corpus is not at {CORPUS}", "checks": []}
    log(f"corpus: every work report of {CORPUS}, one process, then a pool of {processes}")
    load_start = load_average()
    serial_s, serial = worker("corpus_serial")
    log(f"  1 process: {serial_s:.1f}s for {serial['reports']} reports ({serial['errors'].__len__()} errors)")
    pool_s, pool = worker("corpus_pool", processes)
    log(f"  {processes} processes: {pool_s:.1f}s")
    serial["wall_s"], pool["wall_s"] = round(serial_s, 2), round(pool_s, 2)
    pool["load_average"] = [load_start, load_average()]
    per_report_s = serial_s / serial["reports"]
    extrapolation = {"reports": FULL_CORPUS_REPORTS, "per_report_s": round(per_report_s, 4),
                     "one_core_min": round(FULL_CORPUS_REPORTS * per_report_s / 60, 1),
                     f"{processes}_cores_min": round(FULL_CORPUS_REPORTS * pool_s / pool["reports"] / 60, 1),
                     "cores_for_10s": math.ceil(FULL_CORPUS_REPORTS * per_report_s / 10)}
    what = f"{serial['reports']} reports: read, clean, extract, panel"
    checks = [value_check("corpus_pool", f"corpus, {processes} cores", pool_s, 10.0, "s",
                          measured_what=f"{what}; a pool of {processes} processes"),
              value_check("corpus_serial", "corpus, 1 core", serial_s, None, "s",
                          measured_what=f"{what}; one process", note="for the pool's speed-up")]
    dask_s, dask = worker("corpus_dask", processes)
    if not dask.get("skipped"):
        dask["wall_s"] = round(dask_s, 2)
        log(f"  Dask, a local cluster of {processes} worker processes: {dask_s:.1f}s")
        checks.append(value_check("corpus_dask", f"corpus, Dask local cluster of {processes}", dask_s, None, "s",
                                  measured_what=f"{what}; `extract_files_dask` on a LocalCluster of {processes} "
                                                "worker processes, the cluster's start included",
                                  note="against the pool: the overhead of Dask"))
    panel_s, panel = worker("panel", 40)
    if not panel.get("skipped"):
        panel["wall_s"] = round(panel_s, 2)
        log(f"  the pipeline's panel (targets_panel, its pool of {os.cpu_count()}): {panel_s:.1f}s")
        checks.append(value_check("corpus_panel", "corpus, the pipeline's panel", panel_s, None, "s",
                                  measured_what=f"`targets_panel()`: {panel['reports']} reports read, cleaned, "
                                                "extracted with whole-report accounting; the pipeline's "
                                                f"pool of {os.cpu_count()} processes",
                                  note="what the build spends on the corpus"))
    return {"root": str(CORPUS), "serial": serial, "pool": pool, "speedup": round(serial_s / pool_s, 2),
            "extrapolation": extrapolation, "panel": panel, "dask": dask, "checks": checks}


WORKERS = {"extract_report": worker_extract_report, "linearity": worker_linearity,
           "corpus_serial": worker_corpus_serial, "corpus_pool": worker_corpus_pool, "corpus_dask": worker_corpus_dask,
           "panel": worker_panel}
