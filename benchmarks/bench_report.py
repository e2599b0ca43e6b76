"""Writing the results of ``make bench``: ``results.json`` (every number), ``RESULTS.md``, ``README_SECTION.md``.

Every sentence with a number is filled from ``results.json``; ``run.py --rewrite`` writes the two Markdown
files again from it.
"""
from __future__ import annotations

import json
from pathlib import Path

SECTIONS = ("first_table", "build", "notebooks", "extraction", "linearity", "corpus")
REQUIRED_KEYS = ("machine", "command", "checks")


def all_checks(results: dict) -> list[dict]:
    """Every check of every section run, in the order of :data:`SECTIONS`."""
    out = []
    for key in SECTIONS:
        section = results.get(key) or {}
        suffix = f" (run of {section['from_run']})" if section.get("from_run") else ""
        out += [{**c, "label": c["label"].split(" (run of ")[0] + suffix} for c in section.get("checks", [])]
    return out


def write_results(results: dict, folder: Path) -> list[Path]:
    """Write results.json, RESULTS.md and README_SECTION.md into ``folder``; the paths written."""
    results = {**results, "checks": all_checks(results)}
    missing = [k for k in REQUIRED_KEYS if k not in results]
    if missing:
        raise ValueError(f"results lack {missing}")
    files = {"results.json": json.dumps(results, indent=1, ensure_ascii=False) + "\n",
             "RESULTS.md": results_markdown(results), "README_SECTION.md": readme_section(results)}
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [folder / name for name in files]


def fmt_value(c: dict) -> str:
    if c["unit"] == "x":
        return f"{c['value']:.2f}x"
    if c["unit"] == "exponent":
        return f"exponent {c['value']:.2f}"
    return f"{c['value']:,.1f} {c['unit']}"


def fmt_goal(c: dict) -> str:
    if c["goal"] is None:
        return "–"
    return f"≤ {c['goal']}x" if c["unit"] == "x" else (f"≤ {c['goal']}" if c["unit"] == "exponent"
                                                         else f"≤ {c['goal']:g} {c['unit']}")


def verdict(c: dict) -> str:
    return "–" if c["passed"] is None else ("pass" if c["passed"] else "FAIL")


def text_table(results: dict) -> str:
    """The table ``run.py`` prints: every check, its value, goal and verdict."""
    lines = [f"{'check':<46} {'N':>3} {'measured':>10} {'floor':>8} {'value':>14} {'goal':>9}  verdict"]
    for c in results["checks"]:
        measured = f"{c['measured_median_s']:.2f}s" if c["kind"] == "ratio" else ""
        floor = f"{c['floor_median_s']:.2f}s" if c["kind"] == "ratio" else ""
        lines.append(f"{c['label']:<46} {c['n']:>3} {measured:>10} {floor:>8} {fmt_value(c):>14} "
                     f"{fmt_goal(c):>9}  {verdict(c)}")
    for key in SECTIONS:
        if (results.get(key) or {}).get("skipped"):
            lines.append(f"{key:<46} skipped: {results[key]['skipped']}")
    return "\n".join(lines)


def _machine_line(m: dict) -> str:
    load = m.get("load_average_start")
    end = m.get("load_average_end")
    load_txt = f"; load average {load[0]:.1f} at the start, {end[0]:.1f} at the end" if load and end else ""
    dirty = " with uncommitted changes in the working tree" if m.get("git_dirty") else ""
    return (f"{m['cpu_model']}, {m['cores']} cores, {m['memory_gib']} GiB; Python {m['python']} ({m['platform']}); "
            f"{m['date']}; commit {m['git_commit']}{dirty}{load_txt}")


def _summary(results: dict) -> list[str]:
    lines = ["| check | measured | against | N | value | goal | |", "|---|---|---|---|---|---|---|"]
    for c in results["checks"]:
        against = (f"{c['floor']} ({c['measured_median_s']:.2f} s / {c['floor_median_s']:.2f} s)"
                   if c["kind"] == "ratio" else c.get("floor", ""))
        lines.append(f"| {c['label']} | {c['measured']} | {against} | {c['n']} | **{fmt_value(c)}** | "
                     f"{fmt_goal(c)} | {verdict(c)} |")
    return lines


def results_markdown(res: dict) -> str:
    """RESULTS.md: the machine, every check against its goal, then where the time goes, section by section."""
    from bench_report_sections import SECTION_WRITERS

    lines = ["# Benchmark results", "", f"Machine: {_machine_line(res['machine'])}.", "",
             f"Command: `{res['command']}` ({res.get('total_minutes', 0):.1f} minutes). A ratio is "
             "median(measured) / median(floor), both timed in the same run in fresh subprocesses (interpreter "
             "start included), in rounds whose order rotates; N is the number of rounds. Subprocesses use a "
             "bytecode cache in a temporary folder, filled by an untimed warm-up, as an installed package has "
             "one.", ""]
    if res.get("partial"):
        lines += [f"*Partial run*: {res['partial']}", ""]
    lines += _summary(res) + [""]
    for key, writer in SECTION_WRITERS.items():
        section = res.get(key)
        if section and not section.get("skipped"):
            lines += writer(section, res) + [""]
        elif section:
            lines += [f"## {key}", "", f"Skipped: {section['skipped']}.", ""]
    lines += ["Raw numbers: `benchmarks/results.json`.", ""]
    return "\n".join(lines)


def readme_section(res: dict) -> str:
    """README_SECTION.md: the latest figures, how to run the benchmarks, the full corpus, parallel engines."""
    from bench_report_sections import readme_text

    return readme_text(res)
