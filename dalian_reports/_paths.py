"""Where the project's data lives.

The package is installed in editable mode from the repository, so the data
directory is the repository's ``data/``. ``DALIAN_REPORTS_DATA`` overrides it
(tests use this to point at damaged copies of the corpus).
"""
from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def data_dir() -> Path:
    return Path(os.environ.get("DALIAN_REPORTS_DATA", REPO / "data"))


def raw_dir() -> Path:
    return data_dir() / "raw"


def processed_dir() -> Path:
    return data_dir() / "processed"
