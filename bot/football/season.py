"""A league season as the football service holds it: its span, its matches and its tables per date.

Each season is loaded from the store once and its tables cached per date, keyed by a fingerprint of
the season's rows (see `FootballService._load`), so an import by any process invalidates them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from bot.football.leagues import League
from bot.football.results import Freshness
from bot.football.table import Adjustment, MatchRecord, OfficialLine, Standing, apply_official, compute_table

TABLE_CACHE_PER_SEASON = 512


@dataclass(frozen=True, slots=True)
class SeasonSpan:
    league: League
    season: str
    first: date  # first fixture
    last: date  # last fixture

    def covers(self, day: date) -> bool:
        """From the first fixture through the summer break (30 June): the final table stands until then."""
        summer = date(int(self.season[:4]) + 1, 6, 30) if self.season[:4].isdigit() else self.last
        return self.first <= day <= max(self.last, summer)


@dataclass(slots=True)
class LoadedSeason:
    """One league season loaded from the store, with its tables cached per date."""

    span: SeasonSpan
    fingerprint: tuple[object, ...]
    matches: list[MatchRecord]
    adjustments: list[Adjustment]
    official: dict[date, list[OfficialLine]]
    keys: dict[str, str | None]  # data spelling -> registry club key
    names: dict[str, str]  # data spelling -> display name
    tables: dict[date, list[Standing]] = field(default_factory=dict)

    def table(self, as_of: date) -> list[Standing]:
        cached = self.tables.get(as_of)
        if cached is None:
            cached = compute_table(self.matches, as_of, self.span.league, self.adjustments)
            snapshot_day = max((d for d in self.official if d <= as_of), default=None)
            if snapshot_day is not None:
                cached = apply_official(cached, self.official[snapshot_day])
            if len(self.tables) >= TABLE_CACHE_PER_SEASON:
                self.tables.clear()
            self.tables[as_of] = cached
        return cached

    def freshness(self, as_of: date) -> Freshness:
        """The last result counted on `as_of`, fixtures before it still without one, and whether the
        season was already over."""
        results = [m.match_date for m in self.matches if m.match_date <= as_of and m.has_result]
        missing = sum(
            1 for m in self.matches if m.match_date < as_of and not m.has_result and m.status != "postponed"
        )
        last = max(results, default=None)
        return Freshness(last.isoformat() if last else None, missing, as_of >= self.span.last)

    def row_for(self, club_key: str, as_of: date) -> Standing | None:
        for row in self.table(as_of):
            if self.keys.get(row.team) == club_key:
                return row
        return None
