"""Exceptions and warnings raised by the package. All carry the file and, where known, the line."""
from __future__ import annotations


class DalianReportsError(ValueError):
    """Base class: bad input that the package refuses to turn into a table.

    Parameters
    ----------
    message : str
        What is wrong and, where possible, how to put it right.
    file : str, optional
        The file the bad input is in (or the argument's name, for a bad argument).
    line : int, optional
        The 1-based line of ``file``.
    """

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None):
        self.file, self.line, self.reason = file, line, message
        where = ""
        if file is not None:
            where = f"{file}:{line}: " if line is not None else f"{file}: "
        elif line is not None:
            where = f"line {line}: "
        super().__init__(where + message)


class SourceError(DalianReportsError):
    """A raw source file or a data file (manifest, reference CSV) is missing, changed, malformed or
    undecodable."""


class ParseError(DalianReportsError):
    """Text that the extractors cannot read without guessing."""


class ManifestWarning(UserWarning):
    """Something in the data folder was accepted but deserves a look: a raw file that no manifest row
    describes, or spaces around a manifest cell that were ignored. The message names the file and line."""


class Interrupted(KeyboardInterrupt):
    """The process received SIGINT, SIGTERM or SIGHUP while it ran.

    A subclass of :class:`KeyboardInterrupt`, so every clean-up that handles Ctrl-C handles the other
    signals too. ``signum`` is the signal's number.
    """

    def __init__(self, signum: int):
        import signal

        self.signum = signum
        try:
            self.signame = signal.Signals(signum).name
        except ValueError:  # pragma: no cover - a number the platform does not name
            self.signame = f"signal {signum}"
        super().__init__(f"interrupted by {self.signame}")
