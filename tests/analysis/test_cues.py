"""Cue reading: negation, hedging, modality and history change what a phrase means."""

from __future__ import annotations

import pytest

from bot.analysis.cues import find_cues
from bot.analysis.text import make_doc


def _levels(text: str) -> list[tuple[str, int]]:
    return [(c.phrase.lower(), c.level) for c in find_cues(make_doc(text))]


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("United have sacked the manager.", 3),
        ("The club relieved head coach Tom Reed of his duties.", 3),
        ("Reed and the club have parted company by mutual consent.", 3),
        ("Reed could be sacked this weekend.", 2),
        ("If they lose again, Reed will be sacked.", 2),
        ("The board issued a vote of confidence in Reed.", 2),
        ("Reed is under pressure after the defeat.", 1),
        ("There are no plans to issue a vote of confidence.", 1),
        ("The club dismissed reports that Reed is in danger.", 1),
    ],
)
def test_strongest_reading(text: str, level: int) -> None:
    assert max(level for _phrase, level in _levels(text)) == level


@pytest.mark.parametrize(
    "text",
    [
        "Reed, who was sacked by Everton in 2019, is enjoying life at his new club.",
        "Results are not as bad as under the last two managers dismissed in mid-season.",
        "Reed is not under pressure, the chairman insisted.",
    ],
)
def test_past_and_negated_cues_do_not_count(text: str) -> None:
    assert all(level == 0 for _phrase, level in _levels(text))


def test_hedged_vote_of_confidence_is_only_murmurs() -> None:
    text = (
        "Backing Reed in public looks like the dreaded vote of confidence, but it has not reached that point."
    )
    assert ("vote of confidence", 1) in _levels(text)


def test_headline_verb_needs_a_name_after_it() -> None:
    assert ("sack", 3) in [(p.lower(), lvl) for p, lvl in _levels("Manchester United Sack Erik ten Hag")]
    assert _levels("Under-fire Leeds boss faces the board") == [("under-fire", 1)]
    assert _levels("Chicago Fire FC win again") == []
