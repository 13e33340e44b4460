"""English findings checked by the en pack: strong evidence for a sacking, dates, and why."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.analysis import analyze
from bot.registry.loader import load_registry

REGISTRY = load_registry()


def _en(text: str, published: datetime | None = None) -> tuple[int, str | None]:
    got = analyze(text, lang="en", registry=REGISTRY, published=published)
    return got.level, got.manager


def test_a_year_is_history_only_before_the_articles_own() -> None:
    text = "In 2025 Real Madrid sacked manager Carlo Ancelotti after a 4-0 defeat."
    assert _en(text, datetime(2026, 2, 1))[0] == 0
    assert _en(text, datetime(2025, 11, 1))[0] == 3
    assert _en(text)[0] == 3  # undated: its latest year is its own


@pytest.mark.parametrize(
    "text",
    [
        "Real Madrid should sack manager Carlo Ancelotti, say furious fans on social media.",
        "Real Madrid chairman Florentino Perez is reluctant to fire manager Carlo Ancelotti.",
        "Real Madrid manager Carlo Ancelotti is one defeat away from being sacked.",
        "Is it time for Real Madrid to sack manager Carlo Ancelotti?",
    ],
)
def test_no_sacking_without_a_decision_stated_as_fact(text: str) -> None:
    level, manager = _en(text)
    assert level in (1, 2) and manager == "Carlo Ancelotti"


def test_deciding_cue_and_club_statement_are_carried() -> None:
    got = analyze(
        "Real Madrid confirmed in a statement that manager Carlo Ancelotti has been relieved of his duties.",
        lang="en",
        registry=REGISTRY,
    )
    assert (got.level, got.cue_id, got.club_statement) == (3, "relieved_of_duties", True)
    assert got.evidence and "relieved of his duties" in got.evidence[0].sentence
    reported = analyze(
        "Real Madrid have sacked manager Carlo Ancelotti, according to reports in Spain.",
        lang="en",
        registry=REGISTRY,
    )
    assert reported.level == 3 and not reported.club_statement and reported.reported


@pytest.mark.parametrize(
    "text",
    [
        "The Trust Project was sacked from the programme, the manager said.",
        "NEIL has been sacked.",
        "The Championship has been axed from the schedule.",
        "Premier League sacked in bizarre twist, jokes the manager.",
    ],
)
def test_never_a_non_person_as_manager(text: str) -> None:
    _level, manager = _en(text)
    assert manager not in ("Trust Project", "NEIL", "Championship", "Premier League")
