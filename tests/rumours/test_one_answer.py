"""One answer for "who manages whom": /hotseat, /manager, the digest and autocomplete name the club of
the registry's open tenure on the day asked (bot/registry/affiliation.py), not the club an older story
stored, so after an appointment all of them name the new club. Real SQLite store, bundled registry."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from bot.analysis.models import Appointment, Finding
from bot.rumours.service import RumourService
from bot.service import Service
from tests.rumours.conftest import T0, Newsroom, pressure

MOTTA_AT_BARCELONA = Appointment(
    person="Thiago Motta",
    role="manager",
    club="Barcelona",
    person_key="thiago-motta",
    club_key="barcelona",
    club_statement=True,
    rule="announced",
)


async def test_board_profile_digest_and_autocomplete_name_the_club_after_an_appointment(
    service: Service, real_news: Newsroom, real_rumours: RumourService
) -> None:
    # Stories about Motta under pressure at Juventus store Juventus with them.
    await real_news.publish("Motta under fire", pressure("Thiago Motta", 2, club="Juventus"), at=T0)
    before = T0 + timedelta(hours=1)
    assert [(e.manager_key, e.club) for e in (await real_rumours.hotseat(now=before)).entries] == [
        ("thiago-motta", "Juventus")
    ]

    # Barcelona announce him as their new coach: the club's statement confirms it at once.
    at = T0 + timedelta(days=1)
    appointed = Finding(pressure=False, level=0, score=0.0, appointments=(MOTTA_AT_BARCELONA,))
    await real_news.publish("Barcelona statement", appointed, outlet="fcbarcelona.com", at=at)
    # A later pressure story still names Juventus in its text (an old angle): the stored club is stale.
    await real_news.publish("Motta's Juventus past", pressure("Thiago Motta", 2, club="Juventus"), at=at)
    now = at + timedelta(hours=2)

    board = await real_rumours.hotseat(now=now)
    [entry] = [e for e in board.entries if e.manager_key == "thiago-motta"]
    profile = await real_rumours.manager_profile("Thiago Motta", now=now)
    [group] = await real_rumours.digest_groups(T0 - timedelta(days=1), now)
    choices = dict((value, label) for label, value in await real_rumours.autocomplete_managers("Motta"))
    assert (entry.club, profile.club, group.club) == ("Barcelona", "Barcelona", "Barcelona")
    assert choices["thiago-motta"] == "Thiago Motta (Barcelona)"
    coaches = {value: label for label, value in await service.registry.autocomplete_managers("Thiago Mot")}
    assert coaches["thiago-motta"] == "Thiago Motta (Barcelona)"
    assert profile.source == "news of 2025-03-11"
    assert "(Barcelona)" in entry.to_text() and "Barcelona since 2025-03-11" in profile.to_text()


async def test_an_alert_names_the_club_on_its_storys_day_and_is_routed_by_the_storys_club(
    service: Service, real_news: Newsroom, real_rumours: RumourService
) -> None:
    sacked = replace(pressure("Hansi Flick", 3, club="Barcelona"), club_statement=True)
    await real_news.publish("Barcelona statement: Flick", sacked, at=T0)
    [alert] = await real_rumours.stories_for_alerts(0, 3)
    # Sacked that day: his spell covers the day, so the alert names the club that sacked him.
    assert (alert.club, alert.club_key) == ("Barcelona", "barcelona")
    profile = await real_rumours.manager_profile("Hansi Flick", now=T0 + timedelta(days=1))
    assert (profile.club, profile.last_club, profile.until) == (None, "Barcelona", T0.date())
    board = await real_rumours.hotseat(now=T0 + timedelta(days=1))
    assert [(e.manager_key, e.club) for e in board.entries] == [("hansi-flick", None)]
    assert service.registry.registry.manager_of("barcelona", T0.date() + timedelta(days=1)) is None


async def test_a_press_only_name_keeps_the_club_his_stories_named(
    real_news: Newsroom, real_rumours: RumourService
) -> None:
    await real_news.publish("Unknown coach", pressure("Jan Novak Tester", 2, club="Barcelona"), at=T0)
    [entry] = (await real_rumours.hotseat(now=T0 + timedelta(hours=1))).entries
    assert (entry.manager, entry.club) == ("Jan Novak Tester", "Barcelona")
