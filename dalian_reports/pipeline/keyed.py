"""Content-keyed figures and workbook: a build redraws only what its inputs changed, and never serves a stale file.

Each figure (in both languages and formats) and the workbook get a *key*: a sha256 over everything they are drawn
from — the bytes of the tables being published, the package's code (for a figure: all of it but the modules of
the *other* figures, so editing one figure's module redraws that figure alone; ``plots/labels.csv`` is covered
label by label, through the labels each figure read when it was drawn), the CJK font, and the versions of the
libraries that draw them. The build writes a record beside the outputs (``figures/.build_record.json``,
``data/exports/.build_record.json``): each key with the sha256 of the files it produced. The next build reuses a
file only when its key is unchanged **and** the file on disk still has the recorded sha256; anything else (a new
table, a code change, a file edited or deleted by hand, a missing record) draws it again.
``DALIAN_REPORTS_REBUILD=1`` redraws everything.

>>> key_of([b"a", b"b"]) == key_of([b"a", b"b"]) != key_of([b"ab"])
True
"""
from __future__ import annotations

import hashlib
import inspect
import json
import os
from functools import lru_cache
from pathlib import Path

from .._resources import REPO

FIGURES_RECORD = ".figures_build.json"     # beside the figures
WORKBOOK_RECORD = ".workbook_build.json"   # beside the workbook (a separate name: both may share one folder)
PACKAGE = REPO / "dalian_reports"


def key_of(parts) -> str:
    """sha256 over a sequence of byte strings, each length-prefixed (so the parts cannot run into each other)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


@lru_cache(maxsize=None)
def _file_sha(path: Path, size: int, mtime_ns: int) -> bytes:
    return hashlib.sha256(path.read_bytes()).digest()


def _files_digest(paths) -> bytes:
    parts = []
    for path in sorted(paths):
        stat = path.stat()
        parts += [path.relative_to(REPO).as_posix().encode() if path.is_relative_to(REPO) else path.name.encode(),
                  _file_sha(path, stat.st_size, stat.st_mtime_ns)]
    return key_of(parts).encode()


def package_files(exclude=()) -> list[Path]:
    """The package's source and data files, without ``exclude`` (files or folders)."""
    exclude = [Path(p).resolve() for p in exclude]
    return [p for p in _package_tree() if not any(p == e or p.is_relative_to(e) for e in exclude)]


def _package_tree() -> list[Path]:
    root = PACKAGE.resolve()
    return [p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"]


def tables_digest(processed: dict[Path, bytes]) -> bytes:
    """The bytes of the tables being published (not the reuse record, which names the code's fingerprint)."""
    from .tables.reuse import RECORD_NAME as TABLE_RECORD

    return key_of([part for path, data in sorted(processed.items()) if path.name != TABLE_RECORD
                   for part in (path.name.encode(), data)]).encode()


def _versions(*modules: str) -> bytes:
    from importlib.metadata import PackageNotFoundError, version

    out = []
    for name in modules:
        try:
            out.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            out.append(f"{name}=absent")
    return ";".join(out).encode()


def figure_keys(processed: dict[Path, bytes], settings: bytes = b"") -> dict[str, str]:
    """name -> key of every figure of :data:`dalian_reports.plots.FIGURES`."""
    from ..plots import FIGURES
    from ..plots.style import cjk_font_path

    modules = {name: Path(inspect.getsourcefile(function)).resolve() for name, function in FIGURES.items()}
    labels = PACKAGE / "plots" / "labels.csv"   # covered label by label: the build records the labels each read
    common = [tables_digest(processed), _files_digest([cjk_font_path()]),
              _versions("matplotlib", "seaborn", "numpy", "pandas", "mplfonts"), settings]
    keys = {}
    for name in FIGURES:
        others = {module for other, module in modules.items() if module != modules[name]}
        keys[name] = key_of(common + [name.encode(), _files_digest(package_files(exclude=others | {labels}))])
    return keys


def workbook_key(processed: dict[Path, bytes]) -> str:
    """Key of the workbook: the tables, the code but the plot functions, metadata and manifest, the writer's
    version."""
    inputs = [REPO / "data" / "sources.csv"] + sorted(p for p in (REPO / "data" / "metadata").rglob("*") if p.is_file())
    return key_of([tables_digest(processed), _files_digest(package_files(exclude=[PACKAGE / "plots"])),
                   _files_digest(inputs), _versions("XlsxWriter", "pandas")])


def read_record(directory: Path, record_name: str) -> dict:
    try:
        record = json.loads((directory / record_name).read_text(encoding="utf-8"))
        return record if isinstance(record, dict) else {}
    except (FileNotFoundError, ValueError, UnicodeDecodeError):
        return {}


def reused_files(directory: Path, record_name: str, entry: str, key: str) -> dict[Path, bytes] | None:
    """The files recorded under ``entry`` when its key is ``key`` and every file is intact; else None."""
    if os.environ.get("DALIAN_REPORTS_REBUILD") == "1":
        return None
    recorded = read_record(directory, record_name).get(entry)
    if not isinstance(recorded, dict) or recorded.get("key") != key or not recorded.get("files"):
        return None
    out = {}
    for name, sha in recorded["files"].items():
        path = directory / name
        if Path(name).name != name or not path.is_file():
            return None
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != sha:
            return None   # edited or damaged by hand: drawn again
        out[path] = data
    return out


def record_entry(key: str, files: dict[Path, bytes]) -> dict:
    return {"key": key, "files": {path.name: hashlib.sha256(data).hexdigest() for path, data in sorted(files.items())}}


def record_bytes(entries: dict[str, dict]) -> bytes:
    return (json.dumps(dict(sorted(entries.items())), indent=1) + "\n").encode()


def reused_figure(figure_dir: Path, name: str, key: str) -> tuple[dict[Path, bytes] | None, list[str]]:
    """(the recorded files of a figure, the labels it read) when its key, its files and the texts of those
    labels are unchanged; (None, []) otherwise."""
    recorded = read_record(figure_dir, FIGURES_RECORD).get(name)
    labels = recorded.get("labels") if isinstance(recorded, dict) else None
    digest = labels_digest(labels) if isinstance(labels, list) else None
    if digest is None or recorded.get("labels_digest") != digest:
        return None, []
    files = reused_files(figure_dir, FIGURES_RECORD, name, key)
    return (files, labels) if files is not None else (None, [])


def labels_digest(keys: list[str] | None) -> str | None:
    """sha256 of the texts of the labels ``keys`` (None when the keys are not known)."""
    from ..plots.style import label_texts

    if keys is None:
        return None
    return hashlib.sha256(json.dumps(label_texts(keys), ensure_ascii=False).encode()).hexdigest()
