"""The one vocabulary: indicators, qualifiers, measures and kinds, as data files beside this module.

``indicators.csv`` holds the indicator codes; ``qualifiers.csv``, ``measures.csv`` and ``kinds.csv``
the closed lists every grammar, builder, schema and figure uses (:data:`QUALIFIERS`, :data:`MEASURES`,
:data:`KINDS`). A linguist extends a list by adding a row; no Python changes.

Indicators
----------

Each row is a canonical code with its English and Chinese names, every Chinese and
English wording seen in the sources (names changed over time, e.g. 公共财政收入 →
一般公共预算收入), the measures and units it may take, and its direction (whether a
higher value is better: 'up', 'down' or 'none').

>>> from dalian_reports.vocab import lookup, name_en
>>> lookup("公共财政收入"), lookup("一般公共预算收入")
('budget_revenue', 'budget_revenue')
>>> name_en("gdp")
'regional GDP'
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .._csv import read_csv_rows

HERE = Path(__file__).resolve().parent
VOCABULARY_FILE = HERE / "indicators.csv"
COLUMNS = ["code", "name_en", "name_zh", "aliases_zh", "aliases_en", "measures", "units", "direction", "note"]


def _codes(file: str, where=None) -> tuple[str, ...]:
    """The codes of one closed list; a damaged file is an error naming its file and line."""
    return tuple(r["code"] for r in read_csv_rows(HERE / file, ["code"], shown=str(HERE / file))
                 if where is None or where(r))


#: Qualifiers read from text (exact, about, at_least, at_most, greater_than, less_than, range, qualitative).
QUALIFIERS = _codes("qualifiers.csv", lambda r: r["read_from_text"] == "yes")
#: Every qualifier, including the reference data's ``none`` (no target set) and ``unknown`` (wording lost).
ALL_QUALIFIERS = _codes("qualifiers.csv")
#: Measures (growth, avg_growth, level, rate, decline, cumulative_decline, multiple, pp_gap, share, qualitative).
MEASURES = _codes("measures.csv")
#: Kinds of a headline figure (target, outcome, plan_target, plan_outcome).
KINDS = _codes("kinds.csv")


@dataclass(frozen=True)
class Jurisdiction:
    """A government: code, Chinese and English name, level (nation / province / city / district), parent."""

    code: str
    name_zh: str
    name_en: str
    level: str
    parent: str
    corpus_folder: str
    aliases_zh: tuple[str, ...]


@lru_cache(maxsize=1)
def jurisdictions() -> dict[str, Jurisdiction]:
    """Every known jurisdiction (``jurisdictions.csv``), by code.

    >>> jurisdictions()["dalian"].parent
    'liaoning'
    """
    path = HERE / "jurisdictions.csv"
    rows = read_csv_rows(path, ["code", "name_zh", "name_en", "level", "parent", "corpus_folder", "aliases_zh"],
                         shown=str(path))
    return {r["code"]: Jurisdiction(r["code"], r["name_zh"], r["name_en"], r["level"], r["parent"],
                                    r["corpus_folder"], tuple(filter(None, r["aliases_zh"].split("|"))))
            for r in rows}


def jurisdiction(code: str) -> Jurisdiction:
    """One jurisdiction by code; a clear error names the known codes.

    >>> jurisdiction("china").level
    'nation'
    """
    try:
        return jurisdictions()[code]
    except KeyError:
        raise KeyError(f"unknown jurisdiction {code!r}; known: {', '.join(jurisdictions())} "
                       "(add a row to dalian_reports/vocab/jurisdictions.csv)") from None


def table(name: str):
    """One vocabulary file as a DataFrame (``indicators``, ``qualifiers``, ``measures``, ``kinds`` or
    ``jurisdictions``).

    >>> table("qualifiers").set_index("code").loc["about", "symbol"]
    '≈'
    """
    import pandas as pd

    if name not in ("indicators", "qualifiers", "measures", "kinds", "jurisdictions"):
        raise KeyError(f"no vocabulary file {name!r}; files: indicators, qualifiers, measures, kinds, jurisdictions")
    return pd.read_csv(HERE / f"{name}.csv", dtype=str, keep_default_na=False)


_FOLDED_AWAY = re.compile(r"[\s“”\"'‘’（）()]")


@lru_cache(maxsize=65536)
def normalize(wording: str) -> str:
    """Fold width, case and spacing so that wording variants compare equal."""
    return _FOLDED_AWAY.sub("", unicodedata.normalize("NFKC", wording).lower())


@lru_cache(maxsize=1)
def _rows() -> tuple[dict, ...]:
    rows = tuple(read_csv_rows(VOCABULARY_FILE, COLUMNS, shown=str(VOCABULARY_FILE)))   # file and line named
    codes = [r["code"] for r in rows]
    dupes = {c for c in codes if codes.count(c) > 1}
    if dupes:
        raise ValueError(f"{VOCABULARY_FILE.name}: duplicate codes {sorted(dupes)}")
    return rows


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for row in _rows():
        names = [row["name_zh"], row["name_en"], row["code"]]
        names += row["aliases_zh"].split("|") + row["aliases_en"].split("|")
        for name in filter(None, (n.strip() for n in names)):
            key = normalize(name)
            if index.get(key, row["code"]) != row["code"]:
                raise ValueError(f"{VOCABULARY_FILE.name}: wording {name!r} maps to {index[key]} and {row['code']}")
            index[key] = row["code"]
    return index


def lookup(wording: str) -> str | None:
    """Canonical code for an indicator wording (Chinese or English), or None if unknown."""
    return _alias_index().get(normalize(wording))


def _field(code: str, column: str) -> str:
    for row in _rows():
        if row["code"] == code:
            return row[column]
    raise KeyError(f"unknown indicator code {code!r}")


def name_en(code: str) -> str:
    return _field(code, "name_en")


def name_zh(code: str) -> str:
    return _field(code, "name_zh")


def direction(code: str) -> str:
    return _field(code, "direction")


def vocabulary():
    """The indicator vocabulary as a DataFrame, one row per code: names in English and Chinese, every
    wording seen (aliases), measures and units it may take, direction, notes.

    >>> vocabulary().set_index("code").loc["cpi", "name_zh"]
    '居民消费价格指数'
    """
    import pandas as pd

    return pd.DataFrame(list(_rows()), columns=COLUMNS)
