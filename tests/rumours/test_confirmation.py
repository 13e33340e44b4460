"""A sacking is reported until confirmed (the club's statement, or a second outlet within 4 days), and
only a confirmed one ends the manager's tenure; users see which it is."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from bot.rumours.confirm import CONFIRMED, REPORTED, WITHDRAWN, Decision, decide, expired
from bot.rumours.service import RumourService
from tests.rumours.conftest import T0, Newsroom, pressure
from tests.rumours.small_registry import SmallRegistry

SACKED = pressure("Hansi Flick", 3)


async def test_one_outlet_is_a_report_and_a_second_confirms(
    news: Newsroom, rumours: RumourService, registry: SmallRegistry
) -> None:
    await news.publish("Barcelona sack Flick", SACKED, outlet="Marca", at=T0)
    [reported] = await rumours.stories_for_alerts(0, 3)
    assert reported.story.standing == "reported (1 source)"
    assert reported.key == f"story:{reported.story.story_id}:level:3"
    assert "reported (1 source)" in reported.to_text()
    assert registry.ended == []

    await news.publish("Flick sacked", SACKED, outlet="AS", at=T0 + timedelta(days=3, hours=23))
    assert registry.ended == [("hansi-flick", "barcelona", date(2025, 3, 10), "AS: Flick sacked")]
    [confirmed] = await rumours.stories_for_alerts(reported.seq, 3)  # announced again, once
    assert confirmed.story.story_id == reported.story.story_id
    assert confirmed.key == f"story:{reported.story.story_id}:level:3:confirmed"
    assert confirmed.story.standing == "confirmed"
    profile = await rumours.manager_profile("Flick", now=T0 + timedelta(days=4))
    assert profile.standing == "confirmed"
    assert "level 3 (decided), confirmed" in profile.to_text()


async def test_a_second_report_too_late_confirms_nothing(
    news: Newsroom, rumours: RumourService, registry: SmallRegistry
) -> None:
    await news.publish("Barcelona sack Flick", SACKED, outlet="Marca", at=T0)
    await news.publish("Barcelona sack Flick", SACKED, outlet="Marca", at=T0 + timedelta(days=3))
    await news.publish("Barcelona sack Flick", SACKED, outlet="AS", at=T0 + timedelta(days=4, hours=1))
    assert registry.ended == []
    profile = await rumours.manager_profile("Flick", now=T0 + timedelta(days=5))
    assert [(s.article_count, s.standing) for s in profile.stories] == [(3, "reported (2 sources)")]


async def test_a_syndicated_copy_or_the_same_outlet_again_confirms_nothing(
    news: Newsroom, rumours: RumourService, registry: SmallRegistry
) -> None:
    text = "Barcelona have sacked Hansi Flick, Marca reports."
    await news.publish("Barcelona sack Flick", SACKED, outlet="Marca", text=text)
    await news.publish("Flick out at Barcelona", SACKED, outlet="Yahoo Sports", text=text)
    await news.publish("Flick sacked", SACKED, outlet="MARCA", at=T0 + timedelta(hours=1))
    assert registry.ended == []
    [story] = (await rumours.manager_profile("Flick", now=T0 + timedelta(hours=2))).stories
    assert (story.article_count, story.standing) == (3, "reported (1 source)")


async def test_the_clubs_own_statement_confirms_at_once(
    news: Newsroom, rumours: RumourService, registry: SmallRegistry
) -> None:
    await news.publish("Barcelona statement", replace(SACKED, club_statement=True), at=T0)
    assert registry.ended == [("hansi-flick", "barcelona", date(2025, 3, 10), "Marca: Barcelona statement")]
    [alert] = await rumours.stories_for_alerts(0, 3)
    assert alert.story.standing == "confirmed"


async def test_pressure_below_a_sacking_has_no_standing(news: Newsroom, rumours: RumourService) -> None:
    await news.publish("Flick under pressure", pressure("Hansi Flick", 2))
    [alert] = await rumours.stories_for_alerts(0, 1)
    assert alert.story.standing is None
    assert alert.story.to_dict()["status"] is None


def test_decide_keeps_the_first_report_and_widens_the_outlets() -> None:
    first = decide(
        Decision(REPORTED, None, ()),
        level=3,
        origins=("Marca",),
        published=T0,
        club_statement=False,
        syndicated=False,
    )
    assert first == Decision(REPORTED, T0, ("Marca",))
    earlier = decide(
        first,
        level=3,
        origins=("AS",),
        published=T0 - timedelta(days=1),
        club_statement=False,
        syndicated=False,
    )
    assert earlier == Decision(CONFIRMED, T0 - timedelta(days=1), ("Marca", "AS"))
    below = decide(first, level=2, origins=("AS",), published=T0, club_statement=True, syndicated=False)
    assert below == first  # only a report of the decision itself counts


async def test_a_reported_sacking_weighs_as_serious_pressure_until_confirmed(
    news: Newsroom, rumours: RumourService
) -> None:
    """One outlet's "sacked" must not top the board alone: it counts as level 2 until confirmed."""
    await news.publish("Barcelona sack Flick", SACKED, outlet="Marca", at=T0)
    reported = await rumours.manager_profile("Flick", now=T0)
    await news.publish("Flick sacked", SACKED, outlet="AS", at=T0)
    confirmed = await rumours.manager_profile("Flick", now=T0)
    assert (reported.level, reported.standing, confirmed.standing) == (3, "reported (1 source)", "confirmed")
    # Serious pressure from one outlet (weight 3), then a decision told by two (20 x (1 + 1/2)).
    assert confirmed.index / reported.index == pytest.approx(20 * 1.5 / 3, rel=1e-3)


async def test_a_report_nobody_confirms_in_a_week_is_withdrawn_and_announced_again(
    news: Newsroom, rumours: RumourService, registry: SmallRegistry
) -> None:
    await news.publish("Barcelona sack Flick", SACKED, outlet="Marca", at=T0)
    [reported] = await rumours.stories_for_alerts(0, 3)
    await news.publish("Ancelotti murmurs", pressure("Carlo Ancelotti", 1), at=T0 + timedelta(days=6))
    assert await rumours.stories_for_alerts(reported.seq, 3) == []  # six days: still a report
    # Any later article moves the news clock past the expiry; the sweep runs as it is recorded.
    await news.publish(
        "Ancelotti murmurs again", pressure("Carlo Ancelotti", 1), at=T0 + timedelta(days=7, hours=2)
    )
    [withdrawn] = await rumours.stories_for_alerts(reported.seq, 3)
    assert withdrawn.story.story_id == reported.story.story_id
    assert (withdrawn.story.standing, withdrawn.key) == ("withdrawn", f"{reported.key}:withdrawn")
    assert withdrawn.supersedes == reported.key  # the alert message to edit
    assert withdrawn.to_dict()["supersedes"] == reported.key
    assert registry.ended == []  # it never ended a tenure, so nothing is reopened
    profile = await rumours.manager_profile("Flick", now=T0 + timedelta(days=8))
    assert profile.standing == "withdrawn"
    assert await rumours.withdraw_expired(T0 + timedelta(days=30)) == []  # once only


async def test_the_sweep_leaves_confirmed_and_fresh_reports_alone(
    news: Newsroom, rumours: RumourService, registry: SmallRegistry
) -> None:
    await news.publish("Barcelona statement", replace(SACKED, club_statement=True), at=T0)
    await news.publish("Simeone sacked", pressure("Diego Simeone", 3), at=T0 + timedelta(days=5))
    assert await rumours.withdraw_expired(T0 + timedelta(days=8)) == []
    assert len(await rumours.withdraw_expired(T0 + timedelta(days=12, hours=1))) == 1
    standings = {a.manager: a.story.standing for a in await rumours.stories_for_alerts(0, 3)}
    assert standings == {"Hansi Flick": "confirmed", "Diego Simeone": "withdrawn"}
    assert len(registry.ended) == 1  # Flick's, at the statement; the withdrawal reopened nothing


def test_a_report_after_a_withdrawal_or_past_the_expiry_starts_afresh() -> None:
    stale = Decision(REPORTED, T0, ("Marca",))
    later = T0 + timedelta(days=8)
    again = decide(stale, level=3, origins=("AS",), published=later, club_statement=False, syndicated=False)
    assert again == Decision(REPORTED, later, ("AS",))  # not a confirmation of a week-old report
    withdrawn = Decision(WITHDRAWN, T0, ("Marca",))
    fresh = decide(
        withdrawn,
        level=3,
        origins=("Marca",),
        published=T0 + timedelta(days=1),
        club_statement=True,
        syndicated=False,
    )
    assert fresh == Decision(CONFIRMED, T0 + timedelta(days=1), ("Marca",))
    assert expired(stale, later) and not expired(stale, T0 + timedelta(days=7))


async def test_a_denial_withdraws_a_reported_sacking_but_never_a_confirmed_one(
    news: Newsroom, rumours: RumourService, registry: SmallRegistry
) -> None:
    await news.publish("Barcelona sack Flick", SACKED, outlet="Marca", at=T0)
    [reported] = await rumours.stories_for_alerts(0, 3)
    denial = replace(pressure("Hansi Flick", 1), denied=True)
    await news.publish("Barcelona deny Flick report", denial, outlet="Sport", at=T0 + timedelta(days=1))
    [withdrawn] = await rumours.stories_for_alerts(reported.seq, 3)
    assert (withdrawn.story.story_id, withdrawn.story.standing) == (reported.story.story_id, "withdrawn")
    assert withdrawn.supersedes == reported.key  # the reported alert is edited in place
    assert registry.ended == []

    # Confirmed by the club: a later denial (or a "will not be sacked" quote) changes nothing.
    await news.publish("Simeone statement", replace(pressure("Diego Simeone", 3), club_statement=True), at=T0)
    denial = replace(pressure("Diego Simeone", 1), denied=True)
    await news.publish("Atletico deny", denial, outlet="AS", at=T0 + timedelta(days=1, hours=1))
    standings = {a.manager: a.story.standing for a in await rumours.stories_for_alerts(0, 3)}
    assert standings == {"Hansi Flick": "withdrawn", "Diego Simeone": "confirmed"}


async def test_a_denial_of_one_manager_leaves_anothers_report_alone(
    news: Newsroom, rumours: RumourService
) -> None:
    await news.publish("Simeone sacked", pressure("Diego Simeone", 3), outlet="Marca", at=T0)
    denial = replace(pressure("Hansi Flick", 1), denied=True)
    await news.publish("Barcelona deny Flick report", denial, outlet="Sport", at=T0 + timedelta(hours=5))
    [alert] = await rumours.stories_for_alerts(0, 3)
    assert (alert.manager, alert.story.standing) == ("Diego Simeone", "reported (1 source)")
