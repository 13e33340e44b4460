"""Head coaches from football-data.org's `teams` resource, turned into the registry's tenures.

A coach the data names who differs from the registry's open spell at the club opens a new spell
(source "football-data.org"), which closes the previous one and the coach's own spell elsewhere. The
start is the data's `contract.start` when that is newer than those spells; when it is not, the bundle
is simply out of date (the spell opens on the refresh day), while a spell from the news or an admin
at least as new as the contract stands: the data lags behind it.

Names the data spells differently from the registry ("Josep Guardiola i Sala") still count as the
same man when his registry surname is among the data's words, so a long name never unseats him.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.errors import UserError
from bot.football.footballdata import TeamCoach
from bot.football.leagues import League
from bot.registry.affiliation import affiliation
from bot.registry.model import Club, Person, Tenure, source_rank
from bot.registry.names import fold
from bot.registry.registry import Registry
from bot.registry.service import RegistryService

log = logging.getLogger(__name__)

SOURCE = "football-data.org"


@dataclass(frozen=True, slots=True)
class CoachReport:
    teams: int
    changes: tuple[str, ...]  # "Arsenal: Mikel Arteta from 2019-12-01"
    unknown_clubs: tuple[str, ...]  # the data's team names the registry has no club for

    def summary(self) -> str:
        """One clause for the refresh's line: "coaches: 20 teams, 1 change (Arsenal: …)"."""
        count = len(self.changes)
        text = f"coaches: {_plural(self.teams, 'team')}, {_plural(count, 'change')}"
        if self.changes:
            text += f" ({'; '.join(self.changes)})"
        if self.unknown_clubs:
            text += f", {len(self.unknown_clubs)} not in the registry"
        return text


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def find_club(registry: Registry, team: TeamCoach, league: League) -> Club | None:
    """The registry club for a data team: by its name or short name, else its three-letter code
    when that names a club of this league (codes are too short to trust across leagues)."""
    for text in (team.name, team.short_name):
        club = registry.club_by_name(text) if text else None
        if club is not None and club.league != "int":
            return club
    club = registry.club_by_name(team.tla) if team.tla else None
    return club if club is not None and club.league == league.code else None


def same_person(person: Person, data_name: str) -> bool:
    """Whether the data's spelling names this registry person: any of his names' surname (last word,
    three letters or more) is one of the data name's words."""
    words = set(fold(data_name).split())
    for name in (person.name, *person.aliases):
        parts = fold(name).split()
        if parts and len(parts[-1]) >= 3 and parts[-1] in words and (len(parts) > 1 or len(words) == 1):
            return True
    return False


def _stands(tenure: Tenure | None, data_start: date | None) -> bool:
    """A spell from a source ranked at least with live data (news, admin) that is at least as new as
    the data's contract: the data lags behind it, so it stays."""
    if tenure is None or source_rank(tenure.source) < source_rank(SOURCE):
        return False
    return data_start is None or (tenure.started_on or date.min) >= data_start


def _start(registry: Registry, club: Club, person: Person, team: TeamCoach, today: date) -> date | None:
    """When the data's coach starts at the club, or None when the spells we hold should stand: the
    club's current one, and the coach's own current one elsewhere (he may have moved since)."""
    current = registry.manager_of(club.key, today)
    held = affiliation(registry, current, today).tenure if current is not None else None
    elsewhere = affiliation(registry, person, today).tenure
    if elsewhere is not None and elsewhere.club_key == club.key:
        elsewhere = None
    if _stands(held, team.contract_start) or _stands(elsewhere, team.contract_start):
        return None
    began = max((t.started_on or date.min for t in (held, elsewhere) if t is not None), default=date.min)
    if team.contract_start is not None and team.contract_start > began:
        return team.contract_start
    return today


async def apply_coaches(
    registry: RegistryService, league: League, teams: Sequence[TeamCoach], today: date
) -> CoachReport:
    """Bring the registry's open coaching spells in line with the data's coaches for one league."""
    changes: list[str] = []
    unknown: list[str] = []
    for team in teams:
        club = find_club(registry.registry, team, league)
        if club is None:
            unknown.append(team.name)
            continue
        if team.coach is None:
            continue
        current = registry.registry.manager_of(club.key, today)
        if current is not None and same_person(current, team.coach):
            continue
        try:
            person = registry.registry.person_by_name(team.coach) or await registry.add_person(
                team.coach, SOURCE
            )
        except UserError as exc:  # a name the registry cannot take: this team waits, the others go on
            log.warning("coach %r of %s left out: %s", team.coach, club.key, exc.message)
            continue
        start = _start(registry.registry, club, person, team, today)
        if start is None or _already_open(person, club, start):
            continue
        if await registry.open_tenure(person.key, club.key, start, SOURCE):
            changes.append(f"{club.short_name}: {person.name} from {start.isoformat()}")
    return CoachReport(len(teams), tuple(changes), tuple(unknown))


def _already_open(person: Person, club: Club, start: date) -> bool:
    """A spell opened by an earlier refresh (one starting in the future is not open today yet)."""
    return any(
        t.club_key == club.key and t.started_on == start and t.ended_on is None for t in person.tenures
    )
