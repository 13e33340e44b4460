"""Appointments read in the news become tenures the way sackings end them: only once confirmed.

One article saying "X appointed head coach of Y" is a report. It is confirmed by the club's own
statement, or by a second independent outlet within `confirm.CONFIRM_WINDOW` of the first report
(the same rule, `confirm.decide`, as a sacking); then X's tenure at Y opens from the day of the first
report with source "news:DATE", which closes the predecessor's open spell. A report nobody confirms
within `confirm.REPORT_EXPIRY` is withdrawn and opened nothing. An interim is named at a sacking: he
becomes the club's interim coach once that sacking is confirmed (by the article that names him or a
later one). An admin's correction still outranks the news (`RegistryService.open_tenure_in`).

Only shared feeds (scope 0) teach the registry, as only they end tenures; this runs inside the
transaction that records the article, so an article is recorded whole or not at all.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime

import aiosqlite

from bot.analysis.models import Appointment, Finding
from bot.registry.affiliation import affiliation
from bot.rumours import confirm
from bot.rumours.grouping import unique
from bot.rumours.people import RegistryPort
from storage import appointments as appointments_db

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Sacking:
    """The level-3 story the article's finding joined: an interim it names stands in at its club."""

    story_id: int
    club_key: str | None
    confirmed_on: date | None  # the day of its first report, when it is confirmed (else None)


def news_source(on: date) -> str:
    """The tenure source of an appointment first reported on `on` (/manager: "news of DATE")."""
    return f"news:{on.isoformat()}"


class Appointing:
    """Records a finding's appointments and opens the tenures confirmed ones give."""

    def __init__(self, registry: RegistryPort) -> None:
        self.registry = registry

    async def record(
        self,
        db: aiosqlite.Connection,
        finding: Finding,
        *,
        sources: tuple[str, ...],
        published: datetime,
        signature: str,
        sacking: Sacking | None,
    ) -> bool:
        """Fold the finding's appointments into their reports; True when a tenure opened."""
        opened = False
        for appointment in finding.appointments:
            if not self._known(appointment):
                continue
            if appointment.role == "interim":
                opened |= await self._interim(db, appointment, sources, published, signature, sacking)
            else:
                opened |= await self._manager(db, appointment, sources, published, signature)
        if sacking is not None and sacking.confirmed_on is not None:
            opened |= await self.sacking_confirmed(db, sacking.story_id, sacking.confirmed_on)
        return opened

    def _known(self, appointment: Appointment) -> bool:
        """Only registry people at registry clubs can hold a tenure."""
        registry = self.registry.registry
        return (
            appointment.person_key is not None
            and appointment.club_key is not None
            and appointment.person_key in registry.people
            and appointment.club_key in registry.clubs
        )

    async def _manager(
        self,
        db: aiosqlite.Connection,
        appointment: Appointment,
        sources: tuple[str, ...],
        published: datetime,
        signature: str,
    ) -> bool:
        row, decision = await self._report(db, appointment, sources, published, signature)
        if row is None or not decision.confirmed or decision.decided_at is None:
            return False
        assert appointment.person_key is not None and appointment.club_key is not None
        day = decision.decided_at.date()
        return await self._open(db, row, "manager", day, appointment.person_key, appointment.club_key)

    async def _interim(
        self,
        db: aiosqlite.Connection,
        appointment: Appointment,
        sources: tuple[str, ...],
        published: datetime,
        signature: str,
        sacking: Sacking | None,
    ) -> bool:
        """An interim counts only when named at a sacking of his club: his report waits for that
        sacking's confirmation (`sacking_confirmed`), whoever else names him."""
        if sacking is None or sacking.club_key != appointment.club_key:
            return False
        assert appointment.person_key is not None and appointment.club_key is not None
        club = self.registry.registry.clubs[appointment.club_key]
        person = self.registry.registry.people[appointment.person_key]
        row = await appointments_db.latest(
            db, person.key, club.key, "interim", published - confirm.REPORT_EXPIRY
        )
        if row is not None and row.status == confirm.CONFIRMED:
            return False  # settled at this sacking already
        if row is None or row.status == confirm.WITHDRAWN or row.story_id != sacking.story_id:
            await appointments_db.insert(
                db,
                person_key=person.key,
                person_name=person.name,
                club_key=club.key,
                club_name=club.short_name,
                role="interim",
                status=confirm.REPORTED,
                first_seen_at=published,
                seen_at=published,
                outlets=unique(sources),
                signatures=(signature,),
                story_id=sacking.story_id,
            )
        else:
            await appointments_db.update(
                db,
                row.id,
                status=confirm.REPORTED,
                first_seen_at=min(row.first_seen_at, published),
                seen_at=max(row.last_seen_at, published),
                outlets=unique([*row.outlets, *sources]),
                signatures=unique([*row.signatures, signature]),
            )
        return False

    async def _report(
        self,
        db: aiosqlite.Connection,
        appointment: Appointment,
        sources: tuple[str, ...],
        published: datetime,
        signature: str,
    ) -> tuple[int | None, confirm.Decision]:
        """Join the appointment to its report (or start one): the row id when this confirmed it, and
        the decision."""
        assert appointment.person_key is not None and appointment.club_key is not None
        club = self.registry.registry.clubs[appointment.club_key]
        person = self.registry.registry.people[appointment.person_key]
        row = await appointments_db.latest(
            db, person.key, club.key, appointment.role, published - confirm.REPORT_EXPIRY
        )
        before = (
            confirm.Decision(row.status, row.first_seen_at, row.outlets)
            if row is not None
            else confirm.Decision(confirm.REPORTED, None, ())
        )
        syndicated = row is not None and signature in row.signatures
        decision = confirm.decide(
            before,
            level=3,
            origins=sources,
            published=published,
            club_statement=appointment.club_statement,
            syndicated=syndicated,
        )
        first = decision.decided_at or published
        signatures = unique([*(row.signatures if row else ()), signature])
        if row is None:
            row_id = await appointments_db.insert(
                db,
                person_key=person.key,
                person_name=person.name,
                club_key=club.key,
                club_name=club.short_name,
                role=appointment.role,
                status=decision.status,
                first_seen_at=first,
                seen_at=published,
                outlets=decision.outlets,
                signatures=signatures,
            )
        else:
            row_id = row.id
            await appointments_db.update(
                db,
                row.id,
                status=decision.status,
                first_seen_at=first,
                seen_at=max(published, row.last_seen_at),
                outlets=decision.outlets,
                signatures=signatures,
            )
        newly = decision.confirmed and not before.confirmed
        return (row_id if newly else None), decision

    async def sacking_confirmed(self, db: aiosqlite.Connection, story_id: int, on: date) -> bool:
        """The sacking story is confirmed: the interims named at it stand in from its first report."""
        opened = False
        for row in await appointments_db.interims_at(db, story_id):
            opened |= await self._open(db, row.id, "interim", on, row.person_key, row.club_key)
        return opened

    async def _open(
        self, db: aiosqlite.Connection, row_id: int, role: str, on: date, person_key: str, club_key: str
    ) -> bool:
        """Open the confirmed appointment's tenure (unless the registry already has him there, or a
        better source says otherwise) and mark the report confirmed either way, so it is never tried
        again."""
        registry = self.registry.registry
        held = affiliation(registry, registry.people[person_key], on).tenure
        if held is not None and (held.club_key, held.role) == (club_key, role):
            # News of a known appointment ("X, the new Y coach" after the fact) keeps his start date.
            await appointments_db.set_opened(db, row_id, confirm.CONFIRMED, None)
            return False
        opened = await self.registry.open_tenure_in(db, person_key, club_key, on, news_source(on), role)
        await appointments_db.set_opened(db, row_id, confirm.CONFIRMED, on if opened else None)
        if not opened:
            log.info("confirmed %s %s at %s: a better source says otherwise", role, person_key, club_key)
        return opened

    @staticmethod
    async def withdraw_expired(db: aiosqlite.Connection, now: datetime) -> int:
        """Withdraw appointments still only reported `confirm.REPORT_EXPIRY` after their first report."""
        return await appointments_db.withdraw_reported_before(db, now - confirm.REPORT_EXPIRY)
