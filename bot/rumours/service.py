"""Rumours: answer the questions users ask about stories, successor tips and the pressure index
(board, successors, profile, digests, alerts); recording articles is bot/rumours/recording.py.

Every read goes through an index: a manager's data by manager key, the board by the stored rank key
(see bot/rumours/pressure.py for the formula), digests and alerts by time or cursor.
"""

from __future__ import annotations

import logging
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import aiosqlite

from bot.errors import UserError
from bot.registry.affiliation import affiliation, source_label
from bot.registry.names import fold
from bot.rumours import pressure, tips
from bot.rumours.people import Subject, current_club
from bot.rumours.recording import Recorder, as_utc
from bot.rumours.results import (
    Board,
    BoardEntry,
    Counts,
    DigestGroup,
    ManagerProfile,
    StoryAlert,
    StorySummary,
    SuccessorEntry,
    SuccessorReport,
)
from storage import articles as articles_db
from storage import feeds as feeds_db
from storage import findings as findings_db
from storage import mentions as mentions_db
from storage import pressure as pressure_db
from storage import stories as stories_db
from storage.mentions import TipRow
from storage.pressure import ManagerPressureRow
from storage.stories import StoryRow

__all__ = ["Counts", "RumourService"]

log = logging.getLogger(__name__)

LEVEL_WINDOW = timedelta(days=14)  # a manager's level is the highest of his last two weeks
HISTORY_DAYS = 90
MIN_BOARD_INDEX = 0.01  # below this a manager has dropped off the board


class RumourService(Recorder):
    """Records articles (Recorder) and answers questions about what they said."""

    # ---- questions ------------------------------------------------------------------------------
    # Each question takes the asking server (`guild_id`; None: the CLI and console, shared news only)
    # and merges the shared rows with those of the server's own feeds at query time.

    async def counts(self) -> Counts:
        async with self.store.read() as db:
            return Counts(await articles_db.total(db), await findings_db.count(db))

    async def successors(
        self, manager: str, now: datetime | None = None, *, guild_id: int | None = None
    ) -> SuccessorReport:
        """People tipped to replace `manager`, ranked by independent sources, then stories, then recency."""
        moment = as_utc(now or datetime.now(UTC))
        async with self.store.read() as db:
            scopes = await feeds_db.scopes_for(db, guild_id)
        who = await self._find_manager(manager, scopes)
        since = moment - tips.SUCCESSOR_WINDOW
        async with self.store.read() as db:
            rows = await mentions_db.tips_for_manager(db, who.key, since, scopes=scopes)
        return SuccessorReport(
            manager=who.name,
            manager_key=who.key,
            club=who.club_name,
            since=since,
            candidates=tuple(_rank_successors(tips.combine(rows))),
        )

    async def hotseat(
        self,
        league: str | None = None,
        limit: int = 10,
        now: datetime | None = None,
        *,
        guild_id: int | None = None,
    ) -> Board:
        """Managers ranked by pressure index, with level, trend on a week ago and latest headline.

        The shared board is one scan of `manager_pressure_rank`; a server's own feeds add their rows
        still above the board's floor (a range seek per feed) and are merged in before ranking.
        """
        moment = as_utc(now or datetime.now(UTC))
        code = self._league_code(league) if league else None
        limit = max(1, min(limit, 25))
        async with self.store.read() as db:
            scopes = await feeds_db.scopes_for(db, guild_id)
            rows = await pressure_db.top(db, limit * 2, code)
            floor = _own_floor(rows, limit, len(scopes) - 1, moment)
            own = await pressure_db.above(db, scopes[1:], floor, code) if floor is not None else []
            merged = await self._merged(db, rows, own, scopes)
            merged = [m for m in merged if pressure.index_from_rank(m.rank, moment) >= MIN_BOARD_INDEX]
            merged = merged[:limit]
            keys = [m.row.manager_key for m in merged]
            days = await pressure_db.days(db, keys, moment - LEVEL_WINDOW, scopes)
            latest = await stories_db.get_many(
                db, [m.row.last_story_id for m in merged if m.row.last_story_id]
            )
        entries = []
        for m in merged:
            row = m.row
            story = latest.get(row.last_story_id) if row.last_story_id else None
            index, trend = _index_and_trend(m.rank, days[row.manager_key], moment)
            club, league = self._club_shown(row.manager_key, moment.date(), row.club_name, row.league)
            entries.append(
                BoardEntry(
                    manager=row.manager_name,
                    manager_key=row.manager_key,
                    club=club,
                    league=league,
                    level=_level(days[row.manager_key], moment, story),
                    index=index,
                    trend=trend,
                    headline=story.headline if story else None,
                    url=story.url if story else None,
                    standing=_summary(story).standing if story else None,
                )
            )
        name = self.registry.registry.league_name(code) if code else None
        return Board(league=name, as_of=moment, entries=tuple(entries))

    async def _merged(
        self,
        db: aiosqlite.Connection,
        shared: Sequence[ManagerPressureRow],
        own: Sequence[ManagerPressureRow],
        scopes: Sequence[int],
    ) -> list[_Merged]:
        """Shared board rows and a server's own rows, one per manager with the summed index, best first."""
        by_manager: dict[str, list[ManagerPressureRow]] = defaultdict(list)
        for row in shared:
            by_manager[row.manager_key].append(row)
        if len(scopes) > 1:  # every scope's row for each manager on either list (primary-key seeks)
            keys = sorted({r.manager_key for r in (*shared, *own)})
            by_manager.update(await pressure_db.get_many(db, keys, scopes))
        merged = [_merge(rows) for rows in by_manager.values()]
        merged.sort(key=lambda m: (-m.rank, fold(m.row.manager_name)))
        return merged

    async def manager_profile(
        self, name: str, now: datetime | None = None, *, guild_id: int | None = None
    ) -> ManagerProfile:
        """Club, tenure start, pressure now and over 90 days, latest stories and tipped successors."""
        moment = as_utc(now or datetime.now(UTC))
        async with self.store.read() as db:
            scopes = await feeds_db.scopes_for(db, guild_id)
        who = await self._find_manager(name, scopes)
        async with self.store.read() as db:
            found = (await pressure_db.get_many(db, [who.key], scopes)).get(who.key)
            window = moment - timedelta(days=HISTORY_DAYS)
            days = (await pressure_db.days(db, [who.key], window - timedelta(days=1), scopes))[who.key]
            stories = await stories_db.recent_for_manager(db, who.key, window, 5, scopes)
            tipped = await mentions_db.tips_for_manager(
                db, who.key, moment - tips.SUCCESSOR_WINDOW, 5, scopes=scopes
            )
        merged = _merge(found) if found else None
        row = merged.row if merged else None
        rank = merged.rank if merged else -math.inf
        index, trend = _index_and_trend(rank, days, moment)
        points = pressure.history(rank, [(d, a) for d, a, _ in days], moment, HISTORY_DAYS)
        person = self.registry.registry.people.get(who.key)
        decided = next((s for s in stories if s.level == 3), None)
        # A registered man's club is the registry's one answer; a press-only name keeps his stories' club.
        where = affiliation(self.registry.registry, person, moment.date()) if person else None
        return ManagerProfile(
            manager=who.name,
            manager_key=who.key,
            club=(where.club.short_name if where and where.club else None)
            if where
            else (who.club_name or (row.club_name if row else None)),
            league=(where.club.league if where and where.club else None)
            if where
            else (who.league or (row.league if row else None)),
            since=where.since if where else None,
            last_club=where.last.short_name if where and where.last else None,
            until=where.until if where else None,
            source=source_label(where.tenure.source) if where and where.tenure else None,
            level=_level(days, moment, stories[0] if stories else None),
            index=index,
            trend=trend,
            history=tuple(points),
            stories=tuple(_summary(s) for s in stories),
            successors=tuple(_rank_successors(tips.combine(tipped))[:5]),
            standing=_summary(decided).standing if decided else None,
        )

    async def digest_groups(
        self,
        since: datetime,
        until: datetime,
        *,
        min_level: int = 1,
        leagues: Sequence[str] = (),
        guild_id: int | None = None,
    ) -> list[DigestGroup]:
        """Stories first seen or updated in (since, until], grouped by manager, hottest first."""
        codes = [self._league_code(league, strict=False) for league in leagues]
        end = as_utc(until)
        async with self.store.read() as db:
            scopes = await feeds_db.scopes_for(db, guild_id)
            rows = await stories_db.in_window(db, as_utc(since), end, min_level, codes, scopes)
            by_manager: dict[str, list[StoryRow]] = defaultdict(list)
            for story in rows:
                by_manager[story.manager_key].append(story)
            ranks = await pressure_db.get_many(db, list(by_manager), scopes)
        groups = []
        for key, stories in by_manager.items():
            stories.sort(key=lambda s: (-s.level, -s.last_seen_at.timestamp()))
            newest = max(stories, key=lambda s: s.last_seen_at)
            rank_rows = ranks.get(key)
            club, league = self._club_shown(key, end.date(), newest.club_name, newest.league)
            groups.append(
                DigestGroup(
                    manager=newest.manager_name,
                    manager_key=key,
                    club=club,
                    league=league,
                    level=max(s.level for s in stories),
                    index=pressure.index_from_rank(_merge(rank_rows).rank, end) if rank_rows else 0.0,
                    stories=tuple(_summary(s) for s in stories),
                )
            )
        groups.sort(key=lambda g: (-g.index, -g.level, fold(g.manager)))
        return groups

    async def stories_for_alerts(
        self, after_seq: int, min_level: int, limit: int = 50, *, guild_id: int | None = None
    ) -> list[StoryAlert]:
        """Live stories the server may see past the cursor `after_seq` at `min_level` or above, oldest
        first.

        A story gets a sequence number when its first live (not first-poll) article arrives, and a new
        one when its level rises or its sacking is confirmed, withdrawn or reported afresh, so passing
        back the last `seq` seen never skips or repeats; stories made only of first-poll articles never
        appear.
        """
        async with self.store.read() as db:
            scopes = await feeds_db.scopes_for(db, guild_id)
            rows = await stories_db.alerts_after(db, after_seq, min_level, limit, scopes)
        alerts = []
        for s in rows:
            # Named as on the story's day (a sacking's alert names the club he was sacked by); routed
            # by the club the story is about (`club_key`, what `/follow club` matches).
            club, league = self._club_shown(s.manager_key, s.last_seen_at.date(), s.club_name, s.league)
            alerts.append(
                StoryAlert(
                    seq=int(s.alert_seq or 0),
                    manager=s.manager_name,
                    manager_key=s.manager_key,
                    club=club,
                    league=league,
                    story=_summary(s),
                    club_key=s.club_key,
                )
            )
        return alerts

    async def autocomplete_managers(self, typed: str, limit: int = 25) -> list[tuple[str, str]]:
        """(label, value=manager key) choices: managers in the news first (hottest), then the registry's."""
        limit = max(1, min(limit, 25))
        folded = fold(typed)
        async with self.store.read() as db:
            if folded:
                hot = await pressure_db.names_containing(db, folded, limit)
            else:
                hot = await pressure_db.top(db, limit)
        choices: dict[str, tuple[str, str]] = {}
        today = datetime.now(UTC).date()
        for row in hot:
            club, _league = self._club_shown(row.manager_key, today, row.club_name, row.league)
            label = f"{row.manager_name} ({club})" if club else row.manager_name
            choices.setdefault(row.manager_key, (label[:100], row.manager_key[:100]))
        if len(choices) < limit:
            for label, value in await self.registry.autocomplete_managers(typed, limit):
                choices.setdefault(value, (label, value))
        return list(choices.values())[:limit]

    # ---- helpers --------------------------------------------------------------------------------

    def _club_shown(
        self, manager_key: str, on: date, stored: str | None, league: str | None
    ) -> tuple[str | None, str | None]:
        """(club, league) named beside a manager: for a registry person the one answer on `on`
        (bot/registry/affiliation.py, as /manager gives it; out of work: none); a press-only name
        keeps the club his stories named."""
        registry = self.registry.registry
        person = registry.people.get(manager_key)
        if person is None:
            return stored, league
        club = current_club(registry, person, on)
        return (club.short_name, club.league) if club is not None else (None, None)

    async def find_manager(self, typed: str) -> Subject:
        """The manager a user means, with the key his stories carry (what `/follow manager` stores)."""
        return await self._find_manager(typed)

    async def _find_manager(self, typed: str, scopes: Sequence[int] = (0,)) -> Subject:
        """The manager a user means: a registry key or name, else a name only the press has used
        (or its "name:" key); otherwise the registry's "No manager called 'X' — did you mean …?"."""
        name = typed.strip()
        if not fold(name):
            raise UserError("Type a manager's name, for example Ancelotti.")
        registry = self.registry.registry
        person = registry.people.get(name) or registry.person_by_name(name)
        if person is None:
            async with self.store.read() as db:
                rows = (await pressure_db.get_many(db, [name], scopes)).get(name)
                row = _merge(rows).row if rows else await pressure_db.by_folded_name(db, fold(name), scopes)
            if row is not None:
                return Subject(
                    row.manager_key, row.manager_name, False, row.club_key, row.club_name, row.league
                )
            person = await self.registry.resolve_person(name, role="manager")
        club = current_club(registry, person)
        return Subject(
            person.key,
            person.name,
            True,
            club.key if club else None,
            club.short_name if club else None,
            club.league if club else None,
        )

    def _league_code(self, text: str, *, strict: bool = True) -> str:
        """A league code from a code, name or alias ("es.1", "La Liga", "laliga")."""
        wanted = fold(text)
        for league in self.registry.registry.leagues():
            if wanted in {fold(league.code), fold(league.name), *(fold(a) for a in league.aliases)}:
                return league.code
        if not strict:
            return text
        known = ", ".join(league.name for league in self.registry.registry.leagues())
        raise UserError("No league called '{text}'. Try one of: {known}.", text=text, known=known)


def _own_floor(
    shared: Sequence[ManagerPressureRow], limit: int, own_scopes: int, now: datetime
) -> float | None:
    """The lowest rank key a server's own row needs to put a manager missing from `shared` (the
    shared top `2 * limit`, best first) on its board; None when the server has no feeds of its own.

    Such a manager's shared index is at most the last listed one (0 when the list holds every shared
    row), and the board's last place is at least the `limit`-th shared index (and the board's floor),
    so his own rows must add the difference, one of them at least an equal share of it.
    """
    if own_scopes <= 0:
        return None
    indexes = [pressure.index_from_rank(row.rank_key, now) for row in shared]
    last_place = max(MIN_BOARD_INDEX, indexes[limit - 1] if len(indexes) >= limit else 0.0)
    unlisted = indexes[-1] if len(indexes) >= 2 * limit else 0.0
    needed = (last_place - unlisted) / own_scopes
    return pressure.rank_floor(needed, now) if needed > 0 else -math.inf


@dataclass(frozen=True, slots=True)
class _Merged:
    """One manager's pressure over several scopes: the summed rank and the newest row's labels."""

    rank: float
    row: ManagerPressureRow


def _merge(rows: Sequence[ManagerPressureRow]) -> _Merged:
    rank = -math.inf
    for row in rows:
        rank = pressure.add_rank(rank, row.rank_key)
    return _Merged(rank, max(rows, key=lambda r: (r.last_seen_at, -r.scope)))


def _summary(story: StoryRow) -> StorySummary:
    return StorySummary(
        story_id=story.id,
        headline=story.headline,
        url=story.url,
        level=story.level,
        outlets=story.outlets,
        article_count=story.article_count,
        first_seen=story.first_seen_at,
        last_seen=story.last_seen_at,
        status=story.status if story.level == 3 else None,
        decision_sources=len(story.decided_outlets),
    )


def _index_and_trend(
    rank: float, days: list[tuple[datetime, float, int]], now: datetime
) -> tuple[float, str]:
    """The index now, and whether it is up, down or steady on a week before."""
    index = pressure.index_from_rank(rank, now)
    week_ago = pressure.day_start(now) - timedelta(days=6)
    before = pressure.index_before(rank, [(d, a) for d, a, _ in days], week_ago)
    return index, pressure.trend(index, before)


def _level(days: list[tuple[datetime, float, int]], now: datetime, latest: StoryRow | None) -> int:
    """The highest level reported in the last two weeks (else the latest story's)."""
    recent = [lvl for d, _, lvl in days if now - LEVEL_WINDOW <= d + timedelta(days=1) and d <= now]
    if recent:
        return max(recent)
    return latest.level if latest else 0


def _rank_successors(rows: list[TipRow]) -> list[SuccessorEntry]:
    """Rank tipped people by distinct outlets, then stories, then the latest tip."""
    entries = [
        SuccessorEntry(
            name=row.person_name,
            person_key=row.person_key,
            outlet_count=len(row.outlets),
            story_count=row.story_count,
            first_seen=row.first_seen_at,
            last_seen=row.last_seen_at,
            outlets=row.outlets,
            links=tuple(link.url for link in row.links),
            evidence=row.evidence,
        )
        for row in rows
    ]
    entries.sort(key=lambda e: (-e.outlet_count, -e.story_count, -e.last_seen.timestamp(), fold(e.name)))
    return entries
