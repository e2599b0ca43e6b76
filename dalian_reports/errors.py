"""Exceptions raised by the package. All carry the file and, where known, the line."""
from __future__ import annotations


class DalianReportsError(ValueError):
    """Base class: bad input that the package refuses to turn into a table."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None):
        self.file, self.line, self.reason = file, line, message
        where = ""
        if file is not None:
            where = f"{file}:{line}: " if line is not None else f"{file}: "
        elif line is not None:
            where = f"line {line}: "
        super().__init__(where + message)


class SourceError(DalianReportsError):
    """A raw source file is missing, changed, empty, binary or undecodable."""


class ParseError(DalianReportsError):
    """Text that the extractors cannot read without guessing."""
