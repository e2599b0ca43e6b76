"""The pipeline's main job: sources → tables → validate → write tables, figures, exports, notebooks.

Runs from a checkout (``make``). Everything is computed first and written in one atomic update, so an
interrupted build leaves the previous outputs intact:

1. every table of the catalogue is built, typed and validated against its metadata (for
   ``data/processed/``, with ``datapackage.json``: the shipped data product);
2. every figure in both languages and formats (``figures/``), drawn by the library's plot functions from
   those tables (staged in a temporary folder the library is pointed at);
3. the Excel workbook (``data/exports/``);
4. on request, the notebooks, re-executed in place after the update (they read the published tables).

>>> from dalian_reports.pipeline.build import build   # doctest: +SKIP
>>> written = build()                                   # doctest: +SKIP
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from .._resources import REPO, in_checkout
from ..errors import DalianReportsError
from .tables.catalog import TABLES

WORKBOOK_NAME = "dalian_reports.xlsx"
FIGURE_FORMATS = ("png", "svg")
LANGS = ("en", "zh")
PROCESSED_DIR = REPO / "data" / "processed"
EXPORTS_DIR = REPO / "data" / "exports"
FIGURES_DIR = REPO / "figures"


def _log(message: str, quiet: bool) -> None:
    if not quiet:
        print(message, file=sys.stderr, flush=True)


def require_checkout() -> None:
    if not in_checkout():
        raise DalianReportsError("the pipeline runs from a checkout of the repository (it reads data/raw and "
                                 "data/metadata and writes data/processed); an installed package only reads "
                                 "the tables it ships", file=str(REPO))


def table_outputs(quiet: bool = False) -> dict[str, "object"]:
    """name -> DataFrame for every catalogued table, typed and validated by its metadata."""
    from .metadata import validate

    tables = {}
    for spec in TABLES:
        started = time.perf_counter()
        tables[spec.name] = validate(spec.name, spec.build())
        _log(f"  table {spec.name:<24} {len(tables[spec.name]):>5} rows  ({time.perf_counter() - started:.2f}s)",
             quiet)
    return tables


def processed_contents(tables: dict, out_dir: Path) -> dict[Path, bytes]:
    """The files of ``data/processed``: one CSV per table and ``datapackage.json``."""
    from .. import __version__
    from ..sources.raw import manifest_rows
    from .export import csv_bytes
    from .metadata import datapackage

    contents: dict[Path, bytes] = {out_dir / f"{name}.csv": csv_bytes(df) for name, df in tables.items()}
    package = datapackage(list(tables), manifest_rows(), __version__)
    contents[out_dir / "datapackage.json"] = (json.dumps(package, ensure_ascii=False, indent=1) + "\n").encode()
    contents.update(_corpus_record(tables, contents, out_dir))
    return contents


def _corpus_record(tables: dict, contents: dict[Path, bytes], out_dir: Path) -> dict[Path, bytes]:
    """``corpus_build.json``: what the whole-record tables were built from (see :mod:`.tables.reuse`)."""
    from ..sources.corpus import corpus_commit
    from .tables.catalog import TABLES
    from .tables.panel import corpus_root
    from .tables.reuse import RECORD_NAME, record_bytes

    root = corpus_root()
    names = [spec.name for spec in TABLES if spec.needs_corpus and spec.name in tables]
    if root is None or not names:   # no corpus: the committed record stays as it is
        previous = PROCESSED_DIR / RECORD_NAME
        return {out_dir / RECORD_NAME: previous.read_bytes()} if previous.is_file() else {}
    data = {name: contents[out_dir / f"{name}.csv"] for name in names}
    return {out_dir / RECORD_NAME: record_bytes(str(root), corpus_commit(root), data)}


def _render(name: str) -> dict[str, bytes]:
    """file name -> bytes of one figure in every language and format (runs in a worker process)."""
    import matplotlib

    matplotlib.use("Agg")
    from ..plots import render

    out = {}
    for lang in LANGS:
        for fmt, data in render(name, lang=lang, formats=FIGURE_FORMATS).items():
            out[f"{name}_{lang}.{fmt}"] = data
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

    from ..plots import FIGURES, register_cjk_font

    register_cjk_font()
    names = list(FIGURES)
    workers = workers or min(len(names), os.cpu_count() or 1)
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
        try:
            rendered = list(pool.map(_render, names))
        finally:  # on an interrupt, drop the figures not started instead of waiting for them
            pool.shutdown(wait=True, cancel_futures=True)
    else:
        rendered = [_render(name) for name in names]
    out: dict[Path, bytes] = {}
    for name, files in zip(names, rendered):
        out.update({figure_dir / file: data for file, data in files.items()})
        _log(f"  figure {name}", quiet)
    return out


def workbook_contents(tables: dict) -> bytes:
    """The Excel workbook of every table, with the about sheet generated from the metadata."""
    from ..sources.raw import manifest
    from .export import workbook_bytes
    from .metadata import table_metadata

    metas = {name: table_metadata(name) for name in tables}
    return workbook_bytes(
        {_sheet_name(n): df for n, df in tables.items()},
        sheet_notes={_sheet_name(n): m.description for n, m in metas.items()},
        column_docs={_sheet_name(n): {c.name: (c.description, c.description_zh) for c in m.columns}
                     for n, m in metas.items()},
        units={_sheet_name(n): {c.name: c.unit for c in m.columns if c.unit} for n, m in metas.items()},
        about=manifest().drop(columns=["sha256"]),
    )


def staged_figures(processed: dict[Path, bytes], figure_dir: Path, quiet: bool) -> dict[Path, bytes]:
    """Figures drawn from tables not yet published: the library reads them from a temporary folder."""
    import os
    import tempfile

    with tempfile.TemporaryDirectory(prefix="dalian-reports-tables-") as staging:
        for path, data in processed.items():
            (Path(staging) / path.name).write_bytes(data)
        previous = os.environ.get("DALIAN_REPORTS_TABLES")
        os.environ["DALIAN_REPORTS_TABLES"] = staging
        try:
            return figure_outputs(figure_dir, quiet)
        finally:
            if previous is None:
                os.environ.pop("DALIAN_REPORTS_TABLES", None)
            else:
                os.environ["DALIAN_REPORTS_TABLES"] = previous


def build(out_dir: Path | None = None, figure_dir: Path | None = None, exports_dir: Path | None = None, *,
          figures: bool = True, workbook: bool = True, quiet: bool = False) -> list[Path]:
    """Build every output and write them in one atomic update; returns the paths written.

    SIGINT, SIGTERM and SIGHUP raise :class:`~dalian_reports.errors.Interrupted` while it runs: before the
    update, nothing has been written (temporary files are removed); during it, the whole set is rolled
    back or, past the commit, finished (see :mod:`dalian_reports._atomic`). Leftovers of an earlier
    interrupted build are rolled back and cleaned first.
    """
    from .._atomic import atomic_directory_update, interrupts_raise, recover_interrupted_updates

    require_checkout()
    out_dir = Path(out_dir or PROCESSED_DIR)
    figure_dir = Path(figure_dir or FIGURES_DIR)
    exports_dir = Path(exports_dir or EXPORTS_DIR)
    with interrupts_raise():
        for path in recover_interrupted_updates([out_dir, figure_dir, exports_dir]):
            _log(f"restored {path} (left new by an earlier interrupted build)", quiet)
        contents = _build_contents(out_dir, figure_dir, exports_dir, figures, workbook, quiet)
        written = atomic_directory_update(contents)
    for path in written:
        _log(f"wrote {path.relative_to(REPO) if path.is_relative_to(REPO) else path}", quiet)
    return written


def _build_contents(out_dir: Path, figure_dir: Path, exports_dir: Path, figures: bool, workbook: bool,
                    quiet: bool) -> dict[Path, bytes]:
    """path -> bytes of every output, computed in memory (nothing is written here)."""
    _log("building tables", quiet)
    tables = table_outputs(quiet)
    contents = processed_contents(tables, out_dir)
    if figures:
        _log("building figures", quiet)
        contents.update(staged_figures(dict(contents), figure_dir, quiet))
    if workbook:
        _log("building workbook", quiet)
        contents[exports_dir / WORKBOOK_NAME] = workbook_contents(tables)
    return contents


def _sheet_name(table: str) -> str:
    return table[:31]


def notebook_sources() -> list[Path]:
    """The notebooks' text sources (``notebooks/NN_*.md``, MyST, paired with the ``.ipynb`` by jupytext)."""
    return sorted((REPO / "notebooks").glob("[0-9]*.md"))


def notebook_from_text(source: Path):
    """The unexecuted notebook of a text source, with stable cell ids (a rebuild gives the same file)."""
    import jupytext

    nb = jupytext.read(source, fmt="md:myst")
    for number, cell in enumerate(nb.cells):
        cell.id = f"cell-{number:02d}"
        cell.metadata.pop("lines_to_next_cell", None)
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata.setdefault("jupytext", {})["formats"] = "ipynb,md:myst"
    nb.metadata["jupytext"].pop("text_representation", None)
    return nb


def execute_notebooks(paths: list[Path] | None = None, quiet: bool = False, timeout: int = 600) -> list[Path]:
    """Execute each notebook from its text source (fresh kernel, top to bottom) and write the ``.ipynb`` beside
    it, atomically. ``paths`` are text sources (``.md``) or their ``.ipynb`` names."""
    import nbformat
    from nbclient import NotebookClient

    from .._atomic import atomic_write_text

    require_checkout()
    sources = [p.with_suffix(".md") for p in paths] if paths else notebook_sources()
    written = []
    for source in sources:
        started = time.perf_counter()
        nb = notebook_from_text(source)
        NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                       resources={"metadata": {"path": str(source.parent)}}).execute()
        nb.metadata.pop("widgets", None)
        target = source.with_suffix(".ipynb")
        atomic_write_text(target, nbformat.writes(nb) + "\n")
        written.append(target)
        _log(f"executed {source.name} → {target.name} ({time.perf_counter() - started:.1f}s)", quiet)
    return written