"""The one canonical indicator vocabulary (``indicators.csv`` beside this module).

Each row is a canonical code with its English and Chinese names, every Chinese and
English wording seen in the sources (names changed over time, e.g. 公共财政收入 →
一般公共预算收入), the measures and units it may take, and its direction (whether a
higher value is better: 'up', 'down' or 'none').

>>> from dalian_reports.tables.vocabulary import lookup, name_en
>>> lookup("公共财政收入"), lookup("一般公共预算收入")
('budget_revenue', 'budget_revenue')
>>> name_en("gdp")
'regional GDP'
"""
from __future__ import annotations

import csv
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

VOCABULARY_FILE = Path(__file__).with_name("indicators.csv")
COLUMNS = ["code", "name_en", "name_zh", "aliases_zh", "aliases_en", "measures", "units", "direction", "note"]


def normalize(wording: str) -> str:
    """Fold width, case and spacing so that wording variants compare equal."""
    text = unicodedata.normalize("NFKC", wording).lower()
    text = re.sub(r"[\s“”\"'‘’（）()]", "", text)
    return text


@lru_cache(maxsize=1)
def _rows() -> tuple[dict, ...]:
    with open(VOCABULARY_FILE, newline="", encoding="utf-8") as fh:
        rows = tuple(csv.DictReader(fh))
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
    """The vocabulary as a DataFrame, one row per code.

    >>> vocabulary().set_index("code").loc["cpi", "name_zh"]
    '居民消费价格指数'
    """
    import pandas as pd

    return pd.DataFrame(list(_rows()), columns=COLUMNS)
