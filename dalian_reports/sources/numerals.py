"""Chinese numerals, through the cn2an package (no hand-written converter).

>>> chinese_to_int("十五"), chinese_to_int("二〇三五")
(15, 2035)
"""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=256)
def chinese_to_int(text: str) -> int:
    """Integer value of a Chinese numeral (十五 → 15; digit strings such as 二〇三五 → 2035)."""
    import cn2an  # imported lazily: it is only needed when a numeral is met

    return int(cn2an.cn2an(text, "smart"))
