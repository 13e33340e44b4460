"""English pack: the cues moved from the English reader's code into en.toml, each on a sentence
written for these tests, with the negatives that must stay quiet."""

from __future__ import annotations

import pytest

from tests.analysis.packs.reading import level, levels


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Lazio announced the exoneration of the coach on Monday.", 3),
        ("The club confirmed the cessation of his contract.", 3),
        ("He ceased as manager after the derby.", 3),
        ("The club ended its collaboration with the coach.", 3),
        ("The club has let go the coach.", 3),
        ("The board has given the manager a final warning.", 2),
        ("The chairman said the board has begun talks with possible successors.", 2),
        ("Talks about his future are planned for Monday.", 2),
        ("The club are considering alternatives for the dugout.", 2),
        ("This could be the beginning of the end for the manager.", 2),
        ("He has the next three games to turn it round.", 2),
        ("His continuity is in doubt after the defeat.", 1),
        ("Questions over his job grew after the defeat.", 1),
        ("The manager pleaded for time after another slump.", 1),
        ("He is favourite to replace the manager.", 1),
        ("The manager still has the full backing of the board.", 1),
        ("The owners will stand by him, the chairman said.", 1),
        ("City won three-nil and stayed top of the league.", 0),
    ],
)
def test_levels(text: str, want: int) -> None:
    assert level("en", text) == want


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The decision on his future is expected on Monday.", "club_deliberates"),
        ("The board will stick with the manager, the chairman said.", "club_backing"),
        ("Pressure on the manager grew after the defeat.", "murmur_talk"),
    ],
)
def test_cue_ids(text: str, cue: str) -> None:
    assert cue in levels("en", text)


@pytest.mark.parametrize(
    "text",
    [
        "The striker let go of the ball too late.",  # a trap: 'let go of' is not a dismissal
        "He fired home the winner before the break.",  # a shot, not a manager
        "The club denied the sacking of the manager.",  # a denial keeps it below a decision
    ],
)
def test_traps_and_denials_are_no_decision(text: str) -> None:
    assert level("en", text) < 3


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("The sporting director refused to give the coach a job guarantee.", 2),
        ("There is no job guarantee for the manager.", 2),
        ("The club offered the staff a job guarantee.", 0),
        ("His position now looks untenable after the defeat.", 2),
        ("The argument was untenable, said the lawyer.", 0),
        ("The manager's position looks precarious.", 1),
        ("The club's finances look precarious.", 0),
        ("He did not want to open a personnel discussion after the match.", 0),  # negated murmur
        ("The result fuels the personnel debate at the club.", 1),
        ("A new impetus might be needed to stay up.", 1),
        ("The signing gives the attack a fresh edge.", 0),
    ],
)
def test_translated_press_idioms(text: str, want: int) -> None:
    assert level("en", text) == want
