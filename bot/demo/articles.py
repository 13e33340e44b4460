"""The demo's articles: short reports the project wrote itself, saved as one RSS feed per outlet.

Every outlet and story is invented for the demo (the names are real La Liga people, the events are
not). Times are relative to the moment the demo starts, so the stories are always this week's news.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class Story:
    title: str
    body: str
    hours_ago: float
    slug: str


@dataclass(frozen=True)
class Outlet:
    name: str
    link: str
    lang: str
    stories: tuple[Story, ...]


OUTLETS = (
    Outlet(
        "Demo Football Desk",
        "https://demo-desk.example/laliga",
        "en",
        (
            Story(
                "Diego Simeone under pressure at Atlético Madrid after third straight defeat",
                "Atlético Madrid coach Diego Simeone is under growing pressure after a third defeat "
                "in a row. Club sources say the board will hold crisis talks this week, and Xavi "
                "Hernández is being lined up as a replacement if results do not improve.",
                30,
                "simeone-pressure",
            ),
            Story(
                "Valverde faces murmurs at Athletic Club after poor run",
                "Ernesto Valverde is facing criticism from supporters at Athletic Club after a poor "
                "run of results, though the club insists his position is safe for now.",
                20,
                "valverde-murmurs",
            ),
        ),
    ),
    Outlet(
        "Diario Demo",
        "https://diario-demo.example/futbol",
        "es",
        (
            Story(
                "El Atlético da un ultimátum a Diego Simeone",
                "La directiva del Atlético de Madrid ha dado un ultimátum a Diego Simeone antes del "
                "derbi. Según fuentes del club, Xavi Hernández es el favorito para sustituirle si "
                "el equipo vuelve a perder.",
                12,
                "ultimatum-simeone",
            ),
        ),
    ),
    Outlet(
        "Gazzetta Demo",
        "https://gazzetta-demo.example/calcio",
        "it",
        (
            Story(
                "Atlético, Simeone in bilico: Benítez in pole",
                "Diego Simeone è in bilico sulla panchina dell'Atlético Madrid dopo l'ennesima "
                "sconfitta. Per la successione Rafael Benítez è in pole.",
                9,
                "simeone-bilico",
            ),
        ),
    ),
    Outlet(
        "Fußball Demo",
        "https://fussball-demo.example/spanien",
        "de",
        (
            Story(
                "Simeone vor dem Aus bei Atlético",
                "Diego Simeone steht bei Atlético Madrid vor dem Aus. Der Klub sucht bereits einen "
                "Nachfolger, als Favorit gilt Xavi Hernández.",
                6,
                "simeone-vor-dem-aus",
            ),
        ),
    ),
    Outlet(
        "Le Foot Démo",
        "https://foot-demo.example/liga",
        "fr",
        (
            Story(
                "Valverde sous pression à l'Athletic Club",
                "Ernesto Valverde est sous pression à l'Athletic Club après une série de mauvais "
                "résultats. Les supporters réclament du changement.",
                3,
                "valverde-pression",
            ),
        ),
    ),
)


def rss(outlet: Outlet, now: datetime) -> str:
    items = "".join(
        "<item>"
        f"<title>{escape(story.title)}</title>"
        f"<link>{outlet.link}/{story.slug}</link>"
        f"<guid>{outlet.link}/{story.slug}</guid>"
        f"<pubDate>{format_datetime(now - timedelta(hours=story.hours_ago))}</pubDate>"
        f"<description>{escape(story.body)}</description>"
        "</item>"
        for story in outlet.stories
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{escape(outlet.name)}</title><link>{outlet.link}</link>"
        f"<language>{outlet.lang}</language><description>{escape(outlet.name)}</description>"
        f"{items}</channel></rss>"
    )


def write_feeds(folder: Path, now: datetime) -> None:
    """One saved feed file per outlet, read back by news.ingest_dir like any saved feed."""
    for number, outlet in enumerate(OUTLETS):
        (folder / f"{number}-{outlet.lang}.xml").write_text(rss(outlet, now), encoding="utf-8")
