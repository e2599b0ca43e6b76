"""What the project knows about particular documents, as data: ``data/raw/notes.csv``.

Each row is one judgement about one seed document, with the raw line and the exact words that support it:
the territory (口径) its figures are on, a sentence that settles how a table is read, the corpus copy of the
same report. General code asks for a document's notes by topic; adding a document never needs code, and a
judgement is corrected by editing a row. Every quote is checked against its raw line when read.

>>> [n.key for n in notes("002", "scope")]
['省可比口径', '金州行政区口径', '新区口径']
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from .._resources import raw_dir
from ..errors import SourceError

COLUMNS = ["source_id", "topic", "key", "line", "quote", "value", "why"]


@dataclass(frozen=True)
class Note:
    """One judgement about a document: topic, key, the raw line and words it rests on, a value, and why."""

    source_id: str
    topic: str
    key: str
    line: int | None
    quote: str
    value: str
    why: str


@lru_cache(maxsize=1)
def _all_notes() -> tuple[Note, ...]:
    from .raw import read_source

    path = raw_dir() / "notes.csv"
    out = []
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != COLUMNS:
            raise SourceError(f"columns {reader.fieldnames} != {COLUMNS}", file=str(path), line=1)
        for n, row in enumerate(reader, start=2):
            line = int(row["line"]) if row["line"].strip() else None
            note = Note(row["source_id"], row["topic"], row["key"], line, row["quote"], row["value"], row["why"])
            if line is not None and note.quote not in read_source(note.source_id).line(line):
                raise SourceError(f"note {note.topic}/{note.key}: {note.quote!r} is not on line {line} of "
                                  f"source {note.source_id}", file=str(path), line=n)
            out.append(note)
    return tuple(out)


def notes(source_id: str | None = None, topic: str | None = None) -> list[Note]:
    """The notes of one document (or all), optionally of one topic, in file order."""
    return [n for n in _all_notes() if source_id in (None, n.source_id) and topic in (None, n.topic)]


def note(source_id: str, topic: str, key: str) -> Note:
    """One note; a clear error names what is missing from ``data/raw/notes.csv``."""
    for n in notes(source_id, topic):
        if n.key == key:
            return n
    raise SourceError(f"no note {topic}/{key} for source {source_id}", file=str(raw_dir() / "notes.csv"))


def clear_caches() -> None:
    _all_notes.cache_clear()


def source_of(issuer: str, doc_type: str) -> str:
    """The id of the one seed document of an issuer and type (e.g. the district's work report), from the
    manifest; a clear error when there is none or more than one.

    >>> source_of("dalian", "five_year_plan_outline")
    '004'
    """
    from .raw import manifest_rows

    ids = [r["source_id"] for r in manifest_rows() if r["issuer_code"] == issuer and r["doc_type"] == doc_type]
    if len(ids) != 1:
        raise SourceError(f"expected one {doc_type} of {issuer!r} in the manifest, found {ids or 'none'}",
                          file="data/sources.csv")
    return ids[0]
