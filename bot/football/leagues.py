"""The leagues Hotseat keeps tables for, and how each one breaks ties.

One `League` per competition, keyed by its openfootball code (the registry uses the same codes). The
tie-break order is data: a tuple of rule names that `bot.football.table` applies in turn, so each rule
is written once and each league only lists them. Sources for each order are in the comments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.errors import UserError
from bot.registry.names import fold


@dataclass(frozen=True, slots=True)
class League:
    code: str  # openfootball code, e.g. "es.1"
    name: str
    country: str
    football_data_code: str  # football-data.org v4 competition code
    timezone: str  # local calendar of the league (openfootball dates are local)
    tiebreakers: tuple[str, ...]
    # True when head-to-head rules only count once every match inside the tied group is played;
    # until then the next overall rule decides (how LaLiga and Lega Serie A publish tables mid-season).
    h2h_needs_complete: bool
    aliases: tuple[str, ...]


LEAGUES: tuple[League, ...] = (
    # Premier League Handbook, Section C: points, goal difference, goals scored, then the points and
    # away goals in the matches between the clubs (head-to-head added from 2022-23), then a play-off.
    League(
        code="en.1",
        name="Premier League",
        country="England",
        football_data_code="PL",
        timezone="Europe/London",
        tiebreakers=("gd", "gf", "h2h_points", "h2h_away_gf"),
        h2h_needs_complete=False,
        aliases=("premier league", "epl", "pl", "english premier league", "premiership", "england"),
    ),
    # RFEF/LaLiga: points, then head-to-head points and head-to-head goal difference (goals scored in
    # the group's matches when more than two clubs tie), then overall goal difference and goals scored.
    League(
        code="es.1",
        name="La Liga",
        country="Spain",
        football_data_code="PD",
        timezone="Europe/Madrid",
        tiebreakers=("h2h_points", "h2h_gd", "h2h_gf", "gd", "gf"),
        h2h_needs_complete=True,
        aliases=(
            "la liga",
            "laliga",
            "liga",
            "pd",
            "primera division",
            "primera",
            "laliga ea sports",
            "spain",
            "spanish league",
        ),
    ),
    # Lega Serie A (from 2022-23): points, head-to-head points, head-to-head goal difference, then
    # overall goal difference and goals scored (play-offs only for the title and relegation).
    League(
        code="it.1",
        name="Serie A",
        country="Italy",
        football_data_code="SA",
        timezone="Europe/Rome",
        tiebreakers=("h2h_points", "h2h_gd", "gd", "gf"),
        h2h_needs_complete=True,
        aliases=("serie a", "sa", "italy", "italian league", "calcio"),
    ),
    # DFL Spielordnung §5: points, goal difference, goals scored, head-to-head points, away goals in
    # the head-to-head matches, away goals overall.
    League(
        code="de.1",
        name="Bundesliga",
        country="Germany",
        football_data_code="BL1",
        timezone="Europe/Berlin",
        tiebreakers=("gd", "gf", "h2h_points", "h2h_away_gf", "away_gf"),
        h2h_needs_complete=False,
        aliases=("bundesliga", "bl1", "bl", "1. bundesliga", "germany", "german league"),
    ),
    # LFP regulations (art. 518): points, overall goal difference, then the matches between the clubs
    # (points, goal difference, goals scored, away goals scored), then overall goals and away goals.
    # 2023-24 shows it: Metz and Lorient level on 29 and -23, h2h split, Metz's three away goals won.
    League(
        code="fr.1",
        name="Ligue 1",
        country="France",
        football_data_code="FL1",
        timezone="Europe/Paris",
        tiebreakers=("gd", "h2h_points", "h2h_gd", "h2h_gf", "h2h_away_gf", "gf", "away_gf"),
        h2h_needs_complete=False,
        aliases=("ligue 1", "ligue1", "fl1", "l1", "france", "french league", "ligue 1 mcdonalds"),
    ),
)

_BY_CODE = {league.code: league for league in LEAGUES}
_BY_ALIAS: dict[str, League] = {}
for _league in LEAGUES:
    for _text in (_league.code, _league.name, _league.football_data_code, *_league.aliases):
        _BY_ALIAS[fold(_text)] = _league
        _BY_ALIAS[fold(_text).replace(" ", "")] = _league

# Words that appear in openfootball's file names ("Spain Primera División 2024/25").
_NAME_HINTS: tuple[tuple[str, str], ...] = (
    ("premier league", "en.1"),
    ("primera division", "es.1"),
    ("la liga", "es.1"),
    ("serie a", "it.1"),
    ("bundesliga", "de.1"),
    ("ligue 1", "fr.1"),
)


def league_by_code(code: str) -> League | None:
    return _BY_CODE.get(code)


def find_league(text: str) -> League | None:
    """A league from a code or name as people type it ("laliga", "La Liga", "PD", "EPL", "es.1")."""
    folded = fold(text)
    return _BY_ALIAS.get(folded) or _BY_ALIAS.get(folded.replace(" ", ""))


def resolve_league(text: str) -> League:
    league = find_league(text)
    if league is None:
        known = ", ".join(f"{lg.name} ({lg.code})" for lg in LEAGUES)
        raise UserError("No league called '{text}' — try one of: {known}.", text=text, known=known)
    return league


def league_from_title(title: str) -> League | None:
    """Guess the league from an openfootball file's `name` ("English Premier League 2025/26")."""
    folded = fold(title)
    for hint, code in _NAME_HINTS:
        if hint in folded:
            return _BY_CODE[code]
    return None


_SEASON_SLASH = re.compile(r"(?<!\d)(\d{4})\s*[/-]\s*(\d{2}|\d{4})(?!\d)")


def season_from_text(text: str) -> str | None:
    """'2024/25', '2024-25' or '2024-2025' anywhere in `text` → '2024-25' (only consecutive years)."""
    for match in _SEASON_SLASH.finditer(text):
        start = int(match.group(1))
        end_text = match.group(2)
        end = int(end_text) if len(end_text) == 4 else (start // 100) * 100 + int(end_text)
        if end < start and len(end_text) == 2:
            end += 100  # "1999/00"
        if end == start + 1:
            return f"{start}-{end % 100:02d}"
    return None


def season_label(start_year: int) -> str:
    return f"{start_year}-{(start_year + 1) % 100:02d}"


def season_of(day: date) -> str:
    """The season running on `day`: European league seasons start in July or August."""
    return season_label(day.year if day.month >= 7 else day.year - 1)
