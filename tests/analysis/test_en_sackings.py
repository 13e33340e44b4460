"""English level 3 only on a decision about this manager stated as fact: each trap beside a
positive that differs only in what the trap changes, read through `analyze` (sentences written here)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.analysis.engine import analyze

_DAY = datetime(2026, 11, 20, tzinfo=UTC)


def _level(text: str, title: str | None = None) -> int:
    return analyze(text, title=title, published=_DAY, registry=None, lang="en").level


@pytest.mark.parametrize(
    "text",
    [
        "Everton have sacked manager Sean Dyche after a run of six defeats.",
        "Leicester City have parted company with manager Steve Cooper, the club announced on Sunday.",
        "Wolves sacked manager Gary O'Neil on Sunday night after the defeat at Ipswich.",
        "In 2026 Everton sacked manager Sean Dyche after a 4-0 defeat.",
        "Southampton have confirmed the departure of manager Russell Martin with immediate effect.",
    ],
)
def test_a_decision_stated_as_fact_is_a_sacking(text: str) -> None:
    assert _level(text) == 3


@pytest.mark.parametrize(
    ("text", "most"),
    [
        # modality and fan wishes
        ("Everton fans say the club should sack manager Sean Dyche before it is too late.", 2),
        ("We should sack him now, one supporter posted about Everton manager Sean Dyche.", 2),
        ("Everton would sack manager Sean Dyche if they lost to Fulham.", 2),
        ("If Everton lose on Sunday, manager Sean Dyche will be sacked.", 2),
        ("Everton manager Sean Dyche could be sacked this week.", 2),
        # polls and jokes
        ("Should Everton sack manager Sean Dyche? Vote in our poll.", 2),
        ("Everton manager Sean Dyche joked that he would be sacked if he lost at Anfield.", 2),
        # an owner backing him
        ("Everton owner Dan Friedkin insisted he has no plans to sack manager Sean Dyche.", 1),
        ("Everton have backed manager Sean Dyche and will not sack him, the chairman said.", 1),
        ("Everton manager Sean Dyche will not be sacked, the club insisted.", 1),
        # traps that look like cues
        ("Everton manager Sean Dyche did well to avoid the sack last spring.", 1),
        ("Everton manager Sean Dyche won the Manager of the Month award for October.", 0),
        ("Everton manager Sean Dyche dismissed talk of a crisis after the win.", 0),
        # denial and reported talk
        ("Everton denied reports that manager Sean Dyche has been sacked.", 1),
        # history, judged against the article's date
        ("Everton manager Sean Dyche was sacked by Burnley in 2022.", 0),
        ("Everton manager Sean Dyche, who was sacked by Burnley, took charge at Goodison.", 0),
        # another person or sport
        ("The Chicago Cubs fired manager David Ross after the baseball season ended.", 0),
    ],
)
def test_a_trap_is_never_a_sacking(text: str, most: int) -> None:
    assert _level(text) <= most


def test_an_appointment_story_is_not_a_sacking() -> None:
    text = (
        "Everton have appointed David Moyes as their new manager on a contract until 2027. "
        "Moyes replaces Sean Dyche, who was sacked on Thursday. "
        "The new manager said he was delighted to return to Goodison Park."
    )
    assert _level(text, title="Everton appoint David Moyes as manager") < 3


def test_a_shortlist_is_not_a_sacking() -> None:
    text = "Everton have drawn up a shortlist of candidates for their manager's job, led by Graham Potter."
    assert _level(text) < 3


def test_a_hot_seat_listicle_is_not_a_sacking() -> None:
    text = (
        "Premier League hot seat: the managers under pressure. "
        "Sean Dyche is the bookmakers' favourite to be sacked next. "
        "Russell Martin's Southampton are bottom. "
        "Gary O'Neil is under pressure at Wolves. "
        "Steve Cooper faces a big week at Leicester."
    )
    assert _level(text, title="Sack race: who will be the next Premier League manager sacked?") < 3


def test_a_list_of_past_sackings_is_not_a_sacking() -> None:
    text = (
        "Sean Dyche becomes Everton's sixth permanent manager in a decade. "
        "Ronald Koeman, Sam Allardyce, Marco Silva, Rafael Benitez and Frank Lampard were all sacked."
    )
    assert _level(text) < 3


def test_a_baseball_firing_is_not_football() -> None:
    text = (
        "The Angels fired manager Phil Nevin on Tuesday after a ninth defeat in ten games this season. "
        "The club said fans deserved a win. The bullpen has blown nine leads, the starting pitcher "
        "has struggled since spring training and the Angels are last in the American League West."
    )
    assert _level(text) == 0


def test_a_football_sacking_beside_a_pitcher_word_stands() -> None:
    text = (
        "Everton have sacked manager Sean Dyche after a 4-0 defeat in the Premier League. "
        "The striker Dominic Calvert-Lewin was left on the bench as the club slipped towards relegation."
    )
    assert _level(text) == 3


def test_a_resignation_with_no_pressure_is_not_a_sacking() -> None:
    text = (
        "Everton manager Sean Dyche has stepped down after four years at the club. "
        "He thanked the supporters and the players for their backing."
    )
    assert _level(text) == 0


def test_a_resignation_under_pressure_is_a_sacking() -> None:
    text = (
        "Everton manager Sean Dyche has stepped down after a poor run of six defeats. "
        "He had been under mounting pressure from supporters for weeks."
    )
    assert _level(text) == 3


def test_the_clubs_word_in_another_sentence_than_the_headline_makes_the_sacking_the_clubs() -> None:
    text = (
        "Arsenal have sacked manager Mikel Arteta after a 4-0 defeat at home to Fulham, the club "
        "confirmed on Monday. Arteta leaves with the side ninth in the table."
    )
    finding = analyze(text, title="Arsenal sack Mikel Arteta", lang="en")
    assert (finding.level, finding.club_statement) == (3, True), finding.explain
