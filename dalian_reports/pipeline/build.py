"""The pipeline's main job: sources → tables → validate → write tables, figures, exports, notebooks.

Runs from a checkout (``make``). Everything is computed first and written in one atomic update, so an
interrupted build leaves the previous outputs intact:

1. every table of the catalogue is built, typed and validated against its metadata (for
   ``data/processed/``, with ``datapackage.json``: the shipped data product);
2. every figure in both languages and formats (``figures/``), drawn by the library's plot functions from
   those tables (staged in a temporary folder the library is pointed at), in a forked process of its own
   (:mod:`.forked`) that imports the plotting libraries and draws with a pool of processes, one per core;
3. the Excel workbook (``data/exports/``), written in another forked process meanwhile;
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
LABELS_READ = "labels read"           # the entry of a rendered figure that lists the label keys it read
LABELS_USED: dict[str, list[str]] = {}   # figure -> label keys, as last rendered in this process
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


class Tables(dict):
    """name -> DataFrame of every table; a table reused from the committed file is read only when asked for
    (its bytes, in :attr:`committed`, are what the build writes)."""

    def __init__(self):
        super().__init__()
        self.committed: dict[str, bytes] = {}

    def __getitem__(self, name: str):
        value = super().__getitem__(name)
        if value is None:
            from .tables.catalog import committed_table

            value = committed_table(name)
            super().__setitem__(name, value)
        return value

    def items(self):
        return [(name, self[name]) for name in self]

    def values(self):
        return [self[name] for name in self]


def table_outputs(quiet: bool = False) -> Tables:
    """name -> DataFrame for every catalogued table, typed and validated by its metadata (a table reused byte for
    byte from a build of the same inputs was validated when it was built, and is not read unless needed)."""
    from .metadata import validate

    tables = Tables()
    for spec in TABLES:
        started = time.perf_counter()
        reused = spec.reusable()
        if reused is not None:
            dict.__setitem__(tables, spec.name, None)
            tables.committed[spec.name] = reused
            _log(f"  table {spec.name:<24} unchanged", quiet)
            continue
        table = validate(spec.name, spec.compute())   # not reusable: checked once, just above
        tables[spec.name] = table
        _log(f"  table {spec.name:<24} {len(table):>5} rows  ({time.perf_counter() - started:.2f}s)", quiet)
    return tables


def processed_contents(tables: dict, out_dir: Path) -> dict[Path, bytes]:
    """The files of ``data/processed``: one CSV per table and ``datapackage.json``."""
    from .. import __version__
    from ..sources.raw import manifest_rows
    from .export import csv_bytes
    from .metadata import datapackage

    committed = getattr(tables, "committed", {})
    contents: dict[Path, bytes] = {out_dir / f"{name}.csv": committed[name] if name in committed else csv_bytes(tables[name])
                                   for name in tables}
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
    names = [spec.name for spec in TABLES if spec.name in tables]
    if root is None or not names:   # no corpus: the committed record stays as it is
        previous = PROCESSED_DIR / RECORD_NAME
        return {out_dir / RECORD_NAME: previous.read_bytes()} if previous.is_file() else {}
    data = {name: contents[out_dir / f"{name}.csv"] for name in names}
    return {out_dir / RECORD_NAME: record_bytes(str(root), corpus_commit(root), data)}


def _render(task: tuple[str, str]) -> dict[str, bytes]:
    """file name -> bytes of one figure in one language, every format (runs in a worker process)."""
    import matplotlib

    matplotlib.use("Agg")
    from ..plots import render
    from ..plots.style import labels_read

    name, lang = task
    with labels_read() as keys:
        out = {f"{name}_{lang}.{fmt}": data for fmt, data in render(name, lang=lang, formats=FIGURE_FORMATS).items()}
    out[LABELS_READ] = json.dumps(sorted(keys)).encode()   # what the figure's key must also cover
    return out


def _import_seaborn_without_widgets() -> None:
    """Import seaborn, without the ipywidgets it tries for its interactive palette choosers.

    A build draws no widget, and ipywidgets brings IPython with it: 0.3 s of the build's start, before its
    pool of processes can begin. Only when neither seaborn nor IPython is loaded yet (a script or the
    command line, not a notebook's kernel); ipywidgets stays importable afterwards.
    """
    import sys

    if "seaborn" in sys.modules or "IPython" in sys.modules or "ipywidgets" in sys.modules:
        import seaborn  # noqa: F401
        return
    sys.modules["ipywidgets"] = None   # an import of it raises ImportError, which seaborn expects
    try:
        import seaborn  # noqa: F401
    finally:
        del sys.modules["ipywidgets"]


#: The figures that take longest to draw (measured with ``make bench``), started first so that the pool's last
#: task is a short one; the others follow in catalogue order. Only the order changes, never the bytes.
SLOWEST_FIRST = ("fyp14_targets", "district_vs_city", "indicator_coverage", "gdp_target_drift")


def _drawing_order(names: list[str]) -> list[str]:
    """*names*, those of :data:`SLOWEST_FIRST` first."""
    return sorted(names, key=lambda name: SLOWEST_FIRST.index(name) if name in SLOWEST_FIRST
                  else len(SLOWEST_FIRST) + names.index(name))


def figure_outputs(figure_dir: Path, quiet: bool = False, workers: int | None = None,
                   names: list[str] | None = None) -> dict[Path, bytes]:
    """path -> bytes for every figure (or those in ``names``) in both languages and both formats.

    Each figure in each language is drawn on its own, in a pool of processes (one per core); each worker
    produces the same bytes a serial run would, so the output does not depend on the number of workers.
    """
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    from .forked import collection_paused, frozen_heap

    with collection_paused():   # what the imports allocate stays alive: collecting finds nothing
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot  # noqa: F401  (imported once here, inherited by the forked workers)
        _import_seaborn_without_widgets()

    from ..plots import FIGURES, register_cjk_font

    register_cjk_font()
    names = list(FIGURES) if names is None else names
    tasks = [(name, lang) for name in _drawing_order(names) for lang in LANGS]
    workers = workers or min(len(tasks), os.cpu_count() or 1)
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
        try:
            with frozen_heap():   # the workers are forked by these submissions
                futures = [pool.submit(_render, task) for task in tasks]
            rendered = [future.result() for future in futures]
        finally:  # on an interrupt, drop the figures not started instead of waiting for them
            pool.shutdown(wait=True, cancel_futures=True)
    else:
        rendered = [_render(task) for task in tasks]
    out: dict[Path, bytes] = {}
    read: dict[str, set[str]] = {name: set() for name in names}
    for (name, _lang), files in zip(tasks, rendered):
        out.update({figure_dir / file: data for file, data in files.items() if file != LABELS_READ})
        read[name].update(json.loads(files[LABELS_READ]))
    for name in names:
        LABELS_USED[name] = sorted(read[name])
        _log(f"  figure {name}", quiet)
    return out


def workbook_contents(tables: dict) -> bytes:
    """The Excel workbook of every table, with the about sheet generated from the metadata."""
    from .forked import collection_paused

    with collection_paused():   # pandas imported, the tables read: all of it stays alive until the end
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


def keyed_figures(processed: dict[Path, bytes], figure_dir: Path, quiet: bool) -> dict[Path, bytes]:
    """Every figure file and the record of their keys: a figure whose key and files are unchanged is reused,
    the others are drawn (see :mod:`.keyed`)."""
    from ..plots import FIGURES
    from .keyed import FIGURES_RECORD, figure_keys, labels_digest, record_bytes, record_entry, reused_figure

    keys = figure_keys(processed, settings=repr((FIGURE_FORMATS, LANGS)).encode())
    out: dict[Path, bytes] = {}
    files_of: dict[str, dict[Path, bytes]] = {}
    labels_of: dict[str, list[str] | None] = {}
    for name in FIGURES:
        reused, labels = reused_figure(figure_dir, name, keys[name])
        if reused is not None:
            files_of[name], labels_of[name] = reused, labels
            _log(f"  figure {name} (unchanged)", quiet)
    drawn = drawn_figures(processed, figure_dir, quiet, [n for n in FIGURES if n not in files_of])
    for name in FIGURES:
        if name not in files_of:
            prefix = f"{name}_"
            files_of[name] = {p: d for p, d in drawn.items() if p.name.startswith(prefix)
                              and p.name[len(prefix):].split(".")[0] in LANGS}
            labels_of[name] = LABELS_USED.get(name)   # None (never reused) if the drawing did not report them
        out.update(files_of[name])
    out[figure_dir / FIGURES_RECORD] = record_bytes({n: dict(record_entry(keys[n], files_of[n]), labels=labels_of[n],
                                                          labels_digest=labels_digest(labels_of[n]))
                                                  for n in FIGURES})
    return out


def _workbook_with_record(exports_dir: Path, key: str, files: dict[Path, bytes]) -> dict[Path, bytes]:
    from .keyed import WORKBOOK_RECORD, record_bytes, record_entry

    return {**files, exports_dir / WORKBOOK_RECORD: record_bytes({"workbook": record_entry(key, files)})}


def _written_workbook(tables: dict, exports_dir: Path, key: str) -> dict[Path, bytes]:
    """The workbook written anew, and its record."""
    return _workbook_with_record(exports_dir, key, {exports_dir / WORKBOOK_NAME: workbook_contents(tables)})


def started_workbook(tables: dict, processed: dict[Path, bytes], exports_dir: Path, quiet: bool = True):
    """Start the workbook; ``.result()`` of the object returned gives its files and record.

    Reused at once when its key and bytes are unchanged. Otherwise it is written in a forked process of its
    own, started now, before the figures' libraries are imported: it runs beside that import (the build's
    one serial step) and beside the figures' pool. Without fork it is written here, before returning.
    """
    import multiprocessing

    from .forked import Done, Forked
    from .keyed import WORKBOOK_RECORD, reused_files, workbook_key

    _log("building workbook", quiet)
    key = workbook_key(processed)
    files = reused_files(exports_dir, WORKBOOK_RECORD, "workbook", key)
    if files is not None:
        return Done(_workbook_with_record(exports_dir, key, files))
    if "fork" not in multiprocessing.get_all_start_methods():
        return Done(_written_workbook(tables, exports_dir, key))
    return Forked(_written_workbook, tables, exports_dir, key, what="the workbook")


def _figures_and_labels(processed: dict[Path, bytes], figure_dir: Path, quiet: bool,
                        names: list[str]) -> tuple[dict[Path, bytes], dict[str, list[str]]]:
    """What :func:`staged_figures` draws, and the label keys each of those figures read."""
    files = staged_figures(processed, figure_dir, quiet, names)
    return files, {name: LABELS_USED[name] for name in names if name in LABELS_USED}


def drawn_figures(processed: dict[Path, bytes], figure_dir: Path, quiet: bool, names: list[str]) -> dict[Path, bytes]:
    """:func:`staged_figures`, drawn in a forked process of its own where fork is available.

    The figures' libraries (matplotlib, seaborn, pandas) are then imported there and never in the build's
    own process, which exits at once instead of spending 0.15 s tearing them down; the process forks the
    pool that draws the figures and ends without that teardown. :data:`LABELS_USED` is updated here as if
    the figures had been drawn in this process.
    """
    import multiprocessing

    from .forked import Forked

    if not names:
        return {}
    if "fork" not in multiprocessing.get_all_start_methods():
        files, labels = _figures_and_labels(processed, figure_dir, quiet, names)
    else:
        job = Forked(_interruptible, _figures_and_labels, processed, figure_dir, quiet, names,
                     what="the figures", daemon=False)   # it starts the pool's processes
        try:
            files, labels = job.result()
        finally:
            job.cancel()
    LABELS_USED.update(labels)
    return files


def _interruptible(function, *args):
    """``function(*args)`` with SIGINT, SIGTERM and SIGHUP raising ``Interrupted`` (so a cancelled process
    shuts its own pool down before it ends)."""
    from .._atomic import interrupts_raise

    with interrupts_raise():
        return function(*args)


def staged_figures(processed: dict[Path, bytes], figure_dir: Path, quiet: bool,
                   names: list[str] | None = None) -> dict[Path, bytes]:
    """Figures drawn from tables not yet published: the library reads them from a temporary folder."""
    import os
    import tempfile

    if names is not None and not names:
        return {}
    with tempfile.TemporaryDirectory(prefix="dalian-reports-tables-") as staging:
        for path, data in processed.items():
            (Path(staging) / path.name).write_bytes(data)
        previous = os.environ.get("DALIAN_REPORTS_TABLES")
        os.environ["DALIAN_REPORTS_TABLES"] = staging
        try:
            return figure_outputs(figure_dir, quiet, names=names)
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
    processed = dict(contents)   # what the figures and the workbook are drawn from (their keys cover it)
    books = started_workbook(tables, processed, exports_dir, quiet) if workbook else None
    try:
        if figures:
            _log("building figures", quiet)
            contents.update(keyed_figures(processed, figure_dir, quiet))
        if books is not None:
            contents.update(books.result())
    finally:
        if books is not None:
            books.cancel()
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


def coalesce_streams(nb) -> None:
    """Merge consecutive stdout (or stderr) chunks of a cell: how the kernel happened to flush its output
    must not change the committed notebook."""
    for cell in nb.cells:
        merged = []
        for output in cell.get("outputs", []):
            if (merged and output.get("output_type") == "stream" and merged[-1].get("output_type") == "stream"
                    and merged[-1].get("name") == output.get("name")):
                merged[-1]["text"] = "".join([merged[-1]["text"], output["text"]])
                continue
            merged.append(output)
        if "outputs" in cell:
            cell["outputs"] = merged


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
        coalesce_streams(nb)
        target = source.with_suffix(".ipynb")
        atomic_write_text(target, nbformat.writes(nb) + "\n")
        written.append(target)
        _log(f"executed {source.name} → {target.name} ({time.perf_counter() - started:.1f}s)", quiet)
    return written