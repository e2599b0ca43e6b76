"""The answer keys (data/devkey/) and the scorer that measures the parser against them.

The keys were read by hand from the texts (see data/devkey/README.md); these tests check that every key
row still points at its quote, and that the parser's measured recall and precision do not fall below the
floors recorded in the README. The floors are regression guards, a little below the last measurement.
"""
from __future__ import annotations

import pytest

from dalian_reports.pipeline import devkey

# Measured at the last change of the parser (see data/devkey/README.md); a drop below a floor fails.
FLOORS = {
    "dev": {"recall all": 0.91, "precision all": 0.97},
    "english": {"recall all": 0.90, "precision all": 0.90},
}


def test_line_set_reads_ranges_and_lists():
    assert devkey.line_set("14-16;20, 22") == {14, 15, 16, 20, 22}
    assert devkey.line_set("") == set()


def test_strict_match_needs_kind_indicator_value_and_qualifier():
    key = dict(kind="target", indicator="gdp", value="6.5", value_high="", qualifier="about")
    row = dict(kind="target", indicator="gdp", value=6.5, value_high=float("nan"), qualifier="about")
    assert devkey.strict_match(key, row)
    assert not devkey.strict_match(key, dict(row, qualifier="at_least"))
    assert not devkey.strict_match(key, dict(row, value=6.0))
    assert not devkey.strict_match(key, dict(row, kind="outcome"))
    assert not devkey.strict_match(key, dict(row, value_high=7.0))


def test_unknown_key_set_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown key set 'nope'"):
        devkey.key_reports("nope")


def test_english_key_is_consistent_with_its_seed():
    # The English key refers to a seed in data/raw, so it needs no corpus.
    assert devkey.check_key(key_set="english") == []


def test_english_recall_and_precision_stay_above_their_floors():
    scores = devkey.score("english")
    summary = devkey.summarise(scores)
    for label, floor in FLOORS["english"].items():
        n, d = summary[label]
        assert d and n / d >= floor, f"English {label}: {n}/{d} below {floor}"


def test_dev_key_is_consistent_with_the_corpus(corpus_dir):
    assert devkey.check_key(corpus_dir, "dev") == []


@pytest.mark.parametrize("key_set", ["heldout", "heldout2"])
def test_heldout_keys_are_consistent_with_the_corpus(corpus_dir, key_set):
    if not (devkey.KEY_SETS[key_set] / "reports.csv").exists():
        pytest.skip(f"no {key_set} key in this checkout")
    assert devkey.check_key(corpus_dir, key_set) == []


@pytest.mark.slow
def test_dev_recall_and_precision_stay_above_their_floors(corpus_dir):
    scores = devkey.score("dev", corpus_dir)
    summary = devkey.summarise(scores)
    for label, floor in FLOORS["dev"].items():
        n, d = summary[label]
        assert d and n / d >= floor, f"dev {label}: {n}/{d} below {floor}"
    assert summary["year accuracy (matched rows)"][0] == summary["year accuracy (matched rows)"][1]
    assert summary["reports with no row"][0] == 0
