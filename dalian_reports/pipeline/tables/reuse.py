"""Content-keyed reuse of the tables: parse the corpus and rebuild a table only when something it depends on changed.

Building ``targets_panel`` reads and parses every report of the corpus (about half a minute), and the audit and
the target tables read the corpus too. The build records,
in ``data/processed/corpus_build.json``, a fingerprint of everything those tables are computed from — every file
of the corpus, the package's code (but the plot functions, which no table is computed from) and vocabulary, and the
project's inputs (``data/raw``, ``data/metadata``,
``data/reference``, ``data/sources.csv``) — together with the sha256 of each table it wrote. The next build reuses a
committed table only when the fingerprint is unchanged **and** the committed file still has the recorded sha256;
anything else (a changed report, a parser change, an edited or damaged CSV) rebuilds it. Nothing is unpickled;
``DALIAN_REPORTS_REBUILD=1`` forces a rebuild.
"""
from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

from ..._resources import REPO

RECORD_NAME = "corpus_build.json"
INPUTS = ("dalian_reports", "data/raw", "data/metadata", "data/reference", "data/sources.csv")


#: Parts of the package no table is computed from (the tables' code never imports them; a test checks it), so a
#: change to a figure, to the workbook writer, to the keys of figures and workbook or to the forked process the
#: workbook is written in does not rebuild the tables.
NOT_TABLE_INPUTS = ("dalian_reports/plots", "dalian_reports/pipeline/workbook.py", "dalian_reports/pipeline/keyed.py",
                    "dalian_reports/pipeline/forked.py")


def _files(base: Path) -> list[Path]:
    if base.is_file():
        return [base]
    skip = [REPO / part for part in NOT_TABLE_INPUTS]
    return sorted(p for p in base.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                  and p.suffix not in (".pyc",) and not any(p == s or p.is_relative_to(s) for s in skip))


@lru_cache(maxsize=4)
def fingerprint(corpus_root: str) -> str:
    """sha256 over every file the corpus tables depend on (relative path and bytes, in a stable order)."""
    digest = hashlib.sha256()
    root = Path(corpus_root)
    for label, base in [("corpus", root)] + [(name, REPO / name) for name in INPUTS]:
        anchor = base if base.is_dir() else base.parent
        for path in _files(base):
            digest.update(f"{label}:{path.relative_to(anchor).as_posix()}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def record_path(processed_dir: Path) -> Path:
    return processed_dir / RECORD_NAME


def read_record(processed_dir: Path) -> dict:
    try:
        return json.loads(record_path(processed_dir).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


def reusable(name: str, corpus_root: str, processed_dir: Path) -> bool:
    """True when the committed table ``name`` was built from exactly the current inputs and is intact."""
    if os.environ.get("DALIAN_REPORTS_REBUILD") == "1":
        return False
    record = read_record(processed_dir)
    path = processed_dir / f"{name}.csv"
    if record.get("fingerprint") != fingerprint(corpus_root) or not path.is_file():
        return False
    return record.get("tables", {}).get(name) == hashlib.sha256(path.read_bytes()).hexdigest()


def record_bytes(corpus_root: str, commit: str, tables: dict[str, bytes]) -> bytes:
    """The record written beside the tables: the fingerprint, the corpus commit and each table's sha256."""
    record = {"fingerprint": fingerprint(corpus_root), "corpus_commit": commit,
              "tables": {name: hashlib.sha256(data).hexdigest() for name, data in sorted(tables.items())}}
    return (json.dumps(record, indent=1) + "\n").encode()
