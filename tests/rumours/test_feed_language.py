"""The article's language reaches analysis in production (issue 11): through the real path (feed server
on loopback → poll → store → analysis worker → rumours), a feed's declared language picks the pack,
and an article from a feed that declares none is read in the language detected from its text.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from email.utils import format_datetime

from bot.service import Service
from tests.rumours.conftest import Newsroom, ScriptedAnalyzer
from tests.support.feed_server import FeedServer, item, rss_feed

# Written for this test. No club statement is quoted, so the sacking stays reported until a second
# outlet or the club confirms it.
SPANISH = (
    "El Real Madrid destituye a Álvaro Arbeloa",
    "El Real Madrid ha destituido a Álvaro Arbeloa como entrenador tras la derrota ante el Barcelona.",
)
ITALIAN = (
    "Juventus, Thiago Motta sempre più in bilico",
    "La panchina di Thiago Motta alla Juventus traballa: dopo la sconfitta con la Fiorentina la"
    " dirigenza valuta l'esonero dell'allenatore e il suo futuro resta in bilico.",
)


async def _stored(service: Service) -> dict[str, tuple[str | None, str | None, int]]:
    """Per article title: the language its feed declared (else the one detected), the first cue read,
    the level found.

    The cue is a word of the pack that read the article: the English reader finds nothing in either."""
    async with service.store.read() as db:
        cursor = await db.execute(
            "SELECT a.title, a.lang, f.data, f.level FROM articles a JOIN findings f ON f.article_id = a.id"
        )
        rows = await cursor.fetchall()
    return {title: (lang, json.loads(data)["evidence"][0]["cue"], level) for title, lang, data, level in rows}


async def test_declared_and_detected_languages_pick_the_pack(service: Service) -> None:
    now = datetime.now(UTC)
    spanish = item(1, title=SPANISH[0], summary=SPANISH[1], date=format_datetime(now))
    italian = item(2, title=ITALIAN[0], summary=ITALIAN[1], date=format_datetime(now))
    async with FeedServer() as server:
        server.feed("/marca.xml", rss_feed([spanish], title="Marca", language="es-ES"))
        server.feed("/calcio.xml", rss_feed([italian], title="Calcio Blog", language=None))
        await service.news.add_feed(server.url("/marca.xml"), guild_id=None)
        await service.news.add_feed(server.url("/calcio.xml"), guild_id=None)
        await service.news.poll_once()

    assert await _stored(service) == {
        SPANISH[0]: ("es", "destituye", 3),
        ITALIAN[0]: ("it", "esonero", 2),  # detected, then stored with the article
    }
    board = {e.manager_key: (e.level, e.standing) for e in (await service.rumours.hotseat(now=now)).entries}
    assert board["alvaro-arbeloa"] == (3, "reported (1 source)")
    assert board["thiago-motta"][0] == 2
    # Reported, not confirmed: one outlet's word does not end the tenure.
    arbeloa = await service.registry.current_manager("real-madrid")
    assert arbeloa is not None and arbeloa.key == "alvaro-arbeloa"


async def test_record_article_hands_the_feeds_language_to_analysis(
    news: Newsroom, analyzer: ScriptedAnalyzer
) -> None:
    await news.publish("Crisis en el Real Madrid", None, lang="es")
    await news.publish("Undeclared", None)
    assert analyzer.langs == {"Crisis en el Real Madrid": "es", "Undeclared": None}
