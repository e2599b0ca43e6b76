"""Unicode normalisation of a report, done once, with a map back to the caller's offsets.

The parser reads a *normalised* text and reports offsets, quotes and lines of the *caller's* text. The
normalisation (:func:`normalize`) is:

* **NFKC, one character for one**: full-width digits, letters and punctuation (``６．５％`` → ``6.5%``), the
  ideographic and no-break spaces (→ a space), CJK compatibility ideographs and the like take their NFKC form.
  A character whose NFKC form is longer than one character (``…``, ``㈠``, ``℃``) is kept as written, and so is
  a character that NFKC would turn into a digit without being a digit (circled ``⑥``, superscript ``²``,
  ``½``): a footnote marker or an exponent is never read as a number.
* **Digits of other scripts** (Unicode decimal digits: Arabic-Indic ``٦``, mathematical ``𝟔`` …) become ASCII
  digits, and the Arabic decimal and thousands separators and per-cent sign (``٫ ٬ ٪``) become ``. , %``, so
  ``٦٫٥٪`` reads 6.5%. The minus sign and the ratio colon (``− ∶``) become ``- :``.
* **Invisible characters are removed**: zero-width spaces and joiners, the soft hyphen, the byte-order mark
  and bidirectional controls (:data:`INVISIBLE`).
* **A separator inside a number is marked, never read**: an invisible character between digits
  (``2079\\u200b.4``), a space before or after a decimal point (``2079 .4``; after it in Chinese only), a space
  between thousands in Chinese (``20 000元``), and a comma between digits that is not a thousands separator
  (``6,5``, ``6，5``) become :data:`BREAK`. The number
  token reader (:mod:`dalian_reports.extract.lexicon`) makes such a number a ``broken`` token: it is never a
  figure, and an ``unparsed`` entry says why.

Every change but the removals keeps one character for one, so a :class:`Normal` maps an offset of the
normalised text back to the caller's text by counting the removals before it (a bisection, no per-character
table). Lines are the same in both: a line break is never changed.

>>> n = normalize("增长６．５％，地区生产总值2079\\u200b.4亿元")
>>> n.norm
'增长6.5%,地区生产总值2079\\ufffd.4亿元'
>>> n2 = normalize("地区\\u200b生产总值增长6%")
>>> n2.norm, n2.start(4), n2.end(4), n2.text[n2.start(2):n2.end(6)]
('地区生产总值增长6%', 5, 5, '生产总值')
"""
from __future__ import annotations

import bisect
import re
import unicodedata

#: Characters removed from the text (zero-width, soft hyphen, byte-order mark, bidirectional controls).
INVISIBLE = ("\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
             "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069"
             "\u206a\u206b\u206c\u206d\u206e\u206f\u3164\ufeff\uffa0")
#: What a separator inside a number becomes: no digit, no space, no word character.
BREAK = "\ufffd"
_EXTRA = {"−": "-", "∶": ":", "٫": ".", "٬": ",", "٪": "%", "‰": "‰"}
_SPACES = " \u00a0\u2009\u202f\u3000\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u200a\u205f"
_INV = re.escape(INVISIBLE)
_SEP = rf"[{_INV}{re.escape(_SPACES)}]+"
_POINT = "[.．٫]"
#: invisible characters between two digits or a digit and a decimal point
_ANY = rf"[{_INV}{re.escape(_SPACES)}]*"
_INSIDE_INVISIBLE = re.compile(rf"(?<=\d)[{re.escape(_SPACES)}]*[{_INV}]{_ANY}(?=\d|{_POINT}\d)"
                               rf"|(?<=\d{_POINT})[{re.escape(_SPACES)}]*[{_INV}]{_ANY}(?=\d)")
_SPACE_BEFORE_POINT = re.compile(rf"(?<=\d){_SEP}(?={_POINT}\d)")
_SPACE_AFTER_POINT = re.compile(rf"(?<=\d{_POINT}){_SEP}(?=\d)")
_DIGIT_COMMAS = re.compile(r"(?<![\d,.，])\d+(?:[,，]\d+)+")
_SPACE_THOUSANDS = re.compile(rf"(?<=\d)[{re.escape(_SPACES)}](?=\d{{3}}(?!\d))")
_DROP = re.compile(f"[{_INV}]")
#: where a separator inside a number can be: a digit (or digit and point) before a space, an invisible character
#: or a comma
_SITE = re.compile(rf"\d{_POINT}?[,，{re.escape(_SPACES)}{_INV}]")
#: characters that may change: all but ASCII, the CJK ideographs and the punctuation of Chinese prose
_CANDIDATES = re.compile(r"[^\x00-\x7f\u4e00-\u9fff\u3001\u3002\u300a\u300b\u201c\u201d\u2018\u2019\u2014\u2026\u00b7]")
_MEMO: dict[str, str] = {}


def char_form(c: str) -> str:
    """The normalised form of one character: itself, its one-character NFKC form, an ASCII digit, or ''.

    >>> [char_form(c) for c in "６％ＧⅧ⑥²٦\\u200b…"]
    ['6', '%', 'G', 'Ⅷ', '⑥', '²', '6', '', '…']
    """
    form = _MEMO.get(c)
    if form is None:
        form = _char_form(c)
        if len(_MEMO) < 100_000:
            _MEMO[c] = form
    return form


def _char_form(c: str) -> str:
    if c in INVISIBLE:
        return ""
    if c in _EXTRA:
        return _EXTRA[c]
    digit = unicodedata.decimal(c, None)
    if digit is not None:
        return str(digit)
    form = unicodedata.normalize("NFKC", c)
    if len(form) != 1 or form.isdigit() or form in INVISIBLE:
        return c
    return form


class Normal:
    """A text and its normalised form (``norm``), with offset maps from ``norm`` back to ``text``.

    ``start(i)`` is the caller's offset of the character at ``norm[i]``; ``end(j)`` the caller's offset just
    after ``norm[j - 1]`` (for an exclusive end). ``source`` slices the caller's text with offsets of ``norm``.
    """

    __slots__ = ("text", "norm", "_drops")

    def __init__(self, text: str, norm: str, drops: list[int]):
        self.text, self.norm, self._drops = text, norm, drops

    @property
    def identity(self) -> bool:
        """True when offsets of ``norm`` are offsets of ``text``."""
        return not self._drops

    def start(self, i: int) -> int:
        """The caller's offset of ``norm[i]``."""
        return i + bisect.bisect_right(self._drops, i) if self._drops else i

    def end(self, j: int) -> int:
        """The caller's offset of an exclusive end ``j`` of ``norm``."""
        return j + bisect.bisect_left(self._drops, j) if self._drops else j

    def inner(self, start: int, end: int) -> tuple[int, int]:
        """The offsets of ``norm`` covering the caller's ``[start, end)``."""
        if not self._drops:
            return start, end
        n = len(self.norm)
        a = bisect.bisect_left(range(n + 1), start, key=self.start)
        b = bisect.bisect_right(range(n + 1), end, key=self.end) - 1
        return a, max(a, b)

    @property
    def source(self):
        """``text`` itself when offsets agree, else an object whose slices ``[a:b]`` (offsets of ``norm``) are
        the caller's text between ``start(a)`` and ``end(b)``."""
        return self.text if not self._drops else _Source(self)


class _Source:
    """The caller's text sliced by offsets of the normalised text."""

    __slots__ = ("normal",)

    def __init__(self, normal: Normal):
        self.normal = normal

    def __getitem__(self, key: slice) -> str:
        n = self.normal
        a = 0 if key.start is None else key.start
        b = len(n.norm) if key.stop is None else key.stop
        return n.text[n.start(a):n.end(b)] if b > a else ""


def normalize(text: str, lang: str = "zh") -> Normal:
    """Normalise ``text`` once (see the module docstring).

    Parameters
    ----------
    text : str
        The caller's text.
    lang : {"zh", "en"}
        Its language: a space after a decimal point (``2079. 4``) and between thousands (``20 000``) are marked
        as separators inside a number in Chinese only.

    Returns
    -------
    Normal
        The normalised text (``norm``) with the maps of its offsets back to ``text``.
    """
    marked = _mark_breaks(text, lang)
    specials = {c: f for c in set(_CANDIDATES.findall(marked)) if (f := char_form(c)) != c}
    if not specials:
        return Normal(text, marked, [])
    drops: list[int] = []
    if "" in specials.values():
        for removed, m in enumerate(_DROP.finditer(marked)):
            drops.append(m.start() - removed)
    return Normal(text, _replace_characters(marked, specials), drops)


def _replace_characters(text: str, forms: dict[str, str]) -> str:
    """``text`` with each character of ``forms`` replaced by its form, all at once.

    One :meth:`str.replace` per character when no form is itself a character to replace (then the order does not
    matter); else one substitution by a regular expression.
    """
    if forms.keys().isdisjoint(forms.values()):
        for c, form in forms.items():
            text = text.replace(c, form)
        return text
    rx = re.compile("[" + "".join(map(re.escape, forms)) + "]")
    return rx.sub(lambda m: forms[m.group()], text)


def _mark_breaks(text: str, lang: str) -> str:
    """``text`` with each separator inside a number replaced by :data:`BREAK`, one for one."""
    if not _SITE.search(text):   # no digit before a space, an invisible character or a comma: nothing to mark
        return text
    spans = [m.span() for m in _INSIDE_INVISIBLE.finditer(text)]
    spans += [m.span() for m in _SPACE_BEFORE_POINT.finditer(text)]
    if lang == "zh":   # 2079. 4; 20 000 (a space between thousands)
        spans += [m.span() for m in _SPACE_AFTER_POINT.finditer(text)]
        spans += [m.span() for m in _SPACE_THOUSANDS.finditer(text) if _short_group(text, m.start())]
    spans += _decimal_commas(text)
    if not spans:
        return text
    chars = list(text)
    for a, b in spans:
        chars[a:b] = BREAK * (b - a)
    return "".join(chars)


def _short_group(text: str, pos: int) -> bool:
    """True when the digits before ``pos`` are one to three, not part of a longer number (20 000, not 2020 000)."""
    i = pos
    while i > 0 and text[i - 1].isdigit():
        i -= 1
    return pos - i <= 3 and (i == 0 or text[i - 1] not in ".,")


def _decimal_commas(text: str) -> list[tuple[int, int]]:
    """The commas of ``6,5`` / ``2079，4``: between digits, not followed by exactly three digits (``3，180`` is a
    thousands separator, as the reports write it)."""
    out = []
    for m in _DIGIT_COMMAS.finditer(text):
        groups = re.split("[,，]", m.group(0))
        if any(len(g) != 3 for g in groups[1:]):
            pos = m.start()
            for g in groups[:-1]:
                pos += len(g)
                out.append((pos, pos + 1))
                pos += 1
    return out


class Lines:
    """1-based line numbers of offsets in one text, by bisection (``text.count`` per row is quadratic)."""

    __slots__ = ("_breaks",)

    def __init__(self, text: str):
        self._breaks = [m.start() for m in re.finditer("\n", text)]

    def __call__(self, offset: int) -> int:
        return bisect.bisect_left(self._breaks, max(0, offset)) + 1
