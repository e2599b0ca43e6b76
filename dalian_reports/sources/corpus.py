"""Reading a folder of reports: the lawtext/gov layout, or a plain folder with a manifest.

A *corpus* is a folder of government work reports. Two layouts are read:

* **lawtext/gov** (``../shared/corpus/lawtext-gov`` or a clone of the public repository): Markdown files
  ``<folder>/<year>.md`` with a YAML front matter (``source:``, ``title:``), Markdown headings and bold,
  and HTML comments. The folder says whose report it is (``dalian_reports/vocab/jurisdictions.csv``,
  column ``corpus_folder``); the file name says the year it is for.
* **a plain folder** of ``.txt`` / ``.md`` files with a ``manifest.csv`` (columns ``file, jurisdiction,
  year``; optional ``lang, title, source_url``) — for a user's own reports; the manifest is validated and
  any error names its line (see :func:`read_folder`).

Each file becomes a :class:`CorpusDocument`: who (jurisdiction, level, parent), the year the report is for,
when it was delivered (from the text's date line: some are delivered in December of the previous year),
title, source URL, sha256, corpus commit, the cleaned text (``clean``, which maps every span back to an exact
substring of a raw line), and the defects found (a section pasted twice, decimals destroyed by ``$1.$2``, no
source URL, an abridged text) — reported, never read as numbers.

>>> from pathlib import Path
>>> root = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "lawtext-gov"
>>> doc = read_corpus_file(root / "政府工作报告-主要城市/大连市/2019.md", root) if root.is_dir() else None
>>> (doc.jurisdiction, doc.year, doc.delivered) if doc else ("dalian", 2019, "2019-01-09")
('dalian', 2019, '2019-01-09')
"""
from __future__ import annotations

import hashlib
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ManifestWarning, SourceError
from ..vocab import jurisdictions
from .cleaning import CORPUS_RULES, DOUBLED_PERCENT, CleanText, clean_lines
from .raw import CsvRow, RawDocument, decode_bytes, language_problem, read_csv_rows

DATE = re.compile(r"(?P<y>(?:19|20)\d\d)\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
ABRIDGED = re.compile(r"本文有删减|（摘要）|\(摘要\)|摘\s*要\s*$|节选")
REPORT_DOC_TYPES = ("government_work_report", "statistical_communique")
DATE_LINES = 20  # the date line of a report is among its first lines


@dataclass
class CorpusDocument:
    """One report of a corpus, read and cleaned (see the module docstring)."""

    path: Path
    rel_path: str
    jurisdiction: str
    year: int                     # the year the report is for (its targets' year)
    lang: str
    title: str
    source_url: str
    sha256: str
    corpus_commit: str
    delivered: str                # ISO date as precise as the text says, or ''
    doc_type: str
    raw: RawDocument
    clean: CleanText
    defects: list[str] = field(default_factory=list)

    @property
    def quality(self) -> str:
        """'primary' (a source URL, no defect found) or 'lower' (no URL, or a defect)."""
        return "primary" if self.source_url and not self.defects else "lower"

    @property
    def delivered_year(self) -> int | None:
        return int(self.delivered[:4]) if self.delivered else None


def _front_matter(raw: RawDocument) -> dict[str, str]:
    out: dict[str, str] = {}
    if raw.n_lines < 2 or raw.line(1).strip() != "---":
        return out
    for number in range(2, min(raw.n_lines, 40) + 1):
        line = raw.line(number)
        if line.strip() == "---":
            break
        key, _, value = line.partition(":")
        out[key.strip()] = value.strip()
    return out


def delivered_date(clean: CleanText, year: int) -> str:
    """The delivery date on the report's first lines (ISO), when one is within a year of ``year``."""
    for _line, text in clean.lines()[:DATE_LINES]:
        m = DATE.search(text)
        if m and abs(int(m.group("y")) - year) <= 1 and 1 <= int(m.group("m")) <= 12:
            return f"{int(m.group('y')):04d}-{int(m.group('m')):02d}-{int(m.group('d')):02d}"
    return ""


def _defects(raw: RawDocument, clean: CleanText, source_url: str) -> list[str]:
    out = []
    repeated = [line for line, rule in clean.dropped if rule == "repeated_paragraph"]
    if repeated:
        out.append(f"repeated_paragraph: {len(repeated)} paragraph(s) pasted twice (lines {repeated[:5]}…) "
                   "were dropped")
    destroyed = [n for n in range(1, raw.n_lines + 1) if "$1.$2" in raw.line(n)]
    if destroyed:
        out.append(f"destroyed_decimal: '$1.$2' in place of decimals on lines {destroyed[:8]}; those numbers "
                   "are masked")
    doubled = [n for n in range(1, raw.n_lines + 1) if DOUBLED_PERCENT.search(raw.line(n))]
    if doubled:
        out.append(f"doubled_percent: '%%' after a number on lines {doubled[:8]}; the second sign is cut")
    if not source_url:
        out.append("no_source_url: the file names no source (lower quality tier)")
    abridged = [n for n in range(1, raw.n_lines + 1) if ABRIDGED.search(raw.line(n))]
    if abridged:
        out.append(f"abridged: the text says it is abridged (line {abridged[0]})")
    return out


def read_corpus_file(path: str | Path, root: str | Path, *, jurisdiction: str | None = None,
                     year: int | None = None, lang: str = "zh", corpus_commit: str = "",
                     doc_type: str | None = None) -> CorpusDocument:
    """Read and clean one report of a corpus rooted at ``root``.

    In the lawtext/gov layout the folder gives the jurisdiction and the file name the year; pass
    ``jurisdiction`` and ``year`` for other layouts.
    """
    path, root = Path(path), Path(root)
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
    try:
        data = path.read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        raise SourceError("not a readable file", file=str(path)) from None
    text, encoding, notes = decode_bytes(data, rel)
    raw = RawDocument(rel, path, text, encoding, notes)
    folder = path.parent.relative_to(root).as_posix() if path.is_relative_to(root) else ""
    if jurisdiction is None:
        jurisdiction, doc_type = _jurisdiction_of(folder, rel)
    if year is None:
        m = re.match(r"((?:19|20)\d\d)", path.stem)
        if not m:
            raise SourceError("the file name does not start with a year", file=rel)
        year = int(m.group(1))
    clean = clean_lines(raw, 1, raw.n_lines, CORPUS_RULES)
    meta = _front_matter(raw)
    source_url = meta.get("source", "")
    return CorpusDocument(
        path=path, rel_path=rel, jurisdiction=jurisdiction, year=year, lang=lang, title=meta.get("title", ""),
        source_url=source_url, sha256=hashlib.sha256(data).hexdigest(), corpus_commit=corpus_commit,
        delivered=delivered_date(clean, year), doc_type=doc_type or "government_work_report", raw=raw,
        clean=clean, defects=_defects(raw, clean, source_url))


def _jurisdiction_of(folder: str, rel: str) -> tuple[str, str]:
    if folder == "国家统计局年度统计":
        return "china", "statistical_communique"
    for j in jurisdictions().values():
        if j.corpus_folder and j.corpus_folder == folder:
            return j.code, "government_work_report"
    raise SourceError(f"folder {folder!r} is not the corpus folder of any jurisdiction "
                      "(dalian_reports/vocab/jurisdictions.csv, column corpus_folder)", file=rel)


def corpus_commit(root: str | Path) -> str:
    """The commit a corpus folder was taken at: a git checkout's HEAD, or the commit its README states."""
    root = Path(root)
    for base in (root, root.parent):
        head = base / ".git" / "HEAD"
        if head.is_file():
            ref = head.read_text(encoding="utf-8").strip()
            if ref.startswith("ref: "):
                target = base / ".git" / ref[5:]
                return target.read_text(encoding="utf-8").strip() if target.is_file() else ""
            return ref
        readme = base / "README.md"
        if readme.is_file():
            m = re.search(r"commit\s+`?([0-9a-f]{40})`?", readme.read_text(encoding="utf-8"))
            if m:
                return m.group(1)
    return ""


def corpus_files(root: str | Path, *, folders: list[str] | None = None) -> list[Path]:
    """The report files of a lawtext/gov corpus, in a stable order (folder, then year).

    ``folders`` limits the folders (relative to ``root``); by default, every jurisdiction's folder.
    """
    root = Path(root)
    folders = folders or [j.corpus_folder for j in jurisdictions().values() if j.corpus_folder]
    out = []
    for folder in folders:
        out.extend(sorted((root / folder).glob("[12][0-9][0-9][0-9]*.md")))
    return out


def read_corpus(root: str | Path, *, folders: list[str] | None = None) -> list[CorpusDocument]:
    """Every report of a lawtext/gov corpus (see :func:`corpus_files`), read and cleaned."""
    commit = corpus_commit(root)
    return [read_corpus_file(p, root, corpus_commit=commit) for p in corpus_files(root, folders=folders)]


FOLDER_COLUMNS = ("file", "jurisdiction", "year")


def read_folder(root: str | Path) -> list[CorpusDocument]:
    """A plain folder of reports described by ``manifest.csv`` (file, jurisdiction, year[, lang, title,
    source_url]).

    The manifest is checked row by row, and any error names its line: each file listed once, inside the
    folder, present and a file; a known jurisdiction (``dalian_reports/vocab/jurisdictions.csv``); a
    four-digit year; ``lang`` zh or en (default zh) and matching the text; one file per jurisdiction, year
    and language. A ``.txt`` or ``.md`` file of the folder that no row lists is reported by a
    :class:`~dalian_reports.errors.ManifestWarning`.
    """
    root = Path(root).resolve()
    manifest = root / "manifest.csv"
    if not manifest.is_file():
        raise SourceError("a folder of reports needs a manifest.csv (file, jurisdiction, year)", file=str(manifest))
    seen: dict[object, CsvRow] = {}
    out = []
    for row in read_csv_rows(manifest, FOLDER_COLUMNS, shown=str(manifest)):
        path, year, lang = _folder_row(row, root, seen)
        doc = read_corpus_file(path, root, jurisdiction=row["jurisdiction"].strip(), year=year, lang=lang)
        if problem := language_problem(doc.raw.text, lang):
            raise row.error(f"lang {lang!r} does not match {row['file']}: {problem}")
        doc.title = row.get("title") or doc.title
        doc.source_url = row.get("source_url") or doc.source_url
        out.append(doc)
    _warn_unlisted(root, {key for key in seen if isinstance(key, Path)})
    return out


def _folder_row(row: CsvRow, root: Path, seen: dict) -> tuple[Path, int, str]:
    """The checked (path, year, lang) of one manifest row; ``seen`` collects paths and report keys."""
    name, path = row["file"].strip(), _folder_path(row, root)
    if row["jurisdiction"].strip() not in jurisdictions():
        raise row.error(f"unknown jurisdiction {row['jurisdiction']!r} (the codes are in "
                        "dalian_reports/vocab/jurisdictions.csv, column code)")
    year = row["year"].strip()
    if not re.fullmatch(r"(?:19|20)\d\d", year):
        hint = " (Excel may have turned it into a number or date)" if re.fullmatch(r"\d{4}\.0+|.*[/-].*", year) else ""
        raise row.error(f"year {row['year']!r} is not a four-digit year{hint}")
    lang = (row.get("lang") or "zh").strip()
    if lang not in ("zh", "en"):
        raise row.error(f"lang {lang!r} is not zh or en")
    for key, what in ((path, f"file {name!r}"), ((row["jurisdiction"].strip(), year, lang),
                                                 f"the {lang} report of {row['jurisdiction'].strip()} for {year}")):
        if key in seen:
            raise row.error(f"{what} is already listed on line {seen[key].line}; list each report once")
        seen[key] = row
    return path, int(year), lang


def _folder_path(row: CsvRow, root: Path) -> Path:
    """The file a manifest row names: inside the folder (no '..', no absolute path, no link out), present."""
    name = row["file"].strip()
    if not name or Path(name).is_absolute() or ".." in re.split(r"[/\\]", name):
        raise row.error(f"file {name!r} must be a path inside the folder (no '..', no absolute path)")
    path = (root / name).resolve()
    if not path.is_relative_to(root):
        raise row.error(f"file {name!r} is outside the folder (a link?)")
    if not path.is_file():
        raise row.error(f"file {name!r} {'is a folder, not a file' if path.is_dir() else 'not found in the folder'}")
    return path


def _warn_unlisted(root: Path, listed: set[Path]) -> None:
    for path in sorted(root.rglob("*")):
        if (path.suffix in (".txt", ".md") and path.is_file() and not path.name.startswith((".", "README"))
                and path.resolve() not in listed):
            warnings.warn(ManifestWarning(f"{path}: a report file that no row of manifest.csv lists; it is not "
                                          "read (add a row, or move the file out of the folder)"), stacklevel=3)
