"""Read openfootball's football.json files (one league season per file): pure, bytes in, rows out.

The format and its traps are described in ../shared/data/openfootball/README.md: `score.ft` exists
only when a match has a result, a rescheduled match keeps its original round but carries the date it
was played, `status` is rare ("awarded", "postponed"). League and season come from the file's path
("2024-25/es.1.json") when it has one, else from its `name` ("Spain Primera División 2024/25") and dates.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.errors import UserError
from bot.football.leagues import League, league_by_code, league_from_title, season_from_text, season_label

_CODE_IN_PATH = re.compile(r"([a-z]{2,3}\.\d)\.json$", re.IGNORECASE)
_TIME = re.compile(r"^\d{1,2}:\d{2}$")


@dataclass(frozen=True, slots=True)
class MatchRow:
    """One fixture ready for the matches table."""

    round: str | None
    match_date: date
    kickoff: str | None
    home: str
    away: str
    home_goals: int | None
    away_goals: int | None
    status: str  # scheduled | played | awarded | postponed


@dataclass(frozen=True, slots=True)
class SeasonFile:
    league: League
    season: str
    title: str
    matches: tuple[MatchRow, ...]


def _fail(origin: str, problem: str) -> UserError:
    return UserError(f"{origin} is not a usable football.json file: {problem}.")


def _score(value: Any) -> tuple[int, int] | None:
    if not isinstance(value, list) or len(value) != 2:
        return None
    home, away = value
    if (
        isinstance(home, bool)
        or isinstance(away, bool)
        or not isinstance(home, int)
        or not isinstance(away, int)
    ):
        return None
    if home < 0 or away < 0:
        return None
    return home, away


def _parse_match(raw: Any, number: int, origin: str) -> MatchRow:
    if not isinstance(raw, dict):
        raise _fail(origin, f"match {number} is not an object")
    home, away = raw.get("team1"), raw.get("team2")
    if not isinstance(home, str) or not isinstance(away, str) or not home.strip() or not away.strip():
        raise _fail(origin, f"match {number} lacks team1/team2")
    if home.strip() == away.strip():
        raise _fail(origin, f"match {number} has {home!r} playing itself")
    try:
        played_on = date.fromisoformat(str(raw.get("date")))
    except ValueError:
        raise _fail(origin, f"match {number} ({home} v {away}) has no valid date") from None
    kickoff = raw.get("time")
    kickoff = kickoff if isinstance(kickoff, str) and _TIME.match(kickoff) else None
    score = raw.get("score") or {}
    if not isinstance(score, dict):
        raise _fail(origin, f"match {number} ({home} v {away}) has a malformed score")
    full_time = None
    if "ft" in score:
        full_time = _score(score["ft"])
        if full_time is None:
            raise _fail(origin, f"match {number} ({home} v {away}) has a malformed full-time score")
    flag = str(raw.get("status") or "").strip().lower()
    if flag == "postponed" and full_time is None:
        status = "postponed"
    elif full_time is None:
        status = "scheduled"
    elif flag == "awarded":
        status = "awarded"
    else:
        status = "played"
    round_label = raw.get("round")
    return MatchRow(
        round=str(round_label) if round_label is not None else None,
        match_date=played_on,
        kickoff=kickoff,
        home=home.strip(),
        away=away.strip(),
        home_goals=full_time[0] if full_time else None,
        away_goals=full_time[1] if full_time else None,
        status=status,
    )


def _league_for(origin: str, title: str) -> League:
    found = _CODE_IN_PATH.search(origin.split("?", 1)[0])
    if found:
        league = league_by_code(found.group(1).lower())
        if league is not None:
            return league
    league = league_from_title(title)
    if league is None:
        raise _fail(origin, f"cannot tell which league {title or 'it'!r} is (name the file like es.1.json)")
    return league


def _season_for(origin: str, title: str, matches: tuple[MatchRow, ...]) -> str:
    for text in (title, origin):
        season = season_from_text(text)
        if season:
            return season
    first = min(m.match_date for m in matches)
    return season_label(first.year if first.month >= 7 else first.year - 1)


def parse_season_file(data: bytes, origin: str) -> SeasonFile:
    """Parse one football.json document; any problem raises a UserError naming `origin`."""
    try:
        document = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _fail(origin, f"not valid JSON ({exc})") from None
    if not isinstance(document, dict) or not isinstance(document.get("matches"), list):
        raise _fail(origin, "it has no 'matches' list")
    title = document.get("name")
    title = title if isinstance(title, str) else ""
    matches = tuple(_parse_match(raw, i, origin) for i, raw in enumerate(document["matches"], start=1))
    if not matches:
        raise _fail(origin, "it lists no matches")
    seen: set[tuple[str, str]] = set()
    for m in matches:
        if (m.home, m.away) in seen:
            raise _fail(origin, f"{m.home} v {m.away} is listed twice")
        seen.add((m.home, m.away))
    return SeasonFile(
        league=_league_for(origin, title),
        season=_season_for(origin, title, matches),
        title=title,
        matches=matches,
    )
