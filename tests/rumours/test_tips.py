"""Successor tallies: distinct outlets and stories, the strongest links, and a fresh start after silence."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.rumours.service import RumourService
from bot.rumours.tips import Tip, merge
from storage.mentions import TipRow
from tests.rumours.conftest import T0, Newsroom, pressure


def tip(
    at: datetime, *, outlets: tuple[str, ...] = ("Marca",), level: int = 1, url: str = "u1", new: bool = True
) -> Tip:
    solari = ("santiago-solari", "santiago-solari", "Santiago Solari")
    return Tip("carlo-ancelotti", *solari, outlets, level, at, url, f"evidence {url}", new)


def tally(*tips: Tip) -> TipRow:
    row = None
    for one in tips:
        row = merge(row, one)
    assert row is not None
    return row


def test_outlets_and_stories_are_counted_once() -> None:
    row = tally(
        tip(T0),
        tip(T0 + timedelta(hours=1), outlets=("MARCA",), url="u2", new=False),
        tip(T0 + timedelta(hours=2), outlets=("AS", "Relevo"), url="u3"),
    )
    assert row.outlets == ("Marca", "AS", "Relevo")
    assert row.story_count == 2
    assert (row.first_seen_at, row.last_seen_at) == (T0, T0 + timedelta(hours=2))


def test_links_keep_the_three_strongest_reports() -> None:
    row = tally(
        tip(T0, level=2, url="a"),
        tip(T0 + timedelta(hours=1), level=1, url="b"),
        tip(T0 + timedelta(hours=2), level=1, url="c"),
        tip(T0 + timedelta(hours=3), level=3, url="d"),
        tip(T0 + timedelta(hours=4), level=1, url="e"),
    )
    assert [link.url for link in row.links] == ["d", "a", "e"]
    assert row.evidence == "evidence d"


def test_a_tip_after_long_silence_starts_a_new_tally() -> None:
    row = tally(tip(T0, outlets=("Marca",)), tip(T0 + timedelta(days=61), outlets=("AS",), url="late"))
    assert row.outlets == ("AS",)
    assert row.story_count == 1
    assert row.first_seen_at == T0 + timedelta(days=61)


def test_a_late_arriving_older_tip_widens_the_span() -> None:
    row = tally(tip(T0), tip(T0 - timedelta(days=2), outlets=("AS",), url="old"))
    assert row.first_seen_at == T0 - timedelta(days=2) and row.last_seen_at == T0
    assert row.first_seen_at.tzinfo == UTC


async def test_story_count_counts_stories_not_articles(news: Newsroom, rumours: RumourService) -> None:
    tipped = pressure("Carlo Ancelotti", 2, successors=("Solari",))
    await news.publish("Solari in the frame", tipped, outlet="Marca")
    await news.publish("Solari in the frame", tipped, outlet="AS", at=T0 + timedelta(hours=1))
    await news.publish("Solari again", tipped, outlet="Marca", at=T0 + timedelta(days=5))
    report = await rumours.successors("Ancelotti", now=T0 + timedelta(days=6))
    (solari,) = report.candidates
    assert (solari.outlet_count, solari.story_count) == (2, 2)
    assert solari.links[0] == "https://news.example/3"  # same level: the newest first
