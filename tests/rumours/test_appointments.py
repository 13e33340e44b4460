"""Appointments read in the news open tenures only once confirmed, like sackings end them: the
club's statement or a second independent outlet within the window; a lone report is withdrawn after
seven days. An interim named at a sacking stands in once the sacking is confirmed; an admin's
correction outranks the news. Real SQLite store, the bundled registry, `affiliation` as the one answer.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from bot.analysis.models import Appointment, Finding
from bot.registry.affiliation import affiliation, source_label
from bot.rumours.service import RumourService
from bot.service import Service
from storage import appointments as appointments_db
from tests.rumours.conftest import T0, Newsroom, pressure

MOTTA = Appointment(
    person="Thiago Motta",
    role="manager",
    club="Barcelona",
    person_key="thiago-motta",
    club_key="barcelona",
    evidence="Thiago Motta has been appointed head coach of Barcelona.",
    rule="appointed",
)
MARQUEZ = Appointment(
    person="Rafael Márquez",
    role="interim",
    club="Barcelona",
    person_key="rafael-marquez",
    club_key="barcelona",
    rule="interim",
)


def appointed(*appointments: Appointment) -> Finding:
    return Finding(pressure=False, level=0, score=0.0, appointments=appointments)


def sacked_naming(*interims: Appointment) -> Finding:
    return replace(pressure("Hansi Flick", 3, club="Barcelona"), appointments=interims)


def who(service: Service, key: str, on: date) -> str:
    registry = service.registry.registry
    found = affiliation(registry, registry.people[key], on)
    role = f" ({found.tenure.role}, {source_label(found.tenure.source)})" if found.tenure else ""
    return found.describe() + role


def coach(service: Service, club: str, on: date) -> str | None:
    person = service.registry.registry.manager_of(club, on)
    return person.key if person else None


async def _statuses(service: Service) -> list[tuple[str, str, str, str | None]]:
    async with service.store.read() as db:
        rows = await db.execute_fetchall(
            "SELECT person_key, role, status, opened_on FROM appointments ORDER BY id"
        )
    return [tuple(r) for r in rows]  # type: ignore[misc]


async def test_one_outlet_opens_nothing_and_a_second_confirms(service: Service, real_news: Newsroom) -> None:
    await real_news.publish("Motta appointed", appointed(MOTTA), outlet="Marca", at=T0)
    assert coach(service, "barcelona", T0.date()) == "hansi-flick"
    assert who(service, "thiago-motta", T0.date()) == "Juventus since 2024-06-12 (manager, bundled data)"
    assert await _statuses(service) == [("thiago-motta", "manager", "reported", None)]

    await real_news.publish(
        "Motta is Barcelona's coach", appointed(MOTTA), outlet="AS", at=T0 + timedelta(days=1)
    )
    day = T0.date()
    assert coach(service, "barcelona", day) == "thiago-motta"
    assert who(service, "thiago-motta", day) == "Barcelona since 2025-03-10 (manager, news of 2025-03-10)"
    # The predecessor's spell closed the day before.
    assert who(service, "hansi-flick", day) == "no club (last: Barcelona, until 2025-03-09)"
    assert await _statuses(service) == [("thiago-motta", "manager", "confirmed", "2025-03-10")]


async def test_a_syndicated_copy_or_the_same_outlet_again_confirms_nothing(
    service: Service, real_news: Newsroom
) -> None:
    text = "Thiago Motta has been appointed head coach of Barcelona, Marca reports."
    await real_news.publish("Motta appointed", appointed(MOTTA), outlet="Marca", text=text)
    await real_news.publish("Motta to Barcelona", appointed(MOTTA), outlet="Yahoo Sports", text=text)
    await real_news.publish(
        "Motta appointed again", appointed(MOTTA), outlet="MARCA", at=T0 + timedelta(hours=2)
    )
    assert coach(service, "barcelona", T0.date()) == "hansi-flick"
    assert await _statuses(service) == [("thiago-motta", "manager", "reported", None)]


async def test_the_clubs_own_statement_confirms_at_once(service: Service, real_news: Newsroom) -> None:
    statement = replace(MOTTA, club_statement=True)
    await real_news.publish("Barcelona statement", appointed(statement), outlet="fcbarcelona.com", at=T0)
    assert coach(service, "barcelona", T0.date()) == "thiago-motta"


async def test_a_lone_report_is_withdrawn_after_seven_days_and_a_later_one_starts_afresh(
    service: Service, real_news: Newsroom, real_rumours: RumourService
) -> None:
    await real_news.publish("Motta appointed", appointed(MOTTA), outlet="Marca", at=T0)
    await real_rumours.withdraw_expired(T0 + timedelta(days=7, hours=1))
    assert await _statuses(service) == [("thiago-motta", "manager", "withdrawn", None)]
    # A second outlet after the withdrawal is a fresh first report, not a confirmation.
    await real_news.publish("Motta appointed?", appointed(MOTTA), outlet="AS", at=T0 + timedelta(days=8))
    assert coach(service, "barcelona", (T0 + timedelta(days=8)).date()) == "hansi-flick"
    assert await _statuses(service) == [
        ("thiago-motta", "manager", "withdrawn", None),
        ("thiago-motta", "manager", "reported", None),
    ]


async def test_a_report_after_the_window_confirms_nothing(service: Service, real_news: Newsroom) -> None:
    await real_news.publish("Motta appointed", appointed(MOTTA), outlet="Marca", at=T0)
    await real_news.publish(
        "Motta appointed", appointed(MOTTA), outlet="AS", at=T0 + timedelta(days=4, hours=1)
    )
    assert coach(service, "barcelona", (T0 + timedelta(days=5)).date()) == "hansi-flick"


async def test_an_interim_named_at_a_sacking_stands_in_once_it_is_confirmed(
    service: Service, real_news: Newsroom
) -> None:
    await real_news.publish("Barcelona sack Flick", sacked_naming(MARQUEZ), outlet="Marca", at=T0)
    assert coach(service, "barcelona", T0.date()) == "hansi-flick"  # a report: nothing changes yet
    await real_news.publish("Flick sacked", sacked_naming(), outlet="AS", at=T0 + timedelta(hours=5))
    day = T0.date()
    assert coach(service, "barcelona", day) == "rafael-marquez"
    assert who(service, "rafael-marquez", day) == "Barcelona since 2025-03-10 (interim, news of 2025-03-10)"
    assert (
        who(service, "hansi-flick", day + timedelta(days=1)) == "no club (last: Barcelona, until 2025-03-10)"
    )


async def test_an_interim_named_after_the_sacking_was_confirmed_stands_in_at_once(
    service: Service, real_news: Newsroom
) -> None:
    await real_news.publish("Barcelona statement", replace(sacked_naming(), club_statement=True), at=T0)
    assert coach(service, "barcelona", T0.date() + timedelta(days=1)) is None
    await real_news.publish(
        "Marquez steps in", sacked_naming(MARQUEZ), outlet="AS", at=T0 + timedelta(hours=2)
    )
    assert coach(service, "barcelona", T0.date() + timedelta(days=1)) == "rafael-marquez"


async def test_an_interim_of_an_unconfirmed_sacking_opens_nothing(
    service: Service, real_news: Newsroom
) -> None:
    await real_news.publish("Barcelona sack Flick", sacked_naming(MARQUEZ), outlet="Marca", at=T0)
    assert coach(service, "barcelona", T0.date()) == "hansi-flick"
    assert await _statuses(service) == [("rafael-marquez", "interim", "reported", None)]


async def test_an_interim_without_a_sacking_is_nobodys_interim(service: Service, real_news: Newsroom) -> None:
    await real_news.publish("Marquez in charge", appointed(MARQUEZ), outlet="Marca", at=T0)
    await real_news.publish("Marquez in charge", appointed(MARQUEZ), outlet="AS", at=T0)
    assert coach(service, "barcelona", T0.date()) == "hansi-flick"
    assert await _statuses(service) == []


async def test_a_servers_own_feed_teaches_the_registry_nothing(service: Service, real_news: Newsroom) -> None:
    feed = await real_news.server_feed("https://fans.example/rss", 111)
    statement = replace(MOTTA, club_statement=True)
    await real_news.publish("Fan blog: Motta in", appointed(statement), feed_id=feed, at=T0)
    assert coach(service, "barcelona", T0.date()) == "hansi-flick"
    assert await _statuses(service) == []


async def test_who_manages_whom_across_sacking_interim_appointment_and_admin_correction(
    service: Service, real_news: Newsroom
) -> None:
    """The one answer (`affiliation`), asked day by day through a season's changes at one club."""
    d0 = T0.date()
    assert who(service, "hansi-flick", d0) == "Barcelona since 2024-05-29 (manager, bundled data)"

    # 1. A confirmed sacking naming an interim.
    await real_news.publish("Barcelona sack Flick", sacked_naming(MARQUEZ), outlet="Marca", at=T0)
    await real_news.publish("Flick out", sacked_naming(MARQUEZ), outlet="AS", at=T0 + timedelta(hours=1))
    assert coach(service, "barcelona", d0) == "rafael-marquez"
    assert (
        who(service, "hansi-flick", d0 + timedelta(days=1)) == "no club (last: Barcelona, until 2025-03-10)"
    )

    # 2. An appointment, confirmed ten days later, ends the interim's spell.
    t1 = T0 + timedelta(days=10)
    await real_news.publish("Motta appointed", appointed(MOTTA), outlet="Marca", at=t1)
    await real_news.publish("Motta named", appointed(MOTTA), outlet="AS", at=t1 + timedelta(hours=3))
    d1 = t1.date()
    assert coach(service, "barcelona", d1) == "thiago-motta"
    assert who(service, "thiago-motta", d1) == "Barcelona since 2025-03-20 (manager, news of 2025-03-20)"
    assert who(service, "rafael-marquez", d1) == "no club (last: Barcelona, until 2025-03-19)"
    assert coach(service, "barcelona", d1 - timedelta(days=2)) == "rafael-marquez"  # history kept

    # 3. An admin's correction outranks the news from its date on.
    d2 = date(2025, 4, 1)
    await service.registry.set_coach("Barcelona", "Xavi Hernández", d2)
    assert coach(service, "barcelona", d2) == "xavi-hernandez"
    assert who(service, "xavi-hernandez", d2) == "Barcelona since 2025-04-01 (manager, admin)"
    assert who(service, "thiago-motta", d2) == "no club (last: Barcelona, until 2025-03-31)"

    # 4. News of an appointment dated before the correction cannot undo it.
    t3 = datetime(2025, 3, 28, 9, 0, tzinfo=T0.tzinfo)
    statement = replace(MOTTA, club_statement=True)
    await real_news.publish(
        "Barcelona statement: Motta", appointed(statement), outlet="fcbarcelona.com", at=t3
    )
    assert coach(service, "barcelona", d2 + timedelta(days=1)) == "xavi-hernandez"
    async with service.store.read() as db:
        latest = await appointments_db.latest(
            db, "thiago-motta", "barcelona", "manager", t3 - timedelta(days=1)
        )
    assert latest is not None and (latest.status, latest.opened_on) == ("confirmed", None)


async def test_an_interim_read_after_his_successors_appointment_does_not_displace_him(
    service: Service, real_news: Newsroom
) -> None:
    later = T0 + timedelta(days=2)
    await real_news.publish("Motta appointed", appointed(replace(MOTTA, club_statement=True)), at=later)
    await real_news.publish("Barcelona sack Flick", sacked_naming(MARQUEZ), outlet="Marca", at=T0)
    await real_news.publish("Flick out", sacked_naming(MARQUEZ), outlet="AS", at=T0 + timedelta(hours=1))
    assert coach(service, "barcelona", later.date() + timedelta(days=1)) == "thiago-motta"
    assert who(service, "rafael-marquez", later.date()) == "no club"
    assert ("rafael-marquez", "interim", "confirmed", None) in await _statuses(service)


async def test_news_of_a_known_appointment_keeps_his_start_date(
    service: Service, real_news: Newsroom
) -> None:
    flick = Appointment(
        person="Hansi Flick", role="manager", club="Barcelona", person_key="hansi-flick", club_key="barcelona"
    )
    await real_news.publish("Flick is Barcelona's coach", appointed(flick), outlet="Marca", at=T0)
    await real_news.publish(
        "Flick leads Barcelona", appointed(flick), outlet="AS", at=T0 + timedelta(hours=1)
    )
    assert who(service, "hansi-flick", T0.date()) == "Barcelona since 2024-05-29 (manager, bundled data)"
    assert await _statuses(service) == [("hansi-flick", "manager", "confirmed", None)]
