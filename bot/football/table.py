"""League tables as of a date, from match results: pure (no I/O, no clock).

A match counts on date D when it was played on or before D and has a full-time score (awarded
scores included). A rescheduled match therefore stays a game in hand until the day it is played.
Points adjustments count from their effective date. Ties on points are broken by the league's rule
list (`League.tiebreakers`), each rule defined once in `_RULES`: a group still level after one rule
goes on to the next, and head-to-head rules are computed inside the group that is still level.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from bot.football.leagues import League

WIN_POINTS = 3
DRAW_POINTS = 1
FORM_LENGTH = 5


@dataclass(frozen=True, slots=True)
class MatchRecord:
    """One fixture as the table needs it; goals are None until it has a result."""

    match_date: date
    home: str
    away: str
    home_goals: int | None
    away_goals: int | None
    status: str = "played"
    kickoff: str | None = None

    @property
    def has_result(self) -> bool:
        return self.home_goals is not None and self.away_goals is not None and self.status != "postponed"


@dataclass(frozen=True, slots=True)
class Adjustment:
    """Points added (positive) or deducted (negative) from `effective_on`, e.g. a sanction."""

    team: str
    points: int
    effective_on: date
    reason: str


@dataclass(slots=True)
class Standing:
    """One club's line in the table (mutable while it is being built, then left alone)."""

    team: str
    played: int = 0
    won: int = 0
    drawn: int = 0
    lost: int = 0
    goals_for: int = 0
    goals_against: int = 0
    away_goals_for: int = 0
    adjustment: int = 0
    fixtures: int = 0  # every fixture of the season, played or not
    form: list[str] = field(default_factory=list)
    position: int = 0
    official: bool = False  # points and position taken from an official standings snapshot

    @property
    def goal_difference(self) -> int:
        return self.goals_for - self.goals_against

    @property
    def points(self) -> int:
        return self.won * WIN_POINTS + self.drawn * DRAW_POINTS + self.adjustment

    @property
    def remaining(self) -> int:
        return max(self.fixtures - self.played, 0)


def counted_matches(matches: Iterable[MatchRecord], as_of: date) -> list[MatchRecord]:
    """Matches with a result on or before `as_of`, in the order they were played."""
    played = [m for m in matches if m.has_result and m.match_date <= as_of]
    played.sort(key=lambda m: (m.match_date, m.kickoff or ""))
    return played


def _record(row: Standing, scored: int, conceded: int, away: bool) -> None:
    row.played += 1
    row.goals_for += scored
    row.goals_against += conceded
    if away:
        row.away_goals_for += scored
    if scored > conceded:
        row.won += 1
        row.form.append("W")
    elif scored == conceded:
        row.drawn += 1
        row.form.append("D")
    else:
        row.lost += 1
        row.form.append("L")


# --- tie-break rules: each maps (group of tied teams, their standings, counted matches) to a key per team


_H2H_RULES = {"h2h_points", "h2h_gd", "h2h_gf", "h2h_away_gf"}


def _h2h_stats(group: Sequence[str], matches: Sequence[MatchRecord]) -> dict[str, tuple[int, int, int, int]]:
    """(points, goal difference, goals for, away goals for) per team in matches inside the group."""
    members = set(group)
    stats = {team: [0, 0, 0, 0] for team in group}
    for m in matches:
        if m.home in members and m.away in members:
            assert m.home_goals is not None and m.away_goals is not None
            h, a = stats[m.home], stats[m.away]
            hg, ag = m.home_goals, m.away_goals
            h[1] += hg - ag
            a[1] += ag - hg
            h[2] += hg
            a[2] += ag
            a[3] += ag
            if hg > ag:
                h[0] += WIN_POINTS
            elif hg < ag:
                a[0] += WIN_POINTS
            else:
                h[0] += DRAW_POINTS
                a[0] += DRAW_POINTS
    return {team: (s[0], s[1], s[2], s[3]) for team, s in stats.items()}


def _h2h_complete(group: Sequence[str], matches: Sequence[MatchRecord]) -> bool:
    """True when every home-and-away meeting between the group's teams has a result."""
    members = set(group)
    met = {(m.home, m.away) for m in matches if m.home in members and m.away in members}
    return len(met) == len(members) * (len(members) - 1)


RuleKey = Callable[[Sequence[str], dict[str, Standing], Sequence[MatchRecord]], dict[str, int]]


def _overall(attr: Callable[[Standing], int]) -> RuleKey:
    def key(group: Sequence[str], rows: dict[str, Standing], _m: Sequence[MatchRecord]) -> dict[str, int]:
        return {team: attr(rows[team]) for team in group}

    return key


def _h2h(index: int) -> RuleKey:
    def key(group: Sequence[str], _rows: dict[str, Standing], m: Sequence[MatchRecord]) -> dict[str, int]:
        return {team: values[index] for team, values in _h2h_stats(group, m).items()}

    return key


_RULES: dict[str, RuleKey] = {
    "gd": _overall(lambda r: r.goal_difference),
    "gf": _overall(lambda r: r.goals_for),
    "away_gf": _overall(lambda r: r.away_goals_for),
    "h2h_points": _h2h(0),
    "h2h_gd": _h2h(1),
    "h2h_gf": _h2h(2),
    "h2h_away_gf": _h2h(3),
}


def _rank_group(
    group: list[str],
    rules: Sequence[str],
    rows: dict[str, Standing],
    matches: Sequence[MatchRecord],
    league: League,
) -> list[str]:
    if len(group) <= 1:
        return group
    if not rules:
        return sorted(group, key=lambda team: team.casefold())  # still level: alphabetical, stable
    rule, rest = rules[0], rules[1:]
    if rule in _H2H_RULES and league.h2h_needs_complete and not _h2h_complete(group, matches):
        return _rank_group(group, [r for r in rest if r not in _H2H_RULES], rows, matches, league)
    keys = _RULES[rule](group, rows, matches)
    ordered: list[str] = []
    for value in sorted(set(keys.values()), reverse=True):
        bucket = [team for team in group if keys[team] == value]
        ordered.extend(_rank_group(bucket, rest, rows, matches, league))
    return ordered


def compute_table(
    matches: Sequence[MatchRecord],
    as_of: date,
    league: League,
    adjustments: Sequence[Adjustment] = (),
) -> list[Standing]:
    """The table on `as_of` (end of that day), sorted, positions 1..n."""
    rows: dict[str, Standing] = {}
    for m in matches:
        for team in (m.home, m.away):
            row = rows.get(team)
            if row is None:
                row = rows[team] = Standing(team)
            row.fixtures += 1
    counted = counted_matches(matches, as_of)
    for m in counted:
        assert m.home_goals is not None and m.away_goals is not None
        _record(rows[m.home], m.home_goals, m.away_goals, away=False)
        _record(rows[m.away], m.away_goals, m.home_goals, away=True)
    for adj in adjustments:
        if adj.effective_on <= as_of and adj.team in rows:
            rows[adj.team].adjustment += adj.points
    for row in rows.values():
        del row.form[:-FORM_LENGTH]

    by_points: dict[int, list[str]] = {}
    for team, row in rows.items():
        by_points.setdefault(row.points, []).append(team)
    ordered: list[str] = []
    for points in sorted(by_points, reverse=True):
        ordered.extend(_rank_group(by_points[points], league.tiebreakers, rows, counted, league))
    table = [rows[team] for team in ordered]
    for position, row in enumerate(table, start=1):
        row.position = position
    return table


@dataclass(frozen=True, slots=True)
class OfficialLine:
    team: str
    position: int
    played: int
    points: int


def apply_official(table: list[Standing], official: Sequence[OfficialLine]) -> list[Standing]:
    """Take points and positions from an official snapshot when it describes the same games.

    The snapshot wins (it carries sanctions and the organiser's own tie-breaks) only when every
    club in it has played as many games as the computed table says; otherwise it is stale or
    ahead of our results and the computed table stands.
    """
    lines = {line.team: line for line in official}
    if not lines or set(lines) != {row.team for row in table}:
        return table
    if any(lines[row.team].played != row.played for row in table):
        return table
    for row in table:
        line = lines[row.team]
        row.adjustment += line.points - row.points
        row.position = line.position
        row.official = True
    table.sort(key=lambda row: row.position)
    return table
