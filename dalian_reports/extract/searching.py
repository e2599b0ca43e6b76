"""Regular expressions searched without trying them at every position of the text, with the same results.

Python's engine tries a pattern at every position unless the pattern starts with a character or a class. Three
exact shortcuts:

*A pattern anchored at the end.* The prefix words of a figure (:data:`dalian_reports.extract.lexicon._PREFIX_ZH`)
are searched as ``…$`` in the window before the number, one pattern per role. A pattern whose matches cannot end
with the window's last character cannot match there, so it need not be searched. :func:`final_characters` reads
the pattern's syntax tree and answers with a set that contains every possible last character, or ``None`` (any
character: a class such as ``[^…]`` or ``\\w``, a case-insensitive pattern, or anything it does not know). The
answer is never too small, so filtering by it changes no result.

>>> sorted(final_characters(r"(?:增长|提高)(?:到|至)?$"))
['到', '至', '长', '高']
>>> sorted(final_characters(r"(?<![年人平])均|都|各"))
['各', '均', '都']
>>> final_characters(r"[^，。]{1,4}口径[)）]?$") == {"径", ")", "）"}
True
>>> final_characters(r"about|around", re.I) is None
True

*A pattern whose matches start with few characters.* A number token starts with a digit, an idiom with 翻, 倍,
一 …; but a pattern that opens with a look-behind or a group is tried in full at every position.
:func:`guarded` puts a test of the first character in front, ``(?=[…])``, read from the syntax tree like the
final characters: every match is the same match, found sooner.

>>> guarded(re.compile(r"(?<![\\d.])(?P<n>\\d+)%|(?P<fan>翻\\s*[一两]\\s*番)")).pattern
'(?=[\\\\d翻])(?:(?<![\\\\d.])(?P<n>\\\\d+)%|(?P<fan>翻\\\\s*[一两]\\\\s*番))'

*A pattern anchored at a sentence start.* A lead such as 预计 or 五年来 opens a sentence: its pattern starts
with ``(?:^|(?<=[。；…]))``. :class:`SentenceLead` finds the same matches by scanning for the sentence ends only (a
pattern that starts with a character class is searched by the engine's fast scan), then matching the pattern
itself right after each.

>>> lead = SentenceLead("。；", r"\\s*(?P<t>预计|五年来)")
>>> [m.group("t") for m in lead.finditer("预计，增长6%。五年来，翻一番；据悉预计")]
['预计', '五年来']
"""
from __future__ import annotations

import re

try:                                   # Python >= 3.11
    from re import _parser as _sre
except ImportError:                    # pragma: no cover  (Python 3.10)
    import sre_parse as _sre

_ZERO_WIDTH = {_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT}
_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", _sre.MAX_REPEAT)}
_LARGEST_RANGE = 256   # a character range wider than this counts as any character (final characters)
_CATEGORIES = {_sre.CATEGORY_DIGIT: r"\d", _sre.CATEGORY_NOT_DIGIT: r"\D", _sre.CATEGORY_SPACE: r"\s",
               _sre.CATEGORY_NOT_SPACE: r"\S", _sre.CATEGORY_WORD: r"\w", _sre.CATEGORY_NOT_WORD: r"\W"}


def final_characters(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Every character a non-empty match of ``pattern`` can end with, or None when it may be any character.

    Parameters
    ----------
    pattern : str
        A regular expression (as given to :func:`re.compile`).
    flags : int
        Its flags; a case-insensitive pattern is not analysed (None).

    Returns
    -------
    frozenset of str or None
    """
    found, _nullable = _analyse(pattern, flags, _characters, last=True)
    return None if found is None else frozenset(found)


def first_characters(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Every character a non-empty match of ``pattern`` can start with, or None when it may be any character.

    >>> sorted(first_characters(r"(?<!\\d)(?:全年|本市)?(?:实现|完成)"))
    ['全', '完', '实', '本']
    """
    found, _nullable = _analyse(pattern, flags, _characters, last=False)
    return None if found is None else frozenset(found)


def guarded(rx: re.Pattern) -> re.Pattern:
    """``rx`` with a test of its first character in front: ``(?=[first characters])(?:pattern)``.

    The same matches, groups and spans (the test is true wherever a match starts); ``rx`` itself when the first
    character may be any, when the pattern can match the empty string, or when it is case-insensitive.
    """
    first, nullable = _analyse(rx.pattern, rx.flags, _class_parts, last=False)
    if first is None or nullable or not first:
        return rx
    try:
        return re.compile(rf"(?=[{''.join(sorted(first))}])(?:{rx.pattern})", rx.flags)
    except re.error:   # pragma: no cover  (e.g. global inline flags, which must open the pattern)
        return rx


def _analyse(pattern: str, flags: int, characters, last: bool) -> tuple[set | None, bool]:
    """(the characters a match can end with, or start with; can the match be empty) or (None, False)."""
    if flags & re.IGNORECASE:
        return None, False
    try:
        tree = _sre.parse(pattern, flags)
        if tree.state.flags & re.IGNORECASE:   # a global (?i)
            return None, False
        return _sequence(tree, characters, last)
    except (_Unknown, re.error, RecursionError, AttributeError):
        return None, False


class _Unknown(Exception):
    """A construct the analysis does not read (its answer would then be None)."""


def _union(a: set | None, b: set | None) -> set | None:
    return None if a is None or b is None else a | b


def _sequence(items, characters, last: bool) -> tuple[set | None, bool]:
    """(first or final characters, can be empty) of items matched one after the other."""
    found: set | None = set()
    for op, av in (reversed(list(items)) if last else list(items)):
        chars, nullable = _item(op, av, characters, last)
        found = _union(found, chars)
        if found is None:
            return None, False
        if not nullable:
            return found, False
    return found, True


def _item(op, av, characters, last: bool) -> tuple[set | None, bool]:
    """(first or final characters, can be empty) of one node of the syntax tree."""
    if op is _sre.LITERAL:
        return characters([(op, av)]), False
    if op is _sre.IN:
        return characters(av), False
    if op in _ZERO_WIDTH:
        return set(), True
    if op is _sre.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        if add_flags & re.IGNORECASE:
            raise _Unknown
        return _sequence(sub, characters, last)
    if op is _sre.BRANCH:
        found, nullable = set(), False
        for alternative in av[1]:
            chars, empty = _sequence(alternative, characters, last)
            found, nullable = _union(found, chars), nullable or empty
        return found, nullable
    if op in _REPEATS:
        low, high, sub = av
        if high == 0:
            return set(), True
        chars, empty = _sequence(sub, characters, last)
        return chars, low == 0 or empty
    if op is getattr(_sre, "ATOMIC_GROUP", None):
        return _sequence(av, characters, last)
    return None, False   # any character (ANY, NOT_LITERAL, a back reference …)


def _characters(items) -> set | None:
    """The characters of a class, or None (a negated class, a category such as \\d, a wide range)."""
    out = set()
    for op, av in items:
        if op is _sre.LITERAL:
            out.add(chr(av))
        elif op is _sre.RANGE and av[1] - av[0] <= _LARGEST_RANGE:
            out.update(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return None
    return out


def _class_parts(items) -> set | None:
    """The parts of a class as written inside ``[…]`` (``a``, ``0-9``, ``\\d``), or None for a negated class."""
    out = set()
    for op, av in items:
        if op is _sre.LITERAL:
            out.add(re.escape(chr(av)))
        elif op is _sre.RANGE:
            out.add(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is _sre.CATEGORY and av in _CATEGORIES:
            out.add(_CATEGORIES[av])
        else:
            return None
    return out


class SentenceLead:
    """A pattern that matches only at a sentence start: ``(?:^|(?<=[ends]))`` followed by ``rest`` (multi-line).

    :meth:`finditer` yields exactly the matches of that pattern (:attr:`pattern`), in the same order, found by
    first searching ``[ends\\n]`` followed by ``rest``.

    Parameters
    ----------
    ends : str
        The characters after which a sentence starts (a line start is one too).
    rest : str
        The pattern of the sentence's opening.
    flags : int
        Flags of the pattern (``re.MULTILINE`` is always set).
    """

    def __init__(self, ends: str, rest: str, flags: int = 0):
        self.pattern = re.compile(rf"(?:^|(?<=[{re.escape(ends)}])){rest}", flags | re.M)
        self._after_end = re.compile(rf"[{re.escape(ends)}\n]{rest}", flags | re.M)

    def finditer(self, string: str, pos: int = 0, endpos: int | None = None):
        """The matches of :attr:`pattern` in ``string[pos:endpos]``, as :meth:`re.Pattern.finditer` gives them."""
        end = len(string) if endpos is None else min(max(0, endpos), len(string))
        pos = min(max(0, pos), len(string))
        if pos > end:
            return
        if pos == 0:   # no character before: only the line start can open a sentence there
            m = self.pattern.match(string, 0, end)
            pos = 1 if m is None else m.end()
            if m is not None:
                yield m
                if m.end() == m.start():
                    yield from self._after_empty(string, m.end(), end)
                    return
        while pos <= end:
            candidate = self._after_end.search(string, pos - 1, end)
            if candidate is None:
                return
            m = self.pattern.match(string, candidate.start() + 1, end)
            if m is None:   # cannot happen (the same pattern after the same test), but never skip a match
                pos = candidate.start() + 2
                continue
            yield m
            if m.end() == m.start():
                yield from self._after_empty(string, m.end(), end)
                return
            pos = m.end()

    def _after_empty(self, string: str, pos: int, end: int):
        """After an empty match at ``pos``: what :meth:`re.Pattern.finditer` yields next (its own rules)."""
        rest = self.pattern.finditer(string, pos, end)
        next(rest)   # the same empty match
        yield from rest
