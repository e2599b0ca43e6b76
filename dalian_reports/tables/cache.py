"""A disk cache for the expensive tables, keyed by a fingerprint of everything they are built from.

A table is rebuilt only when its inputs change: the fingerprint hashes the raw
source files, the manifest, the reference data, and every module and data file
of the package. A changed byte anywhere gives a new fingerprint, so a cached
table is never stale; a changed raw file still fails its checksum, because the
fingerprint changes and the table is rebuilt from the verified source.

The cache lives in ``.cache/tables/`` at the repository root (not committed).
Set ``DALIAN_REPORTS_CACHE=off`` to always rebuild (the tests do).

>>> from dalian_reports.tables.cache import fingerprint
>>> len(fingerprint())
64
"""
from __future__ import annotations

import functools
import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from .._paths import REPO, data_dir

PACKAGE = Path(__file__).resolve().parents[1]
_memory: dict[str, object] = {}


def cache_dir() -> Path:
    return Path(os.environ.get("DALIAN_REPORTS_CACHE_DIR", REPO / ".cache" / "tables"))


def enabled() -> bool:
    return os.environ.get("DALIAN_REPORTS_CACHE", "on").lower() not in ("off", "0", "no", "false")


def _inputs() -> list[Path]:
    data = data_dir()
    files = [data / "sources.csv", *sorted((data / "raw").glob("*")), *sorted((data / "reference").rglob("*.csv"))]
    files += sorted(p for p in PACKAGE.rglob("*") if p.suffix in (".py", ".csv") and "__pycache__" not in p.parts)
    return [f for f in files if f.is_file()]


_last_fingerprint: tuple[tuple, str] | None = None


def fingerprint() -> str:
    """sha256 over the bytes (and names) of every input of the tables.

    The bytes are hashed again only when some input's size or modification time changed since the
    last call, so repeated table calls in a notebook do not re-read every file.
    """
    global _last_fingerprint
    paths = _inputs()
    stamp = tuple((str(p), st.st_size, st.st_mtime_ns) for p in paths for st in [p.stat()])
    if _last_fingerprint is not None and _last_fingerprint[0] == stamp:
        return _last_fingerprint[1]
    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path.relative_to(path.anchor)).encode())
        digest.update(path.read_bytes())
    _last_fingerprint = (stamp, digest.hexdigest())
    return _last_fingerprint[1]


def _store(path: Path, value) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def clear_caches() -> None:
    """Forget every table and text held in memory (e.g. after the data directory changed)."""
    from ..sources import cleaning, raw, reports, years
    from . import headline

    raw.clear_caches()
    for function in (reports._all_reports, years.restorations_for, cleaning._report_text, headline._report_records):
        function.cache_clear()
    _memory.clear()


def cached(function):
    """Serve ``function(*args)`` from memory or disk when the fingerprint matches; else build and store it.

    Returns a copy, so a caller that edits the table does not edit the cache.
    """
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        if not enabled():
            return function(*args, **kwargs)
        key = f"{function.__module__}.{function.__qualname__}{args!r}{sorted(kwargs.items())!r}"
        name = hashlib.sha256(f"{key}|{fingerprint()}".encode()).hexdigest()[:32]
        if name not in _memory:
            path = cache_dir() / f"{function.__name__}-{name}.pkl"
            try:
                with open(path, "rb") as fh:
                    _memory[name] = pickle.load(fh)
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
                _memory[name] = function(*args, **kwargs)
                try:
                    _store(path, _memory[name])
                except OSError:  # a read-only checkout still works, only slower
                    pass
        return _memory[name].copy()

    wrapper.uncached = function
    return wrapper
