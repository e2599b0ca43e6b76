"""Quantities joined by 、/和/and (分别增长9.8%和10.8%): one group, sharing the prefix words of the first."""
from __future__ import annotations

import re
from dataclasses import replace

from .tokens import Quantity


_JOINER = {"zh": re.compile(r"^\s*(?:、|和|及|与|以及|或)\s*$"), "en": re.compile(r"^\s*(?:,?\s*and|,)\s*$", re.I)}


def _prefix_qualifier(q: Quantity, norm: str) -> bool:
    """True when ``q``'s qualifier is written before its number (突破3万亿元), so it leads a whole list."""
    return q.qualifier not in ("exact", "range") and bool(q.qualifier_word) and \
        q.qualifier_word in norm[q.start:q.core_start]


def _group(quantities: list[Quantity], norm: str, lang: str) -> list[Quantity]:
    """Give quantities joined by 、/和/and one group id; members inherit the first one's prefix words."""
    out: list[Quantity] = []
    group_id = -1
    first: Quantity | None = None
    for i, q in enumerate(quantities):
        prev = out[-1] if out else None
        between = norm[prev.end:q.start] if prev else ""
        joined = (
            prev is not None and not prev.modifier and not q.modifier
            and _JOINER[lang].match(between) is not None
            and not (q.form in ("to",) and prev.form == "from")
            and _same_kind_unit(prev.unit, q.unit)
            and not _has_own_verb(q)
        )
        if joined and first is not None:
            q = replace(
                q, group=group_id,
                direction=q.direction or first.direction, form=q.form or first.form,
                average=q.average or first.average, cumulative=q.cumulative or first.cumulative,
                respectively=q.respectively or first.respectively, each=q.each or first.each,
                stretch=q.stretch or first.stretch, cap=q.cap or first.cap, compare=q.compare or first.compare,
                year=q.year or first.year, share=q.share or first.share, basis=q.basis or first.basis,
                reduce_verb=q.reduce_verb or first.reduce_verb, mean=q.mean or first.mean,
            )
            if q.qualifier == "exact" and _prefix_qualifier(first, norm):   # 分别突破3万亿元和2.5万亿元
                q = replace(q, qualifier=first.qualifier, qualifier_word=first.qualifier_word)
        else:
            group_id += 1
            q = _with(q, group=group_id)
            first = q
        out.append(q)
    if lang == "en":  # 'respectively' is written after the last member: spread it over the group
        by_group: dict[int, bool] = {}
        for q in out:
            by_group[q.group] = by_group.get(q.group, False) or q.respectively
        out = [replace(q, respectively=by_group[q.group]) for q in out]
    return out


def _with(q: Quantity, **changes) -> Quantity:
    """``dataclasses.replace`` for a few fields, without re-running ``__init__`` (a report has thousands): what
    :func:`copy.copy` makes of a dataclass (a new instance with the same ``__dict__``), with the changes."""
    new = object.__new__(type(q))
    new.__dict__.update(q.__dict__, **changes)
    return new


def _same_kind_unit(a: str, b: str) -> bool:
    percent = {"%", "‰", "个百分点", "百分点"}
    if not a or not b:
        return True
    return a == b or (a in percent) == (b in percent) and a not in ("倍",) and b not in ("倍",)


def _has_own_verb(q: Quantity) -> bool:
    return any(r in ("up", "down", "down_reduce", "to_up", "to_down", "level", "from") for r in q.prefix_roles)
