"""Which story an article joins: same event close in time, syndicated copies, escalation, sackings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.rumours.grouping import Incoming, choose_story, origins, text_signature, unique
from storage.stories import StoryRow

T0 = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)


def story(
    story_id: int, headline: str, level: int, first: datetime, last: datetime | None = None
) -> StoryRow:
    return StoryRow(
        id=story_id,
        manager_key="carlo-ancelotti",
        manager_name="Carlo Ancelotti",
        club_key="real-madrid",
        club_name="Real Madrid",
        league="es.1",
        level=level,
        headline=headline,
        url=f"https://news.example/{story_id}",
        first_seen_at=first,
        last_seen_at=last or first,
        article_count=1,
        outlets=("Marca",),
        value=1.0,
        alert_seq=None,
    )


def test_same_headline_within_days_joins() -> None:
    open_story = story(1, "Ancelotti under pressure after derby defeat", 1, T0)
    incoming = Incoming(1, "Ancelotti under pressure after the derby defeat", T0 + timedelta(hours=30))
    assert choose_story([open_story], incoming) == open_story


def test_same_headline_a_week_later_is_a_new_story() -> None:
    old = story(1, "Ancelotti under pressure after derby defeat", 1, T0)
    incoming = Incoming(1, "Ancelotti under pressure after derby defeat", T0 + timedelta(days=5))
    assert choose_story([old], incoming) is None


def test_escalation_in_the_same_episode_joins() -> None:
    murmurs = story(1, "Questions grow over Ancelotti", 1, T0)
    incoming = Incoming(2, "Real Madrid board to hold crisis talks", T0 + timedelta(hours=20))
    assert choose_story([murmurs], incoming) == murmurs


def test_a_sacking_is_its_own_story_unless_told_as_the_same_one() -> None:
    crisis = story(1, "Real Madrid board to hold crisis talks", 2, T0)
    sacked = Incoming(3, "Ancelotti sacked by Real Madrid", T0 + timedelta(hours=20))
    assert choose_story([crisis], sacked) is None
    sacking = story(2, "Ancelotti sacked by Real Madrid", 3, T0 + timedelta(hours=20))
    follow_up = Incoming(3, "Real Madrid confirm Ancelotti exit", T0 + timedelta(hours=30))
    assert choose_story([crisis, sacking], follow_up) == sacking


def test_a_syndicated_copy_joins_whatever_its_headline() -> None:
    target = story(7, "Crisis talks at the Bernabeu", 2, T0)
    other = story(8, "Ancelotti given two games", 2, T0)
    incoming = Incoming(2, "Completely different wording", T0 + timedelta(hours=2), copies=frozenset({7}))
    assert choose_story([other, target], incoming) == target


def test_best_fit_wins_among_candidates() -> None:
    near = story(1, "Ancelotti given ultimatum by Perez", 2, T0)
    far = story(2, "Ancelotti set for talks with Perez over future", 2, T0 - timedelta(hours=30))
    incoming = Incoming(2, "Perez gives Ancelotti ultimatum", T0 + timedelta(hours=1))
    assert choose_story([far, near], incoming) == near


def test_sources_cited_count_instead_of_the_publishing_outlet() -> None:
    assert origins(["Marca", "MARCA", "The Athletic"], "Yahoo Sports") == ("Marca", "The Athletic")
    assert origins([], "BBC Sport") == ("BBC Sport",)
    assert origins([" "], "") == ("unknown",)
    assert unique(["Marca", "marca", "Márca"]) == ("Marca",)


def test_text_signature_ignores_case_accents_and_spacing() -> None:
    one = text_signature("Ancelotti, bajo presión en el Bernabéu.")
    assert one == text_signature("ANCELOTTI bajo   presion en el  Bernabeu")
    assert one != text_signature("Xavi, bajo presión en Montjuïc.")
    assert text_signature("   ") == ""
