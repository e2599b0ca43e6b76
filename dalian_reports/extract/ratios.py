"""Ratios of shares: 三次产业比重为2.81：44.16：53.03 → the primary, secondary and tertiary sectors' shares.

A ratio a:b:c after a compound wording of ``dalian_reports/vocab/compounds.csv`` with as many parts (三次产业比重,
一二三次产业增加值构成比例, 三次产业结构) is one ``rate`` row per part, in %. A ratio written after 由…的 (三次产业比由
2010年的4.0∶41.9∶54.1调整为3.8∶37.3∶58.9) is the starting point; the year written there dates it.

>>> norm = normalize("三次产业比重为2.81：44.16：53.03。").norm
>>> [(codes, values) for _s, _e, codes, values, _year, _start in ratio_figures(norm, 0, 25)]
[(('primary_share', 'secondary_share', 'service_share'), (2.81, 44.16, 53.03))]
"""
from __future__ import annotations

import re

from .lists import compound_codes
from .normal import normalize  # noqa: F401  (the doctest)
from .tokens import tokens_in

_AGO = r"[一二三四五六七八九十两\d]{1,2}年前的?"   # 由五年前的6.4∶52∶41.6: a starting point, year not written
_LEAD = re.compile(r"([\u4e00-\u9fff、]{2,20}?)(?:由(?:(?:19|20)\d\d年的?|" + _AGO + r")?|调整为|为|是|达到|优化为|变为)?$")
_FROM = re.compile(r"由(?:(?P<year>(?:19|20)\d\d)年的?|" + _AGO + r")?$")
_CLAUSE_START = re.compile(r"[，,。；;]|[：:](?!\s*\d)")


def ratio_figures(norm: str, a: int, b: int, tokens=None):
    """(start, end, codes, values, year or None, is_start) for every ratio of shares in ``norm[a:b]`` (a normalised
    text, :func:`dalian_reports.extract.normal.normalize`); ``tokens``: the number tokens of a text around it, read
    once (default: read here)."""
    out = []
    for token in tokens_in(norm, "zh", a, b) if tokens is None else tokens:
        if token.kind != "ratio" or not a <= token.start < b:
            continue
        values = tuple(float(v) for v in re.split(r"\s*[:：∶]\s*", norm[token.start:token.end]))
        clause = max([a] + [m.end() for m in _CLAUSE_START.finditer(norm, a, token.start)])
        before = norm[clause:token.start]
        wording = re.sub(r"(?:由(?:(?:19|20)\d\d年的?|" + _AGO + r")?|调整为|优化为|变为|为|是|达到)+$", "", before)
        wording = re.sub(r"由(?:19|20)\d\d年的[\d.:∶]+$", "", wording)
        wording = re.sub(r"由.*$", "", wording)
        codes = compound_codes(wording, len(values))
        if not codes:
            continue
        start_of = _FROM.search(before)
        year = int(start_of.group("year")) if start_of and start_of.group("year") else None
        out.append((clause + (len(before) - len(before.lstrip())), token.end, codes, values, year, bool(start_of)))
    return out
