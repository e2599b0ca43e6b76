"""Where the library finds the data it ships: processed tables, their metadata, and the seed documents.

An installed wheel carries them inside the package (``dalian_reports/_data/``, mapped there from the
repository's ``data/`` by the build backend, see ``pyproject.toml``); a checkout (editable install)
reads the repository's ``data/`` itself, so there is one copy in the repository, not two.
``DALIAN_REPORTS_DATA`` points the library at another data folder (tests use it for damaged copies), and
``DALIAN_REPORTS_TABLES`` at another folder of tables (the pipeline draws its figures from the tables it
is about to publish).

The library only ever *reads* from here.

>>> data_dir().joinpath("processed", "datapackage.json").is_file()
True
"""
from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO = PACKAGE_DIR.parent  # the checkout, when the package runs from one


def data_dir() -> Path:
    """The data folder: ``$DALIAN_REPORTS_DATA``, the wheel's ``_data/``, or the checkout's ``data/``."""
    override = os.environ.get("DALIAN_REPORTS_DATA")
    if override:
        return Path(override)
    shipped = resources.files("dalian_reports").joinpath("_data")
    if shipped.is_dir():
        return Path(str(shipped))
    return REPO / "data"


def raw_dir() -> Path:
    return data_dir() / "raw"


def processed_dir() -> Path:
    override = os.environ.get("DALIAN_REPORTS_TABLES")
    return Path(override) if override else data_dir() / "processed"


def in_checkout() -> bool:
    """True when the package runs from a repository checkout (the pipeline needs one)."""
    return (REPO / "pyproject.toml").is_file() and (REPO / "data" / "sources.csv").is_file()
