"""Answers the football service gives the front ends: frozen, with `to_dict` (JSON) and `to_text`."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from bot.football.wording import ENGLISH, freshness_notes, gap_if_won


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


@dataclass(frozen=True, slots=True)
class FileImport:
    source: str
    league: str
    season: str
    inserted: int
    updated: int
    unchanged: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class ImportReport:
    files: tuple[FileImport, ...]

    @property
    def inserted(self) -> int:
        return sum(f.inserted for f in self.files)

    @property
    def updated(self) -> int:
        return sum(f.updated for f in self.files)

    @property
    def unchanged(self) -> int:
        return sum(f.unchanged for f in self.files)

    def to_dict(self) -> dict[str, Any]:
        return {
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "files": [f.to_dict() for f in self.files],
        }

    def to_text(self) -> str:
        lines = [
            f"{f.league} {f.season} from {f.source}: {f.inserted} new, {f.updated} updated, "
            f"{f.unchanged} unchanged"
            for f in self.files
        ]
        lines.append(
            f"Imported {_plural(len(self.files), 'file')}: {self.inserted} new, {self.updated} updated, "
            f"{self.unchanged} unchanged matches."
        )
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class TableRow:
    position: int
    team: str  # display name (the registry's), falling back to the data's spelling
    club_key: str | None
    played: int
    won: int
    drawn: int
    lost: int
    goals_for: int
    goals_against: int
    goal_difference: int
    points: int
    form: str  # last five, oldest first: "WWDLW"
    adjustment: int = 0  # points added or deducted by sanctions (or by an official snapshot)

    def to_dict(self) -> dict[str, Any]:
        return {
            "position": self.position,
            "team": self.team,
            "key": self.club_key,
            "played": self.played,
            "won": self.won,
            "drawn": self.drawn,
            "lost": self.lost,
            "gf": self.goals_for,
            "ga": self.goals_against,
            "gd": self.goal_difference,
            "points": self.points,
            "form": self.form,
            "adjustment": self.adjustment,
        }


@dataclass(frozen=True, slots=True)
class Freshness:
    """How current an answer is: the last result it includes, results it lacks, a finished season.

    Fixture dates say nothing about what was played: a table is only as fresh as its last *result*,
    and fixtures already past without a score mean the data is behind, which people must be told.
    """

    last_result: str | None = None  # ISO day of the latest result counted
    missing_results: int = 0  # fixtures dated before the day asked, still without a result
    season_ended: bool = False  # the day asked is on or after the season's last fixture

    def to_dict(self) -> dict[str, Any]:
        return {
            "last_result": self.last_result,
            "missing_results": self.missing_results,
            "season_ended": self.season_ended,
        }

    def notes(self) -> list[str]:
        """English lines for the CLI and console (Discord words them in the reader's language)."""
        return freshness_notes(self, ENGLISH)


@dataclass(frozen=True, slots=True)
class TableResult:
    league: str
    league_name: str
    season: str
    as_of: str
    rows: tuple[TableRow, ...]
    official: bool = False  # points/positions from the provider's official standings
    freshness: Freshness = Freshness()

    def to_dict(self) -> dict[str, Any]:
        return {
            "league": self.league,
            "league_name": self.league_name,
            "season": self.season,
            "as_of": self.as_of,
            "official": self.official,
            **self.freshness.to_dict(),
            "rows": [row.to_dict() for row in self.rows],
        }

    def to_text(self) -> str:
        width = max((len(row.team) for row in self.rows), default=4)
        header = (
            f"{'#':>2}  {'Team':<{width}}  {'P':>2} {'W':>2} {'D':>2} {'L':>2} "
            f"{'GF':>3} {'GA':>3} {'GD':>4} {'Pts':>3}  Form"
        )
        lines = [f"{self.league_name} {self.season} — table on {self.as_of}", header]
        notes = []
        for row in self.rows:
            mark = "*" if row.adjustment else " "
            lines.append(
                f"{row.position:>2}  {row.team:<{width}}  {row.played:>2} {row.won:>2} {row.drawn:>2} "
                f"{row.lost:>2} {row.goals_for:>3} {row.goals_against:>3} {row.goal_difference:>+4} "
                f"{row.points:>3}{mark} {row.form}"
            )
            if row.adjustment:
                notes.append(f"{row.team} {row.adjustment:+d}")
        if notes:
            lines.append("* points adjusted: " + ", ".join(notes))
        if self.official:
            lines.append("Points and positions from the official standings.")
        lines.extend(self.freshness.notes())
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class GapSide:
    name: str
    club_key: str | None
    position: int
    played: int
    points: int
    remaining: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "key": self.club_key,
            "position": self.position,
            "played": self.played,
            "points": self.points,
            "remaining": self.remaining,
        }


@dataclass(frozen=True, slots=True)
class GapResult:
    league: str
    league_name: str
    season: str
    as_of: str
    leader: GapSide
    trailer: GapSide
    freshness: Freshness = Freshness()

    @property
    def points_gap(self) -> int:
        return self.leader.points - self.trailer.points

    @property
    def games_in_hand(self) -> int:
        return self.leader.played - self.trailer.played

    @property
    def points_available(self) -> int:
        """What the trailer can still win (three points for each game left)."""
        return 3 * self.trailer.remaining

    @property
    def gap_if_games_in_hand_won(self) -> int | None:
        """The gap if the side with games in hand wins them all (None: nobody has games in hand);
        negative when that side would then be ahead."""
        hand = self.games_in_hand
        if hand == 0:
            return None
        return self.points_gap - 3 * hand if hand > 0 else self.points_gap + 3 * -hand

    @property
    def can_catch_up(self) -> bool:
        """True while the trailer can still draw level on points with the leader."""
        return self.points_available >= self.points_gap

    def to_dict(self) -> dict[str, Any]:
        return {
            "league": self.league,
            "league_name": self.league_name,
            "season": self.season,
            "as_of": self.as_of,
            "leader": self.leader.to_dict(),
            "trailer": self.trailer.to_dict(),
            "points_gap": self.points_gap,
            "games_in_hand": self.games_in_hand,
            "level_on_points": self.points_gap == 0,
            "points_available": self.points_available,
            "can_catch_up": self.can_catch_up,
            "gap_if_games_in_hand_won": self.gap_if_games_in_hand_won,
            **self.freshness.to_dict(),
        }

    def to_text(self) -> str:
        lead, trail = self.leader, self.trailer
        if self.points_gap == 0:
            headline = f"{lead.name} and {trail.name} are level on {lead.points} points"
            headline += f" ({lead.name} ahead in the table)"
        else:
            headline = f"{lead.name} lead {trail.name} by {_plural(self.points_gap, 'point')}"
        hand = self.games_in_hand
        if hand > 0:
            headline += f"; {trail.name} have {_plural(hand, 'game')} in hand"
        elif hand < 0:
            headline += f"; {lead.name} have {_plural(-hand, 'game')} in hand"
        lines = [
            f"{self.league_name} {self.season}, as of {self.as_of}",
            headline + ".",
            f"{lead.position}. {lead.name}: {lead.points} pts from {lead.played} games",
            f"{trail.position}. {trail.name}: {trail.points} pts from {trail.played} games",
        ]
        if self.points_gap and self.trailer.remaining:
            verdict = "can still catch up" if self.can_catch_up else "can no longer catch up"
            lines.append(f"{trail.name} {verdict}: {self.points_available} points left to play for.")
        if_won = self.gap_if_games_in_hand_won
        if if_won is not None:
            team = trail.name if hand > 0 else lead.name
            lines.append(
                f"If {team} win their games in hand: {gap_if_won(if_won, lead.name, trail.name, ENGLISH)}."
            )
        lines.extend(self.freshness.notes())
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class LeagueInfo:
    code: str
    name: str
    country: str
    football_data_code: str
    seasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "country": self.country,
            "football_data_code": self.football_data_code,
            "seasons": list(self.seasons),
        }

    def to_text(self) -> str:
        seasons = ", ".join(self.seasons) if self.seasons else "no data yet"
        return f"{self.name} ({self.code}, {self.country}): {seasons}"
