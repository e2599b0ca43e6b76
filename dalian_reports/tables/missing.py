"""One test for a missing value, whatever its type (None, NaN, pd.NA).

>>> from dalian_reports.tables.missing import is_missing
>>> is_missing(None), is_missing(float("nan")), is_missing(0.0)
(True, True, False)
"""


def is_missing(x) -> bool:
    if x is None:
        return True
    try:
        return bool(x != x)  # NaN compares unequal to itself; pd.NA raises TypeError (ambiguous)
    except TypeError:
        return True
