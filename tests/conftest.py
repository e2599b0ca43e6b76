"""Shared fixtures: the corpus folder (tests that need it skip with a message when it is absent)."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "lawtext-gov"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the development corpus is not beside the checkout ({CORPUS}); these tests need it")
    return CORPUS
