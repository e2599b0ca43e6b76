"""Atomic writes: a reader sees the old file or the new one, never a half-written one.

Atomicity
---------
Every writer here writes a temporary file (named ``.tmp-<name>.<random>``, which
``.gitignore`` ignores) in the *same directory* as the target, flushes and
``fsync``s it, and then ``os.replace``s it over the target.  ``os.replace`` is
atomic on POSIX and Windows within one file system, so a reader sees either the
old file or the new one, never a half-written one, and an exception or a kill
while writing leaves the old file as it was.

:func:`atomic_directory_update` does this for several files at once: it writes
*all* temporary files first, then hard-links (or copies) each existing target to
a backup, and only then replaces the targets one after another.  If anything
fails during the replacements (an exception, including KeyboardInterrupt), the
targets already replaced are restored from their backups, so the previous set of
outputs is left intact.  **Remaining window:** if the process dies without
running Python code (SIGKILL, power loss, OOM killer) *during* that last loop of
``os.replace`` calls - a few system calls, no data copying - some targets are
new and some old; the backups (``.tmp-*.bak``) and temporary files are then left
beside them for inspection.  Readers that open several files while the loop runs
may also see a mix.  On power loss, renames not yet flushed may be lost one by
one (the directories are ``fsync``ed after the loop, where the platform allows),
so a crash shortly after the loop can also leave a mix.  In every case each file
is whole - its old or its new version, never a torn one.  A kill *before* the
loop (while writing temporaries) leaves all previous outputs intact, plus stray
``.tmp-*`` files.
"""
from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import tempfile
from pathlib import Path
from typing import Iterator, Mapping

__all__ = ["atomic_write_bytes", "atomic_write_text", "atomic_output", "atomic_directory_update", "TMP_PREFIX"]

TMP_PREFIX = ".tmp-"


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


def _backup(target: Path) -> Path | None:
    """Hard-link (or copy) an existing *target* to a fresh backup name beside it."""
    if not target.exists():
        return None
    while True:
        backup = target.with_name(f"{TMP_PREFIX}{target.name[:80]}.{secrets.token_hex(6)}.bak")
        try:
            os.link(target, backup)
            return backup
        except FileExistsError:  # pragma: no cover - 48 random bits collided
            continue
        except OSError:  # file system without hard links
            if backup.exists():  # pragma: no cover
                continue
            shutil.copy2(target, backup)
            return backup


def atomic_directory_update(contents: Mapping[str | os.PathLike, bytes | str]) -> list[Path]:
    """Replace several files as one update: all or (barring a hard kill) nothing.

    *contents* maps each target path to its new bytes (``str`` is encoded as
    UTF-8).  All temporary files are written and fsynced first; existing targets
    are backed up by hard link; then each target is ``os.replace``d.  Any
    exception - while writing or while replacing - removes the temporary files
    and restores every target already replaced, then re-raises.  See the module
    docstring for the window that remains.  Returns the target paths.
    """
    items: list[tuple[Path, bytes]] = []
    seen: set[str] = set()
    for raw_path, data in contents.items():
        path = Path(raw_path)
        key = os.path.normcase(os.path.abspath(path))
        if key in seen:
            raise ValueError(f"{path} appears twice in one update")
        seen.add(key)
        items.append((path, data.encode("utf-8") if isinstance(data, str) else data))

    temps: list[Path] = []
    backups: dict[Path, Path | None] = {}
    replaced: list[Path] = []
    try:
        for path, data in items:  # 1. every new version on disk, nothing replaced
            temps.append(_write_temp(path, data))
        for path, _ in items:  # 2. keep the old versions
            backups[path] = _backup(path)
        for (path, _), tmp in zip(items, temps):  # 3. the window: renames only
            os.replace(tmp, path)
            replaced.append(path)
    except BaseException as exc:
        kept: list[str] = []  # backups that could not be put back stay on disk
        for path in reversed(replaced):
            backup = backups.get(path)
            try:
                if backup is None:
                    _unlink_quietly(path)
                else:
                    os.replace(backup, path)
            except OSError as undo_error:  # pragma: no cover - disk vanished
                kept.append(f"{path} ({undo_error}; previous version kept at {backup})")
                backups[path] = None
        for tmp in temps:
            _unlink_quietly(tmp)
        for backup in backups.values():
            if backup is not None:
                _unlink_quietly(backup)
        if kept and hasattr(exc, "add_note"):  # pragma: no cover
            exc.add_note("could not restore: " + "; ".join(kept))
        raise
    for backup in backups.values():
        if backup is not None:
            _unlink_quietly(backup)
    for directory in {path.parent for path, _ in items}:
        _fsync_dir(directory)
    return [path for path, _ in items]
