"""Reading the number(s) and unit of one figure: numerals, Chinese numerals, idioms, ranges."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from ..errors import ParseError
from .lexicon import (NAN, _CORE_IDIOMS_EN, _CORE_IDIOMS_ZH, _MALFORMED, _NUM, _RANGE_SEP, _RANGE_SEP_EN, _SP, _SUFFIX_EN, _SUFFIX_ZH, _UNIT_EN, _UNIT_ZH, line_of)
from .searching import guarded
from .tokens import (_claim)


def _to_float(num: str, *, text: str, offset: int) -> float:
    try:
        value = float(num.replace(",", ""))
    except ValueError:
        raise ParseError(f"malformed number {num!r}", line=line_of(text, offset)) from None
    if math.isinf(value):
        raise ParseError(f"number too large to represent: {num[:12]}… ({len(num)} digits)", line=line_of(text, offset))
    return value


_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _small_cn_int(s: str) -> int | None:
    """一 → 1, 十五 → 15, 三十 → 30, 九十九 → 99: the numerals of the idioms, read without cn2an (slow to load
    and to run); None for anything else."""
    if s in _CN_DIGIT:
        return _CN_DIGIT[s]
    tens, ten, ones = s.partition("十")
    if ten and tens in ("", *"一二三四五六七八九") and (not ones or ones in _CN_DIGIT and ones not in "零〇两"):
        return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)
    return None


def _cn_int(s: str, *, text: str, offset: int) -> float:
    if s.isdigit():
        return float(s)
    small = _small_cn_int(s)
    if small is not None:
        return float(small)
    import cn2an  # lazily: only idioms need it
    try:
        return float(cn2an.cn2an(s, "smart"))
    except Exception:  # cn2an raises plain ValueError/KeyError on odd input
        raise ParseError(f"cannot read Chinese numeral {s!r}", line=line_of(text, offset)) from None


def _check_malformed(norm: str, start: int, end: int, claimed=()) -> None:
    for m in _MALFORMED.finditer(norm, start, end):
        if not _claim(claimed, m.start(), m.end()):
            raise ParseError(f"malformed number {m.group(0)!r}", line=line_of(norm, m.start()))


def _unit_from(m: re.Match, lang: str) -> tuple[str, str]:
    """(unit, approx-qualifier) from a unit match."""
    if m.group("pct"):
        pct = m.group("pct")
        return ("%" if pct.lower().replace(" ", "") == "percent" else pct), ""
    if m.group("times"):
        return m.group("times"), ""
    mag = m.group("mag") or ""
    word = m.group("word") or ""
    approx = m.groupdict().get("approx") or ""
    unit = f"{mag} {word}".strip() if lang == "en" else mag + word
    return unit, ("greater_than" if approx else "")


def _match_unit(norm: str, pos: int, end: int, lang: str) -> tuple[str, str, int]:
    rx = _UNIT_RE[lang]
    m = rx.match(norm, pos, end)
    if not m or m.end() == pos:
        return "", "", pos
    unit, approx = _unit_from(m, lang)
    if not unit and not approx:
        return "", "", pos
    return unit, approx, m.end()


def _across_lines(pattern: str) -> str:
    """左右 → 左\n?右: a qualifier word broken across two lines of the text is still read."""
    return "|".join("\n?".join(alt) if alt.isalpha() else alt for alt in pattern.split("|"))


_UNIT_RE = {
    "zh": re.compile(rf"{_SP}(?:{_UNIT_ZH})"),
    "en": re.compile(rf"\s*(?:{_UNIT_EN})", re.I),
}
_NUM_RE = re.compile(rf"(?P<sign>-)?(?P<num>{_NUM})")
_RANGE_RE = {"zh": re.compile(rf"{_SP}{_RANGE_SEP}{_SP}(?=\d)"), "en": re.compile(rf"\s*{_RANGE_SEP_EN}\s*(?=\d)", re.I)}
_SUFFIX_RE = {
    "zh": [(q, re.compile(rf"{_SP}(?:{_across_lines(p)})")) for q, p in _SUFFIX_ZH],
    "en": [(q, re.compile(rf"\s*(?:{p})\b", re.I)) for q, p in _SUFFIX_EN],
}
_FOLLOW_OK_ZH = re.compile(r"[\s,，。.;；:：、)）\]!！?？”\"'’…—\-]|和|与|及|或|大关|台阶|关口|水平|规模|的?目标|增长|左右|以上|$")


@dataclass
class _Core:
    start: int
    end: int
    value: float
    value_high: float
    unit: str
    qualifier: str
    qualifier_word: str
    form: str = ""
    direction: str = ""
    numbers: list = field(default_factory=list)


def _read_core(norm: str, m: re.Match, end: int, lang: str, allow_range: bool = True) -> _Core | None:
    """Read number(s) + unit (+ range) at a figure token."""
    gd = m.groupdict()
    if gd.get("fan"):
        n = _cn_int(gd["fan_n"], text=norm, offset=m.start())
        return _Core(m.start(), m.end(), 2.0 ** n, NAN, "倍", "exact", "", form="multiple", numbers=[(m.start(), m.end())])
    if gd.get("beizeng"):
        return _Core(m.start(), m.end(), 2.0, NAN, "倍", "exact", "", form="multiple", numbers=[(m.start(), m.end())])
    if gd.get("double") or gd.get("quadruple"):
        v = 2.0 if gd.get("double") else 4.0
        return _Core(m.start(), m.end(), v, NAN, "times", "exact", "", form="multiple", numbers=[(m.start(), m.end())])
    if gd.get("digits_cn"):
        v = 10.0 if gd["digits_n"] == "两" else 100.0
        core_end = m.end()
        growth = re.compile(rf"{_SP}(?:的)?(?:增长|增速|增幅)").match(norm, core_end, end)
        direction = ""
        if growth:
            core_end, direction = growth.end(), "up"
        return _Core(m.start(), core_end, v, NAN, "%", "at_least", gd["digits_cn"], direction=direction,
                     numbers=[(m.start(), m.end())])
    if gd.get("trillion_city"):
        return _Core(m.start(), m.end(), 1.0, NAN, "万亿元", "at_least", gd["trillion_city"], form="level",
                     numbers=[(m.start(), m.end())])
    if gd.get("bare_mag"):
        # 突破千亿元 → greater_than 1000 亿元 (千亿 and 百亿 are not units); 迈上万亿元台阶 → at_least 1 万亿元
        value, unit = {"千亿": (1000.0, "亿"), "百亿": (100.0, "亿")}.get(gd["bare_mag"], (1.0, gd["bare_mag"]))
        before = norm[max(0, m.start() - 3):m.start()]
        qualifier = ("greater_than" if re.search(r"突破|超过?|过|越$", before) else
                     "at_least" if re.search(r"迈上|跨上|跃上|登上|迈入|跨入|上$", before) else "exact")
        return _Core(m.start(), m.end(), value, NAN, unit + gd["bare_unit"], qualifier, "",
                     numbers=[(m.start(), m.end())])
    if gd.get("zero"):   # 零增长, zero growth: a growth of 0%
        return _Core(m.start(), m.end(), 0.0, NAN, "%", "exact", "", direction="up", numbers=[(m.start(), m.end())])
    if gd.get("cn_dec") or gd.get("cn_mag"):   # 七点五%, 零点五个百分点; 一万亿元, 两千万元 (a Chinese numeral and a unit)
        return _cn_numeral_core(norm, m, gd)
    if gd.get("cn_pct"):
        v = _cn_decimal(gd["cn_pct_n"], norm, m.start())
        return _Core(m.start(), m.end(), v, NAN, "%", "exact", "", numbers=[(m.start(), m.end())])
    if gd.get("cn_frac"):
        den = _cn_int(gd["cn_den"], text=norm, offset=m.start())
        numr = _cn_int(gd["cn_numr"], text=norm, offset=m.start())
        if den == 0:
            raise ParseError(f"fraction with zero denominator {m.group(0)!r}", line=line_of(norm, m.start()))
        return _Core(m.start(), m.end(), numr / den, NAN, "fraction", "exact", "", numbers=[(m.start(), m.end())])
    if gd.get("cn_unit"):
        v = _cn_int(gd["cn_unit_n"], text=norm, offset=m.start())
        return _Core(m.start(), m.end(), v, NAN, gd["cn_unit"], "exact", "",
                     form="multiple" if gd["cn_unit"] == "倍" else "", numbers=[(m.start(), m.end())])
    # Arabic numerals
    sign = -1.0 if gd.get("sign") else 1.0
    v1 = sign * _to_float(gd["num"], text=norm, offset=m.start("num"))
    numbers = [(m.start("sign") if gd.get("sign") else m.start("num"), m.end("num"))]
    pos = m.end("num")
    frac = _FRACTION.match(norm, pos, end)
    if frac:
        den = float(frac.group(1))
        if den == 0:
            raise ParseError(f"fraction with zero denominator {norm[m.start():frac.end()]!r}", line=line_of(norm, m.start()))
        return _Core(m.start(), frac.end(), v1 / den, NAN, "fraction", "exact", "", numbers=[(numbers[0][0], frac.end())])
    if norm.startswith(".", pos) and not norm[pos + 1:pos + 2].isdigit() and _match_unit(norm, pos + 1, end, lang)[0]:
        pos += 1   # 2182.亿元: a stray point between the number and its unit
    unit1, approx1, pos = _match_unit(norm, pos, end, lang)
    qualifier, qword, value_high, unit = "exact", "", NAN, unit1
    if approx1:
        qualifier, qword = approx1, "余/多"
    if allow_range:
        sep = _BETWEEN_AND if gd.get("between") else _RANGE_RE[lang]
        rng = sep.match(norm, pos, end)
        nested = _NESTED_RANGE.match(norm, pos, end)
        if nested:
            raise ParseError(f"nested range {norm[m.start():nested.end() + 6]!r}", line=line_of(norm, m.start()))
        m2 = _NUM_RE.match(norm, rng.end(), end) if rng else None
        if m2 and not m2.group("sign"):
            v2 = _to_float(m2.group("num"), text=norm, offset=m2.start())
            unit2, _approx2, pos2 = _match_unit(norm, m2.end(), end, lang)
            word_sep = norm[rng.start():rng.end()].strip().lower() in ("到", "至", "to", "and")
            if unit1 and unit2 and unit1 != unit2 and unit2.startswith(unit1):
                unit1 = unit2    # 100万到300万标箱, 2000亿—4000亿元: the magnitude written twice, the unit once
            if not unit1 and not unit2 and not word_sep and v2 < v1:
                return _Core(m.start(), pos, v1, NAN, "", "exact", "", numbers=numbers)  # 波音747-400: a model, not a range
            if unit1 and unit2 and unit1 != unit2:
                raise ParseError(f"range with two units {norm[m.start():pos2]!r}", line=line_of(norm, m.start()))
            if unit1 or unit2 or not word_sep:
                if v2 < v1:
                    raise ParseError(f"inverted range {norm[m.start():pos2]!r}", line=line_of(norm, m.start()))
                unit = unit1 or unit2
                value_high, qualifier, qword, pos = v2, "range", norm[rng.start():rng.end()].strip(), pos2
                numbers.append((m2.start(), m2.end()))
                again = sep.match(norm, pos, end)
                if again and _NUM_RE.match(norm, again.end(), end):
                    raise ParseError(f"chained range {norm[m.start():again.end() + 4]!r}", line=line_of(norm, m.start()))
    form = "multiple" if unit in ("倍", "times") else ""
    v1, value_high, unit = fold_magnitude(v1, value_high, unit)
    return _Core(m.start(), pos, v1, value_high, unit, qualifier, qword, form=form, numbers=numbers)


def _cn_numeral_core(norm: str, m: re.Match, gd: dict) -> _Core:
    numbers = [(m.start(), m.end())]
    if gd.get("cn_dec"):
        value = _cn_decimal(gd["cn_dec_n"], norm, m.start())
        unit = gd["cn_dec"]
        return _Core(m.start(), m.end(), value, NAN, unit, "exact", "", form="multiple" if unit == "倍" else "",
                     numbers=numbers)
    value, high, unit = fold_magnitude(_cn_decimal(gd["cn_mag_n"], norm, m.start()), NAN, gd["cn_mag"] + gd["cn_mag_unit"])
    return _Core(m.start(), m.end(), value, high, unit, "exact", "", numbers=numbers)


_FOLDS = {"千万": (1000.0, "万"), "百万": (100.0, "万"), "十万": (10.0, "万"), "千亿": (1000.0, "亿"),
          "百亿": (100.0, "亿"), "十亿": (10.0, "亿")}
_FOLD_FIRSTS = {prefix[0] for prefix in _FOLDS}


def fold_magnitude(value: float, high: float, unit: str) -> tuple[float, float, str]:
    """Write a unit in the magnitudes the reports use: 1千万标箱 → 1000 万标箱, 3百亿元 → 300 亿元.

    >>> fold_magnitude(1.0, float("nan"), "千万标箱")[::2]
    (1000.0, '万标箱')
    """
    if unit[:1] not in _FOLD_FIRSTS:
        return value, high, unit
    for prefix, (factor, base) in _FOLDS.items():
        if unit.startswith(prefix) and len(unit) > len(prefix):
            return value * factor, high * factor, base + unit[len(prefix):]
    return value, high, unit


_BETWEEN_AND = re.compile(r"\s+and\s+(?=\d)", re.I)
_FRACTION = re.compile(r"/(\d+)(?!\d|\.\d)")
_NESTED_RANGE = re.compile(r"\s*(?:-|—|–|~|～|至|到)\s*[(（]\s*(?=\d)")


def _cn_decimal(s: str, norm: str, offset: int) -> float:
    if "点" in s:
        whole, _, frac = s.partition("点")
        digits = {"〇": "0", "零": "0", "一": "1", "二": "2", "两": "2", "三": "3", "四": "4", "五": "5",
                  "六": "6", "七": "7", "八": "8", "九": "9"}
        try:
            return _cn_int(whole, text=norm, offset=offset) + float("0." + "".join(digits[c] for c in frac))
        except KeyError:
            raise ParseError(f"cannot read Chinese numeral {s!r}", line=line_of(norm, offset)) from None
    return _cn_int(s, text=norm, offset=offset)


_FIGURE_RE = {   # guarded: tried only where a figure can start (the same matches)
    "zh": guarded(re.compile(rf"(?P<sign>(?<![\d%.A-Za-z)])-)?(?<!\d)(?P<num>{_NUM})|{_CORE_IDIOMS_ZH}")),
    "en": re.compile(rf"(?P<between>\bbetween\s+)?(?P<sign>(?<![\d%.A-Za-z)])-)?(?<!\d)(?P<num>{_NUM})|{_CORE_IDIOMS_EN}", re.I),
}
