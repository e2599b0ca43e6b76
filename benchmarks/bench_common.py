"""What every benchmark of ``make bench`` shares: the machine, fresh subprocesses, rounds of timings, profiles.

Every subprocess gets the same environment (:data:`ENV`): Python's bytecode cache goes to a temporary folder
(``PYTHONPYCACHEPREFIX``), so after one untimed warm-up every run reads compiled modules, as an installed
package does, and nothing is written into the checkout.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PY = sys.executable
RUN = HERE / "run.py"

#: Environment of every subprocess; :func:`set_pycache` fills it.
ENV: dict[str, str] = dict(os.environ)


def set_pycache(folder: str | None) -> None:
    """Give every subprocess a writable bytecode cache in ``folder`` (None: the environment as it is)."""
    ENV.clear()
    ENV.update(os.environ)
    if folder:
        ENV.pop("PYTHONDONTWRITEBYTECODE", None)
        ENV["PYTHONPYCACHEPREFIX"] = folder


def log(message: str) -> None:
    """Progress on stderr (the table of results goes to stdout)."""
    print(message, file=sys.stderr, flush=True)


def _first_line(path: str, prefix: str) -> str | None:
    try:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.startswith(prefix):
                return line.split(":", 1)[1].strip()
    except OSError:
        return None
    return None


def _git(*args: str) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def machine_info() -> dict:
    """CPU, cores, memory, Python, platform, date, commit (and whether the tree differs from it), load."""
    mem = _first_line("/proc/meminfo", "MemTotal")
    commit = _git("rev-parse", "--short", "HEAD")
    status = _git("status", "--porcelain", "--untracked-files=no")
    return {
        "cpu_model": _first_line("/proc/cpuinfo", "model name") or platform.processor() or "unknown",
        "cores": os.cpu_count(),
        "cores_available": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "memory_gib": round(int(mem.split()[0]) / 1024 ** 2, 1) if mem else None,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat(),
        "git_commit": commit,
        "git_dirty": bool(status) if status is not None else None,
        "load_average_start": load_average(),
    }


def load_average() -> list[float] | None:
    return [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None


def run_process(args: list[str], *, cwd: Path | None = None, timeout: float = 3600,
                env: dict | None = None) -> tuple[float, str]:
    """Run a subprocess with :data:`ENV`; return (wall seconds, stdout). A non-zero exit raises."""
    started = time.perf_counter()
    done = subprocess.run(args, cwd=cwd or REPO, capture_output=True, text=True, timeout=timeout,
                          env={**ENV, **(env or {})})
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, args[:4]))} … failed ({done.returncode}):\n{done.stderr[-4000:]}")
    return elapsed, done.stdout


def python_c(code: str, **kwargs) -> float:
    """Wall seconds of ``python -c code`` in a fresh interpreter (interpreter start included)."""
    return run_process([PY, "-c", code], **kwargs)[0]


def worker(name: str, *args: str, **kwargs) -> tuple[float, dict]:
    """Run ``run.py --worker name args`` in a fresh interpreter; (wall seconds, the JSON it prints last)."""
    elapsed, out = run_process([PY, str(RUN), "--worker", name, *map(str, args)], **kwargs)
    return elapsed, json.loads(out.strip().splitlines()[-1])


def rounds(contestants: dict, repeats: int, label: str) -> dict[str, list[float]]:
    """Time every contestant ``repeats`` times, in rounds whose order rotates (and reverses every other
    round), so a slow spell of the machine falls on all of them alike. Returns name -> seconds."""
    names = list(contestants)
    times: dict[str, list[float]] = {name: [] for name in names}
    for i in range(repeats):
        order = names[i % len(names):] + names[:i % len(names)]
        for name in (order if i % 2 == 0 else order[::-1]):
            times[name].append(contestants[name]())
        log(f"  {label} {i + 1}/{repeats}: " + "  ".join(f"{n} {times[n][-1]:.2f}s" for n in names))
    return times


def ratio_check(key: str, label: str, measured: list[float], floor: list[float], goal: float, *,
                measured_what: str, floor_what: str) -> dict:
    """A check of median(measured) / median(floor) against ``goal`` (a ratio at most the goal passes)."""
    m, f = statistics.median(measured), statistics.median(floor)
    ratio = m / f
    return {"key": key, "label": label, "kind": "ratio", "unit": "x", "value": round(ratio, 3), "goal": goal,
            "passed": ratio <= goal, "n": len(measured), "measured": measured_what, "floor": floor_what,
            "measured_median_s": round(m, 3), "floor_median_s": round(f, 3),
            "measured_s": [round(t, 3) for t in measured], "floor_s": [round(t, 3) for t in floor],
            "ratio_of_minima": round(min(measured) / min(floor), 3)}


def value_check(key: str, label: str, value: float, goal: float | None, unit: str, *, measured_what: str,
                n: int = 1, note: str = "") -> dict:
    """A check of a measured value (ms, s, an exponent) against ``goal`` (at most the goal passes; None: no goal)."""
    return {"key": key, "label": label, "kind": "value", "unit": unit, "value": round(value, 3), "goal": goal,
            "passed": None if goal is None else value <= goal, "n": n, "measured": measured_what, "floor": note}


def cprofile_rows(stats_path: str, n: int, key: str = "tottime", only: str | None = None,
                  calls_per: int = 1) -> list[dict]:
    """The ``n`` heaviest entries of a cProfile dump: function, calls (per ``calls_per`` runs), own and
    cumulative seconds, and their shares of the profiled total."""
    import pstats

    stats = pstats.Stats(stats_path)
    total = stats.total_tt or 1.0
    rows = []
    for (filename, lineno, func), (_cc, nc, tt, ct, _callers) in stats.stats.items():
        where = filename.replace(str(REPO) + "/", "")
        if "site-packages/" in where:
            where = where.split("site-packages/", 1)[1]
        elif "/lib/python3" in where:   # the standard library
            where = where.split("/lib/python3", 1)[1].split("/", 1)[-1]
        if only and only not in where:
            continue
        rows.append({"function": f"{where}:{lineno}({func})", "calls": round(nc / calls_per, 1),
                     "own_s": round(tt, 4), "cumulative_s": round(ct, 4), "own_share": round(tt / total, 3),
                     "cumulative_share": round(min(ct / total, 1.0), 3)})
    rows.sort(key=lambda r: -(r["own_s"] if key == "tottime" else r["cumulative_s"]))
    return rows[:n]


def profile_to_rows(profile, n: int = 12, calls_per: int = 1, only_cumulative: str = "dalian_reports") -> dict:
    """Top own-time entries and top cumulative entries of the package, from a ``cProfile.Profile``."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="bench-prof-") as tmp:
        path = os.path.join(tmp, "run.prof")
        profile.dump_stats(path)
        return {"top_own_time": cprofile_rows(path, n, "tottime", calls_per=calls_per),
                "top_cumulative_package": cprofile_rows(path, n, "cumulative", only=only_cumulative,
                                                        calls_per=calls_per)}


def rss_mib() -> tuple[float, float]:
    """(current, peak) resident memory of this process in MiB (Linux; zeros elsewhere)."""
    current = peak = 0.0
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                current = int(line.split()[1]) / 1024
            elif line.startswith("VmHWM:"):
                peak = int(line.split()[1]) / 1024
    except OSError:
        pass
    return round(current, 1), round(peak, 1)
