"""Appointments end to end: feed server on loopback → poll → store → real analysis → rumours →
registry. Two outlets report a sacking naming a caretaker, then two report his successor's
appointment; "who manages whom" follows, and /hotseat and /manager name the same club.

The articles are written for this test (the bundled registry's people and clubs, invented events).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime

from bot.registry.affiliation import affiliation
from bot.service import Service
from tests.support.feed_server import FeedServer, item, rss_feed

SACKED = {
    "sky": (
        "Real Madrid sack Alvaro Arbeloa",
        "Real Madrid have sacked head coach Alvaro Arbeloa after a run of five defeats in six games."
        " Raul Gonzalez will take interim charge of the team for the trip to Getafe.",
    ),
    "bbc": (
        "Arbeloa dismissed by Real Madrid",
        "Alvaro Arbeloa has been sacked by Real Madrid following Saturday's home defeat by Osasuna."
        " Castilla coach Raul Gonzalez will take interim charge until a permanent successor is found.",
    ),
}
APPOINTED = {
    "sky": (
        "Zidane returns to Real Madrid",
        "Real Madrid have appointed Zinedine Zidane as their new head coach on a contract until 2029.",
    ),
    "bbc": (
        "Real Madrid name Zidane as boss",
        "Zinedine Zidane has been appointed head coach of Real Madrid for a third spell at the club.",
    ),
}
RUMOUR = (
    "Zidane linked with Real Madrid",
    "Zinedine Zidane could be appointed head coach of Real Madrid, according to reports in Spain.",
)


def _coach(service: Service, on: date) -> str | None:
    person = service.registry.registry.manager_of("real-madrid", on)
    return person.key if person else None


def _feed(story: dict[str, tuple[str, str]], outlet: str, at: datetime, n: int) -> bytes:
    title, text = story[outlet]
    return rss_feed([item(n, title=title, summary=text, date=format_datetime(at))], title=outlet.upper())


async def test_sacking_interim_and_appointment_through_the_ingest_path(service: Service) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    sacked_at, appointed_at = now - timedelta(days=3), now - timedelta(days=1)
    registry = service.registry
    async with FeedServer() as server:
        # A rumour first: one outlet saying he *could* be appointed is nobody's appointment.
        rumour = item(1, title=RUMOUR[0], summary=RUMOUR[1], date=format_datetime(sacked_at))
        server.feed("/sky.xml", rss_feed([rumour], title="SKY"))
        server.feed("/bbc.xml", _feed(SACKED, "bbc", sacked_at, 2))
        await service.news.add_feed(server.url("/sky.xml"), guild_id=None)
        await service.news.add_feed(server.url("/bbc.xml"), guild_id=None)
        await service.news.poll_once()
        assert _coach(service, sacked_at.date()) == "alvaro-arbeloa"

        # The second outlet confirms the sacking: Arbeloa's spell ends, the caretaker stands in.
        server.feed("/sky.xml", _feed(SACKED, "sky", sacked_at + timedelta(hours=2), 3))
        await service.news.poll_once()
        day = sacked_at.date() + timedelta(days=1)
        assert _coach(service, day) == "raul-gonzalez"
        caretaker = affiliation(registry.registry, registry.registry.people["raul-gonzalez"], day)
        assert caretaker.tenure is not None and caretaker.tenure.role == "interim"

        # One outlet reports the appointment: a report opens nothing; the second confirms it.
        server.feed("/sky.xml", _feed(APPOINTED, "sky", appointed_at, 4))
        await service.news.poll_once()
        assert _coach(service, appointed_at.date()) == "raul-gonzalez"
        server.feed("/bbc.xml", _feed(APPOINTED, "bbc", appointed_at + timedelta(hours=1), 5))
        await service.news.poll_once()

    today = now.date()
    assert _coach(service, today) == "zinedine-zidane"
    zidane = affiliation(registry.registry, registry.registry.people["zinedine-zidane"], today)
    assert zidane.describe() == f"Real Madrid since {appointed_at.date().isoformat()}"
    assert zidane.tenure is not None and zidane.tenure.source == f"news:{appointed_at.date().isoformat()}"
    raul = affiliation(registry.registry, registry.registry.people["raul-gonzalez"], today)
    until = (appointed_at.date() - timedelta(days=1)).isoformat()
    assert raul.describe() == f"no club (last: Real Madrid, until {until})"
    profile = await service.rumours.manager_profile("Zinedine Zidane", now=now)
    assert (profile.club, profile.source) == ("Real Madrid", f"news of {appointed_at.date().isoformat()}")
    arbeloa = await service.rumours.manager_profile("Alvaro Arbeloa", now=now)
    board = {e.manager_key: e.club for e in (await service.rumours.hotseat(now=now)).entries}
    assert (arbeloa.club, arbeloa.last_club, board.get("alvaro-arbeloa")) == (None, "Real Madrid", None)
