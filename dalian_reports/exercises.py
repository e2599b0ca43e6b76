"""Helpers for the exercises' checks (imported by the teacher and student notebooks).

Each raises ``AssertionError`` with a short message a student can act on ("… is not answered yet",
"missing columns …", "row 3, column gap: got …, expected …"); Otter shows that message.

>>> check_close(0.1 + 0.2, 0.3, "total")
>>> check_answered(..., "gap")
Traceback (most recent call last):
...
AssertionError: `gap` is not answered yet: replace the `...` with your answer and run its cell
"""
from __future__ import annotations

import math


def check_answered(value, name: str) -> None:
    """Fail with a clear message while *value* is still the ``...`` placeholder (or missing)."""
    if value is Ellipsis or value is None:
        raise AssertionError(f"`{name}` is not answered yet: replace the `...` with your answer and run its cell")


def check_frame(got, expected, name: str, key: str | list[str] | None = None) -> None:
    """Fail unless DataFrame *got* has *expected*'s columns and rows (numbers to 1e-9).

    Rows are compared after sorting both frames by *key* (or in the given order when *key* is
    None); extra columns in *got* are allowed; missing values (NaN, NA, None) are equal.
    """
    import pandas as pd

    check_answered(got, name)
    if not isinstance(got, pd.DataFrame):
        raise AssertionError(f"`{name}` should be a pandas DataFrame, not {type(got).__name__}")
    missing = [c for c in expected.columns if c not in got.columns]
    if missing:
        raise AssertionError(f"`{name}` is missing the column(s) {missing}; it has {list(got.columns)}")
    if len(got) != len(expected):
        raise AssertionError(f"`{name}` has {len(got)} rows; expected {len(expected)}")
    got, expected = got[list(expected.columns)], expected
    if key is not None:
        got = got.sort_values(key, kind="stable")
        expected = expected.sort_values(key, kind="stable")
    got, expected = got.reset_index(drop=True), expected.reset_index(drop=True)
    for column in expected.columns:
        for row, (g, e) in enumerate(zip(got[column], expected[column])):
            if not _same(g, e):
                label = f"row {row}" if key is None else f"{_key_text(expected.loc[row], key)}"
                raise AssertionError(f"`{name}`, {label}, column `{column}`: got {_show(g)}, expected {_show(e)}")


def check_close(got, expected, name: str, tol: float = 1e-9) -> None:
    """Fail unless the number *got* equals *expected* within *tol*."""
    check_answered(got, name)
    try:
        value = float(got)
    except (TypeError, ValueError):
        raise AssertionError(f"`{name}` should be a number, not {type(got).__name__}") from None
    if not math.isclose(value, float(expected), rel_tol=tol, abs_tol=tol):
        raise AssertionError(f"`{name}`: got {value!r}, expected {float(expected)!r}")


def _missing(value) -> bool:
    import pandas as pd

    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _kind(value) -> str:
    if isinstance(value, str):
        return "text"
    if type(value).__name__ in ("bool", "bool_"):
        return "bool"
    try:
        float(value)
    except (TypeError, ValueError):
        return "other"
    return "number"


def _same(a, b) -> bool:
    if _missing(a) or _missing(b):
        return _missing(a) and _missing(b)
    kind = _kind(a)
    if kind != _kind(b):
        return False
    if kind == "number":
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)
    return bool(a == b)


def _key_text(row, key: str | list[str]) -> str:
    keys = [key] if isinstance(key, str) else key
    return "row with " + ", ".join(f"{k}={_show(row[k])}" for k in keys)


def _show(value) -> str:
    return "missing" if _missing(value) else repr(value.item() if hasattr(value, "item") else value)
