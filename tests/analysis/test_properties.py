"""`analyze` never raises, whatever the text, and its answer is always well formed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis import analyze
from bot.analysis.engine import read_article
from bot.registry.loader import load_registry

REGISTRY = load_registry()

_SALAD = """
sacked fired manager boss coach Real Madrid Ancelotti the under pressure vote of confidence replace
interim points behind nine-point gap ( ) . , ' " say Marca trail by a point level on Klopp NFL rugby
he his former X's side Castilla Solari take over if necessary
"""
WORDS = st.sampled_from([*_SALAD.split(), "\n"])


def _well_formed(text: str) -> None:
    # The pipeline itself, not the public wrapper whose last-resort guard would hide a crash.
    finding = read_article(text, None, None, REGISTRY, "en")
    assert finding == analyze(text, lang="en")
    assert 0 <= finding.level <= 3
    assert 0.0 <= finding.score <= 1.0
    assert finding.pressure == (finding.level > 0)
    if not finding.pressure:
        assert finding.manager is None and not finding.successors
    finding.to_json()


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_never_raises_on_any_text(text: str) -> None:
    _well_formed(text)


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, max_size=80).map(" ".join))
def test_never_raises_on_football_word_salad(text: str) -> None:
    _well_formed(text)


def test_empty_and_blank() -> None:
    for text in ("", "   ", "\n\n", "."):
        assert analyze(text).to_json()["pressure"] is False


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    "text",
    [
        "." * 100_000,
        "!?" * 50_000,
        "John Smith, the manager said. " * 3_000,
        "Arsenal manager Mikel Arteta. " * 3_000,
        "Chelsea boss Graham Potter is under pressure. " + "Candidates include Roberto De Zerbi. " * 2_500,
    ],
    ids=["dots", "bangs", "role-phrases", "club-roles", "candidate-list"],
)
def test_hostile_long_inputs_finish(text: str) -> None:
    """Guards against catastrophic backtracking and quadratic loops (would hang, not merely slow)."""
    _well_formed(text)
