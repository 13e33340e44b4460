"""Test data written in our own words: a La Liga season in openfootball format and saved RSS feeds.

The bot learns it through its own import paths (football.import_matches, news.ingest_dir), never SQL.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

# Club names as the bundled registry spells them (bot/registry/data/clubs/es.1.toml).
CLUBS = (
    "Real Madrid CF",
    "FC Barcelona",
    "Club Atlético de Madrid",
    "Athletic Club",
    "CA Osasuna",
    "Deportivo Alavés",
    "Elche CF",
    "Getafe CF",
    "Girona FC",
    "Levante UD",
    "RC Celta de Vigo",
    "RCD Espanyol de Barcelona",
    "RCD Mallorca",
    "Rayo Vallecano de Madrid",
    "Real Betis Balompié",
    "Real Oviedo",
    "Real Sociedad de Fútbol",
    "Sevilla FC",
    "Valencia CF",
    "Villarreal CF",
)
SEASON = "2026-27"
LEAGUE = "es.1"
ROUNDS = 10
FIRST_MATCHDAY = date(2026, 8, 22)
# Barcelona's round-10 match is postponed: it has a game in hand on everybody else.
POSTPONED = ("FC Barcelona",)


def _pairings(round_no: int) -> list[tuple[str, str]]:
    """Circle-method round robin: every club plays once per round, no pair repeats."""
    teams = list(CLUBS)
    fixed, rest = teams[0], teams[1:]
    shift = round_no % len(rest)
    rotated = rest[shift:] + rest[:shift]
    lineup = [fixed, *rotated]
    half = len(lineup) // 2
    pairs = list(zip(lineup[:half], reversed(lineup[half:]), strict=True))
    return [(b, a) if round_no % 2 else (a, b) for a, b in pairs]


def _score(home: str, away: str, round_no: int) -> list[int]:
    """Deterministic results where the registry's first clubs tend to win (a readable table)."""
    strength = {club: len(CLUBS) - i for i, club in enumerate(CLUBS)}
    swing = (round_no * 7 + len(home) * 3 + len(away)) % 5
    diff = (strength[home] - strength[away]) // 6 + (swing - 2)
    if home == "Real Madrid CF" and round_no >= ROUNDS - 3:
        diff = -2  # a poor recent run: the story our feeds tell
    home_goals = max(diff, 0) + 1
    away_goals = max(-diff, 0) + (1 if swing == 2 else 0)
    return [home_goals, away_goals]


def season_document() -> dict[str, object]:
    matches = []
    for round_no, day in zip(range(1, ROUNDS + 1), itertools.count(), strict=False):
        played_on = FIRST_MATCHDAY + timedelta(days=7 * day)
        for home, away in _pairings(round_no):
            match: dict[str, object] = {
                "round": f"Matchday {round_no}",
                "date": played_on.isoformat(),
                "team1": home,
                "team2": away,
            }
            if not (round_no == ROUNDS and (home in POSTPONED or away in POSTPONED)):
                match["score"] = {"ft": _score(home, away, round_no)}
            matches.append(match)
    return {"name": "Primera División 2026/27", "matches": matches}


def write_season(root: Path) -> Path:
    """Write `<root>/<season>/es.1.json`, the layout openfootball's repository uses."""
    path = root / SEASON / f"{LEAGUE}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(season_document(), ensure_ascii=False, indent=1), encoding="utf-8")
    return path


@dataclass(frozen=True)
class Item:
    title: str
    body: str
    hours_ago: float
    slug: str


OUTLET_A = ("Iberian Football Desk", "https://iberian-football.example/laliga")
OUTLET_B = ("Madrid Touchline", "https://madrid-touchline.example/news")

# The manager the stories are about: one whose tenure in the bundled registry is long and settled, so
# registry updates do not move him (the registry, not these files, says who manages which club).
MANAGER = "Diego Simeone"
MANAGER_KEY = "diego-simeone"
CLUB = "Atlético"  # how the bot may shorten "Club Atlético de Madrid"
TIPPED_FIRST = "Xavi Hernández"  # named by both outlets
TIPPED_SECOND = "Rafael Benítez"  # named by one
SECOND_MANAGER = "Ernesto Valverde"

STORIES_A = (
    Item(
        "Diego Simeone under pressure at Atlético Madrid after third straight defeat",
        "Atlético Madrid coach Diego Simeone is under growing pressure after a third defeat in a row. "
        "Club sources say the board will hold crisis talks this week, and Xavi Hernández is being "
        "lined up as a replacement if results do not improve.",
        20,
        "simeone-pressure",
    ),
    Item(
        "Valverde faces murmurs at Athletic Club after poor run",
        "Ernesto Valverde is facing criticism from supporters at Athletic Club after a poor run of "
        "results, though the club insists his position is safe for now.",
        15,
        "valverde-murmurs",
    ),
)
STORIES_B = (
    Item(
        "Atlético Madrid board gives Diego Simeone ultimatum: win or go",
        "The Atlético Madrid board has given Diego Simeone an ultimatum before the weekend. "
        "Sources at the club say Xavi Hernández is the preferred replacement, with Rafael Benítez "
        "the other option. Simeone is under pressure after a poor run.",
        6,
        "simeone-ultimatum",
    ),
)
SUCCESSOR_LINK = "https://madrid-touchline.example/news/simeone-ultimatum"
# A hostile headline: must reach Discord escaped and unable to ping anyone.
PING_ITEM = Item(
    "@everyone Diego Simeone sacked by Atlético Madrid **official** <@&123456789012345678> @here",
    "Atlético Madrid have sacked Diego Simeone with immediate effect, the club confirmed in a "
    "statement. Xavi Hernández is expected to take charge.",
    0.05,
    "simeone-sacked",
)


def rss(outlet: tuple[str, str], items: tuple[Item, ...], now: datetime) -> str:
    name, link = outlet
    entries = []
    for item in items:
        published = format_datetime(now - timedelta(hours=item.hours_ago))
        entries.append(
            "<item>"
            f"<title>{escape(item.title)}</title>"
            f"<link>{link}/{item.slug}</link>"
            f"<guid>{link}/{item.slug}</guid>"
            f"<pubDate>{published}</pubDate>"
            f"<description>{escape(item.body)}</description>"
            "</item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0"><channel>'
        f"<title>{escape(name)}</title><link>{link}</link><description>{escape(name)}</description>"
        + "".join(entries)
        + "</channel></rss>"
    )


def write_feeds(folder: Path, now: datetime | None = None) -> Path:
    """The background stories, as two saved feed files."""
    moment = now or datetime.now(UTC)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "iberian.xml").write_text(rss(OUTLET_A, STORIES_A, moment), encoding="utf-8")
    (folder / "touchline.xml").write_text(rss(OUTLET_B, STORIES_B, moment), encoding="utf-8")
    return folder


LIVE_FEED = "touchline-live.xml"


# The same sacking told again an hour later: it joins the story above and must not alert twice.
FOLLOW_UP_ITEM = Item(
    "Atlético Madrid confirm Diego Simeone has been sacked",
    "Atlético Madrid confirmed they have sacked Diego Simeone. The club is looking for a permanent "
    "replacement and Xavi Hernández is expected to take charge.",
    0.01,
    "simeone-sacked-confirmed",
)

# Another club's sacking: a new story, so its alert is a positive sign the loop has handled the ones before.
OTHER_SACKING_ITEM = Item(
    "Athletic Club sack Ernesto Valverde",
    "Athletic Club have sacked Ernesto Valverde with immediate effect, the club confirmed in a statement.",
    0.02,
    "valverde-sacked",
)


def write_live_feed(folder: Path, items: tuple[Item, ...], now: datetime | None = None) -> Path:
    """The feed the bot polls live, with whatever it publishes now."""
    moment = now or datetime.now(UTC)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LIVE_FEED
    path.write_text(rss(OUTLET_B, items, moment), encoding="utf-8")
    return path


# Managers of other La Liga clubs, as the bundled registry names them.
BULK_MANAGERS = (
    ("Manuel Pellegrini", "Real Betis"),
    ("Hansi Flick", "Barcelona"),
    ("Alessio Lisci", "Osasuna"),
    ("Eduardo Coudet", "Alavés"),
    ("Eder Sarabia", "Elche"),
    ("José Bordalás", "Getafe"),
    ("Míchel Sánchez", "Girona"),
    ("Julián Calero", "Levante"),
    ("Claudio Giráldez", "Celta Vigo"),
    ("Manolo González", "Espanyol"),
    ("Jagoba Arrasate", "Mallorca"),
    ("Iñigo Pérez", "Rayo Vallecano"),
    ("Luis Carrión", "Real Oviedo"),
    ("Sergio Francisco", "Real Sociedad"),
    ("Matías Almeyda", "Sevilla"),
    ("Carlos Corberán", "Valencia"),
    ("Marcelino García Toral", "Villarreal"),
)


def bulk_items() -> tuple[Item, ...]:
    """Two long, markdown-heavy stories per manager: a digest far beyond one message's limits."""
    items = []
    for i, (manager, club) in enumerate(BULK_MANAGERS):
        for j, angle in enumerate(("crisis talks", "ultimatum")):
            title = (
                f"{manager} under pressure at {club} as *board* calls {angle} — fans chant _out_ "
                f"after ~{j + 3}~ defeats | `{club}` in turmoil > sources say the next game is must-win "
                f"for {manager} and {club} ({'*' * 6} {'_' * 6})"
            )
            body = (
                f"{manager} is under serious pressure at {club}. The board has called {angle} after a poor "
                f"run, and club sources describe the next game as must-win for {manager}."
            )
            items.append(Item(title, body, 3 + i * 0.2 + j * 0.1, f"bulk-{i}-{j}"))
    return tuple(items)


def write_bulk(folder: Path, now: datetime | None = None) -> Path:
    moment = now or datetime.now(UTC)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "bulk.xml").write_text(rss(OUTLET_A, bulk_items(), moment), encoding="utf-8")
    return folder
