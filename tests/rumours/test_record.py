"""Recording articles: every finding kept, stories grouped, syndication counted once, idempotent."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.analysis.models import GapClaim
from bot.rumours.service import RumourService
from bot.service import Service
from storage import Store
from storage import findings as findings_db
from tests.rumours.conftest import T0, ClaimChecks, Newsroom, pressure
from tests.rumours.small_registry import SmallRegistry


async def test_every_finding_is_counted_pressure_or_not(news: Newsroom, rumours: RumourService) -> None:
    await news.publish("Barcelona win again", None)
    await news.publish("Ancelotti under fire", pressure("Carlo Ancelotti", 1))
    counts = await rumours.counts()
    assert (counts.articles, counts.findings) == (2, 2)
    assert counts.to_dict() == {"articles": 2, "findings": 2}


async def test_recording_is_idempotent_per_article(news: Newsroom, rumours: RumourService) -> None:
    article = await news.article("Ancelotti under fire", pressure("Carlo Ancelotti", 1))
    first = await rumours.record_article(article)
    second = await rumours.record_article(article)
    assert first is not None and first.new_story
    assert second is None
    assert (await rumours.counts()).findings == 1
    board = await rumours.hotseat(now=T0 + timedelta(hours=1))
    assert len(board.entries) == 1
    assert board.entries[0].index == pytest.approx(1.0 * 2 ** (-1 / 168))


async def test_a_syndicated_copy_counts_once(news: Newsroom, rumours: RumourService) -> None:
    text = "Carlo Ancelotti faces a crisis meeting with the Real Madrid board, Marca reports."
    finding = pressure("Carlo Ancelotti", 2)
    await news.publish("Crisis meeting for Ancelotti", finding, outlet="Marca", text=text)
    copy = await news.article("Ancelotti faces board", finding, outlet="Yahoo Sports", text=text)
    recorded = await rumours.record_article(copy)
    assert recorded is not None
    assert not recorded.new_story and recorded.weight == 0.0
    profile = await rumours.manager_profile("Ancelotti", now=T0)
    assert len(profile.stories) == 1
    assert profile.stories[0].outlets == ("Marca",)
    assert profile.stories[0].article_count == 2
    assert profile.index == pytest.approx(3.0)


async def test_distinct_outlets_are_independent_sources(news: Newsroom, rumours: RumourService) -> None:
    finding = pressure("Carlo Ancelotti", 2)
    await news.publish("Ancelotti crisis talks", finding, outlet="Marca")
    await news.publish("Ancelotti crisis talks", finding, outlet="AS", at=T0 + timedelta(hours=2))
    again = await news.article("Ancelotti crisis talks", finding, outlet="AS", at=T0 + timedelta(hours=3))
    repeat = await rumours.record_article(again)
    assert repeat is not None and repeat.weight == 0.0  # the same outlet twice is one source
    profile = await rumours.manager_profile("Ancelotti", now=T0 + timedelta(hours=3))
    assert [s.outlets for s in profile.stories] == [("Marca", "AS")]
    assert profile.index == pytest.approx(3.0 * 1.5, rel=0.02)


async def test_cited_outlets_count_instead_of_the_aggregator(news: Newsroom, rumours: RumourService) -> None:
    await news.publish("Ancelotti on the brink", pressure("Carlo Ancelotti", 2), outlet="Marca")
    cited = pressure("Carlo Ancelotti", 2, sources=("Marca",))
    echo = await news.article("Ancelotti on the brink, says Marca", cited, outlet="Yahoo Sports")
    recorded = await rumours.record_article(echo)
    assert recorded is not None and recorded.weight == 0.0


async def test_the_same_manager_days_apart_makes_two_stories(news: Newsroom, rumours: RumourService) -> None:
    await news.publish("Ancelotti under pressure", pressure("Carlo Ancelotti", 1))
    await news.publish("Ancelotti under pressure", pressure("Carlo Ancelotti", 1), at=T0 + timedelta(days=6))
    profile = await rumours.manager_profile("Carlo Ancelotti", now=T0 + timedelta(days=6))
    assert len(profile.stories) == 2


async def test_escalation_adds_the_difference_and_takes_the_strongest_headline(
    news: Newsroom, rumours: RumourService
) -> None:
    await news.publish("Questions over Ancelotti", pressure("Carlo Ancelotti", 1))
    raised = await news.article(
        "Real Madrid board call crisis talks", pressure("Carlo Ancelotti", 2), at=T0 + timedelta(hours=5)
    )
    recorded = await rumours.record_article(raised)
    assert recorded is not None and not recorded.new_story
    assert recorded.weight == pytest.approx(2.0)
    profile = await rumours.manager_profile("Ancelotti", now=T0 + timedelta(hours=5))
    assert profile.stories[0].headline == "Real Madrid board call crisis talks"
    assert profile.stories[0].level == 2


async def test_a_confirmed_sacking_ends_the_tenure_in_the_registry(
    news: Newsroom, rumours: RumourService, registry: SmallRegistry
) -> None:
    await news.publish("Flick under pressure", pressure("Hansi Flick", 2), at=T0)
    await news.publish("Barcelona sack Flick", pressure("Hansi Flick", 3), at=T0 + timedelta(days=1))
    assert registry.ended == []  # one outlet's report is not yet a fact
    assert registry.registry.manager_of("barcelona") is not None
    second = T0 + timedelta(days=1, hours=2)
    await news.publish("Flick sacked by Barcelona", pressure("Hansi Flick", 3), outlet="AS", at=second)
    assert registry.ended == [
        ("hansi-flick", "barcelona", date(2025, 3, 11), "AS: Flick sacked by Barcelona")
    ]
    assert registry.registry.manager_of("barcelona") is None
    third = T0 + timedelta(days=1, hours=3)
    await news.publish("Flick exit confirmed", pressure("Hansi Flick", 3), outlet="Sport", at=third)
    assert len(registry.ended) == 1  # the same decided story does not end it twice
    profile = await rumours.manager_profile("Flick", now=T0 + timedelta(days=1))
    assert (profile.club, profile.level, profile.since) == ("Barcelona", 3, date(2024, 5, 29))
    assert profile.standing == "confirmed"


async def test_a_confirmed_sacking_ends_the_tenure_in_the_bundled_registry(
    real_news: Newsroom, service: Service
) -> None:
    before = await service.registry.current_manager("barcelona")
    assert before is not None and before.key == "hansi-flick"
    await real_news.publish("Barcelona sack Flick", pressure("Hansi Flick", 3), at=T0)
    assert await service.registry.current_manager("barcelona") is not None
    await real_news.publish(
        "Flick sacked", pressure("Hansi Flick", 3), outlet="AS", at=T0 + timedelta(hours=1)
    )
    assert await service.registry.current_manager("barcelona") is None


async def test_gap_claims_are_checked_against_the_table(
    news: Newsroom, rumours: RumourService, checks: ClaimChecks
) -> None:
    checks.answer = "table says 7"
    claim = GapClaim("Real Madrid", "Barcelona", 9, 1)
    article = await news.article("Nine points behind", pressure("Carlo Ancelotti", 2, claims=(claim,)))
    recorded = await rumours.record_article(article)
    assert recorded is not None and recorded.claim_check == "table says 7"
    assert checks.seen == [(claim, date(2025, 3, 10))]
    assert "table says 7" in recorded.to_text()


async def test_a_failing_claim_check_still_records(news: Newsroom, rumours: RumourService) -> None:
    async def broken(claim: GapClaim, on: date) -> str | None:
        raise RuntimeError("football service down")

    rumours.check_claim = broken
    claim = GapClaim("Real Madrid", "Barcelona", 9, None)
    recorded = await rumours.record_article(
        await news.article("Gap grows", pressure("Carlo Ancelotti", 1, claims=(claim,)))
    )
    assert recorded is not None and recorded.claim_check is None
    assert (await rumours.counts()).findings == 1


async def test_an_analysis_crash_marks_the_article_failed_and_the_loop_goes_on(
    news: Newsroom, rumours: RumourService, store: Store
) -> None:
    bad = await news.article("Broken", None, text="EXPLODE")
    assert await rumours.record_article(bad) is None
    recorded = await news.publish("Ancelotti under fire", pressure("Carlo Ancelotti", 1))
    assert (await rumours.counts()).findings == 2  # the failed article counts as analysed
    async with store.read() as db:
        assert await findings_db.failure(db, bad.id) == "ValueError: analysis bug"
        assert await findings_db.failure(db, recorded.id) is None
    assert len((await rumours.hotseat(now=T0 + timedelta(hours=1))).entries) == 1


async def test_pressure_without_a_manager_is_kept_but_makes_no_story(
    news: Newsroom, rumours: RumourService
) -> None:
    recorded = await rumours.record_article(
        await news.article("Someone is under pressure", pressure(None, 2))
    )
    assert recorded is not None and recorded.story_id is None
    assert (await rumours.hotseat(now=T0)).entries == ()


async def test_unregistered_managers_are_grouped_by_name(news: Newsroom, rumours: RumourService) -> None:
    await news.publish("Smallclub boss on the brink", pressure("Jonny Obscuro", 2, club="Smalltown Rovers"))
    await news.publish(
        "Obscuro faces the axe", pressure("Jonny Obscuro", 2, successors=("Pat Nobody",)), outlet="AS"
    )
    profile = await rumours.manager_profile("jonny obscuro", now=T0)
    assert profile.manager == "Jonny Obscuro"
    assert profile.club == "Smalltown Rovers"
    assert profile.level == 2
    report = await rumours.successors("Jonny Obscuro", now=T0)
    assert [c.name for c in report.candidates] == ["Pat Nobody"]


async def test_the_incumbent_is_never_his_own_successor(news: Newsroom, rumours: RumourService) -> None:
    tips = ("Carlo Ancelotti", "Santiago Solari")
    await news.publish("Who next at Madrid", pressure("Carlo Ancelotti", 2, successors=tips))
    report = await rumours.successors("Ancelotti", now=T0)
    assert [c.name for c in report.candidates] == ["Santiago Solari"]


async def test_a_future_date_from_a_feed_cannot_lead_the_board_for_years(
    news: Newsroom, rumours: RumourService
) -> None:
    await news.publish("Ancelotti under fire", pressure("Carlo Ancelotti", 1), at=T0.replace(year=2099))
    profile = await rumours.manager_profile("Ancelotti")
    assert profile.stories[0].first_seen <= datetime.now(UTC) + timedelta(hours=1)
    assert profile.index <= 1.01  # at most an hour early


async def test_findings_outlive_deleted_articles(
    news: Newsroom, rumours: RumourService, store: Store
) -> None:
    first = await news.publish("Ancelotti under fire", pressure("Carlo Ancelotti", 1))
    await news.publish("Barcelona win", None)
    async with store.transaction() as db:  # what a retention sweep of old articles does
        await db.execute("DELETE FROM articles WHERE id = ?", (first.id,))
    assert (await rumours.counts()).to_dict() == {"articles": 1, "findings": 2}
