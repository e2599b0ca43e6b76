"""The measure of a figure once its indicator wording is known, with the sign convention for falls."""
from __future__ import annotations

import math

from .lexicon import (NAN, _GROWTH_WORDING, _REDUCTION_EN, _REDUCTION_ZH)
from .tokens import (Quantity)


# ---------------------------------------------------------------------------
# Measure resolution (needs the indicator wording)
# ---------------------------------------------------------------------------
def is_reduction_indicator(wording: str) -> bool:
    """True for indicators whose target is a fall (energy intensity, emissions, accidents …).

    >>> is_reduction_indicator("万元GDP综合能耗"), is_reduction_indicator("一般公共预算收入")
    (True, False)
    """
    return bool(_REDUCTION_ZH.search(wording) or _REDUCTION_EN.search(wording))


def resolve_measure(q: Quantity, wording: str, *, cumulative_base: bool = False) -> tuple[str, float, float, tuple[str, ...]]:
    """(measure, value, value_high, basis notes) for a figure of indicator ``wording``.

    Applies the module's sign convention. ``cumulative_base`` says the figure is
    measured against a base year more than one year back (比2020年下降…), which
    makes a decline a ``cumulative_decline``.
    """
    notes: list[str] = []
    value, high = q.value, q.value_high
    hint = q.measure_hint
    pp = q.unit in ("个百分点", "百分点") or q.unit.lower().startswith("percentage point")
    if hint == "multiple":
        return "multiple", value, high, ()
    if hint == "pp_gap":
        if q.direction == "down":
            return "pp_gap", -value if math.isnan(high) else -high, NAN if math.isnan(high) else -value, ()
        return "pp_gap", value, high, ()
    if hint in ("fall", "avg_fall", "cumulative_fall"):
        if q.reduce_verb or is_reduction_indicator(wording):
            if hint == "avg_fall":
                return "decline", value, high, ("annual average",)
            cumulative = hint == "cumulative_fall" or cumulative_base
            return ("cumulative_decline" if cumulative else "decline"), value, high, ()
        low, up = -value, -high
        if not math.isnan(high):
            low, up = -high, -value
        if hint == "cumulative_fall":
            notes.append("cumulative")
        return ("avg_growth" if hint == "avg_fall" else "growth"), low, up, tuple(notes)
    if hint in ("growth", "avg_growth"):
        if q.cumulative and hint == "growth":
            notes.append("cumulative")
        return hint, value, high, tuple(notes)
    # levels
    if q.cumulative:
        notes.append("cumulative")
    if q.mean:
        notes.append("average")
    if pp:
        return "growth", value, high, tuple(notes)
    if q.unit in ("%", "‰", "fraction"):
        if q.unit != "fraction" and _GROWTH_WORDING.search(wording):
            return "growth", value, high, tuple(notes)
        return "rate", value, high, tuple(notes)
    return "level", value, high, tuple(notes)
