"""Lists of subjects: which indicator each value of 'A、B和C分别增长x、y、z' belongs to.

A list of wordings shares one verb and one or several values. The parts are the pieces between 、 (and between
和 / 及 / 与 when each side is a wording on its own); each part is coded by the vocabulary, borrowing what the
list shares when a part lacks it:

* a shared head at the end (城镇、农村居民人均可支配收入 → 城镇居民人均可支配收入, 农村居民人均可支配收入;
  第二、三产业增加值 → 第二产业增加值, 第三产业增加值);
* a shared modifier at the start (单位地区生产总值能耗、二氧化碳排放 → …, 单位地区生产总值二氧化碳排放).

One wording with several values is a *compound* of ``dalian_reports/vocab/compounds.csv`` (城乡居民收入 with two
values → urban, rural; 存贷款余额 → deposits, loans; 三次产业 → primary, secondary, tertiary).

>>> [c for c, _w in code_parts(["城镇", "农村居民人均可支配收入"])]
['urban_income', 'rural_income']
>>> compound_codes("三次产业比重", 3)
('primary_share', 'secondary_share', 'service_share')
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..vocab import HERE
from .coding import code_of
from .._csv import read_csv_rows

MIN_PART = 1


@lru_cache(maxsize=1)
def _compounds() -> tuple[tuple[re.Pattern, int, tuple[str, ...]], ...]:
    path = HERE / "compounds.csv"
    return tuple((re.compile(r["pattern"]), r.number("values", whole=True), tuple(r["codes"].split("|")))
                 for r in read_csv_rows(path, ["pattern", "values", "codes"], shown=str(path)))


def compound_codes(wording: str, n_values: int) -> tuple[str, ...] | None:
    """The codes of a compound wording that carries ``n_values`` values, or None."""
    for prefix in ("全国", "全省", "全市", "全区", "我市", "我省", "全年", "预计"):
        if wording.startswith(prefix) and len(wording) > len(prefix):
            wording = wording[len(prefix):]
    for pattern, n, codes in _compounds():
        if n == n_values and pattern.search(wording):
            return codes
    return None


def _with_head(part: str, last: str) -> str | None:
    """Code of ``part`` completed by the longest tail of the last part that makes it a known wording."""
    for cut in range(1, len(last)):
        code = code_of(part + last[cut:])
        if code:
            return code
    return None


def _with_modifier(part: str, first: str) -> str | None:
    """Code of ``part`` preceded by the longest head of the first part that makes it a known wording."""
    for cut in range(len(first) - 1, 1, -1):
        code = code_of(first[:cut] + part)
        if code:
            return code
    return None


def code_parts(parts: list[str]) -> list[tuple[str, str]] | None:
    """[(code, part)] for a list of wordings, borrowing a shared head or modifier; None if a part stays unknown."""
    out = []
    for i, part in enumerate(parts):
        if len(part) < MIN_PART:
            return None
        code = code_of(part)
        if code is None and i < len(parts) - 1:
            code = _with_head(part, parts[-1])
        if code is None and i > 0:
            code = _with_modifier(part, parts[0])
        if code is None:
            return None
        out.append((code, part))
    return out
