"""Every numeral in a text, classified (figure, year, date, ordinal, name, ratio, page number, masked)."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .lexicon import (NAN, _COMPILED_TOKENS, _CORE_IDIOMS_EN, _CORE_IDIOMS_ZH)
from .searching import guarded


# ---------------------------------------------------------------------------
# Data classes
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class NumberToken:
    """One number seen in the text, whatever it is (``kind``: figure, year, year_range, date,
    ordinal, name, ratio, page_number). ``value`` is set for years."""

    start: int
    end: int
    text: str
    kind: str
    value: float | None = None


@dataclass(frozen=True)
class Quantity:
    """A figure phrase: prefix words, number(s), unit and suffix qualifier.

    ``start``/``end`` cover the whole phrase, ``core_start``/``core_end`` the
    number(s) and unit. ``numbers`` are the offsets of the numerals read,
    ``refs`` those of years consumed as a reference (``比2020年``).
    """

    text: str
    start: int
    end: int
    core_start: int
    core_end: int
    value: float
    value_high: float = NAN
    unit: str = ""
    qualifier: str = "exact"
    qualifier_word: str = ""
    direction: str = ""          # 'up', 'down' or '' (no change verb)
    form: str = ""               # '', 'level', 'from', 'to', 'multiple', 'gap'
    reduce_verb: bool = False    # 减排/削减/压减
    average: bool = False        # 年均
    mean: bool = False           # 平均 (average over a period of a level)
    cumulative: bool = False     # 累计 / 五年
    respectively: bool = False   # 分别
    each: bool = False           # 均 / 都
    stretch: bool = False        # 力争
    cap: bool = False            # 控制在 / 保持在
    compare: str = ""            # reference as written: '2010', '上年', '十三五期末', '全国平均值'
    year: str = ""               # explicit year of the figure ('2012年达到…'), '20??' if unknown
    share: str = ""              # whole of a share: 全市, 全省, 大连市 …
    basis: tuple[str, ...] = ()  # 按老口径 …
    modifier: bool = False       # number modifies a following word (not a figure)
    numbers: tuple[tuple[int, int], ...] = ()
    refs: tuple[tuple[int, int], ...] = ()
    group: int = -1              # quantities joined by 、/和 share a group id
    prefix_roles: tuple[str, ...] = field(default=(), repr=False)

    @property
    def measure_hint(self) -> str:
        """'multiple', 'growth', 'avg_growth', 'fall', 'avg_fall', 'cumulative_fall', 'level' or 'rate'."""
        if self.form == "multiple":
            return "multiple"
        if self.form == "gap":
            return "pp_gap"
        if self.direction == "up" and self.form not in ("to", "from"):
            return "avg_growth" if self.average else "growth"
        if self.direction == "down" and self.form not in ("to", "from"):
            if self.average:
                return "avg_fall"
            return "cumulative_fall" if self.cumulative else "fall"
        return "rate" if self.unit in ("%", "‰", "fraction") else "level"



def _claim(claimed, a: int, b: int) -> bool:
    """True when [a, b) overlaps a claimed span (a :class:`Claims` or a list of (start, end))."""
    if isinstance(claimed, Claims):
        return claimed.overlaps(a, b)
    return any(a < e and s < b for s, e in claimed)


class Claims:
    """Disjoint claimed spans, sorted, answering overlap queries by bisection (a long paragraph with thousands
    of numbers must not make the reading quadratic)."""

    __slots__ = ("starts", "ends")

    def __init__(self, spans=()):
        self.starts: list[int] = []
        self.ends: list[int] = []
        for a, b in sorted(spans):
            self.starts.append(a)
            self.ends.append(b)

    def overlaps(self, a: int, b: int) -> bool:
        """Does a claimed span have start < b and end > a?"""
        i = bisect.bisect_left(self.starts, b) - 1
        return i >= 0 and self.ends[i] > a

    def add(self, a: int, b: int) -> None:
        """Claim [a, b), which overlaps no claimed span."""
        i = bisect.bisect_left(self.starts, a)
        self.starts.insert(i, a)
        self.ends.insert(i, b)


def _classified_tokens(norm: str, lang: str, start: int, end: int) -> list[NumberToken]:
    claimed = Claims()
    tokens: list[NumberToken] = []
    for kind, rx in _COMPILED_TOKENS[lang]:
        for m in rx.finditer(norm, start, end):
            if not m.group(0).strip() or claimed.overlaps(m.start(), m.end()):
                continue
            value = None
            if kind == "year":
                value = _year_value(m.group(0))
            tokens.append(NumberToken(m.start(), m.end(), norm[m.start():m.end()], kind, value))
            claimed.add(m.start(), m.end())
    return tokens


def normalize_basis(phrase: str) -> str:
    """'按老口径统计' → '按老口径'; '按可比价格计算' → '按可比价格'."""
    return re.sub(r"(?:统计|计算|核算)$", "", re.sub(r"\s+", "", phrase))


def _normalize_reference(ref: str) -> str:
    """'2010年' / '2007年总量' → '2010' / '2007'; '“十三五”期末' → '十三五期末'."""
    m = re.match(r"((?:19|20)(?:\d\d|\?\?))\s*年", ref)
    if m:
        return m.group(1)
    return re.sub(r"[\s“”\"]", "", ref)


def _year_value(text: str) -> float | None:
    text = text.strip()
    if "?" in text:
        return None
    if text.isdigit():
        return float(text)
    digits = {"〇": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5",
              "六": "6", "七": "7", "八": "8", "九": "9"}
    return float("".join(digits[c] for c in text))


def number_tokens(text: str, lang: str = "zh", start: int = 0, end: int | None = None) -> list[NumberToken]:
    """Every numeral in ``text[start:end]`` with its kind (figures included), in order, with offsets into
    ``text`` (read on the normalised text, :mod:`dalian_reports.extract.normal`).

    >>> [(t.text, t.kind) for t in number_tokens("2020年PM2.5浓度30微克,第6位")]
    [('2020', 'year'), ('2.5', 'name'), ('30', 'figure'), ('6', 'ordinal')]
    >>> [(t.text, t.kind) for t in number_tokens("增长6,5%和٦٫٥%")]
    [('6,5', 'broken'), ('٦٫٥', 'figure')]
    """
    from .normal import normalize

    normal = normalize(text, lang)
    end = len(text) if end is None else end
    a, b = normal.inner(start, end)
    tokens = tokens_in(normal.norm, lang, a, b)
    return [NumberToken(normal.start(t.start), normal.end(t.end), text[normal.start(t.start):normal.end(t.end)],
                        t.kind, t.value) for t in tokens]


_ANY_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?(?P<mask>\?+)?")


def tokens_in(norm: str, lang: str, start: int = 0, end: int | None = None, classified=None) -> list[NumberToken]:
    """:func:`number_tokens` of a normalised text.

    Parameters
    ----------
    norm : str
        A text normalised by :func:`dalian_reports.extract.normal.normalize`.
    lang : {"zh", "en"}
    start, end : int
        The range of ``norm`` to read (a number that starts before ``start`` is not read).
    classified : list of NumberToken, optional
        The tokens of the range other than figures, when they are already read.

    Returns
    -------
    list of NumberToken
        In order, with offsets into ``norm``.
    """
    end = len(norm) if end is None else end
    tokens = list(_classified_tokens(norm, lang, start, end) if classified is None else classified)
    claimed = Claims((t.start, t.end) for t in tokens)
    back = start
    while back > 0 and norm[back - 1] in "0123456789,.":   # a number that starts before ``start`` is not read
        back -= 1
    for m in _ANY_NUMBER.finditer(norm, back, end):
        if m.start() < start or claimed.overlaps(m.start(), m.end()):
            continue
        tokens.append(NumberToken(m.start(), m.end(), m.group(0), "masked" if m.group("mask") else "figure"))
    for m in _IDIOMS[lang].finditer(norm, start, end):
        if not claimed.overlaps(m.start(), m.end()) and not re.search(r"\d", m.group(0)):
            tokens.append(NumberToken(m.start(), m.end(), m.group(0), "figure"))
    return sorted(tokens, key=lambda t: t.start)


_IDIOMS = {"zh": guarded(re.compile(_CORE_IDIOMS_ZH)), "en": re.compile(_CORE_IDIOMS_EN, re.I)}


# ---------------------------------------------------------------------------
# Scanning figures
# ---------------------------------------------------------------------------
