"""Accounting for every number of a headline span: a row value, a year read for a period or basis, or an entry of
:func:`dalian_reports.extract.headline.unparsed` with the reason it is not a row. Nothing is dropped silently."""
from __future__ import annotations

import bisect



class _Spans:
    """Sorted spans answering 'does any span overlap [a, b)?' and 'does any span contain [a, b)?' in log time
    (a paragraph with thousands of figures must not make the accounting quadratic)."""

    def __init__(self, spans):
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.max_end, top = [], -1
        for _, end in spans:
            top = max(top, end)
            self.max_end.append(top)

    def _reach(self, index: int) -> int:
        return self.max_end[index] if index >= 0 else -1

    def overlaps(self, a: int, b: int) -> bool:      # some span has start < b and end > a
        return self._reach(bisect.bisect_left(self.starts, b) - 1) > a

    def contains(self, a: int, b: int) -> bool:      # some span has start <= a and end >= b
        return self._reach(bisect.bisect_right(self.starts, a) - 1) >= b


def _unparsed_numbers(ctx) -> list[dict]:
    out = []
    used, wordings, problems = _Spans(ctx.used), _Spans(ctx.wording_ranges), _Spans(ctx.problems)
    reasons = {
        "year": "year not attached to a figure", "year_range": "year range not attached to a figure",
        "date": "date", "ordinal": "rank or ordinal (no measure for ranks)", "name": "digits inside a name",
        "ratio": "ratio (not read)", "page_number": "page-number debris",
        "masked": "masked number: its digits were lost in the source (e.g. an overwritten year)",
        "broken": "a space, an invisible character or a comma inside a number, or a number that starts with its "
                  "decimal point: not read (which number is meant?)",
        "circled": "a circled or superscript numeral before a unit: not read (a footnote marker, or a digit?)",
    }
    for token in ctx.tokens:
        if used.overlaps(token.start, token.end):
            continue
        reason = ctx.problems.get((token.start, token.end))
        if reason is None and problems.overlaps(token.start, token.end):
            reason = next((r for (s, e), r in ctx.problems.items() if token.start < e and s < token.end), None)
        if reason is None:
            if wordings.contains(token.start, token.end):
                reason = "inside indicator wording"
            else:
                reason = reasons.get(token.kind, "not read as a figure")
        a = max(ctx.span.start, token.start - 15)
        b = min(ctx.span.end, token.end + 15)
        out.append(dict(kind=ctx.span.kind, start=token.start, end=token.end, number=ctx.text[token.start:token.end],
                        reason=reason, line=None, context=ctx.text[a:b]))   # line: set by the caller
    return out


