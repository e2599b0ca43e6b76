"""Atomic writes: a reader sees the old file or the new one, never a half-written one.

Atomicity
---------
Every writer here writes a temporary file (named ``.tmp-<name>.<random>``, which
``.gitignore`` ignores) in the *same directory* as the target, flushes and
``fsync``s it, and then ``os.replace``s it over the target.  ``os.replace`` is
atomic on POSIX and Windows within one file system, so a reader sees either the
old file or the new one, never a half-written one, and an exception or a kill
while writing leaves the old file as it was.

Several files as one update
---------------------------
:func:`atomic_directory_update` gives old-or-new *for the whole set*:

1. leftovers of an earlier interrupted update of the same targets are rolled back and
   cleaned (see 6);
2. every new version is written to a temporary file beside its target and fsynced;
3. a journal ``.tmp-update.<id>.journal`` listing every (target, temporary, backup)
   is written atomically into each directory involved;
4. each existing target is hard-linked (or copied) to its backup ``.tmp-<name>.<id>.bak``;
5. each temporary is renamed over its target; then the journals are deleted (the
   commit point) and then the backups.
6. **Roll-back** reads the state from the disk, not from bookkeeping in memory: a
   target whose temporary is gone was replaced, and is restored from its backup (or
   removed, if it is new).  It can therefore be interrupted and redone:
   :func:`recover_interrupted_updates` finds the journals an update left behind and
   finishes the roll-back; the build runs it first, and step 1 runs it too.

**Signals.** From step 2 to the end, SIGINT, SIGTERM and SIGHUP are *deferred*: a
handler records them and nothing is raised between a rename and its bookkeeping.  A
signal received before the commit stops the update at the next step, which is rolled
back and ends in :class:`~dalian_reports.errors.Interrupted` (a ``KeyboardInterrupt``); one
received after the commit is delivered once the update is complete.  Any exception
rolls back too.  :func:`interrupts_raise` turns those signals into ``Interrupted``
for a whole job (the build), so that temporary files are removed on the way out.

**Remaining window.** A death that runs no Python code (SIGKILL, power loss, the
OOM killer) during steps 4-5 leaves some targets new and some old *until the next
update or build*, which rolls them back from the journal and backups; readers that
open several files during step 5 may also see a mix.  Each file is always whole.
Signals can be deferred only in the main thread; elsewhere they act as usual.
"""
from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Mapping

from .errors import DalianReportsError, Interrupted

__all__ = ["atomic_write_bytes", "atomic_write_text", "atomic_output", "atomic_directory_update", "TMP_PREFIX",
           "interrupts_raise", "recover_interrupted_updates"]

TMP_PREFIX = ".tmp-"
JOURNAL_GLOB = f"{TMP_PREFIX}update.*.journal"
SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")


# ------------------------------------------------------------------ atomic writes

def _umask() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)  # not thread-safe, only where /proc is unavailable
    os.umask(mask)
    return mask


def _target_mode(path: Path) -> int:
    """Mode the replacement should have: the old file's, or the umask default."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        return 0o666 & ~_umask()


def _temp_path(target: Path, tag: str = "") -> Path:
    """Create an empty temporary file next to *target* and return its path."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f"{TMP_PREFIX}{target.name[:80]}.{tag}",
                                suffix=target.suffix, dir=target.parent)
    os.close(fd)
    return Path(name)


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def _fsync_dir(directory: Path) -> None:
    if os.name != "posix":  # pragma: no cover - directories cannot be opened on Windows
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse
        pass
    finally:
        os.close(fd)


def _unlink_quietly(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


def _write_temp(target: Path, data: bytes) -> Path:
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"data for {target} must be bytes, not {type(data).__name__}")
    tmp = _temp_path(target)
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _target_mode(target))
    except BaseException:
        _unlink_quietly(tmp)
        raise
    return tmp


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write *data* to *path* atomically (temp file in the same directory, then
    ``os.replace``); create missing parent directories.  Returns the path."""
    path = Path(path)
    tmp = _write_temp(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        _unlink_quietly(tmp)
        raise
    _fsync_dir(path.parent)
    return path


def atomic_write_text(path: str | os.PathLike, text: str, encoding: str = "utf-8") -> Path:
    """Write *text* atomically, encoded as given, without newline translation."""
    return atomic_write_bytes(path, text.encode(encoding))


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path next to *path*; on a clean exit it replaces *path*.

    The temporary file exists (empty) and has *path*'s suffix, so libraries that
    choose a format by extension work.  If the block raises, the temporary file
    is removed and *path* is untouched::

        with atomic_output("out/book.xlsx") as tmp:
            workbook.save(tmp)
    """
    path = Path(path)
    tmp = _temp_path(path)
    try:
        yield tmp
        _fsync_file(tmp)
        os.chmod(tmp, _target_mode(path))
        os.replace(tmp, path)
    except BaseException:
        _unlink_quietly(tmp)
        raise
    _fsync_dir(path.parent)


# ------------------------------------------------------------------ signals

def _signals() -> list[int]:
    return [getattr(signal, name) for name in SIGNALS if hasattr(signal, name)]


@contextlib.contextmanager
def _handlers(handler) -> Iterator[None]:
    """Install ``handler`` for SIGINT, SIGTERM and SIGHUP (main thread only; ignored signals stay ignored)."""
    previous = {}
    if threading.current_thread() is threading.main_thread():
        for signum in _signals():
            old = signal.getsignal(signum)
            if old not in (signal.SIG_IGN, None):
                previous[signum] = old
                signal.signal(signum, handler)
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


def _raise_interrupted(signum, frame):
    raise Interrupted(signum)


@contextlib.contextmanager
def interrupts_raise() -> Iterator[None]:
    """Within the block, SIGINT, SIGTERM and SIGHUP raise :class:`~dalian_reports.errors.Interrupted`.

    ``Interrupted`` is a ``KeyboardInterrupt``, so ``finally`` blocks and roll-backs run on any of the
    three signals as they do on Ctrl-C, instead of the process dying with its temporary files.
    """
    with _handlers(_raise_interrupted):
        yield


class _Deferred:
    """A signal handler that only records the first signal; :meth:`check` raises it as ``Interrupted``."""

    def __init__(self):
        self.signum: int | None = None

    def __call__(self, signum, frame):
        if self.signum is None:
            self.signum = signum

    def check(self) -> None:
        if self.signum is not None:
            raise Interrupted(self.signum)


@contextlib.contextmanager
def _deferred_signals() -> Iterator[_Deferred]:
    """Record SIGINT/SIGTERM/SIGHUP during the block; one recorded but not raised is re-sent after it."""
    deferred = _Deferred()
    with _handlers(deferred):
        yield deferred
    if deferred.signum is not None:  # arrived after the commit: deliver it to the usual handler now
        signal.raise_signal(deferred.signum)


# ------------------------------------------------------------------ several files as one update

@dataclass(frozen=True)
class _Entry:
    """One target of an update: its temporary, its backup name, and whether it existed before."""

    target: Path
    temp: Path
    backup: Path
    existed: bool

    def as_json(self) -> dict:
        return {"target": str(self.target), "temp": str(self.temp), "backup": str(self.backup),
                "existed": self.existed}


def _items(contents: Mapping[str | os.PathLike, bytes | str]) -> list[tuple[Path, bytes]]:
    items: list[tuple[Path, bytes]] = []
    seen: set[str] = set()
    for raw_path, data in contents.items():
        path = Path(raw_path)
        key = os.path.normcase(os.path.abspath(path))
        if key in seen:
            raise ValueError(f"{path} appears twice in one update")
        seen.add(key)
        items.append((path, data.encode("utf-8") if isinstance(data, str) else data))
    return items


def atomic_directory_update(contents: Mapping[str | os.PathLike, bytes | str]) -> list[Path]:
    """Replace several files as one update: all or nothing, for the set (see the module docstring).

    *contents* maps each target path to its new bytes (``str`` is encoded as UTF-8).  Any exception, and
    SIGINT/SIGTERM/SIGHUP before the commit, leave every target as it was and remove the temporary files;
    the exception is re-raised.  Returns the target paths.
    """
    items = _items(contents)
    recover_interrupted_updates({path.parent for path, _ in items}, names={path.name for path, _ in items})
    with _deferred_signals() as deferred:
        temps: list[Path] = []
        try:
            for path, data in items:  # 2. every new version on disk, nothing replaced
                deferred.check()
                temps.append(_write_temp(path, data))
            tx = secrets.token_hex(6)
            entries = [_Entry(path, tmp, path.with_name(f"{TMP_PREFIX}{path.name[:80]}.{tx}.bak"), path.exists())
                       for (path, _), tmp in zip(items, temps)]
            _transaction(entries, tx, deferred)
        except BaseException:
            for tmp in temps:
                _unlink_quietly(tmp)
            raise
    return [path for path, _ in items]


def _transaction(entries: list[_Entry], tx: str, deferred: _Deferred) -> None:
    """Steps 3-5 of the module docstring; on any exception (or a deferred signal) roll back and re-raise."""
    directories = sorted({e.target.parent for e in entries})
    journals = [d / f"{TMP_PREFIX}update.{tx}.journal" for d in directories]
    try:
        record = {"journals": [str(j) for j in journals], "entries": [e.as_json() for e in entries]}
        for journal in journals:
            _write_journal(journal, json.dumps(record, ensure_ascii=False, indent=1).encode("utf-8"))
        for entry in entries:
            deferred.check()
            if entry.existed:
                _backup(entry.target, entry.backup)
        for entry in entries:
            deferred.check()
            os.replace(entry.temp, entry.target)
        deferred.check()
        for directory in directories:
            _fsync_dir(directory)
    except BaseException as exc:
        kept = _roll_back(entries)
        if kept and hasattr(exc, "add_note"):  # pragma: no cover - the disk failed during the roll-back
            exc.add_note("could not restore (the journal is kept for the next build): " + "; ".join(kept))
        if not kept:
            for journal in journals:
                _unlink_quietly(journal)
        raise
    for journal in journals:  # the commit point
        _unlink_quietly(journal)
    for entry in entries:
        _unlink_quietly(entry.backup)


def _write_journal(journal: Path, data: bytes) -> None:
    """Write a journal whole or not at all: into ``<journal>.part``, fsynced, then renamed."""
    part = journal.with_name(journal.name + ".part")
    with open(part, "xb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.rename(part, journal)  # os.rename, not os.replace: the journal never exists yet


def _backup(target: Path, backup: Path) -> None:
    """Hard-link (or, without hard links, copy) *target* to *backup*."""
    try:
        os.link(target, backup)
    except FileExistsError:  # pragma: no cover - 48 random bits collided: never overwrite a backup
        raise
    except OSError:  # file system without hard links
        shutil.copy2(target, backup)


def _roll_back(entries: list[_Entry]) -> list[str]:
    """Put every target of an unfinished update back as it was, judging from the disk; return failures."""
    kept = []
    for entry in reversed(entries):
        try:
            if not entry.temp.exists():  # the temporary was renamed: the target is new
                if not entry.existed:
                    _unlink_quietly(entry.target)
                elif entry.backup.exists():
                    os.replace(entry.backup, entry.target)
                # else: restored already, by a roll-back that was itself interrupted
            _unlink_quietly(entry.temp)
            _unlink_quietly(entry.backup)
        except OSError as error:  # pragma: no cover - the disk vanished
            kept.append(f"{entry.target} ({error}; previous version at {entry.backup})")
    return kept


def recover_interrupted_updates(directories, names=None) -> list[Path]:
    """Finish what an interrupted :func:`atomic_directory_update` left in ``directories``.

    Every journal found is rolled back (its targets get their previous versions back) and removed.  When
    ``names`` (file names of targets) are given, stray temporary files and backups of those targets
    (``.tmp-<name>.*``, left by a kill before a journal existed or after the commit) are deleted too.
    Returns the targets that were put back.
    """
    restored: list[Path] = []
    for directory in sorted({Path(d) for d in directories}):
        for journal in sorted(directory.glob(JOURNAL_GLOB)) if directory.is_dir() else []:
            restored += _recover_journal(journal)
        for part in directory.glob(JOURNAL_GLOB + ".part") if directory.is_dir() else []:
            _unlink_quietly(part)  # a journal cut short: nothing had been renamed yet
    for directory in sorted({Path(d) for d in directories}) if names else []:
        prefixes = tuple(f"{TMP_PREFIX}{name[:80]}." for name in names)
        for leftover in directory.glob(f"{TMP_PREFIX}*") if directory.is_dir() else []:
            if leftover.name.startswith(prefixes) and leftover.is_file():
                _unlink_quietly(leftover)
    return restored


def _recover_journal(journal: Path) -> list[Path]:
    """Roll back the update described by one journal (and remove its copies in the other directories)."""
    try:
        record = json.loads(journal.read_text(encoding="utf-8"))
        entries = [_Entry(Path(e["target"]), Path(e["temp"]), Path(e["backup"]), bool(e["existed"]))
                   for e in record["entries"]]
    except FileNotFoundError:  # removed with the copy found in another directory
        return []
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DalianReportsError(f"unreadable journal of an interrupted update ({exc}); restore its files by "
                                 "hand from the .tmp-*.bak backups beside them, then delete it",
                                 file=str(journal)) from None
    changed = [e.target for e in entries if not e.temp.exists()]
    kept = _roll_back(entries)
    if kept:  # pragma: no cover - the disk failed
        raise DalianReportsError("could not roll back an interrupted update: " + "; ".join(kept), file=str(journal))
    for path in record.get("journals", [str(journal)]):
        _unlink_quietly(Path(path))
    return changed
