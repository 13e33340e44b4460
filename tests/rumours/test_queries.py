"""What users ask: successors, the hot-seat board, a manager's profile, digests, alerts, autocomplete."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

import pytest

from bot.errors import UserError
from bot.rumours.service import RumourService
from tests.rumours.conftest import T0, Newsroom, pressure


async def test_successors_rank_by_independent_sources_then_recency(
    news: Newsroom, rumours: RumourService
) -> None:
    solari = pressure("Carlo Ancelotti", 2, successors=("Santiago Solari", "Raul Gonzalez"))
    await news.publish("Madrid weigh Solari or Raul", solari, outlet="Marca")
    await news.publish("Madrid weigh Solari or Raul", solari, outlet="AS", at=T0 + timedelta(hours=1))
    zidane = pressure("Carlo Ancelotti", 2, successors=("Zizou",))
    text = "Real Madrid are weighing a return for Zinedine Zidane, Marca reports."
    at = T0 + timedelta(days=4)
    await news.publish("Zidane return floated", zidane, outlet="Marca", at=at, text=text)
    # A syndicated copy of the Zidane story on another site is not a second source.
    await news.publish("Zidane back?", zidane, outlet="Yahoo", at=at + timedelta(hours=1), text=text)
    report = await rumours.successors("ancelotti", now=T0 + timedelta(days=5))
    names = [c.name for c in report.candidates]
    assert names[:2] in (["Santiago Solari", "Raúl González"], ["Raúl González", "Santiago Solari"])
    assert names[2] == "Zinedine Zidane"
    top = report.candidates[0]
    assert top.outlet_count == 2 and top.outlets == ("Marca", "AS")
    assert top.story_count == 1
    assert top.first_seen == T0 and top.last_seen == T0 + timedelta(hours=1)
    assert len(top.links) == 2 and all(link.startswith("https://") for link in top.links)
    assert (report.candidates[2].outlets, report.candidates[2].last_seen) == (("Marca",), at)
    text = report.to_text()
    assert "Tipped to replace Carlo Ancelotti" in text and "Zinedine Zidane" in text
    json.dumps(report.to_dict())


async def test_old_tips_drop_out_of_the_successor_board(news: Newsroom, rumours: RumourService) -> None:
    await news.publish("Solari tipped", pressure("Carlo Ancelotti", 1, successors=("Solari",)))
    report = await rumours.successors("Carlo Ancelotti", now=T0 + timedelta(days=90))
    assert report.candidates == ()
    assert "No one has been tipped" in report.to_text()


async def test_unknown_manager_gets_a_suggestion(rumours: RumourService) -> None:
    with pytest.raises(UserError) as caught:
        await rumours.successors("Ancelloti")
    assert caught.value.message.startswith("No manager called 'Ancelloti' — did you mean")
    assert "Carlo Ancelotti" in caught.value.message
    with pytest.raises(UserError):
        await rumours.manager_profile("   ")


async def test_the_board_ranks_by_index_and_a_sacking_dominates(
    news: Newsroom, rumours: RumourService
) -> None:
    for hour, outlet in enumerate(["Marca", "AS", "Mundo Deportivo", "Sport", "Relevo"]):
        at = T0 + timedelta(hours=hour)
        await news.publish("Ancelotti ultimatum", pressure("Carlo Ancelotti", 2), outlet=outlet, at=at)
    await news.publish("Simeone murmurs", pressure("Diego Simeone", 1), at=T0)
    statement = replace(pressure("Hansi Flick", 3), club_statement=True)  # confirmed: full weight
    await news.publish("Flick sacked", statement, at=T0 + timedelta(hours=6))
    board = await rumours.hotseat(now=T0 + timedelta(hours=6))
    assert [e.manager for e in board.entries] == ["Hansi Flick", "Carlo Ancelotti", "Diego Simeone"]
    flick, ancelotti, _ = board.entries
    assert flick.level == 3 and flick.headline == "Flick sacked" and flick.url
    assert ancelotti.club == "Real Madrid" and ancelotti.league == "es.1" and ancelotti.level == 2
    assert board.to_dict()["formula"]["half_life_days"] == 7.0
    assert "Hansi Flick" in board.to_text()
    assert [e.manager for e in (await rumours.hotseat(limit=1, now=T0 + timedelta(hours=6))).entries] == [
        "Hansi Flick"
    ]


async def test_the_board_filters_by_league_by_name_or_code(news: Newsroom, rumours: RumourService) -> None:
    await news.publish("Ancelotti under fire", pressure("Carlo Ancelotti", 1))
    await news.publish("Guardiola under fire", pressure("Pep Guardiola", 1))
    for league in ("La Liga", "es.1", "laliga"):
        board = await rumours.hotseat(league, now=T0)
        assert [e.manager for e in board.entries] == ["Carlo Ancelotti"], league
    with pytest.raises(UserError) as caught:
        await rumours.hotseat("Martian League")
    assert "No league called 'Martian League'" in caught.value.message


async def test_trend_compares_with_a_week_before(news: Newsroom, rumours: RumourService) -> None:
    await news.publish("Ancelotti under fire", pressure("Carlo Ancelotti", 2))
    await news.publish("Simeone under fire", pressure("Diego Simeone", 2), at=T0 - timedelta(days=10))
    board = await rumours.hotseat(now=T0 + timedelta(hours=2))
    trends = {e.manager: e.trend for e in board.entries}
    assert trends == {"Carlo Ancelotti": "up", "Diego Simeone": "down"}
    quiet = await rumours.hotseat(now=T0 + timedelta(days=60))
    assert quiet.entries == () and "No manager is under pressure" in quiet.to_text()


async def test_profile_has_tenure_history_stories_and_successors(
    news: Newsroom, rumours: RumourService
) -> None:
    await news.publish("Solari tipped", pressure("Carlo Ancelotti", 2, successors=("Solari",)))
    await news.publish("Ancelotti under fire", pressure("Carlo Ancelotti", 1), at=T0 - timedelta(days=20))
    profile = await rumours.manager_profile("Carletto", now=T0 + timedelta(days=1))
    assert profile.manager == "Carlo Ancelotti"
    assert profile.club == "Real Madrid" and profile.since == date(2021, 6, 1)
    assert profile.level == 2
    assert len(profile.history) == 90
    assert profile.history[-1][1] == pytest.approx(profile.index)
    values = [v for _, v in profile.history]
    assert values[0] == 0.0 and max(values) > 0
    assert [s.headline for s in profile.stories] == ["Solari tipped", "Ancelotti under fire"]
    assert [s.name for s in profile.successors] == ["Santiago Solari"]
    data = profile.to_dict()
    json.dumps(data)
    assert len(data["history"]) == 90
    assert "Carlo Ancelotti — Real Madrid since 2021-06-01" in profile.to_text()


async def test_a_manager_without_stories_has_a_quiet_profile(rumours: RumourService) -> None:
    profile = await rumours.manager_profile("Diego Simeone", now=T0)
    assert (profile.index, profile.level, profile.stories) == (0.0, 0, ())
    assert all(v == 0.0 for _, v in profile.history)
    assert "No stories in the last 90 days." in profile.to_text()


async def test_digest_groups_stories_in_the_window_by_manager(news: Newsroom, rumours: RumourService) -> None:
    await news.publish("Old Ancelotti story", pressure("Carlo Ancelotti", 2), at=T0 - timedelta(days=2))
    await news.publish("Ancelotti ultimatum", pressure("Carlo Ancelotti", 2), at=T0 + timedelta(hours=3))
    await news.publish("Simeone murmurs", pressure("Diego Simeone", 1), at=T0 + timedelta(hours=4))
    await news.publish("Guardiola murmurs", pressure("Pep Guardiola", 1), at=T0 + timedelta(hours=5))
    since, until = T0, T0 + timedelta(days=1)
    groups = await rumours.digest_groups(since, until)
    assert {g.manager for g in groups} == {"Carlo Ancelotti", "Diego Simeone", "Pep Guardiola"}
    ancelotti = groups[0]
    assert ancelotti.manager == "Carlo Ancelotti"
    assert [s.headline for s in ancelotti.stories] == ["Ancelotti ultimatum"]
    assert ancelotti.level == 2 and ancelotti.index > 0
    serious = await rumours.digest_groups(since, until, min_level=2)
    assert [g.manager for g in serious] == ["Carlo Ancelotti"]
    spanish = await rumours.digest_groups(since, until, leagues=["es.1"])
    assert {g.manager for g in spanish} == {"Carlo Ancelotti", "Diego Simeone"}
    assert await rumours.digest_groups(until, until + timedelta(days=1)) == []
    assert "Ancelotti ultimatum" in ancelotti.to_text()
    json.dumps([g.to_dict() for g in groups])


async def test_alerts_skip_first_poll_stories_and_follow_a_cursor(
    news: Newsroom, rumours: RumourService
) -> None:
    await news.publish("Backlog story", pressure("Diego Simeone", 2), first_poll=True)
    await news.publish("Ancelotti crisis", pressure("Carlo Ancelotti", 2), at=T0 + timedelta(hours=1))
    alerts = await rumours.stories_for_alerts(0, min_level=1)
    assert [a.story.headline for a in alerts] == ["Ancelotti crisis"]
    cursor = alerts[-1].seq
    assert await rumours.stories_for_alerts(cursor, min_level=1) == []
    await news.publish("Ancelotti sacked", pressure("Carlo Ancelotti", 3), at=T0 + timedelta(hours=2))
    raised = await rumours.stories_for_alerts(cursor, min_level=3)
    assert [(a.story.headline, a.level) for a in raised] == [("Ancelotti sacked", 3)]
    assert raised[0].key != alerts[0].key
    # A live article joining a first-poll story makes it alertable from then on.
    await news.publish("Backlog story", pressure("Diego Simeone", 2), outlet="AS", at=T0 + timedelta(hours=3))
    later = await rumours.stories_for_alerts(raised[-1].seq, min_level=1)
    assert [a.manager for a in later] == ["Diego Simeone"]
    json.dumps(later[0].to_dict())
    assert "Diego Simeone" in later[0].to_text()


async def test_autocomplete_puts_managers_in_the_news_first(news: Newsroom, rumours: RumourService) -> None:
    await news.publish("Ancelotti under fire", pressure("Carlo Ancelotti", 2))
    await news.publish("Obscuro under fire", pressure("Jonny Obscuro", 1))
    empty = await rumours.autocomplete_managers("")
    assert empty[:2] == [
        ("Carlo Ancelotti (Real Madrid)", "carlo-ancelotti"),
        ("Jonny Obscuro", "name:jonny obscuro"),
    ]
    assert len(empty) <= 25
    typed = await rumours.autocomplete_managers("anc")
    assert typed[0] == ("Carlo Ancelotti (Real Madrid)", "carlo-ancelotti")
    assert len({value for _, value in typed}) == len(typed)
    for _, value in typed[:2]:
        assert (await rumours.manager_profile(value, now=T0)).manager_key == value
    assert (await rumours.successors("name:jonny obscuro", now=T0)).manager == "Jonny Obscuro"
