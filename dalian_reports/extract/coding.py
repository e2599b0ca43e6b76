"""Indicator codes for wordings as written: one lookup in the vocabulary, after the affixes of
``dalian_reports/vocab/wording.csv`` are taken off.

A report writes an indicator with words around it: a place (全省, 我市, 大连市), a time (去年末, 全年), a
basis (实际, 可比, 同口径), the name of its change (增速, 涨幅). Each is taken off in turn, longest first, until
the vocabulary knows what is left; nothing else is guessed.

>>> code_of("全省地区生产总值"), code_of("全国居民人均可支配收入实际"), code_of("去年末居民储蓄存款余额")
('gdp', 'resident_income', 'savings_deposits')
>>> code_of("地区生产总值连跨4个千亿台阶"), code_of("项目投资") is None
('gdp', True)
>>> code_of("城乡居民人均可支配收入", "urban"), code_of("项目投资") is None
('urban_income', True)
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..vocab import HERE, jurisdictions, lookup, normalize
from .._csv import read_csv_rows

MAX_STRIPS = 6
_INNER_VERB = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:实现|完成)(?=[\u4e00-\u9fff]{2})")
_DEDUCTION = re.compile(r"[,，]?(?:扣除|剔除|不含|去除)[^,，。]{1,20}?(?:后|影响|因素)$")
_NOT_PLACES = {"城市", "城区", "市区", "社区", "园区", "地区", "市场", "山区", "县区", "开发区", "新区", "全区", "全市",
               "全县", "郊区", "景区", "片区", "港区", "城镇", "都市"}
_PLACE = re.compile(r"^(?![占比较与同在])[\u4e00-\u9fff]{1,6}?(?:港|市|区|县|新区|开发区)(?=[\u4e00-\u9fff]{2})")
_RELATIVE: list[tuple[str, tuple[str, ...]]] = []
_CLAUSE: list[re.Pattern] = []   # a milestone clause at the end of a wording (from wording.csv)
_FALL_AS: dict[str, str] = {}     # a fall in a count that is an indicator of its own (from wording.csv)
_GROWTH_SUBJECT: dict[str, str] = {}   # a word that names an indicator only as the subject of a growth figure


@lru_cache(maxsize=1)
def _affixes() -> tuple[tuple[str, ...], tuple[str, ...], dict[tuple[str, str], str]]:
    prefixes, suffixes, splits, clause = [], [], {}, {"clause_verb": [], "clause_end": []}
    _RELATIVE.clear()
    for row in read_csv_rows(HERE / "wording.csv", ["kind", "words"], shown=str(HERE / "wording.csv")):
        words = [w for w in row["words"].split("|") if w]
        if row["kind"] == "prefix":
            prefixes += words
        elif row["kind"] == "suffix":
            suffixes += words
        elif row["kind"] == "relative":
            code, _, words = row["words"].partition(":")
            _RELATIVE.append((code, tuple(w for w in words.split("|") if w)))
        elif row["kind"] == "growth_subject":
            _GROWTH_SUBJECT.update(w.split("=", 1) for w in words)
        elif row["kind"] == "fall_as":
            _FALL_AS.update(w.split("=", 1) for w in words)
        elif row["kind"] in clause:
            clause[row["kind"]] += words
        elif row["kind"] == "split":
            for item in words:
                key, _, code = item.partition("=")
                base, _, note = key.partition(":")
                splits[(base, note)] = code
    for j in jurisdictions().values():
        prefixes += [j.name_zh, *j.aliases_zh]
    _CLAUSE[:] = [re.compile(rf"[，,、]?(?:{'|'.join(clause['clause_verb'])})[^，,。；]{{0,12}}?"
                             rf"(?:{'|'.join(clause['clause_end'])})[，,、]?$")] if clause["clause_verb"] else []
    by_length = lambda w: -len(w)  # noqa: E731
    prefixes = {normalize(w) for w in prefixes if normalize(w)}   # compared with normalised wordings
    suffixes = {normalize(w) for w in suffixes if normalize(w)}
    return tuple(sorted(prefixes, key=by_length)), tuple(sorted(suffixes, key=by_length)), splits


@lru_cache(maxsize=4096)
def code_of(wording: str | None, note: str = "") -> str | None:
    """The vocabulary code of an indicator wording, or None (see the module docstring).

    ``note`` is a split note ('urban' / 'rural') from a 城乡 wording that carries two values.
    """
    if not wording:
        return None
    prefixes, suffixes, splits = _affixes()
    text = _DEDUCTION.sub("", normalize(wording))   # 地方一般公共预算收入扣除留抵退税因素后
    for clause in _CLAUSE:
        text = clause.sub("", text) or text           # 地区生产总值连跨4个千亿台阶
    code = lookup(text)
    for _ in range(MAX_STRIPS):
        if code is not None or not text:
            break
        stripped = next((text[len(p):] for p in prefixes if text.startswith(p) and len(text) > len(p)), None)
        if stripped is None:
            stripped = next((text[:-len(s)] for s in suffixes if text.endswith(s) and len(text) > len(s)), None)
        if stripped is None:   # a place of its own before the indicator: 宁波舟山港集装箱吞吐量, 大连湾…
            place = _PLACE.match(text)
            ok = place and place.group(0) not in _NOT_PLACES and place.end() < len(text)
            stripped = text[place.end():] if ok else None
        if stripped is None:
            break
        text = stripped
        code = lookup(text)
    if code is None and _INNER_VERB.search(text):   # 高新技术产业实现产值 → 高新技术产业产值
        code = code_of(_INNER_VERB.sub("", text), note)
    if code is not None and note:
        code = splits.get((code, note), code)
    return code


def fall_as(code: str) -> str | None:
    """The indicator a fall in ``code``'s count is (农村贫困人口减少1442万人 → poverty_exits), or None.

    >>> fall_as("rural_poor_population"), fall_as("gdp") is None
    ('poverty_exits', True)
    """
    _affixes()
    return _FALL_AS.get(code)


def growth_subject(wording: str) -> str | None:
    """The indicator a bare word names as the subject of a growth figure (经济增长4.5%: the economy, gdp).

    >>> growth_subject("经济"), growth_subject("经济结构") is None
    ('gdp', True)
    """
    _affixes()
    return _GROWTH_SUBJECT.get(normalize(wording))


def relative_to(predicate: str) -> str | None:
    """What a qualitative target is relative to: 'province', 'nation', 'gdp_growth', 'previous_year', or None.

    >>> relative_to("与经济增长同步"), relative_to("完成省下达计划目标"), relative_to("持续改善") is None
    ('gdp_growth', 'province', True)
    """
    _affixes()
    for code, words in _RELATIVE:
        if any(w in predicate for w in words):
            return code
    return None
