"""Anchored patterns searched fast (dalian_reports.extract.searching) give exactly what a plain search gives.

The fast searches only skip work that cannot find anything: each test compares them with the plain search of
the same patterns, on every window of the seed reports and on random strings of the characters that matter.
"""
from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import dalian_reports as dr
from dalian_reports.extract.searching import SentenceLead, final_characters, guarded
from dalian_reports.extract.lexicon import _PREFIX_RES
from dalian_reports.extract.normal import normalize
from dalian_reports.extract.numbers import _absorb_prefix


def _absorb_prefix_plain(norm: str, pos: int, floor: int, lang: str):
    """The prefix words before ``pos`` as every role pattern searched in every window finds them."""
    found = []
    space = " \t\u00a0\n" if lang == "zh" else " \t\u00a0"
    for _ in range(10):
        p = pos
        while p > floor and norm[p - 1] in space:
            p -= 1
        window_start = max(floor, p - 40)
        window = norm[window_start:p]
        best = None
        for role, rx in _PREFIX_RES[lang]:
            m = rx.search(window)
            if m and m.group(0) and (best is None or len(m.group(0)) > len(best[1].group(0))):
                best = (role, m)
        if best is None:
            break
        role, m = best
        found.append((role, m, window_start + m.start(), p))
        pos = window_start + m.start()
    return found


def _readable(found):
    return [(role, m.span(), m.groupdict(), s, p) for role, m, s, p in found]


@pytest.fixture(scope="module")
def seed_texts():
    reports = dr.reports(include_duplicates=False)
    return [(normalize(dr.report_text(r.report_id).text, r.lang).norm, r.lang) for r in reports.itertuples()]


def test_prefixes_found_with_the_filter_are_those_of_the_plain_search(seed_texts):
    rng = random.Random(7)
    compared = 0
    for norm, lang in seed_texts:
        for pos in rng.sample(range(1, len(norm)), min(1500, len(norm) - 1)):
            floor = max(0, pos - rng.choice((0, 3, 20, 60, 200)))
            assert _readable(_absorb_prefix(norm, pos, floor, lang)) == \
                _readable(_absorb_prefix_plain(norm, pos, floor, lang)), norm[floor:pos]
            compared += 1
    assert compared > 5000


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="年均累计比上年同增长提高到至达为了控制在约超过按口径2020)（ \n的占全市", max_size=30))
def test_prefixes_of_random_windows(text):
    for lang in ("zh", "en"):
        assert _readable(_absorb_prefix(text, len(text), 0, lang)) == \
            _readable(_absorb_prefix_plain(text, len(text), 0, lang))


@pytest.mark.parametrize("pattern, words", [
    (r"(?:增加|提高)(?:到|至)|增至", ["增加到", "提高至", "增至"]),
    (r"[(（]?按[^,，。]{0,6}?(?:口径|价格)(?:统计)?[)）]?", ["按可比价格", "（按新口径统计）", "按口径"]),
    (r"(?P<ref>(?:19|20)(?:\d\d|\?\?))\s*年(?:末|底)?(?:的)?", ["2020年", "20??年底的"]),
])
def test_a_match_ends_with_one_of_the_final_characters(pattern, words):
    finals = final_characters(pattern)
    for word in words:
        assert re.fullmatch(pattern, word) and word[-1] in finals


def test_any_character_when_the_pattern_cannot_tell():
    assert final_characters(r"增长\w") is None
    assert final_characters(r"[^，]") is None
    assert final_characters(r"(?i:up)") is None
    assert final_characters(r"\d+") is None


# ---------------------------------------------------------------------------
# Sentence leads
# ---------------------------------------------------------------------------
_ENDS = "。；;!！?？:："
_LEADS = [r"\s*(?:——\s*)?(?:[一二三]是)?(?P<t>预计|五年来|到\s*20\d\d\s*年)", r"(?P<t>)", r"(?P<t>年?)", r"[^。]{0,3}"]


def _plain(rest: str) -> re.Pattern:
    return re.compile(rf"(?:^|(?<=[{_ENDS}])){rest}", re.M)


def _spans(matches):
    return [(m.span(), m.groupdict()) for m in matches]


@pytest.mark.parametrize("rest", _LEADS)
def test_sentence_leads_of_the_seed_reports_are_those_of_the_plain_search(seed_texts, rest):
    lead, plain = SentenceLead(_ENDS, rest), _plain(rest)
    for norm, _lang in seed_texts:
        assert _spans(lead.finditer(norm)) == _spans(plain.finditer(norm))
        for a in range(0, len(norm), 997):
            assert _spans(lead.finditer(norm, a, a + 600)) == _spans(plain.finditer(norm, a, a + 600))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="。；;!\n 预计五年来到2020年——一是，", max_size=25), st.integers(0, 25), st.integers(0, 25),
       st.sampled_from(_LEADS))
def test_sentence_leads_of_random_text(text, a, b, rest):
    lead, plain = SentenceLead(_ENDS, rest), _plain(rest)
    assert _spans(lead.finditer(text, a, b)) == _spans(plain.finditer(text, a, b))


def test_the_lead_triggers_are_the_patterns_they_were():
    from dalian_reports.extract.paragraphs import _TRIGGERS_ZH

    opening = r"(?:^|(?<=[。；;!！?？:：]))\s*(?:——\s*)?(?:[一二三四五六七八九十]是)?"
    for kind, rx in _TRIGGERS_ZH:
        if isinstance(rx, SentenceLead):
            assert rx.pattern.pattern.replace(r"\?", "?").startswith(opening), kind


# ---------------------------------------------------------------------------
# Patterns guarded by their first character
# ---------------------------------------------------------------------------
def _guarded_patterns() -> list[re.Pattern]:
    from dalian_reports.extract.cores import _FIGURE_RE
    from dalian_reports.extract.lexicon import _COMPILED_TOKENS, _MALFORMED
    from dalian_reports.extract.paragraphs import _TRIGGERS_ZH
    from dalian_reports.extract.tokens import _IDIOMS

    return ([rx for _kind, rx in _COMPILED_TOKENS["zh"]] + [_MALFORMED, _FIGURE_RE["zh"], _IDIOMS["zh"],
                                                           dict(_TRIGGERS_ZH)["target"]])


def _unguarded(rx: re.Pattern) -> re.Pattern:
    """The pattern as written, without the test of its first character."""
    test, _sep, pattern = rx.pattern.partition("])(?:")
    assert test.startswith("(?=[") and pattern.endswith(")"), rx.pattern[:40]
    return re.compile(pattern[:-1], rx.flags)


def _found(rx, text, a=0, b=None):
    return [(m.span(), m.groups()) for m in rx.finditer(text, a, len(text) if b is None else b)]


def test_guarded_patterns_find_what_the_plain_ones_find_in_the_seed_reports(seed_texts):
    pairs = [(used, _unguarded(used)) for used in _guarded_patterns()]
    for norm, _lang in seed_texts:
        for used, plain in pairs:
            assert _found(used, norm) == _found(plain, norm), plain.pattern[:60]
            for a in range(0, len(norm), 1499):
                assert _found(used, norm, a, a + 300) == _found(plain, norm, a, a + 300), plain.pattern[:60]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789.-%,，。 翻一两三四倍增万亿千百零〇十点分之位数第号年月日:ab①²\ufffd主要预期目标是：", max_size=16))
def test_guarded_patterns_of_random_text(text):
    for used in _guarded_patterns():
        assert _found(used, text) == _found(_unguarded(used), text), (text, used.pattern[:60])


def test_a_pattern_that_can_match_nothing_or_anything_is_not_guarded():
    for rx in (re.compile(r"\d*"), re.compile(r"(?:年)?"), re.compile(r"[^，]+"), re.compile(r".增长"),
               re.compile(r"up|down", re.I), re.compile(r"(?i)up")):
        assert guarded(rx) is rx
    assert guarded(re.compile(r"(?<!\d)\d+%")).pattern == r"(?=[\d])(?:(?<!\d)\d+%)"


def test_lead_words_start_with_their_first_characters(seed_texts):
    from dalian_reports.extract.subjects import _STRIPS

    rng = random.Random(11)
    for norm, lang in seed_texts:
        for pos in rng.sample(range(len(norm)), min(3000, len(norm))):
            for rx, first in _STRIPS[lang]:
                m = rx.match(norm, pos, min(len(norm), pos + 40))
                if m and m.end() > pos:
                    assert first is None or norm[pos] in first, (rx.pattern[:40], norm[pos:pos + 10])
