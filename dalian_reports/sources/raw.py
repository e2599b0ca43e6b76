"""Raw source files: the manifest, checksums, exact decoding, and a strict CSV reader.

``data/sources.csv`` is validated when first read (:func:`manifest_rows`: unique ids and files inside
``data/raw``, real dates, known languages, well-formed sizes and checksums); :func:`read_source` checks each
file's size, sha256 and language against its row. Errors name file and line; a raw file without a row is
reported by a :class:`~dalian_reports.errors.ManifestWarning` (and :func:`unlisted_raw_files`).

>>> from dalian_reports.sources.raw import read_source
>>> doc = read_source("002")
>>> doc.line(8)
'大连市金州区人民政府党组成员 吕东升'
"""
from __future__ import annotations

import hashlib
import re
import warnings
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path, PureWindowsPath

# the checked CSV reader lives in dalian_reports/_csv.py (the vocabulary reads its files with it too)
from .._csv import CsvRow, _csv_text, _header, _read_file, read_csv_rows  # noqa: F401
from .._resources import data_dir, raw_dir
from ..errors import ManifestWarning, SourceError
from ..vocab import jurisdictions

MANIFEST_COLUMNS = [
    "source_id", "file", "title_zh", "title_en", "issuer", "issuer_code", "doc_type", "lang",
    "delivered", "session", "speaker", "sha256", "bytes", "compilation", "overwritten_year_token", "known_defects",
]
LANGS = ("zh", "en")
DOC_TYPES = ("government_work_report", "five_year_plan_outline")
#: Files in data/raw that are tables about the sources (cleaning rules, year evidence, …), not sources.
AUXILIARY_SUFFIX = ".csv"
CELL_FORMATS = {"overwritten_year_token": (r"(?:\d{4})?", "a year (or blank)"),
                "sha256": (r"[0-9a-fA-F]{64}", "64 hexadecimal characters"),
                "bytes": (r"[1-9]\d*", "a whole number of bytes (digits only, as 47441)")}
#: Manifest cells compared with their spaces stripped (a space there is a typing slip, reported).
KEY_COLUMNS = ("source_id", "file", "issuer_code", "doc_type", "lang", "delivered", "sha256", "bytes",
               "compilation", "overwritten_year_token")


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


# ------------------------------------------------------------------------------ decoding

def decode_bytes(data: bytes, name: str) -> tuple[str, str, tuple[str, ...]]:
    """Decode a text file exactly, or raise :class:`SourceError` naming the file and line.

    UTF-8 (BOM or not) and UTF-16 with BOM are read as such; other bytes as GB18030 (a superset of GBK) when
    that reads as Chinese. Text not plausibly Chinese or English (Hangul, Kana, Cyrillic, …) is refused.
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
        text, encoding = _decode_8bit(data, name, notes)
    if not text.strip():  # str.strip also removes no-break and ideographic spaces
        raise SourceError("file is empty (no text to read)", file=name)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        notes.append("CR/CRLF line ends converted to LF")
    controls = [c for c in set(text) if ord(c) < 32 and c not in "\n\t"]
    if controls:
        first = min(text.index(c) for c in controls)
        raise SourceError(f"control character U+{ord(text[first]):04X}; expected plain text",
                          file=name, line=text.count("\n", 0, first) + 1)
    if problem := plausibility_problem(text):
        raise SourceError(f"{problem}; expected Chinese or English text", file=name,
                          line=_first_line(text, problem))
    return text, encoding, tuple(notes)


def _decode_8bit(data: bytes, name: str, notes: list[str]) -> tuple[str, str]:
    encoding = "utf-8"
    if data.startswith(b"\xef\xbb\xbf"):
        data, encoding = data[3:], "utf-8-sig"
        notes.append("UTF-8 byte-order mark removed")
    try:
        return data.decode("utf-8"), encoding
    except UnicodeDecodeError as exc:
        bad_line = data[: exc.start].count(b"\n") + 1
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            text, why = None, "no GB18030/GBK reading gives Chinese text"
        else:
            why = gb18030_problem(text)
        if why:
            raise SourceError(f"not valid UTF-8 (byte {exc.start}) nor GB18030; cannot decode ({why}). "
                              "If it is Chinese or English text, save it as UTF-8.", file=name, line=bad_line) from None
        notes.append(f"decoded as GB18030 (not UTF-8 from line {bad_line})")
        return text, "gb18030"


# ------------------------------------------------------------------- scripts and languages
# A hand-made test, not a detector: charset-normalizer (tried) prefers Shift-JIS or CP949 for short GBK
# snippets (one row of a plan table) and finds nothing for others, so it would refuse real Chinese files.
# The three confusions that matter are caught exactly, with wide measured margins:
# * Shift-JIS and Big5 bytes read as GB18030 give characters outside GB2312 (the 6,763 common ones);
#   on every seed report and lawtext/gov file, 100% of the Chinese characters are in GB2312;
# * EUC-JP bytes give Kana; Chinese text has almost none (at most 0.02% of the letters in 481 files);
# * EUC-KR Hangul occupy exactly the GB2312 rows B0-C8, which hold common characters, so the text looks
#   Chinese; but Chinese draws about 41% of its characters from rows C9-F7 (never under 9% in any seed
#   line of ten or more characters), and Korean separates words by spaces, which Chinese does not.

GB18030_MIN_CJK_SHARE = 0.3  # of the letters: Latin-1 read as GB18030 gives a few ideographs among them
GB2312_MIN_SHARE = 0.9
HIGH_ROW_MIN_SHARE = 0.05
FOREIGN_MAX_SHARE = {"Hangul": 0.05, "Kana": 0.05, "other scripts": 0.2}


def _script(ch: str) -> str:
    o = ord(ch)
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x2FFFF:
        return "Chinese"
    if ch.isascii() or 0xC0 <= o <= 0x24F or 0x1E00 <= o <= 0x1EFF or 0xFF21 <= o <= 0xFF5A:
        return "Latin"
    if 0x3040 <= o <= 0x30FF or 0x31F0 <= o <= 0x31FF or 0xFF66 <= o <= 0xFF9F:
        return "Kana"
    if 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F:
        return "Hangul"
    return "other scripts"


def script_shares(text: str) -> dict[str, float]:
    """Share of the letters of ``text`` in each script (Chinese, Latin, Kana, Hangul, other scripts)."""
    counts: Counter = Counter()
    for ch, n in Counter(text).items():
        if ch.isalpha():
            counts[_script(ch)] += n
    total = sum(counts.values())
    return {k: v / total for k, v in counts.items()} if total else {}


def plausibility_problem(text: str) -> str:
    """Why ``text`` is not plausibly Chinese or English ('' when it is)."""
    shares = script_shares(text)
    for script, limit in FOREIGN_MAX_SHARE.items():
        if shares.get(script, 0) > limit:
            return f"{shares[script]:.0%} of its letters are {script}"
    return ""


def _first_line(text: str, problem: str) -> int | None:
    script = next(s for s in FOREIGN_MAX_SHARE if s in problem)
    lines = enumerate(text.split("\n"), 1)
    return next((n for n, line in lines if script in map(_script, filter(str.isalpha, line))), None)


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def gb18030_problem(text: str) -> str:
    """Why a GB18030 reading is not plausible Chinese ('' when it is); see the comment above."""
    letters = [c for c in text if c.isalpha()]
    cjk = Counter(c for c in letters if _is_cjk(c))
    n = sum(cjk.values())
    if not letters or n / len(letters) < GB18030_MIN_CJK_SHARE:
        return "no GB18030/GBK reading gives Chinese text"
    rows = Counter()
    for ch, count in cjk.items():
        try:
            rows[ch.encode("gb2312")[0] >= 0xC9] += count
        except UnicodeEncodeError:
            rows[None] += count
    if rows[None] / n > 1 - GB2312_MIN_SHARE:
        return "its GB18030 reading is mostly rare characters, as Shift-JIS or Big5 text gives"
    if plausibility_problem(text):
        return f"its GB18030 reading is not Chinese: {plausibility_problem(text)}, as EUC-JP text gives"
    spaced = len(re.findall(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])", text))
    if rows[True] / max(1, n - rows[None]) < HIGH_ROW_MIN_SHARE and (n >= 20 or spaced >= 0.1 * n):
        return "its GB18030 reading looks like Korean (EUC-KR) text read in the wrong encoding"
    return ""


def language_problem(text: str, lang: str) -> str:
    """Why ``text`` does not read as ``lang`` ('zh': mostly Chinese characters; 'en': mostly Latin)."""
    shares = script_shares(text)
    script, least = {"zh": ("Chinese", 0.5), "en": ("Latin", 0.8)}[lang]
    if shares.get(script, 0.0) < least:
        main = max(shares, key=shares.get) if shares else "no letters"
        return f"only {shares.get(script, 0.0):.0%} of its letters are {script} (it reads as {main})"
    return ""


def load_text(path: str | Path, source_id: str = "") -> RawDocument:
    """Decode any text file (not only the corpus) into a :class:`RawDocument`."""
    path = Path(path)
    text, encoding, notes = decode_bytes(_read_file(path, str(path)), path.name)
    return RawDocument(source_id or path.stem, path, text, encoding, notes)


# ------------------------------------------------------------------------- the manifest

@lru_cache(maxsize=None)
def _manifest_rows(manifest_path: Path, stamp: tuple) -> tuple[CsvRow, ...]:
    try:
        rows = read_csv_rows(manifest_path, MANIFEST_COLUMNS)
    except SourceError as exc:
        raise SourceError(f"manifest {exc.reason}", file=exc.file, line=exc.line) from None
    seen: dict[str, dict[str, CsvRow]] = {"source_id": {}, "file": {}}
    for row in rows:
        _check_manifest_row(row, seen)
    for name in unlisted_raw_files(rows):
        warnings.warn(ManifestWarning(f"{name}: a file in data/raw that no row of sources.csv describes; it is "
                                      "not read (add a row, or move the file out of data/raw)"), stacklevel=3)
    return tuple(rows)


def _check_manifest_row(row: CsvRow, seen: dict) -> None:
    spaced = [f"{c} {row[c]!r}" for c in KEY_COLUMNS if row[c] != row[c].strip()]
    if spaced:
        warnings.warn(ManifestWarning(f"{row.file}:{row.line}: spaces around {', '.join(spaced)} were ignored"),
                      stacklevel=4)
    row.update({column: row[column].strip() for column in KEY_COLUMNS})
    _check_id_and_path(row)
    for column, key in (("source_id", row["source_id"]), ("file", row["file"].casefold())):
        if key in seen[column]:
            raise row.error(f"{column} {row[column]!r} is already used on line {seen[column][key].line}; each "
                            "source needs its own id and its own file")
        seen[column][key] = row
    for column, allowed in (("lang", LANGS), ("doc_type", DOC_TYPES), ("compilation", ("yes", "no")),
                            ("issuer_code", list(jurisdictions()))):
        row.choice(column, allowed)
    _check_delivered(row)
    for column, (pattern, what) in CELL_FORMATS.items():
        if not re.fullmatch(pattern, row[column]):
            raise row.error(f"{column} {row[column]!r} is not {what}")


def _check_id_and_path(row: CsvRow) -> None:
    sid, name = row["source_id"], row["file"]
    if re.fullmatch(r"\d{1,2}", sid):
        raise row.error(f"source_id {sid!r} is not three digits; was sources.csv saved by Excel, which drops "
                        f"leading zeros? Write it as {sid.zfill(3)!r} (format the column as text before saving)")
    if not re.fullmatch(r"\d{3}", sid):
        raise row.error(f"source_id {sid!r} is not three digits (as 000, 001, …)")
    if not name or PureWindowsPath(name).drive or name.startswith(("/", "\\")) or ".." in re.split(r"[/\\]", name):
        raise row.error(f"file {name!r} must be a file name inside data/raw (no '..', no absolute path)")


def _check_delivered(row: CsvRow) -> None:
    value, ends = row["delivered"], row["delivered"].split("/")
    if len(ends) == 2 and row["compilation"] != "yes":
        raise row.error(f"delivered {value!r} is a range; only a compilation (compilation 'yes') has one")
    try:
        days = [date.fromisoformat(end) for end in ends if re.fullmatch(r"\d{4}-\d{2}-\d{2}", end)]
    except ValueError:
        days = []
    if len(days) != len(ends) or len(ends) > 2:
        raise row.error(f"delivered {value!r} is not a real date YYYY-MM-DD (or a range YYYY-MM-DD/YYYY-MM-DD "
                        "for a compilation); Excel may have reformatted it")
    if days != sorted(days):
        raise row.error(f"delivered {value!r}: the range ends before it starts")


def unlisted_raw_files(rows=None) -> list[str]:
    """Files in ``data/raw`` that no manifest row describes (``.csv`` tables about the sources aside)."""
    rows = manifest_rows() if rows is None else rows
    listed = {re.split(r"[/\\]", r["file"])[0].casefold() for r in rows}
    folder = raw_dir()
    names = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
    return [name for name in names if not name.startswith(".") and name.casefold() not in listed
            and not name.endswith(AUXILIARY_SUFFIX)]


def manifest_rows() -> tuple[CsvRow, ...]:
    """The validated rows of ``data/sources.csv`` (each knows its line: ``row.line``)."""
    path = data_dir() / "sources.csv"
    return _manifest_rows(path, _stamp(path))


def _stamp(path: Path) -> tuple:
    """(size, mtime) of a file: the caches notice a file replaced on disk during a session."""
    try:
        st = path.stat()
    except OSError:
        return ()
    return st.st_size, st.st_mtime_ns


def manifest():
    """The source manifest (``data/sources.csv``) as a DataFrame, one row per raw file.

    >>> import dalian_reports as dr
    >>> dr.manifest().loc[lambda d: d.source_id == "002", "speaker"].item()
    '吕东升'
    """
    import pandas as pd

    df = pd.DataFrame([dict(r) for r in manifest_rows()], columns=MANIFEST_COLUMNS)
    return df.astype({"bytes": "int64"})


def source_ids() -> list[str]:
    return [row["source_id"] for row in manifest_rows()]


def _row(source_id: str) -> CsvRow:
    for row in manifest_rows():
        if row["source_id"] == source_id:
            return row
    raise KeyError(f"unknown source_id {source_id!r}; known: {source_ids()}")


# ------------------------------------------------------------------------ verified reading

@lru_cache(maxsize=None)
def _read_verified(path: Path, row: tuple, source_id: str, stamp: tuple) -> RawDocument:
    sha256, size, lang, where = row
    data = _read_file(path, str(path))
    digest = hashlib.sha256(data).hexdigest()
    if digest != sha256.lower():
        raise SourceError(
            f"checksum mismatch: the file changed since it was recorded in data/sources.csv (line {where}: "
            f"sha256 {sha256!r}, {size} bytes; the file: sha256 {digest!r}, {len(data)} bytes). Restore the "
            "original bytes from the seeds, or re-record the checksum only if the change is deliberate.",
            file=str(path))
    if len(data) != int(size):
        raise SourceError(f"bytes {size} does not match {path.name} ({len(data)} bytes; its checksum matches, "
                          "so the count is wrong)", file="sources.csv", line=where)
    text, encoding, notes = decode_bytes(data, path.name)
    if problem := language_problem(text, lang):
        raise SourceError(f"lang {lang!r} does not match {path.name}: {problem}", file="sources.csv", line=where)
    return RawDocument(source_id, path, text, encoding, notes)


def read_source(source_id: str) -> RawDocument:
    """The raw document for a manifest id, after verifying its size, sha256 and language."""
    row = _row(source_id)
    folder = raw_dir()
    path = folder / row["file"]
    if not path.resolve().is_relative_to(folder.resolve()):
        raise row.error(f"file {row['file']!r} leads outside data/raw (a link?); sources must be inside it")
    if not path.exists():
        raise SourceError("raw source file missing (see data/sources.csv)", file=str(path))
    if not path.is_file():
        raise SourceError(f"is a folder, not a file (see data/sources.csv line {row.line})", file=str(path))
    facts = (row["sha256"], row["bytes"], row["lang"], row.line)
    return _read_verified(path, facts, source_id, _stamp(path))


def clear_caches() -> None:
    """Forget cached files (after the data directory changed, e.g. in tests)."""
    _manifest_rows.cache_clear()
    _read_verified.cache_clear()
