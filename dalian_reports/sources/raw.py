"""Raw source files: the manifest, checksums and exact decoding.

>>> from dalian_reports.sources.raw import read_source
>>> doc = read_source("002")
>>> doc.line(8)
'大连市金州区人民政府党组成员 吕东升'
"""
from __future__ import annotations

import csv
import hashlib
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .._resources import data_dir, raw_dir
from ..errors import SourceError

MANIFEST_COLUMNS = [
    "source_id", "file", "title_zh", "title_en", "issuer", "issuer_code", "doc_type", "lang",
    "delivered", "session", "speaker", "sha256", "bytes", "compilation", "overwritten_year_token", "known_defects",
]


@dataclass(frozen=True)
class RawDocument:
    """A decoded source file. ``lines[i]`` is raw line ``i + 1``; offsets index ``text``."""

    source_id: str
    path: Path
    text: str
    encoding: str
    notes: tuple[str, ...] = ()
    _starts: list[int] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self):
        starts = [0]
        starts.extend(i + 1 for i, ch in enumerate(self.text) if ch == "\n")
        object.__setattr__(self, "_starts", starts)

    @property
    def n_lines(self) -> int:
        return len(self._starts)

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    def line(self, number: int) -> str:
        """Raw line ``number`` (1-based), without its newline."""
        if not 1 <= number <= self.n_lines:
            raise IndexError(f"{self.path.name} has no line {number}")
        start = self._starts[number - 1]
        end = self._starts[number] - 1 if number < self.n_lines else len(self.text)
        return self.text[start:end]

    def line_start(self, number: int) -> int:
        return self._starts[number - 1]

    def locate(self, offset: int) -> tuple[int, int]:
        """(line, column) of a character offset, both as used by ``line()`` (line 1-based, column 0-based)."""
        number = bisect_right(self._starts, offset)
        return number, offset - self._starts[number - 1]


def decode_bytes(data: bytes, name: str) -> tuple[str, str, tuple[str, ...]]:
    """Decode a text file exactly, or raise :class:`SourceError` naming the file and line.

    UTF-8 (with or without BOM) and UTF-16 with BOM are read as such; a file that is
    not valid UTF-8 but is valid GB18030 (a superset of GBK) is read as GB18030.
    CRLF and lone CR line ends become LF. Returns (text, encoding, notes).
    """
    notes: list[str] = []
    if not data:
        raise SourceError("file is empty (no text to read)", file=name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, encoding = data.decode("utf-16"), "utf-16"
        notes.append("UTF-16 byte-order mark")
    else:
        if b"\x00" in data:
            line = data[: data.index(b"\x00")].count(b"\n") + 1
            raise SourceError("binary content (NUL byte); expected a text file", file=name, line=line)
        encoding = "utf-8"
        if data.startswith(b"\xef\xbb\xbf"):
            data, encoding = data[3:], "utf-8-sig"
            notes.append("UTF-8 byte-order mark removed")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad_line = data[: exc.start].count(b"\n") + 1
            try:
                text, encoding = data.decode("gb18030"), "gb18030"
            except UnicodeDecodeError:
                text = None
            if text is None or not _reads_as_chinese(text):
                raise SourceError(
                    f"not valid UTF-8 (byte {exc.start}) nor GB18030; cannot decode "
                    "(no GB18030/GBK reading gives Chinese text)", file=name, line=bad_line,
                ) from None
            notes.append(f"decoded as GB18030 (not UTF-8 from line {bad_line})")
    if not text.strip():  # str.strip also removes no-break and ideographic spaces
        raise SourceError("file is empty (no text to read)", file=name)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        notes.append("CR/CRLF line ends converted to LF")
    controls = [c for c in set(text) if ord(c) < 32 and c not in "\n\t"]
    if controls:
        first = min(text.index(c) for c in controls)
        raise SourceError(
            f"control character U+{ord(text[first]):04X}; expected plain text",
            file=name, line=text.count("\n", 0, first) + 1,
        )
    return text, encoding, tuple(notes)


GB18030_MIN_CJK_SHARE = 0.3


def _reads_as_chinese(text: str) -> bool:
    """A GB18030 decoding is accepted only when it reads as Chinese: at least 30% of the non-space,
    non-ASCII-punctuation characters are CJK ideographs. Latin-1 text (Périphérique) also decodes as
    GB18030, but into a few stray ideographs among Latin letters."""
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return False
    cjk = sum(1 for c in chars if "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf")
    return cjk / len(chars) >= GB18030_MIN_CJK_SHARE


def load_text(path: str | Path, source_id: str = "") -> RawDocument:
    """Decode any text file (not only the corpus) into a :class:`RawDocument`."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError("file not found", file=str(path)) from None
    text, encoding, notes = decode_bytes(data, path.name)
    return RawDocument(source_id or path.stem, path, text, encoding, notes)


@lru_cache(maxsize=None)
def _manifest_rows(manifest_path: Path) -> tuple[dict, ...]:
    if not manifest_path.exists():
        raise SourceError("manifest not found", file=str(manifest_path))
    with open(manifest_path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        missing = set(MANIFEST_COLUMNS) - set(reader.fieldnames or [])
        if missing:
            raise SourceError(f"manifest lacks columns {sorted(missing)}", file=manifest_path.name, line=1)
        return tuple(dict(row) for row in reader)


def manifest_rows() -> tuple[dict, ...]:
    return _manifest_rows(data_dir() / "sources.csv")


def manifest():
    """The source manifest (``data/sources.csv``) as a DataFrame, one row per raw file.

    >>> import dalian_reports as dr
    >>> dr.manifest().loc[lambda d: d.source_id == "002", "speaker"].item()
    '吕东升'
    """
    import pandas as pd

    df = pd.DataFrame(list(manifest_rows()), columns=MANIFEST_COLUMNS)
    return df.astype({"bytes": "int64"})


def source_ids() -> list[str]:
    return [row["source_id"] for row in manifest_rows()]


def _row(source_id: str) -> dict:
    for row in manifest_rows():
        if row["source_id"] == source_id:
            return row
    raise KeyError(f"unknown source_id {source_id!r}; known: {source_ids()}")


@lru_cache(maxsize=None)
def _read_verified(path: Path, sha256: str, source_id: str, stamp: tuple) -> RawDocument:
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != sha256:
        raise SourceError(
            f"checksum mismatch: the file changed since it was recorded in data/sources.csv "
            f"(expected sha256 {sha256[:12]}…, found {digest[:12]}…). Restore the original bytes "
            "from the seeds, or re-record the checksum only if the change is deliberate.",
            file=str(path),
        )
    text, encoding, notes = decode_bytes(data, path.name)
    return RawDocument(source_id, path, text, encoding, notes)


def read_source(source_id: str) -> RawDocument:
    """The raw document for a manifest id, after verifying its sha256."""
    row = _row(source_id)
    path = raw_dir() / row["file"]
    try:
        st = path.stat()
    except FileNotFoundError:
        raise SourceError("raw source file missing (see data/sources.csv)", file=str(path)) from None
    # The stamp makes the cache notice a file replaced on disk during a session.
    return _read_verified(path, row["sha256"], source_id, (st.st_size, st.st_mtime_ns))


def clear_caches() -> None:
    """Forget cached files (after the data directory changed, e.g. in tests)."""
    _manifest_rows.cache_clear()
    _read_verified.cache_clear()
