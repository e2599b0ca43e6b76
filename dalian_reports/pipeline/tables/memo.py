"""In-process memo for table builders: one build computes each table once.

Nothing is written to disk: the pipeline runs in one process, and a table that several builders
use (``headline_figures`` feeds the district, target and consistency tables) is computed the first
time it is asked for. Callers get a copy, so editing a returned table does not edit the memo.

>>> @memo
... def table():
...     import pandas as pd
...     return pd.DataFrame({"a": [1]})
>>> table() is table()
False
"""
from __future__ import annotations

import functools

_builders: list = []


def memo(function):
    """Remember ``function(*args, **kwargs)`` for the life of the process; return copies."""
    cached = functools.lru_cache(maxsize=None)(function)
    _builders.append(cached)

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        return cached(*args, **kwargs).copy()

    wrapper.uncached = function
    return wrapper


def clear() -> None:
    """Forget every remembered table (after the data folder changed, e.g. in tests)."""
    for cached in _builders:
        cached.cache_clear()
