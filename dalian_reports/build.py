"""The one-command build: tables → CSV, figures → PNG + SVG, workbook, notebooks.

Everything is computed in memory first and written in one atomic update, so an
interrupted build leaves the previous outputs intact.

>>> from dalian_reports.build import build   # doctest: +SKIP
>>> written = build()                          # doctest: +SKIP
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from ._paths import REPO, processed_dir
from .tables.catalog import COLUMN_DOCS, COLUMN_UNITS, TABLES

WORKBOOK_NAME = "dalian_reports.xlsx"
FIGURE_FORMATS = ("png", "svg")
LANGS = ("en", "zh")


def _log(message: str, quiet: bool) -> None:
    if not quiet:
        print(message, file=sys.stderr, flush=True)


def table_outputs(quiet: bool = False) -> dict[str, "object"]:
    """name -> DataFrame for every catalogued table, each checked against its schema."""
    from .tables.schemas import validate

    tables = {}
    for spec in TABLES:
        started = time.perf_counter()
        df = spec.build()
        validate(spec.name, df)
        tables[spec.name] = df
        _log(f"  table {spec.name:<24} {len(df):>5} rows  ({time.perf_counter() - started:.2f}s)", quiet)
    return tables


def _render(name: str) -> dict[str, bytes]:
    """file name -> bytes of one figure in every language and format (runs in a worker process)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from .plots import FIGURES, figure_bytes, house_style

    out = {}
    for lang in LANGS:
        with house_style(lang):
            fig = FIGURES[name](lang=lang)
            for fmt in FIGURE_FORMATS:
                out[f"{name}_{lang}.{fmt}"] = figure_bytes(fig, fmt)
            plt.close(fig)
    return out


def figure_outputs(figure_dir: Path, quiet: bool = False, workers: int | None = None) -> dict[Path, bytes]:
    """path -> bytes for every figure in both languages and both formats.

    Figures are independent, so they are rendered in a pool of processes (one per core); each worker
    produces the same bytes a serial run would, so the output does not depend on the number of workers.
    """
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401  (imported once here, inherited by the forked workers)
    import seaborn  # noqa: F401

    from .plots import FIGURES, register_cjk_font

    register_cjk_font()
    names = list(FIGURES)
    workers = workers or min(len(names), os.cpu_count() or 1)
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            rendered = list(pool.map(_render, names))
    else:
        rendered = [_render(name) for name in names]
    out: dict[Path, bytes] = {}
    for name, files in zip(names, rendered):
        out.update({figure_dir / file: data for file, data in files.items()})
        _log(f"  figure {name}", quiet)
    return out


def build(out_dir: Path | None = None, figure_dir: Path | None = None, *, figures: bool = True,
          workbook: bool = True, quiet: bool = False) -> list[Path]:
    """Build every output and write them in one atomic update; returns the paths written."""
    from .export import atomic_directory_update, csv_bytes, workbook_bytes
    from .sources.raw import manifest

    out_dir = Path(out_dir or processed_dir())
    figure_dir = Path(figure_dir or REPO / "figures")
    out_dir.mkdir(parents=True, exist_ok=True)
    figure_dir.mkdir(parents=True, exist_ok=True)
    _log("building tables", quiet)
    tables = table_outputs(quiet)
    contents: dict[Path, bytes] = {out_dir / f"{name}.csv": csv_bytes(df) for name, df in tables.items()}
    if figures:
        _log("building figures", quiet)
        contents.update(figure_outputs(figure_dir, quiet))
    if workbook:
        _log("building workbook", quiet)
        notes = {spec.name: spec.description for spec in TABLES}
        docs = {name: {c: COLUMN_DOCS[c] for c in df.columns if c in COLUMN_DOCS} for name, df in tables.items()}
        contents[out_dir / WORKBOOK_NAME] = workbook_bytes(
            {_sheet_name(n): df for n, df in tables.items()},
            sheet_notes={_sheet_name(n): v for n, v in notes.items()},
            column_docs={_sheet_name(n): v for n, v in docs.items()},
            units={_sheet_name(n): v for n, v in COLUMN_UNITS.items() if n in tables},
            about=manifest().drop(columns=["sha256"]),
        )
    written = atomic_directory_update(contents)
    for path in written:
        _log(f"wrote {path.relative_to(REPO) if path.is_relative_to(REPO) else path}", quiet)
    return written


def _sheet_name(table: str) -> str:
    return table[:31]


def execute_notebooks(paths: list[Path] | None = None, quiet: bool = False, timeout: int = 600) -> list[Path]:
    """Re-execute notebooks in place (fresh kernel each, top to bottom), atomically."""
    import nbformat
    from nbclient import NotebookClient

    from .export import atomic_write_text

    paths = paths or sorted((REPO / "notebooks").glob("[0-9]*.ipynb"))
    for path in paths:
        started = time.perf_counter()
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        nb.metadata.pop("widgets", None)
        atomic_write_text(path, nbformat.writes(nb) + "\n")
        _log(f"executed {path.name} ({time.perf_counter() - started:.1f}s)", quiet)
    return paths
