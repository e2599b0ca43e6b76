"""The per-report extraction on Dask: one task per corpus file, on every core or on a cluster.

Each report is read, cleaned and extracted on its own (:func:`~dalian_reports.sources.corpus.read_corpus_file`,
then :func:`~dalian_reports.extract.headline.extract_headline` with the report's language, year and
jurisdiction, as ``benchmarks/bench_extraction.py`` does for the corpus): nothing is shared between reports, so
the work maps over a ``dask.bag`` of file paths and the rows are concatenated at the end. A file that cannot be
read or extracted becomes one row naming the file and the error (column ``error``) instead of stopping the map.
The rows come back sorted by file, each file's rows in the parser's order, whatever the scheduling (a report
with no headline figure has no row).

Dask is an optional extra (``pip install "dalian-reports[dask]"``): it is imported inside
:func:`extract_files_dask` only, and :func:`extract_files` computes the same table in one process.

Examples
--------
On a cluster whose workers have the package installed and read the corpus at the same path (on one machine,
see :func:`extract_files_dask`):

>>> from distributed import Client                                    # doctest: +SKIP
>>> from dalian_reports.sources.corpus import corpus_files            # doctest: +SKIP
>>> root = "/mnt/corpus/lawtext-gov"                                   # doctest: +SKIP
>>> rows = extract_files_dask(corpus_files(root), root, client=Client("tcp://scheduler:8786"))  # doctest: +SKIP
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..extract.headline import COLUMNS as HEADLINE_COLUMNS

PROVENANCE = ["source_file", "jurisdiction", "report_year", "corpus_commit"]
COLUMNS = PROVENANCE + list(HEADLINE_COLUMNS) + ["error"]
INSTALL_HINT = 'pip install "dalian-reports[dask]"'


def file_rows(path: str | Path, root: str | Path, corpus_commit: str = ""):
    """The headline rows of one corpus file, or one row naming the file and the error if it fails.

    Parameters
    ----------
    path : str or Path
        A report file of the corpus (lawtext/gov layout: the folder names the jurisdiction, the file the year).
    root : str or Path
        The corpus root; ``source_file`` is the path relative to it.
    corpus_commit : str, optional
        The corpus commit (:func:`~dalian_reports.sources.corpus.corpus_commit`), carried on every row.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COLUMNS`: the rows of :func:`~dalian_reports.extract.headline.extract_headline` with the
        file, jurisdiction, report year and commit, ``error`` empty. When reading or extracting raises (a
        :class:`~dalian_reports.errors.ParseError`, a :class:`~dalian_reports.errors.SourceError` or anything
        else), a single row of ``source_file``, ``corpus_commit`` and ``error`` = ``"<exception type>:
        <message>"`` (with ``jurisdiction`` and ``report_year`` when the file was read); :func:`combine` adds
        the other columns, empty.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> report = root / "政府工作报告-主要城市" / "大连市" / "2014.md"
    >>> report.parent.mkdir(parents=True)
    >>> _ = report.write_text("预计全市实现地区生产总值7820亿元，增长11%。\\n", encoding="utf-8")
    >>> file_rows(report, root)[["source_file", "jurisdiction", "measure", "value", "error"]].values.tolist()
    [['政府工作报告-主要城市/大连市/2014.md', 'dalian', 'level', 7820.0, None], ['政府工作报告-主要城市/大连市/2014.md', 'dalian', 'growth', 11.0, None]]
    >>> import shutil; shutil.rmtree(root)
    """
    import pandas as pd

    from ..extract.headline import extract_headline
    from ..sources.corpus import read_corpus_file

    doc = None
    try:
        doc = read_corpus_file(path, root, corpus_commit=corpus_commit)
        rows = extract_headline(doc.clean.text, doc.lang, doc.year, jurisdiction=doc.jurisdiction)
    except Exception as exc:   # noqa: BLE001  (one report's failure is recorded, not allowed to stop the map)
        known = {"jurisdiction": doc.jurisdiction, "report_year": doc.year} if doc else {}
        failure = {"source_file": _relative(path, root), **known, "corpus_commit": corpus_commit,
                   "error": f"{type(exc).__name__}: {exc}"}
        return pd.DataFrame([failure])   # no all-empty columns: they would change the dtypes of the concat
    rows = rows.assign(source_file=doc.rel_path, jurisdiction=doc.jurisdiction, report_year=doc.year,
                       corpus_commit=corpus_commit, error=None)
    return rows[COLUMNS]


def _relative(path: str | Path, root: str | Path) -> str:
    """``path`` as :func:`~dalian_reports.sources.corpus.read_corpus_file` names it (relative to ``root``)."""
    path, root = Path(path), Path(root)
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name


def combine(frames: Iterable):
    """One table from the per-file tables of :func:`file_rows`, in a stable order.

    Sorted by ``source_file`` (a stable sort, so each file keeps its rows in the parser's order), the index
    renumbered: the result does not depend on the order in which the files were given or computed.

    Examples
    --------
    >>> import pandas as pd
    >>> b = pd.DataFrame({"source_file": ["b.md", "b.md"], "line": [9, 2]}).reindex(columns=COLUMNS)
    >>> a = pd.DataFrame({"source_file": ["a.md"], "line": [5]}).reindex(columns=COLUMNS)
    >>> combine([b, a])[["source_file", "line"]].values.tolist()
    [['a.md', 5], ['b.md', 9], ['b.md', 2]]
    """
    import pandas as pd

    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=COLUMNS)
    table = pd.concat(frames, ignore_index=True).reindex(columns=COLUMNS)
    table["report_year"] = table["report_year"].astype("Int64")
    return table.sort_values("source_file", kind="stable").reset_index(drop=True)


def extract_files(paths: Iterable[str | Path], root: str | Path):
    """The rows of every file, in this process: the serial reference of :func:`extract_files_dask`.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> report = root / "政府工作报告-主要城市" / "大连市" / "2014.md"
    >>> report.parent.mkdir(parents=True)
    >>> _ = report.write_text("预计全市实现地区生产总值7820亿元，增长11%。\\n", encoding="utf-8")
    >>> rows = extract_files([report.with_name("2013.md"), report], root)
    >>> rows[["source_file", "measure"]].values.tolist()
    [['政府工作报告-主要城市/大连市/2013.md', nan], ['政府工作报告-主要城市/大连市/2014.md', 'level'], ['政府工作报告-主要城市/大连市/2014.md', 'growth']]
    >>> rows["error"].notna().tolist()
    [True, False, False]
    >>> import shutil; shutil.rmtree(root)
    """
    from ..sources.corpus import corpus_commit

    commit = corpus_commit(root)
    return combine(file_rows(p, root, commit) for p in paths)


def extract_files_dask(paths: Iterable[str | Path], root: str | Path, *, client=None,
                       npartitions: int | None = None, timeout: float | None = None):
    """The rows of every file, one ``dask.bag`` task per file batch: the same table as :func:`extract_files`.

    Parameters
    ----------
    paths : iterable of str or Path
        Corpus files; every worker must be able to read them at these paths (a shared file system).
    root : str or Path
        The corpus root, as the workers see it.
    client : distributed.Client, optional
        Where to run: ``Client(LocalCluster(...))`` on one machine, ``Client("tcp://scheduler:8786")`` on a
        cluster. By default, Dask's current scheduler (the active client, else a local pool of processes).
    npartitions : int, optional
        How many tasks the files are split into (default: Dask's choice, at most about 100).
    timeout : float, optional
        Seconds to wait for a ``client``'s result before raising ``TimeoutError`` (default: no limit).

    Returns
    -------
    pandas.DataFrame
        As :func:`extract_files`: columns :data:`COLUMNS`, sorted by file, failures as rows with ``error``.

    Raises
    ------
    ImportError
        When Dask is not installed; the message names the extra to install.

    Examples
    --------
    Two worker processes on this machine; the table is the serial one (``tests/test_distributed.py``):

    >>> from distributed import Client, LocalCluster                  # doctest: +SKIP
    >>> from dalian_reports.sources.corpus import corpus_files        # doctest: +SKIP
    >>> root = "../shared/corpus/lawtext-gov"                          # doctest: +SKIP
    >>> with LocalCluster(n_workers=2, threads_per_worker=1) as cluster, Client(cluster) as client:  # doctest: +SKIP
    ...     rows = extract_files_dask(corpus_files(root), root, client=client)
    >>> rows.equals(extract_files(corpus_files(root), root))          # doctest: +SKIP
    True
    """
    dask_bag = _dask_bag()
    from ..sources.corpus import corpus_commit

    paths = [str(p) for p in paths]
    if not paths:
        return combine([])
    files = dask_bag.from_sequence(paths, npartitions=npartitions)
    tasks = files.map(file_rows, root=str(root), corpus_commit=corpus_commit(root))
    frames = client.compute(tasks).result(timeout=timeout) if client is not None else tasks.compute()
    return combine(frames)


def _dask_bag():
    """``dask.bag``, or an ImportError that says how to install it."""
    try:
        import dask.bag
    except ImportError as exc:
        raise ImportError(f"the Dask example needs the optional dask extra: {INSTALL_HINT}") from exc
    return dask.bag
