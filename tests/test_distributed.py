"""The Dask example (dalian_reports.pipeline.distributed) on a local cluster of two worker processes.

The selection is fixed: every Dalian report of the development corpus, plus the 2025 reports of the State
Council, Liaoning and Shenyang. They are linked into a temporary corpus beside two bad files: a copy of a
Dalian report with a NUL byte (damaged) and a file that is listed but does not exist (unreadable). The
cluster's table must equal the one computed serially in this process with the same functions, row for row.
"""
from __future__ import annotations

import random
import shutil
import sys

import pandas as pd
import pytest

from dalian_reports.pipeline import distributed as dd
from dalian_reports.sources.corpus import corpus_commit, corpus_files

DALIAN = "政府工作报告-主要城市/大连市"
OTHERS = ["政府工作报告-国务院/2025.md", "政府工作报告-省自治区/辽宁省/2025.md", "政府工作报告-主要城市/沈阳市/2025.md"]
DAMAGED = f"{DALIAN}/2030.md"      # a report's bytes with a NUL byte inserted
MISSING = f"{DALIAN}/2031.md"      # named but absent (a worker that cannot see the file)


@pytest.fixture(scope="module")
def corpus(corpus_dir, tmp_path_factory):
    """(root, good paths, all paths): the selection linked into a temporary corpus, with the two bad files."""
    root = tmp_path_factory.mktemp("corpus") / corpus_dir.name
    selected = [p.relative_to(corpus_dir).as_posix() for p in corpus_files(corpus_dir, folders=[DALIAN])]
    selected += [o for o in OTHERS if (corpus_dir / o).is_file()]
    for rel in selected:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).symlink_to(corpus_dir / rel)
    for readme in (corpus_dir / "README.md", corpus_dir.parent / "README.md"):   # where the corpus commit is
        if readme.is_file():
            shutil.copy(readme, root.parent / readme.relative_to(corpus_dir.parent))
    data = (corpus_dir / selected[0]).read_bytes()
    (root / DAMAGED).write_bytes(data[:2000] + b"\x00" + data[2000:])
    good = [root / rel for rel in selected]
    return root, good, sorted(good + [root / DAMAGED, root / MISSING])


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed", reason='the dask extra is not installed '
                                                            '(pip install "dalian-reports[dask]")')
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as cluster, distributed.Client(cluster, timeout="30s") as c:
        yield c


@pytest.fixture(scope="module")
def serial(corpus):
    root, _, paths = corpus
    return dd.extract_files(paths, root)


@pytest.fixture(scope="module")
def on_cluster(corpus, client):
    """The cluster's table, the files given in reverse order."""
    root, _, paths = corpus
    return dd.extract_files_dask(paths[::-1], root, client=client, npartitions=6, timeout=120)


def test_the_cluster_gives_the_serial_table_row_for_row(corpus_dir, corpus, serial, on_cluster):
    root, good, _ = corpus
    assert len(good) >= 20 and serial["source_file"].nunique() == len(good) + 2
    assert serial["corpus_commit"].eq(corpus_commit(corpus_dir)).all()
    assert serial["error"].notna().sum() == 2 and len(serial) > 10 * len(good)
    pd.testing.assert_frame_equal(on_cluster, serial)


def test_a_damaged_or_missing_file_is_a_failure_row_naming_it(on_cluster):
    failures = on_cluster[on_cluster["error"].notna()]
    assert failures["source_file"].tolist() == [DAMAGED, MISSING]
    damaged, missing = failures["error"].tolist()
    assert damaged.startswith("SourceError:") and "NUL byte" in damaged and DAMAGED in damaged
    assert missing.startswith("SourceError:") and "not a readable file" in missing and MISSING in missing
    assert failures[["kind", "indicator", "value", "quote"]].isna().all().all()
    rows = on_cluster[on_cluster["error"].isna()]
    assert rows["kind"].notna().all() and rows["jurisdiction"].notna().all()


def test_the_order_does_not_depend_on_the_input_order_or_the_partitions(corpus, client, on_cluster):
    root, _, paths = corpus
    shuffled = random.Random(16).sample(paths, len(paths))
    again = dd.extract_files_dask(shuffled, root, client=client, npartitions=len(paths), timeout=120)
    pd.testing.assert_frame_equal(again, on_cluster)
    assert on_cluster["source_file"].is_monotonic_increasing
    for rel in (f"{DALIAN}/2001.md", f"{DALIAN}/2026.md", OTHERS[0]):   # each file's rows in the parser's order
        one = dd.file_rows(root / rel, root, corpus_commit(root))
        assert on_cluster.loc[on_cluster["source_file"] == rel, "quote"].tolist() == one["quote"].tolist()


def test_without_dask_the_error_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "dask", None)
    monkeypatch.setitem(sys.modules, "dask.bag", None)
    with pytest.raises(ImportError, match=r'pip install "dalian-reports\[dask\]"'):
        dd.extract_files_dask([], ".")
