"""Judging a target against its outcome: :func:`hit_or_miss`, one rule for every table and notebook.

>>> hit_or_miss(8.0, None, "about", 9.9)
'hit'
"""
from __future__ import annotations

from .vocab import ALL_QUALIFIERS as QUALIFIERS

#: Tolerance (percentage points) below an "about" (左右) target within which the target
#: still counts as met. Justification: every numeric GDP target in the reference data is set
#: on a 0.5-pp grid (8, 7.5, 7, 6.5, ..., 4.5), so "X%左右" is read as "not more than one
#: grid step below X". On the reference data the verdicts are the same for any tolerance
#: from 0.2 pp (national 2014: 7.3 revised vs 7.5%左右) up to 2.4 pp (national 2022: 3.0 vs
#: 5.5%左右 is a miss), so the exact choice does not drive any result (tests check this).
ABOUT_TOLERANCE_PP = 0.5

#: Float slack for comparisons (values are printed to at most 2 decimals).
_EPS = 1e-9

HIT, MISS, NA = "hit", "miss", "n/a"


def is_missing(x) -> bool:
    """True for None, NaN and pandas' NA.

    >>> is_missing(None), is_missing(float("nan")), is_missing(0.0)
    (True, True, False)
    """
    if x is None:
        return True
    try:
        return bool(x != x)  # NaN compares unequal to itself; pd.NA raises TypeError (ambiguous)
    except TypeError:
        return True


def _verdict(ok: bool) -> str:
    return HIT if ok else MISS


def hit_or_miss(target_value, target_high, qualifier, outcome, tolerance_pp: float = ABOUT_TOLERANCE_PP,
                two_sided_about: bool = False) -> str:
    """'hit', 'miss' or 'n/a' for one target and its outcome, respecting the qualifier.

    Values are growth rates in percent (or any measure where higher means better, e.g. a
    decline in energy intensity stored as a positive number). The rule:

    * ``exact`` (增长13%): hit if outcome >= target. A Chinese growth target is a floor —
      lower levels set their targets above the upper level's so that the upper target is
      met, and exceeding a target is reported as over-fulfilment (超额完成), not as a miss
      (the top-down amplification studied by Li, Liu, Weng & Zhou 2019, EJ). So 8% vs 9.9%
      is a hit, 8% vs 7.9% a miss.
    * ``about`` (左右): hit if outcome >= target - ``tolerance_pp`` (default
      :data:`ABOUT_TOLERANCE_PP` = 0.5 pp; the boundary counts as a hit). Overshooting is
      a hit, as for ``exact``; pass ``two_sided_about=True`` to require
      |outcome - target| <= tolerance instead.
    * ``at_least`` (以上): outcome >= target; ``greater_than``: outcome > target.
    * ``at_most`` (以内): outcome <= target; ``less_than``: outcome < target.
    * ``range`` (6.5%-7%): target <= outcome <= target_high (outside on either side = miss).
    * ``unknown`` (number known, wording lost): judged under each plausible reading
      (exact, about, at_least); the verdict if they all agree, else 'n/a'.
    * ``qualitative``, ``none`` (no target set), or a missing target/outcome: 'n/a'.

    >>> hit_or_miss(8, None, "about", 9.9), hit_or_miss(7.5, None, "about", 7.0), hit_or_miss(7.5, None, "about", 6.9)
    ('hit', 'hit', 'miss')
    >>> hit_or_miss(6.5, 7, "range", 7.2), hit_or_miss(6, None, "at_least", 6.0), hit_or_miss(6, None, "greater_than", 6.0)
    ('miss', 'hit', 'miss')
    >>> hit_or_miss(5.5, None, "unknown", 5.7), hit_or_miss(None, None, "none", 2.3)
    ('hit', 'n/a')
    """
    if is_missing(qualifier):
        return NA
    if qualifier not in QUALIFIERS:
        raise ValueError(f"unknown qualifier {qualifier!r}; known: {QUALIFIERS}")
    if qualifier in ("qualitative", "none") or is_missing(target_value) or is_missing(outcome):
        return NA
    t, o = float(target_value), float(outcome)
    if qualifier == "exact" or qualifier == "at_least":
        return _verdict(o >= t - _EPS)
    if qualifier == "about":
        if two_sided_about:
            return _verdict(abs(o - t) <= tolerance_pp + _EPS)
        return _verdict(o >= t - tolerance_pp - _EPS)
    if qualifier == "greater_than":
        return _verdict(o > t + _EPS)
    if qualifier == "at_most":
        return _verdict(o <= t + _EPS)
    if qualifier == "less_than":
        return _verdict(o < t - _EPS)
    if qualifier == "range":
        if is_missing(target_high):
            return NA
        return _verdict(t - _EPS <= o <= float(target_high) + _EPS)
    # unknown
    verdicts = {hit_or_miss(t, target_high, q, o, tolerance_pp, two_sided_about) for q in ("exact", "about", "at_least")}
    return verdicts.pop() if len(verdicts) == 1 else NA


def apply_hit_or_miss(df, *, value: str = "value", value_high: str = "value_high", qualifier: str = "qualifier",
                      outcome: str = "outcome", tolerance_pp: float = ABOUT_TOLERANCE_PP,
                      two_sided_about: bool = False):
    """Vectorised :func:`hit_or_miss` over the rows of ``df``; returns a string Series.

    ``value_high`` may be absent from ``df`` (then ranges are 'n/a').

    >>> import pandas as pd
    >>> d = pd.DataFrame({"value": [8, 7.5, 6.5, None], "value_high": [None, None, 7, None],
    ...                   "qualifier": ["about", "exact", "range", "none"], "outcome": [7.5, 7.4, 6.7, 2.3]})
    >>> apply_hit_or_miss(d).tolist()
    ['hit', 'miss', 'hit', 'n/a']
    """
    import numpy as np
    import pandas as pd

    n = len(df)
    t = pd.to_numeric(df[value], errors="coerce").astype("float64").to_numpy()
    hi = (pd.to_numeric(df[value_high], errors="coerce").astype("float64").to_numpy()
          if value_high in df.columns else np.full(n, np.nan))
    o = pd.to_numeric(df[outcome], errors="coerce").astype("float64").to_numpy()
    q = df[qualifier].astype("string").fillna("").to_numpy(dtype=object)
    unknown = set(q) - set(QUALIFIERS) - {""}
    if unknown:
        raise ValueError(f"unknown qualifier(s) {sorted(unknown)}; known: {QUALIFIERS}")
    with np.errstate(invalid="ignore"):
        floor = o >= t - _EPS
        about = (np.abs(o - t) <= tolerance_pp + _EPS) if two_sided_about else (o >= t - tolerance_pp - _EPS)
        ok = np.select(
            [q == "exact", q == "at_least", q == "about", q == "greater_than", q == "at_most", q == "less_than",
             q == "range"],
            [floor, floor, about, o > t + _EPS, o <= t + _EPS, o < t - _EPS, (t - _EPS <= o) & (o <= hi + _EPS)],
            default=False,
        )
    unk_hit = floor & about
    unk_miss = ~floor & ~about
    judged = np.isin(q, ["exact", "at_least", "about", "greater_than", "at_most", "less_than", "range"])
    valid = ~np.isnan(t) & ~np.isnan(o)
    res = np.full(n, NA, dtype=object)
    res[judged & valid] = np.where(ok[judged & valid], HIT, MISS)
    res[(q == "range") & np.isnan(hi)] = NA
    is_unk = (q == "unknown") & valid
    res[is_unk & unk_hit] = HIT
    res[is_unk & unk_miss] = MISS
    return pd.Series(res, index=df.index, dtype="string", name="result")
